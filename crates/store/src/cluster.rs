//! When two reports are the same act, and how events are grouped into
//! incidents so that the grouping does not depend on ingest order.
//!
//! [`compatible`] is the pairwise test: same PLOVER type, same ACLED event type
//! when both have one (a report without ACLED type, or with another sub-type,
//! refines or generalises the other), dates overlapping within a day, places
//! within a distance that depends on the coarser place's precision, and
//! compatible actors (same countries, or same sectors when a country is
//! unknown, or one side unknown; the two sides may be swapped).
//!
//! The partition is defined by a greedy pass in *canonical order* (date, date
//! end, place precision, event id, article hash; none depends on when or in which
//! order articles were ingested): each event joins the incident all of whose
//! members are compatible with it (the largest such incident, then the one with
//! the earliest anchor), else opens a new incident, whose anchor it is. The
//! pass is what `reindex` runs ([`Clusterer`]). Ingest adds events one by one
//! and re-runs the pass from the new event's place in the order, only as far
//! as it can change anything (see `Store::place`), which gives the same
//! incidents as the full pass.

use std::cmp::Ordering;

use vigie_model::{Event, Feature, Precision};

/// Date ranges longer than this many days (a year, an unknown date) never
/// merge: "in 2024" cannot tell two reports apart.
pub const MAX_SPAN_DAYS: i32 = 31;

/// Ranges longer than this (in days, end - start) are "wide": indexed apart so
/// that the common one- or two-day events are looked up in a narrow window.
pub const NARROW_SPAN_DAYS: i32 = 1;

/// Distance thresholds (km) by the coarser place of the pair.
const CITY_KM: f64 = 25.0;
/// The largest distance at which two places finer than a first-level region
/// can match: the store's candidate look-up narrows to a box of this size.
pub const ADMIN2_KM: f64 = 60.0;
const REGION_KM: f64 = 300.0;

/// How an event takes part in incidents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clustering {
    /// Negated, hypothetical or historical: told, not happened (now).
    None = 0,
    /// Happened but undated or dated too vaguely to merge: its own incident.
    Alone = 1,
    /// Takes part in merging.
    Merge = 2,
}

impl Clustering {
    /// How `event` takes part.
    pub fn of(event: &Event) -> Clustering {
        let m = &event.modality;
        if m.negated || m.hypothetical || m.historical {
            return Clustering::None;
        }
        match day_range(event) {
            Some((s, e)) if e - s <= MAX_SPAN_DAYS => Clustering::Merge,
            _ => Clustering::Alone,
        }
    }

    /// The value stored in `events.clustered`.
    pub fn code(self) -> i64 {
        self as i64
    }
}

/// The event's dates as day numbers (days since 0001-01-01), start ≤ end.
pub fn day_range(event: &Event) -> Option<(i32, i32)> {
    use chrono::Datelike;
    let start = event.date.start.or(event.date.end)?;
    let end = event.date.end.unwrap_or(start);
    let (s, e) = (start.num_days_from_ce(), end.num_days_from_ce());
    Some((s.min(e), s.max(e)))
}

/// Rank of a place's precision, 0 the most precise; 7 for no place.
pub fn place_rank(feature: Option<Feature>) -> u8 {
    match feature {
        Some(Feature::Landmark) => 0,
        Some(Feature::Locality) => 1,
        Some(Feature::City) => 2,
        Some(Feature::Admin2) => 3,
        Some(Feature::Admin1) => 4,
        Some(Feature::Region) => 5,
        Some(Feature::Country) => 6,
        None => 7,
    }
}

/// Rank of a date's precision, 0 the most precise.
pub fn date_rank(p: Precision) -> u8 {
    match p {
        Precision::Day => 0,
        Precision::Week => 1,
        Precision::Month => 2,
        Precision::Year => 3,
        Precision::Unknown => 4,
    }
}

/// The canonical position of an event: independent of ingest order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    /// First and last day (days since 0001-01-01).
    pub start: i32,
    pub end: i32,
    /// Place precision ([`place_rank`]).
    pub rank: u8,
    /// Event id, article content hash and position: unique, content-derived.
    pub tie: String,
}

