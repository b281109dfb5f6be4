use std::borrow::Cow;

use super::*;
use crate::error::ParseErrorKind;
use crate::timestamp::CivilTime;

/// Header fields after the version: vendor, product, device version, signature id, name,
/// severity.
type Header<'e> = [&'e str; 6];

/// Parses `input` and asserts version, header fields and the exact extension list. Returns the
/// record for further assertions.
#[track_caller]
fn check<'a>(input: &'a str, version: u8, header: Header<'_>, ext: &[(&str, &str)]) -> Cef<'a> {
    let cef = match parse_cef(input) {
        Ok(cef) => cef,
        Err(e) => panic!("parse_cef failed: {e}\ninput: {input}"),
    };
    let got_header = [
        cef.device_vendor.as_ref(),
        cef.device_product.as_ref(),
        cef.device_version.as_ref(),
        cef.signature_id.as_ref(),
        cef.name.as_ref(),
        cef.severity.as_ref(),
    ];
    assert_eq!(cef.version, version, "version of {input}");
    assert_eq!(got_header, header, "header of {input}");
    let got_ext: Vec<(&str, &str)> = cef
        .extensions
        .iter()
        .map(|(k, v)| (*k, v.as_ref()))
        .collect();
    assert_eq!(got_ext, ext, "extensions of {input}");
    cef
}

#[track_caller]
fn check_err(input: &str, kind: ParseErrorKind, offset: usize) {
    assert_eq!(
        parse_cef(input),
        Err(ParseError::new(kind, offset)),
        "input: {input:?}"
    );
}

const TM: Header<'static> = [
    "security",
    "threatmanager",
    "1.0",
    "100",
    "trojan successfully stopped",
    "10",
];

// --- header -------------------------------------------------------------------------------------

#[test]
fn bare_record() {
    let cef = check(
        "CEF:0|security|threatmanager|1.0|100|trojan successfully stopped|10|src=10.0.0.192 dst=12.121.122.82 spt=1232",
        0,
        TM,
        &[("src", "10.0.0.192"), ("dst", "12.121.122.82"), ("spt", "1232")],
    );
    assert_eq!(cef.envelope, None);
    assert_eq!(cef.cef_offset, 0);
    assert_eq!(cef.ext("dst"), Some("12.121.122.82"));
    assert_eq!(cef.ext("DST"), None);
    assert!(matches!(cef.device_vendor, Cow::Borrowed(_)));
    assert!(cef
        .extensions
        .iter()
        .all(|(_, v)| matches!(v, Cow::Borrowed(_))));
}

#[test]
fn header_only() {
    check(
        "CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|",
        1,
        [
            "Security",
            "threatmanager",
            "1.0",
            "100",
            "worm successfully stopped",
            "10",
        ],
        &[],
    );
    // Only blanks after the last pipe.
    check(
        "CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|   ",
        1,
        [
            "Security",
            "threatmanager",
            "1.0",
            "100",
            "worm successfully stopped",
            "10",
        ],
        &[],
    );
}

#[test]
fn header_escaped_pipe_and_backslash() {
    let cef = check(
        r"CEF:0|secu\|rity|threatmanager\||1.\|0|10\|0|tro\|jan successfully stopped|\|10|",
        0,
        [
            "secu|rity",
            "threatmanager|",
            "1.|0",
            "10|0",
            "tro|jan successfully stopped",
            "|10",
        ],
        &[],
    );
    assert!(matches!(cef.device_vendor, Cow::Owned(_)));
    check(
        r"CEF:0|secu\\rity|threat\\manager|1.\\0|10\\0|tro\\jan successfully stopped|\\10|",
        0,
        [
            r"secu\rity",
            r"threat\manager",
            r"1.\0",
            r"10\0",
            r"tro\jan successfully stopped",
            r"\10",
        ],
        &[],
    );
    // `\\` then `\|` then the separator; then `\\` then the separator.
    check(
        r"CEF:0|security\\\||threatmanager\\|1.0|100|trojan successfully stopped|10|",
        0,
        [
            r"security\|",
            r"threatmanager\",
            "1.0",
            "100",
            "trojan successfully stopped",
            "10",
        ],
        &[],
    );
}

#[test]
fn header_unknown_escape_kept_and_borrowed() {
    let cef = check(
        r"CEF:0|a\b|p|1|s|n\x|5|",
        0,
        [r"a\b", "p", "1", "s", r"n\x", "5"],
        &[],
    );
    assert!(matches!(cef.device_vendor, Cow::Borrowed(_)));
    assert!(matches!(cef.name, Cow::Borrowed(_)));
}

