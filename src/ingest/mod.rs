//! Reading complaint exports into one table of valid rows, and accounting for every other row.
//!
//! Each source turns a file into records with their positions: CSV ([`csv_input`]: UTF-8
//! with or without BOM, streamed in blocks; UTF-16 and Windows-1252, read whole),
//! spreadsheets ([`sheet_input`]: xlsx, xlsm, xls, ods) and Parquet ([`parquet_input`]). Its
//! headers are matched to the canonical columns ([`crate::columns`]) and the order of its
//! slash dates decided ([`date_order`]). One place, [`rows`], then either pushes each record,
//! typed, into column builders (dates as days since 1970 in the policy's time zone) or records
//! it as a [`Reject`] with its file, line, column and value. Duplicate case ids are settled
//! last, across all inputs ([`dedupe`]). So `rows_read = rows_valid + rejects.len()` holds by
//! construction, and the tests check it.

mod csv_input;
pub mod date_order;
pub mod dedupe;
mod fingerprint;
#[cfg(test)]
mod fuzz;
pub mod halves;
mod hash;
mod look_alike;
pub mod memory;
mod number_format;
mod ods;
mod parquet_input;
pub mod progress;
pub mod reader;
mod record;
pub mod reject;
mod rows;
mod sheet_input;
pub mod source;
mod splitter;
mod text_builder;
mod validate;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use polars::prelude::*;

use crate::calendar::Calendar;
use crate::columns::{AbsentColumn, ColumnMap};
use crate::date_input::DateOrder;
use crate::policy::Policy;
use crate::report_window::ReportWindow;
use crate::text;
use date_order::{DateOrderNote, Prescan, Survey};
pub use reject::{DateRead, Reject, RejectReason, RowSpan, Warning, WarningKind};
use rows::RowSink;
pub use source::InputSource;
use source::Opened;

/// Names of the typed columns of the valid-rows table.
pub mod col_names {
    pub const CASE_ID: &str = "case_id";
    pub const RECEIVED: &str = "received_date";
    pub const HOLDING_REPLY: &str = "holding_reply_date";
    pub const RESOLVED: &str = "resolved_date";
    pub const REFERRED: &str = "referred_date";
    /// The redress paid, in minor units (øre); only when an input has the column.
    pub const REDRESS: &str = "redress_amount";
    pub const SOURCE_FILE: &str = "source_file";
    pub const SOURCE_LINE: &str = "source_line";
    /// The row of [`super::Ingested::texts`] holding this row's free text, if kept.
    pub const TEXT_ROW: &str = "text_row";
}

/// What ingest needs from the policy.
pub struct IngestOptions<'a> {
    pub columns: &'a ColumnMap,
    pub policy: &'a Policy,
    pub calendar: &'a Calendar,
    /// The markets cases belong to: each row's market decides its time zone and calendar.
    pub markets: &'a crate::market::Markets,
    /// Keep the free text (descriptive and carried columns) of only the rows this window
    /// shows; `None` keeps every row's.
    pub keep_text: Option<ReportWindow>,
    /// Show a progress line on stderr while a large input is read (a terminal, not `-q`).
    pub progress: bool,
    /// The order of day and month in year-last slash dates, as the user gave it; checked
    /// against each file's data, and decided from it when not given.
    pub date_order: Option<DateOrder>,
    /// The worksheet to read in a spreadsheet input (default: the first).
    pub sheet: Option<&'a str>,
    /// The day of the run: each input's newest date is taken up to it (a later one is a typo).
    pub today: Option<NaiveDate>,
    /// CSV text of this many bytes or more is read in two halves, one on each core
    /// ([`halves::SPLIT_FROM`]; the result is the same either way).
    pub split_from: u64,
}

impl<'a> IngestOptions<'a> {
    /// The same options reading one file with `columns` (its look-alike headers settled).
    fn with_columns<'b>(&'b self, columns: &'b ColumnMap) -> IngestOptions<'b> {
        IngestOptions {
            columns,
            policy: self.policy,
            calendar: self.calendar,
            markets: self.markets,
            keep_text: self.keep_text,
            progress: self.progress,
            date_order: self.date_order,
            sheet: self.sheet,
            today: self.today,
            split_from: self.split_from,
        }
    }
}

