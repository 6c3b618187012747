//! The store through the command line: ten reports of three events merged
//! into three incidents in any ingest order, an ingest killed with SIGKILL,
//! foreign and newer database files, filters, exports.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use vigie_store::Store;

use crate::util::{records, root, stderr, vigie_in};

fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-store-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn ten_reports() -> Vec<String> {
    fs::read_to_string(root().join("tests/data/store/ten-reports.jsonl"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// What an incident says, keyed by place: comparable across databases.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    plover: String,
    sources: Vec<String>,
    n_reports: u64,
    fatalities: Option<u64>,
    articles: BTreeSet<String>,
}

fn incidents(dir: &Path, db: &str) -> BTreeMap<String, Seen> {
    let out = vigie_in(dir, &["export", "--db", db, "--format", "jsonl"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let mut map = BTreeMap::new();
    for i in records(&out) {
        let place = i["location"]["name"].as_str().unwrap_or("-").to_string();
        let seen = Seen {
            plover: i["plover"].as_str().unwrap().to_string(),
            sources: i["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect(),
            n_reports: i["n_reports"].as_u64().unwrap(),
            fatalities: i["fatalities"]["total"].as_u64(),
            articles: i["reports"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["article"].as_str().unwrap().to_string())
                .collect(),
        };
        assert!(
            map.insert(place.clone(), seen).is_none(),
            "two incidents in {place}"
        );
    }
    map
}

fn ingest(dir: &Path, db: &str, lines: &[&str]) -> std::process::Output {
    let file = dir.join("in.jsonl");
    fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = vigie_in(dir, &["ingest", "--db", db, "in.jsonl"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn ten_reports_of_three_events_make_three_incidents_in_any_order() {
    let dir = tmpdir("ten");
    let lines = ten_reports();
    let all: Vec<&str> = lines.iter().map(String::as_str).collect();
    let expected: BTreeMap<String, Seen> = [
        (
            "Kharkiv",
            "ASSAULT",
            &["AFP", "BBC", "Le Monde", "Reuters"][..],
            Some(15),
            &["kharkiv-afp", "kharkiv-bbc", "kharkiv-lemonde", "kharkiv-reuters"][..],
        ),
        (
            "Odesa",
            "ASSAULT",
            &["AFP", "Kyiv Independent", "Ukrinform"][..],
            Some(2),
            &["odesa-afp", "odesa-kyivindependent", "odesa-ukrinform"][..],
        ),
        (
            "Tbilisi",
            "PROTEST",
            &["AFP", "AP", "RFI"][..],
            None,
            &["tbilisi-afp", "tbilisi-ap", "tbilisi-rfi"][..],
        ),
    ]
    .into_iter()
    .map(|(place, plover, sources, fatalities, articles)| {
        (
            place.to_string(),
            Seen {
                plover: plover.to_string(),
                sources: sources.iter().map(|s| s.to_string()).collect(),
                n_reports: articles.len() as u64,
                fatalities,
                articles: set(articles),
            },
        )
    })
    .collect();

    // In file order, in reverse, and shuffled over three separate runs (the
    // later reports arriving in a database that already has incidents).
    let forward = ingest(&dir, "forward.db", &all);
    let err = stderr(&forward);
    assert!(
        err.contains("10 articles ingested (10 events), 0 skipped"),
        "{err}"
    );
    assert!(err.contains("3 incidents in 'forward.db' (+3)"), "{err}");
    assert_eq!(incidents(&dir, "forward.db"), expected, "file order");

    let mut reversed = all.clone();
    reversed.reverse();
    ingest(&dir, "reversed.db", &reversed);
    assert_eq!(incidents(&dir, "reversed.db"), expected, "reverse order");

    let shuffled: Vec<&str> = [3, 7, 1, 9, 0, 5, 2, 8, 6, 4].iter().map(|&i| all[i]).collect();
    for part in shuffled.chunks(4) {
        ingest(&dir, "shuffled.db", part);
    }
    assert_eq!(incidents(&dir, "shuffled.db"), expected, "shuffled, three runs");

    // A full re-clustering gives the same incidents.
    let out = vigie_in(&dir, &["reindex", "--db", "shuffled.db"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("into 3 incidents"), "{}", stderr(&out));
    assert_eq!(incidents(&dir, "shuffled.db"), expected, "after reindex");

    // Ingesting the same articles again changes nothing.
    let again = ingest(&dir, "forward.db", &all);
    let err = stderr(&again);
    assert!(
        err.contains("0 articles ingested (0 events), 10 skipped (10 already stored, 0 unreadable)"),
        "{err}"
    );
    assert!(err.contains("(+0)"), "{err}");
    assert_eq!(incidents(&dir, "forward.db"), expected, "re-ingest");
}

/// Distinct short wire reports, one event or two each.
fn generated_articles(n: usize) -> Vec<String> {
    const CITIES: [&str; 20] = [
        "Kharkiv",
        "Odesa",
        "Kherson",
        "Goma",
        "Bunia",
        "Gao",
        "Mopti",
        "Maiduguri",
        "Kaduna",
        "Peshawar",
        "Quetta",
        "Khartoum",
        "El Fasher",
        "Aleppo",
        "Idlib",
        "Kismayo",
        "Tripoli",
        "Benghazi",
        "Sanaa",
        "Mosul",
    ];
    const FR: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    (0..n)
        .map(|i| {
            let (city, day, dead) = (CITIES[i % 20], (i / 20) % 7, 3 + i / 140);
            let text = if i % 2 == 0 {
                format!(
                    "Des affrontements ont éclaté {} à {city} entre l'armée et des rebelles, \
                     faisant {dead} morts, selon des sources locales.",
                    FR[day]
                )
            } else {
                format!(
                    "Clashes broke out in {city} on {} between the army and rebels, killing \
                     {dead} people, local sources said.",
                    EN[day]
                )
            };
            serde_json::json!({
                "id": format!("g{i}"),
                "text": text,
                "published": "2026-03-08",
                "source": format!("Outlet {}", i % 5),
            })
            .to_string()
        })
        .collect()
}

fn events_per_article(store: &Store) -> BTreeMap<String, u64> {
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT a.article_id, count(e.id) FROM articles a \
             LEFT JOIN events e ON e.article = a.id GROUP BY a.id",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))
        .unwrap();
    rows.map(|r| r.unwrap()).collect()
}

#[test]
fn an_ingest_killed_mid_run_keeps_committed_articles_whole_and_resumes() {
    let dir = tmpdir("kill");
    let n = 140;
    fs::write(dir.join("many.jsonl"), generated_articles(n).join("\n") + "\n").unwrap();
    // Extraction is deterministic: what every article must hold once stored
    // (run beside the ingest below).
    let reference = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["extract", "many.jsonl"])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    let db = dir.join("kill.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["ingest", "--db", "kill.db", "--batch", "10", "many.jsonl"])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let committed = Store::open_read_only(&db)
            .and_then(|s| s.counts())
            .map(|c| c.articles)
            .unwrap_or(0);
        if committed > 0 {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest ended ({status}) before a commit was seen: nothing to kill");
        }
        assert!(Instant::now() < deadline, "no commit within two minutes");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let reference = reference.wait_with_output().unwrap();
    assert!(reference.status.success(), "{}", stderr(&reference));
    let expected: BTreeMap<String, u64> = records(&reference)
        .iter()
        .map(|r| {
            (
                r["article"]["id"].as_str().unwrap().to_string(),
                r["events"].as_array().unwrap().len() as u64,
            )
        })
        .collect();
    assert_eq!(expected.len(), n);
    let total: u64 = expected.values().sum();

    // The database opens cleanly and is intact.
    let store = Store::open_read_only(&db).unwrap();
    let check: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let dangling: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM incident_events ie \
             LEFT JOIN incidents i ON i.id = ie.incident WHERE i.id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dangling, 0, "every link points at an incident");
    // Every committed article has all its events.
    let stored = events_per_article(&store);
    let committed = stored.len();
    assert!(
        committed > 0 && committed < n,
        "killed mid-run: {committed} of {n} committed"
    );
    for (id, events) in &stored {
        assert_eq!(Some(events), expected.get(id), "article {id}");
    }
    drop(store);

    // A rerun adds the rest, once.
    let out = vigie_in(&dir, &["ingest", "--db", "kill.db", "many.jsonl"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{committed} already stored")),
        "{}",
        stderr(&out)
    );
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(events_per_article(&store), expected);
    let counts = store.counts().unwrap();
    assert_eq!((counts.articles, counts.events), (n as u64, total));
    let distinct: i64 = store
        .connection()
        .query_row(
            "SELECT count(DISTINCT article || ':' || event_id) FROM events",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(distinct as u64, total, "no event stored twice");
}

#[test]
fn foreign_newer_and_missing_databases_are_refused_untouched() {
    let dir = tmpdir("refuse");
    fs::write(dir.join("in.jsonl"), ten_reports()[..1].join("\n")).unwrap();

    fs::write(dir.join("notes.db"), "my notes\n").unwrap();
    let out = vigie_in(&dir, &["ingest", "--db", "notes.db", "in.jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "'notes.db' is not a Vigie database: it is not a SQLite database; it was left untouched"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(dir.join("notes.db")).unwrap(), b"my notes\n");

    {
        let conn = rusqlite::Connection::open(dir.join("shop.db")).unwrap();
        conn.execute_batch("CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1);")
            .unwrap();
    }
    let before = fs::read(dir.join("shop.db")).unwrap();
    for args in [
        &["ingest", "--db", "shop.db", "in.jsonl"][..],
        &["events", "--db", "shop.db"][..],
        &["reindex", "--db", "shop.db"][..],
    ] {
        let out = vigie_in(&dir, args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("SQLite database of another program"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(fs::read(dir.join("shop.db")).unwrap(), before);

    let out = vigie_in(&dir, &["ingest", "--db", "future.db", "in.jsonl"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    {
        let conn = rusqlite::Connection::open(dir.join("future.db")).unwrap();
        conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'", [])
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = fs::read(dir.join("future.db")).unwrap();
    for args in [
        &["ingest", "--db", "future.db", "in.jsonl"][..],
        &["export", "--db", "future.db", "--format", "jsonl"][..],
    ] {
        let out = vigie_in(&dir, args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("'future.db' has schema version 7, newer than this Vigie supports (2)"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(fs::read(dir.join("future.db")).unwrap(), before);

    for args in [
        &["events", "--db", "none.db"][..],
        &["reindex", "--db", "none.db"][..],
    ] {
        let out = vigie_in(&dir, args, b"");
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("no database at 'none.db'"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!dir.join("none.db").exists());
}

/// A database of the ten reports, made once and only read by the tests below.
fn shared() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tmpdir("shared");
        let lines = ten_reports();
        let all: Vec<&str> = lines.iter().map(String::as_str).collect();
        ingest(&dir, "vigie.db", &all);
        dir
    })
}

fn count(args: &[&str]) -> usize {
    let mut full = vec!["events", "--db", "vigie.db", "--format", "jsonl"];
    full.extend_from_slice(args);
    let out = vigie_in(shared(), &full, b"");
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    records(&out).len()
}

#[test]
fn events_filters() {
    assert_eq!(count(&[]), 3);
    assert_eq!(count(&["--country", "UKR"]), 2);
    assert_eq!(count(&["--country", "georgia"]), 1);
    assert_eq!(count(&["--type", "protest"]), 1);
    assert_eq!(count(&["--acled", "air/drone strike"]), 1);
    assert_eq!(count(&["--acled", "Explosions/Remote violence"]), 2);
    assert_eq!(count(&["--min-fatalities", "10"]), 1);
    assert_eq!(count(&["--text", "manifestants"]), 1);
    assert_eq!(count(&["--text", "Kharkiv OR Odessa"]), 2);
    assert_eq!(count(&["--bbox", "35,49,37,51"]), 1);
    assert_eq!(count(&["--since", "2026-03-02"]), 2);
    assert_eq!(count(&["--until", "2026-03-01"]), 1);
    assert_eq!(count(&["--since", "2026-03"]), 3);
    assert_eq!(count(&["--actor", "russia"]), 2);
    assert_eq!(count(&["--limit", "1"]), 1);
    assert_eq!(count(&["--raw"]), 10);
    assert_eq!(count(&["--raw", "--country", "UKR"]), 7);
    // Newest first by default; the database named by $VIGIE_DB.
    let out = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["events", "--format", "jsonl"])
        .env("VIGIE_DB", shared().join("vigie.db"))
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(records(&out)[2]["plover"], "PROTEST");
    // Table and CSV.
    let out = vigie_in(
        shared(),
        &["events", "--db", "vigie.db", "--format", "table"],
        b"",
    );
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("ID "), "{table}");
    assert!(table.contains("Kharkiv, UKR"), "{table}");
    assert!(table.ends_with("3 incidents\n"), "{table}");
    let out = vigie_in(
        shared(),
        &["events", "--db", "vigie.db", "--raw", "--format", "csv"],
        b"",
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 11, "{csv}");
    assert!(csv.starts_with("event,article,incident,"), "{csv}");
}

#[test]
fn bad_filter_values_name_the_flag() {
    let cases: [(&[&str], &str); 8] = [
        (&["--country", "Atlantis"], "--country"),
        (&["--type", "FIGHT"], "--type"),
        (&["--acled", "Skirmish"], "--acled"),
        (&["--bbox", "1,2,3"], "--bbox"),
        (&["--since", "2026-13-01"], "--since"),
        (&["--min-fatalities", "many"], "--min-fatalities"),
        (&["--since", "2026-03-05", "--until", "2026-03-01"], "--since"),
        (&["--text", "\"unbalanced"], "text"),
    ];
    for (args, flag) in cases {
        let mut full = vec!["events", "--db", "vigie.db"];
        full.extend_from_slice(args);
        let out = vigie_in(shared(), &full, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(flag), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn exports_acled_csv_and_geojson() {
    let dir = shared();
    let csv_path = format!("acled-{}.csv", std::process::id());
    let out = vigie_in(
        dir,
        &[
            "export",
            "--db",
            "vigie.db",
            "--format",
            "acled-csv",
            "-o",
            &csv_path,
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("3 incidents exported to"),
        "{}",
        stderr(&out)
    );
    let text = fs::read_to_string(dir.join(&csv_path)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        header[..4],
        ["event_id_cnty", "event_date", "year", "time_precision"]
    );
    assert_eq!(header.last(), Some(&"iso3"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3);
    let kharkiv = rows.iter().find(|r| r.contains(",Kharkiv,")).unwrap();
    for want in [
        ",2026-03-02,2026,1,Political violence,Explosions/Remote violence,",
        ",Military Forces of Russia,",
        ",804,Europe,Ukraine,",
        ",AFP; BBC; Le Monde; Reuters,",
        ",15,",
    ] {
        assert!(kharkiv.contains(want), "{want} in {kharkiv}");
    }
    let tbilisi = rows.iter().find(|r| r.contains(",Tbilisi,")).unwrap();
    assert!(tbilisi.contains(",Protests,Peaceful protest,"), "{tbilisi}");
    assert!(tbilisi.contains(",Demonstrations,"), "{tbilisi}");

    let out = vigie_in(
        dir,
        &[
            "export",
            "--db",
            "vigie.db",
            "--format",
            "geojson",
            "--country",
            "UKR",
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let geo: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    let coords = features[0]["geometry"]["coordinates"].as_array().unwrap();
    assert!(coords[0].as_f64().unwrap() > 30.0 && coords[1].as_f64().unwrap() > 45.0);

    // An unwritable output is an error, and leaves no file behind.
    let out = vigie_in(
        dir,
        &[
            "export",
            "--db",
            "vigie.db",
            "--format",
            "jsonl",
            "-o",
            "no/such/dir/out.jsonl",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot write 'no/such/dir/out.jsonl'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn ingest_reports_bad_lines_and_stores_the_rest() {
    let dir = tmpdir("badlines");
    let good = ten_reports();
    let lines = [
        good[0].as_str(),
        "{\"id\": \"x\", \"text\": ",
        good[7].as_str(),
        "{\"id\": \"y\"}",
    ];
    fs::write(dir.join("in.jsonl"), lines.join("\n")).unwrap();
    let out = vigie_in(
        &dir,
        &["ingest", "--db", "v.db", "in.jsonl", "missing.jsonl"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2), "a missing file is exit 2");
    let err = stderr(&out);
    assert!(err.contains("in.jsonl:2: invalid JSON"), "{err}");
    assert!(err.contains("in.jsonl:4: missing field `text`"), "{err}");
    assert!(err.contains("vigie: cannot read 'missing.jsonl'"), "{err}");
    assert!(
        err.contains("2 articles ingested (2 events), 2 skipped (0 already stored, 2 unreadable)"),
        "{err}"
    );
    let out = vigie_in(&dir, &["ingest", "--db", "v.db", "in.jsonl"], b"");
    assert_eq!(out.status.code(), Some(1), "bad records only: exit 1");
    assert!(
        stderr(&out).contains("0 articles ingested (0 events), 4 skipped (2 already stored, 2 unreadable)"),
        "{}",
        stderr(&out)
    );
}

/// Every row of a table, as text, sorted; the clock columns left out.
fn table_rows(store: &Store, table: &str) -> Vec<String> {
    let mut stmt = store
        .connection()
        .prepare(&format!("SELECT * FROM {table}"))
        .unwrap();
    let names: Vec<String> = stmt.column_names().iter().map(|n| n.to_string()).collect();
    let keep: Vec<usize> = (0..names.len())
        .filter(|&i| !matches!(names[i].as_str(), "ingested_at" | "updated_at"))
        .collect();
    let mut rows: Vec<String> = stmt
        .query_map([], |r| {
            let cells: Vec<String> = keep
                .iter()
                .map(|&i| {
                    format!(
                        "{}={:?}",
                        names[i],
                        r.get::<_, rusqlite::types::Value>(i).unwrap()
                    )
                })
                .collect();
            Ok(cells.join("|"))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    rows.sort();
    rows
}

#[test]
fn parallel_ingest_stores_what_one_thread_stores() {
    let dir = tmpdir("threads");
    // Reports that merge into incidents (their order matters), one bad line,
    // and a repeated article, in batches that end mid-way.
    let mut lines = ten_reports();
    lines.push("{\"id\": \"bad\"}".into());
    lines.extend(generated_articles(60));
    lines.push(lines[2].clone());
    fs::write(dir.join("in.jsonl"), lines.join("\n") + "\n").unwrap();
    let run = |threads: &str, db: &str| {
        let out = vigie_in(
            &dir,
            &[
                "ingest",
                "--db",
                db,
                "--batch",
                "7",
                "--threads",
                threads,
                "--stats-json",
                "in.jsonl",
            ],
            b"",
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        let summary = err
            .lines()
            .find(|l| l.contains("articles ingested"))
            .unwrap_or_else(|| panic!("no summary in {err}"));
        // The summary without its duration.
        let summary = summary[..summary.rfind(';').unwrap()].to_string();
        let stats: serde_json::Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
        (summary, stats)
    };
    let (one, stats1) = run("1", "one.db");
    let (two, stats2) = run("2", "two.db");
    assert!(
        one.starts_with("vigie: 70 articles ingested")
            && one.contains("2 skipped (1 already stored, 1 unreadable)"),
        "{one}"
    );
    assert_eq!(one.replace("one.db", "two.db"), two);
    assert_eq!(
        (stats1["threads"].as_u64(), stats2["threads"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(stats1["articles"], 71);
    assert_eq!(stats1["sentences"], stats2["sentences"]);
    assert_eq!(stats1["skipped"]["bad JSON Lines record"], 1);

    let a = Store::open_read_only(dir.join("one.db")).unwrap();
    let b = Store::open_read_only(dir.join("two.db")).unwrap();
    assert_eq!(a.counts().unwrap(), b.counts().unwrap());
    assert!(a.counts().unwrap().incidents < a.counts().unwrap().events);
    for table in [
        "articles",
        "events",
        "event_actors",
        "incidents",
        "incident_events",
    ] {
        let (ra, rb) = (table_rows(&a, table), table_rows(&b, table));
        assert!(!ra.is_empty(), "{table} is empty");
        assert_eq!(ra, rb, "{table} differs between 1 and 2 threads");
    }
}
