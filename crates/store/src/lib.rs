//! The store stage: keeps articles and their events in an embedded SQLite
//! database, merges reports of one real-world act into incidents, and answers
//! queries and exports.
//!
//! [`Store::open`] opens or creates a database (WAL mode, versioned schema,
//! see [`schema`]); a file that is not a Vigie database, or is of a newer
//! schema, is refused and left untouched. [`Store::batch`] starts a
//! transaction in which [`Batch::ingest`] adds one article (its text and its
//! [`ArticleEvents`] record) idempotently: an article whose id or text is
//! already stored changes nothing. Each event is placed in an incident as it
//! arrives ([`cluster`] defines when two reports are the same act, and the
//! order-independent grouping); [`Store::reindex`] rebuilds every incident from
//! the events. [`Store::incidents`], [`Store::events`] and the exports in
//! [`export`] read it back.
//!
//! The store does not run extraction: callers give it records made by
//! `vigie-extract` (or anything producing the contract).

pub mod cluster;
pub mod countries;
pub mod export;
pub mod query;
pub mod schema;
pub mod stats;
pub mod summary;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row, Transaction};
use vigie_model::{content_id, ArticleEvents, Event, Feature, Precision, Qualifier};

use crate::cluster::{Clusterer, Clustering, Ev, Key, Loc};
use crate::schema::{FileState, READABLE_FROM, SCHEMA_VERSION};
use crate::summary::{summarize, Report, Summary};

pub use crate::query::{After, Filter, Incident, Order, StoredEvent};

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be read or written.
    #[error("cannot open '{path}': {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The file exists but is not a Vigie database; it was not modified.
    #[error("'{path}' is not a Vigie database: {why}; it was left untouched")]
    NotVigie { path: PathBuf, why: String },
    /// The database was written by a newer Vigie; it was not modified.
    #[error(
        "'{path}' has schema version {found}, newer than this Vigie supports ({supported}): \
         use a newer Vigie; the file was left untouched"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// Opening read-only, but the database must first be upgraded.
    #[error(
        "'{path}' has schema version {found}, older than this Vigie's ({supported}): \
         run `vigie reindex` or `vigie ingest` once to upgrade it"
    )]
    NeedsUpgrade {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// Reading a database that does not exist.
    #[error("no database at '{path}' (create one with `vigie ingest`, or give --db)")]
    Missing { path: PathBuf },
    /// SQLite reported an error.
    #[error("database '{path}': {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    /// A stored event record could not be decoded (the file was altered).
    #[error("database '{path}': stored event {event} is not a valid record: {why}")]
    Corrupt { path: PathBuf, event: i64, why: String },
    /// A filter value SQLite rejected (a malformed full-text expression).
    #[error("bad filter {name}: {why}")]
    BadFilter { name: &'static str, why: String },
    /// Writing an export failed.
    #[error("cannot write the export: {0}")]
    Write(#[from] std::io::Error),
}

impl StoreError {
    fn io(path: &Path, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    fn sqlite(path: &Path, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Result of the store's operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Why an article was not added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicate {
    /// An article with the same id is stored.
    Id,
    /// An article with the same text (content hash) is stored, under `existing`.
    Content,
}

/// What ingesting one article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// Stored, with this many events.
    Added { events: usize },
    /// Already stored: nothing changed.
    Duplicate {
        /// The id of the stored article.
        existing: String,
        by: Duplicate,
    },
}

/// Counts of what a database holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: u64,
    pub events: u64,
    pub incidents: u64,
}

/// Bytes of the database file read through a memory map.
const MMAP_SIZE: i64 = 1 << 30;

/// An open Vigie database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    writable: bool,
    /// What ingest keeps between batches (see [`Memo`]).
    memo: Memo,
}

impl Drop for Store {
    fn drop(&mut self) {
        // SQLite's advice for long-lived databases: refresh the planner's
        // statistics where they are stale when a writing connection closes.
        // A failure here changes nothing stored, so it is ignored.
        if self.writable {
            let _ = self.conn.execute_batch("PRAGMA optimize;");
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the database at `path` for reading and writing, creating it when
    /// there is no file (or an empty one) and upgrading an older schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let state = schema::inspect(path)?;
        let mut conn = Connection::open(path).map_err(|e| StoreError::sqlite(path, e))?;
        let setup = || -> rusqlite::Result<()> {
            conn.busy_timeout(std::time::Duration::from_secs(10))?;
            // WAL: readers (queries, the HTTP API) never block the writer;
            // NORMAL sync keeps every committed transaction across a crash of
            // the process (a power loss may lose the last ones).
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            // 64 MiB of page cache (taken only as used): ingest revisits the
            // recent incidents' pages constantly.
            conn.pragma_update(None, "cache_size", -65536)?;
            // Reads through a memory map: no system call and copy per page.
            conn.pragma_update(None, "mmap_size", MMAP_SIZE)?;
            // Statement journals (a rewritten incident row with its seven
            // index entries passes SQLite's 64 KiB in-memory limit) and
            // temporary tables in memory: otherwise every refresh of an
            // incident writes a temporary file.
            conn.pragma_update(None, "temp_store", "MEMORY")?;
            Ok(())
        };
        setup().map_err(|e| StoreError::sqlite(path, e))?;
        let from = match state {
            FileState::New => 0,
            FileState::Vigie { version } => version,
        };
        schema::migrate(&mut conn, from, schema::MIGRATIONS).map_err(|e| StoreError::sqlite(path, e))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            writable: true,
            memo: Memo::default(),
        })
    }

    /// Opens an existing database for reading only: never creates, upgrades
    /// nor writes.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        match schema::inspect(path)? {
            FileState::New => {
                return Err(StoreError::Missing {
                    path: path.to_path_buf(),
                })
            }
            FileState::Vigie { version } if version < READABLE_FROM => {
                return Err(StoreError::NeedsUpgrade {
                    path: path.to_path_buf(),
                    found: version,
                    supported: SCHEMA_VERSION,
                })
            }
            FileState::Vigie { .. } => {}
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::sqlite(path, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .and_then(|()| conn.pragma_update(None, "mmap_size", MMAP_SIZE))
            .map_err(|e| StoreError::sqlite(path, e))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            writable: false,
            memo: Memo::default(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for read-only use by callers that need a
    /// query the store does not offer.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| StoreError::sqlite(&self.path, e)
    }

    /// Starts a batch: everything ingested in it is committed at once by
    /// [`Batch::commit`], or not at all.
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        let Store { conn, path, memo, .. } = self;
        let path = path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        // The write lock is held from here: nobody else changes the file
        // until the batch ends.
        let version: i64 = tx
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(err)?;
        memo.begin(version);
        Ok(Batch {
            tx,
            path,
            first_event: None,
            memo,
            version,
        })
    }

    /// Ingests one article in its own transaction (see [`Batch::ingest`]).
    pub fn ingest(&mut self, text: &str, record: &ArticleEvents) -> Result<IngestOutcome> {
        let mut batch = self.batch()?;
        let outcome = batch.ingest(text, record)?;
        batch.commit()?;
        Ok(outcome)
    }

    /// How many articles, events and incidents are stored.
    pub fn counts(&self) -> Result<Counts> {
        counts(&self.conn).map_err(self.err())
    }

    /// Rebuilds every incident from the stored events with the full canonical
    /// pass; the result does not depend on the order articles were ingested.
    /// Returns the number of incidents.
    pub fn reindex(&mut self) -> Result<u64> {
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        // Every incident is rebuilt: what ingest remembers of them is stale.
        self.memo = Memo::default();
        tx.execute_batch("DELETE FROM incident_events; DELETE FROM incidents;")
            .map_err(err)?;
        let mut assignments: Vec<(i64, i64)> = Vec::new();
        {
            let mut alone = tx
                .prepare("SELECT id FROM events WHERE clustered = 1 ORDER BY id")
                .map_err(err)?;
            let ids = alone.query_map([], |r| r.get::<_, i64>(0)).map_err(err)?;
            for id in ids {
                let id = id.map_err(err)?;
                assignments.push((id, id));
            }
            let sql = format!(
                "SELECT {EV_COLS} FROM events e WHERE e.clustered = 2 \
                 ORDER BY e.plover, e.day_start, e.day_end, e.place_rank, e.order_key"
            );
            let mut stmt = tx.prepare(&sql).map_err(err)?;
            let mut rows = stmt.query([]).map_err(err)?;
            let mut plover = String::new();
            let mut clusterer = Clusterer::default();
            while let Some(row) = rows.next().map_err(err)? {
                let ev = ev_from_row(row).map_err(err)?;
                if ev.plover != plover {
                    plover = ev.plover.clone();
                    clusterer = Clusterer::default();
                }
                let id = ev.id;
                let anchor = clusterer.push(ev);
                assignments.push((id, anchor));
            }
        }
        let mut anchors = BTreeSet::new();
        {
            let mut link = tx
                .prepare("INSERT INTO incident_events (event, incident) VALUES (?1, ?2)")
                .map_err(err)?;
            for (event, anchor) in &assignments {
                link.execute(params![event, anchor]).map_err(err)?;
                anchors.insert(*anchor);
            }
        }
        let now = unix_now();
        for anchor in &anchors {
            refresh_incident(&tx, &path, *anchor, now)?;
        }
        tx.commit().map_err(err)?;
        Ok(anchors.len() as u64)
    }
}

