//! Which commit a search reads: a searcher and the generation (commit opstamp) it holds.
//!
//! Apart from the search itself because searches and exports both open through it, and the
//! check that keeps the reported generation honest is about the reader, not the query.

use tantivy::Searcher;

use crate::index::NewsIndex;
use crate::{Error, Result};

impl NewsIndex {
    /// The opstamp of the index's last commit — the one searches see once the index is
    /// opened or [reloaded](NewsIndex::reload) — recorded in results and export records.
    ///
    /// # Errors
    /// [`Error::Tantivy`] if the index metadata cannot be read.
    pub fn generation(&self) -> Result<u64> {
        Ok(self.snapshot()?.1)
    }

    /// A searcher and the generation (commit opstamp) it holds. When the index on disk has
    /// moved on since it was loaded, the loaded commit's opstamp is unknown, so the newest
    /// commit is loaded instead: the generation reported always describes what was read.
    ///
    /// The check reads the index metadata, so it is made once per loaded reader generation
    /// (it was 7–8% of a warm search when made every time).
    pub(super) fn snapshot(&self) -> Result<(Searcher, u64)> {
        let mut cached = self.opstamp.lock().unwrap_or_else(|p| p.into_inner());
        for _ in 0..5 {
            let searcher = self.searcher()?;
            let loaded = searcher.generation().generation_id();
            if let Some((id, opstamp)) = *cached
                && id == loaded
            {
                return Ok((searcher, opstamp));
            }
            let metas = self.index.load_metas()?;
            let held = searcher.generation().segments();
            let same = metas.segments.len() == held.len()
                && metas
                    .segments
                    .iter()
                    .all(|s| held.get(&s.id()) == Some(&s.delete_opstamp()));
            if same {
                *cached = Some((loaded, metas.opstamp));
                return Ok((searcher, metas.opstamp));
            }
            self.reader.reload()?;
        }
        Err(Error::InvalidRequest(
            "the index kept changing while this search opened it; try again".into(),
        ))
    }
}
