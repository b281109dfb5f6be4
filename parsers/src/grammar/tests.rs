use super::*;
use nom::character::complete::char;
use ParseErrorKind::{Header, Pri, Truncated, Version};

/// An unnamed failure at `at`.
fn unnamed(at: &str) -> Err<Fault<'_>> {
    Err::Error(Fault { at, kind: None })
}

#[test]
fn expect_names_unnamed_failures_where_they_happen() {
    let r = expect(Header, char('x'))("ab");
    assert_eq!(finish("zab", Pri, r), Err(ParseError::new(Header, 1)));
}

#[test]
fn expect_or_end_is_truncated_at_the_end() {
    let r = expect_or_end(Header, char('x'))("");
    assert_eq!(finish("ab", Pri, r), Err(ParseError::new(Truncated, 2)));
}

#[test]
fn inner_names_win_over_outer_ones() {
    let r = expect(Header, expect(Version, char('1')))("2");
    assert_eq!(r, Err(Err::Error(Fault::new("2", Version))));
}

#[test]
fn at_start_rewinds_to_the_token() {
    let r = at_start(Pri, nom::sequence::pair(char('<'), char('1')))("<2>");
    assert_eq!(r, Err(Err::Error(Fault::new("<2>", Pri))));
}

#[test]
fn finish_uses_the_fallback_kind_for_unnamed_failures() {
    let r: PResult<'_, ()> = Err(unnamed("c"));
    assert_eq!(finish("abc", Header, r), Err(ParseError::new(Header, 2)));
}

#[test]
fn byte_matches_one_ascii_character() {
    assert_eq!(byte(b':')(":x"), Ok(("x", ':')));
    assert_eq!(byte(b':')("x:"), Err(unnamed("x:")));
    assert_eq!(byte(b':')(""), Err(unnamed("")));
}

#[test]
fn ascii_char_and_one_of_ascii() {
    assert_eq!(
        ascii_char(|b| b.is_ascii_alphabetic())("ab"),
        Ok(("b", 'a'))
    );
    assert_eq!(one_of_ascii(b"+-")("-1"), Ok(("1", '-')));
    assert_eq!(one_of_ascii(b"+-")("é"), Err(unnamed("é")));
}

#[test]
fn ascii_runs_stop_at_the_first_other_byte() {
    assert_eq!(ascii0(|b| b.is_ascii_digit())("12a"), Ok(("a", "12")));
    assert_eq!(ascii0(|b| b.is_ascii_digit())("a"), Ok(("a", "")));
    assert_eq!(ascii1(|b| b.is_ascii_digit())("a"), Err(unnamed("a")));
}

#[test]
fn ascii_runs_never_take_non_ascii() {
    assert_eq!(ascii1(|b| b >= b'a')("aé"), Ok(("é", "a")));
    assert_eq!(ascii1(|b| b >= b'a')("éa"), Err(unnamed("éa")));
}

#[test]
fn ascii1_max_fails_at_the_byte_past_the_limit() {
    assert_eq!(
        ascii1_max(3, |b| b.is_ascii_digit())("123 "),
        Ok((" ", "123"))
    );
    assert_eq!(
        ascii1_max(3, |b| b.is_ascii_digit())("1234"),
        Err(unnamed("4"))
    );
    assert_eq!(
        ascii1_max(3, |b| b.is_ascii_digit())(" 1"),
        Err(unnamed(" 1"))
    );
}

#[test]
fn till_takes_everything_up_to_an_ascii_stop() {
    assert_eq!(till0(|b| b == b' ')("héllo wörld"), Ok((" wörld", "héllo")));
    assert_eq!(till0(|b| b == b' ')("abc"), Ok(("", "abc")));
    assert_eq!(till1(|b| b == b' ')(" abc"), Err(unnamed(" abc")));
}

#[test]
fn sp1_takes_spaces_only() {
    assert_eq!(sp1("  \tx"), Ok(("\tx", "  ")));
    assert_eq!(sp1("\tx"), Err(unnamed("\tx")));
    assert_eq!(sp0("x"), Ok(("x", "")));
}

#[test]
fn consumed_len_is_the_offset_of_the_rest() {
    assert_eq!(consumed_len("abc", "c"), 2);
    assert_eq!(consumed_len("abc", ""), 3);
}
