//! Geocoding tests: the sentence table `tests/data/places.tsv` (expected
//! points within 25 km, homonyms, regions, descriptions, negatives), event
//! location, and robustness on random input.

use vigie_model::Feature;
use vigie_places::{describe, find, find_with, focus, locate, Evidence, LocPrecision, PlaceMention};

const TABLE: &str = include_str!("data/places.tsv");
const MAX_KM: f64 = 25.0;

fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (a, b) = (lat1.to_radians(), lat2.to_radians());
    let h =
        ((b - a) / 2.0).sin().powi(2) + a.cos() * b.cos() * ((lon2 - lon1).to_radians() / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().asin()
}

fn run(lang: &str, text: &str, hints: &[&str]) -> Vec<PlaceMention> {
    let doc = vigie_text::analyze(text, Some(lang));
    find_with(&doc, hints)
}

fn show(ms: &[PlaceMention]) -> String {
    ms.iter()
        .map(|m| {
            format!(
                "{:?}->{} [{:?}] {} ({:.2},{:.2}) {:.1}",
                m.place.text,
                m.place.name,
                m.place.feature,
                m.place.country.as_deref().unwrap_or("-"),
                m.place.lat,
                m.place.lon,
                m.confidence
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn sentence_table() {
    let mut failures = Vec::new();
    let mut rows = 0;
    let (mut fr, mut en) = (0, 0);
    for (lineno, line) in TABLE.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 5, "line {}: {} columns", lineno + 1, f.len());
        rows += 1;
        if f[0] == "fr" {
            fr += 1;
        } else {
            en += 1;
        }
        let hints: Vec<&str> = f.get(5).map(|h| h.split(',').collect()).unwrap_or_default();
        let ms = run(f[0], f[1], &hints);
        let (surface, lat, lon) = (f[2], f[3], f[4]);
        if surface == "-" {
            if !ms.is_empty() {
                failures.push(format!(
                    "line {}: {:?}: expected no place, got {}",
                    lineno + 1,
                    f[1],
                    show(&ms)
                ));
            }
            continue;
        }
        let hit = ms
            .iter()
            .find(|m| m.place.text.contains(surface) || surface.contains(m.place.text.as_str()));
        if lat == "-" {
            if let Some(m) = hit {
                failures.push(format!(
                    "line {}: {:?}: {surface:?} must not be a place, got {}",
                    lineno + 1,
                    f[1],
                    show(std::slice::from_ref(m))
                ));
            }
            continue;
        }
        let (lat, lon): (f64, f64) = (lat.parse().unwrap(), lon.parse().unwrap());
        match hit {
            None => failures.push(format!(
                "line {}: {:?}: no mention of {surface:?}; got {}",
                lineno + 1,
                f[1],
                show(&ms)
            )),
            Some(m) => {
                let d = km(lat, lon, m.place.lat, m.place.lon);
                if d > MAX_KM {
                    failures.push(format!(
                        "line {}: {:?}: {surface:?} is {d:.0} km off: {}",
                        lineno + 1,
                        f[1],
                        show(&ms)
                    ));
                }
            }
        }
    }
    assert!(
        rows >= 80 && fr >= 30 && en >= 30,
        "table too small: {rows} rows ({fr} fr, {en} en)"
    );
    assert!(
        failures.is_empty(),
        "{} of {rows} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn lowercase_words_never_match() {
    for (lang, text) in [
        (
            "fr",
            "la police a dit non, la nice ville, paris perdus, le mobile et la gaza.",
        ),
        (
            "en",
            "a nice day, the police, mobile phones, reading, bath time, split the bill, turkey dinner.",
        ),
    ] {
        let ms = run(lang, text, &[]);
        assert!(ms.is_empty(), "{text:?}: {}", show(&ms));
    }
}

#[test]
fn spans_point_into_the_original_text() {
    let text = "Des frappes ont visé Kharkiv\u{a0}; l’armée s’est repliée près d’Avdiïvka, dans la région de Donetsk.";
    let doc = vigie_text::analyze(text, Some("fr"));
    let ms = find(&doc);
    assert!(ms.len() >= 3, "{}", show(&ms));
    for m in &ms {
        let (s, e) = doc.to_original(m.nstart, m.nend);
        assert_eq!(&text[s..e], m.place.text);
    }
    let av = ms
        .iter()
        .find(|m| m.place.text.contains("Avdi"))
        .expect("Avdiivka");
    assert!(
        av.evidence.iter().any(|e| matches!(e, Evidence::Containment(_))),
        "{:?}",
        av.evidence
    );
}

#[test]
fn hints_choose_homonyms() {
    let text = "Clashes erupted in Tripoli overnight.";
    let lby = run("en", text, &[]);
    let lbn = run("en", text, &["LBN"]);
    assert_eq!(lby[0].place.country.as_deref(), Some("LBY"));
    assert_eq!(lbn[0].place.country.as_deref(), Some("LBN"));
    assert!(lbn[0].evidence.contains(&Evidence::Hint("LBN".into())));
    // Hints never make a place out of nothing.
    assert!(run("en", "Nothing happened here.", &["UKR"]).is_empty());
}

#[test]
fn features_and_ids() {
    let ms = run(
        "en",
        "Fighting resumed in Sudan and in the Donetsk region near Kramatorsk.",
        &[],
    );
    let feat = |s: &str| {
        ms.iter()
            .find(|m| m.place.text.contains(s))
            .map(|m| m.place.feature)
    };
    assert_eq!(feat("Sudan"), Some(Feature::Country));
    assert_eq!(feat("Donetsk"), Some(Feature::Admin1));
    assert_eq!(feat("Kramatorsk"), Some(Feature::City));
    let k = ms.iter().find(|m| m.place.text == "Kramatorsk").unwrap();
    assert_eq!(k.place.country.as_deref(), Some("UKR"));
    assert_eq!(k.place.admin1.as_deref(), Some("Donetsk"));
    assert!(k.place.geonames_id.is_some());
    let r = run("fr", "Les combats se poursuivent dans le Donbass.", &[]);
    assert_eq!(r[0].place.feature, Feature::Region);
    assert_eq!(r[0].place.geonames_id, None);
}

#[test]
fn locate_prefers_clause_then_sentence_then_focus() {
    let text = "KYIV, Ukraine (AP) — Russian forces shelled Kharkiv on Monday, officials said. \
                In a separate attack, a drone hit a school. \
                The president, speaking in Paris, said that missiles struck Odesa.";
    let doc = vigie_text::analyze(text, Some("en"));
    let places = find(&doc);
    let at = |word: &str| {
        let s = doc.norm.text.find(word).unwrap();
        s..s + word.len()
    };
    let sent = |word: &str| {
        let s = doc.norm.text.find(word).unwrap();
        doc.sentences
            .iter()
            .position(|x| x.nstart <= s && s < x.nend)
            .unwrap()
    };
    let (p, prec) = locate(&places, sent("shelled"), at("shelled"), &doc).unwrap();
    assert_eq!((p.name.as_str(), prec), ("Kharkiv", LocPrecision::Clause));
    let (p, prec) = locate(&places, sent("hit"), at("hit"), &doc).unwrap();
    assert_eq!(prec, LocPrecision::Article);
    assert_eq!(p.name, "Kyiv", "focus is the dateline place");
    let (p, prec) = locate(&places, sent("struck"), at("struck"), &doc).unwrap();
    assert_eq!((p.name.as_str(), prec), ("Odesa", LocPrecision::Clause));
    let (p, prec) = locate(&places, sent("speaking"), at("speaking"), &doc).unwrap();
    assert_eq!(p.name, "Paris");
    assert!(matches!(prec, LocPrecision::Clause | LocPrecision::Sentence));
    assert_eq!(focus(&places).map(|m| m.place.name.as_str()), Some("Kyiv"));
}

#[test]
fn locate_without_places() {
    let doc = vigie_text::analyze("Nothing happened.", Some("en"));
    assert_eq!(locate(&[], 0, 0..7, &doc), None);
    // Out-of-range sentence and trigger never panic.
    let places = find(&vigie_text::analyze("Des frappes à Kharkiv.", Some("fr")));
    assert!(locate(&places, 99, 500..900, &doc).is_some());
}

#[test]
fn describe_lists_mentions() {
    let doc = vigie_text::analyze("Avdiivka, in the Donetsk region, fell in February.", Some("en"));
    let d = describe(&doc);
    assert!(
        d.contains("Avdiivka") && d.contains("[admin1]") && d.contains("contained in"),
        "{d}"
    );
    assert!(d.lines().last().unwrap().starts_with("focus: "), "{d}");
}

#[test]
fn random_input_never_panics() {
    let mut rng = fastrand::Rng::with_seed(11);
    let pieces = [
        "Paris",
        "à",
        "Kharkiv",
        ",",
        "in the",
        "région de",
        "Donetsk",
        "KYIV",
        "(AP)",
        "—",
        "Saint-Denis",
        "de",
        "capitale",
        "autrichienne",
        "the",
        "Austrian",
        "capital",
        "of",
        "'s",
        "Nord-Kivu",
        "bande de Gaza",
        "é",
        "\u{a0}",
        "’",
        ".",
        "\n\n",
        "Tripoli",
        "Texas",
        "Moscou",
        "a dit",
        "Le",
        "Caire",
        "au",
        "X",
        "1,200",
        "\u{301}",
        "«",
        "»",
        "…",
        "Georgia",
        "state",
        "of",
        "Kyiv-based",
        "-",
        "'",
    ];
    for _ in 0..1500 {
        let n = rng.usize(0..30);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(pieces[rng.usize(0..pieces.len())]);
            if rng.bool() {
                s.push(' ');
            }
        }
        let doc = vigie_text::analyze(&s, if rng.bool() { Some("fr") } else { Some("en") });
        let ms = find_with(&doc, &["UKR", "bad", ""]);
        for m in &ms {
            assert!(m.nstart < m.nend && m.nend <= doc.norm.text.len());
            assert!(m.place.lat.abs() <= 90.0 && m.place.lon.abs() <= 180.0);
        }
        let _ = locate(&ms, rng.usize(0..5), rng.usize(0..50)..rng.usize(0..80), &doc);
        let _ = describe(&doc);
    }
    for _ in 0..300 {
        let bytes: Vec<u8> = (0..rng.usize(0..300)).map(|_| rng.u8(..)).collect();
        let s = String::from_utf8_lossy(&bytes);
        let doc = vigie_text::analyze(&s, None);
        let _ = find(&doc);
    }
}
