//! The routes and their handlers.
//!
//! Handlers parse their input first (a 400 naming the parameter when it is
//! wrong), then run the store query on a pooled connection on a blocking
//! thread, then serialise. A store error caused by the request (a malformed
//! full-text expression) is a 400; anything else the database reports is a
//! 500 with its message, never a panic.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, Request, State as AxState};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDate;
use http_body_util::BodyExt;
use serde::Serialize;
use serde_json::{json, Value};
use tokio::sync::Semaphore;
use vigie_extract::{extract, ArticleInput, Options};
use vigie_store::export::{feature, incident_row, INCIDENT_COLUMNS};
use vigie_store::query::{Incident, StoredEvent};
use vigie_store::{After, StoreError};

use crate::highlight;
use crate::params::{list_query, stats_query, ApiError, Cursor, Format};
use crate::pool::{Pool, PoolError};
use crate::{assets, MAX_BODY_BYTES, OPENAPI};

/// What the handlers share.
pub struct State {
    pool: Pool,
    extractions: Semaphore,
}

impl State {
    /// The state over a pool, with `extractions` concurrent extractions.
    pub fn new(pool: Pool, extractions: usize) -> State {
        State {
            pool,
            extractions: Semaphore::new(extractions.max(1)),
        }
    }
}

type Shared = Arc<State>;

/// Every route of the server.
pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/assets/{*path}", get(asset))
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi))
        .route("/api/incidents", get(incidents))
        .route("/api/incidents/{id}", get(incident))
        .route("/api/stats", get(stats))
        .route("/api/extract", post(extract_text))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
}

/// The paths of [`router`], as written in the OpenAPI document.
pub const API_PATHS: &[(&str, &str)] = &[
    ("get", "/api/incidents"),
    ("get", "/api/incidents/{id}"),
    ("get", "/api/stats"),
    ("post", "/api/extract"),
    ("get", "/openapi.json"),
    ("get", "/healthz"),
];

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r
}

fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| {
        ApiError::status(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot serialise: {e}"),
        )
    })
}

