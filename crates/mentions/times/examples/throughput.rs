//! Measures the time stage alone: `find` (and one `attach` per sentence)
//! on the sample articles, repeated.
//!
//! `cargo run --release -p vigie-times --example throughput [FILES...]`
//! (defaults to the repository's `samples/*.txt`; `NO_ATTACH=1` measures
//! `find` alone).

use std::time::Instant;

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../samples");
        for e in std::fs::read_dir(dir).expect("samples/").flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p.to_string_lossy().into_owned());
            }
        }
    }
    let texts: Vec<(String, &str)> = files
        .iter()
        .map(|f| {
            let lang = if f.contains("/fr-") { "fr" } else { "en" };
            (std::fs::read_to_string(f).expect("readable"), lang)
        })
        .collect();
    let docs: Vec<_> = texts
        .iter()
        .map(|(t, l)| vigie_text::analyze(t, Some(l)))
        .collect();
    let published = chrono::NaiveDate::from_ymd_opt(2026, 2, 3);
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let rounds = 2000;
    let attach = std::env::var_os("NO_ATTACH").is_none();
    let mut mentions = 0;
    let t0 = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            let times = vigie_times::find(d, published);
            mentions += times.len();
            for s in &d.sentences {
                let tok = &d.tokens[s.first_token];
                if !attach {
                    break;
                }
                std::hint::black_box(vigie_times::attach(
                    &times,
                    s.index,
                    tok.nstart..tok.nend,
                    d,
                    published,
                ));
            }
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{} sentences × {rounds} in {secs:.2}s: {:.0} sentences/s ({} mentions per round)",
        sentences,
        (sentences * rounds) as f64 / secs,
        mentions / rounds
    );
}
