//! The sixteen faults of issue 21, each as a user meets it: a small export shaped the way
//! real systems write it, the binary run on it, and what it wrote. Each test failed before its
//! fix.

use crate::harness::Workdir;

/// A March 2025 report of `input`, as of its last day, run on 10 April.
/// A March report of `input`. The edge exports here are small and most have no resolution
/// column: `--allow-missing resolved_at` says so (without it the run stops, as it should).
fn march(w: &Workdir, input: &str, extra: &[&str]) -> crate::harness::Output {
    let mut args = vec![
        "report",
        "--allow-missing",
        "resolved_at",
        "--period",
        "2025-03",
        "--as-of",
        "2025-03-31",
        "--today",
        "2025-04-10",
        "--out-dir",
        "out",
    ];
    args.extend_from_slice(extra);
    args.push(input);
    w.run(&args)
}

fn summary(w: &Workdir) -> serde_json::Value {
    serde_json::from_str(&w.read("out/2025-03/summary.json")).unwrap()
}

/// `cases.csv` without its source columns (the file name and line differ by source).
fn without_source(csv: &str) -> String {
    csv.lines()
        .map(|l| {
            let mut fields: Vec<&str> = l.split(',').collect();
            fields.truncate(fields.len().saturating_sub(2));
            fields.join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// 1. An amount marked with another currency is never summed as the policy's.
#[test]
fn an_amount_in_another_currency_is_warned_and_never_summed() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id;received_at;resolved_at;outcome;redress\n\
         C-1;03.03.2025;10.03.2025;upheld;1000 EUR\n\
         C-2;03.03.2025;10.03.2025;upheld;SEK 1000\n\
         C-3;03.03.2025;10.03.2025;upheld;1000 DKK\n\
         C-4;03.03.2025;10.03.2025;upheld;kr 500\n\
         C-5;03.03.2025;10.03.2025;upheld;250,00\n",
    );
    march(&w, "export.csv", &[]).ok();
    let s = summary(&w);
    assert_eq!(s["redress"]["paid"], 750.0, "{s}");
    assert_eq!(s["redress"]["cases_with_amount"], 2, "{s}");
    assert_eq!(s["warnings_by_kind"]["amount_in_other_currency"], 3);
    let warnings = w.read("out/2025-03/warnings.csv");
    assert!(
        warnings.contains(
            "C-1,amount_in_other_currency,redress_amount,\"1000 EUR (is in EUR, not the policy's NOK)\""
        ),
        "{warnings}"
    );
    // Under a EUR policy, kr is another currency and EUR is the policy's.
    w.write("eur.toml", "name = \"euro-bank\"\ncurrency = \"EUR\"\n");
    march(&w, "export.csv", &["--policy", "eur.toml"]).ok();
    let s = summary(&w);
    assert_eq!(s["redress"]["paid"], 1250.0, "{s}");
    let warnings = w.read("out/2025-03/warnings.csv");
    assert!(
        warnings.contains(
            "C-4,amount_in_other_currency,redress_amount,\"kr 500 (is in kr, not the policy's EUR)\""
        ),
        "{warnings}"
    );
}

/// 2. A Parquet case id stored as a float (pandas, one missing id) is its digits.
#[test]
fn parquet_float_ids_are_their_digits_and_a_fraction_is_rejected() {
    use polars::prelude::*;
    use polars_io::parquet::write::ParquetWriter;
    let w = Workdir::new();
    let mut frame = DataFrame::new_infer_height(vec![
        Series::new(
            "case_id".into(),
            [Some(10000124.0f64), None, Some(10000125.5)],
        )
        .into(),
        Series::new(
            "received_at".into(),
            [Some("2025-03-03"), Some("2025-03-04"), Some("2025-03-05")],
        )
        .into(),
    ])
    .unwrap();
    let file = std::fs::File::create(w.path().join("feb.parquet")).unwrap();
    ParquetWriter::new(file).finish(&mut frame).unwrap();
    w.write(
        "mar.csv",
        "case_id,received_at,resolved_at\n10000124,2025-03-03,2025-03-10\n",
    );
    march(&w, "mar.csv", &["feb.parquet"]).ok();
    let cases = w.read("out/2025-03/cases.csv");
    assert!(!cases.contains("10000124.0"), "{cases}");
    assert_eq!(cases.matches("10000124,").count(), 1, "one case: {cases}");
    let s = summary(&w);
    assert_eq!(s["rows_superseded"], 1, "{s}");
    assert_eq!(s["by_status"]["open_overdue"], 0, "no phantom: {s}");
    let rejects = w.read("out/2025-03/rejects.csv");
    assert!(
        rejects.contains("feb.parquet,3,10000125.5,unreadable_case_id,case_id,10000125.5"),
        "{rejects}"
    );
    assert!(
        rejects.contains("feb.parquet,2,,missing_case_id"),
        "{rejects}"
    );
}

/// 3. A case number stored as a number with a display format reads as Excel shows it.
#[test]
fn a_formatted_case_number_reads_as_excel_shows_it() {
    use rust_xlsxwriter::{Format, Workbook};
    let w = Workdir::new();
    let csv = "case_id,received_at,resolved_at\n\
               00012345,2025-03-03,2025-03-10\n\
               KL-00123,2025-03-04,\n\
               KL-2025-000124,2025-03-05,\n";
    w.write("export.csv", csv);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["case_id", "received_at", "resolved_at"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let padded = Format::new().set_num_format("00000000");
    let prefixed = Format::new().set_num_format("\"KL-\"00000");
    let grouped = Format::new().set_num_format("\\K\\L\\-0000\\-000000");
    sheet
        .write_number_with_format(1, 0, 12345.0, &padded)
        .unwrap();
    sheet
        .write_number_with_format(2, 0, 123.0, &prefixed)
        .unwrap();
    sheet
        .write_number_with_format(3, 0, 2025000124.0, &grouped)
        .unwrap();
    for (r, received, resolved) in [
        (1, "2025-03-03", "2025-03-10"),
        (2, "2025-03-04", ""),
        (3, "2025-03-05", ""),
    ] {
        sheet.write_string(r, 1, received).unwrap();
        sheet.write_string(r, 2, resolved).unwrap();
    }
    w.write("export.xlsx", book.save_to_buffer().unwrap());
    march(&w, "export.csv", &[]).ok();
    let from_csv = w.read("out/2025-03/cases.csv");
    march(&w, "export.xlsx", &[]).ok();
    let from_xlsx = w.read("out/2025-03/cases.csv");
    assert!(from_xlsx.contains("\n00012345,"), "{from_xlsx}");
    assert_eq!(without_source(&from_csv), without_source(&from_xlsx));
}

/// 6. A yes/no flag beside a date column is not taken for the date: the content chooses.
#[test]
fn a_flag_beside_a_date_column_is_not_taken_for_the_date() {
    let w = Workdir::new();
    let export = "Saksnummer;Mottatt;Foreløpig svar;Foreløpig svar dato;Løst;Løst dato\n\
                  K-1;03.03.2025;Ja;10.03.2025;Ja;01.04.2025\n\
                  K-2;04.03.2025;Nei;;Ja;12.03.2025\n\
                  K-3;05.03.2025;Nei;;Nei;\n";
    w.write("export.csv", export);
    let check = w.run(&["check", "export.csv"]);
    let text = check.ok();
    assert!(text.contains("3 rows read: 3 valid, 0 rejected"), "{check}");
    assert!(
        text.contains("resolved_at read from 'Løst dato' (the only one holding mostly dates) among 'Løst' (3 values, none a date), 'Løst dato' (2 dates)"),
        "{check}"
    );
    assert!(
        text.contains("holding_reply_at read from 'Foreløpig svar dato'"),
        "{check}"
    );
    march(&w, "export.csv", &[]).ok();
    let s = summary(&w);
    assert_eq!(s["cases_in_report"], 3, "{s}");
    assert_eq!(s["resolved_in_period"], 1, "{s}");
    let cases = w.read("out/2025-03/cases.csv");
    assert!(
        cases.contains("K-1,2025-03-03,2025-03-10,,2025-03-24,"),
        "K-1's holding reply is read: {cases}"
    );
    let choices = s["inputs"][0]["column_choices"].as_array().unwrap();
    assert_eq!(choices.len(), 2, "{s}");
    let md = w.read("out/2025-03/complaint-sla-2025-03.md");
    assert!(
        md.contains("read from 'Løst dato'"),
        "the Method says which"
    );
    // The same from a workbook.
    {
        use rust_xlsxwriter::Workbook;
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (r, line) in export.lines().enumerate() {
            for (c, v) in line.split(';').enumerate() {
                if !v.is_empty() {
                    sheet.write_string(r as u32, c as u16, v).unwrap();
                }
            }
        }
        w.write("export.xlsx", book.save_to_buffer().unwrap());
        let check = w.run(&["check", "export.xlsx"]);
        assert!(check.ok().contains("3 valid, 0 rejected"), "{check}");
    }
    // When no candidate holds a date, the run stops and names the --map that settles it.
    w.write(
        "flags.csv",
        "case_id;received_at;Løst;Løst dato\nK-1;03.03.2025;Ja;snart\n",
    );
    let out = w.run(&["check", "flags.csv"]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(out.stderr.contains("--map resolved_at=\"HEADER\""), "{out}");
}

/// 7. A reversal is written as the number it is: a spreadsheet's SUM agrees.
#[test]
fn a_negative_amount_is_a_number_in_cases_csv() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id;received_at;resolved_at;redress\n\
         C-1;03.03.2025;10.03.2025;-250,00\n\
         C-2;03.03.2025;10.03.2025;=1+1\n",
    );
    march(&w, "export.csv", &[]).ok();
    let cases = w.read("out/2025-03/cases.csv");
    assert!(cases.contains(",-250.00,"), "{cases}");
    assert!(!cases.contains("'-250.00"), "{cases}");
    // The formula guard still holds for text: an unreadable amount is a warning, its value
    // text.
    let warnings = w.read("out/2025-03/warnings.csv");
    assert!(warnings.contains(",\"'=1+1 ("), "{warnings}");
}

/// 9. An as-of date after the day of the run is refused, and nothing is written.
#[test]
fn an_as_of_date_after_today_is_refused() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at\nC-1,2025-03-03\nC-2,2025-04-20\n",
    );
    let out = w.run(&[
        "report",
        "--period",
        "2025-03",
        "--as-of",
        "2025-04-30",
        "--today",
        "2025-04-10",
        "--out-dir",
        "out",
        "export.csv",
    ]);
    assert_eq!(
        out.bad_input(),
        "error: --as-of: the as-of date 2025-04-30 is after today (2025-04-10): a report can show the cases only as they stand on a day that has come"
    );
    assert!(!w.path().join("out").exists());
    // A receipt after the day of the run is warned and left out of the report.
    let out = w.run(&[
        "report",
        "--allow-missing",
        "resolved_at",
        "--period",
        "2025-03",
        "--today",
        "2025-04-10",
        "--out-dir",
        "out",
        "export.csv",
    ]);
    out.ok();
    let s = summary(&w);
    assert_eq!(s["cases_in_report"], 1, "{s}");
    assert_eq!(s["warnings_by_kind"]["received_after_run_date"], 1, "{s}");
    assert!(!w.read("out/2025-03/cases.csv").contains("C-2"));
}

