//! The query language, parsed into an [`Ast`] with positions for error messages.
//!
//! ```text
//! query   := or
//! or      := and ("OR" and)*
//! and     := seq ("AND" seq)*
//! seq     := unary+                       side by side: the default operator (AND unless --any)
//! unary   := ("NOT" | "-" | "+") unary | primary
//! primary := "(" or ")" | NAME ":" value | value
//! value   := "(" or ")" | range | PHRASE ["~" N] | WORD ["*" | "~" N]
//! range   := ("[" | "{") bound "TO" bound ("]" | "}") | (">" | ">=" | "<" | "<=") bound
//! ```
//! `AND`, `OR`, `NOT` and `TO` are operators only in capitals; `\` escapes the next character.

use std::fmt;

/// A query the user typed could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    /// The query as typed.
    pub query: String,
    /// Character offset where it broke.
    pub position: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid query: {} at character {}\n  {}\n  {}^",
            self.message,
            self.position + 1,
            self.query,
            " ".repeat(self.query.chars().take(self.position).map(|_| 1).sum())
        )
    }
}

/// How a clause takes part in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// Must match (`+word`, `AND`).
    Must,
    /// May match; adds to the score (`OR`, or side by side with `--any`).
    Should,
    /// Must not match (`-word`, `NOT`).
    MustNot,
    /// Side by side: decided by the default operator.
    Default,
}

/// One end of a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// Includes the value.
    Included(String),
    /// Excludes the value.
    Excluded(String),
    /// Open (`*`).
    Unbounded,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    /// A word: `drones`, `title:drones`, `drone*`, `drones~1`.
    Word {
        /// Field named before `:`.
        field: Option<String>,
        /// The word.
        text: String,
        /// Ends in `*`.
        prefix: bool,
        /// Edit distance after `~`.
        fuzzy: Option<u8>,
    },
    /// A quoted phrase, with its slop after `~`.
    Phrase {
        /// Field named before `:`.
        field: Option<String>,
        /// The words.
        text: String,
        /// How many positions words may move.
        slop: u32,
    },
    /// A range on a field.
    Range {
        /// The field.
        field: String,
        /// Lower end.
        lower: Bound,
        /// Upper end.
        upper: Bound,
    },
    /// Clauses with how each takes part.
    Group(Vec<(Occur, Ast)>),
    /// Matches every article (`*` alone, or an empty query).
    All,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
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

struct Lexed {
    tok: Tok,
    pos: usize,
}

fn err(query: &str, position: usize, message: impl Into<String>) -> QueryError {
    QueryError {
        query: query.to_string(),
        position,
        message: message.into(),
    }
}

fn lex(q: &str) -> Result<Vec<Lexed>, QueryError> {
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

struct Parser<'a> {
    q: &'a str,
    toks: Vec<Lexed>,
    i: usize,
}

