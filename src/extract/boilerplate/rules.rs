//! The boilerplate rules: `rules.toml` (embedded) parsed, their patterns compiled, and the
//! prefilter that rules most of them out before their regexes run.
//!
//! Apart from stripping because this is loading and compiling data once per process, while
//! stripping runs per article over what is loaded here.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::Deserialize;

use super::prefilter;

pub(super) const RULES: &str = include_str!("rules.toml");

#[derive(Debug, Deserialize)]
struct RuleFile {
    rule: Vec<RuleDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleDef {
    pub(super) name: String,
    pub(super) kind: Kind,
    pattern: String,
    #[serde(default)]
    pub(super) max_words: Option<usize>,
    /// Words one of which every match contains (lowercase): the pattern is tried only on
    /// paragraphs that contain one, a cheap test before a costly pattern.
    #[serde(default)]
    pub(super) requires: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Kind {
    Tail,
    Paragraph,
}

/// The rules with their prefilter, built in one go (for tests).
#[cfg(test)]
pub(super) struct Rules {
    pub(super) rules: Vec<(RuleDef, Regex)>,
    /// Which rules can match a paragraph, before their regexes run.
    pub(super) prefilter: prefilter::Prefilter,
}

/// The embedded rules with their regexes, and their patterns as compiled.
pub(super) struct Compiled {
    pub(super) rules: Vec<(RuleDef, Regex)>,
    patterns: Vec<String>,
}

pub(super) static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let compiled = compile_rules(RULES).expect("the embedded boilerplate rules are valid (tested)");
    // Deriving the prefilter costs about as much as compiling the rules (tens of
    // milliseconds): it is built beside the first articles, which try every rule meanwhile,
    // so a run's first article, or `extract` of one file, does not wait for it.
    let _ = std::thread::Builder::new()
        .name("boilerplate-prefilter".into())
        .spawn(|| {
            let patterns = COMPILED.patterns.iter().map(String::as_str);
            if let Ok(p) = prefilter::Prefilter::new(patterns) {
                let _ = PREFILTER.set(p);
            }
        });
    compiled
});

/// The prefilter of the embedded rules, once built (see [`COMPILED`]).
pub(super) static PREFILTER: OnceLock<prefilter::Prefilter> = OnceLock::new();

/// The rules of `text` with their regexes, and the patterns as compiled.
fn compile_rules(text: &str) -> Result<Compiled, String> {
    let file: RuleFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let patterns: Vec<String> = file
        .rule
        .iter()
        .map(|r| format!("(?i){}", r.pattern))
        .collect();
    let mut rules = Vec::with_capacity(file.rule.len());
    for (def, pattern) in file.rule.into_iter().zip(&patterns) {
        let re = Regex::new(pattern).map_err(|e| format!("{}: {e}", def.name))?;
        rules.push((def, re));
    }
    Ok(Compiled { rules, patterns })
}

#[cfg(test)]
pub(super) fn compile(text: &str) -> Result<Rules, String> {
    let Compiled { rules, patterns } = compile_rules(text)?;
    let prefilter = prefilter::Prefilter::new(patterns.iter().map(String::as_str))?;
    Ok(Rules { rules, prefilter })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_compile() {
        let rules = compile(RULES).unwrap().rules;
        assert!(rules.len() > 20);
        // `requires` is matched against the lowercased paragraph.
        for (def, _) in &rules {
            assert!(
                def.requires.iter().all(|w| *w == w.to_lowercase()),
                "{}",
                def.name
            );
        }
    }
}
