//! The store against a hostile environment: user configuration it must not
//! read, files planted where it writes, forged caches, and crashes or races
//! while it is created.

use crate::util::*;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

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

/// Runs a command to its end, failing the test if it takes longer than a
/// generous bound (a hang on a FIFO would otherwise hang the test run).
fn run_bounded(mut cmd: std::process::Command, what: &str) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{what} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {path:?}");
}

/// A store with two meetings and no caches yet.
fn store_without_caches() -> TempStore {
    let store = TempStore::new();
    store.run(&["commit", seed("000").to_str().unwrap()]);
    store.run(&["commit", seed("001").to_str().unwrap()]);
    for name in CACHES {
        let _ = std::fs::remove_file(store.path.join(name));
    }
    store
}

const CACHES: [&str; 2] = ["sagsspor-cache.json", "sagsspor-deferred.json"];

#[test]
fn planted_temporary_links_are_replaced_not_written_through() {
    let store = store_without_caches();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    std::fs::write(&victim, "keep").unwrap();
    // The writer's temporary name carries its process id: plant links for
    // the ids the next processes are likely to get.
    let mut next = std::process::Command::new("true").spawn().unwrap();
    let base = next.id();
    next.wait().unwrap();
    for pid in base..base + 400 {
        for stem in ["sagsspor-cache", "sagsspor-deferred"] {
            let link = store.path.join(format!("{stem}.tmp{pid}"));
            std::os::unix::fs::symlink(&victim, link).unwrap();
        }
    }
    for command in ["cases", "deferred", "meetings"] {
        store.run(&[command]);
        for name in CACHES {
            let _ = std::fs::remove_file(store.path.join(name));
        }
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
}

#[test]
fn a_lock_file_that_is_a_link_or_fifo_is_refused_and_names_the_file() {
    let store = store_without_caches();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("created-outside");
    let lock = store.path.join("sagsspor.lock");
    let _ = std::fs::remove_file(&lock);
    std::os::unix::fs::symlink(&target, &lock).unwrap();
    let mut cmd = process(&store.path);
    cmd.arg("commit").arg(seed("002"));
    let out = run_bounded(cmd, "commit with a linked lock");
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("sagsspor.lock"), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!target.exists(), "nothing created outside the store");

    std::fs::remove_file(&lock).unwrap();
    mkfifo(&lock);
    let mut cmd = process(&store.path);
    cmd.arg("commit").arg(seed("002"));
    let out = run_bounded(cmd, "commit with a FIFO lock");
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("sagsspor.lock") && err.contains("not a regular file"),
        "{err}"
    );
    assert_eq!(store.commit_count(), 2, "the store is as it was");
}

#[test]
fn caches_that_are_fifos_or_devices_are_rebuilt_without_hanging() {
    let store = store_without_caches();
    let expected = store.json(&["meetings"]);
    type Plant = fn(&Path);
    let plants: [(&str, Plant); 2] = [
        ("FIFO", mkfifo),
        ("link to /dev/zero", |p: &Path| {
            std::os::unix::fs::symlink("/dev/zero", p).unwrap()
        }),
    ];
    for (kind, plant) in plants {
        for command in ["deferred", "cases", "meetings", "commit"] {
            for name in CACHES {
                let path = store.path.join(name);
                let _ = std::fs::remove_file(&path);
                plant(&path);
            }
            let mut cmd = process(&store.path);
            cmd.arg(command);
            if command == "commit" {
                cmd.arg(seed("001"));
            }
            let out = run_bounded(cmd, &format!("{command} with caches as {kind}"));
            assert!(
                out.status.success(),
                "{command} with caches as {kind}: {}",
                stderr_of(&out)
            );
            let rebuilt = std::fs::symlink_metadata(store.path.join(CACHES[0])).unwrap();
            assert!(rebuilt.file_type().is_file(), "{command}: cache rebuilt");
        }
    }
    assert_eq!(store.json(&["meetings"]), expected);
}

