//! Token classes shared by both languages.
//!
//! Every token of a document is classified once ([`classify`]) into a small
//! [`Lex`] value: a month, a weekday, a number, a unit of time, a keyword...
//! The grammar then matches patterns over these classes, so French and
//! English share one grammar ("5 avril 2016" and "5 April 2016" are the same
//! pattern) and the per-language word lists stay in [`crate::fr`] and
//! [`crate::en`].
//!
//! Words are compared folded (lower case, Latin accents removed) so that
//! "Février", "fevrier" and "FÉVRIER" all match, without allocating per
//! word: the folded form is written into one buffer kept from word to word.

use chrono::Weekday;
use vigie_text::{Document, Token, TokenKind};

use crate::{en, fr};

/// A unit of time, as in "trois jours" or "last week".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Hour,
    Day,
    Week,
    /// Saturday and Sunday.
    Weekend,
    Month,
    Year,
}

/// A part of a period: "début avril", "mid-2024", "late last month",
/// "earlier this month".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Early,
    Mid,
    Late,
    /// From the start of the period up to the publication date.
    Earlier,
    /// From the publication date to the end of the period.
    Later,
}

/// Keywords: the function words and time words the grammar needs, with the
/// same meaning in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum W {
    /// le, la, l', the
    Le,
    /// les, des
    Les,
    /// ce, cet, cette, this
    Ce,
    /// ces, these
    Ces,
    /// un, une, a, an
    Un,
    /// de, d', of
    De,
    /// du
    Du,
    /// au, aux
    Au,
    /// à (and the verb "a", which folds the same)
    A,
    /// et, and
    Et,
    /// entre, between
    Entre,
    /// from
    From,
    /// to, until, till, through
    To,
    /// depuis, since
    Depuis,
    /// dans (French "in", also for durations ahead: "dans trois jours")
    Dans,
    /// in (English)
    In,
    /// en (French, before months and years)
    En,
    /// over, during, au cours de: introduces a span ("over the weekend")
    Over,
    /// on (English: "late on Sunday")
    On,
    /// il, y: the "il y a" of French durations back
    Il,
    Y,
    /// ago
    Ago,
    /// venir ("à venir")
    Venir,
    /// environ, près, plus, moins, about, nearly, some...: approximations
    /// before a count ("il y a près de deux ans")
    About,
    /// than ("more than two weeks ago")
    Than,
    /// Words that make a following bare number a year: avant, après, vers,
    /// before, after, by.
    YearPrep,
    Hier,
    AvantHier,
    Aujourdhui,
    Demain,
    ApresDemain,
    /// tonight
    Tonight,
    /// overnight
    Overnight,
    /// matin, matinée, morning
    Matin,
    /// après-midi, afternoon
    ApresMidi,
    /// soir, soirée, evening
    Soir,
    /// nuit, night
    Nuit,
    /// dernier, dernière, last
    Dernier,
    /// past (English "the past week", "this past Sunday")
    Past,
    /// passé, passée: "last" only after the noun ("la semaine passée");
    /// before it, it is the verb ("il a passé trois jours").
    Passe,
    /// prochain, prochaine, next, coming, upcoming
    Prochain,
    /// recent ("in recent days")
    Recent,
    /// années ("les années 1990")
    Annees,
}

/// The class of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    /// Not a time word.
    Other,
    /// Punctuation: the character when ASCII, else 0.
    Punct(u8),
    /// Digits: value and number of digits ("05" → 5, 2).
    Num {
        v: u32,
        len: u8,
    },
    /// An ordinal day: "1er", "1st", "5th", "premier".
    Ord(u32),
    /// "2016-04-05", not yet validated.
    Iso(i32, u32, u32),
    /// Two digit groups joined by a hyphen: "1975-1990", "2-5", "1990-91".
    NumDash {
        a: u32,
        alen: u8,
        b: u32,
        blen: u8,
    },
    /// Three digit groups joined by dots: "05.04.2016" (year last).
    Dotted {
        a: u32,
        b: u32,
        y: u32,
        ylen: u8,
    },
    /// "1990s", "90s".
    Decade(i32),
    /// A month. `abbr`: an abbreviation that may take a dot ("avr.",
    /// "Sept."). `amb`: a word that is a month only in context ("May",
    /// "March", capitalised "Mars").
    Month {
        m: u32,
        abbr: bool,
        amb: bool,
    },
    /// French "sept": seven, or September before a year.
    Sept,
    Weekday(Weekday),
    /// A number word: "trois", "three", "vingt-quatre".
    Count(u32),
    /// About n: "dizaine", "dozen", "couple".
    Approx(u32),
    /// quelques, plusieurs, few, several.
    Few,
    /// "mi-avril", "mid-April".
    MidMonth(u32),
    /// "mi-2024", "mid-2024".
    MidYear(i32),
    /// A unit; `plural` when the word is plural.
    Unit(Unit, bool),
    /// "mois-ci", "semaine-ci": the current unit.
    UnitCi(Unit),
    Part(Part),
    W(W),
}

