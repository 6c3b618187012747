//! Sentence segmentation for news text.
//!
//! A rule-based splitter, because wire copy is regular and the rules that
//! matter are few: a sentence ends at `.`, `!`, `?` or `...` (and any closing
//! quotes or brackets after them) followed by white space and something that
//! can start a sentence, or at a paragraph break. A `.` does not end a sentence
//! after a known abbreviation of the language ("M.", "Mme", "Gen.", "St."),
//! after an initial ("J. Smith"), after a dotted acronym ("U.S.") unless the
//! next word is a usual sentence opener, or inside a number ("30.000", "3.5").
//!
//! Adding a language: add its abbreviations to [`abbreviations`] and the
//! words that open its sentences to [`OPENERS`].

/// A sentence: byte spans in the normalised and the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Position in the article, from 0.
    pub index: usize,
    /// Span in the normalised text.
    pub nstart: usize,
    pub nend: usize,
    /// Span in the original text.
    pub start: usize,
    pub end: usize,
    /// Index of the sentence's first token in [`crate::Document::tokens`].
    pub first_token: usize,
    pub token_count: usize,
}

/// Abbreviations (without their dot) after which a `.` does not end a
/// sentence, compared case-sensitively.
fn abbreviations(lang: &str) -> &'static [&'static str] {
    const FR: &[&str] = &[
        "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Pr", "St", "Ste", "Gén", "Gal", "Col",
        "Cdt", "Lt", "Cne", "Sgt", "av", "apr", "J.-C", "janv", "févr", "fév", "avr", "juil", "sept", "oct",
        "nov", "déc", "n", "no", "N", "No", "art", "cf", "env", "hab", "vol", "éd", "p", "pp", "bd", "boul",
        "ex", "Cie", "Éts", "Ets", "min", "max", "tél", "Vve", "Sté", "coll", "dir", "chap", "fig", "resp",
        "ca",
    ];
    const EN: &[&str] = &[
        "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "St", "Ste", "Mt", "Ft", "Gen", "Lt", "Col", "Maj",
        "Capt", "Cpt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Brig", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres",
        "Amb", "Supt", "Insp", "Det", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Bros", "vs", "v", "No", "Nos",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Ave", "Blvd",
        "Rd", "approx", "est", "fig", "al", "cf", "pp", "p", "ca", "Dept", "Univ", "Mass", "Calif", "Fla",
        "Ariz", "Ill", "Wash", "Penn", "Conn", "Tenn", "Ky", "Va", "Md", "Ga", "Ala", "Okla", "Colo", "Mich",
        "Minn", "Wis",
    ];
    match lang {
        "fr" => FR,
        "en" => EN,
        // Unknown languages get both lists: names and titles travel.
        _ => &[
            "M", "Mme", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Col", "Lt", "Jr", "Sr",
        ],
    }
}

/// Words that open sentences: after a dotted acronym ("U.S.") they show
/// that the acronym ended the sentence.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Officials",
    "Le",
    "La",
    "Les",
    "L'",
    "Un",
    "Une",
    "Des",
    "Il",
    "Elle",
    "Ils",
    "Elles",
    "On",
    "Mais",
    "Et",
    "Ce",
    "Cette",
    "Ces",
    "Selon",
    "Dans",
    "En",
    "Au",
    "Aux",
    "Du",
    "De",
    "Son",
    "Sa",
    "Ses",
    "Leur",
    "Leurs",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '»' | '”' | '’')
}

/// The word ending just before byte `end` (letters, digits, dots, hyphens).
fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.' || c == '-' || c == '\'')
        .last()
        .map_or(end, |(i, _)| i);
    &text[start..end]
}

/// The word starting at byte `start`.
fn word_after(text: &str, start: usize) -> &str {
    let end = text[start..]
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\''))
        .map_or(text.len(), |(i, _)| start + i);
    &text[start..end]
}

/// Whether the `.` at `dot` belongs to an abbreviation, initial or acronym.
fn dot_is_abbreviation(text: &str, dot: usize, next_word: &str, lang: &str) -> bool {
    let word = word_before(text, dot);
    // Strip an elided article: "l'Gen." is not a thing, but "d'Av." could be.
    let word = word.rsplit('\'').next().unwrap_or(word);
    if word.is_empty() {
        return false;
    }
    // A single letter: an initial ("J. Smith") unless it is a lone pronoun-like
    // word that can end a sentence ("... plan B. The").
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.next().is_none() && first.is_uppercase() {
        return !OPENERS.contains(&next_word) || first == 'M';
    }
    // Dotted acronym: "U.S", "U.N", "J.-C": ends a sentence only before an opener.
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        return !OPENERS.contains(&next_word);
    }
    abbreviations(lang).contains(&word)
}

