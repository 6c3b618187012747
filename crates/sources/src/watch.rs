//! Watching feeds: poll RSS/Atom feeds, fetch each new item's page, hand its
//! article once to a [`Sink`].
//!
//! A poll fetches every feed with a conditional request (the `ETag` and
//! `Last-Modified` of its last answer; a 304 costs nothing), lists the items
//! not seen before, fetches their pages on a few threads through one
//! [`Fetcher`] (one request at a time per host, a delay between requests,
//! robots.txt, retries) and extracts their main text; the sink gets the
//! articles in feed order. Nothing is fatal: a feed or a page that fails is
//! reported to the sink and tried again at the next poll (a page up to
//! [`WatchConfig::max_attempts`] times when the failure may pass, once when
//! it cannot: a 404, a page without article text, robots.txt).
//!
//! What was seen is kept in a small JSON state file, rewritten (atomically)
//! after every article handed over, so a restart does not fetch again what
//! was done. Items no feed has listed for [`WatchConfig::forget_after`] are
//! dropped from it, so it does not grow without end.
//!
//! The sink is where the articles go: `vigie watch` writes their records as
//! JSON Lines; the store's ingest can be another sink.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use vigie_extract::ArticleInput;

use crate::feed::{self, FeedItem};
use crate::fetch::{FetchConfig, Fetched, Fetcher, Validators};
use crate::html::Page;
use crate::warc::is_html;
use crate::{Meta, Reason, Skip};

/// Where watched articles go.
pub trait Sink {
    /// A new article. An error leaves the item unseen: it is fetched again at
    /// the next poll.
    fn article(&mut self, article: ArticleInput) -> Result<(), Box<dyn std::error::Error + Send + Sync>>;

    /// A feed or page that failed, or a sink error (for the log).
    fn skipped(&mut self, skip: &Skip);
}

/// What to watch and how.
#[derive(Debug, Clone)]
pub struct WatchConfig {
    /// Feed URLs.
    pub feeds: Vec<String>,
    pub fetch: FetchConfig,
    /// Pages fetched at once (on different hosts: one host is served one
    /// request at a time whatever this is).
    pub workers: usize,
    /// Polls a page is tried when its failure may pass (network, 5xx).
    pub max_attempts: u32,
    /// Items absent from every feed for this long are forgotten.
    pub forget_after: Duration,
}

impl Default for WatchConfig {
    fn default() -> Self {
        WatchConfig {
            feeds: Vec::new(),
            fetch: FetchConfig::default(),
            workers: 4,
            max_attempts: 5,
            forget_after: Duration::from_secs(60 * 24 * 3600),
        }
    }
}

/// A problem with the state file.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot read the state file '{path}': {source}")]
    ReadState { path: PathBuf, source: io::Error },
    #[error("the state file '{path}' is not a Vigie watch state: {source}")]
    BadState {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("cannot write the state file '{path}': {source}")]
    WriteState { path: PathBuf, source: io::Error },
}

/// What the watcher remembers between polls and runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    /// Per feed URL: validators of its last answer.
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
    /// Per item key (its link, else feed URL `#` id).
    #[serde(default)]
    pub items: BTreeMap<String, ItemState>,
}

/// A feed's last answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    #[serde(flatten)]
    pub validators: Validators,
    /// Polls failed in a row.
    #[serde(default)]
    pub failures: u32,
}

/// An item's fate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemState {
    /// The feed that listed it.
    #[serde(default)]
    pub feed: String,
    /// Handed to the sink, or failed for good: never fetched again.
    pub done: bool,
    /// Failed fetches so far.
    #[serde(default)]
    pub attempts: u32,
    /// Why the last fetch failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Last time (Unix seconds) a feed listed it.
    pub seen: u64,
}

/// What one poll did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PollReport {
    pub feeds_fetched: usize,
    pub feeds_unchanged: usize,
    pub feeds_failed: usize,
    /// Items fetched this poll (new, or retried).
    pub items_fetched: usize,
    pub articles: usize,
    /// Pages failed; `retry_later` of them will be tried again.
    pub pages_failed: usize,
    pub retry_later: usize,
}

