//! Every figure counts the population its label names, for any period and as-of date; several
//! exports of one system over time; configuration that would silently do nothing is refused.

use crate::harness::Workdir;
use crate::workbook::{figure, open, sheet};

fn summary(w: &Workdir, folder: &str) -> serde_json::Value {
    serde_json::from_str(&w.read(&format!("{folder}/summary.json"))).expect("summary.json")
}

fn case_ids(w: &Workdir, folder: &str) -> Vec<String> {
    w.read(&format!("{folder}/cases.csv"))
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect()
}

/// `complaint-sla report --period 2025-03 --out-dir out ARGS`.
fn march(w: &Workdir, args: &[&str]) -> crate::harness::Output {
    let mut all = vec!["report", "--period", "2025-03", "--out-dir", "out"];
    all.extend_from_slice(args);
    w.run(&all)
}

/// A period longer than the 12-month trend keeps every case: one received and resolved in
/// its first months, and one resolved early in it, counted as outstanding at its start.
#[test]
fn a_two_year_period_counts_every_case() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,holding_reply_at,resolved_at\n\
         OLD-1,2023-12-01,,2024-01-10\n\
         EARLY-1,2024-03-04,,2024-03-06\n\
         LATE-1,2025-11-03,,2025-11-05\n\
         OPEN-1,2025-12-01,,\n",
    );
    w.run(&[
        "report",
        "--from",
        "2024-01-01",
        "--to",
        "2025-12-31",
        "--out-dir",
        "out",
        "--formats",
        "csv,json,xlsx",
        "export.csv",
    ])
    .ok();
    let folder = "out/2024-01-01_2025-12-31";
    assert_eq!(
        case_ids(&w, folder),
        ["OLD-1", "EARLY-1", "LATE-1", "OPEN-1"]
    );
    let s = summary(&w, folder);
    assert_eq!(s["cases_in_report"], 4);
    assert_eq!(s["received_in_period"], 3);
    assert_eq!(s["resolved_in_period"], 3);
    assert_eq!(s["outside_period"], 0);
    let mut book = open(
        &w.path()
            .join(format!("{folder}/complaint-sla-2024-01-01_2025-12-31.xlsx")),
    );
    let regulator = sheet(&mut book, "Regulator");
    assert_eq!(
        figure(&regulator, "Outstanding at the start of the period"),
        1.0
    );
    assert_eq!(figure(&regulator, "Opened in the period"), 3.0);
    assert_eq!(figure(&regulator, "Closed in the period"), 3.0);
}

/// An as-of date before the period starts is a usage error, and the report of the period
/// stays as it was.
#[test]
fn an_as_of_date_before_the_period_is_refused() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,resolved_at\nA-1,2025-11-03,\nA-2,2025-12-02,2025-12-04\n",
    );
    w.run(&[
        "report",
        "--period",
        "2025-12",
        "--out-dir",
        "out",
        "export.csv",
    ])
    .ok();
    let before = w.read("out/2025-12/cases.csv");
    let out = w.run(&[
        "report",
        "--period",
        "2025-12",
        "--as-of",
        "2025-11-15",
        "--out-dir",
        "out",
        "export.csv",
    ]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(
        out.stderr.contains(
            "--as-of: the as-of date 2025-11-15 is before the period 2025-12 (2025-12-01 to \
             2025-12-31) starts"
        ),
        "{out}"
    );
    assert_eq!(w.read("out/2025-12/cases.csv"), before);
    // A future period without --as-of: today is before it.
    let out = w.run(&[
        "report",
        "--period",
        "2026-01",
        "--today",
        "2025-12-10",
        "--out-dir",
        "out",
        "export.csv",
    ]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(
        out.stderr
            .contains("error: --period: the period 2026-01 (2026-01-01 to 2026-01-31) has not started yet (today is 2025-12-10)"),
        "{out}"
    );
}

/// With an as-of date after the period, the cases received after it stay out of its report;
/// and for every as-of date the Summary's breach lines and the Regulator sheet's count the
/// same cases, and "in time" holds no breach.
#[test]
fn later_as_of_dates_keep_the_periods_population_and_the_sheets_agree() {
    let w = Workdir::with_sample_data();
    for as_of in ["2025-11-30", "2025-12-10", "2025-12-31", "2026-03-31"] {
        w.run(&[
            "report",
            "--policy",
            "sample_data/policy.toml",
            "--period",
            "2025-11",
            "--as-of",
            as_of,
            "--formats",
            "csv,json,xlsx",
            "sample_data/complaints.csv",
        ])
        .ok();
        let cases = w.read("reports/2025-11/cases.csv");
        let mut reader = csv::Reader::from_reader(cases.as_bytes());
        let received = reader
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "received_date")
            .unwrap();
        for record in reader.records() {
            let record = record.unwrap();
            let date = &record[received];
            assert!(
                date <= "2025-11-30",
                "as of {as_of}, a case received on {date} is in November's report: {record:?}"
            );
        }
        let s = summary(&w, "reports/2025-11");
        assert!(s["not_yet_received"].as_u64().unwrap() > 0 || as_of == "2026-03-31");
        let mut book = open(&w.path().join("reports/2025-11/complaint-sla-2025-11.xlsx"));
        let summary_sheet = sheet(&mut book, "Summary");
        let regulator = sheet(&mut book, "Regulator");
        let after_final = figure(&summary_sheet, "… after the final deadline");
        let no_holding_reply = figure(
            &summary_sheet,
            "… after the first deadline, without a timely holding reply",
        );
        let in_time = figure(
            &summary_sheet,
            "Resolved in time (on time, or extended by a timely holding reply)",
        );
        assert_eq!(
            after_final,
            figure(&regulator, "closed after the final limit"),
            "as of {as_of}"
        );
        assert_eq!(
            no_holding_reply,
            figure(
                &regulator,
                "of which without a timely holding reply (breaches)"
            ),
            "as of {as_of}"
        );
        assert_eq!(
            in_time + no_holding_reply + after_final,
            figure(&regulator, "Closed in the period"),
            "as of {as_of}"
        );
        assert!(no_holding_reply > 0.0, "as of {as_of}");
    }
}

