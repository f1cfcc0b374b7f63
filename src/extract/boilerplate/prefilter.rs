//! A cheap test that rules out most (paragraph, rule) pairs before a rule's regex runs.
//!
//! Every paragraph of every article meets every rule, and nearly none matches: a regex call
//! costs some 50 ns even when it fails on the first byte, and an unanchored rule scans the
//! whole paragraph. The test is derived from each rule's own pattern (the literal extractor
//! of `regex-syntax`, the one the `regex` crate builds its own prefilters with), after case
//! folding, so it is exact about case-insensitivity (`ſ` for `s`, the Kelvin sign for `k`)
//! and needs no hand-written hints that could drift from the pattern:
//!
//! * a rule anchored at the paragraph's start is tried only when the paragraph's first byte
//!   can begin a match;
//! * any other rule is tried only when the paragraph contains one of the literals every
//!   match must contain (one Aho-Corasick pass over the paragraph serves all such rules);
//! * a rule with neither (its matches can begin with almost anything) is always tried.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind, Look};

/// Longest literal kept for [`Gate::Contains`].
const LITERAL_LEN: usize = 6;

/// What a paragraph must look like for one rule to be worth trying.
#[derive(Debug, Clone)]
pub(super) enum Gate {
    /// No cheap test: the regex always runs.
    Always,
    /// Every match begins the paragraph, with one of the two-byte starts in
    /// [`Prefilter`]'s table.
    Start,
    /// Every match contains one of the rule's literals (held in [`Prefilter`]'s automaton).
    Contains,
}

/// The gates of all rules, in rule order.
pub(super) struct Prefilter {
    gates: Vec<Gate>,
    /// For a paragraph's first two bytes (big-endian), an index into `start_masks`.
    start_table: Vec<u16>,
    /// Which [`Gate::Start`] rules a paragraph starting so may match (a flag per rule).
    start_masks: Vec<Vec<bool>>,
    /// The literals of all [`Gate::Contains`] rules, each once.
    literals: Option<AhoCorasick>,
    /// For each literal (pattern id), the rules that need it.
    owners: Vec<Vec<usize>>,
}

impl Prefilter {
    /// Derives the gates from the rules' patterns (each as compiled, with its `(?i)`).
    pub(super) fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut gates = Vec::new();
        let mut by_literal: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
        let mut by_start: HashMap<u16, Vec<bool>> = HashMap::new();
        let patterns: Vec<&str> = patterns.into_iter().collect();
        for (i, pattern) in patterns.iter().enumerate() {
            let hir = regex_syntax::Parser::new()
                .parse(pattern)
                .map_err(|e| e.to_string())?;
            let gate = match starts(&hir) {
                Some(keys) => {
                    for key in keys {
                        by_start
                            .entry(key)
                            .or_insert_with(|| vec![false; patterns.len()])[i] = true;
                    }
                    Gate::Start
                }
                None => match needed_literals(&hir) {
                    Some(lits) => {
                        // ASCII case variants are one literal, found case-insensitively
                        // (a wider net than the variants themselves: still never misses).
                        for lit in lits {
                            let rules = by_literal.entry(lit.to_ascii_lowercase()).or_default();
                            if rules.last() != Some(&i) {
                                rules.push(i);
                            }
                        }
                        Gate::Contains
                    }
                    None => Gate::Always,
                },
            };
            gates.push(gate);
        }
        // Masks are shared between the starts that allow the same rules: a few hundred
        // distinct ones, in a table of 65,536 indexes.
        let mut start_masks = vec![vec![false; patterns.len()]];
        let mut mask_ids: HashMap<Vec<bool>, u16> = HashMap::new();
        let mut start_table = vec![0u16; 1 << 16];
        let mut starts: Vec<(u16, Vec<bool>)> = by_start.into_iter().collect();
        starts.sort();
        for (key, mask) in starts {
            let id = match mask_ids.get(&mask) {
                Some(id) => *id,
                None => {
                    let id = u16::try_from(start_masks.len()).map_err(|e| e.to_string())?;
                    mask_ids.insert(mask.clone(), id);
                    start_masks.push(mask);
                    id
                }
            };
            start_table[usize::from(key)] = id;
        }
        // Sorted, so the automaton is the same from run to run.
        let mut entries: Vec<(Vec<u8>, Vec<usize>)> = by_literal.into_iter().collect();
        entries.sort();
        let (keys, owners): (Vec<Vec<u8>>, Vec<Vec<usize>>) = entries.into_iter().unzip();
        let literals = if keys.is_empty() {
            None
        } else {
            // A DFA: the overlapping search of the default NFA showed at 2% of indexing.
            let dfa = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .ascii_case_insensitive(true)
                .build(&keys);
            Some(
                dfa.or_else(|_| {
                    AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .build(&keys)
                })
                .map_err(|e| e.to_string())?,
            )
        };
        Ok(Prefilter {
            gates,
            start_table,
            start_masks,
            literals,
            owners,
        })
    }

    /// The gate of each rule, in rule order.
    #[cfg(test)]
    pub(super) fn gates(&self) -> &[Gate] {
        &self.gates
    }

    /// Marks in `out` (one flag per rule) the rules that may match `line`; the others
    /// cannot, and need not be tried.
    pub(super) fn candidates(&self, line: &str, out: &mut Vec<bool>) {
        let bytes = line.as_bytes();
        out.clear();
        match bytes {
            [a, b, ..] => {
                let key = usize::from(u16::from_be_bytes([*a, *b]));
                let mask = &self.start_masks[usize::from(self.start_table[key])];
                out.extend(self.gates.iter().zip(mask).map(|(g, m)| match g {
                    Gate::Always => true,
                    Gate::Start => *m,
                    Gate::Contains => false,
                }));
            }
            // Too short for the table (or empty): every rule anchored at the start may match.
            _ => out.extend(
                self.gates
                    .iter()
                    .map(|g| matches!(g, Gate::Always | Gate::Start)),
            ),
        }
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(line) {
                for &rule in &self.owners[m.pattern().as_usize()] {
                    out[rule] = true;
                }
            }
        }
    }
}

