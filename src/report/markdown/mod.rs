//! `complaint-sla-<period>.md`: the report for reading in a browser, a merge request or an
//! e-mail. GitHub-flavoured Markdown, valid whatever the data holds: every value from the data
//! goes through [`escape`], so a `|` cannot break a table and a `<` cannot become HTML.

mod quality;
mod section;

use std::fmt::Write;

use anyhow::Result;
use chrono::Datelike;
use polars::prelude::*;

use super::Report;
use super::cases_csv::Cells;
use super::lang::Texts;
use super::sections;
use crate::calendar::weekday_name;
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
    let p = &report.policy;
    let t = &report.language.texts();

    let _ = writeln!(
        out,
        "# {}\n",
        escape(&t.fill("report.title", &[("period", &report.period.label)]))
    );
    let verdict = sections::Section {
        title: sections::Wording::same(""),
        blocks: vec![sections::summary::verdict(report)],
    };
    section::section(&mut out, &verdict, t);
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
                ("read", &t.counted("count.row", c.rows_read)),
                ("evaluated", &c.rows_evaluated),
                ("rejected", &c.rows_rejected),
                ("superseded", &superseded(t, c)),
                ("cases", &t.counted("count.case", c.cases_in_report)),
                ("breaches", &t.counted("count.breach", c.breaches())),
                ("late", &report.verdict.late_words(t)),
                ("overdue", &report.verdict.open_overdue),
            ]
        )
    );
    section::section(&mut out, &sections::summary::section(report), t);
    breaches_section(&mut out, report)?;
    at_risk_section(&mut out, report)?;
    section::section(&mut out, &sections::breakdown::section(report), t);
    section::section(&mut out, &sections::trend::section(report), t);
    section::section(&mut out, &sections::regulator::section(report), t);
    if let Some(comparison) = &report.comparison {
        section::section(
            &mut out,
            &sections::comparison::section(report, comparison),
            t,
        );
    }
    quality::section(&mut out, report);
    method_section(&mut out, report);
    Ok(out)
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
                .map(|(c, _)| escape(&c.cell(r).unwrap_or_default()))
                .collect()
        })
        .collect())
}

fn breaches_section(out: &mut String, report: &Report) -> Result<()> {
    const COLUMNS: [&str; 11] = [
        "case_id",
        "status",
        "reason",
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
    let (breaches, headed) = super::people::breaches_listed(report, &COLUMNS, LIST_LIMIT)?;
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
    list(out, &breaches, &headed)
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
        // Then by receipt and case id: the report's order, which the stable sort keeps.
        .sort(
            ["working_days_left"],
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
    const COLUMNS: [&str; 8] = [
        "case_id",
        "applicable_deadline",
        "working_days_left",
        "received_date",
        "holding_reply_date",
        "stage",
        "product",
        "category",
    ];
    list(out, &at_risk, &super::people::headed(t, &COLUMNS, &COLUMNS))
}

/// The first [`LIST_LIMIT`] rows of `frame` as a table of `columns` (header, source).
fn list(out: &mut String, frame: &DataFrame, columns: &[(String, String)]) -> Result<()> {
    let sources: Vec<&str> = columns.iter().map(|(_, s)| s.as_str()).collect();
    let headers: Vec<&str> = columns.iter().map(|(h, _)| h.as_str()).collect();
    let rows = frame_rows(frame, &sources, LIST_LIMIT)?;
    table(out, &headers, rows);
    Ok(())
}

/// ", N superseded by a later input (M cases updated)" when several exports overlap.
fn superseded(t: &Texts, c: &super::Counts) -> String {
    if c.rows_superseded == 0 {
        return String::new();
    }
    t.fill(
        "md.superseded",
        &[
            ("rows", &c.rows_superseded),
            ("cases", &t.counted("count.case", c.cases_updated)),
        ],
    )
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
                with_note(
                    &t.fill("md.closures", &[("from", &from), ("to", &to)]),
                    &escape(&super::sections::markets::closures_note(report))
                )
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
                        t.get(&format!("closure.{}", c.kind.as_str())).to_string(),
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
                super::method::date_order_cell(t, i),
            ]
        }),
    );
}

/// `text` (ending with a colon) with `note` before its colon.
fn with_note(text: &str, note: &str) -> String {
    match text.strip_suffix(':') {
        Some(lead) if !note.is_empty() => format!("{lead}{note}:"),
        _ => format!("{text}{note}"),
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
