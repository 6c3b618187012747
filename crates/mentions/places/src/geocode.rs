//! Finding and resolving place mentions: spans, cues, context, containment.
//!
//! The steps, in order:
//! 1. [`scan`]: token-aligned spans of the normalised text that are names of
//!    the gazetteer (leftmost-longest), plus descriptions ("la capitale
//!    autrichienne"), with the filters that keep ordinary words out.
//! 2. Cues around each span: locative prepositions, type nouns ("la ville
//!    de", "Borno state"), demonyms ("the Ukrainian city of").
//! 3. A first scoring without context; its confident answers, the country
//!    names, the demonyms and the caller's hints make the article context.
//! 4. Containment between neighbouring spans ("Avdiivka, in the Donetsk
//!    region", "Paris, Texas").
//! 5. The final scoring; a span becomes a mention only when its best
//!    candidate reaches [`THRESHOLD`]: no place is invented.

use std::borrow::Cow;
use std::fmt;

use vigie_model::Place;
use vigie_text::{Document, TokenKind};

use crate::gazetteer::{CandList, Feat, FxMap, FxSet, Gazetteer, NameKind, Row};
use crate::lexicon::{self as lx, lower, TypeHint};
use crate::PlaceMention;

/// Minimum score of an emitted mention. The scale: a canonical name of a
/// city of a million people scores about 4; a locative cue adds 2; article
/// context adds up to 2; an alternate (foreign) name gets no name bonus.
pub const THRESHOLD: f32 = 3.0;

/// Most tokens in one name ("Saint-Pierre and Miquelon" is 3; "République
/// démocratique du Congo" is 4; region phrasings go to 8).
const MAX_NAME_TOKENS: usize = 9;

/// Why a mention was resolved as it was (printed by [`crate::describe`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// A locative cue before the name ("à", "near", "dans le nord de").
    Cue(String),
    /// A type noun around the name ("ville de", "province of", "Borno state").
    Type(String),
    /// A demonym in the cue ("la ville ukrainienne de") named this country.
    Demonym(String),
    /// Contained in the named mention ("Avdiivka, in the Donetsk region").
    Containment(String),
    /// Contains a neighbouring mention ("Texas" in "Paris, Texas").
    Container,
    /// Other places, country names or demonyms of the article point to this
    /// country (ISO alpha-3).
    Context(String),
    /// The caller's hint countries include this country.
    Hint(String),
    /// A description ("la capitale autrichienne", "the capital of Austria").
    Description,
    /// Part of the article's dateline ("KYIV, Ukraine (AP) —").
    Dateline,
    /// Nothing but the prior: feature class, population, name.
    Prior,
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::Cue(w) => write!(f, "cue '{w}'"),
            Evidence::Type(w) => write!(f, "type '{w}'"),
            Evidence::Demonym(c) => write!(f, "demonym {c}"),
            Evidence::Containment(c) => write!(f, "contained in {c}"),
            Evidence::Container => write!(f, "container"),
            Evidence::Context(c) => write!(f, "context {c}"),
            Evidence::Hint(c) => write!(f, "hint {c}"),
            Evidence::Description => write!(f, "description"),
            Evidence::Dateline => write!(f, "dateline"),
            Evidence::Prior => write!(f, "prior"),
        }
    }
}

/// Cues found around a span.
#[derive(Debug, Clone, Default)]
struct Cue {
    /// 0 none, 1 weak ("de", "from"), 2 strong ("à", "in", "près de").
    loc: u8,
    /// The cue words, for the evidence.
    words: String,
    /// What a type noun says ("ville de" → settlement).
    typ: Option<TypeHint>,
    typ_word: String,
    /// Country named by a demonym in the cue ("la ville ukrainienne de").
    country: Option<[u8; 3]>,
}

#[derive(Debug, Clone)]
struct Cand {
    row: u32,
    kind: NameKind,
    score: f32,
    /// Index of the span this candidate is contained in (containment bonus).
    inside: Option<usize>,
    container: bool,
}

#[derive(Debug, Clone)]
struct Span<'d> {
    first: usize,
    last: usize,
    nstart: usize,
    nend: usize,
    sentence: usize,
    /// The matched name (as looked up): mostly the text itself.
    key: Cow<'d, str>,
    /// A type noun inside the name itself ("région de Donetsk", "Kursk region").
    name_typ: Option<TypeHint>,
    cands: Vec<Cand>,
    cue: Cue,
    /// Capitalisation says nothing here (sentence start, all caps).
    initial: bool,
    common: bool,
    metonymy: bool,
    dateline: bool,
    description: bool,
    /// This span's own share of the article context, left out when scoring
    /// it (a place is no evidence for itself).
    own: Option<([u8; 3], f32)>,
}

/// Article context: how strongly each country is present.
#[derive(Default)]
struct Ctx {
    country: FxMap<[u8; 3], f32>,
    hint: FxSet<[u8; 3]>,
    admin1: FxSet<([u8; 3], &'static str)>,
    fr: bool,
}

/// Token helpers over a document.
struct Toks<'d, 'a> {
    doc: &'d Document<'a>,
}

impl<'d, 'a> Toks<'d, 'a> {
    fn text(&self, i: usize) -> &'d str {
        let t = &self.doc.tokens[i];
        self.doc.norm.text.get(t.nstart..t.nend).unwrap_or("")
    }
    fn is_word(&self, i: usize) -> bool {
        self.doc.tokens[i].kind == TokenKind::Word
    }
    fn sentence_range(&self, s: usize) -> (usize, usize) {
        let st = &self.doc.sentences[s];
        let end = (st.first_token + st.token_count).min(self.doc.tokens.len());
        (st.first_token.min(end), end)
    }
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// "SAINT-DENIS" → "Saint-Denis": each run of letters capitalised. Appends
/// to `out`; `at_start` says whether a run of letters starts here, and is
/// left as it stands after `s`, so that a text can be cased piece by piece.
fn title_case_into(out: &mut String, s: &str, at_start: &mut bool) {
    for c in s.chars() {
        if c.is_alphabetic() {
            if *at_start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            *at_start = false;
        } else {
            out.push(c);
            *at_start = true;
        }
    }
}

#[cfg(test)]
fn title_case(s: &str) -> String {
    let mut out = String::new();
    title_case_into(&mut out, s, &mut true);
    out
}

fn lower_first(s: &str) -> String {
    let mut out = String::new();
    lower_first_into(&mut out, s);
    out
}

/// Appends `s` to `out` with its first character in lower case.
fn lower_first_into(out: &mut String, s: &str) {
    let mut c = s.chars();
    if let Some(f) = c.next() {
        out.extend(f.to_lowercase());
        out.push_str(c.as_str());
    }
}

/// Prior of a row: feature class and population (log scale), before cues.
fn prior(row: &Row, kind: NameKind) -> f32 {
    let base = match row.feat {
        Feat::Country => 4.0,
        Feat::Region | Feat::Landmark => 3.5,
        Feat::Admin1 => 3.0,
        Feat::Admin2 => 1.5,
        Feat::City | Feat::Locality => {
            if row.pop > 0 {
                ((row.pop as f32).log10() - 3.0).clamp(0.3, 4.5)
            } else {
                2.0
            }
        }
    };
    base + if kind == NameKind::Alternate { 0.0 } else { 1.0 }
}

fn dist_km(a: &Row, b: &Row) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.latf().to_radians(),
        a.lonf().to_radians(),
        b.latf().to_radians(),
        b.lonf().to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().min(1.0).asin()
}

