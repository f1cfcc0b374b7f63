//! Merging segments of both text-store formats.

use std::sync::Arc;

use tantivy::indexer::doc_id_mapping::DocIdMapping;
use tantivy::plugin::{PluginMergeContext, PluginWriter, PluginWriterContext, SegmentPlugin};
use tantivy::schema::document::ErasedDocument;
use tantivy::schema::{Field, Schema, TEXT};
use tantivy::store::{Compressor, StoreWriter, ZstdCompressor};
use tantivy::{DocId, Index, IndexWriter, Segment, doc};

use super::{TextReader, TextStore, component};

/// The text store as it was before its own format: tantivy's store writer.
struct LegacyStore(Field);

struct LegacyWriter(Field, StoreWriter);

impl SegmentPlugin for LegacyStore {
    fn extensions(&self) -> &[&str] {
        &[super::EXTENSION]
    }
    fn create_writer(&self, ctx: &PluginWriterContext) -> tantivy::Result<Box<dyn PluginWriter>> {
        let zstd = Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        });
        let out = ctx.segment.open_write(component())?;
        Ok(Box::new(LegacyWriter(
            self.0,
            StoreWriter::new(out, zstd, 8192, false)?,
        )))
    }
    fn merge(&self, _ctx: PluginMergeContext) -> tantivy::Result<()> {
        unreachable!("the test merges with the new plugin")
    }
}

impl PluginWriter for LegacyWriter {
    fn add_document(
        &mut self,
        _doc_id: DocId,
        doc: &dyn ErasedDocument,
        _schema: &Schema,
    ) -> tantivy::Result<()> {
        let mut entry = Vec::new();
        super::encode_entry(doc, self.0, &mut entry);
        Ok(self.1.store_bytes(&entry)?)
    }
    fn serialize(
        self: Box<Self>,
        _segment: &Segment,
        _map: Option<&DocIdMapping>,
    ) -> tantivy::Result<()> {
        Ok(self.1.close()?)
    }
    fn mem_usage(&self) -> usize {
        self.1.mem_usage()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

fn body(i: usize) -> String {
    format!("Body {i}: the council met on the harbour budget. ").repeat(1 + i % 5)
}

/// A segment in tantivy's store format (an older index) merged with one in ours gives
/// one in ours, with every live body.
#[test]
fn old_and_new_segments_merge_into_the_new_format() {
    let mut builder = Schema::builder();
    let field = builder.add_text_field("body", TEXT);
    let schema = builder.build();
    let dir = tantivy::directory::RamDirectory::create();
    let old = Index::builder()
        .schema(schema.clone())
        .register_plugin(Arc::new(LegacyStore(field)))
        .open_or_create(dir.clone())
        .unwrap();
    let mut w: IndexWriter = old.writer(15_000_000).unwrap();
    for i in 0..300 {
        w.add_document(doc!(field => body(i))).unwrap();
    }
    w.add_document(doc!()).unwrap(); // no body: entry 300
    w.commit().unwrap();
    drop(w);

    let mut new = Index::open(dir).unwrap();
    new.register_plugin(TextStore::plugin(field));
    let mut w: IndexWriter = new.writer(15_000_000).unwrap();
    for i in 301..400 {
        w.add_document(doc!(field => body(i))).unwrap();
    }
    w.commit().unwrap();
    let ids = new.searchable_segment_ids().unwrap();
    assert_eq!(ids.len(), 2);
    w.merge(&ids).wait().unwrap();
    w.wait_merging_threads().unwrap();

    let reader = new.reader().unwrap();
    reader.reload().unwrap();
    let searcher = reader.searcher();
    assert_eq!(searcher.segment_readers().len(), 1);
    let segment = &searcher.segment_readers()[0];
    let texts = TextReader::open(segment.open_read(component()).unwrap(), 2).unwrap();
    assert!(matches!(texts, TextReader::Own(_)));
    // Segments are stacked in an order of tantivy's choosing: compare as sets.
    let mut got: Vec<Option<String>> = (0..400).map(|d| texts.text(d).unwrap()).collect();
    let mut want: Vec<Option<String>> = (0..400).map(|i| (i != 300).then(|| body(i))).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}
