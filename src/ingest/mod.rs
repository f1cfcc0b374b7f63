//! Ingest: from paths on disk to raw articles.
//!
//! ```text
//! PATH... ─walk─▶ Candidate {path, format, size, mtime}
//!         ─load─▶ SourceFile {path, format, text, fingerprint}   (gunzip, charset decoding)
//!         ─read─▶ RawArticle {path, content: Text|Html, meta}    (one per article in the file)
//! ```
//!
//! Each format's reader lives in its own module and knows only its own syntax; turning a
//! `RawArticle` into a clean [`Article`](crate::Article) is the job of [`extract`](crate::extract).

mod decode;
mod format;
mod json;
mod markdown;
mod meta;
mod source;
mod text;
mod walk;

pub use self::format::Format;
pub(crate) use self::json::read_json_line;
pub use self::meta::RawMeta;
pub(crate) use self::meta::scalar as scalar_value;
pub use self::source::{Fingerprint, ReadLimits, SourceFile};
pub(crate) use self::source::{Fnv1a, FnvMap, fingerprint_of, open_lines, quick_fingerprint};
pub use self::walk::{Candidate, Skip, SkipReason, WalkItem, walk};

use crate::Error;

/// The body of a raw article, before extraction.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Plain text (from `.txt`, Markdown, or a JSON text field).
    Text(String),
    /// An HTML document or fragment.
    Html(String),
}

/// One article as a format reader found it: text or HTML plus whatever metadata the
/// format states explicitly. Nothing is cleaned or inferred yet.
#[derive(Debug, Clone, PartialEq)]
pub struct RawArticle {
    /// Source file.
    pub path: String,
    /// Where in the file, for files of several articles: `L7` (line 7 of JSON Lines) or
    /// `3` (third item of a JSON array).
    pub locator: Option<String>,
    /// The format of the file it came from.
    pub format: Format,
    /// Text or HTML.
    pub content: Content,
    /// Metadata stated by the file (header lines, front matter, JSON keys).
    pub meta: RawMeta,
}

/// What reading one file gave: its articles, and the records that could not be read.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    /// Articles found in the file.
    pub articles: Vec<RawArticle>,
    /// Records that failed (e.g. one broken line of a JSON Lines file); the rest still count.
    pub problems: Vec<Error>,
}

/// Reads the articles of a loaded file, according to its format.
///
/// # Errors
/// [`Error::Input`] when the file as a whole is not an article (malformed JSON, empty file, …).
///
/// # Example
/// ```
/// use newsdex::ingest::{read, Format, SourceFile};
/// let file = SourceFile::from_text("notes/a.txt", Format::Text, "Title: Kyiv without power\n\nThe grid failed.");
/// let outcome = read(&file)?;
/// assert_eq!(outcome.articles[0].meta.title.as_deref(), Some("Kyiv without power"));
/// # Ok::<(), newsdex::Error>(())
/// ```
pub fn read(file: &SourceFile) -> crate::Result<ReadOutcome> {
    if file.text.trim().is_empty() {
        return Err(Error::input(&file.path, "empty file"));
    }
    match file.format {
        Format::Text => Ok(ReadOutcome::one(text::read(file))),
        Format::Markdown => markdown::read(file).map(ReadOutcome::one),
        Format::Html => Ok(ReadOutcome::one(RawArticle {
            path: file.path.clone(),
            locator: None,
            format: Format::Html,
            content: Content::Html(file.text.clone()),
            meta: RawMeta::default(),
        })),
        Format::Json => json::read_json(file),
        Format::JsonLines => Ok(json::read_json_lines(file)),
    }
}

impl ReadOutcome {
    fn one(article: RawArticle) -> Self {
        ReadOutcome {
            articles: vec![article],
            problems: Vec::new(),
        }
    }
}
