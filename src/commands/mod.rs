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
use crate::market::{Counted, Markets};
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

/// The markets of `policy`, the home market counted on `calendar` (the policy's, as
/// `--calendar` and `--holidays` changed it) with `holidays`; each other market on its own
/// calendar and holiday file, checked as the policy file was.
pub(crate) fn markets(
    policy: &Policy,
    calendar: &Calendar,
    holidays: Option<&Path>,
    policy_spec: &str,
) -> Result<Markets> {
    let home = Counted::home(
        calendar.clone(),
        policy.time_zone,
        policy.limits(),
        holidays.map(Path::to_path_buf),
    );
    let Some(set) = &policy.markets else {
        return Ok(Markets::home(home));
    };
    Markets::new(home, set, |market| {
        let source = format!(
            "--policy {policy_spec}: [[market]] '{}': key `holidays`",
            market.name
        );
        let calendar = load_calendar(market.calendar, market.holidays.as_deref(), &source)?;
        if let Some(path) = &market.holidays {
            let counted = policy_of_market(policy.clone(), &market.name)?;
            counted.check_deadlines(&calendar).map_err(|e| {
                BadInput::new(format!(
                    "{source}: on the calendar {} with the closures of {}, the limits of market \
                     {} no longer hold: {e}",
                    market.calendar,
                    path.display(),
                    market.name
                ))
            })?;
        }
        Ok::<_, anyhow::Error>(calendar)
    })
}

/// The policy as one of its markets counts (`--market NAME`, a market's name or one of its
/// values): the market's calendar, time zone, limits and holiday file, named "POLICY, market
/// NAME".
pub(crate) fn policy_of_market(policy: Policy, market: &str) -> Result<Policy> {
    let Some(set) = &policy.markets else {
        return Err(BadInput::flag(
            "--market",
            format!(
                "policy {} has no markets (market_column and [[market]] tables in a policy file)",
                policy.name
            ),
        )
        .into());
    };
    let found = set.by_name(market).or_else(|| {
        set.lookup()
            .find(market)
            .filter(|i| *i > 0)
            .map(|i| (i, &set.markets[i as usize - 1]))
    });
    let Some((_, found)) = found else {
        return Err(BadInput::flag(
            "--market",
            format!(
                "'{market}' is no market of policy {} (markets: {}; leave --market out for \
                 the home market)",
                policy.name,
                set.described()
            ),
        )
        .into());
    };
    Ok(Policy {
        name: format!("{}, market {}", policy.name, found.name),
        calendar: found.calendar,
        time_zone: found.time_zone,
        first_limit: found.limits.first_limit,
        final_limit: found.limits.final_limit,
        final_limit_unit: found.limits.final_limit_unit,
        at_risk_window: found.limits.at_risk_window,
        holidays: found.holidays.clone(),
        markets: None,
        ..policy
    })
}

/// Resolves `--policy`, `--calendar` and `--holidays` into a policy, its calendar and the
/// holiday file applied (if any). `--holidays` replaces the policy file's `holidays`.
pub(crate) fn policy_and_calendar(
    policy_spec: &str,
    calendar_name: Option<&str>,
    holidays: Option<&Path>,
) -> Result<(Policy, Calendar, Option<PathBuf>)> {
    market_policy_and_calendar(policy_spec, None, calendar_name, holidays)
}

/// As [`policy_and_calendar`], for one of the policy's markets when `market` names one.
pub(crate) fn market_policy_and_calendar(
    policy_spec: &str,
    market: Option<&str>,
    calendar_name: Option<&str>,
    holidays: Option<&Path>,
) -> Result<(Policy, Calendar, Option<PathBuf>)> {
    let mut policy = Policy::resolve(policy_spec)?;
    if policy.markets.is_some() {
        // Every market's holiday file is read and checked, as `report` reads them: a bad one
        // fails here too.
        markets(&policy, &Calendar::new(policy.calendar), None, policy_spec)?;
    }
    if let Some(market) = market {
        policy = policy_of_market(policy, market)?;
        // As in `report`, --calendar and --holidays change the home market only.
        for (flag, given) in [
            ("--calendar", calendar_name.is_some()),
            ("--holidays", holidays.is_some()),
        ] {
            if given {
                return Err(BadInput::flag(
                    flag,
                    format!(
                        "changes the home market only, as in `report`; market {market} counts \
                         on its [[market]] table's calendar and holidays: leave {flag} out, or \
                         change the market's table in the policy file"
                    ),
                )
                .into());
            }
        }
    }
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
