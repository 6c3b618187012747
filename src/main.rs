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

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::Duration;

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
    /// Poll RSS/Atom feeds over HTTP(S), fetch each new item's page once, and
    /// write its record as JSON Lines (stdout, or appended to --out).
    Watch(WatchArgs),
    /// Extract the bundled sample articles, print a table, store them in a
    /// temporary database and serve the dashboard on it (--no-serve: the table only).
    Demo(demo::DemoArgs),
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

#[derive(clap::Args)]
struct WatchArgs {
    /// Feed URLs (RSS, Atom or JSON Feed).
    #[arg(required = true)]
    feeds: Vec<String>,
    /// Time between two polls (`90`, `30s`, `10m`, `1h`).
    #[arg(long, default_value = "10m", value_parser = parse_duration)]
    interval: Duration,
    /// Poll once and exit (exit code 1 if a feed or page failed).
    #[arg(long)]
    once: bool,
    /// State file: feeds' validators and the items already done, kept
    /// between runs so a restart does not fetch them again.
    #[arg(long)]
    state: Option<PathBuf>,
    /// Append the records to this file instead of writing them to stdout.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Pause between two requests to the same host.
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    delay: Duration,
    /// Limit for one request.
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    timeout: Duration,
    /// Retries of a request that failed in a way that may pass (network, 408, 429, 5xx).
    #[arg(long, default_value_t = 3)]
    retries: u32,
    /// Wait before the first retry, doubled at each further one.
    #[arg(long, default_value = "2s", value_parser = parse_duration)]
    backoff: Duration,
    /// Pages fetched at once (a host is always sent one request at a time).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    workers: u16,
    /// Also write every token with its byte span.
    #[arg(long)]
    tokens: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Jsonl,
    Json,
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    vigie_sources::watch::parse_duration(s)
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("'{s}' is not a YYYY-MM-DD date"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => run_extract(args),
        Command::Watch(args) => run_watch(args),
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
        .map(|f| {
            (f != Path::new("-"))
                .then(|| std::fs::metadata(f).ok().map(|m| m.len()))
                .flatten()
        })
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

/// `vigie watch`'s sink: each article's record as one JSON line.
struct JsonlSink {
    out: Box<dyn Write>,
    options: Options,
    failures: usize,
}

impl vigie_sources::watch::Sink for JsonlSink {
    fn article(
        &mut self,
        article: vigie_extract::ArticleInput,
    ) -> std::result::Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let record = vigie_extract::extract(&article, &self.options);
        let mut line = serde_json::to_vec(&record)?;
        line.push(b'\n');
        self.out.write_all(&line)?;
        self.out.flush()?;
        Ok(())
    }

    fn skipped(&mut self, skip: &vigie_sources::Skip) {
        self.failures += 1;
        eprintln!("vigie watch: {skip}");
    }
}

fn run_watch(args: WatchArgs) -> Result<u8> {
    use vigie_sources::fetch::FetchConfig;
    use vigie_sources::watch::{WatchConfig, Watcher};

    for url in &args.feeds {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            anyhow::bail!("'{url}' is not an http(s) URL");
        }
    }
    let out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| anyhow::anyhow!("cannot write '{}': {e}", path.display()))?,
        ),
        None => Box::new(io::stdout()),
    };
    let config = WatchConfig {
        feeds: args.feeds.clone(),
        fetch: FetchConfig {
            timeout: args.timeout,
            retries: args.retries,
            backoff: args.backoff,
            host_delay: args.delay,
            ..FetchConfig::default()
        },
        workers: usize::from(args.workers),
        ..WatchConfig::default()
    };
    let mut watcher = Watcher::new(config, args.state.clone())?;
    let mut sink = JsonlSink {
        out,
        options: Options { tokens: args.tokens },
        failures: 0,
    };
    loop {
        let started = std::time::Instant::now();
        let r = watcher.poll(&mut sink)?;
        eprintln!(
            "vigie watch: {} feed(s): {} fetched, {} unchanged, {} failed; {} page(s): {} article(s), {} failed ({} to retry)",
            args.feeds.len(),
            r.feeds_fetched,
            r.feeds_unchanged,
            r.feeds_failed,
            r.items_fetched,
            r.articles,
            r.pages_failed,
            r.retry_later
        );
        if args.once {
            return Ok(u8::from(sink.failures > 0));
        }
        if let Some(rest) = args.interval.checked_sub(started.elapsed()) {
            std::thread::sleep(rest);
        }
    }
}
