//! Reading complaint exports into one table of valid rows, and accounting for every other row.
//!
//! Each input is decoded (UTF-8 with or without BOM, streamed in blocks; UTF-16 and
//! Windows-1252, read whole), its separator detected from the header line, and its headers matched to the canonical columns
//! ([`crate::columns`]). Every data row is then either pushed, typed, into column builders
//! (dates as days since 1970 in the policy's time zone) or recorded as a [`Reject`] with its
//! file, line, column and value. Duplicate case ids are settled last, across all inputs
//! ([`dedupe`]). So `rows_read = rows_valid + rejects.len()` holds by construction, and the
//! tests check it.

pub mod dedupe;
#[cfg(test)]
mod fuzz;
pub mod memory;
pub mod progress;
pub mod reader;
pub mod reject;
pub mod source;

use std::collections::HashMap;
use std::hash::Hasher;

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use polars::prelude::*;
use polars_io::SerReader;
use polars_io::parquet::read::ParquetReader;

use crate::business_days::epoch_days;
use crate::calendar::{Calendar, MAX_YEAR, year_in_range};
use crate::columns::{Canonical, ColumnMap, Resolved};
use crate::date_input;
use crate::deadline::Deadlines;
use crate::evaluate::ReportWindow;
use crate::policy::Policy;
use crate::text;
pub use reject::{Reject, RejectReason, Warning, WarningKind};
use sha2::{Digest, Sha256};
pub use source::InputSource;
use source::Opened;

/// The EU online dispute resolution platform was shut down on this date (Regulation (EU)
/// 2024/3228); a referral to it dated later is a data error.
pub const ODR_SHUTDOWN: NaiveDate = match NaiveDate::from_ymd_opt(2025, 7, 20) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// Names of the typed columns of the valid-rows table.
pub mod col_names {
    pub const CASE_ID: &str = "case_id";
    pub const RECEIVED: &str = "received_date";
    pub const HOLDING_REPLY: &str = "holding_reply_date";
    pub const RESOLVED: &str = "resolved_date";
    pub const REFERRED: &str = "referred_date";
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
    /// Keep the free text (descriptive and carried columns) of only the rows this window
    /// shows; `None` keeps every row's.
    pub keep_text: Option<ReportWindow>,
    /// Show a progress line on stderr while a large input is read (a terminal, not `-q`).
    pub progress: bool,
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
    /// In input order, then line order.
    pub rejects: Vec<Reject>,
    pub warnings: Vec<Warning>,
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
        let opened = source.open(|size, reading| {
            memory_needed = memory::check(&name, size, reading, memory_needed)?;
            Ok(())
        })?;
        let summary = read_input(file_index as u32, &name, opened, options, &mut sink)
            .with_context(|| format!("input {name}"))?;
        inputs.push(summary);
    }
    let file_names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
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
            let mut hasher = Sha256::new();
            hasher.update(&stream.bom);
            let csv = read_csv(
                file_index,
                name,
                CsvInput {
                    reader: stream.file,
                    header_line: &stream.header_line,
                    hasher: Some(hasher),
                    size_hint: stream.len,
                },
                options,
                sink,
            )?;
            let bytes = csv.bytes + stream.bom.len() as u64;
            if bytes != stream.len {
                bail!(
                    "the file changed while it was read ({} bytes at first, {bytes} bytes then)",
                    stream.len
                );
            }
            Ok(InputSummary {
                name: name.to_string(),
                sha256: csv.sha256.unwrap_or_default(),
                bytes,
                rows_read: csv.rows_read,
                format: "csv",
                encoding: encoding_rs::UTF_8.name(),
                separator: Some(csv.separator as char),
            })
        }
        Opened::Whole(bytes) => {
            // The SHA-256 is computed on the second core while the rows are read.
            let (summary, sha256) = std::thread::scope(|scope| {
                let sha256 = scope.spawn(|| source::sha256_hex(&bytes));
                let summary = if source::is_parquet(&bytes) {
                    read_parquet(file_index, name, &bytes, options, sink)
                } else {
                    let decoded = text::decode(&bytes);
                    let header_line = decoded.text.lines().next().unwrap_or("");
                    read_csv(
                        file_index,
                        name,
                        CsvInput {
                            reader: decoded.text.as_bytes(),
                            header_line,
                            hasher: None,
                            size_hint: bytes.len() as u64,
                        },
                        options,
                        sink,
                    )
                    .map(|csv| InputSummary {
                        name: name.to_string(),
                        sha256: String::new(),
                        bytes: bytes.len() as u64,
                        rows_read: csv.rows_read,
                        format: "csv",
                        encoding: decoded.encoding,
                        separator: Some(csv.separator as char),
                    })
                };
                (summary, sha256.join())
            });
            let mut summary = summary?;
            summary.sha256 = sha256.map_err(|_| anyhow::anyhow!("hashing failed"))?;
            Ok(summary)
        }
    }
}

