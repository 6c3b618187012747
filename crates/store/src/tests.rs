//! Tests of the store on synthetic records: idempotent ingest, refusal of
//! foreign files, order-independent incidents, queries and exports.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use vigie_model::*;

use super::*;
use crate::query::{parse, Filter};

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-store-unit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
    }
    p
}

fn actor(name: &str, country: Option<&str>, sector: &str) -> Actor {
    Actor {
        text: name.to_string(),
        name: name.to_string().into(),
        country: country.map(|c| c.to_string().into()),
        sector: Some(sector.to_string().into()),
        role: None,
        igo: None,
    }
}

/// A place: 0..3 cities, 10 a region, 20 the country.
fn place(which: u8) -> Place {
    let (name, lat, lon, feature, admin1) = match which {
        0 => ("Kharkiv", 49.99, 36.23, Feature::City, "Kharkiv"),
        1 => ("Odesa", 46.48, 30.73, Feature::City, "Odesa"),
        2 => ("Kherson", 46.64, 32.61, Feature::City, "Kherson"),
        3 => ("Chuhuiv", 49.84, 36.69, Feature::City, "Kharkiv"),
        10 => ("Kharkiv Oblast", 49.5, 36.5, Feature::Admin1, "Kharkiv"),
        _ => ("Ukraine", 49.0, 32.0, Feature::Country, ""),
    };
    Place {
        text: name.into(),
        name: name.into(),
        country: Some("UKR".into()),
        admin1: (!admin1.is_empty()).then(|| admin1.to_string()),
        lat,
        lon,
        feature,
        geonames_id: None,
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

struct Spec {
    id: String,
    plover: PloverType,
    day: u32,
    /// Days the date range lasts beyond `day` ("this week": 6).
    span: u32,
    place: Option<u8>,
    source: Vec<Actor>,
    fatalities: Option<u64>,
}

fn event(s: &Spec) -> Event {
    Event {
        id: s.id.clone(),
        plover: Plover {
            kind: s.plover,
            mode: None,
            context: vec![],
        },
        cameo: "190".into(),
        acled: (s.plover == PloverType::Assault).then(|| Acled {
            event_type: "Explosions/Remote violence".into(),
            sub_event_type: "Shelling/artillery/missile attack".into(),
        }),
        source: s.source.clone(),
        target: vec![actor("Civilians (Ukraine)", Some("UKR"), "CVL")],
        date: EventDate {
            text: Some("Monday".into()),
            start: Some(day(s.day)),
            end: Some(day(s.day + s.span)),
            precision: if s.span == 0 {
                Precision::Day
            } else {
                Precision::Week
            },
        },
        location: s.place.map(place),
        fatalities: s.fatalities.map(|n| Fatalities {
            total: Some(n),
            civilians: None,
            qualifier: Qualifier::AtLeast,
            text: format!("at least {n} people"),
        }),
        attribution: None,
        modality: Modality::default(),
        evidence: Evidence {
            sentence: 0,
            start: 0,
            end: 10,
            text: format!("Russian shelling killed people ({})", s.id),
        },
        confidence: 0.9,
    }
}

fn record(id: &str, published: u32, outlet: &str, events: Vec<Event>) -> ArticleEvents {
    ArticleEvents {
        article: ArticleMeta {
            id: id.into(),
            lang: "en".into(),
            published: Some(day(published)),
            source: Some(outlet.into()),
            url: None,
            title: None,
        },
        events,
        warnings: vec![],
        sentences: vec![],
        tokens: None,
    }
}

/// Incidents as sets of article/event ids: comparable across databases.
fn partition(store: &Store) -> BTreeSet<BTreeSet<String>> {
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT ie.incident, a.article_id || '/' || e.event_id FROM incident_events ie \
             JOIN events e ON e.id = ie.event JOIN articles a ON a.id = e.article \
             ORDER BY ie.incident",
        )
        .unwrap();
    let rows: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut out = BTreeSet::new();
    let mut cur: (Option<i64>, BTreeSet<String>) = (None, BTreeSet::new());
    for (inc, ev) in rows {
        if cur.0 != Some(inc) {
            if cur.0.is_some() {
                out.insert(std::mem::take(&mut cur.1));
            }
            cur.0 = Some(inc);
        }
        cur.1.insert(ev);
    }
    if cur.0.is_some() {
        out.insert(cur.1);
    }
    out
}

#[test]
fn ingest_is_idempotent_by_id_and_by_text() {
    let path = tmp("idem.db");
    let mut store = Store::open(&path).unwrap();
    let ev = event(&Spec {
        id: "ev-a".into(),
        plover: PloverType::Assault,
        day: 2,
        span: 0,
        place: Some(0),
        source: vec![],
        fatalities: Some(3),
    });
    let rec = record("a1", 2, "AFP", vec![ev]);
    assert_eq!(
        store.ingest("text one", &rec).unwrap(),
        IngestOutcome::Added { events: 1 }
    );
    let before = store.counts().unwrap();
    assert_eq!(
        before,
        Counts {
            articles: 1,
            events: 1,
            incidents: 1
        }
    );
    assert_eq!(
        store.ingest("other text", &rec).unwrap(),
        IngestOutcome::Duplicate {
            existing: "a1".into(),
            by: Duplicate::Id
        }
    );
    let mut same_text = rec.clone();
    same_text.article.id = "a2".into();
    assert_eq!(
        store.ingest("text one", &same_text).unwrap(),
        IngestOutcome::Duplicate {
            existing: "a1".into(),
            by: Duplicate::Content
        }
    );
    assert_eq!(store.counts().unwrap(), before);
    // Reopening keeps everything.
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.counts().unwrap(), before);
}

