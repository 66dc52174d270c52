//! The Regulator section: the complaints return (stock, flow, closing times, outcomes,
//! products, referrals).

use super::{Block, Cell, Format, Paragraph, Row, Section, Table, Wording};
use crate::outcome::OutcomeClass;
use crate::report::Report;
use crate::report::figures::{QUICK_CLOSE_WORKING_DAYS, RegulatorProduct};

pub(crate) fn section(report: &Report) -> Section {
    section_of(report, usize::MAX)
}

/// The return with at most `products` rows by product: the largest, then the others summed
/// in one row (the board pack's page has room for a few).
pub(crate) fn brief(report: &Report, products: usize) -> Section {
    section_of(report, products)
}

fn section_of(report: &Report, products: usize) -> Section {
    let t = report.language.texts();
    let g = &report.figures.regulator;
    let mut blocks = vec![
        Block::only(
            Format::Workbook,
            Block::SubHeading(Wording::same(t.get("regulator.in_period"))),
        ),
        Block::Table(flow(report)),
    ];
    if products == usize::MAX {
        // The full return: the board pack's page has no room for the markets' table.
        blocks.extend(super::markets::regulator(report));
    }
    blocks.extend([
        Block::only(
            Format::Workbook,
            Block::SubHeading(Wording::same(t.get("regulator.outcomes"))),
        ),
        Block::only(Format::Workbook, Block::Table(outcomes(report, "outcome"))),
    ]);
    if g.redress.is_some() {
        let title = t.fill("md.redress_title", &[("paid", &super::paid_header(report))]);
        blocks.push(Block::only(
            Format::Markdown,
            Block::SubHeading(Wording::same(title)),
        ));
        blocks.push(Block::only(
            Format::Markdown,
            Block::Table(outcomes(report, "col")),
        ));
    }
    blocks.push(Block::SubHeading(Wording::same(
        t.get("regulator.by_product"),
    )));
    blocks.push(Block::Table(by_product(report, products)));
    blocks.extend(referrals(report));
    Section {
        title: Wording::same(t.get("regulator.title")),
        blocks,
    }
}

/// Stock and flow, and the closed complaints by how long they took; in Markdown, by outcome
/// too.
fn flow(report: &Report) -> Table {
    let t = report.language.texts();
    let g = &report.figures.regulator;
    let (final_limit, unit) = super::markets::final_limit(report);
    let first_limit = super::markets::first_limit(report);
    let each = |key: &str, values: &[(&str, &dyn std::fmt::Display)]| {
        Wording::each(
            t.fill(&format!("md.reg.{key}"), values),
            t.fill(&format!("regulator.{key}"), values),
        )
    };
    let mut table = Table::new(&[t.get("col.figure"), t.get("col.complaints")]);
    let rows = [
        (
            Wording::same(t.get("regulator.outstanding")),
            g.outstanding_at_start,
        ),
        (Wording::same(t.get("regulator.opened")), g.opened),
        (Wording::same(t.get("regulator.closed")), g.closed),
        (
            each("quick", &[("days", &QUICK_CLOSE_WORKING_DAYS)]),
            g.closed_within_3_working_days,
        ),
        (
            each("first", &[("limit", &first_limit)]),
            g.closed_within_first_limit,
        ),
        (
            each("final", &[("limit", &final_limit), ("unit", &unit)]),
            g.closed_within_final_limit,
        ),
        (
            each("final_breached", &[]),
            g.closed_within_final_limit_breached,
        ),
        (each("later", &[]), g.closed_later),
        (
            Wording::same(t.get("regulator.late_without_reply")),
            report.figures.headline.resolved_late_without_timely_reply,
        ),
    ];
    for (label, n) in rows {
        table.push(vec![Cell::Words(label), Cell::Count(n)]);
    }
    // The workbook has the outcomes in a table of their own.
    for class in OutcomeClass::ALL {
        table.rows.push(Row {
            cells: vec![
                Cell::words(t.get(&format!("md.reg.{}", class.as_str()))),
                Cell::Count(g.outcomes[&class]),
            ],
            total: false,
            only: Some(Format::Markdown),
        });
    }
    table
}

