//! The figures the Excel and Markdown reports show beyond the status counts: headline rates,
//! percentiles, breakdowns, the trend and the regulator's return. Computed once, from the
//! evaluated frames, so that every format prints the same numbers; each is defined so that it
//! can be recounted from the Cases sheet (the Method sheet says how).

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use crate::ingest::col_names;
use crate::outcome::OutcomeClass;
use crate::period::Period;
use crate::status::Status;

/// The extra computed columns of the cases table: how the regulator's figures count a case.
pub const OUTCOME_CLASS: &str = "outcome_class";
pub const REFERRAL_BODY: &str = "referral_body";

/// The working days within which the regulator's return counts a case as closed quickly.
pub const QUICK_CLOSE_WORKING_DAYS: i64 = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub headline: Headline,
    /// By product, category, channel and stage, in that order.
    pub breakdowns: Vec<Breakdown>,
    pub trend: Vec<TrendMonth>,
    pub regulator: Regulator,
    pub ageing: Ageing,
}

/// The age bands of open cases, in working days: (label, lowest day of the band); a band ends
/// where the next begins, the last has no end.
pub const AGE_BANDS: [(&str, i64); 5] = [
    ("0-5", 0),
    ("6-10", 6),
    ("11-15", 11),
    ("16-35", 16),
    ("over 35", 36),
];

/// The band of an age in working days (a negative one, which no open case has, in the first).
pub fn age_band(days: i64) -> usize {
    AGE_BANDS
        .iter()
        .rposition(|(_, lowest)| days >= *lowest)
        .unwrap_or(0)
}

/// How old the cases open at the as-of date are: one count per [`AGE_BANDS`] band.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ageing {
    /// Open cases by working days from receipt to the as-of date (`working_days_elapsed`).
    pub open: [u64; AGE_BANDS.len()],
    /// Open cases past their applicable deadline (`open_overdue`) by working days past it
    /// (`days_over_limit`).
    pub overdue: [u64; AGE_BANDS.len()],
}

impl Ageing {
    fn of(cases: &DataFrame, view: &View) -> Result<Self> {
        let open = bool_column(cases, "open_at_as_of")?;
        let elapsed = int_column(cases, "working_days_elapsed")?;
        let over = int_column(cases, "days_over_limit")?;
        let mut ageing = Ageing::default();
        for row in 0..cases.height() {
            if open.get(row) != Some(true) {
                continue;
            }
            if let Some(days) = elapsed.get(row) {
                ageing.open[age_band(days)] += 1;
            }
            if view.status(row) == Some(Status::OpenOverdue)
                && let Some(days) = over.get(row)
            {
                ageing.overdue[age_band(days)] += 1;
            }
        }
        Ok(ageing)
    }
}

/// The headline figures of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// Cases resolved in the period on or before their first deadline.
    pub resolved_within_first: u64,
    /// Cases resolved in the period in time: by the first deadline, or by the final deadline
    /// after a timely holding reply (statuses `resolved_on_time` and `resolved_extended`).
    /// A case resolved by the final deadline without a timely holding reply is a breach and
    /// is not in it.
    pub resolved_in_time: u64,
    /// Cases resolved in the period with each breach status: late without a timely holding
    /// reply, and after the final deadline.
    pub resolved_breach_no_holding_reply: u64,
    pub resolved_breach_final_deadline: u64,
    /// Of the cases in the two lines above, those without a timely holding reply: every case
    /// resolved late with no reply by the first deadline, after the final deadline or not.
    pub resolved_late_without_timely_reply: u64,
    /// Working days from receipt to resolution of the cases resolved in the period: the
    /// median and the 90th percentile as Excel's MEDIAN and PERCENTILE.INC compute them.
    pub median_working_days: Option<f64>,
    pub p90_working_days: Option<f64>,
}

/// One dimension's breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    /// `product`, `category`, `channel` or `stage`.
    pub dimension: &'static str,
    /// Largest group first; a blank value is the group `(blank)`.
    pub rows: Vec<BreakdownRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownRow {
    pub value: String,
    pub cases: u64,
    /// `answered_late + open_overdue`.
    pub breaches: u64,
    /// Resolved after the applicable deadline (the two breach statuses).
    pub answered_late: u64,
    /// Open at the as-of date past the applicable deadline.
    pub open_overdue: u64,
    /// Median working days to resolution of the group's resolved cases.
    pub median_working_days: Option<f64>,
    /// Redress paid on the group's cases, in minor units (`None` when no input has the
    /// column).
    pub redress: Option<i64>,
}

