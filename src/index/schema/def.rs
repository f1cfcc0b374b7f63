//! The schema file's shape (`index-schema/schema.toml`), as serde reads it.
//!
//! Plain data with no checks: what the file may say lives here, what it must say is checked
//! where the tantivy schema is built from it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The kind of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// Analysed text with positions (phrases work).
    Text,
    /// One token per value (exact or case-insensitive matching), no positions.
    Keyword,
    /// A date (second precision).
    Date,
    /// An unsigned integer.
    U64,
    /// A signed integer.
    I64,
}

/// One field of the schema file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// Field name, as used in queries (`outlet:…`).
    pub name: String,
    /// Kind of values.
    pub kind: FieldKind,
    /// Analyser for text and keyword fields (see `[analyzers]`).
    #[serde(default)]
    pub tokenizer: Option<String>,
    /// Kept in the document store (shown in results).
    #[serde(default)]
    pub stored: bool,
    /// Stored in a document store of its own (each segment's `.text` file), read only when
    /// its text is needed (snippets, KWIC, re-indexing), so that reading the other stored
    /// fields never decompresses it. For one long stored text field (the body) at most.
    #[serde(default)]
    pub apart: bool,
    /// Searchable.
    #[serde(default)]
    pub indexed: bool,
    /// Column-oriented for sorting, facets and bookkeeping.
    #[serde(default)]
    pub fast: bool,
    /// May hold several values per article.
    #[serde(default)]
    pub multi: bool,
    /// Text analysed in the article's language: indexed in a variant field per stemmed
    /// language (`<name>_<code>`, analyser `stem_<code>`) and `<name>_any` (the field's own
    /// analyser) for other languages; the field itself keeps the text for display.
    #[serde(default)]
    pub per_language: bool,
    /// What the field is for.
    #[serde(default)]
    pub doc: Option<String>,
}

/// A default search field with its boost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoostedField {
    /// Field name.
    pub field: String,
    /// BM25 multiplier.
    pub boost: f32,
}

/// The `[search]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchDef {
    /// Fields searched when a query names none.
    pub default_fields: Vec<BoostedField>,
    /// Field snippets are cut from.
    pub snippet_field: String,
}

/// An `[analyzers.NAME]` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyzerDef {
    /// What the analyser does.
    pub description: String,
}

/// The `[languages]` table.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguagesDef {
    /// ISO 639-1 codes of the languages whose stemmer `per_language` fields use.
    #[serde(default)]
    pub stemmed: Vec<String>,
}

/// The schema file, as parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaDef {
    /// Schema version; an index refuses to open under another one.
    pub version: u32,
    /// Default search settings.
    pub search: SearchDef,
    /// Analysers the fields may name.
    pub analyzers: BTreeMap<String, AnalyzerDef>,
    /// Languages analysed with their own stemmer.
    #[serde(default)]
    pub languages: LanguagesDef,
    /// The fields.
    pub fields: Vec<FieldDef>,
}
