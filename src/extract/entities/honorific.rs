//! Titles before a person's name ("Mayor Vitali Klitschko", "Foreign Minister Hossein
//! Amir-Abdollahian") are not part of the name: the CoNLL convention the model learnt, and
//! the name an article's later short forms link to. The tagger leaves them out mid-sentence
//! but takes them in where a capital says nothing (a sentence's first word), and runs an
//! institution, an office and its holder together ("Treasury Secretary James Baker").

use super::bodies::ends_a_body;
use super::tokenize::Token;
use super::{Span, SpanTokens};
use crate::EntityKind;

/// Words of a title, any of which may lead a person's name. Abbreviations are written
/// without their full stop: the tokenizer makes "Mr." two tokens, "Mr" and ".".
pub(super) const TITLES: &[&str] = &[
    "Ambassador",
    "Archbishop",
    "Ayatollah",
    "Bishop",
    "Cardinal",
    "Chair",
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
    let mut tokens = SpanTokens::new(lines);
    for span in spans.iter_mut().filter(|s| s.kind == EntityKind::Person) {
        let name = tokens.of(span).find(|t| {
            let word = t.of(text);
            word.chars().any(char::is_alphanumeric) && !TITLES.contains(&word)
        });
        if let Some(first) = name {
            span.start = first.start;
        }
    }
    spans
}

/// Offices held by a person, written between an institution and the holder's name: "Treasury
/// Secretary James Baker", "Bank of England Governor Robin Leigh-Pemberton", "Chrysler
/// chairman Lee Iacocca" (see [`office`]).
const OFFICES: &[&str] = &[
    "Ambassador",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Chancellor",
    "Commissioner",
    "Governor",
    "Leader",
    "Minister",
    "Premier",
    "President",
    "Secretary",
    "Senator",
    "Spokesman",
    "Spokeswoman",
];

/// Whether `word` is an office, capitalised or not ("Chairman", "chairman").
pub(super) fn office(word: &str) -> bool {
    let w = word.as_bytes();
    OFFICES.iter().any(|o| {
        let o = o.as_bytes();
        o.len() == w.len() && o[0].eq_ignore_ascii_case(&w[0]) && o[1..] == w[1..]
    })
}

/// `spans` (in text order) with a name the tagger ran together with the office before it
/// ("Treasury Secretary James Baker" as one organisation) cut in two: the institution keeps
/// its type ("Treasury"), and the two or three capitalised words after the office are a
/// person ("James Baker"). An office first ("Secretary James Baker"), or a span taken for a
/// person ("Fed Chair Jerome Powell"), leaves only the person.
pub(super) fn split_offices(text: &str, lines: &[Vec<Token>], spans: Vec<Span>) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len());
    let mut tokens = SpanTokens::new(lines);
    for span in spans {
        let inside: Vec<&Token> = tokens.of(&span).collect();
        let office = inside.iter().rposition(|t| office(t.of(text)));
        let holder = office
            .map(|k| after_portfolio(text, &inside[k + 1..]))
            .filter(|name| {
                (2..=3).contains(&name.len())
                    && name.iter().all(|t| {
                        let w = t.of(text);
                        w.starts_with(char::is_uppercase)
                            && w.chars()
                                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                            && !ends_a_body(w)
                    })
            });
        let (Some(k), Some(name)) = (office, holder) else {
            out.push(span);
            continue;
        };
        // The institution: what comes before the office and its other title words. In a
        // span taken for a person its type is unknown ("Fed Chair Jerome Powell"): left out.
        let before = inside[..k]
            .iter()
            .rposition(|t| !TITLES.contains(&t.of(text)) && t.of(text) != ".")
            .filter(|_| span.kind != EntityKind::Person);
        if let Some(last) = before {
            out.push(Span {
                end: inside[last].end,
                ..span
            });
        }
        out.push(Span {
            start: name[0].start,
            end: name[name.len() - 1].end,
            kind: EntityKind::Person,
        });
    }
    out
}

