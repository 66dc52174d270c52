//! Synthetic complaint exports: realistic enough to exercise every rule and every report, and
//! the same bytes for the same seed on every machine and every version (the random numbers come
//! from SplitMix64, written out here, not from a crate whose algorithm may change).

use std::io::Write;

use anyhow::Result;
use chrono::{Datelike, Duration, NaiveDate, TimeZone};

use crate::ingest::RejectReason;

/// The two shapes of export the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `,`, UTF-8 without BOM, English headers, ISO dates.
    Canonical,
    /// `;`, UTF-8 with BOM, Norwegian headers and values, `DD.MM.YYYY` dates, CRLF.
    Nordic,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct SampleSpec {
    /// Valid cases.
    pub rows: u64,
    pub seed: u64,
    /// Receipt dates are spread over [`from`, `to`]; the export is taken at the end of `to`.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub style: Style,
    /// Malformed rows of each reject reason, in addition to `rows`.
    pub bad: u64,
    /// The share of cases never resolved (a real history keeps some open for good: open
    /// cases then pile up, and every report holds them). The default is
    /// [`NEVER_RESOLVED_DEFAULT`].
    pub never_resolved: f64,
    /// Whether each case names its market (a `country` column, `Land` in the Nordic style),
    /// as an issuer in several countries exports: the values of [`MARKET_VALUES`], which
    /// `sample_data/group/policy.toml` maps to markets. The malformed rows then include
    /// `unknown_market` ones.
    pub markets: bool,
}

/// The market values of `--markets`, by weight: a blank (the home market), and the values an
/// issuer's systems write for Norway, Sweden, Denmark, Finland and the UK's three parts.
pub const MARKET_VALUES: [(&str, &str, u32); 14] = [
    ("", "", 4),
    ("NO", "NO", 10),
    ("Norway", "Norge", 4),
    ("SE", "SE", 12),
    ("Sweden", "Sverige", 4),
    ("DK", "DK", 10),
    ("Denmark", "Danmark", 3),
    ("FI", "FI", 8),
    ("Finland", "Suomi", 3),
    ("GB", "GB", 12),
    ("UK", "UK", 4),
    ("Scotland", "Skottland", 5),
    ("Northern Ireland", "Nord-Irland", 4),
    ("GB-NIR", "GB-NIR", 1),
];

/// The market values of no market, for the `unknown_market` rows.
const UNKNOWN_MARKETS: [&str; 3] = ["DE", "Tyskland", "Iceland"];

/// The reasons the malformed rows of `spec` have, each `spec.bad` times.
pub fn bad_reasons(spec: &SampleSpec) -> Vec<RejectReason> {
    RejectReason::ALL
        .into_iter()
        .filter(|r| r.in_csv())
        .chain(spec.markets.then_some(RejectReason::UnknownMarket))
        .collect()
}

/// The share of cases the generator leaves unresolved unless told otherwise.
pub const NEVER_RESOLVED_DEFAULT: f64 = 0.005;

/// SplitMix64: small, fast, and fixed for ever.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi].
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `items`, by weight.
    fn pick<'a>(&mut self, items: &[(&'a str, &'a str, u32)]) -> (&'a str, &'a str) {
        let total: u32 = items.iter().map(|i| i.2).sum();
        let mut n = (self.next() % total as u64) as u32;
        for (en, no, w) in items {
            if n < *w {
                return (en, no);
            }
            n -= w;
        }
        unreachable!("weights add up")
    }
}

