//! EVTX (Windows XML Event Log) framing. The file is a 4096-byte header (`ElfFile\0`) and then
//! 64 KiB chunks (`ElfChnk\0`), each holding whole records (`**\0\0`, a size, the record id,
//! a FILETIME, BinXML, the size again) and the string and template tables its records refer to.
//! A chunk is therefore the smallest unit that can be read on its own: engine chunks are runs
//! of whole EVTX chunks, and every pass reads each of them the same way.
//!
//! The records of an EVTX chunk are read with the `evtx` crate and rendered as JSON (the shape
//! `evtx_dump -o jsonl` writes). Each rendered record keeps the place of its binary record:
//! the file offset of its `**\0\0` and its size field, so reading `length` bytes at `offset`
//! gives the EVTX record back. Its `line` is its record number (the EventRecordID of its
//! record header), EVTX's equivalent of a line number.
//!
//! Damage costs records, never the file:
//! - a chunk slot that is all zeros is unused space, not records;
//! - a chunk without its header (bad magic) loses its records: one [`Item::Lost`] for each
//!   record found by walking record headers from the start of its records, or one for the
//!   whole chunk when none is found;
//! - in a chunk with a header, the record ids its header announces
//!   (`first_event_record_id..=last_event_record_id`) that could not be read (zeroed or
//!   broken record headers) are lost records, each with its id, located where the walk
//!   stopped; a record found but not renderable is lost at its own place.
//!
//! Checksums are not enforced (as `evtx_dump` does not by default): a chunk whose CRC32 does not
//! match still gives what can be read, and its losses say that it was damaged.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use evtx::err::EvtxError;
use evtx::{EvtxChunkData, ParserSettings};

use super::Chunk;

/// The file header's signature.
pub const FILE_MAGIC: &[u8; 8] = b"ElfFile\0";
/// Bytes before the first chunk.
pub const FILE_HEADER_SIZE: usize = 4096;
/// Bytes of one chunk.
pub const CHUNK_SIZE: usize = 65536;
const CHUNK_MAGIC: &[u8; 8] = b"ElfChnk\0";
const CHUNK_HEADER_SIZE: usize = 512;
const RECORD_MAGIC: &[u8; 4] = b"**\0\0";
/// Record header (magic, size, id, FILETIME) plus the trailing copy of the size.
const RECORD_OVERHEAD: usize = 28;
/// More record ids than this in one chunk header is a damaged header, not a range to trust.
const MAX_RECORDS_PER_CHUNK: u64 = ((CHUNK_SIZE - CHUNK_HEADER_SIZE) / RECORD_OVERHEAD) as u64;
/// How far back a chunk without a header looks for a readable chunk to number its loss.
const LOOK_BACK_CHUNKS: usize = 256;

/// Why records were lost (the short kind of the rejection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// A chunk whose header cannot be read: its records are gone.
    Chunk,
    /// A record id the chunk header announces that could not be read.
    Record,
    /// A record that was found but whose BinXML could not be rendered.
    Render,
}

impl Loss {
    pub fn kind(self) -> &'static str {
        match self {
            Loss::Chunk => "bad evtx chunk",
            Loss::Record => "lost evtx record",
            Loss::Render => "bad evtx record",
        }
    }
}

/// One record of an EVTX chunk, or one that was lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A record rendered as JSON. `offset`/`length` cite the binary record in the file.
    Record {
        offset: u64,
        length: u32,
        /// The record number (EventRecordID of the record header), at least 1.
        line: u64,
        json: String,
    },
    /// A record that could not be read, with its number when known (else the number
    /// expected next) and where it was (or should have been).
    Lost {
        line: u64,
        offset: u64,
        loss: Loss,
        detail: String,
    },
}

