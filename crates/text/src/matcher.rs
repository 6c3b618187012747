//! Word-start matching of lexicon forms.
//!
//! The lexicons of the mention and event stages hold thousands of forms
//! (49,000 inflected trigger forms in French), and forms start words. A
//! [`FormMatcher`] looks for the longest form starting at a given byte,
//! which the stages ask at each token start: a bit table of four-byte
//! prefixes (in cache) rules most words out, and the rest walk a trie of the
//! forms from its root, byte by byte, until it has no branch for the next
//! byte. The trie is a double array (Aoe's layout: the child of cell `s` on
//! byte `b` is cell `base[s] + b` when that cell's `check` is `s`), so a step
//! is an addition and a comparison; an Aho-Corasick automaton answers the
//! same anchored question with more work per byte (its states search their
//! transitions), and a DFA of this many forms takes tens of megabytes.
//!
//! Once a prefix is shared by one form only, the rest of that form is not
//! spelt out cell by cell but kept whole in a tail buffer (the "TAIL" of
//! Aoe's double array): inflected phrases end in long unshared suffixes
//! ("attaquaient les positions"), which would otherwise fill most of the
//! array with one-child cells scattered through memory, one cache miss per
//! byte; a tail is read in one place, and the array holds a few times fewer
//! cells to place at start and to keep in cache.

use std::fmt;

/// Error building a matcher: the forms need more trie cells than a `u32`
/// index holds (billions of bytes of forms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    cells: usize,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "lexicon forms need {} trie cells, more than the matcher can index",
            self.cells
        )
    }
}

impl std::error::Error for BuildError {}

/// A cheap test run before the trie at each word: can a form start here?
/// Most words of a text start no form: a bit per hashed four-byte prefix of
/// the forms (8 KB, in cache) rules most of them out. Forms shorter than
/// four bytes ("ONU", "EU") are few: a set of their first bytes rules out
/// most words before their own table is read.
struct Prefixes {
    /// Bit per hash of a form's first four bytes.
    four: Vec<u64>,
    /// Bit per hash of a form shorter than four bytes.
    short: Vec<u64>,
    /// Bit per first byte of a form shorter than four bytes.
    short_first: [u64; 4],
}

impl Prefixes {
    const LOG_BITS: u32 = 16;
    const BITS: usize = 1 << Self::LOG_BITS;

    /// Hash of up to four bytes packed in a `u32`.
    #[inline]
    fn key(packed: u32) -> usize {
        (packed.wrapping_mul(0x9E37_79B1) >> (32 - Self::LOG_BITS)) as usize
    }

    /// Up to four bytes, the first in the low byte.
    #[inline]
    fn pack(bytes: &[u8]) -> u32 {
        let mut k = 0;
        for (i, &b) in bytes.iter().take(4).enumerate() {
            k |= u32::from(b) << (8 * i);
        }
        k
    }

    fn set(table: &mut [u64], k: usize) {
        table[k / 64] |= 1 << (k % 64);
    }

    #[inline]
    fn get(table: &[u64], k: usize) -> bool {
        table[k / 64] & (1 << (k % 64)) != 0
    }

    fn new<'p>(patterns: impl IntoIterator<Item = &'p [u8]>) -> Prefixes {
        let mut p = Prefixes {
            four: vec![0; Self::BITS / 64],
            short: vec![0; Self::BITS / 64],
            short_first: [0; 4],
        };
        for b in patterns {
            if b.len() >= 4 {
                Self::set(&mut p.four, Self::key(Self::pack(&b[..4])));
            } else if let Some(&first) = b.first() {
                Self::set(&mut p.short, Self::key(Self::pack(b)));
                Self::set(&mut p.short_first, usize::from(first));
            }
        }
        p
    }

    /// Whether some form may start with `rest` (a text from a word start,
    /// or its first bytes: four are enough).
    #[inline]
    fn may_start(&self, rest: &[u8]) -> bool {
        if let [a, b, c, d, ..] = *rest {
            if Self::get(&self.four, Self::key(u32::from_le_bytes([a, b, c, d]))) {
                return true;
            }
        }
        match rest.first() {
            Some(&first) if Self::get(&self.short_first, usize::from(first)) => {
                (1..=rest.len().min(3)).any(|n| Self::get(&self.short, Self::key(Self::pack(&rest[..n]))))
            }
            _ => false,
        }
    }
}

