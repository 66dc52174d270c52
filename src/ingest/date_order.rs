//! The order of day and month in a file's year-last slash dates, decided from the data and
//! never guessed.
//!
//! `10/05/2026` is 10 May in Oslo and 5 October in a US export. Each input file is surveyed
//! before its rows are read: every value of its date columns is looked at
//! ([`date_input::order_evidence`]). A first number over 12 proves day first, a second number
//! over 12 proves month first. One kind of proof decides the file; proof both ways is an
//! error naming two values and their lines; values that read as two different dates with no
//! proof either way stop the run and ask for `--date-order`. An order given by the user is
//! checked against the data the same way.

use std::fmt;

use anyhow::{Result, bail};

use crate::columns::Canonical;
use crate::date_input::{self, DateOrder, OrderEvidence};

/// The canonical columns that hold dates.
pub const DATE_COLUMNS: [Canonical; 4] = [
    Canonical::ReceivedAt,
    Canonical::HoldingReplyAt,
    Canonical::ResolvedAt,
    Canonical::ReferredAt,
];

/// One value, where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub column: Canonical,
    /// The column's header in the file.
    pub header: String,
    pub value: String,
    pub line: u64,
}

impl fmt::Display for Example {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' (line {}, {}", self.value, self.line, self.column)?;
        if self.header != self.column.name() {
            write!(f, " '{}'", self.header)?;
        }
        write!(f, ")")
    }
}

/// How a file's date order was settled, for `check`, summary.json and the Method sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateOrderNote {
    pub order: DateOrder,
    /// `data` or `flag` (the `--date-order` flag or the policy's `date_order`).
    pub decided_by: &'static str,
    /// Why, in words.
    pub reason: String,
}

/// Every year-last slash or dash date of one file's date columns, as evidence.
#[derive(Debug, Default)]
pub struct Survey {
    day_first: Option<(Example, u64)>,
    month_first: Option<(Example, u64)>,
    ambiguous: Vec<Example>,
    ambiguous_count: u64,
    values: u64,
}

/// How many ambiguous values a message shows.
const SHOWN: usize = 3;

impl Survey {
    /// Looks at one value of a date column.
    pub fn see(&mut self, column: Canonical, header: &str, value: &str, line: u64) {
        let Some(evidence) = date_input::order_evidence(value) else {
            return;
        };
        self.values += 1;
        let example = || Example {
            column,
            header: header.to_string(),
            value: value.trim().to_string(),
            line,
        };
        let proof = match evidence {
            OrderEvidence::DayFirst => &mut self.day_first,
            OrderEvidence::MonthFirst => &mut self.month_first,
            OrderEvidence::Ambiguous => {
                self.ambiguous_count += 1;
                if self.ambiguous.len() < SHOWN {
                    self.ambiguous.push(example());
                }
                return;
            }
            OrderEvidence::Neutral => return,
        };
        match proof {
            Some((_, count)) => *count += 1,
            None => *proof = Some((example(), 1)),
        }
    }

    /// The order for the file: from the data, or `given` (checked against the data). `None`
    /// when the file has no year-last date that two orders would read differently.
    pub fn decide(self, given: Option<DateOrder>) -> Result<Option<DateOrderNote>> {
        if let (Some((day, _)), Some((month, _))) = (&self.day_first, &self.month_first) {
            bail!(
                "its slash dates are in both orders: {day} can only be day first \
                 (DD/MM/YYYY) and {month} can only be month first (MM/DD/YYYY); one file must \
                 hold one order: export it again in one format (ISO YYYY-MM-DD is never \
                 ambiguous)"
            );
        }
        let proved = match (&self.day_first, &self.month_first) {
            (Some((example, count)), None) => Some((DateOrder::DayFirst, example, *count)),
            (None, Some((example, count))) => Some((DateOrder::MonthFirst, example, *count)),
            _ => None,
        };
        if let (Some(given), Some((proved, example, _))) = (given, &proved)
            && given != *proved
        {
            bail!(
                "the date order is given as {given} ({}), but {example} can only be \
                 {} ({}); check --date-order or the policy's date_order",
                given.pattern(),
                words(*proved),
                proved.pattern()
            );
        }
        if let Some(given) = given {
            return Ok(Some(DateOrderNote {
                order: given,
                decided_by: "flag",
                reason: format!(
                    "{} ({}) as given; {} year-last dates in the file, none against it",
                    words(given),
                    given.pattern(),
                    self.values
                ),
            }));
        }
        if let Some((order, example, count)) = proved {
            return Ok(Some(DateOrderNote {
                order,
                decided_by: "data",
                reason: format!(
                    "{} ({}): {example}{} can only be read that way, none the other way ({} \
                     year-last dates in all)",
                    words(order),
                    order.pattern(),
                    match count - 1 {
                        0 => String::new(),
                        1 => " and 1 other value".to_string(),
                        n => format!(" and {n} other values"),
                    },
                    self.values
                ),
            }));
        }
        if self.ambiguous_count > 0 {
            return Err(self.undecided());
        }
        Ok(None)
    }

