//! Load test of the API on loopback: 100,000 synthetic incidents (the store
//! benchmark's generator), a `vigie_serve::Server` on 127.0.0.1 (a free
//! port), and client threads sending requests over keep-alive connections
//! for a fixed time per scenario; p50/p99 latency and requests/s.
//!
//! `cargo bench -p vigie-serve` (release). `VIGIE_BENCH_INCIDENTS=N` changes
//! the size; `VIGIE_BENCH_DB=PATH` serves an existing database instead of
//! making one; `VIGIE_BENCH_SECONDS` (10) the time per scenario;
//! `VIGIE_BENCH_CLIENTS` (4) the client threads. Traffic goes to 127.0.0.1
//! only, and every loop stops at its deadline.

#[allow(dead_code)]
#[path = "../../store/benches/store.rs"]
mod store_bench;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use vigie_serve::{Config, Server};
use vigie_store::Store;

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// The database: the given one, or a new one of `n` generated incidents.
fn database() -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("VIGIE_BENCH_DB") {
        return p.into();
    }
    let n: usize = env("VIGIE_BENCH_INCIDENTS", 100_000);
    let mut articles = store_bench::generate(n);
    articles.sort_by_key(|a| a.published);
    let path = store_bench::db_path("vigie-bench-serve.db");
    let mut store = Store::open(&path).expect("open");
    let all: Vec<&store_bench::Article> = articles.iter().collect();
    let (took, _) = store_bench::ingest(&mut store, &all);
    let counts = store.counts().expect("counts");
    println!(
        "seeded {} incidents ({} articles) in {:.0} s: {}",
        counts.incidents,
        counts.articles,
        took.as_secs_f64(),
        path.display()
    );
    path
}

/// Sends `path` from `clients` threads for `secs` seconds; prints p50, p99,
/// requests/s and the bytes of one answer.
fn scenario(addr: SocketAddr, name: &str, path: &str, clients: usize, secs: u64) {
    let url = format!("http://{addr}{path}");
    let deadline = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build()
                    .into();
                let mut times = Vec::new();
                let mut bytes = 0;
                let mut failures = 0u64;
                while Instant::now() < deadline && times.len() < 1_000_000 {
                    let t = Instant::now();
                    match agent.get(&url).call() {
                        Ok(mut r) if r.status() == 200 => {
                            let body = r.body_mut().with_config().limit(64 << 20).read_to_vec();
                            match body {
                                Ok(b) => bytes = b.len(),
                                Err(_) => failures += 1,
                            }
                        }
                        _ => failures += 1,
                    }
                    times.push(t.elapsed());
                }
                (times, bytes, failures)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut bytes = 0;
    let mut failures = 0;
    for t in threads {
        let (times, b, f) = t.join().expect("client thread");
        all.extend(times);
        bytes = b;
        failures += f;
    }
    let wall = started.elapsed();
    all.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<44} p50 {:>7.2} ms  p99 {:>7.2} ms  {:>7.0} req/s  ({} requests, {} failed, {} KB each)",
        ms(store_bench::percentile(&all, 0.5)),
        ms(store_bench::percentile(&all, 0.99)),
        all.len() as f64 / wall.as_secs_f64(),
        all.len(),
        failures,
        bytes / 1024
    );
}

fn main() {
    // `cargo test` runs benches with --bench in test mode: stay quick then.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let db = database();
    let clients: usize = env("VIGIE_BENCH_CLIENTS", 4);
    let secs: u64 = env("VIGIE_BENCH_SECONDS", 10);
    let server = Server::bind(&Config::new(&db, "127.0.0.1:0".parse().unwrap())).expect("bind");
    let addr = server.local_addr();
    std::thread::spawn(move || server.run().expect("serve"));
    println!(
        "serving {} on {addr}; {clients} client threads, {secs} s per scenario, {} cores",
        db.display(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // A cursor deep in the list: the 50th page of 100.
    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let mut cursor = String::new();
    for _ in 0..50 {
        let url = format!("http://{addr}/api/incidents?limit=100&cursor={cursor}");
        let v: serde_json::Value = serde_json::from_str(
            &agent
                .get(&url)
                .call()
                .expect("page")
                .body_mut()
                .read_to_string()
                .expect("body"),
        )
        .expect("JSON");
        cursor = v["next_cursor"].as_str().unwrap_or_default().to_string();
    }
    let deep = format!("/api/incidents?limit=100&cursor={cursor}");
    let scenarios: [(&str, &str); 7] = [
        ("healthz", "/healthz"),
        ("incidents, newest 100", "/api/incidents"),
        ("incidents, page 51 of 100 (cursor)", &deep),
        (
            "incidents, country + month, 100",
            "/api/incidents?country=UKR&since=2024-03&until=2024-03",
        ),
        (
            "incidents, 4x4 degree box, 100",
            "/api/incidents?bbox=30,46,34,50",
        ),
        (
            "incidents, GeoJSON, 1000",
            "/api/incidents?format=geojson&limit=1000",
        ),
        ("stats, all incidents", "/api/stats"),
    ];
    for (name, path) in scenarios {
        scenario(addr, name, path, clients, secs);
    }
}
