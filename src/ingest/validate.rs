//! One record checked: its dates parsed (in the policy's zone) and in order, its deadlines
//! within the calendar, its amount read; what is wrong is a [`Reject`] naming the file, line,
//! column and value, what is odd but kept a [`Warning`]. Comes after the record layout and
//! before the row sink, which keeps what this returns.

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use super::record::FileLayout;
use super::{DateRead, Reject, RejectReason, RowSpan, Warning, WarningKind};
use crate::calendar::{Calendar, year_in_range};
use crate::columns::Canonical;
use crate::date_input;
use crate::deadline::{Deadlines, Limits};

/// The EU online dispute resolution platform was shut down on this date (Regulation (EU)
/// 2024/3228); a referral to it dated later is a data error.
pub const ODR_SHUTDOWN: NaiveDate = match NaiveDate::from_ymd_opt(2025, 7, 20) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// A valid row's typed values.
pub(super) struct TypedDates {
    pub(super) received: NaiveDate,
    pub(super) holding_reply: Option<NaiveDate>,
    pub(super) resolved: Option<NaiveDate>,
    pub(super) referred: Option<NaiveDate>,
    pub(super) redress: Option<i64>,
}

/// What a row is checked against.
pub(super) struct Rules<'a> {
    /// The policy's currency (ISO 4217): the only one redress amounts are read in.
    pub(super) currency: &'a str,
    /// Receipts on or after this date are checked against the end of the calendar.
    pub(super) late_receipt_check_from: NaiveDate,
    pub(super) limits: Limits,
    pub(super) calendar: &'a Calendar,
}

/// One record of a file, with its case id and line.
pub(super) struct Row<'a> {
    pub(super) layout: &'a FileLayout,
    pub(super) record: &'a csv::ByteRecord,
    pub(super) case_id: &'a str,
    pub(super) line: u64,
    /// The zone timestamps with an offset are read in.
    pub(super) tz: Tz,
}

/// A reject's reason, column, value and sentence.
pub(super) struct Fault<'a> {
    pub(super) reason: RejectReason,
    pub(super) column: &'a str,
    pub(super) value: &'a str,
    pub(super) detail: String,
}

pub(super) fn row_reject(
    layout: &FileLayout,
    (line, case_id): (u64, &str),
    fault: Fault,
    span: RowSpan,
) -> Reject {
    Reject {
        file: layout.name.clone(),
        line,
        case_id: case_id.to_string(),
        reason: fault.reason,
        column: fault.column.to_string(),
        value: fault.value.to_string(),
        detail: fault.detail,
        span,
    }
}

/// Why a date field is no date: the reason and a sentence.
type DateFault = (RejectReason, String);

