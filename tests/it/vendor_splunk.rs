//! Vendor profile tests (vendor_splunk): fixtures written from the vendors' documentation and the corpus
//! samples, read through `afterlog` as an analyst would.
//!
//! `fixtures/vendors/splunk/`: an Enterprise Security notable's Incident Review history
//! (New → In Progress → Resolved, and an unrelated New notable) as a JSON export stream and as
//! a CSV export, a REST JSON export stream of events (preview rows, final rows, the bare last
//! row) and a Splunk Web CSV export of events with CIM fields.

use std::path::PathBuf;

use serde_json::Value;

use crate::util::*;

fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures/vendors/splunk").join(name)
}

fn arg(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

/// What an event says: (ts, kind, action, outcome, host, user, src_ip, dst_ip).
type Said = (
    String,
    String,
    String,
    String,
    Option<String>,
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
        s("kind"),
        s("action"),
        s("outcome"),
        o("host"),
        o("user"),
        o("src_ip"),
        o("dst_ip"),
    )
}

#[allow(clippy::too_many_arguments)]
fn want(
    ts: &str,
    kind: &str,
    action: &str,
    outcome: &str,
    host: Option<&str>,
    user: Option<&str>,
    src_ip: Option<&str>,
    dst_ip: Option<&str>,
) -> Said {
    let o = |v: Option<&str>| v.map(str::to_string);
    (
        ts.into(),
        kind.into(),
        action.into(),
        outcome.into(),
        o(host),
        o(user),
        o(src_ip),
        o(dst_ip),
    )
}

