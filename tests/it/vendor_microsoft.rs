//! Vendor profile tests (vendor_microsoft): fixtures written from the vendors' documentation and the corpus
//! samples, read through `afterlog` as an analyst would.
//!
//! Profiles: `mde-advanced-hunting` (Advanced Hunting rows: API, portal export, Sentinel
//! tables), `mde-alerts` (AlertInfo / AlertEvidence rows), `mde-streaming` (the streaming API's
//! `{"category":"AdvancedHunting-…","properties":{…}}` envelope), `mde-machine-actions`
//! (`/api/machineactions`), `sentinel-securityevent` and `sentinel-event` (Windows events as
//! Sentinel tables, read by the Windows event mapping), `sentinel-commonsecuritylog` (CEF as
//! Sentinel's table, the portal CSV export).

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::util::*;

fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures/vendors/microsoft").join(name)
}

fn path_arg(p: &std::path::Path) -> String {
    p.to_str().expect("UTF-8 path").to_string()
}

/// The named fields of an event (absent ones as null), for one exact comparison.
fn pick(e: &Value, keys: &[&str]) -> Value {
    Value::Object(
        keys.iter()
            .map(|k| (k.to_string(), e.get(*k).cloned().unwrap_or(Value::Null)))
            .collect(),
    )
}

const KEYS: [&str; 11] = [
    "ts", "ts_field", "kind", "action", "outcome", "host", "user", "src_ip", "dst_ip", "process",
    "hash",
];

/// Every event of `path` (read without `--format`) as the fields of [`KEYS`], in order.
fn read(path: &std::path::Path) -> Vec<Value> {
    events([path_arg(path)])
        .iter()
        .map(|e| pick(e, &KEYS))
        .collect()
}

/// `afterlog formats PATH` names the profile.
fn assert_detected(path: &std::path::Path, profile: &str) {
    let out = stdout_of(["formats".to_string(), path_arg(path)], 0);
    assert!(
        out.contains(&format!("profile {profile} (")),
        "{} should be read with profile {profile}: {out}",
        path.display()
    );
}

const HOST: &str = "ws-fin-07.corp.example.com";
const RUNDLL_SHA256: &str = "c2a1bbd1ad5d5a5c9c6e0a8f3f7e2f0f7d4b2e6c1a9f8e7d6c5b4a3928170615";
const RUNDLL_SHA1: &str = "e9b6bd0a0b1d0b8a4e1c6f3ad2a1a7c44f2b8f0e";
const PS_SHA256: &str = "9f914d42706fe215501044acd85a32d58aaef1419d404fddfa5d3b48f66ccd9f";

#[test]
fn advanced_hunting_export_rows() {
    let path = fixture("ah-export.ndjson");
    assert_detected(&path, "mde-advanced-hunting");
    assert_detected(&path, "mde-alerts");
    let got = read(&path);
    let want = vec![
        json!({"ts": "2023-11-15T13:52:11.209341Z", "ts_field": "Timestamp", "kind": "authentication",
               "action": "logon_failed", "outcome": "failure", "host": HOST, "user": "mlee",
               "src_ip": "203.0.113.54", "dst_ip": null, "process": "svchost.exe", "hash": null}),
        json!({"ts": "2023-11-15T13:58:47.662015Z", "ts_field": "Timestamp", "kind": "authentication",
               "action": "logon", "outcome": "success", "host": HOST, "user": "mlee",
               "src_ip": "203.0.113.54", "dst_ip": null, "process": "svchost.exe", "hash": null}),
        json!({"ts": "2023-11-15T14:02:51.447119Z", "ts_field": "Timestamp", "kind": "process",
               "action": "process_created", "outcome": "success", "host": HOST, "user": "mlee",
               "src_ip": null, "dst_ip": null, "process": "rundll32.exe", "hash": RUNDLL_SHA256}),
        json!({"ts": "2023-11-15T14:03:10.002154Z", "ts_field": "Timestamp", "kind": "network",
               "action": "network_connection", "outcome": "success", "host": HOST, "user": "mlee",
               "src_ip": "10.20.30.41", "dst_ip": "198.51.100.23", "process": "powershell.exe",
               "hash": PS_SHA256}),
        json!({"ts": "2023-11-15T14:03:31.913002Z", "ts_field": "Timestamp", "kind": "file",
               "action": "file_created", "outcome": "success", "host": HOST, "user": "mlee",
               "src_ip": null, "dst_ip": null, "process": "powershell.exe",
               "hash": "7d0f2b5c8e1a4d7f0c3b6e9a2d5f8c1b4e7a0d3f6c9b2e5a8d1f4c7b0e3a6d9f"}),
        // AlertInfo: no device or account of its own; both come from its AlertEvidence rows.
        json!({"ts": "2023-11-15T14:05:12.983200Z", "ts_field": "Timestamp", "kind": "finding",
               "action": "Suspicious access to LSASS service", "outcome": "unknown", "host": HOST,
               "user": "mlee", "src_ip": null, "dst_ip": null, "process": null, "hash": null}),
        json!({"ts": "2023-11-15T14:05:12.983200Z", "ts_field": "Timestamp", "kind": "finding",
               "action": "Suspicious access to LSASS service", "outcome": "unknown", "host": HOST,
               "user": "mlee", "src_ip": null, "dst_ip": null, "process": "rundll32.exe",
               "hash": RUNDLL_SHA1}),
    ];
    assert_eq!(got, want);
    let all = events([path_arg(&path)]);
    for e in &all[5..] {
        assert_eq!(e["severity"], "high", "{e}");
        assert_eq!(
            e["summary"],
            format!("Alert \"Suspicious access to LSASS service\" on {HOST} by mlee")
        );
    }
    // Timestamp's 7-digit fraction is kept as written.
    assert_eq!(all[0]["ts_original"], "2023-11-15T13:52:11.2093410Z");
}

