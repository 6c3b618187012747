//! Reading articles: plain text files and JSON Lines, from files or stdin.
//!
//! A plain-text input is one article; its metadata comes from the command
//! line. A JSON Lines input is one article per line with the fields `id`,
//! `text` and optional `published`, `lang`, `url`, `title`, `source`. A bad
//! line is reported as `path:LINE: why` and skipped; the others are read.
//! Invalid UTF-8 is decoded lossily and noted in the article's warnings.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::ValueEnum;
use serde_json::Value;
use vigie_extract::ArticleInput;

/// How to read an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// By extension: `.jsonl`/`.ndjson` are JSON Lines, anything else text.
    Auto,
    /// One article per file.
    Text,
    /// One article per line.
    Jsonl,
}

/// Metadata for plain-text articles, from the command line.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub id: Option<String>,
    pub published: Option<NaiveDate>,
    pub lang: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
}

/// A problem with an input: a whole file (fatal for that file) or a record.
#[derive(Debug)]
pub struct InputError {
    pub message: String,
    /// The rest of the file cannot be read.
    pub fatal: bool,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn display(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn cannot_read(path: &Path, e: &io::Error) -> InputError {
    InputError {
        message: format!("cannot read '{}': {}", display(path), describe(e)),
        fatal: true,
    }
}

/// The reason of an I/O error without Rust's "(os error N)" suffix.
fn describe(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Decodes bytes as UTF-8, lossily, with a warning when bytes were replaced.
pub fn decode(bytes: Vec<u8>) -> (String, Option<String>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let bytes = e.into_bytes();
            let s = String::from_utf8_lossy(&bytes).into_owned();
            let replaced = s.matches('\u{FFFD}').count();
            (
                s,
                Some(format!(
                    "invalid UTF-8 in input: {replaced} sequence(s) replaced with U+FFFD"
                )),
            )
        }
    }
}

/// The articles of one input, in order.
pub enum Reader {
    Text(Option<ArticleInput>),
    Jsonl {
        path: PathBuf,
        lines: Box<dyn BufRead>,
        line: usize,
        done: bool,
    },
}

impl Reader {
    /// Opens an input. Plain text is read whole here, so an unreadable file
    /// is reported at once.
    pub fn open(path: &Path, format: InputFormat, meta: &Metadata) -> Result<Reader, InputError> {
        let stdin = path == Path::new("-");
        let jsonl = match format {
            InputFormat::Jsonl => true,
            InputFormat::Text => false,
            InputFormat::Auto => {
                matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("jsonl" | "ndjson")
                )
            }
        };
        let source: Box<dyn Read> = if stdin {
            Box::new(io::stdin())
        } else {
            let file = File::open(path).map_err(|e| cannot_read(path, &e))?;
            if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                return Err(InputError {
                    message: format!("cannot read '{}': is a directory", display(path)),
                    fatal: true,
                });
            }
            Box::new(file)
        };
        if jsonl {
            return Ok(Reader::Jsonl {
                path: path.to_path_buf(),
                lines: Box::new(BufReader::new(source)),
                line: 0,
                done: false,
            });
        }
        let mut bytes = Vec::new();
        let mut source = source;
        source
            .read_to_end(&mut bytes)
            .map_err(|e| cannot_read(path, &e))?;
        let (text, warning) = decode(bytes);
        Ok(Reader::Text(Some(ArticleInput {
            id: meta.id.clone(),
            text,
            published: meta.published,
            lang: meta.lang.clone(),
            source: meta.source.clone(),
            url: meta.url.clone(),
            title: meta.title.clone(),
            warnings: warning.into_iter().collect(),
        })))
    }
}

impl Iterator for Reader {
    type Item = Result<ArticleInput, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Reader::Text(article) => article.take().map(Ok),
            Reader::Jsonl {
                path,
                lines,
                line,
                done,
            } => loop {
                if *done {
                    return None;
                }
                let mut buf = Vec::new();
                match lines.read_until(b'\n', &mut buf) {
                    Ok(0) => {
                        *done = true;
                        return None;
                    }
                    Ok(_) => {}
                    Err(e) => {
                        *done = true;
                        return Some(Err(cannot_read(path, &e)));
                    }
                }
                *line += 1;
                let (text, warning) = decode(buf);
                if text.trim().is_empty() {
                    continue;
                }
                let at = format!("{}:{}", display(path), line);
                return Some(parse_record(&text, warning).map_err(|why| InputError {
                    message: format!("{at}: {why}"),
                    fatal: false,
                }));
            },
        }
    }
}

/// Reads one JSON Lines record.
pub fn parse_record(line: &str, warning: Option<String>) -> Result<ArticleInput, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("expected a JSON object with a `text` field".to_string());
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => return Err(format!("field `text` must be a string, found {}", kind(other))),
        None => return Err("missing field `text`".to_string()),
    };
    let id = match obj.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => return Err(format!("field `id` must be a string, found {}", kind(other))),
    };
    let published = match string_field(&obj, "published")? {
        None => None,
        Some(s) => Some(parse_published(&s).ok_or_else(|| {
            format!("field `published`: '{s}' is not a date (YYYY-MM-DD or an ISO 8601 date-time)")
        })?),
    };
    Ok(ArticleInput {
        id,
        text,
        published,
        lang: string_field(&obj, "lang")?,
        source: string_field(&obj, "source")?,
        url: string_field(&obj, "url")?,
        title: string_field(&obj, "title")?,
        warnings: warning.into_iter().collect(),
    })
}

/// A date, or the date part of an ISO 8601 date-time ("2024-04-05T10:00:00Z").
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let date = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

fn string_field(obj: &serde_json::Map<String, Value>, name: &str) -> Result<Option<String>, String> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("field `{name}` must be a string, found {}", kind(other))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records() {
        let ok = parse_record(
            r#"{"id": 7, "text": "x", "published": "2024-04-05T10:00:00Z"}"#,
            None,
        )
        .unwrap();
        assert_eq!(ok.id.as_deref(), Some("7"));
        assert_eq!(ok.published, NaiveDate::from_ymd_opt(2024, 4, 5));
        let cases = [
            ("{\"id\": \"a\"}", "missing field `text`"),
            ("{\"text\": 3}", "field `text` must be a string, found a number"),
            ("[1]", "expected a JSON object"),
            (
                "{\"text\": \"x\", \"published\": \"hier\"}",
                "field `published`: 'hier' is not a date",
            ),
            ("{\"text\": \"x\", \"lang\": 1}", "field `lang` must be a string"),
            ("{not json", "invalid JSON"),
        ];
        for (line, want) in cases {
            let err = parse_record(line, None).unwrap_err();
            assert!(err.starts_with(want), "{line}: {err}");
        }
    }

    #[test]
    fn lossy_decoding_warns() {
        let (s, w) = decode(b"caf\xe9 noir".to_vec());
        assert_eq!(s, "caf\u{FFFD} noir");
        assert!(w.unwrap().contains("1 sequence"));
        assert_eq!(decode(b"ok".to_vec()).1, None);
    }
}
