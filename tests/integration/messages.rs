//! Every error path a user can reach, run as the user reached it: the message names the flag
//! or file it comes from as the user gave it (never a flag the user did not type, nor a file
//! the run did not write), and says what to do next.

use crate::harness::{Workdir, command};

/// One error path: the files it needs, its environment, its command line, its exit status,
/// and the words its message must hold (and must not).
struct Path {
    files: &'static [(&'static str, &'static str)],
    env: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    code: i32,
    says: &'static [&'static str],
    never: &'static [&'static str],
}

const GOOD: (&str, &str) = (
    "good.csv",
    "case_id,received_at,holding_reply_at,resolved_at\nC-1,2025-12-01,,2025-12-05\n",
);
const DECEMBER: [&str; 6] = [
    "--period",
    "2025-12",
    "--today",
    "2026-01-10",
    "--out-dir",
    "out",
];

fn paths() -> Vec<(&'static str, Path)> {
    vec![
        (
            "a holiday file that breaks the policy is blamed, not --policy",
            Path {
                files: &[(
                    "long.csv",
                    "date,name\n2030-09-02,Long closure\n2030-09-03,Long closure\n2030-09-04,Long closure\n2030-09-05,Long closure\n2030-09-06,Long closure\n2030-09-09,Long closure\n2030-09-10,Long closure\n2030-09-11,Long closure\n2030-09-12,Long closure\n2030-09-13,Long closure\n2030-09-16,Long closure\n2030-09-17,Long closure\n2030-09-18,Long closure\n2030-09-19,Long closure\n2030-09-20,Long closure\n",
                )],
                env: &[],
                args: &[
                    "deadline",
                    "--received",
                    "2030-09-02",
                    "--holidays",
                    "long.csv",
                ],
                code: 2,
                says: &["--holidays long.csv", "Give fewer or shorter closures"],
                never: &["--policy:"],
            },
        ),
        (
            "an ambiguous slash date on a flag asks for another way of writing it",
            Path {
                files: &[],
                env: &[],
                args: &["deadline", "--received", "10/05/2025"],
                code: 2,
                says: &["--received: '10/05/2025'", "YYYY-MM-DD or DD.MM.YYYY"],
                never: &["--date-order"],
            },
        ),
        (
            "a policy from the environment names its variable",
            Path {
                files: &[],
                env: &[("COMPLAINT_SLA_POLICY", "amex")],
                args: &["deadline", "--received", "2025-12-01"],
                code: 2,
                says: &["--policy (from COMPLAINT_SLA_POLICY): unknown policy 'amex'"],
                never: &[],
            },
        ),
        (
            "a language from the environment names its variable",
            Path {
                files: &[GOOD],
                env: &[("COMPLAINT_SLA_LANGUAGE", "se")],
                args: &[
                    "report",
                    "--period",
                    "2025-12",
                    "--today",
                    "2026-01-10",
                    "good.csv",
                ],
                code: 2,
                says: &["--language (from COMPLAINT_SLA_LANGUAGE)", "'se'"],
                never: &[],
            },
        ),
        (
            "an output folder from the environment names its variable",
            Path {
                files: &[GOOD, ("afile", "x")],
                env: &[("COMPLAINT_SLA_OUT_DIR", "afile/sub")],
                args: &[
                    "report",
                    "--period",
                    "2025-12",
                    "--today",
                    "2026-01-10",
                    "good.csv",
                ],
                code: 1,
                says: &[
                    "--out-dir (from COMPLAINT_SLA_OUT_DIR) afile/sub",
                    "give a folder that can be written",
                ],
                never: &[],
            },
        ),
        (
            "a typed flag is named as typed, whatever the environment holds",
            Path {
                files: &[],
                env: &[("COMPLAINT_SLA_POLICY", "psd2")],
                args: &["deadline", "--received", "2025-12-01", "--policy", "amex"],
                code: 2,
                says: &["--policy: unknown policy 'amex'"],
                never: &["COMPLAINT_SLA_POLICY"],
            },
        ),
        (
            "look-alike columns none of which holds dates name the file, not --map",
            Path {
                files: &[(
                    "alike.csv",
                    "case_id,received_at,Resolved,Resolved on\nC-1,2025-12-01,yes,soon\n",
                )],
                env: &[],
                args: &[
                    "report",
                    "--period",
                    "2025-12",
                    "--today",
                    "2026-01-10",
                    "alike.csv",
                ],
                code: 2,
                says: &["input alike.csv:", "--map resolved_at=\"HEADER\""],
                never: &["alike.csv: --map:"],
            },
        ),
        (
            "a missing required column says how to name it",
            Path {
                files: &[(
                    "nocase.csv",
                    "Sak,Mottatt,Løst dato\nC-1,01.12.2025,05.12.2025\n",
                )],
                env: &[],
                args: &[
                    "report",
                    "--period",
                    "2025-12",
                    "--today",
                    "2026-01-10",
                    "nocase.csv",
                ],
                code: 1,
                says: &["input nocase.csv", "'Sak'", "--map case_id=\"HEADER\""],
                never: &[],
            },
        ),
        (
            "a --map without '=' shows the form with an example",
            Path {
                files: &[GOOD],
                env: &[],
                args: &[
                    "report", "--map", "case_id", "--period", "2025-12", "good.csv",
                ],
                code: 2,
                says: &[
                    "--map: 'case_id' is not COLUMN=HEADER",
                    "case_id=\"Saksnummer\"",
                ],
                never: &["canonical"],
            },
        ),
        (
            "a stale export stopped by the policy names the policy file and what to do",
            Path {
                files: &[
                    (
                        "old.csv",
                        "case_id,received_at,holding_reply_at,resolved_at\nC-1,2025-12-01,,2025-12-05\n",
                    ),
                    ("strict.toml", "name = \"strict\"\nfail_on_stale = true\n"),
                ],
                env: &[],
                args: &[
                    "report",
                    "--policy",
                    "strict.toml",
                    "--period",
                    "2025-12",
                    "--today",
                    "2026-01-10",
                    "--out-dir",
                    "out",
                    "old.csv",
                ],
                code: 1,
                says: &[
                    "fail_on_stale in the policy file strict.toml",
                    "stale_after_days, 7",
                    "Check that the export ran",
                ],
                never: &["(--fail-on-stale)"],
            },
        ),
        (
            "a period out of range from the default names --today",
            Path {
                files: &[GOOD],
                env: &[],
                args: &[
                    "report",
                    "--today",
                    "1900-01-15",
                    "--out-dir",
                    "out",
                    "good.csv",
                ],
                code: 2,
                says: &["--today: 1899-12"],
                never: &["--period"],
            },
        ),
        (
            "--to before --from says it once",
            Path {
                files: &[GOOD],
                env: &[],
                args: &[
                    "report",
                    "--from",
                    "2025-12-31",
                    "--to",
                    "2025-12-01",
                    "--today",
                    "2026-01-10",
                    "good.csv",
                ],
                code: 2,
                says: &["--to: 2025-12-01 is before --from 2025-12-31"],
                never: &["--to: --to"],
            },
        ),
        (
            "no valid row names the input and what check gives",
            Path {
                files: &[("headeronly.csv", "case_id,received_at,resolved_at\n")],
                env: &[],
                args: &[
                    "report",
                    "--period",
                    "2025-12",
                    "--today",
                    "2026-01-10",
                    "--out-dir",
                    "out",
                    "headeronly.csv",
                ],
                code: 1,
                says: &[
                    "no valid rows to report in headeronly.csv",
                    "complaint-sla check",
                ],
                never: &[],
            },
        ),
        (
            "a file where the report folder goes",
            Path {
                files: &[GOOD, ("outro/2025-12", "not a folder")],
                env: &[],
                args: &[
                    "report",
                    "--period",
                    "2025-12",
                    "--today",
                    "2026-01-10",
                    "--out-dir",
                    "outro",
                    "good.csv",
                ],
                code: 1,
                says: &["--out-dir outro: outro/2025-12 is a file", "move it away"],
                never: &[],
            },
        ),
        (
            "sample -o into a missing folder names the path given, not a temporary file",
            Path {
                files: &[],
                env: &[],
                args: &["sample", "--rows", "5", "-o", "nowhere/x.csv"],
                code: 1,
                says: &[
                    "-o: cannot write nowhere/x.csv",
                    "its folder nowhere must exist",
                ],
                never: &[".tmp-"],
            },
        ),
        (
            "a damaged workbook says how to get a readable one",
            Path {
                files: &[("damaged.xlsx", "PK\u{3}\u{4} not really a zip")],
                env: &[],
                args: &["check", "damaged.xlsx"],
                code: 1,
                says: &[
                    "input damaged.xlsx",
                    "save it again, or export the cases as CSV",
                ],
                never: &[],
            },
        ),
        (
            "check warns that report will stop without a resolution column",
            Path {
                files: &[("noresolved.csv", "case_id,received_at\nC-1,2025-12-01\n")],
                env: &[],
                args: &["check", "noresolved.csv"],
                code: 0,
                says: &[
                    "report stops unless --map resolved_at",
                    "--allow-missing resolved_at",
                ],
                never: &[],
            },
        ),
        (
            "an unknown calendar lists the calendars there are",
            Path {
                files: &[],
                env: &[],
                args: &[
                    "deadline",
                    "--received",
                    "2025-12-01",
                    "--calendar",
                    "xx-bank",
                ],
                code: 2,
                says: &["--calendar: unknown calendar 'xx-bank'", "built-in:"],
                never: &[],
            },
        ),
        (
            "a period that has not started names --period and today",
            Path {
                files: &[GOOD],
                env: &[],
                args: &[
                    "report",
                    "--period",
                    "2027-01",
                    "--today",
                    "2026-12-01",
                    "good.csv",
                ],
                code: 2,
                says: &[
                    "--period: the period 2027-01",
                    "has not started yet",
                    "give a period that has begun",
                ],
                never: &["the as-of date"],
            },
        ),
        (
            "a bad holiday file line names the file, the line and the value",
            Path {
                files: &[("bad.csv", "date,name\nxyz,Day\n")],
                env: &[],
                args: &["calendar", "--year", "2025", "--holidays", "bad.csv"],
                code: 2,
                says: &["--holidays", "bad.csv line 2", "'xyz'"],
                never: &[],
            },
        ),
        (
            "a bad policy key names the file and the key",
            Path {
                files: &[("tz.toml", "name = \"x\"\ntime_zone = \"Oslo\"\n")],
                env: &[],
                args: &[
                    "deadline",
                    "--received",
                    "2025-12-01",
                    "--policy",
                    "tz.toml",
                ],
                code: 2,
                says: &["policy file tz.toml", "time_zone", "Europe/Oslo"],
                never: &[],
            },
        ),
        (
            "a missing input names the file",
            Path {
                files: &[],
                env: &[],
                args: &[
                    "report",
                    "--period",
                    "2025-12",
                    "--today",
                    "2026-01-10",
                    "missing.csv",
                ],
                code: 1,
                says: &["cannot read input file missing.csv (check the path"],
                never: &[],
            },
        ),
        (
            "a policy file that is not there lists the built-in policies",
            Path {
                files: &[GOOD],
                env: &[],
                args: &[
                    "report",
                    "--policy",
                    "nope.toml",
                    "--period",
                    "2025-12",
                    "good.csv",
                ],
                code: 2,
                says: &[
                    "--policy: cannot read policy file nope.toml",
                    "amex-no, psd2",
                ],
                never: &[],
            },
        ),
        (
            "a negative --keep-runs is a bad value, not a file name",
            Path {
                files: &[GOOD],
                env: &[],
                args: &[
                    "report",
                    "--keep-runs",
                    "-1",
                    "--period",
                    "2025-12",
                    "good.csv",
                ],
                code: 2,
                says: &["invalid value '-1' for '--keep-runs <N>'"],
                never: &["-- -1"],
            },
        ),
    ]
}

