//! The store's commands: `vigie ingest` (extract articles on every core and
//! store them in input order, through the pipeline of `extract`),
//! `vigie events` (query incidents or raw events), `vigie export` (ACLED CSV,
//! GeoJSON, JSON Lines) and `vigie reindex` (rebuild incidents).
//!
//! The database is `--db PATH`, else `$VIGIE_DB`, else `./vigie.db`. Only
//! `ingest` creates one; the reading commands open it read-only.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::ValueEnum;
use vigie_extract::{ArticleInput, Options};
use vigie_model::{ArticleEvents, PloverType};
use vigie_store::export::{self, ExportStats};
use vigie_store::query::{parse, BBox, Incident, StoredEvent};
use vigie_store::{Filter, IngestOutcome, Order, Store, StoreError};

use crate::input::{InputArgs, UNREADABLE};
use crate::pipeline::{self, Output, RunArgs};

/// Where the database is.
#[derive(clap::Args)]
pub struct DbArg {
    /// The database file [default: $VIGIE_DB, else ./vigie.db].
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
}

impl DbArg {
    pub(crate) fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| std::env::var_os("VIGIE_DB").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("vigie.db"))
    }
}

/// `vigie ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    db: DbArg,
    /// Articles per transaction (a batch is also committed after a second).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    batch: u32,
    #[command(flatten)]
    run: RunArgs,
}

/// Filters shared by `events` and `export`.
#[derive(clap::Args)]
pub struct FilterArgs {
    /// Country of the place (ISO 3166-1 alpha-3 or English name).
    #[arg(long, value_parser = parse::country)]
    country: Option<String>,
    /// PLOVER type (ASSAULT, PROTEST, ...).
    #[arg(long = "type", value_name = "PLOVER", value_parser = parse::plover)]
    plover: Option<PloverType>,
    /// ACLED event type or sub-event type ("Battles", "Air/drone strike").
    #[arg(long, value_parser = parse::acled)]
    acled: Option<String>,
    /// Part of an actor's name or words, or an actor's country code.
    #[arg(long)]
    actor: Option<String>,
    /// On or after this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_parser = since)]
    since: Option<NaiveDate>,
    /// On or before this day (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_parser = until)]
    until: Option<NaiveDate>,
    /// Bounding box: minlon,minlat,maxlon,maxlat.
    #[arg(long, value_parser = parse::bbox, allow_hyphen_values = true)]
    bbox: Option<BBox>,
    /// At least this many deaths.
    #[arg(long, value_name = "N")]
    min_fatalities: Option<u64>,
    /// Words or an FTS5 expression searched in the evidence.
    #[arg(long, value_parser = parse::text)]
    text: Option<String>,
    /// At most N results.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

fn since(s: &str) -> Result<NaiveDate, String> {
    parse::date(s, false)
}

fn until(s: &str) -> Result<NaiveDate, String> {
    parse::date(s, true)
}

impl FilterArgs {
    fn filter(&self, order: Order) -> Result<Filter> {
        if let (Some(s), Some(u)) = (self.since, self.until) {
            if s > u {
                bail!("--since {s} is after --until {u}");
            }
        }
        Ok(Filter {
            country: self.country.clone(),
            plover: self.plover,
            acled: self.acled.clone(),
            actor: self.actor.clone(),
            since: self.since,
            until: self.until,
            bbox: self.bbox,
            min_fatalities: self.min_fatalities,
            text: self.text.clone(),
            limit: self.limit,
            order,
            after: None,
        })
    }
}

/// Output of `vigie events`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    Table,
    Jsonl,
    Csv,
}

/// Order of `vigie events`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    Newest,
    Oldest,
}

/// `vigie events`.
#[derive(clap::Args)]
pub struct EventsArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// Raw events (every report, of every modality) instead of incidents.
    #[arg(long)]
    raw: bool,
    /// Output format [default: table on a terminal, else jsonl].
    #[arg(long, value_enum)]
    format: Option<EventsFormat>,
    /// Order by date.
    #[arg(long, value_enum, default_value_t = OrderArg::Newest)]
    order: OrderArg,
}