/// Parses a query. An empty query, or `*` alone, matches every article.
///
/// # Errors
/// A [`QueryError`] pointing at the character where the query broke.
///
/// # Example
/// ```
/// use newsdex::search::{parse_query, Ast};
/// assert!(matches!(parse_query("drones AND Iran")?, Ast::Group(_)));
/// let e = parse_query("drones AND (Iran").unwrap_err();
/// assert_eq!(e.position, 11);
/// # Ok::<(), newsdex::search::QueryError>(())
/// ```
pub fn parse_query(q: &str) -> Result<Ast, QueryError> {
    let toks = lex(q)?;
    if toks.is_empty() || (toks.len() == 1 && toks[0].tok == Tok::Word(String::new(), true)) {
        return Ok(Ast::All);
    }
    let mut p = Parser { q, toks, i: 0 };
    let ast = p.or(None)?;
    if let Some(t) = p.toks.get(p.i) {
        let msg = match t.tok {
            Tok::Close => "unbalanced ')'",
            _ => "unexpected text",
        };
        return Err(err(q, t.pos, msg));
    }
    Ok(ast)
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|l| &l.tok)
    }

    fn pos(&self) -> usize {
        self.toks
            .get(self.i)
            .map_or(self.q.chars().count(), |l| l.pos)
    }

    fn is_keyword(&self, kw: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(w, false)) if w == kw)
    }

    fn or(&mut self, field: Option<&str>) -> Result<Ast, QueryError> {
        let mut parts = vec![self.and(field)?];
        while self.is_keyword("OR") {
            self.i += 1;
            parts.push(self.and(field)?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one part")
        } else {
            Ast::Group(parts.into_iter().map(|a| (Occur::Should, a)).collect())
        })
    }

    fn and(&mut self, field: Option<&str>) -> Result<Ast, QueryError> {
        let mut parts = vec![self.seq(field)?];
        while self.is_keyword("AND") {
            self.i += 1;
            parts.push(self.seq(field)?);
        }
        Ok(if parts.len() == 1 {
            parts.pop().expect("one part")
        } else {
            Ast::Group(parts.into_iter().map(|a| (Occur::Must, a)).collect())
        })
    }

    fn seq(&mut self, field: Option<&str>) -> Result<Ast, QueryError> {
        let mut parts = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::Close) => break,
                Some(Tok::Word(w, false)) if w == "AND" || w == "OR" => {
                    if parts.is_empty() {
                        return Err(err(
                            self.q,
                            self.pos(),
                            format!("'{w}' needs a term before it"),
                        ));
                    }
                    break;
                }
                _ => parts.push(self.unary(field)?),
            }
        }
        if parts.is_empty() {
            let msg = if self.peek().is_none() {
                "the query ends where a term was expected"
            } else {
                "a term was expected"
            };
            return Err(err(self.q, self.pos(), msg));
        }
        Ok(if parts.len() == 1 && parts[0].0 == Occur::Default {
            parts.pop().expect("one part").1
        } else {
            Ast::Group(parts)
        })
    }

    fn unary(&mut self, field: Option<&str>) -> Result<(Occur, Ast), QueryError> {
        let occur = match self.peek() {
            Some(Tok::Plus) => Occur::Must,
            Some(Tok::Minus) => Occur::MustNot,
            Some(Tok::Word(w, false)) if w == "NOT" => Occur::MustNot,
            _ => return Ok((Occur::Default, self.primary(field)?)),
        };
        self.i += 1;
        let (inner_occur, inner) = self.unary(field)?;
        let inner = if inner_occur == Occur::Default {
            inner
        } else {
            Ast::Group(vec![(inner_occur, inner)])
        };
        Ok((occur, inner))
    }

    fn primary(&mut self, field: Option<&str>) -> Result<Ast, QueryError> {
        let start = self.pos();
        // NAME ":" value
        if let (Some(Tok::Word(name, false)), Some(Tok::Colon)) = (
            self.toks.get(self.i).map(|l| &l.tok),
            self.toks.get(self.i + 1).map(|l| &l.tok),
        ) {
            if field.is_some() {
                return Err(err(self.q, start, "a field inside a field group"));
            }
            let name = name.clone();
            if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || name.is_empty() {
                return Err(err(
                    self.q,
                    start,
                    format!("'{name}' is not a field name; put text with ':' in quotes"),
                ));
            }
            self.i += 2;
            return self.value(Some(&name), start);
        }
        self.value(field, start)
    }

    fn value(&mut self, field: Option<&str>, start: usize) -> Result<Ast, QueryError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(err(
                self.q,
                self.pos(),
                "the query ends where a term was expected",
            ));
        };
        self.i += 1;
        match tok {
            Tok::Open => {
                let inner = self.or(field)?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(err(self.q, start, "unbalanced '(': no matching ')'"));
                }
                self.i += 1;
                Ok(inner)
            }
            Tok::Phrase(text) => {
                let slop = match self.peek().cloned() {
                    Some(Tok::Tilde(n)) => {
                        let n = n.unwrap_or(2);
                        self.i += 1;
                        n
                    }
                    _ => 0,
                };
                Ok(Ast::Phrase {
                    field: field.map(String::from),
                    text,
                    slop,
                })
            }
            Tok::Word(text, prefix) => {
                let fuzzy = match self.peek().cloned() {
                    Some(Tok::Tilde(n)) => {
                        let pos = self.pos();
                        self.i += 1;
                        let n = n.unwrap_or(1);
                        if n > 2 {
                            return Err(err(
                                self.q,
                                pos,
                                "fuzzy distance is at most 2 (word~1 or word~2)",
                            ));
                        }
                        Some(n as u8)
                    }
                    _ => None,
                };
                if text.is_empty() && prefix {
                    return Ok(Ast::All);
                }
                Ok(Ast::Word {
                    field: field.map(String::from),
                    text,
                    prefix,
                    fuzzy,
                })
            }
            Tok::RangeOpen(lower_incl) => {
                let field = field.ok_or_else(|| {
                    err(
                        self.q,
                        start,
                        "a range needs a field, e.g. published:[2022-01 TO 2022-06]",
                    )
                })?;
                let lower = self.bound(lower_incl)?;
                if !self.is_keyword("TO") {
                    return Err(err(self.q, self.pos(), "expected 'TO' in the range"));
                }
                self.i += 1;
                let upper_tok = self.bound(true)?;
                let upper = match self.peek() {
                    Some(Tok::RangeClose(incl)) => {
                        let incl = *incl;
                        self.i += 1;
                        match upper_tok {
                            Bound::Included(v) if !incl => Bound::Excluded(v),
                            other => other,
                        }
                    }
                    _ => {
                        return Err(err(
                            self.q,
                            self.pos(),
                            "unclosed range: expected ']' or '}'",
                        ));
                    }
                };
                Ok(Ast::Range {
                    field: field.to_string(),
                    lower,
                    upper,
                })
            }
            Tok::Cmp(op) => {
                let field = field.ok_or_else(|| {
                    err(
                        self.q,
                        start,
                        "a comparison needs a field, e.g. published:>=2022-10",
                    )
                })?;
                let v = match self.peek() {
                    Some(Tok::Word(w, false)) => w.clone(),
                    _ => {
                        return Err(err(
                            self.q,
                            self.pos(),
                            format!("expected a value after '{op}'"),
                        ));
                    }
                };
                self.i += 1;
                let (lower, upper) = match op {
                    ">=" => (Bound::Included(v), Bound::Unbounded),
                    ">" => (Bound::Excluded(v), Bound::Unbounded),
                    "<=" => (Bound::Unbounded, Bound::Included(v)),
                    _ => (Bound::Unbounded, Bound::Excluded(v)),
                };
                Ok(Ast::Range {
                    field: field.to_string(),
                    lower,
                    upper,
                })
            }
            Tok::Close => Err(err(self.q, start, "unbalanced ')'")),
            Tok::Colon => Err(err(self.q, start, "':' without a field name before it")),
            Tok::Tilde(_) => Err(err(self.q, start, "'~' must follow a word or a phrase")),
            Tok::RangeClose(_) => Err(err(self.q, start, "range end without a range start")),
            Tok::Plus | Tok::Minus => Err(err(self.q, start, "'+' or '-' must come before a term")),
        }
    }

    fn bound(&mut self, inclusive: bool) -> Result<Bound, QueryError> {
        match self.peek().cloned() {
            Some(Tok::Word(w, true)) if w.is_empty() => {
                self.i += 1;
                Ok(Bound::Unbounded)
            }
            Some(Tok::Word(w, false)) if w != "TO" => {
                self.i += 1;
                Ok(if inclusive {
                    Bound::Included(w)
                } else {
                    Bound::Excluded(w)
                })
            }
            _ => Err(err(
                self.q,
                self.pos(),
                "expected a value or '*' in the range",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
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
}
