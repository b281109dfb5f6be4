//! Vendor profile tests (vendor_elastic_suricata): fixtures written from the vendors' documentation and the corpus
//! samples, read through `afterlog` as an analyst would.
//!
//! Fixtures (`fixtures/vendors/`, written by hand for this project; addresses are RFC 5737, names
//! invented):
//! - `elastic/winlogbeat-ws-fin-03.ndjson`: Winlogbeat 8.12 documents as its file output writes
//!   them (`@timestamp` = the event's TimeCreated, `winlog.*` with the EventData Data names verbatim,
//!   `winlog.user_data` for 1102, `winlog.keywords` as words), after the shapes of elastic/integrations'
//!   `system/security` and `windows/sysmon_operational` pipeline test inputs: six 4625 from
//!   203.0.113.45, the 4624 that follows, 4688, Sysmon 1 (encoded PowerShell; its `UtcTime` 15 ms
//!   before `@timestamp`) and 10 (lsass opened), 4720, System 7045, 1102 (`event_id` a number, as
//!   in elastic's `test-1102.json`; the cleared log restarts its record ids) and the responder's
//!   4725.
//! - `elastic/alerts-export-0850.ndjson` and `alerts-export-1010.ndjson`: the same Elastic
//!   Security alert (`.alerts-security.alerts-default` `_source`, alerts-as-data schema) exported
//!   twice: while acknowledged, then after it was closed. A document holds only its current
//!   workflow status, so the two steps take two snapshots.
//! - `suricata/eve.json`: Suricata 7 EVE lines after the user guide's "EVE JSON Format": a stats
//!   record, a DNS query and its answer, an allowed alert on a TLS flow and that flow's record
//!   (logged after its timeout), and an alert of a drop rule (IPS mode, `blocked`).

use std::path::PathBuf;

use serde_json::Value;

#[allow(unused_imports)]
use crate::util::*;

fn fixture(vendor: &str, name: &str) -> PathBuf {
    repo().join("fixtures/vendors").join(vendor).join(name)
}

fn s(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

/// A string field of an event, `None` when absent.
fn f<'a>(e: &'a Value, k: &str) -> Option<&'a str> {
    e.get(k).and_then(Value::as_str)
}

/// What one event must say; `None` fields must be absent.
struct Want<'a> {
    ts: &'a str,
    ts_field: &'a str,
    kind: &'a str,
    action: &'a str,
    outcome: &'a str,
    host: Option<&'a str>,
    user: Option<&'a str>,
    src_ip: Option<&'a str>,
    dst_ip: Option<&'a str>,
    process: Option<&'a str>,
}

fn check(e: &Value, w: &Want<'_>) {
    let ctx = format!("{e}");
    assert_eq!(f(e, "ts"), Some(w.ts), "ts of {ctx}");
    assert_eq!(f(e, "ts_field"), Some(w.ts_field), "ts_field of {ctx}");
    assert_eq!(f(e, "kind"), Some(w.kind), "kind of {ctx}");
    assert_eq!(f(e, "action"), Some(w.action), "action of {ctx}");
    assert_eq!(f(e, "outcome"), Some(w.outcome), "outcome of {ctx}");
    assert_eq!(f(e, "host"), w.host, "host of {ctx}");
    assert_eq!(f(e, "user"), w.user, "user of {ctx}");
    assert_eq!(f(e, "src_ip"), w.src_ip, "src_ip of {ctx}");
    assert_eq!(f(e, "dst_ip"), w.dst_ip, "dst_ip of {ctx}");
    assert_eq!(f(e, "process"), w.process, "process of {ctx}");
}

/// The one line `afterlog formats FILE` prints for a file.
fn detected(path: &std::path::Path) -> String {
    stdout_of(["formats", s(path)], 0)
}

const HOST: &str = "WS-FIN-03.corp.example";
const ATTACKER: &str = "203.0.113.45";

