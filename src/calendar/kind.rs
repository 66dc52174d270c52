//! The built-in calendars: their names, what each counts, where its rules come from, the years
//! they are known for, and each year's closures (from the calendar's own file).

use std::fmt;

use super::uk::Part;
use super::year::Holiday;
use super::{ClosureKind, MAX_YEAR, MIN_YEAR, denmark, finland, norway, sweden, uk};

/// The built-in calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CalendarKind {
    /// Norges Bank's settlement days: Monday to Friday, less the public holidays and (from
    /// 2002) 24 December. 31 December is a working day.
    NoBank,
    /// Monday to Saturday, less the public holidays ("virkedag" in general Norwegian law).
    NoLegal,
    /// Swedish bank days: Monday to Friday less the public holidays, Midsummer Eve, Christmas
    /// Eve and New Year's Eve.
    SeBank,
    /// Danmarks Nationalbank's settlement days.
    DkBank,
    /// Finnish bank days.
    FiBank,
    /// Bank holidays of England and Wales.
    GbEawBank,
    /// Bank holidays of Scotland.
    GbSctBank,
    /// Bank holidays of Northern Ireland.
    GbNirBank,
    /// Monday to Friday, no holidays at all.
    Weekdays,
}

impl CalendarKind {
    pub const ALL: [CalendarKind; 9] = [
        Self::NoBank,
        Self::NoLegal,
        Self::SeBank,
        Self::DkBank,
        Self::FiBank,
        Self::GbEawBank,
        Self::GbSctBank,
        Self::GbNirBank,
        Self::Weekdays,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::NoBank => "no-bank",
            Self::NoLegal => "no-legal",
            Self::SeBank => "se-bank",
            Self::DkBank => "dk-bank",
            Self::FiBank => "fi-bank",
            Self::GbEawBank => "gb-eaw-bank",
            Self::GbSctBank => "gb-sct-bank",
            Self::GbNirBank => "gb-nir-bank",
            Self::Weekdays => "weekdays",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The names accepted by [`CalendarKind::from_name`], for error messages and help.
    pub fn names() -> String {
        Self::ALL.map(Self::name).join(", ")
    }

    /// What the calendar counts, in words, for reports and `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Self::NoBank => {
                "Norwegian bank working days (Norges Bank's settlement days): Monday to Friday, \
                 less the 12 public holidays and Christmas Eve; New Year's Eve is a working day"
            }
            Self::NoLegal => {
                "Norwegian legal working days (virkedager): Monday to Saturday, less Sundays \
                 and the 12 public holidays"
            }
            Self::SeBank => {
                "Swedish bank days: Monday to Friday, less the public holidays (National Day \
                 6 June from 2005, Whit Monday until 2004), Midsummer Eve, Christmas Eve and \
                 New Year's Eve"
            }
            Self::DkBank => {
                "Danish bank days (Danmarks Nationalbank's settlement days): Monday to Friday, \
                 less the public holidays (Great Prayer Day until 2023), the Friday after \
                 Ascension, Constitution Day (5 June), 24 and 31 December; 1 May is a working \
                 day. When the bank closures on the Friday after Ascension, 5 June, 24 and 31 \
                 December began is not known from a source: they are applied to every year"
            }
            Self::FiBank => {
                "Finnish bank days: Monday to Friday, less the public holidays (Independence \
                 Day 6 December included), Midsummer Eve and Christmas Eve"
            }
            Self::GbEawBank => {
                "UK business days in England and Wales: Monday to Friday, less the bank \
                 holidays of England and Wales, their substitute days and the days proclaimed"
            }
            Self::GbSctBank => {
                "UK business days in Scotland: Monday to Friday, less the bank holidays of \
                 Scotland (2 January and St Andrew's Day included, Easter Monday not), their \
                 substitute days and the days proclaimed"
            }
            Self::GbNirBank => {
                "UK business days in Northern Ireland: Monday to Friday, less the bank holidays \
                 of Northern Ireland (St Patrick's Day and 12 July included), their substitute \
                 days and the days proclaimed"
            }
            Self::Weekdays => "Monday to Friday, no holidays",
        }
    }

    /// Where the calendar's rules come from, for `--help`, the README and the Method sheet.
    pub fn source(self) -> &'static str {
        match self {
            Self::NoBank => {
                "Lov om helligdager og helligdagsfred (1995) and lov om 1. og 17. mai (1947); \
                 Norges Bank's lists of NBO's closing days (24 December from 2002)"
            }
            Self::NoLegal => {
                "Lov om helligdager og helligdagsfred (1995); lov om 1. og 17. mai (1947)"
            }
            Self::SeBank => {
                "Lag (1989:253) om allmänna helgdagar; the days the Riksbank's RIX and the banks \
                 are closed (Midsummer Eve, Christmas Eve, New Year's Eve)"
            }
            Self::DkBank => {
                "Danmarks Nationalbank's closing days; the act abolishing Great Prayer Day as a \
                 public holiday from 2024"
            }
            Self::FiBank => "The Finnish public holidays and the Finnish banks' closing days",
            Self::GbEawBank | Self::GbNirBank => {
                "Banking and Financial Dealings Act 1971, Schedule 1, and the days appointed by \
                 proclamation (the table below); the FCA Handbook's \"business day\" (bank \
                 holidays in that part of the UK)"
            }
            Self::GbSctBank => {
                "Banking and Financial Dealings Act 1971, Schedule 1, and the days appointed by \
                 proclamation (the table below); St Andrew's Day Bank Holiday (Scotland) Act \
                 2007; the FCA Handbook's \"business day\" (bank holidays in that part of the \
                 UK)"
            }
            Self::Weekdays => "None: not a country's calendar",
        }
    }

    /// The first year the calendar's rules are known for. A date before it is refused, not
    /// counted on rules that did not yet hold.
    pub fn first_year(self) -> i32 {
        match self {
            Self::SeBank => sweden::FIRST_YEAR,
            Self::FiBank => finland::FIRST_YEAR,
            Self::GbEawBank | Self::GbSctBank | Self::GbNirBank => uk::FIRST_YEAR,
            Self::NoBank | Self::NoLegal | Self::DkBank | Self::Weekdays => MIN_YEAR,
        }
    }

    /// Why the calendar starts after [`MIN_YEAR`], for messages.
    pub fn first_year_reason(self) -> Option<&'static str> {
        match self {
            Self::SeBank => Some("Midsummer and All Saints' Day moved to Saturdays in 1953"),
            Self::FiBank => Some("Epiphany and Ascension Day were on Saturdays from 1973 to 1990"),
            Self::GbEawBank | Self::GbSctBank | Self::GbNirBank => {
                Some("the Early May bank holiday began in 1978")
            }
            _ => None,
        }
    }

    /// The last year the calendar answers for.
    pub fn last_year(self) -> i32 {
        MAX_YEAR
    }

    /// Working weekdays, Monday first (the order polars' business-day functions use).
    pub fn week_mask(self) -> [bool; 7] {
        match self {
            Self::NoLegal => [true, true, true, true, true, true, false],
            _ => [true, true, true, true, true, false, false],
        }
    }

    pub(super) fn builtin_closures(self, year: i32) -> Vec<Holiday> {
        let public = || {
            norway::public_holidays(year)
                .into_iter()
                .map(|(d, n)| (d, n, ClosureKind::PublicHoliday))
        };
        match self {
            Self::Weekdays => Vec::new(),
            Self::NoLegal => public().collect(),
            Self::NoBank => public()
                .chain(
                    norway::bank_closures(year)
                        .into_iter()
                        .map(|(d, n)| (d, n, ClosureKind::BankClosure)),
                )
                .collect(),
            Self::SeBank => sweden::closures(year),
            Self::DkBank => denmark::closures(year),
            Self::FiBank => finland::closures(year),
            Self::GbEawBank => uk::closures(year, Part::EnglandWales),
            Self::GbSctBank => uk::closures(year, Part::Scotland),
            Self::GbNirBank => uk::closures(year, Part::NorthernIreland),
        }
    }
}

/// The built-in calendars with what each counts, where its rules come from and the years it
/// answers for: the end of `calendar --help`.
pub fn help() -> String {
    let mut text = String::from("Calendars:\n");
    for kind in CalendarKind::ALL {
        text.push_str(&format!(
            "\n  {} ({} to {MAX_YEAR})\n      {}.\n      Source: {}.\n",
            kind.name(),
            kind.first_year(),
            kind.description(),
            kind.source()
        ));
    }
    text.push_str(&format!(
        "\nThe UK's one-off bank holidays proclaimed since 1978 (Banking and Financial Dealings Act 1971):\n{}",
        uk::proclamations::PROCLAIMED
            .iter()
            .map(|p| format!("  {}  {} ({})\n", p.date(), p.name, p.proclamation()))
            .collect::<String>()
    ));
    text.push_str(
        "A day proclaimed after these is not known to the calendar: add it with a holiday \
         file (--holidays).\n",
    );
    text
}

impl fmt::Display for CalendarKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