/// A trie cell of the double array.
#[derive(Clone, Copy)]
struct Cell {
    /// Children of this cell are at `base + byte`; the top bit marks a cell
    /// that ends a form.
    base: u32,
    /// The parent cell; [`Cell::FREE`] for an unused cell.
    check: u32,
}

impl Cell {
    const FREE: u32 = u32::MAX;
    const END: u32 = 1 << 31;
    /// Marks a cell below which one form only goes on: its `base` is then
    /// the offset of the rest of that form in [`FormMatcher::tails`], and it
    /// has no children.
    const TAIL: u32 = 1 << 30;
    /// The bits of `base` that are an index.
    const INDEX: u32 = Self::TAIL - 1;
    /// Cells (and tail offsets) are indexed by `u32` with the top two bits
    /// of `base` taken.
    const MAX_CELLS: usize = (1 << 30) - 256;
}

/// The forms of a lexicon, compiled for [`FormMatcher::longest_at`].
pub struct FormMatcher {
    /// The trie; cell 0 is its root.
    cells: Vec<Cell>,
    /// The label of each byte value: 1 for the byte most frequent in the
    /// forms, 2 for the next, ... (close labels pack the array tighter); 0
    /// for bytes in no form, the label of no cell.
    labels: [u16; 256],
    /// For each cell that ends a form or opens a tail, the form's pattern id.
    ids: Vec<u32>,
    /// The rests of forms below tail cells: each a little-endian `u16`
    /// length, then that many bytes.
    tails: Vec<u8>,
    forms: usize,
    prefixes: Prefixes,
}

impl FormMatcher {
    /// Compiles the forms; a form's index in `forms` is its pattern id (the
    /// lowest id when a form is given twice). The empty form never matches.
    pub fn new<S: AsRef<str>>(forms: &[S]) -> Result<FormMatcher, BuildError> {
        let bytes: Vec<&[u8]> = forms.iter().map(|f| f.as_ref().as_bytes()).collect();
        let prefixes = Prefixes::new(bytes.iter().copied());
        let labels = labels(&bytes);
        let (cells, ids, tails) = build(&bytes, &labels)?;
        Ok(FormMatcher {
            cells,
            labels,
            ids,
            tails,
            forms: forms.len(),
            prefixes,
        })
    }

    /// Number of forms.
    pub fn len(&self) -> usize {
        self.forms
    }

    /// Whether there are no forms.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Heap bytes used.
    pub fn memory_usage(&self) -> usize {
        self.cells.len() * std::mem::size_of::<Cell>()
            + self.ids.len() * 4
            + self.tails.len()
            + std::mem::size_of_val(&self.labels)
            + (self.prefixes.four.len() + self.prefixes.short.len()) * 8
    }

    /// The longest form starting at byte `s` of `text`: its pattern id and
    /// end (exclusive). Word boundaries are the caller's to check.
    ///
    /// ```
    /// let m = vigie_text::matcher::FormMatcher::new(&["armée", "armée de l'air"]).unwrap();
    /// let t = "L'armée de l'air a frappé.";
    /// assert_eq!(m.longest_at(t.as_bytes(), 2), Some((1, 2 + "armée de l'air".len())));
    /// assert_eq!(m.longest_at(t.as_bytes(), 0), None);
    /// ```
    #[inline]
    pub fn longest_at(&self, text: &[u8], s: usize) -> Option<(usize, usize)> {
        let rest = text.get(s..)?;
        if !self.prefixes.may_start(rest) {
            return None;
        }
        let (pattern, len) = self.walk(rest.iter().copied())?;
        Some((pattern, s + len))
    }

    /// The longest form that is a prefix of `bytes`: its pattern id and
    /// length. Takes any byte sequence, so a phrase can be tried across a gap
    /// in the text ("ministère russe de la Défense" as "ministère de la
    /// Défense") without building a string.
    pub fn longest_prefix(&self, bytes: impl Iterator<Item = u8> + Clone) -> Option<(usize, usize)> {
        let mut head = [0u8; 4];
        let mut n = 0;
        for (slot, b) in head.iter_mut().zip(bytes.clone()) {
            *slot = b;
            n += 1;
        }
        if !self.prefixes.may_start(&head[..n]) {
            return None;
        }
        self.walk(bytes)
    }

