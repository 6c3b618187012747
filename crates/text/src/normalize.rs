//! Normalisation for matching, with a map back to the original offsets.
//!
//! News text arrives with typographic apostrophes and quotes (’ « » “ ”),
//! non-breaking and narrow spaces (U+00A0, U+202F), decomposed accents and
//! invisible characters. Lexicons are written with plain `'`, `"`, space and
//! NFC letters, so the text is normalised once here:
//!
//! - Unicode NFC;
//! - apostrophes (’ ‘ ʼ ′ `) → `'`; quotes (« » “ ” „ ‹ ›) → `"`;
//! - hyphens and dashes (‐ ‑ ‒ – — ―) → `-`; `…` → `...`;
//! - every space separator (NBSP, narrow NBSP, thin space, ...) → ` `;
//! - zero-width characters, BOM and soft hyphen are removed.
//!
//! The normalised text can be longer or shorter than the original. For each
//! normalised byte the map keeps the original span of the character (or
//! combining sequence) it came from, so [`Normalized::to_original`] turns any
//! normalised span into an original one. When nothing changes (the common
//! case for clean ASCII/NFC input) no map is stored.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A normalised text and its map to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`: the original start and end offsets of the
    /// unit it came from. `None` when `text` equals the original.
    map: Option<Vec<(u32, u32)>>,
    /// Length of the original text in bytes.
    original_len: usize,
}

/// What one character of the original becomes.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{0060}' | '\u{00B4}' => "'",
        '\u{00AB}' | '\u{00BB}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2039}'
        | '\u{203A}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
        '\u{2026}' => "...",
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => "",
        c if c != ' ' && c != '\t' && c != '\n' && c != '\r' && is_space_separator(c) => " ",
        _ => return None,
    })
}

