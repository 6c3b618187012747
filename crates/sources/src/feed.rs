//! RSS and Atom feeds (and JSON Feed), parsed by `feed-rs`.
//!
//! [`parse`] lists a feed's items: id (the `guid`/`id`, or one derived from
//! the link and title when the feed gives none), link (made absolute against
//! the feed's URL), title, publication date and the HTML of its content or
//! summary. `vigie watch` fetches each item's link; `vigie extract` on a feed
//! file has no network and reads [`file_items`]: the text of each item's
//! content, else its summary.
//!
//! Dates keep the calendar day the feed wrote ("Fri, 05 Apr 2024 01:00 +0200"
//! is 5 April), as for pages.

use chrono::{DateTime, NaiveDate, Utc};
use dom_query::Document;
use vigie_extract::ArticleInput;

use crate::{parse_date, Item, Meta, ReadResult, Reason, Skip};

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// The item's `guid`/`id`, or an id derived from its link and title.
    pub id: String,
    /// The page of the article, absolute.
    pub link: Option<String>,
    pub title: Option<String>,
    /// Publication date, else the last update.
    pub published: Option<NaiveDate>,
    /// The content (`content:encoded`, Atom `content`), else the summary
    /// (`description`), as HTML.
    pub html: Option<String>,
    /// Language of the item or of the feed, when declared.
    pub lang: Option<String>,
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
}

/// Parses RSS 0.9x/1.0/2.0, Atom or JSON Feed; `url` (the feed's own address)
/// makes relative links absolute.
pub fn parse(bytes: &[u8], url: Option<&str>) -> Result<Feed, Reason> {
    let trimmed = bytes.trim_ascii_start();
    let trimmed = trimmed
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(trimmed);
    if trimmed.is_empty() {
        return Err(Reason::NotAFeed("empty document".to_string()));
    }
    if !(trimmed.starts_with(b"<") || trimmed.starts_with(b"{")) {
        return Err(Reason::NotAFeed("neither XML nor JSON".to_string()));
    }
    let parser = feed_rs::parser::Builder::new()
        .base_uri(url)
        .timestamp_parser(local_day)
        .build();
    let feed = parser.parse(bytes).map_err(|e| Reason::NotAFeed(describe(&e)))?;
    let base = url.and_then(|u| url::Url::parse(u).ok());
    let feed_lang = feed.language.as_deref().and_then(primary_language);
    let items = feed
        .entries
        .into_iter()
        .map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(e.links.first())
                .and_then(|l| absolute(&l.href, base.as_ref()));
            let html = e
                .content
                .and_then(|c| c.body)
                .filter(|b| !b.trim().is_empty())
                .or_else(|| e.summary.map(|s| s.content).filter(|s| !s.trim().is_empty()));
            FeedItem {
                id: e.id,
                link,
                title: e.title.map(|t| collapse(&t.content)).filter(|t| !t.is_empty()),
                published: e.published.or(e.updated).map(|d| d.date_naive()),
                html,
                lang: e
                    .language
                    .as_deref()
                    .and_then(primary_language)
                    .or_else(|| feed_lang.clone()),
            }
        })
        .collect();
    Ok(Feed {
        title: feed.title.map(|t| collapse(&t.content)).filter(|t| !t.is_empty()),
        items,
    })
}

/// The articles of a feed file, one per item, from the text of its content
/// or summary; `at` names the file in messages, `given` is metadata from the
/// command line (it wins over the feed's).
pub fn file_items(bytes: &[u8], at: &str, given: &Meta) -> Vec<ReadResult> {
    let feed = match parse(bytes, given.url.as_deref()) {
        Ok(f) => f,
        Err(reason) => return vec![Err(Skip::new(at, reason))],
    };
    feed.items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let here = format!(
                "{at}: item {}{}",
                i + 1,
                item.link
                    .as_deref()
                    .map(|l| format!(" <{l}>"))
                    .unwrap_or_default()
            );
            let text = item.html.as_deref().map(fragment_text).unwrap_or_default();
            if text.trim().is_empty() {
                return Err(Skip::new(here, Reason::EmptyItem));
            }
            let meta = given.or(&Meta {
                id: None,
                published: item.published,
                lang: item.lang.clone(),
                url: item.link.clone(),
                title: item.title.clone(),
                source: feed.title.clone(),
            });
            Ok(Item::Article(ArticleInput {
                id: meta.id,
                text,
                published: meta.published,
                lang: meta.lang,
                source: meta.source,
                url: meta.url,
                title: meta.title,
                warnings: Vec::new(),
            }))
        })
        .collect()
}

