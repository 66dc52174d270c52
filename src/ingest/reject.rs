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