/// A month of the trend.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub received: u64,
    pub resolved: u64,
    /// Of those resolved in the month, how many on or before their first deadline.
    pub resolved_within_first: u64,
    /// Of those resolved in the month, how many with a breach (status `breach_*`).
    pub resolved_with_breach: u64,
}

/// The period's figures in the shape complaint returns use.
#[derive(Debug, Clone, PartialEq)]
pub struct Regulator {
    /// Received before the period and not resolved before it started.
    pub outstanding_at_start: u64,
    pub opened: u64,
    pub closed: u64,
    /// Closed cases in time buckets that do not overlap and add up to `closed`, by time
    /// alone (as complaint returns define them): within 3 working days and by the first
    /// deadline (never a breach, whatever the first limit); later but by the first deadline; later but by the final deadline's date, holding reply or not; later.
    pub closed_within_3_working_days: u64,
    pub closed_within_first_limit: u64,
    pub closed_within_final_limit: u64,
    /// Of `closed_within_final_limit`, those without a timely holding reply: breaches
    /// (`breach_no_holding_reply`) that the time bucket holds.
    pub closed_within_final_limit_breached: u64,
    pub closed_later: u64,
    /// Closed cases by outcome class.
    pub outcomes: BTreeMap<OutcomeClass, u64>,
    pub by_product: Vec<RegulatorProduct>,
    /// Cases in the report referred to an outside body, by body; largest first.
    pub referrals: Vec<(String, u64)>,
    /// Redress paid on the cases closed in the period (`None` when no input has the column).
    pub redress: Option<Redress>,
}

