//! `NewsSchema`: the index fields as data (`index-schema/schema.toml`), checked and turned
//! into a tantivy schema, with every field the code fills resolved by name once.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions,
};

use super::analyzers;
use crate::{Error, Result};

/// The schema file shipped with newsdex, embedded in the library.
pub const DEFAULT_SCHEMA: &str = include_str!("../../index-schema/schema.toml");

/// [`DEFAULT_SCHEMA`] as JSON, converted by `build.rs`: every command starts by reading the
/// embedded schema, and parsing its TOML took ~0.15 ms of a whole-process search, JSON (whose
/// parser the index's metadata warms anyway) a fraction of that.
const DEFAULT_SCHEMA_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/schema.json"));

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

/// A checked schema: its definition, the tantivy schema built from it, and resolved fields.
#[derive(Debug, Clone)]
pub struct NewsSchema {
    def: SchemaDef,
    source: String,
    schema: Schema,
    fields: Fields,
    variants: BTreeMap<String, Variants>,
}

impl Default for NewsSchema {
    /// The embedded schema (`index-schema/schema.toml`).
    fn default() -> Self {
        serde_json::from_str(DEFAULT_SCHEMA_JSON)
            .map_err(|e| Error::Schema(e.to_string()))
            .and_then(|def| NewsSchema::from_def(def, DEFAULT_SCHEMA))
            .expect("the embedded schema is valid (tested)")
    }
}

impl NewsSchema {
    /// Parses and checks a schema file's text.
    ///
    /// # Errors
    /// [`Error::Schema`] naming what is wrong: TOML syntax, an unknown analyser, a duplicate
    /// or missing field, a field of the wrong kind.
    ///
    /// # Example
    /// ```
    /// let s = newsdex::NewsSchema::parse(newsdex::DEFAULT_SCHEMA)?;
    /// assert!(s.version() >= 1);
    /// # Ok::<(), newsdex::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<NewsSchema> {
        let def: SchemaDef = toml::from_str(text).map_err(|e| Error::Schema(e.to_string()))?;
        NewsSchema::from_def(def, text)
    }

    /// Checks a parsed definition; `text` is the file it was read from.
    fn from_def(def: SchemaDef, text: &str) -> Result<NewsSchema> {
        let schema = build(&def)?;
        let fields = resolve(&def, &schema)?;
        let variants = def
            .fields
            .iter()
            .filter(|f| f.per_language)
            .map(|f| Ok((f.name.clone(), variants(&def, &schema, &f.name)?)))
            .collect::<Result<_>>()?;
        Ok(NewsSchema {
            def,
            source: text.to_string(),
            schema,
            fields,
            variants,
        })
    }

    /// The indexed variants of a `per_language` field, `None` for other fields.
    pub fn variants(&self, field: &str) -> Option<&Variants> {
        self.variants.get(field)
    }

    /// Reads and checks a schema file.
    ///
    /// # Errors
    /// [`Error::Io`] when unreadable, [`Error::Schema`] when invalid.
    pub fn from_file(path: &Path) -> Result<NewsSchema> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        NewsSchema::parse(&text).map_err(|e| match e {
            Error::Schema(m) => Error::Schema(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// The schema version.
    pub fn version(&self) -> u32 {
        self.def.version
    }

    /// The parsed definition.
    pub fn def(&self) -> &SchemaDef {
        &self.def
    }

    /// The schema file's text as given.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The tantivy schema.
    pub fn tantivy_schema(&self) -> &Schema {
        &self.schema
    }

    /// The resolved fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The field kept in the text store (`apart = true`), if any.
    pub(crate) fn apart(&self) -> Option<tantivy::schema::Field> {
        let def = self.def.fields.iter().find(|f| f.apart)?;
        self.schema.get_field(&def.name).ok()
    }

    /// The definition of a field by name.
    pub fn field_def(&self, name: &str) -> Option<&FieldDef> {
        self.def.fields.iter().find(|f| f.name == name)
    }
}

fn build(def: &SchemaDef) -> Result<Schema> {
    if def.version == 0 {
        return Err(Error::Schema("version must be 1 or more".into()));
    }
    for name in def.analyzers.keys() {
        if !analyzers::is_known(name) {
            return Err(Error::Schema(format!(
                "analyzer `{name}` is not one newsdex provides (known: {})",
                analyzers::KNOWN.join(", ")
            )));
        }
    }
    for code in &def.languages.stemmed {
        if analyzers::stemmer(code).is_none() {
            return Err(Error::Schema(format!(
                "[languages] stemmed: no stemmer for `{code}` (known: {})",
                analyzers::STEMMED.join(", ")
            )));
        }
    }
    if def.fields.iter().filter(|f| f.apart).count() > 1 {
        return Err(Error::Schema(
            "at most one field can be kept apart (`apart = true`)".into(),
        ));
    }
    let mut builder = Schema::builder();
    let mut seen = std::collections::HashSet::new();
    for f in &def.fields {
        if !seen.insert(f.name.as_str()) {
            return Err(Error::Schema(format!(
                "field `{}` is defined twice",
                f.name
            )));
        }
        if f.name.is_empty()
            || !f
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(Error::Schema(format!(
                "field name `{}` must be ASCII letters, digits and _",
                f.name
            )));
        }
        if f.apart && !(f.kind == FieldKind::Text && f.stored) {
            return Err(Error::Schema(format!(
                "field `{}`: only a stored text field can be kept apart",
                f.name
            )));
        }
        match f.kind {
            FieldKind::Text | FieldKind::Keyword => {
                let tokenizer = f.tokenizer.as_deref().ok_or_else(|| {
                    Error::Schema(format!("field `{}` needs a tokenizer", f.name))
                })?;
                if !def.analyzers.contains_key(tokenizer) {
                    return Err(Error::Schema(format!(
                        "field `{}` names analyzer `{tokenizer}`, which [analyzers] does not list",
                        f.name
                    )));
                }
                if f.per_language {
                    if f.kind != FieldKind::Text || !f.indexed {
                        return Err(Error::Schema(format!(
                            "field `{}`: per_language needs an indexed text field",
                            f.name
                        )));
                    }
                    let variant = |tokenizer: &str| {
                        TextOptions::default().set_indexing_options(
                            TextFieldIndexing::default()
                                .set_tokenizer(tokenizer)
                                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                        )
                    };
                    for code in &def.languages.stemmed {
                        builder.add_text_field(
                            &variant_name(&f.name, code),
                            variant(&format!("stem_{code}")),
                        );
                    }
                    builder.add_text_field(&variant_name(&f.name, "any"), variant(tokenizer));
                    // The field itself only keeps the text, for display and snippets (in
                    // the text store when it is kept apart).
                    let stored = if f.stored && !f.apart {
                        TextOptions::default().set_stored()
                    } else {
                        TextOptions::default()
                    };
                    builder.add_text_field(&f.name, stored);
                    continue;
                }
                let mut opts = TextOptions::default();
                if f.indexed {
                    let record = if f.kind == FieldKind::Text {
                        IndexRecordOption::WithFreqsAndPositions
                    } else {
                        IndexRecordOption::Basic
                    };
                    // Keyword fields filter and facet; they are never scored by length, so
                    // they keep no field norms (a byte per document and field otherwise).
                    opts = opts.set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer(tokenizer)
                            .set_index_option(record)
                            .set_fieldnorms(f.kind == FieldKind::Text),
                    );
                }
                if f.stored && !f.apart {
                    opts = opts.set_stored();
                }
                if f.fast {
                    if f.kind == FieldKind::Text {
                        return Err(Error::Schema(format!(
                            "text field `{}` cannot be fast; use a keyword field",
                            f.name
                        )));
                    }
                    // Columns keep values as written, for facets and display.
                    opts = opts.set_fast("raw");
                }
                builder.add_text_field(&f.name, opts);
            }
            FieldKind::Date => {
                let mut opts = DateOptions::default().set_precision(DateTimePrecision::Seconds);
                if f.indexed {
                    opts = opts.set_indexed();
                }
                if f.stored {
                    opts = opts.set_stored();
                }
                if f.fast {
                    opts = opts.set_fast();
                }
                builder.add_date_field(&f.name, opts);
            }
            FieldKind::U64 | FieldKind::I64 => {
                let mut opts = NumericOptions::default();
                if f.indexed {
                    opts = opts.set_indexed();
                }
                if f.stored {
                    opts = opts.set_stored();
                }
                if f.fast {
                    opts = opts.set_fast();
                }
                if f.kind == FieldKind::U64 {
                    builder.add_u64_field(&f.name, opts);
                } else {
                    builder.add_i64_field(&f.name, opts);
                }
            }
        }
    }
    let schema = builder.build();
    for b in &def.search.default_fields {
        match def.fields.iter().find(|f| f.name == b.field) {
            Some(f) if f.kind == FieldKind::Text && f.indexed => {}
            _ => {
                return Err(Error::Schema(format!(
                    "default search field `{}` must be an indexed text field",
                    b.field
                )));
            }
        }
    }
    match def
        .fields
        .iter()
        .find(|f| f.name == def.search.snippet_field)
    {
        Some(f) if f.kind == FieldKind::Text && f.stored => Ok(schema),
        _ => Err(Error::Schema(format!(
            "snippet field `{}` must be a stored text field",
            def.search.snippet_field
        ))),
    }
}