/// A place as the comparison needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loc {
    pub lat: f64,
    pub lon: f64,
    pub rank: u8,
    pub country: Option<String>,
    pub admin1: Option<String>,
}

/// An actor as the comparison needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorKey {
    pub country: Option<String>,
    pub sector: Option<String>,
}

/// What clustering knows of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Ev {
    /// Row id of the event.
    pub id: i64,
    pub key: Key,
    pub plover: String,
    pub acled: Option<String>,
    pub loc: Option<Loc>,
    pub source: Vec<ActorKey>,
    pub target: Vec<ActorKey>,
}

/// Encodes an event's actors for the `actor_keys` column:
/// `S,RUS,MIL;T,UKR,` (side, country, sector; empty for unknown). Actors no
/// words name (empty `text`: the "Unidentified Armed Group" the event stage
/// implies for an unattributed attack) are unknown to the merge: one
/// outlet's unnamed attacker is another's named one.
pub fn encode_actor_keys(event: &Event) -> String {
    let mut out = String::new();
    for (side, actors) in [("S", &event.source), ("T", &event.target)] {
        for a in actors.iter().filter(|a| !a.text.is_empty()) {
            if !out.is_empty() {
                out.push(';');
            }
            out.push_str(side);
            out.push(',');
            out.push_str(clean(a.country.as_deref()));
            out.push(',');
            out.push_str(clean(a.sector.as_deref()));
        }
    }
    out
}

/// Codes never hold `,` or `;`; anything odd is dropped rather than corrupting
/// the encoding.
fn clean(s: Option<&str>) -> &str {
    match s {
        Some(s) if !s.contains([',', ';']) => s,
        _ => "",
    }
}

/// Decodes [`encode_actor_keys`]: (sources, targets).
pub fn decode_actor_keys(s: &str) -> (Vec<ActorKey>, Vec<ActorKey>) {
    let mut source = Vec::new();
    let mut target = Vec::new();
    for item in s.split(';').filter(|i| !i.is_empty()) {
        let mut cells = item.split(',');
        let side = cells.next().unwrap_or("");
        let opt = |c: Option<&str>| c.filter(|c| !c.is_empty()).map(str::to_string);
        let key = ActorKey {
            country: opt(cells.next()),
            sector: opt(cells.next()),
        };
        if side == "S" {
            source.push(key);
        } else {
            target.push(key);
        }
    }
    (source, target)
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Whether two events can be reports of the same act. Symmetric.
pub fn compatible(a: &Ev, b: &Ev) -> bool {
    a.plover == b.plover
        && acled_ok(a, b)
        && dates_overlap(&a.key, &b.key)
        && places_ok(a, b)
        && actors_ok(a, b)
}

fn acled_ok(a: &Ev, b: &Ev) -> bool {
    match (&a.acled, &b.acled) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Ranges overlapping, or apart by at most one day.
pub fn dates_overlap(a: &Key, b: &Key) -> bool {
    a.start <= b.end + 1 && b.start <= a.end + 1
}

fn actor_countries(e: &Ev) -> impl Iterator<Item = &str> {
    e.source
        .iter()
        .chain(&e.target)
        .filter_map(|a| a.country.as_deref())
}

fn places_ok(a: &Ev, b: &Ev) -> bool {
    match (&a.loc, &b.loc) {
        // Neither says where: the same act only if they share a country
        // through their actors.
        (None, None) => actor_countries(a).any(|c| actor_countries(b).any(|d| c == d)),
        (Some(p), None) => located_in_actors(p, b),
        (None, Some(q)) => located_in_actors(q, a),
        (Some(p), Some(q)) => places_close(p, q),
    }
}

/// A report without a place matches a located one in a country its actors
/// belong to ("Russian forces shelled Ukrainian positions" and "shelling in
/// Kharkiv").
fn located_in_actors(p: &Loc, other: &Ev) -> bool {
    match &p.country {
        Some(c) => actor_countries(other).any(|d| d == c),
        None => false,
    }
}

fn places_close(p: &Loc, q: &Loc) -> bool {
    if let (Some(c), Some(d)) = (&p.country, &q.country) {
        if c != d {
            return false;
        }
    }
    let coarse = p.rank.max(q.rank);
    let km = || distance_km(p.lat, p.lon, q.lat, q.lon);
    match coarse {
        // Country: one side only knows the country.
        6 => p.country.is_some() && p.country == q.country,
        // A named region (Donbass, Darfur): by distance.
        5 => km() <= REGION_KM,
        // First-level region: the same one when both know it.
        4 => match (&p.admin1, &q.admin1) {
            (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
            _ => km() <= REGION_KM,
        },
        3 => km() <= ADMIN2_KM,
        _ => km() <= CITY_KM,
    }
}

fn actor_match(x: &ActorKey, y: &ActorKey) -> bool {
    match (&x.country, &y.country) {
        (Some(c), Some(d)) => c == d,
        _ => match (&x.sector, &y.sector) {
            (Some(s), Some(t)) => s == t,
            _ => true,
        },
    }
}

fn side_ok(a: &[ActorKey], b: &[ActorKey]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|x| b.iter().any(|y| actor_match(x, y)))
}

fn actors_ok(a: &Ev, b: &Ev) -> bool {
    (side_ok(&a.source, &b.source) && side_ok(&a.target, &b.target))
        || (side_ok(&a.source, &b.target) && side_ok(&a.target, &b.source))
}

/// Orders candidate groups: larger first, then earlier anchor.
pub fn better(a: (usize, &Key), b: (usize, &Key)) -> Ordering {
    a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1))
}

