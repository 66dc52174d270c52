//! What a report is: the ingested rows evaluated at the as-of date, redacted, classed and
//! counted into a [`Report`] the renderers lay out. One order: read, duplicates settled
//! (ingest); the snapshot at the as-of date; redacted; evaluated; counted; rendered (by the
//! caller).

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::NaiveDate;
use polars::prelude::*;

use crate::business_days::{Counting, date_from_epoch_days};
use crate::calendar::Calendar;
use crate::columns::Canonical;
use crate::evaluate::{attach_texts, date_lit, evaluate};
use crate::ingest::{Ingested, InputSummary, Warning, WarningKind, col_names};
use crate::outcome::OutcomeClass;
use crate::period::Period;
use crate::policy::Policy;
use crate::report::{self, ColumnMissing, Counts, Report, figures};
use crate::status::Status;

/// What [`build`] needs of the configuration.
pub struct BuildConfig<'a> {
    pub policy: &'a Policy,
    pub calendar: &'a Calendar,
    /// The home market and the policy's markets, each with its calendar.
    pub markets: &'a crate::market::Markets,
    pub holiday_file: Option<String>,
    pub period: &'a Period,
    pub as_of: NaiveDate,
    /// The day of the run (`--today`, else the clock): a receipt after it is a data error.
    pub today: NaiveDate,
    pub command_line: String,
    /// `Some` with `--redact`.
    pub redact: Option<crate::redact::RedactOptions>,
    /// The language of the report's words.
    pub language: crate::report::lang::Language,
    /// `--compare-policy`: a second policy (with its calendar) to evaluate the cases under.
    pub compare: Option<(&'a Policy, &'a Calendar)>,
}

/// Evaluates the ingested rows and gathers the report's content. One order: read, duplicates
/// settled (ingest); the snapshot at the as-of date; redacted; evaluated; counted; rendered
/// (the caller).
pub fn build(config: BuildConfig, mut ingested: Ingested) -> Result<Report> {
    let received_by_as_of = col(col_names::RECEIVED).lt_eq(date_lit(config.as_of));
    let (not_yet_received, redaction) = snapshot(&mut ingested, &config)?;
    let Ingested {
        inputs,
        rows,
        texts,
        carried,
        rejects,
        warnings,
        rows_superseded,
        carried_headers: _,
        cases_updated,
        zoned_timestamps,
    } = ingested;
    if let Some((other, _)) = config.compare {
        check_compare_zone(config.policy, other, zoned_timestamps, &rows)?;
    }
    let (rows_read, rows_evaluated) = (
        inputs.iter().map(|i| i.rows_read).sum::<u64>(),
        rows.height() as u64,
    );
    let freshness = freshness(&rows, &inputs, &config)?;

    // Only the rows the report, its opening stock or its trend can count are evaluated: those
    // received or resolved on or after the earlier of the period's start and the trend's, and
    // those still open.
    let earliest_received = earliest_received(&rows, received_by_as_of.clone())?;
    let received = needed_rows(rows, received_by_as_of, config.period)?;
    let (evaluated, cases, comparison) = evaluated_cases(received, &config)?;
    let cases = attach_texts(cases, &texts)?;
    drop(texts);

    let cases = with_classes(cases)?;
    let cases = super::reason::with_reasons(cases, config.language, &no_reply_column(&inputs))?;
    let columns_missing = columns_missing(&inputs, &cases)?;
    let figures = figures::compute(&cases, &evaluated, earliest_received, config.period)?;
    let by_market = super::markets::by_market(&cases, &evaluated, config.period, config.markets)?;
    drop(evaluated);
    let (deadline_window, closures) = closures(&cases, config.calendar)?;

    let rejects_in_period = rejects_in_period(&rejects, config.period, config.as_of);
    let counts = counts(
        (rows_read, rows_evaluated, rows_superseded, cases_updated),
        not_yet_received,
        &cases,
        (&rejects, &rejects_in_period),
        &warnings,
    )?;
    let verdict = super::verdict::Verdict::of(&cases, config.period)?;
    let report = Report {
        period: config.period.clone(),
        as_of: config.as_of,
        policy: config.policy.clone(),
        markets: config.markets.clone(),
        holiday_file: config.holiday_file,
        inputs,
        cases,
        carried,
        rejects,
        rejects_in_period,
        warnings,
        counts,
        figures,
        by_market,
        verdict,
        deadline_window,
        closures,
        command_line: config.command_line,
        redaction,
        columns_missing,
        language: config.language,
        comparison,
        freshness,
    };
    masked(report)
}

