//! Actor recognition throughput on wire-style text, one core.
//!
//! Two corpora per language, each repeated to about 1 MB: `table`, the test
//! sentences joined into articles of about 2 KB (dense: nearly every
//! sentence names two actors), and `wire`, the bundled sample and golden
//! articles (the density of real wire copy). Text analysis
//! (normalisation, sentences, tokens) is done before timing: this measures
//! the actor stage alone. Run: `cargo bench -p vigie-actors`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vigie_cputime::ThreadTime;

/// The wire articles of a language: samples and golden files.
fn wire(lang: &str) -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../..");
    let mut texts = Vec::new();
    for dir in [format!("{root}/samples"), format!("{root}/tests/data/{lang}")] {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let ours = dir.ends_with(lang) || name.starts_with(&format!("{lang}-"));
            if ours && name.ends_with(".txt") {
                texts.push(std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut out = Vec::new();
    let mut total = 0;
    while total < 1 << 20 {
        for t in &texts {
            total += t.len();
            out.push(t.clone());
        }
    }
    out
}

fn corpus(table: &str) -> Vec<String> {
    let sentences: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix(">> ").or_else(|| l.strip_prefix("> ")))
        .collect();
    let mut articles = Vec::new();
    let mut current = String::new();
    let mut total = 0;
    while total < 1 << 20 {
        for s in &sentences {
            current.push_str(s);
            current.push(' ');
            if current.len() > 2000 {
                total += current.len();
                articles.push(std::mem::take(&mut current));
            }
        }
    }
    articles
}

fn bench(c: &mut Criterion<ThreadTime>) {
    vigie_actors::warm_up();
    for (lang, table) in [
        ("fr", include_str!("../tests/data/fr.txt")),
        ("en", include_str!("../tests/data/en.txt")),
    ] {
        // `long`: the table corpus as one 1 MB document, which shows any cost
        // that grows faster than the text.
        let long = vec![corpus(table).concat()];
        for (kind, articles) in [("table", corpus(table)), ("wire", wire(lang)), ("long", long)] {
            let docs: Vec<_> = articles
                .iter()
                .map(|a| vigie_text::analyze(a, Some(lang)))
                .collect();
            let bytes: usize = articles.iter().map(String::len).sum();
            let expected: usize = docs.iter().map(|d| vigie_actors::find(d).len()).sum();
            let mut group = c.benchmark_group("actors");
            group.throughput(Throughput::Bytes(bytes as u64));
            group.sample_size(20);
            group.bench_function(format!("{lang}/{kind}/{}KB", bytes / 1024), |b| {
                b.iter(|| {
                    let n: usize = docs.iter().map(|d| vigie_actors::find(d).len()).sum();
                    assert_eq!(n, expected);
                    n
                })
            });
            group.finish();
        }
    }
}

criterion_group! {
    name = benches;
    // Per-core figures: the thread's CPU time, whatever else the machine runs.
    config = Criterion::default().with_measurement(ThreadTime);
    targets = bench
}
criterion_main!(benches);
