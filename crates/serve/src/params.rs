//! Query parameters of the API, parsed into the store's [`Filter`] with the
//! parsers `vigie events` uses for its flags ([`vigie_store::query::parse`]),
//! so a value means the same in both places; and the API's errors.
//!
//! Every parameter is checked: an unknown name, a repeated one or a bad
//! value is a 400 whose JSON body names the parameter. An empty value
//! (`country=`, as an HTML form sends) counts as absent.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use vigie_store::query::parse;
use vigie_store::{After, Filter, Order};

/// Results per page when `limit` is absent.
pub const DEFAULT_LIMIT: usize = 100;
/// The largest `limit`.
pub const MAX_LIMIT: usize = 1000;

/// An error answered as `{"error": "...", "parameter": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    pub error: String,
    /// The parameter (query parameter, body field or path segment) at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl ApiError {
    /// A 400 naming the parameter.
    pub fn bad(parameter: &str, error: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            error: error.into(),
            parameter: Some(parameter.to_string()),
        }
    }

    /// Any status, no parameter.
    pub fn status(status: StatusCode, error: impl Into<String>) -> ApiError {
        ApiError {
            status,
            error: error.into(),
            parameter: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self).unwrap_or_else(|_| b"{\"error\":\"error\"}".to_vec());
        let mut r = (self.status, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        r
    }
}

/// Output format of `/api/incidents`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Geojson,
    Csv,
}

/// A parsed `/api/incidents` request.
#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    /// Filters, order and the position after which the page starts; its
    /// `limit` is one more than the page, to know whether another follows.
    pub filter: Filter,
    /// Incidents per page.
    pub limit: usize,
    pub format: Format,
}

/// The filter parameters, shared by `/api/incidents` and `/api/stats`.
pub const FILTER_PARAMS: &[&str] = &[
    "country",
    "type",
    "acled",
    "actor",
    "since",
    "until",
    "bbox",
    "min_fatalities",
    "text",
];

/// Paging and format parameters of `/api/incidents`.
pub const LIST_PARAMS: &[&str] = &["limit", "cursor", "order", "format"];

/// The parameters of a query string, each once, empty ones dropped.
fn pairs(raw: Option<&str>, allowed: &[&[&str]]) -> Result<Vec<(String, String)>, ApiError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        if !allowed.iter().any(|set| set.contains(&&*k)) {
            let all: Vec<&str> = allowed.iter().flat_map(|s| s.iter().copied()).collect();
            return Err(ApiError::bad(
                &k,
                format!("unknown parameter '{k}' (known: {})", all.join(", ")),
            ));
        }
        if out.iter().any(|(o, _)| *o == k) {
            return Err(ApiError::bad(
                &k,
                format!("parameter '{k}' is given more than once"),
            ));
        }
        if !v.trim().is_empty() {
            out.push((k.into_owned(), v.into_owned()));
        }
    }
    Ok(out)
}

fn filter_from(pairs: &[(String, String)]) -> Result<Filter, ApiError> {
    let mut f = Filter::default();
    for (k, v) in pairs {
        let v = v.as_str();
        let bad = |e: String| ApiError::bad(k, e);
        match k.as_str() {
            "country" => f.country = Some(parse::country(v).map_err(bad)?),
            "type" => f.plover = Some(parse::plover(v).map_err(bad)?),
            "acled" => f.acled = Some(parse::acled(v).map_err(bad)?),
            "actor" => f.actor = Some(v.trim().to_string()),
            "since" => f.since = Some(parse::date(v, false).map_err(bad)?),
            "until" => f.until = Some(parse::date(v, true).map_err(bad)?),
            "bbox" => f.bbox = Some(parse::bbox(v).map_err(bad)?),
            "min_fatalities" => {
                f.min_fatalities = Some(
                    v.trim()
                        .parse::<u64>()
                        .map_err(|_| bad(format!("'{v}' is not a whole number of deaths")))?,
                )
            }
            "text" => f.text = Some(parse::text(v).map_err(bad)?),
            _ => {}
        }
    }
    if let (Some(s), Some(u)) = (f.since, f.until) {
        if s > u {
            return Err(ApiError::bad("since", format!("since {s} is after until {u}")));
        }
    }
    Ok(f)
}

