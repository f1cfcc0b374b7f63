//! Command-line flags (clap derive). Turning them into library types happens here too, in
//! one place per subcommand, so the library never sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use newsdex::extract::ExtractOptions;
use newsdex::ingest::ReadLimits;

/// Full-text search for news corpora: index a folder of articles, then search it.
#[derive(Debug, Parser)]
#[command(
    name = "newsdex",
    version,
    max_term_width = 100,
    propagate_version = true
)]
#[command(
    after_help = "Start with `newsdex index DIR`, then `newsdex search 'QUERY'`. \
    The index lives in ./newsdex-index unless --index or NEWSDEX_INDEX says otherwise."
)]
pub struct Cli {
    /// Index folder.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "NEWSDEX_INDEX",
        default_value = "newsdex-index",
        value_name = "DIR"
    )]
    pub index: PathBuf,

    /// Schema file to use instead of the built-in one (see `newsdex schema`).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "FILE"
    )]
    pub schema: Option<PathBuf>,

    /// When to colour output.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_enum,
        default_value_t = ColorWhen::Auto,
        value_name = "WHEN"
    )]
    pub color: ColorWhen,

    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Colour output or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index folders and files of articles (re-runs read only new or changed files).
    Index(IndexArgs),
    /// Search the index.
    Search(Box<SearchArgs>),
    /// Print the article records extraction makes from files, without indexing.
    Extract(ExtractArgs),
    /// Show what the index holds.
    Stats(StatsArgs),
    /// Print the schema in force (built in, or --schema FILE).
    Schema,
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

/// `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders and files to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Delete the index and build it again from these paths.
    #[arg(long)]
    pub rebuild: bool,
    /// Memory for the index writer, in MB.
    #[arg(long, default_value_t = 256, value_name = "MB")]
    pub memory: usize,
    /// Index writer threads (0: one per core, at most 4).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Commit after this many articles (what a crash can lose at most).
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub commit_every: usize,
    /// Commit at least every this many seconds while indexing.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub commit_secs: u64,
    /// Keep the articles of files that are gone from the given folders (by default they
    /// are removed, so the index mirrors the folders).
    #[arg(long)]
    pub no_prune: bool,
    #[command(flatten)]
    pub extraction: ExtractionArgs,
    /// Write the files that failed, with reasons, to FILE as JSON Lines.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Exit with status 2 when any file failed.
    #[arg(long)]
    pub strict: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// What `index` and `extract` share: how files are read and what extraction looks for.
#[derive(Debug, Args)]
pub struct ExtractionArgs {
    /// Skip files larger than this (after decompression), in MB.
    #[arg(long, default_value_t = 256, value_name = "MB")]
    pub max_file_size: u64,
    /// Refuse HTML nested deeper than this many elements (hostile pages).
    #[arg(long, default_value_t = 512, value_name = "N")]
    pub max_html_depth: usize,
    /// Entity aliases to add to the shipped table (name<TAB>type<TAB>alias|alias…); an
    /// index remembers them, and re-links its stored articles when the table changes.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Do not look for named entities (faster; --entity then finds nothing new).
    #[arg(long)]
    pub no_entities: bool,
    /// Do not look for the dates articles mention (faster; --mentions then finds nothing new).
    #[arg(long)]
    pub no_mentioned_dates: bool,
}

impl ExtractionArgs {
    /// The library's read limits and extraction options these flags ask for.
    pub fn options(&self) -> anyhow::Result<(ReadLimits, ExtractOptions)> {
        let limits = ReadLimits {
            max_file_bytes: self.max_file_size.saturating_mul(1024 * 1024),
        };
        let opts = ExtractOptions {
            max_html_depth: self.max_html_depth,
            aliases: crate::aliases::load(self.aliases.as_deref())?.map(std::sync::Arc::new),
            entities: !self.no_entities,
            mentioned_dates: !self.no_mentioned_dates,
            ..ExtractOptions::default()
        };
        Ok((limits, opts))
    }
}

/// `--entity-type` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EntityTypeArg {
    /// People.
    Person,
    /// Companies, agencies, parties, teams, ….
    Organization,
    /// Countries, cities, regions, ….
    Place,
    /// Other names (events, nationalities, products).
    Other,
}

impl EntityTypeArg {
    pub fn kind(self) -> newsdex::EntityKind {
        match self {
            EntityTypeArg::Person => newsdex::EntityKind::Person,
            EntityTypeArg::Organization => newsdex::EntityKind::Organization,
            EntityTypeArg::Place => newsdex::EntityKind::Place,
            EntityTypeArg::Other => newsdex::EntityKind::Other,
        }
    }
}

/// Order of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first (BM25, title boosted).
    Relevance,
    /// Latest first.
    Newest,
    /// Earliest first.
    Oldest,
}

