//! The columns a complaint export may have, and how its headers are matched to them.
//!
//! Exports name their columns in English or Norwegian, in any case and spacing: `Saksnummer`,
//! `Case No.`, `received_date`, `Mottatt dato`. Headers are compared after normalisation
//! (lower case, `_` `-` and runs of spaces as one space, a trailing `.` or `:` dropped), first
//! against the canonical names and then against their aliases. `--map canonical=Header` (or
//! the policy file's `[columns]` table) names the header of a column outright.

use std::collections::BTreeMap;
use std::fmt;

/// The computed columns, in the order `cases.csv` has them after the dates.
pub const COMPUTED: [&str; 16] = [
    "first_deadline",
    "final_deadline",
    "working_days_elapsed",
    "calendar_days_elapsed",
    "status",
    "first_limit_breached",
    "final_limit_breached",
    "days_over_limit",
    "working_days_left",
    "applicable_deadline",
    "received_in_period",
    "resolved_in_period",
    "open_at_as_of",
    "reason",
    "outcome_class",
    "referral_body",
];

/// The names of the evaluation's own working columns, which live beside the computed ones
/// in the frames a carried column is joined to. A carried header named like one of these (or
/// like a computed or typed column) is carried as `input_HEADER`: an input can never clash
/// with the evaluation. A test in `evaluate` checks that every column the evaluation makes is
/// typed, computed or listed here.
pub const INTERNAL: [&str; 15] = [
    "in_report",
    "_market",
    "text_row",
    "_outcome_known",
    "_referral_known",
    "_resolved_known",
    "_at",
    "_timely",
    "_applicable",
    "_over",
    "_left",
    "_row",
    "_worst",
    "breach",
    "_reason_shown",
];

/// A column the evaluation understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Canonical {
    CaseId,
    ReceivedAt,
    HoldingReplyAt,
    ResolvedAt,
    Channel,
    Product,
    Category,
    Stage,
    Outcome,
    ReferredTo,
    ReferredAt,
    /// What was paid to the customer: optional; no deadline depends on it.
    RedressAmount,
    /// The currency of the redress amount, in a column of its own (Salesforce's
    /// `Compensation Amount Currency`, `Currency ISO Code`): optional.
    RedressCurrency,
    /// The market a case belongs to: read only when the policy has markets, from the header
    /// its `market_column` (or `--map market=`) names; never matched by name alone.
    Market,
}

// Other names each column goes by: in `columns/aliases.rs`.
mod aliases;
use aliases::*;

impl Canonical {
    pub const ALL: [Canonical; 14] = [
        Self::CaseId,
        Self::ReceivedAt,
        Self::HoldingReplyAt,
        Self::ResolvedAt,
        Self::Channel,
        Self::Product,
        Self::Category,
        Self::Stage,
        Self::Outcome,
        Self::ReferredTo,
        Self::ReferredAt,
        Self::RedressAmount,
        Self::RedressCurrency,
        Self::Market,
    ];

    /// The descriptive columns, carried into the reports under their canonical names.
    pub const DESCRIPTIVE: [Canonical; 6] = [
        Self::Channel,
        Self::Product,
        Self::Category,
        Self::Stage,
        Self::Outcome,
        Self::ReferredTo,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::CaseId => "case_id",
            Self::ReceivedAt => "received_at",
            Self::HoldingReplyAt => "holding_reply_at",
            Self::ResolvedAt => "resolved_at",
            Self::Channel => "channel",
            Self::Product => "product",
            Self::Category => "category",
            Self::Stage => "stage",
            Self::Outcome => "outcome",
            Self::ReferredTo => "referred_to",
            Self::ReferredAt => "referred_at",
            Self::RedressAmount => "redress_amount",
            Self::RedressCurrency => "redress_currency",
            Self::Market => "market",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    /// A column an export may truly lack (`--allow-missing`, the policy's `allow_missing`):
    /// the resolution or the holding-reply date.
    pub fn allowed_missing(name: &str) -> Result<Self, String> {
        match Self::from_name(name.trim()) {
            Some(c @ (Self::ResolvedAt | Self::HoldingReplyAt)) => Ok(c),
            _ => Err(format!(
                "'{name}' is not a column an export may lack (use resolved_at or \
                 holding_reply_at)"
            )),
        }
    }

    /// The column in words, for messages ("holding-reply").
    pub fn words(self) -> &'static str {
        match self {
            Self::CaseId => "case-id",
            Self::ReceivedAt => "receipt-date",
            Self::HoldingReplyAt => "holding-reply",
            Self::ResolvedAt => "resolution-date",
            Self::Channel => "channel",
            Self::Product => "product",
            Self::Category => "category",
            Self::Stage => "stage",
            Self::Outcome => "outcome",
            Self::ReferredTo => "referral",
            Self::ReferredAt => "referral-date",
            Self::RedressAmount => "redress",
            Self::RedressCurrency => "redress currency",
            Self::Market => "market",
        }
    }