/// Picks the separator of a header line: the most frequent of `,` `;` and tab outside quotes
/// (a comma on a tie, and for a one-column file).
pub fn detect_separator(header_line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// CSV text to read, as a reader.
struct CsvInput<'h, R> {
    reader: R,
    /// The start of the first line, for the separator.
    header_line: &'h str,
    /// Hashes the bytes as they are read (it has already seen a byte-order mark).
    hasher: Option<Sha256>,
    /// The size of the input in bytes, to reserve room for its rows.
    size_hint: u64,
}

/// What reading a CSV input found.
struct CsvRead {
    rows_read: u64,
    separator: u8,
    bytes: u64,
    sha256: Option<String>,
}

fn read_csv<R: std::io::Read + Send>(
    file_index: u32,
    name: &str,
    mut input: CsvInput<R>,
    options: &IngestOptions,
    sink: &mut RowSink,
) -> Result<CsvRead> {
    // The SHA-256 on a thread of its own, fed the blocks as they are read.
    std::thread::scope(|scope| {
        let (hash, hasher) = match input.hasher.take() {
            Some(sha) => {
                let (tx, handle) = reader::spawn_hasher(scope, sha);
                (Some(tx), Some(handle))
            }
            None => (None, None),
        };
        let parsed = parse_csv(file_index, name, input, hash, options, sink);
        let sha256 = hasher
            .map(|h| h.join())
            .transpose()
            .map_err(|_| anyhow::anyhow!("hashing failed"))?;
        let (rows_read, separator, bytes) = parsed?;
        Ok(CsvRead {
            rows_read,
            separator,
            bytes,
            sha256,
        })
    })
}

/// Parses and validates the rows of a CSV input: (rows read, separator, bytes read).
fn parse_csv<R: std::io::Read + Send>(
    file_index: u32,
    name: &str,
    input: CsvInput<R>,
    hash: Option<reader::HashSender>,
    options: &IngestOptions,
    sink: &mut RowSink,
) -> Result<(u64, u8, u64)> {
    let separator = detect_separator(input.header_line);
    let window = reader::SharedWindow::default();
    let feed = reader::Feed::new(input.reader, hash, window.clone());
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(true)
        .buffer_capacity(1 << 16)
        .from_reader(feed);
    let headers: Vec<String> = reader
        .headers()
        .context("cannot read the header line")?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        bail!("the file is empty or has no header line");
    }
    let header_bytes = reader.position().byte();
    let resolved = options
        .columns
        .resolve(&headers)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut layout = FileLayout::new(file_index, name, &headers, resolved, sink);
    layout.separator = separator as char;
    sink.reserve(estimate_rows(input.size_hint, header_bytes, headers.len()));
    let mut rows_read = 0u64;
    // Two stages on two cores: a thread splits the text into records (with their line
    // numbers and fingerprints), this one validates them. Batches go back to the parser to
    // be reused.
    const BATCH: usize = 1024;
    type Batch = Vec<(csv::StringRecord, u64, [u64; 2])>;
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Result<Batch>>(4);
    let (empty_tx, empty_rx) = std::sync::mpsc::channel::<Batch>();
    let layout = &layout;
    let feed = std::thread::scope(|scope| -> Result<reader::Feed<R>> {
        let parser = scope.spawn(move || {
            loop {
                let mut batch = empty_rx
                    .try_recv()
                    .unwrap_or_else(|_| vec![(csv::StringRecord::new(), 0, [0; 2]); BATCH]);
                batch.resize_with(BATCH, || (csv::StringRecord::new(), 0, [0; 2]));
                let mut filled = 0;
                while filled < BATCH {
                    let (record, line, print) = &mut batch[filled];
                    match reader.read_record(record) {
                        Ok(true) => {
                            let byte = record.position().map_or(0, |p| p.byte());
                            *line = reader::line_at(&window, byte);
                            *print = fingerprint(layout, record);
                            filled += 1;
                        }
                        Ok(false) => break,
                        Err(e) => {
                            let line = e.position().map_or(0, |p| p.line());
                            let _ = full_tx
                                .send(Err(anyhow::anyhow!("line {line}: not valid CSV: {e}")));
                            return reader;
                        }
                    }
                }
                let done = filled < BATCH;
                batch.truncate(filled);
                if (!batch.is_empty() && full_tx.send(Ok(batch)).is_err()) || done {
                    return reader;
                }
            }
        });
        let mut progress = progress::Progress::start(name, input.size_hint, options.progress);
        for batch in full_rx {
            let batch = batch?;
            for (record, line, print) in &batch {
                rows_read += 1;
                sink.push(layout, record, *line, *print, options);
            }
            if let (Some(progress), Some((record, _, _))) = (&mut progress, batch.last()) {
                progress.update(record.position().map_or(0, |p| p.byte()));
            }
            let _ = empty_tx.send(batch);
        }
        let reader = parser
            .join()
            .map_err(|_| anyhow::anyhow!("the CSV parser failed"))?;
        Ok(reader.into_inner())
    })?;
    Ok((rows_read, separator, feed.finish()))
}

