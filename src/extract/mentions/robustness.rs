//! Robustness: odd strings, every cut of a mixed text, and a property test over generated
//! text and reference days. Nothing may panic, and every surface is the text's own.

use chrono::NaiveDate;

use super::mentioned_dates;

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[test]
fn odd_input_does_not_panic() {
    let long_digits = "9".repeat(5000);
    let odd = [
        "",
        " ",
        "0",
        "99999",
        "99999999999999999999 years ago",
        "31/31/9999 32.13.2022 2022-13-45 Feb. 30, 2021 February 29, 2023",
        "Jan. Feb. March Monday,",
        "the 99999th century, the 0s, '00s, 9999s",
        "12345678901234567890 days ago and 999 weeks ago",
        "ёжик в тумане 31 февраля 99999 года",
        "Straße über Zürich am 99. Dezember",
        "😀 Friday 😀 am Samstag 😀 в субботу 😀",
        "Конец света 2011 и Эт 1998, «Мая» 2000 — Юг 1999",
        "\u{0}\u{1}Friday\u{7f}",
        &long_digits,
    ];
    for t in odd {
        for r in [
            None,
            day("2022-11-05"),
            day("0001-01-01"),
            day("9999-12-31"),
        ] {
            for m in mentioned_dates(t, r) {
                assert!(t.contains(&m.text), "{t:?}");
            }
            assert!(super::tests::same_as_plain(t), "{t:?}");
        }
    }
}

#[test]
fn every_cut_of_a_mixed_text_is_safe() {
    // Cutting at every character boundary puts expressions against odd edges.
    let text = "On Friday, Oct. 16, 1998, «Мая» 2000 — в субботу 16 октября 2022 года; \
                am 3.11.2022 und Anfang nächsten Jahres, the '90s, 1990-е годы, $1998, Ünter 2001.";
    let cuts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    for &a in &cuts {
        for r in [None, day("2022-11-05")] {
            for m in mentioned_dates(&text[a..], r) {
                assert!(text[a..].contains(&m.text));
            }
            assert!(super::tests::same_as_plain(&text[a..]));
            for m in mentioned_dates(&text[..a], r) {
                assert!(text[..a].contains(&m.text));
            }
        }
    }
}

mod properties {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::mentioned_dates;

    /// Text with date words, digits and punctuation of the three languages over-represented.
    fn datey() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::sample::select(vec![
                "Friday",
                "Oct.",
                "October",
                "May",
                "last",
                "next",
                "week",
                "year",
                "ago",
                "the",
                "quarter",
                "third",
                "1998",
                "'98",
                "1990s",
                "16",
                "99999",
                "31",
                ", ",
                ". ",
                "-",
                "/",
                "$",
                "%",
                "'s",
                "am",
                "im",
                "Samstag",
                "Oktober",
                "16.",
                "vor",
                "Jahren",
                "в",
                "субботу",
                "октября",
                "году",
                "прошлом",
                "назад",
                "1990-е",
                "now",
                "\n",
            ])
            .prop_map(str::to_string),
            "[a-zA-Zäöüß0-9 .,'-]{0,6}",
            "\\PC{0,3}",
        ];
        prop::collection::vec(piece, 0..16).prop_map(|p| p.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Any text and any reference day: no panic, and the surfaces are the text's own, in
        /// order, without overlaps, each with a value.
        #[test]
        fn surfaces_are_ordered_substrings(text in datey(), days in -800_000i32..800_000, dated: bool) {
            let r = NaiveDate::from_num_days_from_ce_opt(days).filter(|_| dated);
            prop_assert!(super::super::tests::same_as_plain(&text), "{:?}", text);
            let mut at = 0;
            for m in mentioned_dates(&text, r) {
                let found = text[at..].find(&m.text);
                prop_assert!(found.is_some(), "{:?} not after {} in {:?}", m.text, at, text);
                at += found.unwrap_or(0) + m.text.len();
                prop_assert!(!m.value.is_empty());
            }
        }
    }
}
