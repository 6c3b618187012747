//! What an incident says, from the reports it merges: the most precise place
//! and date, the death toll of the latest and most specific report (never a
//! sum: forty reports of the same twelve deaths are twelve deaths), the
//! distinct outlets, the main actors.
//!
//! Every choice is a function of the set of reports with a total order for
//! ties, so an incident reads the same whatever order its reports came in.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use vigie_model::{Actor, Event, Place, Precision, Qualifier};

use crate::cluster::{date_rank, place_rank, Key};

/// One report of an incident: an event and the article it was read from.
#[derive(Debug, Clone)]
pub struct Report {
    /// Row id of the event.
    pub id: i64,
    pub key: Key,
    pub event: Event,
    pub article_id: String,
    pub published: Option<NaiveDate>,
    /// The outlet: the article's source, else its URL's host, else its id.
    pub outlet: String,
}

/// An actor of an incident, as ACLED lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentActor {
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// "protester", "rioter", ... when the actor lexicon gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub igo: Option<String>,
}

/// The sides of an incident: main actor and associated actors of each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentActors {
    pub actor1: Option<IncidentActor>,
    pub assoc_actor_1: Vec<IncidentActor>,
    pub actor2: Option<IncidentActor>,
    pub assoc_actor_2: Vec<IncidentActor>,
}

/// The merged view of an incident's reports.
#[derive(Debug, Clone)]
pub struct Summary {
    pub plover: String,
    pub cameo: String,
    pub acled: Option<(String, String)>,
    pub date_start: Option<NaiveDate>,
    pub date_end: Option<NaiveDate>,
    pub precision: Precision,
    pub place: Option<Place>,
    pub fatalities: Option<u64>,
    pub fatalities_qualifier: Option<Qualifier>,
    pub civilians: Option<u64>,
    /// Row id of the event whose toll was kept.
    pub fatalities_event: Option<i64>,
    pub actors: IncidentActors,
    /// Distinct outlets, sorted.
    pub sources: Vec<String>,
    pub n_reports: usize,
    pub n_articles: usize,
    pub first_published: Option<NaiveDate>,
    pub last_published: Option<NaiveDate>,
    /// The evidence of the most informative report.
    pub notes: String,
}

