//! One issuer, several countries: each case counted on its market's calendar. The expected
//! deadlines are computed here by a second route: the closed days each calendar lists
//! (`complaint-sla calendar`), counted in this file, not by the report's engine.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate};

use crate::harness::Workdir;

/// The markets of `sample_data/group/policy.toml` and their calendars ("home" for a blank
/// value, the policy's top level).
const CALENDARS: [(&str, &str); 8] = [
    ("home", "no-bank"),
    ("NO", "no-bank"),
    ("SE", "se-bank"),
    ("DK", "dk-bank"),
    ("FI", "fi-bank"),
    ("GB-EAW", "gb-eaw-bank"),
    ("GB-SCT", "gb-sct-bank"),
    ("GB-NIR", "gb-nir-bank"),
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("a date: {s}"))
}

/// The closed days of `calendar` in `years`, as `calendar --format csv` lists them.
fn closed_days(
    w: &Workdir,
    calendar: &str,
    years: std::ops::RangeInclusive<i32>,
) -> HashSet<NaiveDate> {
    let mut days = HashSet::new();
    for year in years {
        let out = w.run(&[
            "calendar",
            "--calendar",
            calendar,
            "--year",
            &year.to_string(),
            "--format",
            "csv",
        ]);
        for line in out.ok().lines().skip(1) {
            days.insert(date(line.split(',').next().unwrap()));
        }
    }
    days
}

/// The `n`-th day after `from` that is Monday to Friday and not closed.
fn nth_working_day(closed: &HashSet<NaiveDate>, from: NaiveDate, n: u32) -> NaiveDate {
    let mut day = from;
    let mut counted = 0;
    while counted < n {
        day += Duration::days(1);
        if day.weekday().num_days_from_monday() < 5 && !closed.contains(&day) {
            counted += 1;
        }
    }
    day
}

