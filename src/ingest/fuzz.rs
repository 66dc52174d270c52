//! A property test of the whole ingest-and-evaluate path (a fuzzer without the tooling):
//! hostile exports are generated, and for every one
//!
//! - nothing panics and nothing hangs (each case has a time limit);
//! - `rows_read = rows_evaluated + rows_rejected`, in ingest and in the built report.
//!
//! `cargo test fuzz` runs 40 generated exports (proptest: a failure shrinks to a small
//! export and is printed). For a long run: `FUZZ_CASES=100000 cargo test --release --lib fuzz`.
//! Add a failing input to `REGRESSIONS` below once fixed.

use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;

use crate::calendar::{Calendar, CalendarKind};
use crate::columns::ColumnMap;
use crate::ingest::{IngestOptions, InputSource, ingest};
use crate::period::Period;
use crate::policy::Policy;
use crate::report::build::{BuildConfig, build};
use crate::report_window::ReportWindow;
use proptest::prelude::*;

/// Inputs that once broke the property, kept as regression cases (none found so far beyond
/// the hand-made ones here).
const REGRESSIONS: &[&[u8]] = &[
    b"",
    b"\n\n\n",
    b"case_id,received_at\n",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFF\xFEc\x00a\x00s\x00e\x00",
    b"PAR1",
    b"PAR1PAR1",
    b"case_id,received_at\n\"",
    b"case_id,received_at\nA,\"2025-03-03\n",
    b"case_id;received_at\nA;0000-00-00\nB;9999-12-31\nC;2199-12-31\nD;1900-01-01\n",
    b"case_id,received_at,resolved_at\nA,2025-03-03,2025-03-01\nA,2025-03-03,2025-03-01\n",
    b"case_id,received_at\n\0,\0\n",
    b"case_id,received_at\r\nA,2025-03-03\rB,2025-03-04\r\n",
];

const FIELDS: &[&[u8]] = &[
    b"",
    b" ",
    b"2025-03-03",
    b"03.03.2025",
    b"2025-03-03T23:59:59Z",
    b"2025-12-24T22:59:59+01:00",
    b"0000-00-00",
    b"9999-12-31",
    b"2199-12-31",
    b"1899-12-31",
    b"31.11.2025",
    b"2025-02-29",
    b"soon",
    b"\0",
    b"\xFF\xFE",
    b"\xC3",
    b"\xE6\xF8\xE5",
    "Ærlig på tvers".as_bytes(),
    b"\"quoted, with separator\"",
    b"\"two\nlines\"",
    b"\"unbalanced",
    b"=HYPERLINK(\"x\")",
    b"KL-1",
    b"KL-2",
    b"EU ODR",
    b"upheld",
    b"\t",
    b"\r",
    b";",
    b",",
];

const HEADERS: &[&str] = &[
    "case_id",
    "received_at",
    "holding_reply_at",
    "resolved_at",
    "referred_at",
    "referred_to",
    "outcome",
    "channel",
    "Saksnummer",
    "Mottatt",
    "note",
    "",
];

/// 10,000 columns, with ragged rows.
fn wide() -> Vec<u8> {
    let mut out = Vec::new();
    let columns = 10_000;
    let header: Vec<String> = (0..columns)
        .map(|i| match i {
            0 => "case_id".into(),
            1 => "received_at".into(),
            _ => format!("c{i}"),
        })
        .collect();
    out.extend_from_slice(header.join(",").as_bytes());
    out.push(b'\n');
    for row in 0..3 {
        let fields: Vec<String> = (0..columns - row)
            .map(|i| match i {
                0 => format!("W-{row}"),
                1 => "2025-03-03".into(),
                _ => String::new(),
            })
            .collect();
        out.extend_from_slice(fields.join(",").as_bytes());
        out.push(b'\n');
    }
    out
}

/// A field: one of [`FIELDS`], now and then an enormous one.
fn field() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        399 => prop::sample::select(FIELDS).prop_map(<[u8]>::to_vec),
        1 => Just(vec![b'x'; 1 << 20]),
    ]
}

/// A CSV-like export of hostile fields: a separator, perhaps a BOM, a header of 2 to 9 columns
/// (the first two the required ones), rows mostly of the header's width and sometimes ragged,
/// one kind of line end, and now and then cut anywhere (a truncated transfer).
fn csv_like() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(vec![b',', b';', b'\t']),
        any::<bool>(),
        prop::collection::vec(prop::sample::select(HEADERS), 0..8),
        prop::sample::select(vec![&b"\n"[..], &b"\r\n"[..], &b"\r"[..]]),
    )
        .prop_flat_map(|(separator, bom, extra, line_end)| {
            let columns = 2 + extra.len();
            let row = prop_oneof![
                5 => prop::collection::vec(field(), columns),
                1 => prop::collection::vec(field(), 0..columns + 3),
            ];
            (
                Just((separator, bom, extra, line_end)),
                prop::collection::vec(row, 0..40),
                prop::option::weighted(0.2, any::<prop::sample::Index>()),
            )
        })
        .prop_map(|((separator, bom, extra, line_end), rows, cut)| {
            let mut out = Vec::new();
            if bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            let header: Vec<&str> = ["case_id", "received_at"]
                .into_iter()
                .chain(extra.iter().copied())
                .collect();
            out.extend_from_slice(header.join(&(separator as char).to_string()).as_bytes());
            out.extend_from_slice(line_end);
            for row in rows {
                out.extend_from_slice(&row.join(&separator));
                out.extend_from_slice(line_end);
            }
            if let Some(cut) = cut.filter(|_| !out.is_empty()) {
                out.truncate(cut.index(out.len()));
            }
            out
        })
}

