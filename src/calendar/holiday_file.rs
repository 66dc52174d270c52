//! The user's holiday file: extra closures (a company day off) and built-in closures that do
//! not apply (a bank that executes payments on 24 December).
//!
//! Format: CSV with the columns `date,name[,action]`, `action` being `closed` (the default) or
//! `open`. A header line, blank lines and lines starting with `#` are allowed. Dates are
//! `YYYY-MM-DD`, `DD.MM.YYYY` or `DD/MM/YYYY`. Any bad line makes the whole file an error that
//! names the file and line: a calendar that is silently different from the one the user wrote
//! would move deadlines.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};

use crate::calendar::year_in_range;
use crate::date_input::{self, DateInput};
use crate::error::BadInput;
use crate::text;

/// What a holiday-file line does to the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayAction {
    /// The date is closed (not a working day).
    Closed,
    /// A built-in closure on that date does not apply.
    Open,
}

impl HolidayAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Open => "open",
        }
    }
}

/// One line of a holiday file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayEntry {
    /// 1-based line number in the file.
    pub line: u64,
    pub date: NaiveDate,
    pub name: String,
    pub action: HolidayAction,
}

/// A parsed and validated holiday file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayFile {
    pub path: PathBuf,
    pub entries: Vec<HolidayEntry>,
}

impl HolidayFile {
    /// Reads and parses the file at `path`. Errors are [`BadInput`]: the user gave the file.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| {
            BadInput::new(format!("cannot read holiday file {}: {e}", path.display()))
        })?;
        Self::parse(path, &text::decode(&bytes).text)
    }

    /// Parses the text of a holiday file; `path` is only used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let at = |line: u64| format!("holiday file {} line {line}", path.display());
        let mut entries: Vec<HolidayEntry> = Vec::new();
        let mut seen: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let mut first_record = true;
        // Line by line, so that line numbers are exact whatever comments and blank lines
        // come before; each line is one CSV record (a name may be quoted to hold a comma).
        for (index, text_line) in text.lines().enumerate() {
            let line = index as u64 + 1;
            let trimmed = text_line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let record = parse_record(trimmed)
                .map_err(|e| BadInput::new(format!("{}: not valid CSV: {e}", at(line))))?;
            let is_header = first_record && record.get(0).is_some_and(is_date_header);
            first_record = false;
            if is_header {
                continue;
            }
            let entry = parse_entry(&record, line)
                .map_err(|e| BadInput::new(format!("{}: {e:#}", at(line))))?;
            if let Some(&earlier) = seen.get(&entry.date) {
                let earlier = &entries[earlier];
                if earlier.action != entry.action {
                    return Err(BadInput::new(format!(
                        "{}: {} is marked {} here but {} on line {}",
                        at(line),
                        entry.date,
                        entry.action.as_str(),
                        earlier.action.as_str(),
                        earlier.line
                    ))
                    .into());
                }
                // The same date twice with the same action changes nothing: keep the first.
                continue;
            }
            seen.insert(entry.date, entries.len());
            entries.push(entry);
        }
        Ok(HolidayFile {
            path: path.to_path_buf(),
            entries,
        })
    }
}

fn parse_record(line: &str) -> Result<csv::StringRecord, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(line.as_bytes());
    let mut record = csv::StringRecord::new();
    reader.read_record(&mut record)?;
    Ok(record)
}

fn is_date_header(field: &str) -> bool {
    matches!(field.to_lowercase().as_str(), "date" | "dato")
}