#[test]
fn leftover_temporary_files_are_removed() {
    let store = store_without_caches();
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    let leftovers: Vec<_> = ["sagsspor-cache.tmp4000001", "sagsspor-deferred.tmp4000002"]
        .iter()
        .map(|name| {
            let path = store.path.join(name);
            let file = std::fs::File::create(&path).unwrap();
            file.set_modified(old).unwrap();
            path
        })
        .collect();
    store.run(&["commit", seed("002").to_str().unwrap()]);
    store.run(&["cases"]);
    for path in leftovers {
        assert!(!path.exists(), "{path:?} removed");
    }
    let temporary: Vec<_> = std::fs::read_dir(&store.path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(temporary.is_empty(), "{temporary:?}");
}

/// The first `Leaf` value below `node` in a summary cache file.
fn first_leaf(node: &mut serde_json::Value) -> Option<&mut serde_json::Value> {
    if node.get("Leaf").is_some() {
        return node.get_mut("Leaf")?.get_mut("value");
    }
    let children = node.get_mut("Dir")?.get_mut("children")?.as_object_mut()?;
    children.values_mut().find_map(first_leaf)
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_forged_deferred_cache_is_not_believed_and_verify_reports_it() {
    let store = store_without_caches();
    let truth = store.run(&["deferred"]);
    assert!(truth.contains("24/14508"), "{truth}");
    let path = store.path.join("sagsspor-deferred.json");
    let mut forged = read_json(&path);
    assert_eq!(
        forged["tree"].as_str().unwrap(),
        store.head_tree().to_string()
    );
    let cases = forged["cases"].as_array_mut().unwrap();
    let mut fake = cases[0].clone();
    let case = if fake.get("case").is_some() {
        &mut fake["case"]
    } else {
        &mut fake
    };
    case["journal"] = "99/99999".into();
    case["title"] = "Forged case".into();
    cases.push(fake);
    std::fs::write(&path, serde_json::to_vec(&forged).unwrap()).unwrap();

    let listed = store.run(&["deferred"]);
    assert!(!listed.contains("99/99999"), "{listed}");
    assert_eq!(listed, truth);

    std::fs::write(&path, serde_json::to_vec(&forged).unwrap()).unwrap();
    let out = store.cmd().arg("verify").output().unwrap();
    assert!(!out.status.success(), "verify must fail on a forged cache");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("problem: sagsspor-deferred.json:"),
        "{report}"
    );
    assert_eq!(store.run(&["deferred"]), truth);
    store.run(&["verify"]);
}

#[test]
fn verify_reports_a_summary_cache_that_differs_from_the_tree() {
    let store = store_without_caches();
    let truth = store.json(&["meetings"]);
    let path = store.path.join("sagsspor-cache.json");
    let mut forged = read_json(&path);
    let meeting = first_leaf(&mut forged["meetings"]).unwrap();
    meeting["items"] = 999.into();
    std::fs::write(&path, serde_json::to_vec(&forged).unwrap()).unwrap();

    let out = store.cmd().arg("verify").output().unwrap();
    assert!(!out.status.success(), "verify must fail on a forged cache");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("problem: sagsspor-cache.json: cached summary of meetings/"),
        "{report}"
    );
    assert_eq!(store.json(&["meetings"]), truth, "rebuilt after verify");
    store.run(&["verify"]);
}

/// `count` meetings: the 000 seed moved to other dates.
fn meetings_in(dir: &Path, count: usize) -> Vec<std::path::PathBuf> {
    let dates: Vec<String> = (1..=count).map(|d| format!("{d:02}-01-2024")).collect();
    seed_on_dates(dir, &dates)
}

#[test]
fn concurrent_commits_into_a_store_that_does_not_exist_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let files = meetings_in(dir.path(), 8);
    for _ in 0..3 {
        let store = TempStore::new();
        let children: Vec<_> = files
            .iter()
            .map(|f| {
                process(&store.path)
                    .arg("commit")
                    .arg(f)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", stderr_of(&out));
        }
        let meetings = store.json(&["meetings"]);
        let dates: Vec<&str> = meetings
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["date"].as_str().unwrap())
            .collect();
        let expected: Vec<String> = (1..=8).map(|d| format!("2024-01-{d:02}")).collect();
        assert_eq!(dates, expected);
        assert_eq!(store.commit_count(), 8);
        let siblings: Vec<_> = std::fs::read_dir(store.path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp"))
            .collect();
        assert!(siblings.is_empty(), "{siblings:?}");
        git_fsck(&store.path);
        store.run(&["verify"]);
    }
}