/// (English, Norwegian, weight).
const CHANNELS: [(&str, &str, u32); 5] = [
    ("email", "e-post", 35),
    ("phone", "telefon", 25),
    ("web form", "nettskjema", 20),
    ("letter", "brev", 10),
    ("chat", "chat", 10),
];
const PRODUCTS: [(&str, &str, u32); 5] = [
    ("credit card", "kredittkort", 55),
    ("charge card", "betalingskort", 20),
    ("travel card", "reisekort", 10),
    ("corporate card", "bedriftskort", 10),
    ("gift card", "gavekort", 5),
];
const CATEGORIES: [(&str, &str, u32); 7] = [
    ("fees", "gebyrer", 25),
    ("disputed transaction", "omstridt transaksjon", 20),
    ("fraud", "svindel", 12),
    ("interest", "renter", 12),
    ("customer service", "kundeservice", 14),
    ("rewards", "bonuspoeng", 10),
    ("travel insurance", "reiseforsikring", 7),
];
const STAGES: [(&str, &str, u32); 3] = [
    ("customer service", "kundeservice", 70),
    ("complaints department", "klageavdeling", 22),
    ("complaints manager", "klageansvarlig", 8),
];
const OUTCOMES: [(&str, &str, u32); 4] = [
    ("upheld", "medhold", 30),
    ("partially upheld", "delvis medhold", 15),
    ("rejected", "avslått", 45),
    ("withdrawn", "trukket", 10),
];
const BODIES: [(&str, &str, u32); 4] = [
    ("Finansklagenemnda", "Finansklagenemnda", 70),
    ("Forbrukerrådet", "Forbrukerrådet", 20),
    ("Oslo tingrett", "Oslo tingrett", 5),
    ("EU ODR", "EU ODR", 5),
];
const HANDLERS: [&str; 8] = [
    "Åse Bråten",
    "Øystein Nærø",
    "Kari Ødegård",
    "Per Ås",
    "Siv Kjærnes",
    "Bjørn Fæste",
    "Ingrid Sæther",
    "Mats Løvås",
];
const DESCRIPTIONS: [&str; 8] = [
    "Dobbelt trekk på kortet",
    "Årsavgift trukket etter oppsigelse",
    "Ukjent transaksjon i utlandet",
    "Bonuspoeng mangler etter reise",
    "Kortet ble sperret på ferie; \"ingen svar\" fra kundeservice",
    "Renter beregnet feil, se vedlegg",
    "Forsikringen dekket ikke avbestilt reise",
    "Klagen gjelder gebyr for valutaveksling,\nsendt to ganger",
];

const HEADERS_EN: [&str; 12] = [
    "case_id",
    "received_at",
    "holding_reply_at",
    "resolved_at",
    "channel",
    "product",
    "category",
    "stage",
    "outcome",
    "referred_to",
    "handler",
    "description",
];
const HEADERS_NO: [&str; 12] = [
    "Saksnummer",
    "Mottatt",
    "Foreløpig svar",
    "Løst dato",
    "Kanal",
    "Produkt",
    "Årsak",
    "Nivå",
    "Utfall",
    "Henvist til",
    "Saksbehandler",
    "Beskrivelse",
];

impl Style {
    /// What the style's case ids begin with.
    fn id_prefix(self) -> &'static str {
        match self {
            Style::Canonical => "C",
            Style::Nordic => "KL",
        }
    }
}

/// One generated case.
struct Case {
    id: String,
    received: String,
    holding: String,
    resolved: String,
    fields: [String; 8],
    /// With `--markets`: the market value, the last column.
    market: Option<String>,
}

impl Case {
    fn record(&self) -> Vec<&str> {
        let mut r = vec![
            self.id.as_str(),
            self.received.as_str(),
            self.holding.as_str(),
            self.resolved.as_str(),
        ];
        r.extend(self.fields.iter().map(String::as_str));
        r.extend(self.market.as_deref());
        r
    }
}

struct Generator {
    rng: Rng,
    spec: SampleSpec,
    span: i64,
}

impl Generator {
    fn date(&self, d: NaiveDate) -> String {
        match self.spec.style {
            Style::Canonical => d.format("%Y-%m-%d").to_string(),
            Style::Nordic => d.format("%d.%m.%Y").to_string(),
        }
    }

