//! `complaint-sla-<period>.md`: the report for reading in a browser, a merge request or an
//! e-mail. GitHub-flavoured Markdown, valid whatever the data holds: every value from the data
//! goes through [`escape`], so a `|` cannot break a table and a `<` cannot become HTML.

use std::fmt::Write;

use anyhow::Result;
use chrono::Datelike;
use polars::prelude::*;

use super::Report;
use super::cases_csv::Cells;
use super::figures::{QUICK_CLOSE_WORKING_DAYS, percent};
use crate::calendar::weekday_name;
use crate::ingest::col_names;
use crate::outcome::OutcomeClass;
use crate::status::Status;

/// How many breaches and at-risk cases are listed before pointing to the workbook.
pub const LIST_LIMIT: usize = 50;
/// How many rejects and warnings are listed.
pub const QUALITY_LIMIT: usize = 20;

/// The file name for a period label.
pub fn file_name(period_label: &str) -> String {
    format!("complaint-sla-{period_label}.md")
}

/// Makes text from the data safe in Markdown, in a table cell or in running text (never at
/// the start of a line): the punctuation that makes emphasis, code, links, strikethrough or a
/// table cell is backslash-escaped, `<`, `>` and `&` become entities (no raw HTML), and line
/// breaks become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
            }
            '\n' | '\t' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn pct(part: u64, whole: u64) -> String {
    percent(part, whole)
        .map(|p| format!("{p:.1} %"))
        .unwrap_or_else(|| "n/a".into())
}

fn decimal(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.1}"))
        .unwrap_or_else(|| "n/a".into())
}

