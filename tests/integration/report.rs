//! `complaint-sla report`: exports in, reports out.

use crate::harness::Workdir;

/// A small export covering every status for March 2025 (amex-no, as of 2025-03-31).
/// First deadlines: received Mon 3 March -> Mon 24 March; Sat 1 March -> Fri 21 March.
const CANONICAL: &str = "\
case_id,received_at,holding_reply_at,resolved_at,channel,product,category,stage,outcome,referred_to,handler
A-1,2025-03-03,,2025-03-20,email,card,fees,customer service,upheld,,Åse
A-2,2025-03-01T10:15:00+01:00,2025-03-20,2025-04-04,letter,card,fraud,complaints department,partially upheld,,Øystein
A-3,2025-02-03,2025-02-20,2025-03-10,letter,card,fees,customer service,rejected,Finansklagenemnda,Per
A-4,2025-02-03,,2025-03-05,phone,travel card,service,complaint officer,rejected,,Per
A-5,2025-01-20,2025-02-05,2025-03-12,web,card,interest,complaints manager,upheld,Forbrukerrådet,Kari
A-6,2025-03-05 23:30,,,phone,travel card,service,customer service,,,Per
A-7,2025-03-10,,,email,card,fees,customer service,,,Per
A-8,2025-03-25,,,chat,card,\"fees, annual\",customer service,,,Per
A-9,2025-01-10,,2025-01-20,email,card,fees,customer service,upheld,,Per
";

/// The same cases as a Norwegian Windows-1252 export: BOM-less bytes, `;`, Norwegian headers,
/// DD.MM.YYYY dates, CRLF.
fn nordic() -> Vec<u8> {
    let text = "\
Saksnummer;Mottatt dato;Foreløpig svar;Løst dato;Kanal;Produkt;Årsak;Nivå;Utfall;Henvist til;handler\r
A-1;03.03.2025;;20.03.2025;email;card;fees;customer service;upheld;;Åse\r
A-2;2025-03-01T10:15:00+01:00;20.03.2025;04.04.2025;letter;card;fraud;complaints department;partially upheld;;Øystein\r
A-3;03.02.2025;20.02.2025;10.03.2025;letter;card;fees;customer service;rejected;Finansklagenemnda;Per\r
A-4;03.02.2025;;05.03.2025;phone;travel card;service;complaint officer;rejected;;Per\r
A-5;20.01.2025;05.02.2025;12.03.2025;web;card;interest;complaints manager;upheld;Forbrukerrådet;Kari\r
A-6;05.03.2025 23:30;;;phone;travel card;service;customer service;;;Per\r
A-7;10/03/2025;;;email;card;fees;customer service;;;Per\r
A-8;25.03.2025;;;chat;card;fees, annual;customer service;;;Per\r
A-9;10.01.2025;;20.01.2025;email;card;fees;customer service;upheld;;Per\r
";
    let mut bytes = Vec::new();
    for c in text.chars() {
        match c {
            'å' => bytes.push(0xE5),
            'Å' => bytes.push(0xC5),
            'ø' => bytes.push(0xF8),
            'Ø' => bytes.push(0xD8),
            'æ' => bytes.push(0xE6),
            c if c.is_ascii() => bytes.push(c as u8),
            c => panic!("add {c} to the Windows-1252 table"),
        }
    }
    bytes
}

const MARCH: [&str; 4] = ["--period", "2025-03", "--out-dir", "out"];

fn report(w: &Workdir, extra: &[&str]) -> crate::harness::Output {
    let mut args = vec!["report"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&MARCH);
    w.run(&args)
}

fn summary(w: &Workdir) -> serde_json::Value {
    serde_json::from_str(&w.read("out/2025-03/summary.json")).expect("summary.json is JSON")
}

