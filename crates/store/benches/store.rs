//! Store benchmark: ingest throughput and query latency on 100,000 synthetic
//! incidents.
//!
//! Generates, deterministically, 100,000 incidents over three years, 2,000
//! places in 20 countries and six event types, each told by one to four
//! reports (articles of one event, from different outlets, published on the
//! day or the day after, death tolls revised upwards), ingests the articles in
//! publication order in batches of 500 (articles/s, events/s), ingests 10,000
//! of them in random order into a fresh database (the cost of late arrivals),
//! rebuilds every incident (`reindex`), and times typical queries (p50/p99).
//!
//! `cargo bench -p vigie-store` (release). `VIGIE_BENCH_INCIDENTS=N` changes
//! the size; `VIGIE_BENCH_DIR` where the database is written (default: the
//! system temporary directory); `VIGIE_BENCH_KEEP=1` keeps the databases.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use vigie_model::*;
use vigie_store::query::{parse, Filter};
use vigie_store::{export, Order, Store};

const COUNTRIES: [(&str, &str, f64, f64); 20] = [
    ("UKR", "Ukraine", 49.0, 32.0),
    ("SDN", "Sudan", 15.0, 30.0),
    ("MLI", "Mali", 17.0, -4.0),
    ("NGA", "Nigeria", 9.0, 8.0),
    ("COD", "Democratic Republic of the Congo", -2.0, 23.0),
    ("SOM", "Somalia", 5.0, 46.0),
    ("SYR", "Syria", 35.0, 38.0),
    ("YEM", "Yemen", 15.5, 48.0),
    ("MMR", "Myanmar", 21.0, 96.0),
    ("PAK", "Pakistan", 30.0, 70.0),
    ("AFG", "Afghanistan", 34.0, 66.0),
    ("ETH", "Ethiopia", 9.0, 39.0),
    ("BFA", "Burkina Faso", 12.0, -1.5),
    ("MEX", "Mexico", 23.0, -102.0),
    ("COL", "Colombia", 4.0, -73.0),
    ("IRQ", "Iraq", 33.0, 44.0),
    ("LBY", "Libya", 27.0, 17.0),
    ("HTI", "Haiti", 19.0, -72.5),
    ("GEO", "Georgia", 42.0, 43.5),
    ("BGD", "Bangladesh", 24.0, 90.0),
];

const OUTLETS: [&str; 8] = [
    "AFP",
    "Reuters",
    "AP",
    "BBC",
    "Le Monde",
    "RFI",
    "Al Jazeera",
    "Xinhua",
];

struct Kind {
    plover: PloverType,
    cameo: &'static str,
    acled: Option<(&'static str, &'static str)>,
    sector: &'static str,
}

const KINDS: [Kind; 6] = [
    Kind {
        plover: PloverType::Assault,
        cameo: "195",
        acled: Some(("Explosions/Remote violence", "Air/drone strike")),
        sector: "MIL",
    },
    Kind {
        plover: PloverType::Assault,
        cameo: "190",
        acled: Some(("Battles", "Armed clash")),
        sector: "REB",
    },
    Kind {
        plover: PloverType::Protest,
        cameo: "141",
        acled: Some(("Protests", "Peaceful protest")),
        sector: "CVL",
    },
    Kind {
        plover: PloverType::Coerce,
        cameo: "173",
        acled: Some(("Strategic developments", "Arrests")),
        sector: "COP",
    },
    Kind {
        plover: PloverType::Consult,
        cameo: "040",
        acled: None,
        sector: "GOV",
    },
    Kind {
        plover: PloverType::Accuse,
        cameo: "112",
        acled: None,
        sector: "GOV",
    },
];

// Public so that the serve benchmark (crates/serve/benches/load.rs) seeds its
// database with the same generator.
pub struct Article {
    pub published: NaiveDate,
    pub text: String,
    pub record: ArticleEvents,
}

