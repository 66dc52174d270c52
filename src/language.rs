//! The languages a report's words can be in (the words themselves are the report's:
//! [`crate::report::lang`]). Below the policy, which names one.

/// A language the reports can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// English (the default).
    #[default]
    En,
    /// Norwegian bokmål.
    Nb,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Nb];

    /// The code flags and policy files use: `en`, `nb`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nb => "nb",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}
