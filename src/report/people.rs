//! The lists people read (the Breaches and Open sheets, the Markdown lists, the board pack):
//! column headers as words of the report's language, and statuses by their short names. The
//! data contract (`cases.csv`, `summary.json`, the Cases sheet) keeps the machine names.

use anyhow::Result;
use polars::prelude::*;

use super::lang::Texts;
use crate::status::Status;

/// The status in the report's words, beside the `status` code the marking reads.
pub(crate) const STATUS_SHOWN: &str = "_status_shown";

/// A column's header in the report's language: `case_id` is "Case".
pub(crate) fn header(t: &Texts, column: &str) -> &'static str {
    t.get(&format!("head.{column}"))
}

/// The key of a reject's kind in the Data quality lists: a reject, or one that may belong to
/// the period (listed first).
pub(crate) fn reject_kind(may_belong: bool) -> &'static str {
    if may_belong {
        "md.kind.reject_in_period"
    } else {
        "md.kind.reject"
    }
}

/// "15 of the 22 rejected rows may belong to this period: …", in the report's language.
pub(crate) fn rejects_in_period_note(report: &crate::report::Report) -> String {
    let c = &report.counts;
    let key = format!(
        "md.rejects_in_period_{}",
        in_period_case(c.rows_rejected, c.rejects_in_period)
    );
    report.language.texts().fill(
        &key,
        &[("n", &c.rejects_in_period), ("rejected", &c.rows_rejected)],
    )
}

/// Which sentence says how many of `rejected` rows may belong to the period (`in_period`):
/// the suffix of its key (`one_in`, `one_out`, `none_in`, `all_in`, `some_in`), the same for
/// every text that says it.
pub(crate) fn in_period_case(rejected: u64, in_period: u64) -> &'static str {
    match (rejected, in_period) {
        (1, 1) => "one_in",
        (1, _) => "one_out",
        (_, 0) => "none_in",
        (n, k) if n == k => "all_in",
        _ => "some_in",
    }
}

/// "4 rows are conflicting duplicates (2 cases): …", when there are any: what they mean to the
/// figures, in the report's language.
pub(crate) fn conflicts_note(report: &crate::report::Report) -> Option<String> {
    let rows = report
        .counts
        .rejects_by_reason
        .get(&crate::ingest::RejectReason::ConflictingDuplicate)
        .copied()
        .unwrap_or(0);
    let cases: std::collections::BTreeSet<(&str, &str)> = report
        .rejects
        .iter()
        .filter(|r| r.reason == crate::ingest::RejectReason::ConflictingDuplicate)
        .map(|r| (r.file.as_str(), r.case_id.as_str()))
        .collect();
    let t = report.language.texts();
    (rows > 0).then(|| {
        t.fill(
            if rows == 1 {
                "md.conflicts_one"
            } else {
                "md.conflicts_many"
            },
            &[
                ("rows", &rows),
                ("cases", &t.counted("count.case", cases.len() as u64)),
            ],
        )
    })
}

/// A status's short name in the report's language: "Late, after the final deadline".
pub(crate) fn status(t: &Texts, status: Status) -> &'static str {
    t.get(&format!("label.{}", status.as_str()))
}

/// `frame` (a list's few rows) with [`STATUS_SHOWN`] beside its `status`.
pub(crate) fn with_status_words(frame: DataFrame, t: &Texts) -> Result<DataFrame> {
    let words: StringChunked = frame
        .column("status")?
        .str()?
        .iter()
        .map(|s| s.and_then(Status::parse).map(|s| status(t, s)))
        .collect();
    let mut frame = frame;
    frame.with_column(words.with_name(STATUS_SHOWN.into()).into_column())?;
    Ok(frame)
}

/// A list's columns as (header, source): each column's header in words, its values from
/// `sources` (the reason in the report's language where there is one), the status by name.
pub(crate) fn headed(t: &Texts, columns: &[&str], sources: &[&str]) -> Vec<(String, String)> {
    columns
        .iter()
        .zip(sources)
        .map(|(c, s)| {
            let source = if *s == "status" { STATUS_SHOWN } else { s };
            (header(t, c).to_string(), source.to_string())
        })
        .collect()
}

/// The breaches, worst first, as a list people read: the first `limit` rows with `columns`
/// (the reason in the report's language, the status by name beside its code), and each
/// column as (header in words, source).
pub(crate) fn breaches_listed(
    report: &super::Report,
    columns: &[&str],
    limit: usize,
) -> Result<(DataFrame, Vec<(String, String)>)> {
    let t = report.language.texts();
    let sources = super::reason::for_people(columns, &report.cases);
    let rows = super::breaches_worst_first_top(&report.cases, &sources, limit)?;
    let rows = with_status_words(rows, &t)?;
    Ok((rows, headed(&t, columns, &sources)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;

    #[test]
    fn every_status_has_a_name_in_every_language() {
        for language in Language::ALL {
            let t = language.texts();
            let names: std::collections::BTreeSet<&str> =
                Status::ALL.iter().map(|s| status(&t, *s)).collect();
            assert_eq!(names.len(), Status::ALL.len(), "{}", language.code());
        }
        assert_eq!(
            status(&Language::Nb.texts(), Status::OpenOverdue),
            "Åpen, over fristen"
        );
    }

    #[test]
    fn the_status_shown_is_the_name_and_the_code_stays() {
        let frame = df!("status" => ["open_overdue", "resolved_on_time"]).unwrap();
        let frame = with_status_words(frame, &Language::En.texts()).unwrap();
        let shown: Vec<_> = frame
            .column(STATUS_SHOWN)
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        assert_eq!(shown, ["Open, past the deadline", "On time"]);
        assert!(frame.column("status").is_ok());
    }
}
