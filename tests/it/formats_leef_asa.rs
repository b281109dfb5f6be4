//! LEEF (QRadar LEEF 2.0, PAN-OS's `|`-separated LEEF 1.0) and Cisco ASA messages inside RFC
//! 3164, end to end through the CLI: detection and its reason, exact event fields, times in UTC,
//! evidence that reads back the record; the shared corpus's LEEF vectors (skipped with a message
//! when the corpus is absent).

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::util::*;

fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures/formats").join(name)
}

/// `(offset, length)` of every line of `path`, without its line end.
fn line_spans(path: &Path) -> Vec<(u64, u64)> {
    let data = std::fs::read(path).unwrap();
    let mut spans = Vec::new();
    let mut start = 0usize;
    for (i, &b) in data.iter().enumerate() {
        if b == b'\n' {
            spans.push((start as u64, (i - start) as u64));
            start = i + 1;
        }
    }
    if start < data.len() {
        spans.push((start as u64, (data.len() - start) as u64));
    }
    spans
}

/// The event citing line `line` (1-based) of input `input`.
#[track_caller]
fn at_line(evs: &[Value], input: u64, line: u64) -> &Value {
    evs.iter()
        .find(|e| e["input"] == input && e["evidence"][0]["line"] == line)
        .unwrap_or_else(|| panic!("no event for input {input} line {line}"))
}

/// Asserts `e[key] == value` for every pair (a missing key is `null`).
#[track_caller]
fn assert_event(e: &Value, want: &[(&str, Value)]) {
    for (k, v) in want {
        assert_eq!(&e[*k], v, "{k} of {e}");
    }
}

/// The event's evidence is line `line` of `path`: offset and length of that line, and the
/// cited bytes are the line.
#[track_caller]
fn assert_cites(e: &Value, path: &Path, line: u64) {
    let (offset, length) = line_spans(path)[(line - 1) as usize];
    let ev = &e["evidence"][0];
    assert_eq!(ev["line"], line);
    assert_eq!(ev["offset"], offset, "offset of line {line}");
    assert_eq!(ev["length"], length, "length of line {line}");
    let data = std::fs::read(path).unwrap();
    let text = String::from_utf8(data).unwrap();
    let line_text = text.lines().nth((line - 1) as usize).unwrap();
    assert_eq!(cited(path, offset, length), line_text.as_bytes());
}

#[test]
fn formats_lists_leef_and_detects_the_fixtures() {
    let out = stdout_of(["formats"], 0);
    assert!(
        out.lines()
            .any(|l| l.starts_with("leef ") && l.contains("QRadar")),
        "leef listed:\n{out}"
    );
    let dir = repo().join("fixtures/formats");
    let out = stdout_of(["formats", dir.to_str().unwrap()], 0);
    let line = |name: &str| {
        out.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in:\n{out}"))
            .to_string()
    };
    assert!(line("cisco-asa.log").ends_with(
        "cisco-asa.log: rfc3164 — 20 of the first 20 records read as rfc3164 (<PRI> and BSD timestamps)"
    ), "{}", line("cisco-asa.log"));
    assert!(line("panos-leef1-pipes.log").ends_with(
        "panos-leef1-pipes.log: leef — 3 of the first 3 records read as leef (LEEF behind a syslog header; attributes separated by '|' instead of TAB, as PAN-OS writes them)"
    ), "{}", line("panos-leef1-pipes.log"));
    assert!(
        line("qradar-leef2.log").ends_with(
            "qradar-leef2.log: leef — 5 of the first 5 records read as leef (LEEF behind a syslog header)"
        ),
        "{}",
        line("qradar-leef2.log")
    );
}

