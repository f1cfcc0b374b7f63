//! Shared machinery of the language rule tables: one combined regex per language, word
//! boundaries checked in code, and a tokeniser plus case-insensitive lexicon look-ups for
//! reading a matched surface.
//!
//! The regexes carry no `\b`: Unicode word boundaries make the regex crate's fast DFA give up
//! on non-ASCII text (Cyrillic, umlauts, curly quotes). Instead each combined pattern begins
//! with "a character that is no letter or digit" and ends in "such a character, or the end";
//! the text is searched with a space in front, and the character before a match is checked
//! here as well (Rust's notion of a letter is a little wider than the regex's).
//!
//! The leading character is what keeps the regex cheap: without it the DFA follows a partial
//! match from every byte ("now" in "known", "the" in "other"), and the sets of partial matches
//! it meets are so many that building its states cost more than the search itself.

use regex::Regex;

use super::expr::{Dir, Expr, YearRef};

/// A language's temporal expressions, compiled into one regex.
pub struct Grammar {
    /// The rules between a leading and a trailing non-letter (see the module comment).
    re: Regex,
    /// The rules without the leading non-letter, as before: the tests check that both find
    /// the same spans.
    #[cfg(test)]
    plain: Regex,
}

impl Grammar {
    /// Compiles `rules`, alternatives tried in order at each position (leftmost-first, so
    /// longer forms come first), after replacing each `{NAME}` with its pattern in `vars`
    /// (which may use earlier entries). Each rule must end in a letter or a digit.
    ///
    /// # Panics
    /// On an invalid pattern: the tables are constants, and the unit tests compile them.
    pub fn new(rules: &[&str], vars: &[(&str, &str)]) -> Grammar {
        let mut expanded: Vec<(String, String)> = Vec::with_capacity(vars.len());
        for (name, pat) in vars {
            let p = expand(pat, &expanded);
            expanded.push((format!("{{{name}}}"), p));
        }
        let alts: Vec<String> = rules.iter().map(|r| expand(r, &expanded)).collect();
        let body = format!("(?:{})(?:[^\\p{{L}}\\p{{N}}]|\\z)", alts.join("|"));
        // The lazy DFA of a pattern this size needs a few MB of cache; with the default cap
        // (2 MB) it keeps clearing it and falls back to a slower engine (about 50 times slower
        // here). The cap is an upper bound: the cache only grows as states are needed.
        let compile = |pattern: &str| {
            regex::RegexBuilder::new(pattern)
                .dfa_size_limit(32 << 20)
                .build()
                .expect("temporal rule table compiles")
        };
        Grammar {
            re: compile(&format!("[^\\p{{L}}\\p{{N}}]{body}")),
            #[cfg(test)]
            plain: compile(&body),
        }
    }

    /// The byte spans of the expressions in `text`, in order, not overlapping, each starting
    /// and ending at a word boundary.
    pub fn spans<'h>(&'h self, text: &'h str) -> impl Iterator<Item = (usize, usize)> + 'h {
        // The space stands for the start of the text; offsets in `hay` are one more.
        let mut hay = String::with_capacity(text.len() + 1);
        hay.push(' ');
        hay.push_str(text);
        let mut at = 0;
        std::iter::from_fn(move || {
            while at <= text.len() {
                // Search from the character before `at` (the space before the text at 0): the
                // match begins with it.
                let from = match text[..at].chars().next_back() {
                    Some(c) => at + 1 - c.len_utf8(),
                    None => 0,
                };
                let m = self.re.find_at(&hay, from)?;
                let lead = hay[m.start()..].chars().next().map_or(1, char::len_utf8);
                let (s, e) = (m.start() + lead - 1, m.end() - 1);
                if let Some(span) = word_span(text, s, e) {
                    at = span.1;
                    return Some(span);
                }
                at = s + text[s..].chars().next().map_or(1, char::len_utf8);
            }
            None
        })
    }

