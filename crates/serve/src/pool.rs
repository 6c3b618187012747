//! A pool of read-only SQLite connections for the async server.
//!
//! A `rusqlite::Connection` may move between threads but not be shared
//! (`!Sync`), and its queries block: each request takes a connection out of
//! the pool, runs its query on one of tokio's blocking threads, and puts it
//! back. A semaphore with one permit per connection makes requests wait
//! their turn instead of opening connections without bound.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tokio::sync::Semaphore;
use vigie_store::{Store, StoreError};

/// Read-only connections to one database.
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
}

/// Why a pooled call did not return the closure's result.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The query's thread panicked or was cancelled (a bug, reported as 500).
    #[error("the query did not complete: {0}")]
    Join(String),
}

impl Pool {
    /// Opens `size` (at least 1) read-only connections; fails as
    /// [`Store::open_read_only`] does (missing file, not a Vigie database,
    /// schema too new or needing an upgrade).
    pub fn open(path: &Path, size: usize) -> Result<Pool, StoreError> {
        let size = size.max(1);
        let idle = (0..size)
            .map(|_| Store::open_read_only(path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Pool {
            path: path.to_path_buf(),
            idle: Mutex::new(idle),
            permits: Arc::new(Semaphore::new(size)),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with a connection on a blocking thread.
    pub async fn run<T, F>(&self, f: F) -> Result<T, PoolError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| PoolError::Join(e.to_string()))?;
        let taken = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let store = match taken {
            Some(s) => s,
            // A connection lost with a panicking query is replaced.
            None => Store::open_read_only(&self.path)?,
        };
        let (store, result) = tokio::task::spawn_blocking(move || {
            let r = f(&store);
            (store, r)
        })
        .await
        .map_err(|e| PoolError::Join(e.to_string()))?;
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(store);
        Ok(result?)
    }
}