/// A transaction of ingests; dropped without [`Batch::commit`], it rolls back.
pub struct Batch<'s> {
    /// The store's memo, trusted again only once this batch commits.
    memo: &'s mut Memo,
    /// `PRAGMA data_version` when the batch began.
    version: i64,
    tx: Transaction<'s>,
    path: PathBuf,
    /// The first event row added by this batch: the full-text index is fed
    /// once, at commit (FTS5 flushes its buffer at every statement that
    /// writes to it, so one statement per batch instead of one per event).
    first_event: Option<i64>,
}

/// Hashes row ids for the maps of [`Memo`] and [`Replay`]: SQLite gives the
/// ids in sequence, no outside input picks them, so one multiplication
/// (Fibonacci hashing) spreads them well enough, for far less than SipHash.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by row id.
type IdMap<V> = HashMap<i64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// How many decoded events [`Memo`] keeps at most (about 300 bytes each);
/// past it, the next batch starts afresh.
const MEMO_EVENTS: usize = 250_000;

/// What ingest keeps in memory between placements and batches.
///
/// Placing an event reads the events near it and their incidents, again and
/// again as the same days fill up. Event rows never change once written,
/// and an event's incident changes only when this connection places one, so
/// both are kept: decoded events by row id, and incidents by event, updated
/// as placing moves events. This holds only while no other connection
/// writes: a batch starts by comparing `PRAGMA data_version` (which changes
/// when another connection commits) with its value at the end of the last
/// batch, and starts afresh when it differs, when that batch did not commit
/// (its rows are gone and their ids may be given again), or when the memo
/// has grown past [`MEMO_EVENTS`]. Incident rows are summaries of their
/// members: recomputed once, when a batch commits, instead of each time one
/// of them is placed.
#[derive(Default)]
struct Memo {
    /// Decoded mergeable events by row id.
    evs: IdMap<Arc<Ev>>,
    /// Mergeable events' incidents (`None`: not placed yet).
    incident: IdMap<Option<i64>>,
    /// Incidents whose members changed: their rows are recomputed (or
    /// deleted) before the batch commits or counts.
    dirty: BTreeSet<i64>,
    /// `PRAGMA data_version` after the last batch this connection
    /// committed; `None` while a batch runs or after one was dropped.
    version: Option<i64>,
}

