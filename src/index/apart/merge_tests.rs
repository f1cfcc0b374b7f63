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

/// A body long enough for the run to train a dictionary on a few hundred of them.
fn long(i: usize) -> String {
    body(i).repeat(8)
}

/// An index over `dir` with one text field kept in the text store. Each handle is a run,
/// with a dictionary of its own.
fn run_on(dir: &tantivy::directory::RamDirectory) -> (Index, Field) {
    let mut builder = Schema::builder();
    let field = builder.add_text_field("body", TEXT);
    let index = Index::builder()
        .schema(builder.build())
        .register_plugin(TextStore::plugin(field))
        .open_or_create(dir.clone())
        .unwrap();
    (index, field)
}

fn texts_of(segment: &tantivy::SegmentReader) -> TextReader {
    TextReader::open(segment.open_read(component()).unwrap(), 1).unwrap()
}

/// An own-format text file's blocks as stored, in order: frame and size decompressed.
fn frames_of(texts: &TextReader) -> Vec<(Vec<u8>, u32)> {
    let own = texts.own().expect("our format");
    own.raw_blocks()
        .map(|b| b.unwrap())
        .map(|b| (b.frame.as_slice().to_vec(), b.raw_len))
        .collect()
}

/// Merges every segment of `index` into one and returns its text file.
fn merge_all(index: &Index, mut w: IndexWriter) -> TextReader {
    w.merge(&index.searchable_segment_ids().unwrap())
        .wait()
        .unwrap();
    w.wait_merging_threads().unwrap();
    let searcher = index.reader().unwrap().searcher();
    texts_of(&searcher.segment_readers()[0])
}