/// Whether `inner` lies in `outer` as far as the data tells.
fn contains(outer: &Row, inner: &Row) -> bool {
    if outer.country != inner.country || std::ptr::eq(outer, inner) {
        return false;
    }
    match outer.feat {
        Feat::Country => inner.feat != Feat::Country,
        Feat::Admin1 => !inner.admin1.is_empty() && inner.admin1 == outer.name && inner.feat != Feat::Admin1,
        Feat::Region => inner.feat != Feat::Region && dist_km(outer, inner) < 300.0,
        Feat::Admin2 => inner.feat.is_settlement() && dist_km(outer, inner) < 80.0,
        _ => false,
    }
}

/// One name match found by the scanner.
struct Match<'d> {
    first: usize,
    last: usize,
    nend: usize,
    key: Cow<'d, str>,
    cands: CandList,
}

/// Finds the name spans of one sentence (leftmost-longest).
fn scan_sentence<'d>(g: &Gazetteer, tk: &Toks<'d, '_>, s: usize, out: &mut Vec<Span<'d>>) {
    let (start, end) = tk.sentence_range(s);
    let text = &tk.doc.norm.text;
    let mut matches: Vec<Match> = Vec::new();
    let mut first_word_seen = false;
    // The lowercase-initial, title-case and after-article forms of the span
    // being lengthened (see `alive` below). Each form is a left-to-right
    // transform of the span, so each grows by the text added to the span:
    // no new string per form and per length, and the buffers serve the
    // whole sentence.
    let mut forms = [String::new(), String::new(), String::new()];
    for i in start..end {
        if !tk.is_word(i) {
            continue;
        }
        let ti = tk.text(i);
        let first_word = !first_word_seen;
        first_word_seen = true;
        let upper = is_capitalised(ti);
        let lower_ok = !upper && g.lower_first_pairs.may_contain(ti) && g.lower_firsts.contains(ti);
        if !(upper || lower_ok) {
            continue;
        }
        let initial = first_word || i == start || matches!(tk.text(i - 1), ":" | "\"" | "-" | "—");
        let caps = is_all_caps(ti) && ti.chars().filter(|c| c.is_alphabetic()).count() >= 4;
        let initial_lower_ok = upper
            && initial
            && g.lower_first_pairs.may_contain_lower_first(ti)
            && g.lower_firsts.contains(lower_first(ti).as_str());
        // No other character lower-cases to these ASCII letters: comparing
        // without case is lower-casing.
        let prev = if i > start { tk.text(i - 1) } else { "" };
        let is = |w: &str| prev.eq_ignore_ascii_case(w);
        let article = if is("au") || is("du") {
            Some("Le ")
        } else if is("aux") || is("des") {
            Some("Les ")
        } else {
            None
        };
        let nstart = tk.doc.tokens[i].nstart;
        // The longest name so far: its last token, its end, which form
        // matched (0: as written, else `forms[form - 1]`) and how long that
        // form was then (forms only grow), and its candidates. Strings are
        // made for the longest only.
        let mut best: Option<(usize, usize, usize, usize, CandList)> = None;
        // The forms of the span still worth lengthening: as written, with a
        // lowercase initial, in title case, after an article. A form stops
        // when it is no beginning of a longer name (`Gazetteer::probe`).
        let mut alive = [
            upper || lower_ok,
            initial_lower_ok,
            caps,
            upper && article.is_some(),
        ];
        for f in &mut forms {
            f.clear();
        }
        forms[2].push_str(article.unwrap_or_default());
        // End of the span text already in `forms`, and the title-case state.
        let mut done = nstart;
        let mut title_start = true;
        for j in i..end.min(i + MAX_NAME_TOKENS) {
            if !alive.contains(&true) {
                break;
            }
            let tj = &tk.doc.tokens[j];
            if tj.nend.saturating_sub(nstart) > g.max_name_len {
                break;
            }
            if tj.kind == TokenKind::Punct {
                continue;
            }
            let (Some(span), Some(added)) = (text.get(nstart..tj.nend), text.get(done..tj.nend)) else {
                continue;
            };
            done = tj.nend;
            if alive[1] {
                if forms[0].is_empty() {
                    lower_first_into(&mut forms[0], added);
                } else {
                    forms[0].push_str(added);
                }
            }
            if alive[2] {
                title_case_into(&mut forms[1], added, &mut title_start);
            }
            if alive[3] {
                forms[2].push_str(added);
            }
            // The first form that is a name wins; every live form is probed,
            // to know whether it can go on.
            let mut found = false;
            for (form, live) in alive.iter_mut().enumerate() {
                if !*live {
                    continue;
                }
                let v = if form == 0 { span } else { forms[form - 1].as_str() };
                let (cands, prefix) = g.probe_list(v);
                *live = prefix;
                if !found && !cands.is_empty() {
                    found = true;
                    best = Some((j, tj.nend, form, v.len(), cands));
                }
            }
        }
        let mut best = best.map(|(last, nend, form, len, cands)| Match {
            first: i,
            last,
            nend,
            key: match form {
                0 => Cow::Borrowed(text.get(nstart..nend).unwrap_or_default()),
                f => Cow::Owned(forms[f - 1].get(..len).unwrap_or_default().to_string()),
            },
            cands,
        });
        // "Kyiv-based", "Donetsk-born": the name before a lowercase suffix.
        if best.is_none() && upper && ti.contains('-') {
            if let Some(pos) = ti.rfind('-') {
                let (head, tail) = (&ti[..pos], &ti[pos + 1..]);
                if !tail.is_empty() && tail.chars().all(|c| c.is_lowercase()) {
                    let (c, _) = g.probe_list(head);
                    if !c.is_empty() {
                        best = Some(Match {
                            first: i,
                            last: i,
                            nend: nstart + head.len(),
                            key: Cow::Borrowed(head),
                            cands: c,
                        });
                    }
                }
            }
        }
        if let Some(m) = best {
            matches.push(m);
        }
    }
    // Leftmost-longest, without overlaps.
    let mut next_free = 0usize;
    for m in matches {
        if m.first < next_free {
            continue;
        }
        next_free = m.last + 1;
        let initial = is_initial(tk, start, m.first);
        out.push(Span {
            first: m.first,
            last: m.last,
            nstart: tk.doc.tokens[m.first].nstart,
            nend: m.nend,
            sentence: s,
            name_typ: name_type(&m.key),
            key: m.key,
            cands: g
                .chain(m.cands)
                .map(|(row, kind)| Cand {
                    row,
                    kind,
                    score: 0.0,
                    inside: None,
                    container: false,
                })
                .collect(),
            cue: Cue::default(),
            initial,
            common: false,
            metonymy: false,
            dateline: false,
            description: false,
            own: None,
        });
    }
}

