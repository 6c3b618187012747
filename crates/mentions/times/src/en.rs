//! English: time words, number words, tense cues and clause openers.
//!
//! Words are matched folded (lower case), see [`crate::lexicon::fold`].
//! Month names must be capitalised ("may" is a verb, "march" a noun), and
//! "May" and "March" count as months only in context.

use chrono::Weekday;

use crate::clause::{Cue, Opener, Word};
use crate::lexicon::{compound, Lex, Part, Unit, W};

/// The class of a folded English word. `cap`: it starts with a capital.
pub(crate) fn word(f: &str, cap: bool) -> Lex {
    let month = |m, abbr, amb| {
        if cap {
            Lex::Month { m, abbr, amb }
        } else {
            Lex::Other
        }
    };
    match f {
        "january" => month(1, false, false),
        "jan" => month(1, true, false),
        "february" => month(2, false, false),
        "feb" => month(2, true, false),
        "march" => month(3, false, true),
        "mar" => month(3, true, false),
        "april" => month(4, false, false),
        "apr" => month(4, true, false),
        "may" => month(5, false, true),
        "june" => month(6, false, false),
        "jun" => month(6, true, false),
        "july" => month(7, false, false),
        "jul" => month(7, true, false),
        "august" => month(8, false, false),
        "aug" => month(8, true, false),
        "september" => month(9, false, false),
        "sep" | "sept" => month(9, true, false),
        "october" => month(10, false, false),
        "oct" => month(10, true, false),
        "november" => month(11, false, false),
        "nov" => month(11, true, false),
        "december" => month(12, false, false),
        "dec" => month(12, true, false),

        "monday" => Lex::Weekday(Weekday::Mon),
        "tuesday" => Lex::Weekday(Weekday::Tue),
        "wednesday" => Lex::Weekday(Weekday::Wed),
        "thursday" => Lex::Weekday(Weekday::Thu),
        "friday" => Lex::Weekday(Weekday::Fri),
        "saturday" => Lex::Weekday(Weekday::Sat),
        "sunday" => Lex::Weekday(Weekday::Sun),

        "day" => Lex::Unit(Unit::Day, false),
        "days" => Lex::Unit(Unit::Day, true),
        "week" => Lex::Unit(Unit::Week, false),
        "weeks" => Lex::Unit(Unit::Week, true),
        "weekend" | "week-end" => Lex::Unit(Unit::Weekend, false),
        "weekends" | "week-ends" => Lex::Unit(Unit::Weekend, true),
        "month" => Lex::Unit(Unit::Month, false),
        "months" => Lex::Unit(Unit::Month, true),
        "year" => Lex::Unit(Unit::Year, false),
        "years" => Lex::Unit(Unit::Year, true),
        "hour" => Lex::Unit(Unit::Hour, false),
        "hours" => Lex::Unit(Unit::Hour, true),

        "first" => Lex::Ord(1),
        "a" | "an" => Lex::W(W::Un),
        "few" | "several" => Lex::Few,
        "dozen" => Lex::Approx(12),
        "couple" => Lex::Approx(2),

        "the" => Lex::W(W::Le),
        "this" => Lex::W(W::Ce),
        "these" => Lex::W(W::Ces),
        "of" => Lex::W(W::De),
        "and" => Lex::W(W::Et),
        "between" => Lex::W(W::Entre),
        "from" => Lex::W(W::From),
        "to" | "until" | "till" | "through" | "thru" => Lex::W(W::To),
        "since" => Lex::W(W::Depuis),
        "in" => Lex::W(W::In),
        "over" | "during" => Lex::W(W::Over),
        "on" => Lex::W(W::On),
        "ago" => Lex::W(W::Ago),
        "about" | "nearly" | "almost" | "some" | "around" | "roughly" | "more" | "less" | "just" => {
            Lex::W(W::About)
        }
        "than" => Lex::W(W::Than),
        "before" | "after" | "by" => Lex::W(W::YearPrep),

        "yesterday" => Lex::W(W::Hier),
        "today" => Lex::W(W::Aujourdhui),
        "tomorrow" => Lex::W(W::Demain),
        "tonight" => Lex::W(W::Tonight),
        "overnight" => Lex::W(W::Overnight),
        "morning" => Lex::W(W::Matin),
        "afternoon" => Lex::W(W::ApresMidi),
        "evening" => Lex::W(W::Soir),
        "night" => Lex::W(W::Nuit),
        "last" => Lex::W(W::Dernier),
        "past" => Lex::W(W::Past),
        "next" | "coming" | "upcoming" => Lex::W(W::Prochain),
        "recent" => Lex::W(W::Recent),

        "early" | "beginning" | "start" => Lex::Part(Part::Early),
        "mid" | "middle" => Lex::Part(Part::Mid),
        "late" | "end" => Lex::Part(Part::Late),
        "earlier" => Lex::Part(Part::Earlier),
        "later" => Lex::Part(Part::Later),

        _ => match compound(f, number) {
            Some(n) => Lex::Count(n),
            None => Lex::Other,
        },
    }
}

/// The value of a simple English number word ("three" → 3).
pub(crate) fn number(f: &str) -> Option<u32> {
    Some(match f {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "hundred" => 100,
        _ => return None,
    })
}

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
