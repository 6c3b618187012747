//! Calendar arithmetic: from an expression to an inclusive date range.
//!
//! Anchoring rules (news writing):
//!
//! - A bare weekday is the latest such day on or before publication in the
//!   past tense (a Monday article saying "lundi" means that day), the
//!   earliest on or after it in the future tense (same day included: wires
//!   write "Thursday" for the day of publication too). "lundi
//!   dernier"/"last Monday" is strictly before publication, "lundi
//!   prochain"/"next Monday" strictly after; likewise "le 14 juillet
//!   dernier", and "mars dernier"/"last March" is before the publication's
//!   month.
//! - A date or month without a year is the latest one on or before
//!   publication in the past tense ("le 28 décembre" in an article of 3
//!   January is last year's), the earliest on or after it in the future.
//! - A range resolves its later end first in the past tense and its
//!   earlier end first in the future, and the other end next to it: "la
//!   nuit de vendredi à samedi" is the last Saturday and the day before.
//! - "depuis X"/"since X" runs from the start of X to publication.
//! - Parts: early/mid/late are thirds of a month (1–10, 11–20, 21–end), of a
//!   year (January–April, May–August, September–December), of a decade, and
//!   of a week (Monday–Tuesday, Wednesday–Thursday, Friday–Sunday).
//! - Nights: "overnight" and "cette nuit" (past) are the night before
//!   publication, the range publication-1..publication; "last night", "la
//!   nuit dernière", "hier soir" are the day before publication.
//!
//! Without a publication date, whatever needs it stays unresolved (no
//! dates, precision kept) and absolute dates still resolve. All arithmetic
//! is checked: absurd counts ("il y a 999999999 ans") give no date, never a
//! panic.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use vigie_model::Precision;

use crate::grammar::{Atom, Count, Expr, Point, Rel};
use crate::lexicon::{Part, Unit};
use crate::Tense;

/// A resolved expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub precision: Precision,
    /// Whether the dates depend on the publication date.
    pub relative: bool,
}

/// Where to look for a day named without its week or year: on or before,
/// or on or after, a reference day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Before(NaiveDate),
    After(NaiveDate),
}

/// Resolves an expression against the publication date, in the tense of
/// its clause.
pub(crate) fn resolve(expr: &Expr, published: Option<NaiveDate>, tense: Tense) -> Resolved {
    let precision = match expr.to {
        Some(to) => coarser(precision(&expr.from), precision(&to)),
        None => precision(&expr.from),
    };
    let relative = expr.since || is_relative(&expr.from) || expr.to.as_ref().is_some_and(is_relative);
    let past = expr.since || tense == Tense::Past;
    let dir = published.map(|p| if past { Dir::Before(p) } else { Dir::After(p) });
    let span = match expr.to {
        None => point_span(&expr.from, published, dir),
        Some(to) if past => point_span(&to, published, dir).and_then(|(s2, e2)| {
            let (s1, _) = point_span(&expr.from, published, Some(Dir::Before(s2)))?;
            Some((s1, e2))
        }),
        Some(to) => point_span(&expr.from, published, dir).and_then(|(s1, e1)| {
            let (_, e2) = point_span(&to, published, Some(Dir::After(e1)))?;
            Some((s1, e2))
        }),
    };
    let (start, end) = match (span, expr.since) {
        (Some((s, _)), true) => (Some(s), published),
        (Some((s, e)), false) => (Some(s), Some(e)),
        (None, _) => (None, None),
    };
    Resolved {
        start,
        end,
        precision,
        relative,
    }
}

/// Whether a point needs the publication date.
fn is_relative(p: &Point) -> bool {
    let atom = match p.atom {
        Atom::Date { y, .. } | Atom::Month { y, .. } => y.is_none(),
        Atom::Year(_) | Atom::Decade(_) => false,
        _ => true,
    };
    atom || matches!(p.part, Some(Part::Earlier | Part::Later))
}

fn rank(p: Precision) -> u8 {
    match p {
        Precision::Day => 0,
        Precision::Week => 1,
        Precision::Month => 2,
        Precision::Year => 3,
        Precision::Unknown => 4,
    }
}

