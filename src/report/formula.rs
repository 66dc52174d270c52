//! Spreadsheet formula injection. A regulator opens `cases.csv` in a spreadsheet, which runs a
//! cell beginning with `=`, `+`, `-` or `@` as a formula (and a leading tab or carriage
//! return can hide one). Following the OWASP rule, every text cell the tool writes to a CSV
//! file (headers and file names included) that begins with one of those characters is written
//! with a leading apostrophe, which makes a spreadsheet show it as text. Numbers, dates and
//! booleans the tool computes are written as they are, a negative amount too (`-250.00`): the
//! guard is for text, and a number in quotes would make a spreadsheet's sum disagree. The
//! workbook needs none of this: its text cells are written as text, never as formulas.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula (OWASP).
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` made safe to open in a spreadsheet: unchanged unless it begins with one of
/// [`FORMULA_STARTS`], then with an apostrophe before it.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_an_apostrophe() {
        for (text, expected) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+47 22 00 00 00", "'+47 22 00 00 00"),
            ("-3", "'-3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("Bergen", "Bergen"),
            ("a=b", "a=b"),
            ("'quoted", "'quoted"),
            ("", ""),
            ("Ærlig", "Ærlig"),
        ] {
            assert_eq!(neutralise(text), expected, "{text:?}");
        }
    }
}
