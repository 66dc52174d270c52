//! `complaint-sla deadline`.

use crate::harness::Workdir;

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).expect("valid JSON")
}

#[test]
fn json_has_exactly_the_documented_keys() {
    let w = Workdir::new();
    let bare = w.run(&["deadline", "--received", "2025-04-16", "--format", "json"]);
    assert_eq!(
        json(bare.ok()),
        serde_json::json!({
            "received_date": "2025-04-16",
            "first_deadline": "2025-05-13",
            "final_deadline": "2025-05-21",
            "policy": "amex-no",
            "calendar": "no-bank",
            "holiday_file": null,
        })
    );
    let assessed = w.run(&[
        "deadline",
        "--received",
        "2025-04-16",
        "--as-of",
        "2025-05-14",
        "--format",
        "json",
    ]);
    assert_eq!(
        json(assessed.ok()),
        serde_json::json!({
            "received_date": "2025-04-16",
            "first_deadline": "2025-05-13",
            "final_deadline": "2025-05-21",
            "working_days_elapsed": 16,
            "status": "open_overdue",
            "policy": "amex-no",
            "calendar": "no-bank",
            "holiday_file": null,
        })
    );
}

/// One complaint received Saturday 1 March 2025 (day 1 is Monday 3 March).
#[track_caller]
fn status_of(extra: &[&str]) -> (String, i64) {
    let mut args = vec!["deadline", "--received", "2025-03-01", "--format", "json"];
    args.extend_from_slice(extra);
    let out = Workdir::new().run(&args);
    let value = json(out.ok());
    (
        value["status"]
            .as_str()
            .unwrap_or_else(|| panic!("a status\n{out}"))
            .to_string(),
        value["working_days_elapsed"].as_i64().unwrap(),
    )
}

#[test]
fn every_status_from_the_command_line() {
    // amex-no: first deadline Friday 21 March, final deadline Monday 7 April (5 April + roll).
    let cases: [(&[&str], &str, i64); 8] = [
        (&["--resolved", "2025-03-21"], "resolved_on_time", 15),
        (
            &["--holding-reply", "2025-03-21", "--resolved", "2025-04-07"],
            "resolved_extended",
            26,
        ),
        (
            &["--holding-reply", "2025-03-24", "--resolved", "2025-04-07"],
            "breach_no_holding_reply",
            26,
        ),
        (&["--resolved", "2025-03-24"], "breach_no_holding_reply", 16),
        (
            &["--holding-reply", "2025-03-10", "--resolved", "2025-04-08"],
            "breach_final_deadline",
            27,
        ),
        (&["--as-of", "2025-03-24"], "open_overdue", 16),
        (&["--as-of", "2025-03-18"], "open_at_risk", 12),
        (
            &["--holding-reply", "2025-03-10", "--as-of", "2025-03-24"],
            "open_on_track",
            16,
        ),
    ];
    for (args, expected, elapsed) in cases {
        assert_eq!(status_of(args), (expected.to_string(), elapsed), "{args:?}");
    }
}

#[test]
fn psd2_counts_the_final_limit_in_working_days() {
    let w = Workdir::new();
    let out = w.run(&[
        "deadline",
        "--received",
        "2025-03-01",
        "--policy",
        "psd2",
        "--holding-reply",
        "2025-03-20",
        "--resolved",
        "2025-04-22",
        "--format",
        "json",
    ]);
    let value = json(out.ok());
    assert_eq!(value["final_deadline"], "2025-04-23");
    assert_eq!(value["status"], "resolved_extended");
}

#[test]
fn a_timestamp_is_converted_to_oslo_time_first() {
    let w = Workdir::new();
    // 23:45 UTC on Sunday 3 August is 01:45 on Monday 4 August in Oslo (summer time).
    let out = w.run(&[
        "deadline",
        "--received",
        "2025-08-03T23:45:00Z",
        "--format",
        "json",
    ]);
    assert_eq!(json(out.ok())["received_date"], "2025-08-04");
    // Without an offset the timestamp is already Oslo time.
    let local = w.run(&[
        "deadline",
        "--received",
        "2025-08-03 23:45",
        "--format",
        "json",
    ]);
    assert_eq!(json(local.ok())["received_date"], "2025-08-03");
    let text = w.run(&["deadline", "--received", "2025-08-03T23:45:00Z"]);
    assert!(
        text.ok().contains("Received        2025-08-04 Monday  (from 2025-08-03T23:45:00Z, converted to Europe/Oslo)"),
        "{text}"
    );
}

#[test]
fn text_explains_each_date() {
    let out = Workdir::new().run(&[
        "deadline",
        "--received",
        "2025-12-19",
        "--holding-reply",
        "2026-01-09",
        "--as-of",
        "2026-01-20",
    ]);
    let text = out.ok();
    for expected in [
        "Policy amex-no: first limit 15 working days; final limit 35 calendar days",
        "Received        2025-12-19 Friday\n",
        "First deadline  2026-01-15 Thursday  (15th working day after the day of receipt)",
        "Final deadline  2026-01-23 Friday  (35 calendar days after receipt; applies with a timely holding reply)",
        "Holding reply   2026-01-09 Friday  (timely: on or before the first deadline)",
        "As of           2026-01-20 Tuesday",
        "Elapsed         18 working days (32 calendar days) at 2026-01-20",
        "Status          open_at_risk: not resolved, and close to its applicable deadline; applicable (final) deadline 2026-01-23, 3 working days left",
        "  2025-12-24 Wednesday  Christmas Eve (Julaften) - bank closure\n",
        "  2026-01-01 Thursday   New Year's Day (Første nyttårsdag)\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?}\n{out}");
    }
}