#[test]
fn header_equals_needs_no_escape() {
    check(
        "CEF:0|security|threatmanager=equal|1.0|100|trojan successfully stopped|10|",
        0,
        [
            "security",
            "threatmanager=equal",
            "1.0",
            "100",
            "trojan successfully stopped",
            "10",
        ],
        &[],
    );
}

#[test]
fn header_empty_fields() {
    check(
        "CEF:0|||1.0|100|trojan successfully stopped|10|src=10.0.0.192",
        0,
        ["", "", "1.0", "100", "trojan successfully stopped", "10"],
        &[("src", "10.0.0.192")],
    );
    check("CEF:0|||||||", 0, ["", "", "", "", "", ""], &[]);
}

#[test]
fn header_quotes_stripped() {
    check(
        r#"CEF:1|"Security"|threatmanager|1.0|100|"worm successfully stopped"|10|src="10.0.0.1" dst=2.1.2.2 spt="1232""#,
        1,
        [
            "Security",
            "threatmanager",
            "1.0",
            "100",
            "worm successfully stopped",
            "10",
        ],
        &[("src", "10.0.0.1"), ("dst", "2.1.2.2"), ("spt", "1232")],
    );
}

#[test]
fn header_fields_kept_as_written() {
    // No trimming: the severity is "as written".
    check(
        "CEF:0| V |P|1|s|n| 5 |",
        0,
        [" V ", "P", "1", "s", "n", " 5 "],
        &[],
    );
}

#[test]
fn versions() {
    let h = ["V", "P", "1", "s", "n", "5"];
    check("CEF:0|V|P|1|s|n|5|", 0, h, &[]);
    check("CEF:1|V|P|1|s|n|5|", 1, h, &[]);
    check("CEF:1.2|V|P|1|s|n|5|", 1, h, &[]);
    check("CEF:0.1|V|P|1|s|n|5|", 0, h, &[]);
    check("CEF:1 |V|P|1|s|n|5|", 1, h, &[]);
    check("CEF:255|V|P|1|s|n|5|", 255, h, &[]);
    check_err("CEF:256|V|P|1|s|n|5|", ParseErrorKind::CefHeader, 4);
    check_err("CEF:1x|V|P|1|s|n|5|", ParseErrorKind::CefHeader, 5);
    check_err("CEF:1", ParseErrorKind::CefHeader, 5);
}

#[test]
fn errors() {
    check_err("", ParseErrorKind::Empty, 0);
    check_err("this is not cef", ParseErrorKind::Signature, 0);
    check_err(
        r"a|b|c with several \| escaped\| pipes|d|bananas",
        ParseErrorKind::Signature,
        0,
    );
    // `CEF:` must be followed by a digit and stand at a boundary.
    check_err("CEF:x|V|P|1|s|n|5|", ParseErrorKind::Signature, 0);
    check_err("xCEF:0|V|P|1|s|n|5|", ParseErrorKind::Signature, 0);
    check_err("cef:0|V|P|1|s|n|5|", ParseErrorKind::Signature, 0);
    // Fewer than seven fields, or the Severity field not closed by `|`.
    let six = "CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Log|https|";
    check_err(six, ParseErrorKind::CefHeader, six.len());
    check_err("CEF:0|V|P|1|s|n|5", ParseErrorKind::CefHeader, 17);
    check_err("CEF:0|V|P", ParseErrorKind::CefHeader, 9);
    check_err("CEF:0|", ParseErrorKind::CefHeader, 6);
    // An escaped pipe does not close a field.
    check_err(r"CEF:0|V|P|1|s|n|5\|", ParseErrorKind::CefHeader, 19);
    check_err("CEF:0|V|P|1|s|n|5\\", ParseErrorKind::CefHeader, 18);
}

#[test]
fn severity_scores() {
    let cases: &[(&str, Option<u8>)] = &[
        ("0", Some(0)),
        ("1", Some(1)),
        ("10", Some(10)),
        ("010", Some(10)),
        ("11", None),
        ("99999999999999999999", None),
        ("-1", None),
        ("5.4", None),
        ("Low", Some(3)),
        ("low", Some(3)),
        ("Medium", Some(6)),
        ("MEDIUM", Some(6)),
        ("High", Some(8)),
        ("Very-High", Some(10)),
        ("very-high", Some(10)),
        ("Very High", None),
        ("Unknown", None),
        ("", None),
        (" 7 ", Some(7)),
        ("Critical", None),
    ];
    for &(input, want) in cases {
        assert_eq!(severity_score(input), want, "severity {input:?}");
    }
}

// --- extension ----------------------------------------------------------------------------------

fn ext_of(extension: &str) -> String {
    format!("CEF:0|V|P|1|s|n|5|{extension}")
}

