//! Actor mentions: who acts (mention stage, after the text stage).
//!
//! Entry point: [`find`] takes an analysed [`Document`] and returns the actor
//! mentions in text order, each with its span and coding (canonical English
//! name, ISO 3166-1 alpha-3 country, CAMEO sector, role, IGO code). The event
//! stage picks sources and targets among them.
//!
//! Status: the lexicons and matchers arrive with issue #3 (actors); until
//! then [`find`] recognises nothing and the event stage gets no actors.

use vigie_model::Actor;
use vigie_text::Document;

/// An actor mention: where it is and how it is coded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMention {
    /// Byte span in the normalised text ([`Document::norm`]).
    pub nstart: usize,
    pub nend: usize,
    /// Index of the sentence holding the mention.
    pub sentence: usize,
    /// The coding, with `text` taken from the original article.
    pub actor: Actor,
}

/// Finds the actor mentions of a document, in text order.
pub fn find(doc: &Document) -> Vec<ActorMention> {
    let _ = doc;
    Vec::new()
}
