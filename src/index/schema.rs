//! `NewsSchema`: the index fields as data (`index-schema/schema.toml`), checked and turned
//! into a tantivy schema, with every field the code fills resolved by name once.

mod build;
mod def;
mod fields;

pub use self::def::{AnalyzerDef, BoostedField, FieldDef, FieldKind, SchemaDef, SearchDef};
pub use self::fields::{Fields, Variants};

use std::collections::BTreeMap;
use std::path::Path;

use tantivy::schema::Schema;

use self::build::build;
use self::fields::{resolve, variants};
use crate::{Error, Result};

/// The schema file shipped with newsdex, embedded in the library.
pub const DEFAULT_SCHEMA: &str = include_str!("../../index-schema/schema.toml");

/// [`DEFAULT_SCHEMA`] as JSON, converted by `build.rs`: every command starts by reading the
/// embedded schema, and parsing its TOML took ~0.15 ms of a whole-process search, JSON (whose
/// parser the index's metadata warms anyway) a fraction of that.
const DEFAULT_SCHEMA_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/schema.json"));

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
