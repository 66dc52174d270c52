//! The one error type the program distinguishes: bad input from the user.
//!
//! Everything else travels as a plain [`anyhow::Error`] with context added at each layer. An
//! error whose chain holds a [`BadInput`] exits with [`crate::exit_code::ExitCode::BadInput`]:
//! the user can fix it by changing a flag or a file, and a cron job should not retry it.

use std::fmt;

/// A flag, value or input file the program cannot accept. The message names the flag or file
/// and the offending value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadInput(String);

impl BadInput {
    pub fn new(message: impl Into<String>) -> Self {
        BadInput(message.into())
    }

    /// A bad value given for a command-line flag: `--received: '2025-02-31' is not a date`.
    pub fn flag(flag: &str, message: impl fmt::Display) -> Self {
        BadInput(format!("{flag}: {message}"))
    }
}

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// The flags whose value may come from the environment, with their variables.
pub const FROM_ENVIRONMENT: [(&str, &str); 4] = [
    ("--policy", "COMPLAINT_SLA_POLICY"),
    ("--out-dir", "COMPLAINT_SLA_OUT_DIR"),
    ("--holidays", "COMPLAINT_SLA_HOLIDAYS"),
    ("--language", "COMPLAINT_SLA_LANGUAGE"),
];

/// An error that names a flag the user did not type, whose value came from its environment
/// variable, says so: `--policy (from COMPLAINT_SLA_POLICY): unknown policy 'amex'`. `args`
/// are the command line's words.
pub fn name_sources(e: anyhow::Error, args: &[String]) -> anyhow::Error {
    let text = format!("{e:#}");
    for (flag, variable) in FROM_ENVIRONMENT {
        let typed = args
            .iter()
            .any(|a| a == flag || a.starts_with(&format!("{flag}=")));
        if typed || std::env::var_os(variable).is_none() {
            continue;
        }
        // The flag as the subject of the message (first, or after a context's colon), before
        // its colon or its value.
        let at = [format!("{flag}:"), format!("{flag} ")]
            .iter()
            .filter_map(|named| {
                text.match_indices(named.as_str())
                    .map(|(at, _)| at)
                    .find(|&at| at == 0 || text[..at].ends_with(": "))
            })
            .min();
        let Some(at) = at else { continue };
        let end = at + flag.len();
        let rewritten = format!("{} (from {variable}){}", &text[..end], &text[end..]);
        let bad_input = e.chain().any(|c| c.downcast_ref::<BadInput>().is_some());
        return if bad_input {
            BadInput::new(rewritten).into()
        } else {
            anyhow::anyhow!(rewritten)
        };
    }
    e
}