/// Redress paid on the cases closed in the period, in minor units: (cases with an amount,
/// their sum).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Redress {
    pub by_outcome: BTreeMap<OutcomeClass, (u64, i64)>,
    pub total: (u64, i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct RegulatorProduct {
    pub product: String,
    pub opened: u64,
    pub closed: u64,
    pub outcomes: BTreeMap<OutcomeClass, u64>,
    /// Redress paid on the product's cases closed in the period (with [`Regulator::redress`]).
    pub redress: i64,
}

/// The value a blank descriptive field is grouped under.
pub const BLANK: &str = "(blank)";

/// Typed views of the columns the figures read.
struct View {
    resolved: Int32Chunked,
    first_deadline: Int32Chunked,
    final_deadline: Int32Chunked,
    working_days: Int64Chunked,
    /// Each case's status, parsed once: the figures ask for it several times a case.
    status: Vec<Option<Status>>,
}

impl View {
    fn of(frame: &DataFrame) -> Result<Self> {
        Ok(View {
            resolved: days_column(frame, col_names::RESOLVED)?,
            first_deadline: days_column(frame, "first_deadline")?,
            final_deadline: days_column(frame, "final_deadline")?,
            working_days: int_column(frame, "working_days_elapsed")?,
            status: frame
                .column("status")?
                .str()?
                .iter()
                .map(|s| s.and_then(Status::parse))
                .collect(),
        })
    }

    fn status(&self, row: usize) -> Option<Status> {
        self.status.get(row).copied().flatten()
    }
}

fn text_column(frame: &DataFrame, name: &str) -> Result<StringChunked> {
    Ok(frame.column(name)?.str()?.rechunk().into_owned())
}

fn int_column(frame: &DataFrame, name: &str) -> Result<Int64Chunked> {
    Ok(frame
        .column(name)?
        .cast(&DataType::Int64)?
        .i64()?
        .rechunk()
        .into_owned())
}

fn bool_column(frame: &DataFrame, name: &str) -> Result<BooleanChunked> {
    Ok(frame.column(name)?.bool()?.rechunk().into_owned())
}

/// Computes the figures from `cases` (the cases in the report, with `outcome_class` and
/// `referral_body`) and `evaluated` (every valid case received by the as-of date).
/// `evaluated` holds at least every row received or resolved from [`trend_start`] on (the
/// trend's rows); `earliest_received` is the earliest receipt of all rows, so that the trend
/// starts no earlier than the data.
pub fn compute(
    cases: &DataFrame,
    evaluated: &DataFrame,
    earliest_received: Option<NaiveDate>,
    period: &Period,
) -> Result<Figures> {
    let view = View::of(cases)?;
    // Redress, when an input has the column: known only for resolved cases (the snapshot
    // blanks it for the others).
    let redress = match cases.column(col_names::REDRESS) {
        Ok(column) => Some(column.cast(&DataType::Int64)?.i64()?.rechunk().into_owned()),
        Err(_) => None,
    };
    Ok(Figures {
        headline: headline(cases, &view)?,
        breakdowns: breakdowns(cases, &view, redress.as_ref())?,
        trend: trend(evaluated, earliest_received, period)?,
        regulator: regulator(cases, &view, evaluated, period, redress.as_ref())?,
        ageing: Ageing::of(cases, &view)?,
    })
}

/// The cases resolved in the period: within the first limit, in time, late by kind, and the
/// working days they took.
fn headline(cases: &DataFrame, view: &View) -> Result<Headline> {
    let resolved_in_period = bool_column(cases, "resolved_in_period")?;
    // Past the first deadline without a timely holding reply (the evaluation's flag).
    let first_missed = bool_column(cases, "first_limit_breached")?;
    let n = cases.height();
    let mut without_reply = 0;
    let mut within_first = 0;
    let mut in_time = 0;
    let mut breach_no_holding_reply = 0;
    let mut breach_final_deadline = 0;
    let mut days = Vec::new();
    for row in 0..n {
        if resolved_in_period.get(row) != Some(true) {
            continue;
        }
        let (Some(resolved), Some(first)) = (view.resolved.get(row), view.first_deadline.get(row))
        else {
            continue;
        };
        within_first += u64::from(resolved <= first);
        match view.status(row) {
            Some(Status::ResolvedOnTime | Status::ResolvedExtended) => in_time += 1,
            Some(Status::BreachNoHoldingReply) => breach_no_holding_reply += 1,
            Some(Status::BreachFinalDeadline) => breach_final_deadline += 1,
            _ => {}
        }
        without_reply += u64::from(
            view.status(row).is_some_and(Status::is_breach) && first_missed.get(row) == Some(true),
        );
        if let Some(d) = view.working_days.get(row) {
            days.push(d);
        }
    }
    days.sort_unstable();
    Ok(Headline {
        resolved_within_first: within_first,
        resolved_in_time: in_time,
        resolved_breach_no_holding_reply: breach_no_holding_reply,
        resolved_breach_final_deadline: breach_final_deadline,
        resolved_late_without_timely_reply: without_reply,
        median_working_days: percentile(&days, 0.5),
        p90_working_days: percentile(&days, 0.9),
    })
}

/// Cases, breaches, resolution times and redress by product, category, channel and stage.
fn breakdowns(
    cases: &DataFrame,
    view: &View,
    redress: Option<&Int64Chunked>,
) -> Result<Vec<Breakdown>> {
    let paid = |row: usize| redress.and_then(|r| r.get(row));
    let n = cases.height();
    let mut breakdowns = Vec::new();
    for dimension in ["product", "category", "channel", "stage"] {
        let values = text_column(cases, dimension)?;
        // Keyed by the borrowed value: a hash per row (polars' fast one), no allocation.
        // Cases, [answered late, open past the deadline], working days, redress paid.
        type Group = (u64, [u64; 2], Vec<i64>, i64);
        let mut groups: PlHashMap<&str, Group> = PlHashMap::default();
        for (row, value) in values.iter().enumerate().take(n) {
            let key = value.filter(|v| !v.trim().is_empty()).unwrap_or(BLANK);
            let group = groups.entry(key).or_default();
            group.0 += 1;
            match view.status(row) {
                Some(Status::OpenOverdue) => group.1[1] += 1,
                Some(s) if s.is_breach() => group.1[0] += 1,
                _ => {}
            }
            if view.resolved.get(row).is_some()
                && let Some(d) = view.working_days.get(row)
            {
                group.2.push(d);
            }
            group.3 += paid(row).unwrap_or(0);
        }
        let mut rows: Vec<BreakdownRow> = groups
            .into_iter()
            .map(|(value, (cases, [late, overdue], mut days, paid))| {
                days.sort_unstable();
                BreakdownRow {
                    value: value.to_string(),
                    cases,
                    breaches: late + overdue,
                    answered_late: late,
                    open_overdue: overdue,
                    median_working_days: percentile(&days, 0.5),
                    redress: redress.map(|_| paid),
                }
            })
            .collect();
        rows.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.value.cmp(&b.value)));
        breakdowns.push(Breakdown { dimension, rows });
    }

    Ok(breakdowns)
}

