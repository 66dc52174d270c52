//! One export, every source, one answer: a property test. Random exports (case ids as text, as
//! numbers, zero-padded under a number format, missing; every accepted date shape, typed and
//! as text; amounts as exports write them; empty cells; blank rows; copies of rows) are written
//! as CSV (comma, semicolon with CRLF, Excel's `sep=` line, tab, Windows-1252), `.xlsx` (number
//! formats included), `.ods` and Parquet (integer, float-with-nulls and text ids; typed and
//! text dates), and every source must give the same `cases.csv` (but for where each row came
//! from), the same rejects and warnings by kind, and the same `summary.json` (but for the
//! inputs' own description), under a one-market policy and under a policy of markets named
//! by the `note` column. A failure shrinks to a small export.
//!
//! `HARNESS_CASES=200 cargo test --test integration sources` runs more cases (default 6).

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use crate::harness::Workdir;

#[derive(Debug, Clone)]
enum Id {
    Text(u32),
    Digits(u32),
    /// Shown with leading zeros to eight digits (`00000123`); in a workbook, a number under
    /// the format `00000000`.
    Padded(u32),
    Missing,
}

impl Id {
    fn text(&self) -> String {
        match self {
            Id::Text(n) => format!("KL-2025-{n:07}"),
            Id::Digits(n) => format!("{}", 10_000_000 + n),
            Id::Padded(n) => format!("{n:08}"),
            Id::Missing => String::new(),
        }
    }
}

#[derive(Debug, Clone)]
enum Day {
    Iso(NaiveDate),
    Dotted(NaiveDate),
    /// A timestamp with an offset in minutes.
    Stamp(NaiveDate, u32, u32, i32),
    Bad(&'static str),
}

impl Day {
    fn text(&self) -> String {
        match self {
            Day::Iso(d) => d.format("%Y-%m-%d").to_string(),
            Day::Dotted(d) => d.format("%d.%m.%Y").to_string(),
            Day::Stamp(d, h, m, offset) => {
                let zone = if *offset == 0 {
                    "Z".to_string()
                } else {
                    format!(
                        "{}{:02}:{:02}",
                        if *offset < 0 { '-' } else { '+' },
                        offset.abs() / 60,
                        offset.abs() % 60
                    )
                };
                format!("{}T{h:02}:{m:02}:00{zone}", d.format("%Y-%m-%d"))
            }
            Day::Bad(text) => text.to_string(),
        }
    }
}

#[derive(Debug, Clone)]
struct Row {
    id: Id,
    received: Option<Day>,
    holding: Option<Day>,
    resolved: Option<Day>,
    channel: &'static str,
    amount: &'static str,
    note: String,
}

const HEADERS: [&str; 7] = [
    "case_id",
    "received_at",
    "holding_reply_at",
    "resolved_at",
    "channel",
    "redress",
    "note",
];

impl Row {
    fn fields(&self) -> [String; 7] {
        let day = |d: &Option<Day>| d.as_ref().map(Day::text).unwrap_or_default();
        [
            self.id.text(),
            day(&self.received),
            day(&self.holding),
            day(&self.resolved),
            self.channel.to_string(),
            self.amount.to_string(),
            self.note.clone(),
        ]
    }
}

/// An export: rows, `None` for a blank row.
#[derive(Debug, Clone)]
struct Export {
    rows: Vec<Option<Row>>,
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..150)
        .prop_map(|d| NaiveDate::from_ymd_opt(2025, 1, 2).unwrap() + chrono::Days::new(d as u64))
}

fn day() -> impl Strategy<Value = Day> {
    prop_oneof![
        4 => date().prop_map(Day::Iso),
        3 => date().prop_map(Day::Dotted),
        2 => (date(), 0u32..24, prop::sample::select(vec![0u32, 15, 30, 59]), prop::sample::select(vec![0i32, 60, 120, -300]))
            .prop_map(|(d, h, m, o)| Day::Stamp(d, h, m, o)),
        1 => prop::sample::select(vec!["31.11.2025", "snart", "2025-13-01"]).prop_map(Day::Bad),
    ]
}

fn id() -> impl Strategy<Value = Id> {
    prop_oneof![
        4 => (0u32..30).prop_map(Id::Text),
        3 => (0u32..30).prop_map(Id::Digits),
        2 => (1u32..30).prop_map(|n| Id::Padded(n * 101)),
        1 => Just(Id::Missing),
    ]
}

