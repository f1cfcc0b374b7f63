//! The query language: text → [`Ast`] (parser) → tantivy query (builder).

mod build;
mod parser;

pub use self::build::Operator;
pub(crate) use self::build::{Builder, date_range, keyword_query, term_query};
pub use self::parser::{Ast, Bound, Occur, QueryError, parse_query};
