//! When several headers could be one date column (`Løst`, a yes/no flag, beside `Løst dato`;
//! `Foreløpig svar` beside `Foreløpig svar dato`), the file's content chooses: the header whose
//! values are dates. The names alone would pick the first alias in the list, and every flagged
//! row would then be rejected as an unparseable date.
//!
//! The rule, per column, over the candidate headers' non-empty values:
//! - the header whose values are mostly dates (at least as many dates as other values) is
//!   chosen; a flag or a text column, even with a stray date in it, is passed over;
//! - when several hold mostly dates (ServiceNow's `opened_at` and `sys_created_on`), the names
//!   decide as they always did (the canonical name, then the aliases in order), and the choice
//!   is said;
//! - when none does, an empty candidate is chosen (a date column with no date yet beside a
//!   flag); when none is empty either, content cannot decide: exit 2 names the candidates and
//!   the `--map` that settles it.

use anyhow::Result;

use crate::columns::{Canonical, ColumnMap};
use crate::date_input::{self, DateOrder};
use crate::error::BadInput;

/// What one candidate header's values look like.
#[derive(Debug, Clone, Default)]
pub(super) struct Tally {
    /// Non-empty values that are dates or timestamps (in either order of a slash date).
    pub(super) dates: u64,
    /// Non-empty values that are not.
    pub(super) others: u64,
}

impl Tally {
    pub(super) fn see(&mut self, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let is_date = [DateOrder::DayFirst, DateOrder::MonthFirst]
            .into_iter()
            .any(|order| date_input::parse_with(value, Some(order)).is_ok());
        if is_date {
            self.dates += 1;
        } else {
            self.others += 1;
        }
    }

    /// The tally in words. It never quotes a value: the column may be personal data that
    /// `--redact` leaves out.
    fn words(&self) -> String {
        match (self.dates, self.others) {
            (0, 0) => "no values".to_string(),
            (d, 0) => format!("{d} dates"),
            (0, o) => format!("{o} values, none a date"),
            (d, o) => format!("{d} dates and {o} other values"),
        }
    }

    /// Whether most of the values are dates: a flag column with one stray date is not.
    fn holds_dates(&self) -> bool {
        self.dates > 0 && self.dates >= self.others
    }
}

/// The choices made for one file: the map to read it with, and a sentence per choice.
#[derive(Debug)]
pub(super) struct Settled {
    pub(super) columns: ColumnMap,
    pub(super) notes: Vec<String>,
}

impl Settled {
    /// No choice to make: the map as it is.
    pub(super) fn none(columns: &ColumnMap) -> Self {
        Settled {
            columns: columns.clone(),
            notes: Vec::new(),
        }
    }
}

/// Settles the look-alike date headers of a file whose values are at hand: `see(field, tally)`
/// shows a candidate field's values to its tally.
pub(super) fn settle_look_alikes(
    headers: &[String],
    options: &super::IngestOptions,
    see: impl Fn(usize, &mut Tally),
) -> Result<Settled> {
    let candidates = options.columns.look_alike_dates(headers);
    if candidates.is_empty() {
        return Ok(Settled::none(options.columns));
    }
    settle(options.columns, headers, &candidates, &|field| {
        let mut tally = Tally::default();
        see(field, &mut tally);
        tally
    })
}

