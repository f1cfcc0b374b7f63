//! `--debug-query`: the query as newsdex understood it, and warnings on common traps.

use serde::{Deserialize, Serialize};

use super::SearchRequest;
use super::query::{Ast, Bound, Occur, Operator, parse_query};
use crate::Result;

/// A parsed query, written out with every operator explicit, and what may surprise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryDebug {
    /// The query as parsed: `+` must match, `-` must not, no sign: may match (adds to the
    /// score); parentheses group.
    pub parsed: String,
    /// How words side by side combine: `AND` or `OR`.
    pub default_operator: String,
    /// Traps found in the query.
    pub warnings: Vec<String>,
}

/// Frequent function words of English, German and Russian: a phrase of nothing else matches
/// very many articles.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "no", "not", "of", "on", "or",
    "she", "so", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to",
    "was", "we", "were", "will", "with", "you", "der", "die", "das", "und", "ist", "nicht", "ein",
    "eine", "zu", "den", "dem", "des", "von", "mit", "sich", "auf", "für", "im", "es", "и", "в",
    "не", "на", "что", "с", "по", "как", "а", "к", "это", "из", "у", "о", "же", "за", "то",
];

/// Explains how a request's query is read.
///
/// # Errors
/// [`crate::Error::Query`] when the query cannot be parsed.
///
/// # Example
/// ```
/// use newsdex::search::{SearchRequest, debug_query};
/// let d = debug_query(&SearchRequest::new("drones iran"))?;
/// assert_eq!(d.parsed, "+drones +iran");
/// assert!(d.warnings[0].contains("ALL"));
/// let d = debug_query(&SearchRequest::new("\"of the\""))?;
/// assert!(d.warnings[0].contains("stop words"));
/// # Ok::<(), newsdex::Error>(())
/// ```
pub fn debug_query(req: &SearchRequest) -> Result<QueryDebug> {
    let ast = parse_query(&req.query)?;
    let mut warnings = Vec::new();
    traps(&ast, req.operator, &mut warnings);
    for word in req.query.split_whitespace() {
        if matches!(word, "and" | "or" | "not" | "to") {
            warnings.push(format!(
                "`{word}` is searched as a word: operators are written in capitals ({})",
                word.to_uppercase()
            ));
        }
    }
    warnings.dedup();
    Ok(QueryDebug {
        parsed: render(&ast, req.operator, true),
        default_operator: match req.operator {
            Operator::And => "AND",
            Operator::Or => "OR",
        }
        .into(),
        warnings,
    })
}

fn traps(ast: &Ast, op: Operator, out: &mut Vec<String>) {
    match ast {
        Ast::Group(clauses) => {
            let side_by_side: Vec<String> = clauses
                .iter()
                .filter(|(o, _)| *o == Occur::Default)
                .map(|(_, a)| render(a, op, false))
                .collect();
            if side_by_side.len() > 1 {
                let words = side_by_side.join(" ");
                out.push(match op {
                    Operator::And => format!(
                        "`{words}`: words side by side must ALL match (AND); use --any, or OR between them, to match ANY"
                    ),
                    Operator::Or => format!(
                        "`{words}`: words side by side match if ANY matches (OR, --any); drop --any, or put AND between them, to need ALL"
                    ),
                });
            }
            for (_, a) in clauses {
                traps(a, op, out);
            }
        }
        Ast::Phrase { text, .. } => {
            let words: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            if !words.is_empty() && words.iter().all(|w| STOP_WORDS.contains(&w.as_str())) {
                out.push(format!(
                    "the phrase \"{text}\" is made only of stop words: it matches in very many articles and says little"
                ));
            }
        }
        _ => {}
    }
}

fn render(ast: &Ast, op: Operator, top: bool) -> String {
    let field = |f: &Option<String>| f.as_ref().map(|f| format!("{f}:")).unwrap_or_default();
    match ast {
        Ast::Word {
            field: f,
            text,
            prefix,
            fuzzy,
        } => format!(
            "{}{text}{}{}",
            field(f),
            if *prefix { "*" } else { "" },
            fuzzy.map(|d| format!("~{d}")).unwrap_or_default()
        ),
        Ast::Phrase {
            field: f,
            text,
            slop,
        } => format!(
            "{}\"{text}\"{}",
            field(f),
            if *slop > 0 {
                format!("~{slop}")
            } else {
                String::new()
            }
        ),
        Ast::Range {
            field,
            lower,
            upper,
        } => {
            let (open, lo) = match lower {
                Bound::Included(v) => ("[", v.as_str()),
                Bound::Excluded(v) => ("{", v.as_str()),
                Bound::Unbounded => ("[", "*"),
            };
            let (close, hi) = match upper {
                Bound::Included(v) => ("]", v.as_str()),
                Bound::Excluded(v) => ("}", v.as_str()),
                Bound::Unbounded => ("]", "*"),
            };
            format!("{field}:{open}{lo} TO {hi}{close}")
        }
        Ast::All => "*".into(),
        Ast::Group(clauses) => {
            let inner = clauses
                .iter()
                .map(|(o, a)| {
                    let sign = match (o, op) {
                        (Occur::Must, _) | (Occur::Default, Operator::And) => "+",
                        (Occur::MustNot, _) => "-",
                        _ => "",
                    };
                    format!("{sign}{}", render(a, op, false))
                })
                .collect::<Vec<_>>()
                .join(" ");
            if top { inner } else { format!("({inner})") }
        }
    }
}
