//! Names in a title-case headline ("Ukraine Widens Power Cuts in Kyiv After Weeks of
//! Strikes on the Grid"). Every word is capitalised, so capitalisation — the tagger's
//! strongest evidence — says nothing, and runs of capitalised words read as long names
//! ("Ukraine Widens Power Cuts" as a person). In such a headline a name counts where the
//! body confirms it: the body's names are looked for in the headline, word for word (the
//! alias table's names are added after, as for any text).

use super::Span;
use super::tokenize::{Token, tokenize};
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

/// The body's names (`body_spans` in `body`) where they occur in `title`, word for word,
/// longest first, without overlaps, in title order.
pub(super) fn confirmed(
    title: &str,
    lines: &[Vec<Token>],
    body: &str,
    body_spans: &[Span],
) -> Vec<Span> {
    // The body's names as word sequences, grouped by their first word.
    let mut names: FnvMap<&str, Vec<(Vec<&str>, Span)>> = FnvMap::default();
    for span in body_spans {
        let text = span.of(body);
        let words: Vec<&str> = tokenize(text)
            .iter()
            .flatten()
            .map(|t| t.of(text))
            .collect();
        if let Some(&first) = words.first() {
            let list = names.entry(first).or_default();
            if !list.iter().any(|(w, _)| *w == words) {
                list.push((words, *span));
            }
        }
    }
    let mut out = Vec::new();
    for line in lines {
        let mut i = 0;
        while i < line.len() {
            let longest = names.get(line[i].of(title)).and_then(|list| {
                list.iter()
                    .filter(|(words, _)| {
                        words.len() <= line.len() - i
                            && words.iter().zip(&line[i..]).all(|(w, t)| *w == t.of(title))
                    })
                    .max_by_key(|(words, _)| words.len())
            });
            match longest {
                Some((words, span)) => {
                    out.push(Span {
                        start: line[i].start,
                        end: line[i + words.len() - 1].end,
                        kind: span.kind,
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
    use crate::EntityKind;

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
        let title = "Ukraine Widens Power Cuts in Kyiv After Weeks of Strikes";
        let body = "Large parts of Kyiv went dark as Ukraine cut power.";
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
        ];
        let lines = tokenize(title);
        let found: Vec<&str> = confirmed(title, &lines, body, &body_spans)
            .iter()
            .map(|s| s.of(title))
            .collect();
        assert_eq!(found, ["Ukraine", "Kyiv"]);
    }
}