/// Whether token `i` starts its sentence (or follows a colon or a quote), so
/// that its capital letter says nothing.
fn is_initial(tk: &Toks, start: usize, i: usize) -> bool {
    if i <= start {
        return true;
    }
    let words_before = (start..i).any(|k| tk.is_word(k) || tk.doc.tokens[k].kind == TokenKind::Number);
    !words_before || matches!(tk.text(i - 1), ":" | "\"" | "-" | "—")
}

/// A type noun inside a matched name: "région de Donetsk", "Kursk region".
fn name_type(key: &str) -> Option<TypeHint> {
    // Most names are one capitalised word: nothing to find in them.
    if !key.contains(' ') && !key.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let first = key.split([' ', '\'']).next().unwrap_or("");
    if first.chars().next().is_some_and(char::is_lowercase) {
        if let Some(t) = lx::type_noun(first) {
            return Some(t);
        }
    }
    let last = key.rsplit(' ').next().unwrap_or("");
    if key.contains(' ') {
        if let Some(t) = lx::type_noun_after(last) {
            return Some(t);
        }
        if matches!(first, "État" | "Etat" | "Province" | "Région" | "Region") {
            return Some(TypeHint::Area);
        }
    }
    None
}

fn demonym_country(g: &Gazetteer, w: &str) -> Option<[u8; 3]> {
    let v = g.demonyms.get(w)?;
    (v.len() == 1).then(|| v[0])
}

/// Cues before span `sp` (see [`Cue`]).
fn cue_before(g: &Gazetteer, tk: &Toks, start: usize, sp: &Span) -> Cue {
    let mut cue = Cue::default();
    let prev = |k: usize| (k > start).then(|| k - 1);
    let mut p = prev(sp.first);
    // English compass adjective: "in northern Syria".
    if let Some(q) = p {
        let w = lower(tk.text(q));
        if lx::is_in(&lx::COMPASS_ADJ, &w) {
            cue.loc = 2;
            cue.words = w.into_owned();
            p = prev(q);
        }
    }
    // One determiner: "dans la Bekaa", "in the Donbas".
    if let Some(q) = p {
        if lx::DETERMINERS.contains_lower(tk.text(q)) {
            p = prev(q);
        }
    }
    let Some(q) = p else { return cue };
    let w = lower(tk.text(q));
    if lx::is_in(&lx::LOC_STRONG, &w) {
        cue.loc = 2;
        cue.words = join(&w, &cue.words);
        return cue;
    }
    if matches!(&*w, "de" | "d'" | "du" | "des" | "of") {
        // Look back for a proximity/compass noun or a type noun, over at most
        // three adjectives or demonyms: "près de", "au nord de", "la ville
        // portuaire de", "the northeastern Ukrainian city of".
        let mut r = prev(q);
        let mut skipped = 0;
        while let Some(k) = r {
            let raw = tk.text(k);
            let lw = lower(raw);
            if lx::is_in(&lx::NEAR_NOUNS, &lw) {
                cue.loc = 2;
                cue.words = format!("{lw} {w}");
                return cue;
            }
            if let Some(t) = lx::type_noun(&lw) {
                cue.loc = 2;
                cue.typ = Some(t);
                cue.typ_word = format!("{lw} {w}");
                cue.words = cue.typ_word.clone();
                // English demonym before the noun: "the Ukrainian city of".
                let mut b = prev(k);
                for _ in 0..3 {
                    let Some(x) = b else { break };
                    let t = tk.text(x);
                    if let Some(c) = demonym_country(g, t) {
                        cue.country = cue.country.or(Some(c));
                    }
                    b = prev(x);
                }
                return cue;
            }
            if let Some(c) = demonym_country(g, raw).or_else(|| demonym_country(g, &lw)) {
                cue.country = cue.country.or(Some(c));
            } else if !(raw.chars().all(|c| c.is_lowercase() || c == '-') && tk.is_word(k)) {
                break;
            }
            skipped += 1;
            if skipped > 3 {
                break;
            }
            r = prev(k);
        }
        cue.country = None;
        cue.loc = 1;
        cue.words = w.into_owned();
        return cue;
    }
    if lx::is_in(&lx::LOC_WEAK, &w) {
        cue.loc = cue.loc.max(1);
        cue.words = join(&w, &cue.words);
        return cue;
    }
    // Apposition: "la capitale Kiev", "the town Bucha".
    if let Some(t @ TypeHint::Settlement) = lx::type_noun(&w) {
        cue.typ = Some(t);
        cue.typ_word = w.to_string();
        cue.loc = 2;
        cue.words = w.into_owned();
    }
    cue
}

