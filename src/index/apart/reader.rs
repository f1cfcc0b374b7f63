//! Reading a `.text` file: ours (see `format`), or tantivy's store as older indexes have it.

use std::sync::{Arc, Mutex};

use tantivy::DocId;
use tantivy::directory::{FileSlice, OwnedBytes};
use tantivy::store::StoreReader;

use super::format::{Dict, FOOTER_LEN, INDEX_ENTRY_LEN, MAGIC, VERSION, take_entry};
use crate::{Error, Result};

/// One segment's text store, whichever format its file has.
pub(crate) enum TextReader {
    /// tantivy's store, as indexes written before the text store had a format of its own.
    Tantivy(StoreReader),
    /// Ours.
    Own(OwnReader),
}

impl TextReader {
    /// Opens `file` (without tantivy's directory footer), caching up to `cache` decompressed
    /// blocks.
    pub(crate) fn open(file: FileSlice, cache: usize) -> Result<TextReader> {
        let len = file.num_bytes().get_bytes() as usize;
        let is_own = len >= MAGIC.len()
            && file
                .read_bytes_slice(len - MAGIC.len()..len)
                .map_err(io)?
                .as_slice()
                == MAGIC;
        if is_own {
            return Ok(TextReader::Own(OwnReader::open(file, cache)?));
        }
        check_store_footer(&file)?;
        Ok(TextReader::Tantivy(
            StoreReader::open(file, cache).map_err(io)?,
        ))
    }

    /// Calls `f` with the entry of document `doc`.
    pub(crate) fn with_entry<R>(&self, doc: DocId, f: impl FnOnce(&[u8]) -> R) -> Result<R> {
        match self {
            TextReader::Tantivy(store) => Ok(f(store.get_document_bytes(doc)?.as_slice())),
            TextReader::Own(own) => own.with_entry(doc, f),
        }
    }

    /// The text of document `doc`, if it has one.
    pub(crate) fn text(&self, doc: DocId) -> Result<Option<String>> {
        self.with_entry(doc, super::entry_text)
    }

    /// The reader of our format, if the file is in it.
    pub(super) fn own(&self) -> Option<&OwnReader> {
        match self {
            TextReader::Tantivy(_) => None,
            TextReader::Own(own) => Some(own),
        }
    }

    /// The dictionary the file was compressed with, if ours and it has one.
    pub(crate) fn dictionary(&self) -> Dict {
        match self {
            TextReader::Tantivy(_) => None,
            TextReader::Own(own) => own.dict.as_ref().map(|d| Arc::from(d.as_slice())),
        }
    }
}

/// Checks what tantivy's `StoreReader::open` would panic on rather than fail: its footer
/// (version 1 or 2, offset, compressor id, 15 zero bytes) at the end of `file`. This is also
/// what a file of ours cut short (so without its magic) meets.
fn check_store_footer(file: &FileSlice) -> Result<()> {
    const LEN: usize = 28;
    let len = file.num_bytes().get_bytes() as usize;
    if len < LEN {
        return Err(corrupt("shorter than a footer"));
    }
    let footer = file.read_bytes_slice(len - LEN..len).map_err(io)?;
    let mut r = Fields(footer.as_slice());
    let version = r.u32();
    let offset = r.u64();
    let compressor = r.take::<1>()[0];
    let padding = r.take::<15>();
    let valid = matches!(version, 1 | 2)
        && offset <= (len - LEN) as u64
        && matches!(compressor, 0 | 1 | 4)
        && padding == [0; 15];
    match valid {
        true => Ok(()),
        false => Err(corrupt("neither newsdex's format nor tantivy's store")),
    }
}

/// A reader of our format: the block index searched where it lies (parsing all of it, ~1 MB at
/// 200,000 articles, was 0.5 ms of a whole-process search), a zstd decompression context with
/// the dictionary loaded kept for reuse (tantivy's store creates one per block read), and a
/// few blocks decompressed. Shared by every search of the segment, hence the locks.
pub(crate) struct OwnReader {
    file: FileSlice,
    /// Per block: first doc id, offset, size decompressed (`INDEX_ENTRY_LEN` bytes each).
    index: OwnedBytes,
    n_blocks: usize,
    /// Where the blocks end (the dictionary's offset).
    blocks_end: u64,
    docs: DocId,
    dict: Option<OwnedBytes>,
    /// Idle decompression contexts: one, unless threads read at once (an export reads with
    /// two), each then taking its own rather than decompressing under a lock.
    contexts: Mutex<Vec<zstd::bulk::Decompressor<'static>>>,
    cache: Mutex<Cache>,
}

struct Cache {
    /// Decompressed blocks by number, most recently used last.
    blocks: Vec<(usize, Arc<[u8]>)>,
    capacity: usize,
}

