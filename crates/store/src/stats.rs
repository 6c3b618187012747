//! Counts and death tolls of the incidents matching a filter, by day, by
//! PLOVER type, by ACLED event type and by country: what a timeline or a
//! summary table draws. One pass over the matching rows.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::query::{build_where, Filter, INCIDENT_COLS};
use crate::{Result, Store};

/// Incidents and deaths in one group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub incidents: u64,
    /// Sum of the incidents' death tolls (incidents without one count 0).
    pub fatalities: u64,
}

impl Tally {
    fn add(&mut self, fatalities: u64) {
        self.incidents += 1;
        self.fatalities += fatalities;
    }
}

/// One group of [`IncidentStats`]: a key and its tally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group<K> {
    pub key: K,
    #[serde(flatten)]
    pub tally: Tally,
}

/// Counts of the incidents matching a filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IncidentStats {
    pub total: Tally,
    /// Incidents without a date (counted in `total` only).
    pub undated: Tally,
    /// By first day, in date order; days without incidents are absent.
    pub by_day: Vec<Group<NaiveDate>>,
    /// By PLOVER type, most incidents first.
    pub by_type: Vec<Group<String>>,
    /// By ACLED event type, most incidents first; `None` for incidents
    /// without one (statements, meetings...).
    pub by_acled: Vec<Group<Option<String>>>,
    /// By country of the place (ISO alpha-3), most incidents first; `None`
    /// for incidents without a place.
    pub by_country: Vec<Group<Option<String>>>,
}

fn ranked<K: Ord>(map: BTreeMap<K, Tally>) -> Vec<Group<K>> {
    let mut v: Vec<Group<K>> = map.into_iter().map(|(key, tally)| Group { key, tally }).collect();
    // Stable sort over the key order: ties stay in key order.
    v.sort_by_key(|g| std::cmp::Reverse(g.tally.incidents));
    v
}

impl Store {
    /// Counts and deaths of the incidents matching `filter` (its limit,
    /// order and position are ignored), by day, type, ACLED type and
    /// country. An incident is counted on its first day.
    pub fn incident_stats(&self, filter: &Filter) -> Result<IncidentStats> {
        let filter = Filter {
            limit: None,
            after: None,
            ..filter.clone()
        };
        self.check_text(&filter)?;
        let w = build_where(&filter, &INCIDENT_COLS);
        let sql = format!(
            "SELECT i.date_start, i.plover, i.acled_event_type, i.place_country, \
             i.fatalities FROM incidents i {}",
            w.sql()
        );
        let err = |e| crate::StoreError::sqlite(self.path(), e);
        let mut stmt = self.connection().prepare(&sql).map_err(err)?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(w.params.iter()))
            .map_err(err)?;
        let mut out = IncidentStats::default();
        let mut days: BTreeMap<NaiveDate, Tally> = BTreeMap::new();
        let mut types: BTreeMap<String, Tally> = BTreeMap::new();
        let mut acled: BTreeMap<Option<String>, Tally> = BTreeMap::new();
        let mut countries: BTreeMap<Option<String>, Tally> = BTreeMap::new();
        while let Some(r) = rows.next().map_err(err)? {
            let day: Option<String> = r.get(0).map_err(err)?;
            let dead = r.get::<_, Option<i64>>(4).map_err(err)?.unwrap_or(0).max(0) as u64;
            out.total.add(dead);
            match day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
                Some(d) => days.entry(d).or_default().add(dead),
                None => out.undated.add(dead),
            }
            types.entry(r.get(1).map_err(err)?).or_default().add(dead);
            acled.entry(r.get(2).map_err(err)?).or_default().add(dead);
            countries.entry(r.get(3).map_err(err)?).or_default().add(dead);
        }
        out.by_day = days
            .into_iter()
            .map(|(key, tally)| Group { key, tally })
            .collect();
        out.by_type = ranked(types);
        out.by_acled = ranked(acled);
        out.by_country = ranked(countries);
        Ok(out)
    }
}