fn coarser(a: Precision, b: Precision) -> Precision {
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

fn unit_precision(u: Unit) -> Precision {
    match u {
        Unit::Hour | Unit::Day => Precision::Day,
        Unit::Week | Unit::Weekend => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Year => Precision::Year,
    }
}

/// The precision of a count of units: the unit's, one step coarser for
/// "a few" ("il y a quelques jours" is known to the week).
fn count_precision(n: Count, u: Unit) -> Precision {
    let p = unit_precision(u);
    match n {
        Count::N(_) => p,
        Count::Few => match p {
            Precision::Day => Precision::Week,
            Precision::Week => Precision::Month,
            _ => Precision::Year,
        },
    }
}

/// The precision of a point. A part keeps its whole's precision: "fin
/// mars" is known to the month, "début 2024" to the year.
fn precision(p: &Point) -> Precision {
    match p.atom {
        Atom::Date { .. } | Atom::Day(_) | Atom::Weekday(_) | Atom::Overnight | Atom::ThisNight => {
            Precision::Day
        }
        Atom::Month { .. } => Precision::Month,
        Atom::Year(_) | Atom::Decade(_) => Precision::Year,
        Atom::Unit { unit, .. } => unit_precision(unit),
        Atom::Ago { n, unit }
        | Atom::Ahead { n, unit, .. }
        | Atom::Recent { n, unit }
        | Atom::Coming { n, unit } => count_precision(n, unit),
    }
}

// ----- calendar helpers ----------------------------------------------------

fn ymd(y: i64, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

fn day(d: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    Some((d, d))
}

fn month_span(y: i64, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = ymd(y, m, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}

fn year_span(y: i64) -> Option<(NaiveDate, NaiveDate)> {
    Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
}

/// Monday to Sunday of the week holding `d`.
fn week_span(d: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let monday = add_days(d, -i64::from(d.weekday().num_days_from_monday()))?;
    Some((monday, add_days(monday, 6)?))
}

/// The latest `wd` on or before `r` (strictly before when `strict`).
fn weekday_before(wd: Weekday, r: NaiveDate, strict: bool) -> Option<NaiveDate> {
    let mut back = (7 + r.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    if strict && back == 0 {
        back = 7;
    }
    add_days(r, -i64::from(back))
}

/// The earliest `wd` on or after `r` (strictly after when `strict`).
fn weekday_after(wd: Weekday, r: NaiveDate, strict: bool) -> Option<NaiveDate> {
    let mut ahead = (7 + wd.num_days_from_monday() - r.weekday().num_days_from_monday()) % 7;
    if strict && ahead == 0 {
        ahead = 7;
    }
    add_days(r, i64::from(ahead))
}

/// Month `m`, day `d` of the year the direction picks. Looks a few years
/// away for 29 February.
fn yearless_date(m: u32, d: u32, dir: Dir) -> Option<NaiveDate> {
    match dir {
        Dir::Before(r) => (0..8)
            .filter_map(|k| ymd(i64::from(r.year()) - k, m, d))
            .find(|x| *x <= r),
        Dir::After(r) => (0..8)
            .filter_map(|k| ymd(i64::from(r.year()) + k, m, d))
            .find(|x| *x >= r),
    }
}

fn yearless_month(m: u32, dir: Dir) -> Option<(NaiveDate, NaiveDate)> {
    let (y, back) = match dir {
        Dir::Before(r) => (i64::from(r.year()), m > r.month()),
        Dir::After(r) => (i64::from(r.year()), false),
    };
    let y = match dir {
        Dir::Before(_) if back => y - 1,
        Dir::After(r) if m < r.month() => y + 1,
        _ => y,
    };
    month_span(y, m)
}

/// The first of the month `n` months from `p`'s.
fn month_from(p: NaiveDate, n: i64) -> Option<(NaiveDate, NaiveDate)> {
    let first = add_months(p.with_day(1)?, n)?;
    month_span(i64::from(first.year()), first.month())
}

/// The span of `n` units back (negative `n`) or ahead of `p`, as the
/// calendar unit holding that day: three days ago is a day, two weeks ago
/// the week holding the day 14 days before, two months ago that month.
fn unit_at(p: NaiveDate, unit: Unit, n: i64) -> Option<(NaiveDate, NaiveDate)> {
    match unit {
        Unit::Hour => day(add_days(p, n / 24)?),
        Unit::Day => day(add_days(p, n)?),
        Unit::Week | Unit::Weekend => week_span(add_days(p, n.checked_mul(7)?)?),
        Unit::Month => month_from(p, n),
        Unit::Year => year_span(i64::from(p.year()).checked_add(n)?),
    }
}

/// The span "a few" units back (`sign` -1) or ahead (+1): from two to six
/// units (a week for days).
fn few_at(p: NaiveDate, unit: Unit, sign: i64) -> Option<(NaiveDate, NaiveDate)> {
    let (near, far) = match unit {
        Unit::Hour => return day(p),
        Unit::Day => (add_days(p, 2 * sign)?, add_days(p, 7 * sign)?),
        Unit::Week | Unit::Weekend => (add_days(p, 14 * sign)?, add_days(p, 42 * sign)?),
        Unit::Month => {
            let near = month_from(p, 2 * sign)?;
            let far = month_from(p, 6 * sign)?;
            return Some(if sign < 0 {
                (far.0, near.1)
            } else {
                (near.0, far.1)
            });
        }
        Unit::Year => {
            let y = i64::from(p.year());
            let near = year_span(y + 2 * sign)?;
            let far = year_span(y + 5 * sign)?;
            return Some(if sign < 0 {
                (far.0, near.1)
            } else {
                (near.0, far.1)
            });
        }
    };
    Some(if sign < 0 { (far, near) } else { (near, far) })
}

/// The stretch of `n` units ending (`sign` -1) or starting (+1) at `p`.
fn stretch(p: NaiveDate, n: Count, unit: Unit, sign: i64) -> Option<(NaiveDate, NaiveDate)> {
    let other = match (n, unit) {
        (Count::N(n), Unit::Hour) => add_days(p, sign * ((i64::from(n) + 23) / 24))?,
        (Count::N(n), Unit::Day) => add_days(p, sign * i64::from(n))?,
        (Count::N(n), Unit::Week | Unit::Weekend) => add_days(p, sign * 7 * i64::from(n))?,
        (Count::N(n), Unit::Month) => add_months(p, sign * i64::from(n))?,
        (Count::N(n), Unit::Year) => add_months(p, sign * 12 * i64::from(n))?,
        (Count::Few, Unit::Hour) => add_days(p, sign)?,
        (Count::Few, Unit::Day) => add_days(p, 7 * sign)?,
        (Count::Few, Unit::Week | Unit::Weekend) => add_days(p, 42 * sign)?,
        (Count::Few, Unit::Month) => add_months(p, 6 * sign)?,
        (Count::Few, Unit::Year) => add_months(p, 60 * sign)?,
    };
    Some(if sign < 0 { (other, p) } else { (p, other) })
}

/// The weekend named by "ce week-end" (offset 0), "le week-end dernier"
/// (-1), "next weekend" (+1).
fn weekend(p: NaiveDate, offset: i32, dir: Option<Dir>) -> Option<(NaiveDate, NaiveDate)> {
    let saturday = match offset {
        0 => match dir {
            Some(Dir::After(_)) => add_days(weekday_after(Weekday::Sun, p, false)?, -1)?,
            _ => weekday_before(Weekday::Sat, p, false)?,
        },
        o if o < 0 => {
            let sunday = weekday_before(Weekday::Sun, p, true)?;
            add_days(sunday, -1 + 7 * (i64::from(o) + 1))?
        }
        o => add_days(weekday_after(Weekday::Sat, p, true)?, 7 * (i64::from(o) - 1))?,
    };
    Some((saturday, add_days(saturday, 1)?))
}

/// The dates of an atom. `dir` anchors days named without week or year;
/// the publication date anchors everything else relative.
fn atom_span(atom: Atom, published: Option<NaiveDate>, dir: Option<Dir>) -> Option<(NaiveDate, NaiveDate)> {
    match atom {
        Atom::Date {
            y: Some(y),
            m: Some(m),
            d,
        } => day(ymd(i64::from(y), m, d)?),
        Atom::Date {
            y: None,
            m: Some(m),
            d,
        } => day(yearless_date(m, d, dir?)?),
        Atom::Date { m: None, .. } => None,
        Atom::Month { y: Some(y), m } => month_span(i64::from(y), m),
        Atom::Month { y: None, m } => yearless_month(m, dir?),
        Atom::Year(y) => year_span(i64::from(y)),
        Atom::Decade(y) => Some((ymd(i64::from(y), 1, 1)?, ymd(i64::from(y) + 9, 12, 31)?)),
        Atom::Day(off) => day(add_days(published?, i64::from(off))?),
        Atom::Weekday(wd) => day(match dir? {
            Dir::Before(r) => weekday_before(wd, r, false)?,
            Dir::After(r) => weekday_after(wd, r, false)?,
        }),
        Atom::Unit { unit, offset } => {
            let p = published?;
            let offset = i64::from(offset);
            match unit {
                Unit::Weekend => weekend(p, offset as i32, dir),
                _ => unit_at(p, unit, offset),
            }
        }
        Atom::Ago { n: Count::N(n), unit } => unit_at(published?, unit, -i64::from(n)),
        Atom::Ago { n: Count::Few, unit } => few_at(published?, unit, -1),
        Atom::Ahead {
            n: Count::N(n), unit, ..
        } => unit_at(published?, unit, i64::from(n)),
        Atom::Ahead {
            n: Count::Few, unit, ..
        } => few_at(published?, unit, 1),
        Atom::Recent { n, unit } => stretch(published?, n, unit, -1),
        Atom::Coming { n, unit } => stretch(published?, n, unit, 1),
        Atom::Overnight => Some((add_days(published?, -1)?, published?)),
        Atom::ThisNight => {
            let p = published?;
            match dir? {
                Dir::Before(_) => Some((add_days(p, -1)?, p)),
                Dir::After(_) => Some((p, add_days(p, 1)?)),
            }
        }
    }
}

/// What a part is a part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grain {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

fn grain(atom: Atom) -> Grain {
    match atom {
        Atom::Month { .. } => Grain::Month,
        Atom::Year(_) => Grain::Year,
        Atom::Decade(_) => Grain::Decade,
        Atom::Unit { unit, .. } => match unit {
            Unit::Week => Grain::Week,
            Unit::Month => Grain::Month,
            Unit::Year => Grain::Year,
            Unit::Hour | Unit::Day | Unit::Weekend => Grain::Day,
        },
        _ => Grain::Day,
    }
}

/// Narrows `s..e` to a part of it.
fn part_span(
    part: Part,
    grain: Grain,
    (s, e): (NaiveDate, NaiveDate),
    published: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate)> {
    let third = |k: usize| -> Option<(NaiveDate, NaiveDate)> {
        match grain {
            Grain::Day => Some((s, e)),
            Grain::Week => {
                let (a, b) = [(0, 1), (2, 3), (4, 6)][k];
                Some((add_days(s, a)?, add_days(s, b)?))
            }
            Grain::Month => {
                let (a, b) = [(1, 10), (11, 20), (21, e.day())][k];
                Some((s.with_day(a)?, s.with_day(b)?))
            }
            Grain::Year => {
                let y = i64::from(s.year());
                let (a, b) = [(1, 4), (5, 8), (9, 12)][k];
                Some((month_span(y, a)?.0, month_span(y, b)?.1))
            }
            Grain::Decade => {
                let y = i64::from(s.year());
                let (a, b) = [(0, 3), (4, 6), (7, 9)][k];
                Some((ymd(y + a, 1, 1)?, ymd(y + b, 12, 31)?))
            }
        }
    };
    match part {
        Part::Early => third(0),
        Part::Mid => third(1),
        Part::Late => third(2),
        Part::Earlier => {
            let p = published?;
            Some(if p < s { (s, e) } else { (s, e.min(p)) })
        }
        Part::Later => {
            let p = published?;
            Some(if p > e { (s, e) } else { (s.max(p), e) })
        }
    }
}

fn point_span(p: &Point, published: Option<NaiveDate>, dir: Option<Dir>) -> Option<(NaiveDate, NaiveDate)> {
    // "dernier"/"prochain" move the reference off the publication day (off
    // its month, for a month): "lundi dernier" is the latest Monday on or
    // before the day before publication.
    let dir = match (p.rel, p.atom) {
        (Rel::Auto, _) => dir,
        (rel, Atom::Month { .. }) => {
            let first = published?.with_day(1)?;
            Some(match rel {
                Rel::Last => Dir::Before(first.pred_opt()?),
                _ => Dir::After(first.checked_add_months(Months::new(1))?),
            })
        }
        (Rel::Last, _) => Some(Dir::Before(published?.pred_opt()?)),
        (Rel::Next, _) => Some(Dir::After(published?.succ_opt()?)),
    };
    let span = atom_span(p.atom, published, dir)?;
    match p.part {
        None => Some(span),
        Some(part) => part_span(part, grain(p.atom), span, published),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weekdays() {
        // 2024-04-01 is a Monday.
        let mon = d("2024-04-01");
        assert_eq!(weekday_before(Weekday::Mon, mon, false), Some(mon));
        assert_eq!(weekday_before(Weekday::Mon, mon, true), Some(d("2024-03-25")));
        assert_eq!(weekday_after(Weekday::Mon, mon, true), Some(d("2024-04-08")));
        assert_eq!(weekday_before(Weekday::Fri, mon, false), Some(d("2024-03-29")));
        assert_eq!(weekday_after(Weekday::Thu, mon, false), Some(d("2024-04-04")));
    }

    #[test]
    fn calendar() {
        assert_eq!(month_span(2024, 2), Some((d("2024-02-01"), d("2024-02-29"))));
        assert_eq!(
            week_span(d("2024-04-03")),
            Some((d("2024-04-01"), d("2024-04-07")))
        );
        assert_eq!(
            yearless_date(2, 29, Dir::Before(d("2025-03-01"))),
            Some(d("2024-02-29"))
        );
        assert_eq!(
            yearless_date(12, 31, Dir::Before(d("2024-01-02"))),
            Some(d("2023-12-31"))
        );
        assert_eq!(
            yearless_month(4, Dir::After(d("2024-05-10"))).unwrap().0,
            d("2025-04-01")
        );
        assert_eq!(
            weekend(d("2024-04-01"), -1, None),
            Some((d("2024-03-30"), d("2024-03-31")))
        );
        assert_eq!(unit_at(d("2024-01-01"), Unit::Year, -999_999_999), None);
        assert_eq!(stretch(d("2024-01-01"), Count::N(u32::MAX), Unit::Year, -1), None);
    }
}