    /// The spans as found without the leading non-letter: what [`Grammar::spans`] must give.
    #[cfg(test)]
    pub fn spans_plain<'h>(&'h self, text: &'h str) -> impl Iterator<Item = (usize, usize)> + 'h {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at <= text.len() {
                let m = self.plain.find_at(text, at)?;
                let (s, e) = (m.start(), m.end());
                if let Some(span) = word_span(text, s, e) {
                    at = span.1;
                    return Some(span);
                }
                at = s + text[s..].chars().next().map_or(1, char::len_utf8);
            }
            None
        })
    }
}

/// A match `text[s..e]` without its trailing non-letter, if it starts a word.
fn word_span(text: &str, s: usize, mut e: usize) -> Option<(usize, usize)> {
    if let Some(c) = text[s..e].chars().next_back()
        && !c.is_alphanumeric()
    {
        e -= c.len_utf8();
    }
    let starts_word = text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    (starts_word && e > s).then_some((s, e))
}

/// Replaces `{NAME}` placeholders.
fn expand(pat: &str, vars: &[(String, String)]) -> String {
    let mut out = pat.to_string();
    for (k, v) in vars {
        if out.contains(k.as_str()) {
            out = out.replace(k.as_str(), &format!("(?:{v})"));
        }
    }
    out
}

/// The words of a matched surface: runs of letters and digits, an apostrophe kept in front of
/// digits ("'98", "'90s"). Hyphens, commas, periods and spaces separate words.
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        loop {
            let mut chars = rest.char_indices();
            let (i, c) = chars.next()?;
            let apostrophe_year = matches!(c, '\'' | '’')
                && rest[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit());
            if c.is_alphanumeric() || apostrophe_year {
                let start = i;
                let end = rest[i + c.len_utf8()..]
                    .find(|d: char| !d.is_alphanumeric())
                    .map_or(rest.len(), |k| i + c.len_utf8() + k);
                let w = &rest[start..end];
                rest = &rest[end..];
                return Some(w);
            }
            rest = &rest[i + c.len_utf8()..];
        }
    })
}

/// Whether `token` equals the lower-case `word`, ignoring case, without allocating. (For
/// non-ASCII words, upper and lower case must have the same UTF-8 length, as in Cyrillic and
/// German umlauts.)
pub fn is(token: &str, word: &str) -> bool {
    if token.len() != word.len() {
        return false;
    }
    if token.is_ascii() {
        return token.eq_ignore_ascii_case(word);
    }
    token.chars().flat_map(char::to_lowercase).eq(word.chars())
}

/// Whether `token` equals any of the lower-case `words`.
pub fn is_any(token: &str, words: &[&str]) -> bool {
    words.iter().any(|w| is(token, w))
}

/// Looks `token` up in a table of lower-case words.
pub fn lookup<T: Copy>(table: &[(&str, T)], token: &str) -> Option<T> {
    let first = token.as_bytes().first()?.to_ascii_lowercase();
    table
        .iter()
        .find(|(w, _)| {
            w.len() == token.len()
                && (!first.is_ascii() || w.as_bytes()[0] == first)
                && is(token, w)
        })
        .map(|&(_, v)| v)
}