#[test]
fn advanced_hunting_query_response() {
    // Graph runHuntingQuery: {"schema":[…],"results":[…]}; the rows are the records.
    let path = fixture("ah-hunting-query.json");
    assert_detected(&path, "mde-advanced-hunting");
    let got = read(&path);
    assert_eq!(got.len(), 2);
    assert_eq!(
        got[1],
        json!({"ts": "2023-11-15T14:09:58.120041Z", "ts_field": "Timestamp", "kind": "process",
               "action": "process_created", "outcome": "success", "host": HOST, "user": "mlee",
               "src_ip": null, "dst_ip": null, "process": "cmd.exe",
               "hash": "f1efb0fddc156e4c61c5f78a54700e4e7984d55d"})
    );
}

#[test]
fn streaming_envelope() {
    let path = fixture("streaming.ndjson");
    assert_detected(&path, "mde-streaming");
    let got = read(&path);
    let row = |ts: &str, kind: &str, action: &str, outcome: &str| {
        json!({"ts": ts, "ts_field": "properties.Timestamp", "kind": kind, "action": action,
               "outcome": outcome, "host": HOST, "user": "mlee"})
    };
    let short: Vec<Value> = got.iter().map(|e| pick(e, &KEYS[..7])).collect();
    assert_eq!(
        short,
        vec![
            row(
                "2023-11-15T13:58:47.662015Z",
                "authentication",
                "logon",
                "success"
            ),
            row(
                "2023-11-15T14:02:51.447119Z",
                "process",
                "process_created",
                "success"
            ),
            row(
                "2023-11-15T14:03:10.002154Z",
                "network",
                "network_connection",
                "success"
            ),
            row(
                "2023-11-15T14:05:12.983200Z",
                "finding",
                "Suspicious access to LSASS service",
                "unknown"
            ),
            row(
                "2023-11-15T14:05:12.983200Z",
                "finding",
                "Suspicious access to LSASS service",
                "unknown"
            ),
        ]
    );
    // The envelope's own times (publication, receipt) are later: never the event time.
    assert_eq!(got[0]["src_ip"], "203.0.113.54");
    assert_eq!(got[1]["process"], "rundll32.exe");
    assert_eq!(got[1]["hash"], RUNDLL_SHA256);
    assert_eq!(got[2]["src_ip"], "10.20.30.41");
    assert_eq!(got[2]["dst_ip"], "198.51.100.23");
    assert_eq!(got[4]["process"], "rundll32.exe");
}

