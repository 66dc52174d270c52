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
use super::lang::Texts;
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

fn pct(t: &Texts, part: u64, whole: u64) -> String {
    percent(part, whole)
        .map(|p| format!("{} %", t.decimal(p)))
        .unwrap_or_else(|| t.get("na").into())
}

fn decimal(t: &Texts, value: Option<f64>) -> String {
    value
        .map(|v| t.decimal(v))
        .unwrap_or_else(|| t.get("na").into())
}

/// A table with a header row; `cells` already escaped. A column whose cells are all numbers
/// (or percentages, or blank) is right-aligned.
fn table(out: &mut String, headers: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let rows: Vec<Vec<String>> = rows.into_iter().collect();
    let numeric = |c: usize| {
        rows.iter().any(|r| !r[c].is_empty())
            && rows.iter().all(|r| {
                let v = r[c].trim_end_matches(" %").replace([',', '\u{a0}'], "");
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
    let t = &report.language.texts();

    let _ = writeln!(
        out,
        "# {}\n",
        escape(&t.fill("report.title", &[("period", &report.period.label)]))
    );
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "md.intro",
            &[
                ("start", &report.period.start),
                ("end", &report.period.end),
                ("as_of", &report.as_of),
                ("policy", &escape(&super::method::policy_summary(report))),
                ("calendar", &p.calendar),
                (
                    "description",
                    &escape(super::method::calendar_description(report))
                ),
            ]
        )
    );
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "md.counts",
            &[
                ("read", &c.rows_read),
                ("evaluated", &c.rows_evaluated),
                ("rejected", &c.rows_rejected),
                ("superseded", &superseded(t, c)),
                ("cases", &c.cases_in_report),
                ("breaches", &c.breaches()),
            ]
        )
    );
    let stale = super::method::stale_warning(report);
    let missing = report
        .columns_missing
        .iter()
        .map(|m| super::method::missing_warning(report, m));
    for warning in stale.into_iter().chain(missing) {
        let text = escape(&warning);
        let _ = writeln!(out, "{}\n", t.fill("md.warning", &[("text", &text)]));
    }

    let _ = writeln!(out, "## {}\n", t.get("summary.headline"));
    let row = |label: String, value: String, share: String| vec![label, value, share];
    table(
        &mut out,
        &[
            t.get("col.figure"),
            t.get("col.value"),
            t.get("md.share_of_resolved"),
        ],
        [
            row(
                t.get("summary.received").into(),
                c.received_in_period.to_string(),
                String::new(),
            ),
            row(
                t.get("summary.resolved").into(),
                c.resolved_in_period.to_string(),
                String::new(),
            ),
            row(
                t.get("summary.open").into(),
                c.open_at_as_of.to_string(),
                String::new(),
            ),
            row(
                t.fill("md.within_first", &[("limit", &p.first_limit)]),
                h.resolved_within_first.to_string(),
                pct(t, h.resolved_within_first, c.resolved_in_period),
            ),
            row(
                t.get("md.in_time").into(),
                h.resolved_in_time.to_string(),
                pct(t, h.resolved_in_time, c.resolved_in_period),
            ),
            row(
                t.get("summary.breach_no_holding_reply").into(),
                h.resolved_breach_no_holding_reply.to_string(),
                pct(t, h.resolved_breach_no_holding_reply, c.resolved_in_period),
            ),
            row(
                t.get("summary.breach_final_deadline").into(),
                h.resolved_breach_final_deadline.to_string(),
                pct(t, h.resolved_breach_final_deadline, c.resolved_in_period),
            ),
            row(
                t.get("summary.open_overdue").into(),
                status(Status::OpenOverdue).to_string(),
                String::new(),
            ),
            row(
                t.get("summary.open_at_risk").into(),
                status(Status::OpenAtRisk).to_string(),
                String::new(),
            ),
            row(
                t.get("col.median_days").into(),
                decimal(t, h.median_working_days),
                String::new(),
            ),
            row(
                t.get("md.p90").into(),
                decimal(t, h.p90_working_days),
                String::new(),
            ),
        ],
    );

    let _ = writeln!(out, "## {}\n", t.get("summary.by_status"));
    table(
        &mut out,
        &[
            t.get("col.status"),
            t.get("col.cases"),
            t.get("col.meaning"),
        ],
        Status::ALL.iter().map(|s| {
            vec![
                format!("`{}`", s.as_str()),
                status(*s).to_string(),
                escape(t.get(&format!("status.{}", s.as_str()))),
            ]
        }),
    );

    ageing_section(&mut out, report);
    breaches_section(&mut out, report)?;
    at_risk_section(&mut out, report)?;
    breakdown_section(&mut out, report);
    trend_section(&mut out, report);
    regulator_section(&mut out, report);
    comparison_section(&mut out, report);
    quality_section(&mut out, report);
    method_section(&mut out, report);
    Ok(out)
}