/// The engine chunks of an EVTX input: runs of about `target` bytes of whole 64 KiB chunks
/// (at least one). A cut-off last chunk is a chunk too (read as far as it goes).
pub fn chunks(data: &[u8], target: usize) -> Vec<Chunk> {
    let slots = slot_count(data);
    let per = (target / CHUNK_SIZE).max(1);
    (0..slots)
        .step_by(per)
        .map(|first| {
            let last = (first + per).min(slots);
            Chunk {
                start: slot_offset(first),
                end: slot_offset(last).min(data.len()),
                first_line: 1,
                ..Chunk::default()
            }
        })
        .collect()
}

/// How many chunk slots `data` has (a cut-off last one included).
fn slot_count(data: &[u8]) -> usize {
    data.len()
        .saturating_sub(FILE_HEADER_SIZE)
        .div_ceil(CHUNK_SIZE)
}

fn slot_offset(slot: usize) -> usize {
    FILE_HEADER_SIZE + slot * CHUNK_SIZE
}

/// The records of one engine chunk, EVTX chunk after EVTX chunk, in file order.
pub fn records(data: &[u8], chunk: Chunk) -> Records<'_> {
    Records {
        data,
        next: chunk.start,
        end: chunk.end.min(data.len()),
        items: Vec::new().into_iter(),
    }
}

/// Iterator over the records of an engine chunk; renders one EVTX chunk at a time.
#[derive(Debug)]
pub struct Records<'a> {
    data: &'a [u8],
    /// Offset of the next EVTX chunk to read.
    next: usize,
    end: usize,
    items: std::vec::IntoIter<Item>,
}

impl Iterator for Records<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.items.next() {
                return Some(item);
            }
            if self.next >= self.end || self.next < FILE_HEADER_SIZE {
                return None;
            }
            let at = self.next;
            self.next = at + CHUNK_SIZE;
            self.items = read_chunk(self.data, at).into_iter();
        }
    }
}

/// How many rendered EVTX chunks [`render_at`] keeps per thread.
const RENDERED_CHUNKS_KEPT: usize = 8;

/// One rendered EVTX chunk: where it was (input bytes' address and length, chunk offset), a
/// copy of its bytes (so that a reused address can never serve another input's records) and
/// its records.
struct Rendered {
    key: (usize, usize, usize),
    bytes: Vec<u8>,
    items: Vec<Item>,
}

/// The JSON rendering of the record whose `**\0\0` is at `offset`, if it renders. The EVTX
/// chunk holding it is rendered whole (its records depend on its tables); the last few are
/// kept per thread, since callers ask for records in time order, which is mostly file order
/// within each input.
pub fn render_at(data: &[u8], offset: u64) -> Option<String> {
    let offset = usize::try_from(offset).ok()?;
    let slot = offset.checked_sub(FILE_HEADER_SIZE)? / CHUNK_SIZE;
    let at = slot_offset(slot);
    let bytes = data.get(at..(at + CHUNK_SIZE).min(data.len()))?;
    let key = (data.as_ptr() as usize, data.len(), at);
    thread_local! {
        static KEPT: RefCell<Vec<Rendered>> = const { RefCell::new(Vec::new()) };
    }
    KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        let hit = kept
            .iter()
            .position(|r| r.key == key && r.bytes.as_slice() == bytes);
        let r = match hit {
            Some(i) => kept.remove(i),
            None => Rendered {
                key,
                bytes: bytes.to_vec(),
                items: read_chunk(data, at),
            },
        };
        // Most recently used last.
        kept.push(r);
        if kept.len() > RENDERED_CHUNKS_KEPT {
            kept.remove(0);
        }
        kept.last()?.items.iter().find_map(|item| match item {
            Item::Record {
                offset: o, json, ..
            } if *o == offset as u64 => Some(json.clone()),
            _ => None,
        })
    })
}

fn settings() -> Arc<ParserSettings> {
    static SETTINGS: OnceLock<Arc<ParserSettings>> = OnceLock::new();
    SETTINGS
        .get_or_init(|| {
            Arc::new(
                ParserSettings::new()
                    .separate_json_attributes(false)
                    .indent(false)
                    .validate_checksums(false),
            )
        })
        .clone()
}