/// The name of a `per_language` field's variant for a language code (or `any`).
pub(crate) fn variant_name(field: &str, code: &str) -> String {
    format!("{field}_{code}")
}

fn variants(def: &SchemaDef, schema: &Schema, name: &str) -> Result<Variants> {
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

fn resolve(def: &SchemaDef, schema: &Schema) -> Result<Fields> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_schema_is_valid() {
        let s = NewsSchema::default();
        assert_eq!(s.def().search.snippet_field, "body");
        assert!(s.field_def("title").is_some());
    }

    /// The embedded schema read from build.rs's JSON is the TOML file's, field for field.
    #[test]
    fn embedded_json_is_the_toml_schema() {
        let from_json = NewsSchema::default();
        let from_toml = NewsSchema::parse(DEFAULT_SCHEMA).unwrap();
        assert_eq!(from_json.def(), from_toml.def());
        assert_eq!(from_json.source(), from_toml.source());
        assert_eq!(from_json.tantivy_schema(), from_toml.tantivy_schema());
    }

    #[test]
    fn errors_name_the_problem() {
        let cases = [
            (
                DEFAULT_SCHEMA.replace("tokenizer = \"news\"", "tokenizer = \"klingon\""),
                "analyzer `klingon`",
            ),
            (
                DEFAULT_SCHEMA.replace("name = \"outlet\"", "name = \"source\""),
                "field `outlet` is missing",
            ),
            (
                DEFAULT_SCHEMA.replace(
                    &format!("version = {}", NewsSchema::default().version()),
                    "version = 0",
                ),
                "version must be",
            ),
            (
                DEFAULT_SCHEMA.replace("[[fields]]\nname = \"id\"", "[[fields]]\nname = \"title\""),
                "defined twice",
            ),
            ("version = ".to_string(), "schema"),
        ];
        for (text, want) in cases {
            let err = NewsSchema::parse(&text).unwrap_err().to_string();
            assert!(err.contains(want), "{want} not in {err}");
        }
    }
}
