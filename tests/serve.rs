//! `vigie serve` and its API through a real server: the `vigie` binary on
//! 127.0.0.1 (a free port), on a database made by `vigie ingest` of the ten
//! reports of three events (tests/data/store/ten-reports.jsonl): every
//! endpoint, every format, pagination, and the errors (400 naming the
//! parameter, 404, 405, 413, 415), never a 500 for bad input.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

use crate::util::{root, stderr, vigie_in};

fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-serve-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A running `vigie serve`, killed when dropped (also when a test fails).
struct Server {
    child: Child,
    url: String,
    agent: ureq::Agent,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer: status, content type, body.
struct Answer {
    status: u16,
    content_type: String,
    next_cursor: Option<String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// Checks a JSON error naming `parameter` and returns its message.
    fn error(&self, status: u16, parameter: Option<&str>) -> String {
        assert_eq!(self.status, status, "{}", self.body);
        assert!(
            self.content_type.starts_with("application/json"),
            "{}",
            self.content_type
        );
        let v = self.json();
        assert_eq!(v["parameter"].as_str(), parameter, "{}", self.body);
        v["error"].as_str().unwrap().to_string()
    }
}

impl Server {
    fn start(db: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(db)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn vigie serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim().trim_end_matches('/').to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "first line {line:?}");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Server { child, url, agent }
    }