const FEB: &str = "case_id,received_at,holding_reply_at,resolved_at\n\
                   U-1,2025-02-03,,\n\
                   U-2,2025-02-10,,2025-02-12\n\
                   U-3,2025-02-17,,\n";
const MAR: &str = "case_id,received_at,holding_reply_at,resolved_at\n\
                   U-1,2025-02-03,,2025-03-20\n\
                   U-2,2025-02-10,,2025-02-12\n\
                   U-3,2025-02-17,,2025-03-05\n\
                   U-4,2025-03-03,,\n";

/// Monthly exports of one system, given in order: a case open in February's export and
/// resolved (late) in March's is updated, not a conflict; its breach counts.
#[test]
fn a_later_export_updates_a_case() {
    let w = Workdir::new();
    w.write("feb.csv", FEB);
    w.write("mar.csv", MAR);
    let out = march(&w, &["--fail-on-breach", "feb.csv", "mar.csv"]);
    assert_eq!(
        out.code,
        Some(3),
        "U-1's late resolution is a breach: {out}"
    );
    assert!(
        out.stdout
            .contains("3 superseded by an input given later (2 cases updated)"),
        "{out}"
    );
    let s = summary(&w, "out/2025-03");
    assert_eq!(s["rows_read"], 7);
    assert_eq!(s["rows_evaluated"], 4);
    assert_eq!(s["rows_rejected"], 0);
    assert_eq!(s["rows_superseded"], 3);
    assert_eq!(s["cases_updated"], 2);
    assert_eq!(s["by_status"]["breach_final_deadline"], 1);
    let cases = w.read("out/2025-03/cases.csv");
    assert!(
        cases
            .lines()
            .any(|l| l.starts_with("U-1,2025-02-03,,2025-03-20,") && l.ends_with(",mar.csv,2")),
        "{cases}"
    );
    assert!(w.read("out/2025-03/rejects.csv").lines().count() == 1);

    // Given the other way round, the February export is the latest word.
    march(&w, &["mar.csv", "feb.csv"]).ok();
    let cases = w.read("out/2025-03/cases.csv");
    assert!(
        cases.lines().any(|l| l.starts_with("U-1,2025-02-03,,,")),
        "{cases}"
    );

    // Within one export, two different rows for a case are still a conflict.
    w.write(
        "both.csv",
        "case_id,received_at,holding_reply_at,resolved_at\n\
         U-1,2025-02-03,,\n\
         U-1,2025-02-03,,2025-03-20\n\
         U-5,2025-03-04,,\n",
    );
    let out = march(&w, &["both.csv"]);
    out.ok();
    let rejects = w.read("out/2025-03/rejects.csv");
    assert_eq!(
        rejects
            .lines()
            .filter(|l| l.contains("conflicting_duplicate"))
            .count(),
        2,
        "{rejects}"
    );
}