#[test]
fn machine_actions_requested_then_done() {
    let path = fixture("machine-actions.json");
    assert_detected(&path, "mde-machine-actions");
    let all = events([path_arg(&path)]);
    let got: Vec<Value> = all
        .iter()
        .map(|e| {
            pick(
                e,
                &[
                    "ts", "ts_field", "kind", "action", "outcome", "host", "user", "hash",
                ],
            )
        })
        .collect();
    let ev = |ts: &str, field: &str, action: &str, hash: Value| {
        // The requesting analyst is not the action's subject: the device is (an analyst's
        // name would link every incident they responded to).
        json!({"ts": ts, "ts_field": field, "kind": "remediation", "action": action,
               "outcome": "success", "host": HOST, "user": Value::Null,
               "hash": hash})
    };
    let quarantined = json!("5b7e1f8c0a4d3e2b1c9f8a7d6e5c4b3a2f1e0d9c");
    assert_eq!(
        got,
        vec![
            ev(
                "2023-11-15T14:11:05.312660Z",
                "creationDateTimeUtc",
                "containment_requested",
                Value::Null
            ),
            ev(
                "2023-11-15T14:12:41.090435Z",
                "lastUpdateDateTimeUtc",
                "host_isolated",
                Value::Null
            ),
            ev(
                "2023-11-15T14:20:17.880115Z",
                "creationDateTimeUtc",
                "quarantine_requested",
                quarantined.clone()
            ),
            ev(
                "2023-11-15T14:20:49.227001Z",
                "lastUpdateDateTimeUtc",
                "file_quarantined",
                quarantined
            ),
            ev(
                "2023-11-16T09:30:00.101552Z",
                "creationDateTimeUtc",
                "containment_lifted",
                Value::Null
            ),
            ev(
                "2023-11-16T09:31:12.665741Z",
                "lastUpdateDateTimeUtc",
                "host_unisolated",
                Value::Null
            ),
        ]
    );
    // Both events of an action cite the same record.
    assert_eq!(all[0]["evidence"], all[1]["evidence"]);
}

#[test]
fn response_phases_from_machine_actions() {
    let doc = timeline([
        path_arg(&fixture("ah-export.ndjson")),
        path_arg(&fixture("machine-actions.json")),
        path_arg(&fixture("securityevent.ndjson")),
    ]);
    assert_reconciled(&doc);
    let incidents = doc["incidents"].as_array().expect("incidents");
    assert_eq!(incidents.len(), 1, "one incident: {incidents:?}");
    let phases = &incidents[0]["phases"];
    let span = |p: &str| {
        (
            phases[p]["start"].as_str().unwrap_or("-").to_string(),
            phases[p]["end"].as_str().unwrap_or("-").to_string(),
        )
    };
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        span("detection").0,
        "2023-11-15T14:05:12.983200Z",
        "{phases}"
    );
    assert_eq!(
        span("containment"),
        s("2023-11-15T14:11:05.312660Z", "2023-11-15T14:12:41.090435Z")
    );
    // Eradication starts when the quarantine is requested (request and completion both mark
    // the phase, the contract says), not when it is done (14:20:49.227001).
    assert_eq!(span("eradication").0, "2023-11-15T14:20:17.880115Z");
    assert_eq!(
        span("recovery"),
        s("2023-11-16T09:30:00.101552Z", "2023-11-16T09:31:12.665741Z")
    );
    for input in doc["inputs"].as_array().unwrap() {
        assert_eq!(input["rejected"], 0, "{input}");
    }
}

#[test]
fn sentinel_security_events() {
    let path = fixture("securityevent.ndjson");
    assert_detected(&path, "sentinel-securityevent");
    let got = read(&path);
    let c = "WS-FIN-07.corp.example.com";
    let dc = "DC01.corp.example.com";
    let want = vec![
        json!({"ts": "2023-11-15T13:52:11.203000Z", "ts_field": "TimeGenerated", "kind": "authentication",
               "action": "logon_failed", "outcome": "failure", "host": c, "user": "mlee",
               "src_ip": "203.0.113.54", "dst_ip": null, "process": null, "hash": null}),
        json!({"ts": "2023-11-15T13:58:47.657000Z", "ts_field": "TimeGenerated", "kind": "authentication",
               "action": "logon", "outcome": "success", "host": c, "user": "mlee",
               "src_ip": "203.0.113.54", "dst_ip": null, "process": null, "hash": null}),
        // EventData as an XML string.
        json!({"ts": "2023-11-15T14:02:51.440000Z", "ts_field": "TimeGenerated", "kind": "process",
               "action": "process_created", "outcome": "success", "host": c, "user": "mlee",
               "src_ip": null, "dst_ip": null, "process": "C:\\Windows\\System32\\rundll32.exe", "hash": null}),
        json!({"ts": "2023-11-15T14:08:02.117000Z", "ts_field": "TimeGenerated", "kind": "account_change",
               "action": "user_created", "outcome": "success", "host": dc, "user": "svc-backup2",
               "src_ip": null, "dst_ip": null, "process": null, "hash": null}),
        json!({"ts": "2023-11-15T14:09:30.001000Z", "ts_field": "TimeGenerated", "kind": "finding",
               "action": "audit_log_cleared", "outcome": "success", "host": c}),
        json!({"ts": "2023-11-15T16:20:03.500000Z", "ts_field": "TimeGenerated", "kind": "account_change",
               "action": "user_deleted", "outcome": "success", "host": dc, "user": "svc-backup2",
               "src_ip": null, "dst_ip": null, "process": null, "hash": null}),
    ];
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        let keys: Vec<&str> = w.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(&pick(g, &keys), w);
    }
    let all = events([path_arg(&path)]);
    assert!(
        all[2]["summary"]
            .as_str()
            .unwrap()
            .contains("comsvcs.dll, MiniDump 624"),
        "{}",
        all[2]["summary"]
    );
}

