//! Colour rules: auto colours only a terminal, NO_COLOR turns it off,
//! CLICOLOR_FORCE forces it, the flag beats both, JSON never colours.

use crate::util::*;

fn store_with_a_diff() -> TempStore {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    store
}

fn has_ansi(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b)
}

#[test]
fn colour_settings() {
    let store = store_with_a_diff();
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = store.cmd();
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.args(args).output().unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let diff = ["diff", "22/1055"];
    assert!(!has_ansi(&run(&diff, &[])), "auto: a pipe gets no colour");
    assert!(has_ansi(&run(&diff, &[("CLICOLOR_FORCE", "1")])));
    assert!(!has_ansi(&run(&diff, &[("CLICOLOR_FORCE", "0")])));
    assert!(
        has_ansi(&run(
            &["--color", "always", "diff", "22/1055"],
            &[("NO_COLOR", "1")]
        )),
        "flag beats NO_COLOR"
    );
    assert!(
        !has_ansi(&run(
            &["--color", "never", "diff", "22/1055"],
            &[("CLICOLOR_FORCE", "1")]
        )),
        "flag beats CLICOLOR_FORCE"
    );
    assert!(
        !has_ansi(&run(
            &["--color", "always", "diff", "22/1055", "--json"],
            &[]
        )),
        "JSON is never coloured"
    );
    let coloured = String::from_utf8(run(&["--color", "always", "diff", "22/1055"], &[])).unwrap();
    assert!(
        coloured.contains("\u{1b}[31m") && coloured.contains("\u{1b}[32m"),
        "red deletions, green insertions"
    );
    assert!(
        !coloured.contains("[-") && !coloured.contains("{+"),
        "markers give way to colour"
    );
}