pub fn generate(n: usize) -> Vec<Article> {
    let mut rng = fastrand::Rng::with_seed(7);
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let mut articles = Vec::new();
    for i in 0..n {
        let (iso, cname, clat, clon) = COUNTRIES[rng.usize(..COUNTRIES.len())];
        // 100 places per country on a grid 0.6 degrees apart (> 25 km).
        let p = rng.usize(..100);
        let (lat, lon) = (
            clat - 3.0 + (p / 10) as f64 * 0.6,
            clon - 3.0 + (p % 10) as f64 * 0.6,
        );
        let kind = &KINDS[rng.usize(..KINDS.len())];
        let day = start + chrono::Days::new(rng.u64(..1095));
        let reports = 1 + rng.usize(..4);
        let mut deaths = (kind.plover == PloverType::Assault).then(|| rng.u64(1..30));
        let first_outlet = rng.usize(..OUTLETS.len());
        let other = COUNTRIES[rng.usize(..COUNTRIES.len())];
        for r in 0..reports {
            let published = day + chrono::Days::new(rng.u64(..2));
            let outlet = OUTLETS[(first_outlet + r) % OUTLETS.len()];
            let text = format!(
                "Report {r} of incident {i}: {} in place {p} of {cname}, {deaths:?} dead.",
                kind.plover.as_str()
            );
            let source = Actor {
                text: "forces".into(),
                name: format!("Military Forces of {cname}").into(),
                country: Some(iso.into()),
                sector: Some(kind.sector.into()),
                role: None,
                igo: None,
            };
            let target = Actor {
                text: "civilians".into(),
                name: format!("Civilians ({})", other.1).into(),
                country: Some(other.0.into()),
                sector: Some("CVL".into()),
                role: None,
                igo: None,
            };
            let event = Event {
                id: format!("ev-{i:07}-{r}"),
                plover: Plover {
                    kind: kind.plover,
                    mode: None,
                    context: vec![],
                },
                cameo: kind.cameo.into(),
                acled: kind.acled.map(|(t, s)| Acled {
                    event_type: t.into(),
                    sub_event_type: s.into(),
                }),
                source: vec![source],
                target: vec![target],
                date: EventDate {
                    text: Some("Monday".into()),
                    start: Some(day),
                    end: Some(day),
                    precision: Precision::Day,
                },
                location: Some(Place {
                    text: format!("place {p}"),
                    name: format!("{cname} place {p}"),
                    country: Some(iso.into()),
                    admin1: Some(format!("{iso}-{}", p / 25)),
                    lat,
                    lon,
                    feature: Feature::City,
                    geonames_id: None,
                }),
                fatalities: deaths.map(|d| Fatalities {
                    total: Some(d),
                    civilians: None,
                    qualifier: Qualifier::AtLeast,
                    text: format!("at least {d}"),
                }),
                attribution: None,
                modality: Modality::default(),
                evidence: Evidence {
                    sentence: 0,
                    start: 0,
                    end: text.len(),
                    text: text.clone(),
                },
                confidence: 0.9,
            };
            // Later reports revise the toll upwards.
            deaths = deaths.map(|d| d + rng.u64(..3));
            articles.push(Article {
                published,
                record: ArticleEvents {
                    article: ArticleMeta {
                        id: format!("a{i:07}-{r}"),
                        lang: "en".into(),
                        published: Some(published),
                        source: Some(outlet.into()),
                        url: None,
                        title: None,
                    },
                    events: vec![event],
                    warnings: vec![],
                    sentences: vec![],
                    tokens: None,
                },
                text,
            });
        }
    }
    articles
}

pub fn db_path(name: &str) -> std::path::PathBuf {
    let dir = std::env::var_os("VIGIE_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let p = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
    }
    p
}

/// CPU time of this thread (Linux), to report figures that do not depend on
/// what else the machine runs; `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Wall-clock and CPU time of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Option<Duration>) {
    let (t, c) = (Instant::now(), cpu_time());
    let v = f();
    let cpu = match (c, cpu_time()) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    (v, t.elapsed(), cpu)
}

fn rate(n: u64, wall: Duration, cpu: Option<Duration>) -> String {
    match cpu {
        Some(c) => format!(
            "{:.0}/s wall, {:.0}/s of CPU",
            n as f64 / wall.as_secs_f64(),
            n as f64 / c.as_secs_f64()
        ),
        None => format!("{:.0}/s wall", n as f64 / wall.as_secs_f64()),
    }
}