#[test]
fn a_dropped_batch_rolls_back() {
    let path = tmp("rollback.db");
    let mut store = Store::open(&path).unwrap();
    {
        let mut batch = store.batch().unwrap();
        batch.ingest("x", &record("a1", 2, "AFP", vec![])).unwrap();
        assert_eq!(batch.counts().unwrap().articles, 1);
    }
    assert_eq!(store.counts().unwrap().articles, 0);
}

fn file_bytes(p: &std::path::Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn foreign_files_are_refused_and_untouched() {
    // Not SQLite at all.
    let text = tmp("notes.db");
    std::fs::write(&text, "these are my notes, not a database\n").unwrap();
    let err = Store::open(&text).unwrap_err();
    assert!(matches!(err, StoreError::NotVigie { .. }), "{err}");
    assert!(err.to_string().contains("not a SQLite database"), "{err}");
    assert!(err.to_string().contains("left untouched"), "{err}");
    assert_eq!(file_bytes(&text), b"these are my notes, not a database\n");

    // Another program's SQLite database.
    let other = tmp("other.db");
    {
        let conn = Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('x');")
            .unwrap();
    }
    let before = file_bytes(&other);
    let err = Store::open(&other).unwrap_err();
    assert!(err.to_string().contains("another program"), "{err}");
    assert_eq!(file_bytes(&other), before);
    assert!(!std::path::Path::new(&format!("{}-wal", other.display())).exists());

    // A Vigie database from the future.
    let newer = tmp("newer.db");
    drop(Store::open(&newer).unwrap());
    {
        let conn = Connection::open(&newer).unwrap();
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'", [])
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = file_bytes(&newer);
    let err = Store::open(&newer).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::TooNew {
                found: 99,
                supported: SCHEMA_VERSION,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("schema version 99"), "{err}");
    assert_eq!(file_bytes(&newer), before);
    assert!(Store::open_read_only(&newer).is_err());

    // A missing file is not created by a read-only open.
    let missing = tmp("missing.db");
    assert!(matches!(
        Store::open_read_only(&missing).unwrap_err(),
        StoreError::Missing { .. }
    ));
    assert!(!missing.exists());
}

/// A deterministic random stream of reports over a small world (four cities,
/// a region, the country, five days, a few actors) so that many are
/// compatible and the greedy pass has real choices to make.
fn random_records(seed: u64, n: usize) -> Vec<(String, ArticleEvents)> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let sources = [
        vec![actor("Military Forces of Russia", Some("RUS"), "MIL")],
        vec![actor("Military Forces of Ukraine", Some("UKR"), "MIL")],
        vec![actor("Rebels", None, "REB")],
        vec![],
    ];
    let places = [Some(0), Some(1), Some(2), Some(3), Some(10), Some(20), None];
    let types = [PloverType::Assault, PloverType::Assault, PloverType::Protest];
    (0..n)
        .map(|i| {
            let k = rng.usize(1..=2);
            let events = (0..k)
                .map(|j| {
                    event(&Spec {
                        // Even seeds: ids a caller made up, the same in every
                        // article ("e0", "e1"), which must not make the
                        // order ambiguous.
                        id: if seed.is_multiple_of(2) {
                            format!("e{j}")
                        } else {
                            format!("ev-{seed}-{i}-{j}")
                        },
                        plover: types[rng.usize(..types.len())],
                        day: rng.u32(1..=5),
                        span: if rng.u8(..8) == 0 { 6 } else { 0 },
                        place: places[rng.usize(..places.len())],
                        source: sources[rng.usize(..sources.len())].clone(),
                        fatalities: rng.bool().then(|| rng.u64(1..20)),
                    })
                })
                .collect();
            let text = format!("article {seed} {i}");
            (
                text,
                record(&format!("a{seed}-{i}"), rng.u32(1..=6), "AFP", events),
            )
        })
        .collect()
}

#[test]
fn incidents_do_not_depend_on_ingest_order() {
    for seed in 1..=6u64 {
        let records = random_records(seed, 40);
        let mut reference: Option<BTreeSet<BTreeSet<String>>> = None;
        let mut rng = fastrand::Rng::with_seed(seed * 1000);
        for round in 0..4 {
            let mut order: Vec<usize> = (0..records.len()).collect();
            match round {
                0 => {}
                1 => order.reverse(),
                _ => rng.shuffle(&mut order),
            }
            let path = tmp(&format!("order-{seed}-{round}.db"));
            let mut store = Store::open(&path).unwrap();
            // Mixed batch sizes: transactions do not change the result.
            for chunk in order.chunks(1 + round * 3) {
                let mut batch = store.batch().unwrap();
                for &i in chunk {
                    batch.ingest(&records[i].0, &records[i].1).unwrap();
                }
                batch.commit().unwrap();
            }
            let incremental = partition(&store);
            let n = store.reindex().unwrap();
            let full = partition(&store);
            assert_eq!(
                incremental, full,
                "seed {seed} round {round}: incremental placement differs from reindex"
            );
            assert_eq!(n as usize, full.len());
            match &reference {
                None => reference = Some(full),
                Some(r) => assert_eq!(r, &full, "seed {seed} round {round}"),
            }
        }
        let r = reference.unwrap();
        let events: usize = r.iter().map(|s| s.len()).sum();
        assert!(r.len() < events, "seed {seed}: some reports must merge");
    }
}

fn sample_store(name: &str) -> Store {
    let path = tmp(name);
    let mut store = Store::open(&path).unwrap();
    let russia = || vec![actor("Military Forces of Russia", Some("RUS"), "MIL")];
    let s = |id: &str, d, p, f| Spec {
        id: id.into(),
        plover: PloverType::Assault,
        day: d,
        span: 0,
        place: Some(p),
        source: russia(),
        fatalities: f,
    };
    let items = [
        ("a1", 2, "AFP", vec![event(&s("ev-1", 2, 0, Some(12)))]),
        ("a2", 2, "Reuters", vec![event(&s("ev-2", 2, 10, Some(12)))]),
        ("a3", 3, "AFP", vec![event(&s("ev-3", 2, 0, Some(15)))]),
        ("a4", 2, "BBC", vec![event(&s("ev-4", 2, 1, None))]),
    ];
    for (id, d, outlet, events) in items {
        store
            .ingest(&format!("text of {id}"), &record(id, d, outlet, events))
            .unwrap();
    }
    let mut protest = event(&Spec {
        id: "ev-5".into(),
        plover: PloverType::Protest,
        day: 4,
        span: 0,
        place: Some(1),
        source: vec![Actor {
            role: Some("protester".into()),
            ..actor("Protesters (Ukraine)", Some("UKR"), "CVL")
        }],
        fatalities: None,
    });
    protest.acled = Some(Acled {
        event_type: "Protests".into(),
        sub_event_type: "Peaceful protest".into(),
    });
    protest.target.clear();
    protest.evidence.text = "Hundreds rallied in Odesa against the mobilisation law.".into();
    store
        .ingest("text of a5", &record("a5", 4, "Ukrinform", vec![protest]))
        .unwrap();
    store
}

#[test]
fn merged_incident_keeps_latest_toll_and_counts_sources() {
    let store = sample_store("merge.db");
    let all = store.incidents(&Filter::default(), true).unwrap();
    assert_eq!(all.len(), 3, "{all:#?}");
    let kharkiv = all
        .iter()
        .find(|i| i.location.as_ref().unwrap().name == "Kharkiv")
        .unwrap();
    assert_eq!(kharkiv.n_reports, 3);
    assert_eq!(kharkiv.sources, vec!["AFP", "Reuters"]);
    assert_eq!(kharkiv.n_sources, 2);
    let f = kharkiv.fatalities.as_ref().unwrap();
    assert_eq!((f.total, f.event.as_deref()), (15, Some("ev-3")));
    assert_eq!(kharkiv.reports.len(), 3);
    assert_eq!(
        kharkiv.actors.actor1.as_ref().unwrap().name,
        "Military Forces of Russia"
    );
}

#[test]
fn filters_select_what_they_say() {
    let store = sample_store("filters.db");
    let count = |f: Filter| store.incidents(&f, false).unwrap().len();
    assert_eq!(count(Filter::default()), 3);
    assert_eq!(
        count(Filter {
            plover: Some(PloverType::Protest),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            acled: Some(parse::acled("peaceful protest").unwrap()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            min_fatalities: Some(13),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            bbox: Some(parse::bbox("35,49,37,51").unwrap()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            since: Some(day(3)),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            until: Some(day(2)),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            actor: Some("russia".into()),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            actor: Some("RUS".into()),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            text: Some("mobilisation".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            country: Some("RUS".into()),
            ..Filter::default()
        }),
        0
    );
    let newest = store
        .incidents(
            &Filter {
                order: Order::Newest,
                limit: Some(1),
                ..Filter::default()
            },
            false,
        )
        .unwrap();
    assert_eq!(newest[0].plover, "PROTEST");
    let bad = store.incidents(
        &Filter {
            text: Some("\"unbalanced".into()),
            ..Filter::default()
        },
        false,
    );
    assert!(
        matches!(bad, Err(StoreError::BadFilter { name: "text", .. })),
        "{bad:?}"
    );
    // Raw events: every report, with its article.
    let raw = store.events(&Filter::default()).unwrap();
    assert_eq!(raw.len(), 5);
    assert!(raw.iter().all(|e| e.incident.is_some()));
    let raw_fat = store
        .events(&Filter {
            min_fatalities: Some(13),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(raw_fat.len(), 1);
    assert_eq!(raw_fat[0].article.id, "a3");
}

#[test]
fn exports() {
    let store = sample_store("exports.db");
    let mut csv_out = Vec::new();
    let stats = export::acled_csv(&store, &Filter::default(), &mut csv_out).unwrap();
    assert_eq!((stats.written, stats.left_out), (3, 0));
    let text = String::from_utf8(csv_out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), export::ACLED_COLUMNS.join(","));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let col = |row: &csv::StringRecord, name: &str| {
        row[headers.iter().position(|h| h == name).unwrap()].to_string()
    };
    let kharkiv = rows.iter().find(|r| col(r, "location") == "Kharkiv").unwrap();
    assert_eq!(col(kharkiv, "event_date"), "2026-03-02");
    assert_eq!(col(kharkiv, "actor1"), "Military Forces of Russia");
    assert_eq!(
        col(kharkiv, "inter1"),
        "8",
        "Russian forces in Ukraine are external"
    );
    assert_eq!(col(kharkiv, "actor2"), "Civilians (Ukraine)");
    assert_eq!(col(kharkiv, "interaction"), "78");
    assert_eq!(col(kharkiv, "civilian_targeting"), "Civilian targeting");
    assert_eq!(col(kharkiv, "fatalities"), "15");
    assert_eq!(col(kharkiv, "iso"), "804");
    assert_eq!(col(kharkiv, "iso3"), "UKR");
    assert_eq!(col(kharkiv, "region"), "Europe");
    assert_eq!(col(kharkiv, "geo_precision"), "1");
    assert_eq!(col(kharkiv, "time_precision"), "1");
    assert_eq!(col(kharkiv, "disorder_type"), "Political violence");
    assert_eq!(col(kharkiv, "source"), "AFP; Reuters");
    let protest = rows.iter().find(|r| col(r, "event_type") == "Protests").unwrap();
    assert_eq!(col(protest, "actor1"), "Protesters (Ukraine)");
    assert_eq!(col(protest, "inter1"), "6");
    assert_eq!(col(protest, "interaction"), "60");
    assert_eq!(col(protest, "disorder_type"), "Demonstrations");

    let mut geo = Vec::new();
    let stats = export::geojson(&store, &Filter::default(), &mut geo).unwrap();
    assert_eq!(stats.written, 3);
    let v: serde_json::Value = serde_json::from_slice(&geo).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["features"].as_array().unwrap().len(), 3);
    assert_eq!(v["features"][0]["geometry"]["type"], "Point");

    let mut lines = Vec::new();
    let stats = export::jsonl(&store, &Filter::default(), &mut lines).unwrap();
    assert_eq!(stats.written, 3);
    for line in String::from_utf8(lines).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(!v["reports"].as_array().unwrap().is_empty());
    }
}

#[test]
fn told_but_not_happened_events_make_no_incident() {
    let path = tmp("modality.db");
    let mut store = Store::open(&path).unwrap();
    let mut e = event(&Spec {
        id: "ev-n".into(),
        plover: PloverType::Assault,
        day: 2,
        span: 0,
        place: Some(0),
        source: vec![],
        fatalities: None,
    });
    e.modality.negated = true;
    let mut undated = e.clone();
    undated.id = "ev-u".into();
    undated.modality.negated = false;
    undated.date = EventDate {
        text: None,
        start: None,
        end: None,
        precision: Precision::Unknown,
    };
    store
        .ingest("t", &record("a1", 2, "AFP", vec![e, undated]))
        .unwrap();
    let c = store.counts().unwrap();
    assert_eq!((c.events, c.incidents), (2, 1));
    let raw = store.events(&Filter::default()).unwrap();
    let negated = raw.iter().find(|e| e.event.id == "ev-n").unwrap();
    assert_eq!(negated.incident, None);
    // The stored record is the event, verbatim.
    assert!(negated.event.modality.negated);
}

#[test]
fn pages_after_a_position_cover_every_incident_once_in_both_orders() {
    let path = tmp("pages.db");
    let mut store = Store::open(&path).unwrap();
    // Distinct places and types so that no two merge; days repeat, and two
    // incidents are undated.
    let kinds = [PloverType::Assault, PloverType::Protest, PloverType::Coerce];
    for i in 0..12u32 {
        let mut e = event(&Spec {
            id: format!("ev-{i}"),
            plover: kinds[i as usize % 3],
            day: 2 + i / 3,
            span: 0,
            place: Some((i % 4) as u8),
            source: vec![actor("Police Forces of Ukraine", Some("UKR"), "COP")],
            fatalities: None,
        });
        if i >= 10 {
            e.date = EventDate {
                text: None,
                start: None,
                end: None,
                precision: Precision::Unknown,
            };
        }
        store
            .ingest(
                &format!("text {i}"),
                &record(&format!("p{i}"), 2 + i / 3, "AFP", vec![e]),
            )
            .unwrap();
    }
    for order in [Order::Newest, Order::Oldest] {
        let all: Vec<i64> = store
            .incidents(
                &Filter {
                    order,
                    ..Filter::default()
                },
                false,
            )
            .unwrap()
            .iter()
            .map(|i| i.id)
            .collect();
        assert!(all.len() >= 10, "{all:?}");
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .incidents(
                    &Filter {
                        order,
                        limit: Some(2),
                        after,
                        ..Filter::default()
                    },
                    false,
                )
                .unwrap();
            let Some(last) = page.last() else { break };
            after = Some(After::incident(last));
            seen.extend(page.iter().map(|i| i.id));
            assert!(seen.len() <= all.len(), "{order:?}: pages repeat: {seen:?}");
        }
        assert_eq!(seen, all, "{order:?}");
    }
}

#[test]
fn one_incident_its_events_and_stats() {
    let store = sample_store("one.db");
    let all = store.incidents(&Filter::default(), false).unwrap();
    let kharkiv = all
        .iter()
        .find(|i| i.location.as_ref().unwrap().name == "Kharkiv")
        .unwrap();
    let one = store.incident(kharkiv.id).unwrap().unwrap();
    assert_eq!(one.reports.len(), 3);
    let events = store.incident_events(kharkiv.id).unwrap();
    let ids: Vec<&str> = events.iter().map(|e| e.event.id.as_str()).collect();
    let reported: Vec<&str> = one.reports.iter().map(|r| r.event.as_str()).collect();
    assert_eq!(ids, reported, "same canonical order");
    assert!(events.iter().all(|e| e.incident == Some(kharkiv.id)));
    assert_eq!(
        store.article_text(&events[0].article.id).unwrap().as_deref(),
        Some("text of a1")
    );
    assert!(store.article_text("nope").unwrap().is_none());
    assert!(store.incident(987_654).unwrap().is_none());
    assert!(store.incident_events(987_654).unwrap().is_empty());

    let st = store.incident_stats(&Filter::default()).unwrap();
    assert_eq!(st.total.incidents, all.len() as u64);
    let deaths: u64 = all
        .iter()
        .filter_map(|i| i.fatalities.as_ref())
        .map(|f| f.total)
        .sum();
    assert_eq!(st.total.fatalities, deaths);
    let by_day: u64 = st.by_day.iter().map(|g| g.tally.incidents).sum();
    assert_eq!(by_day + st.undated.incidents, st.total.incidents);
    assert_eq!(st.by_type[0].key, "ASSAULT", "most incidents first");
    let protests = Filter {
        plover: Some(PloverType::Protest),
        limit: Some(1),
        ..Filter::default()
    };
    let st = store.incident_stats(&protests).unwrap();
    assert_eq!(st.total.incidents, 1, "the limit does not apply to counts");
    assert_eq!(st.by_country.len(), 1);
}

/// The query plan of an SQL statement, one detail a line.
fn plan(conn: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> String {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = stmt.query_map(params, |r| r.get::<_, String>(3)).unwrap();
    rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
}

#[test]
fn candidate_look_up_walks_the_country_index() {
    let path = tmp("plan.db");
    let mut store = Store::open(&path).unwrap();
    for (text, record) in random_records(3, 20) {
        store.ingest(&text, &record).unwrap();
    }
    // As after `PRAGMA optimize` on a grown database: the plan must not
    // depend on the planner's statistics being absent.
    store.connection().execute_batch("ANALYZE").unwrap();
    let p: [&dyn rusqlite::ToSql; 11] = [
        &"ASSAULT", &700_000, &700_000, &700_002, &700_000, &"UKR", &true, &49.0, &50.0, &36.0, &37.0,
    ];
    // Two range scans of the place index (narrow and wide dates) for x's
    // country and two for no country, none of the whole type, and no event
    // row read (the index holds every column tested).
    for (scope, country) in [(Scope::Country, Some("UKR")), (Scope::NoCountry, None)] {
        let mut p = p;
        p[5] = &country;
        let with = plan(store.connection(), window_sql(scope), &p);
        assert_eq!(
            with.matches("USING COVERING INDEX events_near").count(),
            2,
            "{scope:?}: {with}"
        );
        assert!(
            !with.contains("events_window") && !with.contains("SCAN e"),
            "{scope:?}: {with}"
        );
    }
    let p: [&dyn rusqlite::ToSql; 11] = [
        &"ASSAULT",
        &700_000,
        &700_000,
        &700_002,
        &700_000,
        &None::<String>,
        &false,
        &0.0,
        &0.0,
        &0.0,
        &0.0,
    ];
    let without = plan(store.connection(), window_sql(Scope::Anywhere), &p);
    assert_eq!(
        without.matches("USING INDEX events_window").count(),
        2,
        "{without}"
    );
    assert!(!without.contains("SCAN e"), "{without}");
}

#[test]
fn version_1_databases_stay_readable_and_are_upgraded_by_a_writer() {
    let path = tmp("v1.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        schema::migrate(&mut conn, 0, &schema::MIGRATIONS[..1]).unwrap();
    }
    let has_near = |store: &Store| -> i64 {
        store
            .connection()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'events_near'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.counts().unwrap(), Counts::default());
    assert_eq!(has_near(&reader), 0);
    drop(reader);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(has_near(&store), 1);
    let (text, record) = &random_records(5, 1)[0];
    store.ingest(text, record).unwrap();
    drop(store);
    assert_eq!(
        schema::inspect(&path).unwrap(),
        schema::FileState::Vigie {
            version: SCHEMA_VERSION
        }
    );
}

/// Every event's incident, and every incident row but its update time.
fn incident_state(store: &Store) -> (Vec<(i64, i64)>, Vec<String>) {
    let conn = store.connection();
    let links = conn
        .prepare("SELECT event, incident FROM incident_events ORDER BY event")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let rows = conn
        .prepare(
            "SELECT id, plover, day_start, day_end, place_name, fatalities, actors, n_sources, \
             n_reports, n_articles, sources, notes FROM incidents ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((0..12)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    (links, rows)
}

/// Ingests `records` in batches of `size`.
fn ingest_all(store: &mut Store, records: &[(String, ArticleEvents)], size: usize) {
    for chunk in records.chunks(size) {
        let mut batch = store.batch().unwrap();
        for (text, record) in chunk {
            batch.ingest(text, record).unwrap();
        }
        batch.commit().unwrap();
    }
}

#[test]
fn what_ingest_remembers_follows_other_writers_and_rollbacks() {
    for seed in 11..=14u64 {
        let records = random_records(seed, 90);
        let (a, rest) = records.split_at(30);
        let (b, c) = rest.split_at(30);
        let path = tmp(&format!("memo-{seed}.db"));
        let mut first = Store::open(&path).unwrap();
        ingest_all(&mut first, a, 7);
        // Another connection moves events the first one has placed.
        {
            let mut other = Store::open(&path).unwrap();
            ingest_all(&mut other, b, 9);
        }
        // A batch dropped without commit: its row ids are given again.
        {
            let mut batch = first.batch().unwrap();
            for (text, record) in &c[..10] {
                batch.ingest(text, record).unwrap();
            }
            assert!(batch.counts().unwrap().incidents > 0);
        }
        ingest_all(&mut first, &c[10..], 4);
        let incremental = incident_state(&first);
        first.reindex().unwrap();
        let full = incident_state(&first);
        assert_eq!(incremental.0, full.0, "seed {seed}: links");
        assert_eq!(incremental.1, full.1, "seed {seed}: incident rows");
        // The dropped articles were not stored; ingesting after reindex
        // (which resets what ingest remembers) stays exact.
        ingest_all(&mut first, &c[..10], 3);
        let incremental = incident_state(&first);
        first.reindex().unwrap();
        assert_eq!(incremental, incident_state(&first), "seed {seed}: after reindex");
    }
}

#[test]
fn a_store_can_move_to_another_thread() {
    // The HTTP API hands stores to blocking tasks: what ingest remembers
    // must not tie a store to its thread.
    fn send<T: Send>(_: &T) {}
    let store = Store::open(tmp("send.db")).unwrap();
    send(&store);
    std::thread::spawn(move || store.counts().unwrap())
        .join()
        .unwrap();
}