/// The cases open at the as-of date by age band.
fn ageing_section(out: &mut String, report: &Report) {
    let ageing = &report.figures.ageing;
    let t = report.language.texts();
    let _ = writeln!(out, "## {}\n", t.get("md.ageing"));
    let _ = writeln!(out, "{}\n", t.get("md.ageing_intro"));
    let total = |counts: &[u64]| counts.iter().sum::<u64>().to_string();
    table(
        out,
        &[
            t.get("ageing.days"),
            t.get("md.ageing_open"),
            t.get("md.ageing_overdue"),
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
                format!("**{}**", t.get("total")),
                total(&ageing.open),
                total(&ageing.overdue),
            ])),
    );
}

/// With `--compare-policy`: the cases by status under each policy, and the matrix.
fn comparison_section(out: &mut String, report: &Report) {
    let Some(c) = &report.comparison else {
        return;
    };
    let t = &report.language.texts();
    let (ours, theirs) = (&report.policy.name, &c.policy.name);
    let _ = writeln!(out, "## {}\n", t.get("sheet.comparison"));
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "md.cmp.intro",
            &[
                ("cases", &report.counts.cases_in_report),
                ("theirs", theirs),
                ("description", &escape(&c.description)),
                ("their_breaches", &c.breaches),
                ("our_breaches", &report.counts.breaches()),
                ("ours", ours),
                ("differing", &c.differing.height()),
                ("sheet", &t.get("sheet.comparison")),
            ]
        )
    );
    let ours_count = |s: Status| report.counts.by_status.get(&s).copied().unwrap_or(0) as i64;
    let theirs_count = |s: Status| c.by_status.get(&s).copied().unwrap_or(0) as i64;
    let signed = |n: i64| {
        if n > 0 {
            format!("+{n}")
        } else {
            n.to_string()
        }
    };
    let breaches = (report.counts.breaches() as i64, c.breaches as i64);
    table(
        out,
        &[
            t.get("col.status"),
            ours.as_str(),
            theirs.as_str(),
            t.get("cmp.col.difference"),
        ],
        Status::ALL
            .into_iter()
            .map(|s| {
                vec![
                    format!("`{}`", s.as_str()),
                    ours_count(s).to_string(),
                    theirs_count(s).to_string(),
                    signed(theirs_count(s) - ours_count(s)),
                ]
            })
            .chain(std::iter::once(vec![
                format!("**{}**", t.get("col.breaches")),
                breaches.0.to_string(),
                breaches.1.to_string(),
                signed(breaches.1 - breaches.0),
            ])),
    );
    let _ = writeln!(
        out,
        "{}:\n",
        t.fill("cmp.matrix", &[("ours", ours), ("theirs", theirs)])
    );
    let mut headers = vec![format!("{ours} \\ {theirs}")];
    headers.extend(Status::ALL.iter().map(|s| format!("`{}`", s.as_str())));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    table(
        out,
        &headers,
        Status::ALL.into_iter().map(|o| {
            std::iter::once(format!("`{}`", o.as_str()))
                .chain(
                    Status::ALL
                        .into_iter()
                        .map(|th| c.matrix.get(&(o, th)).copied().unwrap_or(0).to_string()),
                )
                .collect()
        }),
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
    let t = &report.language.texts();
    let total = report.counts.breaches() as usize;
    let _ = writeln!(out, "## {}\n", t.get("sheet.breaches"));
    if total == 0 {
        let _ = writeln!(out, "{}\n", t.get("breaches.empty"));
        return Ok(());
    }
    let breaches = super::breaches_worst_first_top(&report.cases, &COLUMNS, LIST_LIMIT)?;
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "md.breaches_intro",
            &[
                ("cases", &cases(t, total)),
                ("more", &more(t, total, LIST_LIMIT, "sheet.breaches")),
            ]
        )
    );
    let rows = frame_rows(&breaches, &COLUMNS, LIST_LIMIT)?;
    table(
        out,
        &[
            t.get("md.col.case"),
            t.get("col.status"),
            t.get("md.col.days_over"),
            t.get("col.received"),
            t.get("col.resolved"),
            t.get("md.col.applicable"),
            t.get("md.col.stage"),
            t.get("col.product"),
            t.get("md.col.category"),
            t.get("md.col.channel"),
        ],
        rows,
    );
    Ok(())
}