/// 10. A header named like one of the evaluation's own columns is carried, never a clash.
#[test]
fn every_internal_and_computed_name_is_carried() {
    use complaint_sla::columns::{COMPUTED, Canonical, INTERNAL};
    let w = Workdir::new();
    // Every name the report writes (a plain run's cases.csv header), every computed and every
    // internal one, less the export's own columns (case_id, channel, ...).
    w.write("plain.csv", "case_id,received_at\nC-1,2025-03-03\n");
    march(&w, "plain.csv", &["--formats", "csv"]).ok();
    let plain = w.read("out/2025-03/cases.csv");
    let mut names: Vec<String> = plain
        .lines()
        .next()
        .unwrap()
        .split(',')
        .chain(COMPUTED)
        .chain(INTERNAL)
        .map(str::to_string)
        .filter(|n| Canonical::ALL.iter().all(|c| c.name() != n))
        // A name that is another name of an export's column (`reason` for the category) is
        // read as that column, not carried.
        .filter(|n| {
            Canonical::ALL
                .iter()
                .all(|c| !c.aliases().contains(&n.as_str()))
        })
        .collect();
    names.sort();
    names.dedup();
    assert!(names.len() > 30, "{names:?}");
    // With the date columns under their canonical names, a look-alike header (`resolved_date`)
    // is chosen by content, and carried.
    let header = format!(
        "case_id,received_at,holding_reply_at,resolved_at,referred_at,{}",
        names.join(",")
    );
    let row = format!(
        "C-1,2025-03-03,,2025-03-10,,{}",
        (0..names.len())
            .map(|i| format!("v{i}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    w.write("export.csv", format!("{header}\n{row}\n"));
    march(&w, "export.csv", &["--compare-policy", "psd2"]).ok();
    let cases = w.read("out/2025-03/cases.csv");
    let mut lines = cases.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    for (i, name) in names.iter().enumerate() {
        let at = header
            .iter()
            .position(|h| *h == format!("input_{name}"))
            .unwrap_or_else(|| panic!("{name} is not carried as input_{name}: {header:?}"));
        assert_eq!(row[at], format!("v{i}"), "{name}");
    }
    assert_eq!(
        row[header.iter().position(|h| *h == "status").unwrap()],
        "resolved_on_time"
    );
}

/// 11. A blank row in a worksheet is skipped, as a blank line of a CSV file is.
#[test]
fn a_blank_worksheet_row_is_no_row() {
    use rust_xlsxwriter::Workbook;
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at\nC-1,2025-03-03\n\nC-2,2025-03-04\n",
    );
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, (a, b)) in [
        (0, ("case_id", "received_at")),
        (1, ("C-1", "2025-03-03")),
        (3, ("C-2", "2025-03-04")),
    ] {
        sheet.write_string(r, 0, a).unwrap();
        sheet.write_string(r, 1, b).unwrap();
    }
    // A row of cells holding only spaces is blank too.
    sheet.write_string(4, 0, " ").unwrap();
    sheet.write_string(4, 1, "  ").unwrap();
    w.write("export.xlsx", book.save_to_buffer().unwrap());
    for input in ["export.csv", "export.xlsx"] {
        let out = w.run(&["check", input]);
        assert!(
            out.ok().contains("2 rows read: 2 valid, 0 rejected"),
            "{out}"
        );
    }
}

/// 14. The regulator return and the Summary count the same breaches for a short first limit.
#[test]
fn a_short_first_limit_hides_no_breach_in_the_quick_bucket() {
    let w = Workdir::new();
    w.write("short.toml", "name = \"short\"\nfirst_limit = 2\n");
    // Received Monday 3 March: the first deadline is Wednesday 5 March; resolved on the
    // Thursday, day 3, without a holding reply.
    w.write(
        "export.csv",
        "case_id,received_at,resolved_at\nC-1,2025-03-03,2025-03-06\nC-2,2025-03-03,2025-03-05\n",
    );
    march(&w, "export.csv", &["--policy", "short.toml"]).ok();
    let s = summary(&w);
    assert_eq!(s["by_status"]["breach_no_holding_reply"], 1, "{s}");
    let md = w.read("out/2025-03/complaint-sla-2025-03.md");
    assert!(
        md.contains("| … within 3 working days, by the first deadline | 1 |"),
        "{md}"
    );
    assert!(
        md.contains("| … … of which without a timely holding reply (breaches) | 1 |"),
        "{md}"
    );
}

/// 15. Workbook dates before 1 March 1900 have Excel's serial numbers.
#[test]
fn workbook_dates_before_march_1900_are_the_right_day() {
    use calamine::{Data, Reader, Xlsx};
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,resolved_at\n\
         C-1,1900-01-01,1900-01-02\n\
         C-2,1900-02-28,1900-03-01\n",
    );
    w.run(&[
        "report",
        "--period",
        "1900",
        "--today",
        "2025-04-10",
        "--out-dir",
        "out",
        "export.csv",
    ])
    .ok();
    let mut book: Xlsx<_> =
        calamine::open_workbook(w.path().join("out/1900/complaint-sla-1900.xlsx")).unwrap();
    let range = book.worksheet_range("Cases").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let serial = |row: usize, name: &str| match &rows[row][col(name)] {
        Data::DateTime(d) => d.as_f64(),
        Data::Float(f) => *f,
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(serial(1, "received_date"), 1.0);
    assert_eq!(serial(1, "resolved_date"), 2.0);
    assert_eq!(serial(2, "received_date"), 59.0);
    assert_eq!(serial(2, "resolved_date"), 61.0);
}

/// 16. `deadline` and `calendar` read the environment `report` reads.
#[test]
fn every_command_reads_the_same_environment() {
    let w = Workdir::with_sample_data();
    let run = |args: &[&str]| {
        let out = crate::harness::command()
            .args(args)
            .current_dir(w.path())
            .env("COMPLAINT_SLA_POLICY", "sample_data/policy.toml")
            .env("COMPLAINT_SLA_HOLIDAYS", "sample_data/holidays.csv")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "deadline",
        "--received",
        "2025-12-19",
        "--holding-reply",
        "2026-01-09",
        "--resolved",
        "2026-01-30",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["policy"], "sample-bank");
    assert_eq!(json["holiday_file"], "sample_data/holidays.csv");
    assert_eq!(json["final_deadline"], "2026-01-23");
    let text = run(&["deadline", "--received", "2025-12-19"]);
    assert!(text.starts_with("Policy sample-bank:"), "{text}");
    assert!(
        text.contains("Calendar changed by the holiday file sample_data/holidays.csv"),
        "{text}"
    );
    let calendar = run(&["calendar", "--year", "2026", "--format", "csv"]);
    assert!(
        calendar.contains("2026-06-19,Friday,Sommerfest"),
        "{calendar}"
    );
}

/// 12. A stale export is said in every output, and `--fail-on-stale` stops the run.
#[test]
fn a_stale_export_is_said_everywhere_and_can_stop_the_run() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,holding_reply_at,resolved_at\n\
         C-1,2025-12-01,,2025-12-05\n\
         C-2,2025-12-10,2025-12-19,\n\
         C-3,2025-12-11,,2052-11-06\n\
         C-4,2062-12-01,,\n",
    );
    let run = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "--period",
            "2026-10",
            "--today",
            "2026-11-02",
            "--out-dir",
            "out",
        ];
        args.extend_from_slice(extra);
        args.push("export.csv");
        w.run(&args)
    };
    let out = run(&[]);
    out.ok();
    let warning = "the newest date in the inputs (receipt, holding reply or resolution) is 2025-12-19, 316 days before the as-of date 2026-10-31";
    assert!(out.stderr.contains(&format!("warning: {warning}")), "{out}");
    let s: serde_json::Value = serde_json::from_str(&w.read("out/2026-10/summary.json")).unwrap();
    assert_eq!(s["input_newest_date"], "2025-12-19");
    assert_eq!(s["stale_input"], true);
    assert_eq!(s["stale_after_days"], 7);
    let md = w.read("out/2026-10/complaint-sla-2026-10.md");
    assert!(
        md.contains("> **Warning:** the newest date in the inputs is 2025-12-19, 316 days before the as-of date 2026-10-31"),
        "{md}"
    );
    assert!(md.contains("**Freshness of the inputs**"), "{md}");
    // The scheduled flags: the JSON line says it too.
    let out = run(&["-q", "--json"]);
    let line: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
    assert_eq!(line["stale_input"], true);
    // --fail-on-stale: exit 1, nothing written (the previous report stays as it was).
    std::fs::remove_dir_all(w.path().join("out")).unwrap();
    let out = run(&["--fail-on-stale"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stderr.contains("nothing was written (--fail-on-stale)"),
        "{out}"
    );
    assert!(!w.path().join("out/2026-10").exists());
    // So does the policy's key; a threshold it sets is used.
    w.write("strict.toml", "name = \"strict\"\nfail_on_stale = true\n");
    assert_eq!(run(&["--policy", "strict.toml"]).code, Some(1));
    w.write(
        "lenient.toml",
        "name = \"lenient\"\nstale_after_days = 366\nfail_on_stale = true\n",
    );
    run(&["--policy", "lenient.toml"]).ok();
    // A fresh export says nothing.
    w.write(
        "export.csv",
        "case_id,received_at,resolved_at\nC-1,2026-10-01,2026-10-28\n",
    );
    let out = run(&["--fail-on-stale"]);
    out.ok();
    assert!(!out.stderr.contains("stale"), "{out}");
}