    /// The error for dates that read as two different dates and none that decides.
    fn undecided(&self) -> anyhow::Error {
        let how = "State the order with --date-order dmy or --date-order mdy (or date_order in \
                   the policy file)";
        let mut columns: Vec<String> = Vec::new();
        for e in &self.ambiguous {
            let column = if e.header == e.column.name() {
                e.column.name().to_string()
            } else {
                format!("{} '{}'", e.column, e.header)
            };
            if !columns.contains(&column) {
                columns.push(column);
            }
        }
        let shown: Vec<String> = self.ambiguous.iter().map(|e| e.to_string()).collect();
        anyhow::anyhow!(
            "cannot tell whether its slash dates are day first (DD/MM/YYYY) or \
             month first (MM/DD/YYYY): in {}, {} values read as two different dates and no \
             value has a day over 12 to decide, e.g. {}. {how}",
            columns.join(", "),
            self.ambiguous_count,
            shown.join(", ")
        )
    }
}

fn words(order: DateOrder) -> &'static str {
    match order {
        DateOrder::DayFirst => "day first",
        DateOrder::MonthFirst => "month first",
    }
}

/// Whether `bytes` may hold a year-last slash or dash date, so that a file without one is not
/// surveyed: a `/` anywhere, or a digit, `-`, four digits and a non-digit (`7-08-2026`, not
/// ISO's `2026-07-08`). Fed block by block; a pattern across two blocks is seen.
#[derive(Debug, Default)]
pub struct Prescan {
    found: bool,
    /// The last bytes of the previous block.
    tail: Vec<u8>,
}

impl Prescan {
    const CONTEXT: usize = 12;

    pub fn feed(&mut self, block: &[u8]) {
        if self.found {
            return;
        }
        let head = &block[..block.len().min(Self::CONTEXT)];
        let mut seam = std::mem::take(&mut self.tail);
        seam.extend_from_slice(head);
        if has_pattern(&seam, false) || has_pattern(block, true) {
            self.found = true;
            return;
        }
        let keep = block.len().min(Self::CONTEXT);
        self.tail = block[block.len() - keep..].to_vec();
    }

    /// Whether a pattern was seen, the end of the input counting as a non-digit.
    pub fn found(&self) -> bool {
        self.found || has_pattern(&self.tail, true)
    }

    /// The whole check on one buffer.
    pub fn bytes(bytes: &[u8]) -> bool {
        let mut scan = Prescan::default();
        scan.feed(bytes);
        scan.found()
    }
}

