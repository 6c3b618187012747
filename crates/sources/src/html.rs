//! News pages: the main text and the metadata of an HTML page.
//!
//! The main text is found by `dom_smoothie`, a port of Mozilla's Readability
//! (the algorithm of Firefox's reader view): it scores blocks by their text,
//! commas and link density and drops navigation, advertising, related links,
//! share bars and comments. Its text comes out with one paragraph per line
//! pair; Vigie trims lines and keeps paragraphs apart with a blank line, so
//! sentences never run across paragraphs. **The offsets of an HTML article's
//! record refer to this extracted text**, not to the HTML.
//!
//! Metadata, each from the most trusted source first:
//! - publication date: `article:published_time`, JSON-LD `datePublished`,
//!   `<time datetime>` (marked as the publication date, else inside
//!   `<article>`, else the first), then common `<meta>` names (`pubdate`,
//!   `date`, `DC.date.issued`, `parsely-pub-date`...);
//! - title: JSON-LD headline, `og:title`, `<title>` less the site's name
//!   (Readability's rules);
//! - URL: `<link rel="canonical">`, `og:url`, else the address it was read from;
//! - language: `<html lang>` (its primary subtag, `fr-FR` → `fr`);
//! - source: `og:site_name`.
//!
//! Metadata given from outside (the command line) wins over the page; a feed
//! item's fills what the page lacks.

use chrono::NaiveDate;
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use vigie_extract::ArticleInput;

use crate::{charset, parse_date, Meta, Reason, MAX_PAGE_BYTES};

/// Fewest words a page's main text must have to be an article.
const MIN_WORDS: usize = 25;
/// Fewest words of its longest paragraph: menus and link lists have none this long.
const MIN_PARAGRAPH_WORDS: usize = 12;

/// One web page to read.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Where it came from, for messages: a path, `path: record N`, a URL.
    pub at: String,
    /// The raw bytes, in the page's own encoding.
    pub bytes: Vec<u8>,
    /// The absolute URL it was fetched or archived from (resolves relative links).
    pub url: Option<String>,
    /// The HTTP `Content-Type`, whose charset wins over the page's.
    pub content_type: Option<String>,
    /// Metadata that wins over the page's (given on the command line).
    pub given: Meta,
    /// Metadata used where the page has none (from the feed item).
    pub fallback: Meta,
    /// The date a crawler archived the page: the publication date of last
    /// resort, with a warning.
    pub crawl_date: Option<NaiveDate>,
}

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub published: Option<NaiveDate>,
    /// Which markup gave the date (`article:published_time`, `JSON-LD`...).
    pub published_from: Option<&'static str>,
    pub site_name: Option<String>,
}

impl Page {
    /// Extracts the article: decodes the page, reads its metadata, finds its
    /// main text. Errors carry [`Page::at`].
    pub fn article(self) -> Result<ArticleInput, (String, Reason)> {
        match self.extract() {
            Ok(a) => Ok(a),
            Err(reason) => Err((self.at, reason)),
        }
    }

    fn extract(&self) -> Result<ArticleInput, Reason> {
        if self.bytes.len() as u64 > MAX_PAGE_BYTES {
            return Err(Reason::TooLarge(Some(self.bytes.len() as u64)));
        }
        let (html, warning) = charset::decode_html(&self.bytes, self.content_type.as_deref())?;
        let (text, meta) = main_text(&html, self.url.as_deref()).ok_or(Reason::NoMainText)?;
        let mut warnings: Vec<String> = warning.into_iter().collect();
        let page = Meta {
            id: None,
            published: meta.published,
            lang: meta.lang,
            url: meta.url,
            title: meta.title,
            source: meta.site_name,
        };
        let mut m = self.given.or(&page).or(&Meta {
            url: self.url.clone(),
            ..Meta::default()
        });
        m = m.or(&self.fallback);
        if m.published.is_none() {
            if let Some(d) = self.crawl_date {
                m.published = Some(d);
                warnings
                    .push("no publication date in the page: the crawl date (WARC-Date) is used".to_string());
            }
        }
        Ok(ArticleInput {
            id: m.id,
            text,
            published: m.published,
            lang: m.lang,
            source: m.source,
            url: m.url,
            title: m.title,
            warnings,
        })
    }
}

