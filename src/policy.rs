//! The deadline policy: the limits, how the final one is counted, the calendar and the time
//! zone. Two policies are built in — the card issuer's published procedure (`amex-no`, the
//! final limit in calendar days as the Norwegian text reads) and PSD2 Art. 101 (`psd2`, in
//! business days) — and any of their settings can be changed in a TOML policy file.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono_tz::Tz;

use crate::calendar::CalendarKind;
use crate::columns::{Canonical, ColumnMap};
use crate::date_input::DateOrder;
pub use crate::deadline::FinalLimitUnit;
use crate::deadline::Limits;
use crate::error::BadInput;
use crate::market::{Market, MarketSet};

/// Where a policy came from, for reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicySource {
    BuiltIn,
    File(PathBuf),
}

/// A validated policy: every limit is positive, the calendar and time zone exist.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// The name reports print.
    pub name: String,
    /// The first limit, in working days after the day of receipt.
    pub first_limit: u32,
    /// The final limit, for a case with a timely holding reply.
    pub final_limit: u32,
    pub final_limit_unit: FinalLimitUnit,
    /// An open case is at risk when at most this many working days are left before its
    /// applicable deadline.
    pub at_risk_window: u32,
    pub calendar: CalendarKind,
    /// Timestamps with an offset are converted to this zone before their date is taken.
    pub time_zone: Tz,
    /// A holiday file named by the policy file, resolved against the policy file's folder.
    pub holidays: Option<PathBuf>,
    /// Header names for canonical columns, from the file's `[columns]` table.
    pub columns: ColumnMap,
    /// The order of day and month in the exports' year-last slash dates, when the bank
    /// states it (`date_order = "dmy"`); otherwise decided from each file's data.
    pub date_order: Option<DateOrder>,
    /// The ISO 4217 code redress amounts are in (`currency = "NOK"`, the default).
    pub currency: String,
    /// A run whose inputs' newest date is more than this many calendar days before the
    /// as-of date is flagged as stale (`stale_after_days = 7`, the default).
    pub stale_after_days: u32,
    /// Whether a stale run stops (exit 1, nothing written) rather than only saying so
    /// (`fail_on_stale = true`; `--fail-on-stale` too).
    pub fail_on_stale: bool,
    /// The language of the reports' words (`language = "nb"`; default English).
    pub language: crate::language::Language,
    /// Columns the exports truly have none of (`allow_missing = ["resolved_at"]`): without
    /// it, an export without a resolution-date column stops the run.
    pub allow_missing: Vec<crate::columns::Canonical>,
    /// The markets cases belong to by a column of the export, each counted on its own
    /// calendar and limits (`market_column` and `[[market]]`); `None`: one market.
    pub markets: Option<MarketSet>,
    pub source: PolicySource,
}

/// The names of the built-in policies, for messages and help.
pub const BUILT_IN_NAMES: [&str; 2] = ["amex-no", "psd2"];

/// A policy file as written: every key optional (the rest come from `base`), no other key
/// allowed. Values are checked after, in [`Policy::parse`], so that each message names its key.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    name: Option<String>,
    base: Option<String>,
    first_limit: Option<i64>,
    final_limit: Option<i64>,
    final_limit_unit: Option<String>,
    at_risk_window: Option<i64>,
    calendar: Option<String>,
    time_zone: Option<String>,
    holidays: Option<String>,
    date_order: Option<String>,
    currency: Option<String>,
    language: Option<String>,
    stale_after_days: Option<i64>,
    fail_on_stale: Option<bool>,
    allow_missing: Option<Vec<String>>,
    columns: Option<std::collections::BTreeMap<String, String>>,
    market_column: Option<String>,
    market: Option<Vec<crate::market::MarketFile>>,
}

/// The keys that say how a case is counted, at the top level of a policy file or in one of
/// its `[[market]]` tables.
pub(crate) struct CountingKeys {
    pub(crate) first_limit: Option<i64>,
    pub(crate) final_limit: Option<i64>,
    pub(crate) final_limit_unit: Option<String>,
    pub(crate) at_risk_window: Option<i64>,
    pub(crate) calendar: Option<String>,
    pub(crate) time_zone: Option<String>,
    pub(crate) holidays: Option<String>,
}

