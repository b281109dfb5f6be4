//! The sample incident in `fixtures/sample-incident/` against its truth table
//! (`fixtures/sample-incident.md`): exact accounting, time resolution, evidence, phases, metrics,
//! scope, and the decoy as a separate incident.

use serde_json::Value;

use crate::util::*;

fn sample() -> std::path::PathBuf {
    repo().join("fixtures/sample-incident")
}

fn run(extra: &[&str]) -> Value {
    let mut args = vec![
        sample().to_str().unwrap().to_string(),
        "--tz".into(),
        "Europe/Berlin".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let doc = timeline(&args);
    assert_reconciled(&doc);
    doc
}

fn input<'a>(doc: &'a Value, name: &str) -> (usize, &'a Value) {
    doc["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find(|(_, i)| i["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("input {name}"))
}

/// The timeline event citing `line` of input `name`.
fn cited_event<'a>(inc: &'a Value, doc: &Value, name: &str, line: u64) -> &'a Value {
    let (idx, _) = input(doc, name);
    inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["evidence"][0]["input"] == idx as u64 && e["evidence"][0]["line"] == line)
        .unwrap_or_else(|| panic!("no timeline event for {name}:{line}"))
}

#[test]
fn inputs_are_accounted_exactly() {
    let doc = run(&[]);
    assert_eq!(doc["inputs"].as_array().unwrap().len(), 3);
    let (_, auth) = input(&doc, "bastion-01-auth.log");
    assert_eq!(auth["format"], "rfc3164");
    assert_eq!(auth["bytes"], 32518);
    assert_eq!(
        auth["sha256"],
        "e66d2e275230b03ea588af2a2dfb04ff62716bf9aad575d59580f7d934e623a5"
    );
    assert_eq!(
        (auth["records"].as_u64(), auth["events"].as_u64()),
        (Some(301), Some(301))
    );
    assert_eq!(auth["year"], 2026, "inferred from the other inputs");
    assert_eq!(auth["ts_inferred_year"], 301);
    assert_eq!(auth["ts_assumed_tz"], 301);
    assert_eq!(
        auth["first"], "2026-02-28T23:17:01.000000Z",
        "Mar 1 00:17:01 CET"
    );

    let (_, fw) = input(&doc, "fw-edge-01-cef.log");
    assert_eq!(fw["format"], "cef");
    assert_eq!(fw["records"], 153);
    assert_eq!(fw["events"], 152);
    assert_eq!(fw["rejected"], 1);
    assert_eq!(fw["rejects"][0]["line"], 153);
    assert_eq!(fw["rejects"][0]["offset"], 225308);
    assert_eq!(fw["ts_assumed_tz"], 0, "rt carries GMT");

    let (_, ecs) = input(&doc, "elastic-db-01.ndjson");
    assert_eq!(ecs["format"], "ndjson");
    assert_eq!(
        (ecs["records"].as_u64(), ecs["events"].as_u64()),
        (Some(81), Some(81))
    );
    assert_eq!(ecs["last"], "2026-03-02T11:05:01.277000Z");
}

