//! Reading articles: plain text, JSON Lines, HTML pages, RSS/Atom feeds and
//! WARC archives, from files or stdin.
//!
//! A plain-text input is one article; its metadata comes from the command
//! line. A JSON Lines input is one article per line with the fields `id`,
//! `text` and optional `published`, `lang`, `url`, `title`, `source`. A bad
//! line is reported as `path:LINE: why` and skipped; the others are read.
//! Invalid UTF-8 is decoded lossily and noted in the article's warnings.
//!
//! HTML pages, feeds and WARC archives are read by `vigie-sources`: a page is
//! one article (its main text; the command line's metadata wins over the
//! page's), a feed file one article per item (the item's content or summary),
//! a WARC file one article per HTML response, streamed. Their bad records are
//! reported as `path: record N <url>: why` and skipped.
//!
//! Every reader counts the bytes it reads into a shared counter, for the
//! progress bar. [`InputArgs`] are the input flags `extract` and `ingest`
//! share.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::NaiveDate;
use clap::ValueEnum;
use serde_json::Value;
use vigie_extract::ArticleInput;
use vigie_sources::html::Page;
use vigie_sources::warc::WarcReader;
use vigie_sources::{feed, Item, Meta, ReadResult, Skip};

/// How to read an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// By extension: `.jsonl`/`.ndjson` JSON Lines, `.html`/`.htm` HTML,
    /// `.xml`/`.rss`/`.atom` feed, `.warc`/`.warc.gz` WARC, anything else text.
    Auto,
    /// One article per file.
    Text,
    /// One article per line.
    Jsonl,
    /// A web page: its main text is the article.
    Html,
    /// An RSS or Atom feed: one article per item, from its content or summary.
    Feed,
    /// A WARC archive, plain or gzip: one article per HTML response.
    Warc,
}

impl InputFormat {
    /// The format of `path`, by its extension when `self` is `Auto`.
    pub fn resolve(self, path: &Path) -> InputFormat {
        if self != InputFormat::Auto {
            return self;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let ext = name.rsplit('.').next().unwrap_or_default();
        if name.ends_with(".warc.gz") || ext == "warc" {
            InputFormat::Warc
        } else {
            match ext {
                "jsonl" | "ndjson" => InputFormat::Jsonl,
                "html" | "htm" | "xhtml" => InputFormat::Html,
                "xml" | "rss" | "atom" => InputFormat::Feed,
                _ => InputFormat::Text,
            }
        }
    }
}

/// The input flags of `extract` and `ingest`: files, format, and the
/// metadata of plain-text articles.
#[derive(clap::Args)]
pub struct InputArgs {
    /// Input files; `-` or nothing reads stdin.
    files: Vec<PathBuf>,
    /// Input format; `auto` picks by extension (.jsonl/.ndjson: jsonl,
    /// .html/.htm: html, .xml/.rss/.atom: feed, .warc/.warc.gz: warc; else text).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    #[command(flatten)]
    meta: Metadata,
}

/// Inputs ready to read.
pub struct Opened {
    pub inputs: Inputs,
    /// Their size when known (files, not stdin): the progress bar's length.
    pub total_bytes: Option<u64>,
    /// Bytes read so far, counted by the readers.
    pub bytes_read: Arc<AtomicU64>,
}

impl InputArgs {
    /// Checks the flags against the files (`--id` names one plain article)
    /// and sets the inputs up; files are opened when reached.
    pub fn open(&self) -> Result<Opened, String> {
        let mut files = self.files.clone();
        if files.is_empty() {
            files.push(PathBuf::from("-"));
        }
        if self.meta.id.is_some() {
            if files.len() > 1 {
                return Err("--id names one article: give a single file".into());
            }
            if matches!(
                self.input_format.resolve(&files[0]),
                InputFormat::Jsonl | InputFormat::Feed | InputFormat::Warc
            ) {
                return Err(
                    "--id names one article: not for JSON Lines, feed or WARC input, which hold many".into(),
                );
            }
        }
        let total_bytes = files
            .iter()
            .map(|f| {
                (f != Path::new("-"))
                    .then(|| std::fs::metadata(f).ok().map(|m| m.len()))
                    .flatten()
            })
            .sum::<Option<u64>>();
        let bytes_read = Arc::new(AtomicU64::new(0));
        Ok(Opened {
            inputs: Inputs::new(
                files,
                self.input_format,
                self.meta.clone(),
                Arc::clone(&bytes_read),
            ),
            total_bytes,
            bytes_read,
        })
    }
}

/// Reads a `YYYY-MM-DD` date flag.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("'{s}' is not a YYYY-MM-DD date"))
}