impl Memo {
    /// Starts a batch at data version `version`.
    fn begin(&mut self, version: i64) {
        if self.version != Some(version) || self.evs.len() > MEMO_EVENTS {
            *self = Memo::default();
        }
        self.dirty.clear();
        self.version = None;
    }

    /// The incident of the mergeable event `id`, looked up once.
    fn incident(&mut self, tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Option<i64>> {
        if let Some(a) = self.incident.get(&id) {
            return Ok(*a);
        }
        let a = tx
            .prepare_cached("SELECT incident FROM incident_events WHERE event = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        self.incident.insert(id, a);
        Ok(a)
    }

    /// The event with row id `id`, decoded once per batch.
    fn ev(&mut self, tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Arc<Ev>> {
        if let Some(e) = self.evs.get(&id) {
            return Ok(e.clone());
        }
        let e = Arc::new(
            tx.prepare_cached(&format!("SELECT {EV_COLS} FROM events e WHERE e.id = ?1"))?
                .query_row([id], ev_from_row)?,
        );
        self.evs.insert(id, e.clone());
        Ok(e)
    }

    /// Recomputes the rows of the incidents placing changed.
    fn refresh(&mut self, tx: &Transaction<'_>, path: &Path) -> Result<()> {
        let now = unix_now();
        for anchor in std::mem::take(&mut self.dirty) {
            refresh_incident(tx, path, anchor, now)?;
        }
        Ok(())
    }
}

impl Batch<'_> {
    /// Adds one article: `text` is the article as read, `record` what
    /// extraction made of it. Idempotent: an article whose id or content hash
    /// is already stored is not added again ([`IngestOutcome::Duplicate`]).
    /// Each event is stored with every field of the contract, its JSON
    /// verbatim and its evidence indexed for full-text search, then placed in
    /// an incident.
    pub fn ingest(&mut self, text: &str, record: &ArticleEvents) -> Result<IngestOutcome> {
        let path = self.path.clone();
        let (outcome, first) = ingest(&self.tx, &path, self.memo, text, record)?;
        self.first_event = self.first_event.or(first);
        Ok(outcome)
    }

    /// How many articles, events and incidents the database holds, this
    /// batch's changes included.
    pub fn counts(&mut self) -> Result<Counts> {
        self.memo.refresh(&self.tx, &self.path)?;
        counts(&self.tx).map_err(|e| StoreError::sqlite(&self.path, e))
    }

    /// Commits the batch.
    pub fn commit(self) -> Result<()> {
        self.memo.refresh(&self.tx, &self.path)?;
        let path = self.path;
        let err = |e| StoreError::sqlite(&path, e);
        if let Some(first) = self.first_event {
            self.tx
                .execute(
                    "INSERT INTO evidence_fts (rowid, evidence_text) \
                     SELECT id, evidence_text FROM events WHERE id >= ?1",
                    [first],
                )
                .map_err(err)?;
        }
        self.tx.commit().map_err(err)?;
        // This connection's own commits leave the data version as it was.
        self.memo.version = Some(self.version);
        Ok(())
    }
}

fn counts(conn: &Connection) -> rusqlite::Result<Counts> {
    let n = |table: &str| -> rusqlite::Result<u64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n as u64)
    };
    Ok(Counts {
        articles: n("articles")?,
        events: n("events")?,
        incidents: n("incidents")?,
    })
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The columns [`ev_from_row`] reads, from `events e`.
const EV_COLS: &str = "e.id, e.day_start, e.day_end, e.place_rank, e.order_key, e.plover, \
    e.acled_event_type, e.place_lat, e.place_lon, e.place_country, e.place_admin1, e.actor_keys";

fn ev_from_row(row: &Row<'_>) -> rusqlite::Result<Ev> {
    let rank: u8 = row.get(3)?;
    let lat: Option<f64> = row.get(7)?;
    let lon: Option<f64> = row.get(8)?;
    let (source, target) = cluster::decode_actor_keys(&row.get::<_, String>(11)?);
    Ok(Ev {
        id: row.get(0)?,
        key: Key {
            start: row.get::<_, Option<i32>>(1)?.unwrap_or(i32::MAX),
            end: row.get::<_, Option<i32>>(2)?.unwrap_or(i32::MAX),
            rank,
            tie: row.get(4)?,
        },
        plover: row.get(5)?,
        acled: row.get(6)?,
        loc: match (lat, lon) {
            (Some(lat), Some(lon)) => Some(Loc {
                lat,
                lon,
                rank,
                country: row.get(9)?,
                admin1: row.get(10)?,
            }),
            _ => None,
        },
        source,
        target,
    })
}

fn feature_str(f: Feature) -> &'static str {
    match f {
        Feature::Landmark => "landmark",
        Feature::Locality => "locality",
        Feature::City => "city",
        Feature::Admin2 => "admin2",
        Feature::Admin1 => "admin1",
        Feature::Region => "region",
        Feature::Country => "country",
    }
}