pub fn ingest(store: &mut Store, articles: &[&Article]) -> (Duration, Option<Duration>) {
    let ((), wall, cpu) = timed(|| {
        for chunk in articles.chunks(500) {
            let mut batch = store.batch().expect("batch");
            for a in chunk {
                batch.ingest(&a.text, &a.record).expect("ingest");
            }
            batch.commit().expect("commit");
        }
    });
    (wall, cpu)
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    // `cargo test` runs benches with --bench in test mode: stay quick then.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let n: usize = std::env::var("VIGIE_BENCH_INCIDENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let t = Instant::now();
    let mut articles = generate(n);
    articles.sort_by_key(|a| a.published);
    println!(
        "generated {n} incidents, {} articles in {:.1} s",
        articles.len(),
        t.elapsed().as_secs_f64()
    );

    let path = db_path("vigie-bench-store.db");
    let mut store = Store::open(&path).expect("open");
    let all: Vec<&Article> = articles.iter().collect();
    let (took, cpu) = ingest(&mut store, &all);
    let counts = store.counts().expect("counts");
    println!(
        "ingest in publication order: {} articles, {} events -> {} incidents in {:.1} s \
         ({:.1} s of CPU): articles {}; events {}",
        counts.articles,
        counts.events,
        counts.incidents,
        took.as_secs_f64(),
        cpu.unwrap_or_default().as_secs_f64(),
        rate(counts.articles, took, cpu),
        rate(counts.events, took, cpu),
    );
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("database: {:.0} MB", size as f64 / 1e6);

    let first: Vec<&Article> = articles.iter().take(10_000).collect();
    let (wall, cpu) = ingest(&mut store, &first);
    println!(
        "re-ingest of 10,000 stored articles (all skipped): articles {}",
        rate(10_000, wall, cpu)
    );

    let (incidents, wall, cpu) = timed(|| store.reindex().expect("reindex"));
    println!(
        "reindex: {incidents} incidents in {:.1} s ({:.1} s of CPU)",
        wall.as_secs_f64(),
        cpu.unwrap_or_default().as_secs_f64()
    );

    // Queries as an analyst or the dashboard makes them.
    let month = |y, m| {
        (
            parse::date(&format!("{y}-{m:02}"), false).unwrap(),
            parse::date(&format!("{y}-{m:02}"), true).unwrap(),
        )
    };
    let mut rng = fastrand::Rng::with_seed(11);
    type Make = Box<dyn Fn(&mut fastrand::Rng) -> Filter>;
    let cases: Vec<(&str, Make)> = vec![
        (
            "country + month, newest 100",
            Box::new(move |rng| {
                let (since, until) = month(2023 + rng.i32(0..3), 1 + rng.u32(0..12));
                Filter {
                    country: Some(COUNTRIES[rng.usize(..20)].0.into()),
                    since: Some(since),
                    until: Some(until),
                    order: Order::Newest,
                    limit: Some(100),
                    ..Filter::default()
                }
            }),
        ),
        (
            "ACLED type + min fatalities, 100",
            Box::new(|rng| Filter {
                acled: Some("Air/drone strike".into()),
                min_fatalities: Some(20 + rng.u64(..10)),
                limit: Some(100),
                ..Filter::default()
            }),
        ),
        (
            "bounding box 4x4 degrees, 100",
            Box::new(|rng| {
                let (_, _, lat, lon) = COUNTRIES[rng.usize(..20)];
                Filter {
                    bbox: Some(
                        parse::bbox(&format!(
                            "{},{},{},{}",
                            lon - 2.0,
                            lat - 2.0,
                            lon + 2.0,
                            lat + 2.0
                        ))
                        .unwrap(),
                    ),
                    limit: Some(100),
                    ..Filter::default()
                }
            }),
        ),
        (
            "actor name, 100",
            Box::new(|rng| Filter {
                actor: Some(COUNTRIES[rng.usize(..20)].1.into()),
                limit: Some(100),
                ..Filter::default()
            }),
        ),
        (
            "full text, 100",
            Box::new(move |rng| Filter {
                text: Some(format!("\"incident {}\"", rng.usize(..n))),
                limit: Some(100),
                ..Filter::default()
            }),
        ),
        (
            "country + type, all (~800 rows)",
            Box::new(|rng| Filter {
                country: Some(COUNTRIES[rng.usize(..20)].0.into()),
                plover: Some(PloverType::Protest),
                ..Filter::default()
            }),
        ),
    ];
    for (name, make) in &cases {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..200 {
            let f = make(&mut rng);
            let t = Instant::now();
            let got = store.incidents(&f, false).expect("query");
            times.push(t.elapsed());
            rows += got.len();
        }
        times.sort();
        println!(
            "query {name}: p50 {:.2} ms, p99 {:.2} ms, {:.0} rows on average",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            rows as f64 / times.len() as f64
        );
    }
    let t = Instant::now();
    let stats = export::acled_csv(&store, &Filter::default(), std::io::sink()).expect("export");
    println!(
        "ACLED CSV export of every incident: {} rows in {:.1} s",
        stats.written,
        t.elapsed().as_secs_f64()
    );
    drop(store);

    // Late arrivals: 10,000 articles in random order into a fresh database.
    let mut sample: Vec<&Article> = articles.iter().take(10_000).collect();
    rng.shuffle(&mut sample);
    let path2 = db_path("vigie-bench-store-shuffled.db");
    let mut store = Store::open(&path2).expect("open");
    let (wall, cpu) = ingest(&mut store, &sample);
    let mut sorted = sample.clone();
    sorted.sort_by_key(|a| a.published);
    let path3 = db_path("vigie-bench-store-sorted.db");
    let mut store3 = Store::open(&path3).expect("open");
    let (wall_sorted, cpu_sorted) = ingest(&mut store3, &sorted);
    println!(
        "10,000 articles into a new database: in random order {}; in publication order {}",
        rate(10_000, wall, cpu),
        rate(10_000, wall_sorted, cpu_sorted)
    );
    drop(store);
    drop(store3);
    if std::env::var_os("VIGIE_BENCH_KEEP").is_some() {
        println!("kept {}", path.display());
        return;
    }
    for p in [&path, &path2, &path3] {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
        }
    }
}