/// About how many rows an input of `size` bytes holds, guessed from its header line (a data
/// row is rarely shorter than the header, or than 12 bytes a field); it only reserves room.
fn estimate_rows(size: u64, header_bytes: u64, fields: usize) -> usize {
    let per_row = header_bytes.max(fields as u64 * 12).max(16);
    (size / per_row).min(50_000_000) as usize
}

/// Reads a Parquet file through the same row validation as CSV: each column is turned into
/// text once (typed dates and timestamps formatted exactly; a timestamp with a time zone as a
/// UTC instant), then each row is checked as a CSV record would be. Its "line" is the row
/// number, from 1.
fn read_parquet(
    file_index: u32,
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
    sink: &mut RowSink,
) -> Result<InputSummary> {
    let frame = ParquetReader::new(std::io::Cursor::new(bytes))
        .finish()
        .map_err(|e| anyhow::anyhow!("not a readable Parquet file: {e}"))?;
    let headers: Vec<String> = frame
        .get_column_names()
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let resolved = options
        .columns
        .resolve(&headers)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let layout = FileLayout::new(file_index, name, &headers, resolved, sink);
    let text: Vec<StringChunked> = frame
        .columns()
        .iter()
        .map(column_as_text)
        .collect::<Result<_>>()?;
    let mut record = csv::StringRecord::new();
    for row in 0..frame.height() {
        record.clear();
        for column in &text {
            record.push_field(column.get(row).unwrap_or(""));
        }
        let print = fingerprint(&layout, &record);
        sink.push(&layout, &record, row as u64 + 1, print, options);
    }
    Ok(InputSummary {
        name: name.to_string(),
        sha256: String::new(),
        bytes: bytes.len() as u64,
        rows_read: frame.height() as u64,
        format: "parquet",
        encoding: "parquet",
        separator: None,
    })
}

/// A Parquet column as the text the date parser and the reports expect.
fn column_as_text(column: &Column) -> Result<StringChunked> {
    Ok(match column.dtype() {
        DataType::String => column.str()?.clone(),
        DataType::Datetime(unit, zone) => {
            let per_second: i64 = match unit {
                TimeUnit::Nanoseconds => 1_000_000_000,
                TimeUnit::Microseconds => 1_000_000,
                TimeUnit::Milliseconds => 1_000,
            };
            let utc = zone.is_some();
            let physical = column.cast(&DataType::Int64)?;
            physical
                .i64()?
                .iter()
                .map(|value| {
                    value.and_then(|v| {
                        let secs = v.div_euclid(per_second);
                        let nanos =
                            (v.rem_euclid(per_second) * (1_000_000_000 / per_second)) as u32;
                        chrono::DateTime::from_timestamp(secs, nanos).map(|t| {
                            let t = t.naive_utc();
                            if utc {
                                format!("{}Z", t.format("%Y-%m-%dT%H:%M:%S%.f"))
                            } else {
                                t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
                            }
                        })
                    })
                })
                .collect()
        }
        _ => column.cast(&DataType::String)?.str()?.clone(),
    })
}

