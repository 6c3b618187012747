//! The benchmark corpora, shared by `benches/actors.rs` and
//! `examples/actors_profile.rs`.
//!
//! Three corpora per language, each about 1 MB: `table`, the test sentences
//! joined into articles of about 2 KB (dense: nearly every sentence names two
//! actors); `wire`, the bundled sample and golden articles (the density of
//! real wire copy); `long`, the table corpus as one document, which shows
//! any cost that grows faster than the text.

/// The corpus `kind` (`table`, `wire`, `long`) of language `lang` (`fr`,
/// `en`); `None` for others.
pub fn corpus(lang: &str, kind: &str) -> Option<Vec<String>> {
    let table = match lang {
        "fr" => include_str!("../tests/data/fr.txt"),
        "en" => include_str!("../tests/data/en.txt"),
        _ => return None,
    };
    match kind {
        "table" => Some(articles(table)),
        "wire" => Some(wire(lang)),
        "long" => Some(vec![articles(table).concat()]),
        _ => None,
    }
}

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

/// The sentences of a test table joined into articles of about 2 KB, to
/// about 1 MB in all.
fn articles(table: &str) -> Vec<String> {
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
