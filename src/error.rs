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
