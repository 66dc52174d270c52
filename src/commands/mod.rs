//! One file per command: its arguments resolved into domain types, its work, and a pure
//! renderer per output format.

pub mod calendar;
pub mod deadline;

use anyhow::{Context, Result};
use std::path::Path;

use crate::calendar::{Calendar, CalendarKind, HolidayFile};
use crate::error::BadInput;

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