/// The key (`first_limit`, `columns.case_id`) on the line a TOML error points at.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?;
    let key = line.split_once('=')?.0.trim().trim_matches('"');
    if key.is_empty() || key.starts_with('[') {
        return None;
    }
    let table = before[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(['[', ']', ' ']).to_string());
    Some(match table {
        Some(table) => format!("{table}.{key}"),
        None => key.to_string(),
    })
}

impl Policy {
    /// The card issuer's published procedure: 15 working days; with a timely holding reply,
    /// 35 calendar days, moved to the next working day.
    pub fn amex_no() -> Self {
        Policy {
            name: "amex-no".to_string(),
            first_limit: 15,
            final_limit: 35,
            final_limit_unit: FinalLimitUnit::CalendarDays,
            at_risk_window: 3,
            calendar: CalendarKind::NoBank,
            time_zone: chrono_tz::Europe::Oslo,
            holidays: None,
            columns: ColumnMap::default(),
            date_order: None,
            currency: "NOK".to_string(),
            language: crate::language::Language::En,
            stale_after_days: 7,
            fail_on_stale: false,
            allow_missing: Vec::new(),
            markets: None,
            source: PolicySource::BuiltIn,
        }
    }

    /// PSD2 Art. 101: 15 business days; with a holding reply, 35 business days.
    pub fn psd2() -> Self {
        Policy {
            name: "psd2".to_string(),
            final_limit_unit: FinalLimitUnit::WorkingDays,
            ..Self::amex_no()
        }
    }

    pub fn built_in(name: &str) -> Option<Self> {
        match name {
            "amex-no" => Some(Self::amex_no()),
            "psd2" => Some(Self::psd2()),
            _ => None,
        }
    }

    /// Resolves `--policy NAME|PATH`: a built-in name, else the path of a TOML policy file.
    pub fn resolve(spec: &str) -> Result<Self> {
        if let Some(policy) = Self::built_in(spec) {
            return Ok(policy);
        }
        let path = Path::new(spec);
        if path.exists() || spec.ends_with(".toml") || spec.contains(['/', '\\']) {
            return Self::load(path);
        }
        Err(BadInput::flag(
            "--policy",
            format!(
                "unknown policy '{spec}' (built-in: {}; or the path of a .toml policy file)",
                BUILT_IN_NAMES.join(", ")
            ),
        )
        .into())
    }

    /// Reads a TOML policy file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            BadInput::flag(
                "--policy",
                format!(
                    "cannot read policy file {}: {e}; give a built-in policy ({}) or the path \
                     of a TOML policy file",
                    path.display(),
                    BUILT_IN_NAMES.join(", ")
                ),
            )
        })?;
        Self::parse(path, &text)
    }

    /// Parses the text of a policy file; `path` names it in messages and anchors a relative
    /// `holidays` path.
    pub fn parse(path: &Path, text: &str) -> Result<Self> {
        let keys = Keys { path };
        let file = keys.read(text)?;
        let mut policy = keys.base(&file)?;
        let counting = CountingKeys {
            first_limit: file.first_limit,
            final_limit: file.final_limit,
            final_limit_unit: file.final_limit_unit.clone(),
            at_risk_window: file.at_risk_window,
            calendar: file.calendar.clone(),
            time_zone: file.time_zone.clone(),
            holidays: file.holidays.clone(),
        };
        keys.counting(&counting, "", &mut policy)?;
        keys.reading(&file, &mut policy)?;
        keys.columns(&file, &mut policy)?;
        policy.markets = keys.markets(&file, &policy)?;
        Ok(policy)
    }

    /// Checks the policy by the deadlines it produces: the final deadline never falls before
    /// the first, for a receipt on any day of the week, holidays included (every receipt day
    /// from 2000 to 2040 under `calendar`). Limits in different units cannot be compared as
    /// numbers: 16 calendar days end before 15 working days.
    pub fn check_deadlines(&self, calendar: &crate::calendar::Calendar) -> Result<(), String> {
        use chrono::Datelike;
        if self.final_limit_unit == FinalLimitUnit::WorkingDays {
            // The n-th working day after a date grows with n.
            return if self.final_limit < self.first_limit {
                Err(format!(
                    "{} working days is shorter than first_limit {}; the final limit extends \
                     the first",
                    self.final_limit, self.first_limit
                ))
            } else {
                Ok(())
            };
        }
        let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date");
        let end = chrono::NaiveDate::from_ymd_opt(2040, 12, 31).expect("valid date");
        let mut received = start;
        while received <= end {
            let deadlines = crate::deadline::Deadlines::compute(&self.limits(), calendar, received)
                .map_err(|e| format!("its deadlines cannot be computed: {e}"))?;
            if deadlines.last < deadlines.first {
                return Err(format!(
                    "{} {} end before the first limit of {} working days: for a case received \
                     on {} {received}, the final deadline would be {} and the first {}; the \
                     final limit extends the first, so it must never fall before it",
                    self.final_limit,
                    self.final_limit_unit.words(),
                    self.first_limit,
                    received.weekday(),
                    deadlines.last,
                    deadlines.first
                ));
            }
            received = received.succ_opt().expect("a day after 2040");
        }
        Ok(())
    }

    /// The limits the rules for one case apply.
    pub fn limits(&self) -> Limits {
        Limits {
            first_limit: self.first_limit,
            final_limit: self.final_limit,
            final_limit_unit: self.final_limit_unit,
            at_risk_window: self.at_risk_window,
        }
    }

    /// The whole policy in one line, for `--help`-like output and report headers.
    pub fn summary(&self) -> String {
        format!(
            "{}: first limit {} working days; final limit {} {} with a timely holding reply; \
             at risk within {} working days; calendar {}; time zone {}",
            self.name,
            self.first_limit,
            self.final_limit,
            self.final_limit_unit.words(),
            self.at_risk_window,
            self.calendar,
            self.time_zone.name()
        )
    }
}

