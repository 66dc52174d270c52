//! Writing report files atomically: each file is written under a temporary name in its target
//! folder, flushed to disk, then renamed over the old one. A crash leaves the previous report
//! or the new one, never half a file.
//!
//! A report is several files, so a report folder is replaced whole ([`ReportFolder`]): the
//! files are written to a hidden staging folder beside it, which then takes the report
//! folder's place in one step. A lock held for the whole run keeps two runs for the same
//! period (a cron overlap) from writing at once.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Writes `contents` to `path` atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_atomic_with(path, |file| Ok(file.write_all(contents)?))
}

/// Writes to `path` atomically what `write` writes to the (buffered) temporary file: for
/// outputs too large to hold in memory.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file path: give a file name", path.display()))?;
    let temporary = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> Result<()> {
        let file = File::create(&temporary).with_context(|| {
            format!(
                "cannot write {}: its folder {} must exist and be writable",
                path.display(),
                dir.display()
            )
        })?;
        let mut buffered = std::io::BufWriter::with_capacity(1 << 20, file);
        write(&mut buffered).with_context(|| format!("cannot write {}", temporary.display()))?;
        let file = buffered
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", temporary.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot write {}", temporary.display()))?;
        fs::rename(&temporary, path).with_context(|| {
            format!(
                "cannot rename {} to {}",
                temporary.display(),
                path.display()
            )
        })?;
        // The rename itself is durable once the folder is synced.
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// The report folder `DIR/<period>` of one run, from before reading the inputs to the moment
/// the new report replaces the old one.
///
/// - `DIR/.<period>.lock` is locked (an OS file lock, released however the process ends): a
///   second run for the same period refuses at once with a clear message.
/// - Files go to `DIR/.<period>.tmp-<pid>/`, which starts empty: the report folder holds one
///   run's files.
/// - [`ReportFolder::commit_keeping`] keeps an earlier report that differs, renamed after the
///   time it was written; [`ReportFolder::commit`] swaps the staging folder with the report
///   folder in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere two renames,
///   with the old folder put back by the next run should a crash fall between them), then
///   deletes the old report.
///
/// A run killed at any point leaves the previous report whole; its staging folder (hidden) is
/// removed by the next run for the period.
pub struct ReportFolder {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
    _lock: File,
}

