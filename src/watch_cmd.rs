//! `vigie watch`: poll RSS/Atom feeds, fetch each new item's page once, and
//! store its article with its events (`--db`), or write its record as JSON
//! Lines (stdout, or appended to `--out`), or both.
//!
//! The polling, fetching and politeness are `vigie_sources::watch::Watcher`'s;
//! this module is its [`Sink`]: it extracts each article, ingests it into the
//! store in its own transaction and writes its JSON line. An article the store
//! cannot take (the database locked past its timeout, a full disk) is an error
//! of the sink: the watcher leaves the item unseen and fetches it again at the
//! next poll. The store skips an article it already holds (same id or same
//! text), so an item lands in the database once even when the state file is
//! lost or two feeds list the same page.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use vigie_extract::{extract, ArticleInput, Options};
use vigie_sources::fetch::FetchConfig;
use vigie_sources::watch::{parse_duration, PollReport, Sink, WatchConfig, Watcher};
use vigie_sources::Skip;
use vigie_store::{IngestOutcome, Store};

/// `vigie watch`.
#[derive(clap::Args)]
pub struct WatchArgs {
    /// Feed URLs (RSS, Atom or JSON Feed).
    #[arg(required = true)]
    feeds: Vec<String>,
    /// Store each new article with its events in this database (created if
    /// absent); the records are then written as JSON Lines only with --out.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Time between two polls (`90`, `30s`, `10m`, `1h`).
    #[arg(long, default_value = "10m", value_parser = parse_duration)]
    interval: Duration,
    /// Poll once and exit (exit code 1 if a feed or page failed).
    #[arg(long)]
    once: bool,
    /// State file: feeds' validators and the items already done, kept
    /// between runs so a restart does not fetch them again [default with
    /// --db: PATH-watch.json beside the database].
    #[arg(long)]
    state: Option<PathBuf>,
    /// Append the records to this file (without --db: instead of stdout).
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
    /// Also write every token with its byte span (JSON Lines only).
    #[arg(long)]
    tokens: bool,
}

/// Where watched articles go: the store, JSON Lines, or both.
struct WatchSink {
    store: Option<Store>,
    jsonl: Option<Box<dyn Write>>,
    options: Options,
    /// Feeds, pages and articles that failed, over the whole run.
    failures: usize,
    /// Articles stored, their events, and articles the store already held.
    stored: u64,
    events: u64,
    already: u64,
}

impl Sink for WatchSink {
    fn article(&mut self, article: ArticleInput) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let record = extract(&article, &self.options);
        // The store first: if it fails, nothing was written anywhere and the
        // item is tried again next poll; if the JSON line then fails, the
        // retry finds the article stored and only writes the line.
        if let Some(store) = &mut self.store {
            match store.ingest(&article.text, &record)? {
                IngestOutcome::Added { events } => {
                    self.stored += 1;
                    self.events += events as u64;
                }
                IngestOutcome::Duplicate { .. } => self.already += 1,
            }
        }
        if let Some(out) = &mut self.jsonl {
            let mut line = serde_json::to_vec(&record)?;
            line.push(b'\n');
            out.write_all(&line)?;
            out.flush()?;
        }
        Ok(())
    }

    fn skipped(&mut self, skip: &Skip) {
        self.failures += 1;
        eprintln!("vigie watch: {skip}");
    }
}

/// One line on what a poll did.
fn summary(feeds: usize, r: &PollReport) -> String {
    format!(
        "vigie watch: {feeds} feed(s): {} fetched, {} unchanged, {} failed; {} page(s): {} article(s), {} failed ({} to retry)",
        r.feeds_fetched,
        r.feeds_unchanged,
        r.feeds_failed,
        r.items_fetched,
        r.articles,
        r.pages_failed,
        r.retry_later
    )
}

/// `vigie watch`: polls until stopped (or once with `--once`).
pub fn watch(args: WatchArgs) -> Result<u8> {
    for url in &args.feeds {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            bail!("'{url}' is not an http(s) URL");
        }
    }
    let jsonl: Option<Box<dyn Write>> = match (&args.out, &args.db) {
        (Some(path), _) => Some(Box::new(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| anyhow::anyhow!("cannot write '{}': {e}", path.display()))?,
        )),
        (None, None) => Some(Box::new(io::stdout())),
        (None, Some(_)) => None,
    };
    // Opened at the start: a file that is not a Vigie database is refused
    // before any request is sent.
    let store = args.db.as_ref().map(Store::open).transpose()?;
    let state = args.state.clone().or_else(|| {
        args.db.as_ref().map(|db| {
            let mut name = db.as_os_str().to_owned();
            name.push("-watch.json");
            PathBuf::from(name)
        })
    });
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
    let mut watcher = Watcher::new(config, state)?;
    let mut sink = WatchSink {
        store,
        jsonl,
        options: Options { tokens: args.tokens },
        failures: 0,
        stored: 0,
        events: 0,
        already: 0,
    };
    loop {
        let started = Instant::now();
        let before = (sink.stored, sink.events, sink.already);
        let report = watcher.poll(&mut sink)?;
        let mut line = summary(args.feeds.len(), &report);
        if let (Some(store), Some(db)) = (&sink.store, &args.db) {
            // Only for the log: a count that cannot be read stops nothing.
            let incidents = store
                .counts()
                .map_or_else(|_| "?".to_string(), |c| c.incidents.to_string());
            line.push_str(&format!(
                "; {} stored ({} events), {} already stored; {incidents} incidents in '{}'",
                sink.stored - before.0,
                sink.events - before.1,
                sink.already - before.2,
                db.display()
            ));
        }
        eprintln!("{line}");
        if args.once {
            return Ok(u8::from(sink.failures > 0));
        }
        if let Some(rest) = args.interval.checked_sub(started.elapsed()) {
            std::thread::sleep(rest);
        }
    }
}
