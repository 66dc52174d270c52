//! Dates and timestamps as complaint systems write them, and the one rule that turns each into
//! the calendar date a deadline counts from.
//!
//! Accepted: `YYYY-MM-DD` and `YYYY/MM/DD` (year first: never ambiguous), `DD.MM.YYYY` (dots:
//! always day first), and the year-last slash or dash dates `DD/MM/YYYY` and `MM/DD/YYYY`
//! (`D/M/YYYY`, `MM-DD-YYYY`, ...), whose order the value alone often cannot tell: `10/05/2026`
//! is 10 May day first and 5 October month first. Those are read in a [`DateOrder`] decided
//! for the whole file ([`crate::ingest::date_order`]) or given by the user; without one, only
//! a value that reads the same both ways, or can be read one way only, is accepted.
//!
//! Each may be followed by a time (`T` or a space, then `HH:MM`, `HH:MM:SS` or
//! `HH:MM:SS.fff`, or the 12-hour clock `3:45 PM`, `12:05 AM`), optionally followed by `Z` or
//! an offset `±HH:MM` (`±HHMM` and `±HH` too). A timestamp with an offset names an instant and
//! is converted to the policy's time zone before its date is taken; one without an offset is
//! already local time in that zone; a bare date is that date.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// The order of day and month in a year-last slash or dash date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// `DD/MM/YYYY`: Norway, the UK, most of Europe.
    DayFirst,
    /// `MM/DD/YYYY`: the United States (Salesforce, Dynamics 365 and Excel in US English).
    MonthFirst,
}

impl DateOrder {
    pub const ALL: [DateOrder; 2] = [Self::DayFirst, Self::MonthFirst];

    /// The name the flag and the policy file use.
    pub fn name(self) -> &'static str {
        match self {
            Self::DayFirst => "dmy",
            Self::MonthFirst => "mdy",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.name() == name)
    }

    /// The pattern, for messages.
    pub fn pattern(self) -> &'static str {
        match self {
            Self::DayFirst => "DD/MM/YYYY",
            Self::MonthFirst => "MM/DD/YYYY",
        }
    }

    /// (day, month) from the first and second number of a year-last date.
    fn day_month(self, first: u32, second: u32) -> (u32, u32) {
        match self {
            Self::DayFirst => (first, second),
            Self::MonthFirst => (second, first),
        }
    }
}

impl fmt::Display for DateOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What one year-last slash or dash date says about the order of day and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderEvidence {
    /// Only day first reads it (its first number is over 12).
    DayFirst,
    /// Only month first reads it (its second number is over 12).
    MonthFirst,
    /// Both orders read it, as two different dates.
    Ambiguous,
    /// Both orders read it as the same date (`05/05/2026`), or neither does.
    Neutral,
}

/// What `raw` says about the order of day and month: `None` when it is not a year-last slash
/// or dash date at all (ISO, dots, text, empty).
pub fn order_evidence(raw: &str) -> Option<OrderEvidence> {
    let value = raw.trim();
    let (date_part, _) = split_date(value)?;
    let (first, second) = year_last_parts(date_part)?;
    Some(match (first > 12, second > 12) {
        (true, false) => OrderEvidence::DayFirst,
        (false, true) => OrderEvidence::MonthFirst,
        (false, false) if first != second => OrderEvidence::Ambiguous,
        _ => OrderEvidence::Neutral,
    })
}

/// The first and second numbers of a year-last date (`10/05/2026`, `7-8-2026`).
fn year_last_parts(part: &str) -> Option<(u32, u32)> {
    let [a, b, y] = split3(part, '/').or_else(|| split3(part, '-'))?;
    if y.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    Some((number(a, 2)?, number(b, 2)?))
}

/// A parsed date or timestamp, before the time zone rule is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateInput {
    /// A bare calendar date.
    Date(NaiveDate),
    /// A wall-clock timestamp in the policy's time zone.
    Local(NaiveDateTime),
    /// An instant with an explicit UTC offset.
    Instant(DateTime<FixedOffset>),
}

