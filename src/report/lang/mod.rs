//! The words of the reports, in each language they are written in. All of a language's text
//! is one table of keys and texts ([`en`], [`nb`]): a third language is one more table, and a
//! test checks that every table has every key, with the same `{placeholders}`.
//!
//! What does not change with the language is the data contract: status codes, CSV column
//! names, JSON keys and exit codes stay as they are.

mod en;
mod en_calendars;
mod en_reader;
mod nb;
mod nb_calendars;
mod nb_reader;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use crate::language::Language;

impl Language {
    /// The language's texts: those of the files and sheets, then those written for the
    /// reader (the verdict, the column headers, the board pack), then the calendars.
    fn table(self) -> Vec<(&'static str, &'static str)> {
        let tables: [&[(&str, &str)]; 3] = match self {
            Language::En => [en::TABLE, en_reader::TABLE, en_calendars::TABLE],
            Language::Nb => [nb::TABLE, nb_reader::TABLE, nb_calendars::TABLE],
        };
        tables.concat()
    }

    /// The language's texts.
    pub fn texts(self) -> Texts {
        static MAPS: OnceLock<[HashMap<&'static str, &'static str>; 2]> = OnceLock::new();
        let maps = MAPS.get_or_init(|| Language::ALL.map(|l| l.table().into_iter().collect()));
        Texts {
            language: self,
            map: &maps[self as usize],
        }
    }
}

/// One language's texts, by key.
#[derive(Clone, Copy)]
pub struct Texts {
    pub language: Language,
    map: &'static HashMap<&'static str, &'static str>,
}

impl Texts {
    /// The text of `key`. Every key the reports use is in every table (a test checks the
    /// tables against each other, and the snapshot tests render every key in every language).
    pub fn get(&self, key: &str) -> &'static str {
        self.map.get(key).copied().unwrap_or_else(|| {
            panic!(
                "internal error: no text '{key}' in language {}",
                self.language.code()
            )
        })
    }

    /// The text of `key` with its `{name}` placeholders filled from `values`.
    pub fn fill(&self, key: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }

    /// A count in words, singular or plural: `counted("count.breach", 1)` is "1 breach" (the
    /// keys `{stem}_one` and `{stem}_many`).
    pub fn counted(&self, stem: &str, n: u64) -> String {
        let form = if n == 1 { "one" } else { "many" };
        self.fill(&format!("{stem}_{form}"), &[("n", &n)])
    }

    #[cfg(test)]
    /// A share as the language writes it: `12.5%` in English, `12,5 %` in Norwegian.
    pub fn percent(&self, value: f64) -> String {
        match self.language {
            Language::En => format!("{value:.1}%"),
            Language::Nb => format!("{value:.1} %").replace('.', ","),
        }
    }

    /// A decimal number with one place: `8.5`, or `8,5` in Norwegian.
    pub fn decimal(&self, value: f64) -> String {
        let text = format!("{value:.1}");
        match self.language {
            Language::En => text,
            Language::Nb => text.replace('.', ","),
        }
    }

    /// An amount in minor units: `1,234.50`, or `1 234,50` in Norwegian (a no-break space
    /// groups the thousands).
    pub fn money(&self, minor: i64) -> String {
        match self.language {
            Language::En => crate::amount::format_grouped(minor, ",", "."),
            Language::Nb => crate::amount::format_grouped(minor, "\u{a0}", ","),
        }
    }
}

/// The `{placeholders}` of a text, sorted.
#[cfg(test)]
fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_language_has_every_key_with_the_same_placeholders() {
        let keys = |l: Language| -> BTreeSet<&str> { l.table().iter().map(|(k, _)| *k).collect() };
        let english = keys(Language::En);
        for language in Language::ALL {
            let table = language.table();
            assert_eq!(
                keys(language).len(),
                table.len(),
                "{}: a key is given twice",
                language.code()
            );
            let theirs = keys(language);
            let missing: Vec<_> = english.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, not in English {extra:?}",
                language.code()
            );
            for (key, text) in table {
                assert!(
                    !text.trim().is_empty(),
                    "{}: {key} is empty",
                    language.code()
                );
                assert_eq!(
                    placeholders(text),
                    placeholders(Language::En.texts().get(key)),
                    "{}: {key}",
                    language.code()
                );
            }
        }
    }

    #[test]
    fn numbers_as_each_language_writes_them() {
        let (en, nb) = (Language::En.texts(), Language::Nb.texts());
        assert_eq!(en.percent(12.5), "12.5%");
        assert_eq!(nb.percent(12.5), "12,5 %");
        assert_eq!(en.decimal(8.0), "8.0");
        assert_eq!(nb.decimal(8.5), "8,5");
        assert_eq!(en.money(123_450), "1,234.50");
        assert_eq!(nb.money(123_450), "1\u{a0}234,50");
        assert_eq!(
            en.fill("report.title", &[("period", &"2025-12")]),
            "Complaint handling report 2025-12"
        );
        assert_eq!(
            nb.fill("report.title", &[("period", &"2025-12")]),
            "Klagerapport 2025-12"
        );
    }
}