/// A policy file's keys, read one group at a time; every message names the file and the key.
struct Keys<'a> {
    path: &'a Path,
}

impl Keys<'_> {
    fn bad(&self, message: String) -> BadInput {
        BadInput::new(format!("policy file {}: {message}", self.path.display()))
    }

    /// A number of days from `minimum` to 10,000.
    fn count(&self, key: &str, value: Option<i64>, minimum: i64) -> Result<Option<u32>, BadInput> {
        match value {
            None => Ok(None),
            Some(n) if n >= minimum && n <= 10_000 => Ok(Some(n as u32)),
            Some(n) => Err(self.bad(format!(
                "key `{key}`: must be a whole number of days from {minimum} to 10000, got {n}"
            ))),
        }
    }

    /// The file as TOML, its errors in the words of a policy file (line, key).
    fn read(&self, text: &str) -> Result<PolicyFile> {
        Ok(toml::from_str(text).map_err(|e: toml::de::Error| {
            let start = e.span().map(|span| span.start.min(text.len()));
            let line = start.map(|s| text[..s].matches('\n').count() + 1);
            let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
            let message = e
                .message()
                .trim()
                .replace("expected i64", "expected a whole number of days")
                .replace(
                    "expected a map",
                    "expected a table such as [columns] case_id = \"Sak\"",
                )
                .replace("expected a string", "expected the header name as a string");
            let message = if message.starts_with("unknown field") {
                message.replace("unknown field", "unknown key")
            } else if message.starts_with("invalid type") {
                match start.and_then(|s| key_at(text, s)) {
                    Some(key) => format!("key `{key}`: {message}"),
                    None => message,
                }
            } else {
                format!("not valid TOML: {message}")
            };
            self.bad(format!("{at}{message}"))
        })?)
    }

    /// The built-in policy the file starts from, its source and name.
    fn base(&self, file: &PolicyFile) -> Result<Policy> {
        let path = self.path;
        let base_name = file.base.clone().unwrap_or_else(|| "amex-no".to_string());
        let mut policy = Policy::built_in(&base_name).ok_or_else(|| {
            self.bad(format!(
                "key `base`: unknown policy '{base_name}' (built-in: {})",
                BUILT_IN_NAMES.join(", ")
            ))
        })?;
        policy.source = PolicySource::File(path.to_path_buf());
        policy.name = match file.name.clone() {
            Some(name) if name.trim().is_empty() => {
                return Err(self.bad("key `name`: must not be empty".to_string()).into());
            }
            Some(name) => name,
            None => path.file_stem().map_or_else(
                || "custom".to_string(),
                |s| s.to_string_lossy().into_owned(),
            ),
        };
        Ok(policy)
    }

    /// The keys that say how a case is counted (`prefix` names a `[[market]]` table in
    /// messages), then the check that the final deadline never falls before the first.
    fn counting(&self, file: &CountingKeys, prefix: &str, policy: &mut Policy) -> Result<()> {
        self.limits(file, prefix, policy)?;
        self.calendar(file, prefix, policy)?;
        policy
            .check_deadlines(&crate::calendar::Calendar::new(policy.calendar))
            .map_err(|e| self.bad(format!("key `{prefix}final_limit`: {e}")))?;
        Ok(())
    }

    fn limits(&self, file: &CountingKeys, prefix: &str, policy: &mut Policy) -> Result<()> {
        let key = |name: &str| format!("{prefix}{name}");
        if let Some(n) = self.count(&key("first_limit"), file.first_limit, 1)? {
            policy.first_limit = n;
        }
        if let Some(n) = self.count(&key("final_limit"), file.final_limit, 1)? {
            policy.final_limit = n;
        }
        if let Some(unit) = file.final_limit_unit.clone() {
            policy.final_limit_unit = FinalLimitUnit::from_name(&unit).ok_or_else(|| {
                self.bad(format!(
                    "key `{prefix}final_limit_unit`: unknown unit '{unit}' (use calendar_days or working_days)"
                ))
            })?;
        }
        if let Some(n) = self.count(&key("at_risk_window"), file.at_risk_window, 0)? {
            policy.at_risk_window = n;
        }
        Ok(())
    }

    /// The calendar, the time zone and the holiday file (relative to the policy file).
    fn calendar(&self, file: &CountingKeys, prefix: &str, policy: &mut Policy) -> Result<()> {
        let path = self.path;
        if let Some(name) = file.calendar.clone() {
            policy.calendar = CalendarKind::from_name(&name).ok_or_else(|| {
                self.bad(format!(
                    "key `{prefix}calendar`: unknown calendar '{name}' (built-in: {})",
                    CalendarKind::names()
                ))
            })?;
        }
        if let Some(zone) = file.time_zone.clone() {
            policy.time_zone = zone
                .parse::<Tz>()
                .ok()
                .filter(|tz| crate::zone::is_known(*tz))
                .ok_or_else(|| {
                    self.bad(format!(
                        "key `{prefix}time_zone`: unknown time zone '{zone}' (use an IANA name such as Europe/Oslo)"
                    ))
                })?;
        }
        if let Some(holidays) = file.holidays.clone() {
            let relative = PathBuf::from(&holidays);
            policy.holidays = Some(if relative.is_absolute() {
                relative
            } else {
                path.parent().unwrap_or(Path::new("")).join(relative)
            });
        }
        Ok(())
    }

    /// How exports are read and reports written: date order, currency, staleness, language.
    fn reading(&self, file: &PolicyFile, policy: &mut Policy) -> Result<()> {
        if let Some(order) = file.date_order.clone() {
            policy.date_order = Some(DateOrder::from_name(&order).ok_or_else(|| {
                self.bad(format!(
                    "key `date_order`: unknown order '{order}' (use dmy for DD/MM/YYYY or mdy \
                     for MM/DD/YYYY)"
                ))
            })?);
        }
        if let Some(code) = file.currency.clone() {
            if !crate::amount::is_iso_4217(&code) {
                return Err(self
                    .bad(format!(
                        "key `currency`: '{code}' is not an active ISO 4217 code (three capital \
                     letters, such as NOK or EUR)"
                    ))
                    .into());
            }
            policy.currency = code;
        }
        if let Some(days) = file.stale_after_days {
            policy.stale_after_days = u32::try_from(days)
                .ok()
                .filter(|d| (1..=366).contains(d))
                .ok_or_else(|| {
                    self.bad(format!(
                        "key `stale_after_days`: {days} is not a number of calendar days from 1 \
                         to 366"
                    ))
                })?;
        }
        if let Some(fail) = file.fail_on_stale {
            policy.fail_on_stale = fail;
        }
        for name in file.allow_missing.iter().flatten() {
            let column = crate::columns::Canonical::allowed_missing(name)
                .map_err(|e| self.bad(format!("key `allow_missing`: {e}")))?;
            policy.allow_missing.push(column);
        }
        if let Some(code) = file.language.clone() {
            policy.language = crate::language::Language::from_code(&code).ok_or_else(|| {
                self.bad(format!(
                    "key `language`: unknown language '{code}' (use en for English or nb for \
                     Norwegian bokmål)"
                ))
            })?;
        }
        Ok(())
    }

    /// `market_column` and the `[[market]]` tables: each market's counting keys over the top
    /// level's.
    fn markets(&self, file: &PolicyFile, top: &Policy) -> Result<Option<MarketSet>> {
        let tables = file.market.clone().unwrap_or_default();
        let Some(column) = file.market_column.clone() else {
            if tables.is_empty() {
                return Ok(None);
            }
            return Err(self
                .bad(
                    "[[market]] tables need `market_column`, the export's header that names \
                     each case's market"
                        .to_string(),
                )
                .into());
        };
        if let Some(other) = Canonical::named_by(&column) {
            return Err(self
                .bad(format!(
                    "key `market_column`: '{column}' is the header the export's {other} column \
                     goes by, and a header is read as one column only: name the market in a \
                     column of its own"
                ))
                .into());
        }
        let mut markets = Vec::new();
        for (i, table) in tables.into_iter().enumerate() {
            let name = match table.name.as_deref().map(str::trim) {
                Some(name) if !name.is_empty() => name.to_string(),
                _ => {
                    return Err(self
                        .bad(format!(
                            "[[market]] number {}: key `name` is missing or empty",
                            i + 1
                        ))
                        .into());
                }
            };
            let mut counted = top.clone();
            let keys = CountingKeys {
                first_limit: table.first_limit,
                final_limit: table.final_limit,
                final_limit_unit: table.final_limit_unit.clone(),
                at_risk_window: table.at_risk_window,
                calendar: table.calendar.clone(),
                time_zone: table.time_zone.clone(),
                holidays: table.holidays.clone(),
            };
            self.counting(&keys, &format!("[[market]] '{name}': "), &mut counted)?;
            markets.push(Market {
                values: table.values.clone().unwrap_or_else(|| vec![name.clone()]),
                name,
                calendar: counted.calendar,
                time_zone: counted.time_zone,
                limits: counted.limits(),
                holidays: counted.holidays,
            });
        }
        Ok(Some(
            MarketSet::new(&column, markets).map_err(|e| self.bad(e))?,
        ))
    }

    /// `[columns]`: the export's header for a canonical column.
    fn columns(&self, file: &PolicyFile, policy: &mut Policy) -> Result<()> {
        for (name, header) in file.columns.clone().unwrap_or_default() {
            let canonical = Canonical::from_name(&name).ok_or_else(|| {
                self.bad(format!(
                    "key `columns.{name}`: not a column name (one of {})",
                    Canonical::ALL.map(Canonical::name).join(", ")
                ))
            })?;
            if header.trim().is_empty() {
                return Err(self
                    .bad(format!(
                        "key `columns.{name}`: expected the header name as a non-empty string"
                    ))
                    .into());
            }
            policy.columns.set(
                canonical,
                header.trim().to_string(),
                "the policy's [columns]",
            );
        }
        Ok(())
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Policy> {
        Policy::parse(Path::new("conf/bank.toml"), text)
    }

    #[test]
    fn built_ins_are_as_published() {
        let amex = Policy::resolve("amex-no").unwrap();
        assert_eq!(
            (
                amex.first_limit,
                amex.final_limit,
                amex.final_limit_unit,
                amex.at_risk_window
            ),
            (15, 35, FinalLimitUnit::CalendarDays, 3)
        );
        assert_eq!(amex.calendar, CalendarKind::NoBank);
        assert_eq!(amex.time_zone, chrono_tz::Europe::Oslo);
        let psd2 = Policy::resolve("psd2").unwrap();
        assert_eq!(psd2.final_limit_unit, FinalLimitUnit::WorkingDays);
        assert_eq!((psd2.first_limit, psd2.final_limit), (15, 35));
    }

    #[test]
    fn a_file_overrides_its_base() {
        let policy = parse(
            "name = \"Nordbank\"\nbase = \"psd2\"\nfirst_limit = 10\ncalendar = \"no-legal\"\n\
             time_zone = \"Europe/Stockholm\"\nat_risk_window = 0\nholidays = \"closures.csv\"\n",
        )
        .unwrap();
        assert_eq!(policy.name, "Nordbank");
        assert_eq!(policy.first_limit, 10);
        assert_eq!(policy.final_limit, 35);
        assert_eq!(policy.final_limit_unit, FinalLimitUnit::WorkingDays);
        assert_eq!(policy.calendar, CalendarKind::NoLegal);
        assert_eq!(policy.time_zone, chrono_tz::Europe::Stockholm);
        assert_eq!(policy.at_risk_window, 0);
        assert_eq!(policy.holidays, Some(PathBuf::from("conf/closures.csv")));
        assert_eq!(
            policy.source,
            PolicySource::File(PathBuf::from("conf/bank.toml"))
        );
    }

    #[test]
    fn a_columns_table_names_headers() {
        let policy = parse("[columns]\ncase_id = \"Sak\"\nreceived_at = \"Innkommet\"\n").unwrap();
        let resolved = policy
            .columns
            .resolve(&["Innkommet".to_string(), "Sak".to_string()])
            .unwrap();
        assert_eq!(resolved.index[&Canonical::CaseId], 1);
        assert_eq!(resolved.index[&Canonical::ReceivedAt], 0);
    }

    #[test]
    fn an_empty_file_is_the_default_named_after_the_file() {
        let policy = parse("").unwrap();
        assert_eq!(policy.name, "bank");
        assert_eq!(policy.final_limit_unit, FinalLimitUnit::CalendarDays);
    }

    #[track_caller]
    fn bad(text: &str, expected: &str) {
        let err = parse(text).expect_err(text);
        assert!(err.is::<BadInput>());
        let message = err.to_string();
        assert!(
            message.starts_with("policy file conf/bank.toml: "),
            "{message}"
        );
        assert!(message.contains(expected), "{message:?} lacks {expected:?}");
        assert!(!message.contains('\n'), "one line: {message:?}");
    }

    #[test]
    fn errors_name_the_key() {
        bad("first_limt = 15", "line 1: unknown key `first_limt`");
        bad(
            "first_limit = 0",
            "key `first_limit`: must be a whole number of days from 1 to 10000, got 0",
        );
        bad(
            "final_limit = -35",
            "key `final_limit`: must be a whole number of days from 1 to 10000, got -35",
        );
        bad(
            "at_risk_window = -1",
            "key `at_risk_window`: must be a whole number of days from 0",
        );
        bad(
            "first_limit = \"15\"",
            "line 1: key `first_limit`: invalid type: string \"15\", expected a whole number of days",
        );
        bad(
            "first_limit = 1.5",
            "key `first_limit`: invalid type: floating point `1.5`, expected a whole number of days",
        );
        bad(
            "calendar = \"no-banks\"",
            "key `calendar`: unknown calendar 'no-banks'",
        );
        bad(
            "time_zone = \"Europe/Olso\"",
            "key `time_zone`: unknown time zone 'Europe/Olso'",
        );
        bad(
            "final_limit_unit = \"weeks\"",
            "key `final_limit_unit`: unknown unit 'weeks'",
        );
        bad("base = \"fca\"", "key `base`: unknown policy 'fca'");
        bad(
            "final_limit = 10\nfinal_limit_unit = \"working_days\"",
            "key `final_limit`: 10 working days is shorter than first_limit 15",
        );
        // 16 calendar days is more than 15, but it ends before 15 working days.
        bad(
            "final_limit = 16",
            "key `final_limit`: 16 calendar days end before the first limit of 15 working days: \
             for a case received on Sat 2000-01-01, the final deadline would be 2000-01-17 and \
             the first 2000-01-21",
        );
        bad("name = \"\"", "key `name`: must not be empty");
        bad(
            "first_limit = 15\nfirst_limit = 16\n",
            "line 2: not valid TOML",
        );
        bad(
            "[columns]\ncase = \"Sak\"\n",
            "key `columns.case`: not a column name",
        );
        bad(
            "[columns]\ncase_id = 3\n",
            "key `columns.case_id`: invalid type: integer `3`, expected the header name",
        );
        bad(
            "[columns]\ncase_id = \" \"\n",
            "key `columns.case_id`: expected the header name as a non-empty string",
        );
        bad(
            "columns = \"Sak\"\n",
            "key `columns`: invalid type: string \"Sak\", expected a table",
        );
    }

    #[test]
    fn unknown_names_and_missing_files() {
        let err = Policy::resolve("amex").unwrap_err().to_string();
        assert_eq!(
            err,
            "--policy: unknown policy 'amex' (built-in: amex-no, psd2; or the path of a .toml policy file)"
        );
        let err = Policy::resolve("nowhere/policy.toml").unwrap_err();
        assert!(err.is::<BadInput>());
        assert!(
            err.to_string()
                .starts_with("--policy: cannot read policy file nowhere/policy.toml")
        );
    }
}