impl DateInput {
    /// The calendar date this value falls on in `zone`.
    pub fn local_date(&self, zone: Tz) -> NaiveDate {
        match self {
            DateInput::Date(date) => *date,
            DateInput::Local(datetime) => datetime.date(),
            // The zone's whole history, 1900 to 2199 (not only the published 1970-2100).
            DateInput::Instant(instant) => crate::zone::local_date(zone, instant),
        }
    }
}

/// Why a value is not a date or timestamp; its message quotes the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError {
    value: String,
    reason: String,
}

impl DateParseError {
    fn new(value: &str, reason: impl Into<String>) -> Self {
        DateParseError {
            value: value.to_string(),
            reason: reason.into(),
        }
    }

    /// Why it was rejected, without the value.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' {}", self.value, self.reason)
    }
}

impl std::error::Error for DateParseError {}

const EXPECTED: &str = "is not a date or timestamp (expected YYYY-MM-DD, DD.MM.YYYY, \
                        DD/MM/YYYY or MM/DD/YYYY, optionally with a time HH:MM[:SS] or \
                        H:MM AM/PM and Z or ±HH:MM)";

/// Parses one value with no date order known: a year-last slash or dash date is accepted only
/// when it reads one way (`13/05/2026`) or the same both ways (`05/05/2026`). Leading and
/// trailing whitespace is ignored.
pub fn parse(raw: &str) -> Result<DateInput, DateParseError> {
    parse_with(raw, None)
}

/// Parses one value, reading a year-last slash or dash date in `order`.
pub fn parse_with(raw: &str, order: Option<DateOrder>) -> Result<DateInput, DateParseError> {
    let value = raw.trim();
    if let Some(common) = parse_common(value.as_bytes()) {
        return Ok(common);
    }
    parse_general(raw, value, order)
}

/// The shapes nearly every export writes, read byte by byte: `YYYY-MM-DD` and `DD.MM.YYYY`,
/// and `YYYY-MM-DD` followed by a space or `T` and `HH:MM` or `HH:MM:SS`. `None` for any other
/// shape and for a value that is no valid date or time; the general path then reads it (and
/// says why it is not one). Whatever this returns, the general path returns too (a test
/// compares them).
fn parse_common(value: &[u8]) -> Option<DateInput> {
    let two = |i: usize| -> Option<u32> {
        let (a, b) = (value[i].wrapping_sub(b'0'), value[i + 1].wrapping_sub(b'0'));
        (a < 10 && b < 10).then_some(u32::from(a) * 10 + u32::from(b))
    };
    let date = match value.get(..10)? {
        [_, _, _, _, b'-', _, _, b'-', _, _] => {
            NaiveDate::from_ymd_opt((two(0)? * 100 + two(2)?) as i32, two(5)?, two(8)?)?
        }
        [_, _, b'.', _, _, b'.', _, _, _, _] if value.len() == 10 => {
            NaiveDate::from_ymd_opt((two(6)? * 100 + two(8)?) as i32, two(3)?, two(0)?)?
        }
        _ => return None,
    };
    if value.len() == 10 {
        return Some(DateInput::Date(date));
    }
    if value.len() < 16 {
        // Too short for `HH:MM` (a timestamp cut off): the general path says why.
        return None;
    }
    let time_at = |i: usize| value.get(i) == Some(&b':');
    if !matches!(value[10], b' ' | b'T') || !time_at(13) {
        return None;
    }
    let (hour, minute) = (two(11)?, two(14)?);
    let (second, offset) = match value.len() {
        16 => (0, None),
        19 if time_at(16) => (two(17)?, None),
        // `Z`, or `+HH:MM` / `-HH:MM`, after the seconds.
        20 if time_at(16) && matches!(value[19], b'Z' | b'z') => (two(17)?, Some(0)),
        25 if time_at(16) && time_at(22) && matches!(value[19], b'+' | b'-') => {
            let (hours, minutes) = (two(20)?, two(23)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let sign = if value[19] == b'+' { 1 } else { -1 };
            (two(17)?, Some(sign * (hours * 3600 + minutes * 60) as i32))
        }
        _ => return None,
    };
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let datetime = date.and_hms_opt(hour, minute, second)?;
    Some(match offset {
        None => DateInput::Local(datetime),
        Some(seconds) => DateInput::Instant(
            FixedOffset::east_opt(seconds)?
                .from_local_datetime(&datetime)
                .single()?,
        ),
    })
}

/// Any shape [`parse_with`] accepts; `value` is `raw` trimmed.
fn parse_general(
    raw: &str,
    value: &str,
    order: Option<DateOrder>,
) -> Result<DateInput, DateParseError> {
    if value.is_empty() {
        return Err(DateParseError::new(raw, "is empty"));
    }
    let unrecognised = || DateParseError::new(raw, EXPECTED);
    let (date_part, rest) = split_date(value).ok_or_else(unrecognised)?;
    let date = parse_date_part(raw, date_part, order)?;
    if rest.is_empty() {
        return Ok(DateInput::Date(date));
    }
    let rest = rest
        .strip_prefix(['T', 't', ' '])
        .ok_or_else(unrecognised)?
        .trim_start();
    let (rest, meridiem) = take_meridiem(rest);
    let (time_part, offset_part) = match rest.find(['Z', 'z', '+', '-']) {
        Some(at) => rest.split_at(at),
        None => (rest.as_str(), ""),
    };
    let mut time = parse_time(raw, time_part.trim_end())?;
    if let Some(pm) = meridiem {
        time = twelve_hour(raw, time, pm)?;
    }
    let datetime = date.and_time(time);
    if offset_part.is_empty() {
        return Ok(DateInput::Local(datetime));
    }
    let offset = parse_offset(raw, offset_part)?;
    let instant = offset
        .from_local_datetime(&datetime)
        .single()
        .ok_or_else(|| DateParseError::new(raw, "is not a valid instant"))?;
    Ok(DateInput::Instant(instant))
}

/// Splits off the date: the longest prefix made of digits and one kind of separator.
fn split_date(value: &str) -> Option<(&str, &str)> {
    let end = value
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '-' | '.' | '/')))
        .map_or(value.len(), |(i, _)| i);
    let (date, rest) = value.split_at(end);
    // A trailing '-' belongs to an offset only after a time, never straight after a date.
    (!date.is_empty()).then_some((date, rest))
}

