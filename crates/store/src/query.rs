//! Reading the store back: filters over incidents (or raw events) by country,
//! PLOVER and ACLED type, actor, dates, bounding box, death toll and free text
//! over the evidence (SQLite FTS5).
//!
//! The [`parse`] functions turn user-given strings (command-line flags, HTTP
//! query parameters) into filter values, with a message saying what was
//! expected when a value is wrong.

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::Row;
use serde::Serialize;
use vigie_model::{Acled, Event, PloverType};

use crate::summary::IncidentActors;
use crate::{outlet, Result, Store, StoreError};

/// Order of results, by incident (or event) start date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// Oldest first: the order of a dataset.
    #[default]
    Oldest,
    /// Newest first: the order of a feed.
    Newest,
}

/// A longitude/latitude box; `min_lon > max_lon` crosses the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

/// What to select. Every field narrows the selection; the default selects all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// ISO 3166-1 alpha-3 of the place.
    pub country: Option<String>,
    pub plover: Option<PloverType>,
    /// An ACLED event type or sub-event type, as ACLED spells it.
    pub acled: Option<String>,
    /// Part of an actor's canonical name, or an actor's country (alpha-3);
    /// raw events also match the actor's words in the article.
    pub actor: Option<String>,
    /// Incidents ending on or after this day.
    pub since: Option<NaiveDate>,
    /// Incidents starting on or before this day.
    pub until: Option<NaiveDate>,
    pub bbox: Option<BBox>,
    pub min_fatalities: Option<u64>,
    /// Full-text search over evidence (FTS5 syntax, or plain words).
    pub text: Option<String>,
    pub limit: Option<usize>,
    pub order: Order,
    /// Start just after this row of the same query (keyset pagination: a
    /// page costs the same wherever it is, and rows added meanwhile do not
    /// shift the pages).
    pub after: Option<After>,
}

/// A position in the results of a query: the sort key of the last row seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    /// The row's first day (days from the common era, as stored); `None`
    /// for an undated row.
    pub day: Option<i32>,
    /// The row's id (incident id, or event row id for raw events).
    pub id: i64,
}

impl After {
    /// The position just after an incident.
    pub fn incident(i: &Incident) -> After {
        After {
            day: i.date.start.map(|d| d.num_days_from_ce()),
            id: i.id,
        }
    }
}

/// Parsers for filter values given as text.
pub mod parse {
    use super::*;
    use crate::countries;

    /// A country by ISO 3166-1 alpha-3 code or English name.
    pub fn country(s: &str) -> Result<String, String> {
        countries::lookup(s).map(|c| c.iso3.to_string()).ok_or_else(|| {
            format!("'{s}' is not a country (an ISO 3166-1 alpha-3 code such as UKR, or an English name)")
        })
    }

    /// A PLOVER type, case-insensitive.
    pub fn plover(s: &str) -> Result<PloverType, String> {
        PloverType::parse(&s.trim().to_ascii_uppercase()).ok_or_else(|| {
            let all: Vec<&str> = PloverType::ALL.iter().map(|t| t.as_str()).collect();
            format!("'{s}' is not a PLOVER type (one of {})", all.join(", "))
        })
    }

    /// An ACLED event type or sub-event type, case-insensitive; returns
    /// ACLED's spelling.
    pub fn acled(s: &str) -> Result<String, String> {
        let want = s.trim();
        for (t, subs) in ACLED_TYPES {
            if t.eq_ignore_ascii_case(want) {
                return Ok(t.to_string());
            }
            if let Some(sub) = subs.iter().find(|x| x.eq_ignore_ascii_case(want)) {
                return Ok(sub.to_string());
            }
        }
        let types: Vec<&str> = ACLED_TYPES.iter().map(|t| t.0).collect();
        Err(format!(
            "'{s}' is not an ACLED event type or sub-event type (event types: {})",
            types.join(", ")
        ))
    }

