//! Exports of incidents: an ACLED-compatible CSV (ACLED's columns, names and
//! codes, so scripts written for ACLED data read it), a GeoJSON
//! FeatureCollection (QGIS, web maps), and JSON Lines (every field, with the
//! supporting reports).
//!
//! ACLED conventions followed: actor names "Military Forces of Sudan",
//! "Police Forces of Kenya", "Government of Mali", "Protesters (Georgia)",
//! "Rioters (Bangladesh)", "Civilians (Mexico)", "Unidentified Armed Group
//! (Nigeria)"; `inter` codes 1 state forces, 2 rebel groups, 3 political
//! militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians,
//! 8 external/other forces (a state's forces acting outside their country,
//! international organisations); `interaction` the two codes, lower first
//! (`17`), or `10`-style for a sole actor; `geo_precision` 1 town, 2 part of a
//! region, 3 region or country; `time_precision` 1 day, 2 week, 3 month or
//! vaguer. Only incidents with an ACLED event type are written to the ACLED
//! CSV; `event_date` is written as ISO `YYYY-MM-DD` (the convention of ACLED's
//! API exports).

use std::io::Write;

use serde_json::{json, Value};

use crate::countries;
use crate::query::{Filter, Incident};
use crate::summary::IncidentActor;
use crate::{Result, Store};

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportStats {
    /// Incidents written.
    pub written: u64,
    /// Incidents selected but left out: without an ACLED type (ACLED CSV) or
    /// without a place (GeoJSON).
    pub left_out: u64,
}

/// ACLED's columns, in ACLED's order, then `iso3`.
pub const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "iso3",
];

const STATE: &[&str] = &["GOV", "MIL", "COP", "SPY", "JUD", "LEG"];
const REBEL: &[&str] = &["REB", "INS", "SEP", "IMG"];
const MILITIA: &[&str] = &["UAF", "CRM"];
const CIVIL: &[&str] = &[
    "CVL", "MED", "REF", "LAB", "BUS", "EDU", "HLH", "HRI", "NGO", "AGR", "ENV", "OPP", "PTY",
];

/// ACLED's disorder type of an event type.
pub fn disorder_type(event_type: &str, sub_event_type: &str) -> &'static str {
    match (event_type, sub_event_type) {
        ("Protests", "Excessive force against protesters") => "Political violence; Demonstrations",
        ("Protests" | "Riots", _) => "Demonstrations",
        ("Strategic developments", _) => "Strategic developments",
        _ => "Political violence",
    }
}

fn country_name(iso3: Option<&str>) -> Option<&'static str> {
    iso3.and_then(countries::by_iso3).map(|c| c.name)
}

fn with_country(label: &str, country: Option<&str>) -> String {
    match country_name(country) {
        Some(c) => format!("{label} ({c})"),
        None => label.to_string(),
    }
}

fn of_country(label: &str, country: Option<&str>, fallback: &str) -> String {
    match country_name(country) {
        Some(c) => format!("{label} of {c}"),
        None => fallback.to_string(),
    }
}

/// An actor in ACLED's terms: its name, `inter` code, and an associated actor
/// when ACLED would name the group more generally ("Civilians (Mexico)" with
/// "Journalists (Mexico)").
pub struct AcledActor {
    pub name: String,
    pub inter: Option<u8>,
    pub assoc: Option<String>,
}

