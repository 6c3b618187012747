//! Compact JSON of an [`ArticleEvents`], written straight into a buffer.
//!
//! `vigie extract` writes one record per article; through serde's generic
//! machinery that cost a tenth of the whole extraction, most of it in
//! escaping: every field name was scanned byte by byte for characters to
//! escape, and so was every text. Here field names are written as they are
//! (they need no escaping), and strings are scanned eight bytes at a time.
//!
//! The bytes are exactly those of `serde_json::to_writer` on the same record
//! (the serde derives of the model stay the reference, and are used for every
//! other output): same field order, same names, same escapes (`\"`, `\\`,
//! `\b` `\t` `\n` `\f` `\r`, other control characters as `\u00xx`), numbers
//! formatted by serde_json itself. The tests compare the two.

use chrono::NaiveDate;

use crate::{
    Actor, ArticleEvents, ArticleMeta, Attribution, Event, EventDate, Fatalities, Place, SentenceSpan,
    TokenSpan,
};

/// Appends the compact JSON of `record` to `out`.
pub fn write_article(out: &mut Vec<u8>, record: &ArticleEvents) {
    out.extend_from_slice(b"{\"article\":");
    meta(out, &record.article);
    out.extend_from_slice(b",\"events\":");
    list(out, &record.events, event);
    out.extend_from_slice(b",\"warnings\":");
    list(out, &record.warnings, |out, w| string(out, w));
    out.extend_from_slice(b",\"sentences\":");
    list(out, &record.sentences, sentence);
    if let Some(tokens) = &record.tokens {
        out.extend_from_slice(b",\"tokens\":");
        list(out, tokens, token);
    }
    out.push(b'}');
}

fn meta(out: &mut Vec<u8>, m: &ArticleMeta) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &m.id);
    out.extend_from_slice(b",\"lang\":");
    string(out, &m.lang);
    out.extend_from_slice(b",\"published\":");
    date(out, m.published);
    out.extend_from_slice(b",\"source\":");
    opt_string(out, m.source.as_deref());
    out.extend_from_slice(b",\"url\":");
    opt_string(out, m.url.as_deref());
    out.extend_from_slice(b",\"title\":");
    opt_string(out, m.title.as_deref());
    out.push(b'}');
}

fn sentence(out: &mut Vec<u8>, s: &SentenceSpan) {
    out.extend_from_slice(b"{\"index\":");
    unsigned(out, s.index as u64);
    out.extend_from_slice(b",\"start\":");
    unsigned(out, s.start as u64);
    out.extend_from_slice(b",\"end\":");
    unsigned(out, s.end as u64);
    out.extend_from_slice(b",\"text\":");
    string(out, &s.text);
    out.push(b'}');
}

fn token(out: &mut Vec<u8>, t: &TokenSpan) {
    out.extend_from_slice(b"{\"start\":");
    unsigned(out, t.start as u64);
    out.extend_from_slice(b",\"end\":");
    unsigned(out, t.end as u64);
    out.extend_from_slice(b",\"text\":");
    string(out, &t.text);
    out.extend_from_slice(b",\"kind\":");
    string(out, &t.kind);
    out.extend_from_slice(b",\"sentence\":");
    unsigned(out, t.sentence as u64);
    out.push(b'}');
}

fn event(out: &mut Vec<u8>, e: &Event) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &e.id);
    out.extend_from_slice(b",\"plover\":{\"type\":");
    string(out, e.plover.kind.as_str());
    out.extend_from_slice(b",\"mode\":");
    opt_string(out, e.plover.mode.as_deref());
    out.extend_from_slice(b",\"context\":");
    list(out, &e.plover.context, |out, c| string(out, c));
    out.extend_from_slice(b"},\"cameo\":");
    string(out, &e.cameo);
    out.extend_from_slice(b",\"acled\":");
    match &e.acled {
        Some(a) => {
            out.extend_from_slice(b"{\"event_type\":");
            string(out, &a.event_type);
            out.extend_from_slice(b",\"sub_event_type\":");
            string(out, &a.sub_event_type);
            out.push(b'}');
        }
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"source\":");
    list(out, &e.source, actor);
    out.extend_from_slice(b",\"target\":");
    list(out, &e.target, actor);
    out.extend_from_slice(b",\"date\":");
    event_date(out, &e.date);
    out.extend_from_slice(b",\"location\":");
    match &e.location {
        Some(p) => place(out, p),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"fatalities\":");
    match &e.fatalities {
        Some(f) => fatalities(out, f),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"attribution\":");
    match &e.attribution {
        Some(a) => attribution(out, a),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"modality\":{\"negated\":");
    boolean(out, e.modality.negated);
    out.extend_from_slice(b",\"hypothetical\":");
    boolean(out, e.modality.hypothetical);
    out.extend_from_slice(b",\"historical\":");
    boolean(out, e.modality.historical);
    out.extend_from_slice(b"},\"evidence\":{\"sentence\":");
    unsigned(out, e.evidence.sentence as u64);
    out.extend_from_slice(b",\"start\":");
    unsigned(out, e.evidence.start as u64);
    out.extend_from_slice(b",\"end\":");
    unsigned(out, e.evidence.end as u64);
    out.extend_from_slice(b",\"text\":");
    string(out, &e.evidence.text);
    out.extend_from_slice(b"},\"confidence\":");
    number(out, &e.confidence);
    out.push(b'}');
}

