//! The crate's one module with `unsafe` code: the anchor pass with AVX2, 64 bytes a step,
//! and WebAssembly's 16-byte loads and stores for Teddy ([`wasm`]).
//!
//! Safety argument for AVX2. Two kinds of `unsafe` are here. (1) `each_avx2` is a
//! `#[target_feature(enable = "avx2")]` function: it is called only after
//! `is_x86_feature_detected!("avx2")` said yes (`each_simd`, the safe way in). (2) Unaligned
//! loads: every load reads 32 bytes at `i - 1`, `i` or `i + 1` for `1 <= i` and
//! `i + 33 <= text.len()`; the loops keep those bounds (`i` starts at 2 and steps while
//! `i + 66 <= len`, then `i + 34 <= len`), and the bytes outside them are looked at by the
//! safe scalar loop.

#[cfg(target_arch = "x86_64")]
use super::{ANCHORS, Anchored};

#[cfg(target_arch = "x86_64")]
impl Anchored {
    /// The anchor pass with AVX2, when the CPU has it; false (and nothing done) when not.
    pub(super) fn each_simd(&self, text: &[u8], found: &mut impl FnMut(usize, usize)) -> bool {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return false;
        }
        // SAFETY: AVX2 is there.
        unsafe { self.each_avx2(text, found) };
        true
    }

    /// One pass for all six anchor bytes, 64 bytes at a time: in code they are dense
    /// enough (one byte in 35) that `memchr3`'s restart after each costs more than the
    /// search.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn each_avx2(&self, text: &[u8], found: &mut impl FnMut(usize, usize)) {
        use std::arch::x86_64::*;
        let splat = |b: u8| _mm256_set1_epi8(b as i8);
        let a = (*ANCHORS).map(splat);
        // Bit `hi` of a nibble table's row (see `nibbles_before`), lane by lane.
        let bit = _mm256_setr_epi8(
            1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, -128, 0,
            0, 0, 0, 0, 0, 0, 0,
        );
        let low = _mm256_set1_epi8(0x0f);
        let zero = _mm256_setzero_si256();
        let table = |t: &[u8; 16]| {
            // SAFETY: 16 bytes.
            let t = unsafe { _mm_loadu_si128(t.as_ptr().cast()) };
            _mm256_broadcastsi128_si256(t)
        };
        // A vector's low nibbles, and the bit its high nibble picks in a nibble table's row.
        let nibbles = |v: __m256i| {
            let hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low);
            (_mm256_and_si256(v, low), _mm256_shuffle_epi8(bit, hi))
        };
        // 0xff where the byte is not in the set.
        let outside = |(lo, bit): (__m256i, __m256i), set: __m256i| {
            _mm256_cmpeq_epi8(_mm256_and_si256(_mm256_shuffle_epi8(set, lo), bit), zero)
        };
        // The dense anchors `:` and `.` are kept only next to a byte a keyword has there
        // (this turns most of them away in code).
        let dense = [
            (
                a[3],
                table(&self.nibbles_before[3]),
                table(&self.nibbles_after[3]),
            ),
            (
                a[4],
                table(&self.nibbles_before[4]),
                table(&self.nibbles_after[4]),
            ),
        ];
        // The anchor bytes of the 32 at `i` worth a look, as bits.
        let block = |i: usize| -> u32 {
            // SAFETY: the callers keep 1 <= i and i + 33 <= text.len().
            let (prev, v, next) = unsafe {
                let at = text.as_ptr().add(i);
                (
                    _mm256_loadu_si256(at.sub(1).cast()),
                    _mm256_loadu_si256(at.cast()),
                    _mm256_loadu_si256(at.add(1).cast()),
                )
            };
            // `_` is let through: in code it mostly follows a letter, as in keywords.
            let mut eq = _mm256_or_si256(
                _mm256_or_si256(_mm256_cmpeq_epi8(v, a[0]), _mm256_cmpeq_epi8(v, a[1])),
                _mm256_or_si256(_mm256_cmpeq_epi8(v, a[2]), _mm256_cmpeq_epi8(v, a[5])),
            );
            let (before, after) = (nibbles(prev), nibbles(next));
            for (anchor, before_set, after_set) in dense {
                let alone =
                    _mm256_and_si256(outside(before, before_set), outside(after, after_set));
                eq = _mm256_or_si256(eq, _mm256_andnot_si256(alone, _mm256_cmpeq_epi8(v, anchor)));
            }
            _mm256_movemask_epi8(eq) as u32
        };
        let mut i = 2.min(text.len());
        for p in 0..i {
            if self.class[text[p] as usize] != 0 {
                self.look(text, p, found);
            }
        }
        let mut near = [0; 64];
        while i + 66 <= text.len() {
            let mask = block(i) as u64 | (block(i + 32) as u64) << 32;
            if mask != 0 {
                self.sift(text, mask, i, &mut near, found);
            }
            i += 64;
        }
        while i + 34 <= text.len() {
            let mask = block(i) as u64;
            if mask != 0 {
                self.sift(text, mask, i, &mut near, found);
            }
            i += 32;
        }
        for p in i..text.len() {
            if self.class[text[p] as usize] != 0 {
                self.look(text, p, found);
            }
        }
    }
}

/// WebAssembly's 128-bit SIMD for Teddy (`super::teddy`): a load and a store of 16 bytes,
/// sound by their types (16 readable bytes, 16 writable bytes; neither needs alignment).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(super) mod wasm {
    use core::arch::wasm32::{v128, v128_load, v128_store};

    /// Sixteen bytes as a vector.
    pub(in crate::scan::secrets) fn load(bytes: &[u8; 16]) -> v128 {
        // SAFETY: `bytes` is 16 readable bytes.
        unsafe { v128_load(bytes.as_ptr().cast()) }
    }

    /// A vector's sixteen bytes.
    pub(in crate::scan::secrets) fn lanes(v: v128) -> [u8; 16] {
        let mut out = [0u8; 16];
        // SAFETY: `out` is 16 writable bytes.
        unsafe { v128_store(out.as_mut_ptr().cast(), v) };
        out
    }
}
