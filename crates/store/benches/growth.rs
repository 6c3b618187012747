//! Store benchmark: does the cost of adding an event grow with the database?
//!
//! Ingests articles in batches of 500 into a new database and prints the
//! events stored per second (wall clock and CPU of this thread) for each
//! block of 10,000 events, then the ratio of the rate once the database holds
//! 50,000 and 100,000 events to the rate of the first block. A ratio near 1
//! means insertion cost does not depend on the database's size.
//!
//! Input: `VIGIE_BENCH_RECORDS=FILE` reads `vigie extract` output (one
//! `ArticleEvents` per line; the article id stands for its text), for
//! instance of the corpus `cargo bench --bench ingest` generates (36 golden
//! articles rewritten with other places, names and dates: many events share
//! their type, day and place). Without it, a deterministic generator of that
//! shape is used: 36 article templates of three to eight events (fixed types
//! and actors), each copy placed in one of 40 cities of 10 countries, dated
//! on a day of three years, with month-wide dates, region-level and
//! country-level places and place-less events in the proportions of that
//! corpus. `VIGIE_BENCH_EVENTS=N` stops after about N events (default
//! 120,000); `VIGIE_BENCH_DIR` is where the database is written.
//!
//! `cargo bench -p vigie-store --bench growth`.

use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use vigie_model::*;
use vigie_store::Store;

const BLOCK: u64 = 10_000;

/// 40 cities in 10 countries: (country, admin1 prefix, lat, lon).
const COUNTRIES: [(&str, f64, f64); 10] = [
    ("UKR", 49.0, 32.0),
    ("SDN", 15.0, 30.0),
    ("MLI", 17.0, -4.0),
    ("NGA", 9.0, 8.0),
    ("SYR", 35.0, 38.0),
    ("FRA", 46.5, 2.5),
    ("ISR", 31.5, 34.9),
    ("COD", -2.0, 23.0),
    ("USA", 39.0, -98.0),
    ("RUS", 55.0, 40.0),
];

const TYPES: [PloverType; 8] = [
    PloverType::Assault,
    PloverType::Assault,
    PloverType::Assault,
    PloverType::Coerce,
    PloverType::Consult,
    PloverType::Accuse,
    PloverType::Threaten,
    PloverType::Protest,
];

fn actor(country: &str, sector: &str) -> Actor {
    Actor {
        text: format!("{sector} of {country}"),
        name: format!("{sector} of {country}").into(),
        country: Some(country.to_string().into()),
        sector: Some(sector.to_string().into()),
        role: None,
        igo: None,
    }
}

/// One event of a template: type, actor countries, date kind, place kind.
#[derive(Clone)]
struct Slot {
    plover: PloverType,
    source: Option<usize>,
    target: Option<usize>,
    /// 0 the day, 1 the month, 2 the week.
    span: u8,
    /// 0 city, 1 admin1, 2 country, 3 none.
    place: u8,
}

fn templates(rng: &mut fastrand::Rng) -> Vec<Vec<Slot>> {
    (0..36)
        .map(|_| {
            (0..rng.usize(3..=8))
                .map(|_| Slot {
                    plover: TYPES[rng.usize(..TYPES.len())],
                    source: (rng.u8(..10) < 8).then(|| rng.usize(..COUNTRIES.len())),
                    target: (rng.u8(..10) < 5).then(|| rng.usize(..COUNTRIES.len())),
                    span: match rng.u8(..100) {
                        0..=84 => 0,
                        85..=96 => 1,
                        _ => 2,
                    },
                    place: match rng.u8(..100) {
                        0..=83 => 0,
                        84..=94 => 1,
                        95..=97 => 2,
                        _ => 3,
                    },
                })
                .collect()
        })
        .collect()
}

