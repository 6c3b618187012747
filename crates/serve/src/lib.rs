//! The serve stage: an HTTP API and a dashboard over the store.
//!
//! Planned entry point (issue #8): `serve(config)` binds an address and serves
//! `/api/incidents`, `/api/incidents/{id}`, `/api/stats`, `/api/extract`,
//! `/openapi.json`, `/healthz` and the dashboard at `/`, read-only over a
//! store opened by `vigie-store`.
//!
//! Until issue #8 lands this crate only fixes the defaults the command line
//! will share with it.

/// The address `vigie serve` binds when none is given: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// The largest request body `/api/extract` accepts, in bytes.
pub const MAX_BODY_BYTES: usize = 1 << 20;