fn actor(out: &mut Vec<u8>, a: &Actor) {
    out.extend_from_slice(b"{\"text\":");
    string(out, &a.text);
    out.extend_from_slice(b",\"name\":");
    string(out, &a.name);
    out.extend_from_slice(b",\"country\":");
    opt_string(out, a.country.as_deref());
    out.extend_from_slice(b",\"sector\":");
    opt_string(out, a.sector.as_deref());
    if let Some(role) = &a.role {
        out.extend_from_slice(b",\"role\":");
        string(out, role);
    }
    if let Some(igo) = &a.igo {
        out.extend_from_slice(b",\"igo\":");
        string(out, igo);
    }
    out.push(b'}');
}

fn event_date(out: &mut Vec<u8>, d: &EventDate) {
    out.extend_from_slice(b"{\"text\":");
    opt_string(out, d.text.as_deref());
    out.extend_from_slice(b",\"start\":");
    date(out, d.start);
    out.extend_from_slice(b",\"end\":");
    date(out, d.end);
    out.extend_from_slice(b",\"precision\":");
    number(out, &d.precision);
    out.push(b'}');
}

fn place(out: &mut Vec<u8>, p: &Place) {
    out.extend_from_slice(b"{\"text\":");
    string(out, &p.text);
    out.extend_from_slice(b",\"name\":");
    string(out, &p.name);
    out.extend_from_slice(b",\"country\":");
    opt_string(out, p.country.as_deref());
    out.extend_from_slice(b",\"admin1\":");
    opt_string(out, p.admin1.as_deref());
    out.extend_from_slice(b",\"lat\":");
    number(out, &p.lat);
    out.extend_from_slice(b",\"lon\":");
    number(out, &p.lon);
    out.extend_from_slice(b",\"feature\":");
    number(out, &p.feature);
    out.extend_from_slice(b",\"geonames_id\":");
    number(out, &p.geonames_id);
    out.push(b'}');
}

fn fatalities(out: &mut Vec<u8>, f: &Fatalities) {
    out.extend_from_slice(b"{\"total\":");
    number(out, &f.total);
    out.extend_from_slice(b",\"civilians\":");
    number(out, &f.civilians);
    out.extend_from_slice(b",\"qualifier\":");
    number(out, &f.qualifier);
    out.extend_from_slice(b",\"text\":");
    string(out, &f.text);
    out.push(b'}');
}

