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
    // One buffer of characters for all lines: news text has many short lines.
    let mut chars = Vec::new();
    for line in text.split('\n') {
        let tokens = tokenize_line(line, offset, &mut chars);
        if !tokens.is_empty() {
            lines.push(tokens);
        }
        offset += line.len() + 1;
    }
    lines
}

fn tokenize_line(line: &str, base: usize, chars: &mut Vec<(usize, char)>) -> Vec<Token> {
    chars.clear();
    chars.extend(line.char_indices());
    if chars.iter().all(|&(_, c)| c.is_whitespace()) {
        return Vec::new();
    }
    let chars = &*chars;
    // About one token per five characters in prose: one allocation per line, not three.
    let mut out: Vec<Token> = Vec::with_capacity(chars.len() / 5 + 1);
    let mut i = 0;
    let mut next_starts = true;
    let end_of = |k: usize| chars.get(k).map_or(line.len(), |&(b, _)| b);
    while i < chars.len() {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if is_word(c) {
            i += 1;
            loop {
                match chars.get(i) {
                    Some(&(_, w)) if is_word(w) => i += 1,
                    Some(&(_, j)) if is_joiner(j) => {
                        let after = chars.get(i + 1).map(|&(_, a)| a);
                        if !after.is_some_and(is_word) {
                            break;
                        }
                        // "Iran's": the possessive is its own token.
                        if is_apostrophe(j) {
                            let s = chars.get(i + 1).map(|&(_, a)| a.to_ascii_lowercase());
                            let after_s = chars.get(i + 2).map(|&(_, a)| a);
                            if s == Some('s') && !after_s.is_some_and(is_word) {
                                break;
                            }
                        }
                        i += 2;
                    }
                    _ => break,
                }
            }
            // "U.S.", "U.N.": single letters joined by dots keep their final dot.
            if chars.get(i).is_some_and(|&(_, d)| d == '.') && is_initials(&chars[start..i]) {
                i += 1;
            }
        } else if is_apostrophe(c)
            && chars
                .get(i + 1)
                .is_some_and(|&(_, s)| s.eq_ignore_ascii_case(&'s'))
            && !chars.get(i + 2).is_some_and(|&(_, a)| is_word(a))
        {
            i += 2;
        } else {
            i += 1;
        }
        let text = &line[b..end_of(i)];
        out.push(Token {
            start: base + b,
            end: base + end_of(i),
            sentence_start: next_starts,
        });
        next_starts = match text {
            "." | "!" | "?" | ":" | ";" => true,
            "\"" | "“" | "«" | "(" | "'" | "‘" | "„" | "-" | "—" | "–" => next_starts,
            _ => false,
        };
    }
    out
}

/// "U.S", "U.N", "e.g": single letters separated by dots.
fn is_initials(word: &[(usize, char)]) -> bool {
    let mut parts = word.split(|&(_, c)| c == '.');
    let mut n = 0;
    let all_single = parts.all(|p| {
        n += 1;
        p.len() == 1
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
