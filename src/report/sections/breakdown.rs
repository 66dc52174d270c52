//! The Breakdown: cases, breaches (answered late, open past the deadline) and resolution
//! times by product, category, channel and stage. Its rate divides the breaches by every case
//! of the row, and says so: the Summary's shares divide by the cases resolved in the period.

use super::{Block, Cell, Section, Table, Wording};
use crate::report::Report;
use crate::report::figures::percent;

pub(crate) fn section(report: &Report) -> Section {
    let t = report.language.texts();
    let paid = super::paid_header(report);
    let has_redress = report.figures.regulator.redress.is_some();
    let mut blocks = super::markets::breakdown(report);
    for b in &report.figures.breakdowns {
        let dimension = t.get(&format!("dim.{}", b.dimension));
        blocks.push(Block::SubHeading(Wording::same(
            t.fill("breakdown.by", &[("dimension", &dimension)]),
        )));
        let mut headers = vec![
            Wording::same(capitalise(dimension)),
            Wording::same(t.get("col.cases")),
            Wording::same(t.get("col.answered_late")),
            Wording::same(t.get("col.open_overdue")),
            Wording::same(t.get("col.breach_rate")),
            Wording::each(t.get("md.col.median"), t.get("col.median_days")),
        ];
        if has_redress {
            headers.push(Wording::same(paid.as_str()));
        }
        let mut table = Table::worded(headers);
        for r in &b.rows {
            let mut cells = vec![
                Cell::Data(r.value.clone()),
                Cell::Count(r.cases),
                Cell::Count(r.answered_late),
                Cell::Count(r.open_overdue),
                Cell::Share(percent(r.breaches, r.cases)),
                Cell::Decimal(r.median_working_days),
            ];
            if has_redress {
                cells.push(r.redress.map_or(Cell::Empty, Cell::Money));
            }
            table.push(cells);
        }
        blocks.push(Block::Table(table));
    }
    Section {
        title: Wording::each(t.get("sheet.breakdown"), t.get("breakdown.title")),
        blocks,
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