#[test]
fn winlogbeat_export_is_read_by_event_id() {
    let path = fixture("elastic", "winlogbeat-ws-fin-03.ndjson");
    let why = detected(&path);
    assert!(why.contains(": ndjson"), "{why}");
    assert!(
        why.contains("profile elastic-winlogbeat (Elastic Winlogbeat")
            && why.contains("14 of 14 records have winlog.event_id, winlog.channel"),
        "{why}"
    );

    let evs = events([s(&path)]);
    assert_eq!(evs.len(), 14);
    // The 4625 burst: failed network logons for akowalski from the attacker, in @timestamp.
    let fails = [
        "08:14:02.511",
        "08:14:05.127",
        "08:14:08.902",
        "08:14:12.330",
        "08:14:15.781",
        "08:14:19.046",
    ];
    for (e, t) in evs.iter().zip(fails) {
        check(
            e,
            &Want {
                ts: &format!("2026-04-14T{t}000Z"),
                ts_field: "@timestamp",
                kind: "authentication",
                action: "logon_failed",
                outcome: "failure",
                host: Some(HOST),
                user: Some("akowalski"),
                src_ip: Some(ATTACKER),
                dst_ip: None,
                // ProcessName "-" is no value.
                process: None,
            },
        );
    }
    let want = [
        Want {
            ts: "2026-04-14T08:14:31.204000Z",
            ts_field: "@timestamp",
            kind: "authentication",
            action: "logon",
            outcome: "success",
            host: Some(HOST),
            user: Some("akowalski"),
            src_ip: Some(ATTACKER),
            dst_ip: None,
            process: None,
        },
        // 4688: the creator's account (TargetUserName is "-"), the new process.
        Want {
            ts: "2026-04-14T08:15:10.662000Z",
            ts_field: "@timestamp",
            kind: "process",
            action: "process_created",
            outcome: "success",
            host: Some(HOST),
            user: Some("akowalski"),
            src_ip: None,
            dst_ip: None,
            process: Some("C:\\Windows\\System32\\whoami.exe"),
        },
        // Sysmon 1: Sysmon's UtcTime (15 ms before @timestamp) is the event time.
        Want {
            ts: "2026-04-14T08:15:42.903000Z",
            ts_field: "winlog.event_data.UtcTime",
            kind: "process",
            action: "process_created",
            outcome: "success",
            host: Some(HOST),
            user: Some("akowalski"),
            src_ip: None,
            dst_ip: None,
            process: Some("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"),
        },
        // Sysmon 10: the accessing process and its SourceUser (newer schemas; no User).
        Want {
            ts: "2026-04-14T08:16:05.361000Z",
            ts_field: "winlog.event_data.UtcTime",
            kind: "process",
            action: "process_accessed",
            outcome: "success",
            host: Some(HOST),
            user: Some("akowalski"),
            src_ip: None,
            dst_ip: None,
            process: Some("C:\\Windows\\System32\\rundll32.exe"),
        },
        // 4720: the new account is the event's user.
        Want {
            ts: "2026-04-14T08:17:30.118000Z",
            ts_field: "@timestamp",
            kind: "account_change",
            action: "user_created",
            outcome: "success",
            host: Some(HOST),
            user: Some("svc-updater"),
            src_ip: None,
            dst_ip: None,
            process: None,
        },
        Want {
            ts: "2026-04-14T08:18:02.377000Z",
            ts_field: "@timestamp",
            kind: "config_change",
            action: "service_installed",
            outcome: "success",
            host: Some(HOST),
            user: None,
            src_ip: None,
            dst_ip: None,
            process: None,
        },
        // 1102: event_id a number, the account under winlog.user_data.
        Want {
            ts: "2026-04-14T08:19:44.020000Z",
            ts_field: "@timestamp",
            kind: "finding",
            action: "audit_log_cleared",
            outcome: "success",
            host: Some(HOST),
            user: Some("akowalski"),
            src_ip: None,
            dst_ip: None,
            process: None,
        },
        Want {
            ts: "2026-04-14T08:52:13.440000Z",
            ts_field: "@timestamp",
            kind: "account_change",
            action: "account_disabled",
            outcome: "success",
            host: Some(HOST),
            user: Some("svc-updater"),
            src_ip: None,
            dst_ip: None,
            process: None,
        },
    ];
    for (e, w) in evs[6..].iter().zip(&want) {
        check(e, w);
    }
    // Evidence: line by line, in file order here (the file is in time order).
    for (i, e) in evs.iter().enumerate() {
        assert_eq!(e["evidence"][0]["line"], i as u64 + 1, "{e}");
    }
    let sysmon1 = &evs[8];
    assert_eq!(
        f(sysmon1, "hash"),
        Some("DE96A6E69944335375DC1AC238336066889D9FFC7D73628EF4FE1B1B160AB32C")
    );
    assert_eq!(f(sysmon1, "ts_original"), Some("2026-04-14 08:15:42.903"));
    assert_eq!(f(&evs[12], "severity"), Some("high"));
    assert!(f(&evs[11], "summary")
        .unwrap()
        .contains("service WinUpdSvc, C:\\ProgramData\\winupd\\svchost.exe -k netsvcs"));
    assert!(f(&evs[13], "summary").unwrap().ends_with("by jdoe-adm"));

    let doc = timeline([s(&path)]);
    assert_reconciled(&doc);
    let input = &doc["inputs"][0];
    assert_eq!(input["records"], 14);
    assert_eq!(input["events"], 14);
    assert_eq!(input["rejected"], 0);
}

