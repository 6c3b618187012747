//! Recognition: from lexicon matches to coded actor mentions.
//!
//! 1. **Atoms**: every lexicon form found on word boundaries, longest first,
//!    with the case rules of [`crate::lexicon`]; a country or capital name
//!    that sits inside a person's name ("Israel Katz", "Michael Jordan",
//!    "New Mexico") is dropped.
//! 2. **Phrases**: a sector noun or title combines with a nationality or
//!    country next to it: "forces soudanaises", "Ethiopian troops",
//!    "Russia's defence ministry", "armée du Soudan", and the French
//!    insertion "ministère russe de la Défense" (head, demonym, rest of a
//!    known form).
//! 3. **Persons**: a title next to a capitalised name ("le chef de la
//!    diplomatie chinoise, Wang Yi", "President Emmanuel Macron", "Wang Yi,
//!    China's foreign minister"); an honorific and a name ("M. Barrot").
//! 4. **Light coreference** in article order: a surname named again, an
//!    honorific with a known surname, "son homologue indien" (the role of the
//!    last titled person), "les deux ministres" (the last two persons), "le
//!    pays" / "the country" (the last country named).

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use vigie_model::Actor;
use vigie_text::{Document, Token, TokenKind};

use crate::lexicon::{kind_bits as kb, Entry, Kind, Lexicon, Link};
use crate::names::{shared_sector_name, shared_title_name};
use crate::ActorMention;

/// A lexicon match kept after boundary and case checks.
#[derive(Debug, Clone)]
struct Atom {
    span: Range<usize>,
    /// The tokens of the span: `toks.end` is the first token after it.
    toks: Range<usize>,
    sentence: usize,
    /// The form's meanings; those valid only sentence-initially are skipped
    /// unless `initial`.
    links: &'static [Link],
    initial: bool,
    /// The [`kind_bits`](crate::lexicon::kind_bits) of the entries valid
    /// here, so that most tests need not read them.
    kinds: u16,
    /// An ambiguous form without its determiner: an actor only when combined
    /// with a nationality.
    weak: bool,
    /// A country or nationality before "-led" ("Saudi-led", "US-led"),
    /// which the span includes: the force or coalition after it is that
    /// country's.
    led: bool,
    /// A nationality that names an ethnic group, not citizens: "ethnic
    /// Albanians", "Turcs de souche". It gives no country: the group is
    /// placed where the event happens.
    ethnic: bool,
}

impl Atom {
    /// The entries valid at this position.
    fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.links
            .iter()
            .filter(|l| !l.initial_only || self.initial)
            .map(|l| l.entry)
    }
}

/// The coding being built for a mention. Every part is borrowed (from the
/// lexicon or the article), so codings are copied freely.
#[derive(Debug, Clone, Copy, Default)]
struct Coding<'t> {
    country: Option<&'static str>,
    sector: Option<&'static str>,
    role: Option<&'static str>,
    igo: Option<&'static str>,
    igo_name: Option<&'static str>,
    /// Name of a group, or of a person.
    proper: Option<Name<'t>>,
    person: bool,
    /// A title without a person yet.
    title: bool,
    counterpart: bool,
    plural: bool,
    /// A bare country / demonym (no sector).
    country_only: bool,
    /// Sector nouns and capitals: the name is built from sector and role.
    generic: bool,
    /// An ambiguous form with no determiner, nationality or name: dropped.
    weak: bool,
    /// A nationality adjective describing a thing ("frappes russes"): no
    /// actor of its own, but a country the event stage may use.
    adjective: bool,
    /// A person of the persons lexicon.
    known_person: bool,
}

/// A proper name: from the lexicon (shared by every actor that bears it)
/// or from the article.
#[derive(Debug, Clone, Copy)]
enum Name<'t> {
    Shared(&'static str),
    Text(&'t str),
}

impl<'t> Name<'t> {
    fn as_str(self) -> &'t str {
        match self {
            Name::Shared(s) => s,
            Name::Text(s) => s,
        }
    }
}

#[derive(Debug, Clone)]
struct Phrase<'t> {
    span: Range<usize>,
    /// The tokens of the span, as [`Atom::toks`]: the neighbours of a phrase
    /// are found without a search.
    toks: Range<usize>,
    sentence: usize,
    coding: Coding<'t>,
}

/// Capitalised words that start sentences and are never part of a name.
const FUNCTION_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "du",
    "de",
    "selon",
    "pour",
    "dans",
    "en",
    "au",
    "aux",
    "à",
    "après",
    "avant",
    "lors",
    "mais",
    "et",
    "ou",
    "car",
    "donc",
    "ce",
    "cette",
    "ces",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "after",
    "before",
    "but",
    "and",
    "or",
    "according",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "he",
    "she",
    "it",
    "they",
    "we",
    "meanwhile",
    "however",
    "earlier",
    "later",
    "since",
    "when",
    "while",
    "as",
    "if",
    "with",
    "without",
    "by",
    "from",
    "to",
    "of",
    "hier",
    "yesterday",
    "today",
    "aujourd'hui",
    // Quantities opening a sentence: "Dozens of Malian soldiers" (number
    // words are added from `vigie_text::words::NUMBER_WORDS`).
    "dozens",
    "hundreds",
    "thousands",
    "several",
    "some",
    "many",
    "plusieurs",
    "mr",
    "mrs",
    "ms",
    "m",
    "mme",
    "dr",
    "gen",
    "gén",
];

/// Lower-case particles inside names: "Abdel Fattah al-Burhan", "Ursula von der Leyen".
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ben", "ibn", "abu", "de", "da", "do", "dos", "van", "von", "der", "den", "di", "del",
    "la", "le", "du", "ould", "ag",
];

/// Whether `w` is a [`NAME_PARTICLES`] word, alone or before a hyphen
/// ("al-Burhan").
fn is_particle(w: &str) -> bool {
    let head = w.split('-').next().unwrap_or(w);
    head.len() <= 4 && NAME_PARTICLES.contains(&head)
}

/// Prepositions after which a capital is a place. French "à" is not here:
/// it also marks a recipient ("des sanctions à Téhéran"); the event stage
/// reads it by event type.
const LOCATIVES: &[&str] = &[
    "dans", "vers", "près", "depuis", "sur", "en", "in", "at", "near", "outside", "from", "across", "into",
    "around", "inside", "within", "toward", "towards",
];

/// Whether `w` is an honorific that introduces a person: "M. Barrot",
/// "Mr. Araghchi". Asked of every capitalised word: a `match` compares
/// lengths before bytes.
fn is_honorific(w: &[u8]) -> bool {
    matches!(
        w,
        b"M" | b"MM"
            | b"Mme"
            | b"Mmes"
            | b"Mlle"
            | b"Mr"
            | b"Mrs"
            | b"Ms"
            | b"Dr"
            | b"Pr"
            | b"Me"
            | b"Messrs"
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Token flags, computed once per document ([`Ctx::new`]) and read by
/// every pass: a word starting with a capital...
const CAP: u8 = 1;
/// ... an honorific ("M", "Mr", see [`is_honorific`]) ...
const HONORIFIC: u8 = 2;
/// ... whether the token is a function word ("Le", "The") is known (asked
/// of few tokens: found on first use) ...
const FUNC_KNOWN: u8 = 4;
/// ... and it is one.
const FUNC: u8 = 8;

struct Ctx<'d, 'a> {
    doc: &'d Document<'a>,
    text: &'d str,
    lex: &'static Lexicon,
    lang: &'d str,
    /// Per sentence, the index of its first non-punctuation token.
    first_words: Vec<usize>,
    /// Per token, [`CAP`], [`HONORIFIC`], [`FUNC_KNOWN`] and [`FUNC`].
    flags: Vec<Cell<u8>>,
    /// The capitalised words, the only tokens the surname pass reads.
    caps: Vec<u32>,
    /// The honorifics.
    honorifics: Vec<u32>,
    /// The tokens "pays" and "country".
    countries: Vec<u32>,
}

/// Whether `w`, lower-cased, is in `list` (lower-case words); allocates only
/// for non-ASCII words.
fn in_list(w: &str, list: &[&str]) -> bool {
    if w.is_ascii() {
        list.iter().any(|x| x.eq_ignore_ascii_case(w))
    } else {
        let l = w.to_lowercase();
        list.contains(&l.as_str())
    }
}

/// Whether `w` is one of the [`FUNCTION_WORDS`], a number word or a day of
/// the week, in any case.
fn is_function_word(w: &str) -> bool {
    // Asked of every capitalised word: a binary search in the sorted list.
    static SORTED: LazyLock<Vec<&str>> = LazyLock::new(|| {
        let mut v = FUNCTION_WORDS.to_vec();
        v.extend_from_slice(vigie_text::words::NUMBER_WORDS);
        v.extend_from_slice(vigie_text::words::FR_WEEKDAYS);
        v.extend_from_slice(vigie_text::words::EN_WEEKDAYS);
        v.sort_unstable();
        v.dedup();
        v
    });
    let mut buf = [0u8; 16];
    if w.is_ascii() && w.len() <= buf.len() {
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        let lower = std::str::from_utf8(lower).unwrap_or_default();
        SORTED.binary_search(&lower).is_ok()
    } else {
        SORTED.binary_search(&w.to_lowercase().as_str()).is_ok()
    }
}

impl<'d, 'a> Ctx<'d, 'a> {
    /// Reads the document's tokens once for what every pass asks of them.
    fn new(doc: &'d Document<'a>, lex: &'static Lexicon) -> Ctx<'d, 'a> {
        let text = &doc.norm.text[..];
        let first_words = doc
            .sentences
            .iter()
            .map(|s| {
                let toks = &doc.tokens[s.first_token..s.first_token + s.token_count];
                s.first_token
                    + toks
                        .iter()
                        .position(|t| t.kind != TokenKind::Punct)
                        .unwrap_or(toks.len())
            })
            .collect();
        let mut flags = vec![Cell::new(0u8); doc.tokens.len()];
        // About one token in six is capitalised in wire copy.
        let mut caps = Vec::with_capacity(doc.tokens.len() / 4);
        let (mut honorifics, mut countries) = (Vec::new(), Vec::new());
        let bytes = text.as_bytes();
        for (i, (t, f)) in doc.tokens.iter().zip(&mut flags).enumerate() {
            // Most tokens are ruled out by their first byte. Token spans
            // lie on char boundaries: bytes are enough.
            let first = match bytes.get(t.nstart) {
                Some(&b) if t.nend > t.nstart => b,
                _ => continue,
            };
            match first {
                b'A'..=b'Z' => {
                    let w = &bytes[t.nstart..t.nend];
                    let mut g = 0;
                    if t.kind == TokenKind::Word {
                        g = CAP;
                        caps.push(i as u32);
                    }
                    if is_honorific(w) {
                        g |= HONORIFIC;
                        honorifics.push(i as u32);
                    }
                    f.set(g);
                }
                0x80.. => {
                    let upper = text[t.nstart..t.nend]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                    if t.kind == TokenKind::Word && upper {
                        f.set(CAP);
                        caps.push(i as u32);
                    }
                }
                b'p' | b'c' if matches!(&bytes[t.nstart..t.nend], b"pays" | b"country") => {
                    countries.push(i as u32)
                }
                _ => {}
            }
        }
        Ctx {
            doc,
            text,
            lex,
            lang: &doc.lang,
            first_words,
            flags,
            caps,
            honorifics,
            countries,
        }
    }

    fn entry(&self, i: u32) -> &'static Entry {
        &self.lex.entries[i as usize]
    }

    /// Index of the token starting at normalised byte `pos`, or the first after it.
    fn token_from(&self, pos: usize) -> usize {
        self.doc.tokens.partition_point(|t| t.nstart < pos)
    }

    fn tok_text(&self, t: &Token) -> &'d str {
        &self.text[t.nstart..t.nend]
    }

    /// Whether token `i` is a word starting with a capital.
    fn cap(&self, i: usize) -> bool {
        self.flags[i].get() & CAP != 0
    }

    /// Whether token `i` is a function word, in any case.
    fn func(&self, i: usize) -> bool {
        let f = &self.flags[i];
        if f.get() & FUNC_KNOWN == 0 {
            let func = is_function_word(self.tok_text(&self.doc.tokens[i]));
            f.set(f.get() | FUNC_KNOWN | if func { FUNC } else { 0 });
        }
        f.get() & FUNC != 0
    }

    /// Whether token `i` is an honorific.
    fn honorific(&self, i: usize) -> bool {
        self.flags[i].get() & HONORIFIC != 0
    }
}