/// Metadata for plain-text articles, from the command line (the page's own
/// metadata gives way to it for HTML).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct Metadata {
    /// Publication date of plain-text articles (YYYY-MM-DD), the anchor of relative dates.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// Language of plain-text articles (ISO 639-1); detected when absent.
    #[arg(long)]
    pub lang: Option<String>,
    /// Id of a plain-text article (one file only); a hash of the text when absent.
    #[arg(long)]
    pub id: Option<String>,
    /// URL of a plain-text article.
    #[arg(long)]
    pub url: Option<String>,
    /// Title of a plain-text article.
    #[arg(long)]
    pub title: Option<String>,
    /// Source (outlet) of a plain-text article.
    #[arg(long)]
    pub source: Option<String>,
}

impl Metadata {
    fn to_meta(&self) -> Meta {
        Meta {
            id: self.id.clone(),
            published: self.published,
            lang: self.lang.clone(),
            url: self.url.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
        }
    }
}

/// A problem with an input: a whole file (fatal for that file) or a record.
#[derive(Debug)]
pub struct InputError {
    pub message: String,
    /// The rest of the file cannot be read.
    pub fatal: bool,
    /// The cause, for counting (`--stats`).
    pub kind: &'static str,
    /// Expected (a non-HTML record in a web archive): counted, not printed.
    pub quiet: bool,
}

impl From<Skip> for InputError {
    fn from(s: Skip) -> InputError {
        InputError {
            message: s.to_string(),
            fatal: false,
            kind: s.reason.kind(),
            quiet: s.quiet,
        }
    }
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

/// The kind of the errors that stop reading a file (it cannot be opened or
/// read on): counted apart from the records skipped.
pub const UNREADABLE: &str = "unreadable file";

fn cannot_read(path: &Path, e: &io::Error) -> InputError {
    InputError {
        message: format!("cannot read '{}': {}", display(path), describe(e)),
        fatal: true,
        kind: UNREADABLE,
        quiet: false,
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

/// A reader that adds the bytes it reads to a shared counter.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The articles of one input, in order.
pub enum Reader {
    Text(Option<ArticleInput>),
    Jsonl {
        path: PathBuf,
        lines: Box<dyn BufRead + Send>,
        line: usize,
        done: bool,
    },
    /// A page, or feed items: read whole at opening.
    Items(std::vec::IntoIter<ReadResult>),
    Warc(WarcReader),
}

impl Reader {
    /// Opens an input. Plain text, pages and feeds are read whole here, so an
    /// unreadable file is reported at once; the bytes read are added to `count`.
    pub fn open(
        path: &Path,
        format: InputFormat,
        meta: &Metadata,
        count: &Arc<AtomicU64>,
    ) -> Result<Reader, InputError> {
        let stdin = path == Path::new("-");
        let format = format.resolve(path);
        let source: Box<dyn Read + Send> = if stdin {
            Box::new(io::stdin())
        } else {
            let file = File::open(path).map_err(|e| cannot_read(path, &e))?;
            if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                return Err(InputError {
                    message: format!("cannot read '{}': is a directory", display(path)),
                    fatal: true,
                    kind: UNREADABLE,
                    quiet: false,
                });
            }
            Box::new(file)
        };
        let source = Counted {
            inner: source,
            count: Arc::clone(count),
        };
        let at = display(path);
        match format {
            InputFormat::Jsonl => {
                return Ok(Reader::Jsonl {
                    path: path.to_path_buf(),
                    lines: Box::new(BufReader::new(source)),
                    line: 0,
                    done: false,
                })
            }
            InputFormat::Warc => {
                let reader =
                    WarcReader::open(source, &at, &meta.to_meta()).map_err(|e| cannot_read(path, &e))?;
                return Ok(Reader::Warc(reader));
            }
            _ => {}
        }
        let mut bytes = Vec::new();
        let mut source = source;
        source
            .read_to_end(&mut bytes)
            .map_err(|e| cannot_read(path, &e))?;
        match format {
            InputFormat::Html => {
                let page = Page {
                    at,
                    bytes,
                    url: meta.url.clone(),
                    given: meta.to_meta(),
                    ..Page::default()
                };
                return Ok(Reader::Items(vec![Ok(Item::Html(Box::new(page)))].into_iter()));
            }
            InputFormat::Feed => {
                return Ok(Reader::Items(
                    feed::file_items(&bytes, &at, &meta.to_meta()).into_iter(),
                ));
            }
            _ => {}
        }
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
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Reader::Text(article) => article.take().map(|a| Ok(Item::Article(a))),
            Reader::Items(items) => items.next().map(|r| r.map_err(InputError::from)),
            Reader::Warc(records) => records.next().map(|r| r.map_err(InputError::from)),
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
                return Some(
                    parse_record(&text, warning)
                        .map(Item::Article)
                        .map_err(|why| InputError {
                            message: format!("{at}: {why}"),
                            fatal: false,
                            kind: "bad JSON Lines record",
                            quiet: false,
                        }),
                );
            },
        }
    }
}

/// The items of several inputs, in order, each file opened when reached; a
/// file that cannot be opened is one fatal error, and reading goes on with
/// the next.
pub struct Inputs {
    files: std::vec::IntoIter<PathBuf>,
    format: InputFormat,
    meta: Metadata,
    count: Arc<AtomicU64>,
    current: Option<Reader>,
}

