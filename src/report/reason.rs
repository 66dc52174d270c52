//! Why a case is not on time, in plain words of the report's language: the `reason` column of
//! `cases.csv`, the Breaches and Open sheets and the Markdown breach list. Empty for a case on
//! time, extended in time, or open and not yet overdue.

use anyhow::Result;
use chrono::NaiveDate;
use polars::prelude::*;

use super::lang::Texts;
use crate::business_days::date_from_epoch_days;
use crate::ingest::col_names;
use crate::language::Language;
use crate::status::Status;

pub(crate) const COLUMN: &str = "reason";
/// The reason in the report's language, for the lists people read (the Breaches and Open
/// sheets, the Markdown breach list), when that language is not English.
pub(crate) const SHOWN: &str = "_reason_shown";

/// The columns of a list people read: the reason in the report's language.
pub(crate) fn for_people<'a>(columns: &[&'a str], cases: &DataFrame) -> Vec<&'a str> {
    let shown = cases.column(SHOWN).is_ok();
    columns
        .iter()
        .map(|c| if *c == COLUMN && shown { SHOWN } else { *c })
        .collect()
}

/// A case's dates and counts as the reason needs them: all a reason depends on, so cases with
/// the same facts share one reason, made once.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Facts {
    status: Option<Status>,
    holding_reply: Option<NaiveDate>,
    resolved: Option<NaiveDate>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    days_over: Option<i64>,
    /// Whether the case's export has a holding-reply column at all: without one, "no holding
    /// reply" is not a fact but an absence of data, and the reason says so.
    reply_column: bool,
}

/// The holding reply as the rules count it: sent by the first deadline (and not after the
/// resolution), sent after the first deadline, or none (a reply after the resolution is
/// ignored, as the evaluation ignores it).
enum Reply {
    Timely,
    Late(NaiveDate),
    None,
}

impl Facts {
    fn reply(&self) -> Reply {
        match self.holding_reply {
            Some(sent) if self.resolved.is_some_and(|r| sent > r) => Reply::None,
            Some(sent) if self.first.is_some_and(|first| sent > first) => Reply::Late(sent),
            Some(_) => Reply::Timely,
            None => Reply::None,
        }
    }
}

/// The reason of one case, empty when it is on time.
fn reason(facts: &Facts, t: &Texts) -> String {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let reply = facts.reply();
    let missing_reply = match reply {
        Reply::Timely => None,
        Reply::Late(sent) => Some(t.fill(
            "reason.holding_reply_late",
            &[("date", &sent), ("first", &date(facts.first))],
        )),
        Reply::None if !facts.reply_column => Some(t.get("reason.no_reply_column").to_string()),
        Reply::None => Some(t.get("reason.no_holding_reply").to_string()),
    };
    match facts.status {
        Some(Status::BreachNoHoldingReply) => {
            missing_reply.unwrap_or_else(|| t.get("reason.no_holding_reply").to_string())
        }
        Some(Status::BreachFinalDeadline) => {
            let after = t.fill("reason.after_final", &[("final", &date(facts.last))]);
            match missing_reply {
                // Without a timely holding reply the first deadline was missed too: both said.
                Some(reply) => t.fill("reason.both", &[("reply", &reply), ("after", &after)]),
                None => after,
            }
        }
        Some(Status::OpenOverdue) => {
            // Past the final deadline when a timely holding reply made it the applicable one.
            let (which, deadline) = match reply {
                Reply::Timely => ("final", facts.last),
                _ => ("first", facts.first),
            };
            let days = facts.days_over.unwrap_or(0);
            let count = match days {
                // Overdue since a non-working day: no working day has passed yet.
                0 => "_zero",
                1 => "_one",
                _ => "",
            };
            t.fill(
                &format!("reason.open_past_{which}{count}"),
                &[("days", &days), ("deadline", &date(deadline))],
            )
        }
        _ => String::new(),
    }
}

/// The cases with their `reason` column, in English words (cases.csv is the same in every
/// language), and in another language also with the reason in its words ([`SHOWN`]).
/// `no_reply_column`: the inputs (by index) whose export has no holding-reply column.
pub(crate) fn with_reasons(
    cases: DataFrame,
    language: Language,
    no_reply_column: &[u32],
) -> Result<DataFrame> {
    let cases = with_reason(cases, COLUMN, &Language::En.texts(), no_reply_column)?;
    if language == Language::En {
        return Ok(cases);
    }
    with_reason(cases, SHOWN, &language.texts(), no_reply_column)
}