/// Text read per block: a long document is recognised a block of sentences
/// at a time (see [`recognize`]), so that each pass reads data still in the
/// cache and the vectors of a block stay small.
const BLOCK_BYTES: usize = 8 * 1024;

/// Finds the atoms of one block: lexicon matches with valid boundaries and
/// case, longest first. The block starts at token `from` and ends at the
/// first sentence start after [`BLOCK_BYTES`] of text where no atom crosses
/// or touches the cut, so that no pass sees past it; returns its atoms and
/// the token after it.
///
/// Forms start words, so the matcher is asked at each token start rather
/// than at every byte: its prefix table rules most words out, the rest leave
/// the trie after a few bytes.
fn atoms(ctx: &Ctx, from: usize) -> (Vec<Atom>, usize) {
    let text = ctx.text;
    let toks = &ctx.doc.tokens;
    let block_start = toks.get(from).map_or(0, |t| t.nstart);
    // About one word in ten starts a form in wire copy.
    let mut out: Vec<Atom> = Vec::with_capacity(toks.len().min(BLOCK_BYTES / 4) / 8);
    let mut ti = from;
    // End of the last atom: a cut right after it would part two atoms the
    // name checks read together ([`drop_name_parts`]).
    let mut last_end = 0;
    while ti < toks.len() {
        if ti > from
            && toks[ti].nstart - block_start >= BLOCK_BYTES
            && toks[ti].sentence != toks[ti - 1].sentence
            && last_end + 1 < toks[ti].nstart
        {
            break;
        }
        let (start, tok) = (ti, &toks[ti]);
        let s = tok.nstart;
        if tok.kind == TokenKind::Punct {
            ti += 1;
            continue;
        }
        let Some((p, e)) = ctx.lex.longest_at(text.as_bytes(), s) else {
            ti += 1;
            continue;
        };
        let before_ok = text[..s].chars().next_back().is_none_or(|c| !is_word_char(c));
        let last = text[s..e].chars().next_back().unwrap_or(' ');
        // English "Saudi-led coalition", "Vietnamese-led forces": a country
        // or nationality ends before "-led".
        let led = ctx.lang == "en"
            && text[e..].starts_with("-led")
            && text[e + 4..].chars().next().is_none_or(|c| !is_word_char(c))
            && ctx.lex.kinds[p][usize::from(ctx.first_words[tok.sentence] == start)]
                & (kb::COUNTRY | kb::DEMONYM_ADJ)
                != 0;
        let e = if led { e + 4 } else { e };
        let after_ok = led || last == '.' || text[e..].chars().next().is_none_or(|c| !is_word_char(c));
        if !(before_ok && after_ok) {
            // Inside a word ("échine"): look again from the next token.
            ti += 1;
            continue;
        }
        // Tokens inside the match are not starts of another.
        while ti < toks.len() && toks[ti].nstart < e {
            ti += 1;
        }
        let initial = ctx.first_words[tok.sentence] == start
            || (ctx.lex.kinds[p][1] & !ctx.lex.kinds[p][0] & HEAD != 0 && opens_name(ctx, start, &out));
        let kinds = ctx.lex.kinds[p][usize::from(initial)];
        // No meaning valid here.
        if kinds == 0 {
            continue;
        }
        let links: &'static [Link] = &ctx.lex.links[p];
        if ctx.lex.not_followed_by[p]
            .as_ref()
            .is_some_and(|w| text[e..].trim_start().starts_with(w.as_str()))
        {
            continue;
        }
        let weak = ctx.lex.with_nationality[p]
            || ctx.lex.after_determiner[p] && {
                let determined = start.checked_sub(1).is_some_and(|p| {
                    let prev = &ctx.doc.tokens[p];
                    prev.sentence == tok.sentence
                        && (prev.kind == TokenKind::Number
                            || in_list(ctx.tok_text(prev), ctx.lex.determiners)
                            || in_list(ctx.tok_text(prev), vigie_text::words::NUMBER_WORDS))
                });
                // A lower-case word after it that is no verb or preposition makes it an adjective.
                let next = toks.get(ti).filter(|n| n.sentence == tok.sentence);
                // English only: French adjectives follow their noun ("200 militaires supplémentaires").
                let adjective = ctx.lang == "en"
                    && next.is_some_and(|n| {
                        let w = ctx.tok_text(n);
                        n.kind == TokenKind::Word
                            && w.chars().next().is_some_and(char::is_lowercase)
                            && !ctx.lex.after_noun.contains(&w)
                    });
                !determined || adjective
            };
        let ethnic = kinds & (kb::DEMONYM_ADJ | kb::DEMONYM_NOUN) != 0
            && kinds & kb::COUNTRY == 0
            && if ctx.lang == "fr" {
                text[e..].starts_with(" de souche")
            } else {
                start.checked_sub(1).is_some_and(|k| {
                    toks[k].sentence == tok.sentence && ctx.tok_text(&toks[k]).eq_ignore_ascii_case("ethnic")
                })
            };
        last_end = e;
        out.push(Atom {
            span: s..e,
            toks: start..ti,
            sentence: tok.sentence,
            links,
            initial,
            kinds,
            weak,
            led,
            ethnic,
        });
    }
    (drop_name_parts(ctx, out), ti)
}

/// Determiners after which a capitalised sector noun or title opens the
/// name of a body: "Le Syndicat nigérian des enseignants", "la Cour
/// constitutionnelle lettone", "the Union".
const NAME_DETERMINERS: &[&str] = &["le", "la", "les", "l'", "du", "des", "au", "aux", "the"];

/// Whether a capitalised form starting at token `start` opens the name of a
/// body, like the first word of a sentence: after a determiner ("Le
/// Syndicat nigérian") or right after a nationality ("the Nigerian Union of
/// Teachers"). `found` holds the atoms before it.
fn opens_name(ctx: &Ctx, start: usize, found: &[Atom]) -> bool {
    let Some(p) = start.checked_sub(1) else {
        return false;
    };
    let (prev, tok) = (&ctx.doc.tokens[p], &ctx.doc.tokens[start]);
    if prev.sentence != tok.sentence || !ctx.cap(start) {
        return false;
    }
    let w = ctx.tok_text(prev);
    (w.len() <= 4 && in_list(w, NAME_DETERMINERS))
        || found.last().is_some_and(|a| {
            a.toks.end == start && a.kinds & kb::DEMONYM_ADJ != 0 && prev.nend + 1 == tok.nstart
        })
}

/// Countries, capitals and demonyms.
const PLACE_LIKE: u16 = kb::COUNTRY | kb::CITY | kb::SEAT | kb::DEMONYM_ADJ | kb::DEMONYM_NOUN;
/// Sector nouns and titles: the heads of phrases.
const HEAD: u16 = kb::SECTOR | kb::TITLE;

fn is_place_like(a: &Atom) -> bool {
    a.kinds & !PLACE_LIKE == 0
}

