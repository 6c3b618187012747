//! English: time words, number words, tense cues and clause openers.
//!
//! Words are matched folded (lower case), see [`crate::lexicon::fold`].
//! Month names must be capitalised ("may" is a verb, "march" a noun), and
//! "May" and "March" count as months only in context.

use std::sync::LazyLock;

use chrono::Weekday;

use crate::clause::{Cue, Opener, Word};
use crate::lexicon::{compound, Lex, Part, Unit, WordTable, W};

/// The class of a folded English word. `cap`: it starts with a capital.
///
/// Asked of every word of a text: one probe of a [`WordTable`] of
/// [`WORDS`] and the simple number words rules most words out at once,
/// where a `match` compared them with the strings one by one. Compound
/// number words ("twenty-four") are parsed.
pub(crate) fn word(f: &str, cap: bool) -> Lex {
    static TABLE: LazyLock<WordTable> = LazyLock::new(|| WordTable::new(WORDS, NUMBERS));
    match TABLE.get(f) {
        // Month names must be capitalised ("may" is a verb).
        Some(Lex::Month { .. }) if !cap => Lex::Other,
        Some(l) => l,
        // Simple number words are in the table: only a compound is left.
        None if f.contains('-') => compound(f, number).map_or(Lex::Other, Lex::Count),
        None => Lex::Other,
    }
}

