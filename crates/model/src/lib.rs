//! The output contract of `vigie extract`, as Rust types.
//!
//! One [`ArticleEvents`] is written per input article; its JSON form is
//! specified by `schema/article-events.schema.json` (a copy of the shared
//! contract). Every stage of the pipeline produces pieces of it: the text stage
//! fills [`ArticleMeta::lang`] and [`SentenceSpan`]s, the mention stages
//! produce [`Actor`]s and [`Place`]s, the event stage produces [`Event`]s.
//!
//! All offsets are UTF-8 byte offsets into the article text exactly as it was
//! read: `start` is the first byte of the span, `end` is one past its last byte,
//! so `&text[start..end]` is the span's `text`.
//!
//! Fields beyond the schema (allowed by it) are marked "extension" below.

use std::borrow::Cow;

use chrono::NaiveDate;

pub mod json;
use serde::{Deserialize, Serialize};

/// Metadata of one article, as given by the caller or detected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// Caller-given id, else a stable hash of the text (see [`content_id`]).
    pub id: String,
    /// ISO 639-1 code detected (or given); `und` when undetermined.
    pub lang: String,
    /// Anchor for relative dates; `None` when unknown.
    #[serde(serialize_with = "iso_date::serialize")]
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// A sentence of the article (extension): its index and byte span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceSpan {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A token (extension, written with `--tokens`): a byte span and its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: String,
    pub sentence: usize,
}

/// Everything Vigie extracted from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleEvents {
    pub article: ArticleMeta,
    pub events: Vec<Event>,
    /// Problems that did not stop extraction.
    pub warnings: Vec<String>,
    /// Extension: the sentences the text stage found.
    #[serde(default)]
    pub sentences: Vec<SentenceSpan>,
    /// Extension: the tokens, only when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenSpan>>,
}

/// The 16 PLOVER event types (PLOVER manual, draft 2.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PloverType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl PloverType {
    /// Every type, in the manual's order.
    pub const ALL: [PloverType; 16] = [
        PloverType::Agree,
        PloverType::Consult,
        PloverType::Support,
        PloverType::Concede,
        PloverType::Cooperate,
        PloverType::Aid,
        PloverType::Retreat,
        PloverType::Request,
        PloverType::Accuse,
        PloverType::Reject,
        PloverType::Threaten,
        PloverType::Protest,
        PloverType::Sanction,
        PloverType::Mobilize,
        PloverType::Coerce,
        PloverType::Assault,
    ];

    /// The label as the schema spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PloverType::Agree => "AGREE",
            PloverType::Consult => "CONSULT",
            PloverType::Support => "SUPPORT",
            PloverType::Concede => "CONCEDE",
            PloverType::Cooperate => "COOPERATE",
            PloverType::Aid => "AID",
            PloverType::Retreat => "RETREAT",
            PloverType::Request => "REQUEST",
            PloverType::Accuse => "ACCUSE",
            PloverType::Reject => "REJECT",
            PloverType::Threaten => "THREATEN",
            PloverType::Protest => "PROTEST",
            PloverType::Sanction => "SANCTION",
            PloverType::Mobilize => "MOBILIZE",
            PloverType::Coerce => "COERCE",
            PloverType::Assault => "ASSAULT",
        }
    }

    /// Parses a schema label (`"ASSAULT"`).
    pub fn parse(label: &str) -> Option<PloverType> {
        PloverType::ALL.into_iter().find(|t| t.as_str() == label)
    }
}

/// PLOVER type, mode and context of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    #[serde(rename = "type")]
    pub kind: PloverType,
    pub mode: Option<String>,
    #[serde(default)]
    pub context: Vec<String>,
}

/// ACLED event and sub-event type, spelled as ACLED spells them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acled {
    pub event_type: String,
    pub sub_event_type: String,
}

/// A coded actor: who acts or is acted upon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Words in the article.
    pub text: String,
    /// Canonical name, in English. Codes and generated names are shared
    /// (`Cow::Borrowed`), so coding an actor allocates little.
    pub name: Cow<'static, str>,
    /// ISO 3166-1 alpha-3.
    pub country: Option<Cow<'static, str>>,
    /// CAMEO agent type (GOV, MIL, REB, ...).
    pub sector: Option<Cow<'static, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Cow<'static, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub igo: Option<Cow<'static, str>>,
}

