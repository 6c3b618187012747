//! The store stage: keeps articles and their events, merges reports of one
//! real-world act into incidents, and answers queries and exports.
//!
//! Planned entry point (issue #7): `Store::open(path)` opens or creates an
//! embedded SQLite database with a versioned schema; `Store::ingest(record)`
//! adds one [`ArticleEvents`] record idempotently (same id or same content
//! hash changes nothing) and merges its events into incidents; queries and
//! exports (ACLED-compatible CSV, GeoJSON, JSONL) read from it.
//!
//! Until issue #7 lands this crate only defines the incident key the merge will
//! use, so that the contract between the event stage and the store is visible.

use vigie_model::{ArticleEvents, PloverType};

/// What two events must share to be reports of the same act: used to bucket
/// candidates before the finer comparison of dates, places and actors.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MergeKey {
    pub plover: PloverType,
    pub country: Option<String>,
}

/// The merge keys of a record's events, in event order.
pub fn merge_keys(record: &ArticleEvents) -> Vec<MergeKey> {
    record
        .events
        .iter()
        .map(|e| MergeKey {
            plover: e.plover.kind,
            country: e.location.as_ref().and_then(|p| p.country.clone()),
        })
        .collect()
}
