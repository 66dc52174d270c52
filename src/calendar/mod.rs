//! The working-day calendar: which dates count as working days for a deadline.
//!
//! A calendar is a week mask (which weekdays are working days) less a set of dated closures:
//! the built-in Norwegian holidays of the chosen [`CalendarKind`], adjusted by the user's
//! holiday file. Every question is answered only for dates in [`MIN_YEAR`]..=[`MAX_YEAR`]; a
//! computation that needs a date outside that range fails with [`OutOfRange`] rather than
//! guessing.

pub mod holiday_file;
pub mod norway;

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

pub use holiday_file::{HolidayAction, HolidayEntry, HolidayFile};

/// The first year the calendar answers for.
pub const MIN_YEAR: i32 = 1900;
/// The last year the calendar answers for.
pub const MAX_YEAR: i32 = 2199;

/// A date or year the calendar cannot answer for because it lies outside the supported years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfRange {
    what: String,
}

impl OutOfRange {
    pub fn date(date: NaiveDate) -> Self {
        OutOfRange {
            what: date.to_string(),
        }
    }

    pub fn year(year: i32) -> Self {
        OutOfRange {
            what: format!("year {year}"),
        }
    }
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is outside the supported calendar range (years {MIN_YEAR} to {MAX_YEAR})",
            self.what
        )
    }
}

impl std::error::Error for OutOfRange {}

/// Whether `year` is one the calendar answers for.
pub fn year_in_range(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

/// The built-in calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarKind {
    /// Monday to Friday, less the public holidays, 24 December and 31 December.
    NoBank,
    /// Monday to Saturday, less the public holidays ("virkedag" in general Norwegian law).
    NoLegal,
    /// Monday to Friday, no holidays at all.
    Weekdays,
}

impl CalendarKind {
    pub const ALL: [CalendarKind; 3] = [Self::NoBank, Self::NoLegal, Self::Weekdays];

    pub fn name(self) -> &'static str {
        match self {
            Self::NoBank => "no-bank",
            Self::NoLegal => "no-legal",
            Self::Weekdays => "weekdays",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The names accepted by [`CalendarKind::from_name`], for error messages and help.
    pub fn names() -> String {
        Self::ALL.map(Self::name).join(", ")
    }

    /// What the calendar counts, in words, for reports and `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Self::NoBank => {
                "Norwegian bank working days: Monday to Friday, less the 12 public holidays, \
                 Christmas Eve and New Year's Eve"
            }
            Self::NoLegal => {
                "Norwegian legal working days (virkedager): Monday to Saturday, less Sundays \
                 and the 12 public holidays"
            }
            Self::Weekdays => "Monday to Friday, no holidays",
        }
    }

    /// Working weekdays, Monday first (the order polars' business-day functions use).
    pub fn week_mask(self) -> [bool; 7] {
        match self {
            Self::NoBank | Self::Weekdays => [true, true, true, true, true, false, false],
            Self::NoLegal => [true, true, true, true, true, true, false],
        }
    }

    fn builtin_closures(self, year: i32) -> Vec<(NaiveDate, &'static str, ClosureKind)> {
        let public = || {
            norway::public_holidays(year)
                .into_iter()
                .map(|(d, n)| (d, n, ClosureKind::PublicHoliday))
        };
        match self {
            Self::Weekdays => Vec::new(),
            Self::NoLegal => public().collect(),
            Self::NoBank => public()
                .chain(
                    norway::bank_closures(year)
                        .into_iter()
                        .map(|(d, n)| (d, n, ClosureKind::BankClosure)),
                )
                .collect(),
        }
    }
}

impl fmt::Display for CalendarKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a date is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosureKind {
    PublicHoliday,
    BankClosure,
    /// Added by the user's holiday file.
    UserClosure,
}

impl ClosureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PublicHoliday => "public_holiday",
            Self::BankClosure => "bank_closure",
            Self::UserClosure => "user_closure",
        }
    }
}

/// A dated closure: a public holiday, a bank closure or a user's closure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub date: NaiveDate,
    pub name: String,
    pub kind: ClosureKind,
}

/// A working-day calendar: a week mask less dated closures, for the years
/// [`MIN_YEAR`]..=[`MAX_YEAR`].
#[derive(Debug, Clone)]
pub struct Calendar {
    kind: CalendarKind,
    week_mask: [bool; 7],
    /// Every closure in the supported range, built once: about 4,200 dates.
    closures: BTreeMap<NaiveDate, Closure>,
    /// Lines of the holiday file that changed nothing, worth telling the user about.
    notes: Vec<String>,
}

impl Calendar {
    /// The built-in calendar `kind`, without user changes.
    pub fn new(kind: CalendarKind) -> Self {
        let mut closures = BTreeMap::new();
        for year in MIN_YEAR..=MAX_YEAR {
            for (date, name, closure_kind) in kind.builtin_closures(year) {
                closures
                    .entry(date)
                    .and_modify(|c: &mut Closure| {
                        // Two holidays on one date (Ascension Day on 1 or 17 May): one
                        // closure carrying both names.
                        c.name = format!("{}; {}", c.name, name);
                    })
                    .or_insert_with(|| Closure {
                        date,
                        name: name.to_string(),
                        kind: closure_kind,
                    });
            }
        }
        Calendar {
            kind,
            week_mask: kind.week_mask(),
            closures,
            notes: Vec::new(),
        }
    }

