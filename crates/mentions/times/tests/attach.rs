//! Attachment of events to time expressions, on sentences with the trigger
//! word marked by `*...*`.

use chrono::NaiveDate;
use vigie_model::{EventDate, Precision};
use vigie_times::{attach, find, is_historical};

fn date(s: &str) -> Option<NaiveDate> {
    (s != "-").then(|| s.parse().expect(s))
}

/// Attaches the event whose trigger is marked `*like this*` in `marked`
/// (the article may hold several sentences).
fn attach_marked(lang: &str, published: &str, marked: &str) -> EventDate {
    let open = marked.find('*').expect("no trigger mark");
    let close = open + 1 + marked[open + 1..].find('*').expect("unclosed mark");
    let text = marked.replace('*', "");
    let (start, end) = (open, close - 1);
    let published = date(published);
    let doc = vigie_text::analyze(&text, Some(lang));
    let times = find(&doc, published);
    // The marked word is a token; take its normalised span.
    let tok = doc
        .tokens
        .iter()
        .find(|t| t.start == start && t.end == end)
        .unwrap_or_else(|| panic!("trigger {:?} is not a token", &text[start..end]));
    attach(&times, tok.sentence, tok.nstart..tok.nend, &doc, published)
}

/// (name, lang, published, marked sentence, expected text or "-", start,
/// end, precision).
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Precision,
);

#[rustfmt::skip]
const CASES: &[Case] = &[
    ("fr_after_trigger", "fr", "2024-04-03", "Le ministre s'est *entretenu* lundi soir avec son homologue.", "lundi soir", "2024-04-01", "2024-04-01", Precision::Day),
    ("fr_relative_clause", "fr", "2024-04-03", "Les combats, qui ont *éclaté* dimanche, ont fait 12 morts mardi.", "dimanche", "2024-03-31", "2024-03-31", Precision::Day),
    ("fr_main_clause_after_relative", "fr", "2024-04-03", "Les combats, qui ont éclaté dimanche, ont *fait* 12 morts mardi.", "mardi", "2024-04-02", "2024-04-02", Precision::Day),
    ("fr_no_time", "fr", "2024-04-03", "Les rebelles ont *attaqué* un convoi près de Goma.", "-", "2024-04-03", "2024-04-03", Precision::Day),
    ("fr_no_time_no_publication", "fr", "-", "Les rebelles ont *attaqué* un convoi près de Goma.", "-", "-", "-", Precision::Unknown),
    ("fr_unresolved_kept", "fr", "-", "Le ministre est *arrivé* hier à Dakar.", "hier", "-", "-", Precision::Day),
    ("fr_fronted", "fr", "2024-04-02", "Dimanche, des rebelles ont *attaqué* la ville.", "Dimanche", "2024-03-31", "2024-03-31", Precision::Day),
    ("fr_historical_year", "fr", "2026-05-14", "Le génocide de 1994 a *fait* 800.000 morts.", "1994", "1994-01-01", "1994-12-31", Precision::Year),
    ("fr_announced_tuesday", "fr", "2024-04-03", "Le ministre a *annoncé* mardi qu'il se rendra lundi à Paris.", "mardi", "2024-04-02", "2024-04-02", Precision::Day),
    ("fr_future_in_que_clause", "fr", "2024-04-03", "Le ministre a annoncé mardi qu'il se *rendra* lundi à Paris.", "lundi", "2024-04-08", "2024-04-08", Precision::Day),
    ("fr_since_of_a_state_skipped", "fr", "2024-04-03", "Les rebelles, qui contrôlent la ville depuis 2012, ont *attaqué* un convoi.", "-", "2024-04-03", "2024-04-03", Precision::Day),
    ("fr_since_in_own_clause", "fr", "2024-04-03", "Les rebelles, qui *contrôlent* la ville depuis 2012, ont attaqué un convoi.", "depuis 2012", "2012-01-01", "2024-04-03", Precision::Year),
    ("fr_other_tense_skipped", "fr", "2024-04-03", "Le président a *démissionné*, et des élections auront lieu dimanche.", "-", "2024-04-03", "2024-04-03", Precision::Day),
    ("fr_semicolon_first", "fr", "2024-04-03", "L'armée a *bombardé* la ville mardi ; les rebelles ont riposté mercredi.", "mardi", "2024-04-02", "2024-04-02", Precision::Day),
    ("fr_semicolon_second", "fr", "2024-04-03", "L'armée a bombardé la ville mardi ; les rebelles ont *riposté* mercredi.", "mercredi", "2024-04-03", "2024-04-03", Precision::Day),
    ("fr_absolute_fronted", "fr", "2024-04-03", "Le 5 avril 2016, l'armée a *bombardé* la ville.", "Le 5 avril 2016", "2016-04-05", "2016-04-05", Precision::Day),
    ("fr_since_after_dont", "fr", "2026-02-03", "Les affrontements ont *fait* au moins 31 morts, dont sept civils, depuis la nuit de samedi à dimanche, selon un bilan communiqué mardi.", "depuis la nuit de samedi à dimanche", "2026-01-31", "2026-02-03", Precision::Day),
    ("fr_reported_tuesday", "fr", "2026-02-03", "Les affrontements ont fait au moins 31 morts, dont sept civils, depuis la nuit de samedi à dimanche, selon un bilan *communiqué* mardi.", "mardi", "2026-02-03", "2026-02-03", Precision::Day),
    ("fr_time_in_other_sentence", "fr", "2024-04-03", "Dimanche, des combats ont éclaté. Ils ont *fait* douze morts.", "-", "2024-04-03", "2024-04-03", Precision::Day),
    ("en_after_trigger", "en", "2024-04-02", "Three people were *killed* on Sunday in Goma.", "Sunday", "2024-03-31", "2024-03-31", Precision::Day),
    ("en_overnight_in_when_clause", "en", "2024-04-02", "At least 17 people were *killed* when gunmen attacked a village overnight, local officials said on Tuesday.", "overnight", "2024-04-01", "2024-04-02", Precision::Day),
    ("en_said_on_tuesday", "en", "2024-04-02", "At least 17 people were killed when gunmen attacked a village overnight, local officials *said* on Tuesday.", "Tuesday", "2024-04-02", "2024-04-02", Precision::Day),
    ("en_since_2014", "en", "2026-05-14", "The ADF has been *blamed* for the deaths of thousands of civilians since 2014.", "since 2014", "2014-01-01", "2026-05-14", Precision::Year),
    ("en_but_first", "en", "2024-04-10", "The talks *collapsed* last week, but negotiators will meet again on Monday.", "last week", "2024-04-01", "2024-04-07", Precision::Week),
    ("en_but_second", "en", "2024-04-10", "The talks collapsed last week, but negotiators will *meet* again on Monday.", "Monday", "2024-04-15", "2024-04-15", Precision::Day),
    ("en_fronted", "en", "2024-04-02", "On Sunday, protesters *marched* through the capital.", "Sunday", "2024-03-31", "2024-03-31", Precision::Day),
    ("en_relative_which", "en", "2024-04-10", "The offensive, which *began* in March, has killed hundreds this week.", "March", "2024-03-01", "2024-03-31", Precision::Month),
    ("en_main_after_which", "en", "2024-04-10", "The offensive, which began in March, has *killed* hundreds this week.", "this week", "2024-04-08", "2024-04-14", Precision::Week),
];

