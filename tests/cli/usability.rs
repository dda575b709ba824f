//! A well-behaved command line: completions, man page, pager only on a
//! terminal, quiet exit on a closed pipe, examples in every help.

use crate::util::*;
use std::process::{Command, Stdio};

#[test]
fn completions_and_man_page_come_from_the_definitions() {
    let store = TempStore::new();
    let bash = store.run(&["completions", "bash"]);
    assert!(bash.contains("sagsspor") && bash.contains("deferred") && bash.contains("--store"));
    let zsh = store.run(&["completions", "zsh"]);
    assert!(zsh.contains("#compdef sagsspor"));
    let man = store.run(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH sagsspor"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("deferred"));
}

#[test]
fn every_command_has_an_example_in_its_help() {
    let store = TempStore::new();
    for command in [
        "parse",
        "commit",
        "log",
        "diff",
        "deferred",
        "pending",
        "journey",
        "cases",
        "meetings",
        "show",
        "verify",
        "report",
        "completions",
        "man",
    ] {
        let help = store.run(&[command, "--help"]);
        assert!(help.contains("Example"), "{command}: {help}");
        assert!(
            help.contains(&format!("sagsspor {command}")),
            "{command}: {help}"
        );
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    for args in [
        vec!["cases"],
        vec!["log", "22/1055"],
        vec!["show", "24/14508"],
    ] {
        let mut child = process(&store.path)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // like `| head -0`
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Whether util-linux `script` is here to make a pseudo-terminal; CI must
/// have it, a developer's machine may not.
fn has_script() -> bool {
    let found = Command::new("script").arg("--version").output().is_ok();
    assert!(
        found || std::env::var_os("CI").is_none(),
        "CI must have script (util-linux)"
    );
    found
}

/// Runs sagsspor on a pseudo-terminal (util-linux `script`).
fn on_terminal(store: &TempStore, args: &str, pager: &str) -> bool {
    let bin = env!("CARGO_BIN_EXE_sagsspor");
    Command::new("script")
        .args(["-qec", &format!("{bin} {args}"), "/dev/null"])
        .env("SAGSSPOR_STORE", &store.path)
        .env("SAGSSPOR_PAGER", pager)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .status()
        .unwrap()
        .success()
}

#[test]
fn the_pager_is_used_only_on_a_terminal() {
    if !has_script() {
        return;
    }
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("paged");
    let pager = format!("cat > {}", marker.display());

    assert!(on_terminal(&store, "log 22/1055", &pager));
    let paged = std::fs::read_to_string(&marker).expect("the pager ran on a terminal");
    assert!(paged.contains("2025-11-04") && paged.contains("2025-11-17"));
    std::fs::remove_file(&marker).unwrap();

    assert!(on_terminal(&store, "--no-pager log 22/1055", &pager));
    assert!(!marker.exists(), "--no-pager");
    assert!(on_terminal(&store, "log 22/1055 --json", &pager));
    assert!(!marker.exists(), "JSON is never paged");

    store
        .cmd()
        .args(["log", "22/1055"])
        .env("SAGSSPOR_PAGER", &pager)
        .assert()
        .success();
    assert!(!marker.exists(), "a pipe is never paged");
}

#[test]
fn a_broken_pager_never_loses_the_output() {
    if !has_script() {
        return;
    }
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let bin = env!("CARGO_BIN_EXE_sagsspor");
    let out = Command::new("script")
        .args(["-qec", &format!("{bin} log 22/1055"), "/dev/null"])
        .env("SAGSSPOR_STORE", &store.path)
        .env("SAGSSPOR_PAGER", "no-such-pager-anywhere")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(screen.contains("2025-11-17"), "{screen}");
    assert!(screen.contains("pager"), "says why: {screen}");
}

#[test]
fn output_fits_the_width_asked_for() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    for args in [
        vec!["show", "24/14508"],
        vec!["diff", "22/1055"],
        vec!["log", "24/14508"],
        vec!["deferred"],
        vec!["cases"],
    ] {
        let out = store
            .cmd()
            .args(&args)
            .env("COLUMNS", "72")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            // Table rows end in a cut column; running text wraps. The
            // deferred table's fixed columns alone are wider than 72.
            let limit = if args == ["deferred"] { 130 } else { 72 };
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= limit,
                "{args:?}: {line:?}"
            );
        }
    }
    // Without a terminal or COLUMNS, nothing is cut: a pipe gets whole lines.
    let piped = store.run(&["show", "24/14508"]);
    assert!(piped.lines().any(|l| l.chars().count() > 100));
}

#[test]
fn tables_have_headers_and_counts_read_right() {
    let store = TempStore::new();
    let one = store.run(&["commit", seed("002").to_str().unwrap()]);
    assert!(one.contains("1 meeting added"), "{one}");
    assert!(one.contains("Deferred now: 1 case\n"), "{one}");
    let cases = store.run(&["cases"]);
    assert!(cases.starts_with("case "), "{cases}");
    assert!(cases.lines().next().unwrap().contains("outcome"));
    let meetings = store.run(&["meetings"]);
    assert!(meetings.starts_with("date "), "{meetings}");
    assert!(meetings.lines().next().unwrap().contains("punkter"));
    let verify = store.run(&["verify"]);
    assert!(
        verify.starts_with("checked 1 commit, 1 meeting,"),
        "{verify}"
    );
}

#[test]
fn the_man_page_lists_options_and_environment() {
    let store = TempStore::new();
    let man = store.run(&["man"]);
    for needed in [
        "COMMANDS",
        "sagsspor diff",
        "\\-\\-correction",
        "SAGSSPOR_STORE",
        "SAGSSPOR_PAGER",
        "SAGSSPOR_TODAY",
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "EXIT STATUS",
    ] {
        assert!(man.contains(needed), "{needed}");
    }
    assert!(!man.contains("sagsspor\\-diff(1)"), "names no missing page");
}

/// `--csv` and `--excel` give the lists as tables with the fields of
/// `--json`; Excel's has a byte-order mark and `;`.
#[test]
fn lists_as_tables_for_the_spreadsheet() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let json = store.json(&["deferred"]);
    let csv = store.run(&["deferred", "--csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "organisation,journal,title,date,body,punkt,text,reason,waiting_days"
    );
    assert_eq!(lines.len(), 1 + json.as_array().unwrap().len());
    let excel = store.run(&["cases", "--excel"]);
    assert!(
        excel.starts_with("\u{feff}organisation;journal;title;treatments;latest.date"),
        "{excel}"
    );
    for command in ["pending", "meetings"] {
        assert!(
            store.run(&[command, "--csv"]).lines().count() > 1,
            "{command}"
        );
    }
    let log = store.run(&["log", "24/5629", "--csv"]);
    assert!(
        log.starts_with("organisation,journal,date,body,punkt"),
        "{log}"
    );
}

/// The keys of JSON records in order, a nested object's as `parent.field`;
/// a field that is null where other records have an object is its fields.
fn json_columns(rows: &serde_json::Value) -> Vec<String> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(fields) => {
                for (name, field) in fields {
                    let key = if prefix.is_empty() {
                        name.clone()
                    } else {
                        format!("{prefix}.{name}")
                    };
                    walk(&key, field, out);
                }
            }
            _ if !out.contains(&prefix.to_string()) => out.push(prefix.to_string()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for row in rows.as_array().unwrap() {
        walk("", row, &mut out);
    }
    let nested = |c: &String| out.iter().any(|o| o.starts_with(&format!("{c}.")));
    out.iter().filter(|c| !nested(c)).cloned().collect()
}

/// Every table's header row is the fields of `--json`, in order, whether
/// the list has records or none (an empty list is its header alone).
#[test]
fn a_table_has_its_header_with_or_without_records() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let none = ["--until", "2020-01-01"];
    for command in [
        vec!["deferred"],
        vec!["pending"],
        vec!["cases"],
        vec!["meetings"],
        vec!["log", "24/5629"],
    ] {
        let json = store.json(&command);
        assert!(!json.as_array().unwrap().is_empty(), "{command:?}");
        let columns = json_columns(&json);
        let mut csv_args = command.clone();
        csv_args.push("--csv");
        let csv = store.run(&csv_args);
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        assert_eq!(header, columns, "{command:?}");
        assert_eq!(csv.lines().count(), 1 + json.as_array().unwrap().len());

        let mut empty = command.clone();
        empty.extend(none);
        assert_eq!(store.json(&empty), serde_json::json!([]), "{empty:?}");
        let mut empty_csv = empty.clone();
        empty_csv.push("--csv");
        assert_eq!(
            store.run(&empty_csv),
            format!("{}\n", columns.join(",")),
            "{empty_csv:?}"
        );
        empty.push("--excel");
        assert_eq!(
            store.run(&empty),
            format!("\u{feff}{}\n", columns.join(";")),
            "{empty:?}"
        );
    }
}