#[test]
fn elastic_alert_is_a_finding_at_its_creation_then_triaged_and_closed() {
    let early = fixture("elastic", "alerts-export-0850.ndjson");
    let late = fixture("elastic", "alerts-export-1010.ndjson");
    for p in [&early, &late] {
        let why = detected(p);
        assert!(
            why.contains("profile elastic-alerts (Elastic Elastic Security detection alerts")
                && why.contains("1 of 1 records have event.kind=signal"),
            "{why}"
        );
        assert!(!why.contains("elastic-winlogbeat"), "{why}");
    }

    let evs = events([s(&early), s(&late)]);
    assert_eq!(
        evs.len(),
        3,
        "one finding (the same alert in both exports) and two status changes"
    );
    let finding = Want {
        // @timestamp: when the rule created the alert, not kibana.alert.original_time
        // (08:15:42.918, the source event's own time).
        ts: "2026-04-14T08:21:07.662000Z",
        ts_field: "@timestamp",
        kind: "finding",
        action: "alert",
        outcome: "unknown",
        host: Some("ws-fin-03"),
        user: Some("akowalski"),
        src_ip: None,
        dst_ip: None,
        process: Some("powershell.exe"),
    };
    // The alert as both snapshots hold it: one event citing the record of each.
    let inputs: Vec<&Value> = evs[0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ev| &ev["input"])
        .collect();
    assert_eq!(inputs, [0, 1]);
    for e in &evs[..1] {
        check(e, &finding);
        assert_eq!(e["input"], 0);
        assert_eq!(f(e, "severity"), Some("medium"));
        assert_eq!(
            f(e, "hash"),
            Some("de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c")
        );
        assert_eq!(
            f(e, "summary"),
            Some("Alert \"Encoded PowerShell Command Line\" on ws-fin-03 by akowalski")
        );
    }
    for (e, (ts, status, input)) in evs[1..].iter().zip([
        ("2026-04-14T08:44:19.031000Z", "acknowledged", 0),
        ("2026-04-14T10:02:55.718000Z", "closed", 1),
    ]) {
        check(
            e,
            &Want {
                ts,
                ts_field: "kibana.alert.workflow_status_updated_at",
                kind: "incident_status",
                action: status,
                ..finding
            },
        );
        assert_eq!(e["evidence"][0]["input"], input);
        assert_eq!(e["evidence"][0]["line"], 1);
    }

    // With the Windows events of the host: one incident, the alert found again in both
    // exports, triaged at the acknowledgement and resolved at the closing.
    let winlog = fixture("elastic", "winlogbeat-ws-fin-03.ndjson");
    let doc = timeline([s(&early), s(&late), s(&winlog)]);
    assert_reconciled(&doc);
    let incs = doc["incidents"].as_array().unwrap();
    assert_eq!(incs.len(), 1, "{doc}");
    let inc = &incs[0];
    let ph = |p: &str, k: &str| inc["phases"][p][k].clone();
    assert_eq!(ph("detection", "start"), "2026-04-14T08:19:44.020000Z");
    assert_eq!(ph("detection", "end"), "2026-04-14T08:21:07.662000Z");
    assert_eq!(ph("triage", "start"), "2026-04-14T08:44:19.031000Z");
    assert_eq!(ph("triage", "end"), "2026-04-14T08:44:19.031000Z");
    assert_eq!(ph("containment", "start"), "2026-04-14T08:52:13.440000Z");
    assert_eq!(ph("resolution", "start"), "2026-04-14T10:02:55.718000Z");
    assert_eq!(ph("resolution", "end"), "2026-04-14T10:02:55.718000Z");
    let m = &inc["metrics"];
    assert_eq!(m["time_to_triage_s"], 1475);
    assert_eq!(m["time_to_contain_s"], 1949);
    assert_eq!(m["time_to_resolve_s"], 6191);
    let line = inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "finding" && e["action"] == "alert")
        .expect("the alert in the timeline");
    assert_eq!(line["ts"], "2026-04-14T08:21:07.662000Z");
    let cited: Vec<(u64, u64)> = line["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["input"].as_u64().unwrap(), v["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(cited, [(0, 1), (1, 1)], "one finding citing both exports");
    let statuses: Vec<(&str, &str, &str)> = inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "incident_status")
        .map(|e| {
            (
                e["ts"].as_str().unwrap(),
                e["action"].as_str().unwrap(),
                e["phase"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("2026-04-14T08:44:19.031000Z", "acknowledged", "triage"),
            ("2026-04-14T10:02:55.718000Z", "closed", "resolution"),
        ]
    );
    // The two times of an alert are not a clock disagreement.
    assert!(!doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "time_fields_disagree"));
}

