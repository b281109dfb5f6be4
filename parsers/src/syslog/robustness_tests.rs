//! "Never panics": every public grammar function of `primitives`, `timestamp` and `syslog` gets
//! every prefix of some tricky records, mutations of them, and a few thousand pseudo-random
//! strings (a fixed-seed xorshift generator, so runs are reproducible), and the results are
//! checked for basic consistency (offsets inside the input and on char boundaries, times in
//! range, Lenient ⊇ Strict).

use crate::primitives::{month_abbrev, pri};
use crate::syslog::{parse_rfc3164, parse_rfc5424, Strictness};
use crate::timestamp::{
    parse_bsd_prefix, parse_cef_time, parse_epoch, parse_iso8601, parse_iso8601_prefix,
    parse_rfc5424_timestamp, zone_abbreviation, CivilTime, TimeValue,
};

const SEEDS: &[&str] = &[
    "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \u{feff}'su root' failed",
    "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource= \"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"] BOMAn",
    r#"<29>2 2016-01-15T01:00:43Z some-host-name SEKRETPROGRAM prg - [meta escape="\]\"\\\\\]\""] m"#,
    "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time",
    "2022-08-27T17:22:01.694554+03:00 space01.global-acme.entp CRON 20856 - -  (root) CMD",
    "<1>1 - - - - - [a b=\"\\n\" c=\"]\"][] x\ny",
    "<133>Jan 13 16:33:35 haproxy[73411]: Proxy sticky-servers started.",
    "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; rhost=218.188.2.4",
    "Apr 15 2014 09:34:34 EDT: %ASA-session-5-106100: access-list acl_in permitted tcp",
    "Apr 24 2013 16:00:28 INT-FW01 : %ASA-6-106100: access-list inside denied udp",
    "Dec 11 2018 08:01:24 <IP>: %ASA-6-302015: Built outbound UDP connection",
    "Aug 15 2012 23:30:09 : %ASA-6-302016 Teardown UDP connection 40",
    "<13>2026-07-23T09:30:45.123+02:00 host daemon: timestamp variant",
    "Sep 29 08:26:10 host CEF:1|Security|threatmanager|1.0|100|worm|10|src=10.0.0.1",
    "<167>AUG 10 22:18:24 host tag This msg contains 8-bit European chars: äöü",
    "août 19 11:08:37 nlaptop symphorien[4961]: test",
    "2012-07-02 10:22:40,672:DEBUG:foo bar baz\r",
    "Mar 24 14:26:01 --- last message repeated 2 times ---",
    "Sep 08 2023 17:49:08.123 UTC",
    "Sep 07 2018 14:50:39 GMT+02:00",
    "1625677521162123456",
    "\"1625677521.137\"",
    "20131102T010628Z",
    "2017-04-07T22:24:37.251547+0100",
    "2026-10-08 13:48:34.000 GMT",
    "<191>999 2018-12-31T23:59:59.999999-23:59 h a p m [x@1 k=\"v\"]",
];

/// Bytes that matter to the grammars, to make random strings reach deep into them.
const ALPHABET: &[&[u8]] = &[
    b"<",
    b">",
    b" ",
    b"  ",
    b":",
    b"-",
    b"+",
    b".",
    b",",
    b"T",
    b"t",
    b"Z",
    b"z",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b"=",
    b"@",
    b"%",
    b"|",
    b"\r",
    b"\n",
    b"\t",
    b"0",
    b"1",
    b"2",
    b"9",
    b"13",
    b"165",
    b"192",
    b"2003",
    b"10",
    b"59",
    b"60",
    b"23",
    b"Jan",
    b"FEB",
    b"oct",
    b"UTC",
    b"EDT",
    b"GMT",
    b"CEF:",
    b"LEEF:",
    b"--",
    b"-",
    b"host",
    b"sshd",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\xa9",
    b"\xff",
    b"\xe2\x82\xac",
    b"\xf0\x9f",
    b"a",
];

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