fn join(a: &str, b: &str) -> String {
    if b.is_empty() {
        a.to_string()
    } else {
        format!("{a} {b}")
    }
}

/// Descriptions: "la capitale autrichienne", "la capitale de l'Ukraine",
/// "the Austrian capital", "the capital of Austria", "Austria's capital".
fn scan_descriptions(g: &Gazetteer, tk: &Toks, s: usize, out: &mut Vec<Span>) {
    let (start, end) = tk.sentence_range(s);
    for k in start..end {
        // Only "capitale" and "capital" open a description (no other
        // character lower-cases to "c"): most tokens are skipped unlowered.
        let at = tk.doc.tokens[k].nstart;
        if !matches!(tk.doc.norm.text.as_bytes().get(at), Some(b'c' | b'C')) {
            continue;
        }
        let w = lower(tk.text(k));
        let fr = w == "capitale";
        if !(fr || w == "capital") {
            continue;
        }
        let next = |i: usize| (i + 1 < end).then_some(i + 1);
        let mut countries: Vec<[u8; 3]> = Vec::new();
        let (mut first, mut last) = (k, k);
        if let Some(n) = next(k) {
            let nw = lower(tk.text(n));
            if lx::is_in(&lx::CAPITAL_QUALIFIERS, &nw) {
                continue;
            }
            if fr {
                if let Some(v) = g.demonyms.get(tk.text(n)) {
                    countries.clone_from(v);
                    last = n;
                }
            } else if matches!(
                &*nw,
                "markets"
                    | "market"
                    | "flight"
                    | "flows"
                    | "gains"
                    | "punishment"
                    | "controls"
                    | "spending"
                    | "investment"
                    | "expenditure"
                    | "requirements"
                    | "ratio"
                    | "increase"
                    | "letters"
                    | "letter"
                    | "offence"
                    | "offense"
                    | "crime"
                    | "case"
                    | "charges"
                    | "murder"
            ) {
                continue;
            }
        }
        // "capitale de l'Ukraine", "capital of Austria": a country name after.
        if countries.is_empty() {
            if let Some(n) = next(k) {
                let nw = lower(tk.text(n));
                if matches!(&*nw, "de" | "du" | "d'" | "of") {
                    let mut c = n + 1;
                    if c < end && lx::DETERMINERS.contains_lower(tk.text(c)) {
                        c += 1;
                    }
                    if let Some((j, cc)) = country_at(g, tk, c, end, nw == "du") {
                        countries.push(cc);
                        last = j;
                    }
                }
            }
        }
        // English "the Austrian capital", "Austria's capital".
        if countries.is_empty() && !fr && k > start {
            let p = k - 1;
            let pt = tk.text(p);
            if lx::CAPITAL_QUALIFIERS.contains_lower(pt) {
                continue;
            }
            if let Some(v) = g.demonyms.get(pt) {
                if is_capitalised(pt) {
                    countries.clone_from(v);
                    first = p;
                }
            } else if pt == "s" && p >= start + 2 && tk.text(p - 1) == "'" {
                // the country name ends at p - 2
                let ce = p - 2;
                for cs in (start..=ce).rev().take(5) {
                    if let Some((j, cc)) = country_at(g, tk, cs, ce + 1, false) {
                        if j == ce {
                            countries.push(cc);
                            first = cs;
                            break;
                        }
                    }
                }
            }
        }
        let cands: Vec<Cand> = countries
            .iter()
            .filter_map(|cc| g.capitals.get(cc))
            .map(|&row| Cand {
                row,
                kind: NameKind::Canonical,
                score: 0.0,
                inside: None,
                container: false,
            })
            .collect();
        if cands.is_empty() {
            continue;
        }
        out.push(Span {
            first,
            last,
            nstart: tk.doc.tokens[first].nstart,
            nend: tk.doc.tokens[last].nend,
            sentence: s,
            key: Cow::Borrowed(""),
            name_typ: None,
            cands,
            cue: Cue::default(),
            initial: false,
            common: false,
            metonymy: false,
            dateline: false,
            description: true,
            own: None,
        });
    }
}

/// A country name starting at token `c` (before `end`): its last token and
/// ISO code. `du` adds the French article ("du Soudan" → "Soudan").
fn country_at(g: &Gazetteer, tk: &Toks, c: usize, end: usize, _du: bool) -> Option<(usize, [u8; 3])> {
    if c >= end {
        return None;
    }
    let text = &tk.doc.norm.text;
    let ns = tk.doc.tokens[c].nstart;
    let mut found = None;
    for j in c..end.min(c + 6) {
        let Some(span) = text.get(ns..tk.doc.tokens[j].nend) else {
            continue;
        };
        for (r, _) in g.candidates(span) {
            let row = &g.rows[r as usize];
            if row.feat == Feat::Country {
                found = Some((j, row.country));
                break;
            }
        }
    }
    found
}

/// Whether the first sentence opens with a dateline and where its place part
/// ends (token index, exclusive): "KYIV, Ukraine (AP) —", "PARIS (Reuters) -",
/// "Kiev, 3 mars (AFP) -".
fn dateline_end(tk: &Toks) -> Option<usize> {
    if tk.doc.sentences.is_empty() {
        return None;
    }
    let (start, end) = tk.sentence_range(0);
    let lim = end.min(start + 14);
    for k in start..lim {
        if tk.text(k) == "(" && k + 2 < end && tk.text(k + 2) == ")" && is_capitalised(tk.text(k + 1)) {
            return Some(k);
        }
        if matches!(tk.text(k), "-" | "—") && k > start && is_all_caps(tk.text(start)) {
            return Some(k);
        }
    }
    None
}

