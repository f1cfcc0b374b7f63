//! Filters from a [`SearchRequest`] as tantivy queries, built from typed values (never by
//! pasting strings into the query language).

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};

use super::query::{Filter, date_range, term_query};
use super::{SearchRequest, WireFilter};
use crate::extract::entities::AliasTable;
use crate::extract::language::normalise_code;
use crate::index::Fields;

/// Articles with an entity of type `kind`: the `type:` prefix of the `entities` keywords.
fn of_type(f: &Fields, kind: crate::EntityKind) -> Box<dyn Query> {
    use std::ops::Bound as B;
    let term = |s: String| tantivy::Term::from_field_text(f.entities, &s);
    Box::new(tantivy::query::RangeQuery::new(
        B::Included(term(format!("{kind}:"))),
        B::Excluded(term(format!("{kind};"))),
    ))
}

/// The indexed form of an `--outlet` value (the outlet field's keyword analyser lowercases).
pub(super) fn outlet_term(outlet: &str) -> String {
    outlet.trim().to_lowercase()
}

/// The language code a `--lang` value means (`German`, `deu`, `DE` → `de`).
pub(super) fn language_code(lang: &str) -> String {
    normalise_code(lang).unwrap_or_else(|| lang.trim().to_lowercase())
}

/// The lowercased names an `--entity` value stands for: its aliases in `aliases`, or itself.
pub(super) fn entity_names(entity: &str, aliases: Option<&AliasTable>) -> Vec<String> {
    match aliases {
        Some(table) => table.names_for(entity.trim()),
        None => vec![entity.trim().to_lowercase()],
    }
}

/// `names` under each of `kinds`, as the `entities` field keeps them (`place:kyiv`).
pub(super) fn typed<'k>(
    kinds: impl IntoIterator<Item = &'k crate::EntityKind>,
    names: &[String],
) -> Vec<String> {
    kinds
        .into_iter()
        .flat_map(|k| names.iter().map(move |n| format!("{k}:{n}")))
        .collect()
}

/// The request's filters, each a clause every hit must match (they do not change scores).
/// Entity names are resolved with `aliases` (needed only when the request names entities):
/// `Kiev` finds articles where "Kyiv" was found.
pub(crate) fn filters(
    req: &SearchRequest,
    f: &Fields,
    aliases: Option<&AliasTable>,
) -> Vec<Box<dyn Query>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    let any_of = |field, values: Vec<String>| -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            values
                .iter()
                .map(|v| (Occur::Should, term_query(field, v)))
                .collect(),
        ))
    };
    if !req.outlets.is_empty() {
        out.push(any_of(
            f.outlet,
            req.outlets.iter().map(|o| outlet_term(o)).collect(),
        ));
    }
    if !req.languages.is_empty() {
        let codes = req.languages.iter().map(|l| language_code(l)).collect();
        out.push(any_of(f.language, codes));
    }
    for entity in &req.entities {
        let names = entity_names(entity, aliases);
        if req.entity_types.is_empty() {
            // A canonical name is kept with its type only (`place:kyiv`); `entity_names`
            // holds the other forms the entity was found under.
            let typed = typed(&crate::EntityKind::ALL, &names);
            out.push(Box::new(BooleanQuery::new(vec![
                (Occur::Should, any_of(f.entity_names, names)),
                (Occur::Should, any_of(f.entities, typed)),
            ])));
        } else {
            out.push(any_of(f.entities, typed(&req.entity_types, &names)));
        }
    }
    if req.entities.is_empty() && !req.entity_types.is_empty() {
        out.push(Box::new(BooleanQuery::new(
            req.entity_types
                .iter()
                .map(|k| (Occur::Should, of_type(f, *k)))
                .collect(),
        )));
    }
    let mut dated: Vec<Filter> = Vec::new();
    for period in &req.mentions {
        dated.push(date_filter(
            f.mentioned_dates,
            Some(period.start()),
            Some(period.end()),
        ));
    }
    match &req.wire {
        None => {}
        Some(WireFilter::Named(name)) => out.push(term_query(f.wire, &name.trim().to_lowercase())),
        Some(WireFilter::Any) => out.push(any_wire(f)),
        Some(WireFilter::None) => out.push(Box::new(BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(tantivy::query::AllQuery) as Box<dyn Query>,
            ),
            (Occur::MustNot, any_wire(f)),
        ]))),
    }
    if req.since.is_some() || req.until.is_some() {
        dated.push(date_filter(
            f.published,
            req.since.map(|d| d.start()),
            req.until.map(|d| d.end()),
        ));
    }
    out.into_iter()
        .map(|q| Filter::new(unscored(q)))
        .chain(dated)
        .map(|q| Box::new(q) as Box<dyn Query>)
        .collect()
}

/// A clause that counts for matching only.
fn unscored(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

/// Dates of `field` from `start` (inclusive) to `end` (exclusive), as a filter costed by
/// what its column holds in that range.
fn date_filter(
    field: tantivy::schema::Field,
    start: Option<chrono::DateTime<chrono::Utc>>,
    end: Option<chrono::DateTime<chrono::Utc>>,
) -> Filter {
    let at =
        |d: chrono::DateTime<chrono::Utc>| tantivy::DateTime::from_timestamp_secs(d.timestamp());
    Filter::dates(
        unscored(date_range(field, start, end)),
        field,
        start.map(at),
        end.map(at),
    )
}

/// Articles crediting any wire service.
fn any_wire(_f: &Fields) -> Box<dyn Query> {
    Box::new(tantivy::query::ExistsQuery::new("wire".to_string(), false))
}
