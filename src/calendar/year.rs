//! The vocabulary the calendars' rules are written in: a year's fixed dates, the days counted
//! from its Easter Sunday, and weekdays found in a window ("the Friday from 19 to 25 June",
//! "the last Monday in May").

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::ClosureKind;
use super::easter::easter_sunday;

/// A built-in closure: its date, its name ("English (local name)") and why it is closed.
pub type Holiday = (NaiveDate, &'static str, ClosureKind);

/// One year, for writing its holidays.
#[derive(Debug, Clone, Copy)]
pub struct Year {
    pub year: i32,
    easter: NaiveDate,
}

impl Year {
    pub fn new(year: i32) -> Self {
        Year {
            year,
            easter: easter_sunday(year),
        }
    }

    /// `day` `month` of the year.
    pub fn fixed(&self, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, month, day).expect("the rules name valid dates")
    }

    /// Easter Sunday plus `days` (negative before it).
    pub fn easter_plus(&self, days: i64) -> NaiveDate {
        self.easter + Duration::days(days)
    }

    /// The first `weekday` on or after `day` `month`: "the Friday from 19 to 25 June" is
    /// `first_on_or_after(Fri, 6, 19)`.
    pub fn first_on_or_after(&self, weekday: Weekday, month: u32, day: u32) -> NaiveDate {
        let from = self.fixed(month, day);
        let ahead =
            (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
        from + Duration::days(ahead.into())
    }

    /// The first Monday of `month`.
    pub fn first_monday(&self, month: u32) -> NaiveDate {
        self.first_on_or_after(Weekday::Mon, month, 1)
    }

    /// The last Monday of `month`.
    pub fn last_monday(&self, month: u32) -> NaiveDate {
        let next_month_first = if month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, month + 1, 1)
        }
        .expect("valid date");
        let last = next_month_first - Duration::days(1);
        let back = (7 + last.weekday().num_days_from_monday()) % 7;
        last - Duration::days(back.into())
    }
}

/// Whether `date` falls on a Saturday or a Sunday.
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_in_a_window() {
        let y = Year::new(2025);
        assert_eq!(
            y.first_on_or_after(Weekday::Fri, 6, 19).to_string(),
            "2025-06-20"
        );
        assert_eq!(y.first_monday(5).to_string(), "2025-05-05");
        assert_eq!(y.last_monday(5).to_string(), "2025-05-26");
        assert_eq!(y.last_monday(8).to_string(), "2025-08-25");
        assert_eq!(y.first_monday(8).to_string(), "2025-08-04");
        assert_eq!(y.last_monday(12).to_string(), "2025-12-29");
        // A month that starts on a Monday, and one that ends on a Monday.
        assert_eq!(Year::new(2023).first_monday(5).to_string(), "2023-05-01");
        assert_eq!(Year::new(2023).last_monday(7).to_string(), "2023-07-31");
    }
}
