//! Actor mentions: who acts (mention stage, after the text stage).
//!
//! Entry point: [`find`] takes an analysed [`Document`] and returns the actor
//! mentions in text order, each with its span and its coding: canonical
//! English name, ISO 3166-1 alpha-3 country, CAMEO sector, role, IGO code.
//! The event stage picks sources and targets among them.
//!
//! The lexicons are the files under `data/<lang>/` (format in
//! `data/FORMAT.md`), compiled once per language into a form matcher
//! ([`lexicon`]); [`recognize`](recognize::recognize) turns matches into
//! phrases, persons and coreferent mentions. Languages without lexicons get
//! no actors.

pub mod lexicon;
mod names;
pub mod recognize;

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
    /// A nationality adjective describing a thing ("frappes russes",
    /// "Russian gas"): not an actor, but the event stage may take its country
    /// as the source of a nominal trigger. Only [`find_all`] returns these.
    pub adjective: bool,
}

/// Finds the actor mentions of a document, in text order.
///
/// ```
/// let doc = vigie_text::analyze("Les forces soudanaises ont repris la ville.", Some("fr"));
/// let actors = vigie_actors::find(&doc);
/// assert_eq!(actors[0].actor.country.as_deref(), Some("SDN"));
/// assert_eq!(actors[0].actor.sector.as_deref(), Some("MIL"));
/// ```
pub fn find(doc: &Document) -> Vec<ActorMention> {
    let mut all = find_all(doc);
    all.retain(|m| !m.adjective);
    all
}

/// Like [`find`], with nationality adjectives as well (marked `adjective`).
pub fn find_all(doc: &Document) -> Vec<ActorMention> {
    match lexicon::lexicon(&doc.lang) {
        Some(lex) => recognize::recognize(doc, lex),
        None => Vec::new(),
    }
}

/// An actor the text implies without naming it, coded the way ACLED names
/// such actors: `sector` (e.g. "UAF") of the country `iso3`, as in
/// "Unidentified Armed Group (Iraq)" for the unnamed author of a bombing in
/// Iraq. `text` is the words that name it, empty when none do. `None` for
/// an unknown country code.
pub fn implied(sector: &'static str, iso3: &str, text: &str) -> Option<Actor> {
    let lex = lexicon::lexicon("en")?;
    let (code, country) = lex.country(iso3)?;
    Some(Actor {
        text: text.to_string(),
        name: names::shared_sector_name(sector, None, Some(country)).into(),
        country: Some(code.into()),
        sector: Some(sector.into()),
        role: None,
        igo: None,
    })
}

/// Builds the lexicons now rather than on first use (for servers and benchmarks).
pub fn warm_up() {
    for lang in vigie_text::SUPPORTED_LANGS {
        let _ = lexicon::lexicon(lang);
    }
}

/// Sectors whose members act at home: an actor of one of them that no word
/// gives a country ("the opposition", "police", "President Dos Santos")
/// belongs to the country where the event takes place.
pub const DOMESTIC_SECTORS: &[&str] = &[
    "GOV", "OPP", "CVL", "JUD", "LEG", "COP", "LAB", "EDU", "MED", "BUS", "PTY", "AGR",
];

/// `actor` placed in country `iso3`: its country set and, when its name was
/// generated from its sector or title ("Police Forces"), the name made again
/// with the country ("Police Forces of Kenya"). Names of persons and groups
/// are kept. `None` when the actor has a country already, is not of a
/// [`DOMESTIC_SECTORS`] sector, or the code is unknown.
pub fn placed_in(actor: &Actor, iso3: &str) -> Option<Actor> {
    if actor.country.is_some() || actor.igo.is_some() {
        return None;
    }
    let sector = DOMESTIC_SECTORS
        .iter()
        .copied()
        .find(|s| actor.sector.as_deref() == Some(*s))?;
    let lex = lexicon::lexicon("en")?;
    let (code, country) = lex.country(iso3)?;
    let role = actor.role.as_deref();
    let generated_sector = actor.name == names::sector_name(sector, role, None);
    let generated_title = role.is_some_and(|r| actor.name == names::title_name(r, None, None));
    let name: std::borrow::Cow<'static, str> = if generated_sector {
        names::sector_name(sector, role, Some(country)).into()
    } else if generated_title {
        names::title_name(role.unwrap_or_default(), Some(country), None).into()
    } else {
        actor.name.clone()
    };
    Some(Actor {
        name,
        country: Some(code.into()),
        ..actor.clone()
    })
}