/// A table with a header row; `cells` already escaped. A column whose cells are all numbers
/// (or percentages, or blank) is right-aligned.
fn table(out: &mut String, headers: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let rows: Vec<Vec<String>> = rows.into_iter().collect();
    let numeric = |c: usize| {
        rows.iter().any(|r| !r[c].is_empty())
            && rows.iter().all(|r| {
                let v = r[c].trim_end_matches(" %").replace(',', "");
                v.is_empty() || v == "n/a" || v.parse::<f64>().is_ok()
            })
    };
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let _ = writeln!(
        out,
        "|{}|",
        (0..headers.len())
            .map(|c| if numeric(c) { "--:" } else { "---" })
            .collect::<Vec<_>>()
            .join("|")
    );
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

pub fn render(report: &Report) -> Result<String> {
    let mut out = String::new();
    let c = &report.counts;
    let h = &report.figures.headline;
    let p = &report.policy;
    let status = |s: Status| c.by_status.get(&s).copied().unwrap_or(0);

    let _ = writeln!(
        out,
        "# Complaint handling report {}\n",
        escape(&report.period.label)
    );
    let _ = writeln!(
        out,
        "Period **{}** to **{}**, as of **{}**. Policy {}. Calendar {}: {}.\n",
        report.period.start,
        report.period.end,
        report.as_of,
        escape(&p.summary()),
        p.calendar,
        escape(report.calendar_description)
    );
    let _ = writeln!(
        out,
        "{} rows read: {} evaluated, {} rejected{}. {} cases in the report; {} breaches.\n",
        c.rows_read,
        c.rows_evaluated,
        c.rows_rejected,
        superseded(c),
        c.cases_in_report,
        c.breaches()
    );
    for missing in &report.columns_missing {
        let _ = writeln!(out, "> **Warning:** {}\n", escape(&missing.warning()));
    }

    out.push_str("## Headline figures\n\n");
    let row = |label: String, value: String, share: String| vec![label, value, share];
    table(
        &mut out,
        &["Figure", "Value", "Share of resolved"],
        [
            row(
                "Received in the period".into(),
                c.received_in_period.to_string(),
                String::new(),
            ),
            row(
                "Resolved in the period".into(),
                c.resolved_in_period.to_string(),
                String::new(),
            ),
            row(
                "Open at the as-of date".into(),
                c.open_at_as_of.to_string(),
                String::new(),
            ),
            row(
                format!(
                    "Resolved within the first limit ({} working days)",
                    p.first_limit
                ),
                h.resolved_within_first.to_string(),
                pct(h.resolved_within_first, c.resolved_in_period),
            ),
            row(
                "Resolved in time (on time, or extended by a timely holding reply)".into(),
                h.resolved_in_time.to_string(),
                pct(h.resolved_in_time, c.resolved_in_period),
            ),
            row(
                "Breaches: resolved in the period, late without a timely holding reply".into(),
                h.resolved_breach_no_holding_reply.to_string(),
                pct(h.resolved_breach_no_holding_reply, c.resolved_in_period),
            ),
            row(
                "Breaches: resolved in the period, after the final deadline".into(),
                h.resolved_breach_final_deadline.to_string(),
                pct(h.resolved_breach_final_deadline, c.resolved_in_period),
            ),
            row(
                "Open and overdue".into(),
                status(Status::OpenOverdue).to_string(),
                String::new(),
            ),
            row(
                "Open and at risk".into(),
                status(Status::OpenAtRisk).to_string(),
                String::new(),
            ),
            row(
                "Median working days to resolution".into(),
                decimal(h.median_working_days),
                String::new(),
            ),
            row(
                "90th percentile working days to resolution".into(),
                decimal(h.p90_working_days),
                String::new(),
            ),
        ],
    );

    out.push_str("## Cases by status\n\n");
    table(
        &mut out,
        &["Status", "Cases", "Meaning"],
        Status::ALL.iter().map(|s| {
            vec![
                format!("`{}`", s.as_str()),
                status(*s).to_string(),
                escape(s.meaning()),
            ]
        }),
    );

    ageing_section(&mut out, report);
    breaches_section(&mut out, report)?;
    at_risk_section(&mut out, report)?;
    breakdown_section(&mut out, report);
    trend_section(&mut out, report);
    regulator_section(&mut out, report);
    quality_section(&mut out, report);
    method_section(&mut out, report);
    Ok(out)
}

/// The cases open at the as-of date by age band.
fn ageing_section(out: &mut String, report: &Report) {
    let ageing = &report.figures.ageing;
    out.push_str(
        "## Age of the open cases

",
    );
    out.push_str(
        "Working days since receipt for every case open at the as-of date; for the overdue \
         ones, working days past the applicable deadline.\n\n",
    );
    let total = |counts: &[u64]| counts.iter().sum::<u64>().to_string();
    table(
        out,
        &[
            "Working days",
            "Open cases, since receipt",
            "Overdue cases, past the deadline",
        ],
        super::figures::AGE_BANDS
            .iter()
            .enumerate()
            .map(|(band, (label, _))| {
                vec![
                    label.to_string(),
                    ageing.open[band].to_string(),
                    ageing.overdue[band].to_string(),
                ]
            })
            .chain(std::iter::once(vec![
                "**Total**".to_string(),
                total(&ageing.open),
                total(&ageing.overdue),
            ])),
    );
}

/// Rows of `frame` as escaped text cells of `columns`.
fn frame_rows(frame: &DataFrame, columns: &[&str], limit: usize) -> Result<Vec<Vec<String>>> {
    let cells: Vec<Cells> = columns
        .iter()
        .map(|c| Cells::of(frame, c, &[]))
        .collect::<Result<_>>()?;
    Ok((0..frame.height().min(limit))
        .map(|r| {
            cells
                .iter()
                .zip(columns)
                .map(|(c, name)| match (c.cell(r), *name) {
                    // The status vocabulary is ours: shown as code, like the status table.
                    (Some(status), "status") => format!("`{status}`"),
                    (value, _) => escape(&value.unwrap_or_default()),
                })
                .collect()
        })
        .collect())
}

fn breaches_section(out: &mut String, report: &Report) -> Result<()> {
    const COLUMNS: [&str; 10] = [
        "case_id",
        "status",
        "days_over_limit",
        "received_date",
        "resolved_date",
        "applicable_deadline",
        "stage",
        "product",
        "category",
        "channel",
    ];
    let total = report.counts.breaches() as usize;
    out.push_str("## Breaches\n\n");
    if total == 0 {
        out.push_str("No case in the report is in breach.\n\n");
        return Ok(());
    }
    let breaches = super::breaches_worst_first_top(&report.cases, &COLUMNS, LIST_LIMIT)?;
    let _ = writeln!(
        out,
        "{} in breach, worst first (working days over the applicable deadline).{}\n",
        cases(total),
        more(total, LIST_LIMIT, "Breaches")
    );
    let rows = frame_rows(&breaches, &COLUMNS, LIST_LIMIT)?;
    table(
        out,
        &[
            "Case",
            "Status",
            "Days over limit",
            "Received",
            "Resolved",
            "Applicable deadline",
            "Stage",
            "Product",
            "Category",
            "Channel",
        ],
        rows,
    );
    Ok(())
}

/// "1 case", "2 cases".
fn cases(n: usize) -> String {
    if n == 1 {
        "1 case".to_string()
    } else {
        format!("{n} cases")
    }
}

fn more(total: usize, limit: usize, sheet: &str) -> String {
    if total > limit {
        format!(
            " The first {limit} are listed; all {total} are on the workbook's {sheet} sheet and \
             in cases.csv."
        )
    } else {
        String::new()
    }
}

fn at_risk_section(out: &mut String, report: &Report) -> Result<()> {
    let at_risk = report
        .cases
        .clone()
        .lazy()
        .filter(col("status").eq(lit(Status::OpenAtRisk.as_str())))
        .sort(
            ["working_days_left", col_names::RECEIVED, col_names::CASE_ID],
            SortMultipleOptions::default().with_maintain_order(true),
        )
        .collect()?;
    out.push_str("## Open cases at risk\n\n");
    if at_risk.height() == 0 {
        out.push_str("No open case is at risk.\n\n");
        return Ok(());
    }
    let _ = writeln!(
        out,
        "{} open with at most {} working days left, most urgent first.{}\n",
        cases(at_risk.height()),
        report.policy.at_risk_window,
        more(at_risk.height(), LIST_LIMIT, "Open")
    );
    let rows = frame_rows(
        &at_risk,
        &[
            "case_id",
            "applicable_deadline",
            "working_days_left",
            "received_date",
            "holding_reply_date",
            "stage",
            "product",
            "category",
        ],
        LIST_LIMIT,
    )?;
    table(
        out,
        &[
            "Case",
            "Applicable deadline",
            "Days left",
            "Received",
            "Holding reply",
            "Stage",
            "Product",
            "Category",
        ],
        rows,
    );
    Ok(())
}

fn breakdown_section(out: &mut String, report: &Report) {
    out.push_str("## Breakdown\n\n");
    for b in &report.figures.breakdowns {
        let _ = writeln!(out, "### By {}\n", b.dimension);
        let header = capitalise(b.dimension);
        let paid = paid_header(report);
        let mut headers = vec![
            header.as_str(),
            "Cases",
            "Breaches",
            "Breach rate",
            "Median working days",
        ];
        if report.figures.regulator.redress.is_some() {
            headers.push(&paid);
        }
        table(
            out,
            &headers,
            b.rows.iter().map(|r| {
                let mut cells = vec![
                    escape(&r.value),
                    r.cases.to_string(),
                    r.breaches.to_string(),
                    pct(r.breaches, r.cases),
                    decimal(r.median_working_days),
                ];
                cells.extend(r.redress.map(money));
                cells
            }),
        );
    }
}

/// "Redress paid (NOK)".
fn paid_header(report: &Report) -> String {
    format!("Redress paid ({})", report.policy.currency)
}

/// An amount in minor units as the report prints it: `1,234.50`.
fn money(minor: i64) -> String {
    crate::amount::format_grouped(minor, ",", ".")
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn trend_section(out: &mut String, report: &Report) {
    let trend = &report.figures.trend;
    out.push_str("## Trend\n\n");
    table(
        out,
        &[
            "Month",
            "Received",
            "Resolved",
            "Resolved within the first limit",
            "Share within the first limit",
            "Resolved with a breach",
        ],
        trend.iter().map(|m| {
            vec![
                m.month.clone(),
                m.received.to_string(),
                m.resolved.to_string(),
                m.resolved_within_first.to_string(),
                pct(m.resolved_within_first, m.resolved),
                m.resolved_with_breach.to_string(),
            ]
        }),
    );
    let list = |values: Vec<String>| values.join(", ");
    let most = trend
        .iter()
        .map(|m| m.received.max(m.resolved))
        .max()
        .unwrap_or(0)
        .max(1);
    out.push_str("```mermaid\nxychart-beta\n");
    out.push_str("    title \"Received (bars), resolved and resolved with a breach (lines)\"\n");
    let _ = writeln!(
        out,
        "    x-axis [{}]",
        list(trend.iter().map(|m| format!("\"{}\"", m.month)).collect())
    );
    let _ = writeln!(out, "    y-axis \"Cases\" 0 --> {most}");
    let _ = writeln!(
        out,
        "    bar [{}]",
        list(trend.iter().map(|m| m.received.to_string()).collect())
    );
    let _ = writeln!(
        out,
        "    line [{}]",
        list(trend.iter().map(|m| m.resolved.to_string()).collect())
    );
    let _ = writeln!(
        out,
        "    line [{}]",
        list(
            trend
                .iter()
                .map(|m| m.resolved_with_breach.to_string())
                .collect()
        )
    );
    out.push_str("```\n\n");
}

fn regulator_section(out: &mut String, report: &Report) {
    let g = &report.figures.regulator;
    let p = &report.policy;
    out.push_str("## Complaints return\n\n");
    table(
        out,
        &["Figure", "Complaints"],
        [
            (
                "Outstanding at the start of the period".to_string(),
                g.outstanding_at_start,
            ),
            ("Opened in the period".to_string(), g.opened),
            ("Closed in the period".to_string(), g.closed),
            (
                format!("… within {QUICK_CLOSE_WORKING_DAYS} working days"),
                g.closed_within_3_working_days,
            ),
            (
                format!(
                    "… later, within the first limit ({} working days)",
                    p.first_limit
                ),
                g.closed_within_first_limit,
            ),
            (
                format!(
                    "… later, by the final limit's date ({} {}; by time alone)",
                    p.final_limit,
                    p.final_limit_unit.words()
                ),
                g.closed_within_final_limit,
            ),
            (
                "… … of which without a timely holding reply (breaches)".to_string(),
                g.closed_within_final_limit_breached,
            ),
            ("… after the final limit".to_string(), g.closed_later),
            (
                "Closed and upheld (partially upheld included)".to_string(),
                g.outcomes[&OutcomeClass::Upheld],
            ),
            (
                "Closed and rejected".to_string(),
                g.outcomes[&OutcomeClass::Rejected],
            ),
            (
                "Closed and withdrawn".to_string(),
                g.outcomes[&OutcomeClass::Withdrawn],
            ),
            (
                "Closed, other or no outcome stated".to_string(),
                g.outcomes[&OutcomeClass::Other],
            ),
        ]
        .into_iter()
        .map(|(label, n)| vec![label, n.to_string()]),
    );
    let paid = paid_header(report);
    if let Some(redress) = &g.redress {
        let _ = writeln!(out, "### {paid}, complaints closed in the period\n");
        table(
            out,
            &["Outcome", "Complaints", "With an amount", &paid],
            OutcomeClass::ALL
                .into_iter()
                .map(|class| {
                    let (cases, amount) = redress.by_outcome[&class];
                    vec![
                        capitalise(class.as_str()),
                        g.outcomes[&class].to_string(),
                        cases.to_string(),
                        money(amount),
                    ]
                })
                .chain(std::iter::once(vec![
                    "**Total**".to_string(),
                    g.closed.to_string(),
                    redress.total.0.to_string(),
                    money(redress.total.1),
                ])),
        );
    }
    out.push_str("### By product\n\n");
    let mut headers = vec![
        "Product",
        "Opened",
        "Closed",
        "Upheld",
        "Rejected",
        "Withdrawn",
        "Other",
    ];
    if g.redress.is_some() {
        headers.push(&paid);
    }
    table(
        out,
        &headers,
        g.by_product.iter().map(|r| {
            let mut cells = vec![
                escape(&r.product),
                r.opened.to_string(),
                r.closed.to_string(),
                r.outcomes[&OutcomeClass::Upheld].to_string(),
                r.outcomes[&OutcomeClass::Rejected].to_string(),
                r.outcomes[&OutcomeClass::Withdrawn].to_string(),
                r.outcomes[&OutcomeClass::Other].to_string(),
            ];
            if g.redress.is_some() {
                cells.push(money(r.redress));
            }
            cells
        }),
    );
    out.push_str("### Referrals to outside bodies\n\n");
    if g.referrals.is_empty() {
        out.push_str("No case in the report was referred to an outside body.\n\n");
    } else {
        table(
            out,
            &["Body", "Cases"],
            g.referrals
                .iter()
                .map(|(body, n)| vec![escape(body), n.to_string()]),
        );
    }
}

/// ", N superseded by a later input (M cases updated)" when several exports overlap.
fn superseded(c: &super::Counts) -> String {
    if c.rows_superseded == 0 {
        return String::new();
    }
    format!(
        ", {} superseded by a later input ({} cases updated)",
        c.rows_superseded, c.cases_updated
    )
}

fn quality_section(out: &mut String, report: &Report) {
    let c = &report.counts;
    out.push_str("## Data quality\n\n");
    let _ = writeln!(
        out,
        "{} rows read = {} evaluated + {} rejected{}; {} warnings.\n",
        c.rows_read,
        c.rows_evaluated,
        c.rows_rejected,
        superseded(c).replace(',', " +"),
        report.warnings.len()
    );
    let rejected: Vec<Vec<String>> = c
        .rejects_by_reason
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| vec![format!("`{k}`"), n.to_string()])
        .collect();
    if !rejected.is_empty() {
        table(out, &["Reject reason", "Rows"], rejected);
    }
    let warned: Vec<Vec<String>> = c
        .warnings_by_kind
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| vec![format!("`{k}`"), n.to_string()])
        .collect();
    if !warned.is_empty() {
        table(out, &["Warning", "Rows"], warned);
    }
    let total = report.rejects.len() + report.warnings.len();
    if total == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "{}\n",
        if total > QUALITY_LIMIT {
            format!(
                "The first {QUALITY_LIMIT} of {total}; all are in rejects.csv, warnings.csv and \
                 the workbook's Data quality sheet."
            )
        } else {
            "Every reject and warning:".to_string()
        }
    );
    let rows = report
        .rejects
        .iter()
        .map(|r| {
            vec![
                "reject".to_string(),
                escape(&r.file),
                r.line.to_string(),
                escape(&r.case_id),
                format!("`{}`", r.reason.as_str()),
                escape(&r.column),
                escape(&r.value),
            ]
        })
        .chain(report.warnings.iter().map(|w| {
            vec![
                "warning".to_string(),
                escape(&w.file),
                w.line.to_string(),
                escape(&w.case_id),
                format!("`{}`", w.kind.as_str()),
                escape(&w.column),
                escape(&w.value),
            ]
        }))
        .take(QUALITY_LIMIT);
    table(
        out,
        &["Kind", "File", "Line", "Case", "Reason", "Column", "Value"],
        rows,
    );
}