/// Finds the spans of a document, with cues and flags set.
fn scan<'d>(g: &Gazetteer, doc: &'d Document) -> Vec<Span<'d>> {
    let tk = Toks { doc };
    let mut spans = Vec::new();
    let mut descs = Vec::new();
    for s in 0..doc.sentences.len() {
        scan_sentence(g, &tk, s, &mut spans);
        scan_descriptions(g, &tk, s, &mut descs);
    }
    // Descriptions win over the names inside them ("capital of Austria").
    spans.retain(|sp| {
        !descs
            .iter()
            .any(|d| d.sentence == sp.sentence && sp.first <= d.last && d.first <= sp.last)
    });
    spans.extend(descs);
    spans.sort_by_key(|s| (s.nstart, s.nend));
    let dl = dateline_end(&tk);
    let mut keep = Vec::with_capacity(spans.len());
    // Token after the last metonymy ("Moscou et Kiev": Kiev follows "et").
    let mut prev_metonymy_end: Option<usize> = None;
    for mut sp in spans {
        let (start, end) = tk.sentence_range(sp.sentence);
        if !sp.description && !admissible(g, &tk, start, end, &mut sp) {
            continue;
        }
        sp.cue = if sp.description {
            Cue::default()
        } else {
            cue_before(g, &tk, start, &sp)
        };
        if sp.last + 1 < end {
            if let Some(t) = lx::type_noun_after(tk.text(sp.last + 1)) {
                sp.cue.typ = sp.cue.typ.or(Some(t));
                sp.cue.typ_word = tk.text(sp.last + 1).to_string();
            }
        }
        // Lists share their cue: "à Belgorod, Koursk et Briansk", "in
        // Hebron and Jenin".
        if sp.cue.loc == 0 && sp.cue.typ.is_none() && sp.first >= start + 2 {
            if let Some(prev) = keep
                .last()
                .filter(|p: &&Span| p.sentence == sp.sentence && p.last + 2 == sp.first)
            {
                let link = tk.text(sp.first - 1);
                let next = if sp.last + 1 < end {
                    tk.text(sp.last + 1)
                } else {
                    ""
                };
                let list = matches!(link, "and" | "et" | "or" | "ou")
                    || (link == "," && matches!(next, "," | "and" | "et" | "or" | "ou"));
                if list && !prev.metonymy && (prev.cue.loc > 0 || prev.cue.typ.is_some()) {
                    sp.cue = prev.cue.clone();
                    sp.cue.country = None;
                }
            }
        }
        // "la région de Belgorod": the region named after the city
        // ("Belgorod Oblast") when the name itself gave no region.
        if sp.cue.typ == Some(TypeHint::Area)
            && !sp.cands.iter().any(|c| g.rows[c.row as usize].feat.is_area())
        {
            add_named_region(g, &mut sp);
        }
        if let Some(e) = dl {
            if sp.sentence == 0 && sp.last < e && sp.first <= start + 4 {
                sp.dateline = true;
            }
        }
        // Metonymy: "Moscou a dit", "Washington warned Beijing", "entre
        // Moscou et Kiev": a capital standing for its government.
        if !sp.description && !sp.dateline && sp.cue.typ.is_none() && g.capital_forms.contains(&*sp.key) {
            let word = |k: usize| {
                if k < end && k >= start {
                    lower(tk.text(k))
                } else {
                    Cow::Borrowed("")
                }
            };
            let (n1, n2) = (word(sp.last + 1), word(sp.last + 2));
            let p1 = if sp.first > start {
                word(sp.first - 1)
            } else {
                Cow::Borrowed("")
            };
            // "Moscou a dit", "Moscou a de son côté affirmé", "Kyiv has
            // warned" are governments; "Kyiv has been hit", "Kyiv was hit"
            // are places.
            let after = lx::is_in(&lx::SPEECH_VERBS, &n1)
                || matches!(&*n1, "n'" | "ne" | "s'" | "se")
                || (lx::is_in(&lx::AUXILIARIES, &n1) && !matches!(&*n2, "été" | "been" | "being" | "connu"));
            let before = lx::is_in(&lx::SPEECH_VERBS, &p1)
                || lx::is_in(&lx::SPEECH_PARTICIPLES, &p1)
                || lx::is_in(&lx::ACTOR_BEFORE, &p1)
                || (matches!(&*p1, "et" | "and") && prev_metonymy_end == Some(sp.first.saturating_sub(1)));
            if (sp.cue.loc == 0 || lx::is_in(&lx::ACTOR_BEFORE, &p1)) && (after || before) {
                sp.metonymy = true;
                prev_metonymy_end = Some(sp.last + 1);
            }
        }
        keep.push(sp);
    }
    keep
}

/// Adds to a span the first-level region that holds one of its settlements
/// and is named after it ("Kursk" → "Kursk Oblast", "Rostov-on-Don" →
/// "Rostov").
fn add_named_region(g: &Gazetteer, sp: &mut Span) {
    let mut extra = Vec::new();
    for c in &sp.cands {
        let r = &g.rows[c.row as usize];
        if !r.feat.is_settlement() || r.admin1.is_empty() {
            continue;
        }
        let stem = r.name.split([' ', '-']).next().unwrap_or(r.name);
        if !r.admin1.starts_with(stem) {
            continue;
        }
        for (a, _) in g.candidates(r.admin1) {
            let ar = &g.rows[a as usize];
            if ar.feat == Feat::Admin1 && ar.country == r.country && !extra.iter().any(|x: &Cand| x.row == a)
            {
                extra.push(Cand {
                    row: a,
                    kind: NameKind::Alternate,
                    score: 0.0,
                    inside: None,
                    container: false,
                });
            }
        }
    }
    sp.cands.extend(extra);
}

