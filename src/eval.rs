//! `vigie eval plover FILE`: scores event coding against PLOVER gold records.
//!
//! The gold file is a JSON array of records (`PLOVER_GSR_CAMEO.json` layout):
//! `text`, `event` (draft-0.5 names mapped to the 16 PLOVER types: DEMAND →
//! REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE, FIGHT → ASSAULT), `source`
//! and `target` actor lists with `code` (ISO alpha-3, or IGO/NGO), and
//! `language`. Each sentence is extracted on its own.
//!
//! Scores: per PLOVER type, precision, recall and F1 of the types predicted
//! for each sentence against its gold type (a type predicted twice counts
//! once); source and target country accuracy over the sentences whose gold
//! type was predicted, an actor matching when its country (or IGO/NGO
//! sector) is among the gold codes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;
use vigie_extract::{extract, ArticleInput, Options};
use vigie_model::{Actor, PloverType};

/// Maps a gold event name to a current PLOVER type.
pub fn gold_type(name: &str) -> Option<PloverType> {
    match name {
        "DEMAND" => Some(PloverType::Request),
        "DISAPPROVE" | "INVESTIGATE" => Some(PloverType::Accuse),
        "FIGHT" => Some(PloverType::Assault),
        other => PloverType::parse(other),
    }
}

/// CAMEO country codes that differ from ISO 3166-1 alpha-3.
fn iso_code(code: &str) -> &str {
    match code {
        "JAP" => "JPN",
        "ROM" => "ROU",
        "DEN" => "DNK",
        "GER" => "DEU",
        other => other,
    }
}

