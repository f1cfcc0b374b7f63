//! Names whose last word says they name a body: "Drexel Burnham Lambert Inc", "Chrysler
//! Corp", "Restoration Council". The tagger types by the words it knows, and on wire copy it
//! takes many a company for a person (on Reuters, 2,000 "people" ended in Inc, Corp, Ltd or
//! Co); the last word settles it.

use super::latin_words::LEGAL_FORMS;
use super::tokenize::Token;
use super::{Span, SpanTokens};
use crate::EntityKind;

/// Legal forms of English-language companies, besides those of [`LEGAL_FORMS`]:
/// "Chrysler Corp", "Texaco Inc", Malaysia's "Bhd".
const COMPANY_FORMS: &[&str] = &[
    "Bhd",
    "Co",
    "Corp",
    "Corporation",
    "Cos",
    "GmbH",
    "Inc",
    "LLC",
    "Ltd",
    "PLC",
    "Plc",
];

/// Words institutions are named with.
const INSTITUTIONS: &[&str] = &[
    "Administration",
    "Agency",
    "Association",
    "Bank",
    "Board",
    "Commission",
    "Committee",
    "Council",
    "Department",
    "Fund",
    "Group",
    "Institute",
    "Ministry",
    "Office",
    "Party",
    "University",
];

/// Whether `word` is an English-language company's legal form ("Inc", "Corp.", "GmbH"): one
/// that names no company alone. ("SA" and "SAS" may: South Africa, the airline.)
pub(super) fn company_form(word: &str) -> bool {
    COMPANY_FORMS.contains(&word.strip_suffix('.').unwrap_or(word))
}

/// Whether `word` is a company's legal form in any language ("Inc", "Corp.", "AG", "S.A.").
pub(super) fn legal_form(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    company_form(word) || LEGAL_FORMS.contains(&w) || LEGAL_FORMS.contains(&word)
}

/// Whether `word` ends the name of a body, not of a person or a place: a legal form or a word
/// institutions are named with.
pub(super) fn ends_a_body(word: &str) -> bool {
    legal_form(word) || INSTITUTIONS.contains(&word)
}

/// `spans` (in text order), each one that ends as a body does ([`ends_a_body`]) typed as an
/// organisation. A place may end in "Bank" ("West Bank").
pub(super) fn typed_by_last_word(text: &str, lines: &[Vec<Token>], spans: Vec<Span>) -> Vec<Span> {
    let mut tokens = SpanTokens::new(lines);
    spans
        .into_iter()
        .map(|mut span| {
            let last = tokens
                .of(&span)
                .map(|t| t.of(text))
                .filter(|w| *w != ".")
                .last()
                .unwrap_or_default();
            let body = ends_a_body(last) && span.kind != EntityKind::Organization;
            if body && !(last == "Bank" && span.kind == EntityKind::Place) {
                span.kind = EntityKind::Organization;
            }
            span
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::tokenize::tokenize;

    #[test]
    fn a_name_ending_in_a_legal_form_or_an_institution_is_an_organisation() {
        use EntityKind::*;
        let text = "Drexel Burnham Lambert Inc. and Chrysler Corp met the Restoration Council \
                    of the West Bank, said John Banks.";
        let lines = tokenize(text);
        let spans = vec![
            Span::found(text, "Drexel Burnham Lambert Inc.", Person),
            Span::found(text, "Chrysler Corp", Place),
            Span::found(text, "Restoration Council", Other),
            Span::found(text, "West Bank", Place),
            Span::found(text, "John Banks", Person),
        ];
        let kinds: Vec<EntityKind> = typed_by_last_word(text, &lines, spans)
            .iter()
            .map(|s| s.kind)
            .collect();
        assert_eq!(
            kinds,
            [Organization, Organization, Organization, Place, Person]
        );
    }
}