/// Filters that keep ordinary words and parts of longer proper names out.
fn admissible(g: &Gazetteer, tk: &Toks, start: usize, end: usize, sp: &mut Span) -> bool {
    let text = tk.doc.norm.text.get(sp.nstart..sp.nend).unwrap_or("");
    let key_differs = sp.key != text;
    if g.blocked.contains(text) || (key_differs && g.blocked.contains(&*sp.key)) {
        return false;
    }
    let single = sp.first == sp.last;
    if single {
        let lw = lower(text);
        if lx::is_stop(&lw) {
            return false;
        }
        // Two-letter names only as all-caps codes ("US", "UK").
        if text.chars().count() <= 2 && !is_all_caps(text) {
            return false;
        }
        // Demonyms are not places ("Georgian" is also a Georgian town).
        if g.demonyms.contains_key(text) || g.demonyms.contains_key(&*lw) {
            return false;
        }
    }
    sp.common = g.common.contains(text) || (key_differs && g.common.contains(&*sp.key));
    if is_all_caps(text) {
        sp.initial = true;
    }
    // Part of a longer proper name: "Jordan Bardella", "Paris Hilton",
    // "Washington Post", "Michael Jordan".
    if sp.last + 1 < end && sp.nend == tk.doc.tokens[sp.last].nend {
        let n = tk.text(sp.last + 1);
        if tk.is_word(sp.last + 1)
            && is_capitalised(n)
            && !is_all_caps(text)
            && !lx::is_in(&lx::CAP_AFTER_OK, n)
            && !lx::is_stop_lower(n)
        {
            return false;
        }
    }
    if sp.first > start {
        let p = sp.first - 1;
        let pt = tk.text(p);
        if tk.is_word(p)
            && is_capitalised(pt)
            && !is_all_caps(pt)
            && !lx::is_in(&lx::CAP_BEFORE_OK, pt)
            && !lx::is_stop_lower(pt)
            && !lx::LOC_STRONG.contains_lower(pt)
            && !g.demonyms.contains_key(pt)
        {
            return false;
        }
        // Titles: "M. Paris", "Mr. Jordan".
        if pt == "." && p > start && matches!(tk.text(p - 1), "M" | "Mr" | "Mrs" | "Ms" | "Dr" | "Mme" | "St")
        {
            return false;
        }
    }
    true
}

/// Score of one candidate, with the evidence when asked.
fn score(
    g: &Gazetteer,
    sp: &Span,
    c: &Cand,
    ctx: Option<&Ctx>,
    city_same_country: bool,
    one_country: bool,
    mut why: Option<&mut Vec<Evidence>>,
) -> f32 {
    let row = &g.rows[c.row as usize];
    let mut s = prior(row, c.kind);
    // An exonym or alternate of a place far larger than its homonyms is the
    // usual name of that place ("Odessa" is Odesa, not Odessa, Texas).
    if c.kind == NameKind::Alternate && row.feat.is_settlement() && row.pop >= 100_000 {
        let others = sp
            .cands
            .iter()
            .filter(|o| o.row != c.row)
            .map(|o| g.rows[o.row as usize].pop)
            .max();
        if others.is_some_and(|p| u64::from(row.pop) >= 5 * u64::from(p)) {
            s += 0.7;
        }
    }
    // The evidence is built only when asked for (most scorings are not
    // explained): no string is copied otherwise.
    let mut note = |e: &dyn Fn() -> Evidence| {
        if let Some(w) = why.as_deref_mut() {
            w.push(e());
        }
    };
    if sp.description {
        s += 3.0;
        note(&|| Evidence::Description);
    }
    let area = row.feat.is_area();
    match sp.cue.loc {
        2 => {
            s += 2.0;
            note(&|| Evidence::Cue(sp.cue.words.clone()));
        }
        1 => {
            s += if row.feat == Feat::Country { 0.5 } else { 1.0 };
            note(&|| Evidence::Cue(sp.cue.words.clone()));
        }
        _ => {}
    }
    if sp.dateline {
        s += 2.5;
        note(&|| Evidence::Dateline);
    }
    match sp.cue.typ {
        Some(TypeHint::Settlement) => {
            if row.feat.is_settlement() {
                s += 2.0;
                note(&|| Evidence::Type(sp.cue.typ_word.clone()));
            } else if row.feat == Feat::Country {
                s -= 3.0;
            } else {
                s -= 1.5;
            }
        }
        Some(TypeHint::Area) => {
            if area {
                s += 2.5;
                note(&|| Evidence::Type(sp.cue.typ_word.clone()));
            } else if row.feat.is_settlement() {
                s -= 1.5;
            }
        }
        None => {}
    }
    if let Some(TypeHint::Area) = sp.name_typ {
        if area {
            s += 2.0;
        }
    }
    if let Some(cc) = sp.cue.country {
        if row.country == cc {
            s += 2.5;
            note(&|| Evidence::Demonym(String::from_utf8_lossy(&cc).into_owned()));
        } else {
            s -= 3.0;
        }
    }
    // A bare name shared by a city and its own region means the city.
    if matches!(row.feat, Feat::Admin1 | Feat::Admin2)
        && city_same_country
        && sp.cue.typ != Some(TypeHint::Area)
        && sp.name_typ.is_none()
    {
        s -= 1.2;
    }
    if sp.common {
        s -= if sp.initial { 2.5 } else { 0.7 };
    }
    if let Some(ctx) = ctx {
        if ctx.hint.contains(&row.country) {
            s += 2.0;
            note(&|| Evidence::Hint(row.country_str().to_string()));
        } else if let Some(&w) = ctx.country.get(&row.country) {
            let w = match sp.own {
                Some((cc, o)) if cc == row.country => w - o,
                _ => w,
            };
            if w > 0.01 {
                s += 2.0 * w.min(1.0);
                note(&|| Evidence::Context(row.country_str().to_string()));
            }
        }
        if !row.admin1.is_empty()
            && row.feat != Feat::Admin1
            && ctx.admin1.contains(&(row.country, row.admin1))
        {
            s += 0.5;
        }
        if ctx.fr && &row.country == b"FRA" {
            s += 0.3;
        }
    }
    if c.inside.is_some() {
        s += 3.0;
    }
    // One country only (one row, or a city and its own region): no homonym
    // to fear.
    if !sp.common && one_country {
        s += 0.5;
    }
    if c.container {
        s += 1.0;
        note(&|| Evidence::Container);
    }
    s
}

fn city_same_country(g: &Gazetteer, sp: &Span, c: &Cand) -> bool {
    let row = &g.rows[c.row as usize];
    sp.cands.iter().any(|o| {
        let r = &g.rows[o.row as usize];
        r.feat.is_settlement() && r.country == row.country
    })
}