#[test]
fn a_commit_killed_while_creating_the_store_leaves_none_or_a_whole_one() {
    for delay in 0..24u64 {
        let store = TempStore::new();
        let mut child = process(&store.path)
            .arg("commit")
            .arg(seed("000"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(delay * 500));
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let out = store.cmd().arg("commit").arg(seed("001")).output().unwrap();
        assert!(
            out.status.success(),
            "after a kill at {delay}: {}",
            stderr_of(&out)
        );
        store.run(&["verify"]);
    }
}

#[test]
fn a_branch_lock_left_by_a_killed_import_is_reported_and_taken_over() {
    let store = TempStore::new();
    store.run(&["commit", seed("000").to_str().unwrap()]);
    let lock = store.path.join("refs/heads/main.lock");
    std::fs::write(&lock, format!("{}\n", "0".repeat(40))).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&lock)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(60))
        .unwrap();
    let out = store.cmd().arg("verify").output().unwrap();
    assert!(!out.status.success(), "verify reports the lock");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("problem: refs/heads/main.lock:"),
        "{report}"
    );
    store.run(&["commit", seed("001").to_str().unwrap()]);
    assert!(!lock.exists());
    assert_eq!(store.commit_count(), 2);
    store.run(&["verify"]);
    git_fsck(&store.path);
}

/// A planted blob far larger than any minutes (a gigabyte of zeros packs
/// into a megabyte) is refused by its size, with its path, before it is
/// inflated; everything else is still answered.
#[test]
fn an_oversized_stored_file_is_refused_by_its_size() {
    let store = TempStore::new();
    store.run(&["commit", seed("000").to_str().unwrap()]);
    let path = store.plant(
        |p| p.starts_with("cases/") && p.ends_with(".json"),
        &vec![0u8; 70_000_000],
    );
    let out = store.cmd().arg("cases").output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&path) && stderr.contains("70000000 bytes, over the"),
        "{stderr}"
    );
    let out = store.cmd().args(["verify", "--json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["path"] == path.as_str()
                && p["message"].as_str().unwrap().contains("over the")),
        "{report}"
    );
}

/// A pack left without its index (a crash between the two renames, a full
/// disk) makes git warn on every command: the next import removes it once
/// it is old enough that no other git process can still be finishing it.
#[test]
fn a_pack_left_without_its_index_is_cleared_by_the_next_import() {
    let store = TempStore::new();
    store.run(&["commit", seed("000").to_str().unwrap()]);
    let pack_dir = store.path.join("objects/pack");
    let real = store.packs().remove(0);
    let old = pack_dir.join(format!("pack-{}.pack", "0".repeat(40)));
    let young = pack_dir.join(format!("pack-{}.pack", "1".repeat(40)));
    for orphan in [&old, &young] {
        std::fs::copy(&real, orphan).unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    store.run(&["commit", seed("001").to_str().unwrap()]);
    assert!(!old.exists(), "the old orphan is removed");
    assert!(young.exists(), "a young one may be another process's, kept");
    std::fs::remove_file(&young).unwrap();
    git_fsck(&store.path);
    store.run(&["verify"]);
}

/// A pack cut short (a copy that did not finish, a full disk) is reported
/// as damaged objects, not as git's "reference cannot be peeled".
#[test]
fn a_truncated_pack_is_named_as_damaged_objects() {
    let store = TempStore::new();
    store.run(&["commit", seeds().to_str().unwrap()]);
    let pack = store.packs().remove(0);
    let size = std::fs::metadata(&pack).unwrap().len();
    std::fs::File::options()
        .write(true)
        .open(&pack)
        .unwrap()
        .set_len(size / 2)
        .unwrap();
    let _ = std::fs::remove_file(store.path.join("sagsspor-cache.json"));
    let out = store.cmd().arg("cases").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = stderr_of(&out);
    assert!(stderr.contains("store's objects are damaged"), "{stderr}");
    assert!(!stderr.contains("cannot be peeled -"), "{stderr}");
}
