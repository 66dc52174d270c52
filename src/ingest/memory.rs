//! Refusing an input too large for the memory this machine has free, before reading it,
//! rather than being killed by the system half-way (a cron job killed for memory leaves no
//! message anyone reads).
//!
//! The estimate is from what the benchmark measured: a streamed UTF-8 file needs about 1.3
//! times its size (ten million rows, 1.5 GB, peaked at 1.6 to 1.8 GiB for a month's report; a
//! year's with the workbook at 2.4 GiB); a file read whole (Windows-1252, UTF-16, standard
//! input) about three times its size; Parquet, compressed, ten times.

use anyhow::{Result, bail};

/// Overrides the memory found free, in bytes (for tests, and for machines where it is
/// misreported).
pub const AVAILABLE_VAR: &str = "COMPLAINT_SLA_MEMORY_AVAILABLE";

/// How an input is read, for the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Streamed,
    Whole,
    Parquet,
    /// A spreadsheet: its parts are checked again, as declared, before they are expanded.
    Spreadsheet,
    /// Standard input or a pipe: read whole, its size known only then; checked once read,
    /// before it is parsed.
    Piped,
}

/// About how many bytes of memory reading `size` bytes this way takes.
pub fn needed(size: u64, reading: Reading) -> u64 {
    let factor = match reading {
        Reading::Streamed => 1.3,
        Reading::Whole => 3.0,
        Reading::Parquet => 10.0,
        Reading::Spreadsheet => 3.0,
        Reading::Piped => 3.0,
    };
    (size as f64 * factor) as u64 + (64 << 20)
}

/// The memory free for this process: the override, else the smaller of the system's
/// `MemAvailable` and the control group's limit less its usage; `None` when unknown.
pub fn available() -> Option<u64> {
    if let Some(value) = std::env::var(AVAILABLE_VAR)
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return Some(value);
    }
    let system = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
            Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? * 1024)
        });
    let read = |name: &str| -> Option<u64> {
        std::fs::read_to_string(format!("/sys/fs/cgroup/{name}"))
            .ok()?
            .trim()
            .parse()
            .ok()
    };
    let group =
        read("memory.max").map(|max| max.saturating_sub(read("memory.current").unwrap_or(0)));
    match (system, group) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The process's peak resident memory so far in KiB (`VmHWM`), on Linux.
pub fn peak_kib() -> Option<u64> {
    proc_kib("/proc/self/status", "VmHWM:")
}

/// The value in KiB of the line starting with `key` in a `/proc` file such as
/// `/proc/meminfo` (`MemAvailable:   1234 kB`).
fn proc_kib(file: &str, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Refuses when `needed` bytes (this input's estimate plus those read before it) exceed what
/// is free.
pub fn check(name: &str, size: u64, reading: Reading, needed_so_far: u64) -> Result<u64> {
    let total = needed_so_far + needed(size, reading);
    if let Some(free) = available()
        && total > free
    {
        let how = match reading {
            Reading::Streamed => "",
            Reading::Whole => {
                " (it is read whole: saved as UTF-8, a file is streamed and needs a third as much)"
            }
            Reading::Parquet => " (Parquet is decompressed whole)",
            Reading::Spreadsheet => " (a spreadsheet is read whole)",
            Reading::Piped => {
                " (standard input or a pipe is read whole: saved as a UTF-8 file, it is streamed \
                 and needs a third as much)"
            }
        };
        let when = match reading {
            Reading::Piped => "refused once read, before it is parsed",
            _ => "refused before reading",
        };
        bail!(
            "{name} is {:.1} MB and would need about {:.1} MB of memory to report on{how}, but \
             only {:.1} MB is free: run the report where more memory is free ({when}, rather \
             than be stopped by the system half-way)",
            size as f64 / 1e6,
            total as f64 / 1e6,
            free as f64 / 1e6
        );
    }
    Ok(total)
}

/// Refuses an input whose contents would expand to more than the memory free: `need` bytes for
/// `what` (a spreadsheet's declared parts, say), checked before they are expanded. Returns the
/// memory left after them (all of it when unknown), as a budget for what is read next.
pub fn check_expanded(name: &str, what: &str, need: u64) -> Result<u64> {
    let free = available().unwrap_or(u64::MAX);
    if need > free {
        bail!(
            "{name} would need about {:.1} MB of memory for {what}, but only {:.1} MB is free: \
             refused before it is expanded (a workbook that declares more than it should, or \
             one too large for this machine)",
            need as f64 / 1e6,
            free as f64 / 1e6
        );
    }
    Ok(free - need)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_grow_with_the_way_of_reading() {
        let gb = 1_000_000_000;
        assert!(needed(gb, Reading::Streamed) < needed(gb, Reading::Whole));
        assert!(needed(gb, Reading::Whole) < needed(gb, Reading::Parquet));
        assert!(
            needed(1_500_000_000, Reading::Streamed) > 1_840 << 20,
            "the 10M-row month's peak"
        );
    }
}