    /// Walks the trie from its root along `bytes`; the last form end passed.
    #[inline]
    fn walk(&self, mut bytes: impl Iterator<Item = u8>) -> Option<(usize, usize)> {
        let cells = &self.cells[..];
        let (mut s, mut base) = (0u32, cells.first()?.base);
        let mut best = None;
        let mut i = 0;
        while let Some(b) = bytes.next() {
            let t = (base & Cell::INDEX) as usize + usize::from(self.labels[usize::from(b)]);
            match cells.get(t) {
                Some(c) if c.check == s => (s, base) = (t as u32, c.base),
                _ => break,
            }
            i += 1;
            if base & Cell::END != 0 {
                best = Some((s, i));
            }
            if base & Cell::TAIL != 0 {
                // One form goes on from here: it matches if the bytes spell
                // the rest of it.
                let at = (base & Cell::INDEX) as usize;
                let len = usize::from(u16::from_le_bytes([self.tails[at], self.tails[at + 1]]));
                let rest = &self.tails[at + 2..at + 2 + len];
                if bytes.by_ref().take(len).eq(rest.iter().copied()) {
                    best = Some((s, i + len));
                }
                break;
            }
        }
        best.map(|(s, len)| (self.ids[s as usize] as usize, len))
    }
}

/// The first cell from `pos` on whose bit is set in `free_bits` (the cells
/// past the bits are free).
fn next_free(free_bits: &[u64], pos: usize) -> usize {
    let mut w = pos / 64;
    let Some(&first) = free_bits.get(w) else {
        return pos;
    };
    let mut bits = first & (!0u64 << (pos % 64));
    loop {
        if bits != 0 {
            return w * 64 + bits.trailing_zeros() as usize;
        }
        w += 1;
        match free_bits.get(w) {
            Some(&b) => bits = b,
            None => return w * 64,
        }
    }
}

/// Labels by frequency: see [`FormMatcher::labels`].
fn labels(forms: &[&[u8]]) -> [u16; 256] {
    let mut count = [0usize; 256];
    for b in forms.iter().flat_map(|f| f.iter()) {
        count[usize::from(*b)] += 1;
    }
    let mut bytes: Vec<usize> = (0..256).filter(|&b| count[b] > 0).collect();
    bytes.sort_by_key(|&b| (std::cmp::Reverse(count[b]), b));
    let mut labels = [0u16; 256];
    for (i, b) in bytes.into_iter().enumerate() {
        labels[b] = i as u16 + 1;
    }
    labels
}

/// Builds the double array of `forms` and its tails. The forms, sorted, are
/// split into the trie's nodes depth first: a node is the run of forms
/// sharing a prefix, its children the distinct bytes that follow it. Each
/// node's children are placed at the first base where all their cells are
/// free. A node of one form that goes on becomes a tail cell.
type Built = (Vec<Cell>, Vec<u32>, Vec<u8>);