/// Drops country and capital names that are part of a person's or another
/// place's name: a capitalised word that is no lexicon form right before
/// ("Michael Jordan", "New Mexico") or right after ("Israel Katz").
fn drop_name_parts(ctx: &Ctx, mut atoms: Vec<Atom>) -> Vec<Atom> {
    // "Radical French farmers", "Angry French dairy farmers": a nationality
    // before the noun it qualifies is no part of a name, whatever precedes it.
    let is_adjective = |a: &Atom| a.kinds & kb::DEMONYM_ADJ != 0 && a.kinds & kb::COUNTRY == 0;
    let toks = &ctx.doc.tokens;
    let keep = |i: usize, a: &Atom| {
        if !is_place_like(a) {
            return true;
        }
        // An abbreviation ("US", "UK", "DRC") is no part of a person's name.
        let form = &ctx.text[a.span.clone()];
        if form.len() >= 2 && form.bytes().all(|b| b.is_ascii_uppercase() || b == b'.') {
            return true;
        }
        if is_adjective(a) {
            // After a title or sector atom: "président français Emmanuel Macron".
            // Atoms are in order and apart: the one ending there is just
            // before (ends grow with the index).
            let after_head = a.span.start.checked_sub(1).is_some_and(|end| {
                atoms[..i]
                    .iter()
                    .rev()
                    .take_while(|b| b.span.end >= end)
                    .any(|b| b.span.end == end && b.kinds & HEAD != 0)
            });
            let before_head = atoms.get(i + 1).is_some_and(|b| {
                b.sentence == a.sentence && b.kinds & HEAD != 0 && {
                    let g = gap(ctx.text, a.span.end, b.span.start);
                    g.is_empty() || modifier_gap(ctx, g)
                }
            });
            if after_head || before_head {
                return true;
            }
        }
        let n = a.toks.end;
        let next_is_name = toks.get(n).is_some_and(|t| {
            t.sentence == a.sentence
                && t.nstart == a.span.end + 1
                && ctx.cap(n)
                && !atoms[i + 1..]
                    .iter()
                    .take_while(|b| b.span.start <= t.nstart)
                    .any(|b| b.span.start == t.nstart)
                && !ctx.func(n)
        });
        let prev_is_name = a.toks.start.checked_sub(1).is_some_and(|p| {
            let t = &toks[p];
            // "NATO-member Norway": a compound ending in a common word is no name.
            let compound = ctx
                .tok_text(t)
                .rsplit('-')
                .next()
                .is_some_and(|last| last.starts_with(char::is_lowercase));
            t.sentence == a.sentence
                && t.nend + 1 == a.span.start
                && ctx.cap(p)
                && !compound
                && !atoms[..i]
                    .iter()
                    .rev()
                    .take_while(|b| b.span.end >= t.nend)
                    .any(|b| b.span.end == t.nend)
                && !ctx.func(p)
                && !ctx.honorific(p)
                // "Young Algerians", "Angry Iraqis": a capitalised first word
                // before a nationality (no country name: "Michael Jordan")
                // is an ordinary word.
                && !(ctx.first_words[a.sentence] == p
                    && a.kinds & (kb::DEMONYM_ADJ | kb::DEMONYM_NOUN) != 0
                    && a.kinds & (kb::COUNTRY | kb::CITY) == 0)
        });
        !(next_is_name || prev_is_name)
    };
    // Usually none.
    let dropped: Vec<usize> = (0..atoms.len()).filter(|&i| !keep(i, &atoms[i])).collect();
    if !dropped.is_empty() {
        let mut i = 0;
        atoms.retain(|_| {
            i += 1;
            dropped.binary_search(&(i - 1)).is_err()
        });
    }
    atoms
}

/// The text between two spans, trimmed ("" when they touch or overlap).
/// Every gap the recogniser reads is a few words ("'s", "de la", ", the");
/// a longer one is returned as a marker that matches none of them.
fn gap(text: &str, a: usize, b: usize) -> &str {
    if a > b {
        ""
    } else if b - a > 24 {
        "\u{0}"
    } else {
        trim(&text[a..b])
    }
}

/// [`str::trim`], without decoding chars when the ends are ASCII (gaps are
/// spaces and punctuation).
fn trim(s: &str) -> &str {
    // ASCII White_Space: tab, line feed, vertical tab, form feed, carriage return, space.
    let ws = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
    let b = s.as_bytes();
    let start = b.iter().position(|c| !ws(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !ws(c)).map_or(start, |e| e + 1);
    // Where a non-ASCII char is next, it may be a space of its own.
    if b.get(start).is_some_and(|c| !c.is_ascii()) || (end > start && !b[end - 1].is_ascii()) {
        s.trim()
    } else {
        &s[start..end]
    }
}

/// Words that qualify a title or a sector noun without changing who it is:
/// "Taiwan's Vice Foreign Minister", "Nigerian junior foreign minister".
const TITLE_QUALIFIERS: &[&str] = &[
    "vice", "deputy", "acting", "junior", "senior", "former", "interim", "first", "chief", "top", "new",
    "outgoing", "incoming",
];

/// Lower-case words that end a noun phrase rather than qualify its head.
const PHRASE_BREAKS: &[&str] = &[
    "and", "or", "but", "of", "in", "on", "at", "by", "for", "from", "to", "with", "against", "the", "a",
    "an", "its", "their", "his", "her", "who", "which", "that", "has", "have", "had", "was", "were", "is",
    "are", "will", "would", "also", "not",
];

/// The gap between a nationality (or "Country's") and the head noun it
/// qualifies in English, across one modifier: "Israeli intelligence
/// officials", "Taiwan's Vice Foreign Minister", "Angry French paper
/// workers". A verb or preposition there means two phrases: "Israeli
/// strikes killed militants" stays apart.
fn modifier_gap(ctx: &Ctx, g: &str) -> bool {
    if ctx.lang != "en" {
        return false;
    }
    let w = g.strip_prefix("'s").unwrap_or(g).trim();
    w.chars().all(|c| c.is_alphabetic())
        && !w.is_empty()
        && (in_list(w, TITLE_QUALIFIERS)
            || (w.starts_with(char::is_lowercase)
                && !w.ends_with("ed")
                && !w.ends_with("ing")
                && (!w.ends_with('s') || w.ends_with("ss"))
                && !in_list(w, PHRASE_BREAKS)
                && !ctx.lex.after_noun.contains(&w)))
}

/// "forces in Guinea", "manifestants à Bamako", "students throughout Indonesia".
fn is_in_gap(g: &str) -> bool {
    [
        "in",
        "in the",
        "throughout",
        "across",
        "inside",
        "à",
        "au",
        "en",
        "dans",
        "partout en",
        "à travers",
        "à travers le",
        "à travers la",
        "à travers l'",
        "through",
    ]
    .iter()
    .any(|x| x.eq_ignore_ascii_case(g))
}

/// "armée du Soudan", "secretary-general of the UN".
fn is_of_gap(g: &str) -> bool {
    [
        "de", "du", "de la", "de l'", "d'", "des", "of", "of the", "for", "for the",
    ]
    .iter()
    .any(|x| x.eq_ignore_ascii_case(g))
}

/// The country of a people named with it: "Bosnian Serbs", "Kosovo
/// Albanians" (a nationality or country before a plural nationality noun),
/// "Serbes de Bosnie", "Kurdes d'Irak"
/// (a nationality noun, "de", a country). The country is where they live.
fn people_of(ctx: &Ctx, a: &Atom, b: &Atom) -> Option<&'static str> {
    if a.ethnic || b.ethnic || has(b, HEAD) {
        return None;
    }
    let g = gap(ctx.text, a.span.end, b.span.start);
    if ctx.lang == "en" {
        let plural_people =
            has(b, kb::DEMONYM_NOUN) && !has(b, kb::COUNTRY) && ctx.text[b.span.clone()].ends_with('s');
        (g.is_empty() && has(a, kb::DEMONYM_ADJ | kb::COUNTRY) && plural_people)
            .then(|| modifier_country(ctx, a))
            .flatten()
    } else {
        (matches!(g, "de" | "d'" | "du")
            && has(a, kb::DEMONYM_NOUN)
            && !has(a, kb::COUNTRY)
            && has(b, kb::COUNTRY))
        .then(|| modifier_country(ctx, b))
        .flatten()
    }
}

/// "dirigées par le", "menées par l'", "led by the": the words between a
/// force and the country at its head (English "Vietnamese-led" is read by
/// [`atoms`]).
fn is_led_gap(g: &str) -> bool {
    const LED: &[&str] = &[
        "dirigé",
        "dirigée",
        "dirigés",
        "dirigées",
        "mené",
        "menée",
        "menés",
        "menées",
        "conduit",
        "conduite",
        "conduits",
        "conduites",
        "commandé",
        "commandée",
        "commandés",
        "commandées",
        "led",
    ];
    let Some((verb, rest)) = g.split_once(' ') else {
        return false;
    };
    let rest = rest.trim_start();
    let after = rest
        .strip_prefix("par")
        .or_else(|| rest.strip_prefix("by"))
        .filter(|r| r.is_empty() || r.starts_with(' '));
    LED.contains(&verb) && after.is_some_and(|r| matches!(r.trim(), "" | "le" | "la" | "l'" | "les" | "the"))
}

/// French words that are no adjective between a head and a nationality.
const NOT_QUALIFIERS: &[&str] = &[
    "par", "pour", "sans", "sous", "chez", "entre", "vers", "comme", "dont", "où",
];

/// A French adjective between a head and the nationality that follows it:
/// "guérilleros nationalistes irlandais", "président sortant ivoirien". One
/// lower-case word that is no verb, preposition or determiner.
fn qualifier_gap(ctx: &Ctx, g: &str) -> bool {
    ctx.lang == "fr"
        && g.starts_with(char::is_lowercase)
        && g.chars().all(|c| c.is_alphabetic() || c == '-')
        && !ctx.lex.after_noun.contains(&g)
        && !in_list(g, ctx.lex.determiners)
        && !in_list(g, NOT_QUALIFIERS)
}

/// The first of an atom's meanings valid here of a kind in `kinds` (a set
/// of [`kind_bits`](crate::lexicon::kind_bits)).
fn first_of(ctx: &Ctx, a: &Atom, kinds: u16) -> Option<&'static Entry> {
    if a.kinds & kinds == 0 {
        return None;
    }
    a.ids().map(|e| ctx.entry(e)).find(|e| e.kind.bit() & kinds != 0)
}

/// Whether an atom has a meaning valid here of a kind in `kinds`.
fn has(a: &Atom, kinds: u16) -> bool {
    a.kinds & kinds != 0
}

/// The country an atom stands for when it modifies a head.
fn modifier_country(ctx: &Ctx, a: &Atom) -> Option<&'static str> {
    if a.ethnic {
        return None;
    }
    first_of(ctx, a, kb::DEMONYM_ADJ | kb::COUNTRY | kb::CITY).and_then(|e| match &e.kind {
        Kind::DemonymAdj { iso3 } | Kind::Country { iso3 } | Kind::Capital { iso3, .. } => {
            Some(iso3.as_str())
        }
        _ => None,
    })
}

fn modifier_igo(ctx: &Ctx, a: &Atom) -> Option<(&'static str, &'static str, &'static str)> {
    first_of(ctx, a, kb::IGO).and_then(|e| match &e.kind {
        Kind::Igo { code, name, sector } => Some((code.as_str(), name.as_str(), sector.as_str())),
        _ => None,
    })
}

