//! The parsed form of a query: what the parser hands the builder.
//!
//! Kept apart from the parser so the builder (and callers matching on a parsed query) depend
//! on the shape of a query, not on how text becomes one.

/// How a clause takes part in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    /// Must match (`+word`, `AND`).
    Must,
    /// May match; adds to the score (`OR`, or side by side with `--any`).
    Should,
    /// Must not match (`-word`, `NOT`).
    MustNot,
    /// Side by side: decided by the default operator.
    Default,
}

/// One end of a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// Includes the value.
    Included(String),
    /// Excludes the value.
    Excluded(String),
    /// Open (`*`).
    Unbounded,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    /// A word: `drones`, `title:drones`, `drone*`, `drones~1`.
    Word {
        /// Field named before `:`.
        field: Option<String>,
        /// The word.
        text: String,
        /// Ends in `*`.
        prefix: bool,
        /// Edit distance after `~`.
        fuzzy: Option<u8>,
    },
    /// A quoted phrase, with its slop after `~`.
    Phrase {
        /// Field named before `:`.
        field: Option<String>,
        /// The words.
        text: String,
        /// How many positions words may move.
        slop: u32,
    },
    /// A range on a field.
    Range {
        /// The field.
        field: String,
        /// Lower end.
        lower: Bound,
        /// Upper end.
        upper: Bound,
    },
    /// Clauses with how each takes part.
    Group(Vec<(Occur, Ast)>),
    /// Matches every article (`*` alone, or an empty query).
    All,
}