/// An item to fetch, with what its feed says of it.
struct Job {
    key: String,
    item: FeedItem,
    feed_title: Option<String>,
}

/// Polls feeds and hands new articles to a sink.
pub struct Watcher {
    config: WatchConfig,
    fetcher: Arc<Fetcher>,
    state: State,
    state_path: Option<PathBuf>,
}

impl Watcher {
    /// A watcher; its state is read from `state_path` if the file exists (a
    /// missing file is a first run).
    pub fn new(config: WatchConfig, state_path: Option<PathBuf>) -> Result<Watcher, WatchError> {
        let state = match &state_path {
            Some(p) => load_state(p)?,
            None => State::default(),
        };
        Ok(Watcher {
            fetcher: Arc::new(Fetcher::new(config.fetch.clone())),
            config,
            state,
            state_path,
        })
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Writes the state file (through a temporary file and a rename, so a
    /// crash never leaves half a file).
    pub fn save(&self) -> Result<(), WatchError> {
        let Some(path) = &self.state_path else {
            return Ok(());
        };
        let err = |source| WatchError::WriteState {
            path: path.clone(),
            source,
        };
        let tmp = path.with_extension("tmp");
        let json = serde_json::to_vec(&self.state).map_err(|e| err(io::Error::other(e)))?;
        let mut f = fs::File::create(&tmp).map_err(err)?;
        f.write_all(&json).map_err(err)?;
        f.sync_all().map_err(err)?;
        fs::rename(&tmp, path).map_err(err)
    }

    /// One poll of every feed. Failures go to the sink; only a state file
    /// that cannot be written is an error.
    pub fn poll(&mut self, sink: &mut dyn Sink) -> Result<PollReport, WatchError> {
        let mut report = PollReport::default();
        let now = unix_now();
        let mut jobs: Vec<Job> = Vec::new();
        let mut queued: HashSet<String> = HashSet::new();
        let feeds = self.fetch_feeds();
        for (url, result) in self.config.feeds.clone().into_iter().zip(feeds) {
            let fs = self.state.feeds.entry(url.clone()).or_default();
            let (parsed, validators) = match result {
                Ok(None) => {
                    fs.failures = 0;
                    report.feeds_unchanged += 1;
                    continue;
                }
                Ok(Some(x)) => x,
                Err(skip) => {
                    fs.failures += 1;
                    report.feeds_failed += 1;
                    sink.skipped(&skip);
                    continue;
                }
            };
            fs.failures = 0;
            fs.validators = validators;
            report.feeds_fetched += 1;
            for item in parsed.items {
                let key = match &item.link {
                    Some(l) => l.split('#').next().unwrap_or(l).to_string(),
                    None => format!("{url}#{}", item.id),
                };
                let st = self.state.items.entry(key.clone()).or_default();
                st.seen = now;
                if st.feed.is_empty() {
                    st.feed = url.clone();
                }
                if st.done || st.attempts >= self.config.max_attempts || !queued.insert(key.clone()) {
                    continue;
                }
                jobs.push(Job {
                    key,
                    item,
                    feed_title: parsed.title.clone(),
                });
            }
        }
        let forget = self.config.forget_after.as_secs();
        self.state
            .items
            .retain(|_, s| now.saturating_sub(s.seen) <= forget);
        report.items_fetched = jobs.len();
        self.fetch_pages(jobs, sink, &mut report)?;
        self.save()?;
        Ok(report)
    }

    /// Polls every `interval` until `stop` is set (checked every second).
    pub fn run(
        &mut self,
        sink: &mut dyn Sink,
        interval: Duration,
        stop: &AtomicBool,
    ) -> Result<(), WatchError> {
        while !stop.load(Ordering::Relaxed) {
            let started = Instant::now();
            self.poll(sink)?;
            while started.elapsed() < interval && !stop.load(Ordering::Relaxed) {
                std::thread::sleep((interval - started.elapsed()).min(Duration::from_secs(1)));
            }
        }
        Ok(())
    }

    /// Fetches every feed, a few at a time: `None` when unchanged.
    #[allow(clippy::type_complexity)]
    fn fetch_feeds(&self) -> Vec<Result<Option<(feed::Feed, Validators)>, Skip>> {
        let urls = &self.config.feeds;
        // A feed with items still to fetch (failed for a passing reason, or
        // refused by the sink) is fetched in full: a 304 would not list them.
        let max = self.config.max_attempts;
        let pending: HashSet<&str> = self
            .state
            .items
            .values()
            .filter(|s| !s.done && s.attempts < max)
            .map(|s| s.feed.as_str())
            .collect();
        let validators: Vec<Option<Validators>> = urls
            .iter()
            .map(|u| {
                if pending.contains(u.as_str()) {
                    None
                } else {
                    self.state.feeds.get(u).map(|f| f.validators.clone())
                }
            })
            .collect();
        let results = Mutex::new((0..urls.len()).map(|_| None).collect::<Vec<_>>());
        let next = Mutex::new(0usize);
        std::thread::scope(|s| {
            for _ in 0..self.config.workers.max(1).min(urls.len().max(1)) {
                s.spawn(|| loop {
                    let i = {
                        let mut n = next.lock().unwrap_or_else(|p| p.into_inner());
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some(url) = urls.get(i) else { return };
                    let r = fetch_feed(&self.fetcher, url, validators[i].as_ref());
                    results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(r);
                });
            }
        });
        results
            .into_inner()
            .unwrap_or_else(|p| p.into_inner())
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(Skip::new("feed", Reason::Network("not fetched".into())))))
            .collect()
    }

    /// Fetches the pages of `jobs` on worker threads and hands the articles to
    /// the sink in feed order, updating the state as each one is done.
    fn fetch_pages(
        &mut self,
        jobs: Vec<Job>,
        sink: &mut dyn Sink,
        report: &mut PollReport,
    ) -> Result<(), WatchError> {
        if jobs.is_empty() {
            return Ok(());
        }
        let jobs: Vec<(usize, Job)> = jobs.into_iter().enumerate().collect();
        let queue = Mutex::new(jobs.iter().map(|(i, j)| (*i, j)).collect::<Vec<_>>().into_iter());
        let (tx, rx) = channel::<(usize, Result<ArticleInput, Skip>)>();
        let fetcher = Arc::clone(&self.fetcher);
        let fetcher = &*fetcher;
        let workers = self.config.workers.max(1).min(jobs.len());
        std::thread::scope(|s| -> Result<(), WatchError> {
            for _ in 0..workers {
                let tx = tx.clone();
                let queue = &queue;
                s.spawn(move || loop {
                    let next = queue.lock().unwrap_or_else(|p| p.into_inner()).next();
                    let Some((i, job)) = next else { return };
                    if tx.send((i, fetch_article(fetcher, job))).is_err() {
                        return;
                    }
                });
            }
            drop(tx);
            let mut pending = BTreeMap::new();
            let mut next = 0;
            for (i, result) in rx {
                pending.insert(i, result);
                while let Some(result) = pending.remove(&next) {
                    let key = &jobs[next].1.key;
                    self.deliver(key, result, sink, report)?;
                    next += 1;
                }
            }
            Ok(())
        })
    }

    fn deliver(
        &mut self,
        key: &str,
        result: Result<ArticleInput, Skip>,
        sink: &mut dyn Sink,
        report: &mut PollReport,
    ) -> Result<(), WatchError> {
        let max = self.config.max_attempts;
        let st = self.state.items.entry(key.to_string()).or_default();
        match result {
            Ok(article) => match sink.article(article) {
                Ok(()) => {
                    st.done = true;
                    st.error = None;
                    report.articles += 1;
                }
                Err(e) => {
                    // The sink could not take it (a full disk, a locked
                    // database): try again next poll, not counted as a
                    // failure of the page.
                    sink.skipped(&Skip::new(key, Reason::Io(format!("not stored: {e}"))));
                }
            },
            Err(skip) => {
                report.pages_failed += 1;
                st.attempts += 1;
                st.error = Some(skip.reason.to_string());
                if !skip.reason.transient() {
                    st.done = true;
                } else if st.attempts < max {
                    report.retry_later += 1;
                }
                sink.skipped(&skip);
            }
        }
        self.save()
    }
}

/// Fetches and parses one feed: `None` when unchanged since `validators`.
fn fetch_feed(
    fetcher: &Fetcher,
    url: &str,
    validators: Option<&Validators>,
) -> Result<Option<(feed::Feed, Validators)>, Skip> {
    match fetcher.get(url, validators) {
        Ok(Fetched::NotModified) => Ok(None),
        Ok(Fetched::Body(r)) => {
            let parsed = feed::parse(&r.body, Some(&r.url)).map_err(|reason| Skip::new(url, reason))?;
            Ok(Some((parsed, r.validators)))
        }
        Err(reason) => Err(Skip::new(url, reason)),
    }
}

/// Fetches an item's page and extracts its article; an item without a link
/// is read from its own content.
fn fetch_article(fetcher: &Fetcher, job: &Job) -> Result<ArticleInput, Skip> {
    let item = &job.item;
    let fallback = Meta {
        id: None,
        published: item.published,
        lang: item.lang.clone(),
        url: item.link.clone(),
        title: item.title.clone(),
        source: job.feed_title.clone(),
    };
    let Some(link) = &item.link else {
        let text = item.html.as_deref().map(feed::fragment_text).unwrap_or_default();
        if text.trim().is_empty() {
            return Err(Skip::new(&job.key, Reason::EmptyItem));
        }
        return Ok(ArticleInput {
            text,
            published: fallback.published,
            lang: fallback.lang,
            title: fallback.title,
            source: fallback.source,
            ..ArticleInput::default()
        });
    };
    let resp = match fetcher.get(link, None) {
        Ok(Fetched::Body(r)) => r,
        Ok(Fetched::NotModified) => return Err(Skip::new(link, Reason::HttpStatus(304))),
        Err(reason) => return Err(Skip::new(link, reason)),
    };
    if !is_html(resp.content_type.as_deref(), &resp.body) {
        let ct = resp.content_type.unwrap_or_else(|| "none".into());
        return Err(Skip::new(link, Reason::NotHtml(ct)));
    }
    Page {
        at: link.clone(),
        bytes: resp.body,
        url: Some(resp.url),
        content_type: resp.content_type,
        given: Meta::default(),
        fallback,
        crawl_date: None,
    }
    .article()
    .map_err(|(at, reason)| Skip::new(at, reason))
}

fn load_state(path: &Path) -> Result<State, WatchError> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|source| WatchError::BadState {
            path: path.to_path_buf(),
            source,
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(State {
            version: 1,
            ..State::default()
        }),
        Err(source) => Err(WatchError::ReadState {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Reads a duration: `90` (seconds), `500ms`, `30s`, `10m`, `2h`, `1d`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("'{s}' is not a duration (e.g. 30s, 10m, 1h)"))?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        u => return Err(format!("unknown unit '{u}' in '{s}' (ms, s, m, h, d)")),
    };
    if !secs.is_finite() || !(0.0..=1e9).contains(&secs) {
        return Err(format!("'{s}' is out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1.5h"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("5y").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn state_round_trip_and_bad_file() {
        let dir = std::env::temp_dir().join(format!("vigie-watch-state-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        let _ = fs::remove_file(&path);
        let mut w = Watcher::new(WatchConfig::default(), Some(path.clone())).unwrap();
        w.state.items.insert(
            "https://a.example/1".into(),
            ItemState {
                done: true,
                seen: 5,
                ..ItemState::default()
            },
        );
        w.save().unwrap();
        let again = Watcher::new(WatchConfig::default(), Some(path.clone())).unwrap();
        assert_eq!(again.state(), w.state());
        fs::write(&path, b"{not json").unwrap();
        let err = Watcher::new(WatchConfig::default(), Some(path.clone()))
            .err()
            .unwrap();
        assert!(err.to_string().contains("is not a Vigie watch state"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
