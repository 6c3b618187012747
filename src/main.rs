//! `vigie`: the command line. Reads articles, runs the pipeline, writes records.
//!
//! Every error is mapped to an exit code here and only here: 0 all went well,
//! 1 some input records were reported and skipped, 2 a file could not be read
//! or the command line was wrong.

mod debug;
mod demo;
mod eval;
mod input;
mod pipeline;
mod serve_cmd;
mod store_cmd;
mod watch_cmd;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use vigie_extract::Options;

use crate::input::InputArgs;

/// The allocator of every command (see Cargo.toml for why).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "vigie", version, about = "Reads news and writes down what happened.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract events from articles: plain text (one article per file), JSON
    /// Lines (one per line), HTML pages, RSS/Atom feeds, WARC archives; stdin
    /// when no file or `-`.
    Extract(ExtractArgs),
    /// Poll RSS/Atom feeds over HTTP(S), fetch each new item's page once, and
    /// store it in the database (--db), or write its record as JSON Lines
    /// (stdout, or appended to --out).
    Watch(watch_cmd::WatchArgs),
    /// Extract the bundled sample articles, print a table, store them in a
    /// temporary database and serve the dashboard on it (--no-serve: the table only).
    Demo(demo::DemoArgs),
    /// Print the actor mentions of a plain-text article (debugging).
    Actors(DebugArgs),
    /// Print the place mentions of a plain-text article and how they were resolved (debugging).
    Places(DebugArgs),
    /// Extract articles on every core (same inputs and flags as `extract`) and
    /// store them with their events in the database, in input order, merging
    /// reports of one act into incidents.
    Ingest(store_cmd::IngestArgs),
    /// Query the stored incidents (or raw events with --raw).
    Events(store_cmd::EventsArgs),
    /// Export incidents: ACLED-compatible CSV, GeoJSON or JSON Lines.
    Export(store_cmd::ExportArgs),
    /// Rebuild every incident from the stored events.
    Reindex(store_cmd::ReindexArgs),
    /// Serve the HTTP API and the dashboard over a database (read-only).
    Serve(serve_cmd::ServeArgs),
    /// Score event coding against gold records.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// PLOVER gold records (JSON array, PLOVER_GSR_CAMEO.json layout).
    Plover {
        /// The gold file.
        file: PathBuf,
        /// List up to N sentences whose gold type was missed.
        #[arg(long, default_value_t = 0)]
        show: usize,
        /// List up to N sentences whose event of the gold type has a wrong source.
        #[arg(long, default_value_t = 0)]
        show_sources: usize,
        /// List up to N sentences with a predicted type the gold does not have, with its trigger.
        #[arg(long, default_value_t = 0)]
        show_extra: usize,
        /// List up to N sentences whose event of the gold type has a wrong target.
        #[arg(long, default_value_t = 0)]
        show_targets: usize,
    },
}

#[derive(clap::Args)]
struct DebugArgs {
    /// A plain-text article; `-` or nothing reads stdin.
    file: Option<PathBuf>,
    /// Language (ISO 639-1); detected when absent.
    #[arg(long)]
    lang: Option<String>,
}

#[derive(clap::Args)]
struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format: one JSON object per line, or pretty-printed objects.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,
    /// Also write every token with its byte span.
    #[arg(long)]
    tokens: bool,
    #[command(flatten)]
    run: pipeline::RunArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Jsonl,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => run_extract(args),
        Command::Watch(args) => watch_cmd::watch(args),
        Command::Demo(args) => demo::run(args).map(|()| 0),
        Command::Actors(args) => debug::actors(args.file.as_deref(), args.lang.as_deref()),
        Command::Places(args) => debug::places(args.file.as_deref(), args.lang.as_deref()),
        Command::Ingest(args) => store_cmd::ingest(args),
        Command::Events(args) => store_cmd::events(args),
        Command::Export(args) => store_cmd::export(args),
        Command::Reindex(args) => store_cmd::reindex(args),
        Command::Serve(args) => serve_cmd::serve(args),
        Command::Eval {
            what:
                EvalCommand::Plover {
                    file,
                    show,
                    show_sources,
                    show_extra,
                    show_targets,
                },
        } => eval::plover(
            &file,
            &eval::Show {
                missed: show,
                sources: show_sources,
                extra: show_extra,
                targets: show_targets,
            },
        )
        .map(|table| {
            print!("{table}");
            0
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vigie: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run_extract(args: ExtractArgs) -> Result<u8> {
    let opened = args.input.open().map_err(anyhow::Error::msg)?;
    let settings = args.run.settings(
        Options { tokens: args.tokens },
        opened.total_bytes,
        opened.bytes_read,
    );
    let stdout = io::stdout();
    let mut out = pipeline::JsonOutput {
        out: io::BufWriter::new(stdout.lock()),
        pretty: args.format == OutputFormat::Json,
    };
    let (code, stats) = pipeline::run(opened.inputs, &settings, &mut out)?;
    args.run.report(&stats);
    Ok(code)
}