    /// The optional columns without which statuses change: with no holding-reply column no
    /// case can be extended to the final limit; with no resolution column every case is open.
    pub const STATUS_CHANGING: [Canonical; 2] = [Self::HoldingReplyAt, Self::ResolvedAt];

    /// Whether an export must have this column.
    pub fn required(self) -> bool {
        matches!(self, Self::CaseId | Self::ReceivedAt)
    }

    /// Other names the column goes by, normalised.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::CaseId => CASE_ID_ALIASES,
            Self::ReceivedAt => RECEIVED_AT_ALIASES,
            Self::HoldingReplyAt => HOLDING_REPLY_AT_ALIASES,
            Self::ResolvedAt => RESOLVED_AT_ALIASES,
            Self::Channel => CHANNEL_ALIASES,
            Self::Product => PRODUCT_ALIASES,
            Self::Category => CATEGORY_ALIASES,
            Self::Stage => STAGE_ALIASES,
            Self::Outcome => OUTCOME_ALIASES,
            Self::ReferredTo => REFERRED_TO_ALIASES,
            Self::ReferredAt => REFERRED_AT_ALIASES,
            Self::RedressAmount => REDRESS_AMOUNT_ALIASES,
            Self::RedressCurrency => REDRESS_CURRENCY_ALIASES,
            Self::Market => &[],
        }
    }
}

impl Canonical {
    /// The column other than the market that `header` names by itself (its canonical name or
    /// an alias): a market column under such a header would take that column's place.
    pub fn named_by(header: &str) -> Option<Canonical> {
        let header = normalise(header);
        Canonical::ALL
            .into_iter()
            .filter(|c| *c != Canonical::Market)
            .find(|c| {
                std::iter::once(normalise(c.name()))
                    .chain(c.aliases().iter().map(|a| a.to_string()))
                    .any(|name| name == header || compact(&name) == compact(&header))
            })
    }
}

