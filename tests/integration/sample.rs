//! `complaint-sla sample`: synthetic exports, the same bytes for the same seed, and every
//! reject reason on request.

use crate::harness::{Workdir, crate_dir};

#[test]
fn the_committed_sample_is_what_the_readme_says_wrote_it() {
    let readme = crate::harness::documentation();
    let line = readme
        .lines()
        .find(|l| {
            l.starts_with("`complaint-sla sample ") && l.contains("sample_data/complaints.csv")
        })
        .expect("the README names the command that wrote sample_data/complaints.csv");
    let args: Vec<&str> = line.trim_matches('`').split_whitespace().skip(1).collect();
    let w = Workdir::new();
    std::fs::create_dir(w.path().join("sample_data")).unwrap();
    w.run(&args).ok();
    assert!(
        std::fs::read(w.path().join("sample_data/complaints.csv")).unwrap()
            == std::fs::read(crate_dir().join("sample_data/complaints.csv")).unwrap(),
        "sample_data/complaints.csv is not what `{}` writes",
        args.join(" ")
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let w = Workdir::new();
    let run = |name: &str, seed: &str| {
        w.run(&[
            "sample", "--rows", "500", "--seed", seed, "--bad", "1", "-o", name,
        ])
        .ok();
        std::fs::read(w.path().join(name)).unwrap()
    };
    let a = run("a.csv", "9");
    assert!(a == run("b.csv", "9"));
    assert!(a != run("c.csv", "10"));
}

#[test]
fn bad_rows_of_every_reason_and_every_row_accounted_for() {
    let w = Workdir::new();
    for style in ["canonical", "nordic"] {
        let file = format!("{style}.csv");
        w.run(&[
            "sample", "--rows", "2000", "--seed", "3", "--style", style, "--bad", "3", "-o", &file,
        ])
        .ok();
        let out = w.run(&[
            "report",
            "--period",
            "2025-12",
            "--out-dir",
            style,
            "--formats",
            "json",
            &file,
        ]);
        out.ok();
        let s: serde_json::Value =
            serde_json::from_str(&w.read(&format!("{style}/2025-12/summary.json"))).unwrap();
        assert_eq!(
            s["rows_evaluated"], 2000,
            "{style}: every valid case is valid"
        );
        for (reason, n) in s["rejects_by_reason"].as_object().unwrap() {
            let expected = match reason.as_str() {
                "conflicting_duplicate" => 6,
                // A CSV case id is text: never a number with a fraction.
                "unreadable_case_id" => 0,
                _ => 3,
            };
            assert_eq!(n.as_u64().unwrap(), expected, "{style}: {reason}");
        }
        for (status, n) in s["by_status"].as_object().unwrap() {
            assert!(n.as_u64().unwrap() > 0, "{style}: no {status}");
        }
        assert_eq!(
            s["rows_read"].as_u64().unwrap(),
            s["rows_evaluated"].as_u64().unwrap() + s["rows_rejected"].as_u64().unwrap()
        );
    }
    let nordic = std::fs::read(w.path().join("nordic.csv")).unwrap();
    assert!(nordic.starts_with("\u{feff}Saksnummer;".as_bytes()));
}

#[test]
fn without_bad_rows_every_generated_case_is_valid_in_every_season() {
    // Offsets follow Oslo's summer time, so no receipt moves past its own resolution.
    let w = Workdir::new();
    for style in ["canonical", "nordic"] {
        let file = format!("{style}.csv");
        w.run(&[
            "sample",
            "--rows",
            "20000",
            "--seed",
            "11",
            "--from",
            "2023-01-01",
            "--to",
            "2025-12-31",
            "--style",
            style,
            "-o",
            &file,
        ])
        .ok();
        let out = w.run(&["check", &file]);
        assert!(
            out.stdout
                .contains("20000 rows read: 20000 valid, 0 rejected"),
            "{out}"
        );
        assert_eq!(out.code, Some(0), "{out}");
    }
}