/// Codes one actor of an incident of ACLED type `event_type` in `country`.
pub fn acled_actor(a: &IncidentActor, event_type: &str, country: Option<&str>) -> AcledActor {
    let sector = a.sector.as_deref().unwrap_or("");
    let own = a.country.as_deref();
    if a.igo.is_some() || sector == "IGO" {
        return AcledActor {
            name: a.name.clone(),
            inter: Some(8),
            assoc: None,
        };
    }
    if STATE.contains(&sector) {
        // Police, governments and courts are domestic: the event's country
        // names them when the article did not. Armed forces are not assumed.
        let domestic = matches!(sector, "COP" | "GOV" | "JUD" | "LEG");
        let c = own.or(if domestic { country } else { None });
        let name = match sector {
            "MIL" => of_country("Military Forces", c, &a.name),
            "COP" => of_country("Police Forces", c, &a.name),
            _ => of_country("Government", c, &a.name),
        };
        let external = matches!((own, country), (Some(o), Some(c)) if o != c);
        return AcledActor {
            name,
            inter: Some(if external { 8 } else { 1 }),
            assoc: None,
        };
    }
    if REBEL.contains(&sector) || MILITIA.contains(&sector) {
        let generic =
            a.name == "Unidentified Armed Group" || a.name.starts_with("Unidentified Armed Group (");
        let name = if generic {
            with_country("Unidentified Armed Group", own.or(country))
        } else {
            a.name.clone()
        };
        return AcledActor {
            name,
            inter: Some(if REBEL.contains(&sector) { 2 } else { 3 }),
            assoc: None,
        };
    }
    if CIVIL.contains(&sector) || a.role.as_deref() == Some("protester") {
        let c = own.or(country);
        let (label, inter) = match (a.role.as_deref(), event_type) {
            (Some("protester"), _) | (_, "Protests") => ("Protesters", 6),
            (Some("rioter"), _) | (_, "Riots") => ("Rioters", 5),
            _ => ("Civilians", 7),
        };
        let name = with_country(label, c);
        // A named kind of civilians (journalists, students...) is kept as
        // an associated actor, as ACLED does.
        let assoc = (sector != "CVL" && a.name != name).then(|| a.name.clone());
        return AcledActor {
            name,
            inter: Some(inter),
            assoc,
        };
    }
    // A country named as the actor ("Russia struck...", "la Russie a
    // frappé") stands for its state: its forces in political violence, its
    // people in demonstrations, its government otherwise.
    if let Some(c) = own.and_then(countries::by_iso3) {
        if sector.is_empty() && a.name == c.name {
            let external = matches!(country, Some(x) if x != c.iso3);
            let state = Some(if external { 8 } else { 1 });
            let (name, inter) = match event_type {
                "Battles" | "Explosions/Remote violence" | "Violence against civilians" => {
                    (format!("Military Forces of {}", c.name), state)
                }
                "Protests" => (format!("Protesters ({})", c.name), Some(6)),
                "Riots" => (format!("Rioters ({})", c.name), Some(5)),
                _ => (format!("Government of {}", c.name), state),
            };
            return AcledActor {
                name,
                inter,
                assoc: None,
            };
        }
    }
    AcledActor {
        name: a.name.clone(),
        inter: None,
        assoc: None,
    }
}

