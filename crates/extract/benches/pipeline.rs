//! Full extraction (text → mentions → events) throughput, one core.
//!
//! Corpus: the bundled samples and golden articles of both languages, with
//! their publication dates, repeated to about 2,000 articles. Lexicons and
//! the gazetteer are loaded before timing. Reports articles/s; the sentence
//! count is printed so sentences/s = articles/s × sentences per article.
//! Run: `cargo bench -p vigie-extract`.

use std::path::Path;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vigie_cputime::ThreadTime;
use vigie_extract::{extract, ArticleInput, Options};

fn inputs() -> Vec<ArticleInput> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = Vec::new();
    for dir in ["samples", "tests/data/fr", "tests/data/en"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for p in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            let meta = std::fs::read_to_string(p.with_extension("meta.json")).unwrap_or_default();
            let published = meta
                .split("\"published\": \"")
                .nth(1)
                .and_then(|s| s.get(..10))
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .or(NaiveDate::from_ymd_opt(2026, 3, 2));
            out.push(ArticleInput {
                text: std::fs::read_to_string(&p).unwrap(),
                published,
                ..Default::default()
            });
        }
    }
    out
}

fn bench(c: &mut Criterion<ThreadTime>) {
    let base = inputs();
    let articles: Vec<ArticleInput> = base.iter().cycle().take(base.len() * 50).cloned().collect();
    // Warm the lazy lexicons, automata and gazetteer.
    let sentences: usize = base
        .iter()
        .map(|a| extract(a, &Options::default()).sentences.len())
        .sum();
    let per_article = sentences as f64 / base.len() as f64;
    let events: usize = articles
        .iter()
        .map(|a| extract(a, &Options::default()).events.len())
        .sum();
    eprintln!(
        "corpus: {} articles, {:.1} sentences per article, {} events per pass",
        articles.len(),
        per_article,
        events
    );
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Elements((articles.len() as f64 * per_article) as u64));
    group.sample_size(10);
    group.bench_function(format!("sentences/{}-articles", articles.len()), |b| {
        b.iter(|| {
            let n: usize = articles
                .iter()
                .map(|a| extract(a, &Options::default()).events.len())
                .sum();
            assert_eq!(n, events);
            n
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // Per-core figures: the thread's CPU time, whatever else the machine runs.
    config = Criterion::default().with_measurement(ThreadTime);
    targets = bench
}
criterion_main!(benches);
