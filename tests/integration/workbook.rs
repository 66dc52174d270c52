//! The Excel workbook, read back with calamine: sheets, headers, typed cells, and the Summary
//! and Regulator figures recounted from the Cases sheet as a regulator would.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::harness::{Workdir, crate_dir};

const SHEETS: [&str; 9] = [
    "Summary",
    "Breaches",
    "Open",
    "Cases",
    "Breakdown",
    "Trend",
    "Regulator",
    "Data quality",
    "Method",
];

/// The sample export's December report, written in a temporary folder.
fn sample_report() -> Workdir {
    let w = Workdir::new();
    for name in ["complaints.csv", "policy.toml", "holidays.csv"] {
        w.write(
            &format!("sample_data/{name}"),
            std::fs::read(crate_dir().join("sample_data").join(name)).unwrap(),
        );
    }
    w.run(&[
        "report",
        "--policy",
        "sample_data/policy.toml",
        "--period",
        "2025-12",
        "sample_data/complaints.csv",
    ])
    .ok();
    w
}

pub(crate) fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A sheet as rows of cells.
pub(crate) fn sheet(
    book: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    name: &str,
) -> Vec<Vec<Data>> {
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

/// Every text cell of a sheet, one row a line, cells joined by tabs.
pub fn sheet_text(path: &Path, name: &str) -> String {
    sheet(&mut open(path), name)
        .iter()
        .map(|row| row.iter().map(text).collect::<Vec<_>>().join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

pub(crate) fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// A date cell as days since 1970 (Excel serial less 25,569).
fn date(cell: &Data) -> Option<i64> {
    match cell {
        Data::DateTime(d) => Some(d.as_f64() as i64 - 25_569),
        Data::Empty => None,
        other => panic!("not a date: {other:?}"),
    }
}

/// Each status's code and its name on the sheets people read.
pub(crate) const STATUS_NAMES: [(&str, &str); 7] = [
    ("resolved_on_time", "On time"),
    ("resolved_extended", "Extended, in time"),
    ("breach_no_holding_reply", "Late, no timely holding reply"),
    ("breach_final_deadline", "Late, after the final deadline"),
    ("open_overdue", "Open, past the deadline"),
    ("open_at_risk", "Open, close to the deadline"),
    ("open_on_track", "Open, on track"),
];

/// The value next to a label in column A of a label/value sheet.
pub(crate) fn figure(rows: &[Vec<Data>], label: &str) -> f64 {
    let row = rows
        .iter()
        .find(|r| text(&r[0]).trim() == label)
        .unwrap_or_else(|| panic!("no row labelled {label:?}"));
    number(&row[1])
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let h = p * (sorted.len() - 1) as f64;
    let lower = h.floor() as usize;
    let upper = (lower + 1).min(sorted.len() - 1);
    sorted[lower] + (h - lower as f64) * (sorted[upper] - sorted[lower])
}

/// The Cases sheet as records keyed by header.
struct Cases {
    rows: Vec<BTreeMap<String, Data>>,
}

impl Cases {
    fn read(rows: &[Vec<Data>]) -> Self {
        let headers: Vec<String> = rows[0].iter().map(text).collect();
        Cases {
            rows: rows[1..]
                .iter()
                .map(|r| headers.iter().cloned().zip(r.iter().cloned()).collect())
                .collect(),
        }
    }

    fn flag(row: &BTreeMap<String, Data>, name: &str) -> bool {
        match &row[name] {
            Data::Bool(b) => *b,
            other => panic!("{name} is not a boolean: {other:?}"),
        }
    }

    fn count(&self, keep: impl Fn(&BTreeMap<String, Data>) -> bool) -> f64 {
        self.rows.iter().filter(|r| keep(r)).count() as f64
    }
}

#[test]
fn the_workbook_has_its_sheets_typed_cells_and_recountable_figures() {
    let w = sample_report();
    let path = w.path().join("reports/2025-12/complaint-sla-2025-12.xlsx");
    let mut book = open(&path);
    assert_eq!(book.sheet_names(), SHEETS);

    // The Cases sheet is cases.csv, typed.
    let cases_rows = sheet(&mut book, "Cases");
    let csv_header = w.read("reports/2025-12/cases.csv");
    let csv_header = csv_header.lines().next().unwrap();
    assert_eq!(
        cases_rows[0].iter().map(text).collect::<Vec<_>>().join(","),
        csv_header
    );
    let cases = Cases::read(&cases_rows);
    let json: serde_json::Value =
        serde_json::from_str(&w.read("reports/2025-12/summary.json")).unwrap();
    let n = |key: &str| json[key].as_u64().unwrap();
    assert_eq!(cases.rows.len() as u64, n("cases_in_report"));
    assert!(cases.rows.len() > 100);
    let first = &cases.rows[0];
    assert!(
        matches!(first["received_date"], Data::DateTime(_)),
        "{first:?}"
    );
    assert!(
        matches!(first["working_days_elapsed"], Data::Float(_)),
        "{first:?}"
    );
    assert!(
        matches!(first["first_limit_breached"], Data::Bool(_)),
        "{first:?}"
    );
    // Norwegian letters survive.
    assert!(
        cases
            .rows
            .iter()
            .any(|r| text(&r["Saksbehandler"]).contains('Ø')),
        "æøå in the Cases sheet"
    );

    // Summary figures = counts recomputed from the Cases sheet.
    let summary = sheet(&mut book, "Summary");
    let received = |r: &BTreeMap<String, Data>| Cases::flag(r, "received_in_period");
    let resolved = |r: &BTreeMap<String, Data>| Cases::flag(r, "resolved_in_period");
    let open_now = |r: &BTreeMap<String, Data>| Cases::flag(r, "open_at_as_of");
    let status_is = |s: &'static str| move |r: &BTreeMap<String, Data>| text(&r["status"]) == s;
    assert_eq!(
        figure(&summary, "Received in the period"),
        cases.count(received)
    );
    assert_eq!(
        figure(&summary, "Resolved in the period"),
        cases.count(resolved)
    );
    assert_eq!(
        figure(&summary, "Open at the as-of date"),
        cases.count(open_now)
    );
    assert_eq!(
        figure(
            &summary,
            "Resolved within the first limit (15 working days)"
        ),
        cases.count(|r| resolved(r) && date(&r["resolved_date"]) <= date(&r["first_deadline"]))
    );
    // In time never holds a breach: a case resolved by the final deadline without a timely
    // holding reply is not in it.
    let in_time = figure(
        &summary,
        "Resolved in time (on time, or extended by a timely holding reply)",
    );
    assert_eq!(
        in_time,
        cases.count(|r| resolved(r)
            && (status_is("resolved_on_time")(r) || status_is("resolved_extended")(r)))
    );
    let no_holding_reply = figure(
        &summary,
        "… after the first deadline, without a timely holding reply",
    );
    assert_eq!(
        no_holding_reply,
        cases.count(|r| resolved(r) && status_is("breach_no_holding_reply")(r))
    );
    assert!(no_holding_reply > 0.0);
    let after_final = figure(&summary, "… after the final deadline");
    assert_eq!(
        after_final,
        cases.count(|r| resolved(r) && status_is("breach_final_deadline")(r))
    );
    assert_eq!(
        in_time + no_holding_reply + after_final,
        figure(&summary, "Resolved in the period"),
        "every resolved case is in time or a breach"
    );
    let overdue = figure(&summary, "Open past the deadline at the as-of date");
    assert_eq!(overdue, cases.count(status_is("open_overdue")));
    // One vocabulary: a breach is an answer given late or a case open past its deadline,
    // each part split, and the verdict on top says the same numbers.
    let late = figure(
        &summary,
        "Answered late: resolved in the period after the deadline",
    );
    assert_eq!(late, no_holding_reply + after_final);
    // December 2025 starts on day 20423 after 1970-01-01.
    let december = 20_423;
    let at_start = figure(&summary, "… already overdue when the period began");
    assert_eq!(
        at_start,
        cases
            .count(|r| status_is("open_overdue")(r)
                && date(&r["applicable_deadline"]).unwrap() < december)
    );
    let in_period = figure(&summary, "… became overdue in the period");
    assert_eq!(at_start + in_period, overdue);
    assert_eq!(
        figure(
            &summary,
            "Breaches: answered late, plus open past the deadline"
        ),
        late + overdue
    );
    let row_of = |start: &str| {
        summary
            .iter()
            .position(|r| text(&r[0]).starts_with(start))
            .unwrap_or_else(|| panic!("no row {start:?}"))
    };
    assert!(row_of("Not met") < row_of("Headline figures"));
    let verdict = text(&summary[row_of("Not met")][0]);
    assert_eq!(
        verdict,
        format!(
            "Not met: {late} complaints resolved in the period were answered late \
             ({no_holding_reply} after the first deadline without a timely holding reply, \
             {after_final} after the final deadline); {overdue} open complaints are past their \
             deadline ({in_period} became overdue in the period, {at_start} already overdue at \
             its start). {} rejected rows are in no figure, {} of which may belong to this \
             period (see Data quality).",
            n("rows_rejected"),
            n("rows_rejected_in_period")
        ),
        "the verdict is on top of the Summary"
    );
    assert_eq!(
        figure(&summary, "Open and at risk"),
        cases.count(status_is("open_at_risk"))
    );
    let mut days: Vec<f64> = cases
        .rows
        .iter()
        .filter(|r| resolved(r))
        .map(|r| number(&r["working_days_elapsed"]))
        .collect();
    days.sort_by(f64::total_cmp);
    let median = figure(
        &summary,
        "Median working days to resolution (resolved in the period)",
    );
    assert!((median - percentile(&days, 0.5)).abs() < 1e-9, "{median}");
    let p90 = figure(
        &summary,
        "90th percentile working days to resolution (resolved in the period)",
    );
    assert!((p90 - percentile(&days, 0.9)).abs() < 1e-9, "{p90}");
    // Cases by status: each status by its name, its code beside it.
    for (status, name) in STATUS_NAMES {
        assert_eq!(
            figure(&summary, name),
            cases.count(status_is(status)),
            "{status}"
        );
        let row = summary.iter().find(|r| text(&r[0]) == name).unwrap();
        assert_eq!(text(&row[2]), status);
    }
    assert_eq!(figure(&summary, "Rows read"), n("rows_read") as f64);
    assert_eq!(
        figure(&summary, "Rows rejected (see Data quality)"),
        n("rows_rejected") as f64
    );
    assert_eq!(
        figure(
            &summary,
            "… of these, rows that may belong to this period (listed first)"
        ),
        n("rows_rejected_in_period") as f64
    );

    // Regulator figures = counts recomputed from the Cases sheet.
    let regulator = sheet(&mut book, "Regulator");
    let closed = cases.count(resolved);
    assert_eq!(
        figure(&regulator, "Opened in the period"),
        cases.count(received)
    );
    assert_eq!(figure(&regulator, "Closed in the period"), closed);
    let by_first_deadline =
        |r: &BTreeMap<String, Data>| date(&r["resolved_date"]) <= date(&r["first_deadline"]);
    let quick = cases.count(|r| {
        resolved(r) && number(&r["working_days_elapsed"]) <= 3.0 && by_first_deadline(r)
    });
    let by_first = cases
        .count(|r| resolved(r) && number(&r["working_days_elapsed"]) > 3.0 && by_first_deadline(r));
    let by_final = cases.count(|r| {
        resolved(r)
            && !by_first_deadline(r)
            && date(&r["resolved_date"]) <= date(&r["final_deadline"])
    });
    let later =
        cases.count(|r| resolved(r) && date(&r["resolved_date"]) > date(&r["final_deadline"]));
    assert_eq!(
        figure(
            &regulator,
            "closed within 3 working days, by the first deadline"
        ),
        quick
    );
    assert_eq!(
        figure(
            &regulator,
            "closed later, within the first limit (15 working days)"
        ),
        by_first
    );
    let final_bucket = "closed later, by the final limit's date (35 calendar days; by time alone)";
    assert_eq!(figure(&regulator, final_bucket), by_final);
    assert_eq!(figure(&regulator, "closed after the final limit"), later);
    // The sheet's own buckets add up to its own closed figure.
    assert_eq!(
        figure(
            &regulator,
            "closed within 3 working days, by the first deadline"
        ) + figure(
            &regulator,
            "closed later, within the first limit (15 working days)"
        ) + figure(&regulator, final_bucket)
            + figure(&regulator, "closed after the final limit"),
        figure(&regulator, "Closed in the period")
    );
    // The time bucket says how many breaches it holds, and the Summary's breach lines and
    // the Regulator's count the same cases.
    let breached_in_bucket = figure(
        &regulator,
        "of which without a timely holding reply (breaches)",
    );
    assert!(breached_in_bucket > 0.0);
    assert_eq!(breached_in_bucket, no_holding_reply);
    assert_eq!(
        figure(&regulator, "closed after the final limit"),
        after_final
    );
    let outcome = |class: &'static str| {
        cases.count(move |r| resolved(r) && text(&r["outcome_class"]) == class)
    };
    assert_eq!(
        figure(&regulator, "Upheld (partially upheld included)"),
        outcome("upheld")
    );
    assert_eq!(figure(&regulator, "Rejected"), outcome("rejected"));
    assert_eq!(figure(&regulator, "Withdrawn"), outcome("withdrawn"));
    assert!(outcome("upheld") > 0.0 && outcome("rejected") > 0.0);
    let bodies: std::collections::BTreeSet<String> = cases
        .rows
        .iter()
        .map(|r| text(&r["referral_body"]))
        .filter(|b| !b.is_empty())
        .collect();
    assert!(bodies.len() >= 2, "{bodies:?}");
    for body in &bodies {
        assert_eq!(
            figure(&regulator, body),
            cases.count(|r| text(&r["referral_body"]) == *body),
            "{body}"
        );
    }

    // Breaches: every breached case, worst first; Open: every open case.
    let breaches = sheet(&mut book, "Breaches");
    let breached = cases.count(|r| {
        matches!(
            text(&r["status"]).as_str(),
            "breach_no_holding_reply" | "breach_final_deadline" | "open_overdue"
        )
    });
    assert_eq!((breaches.len() - 1) as f64, breached);
    let column = |name: &str| {
        breaches[0]
            .iter()
            .position(|h| text(h) == name)
            .unwrap_or_else(|| panic!("no {name} on the Breaches sheet"))
    };
    let over: Vec<f64> = breaches[1..]
        .iter()
        .map(|r| number(&r[column("Working days over the deadline")]))
        .collect();
    // Headers in words; every late case says why, its status by name.
    assert_eq!(
        breaches[0][..4].iter().map(text).collect::<Vec<_>>(),
        ["Case", "Status", "Reason", "Working days over the deadline"]
    );
    assert!(
        breaches[1..]
            .iter()
            .all(|r| !text(&r[column("Reason")]).is_empty())
    );
    let late_names = &STATUS_NAMES[2..5];
    assert!(breaches[1..].iter().all(|r| {
        late_names
            .iter()
            .any(|(_, name)| text(&r[column("Status")]) == *name)
    }));
    assert!(
        over.windows(2).all(|p| p[0] >= p[1]),
        "worst first: {over:?}"
    );
    // The Open sheet: its ageing table, then a row per open case under its header row.
    let open_sheet = sheet(&mut book, "Open");
    let header = open_sheet
        .iter()
        .position(|r| text(&r[0]) == "Case")
        .expect("the Open sheet's header row");
    assert_eq!(header, 9, "the ageing table above it");
    assert_eq!(
        (open_sheet.len() - header - 1) as f64,
        cases.count(open_now)
    );

    // Ageing, recounted from the Cases sheet: open cases by working days since receipt, the
    // overdue ones by working days past their deadline, in the bands 0-5 ... over 35.
    let band = |days: f64| match days as i64 {
        ..=5 => 0,
        6..=10 => 1,
        11..=15 => 2,
        16..=35 => 3,
        _ => 4,
    };
    let mut open_bands = [0.0; 5];
    let mut overdue_bands = [0.0; 5];
    for r in cases.rows.iter().filter(|r| open_now(r)) {
        open_bands[band(number(&r["working_days_elapsed"]))] += 1.0;
        if text(&r["status"]) == "open_overdue" {
            overdue_bands[band(number(&r["days_over_limit"]))] += 1.0;
        }
    }
    assert!(overdue_bands.iter().sum::<f64>() > 0.0 && open_bands[4] > 0.0);
    let labels = ["0-5", "6-10", "11-15", "16-35", "over 35"];
    let ageing_rows = |rows: &[Vec<Data>], from: usize| -> Vec<(String, f64, f64)> {
        rows[from..from + 6]
            .iter()
            .map(|r| (text(&r[0]), number(&r[1]), number(&r[2])))
            .collect()
    };
    let mut expected: Vec<(String, f64, f64)> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.to_string(), open_bands[i], overdue_bands[i]))
        .collect();
    expected.push((
        "Total".to_string(),
        cases.count(open_now),
        figure(&summary, "Open past the deadline at the as-of date"),
    ));
    assert_eq!(ageing_rows(&open_sheet, 2), expected, "Open sheet");
    let at = summary
        .iter()
        .position(|r| text(&r[0]) == "Working days")
        .expect("the Summary's ageing table");
    assert_eq!(ageing_rows(&summary, at + 1), expected, "Summary sheet");
    let json_ageing: Vec<(String, f64, f64)> = json["ageing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["working_days"].as_str().unwrap().to_string(),
                b["open"].as_f64().unwrap(),
                b["overdue"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(json_ageing, expected[..5], "summary.json");

    // Data quality lists every reject and warning.
    let quality = sheet(&mut book, "Data quality");
    let warnings: u64 = json["warnings_by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    // Above the table: how many rejects may belong to the period, and what a conflicting
    // duplicate means; then an empty row and the header.
    assert_eq!(
        text(&quality[0][0]),
        format!(
            "{} of the {} rejected rows may belong to this period: what can be read of their \
             dates does not place them outside. They are listed first.",
            n("rows_rejected_in_period"),
            n("rows_rejected")
        )
    );
    assert!(
        text(&quality[1][0]).starts_with("4 rows are conflicting duplicates (2 cases)")
            && text(&quality[1][0])
                .ends_with("left out of every figure until the export is fixed."),
        "{:?}",
        quality[1]
    );
    assert_eq!(text(&quality[3][0]), "Kind");
    assert_eq!((quality.len() - 4) as u64, n("rows_rejected") + warnings);
    // Those that may belong come first, then the other rejects, then the warnings.
    let kinds: Vec<String> = quality[4..].iter().map(|r| text(&r[0])).collect();
    let in_period = n("rows_rejected_in_period") as usize;
    assert!(
        kinds[..in_period]
            .iter()
            .all(|k| k == "reject, may be in period"),
        "{kinds:?}"
    );
    assert!(
        kinds[in_period..n("rows_rejected") as usize]
            .iter()
            .all(|k| k == "reject"),
        "{kinds:?}"
    );

    // Method: the command line, the closures of the deadline window, the input's SHA-256.
    let method = sheet(&mut book, "Method");
    let all: Vec<String> = method.iter().flatten().map(text).collect();
    assert!(
        all.iter()
            .any(|t| t.starts_with("complaint-sla report --policy")),
        "{all:?}"
    );
    assert!(all.iter().any(|t| t.contains("Julaften")), "{all:?}");
    let sha = &serde_json::from_str::<serde_json::Value>(&w.read("reports/2025-12/summary.json"))
        .unwrap()["inputs"][0]["sha256"];
    assert!(all.iter().any(|t| t == sha.as_str().unwrap()), "{all:?}");
}

#[test]
fn free_text_reaches_the_workbook_as_text_never_as_a_formula() {
    let w = Workdir::new();
    w.write(
        "export.csv",
        "case_id,received_at,resolved_at,category,=cmd|' /C calc'!A0\n\
         F-1,2025-03-03,2025-03-05,=HYPERLINK(\"http://x\"),+1+2\n\
         F-2,2025-03-04,,@SUM(A1),-3\n\
         -F3,=1+1,,\tx,\r=2\n",
    );
    w.run(&[
        "report",
        "--period",
        "2025-03",
        "--out-dir",
        "out",
        "export.csv",
    ])
    .ok();
    // Every CSV file: a cell that starts like a formula starts with an apostrophe.
    let cases = w.read("out/2025-03/cases.csv");
    let rejects = w.read("out/2025-03/rejects.csv");
    for text in [&cases, &rejects] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?} in\n{text}"
                );
            }
        }
    }
    assert!(cases.contains("'=HYPERLINK(\"\"http://x\"\")"), "{cases}");
    assert!(
        cases.contains(",'+1+2,") && cases.contains(",'-3,"),
        "{cases}"
    );
    assert!(
        cases.contains("'=cmd|' /C calc'!A0"),
        "the header too: {cases}"
    );
    assert!(
        rejects.contains("'-F3,unparseable_date,received_at,'=1+1"),
        "{rejects}"
    );
    let mut book = open(&w.path().join("out/2025-03/complaint-sla-2025-03.xlsx"));
    let cases = Cases::read(&sheet(&mut book, "Cases"));
    assert_eq!(
        cases.rows[0]["category"],
        Data::String("=HYPERLINK(\"http://x\")".into())
    );
    assert_eq!(
        cases.rows[0]["=cmd|' /C calc'!A0"],
        Data::String("+1+2".into())
    );
    assert_eq!(cases.rows[1]["category"], Data::String("@SUM(A1)".into()));
    let formulas = book.worksheet_formula("Cases").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula in the Cases sheet"
    );
}

