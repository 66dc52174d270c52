//! The command line, as the user types it. Values stay strings here where the program's own
//! message is better than clap's: they are validated when the command resolves them, and a
//! bad one is reported on one line naming the flag and the value.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "complaint-sla",
    version,
    about = "Checks complaint handling against the 15- and 35-day deadlines (Norwegian procedure, PSD2 Art. 101)",
    long_about = "Checks complaint handling against the 15- and 35-day deadlines (Norwegian \
                  procedure, PSD2 Art. 101).\n\nThe day of receipt does not count: the first \
                  deadline is the 15th working day after it. Exit status: 0 done; 1 no report \
                  could be produced (an unreadable input, a missing column, no valid row, a \
                  file that could not be written) or, for check, rows were rejected; 2 bad \
                  usage (a flag, value, policy or holiday file); 3 report --fail-on-breach \
                  found breaches."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every holiday and closure of a year in a calendar (weekend ones too)
    #[command(after_long_help = crate::calendar::calendars_help())]
    Calendar(CalendarArgs),
    /// Compute the deadlines of one complaint and, given --resolved or --as-of, its status
    Deadline(DeadlineArgs),
    /// Evaluate complaint exports for a period and write the reports
    Report(Box<ReportArgs>),
    /// Validate complaint exports only: reject and warning counts and the first bad lines
    Check(CheckArgs),
    /// Write a synthetic complaint export (for trials, demos and the benchmark)
    Sample(SampleArgs),
    /// Print shell completions: `complaint-sla completions bash > /etc/bash_completion.d/complaint-sla`
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `complaint-sla man | man -l -`
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish or powershell
    #[arg(value_enum)]
    pub shell: CompletionShell,
}

/// The shells completions are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// How many valid cases
    #[arg(long, value_name = "N")]
    pub rows: u64,

    /// The random seed: the same seed gives the same bytes
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// The first receipt date
    #[arg(long, value_name = "DATE", default_value = "2025-01-01")]
    pub from: String,

    /// The last receipt date; the export is as of the end of this day
    #[arg(long, value_name = "DATE", default_value = "2025-12-31")]
    pub to: String,

    /// canonical (`,`, English headers, ISO dates) or nordic (`;`, BOM, Norwegian headers,
    /// DD.MM.YYYY dates, CRLF)
    #[arg(long, value_enum, default_value_t = SampleStyle::Canonical)]
    pub style: SampleStyle,

    /// Also write N malformed rows of each reject reason
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub bad: u64,

    /// The share of cases never resolved, from 0 to 1 (0.08: a history where open cases
    /// pile up, as in the benchmark)
    #[arg(long, value_name = "SHARE", default_value_t = crate::sample::NEVER_RESOLVED_DEFAULT)]
    pub never_resolved: f64,

    /// Give each case a market: a `country` column of the values sample_data/group/policy.toml
    /// maps to Norway, Sweden, Denmark, Finland and the UK's three parts, some blank (the home
    /// market); with --bad, rows of a market no policy has (unknown_market) too. The Nordic
    /// style names the column `Land`: report it with --map market=Land
    #[arg(long)]
    pub markets: bool,

    /// Where to write (`-` for standard output)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SampleStyle {
    Canonical,
    Nordic,
}

