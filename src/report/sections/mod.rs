//! The report's summary sections as data: each is described once here, from the [`Report`],
//! and the Markdown and workbook renderers turn any section into their format. A renderer
//! knows how to draw a table, a heading or a chart; it knows nothing of what a regulator
//! return holds. To add a figure, add a row to its section; both formats show it.
//!
//! Where the Markdown and the workbook word a line differently, or only one of them shows it,
//! the section says so here, in one place ([`Wording`], [`Block::Only`], [`Row::only`],
//! [`Column::only`]), rather than in two renderers kept in step by hand.

pub(crate) mod ageing;
pub(crate) mod breakdown;
pub(crate) mod comparison;
pub(crate) mod markets;
pub(crate) mod regulator;
pub(crate) mod summary;
pub(crate) mod trend;

use crate::report::Report;
use crate::status::Status;

/// The format a part of a section is shown in, when only one shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Markdown,
    Workbook,
}

/// Words in the report's language: the same in both formats, or worded for each.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Wording {
    pub(crate) markdown: String,
    pub(crate) workbook: String,
}

impl Wording {
    pub(crate) fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Wording {
            markdown: text.clone(),
            workbook: text,
        }
    }

    pub(crate) fn each(markdown: impl Into<String>, workbook: impl Into<String>) -> Self {
        Wording {
            markdown: markdown.into(),
            workbook: workbook.into(),
        }
    }
}

/// One section: its title (the sheet's title in the workbook, a `##` heading in Markdown, none
/// when the Markdown wording is empty) and its blocks in order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    pub(crate) title: Wording,
    pub(crate) blocks: Vec<Block>,
}

impl Section {
    /// The section's tables in order, those only one format shows included: a chart names its
    /// table by its index here.
    pub(crate) fn tables(&self) -> Vec<&Table> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(table) => Some(table),
                Block::Only(_, inner) => match inner.as_ref() {
                    Block::Table(table) => Some(table),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A heading at the section's level (Markdown `##`).
    Heading(Wording),
    /// A heading within the section (Markdown `###`).
    SubHeading(Wording),
    /// A paragraph: a text of the report's language with its values filled in.
    Paragraph(Paragraph),
    /// A line that introduces the table below it (Markdown: `text:`; the workbook: a
    /// heading).
    Caption(Wording),
    /// The verdict: whether the period's obligations were met, in one sentence.
    Verdict {
        text: String,
        tone: Tone,
    },
    /// A warning the reader must not miss (a stale export, a missing column).
    Warning(String),
    /// Labelled values, one per line (the workbook: label in column A, value beside it).
    Facts(Vec<(String, String)>),
    Table(Table),
    /// A chart of the columns of the section's `table`-th table.
    Chart(Chart),
    /// An empty line in the workbook.
    Space,
    /// A block one format shows and the other does not.
    Only(Format, Box<Block>),
}

impl Block {
    pub(crate) fn only(format: Format, block: Block) -> Block {
        Block::Only(format, Box::new(block))
    }
}

/// How a verdict is shown: green when met on clean data, amber when met but with warnings or
/// rejected rows beside it (or when there was nothing to judge), red when not met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    Met,
    Caution,
    NotMet,
}

/// A text of the report's language (`key`) and the values its placeholders take.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Paragraph {
    pub(crate) key: &'static str,
    pub(crate) values: Vec<(&'static str, Value)>,
}

/// A paragraph's value: the report's own words and numbers, or text from the data (which
/// Markdown escapes).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Words(String),
    Data(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub(crate) header: Wording,
    /// Shown by one format only (the workbook's spacer column beside a wide text).
    pub(crate) only: Option<Format>,
}