/// Unicode `Zs` characters other than the ASCII space.
fn is_space_separator(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

fn needs_work(text: &str) -> bool {
    !matches!(is_nfc_quick(text.chars()), IsNormalized::Yes)
        || text.chars().any(|c| !c.is_ascii() && replacement(c).is_some())
        || text.contains('`')
}

impl Normalized {
    /// Normalises `original` (see the module documentation).
    pub fn new(original: &str) -> Normalized {
        if original.len() > u32::MAX as usize {
            // Offsets are stored as u32; such a text is not an article. Keep
            // it as it is rather than fail.
            return Normalized {
                text: original.to_string(),
                map: None,
                original_len: original.len(),
            };
        }
        if !needs_work(original) {
            return Normalized {
                text: original.to_string(),
                map: None,
                original_len: original.len(),
            };
        }
        let mut text = String::with_capacity(original.len() + 16);
        let mut map: Vec<(u32, u32)> = Vec::with_capacity(original.len() + 16);
        let bytes = original.as_bytes();
        let mut buf = String::new();
        let mut i = 0;
        while i < bytes.len() {
            // An ASCII character followed by another is a unit of its own
            // (ASCII characters combine with nothing) and is kept as it is,
            // but for the backtick: copied by runs.
            let run = i;
            while i + 1 < bytes.len() && bytes[i].is_ascii() && bytes[i + 1].is_ascii() && bytes[i] != b'`' {
                i += 1;
            }
            if i > run {
                text.push_str(&original[run..i]);
                map.extend((run..i).map(|k| (k as u32, k as u32 + 1)));
            }
            let start = i;
            let Some(c) = original[start..].chars().next() else {
                break;
            };
            // A unit is a character and the combining marks that follow it,
            // so NFC composition never crosses a unit boundary.
            let mut end = start + c.len_utf8();
            let mut combining = false;
            for m in original[end..].chars() {
                // ASCII characters combine with nothing (class 0).
                if m.is_ascii() || canonical_combining_class(m) == 0 {
                    break;
                }
                combining = true;
                end += m.len_utf8();
            }
            i = end;
            let before = text.len();
            if combining {
                buf.clear();
                buf.extend(original[start..end].nfc());
                for ch in buf.chars() {
                    match replacement(ch) {
                        Some(r) => text.push_str(r),
                        None => text.push(ch),
                    }
                }
            } else {
                match replacement(c) {
                    Some(r) => text.push_str(r),
                    None => text.push(c),
                }
            }
            map.resize(text.len(), (start as u32, end as u32));
            debug_assert!(map.len() >= before);
        }
        Normalized {
            text,
            map: Some(map),
            original_len: original.len(),
        }
    }

    /// Whether the normalised text is the original, byte for byte.
    pub fn is_identity(&self) -> bool {
        self.map.is_none()
    }

    /// Maps the normalised span `start..end` to the original text.
    ///
    /// An empty span maps to an empty span at the matching position. Spans
    /// inside one unit (e.g. the `..` of an `...` that came from `…`) map to
    /// the whole unit.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let Some(map) = &self.map else {
            return (start.min(self.original_len), end.min(self.original_len));
        };
        let pos = |i: usize| -> usize {
            if i < map.len() {
                map[i].0 as usize
            } else {
                self.original_len
            }
        };
        if end <= start {
            let p = pos(start);
            return (p, p);
        }
        let s = pos(start);
        let e = if end - 1 < map.len() {
            map[end - 1].1 as usize
        } else {
            self.original_len
        };
        (s, e.max(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Case {
        name: &'static str,
        input: &'static str,
        norm: &'static str,
    }

    const CASES: &[Case] = &[
        Case {
            name: "ascii untouched",
            input: "Plain text.",
            norm: "Plain text.",
        },
        Case {
            name: "apostrophe",
            input: "l’armée",
            norm: "l'armée",
        },
        Case {
            name: "guillemets",
            input: "«\u{a0}non\u{a0}»",
            norm: "\" non \"",
        },
        Case {
            name: "narrow nbsp",
            input: "30\u{202f}000",
            norm: "30 000",
        },
        Case {
            name: "nfc",
            input: "e\u{301}te\u{301}",
            norm: "été",
        },
        Case {
            name: "ellipsis",
            input: "Et…",
            norm: "Et...",
        },
        Case {
            name: "zero width dropped",
            input: "a\u{200b}b",
            norm: "ab",
        },
        Case {
            name: "en dash",
            input: "1975–1990",
            norm: "1975-1990",
        },
        Case {
            name: "curly quotes",
            input: "“yes”",
            norm: "\"yes\"",
        },
    ];

    #[test]
    fn table() {
        for c in CASES {
            let n = Normalized::new(c.input);
            assert_eq!(n.text, c.norm, "case {}", c.name);
        }
    }

    #[test]
    fn spans_map_back() {
        let orig = "L’armée « tue »…";
        let n = Normalized::new(orig);
        assert_eq!(n.text, "L'armée \" tue \"...");
        let s = n.text.find("armée").unwrap();
        let (a, b) = n.to_original(s, s + "armée".len());
        assert_eq!(&orig[a..b], "armée");
        let (a, b) = n.to_original(0, 2);
        assert_eq!(&orig[a..b], "L’");
        let q = n.text.find('"').unwrap();
        let (a, b) = n.to_original(q, q + 1);
        assert_eq!(&orig[a..b], "«");
        let e = n.text.len();
        let (a, b) = n.to_original(e - 2, e);
        assert_eq!(&orig[a..b], "…");
        let (a, b) = n.to_original(e, e);
        assert_eq!((a, b), (orig.len(), orig.len()));
    }

    #[test]
    fn decomposed_letters_map_to_whole_sequences() {
        let orig = "Ete\u{301} arrive\u{301}";
        let n = Normalized::new(orig);
        let s = n.text.find("arrivé").unwrap();
        let (a, b) = n.to_original(s, s + "arrivé".len());
        assert_eq!(&orig[a..b], "arrive\u{301}");
    }
}