/// One input as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSummary {
    pub name: String,
    pub sha256: String,
    pub bytes: u64,
    pub rows_read: u64,
    pub format: &'static str,
    pub encoding: &'static str,
    pub separator: Option<char>,
    /// How the order of its year-last slash dates was settled; `None` when it has none.
    pub date_order: Option<DateOrderNote>,
    /// The worksheet read, for a spreadsheet.
    pub sheet: Option<String>,
    /// Columns that change statuses and that no header of this input matched.
    pub absent: Vec<AbsentColumn>,
    /// Its header row, as read.
    pub headers: Vec<String>,
    /// How look-alike headers were settled (`Løst` beside `Løst dato`), one sentence each.
    pub column_choices: Vec<String>,
    /// Its newest receipt, holding reply or resolution date up to the day of the run.
    pub newest_date: Option<NaiveDate>,
}

/// Every input row, accounted for.
pub struct Ingested {
    pub inputs: Vec<InputSummary>,
    /// Valid rows, duplicates settled: the typed columns of [`col_names`].
    pub rows: DataFrame,
    /// The free text of the rows that kept it (see [`IngestOptions::keep_text`]), one row
    /// per `text_row`: the descriptive canonical columns by their canonical names, then the
    /// carried-through columns.
    pub texts: DataFrame,
    /// Names of the carried-through columns, in first-seen order.
    pub carried: Vec<String>,
    /// Each carried column's header as the export has it (`reason` for a column carried as
    /// `input_reason_2`), in the same order: what `--keep` and `--personal` name.
    pub carried_headers: Vec<String>,
    /// In input order, then line order.
    pub rejects: Vec<Reject>,
    /// Remarks on the valid rows, in input order, then line order.
    pub warnings: Vec<Warning>,
    /// Valid rows of an earlier input whose case a later input also has: the later row is
    /// the case as it stands ([`dedupe`]). Neither evaluated nor rejected.
    pub rows_superseded: u64,
    /// Cases whose row in a later input differs from an earlier input's.
    pub cases_updated: u64,
    /// Dates read from timestamps with an offset (`2025-12-03T23:30:00Z`): the day they fall
    /// on depends on the policy's time zone.
    pub zoned_timestamps: u64,
}

impl InputSummary {
    /// The name rows from this input carry in rejects and cases: the file, and for a
    /// spreadsheet the worksheet (`book.xlsx [Cases]`).
    pub fn rows_from(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{} [{sheet}]", self.name),
            None => self.name.clone(),
        }
    }
}

impl Ingested {
    pub fn rows_read(&self) -> u64 {
        self.inputs.iter().map(|i| i.rows_read).sum()
    }
}

/// Reads and validates every input.
pub fn ingest(sources: &[InputSource], options: &IngestOptions) -> Result<Ingested> {
    let mut sink = RowSink::new(options);
    let mut inputs = Vec::new();
    let mut memory_needed = 0;
    for (file_index, source) in sources.iter().enumerate() {
        let name = source.name();
        let opened = source.open(options.split_from, |size, reading| {
            memory_needed = memory::check(&name, size, reading, memory_needed)?;
            Ok(())
        })?;
        let mut summary = read_input(file_index as u32, &name, opened, options, &mut sink)
            .with_context(|| format!("input {name}"))?;
        summary.absent = sink.absent.get(file_index).cloned().unwrap_or_default();
        summary.headers = sink.headers.get(file_index).cloned().unwrap_or_default();
        summary
            .column_choices
            .extend(options.columns.case_number_note(&summary.headers));
        summary.newest_date = sink.newest_of(file_index as u32);
        inputs.push(summary);
    }
    let file_names: Vec<String> = inputs.iter().map(InputSummary::rows_from).collect();
    sink.finish(inputs, &file_names)
}

