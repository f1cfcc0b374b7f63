//! The shared harness: a temp folder per test (corpus + index), the real `newsdex` binary
//! with a scrubbed environment, and helpers that run it and decode its JSON.

// Each test module uses a different subset of the harness.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

use newsdex::{NewsDate, SearchResults};

/// The repository root (where `sample-corpus/` lives); the binary runs from here.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The hand-written sample corpus shipped with the repository.
pub fn sample_corpus() -> PathBuf {
    repo_root().join("sample-corpus")
}

/// The real binary, run from the repository root, with no environment that changes its
/// behaviour (index location, colour). No `--index`: see [`TestEnv::newsdex`].
pub fn newsdex_bare() -> Command {
    let mut cmd = Command::cargo_bin("newsdex").expect("the newsdex binary is built");
    cmd.current_dir(repo_root())
        .env_remove("NEWSDEX_INDEX")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd
}

/// One test's world: a temp folder holding `corpus/` (articles the test writes) and
/// `idx/` (the index, created by the first `newsdex index`).
pub struct TestEnv {
    tmp: TempDir,
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

impl TestEnv {
    pub fn new() -> TestEnv {
        let tmp = tempfile::Builder::new()
            .prefix("newsdex-test-")
            .tempdir()
            .expect("temp dir");
        std::fs::create_dir(tmp.path().join("corpus")).expect("corpus dir");
        TestEnv { tmp }
    }

    /// The temp folder.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// The index folder (`<tmp>/idx`), absent until something indexes.
    pub fn index_dir(&self) -> PathBuf {
        self.root().join("idx")
    }

    /// The folder the test writes articles into (`<tmp>/corpus`).
    pub fn corpus(&self) -> PathBuf {
        self.root().join("corpus")
    }

    /// The binary with `--index <tmp>/idx`.
    pub fn newsdex(&self) -> Command {
        let mut cmd = newsdex_bare();
        cmd.arg("--index").arg(self.index_dir());
        cmd
    }

    /// Writes a file under `corpus/` (creating folders) and returns its path.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.corpus().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, contents).expect("write article");
        path
    }

    /// Writes `contents` gzipped to `corpus/<rel>` (which should end in `.gz`).
    pub fn write_gz(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        self.write(rel, gzip(contents.as_ref()))
    }

    /// `newsdex index --json -q PATHS...`: asserts exit 0, returns `{report, index}`.
    pub fn index_paths(&self, paths: &[&Path]) -> Value {
        let out = run(self.newsdex().args(["index", "--json", "-q"]).args(paths));
        assert_exit(&out, 0, "newsdex index");
        parse_json(&out.stdout)
    }

    /// Indexes `corpus/`.
    pub fn index_corpus(&self) -> Value {
        self.index_paths(&[&self.corpus()])
    }

    /// Indexes the repository's sample corpus into this test's own index.
    pub fn index_sample_corpus(&self) -> Value {
        self.index_paths(&[&sample_corpus()])
    }

    /// `newsdex search QUERY FLAGS... --json`, decoded. Asserts the exit code matches the
    /// documented rule (0 with hits, 1 without).
    pub fn search(&self, query: &str, flags: &[&str]) -> SearchResults {
        let out = run(self
            .newsdex()
            .arg("search")
            .arg(query)
            .args(flags)
            .arg("--json"));
        let results: SearchResults = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "search {query:?} {flags:?}: stdout is not SearchResults JSON ({e})\n{}",
                describe(&out)
            )
        });
        let want = if results.total > 0 { 0 } else { 1 };
        assert_exit(&out, want, &format!("search {query:?} {flags:?}"));
        results
    }

    /// [`TestEnv::search`] with a page large enough for every hit of the small corpora.
    pub fn search_all(&self, query: &str, flags: &[&str]) -> SearchResults {
        let mut all = flags.to_vec();
        all.extend(["--limit", "1000"]);
        let results = self.search(query, &all);
        assert_eq!(
            results.total as usize,
            results.hits.len(),
            "search_all {query:?}: a page of 1000 holds every hit"
        );
        results
    }

    /// `newsdex search ... --json` as a raw JSON value (for checking the output's shape).
    pub fn search_value(&self, query: &str, flags: &[&str]) -> Value {
        let out = run(self
            .newsdex()
            .arg("search")
            .arg(query)
            .args(flags)
            .arg("--json"));
        assert!(
            out.status.code() == Some(0) || out.status.code() == Some(1),
            "{}",
            describe(&out)
        );
        parse_json(&out.stdout)
    }

    /// `newsdex stats --json`, decoded.
    pub fn stats(&self) -> Value {
        let out = run(self.newsdex().args(["stats", "--json"]));
        assert_exit(&out, 0, "newsdex stats");
        parse_json(&out.stdout)
    }

    /// The article count of `stats --json`.
    pub fn article_count(&self) -> u64 {
        self.stats()["articles"]
            .as_u64()
            .expect("stats.articles is a number")
    }
}

/// `newsdex extract --jsonl PATHS...`: every record, and the exit code.
pub fn extract_jsonl(paths: &[&Path]) -> (Vec<Value>, Output) {
    let out = run(newsdex_bare().args(["extract", "--jsonl"]).args(paths));
    let records = String::from_utf8(out.stdout.clone())
        .expect("extract output is UTF-8")
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("extract --jsonl line is not JSON ({e}): {line}"))
        })
        .collect();
    (records, out)
}

/// gzip of some bytes (flate2, as the crate reads it back).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

/// Runs a command to completion, capturing its output.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run newsdex")
}

/// Exit code, stdout and stderr, for assertion messages.
pub fn describe(out: &Output) -> String {
    format!(
        "exit: {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Asserts the exit code, showing the output when it differs.
pub fn assert_exit(out: &Output, code: i32, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: unexpected exit code\n{}",
        describe(out)
    );
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn parse_json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}",
            String::from_utf8_lossy(bytes)
                .chars()
                .take(2000)
                .collect::<String>()
        )
    })
}

/// The ids of a page of hits, in order.
pub fn ids(results: &SearchResults) -> Vec<String> {
    results.hits.iter().map(|h| h.id.clone()).collect()
}

/// The ids of a page of hits, as a sorted set.
pub fn id_set(results: &SearchResults) -> std::collections::BTreeSet<String> {
    results.hits.iter().map(|h| h.id.clone()).collect()
}

/// A hit's publication time as the index compares it with day bounds: the source's wall
/// clock read as UTC (`NewsDate::local_instant`), `None` when undated.
pub fn published_utc(published: Option<&str>) -> Option<chrono::DateTime<chrono::Utc>> {
    published.map(|p| {
        NewsDate::parse(p)
            .unwrap_or_else(|| panic!("hit.published {p:?} is not YYYY-MM-DD or RFC 3339"))
            .local_instant()
    })
}

/// Midnight UTC of a calendar day, for date comparisons.
pub fn utc_day(y: i32, m: u32, d: u32) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(y, m, d, 0, 0, 0)
        .single()
        .expect("valid day")
}

/// The one hit of a search that must find exactly one article.
pub fn only_hit(results: &SearchResults) -> &newsdex::Hit {
    assert_eq!(
        results.total,
        1,
        "expected exactly one hit for {:?}, got {:?}",
        results.query,
        ids(results)
    );
    &results.hits[0]
}
