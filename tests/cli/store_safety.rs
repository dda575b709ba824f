//! The store against a hostile environment: user configuration it must not
//! read, files planted where it writes, forged caches, and crashes or races
//! while it is created.

use crate::util::*;
use std::path::Path;
use std::process::Output;

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn git_fsck(store: &Path) {
    let Ok(out) = std::process::Command::new("git")
        .args(["fsck", "--strict", "--no-progress"])
        .current_dir(store)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
    else {
        return; // no git binary: verify still checks the store
    };
    assert!(out.status.success(), "git fsck: {}", stderr_of(&out));
}

#[test]
fn broken_user_git_configuration_is_not_read() {
    let store = TempStore::new();
    let home = store.path.parent().unwrap();
    // A link to itself cannot even be stat'ed: libgit2 fails on it where it
    // reads user configuration. A malformed file would fail to parse.
    std::os::unix::fs::symlink(".gitconfig", home.join(".gitconfig")).unwrap();
    std::fs::create_dir_all(home.join(".config/git")).unwrap();
    std::fs::write(home.join(".config/git/config"), "[core\nbroken = = =\n").unwrap();
    let run = |args: &[&str]| {
        let out = process(&store.path)
            .env_remove("GIT_CONFIG_GLOBAL")
            .env_remove("GIT_CONFIG_NOSYSTEM")
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    };
    run(&["commit", seed("000").to_str().unwrap()]);
    run(&["commit", seed("001").to_str().unwrap()]);
    for command in ["meetings", "cases", "deferred", "verify"] {
        run(&[command]);
    }
    assert_eq!(store.commit_count(), 2);
    git_fsck(&store.path);
}