impl Lex {
    /// The keyword, if the token is one.
    pub(crate) fn w(self) -> Option<W> {
        match self {
            Lex::W(w) => Some(w),
            _ => None,
        }
    }

    /// The unit, if the token names one ("années" counts as years).
    pub(crate) fn unit(self) -> Option<(Unit, bool)> {
        match self {
            Lex::Unit(u, p) => Some((u, p)),
            Lex::W(W::Annees) => Some((Unit::Year, true)),
            _ => None,
        }
    }
}

/// The language whose conventions apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Fr,
    En,
    /// Any other language: French words first, then English ones.
    Any,
}

impl Lang {
    /// The language of a document's ISO code.
    pub(crate) fn of(code: &str) -> Lang {
        match code {
            "fr" => Lang::Fr,
            "en" => Lang::En,
            _ => Lang::Any,
        }
    }

    /// Whether numeric dates put the day first ("05/04/2016" is 5 April in
    /// French, May 4 in US English).
    pub(crate) fn day_first(self) -> bool {
        self != Lang::En
    }

    /// The class of a folded word. `cap`: the word starts with a capital.
    fn word(self, folded: &str, cap: bool) -> Lex {
        match self {
            Lang::Fr => fr::word(folded, cap),
            Lang::En => en::word(folded, cap),
            Lang::Any => match fr::word(folded, cap) {
                Lex::Other => en::word(folded, cap),
                l => l,
            },
        }
    }

    /// Whether a folded word is a function word (article, pronoun,
    /// preposition, conjunction): used to tell "de 1991 à 1994, il..." from
    /// "de 1500 à 2000 manifestants".
    pub(crate) fn function_word(self, folded: &str) -> bool {
        match self {
            Lang::Fr => fr::function_word(folded),
            Lang::En => en::function_word(folded),
            Lang::Any => fr::function_word(folded) || en::function_word(folded),
        }
    }
}

/// A language's word classes ([`Lang::word`]), in an open-addressing
/// hash table built once from its rows. Every word of a text is looked up
/// and most are in no row: a probe of a 2 KB slot array, hashed from the
/// word's length and three of its bytes, answers those at once.
pub(crate) struct WordTable {
    /// Per slot, the index in `words` plus one; 0 for an empty slot.
    slots: Vec<u16>,
    words: Vec<(&'static str, Lex)>,
}

impl WordTable {
    /// log2 of the number of slots: rows fill about a tenth of them.
    const BITS: u32 = 10;

    /// The classes of `rows` (a word's first row counts) and of the simple
    /// number words `numbers`, which count ([`Lex::Count`]) unless a row
    /// classes them otherwise ("un" is a keyword).
    pub(crate) fn new(rows: &[(&'static str, Lex)], numbers: &[(&'static str, u32)]) -> WordTable {
        let mut t = WordTable {
            slots: vec![0; 1 << Self::BITS],
            words: Vec::with_capacity(rows.len() + numbers.len()),
        };
        let counts = numbers.iter().map(|&(w, n)| (w, Lex::Count(n)));
        for (w, l) in rows.iter().copied().chain(counts) {
            if w.is_empty() || t.get(w).is_some() {
                continue;
            }
            t.words.push((w, l));
            let mut i = Self::slot(w.as_bytes());
            while t.slots[i] != 0 {
                i = (i + 1) & (t.slots.len() - 1);
            }
            t.slots[i] = t.words.len() as u16;
        }
        t
    }

    /// The first slot of a non-empty word.
    #[inline]
    fn slot(w: &[u8]) -> usize {
        let n = w.len();
        let k =
            u32::from(w[0]) | u32::from(w[n - 1]) << 8 | u32::from(w[n / 2]) << 16 | (n as u32 & 0xff) << 24;
        (k.wrapping_mul(0x9E37_79B1) >> (32 - Self::BITS)) as usize
    }

