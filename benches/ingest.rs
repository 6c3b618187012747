//! End-to-end throughput of `vigie extract`: articles/s, sentences/s, MB/s
//! on one thread and on all threads, the scaling between them, and peak
//! resident memory; then of `vigie ingest` (extraction and storing in a new
//! database) on the JSON Lines corpus, on one thread and on all threads.
//!
//! The corpus is generated, deterministically, from the golden articles
//! (`tests/data/{fr,en}/*.txt`): each copy gets other numbers, weekdays,
//! months, places and person names, and a publication date. Two forms are
//! written under the target folder (never committed): JSON Lines of the texts
//! (at least 50 MB) and a gzip WARC of the same articles as news pages with
//! navigation, advertising, related links and comments (one gzip member per
//! record, as Common Crawl writes them). The bench runs the real `vigie`
//! binary on each, reads its `--stats-json` counters (the peak memory is the
//! child's VmHWM) and prints a table.
//!
//! Run: `cargo bench --bench ingest` (`-- --mb N` for another corpus size,
//! `-- --jsonl-only` to skip the WARC form, `-- --no-ingest` to skip the
//! store).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use flate2::write::GzEncoder;
use flate2::Compression;

const FR_WEEKDAYS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const EN_WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const FR_MONTHS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const EN_MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Cities named the same in French and English news, swapped for each other.
const PLACES: &[&str] = &[
    "Kharkiv",
    "Odessa",
    "Goma",
    "Bunia",
    "Gao",
    "Mopti",
    "Niamey",
    "Bamako",
    "Khartoum",
    "Gaza",
    "Rafah",
    "Beyrouth",
    "Tripoli",
    "Benghazi",
    "Mossoul",
    "Kirkouk",
    "Alep",
    "Idleb",
    "Homs",
    "Kaboul",
    "Kandahar",
    "Karachi",
    "Lahore",
    "Mogadiscio",
    "Kismayo",
    "Juba",
    "Bangui",
    "Maiduguri",
    "Kano",
    "Lagos",
    "Abuja",
    "Nairobi",
    "Addis-Abeba",
    "Manille",
    "Jakarta",
    "Bogota",
    "Caracas",
    "Quito",
    "Lima",
    "Managua",
];
/// Surnames put after titles ("M.", "Mr", "President", "général"...).
const SURNAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Moreau",
    "Laurent",
    "Lefebvre",
    "Mercier",
    "Okafor",
    "Mensah",
    "Diallo",
    "Traoré",
    "Keita",
    "Haddad",
    "Nasser",
    "Petrenko",
    "Kovalenko",
    "Ivanov",
    "Smith",
    "Johnson",
    "Brown",
    "Garcia",
    "Silva",
    "Santos",
    "Nguyen",
    "Tanaka",
    "Kim",
    "Ahmed",
    "Hassan",
    "Kariuki",
    "Mwangi",
];
const TITLES: &[&str] = &[
    "M.",
    "Mme",
    "Mr",
    "Mr.",
    "Mrs",
    "Ms",
    "President",
    "président",
    "Gen.",
    "général",
    "General",
    "minister",
    "ministre",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb: usize = args
        .iter()
        .position(|a| a == "--mb")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let jsonl_only = args.iter().any(|a| a == "--jsonl-only");
    let no_ingest = args.iter().any(|a| a == "--no-ingest");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = target_dir().join("vigie-bench");
    fs::create_dir_all(&dir).expect("create the corpus folder");
    let articles = golden(&root);
    let jsonl = dir.join(format!("corpus-{mb}mb.jsonl"));
    let warc = dir.join(format!("corpus-{mb}mb.warc.gz"));
    if !jsonl.exists() || (!jsonl_only && !warc.exists()) {
        eprintln!("generating the corpus in {} ...", dir.display());
        generate(
            &articles,
            mb * 1_000_000,
            &jsonl,
            (!jsonl_only).then_some(warc.as_path()),
        );
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "corpus: {} golden articles varied; cores: {cores}; vigie {}",
        articles.len(),
        env!("CARGO_PKG_VERSION")
    );
    let mut inputs = vec![jsonl.clone()];
    if !jsonl_only {
        inputs.push(warc);
    }
    let mut counts = vec![1];
    if cores > 1 {
        counts.push(cores);
    }
    header("vigie extract");
    for input in &inputs {
        let walls: Vec<f64> = counts
            .iter()
            .map(|&threads| row(input, threads, &run("extract", input, threads, &[])))
            .collect();
        print_scaling(&walls, cores);
    }
    if no_ingest {
        return;
    }
    // The same corpus stored into a new database: extraction plus the store
    // (its time is the `write` stage).
    header("vigie ingest, new database");
    let walls: Vec<f64> = counts
        .iter()
        .map(|&threads| {
            let db = dir.join(format!("bench-ingest-{threads}.db"));
            for suffix in ["", "-wal", "-shm"] {
                let mut name = db.as_os_str().to_owned();
                name.push(suffix);
                let _ = fs::remove_file(PathBuf::from(name));
            }
            let flags = ["--batch", "500", "--db", db.to_str().unwrap()];
            row(&jsonl, threads, &run("ingest", &jsonl, threads, &flags))
        })
        .collect();
    print_scaling(&walls, cores);
}

