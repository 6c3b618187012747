//! Event location: which place mention an event trigger happened at.

use std::cell::{OnceCell, RefCell};
use std::ops::Range;

use vigie_model::{Feature, Place};
use vigie_text::{Document, TokenKind};

use crate::geocode::Evidence;
use crate::lexicon as lx;
use crate::PlaceMention;

/// How the place of an event was found, from the most to the least direct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LocPrecision {
    /// A place in the same clause as the trigger.
    Clause,
    /// A place elsewhere in the trigger's sentence.
    Sentence,
    /// No place in the sentence: the article's focus place (dateline or most
    /// mentioned place). A weaker guess.
    Article,
}

impl LocPrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            LocPrecision::Clause => "clause",
            LocPrecision::Sentence => "sentence",
            LocPrecision::Article => "article",
        }
    }
}

/// Precision rank of a feature: lower is finer.
fn rank(f: Feature) -> u8 {
    match f {
        Feature::Landmark => 0,
        Feature::Locality | Feature::City => 1,
        Feature::Admin2 => 2,
        Feature::Admin1 | Feature::Region => 3,
        Feature::Country => 4,
    }
}

/// Index of the token holding normalised byte `off` (or the next one).
fn token_at(doc: &Document, off: usize) -> usize {
    doc.tokens.partition_point(|t| t.nend <= off)
}

/// Clause number of each token of sentence `s` (relative to its first token):
/// a new clause starts at `;`, `:`, brackets, dashes, and at subordinating
/// words ("que", "that", "where", "while"...).
fn clauses(doc: &Document, s: usize) -> (usize, Vec<usize>) {
    let Some(st) = doc.sentences.get(s) else {
        return (0, Vec::new());
    };
    let first = st.first_token.min(doc.tokens.len());
    let end = (st.first_token + st.token_count).min(doc.tokens.len());
    let mut ids = Vec::with_capacity(end - first);
    let mut id = 0;
    for t in &doc.tokens[first..end] {
        let w = doc.norm.text.get(t.nstart..t.nend).unwrap_or("");
        let boundary = match t.kind {
            TokenKind::Punct => matches!(w, ";" | ":" | "(" | ")" | "—" | "\""),
            // Most words are in lower case already: `lower` borrows them.
            TokenKind::Word => lx::CLAUSE_OPENERS.contains_lower(w),
            TokenKind::Number => false,
        };
        if boundary {
            id += 1;
        }
        ids.push(id);
    }
    (first, ids)
}

/// The article's focus place: the dateline place if any, else the most
/// mentioned place below the country level (the first on a tie), else the
/// most mentioned country.
pub fn focus(places: &[PlaceMention]) -> Option<&PlaceMention> {
    focus_index(places).and_then(|i| places.get(i))
}

/// The index in `places` of their [`focus`].
fn focus_index(places: &[PlaceMention]) -> Option<usize> {
    if let Some(d) = places
        .iter()
        .position(|m| m.evidence.contains(&Evidence::Dateline))
    {
        return Some(d);
    }
    let pick = |countries: bool| {
        let mut best: Option<(usize, usize)> = None;
        for (i, m) in places.iter().enumerate() {
            if (m.place.feature == Feature::Country) != countries {
                continue;
            }
            let same = |o: &PlaceMention| o.place.name == m.place.name && o.place.country == m.place.country;
            if places[..i].iter().any(same) {
                continue; // counted at its first mention
            }
            let n = places.iter().filter(|o| same(o)).count();
            if best.is_none_or(|(_, bn)| n > bn) {
                best = Some((i, n));
            }
        }
        best.map(|(m, _)| m)
    };
    pick(false).or_else(|| pick(true))
}

