//! Numbers (mention stage, after the text stage).
//!
//! Entry point: [`find`] takes an analysed [`Document`] and returns the
//! numbers written in digits, in text order, with their value:
//!
//! - thousands separators of both conventions: "30.000", "30 000" (also
//!   with a non-breaking space, normalised by the text stage), "1,200";
//! - decimals: "3.5", "3,5" (a separator not followed by exactly three
//!   digits is a decimal point);
//! - magnitude words after a number: "1,5 million", "2 milliards",
//!   "3.2 billion".
//!
//! Numbers written in words ("vingt-trois", "a dozen") and fatality counts
//! come with the event stage (issue #6), which reads these mentions.

use vigie_text::{Document, Token, TokenKind};

/// A number in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Byte span in the normalised text ([`Document::norm`]).
    pub nstart: usize,
    pub nend: usize,
    /// Index of the sentence holding the number.
    pub sentence: usize,
    /// The value.
    pub value: f64,
}

/// Parses one digit token: "30.000" → 30000, "3,5" → 3.5, "1,200" → 1200.
pub fn parse_digits(s: &str) -> Option<f64> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = s.split(['.', ',']).collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if groups.len() == 1 {
        return s.parse().ok();
    }
    let seps: Vec<char> = s.chars().filter(|c| *c == '.' || *c == ',').collect();
    let same_sep = seps.iter().all(|c| *c == seps[0]);
    let thousands = same_sep && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if thousands {
        return groups.concat().parse().ok();
    }
    if groups.len() == 2 {
        return format!("{}.{}", groups[0], groups[1]).parse().ok();
    }
    // "1,234.5" or "1.234,5": the last separator is the decimal point.
    let last = s.rfind(['.', ','])?;
    let int: String = s[..last].chars().filter(|c| c.is_ascii_digit()).collect();
    format!("{int}.{}", &s[last + 1..]).parse().ok()
}

fn magnitude(word: &str) -> Option<f64> {
    Some(match word.to_lowercase().as_str() {
        "thousand" | "mille" => 1e3,
        "million" | "millions" => 1e6,
        "milliard" | "milliards" | "billion" | "billions" => 1e9,
        _ => return None,
    })
}

/// Finds the numbers written in digits, in text order.
pub fn find(doc: &Document) -> Vec<NumberMention> {
    let text = &doc.norm.text;
    let toks: &[Token] = &doc.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.kind != TokenKind::Number {
            i += 1;
            continue;
        }
        let Some(mut value) = parse_digits(&text[t.nstart..t.nend]) else {
            i += 1;
            continue;
        };
        let mut end = t.nend;
        let mut j = i + 1;
        // "30 000": a short group followed by groups of exactly three digits,
        // one space apart.
        if text[t.nstart..t.nend].len() <= 3 && text[t.nstart..t.nend].bytes().all(|b| b.is_ascii_digit()) {
            while j < toks.len()
                && toks[j].kind == TokenKind::Number
                && toks[j].sentence == t.sentence
                && toks[j].nstart == end + 1
                && text.as_bytes()[end] == b' '
                && toks[j].nend - toks[j].nstart == 3
            {
                value = value * 1000.0 + text[toks[j].nstart..toks[j].nend].parse::<f64>().unwrap_or(0.0);
                end = toks[j].nend;
                j += 1;
            }
        }
        if let Some(next) = toks.get(j) {
            if next.kind == TokenKind::Word && next.sentence == t.sentence {
                if let Some(m) = magnitude(&text[next.nstart..next.nend]) {
                    value *= m;
                    end = next.nend;
                    j += 1;
                }
            }
        }
        out.push(NumberMention {
            nstart: t.nstart,
            nend: end,
            sentence: t.sentence,
            value,
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        let cases: &[(&str, Option<f64>)] = &[
            ("23", Some(23.0)),
            ("30.000", Some(30000.0)),
            ("150.000", Some(150000.0)),
            ("1,200", Some(1200.0)),
            ("3.5", Some(3.5)),
            ("3,5", Some(3.5)),
            ("1.234.567", Some(1234567.0)),
            ("1,234.5", Some(1234.5)),
            ("1.234,5", Some(1234.5)),
            ("12.50", Some(12.5)),
            ("abc", None),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_digits(s), *want, "{s}");
        }
    }

    #[test]
    fn in_text() {
        let text = "Au moins 30 000 personnes, 1,5 million de déplacés et 23 morts en 2014.";
        let doc = vigie_text::analyze(text, Some("fr"));
        let found: Vec<(String, f64)> = find(&doc)
            .into_iter()
            .map(|m| (text[m.nstart..m.nend].to_string(), m.value))
            .collect();
        assert_eq!(
            found,
            vec![
                ("30 000".to_string(), 30000.0),
                ("1,5 million".to_string(), 1_500_000.0),
                ("23".to_string(), 23.0),
                ("2014".to_string(), 2014.0),
            ]
        );
    }
}
