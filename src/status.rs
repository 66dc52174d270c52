//! The status vocabulary, used by `deadline` and by every report.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Resolved on or before the first deadline.
    ResolvedOnTime,
    /// Resolved after the first deadline, with a holding reply on or before it, and on or
    /// before the final deadline.
    ResolvedExtended,
    /// Resolved after the first deadline and on or before the final one, without a timely
    /// holding reply.
    BreachNoHoldingReply,
    /// Resolved after the final deadline.
    BreachFinalDeadline,
    /// Not resolved by the as-of date, which is past the applicable deadline.
    OpenOverdue,
    /// Not resolved; at most the at-risk window of working days left.
    OpenAtRisk,
    /// Not resolved; more working days left than the at-risk window.
    OpenOnTrack,
}

impl Status {
    /// Every status, in report order.
    pub const ALL: [Status; 7] = [
        Self::ResolvedOnTime,
        Self::ResolvedExtended,
        Self::BreachNoHoldingReply,
        Self::BreachFinalDeadline,
        Self::OpenOverdue,
        Self::OpenAtRisk,
        Self::OpenOnTrack,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ResolvedOnTime => "resolved_on_time",
            Self::ResolvedExtended => "resolved_extended",
            Self::BreachNoHoldingReply => "breach_no_holding_reply",
            Self::BreachFinalDeadline => "breach_final_deadline",
            Self::OpenOverdue => "open_overdue",
            Self::OpenAtRisk => "open_at_risk",
            Self::OpenOnTrack => "open_on_track",
        }
    }

    /// The status named `text` (`resolved_on_time`, ...).
    pub fn parse(text: &str) -> Option<Status> {
        // Told apart by length and a byte or two, then compared whole at a fixed length (which
        // compiles to a few word compares, not a call): figures parse the status of every
        // evaluated row, ten million on a large history. The test below checks it against
        // `as_str`.
        fn is<const N: usize>(b: &[u8], word: &[u8; N]) -> bool {
            <&[u8; N]>::try_from(b).is_ok_and(|b| b == word)
        }
        let b = text.as_bytes();
        let (status, same) = match (b.len(), b.get(5)) {
            (16, _) => (Self::ResolvedOnTime, is(b, b"resolved_on_time")),
            (17, _) => (Self::ResolvedExtended, is(b, b"resolved_extended")),
            (23, _) => (
                Self::BreachNoHoldingReply,
                is(b, b"breach_no_holding_reply"),
            ),
            (21, _) => (Self::BreachFinalDeadline, is(b, b"breach_final_deadline")),
            (12, Some(b'o')) => (Self::OpenOverdue, is(b, b"open_overdue")),
            (12, Some(b'a')) => (Self::OpenAtRisk, is(b, b"open_at_risk")),
            (13, _) => (Self::OpenOnTrack, is(b, b"open_on_track")),
            _ => return None,
        };
        debug_assert!(!same || status.as_str() == text);
        same.then_some(status)
    }

    /// A limit was, or is being, broken.
    pub fn is_breach(self) -> bool {
        matches!(
            self,
            Self::BreachNoHoldingReply | Self::BreachFinalDeadline | Self::OpenOverdue
        )
    }

    /// What the status means, in a sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::ResolvedOnTime => "resolved on or before the first deadline",
            Self::ResolvedExtended => {
                "resolved after the first deadline but on or before the final deadline, with a \
                 timely holding reply"
            }
            Self::BreachNoHoldingReply => {
                "resolved after the first deadline without a timely holding reply"
            }
            Self::BreachFinalDeadline => "resolved after the final deadline",
            Self::OpenOverdue => "not resolved, and past its applicable deadline",
            Self::OpenAtRisk => "not resolved, and close to its applicable deadline",
            Self::OpenOnTrack => "not resolved, with time left",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_and_nothing_else_does() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        for other in [
            "",
            "open",
            "open_overdu",
            "open_overduE",
            "open_xt_risk",
            "resolved_on_timE",
            "breach",
            "Resolved_on_time",
        ] {
            assert_eq!(Status::parse(other), None, "{other}");
        }
    }

    #[test]
    fn names_are_the_vocabulary() {
        let names: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            names,
            [
                "resolved_on_time",
                "resolved_extended",
                "breach_no_holding_reply",
                "breach_final_deadline",
                "open_overdue",
                "open_at_risk",
                "open_on_track"
            ]
        );
        let breaches: Vec<_> = Status::ALL.into_iter().filter(|s| s.is_breach()).collect();
        assert_eq!(
            breaches,
            [
                Status::BreachNoHoldingReply,
                Status::BreachFinalDeadline,
                Status::OpenOverdue
            ]
        );
    }
}
