//! Indexing that never loses or duplicates: pruning vanished files, and runs killed with
//! SIGKILL at several points, then finished by a re-run.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::util::*;

fn write_stories(env: &TestEnv, n: usize) {
    for i in 0..n {
        env.write(
            &format!("s{i:04}.txt"),
            format!("Title: Harbour story {i}\nId: story-{i}\n\nBody of harbour story number {i}, about cranes and ferries."),
        );
    }
}

fn ids(env: &TestEnv) -> Vec<String> {
    env.search_all("", &[])
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn files_gone_from_the_folder_are_pruned_and_others_kept() {
    let env = TestEnv::new();
    write_stories(&env, 5);
    let elsewhere = env.root().join("elsewhere.txt");
    std::fs::write(
        &elsewhere,
        "Title: Elsewhere\n\nA story kept outside the corpus folder.",
    )
    .unwrap();
    env.index_paths(&[&env.corpus(), &elsewhere]);
    assert_eq!(env.article_count(), 6);
    std::fs::remove_file(env.corpus().join("s0001.txt")).unwrap();
    // Re-indexing the folder alone: its vanished file goes, the file given elsewhere stays.
    let report = env.index_corpus();
    assert_eq!(report["report"]["files_removed"], 1, "{report}");
    assert_eq!(report["report"]["articles_removed"], 1, "{report}");
    assert_eq!(env.article_count(), 5);
    assert!(!ids(&env).contains(&"story-1".to_string()));
    // --no-prune keeps what was indexed.
    std::fs::remove_file(env.corpus().join("s0002.txt")).unwrap();
    let out = run(env
        .newsdex()
        .args(["index", "-q", "--no-prune"])
        .arg(env.corpus()));
    assert_exit(&out, 0, "index --no-prune");
    assert_eq!(env.article_count(), 5);
    // A folder that is not there prunes nothing (the command stops: nothing to index).
    let out = run(env
        .newsdex()
        .args(["index", "-q"])
        .arg(env.root().join("typo")));
    assert_exit(&out, 2, "index a missing folder");
    assert_eq!(env.article_count(), 5);
}

/// Starts `newsdex index` on the corpus with `flags`, one thread, stderr discarded.
fn spawn_index(env: &TestEnv, flags: &[&str], stdout: std::process::Stdio) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("newsdex"))
        .env_remove("NEWSDEX_INDEX")
        .args(["--index"])
        .arg(env.index_dir())
        .arg("index")
        .args(flags)
        .args(["--threads", "1"])
        .arg(env.corpus())
        .stdout(stdout)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn newsdex index")
}