/// One ACLED CSV row of an incident, or `None` without an ACLED type.
pub fn acled_row(i: &Incident) -> Option<Vec<String>> {
    let acled = i.acled.as_ref()?;
    let et = acled.event_type.as_str();
    let country = i.location.as_ref().and_then(|p| p.country.as_deref());
    let mut a1 = i.actors.actor1.as_ref().map(|a| acled_actor(a, et, country));
    let mut a2 = i.actors.actor2.as_ref().map(|a| acled_actor(a, et, country));
    let mut assoc1: Vec<String> = a1.as_ref().and_then(|a| a.assoc.clone()).into_iter().collect();
    let mut assoc2: Vec<String> = a2.as_ref().and_then(|a| a.assoc.clone()).into_iter().collect();
    assoc1.extend(
        i.actors
            .assoc_actor_1
            .iter()
            .map(|a| acled_actor(a, et, country).name),
    );
    assoc2.extend(
        i.actors
            .assoc_actor_2
            .iter()
            .map(|a| acled_actor(a, et, country).name),
    );
    // ACLED always has an actor1: the unknown perpetrator of violence, or the
    // crowd of a demonstration.
    if a1.is_none() {
        a1 = match et {
            "Battles" | "Explosions/Remote violence" | "Violence against civilians" => Some(AcledActor {
                name: with_country("Unidentified Armed Group", country),
                inter: Some(3),
                assoc: None,
            }),
            "Protests" => Some(AcledActor {
                name: with_country("Protesters", country),
                inter: Some(6),
                assoc: None,
            }),
            "Riots" => Some(AcledActor {
                name: with_country("Rioters", country),
                inter: Some(5),
                assoc: None,
            }),
            _ => None,
        };
    }
    if a2.is_none() && et == "Violence against civilians" {
        a2 = Some(AcledActor {
            name: with_country("Civilians", country),
            inter: Some(7),
            assoc: None,
        });
    }
    let inter = |a: &Option<AcledActor>| a.as_ref().and_then(|a| a.inter);
    let (i1, i2) = (inter(&a1), inter(&a2));
    let interaction = match (i1, i2) {
        (Some(x), Some(y)) => format!("{}{}", x.min(y), x.max(y)),
        (Some(x), None) => format!("{x}0"),
        _ => String::new(),
    };
    let civilian_targeting = if et == "Violence against civilians"
        || (i2 == Some(7) && disorder_type(et, &acled.sub_event_type) == "Political violence")
    {
        "Civilian targeting"
    } else {
        ""
    };
    let c = country.and_then(countries::by_iso3);
    let place = i.location.as_ref();
    let geo_precision = place.map(|p| match p.feature.as_str() {
        "landmark" | "locality" | "city" => "1",
        "admin2" => "2",
        _ => "3",
    });
    let time_precision = match i.date.precision.as_str() {
        "day" => "1",
        "week" => "2",
        _ => "3",
    };
    let name = |a: &Option<AcledActor>| a.as_ref().map(|a| a.name.clone()).unwrap_or_default();
    let code = |x: Option<u8>| x.map(|x| x.to_string()).unwrap_or_default();
    dedup(&mut assoc1, &name(&a1));
    dedup(&mut assoc2, &name(&a2));
    Some(vec![
        format!("{}{}", country.unwrap_or("XXX"), i.id),
        i.date.start.map(|d| d.to_string()).unwrap_or_default(),
        i.date
            .start
            .map(|d| chrono::Datelike::year(&d).to_string())
            .unwrap_or_default(),
        time_precision.to_string(),
        disorder_type(et, &acled.sub_event_type).to_string(),
        acled.event_type.clone(),
        acled.sub_event_type.clone(),
        name(&a1),
        assoc1.join("; "),
        code(i1),
        name(&a2),
        assoc2.join("; "),
        code(i2),
        interaction,
        civilian_targeting.to_string(),
        c.map(|c| c.numeric.to_string()).unwrap_or_default(),
        c.map(|c| c.region.to_string()).unwrap_or_default(),
        c.map(|c| c.name.to_string()).unwrap_or_default(),
        place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
        String::new(),
        String::new(),
        place.map(|p| p.name.clone()).unwrap_or_default(),
        place.map(|p| format!("{:.4}", p.lat)).unwrap_or_default(),
        place.map(|p| format!("{:.4}", p.lon)).unwrap_or_default(),
        geo_precision.unwrap_or("").to_string(),
        i.sources.join("; "),
        String::new(),
        i.notes.clone(),
        i.fatalities.as_ref().map(|f| f.total).unwrap_or(0).to_string(),
        String::new(),
        i.updated_at.to_string(),
        country.unwrap_or("").to_string(),
    ])
}

/// Associated actors: distinct, non-empty, and not the main actor again.
fn dedup(v: &mut Vec<String>, main: &str) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|s| !s.is_empty() && s != main && seen.insert(s.clone()));
}

/// Writes the incidents matching `filter` as ACLED-compatible CSV.
pub fn acled_csv(store: &Store, filter: &Filter, out: impl Write) -> Result<ExportStats> {
    let mut w = csv::Writer::from_writer(out);
    let mut stats = ExportStats::default();
    w.write_record(ACLED_COLUMNS).map_err(csv_error)?;
    store.for_each_incident(filter, false, |i| {
        match acled_row(&i) {
            Some(row) => {
                w.write_record(&row).map_err(csv_error)?;
                stats.written += 1;
            }
            None => stats.left_out += 1,
        }
        Ok(())
    })?;
    w.flush()?;
    Ok(stats)
}

