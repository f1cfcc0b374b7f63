// One integration-test binary (as ripgrep does): shared harness, one module per area.

// The harness: temp folders, the real binary with a scrubbed environment, JSON helpers.
mod util;

// The binary end to end: search flags, query syntax, output formats, exit codes, extract.
mod cli;
// Named entities: extract output, --entity alias matching, --entity-type, --aliases re-linking.
mod entities;
// Extraction as users see it: boilerplate, metadata provenance, extract --explain.
mod extract;
// Hostile and broken inputs: named with reasons, never a panic, the rest indexed.
mod hostile;
// Incremental indexing: pruning vanished files, runs killed with SIGKILL then finished.
mod incremental;
// Indexing: every input format, re-runs, updates, de-duplication, broken files, locking, stats.
mod index;
// Property tests: parsers and the query builder take any input without panicking.
mod properties;
// The index schema file: `newsdex schema`, version mismatches, --rebuild, invalid files.
mod schema;
// Research searches: syndication clusters, facets, timelines, export, KWIC, explain, wire.
mod research;
// The library API: NewsIndex, Indexer, SearchRequest, ranking, filters, paging, snippets.
mod search;