/// Flags shared by the commands that read exports.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Complaint exports: CSV (`,` `;` or tab; UTF-8, UTF-16 or Windows-1252), a spreadsheet
    /// (xlsx, xlsm, xls, ods) or Parquet, recognised by content; `-` reads standard input
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// A built-in policy (amex-no, psd2) or the path of a TOML policy file
    #[arg(
        long,
        value_name = "NAME|PATH",
        default_value = "amex-no",
        env = "COMPLAINT_SLA_POLICY"
    )]
    pub policy: String,

    /// Use this calendar instead of the policy's (`calendar --help` lists them: no-bank,
    /// no-legal, se-bank, dk-bank, fi-bank, gb-eaw-bank, gb-sct-bank, gb-nir-bank, weekdays);
    /// with markets, for the home market only
    #[arg(long, value_name = "NAME")]
    pub calendar: Option<String>,

    /// A CSV file of closures, `date,name[,action]` (replaces the policy file's `holidays`).
    /// With a policy of several markets it applies to the home market (the cases whose market
    /// is blank) only: each other market keeps the policy file's
    #[arg(long, value_name = "FILE", env = "COMPLAINT_SLA_HOLIDAYS")]
    pub holidays: Option<PathBuf>,

    /// Name the header of a column: `--map received_at="Dato inn"` (repeatable; overrides the
    /// policy file's [columns])
    #[arg(long = "map", value_name = "COLUMN=HEADER")]
    pub map: Vec<String>,

    /// The order of day and month in slash dates such as 10/05/2026: dmy (DD/MM/YYYY) or mdy
    /// (MM/DD/YYYY). Default: the policy's date_order, else decided from each file's dates
    /// (a day over 12 decides); a file that nothing decides stops the run
    #[arg(long, value_name = "dmy|mdy")]
    pub date_order: Option<String>,

    /// The worksheet to read in a spreadsheet input (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The period: a month (2025-03), a quarter (2025-Q1) or a year (2025). Default: the
    /// previous calendar month
    #[arg(long, value_name = "PERIOD", conflicts_with_all = ["from", "to"])]
    pub period: Option<String>,

    /// The first day of a custom period (with --to)
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,

    /// The last day of a custom period (with --from)
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,

    /// Report the cases as they stood at the end of this date. Default: the period's last
    /// day, or today while the period is still running
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Today's date, for the default period and as-of date (default: the clock, in the
    /// policy's time zone)
    #[arg(long, value_name = "DATE", hide = true)]
    pub today: Option<String>,

    /// Where to write: files go to DIR/<period>/
    #[arg(
        long,
        value_name = "DIR",
        default_value = "reports",
        env = "COMPLAINT_SLA_OUT_DIR"
    )]
    pub out_dir: PathBuf,

    /// Which files to write
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [ReportFormat::Csv, ReportFormat::Json, ReportFormat::Xlsx, ReportFormat::Md, ReportFormat::Html])]
    pub formats: Vec<ReportFormat>,

    /// Exit with status 3 when the report has breaches
    #[arg(long)]
    pub fail_on_breach: bool,

    /// How many earlier, different reports of the period to keep beside the new one (each
    /// renamed after the time it was written, `2025-12.2026-01-01T060000`). Default: all; 0
    /// replaces the earlier report and removes any kept before it
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub keep_runs: Option<usize>,

    /// Say that the exports truly have no such column (resolved_at; holding_reply_at):
    /// without it, an export without a resolution-date column stops the run (exit 1), since
    /// every case in it would count as open. Repeatable; the policy's `allow_missing` too
    #[arg(long, value_name = "COLUMN")]
    pub allow_missing: Vec<String>,

    /// Stop (exit 1, nothing written) when the inputs' newest date is more than the policy's
    /// stale_after_days (default 7) calendar days before the as-of date: a stale export
    #[arg(long)]
    pub fail_on_stale: bool,

    /// The language of the reports' words: en (English) or nb (Norwegian bokmål). Default: the
    /// policy file's `language`, else en. Status codes, CSV columns, JSON keys and exit codes
    /// are the same in every language
    #[arg(long, value_name = "LANG", env = "COMPLAINT_SLA_LANGUAGE")]
    pub language: Option<String>,

    /// Evaluate the same cases under a second policy too (a built-in name or a TOML file), and
    /// show side by side what the reading of "35 days" changes: a Policy comparison sheet, a
    /// Markdown section and `comparison` in summary.json; every other file is unchanged
    #[arg(long, value_name = "NAME|PATH")]
    pub compare_policy: Option<String>,

    /// Write only what a regulator needs: case id, dates, computed columns, channel, product,
    /// category, stage, outcome, referral. Every other column is left out (see --keep); card
    /// numbers and national identity numbers in the text that remains are masked; the report
    /// folder is replaced whole
    #[arg(long)]
    pub redact: bool,

    /// With --redact, keep this other column of the export (its header; repeatable)
    #[arg(long, value_name = "HEADER", requires = "redact")]
    pub keep: Vec<String>,

    /// With --redact, name a column that must be left out (its header; repeatable): an error
    /// if it matches no column the report would carry, or --keep names it too
    #[arg(long, value_name = "HEADER", requires = "redact")]
    pub personal: Vec<String>,

    /// Print the time each stage took (read, evaluate, each file) on stderr
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,

    /// Print nothing on stderr but errors (no notes, no warnings line)
    #[arg(short, long)]
    pub quiet: bool,

    /// Print the summary on stdout as one line of JSON (also for an error after the command
    /// line was read), for monitoring
    #[arg(long)]
    pub json: bool,

    /// Rows per workbook sheet before it is split (Excel's limit; lower only to test the split)
    #[arg(long, value_name = "N", default_value_t = 1_048_575, hide = true)]
    pub xlsx_rows_per_sheet: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum ReportFormat {
    /// cases.csv, rejects.csv, warnings.csv
    Csv,
    /// summary.json
    Json,
    /// complaint-sla-<period>.xlsx: the workbook for compliance officers and regulators
    Xlsx,
    /// complaint-sla-<period>.md: the report as GitHub-flavoured Markdown
    Md,
    /// complaint-sla-<period>.html: the board pack, self-contained, for A4 print or e-mail
    Html,
    /// cases.parquet: the columns of cases.csv typed, for BI tools and notebooks (not a default)
    Parquet,
}

