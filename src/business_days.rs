//! The deadline rules as polars expressions, for evaluating many complaints at once, each on
//! the calendar of its market.
//!
//! Every calendar the data needs is laid out once, for the years the data spans, as two
//! tables: each day's *working-day number* (the working days from the table's first day up to
//! and including it) and the working days in order. A case's market picks its calendar's
//! block of both tables, so one query counts every case on its own calendar, and each rule is
//! a lookup per row, whatever the number of calendars:
//! - the working days in (`from`, `to`] are `number(to) - number(from)`; negative when `to`
//!   is before `from`, as the reference counts them;
//! - the `n`-th working day after `d` is working day number `number(d) + n`: the day of
//!   receipt never counts, whatever it is (a receipt on a Saturday has the number of the
//!   Friday before, so Monday is day 1);
//! - `d` rolled forward to a working day is working day number `number(d - 1) + 1`.
//!
//! A lookup outside a table gives null, never another calendar's day: [`crate::evaluate`]
//! refuses a null deadline. The scalar functions in [`crate::calendar`] and
//! [`crate::deadline`] are the reference; the tests below compare the two over whole years,
//! for every calendar.

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use crate::calendar::{Calendar, OutOfRange};
use crate::deadline::{FinalLimitUnit, Limits};

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

/// How one market counts: its limits on its calendar.
#[derive(Clone, Copy)]
pub struct Counting<'a> {
    pub limits: Limits,
    pub calendar: &'a Calendar,
}

/// The calendars of a data set's markets prepared for polars, for the years it spans.
#[derive(Clone)]
pub struct BusinessDays {
    /// The table's first day, as days since 1970.
    origin: i32,
    /// Days in the table, per calendar.
    span: i64,
    /// Entries per calendar in the table of working days: `span` and room for the longest
    /// limit, so that a count past a calendar's last working day finds a null of its own.
    stride: i64,
    /// Each day's working-day number, calendar after calendar.
    numbers: Expr,
    /// The working days in order (as days since 1970), calendar after calendar.
    working_days: Expr,
    /// Which calendar each row counts on (an index into the markets).
    market: Expr,
    /// Each market's limits, per row.
    first_limit: Expr,
    final_limit: Expr,
    final_in_calendar_days: Expr,
    at_risk_window: Expr,
}

impl BusinessDays {
    /// The markets' calendars for dates in the years `first_year..=last_year`; `market` is
    /// the index of each row's market in `markets` (a literal 0 when there is one).
    pub fn for_years(
        markets: &[Counting],
        first_year: i32,
        last_year: i32,
        market: Expr,
    ) -> Result<Self, OutOfRange> {
        let from = NaiveDate::from_ymd_opt(first_year, 1, 1).expect("1 January exists");
        let to = NaiveDate::from_ymd_opt(last_year, 12, 31).expect("31 December exists");
        let span = i64::from(epoch_days(to) - epoch_days(from) + 1);
        let longest = markets
            .iter()
            .map(|m| m.limits.first_limit.max(m.limits.final_limit))
            .max()
            .unwrap_or(0);
        let stride = span + i64::from(longest) + 1;
        let mut numbers: Vec<Option<i32>> = Vec::with_capacity(markets.len() * span as usize);
        let mut working_days: Vec<Option<i32>> =
            Vec::with_capacity(markets.len() * stride as usize);
        for counting in markets {
            let calendar = counting.calendar;
            calendar.check_year(last_year, || format!("year {last_year}"))?;
            let block = working_days.len();
            let mut number = 0;
            for day in from.iter_days().take(span as usize) {
                // Before the calendar's first year its days have no number: ingest rejects a
                // receipt of its market there, so only a lookup for another market's row
                // could land on them, and none does (a null deadline would be refused).
                if day.year() < calendar.kind().first_year() {
                    numbers.push(None);
                    continue;
                }
                if calendar.is_working_day(day)? {
                    number += 1;
                    working_days.push(Some(epoch_days(day)));
                }
                numbers.push(Some(number));
            }
            working_days.resize(block + stride as usize, None);
        }
        let per_market = |values: Vec<i64>| {
            if values.windows(2).all(|w| w[0] == w[1]) {
                lit(values.first().copied().unwrap_or(0))
            } else {
                lit(Series::new("by_market".into(), values)).gather(market.clone(), true)
            }
        };
        let limit =
            |f: fn(&Limits) -> i64| per_market(markets.iter().map(|m| f(&m.limits)).collect());
        Ok(BusinessDays {
            origin: epoch_days(from),
            span,
            stride,
            numbers: lit(Series::new("numbers".into(), numbers)),
            working_days: lit(Series::new("working_days".into(), working_days)),
            first_limit: limit(|l| l.first_limit.into()),
            final_limit: limit(|l| l.final_limit.into()),
            final_in_calendar_days: limit(|l| {
                i64::from(l.final_limit_unit == FinalLimitUnit::CalendarDays)
            })
            .eq(lit(1i64)),
            at_risk_window: limit(|l| l.at_risk_window.into()),
            market,
        })
    }