/// Deterministic articles of the bench corpus's shape (see the module doc).
fn generate(events: u64) -> Vec<(String, ArticleEvents)> {
    let mut rng = fastrand::Rng::with_seed(9);
    let templates = templates(&mut rng);
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut out = Vec::new();
    let mut n = 0u64;
    let mut i = 0usize;
    while n < events {
        let t = &templates[i % templates.len()];
        let c = rng.usize(..COUNTRIES.len());
        let (iso, clat, clon) = COUNTRIES[c];
        // Four cities a country, about 100 km apart.
        let city = rng.usize(..4);
        let (lat, lon) = (clat + city as f64, clon + city as f64 * 0.5);
        let published = start + chrono::Days::new(rng.u64(..1095));
        let evs: Vec<Event> = t
            .iter()
            .enumerate()
            .map(|(j, s)| {
                let day = published - chrono::Days::new(rng.u64(..4));
                let (d0, d1, precision) = match s.span {
                    0 => (day, day, Precision::Day),
                    1 => {
                        let first = day.with_day0(0).unwrap();
                        let last = (first + chrono::Months::new(1)) - chrono::Days::new(1);
                        (first, last, Precision::Month)
                    }
                    _ => (day, day + chrono::Days::new(6), Precision::Week),
                };
                let place = |feature, lat, lon, admin1: Option<String>| Place {
                    text: "here".into(),
                    name: format!("{iso} {feature:?}"),
                    country: Some(iso.into()),
                    admin1,
                    lat,
                    lon,
                    feature,
                    geonames_id: None,
                };
                let location = match s.place {
                    0 => Some(place(Feature::City, lat, lon, Some(format!("{iso}-{city}")))),
                    1 => Some(place(Feature::Admin1, lat, lon, Some(format!("{iso}-{city}")))),
                    2 => Some(place(Feature::Country, clat, clon, None)),
                    _ => None,
                };
                // The first actor is of the article's country; others keep
                // the template's.
                let who = |k: Option<usize>, sector| {
                    k.map(|k| actor(COUNTRIES[if k == 0 { c } else { k }].0, sector))
                        .into_iter()
                        .collect::<Vec<_>>()
                };
                let text = format!("article {i} event {j}");
                Event {
                    id: format!("ev-{i}-{j}"),
                    plover: Plover {
                        kind: s.plover,
                        mode: None,
                        context: vec![],
                    },
                    cameo: "190".into(),
                    acled: None,
                    source: who(s.source, "MIL"),
                    target: who(s.target, "CVL"),
                    date: EventDate {
                        text: Some("lundi".into()),
                        start: Some(d0),
                        end: Some(d1),
                        precision,
                    },
                    location,
                    fatalities: None,
                    attribution: None,
                    modality: Modality::default(),
                    evidence: Evidence {
                        sentence: j,
                        start: 0,
                        end: text.len(),
                        text,
                    },
                    confidence: 0.8,
                }
            })
            .collect();
        n += evs.len() as u64;
        out.push((
            format!("generated article {i}"),
            ArticleEvents {
                article: ArticleMeta {
                    id: format!("gen-{i}"),
                    lang: "fr".into(),
                    published: Some(published),
                    source: Some("Vigie".into()),
                    url: None,
                    title: None,
                },
                events: evs,
                warnings: vec![],
                sentences: vec![],
                tokens: None,
            },
        ));
        i += 1;
    }
    out
}

fn read_records(path: &str, events: u64) -> Vec<(String, ArticleEvents)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut out = Vec::new();
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if n >= events {
            break;
        }
        let r: ArticleEvents = serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", i + 1));
        n += r.events.len() as u64;
        out.push((format!("article {}", r.article.id), r));
    }
    out
}

/// CPU time of this thread (Linux); `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn main() {
    // `cargo test` runs benches with --bench in test mode: stay quick then.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let limit: u64 = std::env::var("VIGIE_BENCH_EVENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120_000);
    let (source, articles) = match std::env::var("VIGIE_BENCH_RECORDS") {
        Ok(path) => (path.clone(), read_records(&path, limit)),
        Err(_) => ("generated".to_string(), generate(limit)),
    };
    println!("input: {source}, {} articles", articles.len());
    let dir = std::env::var_os("VIGIE_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let path = dir.join("vigie-bench-growth.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut store = Store::open(&path).expect("open");
    // (events at the block's start, events/s wall, events/s CPU)
    let mut blocks: Vec<(u64, f64, f64)> = Vec::new();
    let (mut stored, mut block_start) = (0u64, 0u64);
    let (mut wall, mut cpu) = (Instant::now(), cpu_time());
    println!(
        "{:>10} {:>10} {:>14} {:>14}",
        "events", "incidents", "events/s wall", "events/s CPU"
    );
    for chunk in articles.chunks(500) {
        let mut batch = store.batch().expect("batch");
        for (text, record) in chunk {
            if let vigie_store::IngestOutcome::Added { events } = batch.ingest(text, record).expect("ingest")
            {
                stored += events as u64;
            }
        }
        batch.commit().expect("commit");
        if stored - block_start >= BLOCK {
            let n = (stored - block_start) as f64;
            let w = n / wall.elapsed().as_secs_f64();
            let c = match (cpu, cpu_time()) {
                (Some(a), Some(b)) => n / (b - a).as_secs_f64(),
                _ => f64::NAN,
            };
            let incidents = store.counts().expect("counts").incidents;
            println!("{block_start:>10} {incidents:>10} {w:>14.0} {c:>14.0}");
            blocks.push((block_start, w, c));
            block_start = stored;
            wall = Instant::now();
            cpu = cpu_time();
        }
    }
    if let Some(&(_, w0, c0)) = blocks.first() {
        for at in [50_000, 100_000] {
            if let Some(&(s, w, c)) = blocks.iter().find(|b| b.0 >= at) {
                println!(
                    "after {s} events: {w:.0} events/s wall ({:.2}x the first block), \
                     {c:.0} of CPU ({:.2}x)",
                    w / w0,
                    c / c0
                );
            }
        }
    }
    // The incidents placed one event at a time must be those of the full
    // pass: a faster placement that changed them would be no speed-up.
    let conn = store.connection();
    conn.execute_batch("CREATE TEMP TABLE placed AS SELECT event, incident FROM incident_events")
        .expect("copy");
    let n = store.reindex().expect("reindex");
    let differ: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM incident_events ie LEFT JOIN temp.placed p ON p.event = ie.event \
             WHERE p.incident IS NOT ie.incident",
            [],
            |r| r.get(0),
        )
        .expect("compare");
    println!("reindex: {n} incidents; events placed otherwise by ingest: {differ}");
    assert_eq!(differ, 0, "incremental placement differs from the full pass");
    drop(store);
    if std::env::var_os("VIGIE_BENCH_KEEP").is_none() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
