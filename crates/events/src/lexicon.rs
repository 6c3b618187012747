//! Trigger lexicons: the words that signal events, per language, compiled
//! into one form matcher (`vigie-text`'s trie) on first use.
//!
//! Files (format in `data/FORMAT.md`): `data/<lang>/triggers.tsv` (`plover
//! mode cameo acled pos forms`) and `data/<lang>/verbs.tsv` (inflections the
//! rules of [`crate::inflect`] cannot make).

use std::collections::HashMap;
use std::sync::LazyLock;

use vigie_model::{Acled, PloverType};
use vigie_text::matcher::FormMatcher;

use crate::inflect;

/// Part of speech of a trigger form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Verb,
    Noun,
    Phrase,
}

/// One sense of a trigger: what the event is.
#[derive(Debug, Clone, PartialEq)]
pub struct Sense {
    pub plover: PloverType,
    pub mode: Option<String>,
    pub cameo: String,
    pub acled: Option<Acled>,
    pub pos: Pos,
    /// The lexicon form it came from (a lemma for verbs).
    pub lemma: String,
    /// A verb that is a trigger only with an actor as its object (pos
    /// `verb+actor`): "released the prime minister", not "released a report".
    pub actor_object: bool,
    /// Line in triggers.tsv, for debugging.
    pub line: usize,
}

/// A compiled trigger lexicon.
pub struct Triggers {
    /// The forms, matched at word starts.
    pub matcher: FormMatcher,
    /// Pattern → senses.
    pub senses: Vec<Vec<u32>>,
    pub all: Vec<Sense>,
}

const FR_TRIGGERS: &str = include_str!("../data/fr/triggers.tsv");
const FR_VERBS: &str = include_str!("../data/fr/verbs.tsv");
const EN_TRIGGERS: &str = include_str!("../data/en/triggers.tsv");
const EN_VERBS: &str = include_str!("../data/en/verbs.tsv");

static FR: LazyLock<Triggers> = LazyLock::new(|| Triggers::build("fr", FR_TRIGGERS, FR_VERBS));
static EN: LazyLock<Triggers> = LazyLock::new(|| Triggers::build("en", EN_TRIGGERS, EN_VERBS));

/// The trigger lexicon of a language.
pub fn triggers(lang: &str) -> Option<&'static Triggers> {
    match lang {
        "fr" => Some(&FR),
        "en" => Some(&EN),
        _ => None,
    }
}

