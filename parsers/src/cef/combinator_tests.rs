//! The nom combinators of this module, one grammar noun each.

use super::*;
use crate::grammar::Fault;

#[test]
fn cef_header_splits_the_seven_fields() {
    let (rest, (v, fields)) = cef_header("CEF:0|V|P|1.0|100|worm|10|src=1").unwrap();
    assert_eq!(
        (rest, v, fields),
        ("src=1", 0, ["V", "P", "1.0", "100", "worm", "10"])
    );
    assert!(matches!(cef_header("CEF:0|V|P"), Err(nom::Err::Failure(_))));
}

#[test]
fn cef_version_keeps_the_major_number() {
    assert_eq!(cef_version("1.2 |V"), Ok(("V", 1)));
    assert_eq!(
        cef_version("256|"),
        Err(nom::Err::Error(Fault::new(
            "256|",
            ParseErrorKind::CefHeader
        )))
    );
    assert_eq!(
        cef_version("1x|"),
        Err(nom::Err::Error(Fault::new("x|", ParseErrorKind::CefHeader)))
    );
}

#[test]
fn cef_header_field_skips_escaped_pipes() {
    assert_eq!(cef_header_field(r"a\|b\\|c"), Ok(("c", r"a\|b\\")));
    assert_eq!(cef_header_field("|x"), Ok(("x", "")));
    assert_eq!(
        cef_header_field(r"a\|"),
        Err(nom::Err::Error(Fault::new("", ParseErrorKind::CefHeader)))
    );
}