fn row() -> impl Strategy<Value = Row> {
    (
        id(),
        prop::option::weighted(0.95, day()),
        prop::option::weighted(0.3, day()),
        prop::option::weighted(0.6, day()),
        prop::sample::select(vec!["telefon", "e-post", "brev", "kundesenter Ålesund"]),
        prop::sample::select(vec![
            "",
            "",
            "1 234,50",
            "kr 500,-",
            "NOK 1,234.50",
            "-250,00",
            "1000 EUR",
            "ca. 500",
            "750",
        ]),
        prop::sample::select(vec![
            "",
            "ringte to ganger",
            "\"sitert\"; med semikolon",
            "=1+1",
        ]),
    )
        .prop_map(
            |(id, received, holding, resolved, channel, amount, note)| Row {
                id,
                received,
                holding,
                resolved,
                channel,
                amount,
                note: note.to_string(),
            },
        )
}

fn export() -> impl Strategy<Value = Export> {
    (
        prop::collection::vec(row(), 1..14),
        prop::collection::vec(any::<u8>(), 14),
    )
        .prop_map(|(rows, picks)| {
            // Some rows are copies of an earlier one; some places get a blank row.
            let mut out: Vec<Option<Row>> = Vec::new();
            for (i, row) in rows.into_iter().enumerate() {
                match picks[i] % 10 {
                    0 if !out.is_empty() => out.push(out.iter().flatten().next().cloned()),
                    1 if !out.is_empty() => out.push(None),
                    _ => {}
                }
                out.push(Some(row));
            }
            Export { rows: out }
        })
}

/// CSV text of the export with `separator` and line `ending`, an optional `sep=` line.
fn csv_text(export: &Export, separator: u8, ending: &str, sep_line: bool) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(separator)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(HEADERS).unwrap();
    let mut lines: Vec<String> = Vec::new();
    let header = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    lines.push(header.trim_end_matches('\n').to_string());
    for row in &export.rows {
        match row {
            None => lines.push(String::new()),
            Some(row) => {
                let mut w = csv::WriterBuilder::new()
                    .delimiter(separator)
                    .terminator(csv::Terminator::Any(b'\n'))
                    .from_writer(Vec::new());
                w.write_record(row.fields()).unwrap();
                let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
                lines.push(text.trim_end_matches('\n').to_string());
            }
        }
    }
    let mut text = String::new();
    if sep_line {
        text.push_str(&format!("sep={}{ending}", separator as char));
    }
    for line in lines {
        text.push_str(&line);
        text.push_str(ending);
    }
    text
}

