//! Stripping one body: each paragraph tried against the rules, tails cut with everything
//! after them, and every cut recorded with its rule's name.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::rules::{COMPILED, Kind, PREFILTER};

/// One piece of text removed from an article, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cut {
    /// The rule that removed it.
    pub rule: String,
    /// The removed text.
    pub text: String,
}

/// A body with its boilerplate removed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stripped {
    /// What remains.
    pub body: String,
    /// What was removed, in order.
    pub cuts: Vec<Cut>,
    /// An outlet named by the boilerplate itself ("A Message from The Moscow Times:").
    pub outlet_cue: Option<String>,
}

/// Removes boilerplate paragraphs (lines) from a body.
///
/// # Example
/// ```
/// use newsdex::extract::boilerplate::strip;
/// let body = "Kyiv was hit again on Monday.\nPower was cut in three districts.\nOfficials said repairs would take days.\n\
///             A Message from The Moscow Times:\nDear readers,\nPlease support us.";
/// let s = strip(body);
/// assert_eq!(s.body, "Kyiv was hit again on Monday.\nPower was cut in three districts.\nOfficials said repairs would take days.");
/// assert_eq!(s.outlet_cue.as_deref(), Some("The Moscow Times"));
/// assert_eq!(s.cuts[0].rule, "appeal:message-from");
/// ```
pub fn strip(body: &str) -> Stripped {
    let rules = &COMPILED.rules;
    let prefilter = PREFILTER.get();
    let lines: Vec<&str> = body.split('\n').collect();
    let content_lines = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut out = Stripped::default();
    let mut seen = 0;
    let mut candidates = Vec::with_capacity(rules.len());
    for (i, line) in lines.iter().enumerate() {
        let flat = single_spaced(line);
        if flat.is_empty() {
            kept.push(line);
            continue;
        }
        seen += 1;
        let words = flat.bytes().filter(|&b| b == b' ').count() + 1;
        match prefilter {
            Some(p) => p.candidates(&flat, &mut candidates),
            None => {
                candidates.clear();
                candidates.resize(rules.len(), true);
            }
        }
        let mut lower: Option<String> = None;
        // Rules are tried one by one, cheap conditions first: one RegexSet over all the
        // rules falls back to a slow engine on non-ASCII text (its lazy DFA gives up).
        let hit = rules
            .iter()
            .zip(&candidates)
            .find(|((def, re), candidate)| {
                **candidate
                    && (match def.kind {
                        // A tail needs something before it to keep: not in the first quarter.
                        Kind::Tail => seen > 1 && seen * 4 > content_lines,
                        Kind::Paragraph => words <= def.max_words.unwrap_or(usize::MAX),
                    })
                    && (def.requires.is_empty() || {
                        let lower = lower.get_or_insert_with(|| flat.to_lowercase());
                        def.requires.iter().any(|w| lower.contains(w.as_str()))
                    })
                    && re.is_match(&flat)
            })
            .map(|(rule, _)| rule);
        let Some((def, re)) = hit else {
            kept.push(line);
            continue;
        };
        if out.outlet_cue.is_none() {
            out.outlet_cue = re
                .captures(&flat)
                .and_then(|c| c.name("outlet"))
                .map(|m| m.as_str().trim().trim_end_matches(['.', ':']).to_string());
        }
        match def.kind {
            Kind::Paragraph => out.cuts.push(Cut {
                rule: def.name.clone(),
                text: flat.into_owned(),
            }),
            Kind::Tail => {
                let rest = lines[i..]
                    .iter()
                    .map(|l| l.trim())
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                out.cuts.push(Cut {
                    rule: def.name.clone(),
                    text: rest,
                });
                break;
            }
        }
    }
    out.body = kept.join("\n").trim().to_string();
    // Removing lines can leave runs of blank lines behind.
    while out.body.contains("\n\n\n") {
        out.body = out.body.replace("\n\n\n", "\n\n");
    }
    out
}

/// The line with its whitespace runs collapsed to single spaces and trimmed; borrowed
/// when it already is (nearly every line: bodies come here normalised).
pub(super) fn single_spaced(line: &str) -> Cow<'_, str> {
    let clean = !line.starts_with(' ')
        && !line.ends_with(' ')
        && !line.contains("  ")
        && line.chars().all(|c| c == ' ' || !c.is_whitespace());
    if clean {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(line.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

#[cfg(test)]
#[cfg(test)]
mod tests;