/// The report, its every text masked when it is redacted: the command line and the paths of
/// the policy and holiday files too.
fn masked(mut report: Report) -> Result<Report> {
    if report.redaction.is_some() {
        super::mask::mask_texts(&mut report)?;
    }
    Ok(report)
}

/// For each reject, whether it may belong to the period (see
/// [`crate::ingest::RowSpan::may_belong`]). The rows of a conflicting duplicate are one case
/// told several ways: when one of them may belong, all do, as any of them may be the true one.
fn rejects_in_period(
    rejects: &[crate::ingest::Reject],
    period: &Period,
    as_of: NaiveDate,
) -> Vec<bool> {
    use crate::ingest::RejectReason::ConflictingDuplicate;
    let mut flags: Vec<bool> = rejects
        .iter()
        .map(|r| {
            r.span
                .may_belong(r.reason, (period.start, period.end), as_of)
        })
        .collect();
    let conflicted: std::collections::HashSet<(&str, &str)> = rejects
        .iter()
        .zip(&flags)
        .filter(|(r, may)| **may && r.reason == ConflictingDuplicate)
        .map(|(r, _)| (r.file.as_str(), r.case_id.as_str()))
        .collect();
    for (r, may) in rejects.iter().zip(flags.iter_mut()) {
        if r.reason == ConflictingDuplicate
            && conflicted.contains(&(r.file.as_str(), r.case_id.as_str()))
        {
            *may = true;
        }
    }
    flags
}

/// The inputs (by index) whose export has no holding-reply column.
fn no_reply_column(inputs: &[InputSummary]) -> Vec<u32> {
    (0..inputs.len() as u32)
        .filter(|&i| {
            inputs[i as usize]
                .absent
                .iter()
                .any(|a| a.column == Canonical::HoldingReplyAt)
        })
        .collect()
}

/// The first and last day a deadline of the report counts.
type DeadlineWindow = Option<(NaiveDate, NaiveDate)>;

/// The dates from the earliest receipt to the latest final deadline of the cases, and the
/// calendar's closures in them.
fn closures(
    cases: &DataFrame,
    calendar: &crate::calendar::Calendar,
) -> Result<(DeadlineWindow, Vec<crate::calendar::Closure>)> {
    let window = deadline_window(cases)?;
    let closures = window
        .map(|(from, to)| calendar.closures_between(from, to))
        .unwrap_or_default()
        .into_iter()
        .cloned()
        .collect();
    Ok((window, closures))
}

/// The headline counts: rows read, evaluated, rejected and superseded; cases in the report
/// and by status; rejects by reason and remarks by kind.
fn counts(
    (rows_read, rows_evaluated, rows_superseded, cases_updated): (u64, u64, u64, u64),
    not_yet_received: u64,
    cases: &DataFrame,
    (rejects, in_period): (&[crate::ingest::Reject], &[bool]),
    warnings: &[Warning],
) -> Result<Counts> {
    let counts = Counts {
        rows_read,
        rows_rejected: rejects.len() as u64,
        rejects_in_period: in_period.iter().filter(|may| **may).count() as u64,
        rows_evaluated,
        rows_superseded,
        cases_updated,
        not_yet_received,
        outside_period: rows_evaluated - not_yet_received - cases.height() as u64,
        cases_in_report: cases.height() as u64,
        received_in_period: report::count_true(cases, "received_in_period")?,
        resolved_in_period: report::count_true(cases, "resolved_in_period")?,
        open_at_as_of: report::count_true(cases, "open_at_as_of")?,
        by_status: report::count_statuses(cases)?,
        rejects_by_reason: count(rejects.iter().map(|r| r.reason)),
        warnings_by_kind: count(warnings.iter().map(|w| w.kind)),
    };
    debug_assert_eq!(
        counts.rows_read,
        counts.rows_evaluated + counts.rows_rejected + counts.rows_superseded
    );
    Ok(counts)
}

