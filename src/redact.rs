//! `--redact`: a report a regulator can be sent. An allowlist, not a denylist: a redacted
//! report holds the case id, the dates, the computed columns and the descriptive columns the
//! figures count by (channel, product, category, stage, outcome, referral); every other column
//! of the export is left out unless `--keep HEADER` names it. In the text that remains (and in
//! file names, rejects and warnings), card numbers (13 to 19 digits, longer runs too) are masked
//! to their last four digits and Norwegian national identity numbers (11 digits: fødselsnummer
//! and D-number) are masked whole. Redaction happens before any figure is computed, so no
//! figure, breakdown or sheet shows what the cases table does not.

use std::borrow::Cow;

use anyhow::Result;
use polars::prelude::*;

use crate::columns::normalise;
use crate::error::BadInput;
use crate::ingest::{Ingested, RejectReason};

/// What `--redact` was asked to do: the carried columns to keep (`--keep`), and those named as
/// personal (`--personal`, left out as every carried column not kept is; named so that a typo
/// is caught).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RedactOptions {
    pub keep: Vec<String>,
    pub personal: Vec<String>,
}

/// What `--redact` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// The export's columns left out, by the name the report would have given them.
    pub columns_left_out: Vec<String>,
    /// The export's columns kept by `--keep`.
    pub columns_kept: Vec<String>,
    /// How many values had card or national identity numbers masked.
    pub values_masked: u64,
}

/// Whether a carried column (as the report names it: its header, or `input_HEADER` when the
/// header clashes with one of the report's own columns) is the one `header` names.
fn names(carried: &str, header: &str) -> bool {
    let wanted = normalise(header);
    normalise(carried) == wanted
        || carried
            .strip_prefix("input_")
            .is_some_and(|original| normalise(original) == wanted)
}

/// Checks `--keep` and `--personal` against the inputs' headers: each must name a column of
/// the export that the report would otherwise carry (exit 2 naming the headers found).
pub fn check_options(options: &RedactOptions, ingested: &Ingested) -> Result<()> {
    let headers: Vec<&str> = ingested
        .inputs
        .iter()
        .flat_map(|i| i.headers.iter().map(String::as_str))
        .collect();
    let mut found: Vec<&str> = Vec::new();
    for header in &headers {
        if !found.contains(header) {
            found.push(header);
        }
    }
    let listed = found
        .iter()
        .map(|h| format!("'{h}'"))
        .collect::<Vec<_>>()
        .join(", ");
    for (flag, list) in [("--keep", &options.keep), ("--personal", &options.personal)] {
        for header in list {
            if ingested.carried.iter().any(|c| names(c, header)) {
                continue;
            }
            let what = if found.iter().any(|h| normalise(h) == normalise(header)) {
                format!(
                    "'{header}' is read as one of the report's own columns (case id, a date, \
                     channel, product, category, stage, outcome, referral), which a redacted \
                     report always holds, its free text masked"
                )
            } else {
                format!("'{header}' matches no header of the inputs")
            };
            return Err(BadInput::flag(flag, format!("{what}; headers found: {listed}")).into());
        }
    }
    if let Some(both) = options.keep.iter().find(|k| {
        options
            .personal
            .iter()
            .any(|p| normalise(p) == normalise(k))
    }) {
        return Err(BadInput::flag(
            "--keep",
            format!("'{both}' is named by both --keep and --personal"),
        )
        .into());
    }
    Ok(())
}

