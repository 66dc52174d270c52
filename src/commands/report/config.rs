//! The `report` command line resolved: the inputs, policy and calendar, the period and as-of
//! date, the formats, and the policy to compare with.

use std::path::PathBuf;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use super::super::flag_date;
use crate::calendar::{Calendar, year_in_range};
use crate::cli::{InputArgs, ReportArgs, ReportFormat};
use crate::columns::ColumnMap;
use crate::date_input::DateOrder;
use crate::error::BadInput;
use crate::ingest::{self, IngestOptions, Ingested, InputSource};
use crate::period::Period;
use crate::policy::Policy;
use crate::report::build::BuildConfig;
use crate::report_window::ReportWindow;

/// The inputs, policy and calendar of a command that reads exports.
pub struct InputConfig {
    pub sources: Vec<InputSource>,
    pub policy: Policy,
    pub calendar: Calendar,
    pub holiday_file: Option<PathBuf>,
    /// The home market and the policy's markets, each with its calendar.
    pub markets: crate::market::Markets,
    pub columns: ColumnMap,
    /// From `--date-order`, else the policy's `date_order`.
    pub date_order: Option<DateOrder>,
    pub sheet: Option<String>,
}

impl InputConfig {
    pub fn resolve(args: &InputArgs) -> Result<Self> {
        let (policy, calendar, holiday_file) = super::super::policy_and_calendar(
            &args.policy,
            args.calendar.as_deref(),
            args.holidays.as_deref(),
        )?;
        let mut columns = policy.columns.clone();
        if let Some(set) = &policy.markets {
            columns.set(
                crate::columns::Canonical::Market,
                set.column.clone(),
                "the policy's market_column",
            );
        }
        for assignment in &args.map {
            let (canonical, header) =
                ColumnMap::parse_assignment(assignment).map_err(|e| BadInput::flag("--map", e))?;
            if canonical == crate::columns::Canonical::Market && policy.markets.is_none() {
                return Err(BadInput::flag(
                    "--map",
                    format!(
                        "'{assignment}': policy {} has no markets; a market column is read \
                         only by a policy with market_column and [[market]] tables",
                        policy.name
                    ),
                )
                .into());
            }
            columns.set(canonical, header, "--map");
        }
        let markets =
            super::super::markets(&policy, &calendar, holiday_file.as_deref(), &args.policy)?;
        let date_order = match &args.date_order {
            Some(name) => Some(DateOrder::from_name(name).ok_or_else(|| {
                BadInput::flag(
                    "--date-order",
                    format!(
                        "unknown order '{name}' (use dmy for DD/MM/YYYY or mdy for MM/DD/YYYY)"
                    ),
                )
            })?),
            None => policy.date_order,
        };
        let stdin_count = args.inputs.iter().filter(|p| p.as_os_str() == "-").count();
        if stdin_count > 1 {
            return Err(BadInput::flag("INPUT", "standard input (-) can be read only once").into());
        }
        Ok(InputConfig {
            sources: args
                .inputs
                .iter()
                .map(|p| InputSource::from_arg(p))
                .collect(),
            policy,
            calendar,
            holiday_file,
            markets,
            columns,
            date_order,
            sheet: args.sheet.clone(),
        })
    }

    /// Reads the inputs; `keep_text` and `progress` as in [`IngestOptions`].
    pub fn ingest(
        &self,
        keep_text: Option<ReportWindow>,
        progress: bool,
        today: chrono::NaiveDate,
    ) -> Result<Ingested> {
        ingest::ingest(
            &self.sources,
            &IngestOptions {
                columns: &self.columns,
                policy: &self.policy,
                calendar: &self.calendar,
                markets: &self.markets,
                keep_text,
                progress,
                date_order: self.date_order,
                sheet: self.sheet.as_deref(),
                today: Some(today),
                split_from: ingest::halves::SPLIT_FROM,
            },
        )
    }
}

/// A validated `report` command line.
pub struct ReportConfig {
    /// The command line as typed (the program called `complaint-sla`), for the Method sheet.
    pub command_line: String,
    /// `Some` with `--redact`.
    pub redact: Option<crate::redact::RedactOptions>,
    pub input: InputConfig,
    pub period: Period,
    pub as_of: NaiveDate,
    /// The day of the run, in the policy's time zone (`--today` pins it).
    pub today: NaiveDate,
    pub out_dir: PathBuf,
    pub formats: Vec<ReportFormat>,
    pub fail_on_breach: bool,
    /// `--fail-on-stale`, or the policy's `fail_on_stale`.
    pub fail_on_stale: bool,
    /// `--allow-missing` and the policy's `allow_missing`: columns the exports truly lack.
    pub allow_missing: Vec<crate::columns::Canonical>,
    /// The language of the reports' words.
    pub language: crate::report::lang::Language,
    /// `--compare-policy`: the other policy and its calendar.
    pub compare: Option<(Policy, Calendar)>,
}

