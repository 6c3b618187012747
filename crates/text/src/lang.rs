//! Language identification.
//!
//! Uses `lingua` (Apache-2.0), which is accurate on single sentences, with the
//! models of the languages Vigie has lexicons for (French, English) and of the
//! other languages most common in international news, so that those are
//! reported with their own code (and a "no lexicon" warning by the caller)
//! rather than mistaken for French or English. Each model adds a few MB to the
//! binary; the list is [`DETECTED`].

use std::sync::LazyLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use rustc_hash::FxHashMap;

/// Languages Vigie has lexicons for (ISO 639-1).
pub const SUPPORTED_LANGS: &[&str] = &["fr", "en"];

/// Languages the detector knows.
pub const DETECTED: &[Language] = &[
    Language::English,
    Language::French,
    Language::German,
    Language::Spanish,
    Language::Italian,
    Language::Portuguese,
    Language::Dutch,
    Language::Russian,
    Language::Ukrainian,
    Language::Arabic,
    Language::Turkish,
    Language::Chinese,
];

/// How much text is looked at: the first sentences carry the language.
const SAMPLE_BYTES: usize = 1500;

static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(DETECTED)
        .with_minimum_relative_distance(0.05)
        .build()
});

/// The detected language of a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LangGuess {
    /// ISO 639-1 code, or `und` when undetermined.
    pub code: &'static str,
    /// The detector's confidence in `code`, 0 to 1.
    pub confidence: f64,
}

/// Function words found in French but not in the other detected languages.
const FR_MARKERS: &[&str] = &[
    "une", "été", "aux", "ont", "dans", "avec", "pour", "cette", "sont", "leur", "était", "selon", "mais",
    "lors", "depuis", "après", "aussi", "ainsi", "même", "où", "très", "nous", "vous", "ils", "elles", "du",
];
/// Function words found in English but not in the other detected languages.
const EN_MARKERS: &[&str] = &[
    "the", "and", "was", "were", "has", "have", "with", "which", "said", "from", "this", "that", "would",
    "their", "they", "after", "about", "been", "its", "who", "by", "of", "on", "at",
];

/// The marker words, by [`word_key`]: bit 1 French, bit 2 English.
static MARKERS: LazyLock<FxHashMap<u64, u8>> = LazyLock::new(|| {
    let mut m = FxHashMap::default();
    for (list, bit) in [(FR_MARKERS, 1), (EN_MARKERS, 2)] {
        for w in list {
            if let Some(k) = word_key(w.as_bytes()) {
                *m.entry(k).or_default() |= bit;
            }
        }
    }
    m
});

/// A word of at most seven bytes as one number (its bytes, then its length
/// in the top byte), which hashes and compares at once; `None` for a longer
/// word, which is no marker.
fn word_key(word: &[u8]) -> Option<u64> {
    let mut k = [0u8; 8];
    k.get_mut(..word.len())
        .filter(|_| word.len() < 8)?
        .copy_from_slice(word);
    k[7] = word.len() as u8;
    Some(u64::from_le_bytes(k))
}

/// The runs of letters of `text` (its words, split at every other
/// character), decoding only the non-ASCII characters.
fn letter_runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    // Whether the character at `i` is a letter, and its length.
    let letter_at = move |i: usize| -> (bool, usize) {
        match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphabetic(), 1),
            _ => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphabetic(), c.len_utf8())),
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        // Past the characters that are no letters...
        loop {
            match bytes.get(i) {
                None => return None,
                Some(b) if b.is_ascii_alphabetic() => break,
                Some(b) if b.is_ascii() => i += 1,
                Some(_) => match letter_at(i) {
                    (true, _) => break,
                    (false, len) => i += len,
                },
            }
        }
        // ... then along the letters.
        let start = i;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphabetic() {
                i += 1;
            } else if b.is_ascii() {
                break;
            } else {
                match letter_at(i) {
                    (true, len) => i += len,
                    (false, _) => break,
                }
            }
        }
        Some(&text[start..i])
    })
}

/// [`word_key`] of an ASCII word of at most seven bytes, lower-cased,
/// built in place.
fn ascii_lower_key(w: &str) -> u64 {
    let k = w.bytes().enumerate().fold(0u64, |k, (j, b)| {
        k | (u64::from(b.to_ascii_lowercase()) << (8 * j))
    });
    k | ((w.len() as u64) << 56)
}

/// Fast path for articles: when the first sentences hold many French or
/// many English function words and none of the other, that is the language.
/// Short texts (headlines) go to the statistical detector.
fn by_markers(sample: &str) -> Option<LangGuess> {
    if sample.len() < 200 {
        return None;
    }
    let (mut fr, mut en) = (0usize, 0usize);
    for w in letter_runs(sample).filter(|w| w.len() <= 6) {
        // ASCII words (most) are lower-cased on the stack.
        let key = if w.is_ascii() {
            Some(ascii_lower_key(w))
        } else {
            word_key(w.to_lowercase().as_bytes())
        };
        let bits = key.and_then(|k| MARKERS.get(&k).copied()).unwrap_or(0);
        fr += usize::from(bits & 1);
        en += usize::from(bits >> 1);
    }
    match (fr, en) {
        (f, e) if (f >= 4 && e == 0) || (f >= 6 && e * 6 <= f) => Some(LangGuess {
            code: "fr",
            confidence: 0.99,
        }),
        (f, e) if (e >= 4 && f == 0) || (e >= 6 && f * 6 <= e) => Some(LangGuess {
            code: "en",
            confidence: 0.99,
        }),
        _ => None,
    }
}