#[test]
fn qradar_leef2_exact_events() {
    let path = fixture("qradar-leef2.log");
    let p = path.to_str().unwrap();
    let doc = timeline([p, "--tz", "Europe/Berlin", "--year", "2026"]);
    assert_reconciled(&doc);
    let input = &doc["inputs"][0];
    assert_eq!(input["format"], "leef");
    assert_eq!(
        (input["records"].as_u64(), input["events"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(input["first"], "2026-03-02T09:13:52.250000Z");
    assert_eq!(input["last"], "2026-03-02T09:48:02.000000Z");

    let evs = events([p, "--tz", "Europe/Berlin", "--year", "2026"]);
    assert_eq!(evs.len(), 5);

    // `^`-separated, devTime read with its devTimeFormat (`...SSSX`, `Z`).
    let e = at_line(&evs, 0, 1);
    assert_cites(e, &path, 1);
    assert_event(
        e,
        &[
            ("ts", json!("2026-03-02T09:13:52.250000Z")),
            ("ts_quality", json!([])),
            ("ts_field", json!("devTime")),
            ("ts_original", json!("2026-03-02T09:13:52.250Z")),
            ("kind", json!("authentication")),
            ("action", json!("LoginFailed")),
            ("outcome", json!("failure")),
            ("severity", json!("medium")),
            ("host", json!("bastion-01")),
            ("user", json!("admin")),
            ("src_ip", json!("198.51.100.23")),
            ("dst_ip", json!("10.0.1.10")),
            ("process", Value::Null),
            (
                "summary",
                json!("Northwind Systems Gatekeeper on gk-01.example.net: LoginFailed (Authentication) 198.51.100.23:50502 -> 10.0.1.10:22 TCP user admin"),
            ),
        ],
    );
    let f = &e["fields"];
    assert_eq!(f["pri"], "134");
    assert_eq!(f["timestamp"], "Mar  2 10:13:52");
    assert_eq!(f["hostname"], "gk-01.example.net");
    assert_eq!(f["leef.version"], "2.0");
    assert_eq!(f["leef.vendor"], "Northwind Systems");
    assert_eq!(f["leef.product"], "Gatekeeper");
    assert_eq!(f["leef.product_version"], "4.2.1");
    assert_eq!(f["leef.event_id"], "LoginFailed");
    assert_eq!(f["leef.delimiter"], "^");
    assert_eq!(f["devTimeFormat"], "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    assert_eq!(f["reason"], "unknown user");
    assert_eq!(f["isLoginEvent"], "true");

    let e = at_line(&evs, 0, 2);
    assert_cites(e, &path, 2);
    assert_event(
        e,
        &[
            ("ts", json!("2026-03-02T09:18:40.981000Z")),
            ("kind", json!("authentication")),
            ("action", json!("LoginSucceeded")),
            ("outcome", json!("success")),
            ("severity", json!("low")),
            ("user", json!("deploy")),
        ],
    );

    // `x09` (TAB) declared in hex, devTime in epoch milliseconds, a threat: a finding.
    let e = at_line(&evs, 0, 3);
    assert_cites(e, &path, 3);
    assert_event(
        e,
        &[
            ("ts", json!("2026-03-02T09:34:10.220000Z")),
            ("ts_quality", json!([])),
            ("ts_original", json!("1772444050220")),
            ("kind", json!("finding")),
            ("action", json!("DataExfiltration")),
            ("outcome", json!("failure")),
            ("severity", json!("high")),
            ("host", json!("db-01")),
            ("user", json!("deploy")),
            ("src_ip", json!("10.0.2.20")),
            ("dst_ip", json!("203.0.113.77")),
        ],
    );
    assert_eq!(e["fields"]["leef.delimiter"], "\t");
    assert_eq!(e["fields"]["policy"], "Block large uploads");

    // `0x7C` (`|`) declared; devTime `MMM dd yyyy HH:mm:ss z` in CET.
    let e = at_line(&evs, 0, 4);
    assert_cites(e, &path, 4);
    assert_event(
        e,
        &[
            ("ts", json!("2026-03-02T09:41:07.000000Z")),
            ("ts_quality", json!([])),
            ("ts_original", json!("Mar 02 2026 10:41:07 CET")),
            ("kind", json!("other")),
            ("action", json!("AccountLocked")),
            ("outcome", json!("unknown")),
            ("user", json!("deploy")),
            ("src_ip", Value::Null),
        ],
    );
    assert_eq!(e["fields"]["policy"], "3 failed logins");

    // Empty delimiter field (TAB), no devTime: the syslog header's local time, year given.
    let e = at_line(&evs, 0, 5);
    assert_cites(e, &path, 5);
    assert_event(
        e,
        &[
            ("ts", json!("2026-03-02T09:48:02.000000Z")),
            ("ts_quality", json!(["assumed_tz", "inferred_year"])),
            ("ts_field", json!("timestamp")),
            ("ts_original", json!("Mar  2 10:48:02")),
            ("kind", json!("other")),
            ("action", json!("ConfigChange")),
            ("host", json!("gk-01.example.net")),
            ("user", json!("secops")),
        ],
    );
    assert_eq!(
        e["fields"]["msg"],
        "rule ssh-bastion: source 198.51.100.0/24 removed"
    );
}

#[test]
fn panos_pipe_separated_leef1_exact_events() {
    let path = fixture("panos-leef1-pipes.log");
    let p = path.to_str().unwrap();
    let evs = events([p]);
    assert_eq!(evs.len(), 3);

    let e = at_line(&evs, 0, 1);
    assert_cites(e, &path, 1);
    assert_event(
        e,
        &[
            ("ts", json!("2026-03-02T09:14:01.000000Z")),
            ("ts_quality", json!([])),
            ("ts_field", json!("devTime")),
            ("ts_original", json!("Mar 02 2026 09:14:01 GMT")),
            ("kind", json!("network")),
            ("action", json!("allow")),
            ("outcome", json!("success")),
            ("severity", Value::Null),
            ("host", json!("fw-edge-01")),
            ("user", Value::Null),
            ("src_ip", json!("198.51.100.23")),
            ("dst_ip", json!("10.0.1.10")),
            (
                "summary",
                json!("Palo Alto Networks PAN-OS Syslog Integration on fw-edge-01.example.net: allow (TRAFFIC) 198.51.100.23:50514 -> 10.0.1.10:22 tcp"),
            ),
        ],
    );
    let f = &e["fields"];
    assert_eq!(f["leef.version"], "1.0");
    assert_eq!(f["leef.delimiter"], "|");
    assert_eq!(f["timestamp"], "Mar  2 10:14:01");
    assert_eq!(f["usrName"], "");
    assert_eq!(f["ReceiveTime"], "2026/03/02 10:14:01");
    assert_eq!(f["ActionSource"], "from-policy");

    // THREAT: the threat name is the EventID; PAN-OS's `Severity=high`.
    let e = at_line(&evs, 0, 2);
    assert_cites(e, &path, 2);
    assert_event(
        e,
        &[
            ("ts", json!("2026-03-02T09:14:09.000000Z")),
            ("kind", json!("finding")),
            (
                "action",
                json!("SSH User Authentication Brute Force Attempt(40015)"),
            ),
            ("outcome", json!("failure")),
            ("severity", json!("high")),
            ("src_ip", json!("198.51.100.23")),
        ],
    );

    let e = at_line(&evs, 0, 3);
    assert_cites(e, &path, 3);
    assert_event(
        e,
        &[
            ("ts", json!("2026-03-02T09:34:11.000000Z")),
            ("kind", json!("network")),
            ("action", json!("deny")),
            ("outcome", json!("failure")),
            ("user", json!("corp\\deploy")),
            ("src_ip", json!("10.0.2.20")),
            ("dst_ip", json!("203.0.113.77")),
        ],
    );
    assert_eq!(e["fields"]["EgressInterface"], "");
}

/// `(ts, kind, action, outcome, severity, user, src_ip, dst_ip)` of one event.
type AsaRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// Every line of the ASA fixture, in file order (`--tz UTC`).
const ASA: [AsaRow; 20] = [
    (
        "09:13:50",
        "finding",
        "asa-733101",
        "unknown",
        "medium",
        None,
        Some("198.51.100.23"),
        None,
    ),
    (
        "09:13:55",
        "network",
        "asa-106023",
        "failure",
        "medium",
        None,
        Some("198.51.100.23"),
        Some("10.0.1.10"),
    ),
    (
        "09:14:01",
        "network",
        "asa-106100",
        "success",
        "info",
        None,
        Some("198.51.100.23"),
        Some("10.0.1.10"),
    ),
    (
        "09:14:01",
        "network",
        "asa-302013",
        "success",
        "info",
        None,
        Some("198.51.100.23"),
        Some("10.0.1.10"),
    ),
    (
        "09:18:41",
        "network",
        "asa-302014",
        "success",
        "info",
        None,
        Some("198.51.100.23"),
        Some("10.0.1.10"),
    ),
    (
        "09:20:03",
        "authentication",
        "asa-113005",
        "failure",
        "info",
        Some("Jürgen Öhlmann"),
        Some("198.51.100.23"),
        None,
    ),
    (
        "09:20:09",
        "authentication",
        "asa-113004",
        "success",
        "info",
        Some("deploy"),
        None,
        None,
    ),
    (
        "09:20:09",
        "authentication",
        "asa-113039",
        "success",
        "info",
        Some("deploy"),
        Some("198.51.100.23"),
        None,
    ),
    (
        "09:20:10",
        "authentication",
        "asa-722022",
        "success",
        "info",
        Some("deploy"),
        Some("198.51.100.23"),
        None,
    ),
    (
        "09:20:10",
        "authentication",
        "asa-722051",
        "success",
        "medium",
        Some("deploy"),
        Some("198.51.100.23"),
        None,
    ),
    (
        "09:21:30",
        "network",
        "asa-302013",
        "success",
        "info",
        Some("Speciäl Ö01"),
        Some("10.0.2.20"),
        Some("203.0.113.80"),
    ),
    (
        "09:21:31",
        "network",
        "asa-302015",
        "success",
        "info",
        None,
        Some("2001:db8:0:2::20"),
        Some("2001:db8:0:1::53"),
    ),
    (
        "09:21:32",
        "network",
        "asa-302016",
        "success",
        "info",
        None,
        Some("2001:db8:0:1::53"),
        Some("2001:db8:0:2::20"),
    ),
    (
        "09:34:11",
        "other",
        "asa-305011",
        "unknown",
        "info",
        None,
        None,
        None,
    ),
    (
        "09:40:00",
        "authentication",
        "asa-605004",
        "failure",
        "info",
        Some("admin"),
        Some("198.51.100.23"),
        Some("203.0.113.1"),
    ),
    (
        "09:41:07",
        "authentication",
        "asa-605005",
        "success",
        "info",
        Some("netadmin"),
        Some("10.0.9.5"),
        Some("10.0.0.1"),
    ),
    (
        "09:41:08",
        "network",
        "asa-106100",
        "success",
        "low",
        None,
        Some("10.0.9.5"),
        Some("10.0.0.1"),
    ),
    (
        "09:45:00",
        "authentication",
        "asa-716002",
        "success",
        "info",
        Some("deploy"),
        Some("198.51.100.23"),
        None,
    ),
    (
        "09:45:01",
        "authentication",
        "asa-722037",
        "success",
        "medium",
        Some("deploy"),
        Some("198.51.100.23"),
        None,
    ),
    (
        "09:45:01",
        "authentication",
        "asa-722023",
        "success",
        "info",
        Some("deploy"),
        Some("198.51.100.23"),
        None,
    ),
];

#[test]
fn cisco_asa_in_rfc3164_exact_events() {
    let path = fixture("cisco-asa.log");
    let p = path.to_str().unwrap();
    let doc = timeline([p, "--tz", "UTC"]);
    assert_reconciled(&doc);
    let input = &doc["inputs"][0];
    assert_eq!(input["format"], "rfc3164");
    assert_eq!(
        (input["records"].as_u64(), input["events"].as_u64()),
        (Some(20), Some(20))
    );
    // The ASA header carries the year: nothing inferred, only the zone assumed.
    assert_eq!(input["ts_inferred_year"], 0);
    assert_eq!(input["ts_assumed_tz"], 20);

    let evs = events([p, "--tz", "UTC"]);
    assert_eq!(evs.len(), 20);
    for (n, (t, kind, action, outcome, severity, user, src, dst)) in ASA.iter().enumerate() {
        let line = n as u64 + 1;
        let e = at_line(&evs, 0, line);
        assert_cites(e, &path, line);
        assert_event(
            e,
            &[
                ("ts", json!(format!("2026-03-02T{t}.000000Z"))),
                ("ts_quality", json!(["assumed_tz"])),
                ("ts_field", json!("timestamp")),
                ("ts_original", json!(format!("Mar 02 2026 {t}"))),
                ("kind", json!(kind)),
                ("action", json!(action)),
                ("outcome", json!(outcome)),
                ("severity", json!(severity)),
                ("host", json!("fw-edge-01")),
                ("user", json!(user)),
                ("src_ip", json!(src)),
                ("dst_ip", json!(dst)),
                ("process", Value::Null),
            ],
        );
    }
    let s = |line| {
        at_line(&evs, 0, line)["summary"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        s(2),
        "Cisco ASA 106023 on fw-edge-01: Deny tcp from 198.51.100.23:50500 (outside) to 10.0.1.10:3389 (inside) by access-group outside_in"
    );
    assert_eq!(
        s(5),
        "Cisco ASA 302014 on fw-edge-01: Teardown TCP connection 4711 198.51.100.23:50514 (outside) - 10.0.1.10:22 (inside), duration 0:04:40, 48213 bytes (TCP FINs from outside)"
    );
    assert_eq!(
        s(11),
        "Cisco ASA 302013 on fw-edge-01: Built outbound TCP connection 4790 from 10.0.2.20:41822 (inside) to 203.0.113.80:443 (outside), user Speciäl Ö01"
    );
    assert_eq!(
        s(12),
        "Cisco ASA 302015 on fw-edge-01: Built outbound UDP connection 4801 from [2001:db8:0:2::20]:53117 (inside) to [2001:db8:0:1::53]:53 (outside)"
    );
    assert_eq!(
        s(15),
        "Cisco ASA 605004 on fw-edge-01: management login (https) denied for \"admin\" from 198.51.100.23:51923 to 203.0.113.1"
    );

    // Source fields: the syslog ones, then the tag's parts and what the grammar read.
    let f = &at_line(&evs, 0, 11)["fields"];
    assert_eq!(f["pri"], "166");
    assert_eq!(f["hostname"], "fw-edge-01");
    assert_eq!(f["app"], "%ASA-6-302013");
    assert_eq!(f["asa.product"], "ASA");
    assert_eq!(f["asa.severity"], "6");
    assert_eq!(f["asa.message_id"], "302013");
    assert_eq!(f["asa.src_interface"], "inside");
    assert_eq!(f["asa.src_port"], "41822");
    assert_eq!(f["asa.src_mapped_address"], "203.0.113.10");
    assert_eq!(f["asa.src_identity"], "LOCAL\\Speciäl Ö01");
    assert_eq!(f["asa.dst_address"], "203.0.113.80");
    assert_eq!(f["asa.user"], "Speciäl Ö01");
    let f = &at_line(&evs, 0, 17)["fields"];
    assert_eq!(f["app"], "%ASA-session-5-106100");
    assert_eq!(f["asa.class"], "session");
    assert_eq!(f["asa.access_list"], "inside_mgmt");
    let f = &at_line(&evs, 0, 10)["fields"];
    assert_eq!(f["asa.assigned_ipv4"], "10.8.0.12");
    assert_eq!(f["asa.group"], "GP-Remote");
}

#[test]
fn formats_folder_timeline_reconciles_and_links_the_attacker() {
    // The three exports alone (other formats' fixtures share the folder).
    let dir = TestDir::new("leef-asa");
    for name in ["cisco-asa.log", "panos-leef1-pipes.log", "qradar-leef2.log"] {
        dir.write(name, std::fs::read(fixture(name)).unwrap());
    }
    let doc = timeline([
        dir.path.to_str().unwrap(),
        "--tz",
        "Europe/Berlin",
        "--year",
        "2026",
    ]);
    assert_reconciled(&doc);
    let formats: Vec<(&str, &str)> = doc["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().rsplit('/').next().unwrap(),
                i["format"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        formats,
        [
            ("cisco-asa.log", "rfc3164"),
            ("panos-leef1-pipes.log", "leef"),
            ("qradar-leef2.log", "leef"),
        ]
    );
    for i in doc["inputs"].as_array().unwrap() {
        assert_eq!(i["records"], i["events"], "{}", i["path"]);
    }
    // The attacker's address reaches events of all three exports.
    let inc = &doc["incidents"][0];
    let cited: std::collections::BTreeSet<u64> = inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["evidence"].as_array().unwrap().iter())
        .map(|ev| ev["input"].as_u64().unwrap())
        .collect();
    assert_eq!(cited.into_iter().collect::<Vec<_>>(), [0, 1, 2], "{inc}");
}

// --- the shared corpus --------------------------------------------------------------------------

#[test]
fn corpus_leef_doc_examples() {
    let Some(dir) = corpus("cef-leef-vectors") else {
        return;
    };
    let path = dir.join("leef-doc-examples.txt");
    let p = path.to_str().unwrap();
    let out = stdout_of(["formats", p], 0);
    assert!(
        out.trim_end().ends_with(
            "leef — 8 of the first 9 records read as leef (bare and syslog-wrapped LEEF)"
        ),
        "{out}"
    );
    let doc = timeline([p, "--year", "2019"]);
    assert_reconciled(&doc);
    let i = &doc["inputs"][0];
    assert_eq!(i["format"], "leef");
    assert_eq!(
        (
            i["records"].as_u64(),
            i["events"].as_u64(),
            i["rejected"].as_u64()
        ),
        (Some(9), Some(2), Some(7))
    );
    // The comment line, and six documentation records that carry no time at all.
    assert_eq!(
        i["reject_reasons"],
        json!({"format signature missing": 1, "no timestamp": 6})
    );
    let lines: Vec<u64> = i["rejects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [1, 2, 3, 4, 5, 6, 9]);

    let evs = events([p, "--year", "2019"]);
    assert_eq!(evs.len(), 2);
    let e = at_line(&evs, 0, 7);
    assert_cites(e, &path, 7);
    assert_event(
        e,
        &[
            ("ts", json!("2019-01-18T11:07:53.000000Z")),
            ("ts_quality", json!(["assumed_tz", "inferred_year"])),
            ("ts_original", json!("Jan 18 11:07:53")),
            ("action", json!("15345")),
            ("host", json!("192.168.1.1")),
        ],
    );
    let e = at_line(&evs, 0, 8);
    assert_cites(e, &path, 8);
    assert_event(
        e,
        &[
            ("ts", json!("2019-01-18T11:07:53.520000Z")),
            ("ts_quality", json!([])),
            ("ts_original", json!("2019-01-18T11:07:53.520Z")),
            ("action", json!("41")),
            ("host", json!("192.168.1.1")),
        ],
    );
    assert_eq!(e["fields"]["leef.delimiter"], "^");
}

#[test]
fn corpus_panos_leef_records() {
    let Some(dir) = corpus("cef-leef-vectors") else {
        return;
    };
    for (name, header) in [
        ("rsyslog-mmleefparse-panos.leef", false),
        ("rsyslog-mmleefparse-panos-with-syslog-header.log", true),
    ] {
        let path = dir.join(name);
        let p = path.to_str().unwrap();
        let doc = timeline([p]);
        assert_reconciled(&doc);
        let i = &doc["inputs"][0];
        assert_eq!(i["format"], "leef", "{name}");
        assert_eq!(
            (
                i["records"].as_u64(),
                i["events"].as_u64(),
                i["rejected"].as_u64()
            ),
            (Some(3), Some(3), Some(0)),
            "{name}"
        );
        let evs = events([p]);
        // devTime is GMT: the syslog header's local time (two hours ahead) is not used.
        for (line, ts, action, outcome, src, dst) in [
            (
                1,
                "11:45:34",
                "allow",
                "success",
                "172.19.50.39",
                "172.19.5.50",
            ),
            (
                2,
                "11:48:37",
                "deny",
                "failure",
                "172.39.129.169",
                "172.224.141.39",
            ),
            (
                3,
                "11:47:10",
                "reset-both",
                "failure",
                "172.35.163.110",
                "172.42.1.234",
            ),
        ] {
            let e = at_line(&evs, 0, line);
            assert_cites(e, &path, line);
            assert_event(
                e,
                &[
                    ("ts", json!(format!("2025-09-17T{ts}.000000Z"))),
                    ("ts_quality", json!([])),
                    ("ts_field", json!("devTime")),
                    ("ts_original", json!(format!("Sep 17 2025 {ts} GMT"))),
                    ("kind", json!("network")),
                    ("action", json!(action)),
                    ("outcome", json!(outcome)),
                    ("host", json!("firewall.domain.local")),
                    ("user", Value::Null),
                    ("src_ip", json!(src)),
                    ("dst_ip", json!(dst)),
                ],
            );
            let f = &e["fields"];
            assert_eq!(f["leef.delimiter"], "|");
            assert_eq!(f["cat"], "TRAFFIC");
            assert_eq!(f["SourceUser"], "");
            assert_eq!(f["TunnelType"], "N/A");
            if header {
                assert_eq!(f["pri"], "14");
                assert_eq!(f["hostname"], "firewall.domain.local");
            } else {
                assert_eq!(f["pri"], Value::Null);
            }
        }
        if header {
            assert_eq!(
                at_line(&evs, 0, 2)["fields"]["timestamp"],
                "Sep 17 13:48:38"
            );
        }
    }
}
