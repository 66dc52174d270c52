//! `summary.json`: the headline figures, the method and the inputs, for machines and for the
//! record. Keys come in a fixed order and no clock is read, so the same input gives the same
//! bytes.

use anyhow::Result;
use serde::Serialize;

use super::Report;
use super::figures::AGE_BANDS;
use crate::ingest::{RejectReason, WarningKind};
use crate::status::Status;

/// A JSON object whose keys keep the order given (the vocabulary's order, not alphabetical).
struct Ordered(Vec<(&'static str, u64)>);

impl Serialize for Ordered {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    tool: &'static str,
    tool_version: &'static str,
    period: &'a str,
    period_start: String,
    period_end: String,
    as_of: String,
    policy: &'a str,
    policy_description: String,
    first_limit_working_days: u32,
    final_limit: u32,
    final_limit_unit: &'static str,
    at_risk_window_working_days: u32,
    calendar: &'static str,
    calendar_description: &'static str,
    holiday_file: Option<&'a str>,
    time_zone: &'static str,
    /// The newest receipt, holding reply or resolution date in the inputs.
    input_newest_date: Option<String>,
    /// Whether that is more than `stale_after_days` calendar days before the as-of date.
    stale_input: bool,
    stale_after_days: u32,
    rows_read: u64,
    rows_rejected: u64,
    /// Rejected rows whose dates cannot be placed, or place them in the period or open at
    /// the as-of date.
    rows_rejected_in_period: u64,
    rows_evaluated: u64,
    rows_superseded: u64,
    cases_updated: u64,
    not_yet_received: u64,
    outside_period: u64,
    cases_in_report: u64,
    received_in_period: u64,
    resolved_in_period: u64,
    open_at_as_of: u64,
    breaches: u64,
    /// Whether the period's obligations were met, with the breaches in two parts.
    verdict: &'a crate::report::verdict::Verdict,
    by_status: Ordered,
    /// With markets: each market's cases and how it counts, the home market first; they add
    /// up to the figures above.
    #[serde(skip_serializing_if = "Option::is_none")]
    by_market: Option<Vec<MarketJson<'a>>>,
    /// The cases open at the as-of date by age band (working days).
    ageing: Vec<AgeBand>,
    /// Redress paid on the cases closed in the period, when an input has amounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    redress: Option<RedressJson>,
    /// With `--compare-policy`: the cases under the other policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    comparison: Option<ComparisonJson<'a>>,
    rejects_by_reason: Ordered,
    warnings_by_kind: Ordered,
    inputs: Vec<Input<'a>>,
    columns_missing: Vec<Missing<'a>>,
    redacted_columns: Option<&'a [String]>,
}

#[derive(Serialize)]
struct MarketJson<'a> {
    market: &'a str,
    /// The export's values that mean the market (none for the home market: a blank value).
    values: &'a [String],
    calendar: &'static str,
    calendar_description: &'static str,
    holiday_file: Option<String>,
    time_zone: &'static str,
    first_limit_working_days: u32,
    final_limit: u32,
    final_limit_unit: &'static str,
    at_risk_window_working_days: u32,
    cases_in_report: u64,
    breaches: u64,
    answered_late: u64,
    open_overdue: u64,
    by_status: Ordered,
}

fn by_market(report: &Report) -> Option<Vec<MarketJson<'_>>> {
    let set = report.markets.set.as_ref()?;
    Some(
        report
            .by_market
            .iter()
            .map(|m| {
                let counted = &report.markets.counted[m.index];
                let values: &[String] = match m.index {
                    0 => &[],
                    i => &set.markets[i - 1].values,
                };
                MarketJson {
                    market: &m.name,
                    values,
                    calendar: counted.calendar.kind().name(),
                    calendar_description: counted.calendar.kind().description(),
                    holiday_file: counted.holidays.as_ref().map(|p| p.display().to_string()),
                    time_zone: counted.time_zone.name(),
                    first_limit_working_days: counted.limits.first_limit,
                    final_limit: counted.limits.final_limit,
                    final_limit_unit: counted.limits.final_limit_unit.name(),
                    at_risk_window_working_days: counted.limits.at_risk_window,
                    cases_in_report: m.cases,
                    breaches: m.breaches(),
                    answered_late: m.answered_late,
                    open_overdue: m.open_overdue,
                    by_status: Ordered(
                        Status::ALL
                            .into_iter()
                            .map(|s| (s.as_str(), m.by_status.get(&s).copied().unwrap_or(0)))
                            .collect(),
                    ),
                }
            })
            .collect(),
    )
}

#[derive(Serialize)]
struct AgeBand {
    working_days: &'static str,
    /// Open cases whose working days since receipt fall in the band.
    open: u64,
    /// Overdue cases whose working days past the applicable deadline fall in the band.
    overdue: u64,
}

#[derive(Serialize)]
struct ComparisonJson<'a> {
    policy: &'a str,
    policy_description: String,
    by_status: Ordered,
    breaches: u64,
    cases_differing: u64,
}

#[derive(Serialize)]
struct RedressJson {
    currency: String,
    /// Cases closed in the period with an amount, and their sum.
    cases_with_amount: u64,
    paid: f64,
    by_outcome: Vec<RedressOutcome>,
}

#[derive(Serialize)]
struct RedressOutcome {
    outcome_class: &'static str,
    cases_with_amount: u64,
    paid: f64,
}

#[derive(Serialize)]
struct Missing<'a> {
    input: &'a str,
    column: &'static str,
    look_alikes: &'a [String],
    /// Headers like it that name a target date or a duration: not used.
    target_dates: &'a [String],
    effect: &'a str,
}

#[derive(Serialize)]
struct Order<'a> {
    order: &'static str,
    decided_by: &'static str,
    reason: &'a str,
}

