//! The lexer: query text → tokens with their character offsets.
//!
//! Apart from the parser because it decides what a word, a phrase or an operator character
//! is (escapes, `covid-19` staying one word), while the parser only decides how tokens nest.

use super::error::{QueryError, err};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Word(String, bool), // text, ends with unescaped '*'
    Phrase(String),
    Tilde(Option<u32>),
    Colon,
    Open,
    Close,
    RangeOpen(bool),  // inclusive
    RangeClose(bool), // inclusive
    Cmp(&'static str),
    Plus,
    Minus,
}

pub(super) struct Lexed {
    pub(super) tok: Tok,
    pub(super) pos: usize,
}

pub(super) fn lex(q: &str) -> Result<Vec<Lexed>, QueryError> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let single = |t: Tok| Lexed { tok: t, pos: start };
        match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => out.push(single(Tok::Open)),
            ')' => out.push(single(Tok::Close)),
            '[' => out.push(single(Tok::RangeOpen(true))),
            '{' => out.push(single(Tok::RangeOpen(false))),
            ']' => out.push(single(Tok::RangeClose(true))),
            '}' => out.push(single(Tok::RangeClose(false))),
            // A field is written `name:value`. A colon after a word and before a space, as
            // in a pasted headline ("Angriff auf Kiew: Drohne trifft Wohnhaus"), is
            // punctuation between words.
            ':' if i > 0
                && !chars[i - 1].is_whitespace()
                && chars.get(i + 1).is_none_or(|c| c.is_whitespace()) => {}
            ':' => out.push(single(Tok::Colon)),
            '+' if out_allows_prefix(&out, &chars, i) => out.push(single(Tok::Plus)),
            '-' if out_allows_prefix(&out, &chars, i) => out.push(single(Tok::Minus)),
            '>' | '<' => {
                let eq = chars.get(i + 1) == Some(&'=');
                let op = match (c, eq) {
                    ('>', true) => ">=",
                    ('>', false) => ">",
                    ('<', true) => "<=",
                    _ => "<",
                };
                if eq {
                    i += 1;
                }
                out.push(single(Tok::Cmp(op)));
            }
            '~' => {
                let mut j = i + 1;
                while j < chars.len() && chars[j].is_ascii_digit() {
                    j += 1;
                }
                let n = if j > i + 1 {
                    let digits: String = chars[i + 1..j].iter().collect();
                    Some(
                        digits
                            .parse()
                            .map_err(|_| err(q, i, "number after ~ is too large"))?,
                    )
                } else {
                    None
                };
                out.push(single(Tok::Tilde(n)));
                i = j;
                continue;
            }
            '"' => {
                let mut text = String::new();
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        None => return Err(err(q, i, "unclosed quote")),
                        Some('"') => break,
                        Some('\\') if j + 1 < chars.len() => {
                            text.push(chars[j + 1]);
                            j += 2;
                        }
                        Some(&ch) => {
                            text.push(ch);
                            j += 1;
                        }
                    }
                }
                out.push(single(Tok::Phrase(text)));
                i = j + 1;
                continue;
            }
            _ => {
                let mut text = String::new();
                let mut star = false;
                let mut j = i;
                while j < chars.len() {
                    let ch = chars[j];
                    if ch == '\\' && j + 1 < chars.len() {
                        text.push(chars[j + 1]);
                        j += 2;
                        continue;
                    }
                    if ch.is_whitespace() || "()[]{}\":~".contains(ch) {
                        break;
                    }
                    // A colon inside a word (e.g. a time 10:30) is part of it unless the
                    // word so far is a plain field name.
                    text.push(ch);
                    j += 1;
                }
                if text.ends_with('*') && !text.ends_with("\\*") {
                    text.pop();
                    star = true;
                }
                out.push(Lexed {
                    tok: Tok::Word(text, star),
                    pos: start,
                });
                i = j;
                continue;
            }
        }
        i += 1;
    }
    Ok(out)
}

/// `+`/`-` are operators at the start of a clause only, so "covid-19" stays one word.
fn out_allows_prefix(out: &[Lexed], chars: &[char], i: usize) -> bool {
    let after_space = i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(';
    let _ = out;
    after_space && chars.get(i + 1).is_some_and(|c| !c.is_whitespace())
}
