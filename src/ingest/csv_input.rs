//! CSV input: the separator, Excel's `sep=` line, and the two-stage reader (records split on
//! one core, validated on the other) that feeds each record to the row sink.

use std::io::Read;

use anyhow::{Context, Result, bail};

use super::date_order::Survey;
use super::fingerprint::fingerprint;
use super::halves::{self, Split};
use super::record::{FileLayout, date_fields};
use super::rows::RowSink;
use super::{IngestOptions, progress, reader};
use crate::date_input::DateOrder;

/// The separator Excel's first line `sep=X` declares (Excel writes it, and reads a file that
/// has it, in locales whose list separator differs): `None` when the line is not one.
pub fn declared_separator(first_line: &str) -> Result<Option<u8>> {
    let line = first_line.trim_end_matches(['\r', '\n']);
    let line = line.trim_matches('"');
    let Some(rest) = line
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("sep="))
        .map(|_| &line[4..])
    else {
        return Ok(None);
    };
    match rest.as_bytes() {
        [b] if b.is_ascii() && !b.is_ascii_alphanumeric() && *b != b'"' => Ok(Some(*b)),
        // `sep=;;` is how the line reads when the separator is `;` and a program appended one
        // more empty field.
        [b, rest @ ..] if rest.iter().all(|r| r == b) && b.is_ascii_punctuation() => Ok(Some(*b)),
        _ => bail!(
            "line 1: '{line}' declares no single-character separator (Excel's sep= line, e.g. sep=;)"
        ),
    }
}

/// A CSV reader over `input`, positioned after the header line (and an Excel `sep=` line
/// before it), with the separator and the trimmed headers.
fn open_reader<R: Read>(input: R, first_line: &str) -> Result<(csv::Reader<R>, u8, Vec<String>)> {
    let declared = declared_separator(first_line)?;
    let separator = declared.unwrap_or_else(|| detect_separator(first_line));
    let mut reader = records(input, separator);
    let mut record = csv::StringRecord::new();
    let mut next = |reader: &mut csv::Reader<R>| {
        reader
            .read_record(&mut record)
            .context("cannot read the header line")
    };
    let mut found = next(&mut reader)?;
    if found && declared.is_some() {
        found = next(&mut reader)?;
        if !found {
            bail!("the file has Excel's sep= line but no header line after it");
        }
    }
    let headers: Vec<String> = record.iter().map(|h| h.trim().to_string()).collect();
    if !found || headers.iter().all(String::is_empty) {
        bail!("the file is empty or has no header line");
    }
    Ok((reader, separator, headers))
}

/// A reader of the records of `input`, fields separated by `separator`, header or not.
fn records<R: Read>(input: R, separator: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(false)
        .buffer_capacity(1 << 16)
        .from_reader(input)
}

/// Looks at every value of the date columns of a CSV input, for the order of its slash
/// dates. A row the main pass will reject as bad CSV ends the survey there.
pub(super) fn survey<R: Read>(
    input: R,
    first_line: &str,
    options: &IngestOptions,
) -> Result<Survey> {
    let window = reader::SharedWindow::default();
    let feed = reader::Feed::new(input, window.clone(), u64::MAX);
    let (mut reader, _, headers) = open_reader(feed, first_line)?;
    let resolved = options
        .columns
        .resolve(&headers)
        .map_err(|e| e.into_error(""))?;
    let fields = date_fields(&resolved, &headers);
    let mut survey = Survey::default();
    let mut record = csv::ByteRecord::new();
    while let Ok(true) = reader.read_byte_record(&mut record) {
        let line = reader::line_at(&window, record.position().map_or(0, |p| p.byte()));
        for (column, field, header) in &fields {
            if let Some(value) = record.get(*field).and_then(|v| std::str::from_utf8(v).ok()) {
                survey.see(*column, header, value, line);
            }
        }
    }
    Ok(survey)
}

