//! Key events of the golden articles: `tests/data/<lang>/<name>.events.tsv`
//! lists, per article, the events a careful human coder is sure of
//! (`sentence plover source target date_start date_end fatalities modality
//! trigger_words`). This test scores the extraction against them and fails
//! when recall or field accuracy falls below the floors below, which are
//! set a little under what the engine achieves so a regression shows.

use std::fs;

use crate::golden::{extract_golden, golden_articles};

/// Minimum share of key events found (same sentence and PLOVER type).
const TYPE_RECALL_FLOOR: f64 = 0.65;
/// Minimum share of found events whose other fields are right.
const FIELD_ACCURACY_FLOOR: f64 = 0.70;

struct Want {
    line: usize,
    sentence: u64,
    plover: String,
    source: String,
    target: String,
    start: String,
    end: String,
    fatalities: String,
    modality: String,
}

fn wants(path: &std::path::Path) -> Vec<Want> {
    let Ok(data) = fs::read_to_string(path) else {
        return Vec::new();
    };
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let c: Vec<&str> = l.split('\t').map(str::trim).collect();
            assert!(c.len() >= 8, "{}:{}: {} columns", path.display(), i + 1, c.len());
            Want {
                line: i + 1,
                sentence: c[0].parse().unwrap_or(u64::MAX),
                plover: c[1].to_string(),
                source: c[2].to_string(),
                target: c[3].to_string(),
                start: c[4].to_string(),
                end: c[5].to_string(),
                fatalities: c[6].to_string(),
                modality: c[7].to_string(),
            }
        })
        .collect()
}

fn has_country(actors: &serde_json::Value, want: &str) -> bool {
    if want == "-" {
        return true;
    }
    actors.as_array().is_some_and(|a| {
        a.iter().any(|x| {
            x["country"].as_str() == Some(want)
                || (want == "IGO" && (x["igo"].is_string() || x["sector"] == "IGO"))
        })
    })
}

fn modality_ok(e: &serde_json::Value, want: &str) -> bool {
    let m = &e["modality"];
    let flag = |k: &str| m[k].as_bool().unwrap_or(false);
    match want {
        "negated" => flag("negated"),
        "hypothetical" => flag("hypothetical"),
        "historical" => flag("historical"),
        _ => !flag("negated") && !flag("hypothetical") && !flag("historical"),
    }
}

#[test]
fn key_events_of_golden_articles() {
    let (mut total, mut found, mut fields, mut fields_ok) = (0usize, 0usize, 0usize, 0usize);
    let mut report = Vec::new();
    for path in golden_articles() {
        let spec = path.with_extension("events.tsv");
        let wants = wants(&spec);
        if wants.is_empty() {
            continue;
        }
        let out = extract_golden(&path);
        let events = out["events"].as_array().cloned().unwrap_or_default();
        for w in &wants {
            total += 1;
            let hit = events.iter().find(|e| {
                e["evidence"]["sentence"].as_u64() == Some(w.sentence)
                    && e["plover"]["type"] == w.plover.as_str()
            });
            let Some(e) = hit else {
                report.push(format!(
                    "{}:{}: missed {} in sentence {}",
                    spec.display(),
                    w.line,
                    w.plover,
                    w.sentence
                ));
                continue;
            };
            found += 1;
            let checks = [
                ("source", has_country(&e["source"], &w.source)),
                ("target", has_country(&e["target"], &w.target)),
                ("start", w.start == "-" || e["date"]["start"] == w.start.as_str()),
                ("end", w.end == "-" || e["date"]["end"] == w.end.as_str()),
                (
                    "fatalities",
                    w.fatalities == "-"
                        || e["fatalities"]["total"].as_u64().map(|n| n.to_string())
                            == Some(w.fatalities.clone()),
                ),
                ("modality", modality_ok(e, &w.modality)),
            ];
            for (name, ok) in checks {
                fields += 1;
                if ok {
                    fields_ok += 1;
                } else {
                    report.push(format!(
                        "{}:{}: {} {} wrong: {}",
                        spec.display(),
                        w.line,
                        w.plover,
                        name,
                        e
                    ));
                }
            }
        }
    }
    if total == 0 {
        return;
    }
    let recall = found as f64 / total as f64;
    let accuracy = if fields == 0 {
        0.0
    } else {
        fields_ok as f64 / fields as f64
    };
    eprintln!(
        "key events: {found}/{total} found (recall {recall:.3}); fields {fields_ok}/{fields} ({accuracy:.3})"
    );
    assert!(
        recall >= TYPE_RECALL_FLOOR && accuracy >= FIELD_ACCURACY_FLOOR,
        "key events below the floor: recall {recall:.3} (floor {TYPE_RECALL_FLOOR}), field accuracy {accuracy:.3} (floor {FIELD_ACCURACY_FLOOR})\n{}",
        report.join("\n")
    );
}