/// Fault 8: a comparison policy in another time zone would read the timestamps otherwise; it is
/// refused with the reason, unless the zones agree over the data's years.
#[test]
fn a_comparison_policy_in_another_time_zone_is_refused_when_it_would_differ() {
    let w = Workdir::new();
    // Received at 23:30 UTC on Monday 3 March: Tuesday 4 March in Oslo, Monday in New York.
    w.write(
        "export.csv",
        "case_id,received_at,resolved_at\nC-1,2025-03-03T23:30:00Z,2025-03-25\nC-2,2025-03-10,2025-03-12\n",
    );
    w.write(
        "ny.toml",
        "name = \"new-york\"\ntime_zone = \"America/New_York\"\nbase = \"psd2\"\n",
    );
    let out = march(&w, "export.csv", &["--compare-policy", "ny.toml"]);
    let line = out.bad_input();
    assert!(
        line.starts_with("error: --compare-policy: new-york counts in the time zone America/New_York, this report in Europe/Oslo"),
        "{line}"
    );
    assert!(line.contains("1 timestamps with an offset"), "{line}");
    assert!(!w.path().join("out/2025-03").exists());
    // Stockholm keeps Oslo's time: the comparison is what a run of it finds.
    w.write(
        "se.toml",
        "name = \"stockholm\"\ntime_zone = \"Europe/Stockholm\"\nbase = \"psd2\"\n",
    );
    march(&w, "export.csv", &["--compare-policy", "se.toml"]).ok();
    // Dates without a time are the same day in every zone.
    w.write(
        "dates.csv",
        "case_id,received_at,resolved_at\nC-1,2025-03-03,2025-03-25\n",
    );
    march(&w, "dates.csv", &["--compare-policy", "ny.toml"]).ok();
}