/// Chooses among look-alike headers by the tallies of their values (`tallies[field]`, for the
/// candidate fields). `where_` names the file for the error.
pub(super) fn settle(
    columns: &ColumnMap,
    headers: &[String],
    candidates: &[(Canonical, Vec<usize>)],
    tallies: &dyn Fn(usize) -> Tally,
) -> Result<Settled> {
    let mut map = columns.clone();
    let mut notes = Vec::new();
    for (column, fields) in candidates {
        let seen: Vec<(usize, Tally)> = fields.iter().map(|&f| (f, tallies(f))).collect();
        let holding_dates: Vec<&(usize, Tally)> =
            seen.iter().filter(|(_, t)| t.holds_dates()).collect();
        let empty: Vec<&(usize, Tally)> = seen
            .iter()
            .filter(|(_, t)| t.dates == 0 && t.others == 0)
            .collect();
        let described = || {
            seen.iter()
                .map(|(f, t)| format!("'{}' ({})", headers[*f], t.words()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (chosen, why) = match (holding_dates.as_slice(), empty.as_slice()) {
            ([one], _) => (one.0, "the only one holding mostly dates"),
            ([first, ..], _) => (
                first.0,
                "several hold dates: the first by name (the canonical name, then the aliases in order)",
            ),
            ([], [first, ..]) => (first.0, "empty, where the others hold no dates"),
            ([], []) => {
                return Err(BadInput::new(format!(
                    "the {} column could be any of {}, and none holds mostly dates; \
                     say which with --map {}=\"HEADER\"",
                    column.words(),
                    described(),
                    column.name()
                ))
                .into());
            }
        };
        notes.push(format!(
            "{} read from '{}' ({why}) among {}; --map {}=\"HEADER\" chooses another",
            column.name(),
            headers[chosen],
            described(),
            column.name()
        ));
        map = map.with_choice(*column, &headers[chosen]);
    }
    Ok(Settled {
        columns: map,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(values: &[&str]) -> Tally {
        let mut t = Tally::default();
        for v in values {
            t.see(v);
        }
        t
    }

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_header_holding_dates_is_chosen_over_a_flag_beside_it() {
        let h = headers(&["Saksnummer", "Mottatt", "Løst", "Løst dato"]);
        let map = ColumnMap::default();
        let candidates = map.look_alike_dates(&h);
        assert_eq!(candidates, vec![(Canonical::ResolvedAt, vec![2, 3])]);
        let values = |f: usize| match f {
            2 => tally(&["Ja", "Nei", "Ja"]),
            _ => tally(&["03.12.2025", "", "04.12.2025"]),
        };
        let settled = settle(&map, &h, &candidates, &values).unwrap();
        let resolved = settled.columns.resolve(&h).unwrap();
        assert_eq!(resolved.index[&Canonical::ResolvedAt], 3);
        assert!(resolved.carried.contains(&2));
        assert!(settled.notes[0].starts_with(
            "resolved_at read from 'Løst dato' (the only one holding mostly dates) among 'Løst' \
             (3 values, none a date), 'Løst dato' (2 dates)"
        ));
        // A stray date in the flag column does not make it the date column.
        let values = |f: usize| match f {
            2 => tally(&["Ja", "Nei", "03.12.2025", "Ja"]),
            _ => tally(&["03.12.2025", "04.12.2025", "05.12.2025"]),
        };
        let settled = settle(&map, &h, &candidates, &values).unwrap();
        assert_eq!(
            settled.columns.resolve(&h).unwrap().index[&Canonical::ResolvedAt],
            3
        );
    }

    #[test]
    fn an_empty_date_column_beats_a_flag_and_names_decide_between_dates() {
        let h = headers(&["case_id", "received_at", "Løst", "Løst dato"]);
        let map = ColumnMap::default();
        let candidates = map.look_alike_dates(&h);
        let values = |f: usize| {
            if f == 2 {
                tally(&["Nei"])
            } else {
                tally(&[""])
            }
        };
        let settled = settle(&map, &h, &candidates, &values).unwrap();
        assert_eq!(
            settled.columns.resolve(&h).unwrap().index[&Canonical::ResolvedAt],
            3
        );

        let h = headers(&["number", "opened_at", "sys_created_on"]);
        let candidates = map.look_alike_dates(&h);
        assert_eq!(candidates, vec![(Canonical::ReceivedAt, vec![1, 2])]);
        let values = |_: usize| tally(&["2026-10-05 09:00:00"]);
        let settled = settle(&map, &h, &candidates, &values).unwrap();
        assert_eq!(
            settled.columns.resolve(&h).unwrap().index[&Canonical::ReceivedAt],
            1
        );
    }

    #[test]
    fn when_no_candidate_holds_dates_the_map_must_say() {
        let h = headers(&["case_id", "received_at", "Løst", "Løst dato"]);
        let map = ColumnMap::default();
        let candidates = map.look_alike_dates(&h);
        let values = |_: usize| tally(&["Ja", "snart"]);
        let err = settle(&map, &h, &candidates, &values)
            .unwrap_err()
            .to_string();
        assert!(err.contains("--map resolved_at=\"HEADER\""), "{err}");
        assert!(
            err.contains("'Løst' (2 values, none a date)") && !err.contains("snart"),
            "{err}"
        );
        // A stated header is never second-guessed.
        let mut stated = ColumnMap::default();
        stated.set(Canonical::ResolvedAt, "Løst".into(), "--map");
        assert!(stated.look_alike_dates(&h).is_empty());
    }
}
