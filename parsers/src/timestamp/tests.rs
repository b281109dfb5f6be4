use super::*;

fn civil(
    year: Option<i32>,
    (month, day): (u8, u8),
    (hour, minute, second): (u8, u8, u8),
    nanos: u32,
    offset_s: Option<i32>,
) -> CivilTime {
    CivilTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        offset_s,
    }
}

/// `parse_bsd_prefix(input)` gives `expected` having consumed `consumed` bytes.
#[track_caller]
fn check_bsd(input: &str, expected: Option<(CivilTime, usize)>) {
    assert_eq!(parse_bsd_prefix(input), expected, "input {input:?}");
}

#[track_caller]
fn check_iso(input: &str, expected: Option<(CivilTime, usize)>) {
    assert_eq!(parse_iso8601_prefix(input), expected, "input {input:?}");
}

#[track_caller]
fn check_5424(input: &str, expected: Option<(CivilTime, usize)>) {
    assert_eq!(parse_rfc5424_timestamp(input), expected, "input {input:?}");
}

#[track_caller]
fn check_epoch(input: &str, expected: Option<(i64, u32)>) {
    let expected = expected.map(|(secs, nanos)| TimeValue::Unix { secs, nanos });
    assert_eq!(parse_epoch(input), expected, "input {input:?}");
}

#[track_caller]
fn check_cef(input: &str, expected: Option<TimeValue>) {
    assert_eq!(parse_cef_time(input), expected, "input {input:?}");
}

const H: i32 = 3600;

// ---- BSD ------------------------------------------------------------------------------------

#[test]
fn bsd_day_padding_and_case() {
    let t = civil(None, (10, 9), (22, 14, 15), 0, None);
    check_bsd("Oct  9 22:14:15", Some((t, 15)));
    check_bsd("Oct 9 22:14:15 host", Some((t, 14)));
    check_bsd("Oct 09 22:14:15", Some((t, 15)));
    check_bsd("OCT  9 22:14:15", Some((t, 15)));
    check_bsd("oct  9 22:14:15", Some((t, 15)));
    check_bsd(
        "Nov 30 23:59:60 x",
        Some((civil(None, (11, 30), (23, 59, 60), 0, None), 15)),
    );
}

#[test]
fn bsd_year_and_fraction() {
    // Cisco ASA: year before the time; the colon and zone after it are not consumed.
    check_bsd(
        "Apr 15 2013 09:36:50: %ASA",
        Some((civil(Some(2013), (4, 15), (9, 36, 50), 0, None), 20)),
    );
    check_bsd(
        "Apr 15 2014 09:34:34 EDT: %ASA",
        Some((civil(Some(2014), (4, 15), (9, 34, 34), 0, None), 20)),
    );
    check_bsd(
        "Mar 7 2008 19:06:53: example",
        Some((civil(Some(2008), (3, 7), (19, 6, 53), 0, None), 19)),
    );
    // Year after the time (Snare / ctime order).
    check_bsd(
        "Sep 17 16:37:25 2021\t4608",
        Some((civil(Some(2021), (9, 17), (16, 37, 25), 0, None), 20)),
    );
    // A four-digit token after the time that is not a plausible year is left alone.
    check_bsd(
        "Sep 17 16:37:25 1234 x",
        Some((civil(None, (9, 17), (16, 37, 25), 0, None), 15)),
    );
    check_bsd(
        "Sep 17 16:37:25 20211 x",
        Some((civil(None, (9, 17), (16, 37, 25), 0, None), 15)),
    );
    check_bsd(
        "Sep 08 2023 17:49:08.123 UTC",
        Some((
            civil(Some(2023), (9, 8), (17, 49, 8), 123_000_000, None),
            24,
        )),
    );
    check_bsd(
        "Sep 08 17:49:08.1234567891234 x",
        Some((civil(None, (9, 8), (17, 49, 8), 123_456_789, None), 29)),
    );
    // A dot without digits is not a fraction.
    check_bsd(
        "Sep 08 17:49:08. x",
        Some((civil(None, (9, 8), (17, 49, 8), 0, None), 15)),
    );
}

