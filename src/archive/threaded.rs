//! Natively, decompression on a thread of its own, handing over 1 MB chunks.

use std::io::BufRead;
use std::sync::mpsc;

use super::ArchiveError;
use super::inflate::{Inflater, reserve_within};

/// Decompressed bytes handed over at a time: small enough that work on a file starts
/// soon after it arrives, large enough that handing over costs nothing.
pub const CHUNK: usize = 1 << 20;

/// Chunks decompression may run ahead of the work on them: enough that a slow stretch of
/// that work (a large file's secrets, a map's `mappings`) does not stop decompression,
/// few enough that the package is not held twice.
const AHEAD: usize = 16;

type Chunk = (Vec<u8>, u64, Result<bool, ArchiveError>);

pub struct Inflating {
    full: mpsc::Receiver<Chunk>,
    /// Chunks go back to be filled again, so at most AHEAD + 1 buffers are ever made.
    empty: mpsc::Sender<Vec<u8>>,
    consumed: u64,
}

impl Inflating {
    /// Starts decompressing `input`. Dropping the result stops the thread at its next
    /// chunk.
    pub fn spawn(input: Box<dyn BufRead + Send>) -> Inflating {
        let (full_tx, full) = mpsc::sync_channel::<Chunk>(AHEAD);
        let (empty, empty_rx) = mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            let mut inflater = Inflater::new(input);
            loop {
                let mut chunk = empty_rx
                    .try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
                chunk.clear();
                let result = inflater.read(&mut chunk, CHUNK);
                let end = !matches!(result, Ok(true));
                if full_tx.send((chunk, inflater.consumed(), result)).is_err() || end {
                    return;
                }
            }
        });
        Inflating {
            full,
            empty,
            consumed: 0,
        }
    }

    /// Appends chunks to `data` until about `budget` bytes came (at least one chunk,
    /// waiting for it) or the stream ended.
    pub fn receive(
        &mut self,
        data: &mut Vec<u8>,
        budget: usize,
        room: usize,
    ) -> Result<bool, ArchiveError> {
        let mut got = 0;
        loop {
            let next = if got == 0 {
                self.full
                    .recv()
                    .map_err(|_| mpsc::TryRecvError::Disconnected)
            } else {
                self.full.try_recv()
            };
            let (chunk, consumed, result) = match next {
                Ok(chunk) => chunk,
                // The thread is busy: come back for more.
                Err(mpsc::TryRecvError::Empty) => return Ok(true),
                // It sends its last chunk before it ends, so this is a thread that died.
                Err(mpsc::TryRecvError::Disconnected) => {
                    return Err(ArchiveError::TruncatedGzip {
                        decompressed: data.len() as u64,
                        detail: "decompression stopped".into(),
                    });
                }
            };
            reserve_within(data, chunk.len(), room.saturating_sub(got));
            data.extend_from_slice(&chunk);
            got += chunk.len();
            self.consumed = consumed;
            let _ = self.empty.send(chunk);
            if !matches!(result, Ok(true)) || got >= budget {
                return result;
            }
        }
    }

    pub fn consumed(&self) -> u64 {
        self.consumed
    }
}