/// The full greedy pass over events of one PLOVER type in canonical order:
/// `reindex`'s clustering. Returns, for each event, its incident's anchor.
#[derive(Default)]
pub struct Clusterer {
    /// Open incidents: anchor, anchor key, members, smallest member end day.
    active: Vec<Active>,
}

struct Active {
    anchor: i64,
    anchor_key: Key,
    members: Vec<Ev>,
    min_end: i32,
}

impl Clusterer {
    /// Adds the next event in canonical order; returns its anchor.
    pub fn push(&mut self, x: Ev) -> i64 {
        // An incident with a member that ended before x.start - 1 can never
        // take x nor anything after it (starts only grow).
        self.active.retain(|g| g.min_end >= x.key.start - 1);
        let mut best: Option<usize> = None;
        for (i, g) in self.active.iter().enumerate() {
            if g.members[0].plover != x.plover || !g.members.iter().all(|m| compatible(m, &x)) {
                continue;
            }
            best = match best {
                Some(j)
                    if better(
                        (self.active[j].members.len(), &self.active[j].anchor_key),
                        (g.members.len(), &g.anchor_key),
                    ) != Ordering::Less =>
                {
                    Some(j)
                }
                _ => Some(i),
            };
        }
        match best {
            Some(i) => {
                let g = &mut self.active[i];
                g.min_end = g.min_end.min(x.key.end);
                g.members.push(x);
                g.anchor
            }
            None => {
                let anchor = x.id;
                self.active.push(Active {
                    anchor,
                    anchor_key: x.key.clone(),
                    min_end: x.key.end,
                    members: vec![x],
                });
                anchor
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: i64, day: i32, lat: f64, lon: f64, rank: u8, src: &str) -> Ev {
        let (source, target) = decode_actor_keys(src);
        Ev {
            id,
            key: Key {
                start: day,
                end: day,
                rank,
                tie: format!("ev-{id:04}"),
            },
            plover: "ASSAULT".into(),
            acled: None,
            loc: Some(Loc {
                lat,
                lon,
                rank,
                country: Some("UKR".into()),
                admin1: Some("Kharkiv".into()),
            }),
            source,
            target,
        }
    }

    #[test]
    fn actor_keys_round_trip() {
        let (s, t) = decode_actor_keys("S,RUS,MIL;S,,REB;T,UKR,");
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].country, None);
        assert_eq!(s[1].sector.as_deref(), Some("REB"));
        assert_eq!(t[0].country.as_deref(), Some("UKR"));
        assert_eq!(t[0].sector, None);
        assert_eq!(decode_actor_keys(""), (vec![], vec![]));
    }

    #[test]
    fn distances() {
        // Kyiv - Kharkiv is about 410 km.
        let d = distance_km(50.45, 30.52, 49.99, 36.23);
        assert!((400.0..420.0).contains(&d), "{d}");
        assert_eq!(distance_km(1.0, 2.0, 1.0, 2.0), 0.0);
    }