fn attribution(out: &mut Vec<u8>, a: &Attribution) {
    out.extend_from_slice(b"{\"text\":");
    string(out, &a.text);
    out.extend_from_slice(b",\"speaker\":");
    match &a.speaker {
        Some(s) => actor(out, s),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

/// `[a,b,...]`.
fn list<T>(out: &mut Vec<u8>, items: &[T], mut write: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// A value serde_json writes in a few bytes (floats, enums, optional
/// numbers): written by serde_json itself, so its format stays theirs.
fn number<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Writing plain values into memory cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

/// Appends `v` in decimal digits.
pub fn unsigned(out: &mut Vec<u8>, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

fn date(out: &mut Vec<u8>, d: Option<NaiveDate>) {
    match d {
        Some(d) => match crate::iso_date::iso_digits(d) {
            Some(digits) => {
                out.push(b'"');
                out.extend_from_slice(&digits);
                out.push(b'"');
            }
            None => string(out, &d.to_string()),
        },
        None => out.extend_from_slice(b"null"),
    }
}

fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A JSON string: quoted, with `"`, `\` and control characters escaped as
/// serde_json escapes them.
fn string(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs escaping.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if !needs_escape(x) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0C => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0..=0x1F => b'u',
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[run..i]);
        out.extend_from_slice(&[b'\\', short]);
        if short == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        }
        i += 1;
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// Whether one of the eight bytes of `x` is below 0x20, `"` or `\`.
#[inline]
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte is zero in `v` (exactly) where the high bit of this is set.
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    // Bytes below 0x20: subtracting 0x20 borrows into the high bit; bytes of
    // 0x80 and more (UTF-8) are excluded by `!x`.
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    control | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\'))) != 0
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::{Acled, Evidence, Feature, Modality, Plover, PloverType, Precision, Qualifier};

    fn same(record: &ArticleEvents) {
        let mut ours = Vec::new();
        write_article(&mut ours, record);
        let theirs = serde_json::to_vec(record).unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap()
        );
    }

    fn actor(text: &str, role: Option<&'static str>, igo: Option<&'static str>) -> Actor {
        Actor {
            text: text.into(),
            name: Cow::Borrowed("Military Forces of Mali"),
            country: Some(Cow::Borrowed("MLI")),
            sector: role.is_none().then_some(Cow::Borrowed("MIL")),
            role: role.map(Cow::Borrowed),
            igo: igo.map(Cow::Borrowed),
        }
    }

    fn record(text: &str, full: bool) -> ArticleEvents {
        let event = Event {
            id: "ev-0123456789abcdef".into(),
            plover: Plover {
                kind: PloverType::Assault,
                mode: full.then(|| "aerial".into()),
                context: if full {
                    vec!["military".into(), text.into()]
                } else {
                    vec![]
                },
            },
            cameo: "195".into(),
            acled: full.then(|| Acled {
                event_type: "Explosions/Remote violence".into(),
                sub_event_type: "Air/drone strike".into(),
            }),
            source: vec![actor(text, None, None), actor("", Some("president"), Some("UN"))],
            target: if full {
                vec![actor("x", None, Some("AU"))]
            } else {
                vec![]
            },
            date: EventDate {
                text: full.then(|| text.into()),
                start: NaiveDate::from_ymd_opt(2024, 6, 3),
                end: if full {
                    NaiveDate::from_ymd_opt(-44, 3, 15)
                } else {
                    None
                },
                precision: if full { Precision::Week } else { Precision::Unknown },
            },
            location: Some(Place {
                text: text.into(),
                name: "Bamako".into(),
                country: full.then(|| "MLI".into()),
                admin1: None,
                lat: 12.6091,
                lon: if full { -7.9752 } else { 1e-7 },
                feature: if full { Feature::Admin1 } else { Feature::City },
                geonames_id: full.then_some(-2460596),
            }),
            fatalities: full.then(|| Fatalities {
                total: Some(97),
                civilians: None,
                qualifier: Qualifier::AtLeast,
                text: text.into(),
            }),
            attribution: Some(Attribution {
                text: text.into(),
                speaker: full.then(|| actor("armée", None, None)),
            }),
            modality: Modality {
                negated: full,
                hypothetical: !full,
                historical: full,
            },
            evidence: Evidence {
                sentence: 3,
                start: usize::MAX,
                end: 0,
                text: text.into(),
            },
            confidence: if full { 0.7000000000000001 } else { 1.0 },
        };
        ArticleEvents {
            article: ArticleMeta {
                id: text.into(),
                lang: "fr".into(),
                published: if full {
                    NaiveDate::from_ymd_opt(10000, 1, 1)
                } else {
                    None
                },
                source: full.then(|| "AFP".into()),
                url: None,
                title: Some(text.into()),
            },
            events: if full {
                vec![event.clone(), event]
            } else {
                vec![event]
            },
            warnings: if full {
                vec![text.into(), "w".into()]
            } else {
                vec![]
            },
            sentences: vec![SentenceSpan {
                index: 0,
                start: 10,
                end: 20,
                text: text.into(),
            }],
            tokens: full.then(|| {
                vec![TokenSpan {
                    start: 1,
                    end: 2,
                    text: text.into(),
                    kind: "word".into(),
                    sentence: 0,
                }]
            }),
        }
    }

    #[test]
    fn as_serde_json_writes_them() {
        let mut texts: Vec<String> = [
            "",
            "BAMAKO, 3 fév. (AFP) - « Au moins 97 soldats » ont été tués",
            "quote \" and backslash \\ and slash / and del \u{7f}",
            "line\nbreak\ttab\rcr\u{8}bs\u{c}ff\u{0}nul\u{1f}us\u{2028}ls",
            "exactly8",
            "seven\"\"",
            "ünïcödé 中文 🙂 and the rest of a long sentence past eight bytes\\",
        ]
        .map(String::from)
        .to_vec();
        // Every byte below 0x80 at every position of a chunk.
        for b in 0u8..0x80 {
            for pad in 0..9 {
                texts.push(format!(
                    "{}{}{}",
                    "a".repeat(pad),
                    char::from(b),
                    "b".repeat(9 - pad)
                ));
            }
        }
        for text in &texts {
            same(&record(text, true));
            same(&record(text, false));
        }
    }

    #[test]
    fn escape_test_is_exact_on_every_byte() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut chunk = [b'a'; 8];
                chunk[pos] = b;
                let want = b < 0x20 || b == b'"' || b == b'\\';
                assert_eq!(
                    needs_escape(u64::from_le_bytes(chunk)),
                    want,
                    "byte {b:#x} at {pos}"
                );
            }
        }
    }
}
