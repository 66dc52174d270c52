//! Any report section ([`crate::report::sections`]) as HTML: headings, paragraphs, warnings,
//! tables of typed cells (numbers right-aligned, statuses marked) and charts as inline SVG.
//! It shows what the Markdown report shows, in the Markdown's words.

use std::fmt::Write;

use super::{escape, inline};
use crate::report::lang::Texts;
use crate::report::sections::{Block, Cell, Format, Paragraph, Row, Section, Table, Tone, Value};
use crate::status::Status;

const HTML: Format = Format::Markdown;

pub(super) fn section(out: &mut String, section: &Section, t: &Texts) {
    if !section.title.markdown.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&section.title.markdown));
    }
    let tables = section.tables();
    for block in &section.blocks {
        self::block(out, block, &tables, t);
    }
}

fn block(out: &mut String, block: &Block, tables: &[&Table], t: &Texts) {
    match block {
        Block::Heading(text) => {
            let _ = writeln!(out, "<h2>{}</h2>", escape(&text.markdown));
        }
        Block::SubHeading(text) | Block::Caption(text) => {
            let _ = writeln!(out, "<h3>{}</h3>", escape(&text.markdown));
        }
        Block::Paragraph(paragraph) => {
            let _ = writeln!(out, "<p>{}</p>", fill(paragraph, t));
        }
        Block::Verdict { text, tone } => verdict(out, text, *tone),
        Block::Warning(text) => {
            let text = t.fill("warning", &[("text", text)]);
            let _ = writeln!(out, "<p class=\"warning\">{}</p>", escape(&text));
        }
        Block::Facts(facts) => {
            out.push_str("<dl>\n");
            for (label, value) in facts {
                let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value));
            }
            out.push_str("</dl>\n");
        }
        Block::Table(table) => self::table(out, table, t),
        Block::Chart(chart) => {
            let _ = writeln!(
                out,
                "<figure>{}</figure>",
                super::svg::chart(chart, tables[chart.table], t)
            );
        }
        Block::Space => {}
        Block::Only(format, inner) => {
            if *format == HTML {
                self::block(out, inner, tables, t);
            }
        }
    }
}

/// The verdict in a box: red when not met, green when met, amber when met with a caveat.
pub(super) fn verdict(out: &mut String, text: &str, tone: Tone) {
    let class = match tone {
        Tone::Met => "met",
        Tone::Caution => "caution",
        Tone::NotMet => "not-met",
    };
    let _ = writeln!(out, "<p class=\"verdict {class}\">{}</p>", escape(text));
}

/// A paragraph's text: the report's words with their emphasis, the data escaped.
fn fill(paragraph: &Paragraph, t: &Texts) -> String {
    let values: Vec<(&str, String)> = paragraph
        .values
        .iter()
        .map(|(name, value)| match value {
            Value::Words(text) | Value::Data(text) => (*name, text.clone()),
        })
        .collect();
    let values: Vec<(&str, &dyn std::fmt::Display)> = values
        .iter()
        .map(|(name, value)| (*name, value as &dyn std::fmt::Display))
        .collect();
    inline(&t.fill(paragraph.key, &values))
}

fn shown(only: Option<Format>) -> bool {
    only.is_none_or(|f| f == HTML)
}

/// A table: its header row, then the rows the Markdown shows.
pub(super) fn table(out: &mut String, table: &Table, t: &Texts) {
    table_of(out, table, t, "");
}

