use std::borrow::Cow;

use super::*;
use crate::error::ParseErrorKind;
use crate::timestamp::CivilTime;

/// Vendor, product, product version, EventID.
type Header<'e> = [&'e str; 4];

/// Parses `input` and asserts version, header, delimiter and the exact attribute list.
#[track_caller]
fn check<'a>(
    input: &'a str,
    version: &str,
    header: Header<'_>,
    delimiter: (char, DelimiterSource),
    attrs: &[(&str, &str)],
) -> Leef<'a> {
    let leef = match parse_leef(input) {
        Ok(l) => l,
        Err(e) => panic!("parse_leef failed: {e}\ninput: {input:?}"),
    };
    let got_header = [
        leef.vendor.as_ref(),
        leef.product.as_ref(),
        leef.product_version.as_ref(),
        leef.event_id.as_ref(),
    ];
    assert_eq!(leef.version, version, "version of {input:?}");
    assert_eq!(got_header, header, "header of {input:?}");
    assert_eq!(
        (leef.delimiter, leef.delimiter_source),
        delimiter,
        "delimiter of {input:?}"
    );
    assert_eq!(leef.attributes, attrs, "attributes of {input:?}");
    leef
}

#[track_caller]
fn check_err(input: &str, kind: ParseErrorKind, offset: usize) {
    assert_eq!(
        parse_leef(input),
        Err(ParseError::new(kind, offset)),
        "input: {input:?}"
    );
}

const TAB: (char, DelimiterSource) = ('\t', DelimiterSource::Default);
const STEALTHWATCH: Header<'static> = ["Lancope", "StealthWatch", "1.0", "41"];

// --- header -------------------------------------------------------------------------------------

#[test]
fn leef1_header_only() {
    let leef = check(
        "LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|",
        "1.0",
        ["Microsoft", "MSExchange", "4.0 SP1", "15345"],
        TAB,
        &[],
    );
    assert_eq!(leef.major, 1);
    assert_eq!(leef.envelope, None);
    assert_eq!(leef.delimiter_field, None);
    assert_eq!((leef.leef_offset, leef.attributes_offset), (0, 44));
    assert!(matches!(leef.vendor, Cow::Borrowed(_)));
}

#[test]
fn leef1_tab_separated() {
    let leef = check(
        "LEEF:1.0|Microsoft|MSExchange|2016|15345|src=10.50.1.1\tdst=2.10.20.20\tspt=1200",
        "1.0",
        ["Microsoft", "MSExchange", "2016", "15345"],
        TAB,
        &[("src", "10.50.1.1"), ("dst", "2.10.20.20"), ("spt", "1200")],
    );
    assert_eq!(leef.attr("dst"), Some("2.10.20.20"));
    assert_eq!(leef.attr("DST"), None);
    assert_eq!(leef.attributes_offset, 41);
}

#[test]
fn leef1_single_attribute() {
    check(
        "LEEF:1.0|Microsoft|Exchange|2013|Login Event|cat=Failed",
        "1.0",
        ["Microsoft", "Exchange", "2013", "Login Event"],
        TAB,
        &[("cat", "Failed")],
    );
}

#[test]
fn leef2_declared_delimiters() {
    let leef = check(
        "LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^srcPort=81^dstPort=21",
        "2.0",
        STEALTHWATCH,
        ('^', DelimiterSource::Declared),
        &[
            ("src", "10.0.1.8"),
            ("dst", "10.0.0.5"),
            ("sev", "5"),
            ("srcPort", "81"),
            ("dstPort", "21"),
        ],
    );
    assert_eq!(leef.major, 2);
    assert_eq!(leef.delimiter_field, Some("^"));
    let pairs = [("src", "192.0.2.1"), ("dst", "198.51.100.2")];
    for (field, c, source) in [
        ("x09", '\t', DelimiterSource::Declared),
        ("0x09", '\t', DelimiterSource::Declared),
        ("\\x09", '\t', DelimiterSource::Declared),
        ("X7C", '|', DelimiterSource::Declared),
        ("0x5e", '^', DelimiterSource::Declared),
        ("x2C", ',', DelimiterSource::Declared),
        ("¦", '¦', DelimiterSource::Declared),
        ("\\t", '\t', DelimiterSource::Declared),
        ("", '\t', DelimiterSource::Default),
    ] {
        let sep = c.to_string();
        let input = format!(
            "LEEF:2.0|Lancope|StealthWatch|1.0|41|{field}|src=192.0.2.1{sep}dst=198.51.100.2"
        );
        let leef = check(&input, "2.0", STEALTHWATCH, (c, source), &pairs);
        assert_eq!(leef.delimiter_field, Some(field));
    }
}

