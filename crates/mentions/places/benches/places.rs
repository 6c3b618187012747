//! Benchmarks: gazetteer load time and geocoding throughput.
//!
//! The corpus is built from the sentences of `tests/data/places.tsv`, with
//! the expected place of each sentence swapped for the places of the other
//! sentences (so every name is seen in every context), grouped in articles of
//! 25 sentences. `find` is measured on analysed documents; the text stage is
//! outside the measure. Run: `cargo bench -p vigie-places`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vigie_cputime::ThreadTime;

const TABLE: &str = include_str!("../tests/data/places.tsv");

fn corpus() -> Vec<(String, &'static str)> {
    let rows: Vec<Vec<&str>> = TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let surfaces: Vec<&str> = rows
        .iter()
        .filter(|r| r[2] != "-" && r[3] != "-")
        .map(|r| r[2])
        .collect();
    let mut sentences: Vec<(String, &str)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        sentences.push((r[1].to_string(), r[0]));
        if r[2] == "-" || r[3] == "-" {
            continue;
        }
        for k in 0..12 {
            let other = surfaces[(i * 7 + k * 13) % surfaces.len()];
            sentences.push((r[1].replacen(r[2], other, 1), r[0]));
        }
    }
    let mut articles = Vec::new();
    for lang in ["fr", "en"] {
        let s: Vec<&String> = sentences
            .iter()
            .filter(|(_, l)| *l == lang)
            .map(|(s, _)| s)
            .collect();
        for chunk in s.chunks(25) {
            let text: Vec<&str> = chunk.iter().map(|s| s.as_str()).collect();
            articles.push((text.join(" "), lang));
        }
    }
    articles
}

fn bench(c: &mut Criterion<ThreadTime>) {
    let mut g = c.benchmark_group("load");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("gazetteer", |b| {
        b.iter(|| black_box(vigie_places::bench_load_fresh()))
    });
    g.finish();

    vigie_places::preload();
    let articles = corpus();
    let docs: Vec<_> = articles
        .iter()
        .map(|(t, l)| vigie_text::analyze(t, Some(l)))
        .collect();
    let bytes: usize = articles.iter().map(|(t, _)| t.len()).sum();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let mentions: usize = docs.iter().map(|d| vigie_places::find(d).len()).sum();
    eprintln!(
        "corpus: {} articles, {sentences} sentences, {bytes} bytes, {mentions} mentions",
        docs.len()
    );
    let mut g = c.benchmark_group("geocode");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("find", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                n += vigie_places::find(black_box(d)).len();
            }
            n
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    // Per-core figures: the thread's CPU time, whatever else the machine runs.
    config = Criterion::default().with_measurement(ThreadTime);
    targets = bench
}
criterion_main!(benches);
