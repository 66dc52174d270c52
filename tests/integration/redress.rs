//! Redress: an amount column as Norwegian exports write it, summed exactly by outcome and by
//! product, an unreadable amount a warning (never a reject), recounted from the Cases sheet.

use calamine::Data;

use crate::harness::Workdir;
use crate::workbook::{number, open, sheet, text};

/// March 2025, as of its last day: six cases closed in March, two open, one resolved in April
/// (open at the as-of date, so its amount is not known yet).
const EXPORT: &str = "\
Saksnummer;Mottatt;Løst dato;Produkt;Utfall;Utbetalt
R-1;03.03.2025;10.03.2025;kredittkort;medhold;1 234,50
R-2;03.03.2025;12.03.2025;kredittkort;delvis medhold;kr 1.000,-
R-3;04.03.2025;14.03.2025;reisekort;avslått;-0,00
R-4;05.03.2025;20.03.2025;reisekort;medhold;NOK 250.75
R-5;06.03.2025;21.03.2025;kredittkort;medhold;ca. 500
R-6;07.03.2025;;kredittkort;;
R-7;10.03.2025;;reisekort;;
R-8;03.02.2025;05.04.2025;kredittkort;medhold;300
R-9;12.03.2025;25.03.2025;gavekort;trukket;1,234
";

fn march(w: &Workdir, extra: &[&str]) -> crate::harness::Output {
    w.write("export.csv", EXPORT);
    let mut args = vec![
        "report",
        "--period",
        "2025-03",
        "--as-of",
        "2025-03-31",
        "--today",
        "2025-04-10",
        "--out-dir",
        "out",
        "export.csv",
    ];
    args.extend_from_slice(extra);
    w.run(&args)
}

