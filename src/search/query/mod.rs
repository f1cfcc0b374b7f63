//! The query language: text → [`Ast`] (parser) → tantivy query (builder).

mod build;
mod filter;
mod parser;

pub use self::build::Operator;
pub(crate) use self::build::{Builder, date_range, keyword_query, term_query};
pub(crate) use self::filter::Filter;
pub use self::parser::{Ast, Bound, Occur, QueryError, parse_query};
