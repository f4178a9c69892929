//! gzip, decompressed a slice at a time into the package's one buffer.

use std::io::{BufRead, Read};

use super::ArchiveError;

/// A gzip stream decompressed a slice at a time. npm tarballs are one gzip member; a
/// multi-member file is still valid gzip and is read whole.
///
/// zlib's own gzip reader (CRC and length checked) is driven directly, rather than through
/// a `Read` adapter: at a damaged block an adapter drops what its last call had decoded, so
/// how much of the package came through would depend on the size of the reads (the page's
/// steps, the CLI's chunks). Here everything decoded before the fault is kept, however the
/// stream is read.
pub struct Inflater<R: BufRead> {
    input: Counted<R>,
    zlib: flate2::Decompress,
    /// Decompressed bytes so far.
    out: u64,
    /// Inside a member: some of it was read, its end not yet.
    in_member: bool,
    /// The input is used up at the end of a member.
    done: bool,
}

impl<R: BufRead> Inflater<R> {
    pub fn new(input: R) -> Inflater<R> {
        Inflater {
            input: Counted {
                inner: input,
                consumed: 0,
            },
            zlib: flate2::Decompress::new_gzip(15),
            out: 0,
            in_member: false,
            done: false,
        }
    }

    /// Decompresses up to `budget` more bytes onto the end of `out`. `Ok(true)` while more
    /// may follow, `Ok(false)` at the end of the stream.
    pub fn read(&mut self, out: &mut Vec<u8>, budget: usize) -> Result<bool, ArchiveError> {
        self.read_within(out, budget, usize::MAX)
    }

    /// [`Inflater::read`], growing `out` by no more than `room` bytes past its length
    /// (`room` at least `budget`): the buffer never doubles past a limit.
    pub fn read_within(
        &mut self,
        out: &mut Vec<u8>,
        budget: usize,
        room: usize,
    ) -> Result<bool, ArchiveError> {
        let start = out.len();
        while out.len() - start < budget {
            if self.done {
                return Ok(false);
            }
            let left = budget - (out.len() - start);
            let input = match self.input.fill_buf() {
                Ok(input) => input,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.fault(&e.to_string())),
            };
            // Input used up: the end, between members; inside one, zlib may still hold
            // output it can give without more (the rest of a copy), and is asked for it.
            let at_end = input.is_empty();
            if at_end && !self.in_member {
                self.done = true;
                return Ok(false);
            }
            let (in_before, out_before) = (self.zlib.total_in(), self.zlib.total_out());
            let flush = flate2::FlushDecompress::None;
            let spare = out.capacity() - out.len();
            let result = if spare == 0 {
                // Full: grow only once more has really come (the stream may end here).
                // Within the room already set aside otherwise, so that a buffer sized from
                // the gzip trailer's claim is not doubled for its last slice.
                let mut probe = [0u8; 4096];
                let take = left.min(probe.len());
                let result = self.zlib.decompress(input, &mut probe[..take], flush);
                let n = (self.zlib.total_out() - out_before) as usize;
                reserve_within(out, n, room.saturating_sub(out.len() - start));
                out.extend_from_slice(&probe[..n]);
                result
            } else {
                let at = out.len();
                out.resize(at + left.min(spare).min(SLICE), 0);
                let result = self.zlib.decompress(input, &mut out[at..], flush);
                out.truncate(at + (self.zlib.total_out() - out_before) as usize);
                result
            };
            let consumed = (self.zlib.total_in() - in_before) as usize;
            let produced = self.zlib.total_out() - out_before;
            self.input.consume(consumed);
            self.out += produced;
            self.in_member |= consumed > 0;
            match result {
                Ok(flate2::Status::StreamEnd) => {
                    // The next member, if more follows.
                    self.zlib = flate2::Decompress::new_gzip(15);
                    self.in_member = false;
                }
                // No progress, with room to write: a stream cut short, or one that cannot
                // go on.
                Ok(_) if consumed == 0 && produced == 0 => {
                    return Err(self.fault(if at_end {
                        STREAM_CUT
                    } else {
                        "corrupt deflate stream"
                    }));
                }
                Ok(_) => {}
                // zlib's own words depend on where in its work the fault turned up (the
                // same stream read in other sizes may give another), so they are not used.
                Err(_) => return Err(self.fault("corrupt deflate stream")),
            }
        }
        Ok(true)
    }

    fn fault(&mut self, detail: &str) -> ArchiveError {
        self.done = true;
        ArchiveError::TruncatedGzip {
            decompressed: self.out,
            detail: detail.to_string(),
        }
    }

    /// Compressed bytes consumed so far.
    pub fn consumed(&self) -> u64 {
        self.input.consumed
    }
}

/// The detail of a gzip stream that ends before its end.
pub(super) const STREAM_CUT: &str = "the stream ends before its end marker";

/// Room made in the output per read call.
const SLICE: usize = 1 << 20;

/// Makes room for `n` more bytes in `out`, doubling as a `Vec` would but by no more than
/// `most` (at least `n`): a buffer near its limit is not doubled past it (a 1 GiB one would
/// ask for 2 GiB, more than the page's memory allows).
pub(super) fn reserve_within(out: &mut Vec<u8>, n: usize, most: usize) {
    if out.capacity() - out.len() >= n {
        return;
    }
    let grow = out.capacity().max(SLICE).min(most).max(n);
    out.reserve_exact(grow);
}

/// A reader that counts what has been taken from it, for progress.
struct Counted<R> {
    inner: R,
    consumed: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.consumed += n as u64;
        self.inner.consume(n);
    }
}

/// The uncompressed size a gzip trailer (`ISIZE`, the last 4 bytes) claims for a file of
/// `len` bytes, when it is plausible.
pub fn claimed_size(len: usize, trailer: [u8; 4]) -> Option<usize> {
    let hint = u32::from_le_bytes(trailer) as usize;
    (hint >= len && hint <= len.saturating_mul(64)).then_some(hint)
}

/// The claim of an in-memory gzip file's trailer.
pub(super) fn size_hint(input: &[u8]) -> Option<usize> {
    let trailer = input.get(input.len().checked_sub(4)?..)?;
    claimed_size(input.len(), trailer.try_into().expect("4 bytes"))
}
