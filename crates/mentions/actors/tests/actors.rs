//! Actor recognition on wire-style sentences (`tests/data/<lang>.txt`), the
//! lexicons' coverage, and robustness.
//!
//! Table format: a `> ` line is a one-sentence article; consecutive `>> `
//! lines form one article. The lines after it are the expected mentions in
//! text order: `text<TAB>country<TAB>sector<TAB>role<TAB>igo` (`-` for none).

use std::collections::BTreeSet;

use vigie_actors::lexicon::malformed_rows;

struct Case {
    line: usize,
    text: String,
    want: Vec<[String; 5]>,
}

fn cases(data: &str) -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    let mut open = false;
    for (i, line) in data.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix(">> ") {
            match out.last_mut() {
                Some(c) if open && c.want.is_empty() && c.text.contains('\u{1}') => {
                    c.text.push(' ');
                    c.text.push_str(rest);
                }
                _ => out.push(Case {
                    line: i + 1,
                    text: format!("\u{1}{rest}"),
                    want: Vec::new(),
                }),
            }
            open = true;
        } else if let Some(rest) = line.strip_prefix("> ") {
            out.push(Case {
                line: i + 1,
                text: rest.to_string(),
                want: Vec::new(),
            });
            open = true;
        } else if line.trim().is_empty() {
            open = false;
        } else if let Some(c) = out.last_mut() {
            let cells: Vec<String> = line.split('\t').map(|s| s.trim().to_string()).collect();
            assert_eq!(cells.len(), 5, "line {}: {line:?}", i + 1);
            c.want.push([
                cells[0].clone(),
                cells[1].clone(),
                cells[2].clone(),
                cells[3].clone(),
                cells[4].clone(),
            ]);
        }
    }
    for c in &mut out {
        c.text = c.text.trim_start_matches('\u{1}').to_string();
    }
    out
}

fn dash(o: &Option<std::borrow::Cow<'static, str>>) -> String {
    o.as_deref().unwrap_or("-").to_string()
}