#[test]
fn a_policy_file_and_a_holiday_file() {
    let w = Workdir::new();
    w.write(
        "bank.toml",
        "name = \"Nordbank\"\nbase = \"psd2\"\ncalendar = \"no-legal\"\nholidays = \"closed.csv\"\n",
    );
    // Saturday 20 December is a working day in no-legal, unless the bank closes it.
    w.write("closed.csv", "2025-12-20,Stengt\n");
    let out = w.run(&[
        "deadline",
        "--received",
        "2025-12-19",
        "--policy",
        "bank.toml",
        "--format",
        "json",
    ]);
    let value = json(out.ok());
    assert_eq!(value["first_deadline"], "2026-01-10");
    // --holidays replaces the policy's file: 20 December counts again.
    w.write("none.csv", "date,name\n");
    let out = w.run(&[
        "deadline",
        "--received",
        "2025-12-19",
        "--policy",
        "bank.toml",
        "--holidays",
        "none.csv",
        "--format",
        "json",
    ]);
    assert_eq!(json(out.ok())["first_deadline"], "2026-01-09");
}

#[test]
fn a_holding_reply_after_resolution_is_ignored_with_a_warning() {
    let out = Workdir::new().run(&[
        "deadline",
        "--received",
        "2025-03-01",
        "--resolved",
        "2025-03-24",
        "--holding-reply",
        "2025-03-25",
        "--format",
        "json",
    ]);
    assert_eq!(json(out.ok())["status"], "breach_no_holding_reply");
    assert_eq!(
        out.stderr,
        "warning: --holding-reply 2025-03-25 is after the resolution and is ignored\n"
    );
}

#[test]
fn bad_input_is_one_line_naming_flag_and_value() {
    let w = Workdir::new();
    for (args, expected) in [
        (
            &["deadline", "--received", "2025-02-31"][..],
            "error: --received: '2025-02-31' is not a date: February 2025 has 28 days",
        ),
        (
            &["deadline", "--received", "2025-03-01", "--policy", "amex"],
            "error: --policy: unknown policy 'amex' (built-in: amex-no, psd2; or the path of a .toml policy file)",
        ),
        (
            &["deadline", "--received", "2200-01-02"],
            "error: --received: '2200-01-02' (2200-01-02) is outside the supported range 1900 to 2199",
        ),
        (
            &["deadline", "--received", "1899-12-31"],
            "error: --received: '1899-12-31' (1899-12-31) is outside the supported range 1900 to 2199",
        ),
        (
            &["deadline", "--received", "2199-12-20"],
            "error: --received: '2199-12-20': its deadlines cannot be counted: 2200-01-01 is outside the supported calendar range (years 1900 to 2199)",
        ),
        (
            &[
                "deadline",
                "--received",
                "2025-03-03",
                "--holding-reply",
                "2025-03-02",
            ],
            "error: --holding-reply: '2025-03-02' (2025-03-02) is before the receipt date 2025-03-03",
        ),
        (
            &[
                "deadline",
                "--received",
                "2025-03-03",
                "--resolved",
                "28.02.2025",
            ],
            "error: --resolved: '28.02.2025' (2025-02-28) is before the receipt date 2025-03-03",
        ),
        (
            &[
                "deadline",
                "--received",
                "2025-03-03",
                "--as-of",
                "2025-03-01",
            ],
            "error: --as-of: '2025-03-01' (2025-03-01) is before the receipt date 2025-03-03: the complaint was not yet received",
        ),
        (
            &[
                "deadline",
                "--received",
                "2025-03-03",
                "--as-of",
                "tomorrow",
            ],
            "error: --as-of: 'tomorrow' is not a date or timestamp (expected YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or MM/DD/YYYY, optionally with a time HH:MM[:SS] or H:MM AM/PM and Z or ±HH:MM)",
        ),
        (
            &[
                "deadline",
                "--received",
                "2025-03-03",
                "--calendar",
                "sweden",
            ],
            "error: --calendar: unknown calendar 'sweden' (built-in: no-bank, no-legal, se-bank, dk-bank, fi-bank, gb-eaw-bank, gb-sct-bank, gb-nir-bank, weekdays)",
        ),
    ] {
        assert_eq!(w.run(args).bad_input(), expected, "{args:?}");
    }
}

#[test]
fn a_bad_policy_file_names_the_key() {
    let w = Workdir::new();
    w.write("bank.toml", "first_limit = 0\n");
    assert_eq!(
        w.run(&[
            "deadline",
            "--received",
            "2025-03-03",
            "--policy",
            "bank.toml"
        ])
        .bad_input(),
        "error: policy file bank.toml: key `first_limit`: must be a whole number of days from 1 to 10000, got 0"
    );
    w.write("typo.toml", "time_zone = \"Europe/Olso\"\n");
    assert_eq!(
        w.run(&[
            "deadline",
            "--received",
            "2025-03-03",
            "--policy",
            "typo.toml"
        ])
        .bad_input(),
        "error: policy file typo.toml: key `time_zone`: unknown time zone 'Europe/Olso' (use an IANA name such as Europe/Oslo)"
    );
    w.write("holidays.toml", "holidays = \"nowhere.csv\"\n");
    let out = w.run(&[
        "deadline",
        "--received",
        "2025-03-03",
        "--policy",
        "holidays.toml",
    ]);
    assert!(
        out.bad_input().starts_with(
            "error: --policy holidays.toml: key `holidays`: cannot read holiday file nowhere.csv"
        ),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let w = Workdir::new();
    let missing = w.run(&["deadline"]);
    assert_eq!(missing.code, Some(2), "{missing}");
    assert!(missing.stderr.contains("--received"), "{missing}");
    let help = w.run(&["deadline", "--help"]);
    assert!(help.ok().contains("--holding-reply <DATE>"), "{help}");
}