fn with_reason(
    mut cases: DataFrame,
    name: &str,
    t: &Texts,
    no_reply_column: &[u32],
) -> Result<DataFrame> {
    let dates = |name: &str| -> Result<Int32Chunked> {
        Ok(cases.column(name)?.cast(&DataType::Int32)?.i32()?.clone())
    };
    let status = cases.column("status")?.str()?.clone();
    let holding = dates(col_names::HOLDING_REPLY)?;
    let first = dates("first_deadline")?;
    let last = dates("final_deadline")?;
    let resolved = dates(col_names::RESOLVED)?;
    let over = cases
        .column("days_over_limit")?
        .cast(&DataType::Int64)?
        .i64()?
        .clone();
    let day = |d: Option<i32>| d.map(date_from_epoch_days);
    let sources = cases
        .column(col_names::SOURCE_FILE)?
        .cast(&DataType::UInt32)?
        .u32()?
        .clone();
    // Column by column, not a lookup per cell: a year's report has a million cases. Cases
    // received on the same day and still open share their facts, so each reason is made once
    // and the cases point at it.
    let mut made: PlHashMap<Facts, u32> = PlHashMap::default();
    let mut texts: Vec<String> = Vec::new();
    let which: Vec<Option<u32>> = status
        .iter()
        .zip(holding.iter().zip(resolved.iter()))
        .zip(first.iter().zip(last.iter()).zip(over.iter()))
        .zip(sources.iter())
        .map(
            |(((status, (holding, resolved)), ((first, last), over)), source)| {
                let status = status.and_then(Status::parse).filter(|s| {
                    matches!(
                        s,
                        Status::BreachNoHoldingReply
                            | Status::BreachFinalDeadline
                            | Status::OpenOverdue
                    )
                })?;
                let facts = Facts {
                    status: Some(status),
                    holding_reply: day(holding),
                    resolved: day(resolved),
                    first: day(first),
                    last: day(last),
                    days_over: over,
                    reply_column: source.is_none_or(|s| !no_reply_column.contains(&s)),
                };
                Some(*made.entry(facts).or_insert_with(|| {
                    texts.push(reason(&facts, t));
                    (texts.len() - 1) as u32
                }))
            },
        )
        .collect();
    let reasons: StringChunked = which
        .iter()
        .map(|i| i.map(|i| texts[i as usize].as_str()))
        .collect();
    cases.with_column(reasons.with_name(name.into()).into_column())?;
    Ok(cases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    #[test]
    fn without_a_holding_reply_column_the_reason_says_the_export_has_none() {
        let facts = Facts {
            status: Some(Status::BreachFinalDeadline),
            holding_reply: None,
            resolved: d("2026-01-12"),
            first: d("2025-12-05"),
            last: d("2026-01-09"),
            days_over: Some(1),
            reply_column: false,
        };
        assert_eq!(
            reason(&facts, &Language::En.texts()),
            "no holding reply recorded (the export has no holding-reply column); resolved after \
             the final deadline (2026-01-09)"
        );
        assert!(
            reason(&facts, &Language::Nb.texts()).starts_with("ingen foreløpig svar registrert")
        );
    }

    #[test]
    fn each_late_case_has_its_reason_in_each_language() {
        let facts = |status, holding_reply, resolved, days_over| Facts {
            status: Some(status),
            holding_reply,
            resolved,
            first: d("2025-12-05"),
            last: d("2026-01-09"),
            days_over,
            reply_column: true,
        };
        use Status::*;
        let cases = [
            (
                facts(BreachNoHoldingReply, None, d("2025-12-10"), Some(3)),
                "no holding reply",
                "ingen foreløpig svar",
            ),
            (
                facts(
                    BreachNoHoldingReply,
                    d("2025-12-07"),
                    d("2025-12-10"),
                    Some(3),
                ),
                "holding reply sent late (2025-12-07, after the first deadline 2025-12-05)",
                "foreløpig svar sendt for sent (2025-12-07, etter første frist 2025-12-05)",
            ),
            // A reply after the resolution is ignored: there was none.
            (
                facts(
                    BreachNoHoldingReply,
                    d("2025-12-12"),
                    d("2025-12-10"),
                    Some(3),
                ),
                "no holding reply",
                "ingen foreløpig svar",
            ),
            (
                facts(
                    BreachFinalDeadline,
                    d("2025-12-01"),
                    d("2026-01-12"),
                    Some(1),
                ),
                "resolved after the final deadline (2026-01-09)",
                "løst etter siste frist (2026-01-09)",
            ),
            // Without a timely reply, the first deadline was missed too.
            (
                facts(BreachFinalDeadline, None, d("2026-01-12"), Some(25)),
                "no holding reply; resolved after the final deadline (2026-01-09)",
                "ingen foreløpig svar; løst etter siste frist (2026-01-09)",
            ),
            (
                facts(
                    BreachFinalDeadline,
                    d("2025-12-08"),
                    d("2026-01-12"),
                    Some(25),
                ),
                "holding reply sent late (2025-12-08, after the first deadline 2025-12-05); \
                 resolved after the final deadline (2026-01-09)",
                "foreløpig svar sendt for sent (2025-12-08, etter første frist 2025-12-05); \
                 løst etter siste frist (2026-01-09)",
            ),
            (
                facts(OpenOverdue, None, None, Some(12)),
                "open, 12 working days past the first deadline",
                "åpen, 12 virkedager over første frist",
            ),
            (
                facts(OpenOverdue, d("2025-12-01"), None, Some(1)),
                "open, 1 working day past the final deadline",
                "åpen, 1 virkedag over siste frist",
            ),
            // Overdue since a Saturday: no working day past it yet.
            (
                facts(OpenOverdue, d("2025-12-08"), None, Some(0)),
                "open, past the first deadline (2025-12-05)",
                "åpen, over første frist (2025-12-05)",
            ),
            (
                facts(ResolvedExtended, d("2025-12-01"), d("2026-01-02"), Some(0)),
                "",
                "",
            ),
            (facts(OpenAtRisk, None, None, Some(0)), "", ""),
        ];
        for (facts, en, nb) in cases {
            assert_eq!(reason(&facts, &Language::En.texts()), en);
            assert_eq!(reason(&facts, &Language::Nb.texts()), nb);
        }
    }
}