/// Splits a normalised text into sentences. Token fields are left at zero.
pub fn split(text: &str, lang: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        let mut cut: Option<usize> = None;
        if b == b'\n' {
            // A blank line always ends a paragraph. A single line break ends a
            // sentence when the line does not run on (headlines, datelines).
            let rest = &text[i + 1..];
            let blank = rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n');
            let prev = text[..i].trim_end().chars().last();
            let next = rest.trim_start().chars().next();
            let runs_on = matches!(prev, Some(c) if c.is_lowercase() || c == ',' || c == '-' || c == ';')
                && matches!(next, Some(c) if c.is_lowercase());
            if blank || !runs_on {
                cut = Some(i);
            }
        } else if b == b'.' || b == b'!' || b == b'?' {
            // Extend over repeated terminators and closing quotes/brackets.
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            let mut end = j;
            for (k, c) in text[j..].char_indices() {
                if is_closer(c) {
                    end = j + k + c.len_utf8();
                } else {
                    break;
                }
            }
            let after = &text[end..];
            let trimmed = after.trim_start_matches([' ', '\t', '\r']);
            let has_space = trimmed.len() < after.len() || after.is_empty() || after.starts_with('\n');
            if has_space {
                let next_start = end + (after.len() - trimmed.len());
                let next = trimmed.chars().next();
                let next_word = word_after(text, next_start);
                let opens = match next {
                    None => true,
                    Some(c) => {
                        c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '(' | '-' | '\n' | '\'')
                    }
                };
                let single_dot = b == b'.' && j == i + 1;
                let abbreviation = single_dot && dot_is_abbreviation(text, i, next_word, lang);
                if opens && !abbreviation {
                    cut = Some(end);
                }
            }
            i = end.max(i + 1);
            if let Some(c) = cut {
                push(text, start, c, &mut out);
                start = c;
            }
            continue;
        }
        if let Some(c) = cut {
            push(text, start, c, &mut out);
            start = c;
        }
        i += 1;
    }
    push(text, start, text.len(), &mut out);
    out
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead == piece.len() {
        return;
    }
    let (s, e) = (start + lead, end - trail);
    out.push(Sentence {
        index: out.len(),
        nstart: s,
        nend: e,
        start: s,
        end: e,
        first_token: 0,
        token_count: 0,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, lang: &str) -> Vec<String> {
        split(text, lang)
            .iter()
            .map(|s| text[s.nstart..s.nend].to_string())
            .collect()
    }

    struct Case {
        name: &'static str,
        lang: &'static str,
        text: &'static str,
        want: &'static [&'static str],
    }

    const CASES: &[Case] = &[
        Case {
            name: "french titles",
            lang: "fr",
            text: "M. Lavrov a reçu Mme Colonna. Ils ont parlé de l'Ukraine.",
            want: &["M. Lavrov a reçu Mme Colonna.", "Ils ont parlé de l'Ukraine."],
        },
        Case {
            name: "numbers with dots",
            lang: "fr",
            text: "La guerre a fait 150.000 morts. Le taux est de 3.5 pour cent.",
            want: &["La guerre a fait 150.000 morts.", "Le taux est de 3.5 pour cent."],
        },
        Case {
            name: "english ranks and acronyms",
            lang: "en",
            text: "Gen. Mark Milley met U.S. officials in St. Louis. The talks ended.",
            want: &[
                "Gen. Mark Milley met U.S. officials in St. Louis.",
                "The talks ended.",
            ],
        },
        Case {
            name: "acronym ends sentence before an opener",
            lang: "en",
            text: "Troops arrived from the U.S. The base was closed.",
            want: &["Troops arrived from the U.S.", "The base was closed."],
        },
        Case {
            name: "initials",
            lang: "en",
            text: "John F. Kennedy and J. R. R. Tolkien. Both were famous.",
            want: &["John F. Kennedy and J. R. R. Tolkien.", "Both were famous."],
        },
        Case {
            name: "quotes close the sentence",
            lang: "fr",
            text: "Il a dit : \"nous partons.\" Puis il est sorti ! Vraiment ?",
            want: &[
                "Il a dit : \"nous partons.\"",
                "Puis il est sorti !",
                "Vraiment ?",
            ],
        },
        Case {
            name: "french month abbreviation",
            lang: "fr",
            text: "Le 5 janv. 2024, les troupes sont entrées. Fin.",
            want: &["Le 5 janv. 2024, les troupes sont entrées.", "Fin."],
        },
        Case {
            name: "headline and dateline paragraphs",
            lang: "en",
            text: "Clashes kill 12 in north\n\nKABUL (Reuters) - At least 12 people died.\nPolice said so.",
            want: &[
                "Clashes kill 12 in north",
                "KABUL (Reuters) - At least 12 people died.",
                "Police said so.",
            ],
        },
        Case {
            name: "wrapped lines run on",
            lang: "en",
            text: "The army said the\nfighting had stopped.",
            want: &["The army said the\nfighting had stopped."],
        },
        Case {
            name: "lowercase after dot does not split",
            lang: "en",
            text: "He was born in 1950 in Lagos etc. and lived there.",
            want: &["He was born in 1950 in Lagos etc. and lived there."],
        },
        Case {
            name: "ellipsis",
            lang: "fr",
            text: "Il hésite... Puis il signe.",
            want: &["Il hésite...", "Puis il signe."],
        },
    ];

    #[test]
    fn table() {
        for c in CASES {
            assert_eq!(texts(c.text, c.lang), c.want, "case: {}", c.name);
        }
    }

    #[test]
    fn empty_and_blank() {
        assert!(split("", "fr").is_empty());
        assert!(split(" \n\n \t", "en").is_empty());
    }
}
