//! The grammar: patterns over token classes, giving unresolved expressions.
//!
//! [`Scanner::scan`] walks a sentence's tokens left to right; at each token
//! that can start a time expression it tries every pattern and keeps the
//! longest match, then goes on after it. Patterns are hand-written functions
//! over [`Lex`] classes (no regex, no allocation per token); each returns the
//! token index just past its match and what it read.
//!
//! What a match reads is an [`Expr`]: one [`Point`] (an [`Atom`] such as a
//! date, a weekday, "last week", "three days ago", maybe narrowed by a
//! [`Part`] such as "fin" or "early"), a range of two points, or a point
//! running up to publication ("depuis"). Turning it into calendar dates is
//! [`crate::resolve`]'s job.
//!
//! Spans cover the words that carry the meaning: "le 5 avril", "la semaine
//! dernière", "depuis vendredi", "il y a trois jours", "two weeks ago",
//! "entre 1975 et 1990", "dans la nuit de vendredi à samedi". Plain locative
//! prepositions ("en avril", "in 2014", "on Monday") are left out.

use chrono::{NaiveDate, Weekday};
use vigie_text::Document;

use crate::lexicon::{fold, Lang, Lex, Part, Unit, W};

/// How many units: a number, or "a few".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Count {
    N(u32),
    Few,
}

/// Which occurrence of a day, date or month named without its week or year
/// is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    /// Decided by tense: on or before publication in the past, on or after
    /// it in the future.
    Auto,
    /// Strictly before publication ("lundi dernier", "last Monday", "le 14
    /// juillet dernier"); for a month, before the publication's month ("en
    /// mars dernier", "last March").
    Last,
    /// Strictly after publication ("lundi prochain", "next Monday", "mars
    /// prochain").
    Next,
}

/// What one time expression names, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Atom {
    /// A day; the year, and inside a range the month, may be missing.
    Date {
        y: Option<i32>,
        m: Option<u32>,
        d: u32,
    },
    /// A month; the year may be missing.
    Month {
        y: Option<i32>,
        m: u32,
    },
    Year(i32),
    /// The ten years from this one: "les années 1990", "the 1990s".
    Decade(i32),
    /// Publication date plus a number of days: "hier" is -1.
    Day(i32),
    Weekday(Weekday),
    /// The calendar unit holding publication, shifted: "last week" is
    /// `{Week, -1}`, "cette année" `{Year, 0}`.
    Unit {
        unit: Unit,
        offset: i32,
    },
    /// "il y a trois jours", "two weeks ago".
    Ago {
        n: Count,
        unit: Unit,
    },
    /// "dans trois jours"; `weak` for English "in three days", which only
    /// counts in the future tense ("in three days of talks" is not a date).
    Ahead {
        n: Count,
        unit: Unit,
        weak: bool,
    },
    /// The last units up to publication: "ces derniers jours", "the past
    /// week", "depuis trois jours".
    Recent {
        n: Count,
        unit: Unit,
    },
    /// The next units from publication: "les prochains jours", "in the
    /// coming weeks".
    Coming {
        n: Count,
        unit: Unit,
    },
    /// "overnight": the night before publication.
    Overnight,
    /// "cette nuit": last night in the past tense, tonight in the future.
    ThisNight,
}

/// An atom, maybe narrowed to a part of it ("fin mars", "early 2024") or
/// marked as the last or next one ("lundi dernier", "last March", "le 14
/// juillet dernier").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Point {
    pub atom: Atom,
    pub part: Option<Part>,
    pub rel: Rel,
}

impl Point {
    fn new(atom: Atom) -> Point {
        Point {
            atom,
            part: None,
            rel: Rel::Auto,
        }
    }

    fn part(atom: Atom, part: Part) -> Point {
        Point {
            atom,
            part: Some(part),
            rel: Rel::Auto,
        }
    }

    fn rel(self, rel: Rel) -> Point {
        Point { rel, ..self }
    }
}

/// A time expression: a point, a range `from..to`, or (`since`) a point or
/// range running up to publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Expr {
    pub from: Point,
    pub to: Option<Point>,
    pub since: bool,
}

fn one(p: Point) -> Expr {
    Expr {
        from: p,
        to: None,
        since: false,
    }
}

/// A match: tokens `first..end` (document token indices) and what they say.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub first: usize,
    pub end: usize,
    pub expr: Expr,
}

/// Scans the tokens of one sentence.
pub(crate) struct Scanner<'a> {
    pub lex: &'a [Lex],
    pub doc: &'a Document<'a>,
    pub lang: Lang,
    /// Token range of the sentence: patterns never look outside it.
    pub lo: usize,
    pub hi: usize,
}

type M<T> = Option<(usize, T)>;

/// Keeps the longer of two matches (the first on a tie).
fn longer<T>(a: M<T>, b: M<T>) -> M<T> {
    match (&a, &b) {
        (Some((x, _)), Some((y, _))) if y > x => b,
        (None, _) => b,
        _ => a,
    }
}

fn plausible_year(v: u32) -> bool {
    (1000..=2999).contains(&v)
}

