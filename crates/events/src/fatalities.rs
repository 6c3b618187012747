//! Fatality counts: "au moins 23 morts dont 4 enfants", "deux soldats tués",
//! "une dizaine de morts", "at least 12 people were killed", "killing 12".
//!
//! A count is a number (digits, or words read by `text2num`, or a vague
//! quantity like "une dizaine", "dozens") near a death word, in the same
//! sentence: right before it ("23 morts", "12 people were killed", within a
//! few words), or right after a death verb ("killing at least 12 people",
//! "tuant 12 personnes"). The words before the number give the qualifier
//! ("au moins", "at least" → at least; "environ", "about", "près de",
//! "nearly", "some" → about; "jusqu'à", "up to" → at most). A number
//! followed by a civilian word inside the count ("dont 7 civils", "including
//! seven civilians") is the civilian subset.

use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;
use text2num::error::Error as NumError;
use text2num::{text2digits, Language};
use vigie_model::Qualifier;
use vigie_text::{Document, TokenKind};

use crate::words::{class, Words};

/// A death count found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub sentence: usize,
    /// Normalised span of the whole expression.
    pub span: Range<usize>,
    pub total: u64,
    pub civilians: Option<u64>,
    pub qualifier: Qualifier,
}

pub(crate) const FR_DEATH: &[&str] = &[
    "mort",
    "morts",
    "tué",
    "tués",
    "tuée",
    "tuées",
    "décès",
    "victimes",
    "péri",
    "tuant",
    "tue",
    "tuent",
    "tuait",
    "abattus",
    "abattu",
    "fauché",
    "décédés",
    "décédé",
    "fait",
];
pub(crate) const EN_DEATH: &[&str] = &[
    "dead",
    "killed",
    "killing",
    "kill",
    "kills",
    "deaths",
    "died",
    "die",
    "fatalities",
    "lives",
    "death",
    "slain",
    "perished",
    "toll",
];
pub(crate) const FR_CIVILIANS: &[&str] = &[
    "civil",
    "civils",
    "civile",
    "civiles",
    "enfants",
    "femmes",
    "habitants",
    "villageois",
];
pub(crate) const EN_CIVILIANS: &[&str] = &[
    "civilian",
    "civilians",
    "children",
    "women",
    "residents",
    "villagers",
    "bystanders",
];
/// Vague quantities.
const FR_VAGUE: &[(&str, u64)] = &[
    ("dizaine", 10),
    ("douzaine", 12),
    ("vingtaine", 20),
    ("trentaine", 30),
    ("quarantaine", 40),
    ("cinquantaine", 50),
    ("centaine", 100),
    ("dizaines", 20),
    ("centaines", 200),
    ("milliers", 2000),
];
const EN_VAGUE: &[(&str, u64)] = &[
    ("dozen", 12),
    ("dozens", 24),
    ("scores", 40),
    ("hundreds", 200),
    ("thousands", 2000),
];

/// [`NUMBER_WORDS`](vigie_text::words::NUMBER_WORDS) as a set: it is asked
/// about many words (a fixed list: FxHash, not the flooding-resistant
/// SipHash, several times slower on a word).
static NUMBER_STARTS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| vigie_text::words::NUMBER_WORDS.iter().copied().collect());

/// Whether every word [`number_at`] looks up (number words and vague
/// quantities) is ASCII: then a word whose lower-cased head (before its
/// first hyphen) has another character cannot be one of them.
static LISTS_ASCII: LazyLock<bool> = LazyLock::new(|| {
    let vague = FR_VAGUE.iter().chain(EN_VAGUE).map(|(w, _)| *w);
    vigie_text::words::NUMBER_WORDS
        .iter()
        .copied()
        .chain(vague)
        .all(|w| w.is_ascii())
});

/// The shapes of the words [`number_at`] reads (number words and vague
/// quantities of both languages): for each first byte (`[0]`) and each last
/// byte (`[1]`), a bit per length (the last bit for 63 bytes and more). An
/// ASCII word lower-cases byte for byte, so the other words of a text (most
/// of them) are ruled out without lower-casing them.
static NUMBER_SHAPES: LazyLock<[[u64; 256]; 2]> = LazyLock::new(|| {
    let mut shapes = [[0u64; 256]; 2];
    let vague = FR_VAGUE.iter().chain(EN_VAGUE).map(|(w, _)| *w);
    for w in vigie_text::words::NUMBER_WORDS.iter().copied().chain(vague) {
        if let (Some(&a), Some(&z)) = (w.as_bytes().first(), w.as_bytes().last()) {
            shapes[0][usize::from(a)] |= 1 << w.len().min(63);
            shapes[1][usize::from(z)] |= 1 << w.len().min(63);
        }
    }
    shapes
});

