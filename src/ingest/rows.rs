//! One place that types and validates the records every source produces: a record's fields
//! are matched to the canonical columns ([`FileLayout`]), its dates parsed and checked, and
//! the row pushed, typed, into column builders or recorded as a [`Reject`] with its file,
//! line, column and value ([`RowSink`]).

use anyhow::Result;
use chrono::NaiveDate;
use chrono_tz::Tz;
use polars::prelude::*;

use super::record::{FileLayout, text};
use super::text_builder::TextBuilder;
use super::validate::{Fault, Row, Rules, TypedDates, row_reject};
use super::{
    DateRead, IngestOptions, Ingested, InputSummary, Reject, RejectReason, RowSpan, Warning,
};
use super::{col_names, dedupe};
use crate::business_days::epoch_days;
use crate::calendar::MAX_YEAR;
use crate::columns::{AbsentColumn, Canonical, Resolved};
use crate::report_window::ReportWindow;
use dedupe::RejectedKey;

mod merge;
mod names;

/// Rows pushed so far, column by column.
pub(super) struct RowSink {
    case_id: TextBuilder,
    received: Vec<i32>,
    holding_reply: Vec<Option<i32>>,
    resolved: Vec<Option<i32>>,
    referred: Vec<Option<i32>>,
    /// Redress in minor units, by valid row; a column of the output only when an input has
    /// a redress column (`redress_seen`).
    redress: Vec<Option<i64>>,
    redress_seen: bool,
    /// Each valid row's market (an index into the run's markets), when the policy has them.
    market: Option<Vec<u32>>,
    descriptive: Vec<TextBuilder>,
    carried_names: Vec<String>,
    /// Where each of `carried_names` is (an export can carry a hundred thousand columns).
    carried_index: std::collections::HashMap<String, usize>,
    carried: Vec<TextBuilder>,
    /// Rows pushed to `descriptive` and `carried` so far.
    text_len: u32,
    text_rows: Vec<Option<u32>>,
    keep_text: Option<ReportWindow>,
    file: Vec<u32>,
    line: Vec<u64>,
    fingerprints: Vec<[u64; 2]>,
    rejects: Vec<(u32, Reject)>,
    /// Fingerprints of rejected rows that have a case id, for the duplicate check.
    rejected_keys: Vec<RejectedKey>,
    /// Remarks on valid rows, by row index: kept only if the row survives settling.
    warnings: Vec<(usize, Warning)>,
    /// Receipts on or after this date are checked against the end of the calendar.
    late_receipt_check_from: NaiveDate,
    tz: Tz,
    /// The policy's currency (ISO 4217): the only one redress amounts are summed in.
    currency: String,
    /// Timestamps with an offset in the valid rows' dates.
    zoned_timestamps: u64,
    /// By file: its newest date up to the day of the run (days since 1970).
    newest: Vec<Option<i32>>,
    /// The day of the run, as days since 1970 (`i32::MAX` when not given).
    today: i32,
    /// By file: the columns that change statuses and are not in it.
    pub(super) absent: Vec<Vec<AbsentColumn>>,
    /// By file: its header row.
    pub(super) headers: Vec<Vec<String>>,
}