// ------------------------------------------------------------------------------------------
// The corpus: samples are recognized by these profiles without --format.

#[test]
fn corpus_panther_advanced_hunting_streaming() {
    let Some(dir) = corpus("panther-analysis-test-events") else {
        return;
    };
    let path = dir.join("MicrosoftDefenderXDR.AdvancedHunting.ndjson");
    assert_detected(&path, "mde-streaming");
    let all = events([path_arg(&path)]);
    let got: Vec<Value> = all
        .iter()
        .map(|e| pick(e, &["ts", "ts_field", "kind", "action", "severity", "host"]))
        .collect();
    let title = "Regsvr32 Rundll32 Image Loads Abnormal Extension";
    assert_eq!(
        got,
        vec![
            // AlertEvidence (Panther renders times zone-less; Defender's are UTC).
            json!({"ts": "2025-04-11T20:51:04.058183Z", "ts_field": "properties.Timestamp",
                   "kind": "finding", "action": title, "severity": "high",
                   "host": "testdevice.testdomain.com"}),
            // AlertInfo: its AlertId has no evidence in the file, so no device.
            json!({"ts": "2025-04-21T20:51:04.058183Z", "ts_field": "properties.Timestamp",
                   "kind": "finding", "action": title, "severity": "high", "host": null}),
        ]
    );
}

#[test]
fn corpus_goldensaml_defender_rows() {
    let Some(dir) = corpus("otrf-security-datasets/GoldenSAMLADFSMailAccess") else {
        return;
    };
    let path = dir.join("Microsoft365DefenderEvents.json");
    assert_detected(&path, "mde-advanced-hunting");
    let got = read(&path);
    assert_eq!(got.len(), 9);
    assert_eq!(
        got[1],
        json!({"ts": "2021-08-02T13:11:39.772449Z", "ts_field": "Timestamp", "kind": "other",
               "action": "LdapSearch", "outcome": "unknown", "host": "adfs01.simulandlabs.com",
               "user": "wardog", "src_ip": null, "dst_ip": null, "process": "powershell.exe",
               "hash": "de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c"})
    );
    // IdentityDirectoryEvents: IPAddress is the source, DestinationIPAddress the destination.
    assert_eq!(
        pick(&got[0], &["action", "user", "src_ip", "dst_ip"]),
        json!({"action": "Directory Services replication", "user": "pgustavo",
               "src_ip": "192.168.2.5", "dst_ip": "192.168.2.4"})
    );
    assert_eq!(got[8]["action"], "MailItemsAccessed");
    assert_eq!(got[8]["src_ip"], "1.2.3.4");
}

#[test]
fn corpus_goldensaml_sentinel_windows_events() {
    let Some(dir) = corpus("otrf-security-datasets/GoldenSAMLADFSMailAccess") else {
        return;
    };
    let path = dir.join("WindowsEvents.json");
    assert_detected(&path, "sentinel-securityevent");
    assert_detected(&path, "sentinel-event");
    let doc = timeline([path_arg(&path)]);
    assert_reconciled(&doc);
    assert_eq!(doc["inputs"][0]["rejected"], 0);
    let got = read(&path);
    let logons: Vec<&Value> = got.iter().filter(|e| e["action"] == "logon").collect();
    assert_eq!(logons.len(), 28);
    assert_eq!(
        logons[0],
        &json!({"ts": "2021-08-02T13:06:38.330000Z", "ts_field": "TimeGenerated",
                "kind": "authentication", "action": "logon", "outcome": "success",
                "host": "DC01.simulandlabs.com", "user": "wardog", "src_ip": "192.168.2.5",
                "dst_ip": null, "process": null, "hash": null})
    );
    // The Event table's Sysmon row: Sysmon's own UtcTime.
    assert_eq!(
        pick(&got[0], &["ts", "ts_field", "host", "process"]),
        json!({"ts": "2021-08-02T13:05:32.765000Z", "ts_field": "UtcTime",
               "host": "ADFS01.simulandlabs.com",
               "process": "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"})
    );
}

