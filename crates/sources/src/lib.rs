//! Where articles come from: saved web pages, RSS/Atom feeds, WARC archives,
//! and feeds polled over HTTP(S).
//!
//! Every reader yields the same thing: [`Item`]s, each either an article that
//! is ready ([`Item::Article`]) or a page whose main text still has to be
//! extracted ([`Item::Html`], the costly part, left to the caller's worker
//! threads), and [`Skip`]s for records that could not be read, each naming the
//! file or URL and the reason, so one bad record is reported and the rest go
//! on. [`Item::resolve`] turns an item into the [`ArticleInput`] that
//! `vigie_extract::extract` takes.
//!
//! - [`html`]: main text and metadata of a news page (readability-style
//!   extraction with `dom_smoothie`; title, canonical URL, language,
//!   publication date); the output offsets of an HTML article refer to the
//!   extracted text.
//! - [`charset`]: how the bytes of a page are decoded (BOM, HTTP header,
//!   `<meta charset>`).
//! - [`feed`]: RSS and Atom files (`feed-rs`).
//! - [`warc`]: a streaming WARC reader (plain or multi-member gzip), bounded
//!   memory whatever the size of the file.
//! - [`fetch`], [`robots`], [`watch`]: polling feeds over HTTP(S) with
//!   conditional requests, per-host politeness, retries and robots.txt, and
//!   handing each new article once to a [`watch::Sink`].

pub mod charset;
mod dates;
pub mod feed;
pub mod fetch;
pub mod html;
pub mod robots;
pub mod warc;
pub mod watch;

use std::fmt;

pub use dates::parse_date;
pub use vigie_extract::ArticleInput;

use chrono::NaiveDate;

/// The largest page or archive record Vigie reads: 10 MB. Larger ones are
/// skipped without being held in memory.
pub const MAX_PAGE_BYTES: u64 = 10 * 1024 * 1024;

/// Why a record, page or feed was skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    /// The page has no article text (a home page, an index, an error page).
    #[error("no main text in the page")]
    NoMainText,
    /// A response that is not a web page (image, PDF, script...).
    #[error("not HTML (Content-Type: {0})")]
    NotHtml(String),
    /// An HTTP status other than success.
    #[error("HTTP status {0}")]
    HttpStatus(u16),
    /// Over [`MAX_PAGE_BYTES`].
    #[error("larger than the {} MB limit ({})", MAX_PAGE_BYTES / (1024 * 1024), size_text(*.0))]
    TooLarge(Option<u64>),
    /// The page declares a character set that is not a known encoding.
    #[error("declares charset '{0}', which is not a known encoding")]
    UnknownCharset(String),
    /// A feed file or response that is not RSS, Atom or JSON Feed.
    #[error("not a feed: {0}")]
    NotAFeed(String),
    /// A feed item without any text (read from a file, nothing to fetch).
    #[error("feed item has no text (no content or summary)")]
    EmptyItem,
    /// A gzip stream that ends early or is corrupt.
    #[error("truncated or corrupt gzip stream: {0}")]
    BadGzip(String),
    /// A WARC record whose framing is wrong (bad header, wrong length).
    #[error("bad WARC record: {0}")]
    BadWarc(String),
    /// A file that ends in the middle of a record.
    #[error("truncated: {0}")]
    Truncated(String),
    /// Redirects that come back to a URL already visited.
    #[error("redirect loop: {0}")]
    RedirectLoop(String),
    /// More redirects than allowed.
    #[error("too many redirects (more than {0})")]
    TooManyRedirects(usize),
    /// The site's robots.txt forbids Vigie this URL.
    #[error("disallowed by robots.txt")]
    RobotsDisallowed,
    /// A network failure (DNS, connection, timeout, TLS) after all retries.
    #[error("network error: {0}")]
    Network(String),
    /// A read error on a local file.
    #[error("cannot read: {0}")]
    Io(String),
}

fn size_text(size: Option<u64>) -> String {
    match size {
        Some(n) => format!("{:.1} MB", n as f64 / (1024.0 * 1024.0)),
        None => "size unknown".to_string(),
    }
}

impl Reason {
    /// A short, stable label for counting skips by cause (`--stats`).
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::NoMainText => "no main text",
            Reason::NotHtml(_) => "not HTML",
            Reason::HttpStatus(_) => "HTTP status",
            Reason::TooLarge(_) => "over 10 MB",
            Reason::UnknownCharset(_) => "unknown charset",
            Reason::NotAFeed(_) => "not a feed",
            Reason::EmptyItem => "empty feed item",
            Reason::BadGzip(_) => "bad gzip",
            Reason::BadWarc(_) => "bad WARC record",
            Reason::Truncated(_) => "truncated input",
            Reason::RedirectLoop(_) => "redirect loop",
            Reason::TooManyRedirects(_) => "too many redirects",
            Reason::RobotsDisallowed => "robots.txt",
            Reason::Network(_) => "network error",
            Reason::Io(_) => "read error",
        }
    }

    /// Worth trying again later: the cause may go away by itself (network
    /// trouble, a server error, rate limiting).
    pub fn transient(&self) -> bool {
        match self {
            Reason::Network(_) => true,
            Reason::HttpStatus(s) => *s == 408 || *s == 429 || *s >= 500,
            _ => false,
        }
    }
}

/// A record that was not turned into an article, where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The file, record or URL: `path`, `path: record 12 <url>`, a URL.
    pub at: String,
    pub reason: Reason,
    /// An expected skip (a non-HTML response in a web archive): counted in
    /// the statistics, not reported one by one.
    pub quiet: bool,
    /// Nothing more can be read from this input after it.
    pub last: bool,
}

impl Skip {
    /// A reported skip of one record.
    pub fn new(at: impl Into<String>, reason: Reason) -> Skip {
        Skip {
            at: at.into(),
            reason,
            quiet: false,
            last: false,
        }
    }

    fn quiet(mut self) -> Skip {
        self.quiet = true;
        self
    }

    fn last(mut self) -> Skip {
        self.last = true;
        self
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.reason)
    }
}

/// Metadata of an article known from outside its text: the command line, a
/// feed item, an archive record. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub id: Option<String>,
    pub published: Option<NaiveDate>,
    pub lang: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
}

impl Meta {
    /// Each field of `self`, or of `other` where `self` has none.
    pub fn or(&self, other: &Meta) -> Meta {
        Meta {
            id: self.id.clone().or_else(|| other.id.clone()),
            published: self.published.or(other.published),
            lang: self.lang.clone().or_else(|| other.lang.clone()),
            url: self.url.clone().or_else(|| other.url.clone()),
            title: self.title.clone().or_else(|| other.title.clone()),
            source: self.source.clone().or_else(|| other.source.clone()),
        }
    }
}

/// One unit read from a source.
#[derive(Debug)]
pub enum Item {
    /// An article ready for extraction.
    Article(ArticleInput),
    /// A web page whose main text is still to be extracted.
    Html(Box<html::Page>),
}

impl Item {
    /// The article, extracting a page's main text if needed (the costly part
    /// of reading HTML: call it on worker threads).
    pub fn resolve(self) -> Result<ArticleInput, Skip> {
        match self {
            Item::Article(a) => Ok(a),
            Item::Html(page) => page.article().map_err(|(at, reason)| Skip::new(at, reason)),
        }
    }

    /// Bytes of input this item stands for (statistics).
    pub fn size(&self) -> usize {
        match self {
            Item::Article(a) => a.text.len(),
            Item::Html(p) => p.bytes.len(),
        }
    }
}

/// What a reader yields: an item, or a record skipped.
pub type ReadResult = Result<Item, Skip>;
