//! The README's first command, on the committed sample data, as a newcomer runs it.

use crate::harness::{crate_dir, run_in};

/// The arguments of the README's first command (after `cargo run --release --`).
fn readme_first_command() -> Vec<String> {
    let readme = std::fs::read_to_string(crate_dir().join("README.md")).expect("README.md");
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- "))
        .expect("README.md has a `cargo run --release -- ...` command");
    line["cargo run --release -- ".len()..]
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_readme_command_runs_on_the_sample_data() {
    let args = readme_first_command();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(
        args.iter().any(|a| a.starts_with("sample_data/")),
        "{args:?} uses sample_data/"
    );
    let out = run_in(crate_dir(), &args);
    let text = out.ok();
    assert!(text.contains("Policy sample-bank:"), "{out}");
    assert!(text.contains("Status "), "{out}");
    assert!(out.stderr.is_empty(), "{out}");
}
