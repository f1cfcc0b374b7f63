//! Facets: how many matching stories each outlet, entity, section, language or wire service
//! has — over all matches, not only the page shown, read from fast columns.
//!
//! Counting works on term ordinals per segment (one hash map increment per value) and turns
//! ordinals into strings once per distinct value, so its cost grows with the number of
//! matches, not with the size of the stored documents.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
#[cfg(test)]
use tantivy::columnar::StrColumn;
#[cfg(test)]
use tantivy::{DocId, Searcher};

#[cfg(test)]
use super::collapse::Group;
use crate::{Error, Result};

/// A field matches can be counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetField {
    /// Outlet name.
    Outlet,
    /// Any entity, as `type:Name`.
    Entity,
    /// People.
    Person,
    /// Organisations.
    Organization,
    /// Places.
    Place,
    /// Section or desk.
    Section,
    /// Language code.
    Language,
    /// Wire service credited.
    Wire,
}

impl FacetField {
    /// Every facet field, in display order.
    pub const ALL: [FacetField; 8] = [
        FacetField::Outlet,
        FacetField::Entity,
        FacetField::Person,
        FacetField::Organization,
        FacetField::Place,
        FacetField::Section,
        FacetField::Language,
        FacetField::Wire,
    ];

    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Outlet => "outlet",
            FacetField::Entity => "entity",
            FacetField::Person => "person",
            FacetField::Organization => "organization",
            FacetField::Place => "place",
            FacetField::Section => "section",
            FacetField::Language => "language",
            FacetField::Wire => "wire",
        }
    }

    /// Parses a facet name (`organisation`, `org`, `lang` are accepted too).
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] naming the accepted names.
    ///
    /// # Example
    /// ```
    /// use newsdex::search::FacetField;
    /// assert_eq!(FacetField::parse("Outlet")?, FacetField::Outlet);
    /// assert_eq!(FacetField::parse("org")?, FacetField::Organization);
    /// assert!(FacetField::parse("colour").is_err());
    /// # Ok::<(), newsdex::Error>(())
    /// ```
    pub fn parse(s: &str) -> Result<FacetField> {
        let s = s.trim().to_lowercase();
        let alias = match s.as_str() {
            "organisation" | "org" | "organizations" => "organization",
            "lang" => "language",
            "people" | "persons" => "person",
            "places" => "place",
            "outlets" | "source" => "outlet",
            "entities" => "entity",
            other => other,
        };
        FacetField::ALL
            .into_iter()
            .find(|f| f.name() == alias)
            .ok_or_else(|| {
                Error::InvalidRequest(format!(
                    "unknown facet {s:?}: expected one of {}",
                    FacetField::ALL.map(FacetField::name).join(", ")
                ))
            })
    }

    /// The fast column holding its values, and for entity types the `type:` prefix kept.
    pub(crate) fn column(self) -> (&'static str, Option<&'static str>) {
        match self {
            FacetField::Outlet => ("outlet", None),
            FacetField::Entity => ("entities", None),
            FacetField::Person => ("entities", Some("person:")),
            FacetField::Organization => ("entities", Some("organization:")),
            FacetField::Place => ("entities", Some("place:")),
            FacetField::Section => ("section", None),
            FacetField::Language => ("language", None),
            FacetField::Wire => ("wire", None),
        }
    }
}

/// One value of a facet and how many matching stories have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value (for entity types, the name without its `type:` prefix).
    pub value: String,
    /// Matching stories with this value.
    pub count: u64,
}

/// The counts of one facet field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    /// The field.
    pub field: FacetField,
    /// The most frequent values, most frequent first (ties alphabetical), at most the limit.
    pub values: Vec<FacetCount>,
    /// Distinct values in all, beyond those listed too.
    pub distinct: u64,
    /// Matching stories without any value for this field.
    pub missing: u64,
}

/// Counts `fields` over the groups' shown copies: the plain reference `tally` is tested
/// against.
#[cfg(test)]
pub(crate) fn count(
    searcher: &Searcher,
    groups: &[Group],
    fields: &[FacetField],
    limit: usize,
) -> Result<Vec<Facet>> {
    let mut by_segment: HashMap<u32, Vec<DocId>> = HashMap::new();
    for g in groups {
        by_segment
            .entry(g.rep.addr.segment_ord)
            .or_default()
            .push(g.rep.addr.doc_id);
    }
    let mut columns: Vec<&'static str> = fields.iter().map(|f| f.column().0).collect();
    columns.sort_unstable();
    columns.dedup();
    // column → value → count, and column → stories with no value.
    let mut totals: HashMap<&str, HashMap<String, u64>> = HashMap::new();
    let mut missing: HashMap<(&str, Option<&str>), u64> = HashMap::new();
    let mut buf = String::new();
    for (seg, docs) in by_segment {
        let ff = searcher.segment_reader(seg).fast_fields();
        for &name in &columns {
            let col: Option<StrColumn> = ff.str(name)?;
            let prefixes: Vec<Option<&str>> = fields
                .iter()
                .filter(|f| f.column().0 == name)
                .map(|f| f.column().1)
                .collect();
            let mut ords: HashMap<u64, u64> = HashMap::new();
            for &doc in &docs {
                let mut any = false;
                if let Some(col) = &col {
                    for ord in col.term_ords(doc) {
                        *ords.entry(ord).or_default() += 1;
                        any = true;
                    }
                }
                if !any {
                    for p in &prefixes {
                        *missing.entry((name, *p)).or_default() += 1;
                    }
                }
            }
            let Some(col) = &col else { continue };
            let values = totals.entry(name).or_default();
            for (ord, n) in ords {
                col.ord_to_str(ord, &mut buf)
                    .map_err(tantivy::TantivyError::from)?;
                *values.entry(buf.clone()).or_default() += n;
            }
        }
    }
    let none: HashMap<&str, u64> = missing
        .into_iter()
        .map(|((name, _), n)| (name, n))
        .collect();
    Ok(finish(fields, &totals, &none, limit))
}

/// The facets of `fields` from value counts per column (`totals`) and the number of
/// stories with no value in each column (`none`): top `limit` values, most frequent first.
pub(crate) fn finish(
    fields: &[FacetField],
    totals: &HashMap<&str, HashMap<String, u64>>,
    none: &HashMap<&str, u64>,
    limit: usize,
) -> Vec<Facet> {
    let empty = HashMap::new();
    fields
        .iter()
        .map(|&field| {
            let (name, prefix) = field.column();
            let all = totals.get(name).unwrap_or(&empty);
            let mut values: Vec<FacetCount> = match prefix {
                None => all
                    .iter()
                    .map(|(v, &count)| FacetCount {
                        value: v.clone(),
                        count,
                    })
                    .collect(),
                Some(p) => all
                    .iter()
                    .filter_map(|(v, &count)| {
                        v.strip_prefix(p).map(|name| FacetCount {
                            value: name.to_string(),
                            count,
                        })
                    })
                    .collect(),
            };
            let distinct = values.len() as u64;
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            values.truncate(limit);
            // Stories with no value in the column (for an entity type: with no entity).
            let missing = none.get(name).copied().unwrap_or(0);
            Facet {
                field,
                values,
                distinct,
                missing,
            }
        })
        .collect()
}
