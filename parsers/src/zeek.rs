//! Zeek's TSV log writer: `#` header directives, then one record per line.
//!
//! ```text
//! #separator \x09            (the separator, written escaped)
//! #set_separator<sep>,
//! #empty_field<sep>(empty)
//! #unset_field<sep>-
//! #path<sep>conn
//! #fields<sep>ts<sep>uid<sep>id.orig_h<sep>...
//! #types<sep>time<sep>string<sep>addr<sep>...
//! 1692161622.036086<sep>Cnsu5m395zFmE9ikp4<sep>192.168.1.41<sep>...
//! ```
//! Values escape separator characters (and non-printables) as `\xHH`. Several header blocks
//! may follow each other in one file (rotation, concatenation); each applies to the rows after
//! it.

use std::borrow::Cow;

use nom::bytes::complete::{tag, take_while1};
use nom::combinator::rest;
use nom::sequence::{preceded, tuple};
use nom::IResult;

/// The header in force: separators, placeholders and column names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZeekHeader {
    pub separator: String,
    pub set_separator: String,
    pub empty_field: String,
    pub unset_field: String,
    /// The log's path (`conn`, `dns`, `http`, ...).
    pub path: Option<String>,
    pub fields: Vec<String>,
    /// The `#types` of the fields (`time`, `addr`, `port`, `string`, `set[string]` ...).
    pub types: Vec<String>,
}

impl Default for ZeekHeader {
    /// Zeek's defaults: TAB, `,`, `(empty)`, `-`.
    fn default() -> Self {
        ZeekHeader {
            separator: "\t".into(),
            set_separator: ",".into(),
            empty_field: "(empty)".into(),
            unset_field: "-".into(),
            path: None,
            fields: Vec::new(),
            types: Vec::new(),
        }
    }
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZeekValue<'a> {
    /// The unset marker (`-`).
    Unset,
    /// The empty marker (`(empty)`): an empty set or string.
    Empty,
    /// A value, `\xHH` escapes decoded (borrowed when it had none).
    Value(Cow<'a, str>),
}

/// `#name` followed by a separator run and the rest.
fn directive(line: &str) -> IResult<&str, (&str, &str)> {
    tuple((
        preceded(
            tag("#"),
            take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_'),
        ),
        rest,
    ))(line)
}

impl ZeekHeader {
    /// Reads one `#` line into the header; returns whether it was a known directive.
    /// `#separator` is followed by a space and the escaped separator; the other directives by
    /// the separator itself.
    pub fn apply(&mut self, line: &str) -> bool {
        let Ok((_, (name, tail))) = directive(line) else {
            return false;
        };
        if name == "separator" {
            let value = tail.strip_prefix(' ').unwrap_or(tail);
            self.separator = unescape(value).into_owned();
            return !self.separator.is_empty();
        }
        let Some(value) = tail.strip_prefix(self.separator.as_str()) else {
            return false;
        };
        match name {
            "set_separator" => self.set_separator = unescape(value).into_owned(),
            "empty_field" => self.empty_field = value.to_string(),
            "unset_field" => self.unset_field = value.to_string(),
            "path" => self.path = Some(value.to_string()),
            "fields" => {
                self.fields = value
                    .split(self.separator.as_str())
                    .map(str::to_string)
                    .collect()
            }
            "types" => {
                self.types = value
                    .split(self.separator.as_str())
                    .map(str::to_string)
                    .collect()
            }
            "open" | "close" => {}
            _ => return false,
        }
        true
    }

    /// Reads a whole header block (several `#` lines).
    pub fn from_block(block: &str) -> ZeekHeader {
        let mut h = ZeekHeader::default();
        for line in block.lines() {
            h.apply(line.trim_end_matches('\r'));
        }
        h
    }
}

/// The values of one row, in column order.
pub fn parse_row<'a>(row: &'a str, header: &ZeekHeader) -> Vec<ZeekValue<'a>> {
    if header.separator.is_empty() {
        return vec![ZeekValue::Value(Cow::Borrowed(row))];
    }
    row.split(header.separator.as_str())
        .map(|v| {
            if v == header.unset_field {
                ZeekValue::Unset
            } else if v == header.empty_field {
                ZeekValue::Empty
            } else {
                ZeekValue::Value(unescape(v))
            }
        })
        .collect()
}

/// Decodes `\xHH` escapes; other backslashes are kept. Invalid sequences are kept as written.
pub fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains("\\x") {
        return Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (
                b.get(i + 2).and_then(|&c| hex(c)),
                b.get(i + 3).and_then(|&c| hex(c)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 4;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests;
