//! [`Ast`] → tantivy query, field by field with each field's own analyser.

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur as TOccur, PhraseQuery,
    Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;

use super::ast::{Ast, Bound, Occur};
use super::error::QueryError;
use crate::index::{FieldKind, NewsSchema};
use crate::search::DateBound;

/// How words side by side combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Operator {
    /// All must match (the default).
    #[default]
    And,
    /// Any may match; more matches rank higher.
    Or,
}

/// Names users may give fields in queries, and the schema field each means.
pub(crate) const FIELD_ALIASES: &[(&str, &str)] = &[
    ("text", "body"),
    ("source", "outlet"),
    ("author", "authors"),
    ("lang", "language"),
    ("date", "published"),
    ("entity", "entity_names"),
    ("mentions", "mentioned_dates"),
    ("mentioned", "mentioned_dates"),
];

pub(crate) struct Builder<'a> {
    pub schema: &'a NewsSchema,
    /// Per-language variants with no terms in the index (languages it holds no article in):
    /// not searched, so a word costs a term look-up per language present, not per language known.
    pub absent: &'a std::collections::HashSet<Field>,
    pub tokenizers: &'a TokenizerManager,
    pub operator: Operator,
    pub query: &'a str,
}

impl Builder<'_> {
    pub fn build(&self, ast: &Ast) -> Result<Box<dyn Query>, QueryError> {
        Ok(self.node(ast)?.unwrap_or_else(|| Box::new(EmptyQuery)))
    }

    fn err(&self, message: String) -> QueryError {
        // Positions are not kept past parsing; point at the start of the query.
        QueryError {
            query: self.query.to_string(),
            position: 0,
            message,
        }
    }

    /// `None` for a clause that analyses to nothing (e.g. only punctuation).
    fn node(&self, ast: &Ast) -> Result<Option<Box<dyn Query>>, QueryError> {
        match ast {
            Ast::All => Ok(Some(Box::new(AllQuery))),
            Ast::Group(clauses) => {
                let mut out: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
                for (occur, clause) in clauses {
                    let Some(q) = self.node(clause)? else {
                        continue;
                    };
                    let occur = match occur {
                        Occur::Must => TOccur::Must,
                        Occur::Should => TOccur::Should,
                        Occur::MustNot => TOccur::MustNot,
                        Occur::Default => match self.operator {
                            Operator::And => TOccur::Must,
                            Operator::Or => TOccur::Should,
                        },
                    };
                    out.push((occur, q));
                }
                if out.is_empty() {
                    return Ok(None);
                }
                // Only exclusions: exclude from everything.
                if out.iter().all(|(o, _)| *o == TOccur::MustNot) {
                    out.push((TOccur::Must, Box::new(AllQuery)));
                }
                Ok(Some(Box::new(BooleanQuery::new(out))))
            }
            Ast::Word {
                field,
                text,
                prefix,
                fuzzy,
            } => self.per_field_text(field.as_deref(), text, |f, kind, text| {
                self.word(f, kind, text, *prefix, *fuzzy)
            }),
            Ast::Phrase { field, text, slop } => {
                self.per_field_text(field.as_deref(), text, |f, kind, text| {
                    Ok(self.phrase(f, kind, text, *slop))
                })
            }
            Ast::Range {
                field,
                lower,
                upper,
            } => {
                let (f, kind) = self.field(field)?;
                if kind != FieldKind::Date {
                    return Err(self.err(format!(
                        "ranges work on date fields (published, mentions), not on `{field}`"
                    )));
                }
                Ok(Some(date_range(
                    f,
                    self.date_bound(lower, true)?,
                    self.date_bound(upper, false)?,
                )))
            }
        }
    }

    /// [`Self::per_field`] with the clause's text. `entity:NAME` also matches canonical names:
    /// `entity_names` keeps only the other forms an entity was found under, and the canonical
    /// name is in `entities` after its type (`place:Kyiv`).
    fn per_field_text(
        &self,
        field: Option<&str>,
        text: &str,
        make: impl Fn(Field, FieldKind, &str) -> Result<Option<Box<dyn Query>>, QueryError>,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        let (f, _) = match field {
            Some(name) => self.field(name)?,
            None => return self.per_field(None, |f, kind| make(f, kind, text)),
        };
        let fields = self.schema.fields();
        if f != fields.entity_names {
            return self.per_field(field, |f, kind| make(f, kind, text));
        }
        let mut shoulds: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        if let Some(q) = make(fields.entity_names, FieldKind::Keyword, text)? {
            shoulds.push((TOccur::Should, q));
        }
        for kind in crate::EntityKind::ALL {
            let typed = format!("{kind}:{text}");
            if let Some(q) = make(fields.entities, FieldKind::Keyword, &typed)? {
                shoulds.push((TOccur::Should, q));
            }
        }
        Ok((!shoulds.is_empty()).then(|| Box::new(BooleanQuery::new(shoulds)) as Box<dyn Query>))
    }

    /// Runs `make` on the named field, or on every default field (boosted) when none is named.
    fn per_field(
        &self,
        field: Option<&str>,
        make: impl Fn(Field, FieldKind) -> Result<Option<Box<dyn Query>>, QueryError>,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        let targets: Vec<(&str, f32)> = match field {
            Some(name) => vec![(name, 1.0)],
            None => self
                .schema
                .def()
                .search
                .default_fields
                .iter()
                .map(|b| (b.field.as_str(), b.boost))
                .collect(),
        };
        let mut shoulds: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        for (name, boost) in targets {
            let (fields, kind) = self.fields(name)?;
            // A per-language field is searched in every language's variant, each analysed
            // its own way: only articles of that language are indexed there.
            for f in fields {
                if let Some(q) = make(f, kind)? {
                    let q: Box<dyn Query> = if (boost - 1.0).abs() > f32::EPSILON {
                        Box::new(BoostQuery::new(q, boost))
                    } else {
                        q
                    };
                    shoulds.push((TOccur::Should, q));
                }
            }
        }
        Ok(match shoulds.len() {
            0 => None,
            1 => shoulds.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(shoulds))),
        })
    }

    /// The indexed fields behind a name: the field itself, or a per-language field's variants.
    fn fields(&self, name: &str) -> Result<(Vec<Field>, FieldKind), QueryError> {
        let (f, kind) = self.field(name)?;
        let resolved = FIELD_ALIASES
            .iter()
            .find(|(a, _)| *a == name)
            .map_or(name, |(_, f)| f);
        Ok(match self.schema.variants(resolved) {
            Some(v) => {
                let present: Vec<Field> = v.all().filter(|f| !self.absent.contains(f)).collect();
                (
                    if present.is_empty() {
                        vec![v.any]
                    } else {
                        present
                    },
                    kind,
                )
            }
            None => (vec![f], kind),
        })
    }

    fn field(&self, name: &str) -> Result<(Field, FieldKind), QueryError> {
        let resolved = FIELD_ALIASES
            .iter()
            .find(|(a, _)| *a == name)
            .map_or(name, |(_, f)| f);
        let def = self
            .schema
            .field_def(resolved)
            .filter(|d| d.indexed)
            .ok_or_else(|| {
                let mut names: Vec<&str> = self
                    .schema
                    .def()
                    .fields
                    .iter()
                    .filter(|d| d.indexed)
                    .map(|d| d.name.as_str())
                    .collect();
                names.extend(FIELD_ALIASES.iter().map(|(a, _)| *a));
                names.sort_unstable();
                self.err(format!(
                    "unknown field `{name}` (searchable fields: {})",
                    names.join(", ")
                ))
            })?;
        let f = self
            .schema
            .tantivy_schema()
            .get_field(&def.name)
            .map_err(|e| self.err(e.to_string()))?;
        Ok((f, def.kind))
    }

    fn is_language(&self, field: Field) -> bool {
        self.schema.tantivy_schema().get_field("language").ok() == Some(field)
    }

    fn tokens(&self, field: Field, text: &str) -> Vec<(usize, String)> {
        let name = crate::index::analyser_of(self.schema.tantivy_schema(), field);
        let Some(mut analyzer) = name.and_then(|n| self.tokenizers.get(n)) else {
            return vec![(0, text.to_string())];
        };
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        stream.process(&mut |t| out.push((t.position, t.text.clone())));
        out
    }

    fn word(
        &self,
        f: Field,
        kind: FieldKind,
        text: &str,
        prefix: bool,
        fuzzy: Option<u8>,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        // Languages are kept as codes: `lang:German` and `lang:deu` mean `de`, as with --lang.
        let code = (!prefix && fuzzy.is_none() && self.is_language(f))
            .then(|| crate::search::filters::language_code(text));
        let text = code.as_deref().unwrap_or(text);
        match kind {
            FieldKind::Date => {
                let b = DateBound::parse(text).ok_or_else(|| {
                    self.err(format!(
                        "`{text}` is not a date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www)"
                    ))
                })?;
                Ok(Some(date_range(f, Some(b.start()), Some(b.end()))))
            }
            FieldKind::U64 | FieldKind::I64 => {
                Err(self.err("numeric fields cannot be searched with words".into()))
            }
            FieldKind::Text | FieldKind::Keyword => {
                let tokens = self.tokens(f, text);
                if prefix || fuzzy.is_some() {
                    // Prefix and fuzzy apply to the last token; a multi-token word keeps the rest as terms.
                    let Some((_, last)) = tokens.last() else {
                        return Ok(None);
                    };
                    let term = Term::from_field_text(f, last);
                    let q: Box<dyn Query> = if prefix {
                        Box::new(FuzzyTermQuery::new_prefix(term, fuzzy.unwrap_or(0), true))
                    } else {
                        Box::new(FuzzyTermQuery::new(term, fuzzy.unwrap_or(1), true))
                    };
                    if tokens.len() == 1 {
                        return Ok(Some(q));
                    }
                    let mut clauses: Vec<(TOccur, Box<dyn Query>)> = tokens[..tokens.len() - 1]
                        .iter()
                        .map(|(_, t)| (TOccur::Must, term_query(f, t)))
                        .collect();
                    clauses.push((TOccur::Must, q));
                    return Ok(Some(Box::new(BooleanQuery::new(clauses))));
                }
                Ok(self.phrase_from_tokens(f, kind, tokens, 0))
            }
        }
    }

    fn phrase(&self, f: Field, kind: FieldKind, text: &str, slop: u32) -> Option<Box<dyn Query>> {
        match kind {
            FieldKind::Text | FieldKind::Keyword => {
                let tokens = self.tokens(f, text);
                self.phrase_from_tokens(f, kind, tokens, slop)
            }
            _ => DateBound::parse(text).map(|b| date_range(f, Some(b.start()), Some(b.end()))),
        }
    }

    fn phrase_from_tokens(
        &self,
        f: Field,
        kind: FieldKind,
        tokens: Vec<(usize, String)>,
        slop: u32,
    ) -> Option<Box<dyn Query>> {
        match tokens.len() {
            0 => None,
            1 => Some(term_query(f, &tokens[0].1)),
            // Keyword fields have no positions: every token must be there.
            _ if kind == FieldKind::Keyword => Some(Box::new(BooleanQuery::new(
                tokens
                    .iter()
                    .map(|(_, t)| (TOccur::Must, term_query(f, t)))
                    .collect(),
            ))),
            _ => {
                let terms = tokens
                    .into_iter()
                    .map(|(p, t)| (p, Term::from_field_text(f, &t)))
                    .collect();
                Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)))
            }
        }
    }

    fn date_bound(
        &self,
        b: &Bound,
        lower: bool,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, QueryError> {
        let parse = |v: &str| {
            DateBound::parse(v).ok_or_else(|| {
                self.err(format!(
                    "`{v}` is not a date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www)"
                ))
            })
        };
        Ok(match (b, lower) {
            (Bound::Unbounded, _) => None,
            (Bound::Included(v), true) => Some(parse(v)?.start()),
            (Bound::Excluded(v), true) => Some(parse(v)?.end()),
            (Bound::Included(v), false) => Some(parse(v)?.end()),
            (Bound::Excluded(v), false) => Some(parse(v)?.start()),
        })
    }
}

/// An exact, unscored match on a keyword field.
pub(crate) fn keyword_query(f: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(f, text),
        IndexRecordOption::Basic,
    ))
}

pub(crate) fn term_query(f: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(f, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// Dates from `start` (inclusive) to `end` (exclusive); `None` is open.
pub(crate) fn date_range(
    f: Field,
    start: Option<chrono::DateTime<chrono::Utc>>,
    end: Option<chrono::DateTime<chrono::Utc>>,
) -> Box<dyn Query> {
    use std::ops::Bound as B;
    let term = |d: chrono::DateTime<chrono::Utc>| {
        Term::from_field_date_for_search(f, tantivy::DateTime::from_timestamp_secs(d.timestamp()))
    };
    let lo = start.map_or(B::Unbounded, |d| B::Included(term(d)));
    let hi = end.map_or(B::Unbounded, |d| B::Excluded(term(d)));
    Box::new(RangeQuery::new(lo, hi))
}