/// 13. A timestamp with an offset gets its Oslo date in 2100-2199 and before 1970 too.
#[test]
fn timestamps_outside_1970_2099_get_oslos_date() {
    let w = Workdir::new();
    for (received, date) in [
        ("2150-06-15T22:30:00Z", "2150-06-16"),
        ("1962-07-01T22:30:00Z", "1962-07-02"),
        ("1946-07-01T22:30:00Z", "1946-07-01"),
    ] {
        let out = w.run(&["deadline", "--received", received, "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(out.ok()).unwrap();
        assert_eq!(json["received_date"], date, "{received}");
    }
}

/// 4. `--redact` masks what the command line and the paths hold.
#[test]
fn redact_masks_the_command_line_and_the_paths() {
    let w = Workdir::new();
    let fnr = "01019012345";
    w.write(
        &format!("klager-{fnr}.csv"),
        "case_id,received_at,resolved_at\nC-1,2025-03-03,2025-03-10\n",
    );
    w.write(
        &format!("{fnr}/holidays.csv"),
        "date,name\n2025-03-14,Fagdag\n",
    );
    w.write(
        &format!("{fnr}/policy.toml"),
        "name = \"bank\"\nholidays = \"holidays.csv\"\n",
    );
    let policy = format!("{fnr}/policy.toml");
    let input = format!("klager-{fnr}.csv");
    march(&w, &input, &["--redact", "--policy", &policy]).ok();
    for entry in std::fs::read_dir(w.path().join("out/2025-03")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = if path.extension().is_some_and(|e| e == "xlsx") {
            crate::redact_harness::unzipped(&bytes)
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        assert!(!text.contains(fnr), "{} holds the id", path.display());
        assert!(
            !text.contains(&fnr[..7]),
            "{} holds its first digits",
            path.display()
        );
    }
    let md = w.read("out/2025-03/complaint-sla-2025-03.md");
    assert!(md.contains("klager-\\*\\*\\*\\*"), "{md}");
}

/// Fault 1 in a workbook: a number under a currency format is an amount in that currency.
#[test]
fn a_spreadsheet_amount_under_a_currency_format_is_never_summed_as_the_policys() {
    use rust_xlsxwriter::{Format, Workbook};
    let w = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["case_id", "received_at", "resolved_at", "Kompensasjon"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let euro = Format::new().set_num_format("#,##0.00\\ [$€-1]");
    let kroner = Format::new().set_num_format("\"kr\" #,##0.00");
    let sek = Format::new().set_num_format("[$SEK] #,##0.00");
    let plain = Format::new().set_num_format("#,##0.00");
    for (r, (format, amount)) in [
        (&euro, 1000.0),
        (&kroner, 250.0),
        (&sek, 100.0),
        (&plain, 50.5),
    ]
    .into_iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, format!("C-{r}")).unwrap();
        sheet.write_string(r, 1, "2025-03-03").unwrap();
        sheet.write_string(r, 2, "2025-03-10").unwrap();
        sheet
            .write_number_with_format(r, 3, amount, format)
            .unwrap();
    }
    w.write("export.xlsx", book.save_to_buffer().unwrap());
    march(&w, "export.xlsx", &[]).ok();
    let s = summary(&w);
    assert_eq!(s["redress"]["paid"], 300.5, "{s}");
    assert_eq!(s["warnings_by_kind"]["amount_in_other_currency"], 2, "{s}");
    w.write("eur.toml", "name = \"euro\"\ncurrency = \"EUR\"\n");
    march(&w, "export.xlsx", &["--policy", "eur.toml"]).ok();
    let s = summary(&w);
    assert_eq!(s["redress"]["paid"], 1050.5, "{s}");
}

/// An ODS number shown zero-padded reads as shown; a currency cell names its currency.
#[test]
fn an_ods_number_reads_as_the_sheet_shows_it() {
    let w = Workdir::new();
    let text = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    let row = |cells: Vec<String>| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let rows = [
        row(["case_id", "received_at", "resolved_at", "redress"].map(text).to_vec()),
        row(vec![
            "<table:table-cell table:style-name=\"ce1\" office:value-type=\"float\" office:value=\"12345\"><text:p>00012345</text:p></table:table-cell>".to_string(),
            text("2025-03-03"),
            text("2025-03-10"),
            "<table:table-cell office:value-type=\"currency\" office:currency=\"EUR\" office:value=\"1000\"><text:p>1 000,00 €</text:p></table:table-cell>".to_string(),
        ]),
        row(vec![
            "<table:table-cell office:value-type=\"float\" office:value=\"777\"><text:p>777</text:p></table:table-cell>".to_string(),
            text("2025-03-04"),
            text("2025-03-11"),
            "<table:table-cell office:value-type=\"currency\" office:currency=\"NOK\" office:value=\"250.5\"><text:p>kr 250,50</text:p></table:table-cell>".to_string(),
        ]),
    ];
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
        xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
        xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
        <office:body><office:spreadsheet><table:table table:name=\"Klager\">{}</table:table>\
        </office:spreadsheet></office:body></office:document-content>",
        rows.concat()
    );
    w.write("export.ods", crate::exports::ods_bytes(&content));
    w.write(
        "later.csv",
        "case_id,received_at,resolved_at\n00012345,2025-03-03,2025-03-10\n",
    );
    march(&w, "export.ods", &["later.csv"]).ok();
    let s = summary(&w);
    assert_eq!(s["cases_in_report"], 2, "one case 00012345, one 777: {s}");
    assert_eq!(s["rows_superseded"], 1, "{s}");
    march(&w, "export.ods", &[]).ok();
    let s = summary(&w);
    assert_eq!(s["redress"]["paid"], 250.5, "{s}");
    assert_eq!(s["warnings_by_kind"]["amount_in_other_currency"], 1, "{s}");
}

/// Fault 8, the other readings: a comparison policy that names other columns or another date
/// order is refused.
#[test]
fn a_comparison_policy_that_reads_the_export_otherwise_is_refused() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,resolved_at,Ferdig\nD1,02/11/2025,13/11/2025,\n",
    );
    w.write("ours.toml", "name = \"ours\"\ndate_order = \"dmy\"\n");
    w.write(
        "theirs.toml",
        "name = \"theirs\"\nbase = \"psd2\"\ndate_order = \"mdy\"\n",
    );
    w.write(
        "columns.toml",
        "name = \"columns\"\nbase = \"psd2\"\ndate_order = \"dmy\"\n[columns]\nresolved_at = \"Ferdig\"\n",
    );
    let run = |compare: &str| {
        w.run(&[
            "report",
            "--period",
            "2025-11",
            "--today",
            "2025-12-10",
            "--policy",
            "ours.toml",
            "--compare-policy",
            compare,
            "--out-dir",
            "out",
            "export.csv",
        ])
    };
    let order = run("theirs.toml");
    assert!(
        order
            .bad_input()
            .contains("reads slash dates in another order (mdy) than the report (dmy)"),
        "{order}"
    );
    let columns = run("columns.toml");
    assert!(
        columns
            .bad_input()
            .contains("names the export's columns otherwise ([columns])"),
        "{columns}"
    );
}

