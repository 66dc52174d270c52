//! The dates a report covers: its period and its as-of date.

use chrono::NaiveDate;

use crate::period::Period;

/// Which rows the report can show, as a test on a row's dates: the scalar twin of the
/// `in_report` column, so that ingest keeps the free text of only those rows (a large
/// multi-year export then holds little text). The tests check the two agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportWindow {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: NaiveDate,
}

impl ReportWindow {
    pub fn new(period: &Period, as_of: NaiveDate) -> Self {
        ReportWindow {
            start: period.start,
            end: period.end,
            as_of,
        }
    }

    /// Received by the period's end (and by the as-of date), and received in the period,
    /// resolved in it (as known at the as-of date), or open at the as-of date.
    pub fn shows(&self, received: NaiveDate, resolved: Option<NaiveDate>) -> bool {
        if received > self.as_of || received > self.end {
            return false;
        }
        let in_period = |d: NaiveDate| d >= self.start && d <= self.end;
        match resolved.filter(|r| *r <= self.as_of) {
            Some(resolved) => in_period(received) || in_period(resolved),
            None => true,
        }
    }
}
