//! Markets: the countries (or parts of one) a policy's cases belong to, by a column of the
//! export, each counted on its own calendar, time zone and limits. A case whose market value
//! is blank counts on the policy's top-level settings, the home market; a value that names no
//! market is rejected, never counted on the home calendar.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono_tz::Tz;

use crate::calendar::{Calendar, CalendarKind};
use crate::deadline::Limits;

/// The name reports give the cases whose market value is blank: the policy's top level.
pub const HOME: &str = "home";

/// One market, its unset keys filled from the policy's top level.
#[derive(Debug, Clone, PartialEq)]
pub struct Market {
    pub name: String,
    /// The export's values that mean this market, as the policy writes them; matched trimmed
    /// and ignoring case.
    pub values: Vec<String>,
    pub calendar: CalendarKind,
    pub time_zone: Tz,
    pub limits: Limits,
    /// The holiday file changing this market's calendar (the top level's when unset).
    pub holidays: Option<PathBuf>,
}

/// A policy's markets.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketSet {
    /// The export's header naming each case's market (`market_column`).
    pub column: String,
    pub markets: Vec<Market>,
}

/// A `[[market]]` table as written: every key but `name` optional.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketFile {
    pub name: Option<String>,
    pub values: Option<Vec<String>>,
    pub first_limit: Option<i64>,
    pub final_limit: Option<i64>,
    pub final_limit_unit: Option<String>,
    pub at_risk_window: Option<i64>,
    pub calendar: Option<String>,
    pub time_zone: Option<String>,
    pub holidays: Option<String>,
}

/// A market value as compared: trimmed, in lower case.
fn key(value: &str) -> String {
    value.trim().to_lowercase()
}

impl MarketSet {
    /// The markets of `column`, checked: each has a name no other market (or the home market)
    /// has, and no value means two markets.
    pub fn new(column: &str, markets: Vec<Market>) -> Result<Self, String> {
        let column = column.trim();
        if column.is_empty() {
            return Err(
                "key `market_column`: expected the export's header as a non-empty \
                        string"
                    .to_string(),
            );
        }
        if markets.is_empty() {
            return Err(format!(
                "key `market_column`: '{column}' names the market column, but no [[market]] \
                 table says which calendar each market counts on"
            ));
        }
        let mut names: HashMap<String, &str> = HashMap::new();
        let mut values: HashMap<String, (&str, &str)> = HashMap::new();
        for market in &markets {
            if key(&market.name) == HOME {
                return Err(format!(
                    "[[market]] '{}': the name {HOME} is the policy's top level (the cases \
                     whose market is blank); give the market another name",
                    market.name
                ));
            }
            if let Some(other) = names.insert(key(&market.name), &market.name) {
                return Err(format!(
                    "[[market]] '{}': two markets are named {other}",
                    market.name
                ));
            }
            if market.values.is_empty() {
                return Err(format!(
                    "[[market]] '{}': key `values` is empty, so no case could belong to it; \
                     list the export's values that mean {}, or leave the key out to use the name",
                    market.name, market.name
                ));
            }
            for value in &market.values {
                if key(value).is_empty() {
                    return Err(format!(
                        "[[market]] '{}': key `values`: a blank value is the home market's \
                         (the policy's top level); list only the values that mean {}",
                        market.name, market.name
                    ));
                }
                if let Some((other, written)) = values.insert(key(value), (&market.name, value))
                    && other != market.name
                {
                    return Err(format!(
                        "[[market]] '{}': key `values`: '{value}' also means market {other} \
                         ('{written}'): a value may mean one market only",
                        market.name
                    ));
                }
            }
        }
        // A market's name names it to `deadline --market`: it may not mean another market in
        // the export.
        for market in &markets {
            if let Some((other, written)) = values.get(&key(&market.name))
                && *other != market.name
            {
                return Err(format!(
                    "[[market]] '{}': its name is a value of market {other} ('{written}'): \
                     `deadline --market {}` and the export would mean two markets; rename one",
                    market.name, market.name
                ));
            }
        }
        Ok(MarketSet {
            column: column.to_string(),
            markets,
        })
    }

    /// The markets with the values that name them, for messages: `SE (SE, Sverige)`.
    pub fn described(&self) -> String {
        self.markets
            .iter()
            .map(|m| format!("{} ({})", m.name, m.values.join(", ")))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The lookup from an export's value to its market.
    pub fn lookup(&self) -> Lookup {
        let mut map = HashMap::new();
        for (i, market) in self.markets.iter().enumerate() {
            for value in &market.values {
                map.insert(key(value), i as u32 + 1);
            }
        }
        Lookup { map }
    }

    /// The market named `name` (ignoring case), with its index (from 1; 0 is the home market).
    pub fn by_name(&self, name: &str) -> Option<(u32, &Market)> {
        self.markets
            .iter()
            .enumerate()
            .find(|(_, m)| key(&m.name) == key(name))
            .map(|(i, m)| (i as u32 + 1, m))
    }
}

/// From an export's market value to the index of its market: 0 for the home market (a blank
/// value), `i + 1` for the policy's `i`-th market.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    map: HashMap<String, u32>,
}

impl Lookup {
    /// The market `value` names; `None` when it names none. A value written as the policy
    /// keys it (trimmed, lower case) is found without a copy: most exports write each market
    /// one way, and this runs once per row.
    pub fn find(&self, value: &str) -> Option<u32> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Some(0);
        }
        if let Some(&market) = self.map.get(trimmed) {
            return Some(market);
        }
        self.map.get(&trimmed.to_lowercase()).copied()
    }
}

