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
pub fn tokenize(text: &str, sentences: &mut [Sentence]) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let mut k = 0;
    while k < n {
        let (start, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if !is_word_char(c) {
            // "..." is one token; other punctuation is one character each.
            let mut j = k + 1;
            if c == '.' {
                while j < n && chars[j].1 == '.' {
                    j += 1;
                }
            }
            out.push((start, end_of(j), TokenKind::Punct));
            k = j;
            continue;
        }
        // A run of word characters with inner connectors.
        let mut j = k + 1;
        let mut numeric = c.is_ascii_digit();
        while j < n {
            let ch = chars[j].1;
            if is_word_char(ch) {
                if !ch.is_ascii_digit() {
                    numeric = false;
                }
                j += 1;
                continue;
            }
            let next = if j + 1 < n { Some(chars[j + 1].1) } else { None };
            let prev = chars[j - 1].1;
            match (ch, next) {
                ('-', Some(x)) if is_word_char(x) => j += 1,
                ('.' | ',', Some(x)) if numeric && x.is_ascii_digit() && prev.is_ascii_digit() => j += 1,
                // Dotted acronym: "U.S." — single letters between dots.
                ('.', Some(x)) if x.is_uppercase() && prev.is_uppercase() && j - k == 1 => {
                    let mut m = j;
                    while m + 1 < n
                        && chars[m].1 == '.'
                        && chars[m + 1].1.is_uppercase()
                        && (m + 2 >= n || !is_word_char(chars[m + 2].1))
                    {
                        m += 2;
                    }
                    if m > j {
                        // Include the final dot when present.
                        if m < n && chars[m].1 == '.' {
                            m += 1;
                        }
                        j = m;
                    }
                    break;
                }
                ('\'', Some(x)) if is_word_char(x) => {
                    let word = &text[start..chars[j].0];
                    let whole_end = WHOLE.iter().find_map(|w| {
                        let cand_end = start + w.len();
                        (cand_end <= text.len()
                            && text.is_char_boundary(cand_end)
                            && lower_is(&text[start..cand_end], w)
                            && text[cand_end..].chars().next().is_none_or(|c| !is_word_char(c)))
                        .then_some(cand_end)
                    });
                    if let Some(e) = whole_end {
                        while j < n && chars[j].0 < e {
                            j += 1;
                        }
                    } else if ELISIONS.iter().any(|e| lower_is(word, e)) {
                        // "l'" is a token of its own; the word follows.
                        j += 1;
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
        out.push((start, end_of(j), kind));
        k = j;
    }
    // Attach tokens to sentences.
    let mut tokens = Vec::with_capacity(out.len());
    let mut si = 0usize;
    for (idx, (s, e, kind)) in out.into_iter().enumerate() {
        while si + 1 < sentences.len() && s >= sentences[si].nend {
            si += 1;
        }
        if let Some(sent) = sentences.get_mut(si) {
            if sent.token_count == 0 {
                sent.first_token = idx;
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