/// "1 case", "2 cases".
fn cases(t: &Texts, n: usize) -> String {
    if n == 1 {
        t.get("md.case_one").to_string()
    } else {
        t.fill("md.case_many", &[("n", &n)])
    }
}

/// Where the rest of a list cut at `limit` is: the sheet whose name `sheet` is the key of.
fn more(t: &Texts, total: usize, limit: usize, sheet: &str) -> String {
    if total > limit {
        t.fill(
            "md.more",
            &[
                ("limit", &limit),
                ("total", &total),
                ("sheet", &t.get(sheet)),
            ],
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
    let t = &report.language.texts();
    let _ = writeln!(out, "## {}\n", t.get("md.at_risk"));
    if at_risk.height() == 0 {
        let _ = writeln!(out, "{}\n", t.get("md.at_risk_none"));
        return Ok(());
    }
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "md.at_risk_intro",
            &[
                ("cases", &cases(t, at_risk.height())),
                ("days", &report.policy.at_risk_window),
                ("more", &more(t, at_risk.height(), LIST_LIMIT, "sheet.open")),
            ]
        )
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
            t.get("md.col.case"),
            t.get("md.col.applicable"),
            t.get("md.col.days_left"),
            t.get("col.received"),
            t.get("md.col.holding"),
            t.get("md.col.stage"),
            t.get("col.product"),
            t.get("md.col.category"),
        ],
        rows,
    );
    Ok(())
}

fn breakdown_section(out: &mut String, report: &Report) {
    let t = &report.language.texts();
    let _ = writeln!(out, "## {}\n", t.get("sheet.breakdown"));
    for b in &report.figures.breakdowns {
        let dimension = t.get(&format!("dim.{}", b.dimension));
        let _ = writeln!(
            out,
            "### {}\n",
            t.fill("breakdown.by", &[("dimension", &dimension)])
        );
        let header = capitalise(dimension);
        let paid = paid_header(report);
        let mut headers = vec![
            header.as_str(),
            t.get("col.cases"),
            t.get("col.breaches"),
            t.get("col.breach_rate"),
            t.get("md.col.median"),
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
                    pct(t, r.breaches, r.cases),
                    decimal(t, r.median_working_days),
                ];
                cells.extend(r.redress.map(|m| t.money(m)));
                cells
            }),
        );
    }
}