/// Whether all candidates of a span are in one country (for [`score`],
/// whose candidate is one of them).
fn one_country(g: &Gazetteer, sp: &Span) -> bool {
    let country = |c: &Cand| g.rows[c.row as usize].country;
    sp.cands
        .first()
        .is_none_or(|f| sp.cands.iter().all(|o| country(o) == country(f)))
}

fn rescore(g: &Gazetteer, spans: &mut [Span], ctx: Option<&Ctx>) {
    // Countries of the settlements of a span (for `city_same_country`),
    // one buffer for all spans.
    let mut settled: Vec<[u8; 3]> = Vec::new();
    for sp in spans.iter_mut() {
        settled.clear();
        settled.extend(
            sp.cands
                .iter()
                .map(|c| &g.rows[c.row as usize])
                .filter(|r| r.feat.is_settlement())
                .map(|r| r.country),
        );
        let one = one_country(g, sp);
        // A score reads no other candidate's score: each is set in place.
        for i in 0..sp.cands.len() {
            let c = &sp.cands[i];
            let same = settled.contains(&g.rows[c.row as usize].country);
            sp.cands[i].score = score(g, sp, c, ctx, same, one, None);
        }
    }
}

fn best<'s>(sp: &'s Span) -> Option<&'s Cand> {
    sp.cands.iter().max_by(|a, b| a.score.total_cmp(&b.score))
}

/// The first-level region of a span's best candidate, unless a homonym in
/// another region of the same country scores about as well (a tie between
/// the Fulton counties says nothing about Georgia or Arkansas).
fn clear_admin1(g: &Gazetteer, sp: &Span, b: &Cand) -> Option<([u8; 3], &'static str)> {
    let r = &g.rows[b.row as usize];
    let a1 = if r.feat == Feat::Admin1 { r.name } else { r.admin1 };
    if a1.is_empty() || r.feat == Feat::Country {
        return None;
    }
    let tie = sp.cands.iter().any(|c| {
        let o = &g.rows[c.row as usize];
        c.row != b.row && o.country == r.country && o.admin1 != r.admin1 && c.score > b.score - 0.3
    });
    (!tie).then_some((r.country, a1))
}

/// The article context from a first, context-free scoring.
fn context(g: &Gazetteer, doc: &Document, spans: &mut [Span], hints: &[&str]) -> Ctx {
    let mut ctx = Ctx {
        fr: doc.lang == "fr",
        ..Ctx::default()
    };
    for h in hints {
        let h = h.trim();
        if h.len() == 3 && h.is_ascii() {
            let b = h.to_ascii_uppercase();
            let b = b.as_bytes();
            ctx.hint.insert([b[0], b[1], b[2]]);
        }
    }
    fn add(ctx: &mut Ctx, cc: [u8; 3], w: f32) {
        *ctx.country.entry(cc).or_insert(0.0) += w;
    }
    for sp in spans.iter_mut() {
        if sp.common && sp.initial {
            continue;
        }
        // Country names, with or without a cue ("la Russie a dit").
        let countries: Vec<[u8; 3]> = sp
            .cands
            .iter()
            .map(|c| &g.rows[c.row as usize])
            .filter(|r| r.feat == Feat::Country)
            .map(|r| r.country)
            .collect();
        if !countries.is_empty() && !sp.description {
            let w = 1.0 / countries.len() as f32;
            if countries.len() == 1 {
                sp.own = Some((countries[0], w));
            }
            for cc in countries {
                add(&mut ctx, cc, w);
            }
            continue;
        }
        // Confident places: clear winner above the threshold.
        let Some((bscore, brow)) = best(sp).map(|b| (b.score, &g.rows[b.row as usize])) else {
            continue;
        };
        if bscore < THRESHOLD + 0.5 || sp.metonymy {
            continue;
        }
        let rival = sp
            .cands
            .iter()
            .filter(|c| g.rows[c.row as usize].country != brow.country)
            .map(|c| c.score)
            .fold(f32::MIN, f32::max);
        if bscore - rival >= 1.0 {
            let cc = brow.country;
            add(&mut ctx, cc, 1.0);
            sp.own = Some((cc, 1.0));
            if let Some(k) = best(sp).and_then(|b| clear_admin1(g, sp, b)) {
                ctx.admin1.insert(k);
            }
        }
    }
    // Demonyms anywhere: "les forces ukrainiennes", "Ukrainian troops".
    let tk = Toks { doc };
    for i in 0..doc.tokens.len() {
        if !tk.is_word(i) {
            continue;
        }
        let t = tk.text(i);
        // No demonym is shorter than three bytes (see the gazetteer), nor
        // is the lower case of a short ASCII word.
        if t.len() < 3 && t.is_ascii() {
            continue;
        }
        // Most words begin like no demonym: answered without hashing.
        let exact = g
            .demonym_pairs
            .may_contain(t)
            .then(|| g.demonyms.get(t))
            .flatten();
        let v = exact.or_else(|| {
            if is_capitalised(t) && (!t.is_ascii() || g.demonym_pairs.may_contain_ascii_lower(t)) {
                g.demonyms.get(&*lower(t))
            } else {
                None
            }
        });
        if let Some(v) = v {
            let w = 0.5 / v.len() as f32;
            for &cc in v {
                add(&mut ctx, cc, w);
            }
        }
    }
    ctx
}

/// Words allowed between a place and its container: "Avdiivka, in the
/// Donetsk region", "Goma, une ville de la province du Nord-Kivu", "Kidal, in
/// northern Mali". Anything else (a verb, "par", "and") breaks the link.
fn gap_word(w: &str) -> bool {
    matches!(
        w,
        "," | "("
            | "in"
            | "dans"
            | "en"
            | "au"
            | "aux"
            | "du"
            | "de"
            | "d'"
            | "des"
            | "of"
            | "a"
            | "an"
            | "un"
            | "une"
            | "small"
            | "petite"
            | "petit"
            | "key"
            | "frontline"
            | "strategic"
            | "stratégique"
            | "située"
            | "situé"
            | "located"
            | "part"
            | "partie"
            | "chef-lieu"
            | "capitale"
            | "capital"
            | "main"
            | "principale"
    ) || lx::is_in(&lx::DETERMINERS, w)
        || lx::is_in(&lx::NEAR_NOUNS, w)
        || lx::is_in(&lx::COMPASS_ADJ, w)
        || lx::type_noun(w).is_some()
}