/// A number written in ASCII digits, optionally with an ordinal suffix ("16", "3rd",
/// "16."); `None` for anything else or anything above a million.
pub fn number(token: &str) -> Option<i64> {
    let digits = token.trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Up to `n` bytes of `text` before `at`, cut at a character boundary.
pub fn before(text: &str, at: usize, n: usize) -> &str {
    let mut i = at.saturating_sub(n);
    while !text.is_char_boundary(i) {
        i += 1;
    }
    &text[i..at]
}

/// Up to `n` bytes of `text` from `at`, cut at a character boundary.
pub fn after(text: &str, at: usize, n: usize) -> &str {
    let mut i = text.len().min(at.saturating_add(n));
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    &text[at..i]
}

/// Whether a number ending at `at` goes on as a decimal ("1678.5", "16,5").
pub fn decimal(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    matches!(rest.next(), Some('.' | ',')) && rest.next().is_some_and(|c| c.is_ascii_digit())
}

/// A date written in digits: `2022-10-16`, `16.10.2022` or (US) `10/16/2022`.
pub fn numeric_date(surface: &str) -> Option<Expr> {
    let parts: Vec<&str> = surface.split(['-', '.', '/']).collect();
    let [a, b, c] = parts[..] else { return None };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|x| x.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    let (y, m, d) = if surface.contains('-') {
        (n(a)?, n(b)?, n(c)?)
    } else if surface.contains('.') {
        (n(c)?, n(b)?, n(a)?)
    } else {
        (n(c)?, n(a)?, n(b)?)
    };
    Some(Expr::Date {
        year: YearRef::Abs(i32::try_from(y).ok()?),
        month: m,
        day: d,
    })
}

/// A decade written with its digits: "1990" → 199, "90" → 199 (the 20th century's).
pub fn decade(digits: &str) -> Option<Expr> {
    let n: i32 = digits.parse().ok()?;
    match digits.len() {
        4 => Some(Expr::Decade(n / 10)),
        2 => Some(Expr::Decade(190 + n / 10)),
        _ => None,
    }
}

/// A day-first numeric date, "16/10/2022" or "16-10-2022" (Spanish, French).
pub fn day_first_date(surface: &str) -> Option<Expr> {
    let parts: Vec<&str> = surface.split(['/', '-']).collect();
    let [d, m, y] = parts[..] else { return None };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some(Expr::Date {
        year: YearRef::Abs(y.parse().ok()?),
        month: m.parse().ok()?,
        day: d.parse().ok()?,
    })
}

/// Whether the number `text[s..e]` is an amount or a count, not a date: after a currency or
/// number sign, before "%" or a decimal part, or before one of `units` ("euros", "человек").
pub fn an_amount(text: &str, (s, e): (usize, usize), next_word: &str, units: &[&str]) -> bool {
    text[..s]
        .trim_end()
        .ends_with(['$', '€', '£', '#', '№', '₴'])
        || text[e..].starts_with('%')
        || decimal(text, e)
        || is_any(next_word, units)
}

/// Whether `text[s..]` opens a sentence: nothing but space before it, or a full stop, a
/// question or exclamation mark, a line break or an opening quote.
pub fn opens_sentence(text: &str, s: usize) -> bool {
    let ahead = text[..s].trim_end();
    ahead.is_empty() || ahead.ends_with(['.', '!', '?', '\n', '«', '"'])
}

/// What `w` means by `lexicon`, else by the first of `stems` its lowercase form begins with
/// (inflected words: "прошлой", "минулого").
pub fn lookup_or_stem<T: Copy>(lexicon: &[(&str, T)], stems: &[(&str, T)], w: &str) -> Option<T> {
    lookup(lexicon, w).or_else(|| {
        let lower = w.to_lowercase();
        stems
            .iter()
            .find(|(stem, _)| lower.starts_with(stem))
            .map(|&(_, x)| x)
    })
}

/// A day-first date with dots at the start of `surface`, words after it left aside
/// ("16.10.2022 года", "16.10.2022 року").
pub fn dotted_date(surface: &str) -> Option<Expr> {
    if !surface.starts_with(|c: char| c.is_ascii_digit()) || surface.matches('.').count() != 2 {
        return None;
    }
    let end = surface
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(surface.len());
    numeric_date(&surface[..end])
}

/// Whether `w` ends like a past verb of a language (five letters at least: "заявил").
pub fn past_verb(w: &str, endings: &[&str]) -> bool {
    w.chars().count() >= 5 && endings.iter().any(|x| w.ends_with(x))
}

/// The tense the nearest cue word gives within six words either side of `text[s..e]` (those
/// before first, nearest first): a word of `future`, or one of `past` or that `past_form`
/// accepts (a past participle or past verb ending).
pub fn tense_by_cues(
    text: &str,
    (s, e): (usize, usize),
    future: &[&str],
    past: &[&str],
    past_form: impl Fn(&str) -> bool,
) -> Option<Dir> {
    let (before, after) = context(text, s, e, 6);
    before.iter().rev().chain(after.iter()).find_map(|w| {
        if is_any(w, future) {
            Some(Dir::Future)
        } else if is_any(w, past) || past_form(w) {
            Some(Dir::Past)
        } else {
            None
        }
    })
}

/// The last `max` words before `at` and the first `max` after `end`, both within the same
/// sentence as far as a cheap test can tell (stopping at `.`, `!`, `?`, `;` or a line break
/// when followed by a space or the end).
pub fn context(text: &str, at: usize, end: usize, max: usize) -> (Vec<&str>, Vec<&str>) {
    let stop = |c: char| matches!(c, '!' | '?' | ';' | '\n');
    let before_start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            stop(c)
                || (c == '.' && text[i + 1..].starts_with(' ') && !abbreviation_before(&text[..i]))
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut before: Vec<&str> = words(&text[before_start..at]).collect();
    if before.len() > max {
        before.drain(..before.len() - max);
    }
    let after_end = text[end..]
        .char_indices()
        .find(|&(i, c)| stop(c) || (c == '.' && !abbreviation_before(&text[..end + i])))
        .map_or(text.len(), |(i, _)| end + i);
    let after: Vec<&str> = words(&text[end..after_end]).take(max).collect();
    (before, after)
}

/// Whether the text before a period ends in a short abbreviation ("Oct", "Mr", "U.S", "Jan").
fn abbreviation_before(s: &str) -> bool {
    let w: &str = s
        .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
        .next()
        .unwrap_or("");
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (1..=4).contains(&letters) && w.chars().next().is_some_and(char::is_uppercase)
        || w.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_respect_word_boundaries() {
        let g = Grammar::new(&["{M}(?: [0-9]+)?", "now"], &[("M", "May|March")]);
        let got: Vec<&str> = g
            .spans("Mayor now snow. In May 5 and March, Maybe; May")
            .map(|(s, e)| &"Mayor now snow. In May 5 and March, Maybe; May"[s..e])
            .collect();
        assert_eq!(got, ["now", "May 5", "March", "May"]);
    }

    #[test]
    fn words_split_hyphens_and_keep_apostrophe_years() {
        let w: Vec<&str> = words("the mid-1990s, '98 and Sept. 27; year-ago").collect();
        assert_eq!(
            w,
            [
                "the", "mid", "1990s", "'98", "and", "Sept", "27", "year", "ago"
            ]
        );
        let w: Vec<&str> = words("16 октября, am Samstag").collect();
        assert_eq!(w, ["16", "октября", "am", "Samstag"]);
    }

    #[test]
    fn numbers_and_words() {
        let cases = [
            ("16", Some(16)),
            ("3rd", Some(3)),
            ("16.", Some(16)),
            ("x", None),
            ("99999999", None),
            ("", None),
        ];
        for (t, want) in cases {
            assert_eq!(number(t), want, "{t}");
        }
        assert!(is("Friday", "friday") && is("ОКТЯБРЯ", "октября") && !is("Fri", "friday"));
    }

    #[test]
    fn context_stays_in_the_sentence() {
        let t = "He left. The vote will be held on Oct. 16 in Kyiv, officials said. Then";
        let at = t.find("Oct").unwrap();
        let (b, a) = context(t, at, at + 7, 3);
        assert_eq!(
            (b, a),
            (vec!["be", "held", "on"], vec!["in", "Kyiv", "officials"])
        );
    }
}
