//! Time expressions (mention stage, after the text stage).
//!
//! [`find`] reads the time expressions of an analysed [`Document`] in French
//! and English and resolves each to an [`EventDate`]: an inclusive calendar
//! range with its precision, anchored on the publication date. [`attach`]
//! then gives an event the expression that governs its clause, and
//! [`is_historical`] tells events long past from news.
//!
//! What is read:
//!
//! - absolute dates in each language's conventions: "5 avril 2016", "le 5
//!   avril", "1er mai", "April 5, 2016", "5 April", "the 5th of April",
//!   "lundi 5 avril", "05/04/2016" (day first in French, month first in
//!   English), "2016-04-05", "05.04.2016";
//! - months, years and decades: "en avril", "avril 2016", "in 2014", "les
//!   années 1990", "the 1990s";
//! - ranges: "entre 1975 et 1990", "1975-1990", "de 1991 à 1994", "du 2 au 5
//!   avril", "les 5 et 6 avril", "April 2-5", "from Friday to Sunday",
//!   "between March and May", "dans la nuit de vendredi à samedi";
//! - relative days: "hier", "avant-hier", "aujourd'hui", "demain",
//!   "après-demain", "ce matin", "hier soir", "cette nuit", "yesterday",
//!   "today", "tonight", "last night", "overnight", "earlier today";
//! - weekdays with parts of day and markers: "lundi soir", "dimanche
//!   dernier", "jeudi prochain", "ce lundi", "Sunday morning", "last
//!   Monday", "late Sunday";
//! - durations: "il y a trois jours", "two weeks ago", "a few days ago",
//!   "dans deux semaines", "in three days" (future tense only);
//! - spans up to publication: "depuis vendredi", "since 2014", "depuis le
//!   début du mois", "depuis trois jours", "ces derniers jours", "the past
//!   week", "in recent weeks"; and from it: "les prochains jours", "the
//!   coming weeks";
//! - calendar units and parts: "la semaine dernière", "le mois prochain",
//!   "l'an dernier", "cette année", "ce week-end", "last week", "this
//!   month", "mi-avril", "fin mars", "début 2024", "en fin de semaine",
//!   "early this year", "late last month", "earlier this month".
//!
//! Anchoring (the `resolve` module has the details):
//!
//! - the tense of the expression's clause ([`Tense`]) picks the direction:
//!   a bare weekday, or a date or month without year, is the latest one on
//!   or before publication in the past tense ("le 28 décembre" in an
//!   article of 3 January is last year's; "lundi" in a Monday's article is
//!   that day), the earliest on or after it in the future tense;
//! - "dernier"/"last" means strictly before publication ("lundi dernier" in
//!   a Monday's article is a week before), "prochain"/"next" strictly after;
//! - "la nuit de vendredi à samedi" is the two days, precision day;
//!   "overnight" and "cette nuit" (past) are the night before publication
//!   (publication-1..publication); "last night", "hier soir" the day before;
//! - "depuis X"/"since X" runs from the start of X to publication, with X's
//!   precision ("depuis 2012": 2012-01-01..publication, year);
//! - parts are thirds: "début avril" is 1–10 April, "fin 2023"
//!   September–December, "en fin de semaine" Friday–Sunday; a part keeps
//!   its whole's precision;
//! - "il y a deux semaines" is the calendar week holding the day 14 days
//!   back, "il y a deux mois" that month; "quelques" ("a few") widens to
//!   2–6 units (2–7 days) and one step coarser precision;
//! - without a publication date, relative expressions keep their text and
//!   precision but have no dates; absolute ones still resolve.
//!
//! Clauses (for tense and for [`attach`]) are cut at `;`, `:`, brackets,
//! relative pronouns (closed again by the next comma), subordinators
//! ("que", "that", "when") and conjunctions after a comma.

mod attach;
mod clause;
mod en;
mod fr;
mod grammar;
mod lexicon;
mod resolve;

use std::sync::Arc;

use chrono::NaiveDate;
use vigie_model::EventDate;
use vigie_text::Document;