/// The snapshot at the as-of date: a case received later did not exist yet (counted, not
/// listed: the count is returned), and a remark about a date after it is not made. Then, with
/// `--redact`, redacted before anything is counted: no figure can show what the cases do not.
fn snapshot(
    ingested: &mut Ingested,
    config: &BuildConfig,
) -> Result<(u64, Option<crate::report::Redaction>)> {
    let received_by_as_of = col(col_names::RECEIVED).lt_eq(date_lit(config.as_of));
    let not_yet_received = rows_where(&ingested.rows, received_by_as_of.not())?;
    snapshot_warnings(ingested, config.as_of, config.today)?;
    let redaction = match &config.redact {
        Some(options) => Some(crate::redact::redact(ingested, options)?),
        None => None,
    };
    Ok((not_yet_received, redaction))
}

/// The evaluated rows (the four columns the figures read), the report's cases in its order,
/// and with `--compare-policy` the comparison.
fn evaluated_cases(
    received: DataFrame,
    config: &BuildConfig,
) -> Result<(
    DataFrame,
    DataFrame,
    Option<crate::report::comparison::Comparison>,
)> {
    let compare_rows = config.compare.map(|_| received.clone());
    let counting: Vec<Counting> = config
        .markets
        .counted
        .iter()
        .map(|m| Counting {
            limits: m.limits,
            calendar: &m.calendar,
        })
        .collect();
    let evaluation = evaluate(received, &counting, config.period, config.as_of)?;
    let evaluated = evaluation.frame;
    let (in_report, order, mut cases) = in_report_order(&evaluated)?;
    if config.markets.several() {
        let names: Vec<String> = config
            .markets
            .counted
            .iter()
            .map(|m| m.name.clone())
            .collect();
        crate::evaluate::name_markets(&mut cases, &names)?;
    }
    let comparison = match (config.compare, compare_rows) {
        (Some(other), Some(rows)) => Some(compare_with(
            other,
            config,
            rows,
            (&in_report, &order),
            &cases,
        )?),
        _ => None,
    };
    // The figures read four columns of every evaluated case; the others are freed now (on a
    // ten-million-row history they are a gigabyte).
    let mut kept = vec![
        col_names::RECEIVED,
        col_names::RESOLVED,
        "first_deadline",
        "status",
    ];
    if config.markets.several() {
        kept.push(crate::evaluate::MARKET_INDEX);
    }
    let evaluated = evaluated.select(kept)?;
    Ok((evaluated, cases, comparison))
}

/// How fresh the inputs are: their newest date against the as-of date, and their order.
fn freshness(
    rows: &DataFrame,
    inputs: &[crate::ingest::InputSummary],
    config: &BuildConfig,
) -> Result<crate::report::Freshness> {
    let mut freshness = crate::report::Freshness::new(
        newest_date(rows, config.today)?,
        config.as_of,
        config.policy.stale_after_days,
    );
    freshness.check_order(inputs);
    Ok(freshness)
}

/// How many of `rows` match `filter`.
fn rows_where(rows: &DataFrame, filter: Expr) -> Result<u64> {
    Ok(rows
        .clone()
        .lazy()
        .filter(filter)
        .select([len().alias("n")])
        .collect()?
        .column("n")?
        .cast(&DataType::UInt64)?
        .u64()?
        .get(0)
        .unwrap_or(0))
}

/// The earliest receipt date of the rows received by the as-of date.
fn earliest_received(rows: &DataFrame, received_by_as_of: Expr) -> Result<Option<NaiveDate>> {
    Ok(rows
        .clone()
        .lazy()
        .filter(received_by_as_of)
        .select([col(col_names::RECEIVED).min().cast(DataType::Int32)])
        .collect()?
        .column(col_names::RECEIVED)?
        .i32()?
        .get(0)
        .map(date_from_epoch_days))
}