/// Redacts what ingest read, before anything is evaluated or counted: leaves out the carried
/// columns `--keep` does not name, masks numbers in every remaining text value (the case id
/// aside: it identifies the case to the firm and the regulator), in rejects, warnings and the
/// inputs' names, and leaves out the raw value of a row with the wrong number of fields.
pub fn redact(ingested: &mut Ingested, options: &RedactOptions) -> Result<Redaction> {
    check_options(options, ingested)?;
    let (kept, left_out): (Vec<String>, Vec<String>) = std::mem::take(&mut ingested.carried)
        .into_iter()
        .partition(|c| options.keep.iter().any(|k| names(c, k)));
    for name in &left_out {
        ingested.texts.drop_in_place(name)?;
    }
    let mut masked = 0u64;
    let text_columns: Vec<String> = ingested
        .texts
        .columns()
        .iter()
        .filter(|c| c.dtype() == &DataType::String)
        .map(|c| c.name().to_string())
        .collect();
    for name in text_columns {
        let values = ingested.texts.column(&name)?.str()?.clone();
        let mut changed = false;
        let new: StringChunked = values
            .iter()
            .map(|v| {
                v.map(|v| match mask_numbers(v) {
                    Cow::Borrowed(v) => v.to_string(),
                    Cow::Owned(m) => {
                        masked += 1;
                        changed = true;
                        m
                    }
                })
            })
            .collect();
        if changed {
            ingested
                .texts
                .with_column(new.with_name(name.as_str().into()).into_column())?;
        }
    }
    let mut mask = |value: &mut String| {
        if let Cow::Owned(m) = mask_numbers(value) {
            masked += 1;
            *value = m;
        }
    };
    for input in &mut ingested.inputs {
        mask(&mut input.name);
        if let Some(sheet) = &mut input.sheet {
            mask(sheet);
        }
    }
    for reject in &mut ingested.rejects {
        mask(&mut reject.file);
        if reject.reason == RejectReason::WrongFieldCount {
            reject.value = "(the row is left out: --redact)".to_string();
        } else {
            mask(&mut reject.value);
        }
        mask(&mut reject.detail);
    }
    for warning in &mut ingested.warnings {
        mask(&mut warning.file);
        mask(&mut warning.value);
    }
    ingested.carried = kept.clone();
    Ok(Redaction {
        columns_left_out: left_out,
        columns_kept: kept,
        values_masked: masked,
    })
}

/// Masks the numbers a redacted report must not show: every run of 13 or more digits (spaces
/// or dashes between them allowed; card numbers have 13 to 19) to `*` but its last four
/// digits, `4111 1111 1111 1111` to `**** **** **** 1111`; and every run of exactly 11 digits
/// (a fødselsnummer or D-number, `010190 12345` too) whole.
pub fn mask_numbers(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    if bytes.iter().filter(|b| b.is_ascii_digit()).count() < 11 {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let mut masked = false;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        // The run: digits, and single spaces or dashes followed by a digit.
        let start = i;
        let mut end = i;
        let mut digits = 0;
        while end < bytes.len() {
            if bytes[end].is_ascii_digit() {
                digits += 1;
                end += 1;
            } else if (bytes[end] == b' ' || bytes[end] == b'-')
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            {
                end += 1;
            } else {
                break;
            }
        }
        let shown = match digits {
            11 => Some(0),
            13.. => Some(4),
            _ => None,
        };
        if let Some(shown) = shown {
            masked = true;
            let mut seen = 0;
            for &b in &bytes[start..end] {
                if b.is_ascii_digit() {
                    seen += 1;
                    out.push(if digits - seen < shown { b } else { b'*' });
                } else {
                    out.push(b);
                }
            }
        } else {
            out.extend_from_slice(&bytes[start..end]);
        }
        i = end;
    }
    if masked {
        Cow::Owned(String::from_utf8(out).expect("only ASCII digits were replaced"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carried_columns_are_named_by_their_header_or_its_prefixed_name() {
        assert!(names("Region", "region"));
        assert!(names("input_Status", "Status"));
        assert!(names("Kundenummer", "kundenummer"));
        assert!(!names("Kundenummer", "Kunde"));
    }

    #[test]
    fn card_numbers_keep_only_their_last_four_digits() {
        assert_eq!(
            mask_numbers("kort 4111 1111 1111 1111 ble belastet"),
            "kort **** **** **** 1111 ble belastet"
        );
        assert_eq!(mask_numbers("3782-822463-10005"), "****-******-*0005");
        assert_eq!(mask_numbers("4111111111111111"), "************1111");
        assert_eq!(mask_numbers("6011000990139424123"), "***************4123");
        // Dates, amounts and case numbers are not card numbers.
        assert_eq!(
            mask_numbers("2025-12-03 kr 1 250,00 sak 12345"),
            "2025-12-03 kr 1 250,00 sak 12345"
        );
        assert_eq!(
            mask_numbers("Åse: 5555 5555 5555 4444"),
            "Åse: **** **** **** 4444"
        );
    }

    #[test]
    fn national_identity_numbers_are_masked_whole() {
        // A fødselsnummer (born 1 January 1990) and a D-number (first digit plus 4).
        assert_eq!(
            mask_numbers("fnr 01019012345, ring"),
            "fnr ***********, ring"
        );
        assert_eq!(mask_numbers("D-nr 41019012345"), "D-nr ***********");
        assert_eq!(mask_numbers("010190 12345"), "****** *****");
        // Ten and twelve digits are neither.
        assert_eq!(mask_numbers("tlf 4791234567"), "tlf 4791234567");
        assert_eq!(mask_numbers("ref 123456789012"), "ref 123456789012");
    }
}
