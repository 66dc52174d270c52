//! With `--compare-policy`: both policies, the cases by status under each, and the matrix of
//! status under ours to status under theirs. (The workbook lists every case that differs
//! after it, as a table of cases.)

use super::{Block, Cell, Format, Paragraph, Section, Table, Value, Wording};
use crate::report::Report;
use crate::report::comparison::Comparison;
use crate::status::Status;

pub(crate) fn section(report: &Report, c: &Comparison) -> Section {
    let t = report.language.texts();
    let (ours, theirs) = (report.policy.name.as_str(), c.policy.name.as_str());
    let words = |n: &dyn std::fmt::Display| Value::Words(n.to_string());
    let intro = Paragraph {
        key: "md.cmp.intro",
        values: vec![
            ("cases", words(&report.counts.cases_in_report)),
            ("theirs", words(&theirs)),
            ("description", Value::Data(c.description.clone())),
            ("their_breaches", words(&c.breaches)),
            ("our_breaches", words(&report.counts.breaches())),
            ("ours", words(&ours)),
            ("differing", words(&c.differing.height())),
            ("sheet", words(&t.get("sheet.comparison"))),
        ],
    };
    let facts = vec![
        (
            t.get("cmp.ours").to_string(),
            crate::report::method::policy_summary(report),
        ),
        (t.get("cmp.theirs").to_string(), c.description.clone()),
    ];
    let matrix = t.fill("cmp.matrix", &[("ours", &ours), ("theirs", &theirs)]);
    Section {
        title: Wording::each(t.get("sheet.comparison"), t.get("cmp.title")),
        blocks: vec![
            Block::only(Format::Markdown, Block::Paragraph(intro)),
            Block::only(Format::Workbook, Block::Facts(facts)),
            Block::only(
                Format::Workbook,
                Block::SubHeading(Wording::same(t.get("cmp.by_status"))),
            ),
            Block::Table(by_status(report, c)),
            Block::Caption(Wording::same(matrix)),
            Block::Table(status_matrix(report, c)),
        ],
    }
}

fn by_status(report: &Report, c: &Comparison) -> Table {
    let t = report.language.texts();
    let mut table = Table::new(&[
        t.get("col.status"),
        &report.policy.name,
        &c.policy.name,
        t.get("cmp.col.difference"),
    ]);
    let ours = |s: Status| report.counts.by_status.get(&s).copied().unwrap_or(0);
    let theirs = |s: Status| c.by_status.get(&s).copied().unwrap_or(0);
    let row = |label: Cell, ours: u64, theirs: u64| {
        vec![
            label,
            Cell::Count(ours),
            Cell::Count(theirs),
            Cell::Change(theirs as i64 - ours as i64),
        ]
    };
    for s in Status::ALL {
        table.push(row(Cell::Code(s.as_str().to_string()), ours(s), theirs(s)));
    }
    table.push_total(row(
        Cell::words(t.get("col.breaches")),
        report.counts.breaches(),
        c.breaches,
    ));
    table
}

fn status_matrix(report: &Report, c: &Comparison) -> Table {
    let (ours, theirs) = (&report.policy.name, &c.policy.name);
    let mut headers = vec![Wording::each(format!("{ours} \\ {theirs}"), "")];
    headers.extend(
        Status::ALL
            .iter()
            .map(|s| Wording::each(format!("`{}`", s.as_str()), s.as_str())),
    );
    let mut table = Table::worded(headers);
    for o in Status::ALL {
        let mut cells = vec![Cell::Code(o.as_str().to_string())];
        cells.extend(
            Status::ALL
                .into_iter()
                .map(|th| Cell::Count(c.matrix.get(&(o, th)).copied().unwrap_or(0))),
        );
        table.push(cells);
    }
    table
}
