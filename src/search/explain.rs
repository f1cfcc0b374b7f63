//! Score explanations: tantivy's explanation tree for one hit, summarised as the BM25
//! contribution of each (field, term), boosts applied, with the term's frequency and IDF.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::{DocAddress, Searcher};

use crate::Result;
use crate::index::NewsSchema;

/// What one term in one field added to a hit's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScorePart {
    /// The field (per-language variants named by their field: `body`, not `body_en`).
    pub field: String,
    /// The term as indexed (stemmed, lowercased), or `"…"` for a phrase.
    pub term: String,
    /// Contribution to the score, boosts included.
    pub score: f32,
    /// Field boost applied (title ×2 by default).
    pub boost: f32,
    /// Occurrences of the term in the field of this article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<f32>,
    /// Length of the field in this article (words, as tantivy's field norm approximates it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<f32>,
    /// Inverse document frequency: how rare the term is in the index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idf: Option<f32>,
}

/// Why a hit scored what it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreExplanation {
    /// BM25 score of the query text (the sum of the parts).
    pub bm25: f32,
    /// Factor applied for recency, when asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recency: Option<f32>,
    /// Contributions, largest first.
    pub parts: Vec<ScorePart>,
}

/// Explains the text query's score for one document.
pub(crate) fn explain(
    searcher: &Searcher,
    query: &dyn Query,
    addr: DocAddress,
    schema: &NewsSchema,
) -> Result<ScoreExplanation> {
    let tree = match query.explain(searcher, addr) {
        Ok(t) => t,
        // The text matched nothing here (e.g. the query is `*`): no parts.
        Err(_) => {
            return Ok(ScoreExplanation {
                bm25: 0.0,
                recency: None,
                parts: Vec::new(),
            });
        }
    };
    let bm25 = tree.value();
    let value = serde_json::to_value(&tree).unwrap_or(Value::Null);
    let mut parts = Vec::new();
    walk(&value, 1.0, schema, &mut parts);
    parts.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok(ScoreExplanation {
        bm25,
        recency: None,
        parts,
    })
}

fn num(v: &Value) -> f32 {
    v.get("value").and_then(Value::as_f64).unwrap_or(0.0) as f32
}

fn description(v: &Value) -> &str {
    v.get("description").and_then(Value::as_str).unwrap_or("")
}

fn details(v: &Value) -> &[Value] {
    v.get("details")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The first descendant (or the node) whose description starts with `prefix`.
fn find<'a>(v: &'a Value, prefix: &str) -> Option<&'a Value> {
    if description(v).starts_with(prefix) {
        return Some(v);
    }
    details(v).iter().find_map(|d| find(d, prefix))
}

fn walk(v: &Value, boost: f32, schema: &NewsSchema, out: &mut Vec<ScorePart>) {
    let score = num(v);
    if score == 0.0 {
        return;
    }
    let desc = description(v);
    if let Some(rest) = desc.strip_prefix("Boost x") {
        let factor: f32 = rest
            .split_whitespace()
            .next()
            .and_then(|f| f.parse().ok())
            .unwrap_or(1.0);
        for d in details(v) {
            walk(d, boost * factor, schema, out);
        }
        return;
    }
    let term = v
        .get("context")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .find_map(parse_term);
    let phrase = desc.starts_with("Phrase");
    if term.is_some() || phrase {
        let (field, term) = term.map_or(("".into(), "…".into()), |(id, text)| {
            (field_name(schema, Field::from_field_id(id)), text)
        });
        out.push(ScorePart {
            field,
            term,
            score: score * boost,
            boost,
            freq: find(v, "freq, occurrences").map(num),
            length: find(v, "dl, length").map(num),
            idf: find(v, "idf").map(num),
        });
        return;
    }
    for d in details(v) {
        walk(d, boost, schema, out);
    }
}

/// `Term(field=3, type=Str, "drone")` → (3, "drone").
fn parse_term(context: &str) -> Option<(u32, String)> {
    let rest = context.strip_prefix("Term=Term(field=")?;
    let (id, rest) = rest.split_once(',')?;
    let quoted = &rest[rest.find('"')?..rest.rfind('"')? + 1];
    let text: String = serde_json::from_str(quoted).unwrap_or_else(|_| quoted.to_string());
    Some((id.trim().parse().ok()?, text))
}

fn field_name(schema: &NewsSchema, field: Field) -> String {
    let name = schema.tantivy_schema().get_field_name(field).to_string();
    match name.rsplit_once('_') {
        Some((base, _)) if schema.field_def(base).is_some_and(|d| d.per_language) => {
            base.to_string()
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_read_from_context() {
        assert_eq!(
            parse_term(r#"Term=Term(field=12, type=Str, "drone")"#),
            Some((12, "drone".to_string()))
        );
        assert_eq!(parse_term("something else"), None);
    }
}