/// Feature class of a place, from the most to the least precise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feature {
    Landmark,
    Locality,
    City,
    Admin2,
    Admin1,
    Region,
    Country,
}

/// A geocoded place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub text: String,
    /// Canonical name, in English.
    pub name: String,
    pub country: Option<String>,
    #[serde(default)]
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub feature: Feature,
    #[serde(default)]
    pub geonames_id: Option<i64>,
}

/// Precision of an event date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Unknown,
}

/// Dates written as chrono writes them (`2024-06-07`), without going
/// through the formatting machinery for the years of four digits: an
/// article's output has several dates per event.
mod iso_date {
    use chrono::{Datelike, NaiveDate};
    use serde::Serializer;

    /// `YYYY-MM-DD` for a year from 0 to 9999 (chrono's own format, without
    /// its formatting machinery); `None` for other years.
    pub(crate) fn iso_digits(d: NaiveDate) -> Option<[u8; 10]> {
        let (y, m, day) = (d.year(), d.month(), d.day());
        if !(0..=9999).contains(&y) {
            return None;
        }
        let y = y as u32;
        let digit = |n: u32| b'0' + (n % 10) as u8;
        Some([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(day / 10),
            digit(day),
        ])
    }

    pub(crate) fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        let Some(d) = date else {
            return s.serialize_none();
        };
        let Some(b) = iso_digits(*d) else {
            return s.collect_str(d);
        };
        s.serialize_str(std::str::from_utf8(&b).unwrap_or_default())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn as_chrono_writes_them() {
            for (y, m, d) in [
                (2024, 6, 7),
                (1, 1, 1),
                (9999, 12, 31),
                (0, 2, 29),
                (10000, 1, 1),
                (-44, 3, 15),
            ] {
                let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                let mut out = Vec::new();
                serialize(&Some(date), &mut serde_json::Serializer::new(&mut out)).unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    serde_json::to_string(&date).unwrap()
                );
            }
            let mut out = Vec::new();
            serialize(&None, &mut serde_json::Serializer::new(&mut out)).unwrap();
            assert_eq!(out, b"null");
        }
    }
}

/// When an event happened: a calendar range and the words it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    pub text: Option<String>,
    #[serde(serialize_with = "iso_date::serialize")]
    pub start: Option<NaiveDate>,
    #[serde(serialize_with = "iso_date::serialize")]
    pub end: Option<NaiveDate>,
    pub precision: Precision,
}

/// How exact a count is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    AtMost,
    About,
}

/// Deaths reported for an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fatalities {
    pub total: Option<u64>,
    pub civilians: Option<u64>,
    pub qualifier: Qualifier,
    pub text: String,
}

/// Who reports or claims the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    pub text: String,
    pub speaker: Option<Actor>,
}

/// Whether the event happened, as told.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Modality {
    pub negated: bool,
    pub hypothetical: bool,
    pub historical: bool,
}

/// The words an event was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub plover: Plover,
    pub cameo: String,
    pub acled: Option<Acled>,
    pub source: Vec<Actor>,
    pub target: Vec<Actor>,
    pub date: EventDate,
    pub location: Option<Place>,
    pub fatalities: Option<Fatalities>,
    #[serde(default)]
    pub attribution: Option<Attribution>,
    pub modality: Modality,
    pub evidence: Evidence,
    pub confidence: f64,
}

/// A stable id for a text: 16 hex digits of its XXH3-64 hash.
///
/// Stable across runs, platforms and versions of Vigie (XXH3 is a fixed
/// algorithm), so the same text always gets the same id.
pub fn content_id(text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plover_labels_round_trip() {
        for t in PloverType::ALL {
            assert_eq!(PloverType::parse(t.as_str()), Some(t));
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
        }
        assert_eq!(PloverType::parse("FIGHT"), None);
    }

    #[test]
    fn qualifier_and_feature_use_schema_spelling() {
        assert_eq!(
            serde_json::to_string(&Qualifier::AtLeast).unwrap(),
            "\"at_least\""
        );
        assert_eq!(serde_json::to_string(&Feature::Admin1).unwrap(), "\"admin1\"");
        assert_eq!(serde_json::to_string(&Precision::Week).unwrap(), "\"week\"");
    }

    #[test]
    fn content_id_is_stable() {
        assert_eq!(content_id("abc"), content_id("abc"));
        assert_ne!(content_id("abc"), content_id("abd"));
        assert_eq!(content_id("").len(), 16);
    }
}
