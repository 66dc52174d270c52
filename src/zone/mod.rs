//! Time zones over the whole range the tool accepts (1900 to 2199): the date a timestamp with
//! an offset falls on in the policy's zone.
//!
//! chrono-tz, which names and validates the zones, carries the tz database as published: it
//! merges zones that agree since 1970 (Europe/Oslo is Europe/Berlin there, with Berlin's summer
//! time of 1946 and without Norway's of 1959-1965) and lists transitions only up to 2100. So the
//! conversion reads the tz database built with its `backzone` file, every zone with its own
//! history, embedded from Debian's tzdata by `tools/zoneinfo.py` ([`SOURCE`]); a zone's rule for
//! later years (its POSIX TZ string) carries it past the last listed transition, to 2199.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;

/// The embedded tz database (see `tools/zoneinfo.py` for its format).
static ZONEINFO: &[u8] = include_bytes!("zoneinfo.bin");

#[cfg(test)]
/// Where the embedded database comes from, as its second line says.
pub fn source() -> &'static str {
    let mut lines = ZONEINFO.splitn(3, |&b| b == b'\n');
    lines.next();
    lines
        .next()
        .and_then(|l| std::str::from_utf8(l).ok())
        .unwrap_or("")
}

/// The TZif data of every zone, by name.
fn zones() -> &'static HashMap<&'static str, &'static [u8]> {
    static ZONES: std::sync::OnceLock<HashMap<&'static str, &'static [u8]>> =
        std::sync::OnceLock::new();
    ZONES.get_or_init(|| {
        let mut at = ZONEINFO
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(1)
            .map_or(ZONEINFO.len(), |(i, _)| i + 1);
        let mut take = |n: usize| -> &'static [u8] {
            let bytes = &ZONEINFO[at..at + n];
            at += n;
            bytes
        };
        let u16_at = |b: &[u8]| u16::from_le_bytes([b[0], b[1]]) as usize;
        let blobs = u16_at(take(2));
        let mut data = Vec::with_capacity(blobs);
        for _ in 0..blobs {
            let len = take(4);
            let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
            data.push(take(len));
        }
        let names = u16_at(take(2));
        let mut zones = HashMap::with_capacity(names);
        for _ in 0..names {
            let len = u16_at(take(2));
            let name = std::str::from_utf8(take(len)).expect("zone names are ASCII");
            let blob = u16_at(take(2));
            zones.insert(name, data[blob]);
        }
        zones
    })
}

/// Whether the embedded database has `zone` (checked when a policy names one).
pub fn is_known(zone: Tz) -> bool {
    zones().contains_key(zone.name())
}

thread_local! {
    /// Parsed zones, per thread: a conversion is a binary search, not a parse.
    static PARSED: RefCell<HashMap<Tz, jiff::tz::TimeZone>> = RefCell::new(HashMap::new());
}

/// The offset from UTC in `zone` at the UTC instant `seconds` (since 1970).
fn offset_seconds(zone: Tz, seconds: i64) -> i32 {
    PARSED.with(|parsed| {
        let mut parsed = parsed.borrow_mut();
        let tz = parsed.entry(zone).or_insert_with(|| {
            zones()
                .get(zone.name())
                .and_then(|data| jiff::tz::TimeZone::tzif(zone.name(), data).ok())
                // Unreachable: a policy names only an embedded zone (checked when it is read),
                // and every zone chrono-tz knows is embedded (a test checks it).
                .unwrap_or(jiff::tz::TimeZone::UTC)
        });
        match jiff::Timestamp::from_second(seconds) {
            Ok(at) => tz.to_offset(at).seconds(),
            Err(_) => 0,
        }
    })
}

/// The first day from `from` to `to` on which the two zones' offsets from UTC differ (looked
/// at every half hour), or `None` when they agree throughout: a timestamp with an offset then
/// falls on the same date in both.
pub fn first_difference(a: Tz, b: Tz, from: NaiveDate, to: NaiveDate) -> Option<NaiveDate> {
    if a == b {
        return None;
    }
    let start = from.and_hms_opt(0, 0, 0)?.and_utc().timestamp() - 86_400;
    let end = to.and_hms_opt(0, 0, 0)?.and_utc().timestamp() + 2 * 86_400;
    (start..end)
        .step_by(1800)
        .find(|&s| offset_seconds(a, s) != offset_seconds(b, s))
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| t.date_naive())
}

