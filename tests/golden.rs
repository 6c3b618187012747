//! Golden files: `tests/data/<lang>/<name>.txt` is an article,
//! `<name>.meta.json` its optional metadata (`published`, `source`, `url`,
//! `title`), `<name>.expected.json` the expected record of `vigie extract`.
//!
//! On mismatch the test prints a line diff of the two records. Set
//! `VIGIE_BLESS=1` to (re)write the expected files after checking the diff.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use similar::TextDiff;

use crate::util::{check_spans, records, root, stderr, vigie};

/// Every golden article, sorted.
pub fn golden_articles() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for lang in fs::read_dir(root().join("tests/data")).unwrap() {
        let dir = lang.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in fs::read_dir(&dir).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Runs `vigie extract` on a golden article with its metadata and tokens,
/// once per test run (several tests read the same outputs).
pub fn extract_golden(path: &Path) -> serde_json::Value {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, serde_json::Value>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(v) = cache.lock().unwrap().get(path) {
        return v.clone();
    }
    let v = run_golden(path);
    cache.lock().unwrap().insert(path.to_path_buf(), v.clone());
    v
}

fn run_golden(path: &Path) -> serde_json::Value {
    let name = path.file_stem().unwrap().to_str().unwrap();
    let meta_path = path.with_extension("meta.json");
    let mut args: Vec<String> = vec!["extract".into(), "--tokens".into(), "--id".into(), name.into()];
    if meta_path.exists() {
        let meta: serde_json::Value = serde_json::from_str(&fs::read_to_string(&meta_path).unwrap()).unwrap();
        for key in ["published", "source", "url", "title", "lang"] {
            if let Some(v) = meta[key].as_str() {
                args.push(format!("--{key}"));
                args.push(v.to_string());
            }
        }
    }
    args.push(path.to_str().unwrap().to_string());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = vigie(&argv, b"");
    assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
    let mut recs = records(&out);
    assert_eq!(recs.len(), 1);
    recs.pop().unwrap()
}

#[test]
fn golden_files() {
    let articles = golden_articles();
    assert!(articles.len() >= 4, "golden set went missing");
    let bless = std::env::var_os("VIGIE_BLESS").is_some();
    let mut failures = Vec::new();
    for path in &articles {
        let text = fs::read_to_string(path).unwrap();
        let mut got = extract_golden(path);
        // The language of the folder is the language detected.
        let lang_dir = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
        assert_eq!(got["article"]["lang"], lang_dir, "{}", path.display());
        check_spans(&text, &got);
        // Tokens are checked for offsets above but kept out of the expected files.
        got.as_object_mut().unwrap().remove("tokens");
        let want_path = path.with_extension("expected.json");
        let got_text = serde_json::to_string_pretty(&got).unwrap() + "\n";
        if bless {
            fs::write(&want_path, &got_text).unwrap();
            continue;
        }
        let want_text = fs::read_to_string(&want_path)
            .unwrap_or_else(|_| panic!("{} is missing: run with VIGIE_BLESS=1", want_path.display()));
        let want: serde_json::Value = serde_json::from_str(&want_text).unwrap();
        if want != got {
            // Both sides printed the same way, so the diff shows values, not
            // the key order of the file.
            let want_text = serde_json::to_string_pretty(&want).unwrap() + "\n";
            let diff = TextDiff::from_lines(&want_text, &got_text);
            failures.push(format!(
                "{}:\n{}",
                path.display(),
                diff.unified_diff().context_radius(3).header("expected", "got")
            ));
        }
    }
    assert!(failures.is_empty(), "golden mismatches:\n{}", failures.join("\n"));
}
