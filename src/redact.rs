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

/// Whether a carried column (as the report names it, `carried`, and as the export heads it,
/// `original`) is the one `header` names: by the export's header, or by the name the report
/// gives it (`input_Status` for an export's `Status`).
fn names((carried, original): (&str, &str), header: &str) -> bool {
    let wanted = normalise(header);
    normalise(original) == wanted || normalise(carried) == wanted
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
            if ingested
                .carried
                .iter()
                .zip(&ingested.carried_headers)
                .any(|(c, o)| names((c, o), header))
            {
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
    for (flag, list) in [("--keep", &options.keep), ("--personal", &options.personal)] {
        for (i, header) in list.iter().enumerate() {
            if list[..i].iter().any(|h| normalise(h) == normalise(header)) {
                return Err(BadInput::flag(
                    flag,
                    format!("'{header}' is named twice: name each column once"),
                )
                .into());
            }
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
    let headers = std::mem::take(&mut ingested.carried_headers);
    // Each carried column as (its name in the report, its header in the export).
    type Named = Vec<(String, String)>;
    let (kept, left_out): (Named, Named) = std::mem::take(&mut ingested.carried)
        .into_iter()
        .zip(headers)
        .partition(|(c, o)| options.keep.iter().any(|k| names((c, o), k)));
    let (kept, kept_headers): (Vec<String>, Vec<String>) = kept.into_iter().unzip();
    let left_out: Vec<String> = left_out.into_iter().map(|(c, _)| c).collect();
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
    ingested.carried_headers = kept_headers;
    Ok(Redaction {
        columns_left_out: left_out,
        columns_kept: kept,
        values_masked: masked,
    })
}

/// A run of ASCII digits in a text: `[start, end)` byte offsets.
#[derive(Debug, Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
}

impl Group {
    fn len(self) -> usize {
        self.end - self.start
    }
}

/// The Luhn check every payment card number passes.
fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d - b'0');
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether groups of these lengths, joined by one separator, are written like a card number:
/// fours with a shorter last group (`4111 1111 1111 1111`, `4111 1111 1111 1111 123`,
/// 13 to 19 digits), or American Express and Diners Club's 4-6-5 and 4-6-4.
fn card_shape(lengths: &[usize]) -> bool {
    let total: usize = lengths.iter().sum();
    if !(13..=19).contains(&total) || lengths.len() < 2 {
        return false;
    }
    let (last, rest) = lengths.split_last().expect("two groups or more");
    (rest.iter().all(|&l| l == 4) && (1..=4).contains(last))
        || lengths == [4, 6, 5]
        || lengths == [4, 6, 4]
}

/// The length of the separator character at `at`, and whether it is a space: a space, a
/// no-break space, a narrow no-break or thin space, a zero-width space or word joiner; or a
/// dash, the typographic ones too (hyphens, the non-breaking hyphen word processors put in, an
/// en dash as they turn ` - ` into, a minus sign, a full-width hyphen), a dot, a slash or an
/// underscore.
fn separator_at(bytes: &[u8], at: usize) -> Option<(usize, bool)> {
    match bytes.get(at..)? {
        [b' ', ..] => Some((1, true)),
        [b'-' | b'.' | b'/' | b'_', ..] => Some((1, false)),
        [0xC2, 0xA0, ..] => Some((2, true)),
        [0xE2, 0x80, 0xAF | 0x89 | 0x8B, ..] | [0xE2, 0x81, 0xA0, ..] => Some((3, true)),
        // Hyphens and dashes: U+2010 to U+2015, the minus sign, the full-width hyphen.
        [0xE2, 0x80, 0x90..=0x95, ..] | [0xE2, 0x88, 0x92, ..] | [0xEF, 0xBC, 0x8D, ..] => {
            Some((3, false))
        }
        _ => None,
    }
}

/// Whether groups `g` and `g + 1` are joined as the parts of one number are written: by one to
/// three separators (spaces of any kind, dashes of any kind, mixed: `4111-1111 1111-1111`, a
/// double space, ` - `, ` – `); `Some(true)` when the separators are spaces only.
fn joined(groups: &[Group], bytes: &[u8], g: usize) -> Option<bool> {
    let (a, b) = (groups[g], *groups.get(g + 1)?);
    let mut at = a.end;
    let mut count = 0;
    let mut spaces = true;
    while at < b.start {
        let (len, space) = separator_at(bytes, at)?;
        spaces &= space;
        at += len;
        count += 1;
    }
    (1..=3).contains(&count).then_some(spaces)
}

/// Whether digits can begin a payment card number: the issuers' ranges (American Express and
/// Diners Club 3, Visa 4, Mastercard 51-55 and 2221-2720, Maestro, Discover and UnionPay 5 and
/// 6). A year (`2025`, `1999`) or a month-and-year (`0127`) before or after a card is never
/// its first group.
fn issuer_prefix(digits: &[u8]) -> bool {
    match digits.first() {
        Some(b'3'..=b'6') => true,
        Some(b'2') => digits
            .get(..4)
            .and_then(|d| std::str::from_utf8(d).ok()?.parse::<u32>().ok())
            .is_some_and(|n| (2221..=2720).contains(&n)),
        _ => false,
    }
}

/// The groupings from group `g` joined by separators ([`joined`]) that are shaped like a card
/// number and begin as a card does ([`issuer_prefix`]), and the best of them with its score:
/// one that passes the Luhn check, then 16 digits (most cards have 16: a longer grouping passes
/// the check by chance one time in ten).
fn best_card(groups: &[Group], bytes: &[u8], g: usize) -> Option<(usize, (bool, bool))> {
    let joined = |g: usize| joined(groups, bytes, g);
    joined(g)?;
    let mut lengths = vec![groups[g].len()];
    let mut candidates: Vec<usize> = Vec::new();
    let mut n = 1;
    while joined(g + n - 1).is_some() && n < 6 {
        lengths.push(groups[g + n].len());
        n += 1;
        if card_shape(&lengths) {
            candidates.push(n);
        }
    }
    let score = |n: usize| {
        let digits: Vec<u8> = groups[g..g + n]
            .iter()
            .flat_map(|gr| bytes[gr.start..gr.end].iter().copied())
            .collect();
        (luhn(&digits), digits.len() == 16)
    };
    if !issuer_prefix(&bytes[groups[g].start..groups[g].end]) {
        return None;
    }
    // American Express (34, 37) and Diners Club (30, 36, 38) write 4-6-5 and 4-6-4 and begin
    // with a 3: a year and a national id written 6 and 5 (`2025 010190 12345`) is neither.
    // A grouping that fails the Luhn check is still masked when written in four fours (a
    // mistyped card is a card), never in another shape.
    let plausible = |n: usize| {
        let lengths: Vec<usize> = groups[g..g + n].iter().map(|gr| gr.len()).collect();
        let first = bytes[groups[g].start];
        let amex_like = lengths.len() == 3 && lengths[1] == 6;
        !amex_like || first == b'3'
    };
    candidates
        .into_iter()
        .filter(|&n| plausible(n))
        .map(|n| (n, score(n)))
        .filter(|&(n, (valid, _))| valid || groups[g..g + n].iter().all(|gr| gr.len() == 4))
        .max_by_key(|&(n, s)| (s, n))
}

/// The words that announce a card's security code: a 3- or 4-digit number right after a card
/// number and one of them is masked whole.
const CVC_WORDS: [&str; 13] = [
    "cvc2",
    "cvv2",
    "cvc",
    "cvv",
    "cid",
    "csc",
    "sikkerhetskode",
    "kontrollsiffer",
    "security code",
    "card code",
    "cvc-kode",
    "cvv-kode",
    "kortkode",
];

/// Whether a 3- or 4-digit group is a card's security code: announced by a word such as `CVC`
/// right before it (`CVC 123`, `cvv: 1234`, `cvc123`), and not the start of a date or amount.
fn announced_code(text: &str, group: Group) -> bool {
    let bytes = text.as_bytes();
    let continues = match bytes.get(group.end) {
        Some(b'0'..=b'9') => true,
        Some(b'.' | b',' | b'/' | b'-') => bytes.get(group.end + 1).is_some_and(u8::is_ascii_digit),
        _ => false,
    };
    if continues {
        return false;
    }
    let before = text[..group.start]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '=' | '.' | '#' | '-'))
        .to_lowercase();
    CVC_WORDS.iter().any(|word| {
        before.ends_with(word)
            && !before[..before.len() - word.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })
}

