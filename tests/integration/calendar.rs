//! `complaint-sla calendar`.

use crate::harness::Workdir;

#[test]
fn csv_lists_every_closure_of_the_year_with_exact_columns() {
    let out = Workdir::new().run(&["calendar", "--year", "2026", "--format", "csv"]);
    assert_eq!(
        out.ok(),
        "date,weekday,name\n\
         2026-01-01,Thursday,New Year's Day (Første nyttårsdag)\n\
         2026-04-02,Thursday,Maundy Thursday (Skjærtorsdag)\n\
         2026-04-03,Friday,Good Friday (Langfredag)\n\
         2026-04-05,Sunday,Easter Sunday (Første påskedag)\n\
         2026-04-06,Monday,Easter Monday (Andre påskedag)\n\
         2026-05-01,Friday,Labour Day (Offentlig høytidsdag)\n\
         2026-05-14,Thursday,Ascension Day (Kristi himmelfartsdag)\n\
         2026-05-17,Sunday,Constitution Day (Grunnlovsdag)\n\
         2026-05-24,Sunday,Whit Sunday (Første pinsedag)\n\
         2026-05-25,Monday,Whit Monday (Andre pinsedag)\n\
         2026-12-24,Thursday,Christmas Eve (Julaften) - bank closure\n\
         2026-12-25,Friday,Christmas Day (Første juledag)\n\
         2026-12-26,Saturday,Boxing Day (Andre juledag)\n"
    );
}

#[test]
fn each_calendar_lists_its_own_closures() {
    let w = Workdir::new();
    let count = |calendar: &str| {
        let out = w.run(&[
            "calendar",
            "--year",
            "2025",
            "--calendar",
            calendar,
            "--format",
            "csv",
        ]);
        out.ok().lines().count() - 1
    };
    // The public holidays and Christmas Eve: New Year's Eve is a settlement day.
    assert_eq!(count("no-bank"), 13);
    assert_eq!(count("no-legal"), 12);
    assert_eq!(count("weekdays"), 0);
    // Weekend holidays are listed too (Midsummer Day, All Saints' Day, St Andrew's Day on a
    // Sunday beside its substitute).
    assert_eq!(count("se-bank"), 16);
    assert_eq!(count("dk-bank"), 14);
    assert_eq!(count("fi-bank"), 15);
    assert_eq!(count("gb-eaw-bank"), 8);
    assert_eq!(count("gb-sct-bank"), 10);
    assert_eq!(count("gb-nir-bank"), 11);
}

