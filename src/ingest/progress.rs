//! A progress line on stderr while a large input is read, for a person at a terminal: never
//! under cron (stderr is then not a terminal), never with `-q`, never for a small file.

use std::io::Write;
use std::time::{Duration, Instant};

/// Inputs smaller than this are read too fast to need a progress line.
pub const LARGE_INPUT: u64 = 64 << 20;

pub struct Progress {
    name: String,
    total: u64,
    last: Option<Instant>,
}

impl Progress {
    /// A progress line for `name` of `total` bytes, or `None` when there should be none.
    pub fn start(name: &str, total: u64, wanted: bool) -> Option<Self> {
        (wanted && total >= LARGE_INPUT).then(|| Progress {
            name: name.to_string(),
            total,
            last: None,
        })
    }

    /// Shows that `done` bytes are read (at most a few times a second).
    pub fn update(&mut self, done: u64) {
        if self
            .last
            .is_some_and(|t| t.elapsed() < Duration::from_millis(250))
        {
            return;
        }
        self.last = Some(Instant::now());
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{}", line(&self.name, done, self.total));
        let _ = err.flush();
    }
}

impl Drop for Progress {
    /// Clears the line.
    fn drop(&mut self) {
        let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
    }
}

/// `reading NAME: 512 of 1,503 MB (34 %)`.
fn line(name: &str, done: u64, total: u64) -> String {
    let mb = |b: u64| b / 1_000_000;
    let percent = (done.min(total) * 100).checked_div(total).unwrap_or(100);
    format!(
        "reading {name}: {} of {} MB ({percent} %)",
        mb(done),
        mb(total)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_for_large_inputs_when_wanted() {
        assert!(Progress::start("x.csv", LARGE_INPUT, false).is_none());
        assert!(Progress::start("x.csv", LARGE_INPUT - 1, true).is_none());
        let progress = Progress::start("x.csv", LARGE_INPUT, true);
        assert!(progress.is_some());
        std::mem::forget(progress); // no escape codes in the test output
        assert_eq!(
            line("export.csv", 512_000_000, 1_503_000_000),
            "reading export.csv: 512 of 1503 MB (34 %)"
        );
        assert_eq!(line("e", 10, 0), "reading e: 0 of 0 MB (100 %)");
    }
}
