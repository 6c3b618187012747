//! The pipeline of `vigie extract` and `vigie ingest`: read, extract on every
//! core, write in input order, count.
//!
//! One thread reads (files, gzip, WARC framing: cheap and sequential), N
//! worker threads do the costly part (an HTML page's main text, extraction,
//! making the record ready for its [`Output`]), and the calling thread writes
//! the records in input order through a reorder buffer. The output is JSON
//! ([`JsonOutput`], `extract`) or the store (`ingest`, in batches); the
//! pipeline does not know which. Memory is bounded by a window of in-flight
//! items: the reader takes a token before reading an item and the writer
//! gives it back once the item is written, so at most `window` items are
//! read and not yet written whatever the input size or a slow article. With
//! one thread everything runs inline, through the same per-item function: the
//! output is the same whatever the number of threads.
//!
//! A progress bar (articles, bytes, MB/s, ETA when the input size is known)
//! is drawn on stderr when it is a terminal; [`Stats`] counts what every stage
//! did and for how long (`--stats`, `--stats-json`).

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use vigie_extract::{extract_with_stats, ArticleInput, Options};
use vigie_model::ArticleEvents;
use vigie_sources::Item;

use crate::input::InputError;

/// How to run the pipeline.
pub struct Settings {
    /// Worker threads; 1 runs everything on the calling thread.
    pub threads: usize,
    pub options: Options,
    /// Draw a progress bar (only if stderr is a terminal).
    pub progress: bool,
    /// Total input bytes when known (files, not stdin): the bar's length.
    pub total_bytes: Option<u64>,
    /// Bytes read so far, counted by the readers.
    pub bytes_read: Arc<AtomicU64>,
}

impl Settings {
    /// Items read ahead of the writer: enough to keep every worker busy past
    /// a slow article, few enough to bound memory (a page is at most 10 MB).
    fn window(&self) -> usize {
        (self.threads * 8).max(8)
    }
}

/// The command-line flags of a pipeline run, shared by `extract` and `ingest`.
#[derive(clap::Args)]
pub struct RunArgs {
    /// Worker threads; all cores when absent. The output is the same whatever the number.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// At the end, print counters per stage on stderr (articles, skips and why,
    /// sentences, mentions, events by type, seconds per stage, peak memory).
    #[arg(long)]
    pub stats: bool,
    /// At the end, print the same counters as one JSON object on stderr.
    #[arg(long)]
    pub stats_json: bool,
    /// No progress bar (it is drawn only when stderr is a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

impl RunArgs {
    /// The settings of a run over inputs of `total_bytes` (when known),
    /// whose readers count into `bytes_read`.
    pub fn settings(
        &self,
        options: Options,
        total_bytes: Option<u64>,
        bytes_read: Arc<AtomicU64>,
    ) -> Settings {
        let threads = match self.threads {
            Some(n) => usize::from(n),
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Settings {
            threads,
            options,
            progress: !self.no_progress,
            total_bytes,
            bytes_read,
        }
    }

    /// Prints the statistics asked for (`--stats`, `--stats-json`) on stderr.
    pub fn report(&self, stats: &Stats) {
        if self.stats {
            eprint!("{stats}");
        }
        if self.stats_json {
            // Plain counters: serialising them cannot fail.
            eprintln!("{}", serde_json::to_string(stats).unwrap_or_default());
        }
    }
}

/// Where the records go. A worker makes each article ready for the output
/// ([`Output::make`], on any thread, with what [`Output::maker`] gave it);
/// the calling thread then writes them in input order ([`Output::write`]).
pub trait Output {
    /// One article made ready for writing.
    type Made: Send;
    /// What the workers need to make an article ready, shared by them all.
    type Maker: Sync;
    /// Why writing failed: it stops the run.
    type Error: std::error::Error + Send + Sync + 'static;

    /// The workers' part of the output.
    fn maker(&self) -> Self::Maker;

    /// Makes an article and its record ready (on a worker thread).
    fn make(maker: &Self::Maker, article: ArticleInput, record: ArticleEvents) -> Self::Made;

    /// Writes one article, in input order.
    fn write(&mut self, made: Self::Made) -> Result<(), Self::Error>;

    /// Writes what is still pending, after the last article.
    fn finish(&mut self) -> Result<(), Self::Error>;

