//! What a back office installs and wires: completions and the man page (generated from the
//! clap definitions), flags from the environment, the systemd units, and the README's
//! hand-over examples (run with stand-ins for curl and sendmail).

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::CommandFactory;

use crate::harness::{Workdir, crate_dir};

const BIN: &str = env!("CARGO_BIN_EXE_complaint-sla");

/// Every subcommand, and every long flag of the program and its subcommands.
fn names() -> (Vec<String>, Vec<String>) {
    let command = complaint_sla::cli::Cli::command();
    let mut subcommands = Vec::new();
    let mut flags = Vec::new();
    for sub in command.get_subcommands() {
        subcommands.push(sub.get_name().to_string());
        // A hidden flag (--today, for tests) is in neither.
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                flags.push(long.to_string());
            }
        }
    }
    assert!(
        subcommands.len() >= 7 && flags.len() > 30,
        "{subcommands:?} {flags:?}"
    );
    (subcommands, flags)
}

fn output(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_for_every_shell_name_every_command_and_flag() {
    let (subcommands, flags) = names();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = output(&["completions", shell]);
        for name in subcommands.iter().chain(&flags) {
            // fish writes `-l out-dir`, the others `--out-dir`: the name is in each.
            assert!(script.contains(name.as_str()), "{shell}: no {name}");
        }
    }
    let bad = Workdir::new().run(&["completions", "tcsh"]);
    assert_eq!(bad.code, Some(2));
}

#[test]
fn the_man_page_names_every_command_and_flag_and_the_environment() {
    let (subcommands, flags) = names();
    // roff escapes every '-' as '\-'.
    let page = output(&["man"]).replace("\\-", "-");
    assert!(
        page.starts_with(".ie") || page.contains(".TH complaint-sla 1"),
        "{page}"
    );
    for sub in &subcommands {
        assert!(
            page.contains(&format!(".TH complaint-sla-{sub} 1")),
            "no page for {sub}"
        );
    }
    for flag in &flags {
        assert!(page.contains(&format!("--{flag}")), "no --{flag}");
    }
    for variable in [
        "COMPLAINT_SLA_POLICY",
        "COMPLAINT_SLA_OUT_DIR",
        "COMPLAINT_SLA_HOLIDAYS",
        "COMPLAINT_SLA_LANGUAGE",
    ] {
        assert!(page.contains(variable), "{variable}");
    }
}

