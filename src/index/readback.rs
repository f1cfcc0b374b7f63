//! Reading articles back from the index for the end-of-run passes (cleaning, clusters, alias
//! re-linking), which rebuild documents from what the index keeps.
//!
//! Two things keep this cheap:
//! - Fields that fast columns already hold and results never show (mentioned dates, cluster
//!   slot, source fingerprint, removed paragraphs) are not stored a second time; they are read
//!   from the columns here. (Entities are shown with every hit: read from their column, each
//!   costs a dictionary look-up, +4 ms for a page of ten hits, so they stay stored too.)
//! - Stored documents are read from each segment's `.store` file with positioned reads, not
//!   through the index's memory maps: pages a map has touched count as the process's resident
//!   memory until the map is dropped, and the reader keeps its maps for the whole run, so
//!   reading back a few percent of the articles, scattered over the store, used to leave most
//!   of the store resident (317 MiB of a 619 MiB peak at 200,000 articles). Read with
//!   `pread`, the blocks go through the page cache and one decompressed block in the heap.

use std::sync::Arc;

use tantivy::columnar::Column;
use tantivy::directory::FileSlice;
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher, SegmentReader, TantivyDocument};

use super::NewsIndex;
use super::document::{ClusterSlot, DocSource, Kept, Removed, article_from_doc};
use crate::ingest::Fingerprint;
use crate::{Article, Result};

/// The fast columns that stand in for fields the doc store does not keep, in one segment.
struct Columns {
    mentioned_dates: Option<Column<tantivy::DateTime>>,
    dup_key: Option<Column<u64>>,
    dup_rank: Option<Column<u64>>,
    source_hash: Option<Column<u64>>,
    source_size: Option<Column<u64>>,
    source_mtime: Option<Column<i64>>,
    para_removed: Option<Column<u64>>,
}

impl Columns {
    fn open(segment: &SegmentReader) -> Result<Columns> {
        let ff = segment.fast_fields();
        Ok(Columns {
            mentioned_dates: ff.column_opt("mentioned_dates")?,
            dup_key: ff.column_opt("dup_key")?,
            dup_rank: ff.column_opt("dup_rank")?,
            source_hash: ff.column_opt("source_hash")?,
            source_size: ff.column_opt("source_size")?,
            source_mtime: ff.column_opt("source_mtime")?,
            para_removed: ff.column_opt("para_removed")?,
        })
    }

    fn kept(&self, doc: u32) -> Kept {
        let one = |c: &Option<Column<u64>>| c.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        Kept {
            mentioned_dates: self
                .mentioned_dates
                .iter()
                .flat_map(|c| c.values_for_doc(doc))
                .collect(),
            source: DocSource {
                fingerprint: Fingerprint {
                    hash: one(&self.source_hash),
                    size: one(&self.source_size),
                    mtime: self
                        .source_mtime
                        .as_ref()
                        .and_then(|c| c.first(doc))
                        .unwrap_or(0),
                },
                cluster: ClusterSlot {
                    key: one(&self.dup_key),
                    rank: one(&self.dup_rank),
                },
            },
            removed: Removed(
                self.para_removed
                    .iter()
                    .flat_map(|c| c.values_for_doc(doc))
                    .collect(),
            ),
        }
    }
}

/// Reads whole articles back from one searcher's segments.
pub(crate) struct ReadBack<'s> {
    index: &'s NewsIndex,
    searcher: &'s Searcher,
    /// Per segment: its doc store and its text store (read with `pread` where possible),
    /// and its columns.
    segments: Vec<(
        Option<StoreReader>,
        Option<super::apart::TextReader>,
        Columns,
    )>,
    /// The text store through the reader's maps, where `pread` is not possible.
    texts: super::Texts<'s>,
}

impl<'s> ReadBack<'s> {
    /// Opens every segment of `searcher` for reading back.
    pub(crate) fn open(index: &'s NewsIndex, searcher: &'s Searcher) -> Result<ReadBack<'s>> {
        let mut segments = Vec::new();
        for segment in searcher.segment_readers() {
            // One block cached: candidates come in document order, often several per block.
            let store = index
                .dir()
                .and_then(|dir| file_by_reads(dir, segment, "store"))
                .and_then(|file| StoreReader::open(file, 1).ok());
            let texts = match index.schema.apart() {
                Some(_) => index
                    .dir()
                    .and_then(|dir| file_by_reads(dir, segment, "text"))
                    .and_then(|file| super::apart::TextReader::open(file, 1).ok()),
                None => None,
            };
            segments.push((store, texts, Columns::open(segment)?));
        }
        Ok(ReadBack {
            index,
            searcher,
            segments,
            texts: index.texts(searcher),
        })
    }

    /// The article at `addr`, with its bookkeeping.
    pub(crate) fn article(&self, addr: DocAddress) -> Result<(Article, DocSource, Removed)> {
        let (store, texts, columns) = &self.segments[addr.segment_ord as usize];
        let doc: TantivyDocument = match store {
            Some(store) => store.get(addr.doc_id)?,
            None => self.searcher.doc(addr)?,
        };
        let f = self.index.schema.fields();
        let body = match texts {
            Some(texts) => texts.text(addr.doc_id)?,
            None => self.texts.get(f.body, &doc, addr)?,
        };
        let kept = columns.kept(addr.doc_id);
        Ok(article_from_doc(&doc, body.unwrap_or_default(), f, kept))
    }
}

/// The segment's doc store (`store`) or text store (`text`) file read through positioned
/// reads, without tantivy's footer, or `None` where that is not possible (not Unix, or the file is already gone because a merge replaced the
/// segment: the searcher's own maps still read it then).
fn file_by_reads(
    dir: &std::path::Path,
    segment: &SegmentReader,
    extension: &str,
) -> Option<FileSlice> {
    #[cfg(unix)]
    {
        let path = dir.join(format!(
            "{}.{extension}",
            segment.segment_id().uuid_string()
        ));
        let file = std::fs::File::open(path).ok()?;
        let handle = super::read_at::ReadAt::new(file).ok()?;
        let slice = FileSlice::new(Arc::new(handle));
        // Every tantivy file ends with a footer (version, checksum) its directory strips.
        let (_, body) = tantivy::directory::footer::Footer::extract_footer(slice).ok()?;
        Some(body)
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, segment, extension);
        None
    }
}
