//! `vigie`: the command line. Reads articles, runs the pipeline, writes records.
//!
//! Every error is mapped to an exit code here and only here: 0 all went well,
//! 1 some input records were reported and skipped, 2 a file could not be read
//! or the command line was wrong.

mod debug;
mod demo;
mod eval;
mod input;
mod store_cmd;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use vigie_extract::{extract, Options};

use crate::input::{InputFormat, Metadata, Reader};

#[derive(Parser)]
#[command(name = "vigie", version, about = "Reads news and writes down what happened.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract events from articles: plain text files (one article each) or
    /// JSON Lines (one article per line); stdin when no file or `-`.
    Extract(ExtractArgs),
    /// Run extraction on the bundled sample articles and print a table.
    Demo,
    /// Print the actor mentions of a plain-text article (debugging).
    Actors(DebugArgs),
    /// Print the place mentions of a plain-text article and how they were resolved (debugging).
    Places(DebugArgs),
    /// Extract articles (same inputs as `extract`) and store them with their
    /// events in the database, merging reports of one act into incidents.
    Ingest(store_cmd::IngestArgs),
    /// Query the stored incidents (or raw events with --raw).
    Events(store_cmd::EventsArgs),
    /// Export incidents: ACLED-compatible CSV, GeoJSON or JSON Lines.
    Export(store_cmd::ExportArgs),
    /// Rebuild every incident from the stored events.
    Reindex(store_cmd::ReindexArgs),
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
    /// Input files; `-` or nothing reads stdin.
    files: Vec<PathBuf>,
    /// Input format; `auto` picks by extension (.jsonl/.ndjson: jsonl; else text).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// Output format: one JSON object per line, or pretty-printed objects.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,
    /// Publication date of plain-text articles (YYYY-MM-DD), the anchor of relative dates.
    #[arg(long, value_parser = parse_date)]
    published: Option<NaiveDate>,
    /// Language of plain-text articles (ISO 639-1); detected when absent.
    #[arg(long)]
    lang: Option<String>,
    /// Id of a plain-text article (one file only); a hash of the text when absent.
    #[arg(long)]
    id: Option<String>,
    /// URL of a plain-text article.
    #[arg(long)]
    url: Option<String>,
    /// Title of a plain-text article.
    #[arg(long)]
    title: Option<String>,
    /// Source (outlet) of a plain-text article.
    #[arg(long)]
    source: Option<String>,
    /// Also write every token with its byte span.
    #[arg(long)]
    tokens: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Jsonl,
    Json,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("'{s}' is not a YYYY-MM-DD date"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => run_extract(args),
        Command::Demo => demo::run().map(|()| 0),
        Command::Actors(args) => debug::actors(args.file.as_deref(), args.lang.as_deref()),
        Command::Places(args) => debug::places(args.file.as_deref(), args.lang.as_deref()),
        Command::Ingest(args) => store_cmd::ingest(args),
        Command::Events(args) => store_cmd::events(args),
        Command::Export(args) => store_cmd::export(args),
        Command::Reindex(args) => store_cmd::reindex(args),
        Command::Eval {
            what: EvalCommand::Plover { file, show },
        } => eval::plover(&file, show).map(|table| {
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
    let mut files = args.files.clone();
    if files.is_empty() {
        files.push(PathBuf::from("-"));
    }
    if args.id.is_some() && files.len() > 1 {
        anyhow::bail!("--id names one article: give a single file");
    }
    let meta = Metadata {
        id: args.id.clone(),
        published: args.published,
        lang: args.lang.clone(),
        url: args.url.clone(),
        title: args.title.clone(),
        source: args.source.clone(),
    };
    let options = Options { tokens: args.tokens };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut code = 0u8;
    for path in &files {
        let reader = match Reader::open(path, args.input_format, &meta) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("vigie: {e}");
                code = 2;
                continue;
            }
        };
        for item in reader {
            match item {
                Ok(article) => {
                    let record = extract(&article, &options);
                    match args.format {
                        OutputFormat::Jsonl => serde_json::to_writer(&mut out, &record)?,
                        OutputFormat::Json => serde_json::to_writer_pretty(&mut out, &record)?,
                    }
                    out.write_all(b"\n")?;
                }
                Err(e) if e.fatal => {
                    eprintln!("vigie: {e}");
                    code = 2;
                    break;
                }
                Err(e) => {
                    eprintln!("{e}");
                    code = code.max(1);
                }
            }
        }
    }
    out.flush()?;
    Ok(code)
}