/// Data rows: (line number, cells).
fn rows(data: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

/// Problems in a trigger file, for tests: `line: why`.
pub fn check(triggers: &str, verbs: &str, lang: &str) -> Vec<String> {
    let irregular = verb_table(verbs);
    let mut out = Vec::new();
    for (line, cells) in rows(triggers) {
        if cells.len() != 6 {
            out.push(format!("{line}: {} columns, want 6", cells.len()));
            continue;
        }
        if cells[4] == "stop" {
            if cells[..4].iter().any(|c| *c != "-") {
                out.push(format!("{line}: a stop row has '-' in its four label cells"));
            }
            continue;
        }
        if PloverType::parse(cells[0]).is_none() {
            out.push(format!("{line}: unknown PLOVER type {}", cells[0]));
        }
        if !(cells[2].len() >= 2 && cells[2].len() <= 4 && cells[2].bytes().all(|b| b.is_ascii_digit())) {
            out.push(format!("{line}: bad CAMEO code {}", cells[2]));
        }
        if cells[3] != "-" && !cells[3].contains(" :: ") {
            out.push(format!("{line}: ACLED label must be 'type :: sub-type'"));
        }
        if !matches!(cells[4], "verb" | "verb+actor" | "noun" | "phrase" | "stop") {
            out.push(format!("{line}: unknown pos {}", cells[4]));
        }
        if cells[4] == "verb" || cells[4] == "verb+actor" {
            for f in cells[5].split('|') {
                let lemma = verb_lemma(f).0;
                if lang == "fr" && !irregular.contains_key(lemma) && inflect::french(lemma).is_none() {
                    out.push(format!(
                        "{line}: French verb '{lemma}' is not regular and not in verbs.tsv"
                    ));
                }
            }
        }
    }
    out
}

/// Splits a verb form into its lemma and a fixed rest ("pull out" → "pull",
/// " out"), dropping a pronominal "se"/"s'".
fn verb_lemma(form: &str) -> (&str, &str) {
    let form = form
        .strip_prefix("se ")
        .or_else(|| form.strip_prefix("s'"))
        .unwrap_or(form);
    match form.find(' ') {
        Some(i) => (&form[..i], &form[i..]),
        None => (form, ""),
    }
}

fn verb_table(data: &str) -> HashMap<&str, Vec<&str>> {
    rows(data)
        .filter(|(_, c)| c.len() == 2)
        .map(|(_, c)| {
            (
                c[0],
                c[1].split('|').map(str::trim).filter(|f| !f.is_empty()).collect(),
            )
        })
        .collect()
}

fn inflections(lemma: &str, lang: &str, irregular: &HashMap<&str, Vec<&str>>) -> Vec<String> {
    let mut forms: Vec<String> = vec![lemma.to_string()];
    if let Some(list) = irregular.get(lemma) {
        forms.extend(list.iter().map(|s| s.to_string()));
    } else if lang == "fr" {
        forms.extend(inflect::french(lemma).unwrap_or_default());
    } else {
        forms.extend(inflect::english(lemma));
    }
    forms.sort();
    forms.dedup();
    forms
}

fn capitalise(form: &str) -> Option<String> {
    let mut chars = form.chars();
    let first = chars.next()?;
    first
        .is_lowercase()
        .then(|| first.to_uppercase().chain(chars).collect())
}

impl Triggers {
    fn build(lang: &str, triggers: &str, verbs: &str) -> Triggers {
        let irregular = verb_table(verbs);
        let mut patterns: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut senses: Vec<Vec<u32>> = Vec::new();
        let mut all: Vec<Sense> = Vec::new();
        // `sense` is None for a stop form: a pattern with no sense.
        let mut add =
            |form: &str, sense: Option<u32>, patterns: &mut Vec<String>, senses: &mut Vec<Vec<u32>>| {
                let variants = std::iter::once(form.to_string()).chain(capitalise(form));
                for v in variants {
                    let i = *index.entry(v.clone()).or_insert_with(|| {
                        patterns.push(v);
                        senses.push(Vec::new());
                        patterns.len() - 1
                    });
                    if let Some(sense) = sense.filter(|s| !senses[i].contains(s)) {
                        senses[i].push(sense);
                    }
                }
            };
        for (line, cells) in rows(triggers) {
            if cells.len() != 6 {
                continue;
            }
            if cells[4] == "stop" {
                // Matched like a phrase, with no sense: the longest match
                // hides the triggers inside it, and nothing is coded.
                for form in cells[5].split('|').map(str::trim).filter(|f| !f.is_empty()) {
                    for f in expand_phrase(form, lang, &irregular) {
                        add(&f, None, &mut patterns, &mut senses);
                    }
                }
                continue;
            }
            let Some(plover) = PloverType::parse(cells[0]) else {
                continue;
            };
            let pos = match cells[4] {
                "verb" | "verb+actor" => Pos::Verb,
                "noun" => Pos::Noun,
                "phrase" => Pos::Phrase,
                _ => continue,
            };
            let acled = cells[3].split_once(" :: ").map(|(t, s)| Acled {
                event_type: t.trim().to_string(),
                sub_event_type: s.trim().to_string(),
            });
            for form in cells[5].split('|').map(str::trim).filter(|f| !f.is_empty()) {
                all.push(Sense {
                    plover,
                    mode: (cells[1] != "-").then(|| cells[1].to_string()),
                    cameo: cells[2].to_string(),
                    acled: acled.clone(),
                    pos,
                    lemma: form.to_string(),
                    actor_object: cells[4] == "verb+actor",
                    line,
                });
                let id = (all.len() - 1) as u32;
                match pos {
                    Pos::Noun => add(form, Some(id), &mut patterns, &mut senses),
                    Pos::Verb => {
                        let (lemma, rest) = verb_lemma(form);
                        for f in inflections(lemma, lang, &irregular) {
                            add(&format!("{f}{rest}"), Some(id), &mut patterns, &mut senses);
                        }
                    }
                    Pos::Phrase => {
                        for f in expand_phrase(form, lang, &irregular) {
                            add(&f, Some(id), &mut patterns, &mut senses);
                        }
                    }
                }
            }
        }
        // Inflected phrases make tens of thousands of patterns: the
        // matcher's double-array trie holds them in a few megabytes, where a
        // DFA takes a second and 100 MB.
        let matcher = FormMatcher::new(&patterns).expect("trigger lexicon compiles");
        Triggers { matcher, senses, all }
    }
}

/// Expands the `{lemma}` slot of a phrase into every inflection.
fn expand_phrase(form: &str, lang: &str, irregular: &HashMap<&str, Vec<&str>>) -> Vec<String> {
    let (Some(a), Some(b)) = (form.find('{'), form.find('}')) else {
        return vec![form.to_string()];
    };
    if b < a {
        return vec![form.to_string()];
    }
    let lemma = &form[a + 1..b];
    inflections(lemma, lang, irregular)
        .into_iter()
        .map(|f| format!("{}{}{}", &form[..a], f, &form[b + 1..]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_valid() {
        assert_eq!(check(FR_TRIGGERS, FR_VERBS, "fr"), Vec::<String>::new());
        assert_eq!(check(EN_TRIGGERS, EN_VERBS, "en"), Vec::<String>::new());
    }

    #[test]
    fn phrases_expand() {
        let irregular = HashMap::from([("ouvrir", vec!["ouvre", "ouvert"])]);
        let f = expand_phrase("{ouvrir} le feu", "fr", &irregular);
        assert!(f.contains(&"ouvert le feu".to_string()));
        let f = expand_phrase("{carry} out strikes", "en", &HashMap::new());
        assert!(f.contains(&"carried out strikes".to_string()));
    }
}