/// A seat of power or an armed group a title belongs to: its country and sector.
fn modifier_body(ctx: &Ctx, a: &Atom) -> Option<(Option<&'static str>, &'static str)> {
    first_of(ctx, a, kb::SEAT | kb::GROUP).and_then(|e| match &e.kind {
        Kind::Capital { iso3, sector, .. } => Some((Some(iso3.as_str()), sector.as_deref().unwrap_or("GOV"))),
        Kind::Group { country, sector, .. } => Some((country.as_deref(), sector.as_str())),
        _ => None,
    })
}

fn head_coding(entry: &'static Entry) -> Coding<'static> {
    match &entry.kind {
        Kind::Sector { sector, role } => Coding {
            sector: Some(sector.as_str()),
            role: role.as_deref(),
            plural: entry.plural,
            generic: true,
            ..Default::default()
        },
        Kind::Title {
            role,
            sector,
            counterpart,
        } => Coding {
            sector: sector.as_deref(),
            role: (!counterpart).then_some(role.as_str()),
            title: true,
            counterpart: *counterpart,
            plural: entry.plural,
            ..Default::default()
        },
        _ => Coding::default(),
    }
}

/// The coding of an atom standing alone.
fn standalone(ctx: &Ctx, a: &Atom) -> Option<Coding<'static>> {
    // Prefer the more specific reading.
    let rank = |k: &Kind| match k {
        Kind::Person { .. } => 0,
        Kind::Group { .. } => 0,
        Kind::Igo { .. } => 1,
        Kind::Title { .. } => 2,
        Kind::Sector { .. } => 3,
        Kind::Capital { .. } => 4,
        Kind::Country { .. } => 5,
        Kind::DemonymNoun { .. } => 6,
        Kind::DemonymAdj { .. } => 7,
    };
    let entry = a.ids().map(|e| ctx.entry(e)).min_by_key(|e| rank(&e.kind))?;
    Some(match &entry.kind {
        Kind::Country { iso3 } | Kind::DemonymNoun { iso3 } | Kind::DemonymAdj { iso3 } => Coding {
            country: Some(iso3.as_str()),
            country_only: true,
            ..Default::default()
        },
        Kind::Capital { iso3, sector, .. } => Coding {
            country: Some(iso3.as_str()),
            sector: Some(sector.as_deref().unwrap_or("GOV")),
            generic: true,
            ..Default::default()
        },
        Kind::Igo { code, name, sector } => Coding {
            sector: Some(sector.as_str()),
            igo: Some(code.as_str()),
            igo_name: Some(name.as_str()),
            ..Default::default()
        },
        Kind::Group {
            name,
            country,
            sector,
        } => Coding {
            country: country.as_deref(),
            sector: Some(sector.as_str()),
            proper: Some(Name::Shared(name.as_str())),
            ..Default::default()
        },
        Kind::Person {
            name,
            country,
            sector,
            role,
            igo,
        } => Coding {
            country: country.as_deref(),
            sector: Some(sector.as_str()),
            role: Some(role.as_str()),
            igo: igo.as_deref(),
            proper: Some(Name::Shared(name.as_str())),
            person: true,
            title: true,
            known_person: true,
            ..Default::default()
        },
        Kind::Sector { .. } | Kind::Title { .. } => head_coding(entry),
    })
}

/// Joins a title and the known person it names, side by side or in
/// apposition: "President Yoweri Museveni", "U.S. President George Bush",
/// "Sergei Lavrov, Russia's foreign minister". The title's words win (the
/// text says which office); the person fills what the title leaves open.
fn join_known_persons<'a>(ctx: &Ctx<'_, 'a>, phrases: &mut Vec<Phrase<'a>>) {
    if !phrases.iter().any(|p| p.coding.known_person) {
        return;
    }
    // In place: the phrases kept are `phrases[..kept]`.
    let mut kept = 0;
    for i in 0..phrases.len() {
        let (out, rest) = phrases.split_at_mut(kept);
        let p = &mut rest[i - kept];
        // "Mr. Araghchi", "M. Poutine": the honorific belongs to the name.
        if p.coding.known_person {
            let toks = &ctx.doc.tokens;
            let mut k = p.toks.start.checked_sub(1);
            if k.is_some_and(|k| ctx.tok_text(&toks[k]) == ".") {
                k = k.and_then(|k| k.checked_sub(1));
            }
            if let Some(k) = k {
                let t = &toks[k];
                let close = p.span.start - t.nend <= 2 && t.sentence == p.sentence;
                let taken = out.last().is_some_and(|q: &Phrase| q.span.end > t.nstart);
                if close && !taken && ctx.honorific(k) {
                    p.span.start = t.nstart;
                    p.toks.start = k;
                }
            }
        }
        // Only a known person joins: the gap is read for those alone.
        let prev = out.last_mut().filter(|prev| {
            (p.coding.known_person || prev.coding.known_person) && prev.sentence == p.sentence
        });
        if let Some(prev) = prev {
            let g = gap(ctx.text, prev.span.end, p.span.start);
            // An apposition: ", the", ", le".
            let g = if matches!(g, ", the" | ", le" | ", la" | ", l'") {
                ","
            } else {
                g
            };
            let close = matches!(g, "" | ",");
            let title_then_person = prev.coding.title && !prev.coding.person && p.coding.known_person;
            let person_then_title =
                prev.coding.known_person && p.coding.title && !p.coding.person && g == ",";
            if close && (title_then_person || person_then_title) {
                let (title, person) = if title_then_person {
                    (prev.coding, p.coding)
                } else {
                    (p.coding, prev.coding)
                };
                prev.span.end = p.span.end;
                prev.toks.end = p.toks.end;
                prev.coding = Coding {
                    country: title.country.or(person.country),
                    sector: title.sector.or(person.sector),
                    role: title.role.or(person.role),
                    igo: title.igo.or(person.igo),
                    igo_name: title.igo_name,
                    ..person
                };
                continue;
            }
        }
        if kept != i {
            phrases[kept] = phrases[i].clone();
        }
        kept += 1;
    }
    phrases.truncate(kept);
}

/// A French insertion: start and end of the phrase, head entry, index of
/// its first token.
type Insertion = (usize, usize, u32, usize);

/// The French insertion "ministère russe de la Défense": the words before a
/// demonym plus the text after it form a known head form. Returns the start
/// of the phrase, its end and the head entry.
fn inserted_demonym(ctx: &Ctx, d: &Atom) -> Option<Insertion> {
    let toks = &ctx.doc.tokens;
    let first = d.toks.start.checked_sub(1)?;
    let after = &ctx.text[d.span.end..];
    let after = after.trim_start_matches(' ');
    let after_start = ctx.text.len() - after.len();
    // Known head forms are short: look at most ~96 bytes ahead.
    let mut cut = after.len().min(96);
    while !after.is_char_boundary(cut) {
        cut -= 1;
    }
    let after = &after[..cut];
    let mut best: Option<Insertion> = None;
    // The candidate, "words before" + " " + "text after", in one buffer.
    let mut buf = [0u8; 256];
    let mut k = first;
    for _ in 0..4 {
        let t = &toks[k];
        if t.sentence != d.sentence || (t.kind == TokenKind::Punct && ctx.tok_text(t) != "'") {
            break;
        }
        let prefix = &ctx.text[t.nstart..d.span.start];
        let prefix = prefix.trim_end();
        let n = prefix.len() + 1 + after.len();
        let found = if n <= buf.len() {
            buf[..prefix.len()].copy_from_slice(prefix.as_bytes());
            buf[prefix.len()] = b' ';
            buf[prefix.len() + 1..n].copy_from_slice(after.as_bytes());
            ctx.lex.longest_prefix(buf[..n].iter().copied())
        } else {
            ctx.lex
                .longest_prefix(prefix.bytes().chain([b' ']).chain(after.bytes()))
        };
        if let Some((pattern, len)) = found {
            // A form that ends before the text after the demonym: nothing
            // is inserted. (The same token would be tried again: stop.)
            if len <= prefix.len() + 1 {
                break;
            }
            // The match must end on a word boundary of the text.
            let end = after_start + (len - prefix.len() - 1);
            if ctx.text[end..].chars().next().is_some_and(is_word_char) {
                break;
            }
            let head = ctx.lex.links[pattern]
                .iter()
                .find(|l| ctx.entry(l.entry).kind.bit() & HEAD != 0)
                .map(|l| l.entry);
            if let Some(h) = head {
                if best.is_none_or(|b| end > b.1 || (end == b.1 && t.nstart < b.0)) {
                    best = Some((t.nstart, end, h, k));
                }
            }
        }
        match k.checked_sub(1) {
            Some(p) => k = p,
            None => break,
        }
    }
    best
}

/// Pushes the phrase of a French insertion (`s..e`, head entry `h`, the
/// nationality atom `d`), absorbing the earlier phrases inside it; returns
/// the index of the first atom after it, searching from `from`.
fn push_insertion(
    ctx: &Ctx,
    atoms: &[Atom],
    out: &mut Vec<Phrase>,
    from: usize,
    d: &Atom,
    (s, e, h, first): Insertion,
) -> usize {
    let mut coding = head_coding(ctx.entry(h));
    coding.country = modifier_country(ctx, d);
    while out
        .last()
        .is_some_and(|p| p.span.start >= s && p.sentence == d.sentence)
    {
        out.pop();
    }
    let mut j = from;
    while j < atoms.len() && atoms[j].span.start < e {
        j += 1;
    }
    out.push(Phrase {
        span: s..e,
        toks: first..ctx.token_from(e),
        sentence: d.sentence,
        coding,
    });
    j
}

