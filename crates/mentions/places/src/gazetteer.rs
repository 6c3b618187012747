//! The gazetteer in memory: rows, a name index and the small lexicons the
//! geocoder needs (demonyms, capitals, common words, blocked names).
//!
//! Everything is parsed once, on first use, from text embedded in the binary
//! (`include_str!`), so the crate needs no file at run time. Strings borrow
//! from the embedded text (`&'static str`): nothing is copied, which keeps the
//! index at a few tens of megabytes (see the crate documentation for figures).
//!
//! The name index is a hash map from the exact name (case and accents as
//! written: the data already carries ASCII folds) to a linked list of
//! candidate rows. The matcher looks up token-aligned spans of the text in
//! it, which enforces word boundaries for free; an Aho-Corasick automaton over
//! the ~300k names would cost more memory and load time for the same result.
//! The same map also holds the beginnings of the names that end where a
//! token can end ("Saint", "Saint-", "Nord" of "Nord-Kivu", "Le" of "Le
//! Caire"), marked as such: the matcher stops lengthening a span as soon as
//! it is neither a name nor such a beginning, instead of looking up every
//! span of up to nine tokens.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

const GAZETTEER_TSV: &str = include_str!("../data/gazetteer.tsv");
const REGIONS_TSV: &str = include_str!("../data/regions.tsv");
const COMMON_WORDS: &str = include_str!("../data/common_words.txt");
const DEMONYMS_FR: &str = include_str!("../../actors/data/fr/demonyms.tsv");
const DEMONYMS_EN: &str = include_str!("../../actors/data/en/demonyms.tsv");
const CAPITALS_FR: &str = include_str!("../../actors/data/fr/capitals.tsv");
const CAPITALS_EN: &str = include_str!("../../actors/data/en/capitals.tsv");
const GROUPS_FR: &str = include_str!("../../actors/data/fr/groups.tsv");
const GROUPS_EN: &str = include_str!("../../actors/data/en/groups.tsv");
const IGOS_FR: &str = include_str!("../../actors/data/fr/igos.tsv");
const IGOS_EN: &str = include_str!("../../actors/data/en/igos.tsv");

/// A fast, non-cryptographic hasher (the FxHash mix used by rustc). Names are
/// short and not attacker-chosen keys of a long-lived server map, so SipHash's
/// protection is not needed and its cost would dominate the lookups.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

const FX_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fx {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX_K);
    }
}

impl Hasher for Fx {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.add(u64::from_le_bytes(a));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut a = [0u8; 8];
            a[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(a) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxBuild = BuildHasherDefault<Fx>;
pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuild>;
pub(crate) type FxSet<K> = HashSet<K, FxBuild>;

/// A filter on the first two bytes of a set of names (a bit for each pair of
/// byte values, 8 KB): a name whose pair is unmarked is not in the set, so
/// that most words of a text are answered without hashing them.
#[derive(Default)]
pub(crate) struct PairFilter {
    bits: Vec<u64>,
}

impl PairFilter {
    fn key(s: &[u8]) -> usize {
        match s {
            [] => 0,
            [a] => usize::from(*a) << 8,
            [a, b, ..] => usize::from(*a) << 8 | usize::from(*b),
        }
    }

    fn insert(&mut self, name: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; (1 << 16) / 64];
        }
        let k = Self::key(name.as_bytes());
        self.bits[k >> 6] |= 1 << (k & 63);
    }

    fn has_key(&self, k: usize) -> bool {
        self.bits.get(k >> 6).is_some_and(|w| w & (1 << (k & 63)) != 0)
    }

    /// Whether `s` may be in the set (false: it is not).
    pub(crate) fn may_contain(&self, s: &str) -> bool {
        self.has_key(Self::key(s.as_bytes()))
    }

    /// Whether the lower case of the ASCII word `s` may be in the set: its
    /// first two bytes lowercase alone.
    pub(crate) fn may_contain_ascii_lower(&self, s: &str) -> bool {
        let b = s.as_bytes();
        let n = b.len().min(2);
        let mut pair = [0u8; 2];
        pair[..n].copy_from_slice(&b[..n]);
        pair.make_ascii_lowercase();
        self.has_key(Self::key(&pair[..n]))
    }
}

/// Feature class of a row (the data's classes, finer than the model's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Feat {
    Country,
    Admin1,
    Admin2,
    City,
    Locality,
    Region,
    Landmark,
}

