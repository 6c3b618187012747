//! French: time words, number words, tense cues and clause openers.
//!
//! Words are matched folded (lower case, no accents: "fevrier", "derniere",
//! "apres-demain"), see [`crate::lexicon::fold`]. Tense cues are matched
//! lower-cased with their accents, because "caméra" is not a future tense
//! and "sera" is.

use std::sync::LazyLock;

use chrono::Weekday;

use crate::clause::{Cue, Opener, Word};
use crate::lexicon::{compound, Lex, Part, Unit, WordTable, W};

/// The class of a folded French word. `cap`: it starts with a capital.
///
/// Asked of every word of a text: one probe of a [`WordTable`] of
/// [`WORDS`] and the simple number words rules most words out at once,
/// where a `match` compared them with the strings one by one. Compound
/// number words ("vingt-quatre") are parsed.
pub(crate) fn word(f: &str, cap: bool) -> Lex {
    static TABLE: LazyLock<WordTable> = LazyLock::new(|| WordTable::new(WORDS, NUMBERS));
    match TABLE.get(f) {
        // "Mars" with a capital is also the planet.
        Some(Lex::Month {
            m: 3, abbr: false, ..
        }) => Lex::Month {
            m: 3,
            abbr: false,
            amb: cap,
        },
        Some(l) => l,
        // Simple number words are in the table: only a compound is left.
        None if f.contains('-') => compound(f, number).map_or(Lex::Other, Lex::Count),
        None => Lex::Other,
    }
}

