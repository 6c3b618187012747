//! Place mentions and geocoding (mention stage, after the text stage).
//!
//! Entry points:
//! - [`find`] / [`find_with`] take an analysed [`Document`] and return its
//!   place mentions in text order, each resolved against the bundled
//!   gazetteer to a [`Place`] (English name, ISO alpha-3 country, admin1,
//!   coordinates, feature, GeoNames id), with a confidence and the evidence
//!   that chose it;
//! - [`locate`] gives the place of an event trigger (same clause, else same
//!   sentence, else the article's [`focus`]);
//! - [`describe`] prints the mentions of a document for debugging
//!   (`vigie places FILE`).
//!
//! # Data
//!
//! `data/gazetteer.tsv` (GeoNames, CC BY 4.0: countries, admin1, admin2,
//! cities ≥ 15k, localities ≥ 5k, with French and English exonyms) and the
//! hand-made `data/regions.tsv` (conflict regions, landmarks) are embedded in
//! the binary and parsed once, on first use (see `data/FORMAT.md`). Regions
//! marked `same_as` are merged into their gazetteer row. The demonyms and
//! capitals of the actor lexicons (`crates/mentions/actors/data`) give the
//! descriptions ("la capitale autrichienne" → Vienna) and part of the
//! article context. `data/common_words.txt` lists place names that are also
//! ordinary words or first names ("Police", "Nice", "Jordan").
//!
//! Loading costs about 450 million instructions (callgrind, release build;
//! the text is cut without a string copy and the name table is filled
//! without rehashing) and the loaded gazetteer about 25 MB of resident
//! memory, the embedded text included: strings borrow from it and names are
//! looked up in a dense hash table keyed by the exact name, 12 bytes a slot
//! (see `benches/places.rs` and `examples/describe.rs`).
//!
//! # Method
//!
//! Names are looked up on token boundaries, case-sensitively (capitalised
//! names stay capitalised; ASCII folds are in the data); lowercase names are
//! only multi-word phrases with a capital ("région de Donetsk", "bande de
//! Gaza"). Each candidate row gets a score: a prior (feature, population,
//! canonical or alternate name), plus cues (locative prepositions "à", "in",
//! "près de"; type nouns "la ville de", "province of", "Borno state";
//! demonyms "the Ukrainian city of"), the article context (other confident
//! places, country names, demonyms, the caller's hint countries),
//! containment ("Avdiivka, in the Donetsk region", "Paris, Texas") and
//! penalties (common words, sentence-initial capitals). A span is a mention
//! only when its best candidate reaches [`THRESHOLD`]; a country also needs a
//! locative cue ("en Ukraine"), a dateline or a comma apposition ("Kharkiv,
//! Ukraine"): "la Russie a dit" is left to the actor stage. Capitals used as
//! governments ("Moscou a dit") are not places either.
//!
//! Not handled: places not in the data (villages under 5,000 people, streets,
//! buildings other than the few landmarks of `regions.tsv`), relative
//! locations ("20 km north of Kyiv" gives Kyiv), title-case headlines, and
//! descriptions other than capitals ("the eastern city" without a name).

mod gazetteer;
mod geocode;
mod lexicon;
mod locate;
mod names;

use std::fmt::Write as _;

use vigie_model::Place;
use vigie_text::Document;

pub use geocode::{Evidence, THRESHOLD};
pub use locate::{focus, locate, LocPrecision, Locator};

/// A place mention: where it is and what it resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Byte span in the normalised text ([`Document::norm`]).
    pub nstart: usize,
    pub nend: usize,
    /// Index of the sentence holding the mention.
    pub sentence: usize,
    /// The resolved place, with `text` taken from the original article.
    pub place: Place,
    /// Score of the chosen candidate (≥ [`THRESHOLD`]; about 4 for a bare
    /// well-known city, 6 and more with cues and context).
    pub confidence: f32,
    /// Why this place was chosen (cues, containment, context...).
    pub evidence: Vec<Evidence>,
}

/// Finds and geocodes the place mentions of a document, in text order.
///
/// Same as [`find_with`] without hint countries.
pub fn find(doc: &Document) -> Vec<PlaceMention> {
    find_with(doc, &[])
}

/// Finds and geocodes place mentions, with the article's countries known
/// from elsewhere.
///
/// `hint_countries` are ISO 3166-1 alpha-3 codes (e.g. the countries of the
/// actors the actor stage found: `&["UKR", "RUS"]`); homonyms in those
/// countries are preferred ("Tripoli" with `["LBN"]` is the Lebanese city).
/// Hints never create a mention by themselves. Never panics.
///
/// ```
/// let doc = vigie_text::analyze("Des combats ont eu lieu à Tripoli.", Some("fr"));
/// let libya = vigie_places::find_with(&doc, &[]);
/// assert_eq!(libya[0].place.country.as_deref(), Some("LBY"));
/// let lebanon = vigie_places::find_with(&doc, &["LBN"]);
/// assert_eq!(lebanon[0].place.country.as_deref(), Some("LBN"));
/// ```
pub fn find_with(doc: &Document, hint_countries: &[&str]) -> Vec<PlaceMention> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    geocode::geocode(&gazetteer::GAZETTEER, doc, hint_countries)
}

/// Forces the gazetteer to load (see the crate documentation); useful to
/// keep the first article from paying for it. Returns the number of places
/// and of distinct names.
pub fn preload() -> (usize, usize) {
    let g = &*gazetteer::GAZETTEER;
    (g.rows.len(), g.name_count())
}

/// Builds a fresh copy of the gazetteer and drops it; returns the number of
/// places. For the load-time benchmark only (the crate itself loads once).
#[doc(hidden)]
pub fn bench_load_fresh() -> usize {
    gazetteer::Gazetteer::fresh_len()
}

/// One line per place mention of `doc`: span, text, resolution, feature,
/// country, admin1, coordinates, GeoNames id, confidence and evidence; then
/// the article's focus place. For the `vigie places FILE` debugging command.
pub fn describe(doc: &Document) -> String {
    let places = find(doc);
    let mut out = String::new();
    for m in &places {
        let p = &m.place;
        let why: Vec<String> = m.evidence.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "{}..{}\ts{}\t{:?}\t-> {} [{}] {} / {} ({:.4}, {:.4}) gid={} conf={:.1}\twhy: {}",
            m.nstart,
            m.nend,
            m.sentence,
            p.text,
            p.name,
            feature_str(p.feature),
            p.country.as_deref().unwrap_or("-"),
            p.admin1.as_deref().unwrap_or("-"),
            p.lat,
            p.lon,
            p.geonames_id.map_or_else(|| "-".to_string(), |g| g.to_string()),
            m.confidence,
            why.join(", ")
        );
    }
    match focus(&places) {
        Some(f) => {
            let _ = writeln!(
                out,
                "focus: {} ({})",
                f.place.name,
                f.place.country.as_deref().unwrap_or("-")
            );
        }
        None => out.push_str("focus: -\n"),
    }
    out
}

fn feature_str(f: vigie_model::Feature) -> &'static str {
    use vigie_model::Feature as F;
    match f {
        F::Landmark => "landmark",
        F::Locality => "locality",
        F::City => "city",
        F::Admin2 => "admin2",
        F::Admin1 => "admin1",
        F::Region => "region",
        F::Country => "country",
    }
}