#[test]
fn attachment() {
    assert!(CASES.len() >= 15);
    let mut failures = Vec::new();
    for &(name, lang, published, marked, text, start, end, precision) in CASES {
        let got = attach_marked(lang, published, marked);
        let want = EventDate {
            text: (text != "-").then(|| text.to_string()),
            start: date(start),
            end: date(end),
            precision,
        };
        if got != want {
            failures.push(format!("{name}: got {got:?}\n    want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn historical() {
    let published = date("2026-05-14");
    let genocide = attach_marked("fr", "2026-05-14", "Le génocide de 1994 a *fait* 800.000 morts.");
    assert!(is_historical(&genocide, published));
    let recent = attach_marked("fr", "2026-05-14", "Les rebelles ont *attaqué* la ville lundi.");
    assert!(!is_historical(&recent, published));
    // "since 2014" runs to publication: not history.
    let since = attach_marked("en", "2026-05-14", "Thousands have *died* since 2014.");
    assert!(!is_historical(&since, published));
    // The boundary: a year and a day before is history, a year before is not.
    let day = |d: &str| EventDate {
        text: None,
        start: date(d),
        end: date(d),
        precision: Precision::Day,
    };
    assert!(is_historical(&day("2025-05-13"), published));
    assert!(!is_historical(&day("2025-05-14"), published));
    assert!(!is_historical(&day("2025-05-13"), None));
    let unknown = EventDate {
        text: None,
        start: None,
        end: None,
        precision: Precision::Unknown,
    };
    assert!(!is_historical(&unknown, published));
}

#[test]
fn out_of_range_indices_do_not_panic() {
    let doc = vigie_text::analyze("Les rebelles ont attaqué lundi. Rien.", Some("fr"));
    let published = date("2024-04-03");
    let times = find(&doc, published);
    // A reversed span too: callers may get it wrong.
    for (s, (a, b)) in [(0, (0, 0)), (1, (500, 900)), (7, (3, 4)), (0, (40, 2))] {
        let d = attach(&times, s, a..b, &doc, published);
        assert!(d.start.is_some());
    }
    let empty = vigie_text::analyze("", Some("fr"));
    let d = attach(&[], 0, 0..0, &empty, None);
    assert_eq!(d.precision, Precision::Unknown);
}