    /// The working-day number of `date` (a `Date` expression) on its row's calendar; null
    /// outside the table.
    fn number(&self, date: Expr) -> Expr {
        let offset = date.cast(DataType::Int64) - lit(i64::from(self.origin));
        let index = when(
            offset
                .clone()
                .gt_eq(lit(0i64))
                .and(offset.clone().lt(lit(self.span))),
        )
        .then(self.market.clone() * lit(self.span) + offset)
        .otherwise(lit(NULL).cast(DataType::Int64));
        self.numbers
            .clone()
            .gather(index.cast(IDX_DTYPE), true)
            .cast(DataType::Int64)
    }

    /// Working day number `k` (an Int64 expression, from 1) of the row's calendar.
    fn working_day(&self, k: Expr) -> Expr {
        let index = self.market.clone() * lit(self.stride) + k - lit(1i64);
        self.working_days
            .clone()
            .gather(index.cast(IDX_DTYPE), true)
            .cast(DataType::Date)
    }

    /// The `n`-th working day after `date` (a `Date` expression); `date` never counts, and
    /// `n` = 0 gives `date`.
    pub fn nth_working_day_after(&self, date: Expr, n: Expr) -> Expr {
        when(n.clone().eq(lit(0i64)))
            .then(date.clone())
            .otherwise(self.working_day(self.number(date) + n))
    }

    /// `date` if it is a working day, else the next working day.
    pub fn roll_forward(&self, date: Expr) -> Expr {
        self.working_day(self.number(add_days(date, -1)) + lit(1i64))
    }

    /// Working days in (`from`, `to`]; when `to` is before `from`, minus the working days in
    /// (`to`, `from`], as [`Calendar::working_days_between`].
    pub fn working_days_between(&self, from: Expr, to: Expr) -> Expr {
        self.number(to) - self.number(from)
    }

    /// The first and final deadlines of complaints received on `received`, by the limits of
    /// each row's market.
    pub fn deadlines(&self, received: Expr) -> (Expr, Expr) {
        let first = self.nth_working_day_after(received.clone(), self.first_limit.clone());
        let last = when(self.final_in_calendar_days.clone())
            .then(self.roll_forward(shift_days(
                received.clone(),
                self.final_limit.clone().cast(DataType::Int32),
            )))
            .otherwise(self.nth_working_day_after(received, self.final_limit.clone()));
        (first, last)
    }

    /// Each row's at-risk window, in working days.
    pub fn at_risk_window(&self) -> Expr {
        self.at_risk_window.clone()
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
    use crate::policy::Policy;

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
                    let counting = [Counting {
                        limits: policy.limits(),
                        calendar: &calendar,
                    }];
                    let bd = BusinessDays::for_years(
                        &counting,
                        first_year - 1,
                        last_year + 1,
                        lit(0i64),
                    )
                    .unwrap();
                    let (first, last) = bd.deadlines(col("received"));
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