    /// A day `YYYY-MM-DD`, a month `YYYY-MM` or a year `YYYY`: its first day
    /// (`end = false`) or its last (`end = true`).
    pub fn date(s: &str, end: bool) -> Result<NaiveDate, String> {
        let bad = || format!("'{s}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
        let t = s.trim();
        let parts: Vec<&str> = t.split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        match parts[..] {
            [y, m, d] => NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?).ok_or_else(bad),
            [y, m] => {
                let (y, m) = (num(y, 4)? as i32, num(m, 2)?);
                let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad)?;
                if !end {
                    return Ok(first);
                }
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                };
                next.and_then(|d| d.pred_opt()).ok_or_else(bad)
            }
            [y] => {
                let y = num(y, 4)? as i32;
                let d = if end {
                    NaiveDate::from_ymd_opt(y, 12, 31)
                } else {
                    NaiveDate::from_ymd_opt(y, 1, 1)
                };
                d.ok_or_else(bad)
            }
            _ => Err(bad()),
        }
    }

    /// `minlon,minlat,maxlon,maxlat` in degrees.
    pub fn bbox(s: &str) -> Result<BBox, String> {
        let nums: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("'{s}' is not minlon,minlat,maxlon,maxlat (four numbers)"))?;
        let [min_lon, min_lat, max_lon, max_lat] = nums[..] else {
            return Err(format!(
                "'{s}' is not minlon,minlat,maxlon,maxlat (four numbers, found {})",
                nums.len()
            ));
        };
        let lon_ok = |x: f64| (-180.0..=180.0).contains(&x);
        let lat_ok = |x: f64| (-90.0..=90.0).contains(&x);
        if !(lon_ok(min_lon) && lon_ok(max_lon)) {
            return Err(format!("'{s}': longitudes must be within -180..180"));
        }
        if !(lat_ok(min_lat) && lat_ok(max_lat)) {
            return Err(format!("'{s}': latitudes must be within -90..90"));
        }
        if min_lat > max_lat {
            return Err(format!("'{s}': minlat is greater than maxlat"));
        }
        Ok(BBox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        })
    }

    /// A non-empty search expression.
    pub fn text(s: &str) -> Result<String, String> {
        if s.trim().is_empty() {
            Err("the search text is empty".into())
        } else {
            Ok(s.trim().to_string())
        }
    }
}

/// ACLED's event types and sub-event types, spelled as ACLED spells them.
pub const ACLED_TYPES: &[(&str, &[&str])] = &[
    (
        "Battles",
        &[
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        ],
    ),
    (
        "Explosions/Remote violence",
        &[
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
    ),
    (
        "Violence against civilians",
        &["Sexual violence", "Attack", "Abduction/forced disappearance"],
    ),
    (
        "Protests",
        &[
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        ],
    ),
    ("Riots", &["Violent demonstration", "Mob violence"]),
    (
        "Strategic developments",
        &[
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
    ),
];

/// Free text as an FTS5 expression: plain words are each quoted (so that
/// "Haut-Karabakh" or "l'armée" are words, not syntax); an expression already
/// using FTS5 syntax (quotes, AND/OR/NOT/NEAR, `*`, parentheses) is kept.
pub fn fts_expression(s: &str) -> String {
    let syntax = s.contains(['"', '*', '(', ')'])
        || s.split_whitespace()
            .any(|w| matches!(w, "AND" | "OR" | "NOT") || w.starts_with("NEAR"));
    if syntax {
        return s.to_string();
    }
    s.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The chosen place of an incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentPlace {
    pub name: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub feature: String,
    pub geonames_id: Option<i64>,
}

/// The dates of an incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentDate {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub precision: String,
}

/// The death toll kept for an incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentFatalities {
    pub total: u64,
    pub civilians: Option<u64>,
    pub qualifier: String,
    /// Id of the event (`ev-...`) whose report gave the toll.
    pub event: Option<String>,
}

/// One report of an incident, as listed with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRef {
    pub event: String,
    pub article: String,
    pub outlet: String,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub evidence: String,
    pub fatalities: Option<u64>,
}

