//! The working-day calendar: which dates count as working days for a deadline.
//!
//! A calendar is a week mask (which weekdays are working days) less a set of dated closures:
//! the built-in Norwegian holidays of the chosen [`CalendarKind`], adjusted by the user's
//! holiday file. Every question is answered only for dates in [`MIN_YEAR`]..=[`MAX_YEAR`]; a
//! computation that needs a date outside that range fails with [`OutOfRange`] rather than
//! guessing.

pub mod denmark;
pub mod easter;
pub mod finland;
pub mod holiday_file;
mod kind;
pub mod norway;
pub mod sweden;
pub mod uk;
pub mod year;

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

pub use holiday_file::{HolidayAction, HolidayFile};
pub use kind::{CalendarKind, help as calendars_help};

/// The first year the calendar answers for.
pub const MIN_YEAR: i32 = 1900;
/// The last year the calendar answers for.
pub const MAX_YEAR: i32 = 2199;

/// A date or year the calendar cannot answer for because it lies outside the supported years
/// (those of every calendar, or the narrower ones of a calendar whose rules start later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfRange {
    what: String,
    /// The calendar whose own first year was missed, if that is why.
    calendar: Option<CalendarKind>,
}

impl OutOfRange {
    pub fn date(date: NaiveDate) -> Self {
        OutOfRange {
            what: date.to_string(),
            calendar: None,
        }
    }

    /// `what` lies before the first year `kind`'s rules are known for.
    fn before(kind: CalendarKind, what: String) -> Self {
        OutOfRange {
            what,
            calendar: Some(kind),
        }
    }
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.calendar {
            Some(kind) => write!(
                f,
                "{} is before {}, the first year the calendar {kind} is known for{}",
                self.what,
                kind.first_year(),
                kind.first_year_reason()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            ),
            None => write!(
                f,
                "{} is outside the supported calendar range (years {MIN_YEAR} to {MAX_YEAR})",
                self.what
            ),
        }
    }
}

impl std::error::Error for OutOfRange {}

