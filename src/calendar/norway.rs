//! The Norwegian public holidays ("helligdager") and the banks' extra closures, computed for any
//! year from the rules themselves: no holiday table is shipped, so no year can be missing.

use chrono::{Duration, NaiveDate};

use super::easter::easter_sunday;

/// The year from which 1 May and 17 May are public holidays (lov 26. april 1947 nr. 1 om
/// 1. og 17. mai som høgtidsdager). Before it they were ordinary days.
pub const MAY_HOLIDAYS_FROM: i32 = 1947;

/// The statutory public holidays of `year`, in date order, named in English with the
/// Norwegian name in brackets (the name a Norwegian reader looks for).
pub fn public_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let easter = easter_sunday(year);
    let easter_plus = |days: i64| easter + Duration::days(days);
    let fixed = |month: u32, day: u32| {
        NaiveDate::from_ymd_opt(year, month, day).expect("fixed holidays are valid dates")
    };
    let mut days = vec![
        (fixed(1, 1), "New Year's Day (Første nyttårsdag)"),
        (easter_plus(-3), "Maundy Thursday (Skjærtorsdag)"),
        (easter_plus(-2), "Good Friday (Langfredag)"),
        (easter, "Easter Sunday (Første påskedag)"),
        (easter_plus(1), "Easter Monday (Andre påskedag)"),
        (easter_plus(39), "Ascension Day (Kristi himmelfartsdag)"),
        (easter_plus(49), "Whit Sunday (Første pinsedag)"),
        (easter_plus(50), "Whit Monday (Andre pinsedag)"),
        (fixed(12, 25), "Christmas Day (Første juledag)"),
        (fixed(12, 26), "Boxing Day (Andre juledag)"),
    ];
    if year >= MAY_HOLIDAYS_FROM {
        days.push((fixed(5, 1), "Labour Day (Offentlig høytidsdag)"));
        days.push((fixed(5, 17), "Constitution Day (Grunnlovsdag)"));
    }
    // Ascension Day can fall on 1 May or 17 May; both names stay, the date is listed once by
    // the calendar that merges these.
    days.sort_by_key(|(date, _)| *date);
    days
}

/// The year from which Norges Bank's settlement system (NBO) is closed on Christmas Eve, as
/// QuantLib's Norway calendar also has it.
pub const CHRISTMAS_EVE_CLOSED_FROM: i32 = 2002;

/// The days the banks' settlement system is closed although they are not public holidays:
/// Christmas Eve, from 2002. Norges Bank lists NBO's closing days as the public holidays and
/// 24 December (its settlement-day lists for 2017 and 2019); 31 December is not among them, so
/// it is a business day in the PSD2 sense (Art. 4(37)). A bank that does close on 31 December
/// adds it to its holiday file.
pub fn bank_closures(year: i32) -> Vec<(NaiveDate, &'static str)> {
    if year < CHRISTMAS_EVE_CLOSED_FROM {
        return Vec::new();
    }
    vec![(
        NaiveDate::from_ymd_opt(year, 12, 24).expect("valid date"),
        "Christmas Eve (Julaften) - bank closure",
    )]
}
