//! The text stage: the first step of the pipeline (text → mentions → events).
//!
//! [`analyze`] takes an article's text as it was read and returns a
//! [`Document`]: the text normalised for matching (see [`normalize`]), its
//! language (see [`lang`]), its sentences (see [`sentences`]) and its tokens
//! (see [`tokens`]). Later stages match lexicons against
//! [`Document::norm`] and report spans in the original text through
//! [`Document::to_original`], so every offset Vigie writes is a UTF-8 byte
//! offset into the text exactly as the caller gave it.

pub mod lang;
pub mod matcher;
pub mod normalize;
pub mod sentences;
pub mod tokens;
pub mod words;

pub use lang::{detect, LangGuess, SUPPORTED_LANGS};
pub use normalize::Normalized;
pub use sentences::Sentence;
pub use tokens::{Token, TokenKind};

/// An analysed article: normalised text, language, sentences and tokens.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    /// The text exactly as read. Output offsets point into it.
    pub original: &'a str,
    /// The normalised text that matchers work on, with its offset map.
    pub norm: Normalized,
    /// ISO 639-1 code of the language (`und` when undetermined).
    pub lang: String,
    /// Whether `lang` was detected (rather than given by the caller).
    pub lang_detected: bool,
    /// Sentences, in order; offsets in both texts.
    pub sentences: Vec<Sentence>,
    /// Tokens, in order; offsets in both texts.
    pub tokens: Vec<Token>,
}

impl<'a> Document<'a> {
    /// Maps a byte span of the normalised text to the original text.
    ///
    /// `start..end` must lie on char boundaries of [`Document::norm`]; the
    /// result lies on char boundaries of [`Document::original`].
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        self.norm.to_original(start, end)
    }

    /// The original words of a normalised span.
    pub fn original_text(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = self.to_original(start, end);
        &self.original[s..e]
    }

    /// The tokens of sentence `index`.
    pub fn sentence_tokens(&self, index: usize) -> &[Token] {
        let s = &self.sentences[index];
        &self.tokens[s.first_token..s.first_token + s.token_count]
    }

    /// Whether Vigie has lexicons for this document's language.
    pub fn lang_supported(&self) -> bool {
        SUPPORTED_LANGS.contains(&self.lang.as_str())
    }
}

/// Analyses one article.
///
/// `lang` is the caller's ISO 639-1 code when known; otherwise the language is
/// detected from the text. Never panics, whatever the input.
///
/// ```
/// let doc = vigie_text::analyze("M. Dupont est arrivé. Il a parlé.", None);
/// assert_eq!(doc.lang, "fr");
/// assert_eq!(doc.sentences.len(), 2);
/// ```
pub fn analyze<'a>(text: &'a str, lang: Option<&str>) -> Document<'a> {
    let norm = Normalized::new(text);
    let (lang, lang_detected) = match lang {
        Some(code) if !code.trim().is_empty() => (code.trim().to_ascii_lowercase(), false),
        _ => (lang::detect(&norm.text).code.to_string(), true),
    };
    let mut sentences = sentences::split(&norm.text, &lang);
    let tokens = tokens::tokenize(&norm.text, &mut sentences);
    for s in &mut sentences {
        let (a, b) = norm.to_original(s.nstart, s.nend);
        s.start = a;
        s.end = b;
    }
    let tokens = map_tokens(&norm, tokens, &mut sentences);
    Document {
        original: text,
        norm,
        lang,
        lang_detected,
        sentences,
        tokens,
    }
}

/// Sets the original spans of tokens. Tokens that come from one original
/// character (e.g. two of the `"` `.` of a normalised `…`) share its span and
/// are merged, so original spans never overlap.
fn map_tokens(norm: &Normalized, tokens: Vec<Token>, sentences: &mut [Sentence]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for mut t in tokens {
        let (a, b) = norm.to_original(t.nstart, t.nend);
        t.start = a;
        t.end = b;
        match out.last_mut() {
            Some(prev) if prev.end > t.start && prev.sentence == t.sentence => {
                prev.nend = t.nend;
                prev.end = prev.end.max(t.end);
            }
            _ => out.push(t),
        }
    }
    if out.len() != sentences.iter().map(|s| s.token_count).sum::<usize>() {
        for s in sentences.iter_mut() {
            s.token_count = 0;
        }
        for (i, t) in out.iter().enumerate() {
            let s = &mut sentences[t.sentence];
            if s.token_count == 0 {
                s.first_token = i;
            }
            s.token_count += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_offsets(text: &str) {
        let doc = analyze(text, Some("fr"));
        for s in &doc.sentences {
            assert!(s.start <= s.end && s.end <= text.len(), "{s:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let t = &doc.norm.text[s.nstart..s.nend];
            assert!(!t.trim().is_empty(), "empty sentence {s:?} in {text:?}");
        }
        for t in &doc.tokens {
            assert!(t.start < t.end && t.end <= text.len(), "{t:?} in {text:?}");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(!text[t.start..t.end].trim().is_empty());
        }
        // Tokens are in order and do not overlap.
        for w in doc.tokens.windows(2) {
            assert!(w[0].end <= w[1].start, "{:?} {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn offsets_point_into_the_original() {
        check_offsets("L’armée a dit « non ». Le 3\u{a0}avril, 30.000 soldats\u{202f}!");
        check_offsets("Cafe\u{301} noir. Ete\u{301}. Fin");
        check_offsets("");
        check_offsets("   \n\n  ");
        check_offsets("\u{feff}Titre\n\nTexte… suite.");
    }

    #[test]
    fn random_input_never_panics() {
        let mut rng = fastrand::Rng::with_seed(7);
        let alphabet: Vec<char> = "aA é.’«» \u{a0}\u{202f}\n\t-'0123456789?!M\u{301}\u{200b}…U.S"
            .chars()
            .collect();
        for _ in 0..2000 {
            let len = rng.usize(0..80);
            let s: String = (0..len).map(|_| alphabet[rng.usize(0..alphabet.len())]).collect();
            check_offsets(&s);
        }
        for _ in 0..500 {
            let bytes: Vec<u8> = (0..rng.usize(0..200)).map(|_| rng.u8(..)).collect();
            let s = String::from_utf8_lossy(&bytes);
            check_offsets(&s);
            let _ = analyze(&s, None);
        }
    }
}
