//! Actor recognition throughput on wire-style text, one core.
//!
//! Three corpora per language, each about 1 MB (see `corpus.rs`): `table`,
//! the test sentences joined into articles of about 2 KB (dense: nearly every
//! sentence names two actors); `wire`, the bundled sample and golden articles
//! (the density of real wire copy); `long`, the table corpus as one
//! document, which shows any cost that grows faster than the text. Text analysis
//! (normalisation, sentences, tokens) is done before timing: this measures
//! the actor stage alone. Run: `cargo bench -p vigie-actors`.

#[path = "corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vigie_cputime::ThreadTime;

fn bench(c: &mut Criterion<ThreadTime>) {
    vigie_actors::warm_up();
    for lang in ["fr", "en"] {
        for kind in ["table", "wire", "long"] {
            let articles = corpus::corpus(lang, kind).expect("a known corpus");
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
