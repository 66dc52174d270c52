//! The age of the cases open at the as-of date: by working days since receipt, and the
//! overdue ones by working days past their applicable deadline.

use super::{Cell, Table, Wording};
use crate::report::Report;
use crate::report::figures::AGE_BANDS;

/// The ageing table: a row per band, then the total.
pub(crate) fn table(report: &Report) -> Table {
    let ageing = &report.figures.ageing;
    let t = report.language.texts();
    let mut table = Table::worded(vec![
        Wording::same(t.get("ageing.days")),
        Wording::each(t.get("md.ageing_open"), t.get("ageing.open")),
        Wording::each(t.get("md.ageing_overdue"), t.get("ageing.overdue")),
    ]);
    for (band, (label, _)) in AGE_BANDS.iter().enumerate() {
        table.push(vec![
            Cell::words(*label),
            Cell::Count(ageing.open[band]),
            Cell::Count(ageing.overdue[band]),
        ]);
    }
    let total = |counts: &[u64]| Cell::Count(counts.iter().sum());
    table.push_total(vec![
        Cell::words(t.get("total")),
        total(&ageing.open),
        total(&ageing.overdue),
    ]);
    table
}
