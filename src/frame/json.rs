//! JSON record spans: the elements of a top-level array, the elements of a wrapper object's
//! array (`{"Records":[…]}` CloudTrail, `{"value":[…]}` Graph/Defender API, `{"results":[…]}`
//! Splunk, `{"records":[…]}`, `{"events":[…]}`, `{"data":[…]}`), or the top-level values of a
//! stream of concatenated (possibly pretty-printed) objects. One sequential structural scan
//! (strings and escapes respected, nothing else validated: each record is parsed later, so a
//! malformed one is a located rejection). Text that is not a JSON value at the top level is
//! cut into one record per line, so that it is rejected with its place.

use memchr::{memchr, memchr2, memchr_iter};

use super::Span;

/// Keys whose array value holds the records of a wrapper object.
const WRAPPER_KEYS: [&[u8]; 5] = [b"records", b"value", b"results", b"events", b"data"];

struct Scanner<'a> {
    data: &'a [u8],
    out: Vec<Span>,
    /// Line number at byte `line_pos`.
    line: u64,
    line_pos: usize,
}

impl Scanner<'_> {
    fn line_at(&mut self, pos: usize) -> u64 {
        if pos > self.line_pos {
            self.line += memchr_iter(b'\n', &self.data[self.line_pos..pos]).count() as u64;
            self.line_pos = pos;
        }
        self.line
    }

    fn emit(&mut self, start: usize, end: usize, incomplete: bool) {
        let line = self.line_at(start);
        self.out.push(Span {
            offset: start as u64,
            len: (end - start) as u32,
            line,
            header: false,
            incomplete,
        });
    }

    fn skip_ws(&self, mut pos: usize) -> usize {
        while pos < self.data.len() && matches!(self.data[pos], b' ' | b'\t' | b'\r' | b'\n') {
            pos += 1;
        }
        pos
    }

    /// One past the end of the string starting at `pos` (a `"`), or `None` at end of input.
    fn skip_string(&self, pos: usize) -> Option<usize> {
        let mut i = pos + 1;
        loop {
            let k = memchr2(b'"', b'\\', &self.data[i..])?;
            let at = i + k;
            if self.data[at] == b'\\' {
                i = at + 2;
                if i > self.data.len() {
                    return None;
                }
            } else {
                return Some(at + 1);
            }
        }
    }

    /// One past the end of the value starting at `pos`, or `None` if the input ends inside it.
    fn skip_value(&self, pos: usize) -> Option<usize> {
        let d = self.data;
        match d.get(pos)? {
            b'"' => self.skip_string(pos),
            b'{' | b'[' => {
                let mut depth = 0usize;
                let mut i = pos;
                while i < d.len() {
                    match d[i] {
                        b'"' => {
                            i = self.skip_string(i)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return Some(i + 1);
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                None
            }
            _ => {
                let mut i = pos;
                while i < d.len()
                    && !matches!(d[i], b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n')
                {
                    i += 1;
                }
                Some(i)
            }
        }
    }

    /// Emits the elements of the array at `pos` (a `[`); returns the position after it.
    fn array(&mut self, pos: usize) -> usize {
        let mut p = pos + 1;
        loop {
            p = self.skip_ws(p);
            while p < self.data.len() && self.data[p] == b',' {
                p = self.skip_ws(p + 1);
            }
            match self.data.get(p) {
                None => return p,
                Some(b']') => return p + 1,
                Some(_) => match self.skip_value(p) {
                    Some(end) if end > p => {
                        self.emit(p, end, false);
                        p = end;
                    }
                    _ => {
                        let end = self.data.len();
                        self.emit(p, end, true);
                        return end;
                    }
                },
            }
        }
    }

    /// A top-level object at `pos`: a wrapper (its array's elements are the records) or a
    /// record itself. Returns the position after it.
    fn object(&mut self, pos: usize) -> usize {
        let Some(end) = self.skip_value(pos) else {
            let end = self.data.len();
            self.emit(pos, end, true);
            return end;
        };
        if let Some(arr) = self.wrapper_array(pos, end) {
            self.array(arr);
        } else {
            self.emit(pos, end, false);
        }
        end
    }

    /// Where the records' array of a wrapper object starts, if the object at `pos..end` is one:
    /// a member named like a wrapper whose value is an array that is empty or starts with an
    /// object.
    fn wrapper_array(&self, pos: usize, end: usize) -> Option<usize> {
        let d = self.data;
        let mut p = pos + 1;
        while p < end {
            p = self.skip_ws(p);
            if d.get(p) == Some(&b',') {
                p += 1;
                continue;
            }
            if d.get(p) != Some(&b'"') {
                return None;
            }
            let key_end = self.skip_string(p)?;
            let key = &d[p + 1..key_end - 1];
            p = self.skip_ws(key_end);
            if d.get(p) != Some(&b':') {
                return None;
            }
            p = self.skip_ws(p + 1);
            if WRAPPER_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) && d.get(p) == Some(&b'[') {
                let first = self.skip_ws(p + 1);
                if matches!(d.get(first), Some(b'{') | Some(b']')) {
                    return Some(p);
                }
            }
            p = self.skip_value(p)?;
        }
        None
    }
}

/// The record spans of a JSON input, in order.
pub fn spans(data: &[u8]) -> Vec<Span> {
    let mut s = Scanner {
        data,
        out: Vec::new(),
        line: 1,
        line_pos: 0,
    };
    let mut pos = if data.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    loop {
        pos = s.skip_ws(pos);
        let Some(&c) = data.get(pos) else { break };
        pos = match c {
            b'[' => s.array(pos),
            b'{' => s.object(pos),
            _ => {
                // Not a JSON value here: one record per line, to be rejected where it is.
                let end = memchr(b'\n', &data[pos..]).map_or(data.len(), |i| pos + i);
                let mut rec_end = end;
                if rec_end > pos && data[rec_end - 1] == b'\r' {
                    rec_end -= 1;
                }
                s.emit(pos, rec_end, false);
                end
            }
        };
    }
    s.out
}