/// A 12-hour clock marker (`AM`, `PM`, `a.m.`, `p.m.`, any case) after the time, removed:
/// `Some(true)` for PM.
fn take_meridiem(rest: &str) -> (String, Option<bool>) {
    let lower = rest.to_ascii_lowercase();
    for (marker, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if let Some(at) = lower.find(marker) {
            // Only straight after the time's digits, with or without a space.
            let before = lower[..at].trim_end();
            if before.ends_with(|c: char| c.is_ascii_digit()) {
                let mut kept = rest[..at].trim_end().to_string();
                kept.push_str(&rest[at + marker.len()..]);
                return (kept, Some(pm));
            }
        }
    }
    (rest.to_string(), None)
}

/// A 12-hour clock time (hour 1 to 12) on the 24-hour clock: 12 AM is midnight, 12 PM noon.
fn twelve_hour(raw: &str, time: NaiveTime, pm: bool) -> Result<NaiveTime, DateParseError> {
    use chrono::Timelike;
    let hour = time.hour();
    if !(1..=12).contains(&hour) {
        return Err(DateParseError::new(
            raw,
            format!("has an invalid 12-hour time: hour {hour} with AM/PM"),
        ));
    }
    let hour24 = match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, false) => h,
        (h, true) => h + 12,
    };
    Ok(time.with_hour(hour24).expect("an hour from 0 to 23"))
}

