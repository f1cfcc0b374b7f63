//! `SourceFile`: one input file, decompressed and decoded to text.

use std::hash::Hasher;
use std::io::Read;
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::decode::decode;
use super::format::Format;
use crate::{Error, Result};

/// Size limits that protect indexing from hostile or accidental giant inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest file (after decompression) read, in bytes; larger ones are skipped with a reason.
    pub max_file_bytes: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_file_bytes: 256 * 1024 * 1024,
        }
    }
}

/// What identifies a file's content on disk, to skip unchanged files on a re-run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fingerprint {
    /// Size in bytes (as on disk, before decompression).
    pub size: u64,
    /// Modification time, seconds since the epoch (bookkeeping only, never a date).
    pub mtime: i64,
    /// Hash of the bytes on disk.
    pub hash: u64,
}

/// One input file, loaded: decompressed if gzipped, decoded to UTF-8 text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path used in ids and output.
    pub path: String,
    /// Its format.
    pub format: Format,
    /// Its text, decoded to UTF-8.
    pub text: String,
    /// Size, mtime and content hash of the file on disk.
    pub fingerprint: Fingerprint,
}

impl SourceFile {
    /// Loads a file: reads it, gunzips it when `gzipped`, decodes its charset.
    ///
    /// # Errors
    /// [`Error::Io`] when it cannot be read, [`Error::Input`] when it is too large, a broken
    /// gzip stream, or binary data.
    pub fn load(
        path: &Path,
        format: Format,
        gzipped: bool,
        limits: &ReadLimits,
    ) -> Result<SourceFile> {
        let display = path.to_string_lossy().into_owned();
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.len() > limits.max_file_bytes {
            return Err(too_large(&display, meta.len(), limits));
        }
        let raw = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let fingerprint = Fingerprint {
            size: raw.len() as u64,
            mtime: mtime_secs(&meta),
            hash: hash_bytes(&raw),
        };
        let bytes = if gzipped {
            gunzip(&raw, &display, limits)?
        } else {
            raw
        };
        let text = decode(&bytes, format == Format::Html).map_err(|m| Error::input(&display, m))?;
        Ok(SourceFile {
            path: display,
            format,
            text,
            fingerprint,
        })
    }

    /// A source made from text in memory (for tests and embedding).
    pub fn from_text(
        path: impl Into<String>,
        format: Format,
        text: impl Into<String>,
    ) -> SourceFile {
        let text = text.into();
        SourceFile {
            path: path.into(),
            format,
            fingerprint: Fingerprint {
                size: text.len() as u64,
                mtime: 0,
                hash: hash_bytes(text.as_bytes()),
            },
            text,
        }
    }
}

/// The fingerprint of a file from its metadata alone (no hash), for the quick unchanged check.
pub(crate) fn quick_fingerprint(path: &Path) -> std::io::Result<(u64, i64)> {
    let meta = std::fs::metadata(path)?;
    Ok((meta.len(), mtime_secs(&meta)))
}

/// The fingerprint of a file, hashing it as it streams by (for files too large to load).
pub(crate) fn fingerprint_of(path: &Path) -> Result<Fingerprint> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut h = Fnv1a::default();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        h.write(&buf[..n]);
        size += n as u64;
    }
    Ok(Fingerprint {
        size,
        mtime: mtime_secs(&meta),
        hash: h.finish(),
    })
}

/// A file's lines as they stream by, gunzipped when `gzipped` (no charset decoding: JSON
/// is UTF-8 by definition).
pub(crate) fn open_lines(path: &Path, gzipped: bool) -> Result<Box<dyn std::io::BufRead + Send>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let file = std::io::BufReader::with_capacity(1 << 16, file);
    Ok(if gzipped {
        Box::new(std::io::BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(file)
    })
}

fn mtime_secs(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

fn too_large(path: &str, size: u64, limits: &ReadLimits) -> Error {
    Error::input(
        path,
        format!(
            "file too large ({} MB > --max-file-size {} MB)",
            size / 1_000_000,
            limits.max_file_bytes / 1_000_000
        ),
    )
}

fn gunzip(raw: &[u8], path: &str, limits: &ReadLimits) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len() * 4);
    // Read one byte past the limit to tell "exactly at the limit" from "over it".
    let mut reader = MultiGzDecoder::new(raw).take(limits.max_file_bytes + 1);
    reader
        .read_to_end(&mut out)
        .map_err(|e| Error::input(path, format!("broken gzip data: {e}")))?;
    if out.len() as u64 > limits.max_file_bytes {
        return Err(too_large(path, out.len() as u64, limits));
    }
    Ok(out)
}

/// A fast, stable 64-bit hash (FNV-1a) of file bytes, for change detection.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::default();
    h.write(bytes);
    h.finish()
}

/// FNV-1a: stable across builds and platforms, unlike `DefaultHasher`; also the hasher of
/// the small maps keyed by short strings in hot paths, where SipHash showed in profiles.
#[derive(Clone, Copy)]
pub(crate) struct Fnv1a(u64);

/// A `HashMap` hashed with [`Fnv1a`]: for short, non-adversarial keys.
pub(crate) type FnvMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv1a>>;

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    // Inlined: the entity tagger feeds it a byte at a time.
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn gzip_is_read_and_truncation_reported() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"Title: A\n\nBody text.").unwrap();
        let gz = enc.finish().unwrap();
        let limits = ReadLimits::default();
        assert_eq!(
            gunzip(&gz, "a.txt.gz", &limits).unwrap(),
            b"Title: A\n\nBody text."
        );
        let err = gunzip(&gz[..gz.len() / 2], "a.txt.gz", &limits).unwrap_err();
        assert!(err.to_string().contains("broken gzip"), "{err}");
    }

    #[test]
    fn gzip_bomb_is_stopped_at_the_limit() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b'a'; 2_000_000]).unwrap();
        let gz = enc.finish().unwrap();
        let err = gunzip(
            &gz,
            "bomb.txt.gz",
            &ReadLimits {
                max_file_bytes: 1_000_000,
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("too large"), "{err}");
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(hash_bytes(b""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(hash_bytes(b"a"), hash_bytes(b"b"));
    }
}
