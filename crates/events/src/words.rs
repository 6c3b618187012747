//! The lower-cased words of a document, made once per article for the
//! coding rules, which compare the same words with their lists many times
//! per trigger. Each word carries its classes (the word lists of the
//! language it is in, as bits), found once by a hash look-up, so that a rule
//! tests a class with a mask instead of scanning a list.

use std::fmt;
use std::ops::Deref;

use rustc_hash::FxHashMap;
use vigie_text::Document;

/// The classes of a language's words: word → bits of the lists it is in.
pub(crate) type Classes = FxHashMap<&'static str, u64>;

/// Every token of a document lower-cased (`str::to_lowercase` of the token),
/// in one buffer, with its classes.
pub(crate) struct Words {
    buf: String,
    /// End of each token's word in `buf` (the start is the previous end).
    ends: Vec<u32>,
    /// Classes of each token's word.
    classes: Vec<u64>,
}

impl Words {
    pub(crate) fn new(doc: &Document, classes: &Classes) -> Words {
        let text = doc.norm.text.as_str();
        let mut buf = String::with_capacity(text.len());
        let mut ends = Vec::with_capacity(doc.tokens.len());
        let mut bits = Vec::with_capacity(doc.tokens.len());
        for t in &doc.tokens {
            let w = &text[t.nstart..t.nend];
            let from = buf.len();
            if w.is_ascii() {
                buf.push_str(w);
                buf[from..].make_ascii_lowercase();
            } else if w.contains('Σ') {
                // A final sigma lower-cases by its context.
                buf.push_str(&w.to_lowercase());
            } else {
                buf.extend(w.chars().flat_map(char::to_lowercase));
            }
            bits.push(classes.get(&buf[from..]).copied().unwrap_or(0));
            ends.push(u32::try_from(buf.len()).unwrap_or(u32::MAX));
        }
        Words {
            buf,
            ends,
            classes: bits,
        }
    }

    /// The word of token `i` (empty and of no class past the last token).
    pub(crate) fn get(&self, i: usize) -> Word<'_> {
        let start = i
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .map_or(0, |&e| e as usize);
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        Word {
            text: self.buf.get(start..end).unwrap_or(""),
            classes: self.classes.get(i).copied().unwrap_or(0),
        }
    }
}

/// A lower-cased word of the document, with its classes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Word<'w> {
    text: &'w str,
    classes: u64,
}

impl<'w> Word<'w> {
    pub(crate) fn as_str(&self) -> &'w str {
        self.text
    }

    /// Whether the word is in one of the lists of `class` (a bit or a union
    /// of bits of [`class`]).
    #[inline]
    pub(crate) fn is(&self, class: u64) -> bool {
        self.classes & class != 0
    }
}

impl Deref for Word<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.text
    }
}

impl PartialEq<&str> for Word<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl fmt::Display for Word<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

/// The word classes: one bit per single-word list of the coding rules'
/// language description (`Lang` in `code.rs`, which documents each list).
pub(crate) mod class {
    pub(crate) const CLAUSE: u64 = 1 << 0;
    pub(crate) const NOT_SUBJECT: u64 = 1 << 1;
    pub(crate) const SPEECH: u64 = 1 << 2;
    pub(crate) const NEGATION: u64 = 1 << 3;
    pub(crate) const HYPOTHETICAL: u64 = 1 << 4;
    pub(crate) const INTENT: u64 = 1 << 5;
    pub(crate) const INTENT_LINK: u64 = 1 << 6;
    pub(crate) const PASSIVE: u64 = 1 << 7;
    pub(crate) const AGENT: u64 = 1 << 8;
    pub(crate) const BETWEEN: u64 = 1 << 9;
    pub(crate) const AND: u64 = 1 << 10;
    pub(crate) const EASE: u64 = 1 << 11;
    pub(crate) const STOP: u64 = 1 << 12;
    pub(crate) const MUST: u64 = 1 << 13;
    pub(crate) const UNCERTAIN: u64 = 1 << 14;
    pub(crate) const PREDICATE_ADJECTIVE: u64 = 1 << 15;
    pub(crate) const REFUSAL: u64 = 1 << 16;
    pub(crate) const DETERMINER: u64 = 1 << 17;
    pub(crate) const ENVOY: u64 = 1 << 18;
    pub(crate) const AIM: u64 = 1 << 19;
    pub(crate) const HAZARD: u64 = 1 << 20;
    pub(crate) const RELATIVE: u64 = 1 << 21;
    pub(crate) const COMPLEMENTIZER: u64 = 1 << 22;
    pub(crate) const DATE_PREPOSITION: u64 = 1 << 23;
    pub(crate) const ATTEMPT: u64 = 1 << 24;
    pub(crate) const MODIFIED_HEAD: u64 = 1 << 25;
    pub(crate) const WEEKDAY: u64 = 1 << 26;
    pub(crate) const INSERTED: u64 = 1 << 27;
    pub(crate) const INFINITIVE_MARKER: u64 = 1 << 28;
    /// Fatality counts (`fatalities.rs`): a death word after a number.
    pub(crate) const DEATH: u64 = 1 << 29;
    /// A death word right before a number.
    pub(crate) const DEATH_BEFORE: u64 = 1 << 30;
    /// Civilians.
    pub(crate) const CIVILIAN: u64 = 1 << 31;
    /// A unit after a number that makes it no count of people.
    pub(crate) const NUMBER_UNIT: u64 = 1 << 32;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_lower_cased_tokens() {
        let doc = vigie_text::analyze("L'ARMÉE a tiré ; ΟΔΟΣ Σ.", Some("fr"));
        let classes = Classes::from_iter([("tiré", class::SPEECH), (";", class::CLAUSE | class::AND)]);
        let words = Words::new(&doc, &classes);
        for (i, t) in doc.tokens.iter().enumerate() {
            assert_eq!(
                words.get(i).as_str(),
                doc.norm.text[t.nstart..t.nend].to_lowercase()
            );
        }
        assert_eq!(words.get(0), "l'");
        assert_eq!(words.get(doc.tokens.len()).as_str(), "");
        let classes_of = |w: &str| {
            let i = (0..doc.tokens.len()).find(|&i| words.get(i) == w).unwrap();
            words.get(i)
        };
        assert!(classes_of("tiré").is(class::SPEECH));
        assert!(!classes_of("tiré").is(class::CLAUSE));
        assert!(classes_of(";").is(class::AND) && classes_of(";").is(class::CLAUSE | class::SPEECH));
        assert!(!classes_of("a").is(u64::MAX));
    }
}
