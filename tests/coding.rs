//! Sentence-level coding rules: `tests/data/coding/sentences.tsv` lists
//! sentences with the PLOVER types Vigie must code in them, one rule per
//! line; all are extracted in one batch (JSON Lines input). A type may name
//! its source's country after a colon: `SANCTION:CHE`.

use crate::util::{records, root, stderr, vigie};
use std::collections::BTreeSet;

#[test]
fn sentence_table() {
    let table = std::fs::read_to_string(root().join("tests/data/coding/sentences.tsv")).unwrap();
    let rows: Vec<(usize, &str, &str, &str)> = table
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(n, l)| {
            let mut f = l.splitn(3, '\t');
            let (lang, want, text) = (f.next().unwrap(), f.next().unwrap(), f.next().unwrap());
            (n + 1, lang, want, text)
        })
        .collect();
    assert!(rows.len() >= 15, "the table went missing");
    let input: String = rows
        .iter()
        .map(|(n, lang, _, text)| {
            serde_json::json!({"id": format!("line-{n}"), "lang": lang, "text": text, "published": "2026-03-04"})
                .to_string()
                + "\n"
        })
        .collect();
    let out = vigie(
        &["extract", "--input-format", "jsonl", "--no-progress", "-"],
        input.as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), rows.len());
    let mut failures = Vec::new();
    for ((n, _, want, text), rec) in rows.iter().zip(&recs) {
        let got: BTreeSet<String> = rec["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let t = e["plover"]["type"].as_str().unwrap().to_string();
                if e["modality"]["hypothetical"] == true {
                    t + "?"
                } else {
                    t
                }
            })
            .collect();
        for e in rec["events"].as_array().unwrap() {
            let names = |side: &str| -> BTreeSet<String> {
                e[side]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a["name"].to_string())
                    .collect()
            };
            let both: Vec<String> = names("source").intersection(&names("target")).cloned().collect();
            if !both.is_empty() {
                failures.push(format!("line {n}: {both:?} both source and target: {text}"));
            }
        }
        // "SANCTION:CHE": a SANCTION whose source has country CHE.
        let items: Vec<(&str, Option<&str>)> = want
            .split(',')
            .filter(|w| *w != "-")
            .map(|w| w.split_once(':').map_or((w, None), |(t, c)| (t, Some(c))))
            .collect();
        for (kind, country) in &items {
            let Some(country) = country else { continue };
            let kind = kind.trim_end_matches('?');
            let found = rec["events"].as_array().unwrap().iter().any(|e| {
                e["plover"]["type"] == *kind
                    && e["source"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|a| a["country"] == *country)
            });
            if !found {
                failures.push(format!("line {n}: no {kind} with a source of {country}: {text}"));
            }
        }
        let want: BTreeSet<String> = items.iter().map(|(t, _)| t.to_string()).collect();
        if got != want {
            failures.push(format!("line {n}: want {want:?}, got {got:?}: {text}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
