//! The schema file: `newsdex schema`, `--schema FILE`, version mismatches and `--rebuild`,
//! invalid schema files.

use std::path::PathBuf;

use newsdex::{DEFAULT_SCHEMA, NewsSchema};

use crate::util::{TestEnv, assert_exit, newsdex_bare, run, stderr, stdout};

/// The version of the embedded schema (whatever it is today).
fn default_version() -> u32 {
    NewsSchema::default().version()
}

/// The embedded schema with `version` set to `v`.
fn schema_with_version(v: u32) -> String {
    let line = format!("version = {}", default_version());
    assert!(
        DEFAULT_SCHEMA.contains(&line),
        "the embedded schema has a `{line}` line"
    );
    DEFAULT_SCHEMA.replacen(&line, &format!("version = {v}"), 1)
}

/// Writes a schema file into the test folder.
fn write_schema(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    let path = env.root().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn write_article(env: &TestEnv) {
    env.write(
        "a.txt",
        "Title: Dockers Vote to End Strike\nOutlet: Test Wire\nDate: 2022-08-01\n\nDockers voted to end their strike after a pay deal.",
    );
}

#[test]
fn schema_command_prints_the_embedded_schema() {
    let out = run(newsdex_bare().arg("schema"));
    assert_exit(&out, 0, "newsdex schema");
    let text = stdout(&out);
    assert!(text.contains("version ="), "{text}");
    assert_eq!(text, DEFAULT_SCHEMA);
    // It is a valid schema: feeding it back gives the same version.
    let parsed = NewsSchema::parse(&text).expect("printed schema parses");
    assert_eq!(parsed.version(), default_version());
}

#[test]
fn schema_command_prints_the_schema_given_with_schema_flag() {
    let env = TestEnv::new();
    let v = default_version() + 1;
    let text = schema_with_version(v);
    let file = write_schema(&env, "bumped.toml", &text);
    let out = run(newsdex_bare().arg("--schema").arg(&file).arg("schema"));
    assert_exit(&out, 0, "newsdex --schema FILE schema");
    assert_eq!(stdout(&out), text);
    assert!(stdout(&out).contains(&format!("version = {v}")));
}

#[test]
fn index_built_with_another_schema_version_is_refused() {
    let env = TestEnv::new();
    write_article(&env);
    env.index_corpus();
    let old = default_version();
    let new = old + 1;
    let bumped = write_schema(&env, "bumped.toml", &schema_with_version(new));

    for args in [
        vec!["search", "dockers"],
        vec!["stats"],
        vec!["index", "-q", env.corpus().to_str().unwrap()],
    ] {
        let out = run(env.newsdex().arg("--schema").arg(&bumped).args(&args));
        assert_exit(&out, 2, &format!("{args:?} under schema version {new}"));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("version {old}")) && err.contains(&format!("version {new}")),
            "the message names both versions: {err}"
        );
        assert!(
            err.contains("--rebuild"),
            "the message suggests --rebuild: {err}"
        );
    }
    // Refusing touched nothing: the default schema still opens it.
    assert_eq!(env.search_all("dockers", &[]).total, 1);
}

#[test]
fn rebuild_with_the_new_schema_then_works() {
    let env = TestEnv::new();
    write_article(&env);
    env.index_corpus();
    let new = default_version() + 1;
    let bumped = write_schema(&env, "bumped.toml", &schema_with_version(new));

    let out = run(env
        .newsdex()
        .arg("--schema")
        .arg(&bumped)
        .args(["index", "--rebuild", "-q"])
        .arg(env.corpus()));
    assert_exit(&out, 0, "index --rebuild under the new schema");

    let search = run(env
        .newsdex()
        .arg("--schema")
        .arg(&bumped)
        .args(["search", "dockers", "--count"]));
    assert_exit(&search, 0, "search under the new schema");
    assert_eq!(stdout(&search).trim(), "1");

    let stats = run(env
        .newsdex()
        .arg("--schema")
        .arg(&bumped)
        .args(["stats", "--json"]));
    assert_exit(&stats, 0, "stats under the new schema");
    let v: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(v["schema_version"], new);
    assert_eq!(v["articles"], 1);

    // Now the built-in schema is the stranger.
    let old = run(env.newsdex().args(["search", "dockers"]));
    assert_exit(&old, 2, "search under the old schema after the rebuild");
    assert!(stderr(&old).contains("--rebuild"));
}