    /// The class of a folded word, if listed.
    #[inline]
    pub(crate) fn get(&self, folded: &str) -> Option<Lex> {
        let w = folded.as_bytes();
        if w.is_empty() {
            return None;
        }
        let mut i = Self::slot(w);
        loop {
            let k = *self.slots.get(i)?;
            let &(word, lex) = self.words.get(usize::from(k).checked_sub(1)?)?;
            if word.as_bytes() == w {
                return Some(lex);
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
    }
}

/// Size of the buffer words are folded into; longer words are not time
/// words.
pub(crate) const BUF: usize = 48;

/// Writes `s` lower-cased and without Latin accents into `buf`
/// ("Février" → "fevrier"), which it clears first. `None` when `s` is too
/// long or holds a character no time word has (non-Latin letters). The
/// buffer is a `String` kept from word to word: no allocation per word,
/// and no UTF-8 check of the result (only ASCII is written).
pub(crate) fn fold<'b>(s: &str, buf: &'b mut String) -> Option<&'b str> {
    buf.clear();
    // ASCII (most capitalised words): lower-cased byte for byte.
    if s.is_ascii() {
        if s.len() > BUF {
            return None;
        }
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return Some(buf);
    }
    for c in s.chars() {
        let b = match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            c if c.is_ascii() => c,
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            _ => return None,
        };
        if buf.len() == BUF {
            return None;
        }
        buf.push(b);
    }
    Some(buf)
}

/// Classifies every token of a document.
pub(crate) fn classify(doc: &Document, lang: Lang) -> Vec<Lex> {
    let text = doc.norm.text.as_str();
    let mut buf = String::with_capacity(BUF);
    doc.tokens
        .iter()
        .map(|t| classify_token(&text[t.nstart..t.nend], t, lang, &mut buf))
        .collect()
}

/// The class of token `t`, whose text is `s`; `buf` is scratch space for
/// [`fold`].
fn classify_token(s: &str, t: &Token, lang: Lang, buf: &mut String) -> Lex {
    match t.kind {
        TokenKind::Punct => Lex::Punct(if s.len() == 1 { s.as_bytes()[0] } else { 0 }),
        TokenKind::Number => number(s),
        TokenKind::Word => {
            if s.len() > BUF {
                return Lex::Other;
            }
            // Most words are lower-case ASCII already: no folding needed.
            let plain = s
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'\'');
            let f = if plain {
                s
            } else {
                match fold(s, buf) {
                    Some(f) => f,
                    None => return Lex::Other,
                }
            };
            if f.as_bytes()[0].is_ascii_digit() {
                return digit_word(f);
            }
            if let Some(rest) = f.strip_prefix("mid-").or_else(|| f.strip_prefix("mi-")) {
                return mid(rest, lang);
            }
            let cap = s.starts_with(|c: char| c.is_uppercase());
            lang.word(f, cap)
        }
    }
}

/// "mi-avril", "mid-April", "mi-2024".
fn mid(rest: &str, lang: Lang) -> Lex {
    if let Some(y) = year_digits(rest) {
        return Lex::MidYear(y);
    }
    match lang.word(rest, true) {
        Lex::Month { m, .. } => Lex::MidMonth(m),
        Lex::Sept => Lex::MidMonth(9),
        _ => Lex::Other,
    }
}

fn year_digits(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn digits(s: &str) -> Option<(u32, u8)> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((s.parse().ok()?, s.len() as u8))
}

/// Classifies a number token: digits, possibly with inner `-`, `.`, `,`.
fn number(s: &str) -> Lex {
    if let Some((v, len)) = digits(s) {
        return Lex::Num { v, len };
    }
    let mut dash = s.split('-');
    if s.contains('-') {
        let a = dash.next().and_then(digits);
        let b = dash.next().and_then(digits);
        let c = dash.next().map(digits);
        return match (a, b, c, dash.next()) {
            (Some((a, alen)), Some((b, blen)), None, None) => Lex::NumDash { a, alen, b, blen },
            (Some((y, 4)), Some((m, 1..=2)), Some(Some((d, 1..=2))), None) => Lex::Iso(y as i32, m, d),
            _ => Lex::Other,
        };
    }
    let mut dots = s.split('.');
    match (
        dots.next().and_then(digits),
        dots.next().and_then(digits),
        dots.next().and_then(digits),
        dots.next(),
    ) {
        (Some((a, 1..=2)), Some((b, 1..=2)), Some((y, ylen @ (2 | 4))), None) => {
            Lex::Dotted { a, b, y, ylen }
        }
        _ => Lex::Other,
    }
}

