//! `complaint-sla-<period>.html`: the board pack. One self-contained file (inline CSS and
//! SVG, no script, nothing fetched) laid out for A4: page 1 the verdict, the headline figures,
//! the cases by status, the ageing and the trend; page 2 the worst late cases with their
//! reasons and the regulator return; last, the method in brief. It shows case ids, dates,
//! products, categories, statuses and reasons, and never a free-text or personal column.
//! Rendered from the same section descriptions as the Markdown report and the workbook.

mod section;
mod svg;

use std::fmt::Write;

use anyhow::Result;

use super::Report;
use super::lang::Texts;
use super::sections::{self, Block, Cell, Table, Wording};
use crate::status::Status;

/// How many late cases page 2 lists at most: fewer when the regulator return below them is
/// long ([`worst_limit`]).
pub const WORST_LIMIT: usize = 8;

/// The file name for a period label.
pub fn file_name(period_label: &str) -> String {
    format!("complaint-sla-{period_label}.html")
}

/// Makes text safe in HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// The report's own words, escaped, with their emphasis: `**bold**` and `` `code` ``.
fn inline(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len());
    for (i, part) in escaped.split("**").enumerate() {
        let part: String = part
            .split('`')
            .enumerate()
            .map(|(j, p)| {
                if j % 2 == 1 {
                    format!("<code>{p}</code>")
                } else {
                    p.to_string()
                }
            })
            .collect();
        if i % 2 == 1 {
            let _ = write!(out, "<strong>{part}</strong>");
        } else {
            out.push_str(&part);
        }
    }
    out
}

