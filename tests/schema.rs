//! The output contract: every record validates against
//! `schema/article-events.schema.json`, a copy of the shared contract.

use std::fs;

use crate::golden::{extract_golden, golden_articles};
use crate::util::{records, root, vigie};

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("schema/article-events.schema.json")).unwrap())
            .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, record: &serde_json::Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(record)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} violates the schema:\n{}",
        errors.join("\n")
    );
}

#[test]
fn schema_copy_equals_shared() {
    let shared = root().join("../shared/schema/article-events.schema.json");
    if !shared.exists() {
        // A clone without the shared folder beside it; CI always has it.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared beside the repo"
        );
        eprintln!("note: ../shared not found, copy not compared");
        return;
    }
    let a: serde_json::Value = serde_json::from_str(&fs::read_to_string(shared).unwrap()).unwrap();
    let b: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("schema/article-events.schema.json")).unwrap())
            .unwrap();
    assert_eq!(
        a, b,
        "schema/article-events.schema.json differs from ../shared: copy it again"
    );
}

#[test]
fn golden_outputs_are_valid() {
    let v = validator();
    for path in golden_articles() {
        assert_valid(&v, &extract_golden(&path), &path.display().to_string());
    }
}

#[test]
fn edge_case_outputs_are_valid() {
    let v = validator();
    let jsonl = concat!(
        "{\"id\": \"empty\", \"text\": \"\"}\n",
        "{\"id\": \"de\", \"text\": \"Bei den Kämpfen wurden mindestens zwölf Menschen getötet.\"}\n",
        "{\"id\": \"und\", \"text\": \"12 345 !!\", \"published\": \"2024-01-01\"}\n",
        "{\"text\": \"Les combats ont repris.\", \"lang\": \"fr\", \"url\": \"https://example.org/a\", \"title\": \"T\"}\n",
    );
    let out = vigie(
        &["extract", "--input-format", "jsonl", "--tokens"],
        jsonl.as_bytes(),
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 4);
    for r in &recs {
        assert_valid(&v, r, &r["article"]["id"].to_string());
    }
    let out = vigie(&["extract", "--published", "2026-01-02"], b"caf\xe9 \xff noir.");
    for r in records(&out) {
        assert_valid(&v, &r, "lossy text");
    }
}

#[test]
fn the_validator_rejects_a_broken_record() {
    // Guards the two tests above against a validator that accepts anything.
    let v = validator();
    let bad = serde_json::json!({"article": {"id": "x", "lang": "fr", "published": "not a date"}, "events": [], "warnings": []});
    assert!(!v.is_valid(&bad));
    let bad = serde_json::json!({"article": {"id": "x", "lang": "fr", "published": null}, "events": [{"id": "e"}], "warnings": []});
    assert!(!v.is_valid(&bad));
}

/// `vigie extract` writes its records with `vigie_model::json` (faster than
/// serde): byte for byte what serde_json writes for the same record.
#[test]
fn compact_records_are_serde_jsons_bytes() {
    let mut args = vec!["extract".to_string(), "--tokens".to_string()];
    args.extend(golden_articles().iter().map(|p| p.to_str().unwrap().to_string()));
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = vigie(&argv, b"");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut n = 0;
    for line in text.lines() {
        let record: vigie_model::ArticleEvents = serde_json::from_str(line).unwrap();
        assert_eq!(serde_json::to_string(&record).unwrap(), line);
        n += 1;
    }
    assert_eq!(n, golden_articles().len());
}
