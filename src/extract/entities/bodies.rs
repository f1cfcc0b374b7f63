//! Names whose last word says they name a body: "Drexel Burnham Lambert Inc", "Chrysler
//! Corp", "Restoration Council". The tagger types by the words it knows, and on wire copy it
//! takes many a company for a person (on Reuters, 2,000 "people" ended in Inc, Corp, Ltd or
//! Co); the last word settles it.

use super::tokenize::Token;
use super::{Span, SpanTokens};
use crate::EntityKind;

/// Words that end the name of a body, not of a person or a place: legal forms and the words
/// institutions are named with.
pub(super) const BODIES: &[&str] = &[
    "AG",
    "Administration",
    "Agency",
    "Association",
    "Bank",
    "Board",
    "Co",
    "Commission",
    "Committee",
    "Corp",
    "Corporation",
    "Cos",
    "Council",
    "Department",
    "Fund",
    "Group",
    "Inc",
    "Institute",
    "LLC",
    "Ltd",
    "Ministry",
    "NV",
    "Office",
    "PLC",
    "Party",
    "Plc",
    "SA",
    "University",
];

/// `spans` (in text order), each ending in one of [`BODIES`] an organisation. A place may end
/// in "Bank" ("West Bank").
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
            let body = BODIES.contains(&last) && span.kind != EntityKind::Organization;
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