#[test]
fn the_nordic_and_uk_calendars_from_the_command_line() {
    let w = Workdir::new();
    let scotland = w.run(&[
        "calendar",
        "--calendar",
        "gb-sct-bank",
        "--year",
        "2026",
        "--format",
        "csv",
    ]);
    assert!(
        scotland
            .ok()
            .contains("2026-06-15,Monday,Scotland's participation in the FIFA World Cup finals\n"),
        "{scotland}"
    );
    assert!(
        scotland
            .ok()
            .contains("2026-12-28,Monday,Boxing Day (substitute day)\n"),
        "{scotland}"
    );
    // Receipt Tuesday 2 June 2026 in Sweden: National Day (Saturday 6 June) changes nothing,
    // Midsummer Eve (Friday 19 June) does: day 15 is Wednesday 24 June, not Tuesday 23.
    let sweden = w.run(&[
        "deadline",
        "--received",
        "2026-06-02",
        "--calendar",
        "se-bank",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(sweden.ok()).expect("valid JSON");
    assert_eq!(json["first_deadline"], "2026-06-24", "{sweden}");
    let finland_1990 = w.run(&["calendar", "--calendar", "fi-bank", "--year", "1990"]);
    assert_eq!(
        finland_1990.bad_input(),
        "error: --year: year 1990 is before 1991, the first year the calendar fi-bank is known \
         for (Epiphany and Ascension Day were on Saturdays from 1973 to 1990)"
    );
    let help = w.run(&["calendar", "--help"]);
    for needle in [
        "se-bank (1953 to 2199)",
        "Source: Lag (1989:253) om allmänna helgdagar",
        "2022-09-19  State funeral of Queen Elizabeth II (s. 1(3): an additional bank holiday)",
        "2026-06-15  Scotland's participation in the FIFA World Cup finals (s. 1(3): an \
         additional bank holiday, in Scotland only)",
    ] {
        assert!(help.ok().contains(needle), "{needle} in {help}");
    }
}

#[test]
fn before_1947_there_is_no_1_may_or_17_may() {
    let w = Workdir::new();
    let y1946 = w.run(&["calendar", "--year", "1946", "--format", "csv"]);
    assert!(
        !y1946.ok().contains("-05-01,") && !y1946.ok().contains("-05-17,"),
        "{y1946}"
    );
    let y1947 = w.run(&["calendar", "--year", "1947", "--format", "csv"]);
    assert!(
        y1947.ok().contains("1947-05-01,Thursday,Labour Day"),
        "{y1947}"
    );
    assert!(
        y1947.ok().contains("1947-05-17,Saturday,Constitution Day"),
        "{y1947}"
    );
}

#[test]
fn json_carries_kinds_and_the_working_day_count() {
    let out = Workdir::new().run(&["calendar", "--year", "2025", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(out.ok()).expect("valid JSON");
    assert_eq!(json["year"], 2025);
    assert_eq!(json["calendar"], "no-bank");
    assert_eq!(json["working_days"], 251);
    let closures = json["closures"].as_array().unwrap();
    assert_eq!(closures.len(), 13);
    assert_eq!(closures[0]["date"], "2025-01-01");
    assert_eq!(closures[0]["weekday"], "Wednesday");
    assert_eq!(closures[0]["kind"], "public_holiday");
    assert_eq!(closures[10]["kind"], "bank_closure");
}

#[test]
fn text_is_a_readable_table() {
    let out = Workdir::new().run(&["calendar", "--year", "2025", "--calendar", "no-legal"]);
    let text = out.ok();
    assert!(
        text.starts_with("Calendar no-legal for 2025: Norwegian legal working days"),
        "{out}"
    );
    assert!(
        text.contains("2025-05-17  Saturday   Constitution Day (Grunnlovsdag)\n"),
        "{out}"
    );
    // 365 days less 52 Sundays less the 10 holidays that are not Sundays.
    assert!(
        text.ends_with("12 holidays and closures; 303 working days in 2025.\n"),
        "{out}"
    );
}

#[test]
fn a_holiday_file_opens_and_closes_days() {
    let w = Workdir::new();
    w.write(
        "bank.csv",
        "date,name,action\n2025-12-31,Open on New Year's Eve,open\n20.06.2025,Sommerfest\n",
    );
    let out = w.run(&[
        "calendar",
        "--year",
        "2025",
        "--holidays",
        "bank.csv",
        "--format",
        "csv",
    ]);
    let csv = out.ok();
    assert!(csv.contains("2025-06-20,Friday,Sommerfest\n"), "{out}");
    assert!(!csv.contains("2025-12-31"), "{out}");
    assert_eq!(csv.lines().count() - 1, 14);
}

#[test]
fn a_windows_1252_holiday_file_keeps_its_letters() {
    let w = Workdir::new();
    w.write("bank.csv", b"2025-06-20,Sommerfest p\xe5 \xd8ya\n");
    let out = w.run(&[
        "calendar",
        "--year",
        "2025",
        "--holidays",
        "bank.csv",
        "--format",
        "csv",
    ]);
    assert!(
        out.ok().contains("2025-06-20,Friday,Sommerfest på Øya\n"),
        "{out}"
    );
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let w = Workdir::new();
    assert_eq!(
        w.run(&["calendar", "--year", "1899"]).bad_input(),
        "error: --year: 1899 is outside the supported range 1900 to 2199"
    );
    assert_eq!(
        w.run(&["calendar", "--year", "2200"]).bad_input(),
        "error: --year: 2200 is outside the supported range 1900 to 2199"
    );
    assert_eq!(
        w.run(&["calendar", "--year", "twenty"]).bad_input(),
        "error: --year: 'twenty' is not a year (expected YYYY)"
    );
    assert_eq!(
        w.run(&["calendar", "--year", "2025", "--calendar", "no-banks"])
            .bad_input(),
        "error: --calendar: unknown calendar 'no-banks' (built-in: no-bank, no-legal, se-bank, dk-bank, fi-bank, gb-eaw-bank, gb-sct-bank, gb-nir-bank, weekdays)"
    );
    w.write(
        "bad.csv",
        "date,name\n2025-06-20,Sommerfest\n2025-06-31,Midsummer\n",
    );
    assert_eq!(
        w.run(&["calendar", "--year", "2025", "--holidays", "bad.csv"])
            .bad_input(),
        "error: --holidays: holiday file bad.csv line 3: column date: '2025-06-31' is not a date: June 2025 has 30 days"
    );
    let missing = w.run(&["calendar", "--year", "2025", "--holidays", "missing.csv"]);
    assert!(
        missing
            .bad_input()
            .starts_with("error: --holidays: cannot read holiday file missing.csv:"),
        "{missing}"
    );
}

#[test]
fn a_holiday_line_that_changes_nothing_is_noted_on_stderr() {
    let w = Workdir::new();
    w.write("bank.csv", "2025-06-21,Saturday party\n");
    let out = w.run(&[
        "calendar",
        "--year",
        "2025",
        "--holidays",
        "bank.csv",
        "--format",
        "csv",
    ]);
    out.ok();
    assert_eq!(
        out.stderr,
        "note: bank.csv line 1: 2025-06-21 (Saturday party) is a Saturday and not a working day in calendar no-bank anyway\n"
    );
}
