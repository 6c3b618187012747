//! A pool of read-only SQLite connections for the async server.
//!
//! A `rusqlite::Connection` may move between threads but not be shared
//! (`!Sync`), and its queries block: each request takes a connection out of
//! the pool, runs its query on one of tokio's blocking threads, and puts it
//! back. A semaphore with one permit per connection makes requests wait
//! their turn instead of opening connections without bound. A query that
//! runs longer than the pool's time limit is interrupted (SQLite's
//! `sqlite3_interrupt`), so one costly filter cannot hold a connection.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;
use vigie_store::{Store, StoreError};

/// Read-only connections to one database.
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
    limit: Duration,
}

/// Why a pooled call did not return the closure's result.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The query's thread panicked or was cancelled (a bug, reported as 500).
    #[error("the query did not complete: {0}")]
    Join(String),
    /// The query ran longer than the limit and was interrupted.
    #[error("the query took longer than {0:?} and was stopped: narrow the filters")]
    TooLong(Duration),
}

impl Pool {
    /// Opens `size` (at least 1) read-only connections; fails as
    /// [`Store::open_read_only`] does (missing file, not a Vigie database,
    /// schema too new or needing an upgrade). Queries longer than `limit`
    /// are interrupted.
    pub fn open(path: &Path, size: usize, limit: Duration) -> Result<Pool, StoreError> {
        let size = size.max(1);
        let idle = (0..size)
            .map(|_| Store::open_read_only(path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Pool {
            path: path.to_path_buf(),
            idle: Mutex::new(idle),
            permits: Arc::new(Semaphore::new(size)),
            limit,
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
        let interrupt = store.connection().get_interrupt_handle();
        let mut task = tokio::task::spawn_blocking(move || {
            let r = f(&store);
            (store, r)
        });
        let mut interrupted = false;
        let joined = match tokio::time::timeout(self.limit, &mut task).await {
            Ok(joined) => joined,
            Err(_) => {
                // Stop the statement under way; the thread then returns
                // the connection with SQLite's "interrupted" error.
                interrupted = true;
                interrupt.interrupt();
                task.await
            }
        };
        let (store, result) = joined.map_err(|e| PoolError::Join(e.to_string()))?;
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(store);
        match result {
            Err(StoreError::Sqlite { source, .. }) if interrupted && is_interrupt(&source) => {
                Err(PoolError::TooLong(self.limit))
            }
            other => Ok(other?),
        }
    }
}

fn is_interrupt(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::OperationInterrupted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_over_the_limit_is_stopped_and_the_connection_kept() {
        let dir = std::env::temp_dir().join(format!("vigie-serve-pool-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("pool.db");
        drop(Store::open(&path).unwrap());
        let pool = Pool::open(&path, 1, Duration::from_millis(200)).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let sqlite = |e| StoreError::Sqlite {
            path: PathBuf::from("pool.db"),
            source: e,
        };
        rt.block_on(async {
            // Counting to ten billion takes minutes.
            let slow = pool
                .run(move |s| {
                    s.connection()
                        .query_row(
                            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 10000000000) \
                             SELECT count(*) FROM c",
                            [],
                            |r| r.get::<_, i64>(0),
                        )
                        .map_err(sqlite)
                })
                .await;
            assert!(matches!(slow, Err(PoolError::TooLong(_))), "{slow:?}");
            // The same (only) connection answers the next query.
            let n = pool
                .run(move |s| s.connection().query_row("SELECT 41 + 1", [], |r| r.get::<_, i64>(0)).map_err(sqlite))
                .await
                .unwrap();
            assert_eq!(n, 42);
        });
        let _ = std::fs::remove_dir_all(dir);
    }
}