/// Formats of `vigie export`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// ACLED's columns and conventions (incidents with an ACLED type).
    AcledCsv,
    /// A FeatureCollection of located incidents.
    Geojson,
    /// One incident per line, with its reports.
    Jsonl,
}

/// `vigie export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// What to write.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Output file (written whole or not at all); stdout when absent or `-`.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// `vigie reindex`.
#[derive(clap::Args)]
pub struct ReindexArgs {
    #[command(flatten)]
    db: DbArg,
}

/// Committed-so-far tallies of an ingest run.
#[derive(Default)]
struct Tally {
    added: u64,
    events: u64,
    duplicates: u64,
}

/// The pipeline's output for `ingest`: articles stored in input order, in
/// transactions of `batch` articles (or of what came within a second).
struct StoreOutput<'s> {
    store: &'s mut Store,
    pending: Vec<(String, ArticleEvents)>,
    batch: usize,
    last_commit: Instant,
    tally: Tally,
}

impl StoreOutput<'_> {
    /// Stores the pending articles in one transaction.
    fn commit(&mut self) -> vigie_store::Result<()> {
        self.last_commit = Instant::now();
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut batch = self.store.batch()?;
        let mut added = Tally::default();
        for (text, record) in &self.pending {
            match batch.ingest(text, record)? {
                IngestOutcome::Added { events } => {
                    added.added += 1;
                    added.events += events as u64;
                }
                IngestOutcome::Duplicate { .. } => added.duplicates += 1,
            }
        }
        batch.commit()?;
        // Counted once committed: a failed batch stores nothing.
        self.tally.added += added.added;
        self.tally.events += added.events;
        self.tally.duplicates += added.duplicates;
        self.pending.clear();
        Ok(())
    }
}