/// "16" in "5/4/16" is 2016, "98" is 1998.
fn full_year(y: u32, len: u8) -> Option<i32> {
    match len {
        4 if plausible_year(y) => Some(y as i32),
        2 if y < 70 => Some(2000 + y as i32),
        2 => Some(1900 + y as i32),
        _ => None,
    }
}

/// A valid day, checked against its year (or a leap year when unknown, so
/// that "le 29 février" stays possible).
fn valid_date(y: Option<i32>, m: u32, d: u32) -> Option<Atom> {
    NaiveDate::from_ymd_opt(y.unwrap_or(2000), m, d)?;
    Some(Atom::Date { y, m: Some(m), d })
}

impl<'a> Scanner<'a> {
    /// Appends the expressions of the sentence to `out`, in text order.
    pub(crate) fn scan(&self, out: &mut Vec<Found>) {
        let mut i = self.lo;
        while i < self.hi {
            if matches!(self.lex[i], Lex::Other | Lex::Punct(_)) {
                i += 1;
                continue;
            }
            match self.expr_at(i) {
                Some((end, expr)) if end > i => {
                    out.push(Found { first: i, end, expr });
                    i = end;
                }
                _ => i += 1,
            }
        }
    }

    // ----- token access -------------------------------------------------

    fn at(&self, i: usize) -> Lex {
        if i >= self.lo && i < self.hi {
            self.lex[i]
        } else {
            Lex::Other
        }
    }

    fn w(&self, i: usize) -> Option<W> {
        self.at(i).w()
    }

    fn is(&self, i: usize, w: W) -> bool {
        self.w(i) == Some(w)
    }

    fn prev(&self, i: usize) -> Lex {
        if i > self.lo {
            self.at(i - 1)
        } else {
            Lex::Other
        }
    }

    fn punct(&self, i: usize, c: u8) -> bool {
        self.at(i) == Lex::Punct(c)
    }

    /// Whether token `i` touches the one before it (no space).
    fn glued(&self, i: usize) -> bool {
        i > self.lo && i < self.hi && self.doc.tokens[i - 1].nend == self.doc.tokens[i].nstart
    }

    /// Whether token `i` is a content word in lower case, the sign that a
    /// preceding number counts something ("2000 manifestants", "May 10
    /// people") rather than being a date.
    fn noun_at(&self, i: usize) -> bool {
        if i >= self.hi || !matches!(self.lex[i], Lex::Other) {
            return false;
        }
        let t = &self.doc.tokens[i];
        let s = &self.doc.norm.text[t.nstart..t.nend];
        if !s.starts_with(|c: char| c.is_lowercase()) {
            return false;
        }
        let mut buf = String::new();
        match fold(s, &mut buf) {
            Some(f) => !self.lang.function_word(f),
            None => true,
        }
    }

    // ----- top level ----------------------------------------------------

    fn expr_at(&self, i: usize) -> M<Expr> {
        // Every pattern that starts with a function word (a determiner,
        // a preposition, "il" of "il y a", "un", an approximation) needs a
        // time word or a number right after it: "le gouvernement", "de
        // Paris", "the army", "a man" start none. Most tokens that reach
        // here are such words.
        let function_word = matches!(
            self.lex[i],
            Lex::W(
                W::Le
                    | W::Les
                    | W::Ce
                    | W::Ces
                    | W::De
                    | W::Du
                    | W::From
                    | W::Entre
                    | W::Depuis
                    | W::Dans
                    | W::Il
                    | W::In
                    | W::About
                    | W::Un
            )
        );
        if function_word && matches!(self.at(i + 1), Lex::Other | Lex::Punct(_)) {
            return None;
        }
        // Frequent words start few patterns: try only those.
        match self.lex[i] {
            Lex::W(W::Depuis) => return self.since_at(i),
            Lex::W(W::Entre | W::De | W::Du | W::From) => return self.range_at(i),
            Lex::W(W::Dans) => return longer(self.night_at(i), self.duration_at(i)),
            Lex::W(W::Il | W::In | W::About | W::Un) => return self.duration_at(i),
            Lex::W(
                W::En
                | W::A
                | W::Au
                | W::Et
                | W::To
                | W::Over
                | W::On
                | W::Y
                | W::Ago
                | W::Venir
                | W::Than
                | W::YearPrep
                | W::Matin
                | W::ApresMidi
                | W::Soir
                | W::Nuit,
            ) => return None,
            _ => {}
        }
        let mut best = self.range_at(i);
        best = longer(best, self.since_at(i));
        best = longer(best, self.night_at(i));
        best = longer(best, self.duration_at(i));
        best = longer(best, self.span_at(i));
        longer(
            best,
            self.point_at(i, self.year_context(i)).map(|(e, p)| (e, one(p))),
        )
    }

    /// Whether a bare number at `i` may be a year: after "en", "in", "avant",
    /// "until", "de" ("le génocide de 1994")...
    fn year_context(&self, i: usize) -> bool {
        matches!(
            self.prev(i).w(),
            Some(W::En | W::In | W::YearPrep | W::To | W::Over | W::De)
        )
    }

