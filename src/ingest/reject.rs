//! Rows that cannot be evaluated (rejects) and rows kept with a remark (warnings). Every
//! input row ends up evaluated or rejected; both lists name the file, line, column and value.

use std::fmt;

/// Why a row was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RejectReason {
    /// The row has a different number of fields than the header.
    WrongFieldCount,
    /// Every field is empty.
    EmptyRow,
    MissingCaseId,
    MissingReceivedDate,
    UnparseableDate,
    /// A date before 1900, after 2199, or with deadlines after 2199.
    DateOutOfRange,
    ResolvedBeforeReceived,
    HoldingReplyBeforeReceived,
    /// Several rows share a case id with different content: all are rejected.
    ConflictingDuplicate,
    /// An exact copy of an earlier row: the first is kept.
    Duplicate,
    /// A case id stored as a number that is no whole number (`10000124.5`, or one past
    /// 2^53 that a float cannot hold exactly): no export writes such an id, and its digits
    /// would be a guess. Only typed inputs (Parquet) have one.
    UnreadableCaseId,
    /// A market value that names none of the policy's markets (only a policy with markets
    /// has this reason, so it is not in [`RejectReason::ALL`]).
    UnknownMarket,
}

impl RejectReason {
    pub const ALL: [RejectReason; 11] = [
        Self::WrongFieldCount,
        Self::EmptyRow,
        Self::MissingCaseId,
        Self::MissingReceivedDate,
        Self::UnparseableDate,
        Self::DateOutOfRange,
        Self::ResolvedBeforeReceived,
        Self::HoldingReplyBeforeReceived,
        Self::ConflictingDuplicate,
        Self::Duplicate,
        Self::UnreadableCaseId,
    ];

    /// Whether a CSV row can have this reason (a CSV field is text: its case id is never a
    /// number with a fraction).
    pub fn in_csv(self) -> bool {
        self != Self::UnreadableCaseId
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::WrongFieldCount => "wrong_field_count",
            Self::EmptyRow => "empty_row",
            Self::MissingCaseId => "missing_case_id",
            Self::MissingReceivedDate => "missing_received_date",
            Self::UnparseableDate => "unparseable_date",
            Self::DateOutOfRange => "date_out_of_range",
            Self::ResolvedBeforeReceived => "resolved_before_received",
            Self::HoldingReplyBeforeReceived => "holding_reply_before_received",
            Self::ConflictingDuplicate => "conflicting_duplicate",
            Self::Duplicate => "duplicate",
            Self::UnreadableCaseId => "unreadable_case_id",
            Self::UnknownMarket => "unknown_market",
        }
    }
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rejected row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    pub file: String,
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    pub case_id: String,
    pub reason: RejectReason,
    /// The canonical column at fault, empty when the whole row is.
    pub column: String,
    /// The raw value at fault.
    pub value: String,
    /// A sentence for people (`February 2025 has 28 days`); not in rejects.csv.
    pub detail: String,
    /// The row's receipt and resolution dates, as far as they can be read: whether the row
    /// may belong to a report's period.
    pub span: RowSpan,
}

/// One date of a rejected row, as far as it can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRead {
    /// The field is blank: no receipt date, or no resolution (the case is open).
    Blank,
    /// The field holds something that is not a date in the supported years, or the row's
    /// fields cannot be told apart (a wrong field count).
    Unreadable,
    On(chrono::NaiveDate),
}

/// A rejected row's receipt and resolution dates, as far as they can be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSpan {
    pub received: DateRead,
    pub resolved: DateRead,
}

impl RowSpan {
    /// Neither date can be read.
    pub const UNKNOWN: RowSpan = RowSpan {
        received: DateRead::Unreadable,
        resolved: DateRead::Unreadable,
    };

    /// Whether a row rejected for `reason` may belong to the report of the period from
    /// `start` to `end` as of `as_of`: whether, had it been valid, it could be one of the
    /// report's cases (received or resolved in the period, or received by its end and open at
    /// the as-of date). A row
    /// whose dates cannot be placed may; one whose readable dates place it outside does not.
    /// An empty row is no complaint, and an exact duplicate's case is counted from its first
    /// row: neither does.
    pub fn may_belong(
        &self,
        reason: RejectReason,
        (start, end): (chrono::NaiveDate, chrono::NaiveDate),
        as_of: chrono::NaiveDate,
    ) -> bool {
        use DateRead::*;
        if matches!(reason, RejectReason::EmptyRow | RejectReason::Duplicate) {
            return false;
        }
        let in_period = |d: chrono::NaiveDate| (start..=end).contains(&d);
        // A resolution in the period places the row there, whatever its receipt says (a
        // receipt after the resolution is itself a date error).
        if let On(resolved) = self.resolved
            && in_period(resolved)
        {
            return true;
        }
        match (self.received, self.resolved) {
            // Received after the period: never in its report, whatever the as-of date.
            (On(received), _) if received > end => false,
            (On(received), _) if in_period(received) => true,
            // Open, or its resolution unknown: it may be open at the as-of date.
            (_, Blank | Unreadable) => true,
            // Resolved after the as-of date: open at it.
            (_, On(resolved)) if resolved > as_of => true,
            // Resolved before the period, or received and resolved outside it.
            (On(_), On(_)) => false,
            // Its receipt unknown: resolved after the period started, it may have been
            // received in the period.
            (Blank | Unreadable, On(resolved)) => resolved >= start,
        }
    }
}

