//! Teddy (Hyperscan's search for many short literals at once) for WebAssembly's 128-bit
//! SIMD, which the aho-corasick crate has only for x86 and ARM: without it the page's
//! worker searched the plain keywords with an automaton, a byte at a time, the largest part
//! of its secret scan (bench/wasm-stages.sh; README, Benchmarks).
//!
//! A keyword's first bytes are its fingerprint; the keywords are dealt into eight buckets,
//! the spellings of one word (`key`, `Key`, `KEY`) together, since they differ in the
//! high nibble of a byte only. For each fingerprint position, two tables of sixteen say
//! which buckets have a byte with that low nibble, and which with that high nibble, there:
//! sixteen bytes at a time, two lookups and an `and` per position leave each byte the
//! buckets whose fingerprint may start at it; those few places are compared with the
//! bucket's keywords.
//! Its loads and stores are `super::simd::wasm`'s, safe by their types.

/// Buckets: one bit of a byte each.
const BUCKETS: usize = 8;

pub(in crate::scan::secrets) struct Teddy {
    /// For each fingerprint position: by low nibble, the buckets with such a byte there.
    lo: Vec<[u8; 16]>,
    /// Likewise by high nibble.
    hi: Vec<[u8; 16]>,
    /// Each bucket's keywords: their index, and their bytes.
    buckets: [Vec<(usize, Box<[u8]>)>; BUCKETS],
}

impl Teddy {
    /// A search for `words` by their first `fingerprint` bytes; `None` when a keyword is
    /// shorter than that.
    pub(in crate::scan::secrets) fn new(words: &[&str], fingerprint: usize) -> Option<Teddy> {
        if words.is_empty() || words.iter().any(|w| w.len() < fingerprint) {
            return None;
        }
        // The spellings of a word, then words in byte order: each unit goes whole to the
        // bucket with the fewest keywords.
        let mut units: Vec<Vec<usize>> = Vec::new();
        let mut order: Vec<usize> = (0..words.len()).collect();
        let folded = |i: usize| words[i].as_bytes()[..fingerprint].to_ascii_lowercase();
        order.sort_by_key(|&i| (folded(i), words[i].as_bytes()));
        for i in order {
            match units.last_mut() {
                Some(unit) if folded(unit[0]) == folded(i) => unit.push(i),
                _ => units.push(vec![i]),
            }
        }
        let mut teddy = Teddy {
            lo: vec![[0; 16]; fingerprint],
            hi: vec![[0; 16]; fingerprint],
            buckets: Default::default(),
        };
        // Largest first, so that the spellings of the common words get buckets of their
        // own; a stable sort keeps neighbours in byte order together.
        units.sort_by_key(|u| std::cmp::Reverse(u.len()));
        for unit in units {
            let bucket = (0..BUCKETS)
                .min_by_key(|&b| teddy.buckets[b].len())
                .expect("buckets");
            for i in unit {
                let word = words[i].as_bytes();
                for (k, &b) in word[..fingerprint].iter().enumerate() {
                    teddy.lo[k][usize::from(b & 15)] |= 1 << bucket;
                    teddy.hi[k][usize::from(b >> 4)] |= 1 << bucket;
                }
                teddy.buckets[bucket].push((i, word.into()));
            }
        }
        Some(teddy)
    }

    /// Calls `found` with the index and place of every keyword in `text`.
    pub(in crate::scan::secrets) fn each(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        let from = self.each_simd(text, &mut found);
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        let from = 0;
        let length = self.lo.len();
        for p in from..(text.len() + 1).saturating_sub(length) {
            let bits = (0..length).fold(0xff, |bits, k| {
                let b = text[p + k];
                bits & self.lo[k][usize::from(b & 15)] & self.hi[k][usize::from(b >> 4)]
            });
            self.verify(text, p, bits, &mut found);
        }
    }

    /// The keyword of the buckets `bits` that begins at `p`, if one does (no keyword
    /// begins another, so there is one at most).
    #[inline]
    fn verify(&self, text: &[u8], p: usize, mut bits: u8, found: &mut impl FnMut(usize, usize)) {
        while bits != 0 {
            let bucket = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            for (i, word) in &self.buckets[bucket] {
                if text[p..].starts_with(word) {
                    return found(*i, p);
                }
            }
        }
    }

    /// The candidates of every 16 bytes while the fingerprint's loads fit, verified;
    /// returns where the scalar loop takes over.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    fn each_simd(&self, text: &[u8], found: &mut impl FnMut(usize, usize)) -> usize {
        use super::simd::wasm::{lanes, load};
        use core::arch::wasm32::*;
        let lo: Vec<v128> = self.lo.iter().map(load).collect();
        let hi: Vec<v128> = self.hi.iter().map(load).collect();
        let nibble = u8x16_splat(15);
        let mut i = 0;
        while i + 15 + lo.len() <= text.len() {
            let mut bits = u8x16_splat(0xff);
            for (k, (&lo, &hi)) in lo.iter().zip(&hi).enumerate() {
                // In bounds: i + k + 16 <= i + 15 + length <= text.len().
                let v = load(
                    text[i + k..]
                        .first_chunk()
                        .expect("within the loop's bound"),
                );
                let by_lo = u8x16_swizzle(lo, v128_and(v, nibble));
                let by_hi = u8x16_swizzle(hi, u8x16_shr(v, 4));
                bits = v128_and(bits, v128_and(by_lo, by_hi));
            }
            if v128_any_true(bits) {
                for (j, &b) in lanes(bits).iter().enumerate() {
                    if b != 0 {
                        self.verify(text, i + j, b, found);
                    }
                }
            }
            i += 16;
        }
        i
    }
}
