//! The vocabularies complaint returns count in: what a complaint's outcome was, and which
//! outside body it was referred to. Exports write these in English or Norwegian and in many
//! spellings; each is mapped once, here, and the reports count the mapped value.

/// An outcome as complaint returns count it. A partially upheld complaint counts as upheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutcomeClass {
    Upheld,
    Rejected,
    Withdrawn,
    /// An outcome the vocabulary does not know, or none given.
    Other,
}

impl OutcomeClass {
    pub const ALL: [OutcomeClass; 4] = [Self::Upheld, Self::Rejected, Self::Withdrawn, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upheld => "upheld",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
            Self::Other => "other",
        }
    }

    /// The words each class is recognised by, normalised (lower case, single spaces).
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Self::Upheld => &[
                "upheld",
                "partially upheld",
                "partly upheld",
                "partial",
                "medhold",
                "fullt medhold",
                "delvis medhold",
                "innvilget",
                "delvis innvilget",
            ],
            Self::Rejected => &[
                "rejected",
                "not upheld",
                "declined",
                "avslått",
                "avslag",
                "avvist",
                "ikke medhold",
            ],
            Self::Withdrawn => &["withdrawn", "trukket", "trukket tilbake", "henlagt"],
            Self::Other => &[],
        }
    }

    /// The class of an outcome as exported; `None` (no outcome) is [`OutcomeClass::Other`].
    pub fn of(outcome: Option<&str>) -> Self {
        let Some(text) = outcome else {
            return Self::Other;
        };
        let key = normalise(text);
        [Self::Upheld, Self::Rejected, Self::Withdrawn]
            .into_iter()
            .find(|class| class.words().contains(&key.as_str()))
            .unwrap_or(Self::Other)
    }
}

/// The outside bodies referrals are counted by.
pub const BODIES: [(&str, &[&str]); 4] = [
    (
        "Finansklagenemnda",
        &[
            "finansklagenemnda",
            "finkn",
            "finans klagenemnda",
            "bankklagenemnda",
        ],
    ),
    (
        "Forbrukerrådet",
        &["forbrukerrådet", "forbrukerradet", "consumer council"],
    ),
    (
        "Courts",
        &[
            "court",
            "courts",
            "domstol",
            "domstolene",
            "forliksrådet",
            "forliksråd",
            "tingrett",
            "tingretten",
            "lagmannsrett",
            "høyesterett",
        ],
    ),
    (
        "EU ODR",
        &[
            "eu odr",
            "odr",
            "odr platform",
            "eu odr platform",
            "online dispute resolution",
        ],
    ),
];

/// The name [`BODIES`] gives the EU online dispute resolution platform.
pub const EU_ODR: &str = "EU ODR";

/// Whether a referral names the EU online dispute resolution platform (shut down on
/// 2025-07-20): the word `ODR` in any spelling (`ODR-plattformen`), or its name in English or
/// Norwegian. The one vocabulary both the referral figures and the shutdown warning use.
pub fn is_eu_odr(referral: &str) -> bool {
    let lower = referral.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word == "odr")
        || lower.contains("nettplattform")
        || lower.contains("online dispute")
        || lower.contains("tvisteløsning på nett")
}

/// The body a referral is counted under: one of [`BODIES`], else the text as written
/// (trimmed); `None` when there is no referral.
pub fn referral_body(referred_to: Option<&str>) -> Option<String> {
    let text = referred_to?.trim();
    if text.is_empty() {
        return None;
    }
    if is_eu_odr(text) {
        return Some(EU_ODR.to_string());
    }
    let key = normalise(text);
    let known = BODIES.iter().find(|(_, words)| {
        words.contains(&key.as_str())
            || words
                .iter()
                .any(|w| w.len() > 4 && key.split(' ').any(|word| word == *w))
    });
    Some(match known {
        Some((name, _)) => name.to_string(),
        None => text.to_string(),
    })
}

/// Lower case, `_` `-` `.` and runs of spaces as one space.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-' || c == '.')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_in_english_and_norwegian() {
        for (text, class) in [
            ("upheld", OutcomeClass::Upheld),
            ("Partially upheld", OutcomeClass::Upheld),
            ("delvis medhold", OutcomeClass::Upheld),
            ("Medhold", OutcomeClass::Upheld),
            ("avslått", OutcomeClass::Rejected),
            ("Not upheld", OutcomeClass::Rejected),
            ("ikke  medhold", OutcomeClass::Rejected),
            ("trukket", OutcomeClass::Withdrawn),
            ("Withdrawn", OutcomeClass::Withdrawn),
            ("pending", OutcomeClass::Other),
        ] {
            assert_eq!(OutcomeClass::of(Some(text)), class, "{text}");
        }
        assert_eq!(OutcomeClass::of(None), OutcomeClass::Other);
    }

    /// The shutdown warning and the referral figures read one vocabulary: a referral is to
    /// the EU ODR platform for both or for neither.
    #[test]
    fn one_vocabulary_decides_what_the_odr_platform_is() {
        for text in [
            "EU ODR",
            "ODR-plattformen",
            "odr platform",
            "EUs nettplattform for klager",
            "Online Dispute Resolution",
            "Tvisteløsning på nett (EU)",
            "Finansklagenemnda",
            "Forbrukerrådet",
            "tingrett",
            "Godrej",
            "Oslo tingrett",
        ] {
            assert_eq!(
                is_eu_odr(text),
                referral_body(Some(text)).as_deref() == Some(EU_ODR),
                "{text}"
            );
        }
        assert!(!is_eu_odr("Godrej") && !is_eu_odr(""));
    }

    #[test]
    fn referral_bodies() {
        for (text, body) in [
            ("Finansklagenemnda", Some("Finansklagenemnda")),
            ("FinKN", Some("Finansklagenemnda")),
            ("forbrukerradet", Some("Forbrukerrådet")),
            ("Oslo tingrett", Some("Courts")),
            ("Forliksrådet", Some("Courts")),
            ("EU ODR", Some("EU ODR")),
            ("ODR-platform", Some("EU ODR")),
            ("ODR-plattformen", Some("EU ODR")),
            ("EUs nettplattform for klager", Some("EU ODR")),
            ("Finanstilsynet", Some("Finanstilsynet")),
            ("  ", None),
        ] {
            assert_eq!(referral_body(Some(text)).as_deref(), body, "{text}");
        }
        assert_eq!(referral_body(None), None);
    }
}