fn precision_str(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Year => "year",
        Precision::Unknown => "unknown",
    }
}

fn qualifier_str(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exact",
        Qualifier::AtLeast => "at_least",
        Qualifier::AtMost => "at_most",
        Qualifier::About => "about",
    }
}

fn date_str(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn json(v: &impl serde::Serialize) -> String {
    // Serialising the contract's own types cannot fail (no maps with
    // non-string keys, no failing Serialize impls).
    serde_json::to_string(v).unwrap_or_default()
}

fn ingest(
    tx: &Transaction<'_>,
    path: &Path,
    memo: &mut Memo,
    text: &str,
    record: &ArticleEvents,
) -> Result<(IngestOutcome, Option<i64>)> {
    let err = |e| StoreError::sqlite(path, e);
    let meta = &record.article;
    let hash = content_id(text);
    let by_id: Option<String> = tx
        .prepare_cached("SELECT article_id FROM articles WHERE article_id = ?1")
        .and_then(|mut s| s.query_row([&meta.id], |r| r.get(0)).optional())
        .map_err(err)?;
    if let Some(existing) = by_id {
        return Ok((
            IngestOutcome::Duplicate {
                existing,
                by: Duplicate::Id,
            },
            None,
        ));
    }
    let by_hash: Option<String> = tx
        .prepare_cached("SELECT article_id FROM articles WHERE content_hash = ?1")
        .and_then(|mut s| s.query_row([&hash], |r| r.get(0)).optional())
        .map_err(err)?;
    if let Some(existing) = by_hash {
        return Ok((
            IngestOutcome::Duplicate {
                existing,
                by: Duplicate::Content,
            },
            None,
        ));
    }
    let now = unix_now();
    tx.prepare_cached(
        "INSERT INTO articles (article_id, content_hash, lang, published, source, url, title, \
         text, warnings, n_events, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )
    .and_then(|mut s| {
        s.execute(params![
            meta.id,
            hash,
            meta.lang,
            date_str(meta.published),
            meta.source,
            meta.url,
            meta.title,
            text,
            json(&record.warnings),
            record.events.len() as i64,
            now,
        ])
    })
    .map_err(err)?;
    let article = tx.last_insert_rowid();
    let mut first = None;
    for (ordinal, event) in record.events.iter().enumerate() {
        let id = insert_event(tx, article, &hash, ordinal, event).map_err(err)?;
        first = first.or(Some(id));
        place(tx, path, memo, id, Clustering::of(event))?;
    }
    Ok((
        IngestOutcome::Added {
            events: record.events.len(),
        },
        first,
    ))
}

fn insert_event(
    tx: &Transaction<'_>,
    article: i64,
    hash: &str,
    ordinal: usize,
    e: &Event,
) -> rusqlite::Result<i64> {
    let days = cluster::day_range(e);
    let wide = days.is_some_and(|(s, t)| t - s > cluster::NARROW_SPAN_DAYS);
    let loc = e.location.as_ref();
    let fat = e.fatalities.as_ref();
    tx.prepare_cached(
        "INSERT INTO events (article, ordinal, event_id, plover, plover_mode, plover_context, \
         cameo, acled_event_type, acled_sub_event_type, date_text, date_start, date_end, \
         date_precision, place_text, place_name, place_country, place_admin1, place_lat, \
         place_lon, place_feature, place_geonames_id, fatalities_total, fatalities_civilians, \
         fatalities_qualifier, fatalities_text, attribution_text, attribution_speaker, negated, \
         hypothetical, historical, evidence_sentence, evidence_start, evidence_end, \
         evidence_text, confidence, record, clustered, day_start, day_end, wide, place_rank, \
         actor_keys, order_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, \
         ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, \
         ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43)",
    )?
    .execute(params![
        article,
        ordinal as i64,
        e.id,
        e.plover.kind.as_str(),
        e.plover.mode,
        json(&e.plover.context),
        e.cameo,
        e.acled.as_ref().map(|a| &a.event_type),
        e.acled.as_ref().map(|a| &a.sub_event_type),
        e.date.text,
        date_str(e.date.start),
        date_str(e.date.end),
        precision_str(e.date.precision),
        loc.map(|p| &p.text),
        loc.map(|p| &p.name),
        loc.and_then(|p| p.country.as_ref()),
        loc.and_then(|p| p.admin1.as_ref()),
        loc.map(|p| p.lat),
        loc.map(|p| p.lon),
        loc.map(|p| feature_str(p.feature)),
        loc.and_then(|p| p.geonames_id),
        fat.and_then(|f| f.total).map(|n| n as i64),
        fat.and_then(|f| f.civilians).map(|n| n as i64),
        fat.map(|f| qualifier_str(f.qualifier)),
        fat.map(|f| &f.text),
        e.attribution.as_ref().map(|a| &a.text),
        e.attribution.as_ref().and_then(|a| a.speaker.as_ref()).map(json),
        e.modality.negated,
        e.modality.hypothetical,
        e.modality.historical,
        e.evidence.sentence as i64,
        e.evidence.start as i64,
        e.evidence.end as i64,
        e.evidence.text,
        e.confidence,
        json(e),
        Clustering::of(e).code(),
        days.map(|d| d.0),
        days.map(|d| d.1),
        wide,
        cluster::place_rank(loc.map(|p| p.feature)),
        cluster::encode_actor_keys(e),
        // The event id alone may repeat across articles when a caller makes
        // its own ids; the article's content hash and the position do not.
        format!("{}\t{hash}\t{ordinal:06}", e.id),
    ])?;
    let id = tx.last_insert_rowid();
    let mut actor = tx.prepare_cached(
        "INSERT INTO event_actors (event, side, position, text, name, country, sector, role, igo) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (side, list) in [("source", &e.source), ("target", &e.target)] {
        for (i, a) in list.iter().enumerate() {
            actor.execute(params![
                id, side, i as i64, a.text, a.name, a.country, a.sector, a.role, a.igo
            ])?;
        }
    }
    Ok(id)
}

/// Places a newly stored event in an incident.
///
/// A mergeable event re-runs the canonical greedy pass (see [`cluster`]) from
/// its own position onwards: events before it keep their incidents (the pass
/// never revisits the past), later events are re-decided in order when their
/// decision can change. An event `y` decides on the members each incident
/// has before it; it can only decide differently if one of them, `A`, has
/// other members before `y` than in the stored pass (`A` is "touched") and
/// is a candidate for `y` in one of the two passes: it has members before
/// `y`, all compatible with `y`. An incident's first member in canonical
/// order is its anchor event (the one that opened it, whose id it bears),
/// and in both passes `A` either has no member before `y` or has its anchor
/// among them (an anchor re-decided into another incident leaves `A` empty:
/// its later members are all re-decided). So `y` is re-decided only when it
/// belongs to a touched incident or is compatible with the anchor event of
/// one. Those events are looked up once, when an incident becomes touched
/// (its stored members, and the stored events compatible with its anchor
/// event, by [`window`]), and taken in canonical order from a queue; one
/// queued for an anchor only is re-decided when that incident is a
/// candidate for it in either pass (its members before it are known by
/// then). Every other event keeps its incident without being read. What is left is
/// what the full pass gives, and the work depends on the incidents near the
/// new event, not on how many events the database holds.
fn place(tx: &Transaction<'_>, path: &Path, memo: &mut Memo, id: i64, how: Clustering) -> Result<()> {
    let err = |e| StoreError::sqlite(path, e);
    match how {
        Clustering::None => return Ok(()),
        Clustering::Alone => {
            tx.prepare_cached("INSERT INTO incident_events (event, incident) VALUES (?1, ?1)")
                .and_then(|mut s| s.execute([id]))
                .map_err(err)?;
            memo.dirty.insert(id);
            return Ok(());
        }
        Clustering::Merge => {}
    }
    let e = memo.ev(tx, id).map_err(err)?;

    let mut replay = Replay::default();
    replay.pending.insert(
        e.key.clone(),
        Pending {
            ev: e,
            stored: None,
            always: true,
            via: Vec::new(),
        },
    );
    while let Some((_, p)) = replay.pending.pop_first() {
        if !p.always && !replay.may_change(tx, memo, &p.ev, &p.via).map_err(err)? {
            // None of the touched incidents it is near is a candidate for
            // it, before or after: its decision stands.
            continue;
        }
        let (x, old) = (p.ev, p.stored);
        // Incidents with a member compatible with x, as of x's turn.
        let near = replay.window(tx, memo, &x).map_err(err)?;
        let mut groups: BTreeSet<i64> = BTreeSet::new();
        for (m, stored) in near.iter() {
            if m.key >= x.key || !cluster::compatible(m, &x) {
                continue;
            }
            if let Some(a) = replay.decided.get(&m.id).copied().or(*stored) {
                groups.insert(a);
            }
        }
        let mut best: Option<(usize, Key, i64)> = None;
        for a in groups {
            // Members as of x's turn: the stored ones before x that were
            // not re-decided, and those re-decided into it.
            let stored = replay.stored_members(tx, memo, a).map_err(err)?;
            let members: Vec<&Ev> = stored
                .iter()
                .filter(|m| m.key < x.key && !replay.decided.contains_key(&m.id))
                .chain(replay.replayed.get(&a).into_iter().flatten())
                .map(|m| &**m)
                .collect();
            if members.is_empty() || !members.iter().all(|m| cluster::compatible(m, &x)) {
                continue;
            }
            let anchor_key = members
                .iter()
                .map(|m| &m.key)
                .min()
                .cloned()
                .unwrap_or_else(|| x.key.clone());
            let better = match &best {
                None => true,
                Some((n, k, _)) => {
                    cluster::better((members.len(), &anchor_key), (*n, k)) == std::cmp::Ordering::Greater
                }
            };
            if better {
                best = Some((members.len(), anchor_key, a));
            }
        }
        let new = best.map(|b| b.2).unwrap_or(x.id);
        if old != Some(new) {
            replay.moves.push((x.id, new));
            for a in old.into_iter().chain([new]) {
                if replay.dirty.insert(a) {
                    // Its later stored members are re-decided, and so are
                    // the later events compatible with its anchor event
                    // (see above).
                    let members = replay.stored_members(tx, memo, a).map_err(err)?;
                    for m in members.iter() {
                        if m.key > x.key && !replay.decided.contains_key(&m.id) {
                            replay
                                .pending
                                .entry(m.key.clone())
                                .or_insert_with(|| Pending {
                                    ev: m.clone(),
                                    stored: Some(a),
                                    always: true,
                                    via: Vec::new(),
                                })
                                .always = true;
                        }
                    }
                    let anchor = if a == x.id {
                        x.clone()
                    } else {
                        memo.ev(tx, a).map_err(err)?
                    };
                    let w = replay.window(tx, memo, &anchor).map_err(err)?;
                    replay.queue_compatible(&anchor, &w, &x.key, a);
                }
            }
        }
        replay.decided.insert(x.id, new);
        replay.replayed.entry(new).or_default().push(x);
    }
    {
        let mut link = tx
            .prepare_cached(
                "INSERT INTO incident_events (event, incident) VALUES (?1, ?2) \
                 ON CONFLICT (event) DO UPDATE SET incident = excluded.incident",
            )
            .map_err(err)?;
        for (event, anchor) in &replay.moves {
            link.execute(params![event, anchor]).map_err(err)?;
            memo.incident.insert(*event, Some(*anchor));
        }
    }
    memo.dirty.extend(replay.dirty);
    Ok(())
}

/// Whether members make a candidate incident for `y`: at least one, all
/// compatible with it.
fn candidate_for<'a>(mut members: impl Iterator<Item = &'a Arc<Ev>>, y: &Ev) -> bool {
    let mut any = false;
    members.all(|m| {
        any = true;
        cluster::compatible(m, y)
    }) && any
}

/// An event waiting in a [`Replay`] to be re-decided.
struct Pending {
    ev: Arc<Ev>,
    /// Its stored incident.
    stored: Option<i64>,
    /// Re-decided in any case: the new event, or a later member of a
    /// touched incident.
    always: bool,
    /// The touched incidents whose anchor event it is compatible with.
    via: Vec<i64>,
}

/// Stored events near one event, with their stored incident.
type Near = Arc<Vec<(Arc<Ev>, Option<i64>)>>;

/// The state of one replay of [`place`]. The database does not change
/// while it runs (the moves are written at its end), so the stored members
/// of an incident and the events near one are looked up once.
#[derive(Default)]
struct Replay {
    /// Events to re-decide, in canonical order.
    pending: BTreeMap<Key, Pending>,
    /// Re-decided events: event -> anchor.
    decided: IdMap<i64>,
    /// Re-decided events by the incident they joined.
    replayed: IdMap<Vec<Arc<Ev>>>,
    /// Stored members of the incidents looked at.
    stored: IdMap<Arc<Vec<Arc<Ev>>>>,
    /// [`window`] of the events looked at, by event id.
    near: IdMap<Near>,
    /// Re-decided events whose incident changed.
    moves: Vec<(i64, i64)>,
    /// Touched incidents.
    dirty: BTreeSet<i64>,
}

impl Replay {
    fn stored_members(
        &mut self,
        tx: &Transaction<'_>,
        memo: &mut Memo,
        anchor: i64,
    ) -> rusqlite::Result<Arc<Vec<Arc<Ev>>>> {
        if let Some(m) = self.stored.get(&anchor) {
            return Ok(m.clone());
        }
        let m = Arc::new(members_all(tx, memo, anchor)?);
        self.stored.insert(anchor, m.clone());
        Ok(m)
    }

    fn window(&mut self, tx: &Transaction<'_>, memo: &mut Memo, x: &Ev) -> rusqlite::Result<Near> {
        if let Some(w) = self.near.get(&x.id) {
            return Ok(w.clone());
        }
        let w = Arc::new(window(tx, memo, x)?);
        self.near.insert(x.id, w.clone());
        Ok(w)
    }

    /// Queues the events after `cursor` compatible with `m`, the anchor
    /// event of the touched incident `via` (`near` is [`window`] of `m`),
    /// that have not been re-decided.
    fn queue_compatible(&mut self, m: &Ev, near: &[(Arc<Ev>, Option<i64>)], cursor: &Key, via: i64) {
        for (y, stored) in near {
            if &y.key > cursor && !self.decided.contains_key(&y.id) && cluster::compatible(m, y) {
                self.pending
                    .entry(y.key.clone())
                    .or_insert_with(|| Pending {
                        ev: y.clone(),
                        stored: *stored,
                        always: false,
                        via: Vec::new(),
                    })
                    .via
                    .push(via);
            }
        }
    }

    /// Whether one of the touched incidents `via` is a candidate for `y`
    /// at its turn, in the stored pass or in this one: it has members
    /// before `y`, all compatible with `y`. When none is, `y` decides as it
    /// did (the other incidents near it are as they were).
    fn may_change(
        &mut self,
        tx: &Transaction<'_>,
        memo: &mut Memo,
        y: &Ev,
        via: &[i64],
    ) -> rusqlite::Result<bool> {
        for &a in via {
            let stored = self.stored_members(tx, memo, a)?;
            let before = stored.iter().filter(|m| m.key < y.key);
            let now = before
                .clone()
                .filter(|m| !self.decided.contains_key(&m.id))
                .chain(self.replayed.get(&a).into_iter().flatten());
            if candidate_for(before, y) || candidate_for(now, y) {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Stored mergeable events of x's type whose dates are within a day of x's,
/// with their stored incident; narrowed in SQL to those that can match x's
/// place (same country or none; for two places finer than a first-level
/// region, a box around x as large as the largest distance that can match).
/// The exact test is [`cluster::compatible`].
///
/// With a country, x's look-up is four range scans of the `events_near`
/// index (narrow and wide dates, x's country and no country), whose columns
/// hold everything the place and date tests read: its cost depends on how
/// many events of x's type and country fall within its dates, not on the
/// size of the database, and it reads no event row (the events and their
/// incidents come from [`Memo`], which reads each once). Without a place,
/// the countries are those of x's actors. Only a place without a country,
/// which may match any, walks the `events_window` index over the dates.
fn window(tx: &Transaction<'_>, memo: &mut Memo, x: &Ev) -> rusqlite::Result<Vec<(Arc<Ev>, Option<i64>)>> {
    // The countries whose events can match x, each walked in the index,
    // and the events without a country. A place-less x matches only events
    // placed in one of its actors' countries (or without a place and
    // sharing one); an x placed without a country may match anywhere.
    let countries: BTreeSet<&str> = match &x.loc {
        Some(l) => match &l.country {
            Some(c) => [c.as_str()].into(),
            None => BTreeSet::new(),
        },
        None => x
            .source
            .iter()
            .chain(&x.target)
            .filter_map(|a| a.country.as_deref())
            .collect(),
    };
    let anywhere = x.loc.as_ref().is_some_and(|l| l.country.is_none());
    // The box, in degrees, with a margin; none near the poles or across the
    // antimeridian, where degrees of longitude stop being a fair measure.
    let (mut boxed, mut b) = (false, [0.0f64; 4]);
    if let Some(l) = x.loc.as_ref().filter(|l| l.rank <= 3 && l.lat.abs() < 80.0) {
        let dlat = cluster::ADMIN2_KM / 111.0 * 1.1;
        let dlon = dlat / l.lat.to_radians().cos();
        if l.lon - dlon > -180.0 && l.lon + dlon < 180.0 {
            boxed = true;
            b = [l.lat - dlat, l.lat + dlat, l.lon - dlon, l.lon + dlon];
        }
    }
    let mut ids = Vec::new();
    let mut look_up = |scope: Scope, country: Option<&str>| -> rusqlite::Result<()> {
        let mut stmt = tx.prepare_cached(window_sql(scope))?;
        let rows = stmt.query_map(
            params![
                x.plover,
                x.key.start - 1 - cluster::NARROW_SPAN_DAYS,
                x.key.start - 1 - cluster::MAX_SPAN_DAYS,
                x.key.end + 1,
                x.key.start - 1,
                country,
                boxed,
                b[0],
                b[1],
                b[2],
                b[3],
            ],
            |r| r.get::<_, i64>(0),
        )?;
        for id in rows {
            ids.push(id?);
        }
        Ok(())
    };
    if anywhere {
        look_up(Scope::Anywhere, None)?;
    } else {
        for c in countries {
            look_up(Scope::Country, Some(c))?;
        }
        look_up(Scope::NoCountry, None)?;
    }
    ids.into_iter()
        .map(|id| Ok((memo.ev(tx, id)?, memo.incident(tx, id)?)))
        .collect()
}

/// Which stored events one look-up of [`window`] walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Those placed in the country `?6` (`events_near`).
    Country,
    /// Those without a country (`events_near`).
    NoCountry,
    /// All (`events_window`).
    Anywhere,
}

/// The SQL of one of [`window`]'s look-ups, made once. Every form takes
/// the same parameters.
fn window_sql(scope: Scope) -> &'static str {
    static SQL: [std::sync::OnceLock<String>; 3] = [const { std::sync::OnceLock::new() }; 3];
    SQL[scope as usize].get_or_init(|| {
        let filter = "AND e.day_end >= ?5 \
         AND (?7 = 0 OR e.place_lat IS NULL OR e.place_rank > 3 \
              OR (e.place_lat BETWEEN ?8 AND ?9 AND e.place_lon BETWEEN ?10 AND ?11))";
        let country = match scope {
            Scope::Country => "AND e.place_country = ?6",
            Scope::NoCountry => "AND e.place_country IS NULL AND ?6 IS NULL",
            Scope::Anywhere => "AND ?6 IS NULL",
        };
        let arm = |wide: u8| {
            // Narrow events start at most a day before x's start minus their
            // span; wide ones up to the longest mergeable span before it.
            let first = if wide == 0 { "?2" } else { "?3" };
            format!(
                "SELECT e.id FROM events e WHERE e.clustered = 2 AND e.plover = ?1 \
             AND e.wide = {wide} {country} AND e.day_start BETWEEN {first} AND ?4 {filter}"
            )
        };
        format!("{} UNION ALL {}", arm(0), arm(1))
    })
}

/// Every stored member of an incident.
fn members_all(tx: &Transaction<'_>, memo: &mut Memo, anchor: i64) -> rusqlite::Result<Vec<Arc<Ev>>> {
    let ids = tx
        .prepare_cached("SELECT event FROM incident_events WHERE incident = ?1")?
        .query_map([anchor], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    ids.into_iter().map(|id| memo.ev(tx, id)).collect()
}

/// The outlet of an article: its source, else its URL's host, else its id.
fn outlet(source: Option<String>, url: Option<&str>, article_id: &str) -> String {
    if let Some(s) = source.filter(|s| !s.trim().is_empty()) {
        return s.trim().to_string();
    }
    if let Some(url) = url {
        let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host.rsplit('@').next().unwrap_or(host);
        let host = host.split(':').next().unwrap_or(host);
        let host = host.strip_prefix("www.").unwrap_or(host);
        if !host.is_empty() {
            return host.to_ascii_lowercase();
        }
    }
    format!("article {article_id}")
}

/// The reports of an incident.
fn reports(conn: &Connection, path: &Path, anchor: i64) -> Result<Vec<Report>> {
    let err = |e| StoreError::sqlite(path, e);
    let mut stmt = conn
        .prepare_cached(
            "SELECT e.id, e.day_start, e.day_end, e.place_rank, e.order_key, e.record, \
             a.article_id, a.published, a.source, a.url \
             FROM incident_events ie JOIN events e ON e.id = ie.event \
             JOIN articles a ON a.id = e.article WHERE ie.incident = ?1",
        )
        .map_err(err)?;
    let mut rows = stmt.query([anchor]).map_err(err)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(err)? {
        let id: i64 = r.get(0).map_err(err)?;
        let record: String = r.get(5).map_err(err)?;
        let event: Event = serde_json::from_str(&record).map_err(|e| StoreError::Corrupt {
            path: path.to_path_buf(),
            event: id,
            why: e.to_string(),
        })?;
        let article_id: String = r.get(6).map_err(err)?;
        let published: Option<String> = r.get(7).map_err(err)?;
        let url: Option<String> = r.get(9).map_err(err)?;
        out.push(Report {
            id,
            key: Key {
                start: r.get::<_, Option<i32>>(1).map_err(err)?.unwrap_or(i32::MAX),
                end: r.get::<_, Option<i32>>(2).map_err(err)?.unwrap_or(i32::MAX),
                rank: r.get(3).map_err(err)?,
                tie: r.get(4).map_err(err)?,
            },
            event,
            outlet: outlet(r.get(8).map_err(err)?, url.as_deref(), &article_id),
            article_id,
            published: published
                .as_deref()
                .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()),
        });
    }
    Ok(out)
}

/// The columns of an incident row after its id, in the order
/// [`refresh_incident`] binds them (`?2` onwards).
const INCIDENT_COLS: [&str; 31] = [
    "plover",
    "cameo",
    "acled_event_type",
    "acled_sub_event_type",
    "date_start",
    "date_end",
    "date_precision",
    "day_start",
    "day_end",
    "place_name",
    "place_country",
    "place_admin1",
    "lat",
    "lon",
    "place_feature",
    "place_geonames_id",
    "fatalities",
    "fatalities_qualifier",
    "civilians",
    "fatalities_event",
    "actors",
    "n_sources",
    "n_reports",
    "n_articles",
    "sources",
    "first_published",
    "last_published",
    "notes",
    "updated_at",
    "actor_names",
    "actor_countries",
];

/// Writes an incident row in place: an existing row is updated (only the
/// index entries of changed columns are rewritten), where `INSERT OR
/// REPLACE` would delete it, with its seven index entries and the check of
/// the events pointing at it, and insert it again.
fn incident_upsert_sql() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        let values: Vec<String> = (1..=INCIDENT_COLS.len() + 1).map(|i| format!("?{i}")).collect();
        let set: Vec<String> = INCIDENT_COLS
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        format!(
            "INSERT INTO incidents (id, {}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {}",
            INCIDENT_COLS.join(", "),
            values.join(", "),
            set.join(", ")
        )
    })
}