impl Output for StoreOutput<'_> {
    /// The article's text (stored with it) and its record.
    type Made = (String, ArticleEvents);
    type Maker = ();
    type Error = StoreError;

    fn maker(&self) {}

    fn make(_: &(), article: ArticleInput, record: ArticleEvents) -> Self::Made {
        (article.text, record)
    }

    fn write(&mut self, made: Self::Made) -> vigie_store::Result<()> {
        self.pending.push(made);
        if self.pending.len() >= self.batch || self.last_commit.elapsed() >= Duration::from_secs(1) {
            self.commit()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> vigie_store::Result<()> {
        self.commit()
    }

    fn progress(&self) -> String {
        format!(
            ", {} stored, {} events, {} already stored",
            self.tally.added, self.tally.events, self.tally.duplicates
        )
    }
}

/// `vigie ingest`: extracts every article, on every core, and stores it with
/// its events in input order.
pub fn ingest(args: IngestArgs) -> Result<u8> {
    let started = Instant::now();
    let opened = args.input.open().map_err(anyhow::Error::msg)?;
    let path = args.db.path();
    let mut store = Store::open(&path)?;
    let before = store.counts()?;
    let settings = args
        .run
        .settings(Options::default(), opened.total_bytes, opened.bytes_read);
    let mut output = StoreOutput {
        store: &mut store,
        pending: Vec::new(),
        batch: args.batch as usize,
        last_commit: Instant::now(),
        tally: Tally::default(),
    };
    let (code, stats) = pipeline::run(opened.inputs, &settings, &mut output)?;
    let tally = output.tally;
    // Records skipped; a file that could not be read is reported apart.
    let bad = stats.skipped.values().sum::<u64>() - stats.skipped.get(UNREADABLE).copied().unwrap_or(0);
    let after = store.counts()?;
    eprintln!(
        "vigie: {} articles ingested ({} events), {} skipped ({} already stored, {} unreadable); \
         {} incidents in '{}' ({:+}); {:.1} s",
        tally.added,
        tally.events,
        tally.duplicates + bad,
        tally.duplicates,
        bad,
        after.incidents,
        path.display(),
        after.incidents as i64 - before.incidents as i64,
        started.elapsed().as_secs_f64()
    );
    args.run.report(&stats);
    Ok(code)
}

/// `vigie events`: incidents (or raw events) matching the filters.
pub fn events(args: EventsArgs) -> Result<u8> {
    let order = match args.order {
        OrderArg::Newest => Order::Newest,
        OrderArg::Oldest => Order::Oldest,
    };
    let filter = args.filter.filter(order)?;
    let store = Store::open_read_only(args.db.path())?;
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        EventsFormat::Table
    } else {
        EventsFormat::Jsonl
    });
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match (format, args.raw) {
        (EventsFormat::Jsonl, false) => {
            store.for_each_incident(&filter, false, |i| write_json(&mut out, &i))?
        }
        (EventsFormat::Jsonl, true) => store.for_each_event(&filter, |e| write_json(&mut out, &e))?,
        (EventsFormat::Csv, false) => {
            export::incidents_csv(&store, &filter, &mut out)?;
        }
        (EventsFormat::Csv, true) => {
            export::events_csv(&store, &filter, &mut out)?;
        }
        (EventsFormat::Table, false) => {
            let incidents = store.incidents(&filter, false)?;
            out.write_all(incident_table(&incidents).as_bytes())?;
        }
        (EventsFormat::Table, true) => {
            let events = store.events(&filter)?;
            out.write_all(event_table(&events).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(0)
}

fn write_json(out: &mut impl Write, v: &impl serde::Serialize) -> vigie_store::Result<()> {
    serde_json::to_writer(&mut *out, v).map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// `vigie export`.
pub fn export(args: ExportArgs) -> Result<u8> {
    let filter = args.filter.filter(Order::Oldest)?;
    let store = Store::open_read_only(args.db.path())?;
    let run = |out: &mut dyn Write| -> vigie_store::Result<ExportStats> {
        match args.format {
            ExportFormat::AcledCsv => export::acled_csv(&store, &filter, out),
            ExportFormat::Geojson => export::geojson(&store, &filter, out),
            ExportFormat::Jsonl => export::jsonl(&store, &filter, out),
        }
    };
    let (stats, to) = match args.output.as_deref().filter(|p| *p != Path::new("-")) {
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            (run(&mut out)?, "stdout".to_string())
        }
        Some(path) => (write_atomically(path, run)?, format!("'{}'", path.display())),
    };
    let left_out = match args.format {
        ExportFormat::AcledCsv => format!(", {} without an ACLED type left out", stats.left_out),
        ExportFormat::Geojson => format!(", {} without a place left out", stats.left_out),
        ExportFormat::Jsonl => String::new(),
    };
    eprintln!("vigie: {} incidents exported to {to}{left_out}", stats.written);
    Ok(0)
}

/// Writes `path` through a temporary file renamed at the end, so that a
/// failed export leaves no half-written file.
fn write_atomically<T>(path: &Path, run: impl FnOnce(&mut dyn Write) -> vigie_store::Result<T>) -> Result<T> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let file = File::create(&tmp).with_context(|| format!("cannot write '{}'", path.display()))?;
    let mut out = BufWriter::new(file);
    let result = run(&mut out).map_err(anyhow::Error::from).and_then(|v| {
        out.flush()?;
        out.get_ref().sync_all()?;
        Ok(v)
    });
    drop(out);
    match result {
        Ok(v) => {
            std::fs::rename(&tmp, path).with_context(|| format!("cannot write '{}'", path.display()))?;
            Ok(v)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e.context(format!("cannot write '{}'", path.display())))
        }
    }
}