#[track_caller]
fn check_ext(extension: &str, want: &[(&str, &str)]) {
    check(&ext_of(extension), 0, ["V", "P", "1", "s", "n", "5"], want);
}

#[test]
fn ext_blanks_between_and_around_pairs() {
    check_ext(
        " src=10.0.0.192 dst=12.121.122.82",
        &[("src", "10.0.0.192"), ("dst", "12.121.122.82")],
    );
    check_ext(
        " src=10.0.0.192  dst=12.121.122.82  spt=1232",
        &[
            ("src", "10.0.0.192"),
            ("dst", "12.121.122.82"),
            ("spt", "1232"),
        ],
    );
    check_ext("src=192.168.3.4     ", &[("src", "192.168.3.4")]);
    check_ext(
        "msg=Detected a threat. No action needed   spt=1232",
        &[
            ("msg", "Detected a threat. No action needed"),
            ("spt", "1232"),
        ],
    );
    check_ext("a=1\tb=2", &[("a", "1"), ("b", "2")]);
    // Leading blanks of a value are kept.
    check_ext("msg=  two leading", &[("msg", "  two leading")]);
}

#[test]
fn ext_spaces_in_values() {
    check_ext(
        "src=10.0.0.192 dproc=InternetExplorer x.x.x.x cat=Access Log",
        &[
            ("src", "10.0.0.192"),
            ("dproc", "InternetExplorer x.x.x.x"),
            ("cat", "Access Log"),
        ],
    );
}

#[test]
fn ext_empty_values() {
    check_ext(
        "suser=mike2@prod1.domain.com shost= src=1.1.1.1",
        &[
            ("suser", "mike2@prod1.domain.com"),
            ("shost", ""),
            ("src", "1.1.1.1"),
        ],
    );
    check_ext("start=", &[("start", "")]);
    check_ext("a= b=  c=", &[("a", ""), ("b", ""), ("c", "")]);
}

