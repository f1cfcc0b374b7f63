//! Index files read with `pread` for tantivy, with a window read ahead for forward scans.
//!
//! The index writer and its merges read segments this way instead of through memory maps (see
//! `writer::pread_dir`), and the end-of-run passes read stored blocks so (see `readback`).
//! A merge reads each term's postings and positions in term order: a stream of small reads,
//! each starting where the last one ended. One `pread` apiece, indexing Reuters-21578 made
//! 641,463 calls, about 30 per article. A read that starts at, or within a window's length
//! after, the end of the last one therefore fills a window of [`WINDOW`] bytes, and the reads
//! that fall inside it are slices of it. Any other read (a block out of order, a read larger
//! than half a window) reads just its own bytes, so scattered reads cost no more than before.

use std::fs::File;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use tantivy::directory::OwnedBytes;

/// Bytes read ahead for a forward scan. Each open file keeps at most one window (a merge of
/// ten segments holds a few dozen files open), and a slice tantivy keeps pins its window.
const WINDOW: usize = 128 * 1024;

/// A file read with positioned reads.
#[derive(Debug)]
pub(crate) struct ReadAt {
    file: File,
    len: usize,
    ahead: Mutex<Ahead>,
}

/// The window read ahead, and where the last read ended.
#[derive(Debug, Default)]
struct Ahead {
    start: usize,
    bytes: Option<OwnedBytes>,
    last_end: usize,
    /// `pread` calls made and bytes they read (for the tests).
    #[cfg(test)]
    calls: usize,
    #[cfg(test)]
    read: usize,
}

impl ReadAt {
    /// The file, read from now on with positioned reads.
    pub(crate) fn new(file: File) -> std::io::Result<ReadAt> {
        let len = usize::try_from(file.metadata()?.len()).map_err(std::io::Error::other)?;
        Ok(ReadAt {
            file,
            len,
            ahead: Mutex::new(Ahead::default()),
        })
    }

    #[cfg(unix)]
    fn pread(&self, range: Range<usize>) -> std::io::Result<OwnedBytes> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0u8; range.len()];
        self.file.read_exact_at(&mut buf, range.start as u64)?;
        Ok(OwnedBytes::new(buf))
    }

    #[cfg(not(unix))]
    fn pread(&self, range: Range<usize>) -> std::io::Result<OwnedBytes> {
        use std::io::{Read, Seek, SeekFrom};
        let mut buf = vec![0u8; range.len()];
        let mut file = &self.file;
        file.seek(SeekFrom::Start(range.start as u64))?;
        file.read_exact(&mut buf)?;
        Ok(OwnedBytes::new(buf))
    }
}

impl tantivy::HasLen for ReadAt {
    fn len(&self) -> usize {
        self.len
    }
}

impl tantivy::directory::FileHandle for ReadAt {
    fn read_bytes(&self, range: Range<usize>) -> std::io::Result<OwnedBytes> {
        // A lock poisoned by a panicking reader leaves a consistent window: reads go on.
        let mut ahead = self.ahead.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(bytes) = &ahead.bytes
            && range.start >= ahead.start
            && range.end <= ahead.start + bytes.len()
        {
            let out = bytes.slice(range.start - ahead.start..range.end - ahead.start);
            ahead.last_end = range.end;
            return Ok(out);
        }
        let forward = range.start >= ahead.last_end && range.start - ahead.last_end <= WINDOW;
        ahead.last_end = range.end;
        let span = if forward && range.len() <= WINDOW / 2 {
            range.start..(range.start + WINDOW).min(self.len).max(range.end)
        } else {
            range.clone()
        };
        #[cfg(test)]
        {
            ahead.calls += 1;
            ahead.read += span.len();
        }
        let bytes = self.pread(span.clone())?;
        if span == range {
            return Ok(bytes);
        }
        let out = bytes.slice(0..range.len());
        ahead.start = span.start;
        ahead.bytes = Some(bytes);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use tantivy::directory::FileHandle;

    use super::*;

    fn file(len: usize) -> (ReadAt, Vec<u8>) {
        let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(&data).unwrap();
        (ReadAt::new(f).unwrap(), data)
    }

    fn counts(r: &ReadAt) -> (usize, usize) {
        let a = r.ahead.lock().unwrap();
        (a.calls, a.read)
    }

    #[test]
    fn a_forward_scan_reads_a_window_at_a_time() {
        let (r, data) = file(3 * WINDOW + 100);
        let mut at = 0;
        let mut n = 0;
        while at < data.len() {
            let end = (at + 37 + n % 50).min(data.len());
            assert_eq!(r.read_bytes(at..end).unwrap().as_slice(), &data[at..end]);
            // Small gaps (skipped postings of deleted terms) keep the scan going.
            at = end + n % 3;
            n += 1;
        }
        let (calls, read) = counts(&r);
        assert!(n > 5_000, "{n}");
        assert!(calls <= 5, "{calls} reads for {n}");
        assert!(read <= data.len() + WINDOW, "{read}");
    }

    #[test]
    fn scattered_and_large_reads_read_only_their_bytes() {
        let (r, data) = file(8 * WINDOW);
        let ranges = [
            5 * WINDOW..5 * WINDOW + 100,
            WINDOW..WINDOW + 64,
            7 * WINDOW..7 * WINDOW + 10,
            3 * WINDOW..3 * WINDOW + 50,
            0..2 * WINDOW,
        ];
        for range in ranges.iter().cloned() {
            assert_eq!(
                r.read_bytes(range.clone()).unwrap().as_slice(),
                &data[range]
            );
        }
        let (calls, read) = counts(&r);
        assert_eq!(calls, ranges.len());
        assert_eq!(read, ranges.iter().map(|r| r.len()).sum::<usize>());
    }

    #[test]
    fn reads_at_the_end_of_the_file_and_across_a_window_edge() {
        let (r, data) = file(WINDOW + 1000);
        assert_eq!(r.read_bytes(0..10).unwrap().as_slice(), &data[..10]);
        // Past the window's end: a new window from there, cut at the end of the file.
        let edge = WINDOW - 5..WINDOW + 20;
        assert_eq!(r.read_bytes(edge.clone()).unwrap().as_slice(), &data[edge]);
        let tail = data.len() - 30..data.len();
        assert_eq!(r.read_bytes(tail.clone()).unwrap().as_slice(), &data[tail]);
        assert!(r.read_bytes(data.len() - 5..data.len() + 1).is_err());
        assert_eq!(r.read_bytes(7..7).unwrap().len(), 0);
    }
}
