//! The nom combinators of this module, one grammar noun each.

use super::*;
use crate::grammar::Fault;

#[test]
fn pri_value_reads_prival() {
    assert_eq!(pri_value("<165>1"), Ok(("1", 165)));
    assert_eq!(pri_value("<0>"), Ok(("", 0)));
    assert!(pri_value("<01>").is_err() && pri_value("<192>").is_err());
}

#[test]
fn header_pri_commits_after_the_angle_bracket() {
    assert_eq!(header_pri("<13>x"), Ok(("x", 13)));
    let bad = header_pri("<192>x").unwrap_err();
    assert_eq!(
        bad,
        nom::Err::Failure(Fault::new("<192>x", ParseErrorKind::Pri))
    );
    assert!(matches!(header_pri("Jan"), Err(nom::Err::Error(_))));
}

#[test]
fn month_reads_three_letters() {
    assert_eq!(month("Aug 1"), Ok((" 1", 8)));
    assert_eq!(month("dec"), Ok(("", 12)));
    assert!(month("Ja").is_err() && month("Foo 1").is_err());
    assert_eq!(month("août 19"), Ok((" 19", 8)));
}

#[test]
fn digits_reads_a_fixed_width_number() {
    assert_eq!(digits(4)("2026-07"), Ok(("-07", 2026)));
    assert_eq!(digits(2)("07"), Ok(("", 7)));
    assert!(digits(2)("7:").is_err() && digits(2)("7").is_err());
}