/// [`table`] with a class (`cases`: a list of cases, in a smaller font).
pub(super) fn table_of(out: &mut String, table: &Table, t: &Texts, class: &str) {
    let columns: Vec<usize> = (0..table.columns.len())
        .filter(|&c| shown(table.columns[c].only))
        .collect();
    let numeric: Vec<bool> = columns
        .iter()
        .map(|&c| {
            table.rows.iter().any(|r| is_number(r.cells.get(c)))
                && table.rows.iter().all(|r| {
                    is_number(r.cells.get(c)) || matches!(r.cells.get(c), None | Some(Cell::Empty))
                })
        })
        .collect();
    if class.is_empty() {
        out.push_str("<table>\n<thead><tr>");
    } else {
        let _ = write!(out, "<table class=\"{class}\">\n<thead><tr>");
    }
    for (at, &c) in columns.iter().enumerate() {
        let class = if numeric[at] { " class=\"n\"" } else { "" };
        let _ = write!(
            out,
            "<th{class}>{}</th>",
            escape(&table.columns[c].header.markdown)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in table.rows.iter().filter(|r| shown(r.only)) {
        self::row(out, row, &columns, &numeric, t);
    }
    out.push_str("</tbody>\n</table>\n");
}

fn row(out: &mut String, row: &Row, columns: &[usize], numeric: &[bool], t: &Texts) {
    out.push_str(if row.total {
        "<tr class=\"total\">"
    } else {
        "<tr>"
    });
    for (at, &c) in columns.iter().enumerate() {
        let cell = row.cells.get(c).unwrap_or(&Cell::Empty);
        let mut classes = Vec::new();
        if numeric[at] {
            classes.push("n");
        }
        match cell {
            Cell::Status(status) => classes.push(mark(*status)),
            // An id or a date is not broken over lines.
            Cell::Data(text) if text.chars().count() <= 24 && !text.contains(' ') => {
                classes.push("word")
            }
            // A sentence (a reason) keeps a readable width; a long word (an id, a code) breaks
            // anywhere rather than push the table past the page.
            Cell::Data(text) if text.chars().count() > 24 && text.contains(' ') => {
                classes.push("text")
            }
            Cell::Data(text) if text.chars().count() > 24 => classes.push("long"),
            _ => {}
        }
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", classes.join(" "))
        };
        let _ = write!(out, "<td{class}>{}</td>", text(cell, t));
    }
    out.push_str("</tr>\n");
}

/// The class that marks a status: a breach red, at risk amber.
pub(super) fn mark(status: Status) -> &'static str {
    if status.is_breach() {
        "breach"
    } else if status == Status::OpenAtRisk {
        "at-risk"
    } else {
        "plain"
    }
}

fn is_number(cell: Option<&Cell>) -> bool {
    matches!(
        cell,
        Some(Cell::Count(_) | Cell::Change(_) | Cell::Share(_) | Cell::Decimal(_) | Cell::Money(_))
    )
}

/// A cell as HTML text.
fn text(cell: &Cell, t: &Texts) -> String {
    match cell {
        Cell::Count(n) => n.to_string(),
        Cell::Change(n) if *n > 0 => format!("+{n}"),
        Cell::Change(n) => n.to_string(),
        Cell::Share(share) => share
            .map(|p| format!("{}&#160;%", t.decimal(p)))
            .unwrap_or_else(|| t.get("na").into()),
        Cell::Decimal(value) => value
            .map(|v| t.decimal(v))
            .unwrap_or_else(|| t.get("na").into()),
        Cell::Money(minor) => escape(&t.money(*minor)),
        Cell::Words(words) => escape(&words.markdown),
        Cell::Data(text) | Cell::Note(text) => escape(text),
        Cell::Status(status) => escape(crate::report::people::status(t, *status)),
        Cell::Code(code) => format!("<code>{}</code>", escape(code)),
        Cell::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    #[test]
    fn every_block_row_and_cell_as_html() {
        let mut out = String::new();
        section(
            &mut out,
            &crate::report::sections::example::section(),
            &Language::En.texts(),
        );
        // The Markdown's words; the workbook's spacer column is not shown.
        assert!(out.starts_with("<h2>Example</h2>\n"), "{out}");
        assert!(
            out.contains("<p class=\"warning\">Warning: the export is stale</p>"),
            "{out}"
        );
        assert!(
            out.contains("<thead><tr><th>Figure (md)</th><th class=\"n\">Value</th><th>Share</th></tr></thead>"),
            "{out}"
        );
        // Data is escaped: no markup from it.
        assert!(out.contains("<td>a | b *c*</td>"), "{out}");
        assert!(out.contains("<tr class=\"total\"><td>Total</td>"), "{out}");
        assert!(
            out.contains("<td class=\"breach\">Open, past the deadline</td>"),
            "{out}"
        );
        assert!(out.contains("<td class=\"n\">n/a</td>"), "{out}");
        assert!(!out.contains("Spacer"), "{out}");
        assert!(out.contains("<h3>Matrix</h3>"), "{out}");
    }
}