/// Links neighbouring spans where one contains the other.
fn containment(g: &Gazetteer, tk: &Toks, spans: &mut [Span]) {
    for a in 0..spans.len().saturating_sub(1) {
        let b = a + 1;
        if spans[a].sentence != spans[b].sentence || spans[a].description || spans[b].description {
            continue;
        }
        let gap: Vec<&str> = (spans[a].last + 1..spans[b].first).map(|k| tk.text(k)).collect();
        if gap.len() > 8 {
            continue;
        }
        let (outer, inner) = if gap.len() == 2 && gap[0] == "'" && gap[1] == "s" {
            (a, b) // "Ukraine's Donetsk region"
        } else if let Some(f) = gap.first() {
            let opener = matches!(*f, "," | "(" | "in" | "dans" | "en" | "au");
            if !(opener && gap.iter().all(|w| gap_word(&lower(w)))) {
                continue;
            }
            (b, a)
        } else {
            continue;
        };
        // Joint: inner candidates inside some outer candidate.
        let mut hits = Vec::new();
        for (ii, ic) in spans[inner].cands.iter().enumerate() {
            let ir = &g.rows[ic.row as usize];
            for (oi, oc) in spans[outer].cands.iter().enumerate() {
                let or = &g.rows[oc.row as usize];
                if contains(or, ir) {
                    hits.push((ii, oi));
                }
            }
        }
        for (ii, oi) in hits {
            spans[inner].cands[ii].inside = Some(outer);
            spans[outer].cands[oi].container = true;
        }
    }
}

/// Finds and geocodes the place mentions of a document.
pub(crate) fn geocode(g: &Gazetteer, doc: &Document, hints: &[&str]) -> Vec<PlaceMention> {
    let mut spans = scan(g, doc);
    if spans.is_empty() {
        return Vec::new();
    }
    rescore(g, &mut spans, None);
    let mut ctx = context(g, doc, &mut spans, hints);
    let tk = Toks { doc };
    containment(g, &tk, &mut spans);
    rescore(g, &mut spans, Some(&ctx));
    // Third pass: the first-level regions of the places now resolved ("In
    // Georgia, ... Fulton County" is the Georgia one).
    let before = ctx.admin1.len();
    for sp in &spans {
        if let Some(b) = best(sp).filter(|b| b.score >= THRESHOLD && !sp.metonymy) {
            // Only clear winners: a tie between homonyms says nothing.
            if let Some(k) = clear_admin1(g, sp, b) {
                ctx.admin1.insert(k);
            }
        }
    }
    if ctx.admin1.len() > before {
        rescore(g, &mut spans, Some(&ctx));
    }
    let mut out = Vec::new();
    for sp in &spans {
        let Some(b) = best(sp) else { continue };
        if b.score < THRESHOLD || sp.metonymy {
            continue;
        }
        let row = &g.rows[b.row as usize];
        // A name that is also a country ("Georgia", "Géorgie") is read as
        // the smaller place only with some evidence: a cue, containment,
        // or a clear lead from the article context.
        if row.feat != Feat::Country {
            let country_score = sp
                .cands
                .iter()
                .filter(|c| g.rows[c.row as usize].feat == Feat::Country)
                .map(|c| c.score)
                .fold(f32::MIN, f32::max);
            let evidence =
                sp.cue.loc > 0 || sp.cue.typ.is_some() || b.inside.is_some() || b.container || sp.dateline;
            if country_score > f32::MIN && !evidence && b.score - country_score < 1.0 {
                continue;
            }
        }
        if row.feat == Feat::Country
            && !(sp.cue.loc == 2
                || sp.dateline
                || b.container && sp.cue.loc > 0
                || comma_container(sp, &spans, b))
        {
            continue;
        }
        let mut why = Vec::new();
        let f = city_same_country(g, sp, b);
        score(g, sp, b, Some(&ctx), f, one_country(g, sp), Some(&mut why));
        if let Some(o) = b.inside {
            why.push(Evidence::Containment(spans[o].key.to_string()));
        }
        if why.is_empty() {
            why.push(Evidence::Prior);
        }
        let text = doc.original_text(sp.nstart, sp.nend).to_string();
        out.push(PlaceMention {
            nstart: sp.nstart,
            nend: sp.nend,
            sentence: sp.sentence,
            place: Place {
                text,
                name: row.name.to_string(),
                country: Some(row.country_str().to_string()),
                admin1: (!row.admin1.is_empty()).then(|| row.admin1.to_string()),
                lat: row.latf(),
                lon: row.lonf(),
                feature: row.feat.to_model(),
                geonames_id: (row.gid > 0).then_some(i64::from(row.gid)),
            },
            confidence: b.score,
            evidence: why,
        });
    }
    out
}

/// A country that contains the mention right before it ("Kharkiv, Ukraine").
fn comma_container(sp: &Span, spans: &[Span], b: &Cand) -> bool {
    b.container
        && spans
            .iter()
            .any(|o| o.sentence == sp.sentence && o.last < sp.first && sp.first - o.last <= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_piece_by_piece() {
        assert_eq!(title_case("SAINT-DENIS"), "Saint-Denis");
        assert_eq!(title_case("RÉPUBLIQUE DÉMOCRATIQUE"), "République Démocratique");
        // The scanner cases a span token by token: the same as at once.
        let whole = "NORD-KIVU (RDC) ÎLE-DE-FRANCE";
        for (cut, _) in whole.char_indices() {
            let mut out = String::new();
            let mut at_start = true;
            title_case_into(&mut out, &whole[..cut], &mut at_start);
            title_case_into(&mut out, &whole[cut..], &mut at_start);
            assert_eq!(out, "Nord-Kivu (Rdc) Île-De-France", "cut at {cut}");
        }
        let mut out = String::new();
        lower_first_into(&mut out, "Émirats");
        out.push_str(" arabes");
        assert_eq!(out, "émirats arabes");
    }
}