impl Column {
    pub(crate) fn new(header: Wording) -> Self {
        Column { header, only: None }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub(crate) columns: Vec<Column>,
    pub(crate) rows: Vec<Row>,
}

impl Table {
    /// A table whose headers are worded the same in both formats.
    pub(crate) fn new(headers: &[&str]) -> Self {
        Table {
            columns: headers
                .iter()
                .map(|h| Column::new(Wording::same(*h)))
                .collect(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn worded(headers: Vec<Wording>) -> Self {
        Table {
            columns: headers.into_iter().map(Column::new).collect(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, cells: Vec<Cell>) {
        self.rows.push(Row {
            cells,
            total: false,
            only: None,
        });
    }

    /// A total row: its label is bold.
    pub(crate) fn push_total(&mut self, cells: Vec<Cell>) {
        self.rows.push(Row {
            cells,
            total: true,
            only: None,
        });
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub(crate) cells: Vec<Cell>,
    pub(crate) total: bool,
    /// Shown by one format only.
    pub(crate) only: Option<Format>,
}

/// A typed cell: each renderer writes it in its own way (a number with a number format in the
/// workbook, digits in Markdown).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// A whole number.
    Count(u64),
    /// A signed difference ("+3" in Markdown).
    Change(i64),
    /// A percentage (0 to 100); none when there is nothing to divide by.
    Share(Option<f64>),
    /// A number of working days, to one decimal; none when there are no cases.
    Decimal(Option<f64>),
    /// An amount in minor units of the policy's currency.
    Money(i64),
    /// The report's own words.
    Words(Wording),
    /// Text from the data (a product, a body): escaped in Markdown, cut to a cell's limit in
    /// the workbook.
    Data(String),
    /// A status, marked as breach or at risk in the workbook.
    Status(Status),
    /// A machine name shown as code (a status in the comparison).
    Code(String),
    /// A text that wraps in its cell (the workbook makes the row as tall as it needs).
    Note(String),
    Empty,
}

impl Cell {
    pub(crate) fn words(text: impl Into<String>) -> Cell {
        Cell::Words(Wording::same(text))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChartKind {
    /// Horizontal bars of one series (the cases by status).
    Bars,
    /// Columns, one series each (the months of the trend); Markdown draws the first series as
    /// bars and the rest as lines.
    Columns,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    pub(crate) kind: ChartKind,
    pub(crate) title: Wording,
    /// The index of the table (among the section's tables, in order) the chart draws.
    pub(crate) table: usize,
    /// The table's column of categories.
    pub(crate) categories: usize,
    /// Each series: its name and the table's column of values.
    pub(crate) series: Vec<(String, usize)>,
    /// The axis of values, named.
    pub(crate) axis: String,
}

/// "Redress paid (NOK)".
pub(crate) fn paid_header(report: &Report) -> String {
    report
        .language
        .texts()
        .fill("col.redress", &[("currency", &report.policy.currency)])
}

#[cfg(test)]
pub(crate) mod example {
    //! One section with every kind of block, row and cell, for the renderers' tests.

    use super::*;

    pub(crate) fn section() -> Section {
        let mut table = Table::worded(vec![
            Wording::each("Figure (md)", "Figure (xlsx)"),
            Wording::same("Value"),
        ]);
        table.columns.push(Column {
            header: Wording::same("Spacer"),
            only: Some(Format::Workbook),
        });
        table.columns.push(Column::new(Wording::same("Share")));
        table.push(vec![
            Cell::Words(Wording::each("counted", "counted in the workbook")),
            Cell::Count(7),
            Cell::Empty,
            Cell::Share(Some(12.5)),
        ]);
        table.push(vec![
            Cell::Data("a | b *c*".into()),
            Cell::Change(3),
            Cell::Empty,
            Cell::Share(None),
        ]);
        table.rows.push(Row {
            cells: vec![Cell::words("markdown only"), Cell::Decimal(None)],
            total: false,
            only: Some(Format::Markdown),
        });
        table.push_total(vec![
            Cell::words("Total"),
            Cell::Money(123_456),
            Cell::Empty,
            Cell::Status(Status::OpenOverdue),
        ]);
        Section {
            title: Wording::each("Example", "Example sheet"),
            blocks: vec![
                Block::Warning("the export is stale".into()),
                Block::SubHeading(Wording::same("Sub")),
                Block::Table(table),
                Block::only(Format::Workbook, Block::Space),
                Block::Caption(Wording::same("Matrix")),
                Block::only(
                    Format::Markdown,
                    Block::Paragraph(Paragraph {
                        key: "md.cmp.intro",
                        values: vec![("description", Value::Data("x_y".into()))],
                    }),
                ),
            ],
        }
    }
}
