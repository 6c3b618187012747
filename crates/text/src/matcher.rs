//! Word-start matching of lexicon forms.
//!
//! The lexicons of the mention and event stages hold thousands of forms
//! (49,000 inflected trigger forms in French), and forms start words. A
//! [`FormMatcher`] looks for the longest form starting at a given byte,
//! which the stages ask at each token start: a bit table of three-byte
//! prefixes (in cache) rules most words out, and the rest walk an anchored,
//! leftmost-longest Aho-Corasick automaton (a contiguous NFA: a DFA of this
//! many forms takes tens of megabytes and misses the cache at every byte)
//! from its start state, byte by byte, until it dies.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, MatchKind};

/// Error building a matcher (too many or too long forms).
pub type BuildError = aho_corasick::BuildError;

/// A cheap test run before the automaton at each word: can a form start
/// here? Most words of a text start no form; a bit per hashed three-byte
/// prefix (8 KB, in cache) rules them out without entering the automaton.
struct Prefixes {
    /// Bit per hash of a form's first three bytes.
    three: Vec<u64>,
    /// Bit per hash of a form shorter than three bytes.
    short: Vec<u64>,
    /// Whether any form is shorter than three bytes.
    any_short: bool,
}

impl Prefixes {
    const BITS: usize = 1 << 16;

    /// Hash of up to three bytes packed in a `u32`.
    fn key(packed: u32) -> usize {
        (packed.wrapping_mul(0x9E37_79B1) >> 16) as usize
    }

    fn pack(bytes: &[u8]) -> u32 {
        bytes.iter().rev().fold(0, |k, &b| (k << 8) | u32::from(b))
    }

    fn set(table: &mut [u64], k: usize) {
        table[k / 64] |= 1 << (k % 64);
    }

    fn get(table: &[u64], k: usize) -> bool {
        table[k / 64] & (1 << (k % 64)) != 0
    }

    fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Prefixes {
        let mut p = Prefixes {
            three: vec![0; Self::BITS / 64],
            short: vec![0; Self::BITS / 64],
            any_short: false,
        };
        for pat in patterns {
            let b = pat.as_bytes();
            if b.len() >= 3 {
                Self::set(&mut p.three, Self::key(Self::pack(&b[..3])));
            } else {
                Self::set(&mut p.short, Self::key(Self::pack(b)));
                p.any_short = true;
            }
        }
        p
    }

    /// Whether some form may start at byte `s` of `text`.
    #[inline]
    fn may_start(&self, text: &[u8], s: usize) -> bool {
        let rest = &text[s..];
        if let [a, b, c, ..] = rest {
            let k = u32::from(*a) | u32::from(*b) << 8 | u32::from(*c) << 16;
            if Self::get(&self.three, Self::key(k)) {
                return true;
            }
        }
        self.any_short
            && (1..=rest.len().min(2)).any(|n| Self::get(&self.short, Self::key(Self::pack(&rest[..n]))))
    }
}

/// The forms of a lexicon, compiled for [`FormMatcher::longest_at`].
pub struct FormMatcher {
    nfa: contiguous::NFA,
    start: Option<StateID>,
    prefixes: Prefixes,
}

impl FormMatcher {
    /// Compiles the forms; a form's index in `forms` is its pattern id.
    pub fn new<S: AsRef<str>>(forms: &[S]) -> Result<FormMatcher, BuildError> {
        let nfa = contiguous::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(forms.iter().map(|f| f.as_ref()))?;
        // Every contiguous NFA has an anchored start state; should one not,
        // the matcher finds nothing rather than failing.
        let start = nfa.start_state(Anchored::Yes).ok();
        let prefixes = Prefixes::new(forms.iter().map(|f| f.as_ref()));
        Ok(FormMatcher { nfa, start, prefixes })
    }

    /// Number of forms.
    pub fn len(&self) -> usize {
        self.nfa.patterns_len()
    }

    /// Whether there are no forms.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Heap bytes used.
    pub fn memory_usage(&self) -> usize {
        self.nfa.memory_usage() + (self.prefixes.three.len() + self.prefixes.short.len()) * 8
    }

    /// The longest form starting at byte `s` of `text`: its pattern id and
    /// end (exclusive). Word boundaries are the caller's to check.
    ///
    /// ```
    /// let m = vigie_text::matcher::FormMatcher::new(&["armée", "armée de l'air"]).unwrap();
    /// let t = "L'armée de l'air a frappé.";
    /// assert_eq!(m.longest_at(t.as_bytes(), 2), Some((1, 2 + "armée de l'air".len())));
    /// assert_eq!(m.longest_at(t.as_bytes(), 0), None);
    /// ```
    pub fn longest_at(&self, text: &[u8], s: usize) -> Option<(usize, usize)> {
        if !self.prefixes.may_start(text, s) {
            return None;
        }
        let (pattern, len) = self.longest_prefix(text.get(s..)?.iter().copied())?;
        Some((pattern, s + len))
    }

    /// The longest form that is a prefix of `bytes`: its pattern id and
    /// length. Takes any byte sequence, so a phrase can be tried across a gap
    /// in the text ("ministère russe de la Défense" as "ministère de la
    /// Défense") without building a string.
    pub fn longest_prefix(&self, bytes: impl Iterator<Item = u8>) -> Option<(usize, usize)> {
        let nfa = &self.nfa;
        let mut sid = self.start?;
        let mut best = None;
        for (i, b) in bytes.enumerate() {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if nfa.is_special(sid) {
                if nfa.is_dead(sid) {
                    break;
                }
                // A state's matches include those of its failure chain
                // ("sue" at the end of "issue"): only a form as long as the
                // bytes walked starts where the walk did.
                if nfa.is_match(sid) {
                    if let Some(p) = (0..nfa.match_len(sid))
                        .map(|k| nfa.match_pattern(sid, k))
                        .find(|&p| nfa.pattern_len(p) == i + 1)
                    {
                        best = Some((p.as_usize(), i + 1));
                    }
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::FormMatcher;

    #[test]
    fn a_form_is_not_found_as_the_suffix_of_a_longer_prefix() {
        let m = FormMatcher::new(&["sue", "issue an apology"]).unwrap();
        assert_eq!(m.longest_at(b"issued by", 0), None);
        assert_eq!(m.longest_at(b"sued by", 0), Some((0, 3)));
    }
}
