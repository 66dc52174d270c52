//! `fi-bank`: the days Finnish banks are closed.
//!
//! The public holidays, and Midsummer Eve and Christmas Eve, on which the banks close although
//! they are not public holidays. The rules hold from 1991: from 1973 to 1990 Epiphany and
//! Ascension Day were moved to Saturdays, so earlier years are refused.

use chrono::Weekday;

use super::ClosureKind::{BankClosure, PublicHoliday};
use super::year::{Holiday, Year};

/// The first year these rules describe (Epiphany and Ascension Day back on their own dates).
pub const FIRST_YEAR: i32 = 1991;

/// The closures of `year`, weekend ones included.
pub fn closures(year: i32) -> Vec<Holiday> {
    let y = Year::new(year);
    let mut days = vec![
        (
            y.fixed(1, 1),
            "New Year's Day (Uudenvuodenpäivä)",
            PublicHoliday,
        ),
        (y.fixed(1, 6), "Epiphany (Loppiainen)", PublicHoliday),
        (
            y.easter_plus(-2),
            "Good Friday (Pitkäperjantai)",
            PublicHoliday,
        ),
        (
            y.easter_plus(0),
            "Easter Sunday (Pääsiäispäivä)",
            PublicHoliday,
        ),
        (
            y.easter_plus(1),
            "Easter Monday (2. pääsiäispäivä)",
            PublicHoliday,
        ),
        (y.fixed(5, 1), "May Day (Vappu)", PublicHoliday),
        (
            y.easter_plus(39),
            "Ascension Day (Helatorstai)",
            PublicHoliday,
        ),
        (
            y.easter_plus(49),
            "Whit Sunday (Helluntaipäivä)",
            PublicHoliday,
        ),
        (
            y.first_on_or_after(Weekday::Fri, 6, 19),
            "Midsummer Eve (Juhannusaatto) - bank closure",
            BankClosure,
        ),
        (
            y.first_on_or_after(Weekday::Sat, 6, 20),
            "Midsummer Day (Juhannuspäivä)",
            PublicHoliday,
        ),
        (
            y.first_on_or_after(Weekday::Sat, 10, 31),
            "All Saints' Day (Pyhäinpäivä)",
            PublicHoliday,
        ),
        (
            y.fixed(12, 6),
            "Independence Day (Itsenäisyyspäivä)",
            PublicHoliday,
        ),
        (
            y.fixed(12, 24),
            "Christmas Eve (Jouluaatto) - bank closure",
            BankClosure,
        ),
        (y.fixed(12, 25), "Christmas Day (Joulupäivä)", PublicHoliday),
        (y.fixed(12, 26), "Boxing Day (Tapaninpäivä)", PublicHoliday),
    ];
    days.sort_by_key(|(date, _, _)| *date);
    days
}

#[cfg(test)]
mod tests {
    use crate::calendar::CalendarKind::FiBank;
    use crate::calendar::testing::{closed_weekdays, working};
    use crate::calendar::{Calendar, CalendarKind};

    #[test]
    fn the_days_a_finnish_lawyer_would_pick() {
        for (date, open, why) in [
            ("2023-12-06", false, "Independence Day on a Wednesday"),
            ("2024-12-06", false, "Independence Day on a Friday"),
            ("2025-06-20", false, "Midsummer Eve"),
            ("2025-01-06", false, "Epiphany"),
            ("2025-12-24", false, "Christmas Eve"),
            ("2025-12-31", true, "New Year's Eve is a bank day"),
            ("2025-04-17", true, "Maundy Thursday is a bank day"),
            ("2025-06-06", true, "6 June is an ordinary day"),
        ] {
            assert_eq!(working(FiBank, date), open, "{date}: {why}");
        }
    }

    #[test]
    fn whole_years_against_a_list_written_by_hand() {
        assert_eq!(
            closed_weekdays(FiBank, 2025),
            [
                "2025-01-01",
                "2025-01-06",
                "2025-04-18",
                "2025-04-21",
                "2025-05-01",
                "2025-05-29",
                "2025-06-20",
                "2025-12-24",
                "2025-12-25",
                "2025-12-26"
            ]
        );
        assert_eq!(
            closed_weekdays(FiBank, 2024),
            [
                "2024-01-01",
                "2024-03-29",
                "2024-04-01",
                "2024-05-01",
                "2024-05-09",
                "2024-06-21",
                "2024-12-06",
                "2024-12-24",
                "2024-12-25",
                "2024-12-26"
            ]
        );
    }

    #[test]
    fn the_years_of_saturday_holidays_are_refused() {
        let calendar = Calendar::new(CalendarKind::FiBank);
        assert!(calendar.closures_in_year(1990).is_err());
        assert!(calendar.closures_in_year(1991).is_ok());
    }
}