/// The regulator's return of some of the report's cases (one market's): `cases` and
/// `evaluated` hold those cases only.
pub fn regulator_of(
    cases: &DataFrame,
    evaluated: &DataFrame,
    period: &Period,
) -> Result<Regulator> {
    let redress = match cases.column(col_names::REDRESS) {
        Ok(column) => Some(column.cast(&DataType::Int64)?.i64()?.rechunk().into_owned()),
        Err(_) => None,
    };
    regulator(
        cases,
        &View::of(cases)?,
        evaluated,
        period,
        redress.as_ref(),
    )
}

/// The regulator's return: the period's flows from the cases in the report, the opening stock
/// from every evaluated case.
fn regulator(
    cases: &DataFrame,
    view: &View,
    evaluated: &DataFrame,
    period: &Period,
    redress: Option<&Int64Chunked>,
) -> Result<Regulator> {
    let resolved_in_period = bool_column(cases, "resolved_in_period")?;
    let received_in_period = bool_column(cases, "received_in_period")?;
    let outcome_class = text_column(cases, OUTCOME_CLASS)?;
    let paid = |row: usize| redress.and_then(|r| r.get(row));
    let n = cases.height();
    // Regulator: the period's flows from the cases in the report, the opening stock from
    // every evaluated case.
    let mut regulator =
        Regulator::empty(outstanding_at(evaluated, period.start)?, redress.is_some());
    let products = text_column(cases, "product")?;
    let bodies = text_column(cases, REFERRAL_BODY)?;
    let mut by_product: PlHashMap<&str, RegulatorProduct> = PlHashMap::default();
    let mut referrals: PlHashMap<&str, u64> = PlHashMap::default();
    for row in 0..n {
        let product = products
            .get(row)
            .filter(|v| !v.trim().is_empty())
            .unwrap_or(BLANK);
        let entry = by_product
            .entry(product)
            .or_insert_with(|| RegulatorProduct {
                product: product.to_string(),
                opened: 0,
                closed: 0,
                outcomes: OutcomeClass::ALL.into_iter().map(|c| (c, 0)).collect(),
                redress: 0,
            });
        if received_in_period.get(row) == Some(true) {
            regulator.opened += 1;
            entry.opened += 1;
        }
        if let Some(body) = bodies.get(row) {
            *referrals.entry(body).or_insert(0) += 1;
        }
        if resolved_in_period.get(row) != Some(true) {
            continue;
        }
        regulator.closed += 1;
        entry.closed += 1;
        let class = outcome_class
            .get(row)
            .and_then(|c| OutcomeClass::ALL.into_iter().find(|k| k.as_str() == c))
            .unwrap_or(OutcomeClass::Other);
        *regulator.outcomes.entry(class).or_insert(0) += 1;
        *entry.outcomes.entry(class).or_insert(0) += 1;
        if let (Some(totals), Some(amount)) = (regulator.redress.as_mut(), paid(row)) {
            let by_class = totals.by_outcome.entry(class).or_insert((0, 0));
            *by_class = (by_class.0 + 1, by_class.1 + amount);
            totals.total = (totals.total.0 + 1, totals.total.1 + amount);
            entry.redress += amount;
        }
        count_closing(&mut regulator, view, row);
    }
    regulator.by_product = largest_first(by_product);
    regulator.referrals = most_first(referrals);

    Ok(regulator)
}

impl Regulator {
    /// No case counted yet.
    fn empty(outstanding_at_start: u64, has_redress: bool) -> Self {
        Regulator {
            outstanding_at_start,
            opened: 0,
            closed: 0,
            closed_within_3_working_days: 0,
            closed_within_first_limit: 0,
            closed_within_final_limit: 0,
            closed_within_final_limit_breached: 0,
            closed_later: 0,
            outcomes: OutcomeClass::ALL.into_iter().map(|c| (c, 0)).collect(),
            by_product: Vec::new(),
            referrals: Vec::new(),
            redress: has_redress.then(|| Redress {
                by_outcome: OutcomeClass::ALL.into_iter().map(|c| (c, (0, 0))).collect(),
                total: (0, 0),
            }),
        }
    }
}