    fn answer(mut r: ureq::http::Response<ureq::Body>) -> Answer {
        let header = |n: &str| {
            r.headers()
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type").unwrap_or_default();
        let next_cursor = header("x-next-cursor");
        Answer {
            status: r.status().as_u16(),
            content_type,
            next_cursor,
            body: r.body_mut().read_to_string().unwrap(),
        }
    }

    fn get(&self, path: &str) -> Answer {
        let r = self
            .agent
            .get(&format!("{}{path}", self.url))
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        Server::answer(r)
    }

    fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Answer {
        let r = self
            .agent
            .post(&format!("{}{path}", self.url))
            .header("content-type", content_type)
            .send(body)
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        Server::answer(r)
    }
}

/// A database of the ten reports, made by `vigie ingest`.
fn seeded(name: &str) -> (PathBuf, PathBuf) {
    let dir = tmpdir(name);
    let db = dir.join("vigie.db");
    let data = root().join("tests/data/store/ten-reports.jsonl");
    let out = vigie_in(&dir, &["ingest", "--db", "vigie.db", data.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, db)
}

fn ids(v: &Value) -> Vec<i64> {
    v["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn api_serves_incidents_stats_and_evidence() {
    let (dir, db) = seeded("api");
    let s = Server::start(&db);

    // Health and the API's description.
    let h = s.get("/healthz");
    assert_eq!(h.status, 200);
    assert_eq!(h.json()["status"], "ok");
    assert_eq!(h.json()["incidents"], 3);
    assert_eq!(h.json()["articles"], 10);
    let doc = s.get("/openapi.json");
    assert_eq!(doc.status, 200);
    assert!(doc.json()["paths"]["/api/incidents/{id}"]["get"].is_object());

    // Every incident, newest first, with sources.
    let all = s.get("/api/incidents");
    assert_eq!(all.status, 200, "{}", all.body);
    assert!(all.content_type.starts_with("application/json"));
    let v = all.json();
    let list = v["incidents"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert!(v["next_cursor"].is_null());
    assert_eq!(all.next_cursor, None);
    let starts: Vec<&str> = list
        .iter()
        .map(|i| i["date"]["start"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(starts, sorted, "newest first");
    let kharkiv = list
        .iter()
        .find(|i| i["location"]["name"] == "Kharkiv")
        .expect("the Kharkiv strike");
    assert_eq!(kharkiv["n_sources"], 4);
    assert_eq!(kharkiv["fatalities"]["total"], 15);
    assert!(kharkiv.get("reports").is_none(), "lists do not carry reports");

    // Filters mean what `vigie events` flags mean.
    let count = |q: &str| {
        let a = s.get(&format!("/api/incidents?{q}"));
        assert_eq!(a.status, 200, "{q}: {}", a.body);
        ids(&a.json()).len()
    };
    assert_eq!(count("country=UKR"), 2);
    assert_eq!(count("country=Georgia"), 1);
    assert_eq!(count("type=protest"), 1);
    assert_eq!(count("min_fatalities=10"), 1);
    assert_eq!(count("bbox=35,49,37,51"), 1);
    assert_eq!(count("since=2026-03-02"), 2);
    assert_eq!(count("until=2026-03-01"), 1);
    assert_eq!(count("since=2026-03&until=2026-03"), 3);
    assert_eq!(count("text=drone"), 1);
    assert_eq!(count("actor=RUS"), 2);
    assert_eq!(count("country=&text="), 3, "empty values are absent");
    assert_eq!(count("country=FRA"), 0);

    // Pages: one incident at a time, following the cursor, in both orders.
    for order in ["newest", "oldest"] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let q = match &cursor {
                Some(c) => format!("/api/incidents?limit=1&order={order}&cursor={c}"),
                None => format!("/api/incidents?limit=1&order={order}"),
            };
            let a = s.get(&q);
            assert_eq!(a.status, 200, "{}", a.body);
            let v = a.json();
            seen.extend(ids(&v));
            assert_eq!(v["next_cursor"].as_str().map(str::to_string), a.next_cursor);
            match v["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => break,
            }
            assert!(seen.len() <= 3, "pages never end");
        }
        let mut expect = ids(&s.get(&format!("/api/incidents?order={order}")).json());
        assert_eq!(seen, expect, "{order}");
        expect.dedup();
        assert_eq!(expect.len(), 3);
    }
    // A cursor is bound to its filters.
    let first = s.get("/api/incidents?limit=1");
    let c = first.next_cursor.clone().expect("a next page");
    let e = s
        .get(&format!("/api/incidents?limit=1&country=UKR&cursor={c}"))
        .error(400, Some("cursor"));
    assert!(e.contains("other filters"), "{e}");

    // GeoJSON and CSV.
    let g = s.get("/api/incidents?format=geojson");
    assert_eq!(g.status, 200);
    assert!(
        g.content_type.starts_with("application/geo+json"),
        "{}",
        g.content_type
    );
    let gv = g.json();
    assert_eq!(gv["type"], "FeatureCollection");
    let features = gv["features"].as_array().unwrap();
    assert_eq!(features.len(), 3);
    let k = features
        .iter()
        .find(|f| f["properties"]["place"] == "Kharkiv")
        .unwrap();
    let lonlat = k["geometry"]["coordinates"].as_array().unwrap();
    assert!((lonlat[0].as_f64().unwrap() - 36.25).abs() < 0.5, "{lonlat:?}");
    assert!((lonlat[1].as_f64().unwrap() - 49.98).abs() < 0.5, "{lonlat:?}");
    let csv = s.get("/api/incidents?format=csv&limit=2");
    assert_eq!(csv.status, 200);
    assert!(csv.content_type.starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(lines[0].starts_with("id,date_start,date_end"), "{}", lines[0]);
    assert_eq!(lines.len(), 3, "header and two rows: {}", csv.body);
    assert!(csv.next_cursor.is_some(), "the next page is in a header");

    // One incident: its reports, every supporting event, the sentence marked up.
    let id = kharkiv["id"].as_i64().unwrap();
    let one = s.get(&format!("/api/incidents/{id}"));
    assert_eq!(one.status, 200, "{}", one.body);
    let i = one.json();
    assert_eq!(i["id"], id);
    assert_eq!(i["reports"].as_array().unwrap().len(), 4);
    let events = i["events"].as_array().unwrap();
    assert_eq!(events.len(), 4);
    let articles: Vec<&str> = events
        .iter()
        .map(|e| e["article"]["id"].as_str().unwrap())
        .collect();
    for a in ["kharkiv-afp", "kharkiv-reuters", "kharkiv-lemonde", "kharkiv-bbc"] {
        assert!(articles.contains(&a), "{a} in {articles:?}");
    }
    for e in events {
        assert_eq!(e["plover"]["type"], "ASSAULT");
        assert!(e["article"]["source"].is_string());
        assert!(e["article"]["title"].is_string());
        let sent = &e["sentence"];
        let text = sent["text"].as_str().expect("a sentence");
        assert!(text.contains(e["evidence"]["text"].as_str().unwrap()), "{e}");
        let joined: String = sent["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["text"].as_str().unwrap())
            .collect();
        assert_eq!(joined, text);
        let kinds: Vec<&str> = sent["marks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["kind"].as_str().unwrap())
            .collect();
        assert!(kinds.contains(&"trigger"), "{}: {kinds:?}", e["article"]["id"]);
        assert!(kinds.contains(&"place"), "{}: {kinds:?}", e["article"]["id"]);
    }
    let reuters = events
        .iter()
        .find(|e| e["article"]["id"] == "kharkiv-reuters")
        .unwrap();
    let marks: Vec<(String, String)> = reuters["sentence"]["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap().into(),
                m["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    for want in [
        ("trigger", "missile strike"),
        ("place", "Kharkiv"),
        ("date", "Monday"),
        ("number", "12"),
    ] {
        assert!(
            marks.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {marks:?}"
        );
    }

    // Stats for the same filters.
    let st = s.get("/api/stats");
    assert_eq!(st.status, 200, "{}", st.body);
    let st = st.json();
    assert_eq!(st["total"]["incidents"], 3);
    assert_eq!(st["total"]["fatalities"], 17, "15 in Kharkiv, 2 in Odesa");
    let days: u64 = st["by_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["incidents"].as_u64().unwrap())
        .sum();
    assert_eq!(days + st["undated"]["incidents"].as_u64().unwrap(), 3);
    let by_country: Vec<(&str, u64)> = st["by_country"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["key"].as_str().unwrap_or("-"), c["incidents"].as_u64().unwrap()))
        .collect();
    assert_eq!(by_country, [("UKR", 2), ("GEO", 1)]);
    let assault = st["by_type"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "ASSAULT")
        .unwrap();
    assert_eq!(
        (assault["incidents"].as_u64(), assault["fatalities"].as_u64()),
        (Some(2), Some(17))
    );
    let st = s.get("/api/stats?country=GEO").json();
    assert_eq!(st["total"], json!({"incidents": 1, "fatalities": 0}));

    // The dashboard and its files.
    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains("<title>Vigie"), "{}", page.body);

    drop(s);
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn bad_requests_get_json_errors_naming_the_parameter() {
    let (dir, db) = seeded("errors");
    let s = Server::start(&db);
    let cases: &[(&str, &str, &str)] = &[
        ("/api/incidents?country=Atlantis", "country", "not a country"),
        ("/api/incidents?type=FIGHT", "type", "not a PLOVER type"),
        ("/api/incidents?acled=Skirmish", "acled", "not an ACLED"),
        ("/api/incidents?since=last+week", "since", "not a date"),
        ("/api/incidents?until=2026-02-30", "until", "not a date"),
        ("/api/incidents?since=2026-04&until=2026-03", "since", "after"),
        ("/api/incidents?bbox=1,2,3", "bbox", "four numbers"),
        ("/api/incidents?bbox=0,100,1,101", "bbox", "latitudes"),
        (
            "/api/incidents?min_fatalities=many",
            "min_fatalities",
            "whole number",
        ),
        ("/api/incidents?limit=5000", "limit", "1 to 1000"),
        ("/api/incidents?limit=0", "limit", "1 to 1000"),
        ("/api/incidents?order=sideways", "order", "newest or oldest"),
        ("/api/incidents?format=xlsx", "format", "json, geojson or csv"),
        ("/api/incidents?cursor=not-a-cursor", "cursor", "not a cursor"),
        (
            "/api/incidents?text=%22unclosed",
            "text",
            "not a valid search expression",
        ),
        (
            "/api/incidents?text=AND+OR",
            "text",
            "not a valid search expression",
        ),
        ("/api/incidents?colour=red", "colour", "unknown parameter"),
        (
            "/api/incidents?type=PROTEST&type=ASSAULT",
            "type",
            "more than once",
        ),
        ("/api/stats?limit=3", "limit", "unknown parameter"),
        ("/api/stats?country=XXX", "country", "not a country"),
        ("/api/incidents/abc", "id", "not an incident id"),
        ("/api/incidents/-4", "id", "not an incident id"),
        (
            "/api/incidents/99999999999999999999999",
            "id",
            "not an incident id",
        ),
    ];
    for (path, param, why) in cases {
        let e = s.get(path).error(400, Some(param));
        assert!(e.contains(why), "{path}: {e}");
    }
    // SQL is never built from the values: an injection attempt is a word.
    let a = s.get("/api/incidents?actor=%27%29%20OR%201%3D1%20--");
    assert_eq!(a.status, 200);
    assert_eq!(ids(&a.json()).len(), 0);
    let e = s.get("/api/incidents/424242").error(404, None);
    assert!(e.contains("no incident 424242"), "{e}");
    let e = s.get("/no/such/page").error(404, None);
    assert!(e.contains("/no/such/page"), "{e}");
    let e = s.get("/assets/nothing.js").error(404, None);
    assert!(e.contains("nothing.js"), "{e}");
    let a = s.post("/api/incidents", "application/json", b"{}");
    let e = a.error(405, None);
    assert!(e.contains("not allowed"), "{e}");
    let a = s.get("/api/extract");
    let e = a.error(405, None);
    assert!(e.contains("POST"), "{e}");
    drop(s);
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn extract_endpoint_codes_a_pasted_text() {
    let (dir, db) = seeded("extract");
    let s = Server::start(&db);
    let body = json!({
        "text": "A Russian missile strike killed at least 12 people in the Ukrainian city of Kharkiv on Monday, the regional governor said.",
        "published": "2026-03-02",
        "lang": "en",
        "title": "Strike on Kharkiv"
    });
    let a = s.post("/api/extract", "application/json", body.to_string().as_bytes());
    assert_eq!(a.status, 200, "{}", a.body);
    let r = a.json();
    assert_eq!(r["article"]["lang"], "en");
    assert_eq!(r["article"]["published"], "2026-03-02");
    assert_eq!(r["article"]["title"], "Strike on Kharkiv");
    let assault = r["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["plover"]["type"] == "ASSAULT")
        .expect("an assault");
    assert_eq!(assault["location"]["name"], "Kharkiv");
    assert_eq!(assault["fatalities"]["total"], 12);
    assert_eq!(assault["date"]["start"], "2026-03-02");
    // The same as `vigie extract` writes.
    let input = json!({"id": r["article"]["id"], "text": body["text"], "published": "2026-03-02", "lang": "en", "title": "Strike on Kharkiv"});
    let cli = vigie_in(
        &dir,
        &["extract", "--input-format", "jsonl"],
        format!("{input}\n").as_bytes(),
    );
    assert!(cli.status.success(), "{}", stderr(&cli));
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(cli, r);

    // Plain text, metadata in the query string; a date-time is taken.
    let a = s.post(
        "/api/extract?published=2026-06-12T08:30:00Z&lang=fr",
        "text/plain; charset=utf-8",
        "La police a arrêté trois opposants à Dakar mardi.".as_bytes(),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let r = a.json();
    assert_eq!(r["article"]["lang"], "fr");
    assert_eq!(r["article"]["published"], "2026-06-12");

    // Errors name the field.
    let cases: &[(&str, &[u8], &str, &str)] = &[
        ("application/json", b"not json", "body", "not JSON"),
        ("application/json", b"[1, 2]", "body", "JSON object"),
        ("application/json", b"{\"lang\": \"en\"}", "text", "no 'text'"),
        ("application/json", b"{\"text\": 42}", "text", "must be a string"),
        (
            "application/json",
            b"{\"text\": \"x\", \"published\": \"soon\"}",
            "published",
            "not a date",
        ),
        (
            "application/json",
            b"{\"text\": \"x\", \"lang\": \"english!\"}",
            "lang",
            "language code",
        ),
        (
            "application/json",
            b"{\"text\": \"x\", \"tokens\": \"yes\"}",
            "tokens",
            "true or false",
        ),
        (
            "application/json",
            b"{\"text\": \"x\", \"colour\": 1}",
            "colour",
            "unknown field",
        ),
        ("text/plain", b"\xff\xfe", "body", "not UTF-8"),
    ];
    for (ct, body, param, why) in cases {
        let e = s.post("/api/extract", ct, body).error(400, Some(param));
        assert!(e.contains(why), "{}: {e}", String::from_utf8_lossy(body));
    }
    let e = s
        .post("/api/extract?lang=xx&colour=1", "text/plain", b"x")
        .error(400, Some("colour"));
    assert!(e.contains("unknown parameter"), "{e}");
    let e = s
        .post("/api/extract", "application/x-www-form-urlencoded", b"text=x")
        .error(415, Some("Content-Type"));
    assert!(e.contains("application/json"), "{e}");

    // Over the limit: 413, whether the length is declared or not.
    let big = json!({"text": "a".repeat(vigie_serve::MAX_BODY_BYTES)}).to_string();
    let e = s
        .post("/api/extract", "application/json", big.as_bytes())
        .error(413, None);
    assert!(e.contains("limit"), "{e}");
    let a = s
        .agent
        .post(&format!("{}/api/extract", s.url))
        .header("content-type", "application/json")
        .send(ureq::SendBody::from_reader(&mut big.as_bytes()))
        .unwrap();
    let a = Server::answer(a);
    a.error(413, None);
    // The server still answers.
    assert_eq!(s.get("/healthz").status, 200);
    drop(s);
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn serve_refuses_what_it_cannot_serve() {
    let dir = tmpdir("refuse");
    // No database: nothing is created, exit 2.
    let out = vigie_in(
        &dir,
        &["serve", "--db", "missing.db", "--addr", "127.0.0.1:0"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no database at 'missing.db'"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("missing.db").exists());
    // Not a Vigie database.
    fs::write(dir.join("notes.db"), "shopping list\n").unwrap();
    let out = vigie_in(&dir, &["serve", "--db", "notes.db", "--addr", "127.0.0.1:0"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a Vigie database"), "{}", stderr(&out));
    // A bad address is a usage error.
    let out = vigie_in(&dir, &["serve", "--addr", "localhost-ish"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--addr"), "{}", stderr(&out));
    let _ = fs::remove_dir_all(dir);
    // An address in use: a clear error, exit 2.
    let (dir, db) = seeded("in-use");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = vigie_in(
        &dir,
        &["serve", "--db", db.to_str().unwrap(), "--addr", &addr],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("cannot listen on {addr}")),
        "{}",
        stderr(&out)
    );
    let _ = fs::remove_dir_all(dir);
}
