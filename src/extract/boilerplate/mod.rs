//! Boilerplate: paragraphs that are not news — appeals, newsletter and cookie prompts, share
//! and "read more" lines, credits — removed from the body of every format.
//!
//! The rules are data (`rules.toml`, embedded). A *tail* rule marks the start of an appeal
//! or footer: that paragraph and everything after it go, provided it comes after the first
//! quarter of the article. A *paragraph* rule removes one short paragraph. Every cut is
//! recorded with the rule's name, so `newsdex extract --explain` can show what went and why.

mod prefilter;
mod repeated;
mod rules;
mod strip;

pub use self::repeated::{RepeatedParagraphs, paragraph_hash, paragraph_hashes};
pub use self::strip::{Cut, Stripped, strip};
