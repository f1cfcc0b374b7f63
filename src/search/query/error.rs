//! The error a query that cannot be parsed gives, with where it broke.
//!
//! Both the lexer and the parser raise it, so it sits apart from either.

use std::fmt;

/// A query the user typed could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    /// The query as typed.
    pub query: String,
    /// Character offset where it broke.
    pub position: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid query: {} at character {}\n  {}\n  {}^",
            self.message,
            self.position + 1,
            self.query,
            " ".repeat(self.query.chars().take(self.position).map(|_| 1).sum())
        )
    }
}

pub(super) fn err(query: &str, position: usize, message: impl Into<String>) -> QueryError {
    QueryError {
        query: query.to_string(),
        position,
        message: message.into(),
    }
}