#[test]
fn a_sheet_too_long_for_excel_is_split_not_cut() {
    let w = Workdir::new();
    let mut export = String::from("case_id,received_at\n");
    for i in 0..7 {
        export.push_str(&format!("S-{i},2025-03-0{}\n", i + 1));
    }
    w.write("export.csv", &export);
    w.run(&[
        "report",
        "--allow-missing",
        "resolved_at",
        "--period",
        "2025-03",
        "--out-dir",
        "out",
        "--xlsx-rows-per-sheet",
        "3",
        "export.csv",
    ])
    .ok();
    let mut book = open(&w.path().join("out/2025-03/complaint-sla-2025-03.xlsx"));
    let names = book.sheet_names();
    let cases: Vec<&String> = names.iter().filter(|n| n.starts_with("Cases")).collect();
    assert_eq!(cases, ["Cases", "Cases (2)", "Cases (3)"]);
    let mut ids = Vec::new();
    for name in ["Cases", "Cases (2)", "Cases (3)"] {
        let rows = sheet(&mut book, name);
        assert_eq!(text(&rows[0][0]), "case_id", "{name} has the header row");
        ids.extend(rows[1..].iter().map(|r| text(&r[0])));
    }
    assert_eq!(ids, (0..7).map(|i| format!("S-{i}")).collect::<Vec<_>>());
    // The sheet order is kept: the parts follow their first sheet.
    let at = |n: &str| names.iter().position(|s| s == n).unwrap();
    assert!(at("Open") < at("Cases") && at("Cases (3)") < at("Breakdown"));
}