/// Only the rows the report, its opening stock or its trend can count are evaluated: those
/// received or resolved on or after the earlier of the period's start and the trend's, and
/// those still open.
fn needed_rows(rows: DataFrame, received_by_as_of: Expr, period: &Period) -> Result<DataFrame> {
    let trend_start = date_lit(figures::trend_start(period).min(period.start));
    let resolved = col(col_names::RESOLVED);
    let needed = received_by_as_of.and(
        col(col_names::RECEIVED)
            .gt_eq(trend_start.clone())
            .or(resolved.clone().is_null())
            .or(resolved.gt_eq(trend_start)),
    );
    Ok(rows.lazy().filter(needed).collect()?)
}

/// Which evaluated rows are in the report, their order (receipt, case id, input, line) as row
/// indexes, and the report's cases in that order. A comparison policy's rows are put in the
/// same order without a second sort.
fn in_report_order(evaluated: &DataFrame) -> Result<(BooleanChunked, IdxCa, DataFrame)> {
    let in_report = evaluated.column("in_report")?.bool()?.clone();
    let report_rows = evaluated.filter(&in_report)?;
    let order = super::order::report_order(&report_rows)?;
    let cases = report_rows.take(&order)?;
    Ok((in_report, order, cases))
}

/// The same rows under the other policy, in the same order: which rows are in the report
/// depends on their dates, not on the policy, and the evaluation keeps the rows in order.
fn compare_with(
    (policy, calendar): (&Policy, &Calendar),
    config: &BuildConfig,
    rows: DataFrame,
    (in_report, order): (&BooleanChunked, &IdxCa),
    cases: &DataFrame,
) -> Result<crate::report::comparison::Comparison> {
    let started = std::time::Instant::now();
    let mut rows = rows.filter(in_report)?;
    // With markets, the other policy's limits on each market's calendar, as the report counts
    // it (a comparison policy with a calendar of its own is refused when the run is set up).
    let counting: Vec<Counting> = if config.markets.several() {
        config
            .markets
            .counted
            .iter()
            .map(|m| Counting {
                limits: policy.limits(),
                calendar: &m.calendar,
            })
            .collect()
    } else {
        let _ = rows.drop_in_place(crate::evaluate::MARKET_INDEX);
        vec![Counting {
            limits: policy.limits(),
            calendar,
        }]
    };
    let theirs = evaluate(rows, &counting, config.period, config.as_of)?
        .frame
        .select([
            "status",
            "applicable_deadline",
            "final_deadline",
            "days_over_limit",
        ])?
        .take(order)?;
    let mut comparison = crate::report::comparison::compare(
        policy.clone(),
        cases,
        &theirs,
        started.elapsed().as_secs_f64(),
    )?;
    if config.markets.several() {
        comparison.description.push_str(
            "; its limits counted on each market's own calendar and time zone, as the report \
             counts them",
        );
    }
    Ok(comparison)
}

