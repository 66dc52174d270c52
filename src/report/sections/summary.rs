//! The Summary: the warnings a reader must not miss, the headline figures, the cases by status
//! and the age of the open cases.

use super::Tone;
use super::{Block, Cell, Chart, ChartKind, Format, Paragraph, Row, Section, Table, Wording};
use crate::report::Report;
use crate::report::figures::percent;
use crate::status::Status;

pub(crate) fn section(report: &Report) -> Section {
    let t = report.language.texts();
    // The Markdown says the verdict first of all, above its opening paragraph.
    let mut blocks = vec![Block::only(Format::Workbook, verdict(report))];
    blocks.extend(warnings(report).into_iter().map(Block::Warning));
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

/// The verdict, in the report's language; it points to the warnings when there are any, and
/// says how many rows were rejected.
pub(crate) fn verdict(report: &Report) -> Block {
    let t = report.language.texts();
    let warned = !warnings(report).is_empty();
    let c = &report.counts;
    let text = report.verdict.sentence(
        &t,
        warned.then_some("verdict.caveat"),
        (c.rows_rejected, c.rejects_in_period),
    );
    // Rejected rows whose dates place them outside the period do not question its verdict.
    let tone = match report.verdict.verdict {
        "not_met" => Tone::NotMet,
        "met" if !warned && c.rejects_in_period == 0 => Tone::Met,
        _ => Tone::Caution,
    };
    Block::Verdict { text, tone }
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
    let mut table = Table::new(&[
        t.get("col.figure"),
        t.get("col.value"),
        t.get("summary.col_share"),
    ]);
    for (label, value, share) in figures(report) {
        table.push(vec![Cell::words(label), value, share]);
    }
    // The workbook also counts the rows; the Markdown says so in its opening paragraph.
    let mut rows_counted = vec![
        ("summary.rows_read", c.rows_read),
        ("summary.rows_evaluated", c.rows_evaluated),
        ("summary.rows_rejected", c.rows_rejected),
        ("summary.rows_rejected_in_period", c.rejects_in_period),
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

/// The headline figures: label, value, share of the cases resolved in the period. A breach
/// is an answer given late or a case open past its deadline: each part, its split, then the
/// two together.
fn figures(report: &Report) -> Vec<(String, Cell, Cell)> {
    let t = report.language.texts();
    let c = &report.counts;
    let h = &report.figures.headline;
    let v = &report.verdict;
    let of_resolved = |n: u64| Cell::Share(percent(n, c.resolved_in_period));
    let first_limit = super::markets::first_limit(report);
    let first_limit: [(&str, &dyn std::fmt::Display); 1] = [("limit", &first_limit)];
    let plain = |key: &str, n: u64| (t.get(key).to_string(), count(n), Cell::Empty);
    let shared = |key: &str, n: u64| (t.get(key).to_string(), count(n), of_resolved(n));
    let mut rows = vec![
        plain("summary.received", c.received_in_period),
        plain("summary.resolved", c.resolved_in_period),
        plain("summary.open", c.open_at_as_of),
        (
            t.fill("md.within_first", &first_limit),
            count(h.resolved_within_first),
            of_resolved(h.resolved_within_first),
        ),
        shared("md.in_time", h.resolved_in_time),
        shared("summary.answered_late", v.resolved_late),
        shared(
            "summary.breach_no_holding_reply",
            v.late_no_timely_holding_reply,
        ),
        shared("summary.breach_final_deadline", v.late_after_final_deadline),
        shared(
            "summary.late_without_reply",
            h.resolved_late_without_timely_reply,
        ),
    ];
    if v.resolved_late_after_period > 0 {
        rows.push(plain(
            "summary.late_after_period",
            v.resolved_late_after_period,
        ));
    }
    rows.push(plain("summary.open_overdue", v.open_overdue));
    rows.push(plain("summary.overdue_at_start", v.overdue_at_start));
    rows.push(plain(
        "summary.overdue_in_period",
        v.became_overdue_in_period,
    ));
    if v.became_overdue_after_period > 0 {
        rows.push(plain(
            "summary.overdue_after_period",
            v.became_overdue_after_period,
        ));
    }
    rows.push(plain("summary.breaches", v.breaches()));
    rows.push(plain(
        "summary.open_at_risk",
        c.by_status.get(&Status::OpenAtRisk).copied().unwrap_or(0),
    ));
    rows.push((
        t.get("summary.median").to_string(),
        Cell::Decimal(h.median_working_days),
        Cell::Empty,
    ));
    rows.push((
        t.get("summary.p90").to_string(),
        Cell::Decimal(h.p90_working_days),
        Cell::Empty,
    ));
    rows
}

fn by_status(report: &Report) -> Table {
    let t = report.language.texts();
    let c = &report.counts;
    let mut table = Table::new(&[
        t.get("col.status"),
        t.get("col.cases"),
        t.get("head.code"),
        t.get("col.meaning"),
    ]);
    for s in Status::ALL {
        table.push(vec![
            Cell::Status(s),
            count(c.by_status.get(&s).copied().unwrap_or(0)),
            Cell::Code(s.as_str().to_string()),
            Cell::Note(t.get(&format!("status.{}", s.as_str())).to_string()),
        ]);
    }
    table
}

fn count(n: u64) -> Cell {
    Cell::Count(n)
}