/// Builds phrases from atoms: combinations of heads with countries.
fn phrases(ctx: &Ctx, atoms: &[Atom]) -> Vec<Phrase<'static>> {
    let mut out: Vec<Phrase> = Vec::with_capacity(atoms.len());
    // A demonym is tried as an insertion after the atom before it, then
    // again as an atom of its own: the last answer, by atom index.
    let mut last: Option<(usize, Option<Insertion>)> = None;
    let mut insertion = |i: usize| match last {
        Some((j, found)) if j == i => found,
        _ => {
            let found = inserted_demonym(ctx, &atoms[i]);
            last = Some((i, found));
            found
        }
    };
    let mut i = 0;
    while i < atoms.len() {
        let a = &atoms[i];
        let next = atoms.get(i + 1).filter(|b| b.sentence == a.sentence);
        let head_a = first_of(ctx, a, HEAD);
        // French insertion, anchored on a demonym: "ministre russe des Affaires étrangères".
        if let Some(d) = next.filter(|b| has(b, kb::DEMONYM_ADJ)) {
            if let Some(found) = insertion(i + 1).filter(|&(s, e, _, _)| s <= a.span.start && e > d.span.end)
            {
                i = push_insertion(ctx, atoms, &mut out, i + 2, d, found);
                continue;
            }
        }
        if head_a.is_none() {
            // An insertion whose head is no atom of its own: "ministère russe de la Défense".
            if has(a, kb::DEMONYM_ADJ) {
                if let Some(found) = insertion(i).filter(|&(_, e, _, _)| e > a.span.end) {
                    i = push_insertion(ctx, atoms, &mut out, i + 1, a, found);
                    continue;
                }
            }
            // A people of a country: "Bosnian Serbs", "Serbes de Bosnie".
            if let Some((b, country)) = next.and_then(|b| Some((b, people_of(ctx, a, b)?))) {
                out.push(Phrase {
                    span: a.span.start..b.span.end,
                    toks: a.toks.start..b.toks.end,
                    sentence: a.sentence,
                    coding: Coding {
                        country: Some(country),
                        country_only: true,
                        ..Default::default()
                    },
                });
                i += 2;
                continue;
            }
            // Modifier before a head: "Ethiopian troops", "Russia's defence ministry", "UN chief".
            if let Some(b) = next {
                let adjacent = || {
                    let g = gap(ctx.text, a.span.end, b.span.start);
                    g.is_empty() || g == "'s" || g == "'" || modifier_gap(ctx, g)
                };
                if let Some(h) = first_of(ctx, b, HEAD).filter(|_| adjacent()) {
                    let mut coding = head_coding(h);
                    let combined = if let Some(c) = modifier_country(ctx, a) {
                        coding.country = Some(c);
                        true
                    } else if a.ethnic {
                        // "ethnic Albanian guerrillas": no country.
                        true
                    } else if let Some((code, name, sector)) = modifier_igo(ctx, a) {
                        coding.igo = Some(code);
                        coding.igo_name = Some(name);
                        if coding.title {
                            coding.sector = Some(sector);
                        }
                        true
                    } else if let Some((country, sector)) = modifier_body(ctx, a).filter(|_| coding.title) {
                        // "Kremlin spokesman", "Hamas commander".
                        coding.sector = coding.sector.or(Some(sector));
                        coding.country = country;
                        true
                    } else {
                        false
                    };
                    if combined {
                        out.push(Phrase {
                            span: a.span.start..b.span.end,
                            toks: a.toks.start..b.toks.end,
                            sentence: a.sentence,
                            coding,
                        });
                        i += 2;
                        continue;
                    }
                }
            }
        }
        if let Some(h) = head_a {
            let mut coding = head_coding(h);
            let mut end = a.span.end;
            let mut j = i + 1;
            // What may follow a head: a nationality, a country, an
            // organisation, a body. The gap is read only then.
            const MODIFIER: u16 = kb::DEMONYM_ADJ | kb::COUNTRY | kb::CITY | kb::IGO | kb::SEAT | kb::GROUP;
            if let Some(b) = next.filter(|b| has(b, MODIFIER)) {
                let g = gap(ctx.text, a.span.end, b.span.start);
                if (g.is_empty() || qualifier_gap(ctx, g)) && has(b, kb::DEMONYM_ADJ) {
                    // "forces soudanaises", "chef de la diplomatie chinoise"
                    // ("civils serbes de souche": none).
                    coding.country = modifier_country(ctx, b);
                    end = b.span.end;
                    j = i + 2;
                } else if is_of_gap(g) || is_of_gap(skip_word(g)) {
                    // "armée du Soudan", "secrétaire général de l'ONU",
                    // "police nationale d'Haïti" (one adjective between).
                    if let Some(c) = modifier_country(ctx, b).filter(|_| has(b, kb::COUNTRY | kb::CITY)) {
                        coding.country = Some(c);
                        end = b.span.end;
                        j = i + 2;
                    } else if let Some((code, name, sector)) = modifier_igo(ctx, b) {
                        coding.igo = Some(code);
                        coding.igo_name = Some(name);
                        if coding.title {
                            coding.sector = Some(sector);
                        }
                        end = b.span.end;
                        j = i + 2;
                    } else if let Some((country, sector)) = modifier_body(ctx, b).filter(|_| coding.title) {
                        // "porte-parole du Kremlin", "chef du Hamas".
                        coding.country = country;
                        coding.sector = coding.sector.or(Some(sector));
                        end = b.span.end;
                        j = i + 2;
                    }
                }
            }
            // "Security forces in Guinea", "Demonstrators in Baghdad": a
            // sector noun with no nationality takes the country it is in;
            // "forces dirigées par le Vietnam", "troops led by Nigeria": the
            // country that leads them.
            if coding.country.is_none() && coding.igo.is_none() && !coding.title && j == i + 1 {
                if let Some(b) = next {
                    let g = gap(ctx.text, a.span.end, b.span.start);
                    if has(b, kb::COUNTRY | kb::CITY) && (is_in_gap(g) || is_led_gap(g)) {
                        coding.country = modifier_country(ctx, b);
                        end = b.span.end;
                        j = i + 2;
                    }
                }
            }
            coding.weak = a.weak && coding.country.is_none() && coding.igo.is_none();
            let end_tok = next
                .filter(|b| b.span.end == end)
                .map_or(a.toks.end, |b| b.toks.end);
            out.push(Phrase {
                span: a.span.start..end,
                toks: a.toks.start..end_tok,
                sentence: a.sentence,
                coding,
            });
            i = j;
            continue;
        }
        // "Saudi-led coalition": the coalition of that country's forces (no
        // sector noun of its own: "the ruling coalition" is no army).
        if a.led {
            let coalition = ctx.doc.tokens.get(a.toks.end).filter(|n| {
                n.sentence == a.sentence
                    && n.nstart == a.span.end + 1
                    && matches!(ctx.tok_text(n), "coalition" | "coalitions")
            });
            if let (Some(n), Some(country)) = (coalition, modifier_country(ctx, a)) {
                out.push(Phrase {
                    span: a.span.start..n.nend,
                    toks: a.toks.start..a.toks.end + 1,
                    sentence: a.sentence,
                    coding: Coding {
                        country: Some(country),
                        sector: Some("MIL"),
                        plural: n.nend - n.nstart > "coalition".len(),
                        generic: true,
                        ..Default::default()
                    },
                });
                i += 1;
                continue;
            }
        }
        // A nationality alone describes a thing ("drones ukrainiens", "Russian
        // gas"); one that leads ("a Qatar-led mediation") is an actor.
        let has_adj = has(a, kb::DEMONYM_ADJ) && !a.led;
        let before_noun = ctx.doc.tokens.get(a.toks.end).is_some_and(|n| {
            n.sentence == a.sentence
                && n.kind == TokenKind::Word
                && ctx.tok_text(n).chars().next().is_some_and(char::is_lowercase)
                && !ctx.lex.after_noun.contains(&ctx.tok_text(n))
        });
        let adjective_only = has_adj && (before_noun || a.kinds & !kb::DEMONYM_ADJ == 0);
        // A capital after a locative preposition is a place, not a
        // government: "manifesté à Paris", "protests in Nairobi".
        let capital_city = a.kinds & !kb::CITY == 0;
        // "in Nairobi", "in central Nairobi".
        let located = capital_city
            && a.toks.start.checked_sub(1).is_some_and(|p| {
                let t = &ctx.doc.tokens[p];
                let lower_word = t.kind == TokenKind::Word && ctx.tok_text(t).starts_with(char::is_lowercase);
                let t = if lower_word && p > 0 && !in_list(ctx.tok_text(t), LOCATIVES) {
                    &ctx.doc.tokens[p - 1]
                } else {
                    t
                };
                t.sentence == a.sentence && in_list(ctx.tok_text(t), LOCATIVES)
            });
        if located {
            i += 1;
            continue;
        }
        // "ethnic Albanians", "Albanais de souche": a people, placed where
        // the event happens.
        if a.ethnic && has(a, kb::DEMONYM_NOUN) {
            out.push(Phrase {
                span: a.span.clone(),
                toks: a.toks.clone(),
                sentence: a.sentence,
                coding: Coding {
                    sector: Some("CVL"),
                    plural: true,
                    generic: true,
                    ..Default::default()
                },
            });
            i += 1;
            continue;
        }
        if let Some(mut coding) = standalone(ctx, a) {
            coding.adjective = adjective_only;
            out.push(Phrase {
                span: a.span.clone(),
                toks: a.toks.clone(),
                sentence: a.sentence,
                coding,
            });
        }
        i += 1;
    }
    out
}

/// Reads a capitalised name starting at token `i`: returns its token range.
/// Whether `pos` lies in one of `spans` (sorted by start, not overlapping).
fn covered(spans: &[Range<usize>], pos: usize) -> bool {
    let i = spans.partition_point(|r| r.start <= pos);
    i > 0 && pos < spans[i - 1].end
}

fn name_at(ctx: &Ctx, i: usize, sentence: usize, taken: &[Range<usize>]) -> Option<Range<usize>> {
    let toks = &ctx.doc.tokens;
    let mut j = i;
    let mut words = 0;
    while j < toks.len() && toks[j].sentence == sentence && words < 5 {
        let t = &toks[j];
        if covered(taken, t.nstart) {
            break;
        }
        let w = ctx.tok_text(t);
        // Names are one space apart.
        if j > i && toks[j - 1].nend + 1 != t.nstart {
            break;
        }
        if ctx.cap(j) && !ctx.func(j) {
            words += 1;
            j += 1;
            continue;
        }
        // "al-Burhan", "von der Leyen": a particle inside a name.
        let next_cap = j + 1 < toks.len() && ctx.cap(j + 1);
        if words > 0 && is_particle(w) && (w.contains('-') || next_cap) {
            if w.contains('-') {
                words += 1;
            }
            j += 1;
            continue;
        }
        break;
    }
    // Do not end on a particle.
    while j > i && !ctx.cap(j - 1) && !ctx.tok_text(&toks[j - 1]).contains('-') {
        j -= 1;
    }
    (words > 0 && j > i).then_some(i..j)
}