/// Parses the query string of `/api/stats`.
pub fn stats_query(raw: Option<&str>) -> Result<Filter, ApiError> {
    filter_from(&pairs(raw, &[FILTER_PARAMS])?)
}

/// Parses the query string of `/api/incidents`.
pub fn list_query(raw: Option<&str>) -> Result<ListQuery, ApiError> {
    let pairs = pairs(raw, &[FILTER_PARAMS, LIST_PARAMS])?;
    let mut filter = filter_from(&pairs)?;
    filter.order = Order::Newest;
    let mut limit = DEFAULT_LIMIT;
    let mut format = Format::Json;
    let mut cursor = None;
    for (k, v) in &pairs {
        let v = v.trim();
        match k.as_str() {
            "limit" => {
                limit = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_LIMIT).contains(n))
                    .ok_or_else(|| {
                        ApiError::bad(k, format!("'{v}' is not a number from 1 to {MAX_LIMIT}"))
                    })?;
            }
            "order" => {
                filter.order = match v {
                    "newest" => Order::Newest,
                    "oldest" => Order::Oldest,
                    _ => {
                        return Err(ApiError::bad(
                            k,
                            format!("'{v}' is not an order (newest or oldest)"),
                        ))
                    }
                }
            }
            "format" => {
                format = match v {
                    "json" => Format::Json,
                    "geojson" => Format::Geojson,
                    "csv" => Format::Csv,
                    _ => {
                        return Err(ApiError::bad(
                            k,
                            format!("'{v}' is not a format (json, geojson or csv)"),
                        ))
                    }
                }
            }
            "cursor" => cursor = Some(v.to_string()),
            _ => {}
        }
    }
    if let Some(c) = cursor {
        filter.after = Some(Cursor::decode(&c, &filter)?);
    }
    filter.limit = Some(limit + 1);
    Ok(ListQuery {
        filter,
        limit,
        format,
    })
}

/// The opaque `cursor` of a page: the sort key of the last incident of the
/// page before, the order, and a fingerprint of the filters, so that a
/// cursor used with other filters or another order is refused rather than
/// giving a page of something else.
pub struct Cursor;

impl Cursor {
    fn fingerprint(f: &Filter) -> u32 {
        let key = Filter {
            limit: None,
            after: None,
            ..f.clone()
        };
        xxhash_rust::xxh3::xxh3_64(format!("{key:?}").as_bytes()) as u32
    }

