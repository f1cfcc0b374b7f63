//! The `newsdex` command: flags in, library calls, output printed. Nothing else lives here.

mod aliases;
mod args;
mod extract_cmd;
mod index_cmd;
mod output;
mod research;
mod search_cmd;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use args::{Cli, Command};
use newsdex::{NewsSchema, Result as LibResult};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`newsdex search x | head -1`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "newsdex: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let color = output::color_choice(cli.color);
    match cli.command {
        Command::Index(args) => index_cmd::run(&cli.index, schema(&cli.schema)?, args, color),
        Command::Search(args) => search_cmd::run(&cli.index, schema(&cli.schema)?, *args, color),
        Command::Extract(args) => extract_cmd::run(args),
        Command::Stats(args) => {
            let index = open(&cli.index, schema(&cli.schema)?)?;
            output::print_stats(&index.stats()?, &cli.index, args.json, color)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            let schema = schema(&cli.schema)?;
            output::write_all(schema.source())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "newsdex",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
            std::io::stdout().write_all(&buf)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn schema(file: &Option<std::path::PathBuf>) -> LibResult<NewsSchema> {
    match file {
        Some(path) => NewsSchema::from_file(path),
        None => Ok(NewsSchema::default()),
    }
}

/// Opens an existing index for reading.
fn open(dir: &std::path::Path, schema: NewsSchema) -> LibResult<newsdex::NewsIndex> {
    newsdex::NewsIndex::open_with_schema(dir, schema)
}