fn read_input(
    file_index: u32,
    name: &str,
    opened: Opened,
    options: &IngestOptions,
    sink: &mut RowSink,
) -> Result<InputSummary> {
    match opened {
        Opened::Stream(stream) => {
            let open = |at: u64| -> Result<std::fs::File> {
                let mut file = std::fs::File::open(&stream.path)
                    .with_context(|| format!("cannot read input file {name} (check the path, and that this user may read it)"))?;
                std::io::Seek::seek(
                    &mut file,
                    std::io::SeekFrom::Start(stream.bom.len() as u64 + at),
                )?;
                Ok(file)
            };
            let settled = csv_input::settle_look_alikes(|| open(0), &stream.header_line, options)?
                .unwrap_or_else(|| look_alike::Settled::none(options.columns));
            let options = &options.with_columns(&settled.columns);
            let survey = if stream.year_last_dates {
                csv_input::survey(open(0)?, &stream.header_line, options)?
            } else {
                Survey::default()
            };
            let date_order = survey.decide(options.date_order)?;
            let second_half = match stream.split {
                Some(split) => Some((open(split.at)?, split)),
                None => None,
            };
            let csv = csv_input::read_csv(
                file_index,
                name,
                csv_input::CsvInput {
                    reader: stream.file,
                    header_line: &stream.header_line,
                    size_hint: stream.len,
                    second_half,
                },
                date_order.as_ref().map(|n| n.order),
                options,
                sink,
            )?;
            let bytes = csv.bytes + stream.bom.len() as u64;
            // The same bytes, compared by their digests: a file touched or replaced by an
            // identical copy while it was read is not refused.
            if bytes != stream.len || csv.digests != stream.digests {
                bail!(
                    "the file changed while it was read ({} bytes at first, {bytes} bytes then{}): \
                     let the export finish, then run again",
                    stream.len,
                    if bytes == stream.len {
                        ", with other content than the first pass hashed"
                    } else {
                        ""
                    }
                );
            }
            Ok(InputSummary {
                name: name.to_string(),
                sha256: stream.sha256,
                bytes,
                rows_read: csv.rows_read,
                format: "csv",
                encoding: encoding_rs::UTF_8.name(),
                separator: Some(csv.separator as char),
                date_order,
                sheet: None,
                absent: Vec::new(),
                headers: Vec::new(),
                column_choices: settled.notes,
                newest_date: None,
            })
        }
        Opened::Whole(bytes) => {
            // The SHA-256 is computed on the second core while the rows are read.
            let (summary, sha256) = std::thread::scope(|scope| {
                let sha256 = scope.spawn(|| source::sha256_hex(&bytes));
                let summary = if source::is_parquet(&bytes) {
                    parquet_input::read_parquet(file_index, name, &bytes, options, sink)
                } else if let Some(kind) = sheet_input::kind_of(&bytes) {
                    sheet_input::read_sheet(file_index, name, kind, &bytes, options, sink)
                } else {
                    read_whole_csv(file_index, name, &bytes, options, sink)
                };
                (summary, sha256.join())
            });
            let mut summary = summary?;
            summary.sha256 = sha256.map_err(|_| anyhow::anyhow!("hashing failed"))?;
            Ok(summary)
        }
    }
}

/// Reads a CSV input held whole (standard input, UTF-16, Windows-1252), once decoded.
fn read_whole_csv(
    file_index: u32,
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
    sink: &mut RowSink,
) -> Result<InputSummary> {
    let decoded = text::decode(bytes);
    let header_line = decoded.text.lines().next().unwrap_or("");
    let settled =
        csv_input::settle_look_alikes(|| Ok(decoded.text.as_bytes()), header_line, options)?
            .unwrap_or_else(|| look_alike::Settled::none(options.columns));
    let options = &options.with_columns(&settled.columns);
    let survey = if Prescan::bytes(decoded.text.as_bytes()) {
        csv_input::survey(decoded.text.as_bytes(), header_line, options)?
    } else {
        Survey::default()
    };
    let date_order = survey.decide(options.date_order)?;
    let text = decoded.text.as_bytes();
    let second_half = halves::SplitFinder::new(text.len() as u64, options.split_from)
        .and_then(|mut finder| {
            finder.feed(0, text);
            finder.found()
        })
        .map(|split| (&text[split.at as usize..], split));
    let csv = csv_input::read_csv(
        file_index,
        name,
        csv_input::CsvInput {
            reader: text,
            header_line,
            size_hint: bytes.len() as u64,
            second_half,
        },
        date_order.as_ref().map(|n| n.order),
        options,
        sink,
    )?;
    Ok(InputSummary {
        name: name.to_string(),
        sha256: String::new(),
        bytes: bytes.len() as u64,
        rows_read: csv.rows_read,
        format: "csv",
        encoding: decoded.encoding,
        separator: Some(csv.separator as char),
        date_order,
        sheet: None,
        absent: Vec::new(),
        headers: Vec::new(),
        column_choices: settled.notes,
        newest_date: None,
    })
}
