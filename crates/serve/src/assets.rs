//! The dashboard's files, embedded in the binary (so `cargo build` needs no
//! Node.js and `vigie serve` no files beside it), served with their type, an
//! `ETag` (a hash of the content) and `Cache-Control: no-cache`, so a browser
//! revalidates and gets a 304 while the binary is the same.
//!
//! Sources are under `crates/serve/assets/`: the page, its script and style
//! written for Vigie, and third-party files under `vendor/` (Leaflet, and the
//! Natural Earth country outlines of world-atlas converted to GeoJSON) made
//! by `web/vendor.mjs`, with their licences.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::params::ApiError;

/// An embedded file: path under `/assets/` (`index.html` is `/`), media
/// type, content.
pub struct Asset {
    pub path: &'static str,
    pub media_type: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! asset {
    ($path:literal, $type:literal) => {
        Asset {
            path: $path,
            media_type: $type,
            bytes: include_bytes!(concat!("../assets/", $path)),
        }
    };
}

/// Every embedded file.
pub const ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("app.js", "text/javascript; charset=utf-8"),
    asset!("style.css", "text/css; charset=utf-8"),
    asset!("vendor/leaflet/leaflet.js", "text/javascript; charset=utf-8"),
    asset!("vendor/leaflet/leaflet.css", "text/css; charset=utf-8"),
    asset!("vendor/leaflet/LICENSE", "text/plain; charset=utf-8"),
    asset!("vendor/countries-110m.geojson", "application/geo+json"),
    asset!("vendor/countries-110m.LICENSE", "text/plain; charset=utf-8"),
];

/// The asset at `path`, if any.
pub fn get(path: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.path == path)
}

/// The response for `path`: the file, a 304 when the client has it, or a
/// JSON 404.
pub fn respond(path: &str, headers: &HeaderMap) -> Response {
    let Some(asset) = get(path) else {
        return ApiError::status(StatusCode::NOT_FOUND, format!("no such file: /assets/{path}"))
            .into_response();
    };
    let etag = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(asset.bytes));
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut r = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, asset.bytes).into_response()
    };
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.media_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if asset.path == "index.html" {
        // Everything the page loads comes from this server; data is drawn
        // with DOM text nodes, and no inline script runs.
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
            ),
        );
    }
    r
}