#[test]
fn the_readme_summary_excerpt_is_the_sample_workbook() {
    let readme = crate::harness::documentation();
    let rows: Vec<Vec<String>> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| Summary (excerpt) |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    assert!(rows.len() >= 10, "the README has the Summary excerpt");
    let w = sample_report();
    let mut book = open(&w.path().join("reports/2025-12/complaint-sla-2025-12.xlsx"));
    let summary = sheet(&mut book, "Summary");
    for row in rows {
        let value: f64 = row[1].parse().unwrap();
        let actual = figure(&summary, &row[0]);
        assert!((actual - value).abs() < 0.05, "{}: {actual}", row[0]);
        if !row[2].is_empty() {
            let line = summary.iter().find(|r| text(&r[0]) == row[0]).unwrap();
            assert_eq!(
                format!("{:.1} %", number(&line[2]) * 100.0),
                row[2],
                "{}",
                row[0]
            );
        }
    }
}

/// Every text a report folder holds: the CSV, JSON and Markdown files as they are, and each
/// part of the workbook unzipped (its XML, shared strings and sheet names included).
fn every_written_text(folder: &std::path::Path) -> String {
    let mut everything = String::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if path.extension().is_some_and(|e| e == "xlsx") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let mut part = zip.by_index(i).unwrap();
                let mut text = String::new();
                std::io::Read::read_to_string(&mut part, &mut text).unwrap_or_default();
                everything.push_str(&text);
            }
        } else {
            everything.push_str(&String::from_utf8_lossy(&bytes));
        }
        everything.push('\n');
    }
    everything
}

