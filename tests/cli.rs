//! The command line on good and bad input.

use std::fs;

use crate::util::{check_spans, records, root, stderr, vigie, vigie_in};

fn tmpdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vigie-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn french_and_english_text_files() {
    let dir = tmpdir("langs");
    let fr = "Le porte-parole du ministère de la Défense a affirmé lundi que l’armée avait utilisé des drones. M. Dupont l’a confirmé.";
    let en = "The U.S. ambassador condemned the strikes on Sunday. Gen. Smith said troops had withdrawn.";
    fs::write(dir.join("fr.txt"), fr).unwrap();
    fs::write(dir.join("en.txt"), en).unwrap();
    let out = vigie_in(
        &dir,
        &["extract", "--published", "2026-03-02", "fr.txt", "en.txt"],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["article"]["lang"], "fr");
    assert_eq!(recs[1]["article"]["lang"], "en");
    assert_eq!(recs[0]["article"]["published"], "2026-03-02");
    assert_eq!(recs[0]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(recs[1]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(recs[0]["sentences"][1]["text"], "M. Dupont l’a confirmé.");
    check_spans(fr, &recs[0]);
    check_spans(en, &recs[1]);
}

#[test]
fn stdin_metadata_and_pretty_output() {
    let out = vigie(
        &[
            "extract",
            "--format",
            "json",
            "--id",
            "a1",
            "--url",
            "https://example.org/a",
            "--title",
            "T",
            "--lang",
            "en",
            "-",
        ],
        b"Police arrested three men.",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("{\n"), "pretty output expected: {text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["article"]["id"], "a1");
    assert_eq!(v["article"]["url"], "https://example.org/a");
    assert_eq!(v["article"]["title"], "T");
    assert_eq!(v["article"]["lang"], "en");
}

#[test]
fn missing_file_exits_2_with_its_name() {
    let out = vigie(&["extract", "no/such/file.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("vigie: cannot read 'no/such/file.txt': "),
        "{err}"
    );
    assert!(err.contains("No such file"), "{err}");
}

#[test]
fn missing_file_does_not_stop_the_others() {
    let dir = tmpdir("missing");
    fs::write(dir.join("ok.txt"), "Police arrested three men.").unwrap();
    let out = vigie_in(&dir, &["extract", "gone.txt", "ok.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn a_directory_is_not_readable_as_an_article() {
    let dir = tmpdir("dir");
    fs::create_dir_all(dir.join("sub")).unwrap();
    let out = vigie_in(&dir, &["extract", "sub"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read 'sub': is a directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_jsonl_lines_are_reported_and_skipped() {
    let dir = tmpdir("jsonl");
    let lines = [
        r#"{"id": "a", "text": "Les combats ont repris lundi.", "published": "2026-01-05"}"#,
        r#"{"id": "b", "text": "broken"#,
        "",
        r#"{"id": "c"}"#,
        r#"{"id": "d", "text": "Police arrested three men.", "lang": "en", "source": "X"}"#,
        r#"{"id": "e", "text": "x", "published": "yesterday"}"#,
        r#"{"id": "f", "text": "Les manifestants ont défilé."}"#,
    ];
    fs::write(dir.join("in.jsonl"), lines.join("\n")).unwrap();
    let out = vigie_in(&dir, &["extract", "in.jsonl"], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("in.jsonl:2: invalid JSON"), "{err}");
    assert!(err.contains("in.jsonl:4: missing field `text`"), "{err}");
    assert!(err.contains("in.jsonl:6: field `published`"), "{err}");
    assert_eq!(err.lines().count(), 3, "{err}");
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["article"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "d", "f"], "output order is input order");
    let recs = records(&out);
    assert_eq!(recs[1]["article"]["source"], "X");
    assert_eq!(recs[0]["article"]["published"], "2026-01-05");
}

#[test]
fn jsonl_chosen_by_flag_on_stdin() {
    let out = vigie(
        &["extract", "--input-format", "jsonl"],
        b"{\"id\":\"s\",\"text\":\"Police arrested three men.\"}\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(records(&out)[0]["article"]["id"], "s");
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let out = vigie(
        &["extract", "--published", "2026-01-02"],
        b"Le caf\xe9 a ferm\xe9 lundi.",
    );
    assert!(out.status.success());
    let r = &records(&out)[0];
    let warnings = r["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("invalid UTF-8")),
        "{warnings:?}"
    );
    assert!(r["sentences"][0]["text"].as_str().unwrap().contains('\u{FFFD}'));
}

#[test]
fn invalid_utf8_in_a_jsonl_line_only_marks_that_article() {
    let mut data = b"{\"id\":\"a\",\"text\":\"caf\xe9\"}\n".to_vec();
    data.extend_from_slice(b"{\"id\":\"b\",\"text\":\"ok\"}\n");
    let out = vigie(&["extract", "--input-format", "jsonl"], &data);
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert!(recs[0]["warnings"].to_string().contains("invalid UTF-8"));
    assert!(!recs[1]["warnings"].to_string().contains("invalid UTF-8"));
}

#[test]
fn empty_article_gives_a_record_with_a_warning() {
    let out = vigie(&["extract"], b"   \n");
    assert!(out.status.success());
    let r = &records(&out)[0];
    assert_eq!(r["events"].as_array().unwrap().len(), 0);
    assert!(r["warnings"][0].as_str().unwrap().contains("empty article"));
}

#[test]
fn unknown_language_is_reported() {
    let out = vigie(
        &["extract", "--published", "2026-01-02"],
        "Al menos doce personas murieron en el ataque del domingo.".as_bytes(),
    );
    let r = &records(&out)[0];
    assert_eq!(r["article"]["lang"], "es");
    assert!(r["warnings"][0].as_str().unwrap().contains("'es' has no lexicon"));
}

#[test]
fn random_bytes_never_crash() {
    let mut rng = fastrand::Rng::with_seed(42);
    let mut batch = Vec::new();
    for i in 0..40 {
        let len = rng.usize(0..600);
        let bytes: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
        let out = vigie(&["extract"], &bytes);
        assert_eq!(out.status.code(), Some(0), "case {i}: {}", stderr(&out));
        assert_eq!(records(&out).len(), 1);
        batch.extend_from_slice(&bytes);
        batch.push(b'\n');
    }
    // The same bytes read as JSON Lines: every line is an error or a record.
    let out = vigie(&["extract", "--input-format", "jsonl"], &batch);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn id_with_several_files_is_refused() {
    let out = vigie(&["extract", "--id", "x", "a.txt", "b.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--id names one article"));
}

#[test]
fn bad_published_flag_is_a_usage_error() {
    let out = vigie(&["extract", "--published", "05/04/2016"], b"x");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a YYYY-MM-DD date"), "{}", stderr(&out));
}

#[test]
fn demo_prints_a_table_of_the_samples() {
    let out = vigie(&["demo", "--no-serve"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8(out.stdout).unwrap();
    let samples = fs::read_dir(root().join("samples")).unwrap().count();
    assert!(table.contains(&format!("{samples} articles")), "{table}");
    assert!(table.contains("fr-affrontements-frontiere"));
}

#[test]
fn actors_command_prints_coded_mentions() {
    let out = vigie(
        &["actors", "--lang", "fr"],
        "Le chef de la diplomatie chinoise, Wang Yi, a appelé son homologue indien.".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("chef de la diplomatie chinoise, Wang Yi"), "{text}");
    assert!(text.contains("CHN | GOV | foreign minister"), "{text}");
    assert!(text.contains("homologue indien"), "{text}");
    assert!(text.contains("IND | GOV | foreign minister"), "{text}");
    let out = vigie(&["actors", "missing.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read 'missing.txt'"));
}

#[test]
fn places_command_prints_resolutions() {
    let out = vigie(
        &["places", "--lang", "fr"],
        "Des frappes ont visé Kharkiv et la capitale autrichienne a réagi.".as_bytes(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Kharkiv"), "{text}");
    assert!(text.contains("UKR"), "{text}");
    assert!(text.contains("Vienna"), "{text}");
    let out = vigie(&["places", "missing.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn eval_plover_scores_a_gold_file() {
    let dir = tmpdir("eval");
    let gold = r#"[
 {"id": "D", "event": "DOCUMENT", "eventText": "doc"},
 {"id": "A1", "event": "FIGHT", "language": "en", "text": "Ethiopian troops clashed with Eritrean soldiers.",
  "source": [{"actorText": "Ethiopian", "code": "ETH"}], "target": [{"actorText": "Eritrean", "code": "ERI"}]},
 {"id": "A2", "event": "DEMAND", "language": "fr", "text": "L'ONU a appelé à un cessez-le-feu.",
  "source": [{"actorText": "ONU", "code": "IGO"}], "target": ""}
]"#;
    fs::write(dir.join("gold.json"), gold).unwrap();
    let out = vigie_in(&dir, &["eval", "plover", "gold.json", "--show", "5"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("micro"), "{table}");
    assert!(table.contains("sentences 2;"), "{table}");
    let out = vigie_in(&dir, &["eval", "plover", "nope.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read 'nope.json'"),
        "{}",
        stderr(&out)
    );
}