    /// One point: a date, month, year, weekday, relative day or unit.
    fn point_at(&self, i: usize, years: bool) -> M<Point> {
        let mut best = self.part_at(i);
        best = longer(best, self.date_at(i));
        best = longer(best, self.month_at(i));
        if years {
            best = longer(best, self.year_at(i));
        }
        best = longer(best, self.decade_at(i));
        best = longer(best, self.weekday_at(i));
        best = longer(best, self.relday_at(i));
        longer(best, self.unit_rel_at(i))
    }

    // ----- dates ----------------------------------------------------------

    /// A day number: "5", "05", "1er", "5th", "premier".
    fn day_num(&self, i: usize) -> Option<u32> {
        match self.at(i) {
            Lex::Num { v, len: 1..=2 } if (1..=31).contains(&v) => Some(v),
            Lex::Ord(v) if (1..=31).contains(&v) => Some(v),
            _ => None,
        }
    }

    /// A month name at `i` ("avril", "Apr."): end, month, ambiguous.
    /// `dated`: next to a day number, where "May" and "sept" are months.
    fn month_word(&self, i: usize, dated: bool) -> Option<(usize, u32, bool)> {
        let (m, abbr, amb) = match self.at(i) {
            Lex::Month { m, abbr, amb } => (m, abbr, amb),
            Lex::Sept if dated || self.year_num(i + 1).is_some() => (9, true, false),
            _ => return None,
        };
        let mut e = i + 1;
        if abbr && self.punct(e, b'.') && self.glued(e) {
            e += 1;
        }
        Some((e, m, amb && !dated))
    }

    /// A four-digit year at `i`.
    fn year_num(&self, i: usize) -> Option<i32> {
        match self.at(i) {
            Lex::Num { v, len: 4 } if plausible_year(v) => Some(v as i32),
            _ => None,
        }
    }

    fn opt_year(&self, i: usize) -> (usize, Option<i32>) {
        match self.year_num(i) {
            Some(y) => (i + 1, Some(y)),
            None => (i, None),
        }
    }

    /// "le 5 avril 2016", "lundi 5 avril", "Monday, April 5".
    fn date_at(&self, i: usize) -> M<Point> {
        let mut j = i;
        if self.is(j, W::Le) {
            j += 1;
        }
        if let Lex::Weekday(_) = self.at(j) {
            j += 1;
            if self.punct(j, b',') {
                j += 1;
            }
        }
        let (e, a) = self.calendar_date(j)?;
        // "le 14 juillet dernier", "le 5 mars prochain"
        if let (Atom::Date { y: None, .. }, Some((e, rel))) = (a, self.rel_after(e)) {
            return Some((e, Point::new(a).rel(rel)));
        }
        Some((e, Point::new(a)))
    }

    /// "dernier"/"prochain" after a day or month ("passé" is left out:
    /// after a date it is often a verb).
    fn rel_after(&self, i: usize) -> Option<(usize, Rel)> {
        match self.w(i)? {
            W::Dernier => Some((i + 1, Rel::Last)),
            W::Prochain => Some((i + 1, Rel::Next)),
            _ => None,
        }
    }

    /// A day of a month in any written form.
    fn calendar_date(&self, j: usize) -> M<Atom> {
        let dmy = |a: u32, b: u32, y: Option<i32>| {
            // Day/month order of the language; the other order when only it
            // is valid ("25/12/2016" in English).
            let (d, m) = if self.lang.day_first() { (a, b) } else { (b, a) };
            valid_date(y, m, d).or_else(|| valid_date(y, d, m))
        };
        match self.at(j) {
            Lex::Iso(y, m, d) if plausible_year(y as u32) => {
                return valid_date(Some(y), m, d).map(|a| (j + 1, a))
            }
            Lex::Dotted { a, b, y, ylen } => return dmy(a, b, Some(full_year(y, ylen)?)).map(|d| (j + 1, d)),
            Lex::Num { .. } => {
                if let Some(r) = self.slash_date(j, dmy) {
                    return Some(r);
                }
            }
            _ => {}
        }
        // Day first: "5 avril 2016", "1er mai", "5 April", "the 5th of April".
        if let Some(d) = self.day_num(j) {
            let mut k = j + 1;
            if matches!(self.at(j), Lex::Ord(_)) && self.is(k, W::De) {
                k += 1;
            }
            if let Some((k, m, _)) = self.month_word(k, true) {
                let (mut e, mut y) = self.opt_year(k);
                // "le 5 avril 2000 personnes": a count, not a year.
                if y.is_some() && self.noun_at(e) {
                    (e, y) = (k, None);
                }
                return valid_date(y, m, d).map(|a| (e, a));
            }
        }
        // Month first: "April 5, 2016", "April 5".
        if let Some((k, m, _)) = self.month_word(j, true) {
            if let Some(d) = self.day_num(k) {
                let mut e = k + 1;
                let mut y = None;
                let comma = usize::from(self.punct(e, b','));
                if let Some(v) = self.year_num(e + comma) {
                    y = Some(v);
                    e += comma + 1;
                }
                // "In May 10 people died": a count, not a day; but "on
                // March 3 killed", "Sunday, March 3 saw" are dates.
                let dated = matches!(
                    self.prev(j),
                    Lex::W(W::On | W::Depuis | W::To | W::From | W::Entre | W::Le | W::Et | W::YearPrep)
                        | Lex::Weekday(_)
                        | Lex::Punct(b',')
                );
                if y.is_none() && !dated && self.noun_at(e) {
                    return None;
                }
                return valid_date(y, m, d).map(|a| (e, a));
            }
        }
        None
    }