/// Two columns under one header are two columns; a renamed header never takes another's name.
#[test]
fn repeated_and_prefixed_headers_are_all_carried() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,Kommentar,Kommentar,status,input_status\nC-1,2025-03-03,a,b,Open,x\n",
    );
    march(&w, "export.csv", &[]).ok();
    let cases = w.read("out/2025-03/cases.csv");
    let mut reader = csv::Reader::from_reader(cases.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let record = reader.records().next().unwrap().unwrap();
    let row: Vec<&str> = record.iter().collect();
    let at = |name: &str| {
        row[header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no {name}: {header:?}"))]
    };
    assert_eq!(at("Kommentar"), "a");
    assert_eq!(at("Kommentar_2"), "b");
    assert_eq!(at("input_status"), "x");
    assert_eq!(at("input_status_2"), "Open");
    assert_eq!(at("status"), "open_overdue");
    // --redact leaves them out, or keeps one.
    march(&w, "export.csv", &["--redact", "--keep", "Kommentar"]).ok();
}

/// `check` warns a receipt after the day of the run, as `report` does.
#[test]
fn check_warns_a_receipt_after_the_day_of_the_run() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at\nC-1,2025-03-03\nC-2,2027-01-05\n",
    );
    let out = w.run(&["check", "--today", "2026-12-01", "export.csv"]);
    let text = out.ok();
    assert!(text.contains("2 valid, 0 rejected, 1 warnings"), "{out}");
    assert!(text.contains("received_after_run_date"), "{out}");
}