/// Whether an ASCII word may be one of [`NUMBER_SHAPES`]' words once
/// lower-cased.
fn number_shape(w: &[u8]) -> bool {
    let (Some(&a), Some(&z)) = (w.first(), w.last()) else {
        return false;
    };
    let bit = 1u64 << w.len().min(63);
    let shapes = &*NUMBER_SHAPES;
    shapes[0][usize::from(a.to_ascii_lowercase())] & bit != 0
        && shapes[1][usize::from(z.to_ascii_lowercase())] & bit != 0
}

fn qualifier_before(words: &[&str]) -> Qualifier {
    let joined = words.join(" ");
    let ends = |p: &str| joined.ends_with(p);
    if [
        "au moins",
        "at least",
        "plus de",
        "more than",
        "over",
        "au minimum",
        "no fewer than",
        "pas moins de",
    ]
    .iter()
    .any(|p| ends(p))
    {
        Qualifier::AtLeast
    } else if [
        "environ",
        "about",
        "around",
        "près de",
        "nearly",
        "almost",
        "quelque",
        "some",
        "approximately",
        "roughly",
        "une",
        "a",
    ]
    .iter()
    .any(|p| ends(p))
    {
        Qualifier::About
    } else if [
        "jusqu'à",
        "up to",
        "au plus",
        "at most",
        "moins de",
        "fewer than",
        "less than",
    ]
    .iter()
    .any(|p| ends(p))
    {
        Qualifier::AtMost
    } else {
        Qualifier::Exact
    }
}

/// A number starting at token `i`: its value, the index after it, and
/// whether it is vague. `lower` holds the document's lower-cased words.
fn number_at(
    doc: &Document,
    lower: &Words,
    i: usize,
    lang: &Language,
    vague: &[(&str, u64)],
) -> Option<(u64, usize, bool)> {
    let toks = &doc.tokens;
    let t = toks.get(i)?;
    // Every token is asked: punctuation and most words are ruled out by
    // their kind and shape.
    if t.kind == TokenKind::Punct {
        return None;
    }
    let w = &doc.norm.text[t.nstart..t.nend];
    if t.kind == TokenKind::Number {
        return digits_at(doc, i, w);
    }
    // An ASCII word is a vague quantity, or starts with a number word
    // before its first hyphen, only if its first letter, its last letter
    // and its length fit one of those words.
    if w.is_ascii() {
        let b = w.as_bytes();
        let head = || &b[..b.iter().position(|&c| c == b'-').unwrap_or(b.len())];
        if !number_shape(b) && !number_shape(head()) {
            return None;
        }
    } else if *LISTS_ASCII {
        // Accented words (many in French): "dix-huitième" can still start
        // with a number word, "été" cannot.
        let head = w.split('-').next().unwrap_or("");
        if !head.chars().all(|c| c.to_lowercase().all(|l| l.is_ascii())) {
            return None;
        }
    }
    words_at(doc, lower, i, lang, vague)
}

/// [`number_at`] on a number token `w` at `i`: "23", "30 000".
#[inline(never)]
fn digits_at(doc: &Document, i: usize, w: &str) -> Option<(u64, usize, bool)> {
    let toks = &doc.tokens;
    let text = &doc.norm.text;
    let mut value = vigie_numbers::parse_digits(w)?;
    let mut j = i + 1;
    // "30 000"
    while w.len() <= 3
        && j < toks.len()
        && toks[j].kind == TokenKind::Number
        && toks[j].nend - toks[j].nstart == 3
        && toks[j].nstart == toks[j - 1].nend + 1
    {
        value = value * 1000.0 + text[toks[j].nstart..toks[j].nend].parse::<f64>().ok()?;
        j += 1;
    }
    Some((value as u64, j, false))
}

