//! Random input never panics, whatever the publication date (including the
//! ends of the calendar), and mentions stay well formed.

use chrono::NaiveDate;
use vigie_times::{attach, find, is_historical};

/// Words the grammar reacts to, so that random text exercises it.
const WORDS: &[&str] = &[
    "le",
    "la",
    "l'",
    "les",
    "de",
    "du",
    "au",
    "à",
    "et",
    "entre",
    "depuis",
    "il",
    "y",
    "a",
    "dans",
    "en",
    "ces",
    "cette",
    "ce",
    "derniers",
    "dernière",
    "prochain",
    "nuit",
    "soir",
    "matin",
    "fin",
    "début",
    "mi-avril",
    "hier",
    "avant-hier",
    "aujourd'hui",
    "demain",
    "lundi",
    "dimanche",
    "semaine",
    "mois",
    "an",
    "années",
    "jours",
    "heures",
    "quelques",
    "trois",
    "vingt-quatre",
    "sept",
    "mars",
    "avril",
    "décembre",
    "1er",
    "premier",
    "qui",
    "que",
    "mais",
    "va",
    "sera",
    "se",
    "réunira",
    "the",
    "of",
    "between",
    "and",
    "from",
    "to",
    "since",
    "ago",
    "in",
    "last",
    "next",
    "past",
    "this",
    "few",
    "a",
    "week",
    "weeks",
    "year",
    "weekend",
    "early",
    "late",
    "end",
    "earlier",
    "mid-2024",
    "overnight",
    "tonight",
    "yesterday",
    "Sunday",
    "Monday",
    "May",
    "March",
    "April",
    "Jan",
    "will",
    "which",
    "1990s",
    "5th",
    "2016-04-05",
    "1975-1990",
    "2-5",
    "05.04.2016",
    "5",
    "05",
    "31",
    "29",
    "2016",
    "1994",
    "99",
    "999999999",
    "4294967295",
    "0",
    "/",
    "-",
    ",",
    ";",
    ":",
    ".",
    "(",
    ")",
    "'",
    "\u{a0}",
    "\u{2019}",
    "«",
    "»",
    "—",
    "Février",
    "AOÛT",
    "février",
    "x",
    "Москва",
];

fn dates() -> Vec<Option<NaiveDate>> {
    vec![
        None,
        Some(NaiveDate::MIN),
        Some(NaiveDate::MAX),
        NaiveDate::from_ymd_opt(2024, 2, 29),
        NaiveDate::from_ymd_opt(2024, 12, 31),
        NaiveDate::from_ymd_opt(2025, 1, 1),
        NaiveDate::from_ymd_opt(1, 1, 1),
    ]
}

fn check(text: &str, lang: Option<&str>, published: Option<NaiveDate>, rng: &mut fastrand::Rng) {
    let doc = vigie_text::analyze(text, lang);
    let times = find(&doc, published);
    let mut last_end = 0;
    for t in &times {
        assert!(
            t.nstart < t.nend && t.nend <= doc.norm.text.len(),
            "{t:?} in {text:?}"
        );
        assert!(t.nstart >= last_end, "overlap {t:?} in {text:?}");
        assert!(doc.norm.text.is_char_boundary(t.nstart) && doc.norm.text.is_char_boundary(t.nend));
        last_end = t.nend;
        if let (Some(a), Some(b)) = (t.date.start, t.date.end) {
            assert!(a <= b, "{t:?} in {text:?}");
        }
        assert!(t.date.text.as_deref().is_some_and(|s| !s.is_empty()));
        let _ = is_historical(&t.date, published);
    }
    for _ in 0..3 {
        let s = rng.usize(0..doc.sentences.len() + 2);
        let a = rng.usize(0..doc.norm.text.len() + 3);
        let b = rng.usize(0..doc.norm.text.len() + 3);
        let d = attach(&times, s, a..b, &doc, published);
        let _ = is_historical(&d, published);
    }
}

#[test]
fn random_word_salad_never_panics() {
    let mut rng = fastrand::Rng::with_seed(5);
    let dates = dates();
    for _ in 0..3000 {
        let n = rng.usize(0..30);
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(WORDS[rng.usize(0..WORDS.len())]);
            if rng.u8(..) < 200 {
                text.push(' ');
            }
        }
        let lang = [Some("fr"), Some("en"), Some("de"), None][rng.usize(0..4)];
        let published = dates[rng.usize(0..dates.len())];
        check(&text, lang, published, &mut rng);
    }
}

#[test]
fn random_characters_never_panic() {
    let mut rng = fastrand::Rng::with_seed(7);
    let alphabet: Vec<char> = "aA é.’«» \u{a0}\u{202f}\n\t-'0123456789/?!,;:M\u{301}\u{200b}…U.S"
        .chars()
        .collect();
    let dates = dates();
    for _ in 0..2000 {
        let len = rng.usize(0..80);
        let s: String = (0..len).map(|_| alphabet[rng.usize(0..alphabet.len())]).collect();
        let published = dates[rng.usize(0..dates.len())];
        check(&s, Some("fr"), published, &mut rng);
        check(&s, Some("en"), published, &mut rng);
    }
    for _ in 0..300 {
        let bytes: Vec<u8> = (0..rng.usize(0..200)).map(|_| rng.u8(..)).collect();
        let s = String::from_utf8_lossy(&bytes);
        check(&s, None, dates[rng.usize(0..dates.len())], &mut rng);
    }
}