/// One hostile export: arbitrary bytes now and then, else CSV-like.
fn export() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..2000),
        19 => csv_like(),
    ]
}

/// What ingest reads with: PSD2 on the Norwegian bank calendar, one market, no mapping.
struct Setup {
    policy: Policy,
    calendar: Calendar,
    markets: crate::market::Markets,
    columns: ColumnMap,
}

impl Setup {
    fn psd2() -> Self {
        let policy = Policy::psd2();
        let calendar = Calendar::new(CalendarKind::NoBank);
        let markets = crate::market::Markets::home(crate::market::Counted::home(
            calendar.clone(),
            policy.time_zone,
            policy.limits(),
            None,
        ));
        Setup {
            policy,
            calendar,
            markets,
            columns: ColumnMap::default(),
        }
    }
}

/// Runs one export through ingest and the report build; `Err` describes a broken property.
fn check(bytes: &[u8]) -> Result<(), String> {
    let mut file = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    file.write_all(bytes).map_err(|e| e.to_string())?;
    let Setup {
        policy,
        calendar,
        markets,
        columns,
    } = Setup::psd2();
    let period = Period::parse("2025-03").expect("a period");
    let as_of = NaiveDate::from_ymd_opt(2025, 4, 30).expect("a date");
    let sources = [InputSource::File(file.path().to_path_buf())];
    for keep_text in [None, Some(ReportWindow::new(&period, as_of))] {
        let options = IngestOptions {
            date_order: None,
            sheet: None,
            today: None,
            split_from: u64::MAX,
            columns: &columns,
            policy: &policy,
            calendar: &calendar,
            markets: &markets,
            keep_text,
            progress: false,
        };
        // Read in two halves, one on each core, the answer is the same.
        let halves = ingest(
            &sources,
            &IngestOptions {
                split_from: 0,
                ..options.with_columns(&columns)
            },
        );
        let whole = ingest(&sources, &options);
        same_answer(&whole, &halves)?;
        // An error (no header, a missing column) is an answer; a panic is not.
        let Ok(ingested) = whole else {
            continue;
        };
        let read = ingested.rows_read();
        let valid = ingested.rows.height() as u64;
        let rejected = ingested.rejects.len() as u64;
        let superseded = ingested.rows_superseded;
        if read != valid + rejected + superseded {
            return Err(format!(
                "{read} read != {valid} valid + {rejected} rejected + {superseded} superseded"
            ));
        }
        if valid == 0 || keep_text.is_none() {
            continue;
        }
        let report = build(
            BuildConfig {
                policy: &policy,
                calendar: &calendar,
                markets: &markets,
                holiday_file: None,
                period: &period,
                as_of,
                today: as_of,
                command_line: String::new(),
                redact: None,
                language: crate::report::lang::Language::En,
                compare: None,
            },
            ingested,
        )
        .map_err(|e| format!("build failed: {e:#}"))?;
        let c = &report.counts;
        if c.rows_read != c.rows_evaluated + c.rows_rejected + c.rows_superseded {
            return Err(format!("report counts do not add up: {c:?}"));
        }
        crate::report::cases_csv::render(&report).map_err(|e| e.to_string())?;
        crate::report::markdown::render(&report).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Whether two reads of one export gave the same answer, to the last reject and remark.
fn same_answer(
    a: &anyhow::Result<crate::ingest::Ingested>,
    b: &anyhow::Result<crate::ingest::Ingested>,
) -> Result<(), String> {
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(a), Err(b)) if format!("{a:#}") == format!("{b:#}") => return Ok(()),
        (a, b) => {
            let show = |r: &anyhow::Result<crate::ingest::Ingested>| match r {
                Ok(i) => format!("{} rows", i.rows.height()),
                Err(e) => format!("{e:#}"),
            };
            return Err(format!("whole: {}; in two halves: {}", show(a), show(b)));
        }
    };
    let differs = [
        ("inputs", a.inputs != b.inputs),
        ("rows", !a.rows.equals_missing(&b.rows)),
        ("texts", !a.texts.equals_missing(&b.texts)),
        (
            "carried",
            a.carried != b.carried || a.carried_headers != b.carried_headers,
        ),
        ("rejects", a.rejects != b.rejects),
        ("warnings", a.warnings != b.warnings),
        (
            "counts",
            (a.rows_superseded, a.cases_updated, a.zoned_timestamps)
                != (b.rows_superseded, b.cases_updated, b.zoned_timestamps),
        ),
    ];
    match differs.iter().find(|(_, d)| *d) {
        Some((what, _)) => Err(format!("read in two halves, the {what} differ")),
        None => Ok(()),
    }
}