#[test]
fn main_incident_phases_and_metrics_match_the_truth_table() {
    let doc = run(&[]);
    let incs = doc["incidents"].as_array().unwrap();
    assert_eq!(incs.len(), 2);
    let inc = &incs[0];
    assert_eq!(inc["severity"], "high");
    assert!(inc["title"]
        .as_str()
        .unwrap()
        .contains("SSH User Authentication Brute Force Attempt(40015)"));
    let ph = |p: &str, k: &str| inc["phases"][p][k].clone();
    assert_eq!(ph("compromise", "start"), "2026-03-02T09:12:03.000000Z");
    assert_eq!(ph("detection", "start"), "2026-03-02T09:13:35.000000Z");
    assert_eq!(ph("detection", "end"), "2026-03-02T09:34:47.911000Z");
    assert_eq!(ph("containment", "start"), "2026-03-02T09:41:02.000000Z");
    assert_eq!(ph("containment", "end"), "2026-03-02T10:05:52.000000Z");
    assert_eq!(ph("eradication", "start"), "2026-03-02T10:04:12.000000Z");
    assert_eq!(ph("eradication", "end"), "2026-03-02T10:05:41.000000Z");
    assert_eq!(ph("recovery", "start"), "2026-03-02T11:30:15.000000Z");
    // Triage: the alert acknowledged in Kibana (a state of the alert record, with its time).
    assert_eq!(ph("triage", "start"), "2026-03-02T09:38:05.214000Z");
    assert_eq!(inc["phases"]["resolution"], Value::Null);
    let m = &inc["metrics"];
    assert_eq!(m["time_to_detect_s"], 92);
    assert_eq!(m["time_to_triage_s"], 1470);
    assert_eq!(m["time_to_contain_s"], 1647);
    assert_eq!(m["time_to_eradicate_s"], 3037);
    assert_eq!(m["time_to_recover_s"], 8200);
    assert_eq!(m["dwell_time_s"], 1739);
    assert_eq!(m["time_to_resolve_s"], Value::Null);

    // The phase events cite the records of the truth table.
    let e = cited_event(inc, &doc, "bastion-01-auth.log", 168);
    assert_eq!(e["phase"], "compromise");
    assert_eq!(e["evidence"][0]["offset"], 17791);
    assert_eq!(e["evidence"][0]["length"], 154);
    assert_eq!(e["id"], inc["phases"]["compromise"]["events"][0]);
    let e = cited_event(inc, &doc, "fw-edge-01-cef.log", 45);
    assert_eq!(e["phase"], "detection");
    assert_eq!(e["evidence"][0]["offset"], 65955);
    assert_eq!(e["evidence"][0]["length"], 1879);
    let e = cited_event(inc, &doc, "elastic-db-01.ndjson", 81);
    assert_eq!(e["phase"], "detection");
    assert_eq!(e["evidence"][0]["offset"], 150366);
    assert_eq!(e["evidence"][0]["length"], 6186);
    let e = cited_event(inc, &doc, "bastion-01-auth.log", 233);
    assert_eq!(e["phase"], "containment");
    assert_eq!(e["evidence"][0]["offset"], 25396);
    let e = cited_event(inc, &doc, "bastion-01-auth.log", 254);
    assert_eq!(e["phase"], "eradication");
    assert_eq!(e["evidence"][0]["offset"], 27680);
    let e = cited_event(inc, &doc, "bastion-01-auth.log", 284);
    assert_eq!(e["phase"], "recovery");
    assert_eq!(e["evidence"][0]["offset"], 30717);
    // The attacker setting the password of their own backdoor account is not eradication.
    let e = cited_event(inc, &doc, "bastion-01-auth.log", 220);
    assert_eq!(e["phase"], "compromise");

    // The attack path: first attacker activity, the IDS findings, the stolen login, the
    // lateral move, the exfiltration the alert is about, the alert.
    let path: Vec<&str> = inc["attack_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["event"].as_str().unwrap())
        .collect();
    let id = |name: &str, line: u64| {
        cited_event(inc, &doc, name, line)["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        path,
        [
            id("bastion-01-auth.log", 168),
            id("fw-edge-01-cef.log", 45),
            id("fw-edge-01-cef.log", 50),
            id("bastion-01-auth.log", 212),
            id("elastic-db-01.ndjson", 47),
            id("elastic-db-01.ndjson", 58),
            id("elastic-db-01.ndjson", 81),
        ]
    );
    let whys: Vec<&str> = inc["attack_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["why"].as_str().unwrap())
        .collect();
    assert!(
        whys[3].contains("from the attacker's address 203.0.113.77"),
        "{}",
        whys[3]
    );
    assert!(
        whys[4].starts_with("lateral movement: deploy logged in on db-01 from 10.0.1.10"),
        "{}",
        whys[4]
    );
    assert!(whys[5].contains("curl"), "{}", whys[5]);
}

#[test]
fn scope_holds_the_attackers_reach_and_not_the_responders_or_decoys() {
    let doc = run(&[]);
    let scope = &doc["incidents"][0]["scope"];
    let list = |k: &str| -> Vec<String> {
        scope[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(list("hosts"), ["bastion-01", "db-01"]);
    assert_eq!(list("users"), ["deploy", "svc-backup"]);
    assert_eq!(
        list("hashes"),
        ["e4879a03ed12e2dbed4ce797943f626a22c0f4689b55663a350c4c6389968c44"],
        "the curl binary the exfiltration used"
    );
    let ips = list("ips");
    assert!(ips.contains(&"203.0.113.77".to_string()));
    assert!(ips.contains(&"10.0.2.20".to_string()));
    for not in [
        "10.20.30.41",
        "198.51.100.23",
        "198.51.100.61",
        "192.0.2.147",
        "10.20.30.57",
    ] {
        assert!(
            !ips.contains(&not.to_string()),
            "{not} must not be in scope: {ips:?}"
        );
    }
    assert!(!list("users").contains(&"jsmith".to_string()));
}

#[test]
fn decoy_alert_is_its_own_incident() {
    let doc = run(&[]);
    let decoy = &doc["incidents"][1];
    assert_eq!(decoy["id"], "INC-2");
    assert_eq!(decoy["severity"], "low");
    assert_eq!(
        decoy["phases"]["detection"]["start"],
        "2026-03-02T07:51:30.412000Z"
    );
    assert_eq!(decoy["scope"]["hosts"], serde_json::json!(["ws-hr-07"]));
    assert_eq!(decoy["scope"]["users"], serde_json::json!(["mlee"]));
    let main_ids: Vec<&Value> = doc["incidents"][0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["id"])
        .collect();
    let decoy_alert = &decoy["phases"]["detection"]["events"][0];
    assert!(
        !main_ids.contains(&decoy_alert),
        "decoy alert kept out of INC-1"
    );
}

#[test]
fn indicator_gives_the_same_first_attacker_activity() {
    let doc = run(&["--ioc", "ip:203.0.113.77"]);
    let inc = &doc["incidents"][0];
    assert_eq!(
        inc["phases"]["compromise"]["start"],
        "2026-03-02T09:12:03.000000Z"
    );
    assert_eq!(inc["metrics"]["dwell_time_s"], 1739);
    assert_eq!(
        doc["generator"]["options"]["ioc"],
        serde_json::json!(["ip:203.0.113.77"])
    );
}

#[test]
fn without_the_zone_auth_log_lands_an_hour_late_and_says_so() {
    let doc = timeline([sample().to_str().unwrap()]);
    let (_, auth) = input(&doc, "bastion-01-auth.log");
    assert_eq!(auth["first"], "2026-03-01T00:17:01.000000Z");
    assert_eq!(doc["generator"]["options"]["tz"], "UTC");
}

#[test]
fn sample_is_deterministic_across_threads_and_chunks() {
    let p = sample();
    let p = p.to_str().unwrap();
    let a = stdout_of(
        ["timeline", p, "--tz", "Europe/Berlin", "--threads", "1"],
        0,
    );
    let b = stdout_of(
        [
            "timeline",
            p,
            "--tz",
            "Europe/Berlin",
            "--threads",
            "2",
            "--chunk-bytes",
            "4000",
        ],
        0,
    );
    assert!(
        a == b,
        "timeline differs between 1 thread and 2 threads with small chunks"
    );
}

/// The firewall export with an hour and more of its records missing during the response: a
/// visibility gap of that input, from the minute after its last record before the hole to the
/// minute of its first record after it, with a finding.
#[test]
fn a_silent_firewall_during_the_incident_is_a_gap() {
    let dir = TestDir::new("gap");
    for name in ["bastion-01-auth.log", "elastic-db-01.ndjson"] {
        dir.write(name, std::fs::read(sample().join(name)).unwrap());
    }
    let fw = std::fs::read_to_string(sample().join("fw-edge-01-cef.log")).unwrap();
    let rt = |l: &str| -> Option<u32> {
        // "rt=Mar 02 2026 10:04:11 GMT" -> minutes of the day
        let t = &l[l.find("rt=Mar 02 2026 ")? + 15..];
        Some(t[0..2].parse::<u32>().ok()? * 60 + t[3..5].parse::<u32>().ok()?)
    };
    let hole = 10 * 60..11 * 60 + 10;
    let kept: Vec<&str> = fw
        .lines()
        .filter(|l| rt(l).is_none_or(|m| !hole.contains(&m)))
        .collect();
    let before = kept
        .iter()
        .filter_map(|l| rt(l))
        .filter(|m| *m < hole.start)
        .max()
        .unwrap();
    let after = kept
        .iter()
        .filter_map(|l| rt(l))
        .filter(|m| *m >= hole.end)
        .min()
        .unwrap();
    dir.write("fw-edge-01-cef.log", kept.join("\n") + "\n");
    let doc = timeline([dir.path.to_str().unwrap(), "--tz", "Europe/Berlin"]);
    let inc = &doc["incidents"][0];
    let gaps = inc["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let hm = |m: u32| format!("2026-03-02T{:02}:{:02}:00.000000Z", m / 60, m % 60);
    assert_eq!(gaps[0]["input"], 2, "fw-edge-01-cef.log");
    assert_eq!(gaps[0]["from"], hm(before + 1));
    assert_eq!(gaps[0]["to"], hm(after));
    assert_eq!(gaps[0]["silent_s"], u64::from(after - before - 1) * 60);
    assert!(inc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "visibility_gap"
            && f["message"]
                .as_str()
                .unwrap()
                .contains("fw-edge-01-cef.log was silent")));
}

/// Read without `--tz`, the firewall's syslog header (its local time, Berlin) and its `rt`
/// (GMT) disagree by an hour: a warning for that input and a clock finding in the incident.
#[test]
fn a_wrong_zone_shows_as_disagreeing_clocks() {
    let doc = timeline([sample().to_str().unwrap()]);
    let (fw, _) = input(&doc, "fw-edge-01-cef.log");
    let w = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "time_fields_disagree" && w["input"] == fw as u64)
        .expect("clock warning for the firewall");
    let msg = w["message"].as_str().unwrap();
    assert!(
        msg.contains("in 152 of 152 records the event time and timestamp"),
        "{msg}"
    );
    assert!(msg.contains("(median 1h"), "{msg}");
    assert!(doc["incidents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "clock_disagreement"));
    // With the right zone, no such warning.
    let ok = run(&[]);
    assert!(!ok["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "time_fields_disagree"));
}

/// The OTRF LSASS campaign subset: Sysmon's own UtcTime is about 19 hours ahead of the
/// records' @timestamp (a known defect of that dataset).
#[test]
fn lsass_campaign_clock_defect_is_reported() {
    let Some(dir) = corpus("otrf-security-datasets/LSASS_campaign_01_host_subset") else {
        return;
    };
    let doc = timeline([dir.to_str().unwrap()]);
    let w = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "time_fields_disagree")
        .expect("clock warning");
    let msg = w["message"].as_str().unwrap();
    assert!(
        msg.contains("in 1667 of 4980 records the event time and UtcTime"),
        "{msg}"
    );
    assert!(msg.contains("(median 18h 59m 59s)"), "{msg}");
}

/// The Elastic export handed over twice (once from Elasticsearch, once re-exported through the
/// SIEM): each happening is one event citing both records, and nothing else changes.
#[test]
fn the_same_records_in_two_exports_are_one_event_each() {
    let dir = TestDir::new("dupes");
    for name in [
        "bastion-01-auth.log",
        "elastic-db-01.ndjson",
        "fw-edge-01-cef.log",
    ] {
        dir.write(name, std::fs::read(sample().join(name)).unwrap());
    }
    dir.write(
        "siem-copy-of-elastic.ndjson",
        std::fs::read(sample().join("elastic-db-01.ndjson")).unwrap(),
    );
    let doc = timeline([dir.path.to_str().unwrap(), "--tz", "Europe/Berlin"]);
    let (ecs, _) = input(&doc, "elastic-db-01.ndjson");
    let (copy, _) = input(&doc, "siem-copy-of-elastic.ndjson");
    let inc = &doc["incidents"][0];
    assert_eq!(inc["metrics"]["time_to_detect_s"], 92);
    assert_eq!(inc["metrics"]["time_to_triage_s"], 1470);
    let from_ecs: Vec<&Value> = inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["evidence"][0]["input"] == ecs as u64)
        .collect();
    assert!(!from_ecs.is_empty());
    for e in &from_ecs {
        let ev = e["evidence"].as_array().unwrap();
        assert_eq!(ev.len(), 2, "{e}");
        assert_eq!(ev[1]["input"], copy as u64);
        assert_eq!(
            ev[0]["offset"], ev[1]["offset"],
            "the copy has the same bytes"
        );
    }
    assert!(!inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["evidence"][0]["input"] == copy as u64));
    // The curl exec (ECS line 58) is one event, not two.
    let curl: Vec<&&Value> = from_ecs
        .iter()
        .filter(|e| e["evidence"][0]["line"] == 58)
        .collect();
    assert_eq!(curl.len(), 1);
}

/// A second copy of the Elastic export whose forwarder's clock ran 2 minutes fast: the
/// happenings both exports share give that input a clock offset of 120 s against the first,
/// and the incident a clock finding.
#[test]
fn a_copy_with_a_fast_clock_gets_its_offset() {
    let dir = TestDir::new("offset");
    for name in [
        "bastion-01-auth.log",
        "elastic-db-01.ndjson",
        "fw-edge-01-cef.log",
    ] {
        dir.write(name, std::fs::read(sample().join(name)).unwrap());
    }
    let ecs = std::fs::read_to_string(sample().join("elastic-db-01.ndjson")).unwrap();
    let shifted: String = ecs
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let ts = v["@timestamp"].as_str().unwrap();
            let t =
                chrono::DateTime::parse_from_rfc3339(ts).unwrap() + chrono::Duration::seconds(120);
            let mut v = v.clone();
            v["@timestamp"] = Value::String(t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string());
            serde_json::to_string(&v).unwrap() + "\n"
        })
        .collect();
    dir.write("siem-forwarded.ndjson", shifted);
    let doc = timeline([dir.path.to_str().unwrap(), "--tz", "Europe/Berlin"]);
    let (orig, _) = input(&doc, "elastic-db-01.ndjson");
    let (copy, _) = input(&doc, "siem-forwarded.ndjson");
    let off = |i: usize| doc["inputs"][i]["clock_offset_s"].as_i64();
    assert_eq!(off(copy).zip(off(orig)).map(|(c, o)| c - o), Some(120));
    assert!(doc["incidents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(
            |f| f["kind"] == "clock_disagreement" && f["message"].as_str().unwrap().contains("2m")
        ));
}