    /// The cursor of the page after `after`.
    pub fn encode(after: After, f: &Filter) -> String {
        let order = match f.order {
            Order::Newest => 'n',
            Order::Oldest => 'o',
        };
        let day = after.day.map_or("u".to_string(), |d| d.to_string());
        let plain = format!("{order}{day}.{}.{:08x}", after.id, Cursor::fingerprint(f));
        plain.bytes().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads a cursor made by [`Cursor::encode`] for the same filters.
    pub fn decode(s: &str, f: &Filter) -> Result<After, ApiError> {
        let bad = || ApiError::bad("cursor", format!("'{s}' is not a cursor given by this API"));
        if !s.len().is_multiple_of(2) || s.len() > 128 {
            return Err(bad());
        }
        let bytes: Vec<u8> = (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(s.get(i..i + 2).unwrap_or("zz"), 16))
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        let plain = String::from_utf8(bytes).map_err(|_| bad())?;
        let mut chars = plain.chars();
        let order = match chars.next() {
            Some('n') => Order::Newest,
            Some('o') => Order::Oldest,
            _ => return Err(bad()),
        };
        let rest = chars.as_str();
        let mut parts = rest.split('.');
        let (Some(day), Some(id), Some(fp), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let day = match day {
            "u" => None,
            d => Some(d.parse::<i32>().map_err(|_| bad())?),
        };
        let id = id.parse::<i64>().map_err(|_| bad())?;
        let fp = u32::from_str_radix(fp, 16).map_err(|_| bad())?;
        if order != f.order {
            return Err(ApiError::bad(
                "cursor",
                "the cursor was made for the other order: keep the parameters of the first page",
            ));
        }
        if fp != Cursor::fingerprint(f) {
            return Err(ApiError::bad(
                "cursor",
                "the cursor was made for other filters: keep the parameters of the first page",
            ));
        }
        Ok(After { day, id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(r: Result<ListQuery, ApiError>) -> (String, String) {
        let e = r.unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        (e.parameter.unwrap(), e.error)
    }

    #[test]
    fn filters_parse_like_the_command_line() {
        let q = list_query(Some(
            "country=Ukraine&type=assault&acled=air%2Fdrone+strike&since=2026-03&until=2026&bbox=30,44,40,52&min_fatalities=3&text=drone&actor=RUS&limit=5&order=oldest&format=geojson",
        ))
        .unwrap();
        let f = &q.filter;
        assert_eq!(f.country.as_deref(), Some("UKR"));
        assert_eq!(f.plover.map(|p| p.as_str()), Some("ASSAULT"));
        assert_eq!(f.acled.as_deref(), Some("Air/drone strike"));
        assert_eq!(f.since.unwrap().to_string(), "2026-03-01");
        assert_eq!(f.until.unwrap().to_string(), "2026-12-31");
        assert_eq!(f.min_fatalities, Some(3));
        assert_eq!(f.order, Order::Oldest);
        assert_eq!((q.limit, f.limit), (5, Some(6)));
        assert_eq!(q.format, Format::Geojson);
        let q = list_query(None).unwrap();
        assert_eq!(
            (q.limit, q.filter.order, q.format),
            (DEFAULT_LIMIT, Order::Newest, Format::Json)
        );
        // Empty values are absent.
        assert_eq!(list_query(Some("country=&text=")).unwrap().filter.country, None);
    }

    #[test]
    fn bad_parameters_are_named() {
        let cases = [
            ("country=Utopia", "country", "not a country"),
            ("type=FIGHT", "type", "PLOVER"),
            ("acled=Skirmish", "acled", "ACLED"),
            ("since=yesterday", "since", "not a date"),
            ("since=2026-05&until=2026-04", "since", "after until"),
            ("bbox=1,2,3", "bbox", "four numbers"),
            ("min_fatalities=-1", "min_fatalities", "whole number"),
            ("limit=0", "limit", "1 to 1000"),
            ("limit=1001", "limit", "1 to 1000"),
            ("limit=ten", "limit", "1 to 1000"),
            ("order=random", "order", "newest or oldest"),
            ("format=xml", "format", "json, geojson or csv"),
            ("cursor=zz", "cursor", "not a cursor"),
            ("colour=red", "colour", "unknown parameter"),
            ("country=UKR&country=RUS", "country", "more than once"),
        ];
        for (q, param, why) in cases {
            let (p, e) = err(list_query(Some(q)));
            assert_eq!(p, param, "{q}");
            assert!(e.contains(why), "{q}: {e}");
        }
        assert_eq!(
            stats_query(Some("limit=5")).unwrap_err().parameter.as_deref(),
            Some("limit")
        );
    }

    #[test]
    fn cursors_round_trip_and_are_bound_to_their_query() {
        let f = list_query(Some("country=UKR")).unwrap().filter;
        for after in [
            After {
                day: Some(739_000),
                id: 42,
            },
            After { day: None, id: 7 },
        ] {
            let c = Cursor::encode(after, &f);
            assert_eq!(Cursor::decode(&c, &f).unwrap(), after);
            let q = list_query(Some(&format!("country=UKR&limit=3&cursor={c}"))).unwrap();
            assert_eq!(q.filter.after, Some(after));
            let (p, e) = err(list_query(Some(&format!("country=RUS&cursor={c}"))));
            assert_eq!(p, "cursor");
            assert!(e.contains("other filters"), "{e}");
            let (_, e) = err(list_query(Some(&format!("country=UKR&order=oldest&cursor={c}"))));
            assert!(e.contains("other order"), "{e}");
        }
        for junk in ["", "6e", "6e3132", "zz", &"ab".repeat(100)] {
            assert!(Cursor::decode(junk, &f).is_err(), "{junk}");
        }
    }
}