impl RowSink {
    pub(super) fn new(options: &IngestOptions) -> Self {
        let policy = options.policy;
        let longest = policy.first_limit.max(policy.final_limit) as i32;
        // 200 working days take at most a calendar year and a bit; check a margin generously.
        let years = longest / 150 + 1;
        RowSink {
            case_id: TextBuilder::new(col_names::CASE_ID, 0),
            received: Vec::new(),
            holding_reply: Vec::new(),
            resolved: Vec::new(),
            referred: Vec::new(),
            redress: Vec::new(),
            redress_seen: false,
            market: options.markets.several().then(Vec::new),
            descriptive: Canonical::DESCRIPTIVE
                .iter()
                .map(|c| TextBuilder::few_distinct(c.name()))
                .collect(),
            carried_names: Vec::new(),
            carried_index: Default::default(),
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
            currency: policy.currency.clone(),
            zoned_timestamps: 0,
            newest: Vec::new(),
            today: options.today.map_or(i32::MAX, epoch_days),
            absent: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// Reserves room for about `rows` more rows, so that a large input does not grow (and
    /// copy) its columns step by step.
    pub(super) fn reserve(&mut self, rows: usize) {
        if self.received.is_empty() {
            // The ids' column has one entry a valid row, as `received` has.
            self.case_id = TextBuilder::new(col_names::CASE_ID, rows);
        }
        for builder in &mut self.descriptive {
            builder.reserve_codes(rows);
        }
        self.received.reserve(rows);
        self.holding_reply.reserve(rows);
        self.resolved.reserve(rows);
        self.referred.reserve(rows);
        if self.redress_seen {
            self.redress.reserve(rows);
        }
        self.text_rows.reserve(rows);
        self.file.reserve(rows);
        self.line.reserve(rows);
        self.fingerprints.reserve(rows);
    }

    /// The layout of file `file_index` headed `headers`, with what the sink keeps of it: its
    /// header row, the columns it lacks, its carried columns, whether it has amounts.
    pub(super) fn layout(
        &mut self,
        file_index: u32,
        name: &str,
        headers: &[String],
        resolved: Resolved,
    ) -> FileLayout {
        let at = file_index as usize;
        self.absent
            .resize(self.absent.len().max(at + 1), Vec::new());
        self.absent[at] = resolved.absent(headers);
        self.headers
            .resize(self.headers.len().max(at + 1), Vec::new());
        self.headers[at] = headers.to_vec();
        let layout = FileLayout::new(file_index, name, headers, &resolved, |header| {
            self.carried_column(header)
        });
        self.redress_seen |= layout.fields[Canonical::RedressAmount as usize].is_some();
        layout
    }

    /// The sink column for a carried header, created (filled with nulls so far) if new.
    pub(super) fn carried_column(&mut self, header: &str) -> usize {
        if let Some(&i) = self.carried_index.get(header) {
            return i;
        }
        let rows = self.text_len as usize;
        let mut builder = TextBuilder::few_distinct(header);
        for _ in 0..rows {
            builder.append_null();
        }
        self.carried_index
            .insert(header.to_string(), self.carried_names.len());
        self.carried_names.push(header.to_string());
        self.carried.push(builder);
        self.carried.len() - 1
    }

    fn reject(&mut self, layout: &FileLayout, reject: Reject) {
        self.rejects.push((layout.file_index, reject));
    }

    /// Keeps a rejected row's case id and fingerprint for the duplicate check: a case id it
    /// shares with other rows of its input is a conflict.
    fn remember_rejected(&mut self, layout: &FileLayout, case_id: &str, fingerprint: [u64; 2]) {
        // Its reject is pushed next.
        self.rejected_keys.push(RejectedKey {
            case_id: case_id.to_string(),
            file: layout.file_index,
            fingerprint,
            reject: self.rejects.len(),
        });
    }

    /// Rejects a row whose case id a typed source holds as a number that is no id (see
    /// [`RejectReason::UnreadableCaseId`]); the row still takes part in the duplicate check
    /// under the id as written.
    pub(super) fn reject_case_id(
        &mut self,
        layout: &FileLayout,
        record: &csv::ByteRecord,
        line: u64,
        fingerprint: [u64; 2],
        detail: String,
    ) {
        let case_id = layout.field(record, Canonical::CaseId).unwrap_or("");
        self.remember_rejected(layout, case_id, fingerprint);
        let span = self.row(layout, record, case_id, line).span();
        let reject = row_reject(
            layout,
            (line, case_id),
            Fault {
                reason: RejectReason::UnreadableCaseId,
                column: Canonical::CaseId.name(),
                value: case_id,
                detail,
            },
            span,
        );
        self.reject(layout, reject);
    }

    pub(super) fn push(
        &mut self,
        layout: &FileLayout,
        record: &csv::ByteRecord,
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
                .map(String::from_utf8_lossy)
                .collect::<Vec<_>>()
                .join(&layout.separator.to_string());
            if !case_id.is_empty() {
                // Its fields are shifted, so its content differs from any other row's: a case
                // id it shares is a conflict.
                self.remember_rejected(layout, case_id, fingerprint);
            }
            let reject = row_reject(
                layout,
                (line, case_id),
                Fault {
                    reason: RejectReason::WrongFieldCount,
                    column: "",
                    value: &value,
                    detail,
                },
                RowSpan::UNKNOWN,
            );
            self.reject(layout, reject);
            return;
        }
        if (0..record.len()).all(|i| text(record, i).is_empty()) {
            let blank = RowSpan {
                received: DateRead::Blank,
                resolved: DateRead::Blank,
            };
            let reject = row_reject(
                layout,
                (line, ""),
                Fault {
                    reason: RejectReason::EmptyRow,
                    column: "",
                    value: "",
                    detail: "every field is empty".into(),
                },
                blank,
            );
            self.reject(layout, reject);
            return;
        }
        if case_id.is_empty() {
            let span = self.row(layout, record, "", line).span();
            let reject = row_reject(
                layout,
                (line, ""),
                Fault {
                    reason: RejectReason::MissingCaseId,
                    column: Canonical::CaseId.name(),
                    value: "",
                    detail: "the case id is blank".into(),
                },
                span,
            );
            self.reject(layout, reject);
            return;
        }
        let market = match self
            .row(layout, record, case_id, line)
            .market(options.markets)
        {
            Ok(market) => market,
            Err(reject) => {
                self.remember_rejected(layout, case_id, fingerprint);
                self.reject(layout, *reject);
                return;
            }
        };
        match self.validate(layout, record, case_id, (line, market), options) {
            Ok(row) => {
                if let Some(markets) = &mut self.market {
                    markets.push(market);
                }
                self.push_valid(layout, record, case_id, line, row, fingerprint)
            }
            Err(reject) => {
                self.remember_rejected(layout, case_id, fingerprint);
                self.reject(layout, *reject);
            }
        }
    }

    /// A record with what it is checked as.
    fn row<'a>(
        &self,
        layout: &'a FileLayout,
        record: &'a csv::ByteRecord,
        case_id: &'a str,
        line: u64,
    ) -> Row<'a> {
        Row {
            layout,
            record,
            case_id,
            line,
            tz: self.tz,
        }
    }

    fn validate(
        &mut self,
        layout: &FileLayout,
        record: &csv::ByteRecord,
        case_id: &str,
        (line, market): (u64, u32),
        options: &IngestOptions,
    ) -> Result<TypedDates, Box<Reject>> {
        let counted = &options.markets.counted[market as usize];
        let mut row = self.row(layout, record, case_id, line);
        row.tz = counted.time_zone;
        let rules = Rules {
            currency: &self.currency,
            late_receipt_check_from: self.late_receipt_check_from,
            limits: counted.limits,
            calendar: &counted.calendar,
        };
        let (mut dates, zoned) = row.dates()?;
        self.zoned_timestamps += zoned;
        row.check_order(&dates, &rules)?;
        let (redress, unread) = row.redress(&dates, rules.currency);
        dates.redress = redress;
        let at = self.received.len();
        self.warnings.extend(
            row.remarks(&dates)
                .into_iter()
                .chain(unread)
                .map(|w| (at, w)),
        );
        Ok(dates)
    }

    /// A file's newest receipt, holding reply or resolution date up to the day of the run.
    pub(super) fn newest_of(&self, file_index: u32) -> Option<NaiveDate> {
        self.newest
            .get(file_index as usize)
            .copied()
            .flatten()
            .map(crate::business_days::date_from_epoch_days)
    }

    fn push_valid(
        &mut self,
        layout: &FileLayout,
        record: &csv::ByteRecord,
        case_id: &str,
        line: u64,
        dates: TypedDates,
        fingerprint: [u64; 2],
    ) {
        let file = layout.file_index as usize;
        if self.newest.len() <= file {
            self.newest.resize(file + 1, None);
        }
        for date in [Some(dates.received), dates.holding_reply, dates.resolved]
            .into_iter()
            .flatten()
        {
            let day = epoch_days(date);
            if day <= self.today && self.newest[file].is_none_or(|n| day > n) {
                self.newest[file] = Some(day);
            }
        }
        self.case_id.append_value(case_id);
        self.received.push(epoch_days(dates.received));
        self.holding_reply.push(dates.holding_reply.map(epoch_days));
        self.resolved.push(dates.resolved.map(epoch_days));
        self.referred.push(dates.referred.map(epoch_days));
        if self.redress_seen {
            // None for the rows of earlier inputs without amounts.
            self.redress.resize(self.received.len() - 1, None);
            self.redress.push(dates.redress);
        }
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
            let value = text(record, field);
            self.carried[column].append_option((!value.is_empty()).then_some(value));
            filled[column] = true;
        }
        for (builder, _) in self.carried.iter_mut().zip(&filled).filter(|(_, f)| !**f) {
            builder.append_null();
        }
    }

    pub(super) fn finish(
        self,
        inputs: Vec<InputSummary>,
        file_names: &[String],
    ) -> Result<Ingested> {
        let RowSink {
            case_id,
            received,
            holding_reply,
            resolved,
            referred,
            redress,
            redress_seen,
            market,
            descriptive,
            carried_names,
            carried,
            text_rows,
            file,
            line,
            fingerprints,
            mut rejects,
            rejected_keys,
            warnings,
            ..
        } = self;
        let case_id = case_id.finish().into_series();
        // The duplicate check on the second core while the typed columns are built.
        let (settled, dates) = std::thread::scope(|scope| {
            let settling =
                scope.spawn(|| dedupe::settle(&case_id, &file, &fingerprints, &rejected_keys));
            let built = typed_columns(received, [holding_reply, resolved, referred]);
            let texts = text_columns(descriptive, carried);
            let settled = settling
                .join()
                .map_err(|_| anyhow::anyhow!("the duplicate check failed"));
            (settled, (built, texts))
        });
        let settled = settled??;
        drop((fingerprints, rejected_keys));
        let ((received, [holding_reply, resolved, referred]), [descriptive, carried]) = dates;
        let (received, resolved) = (received?, resolved?);
        let keep = dedupe::settled_rows(
            &settled,
            &mut rejects,
            (&case_id, [&received, &resolved]),
            (&file, &line),
            file_names,
        )?;
        let mut columns: Vec<Column> = vec![
            case_id.into(),
            received,
            holding_reply?,
            resolved,
            referred?,
        ];
        let redress = redress_seen.then_some(redress);
        columns.extend(optional_columns(redress, market, file.len()));
        columns.push(Series::new(col_names::SOURCE_FILE.into(), file).into());
        columns.push(Series::new(col_names::SOURCE_LINE.into(), line).into());
        columns.push(Series::new(col_names::TEXT_ROW.into(), text_rows).into());
        let rows = kept(DataFrame::new_infer_height(columns)?, &keep)?;
        let (texts, carried_out) = text_frame(&rows, descriptive, carried, &carried_names)?;

        let (rejects, warnings) = in_order(rejects, warnings, &keep);
        Ok(Ingested {
            inputs,
            rows,
            texts,
            carried: carried_out,
            carried_headers: carried_names,
            rejects,
            warnings,
            rows_superseded: (settled.superseded.len() + settled.superseded_rejects.len()) as u64,
            zoned_timestamps: self.zoned_timestamps,
            cases_updated: settled.cases_updated,
        })
    }
}