/// A word starting with a digit: an ordinal ("1er", "21st") or a decade
/// ("1990s", "90s").
fn digit_word(f: &str) -> Lex {
    let split = f.find(|c: char| !c.is_ascii_digit()).unwrap_or(f.len());
    let (num, suffix) = f.split_at(split);
    let Some((v, len)) = digits(num) else {
        return Lex::Other;
    };
    match suffix {
        "er" | "re" | "ere" if v == 1 => Lex::Ord(1),
        "st" | "nd" | "rd" | "th" if len <= 2 => Lex::Ord(v),
        "s" if len == 4 && v % 10 == 0 => Lex::Decade(v as i32),
        "s" if len == 2 && v % 10 == 0 => Lex::Decade(1900 + v as i32),
        _ => Lex::Other,
    }
}

/// Parses a compound number word: "vingt-quatre", "twenty-four". `unit`
/// gives the value of one simple word.
pub(crate) fn compound(f: &str, unit: impl Fn(&str) -> Option<u32>) -> Option<u32> {
    // A byte loop: words are short, and most have no hyphen.
    if !f.bytes().any(|b| b == b'-') {
        return unit(f);
    }
    let mut total = 0u32;
    let mut last = 0u32;
    for part in f.split('-') {
        if part == "et" || part == "and" {
            continue;
        }
        let v = unit(part)?;
        if (v == 20 || part == "vingts") && last == 4 {
            // quatre-vingt(s): 4 × 20.
            total = total - 4 + 80;
            last = 80;
            continue;
        }
        total = total.checked_add(v)?;
        last = v;
    }
    (total > 0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        let mut b = String::new();
        assert_eq!(fold("Février", &mut b), Some("fevrier"));
        assert_eq!(fold("LUNDI", &mut b), Some("lundi"));
        assert_eq!(fold(&"a".repeat(BUF + 1), &mut b), None);
        assert_eq!(fold(&"é".repeat(BUF + 1), &mut b), None);
        assert_eq!(fold("AOÛT", &mut b), Some("aout"));
        assert_eq!(fold("Москва", &mut b), None);
    }

    #[test]
    fn numbers() {
        assert_eq!(number("05"), Lex::Num { v: 5, len: 2 });
        assert_eq!(number("2016-04-05"), Lex::Iso(2016, 4, 5));
        assert_eq!(
            number("1975-1990"),
            Lex::NumDash {
                a: 1975,
                alen: 4,
                b: 1990,
                blen: 4
            }
        );
        assert_eq!(
            number("05.04.2016"),
            Lex::Dotted {
                a: 5,
                b: 4,
                y: 2016,
                ylen: 4
            }
        );
        assert_eq!(number("30.000"), Lex::Other);
        assert_eq!(number("1.200.000"), Lex::Other);
        assert_eq!(digit_word("1er"), Lex::Ord(1));
        assert_eq!(digit_word("21st"), Lex::Ord(21));
        assert_eq!(digit_word("1990s"), Lex::Decade(1990));
        assert_eq!(compound("vingt-quatre", fr::number), Some(24));
        assert_eq!(compound("quatre-vingt-dix", fr::number), Some(90));
        assert_eq!(compound("twenty-one", en::number), Some(21));
    }

    #[test]
    fn word_tables_keep_the_first_row_and_count_number_words() {
        let t = WordTable::new(
            &[("un", Lex::W(W::Un)), ("mai", Lex::Sept), ("mai", Lex::Few)],
            &[("un", 1), ("deux", 2)],
        );
        assert_eq!(t.get("un"), Some(Lex::W(W::Un)));
        assert_eq!(t.get("mai"), Some(Lex::Sept));
        assert_eq!(t.get("deux"), Some(Lex::Count(2)));
        assert_eq!(t.get("trois"), None);
        assert_eq!(t.get(""), None);
        assert_eq!(
            fr::word("mars", true),
            Lex::Month {
                m: 3,
                abbr: false,
                amb: true
            }
        );
        assert_eq!(
            fr::word("mars", false),
            Lex::Month {
                m: 3,
                abbr: false,
                amb: false
            }
        );
        assert_eq!(fr::word("vingt-quatre", false), Lex::Count(24));
        assert_eq!(fr::word("trois", false), Lex::Count(3));
        assert_eq!(fr::word("sept", false), Lex::Sept);
        assert_eq!(en::word("may", false), Lex::Other);
        assert_eq!(
            en::word("may", true),
            Lex::Month {
                m: 5,
                abbr: false,
                amb: true
            }
        );
        assert_eq!(en::word("twenty-four", false), Lex::Count(24));
        assert_eq!(en::word("week-end", false), Lex::Unit(Unit::Weekend, false));
        assert_eq!(en::word("army", false), Lex::Other);
    }
}
