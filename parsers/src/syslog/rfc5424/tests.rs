use super::*;
use crate::syslog::test_support::{corpus_lines, vector_cases};

use Strictness::{Lenient, Strict};

fn time(
    (year, month, day): (i32, u8, u8),
    (hour, minute, second): (u8, u8, u8),
    nanos: u32,
    offset_s: i32,
) -> CivilTime {
    CivilTime {
        year: Some(year),
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        offset_s: Some(offset_s),
    }
}

fn el<'a>(id: &'a str, params: &[(&'a str, &'a str)]) -> SdElement<'a> {
    SdElement {
        id,
        params: params
            .iter()
            .map(|&(name, value)| SdParam {
                name,
                value: Cow::Borrowed(value),
            })
            .collect(),
    }
}

/// Expected fields; `msg_offset` is derived from `msg` and checked separately.
#[allow(clippy::type_complexity)]
struct Want<'a> {
    pri: Option<u8>,
    version: Option<u16>,
    timestamp: Option<CivilTime>,
    header: [Option<&'a str>; 4],
    sd: Vec<SdElement<'a>>,
    msg: &'a str,
}

/// Parses with `strictness`, compares every field (SD values by content, Borrowed or Owned)
/// and checks `input[msg_offset..] == msg`.
#[track_caller]
fn check(input: &str, strictness: Strictness, want: Want<'_>) {
    let got = parse_rfc5424(input, strictness).unwrap_or_else(|e| panic!("{input:?}: {e}"));
    assert_eq!(
        input.get(got.msg_offset..),
        Some(got.msg),
        "msg_offset must point at msg in {input:?}"
    );
    let expected = Rfc5424 {
        pri: want.pri,
        version: want.version,
        timestamp: want.timestamp,
        hostname: want.header[0],
        app_name: want.header[1],
        procid: want.header[2],
        msgid: want.header[3],
        structured_data: want.sd,
        msg: want.msg,
        msg_offset: got.msg_offset,
    };
    assert_eq!(got, expected, "input {input:?}");
    if strictness == Strict {
        // Lenient accepts everything Strict accepts.
        assert!(
            parse_rfc5424(input, Lenient).is_ok(),
            "lenient refused {input:?}"
        );
    }
}

#[track_caller]
fn check_err(input: &str, strictness: Strictness, kind: ParseErrorKind, offset: usize) {
    assert_eq!(
        parse_rfc5424(input, strictness),
        Err(ParseError::new(kind, offset)),
        "input {input:?}"
    );
}

// ---- RFC 5424 §6.5 examples and friends ----------------------------------------------------

#[test]
fn rfc_example_1_with_real_bom() {
    let input = "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \u{feff}'su root' failed for lonvick on /dev/pts/8";
    check(
        input,
        Strict,
        Want {
            pri: Some(34),
            version: Some(1),
            timestamp: Some(time((2003, 10, 11), (22, 14, 15), 3_000_000, 0)),
            header: [
                Some("mymachine.example.com"),
                Some("su"),
                None,
                Some("ID47"),
            ],
            sd: vec![],
            msg: "'su root' failed for lonvick on /dev/pts/8",
        },
    );
    let r = parse_rfc5424(input, Strict).unwrap();
    assert_eq!(r.msg_offset, input.find('\'').unwrap());
}

#[test]
fn rfc_example_1_with_literal_bom_text() {
    // The corpus' copies of this example have the three letters "BOM", not the bytes.
    check(
        "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - BOM'su root' failed",
        Strict,
        Want {
            pri: Some(34),
            version: Some(1),
            timestamp: Some(time((2003, 10, 11), (22, 14, 15), 3_000_000, 0)),
            header: [
                Some("mymachine.example.com"),
                Some("su"),
                None,
                Some("ID47"),
            ],
            sd: vec![],
            msg: "BOM'su root' failed",
        },
    );
}

#[test]
fn rfc_example_2_microseconds_and_negative_offset() {
    check(
        "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
        Strict,
        Want {
            pri: Some(165),
            version: Some(1),
            timestamp: Some(time((2003, 8, 24), (5, 14, 15), 3_000, -7 * 3600)),
            header: [Some("192.0.2.1"), Some("myproc"), Some("8710"), None],
            sd: vec![],
            msg: "%% It's time to make the do-nuts.",
        },
    );
}

