//! Everything a report says, gathered once; each format in this folder renders it to bytes.
//! No renderer computes a figure of its own: they all read [`Report`].

pub mod build;
pub mod cases_csv;
pub mod cases_parquet;
pub mod comparison;
pub mod figures;
pub mod formula;
pub mod html;
pub mod lang;
pub mod markdown;
pub mod markets;
mod mask;
pub mod method;
pub(crate) mod order;
pub(crate) mod people;
pub(crate) mod reason;
pub mod rejects_csv;
pub(crate) mod sections;
pub mod summary_json;
pub mod verdict;
pub mod xlsx;

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::NaiveDate;
use polars::prelude::*;

use crate::calendar::Closure;
use crate::ingest::{InputSummary, Reject, RejectReason, Warning, WarningKind};
use crate::period::Period;
use crate::policy::Policy;
use crate::status::Status;

/// A report's content.
pub struct Report {
    pub period: Period,
    pub as_of: NaiveDate,
    pub policy: Policy,
    /// The home market and the policy's markets, each with its calendar.
    pub markets: crate::market::Markets,
    pub holiday_file: Option<String>,
    pub inputs: Vec<InputSummary>,
    /// The cases in the report, sorted by receipt date and case id, with every computed
    /// column.
    pub cases: DataFrame,
    /// The carried-through columns, in first-seen order.
    pub carried: Vec<String>,
    /// Every rejected row, in input order.
    pub rejects: Vec<Reject>,
    /// For each reject, whether it may belong to the period (see [`RowSpan::may_belong`]).
    ///
    /// [`RowSpan::may_belong`]: crate::ingest::RowSpan::may_belong
    pub rejects_in_period: Vec<bool>,
    pub warnings: Vec<Warning>,
    pub counts: Counts,
    pub figures: figures::Figures,
    /// Each market's figures, when the policy has markets (else empty).
    pub by_market: Vec<markets::MarketFigures>,
    /// Whether the period's obligations were met: the breaches in two parts.
    pub verdict: verdict::Verdict,
    /// The dates from the earliest receipt to the latest final deadline of the cases in the
    /// report, and the calendar's closures in them.
    pub deadline_window: Option<(NaiveDate, NaiveDate)>,
    pub closures: Vec<Closure>,
    /// The command line that produced the report, as typed.
    pub command_line: String,
    /// With `--redact`: what was left out and masked.
    pub redaction: Option<Redaction>,
    /// Columns that change statuses and an input lacks, with their effect on the figures.
    pub columns_missing: Vec<ColumnMissing>,
    /// The language the report's words are in (its data contract is the same in every one).
    pub language: lang::Language,
    /// With `--compare-policy`: the cases under the other policy.
    pub comparison: Option<comparison::Comparison>,
    /// How fresh the inputs are: their newest date against the as-of date.
    pub freshness: Freshness,
}

/// The newest date of any kind in the inputs (receipt, holding reply, resolution), and whether
/// it is so far before the as-of date that the export may be stale: a scheduled run whose
/// export step failed and left last year's file would otherwise report every case in it as
/// still open and overdue, without a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Freshness {
    pub newest: Option<NaiveDate>,
    /// The policy's `stale_after_days`.
    pub stale_after_days: u32,
    /// Calendar days from `newest` to the as-of date, when it is before it.
    pub days_before_as_of: i64,
    pub stale: bool,
    /// An input given after another that is older than it (its newest date more than
    /// `stale_after_days` before the other's): it updates the cases both hold with what it
    /// knew then. (later, its newest date, earlier, its newest date).
    pub older_later_input: Option<(String, NaiveDate, String, NaiveDate)>,
}

impl Report {
    /// The rejects as the Data quality lists them: those that may belong to the period first,
    /// each in input order, with whether it may.
    pub fn rejects_listed(&self) -> Vec<(&Reject, bool)> {
        let flagged = || {
            self.rejects
                .iter()
                .zip(self.rejects_in_period.iter().copied())
        };
        flagged()
            .filter(|(_, may)| *may)
            .chain(flagged().filter(|(_, may)| !*may))
            .collect()
    }
}

impl Freshness {
    pub fn new(newest: Option<NaiveDate>, as_of: NaiveDate, stale_after_days: u32) -> Self {
        let days_before_as_of = newest.map_or(0, |n| (as_of - n).num_days().max(0));
        Freshness {
            newest,
            stale_after_days,
            days_before_as_of,
            stale: newest.is_some() && days_before_as_of > i64::from(stale_after_days),
            older_later_input: None,
        }
    }

    /// Flags an input given after an older-dated one: a stale file given last decides every
    /// case it shares with the newer one.
    pub fn check_order(&mut self, inputs: &[crate::ingest::InputSummary]) {
        let mut newest_before: Option<(String, NaiveDate)> = None;
        for input in inputs {
            let Some(newest) = input.newest_date else {
                continue;
            };
            if let Some((earlier, before)) = &newest_before
                && (*before - newest).num_days() > i64::from(self.stale_after_days)
            {
                self.older_later_input =
                    Some((input.rows_from(), newest, earlier.clone(), *before));
                self.stale = true;
            }
            if newest_before.as_ref().is_none_or(|(_, b)| newest > *b) {
                newest_before = Some((input.rows_from(), newest));
            }
        }
    }

    /// The warning, in English (stderr, `--fail-on-stale`'s error).
    pub fn warning(&self, as_of: NaiveDate) -> Option<String> {
        if let Some((later, later_date, earlier, earlier_date)) = &self.older_later_input {
            return Some(format!(
                "the input {later}, given after {earlier}, is older than it (newest date \
                 {later_date} against {earlier_date}): every case both hold is taken as the \
                 older file has it; give the exports oldest first"
            ));
        }
        let newest = self.newest.filter(|_| self.stale)?;
        Some(format!(
            "the newest date in the inputs (receipt, holding reply or resolution) is {newest}, \
             {} days before the as-of date {as_of} (more than the policy's stale_after_days, \
             {}): the export may be stale (a failed export step can leave an old file), and its \
             open cases are counted as still open. Check that the export ran, or give an \
             earlier --as-of",
            self.days_before_as_of, self.stale_after_days
        ))
    }
}