impl Inputs {
    /// The inputs `files` (`-` is stdin); bytes read are added to `count`.
    pub fn new(files: Vec<PathBuf>, format: InputFormat, meta: Metadata, count: Arc<AtomicU64>) -> Inputs {
        Inputs {
            files: files.into_iter(),
            format,
            meta,
            count,
            current: None,
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<Item, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(reader) = &mut self.current {
                match reader.next() {
                    Some(Err(e)) if e.fatal => {
                        self.current = None;
                        return Some(Err(e));
                    }
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            let path = self.files.next()?;
            match Reader::open(&path, self.format, &self.meta, &self.count) {
                Ok(r) => self.current = Some(r),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Reads one JSON Lines record.
pub fn parse_record(line: &str, warning: Option<String>) -> Result<ArticleInput, String> {
    match serde_json::from_str::<Fields>(line) {
        Ok(f) => match f.published.as_deref().map(parse_published) {
            Some(None) => parse_slow(line, warning),
            published => Ok(ArticleInput {
                id: f.id.map(|Id(id)| id),
                text: f.text,
                published: published.flatten(),
                lang: f.lang,
                source: f.source,
                url: f.url,
                title: f.title,
                warnings: warning.into_iter().collect(),
            }),
        },
        Err(_) => parse_slow(line, warning),
    }
}

/// The fields of a well-formed record, read straight from the line with no
/// intermediate JSON tree (the common case, and most of the reading time of
/// a corpus). Any record it does not take, for whatever reason, is read
/// again by [`parse_slow`], which says what is wrong with it.
#[derive(serde::Deserialize)]
struct Fields {
    text: String,
    #[serde(default)]
    id: Option<Id>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// A record id: a string, or a number written as JSON writes it.
struct Id(String);

impl<'de> serde::Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E>(self, v: &str) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Id, E> {
                Ok(Id(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Id, E> {
                Ok(Id(serde_json::Number::from(v).to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Id, E> {
                Ok(Id(serde_json::Number::from(v).to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Id, E> {
                serde_json::Number::from_f64(v)
                    .map(|n| Id(n.to_string()))
                    .ok_or_else(|| E::custom("not a JSON number"))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// Reads one JSON Lines record through a JSON tree, field by field, naming
/// the first field that is wrong.
fn parse_slow(line: &str, warning: Option<String>) -> Result<ArticleInput, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(mut obj) = value else {
        return Err("expected a JSON object with a `text` field".to_string());
    };
    // Taken, not copied: the text is most of the record.
    let text = match obj.remove("text") {
        Some(Value::String(s)) => s,
        Some(other) => return Err(format!("field `text` must be a string, found {}", kind(&other))),
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
        // Both readers give the same record, whichever takes the line.
        for line in [
            r#"{"id": 7, "text": "x", "published": "2024-04-05T10:00:00Z", "extra": {"a": [1]}}"#,
            r#"{"id": 7.5, "text": "a\"b", "lang": null, "url": "u", "title": "t", "source": "s"}"#,
            r#"{"id": -3, "text": "", "published": null}"#,
            r#"{"text": "x", "text": "y"}"#,
        ] {
            let fast = parse_record(line, Some("w".into())).unwrap();
            let slow = parse_slow(line, Some("w".into())).unwrap();
            assert_eq!(fast, slow, "{line}");
        }
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
            (
                "{\"text\": \"x\", \"id\": [1]}",
                "field `id` must be a string, found an array",
            ),
            (
                "{\"text\": \"x\", \"text\": 2}",
                "field `text` must be a string, found a number",
            ),
        ];
        for (line, want) in cases {
            let err = parse_record(line, None).unwrap_err();
            assert!(err.starts_with(want), "{line}: {err}");
        }
    }

    #[test]
    fn formats_by_extension() {
        let cases = [
            ("a.jsonl", InputFormat::Jsonl),
            ("a.NDJSON", InputFormat::Jsonl),
            ("dir/a.html", InputFormat::Html),
            ("a.htm", InputFormat::Html),
            ("feed.xml", InputFormat::Feed),
            ("feed.rss", InputFormat::Feed),
            ("CC-NEWS-1.warc.gz", InputFormat::Warc),
            ("a.warc", InputFormat::Warc),
            ("a.gz", InputFormat::Text),
            ("a.txt", InputFormat::Text),
            ("-", InputFormat::Text),
        ];
        for (name, want) in cases {
            assert_eq!(InputFormat::Auto.resolve(Path::new(name)), want, "{name}");
        }
        assert_eq!(InputFormat::Html.resolve(Path::new("a.txt")), InputFormat::Html);
    }

    #[test]
    fn lossy_decoding_warns() {
        let (s, w) = decode(b"caf\xe9 noir".to_vec());
        assert_eq!(s, "caf\u{FFFD} noir");
        assert!(w.unwrap().contains("1 sequence"));
        assert_eq!(decode(b"ok".to_vec()).1, None);
    }
}