fn header(title: &str) {
    println!(
        "\n{:<28} {:>7} {:>9} {:>10} {:>12} {:>7} {:>8} {:>9} {:>14}",
        title,
        "threads",
        "articles",
        "articles/s",
        "sentences/s",
        "MB/s",
        "wall s",
        "peak RSS",
        "sent./CPU-s"
    );
}

/// Prints a run's row, its seconds per stage and the load average after
/// it; returns its wall-clock seconds.
fn row(input: &Path, threads: usize, s: &serde_json::Value) -> f64 {
    let wall = s["seconds"]["wall"].as_f64().unwrap();
    let sentences = s["sentences"].as_f64().unwrap();
    let rss = s["peak_rss_bytes"].as_f64().unwrap_or(0.0) / 1e6;
    let cpu = s["cpu_seconds"].as_f64().unwrap_or(f64::NAN);
    println!(
        "{:<28} {:>7} {:>9} {:>10.0} {:>12.0} {:>7.2} {:>8.1} {:>6.0} MB {:>14.0}",
        input.file_name().unwrap().to_string_lossy(),
        threads,
        s["articles"],
        s["articles"].as_f64().unwrap() / wall,
        sentences / wall,
        s["bytes"].as_f64().unwrap() / 1e6 / wall,
        wall,
        rss,
        sentences / cpu
    );
    let st = &s["seconds"];
    println!(
        "{:<28} stage seconds: read {:.1}, html {:.1}, text {:.1}, mentions {:.1}, events {:.1}, serialize {:.1}, write {:.1}",
        "",
        st["read"].as_f64().unwrap(),
        st["html"].as_f64().unwrap(),
        st["text"].as_f64().unwrap(),
        st["mentions"].as_f64().unwrap(),
        st["events"].as_f64().unwrap(),
        st["serialize"].as_f64().unwrap(),
        st["write"].as_f64().unwrap()
    );
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{:<28} load average after the run: {}",
        "",
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );
    wall
}

fn print_scaling(walls: &[f64], cores: usize) {
    if let [one, all] = walls {
        println!("{:<28} scaling 1 -> {cores} threads: {:.2}x", "", one / all);
    }
}

/// Runs `vigie COMMAND` on `input` with `threads` and `extra` flags, and
/// returns its `--stats-json` counters.
fn run(command: &str, input: &Path, threads: usize, extra: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args([
            command,
            "--no-progress",
            "--stats-json",
            "--threads",
            &threads.to_string(),
        ])
        .args(extra)
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("run vigie");
    let err = String::from_utf8_lossy(&out.stderr);
    let last = err.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|e| panic!("no statistics from vigie ({e}): {err}"))
}

/// The target folder (`CARGO_TARGET_DIR`, else the one holding this bench).
fn target_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(d);
    }
    let exe = std::env::current_exe().expect("bench path");
    // target/release/deps/ingest-HASH
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// The golden articles: (language, text).
fn golden(root: &Path) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for lang in ["fr", "en"] {
        let mut paths: Vec<PathBuf> = fs::read_dir(root.join("tests/data").join(lang))
            .expect("golden folder")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            out.push((lang, fs::read_to_string(p).unwrap()));
        }
    }
    out
}

