//! The Markdown report: a snapshot of a small month, and valid GitHub-flavoured Markdown
//! whatever the data holds.
//!
//! Snapshots live in `tests/integration/snapshots/`; after an intended change, run the tests
//! with `UPDATE_SNAPSHOTS=1` and review the diff.

use crate::harness::{Workdir, crate_dir};

/// Compares `actual` with the stored snapshot `name`, or stores it under `UPDATE_SNAPSHOTS=1`.
fn assert_snapshot(name: &str, actual: &str) {
    let path = crate_dir().join("tests/integration/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the snapshot at line {}:\n  expected: {:?}\n  actual:   {:?}\n\
             (UPDATE_SNAPSHOTS=1 stores the new output)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// A small month: every status, a reject, a warning, referrals, Norwegian letters.
const MARCH: &str = "\
case_id,received_at,holding_reply_at,resolved_at,channel,product,category,stage,outcome,referred_to,handler
A-1,2025-03-03,,2025-03-20,email,card,fees,customer service,upheld,,Åse
A-2,2025-03-01T10:15:00+01:00,2025-03-20,2025-04-04,letter,card,fraud,complaints department,partially upheld,,Øystein
A-3,2025-02-03,2025-02-20,2025-03-10,letter,card,fees,customer service,rejected,Finansklagenemnda,Per
A-4,2025-02-03,,2025-03-05,phone,travel card,service,complaint officer,rejected,,Per
A-5,2025-01-20,2025-02-05,2025-03-12,web,card,interest,complaints manager,delvis medhold,Forbrukerrådet,Kari
A-6,2025-03-05 23:30,,,phone,travel card,service,customer service,,,Per
A-7,2025-03-10,,,email,card,fees,customer service,,,Per
A-8,2025-03-25,,,chat,card,\"fees, annual\",customer service,,,Per
A-9,2025-01-10,,2025-01-20,email,card,fees,customer service,upheld,,Per
A-10,2025-03-12,,2025-03-11,email,card,fees,customer service,upheld,,Per
";

/// The Markdown report of the small month, with `extra` flags.
fn march_markdown(extra: &[&str]) -> String {
    let w = Workdir::new();
    w.write("export.csv", MARCH);
    let mut args = vec![
        "report",
        "--period",
        "2025-03",
        "--out-dir",
        "out",
        "--formats",
        "md",
    ];
    // Before the input: the snapshot holds the command line as typed.
    args.extend_from_slice(extra);
    args.push("export.csv");
    w.run(&args).ok();
    w.read("out/2025-03/complaint-sla-2025-03.md")
}

#[test]
fn the_markdown_report_of_a_small_month() {
    assert_snapshot("march-2025.md", &march_markdown(&[]));
}

/// The same month in Norwegian bokmål: every word from the nb table, the same figures.
#[test]
fn the_markdown_report_of_a_small_month_in_norwegian() {
    let md = march_markdown(&["--language", "nb"]);
    assert!(md.starts_with("# Klagerapport 2025-03"), "{md}");
    assert_snapshot("march-2025.nb.md", &md);
}

/// The cells of a table line, split at the `|` that are not escaped.
fn cells(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    let mut in_code = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => {
                escaped = true;
                continue;
            }
            '`' if !escaped => in_code = !in_code,
            '|' if !escaped => count += 1,
            _ => {}
        }
        escaped = false;
    }
    assert!(!in_code, "an unclosed code span in {line:?}");
    count
}

#[test]
fn hostile_text_cannot_break_a_table_or_become_html() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,resolved_at,product,category,stage,channel\n\
         H|1,2025-03-03,,\"card | <b>gold</b>\",\"*bold* _it_ `code`\",\"two\nlines\",<script>alert(1)</script>\n\
         H-2,2025-01-03,2025-03-04,[link](x),\\|,~~gone~~,&amp;\n\
         H-3,2025-03-04,,,,,\n",
    );
    w.run(&[
        "report",
        "--period",
        "2025-03",
        "--out-dir",
        "out",
        "--formats",
        "md",
        "export.csv",
    ])
    .ok();
    let md = w.read("out/2025-03/complaint-sla-2025-03.md");
    assert!(!md.contains("<script"), "raw HTML from the data:\n{md}");
    assert!(!md.contains("<b>"), "raw HTML from the data:\n{md}");
    assert!(md.contains("&lt;script&gt;"), "{md}");
    // Every table keeps its column count on every line.
    let mut header: Option<usize> = None;
    let mut tables = 0;
    let mut in_fence = false;
    for line in md.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || !line.starts_with('|') {
            header = None;
            continue;
        }
        let n = cells(line);
        match header {
            None => {
                header = Some(n);
                tables += 1;
            }
            Some(h) => assert_eq!(n, h, "a broken table row: {line:?}\n{md}"),
        }
    }
    assert!(tables >= 8, "{tables} tables");
    // The escaped values are still there to read.
    assert!(md.contains("H\\|1"), "{md}");
    assert!(md.contains("\\*bold\\*"), "{md}");
    assert!(md.contains("two lines"), "{md}");
}
