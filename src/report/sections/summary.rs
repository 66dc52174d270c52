//! The Summary: the warnings a reader must not miss, the headline figures, the cases by status
//! and the age of the open cases.

use super::{
    Block, Cell, Chart, ChartKind, Column, Format, Paragraph, Row, Section, Table, Wording,
};
use crate::report::Report;
use crate::report::figures::percent;
use crate::status::Status;

pub(crate) fn section(report: &Report) -> Section {
    let t = report.language.texts();
    let mut blocks: Vec<Block> = warnings(report).into_iter().map(Block::Warning).collect();
    blocks.push(Block::Heading(Wording::same(t.get("summary.headline"))));
    blocks.push(Block::Table(headline(report)));
    blocks.push(Block::Heading(Wording::same(t.get("summary.by_status"))));
    blocks.push(Block::Table(by_status(report)));
    blocks.push(Block::Heading(Wording::each(
        t.get("md.ageing"),
        t.get("ageing.title"),
    )));
    blocks.push(Block::only(
        Format::Markdown,
        Block::Paragraph(Paragraph {
            key: "md.ageing_intro",
            values: Vec::new(),
        }),
    ));
    blocks.push(Block::Table(super::ageing::table(report)));
    blocks.push(Block::only(
        Format::Workbook,
        Block::Chart(Chart {
            kind: ChartKind::Bars,
            title: Wording::same(t.get("summary.by_status")),
            table: 1,
            categories: 0,
            series: vec![(t.get("col.cases").to_string(), 1)],
            axis: t.get("col.cases").to_string(),
        }),
    ));
    Section {
        title: Wording::each(
            "",
            t.fill("report.title", &[("period", &report.period.label)]),
        ),
        blocks,
    }
}

/// The stale-export warning and each missing column's, in English.
pub(crate) fn warnings(report: &Report) -> Vec<String> {
    let stale = crate::report::method::stale_warning(report);
    let missing = report
        .columns_missing
        .iter()
        .map(|m| crate::report::method::missing_warning(report, m));
    stale.into_iter().chain(missing).collect()
}

fn headline(report: &Report) -> Table {
    let t = report.language.texts();
    let c = &report.counts;
    let mut table = Table::worded(vec![
        Wording::same(t.get("col.figure")),
        Wording::same(t.get("col.value")),
        Wording::each(t.get("md.share_of_resolved"), t.get("col.share")),
    ]);
    for (label, value, share) in figures(report) {
        table.push(vec![Cell::Words(label), value, share]);
    }
    // The workbook also counts the rows; the Markdown says so in its opening paragraph.
    let mut rows_counted = vec![
        ("summary.rows_read", c.rows_read),
        ("summary.rows_evaluated", c.rows_evaluated),
        ("summary.rows_rejected", c.rows_rejected),
    ];
    if c.rows_superseded > 0 {
        rows_counted.push(("summary.rows_superseded", c.rows_superseded));
        rows_counted.push(("summary.cases_updated", c.cases_updated));
    }
    rows_counted.push(("summary.cases_in_report", c.cases_in_report));
    for (key, n) in rows_counted {
        table.rows.push(Row {
            cells: vec![Cell::words(t.get(key)), count(n)],
            total: false,
            only: Some(Format::Workbook),
        });
    }
    table
}

/// The headline figures: label, value, share of the cases resolved in the period.
fn figures(report: &Report) -> [(Wording, Cell, Cell); 12] {
    let t = report.language.texts();
    let c = &report.counts;
    let h = &report.figures.headline;
    let status = |s: Status| c.by_status.get(&s).copied().unwrap_or(0);
    let of_resolved = |n: u64| Cell::Share(percent(n, c.resolved_in_period));
    let first_limit = [(
        "limit",
        &report.policy.first_limit as &dyn std::fmt::Display,
    )];
    [
        (
            same(t.get("summary.received")),
            count(c.received_in_period),
            Cell::Empty,
        ),
        (
            same(t.get("summary.resolved")),
            count(c.resolved_in_period),
            Cell::Empty,
        ),
        (
            same(t.get("summary.open")),
            count(c.open_at_as_of),
            Cell::Empty,
        ),
        (
            Wording::each(
                t.fill("md.within_first", &first_limit),
                t.fill("summary.within_first", &first_limit),
            ),
            count(h.resolved_within_first),
            of_resolved(h.resolved_within_first),
        ),
        (
            Wording::each(t.get("md.in_time"), t.get("summary.in_time")),
            count(h.resolved_in_time),
            of_resolved(h.resolved_in_time),
        ),
        (
            same(t.get("summary.breach_no_holding_reply")),
            count(h.resolved_breach_no_holding_reply),
            of_resolved(h.resolved_breach_no_holding_reply),
        ),
        (
            same(t.get("summary.breach_final_deadline")),
            count(h.resolved_breach_final_deadline),
            of_resolved(h.resolved_breach_final_deadline),
        ),
        (
            same(t.get("summary.late_without_reply")),
            count(h.resolved_late_without_timely_reply),
            of_resolved(h.resolved_late_without_timely_reply),
        ),
        (
            same(t.get("summary.open_overdue")),
            count(status(Status::OpenOverdue)),
            Cell::Empty,
        ),
        (
            same(t.get("summary.open_at_risk")),
            count(status(Status::OpenAtRisk)),
            Cell::Empty,
        ),
        (
            Wording::each(t.get("col.median_days"), t.get("summary.median")),
            Cell::Decimal(h.median_working_days),
            Cell::Empty,
        ),
        (
            Wording::each(t.get("md.p90"), t.get("summary.p90")),
            Cell::Decimal(h.p90_working_days),
            Cell::Empty,
        ),
    ]
}

fn by_status(report: &Report) -> Table {
    let t = report.language.texts();
    let c = &report.counts;
    let mut table = Table::new(&[t.get("col.status"), t.get("col.cases")]);
    table.columns.push(Column {
        header: Wording::same(""),
        only: Some(Format::Workbook),
    });
    table
        .columns
        .push(Column::new(Wording::same(t.get("col.meaning"))));
    for s in Status::ALL {
        table.push(vec![
            Cell::Status(s),
            count(c.by_status.get(&s).copied().unwrap_or(0)),
            Cell::Empty,
            Cell::Note(t.get(&format!("status.{}", s.as_str())).to_string()),
        ]);
    }
    table
}

fn same(text: &str) -> Wording {
    Wording::same(text)
}

fn count(n: u64) -> Cell {
    Cell::Count(n)
}