/// The closed complaints by outcome, labelled by `prefix` (`outcome.upheld`, `col.upheld`),
/// with the redress paid when an input has amounts.
fn outcomes(report: &Report, prefix: &str) -> Table {
    let t = report.language.texts();
    let g = &report.figures.regulator;
    let mut headers = vec![t.get("col.outcome"), t.get("col.complaints")];
    let paid = super::paid_header(report);
    if g.redress.is_some() {
        headers.extend([t.get("col.with_amount"), paid.as_str()]);
    }
    let mut table = Table::new(&headers);
    for class in OutcomeClass::ALL {
        let mut cells = vec![
            Cell::words(t.get(&format!("{prefix}.{}", class.as_str()))),
            Cell::Count(g.outcomes[&class]),
        ];
        if let Some(redress) = &g.redress {
            let (cases, amount) = redress.by_outcome[&class];
            cells.extend([Cell::Count(cases), Cell::Money(amount)]);
        }
        table.push(cells);
    }
    if let Some(redress) = &g.redress {
        table.push_total(vec![
            Cell::words(t.get("total")),
            Cell::Count(g.closed),
            Cell::Count(redress.total.0),
            Cell::Money(redress.total.1),
        ]);
    }
    table
}

fn by_product(report: &Report, limit: usize) -> Table {
    let t = report.language.texts();
    let g = &report.figures.regulator;
    let paid = super::paid_header(report);
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
    let mut table = Table::new(&headers);
    // Largest first (as the figures sort them); past `limit`, the rest in one row.
    let shown = if g.by_product.len() > limit {
        limit.saturating_sub(1)
    } else {
        g.by_product.len()
    };
    let mut rows: Vec<RegulatorProduct> = g.by_product[..shown].to_vec();
    if shown < g.by_product.len() {
        let rest = &g.by_product[shown..];
        let mut other = RegulatorProduct {
            product: t.fill("regulator.other_products", &[("n", &rest.len())]),
            opened: 0,
            closed: 0,
            outcomes: OutcomeClass::ALL.iter().map(|c| (*c, 0)).collect(),
            redress: 0,
        };
        for r in rest {
            other.opened += r.opened;
            other.closed += r.closed;
            other.redress += r.redress;
            for (class, n) in &r.outcomes {
                *other.outcomes.entry(*class).or_default() += n;
            }
        }
        rows.push(other);
    }
    for r in &rows {
        let mut cells = vec![
            Cell::Data(r.product.clone()),
            Cell::Count(r.opened),
            Cell::Count(r.closed),
        ];
        cells.extend(
            [
                OutcomeClass::Upheld,
                OutcomeClass::Rejected,
                OutcomeClass::Withdrawn,
                OutcomeClass::Other,
            ]
            .map(|class| Cell::Count(r.outcomes[&class])),
        );
        if g.redress.is_some() {
            cells.push(Cell::Money(r.redress));
        }
        table.push(cells);
    }
    table
}

/// Referrals to outside bodies; with none, Markdown says so in a line, the workbook in the
/// table's first row.
fn referrals(report: &Report) -> Vec<Block> {
    let t = report.language.texts();
    let g = &report.figures.regulator;
    let mut table = Table::new(&[t.get("col.body"), t.get("col.cases")]);
    let heading = Block::SubHeading(Wording::each(
        t.get("md.referrals"),
        t.get("regulator.referrals"),
    ));
    if g.referrals.is_empty() {
        table.push(vec![Cell::words(t.get("regulator.no_referrals"))]);
        return vec![
            heading,
            Block::only(
                Format::Markdown,
                Block::Paragraph(Paragraph {
                    key: "md.no_referrals",
                    values: Vec::new(),
                }),
            ),
            Block::only(Format::Workbook, Block::Table(table)),
        ];
    }
    for (body, n) in &g.referrals {
        // The courts are named in the report's language; the other bodies by their own names.
        let body = match body.as_str() {
            "Courts" => t.get("body.courts").to_string(),
            other => other.to_string(),
        };
        table.push(vec![Cell::Data(body), Cell::Count(*n)]);
    }
    vec![heading, Block::Table(table)]
}