impl ReportFormat {
    /// The files a format writes.
    pub fn files(self) -> &'static str {
        match self {
            Self::Csv => "cases.csv, rejects.csv, warnings.csv",
            Self::Json => "summary.json",
            Self::Xlsx => "the workbook",
            Self::Md => "the Markdown report",
            Self::Html => "the board pack",
            Self::Parquet => "cases.parquet",
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// How many offending lines to show
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub show: usize,

    /// The day of the run (default: today in the policy's time zone): a receipt after it is
    /// warned `received_after_run_date`
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The year to list, 1900 to 2199
    #[arg(long, value_name = "YYYY")]
    pub year: String,

    /// The calendar (each is described, with its source, below). Default: the policy's, when
    /// --policy (or COMPLAINT_SLA_POLICY) names one, else no-bank
    #[arg(long, value_name = "NAME")]
    pub calendar: Option<String>,

    /// List the calendar (and holiday file) of this policy: a built-in one (amex-no, psd2) or
    /// the path of a TOML policy file
    #[arg(long, value_name = "NAME|PATH", env = "COMPLAINT_SLA_POLICY")]
    pub policy: Option<String>,

    /// List the calendar of this market of --policy (its name, or a value of the export's
    /// market column), with the market's holiday file
    #[arg(long, value_name = "NAME", requires = "policy")]
    pub market: Option<String>,

    /// A CSV file of closures, `date,name[,action]`, action `closed` (default) or `open` to
    /// remove a built-in closure (replaces the policy file's `holidays`)
    #[arg(long, value_name = "FILE", env = "COMPLAINT_SLA_HOLIDAYS")]
    pub holidays: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = CalendarFormat::Text)]
    pub format: CalendarFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalendarFormat {
    Text,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct DeadlineArgs {
    /// When the complaint was received: a date (2025-08-03, 03.08.2025) or a timestamp
    /// (2025-08-03T23:45:00Z, 2025-08-03 23:45+02:00, or local 2025-08-03 23:45). A slash
    /// date is accepted only when it reads one way (13/08/2025)
    #[arg(long, value_name = "DATE_OR_TIMESTAMP")]
    pub received: String,

    /// A built-in policy (amex-no: final limit 35 calendar days; psd2: 35 working days) or
    /// the path of a TOML policy file
    #[arg(
        long,
        value_name = "NAME|PATH",
        default_value = "amex-no",
        env = "COMPLAINT_SLA_POLICY"
    )]
    pub policy: String,

    /// Answer for a case of this market of the policy (its name, or a value of the export's
    /// market column): the market's calendar, time zone, limits and holiday file. --calendar
    /// and --holidays then change that market's
    #[arg(long, value_name = "NAME")]
    pub market: Option<String>,

    /// Use this calendar instead of the policy's (`calendar --help` lists them: no-bank,
    /// no-legal, se-bank, dk-bank, fi-bank, gb-eaw-bank, gb-sct-bank, gb-nir-bank, weekdays)
    #[arg(long, value_name = "NAME")]
    pub calendar: Option<String>,

    /// A CSV file of closures, `date,name[,action]` (replaces the policy file's `holidays`)
    #[arg(long, value_name = "FILE", env = "COMPLAINT_SLA_HOLIDAYS")]
    pub holidays: Option<PathBuf>,

    /// When the holding reply was sent (counts if on or before the first deadline)
    #[arg(long, value_name = "DATE")]
    pub holding_reply: Option<String>,

    /// When the complaint was resolved (the final answer sent)
    #[arg(long, value_name = "DATE")]
    pub resolved: Option<String>,

    /// Assess the complaint as it stood at the end of this date; a resolution after it is
    /// not yet known
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    #[arg(long, value_enum, default_value_t = DeadlineFormat::Text)]
    pub format: DeadlineFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeadlineFormat {
    Text,
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