    /// "05/04/2016", "5/4/16", "2016/04/05".
    fn slash_date(&self, j: usize, dmy: impl Fn(u32, u32, Option<i32>) -> Option<Atom>) -> M<Atom> {
        let (Lex::Num { v: a, len: la }, Lex::Num { v: b, len: lb }, Lex::Num { v: c, len: lc }) =
            (self.at(j), self.at(j + 2), self.at(j + 4))
        else {
            return None;
        };
        let slashes = self.punct(j + 1, b'/') && self.punct(j + 3, b'/');
        let glued = (j + 1..=j + 4).all(|k| self.glued(k));
        if !slashes || !glued || lb > 2 {
            return None;
        }
        let atom = if la == 4 {
            valid_date(Some(full_year(a, 4)?), b, c)?
        } else if la <= 2 && lc <= 4 {
            dmy(a, b, Some(full_year(c, lc)?))?
        } else {
            return None;
        };
        Some((j + 5, atom))
    }

    /// Words next to which "May", "March" and "Mars" are months.
    fn month_context(&self, i: usize) -> bool {
        matches!(
            self.prev(i),
            Lex::W(
                W::En
                    | W::In
                    | W::De
                    | W::Du
                    | W::Depuis
                    | W::Entre
                    | W::From
                    | W::To
                    | W::A
                    | W::Au
                    | W::Et
                    | W::Over
                    | W::YearPrep
                    | W::Dernier
                    | W::Prochain
            ) | Lex::Part(_)
        )
    }

    /// "avril", "en avril 2016", "mi-avril", "mid-2024".
    fn month_at(&self, i: usize) -> M<Point> {
        match self.at(i) {
            Lex::MidMonth(m) => {
                let (e, y) = self.opt_year(i + 1);
                Some((e, Point::part(Atom::Month { y, m }, Part::Mid)))
            }
            Lex::MidYear(y) => Some((i + 1, Point::part(Atom::Year(y), Part::Mid))),
            // "last March", "next May"
            Lex::W(w @ (W::Dernier | W::Prochain)) => {
                let (e, m, _) = self.month_word(i + 1, true)?;
                let rel = if w == W::Dernier { Rel::Last } else { Rel::Next };
                Some((e, Point::new(Atom::Month { y: None, m }).rel(rel)))
            }
            _ => {
                let (e, m, amb) = self.month_word(i, false)?;
                let (e, y) = self.opt_year(e);
                if y.is_none() {
                    // "en mars dernier", "en mai prochain"
                    if let Some((e, rel)) = self.rel_after(e) {
                        return Some((e, Point::new(Atom::Month { y, m }).rel(rel)));
                    }
                    if amb && !self.month_context(i) {
                        return None;
                    }
                }
                Some((e, Point::new(Atom::Month { y, m })))
            }
        }
    }

    /// A bare year, where [`Scanner::year_context`] allows one.
    fn year_at(&self, i: usize) -> M<Point> {
        let y = self.year_num(i)?;
        // "up to 2000 people", "after 2000 votes", "plus de 1500 morts":
        // counts. After "en"/"in" a number is nearly always a year ("In 2014
        // protesters..."). After "de" only modern years count ("un bilan de
        // 1500" is not the year 1500).
        let prev = self.prev(i).w();
        let weak = matches!(prev, Some(W::To | W::YearPrep | W::De));
        if weak && self.noun_at(i + 1) {
            return None;
        }
        if prev == Some(W::De) && !(1900..=2100).contains(&y) {
            return None;
        }
        Some((i + 1, Point::new(Atom::Year(y))))
    }

    /// "les années 1990", "années 90", "the 1990s".
    fn decade_at(&self, i: usize) -> M<Point> {
        let mut j = i;
        if matches!(self.w(j), Some(W::Le | W::Les)) {
            j += 1;
        }
        let y = match self.at(j) {
            Lex::Decade(y) => y,
            Lex::W(W::Annees) => match self.at(j + 1) {
                Lex::Num { v, len: 4 } if v % 10 == 0 && plausible_year(v) => {
                    j += 1;
                    v as i32
                }
                Lex::Num { v, len: 2 } if v % 10 == 0 => {
                    j += 1;
                    1900 + v as i32
                }
                _ => return None,
            },
            _ => return None,
        };
        Some((j + 1, Point::new(Atom::Decade(y))))
    }

    // ----- days -----------------------------------------------------------

    /// After a day: a part of the day ("soir", "morning") or "en fin de
    /// journée", which do not change the date but belong to the expression.
    fn day_part(&self, j: usize) -> usize {
        if matches!(self.w(j), Some(W::Matin | W::ApresMidi | W::Soir | W::Nuit)) {
            return j + 1;
        }
        // "en fin de journée", "en début de soirée", "en fin d'après-midi"
        if self.is(j, W::En) && matches!(self.at(j + 1), Lex::Part(_)) && self.is(j + 2, W::De) {
            let k = j + 3;
            let day = matches!(self.at(k), Lex::Unit(Unit::Day, false))
                || matches!(self.w(k), Some(W::Matin | W::ApresMidi | W::Soir | W::Nuit));
            if day {
                return k + 1;
            }
        }
        j
    }