fn lines(evs: &[Value]) -> Vec<u64> {
    evs.iter()
        .map(|e| e["evidence"][0]["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn formats_names_each_splunk_profile() {
    let cases = [
        (
            "es-notable-history.json",
            ": ndjson — 5 of the first 5 records read as ndjson (one JSON object per line); \
             profile splunk-es-notable (Splunk Enterprise Security notables and their Incident \
             Review history, JSON export rows): 4 of 5 records have result.rule_name, \
             result.status_label; profile splunk-json-export (Splunk Search export as a JSON \
             stream (REST search/jobs/export, output_mode=json)): 5 of 5 records have preview",
        ),
        (
            "es-notable-history.csv",
            ": csv — a header row of 15 columns and 4 of the next 4 rows read as events; \
             profile splunk-es-notable-csv (Splunk Enterprise Security notables and their \
             Incident Review history, CSV export): 4 of 4 records have rule_name, status_label",
        ),
        (
            "search-export.json",
            ": ndjson — 8 of the first 8 records read as ndjson (one JSON object per line); \
             profile splunk-json-export (Splunk Search export as a JSON stream (REST \
             search/jobs/export, output_mode=json)): 8 of 8 records have preview",
        ),
        (
            "search-export.csv",
            ": csv — a header row of 14 columns and 4 of the next 4 rows read as events; \
             profile splunk-csv-export (Splunk Search export of events as CSV (Splunk Web \
             Export, REST output_mode=csv)): 4 of 4 records have _time, _raw, no rule_name",
        ),
    ];
    for (name, says) in cases {
        let path = fixture(name);
        let out = stdout_of(["formats", arg(&path)], 0);
        assert_eq!(
            out.trim_end(),
            format!("{}{says}", path.display()),
            "{name}"
        );
        let doc = timeline([arg(&path)]);
        let (format, detected_by) = says.split_once(" — ").unwrap();
        assert_eq!(
            format!(": {}", doc["inputs"][0]["format"].as_str().unwrap()),
            format
        );
        assert_eq!(doc["inputs"][0]["detected_by"], detected_by, "{name}");
    }
}

#[test]
fn json_export_skips_preview_rows_and_the_bare_last_row() {
    let path = fixture("search-export.json");
    let doc = timeline([arg(&path)]);
    assert_reconciled(&doc);
    let input = &doc["inputs"][0];
    assert_eq!(input["format"], "ndjson");
    assert_eq!(input["records"], 8);
    assert_eq!(input["events"], 5);
    assert_eq!(input["rejected"], 0);
    assert_eq!(input["skipped"], 3);
    assert_eq!(
        input["skip_reasons"],
        serde_json::json!({"splunk preview row": 2, "splunk last row": 1})
    );
    let evs = events([arg(&path)]);
    // Lines 1-2 are the preview rows, line 8 the bare last row.
    assert_eq!(lines(&evs), vec![3, 4, 5, 6, 7]);
    let got: Vec<Said> = evs.iter().map(said).collect();
    let gw = Some("vpn-gw-01");
    let attacker = Some("203.0.113.45");
    assert_eq!(
        got,
        vec![
            // A firewall connection (pan:traffic, CIM Network Traffic): allowed is a success.
            want(
                "2026-04-14T07:17:58.000000Z",
                "network",
                "network_connection",
                "success",
                Some("fw-edge-01"),
                None,
                attacker,
                Some("198.51.100.20"),
            ),
            // sshd via CIM Authentication fields (action, user, src, dest); dest is a name,
            // not an address.
            want(
                "2026-04-14T07:18:02.000000Z",
                "authentication",
                "logon_failed",
                "failure",
                gw,
                Some("mlee"),
                attacker,
                None,
            ),
            want(
                "2026-04-14T07:18:09.000000Z",
                "authentication",
                "logon_failed",
                "failure",
                gw,
                Some("mlee"),
                attacker,
                None,
            ),
            want(
                "2026-04-14T07:19:55.000000Z",
                "authentication",
                "logon",
                "success",
                gw,
                Some("mlee"),
                attacker,
                None,
            ),
            // No CIM fields: an `other` event on the sending host, _raw as its summary.
            want(
                "2026-04-14T07:19:55.000000Z",
                "other",
                "event",
                "unknown",
                gw,
                None,
                None,
                None,
            ),
        ]
    );
    for e in &evs {
        assert_eq!(e["ts_field"], "result._time");
        assert_eq!(e["ts_quality"], serde_json::json!([]));
    }
    assert_eq!(evs[0]["ts_original"], "2026-04-14T09:17:58.000+02:00");
    assert_eq!(
        evs[4]["summary"],
        "Apr 14 09:19:55 vpn-gw-01 sshd[41903]: pam_unix(sshd:session): session opened for user mlee(uid=1004) by (uid=0)"
    );
}

#[test]
fn json_export_reads_both_time_formats() {
    // `_time` as the export renders it by default (ISO with the user's offset) and with
    // time_format "%Y-%m-%d %H:%M:%S.%3N %Z" for a UTC user (shared/docs 2.5), one row each.
    let dir = TestDir::new("splunk-time");
    let path = dir.write(
        "export.json",
        concat!(
            "{\"preview\":false,\"offset\":0,\"result\":{\"_time\":\"2026-10-08T15:48:35.000+02:00\",\"_raw\":\"a\",\"host\":\"web-02\",\"source\":\"/var/log/app.log\",\"sourcetype\":\"app\"}}\n",
            "{\"preview\":false,\"offset\":1,\"result\":{\"_time\":\"2026-10-08 13:48:36.250 GMT\",\"_raw\":\"b\",\"host\":\"web-02\",\"source\":\"/var/log/app.log\",\"sourcetype\":\"app\"}}\n",
            "{\"preview\":false,\"offset\":2,\"lastrow\":true,\"result\":{\"_time\":\"2026-10-08 13:48:37.000 UTC\",\"_raw\":\"c\",\"host\":\"web-02\",\"source\":\"/var/log/app.log\",\"sourcetype\":\"app\",\"x\":[\"1\",\"2\"]}}\n",
        ),
    );
    let doc = timeline([arg(&path)]);
    assert_reconciled(&doc);
    assert_eq!(doc["inputs"][0]["events"], 3);
    assert_eq!(
        doc["inputs"][0]["skipped"], 0,
        "a last row with a result is an event"
    );
    let evs = events([arg(&path)]);
    let ts: Vec<&str> = evs.iter().map(|e| e["ts"].as_str().unwrap()).collect();
    assert_eq!(
        ts,
        vec![
            "2026-10-08T13:48:35.000000Z",
            "2026-10-08T13:48:36.250000Z",
            "2026-10-08T13:48:37.000000Z"
        ]
    );
    assert!(evs.iter().all(|e| e["ts_quality"] == serde_json::json!([])));
}

#[test]
fn csv_export_reads_cim_fields() {
    let path = fixture("search-export.csv");
    let doc = timeline([arg(&path)]);
    assert_reconciled(&doc);
    let input = &doc["inputs"][0];
    assert_eq!(input["records"], 5, "header + 4 rows");
    assert_eq!(input["events"], 4);
    assert_eq!(input["skipped"], 1);
    assert_eq!(input["skip_reasons"], serde_json::json!({"header": 1}));
    let evs = events([arg(&path)]);
    assert_eq!(lines(&evs), vec![2, 3, 4, 5]);
    let got: Vec<Said> = evs.iter().map(said).collect();
    let gw = Some("vpn-gw-01");
    assert_eq!(
        got,
        vec![
            want(
                "2026-04-14T07:48:30.000000Z",
                "authentication",
                "logon_failed",
                "failure",
                gw,
                Some("mlee"),
                Some("203.0.113.45"),
                None,
            ),
            want(
                "2026-04-14T07:51:12.000000Z",
                "authentication",
                "logon",
                "success",
                gw,
                Some("jdoe"),
                Some("192.0.2.10"),
                None,
            ),
            // Change / Account_Management: the account changed is the user (src_user root
            // ran it); deleted is user_deleted.
            want(
                "2026-04-14T07:52:07.000000Z",
                "account_change",
                "user_deleted",
                "unknown",
                gw,
                Some("svc-vpn"),
                None,
                None,
            ),
            // CIM's prescribed `modified` does not say a password was changed.
            want(
                "2026-04-14T07:53:40.000000Z",
                "account_change",
                "user_modified",
                "unknown",
                gw,
                Some("mlee"),
                None,
                None,
            ),
        ]
    );
    for e in &evs {
        assert_eq!(e["ts_field"], "_time");
    }
    assert_eq!(evs[0]["ts_original"], "2026-04-14T09:48:30.000+0200");
}

/// The notable history's events: (ts, kind, action, outcome, host, user, src_ip, dst_ip).
fn notable_history() -> Vec<Said> {
    let gw = Some("vpn-gw-01");
    let src = Some("203.0.113.45");
    vec![
        // The notable as created: a finding at _time on dest (index=notable's host is the
        // search head).
        want(
            "2026-04-14T07:20:11.000000Z",
            "finding",
            "notable",
            "unknown",
            gw,
            Some("mlee"),
            src,
            None,
        ),
        // The reviews: at review_time, by the reviewer, on the notable's dest and src.
        want(
            "2026-04-14T07:41:52.318406Z",
            "incident_status",
            "in_progress",
            "unknown",
            gw,
            Some("jdoe"),
            src,
            None,
        ),
        want(
            "2026-04-14T11:02:40.000000Z",
            "finding",
            "notable",
            "unknown",
            Some("wks-fin-07"),
            None,
            None,
            None,
        ),
        want(
            "2026-04-14T11:05:09.904117Z",
            "incident_status",
            "resolved",
            "unknown",
            gw,
            Some("jdoe"),
            src,
            None,
        ),
    ]
}

#[test]
fn notable_history_gives_the_finding_and_its_status_changes() {
    let path = fixture("es-notable-history.json");
    let doc = timeline([arg(&path)]);
    assert_reconciled(&doc);
    let input = &doc["inputs"][0];
    assert_eq!(input["records"], 5);
    assert_eq!(input["events"], 4);
    assert_eq!(input["rejected"], 0);
    assert_eq!(
        input["skip_reasons"],
        serde_json::json!({"splunk last row": 1})
    );
    let evs = events([arg(&path)]);
    let got: Vec<Said> = evs.iter().map(said).collect();
    assert_eq!(got, notable_history());
    assert_eq!(lines(&evs), vec![1, 2, 4, 3]);
    let ts_fields: Vec<&str> = evs
        .iter()
        .map(|e| e["ts_field"].as_str().unwrap())
        .collect();
    assert_eq!(
        ts_fields,
        vec![
            "result._time",
            "result.review_time",
            "result._time",
            "result.review_time"
        ]
    );
    assert_eq!(evs[0]["severity"], "high", "urgency");
    assert_eq!(evs[2]["severity"], "medium");
    assert_eq!(
        evs[0]["summary"],
        "Alert \"Brute Force Access Behavior Detected\" on vpn-gw-01 by mlee"
    );
    assert_eq!(evs[1]["ts_original"], "1776152512.318406");
}

#[test]
fn notable_history_timeline_has_triage_and_resolution_at_the_review_times() {
    let path = fixture("es-notable-history.json");
    let doc = timeline([arg(&path)]);
    let incs = doc["incidents"].as_array().unwrap();
    assert_eq!(incs.len(), 2, "the unrelated notable is its own incident");
    let inc = &incs[0];
    assert_eq!(
        inc["title"],
        "Alert \"Brute Force Access Behavior Detected\" on vpn-gw-01 by mlee"
    );
    assert_eq!(inc["severity"], "high");
    let ph = |p: &str, k: &str| inc["phases"][p][k].clone();
    assert_eq!(ph("detection", "start"), "2026-04-14T07:20:11.000000Z");
    assert_eq!(ph("triage", "start"), "2026-04-14T07:41:52.318406Z");
    assert_eq!(ph("triage", "end"), "2026-04-14T07:41:52.318406Z");
    assert_eq!(ph("resolution", "start"), "2026-04-14T11:05:09.904117Z");
    assert_eq!(ph("resolution", "end"), "2026-04-14T11:05:09.904117Z");
    for p in ["compromise", "containment", "eradication", "recovery"] {
        assert_eq!(inc["phases"][p], Value::Null, "{p}");
    }
    assert_eq!(inc["metrics"]["time_to_triage_s"], 1301);
    assert_eq!(inc["metrics"]["time_to_resolve_s"], 13498);
    // The phase events cite the review rows (lines 2 and 3).
    let cites = |p: &str| -> (Value, u64) {
        let id = &inc["phases"][p]["events"][0];
        let e = inc["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| &e["id"] == id)
            .unwrap();
        (
            e["action"].clone(),
            e["evidence"][0]["line"].as_u64().unwrap(),
        )
    };
    assert_eq!(cites("detection"), (Value::from("notable"), 1));
    assert_eq!(cites("triage"), (Value::from("in_progress"), 2));
    assert_eq!(cites("resolution"), (Value::from("resolved"), 3));

    let other = &incs[1];
    assert_eq!(
        other["title"],
        "Alert \"Host With Multiple Infections\" on wks-fin-07"
    );
    assert_eq!(other["severity"], "medium");
    assert_eq!(
        other["phases"]["detection"]["start"],
        "2026-04-14T11:02:40.000000Z"
    );
    assert_eq!(other["phases"]["triage"], Value::Null);
    assert_eq!(other["phases"]["resolution"], Value::Null);
}

#[test]
fn notable_history_as_csv_gives_the_same_events() {
    let path = fixture("es-notable-history.csv");
    let doc = timeline([arg(&path)]);
    assert_reconciled(&doc);
    assert_eq!(doc["inputs"][0]["events"], 4);
    assert_eq!(
        doc["inputs"][0]["skip_reasons"],
        serde_json::json!({"header": 1})
    );
    let evs = events([arg(&path)]);
    let got: Vec<Said> = evs.iter().map(said).collect();
    assert_eq!(got, notable_history());
    assert_eq!(lines(&evs), vec![2, 3, 5, 4]);
    assert_eq!(evs[1]["ts_field"], "review_time");

    // Both exports together: each happening is one event citing both records.
    let json = fixture("es-notable-history.json");
    let doc = timeline([arg(&json), arg(&path)]);
    assert_reconciled(&doc);
    let inc = &doc["incidents"][0];
    for (p, json_line, csv_line) in [("detection", 1, 2), ("triage", 2, 3), ("resolution", 3, 4)] {
        let ids = inc["phases"][p]["events"].as_array().unwrap();
        assert_eq!(ids.len(), 1, "{p}");
        let e = inc["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == ids[0])
            .unwrap();
        let cited: Vec<(u64, u64)> = e["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| (v["input"].as_u64().unwrap(), v["line"].as_u64().unwrap()))
            .collect();
        assert_eq!(cited, vec![(0, json_line), (1, csv_line)], "{p}");
    }
}

#[test]
fn review_times_are_not_a_clock_disagreement() {
    // A review's time and the notable's own `_time` are two happenings, not two clocks for
    // one: a long review history must not read as an export whose time fields disagree.
    let text = std::fs::read_to_string(fixture("es-notable-history.json")).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    let mut history = format!("{}\n", rows[0]);
    for i in 0..6u64 {
        let review = rows[1]
            .replace("\"offset\":1,", &format!("\"offset\":{},", i + 1))
            .replace(
                "\"review_time\":\"1776152512.318406\"",
                &format!("\"review_time\":\"{}.5\"", 1776152512 + 600 * i),
            );
        assert_ne!(review, rows[1]);
        history.push_str(&review);
        history.push('\n');
    }
    let dir = TestDir::new("splunk-reviews");
    let path = dir.write("reviews.json", history);
    let doc = timeline([arg(&path)]);
    assert_reconciled(&doc);
    assert_eq!(doc["inputs"][0]["events"], 7);
    assert_eq!(doc["warnings"], serde_json::json!([]));
    let inc = &doc["incidents"][0];
    assert_eq!(
        inc["phases"]["triage"]["events"].as_array().unwrap().len(),
        6
    );
    assert_eq!(
        inc["phases"]["triage"]["start"],
        "2026-04-14T07:41:52.500000Z"
    );
    assert_eq!(
        inc["phases"]["triage"]["end"],
        "2026-04-14T08:31:52.500000Z"
    );
}

/// The same Windows logon exported by winlogbeat and by Splunk (XmlWinEventLog, the event's
/// XML in `_raw`) is one happening: read by the same Windows mapping, the two records become
/// one event citing both.
#[test]
fn a_windows_event_in_splunk_and_winlogbeat_is_one_event() {
    let dir = TestDir::new("splunk-xmlwin");
    let beat = std::fs::read_to_string(
        repo().join("fixtures/vendors/elastic/winlogbeat-ws-fin-03.ndjson"),
    )
    .unwrap();
    let logon = beat
        .lines()
        .find(|l| l.contains("\"2026-04-14T08:14:31.204Z\""))
        .expect("the 4624 of the winlogbeat fixture");
    dir.write("winlogbeat.ndjson", format!("{logon}\n"));
    let raw = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>\
        <Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/>\
        <EventID>4624</EventID><Version>2</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode>\
        <Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime='2026-04-14T08:14:31.2040000Z'/>\
        <EventRecordID>918236</EventRecordID><Correlation/><Execution ProcessID='636' ThreadID='4216'/>\
        <Channel>Security</Channel><Computer>WS-FIN-03.corp.example</Computer><Security/></System>\
        <EventData><Data Name='SubjectUserSid'>S-1-0-0</Data><Data Name='SubjectUserName'>-</Data>\
        <Data Name='TargetUserSid'>S-1-5-21-3623811015-3361044348-30300820-1187</Data>\
        <Data Name='TargetUserName'>akowalski</Data><Data Name='TargetDomainName'>CORP</Data>\
        <Data Name='LogonType'>3</Data><Data Name='IpAddress'>203.0.113.45</Data>\
        <Data Name='IpPort'>51252</Data></EventData></Event>";
    let row = serde_json::json!({
        "preview": false, "offset": 0,
        "result": {
            "_time": "2026-04-14T10:14:31.204+02:00", "_raw": raw, "host": "ws-fin-03",
            "source": "XmlWinEventLog:Security", "sourcetype": "XmlWinEventLog",
            "index": "wineventlog", "EventCode": "4624", "_indextime": "1776154473"
        }
    });
    let export = format!(
        "{{\"preview\":true,\"offset\":0,\"result\":{{\"_time\":\"2026-04-14T10:14:31.204+02:00\",\"_raw\":\"x\",\"sourcetype\":\"XmlWinEventLog\",\"EventCode\":\"4624\"}}}}\n{row}\n{{\"preview\":false,\"lastrow\":true}}\n"
    );
    let splunk = dir.write("splunk-export.json", export);
    let out = stdout_of(["formats", splunk.to_str().unwrap()], 0);
    assert!(
        out.contains("; profile splunk-xmlwineventlog (Splunk Windows events"),
        "{out}"
    );
    let doc = timeline(["--ioc", "user:akowalski", dir.path.to_str().unwrap()]);
    assert_reconciled(&doc);
    let splunk_input = doc["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"].as_str().unwrap().ends_with("splunk-export.json"))
        .unwrap();
    assert_eq!(splunk_input["events"], 1);
    assert_eq!(
        splunk_input["skipped"], 2,
        "the preview row and the bare last row"
    );
    let inc = &doc["incidents"][0];
    let logons: Vec<&serde_json::Value> = inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "logon")
        .collect();
    assert_eq!(logons.len(), 1, "one event for the one logon");
    let e = logons[0];
    assert_eq!(e["ts"], "2026-04-14T08:14:31.204000Z");
    assert_eq!(e["user"], "akowalski");
    assert_eq!(e["src_ip"], "203.0.113.45");
    let formats: Vec<&str> = e["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ev| ev["format"].as_str().unwrap())
        .collect();
    assert_eq!(formats, ["ndjson", "ndjson"]);
    assert_eq!(e["evidence"].as_array().unwrap().len(), 2);
}