/// `newsdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", "phrase"~N, AND/OR/NOT, +must, -must_not, field:value,
    /// prefix*, word~1 (fuzzy), published:[2022-01 TO 2022-06]. Empty or '*' matches all.
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    /// Only this outlet (repeatable; case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub outlet: Vec<String>,
    /// Published in or after this period: YYYY, YYYY-MM, YYYY-MM-DD or an ISO week (YYYY-Www).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Published in or before this period: YYYY, YYYY-MM, YYYY-MM-DD or an ISO week (YYYY-Www).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only this language (repeatable): a code like en, de, ru, or a name.
    #[arg(long, value_name = "LANG")]
    pub lang: Vec<String>,
    /// Only articles mentioning this entity, by any of its names: Kiev finds Kyiv
    /// (repeatable; all must match; case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub entity: Vec<String>,
    /// Only articles with an entity of this type; with --entity, that entity must be of it
    /// (repeatable; any may match).
    #[arg(long, value_enum, value_name = "TYPE", alias = "entity-kind")]
    pub entity_type: Vec<EntityTypeArg>,
    /// Entity aliases to resolve --entity with, besides those the index was built with.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Only articles whose text mentions a date in this period: YYYY, YYYY-MM, YYYY-MM-DD or
    /// YYYY-Www (repeatable; all must match).
    #[arg(long, value_name = "DATE")]
    pub mentions: Vec<String>,
    /// Order of results.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Results to show.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Results to skip (paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    /// Words side by side match if any matches (OR); the default is all (AND).
    #[arg(long)]
    pub any: bool,
    /// Snippet length in characters (0: none; default 200, and none with --all or --kwic).
    #[arg(long, value_name = "N")]
    pub snippet_chars: Option<usize>,
    /// Print only the number of matching articles.
    #[arg(long, conflicts_with_all = ["json", "jsonl", "csv"])]
    pub count: bool,
    /// Print one JSON object: {query, total, total_copies, offset, hits, facets, timeline, debug,
    /// unmatched, generation, took_ms} (facets, timeline, debug and unmatched when there are any).
    #[arg(long, conflicts_with_all = ["jsonl", "csv"])]
    pub json: bool,
    /// Print one JSON object per hit (or per KWIC line), one per line.
    #[arg(long, conflicts_with = "csv")]
    pub jsonl: bool,
    /// Print CSV with a header row: one row per hit (or per KWIC line).
    #[arg(long)]
    pub csv: bool,
    /// Count and show every copy of a syndicated story (by default a story carried by
    /// several outlets counts once, in hits, totals, facets and timelines).
    #[arg(long)]
    pub all_copies: bool,
    /// Count matching stories by these fields: outlet, entity, person, organization, place,
    /// section, language, wire (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS", conflicts_with_all = ["jsonl", "csv", "count"])]
    pub facet: Vec<String>,
    /// Values listed per facet.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub facet_limit: usize,
    /// Count matching stories per day, week, month or year of publication.
    #[arg(long, value_name = "INTERVAL", conflicts_with_all = ["jsonl", "csv", "count"])]
    pub timeline: Option<String>,
    /// Timeline: one series per outlet.
    #[arg(long, requires = "timeline")]
    pub per_outlet: bool,
    /// Timeline: divide each bucket by everything the index holds for it (and its outlet).
    #[arg(long, requires = "timeline")]
    pub normalize: bool,
    /// Keyword in context: every match in each hit's body, one line each.
    #[arg(long)]
    pub kwic: bool,
    /// Words either side of each KWIC match.
    #[arg(long, default_value_t = 6, value_name = "N")]
    pub kwic_words: usize,
    /// Show why each hit scored: BM25 per field and term.
    #[arg(long)]
    pub explain: bool,
    /// Show the query as parsed (every operator explicit) and warn about traps.
    #[arg(long)]
    pub debug_query: bool,
    /// Threads a search may use: a costly query's articles are searched in parts side by
    /// side, and a page of hits is read in two halves (0: one per core, at most 4; 1: one
    /// thread). Results are the same either way.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Stream every match (no limit) in a stable order as JSON Lines (default) or CSV; each
    /// record carries the index generation. Facets and timelines are not part of an export:
    /// ask for them in a search without --all.
    #[arg(long, conflicts_with_all = ["json", "count", "offset", "facet", "timeline"])]
    pub all: bool,
    /// Blend relevance with freshness: a story HALF_LIFE older than the newest in the index
    /// keeps 3/4 of its score (e.g. 30d, 12h, 2w, 1y).
    #[arg(long, value_name = "HALF_LIFE")]
    pub recency: Option<String>,
    /// Only articles crediting a wire service (AP, Reuters, AFP, dpa, …), or this one.
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = "")]
    pub wire: Option<String>,
    /// Only articles crediting no wire service.
    #[arg(long, conflicts_with = "wire")]
    pub no_wire: bool,
}

/// `newsdex extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Folders and files to extract.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// One JSON record per line (the shape the evaluation scorers read).
    #[arg(long, conflicts_with = "json")]
    pub jsonl: bool,
    /// A pretty-printed JSON array.
    #[arg(long)]
    pub json: bool,
    /// Show what was cut from each article as boilerplate, and by which rule
    /// (in JSON output: a "removed" list of {rule, text}).
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub extraction: ExtractionArgs,
}

/// `newsdex stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn flags_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn search_flags() {
        let cli = Cli::try_parse_from([
            "newsdex",
            "search",
            "drones AND Iran",
            "--outlet",
            "A",
            "--outlet",
            "B",
            "--since",
            "2022",
            "--sort",
            "newest",
        ])
        .unwrap();
        let Command::Search(s) = cli.command else {
            panic!("search")
        };
        assert_eq!(s.outlet, ["A", "B"]);
        assert_eq!(s.sort, SortArg::Newest);
        assert!(Cli::try_parse_from(["newsdex", "search", "x", "--json", "--jsonl"]).is_err());
    }
}