/// Counts a case closed in the period in its closing-time bucket. The quick bucket holds no
/// breach: a case closed on day 3 after a first limit of 2 working days is late, and is
/// counted with the later buckets.
fn count_closing(regulator: &mut Regulator, view: &View, row: usize) {
    let resolved = view.resolved.get(row);
    let by_first_deadline = resolved <= view.first_deadline.get(row);
    let bucket = if by_first_deadline
        && view
            .working_days
            .get(row)
            .is_some_and(|d| d <= QUICK_CLOSE_WORKING_DAYS)
    {
        &mut regulator.closed_within_3_working_days
    } else if by_first_deadline {
        &mut regulator.closed_within_first_limit
    } else if resolved <= view.final_deadline.get(row) {
        regulator.closed_within_final_limit_breached +=
            u64::from(view.status(row) == Some(Status::BreachNoHoldingReply));
        &mut regulator.closed_within_final_limit
    } else {
        &mut regulator.closed_later
    };
    *bucket += 1;
}

/// The products by cases opened and closed, most first, then by name.
fn largest_first(by_product: PlHashMap<&str, RegulatorProduct>) -> Vec<RegulatorProduct> {
    let mut products: Vec<RegulatorProduct> = by_product.into_values().collect();
    products.sort_by(|a, b| {
        (b.opened + b.closed)
            .cmp(&(a.opened + a.closed))
            .then_with(|| a.product.cmp(&b.product))
    });
    products
}

/// The bodies referred to, most referrals first, then by name.
fn most_first(referrals: PlHashMap<&str, u64>) -> Vec<(String, u64)> {
    let mut referrals: Vec<(String, u64)> = referrals
        .into_iter()
        .map(|(body, n)| (body.to_string(), n))
        .collect();
    referrals.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    referrals
}

/// Cases received before `start` and not resolved before it (open then).
fn outstanding_at(evaluated: &DataFrame, start: NaiveDate) -> Result<u64> {
    let start = crate::business_days::epoch_days(start);
    let received = days_column(evaluated, col_names::RECEIVED)?;
    let resolved = days_column(evaluated, col_names::RESOLVED)?;
    Ok(received
        .iter()
        .zip(resolved.iter())
        .filter(|(received, resolved)| {
            received.is_some_and(|r| r < start) && resolved.is_none_or(|r| r >= start)
        })
        .count() as u64)
}

/// A date column as days since 1970, in one chunk.
fn days_column(frame: &DataFrame, name: &str) -> Result<Int32Chunked> {
    Ok(frame
        .column(name)?
        .cast(&DataType::Int32)?
        .i32()?
        .rechunk()
        .into_owned())
}