impl OwnReader {
    fn open(file: FileSlice, cache: usize) -> Result<OwnReader> {
        let len = file.num_bytes().get_bytes() as usize;
        if len < FOOTER_LEN {
            return Err(corrupt("shorter than its footer"));
        }
        let footer = file.read_bytes_slice(len - FOOTER_LEN..len).map_err(io)?;
        let mut r = Fields(footer.as_slice());
        let dict_offset = r.u64();
        let index_offset = r.u64();
        let n_blocks = r.u32() as usize;
        let docs = r.u32();
        let version = r.u32();
        if version != VERSION {
            return Err(corrupt(format!(
                "format version {version}, this newsdex reads {VERSION}"
            )));
        }
        let index_len = n_blocks
            .checked_mul(INDEX_ENTRY_LEN)
            .ok_or_else(|| corrupt("block count"))?;
        if dict_offset > index_offset
            || usize::try_from(index_offset)
                .ok()
                .and_then(|o| o.checked_add(index_len))
                != Some(len - FOOTER_LEN)
        {
            return Err(corrupt("footer offsets"));
        }
        let (dict_offset, index_offset) = (dict_offset as usize, index_offset as usize);
        let index = file
            .read_bytes_slice(index_offset..index_offset + index_len)
            .map_err(io)?;
        // The first block starts at document 0 and offset 0; the others are checked as read.
        let starts_at_zero = index.as_slice().get(..12).is_some_and(|f| f == [0; 12]);
        if n_blocks > 0 && !starts_at_zero || n_blocks == 0 && docs > 0 {
            return Err(corrupt("block index"));
        }
        let dict = match dict_offset == index_offset {
            true => None,
            false => Some(
                file.read_bytes_slice(dict_offset..index_offset)
                    .map_err(io)?,
            ),
        };
        let zstd = context(dict.as_ref().map(|d| d.as_slice()))?;
        Ok(OwnReader {
            file,
            index,
            n_blocks,
            blocks_end: dict_offset as u64,
            docs,
            dict,
            contexts: Mutex::new(vec![zstd]),
            cache: Mutex::new(Cache {
                blocks: Vec::new(),
                capacity: cache.max(1),
            }),
        })
    }

    fn with_entry<R>(&self, doc: DocId, f: impl FnOnce(&[u8]) -> R) -> Result<R> {
        if doc >= self.docs {
            return Err(corrupt(format!("no document {doc} of {}", self.docs)));
        }
        // The last block whose first document is at most `doc` (the first block's is 0).
        let (mut lo, mut hi) = (0, self.n_blocks);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.index_entry(mid).0 <= doc {
                true => lo = mid + 1,
                false => hi = mid,
            }
        }
        let b = lo.checked_sub(1).ok_or_else(|| corrupt("block index"))?;
        let block = self.block(b)?;
        let mut rest = &block[..];
        for _ in self.index_entry(b).0..doc {
            rest = take_entry(rest)
                .ok_or_else(|| corrupt("block cut short"))?
                .1;
        }
        let (entry, _) = take_entry(rest).ok_or_else(|| corrupt("block cut short"))?;
        Ok(f(entry))
    }

    /// The number of documents (entries) in the file.
    pub(super) fn docs(&self) -> DocId {
        self.docs
    }

    /// The dictionary's bytes, if the file has one.
    pub(super) fn dict_bytes(&self) -> Option<&[u8]> {
        self.dict.as_ref().map(|d| d.as_slice())
    }

    /// The file's blocks as stored, in order, for a merge to copy without decompressing.
    pub(super) fn raw_blocks(&self) -> impl Iterator<Item = Result<RawBlock<'_>>> {
        (0..self.n_blocks).map(move |b| {
            let first = self.index_entry(b).0;
            let next_first = match b + 1 < self.n_blocks {
                true => self.index_entry(b + 1).0,
                false => self.docs,
            };
            // Decompressing would catch a block of no documents; a copy is not decompressed.
            if first >= next_first {
                return Err(corrupt(format!("block {b}: documents")));
            }
            let (frame, raw_len) = self.frame(b)?;
            Ok(RawBlock {
                reader: self,
                b,
                first,
                docs: next_first - first,
                raw_len,
                frame,
            })
        })
    }

    /// Block `b` decompressed, from the cache if there.
    fn block(&self, b: usize) -> Result<Arc<[u8]>> {
        {
            let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(i) = cache.blocks.iter().position(|(n, _)| *n == b) {
                let hit = cache.blocks.remove(i);
                let block = hit.1.clone();
                cache.blocks.push(hit);
                return Ok(block);
            }
        }
        let (frame, raw_len) = self.frame(b)?;
        let idle = self.lock_contexts().pop();
        let mut zstd = match idle {
            Some(zstd) => zstd,
            None => context(self.dict.as_ref().map(|d| d.as_slice()))?,
        };
        let mut raw = Vec::with_capacity(raw_len as usize);
        let done = zstd.decompress_to_buffer(frame.as_slice(), &mut raw);
        self.lock_contexts().push(zstd);
        let n = done.map_err(|e| corrupt(format!("block {b}: {e}")))?;
        if n != raw_len as usize {
            return Err(corrupt(format!("block {b}: size")));
        }
        let block: Arc<[u8]> = raw.into();
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.blocks.len() >= cache.capacity {
            cache.blocks.remove(0);
        }
        cache.blocks.push((b, block.clone()));
        Ok(block)
    }

    /// Block `b`'s zstd frame and its size decompressed, checked against each other.
    fn frame(&self, b: usize) -> Result<(OwnedBytes, u32)> {
        let (_, start, raw_len) = self.index_entry(b);
        let end = match b + 1 < self.n_blocks {
            true => self.index_entry(b + 1).1,
            false => self.blocks_end,
        };
        if start >= end || end > self.blocks_end {
            return Err(corrupt(format!("block {b}: offsets")));
        }
        let frame = self
            .file
            .read_bytes_slice(start as usize..end as usize)
            .map_err(io)?;
        // The size decompressed is checked against the frame's own before allocating it,
        // so a corrupted index cannot ask for gigabytes (nor a copied block mislead).
        match zstd::zstd_safe::get_frame_content_size(frame.as_slice()) {
            Ok(Some(size)) if size == u64::from(raw_len) => Ok((frame, raw_len)),
            _ => Err(corrupt(format!("block {b}: frame header"))),
        }
    }

    /// Block `b`'s first document, offset and size decompressed (`b < n_blocks`).
    fn index_entry(&self, b: usize) -> (DocId, u64, u32) {
        let at = b * INDEX_ENTRY_LEN;
        let mut r = Fields(&self.index.as_slice()[at..at + INDEX_ENTRY_LEN]);
        (r.u32(), r.u64(), r.u32())
    }

    fn lock_contexts(&self) -> std::sync::MutexGuard<'_, Vec<zstd::bulk::Decompressor<'static>>> {
        self.contexts.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// One block of a file of ours, as stored: a zstd frame of `docs` consecutive entries.
pub(super) struct RawBlock<'a> {
    reader: &'a OwnReader,
    b: usize,
    /// The block's first document in its file.
    pub(super) first: DocId,
    pub(super) docs: DocId,
    /// The entries' size decompressed.
    pub(super) raw_len: u32,
    pub(super) frame: OwnedBytes,
}

