//! Prints the time expressions of a text.
//!
//! `cargo run -p vigie-times --example show -- fr 2024-04-01 "Il est arrivé lundi soir."`
//! (publication date `-` for none).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [lang, published, text @ ..] = args.as_slice() else {
        eprintln!("usage: show LANG PUBLISHED|- TEXT...");
        std::process::exit(2);
    };
    let published = published.parse().ok();
    for text in text {
        let doc = vigie_text::analyze(text, Some(lang));
        for t in vigie_times::find(&doc, published) {
            println!(
                "{:?}\t{:?}..{:?}\t{:?}\t{:?}\t{:?}",
                t.date.text.as_deref().unwrap_or(""),
                t.date.start,
                t.date.end,
                t.date.precision,
                t.kind,
                t.tense
            );
        }
    }
}
