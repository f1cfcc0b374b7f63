//! The text store: one long text field (the body) kept in a document store of its own.
//!
//! A hit's other stored fields (title, outlet, URL, entities…) are a few hundred bytes, its
//! body a few KiB. In one document store, reading any of them decompresses a 32 KiB block
//! made mostly of bodies, about one block per hit read out of index order — most of the
//! cost of an export. Kept apart, a block of the main store holds the metadata of dozens of
//! articles, and bodies are decompressed only when their text is needed (snippets, KWIC,
//! re-indexing from the index).
//!
//! The field marked `apart` in the schema is built without tantivy's `STORED` flag; a
//! tantivy segment plugin ([`TextStore`]) writes its values, one per document in doc-id
//! order, to the segment's `.text` file, and stacks the live ones when segments merge
//! (`merge`: compressed blocks copied as they are where it can).
//! The file has a format of our own (`format`): zstd blocks of the main store's size
//! compressed with a dictionary trained on the run's first entries. Segments written before
//! it are in tantivy's store format, which `reader` still reads; they convert as they merge.

mod format;
mod merge;
#[cfg(test)]
mod merge_tests;
mod reader;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use tantivy::directory::FileSlice;
use tantivy::index::{SegmentComponent, SegmentId};
use tantivy::indexer::doc_id_mapping::DocIdMapping;
use tantivy::plugin::{PluginMergeContext, PluginWriter, PluginWriterContext, SegmentPlugin};
use tantivy::schema::document::ErasedDocument;
use tantivy::schema::{Field, Schema, Value};
use tantivy::store::Compressor;
use tantivy::{
    DocAddress, DocId, Searcher, SearcherGeneration, Segment, SegmentReader, TantivyDocument,
    TantivyError, Warmer,
};

use self::format::{DictSource, TextFileWriter, Trainer};
pub(crate) use self::reader::TextReader;
use crate::{Error, Result};

/// The segment file's extension.
const EXTENSION: &str = "text";

/// Decompressed blocks a segment's shared reader keeps: the hits of one page often share
/// blocks (tantivy's store reader was opened with 16).
const CACHED_BLOCKS: usize = 16;

fn component() -> SegmentComponent {
    SegmentComponent::Custom(EXTENSION.to_string())
}

/// The plugin that keeps one field's text in its own store. Registered on every index whose
/// schema marks a field `apart` (tantivy refuses to write an index without it). One per
/// index handle, so its dictionary trainer is shared by all the handle's segment writers
/// and merges.
pub(crate) struct TextStore {
    field: Field,
    trainer: Arc<Trainer>,
}

impl TextStore {
    /// The plugin for `field`, ready to register on a tantivy index.
    pub(crate) fn plugin(field: Field) -> Arc<dyn SegmentPlugin> {
        Arc::new(TextStore {
            field,
            trainer: Arc::default(),
        })
    }
}

impl SegmentPlugin for TextStore {
    fn extensions(&self) -> &[&str] {
        &[EXTENSION]
    }

    fn create_writer(&self, ctx: &PluginWriterContext) -> tantivy::Result<Box<dyn PluginWriter>> {
        let store = text_writer(ctx.segment, DictSource::Run(self.trainer.clone()))?;
        Ok(Box::new(TextWriter {
            field: self.field,
            store,
            entry: Vec::new(),
        }))
    }

    fn merge(&self, ctx: PluginMergeContext) -> tantivy::Result<()> {
        merge::merge(&self.trainer, ctx)
    }
}

/// Writes into `out` (cleared first) the text-store entry of `doc`'s `field`: a marker byte
/// (1: has the field, 0: has not), then the text. Every document gets one, so entries follow
/// doc ids.
fn encode_entry(doc: &dyn ErasedDocument, field: Field, out: &mut Vec<u8>) {
    let text = doc
        .as_any()
        .downcast_ref::<TantivyDocument>()
        .and_then(|d| d.get_first(field))
        .and_then(|v| v.as_str());
    out.clear();
    out.push(u8::from(text.is_some()));
    out.extend_from_slice(text.unwrap_or_default().as_bytes());
}