/// March's report run on April's export says what March's export said: the remarks about
/// April's dates and the April receipts are not in it.
#[test]
fn warnings_on_a_later_export_are_those_of_the_as_of_date() {
    let w = Workdir::new();
    let march = "case_id,received_at,holding_reply_at,resolved_at,referred_to\n\
                 W-1,2025-03-03,2025-03-12,2025-03-10,\n\
                 W-2,2025-03-05,,,\n\
                 W-3,2025-03-06,,,\n";
    // In April: W-2 resolved with a holding reply dated after it, W-3 referred to the closed
    // ODR platform, W-4 received.
    let april = "case_id,received_at,holding_reply_at,resolved_at,referred_to\n\
                 W-1,2025-03-03,2025-03-12,2025-03-10,\n\
                 W-2,2025-03-05,2025-04-10,2025-04-02,\n\
                 W-3,2025-03-06,,2025-04-03,ODR-plattformen\n\
                 W-4,2025-04-01,,,\n";
    w.write("march.csv", march);
    w.write("april.csv", april);
    let run = |file: &str| {
        w.run(&[
            "report",
            "--period",
            "2025-03",
            "--today",
            "2025-05-01",
            "--out-dir",
            file,
            &format!("{file}.csv"),
        ])
        .ok();
        (
            w.read(&format!("{file}/2025-03/warnings.csv")),
            summary(&w, &format!("{file}/2025-03"))["warnings_by_kind"].clone(),
        )
    };
    let (march_warnings, march_kinds) = run("march");
    let (april_warnings, april_kinds) = run("april");
    assert_eq!(
        march_warnings,
        "file,line,case_id,warning,column,value\n\
         march.csv,2,W-1,holding_reply_after_resolution,holding_reply_at,2025-03-12\n"
    );
    assert_eq!(
        april_warnings,
        march_warnings.replace("march.csv", "april.csv")
    );
    assert_eq!(april_kinds, march_kinds);
    assert_eq!(
        summary(&w, "april/2025-03")["not_yet_received"],
        1,
        "W-4 is counted, not listed"
    );
}

/// A --map or [columns] header that matches no header stops the run (exit 2) naming the
/// headers found: the case would otherwise silently lose its holding reply.
#[test]
fn a_mapped_header_that_matches_nothing_is_refused() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "Saksnummer,Mottatt,Forelopig svar,Løst\nM-1,2025-03-03,2025-03-20,2025-04-04\n",
    );
    let out = march(
        &w,
        &["--map", "holding_reply_at=Foreløpig svar", "export.csv"],
    );
    assert_eq!(out.code, Some(2), "{out}");
    assert!(
        out.stderr.contains(
            "input export.csv: --map names the header 'Foreløpig svar' for holding_reply_at, \
             and no header matches it"
        ) && out
            .stderr
            .contains("headers found: 'Saksnummer', 'Mottatt', 'Forelopig svar', 'Løst'"),
        "{out}"
    );
    assert!(!w.path().join("out/2025-03").exists());
    w.write(
        "policy.toml",
        "[columns]\nholding_reply_at = \"Foreløpig svar\"\n",
    );
    let out = march(&w, &["--policy", "policy.toml", "export.csv"]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(
        out.stderr
            .contains("the policy's [columns] names the header 'Foreløpig svar'"),
        "{out}"
    );
    let out = w.run(&[
        "check",
        "--map",
        "holding_reply_at=Foreløpig svar",
        "export.csv",
    ]);
    assert_eq!(out.code, Some(2), "{out}");
    // Spelled as the file has it, the holding reply counts: extended, on time.
    march(
        &w,
        &[
            "--map",
            "holding_reply_at=Forelopig svar",
            "--as-of",
            "2025-04-30",
            "export.csv",
        ],
    )
    .ok();
    assert_eq!(
        summary(&w, "out/2025-03")["by_status"]["resolved_extended"],
        1
    );
}