/// The French time words and keywords, folded, with their classes (a word's
/// first row counts). Month names are classed without their capital, see
/// [`word`].
const WORDS: &[(&str, Lex)] = &[
    (
        "janvier",
        Lex::Month {
            m: 1,
            abbr: false,
            amb: false,
        },
    ),
    (
        "janv",
        Lex::Month {
            m: 1,
            abbr: true,
            amb: false,
        },
    ),
    (
        "fevrier",
        Lex::Month {
            m: 2,
            abbr: false,
            amb: false,
        },
    ),
    (
        "fevr",
        Lex::Month {
            m: 2,
            abbr: true,
            amb: false,
        },
    ),
    (
        "fev",
        Lex::Month {
            m: 2,
            abbr: true,
            amb: false,
        },
    ),
    (
        "mars",
        Lex::Month {
            m: 3,
            abbr: false,
            amb: false,
        },
    ),
    (
        "avril",
        Lex::Month {
            m: 4,
            abbr: false,
            amb: false,
        },
    ),
    (
        "avr",
        Lex::Month {
            m: 4,
            abbr: true,
            amb: false,
        },
    ),
    (
        "mai",
        Lex::Month {
            m: 5,
            abbr: false,
            amb: false,
        },
    ),
    (
        "juin",
        Lex::Month {
            m: 6,
            abbr: false,
            amb: false,
        },
    ),
    (
        "juillet",
        Lex::Month {
            m: 7,
            abbr: false,
            amb: false,
        },
    ),
    (
        "juil",
        Lex::Month {
            m: 7,
            abbr: true,
            amb: false,
        },
    ),
    (
        "aout",
        Lex::Month {
            m: 8,
            abbr: false,
            amb: false,
        },
    ),
    (
        "septembre",
        Lex::Month {
            m: 9,
            abbr: false,
            amb: false,
        },
    ),
    ("sept", Lex::Sept),
    (
        "octobre",
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
        "novembre",
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
        "decembre",
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
    ("lundi", Lex::Weekday(Weekday::Mon)),
    ("mardi", Lex::Weekday(Weekday::Tue)),
    ("mercredi", Lex::Weekday(Weekday::Wed)),
    ("jeudi", Lex::Weekday(Weekday::Thu)),
    ("vendredi", Lex::Weekday(Weekday::Fri)),
    ("samedi", Lex::Weekday(Weekday::Sat)),
    ("dimanche", Lex::Weekday(Weekday::Sun)),
    ("jour", Lex::Unit(Unit::Day, false)),
    ("journee", Lex::Unit(Unit::Day, false)),
    ("jours", Lex::Unit(Unit::Day, true)),
    ("journees", Lex::Unit(Unit::Day, true)),
    ("semaine", Lex::Unit(Unit::Week, false)),
    ("semaines", Lex::Unit(Unit::Week, true)),
    ("week-end", Lex::Unit(Unit::Weekend, false)),
    ("weekend", Lex::Unit(Unit::Weekend, false)),
    ("week-ends", Lex::Unit(Unit::Weekend, true)),
    ("weekends", Lex::Unit(Unit::Weekend, true)),
    ("mois", Lex::Unit(Unit::Month, false)),
    ("an", Lex::Unit(Unit::Year, false)),
    ("annee", Lex::Unit(Unit::Year, false)),
    ("ans", Lex::Unit(Unit::Year, true)),
    ("annees", Lex::W(W::Annees)),
    ("heure", Lex::Unit(Unit::Hour, false)),
    ("heures", Lex::Unit(Unit::Hour, true)),
    ("mois-ci", Lex::UnitCi(Unit::Month)),
    ("semaine-ci", Lex::UnitCi(Unit::Week)),
    ("premier", Lex::Ord(1)),
    ("premiere", Lex::Ord(1)),
    ("un", Lex::W(W::Un)),
    ("une", Lex::W(W::Un)),
    ("quelques", Lex::Few),
    ("plusieurs", Lex::Few),
    ("dizaine", Lex::Approx(10)),
    ("douzaine", Lex::Approx(12)),
    ("quinzaine", Lex::Approx(15)),
    ("vingtaine", Lex::Approx(20)),
    ("trentaine", Lex::Approx(30)),
    ("centaine", Lex::Approx(100)),
    ("le", Lex::W(W::Le)),
    ("la", Lex::W(W::Le)),
    ("l'", Lex::W(W::Le)),
    ("les", Lex::W(W::Les)),
    ("des", Lex::W(W::Les)),
    ("ce", Lex::W(W::Ce)),
    ("cet", Lex::W(W::Ce)),
    ("cette", Lex::W(W::Ce)),
    ("ces", Lex::W(W::Ces)),
    ("de", Lex::W(W::De)),
    ("d'", Lex::W(W::De)),
    ("du", Lex::W(W::Du)),
    ("au", Lex::W(W::Au)),
    ("aux", Lex::W(W::Au)),
    ("a", Lex::W(W::A)),
    ("et", Lex::W(W::Et)),
    ("entre", Lex::W(W::Entre)),
    ("depuis", Lex::W(W::Depuis)),
    ("dans", Lex::W(W::Dans)),
    ("en", Lex::W(W::En)),
    ("jusqu'", Lex::W(W::To)),
    ("il", Lex::W(W::Il)),
    ("y", Lex::W(W::Y)),
    ("venir", Lex::W(W::Venir)),
    ("environ", Lex::W(W::About)),
    ("pres", Lex::W(W::About)),
    ("plus", Lex::W(W::About)),
    ("moins", Lex::W(W::About)),
    ("avant", Lex::W(W::YearPrep)),
    ("apres", Lex::W(W::YearPrep)),
    ("vers", Lex::W(W::YearPrep)),
    ("hier", Lex::W(W::Hier)),
    ("avant-hier", Lex::W(W::AvantHier)),
    ("aujourd'hui", Lex::W(W::Aujourdhui)),
    ("demain", Lex::W(W::Demain)),
    ("apres-demain", Lex::W(W::ApresDemain)),
    ("matin", Lex::W(W::Matin)),
    ("matinee", Lex::W(W::Matin)),
    ("apres-midi", Lex::W(W::ApresMidi)),
    ("soir", Lex::W(W::Soir)),
    ("soiree", Lex::W(W::Soir)),
    ("nuit", Lex::W(W::Nuit)),
    ("dernier", Lex::W(W::Dernier)),
    ("derniere", Lex::W(W::Dernier)),
    ("derniers", Lex::W(W::Dernier)),
    ("dernieres", Lex::W(W::Dernier)),
    ("passe", Lex::W(W::Passe)),
    ("passee", Lex::W(W::Passe)),
    ("ecoule", Lex::W(W::Passe)),
    ("ecoulee", Lex::W(W::Passe)),
    ("prochain", Lex::W(W::Prochain)),
    ("prochaine", Lex::W(W::Prochain)),
    ("prochains", Lex::W(W::Prochain)),
    ("prochaines", Lex::W(W::Prochain)),
    ("debut", Lex::Part(Part::Early)),
    ("milieu", Lex::Part(Part::Mid)),
    ("fin", Lex::Part(Part::Late)),
];

/// The value of a simple French number word ("trois" → 3). "un"/"une" are
/// keywords (also articles) and "sept" is ambiguous with September: both are
/// handled by the grammar, but count inside compounds ("vingt-et-un").
pub(crate) fn number(f: &str) -> Option<u32> {
    NUMBERS.iter().find(|(w, _)| *w == f).map(|&(_, v)| v)
}

/// The simple French number words and their values.
const NUMBERS: &[(&str, u32)] = &[
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
    ("vingts", 20),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante", 60),
    ("cent", 100),
];

/// Articles, pronouns, prepositions, conjunctions and auxiliaries (folded).
pub(crate) fn function_word(f: &str) -> bool {
    matches!(
        f,
        "le" | "la"
            | "les"
            | "l'"
            | "un"
            | "une"
            | "des"
            | "du"
            | "de"
            | "d'"
            | "au"
            | "aux"
            | "a"
            | "en"
            | "dans"
            | "par"
            | "pour"
            | "sur"
            | "sous"
            | "avec"
            | "sans"
            | "contre"
            | "vers"
            | "chez"
            | "entre"
            | "et"
            | "ou"
            | "mais"
            | "puis"
            | "alors"
            | "il"
            | "elle"
            | "ils"
            | "elles"
            | "on"
            | "ce"
            | "cette"
            | "ces"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "qui"
            | "que"
            | "qu'"
            | "quand"
            | "lorsque"
            | "lorsqu'"
            | "y"
            | "ne"
            | "n'"
            | "se"
            | "s'"
            | "selon"
            | "apres"
            | "avant"
            | "depuis"
            | "pendant"
            | "lors"
            // auxiliaries: "de 1991 à 1994 avait fait"
            | "ont"
            | "est"
            | "sont"
            | "avait"
            | "avaient"
            | "etait"
            | "etaient"
            | "fut"
            | "sera"
            | "aura"
    )
}

/// The clause role of a lower-cased French word (accents kept: "où" is a
/// relative pronoun, "ou" is "or").
pub(crate) fn opener(l: &str) -> Option<Opener> {
    Some(match l {
        "qui" | "dont" | "où" | "lequel" | "laquelle" | "lesquels" | "lesquelles" | "auquel" | "duquel" => {
            Opener::Relative
        }
        "que" | "qu'" | "lorsque" | "lorsqu'" | "quand" | "parce" | "puisque" | "puisqu'" | "tandis"
        | "bien" | "alors" | "si" => Opener::Subordinate,
        "mais" => Opener::Coordinate { strong: true },
        "et" | "car" | "donc" | "puis" | "ni" => Opener::Coordinate { strong: false },
        _ => return None,
    })
}

/// Words that sit between an auxiliary and its infinitive ("va se
/// réunir", "doit ensuite y être").
fn clitic(l: &str) -> bool {
    matches!(
        l,
        "se" | "s'"
            | "le"
            | "la"
            | "les"
            | "l'"
            | "lui"
            | "leur"
            | "y"
            | "en"
            | "ne"
            | "n'"
            | "pas"
            | "plus"
            | "bientôt"
            | "ensuite"
            | "notamment"
            | "également"
            | "aussi"
            | "me"
            | "m'"
            | "nous"
            | "vous"
    )
}

fn infinitive(l: &str) -> bool {
    l.len() > 3 && (l.ends_with("er") || l.ends_with("ir") || l.ends_with("re") || l.ends_with("oir"))
}

/// Nouns that look like future or conditional verbs.
const NOT_VERBS: &[&str] = &[
    "front",
    "affront",
    "portrait",
    "retrait",
    "extrait",
    "trait",
    "attrait",
    "abstrait",
    "distrait",
    "soustrait",
    "era",
    "extra",
    "ultra",
    "cobra",
    "tiara",
    "mantra",
    "tantra",
    "agora",
];

/// The tense cue of word `k` of a sentence.
///
/// Future: "va/vont/doit/doivent + infinitive", future tense endings ("se
/// réunira", "auront", "tiendront", "devra"), the conditional when an
/// infinitive follows ("devrait se tenir"; "aurait été tué" is reported
/// past), "prochain", "à venir". Past: the auxiliaries of the compound past
/// and the imperfect ("a", "ont", "avait", "était"), except "a lieu"
/// (present).
pub(crate) fn cue(words: &[Word], k: usize) -> Cue {
    let w = words[k];
    let l = w.text;
    let next_infinitive = || {
        words[k + 1..]
            .iter()
            .take(4)
            .map(|w| w.text)
            .find(|w| !clitic(w))
            .is_some_and(infinitive)
    };
    let next_is = |x: &str| words.get(k + 1).is_some_and(|w| w.text == x);
    match l {
        "va" | "vont" | "allait" | "allaient" | "doit" | "doivent" | "compte" | "comptent" | "entend"
        | "entendent" => {
            return if next_infinitive() { Cue::Future } else { Cue::None };
        }
        "prévoit" | "prévoient" | "ira" | "iront" => return Cue::Future,
        "prochain" | "prochaine" | "prochains" | "prochaines" => return Cue::WeakFuture,
        "venir" if k > 0 && words[k - 1].text == "à" => return Cue::WeakFuture,
        "a" | "ont" | "avait" | "avaient" if next_is("lieu") => return Cue::None,
        "a" | "ont" | "avait" | "avaient" | "eu" | "été" | "était" | "étaient" | "fut" | "furent" => {
            return Cue::Past
        }
        _ => {}
    }
    // Verb endings: only words ending in "a" or "t" can be future or
    // conditional, which rules out most words at once.
    if w.cap || l.len() < 4 || !(l.ends_with('a') || l.ends_with('t')) || NOT_VERBS.contains(&l) {
        return Cue::None;
    }
    // Conditional: future only before an infinitive.
    if l.ends_with("rait") || l.ends_with("raient") {
        return if next_infinitive() { Cue::Future } else { Cue::None };
    }
    let future = ["era", "ira", "dra", "vra", "rra", "ttra", "aura", "ront"]
        .iter()
        .any(|e| l.ends_with(e));
    if future {
        Cue::Future
    } else {
        Cue::None
    }
}
