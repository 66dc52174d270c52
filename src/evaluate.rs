//! Evaluating every valid complaint against the policy, in one lazy polars query.
//!
//! The rules are those of [`crate::deadline`] (the scalar reference, which the tests compare
//! this with case by case), written as expressions over whole columns: deadlines with
//! polars' business-day functions ([`crate::business_days`]), then elapsed days, status and
//! breach flags, then whether each case belongs in the report. No per-row Rust runs here.

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use crate::business_days::{BusinessDays, Counting, epoch_days};
use crate::calendar::MAX_YEAR;
use crate::ingest::col_names::{HOLDING_REPLY, RECEIVED, REDRESS, REFERRED, RESOLVED, TEXT_ROW};

/// The descriptive columns whose values depend on the resolution.
const OUTCOME: &str = "outcome";
const REFERRED_TO: &str = "referred_to";
use crate::period::Period;
use crate::status::Status;

/// The column holding each row's market (an index into the markets, 0 the home market), when
/// the policy has markets.
pub const MARKET_INDEX: &str = "_market";

/// The column of the report's cases holding each case's market by name, when the policy has
/// markets.
pub const MARKET: &str = "market";

/// Adds [`MARKET`], each case's market by name (`names[i]` for index `i`), to `cases`.
pub fn name_markets(cases: &mut DataFrame, names: &[String]) -> Result<()> {
    let index = cases.column(MARKET_INDEX)?.u32()?.clone();
    let named: StringChunked = index
        .iter()
        .map(|i| i.and_then(|i| names.get(i as usize)).map(String::as_str))
        .collect();
    cases.with_column(named.with_name(MARKET.into()).into_column())?;
    Ok(())
}

/// The evaluation of every valid row received by the as-of date.
pub struct Evaluation {
    /// The valid rows with the computed columns, the cases of the report first marked by
    /// `in_report`.
    pub frame: DataFrame,
}

/// A `Date` literal.
pub fn date_lit(date: NaiveDate) -> Expr {
    lit(epoch_days(date)).cast(DataType::Date)
}

/// Evaluates `rows` (the valid rows from ingest, all received on or before `as_of`), each on
/// its market's calendar and limits: `markets[i]` counts the rows whose [`MARKET_INDEX`] is
/// `i` (every row, when there is one market and no such column).
pub fn evaluate(
    rows: DataFrame,
    markets: &[Counting],
    period: &Period,
    as_of: NaiveDate,
) -> Result<Evaluation> {
    let years = year_span(&rows, markets, as_of)?;
    let columns: Vec<String> = rows
        .get_column_names()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let market = if columns.iter().any(|c| c == MARKET_INDEX) {
        col(MARKET_INDEX).cast(DataType::Int64)
    } else {
        lit(0i64)
    };
    let bd = BusinessDays::for_years(markets, years.0, years.1, market)
        .context("the data's dates are outside the calendar")?;
    let as_of = date_lit(as_of);
    let frame = deadlines(rows.lazy(), &bd, as_of.clone());
    let frame = elapsed(frame, &bd, as_of.clone());
    let frame = status_and_flags(frame, &bd, period, as_of.clone())
        .with_columns(snapshot_at(&columns, as_of))
        .drop(cols([
            "_resolved_known",
            "_at",
            "_timely",
            "_applicable",
            "_over",
            "_left",
        ]))
        .collect()?;
    let unreached =
        frame.column("first_deadline")?.null_count() + frame.column("final_deadline")?.null_count();
    if unreached > 0 {
        anyhow::bail!(
            "internal error: {unreached} deadlines fall outside the calendar tables built for \
             the years {} to {}",
            years.0,
            years.1
        );
    }
    Ok(Evaluation { frame })
}

