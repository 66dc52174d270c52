//! The method in words: how the figures were produced and how to recount them. Shown by the
//! workbook's Method sheet and the Markdown report's Method section.

use super::Report;
use super::figures::{self, QUICK_CLOSE_WORKING_DAYS};

/// The policy in one line, in the report's language.
pub fn policy_summary(report: &Report) -> String {
    let t = report.language.texts();
    let p = &report.policy;
    let markets = match &report.markets.set {
        Some(set) => t.fill(
            "policy.markets",
            &[(
                "markets",
                &set.markets
                    .iter()
                    .map(|m| format!("{} ({}, {})", m.name, m.calendar, m.time_zone.name()))
                    .collect::<Vec<_>>()
                    .join(", "),
            )],
        ),
        None => String::new(),
    };
    t.fill(
        "policy.summary",
        &[
            ("name", &p.name),
            ("first", &p.first_limit),
            ("final", &p.final_limit),
            (
                "unit",
                &t.get(&format!("unit.{}", p.final_limit_unit.name())),
            ),
            ("risk", &p.at_risk_window),
            ("calendar", &p.calendar),
            ("zone", &p.time_zone.name()),
        ],
    ) + &markets
}

/// The calendar in words, in the report's language.
pub fn calendar_description(report: &Report) -> &'static str {
    report
        .language
        .texts()
        .get(&format!("calendar.{}", report.policy.calendar))
}

