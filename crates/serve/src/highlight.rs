//! The source sentence of an event, marked up for a reader: the trigger
//! (the words that gave the event its type), the source and target actors,
//! the place, the date words, the death toll's phrase and the numbers.
//!
//! The contract gives the evidence span and the words of each field, not
//! their positions: the sentence is found again by re-splitting the stored
//! article text (the same text stage, so the same sentence indices), each
//! field's words are looked for in the sentence (the occurrence nearest the
//! evidence), and the trigger is the trigger-lexicon form inside the evidence
//! whose sense has the event's PLOVER type (its CAMEO code preferred).
//! Offsets are UTF-8 byte offsets into the article, like every offset of the
//! contract; `parts` cut the sentence into runs of one kind, ready to draw.

use serde::Serialize;
use vigie_model::Event;
use vigie_text::Document;

/// What a marked span is, in decreasing priority where spans overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Trigger,
    Source,
    Target,
    Place,
    Date,
    Number,
    Fatalities,
}

/// A marked span of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A run of the sentence: plain (`kind` absent) or of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Inside the event's evidence span.
    pub evidence: bool,
}

/// The source sentence of an event, marked up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub marks: Vec<Mark>,
    pub parts: Vec<Part>,
}

/// The sentence holding `event`'s evidence in `doc` (the analysed article
/// text), with its marks; `None` when the evidence does not lie in the text
/// (an article altered after extraction).
pub fn sentence(doc: &Document<'_>, event: &Event) -> Option<Sentence> {
    let text = doc.original;
    let ev = &event.evidence;
    if ev.start > ev.end || text.get(ev.start..ev.end)? != ev.text {
        return None;
    }
    // The sentence of the recorded index, if it holds the evidence; else the
    // one that does.
    let (index, s) = doc
        .sentences
        .get(ev.sentence)
        .filter(|s| s.start <= ev.start && ev.end <= s.end)
        .map(|s| (ev.sentence, s))
        .or_else(|| {
            doc.sentences
                .iter()
                .enumerate()
                .find(|(_, s)| s.start <= ev.start && ev.end <= s.end)
        })?;
    let (s_start, s_end) = (s.start, s.end);
    let sent = &text[s_start..s_end];
    let mut marks: Vec<Mark> = Vec::new();
    let mut add = |kind: Kind, start: usize, end: usize| {
        if start < end && !marks.iter().any(|m| m.kind == kind && m.start == start) {
            marks.push(Mark {
                kind,
                start,
                end,
                text: text[start..end].to_string(),
            });
        }
    };
    if let Some((a, b)) = trigger(doc, event) {
        add(Kind::Trigger, a, b);
    }
    let near = |words: &str| find_near(sent, s_start, words, ev.start, ev.end);
    for a in &event.source {
        if let Some((x, y)) = near(&a.text) {
            add(Kind::Source, x, y);
        }
    }
    for a in &event.target {
        if let Some((x, y)) = near(&a.text) {
            add(Kind::Target, x, y);
        }
    }
    if let Some((x, y)) = event.location.as_ref().and_then(|p| near(&p.text)) {
        add(Kind::Place, x, y);
    }
    if let Some((x, y)) = event.date.text.as_deref().and_then(near) {
        add(Kind::Date, x, y);
    }
    let toll = event.fatalities.as_ref().and_then(|f| near(&f.text));
    if let Some((x, y)) = toll {
        add(Kind::Fatalities, x, y);
    }
    // Numbers in digits or words read by the number stage, in the evidence
    // or the toll's phrase.
    for n in vigie_numbers::find(doc) {
        let (x, y) = doc.to_original(n.nstart, n.nend);
        let in_ev = ev.start <= x && y <= ev.end;
        let in_toll = toll.is_some_and(|(a, b)| a <= x && y <= b);
        if in_ev || in_toll {
            add(Kind::Number, x, y);
        }
    }
    marks.sort_by_key(|m| (m.start, m.kind));
    let parts = parts(text, s_start, s_end, ev.start, ev.end, &marks);
    Some(Sentence {
        index,
        start: s_start,
        end: s_end,
        text: sent.to_string(),
        marks,
        parts,
    })
}

/// The occurrence of `words` in the sentence (starting at `base` in the
/// article) nearest the evidence `ev_start..ev_end`: inside it first.
fn find_near(sent: &str, base: usize, words: &str, ev_start: usize, ev_end: usize) -> Option<(usize, usize)> {
    let words = words.trim();
    if words.is_empty() {
        return None;
    }
    let distance = |a: usize, b: usize| ev_start.saturating_sub(b).max(a.saturating_sub(ev_end));
    sent.match_indices(words)
        .map(|(i, _)| (base + i, base + i + words.len()))
        .min_by_key(|&(a, b)| distance(a, b))
}

/// The trigger of `event` in its evidence: a form of the trigger lexicon
/// starting a word inside the evidence, whose first sense has the event's
/// PLOVER type; a form with the event's CAMEO code wins, then the first.
fn trigger(doc: &Document<'_>, event: &Event) -> Option<(usize, usize)> {
    let trig = vigie_events::lexicon::triggers(&doc.lang)?;
    let norm = &doc.norm.text;
    let bytes = norm.as_bytes();
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    let ev = &event.evidence;
    let mut best: Option<(bool, usize, usize)> = None;
    for t in &doc.tokens {
        if t.start < ev.start || t.end > ev.end {
            continue;
        }
        let Some((pattern, e)) = trig.matcher.longest_at(bytes, t.nstart) else {
            continue;
        };
        let before_ok = norm[..t.nstart].chars().next_back().is_none_or(|c| !is_word(c));
        let after_ok = norm[e..].chars().next().is_none_or(|c| !is_word(c));
        let Some(&sense) = trig.senses[pattern].first() else {
            continue;
        };
        let sense = &trig.all[sense as usize];
        if !(before_ok && after_ok) || sense.plover != event.plover.kind {
            continue;
        }
        let (a, b) = doc.to_original(t.nstart, e);
        if b > ev.end {
            continue;
        }
        let exact = sense.cameo == event.cameo;
        if best.is_none_or(|(x, _, _)| exact && !x) {
            best = Some((exact, a, b));
        }
    }
    best.map(|(_, a, b)| (a, b))
}