fn csv_error(e: csv::Error) -> crate::StoreError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => crate::StoreError::Write(io),
        other => crate::StoreError::Write(std::io::Error::other(format!("{other:?}"))),
    }
}

/// The GeoJSON feature of an incident, or `None` without a place.
pub fn feature(i: &Incident) -> Option<Value> {
    let p = i.location.as_ref()?;
    let name = |a: &Option<IncidentActor>| a.as_ref().map(|a| a.name.clone());
    Some(json!({
        "type": "Feature",
        "id": i.id,
        "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
        "properties": {
            "id": i.id,
            "plover": i.plover,
            "cameo": i.cameo,
            "event_type": i.acled.as_ref().map(|a| &a.event_type),
            "sub_event_type": i.acled.as_ref().map(|a| &a.sub_event_type),
            "date_start": i.date.start,
            "date_end": i.date.end,
            "date_precision": i.date.precision,
            "place": p.name,
            "place_feature": p.feature,
            "admin1": p.admin1,
            "country": p.country,
            "fatalities": i.fatalities.as_ref().map(|f| f.total),
            "civilians": i.fatalities.as_ref().and_then(|f| f.civilians),
            "actor1": name(&i.actors.actor1),
            "actor2": name(&i.actors.actor2),
            "n_sources": i.n_sources,
            "n_reports": i.n_reports,
            "sources": i.sources.join("; "),
            "notes": i.notes,
        }
    }))
}

/// Writes the incidents matching `filter` that have a place as a GeoJSON
/// FeatureCollection (points, WGS 84).
pub fn geojson(store: &Store, filter: &Filter, mut out: impl Write) -> Result<ExportStats> {
    let mut stats = ExportStats::default();
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    store.for_each_incident(filter, false, |i| {
        match feature(&i) {
            Some(f) => {
                if stats.written > 0 {
                    out.write_all(b",\n")?;
                }
                serde_json::to_writer(&mut out, &f).map_err(std::io::Error::from)?;
                stats.written += 1;
            }
            None => stats.left_out += 1,
        }
        Ok(())
    })?;
    out.write_all(b"\n]}\n")?;
    out.flush()?;
    Ok(stats)
}

/// Writes the incidents matching `filter` as JSON Lines, each with its
/// supporting reports.
pub fn jsonl(store: &Store, filter: &Filter, mut out: impl Write) -> Result<ExportStats> {
    let mut stats = ExportStats::default();
    store.for_each_incident(filter, true, |i| {
        serde_json::to_writer(&mut out, &i).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
        stats.written += 1;
        Ok(())
    })?;
    out.flush()?;
    Ok(stats)
}

/// Columns of [`incidents_csv`].
pub const INCIDENT_COLUMNS: &[&str] = &[
    "id",
    "date_start",
    "date_end",
    "date_precision",
    "plover",
    "cameo",
    "event_type",
    "sub_event_type",
    "place",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "place_feature",
    "fatalities",
    "civilians",
    "actor1",
    "actor2",
    "n_sources",
    "n_reports",
    "sources",
    "notes",
];

/// Writes the incidents matching `filter` as plain CSV (Vigie's own columns,
/// every incident; see [`acled_csv`] for ACLED's layout).
pub fn incidents_csv(store: &Store, filter: &Filter, out: impl Write) -> Result<ExportStats> {
    let mut w = csv::Writer::from_writer(out);
    let mut stats = ExportStats::default();
    w.write_record(INCIDENT_COLUMNS).map_err(csv_error)?;
    store.for_each_incident(filter, false, |i| {
        w.write_record(incident_row(&i)).map_err(csv_error)?;
        stats.written += 1;
        Ok(())
    })?;
    w.flush()?;
    Ok(stats)
}