    /// A receipt: a date, a local timestamp, or a timestamp with an offset, some near
    /// midnight so that the time zone decides the day.
    fn receipt(&mut self, d: NaiveDate) -> String {
        let r = self.rng.unit();
        let iso = d.format("%Y-%m-%d");
        if r < 0.5 {
            self.date(d)
        } else if r < 0.8 {
            let (h, m) = (self.rng.range(8, 16), self.rng.range(0, 59));
            match self.spec.style {
                Style::Canonical => format!("{iso} {h:02}:{m:02}"),
                Style::Nordic => format!("{} {h:02}:{m:02}", d.format("%d.%m.%Y")),
            }
        } else if r < 0.9 {
            // Late in the evening UTC the day before: already this day in Oslo.
            let m = self.rng.range(0, 59);
            let eve = (d - Duration::days(1)).format("%Y-%m-%d");
            format!("{eve}T23:{m:02}:00Z")
        } else {
            // Oslo's own offset at that moment (summer time included), as a system that
            // exports local time with its offset writes it.
            let (h, m) = (self.rng.range(0, 23), self.rng.range(0, 59));
            let local = d.and_hms_opt(h as u32, m as u32, 0).expect("a valid time");
            match chrono_tz::Europe::Oslo
                .from_local_datetime(&local)
                .earliest()
            {
                Some(t) => t.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                // The hour skipped when clocks go forward: a date alone.
                None => self.date(d),
            }
        }
    }

    fn case(&mut self, seq: u64) -> Case {
        let received = self.spec.from + Duration::days(self.rng.range(0, self.span));
        // Calendar days to resolution: mostly quick, with a long tail.
        let r = self.rng.unit();
        let delay = if r < 0.6 {
            self.rng.range(0, 14)
        } else if r < 0.85 {
            self.rng.range(15, 30)
        } else if r < 0.96 {
            self.rng.range(31, 60)
        } else {
            self.rng.range(61, 200)
        };
        let resolved_on = received + Duration::days(delay);
        let stuck = self.rng.chance(self.spec.never_resolved);
        let resolved = (resolved_on <= self.spec.to && !stuck).then_some(resolved_on);
        // Late cases often get a holding reply, usually in time.
        let holding = (delay > 18 && self.rng.chance(0.6))
            .then(|| received + Duration::days(self.rng.range(8, 24).min(delay.max(8))));
        let holding = holding.filter(|h| *h <= self.spec.to && resolved.is_none_or(|r| *h <= r));
        // Now and then a holding reply is logged after the resolution (a warning, not a reject).
        let late_holding_roll = self.rng.unit();
        let holding = match resolved {
            Some(r) if late_holding_roll < 0.004 && r < self.spec.to => Some(r + Duration::days(1)),
            _ => holding,
        };
        let style = self.spec.style;
        let refer_roll = self.rng.unit();
        let handler = HANDLERS[self.rng.range(0, HANDLERS.len() as i64 - 1) as usize].to_string();
        let description =
            DESCRIPTIONS[self.rng.range(0, DESCRIPTIONS.len() as i64 - 1) as usize].to_string();
        let mut pick = |items: &[(&'static str, &'static str, u32)]| {
            let (en, no) = self.rng.pick(items);
            match style {
                Style::Canonical => en.to_string(),
                Style::Nordic => no.to_string(),
            }
        };
        let channel = pick(&CHANNELS);
        let product = pick(&PRODUCTS);
        let category = pick(&CATEGORIES);
        let stage = pick(&STAGES);
        let outcome = if resolved.is_some() {
            pick(&OUTCOMES)
        } else {
            String::new()
        };
        let referral = resolved.is_some()
            && matches!(
                outcome.as_str(),
                "rejected" | "avslått" | "partially upheld" | "delvis medhold"
            )
            && refer_roll < 0.08;
        let referred_to = if referral {
            pick(&BODIES)
        } else {
            String::new()
        };
        let prefix = style.id_prefix();
        let market = self.spec.markets.then(|| pick(&MARKET_VALUES));
        Case {
            id: format!("{prefix}-{}-{seq:07}", received.year()),
            received: self.receipt(received),
            holding: holding.map(|h| self.date(h)).unwrap_or_default(),
            resolved: resolved.map(|r| self.date(r)).unwrap_or_default(),
            fields: [
                channel,
                product,
                category,
                stage,
                outcome,
                referred_to,
                handler,
                description,
            ],
            market,
        }
    }