fn rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn each_case_counts_on_its_markets_calendar() {
    let w = Workdir::with_sample_data();
    // An export of eight markets (the home market's blank value among them), with rows of a
    // market no policy has.
    w.run(&[
        "sample",
        "--rows",
        "4000",
        "--seed",
        "11",
        "--from",
        "2025-01-01",
        "--to",
        "2026-06-30",
        "--bad",
        "3",
        "--markets",
        "-o",
        "group.csv",
    ])
    .ok();
    let out = w.run(&[
        "report",
        "--policy",
        "sample_data/group/policy.toml",
        "--period",
        "2026-Q2",
        "--formats",
        "csv,json",
        "--out-dir",
        "out",
        "group.csv",
    ]);
    out.ok();
    let cases = rows(&w.read("out/2026-Q2/cases.csv"));
    let calendars: HashMap<&str, &str> = CALENDARS.into_iter().collect();
    let closed: HashMap<&str, HashSet<NaiveDate>> = CALENDARS
        .iter()
        .map(|(_, c)| (*c, closed_days(&w, c, 2024..=2027)))
        .collect();
    let mut by_market: BTreeMap<String, u64> = BTreeMap::new();
    for case in &cases {
        let market = case["market"].as_str();
        let calendar = calendars[market];
        let received = date(&case["received_date"]);
        // psd2: 15 working days; 35 working days with a timely holding reply.
        let first = nth_working_day(&closed[calendar], received, 15);
        let last = nth_working_day(&closed[calendar], received, 35);
        assert_eq!(date(&case["first_deadline"]), first, "{case:?}");
        assert_eq!(date(&case["final_deadline"]), last, "{case:?}");
        *by_market.entry(market.to_string()).or_default() += 1;
    }
    assert!(
        by_market.len() == 8,
        "every market has cases: {by_market:?}"
    );
    // Some case's deadline differs from what the home calendar would give: the markets count.
    let differs = cases.iter().filter(|c| {
        let received = date(&c["received_date"]);
        date(&c["first_deadline"]) != nth_working_day(&closed["no-bank"], received, 15)
    });
    assert!(differs.count() > 50);

    // summary.json: by_market adds up to the report, market by market.
    let summary: serde_json::Value =
        serde_json::from_str(&w.read("out/2026-Q2/summary.json")).unwrap();
    let markets = summary["by_market"].as_array().expect("by_market");
    let names: Vec<&str> = markets
        .iter()
        .map(|m| m["market"].as_str().unwrap())
        .collect();
    assert_eq!(names, CALENDARS.map(|(m, _)| m));
    let mut total = 0;
    for m in markets {
        let name = m["market"].as_str().unwrap();
        assert_eq!(m["calendar"], calendars[name], "{m}");
        assert_eq!(m["cases_in_report"], by_market[name], "{m}");
        let statuses: u64 = m["by_status"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(statuses, by_market[name], "{m}");
        total += m["cases_in_report"].as_u64().unwrap();
    }
    assert_eq!(summary["cases_in_report"], total);
    assert_eq!(markets[2]["time_zone"], "Europe/Stockholm");
    assert_eq!(
        markets[0]["values"].as_array().unwrap().len(),
        0,
        "home: a blank value"
    );

    // The rows of no market are rejected, named, and counted; never counted at home.
    let rejects = rows(&w.read("out/2026-Q2/rejects.csv"));
    let unknown: Vec<_> = rejects
        .iter()
        .filter(|r| r["reason"] == "unknown_market")
        .collect();
    assert_eq!(unknown.len(), 3);
    assert!(
        unknown
            .iter()
            .all(|r| ["DE", "Tyskland", "Iceland"].contains(&r["value"].as_str()))
    );
    assert_eq!(summary["rejects_by_reason"]["unknown_market"], 3);
    let check = w.run(&[
        "check",
        "--policy",
        "sample_data/group/policy.toml",
        "group.csv",
    ]);
    assert!(
        check
            .stdout
            .contains("names no market of the policy (markets: NO (NO, Norway, Norge), SE"),
        "{check}"
    );
}

#[test]
fn a_timestamp_is_read_in_its_markets_time_zone() {
    let w = Workdir::with_sample_data();
    // 23:30 UTC on Tuesday 23 December 2025: still the 23rd in London (GMT), Christmas Eve in
    // Stockholm, where the banks are closed on 24, 25, 26 and 31 December, 1 and 6 January.
    w.write(
        "tz.csv",
        "case_id,country,received_at,resolved_at\nA,GB,2025-12-23T23:30:00Z,\nB,SE,2025-12-23T23:30:00Z,\n",
    );
    w.run(&[
        "report",
        "--policy",
        "sample_data/group/policy.toml",
        "--period",
        "2025-12",
        "--as-of",
        "2025-12-31",
        "--today",
        "2025-12-31",
        "--formats",
        "csv",
        "--out-dir",
        "out",
        "tz.csv",
    ])
    .ok();
    let cases = rows(&w.read("out/2025-12/cases.csv"));
    let by_id: HashMap<&str, &HashMap<String, String>> =
        cases.iter().map(|c| (c["case_id"].as_str(), c)).collect();
    assert_eq!(by_id["A"]["received_date"], "2025-12-23");
    assert_eq!(by_id["A"]["market"], "GB-EAW");
    assert_eq!(by_id["B"]["received_date"], "2025-12-24");
    // 29 and 30 December, 2, 5, 7, 8, 9, 12 to 16, 19, 20, 21 January: the 15th is the 21st.
    assert_eq!(by_id["B"]["first_deadline"], "2026-01-21");
    // deadline --market gives the same answer for one case.
    let one = w.run(&[
        "deadline",
        "--policy",
        "sample_data/group/policy.toml",
        "--market",
        "Sverige",
        "--received",
        "2025-12-23T23:30:00Z",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(one.ok()).unwrap();
    assert_eq!(json["first_deadline"], "2026-01-21");
}

#[test]
fn markets_that_count_alike_give_the_one_market_answer() {
    let w = Workdir::with_sample_data();
    w.run(&[
        "sample",
        "--rows",
        "1500",
        "--seed",
        "5",
        "--from",
        "2025-06-01",
        "--to",
        "2025-12-31",
        "--markets",
        "-o",
        "group.csv",
    ])
    .ok();
    // Every market on the home calendar: the same statuses and deadlines as psd2 alone, which
    // carries the country column as it carries any other.
    let alike = w
        .read("sample_data/group/policy.toml")
        .replace(|_: char| false, "");
    let alike: String = alike
        .lines()
        .map(|l| {
            if l.starts_with("calendar =") {
                "calendar = \"no-bank\""
            } else if l.starts_with("time_zone =") {
                "time_zone = \"Europe/Oslo\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    w.write("alike.toml", alike);
    for (policy, out) in [("alike.toml", "a"), ("psd2", "b")] {
        w.run(&[
            "report",
            "--policy",
            policy,
            "--period",
            "2025-12",
            "--formats",
            "csv",
            "--out-dir",
            out,
            "group.csv",
        ])
        .ok();
    }
    let key = |text: &str| -> Vec<String> {
        rows(text)
            .iter()
            .map(|c| {
                [
                    "case_id",
                    "first_deadline",
                    "final_deadline",
                    "status",
                    "days_over_limit",
                    "working_days_left",
                ]
                .map(|k| c[k].clone())
                .join(",")
            })
            .collect()
    };
    assert_eq!(
        key(&w.read("a/2025-12/cases.csv")),
        key(&w.read("b/2025-12/cases.csv"))
    );
}

#[test]
fn one_shell_gives_one_answer_across_markets() {
    let w = Workdir::with_sample_data();
    let policy = "sample_data/group/policy.toml";
    // A Norwegian company closure changes the home market only, in report and deadline alike:
    // deadline --market refuses it rather than move a Swedish deadline.
    w.write("no.csv", "date,name\n2025-12-05,Company day\n");
    let refused = w.run(&[
        "deadline",
        "--policy",
        policy,
        "--market",
        "SE",
        "--received",
        "2025-12-01",
        "--holidays",
        "no.csv",
    ]);
    assert!(
        refused
            .bad_input()
            .starts_with("error: --holidays: changes the home market only, as in `report`"),
        "{refused}"
    );
    // A receipt before a calendar's first year: refused by deadline as report rejects it.
    let early = w.run(&[
        "deadline",
        "--calendar",
        "se-bank",
        "--received",
        "1952-12-31",
    ]);
    assert!(
        early.bad_input().contains("1952-12-31 is before 1953"),
        "{early}"
    );
    // A home-market case of 1925 (no-bank counts from 1900) does not stop a report whose other
    // markets' calendars start later.
    w.write(
        "old.csv",
        "case_id,received_at,resolved_at,country\nT1,1925-12-01,,NO\nT2,2025-12-01,2025-12-05,SE\n",
    );
    let out = w.run(&[
        "report",
        "--policy",
        policy,
        "--period",
        "2025-12",
        "--formats",
        "csv",
        "--out-dir",
        "o",
        "old.csv",
    ]);
    out.ok();
    assert_eq!(rows(&w.read("o/2025-12/cases.csv")).len(), 2);
    // A comparison policy with a calendar of its own is refused with markets; one that changes
    // the limits only is counted on each market's calendar, and says so.
    w.write("own.toml", "base = \"amex-no\"\ncalendar = \"no-legal\"\n");
    let own = w.run(&[
        "report",
        "--policy",
        policy,
        "--period",
        "2025-12",
        "--compare-policy",
        "own.toml",
        "sample_data/group/complaints.csv",
    ]);
    assert!(
        own.bad_input()
            .starts_with("error: --compare-policy: own.toml names a calendar")
    );
    w.run(&[
        "report",
        "--policy",
        policy,
        "--period",
        "2025-12",
        "--compare-policy",
        "amex-no",
        "--formats",
        "md,html",
        "--out-dir",
        "c",
        "sample_data/group/complaints.csv",
    ])
    .ok();
    let md = w.read("c/2025-12/complaint-sla-2025-12.md");
    assert!(md.contains("counted on each market's own calendar and time zone"));
    // The board pack names the markets' calendars, not the home market's alone.
    let html = w.read("c/2025-12/complaint-sla-2025-12.html");
    assert!(html.contains(
        "no-bank, se-bank, dk-bank, fi-bank, gb-eaw-bank, gb-sct-bank, gb-nir-bank, by market"
    ));
    assert!(html.contains("<dt>Markets</dt>"));
    // A market's broken holiday file fails every command that reads the policy.
    let mut broken = w.read(policy);
    broken = broken.replacen(
        "calendar = \"se-bank\"",
        "calendar = \"se-bank\"\nholidays = \"se-closures.csv\"",
        1,
    );
    w.write("sample_data/group/broken.toml", broken);
    w.write("sample_data/group/se-closures.csv", "2025-13-01,Bad\n");
    for args in [
        &[
            "deadline",
            "--policy",
            "sample_data/group/broken.toml",
            "--received",
            "2025-12-01",
        ][..],
        &[
            "calendar",
            "--policy",
            "sample_data/group/broken.toml",
            "--year",
            "2025",
        ][..],
    ] {
        let out = w.run(args);
        assert_eq!(out.code, Some(2), "{out}");
        assert!(out.stderr.contains("[[market]] 'SE'"), "{out}");
    }
}