/// The columns only some runs have: redress, when an input has it; each row's market, when the
/// policy has markets.
fn optional_columns(
    redress: Option<Vec<Option<i64>>>,
    market: Option<Vec<u32>>,
    rows: usize,
) -> Vec<Column> {
    let optional = [
        redress.map(|mut r| {
            // Amounts are kept from the first input that has them on: none before.
            r.resize(rows, None);
            Series::new(col_names::REDRESS.into(), r)
        }),
        market.map(|m| Series::new(crate::evaluate::MARKET_INDEX.into(), m)),
    ];
    optional.into_iter().flatten().map(Column::from).collect()
}

/// The text columns of the rows: the descriptive ones, then the carried ones under the names
/// they are written with.
fn text_frame(
    rows: &DataFrame,
    descriptive: Vec<StringChunked>,
    carried: Vec<StringChunked>,
    carried_names: &[String],
) -> Result<(DataFrame, Vec<String>)> {
    let mut text_columns: Vec<Column> = descriptive
        .into_iter()
        .map(|c| c.into_series().into())
        .collect();
    let mut reserved: Vec<String> = rows
        .get_column_names()
        .into_iter()
        .chain(text_columns.iter().map(|c| c.name()))
        .map(|s| s.to_string())
        .collect();
    if reserved.iter().any(|c| c == crate::evaluate::MARKET_INDEX) {
        // The report's market column, by the market's name.
        reserved.push(crate::evaluate::MARKET.to_string());
    }
    let carried_out = names::carried_output_names(&reserved, carried_names);
    for (builder, name) in carried.into_iter().zip(&carried_out) {
        text_columns.push(builder.into_series().with_name(name.into()).into());
    }
    Ok((DataFrame::new_infer_height(text_columns)?, carried_out))
}