/// How one file's fields map to the sink's columns.
struct FileLayout {
    file_index: u32,
    name: String,
    header_len: usize,
    /// The separator a ragged row's fields are shown joined with, as in the file.
    separator: char,
    /// The field index of each canonical column present, by `Canonical as usize`.
    fields: [Option<usize>; Canonical::ALL.len()],
    /// For each carried field of this file: (sink carried column, field index).
    carried: Vec<(usize, usize)>,
    /// The fields the duplicate fingerprint covers, with a hash of their column's name: the
    /// canonical columns in their order, then the carried ones by header name.
    print_fields: Vec<(u64, usize)>,
}

impl FileLayout {
    fn new(
        file_index: u32,
        name: &str,
        headers: &[String],
        resolved: Resolved,
        sink: &mut RowSink,
    ) -> Self {
        let mut carried = Vec::new();
        let mut carried_sorted = Vec::new();
        for &field in &resolved.carried {
            let header = if headers[field].is_empty() {
                format!("column_{}", field + 1)
            } else {
                headers[field].clone()
            };
            carried.push((sink.carried_column(&header), field));
            carried_sorted.push((header, field));
        }
        carried_sorted.sort();
        let name_hash = |name: &str| {
            let mut h = Mix128::default();
            h.write(name.as_bytes());
            h.finish()
        };
        let print_fields = Canonical::ALL
            .iter()
            .filter_map(|&c| resolved.index.get(&c).map(|&i| (name_hash(c.name()), i)))
            .chain(carried_sorted.iter().map(|(h, i)| (name_hash(h), *i)))
            .collect();
        let mut fields = [None; Canonical::ALL.len()];
        for (&column, &field) in &resolved.index {
            fields[column as usize] = Some(field);
        }
        FileLayout {
            fields,
            file_index,
            name: name.to_string(),
            separator: ',',
            header_len: headers.len(),
            carried,
            print_fields,
        }
    }

    fn field<'r>(&self, record: &'r csv::StringRecord, column: Canonical) -> Option<&'r str> {
        self.fields[column as usize].map(|i| record.get(i).unwrap_or("").trim())
    }
}

/// Rows pushed so far, column by column.
struct RowSink {
    case_id: StringChunkedBuilder,
    received: Vec<i32>,
    holding_reply: Vec<Option<i32>>,
    resolved: Vec<Option<i32>>,
    referred: Vec<Option<i32>>,
    descriptive: Vec<StringChunkedBuilder>,
    carried_names: Vec<String>,
    carried: Vec<StringChunkedBuilder>,
    /// Rows pushed to `descriptive` and `carried` so far.
    text_len: u32,
    text_rows: Vec<Option<u32>>,
    keep_text: Option<ReportWindow>,
    file: Vec<u32>,
    line: Vec<u64>,
    fingerprints: Vec<[u64; 2]>,
    rejects: Vec<(u32, Reject)>,
    /// Fingerprints of rejected rows that have a case id, for the duplicate check.
    rejected_keys: Vec<(String, [u64; 2])>,
    warnings: Vec<(u32, Warning)>,
    /// Receipts on or after this date are checked against the end of the calendar.
    late_receipt_check_from: NaiveDate,
    tz: Tz,
}

impl RowSink {
    fn new(options: &IngestOptions) -> Self {
        let policy = options.policy;
        let longest = policy.first_limit.max(policy.final_limit) as i32;
        // 200 working days take at most a calendar year and a bit; check a margin generously.
        let years = longest / 150 + 1;
        RowSink {
            case_id: StringChunkedBuilder::new(col_names::CASE_ID.into(), 0),
            received: Vec::new(),
            holding_reply: Vec::new(),
            resolved: Vec::new(),
            referred: Vec::new(),
            descriptive: Canonical::DESCRIPTIVE
                .iter()
                .map(|c| StringChunkedBuilder::new(c.name().into(), 0))
                .collect(),
            carried_names: Vec::new(),
            carried: Vec::new(),
            text_len: 0,
            text_rows: Vec::new(),
            keep_text: options.keep_text,
            file: Vec::new(),
            line: Vec::new(),
            fingerprints: Vec::new(),
            rejects: Vec::new(),
            rejected_keys: Vec::new(),
            warnings: Vec::new(),
            late_receipt_check_from: NaiveDate::from_ymd_opt(MAX_YEAR - years, 1, 1)
                .expect("valid date"),
            tz: policy.time_zone,
        }
    }