impl RawBlock<'_> {
    /// The block's entries decompressed (each its length, then its bytes).
    pub(super) fn entries(&self) -> Result<Arc<[u8]>> {
        self.reader.block(self.b)
    }
}

/// A zstd decompression context with `dict` loaded (digested once, for every block).
fn context(dict: Option<&[u8]>) -> Result<zstd::bulk::Decompressor<'static>> {
    match dict {
        Some(d) => zstd::bulk::Decompressor::with_dictionary(d),
        None => zstd::bulk::Decompressor::new(),
    }
    .map_err(|e| corrupt(format!("dictionary: {e}")))
}

/// Little-endian fields read in order from a slice whose length was checked.
struct Fields<'a>(&'a [u8]);

impl Fields<'_> {
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        out.copy_from_slice(&self.0[..N]);
        self.0 = &self.0[N..];
        out
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }
    fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take())
    }
}

pub(super) fn corrupt(what: impl std::fmt::Display) -> Error {
    Error::Tantivy(tantivy::TantivyError::DataCorruption(
        tantivy::error::DataCorruption::comment_only(format!("text store: {what}")),
    ))
}

fn io(e: std::io::Error) -> Error {
    Error::Tantivy(e.into())
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use tantivy::directory::{Directory, RamDirectory, TerminatingWrite};
    use tantivy::store::{Compressor, StoreWriter, ZstdCompressor};

    use super::TextReader;
    use crate::index::apart::format::{DictSource, TextFileWriter, Trainer};

    /// Entry `i`: varied English-like text of varying length, some empty, one (i = 77)
    /// larger than several blocks.
    fn entry(i: usize) -> Vec<u8> {
        if i.is_multiple_of(9) {
            return Vec::new();
        }
        let words = [
            "harbour", "ferry", "council", "minister", "rain", "market", "wheat", "strike", "port",
            "budget", "the", "of", "and", "said", "on", "Tuesday",
        ];
        let n = if i == 77 { 9000 } else { 20 + (i * 37) % 400 };
        let mut text = format!("Story {i}: ");
        for k in 0..n {
            text.push_str(words[(i * 7 + k * k) % words.len()]);
            text.push(if k % 13 == 12 { '.' } else { ' ' });
        }
        text.into_bytes()
    }

    fn write(dir: &RamDirectory, name: &str, n: usize, source: DictSource) {
        let out = dir.open_write(Path::new(name)).unwrap();
        let mut w = TextFileWriter::new(out, 3, 8 * 1024, source).unwrap();
        for i in 0..n {
            w.add(&entry(i)).unwrap();
        }
        w.close().unwrap();
    }

    fn open(dir: &RamDirectory, name: &str) -> TextReader {
        TextReader::open(dir.open_read(Path::new(name)).unwrap(), 4).unwrap()
    }

    fn check_all(reader: &TextReader, n: usize) {
        // Forwards, then jumping about (blocks leave and re-enter the cache).
        for i in (0..n).chain((0..n).map(|i| (i * 7919) % n)) {
            let got = reader.with_entry(i as u32, |e| e.to_vec()).unwrap();
            assert_eq!(got, entry(i), "entry {i}");
        }
        assert!(reader.with_entry(n as u32, |_| ()).is_err());
    }

    /// Many entries across blocks, empty ones and one larger than a block, with no
    /// dictionary and with one trained from the first entries written.
    #[test]
    fn entries_round_trip_with_and_without_a_dictionary() {
        let dir = RamDirectory::create();
        write(&dir, "plain.text", 3000, DictSource::Fixed(None));
        let plain = open(&dir, "plain.text");
        assert!(matches!(plain, TextReader::Own(_)) && plain.dictionary().is_none());
        check_all(&plain, 3000);

        let trainer = Arc::new(Trainer::default());
        write(&dir, "dict.text", 6000, DictSource::Run(trainer.clone()));
        let dict = open(&dir, "dict.text");
        assert!(dict.dictionary().is_some(), "no dictionary trained");
        check_all(&dict, 6000);
        // A later segment of the run reuses the dictionary.
        write(&dir, "later.text", 50, DictSource::Run(trainer));
        let later = open(&dir, "later.text");
        assert_eq!(later.dictionary(), dict.dictionary());
        check_all(&later, 50);

        write(&dir, "empty.text", 0, DictSource::Fixed(None));
        check_all(&open(&dir, "empty.text"), 0);
    }

    /// A segment too small to train a dictionary is still written in the new format.
    #[test]
    fn a_small_segment_has_no_dictionary() {
        let dir = RamDirectory::create();
        let trainer = Arc::new(Trainer::default());
        write(&dir, "small.text", 20, DictSource::Run(trainer.clone()));
        let small = open(&dir, "small.text");
        assert!(matches!(small, TextReader::Own(_)) && small.dictionary().is_none());
        check_all(&small, 20);
        assert!(trainer.decided().is_none(), "sampling goes on");
    }

    /// A file in tantivy's store format (older indexes) is read with tantivy's reader.
    #[test]
    fn an_old_format_file_is_read() {
        let dir = RamDirectory::create();
        let out = dir.open_write(Path::new("old.text")).unwrap();
        let zstd = Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        });
        let mut store = StoreWriter::new(out, zstd, 8 * 1024, false).unwrap();
        for i in 0..500 {
            // The old writer never wrote an empty entry (a marker byte at least).
            let mut e = vec![1];
            e.extend(entry(i));
            store.store_bytes(&e).unwrap();
        }
        store.close().unwrap();
        let old = open(&dir, "old.text");
        assert!(matches!(old, TextReader::Tantivy(_)));
        for i in [0, 1, 77, 499, 3] {
            let want = String::from_utf8(entry(i)).unwrap();
            assert_eq!(old.text(i as u32).unwrap(), Some(want));
        }
    }

    /// A file cut short or with bytes changed gives an error (or, for a change inside a
    /// block, possibly wrong text), never a panic.
    #[test]
    fn corrupted_files_fail_without_panicking() {
        let dir = RamDirectory::create();
        write(&dir, "good.text", 600, DictSource::Fixed(None));
        let good = dir.open_read(Path::new("good.text")).unwrap();
        let bytes = good.read_bytes().unwrap().as_slice().to_vec();
        let try_read = |data: Vec<u8>| -> bool {
            let dir = RamDirectory::create();
            let mut out = dir.open_write(Path::new("bad.text")).unwrap();
            std::io::Write::write_all(&mut out, &data).unwrap();
            out.terminate().unwrap();
            let file = dir.open_read(Path::new("bad.text")).unwrap();
            let Ok(reader) = TextReader::open(file, 2) else {
                return false;
            };
            (0..600).all(|i| reader.with_entry(i, |_| ()).is_ok())
        };
        for len in (0..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
            assert!(!try_read(bytes[..len].to_vec()), "cut at {len} read");
        }
        for at in (0..bytes.len()).step_by(13) {
            let mut data = bytes.clone();
            data[at] ^= 0x5a;
            try_read(data);
        }
    }
}