/// The main text of a decoded page and its metadata; `None` when the page
/// has no article text (fewer than 25 words, or no paragraph of 12 words).
pub fn main_text(html: &str, url: Option<&str>) -> Option<(String, PageMeta)> {
    let doc = Document::from(html);
    let mut meta = metadata(&doc, url);
    let og_title = meta.title.is_some() && doc.select("meta[property=\"og:title\"][content]").exists();
    drop_boilerplate(&doc);
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // A relative or malformed URL only serves to resolve links: leave it out
    // rather than fail.
    let url = url.filter(|u| url::Url::parse(u).is_ok());
    let mut readability = Readability::with_document(doc, url, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let text = tidy(&article.text_content);
    let words = text.split_whitespace().count();
    let longest = text
        .lines()
        .map(|l| l.split_whitespace().count())
        .max()
        .unwrap_or(0);
    if words < MIN_WORDS || longest < MIN_PARAGRAPH_WORDS {
        return None;
    }
    // Readability's title (JSON-LD headline, else `<title>` less the site's
    // name) unless the page gave an `og:title`, written for sharing and
    // already clean.
    let title = article.title.trim();
    if !title.is_empty() && !og_title {
        meta.title = Some(collapse(title));
    }
    if meta.site_name.is_none() {
        meta.site_name = article
            .site_name
            .as_deref()
            .map(collapse)
            .filter(|s| !s.is_empty());
    }
    Some((text, meta))
}

/// Words in a `class` or `id` that mark page furniture Readability keeps
/// when it sits beside the article: newsletter boxes, cookie banners, share
/// bars, promotions.
const BOILERPLATE: &[&str] = &[
    "newsletter",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "subscribe",
    "subscription",
    "paywall",
    "promo",
    "share",
    "sharing",
    "social",
    "related",
    "comments",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsored",
    "outbrain",
    "taboola",
];

/// Removes elements whose class or id names page furniture (a word of it,
/// cut at spaces, `-` and `_`), except the page's structure and the article.
fn drop_boilerplate(doc: &Document) {
    let marked = |v: Option<tendril::StrTendril>| {
        v.is_some_and(|v| {
            v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|w| BOILERPLATE.iter().any(|b| w.eq_ignore_ascii_case(b)))
        })
    };
    for node in doc.select("[class], [id]").nodes() {
        let Some(name) = node.node_name() else { continue };
        if matches!(name.as_ref(), "html" | "body" | "main" | "article") {
            continue;
        }
        if marked(node.attr("class")) || marked(node.attr("id")) {
            node.remove_from_parent();
        }
    }
}

/// One paragraph per line, paragraphs separated by a blank line, spaces
/// collapsed within lines.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = collapse(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Meta names that carry a publication date on some sites (lower case), after
/// `article:published_time`.
const DATE_META: &[&str] = &[
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "published_time",
    "published-date",
    "article.published",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "date",
];

