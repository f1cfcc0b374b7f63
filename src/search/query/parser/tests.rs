//! Parses the query language end to end: precedence, modifiers, fields, ranges, errors.

use super::*;

fn word(t: &str) -> Ast {
    Ast::Word {
        field: None,
        text: t.into(),
        prefix: false,
        fuzzy: None,
    }
}

#[test]
fn precedence() {
    assert_eq!(
        parse_query("a b OR c").unwrap(),
        Ast::Group(vec![
            (
                Occur::Should,
                Ast::Group(vec![
                    (Occur::Default, word("a")),
                    (Occur::Default, word("b"))
                ])
            ),
            (Occur::Should, word("c")),
        ])
    );
    assert_eq!(
        parse_query("drones AND Iran").unwrap(),
        Ast::Group(vec![
            (Occur::Must, word("drones")),
            (Occur::Must, word("Iran"))
        ])
    );
}

#[test]
fn modifiers_and_hyphenated_words() {
    assert_eq!(
        parse_query("+kyiv -kiev covid-19").unwrap(),
        Ast::Group(vec![
            (Occur::Must, word("kyiv")),
            (Occur::MustNot, word("kiev")),
            (Occur::Default, word("covid-19"))
        ])
    );
    assert_eq!(
        parse_query("NOT kiev").unwrap(),
        Ast::Group(vec![(Occur::MustNot, word("kiev"))])
    );
}

#[test]
fn fields_phrases_ranges() {
    assert_eq!(
        parse_query("title:\"iranian drones\"~3").unwrap(),
        Ast::Phrase {
            field: Some("title".into()),
            text: "iranian drones".into(),
            slop: 3
        }
    );
    assert_eq!(
        parse_query("published:[2022-01 TO 2022-06}").unwrap(),
        Ast::Range {
            field: "published".into(),
            lower: Bound::Included("2022-01".into()),
            upper: Bound::Excluded("2022-06".into())
        }
    );
    assert_eq!(
        parse_query("published:>=2022-10").unwrap(),
        Ast::Range {
            field: "published".into(),
            lower: Bound::Included("2022-10".into()),
            upper: Bound::Unbounded
        }
    );
    assert_eq!(
        parse_query("dron*").unwrap(),
        Ast::Word {
            field: None,
            text: "dron".into(),
            prefix: true,
            fuzzy: None
        }
    );
    assert_eq!(
        parse_query("drnoes~").unwrap(),
        Ast::Word {
            field: None,
            text: "drnoes".into(),
            prefix: false,
            fuzzy: Some(1)
        }
    );
    assert_eq!(parse_query("").unwrap(), Ast::All);
    assert_eq!(parse_query("*").unwrap(), Ast::All);
}

#[test]
fn a_colon_before_a_space_is_punctuation() {
    // A pasted headline: the words on both sides, side by side.
    let group =
        |words: &[&str]| Ast::Group(words.iter().map(|w| (Occur::Default, word(w))).collect());
    assert_eq!(
        parse_query("Kiew: Drohne trifft").unwrap(),
        group(&["Kiew", "Drohne", "trifft"])
    );
    assert_eq!(
        parse_query("drones Kiew:").unwrap(),
        group(&["drones", "Kiew"])
    );
    // Without the space it names a field, as before.
    assert!(matches!(
        parse_query("title:drones").unwrap(),
        Ast::Word { field: Some(f), .. } if f == "title"
    ));
}

#[test]
fn errors_point_at_the_problem() {
    let cases = [
        ("drones AND (Iran", 11, "unbalanced '('"),
        ("drones)", 6, "unbalanced ')'"),
        ("\"open phrase", 0, "unclosed quote"),
        ("drones AND", 10, "ends where a term"),
        ("AND drones", 0, "needs a term before"),
        ("published:[2022 TO", 18, "expected a value"),
        ("word~5", 4, "at most 2"),
        ("title:(a body:b)", 9, "a field inside a field group"),
    ];
    for (q, pos, msg) in cases {
        let e = parse_query(q).unwrap_err();
        assert_eq!(e.position, pos, "{q}: {e}");
        assert!(e.message.contains(msg), "{q}: {e}");
    }
}

#[test]
fn error_display_has_a_caret() {
    let e = parse_query("a AND (b").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid query: unbalanced '(': no matching ')' at character 7\n  a AND (b\n        ^"
    );
}
