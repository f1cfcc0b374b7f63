//! Filter values that match no article of the index: an outlet spelt another way ("Harbour
//! Times"), a language the index does not hold, an entity no article names. A search with
//! one finds nothing, or less than was meant, and says nothing of why; the results name each
//! such value, with the index's outlets or languages closest to it.

use serde::{Deserialize, Serialize};
use tantivy::{Searcher, Term};

use super::SearchRequest;
use super::filters::{entity_names, language_code, outlet_term, typed};
use crate::extract::entities::AliasTable;
use crate::index::Fields;
use crate::{EntityKind, Result};

/// A filter value no article of the index has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmatched {
    /// The filter: `outlet`, `lang` or `entity`.
    pub filter: String,
    /// The value as given.
    pub value: String,
    /// Values the index holds that are close to it (outlets and languages), best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
}

/// The values of `req`'s outlet, language and entity filters that no article has.
pub(super) fn unmatched(
    searcher: &Searcher,
    f: &Fields,
    req: &SearchRequest,
    aliases: Option<&AliasTable>,
) -> Result<Vec<Unmatched>> {
    let held = |field, text: &str| -> Result<bool> {
        Ok(searcher.doc_freq(&Term::from_field_text(field, text))? > 0)
    };
    let mut out = Vec::new();
    for outlet in &req.outlets {
        if !held(f.outlet, &outlet_term(outlet))? {
            let names = column_values(searcher, "outlet")?;
            out.push(Unmatched {
                filter: "outlet".into(),
                value: outlet.clone(),
                suggestions: closest(outlet, &names),
            });
        }
    }
    for lang in &req.languages {
        if !held(f.language, &language_code(lang))? {
            let codes = column_values(searcher, "language")?;
            out.push(Unmatched {
                filter: "lang".into(),
                value: lang.clone(),
                suggestions: closest(lang, &codes),
            });
        }
    }
    for entity in &req.entities {
        // As the filter matches: any of its names among the other forms, or as a canonical
        // name under any type.
        let names = entity_names(entity, aliases);
        let mut found = false;
        for (field, term) in names.iter().map(|n| (f.entity_names, n.clone())).chain(
            typed(&EntityKind::ALL, &names)
                .into_iter()
                .map(|t| (f.entities, t)),
        ) {
            if held(field, &term)? {
                found = true;
                break;
            }
        }
        if !found {
            out.push(Unmatched {
                filter: "entity".into(),
                value: entity.clone(),
                suggestions: Vec::new(),
            });
        }
    }
    Ok(out)
}

/// The distinct values of a string column over the index, as stored.
fn column_values(searcher: &Searcher, column: &str) -> Result<Vec<String>> {
    let mut values = std::collections::BTreeSet::new();
    let mut buf = String::new();
    for segment in searcher.segment_readers() {
        let Some(col) = segment.fast_fields().str(column)? else {
            continue;
        };
        let mut ord = 0;
        while ord < col.num_terms() as u64 {
            col.ord_to_str(ord, &mut buf)
                .map_err(tantivy::TantivyError::from)?;
            values.insert(buf.clone());
            ord += 1;
        }
    }
    Ok(values.into_iter().collect())
}

/// Up to three of `held` close to `value`: compared lowercased, by letters and digits only,
/// one containing the other or at most a third of the letters apart (edit distance).
fn closest(value: &str, held: &[String]) -> Vec<String> {
    let key = |s: &str| -> String {
        s.to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let v = key(value);
    if v.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, &String)> = held
        .iter()
        .filter_map(|h| {
            let k = key(h);
            let d = strsim::levenshtein(&v, &k);
            let near = d * 3 <= v.chars().count().max(k.chars().count());
            let inside = k.len() >= 3 && (k.contains(&v) || v.contains(&k));
            (near || inside).then_some((d, h))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, h)| h.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_values_are_suggested_best_first() {
        let held: Vec<String> = [
            "Harbor Times",
            "The Baltic Courier",
            "Meridian Wire",
            "de",
            "en",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        assert_eq!(closest("Harbour Times", &held), ["Harbor Times"]);
        assert_eq!(closest("baltic courier", &held), ["The Baltic Courier"]);
        assert!(closest("Lakeside Gazette", &held).is_empty());
        assert!(closest("", &held).is_empty());
    }
}
