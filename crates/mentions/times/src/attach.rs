//! Attachment: which time expression dates an event.
//!
//! News sentences put the time of an event in its clause, usually after
//! the verb in French and English ("ont été tués dimanche", "were killed on
//! Sunday"), or fronted ("Dimanche, des combats ont éclaté"). So an event
//! takes, in order:
//!
//! 1. the nearest expression after its trigger in the trigger's clause,
//!    else the nearest before it in that clause;
//! 2. else the nearest expression of the sentence, leaving out "since"
//!    expressions of other clauses (they date states: "les rebelles, qui
//!    contrôlent la ville depuis 2012, ont attaqué") and expressions of
//!    another tense (in "a annoncé qu'il se rendra lundi à Paris", the
//!    announcement is not on Monday);
//! 3. else the publication date (`text: None`, precision day), or an
//!    unknown date when there is no publication date.

use std::ops::Range;

use chrono::{Months, NaiveDate};
use vigie_model::{EventDate, Precision};
use vigie_text::Document;

use crate::{TimeKind, TimeMention};

/// The date of an event whose trigger spans `trigger` (a byte span of the
/// normalised text, [`Document::norm`]) in sentence `sentence`, from the
/// document's time expressions `times` (as returned by [`crate::find`] for
/// the same `doc` and `published`).
///
/// Returns the governing expression's date (its `text` the original
/// words), else the publication date with `text: None` and precision day,
/// else (no publication date) an unknown date. Never panics, whatever the
/// indices.
pub fn attach(
    times: &[TimeMention],
    sentence: usize,
    trigger: Range<usize>,
    doc: &Document,
    published: Option<NaiveDate>,
) -> EventDate {
    let fallback = || EventDate {
        text: None,
        start: published,
        end: published,
        precision: if published.is_some() {
            Precision::Day
        } else {
            Precision::Unknown
        },
    };
    // `times` is in text order: the sentence's expressions are contiguous.
    let from = times.partition_point(|t| t.sentence < sentence);
    let to = times.partition_point(|t| t.sentence <= sentence);
    let here = &times[from..to.max(from)];
    let Some(first) = here.first() else {
        return fallback();
    };
    if sentence >= doc.sentences.len() {
        return fallback();
    }
    let s = &doc.sentences[sentence];
    let lo = s.first_token;
    let hi = (lo + s.token_count).min(doc.tokens.len());
    // The trigger's first token (the sentence's last if the span is off).
    let tok = (lo..hi)
        .find(|&k| doc.tokens[k].nend > trigger.start)
        .unwrap_or(hi.saturating_sub(1).max(lo));
    // The sentence was cut into clauses when its expressions were found:
    // they carry the table.
    let clauses = &first.clauses;
    let clause = clauses.clause(tok);

    let before = |t: &TimeMention| t.nend <= trigger.start;
    let same = || here.iter().filter(|t| clauses.clause(t.tokens.start) == clause);
    // Nearest after, else nearest before; an expression around the trigger
    // counts as after.
    let pick = same()
        .filter(|t| !before(t))
        .min_by_key(|t| t.nstart)
        .or_else(|| same().filter(|t| before(t)).max_by_key(|t| t.nend));
    if let Some(t) = pick {
        return t.date.clone();
    }

    let tense = clauses.tense(tok, tok + 1);
    let distance = |t: &TimeMention| {
        if t.nstart >= trigger.end {
            t.nstart - trigger.end
        } else {
            trigger.start.saturating_sub(t.nend)
        }
    };
    here.iter()
        .filter(|t| t.kind != TimeKind::Since && (t.tense == tense || !t.relative))
        .min_by_key(|t| distance(t))
        .map(|t| t.date.clone())
        .unwrap_or_else(fallback)
}

/// [`attach`] for the events of one document.
pub struct Attacher<'d, 'a> {
    times: &'d [TimeMention],
    doc: &'d Document<'a>,
    published: Option<NaiveDate>,
}

impl<'d, 'a> Attacher<'d, 'a> {
    /// Dates the events of `doc` from its time expressions `times` (as
    /// returned by [`crate::find`] for the same `doc` and `published`).
    pub fn new(times: &'d [TimeMention], doc: &'d Document<'a>, published: Option<NaiveDate>) -> Self {
        Attacher {
            times,
            doc,
            published,
        }
    }

    /// The date of an event whose trigger spans `trigger` in sentence
    /// `sentence`: the same as [`attach`].
    pub fn attach(&self, sentence: usize, trigger: Range<usize>) -> EventDate {
        attach(self.times, sentence, trigger, self.doc, self.published)
    }
}

/// Whether an event is history rather than news: its date ends (or, open
/// ended, starts) more than a year before publication. False when either
/// date is unknown.
pub fn is_historical(date: &EventDate, published: Option<NaiveDate>) -> bool {
    let (Some(last), Some(p)) = (date.end.or(date.start), published) else {
        return false;
    };
    p.checked_sub_months(Months::new(12))
        .is_some_and(|limit| last < limit)
}