#[test]
fn amounts_are_read_exactly_summed_by_outcome_and_product_and_recountable() {
    let w = Workdir::new();
    march(&w, &[]).ok();

    // cases.csv: the amount as read, with two decimals; none where it could not be read or
    // was not known at the as-of date.
    let cases = w.read("out/2025-03/cases.csv");
    let header: Vec<&str> = cases.lines().next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "redress_amount").unwrap();
    assert_eq!(header[at - 1], "referred_date");
    let amount = |id: &str| -> String {
        let line = cases.lines().find(|l| l.starts_with(id)).unwrap();
        line.split(',').nth(at).unwrap().to_string()
    };
    for (id, expected) in [
        ("R-1", "1234.50"),
        ("R-2", "1000.00"),
        ("R-3", "0.00"),
        ("R-4", "250.75"),
        ("R-5", ""),
        ("R-6", ""),
        ("R-8", ""),
        ("R-9", ""),
    ] {
        assert_eq!(amount(id), expected, "{id}");
    }

    // Not an amount, or one that reads two ways: a warning with line and value; the case stays.
    let warnings = w.read("out/2025-03/warnings.csv");
    assert!(
        warnings.contains(
            "export.csv,6,R-5,unreadable_amount,redress_amount,\"ca. 500 (is not an amount:"
        ),
        "{warnings}"
    );
    assert!(
        warnings.contains("R-9,unreadable_amount,redress_amount,\"1,234 (could be 1.234 or 1234"),
        "{warnings}"
    );
    assert!(!w.read("out/2025-03/rejects.csv").contains("R-5"));

    // summary.json: 4 of the 6 cases closed in March have an amount, 2,485.25 in all.
    let json: serde_json::Value =
        serde_json::from_str(&w.read("out/2025-03/summary.json")).unwrap();
    let redress = &json["redress"];
    assert_eq!(redress["currency"], "NOK");
    assert_eq!(redress["cases_with_amount"], 4);
    assert_eq!(redress["paid"], 2485.25);
    let by_outcome: Vec<(String, u64, f64)> = redress["by_outcome"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["outcome_class"].as_str().unwrap().to_string(),
                o["cases_with_amount"].as_u64().unwrap(),
                o["paid"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        by_outcome,
        [
            ("upheld".to_string(), 3, 2485.25),
            ("rejected".to_string(), 1, 0.0),
            ("withdrawn".to_string(), 0, 0.0),
            ("other".to_string(), 0, 0.0),
        ]
    );
    assert_eq!(json["warnings_by_kind"]["unreadable_amount"], 2);

    // The workbook: the Regulator's sums recounted from the Cases sheet.
    let mut book = open(&w.path().join("out/2025-03/complaint-sla-2025-03.xlsx"));
    let cases_sheet = sheet(&mut book, "Cases");
    let col = |name: &str| {
        cases_sheet[0]
            .iter()
            .position(|c| text(c) == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let (class, paid, closed, product) = (
        col("outcome_class"),
        col("redress_amount"),
        col("resolved_in_period"),
        col("product"),
    );
    let recount = |keep: &dyn Fn(&[Data]) -> bool| -> f64 {
        cases_sheet[1..]
            .iter()
            .filter(|r| r[closed] == Data::Bool(true) && keep(r))
            .filter_map(|r| match r[paid] {
                Data::Float(v) => Some(v),
                _ => None,
            })
            .sum()
    };
    let regulator = sheet(&mut book, "Regulator");
    let row = |label: &str| {
        regulator
            .iter()
            .find(|r| text(&r[0]).starts_with(label))
            .unwrap_or_else(|| panic!("{label}"))
            .clone()
    };
    for (label, outcome) in [
        ("Upheld", "upheld"),
        ("Rejected", "rejected"),
        ("Withdrawn", "withdrawn"),
    ] {
        let r = row(label);
        let expected = recount(&|c: &[Data]| text(&c[class]) == outcome);
        assert!((number(&r[3]) - expected).abs() < 1e-9, "{label}: {r:?}");
    }
    assert!((number(&row("Total")[3]) - 2485.25).abs() < 1e-9);
    let by_product = regulator
        .iter()
        .position(|r| text(&r[0]) == "Product")
        .unwrap();
    assert_eq!(text(&regulator[by_product][7]), "Redress paid (NOK)");
    for r in &regulator[by_product + 1..by_product + 4] {
        let name = text(&r[0]);
        let expected = recount(&|c: &[Data]| text(&c[product]) == name);
        assert!((number(&r[7]) - expected).abs() < 1e-9, "{name}: {r:?}");
    }

    // The Breakdown sheet: the redress of each product's cases in the report.
    let breakdown = sheet(&mut book, "Breakdown");
    let kredittkort = breakdown
        .iter()
        .find(|r| text(&r[0]) == "kredittkort")
        .unwrap();
    assert!((number(&kredittkort[6]) - 2234.50).abs() < 1e-9);

    // The Markdown report.
    let markdown = w.read("out/2025-03/complaint-sla-2025-03.md");
    assert!(
        markdown.contains("### Redress paid (NOK), complaints closed in the period"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| **Total** | 6 | 4 | 2,485.25 |"),
        "{markdown}"
    );
}

#[test]
fn the_currency_comes_from_the_policy_and_must_be_a_code() {
    let w = Workdir::new();
    w.write("eur.toml", "currency = \"EUR\"\n");
    march(&w, &["--policy", "eur.toml"]).ok();
    let markdown = w.read("out/2025-03/complaint-sla-2025-03.md");
    assert!(markdown.contains("Redress paid (EUR)"), "{markdown}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&w.read("out/2025-03/summary.json")).unwrap()["redress"]
            ["currency"],
        "EUR"
    );

    w.write("kr.toml", "currency = \"kr\"\n");
    let bad = march(&w, &["--policy", "kr.toml"]);
    assert!(
        bad.bad_input()
            .contains("key `currency`: 'kr' is not an active ISO 4217 code"),
        "{bad}"
    );
    w.write("xyz.toml", "currency = \"XYZ\"\n");
    let bad = march(&w, &["--policy", "xyz.toml"]);
    assert!(
        bad.bad_input()
            .contains("key `currency`: 'XYZ' is not an active ISO 4217 code"),
        "{bad}"
    );
}

#[test]
fn an_export_without_amounts_has_no_redress_anywhere() {
    let w = Workdir::new();
    let without: String = EXPORT
        .lines()
        .map(|l| l.rsplit_once(';').unwrap().0.to_string() + "\n")
        .collect();
    w.write("export.csv", without);
    w.run(&[
        "report",
        "--period",
        "2025-03",
        "--as-of",
        "2025-03-31",
        "--out-dir",
        "out",
        "export.csv",
    ])
    .ok();
    assert!(!w.read("out/2025-03/cases.csv").contains("redress"));
    assert!(!w.read("out/2025-03/summary.json").contains("\"redress\""));
    assert!(
        !w.read("out/2025-03/complaint-sla-2025-03.md")
            .contains("Redress")
    );
}
