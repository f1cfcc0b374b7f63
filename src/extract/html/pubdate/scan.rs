//! Dates written in running text: `2019-10-16`, `16.10.2019`, `10/16/2019`, `2019/10/16`,
//! `2019年10月16日`, `16. Oktober 2019`, `16 de octubre de 2019`, `October 16, 2019`, …
//!
//! Only complete days are found (a month and a year alone are not a publication date). Month
//! names come from [`crate::extract::dates::month_names`], so every language the date parser
//! knows is known here too.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::extract::dates::{month_names, month_number};

/// A day found in a text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
}

/// How the numbers of one pattern are ordered.
#[derive(Clone, Copy)]
enum Order {
    /// Year, month (number or name), day.
    Ymd,
    /// Day, month (number or name), year.
    Dmy,
    /// Month name, day, year.
    Mdy,
    /// Two numbers and a year separated by slashes or dashes: the order depends on the page.
    Ambiguous,
}

const YEAR: &str = r"((?:19|20)\d{2})";

static PATTERNS: LazyLock<Vec<(Regex, Order)>> = LazyLock::new(|| {
    let mut names: Vec<&str> = month_names().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    // No `\b` around the names: Unicode word boundaries make the regex engine slow on
    // non-ASCII text; [`separated`] checks the edges instead.
    let month = format!(
        r"({})",
        names
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|")
    );
    let ord = r"(?:\.|st|nd|rd|th|er|º|°)?";
    [
        // 2019-10-16, 2019-10-16T08:00
        (format!(r"{YEAR}-([01]?\d)-([0-3]?\d)"), Order::Ymd),
        // 2019/10/16, 2019.10.16, 2019. 10. 16.
        (
            format!(r"{YEAR}\s?[/.]\s?([01]?\d)\s?[/.]\s?([0-3]?\d)"),
            Order::Ymd,
        ),
        // 2019年10月16日, 2019년 10월 16일
        (
            format!(r"{YEAR}\s*[年년]\s*([01]?\d)\s*[月월]\s*([0-3]?\d)"),
            Order::Ymd,
        ),
        // 16.10.2019, 16. 10. 2019, 16.10.19
        (
            r"([0-3]?\d)\.\s?([01]?\d)\.\s?((?:19|20)?\d{2})".to_string(),
            Order::Dmy,
        ),
        // 16/10/2019, 10/16/2019, 16-10-2019
        (
            format!(r"([0-3]?\d)([/-])([0-3]?\d)[/-]{YEAR}"),
            Order::Ambiguous,
        ),
        // 16. Oktober 2019, 16 de octubre de 2019, 1er mai 2019, 16 Oct. 2019
        (
            format!(
                r"(?i)([0-3]?\d){ord}\s*(?:de\s+|of\s+)?{month}\.?,?\s*(?:de\s+|del\s+)?{YEAR}"
            ),
            Order::Dmy,
        ),
        // October 16, 2019; Oct. 16th 2019
        (
            format!(r"(?i){month}\.?\s*([0-3]?\d)(?:st|nd|rd|th)?\.?,?\s+{YEAR}"),
            Order::Mdy,
        ),
        // 2019. október 16.
        (format!(r"(?i){YEAR}\.?\s+{month}\s+([0-3]?\d)"), Order::Ymd),
    ]
    .into_iter()
    .map(|(p, o)| (Regex::new(&p).expect("valid regex"), o))
    .collect()
});

/// Every complete day written in `text`, in order, without overlaps. `month_first` settles
/// `05/11/2022` (slashes or dashes with both numbers ≤ 12): US order when true, day first otherwise.
pub(super) fn scan(text: &str, month_first: bool) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for (re, order) in PATTERNS.iter() {
        for c in re.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            if !separated(text, m.start(), m.end()) {
                continue;
            }
            let part = |i: usize| c.get(i).map_or("", |g| g.as_str());
            let date = match order {
                Order::Ymd => day_of(part(1), part(2), part(3)),
                Order::Dmy => day_of(part(3), part(2), part(1)),
                Order::Mdy => day_of(part(3), part(1), part(2)),
                Order::Ambiguous => {
                    let (a, b): (u32, u32) = match (part(1).parse(), part(3).parse()) {
                        (Ok(a), Ok(b)) => (a, b),
                        _ => continue,
                    };
                    // A dash is ISO-like territory: day first unless impossible.
                    let us = (month_first && part(2) == "/" && a <= 12) || b > 12;
                    let (d, mo) = if us { (b, a) } else { (a, b) };
                    day_of(part(4), &mo.to_string(), &d.to_string())
                }
            };
            if let Some(date) = date {
                found.push(Found {
                    start: m.start(),
                    end: m.end(),
                    date,
                });
            }
        }
    }
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if out.last().is_none_or(|last| f.start >= last.end) {
            out.push(f);
        }
    }
    out
}

