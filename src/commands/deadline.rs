//! `complaint-sla deadline`: when one complaint is due, and where it stands.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::calendar::{Calendar, weekday_name, year_in_range};
use crate::cli::{DeadlineArgs, DeadlineFormat};
use crate::date_input::{self, DateInput};
use crate::deadline::{Assessment, Case, CaseError, HoldingReplyIgnored};
use crate::error::BadInput;
use crate::policy::{FinalLimitUnit, Policy};

/// The validated inputs of one `deadline` call.
#[derive(Debug)]
pub struct DeadlineQuery {
    pub policy: Policy,
    pub calendar: Calendar,
    pub case: Case,
    pub as_of: Option<NaiveDate>,
    /// The receipt as typed, when it was a timestamp (to show its conversion).
    pub received_input: (String, DateInput),
    /// The holiday file applied to the calendar, if any.
    pub holiday_file: Option<PathBuf>,
}

impl DeadlineQuery {
    pub fn resolve(args: &DeadlineArgs) -> Result<Self> {
        let (policy, calendar, holiday_file) = super::market_policy_and_calendar(
            &args.policy,
            args.market.as_deref(),
            args.calendar.as_deref(),
            args.holidays.as_deref(),
        )?;
        let zone = policy.time_zone;
        let received_input = parse_flag("--received", &args.received)?;
        let received = date_in_range(
            "--received",
            &args.received,
            received_input.local_date(zone),
        )?;
        let optional = |flag: &str, raw: &Option<String>| -> Result<Option<NaiveDate>> {
            raw.as_deref()
                .map(|raw| {
                    let date = parse_flag(flag, raw)?.local_date(zone);
                    date_in_range(flag, raw, date)
                })
                .transpose()
        };
        let holding_reply = optional("--holding-reply", &args.holding_reply)?;
        let resolved = optional("--resolved", &args.resolved)?;
        let as_of = optional("--as-of", &args.as_of)?;
        Ok(DeadlineQuery {
            policy,
            calendar,
            case: Case {
                received,
                holding_reply,
                resolved,
            },
            as_of,
            received_input: (args.received.clone(), received_input),
            holiday_file,
        })
    }

    /// Assesses the case; contradictory dates are bad input naming the flag.
    pub fn assess(&self, args: &DeadlineArgs) -> Result<Assessment> {
        self.case
            .assess(&self.policy.limits(), &self.calendar, self.as_of)
            .map_err(|e| {
                let received = self.case.received;
                match e {
                    CaseError::HoldingReplyBeforeReceipt { holding_reply } => BadInput::flag(
                        "--holding-reply",
                        format!(
                            "'{}' ({holding_reply}) is before the receipt date {received}",
                            args.holding_reply.as_deref().unwrap_or_default()
                        ),
                    ),
                    CaseError::ResolvedBeforeReceipt { resolved } => BadInput::flag(
                        "--resolved",
                        format!(
                            "'{}' ({resolved}) is before the receipt date {received}",
                            args.resolved.as_deref().unwrap_or_default()
                        ),
                    ),
                    CaseError::AsOfBeforeReceipt { as_of } => BadInput::flag(
                        "--as-of",
                        format!(
                            "'{}' ({as_of}) is before the receipt date {received}: the complaint \
                             was not yet received",
                            args.as_of.as_deref().unwrap_or_default()
                        ),
                    ),
                    CaseError::Calendar(e) => BadInput::flag(
                        "--received",
                        format!("'{}': its deadlines cannot be counted: {e}", args.received),
                    ),
                }
                .into()
            })
    }
}

fn parse_flag(flag: &str, raw: &str) -> Result<DateInput> {
    date_input::parse(raw).map_err(|e| BadInput::flag(flag, e).into())
}

fn date_in_range(flag: &str, raw: &str, date: NaiveDate) -> Result<NaiveDate> {
    if year_in_range(date.year()) {
        Ok(date)
    } else {
        Err(BadInput::flag(
            flag,
            format!(
                "'{raw}' ({date}) is outside the supported range {} to {}",
                crate::calendar::MIN_YEAR,
                crate::calendar::MAX_YEAR
            ),
        )
        .into())
    }
}

