//! The report by market, when the policy has markets: the Breakdown's table of each market's
//! cases and breaches with the calendar and time zone it counts on, and the Regulator's flows
//! by market. Each table's rows add up to the report's own figures.

use super::{Block, Cell, Table, Wording};
use crate::report::Report;
use crate::report::figures::{QUICK_CLOSE_WORKING_DAYS, percent};

/// The Breakdown's table by market (none without markets).
pub(crate) fn breakdown(report: &Report) -> Vec<Block> {
    if report.by_market.is_empty() {
        return Vec::new();
    }
    let t = report.language.texts();
    let mut table = Table::new(&[
        t.get("col.market"),
        t.get("col.calendar"),
        t.get("col.time_zone"),
        t.get("col.cases"),
        t.get("col.answered_late"),
        t.get("col.open_overdue"),
        t.get("col.breach_rate"),
    ]);
    for m in &report.by_market {
        let counted = &report.markets.counted[m.index];
        table.push(vec![
            Cell::Data(market_name(report, m.index)),
            Cell::Code(counted.calendar.kind().name().to_string()),
            Cell::Code(counted.time_zone.name().to_string()),
            Cell::Count(m.cases),
            Cell::Count(m.answered_late),
            Cell::Count(m.open_overdue),
            Cell::Share(percent(m.breaches(), m.cases)),
        ]);
    }
    let total = |f: fn(&crate::report::markets::MarketFigures) -> u64| {
        report.by_market.iter().map(f).sum::<u64>()
    };
    table.push_total(vec![
        Cell::words(t.get("total")),
        Cell::Empty,
        Cell::Empty,
        Cell::Count(total(|m| m.cases)),
        Cell::Count(total(|m| m.answered_late)),
        Cell::Count(total(|m| m.open_overdue)),
        Cell::Share(percent(total(|m| m.breaches()), total(|m| m.cases))),
    ]);
    vec![
        Block::SubHeading(Wording::same(t.get("markets.by_market"))),
        Block::Table(table),
    ]
}

/// The Regulator's flows by market (none without markets): each market counted on its own
/// limits and calendar.
pub(crate) fn regulator(report: &Report) -> Vec<Block> {
    if report.by_market.is_empty() {
        return Vec::new();
    }
    let t = report.language.texts();
    let quick = t.fill("col.closed_quick", &[("days", &QUICK_CLOSE_WORKING_DAYS)]);
    let mut table = Table::new(&[
        t.get("col.market"),
        t.get("col.outstanding"),
        t.get("col.opened"),
        t.get("col.closed"),
        quick.as_str(),
        t.get("col.closed_first"),
        t.get("col.closed_final"),
        t.get("col.closed_later"),
    ]);
    for m in &report.by_market {
        let g = &m.regulator;
        table.push(vec![
            Cell::Data(market_name(report, m.index)),
            Cell::Count(g.outstanding_at_start),
            Cell::Count(g.opened),
            Cell::Count(g.closed),
            Cell::Count(g.closed_within_3_working_days),
            Cell::Count(g.closed_within_first_limit),
            Cell::Count(g.closed_within_final_limit),
            Cell::Count(g.closed_later),
        ]);
    }
    let sum = |f: fn(&crate::report::figures::Regulator) -> u64| {
        Cell::Count(report.by_market.iter().map(|m| f(&m.regulator)).sum())
    };
    table.push_total(vec![
        Cell::words(t.get("total")),
        sum(|g| g.outstanding_at_start),
        sum(|g| g.opened),
        sum(|g| g.closed),
        sum(|g| g.closed_within_3_working_days),
        sum(|g| g.closed_within_first_limit),
        sum(|g| g.closed_within_final_limit),
        sum(|g| g.closed_later),
    ]);
    vec![
        Block::SubHeading(Wording::same(t.get("markets.regulator"))),
        Block::Paragraph(super::Paragraph {
            key: "markets.regulator_note",
            values: Vec::new(),
        }),
        Block::Table(table),
    ]
}

/// The first limit in working days, as the figures' labels state it: the top level's, and
/// each market's that differs (`15; SE 10`).
pub(crate) fn first_limit(report: &Report) -> String {
    let home = report.markets.home_market().limits.first_limit;
    let mut text = home.to_string();
    for (i, m) in report.markets.counted.iter().enumerate().skip(1) {
        if m.limits.first_limit != home {
            text.push_str(&format!(
                "; {} {}",
                market_name(report, i),
                m.limits.first_limit
            ));
        }
    }
    text
}

/// The final limit and its unit, as the figures' labels state them: the top level's, and each
/// market's that differs (`35`, `calendar days; DK 30 working days`).
pub(crate) fn final_limit(report: &Report) -> (String, String) {
    let t = report.language.texts();
    let unit = |l: &crate::deadline::Limits| t.get(&format!("unit.{}", l.final_limit_unit.name()));
    let home = report.markets.home_market().limits;
    let mut units = unit(&home).to_string();
    for (i, m) in report.markets.counted.iter().enumerate().skip(1) {
        let l = m.limits;
        if (l.final_limit, l.final_limit_unit) != (home.final_limit, home.final_limit_unit) {
            units.push_str(&format!(
                "; {} {} {}",
                market_name(report, i),
                l.final_limit,
                unit(&l)
            ));
        }
    }
    (home.final_limit.to_string(), units)
}

/// With markets, what the list of closures below covers: the home market's calendar, and
/// where each market's is listed (empty without markets).
pub(crate) fn closures_note(report: &Report) -> String {
    if !report.markets.several() {
        return String::new();
    }
    report
        .language
        .texts()
        .get("markets.closures_home")
        .to_string()
}

/// A market's name as the reader sees it: the home market in the report's words.
pub(crate) fn market_name(report: &Report, index: usize) -> String {
    match index {
        0 => report.language.texts().get("markets.home").to_string(),
        i => report.markets.counted[i].name.clone(),
    }
}