fn parse_date_part(
    raw: &str,
    part: &str,
    order: Option<DateOrder>,
) -> Result<NaiveDate, DateParseError> {
    let unrecognised = || DateParseError::new(raw, EXPECTED);
    let num = |digits: &str, len: usize| number(digits, len).ok_or_else(unrecognised);
    let (year, month, day) = if let Some([y, m, d]) = split3(part, '-')
        .or_else(|| split3(part, '/'))
        .filter(|[y, _, _]| y.len() == 4)
    {
        // YYYY-MM-DD or YYYY/MM/DD: the year first is never ambiguous.
        (num(y, 4)?, num(m, 2)?, num(d, 2)?)
    } else if let Some([d, m, y]) = split3(part, '.') {
        // DD.MM.YYYY: dots are always day first.
        if y.len() != 4 {
            return Err(unrecognised());
        }
        (num(y, 4)?, num(m, 2)?, num(d, 2)?)
    } else if let Some((first, second)) = year_last_parts(part) {
        // DD/MM/YYYY or MM/DD/YYYY.
        let year = part.rsplit(['/', '-']).next().and_then(|y| number(y, 4));
        let year = year.ok_or_else(unrecognised)?;
        let order = match order {
            Some(order) => order,
            None if first > 12 => DateOrder::DayFirst,
            None if second > 12 || first == second => DateOrder::MonthFirst,
            None => {
                return Err(DateParseError::new(
                    raw,
                    format!(
                        "could be day first ({}) or month first ({}); write the date as \
                         YYYY-MM-DD or DD.MM.YYYY",
                        describe(year, second, first),
                        describe(year, first, second)
                    ),
                ));
            }
        };
        let (day, month) = order.day_month(first, second);
        if month > 12 {
            return Err(DateParseError::new(
                raw,
                format!(
                    "is not a date in the order {}: there is no month {month}",
                    order.pattern()
                ),
            ));
        }
        (year, month, day)
    } else {
        return Err(unrecognised());
    };
    let year = year as i32;
    if !(1..=12).contains(&month) {
        return Err(DateParseError::new(
            raw,
            format!("is not a date: there is no month {month}"),
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days = days_in_month(year, month);
        DateParseError::new(
            raw,
            format!(
                "is not a date: {} {year} has {days} days",
                MONTH_NAMES[month as usize - 1]
            ),
        )
    })
}

fn split3(part: &str, separator: char) -> Option<[&str; 3]> {
    let mut fields = part.split(separator);
    let fields = [fields.next()?, fields.next()?, fields.next()?];
    // Exactly three fields, and no other separator inside them.
    if part.matches(separator).count() != 2 {
        return None;
    }
    Some(fields)
}

/// An unsigned number of 1 to `max_len` ASCII digits.
fn number(digits: &str, max_len: usize) -> Option<u32> {
    if digits.is_empty() || digits.len() > max_len || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn parse_time(raw: &str, part: &str) -> Result<NaiveTime, DateParseError> {
    let bad = || {
        DateParseError::new(
            raw,
            "has an invalid time of day (expected HH:MM or HH:MM:SS)",
        )
    };
    let mut fields = part.split(':');
    let hour = fields.next().and_then(|h| number(h, 2)).ok_or_else(bad)?;
    let minute = fields.next().and_then(exact2).ok_or_else(bad)?;
    let (second, nanos) = match fields.next() {
        None => (0, 0),
        Some(s) => {
            let (whole, fraction) = s.split_once(['.', ',']).unwrap_or((s, ""));
            let second = exact2(whole).ok_or_else(bad)?;
            let nanos = if fraction.is_empty() {
                0
            } else {
                if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad());
                }
                format!("{fraction:0<9}")
                    .parse::<u32>()
                    .map_err(|_| bad())?
            };
            (second, nanos)
        }
    };
    if fields.next().is_some() || hour > 23 || minute > 59 || second > 59 {
        return Err(bad());
    }
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos).ok_or_else(bad)
}

fn exact2(digits: &str) -> Option<u32> {
    (digits.len() == 2).then(|| number(digits, 2)).flatten()
}