#[test]
fn leef2_header_only_and_without_delimiter_field() {
    check(
        "LEEF:2.0|Lancope|StealthWatch|1.0|41|^|",
        "2.0",
        STEALTHWATCH,
        ('^', DelimiterSource::Declared),
        &[],
    );
    // No delimiter field: what follows EventID is already an attribute.
    let leef = check(
        "LEEF:2.0|Lancope|StealthWatch|1.0|41|src=10.0.1.8^dst=10.0.0.5",
        "2.0",
        STEALTHWATCH,
        ('^', DelimiterSource::Detected),
        &[("src", "10.0.1.8"), ("dst", "10.0.0.5")],
    );
    assert_eq!(leef.delimiter_field, None);
    check(
        "LEEF:2.0|Lancope|StealthWatch|1.0|41|src=10.0.1.8\tdst=10.0.0.5",
        "2.0",
        STEALTHWATCH,
        TAB,
        &[("src", "10.0.1.8"), ("dst", "10.0.0.5")],
    );
    // A 2.0 record with `|` between the attributes and no delimiter field.
    check(
        "LEEF:2.0|V|P|1|E|a=1|b=2",
        "2.0",
        ["V", "P", "1", "E"],
        ('|', DelimiterSource::Detected),
        &[("a", "1"), ("b", "2")],
    );
}

#[test]
fn versions() {
    check("LEEF:1|V|P|1|E|", "1", ["V", "P", "1", "E"], TAB, &[]);
    check("LEEF:1.0 |V|P|1|E|", "1.0", ["V", "P", "1", "E"], TAB, &[]);
    let leef = check(
        "LEEF:2|V|P|1|E|^|a=1",
        "2",
        ["V", "P", "1", "E"],
        ('^', DelimiterSource::Declared),
        &[("a", "1")],
    );
    assert_eq!(leef.major, 2);
    // EventID ends the record without its `|`: no attributes.
    check(
        "LEEF:1.0|Microsoft|Exchange|2013|Login Event",
        "1.0",
        ["Microsoft", "Exchange", "2013", "Login Event"],
        TAB,
        &[],
    );
}

#[test]
fn header_escapes_and_empty_fields() {
    let leef = check(
        r"LEEF:1.0|Ven\|dor|Pro\\duct|1.0|id\x|k=v",
        "1.0",
        ["Ven|dor", r"Pro\duct", "1.0", r"id\x"],
        TAB,
        &[("k", "v")],
    );
    assert!(matches!(leef.vendor, Cow::Owned(_)));
    assert!(matches!(leef.event_id, Cow::Borrowed(_)));
    check("LEEF:1.0|||||", "1.0", ["", "", "", ""], TAB, &[]);
    check("LEEF:1.0|V|P|1||", "1.0", ["V", "P", "1", ""], TAB, &[]);
}

#[test]
fn errors() {
    check_err("", ParseErrorKind::Empty, 0);
    check_err(
        "Sep 17 13:45:35 host something",
        ParseErrorKind::Signature,
        0,
    );
    check_err("LEEF:x|V|P|1|E|", ParseErrorKind::Signature, 0);
    check_err("xLEEF:1.0|V|P|1|E|", ParseErrorKind::Signature, 0);
    check_err("LEEF:1.0|V|P", ParseErrorKind::LeefHeader, 12);
    check_err("LEEF:1.0|V|P|1", ParseErrorKind::LeefHeader, 14);
    check_err("LEEF:1.0x|V|P|1|E|", ParseErrorKind::LeefHeader, 8);
    check_err("<13>host LEEF:1.0|V", ParseErrorKind::LeefHeader, 19);
    check_err("LEEF:999.0|V|P|1|E|", ParseErrorKind::LeefHeader, 5);
}

// --- attributes ---------------------------------------------------------------------------------