/// Chooses among look-alike date headers of a CSV input by their values
/// ([`super::look_alike`]): one more pass over the file, made only when some column has
/// several candidate headers. `None` when none has.
pub(super) fn settle_look_alikes<R: Read>(
    open: impl FnOnce() -> Result<R>,
    first_line: &str,
    options: &IngestOptions,
) -> Result<Option<super::look_alike::Settled>> {
    let window = reader::SharedWindow::default();
    let feed = reader::Feed::new(open()?, window, u64::MAX);
    let (mut reader, _, headers) = open_reader(feed, first_line)?;
    let candidates = options.columns.look_alike_dates(&headers);
    if candidates.is_empty() {
        return Ok(None);
    }
    let fields: Vec<usize> = candidates.iter().flat_map(|(_, f)| f.clone()).collect();
    let mut tallies: std::collections::BTreeMap<usize, super::look_alike::Tally> =
        fields.iter().map(|&f| (f, Default::default())).collect();
    let mut record = csv::ByteRecord::new();
    while let Ok(true) = reader.read_byte_record(&mut record) {
        for (&field, tally) in tallies.iter_mut() {
            if let Some(value) = record.get(field) {
                tally.see(&String::from_utf8_lossy(value));
            }
        }
    }
    super::look_alike::settle(options.columns, &headers, &candidates, &|f| {
        tallies.get(&f).cloned().unwrap_or_default()
    })
    .map(Some)
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
pub(super) struct CsvInput<'h, R> {
    pub(super) reader: R,
    /// The start of the first line, for the separator.
    pub(super) header_line: &'h str,
    /// The size of the input in bytes, to reserve room for its rows.
    pub(super) size_hint: u64,
    /// The same text again from where its second half starts, to be read on the other core
    /// ([`super::halves`]); `None` reads it in one go.
    pub(super) second_half: Option<(R, Split)>,
}

/// What reading a CSV input found.
pub(super) struct CsvRead {
    pub(super) rows_read: u64,
    pub(super) separator: u8,
    pub(super) bytes: u64,
    /// The digests of the bytes before the split the first pass chose and after it.
    pub(super) digests: reader::Digests,
}

pub(super) fn read_csv<R: std::io::Read + Send>(
    file_index: u32,
    name: &str,
    input: CsvInput<R>,
    date_order: Option<DateOrder>,
    options: &IngestOptions,
    sink: &mut RowSink,
) -> Result<CsvRead> {
    let (rows_read, separator, (bytes, digests)) =
        parse_csv(file_index, name, input, date_order, options, sink)?;
    Ok(CsvRead {
        rows_read,
        separator,
        bytes,
        digests,
    })
}

/// Records go from the parser to the validator in batches of this many.
const BATCH: usize = 4096;
/// Records with their line numbers and fingerprints.
type Batch = Vec<(csv::ByteRecord, u64, [u64; 2])>;