#[cfg(test)]
mod market_tests {
    use super::*;

    fn parse(text: &str) -> Result<Policy> {
        Policy::parse(Path::new("conf/group.toml"), text)
    }

    const GROUP: &str = "name = \"Nordic group\"\nholidays = \"no.csv\"\n\
        market_column = \"country\"\n\n\
        [[market]]\nname = \"SE\"\nvalues = [\"SE\", \"Sverige\", \"Sweden\"]\n\
        calendar = \"se-bank\"\ntime_zone = \"Europe/Stockholm\"\nholidays = \"se.csv\"\n\n\
        [[market]]\nname = \"UK\"\ncalendar = \"gb-eaw-bank\"\ntime_zone = \"Europe/London\"\n\
        final_limit = 35\nfinal_limit_unit = \"working_days\"\nat_risk_window = 5\n";

    #[test]
    fn each_market_takes_the_top_level_for_what_it_leaves_unset() {
        let policy = parse(GROUP).unwrap();
        let set = policy.markets.as_ref().unwrap();
        assert_eq!(set.column, "country");
        let [se, uk] = &set.markets[..] else {
            panic!("two markets")
        };
        assert_eq!(se.values, ["SE", "Sverige", "Sweden"]);
        assert_eq!(se.calendar, CalendarKind::SeBank);
        assert_eq!(se.time_zone, chrono_tz::Europe::Stockholm);
        assert_eq!(se.limits, policy.limits(), "the top level's limits");
        assert_eq!(se.holidays.as_deref(), Some(Path::new("conf/se.csv")));
        // UK: its own final limit in working days and at-risk window; its values default to
        // its name; the top level's holiday file.
        assert_eq!(uk.values, ["UK"]);
        assert_eq!(uk.limits.first_limit, 15);
        assert_eq!(uk.limits.final_limit_unit, FinalLimitUnit::WorkingDays);
        assert_eq!(uk.limits.at_risk_window, 5);
        assert_eq!(uk.holidays.as_deref(), Some(Path::new("conf/no.csv")));
        // The top level is untouched: the home market.
        assert_eq!(policy.calendar, CalendarKind::NoBank);
        assert_eq!(policy.final_limit_unit, FinalLimitUnit::CalendarDays);
    }