fn name_text<'a>(ctx: &Ctx<'_, 'a>, r: &Range<usize>) -> &'a str {
    let toks = &ctx.doc.tokens;
    ctx.doc.original_text(toks[r.start].nstart, toks[r.end - 1].nend)
}

/// Attaches names to titles: "President Emmanuel Macron", "chef de la
/// diplomatie chinoise, Wang Yi", "Wang Yi, le chef de la diplomatie chinoise".
fn attach_names<'a>(ctx: &Ctx<'_, 'a>, phrases: &mut [Phrase<'a>]) {
    if !phrases.iter().any(|p| p.coding.title && !p.coding.plural) {
        return;
    }
    let taken: Vec<Range<usize>> = phrases.iter().map(|p| p.span.clone()).collect();
    let toks = &ctx.doc.tokens;
    for p in phrases.iter_mut() {
        if !p.coding.title || p.coding.plural {
            continue;
        }
        // Name after the title: "President Emmanuel Macron" or ", Wang Yi".
        let mut i = p.toks.end;
        if let Some(t) = toks.get(i) {
            if ctx.tok_text(t) == "," && t.nstart == p.span.end {
                i += 1;
            }
        }
        // Abbreviated ranks before the name: "Gen. Smith" is itself a title; skip.
        if let Some(r) = name_at(ctx, i, p.sentence, &taken) {
            let start_ok = toks[r.start].nstart <= p.span.end + 2;
            if start_ok {
                p.coding.proper = Some(Name::Text(name_text(ctx, &r)));
                p.coding.person = true;
                p.span.end = toks[r.end - 1].nend;
                p.toks.end = r.end;
                continue;
            }
        }
        // Name before: "Wang Yi, le chef ..." / "Sergei Lavrov, Russia's foreign minister".
        let Some(mut k) = p.toks.start.checked_sub(1) else {
            continue;
        };
        // Skip a determiner or possessive between the comma and the title
        // (none is longer than three bytes, in any case).
        let w = ctx.tok_text(&toks[k]);
        if w.len() <= 3 && in_list(w, &["le", "la", "l'", "the", "son", "sa", "his", "her"]) {
            match k.checked_sub(1) {
                Some(x) => k = x,
                None => continue,
            }
        }
        if ctx.tok_text(&toks[k]) != "," || toks[k].sentence != p.sentence {
            continue;
        }
        let Some(end) = k.checked_sub(1) else { continue };
        // Walk back over the name.
        let mut s = end + 1;
        while s > 0 {
            let t = &toks[s - 1];
            let ok = t.sentence == p.sentence
                && (ctx.cap(s - 1) || NAME_PARTICLES.iter().any(|x| ctx.tok_text(t).starts_with(x)))
                && !ctx.func(s - 1)
                && !covered(&taken, t.nstart)
                && (s == end + 1 || toks[s - 1].nend + 1 == toks[s].nstart);
            if !ok {
                break;
            }
            s -= 1;
        }
        if s <= end && ctx.cap(s) {
            let r = s..end + 1;
            p.coding.proper = Some(Name::Text(name_text(ctx, &r)));
            p.coding.person = true;
            p.span.start = toks[s].nstart;
            p.toks.start = s;
        }
    }
}

/// Builds the output actor from a coding.
fn actor(ctx: &Ctx, span: &Range<usize>, c: &Coding) -> Actor {
    let lex: &'static Lexicon = ctx.lex;
    let country_name = c.country.map(|i| lex.country_name(i));
    let name: Cow<'static, str> = if let Some(p) = c.proper {
        match p {
            Name::Shared(n) => Cow::Borrowed(n),
            Name::Text(n) => Cow::Owned(n.to_string()),
        }
    } else if c.country_only {
        Cow::Borrowed(country_name.unwrap_or_default())
    } else if c.title {
        Cow::Borrowed(shared_title_name(
            c.role.unwrap_or("official"),
            country_name,
            c.igo,
        ))
    } else if c.generic {
        Cow::Borrowed(shared_sector_name(c.sector.unwrap_or("-"), c.role, country_name))
    } else if let Some(n) = c.igo_name {
        Cow::Borrowed(n)
    } else {
        Cow::Borrowed(country_name.unwrap_or_default())
    };
    Actor {
        text: ctx.doc.original_text(span.start, span.end).to_string(),
        name,
        country: c.country.map(Cow::Borrowed),
        sector: c.sector.map(Cow::Borrowed),
        role: c.role.map(Cow::Borrowed),
        igo: c.igo.map(Cow::Borrowed),
    }
}

/// Countries that one mention takes from the next, read after names are
/// attached:
/// - a body of a known person: "le gouvernement militaire du président
///   Prosper Avril", "the government of President Museveni" (across "of" /
///   "du" and at most one lower-case word before it);
/// - a person of a country: "le roi Hassan du Maroc" (one mention);
/// - a generic noun in apposition with a named group: "the main Hutu rebel
///   group, Forces for Defence of Democracy", "le principal groupe rebelle
///   hutu, les Forces pour la défense de la démocratie";
/// - a union of its members: "le Syndicat nigérian des enseignants" (one
///   mention: the teachers are the union's, not another actor).
fn borrow_countries(ctx: &Ctx, phrases: &mut Vec<Phrase>) {
    let mut merged = false;
    for i in 1..phrases.len() {
        let (before, after) = phrases.split_at_mut(i);
        let (p, q) = (&mut before[i - 1], &mut after[0]);
        if p.sentence != q.sentence || p.span.end > q.span.start || p.coding.igo.is_some() {
            continue;
        }
        let g = gap(ctx.text, p.span.end, q.span.start);
        let c = &p.coding;
        let body = c.generic && c.country.is_none() && c.proper.is_none();
        // A known person's body, or a group in apposition.
        let of_person = q.coding.person && is_of_gap(skip_word(g));
        let apposed_group = q.coding.proper.is_some() && !q.coding.person && apposition_gap(g);
        if body && q.coding.country.is_some() && (of_person || apposed_group) {
            p.coding.country = q.coding.country;
        } else if c.person
            && c.country.is_none()
            && q.coding.country_only
            && has_country_name(ctx, q)
            && is_of_gap(g)
        {
            p.coding.country = q.coding.country;
            absorb(p, q);
            merged = true;
        } else if c.role == Some("union")
            && c.country.is_some()
            && q.coding.generic
            && q.coding.country.is_none()
            && !q.coding.title
            && matches!(g, "des" | "de" | "du" | "of")
        {
            absorb(p, q);
            merged = true;
        }
    }
    if merged {
        // An absorbed phrase is left empty.
        phrases.retain(|p| !p.span.is_empty());
    }
}

/// Possessives before a body or a title with no country of its own.
const POSSESSIVES: &[&str] = &["leur", "leurs", "son", "sa", "ses", "their", "its", "his", "her"];

