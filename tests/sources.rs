//! Real-world inputs: HTML pages, feeds, WARC archives, the parallel
//! pipeline, and `vigie watch` against a local HTTP server.
//!
//! Fixtures are in `tests/data/sources/`; archives and large files are built
//! in a temporary folder. The HTTP server listens on 127.0.0.1 only.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::golden::golden_articles;
use crate::util::{records, root, stderr, vigie, vigie_in};

fn data(name: &str) -> String {
    root()
        .join("tests/data/sources")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

fn tmpdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-sources-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Sentence spans lie in order inside the text and never overlap, and every
/// event's evidence lies inside its sentence.
fn check_sentences(rec: &serde_json::Value) {
    let sentences = rec["sentences"].as_array().unwrap();
    let mut end = 0;
    for s in sentences {
        let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        assert!(a >= end && b > a, "{s}");
        assert_eq!(s["text"].as_str().unwrap().len() as u64, b - a);
        end = b;
    }
    for e in rec["events"].as_array().unwrap() {
        let ev = &e["evidence"];
        let s = &sentences[ev["sentence"].as_u64().unwrap() as usize];
        assert!(ev["start"].as_u64() >= s["start"].as_u64() && ev["end"].as_u64() <= s["end"].as_u64());
        let sent = s["text"].as_str().unwrap();
        let off = (ev["start"].as_u64().unwrap() - s["start"].as_u64().unwrap()) as usize;
        let text = ev["text"].as_str().unwrap();
        assert_eq!(&sent[off..off + text.len()], text);
    }
}

#[test]
fn html_page_main_text_and_metadata() {
    let out = vigie(
        &[
            "extract",
            "--url",
            "https://grandslacs.example/x",
            &data("fr-armee-goma.html"),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    let a = &r["article"];
    assert_eq!(a["lang"], "fr");
    // article:published_time wins over JSON-LD and the `date` meta.
    assert_eq!(a["published"], "2026-03-02");
    assert_eq!(a["source"], "Le Courrier des Grands Lacs");
    // The command line wins over the page's canonical link (made absolute
    // against the archived URL in the WARC test).
    assert_eq!(a["url"], "https://grandslacs.example/x");
    assert_eq!(a["title"], "RDC : l'armée reprend le contrôle de Sake");
    let text: Vec<&str> = r["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    let all = text.join(" ");
    assert!(
        text[0].starts_with("Les Forces armées de la République démocratique du Congo"),
        "{all}"
    );
    for furniture in [
        "Accueil",
        "Publicité",
        "Partager",
        "À lire aussi",
        "Jean-Marc",
        "Mentions légales",
        "Par notre correspondant",
    ] {
        assert!(!all.contains(furniture), "{furniture} kept: {all}");
    }
    assert!(all.contains("Kigali dément"));
    check_sentences(r);
    assert!(r["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["plover"]["type"] == "ASSAULT"));
}

#[test]
fn html_from_stdin_json_ld_date_and_og() {
    let page = fs::read(data("en-talks-geneva.html")).unwrap();
    let out = vigie(&["extract", "--input-format", "html", "-"], &page);
    assert!(out.status.success(), "{}", stderr(&out));
    let r = &records(&out)[0];
    // The NewsArticle's date, not the WebSite's.
    assert_eq!(r["article"]["published"], "2026-07-14");
    assert_eq!(
        r["article"]["url"],
        "https://wire.example/world/ukraine-russia-geneva-talks"
    );
    assert_eq!(
        r["article"]["title"],
        "Ukraine and Russia resume prisoner exchange talks in Geneva"
    );
    assert_eq!(r["article"]["lang"], "en");
    let n = r["sentences"].as_array().unwrap().len();
    assert_eq!(n, 3, "{}", r["sentences"]);
    check_sentences(r);
}

#[test]
fn declared_latin1_page_is_decoded() {
    let out = vigie(&["extract", &data("latin1-menaka.html")], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let r = &records(&out)[0];
    let first = r["sentences"][0]["text"].as_str().unwrap();
    assert!(first.contains("armée malienne près de Ménaka"), "{first}");
    assert_eq!(r["warnings"].as_array().unwrap().len(), 0, "{}", r["warnings"]);
    assert_eq!(r["article"]["published"], "2026-01-15");
}

#[test]
fn feed_file_one_article_per_item() {
    let out = vigie(&["extract", &data("feed.xml")], b"");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(
        recs[0]["article"]["url"],
        "https://wire.example/africa/nairobi-protests"
    );
    assert_eq!(recs[0]["article"]["published"], "2026-07-07");
    assert_eq!(recs[0]["article"]["source"], "World Wire - Top stories");
    assert_eq!(recs[0]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(recs[1]["article"]["title"], "Minister resigns");
    let err = stderr(&out);
    assert!(
        err.contains("feed.xml: item 3 <https://wire.example/photos/1>: feed item has no text"),
        "{err}"
    );
}

/// A WARC archive of the fixture pages, one gzip member per record as Common
/// Crawl writes them, with a request, an image, a redirect and a warcinfo.
fn build_warc(dir: &Path) -> PathBuf {
    use vigie_sources::warc::write_response;
    let mut records: Vec<Vec<u8>> = Vec::new();
    let mut rec = Vec::new();
    rec.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 12\r\n\r\nsoftware: t\n\r\n\r\n",
    );
    records.push(rec);
    for (uri, file, ct) in [
        (
            "https://grandslacs.example/afrique/rdc",
            "fr-armee-goma.html",
            "text/html; charset=utf-8",
        ),
        ("https://cdn.example/logo.png", "", "image/png"),
        (
            "https://wire.example/world/geneva",
            "en-talks-geneva.html",
            "text/html",
        ),
        ("https://wire.example/old", "", "text/html"),
        ("https://sahel.example/menaka", "latin1-menaka.html", "text/html"),
    ] {
        let mut req = Vec::new();
        write!(req, "WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: {uri}\r\nContent-Length: 4\r\n\r\nGET \r\n\r\n").unwrap();
        records.push(req);
        let http = if file.is_empty() && ct.starts_with("image") {
            let mut h = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n".to_vec();
            h.extend_from_slice(&[0x89, b'P', b'N', b'G', 0, 1, 2, 3]);
            h
        } else if file.is_empty() {
            b"HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\n\r\n".to_vec()
        } else {
            let mut h = format!("HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\n\r\n").into_bytes();
            h.extend(fs::read(data(file)).unwrap());
            h
        };
        let mut rec = Vec::new();
        write_response(&mut rec, uri, "2026-07-20T10:00:00Z", &http).unwrap();
        records.push(rec);
    }
    let mut gz = Vec::new();
    for r in &records {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(r).unwrap();
        gz.extend(e.finish().unwrap());
    }
    let path = dir.join("news.warc.gz");
    fs::write(&path, gz).unwrap();
    path
}

#[test]
fn warc_archive_pages_in_order_with_stats() {
    let dir = tmpdir("warc");
    let warc = build_warc(&dir);
    let out = vigie(&["extract", "--stats-json", warc.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    let urls: Vec<&str> = recs
        .iter()
        .map(|r| r["article"]["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            "https://grandslacs.example/afrique/rdc-armee-sake-goma",
            "https://wire.example/world/ukraine-russia-geneva-talks",
            "https://sahel.example/menaka"
        ]
    );
    let err = stderr(&out);
    let stats: serde_json::Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(stats["articles"], 3);
    assert_eq!(stats["read"], 5);
    assert_eq!(stats["skipped"]["not HTML"], 1);
    assert_eq!(stats["skipped"]["HTTP status"], 1);
    assert_eq!(stats["bytes"], fs::metadata(&warc).unwrap().len());
    let sentences: u64 = recs
        .iter()
        .map(|r| r["sentences"].as_array().unwrap().len() as u64)
        .sum();
    assert_eq!(stats["sentences"], sentences);
    assert!(stats["events"]["ASSAULT"].as_u64().unwrap() >= 3, "{stats}");
    assert!(stats["peak_rss_bytes"].as_u64().unwrap() > 0);
    // Quiet skips are counted, not printed.
    assert_eq!(err.lines().count(), 1, "{err}");

    let out = vigie(
        &["extract", "--stats", "--threads", "1", warc.to_str().unwrap()],
        b"",
    );
    let text = stderr(&out);
    assert!(text.contains("articles    3 extracted"), "{text}");
    assert!(text.contains("skipped     HTTP status 1, not HTML 1"), "{text}");
    assert!(text.contains("seconds     read"), "{text}");
}

#[test]
fn bad_inputs_are_reported_and_skipped() {
    let dir = tmpdir("bad");
    let warc = build_warc(&dir);
    let gz = fs::read(&warc).unwrap();
    // A download cut short: its first records are read, then the cut is named.
    fs::write(dir.join("cut.warc.gz"), &gz[..gz.len() - 700]).unwrap();
    // A record whose Content-Length is too short, between two good ones.
    let page = fs::read(data("en-talks-geneva.html")).unwrap();
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    http.extend(&page);
    let mut plain = Vec::new();
    vigie_sources::warc::write_response(&mut plain, "https://a.example/1", "2026-01-01", &http).unwrap();
    let mut bad = Vec::new();
    vigie_sources::warc::write_response(&mut bad, "https://a.example/bad", "2026-01-01", &http).unwrap();
    let bad = String::from_utf8(bad).unwrap().replace(
        &format!("Content-Length: {}", http.len()),
        &format!("Content-Length: {}", http.len() - 100),
    );
    plain.extend(bad.as_bytes());
    vigie_sources::warc::write_response(&mut plain, "https://a.example/3", "2026-01-01", &http).unwrap();
    fs::write(dir.join("length.warc"), plain).unwrap();
    // A page over 10 MB.
    let mut big = b"<html><body><article><p>".to_vec();
    big.resize(11 * 1024 * 1024, b'a');
    fs::write(dir.join("big.html"), big).unwrap();
    fs::copy(data("no-main-text.html"), dir.join("home.html")).unwrap();
    fs::copy(data("not-a-feed.xml"), dir.join("notfeed.xml")).unwrap();
    fs::copy(data("unknown-charset.html"), dir.join("charset.html")).unwrap();
    fs::copy(data("latin1-menaka.html"), dir.join("good.html")).unwrap();
    let out = vigie_in(
        &dir,
        &[
            "extract",
            "cut.warc.gz",
            "length.warc",
            "big.html",
            "home.html",
            "notfeed.xml",
            "charset.html",
            "good.html",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    let expect = [
        "cut.warc.gz: record 9: truncated or corrupt gzip stream: incomplete deflate stream",
        "length.warc: record 2 <https://a.example/bad>: bad WARC record: wrong Content-Length",
        "big.html: larger than the 10 MB limit (11.0 MB)",
        "home.html: no main text in the page",
        "notfeed.xml: not a feed: neither XML nor JSON",
        "charset.html: declares charset 'x-vigie-unknown', which is not a known encoding",
    ];
    assert_eq!(lines.len(), expect.len(), "{err}");
    for (line, want) in lines.iter().zip(expect) {
        assert!(
            line.starts_with(want),
            "{line:?} should start with {want:?}\n{err}"
        );
    }
    let urls: Vec<String> = records(&out)
        .iter()
        .map(|r| r["article"]["url"].as_str().unwrap_or("-").to_string())
        .collect();
    // cut.warc.gz: its first pages; length.warc: 1 and 3; good.html.
    assert_eq!(
        urls,
        [
            "https://grandslacs.example/afrique/rdc-armee-sake-goma",
            "https://wire.example/world/ukraine-russia-geneva-talks",
            "https://wire.example/world/ukraine-russia-geneva-talks",
            "https://wire.example/world/ukraine-russia-geneva-talks",
            "-"
        ]
    );
}

/// Every record of HTML, feed and WARC input validates against the contract.
fn assert_schema_valid(recs: &[serde_json::Value]) {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("schema/article-events.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    for r in recs {
        let errors: Vec<String> = validator
            .iter_errors(r)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} violates the schema:\n{}",
            r["article"]["id"],
            errors.join("\n")
        );
    }
}

#[test]
fn threads_give_byte_identical_output() {
    let golden: Vec<String> = golden_articles()
        .iter()
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    assert!(golden.len() >= 10);
    let dir = tmpdir("threads");
    // The same articles as JSON Lines, and the HTML fixtures and a WARC.
    let mut jsonl = String::new();
    for p in &golden {
        let text = fs::read_to_string(p).unwrap();
        jsonl.push_str(&serde_json::json!({"text": text, "published": "2026-05-01"}).to_string());
        jsonl.push('\n');
    }
    fs::write(dir.join("all.jsonl"), jsonl).unwrap();
    let warc = build_warc(&dir);
    let mut args: Vec<String> = vec![
        "extract".into(),
        "--tokens".into(),
        "--threads".into(),
        "1".into(),
    ];
    args.extend(golden.iter().cloned());
    args.push(dir.join("all.jsonl").to_str().unwrap().into());
    args.push(warc.to_str().unwrap().into());
    args.push(data("feed.xml"));
    let run = |threads: &str| {
        let mut a = args.clone();
        a[3] = threads.to_string();
        let argv: Vec<&str> = a.iter().map(String::as_str).collect();
        let out = vigie(&argv, b"");
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        out.stdout
    };
    let one = run("1");
    let two = run("2");
    let n = one.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(n, 2 * golden.len() + 3 + 2);
    assert!(one == two, "--threads 1 and --threads 2 differ");
    let recs: Vec<serde_json::Value> = String::from_utf8(one.clone())
        .unwrap()
        .lines()
        .skip(2 * golden.len())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 5);
    assert_schema_valid(&recs);
    assert!(one == run("5"), "--threads 1 and --threads 5 differ");
}

#[test]
fn id_is_refused_for_many_article_inputs() {
    // The same input flags, checked the same way, for both commands.
    for cmd in ["extract", "ingest"] {
        let out = vigie(&[cmd, "--id", "x", &data("feed.xml")], b"");
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert!(
            stderr(&out).contains("--id names one article: not for JSON Lines, feed or WARC input"),
            "{cmd}: {}",
            stderr(&out)
        );
    }
}

// ---------------------------------------------------------------- watch

/// A tiny HTTP/1.1 server on 127.0.0.1 serving fixed routes; it counts
/// requests per path and the largest number served at once.
struct Server {
    port: u16,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    not_modified: Arc<AtomicUsize>,
    max_in_flight: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn page_html(title: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>")
}

fn start_server() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = Server {
        port,
        hits: Arc::default(),
        not_modified: Arc::default(),
        max_in_flight: Arc::default(),
        stop: Arc::default(),
    };
    let base = format!("http://127.0.0.1:{port}");
    let feed = format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title>
<item><title>Talks</title><link>{base}/a.html</link><guid>a</guid><pubDate>Mon, 06 Jul 2026 10:00:00 +0000</pubDate></item>
<item><title>Strike</title><link>/b.html</link><guid>b</guid></item>
<item><title>Private</title><link>{base}/private/c.html</link><guid>c</guid></item>
<item><title>Loop</title><link>{base}/loop1</link><guid>d</guid></item>
<item><title>Flaky</title><link>{base}/flaky.html</link><guid>e</guid></item>
<item><title>Big</title><link>{base}/big.html</link><guid>f</guid></item>
<item><title>Gone</title><link>{base}/missing.html</link><guid>g</guid></item>
<item><title>Picture</title><link>{base}/image.png</link><guid>h</guid></item>
<item><title>Moved</title><link>{base}/moved</link><guid>i</guid></item>
</channel></rss>"#
    );
    let a = page_html(
        "Talks resume",
        "Ukrainian and Russian negotiators met in Geneva on Monday to resume talks on an exchange of prisoners of war, officials from both sides said.",
    );
    let b = page_html(
        "Strike on Kharkiv",
        "Russian forces struck the city of Kharkiv overnight with drones and missiles, killing at least three people and wounding eleven, the governor said.",
    );
    let e = page_html(
        "Protests",
        "Kenyan police fired tear gas at thousands of protesters in central Nairobi on Tuesday as demonstrations against a finance bill entered a third week.",
    );
    let flaky = Arc::new(AtomicUsize::new(0));
    let hits = Arc::clone(&server.hits);
    let not_modified = Arc::clone(&server.not_modified);
    let max_in_flight = Arc::clone(&server.max_in_flight);
    let stop = Arc::clone(&server.stop);
    let in_flight = Arc::new(AtomicUsize::new(0));
    std::thread::spawn(move || {
        // Bounded: the server stops with its test, and after two minutes in any case.
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        while !stop.load(Ordering::Relaxed) && std::time::Instant::now() < deadline {
            let (stream, _) = match listener.accept() {
                Ok(s) => s,
                Err(_) => {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                }
            };
            let (feed, a, b, e) = (feed.clone(), a.clone(), b.clone(), e.clone());
            let (hits, not_modified, max_in_flight, in_flight, flaky) = (
                Arc::clone(&hits),
                Arc::clone(&not_modified),
                Arc::clone(&max_in_flight),
                Arc::clone(&in_flight),
                Arc::clone(&flaky),
            );
            std::thread::spawn(move || {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                max_in_flight.fetch_max(now, Ordering::SeqCst);
                let _ = serve(stream, |path, headers| {
                    *hits.lock().unwrap().entry(path.to_string()).or_default() += 1;
                    // Long enough for overlapping requests to show.
                    std::thread::sleep(Duration::from_millis(20));
                    match path {
                        "/robots.txt" => (
                            200,
                            vec![("Content-Type", "text/plain".into())],
                            b"User-agent: *\nDisallow: /private/\n".to_vec(),
                        ),
                        "/feed.xml" => {
                            if headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
                                not_modified.fetch_add(1, Ordering::SeqCst);
                                (304, vec![("ETag", "\"v1\"".into())], Vec::new())
                            } else {
                                (
                                    200,
                                    vec![
                                        ("ETag", "\"v1\"".into()),
                                        ("Content-Type", "application/rss+xml".into()),
                                    ],
                                    feed.clone().into_bytes(),
                                )
                            }
                        }
                        "/notfeed.xml" => (
                            200,
                            vec![("Content-Type", "text/plain".into())],
                            b"Service temporarily moved.".to_vec(),
                        ),
                        "/a.html" => (
                            200,
                            vec![("Content-Type", "text/html; charset=utf-8".into())],
                            a.clone().into_bytes(),
                        ),
                        "/b.html" => (
                            200,
                            vec![("Content-Type", "text/html".into())],
                            b.clone().into_bytes(),
                        ),
                        "/private/c.html" => (
                            200,
                            vec![("Content-Type", "text/html".into())],
                            b"<p>secret</p>".to_vec(),
                        ),
                        "/loop1" => (302, vec![("Location", "/loop2".into())], Vec::new()),
                        "/loop2" => (302, vec![("Location", "/loop1".into())], Vec::new()),
                        "/moved" => (301, vec![("Location", "/a.html".into())], Vec::new()),
                        "/flaky.html" => {
                            if flaky.fetch_add(1, Ordering::SeqCst) == 0 {
                                (503, vec![], b"busy".to_vec())
                            } else {
                                (
                                    200,
                                    vec![("Content-Type", "text/html".into())],
                                    e.clone().into_bytes(),
                                )
                            }
                        }
                        "/big.html" => (
                            200,
                            vec![("Content-Type", "text/html".into())],
                            vec![b'a'; 11 * 1024 * 1024],
                        ),
                        "/image.png" => (
                            200,
                            vec![("Content-Type", "image/png".into())],
                            vec![0x89, b'P', b'N', b'G'],
                        ),
                        _ => (404, vec![], b"not found".to_vec()),
                    }
                });
                in_flight.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    server
}

type Reply = (u16, Vec<(&'static str, String)>, Vec<u8>);

fn serve(stream: TcpStream, route: impl Fn(&str, &HashMap<String, String>) -> Reply) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let (status, extra, body) = route(&path, &headers);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(&body)?;
    out.flush()?;
    // Let the client close first so it never sees a reset.
    let _ = out.read(&mut [0u8; 1]);
    Ok(())
}

#[test]
fn watch_polls_fetches_once_and_survives_failures() {
    let server = start_server();
    let dir = tmpdir("watch");
    let state = dir.join("state.json");
    let args = |out: &str| -> Vec<String> {
        vec![
            "watch".into(),
            "--once".into(),
            "--state".into(),
            state.to_str().unwrap().into(),
            "--out".into(),
            dir.join(out).to_str().unwrap().into(),
            "--delay".into(),
            "30ms".into(),
            "--backoff".into(),
            "20ms".into(),
            "--retries".into(),
            "2".into(),
            server.url("/feed.xml"),
            server.url("/notfeed.xml"),
            server.url("/nofeed-here.xml"),
        ]
    };
    let a = args("first.jsonl");
    let out = vigie(&a.iter().map(String::as_str).collect::<Vec<_>>(), b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let recs: Vec<serde_json::Value> = fs::read_to_string(dir.join("first.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let titles: Vec<&str> = recs
        .iter()
        .map(|r| r["article"]["title"].as_str().unwrap())
        .collect();
    // Feed order; the moved item is the same page as the first, at another URL.
    assert_eq!(
        titles,
        ["Talks resume", "Strike on Kharkiv", "Protests", "Talks resume"],
        "{err}"
    );
    assert_eq!(recs[0]["article"]["published"], "2026-07-06");
    assert_eq!(recs[0]["article"]["source"], "Local wire");
    assert_eq!(recs[1]["article"]["url"], server.url("/b.html"));
    assert!(recs[1]["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["plover"]["type"] == "ASSAULT"));
    for want in [
        format!("{}: disallowed by robots.txt", server.url("/private/c.html")),
        format!(
            "{}: redirect loop: {} -> {} -> {}",
            server.url("/loop1"),
            server.url("/loop1"),
            server.url("/loop2"),
            server.url("/loop1")
        ),
        format!("{}: larger than the 10 MB limit", server.url("/big.html")),
        format!("{}: HTTP status 404", server.url("/missing.html")),
        format!("{}: not HTML (Content-Type: image/png)", server.url("/image.png")),
        format!("{}: not a feed", server.url("/notfeed.xml")),
        format!("{}: HTTP status 404", server.url("/nofeed-here.xml")),
        "3 feed(s): 1 fetched, 0 unchanged, 2 failed; 9 page(s): 4 article(s), 5 failed (0 to retry)"
            .to_string(),
    ] {
        assert!(err.contains(&want), "missing {want:?} in\n{err}");
    }
    // The 503 was retried, robots.txt read once, the disallowed page never.
    assert_eq!(server.hits("/flaky.html"), 2);
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(server.hits("/private/c.html"), 0);
    // One request at a time to the host.
    assert_eq!(server.max_in_flight.load(Ordering::SeqCst), 1);

    // Second run: the feed answers 304, nothing is fetched again.
    let a = args("second.jsonl");
    let out = vigie(&a.iter().map(String::as_str).collect::<Vec<_>>(), b"");
    let err = stderr(&out);
    assert_eq!(fs::read_to_string(dir.join("second.jsonl")).unwrap(), "", "{err}");
    assert_eq!(server.not_modified.load(Ordering::SeqCst), 1);
    assert!(err.contains("1 unchanged"), "{err}");
    assert_eq!(server.hits("/a.html"), 2);
    assert_eq!(server.hits("/b.html"), 1);
    assert_eq!(server.hits("/flaky.html"), 2);
    assert_eq!(server.hits("/loop1"), 1);

    // A lost state file means starting over, but a corrupt one is refused.
    fs::write(&state, b"{\"version\": [").unwrap();
    let a = args("third.jsonl");
    let out = vigie(&a.iter().map(String::as_str).collect::<Vec<_>>(), b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not a Vigie watch state"),
        "{}",
        stderr(&out)
    );
}

/// The URLs and titles of the articles a database holds, in storing order.
fn stored_articles(db: &Path) -> Vec<(String, String)> {
    let store = vigie_store::Store::open_read_only(db).unwrap();
    let mut stmt = store
        .connection()
        .prepare("SELECT url, title FROM articles ORDER BY id")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    rows
}

#[test]
fn watch_into_the_store_ingests_each_item_once_and_retries_failures() {
    let server = start_server();
    let dir = tmpdir("watch-db");
    let db = dir.join("w.db");
    let run = || {
        // No retry within a poll: the page that fails once waits for the next.
        let args = [
            "watch",
            "--once",
            "--db",
            db.to_str().unwrap(),
            "--delay",
            "10ms",
            "--retries",
            "0",
            &server.url("/feed.xml"),
        ];
        let out = vigie(&args, b"");
        assert!(out.stdout.is_empty(), "records go to the store only");
        (out.status.code(), stderr(&out))
    };
    let (code, err) = run();
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!("{}: HTTP status 503", server.url("/flaky.html"))),
        "{err}"
    );
    // The moved item is the first page again: stored once.
    assert!(
        err.contains("9 page(s): 3 article(s), 6 failed (1 to retry); 2 stored"),
        "{err}"
    );
    assert!(err.contains("1 already stored; "), "{err}");
    let a = (server.url("/a.html"), "Talks resume".to_string());
    let b = (server.url("/b.html"), "Strike on Kharkiv".to_string());
    let e = (server.url("/flaky.html"), "Protests".to_string());
    assert_eq!(stored_articles(&db), [a.clone(), b.clone()]);
    // The state is kept beside the database.
    assert!(dir.join("w.db-watch.json").exists());

    // Next poll: the feed is read in full (an item is pending), only the
    // failed page is fetched, and it is stored.
    let (code, err) = run();
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains(
            "1 fetched, 0 unchanged, 0 failed; 1 page(s): 1 article(s), 0 failed (0 to retry); 1 stored"
        ),
        "{err}"
    );
    assert_eq!(stored_articles(&db), [a.clone(), b.clone(), e.clone()]);
    assert_eq!(server.hits("/flaky.html"), 2);
    assert_eq!(server.hits("/a.html"), 2);

    // Then nothing changes: the feed answers 304.
    let (code, err) = run();
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("0 fetched, 1 unchanged"), "{err}");
    assert_eq!(server.hits("/a.html"), 2);

    // With the state lost every page is fetched again, and the store still
    // holds each article once.
    fs::remove_file(dir.join("w.db-watch.json")).unwrap();
    let (_, err) = run();
    assert!(err.contains("0 stored (0 events), 4 already stored"), "{err}");
    assert_eq!(stored_articles(&db), [a, b, e]);
    let store = vigie_store::Store::open_read_only(&db).unwrap();
    let c = store.counts().unwrap();
    assert!(c.events >= 2 && c.incidents >= 1, "{c:?}");
}

#[test]
fn watch_keeps_polling_and_stores_a_failed_page_at_the_next_poll() {
    let server = start_server();
    let dir = tmpdir("watch-loop");
    let db = dir.join("loop.db");
    let log = dir.join("stderr.txt");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args([
            "watch",
            "--db",
            db.to_str().unwrap(),
            "--out",
            dir.join("records.jsonl").to_str().unwrap(),
            "--interval",
            "200ms",
            "--delay",
            "10ms",
            "--retries",
            "0",
            &server.url("/feed.xml"),
        ])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    // Until the third poll has been answered (the 304 of the feed).
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while server.not_modified.load(Ordering::SeqCst) == 0 {
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "vigie watch ended ({status}): {}",
                fs::read_to_string(&log).unwrap()
            );
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no third poll within a minute: {}",
            fs::read_to_string(&log).unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let err = fs::read_to_string(&log).unwrap();
    let titles: Vec<String> = stored_articles(&db).into_iter().map(|(_, t)| t).collect();
    assert_eq!(titles, ["Talks resume", "Strike on Kharkiv", "Protests"], "{err}");
    assert_eq!(server.hits("/flaky.html"), 2, "{err}");
    assert_eq!(server.hits("/b.html"), 1, "{err}");
    // --out keeps the JSON Lines too: one record per article handed over
    let records = fs::read_to_string(dir.join("records.jsonl")).unwrap();
    // (the moved item's too, which the store had already).
    assert_eq!(records.lines().count(), 4, "{records}");
    let polls: Vec<&str> = err.lines().filter(|l| l.contains("feed(s):")).collect();
    assert!(polls.len() >= 2, "{err}");
    assert!(polls[0].contains("(1 to retry); 2 stored"), "{err}");
    assert!(polls[1].contains("1 page(s): 1 article(s)"), "{err}");
}

#[test]
fn watch_sink_errors_leave_items_for_the_next_poll() {
    use vigie_sources::fetch::FetchConfig;
    use vigie_sources::watch::{Sink, WatchConfig, Watcher};

    struct Flaky {
        fail: bool,
        got: Vec<String>,
        skipped: Vec<String>,
    }
    impl Sink for Flaky {
        fn article(
            &mut self,
            a: vigie_extract::ArticleInput,
        ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
            if self.fail {
                return Err("database locked".into());
            }
            self.got.push(a.title.unwrap_or_default());
            Ok(())
        }
        fn skipped(&mut self, s: &vigie_sources::Skip) {
            self.skipped.push(s.to_string());
        }
    }
    let server = start_server();
    let config = WatchConfig {
        feeds: vec![server.url("/feed.xml")],
        fetch: FetchConfig {
            host_delay: Duration::from_millis(5),
            backoff: Duration::from_millis(5),
            ..FetchConfig::default()
        },
        ..WatchConfig::default()
    };
    let mut w = Watcher::new(config, None).unwrap();
    let mut sink = Flaky {
        fail: true,
        got: Vec::new(),
        skipped: Vec::new(),
    };
    let r = w.poll(&mut sink).unwrap();
    assert_eq!(r.articles, 0);
    assert!(
        sink.skipped
            .iter()
            .any(|s| s.contains("not stored: database locked")),
        "{:?}",
        sink.skipped
    );
    // The feed is fetched in full (not conditionally: it has items pending)
    // and the items not stored are fetched again.
    sink.fail = false;
    let r = w.poll(&mut sink).unwrap();
    assert_eq!(r.feeds_fetched, 1);
    assert_eq!(r.articles, 4);
    assert_eq!(
        sink.got,
        ["Talks resume", "Strike on Kharkiv", "Protests", "Talks resume"]
    );
}

#[test]
fn fetch_times_out_retries_and_names_the_cause() {
    use vigie_sources::fetch::{FetchConfig, Fetcher};
    use vigie_sources::Reason;

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let page_tries = Arc::new(AtomicUsize::new(0));
    let tries = Arc::clone(&page_tries);
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    std::thread::spawn(move || {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while !stopped.load(Ordering::Relaxed) && std::time::Instant::now() < deadline {
            let Ok((stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            let tries = Arc::clone(&tries);
            std::thread::spawn(move || {
                let _ = serve(stream, |path, _| {
                    if path == "/robots.txt" {
                        return (404, vec![], Vec::new());
                    }
                    // The page never comes in time.
                    tries.fetch_add(1, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(1500));
                    (200, vec![], b"late".to_vec())
                });
            });
        }
    });
    let fetcher = Fetcher::new(FetchConfig {
        timeout: Duration::from_millis(300),
        connect_timeout: Duration::from_millis(300),
        retries: 1,
        backoff: Duration::from_millis(10),
        host_delay: Duration::ZERO,
        ..FetchConfig::default()
    });
    let started = std::time::Instant::now();
    let err = fetcher
        .get(&format!("http://127.0.0.1:{port}/slow.html"), None)
        .unwrap_err();
    stop.store(true, Ordering::Relaxed);
    assert!(
        matches!(&err, Reason::Network(m) if m.contains("timed out")),
        "{err}"
    );
    assert!(err.transient());
    assert_eq!(page_tries.load(Ordering::SeqCst), 2, "one try and one retry");
    assert!(
        started.elapsed() < Duration::from_millis(1400),
        "{:?}",
        started.elapsed()
    );

    // A site whose robots.txt cannot be read is not crawled, and says why.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = closed.local_addr().unwrap().port();
    drop(closed);
    let err = fetcher
        .get(&format!("http://127.0.0.1:{dead}/a.html"), None)
        .unwrap_err();
    assert!(err.to_string().contains("robots.txt unavailable"), "{err}");
}