fn method_section(out: &mut String, report: &Report) {
    out.push_str("## Method\n\n");
    for (label, text) in super::method::lines(report) {
        let _ = writeln!(out, "- **{label}**: {}", escape(&text));
    }
    out.push('\n');
    match report.deadline_window {
        Some((from, to)) => {
            let _ = writeln!(
                out,
                "Holidays and closures from {from} to {to} (the earliest receipt to the latest \
                 final deadline in the report):\n"
            );
            table(
                out,
                &["Date", "Weekday", "Name", "Kind"],
                report.closures.iter().map(|c| {
                    vec![
                        c.date.to_string(),
                        weekday_name(c.date.weekday()).to_string(),
                        escape(&c.name),
                        c.kind.as_str().to_string(),
                    ]
                }),
            );
        }
        None => out.push_str("No case in the report, so no deadline window.\n\n"),
    }
    out.push_str("Inputs:\n\n");
    table(
        out,
        &[
            "File",
            "SHA-256",
            "Bytes",
            "Rows read",
            "Format",
            "Encoding",
            "Date order",
        ],
        report.inputs.iter().map(|i| {
            vec![
                escape(&i.rows_from()),
                format!("`{}`", i.sha256),
                i.bytes.to_string(),
                i.rows_read.to_string(),
                i.format.to_string(),
                escape(i.encoding),
                date_order_cell(i),
            ]
        }),
    );
}

/// An input's date order in a few words: "MM/DD/YYYY (from the data)".
pub fn date_order_cell(input: &crate::ingest::InputSummary) -> String {
    match &input.date_order {
        Some(note) => format!(
            "{} ({})",
            note.order.pattern(),
            if note.decided_by == "flag" {
                "as given"
            } else {
                "from the data"
            }
        ),
        None => "not needed".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_break_a_table_or_carry_html() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(
            escape("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(escape("two\r\nlines\nhere"), "two lines here");
        assert_eq!(
            escape("`code` *bold* _it_"),
            "\\`code\\` \\*bold\\* \\_it\\_"
        );
        assert_eq!(escape("[link](x)"), "\\[link\\](x)");
        assert_eq!(escape("KL-2025-1201 ~~x~~"), "KL-2025-1201 \\~\\~x\\~\\~");
        assert_eq!(escape("Åse & Øystein"), "Åse &amp; Øystein");
        assert_eq!(escape("nul\u{0}byte"), "nulbyte");
    }
}