/// The most frequent value, ties broken by `rank` (smaller first) then by the
/// canonical key of the first report giving it.
fn mode_by<'a, T: Ord + Clone + 'a>(
    items: impl Iterator<Item = (T, &'a Key)>,
    rank: impl Fn(&T) -> i64,
) -> Option<T> {
    let mut counts: BTreeMap<T, (usize, &Key)> = BTreeMap::new();
    for (v, k) in items {
        let e = counts.entry(v).or_insert((0, k));
        e.0 += 1;
        if k < e.1 {
            e.1 = k;
        }
    }
    counts
        .into_iter()
        .max_by(|(va, (ca, ka)), (vb, (cb, kb))| {
            ca.cmp(cb)
                .then_with(|| rank(vb).cmp(&rank(va)))
                .then_with(|| kb.cmp(ka))
        })
        .map(|(v, _)| v)
}

/// Merges an incident's reports. `reports` must not be empty.
pub fn summarize(reports: &[Report]) -> Summary {
    let mut sorted: Vec<&Report> = reports.iter().collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    let first = sorted[0];

    let cameo = mode_by(sorted.iter().map(|r| (r.event.cameo.clone(), &r.key)), |c| {
        -(c.len() as i64)
    })
    .unwrap_or_else(|| first.event.cameo.clone());
    let acled = mode_by(
        sorted.iter().filter_map(|r| {
            r.event
                .acled
                .as_ref()
                .map(|a| ((a.event_type.clone(), a.sub_event_type.clone()), &r.key))
        }),
        |_| 0,
    );

    // Date: the most precise, an explicit one before a publication-date
    // fallback; among those the most often reported, the narrowest, the
    // earliest in canonical order.
    let date_quality = |r: &Report| (date_rank(r.event.date.precision), r.event.date.text.is_none());
    let dated: Vec<&Report> = sorted
        .iter()
        .copied()
        .filter(|r| r.event.date.start.is_some())
        .collect();
    let date = dated.iter().map(|r| date_quality(r)).min().and_then(|best| {
        mode_by(
            dated.iter().filter(|r| date_quality(r) == best).map(|r| {
                let d = &r.event.date;
                ((d.start, d.end, precision_code(d.precision)), &r.key)
            }),
            |(s, e, _)| match (s, e) {
                (Some(s), Some(e)) => (*e - *s).num_days(),
                _ => 0,
            },
        )
    });
    let (date_start, date_end, precision) = match date {
        Some((s, e, p)) => (s, e.or(s), precision_from_code(p)),
        None => (None, None, Precision::Unknown),
    };

    // Place: the most precise, then the most often reported.
    let best_rank = sorted
        .iter()
        .filter_map(|r| r.event.location.as_ref())
        .map(|p| place_rank(Some(p.feature)))
        .min();
    let place = best_rank.and_then(|rank| {
        let candidates: Vec<(&Place, &Key)> = sorted
            .iter()
            .filter_map(|r| r.event.location.as_ref().map(|p| (p, &r.key)))
            .filter(|(p, _)| place_rank(Some(p.feature)) == rank)
            .collect();
        let name = mode_by(
            candidates
                .iter()
                .map(|(p, k)| ((p.name.clone(), p.geonames_id), *k)),
            |_| 0,
        )?;
        candidates
            .iter()
            .find(|(p, _)| (p.name.clone(), p.geonames_id) == name)
            .map(|(p, _)| (*p).clone())
    });

    // Deaths: the latest report, then a fully coded one (with an ACLED type)
    // before a loose mention, then the larger count ("at least 12" updated to
    // 15), then the canonical order. Never a sum.
    let toll = sorted
        .iter()
        .filter(|r| r.event.fatalities.as_ref().is_some_and(|f| f.total.is_some()))
        .max_by(|a, b| {
            let fa = a.event.fatalities.as_ref().unwrap();
            let fb = b.event.fatalities.as_ref().unwrap();
            a.published
                .cmp(&b.published)
                .then_with(|| a.event.acled.is_some().cmp(&b.event.acled.is_some()))
                .then_with(|| fa.total.cmp(&fb.total))
                .then_with(|| b.key.cmp(&a.key))
        });
    let fatalities = toll.and_then(|r| r.event.fatalities.as_ref());
    let civilians = fatalities.and_then(|f| f.civilians).or_else(|| {
        sorted
            .iter()
            .filter(|r| r.event.fatalities.as_ref().is_some_and(|f| f.civilians.is_some()))
            .max_by(|a, b| a.published.cmp(&b.published).then_with(|| b.key.cmp(&a.key)))
            .and_then(|r| r.event.fatalities.as_ref()?.civilians)
    });

    let sources: BTreeSet<String> = sorted.iter().map(|r| r.outlet.clone()).collect();
    let articles: BTreeSet<&str> = sorted.iter().map(|r| r.article_id.as_str()).collect();
    let published: Vec<NaiveDate> = sorted.iter().filter_map(|r| r.published).collect();

    // Notes: the evidence of the most informative report: a fully coded one
    // (with an ACLED type), then the most confident, then the longest
    // evidence, then the canonical order.
    let notes_from = sorted
        .iter()
        .max_by(|a, b| {
            a.event
                .acled
                .is_some()
                .cmp(&b.event.acled.is_some())
                .then_with(|| a.event.confidence.total_cmp(&b.event.confidence))
                .then_with(|| a.event.evidence.text.len().cmp(&b.event.evidence.text.len()))
                .then_with(|| b.key.cmp(&a.key))
        })
        .copied()
        .unwrap_or(first);

    Summary {
        plover: first.event.plover.kind.as_str().to_string(),
        cameo,
        acled,
        date_start,
        date_end,
        precision,
        place,
        fatalities: fatalities.and_then(|f| f.total),
        fatalities_qualifier: fatalities.map(|f| f.qualifier),
        civilians,
        fatalities_event: toll.map(|r| r.id),
        actors: actors(&sorted),
        sources: sources.into_iter().collect(),
        n_reports: sorted.len(),
        n_articles: articles.len(),
        first_published: published.iter().min().copied(),
        last_published: published.iter().max().copied(),
        notes: notes_from.event.evidence.text.clone(),
    }
}

fn precision_code(p: Precision) -> u8 {
    date_rank(p)
}

fn precision_from_code(c: u8) -> Precision {
    match c {
        0 => Precision::Day,
        1 => Precision::Week,
        2 => Precision::Month,
        3 => Precision::Year,
        _ => Precision::Unknown,
    }
}

fn incident_actor(a: &Actor) -> IncidentActor {
    IncidentActor {
        name: a.name.to_string(),
        country: a.country.as_deref().map(str::to_string),
        sector: a.sector.as_deref().map(str::to_string),
        role: a.role.as_deref().map(str::to_string),
        igo: a.igo.as_deref().map(str::to_string),
    }
}

/// The main actor of each side is the one most reports name there; the
/// others are associated actors, most named first. An actor named on both
/// sides by different reports stays on the side where it is named most.
fn actors(sorted: &[&Report]) -> IncidentActors {
    // name -> (count as source, count as target, first key, actor)
    let mut seen: BTreeMap<String, (usize, usize, &Key, &Actor)> = BTreeMap::new();
    for r in sorted {
        for (side, list) in [(0, &r.event.source), (1, &r.event.target)] {
            for a in list {
                let e = seen.entry(a.name.to_string()).or_insert((0, 0, &r.key, a));
                if side == 0 {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
    }
    let mut side1: Vec<(usize, &Key, &str, &Actor)> = Vec::new();
    let mut side2: Vec<(usize, &Key, &str, &Actor)> = Vec::new();
    for (name, (s, t, k, a)) in &seen {
        if *s >= *t {
            side1.push((*s, k, name, a));
        } else {
            side2.push((*t, k, name, a));
        }
    }
    let order = |v: &mut Vec<(usize, &Key, &str, &Actor)>| {
        v.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)).then(a.2.cmp(b.2)));
    };
    order(&mut side1);
    order(&mut side2);
    let mut it1 = side1.into_iter().map(|x| incident_actor(x.3));
    let mut it2 = side2.into_iter().map(|x| incident_actor(x.3));
    IncidentActors {
        actor1: it1.next(),
        assoc_actor_1: it1.collect(),
        actor2: it2.next(),
        assoc_actor_2: it2.collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_model::*;

    fn report(id: i64, published: &str, outlet: &str, total: Option<u64>) -> Report {
        let day = NaiveDate::parse_from_str("2026-03-02", "%Y-%m-%d").unwrap();
        let event = Event {
            id: format!("ev-{id}"),
            plover: Plover {
                kind: PloverType::Assault,
                mode: None,
                context: vec![],
            },
            cameo: "190".into(),
            acled: Some(Acled {
                event_type: "Explosions/Remote violence".into(),
                sub_event_type: "Shelling/artillery/missile attack".into(),
            }),
            source: vec![Actor {
                text: "Russian forces".into(),
                name: "Military Forces of Russia".into(),
                country: Some("RUS".into()),
                sector: Some("MIL".into()),
                role: None,
                igo: None,
            }],
            target: vec![],
            date: EventDate {
                text: Some("Monday".into()),
                start: Some(day),
                end: Some(day),
                precision: Precision::Day,
            },
            location: None,
            fatalities: total.map(|t| Fatalities {
                total: Some(t),
                civilians: None,
                qualifier: Qualifier::AtLeast,
                text: format!("at least {t}"),
            }),
            attribution: None,
            modality: Modality::default(),
            evidence: Evidence {
                sentence: 0,
                start: 0,
                end: 5,
                text: format!("report {id}"),
            },
            confidence: 0.9,
        };
        Report {
            id,
            key: Key {
                start: 0,
                end: 0,
                rank: 7,
                tie: format!("ev-{id}"),
            },
            event,
            article_id: format!("a{id}"),
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            outlet: outlet.into(),
        }
    }

    #[test]
    fn latest_toll_is_kept_never_summed() {
        let reports = vec![
            report(1, "2026-03-02", "AFP", Some(12)),
            report(2, "2026-03-02", "Reuters", Some(12)),
            report(3, "2026-03-03", "AFP", Some(15)),
            report(4, "2026-03-03", "BBC", None),
        ];
        let s = summarize(&reports);
        assert_eq!(s.fatalities, Some(15));
        assert_eq!(s.fatalities_event, Some(3));
        assert_eq!(s.sources, vec!["AFP", "BBC", "Reuters"]);
        assert_eq!((s.n_reports, s.n_articles), (4, 4));
        assert_eq!(
            s.notes, "report 1",
            "same confidence and length: the first report"
        );
        // Same order-independent answer for any permutation.
        let mut rev = reports.clone();
        rev.reverse();
        assert_eq!(summarize(&rev).fatalities, Some(15));
        // Same day: the larger "at least" count wins.
        let same_day = vec![
            report(1, "2026-03-02", "AFP", Some(15)),
            report(2, "2026-03-02", "AP", Some(12)),
        ];
        assert_eq!(summarize(&same_day).fatalities, Some(15));
    }

    #[test]
    fn most_precise_place_and_date() {
        let mut a = report(1, "2026-03-02", "AFP", None);
        let mut b = report(2, "2026-03-02", "AP", None);
        a.event.location = Some(Place {
            text: "Ukraine".into(),
            name: "Ukraine".into(),
            country: Some("UKR".into()),
            admin1: None,
            lat: 49.0,
            lon: 32.0,
            feature: Feature::Country,
            geonames_id: None,
        });
        b.event.location = Some(Place {
            text: "Kharkiv".into(),
            name: "Kharkiv".into(),
            country: Some("UKR".into()),
            admin1: Some("Kharkiv".into()),
            lat: 49.99,
            lon: 36.23,
            feature: Feature::City,
            geonames_id: Some(706483),
        });
        a.event.date.precision = Precision::Week;
        a.event.date.end = NaiveDate::from_ymd_opt(2026, 3, 8);
        let s = summarize(&[a, b]);
        assert_eq!(s.place.unwrap().name, "Kharkiv");
        assert_eq!(s.precision, Precision::Day);
        assert_eq!(s.date_end, NaiveDate::from_ymd_opt(2026, 3, 2));
        assert_eq!(s.actors.actor1.unwrap().name, "Military Forces of Russia");
    }
}