    /// Rows that must be rejected for `reason` (two for a conflicting duplicate).
    fn bad(&mut self, reason: RejectReason, seq: u64, last: &Case) -> Vec<Vec<String>> {
        let owned = |c: &Case| c.record().iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut case = self.case(seq);
        let received = self.spec.from + Duration::days(self.rng.range(20, self.span.max(20)));
        case.received = self.date(received);
        // Only the fault the reason names: no other date to contradict the new receipt.
        case.holding.clear();
        case.resolved.clear();
        case.fields[4].clear();
        case.fields[5].clear();
        match reason {
            RejectReason::WrongFieldCount => {
                let mut r = owned(&case);
                r.truncate(5);
                vec![r]
            }
            RejectReason::EmptyRow => vec![vec![String::new(); case.record().len()]],
            RejectReason::MissingCaseId => {
                case.id.clear();
                vec![owned(&case)]
            }
            RejectReason::MissingReceivedDate => {
                case.received.clear();
                vec![owned(&case)]
            }
            RejectReason::UnparseableDate => {
                case.received = match self.rng.range(0, 2) {
                    0 => "31.11.2025".to_string(),
                    1 => "2025-02-30".to_string(),
                    _ => "snart".to_string(),
                };
                vec![owned(&case)]
            }
            RejectReason::DateOutOfRange => {
                case.received = self.date(NaiveDate::from_ymd_opt(1895, 12, 12).expect("a date"));
                vec![owned(&case)]
            }
            RejectReason::ResolvedBeforeReceived => {
                let back = self.rng.range(1, 9);
                case.resolved = self.date(received - Duration::days(back));
                case.holding.clear();
                vec![owned(&case)]
            }
            RejectReason::HoldingReplyBeforeReceived => {
                let back = self.rng.range(1, 9);
                case.holding = self.date(received - Duration::days(back));
                case.resolved.clear();
                vec![owned(&case)]
            }
            RejectReason::ConflictingDuplicate => {
                let first = owned(&case);
                let mut second = first.clone();
                let later = self.rng.range(1, 10);
                second[3] = self.date(received + Duration::days(later));
                second[8] = match self.spec.style {
                    Style::Canonical => "upheld".to_string(),
                    Style::Nordic => "medhold".to_string(),
                };
                vec![first, second]
            }
            RejectReason::Duplicate => vec![owned(last)],
            // Not in CSV (`RejectReason::in_csv`): a CSV case id is text.
            RejectReason::UnreadableCaseId => Vec::new(),
            RejectReason::UnknownMarket => {
                let value = UNKNOWN_MARKETS[self.rng.range(0, 2) as usize];
                case.market = Some(value.to_string());
                vec![owned(&case)]
            }
        }
    }
}

