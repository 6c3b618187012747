//! Verb inflection for trigger lexicons: news uses a few tenses, mostly in
//! the third person, so a lemma expands to a small set of forms.
//!
//! French, regular `-er` verbs (1st group): infinitive; present 3sg/3pl
//! (`-e`, `-ent`); imparfait (`-ait`, `-aient`); passé simple (`-a`,
//! `-èrent`); futur (`-era`, `-eront`); conditionnel (`-erait`, `-eraient`);
//! past participle (`-é`, `-ée`, `-és`, `-ées`); present participle (`-ant`);
//! with `ç`/`ge` before `a` and `o` for `-cer`/`-ger` verbs.
//!
//! English: base, `-s`/`-es`/`-ies`, `-ed`/`-d`/`-ied`, `-ing` (dropping a
//! final `e`).
//!
//! Other verbs (French `-ir`/`-re`/`-oir` and stem-changing `-er` verbs,
//! English irregular or consonant-doubling verbs) take their forms from
//! `data/<lang>/verbs.tsv`.

/// French forms of a regular `-er` verb, or `None` for other verbs.
pub fn french(lemma: &str) -> Option<Vec<String>> {
    let stem = lemma.strip_suffix("er")?;
    if stem.is_empty() {
        return None;
    }
    // Before a and o: "lancer" → "lança", "manger" → "mangea".
    let soft = if let Some(s) = stem.strip_suffix('c') {
        format!("{s}ç")
    } else if stem.ends_with('g') {
        format!("{stem}e")
    } else {
        stem.to_string()
    };
    let mut out = vec![lemma.to_string()];
    for end in [
        "e", "ent", "é", "ée", "és", "ées", "era", "eront", "erait", "eraient", "èrent",
    ] {
        out.push(format!("{stem}{end}"));
    }
    for end in ["ait", "aient", "a", "ant"] {
        out.push(format!("{soft}{end}"));
    }
    Some(out)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// English forms of a regular verb.
pub fn english(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let chars: Vec<char> = lemma.chars().collect();
    let last = chars.last().copied().unwrap_or(' ');
    let before = if chars.len() >= 2 {
        chars[chars.len() - 2]
    } else {
        ' '
    };
    // Third person singular.
    if last == 'y' && !is_vowel(before) {
        out.push(format!("{}ies", &lemma[..lemma.len() - 1]));
    } else if ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        out.push(format!("{lemma}es"));
    } else {
        out.push(format!("{lemma}s"));
    }
    // Past and past participle.
    if last == 'e' {
        out.push(format!("{lemma}d"));
    } else if last == 'y' && !is_vowel(before) {
        out.push(format!("{}ied", &lemma[..lemma.len() - 1]));
    } else {
        out.push(format!("{lemma}ed"));
    }
    // Present participle.
    if last == 'e' && !lemma.ends_with("ee") && !lemma.ends_with("ye") {
        out.push(format!("{}ing", &lemma[..lemma.len() - 1]));
    } else {
        out.push(format!("{lemma}ing"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_regular() {
        let f = french("attaquer").unwrap();
        for w in [
            "attaquer",
            "attaque",
            "attaquent",
            "attaqué",
            "attaquées",
            "attaquait",
            "attaquera",
            "attaquant",
        ] {
            assert!(f.contains(&w.to_string()), "{w}");
        }
        let f = french("lancer").unwrap();
        assert!(f.contains(&"lançait".to_string()) && f.contains(&"lancé".to_string()));
        let f = french("engager").unwrap();
        assert!(f.contains(&"engageait".to_string()) && f.contains(&"engagé".to_string()));
        assert_eq!(french("prendre"), None);
    }

    #[test]
    fn english_regular() {
        assert_eq!(english("attack"), ["attack", "attacks", "attacked", "attacking"]);
        assert_eq!(english("seize"), ["seize", "seizes", "seized", "seizing"]);
        assert_eq!(english("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(english("push"), ["push", "pushes", "pushed", "pushing"]);
        assert_eq!(english("agree"), ["agree", "agrees", "agreed", "agreeing"]);
        assert_eq!(english("deploy"), ["deploy", "deploys", "deployed", "deploying"]);
    }
}