impl ReportFolder {
    /// Begins the run's report folder: locked, with an empty staging folder.
    pub fn begin(out_dir: &Path, label: &str) -> Result<Self> {
        let flag = || format!("--out-dir {}", out_dir.display());
        fs::create_dir_all(out_dir).with_context(|| {
            format!(
                "{}: cannot create the output folder (a file in its path, or no permission): \
                 give a folder that can be written",
                flag()
            )
        })?;
        let target = out_dir.join(label);
        if target.exists() && !target.is_dir() {
            anyhow::bail!(
                "{}: {} is a file, where the report's folder goes: move it away, or give \
                 another --out-dir",
                flag(),
                target.display()
            );
        }
        let lock_path = out_dir.join(format!(".{label}.lock"));
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| {
                format!(
                    "{}: cannot create the lock file {} (if it is a folder, remove it)",
                    flag(),
                    lock_path.display()
                )
            })?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => anyhow::bail!(
                "another complaint-sla run is writing the report in {} (it holds {}); \
                 this run stops without writing anything: run it again when the other has \
                 finished",
                target.display(),
                lock_path.display()
            ),
            Err(fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", lock_path.display()));
            }
        }
        clear_leftovers(out_dir, label, &target)?;
        let staging_prefix = format!(".{label}.tmp-");
        let staging = out_dir.join(format!("{staging_prefix}{}", std::process::id()));
        fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        Ok(ReportFolder {
            target,
            staging,
            committed: false,
            _lock: lock,
        })
    }

    /// Where this run writes its files (with [`write_atomic`]).
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Puts the new report in place, keeping what was there when it differs: an identical
    /// rerun changes nothing; a different one renames the earlier report after the time it
    /// was written (`2025-12.2026-01-01T060000`, UTC) before the new one takes its name. With
    /// `keep_runs`, only that many earlier reports of the period are kept (0: the earlier
    /// report is replaced in one atomic step, and any kept before goes too: a redacted run
    /// with `--keep-runs 0` leaves no earlier, unredacted report beside it). Returns the folder
    /// and the earlier report's new name, when one was kept.
    pub fn commit_keeping(self, keep_runs: Option<usize>) -> Result<(PathBuf, Option<PathBuf>)> {
        if keep_runs == Some(0) {
            let target = self.commit()?;
            prune_runs(&target, 0)?;
            return Ok((target, None));
        }
        if !self.target.exists() {
            return Ok((self.commit()?, None));
        }
        if same_files(&self.staging, &self.target)? {
            // Nothing changes: the staging folder goes when `self` is dropped.
            return Ok((self.target.clone(), None));
        }
        let kept = kept_name(&self.target)?;
        fs::rename(&self.target, &kept).with_context(|| {
            format!(
                "cannot keep the earlier report {} as {}",
                self.target.display(),
                kept.display()
            )
        })?;
        let target = self.commit()?;
        if let Some(n) = keep_runs {
            prune_runs(&target, n)?;
        }
        Ok((target, Some(kept)))
    }

    /// Puts the new report in place of the old one, in one step.
    pub fn commit(mut self) -> Result<PathBuf> {
        if let Ok(dir) = File::open(&self.staging) {
            let _ = dir.sync_all();
        }
        let cannot = |e: std::io::Error| {
            anyhow::Error::new(e).context(format!(
                "cannot move the new report from {} to {}",
                self.staging.display(),
                self.target.display()
            ))
        };
        if self.target.exists() {
            if exchange(&self.staging, &self.target).is_err() {
                let old = self.staging.with_file_name(
                    self.staging
                        .file_name()
                        .map(|n| n.to_string_lossy().replace(".tmp-", ".old-"))
                        .unwrap_or_default(),
                );
                fs::rename(&self.target, &old).map_err(cannot)?;
                fs::rename(&self.staging, &self.target).map_err(cannot)?;
                fs::rename(&old, &self.staging).map_err(cannot)?;
            }
            // The staging name now holds the old report.
            let _ = fs::remove_dir_all(&self.staging);
        } else {
            fs::rename(&self.staging, &self.target).map_err(cannot)?;
        }
        if let Some(parent) = self.target.parent()
            && let Ok(dir) = File::open(parent)
        {
            let _ = dir.sync_all();
        }
        self.committed = true;
        Ok(self.target.clone())
    }
}