/// The parser's side: splits the text into records, with their line numbers and
/// fingerprints, in batches (reusing the ones the validator sends back); a CSV error ends the
/// input. Returns the reader, for the bytes it read.
fn split_records<R: std::io::Read>(
    mut reader: csv::Reader<reader::Feed<R>>,
    window: &reader::SharedWindow,
    layout: &FileLayout,
    full_tx: &std::sync::mpsc::SyncSender<Result<Batch>>,
    empty_rx: &std::sync::mpsc::Receiver<Batch>,
) -> csv::Reader<reader::Feed<R>> {
    let mut scratch = Vec::new();
    loop {
        let mut batch = empty_rx
            .try_recv()
            .unwrap_or_else(|_| vec![(csv::ByteRecord::new(), 0, [0; 2]); BATCH]);
        batch.resize_with(BATCH, || (csv::ByteRecord::new(), 0, [0; 2]));
        let mut filled = 0;
        while filled < BATCH {
            let (record, line, print) = &mut batch[filled];
            // Bytes: the input was checked as UTF-8 whole before; a field is checked
            // again only when it is read as text (rows::text).
            match reader.read_byte_record(record) {
                Ok(true) => {
                    let byte = record.position().map_or(0, |p| p.byte());
                    *line = reader::line_at(window, byte);
                    *print = fingerprint(layout, record, &mut scratch);
                    filled += 1;
                }
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    let _ = full_tx.send(Err(anyhow::anyhow!("line {line}: not valid CSV: {e}")));
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
}

/// Parses and validates the rows of a CSV input: (rows read, separator, (bytes read, their
/// digests before and after the split)).
fn parse_csv<R: std::io::Read + Send>(
    file_index: u32,
    name: &str,
    input: CsvInput<R>,
    date_order: Option<DateOrder>,
    options: &IngestOptions,
    sink: &mut RowSink,
) -> Result<(u64, u8, (u64, reader::Digests))> {
    let window = reader::SharedWindow::default();
    let boundary = input.second_half.as_ref().map_or(u64::MAX, |(_, s)| s.at);
    let feed = reader::Feed::new(input.reader, window.clone(), boundary);
    let (reader, separator, headers) = open_reader(feed, input.header_line)?;
    let header_bytes = reader.position().byte();
    let resolved = options
        .columns
        .resolve(&headers)
        .map_err(|e| e.into_error(""))?;
    let mut layout = sink.layout(file_index, name, &headers, resolved);
    layout.separator = separator as char;
    layout.date_order = date_order;
    sink.reserve(estimate_rows(input.size_hint, header_bytes, headers.len()));
    let second_half = input
        .second_half
        .filter(|(_, split)| split.at > header_bytes);
    if let Some((rest, split)) = second_half {
        let mut progress = progress::Progress::start(name, input.size_hint, options.progress);
        let second_window = std::sync::Arc::new(std::sync::Mutex::new(
            reader::LineWindow::starting_at(split.at, split.line),
        ));
        let (rows, read) = halves::read_in_two(
            halves::FirstHalf { reader, window },
            halves::SecondHalf {
                reader: records(reader::Feed::new(rest, second_window.clone(), 0), separator),
                window: second_window,
                split,
            },
            &layout,
            options,
            sink,
            |done| {
                if let Some(progress) = &mut progress {
                    progress.update(done)
                }
            },
        )?;
        return Ok((rows, separator, read));
    }
    let mut rows_read = 0u64;
    // Two stages on two cores: a thread splits the text into records (with their line
    // numbers and fingerprints), this one validates them. Batches go back to the parser to
    // be reused.
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Result<Batch>>(4);
    let (empty_tx, empty_rx) = std::sync::mpsc::channel::<Batch>();
    let layout = &layout;
    let feed = std::thread::scope(|scope| -> Result<reader::Feed<R>> {
        let parser =
            scope.spawn(move || split_records(reader, &window, layout, &full_tx, &empty_rx));
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

#[cfg(test)]
mod tests {
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
    fn excel_sep_lines() {
        for (line, expected) in [
            ("sep=;", Some(b';')),
            ("sep=,", Some(b',')),
            ("SEP=\t", Some(b'\t')),
            ("\"sep=;\"", Some(b';')),
            ("sep=;;", Some(b';')),
            ("sep=|\r", Some(b'|')),
            ("case_id;received_at", None),
            ("separator;x", None),
        ] {
            assert_eq!(declared_separator(line).unwrap(), expected, "{line:?}");
        }
        for bad in ["sep=", "sep=ab", "sep=;,"] {
            let err = declared_separator(bad).unwrap_err().to_string();
            assert!(
                err.contains("declares no single-character separator"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_sep_line_is_neither_header_nor_data() {
        let text = "sep=;\nSaksnummer;Mottatt\nKL-1;01.12.2025\n";
        let (mut reader, separator, headers) = open_reader(text.as_bytes(), "sep=;").unwrap();
        assert_eq!(separator, b';');
        assert_eq!(headers, ["Saksnummer", "Mottatt"]);
        let mut record = csv::StringRecord::new();
        assert!(reader.read_record(&mut record).unwrap());
        assert_eq!(&record[0], "KL-1");
        assert!(open_reader("sep=;\n".as_bytes(), "sep=;").is_err());
    }
}