impl From<PoolError> for ApiError {
    fn from(e: PoolError) -> ApiError {
        match e {
            PoolError::Store(StoreError::BadFilter { name, why }) => ApiError::bad(name, why),
            e @ PoolError::TooLong(_) => ApiError::status(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
            PoolError::Store(e @ StoreError::Sqlite { .. })
                if e.to_string().contains("database is locked") || e.to_string().contains("busy") =>
            {
                ApiError::status(StatusCode::SERVICE_UNAVAILABLE, e.to_string())
            }
            other => ApiError::status(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::status(StatusCode::NOT_FOUND, format!("no such page: {}", uri.path()))
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    let allow = if uri.path() == "/api/extract" {
        "POST"
    } else {
        "GET, HEAD"
    };
    let mut r = ApiError::status(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {} (use {allow})", uri.path()),
    )
    .into_response();
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    r
}

async fn healthz(AxState(state): AxState<Shared>) -> Result<Response, ApiError> {
    let counts = state.pool.run(|s| s.counts()).await?;
    let body = json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "articles": counts.articles,
        "events": counts.events,
        "incidents": counts.incidents,
    });
    Ok(json_response(StatusCode::OK, to_json(&body)?))
}

async fn openapi() -> Response {
    json_response(StatusCode::OK, OPENAPI.as_bytes().to_vec())
}

async fn index(headers: HeaderMap) -> Response {
    assets::respond("index.html", &headers)
}

async fn asset(Path(path): Path<String>, headers: HeaderMap) -> Response {
    assets::respond(&path, &headers)
}

/// A page of incidents and the cursor of the next, if any.
struct Page {
    incidents: Vec<Incident>,
    next: Option<String>,
}

async fn incidents(AxState(state): AxState<Shared>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let q = list_query(raw.as_deref())?;
    let filter = q.filter.clone();
    let limit = q.limit;
    let page = state
        .pool
        .run(move |s| {
            let mut incidents = s.incidents(&filter, false)?;
            let more = incidents.len() > limit;
            incidents.truncate(limit);
            let next = match incidents.last() {
                Some(last) if more => Some(Cursor::encode(After::incident(last), &filter)),
                _ => None,
            };
            Ok(Page { incidents, next })
        })
        .await?;
    let mut response = match q.format {
        Format::Json => {
            let body = json!({
                "incidents": page.incidents,
                "next_cursor": page.next,
            });
            json_response(StatusCode::OK, to_json(&body)?)
        }
        Format::Geojson => {
            let features: Vec<Value> = page.incidents.iter().filter_map(feature).collect();
            let body = json!({
                "type": "FeatureCollection",
                "features": features,
                "next_cursor": page.next,
            });
            let mut r = json_response(StatusCode::OK, to_json(&body)?);
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/geo+json; charset=utf-8"),
            );
            r
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let csv_err = |e: csv::Error| {
                ApiError::status(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("cannot write CSV: {e}"),
                )
            };
            w.write_record(INCIDENT_COLUMNS).map_err(csv_err)?;
            for i in &page.incidents {
                w.write_record(incident_row(i)).map_err(csv_err)?;
            }
            let body = w
                .into_inner()
                .map_err(|e| ApiError::status(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            let mut r = (StatusCode::OK, body).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            r
        }
    };
    // Every format also gives the next page in a header (CSV has no room
    // for it in the body).
    if let Some(next) = page.next.as_deref().and_then(|n| HeaderValue::from_str(n).ok()) {
        response.headers_mut().insert("x-next-cursor", next);
    }
    Ok(response)
}

/// A supporting event as `/api/incidents/{id}` lists it: the stored event
/// (article metadata, the contract's fields, evidence span) and its source
/// sentence marked up.
#[derive(Serialize)]
struct EventView {
    #[serde(flatten)]
    stored: StoredEvent,
    sentence: Option<highlight::Sentence>,
}

#[derive(Serialize)]
struct IncidentView {
    #[serde(flatten)]
    incident: Incident,
    events: Vec<EventView>,
}

async fn incident(AxState(state): AxState<Shared>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id: i64 = id.trim().parse().ok().filter(|n: &i64| *n > 0).ok_or_else(|| {
        ApiError::bad(
            "id",
            format!("'{id}' is not an incident id (a positive whole number)"),
        )
    })?;
    let view = state
        .pool
        .run(move |s| {
            let Some(incident) = s.incident(id)? else {
                return Ok(None);
            };
            let stored = s.incident_events(id)?;
            let mut texts: HashMap<String, Option<String>> = HashMap::new();
            for e in &stored {
                if !texts.contains_key(&e.article.id) {
                    texts.insert(e.article.id.clone(), s.article_text(&e.article.id)?);
                }
            }
            Ok(Some((incident, stored, texts)))
        })
        .await?;
    let Some((incident, stored, texts)) = view else {
        return Err(ApiError::status(
            StatusCode::NOT_FOUND,
            format!("no incident {id} in this database"),
        ));
    };
    // The sentences are found again by the text stage: CPU work, off the
    // async threads.
    let view = tokio::task::spawn_blocking(move || {
        let mut docs: HashMap<&str, vigie_text::Document<'_>> = HashMap::new();
        let mut events = Vec::with_capacity(stored.len());
        for e in &stored {
            let sentence = texts.get(&e.article.id).and_then(|t| t.as_deref()).and_then(|t| {
                let doc = docs
                    .entry(e.article.id.as_str())
                    .or_insert_with(|| vigie_text::analyze(t, Some(&e.article.lang)));
                highlight::sentence(doc, &e.event)
            });
            events.push(sentence);
        }
        drop(docs);
        let events = stored
            .into_iter()
            .zip(events)
            .map(|(stored, sentence)| EventView { stored, sentence })
            .collect();
        to_json(&IncidentView { incident, events })
    })
    .await
    .map_err(|e| ApiError::status(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    Ok(json_response(StatusCode::OK, view))
}

async fn stats(AxState(state): AxState<Shared>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let filter = stats_query(raw.as_deref())?;
    let stats = state.pool.run(move |s| s.incident_stats(&filter)).await?;
    Ok(json_response(StatusCode::OK, to_json(&stats)?))
}

/// The fields `/api/extract` takes in a JSON body.
const EXTRACT_FIELDS: &[&str] = &[
    "text",
    "published",
    "lang",
    "id",
    "title",
    "source",
    "url",
    "tokens",
];

fn extract_input(body: &[u8]) -> Result<(ArticleInput, Options), ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad("body", format!("the body is not JSON: {e}")))?;
    let Value::Object(map) = value else {
        return Err(ApiError::bad(
            "body",
            "the body must be a JSON object with a 'text' field",
        ));
    };
    if let Some(k) = map.keys().find(|k| !EXTRACT_FIELDS.contains(&k.as_str())) {
        return Err(ApiError::bad(
            k,
            format!("unknown field '{k}' (known: {})", EXTRACT_FIELDS.join(", ")),
        ));
    }
    let string = |k: &str| -> Result<Option<String>, ApiError> {
        match map.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(ApiError::bad(k, format!("'{k}' must be a string"))),
        }
    };
    let text =
        string("text")?.ok_or_else(|| ApiError::bad("text", "the body has no 'text' (the article)"))?;
    let published = string("published")?
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            parse_published(&s).ok_or_else(|| {
                ApiError::bad(
                    "published",
                    format!("'{s}' is not a date (YYYY-MM-DD, or an ISO 8601 date-time)"),
                )
            })
        })
        .transpose()?;
    let lang = string("lang")?
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let l = s.trim().to_ascii_lowercase();
            if (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()) {
                Ok(l)
            } else {
                Err(ApiError::bad(
                    "lang",
                    format!("'{s}' is not a language code (ISO 639-1, e.g. fr, en)"),
                ))
            }
        })
        .transpose()?;
    let tokens = match map.get("tokens") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(ApiError::bad("tokens", "'tokens' must be true or false")),
    };
    let input = ArticleInput {
        id: string("id")?,
        text,
        published,
        lang,
        source: string("source")?,
        url: string("url")?,
        title: string("title")?,
        ..Default::default()
    };
    Ok((input, Options { tokens }))
}