/// Stage 1: the deadlines, what is known at the as-of date, and the deadline that applies.
fn deadlines(frame: LazyFrame, bd: &BusinessDays, as_of: Expr) -> LazyFrame {
    let null_date = || lit(NULL).cast(DataType::Date);
    let received = col(RECEIVED);
    let holding = col(HOLDING_REPLY);
    let resolved = col(RESOLVED);
    let (first, last) = bd.deadlines(received);
    let resolved_known = when(resolved.clone().lt_eq(as_of.clone()))
        .then(resolved)
        .otherwise(null_date());
    frame
        .with_columns([
            first.alias("first_deadline"),
            last.alias("final_deadline"),
            resolved_known.alias("_resolved_known"),
        ])
        .with_columns([coalesce(&[col("_resolved_known"), as_of.clone()]).alias("_at")])
        .with_columns([
            // A holding reply counts when sent by the first deadline, and no later than the
            // resolution (or the as-of date, for a case still open then).
            holding
                .clone()
                .is_not_null()
                .and(holding.clone().lt_eq(col("_at")))
                .and(holding.lt_eq(col("first_deadline")))
                .alias("_timely"),
        ])
        .with_columns([when(col("_timely"))
            .then(col("final_deadline"))
            .otherwise(col("first_deadline"))
            .alias("_applicable")])
}

/// Stage 2: elapsed days, how far past the applicable deadline, how much is left.
fn elapsed(frame: LazyFrame, bd: &BusinessDays, as_of: Expr) -> LazyFrame {
    let received = col(RECEIVED);
    frame.with_columns([
        bd.working_days_between(received.clone(), col("_at"))
            .alias("working_days_elapsed"),
        (col("_at").cast(DataType::Int64) - received.clone().cast(DataType::Int64))
            .alias("calendar_days_elapsed"),
        bd.working_days_between(col("_applicable"), col("_at"))
            .alias("_over"),
        bd.working_days_between(as_of, col("_applicable"))
            .alias("_left"),
        col("_resolved_known").is_null().alias("open_at_as_of"),
    ])
}

/// Stage 3: the status and breach flags, and whether the case belongs in the report.
fn status_and_flags(
    frame: LazyFrame,
    bd: &BusinessDays,
    period: &Period,
    as_of: Expr,
) -> LazyFrame {
    let received = col(RECEIVED);
    frame
        .with_columns([
            status_expr(bd.at_risk_window(), as_of).alias("status"),
            col("_at")
                .gt(col("first_deadline"))
                .and(col("_timely").not())
                .alias("first_limit_breached"),
            col("_at")
                .gt(col("final_deadline"))
                .alias("final_limit_breached"),
            when(col("_over").gt(lit(0i64)))
                .then(col("_over"))
                .otherwise(lit(0i64))
                .alias("days_over_limit"),
            when(col("open_at_as_of"))
                .then(
                    when(col("_left").gt(lit(0i64)))
                        .then(col("_left"))
                        .otherwise(lit(0i64)),
                )
                .otherwise(lit(NULL).cast(DataType::Int64))
                .alias("working_days_left"),
            col("_applicable").alias("applicable_deadline"),
            in_period(received.clone(), period).alias("received_in_period"),
            in_period(col("_resolved_known"), period).alias("resolved_in_period"),
        ])
        // A case received after the period's end is never in its report, even when it is
        // open at a later as-of date.
        .with_columns([col("received_in_period")
            .or(col("resolved_in_period"))
            .or(col("open_at_as_of"))
            .and(received.clone().lt_eq(date_lit(period.end)))
            .alias("in_report")])
}

/// The report is a snapshot at the as-of date: a holding reply, resolution, outcome or
/// referral dated after it was not known then, so it is not shown (a re-run of a past month
/// with a later export gives the same report). An outcome is known with the resolution; a
/// referral by its own date, or with the resolution when the export has no referral date.
/// The dates are blanked here; the free text later, by [`attach_texts`], from the two
/// `_known` flags set here.
fn snapshot_at(columns: &[String], as_of: Expr) -> Vec<Expr> {
    let null_date = || lit(NULL).cast(DataType::Date);
    let has = |name: &str| columns.iter().any(|c| c == name);
    let mut exprs = vec![
        col("_resolved_known").alias(RESOLVED),
        when(col(HOLDING_REPLY).lt_eq(as_of.clone()))
            .then(col(HOLDING_REPLY))
            .otherwise(null_date())
            .alias(HOLDING_REPLY),
        col("open_at_as_of").not().alias(OUTCOME_KNOWN),
    ];
    if has(REFERRED) {
        exprs.push(
            col(REFERRED)
                .lt_eq(as_of.clone())
                .or(col(REFERRED).is_null().and(col("open_at_as_of").not()))
                .fill_null(lit(false))
                .alias(REFERRAL_KNOWN),
        );
        exprs.push(
            when(col(REFERRED).lt_eq(as_of))
                .then(col(REFERRED))
                .otherwise(null_date())
                .alias(REFERRED),
        );
    } else {
        exprs.push(col("open_at_as_of").not().alias(REFERRAL_KNOWN));
    }
    if has(REDRESS) {
        // What was paid is known with the resolution, as the outcome is.
        exprs.push(
            when(col("open_at_as_of"))
                .then(lit(NULL).cast(DataType::Int64))
                .otherwise(col(REDRESS))
                .alias(REDRESS),
        );
    }
    exprs
}