    /// Reserves room for about `rows` more rows, so that a large input does not grow (and
    /// copy) its columns step by step.
    fn reserve(&mut self, rows: usize) {
        self.received.reserve(rows);
        self.holding_reply.reserve(rows);
        self.resolved.reserve(rows);
        self.referred.reserve(rows);
        self.text_rows.reserve(rows);
        self.file.reserve(rows);
        self.line.reserve(rows);
        self.fingerprints.reserve(rows);
    }

    /// The sink column for a carried header, created (filled with nulls so far) if new.
    fn carried_column(&mut self, header: &str) -> usize {
        if let Some(i) = self.carried_names.iter().position(|n| n == header) {
            return i;
        }
        let rows = self.text_len as usize;
        let mut builder = StringChunkedBuilder::new(header.into(), rows);
        for _ in 0..rows {
            builder.append_null();
        }
        self.carried_names.push(header.to_string());
        self.carried.push(builder);
        self.carried.len() - 1
    }

    fn reject(&mut self, layout: &FileLayout, reject: Reject) {
        self.rejects.push((layout.file_index, reject));
    }

    fn push(
        &mut self,
        layout: &FileLayout,
        record: &csv::StringRecord,
        line: u64,
        fingerprint: [u64; 2],
        options: &IngestOptions,
    ) {
        let case_id = layout.field(record, Canonical::CaseId).unwrap_or("");
        if record.len() != layout.header_len {
            let detail = format!(
                "{} fields where the header has {}",
                record.len(),
                layout.header_len
            );
            let value = record
                .iter()
                .collect::<Vec<_>>()
                .join(&layout.separator.to_string());
            let reject = row_reject(
                layout,
                line,
                case_id,
                RejectReason::WrongFieldCount,
                "",
                &value,
                detail,
            );
            self.reject(layout, reject);
            return;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            let reject = row_reject(
                layout,
                line,
                "",
                RejectReason::EmptyRow,
                "",
                "",
                "every field is empty".into(),
            );
            self.reject(layout, reject);
            return;
        }
        if case_id.is_empty() {
            let column = Canonical::CaseId.name();
            let reject = row_reject(
                layout,
                line,
                "",
                RejectReason::MissingCaseId,
                column,
                "",
                "the case id is blank".into(),
            );
            self.reject(layout, reject);
            return;
        }
        match self.validate(layout, record, case_id, line, options) {
            Ok(row) => self.push_valid(layout, record, case_id, line, row, fingerprint),
            Err(reject) => {
                self.rejected_keys.push((case_id.to_string(), fingerprint));
                self.reject(layout, *reject);
            }
        }
    }

