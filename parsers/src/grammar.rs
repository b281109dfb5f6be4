//! nom plumbing shared by the grammars: the crate's nom error type, combinators that name what
//! failed, and the conversion to [`ParseError`] at the public boundary.
//!
//! Every grammar is written with nom 7 combinators over complete `&str` input. A failure carries
//! the unparsed input where it happened (`at`, always a suffix of the record) and, once a named
//! combinator has wrapped it, the [`ParseErrorKind`] of the grammar noun that failed. At the
//! public boundary the offset is `record.len() - at.len()`.

use nom::error::{ErrorKind, FromExternalError, ParseError as NomParseError};
use nom::{Err, IResult, Parser};

use crate::error::{ParseError, ParseErrorKind};

/// A nom error of this crate: where the grammar stopped and, once named, what was malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fault<'a> {
    /// The unparsed input at the fault (a suffix of the record).
    pub(crate) at: &'a str,
    /// `None` until a named combinator ([`expect`], [`expect_or_end`], [`at_start`]) names it.
    pub(crate) kind: Option<ParseErrorKind>,
}

impl<'a> Fault<'a> {
    pub(crate) fn new(at: &'a str, kind: ParseErrorKind) -> Self {
        Fault {
            at,
            kind: Some(kind),
        }
    }
}

impl<'a> NomParseError<&'a str> for Fault<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        Fault {
            at: input,
            kind: None,
        }
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

impl<'a, E> FromExternalError<&'a str, E> for Fault<'a> {
    fn from_external_error(input: &'a str, kind: ErrorKind, _e: E) -> Self {
        Self::from_error_kind(input, kind)
    }
}

/// The result of every grammar combinator in the crate.
pub(crate) type PResult<'a, O> = IResult<&'a str, O, Fault<'a>>;

/// A recoverable failure of `kind` at `at`.
#[inline]
pub(crate) fn fail<'a, O>(at: &'a str, kind: ParseErrorKind) -> PResult<'a, O> {
    Err(Err::Error(Fault::new(at, kind)))
}

/// Applies `name` to the kind of a failure that no inner combinator has named yet.
#[inline]
fn rename<'a>(
    e: Err<Fault<'a>>,
    name: impl FnOnce(&Fault<'a>) -> ParseErrorKind,
) -> Err<Fault<'a>> {
    e.map(|f| match f.kind {
        Some(_) => f,
        None => Fault::new(f.at, name(&f)),
    })
}

/// Failures of `p` that nothing inside named are `kind`, where they happened.
#[inline]
pub(crate) fn expect<'a, O, P>(
    kind: ParseErrorKind,
    mut p: P,
) -> impl FnMut(&'a str) -> PResult<'a, O>
where
    P: Parser<&'a str, O, Fault<'a>>,
{
    move |i| p.parse(i).map_err(|e| rename(e, |_| kind))
}

/// Like [`expect`], but a failure at the end of the record is [`ParseErrorKind::Truncated`].
#[inline]
pub(crate) fn expect_or_end<'a, O, P>(
    kind: ParseErrorKind,
    mut p: P,
) -> impl FnMut(&'a str) -> PResult<'a, O>
where
    P: Parser<&'a str, O, Fault<'a>>,
{
    move |i| {
        p.parse(i).map_err(|e| {
            rename(e, |f| {
                if f.at.is_empty() {
                    ParseErrorKind::Truncated
                } else {
                    kind
                }
            })
        })
    }
}

/// Every failure of `p` is `kind` at the start of `p`'s input: for tokens that are valid or not
/// as a whole (a PRI, a timestamp).
#[inline]
pub(crate) fn at_start<'a, O, P>(
    kind: ParseErrorKind,
    mut p: P,
) -> impl FnMut(&'a str) -> PResult<'a, O>
where
    P: Parser<&'a str, O, Fault<'a>>,
{
    move |i| p.parse(i).map_err(|e| e.map(|_| Fault::new(i, kind)))
}

// ---- ASCII leaves ------------------------------------------------------------------------
//
// The grammars' terminals are ASCII (digits, letters, separators, PRINTUSASCII). nom's `&str`
// primitives (`char`, `take_while1`, `take_till1`, ...) decode a UTF-8 character per step and
// were not inlined (a call per character class and per slice): they took a third of the RFC 5424
// time. These leaves compare bytes and are `#[inline]`; they have nom's signature and compose
// with nom's combinators like nom's own. A predicate only ever sees ASCII bytes (any byte of a
// multi-byte character fails it), so every split is on a character boundary.

fn no_match(at: &str) -> Err<Fault<'_>> {
    Err::Error(Fault { at, kind: None })
}

/// Splits `i` after its first `n` bytes (never fails for a boundary the leaves computed).
#[inline]
fn split(i: &str, n: usize) -> PResult<'_, &str> {
    match i.split_at_checked(n) {
        Some((taken, rest)) => Ok((rest, taken)),
        None => Err(no_match(i)),
    }
}

/// Length of the leading run of ASCII bytes that satisfy `pred`.
#[inline]
fn ascii_run(i: &str, pred: impl Fn(u8) -> bool) -> usize {
    i.bytes()
        .position(|b| !(b.is_ascii() && pred(b)))
        .unwrap_or(i.len())
}

