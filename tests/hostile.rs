//! Hostile and broken inputs: each bad file is named with its reason, nothing panics, and
//! every good file beside them is indexed.

use crate::util::*;

/// Writes one good article and a set of hostile files; returns the names expected to fail.
fn write_hostile_folder(env: &TestEnv) -> Vec<&'static str> {
    env.write(
        "good.txt",
        "Title: Ferry resumes\n\nThe ferry resumed service after the storm.",
    );
    // Deep nesting: 100,000 levels.
    env.write(
        "deep.html",
        format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    );
    env.write(
        "formatting.html",
        format!("<html><body>{}text</body></html>", "<b>".repeat(100_000)),
    );
    // Binary data with a text extension, and NUL bytes.
    env.write(
        "binary.txt",
        (0..4096u32)
            .map(|i| (i * 7 % 256) as u8)
            .collect::<Vec<_>>(),
    );
    env.write("nul.json", b"{\"title\": \"A\0B\", \"body\": \"x\0y\"}");
    // Truncated gzip.
    let gz =
        gzip(b"Title: Cut\n\nThis text is long enough to be cut off in the middle of the stream.");
    env.write("cut.txt.gz", &gz[..gz.len() / 2]);
    // JSON of the wrong types, and not an article at all.
    env.write(
        "types.json",
        r#"{"title": 42, "body": {"nested": true}, "date": [1, 2], "authors": 7}"#,
    );
    env.write("config.json", r#"{"version": 3, "segments": []}"#);
    env.write("list.json", "[1, 2, 3]");
    // Invalid UTF-8 inside an otherwise fine text file: decoded, not refused.
    env.write(
        "latin1.txt",
        b"Title: Caf\xe9 closes\n\nThe caf\xe9 on the square closed after forty years.",
    );
    // Empty, whitespace-only.
    env.write("empty.md", "");
    env.write("blank.txt", "   \n\n  ");
    // A JSON Lines file with one broken line in the middle.
    env.write("feed.jsonl", "{\"id\":\"a\",\"title\":\"One\",\"body\":\"First.\"}\n{not json\n{\"id\":\"c\",\"title\":\"Three\",\"body\":\"Third.\"}\n");
    // Legacy Cyrillic encodings without any charset declaration: detected, not refused.
    let koi8 = "<html><body><h1>Паромная переправа</h1><p>Паромная переправа через залив снова работает после шторма, сообщили в порту.</p></body></html>";
    env.write("koi8.html", encoding_rs::KOI8_R.encode(koi8).0);
    let cp1251 =
        "Title: Мост закрыт\n\nМост через реку закрыли на ремонт до конца лета, сообщили в мэрии.";
    env.write("cp1251.txt", encoding_rs::WINDOWS_1251.encode(cp1251).0);
    // A 200 MB file (sparse, so it costs no disk): read within the default size limit and
    // refused as binary, without taking the run down.
    let huge = std::fs::File::create(env.corpus().join("huge.txt")).unwrap();
    huge.set_len(200 * 1024 * 1024).unwrap();
    // A symbolic link that points at its own folder.
    #[cfg(unix)]
    std::os::unix::fs::symlink(env.corpus(), env.corpus().join("loop")).unwrap();
    // An unreadable file (only where permissions bind: not for root).
    #[cfg(unix)]
    let unreadable = {
        use std::os::unix::fs::PermissionsExt;
        let path = env.write("locked.txt", "Title: Locked\n\nNobody may read this.");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        std::fs::read(&path).is_err()
    };
    #[cfg(not(unix))]
    let unreadable = false;
    let mut expected = vec![
        "huge.txt",
        "deep.html",
        "formatting.html",
        "binary.txt",
        "nul.json",
        "cut.txt.gz",
        "config.json",
        "list.json#1",
        "empty.md",
        "blank.txt",
        "feed.jsonl#L2",
    ];
    if unreadable {
        expected.push("locked.txt");
    }
    expected
}

#[test]
fn hostile_files_are_named_and_the_rest_is_indexed() {
    let env = TestEnv::new();
    let expected_failures = write_hostile_folder(&env);
    let errors = env.root().join("errors.jsonl");
    let out = run(env
        .newsdex()
        .args(["index", "--json", "-q", "--errors"])
        .arg(&errors)
        .arg(env.corpus()));
    assert_exit(&out, 0, "index a hostile folder");
    let report = parse_json(&out.stdout);
    let failed: Vec<String> = report["report"]["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    for name in &expected_failures {
        assert!(
            failed.iter().any(|f| f == name),
            "{name} not reported as failed: {failed:?}"
        );
    }
    for f in report["report"]["failed"].as_array().unwrap() {
        assert!(!f["reason"].as_str().unwrap().is_empty(), "{f}");
    }
    let logged = std::fs::read_to_string(&errors).unwrap();
    assert_eq!(logged.lines().count(), failed.len());
    // Raw NUL bytes mark binary data; numbers where text belongs are read as text.
    assert!(env.search("ferry", &[]).total == 1);
    assert_eq!(env.search("café", &[]).total, 1, "Latin-1 text decoded");
    assert_eq!(env.search("паромная", &[]).total, 1, "KOI8-R page decoded");
    assert_eq!(
        env.search("ремонт", &[]).total,
        1,
        "windows-1251 text decoded"
    );
    assert_eq!(
        env.search("first OR third", &["--any"]).total,
        2,
        "the good lines of feed.jsonl"
    );
}

#[test]
fn a_missing_path_is_named_and_other_paths_still_indexed() {
    let env = TestEnv::new();
    env.write(
        "good.txt",
        "Title: Ferry resumes\n\nThe ferry resumed service after the storm.",
    );
    let out = run(env
        .newsdex()
        .args(["index", "--json", "-q"])
        .arg(env.root().join("no-such-folder"))
        .arg(env.corpus()));
    assert_exit(&out, 0, "index with one missing path");
    let report = parse_json(&out.stdout);
    assert!(
        report["report"]["failed"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("no-such-folder")
    );
    assert_eq!(env.article_count(), 1);
}

#[test]
fn a_damaged_index_is_a_clear_error_with_the_fix() {
    let env = TestEnv::new();
    env.write(
        "good.txt",
        "Title: Ferry resumes\n\nThe ferry resumed service after the storm.",
    );
    env.index_corpus();
    std::fs::write(env.index_dir().join("meta.json"), "garbage{").unwrap();
    for args in [
        &["search", "ferry"][..],
        &["stats"][..],
        &["index", "-q"][..],
    ] {
        let mut cmd = env.newsdex();
        cmd.args(args);
        if args[0] == "index" {
            cmd.arg(env.corpus());
        }
        let out = run(&mut cmd);
        assert_exit(&out, 2, &format!("{args:?} on a damaged index"));
        let err = stderr(&out);
        assert!(
            err.contains("is damaged") && err.contains("--rebuild"),
            "{err}"
        );
    }
    // The fix works.
    let out = run(env
        .newsdex()
        .args(["index", "-q", "--rebuild"])
        .arg(env.corpus()));
    assert_exit(&out, 0, "index --rebuild");
    assert_eq!(env.article_count(), 1);
}
