//! Search: from a [`SearchRequest`] to [`SearchResults`].
//!
//! ```text
//! SearchRequest ─ query::parse_query ─▶ Ast ─ query::Builder ─▶ text query (BM25, title boosted)
//!               ─ filters ─▶ outlet / date / language / entity / wire clauses (score 0)
//!               ─ top::TopGroups ─▶ the groups that can reach the page (copies folded
//!                 into stories, scored by the best copy, recency per copy) and exact totals
//!                 ─ with tally::Tally in the same pass: facets / timeline over every story
//!               ─ order ─▶ the page
//!               ─ stored fields + snippets, KWIC, explanations ─▶ SearchResults
//! ```
//! [`NewsIndex::export`](crate::index::NewsIndex::export) streams every group in the same
//! order instead of one page, without gathering the matches: `pages` cuts them a page at a
//! time after a cursor and `siblings` folds each page's copies by looking up their clusters.

mod collapse;
mod compose;
mod debug;
mod explain;
mod export;
mod facets;
mod filters;
#[cfg(test)]
mod fixture;
mod hits;
mod kwic;
mod order;
mod pages;
mod parallel;
mod period;
mod query;
mod request;
mod results;
mod run;
mod siblings;
mod snapshot;
mod snippets;
mod tally;
mod timeline;
mod top;
mod unmatched;

pub use self::debug::{QueryDebug, debug_query};
pub use self::export::{ExportRecord, ExportSummary};
pub use self::facets::{Facet, FacetCount, FacetField};
pub use self::query::{Ast, Bound, Occur, Operator, QueryError, parse_query};
pub use self::request::{DateBound, SearchRequest, Sort, WireFilter, parse_half_life};
pub use self::results::{Hit, KwicLine, ScoreExplanation, ScorePart, SearchResults, Snippet};
pub use self::timeline::{Bucket, Interval, Series, Timeline};
pub use self::unmatched::Unmatched;

// Named by the modules beside these, which share them.
use self::hits::HitMaker;
use self::run::Recency;