impl Drop for ReportFolder {
    /// A run that fails leaves the previous report and removes its staging folder.
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Removes what runs that were killed left of the period `label` in `out_dir` (this run holds
/// the lock, so they are not live): staging folders, and an old report put back when a run was
/// killed between the two renames of a commit.
fn clear_leftovers(out_dir: &Path, label: &str, target: &Path) -> Result<()> {
    let flag = || format!("--out-dir {}", out_dir.display());
    let staging_prefix = format!(".{label}.tmp-");
    let old_prefix = format!(".{label}.old-");
    // Leftovers of runs that were killed: this run holds the lock, so they are not live.
    for entry in fs::read_dir(out_dir)
        .with_context(|| format!("cannot list output folder {}", out_dir.display()))?
    {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&old_prefix) && !target.exists() {
            // Killed between the two renames of a commit: the old report goes back.
            fs::rename(entry.path(), target)
                .with_context(|| format!("cannot restore {} to {}", name, target.display()))?;
        } else if name.starts_with(&staging_prefix) || name.starts_with(&old_prefix) {
            // What a killed run left is a folder; a file of that name is removed too.
            let removed = if entry.file_type()?.is_dir() {
                fs::remove_dir_all(entry.path())
            } else {
                fs::remove_file(entry.path())
            };
            removed.with_context(|| {
                format!(
                    "{}: cannot remove {}, left by a run that was killed: remove it by hand",
                    flag(),
                    entry.path().display()
                )
            })?;
        }
    }
    Ok(())
}

/// Whether two folders hold the same files with the same bytes.
fn same_files(a: &Path, b: &Path) -> Result<bool> {
    let list = |dir: &Path| -> Result<Vec<(std::ffi::OsString, u64)>> {
        let mut files = Vec::new();
        for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                files.push((entry.file_name(), entry.metadata()?.len()));
            }
        }
        files.sort();
        Ok(files)
    };
    let (ours, theirs) = (list(a)?, list(b)?);
    if ours != theirs {
        return Ok(false);
    }
    for (name, _) in &ours {
        if fs::read(a.join(name))? != fs::read(b.join(name))? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The name an earlier report is kept under: its folder's name and the time its newest file
/// was written, in UTC (`2025-12.2026-01-01T060000`), made unique if a run of that second is
/// kept already.
fn kept_name(target: &Path) -> Result<PathBuf> {
    let mut newest = std::time::SystemTime::UNIX_EPOCH;
    for entry in fs::read_dir(target)? {
        let modified = entry?.metadata()?.modified()?;
        newest = newest.max(modified);
    }
    let stamp = chrono::DateTime::<chrono::Utc>::from(newest).format("%Y-%m-%dT%H%M%S");
    let label = target.file_name().unwrap_or_default().to_string_lossy();
    let base = format!("{label}.{stamp}");
    let mut kept = target.with_file_name(&base);
    let mut n = 2;
    while kept.exists() {
        kept = target.with_file_name(format!("{base}-{n}"));
        n += 1;
    }
    Ok(kept)
}

/// Removes the oldest kept reports of `target`'s period beyond `keep`.
fn prune_runs(target: &Path, keep: usize) -> Result<()> {
    let Some(out_dir) = target.parent() else {
        return Ok(());
    };
    let prefix = format!(
        "{}.",
        target.file_name().unwrap_or_default().to_string_lossy()
    );
    let mut runs: Vec<PathBuf> = fs::read_dir(out_dir)?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_prefix(&prefix)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                && e.path().is_dir()
        })
        .map(|e| e.path())
        .collect();
    runs.sort();
    let surplus = runs.len().saturating_sub(keep);
    for old in &runs[..surplus] {
        fs::remove_dir_all(old).with_context(|| format!("cannot remove {}", old.display()))?;
    }
    Ok(())
}