    /// The built-in calendar `kind`, changed by the entries of a holiday file: `closed` adds a
    /// closure, `open` removes a built-in one. The file has been validated when it was parsed
    /// (dates in range, no date both closed and open).
    pub fn with_holiday_file(kind: CalendarKind, file: Option<&HolidayFile>) -> Self {
        let mut calendar = Self::new(kind);
        if let Some(file) = file {
            calendar.apply(file);
        }
        calendar
    }

    fn apply(&mut self, file: &HolidayFile) {
        for entry in &file.entries {
            match entry.action {
                HolidayAction::Closed => {
                    if self.is_weekly_rest_day(entry.date) {
                        self.notes.push(format!(
                            "{} line {}: {} ({}) is a {} and not a working day in calendar {} anyway",
                            file.path.display(),
                            entry.line,
                            entry.date,
                            entry.name,
                            weekday_name(entry.date.weekday()),
                            self.kind
                        ));
                    }
                    self.closures.entry(entry.date).or_insert_with(|| Closure {
                        date: entry.date,
                        name: entry.name.clone(),
                        kind: ClosureKind::UserClosure,
                    });
                }
                HolidayAction::Open => {
                    if self.closures.remove(&entry.date).is_none() {
                        self.notes.push(format!(
                            "{} line {}: {} is marked open but is not a closure in calendar {}; \
                             nothing changed",
                            file.path.display(),
                            entry.line,
                            entry.date,
                            self.kind
                        ));
                    } else if self.is_weekly_rest_day(entry.date) {
                        self.notes.push(format!(
                            "{} line {}: {} is marked open but is a {}, which stays a rest day \
                             in calendar {}",
                            file.path.display(),
                            entry.line,
                            entry.date,
                            weekday_name(entry.date.weekday()),
                            self.kind
                        ));
                    }
                }
            }
        }
    }

    pub fn kind(&self) -> CalendarKind {
        self.kind
    }

    /// Working weekdays, Monday first.
    pub fn week_mask(&self) -> [bool; 7] {
        self.week_mask
    }

    /// Remarks about holiday-file lines that had no effect.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    fn check(date: NaiveDate) -> Result<NaiveDate, OutOfRange> {
        if year_in_range(date.year()) {
            Ok(date)
        } else {
            Err(OutOfRange::date(date))
        }
    }

    fn is_weekly_rest_day(&self, date: NaiveDate) -> bool {
        !self.week_mask[date.weekday().num_days_from_monday() as usize]
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, OutOfRange> {
        Self::check(date)?;
        Ok(!self.is_weekly_rest_day(date) && !self.closures.contains_key(&date))
    }

    /// The closure on `date`, if it is one (whatever its weekday).
    pub fn closure_on(&self, date: NaiveDate) -> Option<&Closure> {
        self.closures.get(&date)
    }

    /// The `n`-th working day after `date`; `date` itself never counts, whatever it is.
    /// `n` = 0 gives `date`.
    pub fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, OutOfRange> {
        let mut day = date;
        let mut counted = 0;
        while counted < n {
            day = next_day(day)?;
            if self.is_working_day(day)? {
                counted += 1;
            }
        }
        Ok(day)
    }

    /// `date` if it is a working day, else the first working day after it.
    pub fn roll_forward(&self, date: NaiveDate) -> Result<NaiveDate, OutOfRange> {
        let mut day = date;
        while !self.is_working_day(day)? {
            day = next_day(day)?;
        }
        Ok(day)
    }

    /// The number of working days in the half-open interval (`from`, `to`]: the working days
    /// elapsed at `to` for something that happened on `from`. Negative when `to` is before
    /// `from` (minus the working days in (`to`, `from`]), zero when they are equal.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<i64, OutOfRange> {
        Self::check(from)?;
        Self::check(to)?;
        let (lo, hi, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0i64;
        let mut day = lo;
        while day < hi {
            day = day + Duration::days(1);
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(sign * count)
    }

    /// Every closure dated in `year`, those on weekends included, in date order.
    pub fn closures_in_year(&self, year: i32) -> Result<Vec<&Closure>, OutOfRange> {
        if !year_in_range(year) {
            return Err(OutOfRange::year(year));
        }
        let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists");
        let last = NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists");
        Ok(self.closures_between(first, last))
    }

    /// Every closure dated in [`from`, `to`], in date order.
    pub fn closures_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<&Closure> {
        if from > to {
            return Vec::new();
        }
        self.closures.range(from..=to).map(|(_, c)| c).collect()
    }
}

fn next_day(date: NaiveDate) -> Result<NaiveDate, OutOfRange> {
    let next = date.succ_opt().ok_or(OutOfRange::date(date))?;
    Calendar::check(next)
}

/// The English name of a weekday, as reports print it ("Monday").
pub fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}
