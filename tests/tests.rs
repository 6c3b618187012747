//! Vigie's integration tests, in one test binary (one link, one run).
//!
//! - `golden`: whole-pipeline golden files under `tests/data/<lang>/`;
//! - `schema`: every output validates against the article-events contract;
//! - `coding`: sentence-level coding rules (`tests/data/coding/sentences.tsv`);
//! - `cli`: the command line's behaviour on good and bad input;
//! - `sources`: HTML pages, feeds, WARC archives, threads, `vigie watch`.
//! - `store`: ingest, incidents, crash safety, queries and exports.
//! - `serve`: the HTTP API through a real `vigie serve` on 127.0.0.1.

mod cli;
mod coding;
mod events;
mod golden;
mod schema;
mod serve;
mod sources;
mod store;
mod util;
