//! `report --compare-policy`: the same cases under the other reading of "35 days".

use calamine::{Data, Reader};

use crate::harness::{Workdir, crate_dir};
use crate::workbook::{number, open, sheet, text};

/// April 2025: the README's deadline example (received 1 March, holding reply 20 March,
/// resolved 22 April: a breach when 35 days are calendar days, on time when they are working
/// days), and cases both readings agree on.
const APRIL: &str = "\
case_id,received_at,holding_reply_at,resolved_at
README-1,2025-03-01,2025-03-20,2025-04-22
B-2,2025-04-01,,2025-04-10
B-3,2025-03-03,,2025-04-15
B-4,2025-04-02,2025-04-15,
B-5,2025-04-14,,
";

fn run(w: &Workdir, out: &str, extra: &[&str]) -> crate::harness::Output {
    let mut args = vec![
        "report",
        "--period",
        "2025-04",
        "--as-of",
        "2025-04-30",
        "--out-dir",
        out,
        "april.csv",
    ];
    args.extend_from_slice(extra);
    w.run(&args)
}

fn json(w: &Workdir, path: &str) -> serde_json::Value {
    serde_json::from_str(&w.read(path)).unwrap()
}

#[test]
fn the_readme_case_differs_and_the_counts_are_those_of_a_run_under_the_other_policy() {
    let w = Workdir::new();
    w.write("april.csv", APRIL);
    run(&w, "cmp", &["--compare-policy", "psd2"]).ok();
    run(&w, "psd2", &["--policy", "psd2"]).ok();
    let ours = json(&w, "cmp/2025-04/summary.json");
    let theirs = json(&w, "psd2/2025-04/summary.json");
    let comparison = &ours["comparison"];
    assert_eq!(comparison["policy"], "psd2");
    assert_eq!(comparison["by_status"], theirs["by_status"]);
    assert_eq!(comparison["breaches"], theirs["breaches"]);
    // The README case, and the case with a holding reply still open (its final deadline, the
    // applicable one, is another day under each reading).
    let differing = comparison["cases_differing"].as_u64().unwrap();
    assert!(differing >= 2, "{comparison}");

    // The sheet: the README case with both statuses and both deadlines; the matrix adds up.
    let mut book = open(&w.path().join("cmp/2025-04/complaint-sla-2025-04.xlsx"));
    let rows = sheet(&mut book, "Policy comparison");
    let case = rows
        .iter()
        .find(|r| text(&r[0]) == "README-1")
        .expect("the README case is listed");
    assert_eq!(text(&case[2]), "breach_final_deadline");
    assert_eq!(text(&case[3]), "resolved_extended");
    let date = |cell: &Data| match cell {
        Data::DateTime(d) => {
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
            (epoch + chrono::Duration::days(d.as_f64() as i64 - 25_569)).to_string()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(date(&case[6]), "2025-04-07");
    assert_eq!(date(&case[7]), "2025-04-23");
    let header = rows
        .iter()
        .position(|r| text(&r[0]) == "Case" && text(&r[2]).starts_with("Status (amex-no)"))
        .unwrap();
    assert_eq!((rows.len() - header - 1) as u64, differing);
    assert!(rows[header + 1..].iter().any(|r| text(&r[0]) == "B-4"));
    let matrix_at = rows
        .iter()
        .position(|r| text(&r[0]).starts_with("Status under amex-no (rows)"))
        .unwrap();
    let matrix: f64 = rows[matrix_at + 2..matrix_at + 9]
        .iter()
        .flat_map(|r| r[1..8].iter().map(number))
        .sum();
    assert_eq!(matrix, ours["cases_in_report"].as_f64().unwrap());

    // The Markdown report has the counts and the matrix.
    let md = w.read("cmp/2025-04/complaint-sla-2025-04.md");
    assert!(md.contains("## Policy comparison"), "{md}");
    assert!(
        md.contains("| `breach_final_deadline` | 2 | 0 | -2 |"),
        "{md}"
    );
    assert!(md.contains("| amex-no \\ psd2 |"), "{md}");
}

#[test]
fn every_other_file_is_the_same_with_and_without_the_comparison() {
    let w = Workdir::new();
    w.write("april.csv", APRIL);
    run(&w, "with", &["--compare-policy", "psd2"]).ok();
    run(&w, "without", &[]).ok();
    for file in ["cases.csv", "rejects.csv", "warnings.csv"] {
        assert_eq!(
            w.read(&format!("with/2025-04/{file}")),
            w.read(&format!("without/2025-04/{file}")),
            "{file}"
        );
    }
    let mut with = json(&w, "with/2025-04/summary.json");
    with.as_object_mut().unwrap().remove("comparison");
    assert_eq!(with, json(&w, "without/2025-04/summary.json"));
    // The Markdown: the same but for the comparison section and the command line.
    let strip = |md: String| -> String {
        let mut kept = String::new();
        let mut skipping = false;
        for line in md.lines() {
            if line.starts_with("## ") {
                skipping = line == "## Policy comparison";
            }
            if !skipping && !line.contains("**Command line**") {
                kept.push_str(line);
                kept.push('\n');
            }
        }
        kept
    };
    assert_eq!(
        strip(w.read("with/2025-04/complaint-sla-2025-04.md")),
        strip(w.read("without/2025-04/complaint-sla-2025-04.md"))
    );
    // The workbook: every sheet but the comparison and Method (its command line) the same.
    let mut a = open(&w.path().join("with/2025-04/complaint-sla-2025-04.xlsx"));
    let mut b = open(&w.path().join("without/2025-04/complaint-sla-2025-04.xlsx"));
    let names: Vec<String> = b.sheet_names();
    let mut with_names = a.sheet_names();
    with_names.retain(|n| n != "Policy comparison");
    assert_eq!(with_names, names);
    for name in names.iter().filter(|n| *n != "Method") {
        assert_eq!(sheet(&mut a, name), sheet(&mut b, name), "{name}");
    }
}

#[test]
fn a_bad_comparison_policy_is_refused_before_anything_is_written() {
    let w = Workdir::new();
    w.write("april.csv", APRIL);
    let bad = run(&w, "out", &["--compare-policy", "nope"]);
    assert!(
        bad.bad_input()
            .starts_with("error: --compare-policy: unknown policy 'nope'"),
        "{bad}"
    );
    let same = run(&w, "out", &["--compare-policy", "amex-no"]);
    assert!(
        same.bad_input()
            .contains("--compare-policy: amex-no gives the same deadlines"),
        "{same}"
    );
    w.write("broken.toml", "final_limit = \"many\"\n");
    let broken = run(&w, "out", &["--compare-policy", "broken.toml"]);
    assert!(broken.bad_input().contains("--compare-policy"), "{broken}");
    assert!(!w.path().join("out").exists());
    let _ = crate_dir();
}