/// A Norwegian export with every kind of personal column, a fødselsnummer in free text and a
/// card number in a category (so in the Breakdown sheet's figures too), redacted: nothing of
/// it is in any written file, xlsx parts unzipped.
#[test]
fn redact_writes_only_what_a_regulator_needs_in_every_file() {
    let w = Workdir::new();
    w.write(
        "klager.csv",
        "Saksnummer,Mottatt,Løst,Produkt,Kategori,Utfall,Fornavn,Etternavn,Telefonnummer,Mobilnummer,Fødselsnr,Kundenummer,Merknad,Region\n\
         R-1,2025-03-03,2025-03-05,kredittkort,Trekk 4111 1111 1111 1111,medhold,Åse,Bråten,22334455,+47 912 34 567,01019012345,K-778899,ref 5555-5555-5555-4444 fnr 41019012345,Vest\n\
         R-2,2025-03-04,,kredittkort,Gebyr,,Per,Ås,,,02029054321,K-112233,Ukjent trekk,Nord\n\
         R-3,2025-03-04,01019012345,kredittkort,Gebyr,,Kari,Nordmann,,,03039011111,K-445566,,Øst\n\
         R-4,2025-03-05,,kredittkort,Gebyr,,Ola,Berg,98765432,,04049022222,K-999000,x,Sør,ekstra\n",
    );
    // An unredacted run first: all its files are there.
    w.run(&[
        "report",
        "--period",
        "2025-03",
        "--out-dir",
        "out",
        "klager.csv",
    ])
    .ok();
    let out = w.run(&[
        "report",
        "--period",
        "2025-03",
        "--out-dir",
        "out",
        "--redact",
        "--keep",
        "Merknad",
        "--personal",
        "Fødselsnr",
        "klager.csv",
    ]);
    out.ok();
    let folder = w.path().join("out/2025-03");
    let everything = every_written_text(&folder);
    for secret in [
        "Åse",
        "Bråten",
        "Nordmann",
        "22334455",
        "912 34 567",
        "01019012345",
        "41019012345",
        "02029054321",
        "03039011111",
        "K-778899",
        "K-445566",
        "4111 1111 1111 1111",
        "5555-5555-5555",
        "Vest",
        "ekstra",
    ] {
        assert!(
            !everything.contains(secret),
            "{secret} is in a redacted report"
        );
    }
    // What a regulator needs is there: case ids, the kept column masked, the category with
    // its card number masked in the Breakdown figures too.
    for kept in [
        "R-1",
        "R-4",
        "ref ****-****-****-4444 fnr ***********",
        "Trekk **** **** **** 1111",
    ] {
        assert!(everything.contains(kept), "{kept} is missing");
    }
    let header = w.read("out/2025-03/cases.csv");
    let header = header.lines().next().unwrap();
    assert!(
        header.ends_with(",referral_body,Merknad,source_file,source_line"),
        "{header}"
    );
    let summary: serde_json::Value =
        serde_json::from_str(&w.read("out/2025-03/summary.json")).unwrap();
    assert_eq!(
        summary["redacted_columns"],
        serde_json::json!([
            "Fornavn",
            "Etternavn",
            "Telefonnummer",
            "Mobilnummer",
            "Fødselsnr",
            "Kundenummer",
            "Region"
        ])
    );
    // The Method sheet says what a redacted report holds and what was left out.
    let method = sheet_text(&folder.join("complaint-sla-2025-03.xlsx"), "Method");
    assert!(
        method.contains("its other columns, Fornavn, Etternavn, Telefonnummer, Mobilnummer, Fødselsnr, Kundenummer, Region, are left out"),
        "{method}"
    );

    // Only the CSV files of a redacted run: nothing of the unredacted run stays beside them.
    w.run(&[
        "report",
        "--period",
        "2025-03",
        "--out-dir",
        "out",
        "--redact",
        "--formats",
        "csv",
        "klager.csv",
    ])
    .ok();
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["cases.csv", "rejects.csv", "warnings.csv"]);
    assert!(!every_written_text(&folder).contains("Bråten"));
}