/// How one market of a run counts, its calendar built with its holiday file.
#[derive(Debug, Clone)]
pub struct Counted {
    pub name: String,
    pub calendar: Calendar,
    pub time_zone: Tz,
    pub limits: Limits,
    pub holidays: Option<PathBuf>,
}

impl Counted {
    /// The home market: the policy's top level, on `calendar`.
    pub fn home(
        calendar: Calendar,
        time_zone: Tz,
        limits: Limits,
        holidays: Option<PathBuf>,
    ) -> Self {
        Counted {
            name: HOME.to_string(),
            calendar,
            time_zone,
            limits,
            holidays,
        }
    }
}

/// The markets of a run: the home market (the policy's top level) first, then the policy's
/// markets in order, so that a case's market index picks its entry.
#[derive(Debug, Clone)]
pub struct Markets {
    /// `Some` when the policy has markets.
    pub set: Option<MarketSet>,
    pub counted: Vec<Counted>,
    lookup: Lookup,
}

impl Markets {
    /// One market: the home market alone.
    pub fn home(home: Counted) -> Self {
        Markets {
            set: None,
            counted: vec![home],
            lookup: Lookup::default(),
        }
    }

    /// The home market and those of `set`, each calendar built by `calendar` from its kind and
    /// holiday file.
    pub fn new<E>(
        home: Counted,
        set: &MarketSet,
        mut calendar: impl FnMut(&Market) -> Result<Calendar, E>,
    ) -> Result<Self, E> {
        let mut counted = vec![home];
        for market in &set.markets {
            counted.push(Counted {
                name: market.name.clone(),
                calendar: calendar(market)?,
                time_zone: market.time_zone,
                limits: market.limits,
                holidays: market.holidays.clone(),
            });
        }
        Ok(Markets {
            lookup: set.lookup(),
            set: Some(set.clone()),
            counted,
        })
    }

    /// Whether the policy has markets.
    pub fn several(&self) -> bool {
        self.set.is_some()
    }

    /// The index of the market `value` names (0 the home market, for a blank value); `None`
    /// when it names none.
    pub fn find(&self, value: &str) -> Option<u32> {
        self.lookup.find(value)
    }

    /// The home market.
    pub fn home_market(&self) -> &Counted {
        &self.counted[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::FinalLimitUnit;

    fn market(name: &str, values: &[&str]) -> Market {
        Market {
            name: name.to_string(),
            values: values.iter().map(|v| v.to_string()).collect(),
            calendar: CalendarKind::SeBank,
            time_zone: chrono_tz::Europe::Stockholm,
            limits: Limits {
                first_limit: 15,
                final_limit: 35,
                final_limit_unit: FinalLimitUnit::WorkingDays,
                at_risk_window: 3,
            },
            holidays: None,
        }
    }

    #[test]
    fn values_find_their_market() {
        let set = MarketSet::new(
            "country",
            vec![
                market("SE", &["SE", "Sverige", "Sweden"]),
                market("DK", &["DK"]),
            ],
        )
        .unwrap();
        let lookup = set.lookup();
        for (value, expected) in [
            ("SE", Some(1)),
            (" sverige ", Some(1)),
            ("SWEDEN", Some(1)),
            ("dk", Some(2)),
            ("", Some(0)),
            ("   ", Some(0)),
            ("NO", None),
            ("Sverige AB", None),
        ] {
            assert_eq!(lookup.find(value), expected, "'{value}'");
        }
        assert_eq!(set.described(), "SE (SE, Sverige, Sweden), DK (DK)");
        assert_eq!(
            set.by_name("dk").map(|(i, m)| (i, m.name.as_str())),
            Some((2, "DK"))
        );
    }

    #[test]
    fn a_set_that_cannot_decide_is_refused() {
        for (markets, expected) in [
            (
                vec![
                    market("SE", &["SE", "Nordic"]),
                    market("FI", &["FI", " nordic"]),
                ],
                "[[market]] 'FI': key `values`: ' nordic' also means market SE ('Nordic'): a \
                 value may mean one market only",
            ),
            (
                vec![market("SE", &["SE"]), market("se", &["Sverige"])],
                "[[market]] 'se': two markets are named SE",
            ),
            (
                vec![market("Home", &["NO"])],
                "[[market]] 'Home': the name home is the policy's top level (the cases whose \
                 market is blank); give the market another name",
            ),
            (
                vec![market("SE", &["SE", " "])],
                "[[market]] 'SE': key `values`: a blank value is the home market's (the \
                 policy's top level); list only the values that mean SE",
            ),
            (
                vec![],
                "key `market_column`: 'country' names the market column, but no [[market]] \
                 table says which calendar each market counts on",
            ),
            (
                vec![market("SE", &["Sverige"]), market("FI", &["SE", "Suomi"])],
                "[[market]] 'SE': its name is a value of market FI ('SE'): `deadline --market \
                 SE` and the export would mean two markets; rename one",
            ),
            (
                vec![market("A", &[])],
                "[[market]] 'A': key `values` is empty, so no case could belong to it; list the \
                 export's values that mean A, or leave the key out to use the name",
            ),
        ] {
            assert_eq!(MarketSet::new("country", markets).unwrap_err(), expected);
        }
    }
}
