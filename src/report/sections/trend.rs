//! The Trend: the twelve months up to the period, with a chart.

use super::{Block, Cell, Chart, ChartKind, Format, Paragraph, Section, Table, Wording};
use crate::report::Report;
use crate::report::figures::percent;

pub(crate) fn section(report: &Report) -> Section {
    let t = report.language.texts();
    let mut table = Table::new(&[
        t.get("col.month"),
        t.get("col.received"),
        t.get("col.resolved"),
        t.get("trend.within_first"),
        t.get("trend.share_first"),
        t.get("trend.with_breach"),
    ]);
    for m in &report.figures.trend {
        table.push(vec![
            Cell::words(m.month.as_str()),
            Cell::Count(m.received),
            Cell::Count(m.resolved),
            Cell::Count(m.resolved_within_first),
            Cell::Share(percent(m.resolved_within_first, m.resolved)),
            Cell::Count(m.resolved_with_breach),
        ]);
    }
    let chart = Chart {
        kind: ChartKind::Columns,
        title: Wording::each(t.get("md.chart"), t.get("trend.chart")),
        table: 0,
        categories: 0,
        series: vec![
            (t.get("col.received").to_string(), 1),
            (t.get("col.resolved").to_string(), 2),
            (t.get("trend.with_breach").to_string(), 5),
        ],
        axis: t.get("col.cases").to_string(),
    };
    Section {
        title: Wording::each(t.get("sheet.trend"), t.get("trend.title")),
        blocks: vec![
            Block::only(Format::Workbook, Block::Space),
            Block::Table(table),
            Block::Chart(chart),
            Block::only(
                Format::Workbook,
                Block::Paragraph(Paragraph {
                    key: "trend.note",
                    values: Vec::new(),
                }),
            ),
        ],
    }
}
