//! The deadline rules for one complaint: its deadlines, and where it stands at a date.
//!
//! The counting convention (EU Regulation 1182/71; domstolloven §§ 148–149): the day of
//! receipt does not count; a limit of N working days ends on the N-th working day *after*
//! the day of receipt, also when receipt fell on a non-working day (the first working day
//! after it is then day 1); a calendar-day limit ends N days after receipt, moved forward to
//! the next working day when that is not one. The working days elapsed at a date D are the
//! working days in (receipt, D].
//!
//! These functions are the reference: the vectorised polars evaluation is tested against
//! them.

use std::fmt;

use chrono::NaiveDate;

use crate::calendar::{Calendar, OutOfRange};
use crate::policy::{FinalLimitUnit, Policy};
use crate::status::Status;

/// The deadlines of a complaint received on `received`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    pub received: NaiveDate,
    /// The `first_limit`-th working day after the day of receipt.
    pub first: NaiveDate,
    /// The deadline that applies when a holding reply was sent by the first deadline.
    pub last: NaiveDate,
}

impl Deadlines {
    pub fn compute(
        policy: &Policy,
        calendar: &Calendar,
        received: NaiveDate,
    ) -> Result<Self, OutOfRange> {
        let first = calendar.nth_working_day_after(received, policy.first_limit)?;
        let last = match policy.final_limit_unit {
            FinalLimitUnit::WorkingDays => {
                calendar.nth_working_day_after(received, policy.final_limit)?
            }
            FinalLimitUnit::CalendarDays => {
                let nominal = received
                    .checked_add_days(chrono::Days::new(policy.final_limit.into()))
                    .ok_or(OutOfRange::date(received))?;
                calendar.roll_forward(nominal)?
            }
        };
        Ok(Deadlines {
            received,
            first,
            last,
        })
    }
}

/// The dated facts of one complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    pub received: NaiveDate,
    pub holding_reply: Option<NaiveDate>,
    pub resolved: Option<NaiveDate>,
}

/// Facts that contradict each other; the case cannot be assessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseError {
    HoldingReplyBeforeReceipt { holding_reply: NaiveDate },
    ResolvedBeforeReceipt { resolved: NaiveDate },
    AsOfBeforeReceipt { as_of: NaiveDate },
    Calendar(OutOfRange),
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::HoldingReplyBeforeReceipt { holding_reply } => {
                write!(
                    f,
                    "holding reply {holding_reply} is before the receipt date"
                )
            }
            Self::ResolvedBeforeReceipt { resolved } => {
                write!(f, "resolution {resolved} is before the receipt date")
            }
            Self::AsOfBeforeReceipt { as_of } => write!(
                f,
                "as-of date {as_of} is before the receipt date: the complaint was not yet received"
            ),
            Self::Calendar(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CaseError {}

impl From<OutOfRange> for CaseError {
    fn from(e: OutOfRange) -> Self {
        Self::Calendar(e)
    }
}

/// Why a holding reply did not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldingReplyIgnored {
    /// Sent after the case was resolved: it held nothing.
    AfterResolution,
    /// Dated after the as-of date: not sent yet at the date assessed.
    AfterAsOf,
}

/// Where a case stands: at its resolution, or at the as-of date if it was not resolved by
/// then. Without either date only the deadlines are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub deadlines: Deadlines,
    /// The resolution date, if the case was resolved (by the as-of date, when one is given).
    pub resolved: Option<NaiveDate>,
    /// A holding reply sent on or before the first deadline (and before resolution).
    pub timely_holding_reply: bool,
    pub holding_reply_ignored: Option<HoldingReplyIgnored>,
    /// The date the case is assessed at: its resolution, else the as-of date.
    pub assessed_at: Option<NaiveDate>,
    /// The final deadline with a timely holding reply, else the first.
    pub applicable_deadline: NaiveDate,
    pub working_days_elapsed: Option<i64>,
    pub calendar_days_elapsed: Option<i64>,
    pub status: Option<Status>,
    /// Working days past the applicable deadline at the assessed date; 0 if not past it.
    pub days_over_limit: Option<i64>,
    /// For an open case: working days in (as-of, applicable deadline], 0 once overdue.
    pub working_days_left: Option<i64>,
}

impl Case {
    /// Assesses the case at its resolution or at `as_of`. A resolution after `as_of` is not
    /// known at `as_of`: the case is open then, so that re-running a past period gives the
    /// same answer.
    pub fn assess(
        &self,
        policy: &Policy,
        calendar: &Calendar,
        as_of: Option<NaiveDate>,
    ) -> Result<Assessment, CaseError> {
        let received = self.received;
        if let Some(holding_reply) = self.holding_reply.filter(|h| *h < received) {
            return Err(CaseError::HoldingReplyBeforeReceipt { holding_reply });
        }
        if let Some(resolved) = self.resolved.filter(|r| *r < received) {
            return Err(CaseError::ResolvedBeforeReceipt { resolved });
        }
        if let Some(as_of) = as_of.filter(|a| *a < received) {
            return Err(CaseError::AsOfBeforeReceipt { as_of });
        }
        let deadlines = Deadlines::compute(policy, calendar, received)?;
        let resolved = self
            .resolved
            .filter(|r| as_of.is_none_or(|as_of| *r <= as_of));
        let assessed_at = resolved.or(as_of);

        let holding_reply_ignored = match (self.holding_reply, resolved, as_of) {
            (Some(h), Some(r), _) if h > r => Some(HoldingReplyIgnored::AfterResolution),
            (Some(h), None, Some(as_of)) if h > as_of => Some(HoldingReplyIgnored::AfterAsOf),
            _ => None,
        };
        let timely_holding_reply = holding_reply_ignored.is_none()
            && self.holding_reply.is_some_and(|h| h <= deadlines.first);
        let applicable_deadline = if timely_holding_reply {
            deadlines.last
        } else {
            deadlines.first
        };

        let mut assessment = Assessment {
            deadlines,
            resolved,
            timely_holding_reply,
            holding_reply_ignored,
            assessed_at,
            applicable_deadline,
            working_days_elapsed: None,
            calendar_days_elapsed: None,
            status: None,
            days_over_limit: None,
            working_days_left: None,
        };
        let Some(at) = assessed_at else {
            return Ok(assessment);
        };
        assessment.working_days_elapsed = Some(calendar.working_days_between(received, at)?);
        assessment.calendar_days_elapsed = Some((at - received).num_days());
        assessment.days_over_limit = Some(
            calendar
                .working_days_between(applicable_deadline, at)?
                .max(0),
        );
        assessment.status = Some(match resolved {
            Some(r) if r <= deadlines.first => Status::ResolvedOnTime,
            Some(r) if r > deadlines.last => Status::BreachFinalDeadline,
            Some(_) if timely_holding_reply => Status::ResolvedExtended,
            Some(_) => Status::BreachNoHoldingReply,
            None => {
                let left = calendar.working_days_between(at, applicable_deadline)?;
                assessment.working_days_left = Some(left.max(0));
                if at > applicable_deadline {
                    Status::OpenOverdue
                } else if left <= i64::from(policy.at_risk_window) {
                    Status::OpenAtRisk
                } else {
                    Status::OpenOnTrack
                }
            }
        });
        Ok(assessment)
    }
}