#[test]
fn suricata_eve_alerts_are_findings_and_stats_are_skipped() {
    let path = fixture("suricata", "eve.json");
    let why = detected(&path);
    assert!(
        why.contains(": ndjson")
            && why.contains("profile suricata-eve (OISF Suricata EVE JSON")
            && why.contains("6 of 6 records have event_type=alert|…, timestamp"),
        "{why}"
    );

    let evs = events([s(&path)]);
    assert_eq!(evs.len(), 5);
    let ws = Some("10.20.30.53");
    let want = [
        Want {
            // +0100 offsets, microseconds.
            ts: "2026-04-14T08:15:58.214907Z",
            ts_field: "timestamp",
            kind: "network",
            action: "dns_query",
            outcome: "unknown",
            host: None,
            user: None,
            src_ip: ws,
            dst_ip: Some("10.20.0.10"),
            process: None,
        },
        Want {
            ts: "2026-04-14T08:15:58.231554Z",
            ts_field: "timestamp",
            kind: "network",
            action: "dns_answer",
            outcome: "unknown",
            host: None,
            user: None,
            src_ip: ws,
            dst_ip: Some("10.20.0.10"),
            process: None,
        },
        // The flow at its start; the record itself was written at 08:17:41, after the timeout.
        Want {
            ts: "2026-04-14T08:16:03.402101Z",
            ts_field: "flow.start",
            kind: "network",
            action: "flow",
            outcome: "unknown",
            host: None,
            user: None,
            src_ip: ws,
            dst_ip: Some(ATTACKER),
            process: None,
        },
        Want {
            ts: "2026-04-14T08:16:03.518224Z",
            ts_field: "timestamp",
            kind: "finding",
            action: "alert",
            outcome: "unknown",
            host: None,
            user: None,
            src_ip: ws,
            dst_ip: Some(ATTACKER),
            process: None,
        },
        // A drop rule's alert: still a finding; the sensor dropped that traffic.
        Want {
            ts: "2026-04-14T08:31:12.100572Z",
            ts_field: "timestamp",
            kind: "finding",
            action: "alert_blocked",
            outcome: "failure",
            host: None,
            user: None,
            src_ip: Some("198.51.100.77"),
            dst_ip: Some("10.20.0.15"),
            process: None,
        },
    ];
    for (e, w) in evs.iter().zip(&want) {
        check(e, w);
    }
    let lines: Vec<u64> = evs
        .iter()
        .map(|e| e["evidence"][0]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 5, 4, 6]);
    assert_eq!(f(&evs[3], "severity"), Some("high"));
    assert_eq!(f(&evs[4], "severity"), Some("medium"));
    assert_eq!(
        f(&evs[3], "summary"),
        Some("Alert \"LOCAL MALWARE Possible Cobalt Strike beacon (default TLS certificate) to 203.0.113.45\"")
    );
    assert_eq!(
        f(&evs[2], "ts_original"),
        Some("2026-04-14T09:16:03.402101+0100")
    );

    let doc = timeline([s(&path)]);
    assert_reconciled(&doc);
    let input = &doc["inputs"][0];
    assert_eq!(input["records"], 6);
    assert_eq!(input["events"], 5);
    assert_eq!(input["skipped"], 1);
    assert_eq!(
        input["skip_reasons"]["suricata stats record (engine counters, not an event)"],
        1
    );
    // The blocked alert marks detection, never containment: no incident has one.
    let incs = doc["incidents"].as_array().unwrap();
    assert!(!incs.is_empty());
    for inc in incs {
        assert!(inc["phases"]["containment"].is_null(), "{inc}");
    }
    let blocked = incs
        .iter()
        .flat_map(|i| i["timeline"].as_array().unwrap())
        .find(|e| e["action"] == "alert_blocked")
        .expect("the blocked alert in a timeline");
    assert_eq!(blocked["phase"], "detection");
}