fn check_time(t: &CivilTime, what: &str, input: &str) {
    let ok = (1..=12).contains(&t.month)
        && (1..=31).contains(&t.day)
        && t.hour <= 23
        && t.minute <= 59
        && t.second <= 60
        && t.nanos < 1_000_000_000
        && !matches!(t.offset_s, Some(o) if o.abs() > 23 * 3600 + 59 * 60);
    assert!(ok, "{what}: out-of-range {t:?} from {input:?}");
}

fn check_prefix(r: Option<(CivilTime, usize)>, what: &str, input: &str) {
    if let Some((t, n)) = r {
        check_time(&t, what, input);
        assert!(
            n <= input.len() && input.is_char_boundary(n),
            "{what}: bad length {n} for {input:?}"
        );
    }
}

/// Every function, with consistency checks on what comes back.
fn exercise(input: &str) {
    if let Some((_, n)) = pri(input) {
        assert!(n <= input.len());
    }
    let _ = month_abbrev(input);
    let _ = zone_abbreviation(input);
    check_prefix(parse_bsd_prefix(input), "bsd", input);
    check_prefix(parse_iso8601_prefix(input), "iso", input);
    check_prefix(parse_rfc5424_timestamp(input), "5424 ts", input);
    if let Some(t) = parse_iso8601(input) {
        check_time(&t, "iso whole", input);
    }
    for tv in [parse_epoch(input), parse_cef_time(input)]
        .into_iter()
        .flatten()
    {
        match tv {
            TimeValue::Civil(t) => check_time(&t, "cef", input),
            TimeValue::Unix { secs, nanos } => assert!(secs >= 0 && nanos < 1_000_000_000),
        }
    }
    match parse_rfc3164(input) {
        Ok(r) => {
            assert_eq!(
                input.get(r.msg_offset..),
                Some(r.msg),
                "3164 msg_offset: {input:?}"
            );
            check_time(&r.timestamp, "3164", input);
        }
        Err(e) => assert!(e.offset <= input.len(), "3164 error offset: {input:?}"),
    }
    let strict = parse_rfc5424(input, Strictness::Strict);
    let lenient = parse_rfc5424(input, Strictness::Lenient);
    for r in [&strict, &lenient] {
        match r {
            Ok(r) => {
                assert_eq!(
                    input.get(r.msg_offset..),
                    Some(r.msg),
                    "5424 msg_offset: {input:?}"
                );
                if let Some(t) = &r.timestamp {
                    check_time(t, "5424", input);
                    assert!(t.year.is_some() && t.offset_s.is_some());
                }
            }
            Err(e) => assert!(e.offset <= input.len(), "5424 error offset: {input:?}"),
        }
    }
    if strict.is_ok() {
        assert!(
            lenient.is_ok(),
            "Lenient refused what Strict accepts: {input:?}"
        );
    }
}

#[test]
fn every_prefix_of_tricky_records() {
    for seed in SEEDS {
        for (k, _) in seed.char_indices() {
            exercise(&seed[..k]);
            exercise(&seed[k..]);
        }
        exercise(seed);
    }
}

#[test]
fn random_bytes() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5000 {
        let len = rng.below(80);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        exercise(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_token_soup() {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let n = rng.below(40);
        let mut bytes = Vec::new();
        for _ in 0..n {
            bytes.extend_from_slice(ALPHABET[rng.below(ALPHABET.len())]);
        }
        exercise(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn mutated_records() {
    let mut rng = XorShift(0xD1B5_4A32_D192_ED03);
    for _ in 0..20_000 {
        let mut bytes = SEEDS[rng.below(SEEDS.len())].as_bytes().to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len() + 1);
            let token = ALPHABET[rng.below(ALPHABET.len())];
            match rng.below(3) {
                0 => {
                    bytes.splice(at..at, token.iter().copied());
                }
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ if at < bytes.len() => bytes[at] = token[0],
                _ => bytes.extend_from_slice(token),
            }
        }
        exercise(&String::from_utf8_lossy(&bytes));
    }
}
