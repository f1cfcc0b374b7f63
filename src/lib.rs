//! # newsdex
//!
//! Full-text search for news corpora. Point it at a folder of articles — plain text,
//! Markdown with front matter, saved web pages, JSON and JSON Lines from crawlers, any of
//! them gzipped — and it builds a [tantivy](https://docs.rs/tantivy) index of clean articles
//! (title, body without boilerplate, outlet, authors, date, language) that you can search
//! with BM25 ranking, filters and highlighted snippets.
//!
//! ```
//! use newsdex::{NewsIndex, WriterOptions, search::{SearchRequest, Sort}};
//!
//! # let dir = tempfile::tempdir()?;
//! # let corpus = dir.path().join("corpus");
//! # std::fs::create_dir(&corpus)?;
//! # std::fs::write(corpus.join("a.txt"), "Title: Iran admits sending drones to Russia\n\
//! #     Outlet: Harbor Times\nDate: 2022-11-05\n\nIran said on Saturday that it had sent drones to Russia.")?;
//! # std::fs::write(corpus.join("b.txt"), "Title: Port strike ends\nOutlet: Danube Herald\nDate: 2021-06-01\n\n\
//! #     Dockers returned to work after a deal on pay.")?;
//! // Index a folder (a re-run only reads new or changed files).
//! let index = NewsIndex::open_or_create(dir.path().join("index"))?;
//! let mut indexer = index.indexer(WriterOptions::default())?;
//! indexer.add_paths(&[corpus], &|_event| {})?;
//! let report = indexer.finish()?;
//! assert_eq!(report.articles_added, 2);
//!
//! // Search it.
//! let request = SearchRequest::new("drones AND iran")
//!     .outlet("harbor times")
//!     .since("2022")?
//!     .sort(Sort::Newest);
//! let results = index.search(&request)?;
//! assert_eq!(results.total, 1);
//! let hit = &results.hits[0];
//! assert_eq!(hit.title.as_deref(), Some("Iran admits sending drones to Russia"));
//! assert_eq!(hit.published.as_deref(), Some("2022-11-05"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## The pipeline
//!
//! ```text
//! PATH ─ingest::walk─▶ Candidate ─SourceFile::load─▶ SourceFile ─ingest::read─▶ RawArticle
//!      ─extract::extract─▶ Article ─Indexer─▶ tantivy document (fields from index-schema/)
//!
//! SearchRequest ─NewsIndex::search─▶ SearchResults { total, hits }
//! ```
//!
//! Each stage lives in its own module: [`ingest`] reads files, [`extract`] cleans articles,
//! [`index`] defines the schema and writes, [`search`] queries. The library reads no
//! environment variables and prints nothing; the `newsdex` binary is a thin layer over it.

#![warn(missing_docs)]
#![doc(test(attr(deny(warnings))))]

mod article;
mod error;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod search;

pub use self::article::{
    Article, Entity, EntityKind, Mention, MentionedDate, NewsDate, Provenance,
};
pub use self::error::{Error, Result};
pub use self::index::{
    DEFAULT_SCHEMA, IndexEvent, IndexReport, IndexStats, Indexer, NewsIndex, NewsSchema,
    WriterOptions,
};
pub use self::search::{Hit, SearchRequest, SearchResults, Sort};