    #[test]
    fn a_market_table_is_checked_as_the_top_level_is() {
        for (text, expected) in [
            (
                "[[market]]\nname = \"SE\"\ncalendar = \"se-bank\"\n",
                "[[market]] tables need `market_column`",
            ),
            (
                "market_column = \"country\"\n",
                "key `market_column`: 'country' names the market column, but no [[market]]",
            ),
            (
                "market_column = \"country\"\n[[market]]\ncalendar = \"se-bank\"\n",
                "[[market]] number 1: key `name` is missing or empty",
            ),
            (
                "market_column = \"country\"\n[[market]]\nname = \"SE\"\ncalendar = \"sweden\"\n",
                "key `[[market]] 'SE': calendar`: unknown calendar 'sweden'",
            ),
            (
                "market_column = \"country\"\n[[market]]\nname = \"SE\"\nfirst_limit = 0\n",
                "key `[[market]] 'SE': first_limit`: must be a whole number of days from 1",
            ),
            (
                "market_column = \"country\"\n[[market]]\nname = \"SE\"\nfinal_limit = 16\n",
                "key `[[market]] 'SE': final_limit`: 16 calendar days end before the first limit",
            ),
            (
                "market_column = \"country\"\n[[market]]\nname = \"SE\"\ncountry = \"SE\"\n",
                "unknown key `country`",
            ),
            (
                "market_column = \"Currency\"\n[[market]]\nname = \"SE\"\nvalues = [\"SEK\"]\n",
                "key `market_column`: 'Currency' is the header the export's redress_currency \
                 column goes by",
            ),
            (
                "market_column = \"channel\"\n[[market]]\nname = \"SE\"\n",
                "'channel' is the header the export's channel column goes by",
            ),
            (
                "market_column = \"country\"\n[[market]]\nname = \"SE\"\nvalues = [\"S\"]\n\
                 [[market]]\nname = \"FI\"\nvalues = [\"s\"]\n",
                "[[market]] 'FI': key `values`: 's' also means market SE ('S')",
            ),
        ] {
            let err = parse(text).expect_err(text).to_string();
            assert!(
                err.starts_with("policy file conf/group.toml: ") && err.contains(expected),
                "{err:?} lacks {expected:?}"
            );
        }
    }
}
