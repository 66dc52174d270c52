//! The verdict: whether the period's obligations were met, in one sentence with its counts.
//!
//! A breach is a case answered late or a case open past its deadline; the verdict always gives
//! the two parts, and each part its own split: the late answers by kind (after the first
//! deadline without a timely holding reply, after the final deadline), and the overdue open
//! cases by when they became overdue (in the period, or already at its start).

use anyhow::Result;
use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::period::Period;
use crate::report::lang::Texts;
use crate::status::Status;

/// The verdict's counts. `resolved_late` and `open_overdue` add up to every breach in the
/// report (the cases of the Breaches sheet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// `met`, `not_met`, or `no_cases` (nothing received, resolved or open in the period).
    pub verdict: &'static str,
    pub resolved_in_period: u64,
    /// Resolved in the period after the applicable deadline:
    /// `late_no_timely_holding_reply + late_after_final_deadline`.
    pub resolved_late: u64,
    /// Status `breach_no_holding_reply`, resolved in the period.
    pub late_no_timely_holding_reply: u64,
    /// Status `breach_final_deadline`, resolved in the period.
    pub late_after_final_deadline: u64,
    /// Received in the period and resolved late after it, by a later as-of date (zero unless
    /// the as-of date is after the period's end).
    pub resolved_late_after_period: u64,
    /// Open at the as-of date and past the applicable deadline:
    /// `overdue_at_start + became_overdue_in_period + became_overdue_after_period`.
    pub open_overdue: u64,
    /// Whose applicable deadline was before the period's first day.
    pub overdue_at_start: u64,
    /// Whose applicable deadline was on a day of the period before its last.
    pub became_overdue_in_period: u64,
    /// Whose applicable deadline was on or after the period's last day (the as-of date is
    /// later than it).
    pub became_overdue_after_period: u64,
}

impl Verdict {
    /// Counts the verdict from the report's cases.
    pub fn of(cases: &DataFrame, period: &Period) -> Result<Self> {
        let status = cases.column("status")?.str()?.rechunk().into_owned();
        let in_period = cases.column("resolved_in_period")?.bool()?.rechunk();
        let deadline = cases
            .column("applicable_deadline")?
            .cast(&DataType::Int32)?
            .i32()?
            .rechunk()
            .into_owned();
        let day = |d: NaiveDate| crate::business_days::epoch_days(d);
        let (start, end) = (day(period.start), day(period.end));
        let mut v = Verdict::default();
        for ((status, in_period), deadline) in
            status.iter().zip(in_period.iter()).zip(deadline.iter())
        {
            let in_period = in_period == Some(true);
            match status.and_then(Status::parse) {
                Some(Status::BreachNoHoldingReply) if in_period => {
                    v.late_no_timely_holding_reply += 1
                }
                Some(Status::BreachFinalDeadline) if in_period => v.late_after_final_deadline += 1,
                Some(Status::BreachNoHoldingReply | Status::BreachFinalDeadline) => {
                    v.resolved_late_after_period += 1
                }
                Some(Status::OpenOverdue) => match deadline {
                    Some(d) if d < start => v.overdue_at_start += 1,
                    Some(d) if d < end => v.became_overdue_in_period += 1,
                    _ => v.became_overdue_after_period += 1,
                },
                _ => {}
            }
            v.resolved_in_period += u64::from(in_period);
        }
        v.resolved_late = v.late_no_timely_holding_reply + v.late_after_final_deadline;
        v.open_overdue =
            v.overdue_at_start + v.became_overdue_in_period + v.became_overdue_after_period;
        v.verdict = if cases.height() == 0 {
            "no_cases"
        } else if v.breaches() == 0 {
            "met"
        } else {
            "not_met"
        };
        Ok(v)
    }

    /// Every breach: late answers (in the period or after it) and open cases past the
    /// deadline.
    pub fn breaches(&self) -> u64 {
        self.resolved_late + self.resolved_late_after_period + self.open_overdue
    }

    /// The verdict in one sentence, in the language of `t`, then what questions the data it
    /// rests on: `caveat`, the key of the words that point at the warnings (which differ
    /// between a report and the terminal), and how many `rejected` rows are in no figure and
    /// how many of those may belong to the period.
    pub fn sentence(&self, t: &Texts, caveat: Option<&str>, rejected: (u64, u64)) -> String {
        let mut text = match self.verdict {
            "no_cases" => t.get("verdict.no_cases").to_string(),
            "met" => t.fill(
                "verdict.met",
                &[
                    ("resolved", &self.resolved_part(t)),
                    ("open", &self.open_part(t)),
                ],
            ),
            _ => {
                let mut parts = vec![self.resolved_part(t), self.open_part(t)];
                let n = self.resolved_late_after_period;
                if n > 0 {
                    let key = if n == 1 {
                        "verdict.late_after_period_one"
                    } else {
                        "verdict.late_after_period"
                    };
                    parts.push(t.fill(key, &[("n", &n)]));
                }
                t.fill("verdict.not_met", &[("parts", &parts.join("; "))])
            }
        };
        if let Some(key) = caveat {
            text.push(' ');
            text.push_str(t.get(key));
        }
        if let Some(note) = Self::rejected_note(t, rejected) {
            text.push(' ');
            text.push_str(&note);
        }
        text
    }

    /// The answered-late part of the breaches: "54 answered late", or with a later as-of date
    /// "54 answered late in the period and 7 after it".
    pub fn late_words(&self, t: &Texts) -> String {
        if self.resolved_late_after_period == 0 {
            t.fill("count.late", &[("n", &self.resolved_late)])
        } else {
            t.fill(
                "count.late_split",
                &[
                    ("n", &self.resolved_late),
                    ("after", &self.resolved_late_after_period),
                ],
            )
        }
    }