/// Parquet as pandas writes it: a `category` column, 32-bit float amounts, a blank row of
/// spaces; a text longer than a workbook cell holds.
#[test]
fn pandas_types_and_a_long_text_are_read_and_reported() {
    use polars::prelude::*;
    use polars_io::parquet::write::ParquetWriter;
    let w = Workdir::new();
    let long = "å".repeat(40_000);
    let mut frame = DataFrame::new_infer_height(vec![
        Series::new("case_id".into(), [Some("C-1"), Some("C-2"), Some(" ")]).into(),
        Series::new(
            "received_at".into(),
            [Some("2025-03-03"), Some("2025-03-04"), Some("  ")],
        )
        .into(),
        Series::new(
            "resolved_at".into(),
            [Some("2025-03-10"), Some("2025-03-11"), None],
        )
        .into(),
        Series::new("channel".into(), [Some("web"), Some("telefon"), None])
            .cast(&DataType::from_categories(Categories::global()))
            .unwrap()
            .into(),
        Series::new("redress".into(), [Some(19.99f32), Some(1234.56f32), None]).into(),
        Series::new(
            "Beskrivelse".into(),
            [Some(long.as_str()), Some("kort"), None],
        )
        .into(),
    ])
    .unwrap();
    let file = std::fs::File::create(w.path().join("export.parquet")).unwrap();
    ParquetWriter::new(file).finish(&mut frame).unwrap();
    let out = march(&w, "export.parquet", &[]);
    out.ok();
    assert!(
        out.stderr.contains(
            "1 text cells of the workbook were longer than Excel's 32,767 characters and were cut"
        ),
        "{out}"
    );
    let s = summary(&w);
    assert_eq!(s["rows_read"], 2, "the blank row is no row: {s}");
    assert_eq!(s["redress"]["paid"], 1254.55, "{s}");
    let cases = w.read("out/2025-03/cases.csv");
    assert!(cases.contains(",web,"), "{cases}");
    assert!(cases.contains(&long), "cases.csv keeps the whole text");
}