/// Asserts that `texts` holds the long bodies of `ids`, in any order (segments are stacked
/// in an order of tantivy's choosing).
fn assert_bodies(texts: &TextReader, ids: impl Iterator<Item = usize>) {
    let mut want: Vec<String> = ids.map(long).collect();
    let n = want.len() as DocId;
    let mut got: Vec<String> = (0..n).map(|d| texts.text(d).unwrap().unwrap()).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

/// Through tantivy: two segments written by one index handle (so with the dictionary the
/// run trained) merge into a file holding their blocks as they were, with every body.
#[test]
fn a_runs_segments_merge_by_copying_blocks() {
    let (index, field) = run_on(&tantivy::directory::RamDirectory::create());
    let mut w: IndexWriter = index.writer(15_000_000).unwrap();
    for i in 0..600 {
        w.add_document(doc!(field => long(i))).unwrap();
        if i == 399 {
            w.commit().unwrap();
        }
    }
    w.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    // Two commits, each one segment per indexing thread.
    assert!(searcher.segment_readers().len() >= 2);
    let before: Vec<TextReader> = searcher.segment_readers().iter().map(texts_of).collect();
    assert!(
        before.iter().all(|t| t.dictionary().is_some()),
        "no dictionary trained"
    );
    let sources: Vec<_> = before.iter().flat_map(frames_of).collect();
    let merged = merge_all(&index, w);
    let merged_frames = frames_of(&merged);
    assert_eq!(merged_frames.len(), sources.len());
    assert!(
        sources.iter().all(|f| merged_frames.contains(f)),
        "blocks re-compressed"
    );
    assert_bodies(&merged, 0..600);
}

/// A later run merging with an earlier run's segments writes with the dictionary of most
/// documents, the earlier run's here, and so copies their blocks.
#[test]
fn a_later_run_keeps_the_dictionary_of_most_documents() {
    let dir = tantivy::directory::RamDirectory::create();
    let (first, field) = run_on(&dir);
    let mut w: IndexWriter = first.writer_with_num_threads(1, 15_000_000).unwrap();
    for i in 0..600 {
        w.add_document(doc!(field => long(i))).unwrap();
    }
    w.commit().unwrap();
    w.wait_merging_threads().unwrap();
    let (second, field) = run_on(&dir);
    let mut w: IndexWriter = second.writer_with_num_threads(1, 15_000_000).unwrap();
    for i in 1000..1150 {
        w.add_document(doc!(field => long(i))).unwrap();
    }
    w.commit().unwrap();
    let searcher = second.reader().unwrap().searcher();
    let before: Vec<TextReader> = searcher.segment_readers().iter().map(texts_of).collect();
    let (later, earlier): (Vec<&TextReader>, Vec<&TextReader>) =
        before.iter().partition(|t| t.own().unwrap().docs() == 150);
    assert_eq!(later.len(), 1);
    let dict = earlier[0].dictionary();
    assert!(earlier.iter().all(|t| t.dictionary() == dict));
    assert_ne!(dict, later[0].dictionary(), "one dictionary for both runs");
    let kept: Vec<_> = earlier.iter().flat_map(|t| frames_of(t)).collect();
    let merged = merge_all(&second, w);
    assert!(
        merged.dictionary() == dict,
        "the later run's dictionary chosen"
    );
    let merged_frames = frames_of(&merged);
    assert!(
        kept.iter().all(|f| merged_frames.contains(f)),
        "the first run's blocks re-compressed"
    );
    assert_bodies(&merged, (0..600).chain(1000..1150));
}

/// Block-copying merges, at the level of files: sources written with `TextFileWriter`,
/// merged with `merge::append_live` as the plugin does.
mod copy {
    use std::path::Path;
    use std::sync::Arc;

    use tantivy::DocId;
    use tantivy::directory::{Directory, RamDirectory};
    use tantivy::store::{Compressor, StoreWriter, ZstdCompressor};

    use crate::index::apart::TextReader;
    use crate::index::apart::format::{Dict, DictSource, TextFileWriter, Trainer};
    use crate::index::apart::merge::append_live;
    use crate::index::apart::merge_tests::frames_of as frames;

    const BLOCK: usize = 8 * 1024;

    /// A source of a merge: its text file, its number of documents, which are alive.
    type Source<'a> = (&'a TextReader, DocId, &'a dyn Fn(DocId) -> bool);

    /// Entry `i` of a run seeded `seed`: English-like text of 40 to 440 words, some empty.
    fn entry(seed: usize, i: usize) -> Vec<u8> {
        if i % 11 == 3 {
            return Vec::new();
        }
        let words = [
            "harbour", "ferry", "council", "minister", "rain", "market", "wheat", "strike", "port",
            "budget", "the", "of", "and", "said", "on", "Tuesday", "shares", "oil", "prices",
            "bank", "rose", "fell", "percent", "quarter", "tonnes", "exports",
        ];
        let n = 40 + (i * 37 + seed * 101) % 400;
        let mut text = format!("Story {seed}/{i}: ");
        for k in 0..n {
            text.push_str(words[(i * 7 + k * k + seed * k) % words.len()]);
            text.push(if k % 13 == 12 { '.' } else { ' ' });
        }
        text.into_bytes()
    }

    /// Writes `name` with entries `range` of run `seed`.
    fn write(
        dir: &RamDirectory,
        name: &str,
        seed: usize,
        range: std::ops::Range<usize>,
        dict: DictSource,
    ) {
        let out = dir.open_write(Path::new(name)).unwrap();
        let mut w = TextFileWriter::new(out, 3, BLOCK, dict).unwrap();
        for i in range {
            w.add(&entry(seed, i)).unwrap();
        }
        w.close().unwrap();
    }

    /// Writes `a.text` (entries `0..split`) and `b.text` (`split..1000`) of run `seed` with
    /// one trainer, as one run's segments are: their dictionary and the two files.
    fn one_run(dir: &RamDirectory, seed: usize, split: usize) -> (Dict, TextReader, TextReader) {
        let trainer = Arc::new(Trainer::default());
        write(
            dir,
            "a.text",
            seed,
            0..split,
            DictSource::Run(trainer.clone()),
        );
        write(
            dir,
            "b.text",
            seed,
            split..1000,
            DictSource::Run(trainer.clone()),
        );
        let dict = trainer.decided().expect("dictionary decided");
        (dict, open(dir, "a.text"), open(dir, "b.text"))
    }

    fn open(dir: &RamDirectory, name: &str) -> TextReader {
        TextReader::open(dir.open_read(Path::new(name)).unwrap(), 1).unwrap()
    }

    fn max_doc(reader: &TextReader) -> DocId {
        reader.own().map_or(0, |own| own.docs())
    }

    /// Merges `sources` (each with the documents alive in it) into `name`, written with
    /// `dict`.
    fn merge(dir: &RamDirectory, name: &str, dict: Dict, sources: &[Source<'_>]) -> TextReader {
        let out = dir.open_write(Path::new(name)).unwrap();
        let mut w = TextFileWriter::new(out, 3, BLOCK, DictSource::Fixed(dict)).unwrap();
        for &(source, max_doc, alive) in sources {
            append_live(&mut w, source, max_doc, alive).unwrap();
        }
        w.close().unwrap();
        open(dir, name)
    }

    fn entries(reader: &TextReader, n: usize) -> Vec<Vec<u8>> {
        let all = (0..n).map(|d| reader.with_entry(d as DocId, <[u8]>::to_vec).unwrap());
        let got: Vec<Vec<u8>> = all.collect();
        assert!(
            reader.with_entry(n as DocId, |_| ()).is_err(),
            "more entries"
        );
        got
    }

    /// Two segments of one run (one dictionary), nothing deleted: the merged file's blocks
    /// are the sources' frames byte for byte, in order — the first source's partial last
    /// block included, which re-compressing entry by entry would have filled up with the
    /// second source's first entries.
    #[test]
    fn a_merge_of_one_runs_segments_copies_their_blocks() {
        let dir = RamDirectory::create();
        let (dict, a, b) = one_run(&dir, 1, 690);
        assert!(dict.is_some(), "no dictionary trained");
        let (fa, fb) = (frames(&a), frames(&b));
        assert!(
            fa.last().unwrap().1 < BLOCK as u32,
            "a's last block is partial"
        );
        let all = |_| true;
        let merged = merge(&dir, "m.text", dict, &[(&a, 690, &all), (&b, 310, &all)]);
        let want: Vec<_> = fa.into_iter().chain(fb).collect();
        assert!(frames(&merged) == want, "blocks re-compressed");
        let want: Vec<_> = (0..1000).map(|i| entry(1, i)).collect();
        assert_eq!(entries(&merged, 1000), want);
    }

    /// With deletes in some blocks (one entirely deleted), only those are re-compressed: the
    /// others are copied, the live texts read back in order, and no re-compressed block but
    /// the file's last is under half a block.
    #[test]
    fn a_merge_with_deletes_re_compresses_only_their_blocks() {
        let dir = RamDirectory::create();
        let (dict, a, b) = one_run(&dir, 2, 700);
        let firsts: Vec<DocId> = a
            .own()
            .unwrap()
            .raw_blocks()
            .map(|b| b.unwrap().first)
            .collect();
        // In a: one doc of block 3, all of block 5 but its first, block 6 whole; in b: docs
        // 0 and 150.
        let (b3, b5, b7) = (firsts[3], firsts[5], firsts[7]);
        let dead_a = move |d: DocId| d == b3 + 1 || (b5 + 1..b7).contains(&d);
        let alive_a = move |d| !dead_a(d);
        let alive_b = |d| d != 0 && d != 150;
        let merged = merge(
            &dir,
            "m.text",
            dict,
            &[(&a, 700, &alive_a), (&b, 300, &alive_b)],
        );
        let live_a = (0..700).filter(|&i| alive_a(i as DocId));
        let live_b = (700..1000).filter(|&i| alive_b((i - 700) as DocId));
        let want: Vec<_> = live_a.chain(live_b).map(|i| entry(2, i)).collect();
        assert_eq!(entries(&merged, want.len()), want);

        let sources: Vec<_> = frames(&a).into_iter().chain(frames(&b)).collect();
        let got = frames(&merged);
        let copied = got.iter().filter(|f| sources.contains(f)).count();
        // All but those with deletes (a's 3, 5, 6; b's first and 150's), and the ones after
        // them when taken into the small block re-compressing them left (a's 7, at most two
        // of b's).
        assert!(
            copied >= sources.len() - 8,
            "{copied} of {} copied",
            sources.len()
        );
        for (i, f) in got.iter().enumerate() {
            let last = i + 1 == got.len();
            assert!(
                last || sources.contains(f) || f.1 >= BLOCK as u32 / 2,
                "block {i}: {}",
                f.1
            );
        }
    }

    /// A source compressed with another dictionary is re-compressed with the merged file's;
    /// one with the same is copied.
    #[test]
    fn a_source_with_another_dictionary_is_re_compressed() {
        let dir = RamDirectory::create();
        let (t1, t2) = (Arc::new(Trainer::default()), Arc::new(Trainer::default()));
        write(&dir, "a.text", 3, 0..600, DictSource::Run(t1.clone()));
        write(&dir, "b.text", 4, 0..600, DictSource::Run(t2.clone()));
        let (a, b) = (open(&dir, "a.text"), open(&dir, "b.text"));
        assert!(a.dictionary().is_some() && a.dictionary() != b.dictionary());
        let all = |_| true;
        let merged = merge(
            &dir,
            "m.text",
            a.dictionary(),
            &[(&a, 600, &all), (&b, 600, &all)],
        );
        let got = frames(&merged);
        let fa = frames(&a);
        assert!(got.starts_with(&fa[..]), "a's blocks copied");
        assert!(
            !frames(&b).iter().any(|f| got.contains(f)),
            "b's blocks copied"
        );
        let want = (0..600)
            .map(|i| entry(3, i))
            .chain((0..600).map(|i| entry(4, i)));
        assert_eq!(entries(&merged, 1200), want.collect::<Vec<_>>());
    }

    /// Sources without a dictionary merged into a file without one are copied; a file in
    /// tantivy's store format (an older index) amid them goes entry by entry.
    #[test]
    fn old_format_and_dictionary_less_sources_merge() {
        let dir = RamDirectory::create();
        write(&dir, "a.text", 5, 0..200, DictSource::Fixed(None));
        let out = dir.open_write(Path::new("old.text")).unwrap();
        let zstd = Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        });
        let mut store = StoreWriter::new(out, zstd, BLOCK, false).unwrap();
        for i in 200..300 {
            store.store_bytes(&entry(5, i)).unwrap();
        }
        store.close().unwrap();
        write(&dir, "b.text", 5, 300..400, DictSource::Fixed(None));
        let (a, old, b) = (
            open(&dir, "a.text"),
            open(&dir, "old.text"),
            open(&dir, "b.text"),
        );
        assert!(matches!(old, TextReader::Tantivy(_)));
        let all = |_| true;
        let alive_old = |d| d % 10 != 4;
        let sources: [Source<'_>; 3] = [
            (&a, max_doc(&a), &all),
            (&old, 100, &alive_old),
            (&b, max_doc(&b), &all),
        ];
        let merged = merge(&dir, "m.text", None, &sources);
        assert!(merged.dictionary().is_none());
        let got = frames(&merged);
        assert!(got.starts_with(&frames(&a)[..]), "a's blocks copied");
        let fb = frames(&b);
        let b_copied = fb.iter().filter(|f| got.contains(f)).count();
        // b's first block may be taken into the small block the old file's entries leave.
        assert!(
            b_copied + 1 >= fb.len(),
            "{b_copied} of b's {} blocks copied",
            fb.len()
        );
        let old_live = (200..300).filter(|&i| alive_old((i - 200) as DocId));
        let want: Vec<_> = (0..200)
            .chain(old_live)
            .chain(300..400)
            .map(|i| entry(5, i))
            .collect();
        assert_eq!(entries(&merged, want.len()), want);
    }
}
