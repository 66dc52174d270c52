//! Exports shaped the way real systems write them (Salesforce, ServiceNow, Zendesk, Dynamics
//! 365, Excel): read right without `--map`, or refused with a precise reason, never misread.
//! Every fixture is made here; no real personal data.

use std::io::Write;

use crate::harness::{Output, Workdir};

fn report(w: &Workdir, args: &[&str]) -> Output {
    let mut all = vec!["report", "--out-dir", "out"];
    all.extend_from_slice(args);
    w.run(&all)
}

/// `column` of every row of a CSV report, by case id.
fn column(csv: &str, name: &str) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = headers.iter().position(|h| h == name).expect(name);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[at].to_string())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// A Salesforce case report in US English: month first, the 12-hour clock, quoted fields.
const SALESFORCE: &str = "\
\"Case Number\",\"Subject\",\"Case Origin\",\"Status\",\"Date/Time Opened\",\"Date/Time Closed\"\r
\"00001026\",\"Card charged twice\",\"Email\",\"Closed\",\"10/5/2026 2:29 PM\",\"10/21/2026 9:05 AM\"\r
\"00001027\",\"Fee dispute\",\"Phone\",\"Closed\",\"10/12/2026 11:59 PM\",\"11/3/2026 12:05 AM\"\r
\"00001028\",\"Lost card fee\",\"Web\",\"New\",\"10/2/2026 8:00 AM\",\"\"\r
";

