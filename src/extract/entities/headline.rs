//! Names in a title-case headline ("Ukraine Widens Power Cuts in Kyiv After Weeks of
//! Strikes on the Grid"). Every word is capitalised, so capitalisation — the tagger's
//! strongest evidence — says nothing, and runs of capitalised words read as long names
//! ("Ukraine Widens Power Cuts" as a person). In such a headline a name counts where the
//! body confirms it: the body's names are looked for in the headline, word for word (the
//! alias table's names are added after, as for any text).

use super::Span;
use super::tokenize::{Token, tokenize};
use crate::EntityKind;
use crate::ingest::FnvMap;

/// Short words headline style leaves in lowercase ("in", "of", "the"): they do not count
/// against title case.
const MINOR: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "off",
    "on", "onto", "or", "over", "per", "the", "to", "up", "via", "vs", "with",
];

/// Whether `title` is in title case: at least three words with letters, and at least 80 %
/// of those that are not minor words start with a capital.
pub(super) fn is_title_case(title: &str) -> bool {
    let (mut words, mut capitalised) = (0usize, 0usize);
    for word in title.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        if !word.chars().any(char::is_alphabetic) || MINOR.contains(&word) {
            continue;
        }
        words += 1;
        capitalised += usize::from(word.chars().next().is_some_and(char::is_uppercase));
    }
    words >= 3 && capitalised * 10 >= words * 8
}

/// The body's names (`body_spans` in `body`) where they occur in `title`, word for word in
/// any case ("KYIV" in an all-caps headline), longest first, without overlaps, in title
/// order. A person's surname alone counts too ("Klitschko" for "Vitali Klitschko"): linking
/// joins it to the full name.
pub(super) fn confirmed(
    title: &str,
    lines: &[Vec<Token>],
    body: &str,
    body_spans: &[Span],
) -> Vec<Span> {
    // The title's words in lowercase. Only a body name that begins with one of them (or a
    // surname that is one) can be found in the title, and of a typical article's body names
    // few can: the rest are skipped before their words are lowercased and stored, which was
    // most of this function's cost.
    let lower: Vec<Vec<String>> = lines
        .iter()
        .map(|line| line.iter().map(|t| t.of(title).to_lowercase()).collect())
        .collect();
    let in_title: FnvMap<&str, ()> = lower.iter().flatten().map(|w| (w.as_str(), ())).collect();
    // The body's names as lowercase word sequences, grouped by their first word.
    let mut names: FnvMap<String, Vec<(Vec<String>, EntityKind)>> = FnvMap::default();
    let mut add = |words: Vec<String>, kind| {
        if let Some(first) = words.first() {
            let list = names.entry(first.clone()).or_default();
            if !list.iter().any(|(w, _)| *w == words) {
                list.push((words, kind));
            }
        }
    };
    for span in body_spans {
        let text = span.of(body);
        let tokens = tokenize(text);
        let words: Vec<&str> = tokens.iter().flatten().map(|t| t.of(text)).collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        if span.kind == EntityKind::Person && words.len() > 1 {
            let last = last.to_lowercase();
            if in_title.contains_key(last.as_str()) {
                add(vec![last], EntityKind::Person);
            }
        }
        if in_title.contains_key(first.to_lowercase().as_str()) {
            add(words.iter().map(|w| w.to_lowercase()).collect(), span.kind);
        }
    }
    let mut out = Vec::new();
    for (line, lower) in lines.iter().zip(&lower) {
        let mut i = 0;
        while i < line.len() {
            let longest = names.get(&lower[i]).and_then(|list| {
                list.iter()
                    .filter(|(words, _)| lower[i..].starts_with(words))
                    .max_by_key(|(words, _)| words.len())
            });
            match longest {
                Some((words, kind)) => {
                    out.push(Span {
                        start: line[i].start,
                        end: line[i + words.len() - 1].end,
                        kind: *kind,
                    });
                    i += words.len();
                }
                None => i += 1,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_is_told_from_sentence_case() {
        assert!(is_title_case(
            "Ukraine Widens Power Cuts in Kyiv After Weeks of Strikes on the Grid"
        ));
        assert!(is_title_case("Iran Admits Sending Drones to Russia"));
        assert!(!is_title_case(
            "Ukraine widens power cuts in Kyiv after weeks of strikes"
        ));
        assert!(!is_title_case("Zelensky speaks"));
        assert!(!is_title_case("EU and UK sanction Iranian drone makers"));
    }

    #[test]
    fn headline_names_are_those_the_body_confirms() {
        let title = "Ukraine Widens Power Cuts in KYIV as Klitschko Asks for Patience";
        let body = "Large parts of Kyiv went dark as Ukraine cut power, Vitali Klitschko said.";
        let span = |word: &str, kind| {
            let start = body.find(word).unwrap();
            Span {
                start,
                end: start + word.len(),
                kind,
            }
        };
        let body_spans = [
            span("Large", EntityKind::Person),
            span("Kyiv", EntityKind::Place),
            span("Ukraine", EntityKind::Place),
            span("Vitali Klitschko", EntityKind::Person),
        ];
        let lines = tokenize(title);
        let found: Vec<&str> = confirmed(title, &lines, body, &body_spans)
            .iter()
            .map(|s| s.of(title))
            .collect();
        assert_eq!(found, ["Ukraine", "KYIV", "Klitschko"]);
    }
}
