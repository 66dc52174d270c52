//! Any report section ([`crate::report::sections`]) as GitHub-flavoured Markdown: its title a
//! `##` heading, its tables pipe tables, its chart a Mermaid chart.

use std::fmt::Write;

use super::escape;
use crate::report::lang::Texts;
use crate::report::sections::{
    Block, Cell, Chart, ChartKind, Format, Paragraph, Row, Section, Table, Value,
};

const MARKDOWN: Format = Format::Markdown;

pub(super) fn section(out: &mut String, section: &Section, t: &Texts) {
    if !section.title.markdown.is_empty() {
        let _ = writeln!(out, "## {}\n", section.title.markdown);
    }
    let tables = section.tables();
    for block in &section.blocks {
        self::block(out, block, &tables, t);
    }
}

fn block(out: &mut String, block: &Block, tables: &[&Table], t: &Texts) {
    match block {
        Block::Heading(text) => {
            let _ = writeln!(out, "## {}\n", text.markdown);
        }
        Block::SubHeading(text) => {
            let _ = writeln!(out, "### {}\n", text.markdown);
        }
        Block::Caption(text) => {
            let _ = writeln!(out, "{}:\n", text.markdown);
        }
        Block::Paragraph(paragraph) => {
            let _ = writeln!(out, "{}\n", fill(paragraph, t));
        }
        Block::Verdict { text, .. } => {
            let _ = writeln!(out, "**{}**\n", escape(text));
        }
        Block::Warning(text) => {
            let text = escape(text);
            let _ = writeln!(out, "{}\n", t.fill("md.warning", &[("text", &text)]));
        }
        Block::Facts(facts) => {
            for (label, value) in facts {
                let _ = writeln!(out, "- **{label}**: {}", escape(value));
            }
            out.push('\n');
        }
        Block::Table(table) => pipe_table(out, table, t),
        Block::Chart(chart) => mermaid(out, chart, tables[chart.table]),
        Block::Space => {}
        Block::Only(format, inner) => {
            if *format == MARKDOWN {
                self::block(out, inner, tables, t);
            }
        }
    }
}

/// A paragraph's text, its values from the data escaped.
pub(super) fn fill(paragraph: &Paragraph, t: &Texts) -> String {
    let values: Vec<(&str, String)> = paragraph
        .values
        .iter()
        .map(|(name, value)| match value {
            Value::Words(text) => (*name, text.clone()),
            Value::Data(text) => (*name, escape(text)),
        })
        .collect();
    let values: Vec<(&str, &dyn std::fmt::Display)> = values
        .iter()
        .map(|(name, value)| (*name, value as &dyn std::fmt::Display))
        .collect();
    t.fill(paragraph.key, &values)
}

fn shown(only: Option<Format>) -> bool {
    only.is_none_or(|f| f == MARKDOWN)
}

fn pipe_table(out: &mut String, section_table: &Table, t: &Texts) {
    let table = section_table;
    let columns: Vec<bool> = table.columns.iter().map(|c| shown(c.only)).collect();
    let headers: Vec<&str> = table
        .columns
        .iter()
        .filter(|c| shown(c.only))
        .map(|c| c.header.markdown.as_str())
        .collect();
    // A row shorter than the table (a note in its first column) has empty cells after it.
    let rows = table.rows.iter().filter(|r| shown(r.only)).map(|row| {
        let mut cells: Vec<String> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(i, _)| columns.get(*i).copied().unwrap_or(true))
            .map(|(i, cell)| text(row, i, cell, t))
            .collect();
        cells.resize(headers.len(), String::new());
        cells
    });
    super::table(out, &headers, rows);
}

/// A cell as Markdown text; a total row's label in bold.
fn text(row: &Row, index: usize, cell: &Cell, t: &Texts) -> String {
    let text = match cell {
        Cell::Count(n) => n.to_string(),
        Cell::Change(n) if *n > 0 => format!("+{n}"),
        Cell::Change(n) => n.to_string(),
        Cell::Share(share) => share
            .map(|p| format!("{} %", t.decimal(p)))
            .unwrap_or_else(|| t.get("na").into()),
        Cell::Decimal(value) => value
            .map(|v| t.decimal(v))
            .unwrap_or_else(|| t.get("na").into()),
        Cell::Money(minor) => t.money(*minor),
        Cell::Words(words) => words.markdown.clone(),
        Cell::Data(text) | Cell::Note(text) => escape(text),
        Cell::Status(status) => crate::report::people::status(t, *status).to_string(),
        Cell::Code(code) => format!("`{code}`"),
        Cell::Empty => String::new(),
    };
    if row.total && index == 0 {
        format!("**{text}**")
    } else {
        text
    }
}

/// A Mermaid chart: the first series as bars, the others as lines, over the categories.
fn mermaid(out: &mut String, chart: &Chart, table: &Table) {
    debug_assert_eq!(
        chart.kind,
        ChartKind::Columns,
        "Markdown draws columns only"
    );
    let plain = |cell: &Cell| match cell {
        Cell::Count(n) => n.to_string(),
        Cell::Words(words) => words.markdown.clone(),
        Cell::Data(text) | Cell::Note(text) | Cell::Code(text) => text.clone(),
        other => format!("{other:?}"),
    };
    let column = |c: usize| -> Vec<String> {
        table
            .rows
            .iter()
            .filter(|r| shown(r.only))
            .map(|r| r.cells.get(c).map(plain).unwrap_or_default())
            .collect()
    };
    let most = chart
        .series
        .iter()
        .flat_map(|(_, c)| {
            table
                .rows
                .iter()
                .filter_map(move |r| match r.cells.get(*c) {
                    Some(Cell::Count(n)) => Some(*n),
                    _ => None,
                })
        })
        .max()
        .unwrap_or(0)
        .max(1);
    out.push_str("```mermaid\nxychart-beta\n");
    let _ = writeln!(out, "    title \"{}\"", chart.title.markdown);
    let categories: Vec<String> = column(chart.categories)
        .into_iter()
        .map(|c| format!("\"{c}\""))
        .collect();
    let _ = writeln!(out, "    x-axis [{}]", categories.join(", "));
    let _ = writeln!(out, "    y-axis \"{}\" 0 --> {most}", chart.axis);
    for (i, (_, c)) in chart.series.iter().enumerate() {
        let kind = if i == 0 { "bar" } else { "line" };
        let _ = writeln!(out, "    {kind} [{}]", column(*c).join(", "));
    }
    out.push_str("```\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    #[test]
    fn every_block_row_and_cell_as_markdown() {
        let mut out = String::new();
        section(
            &mut out,
            &crate::report::sections::example::section(),
            &Language::En.texts(),
        );
        let expected = "## Example\n\n\
            > **Warning:** the export is stale\n\n\
            ### Sub\n\n\
            | Figure (md) | Value | Share |\n\
            |---|--:|---|\n\
            | counted | 7 | 12.5 % |\n\
            | a \\| b \\*c\\* | +3 | n/a |\n\
            | markdown only | n/a |  |\n\
            | **Total** | 1,234.56 | Open, past the deadline |\n\n\
            Matrix:\n\n";
        assert!(out.starts_with(expected), "{out}");
        // A paragraph's data is escaped, its words are not.
        assert!(out.contains("x\\_y"), "{out}");
    }
}
