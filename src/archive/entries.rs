//! The tar stream's entries, found as its bytes arrive, then made package-relative.

use std::collections::HashMap;

use super::{ArchiveError, ArchiveLink, Entry, LinkKind, Partial, TarFile};
use crate::limits::Limits;

/// The bytes before the first NUL.
fn until_nul(bytes: &[u8]) -> &[u8] {
    memchr::memchr(0, bytes).map_or(bytes, |at| &bytes[..at])
}

/// Whether an entry of this kind is a regular file (a contiguous one is one too).
fn is_file(kind: tar::EntryType) -> bool {
    kind.is_file() || kind == tar::EntryType::Continuous
}

/// The beginning of a path from the package, for a message: at most 60 characters.
pub(super) fn beginning(path: &str) -> String {
    beginning_of(path, 60)
}

/// At most `max` characters of `text`, with `…` when it was cut.
pub(super) fn beginning_of(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// A link of the archive as it was found: cleaned path, top folder still on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct LinkFound {
    pub path: String,
    pub target: String,
    pub hard: bool,
}

/// The tar's regular files, found as its bytes arrive.
#[derive(Default)]
pub(super) struct TarIndex {
    files: Vec<TarFile>,
    /// Symbolic and hard links: listed, never followed.
    links: Vec<LinkFound>,
    open: Option<TarFile>,
    /// Where the next header starts.
    next: usize,
    /// Reading stopped: at the end-of-archive marker, or at a limit.
    ended: bool,
    /// The end-of-archive marker was seen: the package is all there, and what follows it
    /// (the rest of the gzip stream, trailing garbage) is not part of it, for npm or tar.
    marker: bool,
    /// Entries of every kind read so far, for the limit.
    seen: usize,
    /// Where the entry being decompressed ends: until the data reaches it there is nothing
    /// new to index (its header is not read again for every chunk).
    waiting: Option<usize>,
    /// The paths are the archive's own: no shared top folder is dropped (a zip's root is
    /// its package's, where a tarball's is `package/`).
    keep_top: bool,
}

impl TarIndex {
    /// Indexes every file whose content is in `data`. Until `complete`, a header or an
    /// entry cut off by the end of `data` is just not there yet; after it, the first fault
    /// is the error.
    pub(super) fn advance(
        &mut self,
        data: &[u8],
        complete: bool,
        limits: &Limits,
    ) -> Option<ArchiveError> {
        if !complete && self.waiting.is_some_and(|end| data.len() < end) {
            return None;
        }
        self.waiting = None;
        self.open = None;
        while !self.ended {
            match self.entry(data, complete, limits) {
                EntryStep::More => {}
                EntryStep::Wait => return None,
                EntryStep::Stop(error) => return error,
            }
        }
        None
    }

    /// Reads the entry at `next`: indexes it, waits for more of it, or stops.
    fn entry(&mut self, data: &[u8], complete: bool, limits: &Limits) -> EntryStep {
        // `next` may lie past the data while the last padding has not arrived.
        let rest = data.get(self.next..).unwrap_or_default();
        let arrived = headers_arrived(rest, limits);
        if !complete && arrived.is_none() {
            return EntryStep::Wait;
        }
        if let Some(step) = self.refuse_headers(arrived, complete, data.len(), limits) {
            return step;
        }
        // A fresh reader per entry: it never skips (copies) content it does not need.
        let mut archive = tar::Archive::new(rest);
        let mut iter = match archive.entries() {
            Ok(iter) => iter,
            Err(e) => return EntryStep::Stop(complete.then(|| self.broken(e.to_string()))),
        };
        let entry = match iter.next() {
            None => return self.zero_block(rest, complete),
            // The headers are all there: a fault in them is final, and reading stops at it
            // rather than decompressing the rest for nothing.
            Some(Err(e)) => return self.end(self.broken(e.to_string())),
            Some(Ok(entry)) => entry,
        };
        if self.seen == limits.max_entries {
            return self.end(ArchiveError::TooManyEntries {
                limit: limits.max_entries,
            });
        }
        let start = self.next + entry.raw_file_position() as usize;
        match entry_path(&entry, start, limits) {
            Ok(path) => self.add(&entry, path, start, data.len(), complete, limits),
            Err(stop) => self.end(stop),
        }
    }

