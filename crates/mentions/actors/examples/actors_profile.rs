//! Runs the actor stage over one benchmark corpus, for profilers whose
//! counts do not depend on the machine's load:
//!
//! ```text
//! cargo build --release -p vigie-actors --example actors_profile
//! valgrind --tool=callgrind --toggle-collect='vigie_actors::find*' \
//!     target/release/examples/actors_profile fr long
//! ```
//!
//! Arguments: language (`fr`, `en`), corpus (`table`, `wire`, `long`, as in
//! `benches/actors.rs`), the number of passes (default 1) and, optionally,
//! `dump`. Prints the corpus size and the number of mentions found; with
//! `dump`, every mention of the last pass too (span, text and coding, one a
//! line), to compare the outputs of two versions.

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: actors_profile fr|en table|wire|long [passes [dump]]";
    let (Some(lang), Some(kind)) = (args.first(), args.get(1)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let Some(articles) = corpus::corpus(lang, kind) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let passes: usize = match args.get(2).map(|p| p.parse()) {
        None => 1,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    vigie_actors::warm_up();
    let docs: Vec<_> = articles
        .iter()
        .map(|a| vigie_text::analyze(a, Some(lang)))
        .collect();
    let bytes: usize = articles.iter().map(String::len).sum();
    let dump = args.get(3).is_some_and(|a| a == "dump");
    let mut mentions = 0;
    for pass in 0..passes {
        mentions = 0;
        for (i, d) in docs.iter().enumerate() {
            let found = vigie_actors::find_all(d);
            mentions += found.iter().filter(|m| !m.adjective).count();
            if dump && pass + 1 == passes {
                for m in &found {
                    println!(
                        "{i}\t{}..{}\t{}\t{:?}\t{}",
                        m.nstart, m.nend, m.sentence, m.actor, m.adjective
                    );
                }
            }
        }
    }
    println!(
        "{lang}/{kind}: {bytes} bytes, {} documents, {mentions} mentions",
        docs.len()
    );
}