fn xlsx_bytes(export: &Export) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let padded = Format::new().set_num_format("00000000");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let sheet = book.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in export.rows.iter().enumerate() {
        let Some(row) = row else { continue };
        let r = r as u32 + 1;
        match &row.id {
            Id::Digits(_) => {
                sheet
                    .write_number(r, 0, row.id.text().parse::<f64>().unwrap())
                    .unwrap();
            }
            Id::Padded(n) => {
                sheet
                    .write_number_with_format(r, 0, *n as f64, &padded)
                    .unwrap();
            }
            Id::Text(_) => {
                sheet.write_string(r, 0, row.id.text()).unwrap();
            }
            Id::Missing => {}
        }
        for (c, d) in [(1u16, &row.received), (2, &row.holding), (3, &row.resolved)] {
            match d {
                Some(Day::Iso(d)) => {
                    let cell =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &cell, &date)
                        .unwrap();
                }
                Some(other) => {
                    sheet.write_string(r, c, other.text()).unwrap();
                }
                None => {}
            }
        }
        for (c, text) in [(4u16, row.channel), (5, row.amount), (6, row.note.as_str())] {
            if !text.is_empty() {
                sheet.write_string(r, c, text).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn ods_bytes(export: &Export) -> Vec<u8> {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let text = |v: &str| {
        format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
            escape(v)
        )
    };
    let cell = |v: &str| {
        if v.is_empty() {
            "<table:table-cell/>".to_string()
        } else {
            text(v)
        }
    };
    let mut rows = vec![format!(
        "<table:table-row>{}</table:table-row>",
        HEADERS.map(text).concat()
    )];
    for row in &export.rows {
        let Some(row) = row else {
            rows.push("<table:table-row><table:table-cell/></table:table-row>".to_string());
            continue;
        };
        let fields = row.fields();
        let mut cells = Vec::new();
        cells.push(match &row.id {
            Id::Digits(_) => format!(
                "<table:table-cell office:value-type=\"float\" office:value=\"{0}\"><text:p>{0}</text:p></table:table-cell>",
                fields[0]
            ),
            _ => cell(&fields[0]),
        });
        for (i, d) in [(1, &row.received), (2, &row.holding), (3, &row.resolved)] {
            cells.push(match d {
                Some(Day::Iso(_)) => format!(
                    "<table:table-cell office:value-type=\"date\" office:date-value=\"{0}\"><text:p>{0}</text:p></table:table-cell>",
                    fields[i]
                ),
                _ => cell(&fields[i]),
            });
        }
        for field in &fields[4..] {
            cells.push(cell(field));
        }
        rows.push(format!(
            "<table:table-row>{}</table:table-row>",
            cells.concat()
        ));
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
        xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
        xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
        <office:body><office:spreadsheet><table:table table:name=\"Klager\">{}</table:table>\
        </office:spreadsheet></office:body></office:document-content>",
        rows.concat()
    );
    crate::exports::ods_bytes(&content)
}

/// Parquet as pandas would write it: numeric ids as integers, or floats when one is missing;
/// plain dates typed when a column has nothing else; a blank row as a row of missing values
/// (what `read_excel` makes of one).
fn parquet_bytes(export: &Export) -> Vec<u8> {
    use polars::prelude::*;
    use polars_io::parquet::write::ParquetWriter;
    let blank = Row {
        id: Id::Missing,
        received: None,
        holding: None,
        resolved: None,
        channel: "",
        amount: "",
        note: String::new(),
    };
    let rows: Vec<&Row> = export
        .rows
        .iter()
        .map(|r| r.as_ref().unwrap_or(&blank))
        .collect();
    let numeric = rows
        .iter()
        .all(|r| matches!(r.id, Id::Digits(_) | Id::Missing));
    let missing = rows.iter().any(|r| matches!(r.id, Id::Missing));
    let ids: Column = if numeric && missing {
        Series::new(
            "case_id".into(),
            rows.iter()
                .map(|r| r.id.text().parse::<f64>().ok())
                .collect::<Vec<_>>(),
        )
        .into()
    } else if numeric {
        Series::new(
            "case_id".into(),
            rows.iter()
                .map(|r| r.id.text().parse::<i64>().ok())
                .collect::<Vec<_>>(),
        )
        .into()
    } else {
        Series::new(
            "case_id".into(),
            rows.iter()
                .map(|r| Some(r.id.text()).filter(|t| !t.is_empty()))
                .collect::<Vec<_>>(),
        )
        .into()
    };
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let dates = |name: &str, pick: &dyn Fn(&Row) -> &Option<Day>| -> Column {
        let typed = rows
            .iter()
            .all(|r| matches!(pick(r), None | Some(Day::Iso(_))));
        if typed {
            Series::new(
                name.into(),
                rows.iter()
                    .map(|r| match pick(r) {
                        Some(Day::Iso(d)) => Some((*d - epoch).num_days() as i32),
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            )
            .cast(&DataType::Date)
            .unwrap()
            .into()
        } else {
            Series::new(
                name.into(),
                rows.iter()
                    .map(|r| pick(r).as_ref().map(Day::text))
                    .collect::<Vec<_>>(),
            )
            .into()
        }
    };
    let text = |name: &str, pick: &dyn Fn(&Row) -> String| -> Column {
        Series::new(
            name.into(),
            rows.iter()
                .map(|r| Some(pick(r)).filter(|t| !t.is_empty()))
                .collect::<Vec<_>>(),
        )
        .into()
    };
    let mut frame = DataFrame::new_infer_height(vec![
        ids,
        dates("received_at", &|r| &r.received),
        dates("holding_reply_at", &|r| &r.holding),
        dates("resolved_at", &|r| &r.resolved),
        text("channel", &|r| r.channel.to_string()),
        text("redress", &|r| r.amount.to_string()),
        text("note", &|r| r.note.clone()),
    ])
    .unwrap();
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut frame).unwrap();
    bytes
}

/// `cases.csv` without `source_file` and `source_line`, the rows sorted.
fn cases_without_source(csv: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let keep: Vec<usize> = (0..headers.len())
        .filter(|&i| headers[i] != "source_file" && headers[i] != "source_line")
        .collect();
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            keep.iter().map(|&i| r[i].to_string()).collect()
        })
        .collect();
    rows.sort();
    rows.insert(0, keep.iter().map(|&i| headers[i].clone()).collect());
    rows
}

