//! The deadline rules as polars expressions, for evaluating many complaints at once.
//!
//! polars' business-day functions count differently from the legal convention, so each rule
//! is mapped with care:
//! - `add_business_days(d, n, roll)` rolls a non-business `d` first, then adds `n`. With
//!   `Roll::Backward` a receipt on a Saturday rolls to Friday, and Friday + 15 is the 15th
//!   working day after Saturday: exactly "day 1 is the first working day after receipt".
//!   (`Roll::Forward` would roll to Monday and land one working day late.)
//! - `business_day_count(a, b)` counts [a, b); the working days in (receipt, D] are therefore
//!   the count over [receipt + 1, D + 1).
//!
//! The scalar functions in [`crate::calendar`] and [`crate::deadline`] are the reference; the
//! tests below compare the two over whole years.

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use crate::calendar::{Calendar, OutOfRange};
use crate::policy::{FinalLimitUnit, Policy};

/// Days from 1970-01-01, the physical value of a polars `Date`.
pub fn epoch_days(date: NaiveDate) -> i32 {
    /// 1970-01-01 counted from 0001-01-01 as day 1 (chrono's `num_days_from_ce`).
    const EPOCH_FROM_CE: i32 = 719_163;
    date.num_days_from_ce() - EPOCH_FROM_CE
}

/// The date `days` after 1970-01-01.
pub fn date_from_epoch_days(days: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + chrono::Duration::days(days.into())
}

/// A calendar prepared for polars: its week mask and the closures of the years a data set
/// spans (only those, as the business-day functions search the list for every row).
#[derive(Clone)]
pub struct BusinessDays {
    week_mask: [bool; 7],
    holidays: Expr,
}

impl BusinessDays {
    /// The calendar for dates in the years `first_year..=last_year`.
    pub fn for_years(
        calendar: &Calendar,
        first_year: i32,
        last_year: i32,
    ) -> Result<Self, OutOfRange> {
        for year in [first_year, last_year] {
            calendar.check_year(year, || format!("year {year}"))?;
        }
        let from = NaiveDate::from_ymd_opt(first_year, 1, 1).expect("1 January exists");
        let to = NaiveDate::from_ymd_opt(last_year, 12, 31).expect("31 December exists");
        let days: Vec<i32> = calendar
            .closures_between(from, to)
            .into_iter()
            .map(|c| epoch_days(c.date))
            .collect();
        let dates = Series::new("holidays".into(), days)
            .cast(&DataType::Date)
            .expect("i32 casts to Date");
        let list = Series::new("holidays".into(), [dates]);
        Ok(BusinessDays {
            week_mask: calendar.week_mask(),
            holidays: lit(list).first(),
        })
    }

    /// The `n`-th working day after `date` (a `Date` expression); `date` never counts.
    pub fn nth_working_day_after(&self, date: Expr, n: u32) -> Expr {
        date.dt().add_business_days(
            lit(n as i32),
            self.week_mask,
            self.holidays.clone(),
            Roll::Backward,
        )
    }

    /// `date` if it is a working day, else the next working day.
    pub fn roll_forward(&self, date: Expr) -> Expr {
        date.dt().add_business_days(
            lit(0i32),
            self.week_mask,
            self.holidays.clone(),
            Roll::Forward,
        )
    }

    /// Working days in (`from`, `to`]; when `to` is before `from`, minus the working days in
    /// (`to`, `from`], as [`Calendar::working_days_between`].
    ///
    /// `business_day_count(a, b)` counts [a, b) when a <= b, and (following NumPy) minus the
    /// days in [b + 1, a + 1) when a > b. So the dates are shifted by one day only in the
    /// forward direction, which keeps a single count per row.
    pub fn working_days_between(&self, from: Expr, to: Expr) -> Expr {
        let shift = from.clone().lt_eq(to.clone()).cast(DataType::Int32);
        polars::lazy::dsl::business_day_count(
            shift_days(from, shift.clone()),
            shift_days(to, shift),
            self.week_mask,
            self.holidays.clone(),
        )
        .cast(DataType::Int64)
    }