#[test]
fn every_status_and_the_exact_leading_columns() {
    let w = Workdir::new();
    w.write("export.csv", CANONICAL);
    let out = report(&w, &["export.csv"]);
    out.ok();
    let cases = w.read("out/2025-03/cases.csv");
    let mut lines = cases.lines();
    assert_eq!(
        lines.next().unwrap(),
        "case_id,received_date,holding_reply_date,resolved_date,first_deadline,final_deadline,\
         working_days_elapsed,calendar_days_elapsed,status,first_limit_breached,final_limit_breached,\
         days_over_limit,working_days_left,applicable_deadline,received_in_period,resolved_in_period,open_at_as_of,\
         reason,channel,product,category,stage,outcome,referred_to,referred_date,outcome_class,\
         referral_body,handler,source_file,source_line"
    );
    let status_of = |id: &str| {
        cases
            .lines()
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap_or_else(|| panic!("{id} in cases.csv\n{cases}"))
            .to_string()
    };
    assert_eq!(
        status_of("A-1"),
        "A-1,2025-03-03,,2025-03-20,2025-03-24,2025-04-07,13,17,resolved_on_time,false,false,0,,\
         2025-03-24,true,true,false,,email,card,fees,customer service,upheld,,,upheld,,Åse,export.csv,2"
    );
    // Received on a Saturday via a +01:00 timestamp; resolved after the as-of date, so open,
    // with a timely holding reply: the final deadline (7 April) applies, 5 working days left.
    // The resolution (4 April) was not known on 31 March, so neither its date nor the outcome
    // is shown.
    assert_eq!(
        status_of("A-2"),
        "A-2,2025-03-01,2025-03-20,,2025-03-21,2025-04-07,21,30,open_on_track,false,false,0,5,\
         2025-04-07,true,false,true,,letter,card,fraud,complaints department,,,,,,Øystein,export.csv,3"
    );
    for (id, status) in [
        ("A-3", "resolved_extended"),
        ("A-4", "breach_no_holding_reply"),
        ("A-5", "breach_final_deadline"),
        ("A-6", "open_overdue"),
        ("A-7", "open_at_risk"),
        ("A-8", "open_on_track"),
    ] {
        assert!(
            status_of(id).contains(&format!(",{status},")),
            "{id}: {}",
            status_of(id)
        );
    }
    // A-9 was resolved in January: not in the March report.
    assert!(!cases.contains("A-9,"));
    // A quoted field with the separator inside survives.
    assert!(
        status_of("A-8").contains(",\"fees, annual\","),
        "{}",
        status_of("A-8")
    );

    let s = summary(&w);
    assert_eq!(s["rows_read"], 9);
    assert_eq!(s["rows_evaluated"], 9);
    assert_eq!(s["rows_rejected"], 0);
    assert_eq!(s["cases_in_report"], 8);
    assert_eq!(s["outside_period"], 1);
    assert_eq!(s["received_in_period"], 5);
    assert_eq!(s["resolved_in_period"], 4);
    assert_eq!(s["open_at_as_of"], 4);
    assert_eq!(s["as_of"], "2025-03-31");
    assert_eq!(s["period_start"], "2025-03-01");
    assert_eq!(s["period_end"], "2025-03-31");
    assert_eq!(s["policy"], "amex-no");
    assert_eq!(s["calendar"], "no-bank");
    // Every status, in the vocabulary's order, zeros included.
    assert!(
        w.read("out/2025-03/summary.json").contains(
            "  \"by_status\": {\n    \"resolved_on_time\": 1,\n    \"resolved_extended\": 1,\n    \
             \"breach_no_holding_reply\": 1,\n    \"breach_final_deadline\": 1,\n    \
             \"open_overdue\": 1,\n    \"open_at_risk\": 1,\n    \"open_on_track\": 2\n  },"
        ),
        "{}",
        w.read("out/2025-03/summary.json")
    );
    assert_eq!(s["inputs"][0]["file"], "export.csv");
    assert_eq!(s["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(s["inputs"][0]["separator"], ",");
    // stdout is one paragraph.
    assert_eq!(out.stdout.lines().count(), 1, "{out}");
    assert!(out.stdout.contains("8 cases in the report"), "{out}");
}

#[test]
fn a_nordic_export_gives_the_same_cases() {
    let a = Workdir::new();
    a.write("export.csv", CANONICAL);
    report(&a, &["export.csv"]).ok();
    let b = Workdir::new();
    b.write("export.csv", nordic());
    // Its one slash date, 10/03/2025, reads two ways and nothing in the file decides: the
    // order is stated (dotted dates are day first whatever it is).
    let refused = report(&b, &["export.csv"]);
    assert_eq!(refused.code, Some(1), "{refused}");
    assert!(
        refused
            .stderr
            .contains("'10/03/2025' (line 8, received_at 'Mottatt dato')"),
        "{refused}"
    );
    assert!(!b.path().join("out/2025-03").exists(), "nothing written");
    report(&b, &["export.csv", "--date-order", "dmy"]).ok();
    assert_eq!(
        a.read("out/2025-03/cases.csv"),
        b.read("out/2025-03/cases.csv")
    );
    let s = summary(&b);
    assert_eq!(s["inputs"][0]["encoding"], "windows-1252");
    assert_eq!(s["inputs"][0]["separator"], ";");
    // With a BOM and UTF-8 the same again.
    let c = Workdir::new();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(
        String::from_utf8_lossy(&nordic())
            .replace('\u{FFFD}', "?")
            .as_bytes(),
    );
    let utf8: String = nordic().iter().map(|&b| b as char).collect();
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(utf8.as_bytes());
    c.write("export.csv", with_bom);
    report(&c, &["export.csv", "--date-order", "dmy"]).ok();
    assert_eq!(
        a.read("out/2025-03/cases.csv"),
        c.read("out/2025-03/cases.csv")
    );
}

#[test]
fn tab_separated_from_standard_input() {
    let w = Workdir::new();
    let tsv = CANONICAL
        .replace(",\"fees, annual\",", ",fees annual,")
        .replace(',', "\t");
    let out = w.run_with_stdin(
        &["report", "-", "--period", "2025-03", "--out-dir", "out"],
        tsv.as_bytes(),
    );
    out.ok();
    let s = summary(&w);
    assert_eq!(s["inputs"][0]["file"], "<stdin>");
    assert_eq!(s["inputs"][0]["separator"], "tab");
    assert_eq!(s["cases_in_report"], 8);
}

#[test]
fn every_reject_reason_is_recorded_and_every_row_counted() {
    let w = Workdir::new();
    w.write(
        "bad.csv",
        "case_id,received_at,holding_reply_at,resolved_at,note\n\
         B-1,2025-03-03,,2025-03-04,fine\n\
         B-2,2025-03-03,,\n\
         ,,,,\n\
         ,2025-03-03,,,no id\n\
         B-3,,,,no date\n\
         B-4,2025-02-30,,,impossible\n\
         B-5,1899-12-31,,,too old\n\
         B-6,2025-03-10,,2025-03-07,resolved first\n\
         B-7,2025-03-10,2025-03-07,,held first\n\
         B-8,2025-03-10,,,one\n\
         B-8,2025-03-10,,2025-03-12,two\n\
         B-9,2025-03-11,,,same\n\
         B-9,2025-03-11,,,same\n\
         B-10,\"2025-03-12\",,,\"a note\nover two lines\"\n\
         B-11,2025-03-13,,,x,extra field\n\
         B-12,2025-03-14,,soon,bad resolution\n",
    );
    let out = report(&w, &["bad.csv"]);
    out.ok();
    assert_eq!(
        w.read("out/2025-03/rejects.csv"),
        "file,line,case_id,reason,column,value,may_belong_to_period\n\
         bad.csv,3,B-2,wrong_field_count,,\"B-2,2025-03-03,,\",true\n\
         bad.csv,4,,empty_row,,,false\n\
         bad.csv,5,,missing_case_id,case_id,,true\n\
         bad.csv,6,B-3,missing_received_date,received_at,,true\n\
         bad.csv,7,B-4,unparseable_date,received_at,2025-02-30,true\n\
         bad.csv,8,B-5,date_out_of_range,received_at,1899-12-31,true\n\
         bad.csv,9,B-6,resolved_before_received,resolved_at,2025-03-07,true\n\
         bad.csv,10,B-7,holding_reply_before_received,holding_reply_at,2025-03-07,true\n\
         bad.csv,11,B-8,conflicting_duplicate,case_id,B-8,true\n\
         bad.csv,12,B-8,conflicting_duplicate,case_id,B-8,true\n\
         bad.csv,14,B-9,duplicate,case_id,B-9,false\n\
         bad.csv,17,B-11,wrong_field_count,,\"B-11,2025-03-13,,,x,extra field\",true\n\
         bad.csv,18,B-12,unparseable_date,resolved_at,soon,true\n"
    );
    let s = summary(&w);
    assert_eq!(s["rows_read"], 16);
    assert_eq!(s["rows_rejected"], 13);
    assert_eq!(s["rows_rejected_in_period"], 11);
    assert_eq!(s["rows_evaluated"], 3);
    assert_eq!(s["rejects_by_reason"]["wrong_field_count"], 2);
    assert_eq!(s["rejects_by_reason"]["duplicate"], 1);
    let cases = w.read("out/2025-03/cases.csv");
    // B-10's note keeps its newline; it starts on line 15.
    assert!(
        cases.contains("\"a note\nover two lines\",bad.csv,15\n"),
        "{cases}"
    );
    assert!(cases.contains("B-9,2025-03-11"), "the first copy is kept");
}

#[test]
fn warnings_are_kept_rows_with_a_remark_known_at_the_as_of_date() {
    let w = Workdir::new();
    w.write(
        "w.csv",
        "case_id,received_at,holding_reply_at,resolved_at,referred_to\n\
         W-1,2025-03-03,2025-03-10,2025-03-05,\n\
         W-2,2025-03-03,,2025-07-25,EU ODR\n\
         W-3,2025-04-02,,,\n\
         W-4,2025-03-03,,2025-03-05,EU ODR\n\
         W-5,2026-02-01,,,\n",
    );
    // As of 31 March: W-2's referral (with its resolution in July) is not known yet, so no
    // remark on it; W-3 and W-5 are counted as not yet received, not listed. W-5 is dated
    // after the day of the run: that is a data error, listed.
    let out = report(&w, &["w.csv", "--today", "2025-12-01"]);
    out.ok();
    assert_eq!(
        w.read("out/2025-03/warnings.csv"),
        "file,line,case_id,warning,column,value\n\
         w.csv,2,W-1,holding_reply_after_resolution,holding_reply_at,2025-03-10\n\
         w.csv,6,W-5,received_after_run_date,received_at,2026-02-01\n"
    );
    let s = summary(&w);
    assert_eq!(s["not_yet_received"], 2);
    assert_eq!(s["rows_evaluated"], 5);
    assert_eq!(s["cases_in_report"], 3);
    assert_eq!(s["warnings_by_kind"]["received_after_run_date"], 1);
    assert!(
        out.stderr
            .contains("warning: 2 rows kept with a remark (1 holding_reply_after_resolution, 1 received_after_run_date)"),
        "{out}"
    );
    // As of 1 August, the referral after the ODR platform's shutdown is known.
    let out = report(
        &w,
        &["w.csv", "--as-of", "2025-08-01", "--today", "2025-12-01"],
    );
    out.ok();
    assert_eq!(
        w.read("out/2025-03/warnings.csv"),
        "file,line,case_id,warning,column,value\n\
         w.csv,2,W-1,holding_reply_after_resolution,holding_reply_at,2025-03-10\n\
         w.csv,3,W-2,referral_after_odr_shutdown,referred_to,EU ODR (2025-07-25)\n\
         w.csv,6,W-5,received_after_run_date,received_at,2026-02-01\n"
    );
}

#[test]
fn columns_can_be_mapped_by_flag_or_policy() {
    let w = Workdir::new();
    w.write(
        "odd.csv",
        "Sak,Innkommet,Ferdig\nM-1,2025-03-03,2025-03-04\n",
    );
    let missing = report(&w, &["odd.csv"]);
    assert_eq!(missing.code, Some(1), "{missing}");
    assert!(
        missing.stderr.contains(
            "no column case_id (tried: case_id, case id, saksnummer, saksnr, case number, case no, case nr, ticket id, ticket number, incident number, number, id)"
        ) && missing.stderr.contains("headers found: 'Sak', 'Innkommet', 'Ferdig'"),
        "{missing}"
    );
    report(
        &w,
        &[
            "odd.csv",
            "--map",
            "case_id=Sak",
            "--map",
            "received_at=Innkommet",
            "--map",
            "resolved_at=Ferdig",
        ],
    )
    .ok();
    assert!(
        w.read("out/2025-03/cases.csv")
            .contains("M-1,2025-03-03,,2025-03-04,")
    );
    w.write(
        "bank.toml",
        "[columns]\ncase_id = \"Sak\"\nreceived_at = \"Innkommet\"\nresolved_at = \"Ferdig\"\n",
    );
    report(&w, &["odd.csv", "--policy", "bank.toml"]).ok();
    assert_eq!(summary(&w)["policy"], "bank");
    let bad = report(&w, &["odd.csv", "--map", "case=Sak"]);
    assert_eq!(
        bad.bad_input(),
        "error: --map: 'case' is not a column name (one of case_id, received_at, holding_reply_at, \
         resolved_at, channel, product, category, stage, outcome, referred_to, referred_at, \
         redress_amount, redress_currency, market)"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    const FILES: [&str; 7] = [
        "cases.csv",
        "complaint-sla-2025-03.html",
        "complaint-sla-2025-03.md",
        "complaint-sla-2025-03.xlsx",
        "rejects.csv",
        "summary.json",
        "warnings.csv",
    ];
    let w = Workdir::new();
    w.write("export.csv", CANONICAL);
    let bytes = |w: &Workdir| -> Vec<Vec<u8>> {
        FILES
            .iter()
            .map(|f| std::fs::read(w.path().join("out/2025-03").join(f)).unwrap())
            .collect()
    };
    report(&w, &["export.csv"]).ok();
    let first = bytes(&w);
    // A second run, a second later, in another folder: the same bytes.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let v = Workdir::new();
    v.write("export.csv", CANONICAL);
    report(&v, &["export.csv"]).ok();
    for (i, f) in FILES.iter().enumerate() {
        assert!(first[i] == bytes(&v)[i], "{f} differs between two runs");
    }
    // Nothing but the report's files: no temporary left behind.
    let mut names: Vec<String> = std::fs::read_dir(w.path().join("out/2025-03"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, FILES);
}

#[test]
fn periods_as_of_and_exit_codes() {
    let w = Workdir::new();
    w.write("export.csv", CANONICAL);
    // Default period: the month before --today.
    let out = w.run(&[
        "report",
        "export.csv",
        "--today",
        "2025-04-15",
        "--out-dir",
        "out",
        "--formats",
        "json",
    ]);
    out.ok();
    assert_eq!(summary(&w)["as_of"], "2025-03-31");
    // A quarter, as of a date inside it.
    w.run(&[
        "report",
        "export.csv",
        "--period",
        "2025-Q1",
        "--as-of",
        "2025-03-21",
        "--out-dir",
        "out",
    ])
    .ok();
    let q1: serde_json::Value = serde_json::from_str(&w.read("out/2025-Q1/summary.json")).unwrap();
    assert_eq!(q1["as_of"], "2025-03-21");
    assert_eq!(q1["not_yet_received"], 1, "A-8 arrives on 25 March");
    // A custom range.
    w.run(&[
        "report",
        "export.csv",
        "--from",
        "2025-03-01",
        "--to",
        "2025-03-15",
        "--out-dir",
        "out",
        "--formats",
        "csv",
    ])
    .ok();
    assert!(
        w.path()
            .join("out/2025-03-01_2025-03-15/cases.csv")
            .exists()
    );
    assert!(
        !w.path()
            .join("out/2025-03-01_2025-03-15/summary.json")
            .exists()
    );
    // Breaches: exit 3 only when asked.
    let fail = w.run(&[
        "report",
        "export.csv",
        "--period",
        "2025-03",
        "--out-dir",
        "out",
        "--fail-on-breach",
    ]);
    assert_eq!(fail.code, Some(3), "{fail}");
    assert!(
        w.path().join("out/2025-03/cases.csv").exists(),
        "written all the same"
    );
    // Usage errors: 2.
    assert_eq!(
        w.run(&["report", "export.csv", "--period", "2025-13"])
            .bad_input(),
        "error: --period: '2025-13' has no month 13"
    );
    // Unreadable input: 1.
    let missing = w.run(&["report", "nowhere.csv", "--period", "2025-03"]);
    assert_eq!(missing.code, Some(1), "{missing}");
    assert!(
        missing
            .stderr
            .starts_with("error: cannot read input file nowhere.csv"),
        "{missing}"
    );
    // Nothing valid: 1, with the reasons.
    w.write("junk.csv", "case_id,received_at\n,2025-03-01\nX,never\n");
    let junk = w.run(&["report", "junk.csv", "--period", "2025-03"]);
    assert_eq!(junk.code, Some(1), "{junk}");
    assert!(junk.stderr.contains("no valid rows to report in junk.csv: 2 rows read, 2 rejected (1 missing_case_id, 1 unparseable_date)"), "{junk}");
}

#[test]
fn several_inputs_are_one_report() {
    let w = Workdir::new();
    let (head, rest) = CANONICAL.split_once('\n').unwrap();
    let rows: Vec<&str> = rest.lines().collect();
    w.write("one.csv", format!("{head}\n{}\n", rows[..4].join("\n")));
    w.write("two.csv", nordic_part(&rows[4..]));
    let out = report(&w, &["one.csv", "two.csv"]);
    out.ok();
    let s = summary(&w);
    assert_eq!(s["rows_read"], 9);
    assert_eq!(s["cases_in_report"], 8);
    assert_eq!(s["inputs"].as_array().unwrap().len(), 2);
    assert!(w.read("out/2025-03/cases.csv").contains(",two.csv,2\n"));
}

/// Rows of the canonical export as a `;` file with Norwegian headers.
fn nordic_part(rows: &[&str]) -> String {
    let mut text = "Saksnummer;Mottatt;Foreløpig svar;Løst;Kanal;Produkt;Årsak;Nivå;Utfall;Henvist til;handler\n".to_string();
    for row in rows {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(row.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        text.push_str(&record.iter().collect::<Vec<_>>().join(";"));
        text.push('\n');
    }
    text
}

#[test]
fn parquet_with_typed_dates_gives_the_same_cases() {
    use polars::prelude::*;
    use polars_io::parquet::write::ParquetWriter;
    let w = Workdir::new();
    w.write("export.csv", CANONICAL);
    report(&w, &["export.csv"]).ok();
    let from_csv = w.read("out/2025-03/cases.csv");

    // The same cases, typed: dates as Date, receipts as naive (local) timestamps, A-2's at
    // 09:15 and A-6's at 23:30; both still fall on the same day as in the CSV.
    let epoch = |s: &str| {
        (chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
            - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
        .num_days() as i32
    };
    let mut csv = csv::Reader::from_reader(CANONICAL.as_bytes());
    let rows: Vec<csv::StringRecord> = csv.records().map(|r| r.unwrap()).collect();
    let text = |i: usize| -> Vec<Option<String>> {
        rows.iter()
            .map(|r| Some(r[i].to_string()).filter(|v| !v.is_empty()))
            .collect()
    };
    let date = |i: usize| -> Vec<Option<i32>> {
        rows.iter()
            .map(|r| {
                Some(&r[i])
                    .filter(|v| !v.is_empty())
                    .map(|v| epoch(&v[..10]))
            })
            .collect()
    };
    let received: Vec<Option<i64>> = rows
        .iter()
        .map(|r| {
            let v = &r[1];
            let day = epoch(&v[..10]) as i64 * 86_400_000;
            Some(match r[0].as_ref() {
                "A-2" => day + 9 * 3_600_000 + 15 * 60_000,
                "A-6" => day + 23 * 3_600_000 + 30 * 60_000,
                _ => day,
            })
        })
        .collect();
    let mut frame = DataFrame::new_infer_height(vec![
        Series::new("Saksnummer".into(), text(0)).into(),
        Series::new("received_at".into(), received)
            .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))
            .unwrap()
            .into(),
        Series::new("holding_reply_at".into(), date(2))
            .cast(&DataType::Date)
            .unwrap()
            .into(),
        Series::new("resolved_at".into(), date(3))
            .cast(&DataType::Date)
            .unwrap()
            .into(),
        Series::new("channel".into(), text(4)).into(),
        Series::new("product".into(), text(5)).into(),
        Series::new("category".into(), text(6)).into(),
        Series::new("stage".into(), text(7)).into(),
        Series::new("outcome".into(), text(8)).into(),
        Series::new("referred_to".into(), text(9)).into(),
        Series::new("handler".into(), text(10)).into(),
    ])
    .unwrap();
    let file = std::fs::File::create(w.path().join("export.parquet")).unwrap();
    ParquetWriter::new(file).finish(&mut frame).unwrap();
    let out = report(&w, &["export.parquet"]);
    out.ok();
    let from_parquet = w.read("out/2025-03/cases.csv");
    // The same rows but for the source columns.
    let strip = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.rsplitn(3, ',').nth(2).unwrap().to_string())
            .collect()
    };
    assert_eq!(strip(&from_csv), strip(&from_parquet));
    assert!(
        from_parquet.contains(",export.parquet,1\n"),
        "{from_parquet}"
    );
    assert_eq!(summary(&w)["inputs"][0]["format"], "parquet");

    // Recognised by content, not by name: the same file on standard input.
    let bytes = std::fs::read(w.path().join("export.parquet")).unwrap();
    w.run_with_stdin(
        &["report", "-", "--period", "2025-03", "--out-dir", "out"],
        &bytes,
    )
    .ok();
    assert_eq!(
        strip(&from_parquet),
        strip(&w.read("out/2025-03/cases.csv"))
    );
}

#[test]
fn a_past_month_rerun_with_a_later_export_gives_the_same_cases() {
    // In April's export have been resolved (A-7 rejected and referred to the
    // Finansklagenemnda) and A-8 has a holding reply: facts
    // after the as-of date (31 March), which must not change March's report.
    let later = CANONICAL
        .replace(
            "A-6,2025-03-05 23:30,,,",
            "A-6,2025-03-05 23:30,,2025-04-02,",
        )
        .replace(
            "A-7,2025-03-10,,,email,card,fees,customer service,,,",
            "A-7,2025-03-10,,2025-04-01,email,card,fees,customer service,rejected,Finansklagenemnda,",
        )
        .replace("A-8,2025-03-25,,,", "A-8,2025-03-25,2025-04-10,,");
    assert_ne!(later, CANONICAL);
    let w = Workdir::new();
    w.write("march.csv", CANONICAL);
    w.write("april.csv", &later);
    report(&w, &["march.csv"]).ok();
    let first = w.read("out/2025-03/cases.csv");
    report(&w, &["april.csv"]).ok();
    let second = w.read("out/2025-03/cases.csv");
    assert_eq!(
        first.replace("march.csv", "april.csv"),
        second,
        "the March report changed with April's facts"
    );
}

#[test]
fn verbose_prints_stage_times_on_stderr_only() {
    let w = Workdir::new();
    w.write("export.csv", CANONICAL);
    let quiet = report(&w, &["export.csv"]);
    let verbose = report(&w, &["export.csv", "-v"]);
    assert_eq!(quiet.ok(), verbose.ok(), "stdout is the same paragraph");
    for stage in [
        "read 9 rows",
        "evaluate 9 rows",
        "write cases.csv",
        "in all",
    ] {
        assert!(
            verbose
                .stderr
                .lines()
                .any(|l| l.starts_with("time: ") && l.contains(stage)),
            "{stage}: {verbose}"
        );
    }
    assert!(!quiet.stderr.contains("time:"), "{quiet}");
}

/// Every case that is not on time says why, and the reason is recounted from the case's own
/// columns in cases.csv: no holding reply, or one sent after the first deadline; resolved after
/// the final deadline; open past the applicable deadline by the working days it says. The same
/// in both languages (cases.csv is the data contract).
#[test]
fn every_late_case_has_its_reason_recounted_from_cases_csv() {
    let w = Workdir::with_sample_data();
    let mut files = Vec::new();
    let mut markdown = Vec::new();
    let mut json = Vec::new();
    for language in ["en", "nb"] {
        let dir = format!("out-{language}");
        let line = w
            .december(
                &[
                    "--language",
                    language,
                    "--formats",
                    "csv,md",
                    "--out-dir",
                    &dir,
                    "--json",
                ],
                "sample_data/complaints.csv",
            )
            .ok()
            .to_string();
        json.push(serde_json::from_str::<serde_json::Value>(&line).unwrap());
        files.push(w.read(&format!("{dir}/2025-12/cases.csv")));
        markdown.push(w.read(&format!("{dir}/2025-12/complaint-sla-2025-12.md")));
    }
    assert_eq!(
        files[0], files[1],
        "cases.csv is the same in every language"
    );
    let mut reader = csv::Reader::from_reader(files[0].as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut by_kind: std::collections::BTreeMap<&str, u64> = Default::default();
    // The verdict's parts: answered late in the period by status, open past the deadline by
    // whether the deadline was before the period's first day.
    let mut verdict: std::collections::BTreeMap<&str, u64> = Default::default();
    for record in reader.records() {
        let record = record.unwrap();
        let get = |name: &str| &record[header.iter().position(|h| h == name).unwrap()];
        let (status, reason) = (get("status"), get("reason"));
        let part = match (status, get("resolved_in_period")) {
            ("breach_no_holding_reply", "true") => Some("late_no_timely_holding_reply"),
            ("breach_final_deadline", "true") => Some("late_after_final_deadline"),
            ("open_overdue", _) if get("applicable_deadline") < "2025-12-01" => {
                Some("overdue_at_start")
            }
            ("open_overdue", _) => Some("became_overdue_in_period"),
            _ => None,
        };
        if let Some(part) = part {
            *verdict.entry(part).or_default() += 1;
        }
        let (first, last) = (get("first_deadline"), get("final_deadline"));
        // The holding reply as the rules count it: none (a reply after the resolution is
        // ignored), late (after the first deadline) or timely.
        let (sent, resolved) = (get("holding_reply_date"), get("resolved_date"));
        let counted = !sent.is_empty() && (resolved.is_empty() || sent <= resolved);
        let missing = if !counted {
            Some("no holding reply".to_string())
        } else if sent > first {
            Some(format!(
                "holding reply sent late ({sent}, after the first deadline {first})"
            ))
        } else {
            None
        };
        let expected = match status {
            "breach_no_holding_reply" => {
                let missing = missing.expect("a late case without a timely reply");
                let kind = if counted {
                    "holding reply late"
                } else {
                    "no holding reply"
                };
                *by_kind.entry(kind).or_default() += 1;
                missing
            }
            "breach_final_deadline" => {
                let after = format!("resolved after the final deadline ({last})");
                let kind = if missing.is_some() {
                    "after the final deadline, no timely reply"
                } else {
                    "after the final deadline"
                };
                *by_kind.entry(kind).or_default() += 1;
                match missing {
                    Some(missing) => format!("{missing}; {after}"),
                    None => after,
                }
            }
            "open_overdue" => {
                let (which, deadline) = if missing.is_none() {
                    ("final", last)
                } else {
                    ("first", first)
                };
                let days = get("days_over_limit");
                *by_kind.entry("open overdue").or_default() += 1;
                match days {
                    "0" => format!("open, past the {which} deadline ({deadline})"),
                    "1" => format!("open, 1 working day past the {which} deadline"),
                    _ => format!("open, {days} working days past the {which} deadline"),
                }
            }
            _ => String::new(),
        };
        assert_eq!(reason, expected, "{record:?}");
    }
    // The sample's December: 20 + 34 resolved late, 49 open and overdue. Without a timely
    // holding reply: the 20, and 19 of the 34 (39 in all, as issue 23 counted them);
    // KL-2025-0000205's holding reply came two days after its first deadline.
    assert_eq!(
        by_kind.into_iter().collect::<Vec<_>>(),
        [
            ("after the final deadline", 15),
            ("after the final deadline, no timely reply", 19),
            ("holding reply late", 2),
            ("no holding reply", 18),
            ("open overdue", 49)
        ]
    );
    // The Summary counts the late cases without a timely holding reply over both kinds: 39.
    let without_reply = 18 + 2 + 19;
    assert!(
        markdown[0].contains(&format!(
            "| … of these late answers, without a timely holding reply (on either line above) | {without_reply} |"
        )),
        "{}",
        markdown[0]
    );
    assert!(markdown[1].contains(&format!(
        "| … av disse for sene svarene, uten foreløpig svar i tide (på en av linjene over) | \
         {without_reply} |"
    )));
    // The verdict, recounted: the --json line's counts, and its sentence in each language.
    let n = |k: &str| verdict[k];
    let late = n("late_no_timely_holding_reply") + n("late_after_final_deadline");
    let overdue = n("overdue_at_start") + n("became_overdue_in_period");
    for (k, line) in json.iter().enumerate() {
        let v = &line["verdict"];
        for (key, count) in &verdict {
            assert_eq!(v[key], *count, "{key}");
        }
        assert_eq!(v["resolved_late"], late);
        assert_eq!(v["open_overdue"], overdue);
        assert_eq!(v["verdict"], "not_met");
        assert_eq!(line["breaches"], late + overdue);
        let en = format!(
            "Not met: {late} complaints resolved in the period were answered late ({} after the \
             first deadline without a timely holding reply, {} after the final deadline); \
             {overdue} open complaints are past their deadline ({} became overdue in the \
             period, {} already overdue at its start). 22 rejected rows are in no figure, {} of \
             which may belong to this period (see Data quality).",
            n("late_no_timely_holding_reply"),
            n("late_after_final_deadline"),
            n("became_overdue_in_period"),
            n("overdue_at_start"),
            line["rows_rejected_in_period"],
        );
        let nb = format!(
            "Ikke oppfylt: {late} klager som ble løst i perioden, ble besvart for sent ({} etter \
             første frist uten foreløpig svar i tide, {} etter siste frist); {overdue} åpne \
             klager er over fristen ({} kom over fristen i perioden, {} var allerede over \
             fristen ved periodens start). 22 avviste rader er ikke med i noe tall, {} av dem kan \
             høre til perioden (se Datakvalitet).",
            n("late_no_timely_holding_reply"),
            n("late_after_final_deadline"),
            n("became_overdue_in_period"),
            n("overdue_at_start"),
            line["rows_rejected_in_period"],
        );
        assert_eq!(v["text"], en.as_str(), "the terminal's verdict is English");
        let said = if k == 0 { &en } else { &nb };
        assert!(
            markdown[k].starts_with(&format!(
                "# {}\n\n**{said}**\n",
                ["Complaint handling report 2025-12", "Klagerapport 2025-12"][k]
            )),
            "{}",
            markdown[k]
        );
    }
    assert_eq!((late, overdue), (54, 49));
    assert!(files[0].contains("KL-2025-0000205,2025-11-16,2025-12-07,"));
    assert!(
        files[0]
            .contains("holding reply sent late (2025-12-07, after the first deadline 2025-12-05)")
    );
}

/// The verdict's three tones: met on clean data is green, met with a rejected row beside it
/// is amber and says how many rows are in no figure, and an empty month is amber, never green.
#[test]
fn a_verdict_is_green_only_when_met_on_clean_data() {
    let w = Workdir::new();
    let clean = "case_id,received_at,holding_reply_at,resolved_at\n\
                 D1,2025-10-01,,2025-10-10\nD2,2025-10-20,,2025-10-30\n";
    w.write("clean.csv", clean);
    w.write(
        "rejected.csv",
        format!("{clean}D3,2025-10-03,,31.11.2025\n"),
    );
    let run = |input: &str, period: &str, dir: &str| {
        let line = w
            .run(&[
                "report",
                "--period",
                period,
                "--today",
                "2026-01-01",
                "--formats",
                "html,md",
                "--out-dir",
                dir,
                "--json",
                input,
            ])
            .ok()
            .to_string();
        let json: serde_json::Value = serde_json::from_str(&line).unwrap();
        let html = w.read(&format!("{dir}/{period}/complaint-sla-{period}.html"));
        (json, html)
    };
    let (json, html) = run("clean.csv", "2025-10", "clean");
    assert_eq!(json["verdict"]["verdict"], "met");
    assert!(
        html.contains("<p class=\"verdict met\">Met: every complaint"),
        "{html}"
    );

    let (json, html) = run("rejected.csv", "2025-10", "rejected");
    assert_eq!(json["verdict"]["verdict"], "met");
    assert!(
        json["verdict"]["text"].as_str().unwrap().ends_with(
            "1 rejected row is in no figure, and it may belong to this period \
                 (see Data quality)."
        ),
        "{json}"
    );
    assert!(
        html.contains("<p class=\"verdict caution\">Met: every complaint"),
        "{html}"
    );

    // A reject whose dates place it before the period does not question October's verdict.
    w.write(
        "before.csv",
        format!("{clean}D4,2025-09-01,2025-08-29,2025-09-05\n"),
    );
    let (json, html) = run("before.csv", "2025-10", "before");
    assert_eq!(json["rows_rejected_in_period"], 0);
    assert!(
        json["verdict"]["text"].as_str().unwrap().ends_with(
            "1 rejected row is in no figure; its dates place it outside this period \
             (see Data quality)."
        ),
        "{json}"
    );
    assert!(
        html.contains("<p class=\"verdict met\">Met: every complaint"),
        "{html}"
    );

    let (json, html) = run("clean.csv", "2025-09", "empty");
    assert_eq!(json["verdict"]["verdict"], "no_cases");
    assert!(
        html.contains("<p class=\"verdict caution\">Nothing to judge"),
        "{html}"
    );
}

/// A Salesforce export holds the record's internal `Id` beside the `CaseNumber` people use:
/// the case number is the case id, the record id is carried, and the choice is said.
#[test]
fn a_salesforce_record_id_is_carried_and_the_case_number_is_the_case_id() {
    let w = Workdir::new();
    w.write(
        "sf.csv",
        "Id,CaseNumber,CreatedDate,ClosedDate\n\
         5003000000D8cuIAAR,00001001,2025-11-03T09:15:00Z,2025-11-10T14:05:09Z\n",
    );
    w.run(&[
        "report",
        "--period",
        "2025-11",
        "--today",
        "2026-01-01",
        "--formats",
        "csv,json",
        "--out-dir",
        "out",
        "sf.csv",
    ])
    .ok();
    let cases = w.read("out/2025-11/cases.csv");
    let row = cases.lines().nth(1).unwrap();
    assert!(row.starts_with("00001001,2025-11-03,"), "{cases}");
    assert!(row.contains("5003000000D8cuIAAR"), "{cases}");
    let summary: serde_json::Value =
        serde_json::from_str(&w.read("out/2025-11/summary.json")).unwrap();
    assert_eq!(
        summary["inputs"][0]["column_choices"][0],
        "case id: 'CaseNumber', not 'Id' (a record id beside the case number; --map \
         case_id=\"Id\" to use it)"
    );
}

/// The Method's sources say when a policy counts other limits than the 15/35 rule they cite.
#[test]
fn a_policy_with_its_own_limits_is_not_called_the_15_35_rule() {
    let w = Workdir::new();
    w.write("export.csv", CANONICAL);
    w.write(
        "ten.toml",
        "name = \"ten\"\nfirst_limit = 10\nfinal_limit = 30\n",
    );
    w.run(&[
        "report",
        "--policy",
        "ten.toml",
        "--period",
        "2025-03",
        "--today",
        "2025-04-10",
        "--formats",
        "md",
        "--out-dir",
        "out",
        "export.csv",
    ])
    .ok();
    let md = w.read("out/2025-03/complaint-sla-2025-03.md");
    assert!(
        md.contains(
            "Policy ten's own limits (10 working days, then 30 calendar days with a timely \
             holding reply) in place of the 15/35 rule: "
        ),
        "{md}"
    );
    assert!(!md.contains("The 15/35 rule (policy ten)"));
}

/// An export whose resolution column is renamed stops the run: every case would look open.
/// `--allow-missing resolved_at` says it truly has none, and then the `--json` line says so
/// too; a missing holding-reply column is a warning that reaches the `--json` line.
#[test]
fn a_missing_resolution_column_stops_the_run_unless_allowed() {
    let w = Workdir::with_sample_data();
    let sample = w.read("sample_data/complaints.csv");
    let (header, rows) = sample.split_once('\n').unwrap();
    assert!(header.contains(";Løst dato;"), "{header}");
    w.write(
        "renamed.csv",
        format!("{}\n{rows}", header.replace(";Løst dato;", ";Ferdigstilt;")),
    );
    let run = |extra: &[&str]| {
        let mut args = vec!["-q", "--json", "--fail-on-breach"];
        args.extend_from_slice(extra);
        w.december(&args, "renamed.csv")
    };
    let refused = run(&[]);
    assert_eq!(refused.code, Some(1), "{refused}");
    assert!(
        refused.stderr.contains(
            "error: renamed.csv: no resolution-date column (resolved_at): every case in it \
             would count as open"
        ) && refused.stderr.contains("--allow-missing resolved_at"),
        "{refused}"
    );
    let line: serde_json::Value = serde_json::from_str(&refused.stdout).unwrap();
    assert_eq!(line["status"], "error");
    assert_eq!(line["exit_code"], 1);
    assert!(
        !w.path().join("reports/2025-12").exists(),
        "nothing written"
    );

    let allowed = run(&["--allow-missing", "resolved_at"]);
    assert_eq!(allowed.code, Some(3), "{allowed}");
    let line: serde_json::Value = serde_json::from_str(&allowed.stdout).unwrap();
    assert_eq!(
        line["columns_missing"][0]["column"], "resolved_at",
        "{line}"
    );
    assert_eq!(line["columns_missing"][0]["input"], "renamed.csv", "{line}");
    let summary: serde_json::Value =
        serde_json::from_str(&w.read("reports/2025-12/summary.json")).unwrap();
    // The rows kept with a remark, and the missing column.
    let remarks: u64 = summary["warnings_by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(line["warnings"], remarks + 1, "{line}");
    assert_eq!(summary["columns_missing"][0]["column"], "resolved_at");
    assert!(
        w.read("reports/2025-12/complaint-sla-2025-12.md")
            .contains("no resolution-date column")
    );
}

/// What was sent stays: an identical rerun changes nothing; a rerun on a changed export keeps
/// the earlier report beside the new one, renamed after the time it was written, and says
/// so; `--keep-runs` bounds how many are kept; a folder holds one run's files only.
#[test]
fn a_changed_rerun_keeps_the_report_that_was_sent() {
    let w = Workdir::new();
    w.write("export.csv", CANONICAL);
    let run = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "--period",
            "2025-03",
            "--today",
            "2025-04-10",
            "--out-dir",
            "out",
            "--json",
        ];
        args.extend_from_slice(extra);
        args.push("export.csv");
        let out = w.run(&args);
        let line: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
        (line, out.stderr.clone())
    };
    let folders = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(w.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        names
    };
    let (first, _) = run(&[]);
    assert_eq!(first["replaced"], serde_json::Value::Null);
    let sent = w.read("out/2025-03/summary.json");
    // The same run again: nothing changes.
    let (again, _) = run(&[]);
    assert_eq!(again["replaced"], serde_json::Value::Null);
    assert_eq!(folders(), ["2025-03"]);

    // A late resolution entered after the report was sent.
    w.write(
        "export.csv",
        CANONICAL.replace("A-7,2025-03-10,,,", "A-7,2025-03-10,,2025-04-02,"),
    );
    let (changed, stderr) = run(&[]);
    let kept = changed["replaced"].as_str().unwrap().to_string();
    let kept_name = kept.trim_start_matches("out/");
    assert!(
        kept_name.starts_with("2025-03.20") && kept_name.len() == "2025-03.2026-01-01T060000".len(),
        "{kept}"
    );
    assert!(
        stderr.contains(&format!("it is kept as {kept}")),
        "{stderr}"
    );
    assert_eq!(folders(), ["2025-03".to_string(), kept_name.to_string()]);
    assert_eq!(
        w.read(&format!("{kept}/summary.json")),
        sent,
        "the report that was sent"
    );
    assert_ne!(w.read("out/2025-03/summary.json"), sent);

    // Fewer formats: the folder holds this run's files only; the earlier run is kept.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    run(&["--formats", "md"]);
    let names: Vec<String> = std::fs::read_dir(w.path().join("out/2025-03"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["complaint-sla-2025-03.md"]);
    assert_eq!(folders().len(), 3, "{:?}", folders());
    // --keep-runs 1: the oldest kept run goes.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    run(&["--keep-runs", "1"]);
    let now = folders();
    assert_eq!(now.len(), 2, "{now:?}");
    assert!(!now.contains(&kept_name.to_string()), "{now:?}");
}

/// Rejected rows that may belong to the month are counted as such: an open case received on
/// "31.11.2025", an open case with no receipt date, a conflicting duplicate of which one copy
/// is open. Rows whose dates place them outside December (resolved in October, received after
/// the as-of date) are rejects too, but not the month's. They are listed first in Data
/// quality, counted in summary.json and the `--json` line, and said in the verdict.
#[test]
fn rejects_that_may_belong_to_the_month_are_counted_as_such() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "Saksnummer;Mottatt;Foreløpig svar;Løst dato\n\
         K-1;01.12.2025;;05.12.2025\n\
         K-2;31.10.2025;27.10.2025;03.11.2025\n\
         K-3;31.11.2025;;\n\
         K-4;;;\n\
         K-5;02.12.2025;;\n\
         K-5;02.11.2025;;20.11.2025\n\
         K-6;15.01.2026;10.01.2026;\n",
    );
    let line = w
        .run(&[
            "report",
            "--period",
            "2025-12",
            "--as-of",
            "2025-12-31",
            "--today",
            "2026-01-20",
            "--formats",
            "csv,json,md",
            "--out-dir",
            "out",
            "--json",
            "-q",
            "export.csv",
        ])
        .ok()
        .to_string();
    let json: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(json["rows_rejected"], 6, "{json}");
    // K-3, K-4 and both rows of K-5: the open one, and the one resolved in November (either
    // copy may be the true one).
    assert_eq!(json["rows_rejected_in_period"], 4, "{json}");
    let summary: serde_json::Value =
        serde_json::from_str(&w.read("out/2025-12/summary.json")).unwrap();
    assert_eq!(summary["rows_rejected_in_period"], 4);
    assert!(
        json["verdict"]["text"].as_str().unwrap().ends_with(
            "6 rejected rows are in no figure, 4 of which may belong to this period \
             (see Data quality)."
        ),
        "{json}"
    );
    let md = w.read("out/2025-12/complaint-sla-2025-12.md");
    assert!(
        md.contains(
            "4 of the 6 rejected rows may belong to this period: what can be read of their dates \
             does not place them outside. They are listed first."
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "2 rows are conflicting duplicates (1 case): rows of one input that share a case id \
             with different content. Each such case is left out of every figure until the \
             export is fixed."
        ),
        "{md}"
    );
    assert!(md.contains("| `conflicting_duplicate` | 2 | 2 |"), "{md}");
    assert!(
        md.contains("| `holding_reply_before_received` | 2 | 0 |"),
        "{md}"
    );
    // The list: K-3, K-4, K-5, K-5 first, then K-2 and K-6, each in file order.
    let listed: Vec<(&str, &str)> = md
        .lines()
        .filter(|l| l.starts_with("| reject"))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            (cells[0].trim_start_matches("| "), cells[3])
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("reject, may be in period", "K-3"),
            ("reject, may be in period", "K-4"),
            ("reject, may be in period", "K-5"),
            ("reject, may be in period", "K-5"),
            ("reject", "K-2"),
            ("reject", "K-6"),
        ],
        "{md}"
    );
    let rejects = w.read("out/2025-12/rejects.csv");
    assert!(
        rejects.contains("export.csv,4,K-3,unparseable_date,received_at,31.11.2025,true\n"),
        "{rejects}"
    );
    assert!(
        rejects.contains(
            "export.csv,3,K-2,holding_reply_before_received,holding_reply_at,27.10.2025,false\n"
        ),
        "{rejects}"
    );
}

