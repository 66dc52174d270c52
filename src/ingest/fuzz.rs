//! A randomised property test of the whole ingest-and-evaluate path (a fuzzer without the
//! tooling): hostile exports are generated from a seed, and for every one
//!
//! - nothing panics and nothing hangs (each case has a time limit);
//! - `rows_read = rows_evaluated + rows_rejected`, in ingest and in the built report.
//!
//! `cargo test fuzz` runs 300 cases from a fixed seed. For a long run:
//! `FUZZ_CASES=100000 FUZZ_SEED=7 cargo test --release --lib fuzz -- --nocapture`. A failing
//! case names its seed and leaves its input under the system's temporary folder; add it to
//! `REGRESSIONS` below once fixed.

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
use crate::sample::Rng;

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

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[(rng.next() % items.len() as u64) as usize]
}

/// One hostile export.
fn export(rng: &mut Rng) -> Vec<u8> {
    match rng.next() % 100 {
        // Arbitrary bytes.
        0..5 => {
            let len = rng.next() % 2000;
            (0..len).map(|_| rng.next() as u8).collect()
        }
        5 => wide(),
        _ => csv_like(rng),
    }
}

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

/// A CSV-like export of hostile fields.
fn csv_like(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    let separator = *pick(rng, b",;\t");
    if rng.next().is_multiple_of(4) {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let columns = 2 + rng.next() % 8;
    for c in 0..columns {
        if c > 0 {
            out.push(separator);
        }
        let header = match c {
            0 => "case_id",
            1 => "received_at",
            _ => pick(rng, HEADERS),
        };
        out.extend_from_slice(header.as_bytes());
    }
    const LINE_ENDS: [&[u8]; 3] = [b"\n", b"\r\n", b"\r"];
    let line_end: &[u8] = pick::<&[u8]>(rng, &LINE_ENDS);
    out.extend_from_slice(line_end);
    let rows = rng.next() % 40;
    for _ in 0..rows {
        // Mostly the header's width; sometimes ragged.
        let width = match rng.next() % 6 {
            0 => rng.next() % (columns + 3),
            _ => columns,
        };
        for c in 0..width {
            if c > 0 {
                out.push(separator);
            }
            match rng.next() % 400 {
                // An enormous field.
                0 => out.extend(std::iter::repeat_n(b'x', 1 << 20)),
                _ => out.extend_from_slice(pick::<&[u8]>(rng, FIELDS)),
            }
        }
        out.extend_from_slice(line_end);
    }
    // Sometimes cut anywhere (a truncated transfer).
    if rng.next().is_multiple_of(5) && !out.is_empty() {
        let cut = (rng.next() % out.len() as u64) as usize;
        out.truncate(cut);
    }
    out
}

/// Runs one export through ingest and the report build; `Err` describes a broken property.
fn check(bytes: &[u8]) -> Result<(), String> {
    let mut file = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    file.write_all(bytes).map_err(|e| e.to_string())?;
    let policy = Policy::psd2();
    let calendar = Calendar::new(CalendarKind::NoBank);
    let columns = ColumnMap::default();
    let period = Period::parse("2025-03").expect("a period");
    let as_of = NaiveDate::from_ymd_opt(2025, 4, 30).expect("a date");
    let sources = [InputSource::File(file.path().to_path_buf())];
    for keep_text in [None, Some(ReportWindow::new(&period, as_of))] {
        let options = IngestOptions {
            date_order: None,
            sheet: None,
            columns: &columns,
            policy: &policy,
            calendar: &calendar,
            keep_text,
            progress: false,
        };
        // An error (no header, a missing column) is an answer; a panic is not.
        let Ok(ingested) = ingest(&sources, &options) else {
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

#[test]
fn fuzz_hostile_exports_never_panic_hang_or_lose_a_row() {
    for (i, bytes) in REGRESSIONS.iter().enumerate() {
        check_in_time(bytes.to_vec()).unwrap_or_else(|e| panic!("regression {i}: {e}"));
    }
    check_in_time(wide()).unwrap_or_else(|e| panic!("10,000 columns: {e}"));
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let cases = env("FUZZ_CASES", 300);
    let seed = env("FUZZ_SEED", 2025);
    let mut bytes_total = 0;
    for case in 0..cases {
        let mut rng = Rng(seed.wrapping_mul(1_000_003).wrapping_add(case));
        let bytes = export(&mut rng);
        bytes_total += bytes.len();
        if let Err(e) = check_in_time(bytes.clone()) {
            let path = std::env::temp_dir().join(format!("complaint-sla-fuzz-{seed}-{case}.csv"));
            let _ = std::fs::write(&path, &bytes);
            panic!(
                "seed {seed} case {case}: {e}; input saved as {}",
                path.display()
            );
        }
    }
    println!("fuzz: {cases} exports from seed {seed} ({bytes_total} bytes) passed");
}
