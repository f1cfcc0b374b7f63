//! The end of a run: the corpus-wide passes over what was written (repeated boilerplate,
//! outlet names, entity relinking, syndication clusters), then the last merges.
//!
//! Apart from writing articles because these passes read the whole index, not one file,
//! and run once per run (or once more when a run is cancelled).

use super::{IndexEvent, IndexReport, Indexer, merges};
use crate::Result;
use crate::index::state::Known;
use crate::index::{clean, clusters, outlets, relink};

impl Indexer<'_> {
    /// The last commit of a cancelled run, with syndication clusters assigned (a pass over
    /// fast columns), so the copies it added do not wait for the next run to be folded.
    pub(super) fn commit_interrupted(
        &mut self,
        on_event: &(dyn Fn(IndexEvent<'_>) + Sync),
    ) -> Result<()> {
        self.report.interrupted = true;
        self.commit_and_report(on_event)?;
        self.record_failures()?;
        let clustered = clusters::assign_clusters(self.index, &self.writer)?;
        if clustered.rewritten > 0 {
            self.commit()?;
        }
        self.report.syndication_clusters = clustered.clusters;
        self.report.syndicated_articles = clustered.members;
        Ok(())
    }

    /// Commits, waits for background merges, and returns what the run did.
    ///
    /// # Errors
    /// As [`Indexer::commit`].
    pub fn finish(mut self) -> Result<IndexReport> {
        self.commit()?;
        self.record_failures()?;
        let cleaned = clean::clean_repeated(self.index, &self.writer)?;
        if cleaned.articles > 0 {
            self.commit()?;
        }
        self.report.boilerplate_articles = cleaned.articles;
        self.report.boilerplate_paragraphs = cleaned.paragraphs;
        // After cleaning, which counts paragraphs by outlet as `newsdex extract` does.
        self.report.outlets_named = outlets::unify_outlets(self.index, &self.writer)?;
        if self.report.outlets_named > 0 {
            self.commit()?;
        }
        self.apply_aliases()?;
        let clustered = clusters::assign_clusters(self.index, &self.writer)?;
        if clustered.rewritten > 0 {
            self.commit()?;
        }
        self.report.syndication_clusters = clustered.clusters;
        self.report.syndicated_articles = clustered.members;
        let mut report = std::mem::take(&mut self.report);
        report.elapsed_secs = self.started.elapsed().as_secs_f64();
        // The ids of the run are no longer needed: free them before the last merges.
        self.known = Known::default();
        // The last merge works on the index the writer worked on (read by `pread`).
        let writing = self.writer.index().clone();
        self.writer.wait_merging_threads()?;
        merges::merge_at_end(&writing, &self.before)?;
        self.index.reader.reload()?;
        Ok(report)
    }

    /// When the alias table or the recognition differs from the one the index was built with,
    /// finds every stored article's entities again (from stored text, no source file is read)
    /// and records them. An index this run created holds only what it found with them: it is
    /// only recorded.
    fn apply_aliases(&mut self) -> Result<()> {
        let Some(table) = self.opts.extract.aliases.clone() else {
            return Ok(());
        };
        if !self.opts.extract.entities {
            return Ok(());
        }
        let fingerprint = relink::applied_fingerprint(&table);
        let (_, applied) = self.index.aliases.get()?;
        if applied == fingerprint {
            return Ok(());
        }
        let changed = if self.before.is_empty() {
            0
        } else {
            relink::relink_all(self.index, &self.writer, &table)?
        };
        if changed > 0 {
            self.commit()?;
        }
        if let Some(dir) = self.index.dir() {
            relink::record(dir, &table)?;
        }
        self.index.aliases.set(table, fingerprint);
        self.report.entities_relinked = changed;
        Ok(())
    }
}
