//! The report by market: each market's cases, statuses, breaches and regulator's return, and
//! how it counts. One population: the markets' rows add up to the report's figures.

use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;

use super::figures::{Regulator, regulator_of};
use crate::evaluate::MARKET_INDEX;
use crate::market::Markets;
use crate::period::Period;
use crate::status::Status;

/// One market's share of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketFigures {
    /// The market's name (`home` for the cases whose market value is blank).
    pub name: String,
    /// The market's calendar, time zone and limits.
    pub index: usize,
    /// Cases in the report.
    pub cases: u64,
    pub by_status: BTreeMap<Status, u64>,
    /// Resolved after the applicable deadline.
    pub answered_late: u64,
    /// Open at the as-of date past the applicable deadline.
    pub open_overdue: u64,
    pub regulator: Regulator,
}

impl MarketFigures {
    pub fn breaches(&self) -> u64 {
        self.answered_late + self.open_overdue
    }
}

/// The rows of each of `n` markets, in order: one pass over the market column.
fn rows_by_market(frame: &DataFrame, n: usize) -> Result<Vec<IdxCa>> {
    let mut rows: Vec<Vec<IdxSize>> = vec![Vec::new(); n];
    for (row, market) in frame.column(MARKET_INDEX)?.u32()?.iter().enumerate() {
        if let Some(m) = market.and_then(|m| rows.get_mut(m as usize)) {
            m.push(row as IdxSize);
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| IdxCa::from_vec("rows".into(), r))
        .collect())
}

/// Each market's figures, the home market first, then the policy's markets in its order;
/// empty when the policy has no markets. `cases` and `evaluated` carry each row's market
/// index.
pub fn by_market(
    cases: &DataFrame,
    evaluated: &DataFrame,
    period: &Period,
    markets: &Markets,
) -> Result<Vec<MarketFigures>> {
    if !markets.several() {
        return Ok(Vec::new());
    }
    let n = markets.counted.len();
    let (case_rows, evaluated_rows) = (rows_by_market(cases, n)?, rows_by_market(evaluated, n)?);
    let mut out = Vec::new();
    for (index, counted) in markets.counted.iter().enumerate() {
        let mine = cases.take(&case_rows[index])?;
        let status = mine.column("status")?.str()?.clone();
        let mut by_status: BTreeMap<Status, u64> = Status::ALL.iter().map(|s| (*s, 0)).collect();
        for s in status.iter().flatten().filter_map(Status::parse) {
            *by_status.entry(s).or_default() += 1;
        }
        let late =
            by_status[&Status::BreachNoHoldingReply] + by_status[&Status::BreachFinalDeadline];
        out.push(MarketFigures {
            name: counted.name.clone(),
            index,
            cases: mine.height() as u64,
            answered_late: late,
            open_overdue: by_status[&Status::OpenOverdue],
            by_status,
            regulator: regulator_of(&mine, &evaluated.take(&evaluated_rows[index])?, period)?,
        });
    }
    Ok(out)
}
