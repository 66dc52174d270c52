//! `gb-sct-bank`: the bank holidays of Scotland (Banking and Financial Dealings Act 1971,
//! Schedule 1, the days appointed by proclamation every year, and St Andrew's Day from 2007
//! under the St Andrew's Day Bank Holiday (Scotland) Act 2007). Scotland has 2 January and no
//! Easter Monday, and its summer holiday is the first Monday in August.

use super::{Schedule, christmas};
use crate::calendar::year::Year;

/// The first year St Andrew's Day (30 November) is a bank holiday.
pub const ST_ANDREWS_DAY_FROM: i32 = 2007;

pub fn schedule(y: &Year) -> Schedule {
    let mut fixed = vec![
        (
            y.fixed(1, 1),
            "New Year's Day",
            "New Year's Day (substitute day)",
        ),
        (y.fixed(1, 2), "2nd January", "2nd January (substitute day)"),
    ];
    if y.year >= ST_ANDREWS_DAY_FROM {
        fixed.push((
            y.fixed(11, 30),
            "St Andrew's Day",
            "St Andrew's Day (substitute day)",
        ));
    }
    fixed.extend(christmas(y));
    Schedule {
        fixed,
        movable: vec![
            (y.easter_plus(-2), "Good Friday"),
            (y.first_monday(5), "Early May bank holiday"),
            (y.last_monday(5), "Spring bank holiday"),
            (y.first_monday(8), "Summer bank holiday"),
        ],
    }
}
