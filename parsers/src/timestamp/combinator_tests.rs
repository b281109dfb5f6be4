//! The nom combinators of this module, one grammar noun each.

use super::*;

fn civil(year: Option<i32>, (month, day): (u8, u8), hms: (u8, u8, u8), nanos: u32) -> CivilTime {
    CivilTime {
        year,
        month,
        day,
        hour: hms.0,
        minute: hms.1,
        second: hms.2,
        nanos,
        offset_s: None,
    }
}

#[test]
fn timestamp_3164_reads_the_bsd_time() {
    let t = civil(None, (10, 9), (22, 14, 15), 0);
    assert_eq!(timestamp_3164("Oct  9 22:14:15 host"), Ok((" host", t)));
    assert!(timestamp_3164("Oct 32 22:14:15").is_err());
}

#[test]
fn timestamp_3164_takes_a_year_before_or_after_the_time() {
    let t = civil(Some(2013), (4, 15), (9, 36, 50), 0);
    assert_eq!(timestamp_3164("Apr 15 2013 09:36:50 x"), Ok((" x", t)));
    assert_eq!(timestamp_3164("Apr 15 09:36:50 2013"), Ok(("", t)));
}

#[test]
fn day_of_month_is_one_or_two_digits() {
    assert_eq!(day_of_month("9 "), Ok((" ", 9)));
    assert_eq!(day_of_month("09 "), Ok((" ", 9)));
    assert!(day_of_month("x").is_err());
}

#[test]
fn year_and_trailing_year() {
    assert_eq!(year("2026-"), Ok(("-", 2026)));
    assert_eq!(trailing_year(" 2021: x"), Ok((": x", 2021)));
    assert!(trailing_year(" 1234 x").is_err() && trailing_year(" 2021x").is_err());
}

#[test]
fn hms_and_hms_basic() {
    assert_eq!(hms("22:14:15Z"), Ok(("Z", (22, 14, 15))));
    assert_eq!(hms_basic("010628Z"), Ok(("Z", (1, 6, 28))));
    assert!(hms("22:14").is_err() && hms("22-14-15").is_err());
}

#[test]
fn fraction_is_optional_and_keeps_nine_digits() {
    assert_eq!(
        fraction(false)(".1234567891Z"),
        Ok(("Z", (123_456_789, 10)))
    );
    assert_eq!(fraction(true)(",5"), Ok(("", (500_000_000, 1))));
    assert_eq!(fraction(false)(",5"), Ok((",5", (0, 0))));
}

#[test]
fn iso8601_reads_extended_and_basic_forms() {
    let (rest, t) = iso8601("2023-08-16 04:53:48.446 UTC;").unwrap();
    assert_eq!((rest, t.nanos, t.offset_s), (";", 446_000_000, Some(0)));
    assert_eq!(
        iso8601("20131102T010628Z").map(|(_, t)| t.offset_s),
        Ok(Some(0))
    );
}

#[test]
fn iso_zone_forms() {
    assert_eq!(iso_zone("z"), Ok(("", 0)));
    assert_eq!(iso_zone("+0100"), Ok(("", 3600)));
    assert!(iso_zone(" UTCx").is_err() && iso_zone("x").is_err());
}

#[test]
fn timestamp_5424_is_strict_rfc3339() {
    let (rest, t) = timestamp_5424("2003-08-24T05:14:15.000003-07:00 h").unwrap();
    assert_eq!((rest, t.nanos, t.offset_s), (" h", 3_000, Some(-7 * 3600)));
    assert!(timestamp_5424("2003-08-24t05:14:15Z").is_err());
}

#[test]
fn full_date_and_time_secfrac() {
    assert_eq!(full_date("2026-07-23T"), Ok(("T", (2026, 7, 23))));
    assert_eq!(time_secfrac(".003Z"), Ok(("Z", 3_000_000)));
    assert_eq!(time_secfrac(".1234567Z"), Ok((".1234567Z", 0)));
}

#[test]
fn time_offset_needs_z_or_a_colon() {
    assert_eq!(time_offset("Z"), Ok(("", 0)));
    assert_eq!(time_offset("+05:30"), Ok(("", 5 * 3600 + 30 * 60)));
    assert!(time_offset("+0530").is_err());
}

#[test]
fn numeric_offset_forms() {
    assert_eq!(numeric_offset(false)("-05 x"), Ok((" x", -5 * 3600)));
    assert_eq!(numeric_offset(false)("+0200"), Ok(("", 7200)));
    assert!(numeric_offset(false)("+123").is_err() && numeric_offset(false)("+24:00").is_err());
}

#[test]
fn epoch_number_splits_integer_and_fraction() {
    assert_eq!(
        epoch_number("1625677521.137"),
        Ok(("", ("1625677521", Some("137"))))
    );
    assert_eq!(epoch_number("1625677521."), Ok((".", ("1625677521", None))));
    assert!(epoch_number(".5").is_err());
}

#[test]
fn zone_offset_of_names_and_numbers() {
    assert_eq!(zone_offset("CEST"), Some(7200));
    assert_eq!(zone_offset("GMT+02:00"), Some(7200));
    assert_eq!(zone_offset("GMT+02:00x"), None);
}
