//! Prints the place mentions of a text (argument or stdin), with the load
//! time of the gazetteer: `cargo run --release -p vigie-places --example
//! describe -- "Des frappes ont touché Kharkiv."`. Also used to measure the
//! resident memory of the loaded gazetteer: `/usr/bin/time -v describe
//! --load-only` loads it and exits.

use std::io::Read;
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let (rows, names) = vigie_places::preload();
    eprintln!("loaded {rows} places, {names} names in {:?}", t.elapsed());
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--load-only") {
        return;
    }
    let mut text = args.join(" ");
    if text.is_empty() {
        let _ = std::io::stdin().read_to_string(&mut text);
    }
    let doc = vigie_text::analyze(&text, None);
    print!("{}", vigie_places::describe(&doc));
}