/// Whether the outcome, and the referral, were known at the as-of date (internal columns).
const OUTCOME_KNOWN: &str = "_outcome_known";
const REFERRAL_KNOWN: &str = "_referral_known";

/// Puts the free text back on the cases of the report: the rows of `texts` (the descriptive
/// and carried columns ingest kept) named by each case's `text_row`, with an outcome or
/// referral not yet known at the as-of date blanked.
pub fn attach_texts(cases: DataFrame, texts: &DataFrame) -> Result<DataFrame> {
    let rows = cases.column(TEXT_ROW)?.u32()?;
    if rows.null_count() > 0 {
        anyhow::bail!("internal error: a case in the report has lost its text columns");
    }
    let rows: Vec<IdxSize> = rows.into_no_null_iter().map(|r| r as IdxSize).collect();
    let gathered = texts.take(&IdxCa::from_vec("rows".into(), rows))?;
    let null_text = || lit(NULL).cast(DataType::String);
    let mut snapshot = Vec::new();
    for (name, known) in [(OUTCOME, OUTCOME_KNOWN), (REFERRED_TO, REFERRAL_KNOWN)] {
        if gathered.column(name).is_ok() {
            snapshot.push(
                when(col(known))
                    .then(col(name))
                    .otherwise(null_text())
                    .alias(name),
            );
        }
    }
    Ok(cases
        .hstack(gathered.columns())?
        .lazy()
        .with_columns(snapshot)
        .drop(cols([TEXT_ROW, OUTCOME_KNOWN, REFERRAL_KNOWN]))
        .collect()?)
}

fn in_period(date: Expr, period: &Period) -> Expr {
    date.clone()
        .gt_eq(date_lit(period.start))
        .and(date.lt_eq(date_lit(period.end)))
        .fill_null(lit(false))
}

fn status_expr(at_risk_window: Expr, as_of: Expr) -> Expr {
    let open = col("_resolved_known").is_null();
    let resolved = col("_resolved_known");
    let s = |status: Status| lit(status.as_str());
    when(open.clone().and(as_of.gt(col("_applicable"))))
        .then(s(Status::OpenOverdue))
        .when(open.clone().and(col("_left").lt_eq(at_risk_window)))
        .then(s(Status::OpenAtRisk))
        .when(open)
        .then(s(Status::OpenOnTrack))
        .when(resolved.clone().lt_eq(col("first_deadline")))
        .then(s(Status::ResolvedOnTime))
        .when(resolved.gt(col("final_deadline")))
        .then(s(Status::BreachFinalDeadline))
        .when(col("_timely"))
        .then(s(Status::ResolvedExtended))
        .otherwise(s(Status::BreachNoHoldingReply))
}