/// The text of one text-store entry (see [`encode_entry`]).
pub(crate) fn entry_text(entry: &[u8]) -> Option<String> {
    match entry.split_first() {
        Some((1, text)) => Some(String::from_utf8_lossy(text).into_owned()),
        _ => None,
    }
}

/// A writer of `segment`'s text file, with the index's compression level and block size.
fn text_writer(segment: &Segment, dict: DictSource) -> tantivy::Result<TextFileWriter> {
    let settings = segment.index().settings();
    // Our own format is always zstd; an index whose settings say otherwise (none newsdex
    // creates) gets zstd's default level.
    let level = match settings.docstore_compression {
        Compressor::Zstd(zstd) => zstd.compression_level.unwrap_or(3),
        _ => 3,
    };
    Ok(TextFileWriter::new(
        segment.open_write(component())?,
        level,
        settings.docstore_blocksize,
        dict,
    )?)
}

fn to_tantivy(e: Error) -> TantivyError {
    match e {
        Error::Tantivy(e) => e,
        other => TantivyError::InternalError(other.to_string()),
    }
}

/// Writes each document's text as it is added (so memory stays one block, plus the first
/// entries of the run until its dictionary is trained).
struct TextWriter {
    field: Field,
    store: TextFileWriter,
    /// The entry being written, reused.
    entry: Vec<u8>,
}

impl PluginWriter for TextWriter {
    fn add_document(
        &mut self,
        _doc_id: DocId,
        doc: &dyn ErasedDocument,
        _schema: &Schema,
    ) -> tantivy::Result<()> {
        encode_entry(doc, self.field, &mut self.entry);
        self.store.add(&self.entry)?;
        Ok(())
    }

    fn serialize(
        self: Box<Self>,
        _segment: &Segment,
        doc_id_map: Option<&DocIdMapping>,
    ) -> tantivy::Result<()> {
        if doc_id_map.is_some() {
            return Err(TantivyError::InvalidArgument(
                "the text store cannot write a sorted segment".into(),
            ));
        }
        self.store.close()?;
        Ok(())
    }

    fn mem_usage(&self) -> usize {
        self.store.mem_usage() + self.entry.capacity()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// The text files of the segments the index reader holds, opened when it loads them, and
/// their readers, each opened once and shared by every search (so its block index is parsed,
/// its dictionary loaded and its zstd context created once per segment).
///
/// tantivy opens a segment's own files when its reader loads the segment, so a searcher
/// keeps reading them after a merge has replaced the segment and deleted its files. A
/// plugin's file is opened on demand, which would fail after such a deletion; this warmer,
/// run as each new searcher is set up, opens them at the same moment tantivy opens its own.
#[derive(Default)]
pub(crate) struct TextFiles {
    files: Mutex<HashMap<SegmentId, Slot>>,
}

/// A segment's text file and, once a search has read it, its reader.
type Slot = (FileSlice, Option<Arc<TextReader>>);

impl TextFiles {
    fn get(&self, segment: &SegmentReader) -> Result<FileSlice> {
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((file, _)) = files.get(&segment.segment_id()) {
            return Ok(file.clone());
        }
        let file = segment
            .open_read(component())
            .map_err(|e| Error::Tantivy(e.into()))?;
        files.insert(segment.segment_id(), (file.clone(), None));
        Ok(file)
    }

    /// The shared reader of `segment`'s text file.
    fn reader(&self, segment: &SegmentReader) -> Result<Arc<TextReader>> {
        let file = self.get(segment)?;
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        let slot = files
            .entry(segment.segment_id())
            .or_insert_with(|| (file, None));
        if let Some(reader) = &slot.1 {
            return Ok(reader.clone());
        }
        let reader = Arc::new(TextReader::open(slot.0.clone(), CACHED_BLOCKS)?);
        slot.1 = Some(reader.clone());
        Ok(reader)
    }

    /// Whether every segment of `searcher` has its text file open (opening those not yet
    /// open). False when one was deleted: another process merged the segment away after
    /// this searcher was loaded and before its text file was opened, so the searcher is
    /// stale and a reload gets the merged segment.
    pub(crate) fn complete(&self, searcher: &Searcher) -> bool {
        searcher
            .segment_readers()
            .iter()
            .all(|segment| self.get(segment).is_ok())
    }
}

impl Warmer for TextFiles {
    /// Opens the new searcher's text files; one already deleted is left for
    /// [`TextFiles::complete`] to report, rather than failing the reload.
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        self.complete(searcher);
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live: HashSet<SegmentId> = live_generations
            .iter()
            .flat_map(|g| g.segments().keys().copied())
            .collect();
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files.retain(|id, _| live.contains(id));
    }
}

/// Reads the texts of one searcher's articles through the segments' shared readers.
pub(crate) struct Texts<'a> {
    searcher: &'a Searcher,
    /// `Some` when the schema keeps a field apart.
    apart: Option<Field>,
    files: &'a TextFiles,
    readers: RefCell<HashMap<u32, Arc<TextReader>>>,
}