/// Detects the language of `text` (its first ~1,500 bytes).
///
/// Articles with many French or English function words are decided by them
/// (fast); other texts by `lingua`. Returns `und` for text without letters
/// or when the detector cannot decide.
pub fn detect(text: &str) -> LangGuess {
    let mut cut = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &text[..cut];
    let und = LangGuess {
        code: "und",
        confidence: 0.0,
    };
    if sample.chars().filter(|c| c.is_alphabetic()).nth(2).is_none() {
        return und;
    }
    if let Some(g) = by_markers(sample) {
        return g;
    }
    let Some(lang) = DETECTOR.detect_language_of(sample) else {
        return und;
    };
    let confidence = DETECTOR.compute_language_confidence(sample, lang);
    LangGuess {
        code: iso_code(lang),
        confidence,
    }
}

fn iso_code(lang: Language) -> &'static str {
    match lang {
        Language::English => "en",
        Language::French => "fr",
        Language::German => "de",
        Language::Spanish => "es",
        Language::Italian => "it",
        Language::Portuguese => "pt",
        Language::Dutch => "nl",
        Language::Russian => "ru",
        Language::Ukrainian => "uk",
        Language::Arabic => "ar",
        Language::Turkish => "tr",
        Language::Chinese => "zh",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_runs_are_the_words() {
        let t = "L'armée a tiré, 3 fois: Ωmega-Ζ éé";
        let split: Vec<&str> = t
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(letter_runs(t).collect::<Vec<_>>(), split);
        assert_eq!(letter_runs("").count(), 0);
        assert_eq!(letter_runs("12 ,;").count(), 0);
    }

    #[test]
    fn marker_keys() {
        assert_eq!(word_key(b"abcdefgh"), None);
        assert_ne!(word_key(b"du"), word_key(b"dua"));
        assert_ne!(word_key(b"on"), word_key(b"no"));
        for w in ["The", "ONT", "a", "sAid", "xyzXYZ"] {
            assert_eq!(
                Some(ascii_lower_key(w)),
                word_key(w.to_ascii_lowercase().as_bytes()),
                "{w}"
            );
        }
        for w in FR_MARKERS.iter().chain(EN_MARKERS) {
            let bits = MARKERS[&word_key(w.as_bytes()).unwrap()];
            assert_eq!(
                bits,
                u8::from(FR_MARKERS.contains(w)) | (2 * u8::from(EN_MARKERS.contains(w))),
                "{w}"
            );
        }
    }

    #[test]
    fn single_sentences() {
        let cases = [
            ("fr", "Les combats ont fait au moins 23 morts depuis dimanche."),
            ("fr", "Le ministre a appelé son homologue lundi soir."),
            ("fr", "Bakou accuse Erevan d'avoir violé le cessez-le-feu."),
            ("fr", "Des milliers de manifestants à Paris contre la réforme"),
            ("en", "At least 12 people were killed in the attack on Sunday."),
            (
                "en",
                "The foreign minister called his counterpart on Monday evening.",
            ),
            ("en", "Protesters marched in the capital"),
            ("en", "Police arrested three men in Nairobi."),
            ("de", "Bei den Kämpfen wurden mindestens zwölf Menschen getötet."),
            ("es", "Al menos doce personas murieron en el ataque del domingo."),
            (
                "ru",
                "В результате обстрела погибли по меньшей мере двенадцать человек.",
            ),
        ];
        for (want, text) in cases {
            assert_eq!(detect(text).code, want, "{text}");
        }
    }

    #[test]
    fn articles_decided_by_function_words() {
        let fr = "Les combats ont repris dans la nuit de samedi à dimanche selon les autorités, qui ont \
                  fait état de nombreuses victimes. Le ministre a été reçu avec les honneurs pour une \
                  visite de deux jours dans la capitale, où il doit rencontrer son homologue.";
        let en = "The fighting resumed overnight, officials said, and the army has deployed troops to the \
                  border after clashes which were the worst this year. They said that the talks would \
                  resume with the mediators on Monday in the capital of the country.";
        assert_eq!(by_markers(fr).map(|g| g.code), Some("fr"));
        assert_eq!(by_markers(en).map(|g| g.code), Some("en"));
        let es = "Los combates se reanudaron durante la noche, según las autoridades, que informaron de \
                  numerosas víctimas. El ministro fue recibido con honores para una visita de dos días en \
                  la capital, donde debe reunirse con su homólogo para hablar de la crisis.";
        assert_eq!(by_markers(es), None);
        assert_eq!(detect(es).code, "es");
    }

    #[test]
    fn no_letters_is_undetermined() {
        assert_eq!(detect("").code, "und");
        assert_eq!(detect("12 345 !!").code, "und");
    }
}