/// The page's metadata (see the module documentation for the order of trust).
pub fn metadata(doc: &Document, url: Option<&str>) -> PageMeta {
    let metas: Vec<(String, String)> = doc
        .select("meta")
        .iter()
        .filter_map(|m| {
            let name = m
                .attr("property")
                .or_else(|| m.attr("name"))
                .or_else(|| m.attr("itemprop"))?;
            let content = m.attr("content")?;
            Some((name.trim().to_ascii_lowercase(), content.trim().to_string()))
        })
        .collect();
    let meta = |name: &str| {
        metas
            .iter()
            .find(|(n, c)| n == name && !c.is_empty())
            .map(|(_, c)| c.as_str())
    };

    // Each source in the order of trust; the first date that parses wins.
    let mut sources: Vec<(Option<NaiveDate>, &'static str)> = Vec::new();
    sources.push((
        meta("article:published_time").and_then(parse_date),
        "article:published_time",
    ));
    let found = |s: &[(Option<NaiveDate>, &str)]| s.iter().any(|(d, _)| d.is_some());
    if !found(&sources) {
        sources.push((json_ld_date(doc), "JSON-LD datePublished"));
    }
    if !found(&sources) {
        sources.push((time_element(doc), "<time datetime>"));
    }
    if !found(&sources) {
        sources.push((
            DATE_META.iter().find_map(|name| meta(name).and_then(parse_date)),
            "<meta> date",
        ));
    }
    let (published, published_from) = sources
        .into_iter()
        .find_map(|(d, from)| d.map(|d| (Some(d), Some(from))))
        .unwrap_or((None, None));

    let base = base_url(doc, url);
    let resolve = |href: &str| -> Option<String> {
        let href = href.trim();
        if href.is_empty() {
            return None;
        }
        match &base {
            Some(b) => b.join(href).ok().map(String::from),
            None => url::Url::parse(href).ok().map(String::from),
        }
    };
    let canonical = doc
        .select("link[rel][href]")
        .iter()
        .find(|l| {
            l.attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")))
        })
        .and_then(|l| l.attr("href"))
        .and_then(|h| resolve(&h))
        .or_else(|| meta("og:url").and_then(resolve));

    let html = doc.select("html");
    let lang = html
        .attr("lang")
        .or_else(|| html.attr("xml:lang"))
        .and_then(|l| primary_language(&l));

    PageMeta {
        title: meta("og:title")
            .map(collapse)
            .filter(|t| !t.is_empty())
            .or_else(|| {
                let t = collapse(&doc.select("title").text());
                (!t.is_empty()).then_some(t)
            }),
        url: canonical,
        lang,
        published,
        published_from,
        site_name: meta("og:site_name").map(collapse).filter(|s| !s.is_empty()),
    }
}

fn base_url(doc: &Document, url: Option<&str>) -> Option<url::Url> {
    let page = url.and_then(|u| url::Url::parse(u).ok());
    match doc.base_uri() {
        Some(b) => match &page {
            Some(p) => p.join(&b).ok().or(page),
            None => url::Url::parse(&b).ok(),
        },
        None => page,
    }
}

/// `fr-FR` → `fr`; `None` unless the primary subtag is a two-letter code.
fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?;
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

/// The `datePublished` of the page's JSON-LD: of an article-like object
/// first, else of any object.
fn json_ld_date(doc: &Document) -> Option<NaiveDate> {
    let mut any = None;
    for script in doc.select("script[type]").iter() {
        let kind = script.attr("type").unwrap_or_default();
        if !kind.trim().eq_ignore_ascii_case("application/ld+json") {
            continue;
        }
        let text = script.text();
        let body = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>");
        let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else {
            continue;
        };
        let mut found = Vec::new();
        collect_dates(&value, &mut found, 0);
        if let Some((_, d)) = found.iter().find(|(article, _)| *article) {
            return Some(*d);
        }
        any = any.or(found.first().map(|(_, d)| *d));
    }
    any
}

fn collect_dates(v: &serde_json::Value, out: &mut Vec<(bool, NaiveDate)>, depth: usize) {
    use serde_json::Value;
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect_dates(i, out, depth + 1)),
        Value::Object(obj) => {
            if let Some(d) = obj
                .get("datePublished")
                .and_then(Value::as_str)
                .and_then(parse_date)
            {
                let article = match obj.get("@type") {
                    Some(Value::String(t)) => is_article_type(t),
                    Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
                    _ => false,
                };
                out.push((article, d));
            }
            for (k, child) in obj {
                if k != "datePublished" {
                    collect_dates(child, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t == "BlogPosting" || t == "LiveBlogPosting" || t == "Report"
}

fn time_element(doc: &Document) -> Option<NaiveDate> {
    for selector in [
        "time[itemprop=datePublished][datetime]",
        "time[pubdate][datetime]",
        "article time[datetime]",
        "time[datetime]",
    ] {
        if let Some(d) = doc
            .select(selector)
            .iter()
            .find_map(|t| t.attr("datetime").and_then(|d| parse_date(&d)))
        {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn body(paragraphs: usize) -> String {
        let p = "<p>Les forces armées ont repris lundi le contrôle de la ville après trois jours de combats, a indiqué un porte-parole du ministère de la Défense à la presse.</p>";
        p.repeat(paragraphs)
    }

    #[test]
    fn publication_date_order_of_trust() {
        let head = |extra: &str| {
            format!(
                "<html><head>{extra}</head><body><article>{}</article></body></html>",
                body(3)
            )
        };
        let og = r#"<meta property="article:published_time" content="2024-04-05T08:00:00+02:00">"#;
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage","datePublished":"2020-01-01"},{"@type":"NewsArticle","datePublished":"2024-04-06"}]}</script>"#;
        let time = r#"</head><body><time datetime="2024-04-07">7 avril</time><p>x</p></body><head>"#;
        let dc = r#"<meta name="DC.date.issued" content="2024/04/08">"#;
        let cases = [
            (
                format!("{dc}{ld}{og}"),
                date(2024, 4, 5),
                "article:published_time",
            ),
            (format!("{dc}{ld}"), date(2024, 4, 6), "JSON-LD datePublished"),
            (format!("{dc}{time}"), date(2024, 4, 7), "<time datetime>"),
            (dc.to_string(), date(2024, 4, 8), "<meta> date"),
            (String::new(), None, ""),
        ];
        for (extra, want, from) in cases {
            let doc = Document::from(head(&extra).as_str());
            let m = metadata(&doc, None);
            assert_eq!(m.published, want, "{extra}");
            assert_eq!(m.published_from.unwrap_or(""), from);
        }
    }

    #[test]
    fn canonical_language_title() {
        let html = format!(
            r#"<html lang="fr-FR"><head><base href="/actu/"><title>Combats à Goma | Le Quotidien</title>
            <link rel="Canonical" href="goma.html"><meta property="og:site_name" content="Le Quotidien"></head>
            <body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav><article><h1>Combats à Goma</h1>{}</article>
            <aside class="comments"><p>Super article</p></aside></body></html>"#,
            body(4)
        );
        let (text, meta) = main_text(&html, Some("https://journal.example/x/y")).unwrap();
        assert_eq!(
            meta.url.as_deref(),
            Some("https://journal.example/actu/goma.html")
        );
        assert_eq!(meta.lang.as_deref(), Some("fr"));
        assert_eq!(meta.site_name.as_deref(), Some("Le Quotidien"));
        assert!(meta.title.unwrap().starts_with("Combats à Goma"));
        assert!(text.starts_with("Les forces armées"), "{text}");
        assert!(!text.contains("Accueil"), "{text}");
        assert_eq!(text.matches("\n\n").count(), 3, "{text}");
    }

    #[test]
    fn no_main_text() {
        let nav = "<html><body><nav><ul><li><a href=/a>Monde</a></li><li><a href=/b>Sport</a></li></ul></nav><footer>© 2024</footer></body></html>";
        assert!(main_text(nav, None).is_none());
        assert!(main_text("", None).is_none());
        let page = Page {
            at: "x.html".into(),
            bytes: nav.as_bytes().to_vec(),
            ..Page::default()
        };
        assert_eq!(
            page.article().unwrap_err(),
            ("x.html".to_string(), Reason::NoMainText)
        );
    }

    #[test]
    fn given_metadata_wins_and_fallback_fills() {
        let html = format!(
            r#"<html lang="en"><head><title>Page title</title></head><body><article>{}</article></body></html>"#,
            body(3)
        );
        let page = Page {
            at: "p".into(),
            bytes: html.into_bytes(),
            url: Some("https://a.example/p".into()),
            given: Meta {
                lang: Some("fr".into()),
                ..Meta::default()
            },
            fallback: Meta {
                published: date(2024, 1, 2),
                title: Some("Feed title".into()),
                source: Some("Feed".into()),
                ..Meta::default()
            },
            ..Page::default()
        };
        let a = page.article().unwrap();
        assert_eq!(a.lang.as_deref(), Some("fr"));
        assert_eq!(a.published, date(2024, 1, 2));
        assert_eq!(a.title.as_deref(), Some("Page title"));
        assert_eq!(a.source.as_deref(), Some("Feed"));
        assert_eq!(a.url.as_deref(), Some("https://a.example/p"));
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn crawl_date_is_the_last_resort() {
        let page = Page {
            at: "r".into(),
            bytes: format!("<html><body>{}</body></html>", body(3)).into_bytes(),
            crawl_date: date(2024, 5, 1),
            ..Page::default()
        };
        let a = page.article().unwrap();
        assert_eq!(a.published, date(2024, 5, 1));
        assert!(a.warnings[0].contains("crawl date"));
    }

    #[test]
    fn too_large() {
        let page = Page {
            at: "big.html".into(),
            bytes: vec![b' '; MAX_PAGE_BYTES as usize + 1],
            ..Page::default()
        };
        assert!(matches!(page.article().unwrap_err().1, Reason::TooLarge(_)));
    }

    #[test]
    fn language_tags() {
        assert_eq!(primary_language("en-GB"), Some("en".into()));
        assert_eq!(primary_language(" FR "), Some("fr".into()));
        assert_eq!(primary_language("fra"), None);
        assert_eq!(primary_language("x-default"), None);
        assert_eq!(primary_language(""), None);
    }
}