/// "Les Serbes de Bosnie ont annoncé que leurs forces...", "Bosnian Serbs
/// said their forces...": a body or a title after a possessive belongs to
/// the first actor of the sentence with a country, its usual subject; after
/// English "his" / "her", to the last person named ("unless President
/// Goukouni arranged a ceasefire with rebels fighting to topple his
/// government").
fn possessed(ctx: &Ctx, phrases: &mut [Phrase]) {
    let toks = &ctx.doc.tokens;
    // The sentence's first actor with a country, and its last person with one.
    let mut first: Option<(usize, &'static str)> = None;
    let mut person: Option<(usize, &'static str)> = None;
    for p in phrases.iter_mut() {
        let c = &p.coding;
        let owner = p
            .toks
            .start
            .checked_sub(1)
            .map(|k| &toks[k])
            .filter(|t| t.sentence == p.sentence)
            .map(|t| ctx.tok_text(t))
            .filter(|w| in_list(w, POSSESSIVES));
        let owned = c.country.is_none()
            && c.igo.is_none()
            && c.proper.is_none()
            && !c.counterpart
            && (c.generic || c.title);
        if let Some(w) = owner.filter(|_| owned) {
            let human = ctx.lang == "en" && in_list(w, &["his", "her"]);
            let from = if human { person } else { first };
            if let Some((_, country)) = from.filter(|(s, _)| *s == p.sentence) {
                p.coding.country = Some(country);
            }
            continue;
        }
        if c.adjective {
            continue;
        }
        if let Some(country) = c.country {
            if first.is_none_or(|(s, _)| s != p.sentence) {
                first = Some((p.sentence, country));
            }
            if c.person {
                person = Some((p.sentence, country));
            }
        }
    }
}

/// Extends `p` over `q` and leaves `q` empty.
fn absorb(p: &mut Phrase, q: &mut Phrase) {
    p.span.end = q.span.end;
    p.toks.end = q.toks.end;
    q.span = q.span.end..q.span.end;
}

/// Whether a country-only phrase is a country's name ("Maroc"), not a
/// nationality noun ("les Marocains").
fn has_country_name(ctx: &Ctx, q: &Phrase) -> bool {
    ctx.lex
        .longest_at(ctx.text.as_bytes(), q.span.start)
        .is_some_and(|(pat, end)| {
            end == q.span.end
                && ctx.lex.links[pat]
                    .iter()
                    .any(|l| matches!(ctx.entry(l.entry).kind, Kind::Country { .. }))
        })
}

/// The gap without a first lower-case word: "militaire du" → "du".
fn skip_word(g: &str) -> &str {
    match g.split_once(' ') {
        Some((w, rest))
            if !is_of_gap(g) && w.starts_with(char::is_lowercase) && !in_list(w, PHRASE_BREAKS) =>
        {
            rest
        }
        _ => g,
    }
}

/// ", ", ", les", "hutu, les": an apposition (after at most one word that
/// ends the first noun phrase).
fn apposition_gap(g: &str) -> bool {
    let Some((head, rest)) = g.split_once(',') else {
        return false;
    };
    let head = head.trim();
    (head.is_empty() || (head.starts_with(char::is_lowercase) && !head.contains(' ')))
        && matches!(rest.trim(), "" | "le" | "la" | "les" | "l'" | "the")
}

/// Finds honorific + name mentions ("M. Barrot") not inside phrases, among
/// the `honorifics` of a block. Tokens before `next` are inside a name
/// already read.
fn honorific_persons<'a>(
    ctx: &Ctx<'_, 'a>,
    honorifics: &[u32],
    next: &mut usize,
    phrases: &[Phrase<'a>],
) -> Vec<Phrase<'a>> {
    let mut out = Vec::new();
    if honorifics.is_empty() {
        return out;
    }
    let toks = &ctx.doc.tokens;
    let taken: Vec<Range<usize>> = phrases.iter().map(|p| p.span.clone()).collect();
    for &i in honorifics {
        let i = i as usize;
        let t = &toks[i];
        if i < *next || covered(&taken, t.nstart) {
            continue;
        }
        *next = i + 1;
        let mut j = i + 1;
        if toks
            .get(j)
            .is_some_and(|d| ctx.tok_text(d) == "." && d.nstart == t.nend)
        {
            j += 1;
        }
        if let Some(r) = name_at(ctx, j, t.sentence, &taken) {
            let coding = Coding {
                proper: Some(Name::Text(name_text(ctx, &r))),
                person: true,
                ..Default::default()
            };
            out.push(Phrase {
                span: t.nstart..toks[r.end - 1].nend,
                toks: i..r.end,
                sentence: t.sentence,
                coding,
            });
            *next = r.end;
        }
    }
    out
}

/// Sorts phrases by start, stably (already sorted, as they mostly are: no
/// work).
fn sort_by_start(ctx: &Ctx, phrases: &mut [Phrase]) {
    if !phrases.is_sorted_by_key(|p| p.span.start) {
        phrases.sort_by_key(|p| p.span.start);
    }
    // The token ranges follow the spans (see `Phrase::toks`).
    debug_assert!(phrases.iter().all(|p| {
        p.toks.end == ctx.token_from(p.span.end)
            && ctx
                .doc
                .tokens
                .get(p.toks.start)
                .is_some_and(|t| t.nstart == p.span.start)
    }));
}

fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// The tokens of `list` (sorted token indexes) in `range`.
fn within(list: &[u32], range: Range<usize>) -> &[u32] {
    let a = list.partition_point(|&i| (i as usize) < range.start);
    let b = list.partition_point(|&i| (i as usize) < range.end);
    &list[a..b]
}

/// Words of [`Coref::sigs`]: 4,096 bits, so that the few hundred names of
/// a long document leave most of them clear.
const SIG_WORDS: usize = 64;

/// The signature of a capitalised word for [`Coref::sigs`]: a bit chosen by
/// its first, second and last bytes and its length.
fn sig(w: &str) -> (usize, u64) {
    let b = w.as_bytes();
    let byte = |i: usize| usize::from(b.get(i).copied().unwrap_or(0));
    let last = b.len().saturating_sub(1);
    let h = ((byte(0) * 31 + byte(1)) * 31 + byte(last)) * 31 + w.len();
    let h = h.wrapping_mul(0x9E37_79B9) >> 7;
    (h / 64 % SIG_WORDS, 1u64 << (h % 64))
}

/// What the light coreference keeps from the blocks read so far: every map
/// is keyed by name, and "the last ..." is one value, so a block costs the
/// same whatever came before it.
struct Coref<'t> {
    /// Surname (and, for two-word names, the first word: "Wang Yi" →
    /// "Wang") of each titled person → the coding and end of the first
    /// mention, for surnames named again alone.
    known: HashMap<&'t str, (Coding<'t>, usize)>,
    /// A bit per [`sig`] of the `known` names: most capitalised words are
    /// ruled out without hashing.
    sigs: [u64; SIG_WORDS],
    /// Surname → the coding of the last person of that name, for an
    /// honorific and a known surname ("M. Barrot").
    by_surname: HashMap<&'t str, Coding<'t>>,
    /// The last two persons (or singular titled actors), for "les deux
    /// ministres"; the older first.
    last_two: [Option<Coding<'t>>; 2],
    /// The last of them with a role, for "son homologue".
    last_with_role: Option<Coding<'t>>,
    /// The last country named, for "le pays".
    last_country: Option<&'static str>,
    /// The token after the last honorific + name read.
    honorific_next: usize,
}

impl Default for Coref<'_> {
    fn default() -> Self {
        Coref {
            known: HashMap::new(),
            sigs: [0; SIG_WORDS],
            by_surname: HashMap::new(),
            last_two: [None; 2],
            last_with_role: None,
            last_country: None,
            honorific_next: 0,
        }
    }
}

/// Recognises the actor mentions of a document.
///
/// A long document is read a block of sentences at a time (about
/// [`BLOCK_BYTES`], cut where no pass sees across, see [`atoms`]): atoms,
/// phrases and names never reach beyond a sentence, and the coreference
/// keeps its state in [`Coref`] from one block to the next. The mentions are
/// those of a single pass over the whole text, found at a cost per byte
/// that does not grow with the document.
pub fn recognize(doc: &Document, lex: &'static Lexicon) -> Vec<ActorMention> {
    let ctx = Ctx::new(doc, lex);
    // About one mention per 55 bytes in dense text; the capacity is only
    // touched as it is used.
    let mut out: Vec<ActorMention> = Vec::with_capacity(ctx.text.len() / 40 + 4);
    let mut coref = Coref::default();
    let mut from = 0;
    while from < doc.tokens.len() {
        let (atoms, next) = atoms(&ctx, from);
        block(&ctx, &atoms, from..next, &mut coref, &mut out);
        from = next;
    }
    out
}

