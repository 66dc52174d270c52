//! The one-off bank holidays proclaimed under the Banking and Financial Dealings Act 1971 since
//! 1978: an extra day appointed under s. 1(3), or a regular holiday moved under s. 1(2) to
//! another day of the same year. Each applied in all three parts of the UK.
//!
//! For 2026 one day is proclaimed, in Scotland only: Monday 15 June, for Scotland's
//! participation in the FIFA World Cup finals (the Privy Council's proclamation of February
//! 2026). A day proclaimed after this table was written is not known to the calendar until it
//! is added here; until then, add it with a holiday file.

use chrono::NaiveDate;

use super::Part;

/// A proclaimed day.
#[derive(Debug, Clone, Copy)]
pub struct Proclaimed {
    pub on: (i32, u32, u32),
    pub name: &'static str,
    /// The regular holiday this day replaces (s. 1(2)); `None` for an extra day (s. 1(3)).
    pub instead_of: Option<(u32, u32)>,
    pub parts: &'static [Part],
}

const ALL: &[Part] = &[Part::EnglandWales, Part::Scotland, Part::NorthernIreland];

/// Every proclaimed day, in date order.
pub const PROCLAIMED: &[Proclaimed] = &[
    Proclaimed {
        on: (1981, 7, 29),
        name: "Royal wedding of the Prince of Wales and Lady Diana Spencer",
        instead_of: None,
        parts: ALL,
    },
    Proclaimed {
        on: (1995, 5, 8),
        name: "Early May bank holiday (VE Day, moved from 1 May)",
        instead_of: Some((5, 1)),
        parts: ALL,
    },
    Proclaimed {
        on: (1999, 12, 31),
        name: "Millennium celebrations",
        instead_of: None,
        parts: ALL,
    },
    Proclaimed {
        on: (2002, 6, 3),
        name: "Golden Jubilee of Queen Elizabeth II",
        instead_of: None,
        parts: ALL,
    },
    Proclaimed {
        on: (2002, 6, 4),
        name: "Spring bank holiday (moved from 27 May)",
        instead_of: Some((5, 27)),
        parts: ALL,
    },
    Proclaimed {
        on: (2011, 4, 29),
        name: "Royal wedding of Prince William and Catherine Middleton",
        instead_of: None,
        parts: ALL,
    },
    Proclaimed {
        on: (2012, 6, 4),
        name: "Spring bank holiday (moved from 28 May)",
        instead_of: Some((5, 28)),
        parts: ALL,
    },
    Proclaimed {
        on: (2012, 6, 5),
        name: "Diamond Jubilee of Queen Elizabeth II",
        instead_of: None,
        parts: ALL,
    },
    Proclaimed {
        on: (2020, 5, 8),
        name: "Early May bank holiday (VE Day, moved from 4 May)",
        instead_of: Some((5, 4)),
        parts: ALL,
    },
    Proclaimed {
        on: (2022, 6, 2),
        name: "Spring bank holiday (moved from 30 May)",
        instead_of: Some((5, 30)),
        parts: ALL,
    },
    Proclaimed {
        on: (2022, 6, 3),
        name: "Platinum Jubilee of Queen Elizabeth II",
        instead_of: None,
        parts: ALL,
    },
    Proclaimed {
        on: (2022, 9, 19),
        name: "State funeral of Queen Elizabeth II",
        instead_of: None,
        parts: ALL,
    },
    Proclaimed {
        on: (2023, 5, 8),
        name: "Coronation of King Charles III",
        instead_of: None,
        parts: ALL,
    },
    Proclaimed {
        on: (2026, 6, 15),
        name: "Scotland's participation in the FIFA World Cup finals",
        instead_of: None,
        parts: &[Part::Scotland],
    },
];

impl Proclaimed {
    pub fn date(&self) -> NaiveDate {
        let (y, m, d) = self.on;
        NaiveDate::from_ymd_opt(y, m, d).expect("the table holds valid dates")
    }

    /// The date of the regular holiday this day replaces.
    pub fn instead_of(&self) -> Option<NaiveDate> {
        self.instead_of
            .map(|(m, d)| NaiveDate::from_ymd_opt(self.on.0, m, d).expect("valid date"))
    }

    /// The power the day was proclaimed under, and where, in words.
    pub fn proclamation(&self) -> String {
        let power = match self.instead_of() {
            Some(date) => format!("s. 1(2): in place of {}", date.format("%-d %B %Y")),
            None => "s. 1(3): an additional bank holiday".to_string(),
        };
        match self.parts {
            [Part::Scotland] => format!("{power}, in Scotland only"),
            [Part::EnglandWales] => format!("{power}, in England and Wales only"),
            [Part::NorthernIreland] => format!("{power}, in Northern Ireland only"),
            _ => power,
        }
    }
}

/// The days proclaimed for `year` in `part`.
pub fn in_year(year: i32, part: Part) -> impl Iterator<Item = &'static Proclaimed> {
    PROCLAIMED
        .iter()
        .filter(move |p| p.on.0 == year && p.parts.contains(&part))
}
