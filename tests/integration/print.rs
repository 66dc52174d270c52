//! The reports as a regulator gets them: printed. The workbook goes through LibreOffice
//! (`soffice --convert-to pdf`) and every word of every text cell on the sheets people read
//! must be on the printed pages of its sheet: a label longer than its column, a header row too
//! short for its wrapped words, or a cell cut at the page's edge loses words, and this test
//! names them. Skipped, with a note, where LibreOffice or poppler is not installed.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader};

use crate::harness::Workdir;

/// Whether `program` runs here.
pub(crate) fn installed(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Converts `file` to PDF beside it with LibreOffice (its own profile, so that tests can run
/// side by side); returns the PDF's path.
fn to_pdf(dir: &Path, file: &Path) -> std::path::PathBuf {
    let profile = dir.join("lo-profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "{status:?}");
    file.with_extension("pdf")
}

/// The text of each page of `pdf`, in reading order.
pub(crate) fn pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// How many times each word occurs in `texts`.
fn words<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for text in texts {
        // LibreOffice may break a line after a hyphen ("--" / "formats"): words are compared
        // without them.
        for word in text.split(|c: char| c.is_whitespace() || c == '-') {
            if word.is_empty() {
                continue;
            }
            *counts.entry(word.to_string()).or_default() += 1;
        }
    }
    counts
}

/// The words of `xlsx`'s text cells missing from its printed pages, sheet by sheet (the
/// Cases sheets, the data contract of whole rows, left out).
fn clipped(xlsx: &Path, pdf: &Path) -> Vec<String> {
    let mut book = calamine::open_workbook_auto(xlsx).unwrap();
    let names: Vec<String> = book.sheet_names().to_vec();
    let pages = pages(pdf);
    // A page belongs to the sheet its footer names (the footer's left part is the sheet's
    // name); the longest name first, so that "Cases (2)" is not "Cases".
    let mut by_length = names.clone();
    by_length.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let sheet_of = |page: &str| -> Option<String> {
        let footer = page.lines().rev().find(|l| !l.trim().is_empty())?.trim();
        by_length
            .iter()
            .find(|n| footer.starts_with(n.as_str()))
            .cloned()
    };
    let mut missing = Vec::new();
    for name in &names {
        if name.starts_with("Cases") || name.starts_with("Saker") {
            continue;
        }
        let range = book.worksheet_range(name).unwrap();
        let cells: Vec<String> = range
            .rows()
            .flat_map(|r| r.iter())
            .filter_map(|c| match c {
                Data::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        let printed = words(
            pages
                .iter()
                .filter(|p| sheet_of(p).as_deref() == Some(name.as_str()))
                .map(String::as_str),
        );
        for (word, n) in words(cells.iter().map(String::as_str)) {
            let seen = printed.get(&word).copied().unwrap_or(0);
            if seen < n {
                let cell = cells.iter().find(|c| c.contains(word.as_str())).unwrap();
                missing.push(format!(
                    "{name}: {word:?} printed {seen} of {n} times (in {cell:?})"
                ));
            }
        }
    }
    missing
}

#[test]
fn every_word_of_the_workbook_is_on_paper_in_both_languages() {
    if !installed("soffice", "--version") || !installed("pdftotext", "-v") {
        eprintln!(
            "note: skipped: LibreOffice (soffice) or poppler (pdftotext) is not installed; \
             .ci/run installs them"
        );
        return;
    }
    let w = Workdir::with_sample_data();
    let mut faults = Vec::new();
    for language in ["en", "nb"] {
        w.december(
            &[
                "--language",
                language,
                "--formats",
                "xlsx",
                "--out-dir",
                language,
            ],
            "sample_data/complaints.csv",
        )
        .ok();
        let xlsx = w
            .path()
            .join(format!("{language}/2025-12/complaint-sla-2025-12.xlsx"));
        let copy = w.path().join(format!("print-{language}.xlsx"));
        std::fs::copy(&xlsx, &copy).unwrap();
        let pdf = to_pdf(w.path(), &copy);
        faults.extend(clipped(&copy, &pdf));
    }
    assert!(
        faults.is_empty(),
        "text cut off in print:\n{}",
        faults.join("\n")
    );
}
