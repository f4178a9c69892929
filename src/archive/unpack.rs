//! A package being read a step at a time: decompression (inline, on a thread of its own, or
//! pushed by the caller) into one buffer, and the index of the files that have arrived.

use std::io::BufRead;
#[cfg(not(target_arch = "wasm32"))]
use std::io::Read;
use std::sync::Arc;

use super::entries::TarIndex;
use super::inflate::{Inflater, reserve_within, size_hint};
use super::{Archive, ArchiveError, Container, Format, Partial, ReadNotes, sniff, zip};
#[cfg(not(target_arch = "wasm32"))]
use super::{GZIP_MAGIC, inflate::claimed_size, threaded};
use crate::limits::Limits;

/// Most memory set aside up front from the trailer's claim, which a damaged or hostile
/// file controls; beyond it the buffer grows as real data arrives.
const MAX_PRESIZE: usize = 256 << 20;

/// The buffer for a gzip stream's content, sized from the trailer's claim within reason
/// (and within the limit).
fn tar_buffer(claimed: Option<usize>, input_len: usize, limits: &Limits) -> Vec<u8> {
    let limit = usize::try_from(limits.max_unpacked)
        .unwrap_or(usize::MAX)
        .saturating_add(1);
    Vec::with_capacity(
        claimed
            .unwrap_or(input_len.saturating_mul(4))
            .min(MAX_PRESIZE)
            .min(limit),
    )
}

/// Bytes shared with whoever else reads them (natively, the digest thread).
struct SharedBytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Where an [`Unpack`]'s tar bytes come from.
enum Feed {
    /// A gzip stream decompressed in [`Unpack::step`] (boxed: the decoder's state is large).
    Inline(Box<Inflater<Box<dyn BufRead>>>),
    /// Natively: decompressed on a thread of its own.
    #[cfg(not(target_arch = "wasm32"))]
    Thread(threaded::Inflating),
    /// Pushed by the caller ([`Unpack::push`]) until [`Unpack::end`].
    Pushed,
    /// All there is, is in the buffer.
    Done,
}

/// A package being read: decompression into one buffer, and the index of the files that
/// have arrived. [`Unpack::step`] until it returns false, then [`Unpack::finish`].
pub struct Unpack {
    feed: Feed,
    data: Vec<u8>,
    index: TarIndex,
    limits: Limits,
    input_len: u64,
    consumed: u64,
    /// Why reading stopped early, once it has.
    error: Option<ArchiveError>,
    /// Set when the input is not a package at all: nothing is read.
    foreign: bool,
    /// What a zip's reading said beyond its files.
    read: ReadNotes,
    /// An archive inside a package: the archives inside it are not opened in turn.
    flat: bool,
}

impl Unpack {
    /// A package in memory. Natively a gzip stream is decompressed on a thread of its own.
    pub fn bytes(input: Arc<Vec<u8>>, limits: Limits) -> Unpack {
        let input_len = input.len() as u64;
        match sniff(&input[..input.len().min(512)]) {
            Ok(Format::Tar) => {
                let mut data = Arc::try_unwrap(input).unwrap_or_else(|shared| (*shared).clone());
                let too_large = input_len > limits.max_unpacked;
                data.truncate(limits.max_unpacked.min(input_len) as usize);
                let mut unpack = Unpack::new(Feed::Done, data, limits, input_len);
                unpack.consumed = input_len;
                unpack.index_arrived();
                // A fault the index found lies before the limit.
                if too_large && unpack.error.is_none() {
                    unpack.error = Some(ArchiveError::TooLarge {
                        limit: limits.max_unpacked,
                    });
                    unpack.settle();
                }
                unpack
            }
            Ok(Format::Gzip) => {
                let data = tar_buffer(size_hint(&input), input.len(), &limits);
                let reader = std::io::Cursor::new(SharedBytes(input));
                #[cfg(not(target_arch = "wasm32"))]
                let feed = Feed::Thread(threaded::Inflating::spawn(Box::new(reader)));
                #[cfg(target_arch = "wasm32")]
                let feed = Feed::Inline(Box::new(Inflater::new(Box::new(reader))));
                Unpack::new(feed, data, limits, input_len)
            }
            Ok(format @ (Format::Zip | Format::Crx)) => Unpack::zip(&input, format, limits),
            Err(e) => Unpack::foreign(e, input_len),
        }
    }

