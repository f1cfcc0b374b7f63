//! Capitalised words at a sentence's start that are not names. There a capital says nothing,
//! and the tagger takes common words in ("Large parts of Kyiv…", "He said…"). A one-word
//! name at a sentence's start is dropped when the word is a pronoun, determiner or other
//! function word, when the article also writes it in lowercase (its "large" elsewhere says
//! "Large" is an adjective, not a name), or when English text mostly writes it in lowercase
//! ("Dollar", "Firms", "Police").

use super::Span;
use super::honorific::TITLES;
use super::tokenize::Token;

/// Months and weekdays: no name once a function word before them is gone.
const CALENDAR: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Function words that start sentences and never name anything alone.
const FUNCTION: &[&str] = &[
    "A",
    "About",
    "After",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "Any",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Each",
    "Even",
    "Every",
    "For",
    "From",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "Much",
    "My",
    "No",
    "None",
    "Not",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "To",
    "Under",
    "Until",
    "We",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
    "Your",
];

/// Plural nouns for groups of people, and a few others, that start news sentences ("Analysts
/// said…", "Officials warned…") and never name anything alone.
const GENERIC: &[&str] = &[
    "Activists",
    "Analysts",
    "Authorities",
    "Critics",
    "Diplomats",
    "Economists",
    "Experts",
    "Firefighters",
    "Investigators",
    "Investors",
    "Lawmakers",
    "Officials",
    "Observers",
    "Prosecutors",
    "Protesters",
    "Rescuers",
    "Researchers",
    "Residents",
    "Restrictions",
    "Scientists",
    "Shares",
    "Soldiers",
    "Temperatures",
    "Traders",
    "Troops",
    "Voters",
    "Witnesses",
    "Workers",
];

/// `spans` without one-word names at a sentence's start that are function words or generic
/// nouns, or that `text` also writes in lowercase; a longer name there loses a function word
/// it begins with ("In Wennington" → "Wennington", "But Kenzo Uchida" → "Kenzo Uchida"), and
/// goes when what is left is a month or a weekday ("In September"), a number ("About 950") or
/// one common or function word ("Although I", "All Ticket").
pub(super) fn drop_common(text: &str, lines: &[Vec<Token>], mut spans: Vec<Span>) -> Vec<Span> {
    let mut tokens = lines.iter().flatten().peekable();
    // The two tokens before the current one: "Dr" "." before "Green" is no sentence end.
    let mut before: [Option<&Token>; 2] = [None, None];
    spans.retain_mut(|span| {
        while let Some(t) = tokens.next_if(|t| t.start < span.start) {
            before = [before[1], Some(t)];
        }
        let Some(first) = tokens.peek() else {
            return true;
        };
        let lead = first.of(text);
        // Not "A."/"I." (initials), articles ("The Netherlands") or words that begin names.
        let trims = !matches!(
            lead,
            "A" | "An" | "The" | "I" | "No" | "One" | "My" | "Her" | "His"
        );
        if first.sentence_start && first.end < span.end && trims && FUNCTION.contains(&lead) {
            let rest = text[first.end..span.end].trim_start();
            span.start = span.end - rest.len();
            let one_word = !rest.contains(char::is_whitespace);
            return !(CALENDAR.contains(&rest)
                || !rest.contains(char::is_alphabetic)
                || (one_word && (FUNCTION.contains(&rest) || common(rest))));
        }
        if !first.sentence_start || first.end != span.end {
            return true;
        }
        if let [Some(title), Some(stop)] = before
            && stop.of(text) == "."
            && TITLES.contains(&title.of(text))
        {
            return true;
        }
        let word = span.of(text);
        !(FUNCTION.contains(&word)
            || GENERIC.contains(&word)
            || written_lowercase(text, word)
            || common(word))
    });
    spans
}

/// Words the English training text mostly writes in lowercase (`data/common-en.txt`, made
/// by `examples/common_words.rs`).
static COMMON: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("data/common-en.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    });

/// Whether `word`, written in lowercase, is a common English word ("state", not "york").
pub(super) fn common_lowercase(word: &str) -> bool {
    COMMON.contains(word)
}

/// Whether `word`, capitalised only at its first letter, is a common English word.
fn common(word: &str) -> bool {
    decapitalised(word).is_some_and(|lower| COMMON.contains(lower.as_str()))
}

/// Whether `text` holds `word` with a lowercase first letter, as a whole word.
fn written_lowercase(text: &str, word: &str) -> bool {
    let Some(lower) = decapitalised(word) else {
        return false;
    };
    text.match_indices(lower.as_str()).any(|(at, m)| {
        let before = text[..at].chars().next_back();
        let after = text[at + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// `word` with its first letter lowercased, when that is its only capital: "NATO" and
/// "McDonald" are never common words.
fn decapitalised(word: &str) -> Option<String> {
    let mut chars = word.chars();
    let first = chars.next()?;
    if !first.is_uppercase() || chars.clone().any(char::is_uppercase) {
        return None;
    }
    Some(first.to_lowercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;
    use crate::EntityKind;

    fn spans_of(text: &str, words: &[&str]) -> Vec<Span> {
        Span::all_found(text, words, EntityKind::Person)
    }

    #[test]
    fn common_words_at_a_sentence_start_are_not_names() {
        let text = "Large parts of Kyiv lost power. He said a large share was cut. Analysts agreed. \
                    Klitschko spoke. Grid operators agreed with Dr. Green on a green light.";
        let spans = spans_of(
            text,
            &[
                "Large",
                "Kyiv",
                "He",
                "Analysts",
                "Klitschko",
                "Grid",
                "Green",
            ],
        );
        let kept = Span::texts(text, &drop_common(text, &tokenize(text), spans));
        // "Grid" is never written in lowercase here: kept (the tagger's call).
        // "Green" after "Dr." does not start a sentence, whatever "green" elsewhere says.
        assert_eq!(kept, ["Kyiv", "Klitschko", "Grid", "Green"]);
    }

    #[test]
    fn common_english_words_at_a_sentence_start_are_not_names() {
        let text = "Dozens of drones hit Kyiv. Police closed the road. Zelensky spoke.";
        let spans = spans_of(text, &["Dozens", "Kyiv", "Police", "Zelensky"]);
        let kept = Span::texts(text, &drop_common(text, &tokenize(text), spans));
        assert_eq!(kept, ["Kyiv", "Zelensky"]);
        assert!(common("Police") && !common("POLICE") && !common("Kyiv"));
    }

    #[test]
    fn a_function_word_leading_a_name_at_a_sentence_start_goes() {
        let text = "In Wennington the fire spread. But Kenzo Uchida disagreed. In September it \
                    rained. About 950 came. The Netherlands won. A. Smith scored.";
        let spans = spans_of(
            text,
            &[
                "In Wennington",
                "But Kenzo Uchida",
                "In September",
                "About 950",
                "The Netherlands",
                "A. Smith",
            ],
        );
        let kept = Span::texts(text, &drop_common(text, &tokenize(text), spans));
        assert_eq!(
            kept,
            ["Wennington", "Kenzo Uchida", "The Netherlands", "A. Smith"]
        );
    }

    #[test]
    fn lowercase_is_found_as_a_whole_word_only() {
        assert!(written_lowercase("a large share", "Large"));
        assert!(!written_lowercase("largely so", "Large"));
        assert!(!written_lowercase("the nato summit", "NATO"));
    }
}