impl Feat {
    pub(crate) fn to_model(self) -> vigie_model::Feature {
        use vigie_model::Feature as F;
        match self {
            Feat::Country => F::Country,
            Feat::Admin1 => F::Admin1,
            Feat::Admin2 => F::Admin2,
            Feat::City => F::City,
            Feat::Locality => F::Locality,
            Feat::Region => F::Region,
            Feat::Landmark => F::Landmark,
        }
    }

    /// Whether the row is a settlement (city or smaller).
    pub(crate) fn is_settlement(self) -> bool {
        matches!(self, Feat::City | Feat::Locality)
    }

    /// Whether the row is an area below the country (admin or region).
    pub(crate) fn is_area(self) -> bool {
        matches!(self, Feat::Admin1 | Feat::Admin2 | Feat::Region)
    }
}

/// One place of the gazetteer or of `regions.tsv`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row {
    pub name: &'static str,
    /// English admin1 name, `""` when unknown.
    pub admin1: &'static str,
    /// GeoNames id; 0 for hand-made regions without one.
    pub gid: u32,
    /// Coordinates in 1e-4 degrees (the data has 4 decimals: exact).
    pub lat: i32,
    pub lon: i32,
    pub pop: u32,
    pub country: [u8; 3],
    pub feat: Feat,
}

impl Row {
    pub(crate) fn country_str(&self) -> &str {
        std::str::from_utf8(&self.country).unwrap_or("")
    }
    pub(crate) fn latf(&self) -> f64 {
        f64::from(self.lat) / 1e4
    }
    pub(crate) fn lonf(&self) -> f64 {
        f64::from(self.lon) / 1e4
    }
}

/// How a name relates to its row: the prior of an exonym or a GeoNames
/// alternate (often in another language) is lower than the canonical name's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// The row's canonical name or its ASCII fold.
    Canonical = 0,
    /// A name of the hand-maintained `regions.tsv`.
    Curated = 1,
    /// Any other alternate name.
    Alternate = 2,
}

#[derive(Clone, Copy)]
struct Link {
    /// Row index in the low 28 bits, [`NameKind`] in the top 4.
    row_kind: u32,
    next: u32,
}

/// End of a candidate list (and a name-index entry that is only a prefix).
const NO_LINK: u32 = 0x7fff_ffff;
/// Bit of a name-index entry: a longer name starts with this one (see
/// [`Gazetteer::probe`]).
const PREFIX: u32 = 0x8000_0000;

/// A blocked Bloom filter of strings: each string sets three bits of one
/// 64-byte block, so that a query reads one cache line. It never says no to
/// a string it holds; it says yes to a few in a hundred others. The
/// gazetteer's name table is tens of megabytes, and a look-up of a word that
/// is no name there costs a trip to memory; the filter (512 KB) mostly stays
/// in cache.
#[derive(Default)]
struct NameFilter {
    blocks: Vec<[u64; 8]>,
}

impl NameFilter {
    const LOG_BLOCKS: u32 = 13;

    fn new<'s>(keys: impl Iterator<Item = &'s str>) -> NameFilter {
        let mut f = NameFilter {
            blocks: vec![[0; 8]; 1 << Self::LOG_BLOCKS],
        };
        for k in keys {
            let (block, bits) = Self::place(k);
            for b in bits {
                f.blocks[block][b / 64] |= 1 << (b % 64);
            }
        }
        f
    }

    /// The block of `s` and its three bits in it.
    #[inline]
    fn place(s: &str) -> (usize, [usize; 3]) {
        let mut h = Fx(0);
        h.write(s.as_bytes());
        // Fx leaves the low bits weak: mixed as MurmurHash3 finishes.
        let mut x = h.finish();
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        let block = (x >> (64 - Self::LOG_BLOCKS)) as usize;
        (
            block,
            [
                (x & 511) as usize,
                ((x >> 9) & 511) as usize,
                ((x >> 18) & 511) as usize,
            ],
        )
    }

    /// Whether `s` may be a key: false for every string not given to
    /// [`NameFilter::new`] but a few; true for every string given.
    #[inline]
    fn may_contain(&self, s: &str) -> bool {
        if self.blocks.is_empty() {
            return true;
        }
        let (block, bits) = Self::place(s);
        let b = &self.blocks[block];
        bits.iter().all(|&i| b[i / 64] & (1 << (i % 64)) != 0)
    }
}

