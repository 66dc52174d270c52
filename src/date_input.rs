//! Dates and timestamps as complaint systems write them, and the one rule that turns each into
//! the calendar date a deadline counts from.
//!
//! Accepted: `YYYY-MM-DD`, `DD.MM.YYYY`, `DD/MM/YYYY`, each optionally followed by a time
//! (`T` or a space, then `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`), optionally followed by `Z` or
//! an offset `±HH:MM` (`±HHMM` and `±HH` too). A timestamp with an offset names an instant and
//! is converted to the policy's time zone before its date is taken; one without an offset is
//! already local time in that zone; a bare date is that date.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

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
            DateInput::Instant(instant) => {
                zone.from_utc_datetime(&instant.naive_utc()).date_naive()
            }
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

    /// The rejected value, as given.
    pub fn value(&self) -> &str {
        &self.value
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

const EXPECTED: &str = "is not a date or timestamp (expected YYYY-MM-DD, DD.MM.YYYY or \
                        DD/MM/YYYY, optionally with a time HH:MM[:SS] and Z or ±HH:MM)";

/// Parses one value. Leading and trailing whitespace is ignored.
pub fn parse(raw: &str) -> Result<DateInput, DateParseError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(DateParseError::new(raw, "is empty"));
    }
    let unrecognised = || DateParseError::new(raw, EXPECTED);
    let (date_part, rest) = split_date(value).ok_or_else(unrecognised)?;
    let date = parse_date_part(raw, date_part)?;
    if rest.is_empty() {
        return Ok(DateInput::Date(date));
    }
    let rest = rest
        .strip_prefix(['T', 't', ' '])
        .ok_or_else(unrecognised)?
        .trim_start();
    let (time_part, offset_part) = match rest.find(['Z', 'z', '+', '-']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let time = parse_time(raw, time_part.trim_end())?;
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

fn parse_date_part(raw: &str, part: &str) -> Result<NaiveDate, DateParseError> {
    let unrecognised = || DateParseError::new(raw, EXPECTED);
    let (year, month, day) = if let Some(fields) = split3(part, '-') {
        // YYYY-MM-DD
        let [y, m, d] = fields;
        if y.len() != 4 {
            return Err(unrecognised());
        }
        (y, m, d)
    } else if let Some([d, m, y]) = split3(part, '.').or_else(|| split3(part, '/')) {
        // DD.MM.YYYY or DD/MM/YYYY
        if y.len() != 4 {
            return Err(unrecognised());
        }
        (y, m, d)
    } else {
        return Err(unrecognised());
    };
    let (Some(year), Some(month), Some(day)) = (number(year, 4), number(month, 2), number(day, 2))
    else {
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

    #[test]
    fn dates_and_timestamps_to_oslo_dates() {
        case("2025-08-03", "2025-08-03");
        case(" 2025-08-03 ", "2025-08-03");
        case("03.08.2025", "2025-08-03");
        case("3.8.2025", "2025-08-03");
        case("03/08/2025", "2025-08-03");
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
        rejected("2025/08/03", "not a date or timestamp");
        rejected("2025-08-03X", "not a date or timestamp");
        rejected("2025-08-03T24:00", "invalid time");
        rejected("2025-08-03T12:60", "invalid time");
        rejected("2025-08-03T12", "invalid time");
        rejected("2025-08-03T12:00+25:00", "invalid UTC offset");
        rejected("2025-08-03T12:00Q", "invalid time");
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