/// A column that changes statuses, missing from an input, and what that did to the figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMissing {
    pub input: String,
    pub column: crate::columns::Canonical,
    /// Headers of the input that look like it.
    pub look_alikes: Vec<String>,
    /// Headers that look like it but name a target date or a duration: not used.
    pub targets: Vec<String>,
    /// What its absence does, with the cases it touches in this report (in English, for
    /// `summary.json` and the terminal; the reports word it in their language from the counts
    /// below).
    pub effect: String,
    /// Late cases of the input counted as `breach_no_holding_reply`, and its open cases.
    pub late_without_holding_reply: u64,
    pub open: u64,
}

impl ColumnMissing {
    /// The one-line warning: the input, the column, the effect, and the `--map` that would
    /// use a header that looks like it.
    pub fn warning(&self) -> String {
        let absent = crate::columns::AbsentColumn {
            column: self.column,
            look_alikes: self.look_alikes.clone(),
            targets: self.targets.clone(),
        };
        let hint = absent.look_alike_hint().unwrap_or_else(|| {
            format!(
                "; if the export has it under another name, name it with --map {}=HEADER",
                self.column
            )
        });
        format!(
            "{}: no {} column ({}): {}{hint}",
            self.input,
            self.column.words(),
            self.column,
            self.effect
        )
    }
}

pub use crate::redact::Redaction;

/// The headline figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    pub rows_read: u64,
    pub rows_rejected: u64,
    /// Rejected rows that may belong to the period: their dates cannot be placed, or place
    /// them in the period or open at the as-of date.
    pub rejects_in_period: u64,
    /// Valid rows: every one was evaluated or left out for a stated reason.
    pub rows_evaluated: u64,
    /// Valid rows of an earlier input whose case a later input also has (the later row is the
    /// case as it stands). `rows_read = rows_evaluated + rows_rejected + rows_superseded`.
    pub rows_superseded: u64,
    /// Cases a later input changed.
    pub cases_updated: u64,
    /// Valid rows received after the as-of date.
    pub not_yet_received: u64,
    /// Valid rows neither received nor resolved in the period nor open at the as-of date.
    pub outside_period: u64,
    pub cases_in_report: u64,
    pub received_in_period: u64,
    pub resolved_in_period: u64,
    pub open_at_as_of: u64,
    pub by_status: BTreeMap<Status, u64>,
    pub rejects_by_reason: BTreeMap<RejectReason, u64>,
    pub warnings_by_kind: BTreeMap<WarningKind, u64>,
}

impl Counts {
    /// Cases with a breach (resolved with one, or open and overdue).
    pub fn breaches(&self) -> u64 {
        self.by_status
            .iter()
            .filter(|(s, _)| s.is_breach())
            .map(|(_, n)| n)
            .sum()
    }
}

/// Counts the true values of a boolean column.
pub fn count_true(frame: &DataFrame, column: &str) -> Result<u64> {
    Ok(frame.column(column)?.bool()?.sum().unwrap_or(0) as u64)
}

/// Counts each status among `cases`, every status present (zeros included).
pub fn count_statuses(cases: &DataFrame) -> Result<BTreeMap<Status, u64>> {
    let mut counts: BTreeMap<Status, u64> = Status::ALL.into_iter().map(|s| (s, 0)).collect();
    for value in cases.column("status")?.str()?.iter().flatten() {
        if let Some(status) = Status::parse(value) {
            *counts.get_mut(&status).expect("every status is a key") += 1;
        }
    }
    Ok(counts)
}

/// Writes a date held as days since 1970 as `YYYY-MM-DD`.
pub fn format_epoch_days(days: i32) -> String {
    crate::business_days::date_from_epoch_days(days).to_string()
}

/// The first `limit` of [`breaches_worst_first`], with only `columns`: what a listing needs,
/// without sorting every column of every breached case.
pub fn breaches_worst_first_top(
    cases: &DataFrame,
    columns: &[&str],
    limit: usize,
) -> Result<DataFrame> {
    let mut keep: Vec<&str> = columns.to_vec();
    for key in ["days_over_limit", "status"] {
        if !keep.contains(&key) {
            keep.push(key);
        }
    }
    let worst = breaches_worst_first(cases.select(keep)?.lazy());
    // The slice is part of the query: for the few rows a list shows, only those rows' values
    // are gathered, not every breached case's.
    let worst = match IdxSize::try_from(limit) {
        Ok(limit) if limit < IdxSize::MAX => worst.slice(0, limit),
        _ => worst,
    };
    Ok(worst.collect()?)
}

/// The breached cases (resolved with a breach, or open and overdue), worst first: most working
/// days over the applicable deadline, then by receipt and case id. `cases` are in the report's
/// order (receipt, case id, input, line; [`order`]), which a stable sort on the days keeps
/// among equal days: no second sort on the text of the ids.
fn breaches_worst_first(cases: LazyFrame) -> LazyFrame {
    let breached = Status::ALL
        .iter()
        .filter(|s| s.is_breach())
        .map(|s| col("status").eq(lit(s.as_str())))
        .reduce(|a, b| a.or(b))
        .expect("some statuses are breaches");
    cases.filter(breached).sort(
        ["days_over_limit"],
        SortMultipleOptions::default()
            .with_order_descending(true)
            .with_maintain_order(true),
    )
}
