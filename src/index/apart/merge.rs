//! Merging segments' text files: blocks copied as stored where they can be, else entries
//! re-compressed.
//!
//! Re-compressing every entry was most of a merge's cost, and the final merge of a run is
//! single-threaded. A source block is copied as is when the source is in our format, was
//! compressed with the dictionary the merged file is written with, and all its documents
//! are alive; the rest (tantivy-format sources, another dictionary, blocks with deletes)
//! goes entry by entry.

use std::ops::Range;
use std::sync::Arc;

use tantivy::indexer::doc_id_mapping::MappingType;
use tantivy::plugin::PluginMergeContext;
use tantivy::{DocId, TantivyError};

use super::format::{Dict, DictSource, TextFileWriter, Trainer, take_entry};
use super::reader::{OwnReader, TextReader, corrupt};
use super::{component, text_writer, to_tantivy};

/// Writes the merged segment's text file: the sources' live documents, stacked in order.
pub(super) fn merge(trainer: &Arc<Trainer>, ctx: PluginMergeContext) -> tantivy::Result<()> {
    // newsdex never sorts an index, so a merged segment is its sources' live documents
    // stacked in order: copy them so.
    if ctx.doc_id_mapping.mapping_type() == MappingType::Shuffled {
        return Err(TantivyError::InvalidArgument(
            "the text store cannot merge a sorted index".into(),
        ));
    }
    // Each source is read in order: one cached block is enough.
    let sources = ctx
        .readers
        .iter()
        .map(|r| TextReader::open(r.open_read(component())?, 1).map_err(to_tantivy))
        .collect::<tantivy::Result<Vec<_>>>()?;
    // The dictionary most of the merged documents were compressed with, so that most
    // blocks are copied: a run's segments share the run's, but a later run merging into an
    // earlier run's big segment should keep that one's. Else the run's; else one trained
    // from what is merged (old-format sources only).
    let dict = commonest_dictionary(ctx.readers.iter().map(|r| r.max_doc()), &sources)
        .or_else(|| trainer.decided().flatten());
    let source = match dict {
        Some(dict) => DictSource::Fixed(Some(dict)),
        None => DictSource::Run(trainer.clone()),
    };
    let mut store = text_writer(ctx.target_segment, source)?;
    for (reader, source) in ctx.readers.iter().zip(&sources) {
        let alive = reader.alive_bitset();
        let alive = |doc| alive.is_none_or(|a| a.is_alive(doc));
        append_live(&mut store, source, reader.max_doc(), alive)?;
    }
    store.close()?;
    Ok(())
}

/// Of the dictionaries `sources` (with `docs` documents each) were compressed with, the one
/// with the most documents; the first on a tie.
fn commonest_dictionary(docs: impl Iterator<Item = DocId>, sources: &[TextReader]) -> Dict {
    let mut counts: Vec<(Arc<[u8]>, u64)> = Vec::new();
    for (n, source) in docs.zip(sources) {
        let Some(dict) = source.dictionary() else {
            continue;
        };
        match counts.iter_mut().find(|(d, _)| *d == dict) {
            Some((_, count)) => *count += u64::from(n),
            None => counts.push((dict, u64::from(n))),
        }
    }
    // `max_by_key` keeps the last of equals: walk backwards for the first.
    counts
        .into_iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map(|(dict, _)| dict)
}

/// Appends to `store` the documents of `source` (which has `max_doc`) that are `alive`.
pub(super) fn append_live(
    store: &mut TextFileWriter,
    source: &TextReader,
    max_doc: DocId,
    alive: impl Fn(DocId) -> bool,
) -> tantivy::Result<()> {
    let same_dict = |own: &&OwnReader| {
        store
            .dictionary()
            .is_some_and(|dict| dict.as_deref() == own.dict_bytes())
    };
    let Some(own) = source.own().filter(same_dict) else {
        return append_each(store, source, 0..max_doc, alive);
    };
    // Blocks are copied by count of entries: one more or fewer would shift every later
    // document's text onto another's.
    if own.docs() != max_doc {
        let what = format!("{} entries for {max_doc} documents", own.docs());
        return Err(to_tantivy(corrupt(what)));
    }
    for block in own.raw_blocks() {
        let block = block.map_err(to_tantivy)?;
        let docs = block.first..block.first + block.docs;
        if !docs.clone().all(&alive) {
            let entries = block.entries().map_err(to_tantivy)?;
            let mut rest = &entries[..];
            for doc in docs {
                let cut_short = || to_tantivy(corrupt("block cut short"));
                let (entry, after) = take_entry(rest).ok_or_else(cut_short)?;
                if alive(doc) {
                    store.add(entry)?;
                }
                rest = after;
            }
        } else if store.pending_is_small() {
            // Taken whole into the small block pending, rather than leaving that one tiny.
            let entries = block.entries().map_err(to_tantivy)?;
            store.append_entries(&entries, block.docs)?;
        } else {
            store.append_frame(block.frame.as_slice(), block.docs, block.raw_len)?;
        }
    }
    Ok(())
}

/// Appends the `alive` documents of `docs` one entry at a time.
fn append_each(
    store: &mut TextFileWriter,
    source: &TextReader,
    docs: Range<DocId>,
    alive: impl Fn(DocId) -> bool,
) -> tantivy::Result<()> {
    for doc in docs.filter(|&d| alive(d)) {
        source
            .with_entry(doc, |entry| store.add(entry))
            .map_err(to_tantivy)??;
    }
    Ok(())
}