fn parse_entry(record: &csv::StringRecord, line: u64) -> Result<HolidayEntry> {
    if !(2..=3).contains(&record.len()) {
        bail!(
            "expected the columns date,name[,action] but found {} field(s): {:?}",
            record.len(),
            record.iter().collect::<Vec<_>>().join(",")
        );
    }
    let raw_date = &record[0];
    let date = match date_input::parse(raw_date).with_context(|| "column date".to_string())? {
        DateInput::Date(date) => date,
        _ => bail!("column date: '{raw_date}' is a timestamp; a holiday is a whole date"),
    };
    if !year_in_range(date.year()) {
        bail!(
            "column date: {date} is outside the supported calendar range (years {} to {})",
            crate::calendar::MIN_YEAR,
            crate::calendar::MAX_YEAR
        );
    }
    let name = record[1].to_string();
    if name.is_empty() {
        bail!("column name: the name of the closure on {date} is empty");
    }
    let action = match record.get(2).map(str::to_lowercase).as_deref() {
        None | Some("") | Some("closed") => HolidayAction::Closed,
        Some("open") => HolidayAction::Open,
        Some(_) => bail!("column action: '{}' is not one of closed, open", &record[2]),
    };
    Ok(HolidayEntry {
        line,
        date,
        name,
        action,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<HolidayFile> {
        HolidayFile::parse(Path::new("holidays.csv"), text)
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reads_header_comments_actions_and_formats() {
        let file = parse(
            "date,name,action\n\
             # the bank's own days\n\
             \n\
             2025-12-31,Nyttårsaften,open\n\
             02.01.2026, Stengt etter nyttår ,CLOSED\n\
             2026-06-19,Sommerfest\n",
        )
        .unwrap();
        assert_eq!(
            file.entries,
            vec![
                HolidayEntry {
                    line: 4,
                    date: d("2025-12-31"),
                    name: "Nyttårsaften".into(),
                    action: HolidayAction::Open
                },
                HolidayEntry {
                    line: 5,
                    date: d("2026-01-02"),
                    name: "Stengt etter nyttår".into(),
                    action: HolidayAction::Closed
                },
                HolidayEntry {
                    line: 6,
                    date: d("2026-06-19"),
                    name: "Sommerfest".into(),
                    action: HolidayAction::Closed
                },
            ]
        );
    }

    #[test]
    fn quoted_names_may_hold_commas() {
        let file = parse("2026-06-19,\"Sommerfest, hele huset\"\n").unwrap();
        assert_eq!(file.entries[0].name, "Sommerfest, hele huset");
    }

    #[track_caller]
    fn bad(text: &str, expected: &str) {
        let err = format!("{:#}", parse(text).expect_err(text));
        assert!(
            err.contains(expected),
            "{err:?} does not contain {expected:?}"
        );
        let bad_input = parse(text).unwrap_err();
        assert!(bad_input.is::<BadInput>(), "{err} is a BadInput");
    }

    #[test]
    fn bad_lines_name_file_line_and_column() {
        bad(
            "date,name\n2025-02-30,Oops\n",
            "holiday file holidays.csv line 2: column date: '2025-02-30' is not a date: February 2025 has 28 days",
        );
        bad(
            "2025-12-31\n",
            "holidays.csv line 1: expected the columns date,name[,action] but found 1 field(s)",
        );
        bad(
            "2025-12-31,a,closed,extra\n",
            "line 1: expected the columns date,name[,action] but found 4",
        );
        bad(
            "2025-12-31,Nyttårsaften,shut\n",
            "line 1: column action: 'shut' is not one of closed, open",
        );
        bad(
            "2025-12-31,\n",
            "line 1: column name: the name of the closure on 2025-12-31 is empty",
        );
        bad(
            "2200-01-02,Future\n",
            "line 1: column date: 2200-01-02 is outside the supported calendar range",
        );
        bad(
            "2025-12-31T10:00,Half day\n",
            "is a timestamp; a holiday is a whole date",
        );
        bad(
            "2025-12-31,Nyttårsaften,open\n2025-12-31,Stengt,closed\n",
            "line 2: 2025-12-31 is marked closed here but open on line 1",
        );
    }

    #[test]
    fn a_repeated_line_is_harmless() {
        let file = parse("2026-06-19,Sommerfest\n2026-06-19,Sommerfest igjen\n").unwrap();
        assert_eq!(file.entries.len(), 1);
        assert_eq!(file.entries[0].name, "Sommerfest");
    }
}
