//! Debugging commands: print what one stage found in one article.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::input::{InputFormat, Metadata, Reader};

/// Reads one plain-text article (stdin for `-` or none).
fn read_article(file: Option<&Path>) -> Result<String> {
    let path = file.map_or_else(|| PathBuf::from("-"), Path::to_path_buf);
    let count = std::sync::Arc::default();
    let mut reader = Reader::open(&path, InputFormat::Text, &Metadata::default(), &count)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    match reader.next() {
        Some(Ok(item)) => Ok(item.resolve().map_err(|e| anyhow::anyhow!("{e}"))?.text),
        Some(Err(e)) => Err(anyhow::anyhow!("{e}")),
        None => Ok(String::new()),
    }
}

/// `vigie actors FILE`: one line per actor mention.
pub fn actors(file: Option<&Path>, lang: Option<&str>) -> Result<u8> {
    let text = read_article(file)?;
    let doc = vigie_text::analyze(&text, lang);
    let mut out = io::stdout().lock();
    writeln!(out, "lang: {}", doc.lang)?;
    for m in vigie_actors::find(&doc) {
        let a = &m.actor;
        let dash = |o: &Option<std::borrow::Cow<'static, str>>| o.as_deref().unwrap_or("-").to_string();
        writeln!(
            out,
            "s{:<3} {:<45} | {:<38} | {} | {} | {} | {}",
            m.sentence,
            a.text,
            a.name,
            dash(&a.country),
            dash(&a.sector),
            dash(&a.role),
            dash(&a.igo)
        )?;
    }
    Ok(0)
}

/// `vigie places FILE`: one line per place mention, with its resolution.
pub fn places(file: Option<&Path>, lang: Option<&str>) -> Result<u8> {
    let text = read_article(file)?;
    let doc = vigie_text::analyze(&text, lang);
    let mut out = io::stdout().lock();
    writeln!(out, "lang: {}", doc.lang)?;
    write!(out, "{}", vigie_places::describe(&doc))?;
    Ok(0)
}