fn build(forms: &[&[u8]], label: &[u16; 256]) -> Result<Built, BuildError> {
    // Sorted by bytes then id: equal forms keep their lowest id first.
    let mut sorted: Vec<(&[u8], u32)> = forms.iter().zip(0..).map(|(&f, i)| (f, i)).collect();
    sorted.sort_unstable();

    let free = Cell {
        base: 0,
        check: Cell::FREE,
    };
    // Labels go up to 256: a base leaves room for 257 cells.
    const SPAN: usize = 257;
    let mut cells = vec![free; SPAN];
    let mut ids: Vec<u32> = vec![u32::MAX; SPAN];
    // A bit per cell, set while the cell is free (and for the cells past
    // the end, which are): the search for a base skips used cells by words.
    let mut free_bits: Vec<u64> = vec![!0; SPAN.div_ceil(64)];
    // The root is used; its check names no cell.
    cells[0].check = Cell::FREE - 1;
    free_bits[0] &= !1;
    // Every cell before `first_free` is used.
    let mut first_free = 1;
    // Every cell from `frontier` on is free.
    let mut frontier = 1;
    // Nodes to place: (cell, depth, range of `sorted` sharing the prefix).
    let mut stack: Vec<(usize, usize, std::ops::Range<usize>)> = vec![(0, 0, 0..sorted.len())];
    let mut labels: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut tails: Vec<u8> = Vec::new();
    while let Some((cell, depth, range)) = stack.pop() {
        // One form that goes on past this cell (a form given twice is one
        // form: the first id is kept): its rest becomes a tail, when its
        // length and offset fit.
        let (form, id) = sorted.get(range.start).copied().unwrap_or_default();
        // Sorted: the run holds one form when its last is its first.
        let single = range.is_empty() || sorted[range.end - 1].0 == form;
        if depth > 0 && single && form.len() > depth {
            let rest = &form[depth..];
            if let (Ok(len), true) = (u16::try_from(rest.len()), tails.len() <= Cell::INDEX as usize) {
                cells[cell].base = Cell::TAIL | tails.len() as u32;
                ids[cell] = id;
                tails.extend_from_slice(&len.to_le_bytes());
                tails.extend_from_slice(rest);
                continue;
            }
        }
        // Forms ending here come first in the run.
        let mut start = range.start;
        if depth > 0 && sorted[start].0.len() == depth {
            cells[cell].base |= Cell::END;
            ids[cell] = sorted[start].1;
        }
        while start < range.end && sorted[start].0.len() == depth {
            start += 1;
        }
        labels.clear();
        let mut i = start;
        while i < range.end {
            let b = sorted[i].0[depth];
            let mut j = i + 1;
            while j < range.end && sorted[j].0[depth] == b {
                j += 1;
            }
            labels.push((usize::from(label[usize::from(b)]), i..j));
            i = j;
        }
        let Some(lo) = labels.iter().map(|l| l.0).min() else {
            continue;
        };
        // First base whose cells for every label are free, near the first
        // free cell; after a few tries, past the last used cell (the gaps
        // left behind are filled by the many one-child nodes).
        let grow = |cells: &mut Vec<Cell>, ids: &mut Vec<u32>, free_bits: &mut Vec<u64>, pos: usize| {
            if pos + SPAN > cells.len() {
                let n = (pos + SPAN).max(cells.len() * 2);
                if n > Cell::MAX_CELLS {
                    return Err(BuildError { cells: n });
                }
                cells.resize(n, free);
                ids.resize(n, u32::MAX);
                free_bits.resize(n.div_ceil(64), !0);
            }
            Ok(())
        };
        let fits =
            |cells: &[Cell], base: usize| labels.iter().all(|(l, _)| cells[base + l].check == Cell::FREE);
        let start = first_free.max(lo + 1);
        let base = 'search: {
            // The 256 cells from `start`: only the free ones can be the
            // first label's.
            let mut pos = next_free(&free_bits, start);
            while pos < start + 256 {
                grow(&mut cells, &mut ids, &mut free_bits, pos)?;
                if fits(&cells, pos - lo) {
                    break 'search pos - lo;
                }
                pos = next_free(&free_bits, pos + 1);
            }
            let mut pos = frontier.max(lo + 1);
            loop {
                grow(&mut cells, &mut ids, &mut free_bits, pos)?;
                if cells[pos].check == Cell::FREE && fits(&cells, pos - lo) {
                    break 'search pos - lo;
                }
                pos += 1;
            }
        };
        cells[cell].base |= base as u32;
        for (l, r) in labels.drain(..) {
            let child = base + l;
            cells[child].check = cell as u32;
            free_bits[child / 64] &= !(1 << (child % 64));
            frontier = frontier.max(child + 1);
            stack.push((child, depth + 1, r));
        }
        first_free = next_free(&free_bits, first_free).min(cells.len());
    }
    // A step past the last cell used reads no cell.
    cells.truncate(frontier);
    ids.truncate(frontier);
    cells.shrink_to_fit();
    ids.shrink_to_fit();
    tails.shrink_to_fit();
    Ok((cells, ids, tails))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer by definition: the longest form that is a prefix, the
    /// lowest id among equal forms.
    fn naive(forms: &[String], bytes: &[u8]) -> Option<(usize, usize)> {
        forms
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.is_empty() && bytes.starts_with(f.as_bytes()))
            .max_by_key(|(i, f)| (f.len(), std::cmp::Reverse(*i)))
            .map(|(i, f)| (i, f.len()))
    }

    #[test]
    fn finds_the_longest_form_at_a_word_start() {
        let forms = ["armée", "armée de l'air", "ONU", "a", "de", "ar"];
        let m = FormMatcher::new(&forms).unwrap();
        let t = "L'armée de l'air et l'ONU à Genève";
        assert_eq!(
            m.longest_at(t.as_bytes(), 2),
            Some((1, 2 + "armée de l'air".len()))
        );
        let onu = t.find("ONU").unwrap();
        assert_eq!(m.longest_at(t.as_bytes(), onu), Some((2, onu + 3)));
        assert_eq!(m.longest_at(t.as_bytes(), 0), None);
        assert_eq!(m.longest_at(t.as_bytes(), t.len()), None);
        assert_eq!(m.longest_at(t.as_bytes(), t.len() + 1), None);
        assert_eq!(m.len(), 6);
    }

    #[test]
    fn duplicates_keep_the_first_id_and_empty_forms_never_match() {
        let m = FormMatcher::new(&["", "EU", "x", "EU"]).unwrap();
        assert_eq!(m.longest_at(b"EU summit", 0), Some((1, 2)));
        assert_eq!(m.longest_at(b"", 0), None);
        assert_eq!(m.longest_prefix("EU".bytes()), Some((1, 2)));
        let none: [&str; 0] = [];
        let m = FormMatcher::new(&none).unwrap();
        assert!(m.is_empty());
        assert_eq!(m.longest_at(b"anything", 0), None);
    }

    #[test]
    fn agrees_with_the_definition_on_random_forms() {
        let mut rng = fastrand::Rng::with_seed(11);
        // A small alphabet, with multi-byte letters, makes shared prefixes.
        let alphabet: Vec<char> = "abé ".chars().collect();
        let word = |rng: &mut fastrand::Rng, max: usize| -> String {
            (0..rng.usize(0..max))
                .map(|_| alphabet[rng.usize(0..alphabet.len())])
                .collect()
        };
        for round in 0..200 {
            let forms: Vec<String> = (0..rng.usize(0..40)).map(|_| word(&mut rng, 7)).collect();
            let m = FormMatcher::new(&forms).unwrap();
            for _ in 0..50 {
                let text = word(&mut rng, 12);
                let b = text.as_bytes();
                for s in 0..=b.len() {
                    let want = naive(&forms, &b[s..]).map(|(i, n)| (i, s + n));
                    assert_eq!(
                        m.longest_at(b, s),
                        want,
                        "round {round}: {forms:?} at {s} of {text:?}"
                    );
                }
                let want = naive(&forms, b);
                assert_eq!(m.longest_prefix(b.iter().copied()), want, "{forms:?} {text:?}");
            }
        }
    }

    #[test]
    fn nodes_with_many_children() {
        // Every char up to U+00FF after the root and after U+0000.
        let forms: Vec<String> = (1..=255u8)
            .flat_map(|b| [vec![b], vec![b, 0], vec![0, b, b]])
            .map(|v| chars(&v))
            .collect();
        let m = FormMatcher::new(&forms).unwrap();
        for (i, f) in forms.iter().enumerate() {
            let got = m.longest_at(f.as_bytes(), 0).map(|(_, e)| e);
            assert_eq!(got, Some(f.len()), "form {i} {f:?}");
        }
    }

    /// A string of the chars with these code points.
    fn chars(v: &[u8]) -> String {
        v.iter().map(|&b| char::from(b)).collect()
    }

    #[test]
    fn tails_match_whole_and_give_way_to_shorter_forms() {
        let long = format!("attaque {}", "x".repeat(300));
        let forms = [
            "attaqué",
            "attaquaient les positions",
            "attaque",
            long.as_str(),
            "attaque",
            "z",
        ];
        let m = FormMatcher::new(&forms).unwrap();
        assert_eq!(
            m.longest_prefix("attaquaient les positions rebelles".bytes()),
            Some((1, 25))
        );
        // A tail read in part: the form before it, if any, is the answer.
        assert_eq!(m.longest_prefix("attaquaient les positi".bytes()), None);
        assert_eq!(m.longest_prefix("attaque xxx".bytes()), Some((2, 7)));
        assert_eq!(m.longest_prefix(long.bytes()), Some((3, long.len())));
        assert_eq!(m.longest_at(b"a z", 2), Some((5, 3)));
        assert_eq!(m.longest_at("attaqué".as_bytes(), 0), Some((0, "attaqué".len())));
    }

    #[test]
    fn a_form_is_not_found_as_the_suffix_of_a_longer_prefix() {
        let m = FormMatcher::new(&["sue", "issue an apology"]).unwrap();
        assert_eq!(m.longest_at(b"issued by", 0), None);
        assert_eq!(m.longest_at(b"sued by", 0), Some((0, 3)));
    }
}
