//! The gazetteer's name index: an open-addressing hash table from names to
//! the first link of their candidate lists, and the Bloom filter in front of
//! it.
//!
//! The table holds about 450,000 names and name beginnings, and its look-ups
//! are the geocoder's main trips to memory, so it is laid out densely: a slot
//! is 12 bytes (where the name is in the embedded data, its length, 16 bits
//! of its hash, the list head), not the 24 of a map of `&str` plus its
//! control bytes. One hash of a name serves the filter and the table, both at
//! load time and at each look-up. The table is sized once for the data and
//! filled without rehashing; it only grows if given far more names.

use std::hash::Hasher;

use crate::gazetteer::Fx;

/// The hash of a name: FxHash over its bytes, whose low bits are weak, then
/// mixed as MurmurHash3 finishes.
#[inline]
pub(crate) fn name_hash(s: &[u8]) -> u64 {
    let mut h = Fx::default();
    h.write(s);
    let mut x = h.finish();
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

/// A blocked Bloom filter of strings: each string sets three bits of one
/// 64-byte block, so that a query reads one cache line. It never says no to
/// a string it holds; it says yes to a few in a hundred others. The
/// gazetteer's name table is megabytes, and a look-up of a word that is no
/// name there costs a trip to memory; the filter (512 KB) mostly stays in
/// cache. It reads the top 13 bits of a [`name_hash`] for the block and the
/// low 27 for the bits.
#[derive(Default)]
pub(crate) struct NameFilter {
    blocks: Vec<[u64; 8]>,
}

impl NameFilter {
    const LOG_BLOCKS: u32 = 13;

    /// An empty filter (which says no to everything).
    pub(crate) fn empty() -> NameFilter {
        NameFilter {
            blocks: vec![[0; 8]; 1 << Self::LOG_BLOCKS],
        }
    }

    /// A filter holding `keys`.
    #[cfg(test)]
    pub(crate) fn new<'s>(keys: impl Iterator<Item = &'s str>) -> NameFilter {
        let mut f = NameFilter::empty();
        for k in keys {
            f.insert(name_hash(k.as_bytes()));
        }
        f
    }

    /// The block of hash `x` and its three bits in it.
    #[inline]
    fn place(x: u64) -> (usize, [usize; 3]) {
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

    /// Adds the string of hash `x` (its [`name_hash`]).
    pub(crate) fn insert(&mut self, x: u64) {
        let (block, bits) = Self::place(x);
        if let Some(b) = self.blocks.get_mut(block) {
            for i in bits {
                b[i / 64] |= 1 << (i % 64);
            }
        }
    }

    /// Whether the string of hash `x` may be a key: false for every string
    /// not inserted but a few; true for every string inserted, and for all
    /// when the filter was never made.
    #[inline]
    pub(crate) fn may_contain_hash(&self, x: u64) -> bool {
        if self.blocks.is_empty() {
            return true;
        }
        let (block, bits) = Self::place(x);
        let b = &self.blocks[block];
        bits.iter().all(|&i| b[i / 64] & (1 << (i % 64)) != 0)
    }

    /// [`NameFilter::may_contain_hash`] of a string.
    #[cfg(test)]
    pub(crate) fn may_contain(&self, s: &str) -> bool {
        self.may_contain_hash(name_hash(s.as_bytes()))
    }
}

/// One slot of the table. `meta` is 0 for an empty slot, else the key's
/// length (low 16 bits, never 0) and 16 bits of its hash.
#[derive(Clone, Copy, Default)]
struct Slot {
    /// Byte offset of the key in the concatenation of the sources.
    at: u32,
    meta: u32,
    value: u32,
}

/// A hash table from names to `u32` values. Keys are not stored: every key
/// is a slice of one of two `'static` texts (the embedded data files), and a
/// slot keeps where it lies in them.
pub(crate) struct NameTable {
    sources: [&'static str; 2],
    slots: Vec<Slot>,
    len: usize,
}

/// Where the table index starts in a [`name_hash`]: above the filter's bits.
const INDEX_SHIFT: u32 = 27;

impl NameTable {
    /// A table for keys taken from `sources`, sized for `capacity` keys
    /// (at most half full, so that a probe mostly stays on one cache line).
    pub(crate) fn new(sources: [&'static str; 2], capacity: usize) -> NameTable {
        let n = (capacity.max(8) * 2).next_power_of_two();
        NameTable {
            sources,
            slots: vec![Slot::default(); n],
            len: 0,
        }
    }

    /// Number of keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    fn meta(len: usize, x: u64) -> u32 {
        len as u32 | ((x as u32) << 16)
    }

    /// The bytes of the key of a full slot.
    fn key(&self, s: &Slot) -> &'static [u8] {
        let (at, len) = (s.at as usize, (s.meta & 0xffff) as usize);
        let first = self.sources[0].len();
        let (src, at) = if at < first {
            (self.sources[0], at)
        } else {
            (self.sources[1], at - first)
        };
        src.as_bytes().get(at..at + len).unwrap_or_default()
    }

    /// Where `name` lies in the concatenated sources, when it is a slice of
    /// one of them (its address says so: no byte is compared).
    fn offset_of(&self, name: &'static str) -> Option<u32> {
        let p = name.as_ptr() as usize;
        let mut base = 0;
        for src in self.sources {
            let s = src.as_ptr() as usize;
            if p >= s && p + name.len() <= s + src.len() {
                return u32::try_from(base + p - s).ok();
            }
            base += src.len();
        }
        None
    }

    /// The slot of `name` (hash `x`), or the empty slot where it would go.
    #[inline]
    fn find(&self, name: &[u8], x: u64) -> usize {
        let mask = self.slots.len() - 1;
        let meta = Self::meta(name.len(), x);
        let mut i = (x >> INDEX_SHIFT) as usize & mask;
        loop {
            let s = &self.slots[i];
            if s.meta == 0 || (s.meta == meta && self.key(s) == name) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The value of `name`, whose [`name_hash`] is `x`.
    #[inline]
    pub(crate) fn get(&self, name: &str, x: u64) -> Option<u32> {
        if name.len() > 0xffff {
            return None;
        }
        let s = &self.slots[self.find(name.as_bytes(), x)];
        (s.meta != 0).then_some(s.value)
    }

    /// The value of `name` (hash `x`), inserted as `default` when absent.
    /// `None` when `name` cannot be a key: it is empty, longer than 65,535
    /// bytes, or no slice of the sources.
    pub(crate) fn entry(&mut self, name: &'static str, x: u64, default: u32) -> Option<&mut u32> {
        if name.is_empty() || name.len() > 0xffff {
            return None;
        }
        let mut i = self.find(name.as_bytes(), x);
        if self.slots[i].meta == 0 {
            let at = self.offset_of(name)?;
            if (self.len + 1) * 10 > self.slots.len() * 7 {
                self.grow();
                i = self.find(name.as_bytes(), x);
            }
            self.slots[i] = Slot {
                at,
                meta: Self::meta(name.len(), x),
                value: default,
            };
            self.len += 1;
        }
        Some(&mut self.slots[i].value)
    }

    /// Doubles the slots (only when given far more keys than sized for).
    #[cold]
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![Slot::default(); old.len() * 2];
        for s in old.into_iter().filter(|s| s.meta != 0) {
            let key = self.key(&s);
            let i = self.find(key, name_hash(key));
            self.slots[i] = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static A: &str = "Paris\tLyon\tSaint-Denis\tParis";
    static B: &str = "Lyon|Nice";

    #[test]
    fn table_finds_its_keys_in_both_sources_and_grows() {
        let mut t = NameTable::new([A, B], 1);
        let paris = &A[..5];
        let lyon_b = &B[..4];
        let sd = &A[11..22];
        *t.entry(paris, name_hash(b"Paris"), 0).unwrap() += 1;
        // The same name from elsewhere is the same key.
        *t.entry(&A[23..], name_hash(b"Paris"), 0).unwrap() += 1;
        *t.entry(lyon_b, name_hash(b"Lyon"), 7).unwrap() += 0;
        *t.entry(sd, name_hash(sd.as_bytes()), 3).unwrap() += 0;
        assert_eq!(t.get("Paris", name_hash(b"Paris")), Some(2));
        assert_eq!(t.get("Lyon", name_hash(b"Lyon")), Some(7));
        assert_eq!(t.get("Saint-Denis", name_hash(b"Saint-Denis")), Some(3));
        assert_eq!(t.get("Nice", name_hash(b"Nice")), None);
        assert_eq!(t.get("Pari", name_hash(b"Pari")), None);
        assert_eq!(t.len(), 3);
        // Not a slice of the sources: refused.
        assert!(t.entry("Nice", name_hash(b"Nice"), 0).is_none());
        // Small table: grown on the way, keys kept.
        let mut t = NameTable::new([A, B], 1);
        let keys: Vec<&'static str> = (1..=A.len()).map(|n| &A[..n]).collect();
        for (v, k) in keys.iter().enumerate() {
            if let Some(e) = t.entry(k, name_hash(k.as_bytes()), v as u32) {
                *e = v as u32;
            }
        }
        for (v, k) in keys.iter().enumerate() {
            assert_eq!(t.get(k, name_hash(k.as_bytes())), Some(v as u32), "{k}");
        }
    }
}