/// A comparison policy that differs from the report's only in its time zone is judged by the
/// zones, not refused as giving the same deadlines.
#[test]
fn a_comparison_policy_in_another_zone_only_is_refused_for_its_zone() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,resolved_at\nC-1,2025-03-03T23:30:00Z,2025-03-25\n",
    );
    w.write(
        "ny.toml",
        "name = \"new-york\"\ntime_zone = \"America/New_York\"\n",
    );
    let out = march(&w, "export.csv", &["--compare-policy", "ny.toml"]);
    assert!(
        out.bad_input()
            .contains("counts in the time zone America/New_York"),
        "{out}"
    );
}

/// Fault 12 with several inputs: a stale file given after a newer one is said, and stops the
/// run under --fail-on-stale.
#[test]
fn an_older_input_given_last_is_a_stale_export() {
    let w = Workdir::new();
    w.write(
        "archive.csv",
        "case_id;received_at;holding_reply_at;resolved_at\n\
         K1;01.10.2025;;20.10.2025\nK2;15.10.2025;;03.11.2025\nK3;20.10.2025;;05.11.2025\n\
         K4;10.11.2025;;28.11.2025\n",
    );
    w.write(
        "latest.csv",
        "case_id;received_at;holding_reply_at;resolved_at\n\
         K1;01.10.2025;;20.10.2025\nK2;15.10.2025;;\nK3;20.10.2025;;\n",
    );
    let run = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "--period",
            "2025-11",
            "--today",
            "2025-12-02",
            "--out-dir",
            "out",
        ];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["archive.csv", "latest.csv"]);
        w.run(&args)
    };
    let out = run(&[]);
    out.ok();
    assert!(
        out.stderr.contains("warning: the input latest.csv, given after archive.csv, is older than it (newest date 2025-10-20 against 2025-11-28)"),
        "{out}"
    );
    let s: serde_json::Value = serde_json::from_str(&w.read("out/2025-11/summary.json")).unwrap();
    assert_eq!(s["stale_input"], true, "{s}");
    assert_eq!(s["inputs"][1]["file"], "latest.csv");
    assert_eq!(run(&["--fail-on-stale"]).code, Some(1));
    // A later input older than the one before it is stale even when they share no case.
    w.write(
        "other.csv",
        "case_id;received_at;holding_reply_at;resolved_at\nK9;01.09.2025;;\n",
    );
    let out = w.run(&[
        "report",
        "--period",
        "2025-11",
        "--today",
        "2025-12-02",
        "--out-dir",
        "out",
        "archive.csv",
        "other.csv",
    ]);
    assert!(
        out.stderr
            .contains("the input other.csv, given after archive.csv"),
        "{out}"
    );
    // Oldest first, as they should be: no word.
    let out = w.run(&[
        "report",
        "--period",
        "2025-11",
        "--today",
        "2025-12-02",
        "--out-dir",
        "out",
        "--fail-on-stale",
        "latest.csv",
        "archive.csv",
    ]);
    out.ok();
    assert!(!out.stderr.contains("older than"), "{out}");
}

