//! `--redact`, the report's part: the texts a built report carries from the inputs and the
//! command line, masked as the cells were.

use std::borrow::Cow;

use anyhow::Result;

use super::Report;
use crate::redact::mask_numbers;

/// Masks every text of a built report that the inputs or the command line put there: the
/// command line, the paths of the inputs, the policy and the holiday file, the headers of the
/// inputs (carried, left out, looked for), the reasons that quote values, and the names of
/// the carried columns in the cases table. The cells were masked before they were counted
/// ([`crate::redact::redact`]); this leaves no other way for a number to reach a written file.
pub(crate) fn mask_texts(report: &mut Report) -> Result<()> {
    let mut masked = 0u64;
    let mut mask = |value: &mut String| {
        if let Cow::Owned(m) = mask_numbers(value) {
            masked += 1;
            *value = m;
        }
    };
    mask(&mut report.command_line);
    for closure in &mut report.closures {
        mask(&mut closure.name);
    }
    if let Some((later, _, earlier, _)) = &mut report.freshness.older_later_input {
        mask(later);
        mask(earlier);
    }
    if let Some(file) = &mut report.holiday_file {
        mask(file);
    }
    mask(&mut report.policy.name);
    if let Some(comparison) = &mut report.comparison {
        mask(&mut comparison.policy.name);
        mask(&mut comparison.description);
    }
    for input in &mut report.inputs {
        mask(&mut input.name);
        if let Some(sheet) = &mut input.sheet {
            mask(sheet);
        }
        input.headers.iter_mut().for_each(&mut mask);
        input.column_choices.iter_mut().for_each(&mut mask);
        if let Some(note) = &mut input.date_order {
            mask(&mut note.reason);
        }
        for absent in &mut input.absent {
            absent.look_alikes.iter_mut().for_each(&mut mask);
            absent.targets.iter_mut().for_each(&mut mask);
        }
    }
    for missing in &mut report.columns_missing {
        mask(&mut missing.input);
        missing.look_alikes.iter_mut().for_each(&mut mask);
        missing.targets.iter_mut().for_each(&mut mask);
        mask(&mut missing.effect);
    }
    if let Some(redaction) = &mut report.redaction {
        redaction.columns_left_out.iter_mut().for_each(&mut mask);
        redaction.columns_kept.iter_mut().for_each(&mut mask);
    }
    let mut renames = Vec::new();
    for name in &mut report.carried {
        let old = name.clone();
        mask(name);
        if *name != old {
            renames.push((old, name.clone()));
        }
    }
    for (old, new) in renames {
        report.cases.rename(&old, new.as_str().into())?;
    }
    if let Some(redaction) = &mut report.redaction {
        redaction.values_masked += masked;
    }
    Ok(())
}
