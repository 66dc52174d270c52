//! A tiny harness: a fresh folder per test, the binary run in it, and on failure the command,
//! exit status, stdout and stderr printed in full.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Self {
        Workdir {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// Writes `contents` to `name` inside the folder and returns its path.
    /// A fresh folder holding a copy of the committed `sample_data/`.
    pub fn with_sample_data() -> Self {
        let w = Self::new();
        w.copy_folder(&crate_dir().join("sample_data"), "sample_data");
        w
    }

    /// Copies the folder `from`, its subfolders too, to `to` inside the folder.
    fn copy_folder(&self, from: &Path, to: &str) {
        for entry in std::fs::read_dir(from).expect("a folder to copy") {
            let entry = entry.unwrap();
            let name = format!("{to}/{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                self.copy_folder(&entry.path(), &name);
            } else {
                self.write(&name, std::fs::read(entry.path()).unwrap());
            }
        }
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create a test folder");
        }
        std::fs::write(&path, contents).expect("write a test file");
        path
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Reads a file (relative to the folder) as text.
    pub fn read(&self, name: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Runs `complaint-sla ARGS` with `stdin` as standard input.
    pub fn run_with_stdin(&self, args: &[&str], stdin: &[u8]) -> Output {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = command()
            .args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run complaint-sla");
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        let output = child.wait_with_output().unwrap();
        Output {
            command: format!("complaint-sla {} < (stdin)", args.join(" ")),
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Starts `complaint-sla ARGS` in the folder without waiting (output discarded).
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        use std::process::Stdio;
        command()
            .args(args)
            .current_dir(self.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run complaint-sla")
    }

    /// Every file under `name` (relative paths, sorted) with its bytes.
    pub fn snapshot(&self, name: &str) -> Vec<(String, Vec<u8>)> {
        let root = self.dir.path().join(name);
        let mut files = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}")) {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let relative = path.strip_prefix(&root).unwrap().display().to_string();
                    files.push((relative, std::fs::read(&path).unwrap()));
                }
            }
        }
        files.sort();
        files
    }

    /// Runs `complaint-sla ARGS` in the folder.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.dir.path(), args)
    }

    /// The sample's December 2025 report of `input` (the sample policy, run on 10 January
    /// 2026), with `extra` flags.
    pub fn december(&self, extra: &[&str], input: &str) -> Output {
        let mut args = vec![
            "report",
            "--policy",
            "sample_data/policy.toml",
            "--period",
            "2025-12",
            "--today",
            "2026-01-10",
        ];
        args.extend_from_slice(extra);
        args.push(input);
        self.run(&args)
    }
}

/// The binary, with none of the environment variables it reads set: a developer's shell does
/// not change what the tests see (the tests of the environment set them themselves).
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_complaint-sla"));
    for name in [
        "COMPLAINT_SLA_POLICY",
        "COMPLAINT_SLA_OUT_DIR",
        "COMPLAINT_SLA_HOLIDAYS",
        "COMPLAINT_SLA_LANGUAGE",
        "COMPLAINT_SLA_MEMORY_AVAILABLE",
    ] {
        command.env_remove(name);
    }
    command
}

/// Runs the binary with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    let output = command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run complaint-sla");
    Output {
        command: format!("complaint-sla {}", args.join(" ")),
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

pub struct Output {
    pub command: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Asserts success and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, Some(0), "expected success\n{self}");
        &self.stdout
    }

    /// Asserts exit status 2 with exactly one line on stderr, and returns that line.
    #[track_caller]
    pub fn bad_input(&self) -> &str {
        assert_eq!(self.code, Some(2), "expected exit status 2\n{self}");
        assert!(self.stdout.is_empty(), "nothing on stdout\n{self}");
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one line on stderr\n{self}");
        lines[0]
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "$ {}\nexit status: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }
}

/// The user documentation: README.md, then every page of `docs/` in name order, joined. The
/// tests that hold the documentation to the binary read this, wherever a text has moved.
pub fn documentation() -> String {
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(crate_dir().join("docs"))
        .expect("docs/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    let mut text = std::fs::read_to_string(crate_dir().join("README.md")).expect("README.md");
    for page in pages {
        text.push('\n');
        text.push_str(&std::fs::read_to_string(&page).unwrap());
    }
    text
}

/// The folder of the crate, for the committed sample data.
pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// How many cases each property test runs: `HARNESS_CASES`, else a few (seconds each).
pub fn property_cases() -> u32 {
    std::env::var("HARNESS_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6)
}
