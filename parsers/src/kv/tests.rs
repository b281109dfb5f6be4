use super::*;

fn pairs(line: &str) -> Vec<(String, String)> {
    parse_kv(line)
        .unwrap()
        .pairs()
        .map(|p| (p.key.to_string(), p.value.into_owned()))
        .collect()
}

fn kv(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const FORTIGATE: &str = r#"date=2026-03-02 time=09:12:11 devname="fw01" devid="FG100FTK19000001" eventtime=1772439131123456789 tz="+0100" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=203.0.113.7 srcport=51514 srcintf="wan1" dstip=10.0.0.5 dstport=22 dstintf="internal" proto=6 action="deny" policyid=0 service="SSH" msg="Denied by forward policy check (policy 0)""#;

#[test]
fn fortigate_traffic_line_reads_pair_for_pair() {
    let line = parse_kv(FORTIGATE).unwrap();
    assert_eq!(line.pri, None);
    let got = pairs(FORTIGATE);
    assert_eq!(got.len(), 22);
    assert_eq!(
        got[..6],
        kv(&[
            ("date", "2026-03-02"),
            ("time", "09:12:11"),
            ("devname", "fw01"),
            ("devid", "FG100FTK19000001"),
            ("eventtime", "1772439131123456789"),
            ("tz", "+0100"),
        ])[..]
    );
    assert_eq!(got[11], kv(&[("srcip", "203.0.113.7")])[0]);
    assert_eq!(got[18], kv(&[("action", "deny")])[0]);
    assert_eq!(
        got[21],
        kv(&[("msg", "Denied by forward policy check (policy 0)")])[0]
    );
    // Unquoted values borrow; quoted ones without escapes too.
    let p = line.pairs().find(|p| p.key == "devname").unwrap();
    assert!(matches!(p.value, Cow::Borrowed("fw01")));
    assert_eq!(p.quote, Quote::Double);
    assert!(p.closed);
}

#[test]
fn pri_prefix_as_fortigate_sends_over_syslog() {
    let line = parse_kv("<189>date=2026-03-02 time=09:12:11 devname=\"fw01\"").unwrap();
    assert_eq!(line.pri, Some(189));
    assert_eq!(line.body, "date=2026-03-02 time=09:12:11 devname=\"fw01\"");
    assert_eq!(line.pairs().count(), 3);
    // Out of range PRI: not a PRI, and then not a key either.
    assert_eq!(
        parse_kv("<192>date=x").unwrap_err().kind,
        ParseErrorKind::Signature
    );
}

#[test]
fn logfmt_with_escapes_and_single_quotes() {
    let line = r#"ts=2026-03-02T09:12:11.5Z level=info msg="user \"bob\" logged in \\o/" path='/a b' caller=main.go:42 err="""#;
    assert_eq!(
        pairs(line),
        kv(&[
            ("ts", "2026-03-02T09:12:11.5Z"),
            ("level", "info"),
            ("msg", "user \"bob\" logged in \\o/"),
            ("path", "/a b"),
            ("caller", "main.go:42"),
            ("err", ""),
        ])
    );
    let msg = parse_kv(line)
        .unwrap()
        .pairs()
        .find(|p| p.key == "msg")
        .unwrap();
    assert!(matches!(msg.value, Cow::Owned(_)));
    assert_eq!(msg.raw, r#"user \"bob\" logged in \\o/"#);
    // Other backslashes are kept as written.
    assert_eq!(unescape(r"C:\Temp\x"), r"C:\Temp\x");
}

#[test]
fn empty_values_and_stray_words() {
    let line = "a=1 mac= pfs=curve25519 word b=\"x y\" trailing=";
    let items: Vec<Item<'_>> = parse_kv(line).unwrap().items().collect();
    assert_eq!(items.len(), 6);
    assert!(matches!(&items[1], Item::Pair(p) if p.key == "mac" && p.value.is_empty()));
    assert_eq!(items[3], Item::Word("word"));
    assert!(matches!(&items[5], Item::Pair(p) if p.key == "trailing" && p.value.is_empty()));
}

#[test]
fn unescaped_inner_quotes_close_before_the_next_key() {
    // AUOMS writes command lines with their quotes unescaped.
    let line = r#"argc=3 cmdline="bash -c "{echo,YmFz}|{base64,-d}|{bash,-i}"" redactors= x=1"#;
    assert_eq!(
        pairs(line),
        kv(&[
            ("argc", "3"),
            ("cmdline", r#"bash -c "{echo,YmFz}|{base64,-d}|{bash,-i}""#),
            ("redactors", ""),
            ("x", "1"),
        ])
    );
    // A quote followed by a space and a word (not a key) does not close the value.
    assert_eq!(
        pairs(r#"msg="he said "hi" to me" n=1"#),
        kv(&[("msg", r#"he said "hi" to me"#), ("n", "1")])
    );
}

#[test]
fn unterminated_quote_runs_to_the_end() {
    let line = "date=2026-03-02 time=09:12:11 msg=\"cut by the syslog size lim";
    let p = parse_kv(line)
        .unwrap()
        .pairs()
        .find(|p| p.key == "msg")
        .unwrap();
    assert_eq!(p.value, "cut by the syslog size lim");
    assert!(!p.closed);
}

#[test]
fn not_kv() {
    assert_eq!(parse_kv("").unwrap_err().kind, ParseErrorKind::Empty);
    assert_eq!(parse_kv("   \t").unwrap_err().kind, ParseErrorKind::Empty);
    assert_eq!(
        parse_kv("<13>").unwrap_err().kind,
        ParseErrorKind::Truncated
    );
    let e = parse_kv("Mar  2 09:12:11 fw01 a=b c=d").unwrap_err();
    assert_eq!((e.kind, e.offset), (ParseErrorKind::Signature, 0));
    // CEF's first token is not a key (`|` is no key character).
    assert!(parse_kv("CEF:0|Security|threatmanager|1.0|100|worm|10|src=10.0.0.1").is_err());
    assert!(parse_kv("{\"a\":1}").is_err());
    assert!(parse_kv("=value").is_err());
}

#[test]
fn find_and_audit_dialect_differences() {
    assert_eq!(
        find("a=1 b=\"2 3\"", Dialect::KV, "b").as_deref(),
        Some("2 3")
    );
    assert_eq!(find("a=1", Dialect::KV, "z"), None);
    // auditd: `[]` in keys, arrays, RHEL 5 parentheses; no escapes.
    let got: Vec<(String, String)> = items(
        r#"a2[0]=41 path_name=["/a b","/c"] (hostname=?, addr=?, terminal=cron res=success) tty=(none) q="a\"b""#,
        Dialect::AUDIT,
    )
    .filter_map(|i| match i {
        Item::Pair(p) => Some((p.key.to_string(), p.value.into_owned())),
        Item::Word(_) => None,
    })
    .collect();
    assert_eq!(
        got,
        kv(&[
            ("a2[0]", "41"),
            ("path_name", r#"["/a b","/c"]"#),
            ("hostname", "?"),
            ("addr", "?"),
            ("terminal", "cron"),
            ("res", "success"),
            ("tty", "(none)"),
            ("q", r#"a\"b"#),
        ])
    );
    // In kv the same key characters are refused.
    assert!(matches!(
        items("a2[0]=41", Dialect::KV).next(),
        Some(Item::Word("a2[0]=41"))
    ));
}

#[test]
fn auoms_proctitle_text_runs_to_the_next_plain_key() {
    let body = "proctitle=/usr/bin/java -Djava.util.logging.config.file=/opt/x.properties -Dy redactors= containerid=";
    let got: Vec<(String, String)> = items(body, Dialect::AUDIT)
        .filter_map(|i| match i {
            Item::Pair(p) => Some((p.key.to_string(), p.value.into_owned())),
            Item::Word(_) => None,
        })
        .collect();
    assert_eq!(
        got,
        kv(&[
            (
                "proctitle",
                "/usr/bin/java -Djava.util.logging.config.file=/opt/x.properties -Dy"
            ),
            ("redactors", ""),
            ("containerid", ""),
        ])
    );
}

// ---- never panics -------------------------------------------------------------------------

const SEEDS: &[&str] = &[
    FORTIGATE,
    "<189>date=2026-03-02 time=09:12:11 devname=\"fw01\" msg=\"a \\\"b\\\" c\"",
    "ts=2026-03-02T09:12:11Z level=info msg='x y' a= b=\"",
    r#"cmdline="bash -c "{echo,x}|{bash,-i}"" redactors= path_name=["/a","/b"] proctitle=/x -Da=b y=1"#,
    "a2[0]=41 (hostname=?, addr=?, terminal=cron res=success) tty=(none)\u{1d}UID=\"root\"",
    "k=\"\\",
    "k='",
    "é=ü ü=é \u{1d}",
];

const ALPHABET: &[&str] = &[
    "=",
    "\"",
    "'",
    "\\",
    " ",
    "\t",
    "[",
    "]",
    "(",
    ")",
    ",",
    "<",
    ">",
    "1",
    "9",
    "189",
    "a",
    "key",
    "msg",
    "proctitle",
    "cmdline",
    "\u{1d}",
    "é",
    "€",
    "🦀",
    ":",
    ".",
    "-",
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

/// Every function, with consistency checks: items are slices of the input, the iteration ends.
fn exercise(input: &str) {
    let _ = parse_kv(input).map(|l| {
        assert!(input.ends_with(l.body));
        l.pairs().count()
    });
    for d in [Dialect::KV, Dialect::AUDIT] {
        let mut n = 0;
        for item in items(input, d) {
            n += 1;
            assert!(n <= input.len() + 1, "items do not end: {input:?}");
            match item {
                Item::Pair(p) => {
                    assert!(input.contains(p.key) && input.contains(p.raw));
                }
                Item::Word(w) => assert!(!w.is_empty() && input.contains(w)),
            }
        }
        let _ = find(input, d, "msg");
    }
    let _ = unescape(input);
}

#[test]
fn never_panics() {
    for seed in SEEDS {
        for (i, _) in seed.char_indices() {
            exercise(&seed[..i]);
            exercise(&seed[i..]);
        }
        exercise(seed);
    }
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for seed in SEEDS {
        let chars: Vec<char> = seed.chars().collect();
        for _ in 0..300 {
            let mut c = chars.clone();
            let at = rng.below(c.len().max(1));
            let piece: Vec<char> = ALPHABET[rng.below(ALPHABET.len())].chars().collect();
            match rng.below(3) {
                0 if !c.is_empty() => {
                    c.remove(at.min(c.len() - 1));
                }
                1 => {
                    for (k, ch) in piece.into_iter().enumerate() {
                        c.insert((at + k).min(c.len()), ch);
                    }
                }
                _ => {
                    if !c.is_empty() {
                        let k = at.min(c.len() - 1);
                        c[k] = piece[0];
                    }
                }
            }
            exercise(&c.into_iter().collect::<String>());
        }
    }
    for _ in 0..3000 {
        let n = rng.below(24);
        let s: String = (0..n)
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect();
        exercise(&s);
    }
}
