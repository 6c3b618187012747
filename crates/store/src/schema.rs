//! The database file: recognising a Vigie database, the versioned schema and
//! its migrations.
//!
//! A Vigie database is a SQLite file with a `meta` table holding
//! `application = vigie` and `schema_version = N`; the version is also kept in
//! `PRAGMA user_version` and the file carries Vigie's `application_id`, so that
//! `file` and `sqlite3` show what it is. Opening checks the file before any
//! write: a file that is not SQLite, a SQLite database of another program, or
//! a Vigie database of a newer schema is refused and left byte-for-byte
//! untouched. Migrations are ordered SQL steps; step `i` brings a database from
//! version `i` to `i + 1`, all in one transaction.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::StoreError;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest schema version this build reads without upgrading: the steps
/// after it only add indexes that writing needs, so read-only commands
/// (queries, exports, the HTTP API) work on it as it is.
pub const READABLE_FROM: u32 = 1;

/// `PRAGMA application_id` of a Vigie database ("VIGI" in ASCII).
pub const APPLICATION_ID: i32 = 0x5649_4749;

/// The 16 bytes every SQLite 3 database file starts with.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Migration steps: `MIGRATIONS[i]` upgrades version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2];

/// Version 1: articles, events with every field of the contract, their actors,
/// full-text index over evidence, incidents and the event-incident links.
const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    article_id   TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    lang         TEXT NOT NULL,
    published    TEXT,
    source       TEXT,
    url          TEXT,
    title        TEXT,
    text         TEXT NOT NULL,
    warnings     TEXT NOT NULL,            -- JSON array of strings
    n_events     INTEGER NOT NULL,
    ingested_at  INTEGER NOT NULL          -- Unix seconds
);

CREATE TABLE events (
    id                   INTEGER PRIMARY KEY,
    article              INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal              INTEGER NOT NULL,  -- position in the article's record
    event_id             TEXT NOT NULL,
    plover               TEXT NOT NULL,
    plover_mode          TEXT,
    plover_context       TEXT NOT NULL,     -- JSON array
    cameo                TEXT NOT NULL,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    date_text            TEXT,
    date_start           TEXT,
    date_end             TEXT,
    date_precision       TEXT NOT NULL,
    place_text           TEXT,
    place_name           TEXT,
    place_country        TEXT,
    place_admin1         TEXT,
    place_lat            REAL,
    place_lon            REAL,
    place_feature        TEXT,
    place_geonames_id    INTEGER,
    fatalities_total     INTEGER,
    fatalities_civilians INTEGER,
    fatalities_qualifier TEXT,
    fatalities_text      TEXT,
    attribution_text     TEXT,
    attribution_speaker  TEXT,              -- JSON actor
    negated              INTEGER NOT NULL,
    hypothetical         INTEGER NOT NULL,
    historical           INTEGER NOT NULL,
    evidence_sentence    INTEGER NOT NULL,
    evidence_start       INTEGER NOT NULL,
    evidence_end         INTEGER NOT NULL,
    evidence_text        TEXT NOT NULL,
    confidence           REAL NOT NULL,
    record               TEXT NOT NULL,     -- the event's JSON, verbatim
    -- clustering keys (see cluster.rs)
    clustered            INTEGER NOT NULL,  -- 0 none, 1 own incident, 2 mergeable
    day_start            INTEGER,           -- days since 0001-01-01
    day_end              INTEGER,
    wide                 INTEGER NOT NULL,  -- date range longer than two days
    place_rank           INTEGER NOT NULL,
    actor_keys           TEXT NOT NULL,
    order_key            TEXT NOT NULL,     -- event id, article hash, ordinal
    UNIQUE (article, ordinal)
);
CREATE INDEX events_event_id ON events(event_id);
CREATE INDEX events_order ON events(plover, day_start, day_end, place_rank, order_key)
    WHERE clustered = 2;