fn attrs_of(input: &str) -> Vec<(String, String)> {
    parse_leef(input)
        .unwrap()
        .attributes
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[track_caller]
fn check_attrs(input: &str, want: &[(&str, &str)]) {
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(attrs_of(input), want, "input: {input:?}");
}

#[test]
fn empty_values_are_kept() {
    check_attrs(
        "LEEF:1.0|V|P|1|E|usrName=\tsrc=192.0.2.1\tSourceUser=",
        &[("usrName", ""), ("src", "192.0.2.1"), ("SourceUser", "")],
    );
    check_attrs(
        "LEEF:1.0|V|P|1|E|usrName=|SourceUser=|DestinationUser=",
        &[("usrName", ""), ("SourceUser", ""), ("DestinationUser", "")],
    );
}

#[test]
fn values_keep_spaces_and_equals() {
    check_attrs(
        "LEEF:1.0|V|P|1|E|msg=a b = c\turl=https://example.com/?q=1&r=2\tcat=Login Failed",
        &[
            ("msg", "a b = c"),
            ("url", "https://example.com/?q=1&r=2"),
            ("cat", "Login Failed"),
        ],
    );
}

#[test]
fn a_value_containing_the_delimiter_continues() {
    check_attrs(
        "LEEF:1.0|V|P|1|E|a=1|b=x|y|c=3",
        &[("a", "1"), ("b", "x|y"), ("c", "3")],
    );
    check_attrs(
        "LEEF:2.0|V|P|1|E|^|a=1^note=up ^ down^c=3",
        &[("a", "1"), ("note", "up ^ down"), ("c", "3")],
    );
}

#[test]
fn doubled_and_trailing_delimiters_are_skipped() {
    check_attrs("LEEF:1.0|V|P|1|E|a=1\t\tb=2\t", &[("a", "1"), ("b", "2")]);
}

#[test]
fn text_before_the_first_key_is_kept_under_the_empty_key() {
    check_attrs(
        "LEEF:1.0|V|P|1|E|free text\ta=1",
        &[("", "free text"), ("a", "1")],
    );
    check_attrs("LEEF:1.0|V|P|1|E|just text", &[("", "just text")]);
}

#[test]
fn keys_with_spaces_around_and_dots() {
    check_attrs(
        "LEEF:2.0|V|P|1|E|^| src =192.0.2.1^ad.user[0]=x^bad key=y",
        &[("src", "192.0.2.1"), ("ad.user[0]", "x^bad key=y")],
    );
}

#[test]
fn tab_wins_over_pipe_in_leef1() {
    // Values with `|key=` inside do not make `|` the delimiter when TABs separate the keys.
    check_attrs(
        "LEEF:1.0|V|P|1|E|msg=a|b=c\tsrc=192.0.2.1",
        &[("msg", "a|b=c"), ("src", "192.0.2.1")],
    );
}

#[test]
fn utf8_values() {
    check_attrs(
        "LEEF:2.0|V|P|1|E|¦|usrName=Jürgen Öhlmann¦cat=Anmeldung fehlgeschlagen¦x=日本",
        &[
            ("usrName", "Jürgen Öhlmann"),
            ("cat", "Anmeldung fehlgeschlagen"),
            ("x", "日本"),
        ],
    );
}

#[test]
fn values_borrow_from_the_record() {
    let input = "LEEF:1.0|V|P|1|E|a=1\tb=2";
    let leef = parse_leef(input).unwrap();
    let base = input.as_ptr() as usize;
    let (_, b) = leef.attributes[1];
    assert_eq!(b.as_ptr() as usize - base, input.len() - 1);
}

// --- envelope -----------------------------------------------------------------------------------

fn civil(year: Option<i32>, month: u8, day: u8, h: u8, m: u8, s: u8) -> CivilTime {
    CivilTime {
        year,
        month,
        day,
        hour: h,
        minute: m,
        second: s,
        nanos: 0,
        offset_s: None,
    }
}

#[test]
fn envelope_rfc3164() {
    let leef = check(
        "<13>Jan 18 11:07:53 192.168.1.1 LEEF:1.0|Microsoft|MSExchange|4.0 SP1|15345|",
        "1.0",
        ["Microsoft", "MSExchange", "4.0 SP1", "15345"],
        TAB,
        &[],
    );
    assert_eq!(leef.leef_offset, 32);
    assert_eq!(
        leef.envelope,
        Some(LeefEnvelope {
            pri: Some(13),
            timestamp: Some(civil(None, 1, 18, 11, 7, 53)),
            hostname: Some("192.168.1.1"),
        })
    );
}

#[test]
fn envelope_rfc5424() {
    let leef = check(
        "<13>1 2019-01-18T11:07:53.520Z 192.168.1.1 LEEF:2.0|Lancope|StealthWatch|1.0|41|^|",
        "2.0",
        STEALTHWATCH,
        ('^', DelimiterSource::Declared),
        &[],
    );
    let env = leef.envelope.unwrap();
    assert_eq!(env.pri, Some(13));
    assert_eq!(env.hostname, Some("192.168.1.1"));
    assert_eq!(
        env.timestamp,
        Some(CivilTime {
            nanos: 520_000_000,
            offset_s: Some(0),
            ..civil(Some(2019), 1, 18, 11, 7, 53)
        })
    );
}

#[test]
fn envelope_unparseable_prefix_keeps_the_pri() {
    let leef = parse_leef("<14>garbage here LEEF:1.0|V|P|1|E|a=1").unwrap();
    assert_eq!(
        leef.envelope,
        Some(LeefEnvelope {
            pri: Some(14),
            ..LeefEnvelope::default()
        })
    );
    let leef = parse_leef("  LEEF:1.0|V|P|1|E|a=1").unwrap();
    assert_eq!(leef.envelope, None);
    assert_eq!(leef.leef_offset, 2);
}

#[test]
fn signature_is_the_first_leef_at_a_boundary() {
    let leef = parse_leef("host xLEEF:1 LEEF:1.0|V|P|1|E|msg=LEEF:2.0|x").unwrap();
    assert_eq!(leef.leef_offset, 13);
    assert_eq!(leef.attributes, [("msg", "LEEF:2.0|x")]);
}

// --- devTime ------------------------------------------------------------------------------------

#[test]
fn dev_time_default_forms() {
    let gmt = |mut c: CivilTime| {
        c.offset_s = Some(0);
        TimeValue::Civil(c)
    };
    assert_eq!(
        parse_dev_time("Sep 17 2025 11:45:34 GMT", None),
        Some(gmt(civil(Some(2025), 9, 17, 11, 45, 34)))
    );
    assert_eq!(
        parse_dev_time("Sep 17 2025 11:45:34", Some("")),
        Some(TimeValue::Civil(civil(Some(2025), 9, 17, 11, 45, 34)))
    );
    assert_eq!(
        parse_dev_time("Sep 17 2025 11:45:34.250 CEST", None),
        Some(TimeValue::Civil(CivilTime {
            nanos: 250_000_000,
            offset_s: Some(7200),
            ..civil(Some(2025), 9, 17, 11, 45, 34)
        }))
    );
    assert_eq!(
        parse_dev_time("1758109534000", None),
        Some(TimeValue::Unix {
            secs: 1_758_109_534,
            nanos: 0
        })
    );
    assert_eq!(
        parse_dev_time(" 1758109534123 ", Some("   ")),
        Some(TimeValue::Unix {
            secs: 1_758_109_534,
            nanos: 123_000_000
        })
    );
    assert_eq!(parse_dev_time("", None), None);
    assert_eq!(parse_dev_time("yesterday", None), None);
    assert_eq!(parse_dev_time("Sep 31 2025 11:45:34", None), None);
}

#[test]
fn dev_time_with_format() {
    assert_eq!(
        parse_dev_time(
            "2025-09-17T11:45:34.123+0200",
            Some("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
        ),
        Some(TimeValue::Civil(CivilTime {
            nanos: 123_000_000,
            offset_s: Some(7200),
            ..civil(Some(2025), 9, 17, 11, 45, 34)
        }))
    );
    // The format does not fit: the default forms still read the value.
    assert_eq!(
        parse_dev_time("Sep 17 2025 11:45:34 GMT", Some("yyyy-MM-dd")),
        Some(TimeValue::Civil(CivilTime {
            offset_s: Some(0),
            ..civil(Some(2025), 9, 17, 11, 45, 34)
        }))
    );
    assert_eq!(parse_dev_time("17/09/2025", Some("dd/MM/yyyy HH:mm")), None);
}

#[track_caller]
fn java(value: &str, pattern: &str) -> Option<CivilTime> {
    parse_java_time(value, pattern)
}

#[test]
fn java_patterns() {
    let t = |y, mo, d, h, mi, s, nanos, off| CivilTime {
        year: y,
        month: mo,
        day: d,
        hour: h,
        minute: mi,
        second: s,
        nanos,
        offset_s: off,
    };
    assert_eq!(
        java("2025-09-17 11:45:34", "yyyy-MM-dd HH:mm:ss"),
        Some(t(Some(2025), 9, 17, 11, 45, 34, 0, None))
    );
    assert_eq!(
        java("2025-09-17T11:45:34.5Z", "yyyy-MM-dd'T'HH:mm:ss.SX"),
        Some(t(Some(2025), 9, 17, 11, 45, 34, 500_000_000, Some(0)))
    );
    assert_eq!(
        java(
            "2025-09-17T11:45:34.123456-05:00",
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX"
        ),
        Some(t(
            Some(2025),
            9,
            17,
            11,
            45,
            34,
            123_456_000,
            Some(-5 * 3600)
        ))
    );
    assert_eq!(
        java("Sep 7 2025 01:02:03 CEST", "MMM dd yyyy HH:mm:ss z"),
        Some(t(Some(2025), 9, 7, 1, 2, 3, 0, Some(7200)))
    );
    assert_eq!(
        java(
            "September 07 2025 01:02:03 GMT+05:30",
            "MMMM dd yyyy HH:mm:ss z"
        ),
        Some(t(Some(2025), 9, 7, 1, 2, 3, 0, Some(5 * 3600 + 1800)))
    );
    assert_eq!(
        java(
            "Wed, 17 Sep 2025 11:45:34 +0000",
            "EEE, dd MMM yyyy HH:mm:ss Z"
        ),
        Some(t(Some(2025), 9, 17, 11, 45, 34, 0, Some(0)))
    );
    // Adjacent numeric fields take their exact width.
    assert_eq!(
        java("20250917114534", "yyyyMMddHHmmss"),
        Some(t(Some(2025), 9, 17, 11, 45, 34, 0, None))
    );
    // Twelve-hour clock.
    assert_eq!(
        java("09/17/25 12:05:00 AM", "MM/dd/yy hh:mm:ss a"),
        Some(t(Some(2025), 9, 17, 0, 5, 0, 0, None))
    );
    assert_eq!(
        java("09/17/99 1:05:00 pm", "MM/dd/yy h:mm:ss a"),
        Some(t(Some(1999), 9, 17, 13, 5, 0, 0, None))
    );
    // No year in the pattern: the engine infers it.
    assert_eq!(
        java("Sep 17 11:45:34", "MMM dd HH:mm:ss"),
        Some(t(None, 9, 17, 11, 45, 34, 0, None))
    );
    // Quoted text, `''`, and several spaces for one.
    assert_eq!(
        java(
            "at 11 o'clock on 2025-09-17",
            "'at' HH 'o''clock on' yyyy-MM-dd"
        ),
        Some(t(Some(2025), 9, 17, 11, 0, 0, 0, None))
    );
    assert_eq!(
        java("Sep  7 2025 01:02:03", "MMM d yyyy HH:mm:ss"),
        Some(t(Some(2025), 9, 7, 1, 2, 3, 0, None))
    );
}

#[test]
fn java_patterns_refuse() {
    // Not a time, or not the pattern.
    assert_eq!(java("2025-13-01 00:00:00", "yyyy-MM-dd HH:mm:ss"), None);
    assert_eq!(java("2025-02-29 00:00:00", "yyyy-MM-dd HH:mm:ss"), None);
    assert_eq!(java("2025-09-17 24:00:00", "yyyy-MM-dd HH:mm:ss"), None);
    assert_eq!(
        java("2025-09-17 11:45:34 extra", "yyyy-MM-dd HH:mm:ss"),
        None
    );
    assert_eq!(java("2025-09-17", "yyyy-MM-dd HH"), None);
    assert_eq!(java("Sepx 17 2025", "MMM dd yyyy"), None);
    assert_eq!(java("17:00", "HH:mm"), None, "no day");
    assert_eq!(java("13:00 PM 2025-01-01", "hh:mm a yyyy-MM-dd"), None);
    // Letters outside the subset, unterminated quotes.
    assert_eq!(java("2025 W38", "yyyy 'W'ww"), None);
    assert_eq!(java("2025-09-17", "yyyy-MM-dd 'T"), None);
    assert_eq!(java("", ""), None);
    assert_eq!(java("+2500", "Z"), None);
}

// --- corpus -------------------------------------------------------------------------------------

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");

/// The corpus file, or `None` (with a message) when the corpus is not checked out.
fn corpus_file(rel: &str) -> Option<String> {
    let dir = std::path::Path::new(CORPUS);
    if !dir.is_dir() {
        eprintln!("skipping: corpus folder {CORPUS} not found");
        return None;
    }
    let path = dir.join(rel);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("corpus file {} unreadable: {e}", path.display()),
    }
}

/// The PAN-OS 11.1 TRAFFIC `allow` record of rsyslog's mmleefparse test, every attribute.
const PANOS_ALLOW: &[(&str, &str)] = &[
    ("cat", "TRAFFIC"),
    ("ReceiveTime", "2025/09/17 13:45:34"),
    ("SerialNumber", "010108010025"),
    ("Type", "TRAFFIC"),
    ("Subtype", "start"),
    ("devTime", "Sep 17 2025 11:45:34 GMT"),
    ("src", "172.19.50.39"),
    ("dst", "172.19.5.50"),
    ("srcPostNAT", "0.0.0.157"),
    ("dstPostNAT", "0.0.0.157"),
    ("RuleName", "interzone-default"),
    ("usrName", ""),
    ("SourceUser", ""),
    ("DestinationUser", ""),
    ("Application", "ssl"),
    ("VirtualSystem", "vsys3"),
    ("SourceZone", "x-def"),
    ("DestinationZone", "z-def"),
    ("IngressInterface", "iu1.6751"),
    ("EgressInterface", "iu1.6723"),
    ("LogForwardingProfile", "default"),
    ("SessionID", "74879677"),
    ("RepeatCount", "1"),
    ("srcPort", "62126"),
    ("dstPort", "443"),
    ("srcPostNATPort", "0"),
    ("dstPostNATPort", "0"),
    ("Flags", "0x0"),
    ("proto", "tcp"),
    ("action", "allow"),
    ("totalBytes", "460"),
    ("dstBytes", "70"),
    ("srcBytes", "390"),
    ("totalPackets", "4"),
    ("StartTime", "2025/09/17 13:45:33"),
    ("ElapsedTime", "0"),
    ("URLCategory", "any"),
    ("sequence", "7548503197945820434"),
    ("ActionFlags", "0x8000000000000000"),
    ("SourceLocation", "172.0.0.20-172.255.255.1"),
    ("DestinationLocation", "172.0.0.20-172.255.255.1"),
    ("dstPackets", "1"),
    ("srcPackets", "3"),
    ("SessionEndReason", "n/a"),
    ("DeviceGroupHierarchyL1", "177"),
    ("DeviceGroupHierarchyL2", "235"),
    ("DeviceGroupHierarchyL3", "236"),
    ("DeviceGroupHierarchyL4", "239"),
    ("vSrcName", "firewall.domain.local"),
    ("DeviceName", "firewall.domain.local"),
    ("ActionSource", "from-policy"),
    ("SrcUUID", ""),
    ("DstUUID", ""),
    ("TunnelID", "0"),
    ("MonitorTag", ""),
    ("ParentSessionID", "0"),
    ("ParentStartTime", ""),
    ("TunnelType", "N/A"),
];

const PANOS: [&str; 3] = [
    "Palo Alto Networks",
    "PAN-OS Syslog Integration",
    "11.1.6-h14",
];

#[test]
fn corpus_ibm_and_tenzir_doc_examples() {
    let Some(text) = corpus_file("cef-leef-vectors/leef-doc-examples.txt") else {
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 9);
    // The comment line is not a record.
    assert_eq!(
        parse_leef(lines[0]),
        Err(ParseError::new(ParseErrorKind::Signature, 0))
    );
    let ms = |id: &'static str| -> Header<'static> { ["Microsoft", "MSExchange", "4.0 SP1", id] };
    check(lines[1], "1.0", ms("15345"), TAB, &[]);
    check(
        lines[2],
        "2.0",
        STEALTHWATCH,
        ('^', DelimiterSource::Declared),
        &[],
    );
    let exchange = ["Microsoft", "Exchange", "2013", "Login Event"];
    check(lines[3], "1.0", exchange, TAB, &[("cat", "Failed")]);
    check(lines[4], "1.0", exchange, TAB, &[("cat", "Success")]);
    check(
        lines[5],
        "2.0",
        STEALTHWATCH,
        ('^', DelimiterSource::Declared),
        &[
            ("src", "10.0.1.8"),
            ("dst", "10.0.0.5"),
            ("sev", "5"),
            ("srcPort", "81"),
            ("dstPort", "21"),
        ],
    );
    let l = check(lines[6], "1.0", ms("15345"), TAB, &[]);
    assert_eq!(l.envelope.unwrap().hostname, Some("192.168.1.1"));
    let l = check(
        lines[7],
        "2.0",
        STEALTHWATCH,
        ('^', DelimiterSource::Declared),
        &[],
    );
    assert_eq!(l.envelope.unwrap().pri, Some(13));
    check(
        lines[8],
        "1.0",
        ["Microsoft", "MSExchange", "2016", "15345"],
        TAB,
        &[("src", "10.50.1.1"), ("dst", "2.10.20.20"), ("spt", "1200")],
    );
}

#[test]
fn corpus_panos_pipe_separated_leef1() {
    let Some(text) = corpus_file("cef-leef-vectors/rsyslog-mmleefparse-panos.leef") else {
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    let pipe = ('|', DelimiterSource::Detected);
    let header = |id| [PANOS[0], PANOS[1], PANOS[2], id];
    check(lines[0], "1.0", header("allow"), pipe, PANOS_ALLOW);
    let deny = check(
        lines[1],
        "1.0",
        header("deny"),
        pipe,
        &parse_leef(lines[1]).unwrap().attributes,
    );
    let reset = check(
        lines[2],
        "1.0",
        header("reset-both"),
        pipe,
        &parse_leef(lines[2]).unwrap().attributes,
    );
    for (leef, want) in [
        (
            &deny,
            [
                ("devTime", "Sep 17 2025 11:48:37 GMT"),
                ("src", "172.39.129.169"),
                ("dst", "172.224.141.39"),
                ("srcPort", "63219"),
                ("dstPort", "3367"),
                ("action", "deny"),
                ("Subtype", "drop"),
                ("EgressInterface", ""),
                ("SessionEndReason", "policy-deny"),
                ("TunnelType", "N/A"),
            ],
        ),
        (
            &reset,
            [
                ("devTime", "Sep 17 2025 11:47:10 GMT"),
                ("src", "172.35.163.110"),
                ("dst", "172.42.1.234"),
                ("srcPort", "61567"),
                ("dstPort", "9997"),
                ("action", "reset-both"),
                ("Subtype", "deny"),
                ("EgressInterface", "zz8.1001"),
                ("SessionEndReason", "policy-deny"),
                ("TunnelType", "N/A"),
            ],
        ),
    ] {
        assert_eq!(leef.attributes.len(), 58);
        for (k, v) in want {
            assert_eq!(leef.attr(k), Some(v), "{k}");
        }
        // Every piece was a pair: the attributes rebuild the record exactly.
        let rebuilt: Vec<String> = leef
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert_eq!(
            &lines
                .iter()
                .find(|l| l.contains(leef.attr("sequence").unwrap()))
                .unwrap()[leef.attributes_offset..],
            rebuilt.join("|")
        );
    }
    assert_eq!(
        parse_dev_time(deny.attr("devTime").unwrap(), deny.attr("devTimeFormat")),
        Some(TimeValue::Civil(CivilTime {
            offset_s: Some(0),
            ..civil(Some(2025), 9, 17, 11, 48, 37)
        }))
    );
}

#[test]
fn corpus_panos_behind_syslog_header() {
    let Some(text) =
        corpus_file("cef-leef-vectors/rsyslog-mmleefparse-panos-with-syslog-header.log")
    else {
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    let first = check(
        lines[0],
        "1.0",
        [PANOS[0], PANOS[1], PANOS[2], "allow"],
        ('|', DelimiterSource::Detected),
        PANOS_ALLOW,
    );
    assert_eq!(first.leef_offset, 42);
    assert_eq!(
        first.envelope,
        Some(LeefEnvelope {
            pri: Some(14),
            timestamp: Some(civil(None, 9, 17, 13, 45, 35)),
            hostname: Some("firewall.domain.local"),
        })
    );
    let times: Vec<Option<CivilTime>> = lines
        .iter()
        .map(|l| parse_leef(l).unwrap().envelope.unwrap().timestamp)
        .collect();
    assert_eq!(
        times,
        [
            Some(civil(None, 9, 17, 13, 45, 35)),
            Some(civil(None, 9, 17, 13, 48, 38)),
            Some(civil(None, 9, 17, 13, 47, 11)),
        ]
    );
    for l in &lines {
        assert_eq!(parse_leef(l).unwrap().attributes.len(), 58);
    }
}

// --- robustness ---------------------------------------------------------------------------------

/// A tiny deterministic xorshift64 generator.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every prefix and suffix (at char boundaries) of tricky lines, token soup and random bytes:
/// parse_leef, parse_dev_time and parse_java_time return, never panic.
#[test]
fn never_panics() {
    let tricky = [
        "<14>Sep 17 13:45:35 firewall.domain.local LEEF:1.0|Palo Alto Networks|PAN-OS Syslog Integration|11.1.6-h14|allow|cat=TRAFFIC|devTime=Sep 17 2025 11:45:34 GMT|usrName=|src=192.0.2.1",
        "<13>1 2019-01-18T11:07:53.520Z 192.168.1.1 LEEF:2.0|Lancope|StealthWatch|1.0|41|x5E|src=10.0.1.8^dst=10.0.0.5",
        r"LEEF:2.0|V\|e|P\\|1|E\|¦|a=¦¦b=ü¦=¦c",
        "LEEF:2.0|V|P|1|E|0x|a=1\tb\t=2",
        "\u{feff}LEEF:1|||||\tx=\t",
        "LEEF:255.|a|b|c|d|\\",
    ];
    let mut inputs: Vec<String> = Vec::new();
    for line in tricky {
        for (i, _) in line.char_indices().chain([(line.len(), ' ')]) {
            inputs.push(line[..i].to_string());
            inputs.push(line[i..].to_string());
        }
    }
    let tokens = [
        "LEEF:",
        "1.0",
        "2.0",
        "1",
        "|",
        "\\",
        "=",
        " ",
        "\t",
        "^",
        "x09",
        "0x",
        "a",
        "key",
        "é",
        "あ",
        "<13>",
        "<13>1 ",
        "Sep 17 13:45:35 ",
        "2019-01-18T11:07:53Z ",
        "-",
        ".",
        ":",
        ">",
        "\u{feff}",
        "¦",
    ];
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    for _ in 0..3000 {
        let n = rng.below(40);
        let s: String = (0..n).map(|_| tokens[rng.below(tokens.len())]).collect();
        inputs.push(s);
    }
    for _ in 0..2000 {
        let n = rng.below(120);
        let mut bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        if rng.below(2) == 0 {
            let at = rng.below(bytes.len() + 1);
            bytes.splice(at..at, b"LEEF:2.0|".iter().copied());
        }
        inputs.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    for input in &inputs {
        if let Ok(leef) = parse_leef(input) {
            assert!(input
                .get(leef.leef_offset..)
                .is_some_and(|s| s.starts_with("LEEF:")));
            assert!(leef.attributes_offset <= input.len());
        }
        let _ = parse_dev_time(input, None);
    }
    let patterns = [
        "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
        "MMM dd yyyy HH:mm:ss z",
        "yyyyMMddHHmmssSSS",
        "hh:mm a",
        "''''",
        "'",
        "EEE, d MMMM yy",
        "XXX",
    ];
    let values = [
        "2025-09-17T11:45:34.123+0200",
        "Sep 17 2025 11:45:34 GMT+99:99",
        "20250917114534123",
        "12:00 XM",
        "'",
        "Wed, 7 September 25",
        "",
        "999999999999999999999999",
        "+23:59",
        "ü",
    ];
    for p in patterns {
        for v in values {
            for (i, _) in v.char_indices().chain([(v.len(), ' ')]) {
                let _ = parse_java_time(&v[..i], p);
                let _ = parse_dev_time(&v[i..], Some(p));
            }
        }
    }
    for _ in 0..2000 {
        let n = rng.below(24);
        let p: String = (0..n)
            .map(|_| {
                [
                    "y", "M", "d", "H", "m", "s", "S", "Z", "z", "'", " ", "-", "a", "h", "E", "X",
                ][rng.below(16)]
            })
            .collect();
        let v: String = (0..rng.below(24))
            .map(|_| {
                [
                    "1", "9", "0", " ", "-", ":", "+", "Sep", "AM", "GMT", "'", "Z", "ü",
                ][rng.below(13)]
            })
            .collect();
        let _ = parse_java_time(&v, &p);
    }
}
