//! The `.text` file's own format, and its writer.
//!
//! tantivy's store compresses each block on its own, and bodies of 8 KiB blocks share little
//! with each other; a zstd dictionary trained on the corpus's own bodies makes them about a
//! sixth smaller, which tantivy's store cannot use. The file:
//!
//! ```text
//! blocks       each a zstd frame (with the dictionary, if any) of consecutive entries,
//!              each entry its length (LEB128) then its bytes; a block closes once it
//!              holds `block_size` bytes, so one entry larger than that is a block alone
//! dictionary   the zstd dictionary the blocks were compressed with (may be empty)
//! block index  per block: first doc id (u32), offset in the file (u64), size
//!              decompressed (u32)
//! footer       dictionary offset (u64), index offset (u64), blocks (u32), docs (u32),
//!              version (u32), MAGIC (8 bytes)
//! ```
//!
//! All numbers little-endian. tantivy's store ends in 15 zero bytes, so the magic tells
//! the two apart.

use std::io::Write;
use std::sync::{Arc, Mutex};

use tantivy::DocId;
use tantivy::directory::{TerminatingWrite, WritePtr};

/// The last bytes of a `.text` file in this format.
pub(super) const MAGIC: [u8; 8] = *b"ndxtext\x01";
/// The format's version, after the magic's own.
pub(super) const VERSION: u32 = 1;
/// The footer's size in bytes.
pub(super) const FOOTER_LEN: usize = 8 + 8 + 4 + 4 + 4 + 8;
/// A block index entry's size in bytes.
pub(super) const INDEX_ENTRY_LEN: usize = 4 + 8 + 4;

/// How many bytes of entries a run samples to train its dictionary: the lead's measure on
/// Reuters, 1 MB of samples for a 64 KiB dictionary, took 0.13 s and got within 2% of one
/// trained on 4.5 MB; it is also what indexing holds back until the dictionary exists.
const SAMPLE_BYTES: usize = 1 << 20;
/// The largest dictionary trained (on a full sample).
const DICT_BYTES: usize = 64 << 10;
/// Fewer sampled bytes than this train no dictionary: zstd wants samples of about a
/// hundred times the dictionary, and a tiny dictionary gains little.
const MIN_SAMPLE_BYTES: usize = 64 << 10;
/// At most this much of one entry is kept as a sample (a long entry still counts in full
/// towards `SAMPLE_BYTES`, so holding entries back stays bounded).
const MAX_SAMPLE: usize = 64 << 10;

/// A dictionary decided on: `None` is none (too few samples).
pub(super) type Dict = Option<Arc<[u8]>>;

/// The dictionary of one run (one index handle): trained from the first entries any of its
/// segment writers writes, then used by all later segments and merges.
#[derive(Default)]
pub(crate) struct Trainer {
    state: Mutex<TrainState>,
}

enum TrainState {
    /// `held`: the sampled entries' whole lengths, which writers hold back.
    Sampling {
        data: Vec<u8>,
        sizes: Vec<usize>,
        held: usize,
    },
    /// Trained, or given up on (`None`: zstd could not train on a full sample).
    Decided(Dict),
}

impl Default for TrainState {
    fn default() -> Self {
        TrainState::Sampling {
            data: Vec::new(),
            sizes: Vec::new(),
            held: 0,
        }
    }
}

impl Trainer {
    /// The run's dictionary, once decided.
    pub(super) fn decided(&self) -> Option<Dict> {
        match &*self.lock() {
            TrainState::Decided(dict) => Some(dict.clone()),
            TrainState::Sampling { .. } => None,
        }
    }

    /// Adds `entry` to the samples; the dictionary once decided (now or before).
    fn sample(&self, entry: &[u8]) -> Option<Dict> {
        let mut state = self.lock();
        let TrainState::Sampling { data, sizes, held } = &mut *state else {
            return match &*state {
                TrainState::Decided(dict) => Some(dict.clone()),
                TrainState::Sampling { .. } => None,
            };
        };
        let sample = &entry[..entry.len().min(MAX_SAMPLE)];
        data.extend_from_slice(sample);
        sizes.push(sample.len());
        // Counted by the entry's whole length, for the writer holds all of it back.
        *held += entry.len();
        if *held < SAMPLE_BYTES {
            return None;
        }
        let dict = Self::train(&mut state);
        *state = TrainState::Decided(dict.clone());
        Some(dict)
    }