/// Fault 1 with the currency in a column of its own (Salesforce's `Compensation Amount
/// Currency`): an amount in another currency is never summed; without an amount column the
/// currency column is carried as any other.
#[test]
fn a_currency_column_beside_the_amount_marks_it() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "\"Case Number\",\"Date/Time Opened\",\"Date/Time Closed\",\"Compensation Amount\",\"Compensation Amount Currency\"\n\
         \"00001026\",\"3/3/2025 2:29 PM\",\"3/14/2025 9:05 AM\",\"1000.00\",\"EUR\"\n\
         \"00001027\",\"3/4/2025 2:29 PM\",\"3/15/2025 9:05 AM\",\"500.00\",\"NOK\"\n",
    );
    march(&w, "export.csv", &[]).ok();
    let s = summary(&w);
    assert_eq!(s["redress"]["paid"], 500.0, "{s}");
    assert_eq!(s["warnings_by_kind"]["amount_in_other_currency"], 1, "{s}");
    w.write(
        "plain.csv",
        "case_id,received_at,Currency\nC-1,2025-03-03,USD\n",
    );
    march(&w, "plain.csv", &[]).ok();
    assert!(w.read("out/2025-03/cases.csv").contains(",USD,"));
}

/// `--keep` and `--personal` name a column by the export's header, also when the report
/// carries it under another name: an export's `reason` beside its own `input_reason` is
/// carried as `input_reason_2`, and `--keep reason` keeps that one, never the column named
/// personal.
#[test]
fn keep_and_personal_name_the_exports_own_header() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,category,reason,input_reason\n\
         C-1,2025-03-03,fees,customer says too slow,SECRET-4711\n",
    );
    march(
        &w,
        "export.csv",
        &["--redact", "--keep", "reason", "--personal", "input_reason"],
    )
    .ok();
    let cases = w.read("out/2025-03/cases.csv");
    assert!(cases.contains("customer says too slow"), "{cases}");
    for file in ["cases.csv", "summary.json", "complaint-sla-2025-03.md"] {
        let text = w.read(&format!("out/2025-03/{file}"));
        assert!(!text.contains("SECRET"), "{file}: {text}");
    }
    let summary: serde_json::Value =
        serde_json::from_str(&w.read("out/2025-03/summary.json")).unwrap();
    assert_eq!(
        summary["redacted_columns"],
        serde_json::json!(["input_reason"])
    );
}
