//! The gazetteer in memory: rows, a name index and the small lexicons the
//! geocoder needs (demonyms, capitals, common words, blocked names).
//!
//! Everything is parsed once, on first use, from text embedded in the binary
//! (`include_str!`), so the crate needs no file at run time. Strings borrow
//! from the embedded text (`&'static str`): nothing is copied, which keeps the
//! index at a few tens of megabytes (see the crate documentation for figures).
//!
//! The name index (`names.rs`) is a hash table from the exact name (case
//! and accents as written: the data already carries ASCII folds) to a linked
//! list of candidate rows. The matcher looks up token-aligned spans of the text in
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

use crate::names::{name_hash, NameFilter, NameTable};

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

/// A filter on the length, the first two bytes and the last byte of a set
/// of words (a bit for each of 65,536 keys, 8 KB): a word whose key is
/// unmarked is not in the set, so that most words of a text are answered
/// without hashing them. (The first two bytes alone let most words through:
/// "de", "la", "th" also begin the words of the sets.)
#[derive(Default)]
pub(crate) struct PairFilter {
    bits: Vec<u64>,
}

impl PairFilter {
    /// The key of a word of `len` bytes: its first two bytes `a`, `b` (0
    /// for none) and its last byte `z`, mixed by a multiplication.
    #[inline]
    fn key(len: usize, a: u8, b: u8, z: u8) -> usize {
        let x = (len as u32).wrapping_mul(0x9e37_79b9)
            ^ (u32::from(a) << 16)
            ^ (u32::from(b) << 8)
            ^ u32::from(z);
        (x.wrapping_mul(0x85eb_ca6b) >> 16) as usize
    }

    #[inline]
    fn key_of(s: &[u8], lower: bool) -> usize {
        let l = |c: u8| if lower { c.to_ascii_lowercase() } else { c };
        match s {
            [] => Self::key(0, 0, 0, 0),
            [a] => Self::key(1, l(*a), 0, l(*a)),
            [a, b, .., z] => Self::key(s.len(), l(*a), l(*b), l(*z)),
            [a, b] => Self::key(2, l(*a), l(*b), l(*b)),
        }
    }