    fn validate(
        &mut self,
        layout: &FileLayout,
        record: &csv::StringRecord,
        case_id: &str,
        line: u64,
        options: &IngestOptions,
    ) -> Result<TypedDates, Box<Reject>> {
        let tz = self.tz;
        let reject = |reason: RejectReason, column: Canonical, value: &str, detail: String| {
            Box::new(row_reject(
                layout,
                line,
                case_id,
                reason,
                column.name(),
                value,
                detail,
            ))
        };
        let date = |column: Canonical| -> Result<Option<NaiveDate>, Box<Reject>> {
            let raw = match layout.field(record, column) {
                Some(raw) if !raw.is_empty() => raw,
                _ => return Ok(None),
            };
            let parsed = date_input::parse(raw).map_err(|e| {
                reject(
                    RejectReason::UnparseableDate,
                    column,
                    raw,
                    e.reason().to_string(),
                )
            })?;
            let date = parsed.local_date(tz);
            if !year_in_range(date.year()) {
                return Err(reject(
                    RejectReason::DateOutOfRange,
                    column,
                    raw,
                    format!("{date} is outside the supported years 1900 to 2199"),
                ));
            }
            Ok(Some(date))
        };
        let received = date(Canonical::ReceivedAt)?.ok_or_else(|| {
            reject(
                RejectReason::MissingReceivedDate,
                Canonical::ReceivedAt,
                "",
                "the receipt date is blank".into(),
            )
        })?;
        let holding_reply = date(Canonical::HoldingReplyAt)?;
        let resolved = date(Canonical::ResolvedAt)?;
        let referred = date(Canonical::ReferredAt)?;
        let raw = |column: Canonical| layout.field(record, column).unwrap_or("");
        if let Some(h) = holding_reply.filter(|h| *h < received) {
            return Err(reject(
                RejectReason::HoldingReplyBeforeReceived,
                Canonical::HoldingReplyAt,
                raw(Canonical::HoldingReplyAt),
                format!("holding reply {h} is before the receipt date {received}"),
            ));
        }
        if let Some(r) = resolved.filter(|r| *r < received) {
            return Err(reject(
                RejectReason::ResolvedBeforeReceived,
                Canonical::ResolvedAt,
                raw(Canonical::ResolvedAt),
                format!("resolution {r} is before the receipt date {received}"),
            ));
        }
        if received >= self.late_receipt_check_from
            && let Err(e) = Deadlines::compute(options.policy, options.calendar, received)
        {
            return Err(reject(
                RejectReason::DateOutOfRange,
                Canonical::ReceivedAt,
                raw(Canonical::ReceivedAt),
                format!("its deadlines fall beyond the calendar: {e}"),
            ));
        }
        if let (Some(h), Some(r)) = (holding_reply, resolved)
            && h > r
        {
            self.warnings.push((
                layout.file_index,
                Warning {
                    file: layout.name.clone(),
                    line,
                    case_id: case_id.to_string(),
                    kind: WarningKind::HoldingReplyAfterResolution,
                    column: Canonical::HoldingReplyAt.name().to_string(),
                    value: raw(Canonical::HoldingReplyAt).to_string(),
                },
            ));
        }
        let referral = raw(Canonical::ReferredTo);
        if is_odr(referral) {
            // The referral's own date when the export has one, else the latest date known.
            let dated = referred.or(resolved).unwrap_or(received);
            if dated > ODR_SHUTDOWN {
                self.warnings.push((
                    layout.file_index,
                    Warning {
                        file: layout.name.clone(),
                        line,
                        case_id: case_id.to_string(),
                        kind: WarningKind::ReferralAfterOdrShutdown,
                        column: Canonical::ReferredTo.name().to_string(),
                        value: format!("{referral} ({dated})"),
                    },
                ));
            }
        }
        Ok(TypedDates {
            received,
            holding_reply,
            resolved,
            referred,
        })
    }

    fn push_valid(
        &mut self,
        layout: &FileLayout,
        record: &csv::StringRecord,
        case_id: &str,
        line: u64,
        dates: TypedDates,
        fingerprint: [u64; 2],
    ) {
        self.case_id.append_value(case_id);
        self.received.push(epoch_days(dates.received));
        self.holding_reply.push(dates.holding_reply.map(epoch_days));
        self.resolved.push(dates.resolved.map(epoch_days));
        self.referred.push(dates.referred.map(epoch_days));
        self.file.push(layout.file_index);
        self.line.push(line);
        self.fingerprints.push(fingerprint);
        let keep = self
            .keep_text
            .is_none_or(|w| w.shows(dates.received, dates.resolved));
        if !keep {
            self.text_rows.push(None);
            return;
        }
        self.text_rows.push(Some(self.text_len));
        self.text_len += 1;
        for (builder, column) in self.descriptive.iter_mut().zip(Canonical::DESCRIPTIVE) {
            builder.append_option(layout.field(record, column).filter(|v| !v.is_empty()));
        }
        let mut filled = vec![false; self.carried.len()];
        for &(column, field) in &layout.carried {
            let value = record.get(field).unwrap_or("").trim();
            self.carried[column].append_option((!value.is_empty()).then_some(value));
            filled[column] = true;
        }
        for (builder, _) in self.carried.iter_mut().zip(&filled).filter(|(_, f)| !**f) {
            builder.append_null();
        }
    }