/// Whether `year` is one the calendar answers for.
pub fn year_in_range(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
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
        for year in kind.first_year()..=kind.last_year() {
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

    /// Remarks about holiday-file lines that had no effect.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    fn check(&self, date: NaiveDate) -> Result<NaiveDate, OutOfRange> {
        self.check_year(date.year(), || date.to_string())
            .map(|()| date)
    }

    /// `year` if the calendar answers for it; else why not, naming `what`.
    pub fn check_year(&self, year: i32, what: impl Fn() -> String) -> Result<(), OutOfRange> {
        if !year_in_range(year) {
            Err(OutOfRange {
                what: what(),
                calendar: None,
            })
        } else if year < self.kind.first_year() {
            Err(OutOfRange::before(self.kind, what()))
        } else {
            Ok(())
        }
    }

    fn is_weekly_rest_day(&self, date: NaiveDate) -> bool {
        !self.week_mask[date.weekday().num_days_from_monday() as usize]
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, OutOfRange> {
        self.check(date)?;
        Ok(!self.is_weekly_rest_day(date) && !self.closures.contains_key(&date))
    }

    #[cfg(test)]
    /// The closure on `date`, if it is one (whatever its weekday).
    pub fn closure_on(&self, date: NaiveDate) -> Option<&Closure> {
        self.closures.get(&date)
    }

    /// The `n`-th working day after `date`; `date` itself never counts, whatever it is.
    /// `n` = 0 gives `date`.
    pub fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, OutOfRange> {
        // The day of receipt itself must be one the calendar knows: a receipt the day before
        // its first year is refused, not counted on rules that did not yet hold.
        let mut day = self.check(date)?;
        let mut counted = 0;
        while counted < n {
            day = self.next_day(day)?;
            if self.is_working_day(day)? {
                counted += 1;
            }
        }
        Ok(day)
    }

    /// `date` if it is a working day, else the first working day after it.
    pub fn roll_forward(&self, date: NaiveDate) -> Result<NaiveDate, OutOfRange> {
        let mut day = self.check(date)?;
        while !self.is_working_day(day)? {
            day = self.next_day(day)?;
        }
        Ok(day)
    }

    /// The number of working days in the half-open interval (`from`, `to`]: the working days
    /// elapsed at `to` for something that happened on `from`. Negative when `to` is before
    /// `from` (minus the working days in (`to`, `from`]), zero when they are equal.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<i64, OutOfRange> {
        self.check(from)?;
        self.check(to)?;
        let (lo, hi, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0i64;
        let mut day = lo;
        while day < hi {
            day += Duration::days(1);
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(sign * count)
    }

    fn next_day(&self, date: NaiveDate) -> Result<NaiveDate, OutOfRange> {
        let next = date.succ_opt().ok_or(OutOfRange::date(date))?;
        self.check(next)
    }

    /// Every closure dated in `year`, those on weekends included, in date order.
    pub fn closures_in_year(&self, year: i32) -> Result<Vec<&Closure>, OutOfRange> {
        self.check_year(year, || format!("year {year}"))?;
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

/// Test helpers shared by the calendars' own tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    pub fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// The closed days of `year` that fall Monday to Friday, as `YYYY-MM-DD`.
    pub fn closed_weekdays(kind: CalendarKind, year: i32) -> Vec<String> {
        let calendar = Calendar::new(kind);
        let mut day = d(&format!("{year}-01-01"));
        let mut closed = Vec::new();
        while day.year() == year {
            if day.weekday().num_days_from_monday() < 5 && !calendar.is_working_day(day).unwrap() {
                closed.push(day.to_string());
            }
            day += Duration::days(1);
        }
        closed
    }

    /// Whether `date` is a working day in `kind`.
    pub fn working(kind: CalendarKind, date: &str) -> bool {
        Calendar::new(kind).is_working_day(d(date)).unwrap()
    }

    /// The name of the closure on `date` in `kind`.
    pub fn closure_name(kind: CalendarKind, date: &str) -> Option<String> {
        Calendar::new(kind)
            .closure_on(d(date))
            .map(|c| c.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_across_centuries() {
        // Checked against an independent implementation (python-dateutil's easter()).
        for (year, easter) in [
            (1900, "1900-04-15"),
            (1913, "1913-03-23"),
            (1943, "1943-04-25"), // the latest possible date
            (1946, "1946-04-21"),
            (1947, "1947-04-06"),
            (1954, "1954-04-18"),
            (1961, "1961-04-02"),
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2038, "2038-04-25"),
            (2100, "2100-03-28"),
            (2160, "2160-03-23"),
            (2199, "2199-04-14"),
        ] {
            assert_eq!(easter::easter_sunday(year), d(easter), "Easter {year}");
        }
        for year in MIN_YEAR..=MAX_YEAR {
            let easter = easter::easter_sunday(year);
            assert_eq!(easter.weekday(), Weekday::Sun, "{easter} is a Sunday");
            assert!(
                (d(&format!("{year}-03-22"))..=d(&format!("{year}-04-25"))).contains(&easter),
                "{easter} lies between 22 March and 25 April"
            );
        }
    }

    #[track_caller]
    fn closed(kind: CalendarKind, date: &str, expected_name: Option<&str>) {
        let calendar = Calendar::new(kind);
        let closure = calendar.closure_on(d(date));
        assert_eq!(
            closure.map(|c| c.name.as_str()),
            expected_name,
            "{kind} {date}"
        );
    }

    #[test]
    fn public_holidays_of_2025() {
        let calendar = Calendar::new(CalendarKind::NoLegal);
        let dates: Vec<String> = calendar
            .closures_in_year(2025)
            .unwrap()
            .iter()
            .map(|c| c.date.to_string())
            .collect();
        assert_eq!(
            dates,
            [
                "2025-01-01",
                "2025-04-17",
                "2025-04-18",
                "2025-04-20",
                "2025-04-21",
                "2025-05-01",
                "2025-05-17",
                "2025-05-29",
                "2025-06-08",
                "2025-06-09",
                "2025-12-25",
                "2025-12-26"
            ]
        );
        // The bank calendar adds Christmas Eve (not New Year's Eve); `weekdays` has none.
        assert_eq!(
            Calendar::new(CalendarKind::NoBank)
                .closures_in_year(2025)
                .unwrap()
                .len(),
            13
        );
        assert!(
            Calendar::new(CalendarKind::Weekdays)
                .closures_in_year(2025)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn may_holidays_start_in_1947() {
        closed(CalendarKind::NoBank, "1946-05-01", None);
        closed(CalendarKind::NoBank, "1946-05-17", None);
        closed(
            CalendarKind::NoBank,
            "1947-05-01",
            Some("Labour Day (Offentlig høytidsdag)"),
        );
        closed(
            CalendarKind::NoBank,
            "1947-05-17",
            Some("Constitution Day (Grunnlovsdag)"),
        );
        let bank = Calendar::new(CalendarKind::NoBank);
        assert!(
            bank.is_working_day(d("1946-05-01")).unwrap(),
            "a Wednesday in 1946"
        );
        assert!(
            bank.is_working_day(d("1946-05-17")).unwrap(),
            "a Friday in 1946"
        );
        assert!(
            !bank.is_working_day(d("1947-05-01")).unwrap(),
            "a holiday Thursday in 1947"
        );
        // Before 2002 the bank calendar is the public holidays alone.
        assert_eq!(bank.closures_in_year(1946).unwrap().len(), 10);
        assert_eq!(bank.closures_in_year(1947).unwrap().len(), 12);
    }

    #[test]
    fn holidays_on_the_same_day_are_one_closure() {
        // 2008: Ascension Day fell on 1 May. 2012: on 17 May. 1970: Whit Sunday on 17 May.
        closed(
            CalendarKind::NoBank,
            "2008-05-01",
            Some("Ascension Day (Kristi himmelfartsdag); Labour Day (Offentlig høytidsdag)"),
        );
        closed(
            CalendarKind::NoBank,
            "2012-05-17",
            Some("Ascension Day (Kristi himmelfartsdag); Constitution Day (Grunnlovsdag)"),
        );
        closed(
            CalendarKind::NoLegal,
            "1970-05-17",
            Some("Whit Sunday (Første pinsedag); Constitution Day (Grunnlovsdag)"),
        );
        assert_eq!(
            Calendar::new(CalendarKind::NoBank)
                .closures_in_year(2008)
                .unwrap()
                .len(),
            12
        );
    }

    #[track_caller]
    fn working(kind: CalendarKind, date: &str, expected: bool) {
        assert_eq!(
            Calendar::new(kind).is_working_day(d(date)).unwrap(),
            expected,
            "{kind} {date} ({})",
            weekday_name(d(date).weekday())
        );
    }

    #[test]
    fn working_days_by_calendar() {
        use CalendarKind::*;
        for (date, bank, legal, weekdays) in [
            ("2025-12-24", false, true, true), // Christmas Eve, Wednesday: a bank closure only
            ("2025-12-31", true, true, true),  // New Year's Eve, Wednesday: NBO is open
            ("2024-12-31", true, true, true),  // New Year's Eve, Tuesday
            ("2024-12-24", false, true, true), // Christmas Eve, Tuesday
            ("2002-12-24", false, true, true), // the first year NBO closes on Christmas Eve
            ("2001-12-24", true, true, true),  // before 2002: an ordinary Monday
            ("2025-12-25", false, false, true), // Christmas Day
            ("2025-05-17", false, false, false), // 17 May on a Saturday
            ("2025-05-24", false, true, false), // an ordinary Saturday
            ("2025-05-25", false, false, false), // Sunday
            ("2025-04-17", false, false, true), // Maundy Thursday
            ("2025-04-19", false, true, false), // Easter Saturday: not a holiday by law
            ("2025-05-29", false, false, true), // Ascension Day
            ("2026-05-17", false, false, false), // 17 May on a Sunday
            ("2026-05-14", false, false, true), // Ascension Day 2026
            ("1900-01-01", false, false, true), // the first day of the range, a Monday
            ("2199-12-31", true, true, true),  // the last day, a Tuesday
        ] {
            working(NoBank, date, bank);
            working(NoLegal, date, legal);
            working(Weekdays, date, weekdays);
        }
    }

    #[test]
    fn counting_after_the_day_of_receipt() {
        let bank = Calendar::new(CalendarKind::NoBank);
        // Receipt Friday 20 Dec 2024: 23 Dec is day 1, 27 Dec day 2, 30 Dec day 3, 31 Dec
        // day 4 (NBO is open), 2 Jan day 5.
        let received = d("2024-12-20");
        for (n, expected) in [
            (0, "2024-12-20"),
            (1, "2024-12-23"),
            (2, "2024-12-27"),
            (3, "2024-12-30"),
            (4, "2024-12-31"),
            (5, "2025-01-02"),
        ] {
            assert_eq!(
                bank.nth_working_day_after(received, n).unwrap(),
                d(expected),
                "day {n}"
            );
        }
        // Receipt on a Saturday: Monday is day 1.
        assert_eq!(
            bank.nth_working_day_after(d("2025-03-01"), 1).unwrap(),
            d("2025-03-03")
        );
        assert_eq!(bank.roll_forward(d("2025-12-24")).unwrap(), d("2025-12-29"));
        assert_eq!(bank.roll_forward(d("2025-12-23")).unwrap(), d("2025-12-23"));
        // Elapsed working days in (receipt, D].
        assert_eq!(bank.working_days_between(received, received).unwrap(), 0);
        assert_eq!(
            bank.working_days_between(received, d("2025-01-02"))
                .unwrap(),
            5
        );
        assert_eq!(
            bank.working_days_between(d("2025-01-02"), received)
                .unwrap(),
            -5
        );
        assert_eq!(
            bank.working_days_between(d("2025-03-01"), d("2025-03-02"))
                .unwrap(),
            0
        );
    }

    #[test]
    fn outside_the_range_is_an_error() {
        let bank = Calendar::new(CalendarKind::NoBank);
        let err = bank.is_working_day(d("1899-12-31")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "1899-12-31 is outside the supported calendar range (years 1900 to 2199)"
        );
        assert!(bank.nth_working_day_after(d("2199-12-30"), 15).is_err());
        assert!(bank.closures_in_year(2200).is_err());
        assert!(bank.closures_in_year(1899).is_err());
    }

    fn holiday_file(text: &str) -> HolidayFile {
        HolidayFile::parse(std::path::Path::new("bank-holidays.csv"), text).unwrap()
    }

    #[test]
    fn a_holiday_file_adds_and_removes_closures() {
        let file = holiday_file(
            "2025-12-24,Julaften,open\n2025-06-20,Sommerfest\n2025-06-21,Lørdag\n2025-06-23,Ukjent,open\n2025-12-31,Nyttårsaften,closed\n",
        );
        let calendar = Calendar::with_holiday_file(CalendarKind::NoBank, Some(&file));
        assert!(calendar.is_working_day(d("2025-12-24")).unwrap(), "opened");
        assert!(
            !calendar.is_working_day(d("2025-12-31")).unwrap(),
            "a bank that closes on New Year's Eve says so"
        );
        assert!(!calendar.is_working_day(d("2025-06-20")).unwrap(), "closed");
        assert_eq!(
            calendar.closure_on(d("2025-06-20")).unwrap().kind,
            ClosureKind::UserClosure
        );
        assert!(
            !calendar.is_working_day(d("2025-12-25")).unwrap(),
            "other closures stay"
        );
        // Lines that change nothing are reported, not silently dropped.
        assert_eq!(calendar.notes().len(), 2, "{:?}", calendar.notes());
        assert!(calendar.notes()[0].contains("line 3: 2025-06-21 (Lørdag) is a Saturday"));
        assert!(
            calendar.notes()[1].contains("line 4: 2025-06-23 is marked open but is not a closure")
        );
        // A company closure moves the deadline: receipt Thursday 19 June, day 1 is Monday 23.
        assert_eq!(
            calendar.nth_working_day_after(d("2025-06-19"), 1).unwrap(),
            d("2025-06-23")
        );
    }

    #[test]
    fn calendar_names() {
        for kind in CalendarKind::ALL {
            assert_eq!(CalendarKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(CalendarKind::from_name("no_bank"), None);
        assert_eq!(
            CalendarKind::names(),
            "no-bank, no-legal, se-bank, dk-bank, fi-bank, gb-eaw-bank, gb-sct-bank, \
             gb-nir-bank, weekdays"
        );
    }
}
