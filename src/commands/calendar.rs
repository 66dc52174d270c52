//! `complaint-sla calendar`: every holiday and closure of a year, so that a compliance
//! officer can check the calendar the deadlines are counted in.

use std::io::Write;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::calendar::{Calendar, Closure, weekday_name, year_in_range};
use crate::cli::{CalendarArgs, CalendarFormat};
use crate::error::BadInput;

/// A year of a calendar, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearListing {
    pub year: i32,
    pub calendar: String,
    pub description: String,
    pub closures: Vec<Closure>,
    /// Working days in the year.
    pub working_days: i64,
}

impl YearListing {
    pub fn new(calendar: &Calendar, year: i32) -> Result<Self> {
        let closures = calendar
            .closures_in_year(year)
            .map_err(|e| BadInput::flag("--year", e))?
            .into_iter()
            .cloned()
            .collect();
        let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists");
        let end = NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists");
        // (31 Dec of the year before, 31 Dec] is the year itself; 1900 has no day before it in
        // range, so count (1 Jan, 31 Dec] and add 1 January by hand.
        let working_days =
            calendar.working_days_between(start, end)? + i64::from(calendar.is_working_day(start)?);
        Ok(YearListing {
            year,
            calendar: calendar.kind().name().to_string(),
            description: calendar.kind().description().to_string(),
            closures,
            working_days,
        })
    }
}

pub fn run(args: CalendarArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let year = parse_year(&args.year)?;
    // The same policy and holiday file as `report` and `deadline`, from a flag or the
    // environment; stderr says which were used.
    let calendar = match &args.policy {
        Some(spec) => {
            let (policy, calendar, file) = super::market_policy_and_calendar(
                spec,
                args.market.as_deref(),
                args.calendar.as_deref(),
                args.holidays.as_deref(),
            )?;
            writeln!(err, "note: the calendar of policy {}", policy.name)?;
            if let Some(file) = file {
                writeln!(err, "note: changed by the holiday file {}", file.display())?;
            }
            calendar
        }
        None => {
            let name = args.calendar.as_deref().unwrap_or("no-bank");
            let kind = super::calendar_kind("--calendar", name)?;
            super::load_calendar(kind, args.holidays.as_deref(), "--holidays")?
        }
    };
    for note in calendar.notes() {
        writeln!(err, "note: {note}")?;
    }
    let listing = YearListing::new(&calendar, year)?;
    let rendered = match args.format {
        CalendarFormat::Text => render_text(&listing),
        CalendarFormat::Csv => render_csv(&listing)?,
        CalendarFormat::Json => render_json(&listing)?,
    };
    out.write_all(rendered.as_bytes())?;
    Ok(())
}

fn parse_year(raw: &str) -> Result<i32> {
    let year: i32 = raw
        .trim()
        .parse()
        .map_err(|_| BadInput::flag("--year", format!("'{raw}' is not a year (expected YYYY)")))?;
    if !year_in_range(year) {
        return Err(BadInput::flag(
            "--year",
            format!(
                "{year} is outside the supported range {} to {}",
                crate::calendar::MIN_YEAR,
                crate::calendar::MAX_YEAR
            ),
        )
        .into());
    }
    Ok(year)
}

/// A table for the terminal.
pub fn render_text(listing: &YearListing) -> String {
    let mut text = format!(
        "Calendar {} for {}: {}\n\n",
        listing.calendar, listing.year, listing.description
    );
    if listing.closures.is_empty() {
        text.push_str("No holidays or closures.\n");
    }
    for closure in &listing.closures {
        text.push_str(&format!(
            "{}  {:<9}  {}\n",
            closure.date,
            weekday_name(closure.date.weekday()),
            closure.name
        ));
    }
    text.push_str(&format!(
        "\n{} holidays and closures; {} working days in {}.\n",
        listing.closures.len(),
        listing.working_days,
        listing.year
    ));
    text
}

/// `date,weekday,name`, one closure per row.
pub fn render_csv(listing: &YearListing) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["date", "weekday", "name"])?;
    for closure in &listing.closures {
        writer.write_record([
            closure.date.to_string().as_str(),
            weekday_name(closure.date.weekday()),
            closure.name.as_str(),
        ])?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

#[derive(Serialize)]
struct JsonListing<'a> {
    year: i32,
    calendar: &'a str,
    description: &'a str,
    working_days: i64,
    closures: Vec<JsonClosure<'a>>,
}

#[derive(Serialize)]
struct JsonClosure<'a> {
    date: String,
    weekday: &'static str,
    name: &'a str,
    kind: &'static str,
}

pub fn render_json(listing: &YearListing) -> Result<String> {
    let json = JsonListing {
        year: listing.year,
        calendar: &listing.calendar,
        description: &listing.description,
        working_days: listing.working_days,
        closures: listing
            .closures
            .iter()
            .map(|c| JsonClosure {
                date: c.date.to_string(),
                weekday: weekday_name(c.date.weekday()),
                name: &c.name,
                kind: c.kind.as_str(),
            })
            .collect(),
    };
    Ok(serde_json::to_string_pretty(&json)? + "\n")
}
