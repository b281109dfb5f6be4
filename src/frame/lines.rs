//! Line framing: a record is one line, the bytes up to `\n`, without the `\n` and without a
//! `\r` before it. Chunks are split only right after a `\n`, so no record is ever cut; each
//! chunk knows the 1-based line number of its first line, so line numbers are exact whatever
//! the chunk size.
//!
//! With [`Continuation::Tab`] (syslog files), lines that begin with a TAB continue the record
//! before them (as syslogd writes multi-line messages): the record spans all of its lines, and
//! chunks never split before a continuation line.

use memchr::memchr_iter;

use super::{Chunk, Continuation, Line};

/// Splits `data` into chunks of about `target` bytes, each ending right after a `\n` (or at
/// the end of data) and, with `Continuation::Tab`, never before a continuation line. Line
/// numbers are counted with a vectorized newline scan.
pub fn chunks(data: &[u8], target: usize, continuation: Continuation) -> Vec<Chunk> {
    let target = target.max(1);
    let mut bounds = Vec::with_capacity(data.len() / target + 1);
    let mut start = 0;
    while start < data.len() {
        let want = start.saturating_add(target).min(data.len());
        let mut end = if want >= data.len() {
            data.len()
        } else {
            match memchr::memchr(b'\n', &data[want - 1..]) {
                Some(i) => want + i,
                None => data.len(),
            }
        };
        while continuation == Continuation::Tab && data.get(end) == Some(&b'\t') {
            end = match memchr::memchr(b'\n', &data[end..]) {
                Some(i) => end + i + 1,
                None => data.len(),
            };
        }
        bounds.push((start, end));
        start = end;
    }
    let counts: Vec<u64> = {
        use rayon::prelude::*;
        bounds
            .par_iter()
            .map(|&(s, e)| memchr_iter(b'\n', &data[s..e]).count() as u64)
            .collect()
    };
    let mut line = 1;
    bounds
        .into_iter()
        .zip(counts)
        .map(|((start, end), n)| {
            let c = Chunk {
                start,
                end,
                first_line: line,
                ..Chunk::default()
            };
            line += n;
            c
        })
        .collect()
}

/// The records of one chunk of `data`, in order.
pub fn lines(data: &[u8], chunk: Chunk, continuation: Continuation) -> Lines<'_> {
    Lines {
        data,
        pos: chunk.start,
        end: chunk.end,
        line: chunk.first_line,
        continuation,
    }
}

/// Iterator over the lines of a chunk.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    data: &'a [u8],
    pos: usize,
    end: usize,
    line: u64,
    continuation: Continuation,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        if self.pos >= self.end {
            return None;
        }
        let rest = &self.data[self.pos..self.end];
        let (mut len, mut advance, mut unterminated) = match memchr::memchr(b'\n', rest) {
            Some(i) => (i, i + 1, false),
            None => (rest.len(), rest.len(), self.end == self.data.len()),
        };
        let first_line = self.line;
        while self.continuation == Continuation::Tab && rest.get(advance) == Some(&b'\t') {
            self.line += 1;
            (len, advance, unterminated) = match memchr::memchr(b'\n', &rest[advance..]) {
                Some(i) => (advance + i, advance + i + 1, false),
                None => (rest.len(), rest.len(), self.end == self.data.len()),
            };
        }
        let mut bytes = &rest[..len];
        if let [head @ .., b'\r'] = bytes {
            bytes = head;
        }
        let item = Line {
            bytes,
            offset: self.pos as u64,
            line: first_line,
            unterminated,
            header: false,
        };
        self.pos += advance;
        self.line += 1;
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_lines(data: &[u8], target: usize) -> Vec<(String, u64, u64)> {
        chunks(data, target, Continuation::None)
            .into_iter()
            .flat_map(|c| lines(data, c, Continuation::None))
            .map(|l| {
                (
                    String::from_utf8_lossy(l.bytes).into_owned(),
                    l.offset,
                    l.line,
                )
            })
            .collect()
    }

    #[test]
    fn chunk_size_never_changes_records() {
        let data = b"alpha\r\nbeta\n\ngamma delta\nlast-no-newline";
        let want = vec![
            ("alpha".to_string(), 0, 1),
            ("beta".to_string(), 7, 2),
            ("".to_string(), 12, 3),
            ("gamma delta".to_string(), 13, 4),
            ("last-no-newline".to_string(), 25, 5),
        ];
        for target in [1, 2, 3, 5, 7, 8, 13, 64, 1 << 20] {
            assert_eq!(all_lines(data, target), want, "chunk target {target}");
        }
    }

    #[test]
    fn chunks_cover_data_exactly_and_end_after_newlines() {
        let data = b"a\nbb\nccc\ndddd\n";
        for target in 1..20 {
            let cs = chunks(data, target, Continuation::None);
            assert_eq!(cs.first().map(|c| c.start), Some(0));
            assert_eq!(cs.last().map(|c| c.end), Some(data.len()));
            for w in cs.windows(2) {
                assert_eq!(w[0].end, w[1].start);
                assert_eq!(data[w[0].end - 1], b'\n');
            }
        }
    }

    #[test]
    fn unterminated_flag_only_on_final_line() {
        let data = b"one\ntwo";
        let ls: Vec<_> = lines(
            data,
            chunks(data, 100, Continuation::None)[0],
            Continuation::None,
        )
        .collect();
        assert!(!ls[0].unterminated);
        assert!(ls[1].unterminated);
        assert!(chunks(b"", 10, Continuation::None).is_empty());
    }

    #[test]
    fn tab_continuation_lines_join_their_record_at_any_chunk_size() {
        let data =
            b"Aug 16 00:32:15 h a: Notice:\n\tfirst\r\n\tsecond\nAug 16 00:32:16 h a: next\n\tx";
        for target in 1..data.len() + 2 {
            let got: Vec<_> = chunks(data, target, Continuation::Tab)
                .into_iter()
                .flat_map(|c| lines(data, c, Continuation::Tab))
                .map(|l| (l.offset, l.bytes.len(), l.line))
                .collect();
            assert_eq!(got, vec![(0, 44, 1), (45, 28, 4)], "target {target}");
        }
    }
}