/// "Redress paid (NOK)".
fn paid_header(report: &Report) -> String {
    report
        .language
        .texts()
        .fill("col.redress", &[("currency", &report.policy.currency)])
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
    let t = &report.language.texts();
    let _ = writeln!(out, "## {}\n", t.get("sheet.trend"));
    table(
        out,
        &[
            t.get("col.month"),
            t.get("col.received"),
            t.get("col.resolved"),
            t.get("trend.within_first"),
            t.get("trend.share_first"),
            t.get("trend.with_breach"),
        ],
        trend.iter().map(|m| {
            vec![
                m.month.clone(),
                m.received.to_string(),
                m.resolved.to_string(),
                m.resolved_within_first.to_string(),
                pct(t, m.resolved_within_first, m.resolved),
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
    let _ = writeln!(out, "    title \"{}\"", t.get("md.chart"));
    let _ = writeln!(
        out,
        "    x-axis [{}]",
        list(trend.iter().map(|m| format!("\"{}\"", m.month)).collect())
    );
    let _ = writeln!(out, "    y-axis \"{}\" 0 --> {most}", t.get("col.cases"));
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
    let t = &report.language.texts();
    let _ = writeln!(out, "## {}\n", t.get("regulator.title"));
    let unit = t.get(&format!("unit.{}", p.final_limit_unit.name()));
    table(
        out,
        &[t.get("col.figure"), t.get("col.complaints")],
        [
            (
                t.get("regulator.outstanding").to_string(),
                g.outstanding_at_start,
            ),
            (t.get("regulator.opened").to_string(), g.opened),
            (t.get("regulator.closed").to_string(), g.closed),
            (
                t.fill("md.reg.quick", &[("days", &QUICK_CLOSE_WORKING_DAYS)]),
                g.closed_within_3_working_days,
            ),
            (
                t.fill("md.reg.first", &[("limit", &p.first_limit)]),
                g.closed_within_first_limit,
            ),
            (
                t.fill(
                    "md.reg.final",
                    &[("limit", &p.final_limit), ("unit", &unit)],
                ),
                g.closed_within_final_limit,
            ),
            (
                t.get("md.reg.final_breached").to_string(),
                g.closed_within_final_limit_breached,
            ),
            (t.get("md.reg.later").to_string(), g.closed_later),
            (
                t.get("md.reg.upheld").to_string(),
                g.outcomes[&OutcomeClass::Upheld],
            ),
            (
                t.get("md.reg.rejected").to_string(),
                g.outcomes[&OutcomeClass::Rejected],
            ),
            (
                t.get("md.reg.withdrawn").to_string(),
                g.outcomes[&OutcomeClass::Withdrawn],
            ),
            (
                t.get("md.reg.other").to_string(),
                g.outcomes[&OutcomeClass::Other],
            ),
        ]
        .into_iter()
        .map(|(label, n)| vec![label, n.to_string()]),
    );
    let paid = paid_header(report);
    if let Some(redress) = &g.redress {
        let _ = writeln!(
            out,
            "### {}\n",
            t.fill("md.redress_title", &[("paid", &paid)])
        );
        table(
            out,
            &[
                t.get("col.outcome"),
                t.get("col.complaints"),
                t.get("col.with_amount"),
                &paid,
            ],
            OutcomeClass::ALL
                .into_iter()
                .map(|class| {
                    let (cases, amount) = redress.by_outcome[&class];
                    vec![
                        t.get(&format!("col.{}", class.as_str())).to_string(),
                        g.outcomes[&class].to_string(),
                        cases.to_string(),
                        t.money(amount),
                    ]
                })
                .chain(std::iter::once(vec![
                    format!("**{}**", t.get("total")),
                    g.closed.to_string(),
                    redress.total.0.to_string(),
                    t.money(redress.total.1),
                ])),
        );
    }
    let _ = writeln!(out, "### {}\n", t.get("regulator.by_product"));
    let mut headers = vec![
        t.get("col.product"),
        t.get("col.opened"),
        t.get("col.closed"),
        t.get("col.upheld"),
        t.get("col.rejected"),
        t.get("col.withdrawn"),
        t.get("col.other"),
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
                cells.push(t.money(r.redress));
            }
            cells
        }),
    );
    let _ = writeln!(out, "### {}\n", t.get("md.referrals"));
    if g.referrals.is_empty() {
        let _ = writeln!(out, "{}\n", t.get("md.no_referrals"));
    } else {
        table(
            out,
            &[t.get("col.body"), t.get("col.cases")],
            g.referrals
                .iter()
                .map(|(body, n)| vec![escape(body), n.to_string()]),
        );
    }
}

/// ", N superseded by a later input (M cases updated)" when several exports overlap.
fn superseded(t: &Texts, c: &super::Counts) -> String {
    if c.rows_superseded == 0 {
        return String::new();
    }
    t.fill(
        "md.superseded",
        &[("rows", &c.rows_superseded), ("cases", &c.cases_updated)],
    )
}

fn quality_section(out: &mut String, report: &Report) {
    let c = &report.counts;
    let t = &report.language.texts();
    let _ = writeln!(out, "## {}\n", t.get("sheet.data_quality"));
    let _ = writeln!(
        out,
        "{}\n",
        t.fill(
            "md.quality_counts",
            &[
                ("read", &c.rows_read),
                ("evaluated", &c.rows_evaluated),
                ("rejected", &c.rows_rejected),
                ("superseded", &superseded(t, c).replacen(',', " +", 1)),
                ("warnings", &report.warnings.len()),
            ]
        )
    );
    let rejected: Vec<Vec<String>> = c
        .rejects_by_reason
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| vec![format!("`{k}`"), n.to_string()])
        .collect();
    if !rejected.is_empty() {
        table(
            out,
            &[t.get("md.col.reject_reason"), t.get("md.col.rows")],
            rejected,
        );
    }
    let warned: Vec<Vec<String>> = c
        .warnings_by_kind
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| vec![format!("`{k}`"), n.to_string()])
        .collect();
    if !warned.is_empty() {
        table(
            out,
            &[t.get("md.col.warning"), t.get("md.col.rows")],
            warned,
        );
    }
    let total = report.rejects.len() + report.warnings.len();
    if total == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "{}\n",
        if total > QUALITY_LIMIT {
            t.fill(
                "md.quality_more",
                &[
                    ("limit", &QUALITY_LIMIT),
                    ("total", &total),
                    ("sheet", &t.get("sheet.data_quality")),
                ],
            )
        } else {
            t.get("md.quality_all").to_string()
        }
    );
    let rows = report
        .rejects
        .iter()
        .map(|r| {
            vec![
                t.get("md.kind.reject").to_string(),
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
                t.get("md.kind.warning").to_string(),
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
        &[
            t.get("col.kind"),
            t.get("input.file"),
            t.get("md.col.line"),
            t.get("md.col.case"),
            t.get("md.col.reason"),
            t.get("md.col.column"),
            t.get("col.value"),
        ],
        rows,
    );
}

fn method_section(out: &mut String, report: &Report) {
    let t = &report.language.texts();
    let _ = writeln!(out, "## {}\n", t.get("method.title"));
    for (label, text) in super::method::lines(report) {
        let _ = writeln!(out, "- **{label}**: {}", escape(&text));
    }
    out.push('\n');
    match report.deadline_window {
        Some((from, to)) => {
            let _ = writeln!(
                out,
                "{}\n",
                t.fill("md.closures", &[("from", &from), ("to", &to)])
            );
            table(
                out,
                &[
                    t.get("col.date"),
                    t.get("col.weekday"),
                    t.get("col.name"),
                    t.get("col.kind"),
                ],
                report.closures.iter().map(|c| {
                    vec![
                        c.date.to_string(),
                        t.get(&format!("weekday.{}", weekday_name(c.date.weekday())))
                            .to_string(),
                        escape(&super::method::closure_name(report, c)),
                        c.kind.as_str().to_string(),
                    ]
                }),
            );
        }
        None => {
            let _ = writeln!(out, "{}\n", t.get("md.no_window"));
        }
    }
    let _ = writeln!(out, "{}\n", t.get("md.inputs"));
    table(
        out,
        &[
            t.get("input.file"),
            t.get("input.sha256"),
            t.get("input.bytes"),
            t.get("input.rows_read"),
            t.get("input.format"),
            t.get("input.encoding"),
            t.get("input.date_order"),
        ],
        report.inputs.iter().map(|i| {
            vec![
                escape(&i.rows_from()),
                format!("`{}`", i.sha256),
                i.bytes.to_string(),
                i.rows_read.to_string(),
                i.format.to_string(),
                escape(i.encoding),
                date_order_cell(t, i),
            ]
        }),
    );
}

/// An input's date order in a few words: "MM/DD/YYYY (from the data)".
pub fn date_order_cell(t: &Texts, input: &crate::ingest::InputSummary) -> String {
    match &input.date_order {
        Some(note) => format!(
            "{} ({})",
            note.order.pattern(),
            t.get(if note.decided_by == "flag" {
                "order.given"
            } else {
                "order.data"
            })
        ),
        None => t.get("order.none").to_string(),
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