/// The English time words and keywords, folded, with their classes (a word's
/// first row counts). Month names are classed without their capital, see
/// [`word`].
const WORDS: &[(&str, Lex)] = &[
    (
        "january",
        Lex::Month {
            m: 1,
            abbr: false,
            amb: false,
        },
    ),
    (
        "jan",
        Lex::Month {
            m: 1,
            abbr: true,
            amb: false,
        },
    ),
    (
        "february",
        Lex::Month {
            m: 2,
            abbr: false,
            amb: false,
        },
    ),
    (
        "feb",
        Lex::Month {
            m: 2,
            abbr: true,
            amb: false,
        },
    ),
    (
        "march",
        Lex::Month {
            m: 3,
            abbr: false,
            amb: true,
        },
    ),
    (
        "mar",
        Lex::Month {
            m: 3,
            abbr: true,
            amb: false,
        },
    ),
    (
        "april",
        Lex::Month {
            m: 4,
            abbr: false,
            amb: false,
        },
    ),
    (
        "apr",
        Lex::Month {
            m: 4,
            abbr: true,
            amb: false,
        },
    ),
    (
        "may",
        Lex::Month {
            m: 5,
            abbr: false,
            amb: true,
        },
    ),
    (
        "june",
        Lex::Month {
            m: 6,
            abbr: false,
            amb: false,
        },
    ),
    (
        "jun",
        Lex::Month {
            m: 6,
            abbr: true,
            amb: false,
        },
    ),
    (
        "july",
        Lex::Month {
            m: 7,
            abbr: false,
            amb: false,
        },
    ),
    (
        "jul",
        Lex::Month {
            m: 7,
            abbr: true,
            amb: false,
        },
    ),
    (
        "august",
        Lex::Month {
            m: 8,
            abbr: false,
            amb: false,
        },
    ),
    (
        "aug",
        Lex::Month {
            m: 8,
            abbr: true,
            amb: false,
        },
    ),
    (
        "september",
        Lex::Month {
            m: 9,
            abbr: false,
            amb: false,
        },
    ),
    (
        "sep",
        Lex::Month {
            m: 9,
            abbr: true,
            amb: false,
        },
    ),
    (
        "sept",
        Lex::Month {
            m: 9,
            abbr: true,
            amb: false,
        },
    ),
    (
        "october",
        Lex::Month {
            m: 10,
            abbr: false,
            amb: false,
        },
    ),
    (
        "oct",
        Lex::Month {
            m: 10,
            abbr: true,
            amb: false,
        },
    ),
    (
        "november",
        Lex::Month {
            m: 11,
            abbr: false,
            amb: false,
        },
    ),
    (
        "nov",
        Lex::Month {
            m: 11,
            abbr: true,
            amb: false,
        },
    ),
    (
        "december",
        Lex::Month {
            m: 12,
            abbr: false,
            amb: false,
        },
    ),
    (
        "dec",
        Lex::Month {
            m: 12,
            abbr: true,
            amb: false,
        },
    ),
    ("monday", Lex::Weekday(Weekday::Mon)),
    ("tuesday", Lex::Weekday(Weekday::Tue)),
    ("wednesday", Lex::Weekday(Weekday::Wed)),
    ("thursday", Lex::Weekday(Weekday::Thu)),
    ("friday", Lex::Weekday(Weekday::Fri)),
    ("saturday", Lex::Weekday(Weekday::Sat)),
    ("sunday", Lex::Weekday(Weekday::Sun)),
    ("day", Lex::Unit(Unit::Day, false)),
    ("days", Lex::Unit(Unit::Day, true)),
    ("week", Lex::Unit(Unit::Week, false)),
    ("weeks", Lex::Unit(Unit::Week, true)),
    ("weekend", Lex::Unit(Unit::Weekend, false)),
    ("week-end", Lex::Unit(Unit::Weekend, false)),
    ("weekends", Lex::Unit(Unit::Weekend, true)),
    ("week-ends", Lex::Unit(Unit::Weekend, true)),
    ("month", Lex::Unit(Unit::Month, false)),
    ("months", Lex::Unit(Unit::Month, true)),
    ("year", Lex::Unit(Unit::Year, false)),
    ("years", Lex::Unit(Unit::Year, true)),
    ("hour", Lex::Unit(Unit::Hour, false)),
    ("hours", Lex::Unit(Unit::Hour, true)),
    ("first", Lex::Ord(1)),
    ("a", Lex::W(W::Un)),
    ("an", Lex::W(W::Un)),
    ("few", Lex::Few),
    ("several", Lex::Few),
    ("dozen", Lex::Approx(12)),
    ("couple", Lex::Approx(2)),
    ("the", Lex::W(W::Le)),
    ("this", Lex::W(W::Ce)),
    ("these", Lex::W(W::Ces)),
    ("of", Lex::W(W::De)),
    ("and", Lex::W(W::Et)),
    ("between", Lex::W(W::Entre)),
    ("from", Lex::W(W::From)),
    ("to", Lex::W(W::To)),
    ("until", Lex::W(W::To)),
    ("till", Lex::W(W::To)),
    ("through", Lex::W(W::To)),
    ("thru", Lex::W(W::To)),
    ("since", Lex::W(W::Depuis)),
    ("in", Lex::W(W::In)),
    ("over", Lex::W(W::Over)),
    ("during", Lex::W(W::Over)),
    ("on", Lex::W(W::On)),
    ("ago", Lex::W(W::Ago)),
    ("about", Lex::W(W::About)),
    ("nearly", Lex::W(W::About)),
    ("almost", Lex::W(W::About)),
    ("some", Lex::W(W::About)),
    ("around", Lex::W(W::About)),
    ("roughly", Lex::W(W::About)),
    ("more", Lex::W(W::About)),
    ("less", Lex::W(W::About)),
    ("just", Lex::W(W::About)),
    ("than", Lex::W(W::Than)),
    ("before", Lex::W(W::YearPrep)),
    ("after", Lex::W(W::YearPrep)),
    ("by", Lex::W(W::YearPrep)),
    ("yesterday", Lex::W(W::Hier)),
    ("today", Lex::W(W::Aujourdhui)),
    ("tomorrow", Lex::W(W::Demain)),
    ("tonight", Lex::W(W::Tonight)),
    ("overnight", Lex::W(W::Overnight)),
    ("morning", Lex::W(W::Matin)),
    ("afternoon", Lex::W(W::ApresMidi)),
    ("evening", Lex::W(W::Soir)),
    ("night", Lex::W(W::Nuit)),
    ("last", Lex::W(W::Dernier)),
    ("past", Lex::W(W::Past)),
    ("next", Lex::W(W::Prochain)),
    ("coming", Lex::W(W::Prochain)),
    ("upcoming", Lex::W(W::Prochain)),
    ("recent", Lex::W(W::Recent)),
    ("early", Lex::Part(Part::Early)),
    ("beginning", Lex::Part(Part::Early)),
    ("start", Lex::Part(Part::Early)),
    ("mid", Lex::Part(Part::Mid)),
    ("middle", Lex::Part(Part::Mid)),
    ("late", Lex::Part(Part::Late)),
    ("end", Lex::Part(Part::Late)),
    ("earlier", Lex::Part(Part::Earlier)),
    ("later", Lex::Part(Part::Later)),
];