/// Recomputes an incident's row from its members; deletes it when it has none.
fn refresh_incident(conn: &Connection, path: &Path, anchor: i64, now: i64) -> Result<()> {
    let err = |e| StoreError::sqlite(path, e);
    let reports = reports(conn, path, anchor)?;
    if reports.is_empty() {
        conn.prepare_cached("DELETE FROM incidents WHERE id = ?1")
            .and_then(|mut s| s.execute([anchor]))
            .map_err(err)?;
        return Ok(());
    }
    let s: Summary = summarize(&reports);
    let mut names = String::new();
    let mut codes = BTreeSet::new();
    for a in [&s.actors.actor1, &s.actors.actor2]
        .into_iter()
        .flatten()
        .chain(&s.actors.assoc_actor_1)
        .chain(&s.actors.assoc_actor_2)
    {
        names.push_str(&a.name);
        names.push('\n');
        codes.extend(a.country.as_deref());
    }
    let countries = format!(",{},", codes.into_iter().collect::<Vec<_>>().join(","));
    use chrono::Datelike;
    let place = s.place.as_ref();
    conn.prepare_cached(incident_upsert_sql())
        .and_then(|mut stmt| {
            stmt.execute(params![
                anchor,
                s.plover,
                s.cameo,
                s.acled.as_ref().map(|a| &a.0),
                s.acled.as_ref().map(|a| &a.1),
                date_str(s.date_start),
                date_str(s.date_end),
                precision_str(s.precision),
                s.date_start.map(|d| d.num_days_from_ce()),
                s.date_end.map(|d| d.num_days_from_ce()),
                place.map(|p| &p.name),
                place.and_then(|p| p.country.as_ref()),
                place.and_then(|p| p.admin1.as_ref()),
                place.map(|p| p.lat),
                place.map(|p| p.lon),
                place.map(|p| feature_str(p.feature)),
                place.and_then(|p| p.geonames_id),
                s.fatalities.map(|n| n as i64),
                s.fatalities_qualifier.map(qualifier_str),
                s.civilians.map(|n| n as i64),
                s.fatalities_event,
                json(&s.actors),
                s.sources.len() as i64,
                s.n_reports as i64,
                s.n_articles as i64,
                json(&s.sources),
                date_str(s.first_published),
                date_str(s.last_published),
                s.notes,
                now,
                names,
                countries,
            ])
        })
        .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests;