#[test]
fn every_error_path_names_what_the_user_gave_and_what_to_do() {
    let mut failures = Vec::new();
    for (name, path) in paths() {
        let w = Workdir::new();
        for (file, contents) in path.files {
            if let Some(parent) = std::path::Path::new(file).parent() {
                std::fs::create_dir_all(w.path().join(parent)).unwrap();
            }
            w.write(file, contents);
        }
        let mut run = command();
        run.args(path.args).current_dir(w.path());
        for (variable, value) in path.env {
            run.env(variable, value);
        }
        let output = run.output().unwrap();
        // `check` prints its findings on stdout; every other message is on stderr.
        let stderr = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let mut wrong = Vec::new();
        if output.status.code() != Some(path.code) {
            wrong.push(format!(
                "exit {:?}, not {}",
                output.status.code(),
                path.code
            ));
        }
        for says in path.says {
            if !stderr.contains(says) {
                wrong.push(format!("does not say {says:?}"));
            }
        }
        for never in path.never {
            if stderr.contains(never) {
                wrong.push(format!("says {never:?}"));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{name}: complaint-sla {}\n  {}\n  stderr: {stderr}",
                path.args.join(" "),
                wrong.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The warnings of a run point at a file it wrote: `see warnings.csv` only when it did.
#[test]
fn warnings_point_at_what_was_written() {
    let w = Workdir::new();
    w.write(
        "remarks.csv",
        "case_id,received_at,holding_reply_at,resolved_at\nC-1,2025-12-01,2025-12-08,2025-12-05\n",
    );
    let run = |formats: &str| {
        let mut args = vec!["report", "--formats", formats];
        args.extend_from_slice(&DECEMBER);
        args.extend_from_slice(&["--keep-runs", "0", "remarks.csv"]);
        w.run(&args).stderr
    };
    assert!(run("csv").contains("see warnings.csv"));
    let md = run("md");
    assert!(
        md.contains("see the Data quality section of the Markdown report") && !md.contains(".csv"),
        "{md}"
    );
    assert!(run("xlsx").contains("see the workbook's Data quality sheet"));
    assert!(run("html").contains("--formats csv writes them to warnings.csv"));
}

/// A stale export's warning is counted with the others in the `--json` line, and the Markdown
/// calls the rows kept with a remark by that name.
#[test]
fn a_stale_export_counts_as_a_warning() {
    let w = Workdir::new();
    w.write(GOOD.0, GOOD.1);
    let mut args = vec!["report", "--json", "-q"];
    args.extend_from_slice(&DECEMBER);
    args.push("good.csv");
    let line = w.run(&args).ok().to_string();
    let json: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(json["stale_input"], true, "{json}");
    assert_eq!(json["warnings"], 1, "{json}");
    let md = w.read("out/2025-12/complaint-sla-2025-12.md");
    assert!(md.contains("0 rows kept with a remark."), "{md}");
}
