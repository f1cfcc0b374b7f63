//! The query language: text → tokens (lexer) → [`Ast`] (parser) → tantivy query (builder).

mod ast;
mod build;
mod error;
mod filter;
mod lexer;
mod parser;

pub use self::ast::{Ast, Bound, Occur};
pub use self::build::Operator;
pub(crate) use self::build::{Builder, date_range, keyword_query, term_query};
pub use self::error::QueryError;
pub(crate) use self::filter::Filter;
pub use self::parser::parse_query;