#[test]
fn a_salesforce_us_export_is_read_month_first_without_map() {
    let w = Workdir::new();
    w.write("salesforce.csv", SALESFORCE);
    let out = report(
        &w,
        &[
            "--period",
            "2026-10",
            "--as-of",
            "2026-10-31",
            "salesforce.csv",
        ],
    );
    out.ok();
    let cases = w.read("out/2026-10/cases.csv");
    assert_eq!(
        column(&cases, "received_date"),
        pairs(&[
            ("00001028", "2026-10-02"),
            ("00001026", "2026-10-05"),
            ("00001027", "2026-10-12"),
        ])
    );
    // 10/21/2026 9:05 AM; 11/3/2026 12:05 AM is after the as-of date, so still open.
    assert_eq!(column(&cases, "resolved_date")[1].1, "2026-10-21");
    assert_eq!(column(&cases, "status")[1].1, "resolved_on_time");
    // Salesforce's own Status column is kept, apart from ours.
    assert!(
        cases.lines().next().unwrap().contains("input_Status"),
        "{cases}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(&w.read("out/2026-10/summary.json")).unwrap();
    assert_eq!(summary["inputs"][0]["date_order"]["order"], "mdy");
    assert_eq!(summary["inputs"][0]["date_order"]["decided_by"], "data");
    let check = w.run(&["check", "salesforce.csv"]);
    assert!(
        check
            .stdout
            .contains("slash dates read MM/DD/YYYY, decided from the data"),
        "{check}"
    );
    assert!(
        check
            .stdout
            .contains("'10/21/2026 9:05 AM' (line 2, resolved_at 'Date/Time Closed')"),
        "{check}"
    );
}

#[test]
fn servicenow_zendesk_and_dynamics_default_names() {
    let w = Workdir::new();
    // ServiceNow: the resolution is resolved_at, not the later closed_at.
    w.write(
        "servicenow.csv",
        "number,short_description,contact_type,opened_at,resolved_at,closed_at\n\
         INC0010001,Card blocked,email,2026-10-05 09:00:00,2026-10-20 10:00:00,2026-10-30 10:00:00\n",
    );
    // Zendesk: Id, Created at, Solved at, with a UTC offset.
    w.write(
        "zendesk.csv",
        "Id,Subject,Via,Created at,Updated at,Solved at\n\
         4711,Refund,Mail,2026-10-05 23:30:00 +0000,2026-10-22 08:00:00 +0000,2026-10-21 08:00:00 +0000\n",
    );
    // Dynamics 365: "Resolve By" is a target, never the resolution.
    w.write(
        "dynamics.csv",
        "Case Number,Case Title,Origin,Created On,Resolve By,Modified On\n\
         CAS-01001-X1Y2Z3,Charge,Phone,2026-10-07 10:00,2026-10-28 10:00,2026-10-29 10:00\n",
    );
    // Without a resolution column the run stops, nothing written, and the target date is
    // named as such, never proposed.
    let inputs = ["servicenow.csv", "zendesk.csv", "dynamics.csv"];
    let mut args = vec!["--period", "2026-10"];
    args.extend(inputs);
    let refused = report(&w, &args);
    assert_eq!(refused.code, Some(1), "{refused}");
    assert!(
        refused.stderr.contains(
            "error: dynamics.csv: no resolution-date column (resolved_at): every case in it \
             would count as open, and the overdue ones as breaches; nothing was written; \
             'Resolve By': target dates or durations, not used. If the export truly has no \
             resolution dates, say so with --allow-missing resolved_at"
        ),
        "{refused}"
    );
    assert!(!refused.stderr.contains("--map resolved_at"), "{refused}");
    assert!(!w.path().join("out/2026-10").exists(), "nothing written");
    let mut args = vec!["--allow-missing", "resolved_at", "--period", "2026-10"];
    args.extend(inputs);
    let out = report(&w, &args);
    out.ok();
    let cases = w.read("out/2026-10/cases.csv");
    assert_eq!(
        column(&cases, "received_date"),
        pairs(&[
            ("INC0010001", "2026-10-05"),
            // 23:30 UTC is already 6 October in Oslo.
            ("4711", "2026-10-06"),
            ("CAS-01001-X1Y2Z3", "2026-10-07"),
        ])
    );
    assert_eq!(
        column(&cases, "resolved_date"),
        pairs(&[
            ("INC0010001", "2026-10-20"),
            ("4711", "2026-10-21"),
            ("CAS-01001-X1Y2Z3", ""),
        ])
    );
    // Allowed, the missing column is still said, the target date named as not used.
    assert!(
        out.stderr.contains(
            "warning: dynamics.csv: no resolution-date column (resolved_at): no case can be resolved"
        ) && out.stderr.contains("'Resolve By': target dates or durations, not used"),
        "{out}"
    );
}

#[test]
fn an_order_nothing_decides_is_refused_then_read_as_stated() {
    // 10/05/2026 is 10 May day first and 5 October month first; no value has a number
    // over 12.
    let text = "case_id,received_at,resolved_at\n\
                A-1,10/05/2026,11/05/2026\n\
                A-2,03/04/2026,\n\
                A-3,05/05/2026,12/05/2026\n";
    let w = Workdir::new();
    w.write("ambiguous.csv", text);
    let refused = report(&w, &["--period", "2026-05", "ambiguous.csv"]);
    assert_eq!(refused.code, Some(1), "{refused}");
    for expected in [
        "cannot tell whether its slash dates are day first (DD/MM/YYYY) or month first \
         (MM/DD/YYYY)",
        "'10/05/2026' (line 2, received_at)",
        "--date-order dmy or --date-order mdy",
    ] {
        assert!(refused.stderr.contains(expected), "{expected}\n{refused}");
    }
    assert!(!w.path().join("out/2026-05").exists(), "nothing written");
    report(
        &w,
        &[
            "--period",
            "2026-05",
            "--date-order",
            "dmy",
            "ambiguous.csv",
        ],
    )
    .ok();
    assert_eq!(
        column(&w.read("out/2026-05/cases.csv"), "received_date"),
        pairs(&[
            ("A-2", "2026-04-03"),
            ("A-3", "2026-05-05"),
            ("A-1", "2026-05-10")
        ])
    );
    report(
        &w,
        &[
            "--period",
            "2026-10",
            "--date-order",
            "mdy",
            "ambiguous.csv",
        ],
    )
    .ok();
    assert_eq!(
        column(&w.read("out/2026-10/cases.csv"), "received_date"),
        pairs(&[
            ("A-2", "2026-03-04"),
            ("A-3", "2026-05-05"),
            ("A-1", "2026-10-05")
        ])
    );
    // The policy file can state it too.
    w.write("bank.toml", "date_order = \"mdy\"\n");
    report(
        &w,
        &[
            "--period",
            "2026-10",
            "--policy",
            "bank.toml",
            "ambiguous.csv",
        ],
    )
    .ok();
    let summary: serde_json::Value =
        serde_json::from_str(&w.read("out/2026-10/summary.json")).unwrap();
    assert_eq!(summary["inputs"][0]["date_order"]["decided_by"], "flag");
    // An order the data disproves is refused.
    w.write("us.csv", format!("{text}A-4,05/13/2026,\n"));
    let wrong = report(
        &w,
        &["--period", "2026-05", "--date-order", "dmy", "us.csv"],
    );
    assert_eq!(wrong.code, Some(1), "{wrong}");
    assert!(wrong.stderr.contains("'05/13/2026' (line 5"), "{wrong}");
}

#[test]
fn evidence_both_ways_names_two_values_and_lines() {
    let w = Workdir::new();
    w.write(
        "mixed.csv",
        "case_id;received_at\nB-1;13/05/2026\nB-2;01/05/2026\nB-3;05/14/2026\n",
    );
    let out = report(&w, &["--period", "2026-05", "mixed.csv"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stderr
            .contains("'13/05/2026' (line 2, received_at) can only be day first")
            && out
                .stderr
                .contains("'05/14/2026' (line 4, received_at) can only be month first"),
        "{out}"
    );
}

#[test]
fn excel_sep_line_declares_the_separator() {
    let w = Workdir::new();
    // Excel in a Norwegian locale: sep=; then the header, CRLF.
    w.write(
        "excel.csv",
        "sep=;\r\nSaksnummer;Mottatt dato;Løst dato\r\nKL-1;01.12.2025;10.12.2025\r\n",
    );
    let out = report(&w, &["--period", "2025-12", "excel.csv"]);
    out.ok();
    let cases = w.read("out/2025-12/cases.csv");
    assert_eq!(
        column(&cases, "received_date"),
        pairs(&[("KL-1", "2025-12-01")])
    );
    // The data row is line 3 of the file.
    assert_eq!(column(&cases, "source_line"), pairs(&[("KL-1", "3")]));
}

#[test]
fn deadlines_across_christmas_eve_and_new_years_eve() {
    // Received Monday 22 December 2025: 24, 25 and 26 December and 1 January are closed;
    // 31 December is a settlement day and counts. Day 15 is Friday 16 January.
    let w = Workdir::new();
    w.write(
        "year-end.csv",
        "case_id,received_at,resolved_at\n\
         Y-1,2025-12-22,2026-01-16\n\
         Y-2,2025-12-22,2026-01-19\n\
         Y-3,2025-12-23,\n",
    );
    report(
        &w,
        &[
            "--period",
            "2026-01",
            "--as-of",
            "2026-01-31",
            "year-end.csv",
        ],
    )
    .ok();
    let cases = w.read("out/2026-01/cases.csv");
    assert_eq!(
        column(&cases, "first_deadline"),
        pairs(&[
            ("Y-1", "2026-01-16"),
            ("Y-2", "2026-01-16"),
            ("Y-3", "2026-01-19"),
        ])
    );
    assert_eq!(
        column(&cases, "status"),
        pairs(&[
            ("Y-1", "resolved_on_time"),
            ("Y-2", "breach_no_holding_reply"),
            ("Y-3", "open_overdue"),
        ])
    );
    // A bank that closes on 31 December says so in its holiday file: one day later.
    w.write("closed.csv", "2025-12-31,Nyttårsaften,closed\n");
    report(
        &w,
        &[
            "--period",
            "2026-01",
            "--as-of",
            "2026-01-31",
            "--holidays",
            "closed.csv",
            "year-end.csv",
        ],
    )
    .ok();
    let cases = w.read("out/2026-01/cases.csv");
    assert_eq!(column(&cases, "first_deadline")[0].1, "2026-01-19");
    assert_eq!(column(&cases, "status")[1].1, "resolved_on_time");
}

#[test]
fn a_missing_holding_reply_column_is_said_everywhere() {
    let w = Workdir::new();
    // "Svar til kunde (foreløpig)" is not a name of the holding-reply column.
    w.write(
        "export.csv",
        "Saksnummer;Mottatt;Svar til kunde (foreløpig);Løst\n\
         H-1;01.10.2026;15.10.2026;30.10.2026\n\
         H-2;02.10.2026;;05.10.2026\n",
    );
    let out = report(&w, &["--period", "2026-10", "export.csv"]);
    out.ok();
    let warning = "export.csv: no holding-reply column (holding_reply_at): no case can be \
                   extended to the final limit (answered late and counted as \
                   breach_no_holding_reply: 1;";
    assert!(out.stderr.contains(&format!("warning: {warning}")), "{out}");
    assert!(
        out.stderr
            .contains("to use one: --map holding_reply_at=\"Svar til kunde (foreløpig)\""),
        "{out}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(&w.read("out/2026-10/summary.json")).unwrap();
    let missing = &summary["columns_missing"][0];
    assert_eq!(missing["column"], "holding_reply_at");
    assert_eq!(missing["look_alikes"][0], "Svar til kunde (foreløpig)");
    let markdown = w.read("out/2026-10/complaint-sla-2026-10.md");
    assert!(
        markdown.contains("> **Warning:** export.csv: no holding-reply column"),
        "{markdown}"
    );
    let method = crate::workbook::sheet_text(
        &w.path().join("out/2026-10/complaint-sla-2026-10.xlsx"),
        "Method",
    );
    assert!(method.contains(warning), "{method}");
    // With the --map it suggests, the case is extended and on time.
    report(
        &w,
        &[
            "--period",
            "2026-10",
            "--map",
            "holding_reply_at=Svar til kunde (foreløpig)",
            "export.csv",
        ],
    )
    .ok();
    assert_eq!(
        column(&w.read("out/2026-10/cases.csv"), "status")[0].1,
        "resolved_extended"
    );
}

/// The cases of the spreadsheet tests, as CSV.
const SHEET_CSV: &str = "\
case_id,received_at,holding_reply_at,resolved_at,product\n\
10000123,2026-03-02,,2026-03-10,card\n\
10000124,2026-03-03T14:29:00,2026-03-20,2026-04-10,travel card\n\
10000125,2026-03-27,,,card\n";

/// cases.csv without its source columns (the file names differ by design).
fn without_source(csv: &str) -> String {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let keep: Vec<usize> = (0..headers.len())
        .filter(|&i| !headers[i].starts_with("source_"))
        .collect();
    let mut out = String::new();
    for record in std::iter::once(headers.clone()).chain(reader.records().map(|r| r.unwrap())) {
        let fields: Vec<&str> = keep.iter().map(|&i| &record[i]).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

#[test]
fn xlsx_and_ods_give_the_same_cases_as_csv() {
    let w = Workdir::new();
    w.write("cases.csv", SHEET_CSV);
    w.write("cases.xlsx", xlsx_fixture());
    w.write("cases.ods", ods_fixture());
    for input in ["cases.csv", "cases.xlsx", "cases.ods"] {
        let out = w.run(&[
            "report",
            "--out-dir",
            &format!("out-{input}"),
            "--period",
            "2026-03",
            "--as-of",
            "2026-04-30",
            input,
        ]);
        out.ok();
    }
    let csv = without_source(&w.read("out-cases.csv/2026-03/cases.csv"));
    assert_eq!(
        csv,
        without_source(&w.read("out-cases.xlsx/2026-03/cases.csv"))
    );
    assert_eq!(
        csv,
        without_source(&w.read("out-cases.ods/2026-03/cases.csv"))
    );
    assert!(csv.contains("10000123,2026-03-02"), "{csv}");
    // The sheet is named where rows come from, and in the summary.
    let cases = w.read("out-cases.xlsx/2026-03/cases.csv");
    assert!(cases.contains("cases.xlsx [Klager],2"), "{cases}");
    let summary: serde_json::Value =
        serde_json::from_str(&w.read("out-cases.xlsx/2026-03/summary.json")).unwrap();
    assert_eq!(summary["inputs"][0]["format"], "xlsx");
    assert_eq!(summary["inputs"][0]["sheet"], "Klager");
}

#[test]
fn a_spreadsheet_names_its_sheets_and_rows() {
    let w = Workdir::new();
    w.write("cases.xlsx", xlsx_fixture());
    let missing = w.run(&["check", "--sheet", "Ark2", "cases.xlsx"]);
    assert_eq!(missing.code, Some(1), "{missing}");
    assert!(
        missing
            .stderr
            .contains("--sheet: no worksheet 'Ark2' (the workbook has 'Klager', 'Notater')"),
        "{missing}"
    );
    let notes = w.run(&["check", "--sheet", "Notater", "cases.xlsx"]);
    assert_eq!(notes.code, Some(1), "{notes}");
    assert!(
        notes
            .stderr
            .contains("worksheet 'Notater': no column case_id"),
        "{notes}"
    );
    // A damaged workbook is one line, exit 1.
    let mut damaged = xlsx_fixture();
    damaged.truncate(damaged.len() / 2);
    w.write("damaged.xlsx", damaged);
    let out = w.run(&["check", "damaged.xlsx"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(out.stderr.contains("not a readable spreadsheet"), "{out}");
    assert_eq!(out.stderr.lines().count(), 1, "{out}");
}

#[test]
fn a_workbook_that_declares_too_much_is_refused_before_it_is_expanded() {
    let w = Workdir::new();
    // An ODS sheet whose one row is repeated a million times across 10,000 columns.
    let content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
        xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
        xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
        <office:body><office:spreadsheet><table:table table:name=\"Bomb\">\
        <table:table-row table:number-rows-repeated=\"1000000\">\
        <table:table-cell table:number-columns-repeated=\"10000\" office:value-type=\"string\">\
        <text:p>x</text:p></table:table-cell></table:table-row>\
        </table:table></office:spreadsheet></office:body></office:document-content>";
    w.write("bomb.ods", ods_bytes(content));
    let out = w.run(&["check", "bomb.ods"]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stderr.contains("its 10000000000 cells") && out.stderr.contains("refused before"),
        "{out}"
    );
}

/// The cases of [`SHEET_CSV`] as Excel writes them: real date cells, case ids as numbers, a
/// title row above the header, and a second sheet.
fn xlsx_fixture() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let datetime = Format::new().set_num_format("dd.mm.yyyy hh:mm");
    let sheet = book.add_worksheet().set_name("Klager").unwrap();
    for (c, h) in [
        "case_id",
        "received_at",
        "holding_reply_at",
        "resolved_at",
        "product",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let day = |y, m, d| ExcelDateTime::from_ymd(y, m, d).unwrap();
    type Row<'a> = (
        f64,
        ExcelDateTime,
        Option<ExcelDateTime>,
        Option<ExcelDateTime>,
        &'a str,
    );
    let rows: [Row; 3] = [
        (
            10000123.0,
            day(2026, 3, 2),
            None,
            Some(day(2026, 3, 10)),
            "card",
        ),
        (
            10000124.0,
            day(2026, 3, 3).and_hms(14, 29, 0).unwrap(),
            Some(day(2026, 3, 20)),
            Some(day(2026, 4, 10)),
            "travel card",
        ),
        (10000125.0, day(2026, 3, 27), None, None, "card"),
    ];
    for (i, (id, received, holding, resolved, product)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_number(r, 0, *id).unwrap();
        let format = if i == 1 { &datetime } else { &date };
        sheet
            .write_datetime_with_format(r, 1, received, format)
            .unwrap();
        if let Some(h) = holding {
            sheet.write_datetime_with_format(r, 2, h, &date).unwrap();
        }
        if let Some(d) = resolved {
            sheet.write_datetime_with_format(r, 3, d, &date).unwrap();
        }
        sheet.write_string(r, 4, *product).unwrap();
    }
    let notes = book.add_worksheet().set_name("Notater").unwrap();
    notes
        .write_string(0, 0, "Eksportert fra saksbehandlingssystemet")
        .unwrap();
    book.save_to_buffer().unwrap()
}

/// The cases of [`SHEET_CSV`] as an OpenDocument spreadsheet: typed date cells, a float case
/// id, a header in row 1.
fn ods_fixture() -> Vec<u8> {
    let cell = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    let date = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"date\" office:date-value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    let number = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
        )
    };
    let empty = "<table:table-cell/>".to_string();
    let row = |cells: Vec<String>| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let rows = [
        row([
            "case_id",
            "received_at",
            "holding_reply_at",
            "resolved_at",
            "product",
        ]
        .map(cell)
        .to_vec()),
        row(vec![
            number("10000123"),
            date("2026-03-02"),
            empty.clone(),
            date("2026-03-10"),
            cell("card"),
        ]),
        row(vec![
            number("10000124"),
            date("2026-03-03T14:29:00"),
            date("2026-03-20"),
            date("2026-04-10"),
            cell("travel card"),
        ]),
        row(vec![
            number("10000125"),
            date("2026-03-27"),
            empty.clone(),
            empty,
            cell("card"),
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
    ods_bytes(&content)
}

/// An ODS file: the mimetype first and stored, the manifest, the content.
pub(crate) fn ods_bytes(content: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
          <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
          <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
          <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
          </manifest:manifest>",
    )
    .unwrap();
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}