/// The years whose closures the query needs: from the earliest receipt to the latest date any
/// deadline or the as-of date can reach.
fn year_span(rows: &DataFrame, markets: &[Counting], as_of: NaiveDate) -> Result<(i32, i32)> {
    let received = rows.column(RECEIVED)?.cast(&DataType::Int32)?;
    let received = received.i32()?;
    let to_date = |d: i32| NaiveDate::from_num_days_from_ce_opt(d + 719_163);
    let min = received.min().and_then(to_date).unwrap_or(as_of);
    let max = received.max().and_then(to_date).unwrap_or(as_of);
    let longest = markets
        .iter()
        .map(|m| m.limits.first_limit.max(m.limits.final_limit))
        .max()
        .unwrap_or(0) as i32;
    let last = (max.year() + longest / 150 + 1)
        .max(as_of.year())
        .min(MAX_YEAR);
    Ok((min.year().min(as_of.year()), last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendar, CalendarKind};
    use crate::deadline::Case;
    use crate::policy::Policy;
    use crate::report_window::ReportWindow;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn dates(name: &str, values: &[Option<NaiveDate>]) -> Column {
        Series::new(
            name.into(),
            values.iter().map(|v| v.map(epoch_days)).collect::<Vec<_>>(),
        )
        .cast(&DataType::Date)
        .unwrap()
        .into()
    }

    /// Every combination of receipt, holding reply and resolution over a few months around
    /// Easter and Christmas, as of several dates: the polars query and the scalar reference
    /// give the same status, elapsed days, and days over.
    #[test]
    fn the_query_agrees_with_the_reference_case_by_case() {
        let calendar = Calendar::new(CalendarKind::NoBank);
        for policy in [Policy::amex_no(), Policy::psd2()] {
            for as_of in [d("2025-04-30"), d("2025-05-16"), d("2026-01-20")] {
                let mut cases = Vec::new();
                let receipts = (0..120).map(|i| d("2025-03-10") + chrono::Duration::days(i * 3));
                let receipts = receipts
                    .chain((0..30).map(|i| d("2025-12-01") + chrono::Duration::days(i * 2)));
                for received in receipts.filter(|r| *r <= as_of) {
                    for holding in [None, Some(10), Some(20), Some(60)] {
                        for resolved in [
                            None,
                            Some(0),
                            Some(15),
                            Some(21),
                            Some(30),
                            Some(40),
                            Some(55),
                        ] {
                            let after = |days: i64| received + chrono::Duration::days(days);
                            cases.push(Case {
                                received,
                                holding_reply: holding.map(after),
                                resolved: resolved.map(after),
                            });
                        }
                    }
                }
                let rows = DataFrame::new_infer_height(vec![
                    dates(
                        RECEIVED,
                        &cases.iter().map(|c| Some(c.received)).collect::<Vec<_>>(),
                    ),
                    dates(
                        HOLDING_REPLY,
                        &cases.iter().map(|c| c.holding_reply).collect::<Vec<_>>(),
                    ),
                    dates(
                        RESOLVED,
                        &cases.iter().map(|c| c.resolved).collect::<Vec<_>>(),
                    ),
                ])
                .unwrap();
                let period = Period::parse("2025-04").unwrap();
                let counting = [Counting {
                    limits: policy.limits(),
                    calendar: &calendar,
                }];
                let out = evaluate(rows, &counting, &period, as_of).unwrap().frame;
                let status = out.column("status").unwrap().str().unwrap().clone();
                let elapsed = out
                    .column("working_days_elapsed")
                    .unwrap()
                    .i64()
                    .unwrap()
                    .clone();
                let over = out
                    .column("days_over_limit")
                    .unwrap()
                    .i64()
                    .unwrap()
                    .clone();
                let left = out
                    .column("working_days_left")
                    .unwrap()
                    .i64()
                    .unwrap()
                    .clone();
                let in_report = out.column("in_report").unwrap().bool().unwrap().clone();
                let window = ReportWindow::new(&period, as_of);
                for (i, case) in cases.iter().enumerate() {
                    assert_eq!(
                        in_report.get(i),
                        Some(window.shows(case.received, case.resolved)),
                        "the scalar window agrees with in_report: {case:?} as of {as_of}"
                    );
                    let expected = case
                        .assess(&policy.limits(), &calendar, Some(as_of))
                        .unwrap();
                    let what = format!("{} {case:?} as of {as_of}", policy.name);
                    assert_eq!(status.get(i), expected.status.map(|s| s.as_str()), "{what}");
                    assert_eq!(elapsed.get(i), expected.working_days_elapsed, "{what}");
                    assert_eq!(over.get(i), expected.days_over_limit, "{what}");
                    assert_eq!(left.get(i), expected.working_days_left, "{what}");
                }
            }
        }
    }
}