/// Runs `check` on a thread with a time limit, turning a panic or a hang into an `Err`.
fn check_in_time(bytes: Vec<u8>) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| check(&bytes))
            .unwrap_or_else(|_| Err("panicked".to_string()));
        let _ = tx.send(result);
    });
    rx.recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| Err("no answer within 60 s".to_string()))
}

/// An export built so that its middle falls in each awkward place for a read in two halves:
/// inside a quoted field of several lines, on a blank line, after a CRLF, with a stray quote in
/// an unquoted field before it (which fools the quote count), with duplicate case ids, rejects
/// and remarks on both sides.
fn awkward_middles() -> Vec<Vec<u8>> {
    let row = |i: usize, end: &str| {
        let id = format!("K-{}", i % 150); // every case id about three times
        let received = if i.is_multiple_of(37) {
            "2025-02-30".to_string()
        } else {
            format!("2025-03-{:02}", 1 + i % 28)
        };
        let resolved = if i.is_multiple_of(5) {
            String::new()
        } else {
            format!("2025-03-{:02}", 1 + (i + 3) % 28)
        };
        let note = match i % 4 {
            0 => "\"a note\non two lines\"".to_string(),
            1 => "\"\"\"quoted\"\", with a comma\"".to_string(),
            2 => "plain".to_string(),
            _ => String::new(),
        };
        format!("{id},{received},{resolved},{note}{end}")
    };
    let mut exports = Vec::new();
    for (end, middle) in [
        ("\n", "\"a field\n\nof many\nlines\n\"\n"),
        ("\r\n", "\r\n\r\n"),
        ("\n", "\n\n\n"),
        ("\n", ""),
    ] {
        for stray_quote in [false, true] {
            let mut text = format!("case_id,received_at,resolved_at,note{end}");
            for i in 0..400 {
                if i == 200 {
                    text.push_str(&format!("MID,2025-03-10,,{middle}"));
                    text.push_str(end);
                }
                if stray_quote && i == 100 {
                    text.push_str(&format!("Q-1,2025-03-10,,a\"b{end}"));
                }
                if i == 300 {
                    text.push_str(&format!("X,2025-03-10{end}"));
                }
                text.push_str(&row(i, end));
            }
            exports.push(text.into_bytes());
        }
    }
    exports
}

#[test]
fn a_file_read_in_two_halves_gives_the_answer_of_one_read() {
    for (i, bytes) in awkward_middles().into_iter().enumerate() {
        check_in_time(bytes).unwrap_or_else(|e| panic!("export {i}: {e}"));
    }
}

/// Amounts are kept from the first input that has them on: the rows of an earlier input
/// without the column have none, read whole or in two halves.
#[test]
fn amounts_of_a_later_input_line_up_with_their_rows() {
    let mut first = String::from("case_id,received_at\n");
    let mut second = String::from("case_id,received_at,redress_amount\n");
    for i in 0..300 {
        first.push_str(&format!("A-{i},2025-03-03\n"));
        second.push_str(&format!("B-{i},2025-03-04,{i}.50\n"));
    }
    let files: Vec<tempfile::NamedTempFile> = [first, second]
        .iter()
        .map(|text| {
            let mut file = tempfile::NamedTempFile::new().expect("a temp file");
            file.write_all(text.as_bytes()).expect("written");
            file
        })
        .collect();
    let sources: Vec<InputSource> = files
        .iter()
        .map(|f| InputSource::File(f.path().to_path_buf()))
        .collect();
    let Setup {
        policy,
        calendar,
        markets,
        columns,
    } = Setup::psd2();
    let read = |split_from| {
        let options = IngestOptions {
            date_order: None,
            sheet: None,
            today: None,
            split_from,
            columns: &columns,
            policy: &policy,
            calendar: &calendar,
            markets: &markets,
            keep_text: None,
            progress: false,
        };
        ingest(&sources, &options)
    };
    let (whole, halves) = (read(u64::MAX), read(0));
    same_answer(&whole, &halves).unwrap();
    let rows = whole.unwrap().rows;
    let amounts: Vec<Option<i64>> = rows
        .column(crate::ingest::col_names::REDRESS)
        .unwrap()
        .i64()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(amounts.len(), 600);
    assert!(amounts[..300].iter().all(Option::is_none));
    assert_eq!(amounts[300], Some(50));
    assert_eq!(amounts[599], Some(29_950));
}

#[test]
fn fuzz_the_regressions_and_the_widest_export() {
    for (i, bytes) in REGRESSIONS.iter().enumerate() {
        check_in_time(bytes.to_vec()).unwrap_or_else(|e| panic!("regression {i}: {e}"));
    }
    check_in_time(wide()).unwrap_or_else(|e| panic!("10,000 columns: {e}"));
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A failure shrinks to a small export and is printed; add it to `REGRESSIONS` once fixed.
    #[test]
    fn fuzz_hostile_exports_never_panic_hang_or_lose_a_row(bytes in export()) {
        check_in_time(bytes).map_err(TestCaseError::fail)?;
    }
}