/// `--formats parquet`: `cases.parquet` holds the columns of `cases.csv`, typed, with the
/// same values (read back with polars), the report's identity as metadata, and the same bytes
/// from the same run.
#[test]
fn the_parquet_case_file_reads_back_as_cases_csv() {
    use polars::prelude::*;
    use polars_io::SerReader;
    use polars_io::parquet::read::ParquetReader;
    let w = Workdir::with_sample_data();
    let run = |out: &str| {
        w.run(&[
            "report",
            "--policy",
            "sample_data/group/policy.toml",
            "--period",
            "2025-12",
            "--formats",
            "csv,parquet",
            "--out-dir",
            out,
            "sample_data/group/complaints.csv",
        ])
        .ok();
    };
    run("a");
    run("b");
    let bytes = std::fs::read(w.path().join("a/2025-12/cases.parquet")).unwrap();
    assert_eq!(
        bytes,
        std::fs::read(w.path().join("b/2025-12/cases.parquet")).unwrap(),
        "the same run gives the same bytes"
    );
    let mut reader = ParquetReader::new(std::io::Cursor::new(bytes.clone()));
    let metadata = reader.get_metadata().unwrap().clone();
    let frame = reader.finish().unwrap();
    let csv = w.read("a/2025-12/cases.csv");
    let mut lines = csv::Reader::from_reader(csv.as_bytes());
    let headers: Vec<String> = lines.headers().unwrap().iter().map(String::from).collect();
    let names: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(names, headers, "the columns of cases.csv, in its order");
    for (name, dtype) in [
        ("received_date", DataType::Date),
        ("working_days_elapsed", DataType::Int64),
        ("first_limit_breached", DataType::Boolean),
        ("status", DataType::String),
        ("market", DataType::String),
        ("source_line", DataType::Int64),
    ] {
        assert_eq!(frame.column(name).unwrap().dtype(), &dtype, "{name}");
    }
    let records: Vec<csv::StringRecord> = lines.records().map(|r| r.unwrap()).collect();
    assert_eq!(frame.height(), records.len());
    for (c, name) in headers.iter().enumerate() {
        let column = frame.column(name).unwrap().as_materialized_series().clone();
        for (row, record) in records.iter().enumerate() {
            let value = column.get(row).unwrap();
            let text = match value {
                AnyValue::Null => String::new(),
                AnyValue::Boolean(b) => b.to_string(),
                AnyValue::Date(d) => (chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
                    + chrono::Duration::days(d.into()))
                .to_string(),
                AnyValue::Float64(f) => format!("{f:.2}"),
                AnyValue::String(s) => s.to_string(),
                AnyValue::StringOwned(s) => s.to_string(),
                other => other.to_string(),
            };
            assert_eq!(text, &record[c], "row {row}, column {name}");
        }
    }
    let kv = metadata.key_value_metadata().as_ref().expect("metadata");
    let get = |key: &str| {
        kv.iter()
            .find(|k| k.key == key)
            .and_then(|k| k.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("complaint_sla.period"), "2025-12");
    assert_eq!(get("complaint_sla.as_of"), "2025-12-31");
    assert_eq!(get("complaint_sla.policy"), "sample-group");
    assert!(get("complaint_sla.inputs").contains("\"sha256\":\""));
    // Not a default format.
    w.run(&[
        "report",
        "--policy",
        "sample_data/policy.toml",
        "--period",
        "2025-12",
        "--out-dir",
        "c",
        "sample_data/complaints.csv",
    ])
    .ok();
    assert!(!w.path().join("c/2025-12/cases.parquet").exists());
}
