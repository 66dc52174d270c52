//! `complaint-sla check`.

use crate::harness::Workdir;

#[test]
fn clean_input_exits_0_and_bad_input_exits_1() {
    let w = Workdir::new();
    w.write(
        "good.csv",
        "case_id,received_at\nG-1,2025-03-03\nG-2,03.03.2025\n",
    );
    let good = w.run(&["check", "good.csv"]);
    assert!(
        good.ok()
            .contains("2 rows read: 2 valid, 0 rejected, 0 warnings."),
        "{good}"
    );
    w.write(
        "bad.csv",
        "case_id;received_at\nG-1;2025-03-03\n;2025-03-03\nG-3;31.04.2025\n",
    );
    let bad = w.run(&["check", "bad.csv"]);
    assert_eq!(bad.code, Some(1), "{bad}");
    for expected in [
        "bad.csv: 3 rows, UTF-8, separator ';', sha256 ",
        "3 rows read: 1 valid, 2 rejected, 0 warnings.",
        "         1  missing_case_id\n",
        "  bad.csv:3: missing_case_id case_id '': the case id is blank\n",
        "  bad.csv:4: unparseable_date received_at '31.04.2025': is not a date: April 2025 has 30 days\n",
    ] {
        assert!(bad.stdout.contains(expected), "missing {expected:?}\n{bad}");
    }
    // No files are written.
    assert!(!w.path().join("reports").exists());
}
