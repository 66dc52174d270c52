//! One file per command: its arguments resolved into domain types, its work, and a pure
//! renderer per output format.

pub mod calendar;
pub mod check;
pub mod completions;
pub mod deadline;
pub mod report;
pub mod sample;

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

use crate::calendar::{Calendar, CalendarKind, HolidayFile};
use crate::error::BadInput;
use crate::policy::Policy;

/// Resolves `--calendar NAME`.
pub(crate) fn calendar_kind(flag: &str, name: &str) -> Result<CalendarKind> {
    CalendarKind::from_name(name).ok_or_else(|| {
        BadInput::flag(
            flag,
            format!(
                "unknown calendar '{name}' (built-in: {})",
                CalendarKind::names()
            ),
        )
        .into()
    })
}

/// Builds a calendar from its kind and an optional holiday file; `source` says where the
/// file was named (`--holidays`, or a policy file's `holidays` key) for messages.
pub(crate) fn load_calendar(
    kind: CalendarKind,
    holidays: Option<&Path>,
    source: &str,
) -> Result<Calendar> {
    let file = holidays
        .map(|path| HolidayFile::load(path).with_context(|| source.to_string()))
        .transpose()?;
    Ok(Calendar::with_holiday_file(kind, file.as_ref()))
}

/// Resolves `--policy`, `--calendar` and `--holidays` into a policy, its calendar and the
/// holiday file applied (if any). `--holidays` replaces the policy file's `holidays`.
pub(crate) fn policy_and_calendar(
    policy_spec: &str,
    calendar_name: Option<&str>,
    holidays: Option<&Path>,
) -> Result<(Policy, Calendar, Option<PathBuf>)> {
    let mut policy = Policy::resolve(policy_spec)?;
    if let Some(name) = calendar_name {
        policy.calendar = calendar_kind("--calendar", name)?;
    }
    let (file, source) = match (holidays, &policy.holidays) {
        (Some(path), _) => (Some(path.to_path_buf()), "--holidays".to_string()),
        (None, Some(path)) => (
            Some(path.clone()),
            format!("--policy {policy_spec}: key `holidays`"),
        ),
        (None, None) => (None, String::new()),
    };
    let calendar = load_calendar(policy.calendar, file.as_deref(), &source)?;
    if calendar_name.is_some() || file.is_some() {
        // The policy file was checked against its built-in calendar; this one differs: the
        // message names what changed it, as the user gave it.
        let mut changed = Vec::new();
        if let Some(name) = calendar_name {
            changed.push(format!("--calendar {name}"));
        }
        match &file {
            Some(path) if holidays.is_some() => {
                changed.push(format!("--holidays {}", path.display()))
            }
            Some(path) => changed.push(format!("the holiday file {} ({source})", path.display())),
            None => {}
        }
        policy.check_deadlines(&calendar).map_err(|e| {
            BadInput::new(format!(
                "{}: on the calendar {} with these closures, the limits of policy {policy_spec} \
                 no longer hold: {e}. Give fewer or shorter closures, another calendar, or a \
                 policy whose final limit ends after its first (a larger final_limit, or \
                 final_limit_unit = \"working_days\")",
                changed.join(" with "),
                policy.calendar
            ))
        })?;
    }
    Ok((policy, calendar, file))
}

/// The day of the run: `--today` when given, else the clock's date in the policy's zone. "Now"
/// is read here and nowhere else.
pub(crate) fn run_day(today: Option<&str>, zone: chrono_tz::Tz) -> Result<chrono::NaiveDate> {
    match today {
        Some(raw) => flag_date("--today", raw),
        None => Ok(chrono::Utc::now().with_timezone(&zone).date_naive()),
    }
}

/// Resolves a date flag (`--from`, `--to`, `--as-of`): a calendar date within 1900-2199.
pub(crate) fn flag_date(flag: &str, raw: &str) -> Result<chrono::NaiveDate> {
    use chrono::Datelike;
    match crate::date_input::parse(raw).map_err(|e| BadInput::flag(flag, e))? {
        crate::date_input::DateInput::Date(date) if crate::calendar::year_in_range(date.year()) => {
            Ok(date)
        }
        crate::date_input::DateInput::Date(date) => Err(BadInput::flag(
            flag,
            format!("{date} is outside the supported range 1900 to 2199"),
        )
        .into()),
        _ => Err(BadInput::flag(flag, format!("'{raw}' is a timestamp; give a date")).into()),
    }
}