#[test]
fn ext_escapes() {
    check_ext(
        r"src=ip\=10.0.0.1 dst=2.1.2.2",
        &[("src", "ip=10.0.0.1"), ("dst", "2.1.2.2")],
    );
    check_ext(
        r"path=\\home\\ spt=1232",
        &[("path", r"\home\"), ("spt", "1232")],
    );
    check_ext(r"msg=a\nb\rc", &[("msg", "a\nb\rc")]);
    check_ext(
        r"moo=this =has = equals\=",
        &[("moo", "this =has = equals=")],
    );
    // Unknown escapes and a lone trailing backslash stay as written (and borrowed).
    check_ext(
        r"moo=this \has \ backslashs\",
        &[("moo", r"this \has \ backslashs\")],
    );
    check_ext(
        r"moo=this\|has an escaped pipe",
        &[("moo", r"this\|has an escaped pipe")],
    );
    let input = ext_of(r"moo=this \has \ backslashs\");
    let cef = parse_cef(&input).unwrap();
    assert!(matches!(cef.extensions[0].1, Cow::Borrowed(_)));
    let input = ext_of(r"moo=a\=b");
    let cef = parse_cef(&input).unwrap();
    assert!(matches!(cef.extensions[0].1, Cow::Owned(_)));
    // An escaped `=` never starts a key; an escaped backslash before `=` leaves `=` in the value.
    check_ext(r"a=x b\=c", &[("a", "x b=c")]);
    check_ext(r"a=CN\\=R80,O\\=R80", &[("a", r"CN\=R80,O\=R80")]);
}

#[test]
fn ext_pipe_needs_no_escape() {
    check_ext("moo=this|has an pipe", &[("moo", "this|has an pipe")]);
}

#[test]
fn ext_unescaped_equals_in_values() {
    check_ext(
        "src=10.0.0.1 request=https://foo.com?id=foo&a=bar dst=2.2.2.2",
        &[
            ("src", "10.0.0.1"),
            ("request", "https://foo.com?id=foo&a=bar"),
            ("dst", "2.2.2.2"),
        ],
    );
    check_ext("a=b=c d=e", &[("a", "b=c"), ("d", "e")]);
    check_ext("a==b", &[("a", "=b")]);
    check_ext("ua='Guid:test=' x=1", &[("ua", "'Guid:test='"), ("x", "1")]);
    // ` =x`: an empty key is no key.
    check_ext("act=Accept =0.0.0.0", &[("act", "Accept =0.0.0.0")]);
}

#[test]
fn ext_text_without_pairs_kept_under_empty_key() {
    check_ext(
        "this is in the extensions space but it is not valid",
        &[("", "this is in the extensions space but it is not valid")],
    );
    check_ext(
        "junk text src=1.2.3.4",
        &[("", "junk text"), ("src", "1.2.3.4")],
    );
    check_ext("http://x?a=b c=d", &[("", "http://x?a=b"), ("c", "d")]);
    check_ext(r"\=x", &[("", "=x")]);
}

#[test]
fn ext_key_shapes() {
    check_ext(
        "ad.Error_,Code=3221225578 ad.field[0]=field0 ad.foo.name[1]=new_name c6a12=::1 _cefVer=0.1",
        &[
            ("ad.Error_,Code", "3221225578"),
            ("ad.field[0]", "field0"),
            ("ad.foo.name[1]", "new_name"),
            ("c6a12", "::1"),
            ("_cefVer", "0.1"),
        ],
    );
    // `-`, `:`, `/` are not key characters: the text stays in the value.
    check_ext("a=1 b-c=2 d:e=3 f/g=4", &[("a", "1 b-c=2 d:e=3 f/g=4")]);
}

#[test]
fn ext_quoted_values() {
    check_ext(
        r#"src="10.0.0.1" q="" one=" x=""#,
        &[("src", "10.0.0.1"), ("q", ""), ("one", "\""), ("x", "\"")],
    );
    check_ext(r#"msg="a b" c=d"#, &[("msg", "a b"), ("c", "d")]);
    check_ext("r='x'", &[("r", "'x'")]);
}

#[test]
fn ext_utf8() {
    check_ext(
        "src=192.168.1.11 target=aaaaaああああaaaa msg=Description Omitted",
        &[
            ("src", "192.168.1.11"),
            ("target", "aaaaaああああaaaa"),
            ("msg", "Description Omitted"),
        ],
    );
    check_ext("k=é=ü ä=1", &[("k", "é=ü ä=1")]);
}

#[test]
fn ext_duplicate_keys_kept_in_order() {
    let input = ext_of("a=1 a=2");
    let cef = check(
        &input,
        0,
        ["V", "P", "1", "s", "n", "5"],
        &[("a", "1"), ("a", "2")],
    );
    assert_eq!(cef.ext("a"), Some("1"));
}

// --- syslog envelope ----------------------------------------------------------------------------

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
    let input = "Sep 29 08:26:10 host CEF:1|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232";
    let cef = check(
        input,
        1,
        [
            "Security",
            "threatmanager",
            "1.0",
            "100",
            "worm successfully stopped",
            "10",
        ],
        &[("src", "10.0.0.1"), ("dst", "2.1.2.2"), ("spt", "1232")],
    );
    assert_eq!(cef.cef_offset, 21);
    assert_eq!(
        cef.envelope,
        Some(CefEnvelope {
            pri: None,
            timestamp: Some(civil(None, 9, 29, 8, 26, 10)),
            hostname: Some("host"),
        })
    );

    let input = "<134>Oct  3 17:21:54 fw-01 CEF:0|V|P|1|s|n|5|a=1";
    let cef = check(input, 0, ["V", "P", "1", "s", "n", "5"], &[("a", "1")]);
    assert_eq!(
        cef.envelope,
        Some(CefEnvelope {
            pri: Some(134),
            timestamp: Some(civil(None, 10, 3, 17, 21, 54)),
            hostname: Some("fw-01"),
        })
    );
    assert_eq!(cef.cef_offset, 27);

    // With a tag.
    let input = "<14>Sep  8 17:49:08 sensor01 falcon[412]: CEF:0|V|P|1|s|n|5|a=1";
    let cef = check(input, 0, ["V", "P", "1", "s", "n", "5"], &[("a", "1")]);
    assert_eq!(
        cef.envelope,
        Some(CefEnvelope {
            pri: Some(14),
            timestamp: Some(civil(None, 9, 8, 17, 49, 8)),
            hostname: Some("sensor01"),
        })
    );
}

#[test]
fn envelope_rfc5424() {
    let input = "<134>1 2023-09-08T17:49:08.000Z fw01 cefd 412 - - CEF:0|V|P|1|s|n|5|a=1";
    let cef = check(input, 0, ["V", "P", "1", "s", "n", "5"], &[("a", "1")]);
    let mut ts = civil(Some(2023), 9, 8, 17, 49, 8);
    ts.offset_s = Some(0);
    assert_eq!(
        cef.envelope,
        Some(CefEnvelope {
            pri: Some(134),
            timestamp: Some(ts),
            hostname: Some("fw01"),
        })
    );
    assert_eq!(cef.cef_offset, input.find("CEF:").unwrap());
}

#[test]
fn envelope_unparseable_prefix_does_not_fail_the_record() {
    let input = "Syslogdate Sysloghost CEF:0|security|threatmanager|1.0|100|trojan successfully stopped|10|fileHash=1bad1dea";
    let cef = check(input, 0, TM, &[("fileHash", "1bad1dea")]);
    assert_eq!(cef.cef_offset, 22);
    assert_eq!(cef.envelope, Some(CefEnvelope::default()));

    // A bare PRI in front of `CEF:`.
    let cef = check(
        "<14>CEF:0|V|P|1|s|n|5|",
        0,
        ["V", "P", "1", "s", "n", "5"],
        &[],
    );
    assert_eq!(cef.cef_offset, 4);
    assert_eq!(
        cef.envelope,
        Some(CefEnvelope {
            pri: Some(14),
            ..CefEnvelope::default()
        })
    );
}

#[test]
fn envelope_absent_for_blank_prefix() {
    let cef = check(
        "  CEF:0|V|P|1|s|n|5|",
        0,
        ["V", "P", "1", "s", "n", "5"],
        &[],
    );
    assert_eq!(cef.envelope, None);
    assert_eq!(cef.cef_offset, 2);
    let cef = check(
        "\u{feff}CEF:0|V|P|1|s|n|5|",
        0,
        ["V", "P", "1", "s", "n", "5"],
        &[],
    );
    assert_eq!(cef.envelope, None);
    assert_eq!(cef.cef_offset, 3);
}

#[test]
fn signature_is_first_cef_at_a_boundary() {
    // `CEF:` inside a word is skipped; the signature is the one after the blank.
    let input = "host xCEF:0 CEF:0|V|P|1|s|n|5|";
    let cef = check(input, 0, ["V", "P", "1", "s", "n", "5"], &[]);
    assert_eq!(cef.cef_offset, 12);
    // `CEF:` inside the extension does not matter.
    check_ext("msg=CEF:0|x", &[("msg", "CEF:0|x")]);
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

/// Reads the JSON string value of `"key": "..."` in a one-line JSON object (the corpus vectors
/// are `{"name": ..., "value": ...}`).
fn json_string_field(line: &str, key: &str) -> String {
    let needle = format!("\"{key}\": \"");
    let start = line.find(&needle).expect("key present") + needle.len();
    let mut out = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return out,
            '\\' => match chars.next().expect("escape") {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let code = u32::from_str_radix(&hex, 16).expect("hex");
                    out.push(char::from_u32(code).expect("BMP scalar"));
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    panic!("unterminated JSON string in {line}")
}

fn vectors(rel: &str) -> Option<Vec<(String, String)>> {
    let text = corpus_file(rel)?;
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| (json_string_field(l, "name"), json_string_field(l, "value")))
            .collect(),
    )
}

/// Expected results for a corpus vector: (name, version, header, extensions).
type Vector<'e> = (&'e str, u8, Header<'e>, &'e [(&'e str, &'e str)]);

#[track_caller]
fn check_vectors(got: &[(String, String)], want: &[Vector<'_>]) {
    assert_eq!(got.len(), want.len(), "vector count");
    for (i, ((name, value), (want_name, version, header, ext))) in got.iter().zip(want).enumerate()
    {
        assert_eq!(name, want_name, "vector {} name", i + 1);
        check(value, *version, *header, ext);
    }
}

#[test]
fn corpus_logstash_codec_cef_vectors() {
    let Some(got) = vectors("cef-leef-vectors/logstash-codec-cef-spec-vectors.jsonl") else {
        return;
    };
    let sds: &[(&str, &str)] = &[
        ("src", "10.0.0.192"),
        ("dst", "12.121.122.82"),
        ("spt", "1232"),
    ];
    let want: &[Vector<'_>] = &[
        ("message", 0, TM, sds),
        (
            "message_two",
            0,
            ["fun", "whimsy", "1.0", "100", "trojan successfully stopped", "10"],
            sds,
        ),
        (
            "message",
            0,
            TM,
            &[("", "this is in the extensions space but it is not valid because it is not equals-separated key/value")],
        ),
        ("missing_headers", 0, ["", "", "1.0", "100", "trojan successfully stopped", "10"], sds),
        ("leading_whitespace", 0, TM, sds),
        ("escaped_pipes", 0, TM, &[("moo", r"this\|has an escaped pipe")]),
        ("pipes_in_message", 0, TM, &[("moo", "this|has an pipe")]),
        ("equal_in_message", 0, TM, &[("moo", "this =has = equals=")]),
        (
            "message_with_empty_start",
            0,
            ["Security", "threatmanager", "1.0", "100", "worm successfully stopped", "Very-High"],
            &[("eventId", "1"), ("msg", "Worm successfully stopped"), ("start", "")],
        ),
        (
            "malformed_unescaped_equals_in_extension_value",
            0,
            ["FooBar", "Web Gateway", "1.2.3.45.67", "200", "Success", "2"],
            &[
                ("rt", "Sep 07 2018 14:50:39"),
                ("cat", "Access Log"),
                ("dst", "1.1.1.1"),
                ("dhost", "foo.example.com"),
                ("suser", "redacted"),
                ("src", "2.2.2.2"),
                ("requestMethod", "POST"),
                ("request", "'https://foo.example.com/bar/bingo/1'"),
                ("requestClientApplication", "'Foo-Bar/2018.1.7; Email:user@example.com; Guid:test='"),
                ("cs1", ""),
                ("cs1Label", "Foo Bar"),
            ],
        ),
        (
            "escaped_backslash_in_header",
            0,
            [r"secu\rity", r"threat\manager", r"1.\0", r"10\0", r"tro\jan successfully stopped", r"\10"],
            &[],
        ),
        (
            "escaped_backslash_in_header_edge_case",
            0,
            [r"security\|", r"threatmanager\", "1.0", "100", "trojan successfully stopped", "10"],
            &[],
        ),
        (
            "escaped_pipes_in_header",
            0,
            ["secu|rity", "threatmanager|", "1.|0", "10|0", "tro|jan successfully stopped", "|10"],
            &[],
        ),
        ("backslash_in_message", 0, TM, &[("moo", r"this \has \ backslashs\")]),
        (
            "equal_in_header",
            0,
            ["security", "threatmanager=equal", "1.0", "100", "trojan successfully stopped", "10"],
            &[],
        ),
        ("spaces_in_between_keys", 0, TM, sds),
        (
            "dots_in_keys",
            0,
            ["Vendor", "Device", "Version", "13", "my message", "5"],
            &[
                ("dvchost", "loghost"),
                ("cat", "traffic"),
                ("deviceSeverity", "notice"),
                ("ad.nn", "TEST"),
                ("src", "192.168.0.1"),
                ("destinationPort", "53"),
            ],
        ),
        (
            "allow_spaces_in_values",
            0,
            TM,
            &[
                ("src", "10.0.0.192"),
                ("dst", "12.121.122.82"),
                ("spt", "1232"),
                ("dproc", "InternetExplorer x.x.x.x"),
            ],
        ),
        (
            "preserve_additional_fields_with_dot_notations",
            0,
            TM,
            &[
                ("src", "10.0.0.192"),
                ("additional.dotfieldName", "new_value"),
                ("ad.Authentification", "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0"),
                ("ad.Error_,Code", "3221225578"),
                ("dst", "12.121.122.82"),
                ("ad.field[0]", "field0"),
                ("ad.name[1]", "new_name"),
            ],
        ),
        (
            "preserve_complex_multiple_dot_notation_in_extension_fields",
            0,
            TM,
            &[
                ("src", "10.0.0.192"),
                ("additional.dotfieldName", "new_value"),
                ("ad.Authentification", "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0"),
                ("ad.Error_,Code", "3221225578"),
                ("dst", "12.121.122.82"),
                ("ad.field[0]", "field0"),
                ("ad.foo.name[1]", "new_name"),
            ],
        ),
        (
            "preserve_random_values_key_value_pairs_alongside_with_additional_fields",
            0,
            TM,
            &[
                ("src", "10.0.0.192"),
                // logstash keeps `\=` here; the CEF spec (and this parser) unescape it.
                (
                    "cs4",
                    "401 random.user Admin 0 23041A10181C0000  23041810181C0000  /CN=random.user/OU=User Login End-Entity  /CN=TEST/OU=Login CA TEST 34",
                ),
                ("additional.dotfieldName", "new_value"),
                ("ad.Authentification", "MICROSOFT_AUTHENTICATION_PACKAGE_V1_0"),
                ("ad.Error_,Code", "3221225578"),
                ("dst", "12.121.122.82"),
                ("ad.field[0]", "field0"),
                ("ad.name[1]", "new_name"),
            ],
        ),
        (
            "preserve_unmatched_key_mappings",
            0,
            TM,
            &[
                ("src", "10.0.0.192"),
                ("dst", "12.121.122.82"),
                ("new_key_by_device", "new_values here"),
            ],
        ),
        (
            "translate_abbreviated_cef_fields",
            0,
            TM,
            &[
                ("src", "10.0.0.192"),
                ("dst", "12.121.122.82"),
                ("proto", "TCP"),
                ("shost", "source.host.name"),
                ("dhost", "destination.host.name"),
                ("spt", "11024"),
                ("dpt", "9200"),
                ("outcome", "Success"),
                ("amac", "00:80:48:1c:24:91"),
            ],
        ),
        ("syslog", 0, TM, sds),
        ("log_with_fileHash", 0, TM, &[("fileHash", "1bad1dea")]),
        (
            "log_with_custom_typed_fields",
            0,
            TM,
            &[
                ("cfp15", "3.1415926"),
                ("cfp15Label", "pi"),
                ("c6a12", "::1"),
                ("c6a12Label", "localhost"),
                ("cn7", "8191"),
                ("cn7Label", "mersenne"),
                ("cs4", "silly"),
                ("cs4Label", "theory"),
            ],
        ),
        (
            "message",
            0,
            TM,
            &[
                ("src", "192.168.1.11"),
                ("target", "aaaaaああああaaaa"),
                ("msg", "Description Omitted"),
            ],
        ),
    ];
    check_vectors(&got, want);
    // The "Syslogdate Sysloghost" prefix is no syslog header, but the record still parses.
    for (name, value) in &got {
        let cef = parse_cef(value).unwrap();
        if value.starts_with("Syslogdate Sysloghost ") {
            assert_eq!(cef.envelope, Some(CefEnvelope::default()), "{name}");
            assert_eq!(cef.cef_offset, "Syslogdate Sysloghost ".len(), "{name}");
        } else {
            assert_eq!(cef.envelope, None, "{name}");
        }
    }
}

#[test]
fn corpus_vrl_parse_cef_examples() {
    let Some(got) = vectors("cef-leef-vectors/vrl-parse_cef-examples.jsonl") else {
        return;
    };
    let ws = [
        "Security",
        "threatmanager",
        "1.0",
        "100",
        "worm successfully stopped",
        "10",
    ];
    let want: &[Vector<'_>] = &[
        (
            "pta",
            0,
            [
                "CyberArk",
                "PTA",
                "12.6",
                "1",
                "Suspected credentials theft",
                "8",
            ],
            &[
                ("suser", "mike2@prod1.domain.com"),
                ("shost", "prod1.domain.com"),
                ("src", "1.1.1.1"),
                ("duser", "andy@dev1.domain.com"),
                ("dhost", "dev1.domain.com"),
                ("dst", "2.2.2.2"),
                ("cs1Label", "ExtraData"),
                ("cs1", "None"),
                ("cs2Label", "EventID"),
                ("cs2", "52b06812ec3500ed864c461e"),
                ("deviceCustomDate1Label", "detectionDate"),
                ("deviceCustomDate1", "1388577900000"),
                ("cs3Label", "PTAlink"),
                ("cs3", "https://1.1.1.1/incidents/52b06812ec3500ed864c461e"),
                ("cs4Label", "ExternalLink"),
                ("cs4", "None"),
            ],
        ),
        (
            "syslog_prefix",
            1,
            ws,
            &[("src", "10.0.0.1"), ("dst", "2.1.2.2"), ("spt", "1232")],
        ),
        (
            "custom_field_ipv6",
            0,
            ["Dev", "firewall", "2.2", "1", "Connection denied", "5"],
            &[
                ("c6a1", "2345:0425:2CA1:0000:0000:0567:5673:23b5"),
                ("c6a1Label", "Device IPv6 Address"),
            ],
        ),
        ("header_only", 1, ws, &[]),
        (
            "empty_values",
            0,
            [
                "CyberArk",
                "PTA",
                "12.6",
                "1",
                "Suspected credentials theft",
                "",
            ],
            &[
                ("suser", "mike2@prod1.domain.com"),
                ("shost", ""),
                ("src", "1.1.1.1"),
            ],
        ),
        (
            "escapes",
            0,
            [
                "security",
                "threatmanager",
                "1.0",
                "100",
                "Detected a | in message. No action needed.",
                "10",
            ],
            &[
                ("src", "10.0.0.1"),
                ("msg", "Detected a threat.\n No action needed"),
                ("act", "blocked a ="),
                ("dst", "1.1.1.1"),
            ],
        ),
        (
            "noncompliant_unescaped_equals",
            0,
            ["Vendor", "Product", "1.0", "100", "Event", "5"],
            &[
                ("src", "10.0.0.1"),
                ("request", "https://foo.com?id=foo&a=bar"),
                ("dst", "2.2.2.2"),
            ],
        ),
        (
            "empty_severity_and_version",
            1,
            [
                "Security",
                "threatmanager",
                "",
                "100",
                "worm successfully stopped",
                "",
            ],
            &[("src", ""), ("dst", "2.1.2.2")],
        ),
        (
            "quoted_values",
            1,
            ws,
            &[("src", "10.0.0.1"), ("dst", "2.1.2.2"), ("spt", "1232")],
        ),
    ];
    check_vectors(&got, want);
    let (_, syslog_prefix) = &got[1];
    let cef = parse_cef(syslog_prefix).unwrap();
    assert_eq!(
        cef.envelope,
        Some(CefEnvelope {
            pri: None,
            timestamp: Some(civil(None, 9, 29, 8, 26, 10)),
            hostname: Some("host"),
        })
    );
}

#[test]
fn corpus_crowdstrike_falcon_sentinel_sample() {
    let Some(text) = corpus_file(
        "azure-sentinel-sample-data/CrowdStrike_FalconHost_ASimAuditEvent_RawLogs.excerpt.txt",
    ) else {
        return;
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 16);
    for (i, line) in lines.iter().enumerate() {
        let cef = parse_cef(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        assert_eq!(cef.device_vendor, "CrowdStrike", "line {}", i + 1);
        assert_eq!(cef.envelope, None);
        assert!(cef.ext("rt").is_some(), "line {}", i + 1);
        assert!(
            cef.extensions.iter().all(|(k, _)| !k.is_empty()),
            "line {}",
            i + 1
        );
    }
    check(
        lines[0],
        0,
        [
            "CrowdStrike",
            "FalconHost",
            "1.0",
            "UserActivityAuditEvent",
            "delete_report_execution",
            "1",
        ],
        &[
            ("cat", "UserActivityAuditEvent"),
            ("duser", "CrowdStrike"),
            ("deviceProcessName", "scheduled_reports"),
            ("cn3Label", "Offset"),
            ("cn3", "25855"),
            ("rt", "1694066533000"),
        ],
    );
    check(
        lines[2],
        0,
        [
            "CrowdStrike",
            "FalconHost",
            "1.0",
            "UpdateAPIClient",
            "UpdateAPIClient",
            "1",
        ],
        &[
            ("cat", "AuthActivityAuditEvent"),
            ("destinationTranslatedAddress", "160.110.200.120"),
            ("duser", "sanitized@sanitized.com"),
            ("deviceProcessName", "Crowdstrike API Client"),
            ("cn3Label", "Offset"),
            ("cn3", "26152"),
            ("outcome", "true"),
            ("deviceCustomDate1Label", "Timestamp"),
            ("deviceCustomDate1", "Sep 08 2023 17:49:08"),
            ("rt", "1694175548204"),
        ],
    );
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

/// Every prefix and suffix (at char boundaries) of tricky lines, plus token soup and random bytes:
/// parse_cef and severity_score must return, never panic.
#[test]
fn never_panics() {
    let tricky = [
        r"CEF:0|security\\\||threatmanager\\|1.0|100|trojan successfully stopped|10|",
        r"CEF:0|secu\|rity|threatmanager\||1.\|0|10\|0|tro\|jan successfully stopped|\|10|",
        r"<134>1 2023-09-08T17:49:08.000Z fw01 cefd 412 [a b=\x22c\x22] - CEF:1.2|V|P|1|s|n|5|a=b\=c\\ d= e=\ f=é\",
        "Sep 29 08:26:10 host CEF:1|Security|threatmanager|1.0|100|worm|10|src=10.0.0.1 request=https://foo.com?id=foo&a=bar  target=aaaaaああああ  ",
        "<14>CEF:0|V|P|1|s|n|5|\"q\" x=\"\" =y ==z a[0]=1 b,c=2 \u{feff}CEF:0|",
        "\u{feff}CEF:255|||||||",
        "Syslogdate Sysloghost CEF:0|a|b|c|d|e|f|junk junk k=v",
    ];
    let mut inputs: Vec<String> = Vec::new();
    for line in tricky {
        for (i, _) in line.char_indices().chain([(line.len(), ' ')]) {
            inputs.push(line[..i].to_string());
            inputs.push(line[i..].to_string());
        }
    }
    let tokens = [
        "CEF:",
        "0",
        "1",
        "|",
        "\\",
        "=",
        " ",
        "  ",
        "a",
        "key",
        "é",
        "あ",
        "\"",
        "<13>",
        "<134>1 ",
        "Sep 29 08:26:10 ",
        "2023-09-08T17:49:08Z ",
        "-",
        ".",
        "[",
        "]",
        ",",
        "\t",
        "\n",
        "\u{feff}",
        "n",
        "r",
        ":",
        ">",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
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
            bytes.splice(at..at, b"CEF:0|".iter().copied());
        }
        inputs.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    for input in &inputs {
        if let Ok(cef) = parse_cef(input) {
            assert!(input
                .get(cef.cef_offset..)
                .is_some_and(|s| s.starts_with("CEF:")));
            let _ = severity_score(&cef.severity);
        }
        let _ = severity_score(input);
    }
}
