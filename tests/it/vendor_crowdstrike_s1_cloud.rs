//! Vendor profile tests (vendor_crowdstrike_s1_cloud): fixtures written from the vendors' documentation and the corpus
//! samples, read through `afterlog` as an analyst would.
//!
//! `fixtures/vendors/crowdstrike/`: a Falcon SIEM connector output file (pretty-printed
//! streaming API objects, concatenated) with a detection on WS-FIN-07, the analyst's sign-in,
//! the detection taken in progress, network containment requested and lifted for the device,
//! and the detection closed; beside it the same host's FDR sensor events (the process, its
//! connection, NetworkContainmentCompleted / NetworkUncontainmentCompleted) and its aidmaster
//! row. `fixtures/vendors/sentinelone/`: Cloud Funnel events of SRV-FILES-02 and one page of
//! the Activities API (threat, verdict, network disconnect and reconnect, kill, quarantine,
//! resolution). `fixtures/vendors/aws/`: one CloudTrail S3 delivery file (console sign-ins,
//! a backdoor user and key, the responder's key deactivations, login profile deletion, key and
//! user deletion, a password reset). `fixtures/vendors/okta/`: a System Log API response
//! (password spray, lockout, sign-in, ThreatInsight, the user's report, suspend, session clear,
//! password and factor reset, unsuspend). Their shapes follow the sources each profile's
//! `reference` names (CrowdStrike's streaming API samples as published by Elastic and
//! SumoLogic, the FDR data dictionary, SentinelOne's Cloud Funnel and Activities records as
//! Elastic and SEKOIA test them, the CloudTrail User Guide and IAM API reference, Okta's
//! LogEvent object); addresses are RFC 5737 or private, names and ids are invented.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

