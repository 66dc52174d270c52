//! The UK's bank holidays, in its three parts: `gb-eaw-bank` (England and Wales),
//! `gb-sct-bank` (Scotland) and `gb-nir-bank` (Northern Ireland).
//!
//! The FCA Handbook's "business day" excludes "a day which is a bank holiday under the Banking
//! and Financial Dealings Act 1971 in that part of the United Kingdom", so a complaint is counted
//! on the bank holidays of the part its customer belongs to. Each part's regular days are in
//! its own file; the substitute days, and the one-off days proclaimed under the Act, are here.
//! The rules hold from 1978, the first year of the Early May bank holiday; earlier years are
//! refused. Days proclaimed after this table was written are not known: add them with a
//! holiday file.

pub mod england_wales;
pub mod northern_ireland;
pub mod proclamations;
pub mod scotland;

use std::collections::BTreeSet;

#[cfg(test)]
use chrono::Datelike;
use chrono::{Duration, NaiveDate};

use super::ClosureKind::PublicHoliday;
use super::year::{Holiday, Year, is_weekend};

/// The first year these rules describe.
pub const FIRST_YEAR: i32 = 1978;

/// A part of the United Kingdom with its own bank holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    EnglandWales,
    Scotland,
    NorthernIreland,
}

/// A part's regular bank holidays in one year, before proclamations and substitutes.
pub struct Schedule {
    /// Holidays on a fixed date, with the name of the weekday that replaces them when they fall
    /// at a weekend.
    pub fixed: Vec<(NaiveDate, &'static str, &'static str)>,
    /// Holidays that always fall on a weekday (Good Friday, the Monday holidays).
    pub movable: Vec<(NaiveDate, &'static str)>,
}

/// The closures of `year` in `part`: its regular bank holidays as the proclamations of that
/// year changed them, the fixed ones that fall at a weekend listed on their date and again on
/// their substitute day.
pub fn closures(year: i32, part: Part) -> Vec<Holiday> {
    let y = Year::new(year);
    let schedule = match part {
        Part::EnglandWales => england_wales::schedule(&y),
        Part::Scotland => scotland::schedule(&y),
        Part::NorthernIreland => northern_ireland::schedule(&y),
    };
    let mut days: Vec<Holiday> = Vec::new();
    let mut movable = schedule.movable;
    for proclaimed in proclamations::in_year(year, part) {
        if let Some(instead_of) = proclaimed.instead_of() {
            movable.retain(|(date, _)| *date != instead_of);
        }
        movable.push((proclaimed.date(), proclaimed.name));
    }
    let mut taken: BTreeSet<NaiveDate> = movable.iter().map(|(date, _)| *date).collect();
    taken.extend(
        schedule
            .fixed
            .iter()
            .map(|(date, _, _)| *date)
            .filter(|date| !is_weekend(*date)),
    );
    days.extend(
        movable
            .into_iter()
            .map(|(date, name)| (date, name, PublicHoliday)),
    );
    let mut fixed = schedule.fixed;
    fixed.sort_by_key(|(date, _, _)| *date);
    for (date, name, substitute) in fixed {
        days.push((date, name, PublicHoliday));
        if is_weekend(date) {
            let mut day = date + Duration::days(1);
            while is_weekend(day) || taken.contains(&day) {
                day += Duration::days(1);
            }
            taken.insert(day);
            days.push((day, substitute, PublicHoliday));
        }
    }
    days.sort_by_key(|(date, _, _)| *date);
    days
}

/// Christmas Day and Boxing Day, which every part has.
fn christmas(y: &Year) -> [(NaiveDate, &'static str, &'static str); 2] {
    [
        (
            y.fixed(12, 25),
            "Christmas Day",
            "Christmas Day (substitute day)",
        ),
        (y.fixed(12, 26), "Boxing Day", "Boxing Day (substitute day)"),
    ]
}

#[cfg(test)]
mod tests {
    use super::proclamations::PROCLAIMED;
    use super::*;
    use crate::calendar::CalendarKind::{GbEawBank, GbNirBank, GbSctBank};
    use crate::calendar::testing::{closed_weekdays, closure_name, working};