/// The sentence `start..end` of `text` cut into runs of one kind (the
/// highest-priority mark covering each byte) and evidence flag.
fn parts(text: &str, start: usize, end: usize, ev_start: usize, ev_end: usize, marks: &[Mark]) -> Vec<Part> {
    let label = |i: usize| -> (Option<Kind>, bool) {
        let kind = marks
            .iter()
            .filter(|m| m.start <= i && i < m.end)
            .map(|m| m.kind)
            .min();
        (kind, ev_start <= i && i < ev_end)
    };
    let mut out: Vec<Part> = Vec::new();
    let mut run_start = start;
    let mut current = label(start);
    // Labels change only at mark and evidence boundaries, which are char
    // boundaries of the text.
    let mut cuts: Vec<usize> = marks
        .iter()
        .flat_map(|m| [m.start, m.end])
        .chain([ev_start, ev_end])
        .filter(|&i| start < i && i < end)
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    for cut in cuts.into_iter().chain([end]) {
        let next = if cut < end { label(cut) } else { (None, false) };
        if next != current || cut == end {
            if run_start < cut {
                out.push(Part {
                    text: text[run_start..cut].to_string(),
                    kind: current.0,
                    evidence: current.1,
                });
            }
            run_start = cut;
            current = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_extract::{extract, ArticleInput, Options};

    fn marked(text: &str, lang: &str) -> Vec<(Event, Sentence)> {
        let input = ArticleInput {
            text: text.to_string(),
            lang: Some(lang.to_string()),
            published: chrono::NaiveDate::from_ymd_opt(2026, 3, 2),
            ..Default::default()
        };
        let record = extract(&input, &Options::default());
        let doc = vigie_text::analyze(text, Some(lang));
        record
            .events
            .into_iter()
            .map(|e| {
                let s = sentence(&doc, &e).expect("the evidence is in the text");
                (e, s)
            })
            .collect()
    }

    fn kinds(s: &Sentence, kind: Kind) -> Vec<&str> {
        s.marks
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| &*m.text)
            .collect()
    }

    #[test]
    fn english_sentence_is_marked() {
        let text = "Markets were calm. A Russian missile strike killed at least 12 people in the Ukrainian city of Kharkiv on Monday, the regional governor said.";
        let all = marked(text, "en");
        let (e, s) = all
            .iter()
            .find(|(e, _)| e.plover.kind.as_str() == "ASSAULT")
            .expect("an assault");
        assert_eq!(s.index, 1);
        assert!(s.text.starts_with("A Russian missile strike"), "{}", s.text);
        assert_eq!(kinds(s, Kind::Trigger), ["missile strike"], "{:?}", s.marks);
        assert_eq!(kinds(s, Kind::Source), ["Russian"], "{:?}", s.marks);
        assert_eq!(kinds(s, Kind::Place), ["Kharkiv"], "{:?}", s.marks);
        assert_eq!(kinds(s, Kind::Date), ["Monday"], "{:?} {:?}", s.marks, e.date);
        assert_eq!(kinds(s, Kind::Number), ["12"], "{:?}", s.marks);
        assert_eq!(kinds(s, Kind::Fatalities), ["at least 12"], "{:?}", s.marks);
        // Parts rebuild the sentence exactly and carry the marks.
        let joined: String = s.parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, s.text);
        assert!(s
            .parts
            .iter()
            .any(|p| p.kind == Some(Kind::Place) && p.text == "Kharkiv"));
        assert!(s.parts.iter().any(|p| p.evidence));
        for m in &s.marks {
            assert_eq!(&text[m.start..m.end], m.text);
        }
    }

    #[test]
    fn french_sentence_with_accents_is_marked() {
        let text = "Les forces russes ont frappé Kharkiv lundi avec des missiles, tuant au moins 12 personnes, selon le gouverneur régional.";
        let all = marked(text, "fr");
        assert!(!all.is_empty());
        for (_, s) in &all {
            let joined: String = s.parts.iter().map(|p| p.text.as_str()).collect();
            assert_eq!(joined, s.text);
            for m in &s.marks {
                assert_eq!(&text[m.start..m.end], m.text);
            }
        }
        let (_, s) = &all[0];
        assert!(
            kinds(s, Kind::Trigger)
                .iter()
                .any(|t| t.contains("frapp") || t.contains("tu")),
            "{:?}",
            s.marks
        );
    }

    #[test]
    fn altered_text_gives_none() {
        let text = "Police arrested three men in Nairobi on Tuesday.";
        let input = ArticleInput {
            text: text.to_string(),
            lang: Some("en".into()),
            ..Default::default()
        };
        let record = extract(&input, &Options::default());
        let e = record.events.first().expect("an arrest");
        let other = vigie_text::analyze("Something else entirely, nothing to see here at all.", Some("en"));
        assert!(sentence(&other, e).is_none());
    }
}
