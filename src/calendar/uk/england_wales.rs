//! `gb-eaw-bank`: the bank holidays of England and Wales (Banking and Financial Dealings Act
//! 1971, Schedule 1, with the days appointed by proclamation every year).

use super::{Schedule, christmas};
use crate::calendar::year::Year;

pub fn schedule(y: &Year) -> Schedule {
    let mut fixed = vec![(
        y.fixed(1, 1),
        "New Year's Day",
        "New Year's Day (substitute day)",
    )];
    fixed.extend(christmas(y));
    Schedule {
        fixed,
        movable: vec![
            (y.easter_plus(-2), "Good Friday"),
            (y.easter_plus(1), "Easter Monday"),
            (y.first_monday(5), "Early May bank holiday"),
            (y.last_monday(5), "Spring bank holiday"),
            (y.last_monday(8), "Summer bank holiday"),
        ],
    }
}