impl ReportConfig {
    pub fn resolve(args: &ReportArgs) -> Result<Self> {
        let input = InputConfig::resolve(&args.input)?;
        // "Now" is read here and nowhere else, in the policy's time zone.
        let today = super::super::run_day(args.today.as_deref(), input.policy.time_zone)?;
        let (period, as_of) = period_and_as_of(args, today)?;
        let language = match &args.language {
            Some(code) => crate::report::lang::Language::from_code(code).ok_or_else(|| {
                BadInput::flag(
                    "--language",
                    format!(
                        "unknown language '{code}' (use en for English or nb for Norwegian bokmål)"
                    ),
                )
            })?,
            None => input.policy.language,
        };
        let compare = match &args.compare_policy {
            Some(spec) => Some(compare_policy(spec, &input)?),
            None => None,
        };
        let fail_on_stale = args.fail_on_stale || input.policy.fail_on_stale;
        let mut allow_missing = input.policy.allow_missing.clone();
        for name in &args.allow_missing {
            allow_missing.push(
                crate::columns::Canonical::allowed_missing(name)
                    .map_err(|e| BadInput::flag("--allow-missing", e))?,
            );
        }
        let mut formats = args.formats.clone();
        formats.sort();
        formats.dedup();
        Ok(ReportConfig {
            command_line: command_line(std::env::args_os().skip(1)),
            redact: args.redact.then(|| crate::redact::RedactOptions {
                keep: args.keep.clone(),
                personal: args.personal.clone(),
            }),
            input,
            period,
            as_of,
            today,
            out_dir: args.out_dir.clone(),
            formats,
            fail_on_breach: args.fail_on_breach,
            fail_on_stale,
            allow_missing,
            language,
            compare,
        })
    }
}

/// `complaint-sla ARGS`, each argument quoted when a shell would need it.
fn command_line(args: impl Iterator<Item = std::ffi::OsString>) -> String {
    let mut line = String::from("complaint-sla");
    for arg in args {
        let arg = arg.to_string_lossy();
        line.push(' ');
        if !arg.is_empty()
            && arg
                .chars()
                .all(|c| c.is_alphanumeric() || "-_./=,:+@%".contains(c))
        {
            line.push_str(&arg);
        } else {
            line.push('\'');
            line.push_str(&arg.replace('\'', "'\\''"));
            line.push('\'');
        }
    }
    line
}

/// The period (`--period`, or `--from` and `--to`, else the month before today) and the as-of
/// date (`--as-of`, else the period's end or today): both in the supported years, the as-of
/// date neither after today (a status on a day that has not come would be a guess) nor before
/// the period starts.
fn period_and_as_of(args: &ReportArgs, today: NaiveDate) -> Result<(Period, NaiveDate)> {
    let period = match (&args.period, &args.from, &args.to) {
        (Some(text), _, _) => Period::parse(text).map_err(|e| BadInput::flag("--period", e))?,
        (None, Some(from), Some(to)) => {
            Period::range(flag_date("--from", from)?, flag_date("--to", to)?)
                .map_err(|e| BadInput::flag("--to", e))?
        }
        _ => Period::previous_month(today),
    };
    if !year_in_range(period.start.year()) || !year_in_range(period.end.year()) {
        let flag = match (&args.period, &args.from) {
            (Some(_), _) => "--period",
            (None, Some(_)) => "--from",
            // No period given: the month before the day of the run.
            _ => "--today",
        };
        return Err(BadInput::flag(
            flag,
            format!("{period} is outside the supported range 1900 to 2199"),
        )
        .into());
    }
    let as_of = match &args.as_of {
        Some(raw) => flag_date("--as-of", raw)?,
        None => period.default_as_of(today),
    };
    if args.as_of.is_none() && period.start > today {
        return Err(BadInput::flag(
            "--period",
            format!(
                "the period {period} has not started yet (today is {today}): a report \
                     describes a period as it stood on a day on or after its first day; give a \
                     period that has begun"
            ),
        )
        .into());
    }
    if as_of > today {
        // A case open today may be resolved by then. `--today` pins the day of the run.
        return Err(BadInput::flag(
            "--as-of",
            format!(
                "the as-of date {as_of} is after today ({today}): a report can show the \
                     cases only as they stand on a day that has come"
            ),
        )
        .into());
    }
    if as_of < period.start {
        let flag = if args.as_of.is_some() {
            "--as-of"
        } else {
            "--period"
        };
        return Err(BadInput::flag(
            flag,
            format!(
                "the as-of date {as_of} is before the period {period} starts: a report \
                     describes its period as it stood on a day on or after the period's first day"
            ),
        )
        .into());
    }
    Ok((period, as_of))
}