pub fn run(args: DeadlineArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let query = DeadlineQuery::resolve(&args)?;
    for note in query.calendar.notes() {
        writeln!(err, "note: {note}")?;
    }
    if let Some(set) = &query.policy.markets {
        writeln!(
            err,
            "note: policy {} has markets; this is the home market's answer (a case whose {} is \
             blank): --market NAME answers for one of {}",
            query.policy.name,
            set.column,
            set.markets
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    let assessment = query.assess(&args)?;
    if let (Some(ignored), Some(holding_reply)) =
        (assessment.holding_reply_ignored, query.case.holding_reply)
    {
        writeln!(
            err,
            "warning: --holding-reply {holding_reply} {}",
            ignored_reason(ignored)
        )?;
    }
    let rendered = match args.format {
        DeadlineFormat::Text => render_text(&query, &assessment),
        DeadlineFormat::Json => render_json(&query, &assessment)?,
    };
    out.write_all(rendered.as_bytes())?;
    Ok(())
}

fn ignored_reason(ignored: HoldingReplyIgnored) -> &'static str {
    match ignored {
        HoldingReplyIgnored::AfterResolution => "is after the resolution and is ignored",
        HoldingReplyIgnored::AfterAsOf => "is after the as-of date and is not yet counted",
    }
}

fn day(date: NaiveDate) -> String {
    format!("{date} {}", weekday_name(date.weekday()))
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The answer for a person: the dates, how each was counted, and the closures in between.
pub fn render_text(query: &DeadlineQuery, a: &Assessment) -> String {
    let policy = &query.policy;
    let d = &a.deadlines;
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut push = |label: &str, value: String| lines.push((label.to_string(), value));

    let (raw, input) = &query.received_input;
    let received_note = match input {
        DateInput::Date(_) => String::new(),
        DateInput::Local(_) => format!("  (from {raw}, local time in {})", policy.time_zone),
        DateInput::Instant(_) => format!("  (from {raw}, converted to {})", policy.time_zone),
    };
    push("Received", format!("{}{received_note}", day(d.received)));
    push(
        "First deadline",
        format!(
            "{}  ({} working day after the day of receipt)",
            day(d.first),
            ordinal(policy.first_limit)
        ),
    );
    let final_note = final_note(policy, d);
    push(
        "Final deadline",
        format!(
            "{}  ({final_note}; applies with a timely holding reply)",
            day(d.last)
        ),
    );
    if let Some(h) = query.case.holding_reply {
        let verdict = match a.holding_reply_ignored {
            Some(ignored) => ignored_reason(ignored).to_string(),
            None if a.timely_holding_reply => "timely: on or before the first deadline".to_string(),
            None => "late: after the first deadline, it does not extend it".to_string(),
        };
        push("Holding reply", format!("{}  ({verdict})", day(h)));
    }
    match (query.case.resolved, a.resolved) {
        (Some(r), Some(_)) => push("Resolved", day(r)),
        (Some(r), None) => push(
            "Resolved",
            format!("{}  (after the as-of date: open at the as-of date)", day(r)),
        ),
        (None, _) => {}
    }
    if let Some(as_of) = query.as_of {
        push("As of", day(as_of));
    }
    if let (Some(wd), Some(cd)) = (a.working_days_elapsed, a.calendar_days_elapsed) {
        let at = a.assessed_at.expect("elapsed days imply an assessed date");
        push(
            "Elapsed",
            format!("{wd} working days ({cd} calendar days) at {at}"),
        );
    }
    if let Some(detail) = status_detail(a) {
        push("Status", detail);
    }
    let width = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let mut text = format!("Policy {}\n", policy.summary());
    if let Some(path) = &query.holiday_file {
        text.push_str(&format!(
            "Calendar changed by the holiday file {}\n",
            path.display()
        ));
    }
    text.push('\n');
    for (label, value) in &lines {
        text.push_str(&format!("{label:<width$}  {value}\n"));
    }
    text.push_str(&closures_text(query, d));
    text
}

/// How the final deadline was counted.
fn final_note(policy: &Policy, d: &crate::deadline::Deadlines) -> String {
    match policy.final_limit_unit {
        FinalLimitUnit::WorkingDays => format!(
            "{} working day after the day of receipt",
            ordinal(policy.final_limit)
        ),
        FinalLimitUnit::CalendarDays => {
            let nominal = d.received + chrono::Duration::days(policy.final_limit.into());
            if nominal == d.last {
                format!("{} calendar days after receipt", policy.final_limit)
            } else {
                format!(
                    "{} calendar days after receipt is {}, not a working day: moved forward",
                    policy.final_limit,
                    day(nominal)
                )
            }
        }
    }
}

/// The status with its meaning, and the applicable deadline with the working days left or
/// past.
fn status_detail(a: &Assessment) -> Option<String> {
    let status = a.status?;
    let which = if a.timely_holding_reply {
        "final"
    } else {
        "first"
    };
    let mut detail = format!("{status}: {}", status.meaning());
    if let Some(left) = a.working_days_left {
        detail.push_str(&format!(
            "; applicable ({which}) deadline {}, {left} working days left",
            a.applicable_deadline
        ));
    }
    if let Some(over) = a.days_over_limit.filter(|o| *o > 0) {
        detail.push_str(&format!(
            "; {over} working days past the applicable ({which}) deadline {}",
            a.applicable_deadline
        ));
    }
    Some(detail)
}

/// The holidays and closures from the day after receipt to the later deadline.
fn closures_text(query: &DeadlineQuery, d: &crate::deadline::Deadlines) -> String {
    let mut text = String::new();
    let window_end = d.last.max(d.first);
    let closures = query
        .calendar
        .closures_between(d.received.succ_opt().unwrap_or(d.received), window_end);
    if !closures.is_empty() {
        text.push_str(&format!(
            "\nHolidays and closures from receipt to the final deadline ({} calendar):\n",
            query.calendar.kind()
        ));
        for c in closures {
            text.push_str(&format!(
                "  {} {:<9}  {}\n",
                c.date,
                weekday_name(c.date.weekday()),
                c.name
            ));
        }
    }
    text
}

#[derive(Serialize)]
struct JsonAnswer {
    received_date: String,
    first_deadline: String,
    final_deadline: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    working_days_elapsed: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    /// What the answer was counted under: the policy's name, the calendar, and the holiday
    /// file applied (`null` for none), wherever they came from (flag, environment, policy).
    policy: String,
    calendar: String,
    holiday_file: Option<String>,
}

/// The answer for a program: exactly the documented keys.
pub fn render_json(query: &DeadlineQuery, a: &Assessment) -> Result<String> {
    let answer = JsonAnswer {
        received_date: a.deadlines.received.to_string(),
        first_deadline: a.deadlines.first.to_string(),
        final_deadline: a.deadlines.last.to_string(),
        working_days_elapsed: a.working_days_elapsed,
        status: a.status.map(|s| s.as_str()),
        policy: query.policy.name.clone(),
        calendar: query.calendar.kind().name().to_string(),
        holiday_file: query.holiday_file.as_ref().map(|p| p.display().to_string()),
    };
    Ok(serde_json::to_string_pretty(&answer)? + "\n")
}