    /// Stops at headers that cannot be read on: an extension larger than a path may be, a
    /// sparse file, an archive that ends inside its last padding.
    fn refuse_headers(
        &mut self,
        arrived: Option<Arrived>,
        complete: bool,
        data_len: usize,
        limits: &Limits,
    ) -> Option<EntryStep> {
        match arrived {
            Some(Arrived::Oversized { kind, size, name }) => {
                Some(self.end(oversized(kind, size, &name, limits)))
            }
            // Its size is what it expands to, not what it takes in the tar: reading on
            // would misplace every entry after it. npm never writes one.
            Some(Arrived::Header(tar::EntryType::GNUSparse)) => Some(
                self.end(self.broken("it holds a GNU sparse file, which npm never writes".into())),
            ),
            _ if complete && self.next > data_len => Some(EntryStep::Stop(Some(
                self.broken("the archive ends inside the padding of its last file".into()),
            ))),
            _ => None,
        }
    }

    /// A zero block where a header would be. Within a whole block, npm's tar (node-tar)
    /// ends the archive at two in a row and reads on after a lone one, so this does too: a
    /// file placed after a lone zero block is installed, and must be read.
    fn zero_block(&mut self, rest: &[u8], complete: bool) -> EntryStep {
        if rest.len() < 512 {
            if complete {
                self.ended = true;
                self.marker = false;
                return EntryStep::Stop(None);
            }
            return EntryStep::Wait;
        }
        match rest.get(512..1024) {
            None if !complete => EntryStep::Wait,
            Some(next) if next.iter().any(|&b| b != 0) => {
                self.next += 512;
                EntryStep::More
            }
            _ => {
                self.ended = true;
                self.marker = true;
                EntryStep::Stop(None)
            }
        }
    }

    /// Indexes one entry whose headers are read: a link is listed, a file's content waited
    /// for until it has all arrived.
    fn add(
        &mut self,
        entry: &tar::Entry<&[u8]>,
        path: String,
        start: usize,
        data_len: usize,
        complete: bool,
        limits: &Limits,
    ) -> EntryStep {
        let kind = entry.header().entry_type();
        // Larger than memory (a 32-bit page) is as cut off as larger than the data.
        let size = usize::try_from(entry.size()).unwrap_or(usize::MAX);
        let end = start.saturating_add(size);
        if (kind.is_symlink() || kind.is_hard_link()) && !path.is_empty() && end <= data_len {
            let target = entry
                .link_name_bytes()
                .map(|t| String::from_utf8_lossy(until_nul(&t)).into_owned())
                .unwrap_or_default();
            self.links.push(LinkFound {
                path: path.clone(),
                target: beginning_of(&target, limits.max_path_length),
                hard: kind.is_hard_link(),
            });
        }
        let file = (is_file(kind) && !path.is_empty()).then_some(TarFile {
            path,
            range: start..end,
        });
        if end > data_len {
            if complete {
                let path = file.map_or_else(|| "an entry".into(), |f| f.path);
                return EntryStep::Stop(Some(
                    self.broken(format!("the content of {path} is cut off")),
                ));
            }
            self.open = file;
            self.waiting = Some(end);
            return EntryStep::Wait;
        }
        self.files.extend(file);
        self.seen += 1;
        self.next = start + size.next_multiple_of(512);
        EntryStep::More
    }

    /// Reading stops here, for good.
    fn end(&mut self, error: ArchiveError) -> EntryStep {
        self.ended = true;
        EntryStep::Stop(Some(error))
    }

    fn broken(&self, detail: String) -> ArchiveError {
        ArchiveError::BrokenTar {
            entries_read: self.files.len(),
            detail,
        }
    }

    /// An index of files read whole elsewhere (a zip's): nothing more will come.
    pub(super) fn whole(files: Vec<TarFile>, links: Vec<LinkFound>) -> TarIndex {
        TarIndex {
            files,
            links,
            ended: true,
            marker: true,
            keep_top: true,
            ..TarIndex::default()
        }
    }