    /// What was written so far, for the progress bar (", 120 stored").
    fn progress(&self) -> String {
        String::new()
    }
}

/// Records as JSON: one object a line, or pretty-printed objects.
pub struct JsonOutput<W> {
    pub out: W,
    pub pretty: bool,
}

impl<W: Write> Output for JsonOutput<W> {
    type Made = Vec<u8>;
    type Maker = bool;
    type Error = io::Error;

    fn maker(&self) -> bool {
        self.pretty
    }

    fn make(pretty: &bool, _: ArticleInput, record: ArticleEvents) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(8192);
        if *pretty {
            let written = serde_json::to_writer_pretty(&mut bytes, &record);
            // Serialising plain data into memory cannot fail; keep the record anyway.
            debug_assert!(written.is_ok());
        } else {
            // The same bytes as serde_json's compact form, faster.
            vigie_model::json::write_article(&mut bytes, &record);
        }
        bytes.push(b'\n');
        bytes
    }

    fn write(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        self.out.write_all(&bytes)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Counters and timings of a run.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Stats {
    /// Items read: articles and records skipped.
    pub read: u64,
    /// Records written.
    pub articles: u64,
    /// Records skipped, by cause.
    pub skipped: BTreeMap<&'static str, u64>,
    /// Bytes of input read (compressed size for gzip).
    pub bytes: u64,
    /// Bytes of article text extracted from.
    pub text_bytes: u64,
    pub sentences: u64,
    pub actors: u64,
    pub places: u64,
    pub times: u64,
    pub numbers: u64,
    /// Events, by PLOVER type.
    pub events: BTreeMap<&'static str, u64>,
    /// Seconds per stage; the worker stages (html, text, mentions, events,
    /// serialize: making the record ready for the output) are summed over
    /// threads; write is the output's (the store's, for `ingest`).
    pub seconds: StageSeconds,
    pub threads: usize,
    /// Peak resident memory of the process (VmHWM), when the system tells it.
    pub peak_rss_bytes: Option<u64>,
    /// Processor time of the process, all threads (user + system): on a
    /// shared machine, throughput per CPU-second is the per-core speed.
    pub cpu_seconds: Option<f64>,
}

/// Seconds spent in each stage.
#[derive(Debug, Default, Clone, Serialize)]
pub struct StageSeconds {
    pub read: f64,
    pub html: f64,
    pub text: f64,
    pub mentions: f64,
    pub events: f64,
    pub serialize: f64,
    pub write: f64,
    pub wall: f64,
}

/// The outcome of one item, ready to write.
enum Done<M> {
    Record(Box<Record<M>>),
    Failed(InputError, Duration),
}

struct Record<M> {
    made: M,
    text_bytes: usize,
    sentences: usize,
    events: Vec<&'static str>,
    x: vigie_extract::ExtractStats,
    html: Duration,
    serialize: Duration,
}

/// Extracts one item: the work of a worker thread.
fn process<O: Output>(item: Result<Item, InputError>, options: &Options, maker: &O::Maker) -> Done<O::Made> {
    let item = match item {
        Ok(i) => i,
        Err(e) => return Done::Failed(e, Duration::ZERO),
    };
    let started = Instant::now();
    let article = match item.resolve() {
        Ok(a) => a,
        Err(skip) => return Done::Failed(InputError::from(skip), started.elapsed()),
    };
    let html = started.elapsed();
    let (record, x) = extract_with_stats(&article, options);
    let text_bytes = article.text.len();
    let sentences = record.sentences.len();
    let events = record.events.iter().map(|e| e.plover.kind.as_str()).collect();
    let t = Instant::now();
    let made = O::make(maker, article, record);
    Done::Record(Box::new(Record {
        made,
        text_bytes,
        sentences,
        events,
        x,
        html,
        serialize: t.elapsed(),
    }))
}

/// Writes results in order, reports skips, keeps the counts.
struct Writer<'a, O> {
    out: &'a mut O,
    stats: Stats,
    code: u8,
    bar: Option<ProgressBar>,
    bytes_read: Arc<AtomicU64>,
}

impl<O: Output> Writer<'_, O> {
    fn take(&mut self, done: Done<O::Made>) -> Result<(), O::Error> {
        self.stats.read += 1;
        match done {
            Done::Record(r) => {
                let t = Instant::now();
                let r = *r;
                self.out.write(r.made)?;
                let s = &mut self.stats;
                s.seconds.write += t.elapsed().as_secs_f64();
                s.articles += 1;
                s.text_bytes += r.text_bytes as u64;
                s.sentences += r.sentences as u64;
                s.actors += r.x.actors as u64;
                s.places += r.x.places as u64;
                s.times += r.x.times as u64;
                s.numbers += r.x.numbers as u64;
                for e in r.events {
                    *s.events.entry(e).or_default() += 1;
                }
                s.seconds.html += r.html.as_secs_f64();
                s.seconds.text += r.x.text.as_secs_f64();
                s.seconds.mentions += r.x.mentions.as_secs_f64();
                s.seconds.events += r.x.events.as_secs_f64();
                s.seconds.serialize += r.serialize.as_secs_f64();
            }
            Done::Failed(e, html) => {
                self.stats.seconds.html += html.as_secs_f64();
                *self.stats.skipped.entry(e.kind).or_default() += 1;
                let line = if e.fatal {
                    self.code = 2;
                    format!("vigie: {e}")
                } else if !e.quiet {
                    self.code = self.code.max(1);
                    e.to_string()
                } else {
                    String::new()
                };
                if !line.is_empty() {
                    match &self.bar {
                        Some(bar) => bar.suspend(|| eprintln!("{line}")),
                        None => eprintln!("{line}"),
                    }
                }
            }
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.bytes_read.load(Ordering::Relaxed));
            bar.set_message(format!("{} articles{}", self.stats.articles, self.out.progress()));
        }
        Ok(())
    }
}