    /// "lundi", "lundi soir", "lundi dernier", "last Monday", "ce lundi",
    /// "this coming Sunday", "late Sunday".
    fn weekday_at(&self, i: usize) -> M<Point> {
        let mut j = i;
        let mut rel = Rel::Auto;
        match self.w(j) {
            Some(W::Ce) => {
                j += 1;
                match self.w(j) {
                    Some(W::Past) => {
                        rel = Rel::Last;
                        j += 1;
                    }
                    Some(W::Prochain) => {
                        rel = Rel::Next;
                        j += 1;
                    }
                    _ => {}
                }
            }
            Some(W::Dernier) => {
                rel = Rel::Last;
                j += 1;
            }
            Some(W::Prochain) => {
                rel = Rel::Next;
                j += 1;
            }
            _ => {}
        }
        // "late Sunday", "early on Monday"
        if j == i && matches!(self.at(j), Lex::Part(Part::Early | Part::Late)) {
            j += 1;
            if self.is(j, W::On) {
                j += 1;
            }
        }
        let Lex::Weekday(wd) = self.at(j) else {
            return None;
        };
        // "le lundi" without a date is a habit ("le marché se tient le lundi").
        if j == i && self.prev(i) == Lex::W(W::Le) {
            return None;
        }
        j += 1;
        if rel == Rel::Auto {
            match self.w(j) {
                Some(W::Dernier | W::Passe) => {
                    rel = Rel::Last;
                    j += 1;
                }
                Some(W::Prochain) => {
                    rel = Rel::Next;
                    j += 1;
                }
                _ => {}
            }
        }
        let j = self.day_part(j);
        Some((j, Point::new(Atom::Weekday(wd)).rel(rel)))
    }

    /// "hier", "hier soir", "aujourd'hui", "demain matin", "yesterday",
    /// "earlier today", "ce matin", "this evening", "cette nuit",
    /// "overnight", "last night", "la nuit dernière", "tonight".
    fn relday_at(&self, i: usize) -> M<Point> {
        let offset = |w: Option<W>| match w? {
            W::Hier => Some(-1),
            W::AvantHier => Some(-2),
            W::Aujourdhui | W::Tonight => Some(0),
            W::Demain => Some(1),
            W::ApresDemain => Some(2),
            _ => None,
        };
        let mut j = i;
        if matches!(self.at(j), Lex::Part(_)) && offset(self.w(j + 1)).is_some() {
            j += 1;
        }
        if let Some(off) = offset(self.w(j)) {
            let e = self.day_part(j + 1);
            return Some((e, Point::new(Atom::Day(off))));
        }
        if j != i {
            return None;
        }
        let atom = match self.w(i)? {
            W::Overnight => return Some((i + 1, Point::new(Atom::Overnight))),
            // "the day before yesterday", "the day after tomorrow"
            W::Le if matches!(self.at(i + 1), Lex::Unit(Unit::Day, false)) && self.is(i + 2, W::YearPrep) => {
                let off = match self.w(i + 3)? {
                    W::Hier => -2,
                    W::Demain => 2,
                    _ => return None,
                };
                return Some((i + 4, Point::new(Atom::Day(off))));
            }
            W::Ce => match self.w(i + 1)? {
                W::Matin | W::ApresMidi | W::Soir => Atom::Day(0),
                W::Nuit => Atom::ThisNight,
                _ => return None,
            },
            W::Dernier if self.is(i + 1, W::Nuit) => Atom::Day(-1),
            W::Le if self.is(i + 1, W::Nuit) && self.is(i + 2, W::Dernier) => {
                return Some((i + 3, Point::new(Atom::Day(-1))))
            }
            _ => return None,
        };
        Some((i + 2, Point::new(atom)))
    }

    /// "la semaine dernière", "le mois prochain", "l'an dernier", "cette
    /// année", "ce mois-ci", "last week", "next year", "this month", "ce
    /// week-end", "over the weekend".
    fn unit_rel_at(&self, i: usize) -> M<Point> {
        let calendar = |u: Unit| matches!(u, Unit::Week | Unit::Weekend | Unit::Month | Unit::Year);
        let mut j = i;
        let det = self.is(j, W::Le);
        if det {
            j += 1;
        }
        let mut offset = match self.w(j) {
            Some(W::Ce) if !det => Some(0),
            Some(W::Dernier) if !det => Some(-1),
            Some(W::Prochain) if !det => Some(1),
            _ => None,
        };
        let pre = offset.is_some();
        if pre {
            j += 1;
        }
        let unit = match self.at(j) {
            Lex::UnitCi(u) if offset.is_none() || offset == Some(0) => {
                offset = Some(0);
                u
            }
            Lex::Unit(u, false) if calendar(u) => u,
            _ => return None,
        };
        j += 1;
        if !pre {
            match self.w(j) {
                Some(W::Dernier | W::Passe) => {
                    offset = Some(-1);
                    j += 1;
                }
                Some(W::Prochain) => {
                    offset = Some(1);
                    j += 1;
                }
                _ => {}
            }
        }
        // "over the weekend", "during the weekend"
        if offset.is_none() && det && unit == Unit::Weekend && self.prev(i) == Lex::W(W::Over) {
            offset = Some(0);
        }
        Some((
            j,
            Point::new(Atom::Unit {
                unit,
                offset: offset?,
            }),
        ))
    }