/// The warning for a column that changes statuses and an input lacks, in the report's
/// language.
pub fn missing_warning(report: &Report, missing: &super::ColumnMissing) -> String {
    use crate::columns::Canonical;
    let t = report.language.texts();
    let column = missing.column;
    let (words, effect) = match column {
        Canonical::HoldingReplyAt | Canonical::ResolvedAt => (
            t.get(&format!("words.{column}")),
            t.fill(
                &format!("effect.{column}"),
                &[
                    ("late", &missing.late_without_holding_reply),
                    ("open", &missing.open),
                ],
            ),
        ),
        _ => (column.words(), missing.effect.clone()),
    };
    let hint = match missing.look_alikes.first() {
        Some(first) => t.fill(
            "hint.look_alike",
            &[
                (
                    "headers",
                    &missing
                        .look_alikes
                        .iter()
                        .map(|h| format!("'{h}'"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                ("column", &column),
                ("first", first),
            ],
        ),
        None => t.fill("hint.map", &[("column", &column)]),
    };
    let hint = if missing.targets.is_empty() {
        hint
    } else {
        let targets: Vec<String> = missing.targets.iter().map(|h| format!("'{h}'")).collect();
        hint + &t.fill("hint.targets", &[("headers", &targets.join(", "))])
    };
    t.fill(
        "missing.warning",
        &[
            ("input", &missing.input),
            ("words", &words),
            ("column", &column),
            ("effect", &effect),
            ("hint", &hint),
        ],
    )
}

/// A closure's name as the report's language writes it. The built-in holidays are named
/// "English (Norsk)" (and Christmas Eve "... - bank closure"): a Norwegian report shows the
/// Norwegian name. A name from the user's holiday file is shown as written.
pub fn closure_name(report: &Report, closure: &crate::calendar::Closure) -> String {
    use crate::calendar::ClosureKind;
    let name = closure.name.as_str();
    if report.language != super::lang::Language::Nb || closure.kind == ClosureKind::UserClosure {
        return name.to_string();
    }
    let (main, bank) = match name.strip_suffix(" - bank closure") {
        Some(main) => (main, true),
        None => (name, false),
    };
    match main.strip_suffix(')').and_then(|m| m.split_once(" (")) {
        Some((_, norsk)) if bank => format!("{norsk} - bankstengt"),
        Some((_, norsk)) => norsk.to_string(),
        None => name.to_string(),
    }
}

/// Where each convention applied comes from.
fn sources(report: &Report) -> String {
    let t = report.language.texts();
    let p = &report.policy;
    // A policy with other limits than the procedure's and PSD2's says so: the sources are
    // what it departs from, not what it counts.
    let lead = if p.first_limit == 15 && p.final_limit == 35 {
        t.fill("sources.lead_standard", &[("name", &p.name)])
    } else {
        t.fill(
            "sources.lead_own",
            &[
                ("name", &p.name),
                ("first", &p.first_limit),
                ("final", &p.final_limit),
                (
                    "unit",
                    &t.get(&format!("unit.{}", p.final_limit_unit.name())),
                ),
            ],
        )
    };
    t.fill(
        "sources.text",
        &[
            ("lead", &lead),
            (
                "rule",
                &t.get(&format!("sources.rule.{}", p.final_limit_unit.name())),
            ),
            (
                "calendar",
                &t.get(&format!("sources.calendar.{}", p.calendar)),
            ),
        ],
    )
}

/// How each input's dates were read.
fn dates_read(report: &Report) -> String {
    let t = report.language.texts();
    let parts: Vec<String> = report
        .inputs
        .iter()
        .map(|i| match &i.date_order {
            Some(note) => t.fill(
                "dates.slash",
                &[
                    ("file", &i.rows_from()),
                    ("pattern", &note.order.pattern()),
                    (
                        "how",
                        &t.get(if note.decided_by == "flag" {
                            "dates.how.flag"
                        } else {
                            "dates.how.data"
                        }),
                    ),
                    ("reason", &note.reason),
                ],
            ),
            None => t.fill("dates.none", &[("file", &i.rows_from())]),
        })
        .chain(report.inputs.iter().flat_map(|i| {
            // Which of several look-alike headers a date column was read from (in English, as
            // ingest's reasons are).
            i.column_choices
                .iter()
                .map(|choice| format!("{}: {choice}", i.rows_from()))
        }))
        .collect();
    parts.join("; ")
}

/// The inputs' newest date against the as-of date.
fn freshness(report: &Report) -> String {
    let t = report.language.texts();
    let f = &report.freshness;
    let newest = f.newest.map(|d| d.to_string()).unwrap_or_default();
    if f.newest.is_some_and(|n| n >= report.as_of) {
        return t.fill(
            "freshness.after",
            &[("newest", &newest), ("threshold", &f.stale_after_days)],
        );
    }
    t.fill(
        "freshness.text",
        &[
            ("newest", &newest),
            ("days", &f.days_before_as_of),
            ("threshold", &f.stale_after_days),
            (
                "state",
                &t.get(if f.stale {
                    "freshness.stale"
                } else {
                    "freshness.fresh"
                }),
            ),
        ],
    )
}

/// The stale-input warning in the report's language, when the run is stale.
pub fn stale_warning(report: &Report) -> Option<String> {
    let f = &report.freshness;
    if let Some((later, later_date, earlier, earlier_date)) = &f.older_later_input {
        return Some(report.language.texts().fill(
            "stale.older",
            &[
                ("later", later),
                ("later_date", later_date),
                ("earlier", earlier),
                ("earlier_date", earlier_date),
            ],
        ));
    }
    let newest = f.newest.filter(|_| f.stale)?;
    Some(report.language.texts().fill(
        "stale.warning",
        &[
            ("newest", &newest),
            ("days", &f.days_before_as_of),
            ("as_of", &report.as_of),
        ],
    ))
}

/// The columns that change statuses an input lacks, and their effect.
fn missing_columns(report: &Report) -> String {
    if report.columns_missing.is_empty() {
        return report.language.texts().get("missing.none").to_string();
    }
    report
        .columns_missing
        .iter()
        .map(|m| missing_warning(report, m))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The Method sheet's and the Markdown report's explanation, as (label, text) lines.
pub fn lines(report: &Report) -> Vec<(&'static str, String)> {
    let t = report.language.texts();
    let p = &report.policy;
    let holiday_file = report
        .holiday_file
        .as_ref()
        .map(|h| t.fill("method.holiday_file", &[("file", h)]))
        .unwrap_or_default();
    let mut lines = vec![
        (
            t.get("method.tool"),
            format!("complaint-sla {}", env!("CARGO_PKG_VERSION")),
        ),
        (t.get("method.command_line"), report.command_line.clone()),
        (t.get("method.policy"), policy(report)),
        (
            t.get("method.calendar"),
            format!(
                "{}: {}{holiday_file}.",
                p.calendar,
                calendar_description(report)
            ),
        ),
        (
            t.get("method.counting"),
            t.get("method.counting_text").to_string(),
        ),
        (t.get("method.sources"), sources(report)),
        (t.get("method.dates_read"), dates_read(report)),
        (t.get("method.missing_columns"), missing_columns(report)),
        (t.get("method.freshness"), freshness(report)),
        (
            t.get("method.as_of"),
            t.fill("method.as_of_text", &[("date", &report.as_of)]),
        ),
        (
            t.get("method.cases"),
            t.fill("method.cases_text", &[("end", &report.period.end)]),
        ),
        (t.get("method.rows"), rows(report)),
        (
            t.get("method.recount_summary"),
            t.get("method.recount_summary_text").to_string(),
        ),
        (
            t.get("method.recount_regulator"),
            t.fill(
                "method.recount_regulator_text",
                &[
                    ("quick", &QUICK_CLOSE_WORKING_DAYS),
                    ("start", &report.period.start),
                ],
            ),
        ),
        (
            t.get("method.breakdown_trend"),
            t.fill("method.breakdown_trend_text", &[("blank", &figures::BLANK)]),
        ),
        (t.get("method.redaction"), redaction(report)),
    ];
    if let Some(text) = markets(report) {
        // After the calendar: how each market counts.
        lines.insert(4, (t.get("method.markets"), text));
    }
    lines
}

/// Each market with its calendar, the calendar's source, its time zone and limits (none
/// without markets).
fn markets(report: &Report) -> Option<String> {
    let set = report.markets.set.as_ref()?;
    let t = report.language.texts();
    let described: Vec<String> = report
        .markets
        .counted
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let kind = m.calendar.kind();
            let values = match i {
                0 => String::new(),
                i => t.fill(
                    "markets.values",
                    &[("values", &set.markets[i - 1].values.join(", "))],
                ),
            };
            let holidays = m
                .holidays
                .as_ref()
                .map(|f| t.fill("markets.holidays", &[("file", &f.display())]))
                .unwrap_or_default();
            t.fill(
                "markets.method_one",
                &[
                    ("market", &super::sections::markets::market_name(report, i)),
                    ("values", &values),
                    ("calendar", &kind),
                    ("description", &t.get(&format!("calendar.{kind}"))),
                    ("source", &t.get(&format!("sources.calendar.{kind}"))),
                    ("zone", &m.time_zone.name()),
                    ("first", &m.limits.first_limit),
                    ("final", &m.limits.final_limit),
                    (
                        "unit",
                        &t.get(&format!("unit.{}", m.limits.final_limit_unit.name())),
                    ),
                    ("risk", &m.limits.at_risk_window),
                    ("holidays", &holidays),
                ],
            )
        })
        .collect();
    Some(t.fill(
        "markets.method",
        &[
            ("column", &set.column),
            ("markets", &(described.join("; ") + ".")),
        ],
    ))
}

/// The policy in one line: its name, limits and at-risk window.
fn policy(report: &Report) -> String {
    let t = report.language.texts();
    let p = &report.policy;
    let final_words = t.fill(
        &format!("final.{}", p.final_limit_unit.name()),
        &[("days", &p.final_limit)],
    );
    t.fill(
        "method.policy_text",
        &[
            ("name", &p.name),
            ("first", &p.first_limit),
            ("final", &final_words),
            ("risk", &p.at_risk_window),
        ],
    )
}

/// Every row read, and where it went.
fn rows(report: &Report) -> String {
    let t = report.language.texts();
    let c = &report.counts;
    t.fill(
        "method.rows_text",
        &[
            ("read", &c.rows_read),
            ("evaluated", &c.rows_evaluated),
            ("rejected", &c.rows_rejected),
            ("superseded", &c.rows_superseded),
            ("updated", &c.cases_updated),
            ("in_report", &c.cases_in_report),
            ("outside", &c.outside_period),
            ("later", &c.not_yet_received),
        ],
    )
}

/// What `--redact` left out and masked, or that the report is not redacted.
fn redaction(report: &Report) -> String {
    let t = report.language.texts();
    match &report.redaction {
        Some(r) => t.fill(
            "redaction.text",
            &[
                (
                    "kept",
                    &if r.columns_kept.is_empty() {
                        String::new()
                    } else {
                        t.fill("redaction.kept", &[("columns", &r.columns_kept.join(", "))])
                    },
                ),
                (
                    "left_out",
                    &if r.columns_left_out.is_empty() {
                        t.get("redaction.no_other").to_string()
                    } else {
                        t.fill(
                            "redaction.others",
                            &[("columns", &r.columns_left_out.join(", "))],
                        )
                    },
                ),
                ("masked", &r.values_masked),
            ],
        ),
        None => t.get("redaction.none").to_string(),
    }
}

/// An input's date order in a few words: "MM/DD/YYYY (from the data)".
pub(crate) fn date_order_cell(
    t: &super::lang::Texts,
    input: &crate::ingest::InputSummary,
) -> String {
    match &input.date_order {
        Some(note) => format!(
            "{} ({})",
            note.order.pattern(),
            t.get(if note.decided_by == "flag" {
                "order.given"
            } else {
                "order.data"
            })
        ),
        None => t.get("order.none").to_string(),
    }
}
