//! Framing: an input's bytes to records with exact provenance (1-based first line, byte offset,
//! length), and to chunks for parallel work. Chunks are cut only between records, and each
//! knows what it needs to be read on its own (its first line number, the header that applies),
//! so the records and their provenance never depend on the chunk size.
//!
//! | framing | a record is | chunking |
//! |---|---|---|
//! | `Lines` | a line (with TAB continuation lines for syslog) | after a newline, found near the target size |
//! | `HashHeaders` | a line; lines starting with `#` are header records (Zeek TSV) | as `Lines`; each chunk carries the last header block before it |
//! | `Csv` | an RFC 4180 record (quoted cells may hold newlines); the first is the header | from record spans found by one sequential scan |
//! | `Json` | an element of a top-level array, of a wrapper's array (`{"Records":[…]}`, `{"value":[…]}`, `{"results":[…]}`), or a top-level value of a concatenated stream | from record spans found by one sequential scan |
//! | `Evtx` | an EVTX record (binary), read by the `evtx` crate and rendered as JSON; `line` is its record number | runs of whole 64 KiB EVTX chunks |

mod csv;
pub mod evtx;
mod json;
mod lines;

pub use lines::Lines;

/// How an input is cut into records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Lines(Continuation),
    HashHeaders,
    Csv,
    Json,
    /// EVTX: 64 KiB chunks after a 4 KiB file header; records rendered as JSON (`evtx.rs`).
    Evtx,
}

/// Whether a line can continue the record before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Continuation {
    /// Every line is a record.
    None,
    /// A line starting with TAB belongs to the record before it.
    Tab,
}

/// A contiguous range of whole records of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Chunk {
    /// Byte offset of the chunk's first byte.
    pub start: usize,
    /// One past the chunk's last byte.
    pub end: usize,
    /// 1-based line number of the chunk's first line.
    pub first_line: u64,
    /// Byte range of the header that applies at the chunk's start (CSV header row, Zeek
    /// `#fields` block), if any.
    pub header: Option<(usize, usize)>,
    /// For span framings: the chunk's records are `spans[first_span..end_span]`.
    pub first_span: usize,
    pub end_span: usize,
}

/// One record found by a sequential scan (CSV, JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub offset: u64,
    pub len: u32,
    /// 1-based line of the record's first byte.
    pub line: u64,
    /// A header record (the CSV header row).
    pub header: bool,
    /// The input ended inside this record (unclosed quote, bracket or string).
    pub incomplete: bool,
}

/// One framed record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// The record's bytes, without line end.
    pub bytes: &'a [u8],
    /// Byte offset of the record in the input.
    pub offset: u64,
    /// 1-based line number of the record's first line.
    pub line: u64,
    /// True for the input's last record when it has no line end (or, for span framings, when
    /// the scan ran out of input inside it).
    pub unterminated: bool,
    /// A header record: counted as a skip, and read by the format as its schema.
    pub header: bool,
}

/// An input cut into chunks (and, for span framings, its record spans).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Framed {
    pub chunks: Vec<Chunk>,
    pub spans: Vec<Span>,
    /// `#` header blocks (Zeek TSV), in file order: the one in force at a record is the last
    /// that ends before it (`header_at`), also inside a chunk.
    pub headers: Vec<(usize, usize)>,
}

impl Framed {
    /// The `#` header block in force at byte `offset`.
    pub fn header_at(&self, offset: usize) -> Option<(usize, usize)> {
        let i = self.headers.partition_point(|b| b.1 <= offset);
        i.checked_sub(1).map(|i| self.headers[i])
    }
}

/// Cuts `data` into chunks of about `target` bytes.
pub fn frame(data: &[u8], target: usize, framing: Framing) -> Framed {
    match framing {
        Framing::Lines(c) => Framed {
            chunks: lines::chunks(data, target, c),
            spans: Vec::new(),
            headers: Vec::new(),
        },
        Framing::HashHeaders => {
            let headers = hash_header_blocks(data);
            let mut chunks = lines::chunks(data, target, Continuation::None);
            for c in &mut chunks {
                c.header = headers.iter().rev().find(|b| b.1 <= c.start).copied();
            }
            Framed {
                chunks,
                spans: Vec::new(),
                headers,
            }
        }
        Framing::Csv => from_spans(csv::spans(data), target),
        Framing::Json => from_spans(json::spans(data), target),
        Framing::Evtx => Framed {
            chunks: evtx::chunks(data, target),
            spans: Vec::new(),
            headers: Vec::new(),
        },
    }
}