/// A merged incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Incident {
    pub id: i64,
    pub plover: String,
    pub cameo: String,
    pub acled: Option<Acled>,
    pub date: IncidentDate,
    pub location: Option<IncidentPlace>,
    pub fatalities: Option<IncidentFatalities>,
    #[serde(flatten)]
    pub actors: IncidentActors,
    /// Distinct outlets that reported it.
    pub sources: Vec<String>,
    pub n_sources: u64,
    pub n_reports: u64,
    pub n_articles: u64,
    pub first_published: Option<NaiveDate>,
    pub last_published: Option<NaiveDate>,
    /// The evidence of the most informative report.
    pub notes: String,
    /// Unix time of the last change.
    pub updated_at: i64,
    /// The supporting reports (filled when asked for).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<ReportRef>,
}

/// The article an event was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRef {
    pub id: String,
    pub lang: String,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// A raw event as stored: the contract's event with its article and incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    pub incident: Option<i64>,
    pub article: ArticleRef,
    #[serde(flatten)]
    pub event: Event,
}

/// A WHERE clause under construction, with anonymous `?` parameters.
#[derive(Default)]
pub(crate) struct Where {
    clauses: Vec<String>,
    pub(crate) params: Vec<Value>,
}

impl Where {
    fn add(&mut self, clause: impl Into<String>, params: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.into());
        self.params.extend(params);
    }

    pub(crate) fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// Column names of incidents or events for the shared filters.
pub(crate) struct Cols {
    country: &'static str,
    plover: &'static str,
    acled_type: &'static str,
    acled_sub: &'static str,
    day_start: &'static str,
    day_end: &'static str,
    lat: &'static str,
    lon: &'static str,
    fatalities: &'static str,
    /// Selects the row ids matching a set of event ids (`{}`).
    from_events: &'static str,
    id: &'static str,
    /// The columns of actor names and countries, for incidents.
    actors: Option<(&'static str, &'static str)>,
}

pub(crate) const INCIDENT_COLS: Cols = Cols {
    country: "i.place_country",
    plover: "i.plover",
    acled_type: "i.acled_event_type",
    acled_sub: "i.acled_sub_event_type",
    day_start: "i.day_start",
    day_end: "i.day_end",
    lat: "i.lat",
    lon: "i.lon",
    fatalities: "i.fatalities",
    from_events: "SELECT ie.incident FROM incident_events ie WHERE ie.event IN ({})",
    id: "i.id",
    actors: Some(("i.actor_names", "i.actor_countries")),
};

const EVENT_COLS: Cols = Cols {
    country: "e.place_country",
    plover: "e.plover",
    acled_type: "e.acled_event_type",
    acled_sub: "e.acled_sub_event_type",
    day_start: "e.day_start",
    day_end: "e.day_end",
    lat: "e.place_lat",
    lon: "e.place_lon",
    fatalities: "e.fatalities_total",
    from_events: "{}",
    id: "e.id",
    actors: None,
};