/// The text of an HTML fragment, one paragraph per line pair; plain text is
/// returned with its spaces collapsed.
pub fn fragment_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return collapse(html);
    }
    let doc = Document::fragment(html);
    doc.select("script, style, noscript").remove();
    let text = doc.formatted_text();
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

/// Keeps the day as written: feed-rs would move it to UTC.
fn local_day(s: &str) -> Option<DateTime<Utc>> {
    parse_date(s)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|t| t.and_utc())
}

fn describe(e: &feed_rs::parser::ParseFeedError) -> String {
    use feed_rs::parser::ParseFeedError as E;
    match e {
        E::ParseError(kind) => format!("{kind}"),
        E::IoError(e) => format!("read error: {e}"),
        E::JsonSerde(e) => format!("invalid JSON: {e}"),
        E::JsonUnsupportedVersion(v) => format!("unsupported JSON Feed version {v}"),
        E::XmlReader(e) => format!("invalid XML: {e}"),
    }
}

fn absolute(href: &str, base: Option<&url::Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match base {
        Some(b) => b.join(href).ok().map(String::from),
        None => Some(href.to_string()),
    }
}

fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?;
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Le Quotidien - International</title><link>https://journal.example/</link><language>fr-fr</language>
<item><title>Combats à Goma</title><link>/actu/goma.html</link><guid>goma-1</guid>
<pubDate>Fri, 05 Apr 2024 01:30:00 +0200</pubDate>
<description><![CDATA[<p>Résumé.</p>]]></description>
<content:encoded><![CDATA[<p>Les combats ont repris <b>lundi</b>.</p><p>Trois morts.</p><script>x()</script>]]></content:encoded></item>
<item><title>Sans texte</title><link>https://journal.example/vide.html</link></item>
</channel></rss>"#;

    #[test]
    fn rss_items() {
        let feed = parse(RSS.as_bytes(), Some("https://journal.example/rss.xml")).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Le Quotidien - International"));
        assert_eq!(feed.items.len(), 2);
        let a = &feed.items[0];
        assert_eq!(a.id, "goma-1");
        assert_eq!(a.link.as_deref(), Some("https://journal.example/actu/goma.html"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 4, 5));
        assert_eq!(a.lang.as_deref(), Some("fr"));
        assert!(a.html.as_deref().unwrap().contains("<b>lundi</b>"));
        // An item without guid gets a stable id.
        let again = parse(RSS.as_bytes(), Some("https://journal.example/rss.xml")).unwrap();
        assert_eq!(feed.items[1].id, again.items[1].id);
        assert!(!feed.items[1].id.is_empty());
    }

    #[test]
    fn atom_items() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:w</id><updated>2024-04-05T10:00:00Z</updated>
<entry><id>urn:w:1</id><title>Talks</title><link rel="alternate" href="https://wire.example/1"/><updated>2024-04-06T10:00:00Z</updated><published>2024-04-05T09:00:00-05:00</published><summary>Ministers met on Monday.</summary></entry></feed>"#;
        let feed = parse(atom.as_bytes(), None).unwrap();
        let e = &feed.items[0];
        assert_eq!(e.id, "urn:w:1");
        assert_eq!(e.link.as_deref(), Some("https://wire.example/1"));
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 4, 5));
        assert_eq!(e.html.as_deref(), Some("Ministers met on Monday."));
    }

    #[test]
    fn file_items_report_empty_ones() {
        let items = file_items(RSS.as_bytes(), "f.xml", &Meta::default());
        assert_eq!(items.len(), 2);
        let Ok(Item::Article(a)) = &items[0] else {
            panic!("{:?}", items[0])
        };
        assert_eq!(a.text, "Les combats ont repris lundi.\n\nTrois morts.");
        assert_eq!(a.source.as_deref(), Some("Le Quotidien - International"));
        assert_eq!(a.title.as_deref(), Some("Combats à Goma"));
        let Err(skip) = &items[1] else { panic!() };
        assert_eq!(skip.reason, Reason::EmptyItem);
        assert!(
            skip.at
                .starts_with("f.xml: item 2 <https://journal.example/vide.html>"),
            "{}",
            skip.at
        );
    }

    #[test]
    fn not_a_feed() {
        for bad in [
            &b""[..],
            b"Hello, world",
            b"<html><body>page</body></html>",
            b"<rss><channel><item>",
            b"{\"a\":1}",
        ] {
            let err = parse(bad, None).unwrap_err();
            assert!(
                matches!(err, Reason::NotAFeed(_)),
                "{:?}: {err:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