/// One incident as a row of [`INCIDENT_COLUMNS`].
pub fn incident_row(i: &Incident) -> [String; 22] {
    let opt = |x: Option<String>| x.unwrap_or_default();
    let p = i.location.as_ref();
    let name = |a: &Option<IncidentActor>| opt(a.as_ref().map(|a| a.name.clone()));
    [
        i.id.to_string(),
        opt(i.date.start.map(|d| d.to_string())),
        opt(i.date.end.map(|d| d.to_string())),
        i.date.precision.clone(),
        i.plover.clone(),
        i.cameo.clone(),
        opt(i.acled.as_ref().map(|a| a.event_type.clone())),
        opt(i.acled.as_ref().map(|a| a.sub_event_type.clone())),
        opt(p.map(|p| p.name.clone())),
        opt(p.and_then(|p| p.admin1.clone())),
        opt(p.and_then(|p| p.country.clone())),
        opt(p.map(|p| format!("{:.4}", p.lat))),
        opt(p.map(|p| format!("{:.4}", p.lon))),
        opt(p.map(|p| p.feature.clone())),
        opt(i.fatalities.as_ref().map(|f| f.total.to_string())),
        opt(i
            .fatalities
            .as_ref()
            .and_then(|f| f.civilians.map(|c| c.to_string()))),
        name(&i.actors.actor1),
        name(&i.actors.actor2),
        i.n_sources.to_string(),
        i.n_reports.to_string(),
        i.sources.join("; "),
        i.notes.clone(),
    ]
}

/// Columns of [`events_csv`].
pub const EVENT_COLUMNS: &[&str] = &[
    "event",
    "article",
    "incident",
    "published",
    "outlet",
    "date_start",
    "date_end",
    "plover",
    "cameo",
    "event_type",
    "sub_event_type",
    "source_actors",
    "target_actors",
    "place",
    "country",
    "latitude",
    "longitude",
    "fatalities",
    "negated",
    "hypothetical",
    "historical",
    "confidence",
    "evidence",
];

/// Writes the raw events matching `filter` as CSV, one row per event.
pub fn events_csv(store: &Store, filter: &Filter, out: impl Write) -> Result<ExportStats> {
    let mut w = csv::Writer::from_writer(out);
    let mut stats = ExportStats::default();
    w.write_record(EVENT_COLUMNS).map_err(csv_error)?;
    let opt = |x: Option<String>| x.unwrap_or_default();
    store.for_each_event(filter, |s| {
        let e = &s.event;
        let names = |v: &[vigie_model::Actor]| v.iter().map(|a| &*a.name).collect::<Vec<_>>().join("; ");
        let p = e.location.as_ref();
        let row = [
            e.id.clone(),
            s.article.id.clone(),
            opt(s.incident.map(|i| i.to_string())),
            opt(s.article.published.map(|d| d.to_string())),
            opt(s.article.source.clone()),
            opt(e.date.start.map(|d| d.to_string())),
            opt(e.date.end.map(|d| d.to_string())),
            e.plover.kind.as_str().to_string(),
            e.cameo.clone(),
            opt(e.acled.as_ref().map(|a| a.event_type.clone())),
            opt(e.acled.as_ref().map(|a| a.sub_event_type.clone())),
            names(&e.source),
            names(&e.target),
            opt(p.map(|p| p.name.clone())),
            opt(p.and_then(|p| p.country.clone())),
            opt(p.map(|p| format!("{:.4}", p.lat))),
            opt(p.map(|p| format!("{:.4}", p.lon))),
            opt(e.fatalities.as_ref().and_then(|f| f.total).map(|n| n.to_string())),
            e.modality.negated.to_string(),
            e.modality.hypothetical.to_string(),
            e.modality.historical.to_string(),
            format!("{:.2}", e.confidence),
            e.evidence.text.clone(),
        ];
        w.write_record(&row).map_err(csv_error)?;
        stats.written += 1;
        Ok(())
    })?;
    w.flush()?;
    Ok(stats)
}
