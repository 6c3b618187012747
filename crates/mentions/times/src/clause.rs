//! Clauses and tense within one sentence.
//!
//! Both the anchoring of relative expressions ("jeudi" is last Thursday in
//! the past tense, next Thursday in the future) and the attachment of an
//! event to its time expression work clause by clause. Clauses are cut with
//! a few robust rules, not a parser:
//!
//! - `;`, `:` and brackets always cut;
//! - a relative pronoun ("qui", "dont", "où", "which", "who") opens an
//!   embedded clause, which the next comma closes ("Les combats, qui ont
//!   éclaté dimanche, ont fait 12 morts mardi": "ont fait 12 morts mardi"
//!   is back in the main clause);
//! - a subordinating word ("que", "lorsque", "that", "when", "while") opens
//!   a clause that runs on;
//! - a coordinating conjunction cuts after a comma (", et", ", and"), and
//!   "mais"/"but" cut anywhere. "and" + new subject without a comma does
//!   not cut: telling it from "X and Y" needs a parser.

use vigie_text::{Document, TokenKind};

use crate::lexicon::Lang;
use crate::{en, fr, Tense};

/// A tense cue on a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    None,
    Past,
    Future,
    /// An adjective announcing the future ("prochain", "next"): it may
    /// qualify another noun than the event's, so verbs outrank it.
    WeakFuture,
}

/// A token of a sentence, lower-cased (accents kept: "où" is not "ou",
/// "caméra" does not end like "sera").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    /// Whether the word was capitalised (proper nouns are not verbs).
    pub cap: bool,
}

/// What a clause-opening word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opener {
    /// A relative pronoun: the clause is embedded and a comma may close it.
    Relative,
    /// A subordinating word: a new clause that runs on.
    Subordinate,
    /// A coordinating conjunction: cuts after a comma; the adversative ones
    /// (`strong`: "mais", "but") cut anywhere.
    Coordinate { strong: bool },
}

/// The clauses of one sentence and the tense cues of its tokens.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Clauses {
    /// Index of the sentence's first token in the document.
    lo: usize,
    /// Clause id of each token of the sentence.
    ids: Vec<u32>,
    /// Tense cue of each token of the sentence.
    cues: Vec<Cue>,
}