    /// "22 rejected rows are in no figure, 9 of which may belong to this period (see Data
    /// quality).", when rows were rejected: a verdict on the rows that could be read says so.
    fn rejected_note(t: &Texts, (rejected, in_period): (u64, u64)) -> Option<String> {
        if rejected == 0 {
            return None;
        }
        let case = crate::report::people::in_period_case(rejected, in_period);
        let key = format!("verdict.rejected_{case}");
        Some(t.fill(&key, &[("n", &rejected), ("k", &in_period)]))
    }

    /// "54 complaints resolved in the period were answered late (20 …, 34 …)".
    fn resolved_part(&self, t: &Texts) -> String {
        match (self.resolved_in_period, self.resolved_late) {
            (0, _) => t.get("verdict.none_resolved").to_string(),
            (_, 0) => t.get("verdict.all_in_time").to_string(),
            (_, n) => t.fill(
                if n == 1 {
                    "verdict.late_one"
                } else {
                    "verdict.late_many"
                },
                &[
                    ("n", &n),
                    ("no_reply", &self.late_no_timely_holding_reply),
                    ("final", &self.late_after_final_deadline),
                ],
            ),
        }
    }

    /// "49 open complaints are past their deadline (26 …, 23 …)".
    fn open_part(&self, t: &Texts) -> String {
        if self.open_overdue == 0 {
            return t.get("verdict.none_overdue").to_string();
        }
        let mut split = t.fill(
            "verdict.overdue_split",
            &[
                ("in_period", &self.became_overdue_in_period),
                ("at_start", &self.overdue_at_start),
            ],
        );
        if self.became_overdue_after_period > 0 {
            split.push_str(&t.fill(
                "verdict.overdue_after",
                &[("n", &self.became_overdue_after_period)],
            ));
        }
        t.fill(
            if self.open_overdue == 1 {
                "verdict.overdue_one"
            } else {
                "verdict.overdue_many"
            },
            &[("n", &self.open_overdue), ("split", &split)],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::lang::Language;

    fn verdict(rows: &[(&str, bool, &str)]) -> Verdict {
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let frame = df!(
            "status" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            "resolved_in_period" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            "applicable_deadline" => rows.iter().map(|r| date(r.2)).collect::<Vec<_>>(),
        )
        .unwrap();
        let period = Period::parse("2025-12").unwrap();
        Verdict::of(&frame, &period).unwrap()
    }

    #[test]
    fn met_when_nothing_is_late_and_nothing_open_is_overdue() {
        let v = verdict(&[
            ("resolved_on_time", true, "2025-12-05"),
            ("resolved_extended", true, "2026-01-09"),
            ("open_at_risk", false, "2026-01-02"),
        ]);
        assert_eq!(v.verdict, "met");
        assert_eq!(
            v.sentence(&Language::En.texts(), None, (0, 0)),
            "Met: every complaint resolved in the period was answered in time, and no open \
             complaint is past its deadline."
        );
        assert_eq!(
            v.sentence(&Language::Nb.texts(), None, (0, 0)),
            "Oppfylt: alle klager som ble løst i perioden, ble besvart i tide, og ingen åpen \
             klage er over fristen."
        );
    }

    #[test]
    fn not_met_gives_both_parts_and_their_splits() {
        // Overdue at the start: the deadline before 1 December; in the period: a deadline
        // from 1 to 30 December (overdue from the next day, still in December).
        let v = verdict(&[
            ("breach_no_holding_reply", true, "2025-12-05"),
            ("breach_final_deadline", true, "2025-11-20"),
            ("breach_final_deadline", true, "2025-12-10"),
            ("open_overdue", false, "2025-11-28"),
            ("open_overdue", false, "2025-12-01"),
            ("open_overdue", false, "2025-12-30"),
        ]);
        assert_eq!((v.resolved_late, v.open_overdue, v.breaches()), (3, 3, 6));
        assert_eq!((v.overdue_at_start, v.became_overdue_in_period), (1, 2));
        assert_eq!(
            v.sentence(&Language::En.texts(), Some("verdict.caveat"), (0, 0)),
            "Not met: 3 complaints resolved in the period were answered late (1 after the first \
             deadline without a timely holding reply, 2 after the final deadline); 3 open \
             complaints are past their deadline (2 became overdue in the period, 1 already \
             overdue at its start). Read it with the warnings below."
        );
    }

    #[test]
    fn one_of_each_is_singular_and_a_later_as_of_date_is_said() {
        let v = verdict(&[
            ("breach_no_holding_reply", true, "2025-12-05"),
            ("breach_final_deadline", false, "2025-12-20"),
            ("open_overdue", false, "2025-12-31"),
        ]);
        assert_eq!(v.resolved_late_after_period, 1);
        assert_eq!(v.became_overdue_after_period, 1);
        assert_eq!(v.breaches(), 3);
        let en = v.sentence(&Language::En.texts(), None, (0, 0));
        assert!(
            en.starts_with("Not met: 1 complaint resolved in the period was answered late"),
            "{en}"
        );
        assert!(en.contains("1 open complaint is past its deadline"), "{en}");
        assert!(en.contains("1 after the period"), "{en}");
        assert!(en.contains("1 more received in the period"), "{en}");
    }

    #[test]
    fn no_cases_is_no_verdict() {
        let v = verdict(&[]);
        assert_eq!(v.verdict, "no_cases");
        assert_eq!(v.breaches(), 0);
        assert!(
            v.sentence(&Language::En.texts(), None, (0, 0))
                .starts_with("Nothing to judge")
        );
    }
}