/// A `/`, or `d[d]-d[d]-dddd` then a non-digit; with `at_end`, the buffer's end ends a
/// number.
fn has_pattern(bytes: &[u8], at_end: bool) -> bool {
    if memchr::memchr(b'/', bytes).is_some() {
        return true;
    }
    let digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    // The 1 or 2 digits ending just before `end`, with what comes before them.
    let digits_before = |end: usize| -> Option<usize> {
        let mut start = end;
        while start > 0 && end - start < 2 && digit(start - 1) {
            start -= 1;
        }
        (start < end).then_some(start)
    };
    memchr::memchr_iter(b'-', bytes).any(|i| {
        let year = (i + 1..i + 5).all(digit)
            && match bytes.get(i + 5) {
                Some(b) => !b.is_ascii_digit(),
                None => at_end,
            };
        year && digits_before(i)
            .filter(|&start| start > 0 && bytes[start - 1] == b'-')
            .and_then(|start| digits_before(start - 1))
            .is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey(values: &[&str]) -> Survey {
        let mut survey = Survey::default();
        for (i, v) in values.iter().enumerate() {
            survey.see(Canonical::ReceivedAt, "Created On", v, i as u64 + 2);
        }
        survey
    }

    #[test]
    fn one_proof_decides_the_file() {
        let note = survey(&["10/05/2026", "13/05/2026", "2026-05-01", "05/05/2026"])
            .decide(None)
            .unwrap()
            .unwrap();
        assert_eq!(note.order, DateOrder::DayFirst);
        assert_eq!(note.decided_by, "data");
        assert!(
            note.reason
                .contains("'13/05/2026' (line 3, received_at 'Created On')"),
            "{}",
            note.reason
        );
        let note = survey(&["7/8/2026 2:29 PM", "7/28/2026 9:00 AM"])
            .decide(None)
            .unwrap()
            .unwrap();
        assert_eq!(note.order, DateOrder::MonthFirst);
    }

    #[test]
    fn proof_both_ways_names_both_values() {
        let err = survey(&["13/05/2026", "10/05/2026", "05/14/2026"])
            .decide(None)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("its slash dates are in both orders"),
            "{err}"
        );
        assert!(err.contains("'13/05/2026' (line 2"), "{err}");
        assert!(err.contains("'05/14/2026' (line 4"), "{err}");
    }

    #[test]
    fn nothing_decides_and_the_user_is_asked() {
        let err = survey(&["10/05/2026", "03/04/2026", "11/12/2026", "01/02/2026"])
            .decide(None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("received_at 'Created On'"), "{err}");
        assert!(err.contains("4 values"), "{err}");
        assert!(err.contains("'10/05/2026' (line 2"), "{err}");
        assert!(!err.contains("01/02/2026"), "three examples at most: {err}");
        assert!(
            err.contains("--date-order dmy or --date-order mdy"),
            "{err}"
        );
        // The same values with the order given.
        let note = survey(&["10/05/2026", "03/04/2026"])
            .decide(Some(DateOrder::MonthFirst))
            .unwrap()
            .unwrap();
        assert_eq!(
            (note.order, note.decided_by),
            (DateOrder::MonthFirst, "flag")
        );
    }

    #[test]
    fn a_given_order_the_data_disproves_is_refused() {
        let err = survey(&["10/05/2026", "05/14/2026"])
            .decide(Some(DateOrder::DayFirst))
            .unwrap_err()
            .to_string();
        assert!(err.contains("given as dmy"), "{err}");
        assert!(err.contains("'05/14/2026' (line 3"), "{err}");
    }

    #[test]
    fn no_year_last_dates_need_no_order() {
        assert_eq!(
            survey(&["2026-05-10", "10.05.2026", "05/05/2026", ""])
                .decide(None)
                .unwrap(),
            None
        );
    }

    #[test]
    fn prescan_finds_slashes_and_year_last_dashes_only() {
        assert!(Prescan::bytes(b"case;10/05/2026"));
        assert!(Prescan::bytes(b"case,10-05-2026,x"));
        assert!(Prescan::bytes(b"case,10-05-2026"));
        assert!(!Prescan::bytes(b"case,2026-05-10,2026-05-10T10:00-05:00\n"));
        assert!(!Prescan::bytes(b"case,2026-05-10 10:00:00-0500\n"));
        // Across a block boundary, wherever it cuts.
        let text = b"id,received\nA,2026-01-01\nB,7-08-2026\n";
        for cut in 0..text.len() {
            let mut scan = Prescan::default();
            scan.feed(&text[..cut]);
            scan.feed(&text[cut..]);
            assert!(scan.found(), "cut at {cut}");
        }
        let iso = b"id,received\nA,2026-01-01\nB,2026-12-31\n";
        for cut in 0..iso.len() {
            let mut scan = Prescan::default();
            scan.feed(&iso[..cut]);
            scan.feed(&iso[cut..]);
            assert!(!scan.found(), "cut at {cut}");
        }
    }
}