fn like_pattern(s: &str) -> String {
    let mut out = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

pub(crate) fn build_where(f: &Filter, c: &Cols) -> Where {
    let mut w = Where::default();
    let text = |s: &str| Value::Text(s.to_string());
    if let Some(country) = &f.country {
        w.add(format!("{} = ?", c.country), [text(country)]);
    }
    if let Some(t) = f.plover {
        w.add(format!("{} = ?", c.plover), [text(t.as_str())]);
    }
    if let Some(a) = &f.acled {
        // Event types and sub-event types never share a name: compare with
        // the one column the value belongs to (indexed, exact spelling).
        let a = parse::acled(a).unwrap_or_else(|_| a.clone());
        let is_type = ACLED_TYPES.iter().any(|(t, _)| *t == a);
        let col = if is_type { c.acled_type } else { c.acled_sub };
        w.add(format!("{col} = ?"), [text(&a)]);
    }
    if let Some(a) = &f.actor {
        let a = a.trim();
        let pattern = like_pattern(a);
        let code = a.to_ascii_uppercase();
        match c.actors {
            // Incidents keep the names and countries of all their actors in
            // two columns: a scan of them is faster than a join over reports.
            Some((names, countries)) => w.add(
                format!("({names} LIKE ? ESCAPE '\\' OR {countries} LIKE ?)"),
                [
                    text(&pattern),
                    text(&format!("%,{},%", code.replace(['%', '_', ','], ""))),
                ],
            ),
            None => w.add(
                format!(
                    "{} IN (SELECT ea.event FROM event_actors ea WHERE ea.name LIKE ? \
                     ESCAPE '\\' OR ea.text LIKE ? ESCAPE '\\' OR ea.country = ?)",
                    c.id
                ),
                [text(&pattern), text(&pattern), text(&code)],
            ),
        }
    }
    if let Some(d) = f.since {
        w.add(
            format!("{} >= ?", c.day_end),
            [Value::Integer(d.num_days_from_ce() as i64)],
        );
    }
    if let Some(d) = f.until {
        w.add(
            format!("{} <= ?", c.day_start),
            [Value::Integer(d.num_days_from_ce() as i64)],
        );
    }
    if let Some(b) = f.bbox {
        let lat = format!("{} BETWEEN ? AND ?", c.lat);
        let lats = [Value::Real(b.min_lat), Value::Real(b.max_lat)];
        if b.min_lon <= b.max_lon {
            w.add(
                format!("{lat} AND {} BETWEEN ? AND ?", c.lon),
                lats.into_iter()
                    .chain([Value::Real(b.min_lon), Value::Real(b.max_lon)]),
            );
        } else {
            w.add(
                format!("{lat} AND ({lon} >= ? OR {lon} <= ?)", lon = c.lon),
                lats.into_iter()
                    .chain([Value::Real(b.min_lon), Value::Real(b.max_lon)]),
            );
        }
    }
    if let Some(n) = f.min_fatalities {
        w.add(
            format!("{} >= ?", c.fatalities),
            [Value::Integer(n.min(i64::MAX as u64) as i64)],
        );
    }
    if let Some(t) = &f.text {
        let events = "SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?";
        w.add(
            format!("{} IN ({})", c.id, c.from_events.replace("{}", events)),
            [text(&fts_expression(t))],
        );
    }
    if let Some(a) = f.after {
        // The rows after `a` in the order of `order_limit`: undated rows
        // (NULL days) come first in ascending order, last in descending.
        let (ds, id) = (c.day_start, c.id);
        let day = a.day.map(|d| Value::Integer(d.into()));
        match (f.order, day) {
            (Order::Oldest, Some(d)) => w.add(format!("({ds}, {id}) > (?, ?)"), [d, Value::Integer(a.id)]),
            (Order::Oldest, None) => w.add(
                format!("(({ds} IS NULL AND {id} > ?) OR {ds} IS NOT NULL)"),
                [Value::Integer(a.id)],
            ),
            (Order::Newest, Some(d)) => w.add(
                format!("(({ds}, {id}) < (?, ?) OR {ds} IS NULL)"),
                [d, Value::Integer(a.id)],
            ),
            (Order::Newest, None) => w.add(format!("({ds} IS NULL AND {id} < ?)"), [Value::Integer(a.id)]),
        }
    }
    w
}

fn order_limit(f: &Filter, c: &Cols) -> (String, Option<Value>) {
    let dir = match f.order {
        Order::Oldest => "ASC",
        Order::Newest => "DESC",
    };
    // Plain column order, so that a (filter, day) index gives the rows in
    // order and the query stops at the limit; undated rows (rare: an event
    // with no date at all) come first in ascending order, last in descending.
    let order = format!("ORDER BY {ds} {dir}, {id} {dir}", ds = c.day_start, id = c.id);
    match f.limit {
        Some(n) => (
            format!("{order} LIMIT ?"),
            Some(Value::Integer(n.min(i64::MAX as usize) as i64)),
        ),
        None => (order, None),
    }
}

const INCIDENT_SELECT: &str = "SELECT i.id, i.plover, i.cameo, i.acled_event_type, \
    i.acled_sub_event_type, i.date_start, i.date_end, i.date_precision, i.place_name, \
    i.place_country, i.place_admin1, i.lat, i.lon, i.place_feature, i.place_geonames_id, \
    i.fatalities, i.fatalities_qualifier, i.civilians, \
    (SELECT event_id FROM events WHERE id = i.fatalities_event), i.actors, i.n_sources, \
    i.n_reports, i.n_articles, i.sources, i.first_published, i.last_published, i.notes, \
    i.updated_at FROM incidents i";

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

fn incident_from_row(r: &Row<'_>) -> rusqlite::Result<(Incident, String, String)> {
    let acled = match (r.get::<_, Option<String>>(3)?, r.get::<_, Option<String>>(4)?) {
        (Some(event_type), Some(sub_event_type)) => Some(Acled {
            event_type,
            sub_event_type,
        }),
        _ => None,
    };
    let location = match (
        r.get::<_, Option<String>>(8)?,
        r.get::<_, Option<f64>>(11)?,
        r.get::<_, Option<f64>>(12)?,
    ) {
        (Some(name), Some(lat), Some(lon)) => Some(IncidentPlace {
            name,
            country: r.get(9)?,
            admin1: r.get(10)?,
            lat,
            lon,
            feature: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
            geonames_id: r.get(14)?,
        }),
        _ => None,
    };
    let fatalities = match r.get::<_, Option<i64>>(15)? {
        Some(total) => Some(IncidentFatalities {
            total: total as u64,
            civilians: r.get::<_, Option<i64>>(17)?.map(|n| n as u64),
            qualifier: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
            event: r.get(18)?,
        }),
        None => None,
    };
    let incident = Incident {
        id: r.get(0)?,
        plover: r.get(1)?,
        cameo: r.get(2)?,
        acled,
        date: IncidentDate {
            start: date(r.get(5)?),
            end: date(r.get(6)?),
            precision: r.get(7)?,
        },
        location,
        fatalities,
        actors: IncidentActors::default(),
        sources: Vec::new(),
        n_sources: r.get::<_, i64>(20)? as u64,
        n_reports: r.get::<_, i64>(21)? as u64,
        n_articles: r.get::<_, i64>(22)? as u64,
        first_published: date(r.get(24)?),
        last_published: date(r.get(25)?),
        notes: r.get(26)?,
        updated_at: r.get(27)?,
        reports: Vec::new(),
    };
    Ok((incident, r.get(19)?, r.get(23)?))
}

impl Store {
    fn query_error(&self, e: rusqlite::Error) -> StoreError {
        StoreError::sqlite(&self.path, e)
    }

    /// FTS5 reports a malformed search expression only when a statement runs:
    /// try it alone first, so that the error names the filter.
    pub(crate) fn check_text(&self, filter: &Filter) -> Result<()> {
        let Some(t) = &filter.text else {
            return Ok(());
        };
        self.conn
            .prepare_cached("SELECT 1 FROM evidence_fts WHERE evidence_fts MATCH ?1 LIMIT 1")
            .and_then(|mut s| s.exists([fts_expression(t)]))
            .map(|_| ())
            .map_err(|e| StoreError::BadFilter {
                name: "text",
                why: format!("'{t}' is not a valid search expression ({e})"),
            })
    }

    /// Calls `each` for every incident matching `filter`, in order; with
    /// `with_reports`, each incident lists its supporting reports.
    pub fn for_each_incident(
        &self,
        filter: &Filter,
        with_reports: bool,
        mut each: impl FnMut(Incident) -> Result<()>,
    ) -> Result<()> {
        self.check_text(filter)?;
        let w = build_where(filter, &INCIDENT_COLS);
        let (order, limit) = order_limit(filter, &INCIDENT_COLS);
        let sql = format!("{INCIDENT_SELECT} {} {order}", w.sql());
        let mut params = w.params.clone();
        params.extend(limit);
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.query_error(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|e| self.query_error(e))?;
        while let Some(row) = rows.next().map_err(|e| self.query_error(e))? {
            let (mut incident, actors, sources) = incident_from_row(row).map_err(|e| self.query_error(e))?;
            incident.actors = serde_json::from_str(&actors).map_err(|e| self.corrupt(incident.id, e))?;
            incident.sources = serde_json::from_str(&sources).map_err(|e| self.corrupt(incident.id, e))?;
            if with_reports {
                incident.reports = self.report_refs(incident.id)?;
            }
            each(incident)?;
        }
        Ok(())
    }

    fn corrupt(&self, id: i64, e: serde_json::Error) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            event: id,
            why: e.to_string(),
        }
    }

    /// The incidents matching `filter`.
    pub fn incidents(&self, filter: &Filter, with_reports: bool) -> Result<Vec<Incident>> {
        let mut out = Vec::new();
        self.for_each_incident(filter, with_reports, |i| {
            out.push(i);
            Ok(())
        })?;
        Ok(out)
    }

    /// The reports of one incident, in canonical order.
    pub fn report_refs(&self, incident: i64) -> Result<Vec<ReportRef>> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.event_id, a.article_id, a.source, a.url, a.title, a.published, \
                 e.evidence_text, e.fatalities_total \
                 FROM incident_events ie JOIN events e ON e.id = ie.event \
                 JOIN articles a ON a.id = e.article WHERE ie.incident = ?1 \
                 ORDER BY e.day_start, e.day_end, e.place_rank, e.order_key",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map([incident], |r| {
                let article: String = r.get(1)?;
                let url: Option<String> = r.get(3)?;
                Ok(ReportRef {
                    event: r.get(0)?,
                    outlet: outlet(r.get(2)?, url.as_deref(), &article),
                    article,
                    url,
                    title: r.get(4)?,
                    published: date(r.get(5)?),
                    evidence: r.get(6)?,
                    fatalities: r.get::<_, Option<i64>>(7)?.map(|n| n as u64),
                })
            })
            .map_err(err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(err)
    }

    /// Calls `each` for every raw event matching `filter` (events of every
    /// modality, in incidents or not).
    pub fn for_each_event(&self, filter: &Filter, each: impl FnMut(StoredEvent) -> Result<()>) -> Result<()> {
        self.check_text(filter)?;
        let w = build_where(filter, &EVENT_COLS);
        let (order, limit) = order_limit(filter, &EVENT_COLS);
        let mut params = w.params.clone();
        params.extend(limit);
        self.events_where(&format!("{} {order}", w.sql()), params, each)
    }

    /// Raw events selected by a WHERE/ORDER clause over `events e`.
    fn events_where(
        &self,
        clause: &str,
        params: Vec<Value>,
        mut each: impl FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT e.id, e.record, ie.incident, a.article_id, a.lang, a.published, a.source, \
             a.url, a.title FROM events e JOIN articles a ON a.id = e.article \
             LEFT JOIN incident_events ie ON ie.event = e.id {clause}"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.query_error(e))?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(|e| self.query_error(e))?;
        while let Some(r) = rows.next().map_err(|e| self.query_error(e))? {
            let id: i64 = r.get(0).map_err(|e| self.query_error(e))?;
            let record: String = r.get(1).map_err(|e| self.query_error(e))?;
            let event: Event = serde_json::from_str(&record).map_err(|e| self.corrupt(id, e))?;
            let get = |i: usize| -> Result<Option<String>> {
                r.get(i).map_err(|e| StoreError::sqlite(&self.path, e))
            };
            let stored = StoredEvent {
                incident: r.get(2).map_err(|e| self.query_error(e))?,
                article: ArticleRef {
                    id: get(3)?.unwrap_or_default(),
                    lang: get(4)?.unwrap_or_default(),
                    published: date(get(5)?),
                    source: get(6)?,
                    url: get(7)?,
                    title: get(8)?,
                },
                event,
            };
            each(stored)?;
        }
        Ok(())
    }

    /// One incident by id, with its supporting reports; `None` when there is
    /// no such incident.
    pub fn incident(&self, id: i64) -> Result<Option<Incident>> {
        let sql = format!("{INCIDENT_SELECT} WHERE i.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.query_error(e))?;
        let mut rows = stmt.query([id]).map_err(|e| self.query_error(e))?;
        let Some(row) = rows.next().map_err(|e| self.query_error(e))? else {
            return Ok(None);
        };
        let (mut incident, actors, sources) = incident_from_row(row).map_err(|e| self.query_error(e))?;
        incident.actors = serde_json::from_str(&actors).map_err(|e| self.corrupt(incident.id, e))?;
        incident.sources = serde_json::from_str(&sources).map_err(|e| self.corrupt(incident.id, e))?;
        incident.reports = self.report_refs(incident.id)?;
        Ok(Some(incident))
    }

    /// The events supporting an incident, each with its article, in the
    /// incident's canonical order (that of [`Store::report_refs`]).
    pub fn incident_events(&self, incident: i64) -> Result<Vec<StoredEvent>> {
        let mut out = Vec::new();
        self.events_where(
            "WHERE ie.incident = ? ORDER BY e.day_start, e.day_end, e.place_rank, e.order_key",
            vec![Value::Integer(incident)],
            |e| {
                out.push(e);
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// The stored text of an article (the text its offsets refer to).
    pub fn article_text(&self, article_id: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .prepare_cached("SELECT text FROM articles WHERE article_id = ?1")
            .and_then(|mut s| s.query_row([article_id], |r| r.get(0)).optional())
            .map_err(|e| self.query_error(e))
    }

    /// The raw events matching `filter`.
    pub fn events(&self, filter: &Filter) -> Result<Vec<StoredEvent>> {
        let mut out = Vec::new();
        self.for_each_event(filter, |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsers_accept_and_explain() {
        assert_eq!(parse::country("ukr").unwrap(), "UKR");
        assert_eq!(parse::country("Ukraine").unwrap(), "UKR");
        assert!(parse::country("Utopia").unwrap_err().contains("not a country"));
        assert_eq!(parse::plover("assault").unwrap(), PloverType::Assault);
        assert!(parse::plover("FIGHT").unwrap_err().contains("ASSAULT"));
        assert_eq!(parse::acled("battles").unwrap(), "Battles");
        assert_eq!(parse::acled("air/drone strike").unwrap(), "Air/drone strike");
        assert!(parse::acled("Skirmish").unwrap_err().contains("Riots"));
        let d = |s: &str, end| parse::date(s, end).map(|d| d.to_string());
        assert_eq!(d("2024-02-29", false).unwrap(), "2024-02-29");
        assert_eq!(d("2024-02", true).unwrap(), "2024-02-29");
        assert_eq!(d("2024-12", true).unwrap(), "2024-12-31");
        assert_eq!(d("2024", false).unwrap(), "2024-01-01");
        for bad in ["2024-02-30", "24-01-01", "yesterday", "2024-1-1", ""] {
            assert!(d(bad, false).is_err(), "{bad}");
        }
        let b = parse::bbox("30,44,40,52.5").unwrap();
        assert_eq!((b.min_lon, b.max_lat), (30.0, 52.5));
        assert!(parse::bbox("30,44,40").unwrap_err().contains("found 3"));
        assert!(parse::bbox("30,95,40,96").unwrap_err().contains("latitudes"));
        assert!(parse::bbox("a,b,c,d").is_err());
        assert!(parse::bbox("30,50,40,44").unwrap_err().contains("minlat"));
        assert!(parse::text("  ").is_err());
    }

    #[test]
    fn fts_expressions() {
        assert_eq!(
            fts_expression("Haut-Karabakh drone"),
            "\"Haut-Karabakh\" \"drone\""
        );
        assert_eq!(fts_expression("\"drone strike\""), "\"drone strike\"");
        assert_eq!(fts_expression("drone OR missile"), "drone OR missile");
        assert_eq!(fts_expression("kill*"), "kill*");
    }

    #[test]
    fn like_escapes() {
        assert_eq!(like_pattern("a%b_c"), "%a\\%b\\_c%");
    }
}