#[test]
fn bsd_calendar_checks() {
    check_bsd(
        "Feb 29 00:00:00",
        Some((civil(None, (2, 29), (0, 0, 0), 0, None), 15)),
    );
    check_bsd(
        "Feb 29 2024 00:00:00",
        Some((civil(Some(2024), (2, 29), (0, 0, 0), 0, None), 20)),
    );
    for bad in [
        "Feb 29 2023 00:00:00",
        "Feb 30 00:00:00",
        "Apr 31 00:00:00",
        "Jan 32 00:00:00",
        "Jan  0 00:00:00",
        "Jan  1 24:00:00",
        "Jan  1 00:60:00",
        "Jan  1 00:00:61",
        "Jan  1 0:00:00",
        "Jan  1 00:00",
        "Jan  1 00-00-00",
        "Jan 123 00:00:00",
        "Jan1 00:00:00",
        "Jan  1",
        "Foo  1 00:00:00",
        "",
    ] {
        check_bsd(bad, None);
    }
}

// ---- ISO 8601 -------------------------------------------------------------------------------

#[test]
fn iso_rfc3339_forms() {
    check_iso(
        "2003-10-11T22:14:15.003Z",
        Some((
            civil(Some(2003), (10, 11), (22, 14, 15), 3_000_000, Some(0)),
            24,
        )),
    );
    check_iso(
        "2003-08-24T05:14:15.000003-07:00 host",
        Some((
            civil(Some(2003), (8, 24), (5, 14, 15), 3_000, Some(-7 * H)),
            32,
        )),
    );
    check_iso(
        "2021-08-02T13:11:39.7724491Z",
        Some((
            civil(Some(2021), (8, 2), (13, 11, 39), 772_449_100, Some(0)),
            28,
        )),
    );
    check_iso(
        "2022-05-11T18:10:20.399931000Z",
        Some((
            civil(Some(2022), (5, 11), (18, 10, 20), 399_931_000, Some(0)),
            30,
        )),
    );
    check_iso(
        "2022-05-11t18:10:20.1234567891z",
        Some((
            civil(Some(2022), (5, 11), (18, 10, 20), 123_456_789, Some(0)),
            31,
        )),
    );
    check_iso(
        "2014-07-16T15:49:27Z",
        Some((civil(Some(2014), (7, 16), (15, 49, 27), 0, Some(0)), 20)),
    );
}

#[test]
fn iso_space_separator_and_zone_forms() {
    check_iso(
        "2023-08-16 04:53:48.446",
        Some((
            civil(Some(2023), (8, 16), (4, 53, 48), 446_000_000, None),
            23,
        )),
    );
    check_iso(
        "2025-04-21 20:51:04.058183200",
        Some((
            civil(Some(2025), (4, 21), (20, 51, 4), 58_183_200, None),
            29,
        )),
    );
    check_iso(
        "2017-04-07T22:24:37.251547+0100",
        Some((
            civil(Some(2017), (4, 7), (22, 24, 37), 251_547_000, Some(H)),
            31,
        )),
    );
    check_iso(
        "2017-04-07T22:24:37+05 x",
        Some((civil(Some(2017), (4, 7), (22, 24, 37), 0, Some(5 * H)), 22)),
    );
    check_iso(
        "2026-10-08 13:48:34.000 GMT",
        Some((civil(Some(2026), (10, 8), (13, 48, 34), 0, Some(0)), 27)),
    );
    check_iso(
        "2026-10-08 13:48:34 UTC,",
        Some((civil(Some(2026), (10, 8), (13, 48, 34), 0, Some(0)), 23)),
    );
    // ` UTCX` is not the zone: stop before it.
    check_iso(
        "2026-10-08 13:48:34 UTCX",
        Some((civil(Some(2026), (10, 8), (13, 48, 34), 0, None), 19)),
    );
    // Comma fraction (log4j / Python logging).
    check_iso(
        "2012-07-02 10:22:40,672:DEBUG",
        Some((
            civil(Some(2012), (7, 2), (10, 22, 40), 672_000_000, None),
            23,
        )),
    );
    // Basic format (CloudTrail creationDate).
    check_iso(
        "20131102T010628Z",
        Some((civil(Some(2013), (11, 2), (1, 6, 28), 0, Some(0)), 16)),
    );
    // A malformed offset is not consumed.
    check_iso(
        "2017-04-07T22:24:37+2x",
        Some((civil(Some(2017), (4, 7), (22, 24, 37), 0, None), 19)),
    );
    check_iso(
        "2017-04-07T22:24:37+01:00:00",
        Some((civil(Some(2017), (4, 7), (22, 24, 37), 0, Some(H)), 25)),
    );
}

