//! `complaint-sla sample`: write a synthetic export.

use std::io::Write;

use anyhow::{Context, Result};

use super::flag_date;
use crate::cli::{SampleArgs, SampleStyle};
use crate::error::BadInput;
use crate::output;
use crate::sample::{SampleSpec, Style};

pub fn run(args: SampleArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let from = flag_date("--from", &args.from)?;
    let to = flag_date("--to", &args.to)?;
    if !(0.0..=1.0).contains(&args.never_resolved) {
        return Err(BadInput::flag(
            "--never-resolved",
            format!("{} is not a share from 0 to 1", args.never_resolved),
        )
        .into());
    }
    if to < from {
        return Err(BadInput::flag("--to", format!("{to} is before --from {from}")).into());
    }
    let spec = SampleSpec {
        rows: args.rows,
        seed: args.seed,
        from,
        to,
        style: match args.style {
            SampleStyle::Canonical => Style::Canonical,
            SampleStyle::Nordic => Style::Nordic,
        },
        bad: args.bad,
        never_resolved: args.never_resolved,
        markets: args.markets,
    };
    if args.output.as_os_str() == "-" {
        let mut buffered = std::io::BufWriter::new(out);
        crate::sample::write(&spec, &mut buffered)?;
        buffered.flush()?;
    } else {
        output::write_atomic_with(&args.output, |w| crate::sample::write(&spec, w))
            .context("-o")?;
        writeln!(
            err,
            "wrote {} valid cases and {} malformed rows to {}",
            spec.rows,
            spec.bad * crate::sample::bad_reasons(&spec).len() as u64 + spec.bad,
            args.output.display()
        )?;
    }
    Ok(())
}
