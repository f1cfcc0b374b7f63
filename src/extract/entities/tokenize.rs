//! Words and punctuation with their byte offsets, split into lines (an entity never spans a
//! line break), in the manner of news tokenisation: "Iran's" is "Iran" + "'s", "U.S." and
//! "Amir-Abdollahian" stay whole, every other punctuation mark is a token of its own.

/// One token: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Starts a sentence (first on its line, or after `.`, `!`, `?`, `:` or an opening quote
    /// that follows one of them).
    pub sentence_start: bool,
}

impl Token {
    /// The token's text in `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '&' | '‐')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The lines of `text`, each a list of tokens. Empty lines are left out.
pub fn tokenize(text: &str) -> Vec<Vec<Token>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let tokens = tokenize_line(line, offset);
        if !tokens.is_empty() {
            lines.push(tokens);
        }
        offset += line.len() + 1;
    }
    lines
}

/// The character at byte `p` of `line`, if one starts there; ASCII without decoding.
#[inline]
fn char_at(line: &str, p: usize) -> Option<char> {
    let b = *line.as_bytes().get(p)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        line.get(p..)?.chars().next()
    }
}

/// The tokens of one line, walked by byte offset (most of the text is ASCII, read a byte at
/// a time).
fn tokenize_line(line: &str, base: usize) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut p = 0;
    let mut next_starts = true;
    while let Some(c) = char_at(line, p) {
        if c.is_whitespace() {
            p += c.len_utf8();
            continue;
        }
        if out.capacity() == 0 {
            // About one token per five characters in prose: one allocation per line.
            out.reserve(line.len() / 5 + 1);
        }
        let start = p;
        p += c.len_utf8();
        if is_word(c) {
            loop {
                match char_at(line, p) {
                    Some(w) if is_word(w) => p += w.len_utf8(),
                    Some(j) if is_joiner(j) => {
                        let q = p + j.len_utf8();
                        let Some(after) = char_at(line, q).filter(|&a| is_word(a)) else {
                            break;
                        };
                        // "Iran's": the possessive is its own token.
                        if is_apostrophe(j)
                            && after.eq_ignore_ascii_case(&'s')
                            && !char_at(line, q + 1).is_some_and(is_word)
                        {
                            break;
                        }
                        p = q + after.len_utf8();
                    }
                    _ => break,
                }
            }
            // "U.S.", "U.N.": single letters joined by dots keep their final dot.
            if char_at(line, p) == Some('.') && is_initials(&line[start..p]) {
                p += 1;
            }
        } else if is_apostrophe(c)
            && char_at(line, p).is_some_and(|s| s.eq_ignore_ascii_case(&'s'))
            && !char_at(line, p + 1).is_some_and(is_word)
        {
            p += 1;
        }
        out.push(Token {
            start: base + start,
            end: base + p,
            sentence_start: next_starts,
        });
        next_starts = match &line[start..p] {
            "." | "!" | "?" | ":" | ";" => true,
            // The dash closing a dateline ("KYIV, Nov 5 (Meridian Wire) — Large parts of…",
            // "LONDON, March 3 - Shares…"): the story's first sentence starts after it.
            "-" | "—" | "–" if out.len() <= DATELINE_TOKENS && ends_dateline(line, base, &out) => {
                true
            }
            "\"" | "“" | "«" | "(" | "'" | "‘" | "„" | "-" | "—" | "–" => next_starts,
            _ => false,
        };
    }
    out
}

/// A dateline ends within this many tokens of the start of its line.
const DATELINE_TOKENS: usize = 12;

/// Whether the dash just pushed (the last of `out`) ends a dateline: it follows a closing
/// parenthesis or a number, and no word before it on the line is lowercase ("KYIV, Nov 5
/// (Meridian Wire) —", "LONDON, March 3 -"; not "he said (twice) -").
fn ends_dateline(line: &str, base: usize, out: &[Token]) -> bool {
    let [head @ .., before, _dash] = out else {
        return false;
    };
    let text = |t: &Token| &line[t.start - base..t.end - base];
    let closes = text(before) == ")" || text(before).bytes().all(|b| b.is_ascii_digit());
    closes
        && head
            .iter()
            .all(|t| !text(t).chars().next().is_some_and(char::is_lowercase))
}

/// "U.S", "U.N", "e.g": single letters separated by dots.
fn is_initials(word: &str) -> bool {
    let mut n = 0;
    let all_single = word.split('.').all(|part| {
        n += 1;
        let mut chars = part.chars();
        chars.next().is_some() && chars.next().is_none()
    });
    all_single && n >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        tokenize(text)
            .iter()
            .map(|l| l.iter().map(|t| t.of(text)).collect())
            .collect()
    }

    #[test]
    fn news_tokens() {
        assert_eq!(
            words("Iran's minister, Hossein Amir-Abdollahian, met U.S. envoys.\nKyiv: dark"),
            [
                vec![
                    "Iran",
                    "'s",
                    "minister",
                    ",",
                    "Hossein",
                    "Amir-Abdollahian",
                    ",",
                    "met",
                    "U.S.",
                    "envoys",
                    "."
                ],
                vec!["Kyiv", ":", "dark"]
            ]
        );
        assert_eq!(
            words("don't «Газпром»"),
            [vec!["don't", "«", "Газпром", "»"]]
        );
        assert_eq!(words("Germany 's call"), [vec!["Germany", "'s", "call"]]);
        assert_eq!(
            words("O’Brien’s Rostov‐on‐Don e.g. U.S.A. 3.5 Ц-банк’s"),
            [vec![
                "O’Brien",
                "’s",
                "Rostov‐on‐Don",
                "e.g.",
                "U.S.A.",
                "3.5",
                "Ц-банк",
                "’s"
            ]]
        );
    }

    fn starts(text: &str) -> Vec<&str> {
        tokenize(text)[0]
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.of(text))
            .collect()
    }

    #[test]
    fn a_dateline_dash_starts_the_story_sentence() {
        assert_eq!(
            starts("KYIV, Nov 5 (Meridian Wire) — Large parts of Kyiv"),
            ["KYIV", "Large"]
        );
        assert_eq!(
            starts("LONDON, March 3 - Shares rose"),
            ["LONDON", "Shares"]
        );
        assert_eq!(
            starts("LONDON (Reuters) - Shares rose"),
            ["LONDON", "Shares"]
        );
        // Not a dateline: a dash after lowercase words, or after a word.
        assert_eq!(starts("He said (twice) - Paris agreed"), ["He"]);
        assert_eq!(starts("Prices rose 5 - Oil fell"), ["Prices"]);
        assert_eq!(starts("PARIS - Berlin"), ["PARIS"]);
    }

    #[test]
    fn sentence_starts() {
        let text = "He left. \"The talks\" ended";
        let starts: Vec<bool> = tokenize(text)[0].iter().map(|t| t.sentence_start).collect();
        assert_eq!(
            starts,
            [true, false, false, true, true, false, false, false]
        );
    }
}