pub use attach::{attach, is_historical, Attacher};

/// The tense that anchors a relative expression, read from its clause.
///
/// Future when the clause has a future cue (French "va/doit/devra +
/// infinitive", future endings "-ra/-ront", the conditional before an
/// infinitive, "prochain", "à venir"; English "will", "is due/expected/set
/// to", "plans to", "to hold", "next"); past otherwise, the default of news
/// writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    Past,
    Future,
}

/// The shape of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeKind {
    /// One day, week, month or year, or a vague span ("ces derniers jours").
    Point,
    /// An explicit range: "entre 1975 et 1990", "du 2 au 5 avril".
    Range,
    /// From a point to publication: "depuis vendredi", "since 2014".
    Since,
}

/// A time expression: where it is and the range it denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// Byte span in the normalised text ([`Document::norm`]).
    pub nstart: usize,
    pub nend: usize,
    /// Index of the sentence holding the expression.
    pub sentence: usize,
    /// Indices of its tokens in [`Document::tokens`].
    pub tokens: std::ops::Range<usize>,
    pub kind: TimeKind,
    /// The tense of its clause, which anchored it when relative.
    pub tense: Tense,
    /// Whether the dates depend on the publication date ("hier", "le 5
    /// avril" without a year). Relative expressions have no dates when the
    /// publication date is unknown.
    pub relative: bool,
    /// The resolved range, with `text` taken from the original article.
    /// `start` and `end` are both `None` when unresolved; a "since"
    /// expression without publication date has a `start` and no `end`.
    pub date: EventDate,
    /// The clauses of its sentence, shared by the expressions of the
    /// sentence: [`attach`] reads them instead of cutting the sentence again.
    clauses: Arc<clause::Clauses>,
}

impl TimeMention {
    /// Whether the expression has dates.
    pub fn resolved(&self) -> bool {
        self.date.start.is_some()
    }
}

/// Finds the time expressions of a document, in text order, resolved
/// against `published`.
///
/// French and English conventions follow the document's language; other
/// languages get both word lists (French first) and day-first numeric
/// dates. Never panics.
pub fn find(doc: &Document, published: Option<NaiveDate>) -> Vec<TimeMention> {
    let lang = lexicon::Lang::of(&doc.lang);
    let lex = lexicon::classify(doc, lang);
    let mut out = Vec::new();
    let mut found = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        found.clear();
        let lo = s.first_token.min(doc.tokens.len());
        let hi = (s.first_token + s.token_count).min(doc.tokens.len());
        let scanner = grammar::Scanner {
            lex: &lex,
            doc,
            lang,
            lo,
            hi,
        };
        scanner.scan(&mut found);
        if found.is_empty() {
            continue;
        }
        // Clauses are only cut in sentences that have expressions.
        let clauses = Arc::new(clause::Clauses::new(doc, lang, si));
        for f in &found {
            let tense = clauses.tense(f.first, f.end);
            // English "in three days" is a date only in the future.
            if let grammar::Atom::Ahead { weak: true, .. } = f.expr.from.atom {
                if tense != Tense::Future {
                    continue;
                }
            }
            let r = resolve::resolve(&f.expr, published, tense);
            if let (Some(a), Some(b)) = (r.start, r.end) {
                if a > b {
                    // "de 2000 à 1500": not a range of time.
                    continue;
                }
            }
            let nstart = doc.tokens[f.first].nstart;
            let nend = doc.tokens[f.end - 1].nend;
            let kind = if f.expr.since {
                TimeKind::Since
            } else if f.expr.to.is_some() {
                TimeKind::Range
            } else {
                TimeKind::Point
            };
            out.push(TimeMention {
                nstart,
                nend,
                sentence: si,
                tokens: f.first..f.end,
                kind,
                tense,
                relative: r.relative,
                date: EventDate {
                    text: Some(doc.original_text(nstart, nend).to_string()),
                    start: r.start,
                    end: r.end,
                    precision: r.precision,
                },
                clauses: Arc::clone(&clauses),
            });
        }
    }
    out
}