/// A comparison policy reads the report's dates: a timestamp with an offset falls on the day
/// the report's zone gives it. When the other policy's zone would give another day to some
/// instant in the data's years, the comparison would not be a run of that policy: refused.
fn check_compare_zone(
    ours: &Policy,
    other: &Policy,
    zoned_timestamps: u64,
    rows: &DataFrame,
) -> Result<()> {
    if other.time_zone == ours.time_zone || zoned_timestamps == 0 {
        return Ok(());
    }
    let range = rows
        .clone()
        .lazy()
        .select([
            col(col_names::RECEIVED)
                .min()
                .cast(DataType::Int32)
                .alias("from"),
            polars::lazy::dsl::max_horizontal([
                col(col_names::RECEIVED).max(),
                col(col_names::HOLDING_REPLY).max(),
                col(col_names::RESOLVED).max(),
                col(col_names::REFERRED).max(),
            ])?
            .cast(DataType::Int32)
            .alias("to"),
        ])
        .collect()?;
    let day = |name: &str| -> Result<Option<NaiveDate>> {
        Ok(range.column(name)?.i32()?.get(0).map(date_from_epoch_days))
    };
    let (Some(from), Some(to)) = (day("from")?, day("to")?) else {
        return Ok(());
    };
    if let Some(differs) = crate::zone::first_difference(ours.time_zone, other.time_zone, from, to)
    {
        return Err(crate::error::BadInput::flag(
            "--compare-policy",
            format!(
                "{} counts in the time zone {}, this report in {}: the two give another day to \
                 some instants from {differs} on, and the inputs hold {zoned_timestamps} \
                 timestamps with an offset, so the comparison would not be what a run of {} \
                 finds; run `report --policy {}` on its own",
                other.name,
                other.time_zone,
                ours.time_zone,
                other.name,
                match &other.source {
                    crate::policy::PolicySource::File(path) => path.display().to_string(),
                    crate::policy::PolicySource::BuiltIn => other.name.clone(),
                }
            ),
        )
        .into());
    }
    Ok(())
}

/// The newest receipt, holding reply or resolution date of the valid rows, up to the day of
/// the run: a date after it is a typo (`2062` for `2026`), and must not make a stale export
/// look fresh.
fn newest_date(rows: &DataFrame, today: NaiveDate) -> Result<Option<NaiveDate>> {
    let by_today = |name: &str| col(name).filter(col(name).lt_eq(date_lit(today))).max();
    let newest = rows
        .clone()
        .lazy()
        .select([polars::lazy::dsl::max_horizontal([
            by_today(col_names::RECEIVED),
            by_today(col_names::HOLDING_REPLY),
            by_today(col_names::RESOLVED),
        ])?
        .cast(DataType::Int32)
        .alias("newest")])
        .collect()?;
    Ok(newest
        .column("newest")?
        .i32()?
        .get(0)
        .map(date_from_epoch_days))
}

/// Keeps the remarks a report as of `as_of` can make, adds one for each row received after
/// the day of the run, and puts them in input order, then line order.
fn snapshot_warnings(ingested: &mut Ingested, as_of: NaiveDate, today: NaiveDate) -> Result<()> {
    let mut warnings: Vec<Warning> = std::mem::take(&mut ingested.warnings)
        .into_iter()
        .filter(|w| w.known_from <= as_of)
        .collect();
    warnings.extend(received_after_run_date(
        &ingested.rows,
        &ingested.inputs,
        today,
    )?);
    let files: Vec<String> = ingested.inputs.iter().map(|i| i.rows_from()).collect();
    let file_order: BTreeMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i))
        .collect();
    warnings.sort_by_key(|w| (file_order.get(w.file.as_str()).copied(), w.line, w.kind));
    ingested.warnings = warnings;
    Ok(())
}

/// A remark for each row received after the day of the run: no export can know of a
/// complaint before it is received, so its receipt date is wrong.
pub(crate) fn received_after_run_date(
    rows: &DataFrame,
    inputs: &[InputSummary],
    today: NaiveDate,
) -> Result<Vec<Warning>> {
    let future = rows
        .clone()
        .lazy()
        .filter(col(col_names::RECEIVED).gt(date_lit(today)))
        .select([
            col(col_names::SOURCE_FILE),
            col(col_names::SOURCE_LINE),
            col(col_names::CASE_ID),
            col(col_names::RECEIVED).cast(DataType::Int32),
        ])
        .collect()?;
    let file = future.column(col_names::SOURCE_FILE)?.u32()?;
    let line = future.column(col_names::SOURCE_LINE)?.u64()?;
    let case_id = future.column(col_names::CASE_ID)?.str()?;
    let received = future.column(col_names::RECEIVED)?.i32()?;
    Ok((0..future.height())
        .map(|i| {
            let received = received.get(i).map(date_from_epoch_days);
            Warning {
                file: inputs[file.get(i).unwrap_or(0) as usize].rows_from(),
                line: line.get(i).unwrap_or(0),
                case_id: case_id.get(i).unwrap_or("").to_string(),
                kind: WarningKind::ReceivedAfterRunDate,
                column: "received_at".into(),
                value: received.map(|d| d.to_string()).unwrap_or_default(),
                known_from: today,
            }
        })
        .collect())
}

