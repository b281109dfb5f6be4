//! `key=value` lines: FortiGate / FortiAnalyzer exports, `logfmt` (Go, Heroku, Grafana),
//! Juniper and OpenBSD style daemons; also the body tokenizer of auditd records
//! ([`crate::auditd`]).
//!
//! ```text
//! line   = [ "<" PRI ">" ] *WSP pair *( 1*WSP item ) *WSP
//! item   = pair / word                   ; a word is any run of non-space (`avc:`, `{`, `PAM:`)
//! pair   = key "=" value
//! key    = 1*( ALPHA / DIGIT / "_" / "." / ":" / "-" )      ; auditd adds "[" "]" (`a2[0]`)
//! value  = DQUOTE *qchar DQUOTE          ; `\"` `\\` escapes (kv dialect only)
//!        / "'" *qchar "'"
//!        / "[" ... "]"                   ; auditd dialect only (AUOMS arrays)
//!        / *( non-space )                ; may be empty: `mac= pfs=...`
//! ```
//!
//! Real producers break the quoting rules, so a quoted value ends at the first quote that is
//! followed by the end of the line, or by spaces and then the end or another `key=`: AUOMS writes
//! `cmdline="bash -c "{echo,...}|{bash,-i}"" redactors=` with unescaped inner quotes. A value
//! whose closing quote is missing (a record cut by a syslog size limit) runs to the end of the
//! line and is marked `closed: false`.
//!
//! Values borrow from the line; only values with escapes are copied (unescaped).

use std::borrow::Cow;

use nom::bytes::complete::{tag, take_till1, take_while1, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::{map_res, opt};
use nom::sequence::{delimited, terminated};
use nom::IResult;

use crate::error::{ParseError, ParseErrorKind};

/// The rules that differ between producers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// `\"`, `\'` and `\\` are escapes inside quoted values (kv); auditd has none (it
    /// hex-encodes any value that would need them).
    pub escapes: bool,
    /// auditd's oddities: `[`/`]` in keys (`a2[0]=`), `[...]` array values and unquoted
    /// `proctitle=`/`cmdline=` text with spaces (Microsoft AUOMS), a `(` before a key and a `,`
    /// or unbalanced `)` after a bare value (RHEL 5 user records:
    /// `(hostname=?, addr=?, terminal=cron res=success)`).
    pub audit: bool,
}

impl Dialect {
    /// FortiGate, logfmt and other `key=value` lines.
    pub const KV: Dialect = Dialect {
        escapes: true,
        audit: false,
    };
    /// The body of an auditd record.
    pub const AUDIT: Dialect = Dialect {
        escapes: false,
        audit: true,
    };
}

/// How a value was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    Bare,
    Double,
    Single,
    /// `[...]` (AUOMS arrays), kept with its brackets.
    Bracket,
}

/// One `key=value` pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair<'a> {
    pub key: &'a str,
    /// The value without its quotes, escapes decoded (borrowed when it had none).
    pub value: Cow<'a, str>,
    /// The value as written between its quotes (escapes not decoded).
    pub raw: &'a str,
    pub quote: Quote,
    /// False when a quoted value's closing quote is missing (the value runs to the end).
    pub closed: bool,
}

/// One item of a line: a pair or a stray word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'a> {
    Pair(Pair<'a>),
    Word(&'a str),
}

/// A `key=value` line: its `<PRI>` (when sent over syslog without a header, as FortiGate
/// does) and the text of its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KvLine<'a> {
    pub pri: Option<u8>,
    /// The items' text (after the PRI and leading white space).
    pub body: &'a str,
}

impl<'a> KvLine<'a> {
    /// The items of the line, in order.
    pub fn items(&self) -> Items<'a> {
        items(self.body, Dialect::KV)
    }

    /// The pairs of the line, in order (stray words left out).
    pub fn pairs(&self) -> impl Iterator<Item = Pair<'a>> {
        self.items().filter_map(|i| match i {
            Item::Pair(p) => Some(p),
            Item::Word(_) => None,
        })
    }
}

fn is_ws(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn kv_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-')
}

fn audit_key_char(c: char) -> bool {
    kv_key_char(c) || c == '[' || c == ']'
}

/// `<PRI>`: 1 to 3 digits, 0..=191.
fn pri(i: &str) -> IResult<&str, u8> {
    map_res(
        delimited(
            char('<'),
            take_while_m_n(1, 3, |c: char| c.is_ascii_digit()),
            char('>'),
        ),
        |d: &str| match d.parse::<u8>() {
            Ok(v) if v <= 191 => Ok(v),
            _ => Err(()),
        },
    )(i)
}

/// `key=` at the start of `i`.
fn key(dialect: Dialect) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i| {
        let chars = if dialect.audit {
            audit_key_char
        } else {
            kv_key_char
        };
        terminated(take_while1(chars), tag("="))(i)
    }
}

/// Does `s` start with `key=` (after a `(` in the audit dialect)?
fn starts_pair(s: &str, dialect: Dialect) -> bool {
    let s = if dialect.audit {
        s.strip_prefix('(').unwrap_or(s)
    } else {
        s
    };
    key(dialect)(s).is_ok()
}