#[test]
fn iso_range_checks() {
    check_iso(
        "2016-12-31T23:59:60Z",
        Some((civil(Some(2016), (12, 31), (23, 59, 60), 0, Some(0)), 20)),
    );
    check_iso(
        "2024-02-29T00:00:00-23:59",
        Some((
            civil(Some(2024), (2, 29), (0, 0, 0), 0, Some(-(23 * H + 59 * 60))),
            25,
        )),
    );
    for bad in [
        "2023-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2003-09-31T22:14:15Z",
        "2003-13-01T00:00:00Z",
        "2003-00-01T00:00:00Z",
        "2003-01-00T00:00:00Z",
        "2003-01-01T24:00:00Z",
        "2003-01-01T00:60:00Z",
        "2003-01-01T00:00:61Z",
        "2003-1-01T00:00:00Z",
        "2003-01-01X00:00:00Z",
        "2003-01-01",
        "2003-01-01T00:00",
        "2018-02-01:25:15Z",
        "20131102 010628Z",
        "",
    ] {
        check_iso(bad, None);
    }
    // Out-of-range offsets are not consumed; the time without them stays valid.
    for (input, consumed) in [
        ("2003-08-24T05:14:15-24:00", 19),
        ("2003-08-24T05:14:15-07:61", 19),
        ("2003-08-24T05:14:15+123", 19),
    ] {
        let (t, n) = parse_iso8601_prefix(input).unwrap();
        assert_eq!((t.offset_s, n), (None, consumed), "{input}");
    }
}

#[test]
fn iso_whole_string() {
    assert_eq!(
        parse_iso8601("2003-10-11T22:14:15Z"),
        Some(civil(Some(2003), (10, 11), (22, 14, 15), 0, Some(0)))
    );
    assert_eq!(parse_iso8601("2003-10-11T22:14:15Z "), None);
    assert_eq!(parse_iso8601("2003-10-11T22:14:15+2x"), None);
}

// ---- RFC 5424 -------------------------------------------------------------------------------