/// [`number_at`] on a word at `i` that may be a number word or a vague
/// quantity. Out of line: few words get here, and the others skip its
/// set-up.
#[inline(never)]
fn words_at(
    doc: &Document,
    lower: &Words,
    i: usize,
    lang: &Language,
    vague: &[(&str, u64)],
) -> Option<(u64, usize, bool)> {
    let toks = &doc.tokens;
    let t = toks.get(i)?;
    let lw = lower.get(i).as_str();
    if let Some(&(_, v)) = vague.iter().find(|(k, _)| *k == lw) {
        return Some((v, i + 1, true));
    }
    // text2num is only asked about words that can start a number.
    let head = lw.split('-').next().unwrap_or("");
    if !NUMBER_STARTS.contains(head) {
        return None;
    }
    // Words: the longest run text2num reads ("deux cent cinquante").
    let mut best: Option<(u64, usize)> = None;
    let mut phrase = String::new();
    for (k, tk) in toks.iter().enumerate().skip(i).take(6) {
        if tk.kind != TokenKind::Word || tk.sentence != t.sentence {
            break;
        }
        if !phrase.is_empty() {
            phrase.push(' ');
        }
        phrase.push_str(lower.get(k).as_str());
        match text2digits(&phrase, lang) {
            Ok(d) => {
                if let Ok(v) = d.parse::<u64>() {
                    best = Some((v, k + 1));
                }
            }
            // text2num reads the words in order: once one is no part of a
            // number (not merely an unfinished one, "a" before "hundred"),
            // no longer run is a number either.
            Err(e) => {
                if best.is_some() || !matches!(e, NumError::Incomplete) {
                    break;
                }
            }
        }
    }
    // "un"/"a"/"one" alone is too often an article.
    let (v, end) = best?;
    let single = end == i + 1;
    if single && matches!(lw, "un" | "une" | "a" | "one") {
        return None;
    }
    Some((v, end, false))
}

/// A language's words for counts: number parser and vague quantities (its
/// death and civilian words are classes of [`Words`]).
type LangWords = (Language, &'static [(&'static str, u64)]);

/// Words after a number that make it no count of people: a date ("le 5
/// avril"), a share, a distance, a duration.
pub(crate) const NUMBER_UNITS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "%",
    "pour",
    "percent",
    "h",
    "km",
    "kilomètres",
    "miles",
    "ans",
    "years",
    "jours",
    "days",
    "heures",
    "hours",
];

/// Words right before a number that make it a death toll: "killing 12",
/// "tuant au moins 12 personnes", "a toll of 30".
pub(crate) const DEATH_BEFORE: &[&str] = &["killing", "killed", "tuant", "kill", "toll", "bilan", "faisant"];

/// Finds the death counts of a document.
/// `dates` are the token ranges of the document's time expressions: a
/// number inside one ("March 2", "le 5 avril", "2 mars") is a day, not a toll.
pub fn find(doc: &Document, dates: &[Range<usize>]) -> Vec<Count> {
    find_with(doc, dates, &Words::new(doc, crate::code::classes(&doc.lang)))
}

/// [`find`], with the words of `doc` lower-cased and classed by the event
/// rules (the death, civilian and unit lists are among their classes).
pub(crate) fn find_with(doc: &Document, dates: &[Range<usize>], lower: &Words) -> Vec<Count> {
    let (lang, vague): LangWords = match doc.lang.as_str() {
        "fr" => (Language::french(), FR_VAGUE),
        "en" => (Language::english(), EN_VAGUE),
        _ => return Vec::new(),
    };
    let toks = &doc.tokens;
    let word = |k: usize| lower.get(k).as_str();
    let mut out: Vec<Count> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((value, end, _vague)) = number_at(doc, lower, i, &lang, vague) else {
            i += 1;
            continue;
        };
        let sentence = toks[i].sentence;
        // Skip years and dates: "en 2014", "le 5 avril".
        let is_year = (1900..=2100).contains(&value) && toks[i].kind == TokenKind::Number;
        let is_date = lower.get(end).is(class::NUMBER_UNIT);
        let in_date = dates.iter().any(|d| d.contains(&i));
        if is_year || is_date || in_date {
            i = end;
            continue;
        }
        // A death word within the next few words of the same sentence.
        // "17 people, including four children, were killed": up to ten words,
        // without crossing another number or a semicolon.
        let window: Vec<usize> = (end..(end + 10).min(toks.len()))
            .take_while(|&k| {
                toks[k].sentence == sentence && toks[k].kind != TokenKind::Number && word(k) != ";"
            })
            .collect();
        let death_after = window.iter().position(|&k| lower.get(k).is(class::DEATH));
        // Or a death verb right before: "killing 12", "tuant au moins 12 personnes".
        let start_back = i.saturating_sub(4);
        let before: Vec<&str> = (start_back..i)
            .filter(|&k| toks[k].sentence == sentence)
            .map(word)
            .collect();
        let death_before =
            (start_back..i).any(|k| toks[k].sentence == sentence && lower.get(k).is(class::DEATH_BEFORE));
        // "fait" counts only as "ont fait 23 morts": the death noun must follow.
        let death_after = death_after.filter(|&p| {
            let w = word(window[p]);
            w != "fait"
                || window
                    .get(p + 1)
                    .is_some_and(|&k| matches!(word(k), "morts" | "victimes"))
        });
        if death_after.is_none() && !death_before {
            i = end;
            continue;
        }
        // Civilian word right after the number: "7 civils", "seven civilians".
        let is_civ = window.first().is_some_and(|&k| lower.get(k).is(class::CIVILIAN));
        let qualifier = qualifier_before(&before);
        let span_end = match death_after {
            Some(p) => toks[window[p]].nend,
            None => toks[end - 1].nend,
        };
        let span_start = toks[start_back.max(i.saturating_sub(2))]
            .nstart
            .min(toks[i].nstart);
        // "dont 4 civils" / "including four civilians" right after a count: the subset.
        let prev_word = before.last().copied().unwrap_or("");
        if matches!(prev_word, "dont" | "including" | "among") {
            if let Some(last) = out.last_mut().filter(|c| c.sentence == sentence) {
                if is_civ || window.iter().any(|&k| lower.get(k).is(class::CIVILIAN)) {
                    last.civilians = Some(value);
                }
                last.span.end = last.span.end.max(toks[end - 1].nend);
                i = end;
                continue;
            }
        }
        out.push(Count {
            sentence,
            span: span_start..span_end,
            total: value,
            civilians: is_civ.then_some(value),
            qualifier,
        });
        i = end;
    }
    // "dont 7 civils" after a count without death word right after the subset.
    subset_pass(doc, lower, &mut out, &lang, vague);
    out
}