    /// "fin mars", "début 2024", "mi-avril", "en fin de semaine", "la fin de
    /// l'année dernière", "early this year", "late last month", "earlier
    /// this month", "the end of March", "since the start of the year".
    fn part_at(&self, i: usize) -> M<Point> {
        let mut j = i;
        let det = self.is(j, W::Le);
        if det {
            j += 1;
        }
        let Lex::Part(part) = self.at(j) else {
            return None;
        };
        j += 1;
        let mut linked = false;
        match self.w(j) {
            Some(W::De) => {
                j += 1;
                linked = true;
                if self.is(j, W::Le) {
                    j += 1;
                }
            }
            Some(W::Du) => {
                j += 1;
                linked = true;
            }
            _ => {}
        }
        let with = |(e, atom): (usize, Atom)| Some((e, Point::part(atom, part)));
        if let Some((e, m, _)) = self.month_word(j, true) {
            let (e, y) = self.opt_year(e);
            return with((e, Atom::Month { y, m }));
        }
        if let Some(y) = self.year_num(j) {
            return with((j + 1, Atom::Year(y)));
        }
        if let Some((e, p)) = self.decade_at(j).or_else(|| self.unit_rel_at(j)) {
            if p.part.is_none() {
                return with((e, p.atom));
            }
        }
        // The current unit: "fin de semaine", "la fin de l'année", "the end
        // of the month". Not the day: "en fin de journée" goes with a day.
        if linked || det {
            if let Lex::Unit(unit @ (Unit::Week | Unit::Month | Unit::Year), false) = self.at(j) {
                return with((j + 1, Atom::Unit { unit, offset: 0 }));
            }
        }
        None
    }

    // ----- composite expressions -------------------------------------------

    /// An end of a range: a point (years allowed), or a bare day number
    /// that takes its month from the other end ("du 2 au 5 avril").
    fn endpoint(&self, i: usize) -> M<Point> {
        let j = if self.is(i, W::Le) && !matches!(self.at(i + 1), Lex::Unit(..)) {
            i + 1
        } else {
            i
        };
        let p = self.point_at(j, true).or_else(|| self.point_at(i, true));
        p.or_else(|| {
            self.day_num(j)
                .map(|d| (j + 1, Point::new(Atom::Date { y: None, m: None, d })))
        })
    }

    /// "entre 1975 et 1990", "de 1991 à 1994", "du 2 au 5 avril", "from
    /// Friday to Sunday", "between March and May", "les 5 et 6 avril",
    /// "1975-1990", "5-6 avril", "April 2-5".
    fn range_at(&self, i: usize) -> M<Expr> {
        if let Some(r) = self.dash_range(i) {
            return Some(r);
        }
        let (j, closers): (usize, &[W]) = match self.w(i) {
            Some(W::Entre) => (i + 1, &[W::Et]),
            Some(W::De | W::Du | W::From) => (i + 1, &[W::A, W::Au, W::To]),
            Some(W::Les) => (i + 1, &[W::Et]),
            Some(W::Le) if self.day_num(i + 1).is_some() => (i + 1, &[W::Et]),
            _ if self.day_num(i).is_some() => (i, &[W::Et]),
            _ => return None,
        };
        let (k, a) = self.endpoint(j)?;
        let dash = matches!(self.w(i), Some(W::De | W::From)) && self.punct(k, b'-');
        if !dash && !self.w(k).is_some_and(|w| closers.contains(&w)) {
            return None;
        }
        let (e, b) = self.endpoint(k + 1)?;
        // "les 5 et 6 avril": only days of a month.
        let listed = closers == [W::Et] && !self.is(i, W::Entre);
        if listed && !matches!(a.atom, Atom::Date { m: None, .. }) {
            return None;
        }
        let (a, b) = merge(a, b)?;
        if let (Atom::Year(_), Atom::Year(_)) = (a.atom, b.atom) {
            // "de 1500 à 2000 manifestants"
            if self.noun_at(e) {
                return None;
            }
        }
        Some((
            e,
            Expr {
                from: a,
                to: Some(b),
                since: false,
            },
        ))
    }

