//! CSV record spans (RFC 4180): a record ends at a newline outside double quotes, so quoted
//! cells may hold newlines; `""` inside quotes is an escaped quote (it toggles the state twice).
//! A UTF-8 BOM before the first record is not part of it. The first non-blank record is the
//! header. One sequential scan; line numbers count every newline, inside cells too.

use memchr::memchr2;

use super::Span;

/// The record spans of a CSV input, in order.
pub fn spans(data: &[u8]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = if data.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut line: u64 = 1;
    let mut seen_header = false;
    while pos < data.len() {
        let start = pos;
        let start_line = line;
        let mut in_quotes = false;
        let mut i = pos;
        let (end, next, incomplete) = loop {
            match memchr2(b'"', b'\n', &data[i..]) {
                None => break (data.len(), data.len(), in_quotes),
                Some(k) => {
                    let at = i + k;
                    if data[at] == b'"' {
                        in_quotes = !in_quotes;
                        i = at + 1;
                    } else if in_quotes {
                        line += 1;
                        i = at + 1;
                    } else {
                        break (at, at + 1, false);
                    }
                }
            }
        };
        let mut rec_end = end;
        if rec_end > start && data[rec_end - 1] == b'\r' {
            rec_end -= 1;
        }
        let blank = data[start..rec_end].iter().all(u8::is_ascii_whitespace);
        let header = !blank && !seen_header;
        seen_header |= header;
        out.push(Span {
            offset: start as u64,
            len: (rec_end - start) as u32,
            line: start_line,
            header,
            incomplete,
        });
        if next > end {
            line += 1;
        }
        pos = next;
    }
    out
}
