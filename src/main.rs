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

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use vigie_extract::Options;

use crate::input::{InputFormat, Inputs, Metadata};

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
    /// Run extraction on the bundled sample articles and print a table.
    Demo,
    /// Print the actor mentions of a plain-text article (debugging).
    Actors(DebugArgs),
    /// Print the place mentions of a plain-text article and how they were resolved (debugging).
    Places(DebugArgs),
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
    /// Input format; `auto` picks by extension (.jsonl/.ndjson: jsonl,
    /// .html/.htm: html, .xml/.rss/.atom: feed, .warc/.warc.gz: warc; else text).
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
    /// Worker threads; all cores when absent. The output is the same whatever the number.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// At the end, print counters per stage on stderr (articles, skips and why,
    /// sentences, mentions, events by type, seconds per stage, peak memory).
    #[arg(long)]
    stats: bool,
    /// At the end, print the same counters as one JSON object on stderr.
    #[arg(long)]
    stats_json: bool,
    /// No progress bar (it is drawn only when stderr is a terminal).
    #[arg(long)]
    no_progress: bool,
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
    if args.id.is_some() {
        if files.len() > 1 {
            anyhow::bail!("--id names one article: give a single file");
        }
        if matches!(
            args.input_format.resolve(&files[0]),
            InputFormat::Jsonl | InputFormat::Feed | InputFormat::Warc
        ) {
            anyhow::bail!("--id names one article: not for JSON Lines, feed or WARC input, which hold many");
        }
    }
    let meta = Metadata {
        id: args.id.clone(),
        published: args.published,
        lang: args.lang.clone(),
        url: args.url.clone(),
        title: args.title.clone(),
        source: args.source.clone(),
    };
    let threads = match args.threads {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let total_bytes = files
        .iter()
        .map(|f| (f != Path::new("-")).then(|| std::fs::metadata(f).ok().map(|m| m.len())).flatten())
        .sum::<Option<u64>>();
    let bytes_read = Arc::new(AtomicU64::new(0));
    let settings = pipeline::Settings {
        threads,
        options: Options { tokens: args.tokens },
        pretty: args.format == OutputFormat::Json,
        progress: !args.no_progress,
        total_bytes,
        bytes_read: Arc::clone(&bytes_read),
    };
    let inputs = Inputs::new(files, args.input_format, meta, bytes_read);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (code, stats) = pipeline::run(inputs, &settings, &mut out)?;
    out.flush()?;
    if args.stats {
        eprint!("{stats}");
    }
    if args.stats_json {
        eprintln!("{}", serde_json::to_string(&stats)?);
    }
    Ok(code)
}