#[test]
fn corpus_log4shell_securityevent_xml_eventdata() {
    let Some(dir) = corpus("otrf-security-datasets/Log4Shell") else {
        return;
    };
    let path = dir.join(
        "securityauditing_log4shell_cve2021_44228_java_serialized_object_2022-05-13045400.json",
    );
    assert_detected(&path, "sentinel-securityevent");
    let got = read(&path);
    assert_eq!(got.len(), 39);
    assert_eq!(
        got[0],
        json!({"ts": "2022-05-13T08:54:05.210000Z", "ts_field": "TimeGenerated", "kind": "network",
               "action": "connection_allowed", "outcome": "success", "host": "WORKSTATION5",
               "user": null, "src_ip": "192.168.3.5", "dst_ip": "192.168.2.5",
               "process": "\\device\\harddiskvolume2\\programdata\\chocolatey\\lib\\tomcat\\tools\\apache-tomcat-9.0.62\\bin\\tomcat9.exe",
               "hash": null})
    );
    let created: Vec<&Value> = got
        .iter()
        .filter(|e| e["action"] == "process_created")
        .collect();
    assert_eq!(created.len(), 2);
}

#[test]
fn corpus_sentinel_portal_csv_export() {
    let Some(dir) = corpus("azure-sentinel-sample-data") else {
        return;
    };
    let path = dir.join("CrowdStrike_FalconHost_ASimAuditEvent_IngestedLogs.excerpt.csv");
    assert_detected(&path, "sentinel-commonsecuritylog");
    let all = events([path_arg(&path)]);
    assert_eq!(all.len(), 7);
    // rt (ReceiptTime, ms epoch) is the event time; `TimeGenerated [UTC]` only the ingest.
    for e in &all {
        assert_eq!(e["ts_field"], "ReceiptTime", "{e}");
        assert_eq!(e["ts_quality"], json!([]), "{e}");
    }
    let first = all
        .iter()
        .find(|e| e["action"] == "delete_report_execution")
        .unwrap();
    assert_eq!(
        pick(first, &["ts", "kind", "user", "severity", "process"]),
        json!({"ts": "2023-09-07T06:02:13.000000Z", "kind": "other", "user": "CrowdStrike",
               "severity": "low", "process": "scheduled_reports"})
    );
    let create = all
        .iter()
        .find(|e| e["action"] == "CreateAPIClient")
        .unwrap();
    assert_eq!(create["ts"], "2023-08-24T07:12:39.239000Z");
    assert_eq!(create["outcome"], "success");
}

#[test]
fn corpus_panther_graph_alerts_v2() {
    let Some(dir) = corpus("panther-analysis-test-events") else {
        return;
    };
    let path = dir.join("MicrosoftGraph.SecurityAlertV2.ndjson");
    assert_detected(&path, "mde-graph-alerts");
    let all = events([path_arg(&path)]);
    let got: Vec<Value> = all
        .iter()
        .map(|e| pick(e, &["ts", "kind", "action", "severity", "user", "src_ip"]))
        .collect();
    assert_eq!(
        got,
        vec![
            json!({"ts": "2026-04-01T14:31:48.438000Z", "kind": "finding", "action": "Anonymous IP address",
                   "severity": "medium", "user": "homer.simpson", "src_ip": "185.220.103.6"}),
            json!({"ts": "2026-04-02T09:28:04.767000Z", "kind": "finding", "action": "Password Spray",
                   "severity": "high", "user": "homer.simpson", "src_ip": null}),
            json!({"ts": "2026-04-03T19:54:13.725000Z", "kind": "finding", "action": "Anonymous IP address",
                   "severity": "high", "user": null, "src_ip": null}),
            // The resolved alert's status: a second event, at its last update.
            json!({"ts": "2026-04-03T19:56:57.833000Z", "kind": "incident_status", "action": "alert_resolved",
                   "severity": "high", "user": null, "src_ip": null}),
            json!({"ts": "2026-04-04T10:00:00.000000Z", "kind": "finding", "action": "Informational signal",
                   "severity": "info", "user": null, "src_ip": null}),
        ]
    );
}
