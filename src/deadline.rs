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
use crate::status::Status;

/// How the final limit is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinalLimitUnit {
    /// Receipt date + N calendar days, moved forward to the next working day if that is not
    /// one.
    CalendarDays,
    /// The N-th working day after the day of receipt.
    WorkingDays,
}

impl FinalLimitUnit {
    pub const ALL: [FinalLimitUnit; 2] = [Self::CalendarDays, Self::WorkingDays];

    pub fn name(self) -> &'static str {
        match self {
            Self::CalendarDays => "calendar_days",
            Self::WorkingDays => "working_days",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.name() == name)
    }

    pub fn words(self) -> &'static str {
        match self {
            Self::CalendarDays => "calendar days",
            Self::WorkingDays => "working days",
        }
    }
}

/// The limits a policy sets: what the rules for one case need of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The first limit, in working days after the day of receipt.
    pub first_limit: u32,
    /// The final limit, for a case with a timely holding reply.
    pub final_limit: u32,
    pub final_limit_unit: FinalLimitUnit,
    /// An open case is at risk when at most this many working days are left before its
    /// applicable deadline.
    pub at_risk_window: u32,
}

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
        limits: &Limits,
        calendar: &Calendar,
        received: NaiveDate,
    ) -> Result<Self, OutOfRange> {
        let first = calendar.nth_working_day_after(received, limits.first_limit)?;
        let last = match limits.final_limit_unit {
            FinalLimitUnit::WorkingDays => {
                calendar.nth_working_day_after(received, limits.final_limit)?
            }
            FinalLimitUnit::CalendarDays => {
                let nominal = received
                    .checked_add_days(chrono::Days::new(limits.final_limit.into()))
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
        limits: &Limits,
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
        let deadlines = Deadlines::compute(limits, calendar, received)?;
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
                } else if left <= i64::from(limits.at_risk_window) {
                    Status::OpenAtRisk
                } else {
                    Status::OpenOnTrack
                }
            }
        });
        Ok(assessment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CalendarKind;
    use crate::policy::Policy;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn policy(name: &str, kind: CalendarKind) -> Policy {
        Policy {
            calendar: kind,
            ..Policy::built_in(name).unwrap()
        }
    }

    /// Deadlines for one receipt date under a policy (`amex-no`: final limit in calendar
    /// days; `psd2`: in working days) and a calendar. Expected dates were counted by hand and
    /// checked against an independent implementation.
    #[track_caller]
    fn case(received: &str, policy_name: &str, kind: CalendarKind, first: &str, last: &str) {
        let policy = policy(policy_name, kind);
        let deadlines =
            Deadlines::compute(&policy.limits(), &Calendar::new(kind), d(received)).unwrap();
        assert_eq!(
            (deadlines.first, deadlines.last),
            (d(first), d(last)),
            "received {received}, {policy_name}, {kind}"
        );
    }

    #[test]
    fn deadlines_a_lawyer_would_check() {
        use CalendarKind::*;
        // Easter 2025: received the Wednesday before; Maundy Thursday to Easter Monday and
        // 1 May do not count.
        case("2025-04-16", "amex-no", NoBank, "2025-05-13", "2025-05-21");
        // Received on Maundy Thursday itself: day 1 is the Tuesday after Easter.
        case("2025-04-17", "amex-no", NoBank, "2025-05-13", "2025-05-22");
        // Received on a Saturday: Monday is day 1. 35 calendar days end on Saturday 5 April,
        // moved to Monday 7 April.
        case("2025-03-01", "amex-no", NoBank, "2025-03-21", "2025-04-07");
        case("2025-03-01", "psd2", NoBank, "2025-03-21", "2025-04-23");
        case("2025-03-01", "amex-no", NoLegal, "2025-03-19", "2025-04-05");
        case("2025-03-01", "psd2", Weekdays, "2025-03-21", "2025-04-18");
        // Over the year end: 24, 25, 26 December and 1 January are bank closures; 31 December
        // is a settlement day (Norges Bank) and counts.
        case("2024-12-20", "amex-no", NoBank, "2025-01-16", "2025-01-24");
        case("2024-12-20", "psd2", NoBank, "2025-01-16", "2025-02-13");
        case("2025-12-19", "amex-no", NoBank, "2026-01-15", "2026-01-23");
        case("2025-12-19", "psd2", NoBank, "2026-01-15", "2026-02-12");
        case("2025-12-22", "amex-no", NoBank, "2026-01-16", "2026-01-26");
        case("2025-12-23", "psd2", NoBank, "2026-01-19", "2026-02-16");
        case("2026-12-23", "amex-no", NoBank, "2027-01-18", "2027-01-27");
        // Before 2002 NBO was open on Christmas Eve: 24 (Monday) and 31 December count.
        case("2001-12-21", "amex-no", NoBank, "2002-01-16", "2002-01-25");
        case("2001-12-21", "psd2", NoBank, "2002-01-16", "2002-02-13");
        // Under no-legal, Saturdays and 24/31 December count; under weekdays, every weekday.
        case("2025-12-19", "amex-no", NoLegal, "2026-01-09", "2026-01-23");
        case(
            "2025-12-19",
            "amex-no",
            Weekdays,
            "2026-01-09",
            "2026-01-23",
        );
        case("2025-12-31", "amex-no", NoBank, "2026-01-22", "2026-02-04");
        case("2026-12-24", "psd2", NoLegal, "2027-01-14", "2027-02-06");
        // 35 calendar days end on Christmas Day: moved past Boxing Day and the weekend.
        case("2025-11-20", "amex-no", NoBank, "2025-12-11", "2025-12-29");
        // ... on Easter Sunday 2026: moved past Easter Monday.
        case("2026-03-01", "amex-no", NoBank, "2026-03-20", "2026-04-07");
        // ... on 17 May (a Saturday in 2025): moved to Monday 19 May.
        case("2025-04-12", "amex-no", NoBank, "2025-05-08", "2025-05-19");
        // 17 May on a Saturday matters only where Saturdays are working days.
        case("2025-05-16", "amex-no", NoLegal, "2025-06-05", "2025-06-20");
        case("2025-05-16", "amex-no", NoBank, "2025-06-10", "2025-06-20");
        // 1947: 1 and 17 May become holidays.
        case("1946-04-30", "amex-no", NoBank, "1946-05-21", "1946-06-04");
        case("1947-04-30", "amex-no", NoBank, "1947-05-23", "1947-06-04");
        // Ascension Day on 1 May 2008: one closure, not two.
        case("2008-04-25", "psd2", NoBank, "2008-05-20", "2008-06-17");
        // Centuries: 1900 and 2100 are not leap years, 2000 is.
        case("1900-01-01", "psd2", NoBank, "1900-01-22", "1900-02-19");
        case("1900-02-26", "amex-no", NoBank, "1900-03-19", "1900-04-02");
        case("2000-02-25", "psd2", NoLegal, "2000-03-14", "2000-04-06");
        case("2100-02-26", "amex-no", NoBank, "2100-03-19", "2100-04-02");
        case("2199-11-20", "amex-no", NoBank, "2199-12-11", "2199-12-27");
    }

    #[test]
    fn a_deadline_beyond_the_calendar_is_an_error() {
        let policy = Policy::amex_no();
        let calendar = Calendar::new(CalendarKind::NoBank);
        // The first deadline (22 December) fits; 1 December + 35 days does not.
        let err = Deadlines::compute(&policy.limits(), &calendar, d("2199-12-01")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "2200-01-05 is outside the supported calendar range (years 1900 to 2199)"
        );
    }

    /// A case received Wednesday 16 April 2025 (amex-no, no-bank): first deadline Tuesday
    /// 13 May, final deadline Wednesday 21 May.
    #[track_caller]
    fn status(
        holding_reply: Option<&str>,
        resolved: Option<&str>,
        as_of: Option<&str>,
        expected: Status,
        elapsed: i64,
    ) -> Assessment {
        let case = Case {
            received: d("2025-04-16"),
            holding_reply: holding_reply.map(d),
            resolved: resolved.map(d),
        };
        let assessment = case
            .assess(
                &Policy::amex_no().limits(),
                &Calendar::new(CalendarKind::NoBank),
                as_of.map(d),
            )
            .unwrap();
        assert_eq!(
            assessment.status,
            Some(expected),
            "{case:?} as of {as_of:?}"
        );
        assert_eq!(
            assessment.working_days_elapsed,
            Some(elapsed),
            "{case:?} as of {as_of:?}"
        );
        assessment
    }

    #[test]
    fn statuses_of_resolved_cases() {
        use Status::*;
        let on_deadline = status(None, Some("2025-05-13"), None, ResolvedOnTime, 15);
        assert_eq!(on_deadline.days_over_limit, Some(0));
        status(None, Some("2025-04-16"), None, ResolvedOnTime, 0);
        status(
            Some("2025-05-13"),
            Some("2025-05-14"),
            None,
            ResolvedExtended,
            16,
        );
        status(
            Some("2025-05-02"),
            Some("2025-05-21"),
            None,
            ResolvedExtended,
            21,
        );
        let late_reply = status(
            Some("2025-05-14"),
            Some("2025-05-14"),
            None,
            BreachNoHoldingReply,
            16,
        );
        assert!(!late_reply.timely_holding_reply);
        let no_reply = status(None, Some("2025-05-16"), None, BreachNoHoldingReply, 18);
        assert_eq!(no_reply.days_over_limit, Some(3));
        let too_late = status(
            Some("2025-05-02"),
            Some("2025-05-22"),
            None,
            BreachFinalDeadline,
            22,
        );
        assert_eq!(
            too_late.days_over_limit,
            Some(1),
            "one working day past the final deadline"
        );
        status(None, Some("2025-05-22"), None, BreachFinalDeadline, 22);
        // A holding reply after the resolution held nothing.
        let after = status(
            Some("2025-05-15"),
            Some("2025-05-14"),
            None,
            BreachNoHoldingReply,
            16,
        );
        assert_eq!(
            after.holding_reply_ignored,
            Some(HoldingReplyIgnored::AfterResolution)
        );
        // Resolved in time, as of a later date: resolved_on_time.
        status(
            None,
            Some("2025-05-02"),
            Some("2025-06-30"),
            ResolvedOnTime,
            8,
        );
    }

    #[test]
    fn statuses_of_open_cases() {
        use Status::*;
        let on_track = status(None, None, Some("2025-05-07"), OpenOnTrack, 11);
        assert_eq!(on_track.working_days_left, Some(4));
        let at_risk = status(None, None, Some("2025-05-08"), OpenAtRisk, 12);
        assert_eq!(at_risk.working_days_left, Some(3));
        let on_the_day = status(None, None, Some("2025-05-13"), OpenAtRisk, 15);
        assert_eq!(on_the_day.working_days_left, Some(0));
        let overdue = status(None, None, Some("2025-05-14"), OpenOverdue, 16);
        assert_eq!(
            (overdue.working_days_left, overdue.days_over_limit),
            (Some(0), Some(1))
        );
        // A timely holding reply moves the applicable deadline to the final one.
        let held = status(
            Some("2025-05-02"),
            None,
            Some("2025-05-14"),
            OpenOnTrack,
            16,
        );
        assert_eq!(held.applicable_deadline, d("2025-05-21"));
        assert_eq!(held.working_days_left, Some(5));
        status(Some("2025-05-02"), None, Some("2025-05-16"), OpenAtRisk, 18);
        let past_final = status(
            Some("2025-05-02"),
            None,
            Some("2025-05-22"),
            OpenOverdue,
            22,
        );
        assert_eq!(past_final.days_over_limit, Some(1));
        // No reply by the first deadline: overdue the day after, though the final deadline
        // has not passed.
        status(None, None, Some("2025-05-20"), OpenOverdue, 20);
        // A resolution after the as-of date is not known then: open (re-runs agree).
        let later = status(None, Some("2025-05-20"), Some("2025-05-09"), OpenAtRisk, 13);
        assert_eq!(later.resolved, None);
        // A holding reply dated after the as-of date is not counted yet.
        let future_reply = status(Some("2025-05-12"), None, Some("2025-05-09"), OpenAtRisk, 13);
        assert_eq!(
            future_reply.holding_reply_ignored,
            Some(HoldingReplyIgnored::AfterAsOf)
        );
        assert_eq!(future_reply.applicable_deadline, d("2025-05-13"));
        // As of the day of receipt: nothing elapsed.
        status(None, None, Some("2025-04-16"), OpenOnTrack, 0);
    }

    #[test]
    fn overdue_on_a_weekend_has_zero_working_days_over() {
        // Received Saturday 1 March 2025; first deadline Friday 21 March. As of Saturday
        // 22 March the deadline has passed, but no working day has.
        let case = Case {
            received: d("2025-03-01"),
            holding_reply: None,
            resolved: None,
        };
        let a = case
            .assess(
                &Policy::amex_no().limits(),
                &Calendar::new(CalendarKind::NoBank),
                Some(d("2025-03-22")),
            )
            .unwrap();
        assert_eq!(a.status, Some(Status::OpenOverdue));
        assert_eq!(
            (a.days_over_limit, a.working_days_elapsed),
            (Some(0), Some(15))
        );
    }

    #[test]
    fn the_policy_decides_a_late_final_answer() {
        // Received Saturday 1 March 2025 with a holding reply on 20 March, resolved Tuesday
        // 22 April: within 35 working days (psd2: 23 April), not within 35 calendar days
        // (amex-no: 7 April).
        let case = Case {
            received: d("2025-03-01"),
            holding_reply: Some(d("2025-03-20")),
            resolved: Some(d("2025-04-22")),
        };
        let calendar = Calendar::new(CalendarKind::NoBank);
        let psd2 = case
            .assess(&Policy::psd2().limits(), &calendar, None)
            .unwrap();
        let amex = case
            .assess(&Policy::amex_no().limits(), &calendar, None)
            .unwrap();
        assert_eq!(psd2.status, Some(Status::ResolvedExtended));
        assert_eq!(amex.status, Some(Status::BreachFinalDeadline));
        assert_eq!(amex.days_over_limit, Some(8));
        assert_eq!(psd2.working_days_elapsed, Some(34));
    }

    #[test]
    fn contradictory_dates_are_errors() {
        let calendar = Calendar::new(CalendarKind::NoBank);
        let policy = Policy::amex_no();
        let case = |h: Option<&str>, r: Option<&str>| Case {
            received: d("2025-04-16"),
            holding_reply: h.map(d),
            resolved: r.map(d),
        };
        assert_eq!(
            case(Some("2025-04-15"), None).assess(&policy.limits(), &calendar, None),
            Err(CaseError::HoldingReplyBeforeReceipt {
                holding_reply: d("2025-04-15")
            })
        );
        assert_eq!(
            case(None, Some("2025-04-01")).assess(&policy.limits(), &calendar, None),
            Err(CaseError::ResolvedBeforeReceipt {
                resolved: d("2025-04-01")
            })
        );
        assert_eq!(
            case(None, None).assess(&policy.limits(), &calendar, Some(d("2025-04-15"))),
            Err(CaseError::AsOfBeforeReceipt {
                as_of: d("2025-04-15")
            })
        );
        // Without resolution or as-of date only the deadlines are known.
        let bare = case(None, None)
            .assess(&policy.limits(), &calendar, None)
            .unwrap();
        assert_eq!((bare.status, bare.working_days_elapsed), (None, None));
    }
}
