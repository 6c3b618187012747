//! The lower-cased words of a document, made once per article for the
//! coding rules, which compare the same words with their lists many times
//! per trigger.

use std::fmt;
use std::ops::Deref;

use vigie_text::Document;

/// Every token of a document lower-cased (`str::to_lowercase` of the token),
/// in one buffer.
pub(crate) struct Words {
    buf: String,
    /// End of each token's word in `buf` (the start is the previous end).
    ends: Vec<u32>,
}

impl Words {
    pub(crate) fn new(doc: &Document) -> Words {
        let text = doc.norm.text.as_str();
        let mut buf = String::with_capacity(text.len());
        let mut ends = Vec::with_capacity(doc.tokens.len());
        for t in &doc.tokens {
            let w = &text[t.nstart..t.nend];
            if w.is_ascii() {
                let from = buf.len();
                buf.push_str(w);
                buf[from..].make_ascii_lowercase();
            } else {
                buf.push_str(&w.to_lowercase());
            }
            ends.push(u32::try_from(buf.len()).unwrap_or(u32::MAX));
        }
        Words { buf, ends }
    }

    /// The word of token `i` (empty past the last token).
    pub(crate) fn get(&self, i: usize) -> Word<'_> {
        let start = i
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .map_or(0, |&e| e as usize);
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        Word(self.buf.get(start..end).unwrap_or(""))
    }
}

/// A lower-cased word of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'w>(&'w str);

impl<'w> Word<'w> {
    pub(crate) fn as_str(&self) -> &'w str {
        self.0
    }
}

impl Deref for Word<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl PartialEq<&str> for Word<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Word<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_lower_cased_tokens() {
        let doc = vigie_text::analyze("L'ARMÉE a tiré ; ΟΔΟΣ Σ.", Some("fr"));
        let words = Words::new(&doc);
        for (i, t) in doc.tokens.iter().enumerate() {
            assert_eq!(
                words.get(i).as_str(),
                doc.norm.text[t.nstart..t.nend].to_lowercase()
            );
        }
        assert_eq!(words.get(0), "l'");
        assert_eq!(words.get(doc.tokens.len()).as_str(), "");
    }
}
