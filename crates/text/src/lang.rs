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

/// Detects the language of `text` (its first ~1,500 bytes).
///
/// Returns `und` for text without letters or when the detector cannot decide.
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
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return und;
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
    fn no_letters_is_undetermined() {
        assert_eq!(detect("").code, "und");
        assert_eq!(detect("12 345 !!").code, "und");
    }
}