impl Row<'_> {
    /// The row's receipt and resolution dates, as far as they can be read (for a reject).
    pub(super) fn span(&self) -> RowSpan {
        let read = |column| match self.read(column) {
            Ok(Some((date, _))) => DateRead::On(date),
            Ok(None) => DateRead::Blank,
            Err(_) => DateRead::Unreadable,
        };
        RowSpan {
            received: read(Canonical::ReceivedAt),
            resolved: read(Canonical::ResolvedAt),
        }
    }

    /// A date column's value: none when blank, else the date and whether it was a timestamp
    /// with an offset; why not when it is not a date or is outside the supported years.
    fn read(&self, column: Canonical) -> Result<Option<(NaiveDate, bool)>, DateFault> {
        let raw = match self.layout.field(self.record, column) {
            Some(raw) if !raw.is_empty() => raw,
            _ => return Ok(None),
        };
        let parsed = date_input::parse_with(raw, self.layout.date_order)
            .map_err(|e| (RejectReason::UnparseableDate, e.reason().to_string()))?;
        let date = parsed.local_date(self.tz);
        if !year_in_range(date.year()) {
            return Err((
                RejectReason::DateOutOfRange,
                format!("{date} is outside the supported years 1900 to 2199"),
            ));
        }
        Ok(Some((
            date,
            matches!(parsed, date_input::DateInput::Instant(_)),
        )))
    }

    fn raw(&self, column: Canonical) -> &str {
        self.layout.field(self.record, column).unwrap_or("")
    }

    fn reject(
        &self,
        reason: RejectReason,
        column: Canonical,
        value: &str,
        detail: String,
    ) -> Box<Reject> {
        Box::new(row_reject(
            self.layout,
            (self.line, self.case_id),
            Fault {
                reason,
                column: column.name(),
                value,
                detail,
            },
            self.span(),
        ))
    }

    /// The market the row belongs to (0 the home market, when its value is blank or the
    /// policy has no markets), or its reject when its value names no market.
    pub(super) fn market(&self, markets: &crate::market::Markets) -> Result<u32, Box<Reject>> {
        let Some(set) = &markets.set else {
            return Ok(0);
        };
        let value = self.raw(Canonical::Market);
        markets.find(value).ok_or_else(|| {
            self.reject(
                RejectReason::UnknownMarket,
                Canonical::Market,
                value,
                format!(
                    "'{value}' in {} names no market of the policy (markets: {}; a blank value \
                     is the home market)",
                    set.column,
                    set.described()
                ),
            )
        })
    }

    fn warning(
        &self,
        kind: WarningKind,
        column: Canonical,
        value: String,
        known_from: NaiveDate,
    ) -> Warning {
        Warning {
            file: self.layout.name.clone(),
            line: self.line,
            case_id: self.case_id.to_string(),
            kind,
            column: column.name().to_string(),
            value,
            known_from,
        }
    }

    /// A date column's value: none when blank; a reject when it is not a date or is outside
    /// the supported years. The flag says it was a timestamp with an offset.
    fn date(&self, column: Canonical) -> Result<(Option<NaiveDate>, bool), Box<Reject>> {
        match self.read(column) {
            Ok(Some((date, instant))) => Ok((Some(date), instant)),
            Ok(None) => Ok((None, false)),
            Err((reason, detail)) => {
                let raw = self.raw(column);
                Err(self.reject(reason, column, raw, detail))
            }
        }
    }

    /// The row's typed values, and how many of its dates were timestamps with an offset (their
    /// date depends on the policy's zone).
    pub(super) fn dates(&self) -> Result<(TypedDates, u64), Box<Reject>> {
        let mut zoned = 0;
        let mut date = |column: Canonical| -> Result<Option<NaiveDate>, Box<Reject>> {
            let (date, instant) = self.date(column)?;
            zoned += u64::from(instant);
            Ok(date)
        };
        let received = date(Canonical::ReceivedAt)?.ok_or_else(|| {
            self.reject(
                RejectReason::MissingReceivedDate,
                Canonical::ReceivedAt,
                "",
                "the receipt date is blank".into(),
            )
        })?;
        let holding_reply = date(Canonical::HoldingReplyAt)?;
        let resolved = date(Canonical::ResolvedAt)?;
        let referred = date(Canonical::ReferredAt)?;
        let dates = TypedDates {
            received,
            holding_reply,
            resolved,
            referred,
            redress: None,
        };
        Ok((dates, zoned))
    }

    /// A holding reply or resolution before receipt, or deadlines past the calendar's end.
    pub(super) fn check_order(&self, dates: &TypedDates, rules: &Rules) -> Result<(), Box<Reject>> {
        let received = dates.received;
        if let Some(h) = dates.holding_reply.filter(|h| *h < received) {
            return Err(self.reject(
                RejectReason::HoldingReplyBeforeReceived,
                Canonical::HoldingReplyAt,
                self.raw(Canonical::HoldingReplyAt),
                format!("holding reply {h} is before the receipt date {received}"),
            ));
        }
        if let Some(r) = dates.resolved.filter(|r| *r < received) {
            return Err(self.reject(
                RejectReason::ResolvedBeforeReceived,
                Canonical::ResolvedAt,
                self.raw(Canonical::ResolvedAt),
                format!("resolution {r} is before the receipt date {received}"),
            ));
        }
        if let Err(e) = rules
            .calendar
            .check_year(received.year(), || received.to_string())
        {
            return Err(self.reject(
                RejectReason::DateOutOfRange,
                Canonical::ReceivedAt,
                self.raw(Canonical::ReceivedAt),
                format!("its market's calendar does not count it: {e}"),
            ));
        }
        if received >= rules.late_receipt_check_from
            && let Err(e) = Deadlines::compute(&rules.limits, rules.calendar, received)
        {
            return Err(self.reject(
                RejectReason::DateOutOfRange,
                Canonical::ReceivedAt,
                self.raw(Canonical::ReceivedAt),
                format!("its deadlines fall beyond the calendar: {e}"),
            ));
        }
        Ok(())
    }

    /// What is odd about a valid row but keeps it: a holding reply after the resolution, a
    /// referral to the EU's dispute platform after it closed.
    pub(super) fn remarks(&self, dates: &TypedDates) -> Vec<Warning> {
        let mut remarks = Vec::new();
        if let (Some(h), Some(r)) = (dates.holding_reply, dates.resolved)
            && h > r
        {
            remarks.push(self.warning(
                WarningKind::HoldingReplyAfterResolution,
                Canonical::HoldingReplyAt,
                self.raw(Canonical::HoldingReplyAt).to_string(),
                h,
            ));
        }
        let referral = self.raw(Canonical::ReferredTo);
        if crate::outcome::is_eu_odr(referral) {
            // The referral's own date when the export has one, else the latest date known.
            let dated = dates.referred.or(dates.resolved).unwrap_or(dates.received);
            if dated > ODR_SHUTDOWN {
                // A report shows a referral from its date, or with the resolution when it has
                // none; an undated referral of an open case is shown by no report.
                let known_from = dates.referred.or(dates.resolved).unwrap_or(NaiveDate::MAX);
                remarks.push(self.warning(
                    WarningKind::ReferralAfterOdrShutdown,
                    Canonical::ReferredTo,
                    format!("{referral} ({dated})"),
                    known_from,
                ));
            }
        }
        remarks
    }

    /// The redress amount in minor units of the policy's currency; an amount that cannot be
    /// read, or is in another currency, counts as missing with a warning (no deadline depends
    /// on it: the case stays).
    pub(super) fn redress(
        &self,
        dates: &TypedDates,
        currency: &str,
    ) -> (Option<i64>, Option<Warning>) {
        // A currency in a column of its own marks the amount as a code beside it would.
        let amount = self.raw(Canonical::RedressAmount);
        let amount_text = match self.raw(Canonical::RedressCurrency).trim() {
            code if !code.is_empty() && !amount.trim().is_empty() => {
                std::borrow::Cow::Owned(format!("{amount} {code}"))
            }
            _ => std::borrow::Cow::Borrowed(amount),
        };
        match crate::amount::parse(&amount_text, currency) {
            Ok(amount) => (amount, None),
            Err(e) => {
                let (kind, why) = match &e {
                    crate::amount::AmountError::OtherCurrency(code) => (
                        WarningKind::AmountInOtherCurrency,
                        format!("is in {code}, not the policy's {currency}"),
                    ),
                    crate::amount::AmountError::Unreadable(why) => {
                        (WarningKind::UnreadableAmount, why.clone())
                    }
                };
                let warning = self.warning(
                    kind,
                    Canonical::RedressAmount,
                    format!("{amount_text} ({why})"),
                    dates.resolved.unwrap_or(dates.received),
                );
                (None, Some(warning))
            }
        }
    }
}