/// The 12 months up to the period's last month, from the first month with data.
/// The first day of the trend's earliest possible month: eleven months before the period's
/// last month.
pub fn trend_start(period: &Period) -> NaiveDate {
    let month = period.end.year() * 12 + period.end.month0() as i32 - 11;
    NaiveDate::from_ymd_opt(month.div_euclid(12), month.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(period.start)
}

/// The trend, from every evaluated case: each pass reads whole columns (ten million rows on
/// a large history), with the months' first days as bounds and the breach statuses compared
/// by polars, not parsed row by row.
fn trend(
    evaluated: &DataFrame,
    earliest_received: Option<NaiveDate>,
    period: &Period,
) -> Result<Vec<TrendMonth>> {
    let month = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let last = month(period.end);
    debug_assert_eq!(month(trend_start(period)), last - 11);
    let earliest = earliest_received.map(month).unwrap_or(last);
    let first = (last - 11).max(earliest.min(last));
    let first_day = |m: i32| {
        NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1)
            .map(crate::business_days::epoch_days)
            .unwrap_or(i32::MAX)
    };
    // bounds[i] is the first day of month `first + i`; the last is the day after the trend.
    let bounds: Vec<i32> = (first..=last + 1).map(first_day).collect();
    let slot = |days: i32| -> Option<usize> {
        (days >= bounds[0] && days < bounds[bounds.len() - 1])
            .then(|| bounds.partition_point(|b| *b <= days) - 1)
    };
    let mut months: Vec<TrendMonth> = (first..=last)
        .map(|m| TrendMonth {
            month: format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
            received: 0,
            resolved: 0,
            resolved_within_first: 0,
            resolved_with_breach: 0,
        })
        .collect();
    let received = days_column(evaluated, col_names::RECEIVED)?;
    for i in received.iter().flatten().filter_map(slot) {
        months[i].received += 1;
    }
    let resolved = days_column(evaluated, col_names::RESOLVED)?;
    let first_deadline = days_column(evaluated, "first_deadline")?;
    let breach = evaluated
        .clone()
        .lazy()
        .select([col("status")
            .eq(lit(Status::BreachNoHoldingReply.as_str()))
            .or(col("status").eq(lit(Status::BreachFinalDeadline.as_str())))
            .fill_null(lit(false))
            .alias("breach")])
        .collect()?;
    let breach = breach.column("breach")?.bool()?.rechunk().into_owned();
    for ((resolved, first), breach) in resolved
        .iter()
        .zip(first_deadline.iter())
        .zip(breach.iter())
    {
        let Some(resolved) = resolved else { continue };
        let Some(i) = slot(resolved) else { continue };
        let month = &mut months[i];
        month.resolved += 1;
        month.resolved_within_first += u64::from(first.is_some_and(|f| resolved <= f));
        month.resolved_with_breach += u64::from(breach == Some(true));
    }
    Ok(months)
}

/// The `p` quantile of sorted `values` as Excel's PERCENTILE.INC computes it (linear between
/// the ranks around `p * (n - 1)`); the median is `p = 0.5`.
pub fn percentile(sorted: &[i64], p: f64) -> Option<f64> {
    let (first, rest) = sorted.split_first()?;
    if rest.is_empty() {
        return Some(*first as f64);
    }
    let h = p * (sorted.len() - 1) as f64;
    let lower = h.floor() as usize;
    let upper = (lower + 1).min(sorted.len() - 1);
    let fraction = h - lower as f64;
    Some(sorted[lower] as f64 + fraction * (sorted[upper] - sorted[lower]) as f64)
}

/// A share as a percentage, `None` when there is nothing to share.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bands_meet_without_a_gap_or_an_overlap() {
        for (days, band) in [
            (-1, "0-5"),
            (0, "0-5"),
            (5, "0-5"),
            (6, "6-10"),
            (10, "6-10"),
            (11, "11-15"),
            (15, "11-15"),
            (16, "16-35"),
            (35, "16-35"),
            (36, "over 35"),
            (400, "over 35"),
        ] {
            assert_eq!(AGE_BANDS[age_band(days)].0, band, "{days}");
        }
    }

    #[test]
    fn the_trend_starts_eleven_months_before_the_periods_last_month() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        for (period, start) in [
            ("2025-12", d(2025, 1, 1)),
            ("2026-01", d(2025, 2, 1)),
            ("2025-05", d(2024, 6, 1)),
            ("2024-02", d(2023, 3, 1)),
            ("2025-Q4", d(2025, 1, 1)),
            ("2025", d(2025, 1, 1)),
            ("1900-01", d(1899, 2, 1)),
        ] {
            assert_eq!(
                trend_start(&Period::parse(period).unwrap()),
                start,
                "{period}"
            );
        }
    }

    #[test]
    fn percentiles_as_excel_computes_them() {
        // =MEDIAN(1,2,3,4) is 2.5; =PERCENTILE.INC({1,2,3,4,5,6,7,8,9,10},0.9) is 9.1.
        assert_eq!(percentile(&[1, 2, 3, 4], 0.5), Some(2.5));
        assert_eq!(percentile(&[1, 2, 3], 0.5), Some(2.0));
        let ten: Vec<i64> = (1..=10).collect();
        assert!((percentile(&ten, 0.9).unwrap() - 9.1).abs() < 1e-9);
        assert_eq!(percentile(&[7], 0.9), Some(7.0));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn percent_of_nothing_is_none() {
        assert_eq!(percent(1, 4), Some(25.0));
        assert_eq!(percent(0, 0), None);
    }
}