CREATE INDEX events_window ON events(plover, wide, day_start) WHERE clustered = 2;
CREATE INDEX events_day ON events(day_start);

CREATE TABLE event_actors (
    event    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    side     TEXT NOT NULL CHECK (side IN ('source', 'target')),
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    name     TEXT NOT NULL,
    country  TEXT,
    sector   TEXT,
    role     TEXT,
    igo      TEXT,
    PRIMARY KEY (event, side, position)
) WITHOUT ROWID;
CREATE INDEX event_actors_name ON event_actors(name COLLATE NOCASE);
CREATE INDEX event_actors_country ON event_actors(country);

CREATE VIRTUAL TABLE evidence_fts USING fts5(
    evidence_text,
    content = 'events',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE incidents (
    id                   INTEGER PRIMARY KEY,  -- the id of its anchor event
    plover               TEXT NOT NULL,
    cameo                TEXT NOT NULL,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    date_start           TEXT,
    date_end             TEXT,
    date_precision       TEXT NOT NULL,
    day_start            INTEGER,
    day_end              INTEGER,
    place_name           TEXT,
    place_country        TEXT,
    place_admin1         TEXT,
    lat                  REAL,
    lon                  REAL,
    place_feature        TEXT,
    place_geonames_id    INTEGER,
    fatalities           INTEGER,
    fatalities_qualifier TEXT,
    civilians            INTEGER,
    fatalities_event     INTEGER,
    actors               TEXT NOT NULL,        -- JSON IncidentActors
    actor_names          TEXT NOT NULL,        -- every actor name, one a line
    actor_countries      TEXT NOT NULL,        -- ',RUS,UKR,
    n_sources            INTEGER NOT NULL,
    n_reports            INTEGER NOT NULL,
    n_articles           INTEGER NOT NULL,
    sources              TEXT NOT NULL,        -- JSON array of outlet names
    first_published      TEXT,
    last_published       TEXT,
    notes                TEXT NOT NULL,
    updated_at           INTEGER NOT NULL
);
-- Filters with the date order of results: the planner can walk a
-- (filter, day) index and stop at the limit.
CREATE INDEX incidents_day ON incidents(day_start);
CREATE INDEX incidents_country ON incidents(place_country, day_start);
CREATE INDEX incidents_plover ON incidents(plover, day_start);
CREATE INDEX incidents_acled ON incidents(acled_event_type, day_start);
CREATE INDEX incidents_acled_sub ON incidents(acled_sub_event_type, day_start);
CREATE INDEX incidents_fatalities ON incidents(fatalities);
CREATE INDEX incidents_lat ON incidents(lat);

CREATE TABLE incident_events (
    event    INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    -- Deferred: an event is linked to its new incident before the
    -- incident's row is (re)computed, in the same transaction.
    incident INTEGER NOT NULL REFERENCES incidents(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX incident_events_incident ON incident_events(incident);
"#;

/// Version 2: the index incident merging looks candidates up in. The
/// version 1 index (`events_window`: type, date width, first day) made every
/// look-up read each stored event of the type within the dates, wherever it
/// was, and fetch its row to test the place: a cost that grew with the
/// database. This one leads with the place's country and carries the
/// columns the place and date tests read, so a look-up walks only the
/// events of x's type and country (or of no country) within the dates and
/// fetches the rows of those near x. `events_window` stays for events
/// without a country, which may match anywhere.
const V2: &str = r#"
CREATE INDEX events_near ON events(plover, wide, place_country, day_start, day_end,
    place_rank, place_lat, place_lon) WHERE clustered = 2;
"#;

/// What an existing file is.
#[derive(Debug, PartialEq, Eq)]
pub enum FileState {
    /// No file, or an empty one: a new database will be created.
    New,
    /// A Vigie database of this schema version or an older one.
    Vigie { version: u32 },
}

/// Checks a database file without writing to it.
pub fn inspect(path: &Path) -> Result<FileState, StoreError> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::New),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| StoreError::io(path, e))?;
    if meta.is_dir() {
        return Err(StoreError::NotVigie {
            path: path.to_path_buf(),
            why: "it is a directory".into(),
        });
    }
    if meta.len() == 0 {
        return Ok(FileState::New);
    }
    let mut header = [0u8; 16];
    let n = read_up_to(&mut file, &mut header).map_err(|e| StoreError::io(path, e))?;
    if n < 16 || &header != SQLITE_HEADER {
        return Err(StoreError::NotVigie {
            path: path.to_path_buf(),
            why: "it is not a SQLite database".into(),
        });
    }
    drop(file);
    // Read-only, and without creating a -wal file: only reading happens here.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::sqlite(path, e))?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'view')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| not_readable(path, e))?;
    if tables == 0 {
        return Ok(FileState::New);
    }
    let has_meta: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0)
        .map_err(|e| not_readable(path, e))?;
    let app = if has_meta {
        conn.query_row("SELECT value FROM meta WHERE key = 'application'", [], |r| {
            r.get::<_, String>(0)
        })
        .optional()
        .map_err(|e| not_readable(path, e))?
    } else {
        None
    };
    if app.as_deref() != Some("vigie") {
        return Err(StoreError::NotVigie {
            path: path.to_path_buf(),
            why: format!(
                "it is a SQLite database of another program ({tables} table(s), no Vigie meta table)"
            ),
        });
    }
    let version: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'schema_version'", [], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|e| not_readable(path, e))?;
    let version = version
        .as_deref()
        .and_then(|v| v.parse::<u32>().ok())
        .ok_or_else(|| StoreError::NotVigie {
            path: path.to_path_buf(),
            why: "its meta table has no valid schema_version".into(),
        })?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(FileState::Vigie { version })
}