fn codes(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["code"].as_str())
                .map(|c| iso_code(c).to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn actor_matches(a: &Actor, gold: &BTreeSet<String>) -> bool {
    if let Some(c) = a.country.as_deref() {
        if gold.contains(c) {
            return true;
        }
    }
    (a.igo.is_some() || a.sector.as_deref() == Some("IGO")) && gold.contains("IGO")
        || a.sector.as_deref() == Some("NGO") && gold.contains("NGO")
}

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

/// How many mistakes of each kind to list after the table.
#[derive(Debug, Default, Clone, Copy)]
pub struct Show {
    /// Sentences whose gold type was not predicted.
    pub missed: usize,
    /// Sentences whose event of the gold type has a wrong source.
    pub sources: usize,
    /// Sentences with a predicted type other than the gold one.
    pub extra: usize,
    /// Sentences whose event of the gold type has a wrong target.
    pub targets: usize,
}

fn actor_list(actors: &[Actor]) -> String {
    let got: Vec<String> = actors
        .iter()
        .map(|a| format!("{} ({})", a.text, a.country.as_deref().unwrap_or("-")))
        .collect();
    got.join(", ")
}

/// Scores a gold file and returns the table to print, followed by the
/// mistakes `show` asks for.
pub fn plover(path: &Path, show: &Show) -> Result<String> {
    let data = std::fs::read_to_string(path).with_context(|| format!("cannot read '{}'", path.display()))?;
    let records: Vec<Value> =
        serde_json::from_str(&data).with_context(|| format!("'{}' is not a JSON array", path.display()))?;
    let mut per: BTreeMap<PloverType, Tally> = BTreeMap::new();
    let (mut src, mut tgt, mut n) = ((0, 0), (0, 0), 0);
    let mut mistakes = String::new();
    let mut shown = 0;
    let (mut actor_mistakes, mut shown_actors) = (String::new(), 0);
    let (mut target_mistakes, mut shown_targets) = (String::new(), 0);
    let (mut extras, mut shown_extra) = (String::new(), 0);
    for (i, r) in records.iter().enumerate() {
        let Some(gold) = r["event"].as_str().and_then(gold_type) else {
            continue;
        };
        let Some(text) = r["text"].as_str() else { continue };
        n += 1;
        let input = ArticleInput {
            id: Some(r["id"].as_str().map_or_else(|| i.to_string(), str::to_string)),
            text: text.to_string(),
            lang: r["language"].as_str().map(str::to_string),
            ..Default::default()
        };
        let out = extract(&input, &Options::default());
        let predicted: BTreeSet<PloverType> = out.events.iter().map(|e| e.plover.kind).collect();
        for t in &predicted {
            let e = per.entry(*t).or_default();
            if *t == gold {
                e.tp += 1;
            } else {
                e.fp += 1;
            }
        }
        if !predicted.contains(&gold) {
            per.entry(gold).or_default().fn_ += 1;
        }
        let gsrc = codes(&r["source"]);
        let gtgt = codes(&r["target"]);
        if let Some(ev) = out.events.iter().find(|e| e.plover.kind == gold) {
            let id = r["id"].as_str().unwrap_or("?");
            let side = |gold_codes: &BTreeSet<String>,
                        got: &[Actor],
                        name: &str,
                        tally: &mut (usize, usize),
                        shown: &mut usize,
                        limit: usize,
                        out: &mut String| {
                if gold_codes.is_empty() {
                    return;
                }
                tally.1 += 1;
                if got.iter().any(|a| actor_matches(a, gold_codes)) {
                    tally.0 += 1;
                } else if *shown < limit {
                    *shown += 1;
                    let want: Vec<&str> = gold_codes.iter().map(String::as_str).collect();
                    let _ = writeln!(
                        out,
                        "  {id} {} {name} want [{}] got [{}]: {text}",
                        gold.as_str(),
                        want.join(","),
                        actor_list(got),
                    );
                }
            };
            side(
                &gsrc,
                &ev.source,
                "source",
                &mut src,
                &mut shown_actors,
                show.sources,
                &mut actor_mistakes,
            );
            side(
                &gtgt,
                &ev.target,
                "target",
                &mut tgt,
                &mut shown_targets,
                show.targets,
                &mut target_mistakes,
            );
        }
        if shown_extra < show.extra && predicted.iter().any(|t| *t != gold) {
            shown_extra += 1;
            let _ = writeln!(
                extras,
                "  {} want {}: {}",
                r["id"].as_str().unwrap_or("?"),
                gold.as_str(),
                text
            );
            for e in out.events.iter().filter(|e| e.plover.kind != gold) {
                let _ = writeln!(
                    extras,
                    "      got {} {} [{}] -> [{}]: \"{}\"",
                    e.plover.kind.as_str(),
                    e.cameo,
                    actor_list(&e.source),
                    actor_list(&e.target),
                    e.evidence.text
                );
            }
        }
        if shown < show.missed && !predicted.contains(&gold) {
            shown += 1;
            let got: Vec<&str> = predicted.iter().map(|t| t.as_str()).collect();
            let _ = writeln!(
                mistakes,
                "  {} want {} got [{}]: {}",
                r["id"].as_str().unwrap_or("?"),
                gold.as_str(),
                got.join(","),
                text
            );
        }
    }
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<10} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
        "type", "tp", "fp", "fn", "P", "R", "F1"
    );
    let mut all = Tally::default();
    for (t, tally) in &per {
        let (p, r, f) = tally.prf();
        let _ = writeln!(
            table,
            "{:<10} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
            t.as_str(),
            tally.tp,
            tally.fp,
            tally.fn_,
            p,
            r,
            f
        );
        all.tp += tally.tp;
        all.fp += tally.fp;
        all.fn_ += tally.fn_;
    }
    let (p, r, f) = all.prf();
    let _ = writeln!(
        table,
        "{:<10} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
        "micro", all.tp, all.fp, all.fn_, p, r, f
    );
    let acc = |ok: usize, n: usize| if n == 0 { 0.0 } else { ok as f64 / n as f64 };
    let _ = writeln!(
        table,
        "sentences {n}; source country accuracy {:.3} ({}/{}); target country accuracy {:.3} ({}/{})",
        acc(src.0, src.1),
        src.0,
        src.1,
        acc(tgt.0, tgt.1),
        tgt.0,
        tgt.1
    );
    if !mistakes.is_empty() {
        let _ = writeln!(table, "missed types:\n{mistakes}");
    }
    if !actor_mistakes.is_empty() {
        let _ = writeln!(table, "wrong sources:\n{actor_mistakes}");
    }
    if !target_mistakes.is_empty() {
        let _ = writeln!(table, "wrong targets:\n{target_mistakes}");
    }
    if !extras.is_empty() {
        let _ = writeln!(table, "extra types:\n{extras}");
    }
    Ok(table)
}