/// The rows of `frame` that `keep` marks.
fn kept(frame: DataFrame, keep: &[bool]) -> Result<DataFrame> {
    Ok(if keep.iter().all(|k| *k) {
        frame
    } else {
        frame.filter(&BooleanChunked::from_slice("keep".into(), keep))?
    })
}

/// The date columns of the valid rows, built while the duplicate check runs: the receipt
/// date, and the others (holding reply, resolution, referral).
fn typed_columns(
    received: Vec<i32>,
    dates: [Vec<Option<i32>>; 3],
) -> (Result<Column>, [Result<Column>; 3]) {
    let [holding_reply, resolved, referred] = dates;
    let dates = [
        (col_names::HOLDING_REPLY, holding_reply),
        (col_names::RESOLVED, resolved),
        (col_names::REFERRED, referred),
    ]
    .map(|(name, values)| -> Result<Column> {
        Ok(Series::new(name.into(), values)
            .cast(&DataType::Date)?
            .into())
    });
    let received: Result<Column> = Series::new(col_names::RECEIVED.into(), received)
        .cast(&DataType::Date)
        .map(Into::into)
        .map_err(Into::into);
    (received, dates)
}

/// The descriptive and the carried text columns (each a dictionary's values taken by its
/// codes when it has few distinct values: [`TextBuilder`]).
fn text_columns(
    descriptive: Vec<TextBuilder>,
    carried: Vec<TextBuilder>,
) -> [Vec<StringChunked>; 2] {
    [descriptive, carried].map(|builders| builders.into_iter().map(TextBuilder::finish).collect())
}

/// The rejects by file and line, and the remarks on the rows kept in row order: rows are
/// pushed in input order, then line order, so by row index is that order.
fn in_order(
    mut rejects: Vec<(u32, Reject)>,
    mut warnings: Vec<(usize, Warning)>,
    keep: &[bool],
) -> (Vec<Reject>, Vec<Warning>) {
    rejects.sort_by_key(|(file, r)| (*file, r.line));
    warnings.retain(|(row, _)| keep[*row]);
    warnings.sort_by_key(|(row, w)| (*row, w.kind));
    (
        rejects.into_iter().map(|(_, r)| r).collect(),
        warnings.into_iter().map(|(_, w)| w).collect(),
    )
}
