//! Faults and unattended runs: killed runs, overlapping runs, outputs that cannot be written,
//! inputs that vanish, and the edges of what an export can be.

use std::time::{Duration, Instant};

use crate::harness::Workdir;

/// A folder with a generated export large enough that a debug build takes seconds on it.
fn with_large_export(rows: &str) -> Workdir {
    let w = Workdir::new();
    w.run(&[
        "sample",
        "--rows",
        rows,
        "--seed",
        "6",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--bad",
        "3",
        "-o",
        "export.csv",
    ])
    .ok();
    w
}

/// A run whose report replaces the previous one in one atomic step (`--keep-runs 0`: no
/// earlier report is kept beside it).
const RUN: [&str; 8] = [
    "report",
    "--period",
    "2025-11",
    "--out-dir",
    "out",
    "--keep-runs",
    "0",
    "export.csv",
];

/// Names in `out/` that a person (or a script globbing `out/*`) would see.
fn visible(w: &Workdir) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(w.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn a_killed_run_leaves_the_previous_report_whole() {
    let w = with_large_export("30000");
    // The previous report, and what the new run (another as-of date) writes when it finishes.
    w.run(&RUN).ok();
    let previous = w.snapshot("out/2025-11");
    let reference = Workdir::new();
    std::fs::copy(
        w.path().join("export.csv"),
        reference.path().join("export.csv"),
    )
    .unwrap();
    let mut new_run = RUN.to_vec();
    new_run.extend(["--as-of", "2025-12-15"]);
    reference.run(&new_run).ok();
    let next = reference.snapshot("out/2025-11");
    assert_ne!(previous, next);

    let started = Instant::now();
    w.run(&new_run).ok();
    let full_run = started.elapsed();
    // Each step kills a run that would replace the report on disk with the other one.
    let mut on_disk = next.clone();
    let mut killed_before_the_end = 0;
    for step in 1..=8 {
        let (args, other) = if on_disk == previous {
            (&new_run[..], &next)
        } else {
            (&RUN[..], &previous)
        };
        let before = on_disk.clone();
        let mut child = w.spawn(args);
        std::thread::sleep(full_run * step / 9);
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        on_disk = w.snapshot("out/2025-11");
        if finished {
            assert_eq!(&on_disk, other, "a finished run wrote the whole new report");
        } else {
            killed_before_the_end += 1;
            assert!(
                on_disk == before || &on_disk == other,
                "killed at {step}/9 of a run: the folder is one whole report, old or new"
            );
        }
        assert_eq!(visible(&w), vec!["2025-11"], "nothing else visible in out/");
    }
    assert!(killed_before_the_end >= 4, "most kills land mid-run");
    w.run(&RUN).ok(); // the next run tidies up what the killed ones left
    assert_eq!(w.snapshot("out/2025-11"), previous);
    let hidden: Vec<String> = std::fs::read_dir(w.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert_eq!(
        hidden,
        vec![".2025-11.lock"],
        "no staging folder left behind"
    );
}

#[test]
fn an_overlapping_run_for_the_same_period_refuses_and_the_report_stays_whole() {
    let w = with_large_export("40000");
    let mut first = w.spawn(&RUN);
    // Wait until the first run holds the lock (its staging folder appears).
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let staging = std::fs::read_dir(w.path().join("out"))
            .ok()
            .is_some_and(|d| {
                d.flatten()
                    .any(|e| e.file_name().to_string_lossy().starts_with(".2025-11.tmp-"))
            });
        if staging {
            break;
        }
        assert!(
            first.try_wait().unwrap().is_none(),
            "the first run ended early"
        );
        assert!(
            Instant::now() < deadline,
            "the first run never started writing"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let second = w.run(&RUN);
    assert_eq!(second.code, Some(1), "{second}");
    assert!(
        second
            .stderr
            .contains("another complaint-sla run is writing the report in out/2025-11"),
        "{second}"
    );
    assert!(second.stdout.is_empty(), "{second}");
    assert!(first.wait().unwrap().success());
    // The report on disk is the first run's, whole; a later run replaces it whole.
    let report = w.snapshot("out/2025-11");
    assert_eq!(
        report.len(),
        7,
        "{:?}",
        report.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    w.run(&RUN).ok();
    assert_eq!(w.snapshot("out/2025-11"), report);
}

#[test]
fn runs_for_different_periods_do_not_wait_for_each_other() {
    let w = with_large_export("2000");
    let mut other = RUN.to_vec();
    other[2] = "2025-10";
    let mut first = w.spawn(&RUN);
    w.run(&other).ok();
    assert!(first.wait().unwrap().success());
    assert_eq!(visible(&w), vec!["2025-10", "2025-11"]);
}

#[test]
fn an_output_folder_that_cannot_be_created_is_exit_1_and_names_it() {
    let w = with_large_export("200");
    w.write("taken", "a file where the folder should be");
    let out = w.run(&[
        "report",
        "--period",
        "2025-11",
        "--out-dir",
        "taken/out",
        "export.csv",
    ]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stderr
            .starts_with("error: --out-dir taken/out: cannot create the output folder"),
        "{out}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn an_input_that_vanishes_or_changes_mid_run_is_a_clear_error() {
    let w = with_large_export("40000");
    w.run(&RUN).ok();
    let previous = w.snapshot("out/2025-11");
    let export = std::fs::read(w.path().join("export.csv")).unwrap();
    for (step, change) in ["truncate", "delete"].iter().enumerate() {
        let child = w.spawn(&RUN);
        std::thread::sleep(Duration::from_millis(100 + 150 * step as u64));
        match *change {
            "truncate" => std::fs::write(w.path().join("export.csv"), &export[..export.len() / 2]),
            _ => std::fs::remove_file(w.path().join("export.csv")),
        }
        .unwrap();
        let out = child.wait_with_output().unwrap();
        // Either the run had read the file whole before the change, or it stops with exit 1;
        // the report folder is one whole report either way.
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{change}: {out:?}"
        );
        let now = w.snapshot("out/2025-11");
        assert!(now == previous || now.len() == 7, "{change}");
        w.write("export.csv", &export);
        w.run(&RUN).ok();
        assert_eq!(w.snapshot("out/2025-11"), previous);
    }
    // An input missing from the start.
    let gone = w.run(&[
        "report",
        "--period",
        "2025-11",
        "--out-dir",
        "out",
        "nothing.csv",
    ]);
    assert_eq!(gone.code, Some(1), "{gone}");
    assert!(
        gone.stderr.contains("cannot read input file nothing.csv"),
        "{gone}"
    );
}

#[test]
fn empty_header_only_and_all_rejected_inputs_say_so_and_write_nothing() {
    let w = Workdir::new();
    w.write("empty.csv", "");
    w.write("header.csv", "case_id,received_at,resolved_at\n");
    w.write(
        "junk.csv",
        "case_id,received_at,resolved_at\nA-1,snart,\n,2025-01-01,\n",
    );
    for (file, message) in [
        (
            "empty.csv",
            "error: input empty.csv: the file is empty or has no header line",
        ),
        (
            "header.csv",
            "error: no valid rows to report in header.csv: 0 rows read, 0 rejected (no rows at all); `complaint-sla check` lists each reject with its line and value",
        ),
        (
            "junk.csv",
            "error: no valid rows to report in junk.csv: 2 rows read, 2 rejected (1 missing_case_id, 1 unparseable_date); `complaint-sla check` lists each reject with its line and value",
        ),
    ] {
        let out = w.run(&["report", "--period", "2025-01", "--out-dir", "out", file]);
        assert_eq!(out.code, Some(1), "{out}");
        assert_eq!(out.stderr.trim_end(), message, "{out}");
        assert!(out.stdout.is_empty(), "{out}");
        assert!(
            !w.path().join("out/2025-01").exists(),
            "no report for {file}"
        );
        let check = w.run(&["check", file]);
        assert_eq!(
            check.code,
            Some(if file == "header.csv" { 0 } else { 1 }),
            "{check}"
        );
    }
}

#[test]
fn json_gives_monitoring_one_line_and_quiet_leaves_stderr_to_errors() {
    let w = with_large_export("2000");
    let mut args = RUN.to_vec();
    args.push("--json");
    let out = w.run(&args);
    let line: serde_json::Value = serde_json::from_str(out.ok()).expect("one JSON object");
    assert_eq!(out.stdout.lines().count(), 1, "{out}");
    assert_eq!(line["status"], "written");
    assert_eq!(line["exit_code"], 0);
    assert_eq!(line["period"], "2025-11");
    assert_eq!(line["folder"], "out/2025-11");
    let read = line["rows_read"].as_u64().unwrap();
    assert_eq!(
        read,
        line["rows_evaluated"].as_u64().unwrap() + line["rows_rejected"].as_u64().unwrap()
    );
    assert_eq!(
        read,
        2000 + 3 * 11,
        "2000 cases and 3 sets of malformed rows"
    );
    let by_status: u64 = line["by_status"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(by_status, line["cases_in_report"].as_u64().unwrap());
    assert_eq!(line["files"].as_array().unwrap().len(), 7);
    assert!(
        out.stderr.contains("warning: "),
        "warnings on stderr: {out}"
    );

    args.push("-q");
    args.push("--fail-on-breach");
    let quiet = w.run(&args);
    assert_eq!(quiet.code, Some(3), "{quiet}");
    assert_eq!(quiet.stderr, "", "-q: nothing on stderr");
    let line: serde_json::Value = serde_json::from_str(&quiet.stdout).unwrap();
    assert_eq!(line["exit_code"], 3);
    assert!(line["breaches"].as_u64().unwrap() > 0);

    // An error is a JSON line too, with the exit status; the message also goes to stderr.
    let failed = w.run(&[
        "report",
        "--period",
        "2025-11",
        "-q",
        "--json",
        "missing.csv",
    ]);
    assert_eq!(failed.code, Some(1), "{failed}");
    let line: serde_json::Value = serde_json::from_str(&failed.stdout).unwrap();
    assert_eq!(line["status"], "error");
    assert_eq!(line["exit_code"], 1);
    assert!(line["error"].as_str().unwrap().contains("missing.csv"));
    assert!(
        failed
            .stderr
            .starts_with("error: cannot read input file missing.csv")
    );
    let usage = w.run(&["report", "--period", "2025-13", "--json", "export.csv"]);
    assert_eq!(usage.code, Some(2), "{usage}");
    let line: serde_json::Value = serde_json::from_str(&usage.stdout).unwrap();
    assert_eq!(line["exit_code"], 2);
}

#[test]
fn an_input_too_large_for_free_memory_is_refused_before_reading() {
    let w = with_large_export("2000");
    let run = |available: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_complaint-sla"))
            .args(RUN)
            .current_dir(w.path())
            .env("COMPLAINT_SLA_MEMORY_AVAILABLE", available)
            .output()
            .unwrap()
    };
    let refused = run("50000000");
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(stderr.starts_with("error: export.csv is 0.3 MB and would need about 67.5 MB of memory to report on, but only 50.0 MB is free: run the report where more memory is free"), "{stderr}");
    assert!(!w.path().join("out/2025-11").exists());
    // A Windows-1252 file is read whole, and the message says how to have it streamed.
    let mut latin = std::fs::read(w.path().join("export.csv")).unwrap();
    latin.extend_from_slice(b"X-1,2025-11-03,,,,,,,,,K\xf8benhavn,\n");
    w.write("export.csv", latin);
    let stderr = String::from_utf8(run("50000000").stderr).unwrap();
    assert!(
        stderr.contains("saved as UTF-8, a file is streamed"),
        "{stderr}"
    );
    assert!(run("100000000000").status.success());
    // Standard input is read whole too: checked once read, before it is parsed.
    let piped = std::process::Command::new(env!("CARGO_BIN_EXE_complaint-sla"))
        .args(RUN.iter().map(|a| if *a == "export.csv" { "-" } else { a }))
        .current_dir(w.path())
        .env("COMPLAINT_SLA_MEMORY_AVAILABLE", "50000000")
        .stdin(std::fs::File::open(w.path().join("export.csv")).unwrap())
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(1));
    let stderr = String::from_utf8(piped.stderr).unwrap();
    assert!(
        stderr.contains("standard input or a pipe is read whole")
            && stderr.contains("refused once read, before it is parsed"),
        "{stderr}"
    );
}

/// The same input and flags give byte-identical files, workbook included, however the two
/// cores share the work (its sheets are written on both): five runs, one set of bytes.
#[test]
fn the_same_input_gives_the_same_bytes_every_time() {
    let w = with_large_export("5000");
    w.run(&RUN).ok();
    let first = w.snapshot("out/2025-11");
    assert_eq!(first.len(), 7);
    for _ in 0..4 {
        w.run(&RUN).ok();
        let again = w.snapshot("out/2025-11");
        for ((name, bytes), (_, other)) in first.iter().zip(&again) {
            assert!(bytes == other, "{name} differs between two runs");
        }
    }
}