/// Another version of `text`: other numbers, weekdays, months, places and
/// names, drawn from `rng`.
fn vary(lang: &str, text: &str, rng: &mut fastrand::Rng) -> String {
    let (weekdays, months) = if lang == "fr" {
        (FR_WEEKDAYS, FR_MONTHS)
    } else {
        (EN_WEEKDAYS, EN_MONTHS)
    };
    let mut out = String::with_capacity(text.len() + 64);
    let mut after_title = false;
    let mut rest = text;
    while !rest.is_empty() {
        let c = rest.chars().next().unwrap();
        if c.is_ascii_digit() {
            let n = rest.find(|ch: char| !ch.is_ascii_digit()).unwrap_or(rest.len());
            for i in 0..n {
                let d = if i == 0 && n > 1 {
                    rng.u8(1..=9)
                } else {
                    rng.u8(0..=9)
                };
                out.push((b'0' + d) as char);
            }
            rest = &rest[n..];
            after_title = false;
            continue;
        }
        if c.is_alphabetic() {
            let n = rest
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '-'))
                .unwrap_or(rest.len());
            let mut word = &rest[..n];
            // "M.", "Gen.": the title's period belongs to it.
            if rest[n..].starts_with('.') && TITLES.contains(&&rest[..n + 1]) {
                word = &rest[..n + 1];
            }
            let replaced = if after_title && word.chars().next().is_some_and(char::is_uppercase) {
                Some(SURNAMES[rng.usize(..SURNAMES.len())])
            } else if weekdays.contains(&word) {
                Some(weekdays[rng.usize(..weekdays.len())])
            } else if months.contains(&word) {
                Some(months[rng.usize(..months.len())])
            } else if PLACES.contains(&word) {
                Some(PLACES[rng.usize(..PLACES.len())])
            } else {
                None
            };
            out.push_str(replaced.unwrap_or(word));
            after_title = TITLES.contains(&word);
            rest = &rest[word.len()..];
            continue;
        }
        out.push(c);
        if !c.is_whitespace() {
            after_title = false;
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn html_page(title: &str, lang: &str, published: &str, text: &str, n: usize) -> String {
    let mut body = String::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        body.push_str("<p>");
        body.push_str(&para.replace('&', "&amp;").replace('<', "&lt;"));
        body.push_str("</p>\n");
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | The Daily Bench</title>
<meta property="article:published_time" content="{published}T08:00:00Z">
<meta property="og:site_name" content="The Daily Bench">
<link rel="canonical" href="https://bench.example/news/{n}">
<script>window.dataLayer = [];</script><style>.ad {{ display: block }}</style></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/africa">Africa</a></li><li><a href="/europe">Europe</a></li><li><a href="/business">Business</a></li></ul></nav></header>
<div class="ad" id="top-ad">Advertisement - subscribe now for 1 euro</div>
<main><article><h1>{title}</h1><div class="share"><a href="\#">Share</a> <a href="\#">Tweet</a></div>
<div class="body">
{body}</div></article>
<aside class="related"><h2>Related</h2><ul><li><a href="/news/{a}">More on this story</a></li><li><a href="/news/{b}">Analysis: what comes next</a></li></ul></aside>
<section class="comments"><h2>Comments</h2><p>Reader: thanks for the coverage, please keep us informed about the situation.</p></section>
</main><footer>Copyright The Daily Bench - Terms - Privacy</footer></body></html>"#,
        a = n + 1,
        b = n + 2,
    )
}

/// Writes the JSON Lines corpus (at least `min_bytes` of JSON) and, when
/// asked, the same articles as a gzip WARC of news pages.
fn generate(articles: &[(&str, String)], min_bytes: usize, jsonl: &Path, warc: Option<&Path>) {
    let mut rng = fastrand::Rng::with_seed(0x5EED_2026);
    let mut out = BufWriter::new(fs::File::create(jsonl).expect("write the corpus"));
    let mut warc_out = warc.map(|p| BufWriter::new(fs::File::create(p).expect("write the WARC corpus")));
    let mut written = 0usize;
    let mut n = 0usize;
    while written < min_bytes {
        let (lang, text) = &articles[n % articles.len()];
        let varied = vary(lang, text, &mut rng);
        let published = format!(
            "20{:02}-{:02}-{:02}",
            rng.u8(24..=26),
            rng.u8(1..=12),
            rng.u8(1..=28)
        );
        let line = serde_json::json!({"id": format!("bench-{n}"), "text": varied, "published": published})
            .to_string();
        out.write_all(line.as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
        written += line.len() + 1;
        if let Some(w) = warc_out.as_mut() {
            let title = varied
                .split(['.', '\n'])
                .next()
                .unwrap_or("News")
                .chars()
                .take(90)
                .collect::<String>();
            let page = html_page(&title.replace('<', ""), lang, &published, &varied, n);
            let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
            http.extend_from_slice(page.as_bytes());
            let mut record = Vec::with_capacity(http.len() + 300);
            vigie_sources::warc::write_response(
                &mut record,
                &format!("https://bench.example/news/{n}"),
                &format!("{published}T09:00:00Z"),
                &http,
            )
            .unwrap();
            let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
            gz.write_all(&record).unwrap();
            w.write_all(&gz.finish().unwrap()).unwrap();
        }
        n += 1;
    }
    out.flush().unwrap();
    if let Some(mut w) = warc_out {
        w.flush().unwrap();
    }
}
