//! The reporting period and the as-of date.
//!
//! A period is a month (`2025-03`), a quarter (`2025-Q1`), a year (`2025`), or any range given
//! with `--from` and `--to`. Without one, the job reports the previous calendar month — what a
//! monthly cron job wants. The as-of date, the day the report describes the world as it stood,
//! defaults to the period's last day, or today when that is still in the future.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};

/// An inclusive range of dates with the label its report folder is named after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// `2025-03`, `2025-Q1`, `2025` or `2025-03-01_2025-03-31`.
    pub label: String,
}

impl Period {
    /// Parses `YYYY-MM`, `YYYY-Qn` or `YYYY`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let bad = || format!("'{text}' is not a period (expected YYYY-MM, YYYY-Qn or YYYY)");
        let year_of = |s: &str| -> Result<i32, String> {
            if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        if let Some((year, rest)) = text.split_once('-') {
            let year = year_of(year)?;
            if let Some(quarter) = rest.strip_prefix(['Q', 'q']) {
                let q: u32 = match quarter {
                    "1" => 1,
                    "2" => 2,
                    "3" => 3,
                    "4" => 4,
                    _ => return Err(format!("'{text}' has no quarter {quarter} (Q1 to Q4)")),
                };
                let start = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1).ok_or_else(bad)?;
                return Ok(Self::spanning(start, 3, format!("{year}-Q{q}")));
            }
            if rest.len() != 2 || !rest.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let month: u32 = rest.parse().map_err(|_| bad())?;
            let start = NaiveDate::from_ymd_opt(year, month, 1)
                .ok_or_else(|| format!("'{text}' has no month {month}"))?;
            return Ok(Self::spanning(start, 1, format!("{year}-{month:02}")));
        }
        let year = year_of(text)?;
        let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?;
        Ok(Self::spanning(start, 12, format!("{year}")))
    }

    fn spanning(start: NaiveDate, months: u32, label: String) -> Self {
        let end = start
            .checked_add_months(Months::new(months))
            .and_then(|d| d.pred_opt())
            .expect("a month after a valid date exists");
        Period { start, end, label }
    }

    /// The range `from..=to`.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Self, String> {
        if to < from {
            return Err(format!("{to} is before --from {from}"));
        }
        Ok(Period {
            start: from,
            end: to,
            label: format!("{from}_{to}"),
        })
    }

    /// The calendar month before the one `today` is in.
    pub fn previous_month(today: NaiveDate) -> Self {
        let first_of_this = today.with_day(1).expect("day 1 exists");
        let start = first_of_this
            .checked_sub_months(Months::new(1))
            .expect("a month before a valid date exists");
        Self::spanning(start, 1, format!("{}-{:02}", start.year(), start.month()))
    }

    /// The default as-of date: the period's last day, or `today` if that is earlier.
    pub fn default_as_of(&self, today: NaiveDate) -> NaiveDate {
        self.end.min(today)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} to {})", self.label, self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[track_caller]
    fn case(text: &str, start: &str, end: &str, label: &str) {
        let p = Period::parse(text).unwrap();
        assert_eq!(
            (p.start, p.end, p.label.as_str()),
            (d(start), d(end), label),
            "{text}"
        );
    }

    #[test]
    fn periods() {
        case("2025-02", "2025-02-01", "2025-02-28", "2025-02");
        case("2024-02", "2024-02-01", "2024-02-29", "2024-02");
        case("2025-12", "2025-12-01", "2025-12-31", "2025-12");
        case("2025-Q1", "2025-01-01", "2025-03-31", "2025-Q1");
        case("2025-q4", "2025-10-01", "2025-12-31", "2025-Q4");
        case("2025", "2025-01-01", "2025-12-31", "2025");
        for bad in [
            "2025-13",
            "2025-Q5",
            "25-01",
            "2025-1",
            "march",
            "2025-03-01",
            "",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_default_is_the_previous_month() {
        let p = Period::previous_month(d("2026-01-15"));
        assert_eq!(
            (p.start, p.end, p.label.as_str()),
            (d("2025-12-01"), d("2025-12-31"), "2025-12")
        );
        let p = Period::previous_month(d("2025-03-31"));
        assert_eq!((p.start, p.end), (d("2025-02-01"), d("2025-02-28")));
    }

    #[test]
    fn as_of_is_the_end_or_today() {
        let p = Period::parse("2025-11").unwrap();
        assert_eq!(p.default_as_of(d("2026-01-10")), d("2025-11-30"));
        assert_eq!(p.default_as_of(d("2025-11-20")), d("2025-11-20"));
        let r = Period::range(d("2025-01-10"), d("2025-02-10")).unwrap();
        assert_eq!(r.label, "2025-01-10_2025-02-10");
        assert!(Period::range(d("2025-02-10"), d("2025-01-10")).is_err());
    }
}