    /// A zip (or a CRX's zip after its header), inflated at once: a zip's list of files is
    /// at its end, so nothing can be shown before all of it is there.
    fn zip(input: &[u8], format: Format, limits: Limits) -> Unpack {
        let start = match format {
            Format::Crx => zip::crx_zip_start(input),
            _ => Some(0),
        };
        let Some(start) = start else {
            return Unpack::foreign(ArchiveError::BadCrx, input.len() as u64);
        };
        let contents = zip::read(&input[start..], &limits);
        let mut unpack = Unpack::new(Feed::Done, contents.data, limits, input.len() as u64);
        unpack.index = TarIndex::whole(contents.files, contents.links);
        unpack.error = contents.error;
        unpack.consumed = input.len() as u64;
        unpack.read = ReadNotes {
            unread: contents.unread,
            container: if format == Format::Crx {
                Container::Crx
            } else {
                Container::Zip
            },
        };
        unpack
    }

    /// A gzip stream read as it decompresses, in [`Unpack::step`] (the page's worker reads
    /// the dropped file this way); `claimed` is the trailer's size claim.
    pub fn inline(
        input: Box<dyn BufRead>,
        input_len: u64,
        claimed: Option<usize>,
        limits: Limits,
    ) -> Unpack {
        let data = tar_buffer(claimed, input_len as usize, &limits);
        Unpack::new(
            Feed::Inline(Box::new(Inflater::new(input))),
            data,
            limits,
            input_len,
        )
    }