/// Runs `report` on the sample in `dir` with `env` set (and nothing else of ours).
fn report_with_env(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut command = Command::new(BIN);
    command.current_dir(dir).arg("report").args([
        "--period",
        "2025-12",
        "--formats",
        "json,md",
        "sample_data/complaints.csv",
    ]);
    command.args(args);
    for (name, _) in names_of_env() {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn names_of_env() -> [(&'static str, ()); 4] {
    [
        ("COMPLAINT_SLA_POLICY", ()),
        ("COMPLAINT_SLA_OUT_DIR", ()),
        ("COMPLAINT_SLA_HOLIDAYS", ()),
        ("COMPLAINT_SLA_LANGUAGE", ()),
    ]
}

#[test]
fn scheduled_flags_come_from_the_environment_and_a_flag_wins() {
    let w = Workdir::with_sample_data();
    let env = [
        ("COMPLAINT_SLA_POLICY", "psd2"),
        ("COMPLAINT_SLA_OUT_DIR", "from-env"),
        ("COMPLAINT_SLA_HOLIDAYS", "sample_data/holidays.csv"),
        ("COMPLAINT_SLA_LANGUAGE", "nb"),
    ];
    assert!(report_with_env(w.path(), &env, &[]).status.success());
    let json: serde_json::Value =
        serde_json::from_str(&w.read("from-env/2025-12/summary.json")).unwrap();
    assert_eq!(json["policy"], "psd2");
    assert_eq!(json["holiday_file"], "sample_data/holidays.csv");
    assert!(
        w.read("from-env/2025-12/complaint-sla-2025-12.md")
            .starts_with("# Klagerapport 2025-12")
    );

    // Each flag wins over its variable.
    let flags = [
        "--policy",
        "amex-no",
        "--out-dir",
        "from-flag",
        "--language",
        "en",
    ];
    assert!(report_with_env(w.path(), &env, &flags).status.success());
    let json: serde_json::Value =
        serde_json::from_str(&w.read("from-flag/2025-12/summary.json")).unwrap();
    assert_eq!(json["policy"], "amex-no");
    assert!(
        w.read("from-flag/2025-12/complaint-sla-2025-12.md")
            .starts_with("# Complaint handling report 2025-12")
    );

    // A bad value from the environment is refused like the flag's, exit 2.
    let bad = report_with_env(w.path(), &[("COMPLAINT_SLA_LANGUAGE", "de")], &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("--language (from COMPLAINT_SLA_LANGUAGE): unknown language 'de'")
    );
}

fn unit(name: &str) -> String {
    std::fs::read_to_string(crate_dir().join("contrib/systemd").join(name)).unwrap()
}

#[test]
fn the_systemd_units_verify_and_run_monthly_and_after_a_missed_start() {
    let service = unit("complaint-sla.service");
    let timer = unit("complaint-sla.timer");
    assert!(timer.contains("OnCalendar=*-*-01..03 06:00:00"));
    assert!(timer.contains("Persistent=true"));
    assert!(service.contains("Type=oneshot"));
    assert!(service.contains("SuccessExitStatus=3"));
    // A failure mails someone; the user the unit runs as is created by sysusers.d.
    assert!(service.contains("OnFailure=complaint-sla-failure@%n.service"));
    let failure = unit("complaint-sla-failure@.service");
    assert!(failure.contains("mail -s"), "{failure}");
    let sysusers =
        std::fs::read_to_string(crate_dir().join("contrib/sysusers.d/complaint-sla.conf")).unwrap();
    let user = service
        .lines()
        .find_map(|l| l.strip_prefix("User="))
        .unwrap();
    assert!(
        sysusers
            .lines()
            .any(|l| l.starts_with(&format!("u {user} "))),
        "{sysusers}"
    );
    assert!(service.contains("ExecStart=/usr/local/bin/complaint-sla report "));
    // No --period: the job's "previous month" makes a repeat on the 2nd or 3rd harmless.
    let exec = service
        .lines()
        .find(|l| l.starts_with("ExecStart="))
        .unwrap();
    assert!(!exec.contains("--period"), "{exec}");

    let Ok(analyze) = which("systemd-analyze") else {
        eprintln!("systemd-analyze is not installed: the units' syntax is not verified");
        return;
    };
    let w = Workdir::new();
    // The units as installed, with the binary where this build put it.
    let verify = |service: &str| {
        let path = w.write(
            "complaint-sla.service",
            service.replace("/usr/local/bin/complaint-sla", BIN),
        );
        let timer = w.write("complaint-sla.timer", &timer);
        let failure = w.write("complaint-sla-failure@.service", &failure);
        Command::new(&analyze)
            .args(["verify", "--man=no"])
            .arg(path)
            .arg(timer)
            .arg(failure)
            .output()
            .unwrap()
    };
    let ok = verify(&service);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    // The check can fail: a unit whose binary is not where it says is caught.
    let broken = verify(&service.replace("ExecStart=/usr/local/bin/", "ExecStart=/nowhere/"));
    assert!(!broken.status.success());
}

fn which(program: &str) -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
        .ok_or(())
}

/// The README's `sh` block that follows the marker line `<!-- MARK -->`.
fn readme_block(mark: &str) -> String {
    let readme = crate::harness::documentation();
    let after = readme
        .split_once(&format!("<!-- {mark} -->"))
        .unwrap_or_else(|| panic!("no <!-- {mark} --> in the README"))
        .1;
    let block = after.split_once("```sh\n").unwrap().1;
    block.split_once("```").unwrap().0.to_string()
}

/// Runs a README block with bash in the sample folder, with `complaint-sla` on the PATH and
/// stand-ins for curl and sendmail that record their arguments and input in `called.txt`.
fn run_block(w: &Workdir, block: &str) -> std::process::Output {
    let bin = w.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(BIN, bin.join("complaint-sla")).ok();
    for stand_in in ["curl", "sendmail"] {
        let path = bin.join(stand_in);
        std::fs::write(
            &path,
            format!("#!/bin/sh\n{{ echo \"{stand_in} $*\"; [ -t 0 ] || cat; }} >> \"$CALLED\"\n"),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .arg("-c")
        .arg(block)
        .current_dir(w.path())
        .env("PATH", path)
        .env("CALLED", w.path().join("called.txt"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn the_readme_hand_over_examples_post_the_json_and_mail_the_report() {
    let w = Workdir::with_sample_data();
    let out = run_block(&w, &readme_block("hand-over: monitoring"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let called = w.read("called.txt");
    // The sample has breaches: --fail-on-breach exits 3, and the JSON line is posted.
    assert!(called.starts_with("curl "), "{called}");
    let posted: serde_json::Value =
        serde_json::from_str(called.lines().find(|l| l.starts_with('{')).unwrap()).unwrap();
    assert_eq!(posted["exit_code"], 3);
    assert_eq!(posted["period"], "2025-12");

    std::fs::remove_file(w.path().join("called.txt")).unwrap();
    let out = run_block(&w, &readme_block("hand-over: mail"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let called = w.read("called.txt");
    assert!(called.starts_with("sendmail -t\n"), "{called}");
    assert!(called.contains("Subject: Complaint handling report 2025-12\n"));
    assert!(called.contains("Content-Type: multipart/alternative; boundary="));
    // The message's two parts decode to the Markdown report and the board pack, whole.
    let parts: Vec<String> = called
        .split("Content-Transfer-Encoding: base64\n\n")
        .skip(1)
        .map(|part| {
            let encoded: String = part.lines().take_while(|l| !l.starts_with("--")).collect();
            let mut child = Command::new("base64")
                .arg("-d")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(encoded.as_bytes())
                .unwrap();
            String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
        })
        .collect();
    assert_eq!(parts.len(), 2, "{called}");
    assert_eq!(parts[0], w.read("reports/2025-12/complaint-sla-2025-12.md"));
    assert_eq!(
        parts[1],
        w.read("reports/2025-12/complaint-sla-2025-12.html")
    );
    assert!(parts[1].contains("<p class=\"verdict not-met\">Not met: 54 complaints"));
}

/// The README's crontab line, run as cron runs it: its command part (`\%` is `%` to cron)
/// under `sh -c`, with cron's `PATH`, in a folder laid out as the line expects. The log gets
/// the JSON line; what cron would mail says the exit status.
#[test]
fn the_readme_cron_line_runs_as_cron_runs_it() {
    let w = Workdir::with_sample_data();
    std::fs::create_dir_all(w.path().join("exports")).unwrap();
    std::fs::copy(
        w.path().join("sample_data/complaints.csv"),
        w.path().join("exports/complaints.csv"),
    )
    .unwrap();
    for file in ["policy.toml", "holidays.csv"] {
        std::fs::copy(w.path().join("sample_data").join(file), w.path().join(file)).unwrap();
    }
    let block = readme_block("cron");
    let line = block
        .lines()
        .find(|l| l.starts_with("0 6 5 * * "))
        .expect("the crontab line");
    assert!(block.starts_with("MAILTO="), "{block}");
    let folder = w.path().display().to_string();
    let command = line
        .trim_start_matches("0 6 5 * * ")
        .replace("\\%", "%")
        .replace("/usr/local/bin/complaint-sla", BIN)
        .replace("/srv/complaints", &folder);
    let out = Command::new("sh")
        .arg("-c")
        .arg(&command)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &folder)
        .output()
        .unwrap();
    let mail = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    // The sample's month has breaches: exit 3, mailed with the JSON line.
    assert!(mail.starts_with("complaint-sla exit 3\n{"), "{mail}");
    let log = w.read("complaint-sla.log");
    let json: serde_json::Value = serde_json::from_str(log.lines().last().unwrap()).unwrap();
    assert_eq!(json["exit_code"], 3, "{log}");
    assert_eq!(json["status"], "written", "{log}");
}