    /// A writer must close its segment before the samples are complete: trains on the
    /// samples there are, if enough; else the segment gets no dictionary and sampling goes
    /// on for the next ones.
    fn finish(&self) -> Dict {
        let mut state = self.lock();
        match &*state {
            TrainState::Decided(dict) => dict.clone(),
            TrainState::Sampling { data, .. } if data.len() < MIN_SAMPLE_BYTES => None,
            TrainState::Sampling { .. } => {
                let dict = Self::train(&mut state);
                // A failure on a partial sample is not final: more samples may do.
                if dict.is_some() {
                    *state = TrainState::Decided(dict.clone());
                }
                dict
            }
        }
    }

    /// A dictionary trained on the samples, if zstd can (it refuses samples too few or
    /// too alike).
    fn train(state: &mut TrainState) -> Dict {
        let TrainState::Sampling { data, sizes, .. } = state else {
            return None;
        };
        let max = (data.len() / 16).min(DICT_BYTES);
        zstd::dict::from_continuous(data, sizes, max)
            .ok()
            .map(Arc::from)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, TrainState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Where a writer gets its dictionary.
pub(super) enum DictSource {
    /// This one (a merge reusing a source segment's), or none.
    Fixed(Dict),
    /// The run's, trained from the first entries written if not yet.
    Run(Arc<Trainer>),
}

/// Writes one segment's `.text` file, an entry per document in doc-id order.
pub(super) struct TextFileWriter {
    out: WritePtr,
    written: u64,
    level: i32,
    block_size: usize,
    source: DictSource,
    /// Set once the dictionary is decided (before the first block is written).
    compressor: Option<(zstd::bulk::Compressor<'static>, Dict)>,
    /// Entries held back (length-prefixed) until the dictionary is decided.
    held: Vec<u8>,
    /// Entries of the block being filled, length-prefixed.
    block: Vec<u8>,
    block_first: DocId,
    docs: DocId,
    index: Vec<(DocId, u64, u32)>,
}

impl TextFileWriter {
    /// A writer to `out`, compressing at zstd `level` blocks of about `block_size` bytes.
    pub(super) fn new(
        out: WritePtr,
        level: i32,
        block_size: usize,
        source: DictSource,
    ) -> std::io::Result<TextFileWriter> {
        let mut writer = TextFileWriter {
            out,
            written: 0,
            level,
            block_size: block_size.max(1),
            source,
            compressor: None,
            held: Vec::new(),
            block: Vec::new(),
            block_first: 0,
            docs: 0,
            index: Vec::new(),
        };
        match &writer.source {
            DictSource::Fixed(dict) => writer.decide(dict.clone())?,
            DictSource::Run(trainer) => {
                if let Some(dict) = trainer.decided() {
                    writer.decide(dict)?;
                }
            }
        }
        Ok(writer)
    }

    /// Appends the next document's entry.
    pub(super) fn add(&mut self, entry: &[u8]) -> std::io::Result<()> {
        if self.compressor.is_some() {
            return self.push(entry);
        }
        put_entry(&mut self.held, entry);
        self.docs += 1;
        if let DictSource::Run(trainer) = &self.source
            && let Some(dict) = trainer.sample(entry)
        {
            self.decide(dict)?;
        }
        Ok(())
    }

    /// The dictionary blocks are compressed with, once decided (`Some(None)`: none).
    pub(super) fn dictionary(&self) -> Option<&Dict> {
        self.compressor.as_ref().map(|(_, dict)| dict)
    }

    /// Whether the block being filled holds entries, but under half a block: closing it
    /// to append a frame would leave a small block (worse compressed, one more to index).
    pub(super) fn pending_is_small(&self) -> bool {
        !self.block.is_empty() && self.block.len() < self.block_size / 2
    }

    /// Appends a block compressed elsewhere with this writer's dictionary (a merge copying a
    /// source's block): `frame`, holding the next `docs` entries, `raw_len` bytes
    /// decompressed. The block being filled is closed first, so entries stay in doc order.
    pub(super) fn append_frame(
        &mut self,
        frame: &[u8],
        docs: DocId,
        raw_len: u32,
    ) -> std::io::Result<()> {
        if self.compressor.is_none() {
            return Err(std::io::Error::other(
                "a text-store frame copied before the dictionary is decided",
            ));
        }
        self.flush_block()?;
        self.out.write_all(frame)?;
        self.index.push((self.docs, self.written, raw_len));
        self.written += frame.len() as u64;
        self.docs += docs;
        Ok(())
    }

    /// Appends `docs` entries already encoded (a source's block decompressed) to the block
    /// being filled, all of them before it may close: so a small block pending before a
    /// copyable one takes that block in whole, and what follows is on block boundaries again.
    pub(super) fn append_entries(&mut self, entries: &[u8], docs: DocId) -> std::io::Result<()> {
        if self.compressor.is_none() {
            return Err(std::io::Error::other(
                "text-store entries appended before the dictionary is decided",
            ));
        }
        if self.block.is_empty() {
            self.block_first = self.docs;
        }
        self.block.extend_from_slice(entries);
        self.docs += docs;
        if self.block.len() >= self.block_size {
            self.flush_block()?;
        }
        Ok(())
    }

    /// Bytes held in memory.
    pub(super) fn mem_usage(&self) -> usize {
        self.held.capacity() + self.block.capacity() + self.index.capacity() * 16
    }

    /// Writes what is left, the dictionary, block index and footer, and closes the file.
    pub(super) fn close(mut self) -> std::io::Result<()> {
        if self.compressor.is_none() {
            let dict = match &self.source {
                DictSource::Run(trainer) => trainer.finish(),
                DictSource::Fixed(dict) => dict.clone(),
            };
            self.decide(dict)?;
        }
        self.flush_block()?;
        let dict = self.compressor.as_ref().and_then(|(_, d)| d.clone());
        let dict_offset = self.written;
        let dict = dict.as_deref().unwrap_or(&[]);
        self.out.write_all(dict)?;
        let index_offset = dict_offset + dict.len() as u64;
        let mut tail = Vec::with_capacity(self.index.len() * INDEX_ENTRY_LEN + FOOTER_LEN);
        for &(first, offset, raw_len) in &self.index {
            tail.extend_from_slice(&first.to_le_bytes());
            tail.extend_from_slice(&offset.to_le_bytes());
            tail.extend_from_slice(&raw_len.to_le_bytes());
        }
        tail.extend_from_slice(&dict_offset.to_le_bytes());
        tail.extend_from_slice(&index_offset.to_le_bytes());
        tail.extend_from_slice(&(self.index.len() as u32).to_le_bytes());
        tail.extend_from_slice(&self.docs.to_le_bytes());
        tail.extend_from_slice(&VERSION.to_le_bytes());
        tail.extend_from_slice(&MAGIC);
        self.out.write_all(&tail)?;
        self.out.terminate()
    }

    /// Fixes the dictionary and writes the entries held back with it.
    fn decide(&mut self, dict: Dict) -> std::io::Result<()> {
        let compressor = match &dict {
            Some(d) => zstd::bulk::Compressor::with_dictionary(self.level, d)?,
            None => zstd::bulk::Compressor::new(self.level)?,
        };
        self.compressor = Some((compressor, dict));
        let held = std::mem::take(&mut self.held);
        let held_docs = self.docs;
        self.docs -= count_entries(&held);
        let mut rest = &held[..];
        while let Some((entry, after)) = take_entry(rest) {
            self.push(entry)?;
            rest = after;
        }
        debug_assert_eq!(self.docs, held_docs);
        Ok(())
    }

    fn push(&mut self, entry: &[u8]) -> std::io::Result<()> {
        if self.block.is_empty() {
            self.block_first = self.docs;
        }
        put_entry(&mut self.block, entry);
        self.docs += 1;
        if self.block.len() >= self.block_size {
            self.flush_block()?;
        }
        Ok(())
    }

    fn flush_block(&mut self) -> std::io::Result<()> {
        if self.block.is_empty() {
            return Ok(());
        }
        let Some((compressor, _)) = &mut self.compressor else {
            return Ok(());
        };
        let raw_len = u32::try_from(self.block.len())
            .map_err(|_| std::io::Error::other("a text-store entry of 4 GiB or more"))?;
        let frame = compressor.compress(&self.block)?;
        self.out.write_all(&frame)?;
        self.index.push((self.block_first, self.written, raw_len));
        self.written += frame.len() as u64;
        self.block.clear();
        Ok(())
    }
}

/// Appends `entry` to `buf`, length first.
fn put_entry(buf: &mut Vec<u8>, entry: &[u8]) {
    let mut n = entry.len() as u64;
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            buf.push(byte);
            break;
        }
        buf.push(byte | 0x80);
    }
    buf.extend_from_slice(entry);
}

/// The first entry of `buf` and what follows it, or `None` at the end or where `buf` is
/// cut short.
pub(super) fn take_entry(buf: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut len: u64 = 0;
    for (i, &byte) in buf.iter().enumerate().take(10) {
        len |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            let rest = &buf[i + 1..];
            let len = usize::try_from(len).ok().filter(|&l| l <= rest.len())?;
            return Some(rest.split_at(len));
        }
    }
    None
}

fn count_entries(mut buf: &[u8]) -> DocId {
    let mut n = 0;
    while let Some((_, rest)) = take_entry(buf) {
        n += 1;
        buf = rest;
    }
    n
}
