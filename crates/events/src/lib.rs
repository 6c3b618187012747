//! The event stage: from sentences and their mentions to event records.
//!
//! Entry point: [`code`] takes an analysed [`Document`] and its [`Mentions`]
//! (actors, places, times, numbers, found by the mention stages) and returns
//! the events of the article as in the output contract: PLOVER type, mode and
//! context, CAMEO code, ACLED type, source and target actors, date, location,
//! fatalities, attribution, modality, evidence and confidence.
//!
//! Status: the trigger lexicons and argument rules arrive with issue #6
//! (event coding); until then [`code`] codes nothing.

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
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceMention>,
    pub times: Vec<TimeMention>,
    pub numbers: Vec<NumberMention>,
}

impl Mentions {
    /// Runs every mention stage on a document.
    pub fn find(doc: &Document, published: Option<NaiveDate>) -> Mentions {
        Mentions {
            actors: vigie_actors::find(doc),
            places: vigie_places::find(doc),
            times: vigie_times::find(doc, published),
            numbers: vigie_numbers::find(doc),
        }
    }
}

/// Codes the events of a document from its mentions, in text order.
pub fn code(doc: &Document, mentions: &Mentions, published: Option<NaiveDate>) -> Vec<Event> {
    let _ = (doc, mentions, published);
    Vec::new()
}