/// The match is not part of a longer number (`12.10.2019.5`, `312/10/2019`), and a month
/// name at its edge does not run on into a word (`dismay 5, 2019`); `2019-10-16T08:00` is fine.
fn separated(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let digit_like = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    if digit_like(before) || digit_like(after.clone().next()) {
        return false;
    }
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let matched = &text[start..end];
    let (first, last) = (matched.chars().next(), matched.chars().next_back());
    if (letter(first) && word(before)) || (letter(last) && word(after.clone().next())) {
        return false;
    }
    // "1.10.12.19" or "10.12.19.4": dotted runs that go on are versions or addresses.
    let dotted = |c: Option<char>, next: Option<char>| c == Some('.') && digit_like(next);
    let before2 = text[..start].chars().rev().nth(1);
    !(dotted(before, before2) || dotted(after.next(), after.next()))
}

/// A day from year, month (number or name) and day strings.
fn day_of(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let year: i32 = match year.len() {
        2 => 2000 + year.parse::<i32>().ok()?,
        _ => year.parse().ok()?,
    };
    let month = match month.parse::<u32>() {
        Ok(m) => m,
        Err(_) => month_number(&month.to_lowercase())?,
    };
    NaiveDate::from_ymd_opt(year, month, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(text: &str, month_first: bool) -> Vec<String> {
        scan(text, month_first)
            .iter()
            .map(|f| f.date.to_string())
            .collect()
    }

    #[test]
    fn formats() {
        let cases = [
            ("posted 2019-10-16T08:00", "2019-10-16"),
            ("am 16.10.2019 um 9 Uhr", "2019-10-16"),
            ("Stand: 6. 3. 2021", "2021-03-06"),
            ("vom 10.12.19", "2019-12-10"),
            ("2017/01/30", "2017-01-30"),
            ("2023.11.02. 오후 8:06", "2023-11-02"),
            ("2020年7月3日 17:16", "2020-07-03"),
            ("2020년 3월 4일", "2020-03-04"),
            ("Dienstag, 2. November 2021", "2021-11-02"),
            ("17 de marzo de 2020", "2020-03-17"),
            ("22 de novembro de 2020", "2020-11-22"),
            ("le 1er mai 2019", "2019-05-01"),
            ("9 oktober 2020 11:12", "2020-10-09"),
            ("5 ноября 2022 года", "2022-11-05"),
            ("Published on August 19, 2019", "2019-08-19"),
            ("Oct. 3rd 2018", "2018-10-03"),
            ("Mai 06 2018", "2018-05-06"),
            ("2021. november 5.", "2021-11-05"),
            ("13 Oct 2020 18:29", "2020-10-13"),
        ];
        for (text, want) in cases {
            assert_eq!(days(text, false), [want], "{text}");
        }
    }

    #[test]
    fn slash_order() {
        assert_eq!(days("17/03/2020", true), ["2020-03-17"]);
        assert_eq!(days("03/17/2020", false), ["2020-03-17"]);
        assert_eq!(days("05/11/2022", false), ["2022-11-05"]);
        assert_eq!(days("05/11/2022", true), ["2022-05-11"]);
    }

    #[test]
    fn not_dates() {
        for text in [
            "version 1.10.12.19",
            "call 0301.12.2019",
            "31.02.2020",
            "in March 2020",
            "12 items, 2019 total",
            "id 2019-1234-5",
            "ab 10.30 Uhr",
            "to our dismay 5, 2019 was",
            "Mayor 5, 2019",
        ] {
            assert!(
                days(text, false).is_empty(),
                "{text}: {:?}",
                days(text, false)
            );
        }
    }

    #[test]
    fn several_in_order_without_overlap() {
        assert_eq!(
            days(
                "Created 2021-03-04, updated 5 March 2021 and 06.03.2021",
                false
            ),
            ["2021-03-04", "2021-03-05", "2021-03-06"]
        );
    }
}