/// For each input that lacks a column that changes statuses: the cases of the report it
/// touches, in words.
fn columns_missing(inputs: &[InputSummary], cases: &DataFrame) -> Result<Vec<ColumnMissing>> {
    let mut missing = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        if input.absent.is_empty() {
            continue;
        }
        let from_input = cases
            .clone()
            .lazy()
            .filter(col(col_names::SOURCE_FILE).eq(lit(index as u32)))
            .collect()?;
        let statuses = report::count_statuses(&from_input)?;
        let open = report::count_true(&from_input, "open_at_as_of")?;
        for absent in &input.absent {
            let effect = match absent.column {
                Canonical::HoldingReplyAt => format!(
                    "no case can be extended to the final limit (answered late and counted as \
                     breach_no_holding_reply: {}; open and judged against the first deadline \
                     alone: {})",
                    statuses[&Status::BreachNoHoldingReply],
                    open
                ),
                Canonical::ResolvedAt => format!(
                    "no case can be resolved: every case of this input in the report ({}) \
                     counts as open at the as-of date",
                    open
                ),
                other => format!("the column {other} is missing"),
            };
            missing.push(ColumnMissing {
                input: input.rows_from(),
                column: absent.column,
                look_alikes: absent.look_alikes.clone(),
                targets: absent.targets.clone(),
                effect,
                late_without_holding_reply: statuses[&Status::BreachNoHoldingReply],
                open,
            });
        }
    }
    Ok(missing)
}

/// Adds the columns the regulator's figures count by: `outcome_class` (upheld, rejected,
/// withdrawn, other; for resolved cases) and `referral_body`.
fn with_classes(mut cases: DataFrame) -> Result<DataFrame> {
    // Exports repeat a few outcome and referral texts: each distinct one is classed once.
    let outcome = cases.column("outcome")?.str()?.clone();
    let open = cases.column("open_at_as_of")?.bool()?.clone();
    let mut outcome_classes: std::collections::HashMap<Option<&str>, OutcomeClass> =
        std::collections::HashMap::new();
    let classes: StringChunked = outcome
        .iter()
        .zip(open.iter())
        .map(|(outcome, open)| {
            (open == Some(false)).then(|| {
                outcome_classes
                    .entry(outcome)
                    .or_insert_with(|| OutcomeClass::of(outcome))
                    .as_str()
            })
        })
        .collect();
    let referred = cases.column("referred_to")?.str()?.clone();
    let mut referral_bodies: std::collections::HashMap<&str, Option<String>> =
        std::collections::HashMap::new();
    let bodies: StringChunked = referred
        .iter()
        .map(|r| {
            let r = r?;
            referral_bodies
                .entry(r)
                .or_insert_with(|| crate::outcome::referral_body(Some(r)))
                .clone()
        })
        .collect();
    cases.with_column(
        classes
            .with_name(figures::OUTCOME_CLASS.into())
            .into_column(),
    )?;
    cases.with_column(
        bodies
            .with_name(figures::REFERRAL_BODY.into())
            .into_column(),
    )?;
    Ok(cases)
}

/// From the earliest receipt to the latest final deadline of the cases.
fn deadline_window(cases: &DataFrame) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let received = cases.column(col_names::RECEIVED)?.cast(&DataType::Int32)?;
    let last = cases.column("final_deadline")?.cast(&DataType::Int32)?;
    Ok(received
        .i32()?
        .min()
        .zip(last.i32()?.max())
        .map(|(from, to)| (date_from_epoch_days(from), date_from_epoch_days(to))))
}

/// How many of each key.
pub(crate) fn count<K: Ord>(keys: impl Iterator<Item = K>) -> BTreeMap<K, u64> {
    let mut counts = BTreeMap::new();
    for key in keys {
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}