/// The byte index (in `s`, the text after an opening `q`) of the quote that closes the value.
fn closing(s: &str, q: u8, dialect: Dialect) -> Option<usize> {
    let b = s.as_bytes();
    let mut weak = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if dialect.escapes && c == b'\\' {
            i += 2;
            continue;
        }
        if c == q {
            match b.get(i + 1) {
                None | Some(0x1d) => return Some(i),
                Some(b' ') | Some(b'\t') => {
                    weak.get_or_insert(i);
                    let rest = s[i + 1..].trim_start_matches(is_ws);
                    if rest.is_empty() || rest.starts_with('\u{1d}') || starts_pair(rest, dialect) {
                        return Some(i);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    weak
}

/// `\"` → `"`, `\'` → `'`, `\\` → `\`; any other backslash is kept as written.
pub fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(n @ ('"' | '\'' | '\\')) => out.push(n),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The keys whose unquoted value AUOMS writes as plain text with spaces.
const AUDIT_TEXT_KEYS: [&str; 2] = ["proctitle", "cmdline"];

/// The end (in `s`) of an unquoted text value that may hold spaces: the next ` key=` whose
/// key is lower-case letters and `_` (a `-Dname=value` argument is not one), or the end.
fn text_value_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == 0x1d {
            return i;
        }
        if b[i] == b' ' {
            let rest = &s[i + 1..];
            let k = rest
                .bytes()
                .take_while(|c| c.is_ascii_lowercase() || *c == b'_')
                .count();
            if k > 0 && rest.as_bytes().get(k) == Some(&b'=') {
                return i;
            }
        }
        i += 1;
    }
    b.len()
}

/// Parses the value after `key=`; returns the rest of the line and the pair's value parts.
fn value<'a>(s: &'a str, key: &str, dialect: Dialect) -> (&'a str, (&'a str, Quote, bool)) {
    let first = s.as_bytes().first().copied();
    match first {
        Some(q @ (b'"' | b'\'')) => {
            let quote = if q == b'"' {
                Quote::Double
            } else {
                Quote::Single
            };
            let inner = &s[1..];
            match closing(inner, q, dialect) {
                Some(end) => (&inner[end + 1..], (&inner[..end], quote, true)),
                None => ("", (inner, quote, false)),
            }
        }
        Some(b'[') if dialect.audit => {
            let b = s.as_bytes();
            let end = (0..b.len()).find(|&i| {
                b[i] == b']' && matches!(b.get(i + 1), None | Some(b' ' | b'\t' | 0x1d))
            });
            match end {
                Some(e) => (&s[e + 1..], (&s[..e + 1], Quote::Bracket, true)),
                None => bare(s, dialect),
            }
        }
        _ if dialect.audit && AUDIT_TEXT_KEYS.contains(&key) => {
            let end = text_value_end(s);
            (
                &s[end..],
                (s[..end].trim_end_matches(is_ws), Quote::Bare, true),
            )
        }
        _ => bare(s, dialect),
    }
}

fn bare(s: &str, dialect: Dialect) -> (&str, (&str, Quote, bool)) {
    let end = s
        .find(|c: char| is_ws(c) || (dialect.audit && c == '\u{1d}'))
        .unwrap_or(s.len());
    let mut v = &s[..end];
    if dialect.audit {
        v = v.strip_suffix(',').unwrap_or(v);
        if !v.contains('(') {
            v = v.strip_suffix(')').unwrap_or(v);
        }
    }
    (&s[end..], (v, Quote::Bare, true))
}

/// The items of `body`, in order. Never fails: text that is not a pair is a [`Item::Word`].
pub fn items(body: &str, dialect: Dialect) -> Items<'_> {
    Items {
        rest: body,
        dialect,
    }
}

/// Iterator over the items of a line (see [`items`]).
#[derive(Debug, Clone)]
pub struct Items<'a> {
    rest: &'a str,
    dialect: Dialect,
}

impl<'a> Items<'a> {
    /// What is left to read.
    pub fn rest(&self) -> &'a str {
        self.rest
    }
}

impl<'a> Iterator for Items<'a> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        let d = self.dialect;
        let mut s = self.rest.trim_start_matches(is_ws);
        if s.is_empty() || (d.audit && s.starts_with('\u{1d}')) {
            self.rest = "";
            return None;
        }
        if d.audit && s.starts_with('(') && starts_pair(s, d) {
            s = &s[1..];
        }
        if let Ok((after, k)) = key(d)(s) {
            let (rest, (raw, quote, closed)) = value(after, k, d);
            self.rest = rest;
            let value = if d.escapes && quote != Quote::Bare {
                unescape(raw)
            } else {
                Cow::Borrowed(raw)
            };
            return Some(Item::Pair(Pair {
                key: k,
                value,
                raw,
                quote,
                closed,
            }));
        }
        let word: IResult<&str, &str> =
            take_till1(|c: char| is_ws(c) || (d.audit && c == '\u{1d}'))(s);
        match word {
            Ok((rest, w)) => {
                self.rest = rest;
                Some(Item::Word(w))
            }
            Err(_) => {
                self.rest = "";
                None
            }
        }
    }
}

/// The value of the first pair named `key` in `body`.
pub fn find<'a>(body: &'a str, dialect: Dialect, key: &str) -> Option<Cow<'a, str>> {
    items(body, dialect).find_map(|i| match i {
        Item::Pair(p) if p.key == key => Some(p.value),
        _ => None,
    })
}

/// Reads a `key=value` line: an optional `<PRI>`, then items, the first of which must be a
/// pair.
pub fn parse_kv(input: &str) -> Result<KvLine<'_>, ParseError> {
    let trimmed = input.trim_start_matches(is_ws);
    if trimmed.trim_end().is_empty() {
        return Err(ParseError::new(ParseErrorKind::Empty, 0));
    }
    let (after_pri, pri) = opt(pri)(trimmed).unwrap_or((trimmed, None));
    let body = after_pri.trim_start_matches(is_ws);
    let at = input.len() - body.len();
    if body.is_empty() {
        return Err(ParseError::new(ParseErrorKind::Truncated, at));
    }
    if key(Dialect::KV)(body).is_err() {
        return Err(ParseError::new(ParseErrorKind::Signature, at));
    }
    Ok(KvLine { pri, body })
}

#[cfg(test)]
mod tests;