/// The value of a simple English number word ("three" → 3).
pub(crate) fn number(f: &str) -> Option<u32> {
    NUMBERS.iter().find(|(w, _)| *w == f).map(|&(_, v)| v)
}

/// The simple English number words and their values.
const NUMBERS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("hundred", 100),
];

/// Articles, pronouns, prepositions, conjunctions and auxiliaries (folded).
pub(crate) fn function_word(f: &str) -> bool {
    matches!(
        f,
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "but"
            | "in"
            | "on"
            | "at"
            | "of"
            | "for"
            | "to"
            | "by"
            | "with"
            | "from"
            | "as"
            | "when"
            | "while"
            | "after"
            | "before"
            | "during"
            | "since"
            | "until"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "his"
            | "her"
            | "its"
            | "their"
            | "this"
            | "that"
            | "these"
            | "those"
            | "there"
            | "which"
            | "who"
            | "was"
            | "were"
            | "had"
            | "has"
            | "have"
            | "is"
            | "are"
            | "been"
            | "be"
            | "will"
            | "said"
    )
}

/// The clause role of a lower-cased English word.
pub(crate) fn opener(l: &str) -> Option<Opener> {
    Some(match l {
        "who" | "whom" | "whose" | "which" | "where" => Opener::Relative,
        "that" | "when" | "while" | "whereas" | "although" | "though" | "because" | "if" | "unless" => {
            Opener::Subordinate
        }
        "but" => Opener::Coordinate { strong: true },
        "and" | "or" | "so" | "yet" => Opener::Coordinate { strong: false },
        _ => return None,
    })
}

/// Verbs that, after "to", announce a scheduled event ("agreed to meet").
const SCHEDULED: &[&str] = &[
    "hold", "meet", "visit", "vote", "travel", "host", "attend", "sign", "begin", "start", "resume", "open",
    "launch", "take", "hold", "convene", "announce",
];

/// The tense cue of word `k` of a sentence.
///
/// Future: "will", "shall", "'ll", "won't", "is due/expected/set/scheduled
/// to", "plans to", "is going to", "to hold/meet/visit...", "next",
/// "upcoming". Past: "was", "were", "had", "did", "has", "have", "said",
/// "told", "ago".
pub(crate) fn cue(words: &[Word], k: usize) -> Cue {
    let at = |i: usize| words.get(i).map(|w| w.text);
    let next_is = |w: &str| at(k + 1) == Some(w);
    match words[k].text {
        "will" | "shall" => Cue::Future,
        "next" | "upcoming" | "coming" => Cue::WeakFuture,
        "ll" if k > 0 && at(k - 1) == Some("'") => Cue::Future,
        "won" if next_is("'") && at(k + 2) == Some("t") => Cue::Future,
        "due" | "expected" | "set" | "scheduled" | "slated" | "poised" | "plans" | "plan" | "planning"
        | "intends" | "aims" | "going"
            if next_is("to") =>
        {
            Cue::Future
        }
        "to" if at(k + 1).is_some_and(|w| SCHEDULED.contains(&w)) => Cue::Future,
        "was" | "were" | "had" | "did" | "has" | "have" | "said" | "told" | "ago" => Cue::Past,
        _ => Cue::None,
    }
}