/// Resolves `--compare-policy`: the policy, with the report's calendar unless it names its own
/// (another calendar or a holiday file). Errors name `--compare-policy`; a policy that gives
/// the same deadlines as the report's is refused.
fn compare_policy(spec: &str, input: &InputConfig) -> Result<(Policy, Calendar)> {
    let policy = Policy::resolve(spec).map_err(as_compare_error)?;
    if policy.markets.is_some() {
        return Err(BadInput::flag(
            "--compare-policy",
            format!(
                "{spec} has markets of its own: compare with a policy without markets, whose \
                 limits are counted on each case's market calendar (when the report's policy \
                 has markets, the comparison policy may change the limits only)"
            ),
        )
        .into());
    }
    reads_alike(spec, &policy, input)?;
    let own_calendar = policy.calendar != input.policy.calendar || policy.holidays.is_some();
    if input.policy.markets.is_some()
        && (own_calendar || policy.time_zone != input.policy.time_zone)
    {
        return Err(BadInput::flag(
            "--compare-policy",
            format!(
                "{spec} names a calendar, holiday file or time zone of its own; with markets, a \
                 comparison counts the other policy's limits on each market's own calendar and \
                 time zone: compare with a policy that changes the limits only"
            ),
        )
        .into());
    }
    let mut policy = policy;
    let calendar = if own_calendar {
        super::super::policy_and_calendar(spec, None, None)
            .map_err(as_compare_error)?
            .1
    } else {
        // The report's calendar, and with it the report's holiday file: said beside the
        // other policy wherever it is described.
        policy.holidays = input.holiday_file.clone();
        input.calendar.clone()
    };
    let p = &input.policy;
    let same = (
        policy.first_limit,
        policy.final_limit,
        policy.final_limit_unit,
        policy.at_risk_window,
        own_calendar,
        policy.time_zone,
    ) == (
        p.first_limit,
        p.final_limit,
        p.final_limit_unit,
        p.at_risk_window,
        false,
        p.time_zone,
    );
    if same {
        return Err(BadInput::flag(
            "--compare-policy",
            format!(
                "{spec} gives the same deadlines as the report's policy {}: compare with another \
                 one (amex-no reads 35 days as calendar days, psd2 as working days)",
                p.name
            ),
        )
        .into());
    }
    Ok((policy, calendar))
}

/// A policy's errors under `--compare-policy`, named so.
fn as_compare_error(e: anyhow::Error) -> anyhow::Error {
    match e.downcast::<BadInput>() {
        Ok(bad) => {
            let message = bad.to_string();
            BadInput::new(match message.strip_prefix("--policy") {
                Some(rest) => format!("--compare-policy{rest}"),
                None => format!("--compare-policy: {message}"),
            })
            .into()
        }
        Err(e) => e,
    }
}

/// The comparison policy reads the export as the report does: the cases are read once, with
/// this report's columns and date order, and a policy that reads the export otherwise would
/// not compare what a run of it alone finds.
fn reads_alike(spec: &str, policy: &Policy, input: &InputConfig) -> Result<()> {
    if policy.columns != input.policy.columns {
        return Err(BadInput::flag(
            "--compare-policy",
            format!(
                "{spec} names the export's columns otherwise ([columns]) than the report's \
                 policy {}: the comparison reads the cases once, with the report's columns; run \
                 `report --policy {spec}` on its own",
                input.policy.name
            ),
        )
        .into());
    }
    let flag_order = (input.date_order != input.policy.date_order).then_some(input.date_order);
    let their_order = flag_order.unwrap_or(policy.date_order);
    if their_order != input.date_order {
        let name = |o: Option<crate::date_input::DateOrder>| {
            o.map_or("decided from the data".to_string(), |o| {
                o.name().to_string()
            })
        };
        return Err(BadInput::flag(
            "--compare-policy",
            format!(
                "{spec} reads slash dates in another order ({}) than the report ({}): the \
                 comparison reads the dates once, in the report's order; run `report --policy \
                 {spec}` on its own, or give --date-order for both",
                name(their_order),
                name(input.date_order)
            ),
        )
        .into());
    }
    Ok(())
}

/// What the report model needs of the configuration.
pub(super) fn config_view(config: &ReportConfig) -> BuildConfig<'_> {
    BuildConfig {
        policy: &config.input.policy,
        calendar: &config.input.calendar,
        markets: &config.input.markets,
        holiday_file: config
            .input
            .holiday_file
            .as_ref()
            .map(|p| p.display().to_string()),
        period: &config.period,
        as_of: config.as_of,
        today: config.today,
        command_line: config.command_line.clone(),
        redact: config.redact.clone(),
        language: config.language,
        compare: config.compare.as_ref().map(|(p, c)| (p, c)),
    }
}