    #[test]
    fn pairwise_rules() {
        let kharkiv = ev(1, 100, 49.99, 36.23, 2, "S,RUS,MIL;T,UKR,CVL");
        let cases: Vec<(&str, Ev, bool)> = vec![
            ("same city, next day", ev(2, 101, 49.99, 36.23, 2, "S,RUS,"), true),
            ("two days later", ev(2, 102, 49.99, 36.23, 2, "S,RUS,"), false),
            ("city 20 km away", ev(2, 100, 50.17, 36.23, 2, ""), true),
            ("city 100 km away", ev(2, 100, 50.9, 36.23, 2, ""), false),
            (
                "region side knows the same admin1",
                ev(2, 100, 49.5, 36.5, 4, ""),
                true,
            ),
            (
                "other source country",
                ev(2, 100, 49.99, 36.23, 2, "S,BLR,MIL"),
                false,
            ),
            (
                "roles swapped",
                ev(2, 100, 49.99, 36.23, 2, "S,UKR,;T,RUS,MIL"),
                true,
            ),
            ("unknown actors", ev(2, 100, 49.99, 36.23, 2, ""), true),
            (
                "sector only, same sector",
                ev(2, 100, 49.99, 36.23, 2, "S,,MIL"),
                true,
            ),
        ];
        for (name, other, want) in cases {
            assert_eq!(compatible(&kharkiv, &other), want, "{name}");
            assert_eq!(compatible(&other, &kharkiv), want, "{name} (swapped)");
        }
        let mut region = ev(2, 100, 48.0, 37.8, 4, "");
        region.loc.as_mut().unwrap().admin1 = Some("Donetsk".into());
        assert!(!compatible(&kharkiv, &region), "other admin1");
        let mut country = ev(3, 100, 49.0, 32.0, 6, "");
        assert!(compatible(&kharkiv, &country), "country level");
        country.loc.as_mut().unwrap().country = Some("RUS".into());
        assert!(!compatible(&kharkiv, &country), "other country");
        let mut typed = ev(4, 100, 49.99, 36.23, 2, "");
        typed.acled = Some("Battles".into());
        let mut other_type = ev(5, 100, 49.99, 36.23, 2, "");
        other_type.acled = Some("Explosions/Remote violence".into());
        assert!(compatible(&kharkiv, &typed), "refinement");
        assert!(!compatible(&typed, &other_type), "other ACLED type");
        let mut protest = ev(6, 100, 49.99, 36.23, 2, "");
        protest.plover = "PROTEST".into();
        assert!(!compatible(&kharkiv, &protest), "other PLOVER type");
        let mut nowhere = ev(7, 100, 0.0, 0.0, 7, "S,RUS,MIL");
        nowhere.loc = None;
        assert!(
            !compatible(&kharkiv, &nowhere),
            "no place, no actor of the country"
        );
        nowhere.target = decode_actor_keys("T,UKR,").1;
        assert!(compatible(&kharkiv, &nowhere), "no place, actors in the country");
        nowhere.source = vec![];
        nowhere.target = vec![];
        assert!(!compatible(&kharkiv, &nowhere), "no place, no actor");
    }

    #[test]
    fn greedy_joins_the_largest_fully_compatible_group() {
        let mut c = Clusterer::default();
        // Two incidents in different cities, then a country-level report
        // compatible with both: it joins the larger.
        assert_eq!(c.push(ev(1, 100, 49.99, 36.23, 2, "")), 1);
        assert_eq!(c.push(ev(2, 100, 46.48, 30.73, 2, "")), 2);
        let mut near_odesa = ev(3, 100, 46.48, 30.73, 2, "");
        near_odesa.loc.as_mut().unwrap().admin1 = Some("Odesa".into());
        assert_eq!(c.push(near_odesa), 2);
        assert_eq!(c.push(ev(4, 100, 49.0, 32.0, 6, "")), 2);
        // A day later than the first members but compatible with all of them.
        assert_eq!(c.push(ev(5, 101, 49.99, 36.23, 2, "")), 1);
        // Far later: the first incidents are closed.
        assert_eq!(c.push(ev(6, 110, 49.99, 36.23, 2, "")), 6);
    }
}
