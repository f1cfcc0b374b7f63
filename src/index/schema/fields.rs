//! The fields newsdex itself fills or reads, resolved by name once against a built schema.
//!
//! Apart from building the schema because the code depends on these names and kinds while
//! the file may add fields of its own: a missing or mis-kinded field fails here, by name.

use tantivy::schema::{Field, Schema};

use super::def::{FieldKind, SchemaDef};
use crate::{Error, Result};

/// The indexed variants of a `per_language` field: one per stemmed language, and one for
/// every other language.
#[derive(Debug, Clone)]
pub struct Variants {
    /// (language code, field) for each stemmed language.
    pub by_language: Vec<(String, Field)>,
    /// The variant for languages without a stemmer and undetected languages.
    pub any: Field,
}

impl Variants {
    /// The variant an article in `language` is indexed in.
    pub fn for_language(&self, language: Option<&str>) -> Field {
        language
            .and_then(|l| self.by_language.iter().find(|(code, _)| code == l))
            .map_or(self.any, |(_, f)| *f)
    }

    /// Every variant.
    pub fn all(&self) -> impl Iterator<Item = Field> + '_ {
        self.by_language
            .iter()
            .map(|(_, f)| *f)
            .chain(std::iter::once(self.any))
    }
}

/// The fields newsdex itself fills or reads, resolved once.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Fields {
    pub id: Field,
    pub path: Field,
    pub url: Field,
    pub title: Field,
    pub title_variants: Variants,
    pub body: Field,
    pub body_variants: Variants,
    pub description: Field,
    pub outlet: Field,
    pub outlet_source: Field,
    pub authors: Field,
    pub published: Field,
    pub published_text: Field,
    pub published_source: Field,
    pub modified: Field,
    pub language: Field,
    pub section: Field,
    pub entities: Field,
    pub entity_names: Field,
    pub mentioned_dates: Field,
    pub word_count: Field,
    pub para_hashes: Field,
    pub para_removed: Field,
    pub doc_kind: Field,
    pub source_hash: Field,
    pub source_size: Field,
    pub source_mtime: Field,
    pub wire: Field,
    pub simhash: Field,
    pub dup_key: Field,
    pub dup_rank: Field,
}

/// The name of a `per_language` field's variant for a language code (or `any`).
pub(crate) fn variant_name(field: &str, code: &str) -> String {
    format!("{field}_{code}")
}

pub(super) fn variants(def: &SchemaDef, schema: &Schema, name: &str) -> Result<Variants> {
    let per_language = def.fields.iter().any(|f| f.name == name && f.per_language);
    if !per_language {
        return Err(Error::Schema(format!(
            "field `{name}` must be per_language"
        )));
    }
    let get = |code: &str| {
        schema
            .get_field(&variant_name(name, code))
            .map_err(|e| Error::Schema(e.to_string()))
    };
    Ok(Variants {
        by_language: def
            .languages
            .stemmed
            .iter()
            .map(|code| Ok((code.clone(), get(code)?)))
            .collect::<Result<_>>()?,
        any: get("any")?,
    })
}

pub(super) fn resolve(def: &SchemaDef, schema: &Schema) -> Result<Fields> {
    let get = |name: &str, kind: FieldKind, needs: &[&str]| -> Result<Field> {
        let f =
            def.fields.iter().find(|f| f.name == name).ok_or_else(|| {
                Error::Schema(format!("field `{name}` is missing; newsdex needs it"))
            })?;
        if f.kind != kind {
            return Err(Error::Schema(format!(
                "field `{name}` must be of kind {kind:?}"
            )));
        }
        for need in needs {
            let ok = match *need {
                "stored" => f.stored,
                "indexed" => f.indexed,
                "fast" => f.fast,
                _ => true,
            };
            if !ok {
                return Err(Error::Schema(format!("field `{name}` must be {need}")));
            }
        }
        schema
            .get_field(name)
            .map_err(|e| Error::Schema(e.to_string()))
    };
    use FieldKind::*;
    Ok(Fields {
        id: get("id", Keyword, &["stored", "indexed", "fast"])?,
        path: get("path", Keyword, &["stored", "indexed", "fast"])?,
        url: get("url", Keyword, &["stored"])?,
        title: get("title", Text, &["stored"])?,
        title_variants: variants(def, schema, "title")?,
        body: get("body", Text, &["stored"])?,
        body_variants: variants(def, schema, "body")?,
        description: get("description", Text, &[])?,
        outlet: get("outlet", Keyword, &["stored", "indexed", "fast"])?,
        outlet_source: get("outlet_source", Keyword, &["stored"])?,
        authors: get("authors", Text, &["stored"])?,
        published: get("published", Date, &["indexed", "fast"])?,
        published_text: get("published_text", Keyword, &["stored"])?,
        published_source: get("published_source", Keyword, &["stored"])?,
        modified: get("modified", Date, &[])?,
        language: get("language", Keyword, &["stored", "indexed", "fast"])?,
        section: get("section", Keyword, &["stored", "indexed"])?,
        entities: get("entities", Keyword, &["stored", "indexed"])?,
        entity_names: get("entity_names", Keyword, &["indexed"])?,
        mentioned_dates: get("mentioned_dates", Date, &["indexed", "fast"])?,
        word_count: get("word_count", U64, &[])?,
        para_hashes: get("para_hashes", U64, &["fast"])?,
        para_removed: get("para_removed", U64, &["fast"])?,
        doc_kind: get("doc_kind", Keyword, &["indexed", "fast"])?,
        source_hash: get("source_hash", U64, &["fast"])?,
        source_size: get("source_size", U64, &["fast"])?,
        source_mtime: get("source_mtime", I64, &["fast"])?,
        wire: get("wire", Keyword, &["stored", "indexed", "fast"])?,
        simhash: get("simhash", U64, &["fast"])?,
        dup_key: get("dup_key", U64, &["fast"])?,
        dup_rank: get("dup_rank", U64, &["fast"])?,
    })
}