/// Masks the numbers a redacted report must not show, found as tokens by their own shape,
/// never by gluing neighbours together:
/// - a card number: 13 to 19 digits in one run (a longer run too), or in groups joined by one
///   space or one dash as cards are written (`4111 1111 1111 1111`, `3782-822463-10005`); of
///   the groupings that could be one, one that passes the Luhn check wins, 16 digits before
///   longer ones (so a CVC or an amount after a card is not taken for its last digits). It
///   keeps its last four digits. Groups may be joined by one or two spaces (no-break and thin
///   spaces too) or dashes, mixed;
/// - a security code: 3 or 4 digits announced by a word such as `CVC` (`CVC 123`, `cvc123`),
///   masked whole;
/// - a national identity number (fødselsnummer, D-number): 11 digits in one run, or 6 and 5
///   with spaces or a dash between (`010190 12345`, `010190-12345`), masked whole.
///
/// Dates, amounts, phone numbers and other digits beside them stay as they are.
pub fn mask_numbers(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
    if digits < 3 || digits < 11 && !CVC_WORDS.iter().any(|w| text.to_lowercase().contains(w)) {
        return Cow::Borrowed(text);
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            groups.push(Group { start, end: i });
        } else {
            i += 1;
        }
    }
    let joined = |g: usize| joined(&groups, bytes, g);
    // (first group, groups, digits shown at the end).
    let mut masks: Vec<(usize, usize, usize)> = Vec::new();
    let mut g = 0;
    while g < groups.len() {
        let len = groups[g].len();
        if len >= 13 {
            masks.push((g, 1, 4));
            g += 1;
            continue;
        }
        // The best card grouping starting at g; one starting at the next group wins when it
        // is better (a year before a card is not its first group).
        let here = best_card(&groups, bytes, g);
        let next = if joined(g).is_some() {
            best_card(&groups, bytes, g + 1)
        } else {
            None
        };
        let chosen = match (here, next) {
            (Some((_, h)), Some((_, n))) if n > h => None,
            (Some((n, _)), _) => Some(n),
            (None, _) => None,
        };
        if let Some(n) = chosen {
            masks.push((g, n, 4));
            g += n;
            continue;
        }
        if len == 11 || (3..=4).contains(&len) && announced_code(text, groups[g]) {
            masks.push((g, 1, 0));
        } else if len == 6 && joined(g).is_some() && groups[g + 1].len() == 5 {
            masks.push((g, 2, 0));
            g += 1;
        }
        g += 1;
    }
    if masks.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for (first, n, shown) in masks {
        let digits: usize = groups[first..first + n].iter().map(|gr| gr.len()).sum();
        let mut seen = 0;
        for gr in &groups[first..first + n] {
            for b in &mut out[gr.start..gr.end] {
                seen += 1;
                if digits - seen >= shown {
                    *b = b'*';
                }
            }
        }
    }
    Cow::Owned(String::from_utf8(out).expect("only ASCII digits were replaced"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carried_columns_are_named_by_their_header_or_its_prefixed_name() {
        assert!(names(("Region", "Region"), "region"));
        assert!(names(("input_Status", "Status"), "Status"));
        assert!(names(("input_Status", "Status"), "input_Status"));
        assert!(names(("Kundenummer", "Kundenummer"), "kundenummer"));
        assert!(!names(("Kundenummer", "Kundenummer"), "Kunde"));
        // An export's `reason` beside its own `input_reason` is carried as `input_reason_2`:
        // `reason` names it, not the export's `input_reason`.
        assert!(names(("input_reason_2", "reason"), "reason"));
        assert!(!names(("input_reason", "input_reason"), "reason"));
        assert!(names(("input_reason", "input_reason"), "input_reason"));
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

    #[test]
    fn tokens_are_found_by_their_own_shape_not_by_their_neighbours() {
        for (text, masked) in [
            // A national id beside a count, a date, an amount, a phone number.
            ("fnr 01019012345 2 ganger", "fnr *********** 2 ganger"),
            (
                "ringte 03.12.2025 01019012345",
                "ringte 03.12.2025 ***********",
            ),
            ("2025-12-03 01019012345", "2025-12-03 ***********"),
            ("01019012345 kr 1 250,00", "*********** kr 1 250,00"),
            ("+47 22 00 00 00 01019012345", "+47 22 00 00 00 ***********"),
            ("010190 12345 2 ganger", "****** ***** 2 ganger"),
            // A card and its security code.
            (
                "kort 4111 1111 1111 1111 CVC 123",
                "kort **** **** **** 1111 CVC ***",
            ),
            (
                "kort 4111 1111 1111 1111 cvv: 1234.",
                "kort **** **** **** 1111 cvv: ****.",
            ),
            // A number after a card that is no announced code stays: an amount, a year.
            ("4111 1111 1111 1111 250 kr", "**** **** **** 1111 250 kr"),
            (
                "4111 1111 1111 1111 2025-12-03",
                "**** **** **** 1111 2025-12-03",
            ),
            // A year before a card is not its first group.
            ("2025 4111 1111 1111 1111", "2025 **** **** **** 1111"),
            ("4111-1111-1111-1111", "****-****-****-1111"),
            // A 16-digit card that passes the check, and a number after it.
            ("6011 0009 9013 9424 123", "**** **** **** 9424 123"),
            ("378282246310005", "***********0005"),
            ("3782 822463 10005", "**** ****** *0005"),
            // A year, then a national id written 6 and 5: no American Express number.
            (
                "ringte 03.03.2025 010190 12345 om kr 1 250,00",
                "ringte 03.03.2025 ****** ***** om kr 1 250,00",
            ),
            // Other spaces and separators, as word processors and exports write them.
            (
                "kort 4111\u{a0}1111\u{a0}1111\u{a0}1111",
                "kort ****\u{a0}****\u{a0}****\u{a0}1111",
            ),
            ("fnr 010190\u{a0}12345", "fnr ******\u{a0}*****"),
            ("4111-1111 1111-1111", "****-**** ****-1111"),
            ("4111  1111  1111  1111", "****  ****  ****  1111"),
            // A code announced without a space, or without a card.
            (
                "kort 4111111111111111 cvc123",
                "kort ************1111 cvc***",
            ),
            (
                "CVC: 123 for kort 01019012345",
                "CVC: *** for kort ***********",
            ),
            (
                "cvv2 123, 0,50 kr, 2025-12-03",
                "cvv2 ***, 0,50 kr, 2025-12-03",
            ),
            ("CVC 123", "CVC ***"),
            ("security code 456", "security code ***"),
            ("CVC-kode 1234", "CVC-kode ****"),
            ("fnr 010190-12345", "fnr ******-*****"),
            (
                "kort 4111\u{2010}1111\u{2010}1111\u{2010}1111",
                "kort ****\u{2010}****\u{2010}****\u{2010}1111",
            ),
            (
                "kort 4111\u{2011}1111\u{2011}1111\u{2011}1111",
                "kort ****\u{2011}****\u{2011}****\u{2011}1111",
            ),
            (
                "kort 4111\u{ff0d}1111\u{ff0d}1111\u{ff0d}1111",
                "kort ****\u{ff0d}****\u{ff0d}****\u{ff0d}1111",
            ),
            ("4111.1111.1111.1111", "****.****.****.1111"),
            ("4111/1111/1111/1111", "****/****/****/1111"),
            ("4111_1111_1111_1111", "****_****_****_1111"),
            ("beløp 1.234.567,00 kr", "beløp 1.234.567,00 kr"),
            ("kode 123", "kode 123"),
            // A year or an expiry beside a card is never part of it.
            (
                "kort 4111 1111 1111 1111 2024",
                "kort **** **** **** 1111 2024",
            ),
            (
                "utløper 0127 4111 1111 1111 1111",
                "utløper 0127 **** **** **** 1111",
            ),
            (
                "4929 1234 5678 9012 2025 2026",
                "**** **** **** 9012 2025 2026",
            ),
            // Typographic dashes, and dashes with spaces around them.
            ("kort 4111–1111–1111–1111", "kort ****–****–****–1111"),
            (
                "kort 5555 - 5555 - 5555 - 4444 CVC 123",
                "kort **** - **** - **** - 4444 CVC ***",
            ),
            ("4111 1111 1111–1111", "**** **** ****–1111"),
            // Not tokens of either shape.
            ("1 234 567 890 123,45", "1 234 567 890 123,45"),
            ("12.03.2025-14.03.2025", "12.03.2025-14.03.2025"),
        ] {
            assert_eq!(mask_numbers(text), masked, "{text}");
        }
    }
}