/// Starts `newsdex index` on the corpus and kills it with SIGKILL after `delay`; returns
/// whether it was still running when killed.
fn index_and_kill(env: &TestEnv, delay: Duration) -> bool {
    let mut child = spawn_index(
        env,
        &["-q", "--commit-every", "7"],
        std::process::Stdio::null(),
    );
    let start = Instant::now();
    while start.elapsed() < delay {
        if child.try_wait().expect("poll child").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("SIGKILL"); // Child::kill is SIGKILL on Unix
    child.wait().expect("reap child");
    true
}

#[cfg(unix)]
#[test]
fn runs_killed_at_any_point_lose_and_duplicate_nothing() {
    let env = TestEnv::new();
    let n = 600;
    write_stories(&env, n);
    let expected: BTreeSet<String> = (0..n).map(|i| format!("story-{i}")).collect();
    // How long a whole run takes here, to spread the kill points over it.
    let start = Instant::now();
    index_and_kill(&env, Duration::from_secs(120));
    let full = start.elapsed();
    let mut killed = 0;
    for tenth in 1..=8 {
        std::fs::remove_dir_all(env.index_dir()).expect("start from no index");
        if index_and_kill(&env, full * tenth / 10) {
            killed += 1;
        }
        // Whatever the moment, the index holds a consistent commit: no id twice, nothing
        // that is not in the corpus.
        if env.index_dir().join("meta.json").exists() {
            let got = ids(&env);
            let set: BTreeSet<String> = got.iter().cloned().collect();
            assert_eq!(
                set.len(),
                got.len(),
                "an id twice after a kill at {tenth}/10 of a run"
            );
            assert!(
                set.is_subset(&expected),
                "unexpected ids after a kill at {tenth}/10"
            );
        }
        // A re-run finishes the job: exactly the expected set.
        env.index_corpus();
        let got = ids(&env);
        assert_eq!(got.len(), n, "after a kill at {tenth}/10 and a re-run");
        assert_eq!(got.into_iter().collect::<BTreeSet<_>>(), expected);
    }
    assert!(
        killed >= 4,
        "too few runs were still going when killed ({killed} of 8)"
    );
    let again = env.index_corpus();
    assert_eq!(again["report"]["articles_added"], 0, "{again}");
    assert_eq!(again["report"]["files_unchanged"], n, "{again}");
}

/// Starts `newsdex index --json` on the corpus, sends it SIGINT (Ctrl-C) after `delay` and
/// returns its exit code and printed report, or `None` when it finished first.
#[cfg(unix)]
fn index_and_interrupt(env: &TestEnv, delay: Duration) -> Option<(i32, serde_json::Value)> {
    let child = spawn_index(
        env,
        &["--json", "--commit-every", "50"],
        std::process::Stdio::piped(),
    );
    std::thread::sleep(delay);
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("run kill");
    let out = child.wait_with_output().expect("reap child");
    let code = out.status.code()?;
    if !sent.success() || code == 0 {
        return None; // it was done before the signal
    }
    let report = serde_json::from_slice(&out.stdout).expect("a JSON report after Ctrl-C");
    Some((code, report))
}

/// Starts `newsdex index` on the corpus, committing every 50 articles, and sends it SIGINT
/// as soon as `meta.json` lists a segment; whether it was still running then.
#[cfg(unix)]
fn index_and_interrupt_after_commit(env: &TestEnv) -> bool {
    let mut child = spawn_index(
        env,
        &["-q", "--commit-every", "50"],
        std::process::Stdio::null(),
    );
    let meta = env.index_dir().join("meta.json");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("poll child").is_some() {
            return false; // it finished before its first commit was seen
        }
        let committed = std::fs::read_to_string(&meta).is_ok_and(|m| m.contains("segment_id"));
        if committed {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no commit within a minute"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("run kill");
    let status = child.wait().expect("reap child");
    sent.success() && status.code() == Some(130)
}

#[cfg(unix)]
#[test]
fn ctrl_c_commits_what_is_done_reports_it_and_exits_130() {
    let env = TestEnv::new();
    let n = 600;
    write_stories(&env, n);
    let start = Instant::now();
    env.index_corpus();
    let full = start.elapsed();
    let mut interrupted = None;
    for tenth in [5, 3, 1] {
        std::fs::remove_dir_all(env.index_dir()).expect("start from no index");
        interrupted = index_and_interrupt(&env, full * tenth / 10);
        if interrupted.is_some() {
            break;
        }
    }
    let Some((code, report)) = interrupted else {
        panic!("every run finished before Ctrl-C ({full:?} for a whole run)");
    };
    assert_eq!(code, 130, "{report}");
    // What the summary says was added is exactly what the index holds: all committed.
    let added = report["report"]["articles_added"]
        .as_u64()
        .expect("articles_added");
    assert_eq!(env.article_count(), added, "{report}");
    let got = ids(&env);
    let set: BTreeSet<String> = got.iter().cloned().collect();
    assert_eq!(set.len(), got.len(), "no id twice after Ctrl-C");
    // A re-run adds only the rest.
    let again = env.index_corpus();
    assert_eq!(
        again["report"]["articles_added"].as_u64(),
        Some(n as u64 - added),
        "{again}"
    );
    assert_eq!(env.article_count(), n as u64);
}

#[cfg(unix)]
#[test]
fn searches_run_while_indexing_and_see_whole_commits() {
    let env = TestEnv::new();
    let n = 600;
    write_stories(&env, n);
    let mut child = spawn_index(
        &env,
        &["-q", "--commit-every", "25"],
        std::process::Stdio::null(),
    );
    let mut during = 0;
    let mut last = 0;
    while child.try_wait().expect("poll child").is_none() {
        if !env.index_dir().join("meta.json").exists() {
            std::thread::sleep(Duration::from_millis(5));
            continue;
        }
        let out = run(env.newsdex().args(["search", "harbour", "--count"]));
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "a search during indexing fails: {}",
            stderr(&out)
        );
        let count: u64 = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(0);
        // Commits only ever add here, and a search sees a whole commit or the one before.
        assert!(count >= last, "count went back from {last} to {count}");
        last = count;
        if child.try_wait().expect("poll child").is_none() {
            during += 1;
        }
    }
    assert!(child.wait().expect("reap").success());
    assert!(during >= 1, "no search ran while indexing went on");
    let out = run(env.newsdex().args(["search", "harbour", "--count"]));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), n.to_string());
}

#[cfg(unix)]
#[test]
fn ctrl_c_clusters_the_copies_it_committed() {
    let env = TestEnv::new();
    // Three outlets run one wire story; their files come first in the walk, so they are in
    // the first batch, committed before the interruption.
    let story = "The river authority said on Tuesday that the northern floodgates would stay \
                 closed for another week while engineers inspected cracks found in the concrete \
                 sills, and that barge traffic would be routed through the eastern canal until \
                 the repairs were finished, adding that no cargo had been lost and that pilots \
                 had been told to expect delays of up to six hours at the locks near the \
                 harbour mouth.";
    for (i, outlet) in ["Alpha Post", "Beta Herald", "Gamma Times"]
        .iter()
        .enumerate()
    {
        env.write(
            &format!("a{i}.txt"),
            format!(
                "Title: Floodgates stay shut\nOutlet: {outlet}\nId: gate-{i}\nDate: 2024-03-0{}\n\n{story}",
                i + 1
            ),
        );
    }
    let n = 600;
    write_stories(&env, n);
    // Interrupted once its first commit is on disk (not after a fraction of a timed run:
    // how long start-up takes before that commit varies with the machine's load).
    let mut interrupted = false;
    for _ in 0..3 {
        if env.index_dir().exists() {
            std::fs::remove_dir_all(env.index_dir()).expect("start from no index");
        }
        if index_and_interrupt_after_commit(&env) {
            interrupted = true;
            break;
        }
    }
    assert!(interrupted, "every run finished before Ctrl-C");
    let once = env.search("floodgates", &[]);
    assert_eq!(
        (once.total, once.total_copies),
        (1, 3),
        "the interrupted run's commit folds the copies"
    );
    assert_eq!(once.hits[0].also_in.len(), 2, "{:?}", once.hits[0]);
}
