//! `vigie demo`: extraction on the bundled sample articles, as a table; then
//! the samples are stored in a temporary database (removed at the end) and
//! the dashboard is served on it, so a newcomer sees the whole product with
//! one command. `--no-serve` stops after the table (scripts, tests).
//!
//! The samples under `samples/` are written by the Vigie developers in the
//! style of French and English wire reports: clashes with casualties, a
//! ceasefire, diplomatic talks, a protest, an arrest.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use vigie_extract::{extract, ArticleInput, Options};
use vigie_model::{ArticleEvents, Event};

/// A bundled sample: id, publication date, source, title, text.
struct Sample {
    id: &'static str,
    published: (i32, u32, u32),
    source: &'static str,
    title: &'static str,
    text: &'static str,
}

const SAMPLES: &[Sample] = &[
    Sample {
        id: "fr-affrontements-frontiere",
        published: (2026, 9, 29),
        source: "Vigie samples",
        title: "Au moins 31 morts dans des affrontements frontaliers",
        text: include_str!("../samples/fr-affrontements-frontiere.txt"),
    },
    Sample {
        id: "fr-manifestation-paris",
        published: (2026, 3, 8),
        source: "Vigie samples",
        title: "Retraites : des milliers de manifestants à Paris",
        text: include_str!("../samples/fr-manifestation-paris.txt"),
    },
    Sample {
        id: "fr-arrestation-dakar",
        published: (2026, 6, 12),
        source: "Vigie samples",
        title: "Sénégal : un opposant arrêté à Dakar",
        text: include_str!("../samples/fr-arrestation-dakar.txt"),
    },
    Sample {
        id: "en-ceasefire-talks",
        published: (2026, 5, 18),
        source: "Vigie samples",
        title: "Sudan's warring parties agree to 72-hour ceasefire",
        text: include_str!("../samples/en-ceasefire-talks.txt"),
    },
    Sample {
        id: "en-clashes-kivu",
        published: (2026, 2, 3),
        source: "Vigie samples",
        title: "Gunmen kill 17 in eastern Congo village",
        text: include_str!("../samples/en-clashes-kivu.txt"),
    },
    Sample {
        id: "en-protest-arrests-nairobi",
        published: (2026, 7, 2),
        source: "Vigie samples",
        title: "Kenyan police fire tear gas at finance bill protesters",
        text: include_str!("../samples/en-protest-arrests-nairobi.txt"),
    },
];

/// The samples as pipeline inputs.
fn inputs() -> Vec<ArticleInput> {
    SAMPLES
        .iter()
        .map(|s| ArticleInput {
            id: Some(s.id.to_string()),
            text: s.text.to_string(),
            published: NaiveDate::from_ymd_opt(s.published.0, s.published.1, s.published.2),
            source: Some(s.source.to_string()),
            title: Some(s.title.to_string()),
            ..Default::default()
        })
        .collect()
}

/// `vigie demo`'s options.
#[derive(clap::Args)]
pub struct DemoArgs {
    /// Print the table and exit, without serving the dashboard.
    #[arg(long)]
    no_serve: bool,
    /// Address of the dashboard (port 0: any free port).
    #[arg(long, default_value = vigie_serve::DEFAULT_ADDR)]
    addr: SocketAddr,
}

pub fn run(args: DemoArgs) -> Result<()> {
    let inputs = inputs();
    let records: Vec<ArticleEvents> = inputs.iter().map(|a| extract(a, &Options::default())).collect();
    {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        write!(out, "{}", render(&records))?;
        out.flush()?;
    }
    if args.no_serve {
        return Ok(());
    }
    let dir = TempDir::new()?;
    let db = dir.0.join("demo.db");
    let mut store = vigie_store::Store::open(&db)?;
    let mut batch = store.batch()?;
    for (input, record) in inputs.iter().zip(&records) {
        batch.ingest(&input.text, record)?;
    }
    batch.commit()?;
    let counts = store.counts()?;
    drop(store);
    println!();
    let note = format!(
        "; {} sample articles, {} events, {} incidents in a temporary database",
        counts.articles, counts.events, counts.incidents
    );
    crate::serve_cmd::run(&db, args.addr, &note)
}