const STYLE: &str = "\
@page { size: A4; margin: 12mm 13mm 12mm 13mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 8.2pt; color: #111; margin: 0; line-height: 1.2; }
@media screen { body { max-width: 200mm; margin: 8mm auto; } .page { border-bottom: 1px dashed #aaa; padding-bottom: 6mm; margin-bottom: 6mm; } }
.page + .page { break-before: page; }
.page > :last-child, .columns > div > :last-child { margin-bottom: 0; }
h1 { font-size: 15pt; margin: 0 0 1mm 0; }
h2 { font-size: 11pt; margin: 3.5mm 0 1.2mm 0; }
h3 { font-size: 9.5pt; margin: 2.5mm 0 1mm 0; }
p { margin: 1mm 0; }
.subtitle { color: #444; margin-bottom: 2mm; }
.verdict { font-size: 10.5pt; font-weight: bold; padding: 1.5mm 3mm; border-left: 2mm solid; margin: 1.5mm 0; }
.not-met { background: #ffc7ce; color: #9c0006; border-color: #9c0006; }
.met { background: #c6efce; color: #006100; border-color: #006100; }
.caution { background: #ffeb9c; color: #9c5700; border-color: #9c5700; }
.warning { background: #ffc7ce; color: #9c0006; font-weight: bold; padding: 0.6mm 2mm; font-size: 7.4pt; margin: 0.6mm 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5mm 0 1mm 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
h2, h3 { break-after: avoid; }
th, td { padding: 0.45mm 1.2mm; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #d9e1f2; border-bottom: 0.3mm solid #555; font-weight: bold; }
td { border-bottom: 0.2mm solid #e4e4e4; }
.n { text-align: right; }
td.n, td.word { white-space: nowrap; }
td.text { min-width: 34mm; overflow-wrap: anywhere; }
td.long { overflow-wrap: anywhere; }
table.cases { font-size: 7.3pt; }
.dense { font-size: 7.8pt; }
.dense h2 { margin-top: 2.5mm; }
tr.total td { font-weight: bold; border-top: 0.3mm solid #555; }
td.breach { background: #ffc7ce; color: #9c0006; }
table:not(.cases) td.breach, table:not(.cases) td.at-risk, table:not(.cases) td.plain { white-space: nowrap; }
td.at-risk { background: #ffeb9c; color: #9c5700; }
code { font-family: 'DejaVu Sans Mono', monospace; font-size: 7.4pt; white-space: nowrap; }
figure { margin: 1mm 0; break-inside: avoid; }
svg { width: 100%; height: auto; }
dl { display: grid; grid-template-columns: 34mm 1fr; gap: 0.8mm 3mm; margin: 1mm 0; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: anywhere; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; align-items: start; }
.columns figure { margin-top: 3.5mm; }
";

pub fn render(report: &Report) -> Result<String> {
    let t = report.language.texts();
    let title = t.fill("report.title", &[("period", &report.period.label)]);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"generator\" content=\"complaint-sla {}\">\n<title>{}</title>\n\
         <style>\n{STYLE}</style>\n</head>\n<body>\n",
        report.language.code(),
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    );
    first_page(&mut out, report, &t, &title);
    second_page(&mut out, report, &t)?;
    method_page(&mut out, report, &t);
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

/// The verdict, the headline figures, the cases by status, the ageing and the trend.
fn first_page(out: &mut String, report: &Report, t: &Texts, title: &str) {
    out.push_str("<section class=\"page\">\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    let _ = writeln!(
        out,
        "<p class=\"subtitle\">{}</p>",
        escape(&t.fill(
            "pack.subtitle",
            &[
                ("start", &report.period.start),
                ("end", &report.period.end),
                ("as_of", &report.as_of),
                ("policy", &report.policy.name),
                ("calendar", &calendars(report, t)),
            ],
        ))
    );
    if let Block::Verdict { text, tone } = sections::summary::verdict(report) {
        section::verdict(out, &text, tone);
    }
    // The ageing (the Summary's last heading on) beside the trend chart.
    let mut summary = sections::summary::section(report);
    let ageing_at = summary
        .blocks
        .iter()
        .rposition(|b| matches!(b, Block::Heading(_)))
        .unwrap_or(summary.blocks.len());
    let ageing = summary.blocks.split_off(ageing_at);
    section::section(out, &summary, t);
    out.push_str("<div class=\"columns\">\n<div>\n");
    let ageing = sections::Section {
        title: Wording::same(""),
        blocks: ageing,
    };
    section::section(out, &ageing, t);
    out.push_str("</div>\n<div>\n");
    let trend = sections::trend::section(report);
    let tables = trend.tables();
    for block in &trend.blocks {
        if let Block::Chart(chart) = block {
            let _ = writeln!(
                out,
                "<figure>{}</figure>",
                svg::chart(chart, tables[chart.table], t)
            );
        }
    }
    out.push_str("</div>\n</div>\n</section>\n");
}

/// The worst late cases with their reasons, and the regulator return.
fn second_page(out: &mut String, report: &Report, t: &Texts) -> Result<()> {
    out.push_str("<section class=\"page dense\">\n");
    let _ = writeln!(out, "<h2>{}</h2>", escape(t.get("pack.worst")));
    let total = report.counts.breaches() as usize;
    if total == 0 {
        let _ = writeln!(out, "<p>{}</p>", escape(t.get("breaches.empty")));
    } else {
        let shown = total.min(worst_limit(report));
        let intro = if total == 1 {
            t.get("pack.worst_intro_one").to_string()
        } else if shown == total {
            t.fill("pack.worst_intro_all", &[("total", &total)])
        } else {
            t.fill("pack.worst_intro", &[("shown", &shown), ("total", &total)])
        };
        let _ = writeln!(out, "<p>{}</p>", inline(&intro));
        section::table_of(out, &worst(report, shown)?, t, "cases");
    }
    section::section(out, &sections::regulator::brief(report, PRODUCTS), t);
    out.push_str("</section>\n");
    Ok(())
}

/// The columns of the worst late cases: ids, dates, product, category, status and reason
/// only (never a free-text or personal column).
const WORST_COLUMNS: [&str; 9] = [
    "case_id",
    "status",
    "reason",
    "days_over_limit",
    "received_date",
    "resolved_date",
    "applicable_deadline",
    "product",
    "category",
];

/// How many rows by product the return on page 2 shows: the largest, then the others in one.
const PRODUCTS: usize = 6;

/// How many worst cases fit on page 2 above the regulator return: [`WORST_LIMIT`] when the
/// return's product and referral tables are as short as the sample's (eight rows), one fewer
/// for every two rows more (a case takes about two lines), and never fewer than three.
fn worst_limit(report: &Report) -> usize {
    let g = &report.figures.regulator;
    let rows = g.by_product.len().min(PRODUCTS) + g.referrals.len().max(1);
    WORST_LIMIT
        .saturating_sub(rows.saturating_sub(8).div_ceil(2))
        .max(3)
}

fn worst(report: &Report, limit: usize) -> Result<Table> {
    let (frame, columns) = super::people::breaches_listed(report, &WORST_COLUMNS, limit)?;
    // The status by its code: the cell shows its name and its mark.
    let cells: Vec<super::cases_csv::Cells> = WORST_COLUMNS
        .iter()
        .zip(&columns)
        .map(|(name, (_, source))| {
            let source = if *name == "status" {
                name
            } else {
                source.as_str()
            };
            super::cases_csv::Cells::of(&frame, source, &[])
        })
        .collect::<Result<_>>()?;
    let mut table = Table::worded(
        columns
            .iter()
            .map(|(header, _)| Wording::same(header.as_str()))
            .collect(),
    );
    for r in 0..frame.height() {
        let row = WORST_COLUMNS
            .iter()
            .zip(&cells)
            .map(|(name, column)| {
                let value = column.cell(r).unwrap_or_default();
                match *name {
                    "status" => Status::parse(&value).map_or(Cell::Empty, Cell::Status),
                    "days_over_limit" => value.parse().map_or(Cell::Empty, Cell::Count),
                    _ => Cell::Data(value),
                }
            })
            .collect();
        table.push(row);
    }
    Ok(table)
}

/// The calendar the cases count on; with markets, each distinct one in the markets' order,
/// "by market".
fn calendars(report: &Report, t: &Texts) -> String {
    if !report.markets.several() {
        return report.policy.calendar.to_string();
    }
    let mut kinds: Vec<String> = Vec::new();
    for m in &report.markets.counted {
        let kind = m.calendar.kind().to_string();
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    t.fill("pack.calendars", &[("calendars", &kinds.join(", "))])
}

/// The method in brief: the tool and the command, the policy, the calendar, the sources, the
/// as-of date, the rows, and each input with its SHA-256.
fn method_page(out: &mut String, report: &Report, t: &Texts) {
    out.push_str("<section class=\"page\">\n");
    let _ = writeln!(out, "<h2>{}</h2>", escape(t.get("pack.method")));
    let _ = writeln!(out, "<p>{}</p>", escape(t.get("pack.breach_defined")));
    let _ = writeln!(out, "<p>{}</p>", escape(t.get("pack.shows")));
    // What --redact left out and masked, when it did: the pack never shows the export's
    // other columns, so without --redact there is nothing to say.
    let redaction = report
        .redaction
        .is_some()
        .then(|| t.get("method.redaction"));
    let keep: Vec<&str> = [
        "method.tool",
        "method.command_line",
        "method.policy",
        "method.calendar",
        "method.markets",
        "method.sources",
        "method.as_of",
        "method.rows",
    ]
    .map(|k| t.get(k))
    .into_iter()
    .chain(redaction)
    .collect();
    out.push_str("<dl>\n");
    for (label, text) in super::method::lines(report) {
        if keep.contains(&label) {
            let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(&text));
        }
    }
    out.push_str("</dl>\n");
    let _ = writeln!(out, "<h3>{}</h3>", escape(t.get("pack.inputs")));
    let mut inputs = Table::new(&[
        t.get("input.file"),
        t.get("input.rows_read"),
        t.get("input.sha256"),
    ]);
    for i in &report.inputs {
        inputs.push(vec![
            Cell::Data(i.rows_from()),
            Cell::Count(i.rows_read),
            Cell::Code(i.sha256.clone()),
        ]);
    }
    section::table(out, &inputs, t);
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_the_data_cannot_become_markup() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(
            inline("**Period** `a<b`"),
            "<strong>Period</strong> <code>a&lt;b</code>"
        );
    }
}