impl fmt::Display for Canonical {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A header as compared: lower case, separators as single spaces, no trailing `.` or `:`.
pub fn normalise(header: &str) -> String {
    let lower = header.trim_start_matches('\u{feff}').to_lowercase();
    let spaced: String = lower
        .chars()
        .map(|c| {
            if c == '_' || c == '-' || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = spaced.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches(['.', ':'])
        .trim_end()
        .to_string()
}

/// A normalised header without its spaces.
fn compact(normalised: &str) -> String {
    normalised.split(' ').collect()
}

/// Explicit header names for canonical columns, from `--map` and the policy's `[columns]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    /// The header named for each column, and who named it (`--map`, the policy file).
    explicit: BTreeMap<Canonical, (String, &'static str)>,
}

impl ColumnMap {
    /// Sets `canonical`'s header, as named by `source` (`--map`, `the policy's [columns]`);
    /// a later call wins (so `--map` overrides the policy file).
    pub fn set(&mut self, canonical: Canonical, header: String, source: &'static str) {
        self.explicit.insert(canonical, (header, source));
    }

    /// Parses `canonical=Header`.
    pub fn parse_assignment(text: &str) -> Result<(Canonical, String), String> {
        let (name, header) = text.split_once('=').ok_or_else(|| {
            format!(
                "'{text}' is not COLUMN=HEADER (for example case_id=\"Saksnummer\": the \
                     column's name, then the export's header)"
            )
        })?;
        let canonical = Canonical::from_name(name.trim()).ok_or_else(|| {
            format!(
                "'{}' is not a column name (one of {})",
                name.trim(),
                Canonical::ALL.map(Canonical::name).join(", ")
            )
        })?;
        let header = header.trim();
        if header.is_empty() {
            return Err(format!("'{text}' names no header"));
        }
        Ok((canonical, header.to_string()))
    }

    /// Matches `headers` to canonical columns. Returns the index of each canonical column
    /// found, or an error listing the headers found and the names tried.
    pub fn resolve(&self, headers: &[String]) -> Result<Resolved, MissingColumns> {
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut found: BTreeMap<Canonical, usize> = BTreeMap::new();
        let mut taken = vec![false; headers.len()];
        let mut unmatched = Vec::new();
        // Explicit names first: they win over aliases that might match another header. A name
        // that matches no header is an error, never a silent fall back to the aliases.
        let mut ambiguous = Vec::new();
        for (&canonical, (header, source)) in &self.explicit {
            let matching = named(headers, &normalised, header);
            match matching[..] {
                [index] => {
                    found.insert(canonical, index);
                    taken[index] = true;
                }
                [] => unmatched.push((canonical, header.clone(), *source)),
                _ => ambiguous.push((
                    canonical,
                    header.clone(),
                    *source,
                    matching.iter().map(|&i| headers[i].clone()).collect(),
                )),
            }
        }
        if !unmatched.is_empty() || !ambiguous.is_empty() {
            return Err(MissingColumns {
                missing: Vec::new(),
                unmatched,
                ambiguous,
                headers: headers.to_vec(),
            });
        }
        for canonical in Canonical::ALL {
            if found.contains_key(&canonical)
                || self.explicit.contains_key(&canonical)
                || canonical == Canonical::Market
            {
                continue;
            }
            let index = by_alias(canonical, &normalised, &taken);
            if let Some(index) = index {
                found.insert(canonical, index);
                taken[index] = true;
            }
        }
        prefer_case_number(&mut found, &mut taken, &normalised, &self.explicit);
        // A currency column is the redress amount's only beside one; else it is carried.
        if !found.contains_key(&Canonical::RedressAmount)
            && !self.explicit.contains_key(&Canonical::RedressCurrency)
            && let Some(index) = found.remove(&Canonical::RedressCurrency)
        {
            taken[index] = false;
        }
        let missing: Vec<Canonical> = Canonical::ALL
            .into_iter()
            .filter(|c| c.required() && !found.contains_key(c))
            .collect();
        if !missing.is_empty() {
            return Err(MissingColumns {
                missing: missing
                    .into_iter()
                    .map(|c| (c, self.names_tried(c)))
                    .collect(),
                unmatched: Vec::new(),
                ambiguous: Vec::new(),
                headers: headers.to_vec(),
            });
        }
        Ok(Resolved {
            index: found,
            carried: (0..headers.len()).filter(|i| !taken[*i]).collect(),
        })
    }

    /// When a record id beside the case number was passed over for the case id (see
    /// `prefer_case_number`), the words that say so.
    pub fn case_number_note(&self, headers: &[String]) -> Option<String> {
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut found = BTreeMap::new();
        let mut taken = vec![false; headers.len()];
        let id = by_alias(Canonical::CaseId, &normalised, &taken)?;
        found.insert(Canonical::CaseId, id);
        taken[id] = true;
        prefer_case_number(&mut found, &mut taken, &normalised, &self.explicit);
        let number = found[&Canonical::CaseId];
        (number != id).then(|| {
            format!(
                "case id: '{}', not '{}' (a record id beside the case number; --map \
                 case_id=\"{}\" to use it)",
                headers[number], headers[id], headers[id]
            )
        })
    }

    /// The date columns (receipt, holding reply, resolution, referral) that more than one
    /// header could be, with those headers' indexes in the order the names would pick them
    /// (the canonical name first, then the aliases). A column `--map` or the policy names is
    /// never one: its header is stated.
    pub fn look_alike_dates(&self, headers: &[String]) -> Vec<(Canonical, Vec<usize>)> {
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let stated: Vec<usize> = self
            .explicit
            .values()
            .filter_map(|(header, _)| {
                headers
                    .iter()
                    .position(|h| h.trim_start_matches('\u{feff}').trim() == header)
                    .or_else(|| normalised.iter().position(|h| *h == normalise(header)))
            })
            .collect();
        let mut out = Vec::new();
        for canonical in [
            Canonical::ReceivedAt,
            Canonical::HoldingReplyAt,
            Canonical::ResolvedAt,
            Canonical::ReferredAt,
        ] {
            if self.explicit.contains_key(&canonical) {
                continue;
            }
            let names: Vec<String> = std::iter::once(normalise(canonical.name()))
                .chain(canonical.aliases().iter().map(|a| a.to_string()))
                .collect();
            let mut fields: Vec<usize> = Vec::new();
            for name in &names {
                for (i, h) in normalised.iter().enumerate() {
                    if (h == name || compact(h) == compact(name))
                        && !stated.contains(&i)
                        && !fields.contains(&i)
                    {
                        fields.push(i);
                    }
                }
            }
            if fields.len() > 1 {
                out.push((canonical, fields));
            }
        }
        out
    }

    /// This map with `canonical` stated as `header` (a choice made from a file's content).
    pub fn with_choice(&self, canonical: Canonical, header: &str) -> ColumnMap {
        let mut map = self.clone();
        map.set(canonical, header.to_string(), "the choice by content");
        map
    }

    fn names_tried(&self, canonical: Canonical) -> Vec<String> {
        match self.explicit.get(&canonical) {
            Some((header, _)) => vec![header.clone()],
            None => std::iter::once(canonical.name().to_string())
                .chain(canonical.aliases().iter().map(|a| a.to_string()))
                .collect(),
        }
    }
}

/// Where each canonical column is, and which other columns are carried through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub index: BTreeMap<Canonical, usize>,
    /// Indexes of headers that are not canonical columns, in file order.
    pub carried: Vec<usize>,
}

impl Resolved {
    /// The columns that change statuses ([`Canonical::STATUS_CHANGING`]) no header matched,
    /// each with the carried headers that look like it.
    pub fn absent(&self, headers: &[String]) -> Vec<AbsentColumn> {
        Canonical::STATUS_CHANGING
            .into_iter()
            .filter(|c| !self.index.contains_key(c))
            .map(|column| {
                let (targets, look_alikes): (Vec<String>, Vec<String>) = self
                    .carried
                    .iter()
                    .map(|&i| &headers[i])
                    .filter(|h| looks_like(column, h))
                    .cloned()
                    .partition(|h| names_a_target_or_a_duration(h));
                AbsentColumn {
                    column,
                    look_alikes,
                    targets,
                }
            })
            .collect()
    }
}

/// A column that changes statuses and is not in an input, with the headers that look like it
/// (share a word with one of its names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbsentColumn {
    pub column: Canonical,
    pub look_alikes: Vec<String>,
    /// Headers that look like it but name a due or target date, or a duration (`Resolve By`,
    /// `SLA due`, `First reply time in minutes`): never proposed for an actual date.
    pub targets: Vec<String>,
}

impl AbsentColumn {
    /// "; headers that look like it: 'A', 'B'; to use one: --map column="A"", when any do.
    pub fn look_alike_hint(&self) -> Option<String> {
        let quoted = |list: &[String]| {
            list.iter()
                .map(|h| format!("'{h}'"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut hint = match self.look_alikes.first() {
            Some(first) => format!(
                "; headers that look like it: {}; to use one: --map {}=\"{first}\"",
                quoted(&self.look_alikes),
                self.column
            ),
            None => String::new(),
        };
        if !self.targets.is_empty() {
            hint.push_str(&format!(
                "; {}: target dates or durations, not used",
                quoted(&self.targets)
            ));
        }
        (!hint.is_empty()).then_some(hint)
    }
}

/// Whether a header names a due or target date, or a duration, rather than a date something
/// happened: `Resolve By`, `Due date`, `SLA due`, `Target date`, `Frist`, `Forfallsdato`,
/// `First reply time in minutes`.
pub fn names_a_target_or_a_duration(header: &str) -> bool {
    let normalised = normalise(header);
    let words: Vec<&str> = normalised.split([' ', '/', '(', ')', '.']).collect();
    let phrase = |p: &str| normalised.contains(p);
    phrase("resolve by")
        || phrase("respond by")
        || phrase("reply by")
        || phrase("resolution by")
        || words.iter().any(|w| {
            matches!(
                *w,
                "due"
                    | "target"
                    | "sla"
                    | "deadline"
                    | "frist"
                    | "svarfrist"
                    | "minutes"
                    | "hours"
                    | "seconds"
                    | "minutter"
                    | "timer"
                    | "duration"
                    | "varighet"
            ) || w.starts_with("forfall")
                || w.ends_with("frist")
        })
}

/// Words too common in headers to make two of them alike.
const COMMON_WORDS: [&str; 14] = [
    "date", "dato", "time", "tid", "at", "on", "of", "the", "to", "til", "sent", "sendt", "case",
    "sak",
];

/// Whether `header` shares a telling word with one of `column`'s names.
fn looks_like(column: Canonical, header: &str) -> bool {
    let words = |name: &str| -> Vec<String> {
        normalise(name)
            .split([' ', '/', '(', ')'])
            .filter(|w| w.chars().count() > 2 && !COMMON_WORDS.contains(w))
            .map(str::to_string)
            .collect()
    };
    let header_words = words(header);
    std::iter::once(column.name())
        .chain(column.aliases().iter().copied())
        .flat_map(words)
        .any(|w| {
            header_words
                .iter()
                .any(|h| *h == w || h.starts_with(&w) || w.starts_with(h.as_str()))
        })
}

/// Required columns that no header matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingColumns {
    pub missing: Vec<(Canonical, Vec<String>)>,
    /// Headers named by `--map` or the policy's `[columns]` that no header matched: a
    /// configuration error (exit 2).
    pub unmatched: Vec<(Canonical, String, &'static str)>,
    /// Headers named by `--map` or the policy that several headers match (`Country_` and
    /// `COUNTRY` for `country`), with those headers: a configuration error (exit 2).
    pub ambiguous: Vec<(Canonical, String, &'static str, Vec<String>)>,
    pub headers: Vec<String>,
}

impl MissingColumns {
    /// The error to report, `context` first: a [`BadInput`](crate::error::BadInput) (exit 2)
    /// when a named header matched nothing, a plain error otherwise.
    pub fn into_error(self, context: &str) -> anyhow::Error {
        let message = format!("{context}{self}");
        if self.unmatched.is_empty() && self.ambiguous.is_empty() {
            anyhow::anyhow!(message)
        } else {
            crate::error::BadInput::new(message).into()
        }
    }
}

impl fmt::Display for MissingColumns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .missing
            .iter()
            .map(|(c, tried)| format!("no column {c} (tried: {})", tried.join(", ")))
            .chain(self.unmatched.iter().map(|(c, header, source)| {
                format!(
                    "{source} names the header '{header}' for {c}, and no header matches it \
                     (compared without case, spaces, '_', '-' or '.'; letters such as ø must match)"
                )
            }))
            .chain(self.ambiguous.iter().map(|(c, header, source, matching)| {
                format!(
                    "{source} names the header '{header}' for {c}, and {} headers match it ({}): \
                     rename one in the export, or name the header exactly as written",
                    matching.len(),
                    matching
                        .iter()
                        .map(|h| format!("'{h}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }))
            .collect();
        let example = self
            .missing
            .first()
            .map(|(c, _)| *c)
            .or(self.unmatched.first().map(|(c, _, _)| *c))
            .or(self.ambiguous.first().map(|(c, _, _, _)| *c));
        write!(
            f,
            "{}; headers found: {}",
            parts.join("; "),
            self.headers
                .iter()
                .map(|h| format!("'{h}'"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        if let Some(column) = example {
            write!(
                f,
                ". Name the export's header with --map {column}=\"HEADER\" (or [columns] in the \
                 policy file)"
            )?;
        }
        Ok(())
    }
}

/// The headers a name given by `--map` or the policy matches: the header as written; else those
/// that compare alike. Two that both match are two columns the name could mean: the caller
/// refuses them, never settles them by their order.
fn named(headers: &[String], normalised: &[String], header: &str) -> Vec<usize> {
    let exact: Vec<usize> = (0..headers.len())
        .filter(|&i| headers[i].trim_start_matches('\u{feff}').trim() == header)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    (0..headers.len())
        .filter(|&i| normalised[i] == normalise(header))
        .collect()
}

/// The first header not yet taken that goes by the column's name or one of its aliases: the
/// canonical name before any alias, and the first header in file order; then with the
/// spaces dropped (`Saks-nummer` is `saksnummer`).
/// Salesforce exports hold both the record's internal id (`Id`, or `Case ID` in a report: 15 or
/// 18 letters and digits no one quotes) and the `Case Number` people use. By name alone the id
/// would win (`case id` is the column's own name); beside a case number it is carried as an
/// ordinary column instead, unless `--map` or the policy named it.
fn prefer_case_number(
    found: &mut BTreeMap<Canonical, usize>,
    taken: &mut [bool],
    normalised: &[String],
    explicit: &BTreeMap<Canonical, (String, &'static str)>,
) {
    if explicit.contains_key(&Canonical::CaseId) {
        return;
    }
    let Some(&chosen) = found.get(&Canonical::CaseId) else {
        return;
    };
    if !matches!(normalised[chosen].as_str(), "case id" | "id") {
        return;
    }
    let number = (0..normalised.len()).find(|&i| {
        !taken[i] && matches!(compact(&normalised[i]).as_str(), "casenumber" | "caseno")
    });
    if let Some(number) = number {
        taken[chosen] = false;
        taken[number] = true;
        found.insert(Canonical::CaseId, number);
    }
}

fn by_alias(canonical: Canonical, normalised: &[String], taken: &[bool]) -> Option<usize> {
    let names: Vec<String> = std::iter::once(normalise(canonical.name()))
        .chain(canonical.aliases().iter().map(|a| a.to_string()))
        .collect();
    names
        .iter()
        .find_map(|name| {
            normalised
                .iter()
                .enumerate()
                .position(|(i, h)| !taken[i] && h == name)
        })
        .or_else(|| {
            names.iter().find_map(|name| {
                normalised
                    .iter()
                    .enumerate()
                    .position(|(i, h)| !taken[i] && compact(h) == compact(name))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_named_header_two_headers_match_is_refused() {
        let mut map = ColumnMap::default();
        map.set(
            Canonical::Market,
            "country".into(),
            "the policy's market_column",
        );
        let h = headers(&["Case ID", "received", "Country_", "COUNTRY"]);
        let err = map.resolve(&h).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "the policy's market_column names the header 'country' for market, and 2 \
                 headers match it ('Country_', 'COUNTRY'): rename one in the export"
            ),
            "{err}"
        );
        assert!(err.into_error("").is::<crate::error::BadInput>());
        // The header as written wins over one that only compares alike.
        let h = headers(&["Case ID", "received", "country", "COUNTRY"]);
        assert_eq!(map.resolve(&h).unwrap().index[&Canonical::Market], 2);
    }

    #[test]
    fn target_dates_and_durations_are_never_proposed_for_a_date() {
        // Dynamics 365, Salesforce, ServiceNow, Zendesk, and Norwegian exports.
        for target in [
            "Resolve By",
            "Respond By",
            "Due date",
            "SLA due",
            "Target date",
            "Resolution Due",
            "First reply time in minutes",
            "Full resolution time in hours",
            "Frist",
            "Svarfrist",
            "Forfallsdato",
            "Milestone Target Date",
        ] {
            assert!(names_a_target_or_a_duration(target), "{target}");
        }
        for actual in [
            "Resolved On",
            "Date/Time Closed",
            "Solved at",
            "Løst dato",
            "Fristutsettelse sendt",
            "Svar til kunde (foreløpig)",
        ] {
            assert!(!names_a_target_or_a_duration(actual), "{actual}");
        }
        let list = headers(&["Case Number", "Created On", "Resolve By", "Modified On"]);
        let absent = ColumnMap::default().resolve(&list).unwrap().absent(&list);
        let resolved = absent
            .iter()
            .find(|a| a.column == Canonical::ResolvedAt)
            .unwrap();
        assert!(resolved.look_alikes.is_empty(), "{resolved:?}");
        assert_eq!(resolved.targets, ["Resolve By"]);
        assert_eq!(
            resolved.look_alike_hint().as_deref(),
            Some("; 'Resolve By': target dates or durations, not used")
        );
    }

    #[test]
    fn a_salesforce_record_id_beside_the_case_number_is_not_the_case_id() {
        let map = ColumnMap::default();
        for (list, expected) in [
            (&["Id", "CaseNumber", "CreatedDate", "ClosedDate"][..], 1),
            (
                &[
                    "Case ID",
                    "Case Number",
                    "Date/Time Opened",
                    "Date/Time Closed",
                ][..],
                1,
            ),
            (&["Case Number", "Case ID", "Date/Time Opened"][..], 0),
            // Alone, an id is the case id (Zendesk's `Id` is the ticket's number).
            (&["Id", "Created at", "Solved at"][..], 0),
            (&["case_id", "received_at"][..], 0),
        ] {
            let found = map.resolve(&headers(list)).unwrap();
            assert_eq!(found.index[&Canonical::CaseId], expected, "{list:?}");
            assert!(!found.carried.contains(&expected), "{list:?}");
        }
        // Named by --map, the id is the case id.
        let mut named = ColumnMap::default();
        named.set(Canonical::CaseId, "Id".to_string(), "--map");
        let found = named
            .resolve(&headers(&["Id", "CaseNumber", "CreatedDate"]))
            .unwrap();
        assert_eq!(found.index[&Canonical::CaseId], 0);
        assert_eq!(
            map.case_number_note(&headers(&["Id", "CaseNumber", "CreatedDate"]))
                .as_deref(),
            Some(
                "case id: 'CaseNumber', not 'Id' (a record id beside the case number; --map case_id=\"Id\" to use it)"
            )
        );
        assert_eq!(
            named.case_number_note(&headers(&["Id", "CaseNumber"])),
            None
        );
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalise("  Case_No. "), "case no");
        assert_eq!(normalise("\u{feff}Mottatt  Dato"), "mottatt dato");
        assert_eq!(normalise("FORELØPIG-SVAR:"), "foreløpig svar");
        assert_eq!(normalise("received_at"), "received at");
    }

    #[test]
    fn hyphenated_or_run_together_headers() {
        let map = ColumnMap::default();
        let found = map
            .resolve(&headers(&["  Saks-Nummer. ", "MottattDato", "Løst"]))
            .unwrap();
        assert_eq!(found.index[&Canonical::CaseId], 0);
        assert_eq!(found.index[&Canonical::ReceivedAt], 1);
        assert_eq!(found.index[&Canonical::ResolvedAt], 2);
    }

    #[test]
    fn english_and_norwegian_headers() {
        let map = ColumnMap::default();
        let norwegian = map
            .resolve(&headers(&[
                "Saksnummer",
                "Mottatt dato",
                "Foreløpig svar",
                "Løst dato",
                "Kanal",
                "Produkt",
                "Årsak",
                "Nivå",
                "Utfall",
                "Henvist til",
                "Saksbehandler",
            ]))
            .unwrap();
        assert_eq!(norwegian.index.len(), 10, "all but referred_at");
        assert_eq!(norwegian.index[&Canonical::ResolvedAt], 3);
        assert_eq!(norwegian.carried, vec![10]);
        let english = map
            .resolve(&headers(&[
                "Case No.",
                "Date Received",
                "Holding Response",
                "Final Response",
                "Cause",
            ]))
            .unwrap();
        assert_eq!(english.index[&Canonical::CaseId], 0);
        assert_eq!(english.index[&Canonical::ReceivedAt], 1);
        assert_eq!(english.index[&Canonical::HoldingReplyAt], 2);
        assert_eq!(english.index[&Canonical::ResolvedAt], 3);
        assert_eq!(english.index[&Canonical::Category], 4);
    }

    #[test]
    fn the_canonical_name_wins_over_an_alias() {
        // "received" is an alias, "received_at" the canonical name: the canonical one is used
        // and the other is carried through.
        let resolved = ColumnMap::default()
            .resolve(&headers(&["case_id", "received", "received_at"]))
            .unwrap();
        assert_eq!(resolved.index[&Canonical::ReceivedAt], 2);
        assert_eq!(resolved.carried, vec![1]);
    }

    #[test]
    fn explicit_mapping_wins() {
        let mut map = ColumnMap::default();
        let (canonical, header) = ColumnMap::parse_assignment("received_at=Innkommet").unwrap();
        map.set(canonical, header, "--map");
        let resolved = map
            .resolve(&headers(&["Sak", "Mottatt", "Innkommet", "Saksnummer"]))
            .unwrap();
        assert_eq!(resolved.index[&Canonical::ReceivedAt], 2);
        assert_eq!(resolved.index[&Canonical::CaseId], 3);
        assert_eq!(resolved.carried, vec![0, 1]);
    }

    /// A named header that matches nothing is refused, never replaced by an alias: with
    /// `Forelopig svar` in the file, `Foreløpig svar` would otherwise fall back to nothing and
    /// every late case would become a breach.
    #[test]
    fn a_named_header_that_matches_nothing_is_refused() {
        let mut map = ColumnMap::default();
        map.set(Canonical::HoldingReplyAt, "Foreløpig svar".into(), "--map");
        let err = map
            .resolve(&headers(&[
                "Saksnummer",
                "Mottatt",
                "Forelopig svar",
                "Løst",
            ]))
            .unwrap_err();
        assert_eq!(
            err.unmatched,
            vec![(Canonical::HoldingReplyAt, "Foreløpig svar".into(), "--map")]
        );
        let message = err.into_error("").to_string();
        assert!(
            message.contains("--map names the header 'Foreløpig svar' for holding_reply_at")
                && message
                    .contains("headers found: 'Saksnummer', 'Mottatt', 'Forelopig svar', 'Løst'"),
            "{message}"
        );
        // Case, spaces and punctuation do not matter.
        map.set(Canonical::HoldingReplyAt, "forelopig_SVAR".into(), "--map");
        let found = map
            .resolve(&headers(&[
                "Saksnummer",
                "Mottatt",
                "Forelopig svar",
                "Løst",
            ]))
            .unwrap();
        assert_eq!(found.index[&Canonical::HoldingReplyAt], 2);
    }

    #[test]
    fn each_systems_default_export_names() {
        let map = ColumnMap::default();
        let check = |list: &[&str], received: usize, resolved: Option<usize>| {
            let found = map.resolve(&headers(list)).unwrap();
            assert_eq!(found.index[&Canonical::CaseId], 0, "{list:?}");
            assert_eq!(found.index[&Canonical::ReceivedAt], received, "{list:?}");
            assert_eq!(
                found.index.get(&Canonical::ResolvedAt).copied(),
                resolved,
                "{list:?}"
            );
        };
        // Salesforce report export, and its API (Data Loader) names.
        check(
            &[
                "Case Number",
                "Subject",
                "Date/Time Opened",
                "Date/Time Closed",
                "Case Origin",
            ],
            2,
            Some(3),
        );
        check(
            &["CaseNumber", "CreatedDate", "ClosedDate", "Origin"],
            1,
            Some(2),
        );
        // ServiceNow: the resolution is resolved_at, not the later closed_at.
        check(
            &[
                "number",
                "opened_at",
                "closed_at",
                "resolved_at",
                "contact_type",
            ],
            1,
            Some(3),
        );
        // Zendesk.
        check(
            &["Id", "Subject", "Created at", "Updated at", "Solved at"],
            2,
            Some(4),
        );
        // Dynamics 365: "Resolve By" is a target date, never the resolution; "Modified On"
        // neither.
        check(
            &[
                "Case Number",
                "Case Title",
                "Created On",
                "Modified On",
                "Resolve By",
            ],
            2,
            None,
        );
    }

    #[test]
    fn absent_status_columns_and_their_look_alikes() {
        let list = headers(&[
            "Saksnummer",
            "Mottatt",
            "Svar til kunde (foreløpig)",
            "Løst",
            "Kommentar",
        ]);
        let resolved = ColumnMap::default().resolve(&list).unwrap();
        assert_eq!(
            resolved.absent(&list),
            vec![AbsentColumn {
                column: Canonical::HoldingReplyAt,
                look_alikes: vec!["Svar til kunde (foreløpig)".to_string()],
                targets: Vec::new(),
            }]
        );
        let list = headers(&["Case Number", "Created On", "Resolve By", "Modified On"]);
        let absent = ColumnMap::default().resolve(&list).unwrap().absent(&list);
        assert_eq!(absent.len(), 2);
        assert_eq!(absent[1].column, Canonical::ResolvedAt);
        // A target date is named as such, never proposed (see the test below).
        assert!(absent[1].look_alikes.is_empty());
        assert_eq!(absent[1].targets, vec!["Resolve By".to_string()]);
    }

    #[test]
    fn missing_columns_list_headers_and_names_tried() {
        let err = ColumnMap::default()
            .resolve(&headers(&["Sak", "Dato"]))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "no column case_id (tried: case_id, case id, saksnummer, saksnr, case number, case no, case nr, \
             ticket id, ticket number, incident number, number, id); \
             no column received_at (tried: received_at, received at, mottatt, mottatt dato, dato mottatt, \
             received, received date, date received, date/time opened, opened date, opened at, opened, \
             created date, created at, created on, date created, sys created on); headers found: 'Sak', 'Dato'. \
             Name the export's header with --map case_id=\"HEADER\" (or [columns] in the policy file)"
        );
        assert!(ColumnMap::parse_assignment("received=Dato").is_err());
        assert!(ColumnMap::parse_assignment("received_at").is_err());
        assert!(ColumnMap::parse_assignment("received_at= ").is_err());
    }
}
