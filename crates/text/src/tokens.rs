//! Tokens: words, numbers and punctuation, with byte offsets.
//!
//! Hyphenated words stay whole ("cessez-le-feu", "Nord-Kivu", "vingt-trois");
//! numbers keep their inner separators ("30.000", "3,5", "1,200"); dotted
//! acronyms keep their dots ("U.S."). An apostrophe after a French elided
//! word ends the token ("l'", "d'", "qu'"); otherwise it starts a new one
//! ("Russia" + "'s").

use crate::sentences::Sentence;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (and digits, hyphens, inner apostrophes).
    Word,
    /// Digits, with inner `.` `,` separators.
    Number,
    /// Any other visible character.
    Punct,
}

impl TokenKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
        }
    }
}

/// A token: byte spans in the normalised and the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub nstart: usize,
    pub nend: usize,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Index of the sentence holding the token.
    pub sentence: usize,
}

/// French words that elide before a vowel ("l'armée", "qu'il").
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

/// Words whose apostrophe is part of the word.
const WHOLE: &[&str] = &[
    "aujourd'hui",
    "prud'homme",
    "prud'hommes",
    "presqu'île",
    "presqu'îles",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `word` lower-cased (`str::to_lowercase`, but without the final
/// sigma rule, which no listed word has) is `lower`, without allocating.
fn lower_is(word: &str, lower: &str) -> bool {
    word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// Splits the normalised `text` into tokens and fills each sentence's token
/// range. Tokens outside every sentence (cannot happen: sentences cover all
/// non-space text) would be attached to the last sentence.
///
/// The text is walked by byte offset, decoding a character only where a
/// byte is not ASCII: most of a news text is, and every character the rules
/// below look at specially (`-` `.` `,` `'`) is.
pub fn tokenize(text: &str, sentences: &mut [Sentence]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    // The character at byte `p` (a character boundary) and its length.
    let at = |p: usize| -> Option<(char, usize)> {
        let b = *bytes.get(p)?;
        if b.is_ascii() {
            Some((char::from(b), 1))
        } else {
            text[p..].chars().next().map(|c| (c, c.len_utf8()))
        }
    };
    let mut si = 0usize;
    let mut push = |tokens: &mut Vec<Token>, s: usize, e: usize, kind: TokenKind| {
        while si + 1 < sentences.len() && s >= sentences[si].nend {
            si += 1;
        }
        if let Some(sent) = sentences.get_mut(si) {
            if sent.token_count == 0 {
                sent.first_token = tokens.len();
            }
            sent.token_count += 1;
        }
        tokens.push(Token {
            nstart: s,
            nend: e,
            start: s,
            end: e,
            kind,
            sentence: si,
        });
    };
    let mut p = 0;
    while let Some((c, clen)) = at(p) {
        if c.is_whitespace() {
            p += clen;
            continue;
        }
        if !is_word_char(c) {
            // "..." is one token; other punctuation is one character each.
            let mut q = p + clen;
            if c == '.' {
                while bytes.get(q) == Some(&b'.') {
                    q += 1;
                }
            }
            push(&mut tokens, p, q, TokenKind::Punct);
            p = q;
            continue;
        }
        // A run of word characters with inner connectors; `q` is the end so
        // far and `prev` the character before it.
        let start = p;
        let mut q = p + clen;
        let mut prev = c;
        let mut numeric = c.is_ascii_digit();
        loop {
            // ASCII letters and digits (most of a word) without decoding.
            match bytes.get(q) {
                None => break,
                Some(&b) if b.is_ascii_alphanumeric() => {
                    numeric &= b.is_ascii_digit();
                    prev = char::from(b);
                    q += 1;
                    continue;
                }
                Some(_) => {}
            }
            let Some((ch, chlen)) = at(q) else {
                break;
            };
            if is_word_char(ch) {
                if !ch.is_ascii_digit() {
                    numeric = false;
                }
                prev = ch;
                q += chlen;
                continue;
            }
            let next = at(q + chlen).map(|(x, _)| x);
            match (ch, next) {
                ('-', Some(x)) if is_word_char(x) => {
                    prev = ch;
                    q += 1;
                }
                ('.' | ',', Some(x)) if numeric && x.is_ascii_digit() && prev.is_ascii_digit() => {
                    prev = ch;
                    q += 1;
                }
                // Dotted acronym: "U.S." — single letters between dots.
                ('.', Some(x)) if x.is_uppercase() && prev.is_uppercase() && q == start + clen => {
                    let mut m = q;
                    while bytes.get(m) == Some(&b'.') {
                        let Some((letter, llen)) = at(m + 1) else {
                            break;
                        };
                        if !letter.is_uppercase() || at(m + 1 + llen).is_some_and(|(z, _)| is_word_char(z)) {
                            break;
                        }
                        m += 1 + llen;
                    }
                    if m > q {
                        // Include the final dot when present.
                        if bytes.get(m) == Some(&b'.') {
                            m += 1;
                        }
                        q = m;
                    }
                    break;
                }
                ('\'', Some(x)) if is_word_char(x) => {
                    let word = &text[start..q];
                    let whole_end = WHOLE.iter().find_map(|w| {
                        let cand_end = start + w.len();
                        (cand_end <= text.len()
                            && text.is_char_boundary(cand_end)
                            && lower_is(&text[start..cand_end], w)
                            && text[cand_end..].chars().next().is_none_or(|c| !is_word_char(c)))
                        .then_some(cand_end)
                    });
                    if let Some(e) = whole_end {
                        q = e;
                    } else if ELISIONS.iter().any(|e| lower_is(word, e)) {
                        // "l'" is a token of its own; the word follows.
                        q += 1;
                    }
                    break;
                }
                _ => break,
            }
        }
        let kind = if numeric {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        push(&mut tokens, start, q, kind);
        p = q;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut sents = crate::sentences::split(text, "fr");
        tokenize(text, &mut sents)
            .iter()
            .map(|t| &text[t.nstart..t.nend])
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("l'armée", &["l'", "armée"]),
            ("qu'il", &["qu'", "il"]),
            ("Russia's army", &["Russia", "'", "s", "army"]),
            ("aujourd'hui soir", &["aujourd'hui", "soir"]),
            ("cessez-le-feu", &["cessez-le-feu"]),
            ("30.000 morts, 3,5 %", &["30.000", "morts", ",", "3,5", "%"]),
            ("1,200 dead.", &["1,200", "dead", "."]),
            ("the U.S. army", &["the", "U.S.", "army"]),
            ("M. Dupont", &["M", ".", "Dupont"]),
            ("vingt-trois", &["vingt-trois"]),
            ("fin.", &["fin", "."]),
            ("Et... alors", &["Et", "...", "alors"]),
            ("ex-rebelles -", &["ex-rebelles", "-"]),
            ("les É.U. ont", &["les", "É.U.", "ont"]),
            ("Ö.Z", &["Ö.Z"]),
            ("Ö.Zé", &["Ö", ".", "Zé"]),
            ("presqu'île d'Ébène", &["presqu'île", "d'", "Ébène"]),
            ("Presqu'îles", &["Presqu'îles"]),
            ("jusqu'à 1.200,5 km²", &["jusqu'", "à", "1.200,5", "km²"]),
            ("€12 — «non»", &["€", "12", "—", "«", "non", "»"]),
            ("x.. y", &["x", "..", "y"]),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text), *want, "{text}");
        }
    }

    #[test]
    fn kinds() {
        let text = "Au moins 23 morts.";
        let mut sents = crate::sentences::split(text, "fr");
        let t = tokenize(text, &mut sents);
        let kinds: Vec<_> = t.iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(kinds, vec![Word, Word, Number, Word, Punct]);
        assert_eq!(sents[0].token_count, 5);
    }
}