/// Finds "dont N civils" / "including N civilians" after each count.
fn subset_pass(doc: &Document, lower: &Words, counts: &mut [Count], lang: &Language, vague: &[(&str, u64)]) {
    let toks = &doc.tokens;
    for c in counts.iter_mut().filter(|c| c.civilians.is_none()) {
        let i = toks.partition_point(|t| t.nstart < c.span.end);
        for k in i..(i + 4).min(toks.len()) {
            if toks[k].sentence != c.sentence {
                break;
            }
            if matches!(lower.get(k).as_str(), "dont" | "including" | "among" | "parmi") {
                if let Some((v, end, _)) = number_at(doc, lower, k + 1, lang, vague) {
                    if lower.get(end).is(class::CIVILIAN) {
                        c.civilians = Some(v);
                        c.span.end = toks[end].nend;
                    }
                }
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, lang: &str) -> Option<(u64, Option<u64>, Qualifier)> {
        let doc = vigie_text::analyze(text, Some(lang));
        find(&doc, &[])
            .first()
            .map(|c| (c.total, c.civilians, c.qualifier))
    }

    #[test]
    fn table() {
        use Qualifier::*;
        type Case = (&'static str, &'static str, Option<(u64, Option<u64>, Qualifier)>);
        let cases: &[Case] = &[
            (
                "fr",
                "Les combats ont fait au moins 23 morts, dont sept civils.",
                Some((23, Some(7), AtLeast)),
            ),
            ("fr", "Deux soldats ont été tués lundi.", Some((2, None, Exact))),
            (
                "fr",
                "Une dizaine de personnes ont été tuées.",
                Some((10, None, About)),
            ),
            (
                "fr",
                "La guerre avait fait quelque 150.000 morts.",
                Some((150000, None, About)),
            ),
            (
                "fr",
                "L'attaque a fait vingt-trois morts.",
                Some((23, None, Exact)),
            ),
            (
                "fr",
                "Au moins 30 000 personnes ont été tuées.",
                Some((30000, None, AtLeast)),
            ),
            (
                "en",
                "At least 12 people were killed in the attack.",
                Some((12, None, AtLeast)),
            ),
            (
                "en",
                "Gunmen attacked a village, killing 17 people, including four children.",
                Some((17, Some(4), Exact)),
            ),
            (
                "en",
                "The strike killed a dozen civilians.",
                Some((12, Some(12), About)),
            ),
            ("en", "More than 40 people died.", Some((40, None, AtLeast))),
            (
                "en",
                "Twenty-three soldiers were killed.",
                Some((23, None, Exact)),
            ),
            (
                "en",
                "The army said 34 people were arrested on 12 June 2024.",
                None,
            ),
            ("fr", "Le 5 avril 2016, 300 manifestants ont défilé.", None),
        ];
        for (lang, text, want) in cases {
            assert_eq!(one(text, lang), *want, "{text}");
        }
    }
}
