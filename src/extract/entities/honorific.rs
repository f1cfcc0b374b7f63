//! Titles before a person's name ("Mayor Vitali Klitschko", "Foreign Minister Hossein
//! Amir-Abdollahian") are not part of the name: the CoNLL convention the model learnt, and
//! the name an article's later short forms link to. The tagger leaves them out mid-sentence
//! but takes them in where a capital says nothing (a sentence's first word).

use super::Span;
use super::tokenize::Token;
use crate::EntityKind;

/// Words of a title, any of which may lead a person's name. Abbreviations are written
/// without their full stop: the tokenizer makes "Mr." two tokens, "Mr" and ".".
pub(super) const TITLES: &[&str] = &[
    "Ambassador",
    "Archbishop",
    "Ayatollah",
    "Bishop",
    "Cardinal",
    "Chairman",
    "Chairwoman",
    "Chancellor",
    "Coach",
    "Col",
    "Colonel",
    "Commander",
    "Commissioner",
    "Congressman",
    "Congresswoman",
    "Councillor",
    "Dr",
    "Emir",
    "Foreign",
    "Gen",
    "General",
    "Gov",
    "Governor",
    "Judge",
    "Justice",
    "King",
    "Lieutenant",
    "Lt",
    "Major",
    "Mayor",
    "Minister",
    "Mr",
    "Mrs",
    "Ms",
    "Pope",
    "Premier",
    "President",
    "Prime",
    "Prince",
    "Princess",
    "Prof",
    "Professor",
    "Queen",
    "Rep",
    "Secretary",
    "Sen",
    "Senator",
    "Sheikh",
    "Sir",
    "Speaker",
    "Sgt",
    "St",
    "Vice",
];

/// `spans` (in text order) with the leading title words of each person's name left out (a
/// name that is all title words is kept whole).
pub(super) fn strip(text: &str, lines: &[Vec<Token>], mut spans: Vec<Span>) -> Vec<Span> {
    let mut tokens = lines.iter().flatten().peekable();
    for span in spans.iter_mut().filter(|s| s.kind == EntityKind::Person) {
        while tokens.next_if(|t| t.start < span.start).is_some() {}
        let name = tokens.clone().take_while(|t| t.end <= span.end).find(|t| {
            let word = t.of(text);
            word.chars().any(char::is_alphanumeric) && !TITLES.contains(&word)
        });
        if let Some(first) = name {
            span.start = first.start;
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    #[test]
    fn titles_are_left_out_of_names() {
        let text = "Mayor Vitali Klitschko met Foreign Minister Hossein Amir-Abdollahian, \
                    Sen. Elizabeth Warren, Mr. Smith and President.";
        let person = |name: &str| {
            let start = text.find(name).unwrap();
            Span {
                start,
                end: start + name.len(),
                kind: EntityKind::Person,
            }
        };
        let spans = vec![
            person("Mayor Vitali Klitschko"),
            person("Foreign Minister Hossein Amir-Abdollahian"),
            person("Sen. Elizabeth Warren"),
            person("Mr. Smith"),
            person("President"),
        ];
        let names: Vec<&str> = strip(text, &tokenize(text), spans)
            .iter()
            .map(|s| s.of(text))
            .collect();
        assert_eq!(
            names,
            [
                "Vitali Klitschko",
                "Hossein Amir-Abdollahian",
                "Elizabeth Warren",
                "Smith",
                "President"
            ]
        );
    }
}
