//! `dk-bank`: Danmarks Nationalbank's closing days, on which Danish banks do not settle.
//!
//! The public holidays (helligdage) less Whit Sunday and Easter Sunday's weekend, and the days
//! the Nationalbank closes although they are not public holidays: the Friday after Ascension,
//! Constitution Day (5 June), Christmas Eve and New Year's Eve. 1 May is not a closing day.
//! Great Prayer Day was a public holiday until 2023 and is an ordinary day from 2024.
//!
//! The year from which the Nationalbank closes on the Friday after Ascension, 5 June, 24 and
//! 31 December is not known from a source; these rules are applied to every year, so counts
//! for early years may differ from what the banks did then.

use super::ClosureKind::{BankClosure, PublicHoliday};
use super::year::{Holiday, Year};

/// The last year Great Prayer Day (the fourth Friday after Easter) was a public holiday: the
/// act abolishing it took effect in 2024.
pub const GREAT_PRAYER_DAY_UNTIL: i32 = 2023;

/// The closures of `year`, weekend ones included.
pub fn closures(year: i32) -> Vec<Holiday> {
    let y = Year::new(year);
    let mut days = vec![
        (y.fixed(1, 1), "New Year's Day (Nytårsdag)", PublicHoliday),
        (
            y.easter_plus(-3),
            "Maundy Thursday (Skærtorsdag)",
            PublicHoliday,
        ),
        (y.easter_plus(-2), "Good Friday (Langfredag)", PublicHoliday),
        (y.easter_plus(0), "Easter Sunday (Påskedag)", PublicHoliday),
        (
            y.easter_plus(1),
            "Easter Monday (2. påskedag)",
            PublicHoliday,
        ),
        (
            y.easter_plus(39),
            "Ascension Day (Kristi himmelfartsdag)",
            PublicHoliday,
        ),
        (
            y.easter_plus(40),
            "Friday after Ascension (Fredag efter Kristi himmelfartsdag) - bank closure",
            BankClosure,
        ),
        (y.easter_plus(49), "Whit Sunday (Pinsedag)", PublicHoliday),
        (
            y.easter_plus(50),
            "Whit Monday (2. pinsedag)",
            PublicHoliday,
        ),
        (
            y.fixed(6, 5),
            "Constitution Day (Grundlovsdag) - bank closure",
            BankClosure,
        ),
        (
            y.fixed(12, 24),
            "Christmas Eve (Juleaftensdag) - bank closure",
            BankClosure,
        ),
        (y.fixed(12, 25), "Christmas Day (Juledag)", PublicHoliday),
        (y.fixed(12, 26), "Boxing Day (2. juledag)", PublicHoliday),
        (
            y.fixed(12, 31),
            "New Year's Eve (Nytårsaftensdag) - bank closure",
            BankClosure,
        ),
    ];
    if year <= GREAT_PRAYER_DAY_UNTIL {
        days.push((
            y.easter_plus(26),
            "Great Prayer Day (Store bededag)",
            PublicHoliday,
        ));
    }
    days.sort_by_key(|(date, _, _)| *date);
    days
}

#[cfg(test)]
mod tests {
    use crate::calendar::CalendarKind::DkBank;
    use crate::calendar::testing::{closed_weekdays, working};

    #[test]
    fn the_days_a_danish_lawyer_would_pick() {
        for (date, open, why) in [
            ("2025-05-30", false, "the Friday after Ascension"),
            ("2024-05-10", false, "the Friday after Ascension 2024"),
            ("2023-05-05", false, "Great Prayer Day 2023, its last year"),
            (
                "2024-04-26",
                true,
                "the fourth Friday after Easter 2024: an ordinary day",
            ),
            ("2025-05-01", true, "1 May is not a closing day"),
            ("2025-06-05", false, "Constitution Day"),
            ("2025-04-17", false, "Maundy Thursday"),
            ("2025-12-31", false, "New Year's Eve"),
            ("2025-12-24", false, "Christmas Eve"),
            ("2025-06-09", false, "Whit Monday"),
        ] {
            assert_eq!(working(DkBank, date), open, "{date}: {why}");
        }
    }

    #[test]
    fn whole_years_against_a_list_written_by_hand() {
        assert_eq!(
            closed_weekdays(DkBank, 2025),
            [
                "2025-01-01",
                "2025-04-17",
                "2025-04-18",
                "2025-04-21",
                "2025-05-29",
                "2025-05-30",
                "2025-06-05",
                "2025-06-09",
                "2025-12-24",
                "2025-12-25",
                "2025-12-26",
                "2025-12-31"
            ]
        );
        // 2023, with Great Prayer Day (5 May); 1 January and 31 December are Sundays.
        assert_eq!(
            closed_weekdays(DkBank, 2023),
            [
                "2023-04-06",
                "2023-04-07",
                "2023-04-10",
                "2023-05-05",
                "2023-05-18",
                "2023-05-19",
                "2023-05-29",
                "2023-06-05",
                "2023-12-25",
                "2023-12-26"
            ]
        );
    }
}