    /// Ranges written with a hyphen: "1975-1990", "1990-91", "1975 -
    /// 1990", "5-6 avril", "April 2-5, 2016".
    fn dash_range(&self, i: usize) -> M<Expr> {
        let range = |a: Atom, b: Atom| Expr {
            from: Point::new(a),
            to: Some(Point::new(b)),
            since: false,
        };
        let years = |a: u32, b: u32, e: usize| {
            // Two modern years joined by a hyphen are a period whatever
            // follows ("la guerre de 1991-1994 avait fait"); other numbers
            // may be counts ("1500-2000 manifestants").
            let modern = (1900..=2100).contains(&a) && (1900..=2100).contains(&b);
            (plausible_year(a) && plausible_year(b) && a < b && (modern || !self.noun_at(e)))
                .then(|| (e, range(Atom::Year(a as i32), Atom::Year(b as i32))))
        };
        match self.at(i) {
            Lex::NumDash { a, alen: 4, b, blen } => {
                let b = match blen {
                    4 => b,
                    2 => a / 100 * 100 + b,
                    _ => return None,
                };
                years(a, b, i + 1)
            }
            Lex::NumDash {
                a: d1,
                alen: 1..=2,
                b: d2,
                blen: 1..=2,
            } => {
                let (e, m, _) = self.month_word(i + 1, true)?;
                let (e, y) = self.opt_year(e);
                let (a, b) = (valid_date(y, m, d1)?, valid_date(y, m, d2)?);
                (d1 < d2).then_some((e, range(a, b)))
            }
            Lex::Num { v: a, len: 4 } if self.punct(i + 1, b'-') => match self.at(i + 2) {
                Lex::Num { v: b, len: 4 } => years(a, b, i + 3),
                _ => None,
            },
            Lex::Month { .. } => {
                let (e, m, _) = self.month_word(i, true)?;
                let Lex::NumDash {
                    a: d1,
                    alen: 1..=2,
                    b: d2,
                    blen: 1..=2,
                } = self.at(e)
                else {
                    return None;
                };
                let mut e = e + 1;
                let comma = usize::from(self.punct(e, b','));
                let y = self.year_num(e + comma);
                if y.is_some() {
                    e += comma + 1;
                }
                let (a, b) = (valid_date(y, m, d1)?, valid_date(y, m, d2)?);
                (d1 < d2).then_some((e, range(a, b)))
            }
            _ => None,
        }
    }

    /// "depuis vendredi", "since 2014", "depuis le début du mois", "depuis
    /// trois jours", "depuis la nuit de samedi à dimanche".
    fn since_at(&self, i: usize) -> M<Expr> {
        if !self.is(i, W::Depuis) {
            return None;
        }
        let j = i + 1;
        if let Some((k, n)) = self.count_at(j) {
            if let Some((unit, _)) = self.at(k).unit() {
                let p = Point::new(Atom::Recent { n, unit });
                return Some((
                    k + 1,
                    Expr {
                        from: p,
                        to: None,
                        since: true,
                    },
                ));
            }
        }
        let inner = longer(
            self.night_at(j).or_else(|| self.range_at(j)),
            self.point_at(j, true).map(|(e, p)| (e, one(p))),
        );
        inner.map(|(e, x)| (e, Expr { since: true, ..x }))
    }

    /// "dans la nuit de vendredi à samedi", "la nuit du 4 au 5 avril",
    /// "dans la nuit de dimanche", "the night of March 5".
    fn night_at(&self, i: usize) -> M<Expr> {
        let mut j = i;
        if self.is(j, W::Dans) {
            j += 1;
        }
        if !self.is(j, W::Le) || !self.is(j + 1, W::Nuit) || !matches!(self.w(j + 2), Some(W::De | W::Du)) {
            return None;
        }
        let (k, a) = self.endpoint(j + 3)?;
        if matches!(self.w(k), Some(W::A | W::Au | W::To | W::Et)) {
            if let Some((e, b)) = self.endpoint(k + 1) {
                let (a, b) = merge(a, b)?;
                return Some((
                    e,
                    Expr {
                        from: a,
                        to: Some(b),
                        since: false,
                    },
                ));
            }
        }
        match a.atom {
            Atom::Weekday(_) | Atom::Date { m: Some(_), .. } => Some((k, one(a))),
            _ => None,
        }
    }

    /// A count before a unit: "trois", "3", "un", "a", "quelques", "a few",
    /// "une dizaine de", "près de deux", "more than two".
    fn count_at(&self, i: usize) -> M<Count> {
        let mut k = i;
        if self.is(k, W::About) {
            k += 1;
            if matches!(self.w(k), Some(W::De | W::Than)) {
                k += 1;
            }
        }
        let approx = |k: usize, n: u32| {
            let k = if self.is(k, W::De) { k + 1 } else { k };
            Some((k, Count::N(n)))
        };
        match self.at(k) {
            Lex::Count(n) => Some((k + 1, Count::N(n))),
            Lex::Num { v, len: 1..=4 } => Some((k + 1, Count::N(v))),
            Lex::Sept => Some((k + 1, Count::N(7))),
            Lex::Few => Some((k + 1, Count::Few)),
            Lex::Approx(n) => approx(k + 1, n),
            Lex::W(W::Un) => match self.at(k + 1) {
                Lex::Few => Some((k + 2, Count::Few)),
                Lex::Approx(n) => approx(k + 2, n),
                _ => Some((k + 1, Count::N(1))),
            },
            _ => None,
        }
    }