/// Groups record spans into chunks of about `target` bytes.
fn from_spans(spans: Vec<Span>, target: usize) -> Framed {
    let header = spans
        .iter()
        .find(|s| s.header)
        .map(|s| (s.offset as usize, (s.offset + u64::from(s.len)) as usize));
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < spans.len() {
        let start = spans[i].offset as usize;
        let mut j = i + 1;
        while j < spans.len() && (spans[j].offset as usize) < start.saturating_add(target.max(1)) {
            j += 1;
        }
        let last = &spans[j - 1];
        chunks.push(Chunk {
            start,
            end: (last.offset + u64::from(last.len)) as usize,
            first_line: spans[i].line,
            header,
            first_span: i,
            end_span: j,
        });
        i = j;
    }
    Framed {
        chunks,
        spans,
        headers: header.into_iter().collect(),
    }
}

/// The `#` header blocks (Zeek `#separator` … `#types`): maximal runs of consecutive lines
/// starting with '#', in file order.
fn hash_header_blocks(data: &[u8]) -> Vec<(usize, usize)> {
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    while pos < data.len() {
        let end = memchr::memchr(b'\n', &data[pos..]).map_or(data.len(), |i| pos + i + 1);
        if data[pos] == b'#' {
            match blocks.last_mut() {
                Some(b) if b.1 == pos => b.1 = end,
                _ => blocks.push((pos, end)),
            }
        }
        pos = end;
    }
    blocks
}

/// The records of one chunk, in order.
pub fn records<'a>(
    data: &'a [u8],
    framed: &'a Framed,
    chunk: Chunk,
    framing: Framing,
) -> Records<'a> {
    match framing {
        Framing::Lines(c) => Records::Lines {
            lines: lines::lines(data, chunk, c),
            hash_headers: false,
        },
        Framing::HashHeaders => Records::Lines {
            lines: lines::lines(data, chunk, Continuation::None),
            hash_headers: true,
        },
        // EVTX records are binary: `evtx::records` renders them (see `normalize::records`).
        Framing::Evtx => Records::Spans {
            data,
            spans: &[],
            next: 0,
        },
        Framing::Csv | Framing::Json => Records::Spans {
            data,
            spans: framed
                .spans
                .get(chunk.first_span..chunk.end_span)
                .unwrap_or_default(),
            next: 0,
        },
    }
}

/// Iterator over the records of a chunk.
#[derive(Debug, Clone)]
pub enum Records<'a> {
    Lines {
        lines: Lines<'a>,
        hash_headers: bool,
    },
    Spans {
        data: &'a [u8],
        spans: &'a [Span],
        next: usize,
    },
}

impl<'a> Iterator for Records<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        match self {
            Records::Lines {
                lines,
                hash_headers,
            } => {
                let mut l = lines.next()?;
                l.header = *hash_headers && l.bytes.first() == Some(&b'#');
                Some(l)
            }
            Records::Spans { data, spans, next } => {
                let s = spans.get(*next)?;
                *next += 1;
                let start = s.offset as usize;
                let end = start + s.len as usize;
                Some(Line {
                    bytes: data.get(start..end).unwrap_or_default(),
                    offset: s.offset,
                    line: s.line,
                    unterminated: s.incomplete,
                    header: s.header,
                })
            }
        }
    }
}

/// The records of the first `max_bytes` of `data` (format detection's sample).
pub fn sample_lines(data: &[u8]) -> Lines<'_> {
    lines::lines(
        data,
        Chunk {
            start: 0,
            end: data.len(),
            first_line: 1,
            ..Chunk::default()
        },
        Continuation::Tab,
    )
}

#[cfg(test)]
mod tests;