#[test]
fn rfc5424_timestamps() {
    check_5424(
        "1985-04-12T23:20:50.52Z",
        Some((
            civil(Some(1985), (4, 12), (23, 20, 50), 520_000_000, Some(0)),
            23,
        )),
    );
    check_5424(
        "1985-04-12T19:20:50.52-04:00",
        Some((
            civil(Some(1985), (4, 12), (19, 20, 50), 520_000_000, Some(-4 * H)),
            28,
        )),
    );
    check_5424(
        "2003-08-24T05:14:15.000003-07:00 x",
        Some((
            civil(Some(2003), (8, 24), (5, 14, 15), 3_000, Some(-7 * H)),
            32,
        )),
    );
    check_5424(
        "2018-12-31T23:59:59.999999-23:59",
        Some((
            civil(
                Some(2018),
                (12, 31),
                (23, 59, 59),
                999_999_000,
                Some(-(23 * H + 59 * 60)),
            ),
            32,
        )),
    );
    // Stops after `Z`: the caller sees the `+` and refuses.
    check_5424(
        "2006-01-02T15:04:05Z+07:00",
        Some((civil(Some(2006), (1, 2), (15, 4, 5), 0, Some(0)), 20)),
    );
    for bad in [
        "2006-01-02t15:04:05Z",
        "2006-01-02T15:04:05z",
        "2006-01-02 15:04:05Z",
        "2003-09-29T22:09:01.000000000009Z",
        "2003-09-29T22:09:01.1234567Z",
        "2003-09-29T22:09:01.Z",
        "2003-09-29T22:09:01.",
        "2003-09-29T22:09:01A",
        "2003-09-29T22:09:01",
        "2003-08-24T05:14:15.000003-24:00",
        "2003-08-24T05:14:15.000003-60:00",
        "2003-08-24T05:14:15.000003-07:61",
        "2003-08-24T05:14:15+0700",
        "2003-08-24T05:14:15+07",
        "2016-12-31T23:59:60Z",
        "2003-09-31T22:14:15.003Z",
        "2018-02-29T22:14:16+01:00",
        "2003-09-29T22:99:16Z",
        "-",
        "",
    ] {
        check_5424(bad, None);
    }
}

// ---- epoch ----------------------------------------------------------------------------------

#[test]
fn epoch_magnitudes() {
    check_epoch("1686839378", Some((1_686_839_378, 0)));
    check_epoch("\"1686839378\"", Some((1_686_839_378, 0)));
    check_epoch("1625677521162", Some((1_625_677_521, 162_000_000)));
    check_epoch("\"1625677521162\"", Some((1_625_677_521, 162_000_000)));
    check_epoch("1625677521162123", Some((1_625_677_521, 162_123_000)));
    check_epoch("1625677521162123456", Some((1_625_677_521, 162_123_456)));
    check_epoch("0", Some((0, 0)));
    // Boundaries: exactly 1e11 is still seconds, one more is milliseconds.
    check_epoch("100000000000", Some((100_000_000_000, 0)));
    check_epoch("100000000001", Some((100_000_000, 1_000_000)));
    check_epoch("100000000000000", Some((100_000_000_000, 0)));
    check_epoch("100000000000001", Some((100_000_000, 1_000)));
    check_epoch("100000000000000000", Some((100_000_000_000, 0)));
    check_epoch("100000000000000001", Some((100_000_000, 1)));
    check_epoch("18446744073709551615", Some((18_446_744_073, 709_551_615)));
    check_epoch("18446744073709551616", None);
}

#[test]
fn epoch_decimals_are_seconds() {
    check_epoch("1625677521.137", Some((1_625_677_521, 137_000_000)));
    check_epoch("\"1625677521.137\"", Some((1_625_677_521, 137_000_000)));
    check_epoch("1588205199.82437", Some((1_588_205_199, 824_370_000)));
    check_epoch("1604994496.155", Some((1_604_994_496, 155_000_000)));
    check_epoch("1.1234567899", Some((1, 123_456_789)));
    check_epoch("1625677521162.5", Some((1_625_677_521_162, 500_000_000)));
    check_epoch("9223372036854775807.0", Some((i64::MAX, 0)));
    check_epoch("9223372036854775808.0", None);
}

#[test]
fn epoch_rejects() {
    for bad in [
        "",
        "\"\"",
        "-1",
        "-1.5",
        "+1",
        "1e9",
        "1.6e9",
        "0x10",
        "1.",
        ".5",
        "1..2",
        "1.2.3",
        " 1",
        "1 ",
        "12a",
        "XXXXXXXXXX.XXXXXX",
        "\"1",
        "1\"",
        "NaN",
        "1,5",
    ] {
        check_epoch(bad, None);
    }
}

// ---- CEF ------------------------------------------------------------------------------------

