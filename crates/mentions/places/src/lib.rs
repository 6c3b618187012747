//! Place mentions and geocoding (mention stage, after the text stage).
//!
//! Entry point: [`find`] takes an analysed [`Document`] and returns the place
//! mentions in text order, each resolved against the bundled gazetteer to a
//! [`Place`] (name, country, admin1, coordinates, feature, GeoNames id). The
//! event stage asks for the place of each trigger among them.
//!
//! Status: the gazetteer and geocoder arrive with issue #4 (places); until
//! then [`find`] recognises nothing and events have no `location`.

use vigie_model::Place;
use vigie_text::Document;

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
}

/// Finds and geocodes the place mentions of a document, in text order.
pub fn find(doc: &Document) -> Vec<PlaceMention> {
    let _ = doc;
    Vec::new()
}
