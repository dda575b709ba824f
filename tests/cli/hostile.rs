//! Bad input is refused with one clear line and leaves the store as it was;
//! hostile text never reaches the terminal; identifiers never escape the tree.

use crate::util::*;
use std::path::Path;

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn bad_files_get_one_clear_line_and_the_store_does_not_change() {
    let store = TempStore::new();
    store.run(&["commit", seed("000").to_str().unwrap()]);
    let (tree, commits) = (store.head_tree(), store.commit_count());
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let large = dir.path().join("huge.txt");
    std::fs::File::create(&large)
        .unwrap()
        .set_len(17 * 1024 * 1024)
        .unwrap();
    let cases = [
        (write("empty.txt", b""), "empty.txt: the file is empty"),
        (
            write("blank.txt", b" \n\t\n"),
            "blank.txt: the file is empty",
        ),
        (
            write(
                "garbage.txt",
                &[0x7f, b'E', b'L', b'F', 0, 1, 2, 3, 0xff, 0],
            ),
            "garbage.txt: the file is not text",
        ),
        (
            write("letter.txt", "Kære alle,\n\ntak for mødet.\n".as_bytes()),
            "letter.txt: no agenda items found",
        ),
        (
            write("nodate.txt", b"Punkt 1: Noget\n\n24/1\n"),
            "nodate.txt: no meeting date found",
        ),
        (
            large,
            "huge.txt: the file is too large (17825792 bytes; the limit is 16777216 bytes)",
        ),
        (dir.path().join("missing.txt"), "missing.txt: cannot read"),
    ];
    for (path, message) in &cases {
        for command in ["commit", "parse"] {
            let out = store.cmd().arg(command).arg(path).output().unwrap();
            assert!(!out.status.success(), "{command} {path:?} must fail");
            let err = stderr_of(&out);
            assert_eq!(err.lines().count(), 1, "one line: {err}");
            assert!(
                err.starts_with("sagsspor: error: ") && err.contains(message),
                "{command}: {err}"
            );
        }
    }
    assert_eq!(store.head_tree(), tree);
    assert_eq!(store.commit_count(), commits);
}

#[test]
fn an_unusable_store_path_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a store").unwrap();
    let out = sagsspor(&file)
        .args(["commit"])
        .arg(seed("000"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("cannot use store"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a store");

    let folder = dir.path().join("papers");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), "mine").unwrap();
    let out = sagsspor(&folder)
        .args(["commit"])
        .arg(seed("000"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("is not a sagsspor store"),
        "{}",
        stderr_of(&out)
    );
    let entries: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(
        entries.len(),
        1,
        "nothing written into someone else's folder"
    );
}

const HOSTILE: &str = "REFERAT Direktionen d. 05-01-2025

Mødedato Mandag d. 5. januar 2025 kl. 09:00
Mødested Lokale \u{1b}[2J\u{1b}]0;pwned\u{7}

Punkt 1: Ondsindet \u{1b}[31mtitel\u{1b}[0m \u{202e}tset\u{202c} med\u{200b}skjult

24/666

Indstilling

Det indstilles, at \u{9b}31m direktionen \u{1b}[1;1H godkender.

Beslutning Direktionen den 02-01-2025

Sagen udsættes \u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7}.

Beslutning Direktionen den 05-01-2025

Sagen blev udskudt \u{1b}[2K til kommende møde.
";

fn forbidden(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}')
    })
}

#[test]
fn control_characters_in_documents_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.txt");
    std::fs::write(&file, HOSTILE).unwrap();
    let store = TempStore::new();
    let f = file.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["parse", f],
        vec!["commit", f],
        vec!["log", "24/666"],
        vec!["diff", "24/666"],
        vec!["blame", "24/666"],
        vec!["blame", "24/666", "--section", "beslutning"],
        vec!["show", "24/666"],
        vec!["deferred"],
        vec!["journey", "24/666"],
        vec!["pending"],
        vec!["cases"],
        vec!["meetings"],
        vec!["verify"],
    ];
    let sgr = regex::Regex::new("\u{1b}\\[[0-9;]*m").unwrap();
    for color in ["never", "always"] {
        for args in &commands {
            let out = store
                .cmd()
                .args(["--color", color])
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
            let mut text = String::from_utf8(out.stdout.clone()).unwrap();
            text.push_str(&stderr_of(&out));
            if color == "always" {
                // Our own colour codes are the only escapes allowed.
                text = sgr.replace_all(&text, "").into_owned();
            }
            assert_eq!(forbidden(&text), None, "{color} {args:?}: {text}");
            assert!(!text.contains("pwned\u{7}"));
        }
    }
    // JSON stays exact.
    let json = store.json(&["parse", f]);
    assert_eq!(
        json["items"][0]["title"],
        "Ondsindet \u{1b}[31mtitel\u{1b}[0m \u{202e}tset\u{202c} med\u{200b}skjult"
    );
}

#[test]
fn hostile_names_in_arguments_and_file_names_are_shown_safely() {
    let store = TempStore::new();
    store.run(&["commit", seed("000").to_str().unwrap()]);
    let out = store.cmd().args(["log", "24/\u{1b}[2J"]).output().unwrap();
    assert!(!out.status.success());
    assert_eq!(forbidden(&stderr_of(&out)), None, "{}", stderr_of(&out));
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil\u{1b}[2J.txt");
    std::fs::write(&evil, "nothing").unwrap();
    let out = store.cmd().arg("commit").arg(&evil).output().unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert_eq!(forbidden(&err), None, "{err}");
    assert!(err.contains("evil␛[2J.txt"), "{err}");
}

#[test]
fn identifiers_that_look_like_paths_stay_inside_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("paths.txt");
    std::fs::write(
        &file,
        "REFERAT ../../etc d. 05-01-2025\n\nPunkt 1: /etc/passwd\n\nSagsnr.: 24/../../../../tmp/x\n\nBeslutning\n\nGodkendt.\n",
    )
    .unwrap();
    let store = TempStore::new();
    store.run(&["commit", file.to_str().unwrap()]);
    let before: Vec<_> = std::fs::read_dir(store.path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, ["store"], "nothing written beside the store");
    let repo = store.repo();
    let tree = repo.head().unwrap().peel_to_tree().unwrap();
    let mut names = Vec::new();
    tree.walk(git2::TreeWalkMode::PreOrder, |_, entry| {
        names.push(entry.name().unwrap().to_string());
        git2::TreeWalkResult::Ok
    })
    .unwrap();
    for name in &names {
        assert!(
            name != "." && name != ".." && !name.contains('/') && !name.contains('\0'),
            "{name}"
        );
    }
    assert!(
        names
            .iter()
            .any(|n| n == "24%2F%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2FTMP%2FX"),
        "{names:?}"
    );
    let log = store.json(&["log", "24/../../../../tmp/x"]);
    assert_eq!(log[0]["outcome"], "approved");
    assert!(!Path::new("/tmp/x").exists() || std::fs::metadata("/tmp/x").unwrap().is_dir());
}