#[test]
fn cef_times() {
    check_cef(
        "1694066533000",
        Some(TimeValue::Unix {
            secs: 1_694_066_533,
            nanos: 0,
        }),
    );
    check_cef(
        "Sep 07 2018 14:50:39",
        Some(TimeValue::Civil(civil(
            Some(2018),
            (9, 7),
            (14, 50, 39),
            0,
            None,
        ))),
    );
    check_cef(
        "Sep 08 2023 17:49:08.123 UTC",
        Some(TimeValue::Civil(civil(
            Some(2023),
            (9, 8),
            (17, 49, 8),
            123_000_000,
            Some(0),
        ))),
    );
    check_cef(
        "Sep 17 2025 11:45:34 GMT",
        Some(TimeValue::Civil(civil(
            Some(2025),
            (9, 17),
            (11, 45, 34),
            0,
            Some(0),
        ))),
    );
    check_cef(
        "Sep 07 14:50:39",
        Some(TimeValue::Civil(civil(None, (9, 7), (14, 50, 39), 0, None))),
    );
    check_cef(
        "Sep 07 2018 14:50:39 EDT",
        Some(TimeValue::Civil(civil(
            Some(2018),
            (9, 7),
            (14, 50, 39),
            0,
            Some(-4 * H),
        ))),
    );
    check_cef(
        "Sep 07 2018 14:50:39 GMT+02:00",
        Some(TimeValue::Civil(civil(
            Some(2018),
            (9, 7),
            (14, 50, 39),
            0,
            Some(2 * H),
        ))),
    );
    check_cef(
        "Sep 07 2018 14:50:39 -0500",
        Some(TimeValue::Civil(civil(
            Some(2018),
            (9, 7),
            (14, 50, 39),
            0,
            Some(-5 * H),
        ))),
    );
    check_cef(
        "2023-09-07T14:50:39.5Z",
        Some(TimeValue::Civil(civil(
            Some(2023),
            (9, 7),
            (14, 50, 39),
            500_000_000,
            Some(0),
        ))),
    );
    check_cef(
        " 1694066533000 ",
        Some(TimeValue::Unix {
            secs: 1_694_066_533,
            nanos: 0,
        }),
    );
}

#[test]
fn cef_time_rejects() {
    for bad in [
        "",
        "   ",
        "Sep 07 2018 14:50:39 XYZ",
        "Sep 07 2018 14:50:39 Europe/Paris",
        "Sep 07 2018 14:50:39 UTC junk",
        "Sep 07 2018 14:50:39x",
        "Sep 07 2018",
        "2023-09-07T14:50:39Z trailing",
        "2023-09-07",
        "-1694066533000",
        "yesterday",
    ] {
        check_cef(bad, None);
    }
}

// ---- zones ----------------------------------------------------------------------------------

#[test]
fn zone_names() {
    for (name, off) in [
        ("UTC", 0),
        ("gmt", 0),
        ("Z", 0),
        ("UT", 0),
        ("EST", -5 * H),
        ("EDT", -4 * H),
        ("CST", -6 * H),
        ("CDT", -5 * H),
        ("MST", -7 * H),
        ("MDT", -6 * H),
        ("PST", -8 * H),
        ("pdt", -7 * H),
        ("AKST", -9 * H),
        ("AKDT", -8 * H),
        ("HST", -10 * H),
        ("CET", H),
        ("CEST", 2 * H),
        ("EET", 2 * H),
        ("EEST", 3 * H),
        ("WET", 0),
        ("WEST", H),
        ("BST", H),
        ("IST", 5 * H + 1800),
        ("JST", 9 * H),
        ("KST", 9 * H),
        ("AEST", 10 * H),
        ("AEDT", 11 * H),
    ] {
        assert_eq!(zone_abbreviation(name), Some(off), "{name}");
    }
    for bad in [
        "",
        "XYZ",
        "EDT:",
        " EDT",
        "CAT",
        "Europe/Paris",
        "UTC+1",
        "ÉST",
    ] {
        assert_eq!(zone_abbreviation(bad), None, "{bad:?}");
    }
}