/// `--keep` and `--personal` must name a column the report would carry: a typo is exit 2
/// naming the headers found, and nothing is written.
#[test]
fn redact_flags_that_match_no_column_are_refused() {
    let w = Workdir::new();
    w.write(
        "klager.csv",
        "Saksnummer,Mottatt,Kategori,Fornavn\nR-1,2025-03-03,Gebyr,Åse\n",
    );
    let run = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "--period",
            "2025-03",
            "--out-dir",
            "out",
            "--redact",
        ];
        args.extend_from_slice(extra);
        args.push("klager.csv");
        w.run(&args)
    };
    let typo = run(&["--personal", "Fornvan"]);
    assert_eq!(typo.code, Some(2), "{typo}");
    assert!(
        typo.stderr.contains("--personal: 'Fornvan' matches no header of the inputs; headers found: 'Saksnummer', 'Mottatt', 'Kategori', 'Fornavn'"),
        "{typo}"
    );
    let own = run(&["--personal", "Kategori"]);
    assert_eq!(own.code, Some(2), "{own}");
    assert!(
        own.stderr
            .contains("'Kategori' is read as one of the report's own columns"),
        "{own}"
    );
    let keep = run(&["--keep", "Etternavn"]);
    assert_eq!(keep.code, Some(2), "{keep}");
    let both = run(&["--keep", "Fornavn", "--personal", "fornavn"]);
    assert_eq!(both.code, Some(2), "{both}");
    assert!(
        both.stderr.contains("named by both --keep and --personal"),
        "{both}"
    );
    assert!(!w.path().join("out/2025-03").exists());
}

