//! `se-bank`: the days Swedish banks and the Riksbank's settlement system (RIX) are closed.
//!
//! The public holidays of lag (1989:253) om allmänna helgdagar, and the three days that are not
//! public holidays but on which the banks and RIX are closed: Midsummer Eve, Christmas Eve and
//! New Year's Eve. The rules hold from 1953, when Midsummer Day and All Saints' Day moved to a
//! Saturday; earlier years are refused.

use chrono::Weekday;

use super::ClosureKind::{BankClosure, PublicHoliday};
use super::year::{Holiday, Year};

/// The first year these rules describe.
pub const FIRST_YEAR: i32 = 1953;

/// From 2005 Sweden's National Day, 6 June, is a public holiday and Whit Monday no longer is
/// (an amendment of lag 1989:253 in force from 2005).
pub const NATIONAL_DAY_FROM: i32 = 2005;

/// The closures of `year`, weekend ones included.
pub fn closures(year: i32) -> Vec<Holiday> {
    let y = Year::new(year);
    let mut days = vec![
        (y.fixed(1, 1), "New Year's Day (Nyårsdagen)", PublicHoliday),
        (y.fixed(1, 6), "Epiphany (Trettondedag jul)", PublicHoliday),
        (
            y.easter_plus(-2),
            "Good Friday (Långfredagen)",
            PublicHoliday,
        ),
        (y.easter_plus(0), "Easter Sunday (Påskdagen)", PublicHoliday),
        (
            y.easter_plus(1),
            "Easter Monday (Annandag påsk)",
            PublicHoliday,
        ),
        (y.fixed(5, 1), "May Day (Första maj)", PublicHoliday),
        (
            y.easter_plus(39),
            "Ascension Day (Kristi himmelsfärdsdag)",
            PublicHoliday,
        ),
        (
            y.easter_plus(49),
            "Whit Sunday (Pingstdagen)",
            PublicHoliday,
        ),
        (
            y.first_on_or_after(Weekday::Fri, 6, 19),
            "Midsummer Eve (Midsommarafton) - bank closure",
            BankClosure,
        ),
        (
            y.first_on_or_after(Weekday::Sat, 6, 20),
            "Midsummer Day (Midsommardagen)",
            PublicHoliday,
        ),
        (
            y.first_on_or_after(Weekday::Sat, 10, 31),
            "All Saints' Day (Alla helgons dag)",
            PublicHoliday,
        ),
        (
            y.fixed(12, 24),
            "Christmas Eve (Julafton) - bank closure",
            BankClosure,
        ),
        (y.fixed(12, 25), "Christmas Day (Juldagen)", PublicHoliday),
        (y.fixed(12, 26), "Boxing Day (Annandag jul)", PublicHoliday),
        (
            y.fixed(12, 31),
            "New Year's Eve (Nyårsafton) - bank closure",
            BankClosure,
        ),
    ];
    if year >= NATIONAL_DAY_FROM {
        days.push((
            y.fixed(6, 6),
            "National Day (Sveriges nationaldag)",
            PublicHoliday,
        ));
    } else {
        days.push((
            y.easter_plus(50),
            "Whit Monday (Annandag pingst)",
            PublicHoliday,
        ));
    }
    days.sort_by_key(|(date, _, _)| *date);
    days
}

#[cfg(test)]
mod tests {
    use crate::calendar::CalendarKind::SeBank;
    use crate::calendar::testing::{closed_weekdays, closure_name, working};
    use crate::calendar::{Calendar, CalendarKind};

    #[test]
    fn the_days_a_swedish_lawyer_would_pick() {
        for (date, open, why) in [
            (
                "2025-06-20",
                false,
                "Midsummer Eve, the Friday from 19 to 25 June",
            ),
            ("2024-06-21", false, "Midsummer Eve 2024"),
            ("2026-06-19", false, "Midsummer Eve 2026, on the 19th"),
            ("2026-06-26", true, "the Friday after it"),
            (
                "2003-06-06",
                true,
                "6 June 2003, a Friday before the National Day",
            ),
            ("2003-06-09", false, "Whit Monday 2003"),
            (
                "2005-06-06",
                false,
                "6 June 2005, the first National Day holiday",
            ),
            ("2005-05-16", true, "Whit Monday 2005, no longer a holiday"),
            ("2025-01-06", false, "Epiphany"),
            ("2025-05-01", false, "May Day"),
            ("2025-12-24", false, "Christmas Eve"),
            ("2025-12-31", false, "New Year's Eve: RIX is closed"),
            (
                "2025-04-17",
                true,
                "Maundy Thursday is a working day in Sweden",
            ),
            ("2025-11-01", false, "All Saints' Day, a Saturday"),
        ] {
            assert_eq!(working(SeBank, date), open, "{date}: {why}");
        }
        assert_eq!(
            closure_name(SeBank, "2025-06-20").as_deref(),
            Some("Midsummer Eve (Midsommarafton) - bank closure")
        );
    }

    #[test]
    fn whole_years_against_a_list_written_by_hand() {
        // 2025 from the calendar printed by a Swedish bank: New Year's Day, Epiphany, Good
        // Friday, Easter Monday, May Day, Ascension, National Day, Midsummer Eve, Christmas
        // Eve, Christmas Day, Boxing Day, New Year's Eve.
        assert_eq!(
            closed_weekdays(SeBank, 2025),
            [
                "2025-01-01",
                "2025-01-06",
                "2025-04-18",
                "2025-04-21",
                "2025-05-01",
                "2025-05-29",
                "2025-06-06",
                "2025-06-20",
                "2025-12-24",
                "2025-12-25",
                "2025-12-26",
                "2025-12-31"
            ]
        );
        // 2004: Whit Monday, not 6 June (a Sunday anyway); 1 May a Saturday.
        assert_eq!(
            closed_weekdays(SeBank, 2004),
            [
                "2004-01-01",
                "2004-01-06",
                "2004-04-09",
                "2004-04-12",
                "2004-05-20",
                "2004-05-31",
                "2004-06-25",
                "2004-12-24",
                "2004-12-31"
            ]
        );
    }

    #[test]
    fn years_before_the_rules_are_refused() {
        let calendar = Calendar::new(CalendarKind::SeBank);
        let err = calendar.closures_in_year(1952).unwrap_err().to_string();
        assert_eq!(
            err,
            "year 1952 is before 1953, the first year the calendar se-bank is known for \
             (Midsummer and All Saints' Day moved to Saturdays in 1953)"
        );
        assert!(calendar.closures_in_year(1953).is_ok());
    }
}
