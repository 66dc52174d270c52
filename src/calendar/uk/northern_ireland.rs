//! `gb-nir-bank`: the bank holidays of Northern Ireland (Banking and Financial Dealings Act
//! 1971, Schedule 1, with the days appointed by proclamation every year): those of England and
//! Wales, St Patrick's Day (17 March) and the Battle of the Boyne (12 July).

use super::{Schedule, england_wales};
use crate::calendar::year::Year;

pub fn schedule(y: &Year) -> Schedule {
    let mut schedule = england_wales::schedule(y);
    schedule.fixed.push((
        y.fixed(3, 17),
        "St Patrick's Day",
        "St Patrick's Day (substitute day)",
    ));
    schedule.fixed.push((
        y.fixed(7, 12),
        "Battle of the Boyne (Orangemen's Day)",
        "Battle of the Boyne (Orangemen's Day) (substitute day)",
    ));
    schedule
}