impl Clauses {
    /// Cuts sentence `sentence` of `doc` into clauses and reads its tense
    /// cues.
    pub(crate) fn new(doc: &Document, lang: Lang, sentence: usize) -> Clauses {
        let s = &doc.sentences[sentence];
        let toks = doc.sentence_tokens(sentence);
        let text = doc.norm.text.as_str();
        // Words lower-cased, accents kept. Most tokens are lower case
        // already and are borrowed; the others are lowered into one buffer,
        // in a first pass that notes where each went, so that the second
        // can borrow from it.
        let has_upper = |w: &str| {
            // A byte loop rules out lower-case ASCII words (most of them)
            // without decoding characters.
            w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii())
                && (w.is_ascii() || w.chars().any(char::is_uppercase))
        };
        // Sized once for the whole sentence (lowering an ASCII word keeps
        // its length), to spare regrowing it word by word.
        let span = match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => b.nend.saturating_sub(a.nstart),
            _ => 0,
        };
        let mut buf = String::with_capacity(span);
        // For each token, its lowered form's span in `buf`, if lowered.
        let mut lowered: Vec<Option<(usize, usize)>> = Vec::with_capacity(toks.len());
        for t in toks {
            let w = &text[t.nstart..t.nend];
            if !has_upper(w) {
                lowered.push(None);
                continue;
            }
            let from = buf.len();
            if w.is_ascii() {
                buf.push_str(w);
                buf[from..].make_ascii_lowercase();
            } else {
                // Character by character (no final-sigma rule).
                buf.extend(w.chars().flat_map(char::to_lowercase));
            }
            lowered.push(Some((from, buf.len())));
        }
        let words: Vec<Word> = toks
            .iter()
            .zip(&lowered)
            .map(|(t, low)| {
                let w = &text[t.nstart..t.nend];
                match *low {
                    None => Word { text: w, cap: false },
                    Some((a, b)) => Word {
                        text: &buf[a..b],
                        cap: t.kind == TokenKind::Word && w.starts_with(char::is_uppercase),
                    },
                }
            })
            .collect();

        let cues = (0..words.len())
            .map(|k| match lang {
                Lang::Fr => fr::cue(&words, k),
                Lang::En => en::cue(&words, k),
                Lang::Any => match fr::cue(&words, k) {
                    Cue::None => en::cue(&words, k),
                    c => c,
                },
            })
            .collect();

        let opener = |w: Option<&Word>| {
            let w = w?.text;
            match lang {
                Lang::Fr => fr::opener(w),
                Lang::En => en::opener(w),
                Lang::Any => fr::opener(w).or_else(|| en::opener(w)),
            }
        };
        let mut ids = Vec::with_capacity(words.len());
        let mut cur = 0u32;
        let mut next = 1u32;
        let mut stack: Vec<u32> = Vec::new();
        let mut new_clause = |cur: &mut u32| {
            *cur = next;
            next += 1;
        };
        for k in 0..words.len() {
            let w = words[k].text;
            match w {
                ";" | ":" => {
                    stack.clear();
                    ids.push(cur);
                    new_clause(&mut cur);
                    continue;
                }
                "(" => {
                    stack.push(cur);
                    new_clause(&mut cur);
                }
                ")" => {
                    ids.push(cur);
                    if let Some(p) = stack.pop() {
                        cur = p;
                    }
                    continue;
                }
                "," => {
                    ids.push(cur);
                    match opener(words.get(k + 1)) {
                        Some(Opener::Relative) => {
                            stack.push(cur);
                            new_clause(&mut cur);
                        }
                        Some(_) => {
                            stack.clear();
                            new_clause(&mut cur);
                        }
                        // A comma after an embedded clause closes it.
                        None => {
                            if let Some(p) = stack.pop() {
                                cur = p;
                            }
                        }
                    }
                    continue;
                }
                _ => {
                    let after_comma = k > 0 && words[k - 1].text == ",";
                    if !after_comma {
                        match opener(Some(&words[k])) {
                            Some(Opener::Relative) => {
                                stack.push(cur);
                                new_clause(&mut cur);
                            }
                            Some(Opener::Subordinate | Opener::Coordinate { strong: true }) => {
                                stack.clear();
                                new_clause(&mut cur);
                            }
                            _ => {}
                        }
                    }
                }
            }
            ids.push(cur);
        }
        Clauses {
            lo: s.first_token,
            ids,
            cues,
        }
    }

    /// The clause id of document token `tok` (which must be in the
    /// sentence; the last clause otherwise).
    pub(crate) fn clause(&self, tok: usize) -> u32 {
        let k = tok.saturating_sub(self.lo);
        self.ids.get(k).or(self.ids.last()).copied().unwrap_or(0)
    }

    /// The tense of the words `first..end` (document token indices; the
    /// span of a time expression, or of a trigger): the nearest strong cue
    /// in their clause decides ("a annoncé jeudi la tenue du prochain
    /// sommet" is past, "se réunira jeudi, a annoncé le ministre" future);
    /// with none, a weak future cue in the clause ("prochain", "next") makes
    /// it future; with no cue in the clause, the sentence decides (future
    /// only when it has future cues and no past one). News is past by
    /// default.
    pub(crate) fn tense(&self, first: usize, end: usize) -> Tense {
        let c = self.clause(first);
        let (a, b) = (first.saturating_sub(self.lo), end.saturating_sub(self.lo));
        let mut nearest: Option<(usize, Cue)> = None;
        let (mut weak, mut sf, mut sp) = (false, false, false);
        for (k, (id, cue)) in self.ids.iter().zip(&self.cues).enumerate() {
            match cue {
                Cue::None => continue,
                Cue::Future | Cue::WeakFuture => sf = true,
                Cue::Past => sp = true,
            }
            if *id != c {
                continue;
            }
            if *cue == Cue::WeakFuture {
                weak = true;
                continue;
            }
            let d = if k < a {
                a - k
            } else {
                k.saturating_sub(b.saturating_sub(1))
            };
            // On a tie the later cue wins: the verb usually follows.
            if nearest.is_none_or(|(n, _)| d <= n) {
                nearest = Some((d, *cue));
            }
        }
        match nearest {
            Some((_, Cue::Future)) => Tense::Future,
            Some(_) => Tense::Past,
            None if weak || (sf && !sp) => Tense::Future,
            None => Tense::Past,
        }
    }
}