    /// The files and links found, to add the files of the archives inside them.
    pub(super) fn found_mut(&mut self) -> (&mut Vec<TarFile>, &mut Vec<LinkFound>) {
        (&mut self.files, &mut self.links)
    }

    /// The end-of-archive marker was seen: what follows is not part of the package.
    pub(super) fn at_marker(&self) -> bool {
        self.marker
    }

    /// The package-relative entries, their index by path, and the links.
    pub(super) fn into_entries(self) -> (Vec<Entry>, HashMap<String, usize>, Vec<ArchiveLink>) {
        package_entries(self.files, self.links, self.keep_top)
    }

    pub(super) fn partial<'a>(&'a self, data: &'a [u8], complete: bool) -> Partial<'a> {
        Partial {
            data,
            files: &self.files,
            open: self.open.as_ref(),
            complete,
        }
    }
}

/// The error for an extension header larger than a path may be: a GNU long name is a path
/// too long; a PAX header so large is refused at the same limit.
fn oversized(kind: tar::EntryType, size: u64, name: &str, limits: &Limits) -> ArchiveError {
    if kind.is_gnu_longname() || kind.is_gnu_longlink() {
        ArchiveError::PathTooLong {
            path: beginning(&crate::path::clean_segments(name).join("/")),
            length: usize::try_from(size).unwrap_or(usize::MAX),
            limit: limits.max_path_length,
        }
    } else {
        ArchiveError::ExtensionTooLarge {
            size,
            limit: limits.max_path_length,
        }
    }
}

/// What one entry's reading comes to.
enum EntryStep {
    /// Indexed: on to the next.
    More,
    /// Not all there yet.
    Wait,
    /// No further: at the end, or at this fault.
    Stop(Option<ArchiveError>),
}

/// An entry's cleaned path, or the limit it crosses: a path too long or too deep, a header
/// that says the archive would grow past its limit, a file too large.
fn entry_path(
    entry: &tar::Entry<&[u8]>,
    start: usize,
    limits: &Limits,
) -> Result<String, ArchiveError> {
    let raw_path = entry.path_bytes();
    // A name ends at its first NUL, as C tools read it (a long name or a PAX path can hold
    // one).
    let raw_path = until_nul(&raw_path);
    let too_long = raw_path.len() > limits.max_path_length;
    // Of a name too long, only its start is cleaned, for the message.
    let raw = String::from_utf8_lossy(if too_long {
        &raw_path[..raw_path.len().min(1024)]
    } else {
        raw_path
    });
    let segments = crate::path::clean_segments(&raw);
    let path = segments.join("/");
    if too_long {
        return Err(ArchiveError::PathTooLong {
            path: beginning(&path),
            length: raw_path.len(),
            limit: limits.max_path_length,
        });
    }
    if segments.len() > limits.max_path_depth {
        return Err(ArchiveError::PathTooDeep {
            path: beginning(&path),
            depth: segments.len(),
            limit: limits.max_path_depth,
        });
    }
    if (start as u64).saturating_add(entry.size()) > limits.max_unpacked {
        // A bomb is usually one huge file: its header says already that the archive would
        // cross the limit, so nothing of it is inflated (whatever its kind: the reader skips
        // the size of any entry).
        return Err(ArchiveError::TooLarge {
            limit: limits.max_unpacked,
        });
    }
    if is_file(entry.header().entry_type()) && entry.size() > limits.max_file_size {
        return Err(ArchiveError::FileTooLarge {
            path: beginning(&path),
            size: entry.size(),
            limit: limits.max_file_size,
        });
    }
    Ok(path)
}