/// The place of an event whose trigger is at normalised bytes `trigger` of
/// sentence `sentence`.
///
/// Looks, in order: in the trigger's clause, in its sentence, then at the
/// article's [`focus`] (marked [`LocPrecision::Article`]). Within a clause or
/// sentence the finest place wins ("strikes on Kharkiv, in Ukraine" →
/// Kharkiv), then the nearest to the trigger. `places` are the mentions of
/// [`crate::find`] for the same document.
pub fn locate(
    places: &[PlaceMention],
    sentence: usize,
    trigger: Range<usize>,
    doc: &Document,
) -> Option<(Place, LocPrecision)> {
    locate_with(places, sentence, trigger, doc, &mut None, || focus(places))
}

/// The clause ids of one sentence: its first token and each token's clause.
type SentenceClauses = (usize, Vec<usize>);

/// [`locate`] for the events of one document: the article's [`focus`] is
/// found once (it compares every pair of places), and the clauses of the
/// last sentence asked are kept for the next event of that sentence.
pub struct Locator<'d, 'a> {
    places: &'d [PlaceMention],
    doc: &'d Document<'a>,
    /// The index of the article's focus in `places` (an index, not a
    /// reference, so that the locator stays covariant in `'d`).
    focus: OnceCell<Option<usize>>,
    /// The last sentence asked and its clauses.
    last: RefCell<Option<(usize, SentenceClauses)>>,
}

impl<'d, 'a> Locator<'d, 'a> {
    /// Places the events of `doc` among its place mentions `places` (those
    /// of [`crate::find`] for the same document).
    pub fn new(places: &'d [PlaceMention], doc: &'d Document<'a>) -> Self {
        Locator {
            places,
            doc,
            focus: OnceCell::new(),
            last: RefCell::new(None),
        }
    }

    /// The place of an event whose trigger is at normalised bytes `trigger`
    /// of sentence `sentence`: the same as [`locate`].
    pub fn locate(&self, sentence: usize, trigger: Range<usize>) -> Option<(Place, LocPrecision)> {
        locate_with(
            self.places,
            sentence,
            trigger,
            self.doc,
            &mut self.last.borrow_mut(),
            || {
                let i = *self.focus.get_or_init(|| focus_index(self.places));
                i.and_then(|i| self.places.get(i))
            },
        )
    }
}

/// [`locate`], with the clauses of sentence `sentence` taken from `last`
/// when they are that sentence's (else cut and left there), and the
/// article's focus from `focus_of`.
fn locate_with<'p>(
    places: &'p [PlaceMention],
    sentence: usize,
    trigger: Range<usize>,
    doc: &Document,
    last: &mut Option<(usize, SentenceClauses)>,
    focus_of: impl FnOnce() -> Option<&'p PlaceMention>,
) -> Option<(Place, LocPrecision)> {
    let in_sentence = || places.iter().filter(|m| m.sentence == sentence);
    if in_sentence().next().is_some() {
        if last.as_ref().is_none_or(|(s, _)| *s != sentence) {
            *last = Some((sentence, clauses(doc, sentence)));
        }
        let (first, ids) = match last.as_ref() {
            Some((_, (first, ids))) => (*first, ids.as_slice()),
            None => (0, &[][..]),
        };
        let clause_of = |off: usize| {
            let t = token_at(doc, off);
            ids.get(t.saturating_sub(first))
                .copied()
                .or_else(|| ids.last().copied())
                .unwrap_or(0)
        };
        let tc = clause_of(trigger.start);
        let distance = |m: &PlaceMention| {
            if m.nend <= trigger.start {
                trigger.start - m.nend
            } else {
                m.nstart.saturating_sub(trigger.end)
            }
        };
        // The first of the finest and nearest places.
        let choose = |set: &mut dyn Iterator<Item = &PlaceMention>| -> Option<Place> {
            set.min_by_key(|m| (rank(m.place.feature), distance(m)))
                .map(|m| m.place.clone())
        };
        if let Some(p) = choose(&mut in_sentence().filter(|m| clause_of(m.nstart) == tc)) {
            return Some((p, LocPrecision::Clause));
        }
        if let Some(p) = choose(&mut in_sentence()) {
            return Some((p, LocPrecision::Sentence));
        }
    }
    focus_of().map(|m| (m.place.clone(), LocPrecision::Article))
}