/// The parts of an xlsx file, by name.
fn xlsx_parts(path: &Path) -> std::collections::BTreeMap<String, String> {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut part, &mut text).unwrap_or_default();
            (part.name().unwrap().to_string(), text)
        })
        .collect()
}

/// How the sample's workbook prints, read back from its XML: A4 everywhere; Summary and
/// Regulator on one page; the per-row sheets landscape, one page wide, any number tall, with
/// the header row on every page and gridlines; every page headed with the report, period and
/// as-of date and numbered "Page N of M"; wrapped text in rows tall enough to show it.
#[test]
fn the_workbook_prints_on_a4_one_page_wide_with_titles_and_page_numbers() {
    let w = sample_report();
    let parts = xlsx_parts(&w.path().join("reports/2025-12/complaint-sla-2025-12.xlsx"));
    let workbook = &parts["xl/workbook.xml"];
    for (i, name) in SHEETS.iter().enumerate() {
        let xml = &parts[&format!("xl/worksheets/sheet{}.xml", i + 1)];
        let has = |needle: &str| xml.contains(needle);
        assert!(has(r#"paperSize="9""#), "{name}: A4");
        assert!(has(r#"<pageSetUpPr fitToPage="1"/>"#), "{name}: fitted");
        assert!(
            has("Complaint handling report 2025-12")
                && has("2025-12-01 to 2025-12-31")
                && has("As of 2025-12-31"),
            "{name}: page header"
        );
        assert!(has("Page &amp;P of &amp;N"), "{name}: page numbers");
        assert!(
            has("&amp;L&amp;A"),
            "{name}: the sheet's name in the footer"
        );
        let per_row = ["Breaches", "Open", "Cases", "Data quality"].contains(name);
        let one_page = ["Summary", "Regulator"].contains(name);
        assert_eq!(has(r#"orientation="landscape""#), per_row, "{name}");
        // fitToWidth is 1 unless stated; fitToHeight 0 means as many pages tall as needed.
        assert!(!has("fitToWidth="), "{name}: one page wide");
        assert_eq!(!has(r#"fitToHeight="0""#), one_page, "{name}");
        let quoted = if name.contains(' ') {
            format!("'{name}'")
        } else {
            name.to_string()
        };
        // The Open sheet's table starts below its ageing table, Data quality's below its note
        // on the rejects.
        let header = match *name {
            "Open" => 10,
            "Data quality" => 4,
            _ => 1,
        };
        let titles = format!("{quoted}!${header}:${header}</definedName>");
        assert_eq!(
            workbook.contains(&titles),
            per_row,
            "{name}: header row repeated"
        );
        assert_eq!(has(r#"gridLines="1""#), per_row, "{name}: gridlines");
    }
    // The Method sheet's wrapped paragraphs have rows as tall as their lines.
    let method = &parts["xl/worksheets/sheet9.xml"];
    assert!(
        method.matches(r#"customHeight="1""#).count() >= 10,
        "{method}"
    );
}

/// `--language nb`: the workbook's sheets, titles and labels in Norwegian, every figure the
/// same, and the data contract untouched: cases.csv, summary.json, rejects.csv and
/// warnings.csv byte for byte as in English.
#[test]
fn norwegian_changes_the_words_not_the_figures_or_the_data() {
    let w = sample_report();
    w.run(&[
        "report",
        "--policy",
        "sample_data/policy.toml",
        "--period",
        "2025-12",
        "--language",
        "nb",
        "--out-dir",
        "nb",
        "sample_data/complaints.csv",
    ])
    .ok();
    for file in ["cases.csv", "summary.json", "rejects.csv", "warnings.csv"] {
        assert_eq!(
            w.read(&format!("reports/2025-12/{file}")),
            w.read(&format!("nb/2025-12/{file}")),
            "{file}"
        );
    }
    let mut en = open(&w.path().join("reports/2025-12/complaint-sla-2025-12.xlsx"));
    let mut nb = open(&w.path().join("nb/2025-12/complaint-sla-2025-12.xlsx"));
    assert_eq!(
        nb.sheet_names(),
        [
            "Sammendrag",
            "Brudd",
            "Åpne",
            "Saker",
            "Fordeling",
            "Utvikling",
            "Tilsyn",
            "Datakvalitet",
            "Metode",
        ]
    );
    let numbers = |rows: &[Vec<Data>]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                r.iter()
                    .filter(|c| matches!(c, Data::Float(_) | Data::Int(_)))
                    .map(text)
                    .collect()
            })
            .collect()
    };
    for (english, norwegian) in [
        ("Summary", "Sammendrag"),
        ("Regulator", "Tilsyn"),
        ("Trend", "Utvikling"),
        ("Breakdown", "Fordeling"),
        ("Cases", "Saker"),
        ("Open", "Åpne"),
    ] {
        assert_eq!(
            numbers(&sheet(&mut en, english)),
            numbers(&sheet(&mut nb, norwegian)),
            "{english}"
        );
    }
    let summary = sheet(&mut nb, "Sammendrag");
    assert_eq!(text(&summary[0][0]), "Klagerapport 2025-12");
    assert!(
        summary
            .iter()
            .any(|r| text(&r[0]) == "Løst innen første frist (15 virkedager)"),
        "{summary:?}"
    );
    let method = sheet_text(
        &w.path().join("nb/2025-12/complaint-sla-2025-12.xlsx"),
        "Metode",
    );
    assert!(method.contains("Mottaksdagen telles ikke med"), "{method}");
    // The built-in holidays by their Norwegian names; the bank's own closure as it wrote it.
    assert!(method.contains("Julaften - bankstengt"), "{method}");
    assert!(method.contains("Skjærtorsdag") && !method.contains("Maundy Thursday"));
    assert!(method.contains("Sommerfest (company day off)"), "{method}");
}

#[test]
fn an_unknown_language_is_refused() {
    let w = Workdir::new();
    w.write("e.csv", "case_id,received_at\nA-1,2025-12-01\n");
    let bad = w.run(&["report", "--period", "2025-12", "--language", "de", "e.csv"]);
    assert_eq!(
        bad.bad_input(),
        "error: --language: unknown language 'de' (use en for English or nb for Norwegian bokmål)"
    );
    w.write("p.toml", "language = \"no\"\n");
    let bad = w.run(&[
        "report", "--period", "2025-12", "--policy", "p.toml", "e.csv",
    ]);
    assert!(
        bad.bad_input()
            .contains("key `language`: unknown language 'no'"),
        "{bad}"
    );
    assert!(!w.path().join("reports").exists());
}