/// A date, or the date of an ISO 8601 date-time.
fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().or_else(|| {
        let (d, rest) = (s.get(..10)?, s.get(10..)?);
        (rest.starts_with('T') || rest.starts_with(' '))
            .then(|| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .flatten()
    })
}

async fn extract_text(AxState(state): AxState<Shared>, request: Request) -> Result<Response, ApiError> {
    let too_large = || {
        ApiError::status(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than the {MAX_BODY_BYTES}-byte limit"),
        )
    };
    let headers = request.headers();
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| l.parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_LIMIT as u64) {
        return Err(too_large());
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    let (plain, unsupported) = match content_type.as_deref() {
        None | Some("application/json") => (false, None),
        Some("text/plain") => (true, None),
        Some(other) => (
            false,
            Some(ApiError {
                status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                error: format!(
                    "content type '{other}' is not accepted: send application/json (or text/plain)"
                ),
                parameter: Some("Content-Type".into()),
            }),
        ),
    };
    let query = request.uri().query().map(str::to_string);
    // The body is read before any answer: a client that writes its whole
    // body before reading (most do) would otherwise see the connection
    // closed under it instead of the error.
    let body = read_body(request.into_body()).await?;
    let Some(body) = body else {
        return Err(too_large());
    };
    if let Some(e) = unsupported {
        return Err(e);
    }
    let (input, options) = if plain {
        plain_input(&body, query.as_deref())?
    } else {
        if query.as_deref().is_some_and(|q| !q.is_empty()) {
            return Err(ApiError::bad(
                "query",
                "with a JSON body, give published and lang in the body, not the query string",
            ));
        }
        extract_input(&body)?
    };
    let _permit = state
        .extractions
        .acquire()
        .await
        .map_err(|e| ApiError::status(StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?;
    let record = tokio::task::spawn_blocking(move || to_json(&extract(&input, &options)))
        .await
        .map_err(|e| ApiError::status(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    Ok(json_response(StatusCode::OK, record))
}

/// Bytes of a refused body still read (and dropped) so that the client
/// gets the 413; past this the connection is closed.
const DRAIN_LIMIT: usize = 8 * MAX_BODY_BYTES;

/// The body, or `None` when it is over [`MAX_BODY_BYTES`] (the rest is
/// read and dropped, up to [`DRAIN_LIMIT`]).
async fn read_body(mut body: axum::body::Body) -> Result<Option<Bytes>, ApiError> {
    let mut buf: Vec<u8> = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ApiError::bad("body", format!("the body could not be read: {e}")))?;
        if let Ok(data) = frame.into_data() {
            total += data.len();
            if total > DRAIN_LIMIT {
                return Ok(None);
            }
            if total <= MAX_BODY_BYTES {
                buf.extend_from_slice(&data);
            }
        }
    }
    Ok((total <= MAX_BODY_BYTES).then(|| Bytes::from(buf)))
}

/// A `text/plain` body: the text itself (UTF-8), `published` and `lang` in
/// the query string.
fn plain_input(body: &[u8], query: Option<&str>) -> Result<(ArticleInput, Options), ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|e| ApiError::bad("body", format!("the text is not UTF-8: {e}")))?
        .to_string();
    let mut map = serde_json::Map::new();
    map.insert("text".into(), Value::String(text));
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        if !matches!(&*k, "published" | "lang" | "id" | "title" | "source" | "url") {
            return Err(ApiError::bad(
                &k,
                format!("unknown parameter '{k}' (known: published, lang, id, title, source, url)"),
            ));
        }
        if map.insert(k.to_string(), Value::String(v.into_owned())).is_some() {
            return Err(ApiError::bad(
                &k,
                format!("parameter '{k}' is given more than once"),
            ));
        }
    }
    let body = serde_json::to_vec(&Value::Object(map))
        .map_err(|e| ApiError::status(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    extract_input(&body)
}

/// Loads the lexicons and the gazetteer once, so that the first
/// `/api/extract` answers as fast as the others.
pub fn warm_up() {
    for (text, lang) in [
        ("Des manifestants ont défilé à Paris lundi.", "fr"),
        ("Protesters marched in London on Monday.", "en"),
    ] {
        let input = ArticleInput {
            text: text.into(),
            lang: Some(lang.into()),
            ..Default::default()
        };
        let _ = extract(&input, &Options::default());
    }
}
