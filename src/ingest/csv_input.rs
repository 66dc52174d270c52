//! CSV input: the separator, Excel's `sep=` line, and the two-stage reader (records split on
//! one core, validated on the other) that feeds each record to the row sink.

use std::io::Read;

use anyhow::{Context, Result, bail};

use super::date_order::Survey;
use super::fingerprint::fingerprint;
use super::halves::{self, Split};
use super::record::{FileLayout, date_fields};
use super::rows::RowSink;
use super::splitter::{Records, Start};
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

/// The records of `input` after its header line (and an Excel `sep=` line before it), with
/// the separator and the trimmed headers.
fn open_reader<R: Read>(input: R, first_line: &str) -> Result<(Records<R>, u8, Vec<String>)> {
    let declared = declared_separator(first_line)?;
    let separator = declared.unwrap_or_else(|| detect_separator(first_line));
    let mut records = Records::new(input, separator, 0, 1);
    let mut record = csv::ByteRecord::new();
    let mut found = next_header(&mut records, &mut record)?;
    if found && declared.is_some() {
        found = next_header(&mut records, &mut record)?;
        if !found {
            bail!("the file has Excel's sep= line but no header line after it");
        }
    }
    let headers = record
        .iter()
        .map(|h| match std::str::from_utf8(h) {
            Ok(h) => Ok(h.trim().to_string()),
            Err(e) => bail!("cannot read the header line: it is not UTF-8 text ({e})"),
        })
        .collect::<Result<Vec<String>>>()?;
    if !found || headers.iter().all(String::is_empty) {
        bail!("the file is empty or has no header line");
    }
    Ok((records, separator, headers))
}

/// The next record, as a header line: `false` at the end of the text.
fn next_header<R: Read>(records: &mut Records<R>, record: &mut csv::ByteRecord) -> Result<bool> {
    let found = records
        .next(record)
        .context("cannot read the header line")?;
    Ok(found.is_some())
}

/// Looks at every value of the date columns of a CSV input, for the order of its slash
/// dates. A row the main pass will reject as bad CSV ends the survey there.
pub(super) fn survey<R: Read>(
    input: R,
    first_line: &str,
    options: &IngestOptions,
) -> Result<Survey> {
    let (mut records, _, headers) = open_reader(input, first_line)?;
    let resolved = options
        .columns
        .resolve(&headers)
        .map_err(|e| e.into_error(""))?;
    let fields = date_fields(&resolved, &headers);
    let mut survey = Survey::default();
    let mut record = csv::ByteRecord::new();
    while let Ok(Some(start)) = records.next(&mut record) {
        let line = start.line;
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
    let (mut records, _, headers) = open_reader(open()?, first_line)?;
    let candidates = options.columns.look_alike_dates(&headers);
    if candidates.is_empty() {
        return Ok(None);
    }
    let fields: Vec<usize> = candidates.iter().flat_map(|(_, f)| f.clone()).collect();
    let mut tallies: std::collections::BTreeMap<usize, super::look_alike::Tally> =
        fields.iter().map(|&f| (f, Default::default())).collect();
    let mut record = csv::ByteRecord::new();
    while let Ok(Some(_)) = records.next(&mut record) {
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
/// Records with where they start and their fingerprints.
type Batch = Vec<(csv::ByteRecord, Start, [u64; 2])>;

/// The parser's side: splits the text into records, with where they start and their
/// fingerprints, in batches (reusing the ones the validator sends back); a read error ends
/// the input. Returns the splitter, for the bytes it read.
fn split_records<R: std::io::Read>(
    mut records: Records<R>,
    layout: &FileLayout,
    full_tx: &std::sync::mpsc::SyncSender<Result<Batch>>,
    empty_rx: &std::sync::mpsc::Receiver<Batch>,
) -> Records<R> {
    let mut scratch = Vec::new();
    let unread = || (csv::ByteRecord::new(), Start { byte: 0, line: 0 }, [0; 2]);
    loop {
        let mut batch = empty_rx
            .try_recv()
            .unwrap_or_else(|_| (0..BATCH).map(|_| unread()).collect());
        batch.resize_with(BATCH, unread);
        let mut filled = 0;
        while filled < BATCH {
            let (record, start, print) = &mut batch[filled];
            // Bytes: the input was checked as UTF-8 whole before; a field is checked
            // again only when it is read as text (rows::text).
            match records.next(record) {
                Ok(Some(found)) => {
                    *start = found;
                    *print = fingerprint(layout, record, &mut scratch);
                    filled += 1;
                }
                Ok(None) => break,
                Err(e) => {
                    let line = records.line();
                    let _ = full_tx.send(Err(anyhow::anyhow!("line {line}: not valid CSV: {e}")));
                    return records;
                }
            }
        }
        let done = filled < BATCH;
        batch.truncate(filled);
        if (!batch.is_empty() && full_tx.send(Ok(batch)).is_err()) || done {
            return records;
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
    let boundary = input.second_half.as_ref().map_or(u64::MAX, |(_, s)| s.at);
    let feed = reader::Feed::new(input.reader, boundary);
    let (records, separator, headers) = open_reader(feed, input.header_line)?;
    let header_bytes = records.position();
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
        let (rows, read) = halves::read_in_two(
            records,
            halves::SecondHalf {
                records: Records::new(reader::Feed::new(rest, 0), separator, split.at, split.line),
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
    // Two stages on two cores: a thread splits the text into records (with where they
    // start and their fingerprints), this one validates them. Batches go back to the
    // splitter to be reused.
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Result<Batch>>(4);
    let (empty_tx, empty_rx) = std::sync::mpsc::channel::<Batch>();
    let layout = &layout;
    let feed = std::thread::scope(|scope| -> Result<reader::Feed<R>> {
        let parser = scope.spawn(move || split_records(records, layout, &full_tx, &empty_rx));
        let mut progress = progress::Progress::start(name, input.size_hint, options.progress);
        for batch in full_rx {
            let batch = batch?;
            for (record, start, print) in &batch {
                rows_read += 1;
                sink.push(layout, record, start.line, *print, options);
            }
            if let (Some(progress), Some((_, start, _))) = (&mut progress, batch.last()) {
                progress.update(start.byte);
            }
            let _ = empty_tx.send(batch);
        }
        let records = parser
            .join()
            .map_err(|_| anyhow::anyhow!("the CSV parser failed"))?;
        Ok(records.into_inner())
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
        let (mut records, separator, headers) = open_reader(text.as_bytes(), "sep=;").unwrap();
        assert_eq!(separator, b';');
        assert_eq!(headers, ["Saksnummer", "Mottatt"]);
        let mut record = csv::ByteRecord::new();
        let start = records.next(&mut record).unwrap().expect("a record");
        assert_eq!(&record[0], b"KL-1");
        assert_eq!(start.line, 3);
        assert!(open_reader("sep=;\n".as_bytes(), "sep=;").is_err());
    }
}