fn summary_without_inputs(json: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    value.as_object_mut().unwrap().remove("inputs");
    value
}

/// Runs the quarter's report on `file` and returns (cases, summary).
/// A policy whose markets are named by the export's `note` column: two of its values count on
/// two countries' calendars, zones and limits (one of them a formula-like `=1+1`), a blank one
/// at home, the quoted one with a semicolon names no market (rejected).
const MARKETS_POLICY: &str = "base = \"psd2\"\nmarket_column = \"note\"\n\
    [[market]]\nname = \"SE\"\nvalues = [\"Ringte to ganger\"]\ncalendar = \"se-bank\"\n\
    time_zone = \"Europe/Stockholm\"\nfinal_limit_unit = \"calendar_days\"\n\
    [[market]]\nname = \"UK\"\nvalues = [\"=1+1\"]\ncalendar = \"gb-eaw-bank\"\n\
    time_zone = \"Europe/London\"\nat_risk_window = 5\n";

fn answer_under(
    w: &Workdir,
    file: &str,
    policy: &str,
) -> Result<(Vec<Vec<String>>, serde_json::Value), String> {
    let out_dir = format!("out-{file}-{}", policy.replace(['/', '.'], "_"));
    let out = w.run(&[
        "report",
        "--policy",
        policy,
        "--period",
        "2025-Q1",
        "--today",
        "2025-07-01",
        "--formats",
        "csv,json",
        "--out-dir",
        &out_dir,
        file,
    ]);
    if out.code != Some(0) {
        return Err(format!("{out}"));
    }
    Ok((
        cases_without_source(&w.read(&format!("{out_dir}/2025-Q1/cases.csv"))),
        summary_without_inputs(&w.read(&format!("{out_dir}/2025-Q1/summary.json"))),
    ))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: crate::harness::property_cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn one_export_through_every_source_gives_one_answer(export in export()) {
        // An export of only rejected rows has no report in any source: not what is compared.
        let w = Workdir::new();
        w.write("comma.csv", csv_text(&export, b',', "\n", false));
        w.write("semicolon.csv", csv_text(&export, b';', "\r\n", false));
        w.write("excel.csv", csv_text(&export, b';', "\r\n", true));
        w.write("tab.csv", csv_text(&export, b'\t', "\n", false));
        let utf8 = csv_text(&export, b';', "\r\n", false);
        let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&utf8);
        prop_assert!(!unmappable);
        w.write("cp1252.csv", &cp1252);
        w.write("book.xlsx", xlsx_bytes(&export));
        w.write("book.ods", ods_bytes(&export));
        w.write("frame.parquet", parquet_bytes(&export));
        w.write("markets.toml", MARKETS_POLICY);
        for policy in ["amex-no", "markets.toml"] {
        let baseline = answer_under(&w, "comma.csv", policy);
        for file in [
            "semicolon.csv",
            "excel.csv",
            "tab.csv",
            "cp1252.csv",
            "book.xlsx",
            "book.ods",
            "frame.parquet",
        ] {
            let other = answer_under(&w, file, policy);
            match (&baseline, &other) {
                (Ok((cases, summary)), Ok((other_cases, other_summary))) => {
                    prop_assert_eq!(cases, other_cases, "cases.csv of {}", file);
                    prop_assert_eq!(summary, other_summary, "summary.json of {}", file);
                }
                (Err(a), Err(b)) => {
                    // Both refused: for the same reason (the last line names it).
                    let reason = |e: &str| e.lines().find(|l| l.starts_with("error:")).map(|l| {
                        l.split(':').skip(2).collect::<Vec<_>>().join(":")
                    });
                    prop_assert_eq!(reason(a), reason(b), "{}", file);
                }
                (a, b) => prop_assert!(false, "comma.csv: {:?}\n{}: {:?}", a.as_ref().map(|_| "written"), file, b.as_ref().map(|_| "written")),
            }
        }
        }
    }
}