/// `vigie reindex`.
pub fn reindex(args: ReindexArgs) -> Result<u8> {
    let started = Instant::now();
    let path = args.db.path();
    if !path.exists() {
        return Err(vigie_store::StoreError::Missing { path }.into());
    }
    let mut store = Store::open(&path)?;
    let n = store.reindex()?;
    let c = store.counts()?;
    eprintln!(
        "vigie: {} events regrouped into {n} incidents in '{}'; {:.1} s",
        c.events,
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(0)
}

/// Lays out rows under headers, each column as wide as its widest cell up to
/// its limit (longer cells are cut with `…`).
fn table(headers: &[&str], limits: &[usize], rows: &[Vec<String>]) -> String {
    let cut = |s: &str, max: usize| -> String {
        let s = s.replace(['\n', '\t'], " ");
        if s.chars().count() <= max {
            s
        } else {
            let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
            t.push('…');
            t
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().zip(limits).map(|(c, &m)| cut(c, m)).collect())
        .collect();
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([h.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: &[String]| -> String {
        let mut s = String::new();
        for (i, c) in r.iter().enumerate() {
            if i + 1 == r.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    for r in &cells {
        out.push_str(&line(r));
    }
    out
}

fn date_cell(start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s != e => format!("{s}..{}", e.format("%m-%d")),
        (Some(s), _) => s.to_string(),
        _ => "-".into(),
    }
}

fn incident_table(incidents: &[Incident]) -> String {
    let rows: Vec<Vec<String>> = incidents
        .iter()
        .map(|i| {
            let kind = i
                .acled
                .as_ref()
                .map(|a| a.sub_event_type.clone())
                .unwrap_or_else(|| i.plover.clone());
            let place = i
                .location
                .as_ref()
                .map(|p| match &p.country {
                    Some(c) => format!("{}, {c}", p.name),
                    None => p.name.clone(),
                })
                .unwrap_or_else(|| "-".into());
            let deaths = i
                .fatalities
                .as_ref()
                .map(|f| match f.qualifier.as_str() {
                    "at_least" => format!("{}+", f.total),
                    "about" => format!("~{}", f.total),
                    "at_most" => format!("≤{}", f.total),
                    _ => f.total.to_string(),
                })
                .unwrap_or_else(|| "-".into());
            let name = |a: &Option<vigie_store::summary::IncidentActor>| a.as_ref().map(|a| a.name.clone());
            let actors = match (name(&i.actors.actor1), name(&i.actors.actor2)) {
                (Some(a), Some(b)) => format!("{a} → {b}"),
                (Some(a), None) => a,
                (None, Some(b)) => format!("? → {b}"),
                (None, None) => "-".into(),
            };
            vec![
                i.id.to_string(),
                date_cell(i.date.start, i.date.end),
                kind,
                place,
                deaths,
                i.n_sources.to_string(),
                actors,
                i.notes.clone(),
            ]
        })
        .collect();
    let mut out = table(
        &[
            "ID", "DATE", "TYPE", "PLACE", "DEATHS", "SRC", "ACTORS", "EVIDENCE",
        ],
        &[10, 16, 34, 28, 7, 4, 60, 70],
        &rows,
    );
    out.push_str(&format!("{} incidents\n", incidents.len()));
    out
}

fn event_table(events: &[StoredEvent]) -> String {
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|s| {
            let e = &s.event;
            let m = &e.modality;
            let flags = [
                (m.negated, "negated"),
                (m.hypothetical, "hypothetical"),
                (m.historical, "historical"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| *n)
            .collect::<Vec<_>>()
            .join(",");
            vec![
                e.id.clone(),
                date_cell(e.date.start, e.date.end),
                e.plover.kind.as_str().to_string(),
                e.acled
                    .as_ref()
                    .map(|a| a.sub_event_type.clone())
                    .unwrap_or_else(|| "-".into()),
                e.location
                    .as_ref()
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| "-".into()),
                e.fatalities
                    .as_ref()
                    .and_then(|f| f.total)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "-".into()),
                s.incident.map(|i| i.to_string()).unwrap_or_else(|| "-".into()),
                s.article.source.clone().unwrap_or_else(|| s.article.id.clone()),
                if flags.is_empty() { "-".into() } else { flags },
                e.evidence.text.clone(),
            ]
        })
        .collect();
    let mut out = table(
        &[
            "EVENT", "DATE", "PLOVER", "ACLED", "PLACE", "DEATHS", "INCIDENT", "OUTLET", "MODALITY",
            "EVIDENCE",
        ],
        &[20, 16, 10, 34, 24, 7, 9, 20, 24, 70],
        &rows,
    );
    out.push_str(&format!("{} events\n", events.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_and_cuts() {
        let t = table(
            &["A", "B", "C"],
            &[3, 10, 5],
            &[
                vec!["1".into(), "short".into(), "x".into()],
                vec!["12345".into(), "é".into(), "long text here".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "A    B      C");
        assert_eq!(lines[1], "1    short  x");
        assert_eq!(lines[2], "12…  é      long…");
    }
}