#[test]
fn rebuild_refuses_to_delete_a_folder_that_is_not_an_index() {
    let env = TestEnv::new();
    write_article(&env);
    std::fs::create_dir(env.index_dir()).unwrap();
    std::fs::write(env.index_dir().join("precious.txt"), "keep me").unwrap();
    let out = run(env
        .newsdex()
        .args(["index", "--rebuild", "-q"])
        .arg(env.corpus()));
    assert_exit(&out, 2, "--rebuild over a foreign folder");
    assert!(env.index_dir().join("precious.txt").exists());
    assert!(
        stderr(&out).contains("not a newsdex index"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unknown_analyzer_in_schema_is_named() {
    let env = TestEnv::new();
    let text = DEFAULT_SCHEMA.replacen("tokenizer = \"news\"", "tokenizer = \"klingon\"", 1);
    assert_ne!(text, DEFAULT_SCHEMA);
    let file = write_schema(&env, "klingon.toml", &text);
    let out = run(newsdex_bare().arg("--schema").arg(&file).arg("schema"));
    assert_exit(&out, 2, "invalid schema");
    let err = stderr(&out);
    assert!(
        err.contains("klingon"),
        "the message names the analyser: {err}"
    );
    assert!(
        err.contains("klingon.toml"),
        "the message names the file: {err}"
    );
}

#[test]
fn schema_missing_a_required_field_is_named() {
    let env = TestEnv::new();
    let text = DEFAULT_SCHEMA.replacen("name = \"outlet\"", "name = \"publisher\"", 1);
    assert_ne!(text, DEFAULT_SCHEMA);
    let file = write_schema(&env, "no-outlet.toml", &text);
    write_article(&env);
    let out = run(env
        .newsdex()
        .arg("--schema")
        .arg(&file)
        .args(["index", "-q"])
        .arg(env.corpus()));
    assert_exit(&out, 2, "schema without outlet");
    let err = stderr(&out);
    assert!(err.contains("outlet"), "{err}");
    assert!(
        !env.index_dir().exists(),
        "nothing is created under an invalid schema"
    );
}

#[test]
fn schema_with_toml_syntax_error_is_named() {
    let env = TestEnv::new();
    let file = write_schema(&env, "broken.toml", "version = \n[search\n");
    let out = run(newsdex_bare().arg("--schema").arg(&file).arg("schema"));
    assert_exit(&out, 2, "TOML syntax error");
    let err = stderr(&out);
    assert!(err.contains("broken.toml"), "{err}");
    assert!(err.contains("line"), "the message says where: {err}");
}

#[test]
fn schema_with_an_unknown_key_is_refused() {
    let env = TestEnv::new();
    let text = format!("colour = \"blue\"\n{DEFAULT_SCHEMA}");
    let file = write_schema(&env, "extra.toml", &text);
    let out = run(newsdex_bare().arg("--schema").arg(&file).arg("schema"));
    assert_exit(&out, 2, "unknown top-level key");
    assert!(stderr(&out).contains("colour"), "{}", stderr(&out));
}

#[test]
fn schema_version_zero_is_refused() {
    let env = TestEnv::new();
    let file = write_schema(&env, "zero.toml", &schema_with_version(0));
    let out = run(newsdex_bare().arg("--schema").arg(&file).arg("schema"));
    assert_exit(&out, 2, "version 0");
    assert!(stderr(&out).contains("version"), "{}", stderr(&out));
}

#[test]
fn missing_schema_file_is_named() {
    let env = TestEnv::new();
    let file = env.root().join("nowhere.toml");
    let out = run(newsdex_bare().arg("--schema").arg(&file).arg("schema"));
    assert_exit(&out, 2, "missing schema file");
    assert!(stderr(&out).contains("nowhere.toml"), "{}", stderr(&out));
}

#[test]
fn library_refuses_to_open_under_another_version() {
    let env = TestEnv::new();
    let dir = env.index_dir();
    newsdex::NewsIndex::create(&dir).expect("create");
    let bumped = NewsSchema::parse(&schema_with_version(default_version() + 1)).unwrap();
    let err = newsdex::NewsIndex::open_with_schema(&dir, bumped.clone()).unwrap_err();
    assert!(
        matches!(err, newsdex::Error::SchemaMismatch { .. }),
        "{err:?}"
    );
    assert!(err.is_user_error());
    // recreate() deletes the old index and builds an empty one under the new schema.
    let index = newsdex::NewsIndex::recreate(&dir, bumped.clone()).unwrap();
    assert_eq!(index.stats().unwrap().schema_version, bumped.version());
    drop(index);
    newsdex::NewsIndex::open_with_schema(&dir, bumped).expect("opens under its own version");
}