/// A directory removed when dropped (after the server stops).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<TempDir> {
        let dir = std::env::temp_dir().join(format!("vigie-demo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create '{}'", dir.display()))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Cuts `s` to `width` characters, with an ellipsis when cut.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        format!("{s:<width$}")
    } else {
        let cut: String = s.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn actors(list: &[vigie_model::Actor]) -> String {
    if list.is_empty() {
        return "-".to_string();
    }
    list.iter().map(|a| &*a.name).collect::<Vec<_>>().join(" + ")
}

fn event_row(e: &Event) -> String {
    let date = match (e.date.start, e.date.end) {
        (Some(s), Some(t)) if s == t => s.to_string(),
        (Some(s), Some(t)) => format!("{s}..{t}"),
        _ => "?".to_string(),
    };
    let place = e.location.as_ref().map_or("-".to_string(), |p| p.name.clone());
    let dead = e
        .fatalities
        .as_ref()
        .and_then(|f| f.total)
        .map_or("-".to_string(), |n| n.to_string());
    let mut flags = Vec::new();
    if e.modality.negated {
        flags.push("negated");
    }
    if e.modality.hypothetical {
        flags.push("hypothetical");
    }
    if e.modality.historical {
        flags.push("historical");
    }
    format!(
        "    {} {} {} {} {} {} {} {}\n",
        fit(e.plover.kind.as_str(), 9),
        fit(&e.cameo, 5),
        fit(&actors(&e.source), 22),
        fit(&actors(&e.target), 22),
        fit(&date, 22),
        fit(&place, 16),
        fit(&dead, 5),
        flags.join(",")
    )
}

/// The table `vigie demo` prints.
fn render(records: &[ArticleEvents]) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "{} {} {} {} {}\n",
        fit("article", 28),
        fit("lang", 4),
        fit("published", 10),
        fit("sentences", 9),
        "events"
    ));
    for r in records {
        let published = r.article.published.map_or("-".to_string(), |d| d.to_string());
        s.push_str(&format!(
            "{} {} {} {} {}\n",
            fit(&r.article.id, 28),
            fit(&r.article.lang, 4),
            fit(&published, 10),
            fit(&r.sentences.len().to_string(), 9),
            r.events.len()
        ));
        if let Some(t) = &r.article.title {
            s.push_str(&format!("    \"{t}\"\n"));
        }
        if !r.events.is_empty() {
            s.push_str(&format!(
                "    {} {} {} {} {} {} {} flags\n",
                fit("type", 9),
                fit("cameo", 5),
                fit("source", 22),
                fit("target", 22),
                fit("date", 22),
                fit("place", 16),
                fit("dead", 5)
            ));
        }
        for e in &r.events {
            s.push_str(&event_row(e));
        }
        for w in &r.warnings {
            s.push_str(&format!("    warning: {w}\n"));
        }
    }
    let events: usize = records.iter().map(|r| r.events.len()).sum();
    let sentences: usize = records.iter().map(|r| r.sentences.len()).sum();
    s.push_str(&format!(
        "\n{} articles, {} sentences, {} events\n",
        records.len(),
        sentences,
        events
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_extract_in_their_language() {
        for (sample, input) in SAMPLES.iter().zip(inputs()) {
            let r = extract(&input, &Options::default());
            assert_eq!(r.article.lang, &sample.id[..2], "{}", sample.id);
            assert!(r.sentences.len() >= 3, "{}", sample.id);
            assert!(r.warnings.is_empty(), "{}: {:?}", sample.id, r.warnings);
        }
    }

    #[test]
    fn table_lists_every_sample() {
        let records: Vec<_> = inputs().iter().map(|a| extract(a, &Options::default())).collect();
        let table = render(&records);
        for s in SAMPLES {
            assert!(table.contains(s.id), "{}", s.id);
        }
        assert!(table.contains(&format!("{} articles", SAMPLES.len())));
    }
}