fn progress_bar(settings: &Settings) -> Option<ProgressBar> {
    if !settings.progress || !io::stderr().is_terminal() {
        return None;
    }
    let (bar, template) = match settings.total_bytes {
        Some(total) => (
            ProgressBar::new(total),
            "{spinner} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
        ),
        None => (
            ProgressBar::no_length(),
            "{spinner} {bytes} read {bytes_per_sec} {msg}",
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(250));
    Some(bar)
}

/// Runs the pipeline over `inputs`, writing records to `out`; returns the
/// exit code (0, 1 when records were skipped, 2 when a file was unreadable)
/// and the statistics. Fails only when the output cannot be written.
pub fn run<I, O>(inputs: I, settings: &Settings, out: &mut O) -> Result<(u8, Stats), O::Error>
where
    I: Iterator<Item = Result<Item, InputError>> + Send,
    O: Output,
{
    let started = Instant::now();
    let mut writer = Writer {
        out,
        stats: Stats {
            threads: settings.threads.max(1),
            ..Stats::default()
        },
        code: 0,
        bar: progress_bar(settings),
        bytes_read: Arc::clone(&settings.bytes_read),
    };
    let read_secs = if settings.threads <= 1 {
        sequential(inputs, settings, &mut writer)?
    } else {
        parallel(inputs, settings, &mut writer)?
    };
    let t = Instant::now();
    writer.out.finish()?;
    writer.stats.seconds.write += t.elapsed().as_secs_f64();
    if let Some(bar) = &writer.bar {
        bar.finish_and_clear();
    }
    let mut stats = writer.stats;
    stats.seconds.read = read_secs;
    stats.seconds.wall = started.elapsed().as_secs_f64();
    stats.bytes = settings.bytes_read.load(Ordering::Relaxed);
    stats.peak_rss_bytes = peak_rss();
    stats.cpu_seconds = cpu_seconds();
    Ok((writer.code, stats))
}

fn sequential<I, O>(mut inputs: I, settings: &Settings, writer: &mut Writer<O>) -> Result<f64, O::Error>
where
    I: Iterator<Item = Result<Item, InputError>>,
    O: Output,
{
    let maker = writer.out.maker();
    let mut read = Duration::ZERO;
    loop {
        let t = Instant::now();
        let Some(item) = inputs.next() else { break };
        read += t.elapsed();
        writer.take(process::<O>(item, &settings.options, &maker))?;
    }
    Ok(read.as_secs_f64())
}

fn parallel<I, O>(mut inputs: I, settings: &Settings, writer: &mut Writer<O>) -> Result<f64, O::Error>
where
    I: Iterator<Item = Result<Item, InputError>> + Send,
    O: Output,
{
    let window = settings.window();
    let options = settings.options;
    let maker = writer.out.maker();
    let maker = &maker;
    std::thread::scope(|scope| {
        let (job_tx, job_rx) = sync_channel::<(u64, Result<Item, InputError>)>(window);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (done_tx, done_rx) = channel::<(u64, Done<O::Made>)>();
        let (token_tx, token_rx) = sync_channel::<()>(window);
        for _ in 0..window {
            // The channel holds exactly `window` tokens: never full here.
            let _ = token_tx.send(());
        }
        let reader = scope.spawn(move || {
            let mut read = Duration::ZERO;
            let mut seq = 0u64;
            // Stops when the writer is gone (no more tokens) or the input ends.
            while token_rx.recv().is_ok() {
                let t = Instant::now();
                let Some(item) = inputs.next() else { break };
                read += t.elapsed();
                if job_tx.send((seq, item)).is_err() {
                    break;
                }
                seq += 1;
            }
            read.as_secs_f64()
        });
        for _ in 0..settings.threads {
            let jobs = Arc::clone(&job_rx);
            let done = done_tx.clone();
            scope.spawn(move || loop {
                // The lock is held only to take a job, never while working.
                let job = match jobs.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((seq, item)) = job else { return };
                if done.send((seq, process::<O>(item, &options, maker))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        drop(job_rx);
        let mut pending: BTreeMap<u64, Done<O::Made>> = BTreeMap::new();
        let mut next = 0u64;
        for (seq, done) in &done_rx {
            pending.insert(seq, done);
            while let Some(d) = pending.remove(&next) {
                // On a write error, returning drops the token sender and the
                // result receiver: the reader and the workers stop.
                writer.take(d)?;
                next += 1;
                let _ = token_tx.send(());
            }
        }
        drop(token_tx);
        Ok(reader.join().unwrap_or(0.0))
    })
}

/// Peak resident set size of this process (Linux `VmHWM`).
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// User + system time of this process, all threads (Linux `/proc/self/stat`,
/// in clock ticks of 1/100 s, the value on every Linux platform Vigie targets).
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.seconds;
        let skipped: u64 = self.skipped.values().sum();
        writeln!(f, "vigie: statistics")?;
        writeln!(
            f,
            "  input       {:.1} MB, {} items",
            mb(self.bytes),
            thousands(self.read)
        )?;
        writeln!(
            f,
            "  articles    {} extracted ({:.1} MB of text), {} skipped",
            thousands(self.articles),
            mb(self.text_bytes),
            thousands(skipped)
        )?;
        if !self.skipped.is_empty() {
            let mut why: Vec<(&&str, &u64)> = self.skipped.iter().collect();
            why.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let why: Vec<String> = why
                .iter()
                .map(|(k, n)| format!("{k} {}", thousands(**n)))
                .collect();
            writeln!(f, "  skipped     {}", why.join(", "))?;
        }
        writeln!(f, "  sentences   {}", thousands(self.sentences))?;
        writeln!(
            f,
            "  mentions    {} actors, {} places, {} times, {} numbers",
            thousands(self.actors),
            thousands(self.places),
            thousands(self.times),
            thousands(self.numbers)
        )?;
        let total: u64 = self.events.values().sum();
        let mut by_type: Vec<(&&str, &u64)> = self.events.iter().collect();
        by_type.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let by_type: Vec<String> = by_type
            .iter()
            .map(|(k, n)| format!("{k} {}", thousands(**n)))
            .collect();
        if by_type.is_empty() {
            writeln!(f, "  events      0")?;
        } else {
            writeln!(f, "  events      {}: {}", thousands(total), by_type.join(", "))?;
        }
        writeln!(
            f,
            "  seconds     read {:.2}, html {:.2}, text {:.2}, mentions {:.2}, events {:.2}, serialize {:.2} (summed over {} thread{}), write {:.2}; wall {:.2}",
            s.read,
            s.html,
            s.text,
            s.mentions,
            s.events,
            s.serialize,
            self.threads,
            if self.threads == 1 { "" } else { "s" },
            s.write,
            s.wall
        )?;
        if s.wall > 0.0 {
            writeln!(
                f,
                "  throughput  {:.0} articles/s, {:.0} sentences/s, {:.2} MB/s",
                self.articles as f64 / s.wall,
                self.sentences as f64 / s.wall,
                mb(self.bytes) / s.wall
            )?;
        }
        if let Some(cpu) = self.cpu_seconds.filter(|c| *c > 0.0) {
            writeln!(
                f,
                "  per core    {:.0} sentences per CPU-second ({cpu:.2} CPU-seconds)",
                self.sentences as f64 / cpu
            )?;
        }
        if let Some(rss) = self.peak_rss_bytes {
            writeln!(f, "  peak memory {:.0} MB resident", mb(rss))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize) -> Vec<Result<Item, InputError>> {
        (0..n)
            .map(|i| {
                if i % 7 == 3 {
                    Err(InputError {
                        message: format!("x:{i}: bad"),
                        fatal: false,
                        kind: "bad JSON Lines record",
                        quiet: false,
                    })
                } else {
                    Ok(Item::Article(ArticleInput {
                        id: Some(format!("a{i}")),
                        // Lengths vary so that workers finish out of order.
                        text: "Police arrested three men in Paris on Monday. ".repeat(1 + (i * 37) % 11),
                        ..Default::default()
                    }))
                }
            })
            .collect()
    }

    fn settings(threads: usize) -> Settings {
        Settings {
            threads,
            options: Options::default(),
            progress: false,
            total_bytes: None,
            bytes_read: Arc::new(AtomicU64::new(0)),
        }
    }

    fn run_with(threads: usize, n: usize) -> (Vec<u8>, u8, Stats) {
        let settings = settings(threads);
        let mut out = JsonOutput {
            out: Vec::new(),
            pretty: false,
        };
        let (code, stats) = run(items(n).into_iter(), &settings, &mut out).unwrap();
        (out.out, code, stats)
    }

    #[test]
    fn parallel_output_is_sequential_output() {
        let (one, code1, s1) = run_with(1, 40);
        for threads in [2, 3, 8] {
            let (many, code, s) = run_with(threads, 40);
            assert_eq!(one, many, "{threads} threads");
            assert_eq!(code, code1);
            assert_eq!(s.sentences, s1.sentences);
        }
        assert_eq!(code1, 1);
        assert_eq!(s1.read, 40);
        assert_eq!(s1.skipped["bad JSON Lines record"], 6);
        assert_eq!(s1.articles, 34);
        let ids: Vec<String> = String::from_utf8(one)
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["article"]["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let want: Vec<String> = (0..40).filter(|i| i % 7 != 3).map(|i| format!("a{i}")).collect();
        assert_eq!(ids, want);
    }

    #[test]
    fn write_errors_stop_the_run() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let settings = settings(2);
        // A long input: the run must end at the first write, not read it all.
        let endless = std::iter::repeat_with(|| {
            Ok(Item::Article(ArticleInput {
                text: "Troops withdrew.".into(),
                ..Default::default()
            }))
        });
        let mut out = JsonOutput {
            out: Broken,
            pretty: false,
        };
        let err = run(endless, &settings, &mut out).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }

    /// An output that batches what it is given, as the store's does.
    #[derive(Default)]
    struct Batches {
        pending: Vec<(String, usize)>,
        batches: Vec<Vec<(String, usize)>>,
        finished: usize,
    }

    impl Output for Batches {
        type Made = (String, usize);
        type Maker = ();
        type Error = io::Error;
        fn maker(&self) {}
        fn make(_: &(), article: ArticleInput, record: ArticleEvents) -> (String, usize) {
            (article.id.unwrap_or_default(), record.sentences.len())
        }
        fn write(&mut self, made: (String, usize)) -> io::Result<()> {
            self.pending.push(made);
            if self.pending.len() == 4 {
                self.batches.push(std::mem::take(&mut self.pending));
            }
            Ok(())
        }
        fn finish(&mut self) -> io::Result<()> {
            self.finished += 1;
            if !self.pending.is_empty() {
                self.batches.push(std::mem::take(&mut self.pending));
            }
            Ok(())
        }
    }

    #[test]
    fn any_output_gets_the_articles_in_order_then_finishes() {
        let mut one = Batches::default();
        let (code, stats) = run(items(30).into_iter(), &settings(1), &mut one).unwrap();
        assert_eq!((code, stats.articles), (1, 26));
        assert_eq!(one.finished, 1);
        let sizes: Vec<usize> = one.batches.iter().map(Vec::len).collect();
        assert_eq!(sizes, [4, 4, 4, 4, 4, 4, 2]);
        let ids: Vec<String> = one.batches.concat().into_iter().map(|(id, _)| id).collect();
        let want: Vec<String> = (0..30).filter(|i| i % 7 != 3).map(|i| format!("a{i}")).collect();
        assert_eq!(ids, want);
        let mut two = Batches::default();
        run(items(30).into_iter(), &settings(3), &mut two).unwrap();
        assert_eq!(two.batches, one.batches);
        assert_eq!(two.finished, 1);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
        assert!(peak_rss().is_some_and(|b| b > 0));
        let spin = std::time::Instant::now();
        while spin.elapsed() < Duration::from_millis(50) {
            std::hint::black_box(0u64);
        }
        assert!(cpu_seconds().is_some_and(|c| c > 0.0));
    }
}