    /// "il y a trois jours", "two weeks ago", "a few days ago", "dans deux
    /// semaines", "in three days".
    fn duration_at(&self, i: usize) -> M<Expr> {
        let unit_after = |k: usize| self.at(k).unit().map(|(u, _)| u);
        let atom = |e: usize, a: Atom| Some((e, one(Point::new(a))));
        if self.is(i, W::Il) && self.is(i + 1, W::Y) && self.is(i + 2, W::A) {
            let (k, n) = self.count_at(i + 3)?;
            return atom(
                k + 1,
                Atom::Ago {
                    n,
                    unit: unit_after(k)?,
                },
            );
        }
        if let Some(w @ (W::Dans | W::In)) = self.w(i) {
            let (k, n) = self.count_at(i + 1)?;
            let unit = unit_after(k)?;
            let weak = w == W::In;
            return atom(k + 1, Atom::Ahead { n, unit, weak });
        }
        let (k, n) = self.count_at(i)?;
        let unit = unit_after(k)?;
        if !self.is(k + 1, W::Ago) {
            return None;
        }
        atom(k + 2, Atom::Ago { n, unit })
    }

    /// Spans up to or from publication: "ces derniers jours", "ces trois
    /// dernières semaines", "the past week", "the last few days", "recent
    /// days", "les prochains jours", "the coming weeks", "les semaines à
    /// venir".
    fn span_at(&self, i: usize) -> M<Expr> {
        let make = |e: usize, recent: bool, n: Count, unit: Unit| {
            let atom = if recent {
                Atom::Recent { n, unit }
            } else {
                Atom::Coming { n, unit }
            };
            Some((e, one(Point::new(atom))))
        };
        // "recent days"
        if self.is(i, W::Recent) {
            let (unit, true) = self.at(i + 1).unit()? else {
                return None;
            };
            return make(i + 2, true, Count::Few, unit);
        }
        let mut j = i;
        let det = self.w(j).filter(|w| matches!(w, W::Le | W::Les | W::Ce | W::Ces));
        if det.is_some() {
            j += 1;
        }
        // "les semaines à venir"
        if let Some((unit, plural)) = self.at(j).unit() {
            if det.is_some() && self.is(j + 1, W::A) && self.is(j + 2, W::Venir) {
                let n = if plural || det == Some(W::Les) {
                    Count::Few
                } else {
                    Count::N(1)
                };
                return make(j + 3, false, n, unit);
            }
            return None;
        }
        let mut n = None;
        if let Some((k, c)) = self.count_at(j) {
            n = Some(c);
            j = k;
        }
        let recent = match self.w(j) {
            Some(W::Dernier | W::Past) => true,
            Some(W::Prochain) => false,
            _ => return None,
        };
        j += 1;
        if n.is_none() {
            if let Some((k, c)) = self.count_at(j) {
                n = Some(c);
                j = k;
            }
        }
        // "last week", "next month" without article or count are calendar
        // units (see unit_rel_at).
        if det.is_none() && n.is_none() {
            return None;
        }
        let (unit, plural) = self.at(j).unit()?;
        let n = match n {
            Some(n) => n,
            None if plural || matches!(det, Some(W::Les | W::Ces)) => Count::Few,
            // "the next day", "le dernier jour" tell of the story's days,
            // not of the publication's.
            None if matches!(unit, Unit::Day | Unit::Hour) => return None,
            None => Count::N(1),
        };
        make(j + 1, recent, n, unit)
    }
}

/// Completes the two ends of a range from each other: "du 2 au 5 avril"
/// gives the first day its month, "du 28 décembre au 3 janvier 2016" gives
/// the first day the year before. `None` when the ends do not make a range.
fn merge(a: Point, b: Point) -> Option<(Point, Point)> {
    let (mut a, mut b) = (a, b);
    match (a.atom, b.atom) {
        (Atom::Date { y: ya, m: ma, d: da }, Atom::Date { y: yb, m: mb, d: db }) => {
            let mb = mb.or(ma)?;
            let ma = ma.unwrap_or(mb);
            // The first day comes later in the year: it is in the year
            // before the second.
            let wraps = (ma, da) > (mb, db);
            let (ya, yb) = match (ya, yb) {
                (None, Some(y)) => (Some(if wraps { y - 1 } else { y }), Some(y)),
                (Some(y), None) => (Some(y), Some(if wraps { y + 1 } else { y })),
                other => other,
            };
            if let (Some(x), Some(y)) = (ya, yb) {
                if (x, ma, da) > (y, mb, db) {
                    return None;
                }
            }
            a.atom = valid_date(ya, ma, da)?;
            b.atom = valid_date(yb, mb, db)?;
        }
        (Atom::Date { m: None, .. }, _) | (_, Atom::Date { m: None, .. }) => return None,
        (Atom::Month { y: None, m: ma }, Atom::Month { y: Some(yb), m: mb }) => {
            a.atom = Atom::Month {
                y: Some(if ma > mb { yb - 1 } else { yb }),
                m: ma,
            };
        }
        (Atom::Month { y: Some(ya), m: ma }, Atom::Month { y: None, m: mb }) => {
            b.atom = Atom::Month {
                y: Some(if mb < ma { ya + 1 } else { ya }),
                m: mb,
            };
        }
        (Atom::Year(x), Atom::Year(y)) if x >= y => return None,
        _ => {}
    }
    Some((a, b))
}
