//! The process exit status, documented in the README and relied on by cron jobs.

use crate::error::BadInput;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The command did what was asked.
    Success,
    /// Something failed that is not the user's input: a file could not be written, an
    /// internal computation failed. Worth a retry or an alert.
    Failure,
    /// A flag, value or input file is invalid (also clap's usage errors). Fix the input.
    BadInput,
    /// The report was written and has breaches (only with `--fail-on-breach`).
    BreachesFound,
}

impl ExitCode {
    pub fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Failure => 1,
            Self::BadInput => 2,
            Self::BreachesFound => 3,
        }
    }

    /// The exit status for an error: [`ExitCode::BadInput`] when any cause in its chain is a
    /// [`BadInput`], [`ExitCode::Failure`] otherwise.
    pub fn for_error(error: &anyhow::Error) -> Self {
        if error.chain().any(|cause| cause.is::<BadInput>()) {
            Self::BadInput
        } else {
            Self::Failure
        }
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn codes_are_the_documented_numbers() {
        assert_eq!(ExitCode::Success.code(), 0);
        assert_eq!(ExitCode::Failure.code(), 1);
        assert_eq!(ExitCode::BadInput.code(), 2);
        assert_eq!(ExitCode::BreachesFound.code(), 3);
    }

    #[test]
    fn bad_input_anywhere_in_the_chain_is_exit_2() {
        let err = anyhow::Error::new(BadInput::new("--year: 1899 is out of range"));
        assert_eq!(ExitCode::for_error(&err), ExitCode::BadInput);
        let wrapped = Err::<(), _>(BadInput::new("line 3: bad date"))
            .context("loading holidays")
            .unwrap_err();
        assert_eq!(ExitCode::for_error(&wrapped), ExitCode::BadInput);
    }

    #[test]
    fn other_errors_are_exit_1() {
        let err = anyhow::anyhow!("disk full");
        assert_eq!(ExitCode::for_error(&err), ExitCode::Failure);
        let io = anyhow::Error::new(std::io::Error::other("boom")).context("writing report");
        assert_eq!(ExitCode::for_error(&io), ExitCode::Failure);
    }
}