    fn finish(self, inputs: Vec<InputSummary>, file_names: &[String]) -> Result<Ingested> {
        let RowSink {
            case_id,
            received,
            holding_reply,
            resolved,
            referred,
            descriptive,
            carried_names,
            carried,
            text_rows,
            file,
            line,
            fingerprints,
            mut rejects,
            rejected_keys,
            mut warnings,
            ..
        } = self;
        let case_id = case_id.finish().into_series();
        let verdicts = dedupe::settle(&case_id, &fingerprints, &rejected_keys)?;
        drop((fingerprints, rejected_keys));
        let mut keep = vec![true; case_id.len()];
        for (row, reason) in verdicts {
            keep[row] = false;
            let file_index = file[row];
            rejects.push((
                file_index,
                Reject {
                    file: file_names[file_index as usize].clone(),
                    line: line[row],
                    case_id: case_id.str()?.get(row).unwrap_or("").to_string(),
                    reason,
                    column: Canonical::CaseId.name().to_string(),
                    value: case_id.str()?.get(row).unwrap_or("").to_string(),
                    detail: match reason {
                        RejectReason::Duplicate => "an exact copy of an earlier row".into(),
                        _ => "other rows have this case id with different content".into(),
                    },
                },
            ));
        }
        let date_column = |name: &str, values: Vec<Option<i32>>| -> Result<Column> {
            Ok(Series::new(name.into(), values)
                .cast(&DataType::Date)?
                .into())
        };
        let mut columns: Vec<Column> = vec![
            case_id.into(),
            Series::new(col_names::RECEIVED.into(), received)
                .cast(&DataType::Date)?
                .into(),
            date_column(col_names::HOLDING_REPLY, holding_reply)?,
            date_column(col_names::RESOLVED, resolved)?,
            date_column(col_names::REFERRED, referred)?,
        ];
        columns.push(Series::new(col_names::SOURCE_FILE.into(), file).into());
        columns.push(Series::new(col_names::SOURCE_LINE.into(), line).into());
        columns.push(Series::new(col_names::TEXT_ROW.into(), text_rows).into());
        let frame = DataFrame::new_infer_height(columns)?;
        let rows = if keep.iter().all(|k| *k) {
            frame
        } else {
            frame.filter(&BooleanChunked::from_slice("keep".into(), &keep))?
        };

        let mut text_columns: Vec<Column> = descriptive
            .into_iter()
            .map(|b| b.finish().into_series().into())
            .collect();
        let reserved: Vec<String> = rows
            .get_column_names()
            .into_iter()
            .chain(text_columns.iter().map(|c| c.name()))
            .map(|s| s.to_string())
            .collect();
        let mut carried_out = Vec::new();
        for (builder, name) in carried.into_iter().zip(carried_names) {
            // A carried header that clashes with a computed column keeps its data under a
            // prefixed name.
            let name =
                if reserved.contains(&name) || crate::evaluate::COMPUTED.contains(&name.as_str()) {
                    format!("input_{name}")
                } else {
                    name
                };
            carried_out.push(name.clone());
            text_columns.push(builder.finish().into_series().with_name(name.into()).into());
        }
        let texts = DataFrame::new_infer_height(text_columns)?;

        rejects.sort_by_key(|(file, r)| (*file, r.line));
        warnings.sort_by_key(|(file, w)| (*file, w.line));
        Ok(Ingested {
            inputs,
            rows,
            texts,
            carried: carried_out,
            rejects: rejects.into_iter().map(|(_, r)| r).collect(),
            warnings: warnings.into_iter().map(|(_, w)| w).collect(),
        })
    }
}

fn row_reject(
    layout: &FileLayout,
    line: u64,
    case_id: &str,
    reason: RejectReason,
    column: &str,
    value: &str,
    detail: String,
) -> Reject {
    Reject {
        file: layout.name.clone(),
        line,
        case_id: case_id.to_string(),
        reason,
        column: column.to_string(),
        value: value.to_string(),
        detail,
    }
}

struct TypedDates {
    received: NaiveDate,
    holding_reply: Option<NaiveDate>,
    resolved: Option<NaiveDate>,
    referred: Option<NaiveDate>,
}