/// Recognises the mentions of one block (tokens `range`, atoms `atoms`) and
/// appends them to `out`.
fn block<'a>(
    ctx: &Ctx<'_, 'a>,
    atoms: &[Atom],
    range: Range<usize>,
    coref: &mut Coref<'a>,
    out: &mut Vec<ActorMention>,
) {
    let doc = ctx.doc;
    let mut phrases: Vec<Phrase> = phrases(ctx, atoms);
    attach_names(ctx, &mut phrases);
    join_known_persons(ctx, &mut phrases);
    phrases.retain(|p| !p.coding.weak || p.coding.person);
    borrow_countries(ctx, &mut phrases);
    possessed(ctx, &mut phrases);
    let honorifics = within(&ctx.honorifics, range.clone());
    let found = honorific_persons(ctx, honorifics, &mut coref.honorific_next, &phrases);
    phrases.extend(found);
    sort_by_start(ctx, &mut phrases);

    // Surnames named again without title or honorific: surname → the
    // first mention. A capitalised word is looked up only when some known
    // name has its first byte and length (a bit of `sigs`).
    let titled = phrases
        .iter()
        .filter(|p| p.coding.person && p.coding.title && p.coding.proper.is_some())
        .count();
    coref.known.reserve(2 * titled);
    for p in &phrases {
        let Some(n) = p
            .coding
            .proper
            .filter(|_| p.coding.person && p.coding.title)
            .map(Name::as_str)
        else {
            continue;
        };
        let mut add = |name| {
            coref.known.entry(name).or_insert((p.coding, p.span.end));
            let (word, bit) = sig(name);
            coref.sigs[word] |= bit;
        };
        add(surname(n));
        // Family names come first in Chinese, Korean, Hungarian names: "Wang Yi" → "Wang".
        if let Some(first) = n
            .split(' ')
            .next()
            .filter(|f| *f != surname(n) && n.split(' ').count() == 2)
        {
            add(first);
        }
    }
    if !coref.known.is_empty() {
        let taken: Vec<Range<usize>> = phrases.iter().map(|p| p.span.clone()).collect();
        let mut extra = Vec::new();
        for &i in within(&ctx.caps, range.clone()) {
            let t = &doc.tokens[i as usize];
            let w = ctx.tok_text(t);
            let (word, bit) = sig(w);
            if coref.sigs[word] & bit == 0 {
                continue;
            }
            let Some(&(coding, end)) = coref.known.get(w) else {
                continue;
            };
            if !covered(&taken, t.nstart) && end <= t.nstart {
                extra.push(Phrase {
                    span: t.nstart..t.nend,
                    toks: i as usize..i as usize + 1,
                    sentence: t.sentence,
                    coding,
                });
            }
        }
        if !extra.is_empty() {
            phrases.extend(extra);
            sort_by_start(ctx, &mut phrases);
        }
    }

    // Coreference in article order. Only an honorific makes a person
    // without a title ([`honorific_persons`]): `by_surname` is read, and so
    // kept, only when the document has honorifics.
    let honorific_names = !ctx.honorifics.is_empty();
    let first = out.len();
    out.reserve(phrases.len() + 4);
    for p in &phrases {
        let mut c = p.coding;
        // Honorific + known surname inherits the title.
        if c.person && !c.title {
            if let Some(&k) = c.proper.and_then(|n| coref.by_surname.get(surname(n.as_str()))) {
                c = k;
            }
        }
        if c.counterpart {
            if let Some(k) = coref.last_with_role {
                c.role = k.role;
                c.sector = k.sector;
                c.title = true;
            }
        }
        // "les deux ministres": the last two persons.
        if c.title && c.plural && !c.person {
            let before = p
                .toks
                .start
                .checked_sub(1)
                .map(|i| ctx.tok_text(&doc.tokens[i]).to_lowercase());
            if let (Some("deux" | "two" | "both"), [Some(a), Some(b)]) = (before.as_deref(), coref.last_two) {
                let i = p.toks.start.saturating_sub(1);
                let span = doc.tokens[i].nstart..p.span.end;
                for k in [a, b] {
                    out.push(ActorMention {
                        nstart: span.start,
                        nend: span.end,
                        sentence: p.sentence,
                        actor: actor(ctx, &span, &k),
                        adjective: false,
                    });
                }
                continue;
            }
        }
        // Referents for "son homologue", "les deux ministres": named persons and
        // singular titled actors ("son homologue indien").
        if c.adjective {
            out.push(ActorMention {
                nstart: p.span.start,
                nend: p.span.end,
                sentence: p.sentence,
                actor: actor(ctx, &p.span, &c),
                adjective: true,
            });
            continue;
        }
        if c.person || (c.title && !c.plural) {
            if let Some(n) = c.proper.filter(|_| honorific_names) {
                coref.by_surname.insert(surname(n.as_str()), c);
            }
            if c.role.is_some() {
                coref.last_with_role = Some(c);
            }
            coref.last_two = [coref.last_two[1], Some(c)];
        }
        out.push(ActorMention {
            nstart: p.span.start,
            nend: p.span.end,
            sentence: p.sentence,
            actor: actor(ctx, &p.span, &c),
            adjective: c.adjective,
        });
    }
    // "le pays" / "the country": the last country named before.
    let countries = within(&ctx.countries, range);
    if countries.is_empty() {
        // The last country of the block, for the blocks after it.
        if let Some(c) = out[first..].iter().rev().find_map(|m| m.actor.country.as_deref()) {
            coref.last_country = ctx.lex.country(c).map(|(code, _)| code);
        }
        return;
    }
    let taken: Vec<Range<usize>> = out[first..].iter().map(|m| m.nstart..m.nend).collect();
    let mut extra = Vec::new();
    let mut j = first;
    for &i in countries {
        let (i, t) = (i as usize, &doc.tokens[i as usize]);
        if i == 0 || covered(&taken, t.nstart) {
            continue;
        }
        let det = ctx.tok_text(&doc.tokens[i - 1]);
        if !["le", "du", "au", "the"]
            .iter()
            .any(|d| d.eq_ignore_ascii_case(det))
        {
            continue;
        }
        while j < out.len() && out[j].nend <= t.nstart {
            if let Some(c) = out[j].actor.country.as_deref() {
                coref.last_country = ctx.lex.country(c).map(|(code, _)| code);
            }
            j += 1;
        }
        if let Some(iso3) = coref.last_country {
            let c = Coding {
                country: Some(iso3),
                country_only: true,
                ..Default::default()
            };
            extra.push(ActorMention {
                nstart: t.nstart,
                nend: t.nend,
                sentence: t.sentence,
                actor: actor(ctx, &(t.nstart..t.nend), &c),
                adjective: false,
            });
        }
    }
    // The rest of the block's countries, for the blocks after it.
    for m in &out[j..] {
        if let Some(c) = m.actor.country.as_deref() {
            coref.last_country = ctx.lex.country(c).map(|(code, _)| code);
        }
    }
    out.extend(extra);
    if !out[first..].is_sorted_by_key(|m| m.nstart) {
        out[first..].sort_by_key(|m| m.nstart);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(m: &ActorMention) -> (&str, Option<&str>, Option<&str>) {
        (&m.actor.text, m.actor.country.as_deref(), m.actor.role.as_deref())
    }

    /// The coreference reaches across the blocks of a long document: a
    /// surname, "M." and a surname, "le pays" and "les deux ministres" far
    /// from the mentions they refer to.
    #[test]
    fn coreference_reaches_across_blocks() {
        let filler = "La réunion a duré toute la journée sans autre annonce. ".repeat(400);
        let text = format!(
            "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a rencontré le chef de la \
             diplomatie chinoise, Wang Yi, au Mali. {filler}Le pays a protesté. {filler}Wang a \
             parlé. {filler}M. Lavrov est reparti. {filler}Les deux ministres ont signé."
        );
        let doc = vigie_text::analyze(&text, Some("fr"));
        let lex = crate::lexicon::lexicon("fr").unwrap();
        // The document is read in several blocks.
        let ctx = Ctx::new(&doc, lex);
        let (_, next) = atoms(&ctx, 0);
        assert!(
            next < doc.tokens.len() / 2,
            "one block: {next} of {}",
            doc.tokens.len()
        );

        let found = recognize(&doc, lex);
        let got: Vec<_> = found.iter().map(codes).collect();
        let rus = Some("RUS");
        let chn = Some("CHN");
        let fm = Some("foreign minister");
        assert_eq!(
            got,
            [
                ("ministre russe des Affaires étrangères, Sergueï Lavrov", rus, fm),
                ("chef de la diplomatie chinoise, Wang Yi", chn, fm),
                ("Mali", Some("MLI"), None),
                ("pays", Some("MLI"), None),
                ("Wang", chn, fm),
                ("M. Lavrov", rus, fm),
                ("deux ministres", chn, fm),
                ("deux ministres", rus, fm),
            ]
        );
    }

    /// The codings of a one-sentence article, as (text, country, sector).
    fn coded(lang: &str, text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let doc = vigie_text::analyze(text, Some(lang));
        recognize(&doc, crate::lexicon::lexicon(lang).unwrap())
            .into_iter()
            .filter(|m| !m.adjective)
            .map(|m| {
                (
                    m.actor.text,
                    m.actor.country.map(|c| c.to_string()),
                    m.actor.sector.map(|c| c.to_string()),
                )
            })
            .collect()
    }

    fn one(
        text: &str,
        country: Option<&str>,
        sector: Option<&str>,
    ) -> (String, Option<String>, Option<String>) {
        (
            text.to_string(),
            country.map(str::to_string),
            sector.map(str::to_string),
        )
    }

    #[test]
    fn gaps_of_led_forces_and_appositions() {
        assert!(is_led_gap("dirigées par le"));
        assert!(is_led_gap("menée par l'"));
        assert!(is_led_gap("led by"));
        assert!(is_led_gap("dirigées par"));
        assert!(!is_led_gap("dirigées vers le"));
        assert!(!is_led_gap("parties par le"));
        assert!(!is_led_gap("led to the"));
        assert!(apposition_gap(","));
        assert!(apposition_gap("hutu, les"));
        assert!(apposition_gap(", the"));
        assert!(!apposition_gap("and"));
        assert!(!apposition_gap("said on Monday, the"));
        assert_eq!(skip_word("militaire du"), "du");
        assert_eq!(skip_word("of the"), "of the");
    }

    /// A machine of war is an actor only with a nationality, which makes it
    /// that country's forces; alone it is no actor.
    #[test]
    fn machines_of_war_need_a_nationality() {
        let mil = Some("MIL");
        assert_eq!(
            coded("fr", "Des hélicoptères turcs ont bombardé des villages."),
            [one("hélicoptères turcs", Some("TUR"), mil)]
        );
        assert_eq!(
            coded("en", "Indian jets crossed the line of control."),
            [one("Indian jets", Some("IND"), mil)]
        );
        assert!(coded("fr", "Des drones ont survolé la base.").is_empty());
        assert!(coded("en", "Tanks rolled into the square.").is_empty());
    }

    /// "ethnic" / "de souche" makes a nationality an ethnic group, with no
    /// country; a nationality before a plural nationality noun, or a noun
    /// and "de" a country, places the people in that country.
    #[test]
    fn ethnic_groups_and_peoples_of_countries() {
        assert_eq!(
            coded("en", "Ethnic Serbs blocked the bridge."),
            [one("Serbs", None, Some("CVL"))]
        );
        assert_eq!(
            coded("fr", "Des Serbes de souche ont bloqué le pont."),
            [one("Serbes", None, Some("CVL"))]
        );
        assert_eq!(
            coded("en", "Kosovo Albanians voted on Sunday."),
            [one("Kosovo Albanians", Some("XKX"), None)]
        );
        assert_eq!(
            coded("fr", "Les Albanais du Kosovo ont voté dimanche."),
            [one("Albanais du Kosovo", Some("XKX"), None)]
        );
    }

    /// Countries borrowed from the next mention: a body of a known person,
    /// a person of a country, a generic noun in apposition with a group.
    #[test]
    fn countries_borrowed_from_the_next_mention() {
        assert_eq!(
            coded("fr", "Le gouvernement du président Museveni a démenti."),
            [
                one("gouvernement", Some("UGA"), Some("GOV")),
                one("président Museveni", Some("UGA"), Some("GOV")),
            ]
        );
        assert_eq!(
            coded(
                "en",
                "The rebel group, the Revolutionary United Front, said it would disarm."
            ),
            [
                one("rebel group", Some("SLE"), Some("REB")),
                one("Revolutionary United Front", Some("SLE"), Some("REB")),
            ]
        );
        let king = coded("fr", "Le roi Abdallah de Jordanie a reçu une délégation.");
        assert_eq!(king.len(), 1, "{king:?}");
        assert_eq!(king[0].1.as_deref(), Some("JOR"));
    }

    /// A body after a possessive belongs to the first actor of the sentence.
    #[test]
    fn possessives_give_the_subject_country() {
        assert_eq!(
            coded(
                "en",
                "Kosovo Serbs said their police would leave the border posts."
            ),
            [
                one("Kosovo Serbs", Some("XKX"), None),
                one("police", Some("XKX"), Some("COP"))
            ]
        );
        assert_eq!(
            coded("fr", "Le Niger a annoncé que ses soldats quitteraient la base."),
            [
                one("Niger", Some("NER"), None),
                one("soldats", Some("NER"), Some("MIL"))
            ]
        );
        // "his": the last person named.
        let his = coded(
            "en",
            "Nigeria warned President Paul Biya that rebels sought to topple his government.",
        );
        assert_eq!(his.last().map(|m| m.1.as_deref()), Some(Some("CMR")), "{his:?}");
        // No possessive: no country.
        assert_eq!(coded("en", "Niger said soldiers would leave.")[1].1, None);
    }

    /// A capitalised abbreviation or a nationality after a sentence-initial
    /// word is no part of a person's name.
    #[test]
    fn abbreviations_and_nationalities_after_first_words_are_kept() {
        assert_eq!(
            coded("en", "Recent UK Reaper strikes hit the camp."),
            [one("UK Reaper", Some("GBR"), Some("MIL"))]
        );
        assert_eq!(
            coded("en", "Jubilant Kenyans filled the streets."),
            [one("Kenyans", Some("KEN"), None)]
        );
    }

    /// A cut between blocks never parts an atom from the next one: the
    /// blocks end where a sentence starts, after the last atom.
    #[test]
    fn blocks_end_on_sentence_starts() {
        let text = "Les forces soudanaises ont repris la ville. ".repeat(1000);
        let doc = vigie_text::analyze(&text, Some("fr"));
        let ctx = Ctx::new(&doc, crate::lexicon::lexicon("fr").unwrap());
        let mut from = 0;
        let mut blocks = 0;
        while from < doc.tokens.len() {
            let (atoms, next) = atoms(&ctx, from);
            assert!(next > from);
            assert!(atoms.iter().all(|a| a.toks.start >= from && a.toks.end <= next));
            if next < doc.tokens.len() {
                assert_ne!(doc.tokens[next].sentence, doc.tokens[next - 1].sentence);
            }
            blocks += 1;
            from = next;
        }
        assert!(blocks > 2, "{blocks} blocks");
    }
}
