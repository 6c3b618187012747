//! The event stage: from sentences and their mentions to event records.
//!
//! Entry point: [`code`] takes an analysed [`Document`] and its [`Mentions`]
//! (actors, places, times, numbers, found by the mention stages) and returns
//! the events of the article as in the output contract: PLOVER type, mode and
//! context, CAMEO code, ACLED type, source and target actors, date, location,
//! fatalities, attribution, modality, evidence and confidence.
//!
//! Trigger lexicons are `data/<lang>/triggers.tsv` and `verbs.tsv` (format in
//! `data/FORMAT.md`), compiled once per language ([`lexicon`]); the rules that
//! turn triggers and mentions into events are in [`code`](code::code);
//! fatality counts in [`fatalities`].

mod code;
pub mod fatalities;
pub mod inflect;
pub mod lexicon;
mod words;

use chrono::NaiveDate;
use vigie_actors::ActorMention;
use vigie_model::Event;
use vigie_numbers::NumberMention;
use vigie_places::PlaceMention;
use vigie_text::Document;
use vigie_times::TimeMention;

/// What the mention stages found in one document.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// Actors, with nationality adjectives marked (`adjective`).
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceMention>,
    pub times: Vec<TimeMention>,
    pub numbers: Vec<NumberMention>,
}

impl Mentions {
    /// Runs every mention stage on a document. Places are disambiguated with
    /// the countries of the actors.
    pub fn find(doc: &Document, published: Option<NaiveDate>) -> Mentions {
        let actors = vigie_actors::find_all(doc);
        let mut countries: Vec<&str> = actors.iter().filter_map(|a| a.actor.country.as_deref()).collect();
        countries.sort();
        countries.dedup();
        let places = vigie_places::find_with(doc, &countries);
        Mentions {
            places,
            times: vigie_times::find(doc, published),
            numbers: vigie_numbers::find(doc),
            actors,
        }
    }
}

/// Codes the events of a document from its mentions, in text order.
pub fn code(doc: &Document, mentions: &Mentions, published: Option<NaiveDate>) -> Vec<Event> {
    code::code(doc, mentions, published)
}