    /// Natively: a file, read as it decompresses on a thread of its own, so the compressed
    /// bytes are never held whole. Fails only when the file cannot be read.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn file(mut file: std::fs::File, limits: Limits) -> std::io::Result<Unpack> {
        use std::io::{Seek, SeekFrom};
        let len = file.metadata()?.len();
        let mut head = [0u8; 2];
        let head_len = file.read(&mut head)?;
        if len < 18 || head[..head_len] != *GZIP_MAGIC {
            // Not gzip (or too short to be): read it all and let the ordinary path say what.
            file.seek(SeekFrom::Start(0))?;
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes)?;
            return Ok(Unpack::bytes(Arc::new(bytes), limits));
        }
        let mut trailer = [0u8; 4];
        file.seek(SeekFrom::End(-4))?;
        file.read_exact(&mut trailer)?;
        file.seek(SeekFrom::Start(0))?;
        let data = tar_buffer(claimed_size(len as usize, trailer), len as usize, &limits);
        let reader = std::io::BufReader::with_capacity(threaded::CHUNK, file);
        let feed = Feed::Thread(threaded::Inflating::spawn(Box::new(reader)));
        Ok(Unpack::new(feed, data, limits, len))
    }

    /// Tar bytes that something else decompresses and [`Unpack::push`]es; `input_len` is
    /// the compressed size, for progress, and `claimed` the decompressed size if known.
    pub fn fed(input_len: u64, claimed: Option<usize>, limits: Limits) -> Unpack {
        Unpack::new(
            Feed::Pushed,
            tar_buffer(claimed, input_len as usize, &limits),
            limits,
            input_len,
        )
    }

    /// An input that is not a package: nothing to read.
    pub fn foreign(error: ArchiveError, input_len: u64) -> Unpack {
        let mut unpack = Unpack::new(Feed::Done, Vec::new(), Limits::default(), input_len);
        unpack.error = Some(error);
        unpack.foreign = true;
        unpack.consumed = input_len;
        unpack
    }

    fn new(feed: Feed, data: Vec<u8>, limits: Limits, input_len: u64) -> Unpack {
        Unpack {
            feed,
            data,
            index: TarIndex::default(),
            limits,
            input_len,
            consumed: 0,
            error: None,
            foreign: false,
            read: ReadNotes::default(),
            flat: false,
        }
    }

    /// Reads on by up to about `budget` decompressed bytes; false once nothing more will
    /// come (natively this waits for the decompression thread).
    pub fn step(&mut self, budget: usize) -> bool {
        if self.error.is_some() {
            self.feed = Feed::Done;
        }
        let room = self.room();
        let budget = budget.min(room);
        let result = match &mut self.feed {
            Feed::Done => return false,
            Feed::Pushed => return true,
            Feed::Inline(inflater) => {
                let result = inflater.read_within(&mut self.data, budget.max(1), room);
                self.consumed = inflater.consumed();
                result
            }
            #[cfg(not(target_arch = "wasm32"))]
            Feed::Thread(thread) => {
                let result = thread.receive(&mut self.data, budget.max(1), room);
                self.consumed = thread.consumed();
                result
            }
        };
        self.after_read(result)
    }

    /// Appends decompressed tar bytes (for [`Unpack::fed`]); `consumed` is how much of the
    /// compressed input they took, for progress.
    pub fn push(&mut self, chunk: &[u8], consumed: u64) {
        if self.error.is_some() || self.index.at_marker() {
            self.consumed = consumed;
            return;
        }
        let room = self.room();
        let take = chunk.len().min(room);
        reserve_within(&mut self.data, take, room);
        self.data.extend_from_slice(&chunk[..take]);
        self.consumed = consumed;
        let _ = self.after_read(Ok(true));
    }

    /// Whether more input would be read: false once the stream ended, the end-of-archive
    /// marker came, or a fault or limit stopped it (a feeder can stop then).
    pub fn wants_more(&self) -> bool {
        !matches!(self.feed, Feed::Done)
    }

    /// No more chunks will be pushed; `error` says why when the stream broke off.
    pub fn end(&mut self, error: Option<ArchiveError>) {
        self.consumed = self.input_len;
        if self.error.is_none() {
            self.error = error;
        }
        self.settle();
        self.feed = Feed::Done;
    }

    /// Bytes the limit still allows, plus one to notice going past it.
    fn room(&self) -> usize {
        let max = usize::try_from(self.limits.max_unpacked).unwrap_or(usize::MAX);
        max.saturating_add(1).saturating_sub(self.data.len())
    }

    fn after_read(&mut self, result: Result<bool, ArchiveError>) -> bool {
        let (more, read_error) = match result {
            Ok(more) => (more, None),
            Err(e) => (false, Some(e)),
        };
        let too_large = (self.data.len() as u64 > self.limits.max_unpacked).then(|| {
            self.data.truncate(self.limits.max_unpacked as usize);
            ArchiveError::TooLarge {
                limit: self.limits.max_unpacked,
            }
        });
        // The first fault in the stream is the cause, however much of it arrived at once:
        // one the index finds lies within the data, before the limit was crossed, which
        // came before the stream broke off.
        self.index_arrived();
        if self.error.is_none() {
            self.error = too_large.or(read_error);
        }
        self.settle();
        if !more || self.error.is_some() || self.index.at_marker() {
            // Dropping the feed stops a decompression thread at its next chunk.
            self.feed = Feed::Done;
        }
        more && self.error.is_none() && !self.index.at_marker()
    }

    fn index_arrived(&mut self) {
        if let Some(e) = self.index.advance(&self.data, false, &self.limits) {
            self.error.get_or_insert(e);
        }
        self.settle();
    }

    /// Past the end-of-archive marker nothing belongs to the package: a stream that breaks
    /// or grows too large after it was still read to its end.
    fn settle(&mut self) {
        if self.index.at_marker()
            && matches!(
                self.error,
                Some(ArchiveError::TruncatedGzip { .. } | ArchiveError::TooLarge { .. })
            )
        {
            self.error = None;
        }
    }

    /// What has arrived so far.
    pub fn partial(&self) -> Partial<'_> {
        self.index.partial(&self.data, false)
    }

    /// Compressed input bytes consumed so far.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    pub fn input_len(&self) -> u64 {
        self.input_len
    }

    /// Decompressed bytes so far.
    pub fn unpacked(&self) -> u64 {
        self.data.len() as u64
    }

    /// Indexes what is left and builds the archive; `last` sees the whole (`complete` set)
    /// before it is built.
    pub fn finish_with(mut self, last: impl FnOnce(Partial<'_>)) -> Archive {
        if self.foreign {
            return Archive {
                error: self.error,
                input_bytes: self.input_len,
                ..Archive::default()
            };
        }
        // Whatever is still to come, natively from the thread, is read first; pushing
        // ends here.
        if matches!(self.feed, Feed::Pushed) {
            self.feed = Feed::Done;
        }
        while self.step(usize::MAX) {}
        // A truncated gzip also breaks the tar at its end; the first fault is the cause.
        let tar_error = self.index.advance(&self.data, true, &self.limits);
        if self.read.container == Container::Tar && !self.flat {
            self.open_nested();
        }
        let error = self.error.or(tar_error);
        last(self.index.partial(&self.data, true));
        Archive::index(self.data, self.index, error, self.input_len, self.read)
    }

    pub fn finish(self) -> Archive {
        self.finish_with(|_| {})
    }

    /// Reads an archive found inside a package: the archives inside it stay files.
    pub(super) fn flat(mut self) -> Unpack {
        self.flat = true;
        self
    }

    /// The archives among a tarball's files (a jar, a wheel, a zip), opened one level deep
    /// as a zip's are: their files come after the tarball's own.
    fn open_nested(&mut self) {
        let (files, links) = self.index.found_mut();
        let mut found = zip::ZipContents {
            data: std::mem::take(&mut self.data),
            files: std::mem::take(files),
            links: std::mem::take(links),
            ..zip::ZipContents::default()
        };
        zip::open_nested(&mut found, &self.limits);
        let (files, links) = self.index.found_mut();
        (self.data, *files, *links) = (found.data, found.files, found.links);
        self.read.unread.extend(found.unread);
    }
}