/// The tokens after an office and its portfolio: "of State", "of the Treasury", "of Foreign
/// Affairs" are the office's, and the holder is then taken as the last two words ("Secretary
/// of State Antony Blinken"). Without "of", all of `rest`.
fn after_portfolio<'t>(text: &str, rest: &'t [&'t Token]) -> &'t [&'t Token] {
    if rest.first().map(|t| t.of(text)) != Some("of") {
        return rest;
    }
    let skip = if rest.get(1).map(|t| t.of(text)) == Some("the") {
        2
    } else {
        1
    };
    // At least one word of portfolio, then the holder's first and last name.
    if rest.len() < skip + 3 {
        return &rest[rest.len()..];
    }
    &rest[rest.len() - 2..]
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    #[test]
    fn titles_are_left_out_of_names() {
        let text = "Mayor Vitali Klitschko met Foreign Minister Hossein Amir-Abdollahian, \
                    Sen. Elizabeth Warren, Mr. Smith and President.";
        let spans = Span::all_found(
            text,
            &[
                "Mayor Vitali Klitschko",
                "Foreign Minister Hossein Amir-Abdollahian",
                "Sen. Elizabeth Warren",
                "Mr. Smith",
                "President",
            ],
            EntityKind::Person,
        );
        let names = Span::texts(text, &strip(text, &tokenize(text), spans));
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

    /// `split_offices` over `spans` of `text`, as (surface, type) pairs.
    fn split(text: &str, spans: Vec<Span>) -> Vec<(&str, EntityKind)> {
        split_offices(text, &tokenize(text), spans)
            .iter()
            .map(|s| (s.of(text), s.kind))
            .collect()
    }

    #[test]
    fn an_office_between_an_institution_and_a_name_cuts_them_apart() {
        let text = "Treasury Secretary James Baker met Bank of England Governor Robin \
                    Leigh-Pemberton, Secretary Anna Meridian, Fed Chair Jerome Powell and the \
                    Harbor University President Council and King Abdullah University.";
        let org = |name: &str| Span::found(text, name, EntityKind::Organization);
        let spans = vec![
            org("Treasury Secretary James Baker"),
            org("Bank of England Governor Robin Leigh-Pemberton"),
            org("Secretary Anna Meridian"),
            Span {
                kind: EntityKind::Person,
                ..org("Fed Chair Jerome Powell")
            },
            org("Harbor University President Council"),
            org("King Abdullah University"),
        ];
        let found = split(text, spans);
        use EntityKind::*;
        assert_eq!(
            found,
            [
                ("Treasury", Organization),
                ("James Baker", Person),
                ("Bank of England", Organization),
                ("Robin Leigh-Pemberton", Person),
                ("Anna Meridian", Person),
                ("Jerome Powell", Person),
                // A body's name after the office, or no office: left as found.
                ("Harbor University President Council", Organization),
                ("King Abdullah University", Organization),
            ]
        );
    }

    #[test]
    fn an_office_with_its_portfolio_leaves_the_holder() {
        let text = "US Secretary of State Antony Blinken met Minister of Foreign Affairs \
                    Dmytro Kuleba and the Secretary of the Treasury Janet Yellen, and Minister \
                    of Finance.";
        let org = |name: &str| Span::found(text, name, EntityKind::Organization);
        let spans = vec![
            org("US Secretary of State Antony Blinken"),
            org("Minister of Foreign Affairs Dmytro Kuleba"),
            org("Secretary of the Treasury Janet Yellen"),
            org("Minister of Finance"),
        ];
        let found = split(text, spans);
        use EntityKind::*;
        assert_eq!(
            found,
            [
                ("US", Organization),
                ("Antony Blinken", Person),
                ("Dmytro Kuleba", Person),
                ("Janet Yellen", Person),
                // No holder after the portfolio: left as found.
                ("Minister of Finance", Organization),
            ]
        );
    }
}