/// The calendar date the instant falls on in `zone`.
pub fn local_date(zone: Tz, instant: &DateTime<FixedOffset>) -> NaiveDate {
    let utc = instant.naive_utc();
    let offset = offset_seconds(zone, instant.timestamp());
    (utc + chrono::Duration::seconds(i64::from(offset))).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn zones_that_agree_and_zones_that_do_not() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        use chrono_tz::{America, Europe};
        // Oslo and Stockholm have kept the same time since 1980.
        assert_eq!(
            first_difference(
                Europe::Oslo,
                Europe::Stockholm,
                d("2024-01-01"),
                d("2026-12-31")
            ),
            None
        );
        assert_eq!(
            first_difference(
                Europe::Oslo,
                America::New_York,
                d("2025-01-01"),
                d("2025-12-31")
            ),
            Some(d("2024-12-31"))
        );
        // London and Oslo differ all year; Oslo and Berlin only before 1980.
        assert!(
            first_difference(
                Europe::Oslo,
                Europe::Berlin,
                d("1962-01-01"),
                d("1962-12-31")
            )
            .is_some()
        );
        assert_eq!(
            first_difference(
                Europe::Oslo,
                Europe::Berlin,
                d("1990-01-01"),
                d("1990-12-31")
            ),
            None
        );
    }

    #[test]
    fn every_zone_chrono_tz_names_is_embedded() {
        let missing: Vec<&str> = chrono_tz::TZ_VARIANTS
            .iter()
            .filter(|z| !is_known(**z))
            .map(|z| z.name())
            .collect();
        assert!(missing.is_empty(), "not embedded: {missing:?}");
        assert!(source().contains("backzone"), "{}", source());
    }

    #[test]
    fn oslo_has_norways_own_history_and_summer_time_to_2199() {
        let oslo = chrono_tz::Europe::Oslo;
        for (instant, date) in [
            // 2100-2199: summer time goes on (published tables stop at 2100).
            ("2150-06-15T22:30:00Z", "2150-06-16"),
            ("2199-07-31T22:30:00Z", "2199-08-01"),
            ("2150-12-15T22:30:00Z", "2150-12-15"),
            // Norway had no summer time in 1946 (Berlin did) ...
            ("1946-07-01T22:30:00Z", "1946-07-01"),
            // ... and had it in 1959-1965 (Berlin did not).
            ("1962-07-01T22:30:00Z", "1962-07-02"),
            ("1965-05-01T22:30:00Z", "1965-05-02"),
            // Occupation time: CEST from 10 August 1940.
            ("1941-12-31T22:30:00Z", "1942-01-01"),
            // 1916: summer time from 22 May to 30 September.
            ("1916-06-01T22:30:00Z", "1916-06-02"),
            ("1916-10-01T22:30:00Z", "1916-10-01"),
            ("1900-01-01T00:30:00+01:00", "1900-01-01"),
            ("2025-12-24T22:59:59Z", "2025-12-24"),
            ("2025-12-24T23:00:00Z", "2025-12-25"),
        ] {
            assert_eq!(
                local_date(oslo, &at(instant)).to_string(),
                date,
                "{instant}"
            );
        }
    }

    /// Every transition of Europe/Oslo from 1900 to 2199, as `zdump -v -c 1900,2200` lists it
    /// (`tests/data/europe-oslo.zdump`, from the same tzdata but read by zdump, not by this
    /// code): the date a second before and at each transition, with the offsets zdump gives.
    #[test]
    fn oslo_agrees_with_zdump_at_every_transition() {
        let listing = include_str!("../../tests/data/europe-oslo.zdump");
        let mut checked = 0;
        for line in listing.lines() {
            // Europe/Oslo  Sun Mar 29 00:59:59 2150 UT = Sun Mar 29 01:59:59 2150 CET isdst=0 gmtoff=3600
            let Some((utc, local)) = line.split_once(" UT = ") else {
                continue;
            };
            let utc = utc.trim_start_matches("Europe/Oslo").trim();
            let Ok(utc) = chrono::NaiveDateTime::parse_from_str(utc, "%a %b %e %H:%M:%S %Y") else {
                continue;
            };
            let gmtoff: i64 = local
                .rsplit("gmtoff=")
                .next()
                .and_then(|v| v.trim().parse().ok())
                .expect("gmtoff");
            let instant = utc.and_utc().fixed_offset();
            let seconds = instant.timestamp();
            assert_eq!(
                i64::from(offset_seconds(chrono_tz::Europe::Oslo, seconds)),
                gmtoff,
                "{line}"
            );
            checked += 1;
        }
        assert!(checked > 300, "only {checked} transitions read");
    }
}