fn run_table(lang: &str, data: &str) {
    let cases = cases(data);
    assert!(cases.len() >= 60, "{lang}: only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let doc = vigie_text::analyze(&c.text, Some(lang));
        let got: Vec<[String; 5]> = vigie_actors::find(&doc)
            .into_iter()
            .map(|m| {
                let a = m.actor;
                [
                    a.text.clone(),
                    dash(&a.country),
                    dash(&a.sector),
                    dash(&a.role),
                    dash(&a.igo),
                ]
            })
            .collect();
        if got != c.want {
            let show = |v: &[[String; 5]]| {
                v.iter()
                    .map(|r| format!("    {}", r.join(" | ")))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            failures.push(format!(
                "{lang}.txt:{}: {}\n  want:\n{}\n  got:\n{}",
                c.line,
                c.text,
                show(&c.want),
                show(&got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} {lang} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn french_sentences() {
    run_table("fr", include_str!("data/fr.txt"));
}

#[test]
fn english_sentences() {
    run_table("en", include_str!("data/en.txt"));
}

fn codes(data: &str, columns: usize) -> BTreeSet<String> {
    vigie_actors::lexicon::rows(data, columns)
        .into_iter()
        .map(|r| r.cells[0].to_string())
        .collect()
}

#[test]
fn every_country_has_names_and_demonyms_in_both_languages() {
    let en = codes(include_str!("../data/en/countries.tsv"), 3);
    assert!(en.len() >= 249, "{} countries", en.len());
    for (what, set) in [
        ("fr/countries", codes(include_str!("../data/fr/countries.tsv"), 3)),
        ("fr/demonyms", codes(include_str!("../data/fr/demonyms.tsv"), 5)),
        ("en/demonyms", codes(include_str!("../data/en/demonyms.tsv"), 4)),
        ("fr/capitals", codes(include_str!("../data/fr/capitals.tsv"), 4)),
        ("en/capitals", codes(include_str!("../data/en/capitals.tsv"), 4)),
    ] {
        let missing: Vec<_> = en.difference(&set).collect();
        assert!(missing.is_empty(), "{what} lacks {missing:?}");
    }
}

#[test]
fn lexicon_files_are_well_formed() {
    let files: &[(&str, &str, usize)] = &[
        ("en/countries", include_str!("../data/en/countries.tsv"), 3),
        ("fr/countries", include_str!("../data/fr/countries.tsv"), 3),
        ("en/demonyms", include_str!("../data/en/demonyms.tsv"), 4),
        ("fr/demonyms", include_str!("../data/fr/demonyms.tsv"), 5),
        ("en/capitals", include_str!("../data/en/capitals.tsv"), 4),
        ("fr/capitals", include_str!("../data/fr/capitals.tsv"), 4),
        ("en/sectors", include_str!("../data/en/sectors.tsv"), 3),
        ("fr/sectors", include_str!("../data/fr/sectors.tsv"), 3),
        ("en/igos", include_str!("../data/en/igos.tsv"), 4),
        ("fr/igos", include_str!("../data/fr/igos.tsv"), 4),
        ("en/groups", include_str!("../data/en/groups.tsv"), 4),
        ("fr/groups", include_str!("../data/fr/groups.tsv"), 4),
        ("en/titles", include_str!("../data/en/titles.tsv"), 3),
        ("fr/titles", include_str!("../data/fr/titles.tsv"), 3),
        ("en/context", include_str!("../data/en/context.tsv"), 2),
        ("fr/context", include_str!("../data/fr/context.tsv"), 2),
        ("persons", include_str!("../data/persons.tsv"), 7),
    ];
    for (name, data, cols) in files {
        assert_eq!(
            malformed_rows(data, *cols),
            Vec::<usize>::new(),
            "{name}: malformed lines"
        );
        assert!(
            data.lines().next().is_some_and(|l| l.starts_with('#')),
            "{name}: no provenance header"
        );
    }
}

#[test]
fn no_actor_from_ordinary_words() {
    let cases: &[(&str, &str)] = &[
        ("fr", "Il s'est fait mal à l'échine en portant des caisses."),
        ("fr", "Une grenade a explosé dans un camp militaire."),
        ("fr", "La grève générale a paralysé les transports."),
        ("en", "The mayor's aide told us the road was closed."),
        ("en", "They ate turkey and rice for dinner."),
        ("en", "Military aid was discussed in general terms."),
    ];
    for (lang, text) in cases {
        let doc = vigie_text::analyze(text, Some(lang));
        let found: Vec<String> = vigie_actors::find(&doc)
            .into_iter()
            .filter(|m| m.actor.country.is_some() || m.actor.sector.as_deref() == Some("MIL"))
            .map(|m| m.actor.text)
            .collect();
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn random_input_never_panics() {
    let mut seed = 0x9e3779b97f4a7c15u64;
    let words = [
        "l'",
        "armée",
        "russe",
        "forces",
        "soudanaises",
        "Wang",
        "Yi",
        ",",
        "chef",
        "de",
        "la",
        "diplomatie",
        "M.",
        "Mr.",
        "Russia",
        "'s",
        "defence",
        "ministry",
        "homologue",
        "deux",
        "ministres",
        "pays",
        "the",
        "country",
        "UN",
        "President",
        "é",
        "ukrainien de la Défense",
        "contrôle",
        "aérienne",
        "-",
        "\u{a0}",
        ".",
        "Lavrov",
        "de l'ONU",
        "porte-parole",
        "du",
        "ministère",
    ];
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..(seed % 60) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(words[(seed % words.len() as u64) as usize]);
            if !seed.is_multiple_of(3) {
                s.push(' ');
            }
        }
        for lang in ["fr", "en"] {
            let doc = vigie_text::analyze(&s, Some(lang));
            for m in vigie_actors::find(&doc) {
                assert!(m.nstart <= m.nend && m.nend <= doc.norm.text.len());
                assert_eq!(m.actor.text, doc.original_text(m.nstart, m.nend));
            }
        }
    }
}

#[test]
fn regression_lookahead_cut_inside_a_character() {
    // The insertion look-ahead after a demonym cut the text at a fixed byte
    // count and panicked when that fell inside 'é'.
    for pad in 90..100 {
        let text = format!("Le ministère russe {}é de la Défense.", "a".repeat(pad));
        let doc = vigie_text::analyze(&text, Some("fr"));
        let _ = vigie_actors::find(&doc);
    }
}