    /// The first and final deadlines of complaints received on `received`.
    pub fn deadlines(&self, policy: &Policy, received: Expr) -> (Expr, Expr) {
        let first = self.nth_working_day_after(received.clone(), policy.first_limit);
        let last = match policy.final_limit_unit {
            FinalLimitUnit::WorkingDays => self.nth_working_day_after(received, policy.final_limit),
            FinalLimitUnit::CalendarDays => {
                self.roll_forward(add_days(received, policy.final_limit as i32))
            }
        };
        (first, last)
    }
}

/// `date` + `days` calendar days, staying a `Date`.
pub fn add_days(date: Expr, days: i32) -> Expr {
    shift_days(date, lit(days))
}

/// `date` + `days` (an Int32 expression) calendar days, staying a `Date`.
fn shift_days(date: Expr, days: Expr) -> Expr {
    (date.cast(DataType::Int32) + days).cast(DataType::Date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CalendarKind;
    use crate::deadline::Deadlines;

    #[test]
    fn epoch_days_both_ways() {
        for (date, days) in [
            ("1970-01-01", 0),
            ("1969-12-31", -1),
            ("2000-02-29", 11_016),
            ("1900-01-01", -25_567),
            ("2199-12-31", 84_005),
        ] {
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
            assert_eq!(epoch_days(date), days, "{date}");
            assert_eq!(date_from_epoch_days(days), date);
        }
    }

    fn date_column(name: &str, dates: &[NaiveDate]) -> Column {
        Series::new(
            name.into(),
            dates.iter().map(|d| epoch_days(*d)).collect::<Vec<_>>(),
        )
        .cast(&DataType::Date)
        .unwrap()
        .into()
    }

    fn dates_of(df: &DataFrame, name: &str) -> Vec<NaiveDate> {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        df.column(name)
            .unwrap()
            .cast(&DataType::Int32)
            .unwrap()
            .i32()
            .unwrap()
            .into_no_null_iter()
            .map(|d| epoch + chrono::Duration::days(d.into()))
            .collect()
    }

    /// Every receipt date of whole years, every calendar, both policies: polars and the
    /// reference agree on both deadlines and on the working days elapsed.
    #[test]
    fn polars_agrees_with_the_reference_calendar() {
        let spans = [(1946, 1948), (1999, 2001), (2021, 2027), (2098, 2100)];
        for kind in CalendarKind::ALL {
            let calendar = Calendar::new(kind);
            for policy in [Policy::amex_no(), Policy::psd2()] {
                for (first_year, last_year) in spans {
                    if first_year - 1 < kind.first_year() {
                        continue;
                    }
                    let start = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap();
                    let end = NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap();
                    let received: Vec<NaiveDate> =
                        start.iter_days().take_while(|d| *d <= end).collect();
                    // A second date per row for the elapsed count: 0 to 60 days on, and a few
                    // before (negative counts).
                    let later: Vec<NaiveDate> = received
                        .iter()
                        .enumerate()
                        .map(|(i, d)| *d + chrono::Duration::days((i % 67) as i64 - 6))
                        .collect();
                    let df = DataFrame::new_infer_height(vec![
                        date_column("received", &received),
                        date_column("later", &later),
                    ])
                    .unwrap();
                    let bd =
                        BusinessDays::for_years(&calendar, first_year - 1, last_year + 1).unwrap();
                    let (first, last) = bd.deadlines(&policy, col("received"));
                    let out = df
                        .lazy()
                        .select([
                            first.alias("first"),
                            last.alias("last"),
                            bd.working_days_between(col("received"), col("later"))
                                .alias("elapsed"),
                        ])
                        .collect()
                        .unwrap();
                    let firsts = dates_of(&out, "first");
                    let lasts = dates_of(&out, "last");
                    let elapsed: Vec<i64> = out
                        .column("elapsed")
                        .unwrap()
                        .i64()
                        .unwrap()
                        .into_no_null_iter()
                        .collect();
                    for (i, r) in received.iter().enumerate() {
                        let expected = Deadlines::compute(&policy.limits(), &calendar, *r).unwrap();
                        let what = format!("{kind} {} received {r}", policy.name);
                        assert_eq!(firsts[i], expected.first, "first deadline, {what}");
                        assert_eq!(lasts[i], expected.last, "final deadline, {what}");
                        assert_eq!(
                            elapsed[i],
                            calendar.working_days_between(*r, later[i]).unwrap(),
                            "working days from {r} to {}, {kind}",
                            later[i]
                        );
                    }
                }
            }
        }
    }
}