fn fixture(vendor: &str, name: &str) -> PathBuf {
    repo().join("fixtures/vendors").join(vendor).join(name)
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// What an event says: (ts, ts_field, kind, action, outcome, host, user, src_ip).
type Said = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn said(e: &Value) -> Said {
    let s = |k: &str| {
        e[k].as_str()
            .unwrap_or_else(|| panic!("{k} in {e}"))
            .to_string()
    };
    let o = |k: &str| e[k].as_str().map(str::to_string);
    (
        s("ts"),
        s("ts_field"),
        s("kind"),
        s("action"),
        s("outcome"),
        o("host"),
        o("user"),
        o("src_ip"),
    )
}

#[allow(clippy::too_many_arguments)]
fn want(
    ts: &str,
    ts_field: &str,
    kind: &str,
    action: &str,
    outcome: &str,
    host: Option<&str>,
    user: Option<&str>,
    src_ip: Option<&str>,
) -> Said {
    let o = |v: Option<&str>| v.map(str::to_string);
    (
        ts.into(),
        ts_field.into(),
        kind.into(),
        action.into(),
        outcome.into(),
        o(host),
        o(user),
        o(src_ip),
    )
}

/// `afterlog formats PATH` names `profile` with `why` after the grammar's sentence.
fn assert_detected(path: &Path, grammar: &str, profile: &str) {
    let out = stdout_of(["formats", arg(path)], 0);
    assert_eq!(
        out.trim_end(),
        format!("{}: {grammar}; profile {profile}", path.display()),
    );
}

/// The start of each phase of the only incident of `doc` (`None` for a phase without events).
fn phase_starts(doc: &Value) -> Vec<(String, Option<String>)> {
    let incidents = doc["incidents"].as_array().expect("incidents");
    assert_eq!(incidents.len(), 1, "{incidents:?}");
    let phases = incidents[0]["phases"].as_object().expect("phases");
    [
        "compromise",
        "detection",
        "triage",
        "containment",
        "eradication",
        "recovery",
        "resolution",
    ]
    .iter()
    .map(|p| {
        (
            p.to_string(),
            phases[*p]["start"].as_str().map(str::to_string),
        )
    })
    .collect()
}

fn starts(list: [(&str, Option<&str>); 7]) -> Vec<(String, Option<String>)> {
    list.iter()
        .map(|(p, t)| (p.to_string(), t.map(str::to_string)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// CrowdStrike

#[test]
fn crowdstrike_files_name_their_profiles() {
    assert_detected(
        &fixture("crowdstrike", "falcon-siem-connector-output.json"),
        "json — 6 of the first 6 elements of concatenated multi-line objects are JSON objects",
        "crowdstrike-streaming (CrowdStrike Falcon streaming API / SIEM connector events \
         (detections, audit events)): 6 of 6 records have metadata.eventtype, \
         metadata.eventcreationtime",
    );
    assert_detected(
        &fixture("crowdstrike", "fdr-sensor-events.ndjson"),
        "ndjson — 4 of the first 4 records read as ndjson (one JSON object per line)",
        "crowdstrike-fdr (CrowdStrike Falcon Data Replicator (FDR) sensor events): 4 of 4 \
         records have event_simplename, aid",
    );
    assert_detected(
        &fixture("crowdstrike", "fdr-aidmaster.ndjson"),
        "ndjson — 1 of the first 1 records read as ndjson (one JSON object per line)",
        "crowdstrike-aidmaster (CrowdStrike FDR aidmaster (sensor inventory)): 1 of 1 records \
         have aid, computername, no event_simplename, no metadata.eventtype",
    );
}

#[test]
fn crowdstrike_stream_and_fdr_events() {
    let dir = repo().join("fixtures/vendors/crowdstrike");
    let evs = events([arg(&dir)]);
    let got: Vec<Said> = evs.iter().map(said).collect();
    let host = Some("WS-FIN-07");
    let analyst = Some("mnovak@example.com");
    let console = Some("198.51.100.14");
    assert_eq!(
        got,
        vec![
            // FDR: sensor time ContextTimeStamp; the host from the aidmaster row.
            want(
                "2026-04-14T08:12:03.412000Z",
                "ContextTimeStamp",
                "process",
                "process_created",
                "unknown",
                host,
                None,
                None
            ),
            want(
                "2026-04-14T08:12:04.006000Z",
                "ContextTimeStamp",
                "network",
                "network_connection",
                "unknown",
                host,
                None,
                Some("10.40.12.57")
            ),
            // The detection: raised at metadata.eventCreationTime (ms), not at the process start.
            want(
                "2026-04-14T08:12:05.300000Z",
                "metadata.eventCreationTime",
                "finding",
                "detection",
                "unknown",
                host,
                Some("akowalski"),
                Some("10.40.12.57")
            ),
            // Audit events at UTCTimestamp: seconds here ...
            want(
                "2026-04-14T08:31:40.000000Z",
                "event.UTCTimestamp",
                "authentication",
                "logon",
                "success",
                None,
                analyst,
                console
            ),
            want(
                "2026-04-14T08:34:10.000000Z",
                "event.UTCTimestamp",
                "incident_status",
                "in_progress",
                "unknown",
                host,
                analyst,
                console
            ),
            // ... milliseconds here.
            want(
                "2026-04-14T08:41:22.517000Z",
                "event.UTCTimestamp",
                "remediation",
                "containment_requested",
                "unknown",
                host,
                analyst,
                console
            ),
            want(
                "2026-04-14T08:41:31.904000Z",
                "ContextTimeStamp",
                "remediation",
                "host_contained",
                "success",
                host,
                None,
                None
            ),
            want(
                "2026-04-14T11:05:00.220000Z",
                "event.UTCTimestamp",
                "remediation",
                "containment_lifted",
                "unknown",
                host,
                analyst,
                console
            ),
            want(
                "2026-04-14T11:05:09.615000Z",
                "ContextTimeStamp",
                "remediation",
                "host_uncontained",
                "success",
                host,
                None,
                None
            ),
            want(
                "2026-04-14T11:20:47.000000Z",
                "event.UTCTimestamp",
                "incident_status",
                "closed",
                "unknown",
                host,
                analyst,
                console
            ),
        ]
    );
    let det = &evs[2];
    assert_eq!(det["severity"], "high");
    assert_eq!(det["process"], "powershell.exe");
    assert_eq!(
        det["hash"],
        "de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c"
    );
    assert_eq!(
        det["summary"],
        "Alert \"Suspicious PowerShell download cradle\" on WS-FIN-07 by akowalski"
    );
    // Tactic and technique stay in the event's source fields.
    assert_eq!(det["fields"]["event.Tactic"], "Execution");
    assert_eq!(det["fields"]["event.Technique"], "PowerShell");
    assert!(evs.iter().all(|e| e["ts_quality"] == serde_json::json!([])));
}

#[test]
fn crowdstrike_containment_names_the_device_through_the_detection() {
    let stream = fixture("crowdstrike", "falcon-siem-connector-output.json");
    let evs = events([arg(&stream)]);
    let requested = evs
        .iter()
        .find(|e| e["action"] == "containment_requested")
        .expect("containment_requested");
    // device_id 8e2a4f1c… is the detection's SensorId: the same file names it.
    assert_eq!(requested["host"], "WS-FIN-07");
    assert_eq!(
        requested["fields"]["event.AuditKeyValues.ValueString"],
        "8e2a4f1c9b3d4e6fa1b2c3d4e5f60718"
    );
    // The audit record alone names no host: the name comes from the lookup table only.
    let text = std::fs::read_to_string(&stream).unwrap();
    let start = text.find("{\n    \"metadata\": {\n        \"customerIDString\": \"c0ffee00c0ffee00c0ffee00c0ffee00\",\n        \"offset\": 90211").unwrap();
    let end = start + text[start..].find("\n}\n").unwrap() + 2;
    let dir = TestDir::new("cs-containment-alone");
    let alone = dir.write("containment.json", &text[start..end]);
    let evs = events([arg(&alone)]);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["action"], "containment_requested");
    assert_eq!(evs[0]["host"], Value::Null);
}

#[test]
fn crowdstrike_timeline_phases() {
    let dir = repo().join("fixtures/vendors/crowdstrike");
    let doc = timeline([arg(&dir)]);
    assert_reconciled(&doc);
    assert_eq!(
        phase_starts(&doc),
        starts([
            // The PowerShell the detection is about (FDR line 1, spawned by WINWORD.EXE): the
            // attacker's first activity in these exports.
            ("compromise", Some("2026-04-14T08:12:03.412000Z")),
            ("detection", Some("2026-04-14T08:12:05.300000Z")),
            ("triage", Some("2026-04-14T08:34:10.000000Z")),
            ("containment", Some("2026-04-14T08:41:22.517000Z")),
            ("eradication", None),
            ("recovery", Some("2026-04-14T11:05:00.220000Z")),
            ("resolution", Some("2026-04-14T11:20:47.000000Z")),
        ])
    );
    let inc = &doc["incidents"][0];
    assert_eq!(inc["severity"], "high");
    // The sensor's containment completes 9 s after the request: the phase spans both.
    assert_eq!(
        inc["phases"]["containment"]["end"],
        "2026-04-14T08:41:31.904000Z"
    );
    assert_eq!(inc["metrics"]["time_to_triage_s"], 1324);
    assert_eq!(inc["metrics"]["time_to_contain_s"], 1757);
    assert_eq!(inc["metrics"]["time_to_resolve_s"], 11321);
}

// ---------------------------------------------------------------------------------------------
// SentinelOne

#[test]
fn sentinelone_files_name_their_profiles() {
    assert_detected(
        &fixture("sentinelone", "cloud-funnel-events.ndjson"),
        "ndjson — 6 of the first 6 records read as ndjson (one JSON object per line)",
        "sentinelone-dv (SentinelOne Deep Visibility / Cloud Funnel (Singularity Data Lake) \
         endpoint events): 6 of 6 records have meta.event.name, event.type",
    );
    assert_detected(
        &fixture("sentinelone", "activities-api-page.json"),
        "json — 11 of the first 11 elements of a wrapper object's array are JSON objects",
        "sentinelone-activities (SentinelOne Management console Activities (API \
         /web/api/v2.1/activities)): 11 of 11 records have activitytype, createdat",
    );
}

#[test]
fn sentinelone_deep_visibility_events() {
    let path = fixture("sentinelone", "cloud-funnel-events.ndjson");
    let evs = events([arg(&path)]);
    let got: Vec<Said> = evs.iter().map(said).collect();
    let host = Some("SRV-FILES-02");
    let admin = Some("CORP\\administrator");
    // event.time (ms) is the time; `timestamp` ("09:01:58.330") is a time of day only.
    assert_eq!(
        got,
        vec![
            want(
                "2026-04-15T09:01:58.330000Z",
                "event.time",
                "authentication",
                "logon_failed",
                "failure",
                host,
                Some("administrator"),
                Some("10.40.12.57")
            ),
            want(
                "2026-04-15T09:02:11.020000Z",
                "event.time",
                "authentication",
                "logon",
                "success",
                host,
                Some("administrator"),
                Some("10.40.12.57")
            ),
            want(
                "2026-04-15T09:03:12.804000Z",
                "event.time",
                "file",
                "file_created",
                "unknown",
                host,
                admin,
                None
            ),
            want(
                "2026-04-15T09:03:40.512000Z",
                "event.time",
                "process",
                "process_created",
                "unknown",
                host,
                admin,
                None
            ),
            want(
                "2026-04-15T09:03:41.090000Z",
                "event.time",
                "network",
                "dns_query",
                "unknown",
                host,
                admin,
                None
            ),
            want(
                "2026-04-15T09:03:41.377000Z",
                "event.time",
                "network",
                "network_connection",
                "unknown",
                host,
                admin,
                Some("10.40.20.11")
            ),
        ]
    );
    // The created process is the target process; the file's creator the source process.
    assert_eq!(
        evs[3]["process"],
        "C:\\ProgramData\\Microsoft\\Crypto\\updsvc.exe"
    );
    assert_eq!(
        evs[3]["hash"],
        "5f2b7c1e9a0d3e4f8b6a7c5d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f"
    );
    assert_eq!(
        evs[2]["process"],
        "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
    );
    assert_eq!(evs[5]["dst_ip"], "203.0.113.45");
    assert!(evs.iter().all(|e| e["ts_quality"] == serde_json::json!([])));
}

#[test]
fn sentinelone_activities() {
    let path = fixture("sentinelone", "activities-api-page.json");
    let evs = events([arg(&path)]);
    let got: Vec<Said> = evs.iter().map(said).collect();
    let host = Some("SRV-FILES-02");
    let ito = Some("Sora Ito");
    let t = "createdAt";
    assert_eq!(
        got,
        vec![
            want(
                "2026-04-15T09:06:10.448120Z",
                t,
                "finding",
                "threat_detected",
                "unknown",
                host,
                Some("CORP\\administrator"),
                None
            ),
            want(
                "2026-04-15T09:08:30.017443Z",
                t,
                "authentication",
                "logon",
                "success",
                None,
                ito,
                Some("192.0.2.30")
            ),
            want(
                "2026-04-15T09:12:02.730118Z",
                t,
                "incident_status",
                "verdict_true_positive",
                "unknown",
                host,
                ito,
                None
            ),
            want(
                "2026-04-15T09:14:40.902551Z",
                t,
                "remediation",
                "containment_requested",
                "unknown",
                host,
                ito,
                None
            ),
            want(
                "2026-04-15T09:14:52.120331Z",
                t,
                "remediation",
                "host_isolated",
                "success",
                host,
                None,
                None
            ),
            // Activity 2014: the quarantine command, a request to eradicate.
            want(
                "2026-04-15T09:20:05.377290Z",
                t,
                "remediation",
                "quarantine_requested",
                "unknown",
                host,
                ito,
                None
            ),
            want(
                "2026-04-15T09:20:07.450612Z",
                t,
                "remediation",
                "process_killed",
                "success",
                host,
                None,
                None
            ),
            want(
                "2026-04-15T09:20:08.378001Z",
                t,
                "remediation",
                "file_quarantined",
                "success",
                host,
                None,
                None
            ),
            want(
                "2026-04-15T13:39:51.006223Z",
                t,
                "remediation",
                "containment_lifted",
                "unknown",
                host,
                ito,
                None
            ),
            want(
                "2026-04-15T13:40:03.551002Z",
                t,
                "remediation",
                "host_unisolated",
                "success",
                host,
                None,
                None
            ),
            want(
                "2026-04-15T13:58:44.210876Z",
                t,
                "incident_status",
                "resolved",
                "unknown",
                host,
                ito,
                None
            ),
        ]
    );
    assert_eq!(evs[0]["severity"], "high");
    assert_eq!(evs[0]["hash"], "3c6e1d8f0a2b4c5d6e7f8091a2b3c4d5e6f70819");
}

#[test]
fn sentinelone_timeline_phases() {
    let dir = repo().join("fixtures/vendors/sentinelone");
    let doc = timeline([arg(&dir)]);
    assert_reconciled(&doc);
    assert_eq!(
        phase_starts(&doc),
        starts([
            // The network logon of CORP\administrator from 10.40.12.57 that the threat's process ran in
            // (Cloud Funnel line 2): the session the detected program came from.
            ("compromise", Some("2026-04-15T09:02:11.020000Z")),
            ("detection", Some("2026-04-15T09:06:10.448120Z")),
            ("triage", Some("2026-04-15T09:12:02.730118Z")),
            ("containment", Some("2026-04-15T09:14:40.902551Z")),
            // The quarantine command (a request marks the phase; done at 09:20:08.378001).
            ("eradication", Some("2026-04-15T09:20:05.377290Z")),
            ("recovery", Some("2026-04-15T13:39:51.006223Z")),
            ("resolution", Some("2026-04-15T13:58:44.210876Z")),
        ])
    );
}

// ---------------------------------------------------------------------------------------------
// AWS CloudTrail

#[test]
fn cloudtrail_delivery_file() {
    let path = fixture(
        "aws",
        "123456789012_CloudTrail_us-east-1_20260416T0920Z_r8Kd2Qm5Xv0pLs3T.json",
    );
    assert_detected(
        &path,
        "json — 17 of the first 17 elements of a wrapper object's array are JSON objects",
        "aws-cloudtrail (AWS CloudTrail management events (S3 delivery {\"Records\":[...]}, \
         CloudWatch Logs / Lake / SIEM exports one per line)): 17 of 17 records have \
         eventsource, eventname",
    );
    let evs = events([arg(&path)]);
    let got: Vec<Said> = evs.iter().map(said).collect();
    let t = "eventTime";
    let attacker = Some("198.51.100.23");
    let responder = Some("192.0.2.15");
    let devci = Some("dev-ci");
    let backdoor = Some("svc-backup2");
    let w = |ts: &str, kind: &str, action: &str, outcome: &str, user, ip| {
        want(ts, t, kind, action, outcome, None, user, ip)
    };
    assert_eq!(
        got,
        vec![
            w(
                "2026-04-16T06:57:41.000000Z",
                "authentication",
                "logon_failed",
                "failure",
                devci,
                attacker
            ),
            w(
                "2026-04-16T06:58:02.000000Z",
                "authentication",
                "logon_failed",
                "failure",
                devci,
                attacker
            ),
            w(
                "2026-04-16T06:59:15.000000Z",
                "authentication",
                "logon",
                "success",
                devci,
                attacker
            ),
            w(
                "2026-04-16T07:01:10.000000Z",
                "other",
                "GetCallerIdentity",
                "success",
                devci,
                attacker
            ),
            // Account changes name the account acted on.
            w(
                "2026-04-16T07:02:05.000000Z",
                "account_change",
                "user_created",
                "success",
                backdoor,
                attacker
            ),
            w(
                "2026-04-16T07:02:31.000000Z",
                "account_change",
                "access_key_created",
                "success",
                backdoor,
                attacker
            ),
            w(
                "2026-04-16T07:02:58.000000Z",
                "account_change",
                "user_policy_attached",
                "success",
                backdoor,
                attacker
            ),
            // errorCode: a failure.
            w(
                "2026-04-16T07:04:40.000000Z",
                "config_change",
                "StopLogging",
                "failure",
                devci,
                attacker
            ),
            // sourceIPAddress is a service name: no address.
            w(
                "2026-04-16T07:05:12.000000Z",
                "authentication",
                "AssumeRole",
                "success",
                None,
                None
            ),
            // The responder's actions.
            w(
                "2026-04-16T07:31:09.000000Z",
                "remediation",
                "account_disabled",
                "success",
                devci,
                responder
            ),
            w(
                "2026-04-16T07:31:40.000000Z",
                "remediation",
                "account_disabled",
                "success",
                devci,
                responder
            ),
            w(
                "2026-04-16T07:33:02.000000Z",
                "remediation",
                "account_disabled",
                "success",
                backdoor,
                responder
            ),
            w(
                "2026-04-16T07:40:18.000000Z",
                "remediation",
                "credentials_reset",
                "success",
                backdoor,
                responder
            ),
            w(
                "2026-04-16T07:40:50.000000Z",
                "account_change",
                "user_policy_detached",
                "success",
                backdoor,
                responder
            ),
            w(
                "2026-04-16T07:41:05.000000Z",
                "account_change",
                "user_deleted",
                "success",
                backdoor,
                responder
            ),
            w(
                "2026-04-16T08:02:10.000000Z",
                "account_change",
                "password_reset",
                "success",
                Some("ops-admin"),
                responder
            ),
            w(
                "2026-04-16T09:16:10.000000Z",
                "account_change",
                "login_profile_created",
                "success",
                devci,
                responder
            ),
        ]
    );
    assert_eq!(
        evs[9]["summary"],
        "account_disabled by dev-ci (UpdateAccessKey)"
    );
    assert_eq!(
        evs[10]["summary"],
        "account_disabled by dev-ci (DeleteLoginProfile)"
    );
    assert!(evs.iter().all(|e| e["ts_quality"] == serde_json::json!([])));
}

// ---------------------------------------------------------------------------------------------
// Okta

#[test]
fn okta_system_log() {
    let path = fixture("okta", "system-log-api-response.json");
    assert_detected(
        &path,
        "json — 14 of the first 14 elements of a top-level array are JSON objects",
        "okta-system-log (Okta System Log (API /api/v1/logs: a JSON array, or its items one \
         per line)): 14 of 14 records have eventtype, actor.alternateid",
    );
    let evs = events([arg(&path)]);
    let got: Vec<Said> = evs.iter().map(said).collect();
    let t = "published";
    let spray = Some("198.51.100.77");
    let admin_ip = Some("192.0.2.30");
    let jdoe = Some("jdoe@example.com");
    let w = |ts: &str, kind: &str, action: &str, outcome: &str, user, ip| {
        want(ts, t, kind, action, outcome, None, user, ip)
    };
    assert_eq!(
        got,
        vec![
            w(
                "2026-04-17T05:40:12.331000Z",
                "authentication",
                "logon_failed",
                "failure",
                jdoe,
                spray
            ),
            w(
                "2026-04-17T05:40:58.904000Z",
                "authentication",
                "logon_failed",
                "failure",
                Some("mlee@example.com"),
                spray
            ),
            w(
                "2026-04-17T05:41:08.117000Z",
                "authentication",
                "logon_failed",
                "failure",
                jdoe,
                spray
            ),
            // A lockout by the sign-on policy marks no phase.
            w(
                "2026-04-17T05:42:30.052000Z",
                "account_change",
                "account_locked_out",
                "failure",
                Some("mlee@example.com"),
                spray
            ),
            w(
                "2026-04-17T05:43:01.640000Z",
                "authentication",
                "logon",
                "success",
                jdoe,
                spray
            ),
            w(
                "2026-04-17T05:43:05.218000Z",
                "authentication",
                "user.authentication.auth_via_mfa",
                "success",
                jdoe,
                spray
            ),
            w(
                "2026-04-17T05:44:30.000000Z",
                "finding",
                "threat_detected",
                "failure",
                Some("unknown"),
                spray
            ),
            // The user's report is about the reported sign-in's address, not the reporter's.
            w(
                "2026-04-17T05:51:27.604000Z",
                "finding",
                "suspicious_activity_reported",
                "success",
                jdoe,
                spray
            ),
            // Actions on a user name the user (the target), not the admin.
            w(
                "2026-04-17T06:02:55.410000Z",
                "remediation",
                "account_disabled",
                "success",
                jdoe,
                admin_ip
            ),
            w(
                "2026-04-17T06:03:20.775000Z",
                "remediation",
                "session_killed",
                "success",
                jdoe,
                admin_ip
            ),
            w(
                "2026-04-17T06:10:12.003000Z",
                "remediation",
                "password_reset",
                "success",
                jdoe,
                admin_ip
            ),
            w(
                "2026-04-17T06:10:40.519000Z",
                "remediation",
                "password_reset",
                "success",
                jdoe,
                admin_ip
            ),
            w(
                "2026-04-17T06:25:00.882000Z",
                "remediation",
                "account_enabled",
                "success",
                jdoe,
                admin_ip
            ),
            w(
                "2026-04-17T06:31:14.306000Z",
                "authentication",
                "logon",
                "success",
                jdoe,
                Some("192.0.2.44")
            ),
        ]
    );
    assert_eq!(evs[0]["severity"], "medium");
    assert_eq!(
        evs[6]["summary"],
        "Alert \"Password Spray, Login failures with high unknown users count\" by unknown"
    );
}

#[test]
fn okta_timeline_phases() {
    let path = fixture("okta", "system-log-api-response.json");
    let doc = timeline([arg(&path)]);
    assert_reconciled(&doc);
    assert_eq!(
        phase_starts(&doc),
        starts([
            ("compromise", Some("2026-04-17T05:40:12.331000Z")),
            ("detection", Some("2026-04-17T05:44:30.000000Z")),
            ("triage", None),
            ("containment", Some("2026-04-17T06:02:55.410000Z")),
            ("eradication", Some("2026-04-17T06:10:12.003000Z")),
            ("recovery", Some("2026-04-17T06:25:00.882000Z")),
            ("resolution", None),
        ])
    );
}

// ---------------------------------------------------------------------------------------------
// Corpus samples, recognized without --format

const CLOUDTRAIL: &str = "aws-cloudtrail (AWS CloudTrail management events (S3 delivery \
     {\"Records\":[...]}, CloudWatch Logs / Lake / SIEM exports one per line))";

/// The input's `detected_by` names `profile` and says which fields its records have (how many
/// records were sampled is detection's business, not the profile's).
fn assert_profile(path: &Path, profile: &str, have: &str) {
    let doc = timeline([arg(path)]);
    assert_reconciled(&doc);
    let why = doc["inputs"][0]["detected_by"]
        .as_str()
        .expect("detected_by");
    let named = why
        .split("; ")
        .find(|s| s.starts_with(&format!("profile {profile}: ")))
        .unwrap_or_else(|| panic!("profile {profile} in {why}"));
    assert!(named.ends_with(have), "{named}");
}

#[test]
fn corpus_panther_crowdstrike_event_streams() {
    let Some(dir) = corpus("panther-analysis-test-events") else {
        return;
    };
    let path = dir.join("Crowdstrike.EventStreams.ndjson");
    assert_profile(
        &path,
        "crowdstrike-streaming (CrowdStrike Falcon streaming API / SIEM connector events \
         (detections, audit events))",
        "records have metadata.eventtype, metadata.eventcreationtime",
    );
    let evs = events([arg(&path)]);
    assert_eq!(evs.len(), 36);
    // Panther's zone-less renderings of UTCTimestamp are UTC.
    let failed = evs
        .iter()
        .find(|e| e["action"] == "password_change_failed")
        .expect("the unsuccessful password change");
    assert_eq!(failed["ts"], "2024-07-22T16:15:36.535000Z");
    assert_eq!(failed["ts_quality"], serde_json::json!([]));
    assert_eq!(failed["outcome"], "failure");
    assert_eq!(failed["user"], "peregrin.took@hobbiton.co");
    let crit = evs
        .iter()
        .filter(|e| e["kind"] == "finding")
        .map(|e| e["severity"].as_str().unwrap_or("-"))
        .collect::<Vec<_>>();
    assert_eq!(crit, ["info", "low", "medium", "high", "critical"]);
}

#[test]
fn corpus_panther_sentinelone_activities() {
    let Some(dir) = corpus("panther-analysis-test-events") else {
        return;
    };
    let path = dir.join("SentinelOne.Activity.ndjson");
    assert_profile(
        &path,
        "sentinelone-activities (SentinelOne Management console Activities (API \
         /web/api/v2.1/activities))",
        "records have activitytype, createdat",
    );
    let evs = events([arg(&path)]);
    let findings: Vec<(&str, &str, &str)> = evs
        .iter()
        .filter(|e| e["kind"] == "finding")
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["severity"].as_str().unwrap_or("-"),
                e["host"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(findings.len(), 9, "{findings:?}");
    assert!(findings.contains(&("threat_detected", "high", "BobsPC")));
    assert!(findings.contains(&("threat_detected", "medium", "EvePC")));
    assert!(findings.contains(&("alert", "critical", "-")));
}

#[test]
fn corpus_panther_cloudtrail_and_okta() {
    let Some(dir) = corpus("panther-analysis-test-events") else {
        return;
    };
    let ct = dir.join("AWS.CloudTrail.ndjson");
    assert_profile(&ct, CLOUDTRAIL, "records have eventsource, eventname");
    let evs = events([arg(&ct)]);
    let cloudtrail = |action: &str| {
        evs.iter()
            .filter(|e| e["ts_field"] == "eventTime" && e["action"] == action)
            .count()
    };
    // The corpus file mixes other log types; its CloudTrail records are read by the profile.
    assert_eq!(cloudtrail("logon_failed"), 5);
    assert_eq!(cloudtrail("logon"), 22);
    assert_eq!(cloudtrail("password_reset"), 5);
    let okta = dir.join("Okta.SystemLog.ndjson");
    assert_profile(
        &okta,
        "okta-system-log (Okta System Log (API /api/v1/logs: a JSON array, or its items one \
         per line))",
        "records have eventtype, actor.alternateid",
    );
    let evs = events([arg(&okta)]);
    let lock = evs
        .iter()
        .find(|e| e["action"] == "account_locked_out")
        .expect("user.account.lock");
    assert_eq!(lock["ts"], "2022-11-22T18:48:49.177000Z");
    assert_eq!(lock["user"], "homer.simpson@duff.com");
    assert_eq!(lock["kind"], "account_change");
}

#[test]
fn corpus_otrf_cloudtrail_through_logstash() {
    let Some(dir) = corpus("otrf-security-datasets/aws") else {
        return;
    };
    let path = dir.join("ec2_proxy_s3_exfiltration_2020-09-14011940.json");
    assert_profile(&path, CLOUDTRAIL, "records have eventsource, eventname");
    let evs = events([arg(&path)]);
    assert_eq!(evs.len(), 103);
    // Logstash replaced eventTime with @timestamp: flagged as a possible ingest time.
    assert!(evs
        .iter()
        .all(|e| e["ts_field"] == "@timestamp"
            && e["ts_quality"] == serde_json::json!(["ingest_time"])));
    let assume: Vec<&Value> = evs.iter().filter(|e| e["action"] == "AssumeRole").collect();
    assert_eq!(assume.len(), 5);
    assert!(assume
        .iter()
        .all(|e| e["src_ip"].is_null() && e["kind"] == "authentication"));
    let s3 = evs
        .iter()
        .find(|e| e["action"] == "GetObject")
        .expect("GetObject");
    assert_eq!(s3["src_ip"], "1.2.3.4");
}

/// A cloud account taken over: the attacker's sign-in names no host, yet it opens their
/// session, so the account's suspension 20 minutes after the ThreatInsight finding (which
/// names only the address) is the incident's containment. The user's own sign-in the day
/// before is not the compromise.
#[test]
fn okta_takeover_without_hosts_is_contained_by_the_suspension() {
    let dir = TestDir::new("okta-cloud");
    let rec = |t: &str, etype: &str, actor: &str, ip: &str, result: &str, target: &str| {
        format!(
            "{{\"uuid\":\"{t}\",\"published\":\"{t}\",\"eventType\":\"{etype}\",\"severity\":\"INFO\",\
             \"displayMessage\":\"{etype}\",\"actor\":{{\"id\":\"00u1\",\"type\":\"User\",\"alternateId\":\"{actor}\",\"displayName\":\"{actor}\"}},\
             \"client\":{{\"ipAddress\":\"{ip}\",\"userAgent\":{{\"rawUserAgent\":\"Mozilla/5.0\"}},\"device\":\"Computer\"}},\
             \"outcome\":{{\"result\":\"{result}\"}},\"target\":[{target}]}}\n"
        )
    };
    let jdoe = r#"{"id":"00u8d7e6f5g4h3i2j1k0","type":"User","alternateId":"jdoe@example.com","displayName":"Jane Doe"}"#;
    let app = r#"{"id":"0oa1","type":"AppInstance","alternateId":"Salesforce","displayName":"Salesforce"}"#;
    let mut log = String::new();
    log += &rec(
        "2026-04-16T08:02:11.000Z",
        "user.session.start",
        "jdoe@example.com",
        "10.1.2.3",
        "SUCCESS",
        "",
    );
    log += &rec(
        "2026-04-17T05:40:12.331Z",
        "user.session.start",
        "jdoe@example.com",
        "198.51.100.77",
        "FAILURE",
        "",
    );
    log += &rec(
        "2026-04-17T05:41:00.000Z",
        "user.session.start",
        "jdoe@example.com",
        "198.51.100.77",
        "SUCCESS",
        "",
    );
    log += &rec(
        "2026-04-17T05:43:10.000Z",
        "user.authentication.sso",
        "jdoe@example.com",
        "198.51.100.77",
        "SUCCESS",
        app,
    );
    log += "{\"uuid\":\"t1\",\"published\":\"2026-04-17T05:50:00.000Z\",\"eventType\":\"security.threat.detected\",\
            \"displayMessage\":\"Request from suspicious actor\",\"severity\":\"WARN\",\
            \"actor\":{\"id\":\"unknown\",\"type\":\"unknown\",\"alternateId\":\"unknown\",\"displayName\":\"unknown\"},\
            \"client\":{\"ipAddress\":\"198.51.100.77\"},\"outcome\":{\"result\":\"DENY\",\"reason\":\"Password Spray\"},\"target\":[]}\n";
    log += &rec(
        "2026-04-17T06:10:00.000Z",
        "user.lifecycle.suspend",
        "admin@example.com",
        "10.0.0.5",
        "SUCCESS",
        jdoe,
    );
    let path = dir.write("okta.ndjson", log);
    let doc = timeline([path.to_str().unwrap()]);
    let incidents = doc["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1);
    let inc = &incidents[0];
    let start = |p: &str| inc["phases"][p]["start"].as_str().map(str::to_string);
    assert_eq!(
        start("compromise").as_deref(),
        Some("2026-04-17T05:40:12.331000Z")
    );
    assert_eq!(
        start("detection").as_deref(),
        Some("2026-04-17T05:50:00.000000Z")
    );
    assert_eq!(
        start("containment").as_deref(),
        Some("2026-04-17T06:10:00.000000Z")
    );
    assert_eq!(inc["metrics"]["time_to_contain_s"], 1200);
    assert_eq!(inc["scope"]["users"], serde_json::json!(["jdoe"]));
    assert_eq!(inc["scope"]["hosts"], serde_json::json!([]));
    assert_eq!(inc["scope"]["ips"], serde_json::json!(["198.51.100.77"]));
    let hops: Vec<&str> = inc["attack_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["why"].as_str().unwrap())
        .collect();
    assert_eq!(
        hops[1],
        "jdoe signed in from the attacker's address 198.51.100.77 (a cloud or identity-provider \
         sign-in, no host): the session the rest of the attack came from"
    );
    assert_eq!(
        hops.len(),
        3,
        "one session, however many app sign-ins follow: {hops:?}"
    );
    assert!(
        inc["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["ts"].as_str().unwrap() >= "2026-04-17"),
        "the user's own sign-in the day before stays out"
    );
}

/// Panther's flattened CrowdStrike detection summaries (no streaming envelope; one of them
/// carries the detection under `event` beside the sensor's aid) are findings on their hosts;
/// the third record, a negative test with no time at all, is a located rejection.
#[test]
fn corpus_panther_flat_detection_summaries_are_findings() {
    let Some(dir) = corpus("panther-analysis-test-events") else {
        return;
    };
    let path = dir.join("Crowdstrike.DetectionSummary.ndjson");
    let p = path.to_str().unwrap();
    let out = stdout_of(["formats", p], 0);
    assert!(
        out.contains(
            "profile crowdstrike-detection-summary (CrowdStrike Falcon detection summaries"
        ),
        "{out}"
    );
    let evs = events([p]);
    assert_eq!(evs.len(), 2);
    assert_eq!(evs[0]["ts"], "2021-03-24T18:19:49.000000Z");
    assert_eq!(evs[0]["kind"], "finding");
    assert_eq!(evs[0]["host"], "hostname.lan");
    assert_eq!(evs[0]["process"], "echo");
    assert_eq!(evs[0]["evidence"][0]["line"], 2);
    assert_eq!(evs[1]["ts"], "2021-09-18T20:38:52.000000Z");
    assert_eq!(evs[1]["ts_field"], "UTCTimestamp");
    assert_eq!(evs[1]["severity"], "low");
    assert_eq!(evs[1]["host"], "macbook");
    assert_eq!(evs[1]["user"], "bobert");
    let doc = timeline([p]);
    assert_eq!(doc["inputs"][0]["rejected"], 1);
    assert_eq!(doc["inputs"][0]["rejects"][0]["line"], 3);
}