/// The chunk's number in the file (0-based, as `evtx_dump` counts).
fn chunk_number(at: usize) -> usize {
    (at - FILE_HEADER_SIZE) / CHUNK_SIZE
}

/// The records of the EVTX chunk at file offset `at`, rendered or lost. Should the parser
/// panic on some damage nobody has met yet, the chunk's records are lost, not the run.
fn read_chunk(data: &[u8], at: usize) -> Vec<Item> {
    std::panic::catch_unwind(|| read_chunk_unguarded(data, at)).unwrap_or_else(|_| {
        let n = chunk_number(at);
        headless_chunk(
            data,
            at,
            &format!(
                "EVTX chunk {n} at offset {at:#x} could not be parsed (the parser failed on it)"
            ),
        )
    })
}

fn read_chunk_unguarded(data: &[u8], at: usize) -> Vec<Item> {
    let avail = &data[at..(at + CHUNK_SIZE).min(data.len())];
    if avail.iter().all(|&b| b == 0) {
        return Vec::new();
    }
    let n = chunk_number(at);
    let cut = if avail.len() < CHUNK_SIZE {
        format!(" (the file ends {} bytes into it)", avail.len())
    } else {
        String::new()
    };
    if !avail.starts_with(CHUNK_MAGIC) {
        let magic = &avail[..avail.len().min(8)];
        return headless_chunk(
            data,
            at,
            &format!(
                "EVTX chunk {n} at offset {at:#x} has no chunk header (magic {magic:02x?}){cut}"
            ),
        );
    }
    let mut bytes = avail.to_vec();
    bytes.resize(CHUNK_SIZE, 0);
    let mut chunk = match EvtxChunkData::new(bytes, false) {
        Ok(c) => c,
        Err(e) => {
            return headless_chunk(
                data,
                at,
                &format!("EVTX chunk {n} at offset {at:#x}: unreadable header: {e}{cut}"),
            )
        }
    };
    let (first, last) = (
        chunk.header.first_event_record_id,
        chunk.header.last_event_record_id,
    );
    let announced = (first <= last && last - first < MAX_RECORDS_PER_CHUNK).then_some(first..=last);
    let damaged = if chunk.validate_checksum() {
        cut
    } else {
        format!("{cut}; the chunk's CRC32 does not match its bytes")
    };
    let walk = walk_headers(&chunk.data);
    let mut out = Vec::new();
    // Ids seen (rendered or not), and where each read record ends (chunk-relative).
    let mut seen: BTreeSet<u64> = BTreeSet::new();
    let mut ends: Vec<(u64, u64)> = Vec::new();
    let mut why: Option<String> = None;
    match chunk.parse(settings()) {
        Err(e) => why = Some(format!("its tables could not be read: {e}")),
        Ok(mut parsed) => {
            for r in parsed.iter() {
                match r {
                    Ok(rec) => {
                        let rel = rec.binxml_offset.saturating_sub(24);
                        let length = rec.binxml_size.saturating_add(RECORD_OVERHEAD as u32);
                        let id = rec.event_record_id;
                        seen.insert(id);
                        ends.push((id, rel + u64::from(length)));
                        let offset = at as u64 + rel;
                        let line = id.max(1);
                        out.push(match rec.into_json() {
                            Ok(s) => Item::Record {
                                offset,
                                length,
                                line,
                                json: s.data,
                            },
                            Err(e) => Item::Lost {
                                line,
                                offset,
                                loss: Loss::Render,
                                detail: format!(
                                    "record {id} in EVTX chunk {n} could not be rendered: {}{damaged}",
                                    error_chain(&e)
                                ),
                            },
                        });
                    }
                    Err(EvtxError::FailedToParseRecord { record_id, source }) => {
                        seen.insert(record_id);
                        let (rel, length) = walk
                            .iter()
                            .find(|w| w.2 == record_id)
                            .map_or((CHUNK_HEADER_SIZE as u64, 0), |w| (w.0, w.1));
                        ends.push((record_id, rel + length));
                        out.push(Item::Lost {
                            line: record_id.max(1),
                            offset: at as u64 + rel,
                            loss: Loss::Render,
                            detail: format!(
                                "record {record_id} in EVTX chunk {n} could not be read: {}{damaged}",
                                error_chain(&source)
                            ),
                        });
                    }
                    Err(e) => {
                        if why.is_none() {
                            why = Some(error_chain(&e));
                        }
                    }
                }
            }
        }
    }
    let Some(range) = announced else {
        if out.is_empty() {
            return headless_chunk(
                data,
                at,
                &format!(
                    "EVTX chunk {n} at offset {at:#x}: no record could be read and its header's record range {first}..{last} is not plausible{damaged}"
                ),
            );
        }
        return out;
    };
    ends.sort_unstable();
    let why = why.unwrap_or_else(|| "its record header is missing (zeroed or overwritten)".into());
    for id in range.filter(|id| !seen.contains(id)) {
        // Where it should have been: after the last record read before it.
        let before = ends.partition_point(|(i, _)| *i < id);
        let rel = before
            .checked_sub(1)
            .map_or(CHUNK_HEADER_SIZE as u64, |k| ends[k].1);
        out.push(Item::Lost {
            line: id.max(1),
            offset: at as u64 + rel,
            loss: Loss::Record,
            detail: format!(
                "record {id} of EVTX chunk {n} (records {first}..{last}) could not be read: {why}{damaged}"
            ),
        });
    }
    out
}

