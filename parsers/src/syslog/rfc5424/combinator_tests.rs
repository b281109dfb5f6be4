//! The nom combinators of this module, one grammar noun each.

use super::*;
use nom::Err::{Error, Failure};
use ParseErrorKind::{StructuredData, Truncated, Version};

#[test]
fn pri_version_reads_pri_and_version() {
    assert_eq!(pri_version(false)("<165>1 2003"), Ok(("2003", (165, 1))));
    assert!(matches!(pri_version(true)("<13>Nov"), Err(Failure(_))));
    assert!(matches!(pri_version(true)("2003-"), Err(Error(_))));
}

#[test]
fn version_is_one_to_three_digits_without_leading_zero() {
    assert_eq!(version("999 "), Ok((" ", 999)));
    assert_eq!(version("1000 "), Err(Error(Fault::new("0 ", Version))));
    assert_eq!(version("0 "), Err(Error(Fault::new("0 ", Version))));
}

#[test]
fn sp_is_one_space_or_several_when_lenient() {
    assert_eq!(sp(Version, false)(" x"), Ok(("x", ())));
    assert_eq!(sp(Version, true)("   x"), Ok(("x", ())));
    assert_eq!(
        sp(Version, false)(""),
        Err(Error(Fault::new("", Truncated)))
    );
}

#[test]
fn timestamp_field_is_nil_or_a_whole_token() {
    assert_eq!(timestamp(true, false)("- h"), Ok((" h", None)));
    assert!(timestamp(true, false)("2003-10-11T22:14:15Z h").is_ok());
    assert!(
        timestamp(false, true)("- h").is_err()
            && timestamp(true, false)("2003-10-11T22:14:15Zx").is_err()
    );
}

#[test]
fn header_field_is_nil_or_printusascii_up_to_max() {
    assert_eq!(header_field(48)("su - "), Ok((" - ", Some("su"))));
    assert_eq!(header_field(48)("- x"), Ok((" x", None)));
    assert_eq!(
        header_field(2)("abc"),
        Err(Error(Fault::new("c", ParseErrorKind::Header)))
    );
}

#[test]
fn structured_data_is_nil_or_elements() {
    assert_eq!(structured_data("- m", false), Ok((" m", vec![])));
    assert_eq!(
        structured_data("[a][b] m", false).map(|(r, sd)| (r, sd.len())),
        Ok((" m", 2))
    );
    assert_eq!(
        structured_data("x", false),
        Err(Error(Fault::new("x", StructuredData)))
    );
}

#[test]
fn sd_elements_refuse_a_repeated_id_in_strict() {
    assert_eq!(
        sd_elements("[a][a]", false),
        Err(Failure(Fault::new("[a]", StructuredData)))
    );
    assert_eq!(sd_elements("[a][a]", true).map(|(_, sd)| sd.len()), Ok(2));
    assert!(matches!(sd_elements("x", false), Err(Error(_))));
}

#[test]
fn sd_element_reads_id_and_params() {
    let (rest, el) = sd_element(false)("[id@1 a=\"1\" b=\"2\"] m").unwrap();
    assert_eq!(
        (rest, el.map(|e| (e.id, e.params.len()))),
        (" m", Some(("id@1", 2)))
    );
    assert_eq!(sd_element(true)("[]"), Ok(("", None)));
}

#[test]
fn sd_name_is_up_to_32_name_characters() {
    assert_eq!(
        sd_name("exampleSDID@32473 "),
        Ok((" ", "exampleSDID@32473"))
    );
    let long = "a".repeat(33);
    assert_eq!(sd_name(&long), Err(Error(Fault::new("a", StructuredData))));
}

#[test]
fn sd_param_unescapes_only_when_needed() {
    let (_, p) = sd_param(false)(r#"k="a\"b"]"#).unwrap();
    assert_eq!((p.name, p.value), ("k", Cow::Owned::<str>("a\"b".into())));
    assert!(matches!(
        sd_param(false)(r#"k="ab"]"#),
        Ok((
            "]",
            SdParam {
                value: Cow::Borrowed("ab"),
                ..
            }
        ))
    ));
}

#[test]
fn sd_param_lenient_allows_spaces_around_equals() {
    assert_eq!(
        sd_param(true)(r#"k = "v""#).map(|(_, p)| p.value),
        Ok(Cow::Borrowed("v"))
    );
    assert_eq!(
        sd_param(false)(r#"k= "v""#),
        Err(Error(Fault::new(r#" "v""#, StructuredData)))
    );
}

#[test]
fn param_value_reports_escapes() {
    assert_eq!(param_value(false)(r#"a\]b""#), Ok(("\"", (r"a\]b", true))));
    assert_eq!(
        param_value(true)(r#"C:\temp""#),
        Ok(("\"", (r"C:\temp", false)))
    );
    assert_eq!(param_value(false)("a]\""), Ok(("]\"", ("a", false))));
}

#[test]
fn sd_escape_is_strict_about_unknown_escapes() {
    assert_eq!(sd_escape(false)(r#"\""#), Ok(("", '"')));
    assert_eq!(
        sd_escape(false)(r"\n"),
        Err(Failure(Fault::new(r"\n", StructuredData)))
    );
    assert_eq!(
        sd_escape(false)("\\"),
        Err(Failure(Fault::new("", Truncated)))
    );
}

#[test]
fn msg_separator_is_the_end_or_spaces() {
    assert_eq!(msg_separator("", false), Ok(("", "")));
    assert_eq!(msg_separator("  m", true), Ok(("m", " ")));
    assert_eq!(
        msg_separator("x", false),
        Err(Error(Fault::new("x", StructuredData)))
    );
}

#[test]
fn unescape_undoes_the_three_escapes_only() {
    assert_eq!(unescape(r#"\]\"\\"#), r#"]"\"#);
    assert_eq!(unescape(r"C:\temp\"), r"C:\temp\");
    assert_eq!(unescape(r"\n\\n"), r"\n\n");
}
