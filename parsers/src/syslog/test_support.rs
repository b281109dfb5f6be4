//! Helpers for tests that read the shared corpus: locating it, and a minimal decoder for the
//! flat JSON objects of the go-syslog test-vector files (the crate has no JSON dependency).

use std::path::PathBuf;

/// The shared corpus (`/work/shared/corpus` next to the repository), or `None` with a message
/// on stderr when it is not there (the calling test then returns early: skipped, not failed).
pub(crate) fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: corpus folder {} not found; corpus-based checks did not run",
            dir.display()
        );
        None
    }
}

/// The lines of a corpus text file (split on `\n` only, so a `\r` of CRLF stays on the line),
/// or `None` (with a message) when the corpus is absent.
pub(crate) fn corpus_lines(rel: &str) -> Option<Vec<String>> {
    let path = corpus_dir()?.join(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("corpus file {} unreadable: {e}", path.display()));
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    Some(lines)
}

/// One line of `rfc5424_cases.jsonl` / `rfc3164_cases.jsonl`.
#[derive(Debug)]
pub(crate) struct VectorCase {
    /// 1-based line number in the file.
    pub line: usize,
    /// The record as raw bytes: the JSON string as UTF-8, or for `"encoding": "latin1"` each
    /// char taken as one byte (those bytes are usually not UTF-8).
    pub bytes: Vec<u8>,
    pub latin1: bool,
    pub valid: bool,
}

/// Reads a go-syslog test-vector file, or `None` when the corpus is absent.
pub(crate) fn vector_cases(file: &str) -> Option<Vec<VectorCase>> {
    let lines = corpus_lines(&format!("go-syslog-testvectors/{file}"))?;
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields = parse_flat_object(line)
            .unwrap_or_else(|e| panic!("{file}:{}: bad JSON ({e}): {line}", k + 1));
        let get = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)
                .unwrap_or_else(|| panic!("{file}:{}: no key {key}", k + 1))
        };
        let input = match get("input") {
            Json::Str(s) => s.clone(),
            other => panic!("input is not a string: {other:?}"),
        };
        let latin1 = match get("encoding") {
            Json::Str(s) => s == "latin1",
            other => panic!("encoding is not a string: {other:?}"),
        };
        let valid = match get("valid") {
            Json::Bool(b) => *b,
            other => panic!("valid is not a bool: {other:?}"),
        };
        let bytes = if latin1 {
            input
                .chars()
                .map(|c| u8::try_from(u32::from(c)).expect("latin1 char above U+00FF"))
                .collect()
        } else {
            input.into_bytes()
        };
        out.push(VectorCase {
            line: k + 1,
            bytes,
            latin1,
            valid,
        });
    }
    Some(out)
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Str(String),
    Bool(bool),
}

/// `{"k": "string" | true | false, ...}` — exactly what the vector files contain.
fn parse_flat_object(s: &str) -> Result<Vec<(String, Json)>, String> {
    let mut p = JsonParser {
        chars: s.chars().collect(),
        i: 0,
    };
    let mut out = Vec::new();
    p.ws();
    p.expect('{')?;
    p.ws();
    if p.peek() == Some('}') {
        return Ok(out);
    }
    loop {
        p.ws();
        let key = p.string()?;
        p.ws();
        p.expect(':')?;
        p.ws();
        let value = match p.peek() {
            Some('"') => Json::Str(p.string()?),
            Some('t') => {
                p.word("true")?;
                Json::Bool(true)
            }
            Some('f') => {
                p.word("false")?;
                Json::Bool(false)
            }
            other => return Err(format!("unexpected value start {other:?}")),
        };
        out.push((key, value));
        p.ws();
        match p.next() {
            Some(',') => continue,
            Some('}') => return Ok(out),
            other => return Err(format!("expected , or }} got {other:?}")),
        }
    }
}

struct JsonParser {
    chars: Vec<char>,
    i: usize,
}

impl JsonParser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }
    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.i += 1;
        c
    }
    fn ws(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }
    fn expect(&mut self, c: char) -> Result<(), String> {
        match self.next() {
            Some(x) if x == c => Ok(()),
            other => Err(format!("expected {c:?} got {other:?}")),
        }
    }
    fn word(&mut self, w: &str) -> Result<(), String> {
        for c in w.chars() {
            self.expect(c)?;
        }
        Ok(())
    }
    fn hex4(&mut self) -> Result<u32, String> {
        let mut v = 0;
        for _ in 0..4 {
            let c = self.next().ok_or("short \\u escape")?;
            v = v * 16 + c.to_digit(16).ok_or("bad hex digit")?;
        }
        Ok(v)
    }
    fn string(&mut self) -> Result<String, String> {
        self.expect('"')?;
        let mut out = String::new();
        loop {
            match self.next().ok_or("unterminated string")? {
                '"' => return Ok(out),
                '\\' => match self.next().ok_or("dangling backslash")? {
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    '/' => out.push('/'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'u' => {
                        let hi = self.hex4()?;
                        let cp = if (0xD800..0xDC00).contains(&hi) {
                            self.word("\\u")?;
                            let lo = self.hex4()?;
                            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                        } else {
                            hi
                        };
                        out.push(char::from_u32(cp).ok_or("bad code point")?);
                    }
                    other => return Err(format!("bad escape \\{other}")),
                },
                c => out.push(c),
            }
        }
    }
}