/// The losses of a chunk without a usable header: each record found by walking record headers
/// from the start of its records, or the whole chunk as one when none is found (then numbered
/// as the record expected after the nearest readable chunk before it).
fn headless_chunk(data: &[u8], at: usize, why: &str) -> Vec<Item> {
    let bytes = &data[at..(at + CHUNK_SIZE).min(data.len())];
    let found = walk_headers(bytes);
    if found.is_empty() {
        return vec![Item::Lost {
            line: number_after_previous(data, at),
            offset: at as u64,
            loss: Loss::Chunk,
            detail: format!("{why}; its records are lost, how many is unknown"),
        }];
    }
    let total = found.len();
    found
        .into_iter()
        .map(|(rel, _, id)| Item::Lost {
            line: id.max(1),
            offset: (at as u64) + rel,
            loss: Loss::Chunk,
            detail: format!("{why}; record {id}, one of the {total} records found in it, is lost"),
        })
        .collect()
}

/// The record number expected after the nearest chunk before `at` whose header reads.
fn number_after_previous(data: &[u8], at: usize) -> u64 {
    let mut slot = chunk_number(at);
    for _ in 0..LOOK_BACK_CHUNKS {
        let Some(prev) = slot.checked_sub(1) else {
            break;
        };
        slot = prev;
        let h = &data[slot_offset(slot)..];
        if h.starts_with(CHUNK_MAGIC) && h.len() >= 40 {
            let first = u64_at(h, 24);
            let last = u64_at(h, 32);
            if first <= last && last - first < MAX_RECORDS_PER_CHUNK {
                return last.saturating_add(1).max(1);
            }
        }
    }
    1
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(a)
}

/// The records of a chunk found by walking record headers from its first record: each one's
/// chunk-relative offset, size and id, as long as magic, size and the trailing copy of the
/// size agree.
fn walk_headers(chunk: &[u8]) -> Vec<(u64, u64, u64)> {
    let mut out = Vec::new();
    let mut pos = CHUNK_HEADER_SIZE;
    while pos + RECORD_OVERHEAD <= chunk.len() && chunk[pos..].starts_with(RECORD_MAGIC) {
        let size = u32_at(chunk, pos + 4) as usize;
        if size < RECORD_OVERHEAD || pos + size > chunk.len() {
            break;
        }
        if u32_at(chunk, pos + size - 4) as usize != size {
            break;
        }
        out.push((pos as u64, size as u64, u64_at(chunk, pos + 8)));
        pos += size;
    }
    out
}

/// An error with its causes, on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

#[cfg(test)]
mod tests;