#[test]
fn rfc_example_3_two_sd_elements_no_msg() {
    check(
        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]",
        Strict,
        Want {
            pri: Some(165),
            version: Some(1),
            timestamp: Some(time((2003, 10, 11), (22, 14, 15), 3_000_000, 0)),
            header: [Some("mymachine.example.com"), Some("evntslog"), None, Some("ID47")],
            sd: vec![
                el(
                    "exampleSDID@32473",
                    &[("iut", "3"), ("eventSource", "Application"), ("eventID", "1011")],
                ),
                el("examplePriority@32473", &[("class", "high")]),
            ],
            msg: "",
        },
    );
}

#[test]
fn escapes_are_undone_and_only_then_owned() {
    let input = r#"<34>1 2026-07-23T09:30:45+02:00 host app 123 msg [meta@32473 value="escaped\]bracket" quote="\"" plain="x"] payload"#;
    check(
        input,
        Strict,
        Want {
            pri: Some(34),
            version: Some(1),
            timestamp: Some(time((2026, 7, 23), (9, 30, 45), 0, 7200)),
            header: [Some("host"), Some("app"), Some("123"), Some("msg")],
            sd: vec![el(
                "meta@32473",
                &[
                    ("value", "escaped]bracket"),
                    ("quote", "\""),
                    ("plain", "x"),
                ],
            )],
            msg: "payload",
        },
    );
    let r = parse_rfc5424(input, Strict).unwrap();
    let params = &r.structured_data[0].params;
    assert!(matches!(params[0].value, Cow::Owned(_)));
    assert!(matches!(params[1].value, Cow::Owned(_)));
    assert!(matches!(params[2].value, Cow::Borrowed("x")));

    let r = parse_rfc5424(
        r#"<29>2 2016-01-15T01:00:43Z h S p - [meta e="\]\"\\\\\]\""]"#,
        Strict,
    )
    .unwrap();
    assert_eq!(r.structured_data[0].params[0].value, r#"]"\\]""#);
}

#[test]
fn minimal_all_nil() {
    check(
        "<13>1 - - - - - - minimal",
        Strict,
        Want {
            pri: Some(13),
            version: Some(1),
            timestamp: None,
            header: [None; 4],
            sd: vec![],
            msg: "minimal",
        },
    );
    check(
        "<0>1 - - - - - -",
        Strict,
        Want {
            pri: Some(0),
            version: Some(1),
            timestamp: None,
            header: [None; 4],
            sd: vec![],
            msg: "",
        },
    );
    // A trailing SP gives an empty MSG too; so does a lone BOM.
    for input in ["<0>1 - - - - - - ", "<0>1 - - - - - - \u{feff}"] {
        let r = parse_rfc5424(input, Strict).unwrap();
        assert_eq!((r.msg, r.msg_offset), ("", input.len()));
    }
}

#[test]
fn app_name_with_colon_and_three_digit_version() {
    check(
        "<28>1 2020-05-22T14:59:09.250-03:00 OX-XXX-MX204 OX-XXX-CONTEUDO:rpd 6589 - - bgp_listen_accept: %DAEMON-4: x",
        Strict,
        Want {
            pri: Some(28),
            version: Some(1),
            timestamp: Some(time((2020, 5, 22), (14, 59, 9), 250_000_000, -3 * 3600)),
            header: [Some("OX-XXX-MX204"), Some("OX-XXX-CONTEUDO:rpd"), Some("6589"), None],
            sd: vec![],
            msg: "bgp_listen_accept: %DAEMON-4: x",
        },
    );
    assert_eq!(
        parse_rfc5424("<191>999 - - - - - -", Strict)
            .unwrap()
            .version,
        Some(999)
    );
}

#[test]
fn msg_keeps_newlines_and_extra_spaces_in_strict() {
    check(
        "<1>1 - - - - - -  x\ny",
        Strict,
        Want {
            pri: Some(1),
            version: Some(1),
            timestamp: None,
            header: [None; 4],
            sd: vec![],
            msg: " x\ny",
        },
    );
}

#[test]
fn strict_errors() {
    check_err("", Strict, ParseErrorKind::Empty, 0);
    check_err(
        "2003-10-11T22:14:15Z h a p m -",
        Strict,
        ParseErrorKind::Pri,
        0,
    );
    check_err("<192>1 - - - - - -", Strict, ParseErrorKind::Pri, 0);
    check_err("<1>0 - - - - - -", Strict, ParseErrorKind::Version, 3);
    check_err("<1>1000 - - - - - -", Strict, ParseErrorKind::Version, 6);
    check_err("<1> - - - - - -", Strict, ParseErrorKind::Version, 3);
    check_err("<1>1", Strict, ParseErrorKind::Truncated, 4);
    check_err(
        "<1>1 2003-10-11t22:14:15Z - - - - -",
        Strict,
        ParseErrorKind::Timestamp,
        5,
    );
    check_err(
        "<1>1 2003-10-11T22:14:15.1234567Z - - - - -",
        Strict,
        ParseErrorKind::Timestamp,
        5,
    );
    check_err(
        "<1>1 2003-10-11T22:14:60Z - - - - -",
        Strict,
        ParseErrorKind::Timestamp,
        5,
    );
    check_err(
        "<1>1 2003-10-11T22:14:15+0100 - - - - -",
        Strict,
        ParseErrorKind::Timestamp,
        5,
    );
    check_err("<1>1 -  - - - -", Strict, ParseErrorKind::Header, 7);
    check_err("<1>1 - h\nx - - - -", Strict, ParseErrorKind::Header, 8);
    check_err(
        "<1>1 - - - - - X",
        Strict,
        ParseErrorKind::StructuredData,
        15,
    );
    check_err(
        "<1>1 - - - - - [a b=\"\\n\"]",
        Strict,
        ParseErrorKind::StructuredData,
        21,
    );
    check_err(
        "<1>1 - - - - - [a b=\"]\"]",
        Strict,
        ParseErrorKind::StructuredData,
        21,
    );
    check_err(
        "<1>1 - - - - - [a b= \"c\"]",
        Strict,
        ParseErrorKind::StructuredData,
        20,
    );
    check_err(
        "<1>1 - - - - - [a][a]",
        Strict,
        ParseErrorKind::StructuredData,
        18,
    );
    check_err(
        "<1>1 - - - - - [a b=\"c",
        Strict,
        ParseErrorKind::Truncated,
        22,
    );
    check_err(
        "<1>1 - - - - - []",
        Strict,
        ParseErrorKind::StructuredData,
        16,
    );
    check_err(
        "<1>1 - - - - - [a]x",
        Strict,
        ParseErrorKind::StructuredData,
        18,
    );
    let app49 = format!("<1>1 - h {} - - -", "a".repeat(49));
    check_err(&app49, Strict, ParseErrorKind::Header, 9 + 48);
}

// ---- Lenient --------------------------------------------------------------------------------

#[test]
fn lenient_space_after_equals_and_empty_brackets() {
    let input = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource= \"Application\" eventID=\"1011\"] BOMAn application event log entry...";
    check_err(input, Strict, ParseErrorKind::StructuredData, 109);
    check(
        input,
        Lenient,
        Want {
            pri: Some(165),
            version: Some(1),
            timestamp: Some(time((2003, 10, 11), (22, 14, 15), 3_000_000, 0)),
            header: [
                Some("mymachine.example.com"),
                Some("evntslog"),
                None,
                Some("ID47"),
            ],
            sd: vec![el(
                "exampleSDID@32473",
                &[
                    ("iut", "3"),
                    ("eventSource", "Application"),
                    ("eventID", "1011"),
                ],
            )],
            msg: "BOMAn application event log entry...",
        },
    );
    let input = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [] BOMAn application";
    check_err(input, Strict, ParseErrorKind::StructuredData, 71);
    check(
        input,
        Lenient,
        Want {
            pri: Some(165),
            version: Some(1),
            timestamp: Some(time((2003, 10, 11), (22, 14, 15), 3_000_000, 0)),
            header: [
                Some("mymachine.example.com"),
                Some("evntslog"),
                None,
                Some("ID47"),
            ],
            sd: vec![],
            msg: "BOMAn application",
        },
    );
}

#[test]
fn lenient_unknown_escapes_bare_bracket_and_repeated_ids() {
    let input =
        r#"<29>8 2016-01-15T01:00:43Z hn S - - [meta a="\n" b="x]y" c="C:\temp\"q"][meta d="1"] m"#;
    check(
        input,
        Lenient,
        Want {
            pri: Some(29),
            version: Some(8),
            timestamp: Some(time((2016, 1, 15), (1, 0, 43), 0, 0)),
            header: [Some("hn"), Some("S"), None, None],
            sd: vec![
                el("meta", &[("a", "\\n"), ("b", "x]y"), ("c", "C:\\temp\"q")]),
                el("meta", &[("d", "1")]),
            ],
            msg: "m",
        },
    );
    let r = parse_rfc5424(input, Lenient).unwrap();
    // `\n` only: nothing to undo, still borrowed.
    assert!(matches!(
        r.structured_data[0].params[0].value,
        Cow::Borrowed(_)
    ));
}

#[test]
fn lenient_extra_spaces_and_loose_timestamp() {
    check(
        "<13>1  2003-10-11t22:14:15.1234567891z  host  app  -  -  -   msg",
        Lenient,
        Want {
            pri: Some(13),
            version: Some(1),
            timestamp: Some(time((2003, 10, 11), (22, 14, 15), 123_456_789, 0)),
            header: [Some("host"), Some("app"), None, None],
            sd: vec![],
            msg: "msg",
        },
    );
}

#[test]
fn lenient_body_without_pri_version() {
    check(
        "2022-08-27T17:22:01.694554+03:00 space01.global-acme.entp CRON 20856 - -  (root) CMD (x)",
        Lenient,
        Want {
            pri: None,
            version: None,
            timestamp: Some(time((2022, 8, 27), (17, 22, 1), 694_554_000, 3 * 3600)),
            header: [
                Some("space01.global-acme.entp"),
                Some("CRON"),
                Some("20856"),
                None,
            ],
            sd: vec![],
            msg: "(root) CMD (x)",
        },
    );
    // Still needs the header shape: a real timestamp with offset, five fields and SD.
    check_err(
        "- host app - - - msg",
        Lenient,
        ParseErrorKind::Timestamp,
        0,
    );
    check_err(
        "2022-08-27T17:22:01 host app - - - msg",
        Lenient,
        ParseErrorKind::Timestamp,
        0,
    );
    check_err(
        "2026-07-23T09:30:45+02:00 host sshd[1]: Accepted password for x",
        Lenient,
        ParseErrorKind::StructuredData,
        58,
    );
    check_err(
        "Nov  3 09:23:38 veridian sudo: x",
        Lenient,
        ParseErrorKind::Timestamp,
        0,
    );
    check_err(
        "<13>Nov  3 09:23:38 veridian sudo: x",
        Lenient,
        ParseErrorKind::Version,
        4,
    );
}

#[test]
fn lenient_accepts_every_strict_vector() {
    let Some(cases) = vector_cases("rfc5424_cases.jsonl") else {
        return;
    };
    for c in cases.iter().filter(|c| c.valid) {
        let s = std::str::from_utf8(&c.bytes).unwrap();
        let strict = parse_rfc5424(s, Strict).unwrap();
        let lenient = parse_rfc5424(s, Lenient).unwrap();
        // Same reading, except that Lenient drops extra spaces in front of MSG.
        assert_eq!(
            strict.structured_data, lenient.structured_data,
            "line {}",
            c.line
        );
        assert!(strict.msg.ends_with(lenient.msg), "line {}", c.line);
        assert_eq!(
            strict.msg.trim_start_matches(' '),
            lenient.msg.trim_start_matches(' '),
            "line {}",
            c.line
        );
    }
}

// ---- oracle and corpus ----------------------------------------------------------------------

/// Every go-syslog verdict, asserted against Strict. The 23 `latin1` vectors (invalid UTF-8 after
/// a BOM) cannot be passed to a `&str` API: for them the test checks that the oracle says
/// invalid — the engine's UTF-8 check rejects them before this parser — and that the same
/// record with the bad bytes replaced by U+FFFD parses, i.e. nothing but the encoding is wrong.
#[test]
fn go_syslog_vectors_agree_with_strict() {
    let Some(cases) = vector_cases("rfc5424_cases.jsonl") else {
        return;
    };
    assert_eq!(cases.len(), 164);
    let mut mismatches = Vec::new();
    let (mut checked, mut not_utf8) = (0, 0);
    for c in &cases {
        match std::str::from_utf8(&c.bytes) {
            Ok(s) => {
                checked += 1;
                let got = parse_rfc5424(s, Strict);
                if got.is_ok() != c.valid {
                    mismatches.push(format!(
                        "line {}: oracle valid={} but got {:?} for {:?}",
                        c.line, c.valid, got, s
                    ));
                }
                if let Ok(r) = got {
                    assert_eq!(s.get(r.msg_offset..), Some(r.msg), "line {}", c.line);
                }
            }
            Err(_) => {
                not_utf8 += 1;
                if c.valid {
                    mismatches.push(format!(
                        "line {}: not UTF-8 but the oracle says valid",
                        c.line
                    ));
                }
                let lossy = String::from_utf8_lossy(&c.bytes);
                assert!(
                    parse_rfc5424(&lossy, Strict).is_ok(),
                    "line {}: {lossy:?}",
                    c.line
                );
            }
        }
    }
    for m in &mismatches {
        println!("MISMATCH {m}");
    }
    assert!(
        mismatches.is_empty(),
        "{} oracle mismatches",
        mismatches.len()
    );
    assert_eq!((checked, not_utf8), (141, 23));
}

#[test]
fn go_syslog_vector_details() {
    // A few valid vectors, field by field.
    let r = parse_rfc5424(
        "<78>2 2016-01-15T00:04:01+00:00 host1 CROND 10391 - [sdid x=\"hey \\\\u2318 hey\"] some_message",
        Strict,
    )
    .unwrap();
    assert_eq!(
        r.structured_data,
        vec![el("sdid", &[("x", "hey \\u2318 hey")])]
    );
    assert_eq!(r.msg, "some_message");
    let r = parse_rfc5424("<3>1 - - - - - - \u{feff} 𐌼", Strict).unwrap();
    assert_eq!(r.msg, " 𐌼");
    let r = parse_rfc5424(
        "<191>999 2018-12-31T23:59:59.999999-23:59 h a p m -",
        Strict,
    )
    .unwrap();
    assert_eq!(
        r.timestamp,
        Some(time(
            (2018, 12, 31),
            (23, 59, 59),
            999_999_000,
            -(23 * 3600 + 59 * 60)
        ))
    );
}

#[test]
fn syslog_loose_bench_inputs_parse_leniently() {
    for name in [
        "syslog_loose-bench-with_structured_data.txt",
        "syslog_loose-bench-with_structured_data_long_msg.txt",
        "syslog_loose-bench-without_structured_data.txt",
        "syslog_loose-bench-without_structured_data_long_msg.txt",
    ] {
        let Some(lines) = corpus_lines(&format!("syslog-loose-bench-inputs/{name}")) else {
            return;
        };
        assert_eq!(lines.len(), 1, "{name}");
        let line = &lines[0];
        // Both shapes (`eventSource= "..."` and `[]`) are outside the ABNF.
        assert!(parse_rfc5424(line, Strict).is_err(), "{name}");
        let r = parse_rfc5424(line, Lenient).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(r.pri, Some(165));
        assert_eq!(r.hostname, Some("mymachine.example.com"));
        assert_eq!(r.app_name, Some("evntslog"));
        assert_eq!(r.msgid, Some("ID47"));
        assert!(
            r.msg.starts_with("BOMAn application event log entry"),
            "{name}"
        );
        assert_eq!(line.get(r.msg_offset..), Some(r.msg));
        let sd_ids: Vec<&str> = r.structured_data.iter().map(|e| e.id).collect();
        if line.contains("[exampleSDID@32473") {
            assert_eq!(sd_ids, ["exampleSDID@32473"]);
            assert_eq!(r.structured_data[0].params[1].value, "Application");
        } else {
            assert!(sd_ids.is_empty());
        }
    }
}

#[test]
fn lnav_logfile_with_zones_parses_leniently() {
    let Some(lines) = corpus_lines("lnav-test-logs/logfile_with_zones.0") else {
        return;
    };
    assert_eq!(lines.len(), 3);
    for line in &lines {
        assert_eq!(
            parse_rfc5424(line, Strict).unwrap_err().kind,
            ParseErrorKind::Pri
        );
    }
    let r = parse_rfc5424(&lines[0], Lenient).unwrap();
    assert_eq!(r.pri, None);
    assert_eq!(r.version, None);
    assert_eq!(
        r.timestamp,
        Some(time((2022, 8, 27), (14, 22, 1), 613_000_000, 0))
    );
    assert_eq!(
        (r.hostname, r.app_name, r.procid, r.msgid),
        (
            Some("space01.global-acme.entp"),
            Some("NSX"),
            Some("3106"),
            None
        )
    );
    assert_eq!(
        r.structured_data,
        vec![el(
            "abc@6876",
            &[
                ("comp", "abc-edge"),
                ("subcomp", "abc-sha"),
                ("username", "root"),
                ("level", "INFO"),
                ("s2comp", "fork-monitor"),
            ]
        )]
    );
    assert!(r
        .msg
        .starts_with("keep-alive check received resp {'seq': 1017276"));
    assert!(r.msg.ends_with("'type': 0}"));

    check(
        &lines[1],
        Lenient,
        Want {
            pri: None,
            version: None,
            timestamp: Some(time((2022, 8, 27), (17, 22, 1), 694_554_000, 3 * 3600)),
            header: [Some("space01.global-acme.entp"), Some("CRON"), Some("20856"), None],
            sd: vec![],
            msg: "(root) CMD (   /usr/bin/nice -n 10 /opt/acme/bin/mem_usage_monitor.py >/dev/null 2>&1)",
        },
    );
    let r = parse_rfc5424(&lines[2], Lenient).unwrap();
    assert_eq!(r.msgid, Some("SWITCHING"));
    assert_eq!(r.structured_data[0].params.len(), 5);
    assert_eq!(
        r.msg,
        "dynamic arp entry(28b18eb1-3575-4179-956b-aae009433d27, 10.12.160.4) is created"
    );
}