/// The loaded gazetteer (see the module documentation).
pub(crate) struct Gazetteer {
    pub rows: Vec<Row>,
    /// Name (or name prefix) → first link of its candidate list
    /// ([`NO_LINK`] for a prefix only), with the [`PREFIX`] bit.
    heads: FxMap<&'static str, u32>,
    /// The keys of `heads`, in a filter that most words of a text (no name,
    /// no beginning of one) fail without touching the big table.
    head_filter: NameFilter,
    /// Number of distinct names (entries of `heads` with candidates).
    names: usize,
    links: Vec<Link>,
    /// First words of names that start with a lowercase letter ("région",
    /// "bande", "al-Anbar"): only tokens in this set may start such a match.
    pub lower_firsts: FxSet<&'static str>,
    /// The first two bytes of `lower_firsts`.
    pub lower_first_pairs: PairFilter,
    /// Longest indexed name, in bytes.
    pub max_name_len: usize,
    /// Capital city row of each country (ISO alpha-3).
    pub capitals: FxMap<[u8; 3], u32>,
    /// Demonym forms (French adjectives in lowercase, English capitalised) to
    /// the countries they point to ("congolais" points to COD and COG).
    pub demonyms: FxMap<&'static str, Vec<[u8; 3]>>,
    /// The first two bytes of the demonym forms.
    pub demonym_pairs: PairFilter,
    /// Capital names as used for metonymy ("Moscou a dit").
    pub capital_forms: FxSet<&'static str>,
    /// Place names that are also common words or first names.
    pub common: FxSet<&'static str>,
    /// Names of armed groups, international organisations and seats of
    /// power: never places, even when a gazetteer alternate says so
    /// ("Hamas" is an alternate of Hamm).
    pub blocked: FxSet<&'static str>,
}

/// The gazetteer, parsed on first use.
pub(crate) static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

fn parse_coord(s: &str) -> Option<i32> {
    let v: f64 = s.trim().parse().ok()?;
    if !v.is_finite() || v.abs() > 180.0 {
        return None;
    }
    Some((v * 1e4).round() as i32)
}

fn iso3(s: &str) -> Option<[u8; 3]> {
    let b = s.as_bytes();
    (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase)).then(|| [b[0], b[1], b[2]])
}

fn parse_feat(s: &str) -> Option<Feat> {
    Some(match s {
        "country" => Feat::Country,
        "admin1" => Feat::Admin1,
        "admin2" => Feat::Admin2,
        "city" => Feat::City,
        "locality" => Feat::Locality,
        "region" => Feat::Region,
        "landmark" => Feat::Landmark,
        _ => return None,
    })
}

/// Whether `alt` is `canonical` with its diacritics stripped ("Lome" for
/// "Lomé"): same number of characters, differing only where the canonical
/// character is not ASCII.
fn is_fold_of(alt: &str, canonical: &str) -> bool {
    if !alt.is_ascii() || canonical.is_ascii() || alt.len() > canonical.len() {
        return false;
    }
    let mut a = alt.chars();
    for c in canonical.chars() {
        match a.next() {
            Some(x) if x == c || !c.is_ascii() => {}
            _ => return false,
        }
    }
    a.next().is_none()
}

/// Lowercase determiners that some curated names start with ("le Donbass",
/// "l'Ituri"): the index keeps the bare name, which the text also uses after
/// "du", "au", "dans le".
const LEADING_DETERMINERS: &[&str] = &["le ", "la ", "les ", "l'"];

impl Gazetteer {
    fn load() -> Gazetteer {
        let mut g = Gazetteer {
            rows: Vec::with_capacity(110_000),
            heads: FxMap::with_capacity_and_hasher(470_000, FxBuild::default()),
            head_filter: NameFilter::default(),
            names: 0,
            links: Vec::with_capacity(345_000),
            lower_firsts: FxSet::default(),
            lower_first_pairs: PairFilter::default(),
            max_name_len: 0,
            capitals: FxMap::default(),
            demonyms: FxMap::default(),
            demonym_pairs: PairFilter::default(),
            capital_forms: FxSet::default(),
            common: FxSet::default(),
            blocked: FxSet::default(),
        };
        g.load_gazetteer();
        g.load_regions();
        g.load_lexicons();
        g.index_prefixes();
        g.head_filter = NameFilter::new(g.heads.keys().copied());
        g
    }