impl<'a> Texts<'a> {
    /// A reader over `searcher`'s segments; `apart` is the field the schema keeps apart.
    pub(crate) fn new(
        searcher: &'a Searcher,
        apart: Option<Field>,
        files: &'a TextFiles,
    ) -> Texts<'a> {
        Texts {
            searcher,
            apart,
            files,
            readers: RefCell::new(HashMap::new()),
        }
    }

    /// The text of `field` for the article at `addr`, whose main stored document is `doc`:
    /// from the text store when `field` is the one kept apart, else from `doc`.
    pub(crate) fn get(
        &self,
        field: Field,
        doc: &TantivyDocument,
        addr: DocAddress,
    ) -> Result<Option<String>> {
        if self.apart != Some(field) {
            return Ok(doc
                .get_first(field)
                .and_then(|v| v.as_str())
                .map(String::from));
        }
        let mut readers = self.readers.borrow_mut();
        let reader = match readers.entry(addr.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                self.files
                    .reader(self.searcher.segment_reader(addr.segment_ord))?,
            ),
        };
        reader.text(addr.doc_id)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::schema::Value;

    use crate::{Article, NewsIndex, WriterOptions};

    /// Bodies read back from the text store after commits, deletes and the end-of-run merge
    /// are the ones written, in every segment, including an empty one.
    #[test]
    fn bodies_survive_commits_deletes_and_merges() {
        let index = NewsIndex::create_in_ram().unwrap();
        let mut w = index.indexer(WriterOptions::default()).unwrap();
        let body = |i: usize| match i % 4 {
            0 => String::new(),
            _ => format!("Harbour story {i}: the ferry left at dawn. ") + &"Quay. ".repeat(i),
        };
        for i in 0..40 {
            w.add_article(&Article::new(format!("a{i}"), "a.txt", body(i)))
                .unwrap();
            if i % 7 == 6 {
                w.commit().unwrap();
            }
        }
        // Replacing an article deletes its first version.
        w.add_article(&Article::new("a5", "a.txt", "Harbour story 5, corrected."))
            .unwrap();
        w.finish().unwrap();
        let searcher = index.searcher().unwrap();
        let texts = index.texts(&searcher);
        let f = index.schema.fields();
        let mut seen = 0;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let addr = tantivy::DocAddress::new(ord as u32, doc);
                let stored: tantivy::TantivyDocument = searcher.doc(addr).unwrap();
                let Some(id) = stored.get_first(f.id).and_then(|v| v.as_str()) else {
                    continue; // a source-file record
                };
                if !id.starts_with('a') {
                    continue;
                }
                let i: usize = id[1..].parse().unwrap();
                let want = if i == 5 {
                    "Harbour story 5, corrected.".to_string()
                } else {
                    body(i)
                };
                let got = texts
                    .get(f.body, &stored, addr)
                    .unwrap()
                    .unwrap_or_default();
                assert_eq!(got, want, "{id}");
                seen += 1;
            }
        }
        assert_eq!(seen, 40);
    }
}