/// The corpus holds no record of these three shapes: its `Suricata.DNS` test events are
/// CrowdStrike DNS requests filed under that log type, its `Windows.EventLogs` events are
/// Panther's own Windows schema (`EventID`, `ProviderName`, `ExtraEventData`), and the OTRF rows
/// are flat Mordor/Logstash JSON. Read without `--format`, none is claimed by these profiles,
/// and what the generic mapping says of the OTRF rows (their two clocks 16 h and 19 h apart) is
/// still said.
#[test]
fn corpus_samples_are_detected_without_format_and_not_misclaimed() {
    let Some(panther) = corpus("panther-analysis-test-events") else {
        return;
    };
    let ours = ["elastic-winlogbeat", "elastic-alerts", "suricata-eve"];
    for name in ["Suricata.DNS.ndjson", "Windows.EventLogs.ndjson"] {
        let path = panther.join(name);
        let why = detected(&path);
        assert!(why.contains(": ndjson"), "{why}");
        for p in ours {
            assert!(!why.contains(p), "{name} is not {p}: {why}");
        }
        let doc = timeline([s(&path)]);
        assert_reconciled(&doc);
        assert_eq!(doc["inputs"][0]["rejected"], 0, "{name}");
    }
    let suricata_dns = detected(&panther.join("Suricata.DNS.ndjson"));
    assert!(
        suricata_dns.contains("profile crowdstrike-fdr"),
        "{suricata_dns}"
    );

    if let Some(ecs) = corpus("lnav-test-logs") {
        let why = detected(&ecs.join("logfile_ecs_log.json"));
        for p in ours {
            assert!(!why.contains(p), "{why}");
        }
    }

    let Some(lsass) = corpus("otrf-security-datasets/windows-lsass") else {
        return;
    };
    let file = lsass.join("psh_lsass_memory_dump_comsvcs_2020-10-18T19500924.json");
    let why = detected(&file);
    assert!(why.contains(": ndjson"), "{why}");
    assert!(!why.contains("profile "), "{why}");
    let doc = timeline([s(&file)]);
    let w = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "time_fields_disagree")
        .expect("the 16 h gap between TimeCreated and UtcTime is reported");
    let msg = w["message"].as_str().unwrap();
    assert!(
        msg.contains("in 148 of 148 records the event time and UtcTime"),
        "{msg}"
    );
}