fn not_readable(path: &Path, e: rusqlite::Error) -> StoreError {
    StoreError::NotVigie {
        path: path.to_path_buf(),
        why: format!("it cannot be read as a database ({e})"),
    }
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Brings a database from `from` to the last version of `steps`, in one
/// transaction; a new database (`from == 0`) also gets its meta rows.
pub fn migrate(conn: &mut Connection, from: u32, steps: &[&str]) -> rusqlite::Result<()> {
    let to = steps.len() as u32;
    if from >= to {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for step in &steps[from as usize..] {
        tx.execute_batch(step)?;
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('application', 'vigie')",
        [],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?1)",
        [to.to_string()],
    )?;
    tx.pragma_update(None, "user_version", to)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("vigie-schema-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        let _ = std::fs::remove_file(&p);
        p
    }

    #[test]
    fn bundled_sqlite_has_fts5() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(x)")
            .unwrap();
    }

    #[test]
    fn migrations_run_in_order_and_record_the_version() {
        let path = tmp("steps.db");
        let steps = [
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE a (x);",
            "ALTER TABLE a ADD COLUMN y;",
        ];
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, 0, &steps[..1]).unwrap();
        drop(conn);
        assert_eq!(inspect(&path).unwrap(), FileState::Vigie { version: 1 });
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, 1, &steps).unwrap();
        conn.execute("INSERT INTO a (x, y) VALUES (1, 2)", []).unwrap();
        let v: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 2);
    }

    #[test]
    fn a_failing_step_leaves_the_old_version() {
        let path = tmp("failing.db");
        let mut conn = Connection::open(&path).unwrap();
        migrate(
            &mut conn,
            0,
            &["CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"],
        )
        .unwrap();
        let err = migrate(&mut conn, 1, &["", "CREATE TABLE b (x); CREATE TABLE b (x);"]);
        assert!(err.is_err());
        let has_b: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'b'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(has_b, 0);
        drop(conn);
        assert_eq!(inspect(&path).unwrap(), FileState::Vigie { version: 1 });
    }
}
