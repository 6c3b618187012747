//! Helpers shared by the integration tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `vigie` binary with `args`, feeding `stdin`.
pub fn vigie(args: &[&str], stdin: &[u8]) -> Output {
    vigie_in(&root(), args, stdin)
}

/// Runs the `vigie` binary in directory `dir`.
pub fn vigie_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vigie");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait vigie");
    writer.join().unwrap();
    out
}

/// Parses the JSON Lines on stdout.
pub fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Checks that every span (`sentences`, `tokens`, `events[].evidence`) has a
/// `text` equal to the article's bytes at `start..end`.
pub fn check_spans(text: &str, record: &serde_json::Value) {
    let mut spans: Vec<&serde_json::Value> = Vec::new();
    for key in ["sentences", "tokens"] {
        if let Some(list) = record[key].as_array() {
            spans.extend(list);
        }
    }
    if let Some(events) = record["events"].as_array() {
        spans.extend(events.iter().map(|e| &e["evidence"]));
    }
    for span in spans {
        let s = span["start"].as_u64().unwrap() as usize;
        let e = span["end"].as_u64().unwrap() as usize;
        let got = text
            .get(s..e)
            .unwrap_or_else(|| panic!("span {s}..{e} is not on char boundaries"));
        assert_eq!(got, span["text"].as_str().unwrap(), "span {s}..{e}");
    }
}
