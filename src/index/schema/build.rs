//! A parsed schema file checked and turned into a tantivy [`Schema`].
//!
//! Apart from the file's types because this is where the rules live (known analysers, one
//! field kept apart, `per_language` variants, what a default or snippet field must be).

use tantivy::schema::{
    DateOptions, DateTimePrecision, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions,
};

use super::def::{FieldKind, SchemaDef};
use super::fields::variant_name;
use crate::index::analyzers;
use crate::{Error, Result};

pub(super) fn build(def: &SchemaDef) -> Result<Schema> {
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