/// The first two bytes a match can begin with (as big-endian keys), when every match
/// begins at the haystack's start and the set is known.
fn starts(hir: &Hir) -> Option<Vec<u16>> {
    if !hir.properties().look_set_prefix().contains(Look::Start) {
        return None;
    }
    // Only two bytes are wanted: literals cut short keep the set small enough for long
    // alternations, and classes up to a few hundred characters (`\d` is 680 in Unicode)
    // can be spelled out.
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_literal_len(2)
        .limit_class(1_000)
        .limit_total(20_000)
        .extract(hir);
    let lits = usable(&seq)?;
    let mut keys = Vec::new();
    for lit in lits {
        match *lit {
            [a, b, ..] => keys.push(u16::from_be_bytes([a, b])),
            // A one-byte literal allows any second byte.
            [a] => keys.extend((0..=255).map(|b| u16::from_be_bytes([a, b]))),
            [] => unreachable!("usable() has no empty literal"),
        }
    }
    Some(keys)
}

/// Literals at least one of which every match contains, when such a set is known.
///
/// Each branch of an alternation needs its own; in a concatenation, every match contains a
/// match of each part and of each tail, so the literals of any of those will do (those with
/// the longest shortest literal, then the fewest, are taken: `(?:^|\W)all rights reserved`
/// has no prefix literals, but its tail `all rights reserved` has).
fn needed_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(needed_literals(branch)?);
            }
            Some(all)
        }
        HirKind::Capture(cap) => needed_literals(&cap.sub),
        HirKind::Concat(parts) => (0..parts.len())
            .flat_map(|k| {
                [
                    prefix_literals(&Hir::concat(parts[k..].to_vec())),
                    needed_literals(&parts[k]),
                ]
            })
            .flatten()
            .min_by_key(|lits| {
                let shortest = lits.iter().map(Vec::len).min().unwrap_or(0);
                (std::cmp::Reverse(shortest), lits.len())
            }),
        _ => prefix_literals(hir),
    }
}

/// The literals every match of `hir` begins with, when known and none is empty.
fn prefix_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    // Short literals: the extractor spells out every case variant (`(?i)all` is eight), and
    // unbounded ones made 14,000 literals and a 16 MB automaton that missed the caches.
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_literal_len(LITERAL_LEN)
        .extract(hir);
    usable(&seq).map(|lits| lits.iter().map(|l| l.to_vec()).collect())
}