/// A 128-bit fingerprint of a row's content: the canonical fields by name and the carried
/// fields by header, empty ones left out, so the same row from two differently laid-out
/// exports has the same fingerprint.
fn fingerprint(layout: &FileLayout, record: &csv::StringRecord) -> [u64; 2] {
    let mut h = Mix128::default();
    for &(name, field) in &layout.print_fields {
        let value = record.get(field).unwrap_or("").trim();
        if !value.is_empty() {
            h.word(name);
            h.word(value.len() as u64);
            h.write(value.as_bytes());
        }
    }
    h.finish128()
}

/// A fast 128-bit hash for row fingerprints: two 64-bit multiply-xorshift lanes with
/// different constants over 8-byte words. Not for adversaries (the duplicate check compares
/// content a bank exported, not input crafted to collide), and stable across runs.
#[derive(Default)]
struct Mix128 {
    a: u64,
    b: u64,
    len: u64,
}

impl Mix128 {
    const KA: u64 = 0x9E37_79B9_7F4A_7C15;
    const KB: u64 = 0xC2B2_AE3D_27D4_EB4F;

    fn word(&mut self, w: u64) {
        self.a = (self.a ^ w).wrapping_mul(Self::KA).rotate_left(29);
        self.b = (self.b ^ w.rotate_left(17))
            .wrapping_mul(Self::KB)
            .rotate_left(31);
    }

    fn finish128(&self) -> [u64; 2] {
        let avalanche = |mut z: u64| {
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        [
            avalanche(self.a ^ self.len),
            avalanche(self.b.wrapping_add(self.len)),
        ]
    }
}

impl Hasher for Mix128 {
    fn write(&mut self, bytes: &[u8]) {
        self.len = self.len.wrapping_add(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.word(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            // The length in the top byte keeps "a" + "" apart from "a\0".
            last[7] ^= rest.len() as u8 ^ 0x80;
            self.word(u64::from_le_bytes(last));
        }
    }

    fn finish(&self) -> u64 {
        self.finish128()[0]
    }
}

/// Whether a referral names the EU online dispute resolution platform.
fn is_odr(referral: &str) -> bool {
    if referral.is_empty() {
        return false;
    }
    let lower = referral.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word == "odr")
        || lower.contains("nettplattform")
        || lower.contains("online dispute")
        || lower.contains("tvisteløsning på nett")
}

/// Counts per key, in first-seen order of `keys` (for summaries).
pub fn count_by<K: Copy + Eq + std::hash::Hash>(keys: impl Iterator<Item = K>) -> HashMap<K, u64> {
    let mut counts = HashMap::new();
    for key in keys {
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use std::hash::Hash;

    fn mix(parts: &[&str]) -> [u64; 2] {
        let mut h = Mix128::default();
        for p in parts {
            p.hash(&mut h);
        }
        h.finish128()
    }

    #[test]
    fn fingerprints_tell_field_boundaries_and_lengths_apart() {
        assert_eq!(mix(&["KL-1", "2025-03-03"]), mix(&["KL-1", "2025-03-03"]));
        assert_ne!(mix(&["ab", "c"]), mix(&["a", "bc"]));
        assert_ne!(mix(&["a"]), mix(&["a\0"]));
        assert_ne!(mix(&["12345678"]), mix(&["12345679"]));
        assert_ne!(mix(&[""]), mix(&[]));
        let [a, b] = mix(&["same"]);
        assert_ne!(a, b, "two independent lanes");
    }

    use super::*;

    #[test]
    fn separators_from_the_header_line() {
        assert_eq!(detect_separator("case_id,received_at,resolved_at"), b',');
        assert_eq!(detect_separator("Saksnummer;Mottatt dato;Løst"), b';');
        assert_eq!(detect_separator("case_id\treceived_at"), b'\t');
        assert_eq!(detect_separator("\"Sak, nummer\";Mottatt"), b';');
        assert_eq!(detect_separator("case_id"), b',');
    }

    #[test]
    fn odr_referrals() {
        for yes in [
            "EU ODR",
            "ODR-plattformen",
            "EUs nettplattform for klager",
            "Online Dispute Resolution",
        ] {
            assert!(is_odr(yes), "{yes}");
        }
        for no in [
            "Finansklagenemnda",
            "Forbrukerrådet",
            "tingrett",
            "",
            "Godrej",
        ] {
            assert!(!is_odr(no), "{no}");
        }
    }
}