    #[test]
    fn the_days_a_uk_lawyer_would_pick() {
        for (date, eaw, sct, nir, why) in [
            (
                "2020-12-28",
                false,
                false,
                false,
                "Boxing Day on a Saturday: Monday instead",
            ),
            (
                "2021-12-27",
                false,
                false,
                false,
                "Christmas on a Saturday: Monday",
            ),
            (
                "2021-12-28",
                false,
                false,
                false,
                "and Boxing Day on a Sunday: Tuesday",
            ),
            (
                "2022-12-27",
                false,
                false,
                false,
                "Christmas on a Sunday: Tuesday",
            ),
            (
                "2026-12-28",
                false,
                false,
                false,
                "Boxing Day 2026, a Saturday",
            ),
            ("2025-01-02", true, false, true, "2 January: Scotland only"),
            (
                "2022-01-04",
                true,
                false,
                true,
                "2 January 2022 was a Sunday",
            ),
            (
                "2022-01-03",
                false,
                false,
                false,
                "New Year's Day 2022 was a Saturday",
            ),
            (
                "2025-04-21",
                false,
                true,
                false,
                "Easter Monday: not in Scotland",
            ),
            (
                "2024-07-12",
                true,
                true,
                false,
                "12 July in Northern Ireland",
            ),
            (
                "2025-07-14",
                true,
                true,
                false,
                "12 July 2025, a Saturday: Monday",
            ),
            ("2025-03-17", true, true, false, "St Patrick's Day"),
            (
                "2025-08-04",
                true,
                false,
                true,
                "the first Monday in August: Scotland",
            ),
            (
                "2025-08-25",
                false,
                true,
                false,
                "the last Monday in August: elsewhere",
            ),
            (
                "2025-12-01",
                true,
                false,
                true,
                "St Andrew's Day 2025, a Sunday: Monday",
            ),
            (
                "2006-11-30",
                true,
                true,
                true,
                "St Andrew's Day before its Act",
            ),
            (
                "2022-09-19",
                false,
                false,
                false,
                "the state funeral of Queen Elizabeth II",
            ),
            (
                "2022-05-30",
                true,
                true,
                true,
                "the Spring bank holiday moved to 2 June",
            ),
            (
                "2022-06-02",
                false,
                false,
                false,
                "Spring bank holiday 2022",
            ),
            ("2022-06-03", false, false, false, "the Platinum Jubilee"),
            (
                "2023-05-08",
                false,
                false,
                false,
                "the coronation of King Charles III",
            ),
            (
                "2020-05-04",
                true,
                true,
                true,
                "Early May 2020 moved to VE Day",
            ),
            ("2020-05-08", false, false, false, "VE Day 2020"),
            (
                "2025-12-31",
                true,
                true,
                true,
                "New Year's Eve is a business day",
            ),
            (
                "2026-06-15",
                true,
                false,
                true,
                "the World Cup holiday: Scotland only",
            ),
        ] {
            assert_eq!(
                working(GbEawBank, date),
                eaw,
                "England and Wales {date}: {why}"
            );
            assert_eq!(working(GbSctBank, date), sct, "Scotland {date}: {why}");
            assert_eq!(
                working(GbNirBank, date),
                nir,
                "Northern Ireland {date}: {why}"
            );
        }
        assert_eq!(
            closure_name(GbEawBank, "2020-12-28").as_deref(),
            Some("Boxing Day (substitute day)")
        );
    }

    #[test]
    fn whole_years_against_the_published_lists() {
        // GOV.UK's lists for 2022 (the jubilee and the funeral) and 2026, written out by hand.
        assert_eq!(
            closed_weekdays(GbEawBank, 2022),
            [
                "2022-01-03",
                "2022-04-15",
                "2022-04-18",
                "2022-05-02",
                "2022-06-02",
                "2022-06-03",
                "2022-08-29",
                "2022-09-19",
                "2022-12-26",
                "2022-12-27"
            ]
        );
        assert_eq!(
            closed_weekdays(GbSctBank, 2022),
            [
                "2022-01-03",
                "2022-01-04",
                "2022-04-15",
                "2022-05-02",
                "2022-06-02",
                "2022-06-03",
                "2022-08-01",
                "2022-09-19",
                "2022-11-30",
                "2022-12-26",
                "2022-12-27"
            ]
        );
        assert_eq!(
            closed_weekdays(GbNirBank, 2022),
            [
                "2022-01-03",
                "2022-03-17",
                "2022-04-15",
                "2022-04-18",
                "2022-05-02",
                "2022-06-02",
                "2022-06-03",
                "2022-07-12",
                "2022-08-29",
                "2022-09-19",
                "2022-12-26",
                "2022-12-27"
            ]
        );
        assert_eq!(
            closed_weekdays(GbEawBank, 2026),
            [
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28"
            ]
        );
        assert_eq!(
            closed_weekdays(GbSctBank, 2026),
            [
                "2026-01-01",
                "2026-01-02",
                "2026-04-03",
                "2026-05-04",
                "2026-05-25",
                "2026-06-15",
                "2026-08-03",
                "2026-11-30",
                "2026-12-25",
                "2026-12-28"
            ]
        );
        assert_eq!(
            closed_weekdays(GbNirBank, 2026),
            [
                "2026-01-01",
                "2026-03-17",
                "2026-04-03",
                "2026-04-06",
                "2026-05-04",
                "2026-05-25",
                "2026-07-13",
                "2026-08-31",
                "2026-12-25",
                "2026-12-28"
            ]
        );
    }

    #[test]
    fn every_proclamation_replaces_a_holiday_that_exists() {
        for proclaimed in PROCLAIMED {
            assert!(proclaimed.date().year() >= FIRST_YEAR, "{proclaimed:?}");
            assert!(!is_weekend(proclaimed.date()), "{proclaimed:?}");
            if let Some(instead_of) = proclaimed.instead_of() {
                let y = Year::new(proclaimed.on.0);
                for part in proclaimed.parts {
                    let regular = match part {
                        Part::EnglandWales => england_wales::schedule(&y),
                        Part::Scotland => scotland::schedule(&y),
                        Part::NorthernIreland => northern_ireland::schedule(&y),
                    };
                    assert!(
                        regular.movable.iter().any(|(date, _)| *date == instead_of),
                        "{proclaimed:?} replaces no regular holiday in {part:?}"
                    );
                }
            }
        }
        // The table is in date order.
        assert!(PROCLAIMED.windows(2).all(|w| w[0].date() < w[1].date()));
    }
}