/// Swaps two folders atomically (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.csv");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("cases.csv")]);
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_full_disk_keeps_the_previous_report_and_leaves_no_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = ReportFolder::begin(dir.path(), "2025-03").unwrap();
        write_atomic(&folder.staging().join("cases.csv"), b"old").unwrap();
        write_atomic(&folder.staging().join("summary.json"), b"{}").unwrap();
        folder.commit().unwrap();

        // The disk fills up half-way through the next report (a fault-injecting writer).
        let folder = ReportFolder::begin(dir.path(), "2025-03").unwrap();
        write_atomic(&folder.staging().join("summary.json"), b"{\"new\": 1}").unwrap();
        let err = write_atomic_with(&folder.staging().join("cases.csv"), |w| {
            w.write_all(b"half a")?;
            Err(std::io::Error::from_raw_os_error(28).into()) // ENOSPC
        })
        .unwrap_err();
        assert!(
            format!("{err:#}").contains("No space left on device"),
            "{err:#}"
        );
        drop(folder); // the run ends with the error

        let report = dir.path().join("2025-03");
        assert_eq!(fs::read(report.join("cases.csv")).unwrap(), b"old");
        assert_eq!(fs::read(report.join("summary.json")).unwrap(), b"{}");
        assert_eq!(names(dir.path()), vec![".2025-03.lock", "2025-03"]);
        assert_eq!(names(&report), vec!["cases.csv", "summary.json"]);
    }

    #[test]
    fn a_new_report_replaces_the_folder_whole() {
        let dir = tempfile::tempdir().unwrap();
        let folder = ReportFolder::begin(dir.path(), "2025").unwrap();
        write_atomic(&folder.staging().join("a.xlsx"), b"book").unwrap();
        write_atomic(&folder.staging().join("cases.csv"), b"old").unwrap();
        folder.commit().unwrap();
        // A second folder for the period cannot be begun while one is open.
        let folder = ReportFolder::begin(dir.path(), "2025").unwrap();
        let again = ReportFolder::begin(dir.path(), "2025").err().unwrap();
        assert!(
            format!("{again}").starts_with("another complaint-sla run"),
            "{again}"
        );
        write_atomic(&folder.staging().join("cases.csv"), b"new").unwrap();
        let target = folder.commit().unwrap();
        assert_eq!(fs::read(target.join("cases.csv")).unwrap(), b"new");
        // The folder holds this run's files only.
        assert!(!target.join("a.xlsx").exists());
        assert_eq!(names(dir.path()), vec![".2025.lock", "2025"]);
    }

    #[test]
    fn an_identical_run_changes_nothing_and_a_different_one_keeps_the_earlier() {
        let dir = tempfile::tempdir().unwrap();
        let run = |bytes: &[u8], keep: Option<usize>| {
            let folder = ReportFolder::begin(dir.path(), "2025-12").unwrap();
            write_atomic(&folder.staging().join("cases.csv"), bytes).unwrap();
            folder.commit_keeping(keep).unwrap()
        };
        assert_eq!(run(b"sent", None).1, None);
        assert_eq!(run(b"sent", None).1, None);
        assert_eq!(names(dir.path()), vec![".2025-12.lock", "2025-12"]);
        let (target, kept) = run(b"late resolution", None);
        let kept = kept.unwrap();
        assert_eq!(fs::read(kept.join("cases.csv")).unwrap(), b"sent");
        assert_eq!(
            fs::read(target.join("cases.csv")).unwrap(),
            b"late resolution"
        );
        let name = kept.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("2025-12.20") && name.contains('T'),
            "{name}"
        );
        // --keep-runs 0: replaced, and the kept one goes too (at most 0 earlier reports).
        assert_eq!(run(b"again", Some(0)).1, None);
        assert_eq!(names(dir.path()), vec![".2025-12.lock", "2025-12"]);
        // Keeping again from here.
        assert!(run(b"and again", None).1.is_some());
        // --keep-runs 1 after another change: the older kept report goes.
        let (_, newest) = run(b"once more", Some(1));
        let mut now = names(dir.path());
        now.sort();
        let newest = newest
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert_eq!(
            now,
            vec![".2025-12.lock".to_string(), "2025-12".into(), newest]
        );
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cases.csv");
        write_atomic(&path, b"old report").unwrap();
        // The write fails half-way: the old file stays whole and no temporary is left.
        let err = write_atomic_with(&path, |w| {
            w.write_all(b"new re")?;
            Err(std::io::Error::from(std::io::ErrorKind::Interrupted).into())
        });
        assert!(err.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old report");
        assert_eq!(names(dir.path()), vec!["cases.csv"]);
        // A write that cannot even begin (its folder is gone) changes nothing either.
        assert!(write_atomic(&dir.path().join("gone").join("cases.csv"), b"new").is_err());
        assert_eq!(names(dir.path()), vec!["cases.csv"]);
    }

    #[test]
    fn a_fresh_folder_keeps_nothing_of_the_previous_report() {
        let dir = tempfile::tempdir().unwrap();
        let folder = ReportFolder::begin(dir.path(), "2025-03").unwrap();
        write_atomic(&folder.staging().join("book.xlsx"), b"unredacted").unwrap();
        write_atomic(&folder.staging().join("cases.csv"), b"unredacted").unwrap();
        folder.commit().unwrap();
        let folder = ReportFolder::begin(dir.path(), "2025-03").unwrap();
        write_atomic(&folder.staging().join("cases.csv"), b"redacted").unwrap();
        let target = folder.commit().unwrap();
        assert_eq!(names(&target), vec!["cases.csv"]);
        assert_eq!(fs::read(target.join("cases.csv")).unwrap(), b"redacted");
    }
}
