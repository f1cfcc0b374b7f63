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

use super::ast::{Ast, Bound, Occur};
use super::error::{QueryError, err};
use super::lexer::{Lexed, Tok, lex};

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
mod tests;
