//! The serve stage: an HTTP API and a dashboard over the store.
//!
//! [`Server::bind`] opens the database read-only (a missing, foreign or
//! newer file is refused before anything listens), binds the address and
//! [`Server::run`] answers until the process ends:
//!
//! - `GET /api/incidents`: incidents matching the filters of `vigie events`
//!   (the same parsers, [`vigie_store::query::parse`]), a page at a time
//!   (`limit` ≤ 1000, an opaque `cursor` for the next page), as JSON,
//!   GeoJSON or CSV;
//! - `GET /api/incidents/{id}`: one incident, its reports and every
//!   supporting event with its article and the source sentence marked up
//!   (trigger, actors, place, date, numbers);
//! - `GET /api/stats`: counts and deaths by day, type, ACLED type, country;
//! - `POST /api/extract`: a text in, its article-events record out (no
//!   database involved), bodies over [`MAX_BODY_BYTES`] refused with 413;
//! - `GET /openapi.json` (the OpenAPI 3 description, written by hand in
//!   `openapi.json` beside this crate's manifest), `GET /healthz`;
//! - the dashboard at `/`, from files embedded in the binary ([`assets`]).
//!
//! Bad input never gives a 500: a bad parameter is a 400 whose JSON body
//! names it (`{"error": "...", "parameter": "..."}`), an unknown incident a
//! 404. Queries go through the store's parameterised SQL. SQLite
//! connections are not `Sync`: a small pool of read-only connections is
//! used from tokio's blocking threads ([`pool`]).

pub mod api;
pub mod assets;
pub mod highlight;
pub mod params;
pub mod pool;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use vigie_store::StoreError;

/// The address `vigie serve` binds when none is given: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// The largest request body `/api/extract` accepts, in bytes.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The OpenAPI 3 document served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database, opened read-only.
    pub db: PathBuf,
    /// Where to listen; port 0 picks a free port ([`Server::local_addr`]).
    pub addr: SocketAddr,
    /// Read-only SQLite connections kept open (queries run at once).
    pub connections: usize,
    /// Extractions run at once by `/api/extract` (each takes a core).
    pub extractions: usize,
    /// Longest a database query may run before it is stopped (503).
    pub query_limit: std::time::Duration,
}

impl Config {
    /// A configuration with the default limits for `db` and `addr`.
    pub fn new(db: impl Into<PathBuf>, addr: SocketAddr) -> Config {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Config {
            db: db.into(),
            addr,
            connections: cores.clamp(2, 8),
            extractions: cores.clamp(1, 4),
            query_limit: std::time::Duration::from_secs(30),
        }
    }
}

/// What can stop the server from starting or running.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database cannot be served.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address cannot be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    /// The runtime or the listener failed.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// A bound server, ready to [`run`](Server::run).
pub struct Server {
    listener: std::net::TcpListener,
    addr: SocketAddr,
    state: Arc<api::State>,
    runtime: tokio::runtime::Runtime,
}

impl Server {
    /// Opens the database and binds the address; nothing is served until
    /// [`Server::run`].
    pub fn bind(config: &Config) -> Result<Server, ServeError> {
        let pool = pool::Pool::open(&config.db, config.connections, config.query_limit)?;
        let listener = std::net::TcpListener::bind(config.addr).map_err(|source| ServeError::Bind {
            addr: config.addr,
            source,
        })?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            // Queries and extractions run on blocking threads, bounded by
            // the pool and the extraction permits; a few more for slack.
            .max_blocking_threads(config.connections + config.extractions + 4)
            .thread_name("vigie-serve")
            .enable_io()
            .enable_time()
            .build()?;
        let state = Arc::new(api::State::new(pool, config.extractions));
        Ok(Server {
            listener,
            addr,
            state,
            runtime,
        })
    }

    /// The bound address (with the port chosen when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until Ctrl-C (SIGINT) or SIGTERM, then returns once the
    /// requests under way are answered; or fails with the listener.
    pub fn run(self) -> Result<(), ServeError> {
        let Server {
            listener,
            state,
            runtime,
            ..
        } = self;
        runtime.block_on(async move {
            // Warm the lexicons in the background: the first extraction
            // would otherwise take their load time.
            tokio::task::spawn_blocking(api::warm_up);
            let listener = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(listener, api::router(state))
                .with_graceful_shutdown(stop_signal())
                .await
        })?;
        Ok(())
    }
}

/// Resolves on Ctrl-C, or SIGTERM on Unix; never if neither can be watched.
async fn stop_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn openapi_describes_every_route_and_only_those() {
        let doc: Value = serde_json::from_str(OPENAPI).expect("openapi.json is JSON");
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let paths = doc["paths"].as_object().unwrap();
        for (method, path) in api::API_PATHS {
            assert!(
                paths.get(*path).and_then(|p| p.get(*method)).is_some(),
                "{method} {path} is not in openapi.json"
            );
        }
        let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
        assert_eq!(
            documented,
            api::API_PATHS.len(),
            "openapi.json has routes the server lacks"
        );
        // The PLOVER types listed are the model's.
        let types: Vec<&str> = doc["components"]["parameters"]["type"]["schema"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let model: Vec<&str> = vigie_model::PloverType::ALL.iter().map(|t| t.as_str()).collect();
        assert_eq!(types, model);
        // Every reference resolves.
        let text = OPENAPI;
        for r in text.split("\"$ref\": \"#/").skip(1) {
            let target = &r[..r.find('"').unwrap()];
            let mut node = &doc;
            for seg in target.split('/') {
                node = &node[seg];
            }
            assert!(!node.is_null(), "dangling $ref #/{target}");
        }
        // The parameters the server reads are documented for the list route.
        let listed: Vec<&str> = doc["paths"]["/api/incidents"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| match p.get("$ref") {
                Some(r) => r.as_str().unwrap().rsplit('/').next().unwrap(),
                None => p["name"].as_str().unwrap(),
            })
            .collect();
        let read: Vec<&str> = params::FILTER_PARAMS
            .iter()
            .chain(params::LIST_PARAMS)
            .copied()
            .collect();
        assert_eq!(listed, read);
    }
}