/// The ASCII character `c`: nom's `char(c)` comparing one byte.
#[inline]
pub(crate) fn byte<'a>(c: u8) -> impl Fn(&'a str) -> PResult<'a, char> + Copy {
    move |i: &'a str| match i.as_bytes().first() {
        Some(&b) if b == c && c.is_ascii() => split(i, 1).map(|(rest, _)| (rest, char::from(c))),
        _ => Err(no_match(i)),
    }
}

/// One ASCII character satisfying `pred`: nom's `satisfy`.
#[inline]
pub(crate) fn ascii_char<'a>(
    pred: impl Fn(u8) -> bool + Copy,
) -> impl Fn(&'a str) -> PResult<'a, char> + Copy {
    move |i: &'a str| match i.as_bytes().first() {
        Some(&b) if b.is_ascii() && pred(b) => split(i, 1).map(|(rest, _)| (rest, char::from(b))),
        _ => Err(no_match(i)),
    }
}

/// One of the ASCII characters in `set`: nom's `one_of`.
#[inline]
pub(crate) fn one_of_ascii<'a>(set: &'static [u8]) -> impl Fn(&'a str) -> PResult<'a, char> + Copy {
    move |i: &'a str| match i.as_bytes().first() {
        Some(&b) if b.is_ascii() && set.contains(&b) => {
            split(i, 1).map(|(rest, _)| (rest, char::from(b)))
        }
        _ => Err(no_match(i)),
    }
}

/// `*` ASCII bytes satisfying `pred`: nom's `take_while`.
#[inline]
pub(crate) fn ascii0<'a>(
    pred: impl Fn(u8) -> bool + Copy,
) -> impl Fn(&'a str) -> PResult<'a, &'a str> + Copy {
    move |i: &'a str| split(i, ascii_run(i, pred))
}

/// `1*` ASCII bytes satisfying `pred`: nom's `take_while1`.
#[inline]
pub(crate) fn ascii1<'a>(
    pred: impl Fn(u8) -> bool + Copy,
) -> impl Fn(&'a str) -> PResult<'a, &'a str> + Copy {
    move |i: &'a str| match ascii_run(i, pred) {
        0 => Err(no_match(i)),
        n => split(i, n),
    }
}

/// `1*max` ASCII bytes satisfying `pred`: `take_while_m_n(1, max, pred)` followed by
/// `not(pred)`, so a run longer than `max` fails at its `max`-th byte.
#[inline]
pub(crate) fn ascii1_max<'a>(
    max: usize,
    pred: impl Fn(u8) -> bool + Copy,
) -> impl Fn(&'a str) -> PResult<'a, &'a str> + Copy {
    move |i: &'a str| match ascii_run(i, pred) {
        0 => Err(no_match(i)),
        n if n > max => Err(no_match(i.get(max..).unwrap_or(i))),
        n => split(i, n),
    }
}

/// Everything up to the first ASCII byte satisfying `stop` (or the end): nom's `take_till`.
#[inline]
pub(crate) fn till0<'a>(
    stop: impl Fn(u8) -> bool + Copy,
) -> impl Fn(&'a str) -> PResult<'a, &'a str> + Copy {
    move |i: &'a str| split(i, non_ascii_run(i, stop))
}

/// Like [`till0`], but at least one byte: nom's `take_till1`.
#[inline]
pub(crate) fn till1<'a>(
    stop: impl Fn(u8) -> bool + Copy,
) -> impl Fn(&'a str) -> PResult<'a, &'a str> + Copy {
    move |i: &'a str| match till0(stop)(i) {
        Ok((_, "")) => Err(no_match(i)),
        r => r,
    }
}

/// Length of the leading run of bytes that are not an ASCII `stop` byte (non-ASCII bytes never
/// stop the run).
#[inline]
fn non_ascii_run(i: &str, stop: impl Fn(u8) -> bool) -> usize {
    i.bytes()
        .position(|b| b.is_ascii() && stop(b))
        .unwrap_or(i.len())
}

/// `1*SP` (only SP: a TAB is not a separator in these grammars).
#[inline]
pub(crate) fn sp1(i: &str) -> PResult<'_, &str> {
    ascii1(|b| b == b' ')(i)
}

/// `*SP`.
#[inline]
pub(crate) fn sp0(i: &str) -> PResult<'_, &str> {
    split(i, crate::primitives::run_of(i.as_bytes(), 0, b' '))
}

/// Converts the outcome of a record grammar into the public result. `unnamed` is the kind used
/// for a failure no combinator named (the grammars name all of theirs; this is a safety net).
#[inline]
pub(crate) fn finish<'a, O>(
    record: &'a str,
    unnamed: ParseErrorKind,
    result: PResult<'a, O>,
) -> Result<O, ParseError> {
    match result {
        Ok((_, out)) => Ok(out),
        Err(Err::Error(f) | Err::Failure(f)) => Err(ParseError::new(
            f.kind.unwrap_or(unnamed),
            record.len().saturating_sub(f.at.len()),
        )),
        // Complete-input combinators never ask for more; treat it as the record ending early.
        Err(Err::Incomplete(_)) => Err(ParseError::new(ParseErrorKind::Truncated, record.len())),
    }
}

/// Bytes consumed from `input` when `rest` is left (`rest` is a suffix of `input`).
pub(crate) fn consumed_len(input: &str, rest: &str) -> usize {
    input.len().saturating_sub(rest.len())
}

#[cfg(test)]
mod tests;