/// A final limit of 16 calendar days is more than 15 but ends before 15 working days: the
/// policy is refused by the deadlines it would produce.
#[test]
fn a_policy_whose_final_deadline_falls_before_the_first_is_refused() {
    let w = Workdir::new();
    w.write("short.toml", "final_limit = 16\n");
    w.write("export.csv", "case_id,received_at\nP-1,2025-03-03\n");
    let out = w.run(&[
        "report",
        "--period",
        "2025-03",
        "--policy",
        "short.toml",
        "export.csv",
    ]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(
        out.stderr.contains(
            "policy file short.toml: key `final_limit`: 16 calendar days end before the first \
             limit of 15 working days"
        ),
        "{out}"
    );
    w.write("typo.toml", "final_limt = 35\n");
    let out = w.run(&[
        "deadline",
        "--policy",
        "typo.toml",
        "--received",
        "2025-03-03",
    ]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(
        out.stderr.contains("line 1: unknown key `final_limt`"),
        "{out}"
    );
}

/// A row with the wrong number of fields is a different row for its case id: the case is a
/// conflict, not evaluated from the one well-formed row as if nothing were wrong.
#[test]
fn a_ragged_row_makes_its_case_id_a_conflict() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,resolved_at\n\
         R-1,2025-03-03,\n\
         R-1,2025-03-03,2025-03-05,extra\n\
         R-2,2025-03-04,\n",
    );
    march(&w, &["export.csv"]).ok();
    assert_eq!(
        w.read("out/2025-03/rejects.csv"),
        "file,line,case_id,reason,column,value,may_belong_to_period\n\
         export.csv,2,R-1,conflicting_duplicate,case_id,R-1,true\n\
         export.csv,3,R-1,wrong_field_count,,\"R-1,2025-03-03,2025-03-05,extra\",true\n"
    );
    assert_eq!(case_ids(&w, "out/2025-03"), ["R-2"]);
}

/// A remark is made on kept rows only: a duplicate's copy and a conflict's rows are rejects,
/// not rows "kept with a remark".
#[test]
fn rejected_rows_carry_no_remark() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,holding_reply_at,resolved_at\n\
         D-1,2025-03-03,2025-03-12,2025-03-10\n\
         D-1,2025-03-03,2025-03-12,2025-03-10\n\
         C-1,2025-03-04,2025-03-12,2025-03-10\n\
         C-1,2025-03-04,2025-03-13,2025-03-10\n",
    );
    let out = march(&w, &["export.csv"]);
    out.ok();
    assert_eq!(
        w.read("out/2025-03/warnings.csv"),
        "file,line,case_id,warning,column,value\n\
         export.csv,2,D-1,holding_reply_after_resolution,holding_reply_at,2025-03-12\n"
    );
    assert!(
        out.stderr.contains("warning: 1 rows kept with a remark"),
        "{out}"
    );
    let s = summary(&w, "out/2025-03");
    assert_eq!(s["rows_rejected"], 3);
    assert_eq!(s["warnings_by_kind"]["holding_reply_after_resolution"], 1);
}

/// An earlier export's rejected rows are superseded when a later export has their case: the
/// later row is the case as it stands, so the verdict does not call them rows "in no figure"
/// that may belong to the month. Every row is still accounted for.
#[test]
fn an_earlier_exports_rejected_row_is_superseded_by_the_later_export() {
    let w = Workdir::new();
    let header = "Saksnummer;Mottatt;Foreløpig svar;Løst dato\n";
    w.write(
        "jan1.csv",
        format!(
            "{header}X-1;03.12.2025;;\nX-1;03.12.2025;;08.12.2025\nY-1;31.11.2025;;\n\
             Z-1;01.12.2025;;02.12.2025\n"
        ),
    );
    w.write(
        "jan2.csv",
        format!(
            "{header}X-1;03.12.2025;;08.12.2025\nY-1;30.11.2025;;10.12.2025\n\
             Z-1;01.12.2025;;02.12.2025\n"
        ),
    );
    let out = w.run(&[
        "report",
        "--period",
        "2025-12",
        "--today",
        "2026-01-10",
        "--out-dir",
        "out",
        "--json",
        "-q",
        "jan1.csv",
        "jan2.csv",
    ]);
    let json: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(json["rows_read"], 7, "{json}");
    assert_eq!(json["rows_rejected"], 0, "{json}");
    assert_eq!(json["rows_rejected_in_period"], 0, "{json}");
    assert_eq!(json["rows_superseded"], 4, "{json}");
    // X-1 (a conflict in January's first export) and Y-1 (31 November) were fixed.
    assert_eq!(json["cases_updated"], 2, "{json}");
    assert_eq!(json["verdict"]["verdict"], "met", "{json}");
    assert!(
        !json["verdict"]["text"]
            .as_str()
            .unwrap()
            .contains("rejected"),
        "{json}"
    );
    assert_eq!(case_ids(&w, "out/2025-12"), ["Y-1", "Z-1", "X-1"]);
    assert_eq!(
        w.read("out/2025-12/rejects.csv"),
        "file,line,case_id,reason,column,value,may_belong_to_period\n"
    );
    let md = w.read("out/2025-12/complaint-sla-2025-12.md");
    assert!(
        md.contains("4 superseded by a later input (2 cases updated)"),
        "{md}"
    );
}