fn parse_offset(raw: &str, part: &str) -> Result<FixedOffset, DateParseError> {
    let bad = || DateParseError::new(raw, "has an invalid UTC offset (expected Z or ±HH:MM)");
    if part.eq_ignore_ascii_case("z") {
        return Ok(FixedOffset::east_opt(0).expect("zero offset"));
    }
    let (sign, digits) = match part.split_at(1) {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return Err(bad()),
    };
    if !digits.is_ascii() {
        return Err(bad());
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits, "00"),
        4 => digits.split_at(2),
        5 if digits.as_bytes()[2] == b':' => (&digits[..2], &digits[3..]),
        _ => return Err(bad()),
    };
    let (Some(hours), Some(minutes)) = (exact2(hours), exact2(minutes)) else {
        return Err(bad());
    };
    if hours > 23 || minutes > 59 {
        return Err(bad());
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60) as i32).ok_or_else(bad)
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "5 October 2026", or the numbers as given when they are not a date.
fn describe(year: u32, month: u32, day: u32) -> String {
    match NaiveDate::from_ymd_opt(year as i32, month, day) {
        Some(_) => format!("{day} {} {year}", MONTH_NAMES[month as usize - 1]),
        None => format!("day {day} of month {month}"),
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&day| NaiveDate::from_ymd_opt(year, month, day).is_some())
        .unwrap_or(28)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[track_caller]
    fn case(input: &str, expected_oslo_date: &str) {
        let parsed = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(
            parsed.local_date(chrono_tz::Europe::Oslo),
            d(expected_oslo_date),
            "{input}"
        );
    }

    /// The byte-by-byte path agrees with the general one on every value it takes, and takes
    /// the common shapes; anything odd (a 30 February, a 24:00, a one-digit day) it leaves.
    #[test]
    fn the_common_shapes_read_as_the_general_path_reads_them() {
        let mut taken = 0;
        let mut values = Vec::new();
        for year in ["2025", "2024", "0000", "1899", "9999", "2o25"] {
            for month in ["01", "02", "12", "00", "13", "1 "] {
                for day in ["01", "28", "29", "30", "31", "00", "32", "3"] {
                    values.push(format!("{year}-{month}-{day}"));
                    values.push(format!("{day}.{month}.{year}"));
                    values.push(format!("{year}/{month}/{day}"));
                    for time in ["00:00", "23:59", "24:00", "09:60", "9:30", "12:30:59"] {
                        values.push(format!("{year}-{month}-{day} {time}"));
                        values.push(format!("{year}-{month}-{day}T{time}"));
                        values.push(format!("{year}-{month}-{day}t{time}"));
                        values.push(format!("{year}-{month}-{day}T{time}Z"));
                        values.push(format!("{year}-{month}-{day}T{time}z"));
                        values.push(format!("{year}-{month}-{day}T{time}+01:00"));
                        values.push(format!("{year}-{month}-{day} {time}-05:30"));
                        values.push(format!("{year}-{month}-{day}T{time}+23:59"));
                        values.push(format!("{year}-{month}-{day}T{time}+24:00"));
                        values.push(format!("{year}-{month}-{day}T{time}-00:60"));
                        values.push(format!("{year}-{month}-{day}T{time}+0100"));
                    }
                    values.push(format!("{year}-{month}-{day} 12:30:60"));
                    values.push(format!("{year}-{month}-{day}T12:30:5"));
                    values.push(format!("{year}-{month}-{day}T12:30:59.5"));
                }
            }
        }
        // Every timestamp cut short (`2025-02-28 09:` once panicked: a read past its end).
        for full in [
            "2025-02-28T23:30:15+01:00",
            "2025-02-28 09:30:15Z",
            "28.02.2025 09:30",
        ] {
            for end in 0..=full.len() {
                values.push(full[..end].to_string());
            }
        }
        for value in &values {
            let general = parse_general(value, value, None);
            if let Some(common) = parse_common(value.as_bytes()) {
                assert_eq!(Ok(common), general, "{value}");
                taken += 1;
            }
        }
        assert!(parse_common(b"2025-02-28").is_some());
        assert!(parse_common(b"28.02.2025").is_some());
        assert!(parse_common(b"2025-02-28 09:30").is_some());
        assert!(parse_common(b"2025-02-28T09:30:15").is_some());
        assert!(parse_common(b"2025-02-28T23:30:15Z").is_some());
        assert!(parse_common(b"2025-02-28T23:30:15+01:00").is_some());
        for left in [
            "2025-02-29",
            "2025-02-28 24:00",
            "3.8.2025",
            "2025-02-28t09:30",
        ] {
            assert!(parse_common(left.as_bytes()).is_none(), "{left}");
        }
        assert!(taken > 400, "{taken} of {} values", values.len());
    }

    #[test]
    fn dates_and_timestamps_to_oslo_dates() {
        case("2025-08-03", "2025-08-03");
        case(" 2025-08-03 ", "2025-08-03");
        case("03.08.2025", "2025-08-03");
        case("3.8.2025", "2025-08-03");
        // Slash dates that read one way only, or the same both ways, need no order.
        case("13/08/2025", "2025-08-13");
        case("08/13/2025", "2025-08-13");
        case("05/05/2025", "2025-05-05");
        case("2025/08/03", "2025-08-03");
        // Summer time: UTC+2. 21:59Z is 23:59 the same day; 22:00Z is already the next day.
        case("2025-08-03T21:59:59Z", "2025-08-03");
        case("2025-08-03T22:00:00Z", "2025-08-04");
        case("2025-08-03T23:45:00Z", "2025-08-04");
        // Winter time: UTC+1.
        case("2025-12-31T22:59Z", "2025-12-31");
        case("2025-12-31T23:00Z", "2026-01-01");
        case("2025-12-31 23:30+01:00", "2025-12-31");
        case("2025-12-31T23:30:00-05:00", "2026-01-01");
        case("2025-12-31T23:30:00+0100", "2025-12-31");
        case("2025-12-31T23:30:00.123456Z", "2026-01-01");
        // No offset: already Oslo wall-clock time, whatever the hour.
        case("2025-08-03T23:45:00", "2025-08-03");
        case("2025-08-03 00:05", "2025-08-03");
        case("03.08.2025 23:59", "2025-08-03");
        // The night summer time starts: 02:30 local does not exist, the date still does.
        case("2025-03-30T02:30", "2025-03-30");
        // The instant a day ends in Oslo on the night summer time ends (UTC+2 before 03:00).
        case("2025-10-25T21:59Z", "2025-10-25");
        case("2025-10-25T22:00Z", "2025-10-26");
    }

    #[track_caller]
    fn rejected(input: &str, reason_contains: &str) {
        let err = parse(input).expect_err(input);
        assert!(
            err.to_string().contains(reason_contains),
            "{input}: {err} does not contain {reason_contains:?}"
        );
        assert!(
            err.to_string().contains(input.trim()),
            "{err} names the value"
        );
    }

    #[test]
    fn bad_values_say_why() {
        rejected("2025-02-31", "February 2025 has 28 days");
        rejected("2024-02-30", "February 2024 has 29 days");
        rejected("31.04.2025", "April 2025 has 30 days");
        rejected("2025-13-01", "no month 13");
        rejected("0000-00-00", "no month 0");
        rejected("", "empty");
        rejected("yesterday", "not a date or timestamp");
        rejected("2025-08", "not a date or timestamp");
        rejected("25-08-03", "not a date or timestamp");
        rejected("25/08/03", "not a date or timestamp");
        rejected("03/08/25", "not a date or timestamp");
        rejected("2025-08-03X", "not a date or timestamp");
        rejected("2025-08-03T24:00", "invalid time");
        rejected("2025-08-03T12:60", "invalid time");
        rejected("2025-08-03T12", "invalid time");
        rejected("2025-08-03T12:00+25:00", "invalid UTC offset");
        rejected("2025-03-03 10:00+0€", "invalid UTC offset");
        rejected("2025-03-03T23:59:59+−Z", "invalid UTC offset");
        rejected("2025-08-03T12:00Q", "invalid time");
    }

    #[track_caller]
    fn ordered(input: &str, order: DateOrder, expected: &str) {
        let parsed = parse_with(input, Some(order)).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(
            parsed.local_date(chrono_tz::Europe::Oslo),
            d(expected),
            "{input}"
        );
    }

    #[test]
    fn year_last_dates_in_either_order() {
        use DateOrder::*;
        // 10/05/2026: 10 May day first, 5 October month first.
        ordered("10/05/2026", DayFirst, "2026-05-10");
        ordered("10/05/2026", MonthFirst, "2026-10-05");
        ordered("7/8/2026", MonthFirst, "2026-07-08");
        ordered("7/8/2026", DayFirst, "2026-08-07");
        ordered("12/24/2025", MonthFirst, "2025-12-24");
        ordered("24-12-2025", DayFirst, "2025-12-24");
        ordered("12-31-2025", MonthFirst, "2025-12-31");
        // Dots are day first whatever the order; ISO is ISO.
        ordered("03.08.2025", MonthFirst, "2025-08-03");
        ordered("2025-08-03", MonthFirst, "2025-08-03");
        // Without an order, an ambiguous value is refused with both readings.
        let err = parse("10/05/2026").unwrap_err().to_string();
        assert!(
            err.contains("10 May 2026") && err.contains("5 October 2026"),
            "{err}"
        );
        // The value may be a flag's, where no order can be given: it asks for a clear form.
        assert!(err.contains("YYYY-MM-DD or DD.MM.YYYY"), "{err}");
        // A value the order cannot read.
        let err = parse_with("13/05/2026", Some(MonthFirst))
            .unwrap_err()
            .to_string();
        assert!(err.contains("MM/DD/YYYY: there is no month 13"), "{err}");
    }

    #[test]
    fn twelve_hour_clock() {
        use DateOrder::MonthFirst;
        // Salesforce in US English: 7/8/2026 2:29 PM.
        let at = |input: &str| match parse_with(input, Some(MonthFirst)).unwrap() {
            DateInput::Local(t) => t.to_string(),
            other => panic!("{input}: {other:?}"),
        };
        assert_eq!(at("7/8/2026 2:29 PM"), "2026-07-08 14:29:00");
        assert_eq!(at("7/8/2026 2:29:05 pm"), "2026-07-08 14:29:05");
        assert_eq!(at("7/8/2026 12:05 AM"), "2026-07-08 00:05:00");
        assert_eq!(at("7/8/2026 12:05 PM"), "2026-07-08 12:05:00");
        assert_eq!(at("7/8/2026 11:59 p.m."), "2026-07-08 23:59:00");
        assert_eq!(at("7/8/2026 9:00AM"), "2026-07-08 09:00:00");
        assert_eq!(at("2026-07-08 3:45 PM"), "2026-07-08 15:45:00");
        // 11:30 PM on 31 December in New York is already 1 January in Oslo.
        let instant = parse_with("12/31/2025 11:30 PM -05:00", Some(MonthFirst)).unwrap();
        assert_eq!(instant.local_date(chrono_tz::Europe::Oslo), d("2026-01-01"));
        for bad in ["7/8/2026 13:00 PM", "7/8/2026 0:30 AM"] {
            let err = parse_with(bad, Some(MonthFirst)).unwrap_err().to_string();
            assert!(err.contains("12-hour"), "{bad}: {err}");
        }
    }

    #[test]
    fn evidence_of_the_order() {
        use OrderEvidence::*;
        for (value, expected) in [
            ("13/05/2026", Some(DayFirst)),
            ("05/13/2026 2:29 PM", Some(MonthFirst)),
            ("10/05/2026", Some(Ambiguous)),
            ("7-8-2026", Some(Ambiguous)),
            ("05/05/2026", Some(Neutral)),
            ("31/31/2026", Some(Neutral)),
            ("2026-05-10", None),
            ("10.05.2026", None),
            ("2026/05/10", None),
            ("", None),
            ("snart", None),
        ] {
            assert_eq!(order_evidence(value), expected, "{value}");
        }
    }

    #[test]
    fn kinds_are_kept_apart() {
        assert!(matches!(parse("2025-08-03").unwrap(), DateInput::Date(_)));
        assert!(matches!(
            parse("2025-08-03T10:00").unwrap(),
            DateInput::Local(_)
        ));
        assert!(matches!(
            parse("2025-08-03T10:00Z").unwrap(),
            DateInput::Instant(_)
        ));
    }
}