    fn insert(&mut self, name: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; (1 << 16) / 64];
        }
        let k = Self::key_of(name.as_bytes(), false);
        self.bits[k >> 6] |= 1 << (k & 63);
    }

    #[inline]
    fn has_key(&self, k: usize) -> bool {
        self.bits.get(k >> 6).is_some_and(|w| w & (1 << (k & 63)) != 0)
    }

    /// Whether `s` may be in the set (false: it is not).
    #[inline]
    pub(crate) fn may_contain(&self, s: &str) -> bool {
        self.has_key(Self::key_of(s.as_bytes(), false))
    }

    /// Whether the lower case of the ASCII word `s` may be in the set: each
    /// byte lowercases alone, and the length stays.
    pub(crate) fn may_contain_ascii_lower(&self, s: &str) -> bool {
        self.has_key(Self::key_of(s.as_bytes(), true))
    }

    /// Whether `s` with its first character in lower case may be in the set:
    /// known without lowercasing when that character is ASCII (else true).
    pub(crate) fn may_contain_lower_first(&self, s: &str) -> bool {
        let b = s.as_bytes();
        match b {
            [a, ..] if a.is_ascii() => {
                let a = a.to_ascii_lowercase();
                let (second, last) = match b {
                    [_] => (0, a),
                    [_, x] => (*x, *x),
                    [_, x, .., z] => (*x, *z),
                    [] => (0, 0),
                };
                self.has_key(Self::key(b.len(), a, second, last))
            }
            _ => true,
        }
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

/// The candidate rows of a name, not yet walked: the first link of its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CandList(u32);

impl CandList {
    /// Whether the name has no candidate (it is no name).
    pub(crate) fn is_empty(self) -> bool {
        self.0 == NO_LINK
    }
}

/// End of a candidate list (and a name-index entry that is only a prefix).
const NO_LINK: u32 = 0x7fff_ffff;
/// Bit of a name-index entry: a longer name starts with this one (see
/// [`Gazetteer::probe`]).
const PREFIX: u32 = 0x8000_0000;

/// The loaded gazetteer (see the module documentation).
pub(crate) struct Gazetteer {
    pub rows: Vec<Row>,
    /// Name (or name prefix) → first link of its candidate list
    /// ([`NO_LINK`] for a prefix only), with the [`PREFIX`] bit.
    heads: NameTable,
    /// The keys of `heads`, in a filter that most words of a text (no name,
    /// no beginning of one) fail without touching the big table.
    head_filter: NameFilter,
    /// Number of distinct names (entries of `heads` with candidates).
    names: usize,
    links: Vec<Link>,
    /// First words of names that start with a lowercase letter ("région",
    /// "bande", "al-Anbar"): only tokens in this set may start such a match.
    pub lower_firsts: FxSet<&'static str>,
    /// The lengths, first two and last bytes of `lower_firsts`.
    pub lower_first_pairs: PairFilter,
    /// Longest indexed name, in bytes.
    pub max_name_len: usize,
    /// Capital city row of each country (ISO alpha-3).
    pub capitals: FxMap<[u8; 3], u32>,
    /// Demonym forms (French adjectives in lowercase, English capitalised) to
    /// the countries they point to ("congolais" points to COD and COG).
    pub demonyms: FxMap<&'static str, Vec<[u8; 3]>>,
    /// The lengths, first two and last bytes of the demonym forms.
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

/// The first `N` tab-separated fields of a line, or `None` when it has
/// fewer. The last one takes the rest of the line, tabs included: it is the
/// long cell of names, which its caller cuts at the next tab with one
/// `memchr`. A byte loop for the others: they are short, and a `memchr` call
/// for each costs more than it saves.
fn tab_fields<const N: usize>(line: &str) -> Option<[&str; N]> {
    let mut out = [""; N];
    let mut start = 0;
    let last = N.checked_sub(1)?;
    for slot in &mut out[..last] {
        let len = find_byte(line.as_bytes().get(start..)?, b'\t')?;
        // A tab is ASCII: both ends are character boundaries.
        *slot = line.get(start..start + len)?;
        start += len + 1;
    }
    out[last] = line.get(start..)?;
    Some(out)
}

/// The `|`-separated parts of a cell, as `str::split('|')` gives them.
fn split_bars(cell: &str) -> impl Iterator<Item = &str> {
    let mut start = Some(0);
    let b = cell.as_bytes();
    std::iter::from_fn(move || {
        let s = start?;
        match find_byte(b.get(s..)?, b'|') {
            Some(p) => {
                start = Some(s + p + 1);
                cell.get(s..s + p)
            }
            None => {
                start = None;
                cell.get(s..)
            }
        }
    })
}

/// The position of the first `needle` in `hay`, eight bytes at a time (the
/// fields are too short for a `memchr` call to pay, too long for a byte
/// loop to be cheap).
fn find_byte(hay: &[u8], needle: u8) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let rep = LO * u64::from(needle);
    let mut chunks = hay.chunks_exact(8);
    let mut base = 0;
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        let w = u64::from_le_bytes(a) ^ rep;
        // The lowest high bit set marks the first zero byte of `w` (the
        // bits above it may be false alarms, which are never looked at).
        let z = w.wrapping_sub(LO) & !w & HI;
        if z != 0 {
            return Some(base + (z.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| c == needle)
        .map(|p| base + p)
}

/// A coordinate written as the data writes it (`-12.3456`: a sign, up to
/// three digits, up to four decimals) in 1e-4 degrees, exactly; `None` for
/// any other writing, which [`parse_coord`] then reads as a float.
fn parse_fixed4(s: &[u8]) -> Option<i32> {
    let (neg, s) = match s {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, s),
    };
    let mut v: i32 = 0;
    let (mut int_digits, mut decimals) = (0, None);
    for &c in s {
        match c {
            b'0'..=b'9' => {
                v = v.checked_mul(10)? + i32::from(c - b'0');
                match &mut decimals {
                    Some(d) => *d += 1,
                    None => int_digits += 1,
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
    }
    let decimals = match decimals {
        None => 0,
        Some(d @ 1..=4) => d,
        Some(_) => return None,
    };
    if !(1..=3).contains(&int_digits) {
        return None;
    }
    for _ in decimals..4 {
        v *= 10;
    }
    if v > 1_800_000 {
        return None;
    }
    Some(if neg { -v } else { v })
}

fn parse_coord(s: &str) -> Option<i32> {
    if let Some(v) = parse_fixed4(s.as_bytes()) {
        return Some(v);
    }
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
            // About 300k names and 180k beginnings of names.
            heads: NameTable::new([GAZETTEER_TSV, REGIONS_TSV], 500_000),
            head_filter: NameFilter::empty(),
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
        g
    }

    /// Marks the beginnings of a name that end where a token can end:
    /// tokens are runs of letters and digits or single other characters, so
    /// a token ends only where a letter or digit does not follow another.
    /// Any span of text that a longer name starts with is then marked.
    fn index_prefixes(&mut self, name: &'static str) {
        // A beginning ends at `p` when the character before `p` or the one
        // at `p` is no letter or digit: found from the characters that are
        // not, with a tight loop over the ASCII letters between them.
        let b = name.as_bytes();
        let mut last_mark = 0;
        let mut p = 0;
        while let Some(&c) = b.get(p) {
            if c.is_ascii_alphanumeric() {
                p += 1;
                continue;
            }
            let (alnum, len) = if c.is_ascii() {
                (false, 1)
            } else {
                let ch = name.get(p..).and_then(|r| r.chars().next()).unwrap_or(' ');
                (ch.is_alphanumeric(), ch.len_utf8())
            };
            if !alnum {
                if p > 0 && p != last_mark {
                    self.mark_prefix(&name[..p]);
                }
                if p + len < b.len() {
                    self.mark_prefix(&name[..p + len]);
                    last_mark = p + len;
                }
            }
            p += len;
        }
    }

    /// Marks `prefix` as the beginning of a longer name.
    fn mark_prefix(&mut self, prefix: &'static str) {
        let x = name_hash(prefix.as_bytes());
        if let Some(head) = self.heads.entry(prefix, x, NO_LINK) {
            if *head == NO_LINK {
                self.head_filter.insert(x);
            }
            *head |= PREFIX;
        }
    }

    fn load_gazetteer(&mut self) {
        for line in GAZETTEER_TSV.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let Some([gid, name, feat, cc, a1, lat, lon, pop, rest]) = tab_fields(line) else {
                continue;
            };
            let names = rest.split('\t').next().unwrap_or_default();
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
                for alt in split_bars(names) {
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
        let x = name_hash(name.as_bytes());
        let Some(head) = self.heads.entry(name, x, NO_LINK) else {
            return;
        };
        // Skip duplicates (a region merged into a row that already has the
        // name); keep the strongest kind.
        let first = *head & !PREFIX;
        let mut cur = first;
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
        if *head == NO_LINK {
            // A new key (not even a beginning of a name so far).
            self.head_filter.insert(x);
        }
        *head = new | (*head & PREFIX);
        self.links.push(Link {
            row_kind: packed,
            next: first,
        });
        if first == NO_LINK {
            // The first row of this name.
            self.names += 1;
            self.index_prefixes(name);
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
        let (list, prefix) = self.probe_list(name);
        (self.chain(list), prefix)
    }

    /// [`Gazetteer::probe`] without the iterator: the candidate list of a
    /// name, to walk later with [`Gazetteer::chain`] (or never, which costs
    /// nothing).
    pub(crate) fn probe_list(&self, name: &str) -> (CandList, bool) {
        let x = name_hash(name.as_bytes());
        let head = if self.head_filter.may_contain_hash(x) {
            self.heads.get(name, x).unwrap_or(NO_LINK)
        } else {
            NO_LINK
        };
        (CandList(head & !PREFIX), head & PREFIX != 0)
    }

    /// The rows of a candidate list, with how the name relates to each.
    pub(crate) fn chain(&self, list: CandList) -> impl Iterator<Item = (u32, NameKind)> + '_ {
        let mut cur = list.0;
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
        self.heads
            .get(name, name_hash(name.as_bytes()))
            .is_some_and(|h| h & !PREFIX != NO_LINK)
    }

    /// Number of distinct indexed names.
    pub(crate) fn name_count(&self) -> usize {
        self.names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower_first_for_test(s: &str) -> String {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect())
            .unwrap_or_default()
    }

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
    fn coordinates_parse_as_floats_do() {
        for s in [
            "0",
            "-0",
            "12.3456",
            "-12.3456",
            "180",
            "-180.0",
            "179.9999",
            "0.0001",
            "-0.0001",
            "48.85",
            "2.3",
            "+1.5",
            " 3.25 ",
            "1e2",
            "180.0001",
            "181",
            "1234",
            "1.23456",
            "-",
            "",
            ".5",
            "5.",
            "abc",
            "NaN",
            "1.2.3",
            "--1",
            "-.5",
            "99999999999.5",
            "007.5",
        ] {
            let float = s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && v.abs() <= 180.0)
                .map(|v| (v * 1e4).round() as i32);
            assert_eq!(parse_coord(s), float, "{s:?}");
        }
    }

    #[test]
    fn fields_split_as_str_split_does() {
        for line in ["a\tb\tc", "a\tb", "a\tb\tc\td", "\t\t", "é\tü|x\t", ""] {
            let std: Vec<&str> = line.split('\t').collect();
            let ours = tab_fields::<3>(line);
            if std.len() >= 3 {
                let mut f = ours.unwrap().to_vec();
                f[2] = f[2].split('\t').next().unwrap();
                assert_eq!(f, std[..3].to_vec(), "{line:?}");
            } else {
                assert_eq!(ours, None, "{line:?}");
            }
            for cell in std {
                assert_eq!(
                    split_bars(cell).collect::<Vec<_>>(),
                    cell.split('|').collect::<Vec<_>>()
                );
            }
        }
        assert_eq!(tab_fields::<2>("a\tb\tc"), Some(["a", "b\tc"]));
        assert_eq!(split_bars("a||b|").collect::<Vec<_>>(), ["a", "", "b", ""]);
        let hay = "0123456789abcdef|\t€0123456789";
        for n in 0..=255u8 {
            for start in 0..hay.len() {
                let h = &hay.as_bytes()[start..];
                assert_eq!(find_byte(h, n), h.iter().position(|&c| c == n), "{n} at {start}");
            }
        }
    }

    #[test]
    fn every_beginning_of_a_name_is_marked() {
        // (Beginnings that end inside a word are not: see
        // `loads_and_merges_regions`.)
        let g = &*GAZETTEER;
        for name in [
            "Saint-Pierre-et-Miquelon",
            "Nord-Kivu",
            "Le Caire",
            "Khar’kov",
            "Bosnia and Herzegovina",
        ] {
            for (p, _) in name.char_indices().skip(1) {
                let (a, b) = (
                    name[..p].chars().last().unwrap(),
                    name[p..].chars().next().unwrap(),
                );
                if !(a.is_alphanumeric() && b.is_alphanumeric()) {
                    assert!(g.probe(&name[..p]).1, "{:?}", &name[..p]);
                }
            }
        }
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
        let passed = (0..2_000)
            .filter(|i| g.demonym_pairs.may_contain(&format!("w{i}x")))
            .count();
        assert!(passed < 200, "{passed} of 2,000 words pass the demonym filter");
        for w in ["Région", "Oblast", "R", "Ré", "É", "Bande"] {
            let lower = lower_first_for_test(w);
            assert_eq!(
                g.lower_first_pairs.may_contain_lower_first(w) || !w.is_char_boundary(1),
                g.lower_first_pairs.may_contain(&lower) || !w.is_char_boundary(1),
                "{w}"
            );
        }
        assert!(g.blocked.contains("Hamas") || g.blocked.contains("Hezbollah"));
    }
}