/// Why a kept row deserves a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningKind {
    /// The holding reply is dated after the resolution; it is ignored.
    HoldingReplyAfterResolution,
    /// A referral to the EU ODR platform dated after its shutdown on 2025-07-20.
    ReferralAfterOdrShutdown,
    /// Received after the day of the run (`--today`): an export cannot know of a complaint
    /// not yet received, so the date is wrong. Left out of the report, as every row received
    /// after the as-of date is (those are counted, not listed: a past period run on a later
    /// export has many, and they are not errors).
    ReceivedAfterRunDate,
    /// A redress amount that is not an amount, or reads two ways (`1,234`): the case is kept
    /// (no deadline depends on it) and its amount counts as missing.
    UnreadableAmount,
    /// A redress amount marked with a currency other than the policy's (`1000 EUR` under
    /// NOK, `kr` under EUR): never summed with the policy's amounts; the case is kept and its
    /// amount counts as missing.
    AmountInOtherCurrency,
}

impl WarningKind {
    pub const ALL: [WarningKind; 5] = [
        Self::HoldingReplyAfterResolution,
        Self::ReferralAfterOdrShutdown,
        Self::ReceivedAfterRunDate,
        Self::UnreadableAmount,
        Self::AmountInOtherCurrency,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::HoldingReplyAfterResolution => "holding_reply_after_resolution",
            Self::ReferralAfterOdrShutdown => "referral_after_odr_shutdown",
            Self::ReceivedAfterRunDate => "received_after_run_date",
            Self::UnreadableAmount => "unreadable_amount",
            Self::AmountInOtherCurrency => "amount_in_other_currency",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kept row with a remark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: u64,
    pub case_id: String,
    pub kind: WarningKind,
    pub column: String,
    pub value: String,
    /// The first day the remark can be made (the later of the dates it is about): a report
    /// as of an earlier day leaves it out, as it leaves out those dates.
    pub known_from: chrono::NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::DateRead::*;
    use super::*;
    use chrono::NaiveDate;

    fn d(text: &str) -> DateRead {
        On(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
    }

    /// December 2025 as of 31 December, and the same month run late, as of 10 January.
    #[test]
    fn which_rejected_rows_may_belong_to_the_period() {
        let december = (
            NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        );
        let year_end = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        let january = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        let unparseable = RejectReason::UnparseableDate;
        #[rustfmt::skip]
        let table = [
            // (receipt, resolution, reason, as of, may belong)
            // 31.11.2025 as the receipt of an open case: cannot be placed, may be open.
            (Unreadable, Blank, unparseable, year_end, true),
            // An open case with no receipt date.
            (Blank, Blank, RejectReason::MissingReceivedDate, year_end, true),
            // Received in November, its resolution unreadable: it may be open.
            (d("2025-11-03"), Unreadable, unparseable, year_end, true),
            // Received before the period, still open.
            (d("2025-10-01"), Blank, RejectReason::HoldingReplyBeforeReceived, year_end, true),
            // Resolved before the period began (Christmas of the year before, 30 November).
            (d("2024-12-24"), d("2025-11-30"), RejectReason::HoldingReplyBeforeReceived, year_end, false),
            // Its receipt unreadable, but resolved before the period: not in it.
            (Unreadable, d("2025-11-28"), unparseable, year_end, false),
            // Its receipt unreadable, resolved on 1 December: may have been received in it.
            (Unreadable, d("2025-12-01"), unparseable, year_end, true),
            // Resolved in the period, received later (a date error): the resolution places it.
            (d("2026-01-05"), d("2025-12-17"), RejectReason::ResolvedBeforeReceived, year_end, true),
            // Received in the period, "resolved" before it (a date error): the receipt does.
            (d("2025-12-05"), d("2025-11-28"), RejectReason::ResolvedBeforeReceived, year_end, true),
            // Received after the period: not one of its cases, whatever the as-of date.
            (d("2026-01-02"), Blank, unparseable, year_end, false),
            (d("2026-01-02"), Blank, unparseable, january, false),
            // Resolved on 5 January, received before the period: open at 31 December...
            (d("2025-11-14"), d("2026-01-05"), unparseable, year_end, true),
            // ...closed before 10 January, outside the period both ways.
            (d("2025-11-14"), d("2026-01-05"), unparseable, january, false),
            // A row whose fields cannot be told apart.
            (Unreadable, Unreadable, RejectReason::WrongFieldCount, year_end, true),
            // An empty row is no complaint; an exact copy's case is counted from its first row.
            (Blank, Blank, RejectReason::EmptyRow, year_end, false),
            (d("2025-12-02"), Blank, RejectReason::Duplicate, year_end, false),
            // A conflicting duplicate received on 17 May and still open: its case is in no figure.
            (d("2025-05-17"), Blank, RejectReason::ConflictingDuplicate, year_end, true),
        ];
        for (received, resolved, reason, as_of, expected) in table {
            let span = RowSpan { received, resolved };
            assert_eq!(
                span.may_belong(reason, december, as_of),
                expected,
                "{span:?} {reason} as of {as_of}"
            );
        }
    }
}