/// A sequence's literals, when it is finite and none is empty (an empty one matches
/// anywhere and rules nothing out).
fn usable(seq: &Seq) -> Option<Vec<&[u8]>> {
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes()).collect())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::rules::{RULES, compile};
    use super::super::strip::single_spaced;
    use super::*;

    /// Every string literal of the boilerplate tests (the rules' own examples, and the news
    /// lines that must stay), one line each.
    fn rule_examples() -> Vec<String> {
        let source = include_str!("mod.rs");
        let literal = regex::Regex::new(r#""((?:[^"\\]|\\.)*)""#).unwrap();
        literal
            .captures_iter(source)
            .flat_map(|c| {
                c[1].replace("\\n", "\n")
                    .replace("\\\"", "\"")
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// Every line of every file of the sample corpus (HTML tags and all).
    fn sample_corpus_lines() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
        let mut lines = Vec::new();
        for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                let text = String::from_utf8_lossy(&bytes);
                lines.extend(text.lines().map(str::to_string));
            }
        }
        lines
    }

    /// A line and its variants in case: the rules are case-insensitive, including the
    /// Unicode folds (`ſ` is an `s`, the Kelvin sign a `k`).
    fn variants(line: &str) -> Vec<String> {
        let mut title = line.to_string();
        if let Some(c) = line.chars().next() {
            title = c.to_uppercase().chain(line.chars().skip(1)).collect();
        }
        vec![
            line.to_string(),
            line.to_uppercase(),
            line.to_lowercase(),
            title,
            line.replace('s', "ſ").replace('k', "\u{212a}"),
        ]
    }

    #[test]
    fn the_prefilter_never_rules_out_a_match() {
        let rules = compile(RULES).unwrap();
        let lines: Vec<String> = rule_examples()
            .into_iter()
            .chain(sample_corpus_lines())
            .flat_map(|l| variants(&l))
            .map(|l| single_spaced(&l).into_owned())
            .filter(|l| !l.is_empty())
            .collect();
        assert!(lines.len() > 2_000, "{}", lines.len());
        let mut candidates = Vec::new();
        let mut matched = 0;
        for line in &lines {
            rules.prefilter.candidates(line, &mut candidates);
            for ((def, re), candidate) in rules.rules.iter().zip(&candidates) {
                if re.is_match(line) {
                    matched += 1;
                    assert!(*candidate, "{} ruled out {line:?}", def.name);
                }
            }
        }
        // The examples do exercise the rules.
        assert!(matched > 150, "{matched}");
    }

    #[test]
    fn the_prefilter_rules_out_most_rules_for_a_news_line() {
        let rules = compile(RULES).unwrap();
        let gated = rules
            .prefilter
            .gates()
            .iter()
            .filter(|g| !matches!(g, Gate::Always))
            .count();
        assert!(gated + 3 >= rules.rules.len(), "{gated}");
        let mut candidates = Vec::new();
        for line in [
            "The company said on Monday it would raise prices by 5 pct from April.",
            "Drones hit the port of Odesa overnight, the governor said.",
            "Die Regierung will das Gesetz im Herbst verabschieden.",
        ] {
            rules.prefilter.candidates(line, &mut candidates);
            let tried = candidates.iter().filter(|c| **c).count();
            assert!(
                tried * 4 < rules.rules.len(),
                "{tried} rules tried on {line:?}"
            );
        }
    }

    #[test]
    fn gates_follow_the_pattern() {
        let p = Prefilter::new([
            "(?i)^(?:tags|share)$",
            "(?i)(?:^|\\W)all rights",
            "(?i)\\w+",
        ])
        .unwrap();
        assert!(matches!(p.gates()[0], Gate::Start));
        assert!(matches!(p.gates()[1], Gate::Contains));
        assert!(matches!(p.gates()[2], Gate::Always));
        let mut c = Vec::new();
        p.candidates("SHARE", &mut c);
        assert_eq!(c, [true, false, true]);
        p.candidates("© 2024. ALL RIGHTS reserved", &mut c);
        assert_eq!(c, [false, true, true]);
        p.candidates("ſhare", &mut c);
        assert_eq!(c, [true, false, true]);
    }

    #[test]
    fn single_spacing_is_split_and_join() {
        for line in [
            "plain words here",
            " leading",
            "trailing ",
            "two  spaces",
            "tab\there",
            "nbsp\u{a0}here",
            "next\u{85}line",
            "ideographic\u{3000}space",
            "",
            "   ",
        ] {
            assert_eq!(
                single_spaced(line),
                line.split_whitespace().collect::<Vec<_>>().join(" "),
                "{line:?}"
            );
        }
    }
}