#[derive(Serialize)]
struct Input<'a> {
    file: &'a str,
    sha256: &'a str,
    bytes: u64,
    rows_read: u64,
    format: &'static str,
    encoding: &'static str,
    separator: Option<String>,
    sheet: Option<&'a str>,
    date_order: Option<Order<'a>>,
    /// How look-alike date headers were settled, one sentence each (empty for none).
    column_choices: &'a [String],
}

pub fn render(report: &Report) -> Result<Vec<u8>> {
    let c = &report.counts;
    let p = &report.policy;
    let summary = Summary {
        tool: env!("CARGO_PKG_NAME"),
        tool_version: env!("CARGO_PKG_VERSION"),
        period: &report.period.label,
        period_start: report.period.start.to_string(),
        period_end: report.period.end.to_string(),
        as_of: report.as_of.to_string(),
        policy: &p.name,
        policy_description: p.summary(),
        first_limit_working_days: p.first_limit,
        final_limit: p.final_limit,
        final_limit_unit: p.final_limit_unit.name(),
        at_risk_window_working_days: p.at_risk_window,
        calendar: p.calendar.name(),
        calendar_description: p.calendar.description(),
        holiday_file: report.holiday_file.as_deref(),
        time_zone: p.time_zone.name(),
        input_newest_date: report.freshness.newest.map(|d| d.to_string()),
        stale_input: report.freshness.stale,
        stale_after_days: report.freshness.stale_after_days,
        rows_read: c.rows_read,
        rows_rejected: c.rows_rejected,
        rows_rejected_in_period: c.rejects_in_period,
        rows_evaluated: c.rows_evaluated,
        rows_superseded: c.rows_superseded,
        cases_updated: c.cases_updated,
        not_yet_received: c.not_yet_received,
        outside_period: c.outside_period,
        cases_in_report: c.cases_in_report,
        received_in_period: c.received_in_period,
        resolved_in_period: c.resolved_in_period,
        open_at_as_of: c.open_at_as_of,
        breaches: c.breaches(),
        verdict: &report.verdict,
        by_status: by_status(report),
        by_market: by_market(report),
        ageing: ageing(report),
        redress: redress(report),
        comparison: comparison(report),
        rejects_by_reason: rejects_by_reason(report),
        warnings_by_kind: Ordered(
            WarningKind::ALL
                .into_iter()
                .map(|w| (w.as_str(), c.warnings_by_kind.get(&w).copied().unwrap_or(0)))
                .collect(),
        ),
        redacted_columns: report
            .redaction
            .as_ref()
            .map(|r| r.columns_left_out.as_slice()),
        inputs: inputs(report),
        columns_missing: report
            .columns_missing
            .iter()
            .map(|m| Missing {
                input: &m.input,
                column: m.column.name(),
                look_alikes: &m.look_alikes,
                target_dates: &m.targets,
                effect: &m.effect,
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&summary)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Rejects by reason, every reason listed (`unknown_market` only with markets).
fn rejects_by_reason(report: &Report) -> Ordered {
    let c = &report.counts;
    Ordered(
        RejectReason::ALL
            .into_iter()
            .chain(
                report
                    .markets
                    .several()
                    .then_some(RejectReason::UnknownMarket),
            )
            .map(|r| {
                (
                    r.as_str(),
                    c.rejects_by_reason.get(&r).copied().unwrap_or(0),
                )
            })
            .collect(),
    )
}

fn by_status(report: &Report) -> Ordered {
    let c = &report.counts;
    Ordered(
        Status::ALL
            .into_iter()
            .map(|s| (s.as_str(), c.by_status.get(&s).copied().unwrap_or(0)))
            .collect(),
    )
}

fn ageing(report: &Report) -> Vec<AgeBand> {
    AGE_BANDS
        .iter()
        .enumerate()
        .map(|(band, (label, _))| AgeBand {
            working_days: label,
            open: report.figures.ageing.open[band],
            overdue: report.figures.ageing.overdue[band],
        })
        .collect()
}

fn redress(report: &Report) -> Option<RedressJson> {
    let p = &report.policy;
    report
        .figures
        .regulator
        .redress
        .as_ref()
        .map(|r| RedressJson {
            currency: p.currency.clone(),
            cases_with_amount: r.total.0,
            paid: r.total.1 as f64 / 100.0,
            by_outcome: r
                .by_outcome
                .iter()
                .map(|(class, (cases, paid))| RedressOutcome {
                    outcome_class: class.as_str(),
                    cases_with_amount: *cases,
                    paid: *paid as f64 / 100.0,
                })
                .collect(),
        })
}

fn comparison(report: &Report) -> Option<ComparisonJson<'_>> {
    report.comparison.as_ref().map(|c| ComparisonJson {
        policy: &c.policy.name,
        policy_description: c.description.clone(),
        by_status: Ordered(
            Status::ALL
                .into_iter()
                .map(|s| (s.as_str(), c.by_status.get(&s).copied().unwrap_or(0)))
                .collect(),
        ),
        breaches: c.breaches,
        cases_differing: c.differing.height() as u64,
    })
}

fn inputs(report: &Report) -> Vec<Input<'_>> {
    report
        .inputs
        .iter()
        .map(|i| Input {
            file: &i.name,
            sha256: &i.sha256,
            bytes: i.bytes,
            rows_read: i.rows_read,
            format: i.format,
            encoding: i.encoding,
            separator: i.separator.map(|s| match s {
                '\t' => "tab".to_string(),
                other => other.to_string(),
            }),
            sheet: i.sheet.as_deref(),
            date_order: i.date_order.as_ref().map(|o| Order {
                order: o.order.name(),
                decided_by: o.decided_by,
                reason: &o.reason,
            }),
            column_choices: &i.column_choices,
        })
        .collect()
}