/// Writes the export to `out`.
pub fn write(spec: &SampleSpec, out: &mut dyn Write) -> Result<()> {
    let span = (spec.to - spec.from).num_days().max(0);
    let mut g = Generator {
        rng: Rng(spec.seed),
        spec: spec.clone(),
        span,
    };
    let (separator, terminator, headers) = match spec.style {
        Style::Canonical => (b',', csv::Terminator::Any(b'\n'), HEADERS_EN),
        Style::Nordic => (b';', csv::Terminator::CRLF, HEADERS_NO),
    };
    if spec.style == Style::Nordic {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(separator)
        .terminator(terminator)
        .flexible(true)
        .from_writer(out);
    let market_header = match spec.style {
        Style::Canonical => "country",
        Style::Nordic => "Land",
    };
    writer.write_record(headers.iter().chain(spec.markets.then_some(&market_header)))?;
    // The malformed rows go at evenly spread, seeded positions.
    let reasons = bad_reasons(spec);
    let total_bad = spec.bad * reasons.len() as u64;
    let mut bad_at: Vec<(u64, RejectReason)> = Vec::new();
    for i in 0..total_bad {
        let slot = if spec.rows == 0 {
            0
        } else {
            g.rng.next() % spec.rows
        };
        bad_at.push((slot, reasons[(i % reasons.len() as u64) as usize]));
    }
    bad_at.sort_by_key(|(slot, reason)| (*slot, *reason as u8));
    let mut next_bad = bad_at.into_iter().peekable();
    let mut seq = 0u64;
    let mut last: Option<Case> = None;
    for row in 0..spec.rows {
        seq += 1;
        let case = g.case(seq);
        writer.write_record(case.record())?;
        while let Some((_, reason)) = next_bad.next_if(|(slot, _)| *slot == row) {
            seq += 1;
            for record in g.bad(reason, seq, &case) {
                writer.write_record(&record)?;
            }
        }
        last = Some(case);
    }
    // With no valid rows, the bad ones still come (a duplicate of nothing is skipped).
    for (_, reason) in next_bad {
        seq += 1;
        if let Some(last) = &last {
            for record in g.bad(reason, seq, last) {
                writer.write_record(&record)?;
            }
        } else if reason != RejectReason::Duplicate {
            let placeholder = g.case(seq);
            for record in g.bad(reason, seq, &placeholder) {
                writer.write_record(&record)?;
            }
        }
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(style: Style) -> SampleSpec {
        SampleSpec {
            rows: 200,
            seed: 42,
            from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
            style,
            bad: 1,
            never_resolved: NEVER_RESOLVED_DEFAULT,
            markets: false,
        }
    }

    fn bytes(spec: &SampleSpec) -> Vec<u8> {
        let mut out = Vec::new();
        write(spec, &mut out).unwrap();
        out
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
        let a = bytes(&spec(Style::Canonical));
        assert_eq!(a, bytes(&spec(Style::Canonical)));
        let mut other = spec(Style::Canonical);
        other.seed = 43;
        assert_ne!(a, bytes(&other));
    }

    #[test]
    fn the_random_numbers_are_fixed_for_ever() {
        // SplitMix64 from seed 0: the published first outputs.
        let mut rng = Rng(0);
        assert_eq!(rng.next(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn every_receipt_falls_on_its_day_in_oslo_in_every_season() {
        for style in [Style::Canonical, Style::Nordic] {
            let mut g = Generator {
                rng: Rng(7),
                spec: spec(style),
                span: 0,
            };
            let mut day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
            while day.year() == 2024 {
                for _ in 0..40 {
                    let raw = g.receipt(day);
                    let parsed = crate::date_input::parse(&raw).unwrap();
                    assert_eq!(
                        parsed.local_date(chrono_tz::Europe::Oslo),
                        day,
                        "{raw} should be {day} in Oslo"
                    );
                }
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn nordic_style_has_a_bom_semicolons_and_norwegian_headers() {
        let text = String::from_utf8(bytes(&spec(Style::Nordic))).unwrap();
        assert!(text.starts_with("\u{feff}Saksnummer;Mottatt;Foreløpig svar;"));
        assert!(text.contains("\r\n"));
    }

    /// The history shape of the benchmark: a share of cases is never resolved, however old.
    #[test]
    fn a_share_of_cases_is_never_resolved() {
        let unresolved = |share: f64| {
            let mut spec = spec(Style::Canonical);
            spec.rows = 4000;
            spec.bad = 0;
            spec.never_resolved = share;
            // Cases received in January 2025 are all due long before the export's day.
            let text = String::from_utf8(bytes(&spec)).unwrap();
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let (mut january, mut open) = (0, 0);
            for record in reader.records() {
                let record = record.unwrap();
                if record[1].starts_with("2025-01") || record[1].starts_with("2024-12-31T") {
                    january += 1;
                    open += u32::from(record[3].is_empty());
                }
            }
            f64::from(open) / f64::from(january)
        };
        assert!(unresolved(NEVER_RESOLVED_DEFAULT) < 0.02);
        let share = unresolved(0.08);
        assert!((0.05..0.12).contains(&share), "{share}");
    }
}