    /// Marks the beginnings of the names that end where a token can end:
    /// tokens are runs of letters and digits or single other characters, so
    /// a token ends only where a letter or digit does not follow another.
    /// Any span of text that a longer name starts with is then marked.
    fn index_prefixes(&mut self) {
        self.names = self.heads.len();
        let names: Vec<&'static str> = self.heads.keys().copied().collect();
        for name in names {
            let mut prev_alnum = None;
            for (p, c) in name.char_indices() {
                let alnum = c.is_alphanumeric();
                if prev_alnum.is_some_and(|a: bool| !(a && alnum)) {
                    *self.heads.entry(&name[..p]).or_insert(NO_LINK) |= PREFIX;
                }
                prev_alnum = Some(alnum);
            }
        }
    }

    fn load_gazetteer(&mut self) {
        for line in GAZETTEER_TSV.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (
                Some(gid),
                Some(name),
                Some(feat),
                Some(cc),
                Some(a1),
                Some(lat),
                Some(lon),
                Some(pop),
                Some(names),
            ) = (
                f.next(),
                f.next(),
                f.next(),
                f.next(),
                f.next(),
                f.next(),
                f.next(),
                f.next(),
                f.next(),
            )
            else {
                continue;
            };
            let (Some(feat), Some(country), Some(lat), Some(lon)) =
                (parse_feat(feat), iso3(cc), parse_coord(lat), parse_coord(lon))
            else {
                continue;
            };
            let row = Row {
                name,
                admin1: if a1 == "-" { "" } else { a1 },
                gid: gid.parse().unwrap_or(0),
                lat,
                lon,
                pop: pop.parse().unwrap_or(0),
                country,
                feat,
            };
            let idx = self.rows.len() as u32;
            self.rows.push(row);
            self.index(name, idx, NameKind::Canonical, false);
            if names != "-" {
                for alt in names.split('|') {
                    let kind = if is_fold_of(alt, name) {
                        NameKind::Canonical
                    } else {
                        NameKind::Alternate
                    };
                    self.index(alt, idx, kind, false);
                }
            }
        }
    }

    /// Hand-made regions. A region whose note starts with `same_as=<id>` is
    /// merged into that gazetteer row: the row keeps its identity (feature,
    /// GeoNames id, admin1) and takes the region's names and its hand-placed
    /// point, which stands for the whole area rather than for its largest
    /// town (see `data/FORMAT.md`).
    fn load_regions(&mut self) {
        for line in REGIONS_TSV.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 7 {
                continue;
            }
            let (Some(feat), Some(country), Some(lat), Some(lon)) =
                (parse_feat(f[1]), iso3(f[2]), parse_coord(f[3]), parse_coord(f[4]))
            else {
                continue;
            };
            let same_as = f[6]
                .strip_prefix("same_as=")
                .and_then(|r| r.split(';').next())
                .and_then(|id| id.trim().parse::<u32>().ok());
            let target = same_as.and_then(|id| self.rows.iter().position(|r| r.gid == id));
            let idx = match target {
                Some(i) => {
                    let r = &mut self.rows[i];
                    r.lat = lat;
                    r.lon = lon;
                    i as u32
                }
                None => {
                    self.rows.push(Row {
                        name: f[0],
                        admin1: "",
                        gid: same_as.unwrap_or(0),
                        lat,
                        lon,
                        pop: 0,
                        country,
                        feat,
                    });
                    (self.rows.len() - 1) as u32
                }
            };
            self.index(f[0], idx, NameKind::Curated, true);
            if f[5] != "-" {
                for alt in f[5].split('|') {
                    self.index(alt, idx, NameKind::Curated, true);
                }
            }
        }
    }

    /// Adds one name of row `row` to the index.
    fn index(&mut self, name: &'static str, row: u32, kind: NameKind, curated: bool) {
        let mut name = name.trim();
        let Some(first) = name.chars().next() else {
            return;
        };
        if first.is_lowercase() {
            if let Some(rest) = LEADING_DETERMINERS.iter().find_map(|d| name.strip_prefix(d)) {
                if rest.chars().next().is_some_and(char::is_uppercase) {
                    name = rest;
                }
            }
        }
        let first = name.chars().next().unwrap_or(' ');
        if first.is_lowercase() {
            // A lowercase name is matched only when it cannot be an ordinary
            // phrase: it holds a capital ("région de Donetsk", "al-Anbar"),
            // or it is a hand-curated multi-word name ("zone des trois
            // frontières"). Lone lowercase words never match.
            let has_upper = name.chars().any(char::is_uppercase);
            if !(has_upper || (curated && name.contains(' '))) {
                return;
            }
            let end = name
                .char_indices()
                .find(|&(i, c)| c == ' ' || (c == '\'' && i > 0))
                .map_or(name.len(), |(i, c)| if c == '\'' { i + 1 } else { i });
            self.lower_firsts.insert(&name[..end]);
            self.lower_first_pairs.insert(&name[..end]);
        }
        if name.len() < 2 {
            return;
        }
        self.max_name_len = self.max_name_len.max(name.len());
        let packed = row | ((kind as u32) << 28);
        let new = self.links.len() as u32;
        match self.heads.get_mut(name) {
            Some(head) => {
                // Skip duplicates (a region merged into a row that already
                // has the name); keep the strongest kind.
                let mut cur = *head & !PREFIX;
                while cur != NO_LINK {
                    let l = &mut self.links[cur as usize];
                    if l.row_kind & 0x0fff_ffff == row {
                        if (kind as u32) < (l.row_kind >> 28) {
                            l.row_kind = packed;
                        }
                        return;
                    }
                    cur = l.next;
                }
                self.links.push(Link {
                    row_kind: packed,
                    next: *head & !PREFIX,
                });
                *head = new | (*head & PREFIX);
            }
            None => {
                self.links.push(Link {
                    row_kind: packed,
                    next: NO_LINK,
                });
                self.heads.insert(name, new);
            }
        }
    }

    fn load_lexicons(&mut self) {
        for line in COMMON_WORDS.lines() {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                self.common.insert(w);
            }
        }
        // French demonyms: iso3, then four cells of '|'-separated forms.
        // English: iso3, adjective, person singular, person plural.
        for text in [DEMONYMS_FR, DEMONYMS_EN] {
            for line in text.lines() {
                if line.starts_with('#') {
                    continue;
                }
                let mut f = line.split('\t');
                let Some(cc) = f.next().and_then(iso3) else {
                    continue;
                };
                for cell in f {
                    for form in cell.split('|') {
                        let form = form.trim();
                        if form.len() < 3 || form.contains(' ') || form == "-" {
                            continue;
                        }
                        self.demonym_pairs.insert(form);
                        let v = self.demonyms.entry(form).or_default();
                        if !v.contains(&cc) {
                            v.push(cc);
                        }
                    }
                }
            }
        }
        // Capitals: English then French forms; the first form that resolves
        // to a settlement of the country gives the capital row.
        for text in [CAPITALS_EN, CAPITALS_FR] {
            for line in text.lines() {
                if line.starts_with('#') {
                    continue;
                }
                let f: Vec<&'static str> = line.split('\t').collect();
                if f.len() < 4 {
                    continue;
                }
                let Some(cc) = iso3(f[0]) else { continue };
                for form in f[3]
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && *s != "-")
                {
                    if f[1] == "seat" {
                        // A seat that is a town of the country ("Port-Soudan",
                        // "Ramallah", "La Haye") is a place unless used as a
                        // metonymy; the others ("Kremlin", "Élysée") never are.
                        let town = self.candidates(form).any(|(r, _)| {
                            let row = &self.rows[r as usize];
                            row.country == cc && row.feat.is_settlement()
                        });
                        if town {
                            self.capital_forms.insert(form);
                        } else {
                            self.blocked.insert(form);
                        }
                        continue;
                    }
                    self.capital_forms.insert(form);
                    if self.capitals.contains_key(&cc) {
                        continue;
                    }
                    let best = self
                        .candidates(form)
                        .filter(|&(r, _)| {
                            let row = &self.rows[r as usize];
                            row.country == cc && row.feat.is_settlement()
                        })
                        .max_by_key(|&(r, _)| self.rows[r as usize].pop);
                    if let Some((r, _)) = best {
                        self.capitals.insert(cc, r);
                    }
                }
            }
        }
        // Groups and organisations: the last column holds the forms.
        for text in [GROUPS_FR, GROUPS_EN, IGOS_FR, IGOS_EN] {
            for line in text.lines() {
                if line.starts_with('#') {
                    continue;
                }
                if let Some(forms) = line.split('\t').nth(3) {
                    for form in forms.split('|').map(str::trim).filter(|s| s.len() > 1) {
                        self.blocked.insert(form);
                    }
                }
            }
        }
    }

    /// Loads a new gazetteer and returns its row count (benchmark only).
    pub(crate) fn fresh_len() -> usize {
        Gazetteer::load().rows.len()
    }

    /// The rows a name points to, with how the name relates to each.
    pub(crate) fn candidates<'a>(&'a self, name: &str) -> impl Iterator<Item = (u32, NameKind)> + 'a {
        self.probe(name).0
    }

    /// The rows a name points to (none when it is no name), and whether a
    /// longer name starts with it where a token of text can end ("Nord" of
    /// "Nord-Kivu", "Le" of "Le Caire"): when it does not, no longer span
    /// of text starting with it is a name either.
    pub(crate) fn probe<'a>(&'a self, name: &str) -> (impl Iterator<Item = (u32, NameKind)> + 'a, bool) {
        let head = if self.head_filter.may_contain(name) {
            self.heads.get(name).copied().unwrap_or(NO_LINK)
        } else {
            NO_LINK
        };
        (self.chain(head & !PREFIX), head & PREFIX != 0)
    }

    fn chain(&self, head: u32) -> impl Iterator<Item = (u32, NameKind)> + '_ {
        let mut cur = head;
        std::iter::from_fn(move || {
            if cur == NO_LINK {
                return None;
            }
            let l = self.links.get(cur as usize)?;
            cur = l.next;
            let kind = match l.row_kind >> 28 {
                0 => NameKind::Canonical,
                1 => NameKind::Curated,
                _ => NameKind::Alternate,
            };
            Some((l.row_kind & 0x0fff_ffff, kind))
        })
    }

    /// Whether a name is in the index.
    #[cfg(test)]
    pub(crate) fn has(&self, name: &str) -> bool {
        self.heads.get(name).is_some_and(|h| h & !PREFIX != NO_LINK)
    }

    /// Number of distinct indexed names.
    pub(crate) fn name_count(&self) -> usize {
        self.names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_filter_holds_its_keys_and_few_others() {
        let keys: Vec<String> = (0..50_000).map(|i| format!("Place {i}")).collect();
        let f = NameFilter::new(keys.iter().map(String::as_str));
        assert!(keys.iter().all(|k| f.may_contain(k)));
        let others = (0..50_000)
            .filter(|i| f.may_contain(&format!("Other {i}")))
            .count();
        assert!(others < 1_000, "{others} false positives in 50,000");
        assert!(NameFilter::default().may_contain("anything"));
    }

    #[test]
    fn folds() {
        assert!(is_fold_of("Lome", "Lomé"));
        assert!(is_fold_of("Geneve", "Genève"));
        assert!(!is_fold_of("Geneva", "Genève"));
        assert!(!is_fold_of("Paris", "Paris"));
    }

    #[test]
    fn loads_and_merges_regions() {
        let g = &*GAZETTEER;
        assert!(g.rows.len() > 100_000);
        // Nord-Kivu: merged region (same_as) -> the admin1 row, once.
        let c: Vec<_> = g.candidates("Nord-Kivu").collect();
        assert_eq!(c.len(), 1, "{c:?}");
        let r = g.rows[c[0].0 as usize];
        assert_eq!(r.feat, Feat::Admin1);
        assert_eq!(r.country_str(), "COD");
        // "le Donbass" is indexed as "Donbass".
        assert!(g.has("Donbass"));
        // Beginnings of names are marked, and are no names themselves.
        assert!(!g.has("Nord-"));
        assert!(g.probe("Nord-").1 && g.probe("Nord-").0.next().is_none());
        assert!(g.probe("Nord").1);
        assert!(!g.probe("Nord-Ki").1, "a prefix ends where a token can end");
        assert!(!g.probe("Khark").1);
        assert!(g.capitals.contains_key(b"AUT"));
        assert!(g.demonyms.contains_key("autrichienne"));
        // The pair filters let every indexed form through.
        assert!(g.demonyms.keys().all(|d| g.demonym_pairs.may_contain(d)));
        assert!(g.lower_firsts.iter().all(|w| g.lower_first_pairs.may_contain(w)));
        assert!(
            g.demonym_pairs.may_contain_ascii_lower("UKRAINIAN") || !g.demonyms.contains_key("ukrainian")
        );
        assert!(!g.demonym_pairs.may_contain("qx"));
        assert!(g.blocked.contains("Hamas") || g.blocked.contains("Hezbollah"));
    }
}
