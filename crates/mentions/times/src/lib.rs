//! Time expressions (mention stage, after the text stage).
//!
//! Entry point: [`find`] takes an analysed [`Document`] and the publication
//! date and returns the time expressions in text order, each resolved to an
//! [`EventDate`] (a calendar range with its precision) when the publication
//! date allows. The event stage attaches to each event the expression that
//! governs its clause.
//!
//! Status: the French and English grammars arrive with issue #5 (time); until
//! then [`find`] recognises nothing and events are dated by the publication
//! date.

use chrono::NaiveDate;
use vigie_model::EventDate;
use vigie_text::Document;

/// A time expression: where it is and the range it denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// Byte span in the normalised text ([`Document::norm`]).
    pub nstart: usize,
    pub nend: usize,
    /// Index of the sentence holding the expression.
    pub sentence: usize,
    /// The resolved range, with `text` taken from the original article.
    pub date: EventDate,
}

/// Finds the time expressions of a document, resolved against `published`.
pub fn find(doc: &Document, published: Option<NaiveDate>) -> Vec<TimeMention> {
    let _ = (doc, published);
    Vec::new()
}