/// Whether the headers of the next entry are all in `rest`: its extension headers (long
/// names, PAX) with their data, and the entry's own header. Reading them before would copy
/// an extension's data again for every chunk that arrives while it is incomplete.
///
/// Gives the type of the entry's own header once they have.
fn headers_arrived(rest: &[u8], limits: &Limits) -> Option<Arrived> {
    let mut at = 0;
    loop {
        let block = rest.get(at..at + 512)?;
        let header = tar::Header::from_byte_slice(block);
        let kind = header.entry_type();
        let extension = matches!(
            kind,
            tar::EntryType::GNULongName
                | tar::EntryType::GNULongLink
                | tar::EntryType::XHeader
                | tar::EntryType::XGlobalHeader
        );
        if !extension {
            return Some(Arrived::Header(kind));
        }
        // A size that cannot be read is the tar reader's to report.
        let Ok(size) = header.entry_size() else {
            return Some(Arrived::Header(kind));
        };
        // The tar reader copies an extension whole before anything can look at it: one
        // larger than any path Leakscope reads (a PAX header may carry a few other records)
        // is refused here, before that copy.
        let most = limits.max_path_length as u64 + EXTENSION_SLACK;
        if size > most {
            // Its start, for the message, the same however the stream is cut into chunks.
            let start = at + 512;
            let name = rest.get(start..start + 1024)?;
            return Some(Arrived::Oversized {
                kind,
                size,
                name: String::from_utf8_lossy(until_nul(name)).into_owned(),
            });
        }
        at = usize::try_from(size)
            .ok()
            .and_then(|s| s.checked_next_multiple_of(512))
            .and_then(|s| (at + 512).checked_add(s))?;
    }
}

/// Bytes an extended header may hold beyond the longest path Leakscope reads.
const EXTENSION_SLACK: u64 = 64 << 10;

/// What the headers of the next entry say, once they have all arrived.
enum Arrived {
    Header(tar::EntryType),
    /// A GNU long name or PAX header larger than a path may be.
    Oversized {
        kind: tar::EntryType,
        size: u64,
        /// The start of what it holds (a long name's first bytes).
        name: String,
    },
}

/// Package-relative entries: the top folder all files and links share (`package/`,
/// `node/`, whatever its name) is dropped; a later duplicate replaces an earlier one, as
/// `tar -x` would.
fn package_entries(
    found: Vec<TarFile>,
    links: Vec<LinkFound>,
    keep_top: bool,
) -> (Vec<Entry>, HashMap<String, usize>, Vec<ArchiveLink>) {
    let paths = || {
        found
            .iter()
            .map(|f| f.path.as_str())
            .chain(links.iter().map(|l| l.path.as_str()))
    };
    let top = paths()
        .next()
        .and_then(|p| p.split_once('/'))
        .map(|(t, _)| t.to_string());
    let shared = top
        .filter(|_| !keep_top)
        .filter(|t| paths().all(|p| p.split_once('/').is_some_and(|(first, _)| first == t)));
    let relative = |path: String| match &shared {
        Some(top) => path[top.len() + 1..].to_string(),
        None => path,
    };
    let mut entries: Vec<Entry> = Vec::with_capacity(found.len());
    let mut by_path = HashMap::with_capacity(found.len());
    for (tar_index, TarFile { path, range }) in found.into_iter().enumerate() {
        let path = relative(path);
        let entry = Entry {
            path: path.clone(),
            range,
            tar_index,
        };
        match by_path.get(&path) {
            Some(&i) => entries[i] = entry,
            None => {
                by_path.insert(path, entries.len());
                entries.push(entry);
            }
        }
    }
    let links = links
        .into_iter()
        .map(|l| {
            let escapes = link_escapes(&l, shared.as_deref());
            ArchiveLink {
                path: relative(l.path),
                target: l.target,
                kind: if l.hard {
                    LinkKind::Hard
                } else {
                    LinkKind::Symbolic
                },
                escapes,
            }
        })
        .collect();
    (entries, by_path, links)
}

/// Whether a link points outside the package (`top` is the folder the package is in, when
/// the tar has one): an absolute target or a drive letter, or one that climbs above the
/// package's root. A symbolic link's target is relative to its folder, a hard link's to
/// the root of the tar.
fn link_escapes(link: &LinkFound, top: Option<&str>) -> bool {
    let target = link.target.as_str();
    if target.starts_with(['/', '\\']) || crate::path::starts_with_drive(target) {
        return true;
    }
    let mut at: Vec<&str> = if link.hard {
        Vec::new()
    } else {
        link.path.split('/').collect()
    };
    if !link.hard {
        at.pop();
    }
    for part in target.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if at.pop().is_none() {
                    return true;
                }
            }
            p => at.push(p),
        }
    }
    // Inside the tar, but outside the package's folder.
    top.is_some_and(|top| at.first() != Some(&top))
}
