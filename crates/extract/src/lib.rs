//! The extraction pipeline: text → mentions → events, for one article.
//!
//! Entry point: [`extract`] takes an [`ArticleInput`] (text and metadata, as
//! read by the CLI, the store's ingest or the HTTP API) and returns its
//! [`ArticleEvents`] record, the output contract of `vigie extract`. It never
//! fails: problems that do not stop extraction (empty text, unknown language,
//! no publication date, lossy decoding noted by the reader) become
//! `warnings` in the record.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use vigie_events::Mentions;
use vigie_model::{content_id, ArticleEvents, ArticleMeta, SentenceSpan, TokenSpan};

/// One article to extract from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleInput {
    /// Caller's id; a hash of the text when absent.
    pub id: Option<String>,
    /// The text exactly as read; output offsets point into it.
    pub text: String,
    pub published: Option<NaiveDate>,
    /// ISO 639-1 code when the caller knows it; detected otherwise.
    pub lang: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Warnings from reading the article (e.g. invalid UTF-8), kept first.
    pub warnings: Vec<String>,
}

/// What to add to the record beyond the contract.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Write every token with its span (`tokens`).
    pub tokens: bool,
}

/// Extracts the events of one article.
///
/// ```
/// use vigie_extract::{extract, ArticleInput, Options};
/// let input = ArticleInput { text: "Les combats ont repris lundi.".into(), ..Default::default() };
/// let out = extract(&input, &Options::default());
/// assert_eq!(out.article.lang, "fr");
/// assert_eq!(out.sentences.len(), 1);
/// ```
pub fn extract(input: &ArticleInput, options: &Options) -> ArticleEvents {
    extract_with_stats(input, options).0
}

/// What one extraction found and how long each stage took (`vigie extract
/// --stats`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ExtractStats {
    pub actors: usize,
    pub places: usize,
    pub times: usize,
    pub numbers: usize,
    /// Normalisation, language identification, sentences and tokens.
    pub text: Duration,
    /// Actors, places, times and numbers.
    pub mentions: Duration,
    /// Event coding.
    pub events: Duration,
}

/// [`extract`], with the mention counts and the time spent in each stage.
pub fn extract_with_stats(input: &ArticleInput, options: &Options) -> (ArticleEvents, ExtractStats) {
    let mut stats = ExtractStats::default();
    let started = Instant::now();
    let mut warnings = input.warnings.clone();
    let id = match &input.id {
        Some(id) if !id.is_empty() => id.clone(),
        _ => content_id(&input.text),
    };
    let doc = vigie_text::analyze(&input.text, input.lang.as_deref());
    let analysed = Instant::now();
    stats.text = analysed - started;
    let empty = input.text.trim().is_empty();
    if empty {
        warnings.push("empty article: no text to extract events from".to_string());
    } else if doc.lang == "und" {
        warnings
            .push("language undetermined: no events extracted (give it with --lang or `lang`)".to_string());
    } else if !doc.lang_supported() {
        warnings.push(format!(
            "language '{}' has no lexicon in Vigie (only {}): no events extracted",
            doc.lang,
            vigie_text::SUPPORTED_LANGS.join(", ")
        ));
    }
    if input.published.is_none() && !empty {
        warnings.push("no publication date: relative dates stay unresolved".to_string());
    }
    let events = if !empty && doc.lang_supported() {
        let mentions = Mentions::find(&doc, input.published);
        let found = Instant::now();
        stats.mentions = found - analysed;
        stats.actors = mentions.actors.len();
        stats.places = mentions.places.len();
        stats.times = mentions.times.len();
        stats.numbers = mentions.numbers.len();
        let events = vigie_events::code(&doc, &mentions, input.published);
        stats.events = found.elapsed();
        events
    } else {
        Vec::new()
    };
    let sentences = doc
        .sentences
        .iter()
        .map(|s| SentenceSpan {
            index: s.index,
            start: s.start,
            end: s.end,
            text: input.text[s.start..s.end].to_string(),
        })
        .collect();
    let tokens = options.tokens.then(|| {
        doc.tokens
            .iter()
            .map(|t| TokenSpan {
                start: t.start,
                end: t.end,
                text: input.text[t.start..t.end].to_string(),
                kind: t.kind.as_str().to_string(),
                sentence: t.sentence,
            })
            .collect()
    });
    let record = ArticleEvents {
        article: ArticleMeta {
            id,
            lang: doc.lang.clone(),
            published: input.published,
            source: input.source.clone(),
            url: input.url.clone(),
            title: input.title.clone(),
        },
        events,
        warnings,
        sentences,
        tokens,
    };
    (record, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_article_gets_a_warning_and_no_events() {
        let out = extract(
            &ArticleInput {
                text: "  \n".into(),
                ..Default::default()
            },
            &Options::default(),
        );
        assert!(out.events.is_empty());
        assert!(out.warnings.iter().any(|w| w.contains("empty article")));
        assert_eq!(out.article.lang, "und");
    }

    #[test]
    fn unsupported_language_is_named() {
        let input = ArticleInput {
            text: "Bei den Kämpfen wurden mindestens zwölf Menschen getötet.".into(),
            published: NaiveDate::from_ymd_opt(2024, 4, 2),
            ..Default::default()
        };
        let out = extract(&input, &Options::default());
        assert_eq!(out.article.lang, "de");
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        assert!(out.warnings[0].contains("'de' has no lexicon"));
    }

    #[test]
    fn id_defaults_to_content_hash() {
        let input = ArticleInput {
            text: "Police arrested three men.".into(),
            ..Default::default()
        };
        let out = extract(&input, &Options::default());
        assert_eq!(out.article.id, content_id("Police arrested three men."));
        let given = ArticleInput {
            id: Some("a1".into()),
            ..input
        };
        assert_eq!(extract(&given, &Options::default()).article.id, "a1");
    }

    #[test]
    fn tokens_only_on_request() {
        let input = ArticleInput {
            text: "L’armée a tiré.".into(),
            ..Default::default()
        };
        assert!(extract(&input, &Options::default()).tokens.is_none());
        let out = extract(&input, &Options { tokens: true });
        let toks = out.tokens.unwrap();
        assert_eq!(toks[0].text, "L’");
        for t in toks {
            assert_eq!(&input.text[t.start..t.end], t.text);
        }
    }
}
