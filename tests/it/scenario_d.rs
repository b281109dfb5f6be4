//! Scenario D (`fixtures/scenarios/scenario-d/`): a held-out multi-vendor incident against its truth
//! table (`fixtures/scenarios/scenario-d/TRUTH.md`), decided from the story and the contract before
//! afterlog was run. A web shop exploited from outside (PAN-OS LEEF to QRadar: traffic and IPS
//! threat logs), a www-data shell escalated with sudo (auditd raw records, auth.log in New York time
//! without a year), a backdoor account, a stolen SSH key used on the database server, the database
//! dumped and exfiltrated (the same firewall sessions in a Splunk CSV export), an Elastic alert in two
//! snapshots (acknowledged, closed), the block, the account locks, the unlocks, and a decoy alert.
//!
//! Each assertion that afterlog does not meet is its own test, marked `#[ignore]` with what afterlog
//! gives and what the truth is; the truth and the data are never changed to fit the tool.

use std::sync::OnceLock;

use serde_json::Value;

use crate::util::*;

const LEEF: &str = "qradar/pa-edge-01_leef_20260809-0900-1200EDT.log";
const CSV: &str = "splunk/pan_traffic_servers_20260809-0930-1130EDT.csv";
const AUD: &str = "shop-web-01/audit_20260809-0900-1200EDT.log";
const WEB: &str = "syslog/shop-web-01/auth.log";
const DB: &str = "syslog/db-02/auth.log";
const EL1: &str = "elastic/alerts-linux-servers_20260809T1530Z.ndjson";
const EL2: &str = "elastic/alerts-linux-servers_20260810T1500Z.ndjson";

const ATTACKER: &str = "203.0.113.47";
const EXFIL: &str = "198.51.100.77";
const WEB_IP: &str = "10.20.30.15";
const DB_IP: &str = "10.20.40.22";
const SCANNERS: [&str; 3] = ["192.0.2.155", "198.51.100.203", "203.0.113.88"];

const PG_DUMP_SHA256: &str = "7d1e4c9b2a8f6e5d3c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d";
const PG_DUMP_SHA1: &str = "a3f1c9e8d7b6a5f4e3d2c1b0a9f8e7d6c5b4a392";
const TCPDUMP_SHA256: &str = "3e9a1c7b5d2f8e0a6c4b9d1f7e3a5c8b2d0f6e4a9c1b7d3f5e8a0c2b4d6f9e1a";

fn scenario() -> std::path::PathBuf {
    repo().join("fixtures/scenarios/scenario-d")
}

fn args() -> [String; 3] {
    [
        "--tz".to_string(),
        "America/New_York".to_string(),
        format!("{}/", scenario().display()),
    ]
}

/// `afterlog timeline --tz America/New_York fixtures/scenarios/scenario-d/`, run once for all tests.
fn doc() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let d = timeline(args());
        assert_reconciled(&d);
        d
    })
}

/// `afterlog events` with the same options: every event, attributed or not.
fn all_events() -> &'static [Value] {
    static EVENTS: OnceLock<Vec<Value>> = OnceLock::new();
    EVENTS.get_or_init(|| events(args()))
}

fn incidents() -> &'static [Value] {
    doc()["incidents"].as_array().unwrap()
}

/// The attack: the first (most severe) incident.
fn main_inc() -> &'static Value {
    &incidents()[0]
}

/// Index and report of the input whose path ends with `suffix`.
fn input(suffix: &str) -> (usize, &'static Value) {
    input_ending(doc(), suffix)
}

/// The events of `inc`'s timeline citing that record.
fn citing(inc: &'static Value, file: &str, line: u64, offset: Option<u64>) -> Vec<&'static Value> {
    timeline_citing(inc, input(file).0, line, offset)
}

/// `"INC-n phase"` of every event citing that record (at `ts`, when given), in any incident.
fn marks_anywhere(file: &str, line: u64, offset: Option<u64>, ts: Option<&str>) -> Vec<String> {
    let (idx, _) = input(file);
    incidents()
        .iter()
        .flat_map(|inc| {
            inc["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .filter(move |e| {
                    ts.is_none_or(|t| e["ts"] == t) && cites_record(e, idx, line, offset)
                })
                .map(move |e| {
                    format!(
                        "{} {} {}",
                        inc["id"].as_str().unwrap(),
                        e["ts"].as_str().unwrap(),
                        e["phase"].as_str().unwrap()
                    )
                })
        })
        .collect()
}

/// A record (file, line, offset, time or any, phase it must mark).
type Case<'a> = (&'a str, u64, u64, Option<&'a str>, &'a str);

/// The records that do not mark their phase wherever afterlog put them: held by no incident, or
/// held with another phase.
fn wrong_marks(cases: &[Case]) -> Vec<String> {
    cases
        .iter()
        .filter_map(|(file, line, off, ts, want)| {
            let got = marks_anywhere(file, *line, Some(*off), *ts);
            let ok = !got.is_empty() && got.iter().all(|g| g.ends_with(&format!(" {want}")));
            (!ok).then(|| format!("{file}:{line} at {ts:?}: want {want}, got {got:?}"))
        })
        .collect()
}

/// The records held by INC-1 with the phase `want` (and in no other incident).
fn wrong_in_main(cases: &[Case]) -> Vec<String> {
    cases
        .iter()
        .filter_map(|(file, line, off, ts, want)| {
            let got = marks_anywhere(file, *line, Some(*off), *ts);
            let ok = !got.is_empty()
                && got
                    .iter()
                    .all(|g| g.starts_with("INC-1 ") && g.ends_with(&format!(" {want}")));
            (!ok).then(|| format!("{file}:{line} at {ts:?}: want INC-1 {want}, got {got:?}"))
        })
        .collect()
}

/// The one event of the main incident citing that record at time `ts`.
fn main_event(file: &str, line: u64, offset: Option<u64>, ts: &str) -> &'static Value {
    let found = citing(main_inc(), file, line, offset);
    found
        .iter()
        .find(|e| e["ts"] == ts)
        .copied()
        .unwrap_or_else(|| {
            let got: Vec<String> = found
                .iter()
                .map(|e| format!("{} {}", e["ts"], e["phase"]))
                .collect();
            panic!("INC-1 has no event at {ts} citing {file}:{line} ({offset:?}); it has {got:?}")
        })
}

/// `"INC-n line"` of every incident event citing any of `lines` of `file`.
fn held(file: &str, lines: &[u64]) -> Vec<String> {
    let (idx, _) = input(file);
    incidents()
        .iter()
        .flat_map(|inc| {
            inc["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(move |e| {
                    lines
                        .iter()
                        .find(|l| cites_record(e, idx, **l, None))
                        .map(|l| format!("{} {file}:{l} {} {}", inc["id"], e["ts"], e["phase"]))
                })
        })
        .collect()
}

fn phase(p: &str) -> &'static Value {
    &main_inc()["phases"][p]
}

fn metric(m: &str) -> &'static Value {
    &main_inc()["metrics"][m]
}

fn scope_of(inc: &Value, k: &str) -> Vec<String> {
    inc["scope"][k]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_lowercase())
        .collect()
}

fn scope(k: &str) -> Vec<String> {
    scope_of(main_inc(), k)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// Line numbers (1-based) of `file` whose text satisfies `pred`.
fn lines_where(file: &str, pred: impl Fn(&str) -> bool) -> Vec<u64> {
    std::fs::read_to_string(scenario().join(file))
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| pred(l))
        .map(|(i, _)| i as u64 + 1)
        .collect()
}

// ------------------------------------------------------------------------------------------------
// Inputs

#[test]
fn leef_export_is_read_with_every_record_an_event() {
    let (_, i) = input(LEEF);
    assert_eq!(i["format"], "leef", "{}", i["detected_by"]);
    assert_eq!(
        (
            i["records"].as_u64(),
            i["events"].as_u64(),
            i["rejected"].as_u64()
        ),
        (Some(188), Some(188), Some(0))
    );
    assert_eq!(i["ts_assumed_tz"], 0, "devTime is GMT");
    assert_eq!(i["first"], "2026-08-09T13:00:37.000000Z");
}

#[test]
fn splunk_csv_is_read_through_its_profile_with_the_header_skipped() {
    let (_, i) = input(CSV);
    assert_eq!(i["format"], "csv");
    assert_eq!(
        (
            i["records"].as_u64(),
            i["events"].as_u64(),
            i["skipped"].as_u64(),
            i["rejected"].as_u64()
        ),
        (Some(37), Some(36), Some(1), Some(0))
    );
    assert_eq!(i["ts_assumed_tz"], 0, "-0400 offsets");
    assert!(
        i["detected_by"]
            .as_str()
            .unwrap()
            .contains("splunk-csv-export"),
        "{}",
        i["detected_by"]
    );
}

#[test]
fn auth_logs_are_read_in_new_york_time_with_the_inferred_year() {
    for (file, n, first) in [
        (WEB, 249, "2026-08-09T04:09:01.000000Z"),
        (DB, 171, "2026-08-09T04:17:01.000000Z"),
    ] {
        let (_, i) = input(file);
        assert_eq!(i["format"], "rfc3164", "{file}");
        assert_eq!(
            (
                i["records"].as_u64(),
                i["events"].as_u64(),
                i["rejected"].as_u64()
            ),
            (Some(n), Some(n), Some(0)),
            "{file}"
        );
        assert_eq!(i["ts_assumed_tz"], n, "{file}");
        assert_eq!(i["ts_inferred_year"], n, "{file}");
        assert_eq!(i["first"], first, "{file}");
    }
    assert_eq!(doc()["generator"]["options"]["tz"], "America/New_York");
}

#[test]
fn auditd_export_is_read_without_rejects() {
    let (_, i) = input(AUD);
    assert_eq!(i["format"], "auditd", "{}", i["detected_by"]);
    assert_eq!(i["records"], 420);
    assert_eq!(i["rejected"], 0);
    assert_eq!(i["ts_assumed_tz"], 0, "epoch seconds");
}

#[test]
fn alert_snapshots_are_read_through_the_elastic_profile() {
    for file in [EL1, EL2] {
        let (_, i) = input(file);
        assert_eq!(
            (i["records"].as_u64(), i["rejected"].as_u64()),
            (Some(2), Some(0)),
            "{file}"
        );
        assert!(
            i["detected_by"]
                .as_str()
                .unwrap()
                .contains("elastic-alerts"),
            "{file}: {}",
            i["detected_by"]
        );
    }
}

#[test]
fn truth_file_contributes_nothing_to_any_incident() {
    let (idx, _) = input("scenario-d/TRUTH.md");
    for inc in incidents() {
        for e in inc["timeline"].as_array().unwrap() {
            assert!(
                !e["evidence"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|ev| ev["input"] == idx as u64),
                "{} cites TRUTH.md: {e}",
                inc["id"]
            );
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Incidents

#[test]
fn two_incidents_the_attack_first() {
    let incs = incidents();
    let ids: Vec<String> = incs
        .iter()
        .map(|i| format!("{} {} {}", i["id"], i["severity"], i["title"]))
        .collect();
    assert_eq!(incs.len(), 2, "{ids:?}");
    assert_eq!(main_inc()["id"], "INC-1");
    assert!(
        !citing(main_inc(), LEEF, 69, None).is_empty(),
        "the exploit's THREAT log in INC-1: {ids:?}"
    );
    assert!(
        !citing(main_inc(), EL1, 1, None).is_empty(),
        "the Elastic alert in INC-1: {ids:?}"
    );
    assert!(
        !citing(&incs[1], EL1, 2, None).is_empty(),
        "the decoy alert in INC-2: {ids:?}"
    );
}

#[test]
fn main_incident_is_critical_and_titled_by_the_exploit() {
    assert_eq!(
        main_inc()["severity"],
        "critical",
        "{}",
        main_inc()["title"]
    );
    assert!(
        main_inc()["title"]
            .as_str()
            .unwrap()
            .contains("ShopCraft Media Manager Unrestricted File Upload"),
        "{}",
        main_inc()["title"]
    );
}

#[test]
fn exploit_threat_log_and_elastic_alert_are_one_incident() {
    let with = |file: &str, line: u64| -> Vec<String> {
        incidents()
            .iter()
            .filter(|i| !citing(i, file, line, None).is_empty())
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(with(LEEF, 69), with(EL1, 1));
    assert_eq!(with(LEEF, 73), with(EL1, 1));
}

#[test]
fn decoy_alert_is_its_own_medium_incident() {
    let decoy = incidents()
        .iter()
        .find(|i| !citing(i, EL1, 2, None).is_empty())
        .expect("an incident holds the decoy alert");
    assert_ne!(decoy["id"], main_inc()["id"], "the decoy is not in INC-1");
    assert_eq!(decoy["severity"], "medium");
    assert_eq!(
        decoy["phases"]["detection"]["start"],
        "2026-08-09T15:02:44.118000Z"
    );
    assert_eq!(
        decoy["phases"]["resolution"]["start"],
        "2026-08-09T16:11:30.552000Z"
    );
    assert!(decoy["phases"]["triage"].is_null(), "{}", decoy["phases"]);
    assert!(decoy["phases"]["containment"].is_null());
    assert_eq!(decoy["metrics"]["time_to_resolve_s"], 4126);
    assert_eq!(sorted(scope_of(decoy, "hosts")), ["mon-01"]);
    let ips = scope_of(decoy, "ips");
    for not in [ATTACKER, EXFIL, WEB_IP, DB_IP] {
        assert!(
            !ips.contains(&not.to_string()),
            "{not} in the decoy's scope: {ips:?}"
        );
    }
    let users = scope_of(decoy, "users");
    for not in ["opsadmin", "sysupdate", "www-data"] {
        assert!(
            !users.contains(&not.to_string()),
            "{not} in the decoy's scope: {users:?}"
        );
    }
}

// ------------------------------------------------------------------------------------------------
// Phases of INC-1

#[test]
fn compromise_starts_with_the_attackers_first_session() {
    assert_eq!(phase("compromise")["start"], "2026-08-09T14:02:11.000000Z");
    let e = main_event(LEEF, 61, Some(74104), "2026-08-09T14:02:11.000000Z");
    assert_eq!(e["phase"], "compromise");
    assert_eq!(e["evidence"][0]["length"], 1243);
}

#[test]
fn compromise_ends_with_the_attacker_dropped_by_the_block() {
    assert_eq!(phase("compromise")["end"], "2026-08-09T15:20:33.000000Z");
    let e = main_event(LEEF, 148, Some(180091), "2026-08-09T15:20:33.000000Z");
    assert_eq!(e["phase"], "compromise");
}

#[test]
fn detection_starts_with_the_firewalls_ips_alert() {
    assert_eq!(phase("detection")["start"], "2026-08-09T14:06:31.000000Z");
    let e = main_event(LEEF, 69, Some(84062), "2026-08-09T14:06:31.000000Z");
    assert_eq!(e["phase"], "detection");
    assert_eq!(e["kind"], "finding");
}

#[test]
fn detection_ends_with_the_elastic_alert() {
    assert_eq!(phase("detection")["end"], "2026-08-09T14:19:03.764000Z");
    let e = main_event(EL1, 1, Some(0), "2026-08-09T14:19:03.764000Z");
    assert_eq!(e["phase"], "detection");
    assert_eq!(e["kind"], "finding");
}

#[test]
fn triage_is_the_alert_acknowledged() {
    assert_eq!(phase("triage")["start"], "2026-08-09T14:38:22.904000Z");
    assert_eq!(phase("triage")["end"], "2026-08-09T14:38:22.904000Z");
    let e = main_event(EL1, 1, Some(0), "2026-08-09T14:38:22.904000Z");
    assert_eq!(e["phase"], "triage");
}

#[test]
fn containment_starts_with_the_block_rule_edit() {
    assert_eq!(phase("containment")["start"], "2026-08-09T14:52:10.000000Z");
    let e = main_event(LEEF, 123, Some(151020), "2026-08-09T14:52:10.000000Z");
    assert_eq!(e["phase"], "containment");
}

#[test]
fn containment_ends_with_the_lock_on_db02() {
    assert_eq!(phase("containment")["end"], "2026-08-09T15:09:12.000000Z");
    let (idx, _) = input(DB);
    let ok = main_inc()["timeline"].as_array().unwrap().iter().any(|e| {
        e["ts"] == "2026-08-09T15:09:12.000000Z"
            && e["phase"] == "containment"
            && (cites_record(e, idx, 78, None) || cites_record(e, idx, 80, None))
    });
    assert!(ok, "no containment event of db-02 auth.log 78/80");
}

#[test]
fn no_eradication_is_recorded() {
    assert!(
        phase("eradication").is_null(),
        "the rebuild has no record: {}",
        phase("eradication")
    );
}

#[test]
fn recovery_is_the_unlock_on_both_hosts() {
    assert_eq!(phase("recovery")["start"], "2026-08-10T13:15:20.000000Z");
    assert_eq!(phase("recovery")["end"], "2026-08-10T13:17:45.000000Z");
}

#[test]
fn resolution_is_the_alert_closed() {
    assert_eq!(phase("resolution")["start"], "2026-08-10T14:02:37.118000Z");
    assert_eq!(phase("resolution")["end"], "2026-08-10T14:02:37.118000Z");
    let e = main_event(EL2, 1, Some(0), "2026-08-10T14:02:37.118000Z");
    assert_eq!(e["phase"], "resolution");
}

// ------------------------------------------------------------------------------------------------
// Metrics of INC-1

#[test]
fn time_to_detect_is_260() {
    assert_eq!(metric("time_to_detect_s"), 260);
}

#[test]
fn time_to_triage_is_1911() {
    assert_eq!(metric("time_to_triage_s"), 1911);
}

#[test]
fn time_to_contain_is_2739() {
    assert_eq!(metric("time_to_contain_s"), 2739);
}

#[test]
fn time_to_eradicate_is_null() {
    assert!(
        metric("time_to_eradicate_s").is_null(),
        "{}",
        metric("time_to_eradicate_s")
    );
}

#[test]
fn time_to_recover_is_83474() {
    assert_eq!(metric("time_to_recover_s"), 83474);
}

#[test]
fn time_to_resolve_is_86166() {
    assert_eq!(metric("time_to_resolve_s"), 86166);
}

#[test]
fn dwell_time_is_2999() {
    assert_eq!(metric("dwell_time_s"), 2999);
}

// ------------------------------------------------------------------------------------------------
// Each record's phase, wherever afterlog put it

#[test]
fn threat_logs_and_the_elastic_alert_mark_detection() {
    let cases: [Case; 3] = [
        (
            LEEF,
            69,
            84062,
            Some("2026-08-09T14:06:31.000000Z"),
            "detection",
        ),
        (
            LEEF,
            73,
            89172,
            Some("2026-08-09T14:06:58.000000Z"),
            "detection",
        ),
        (EL1, 1, 0, Some("2026-08-09T14:19:03.764000Z"), "detection"),
    ];
    let wrong = wrong_marks(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn alert_status_changes_mark_triage_and_resolution() {
    let cases: [Case; 2] = [
        (EL1, 1, 0, Some("2026-08-09T14:38:22.904000Z"), "triage"),
        (EL2, 1, 0, Some("2026-08-10T14:02:37.118000Z"), "resolution"),
    ];
    let wrong = wrong_marks(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn block_rule_edits_mark_containment() {
    let cases: [Case; 2] = [
        (
            LEEF,
            123,
            151020,
            Some("2026-08-09T14:52:10.000000Z"),
            "containment",
        ),
        (
            LEEF,
            124,
            151924,
            Some("2026-08-09T14:52:48.000000Z"),
            "containment",
        ),
    ];
    let wrong = wrong_marks(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
#[ignore = "afterlog puts LEEF 126 (CONFIG commit: network/Submitted) and 127 (SYSTEM 'Commit job 1872 succeeded': other/general) in no incident, truth is containment (the block's request and completion)"]
fn block_commit_and_its_completion_mark_containment() {
    let cases: [Case; 2] = [
        (
            LEEF,
            126,
            154098,
            Some("2026-08-09T14:53:40.000000Z"),
            "containment",
        ),
        (
            LEEF,
            127,
            154634,
            Some("2026-08-09T14:54:16.000000Z"),
            "containment",
        ),
    ];
    let wrong = wrong_marks(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
#[ignore = "afterlog marks the db-02 lock (DB 78/80) containment in INC-2 but puts the shop-web-01 locks (WEB 90/92/94/96) in no incident: no incident holds shop-web-01 or sysupdate (the attacker's shell on shop-web-01 is never attributed), truth is containment of the attack"]
fn account_locks_mark_containment() {
    let cases: [Case; 6] = [
        (
            WEB,
            90,
            9395,
            Some("2026-08-09T15:05:40.000000Z"),
            "containment",
        ),
        (
            WEB,
            92,
            9638,
            Some("2026-08-09T15:05:40.000000Z"),
            "containment",
        ),
        (
            WEB,
            94,
            9800,
            Some("2026-08-09T15:05:58.000000Z"),
            "containment",
        ),
        (
            WEB,
            96,
            10042,
            Some("2026-08-09T15:05:58.000000Z"),
            "containment",
        ),
        (
            DB,
            78,
            7773,
            Some("2026-08-09T15:09:12.000000Z"),
            "containment",
        ),
        (
            DB,
            80,
            8003,
            Some("2026-08-09T15:09:12.000000Z"),
            "containment",
        ),
    ];
    let wrong = wrong_marks(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn account_unlocks_mark_recovery() {
    let cases: [Case; 4] = [
        (
            DB,
            149,
            14595,
            Some("2026-08-10T13:15:20.000000Z"),
            "recovery",
        ),
        (
            DB,
            151,
            14825,
            Some("2026-08-10T13:15:20.000000Z"),
            "recovery",
        ),
        (
            WEB,
            227,
            23357,
            Some("2026-08-10T13:17:45.000000Z"),
            "recovery",
        ),
        (
            WEB,
            229,
            23599,
            Some("2026-08-10T13:17:45.000000Z"),
            "recovery",
        ),
    ];
    let wrong = wrong_marks(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

// ------------------------------------------------------------------------------------------------
// Attacker activity in INC-1, product by product

#[test]
fn reconnaissance_and_exploit_sessions_are_compromise() {
    let cases: Vec<Case> = [61u64, 62, 63, 64, 66, 67, 70, 74]
        .iter()
        .map(|l| (LEEF, *l, offset_of(LEEF, *l), None, "compromise"))
        .collect();
    let wrong = wrong_in_main(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
#[ignore = "afterlog puts none of shop-web-01's attacker execs (auditd) nor its sudo line (WEB 63) in any incident, truth is INC-1 compromise: entities never come from command lines (the reverse shell names /dev/tcp/203.0.113.47/443), shop-web-01's address and name never meet in one record (LEEF: addresses; auditd/auth.log: the name), and a web-shell foothold opens no session (attacker.rs opens sessions only at successful logins); auditd users are uids (33, 0)"]
fn web_shell_and_privilege_escalation_on_shop_web_01_are_compromise() {
    let mut cases: Vec<Case> = [67u64, 73, 79, 85, 91, 97, 103, 109, 127, 137, 143]
        .iter()
        .map(|l| (AUD, *l, offset_of(AUD, *l), None, "compromise"))
        .collect();
    cases.push((
        WEB,
        63,
        6386,
        Some("2026-08-09T14:09:12.000000Z"),
        "compromise",
    ));
    let wrong = wrong_in_main(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
#[ignore = "afterlog puts useradd/usermod/passwd of sysupdate (WEB 65-69, AUD 155) in no incident, truth is INC-1 compromise: an account created on a host becomes the attacker's only while they hold a session there (attacker.rs follow), and no session on shop-web-01 is ever opened"]
fn backdoor_account_is_compromise() {
    let cases: [Case; 5] = [
        (
            WEB,
            65,
            6665,
            Some("2026-08-09T14:11:05.000000Z"),
            "compromise",
        ),
        (
            WEB,
            66,
            6745,
            Some("2026-08-09T14:11:05.000000Z"),
            "compromise",
        ),
        (
            WEB,
            67,
            6890,
            Some("2026-08-09T14:11:31.000000Z"),
            "compromise",
        ),
        (
            WEB,
            69,
            7049,
            Some("2026-08-09T14:11:58.000000Z"),
            "compromise",
        ),
        (AUD, 155, 33402, None, "compromise"),
    ];
    let wrong = wrong_in_main(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
#[ignore = "afterlog puts AUD 184/196, DB 45 (Accepted publickey for opsadmin from 10.20.30.15) and LEEF 103 in no incident, truth is INC-1 compromise: walk_back from the Elastic alert looks for the detected process on db-02 by image run by the finding's account; the only candidate, the sudo line DB 48, has process '/usr/bin/pg_dump -Fc -f /tmp/.s.dmp shopdb' whose image_name() is '.s.dmp' (after the last '/'), and user opsadmin while the alert's user is postgres (sudo's target), so the session and its login are never reached"]
fn key_theft_and_the_stolen_keys_login_are_compromise() {
    let cases: [Case; 4] = [
        (AUD, 184, 39213, None, "compromise"),
        (AUD, 196, 41488, None, "compromise"),
        (
            DB,
            45,
            4373,
            Some("2026-08-09T14:14:03.000000Z"),
            "compromise",
        ),
        (LEEF, 103, 126776, None, "compromise"),
    ];
    let wrong = wrong_in_main(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
#[ignore = "afterlog puts DB 48 (the sudo pg_dump line), LEEF 102 and CSV 17 in no incident (INC-2 holds only DB 49 'session opened for postgres' as context), truth is INC-1 compromise: 198.51.100.77 becomes the attacker's nowhere (no finding names it, the block's CONFIG record is not read) and db-02's session is not found (see the stolen key test)"]
fn database_dump_and_exfiltration_are_compromise() {
    let cases: [Case; 3] = [
        (
            DB,
            48,
            4723,
            Some("2026-08-09T14:16:40.000000Z"),
            "compromise",
        ),
        (LEEF, 102, 125507, None, "compromise"),
        (CSV, 17, 14135, None, "compromise"),
    ];
    let wrong = wrong_in_main(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
#[ignore = "afterlog marks LEEF 106 (reverse shell session) INC-1 compromise but puts DB 56 (Received disconnect from 10.20.30.15, kind other, no user) and AUD 220 (rm of the web shell) in no incident, truth is INC-1 compromise for all three"]
fn attacker_leaving_db02_and_the_clean_up_are_compromise() {
    let cases: [Case; 3] = [
        (
            DB,
            56,
            5598,
            Some("2026-08-09T14:29:10.000000Z"),
            "compromise",
        ),
        (AUD, 220, 46646, None, "compromise"),
        (LEEF, 106, 129783, None, "compromise"),
    ];
    let wrong = wrong_in_main(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn attacker_dropped_after_the_block_is_compromise() {
    let cases: [Case; 2] = [
        (
            LEEF,
            147,
            178885,
            Some("2026-08-09T15:20:31.000000Z"),
            "compromise",
        ),
        (
            LEEF,
            148,
            180091,
            Some("2026-08-09T15:20:33.000000Z"),
            "compromise",
        ),
    ];
    let wrong = wrong_in_main(&cases);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Byte offset of `line` (1-based) in `file`.
fn offset_of(file: &str, line: u64) -> u64 {
    let data = std::fs::read(scenario().join(file)).unwrap();
    let mut off = 0u64;
    for (i, l) in data.split(|b| *b == b'\n').enumerate() {
        if i as u64 + 1 == line {
            return off;
        }
        off += l.len() as u64 + 1;
    }
    panic!("{file} has no line {line}")
}

// ------------------------------------------------------------------------------------------------
// One happening, one event

/// The events (of `afterlog events`) citing `line` of `file`.
fn events_citing(file: &str, line: u64) -> Vec<&'static Value> {
    let (idx, _) = input(file);
    all_events()
        .iter()
        .filter(|e| cites_record(e, idx, line, None))
        .collect()
}

#[test]
#[ignore = "afterlog gives two events for each of the 9 shared sessions, truth is one each: `afterlog events` never merges across inputs (merge_duplicates runs only in the timeline job, src/job.rs), and even the timeline would not (action 'allow' vs 'network_connection', host none vs pa-edge-01, 1 s receive/generated skew for 4 sessions)"]
fn sessions_in_both_firewall_exports_are_one_event_each() {
    // (session id, LEEF line, CSV line)
    let shared = [
        (1864325, 102u64, 17u64),
        (1862990, 103, 18),
        (1847484, 44, 4),
        (1853087, 75, 12),
        (1858592, 114, 23),
        (1864549, 140, 33),
        (1853069, 57, 8),
        (1859802, 107, 20),
        (1866292, 135, 30),
    ];
    let (csv_idx, _) = input(CSV);
    let mut wrong = vec![];
    for (sid, leef_line, csv_line) in shared {
        let from_leef = events_citing(LEEF, leef_line);
        let from_csv = events_citing(CSV, csv_line);
        let one = from_leef.len() == 1
            && from_csv.len() == 1
            && cites_record(from_leef[0], csv_idx, csv_line, None);
        if !one {
            wrong.push(format!(
                "session {sid}: {} event(s) cite LEEF:{leef_line} {:?}, {} cite CSV:{csv_line} {:?}",
                from_leef.len(),
                from_leef.iter().map(|e| &e["ts"]).collect::<Vec<_>>(),
                from_csv.len(),
                from_csv.iter().map(|e| &e["ts"]).collect::<Vec<_>>()
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
#[ignore = "afterlog puts the SSH session in no incident, truth is one INC-1 event citing LEEF 103 and CSV 18; with --ioc ip:10.20.40.22 it gives two events at the same second: join::merge_duplicates keys on action ('allow' vs 'network_connection') and host (none vs pa-edge-01)"]
fn attackers_ssh_session_is_one_event_in_the_incident() {
    let (csv_idx, _) = input(CSV);
    let found = citing(main_inc(), LEEF, 103, Some(126776));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        cites_record(found[0], csv_idx, 18, Some(15173)),
        "{}",
        found[0]
    );
    assert_eq!(found[0]["ts"], "2026-08-09T14:29:10.000000Z");
}

#[test]
#[ignore = "afterlog puts the exfiltration in no incident, truth is one INC-1 event citing LEEF 102 and CSV 17; a diagnostic run with --ioc ip:198.51.100.77 shows two events even then: join::merge_duplicates keys on action and host, and the LEEF event is action 'allow', host none while the Splunk row is action 'network_connection', host pa-edge-01 (Splunk's host column), 1 s apart (received vs generated time)"]
fn exfiltration_session_is_one_event_in_the_incident() {
    let (csv_idx, _) = input(CSV);
    let found = citing(main_inc(), LEEF, 102, Some(125507));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        cites_record(found[0], csv_idx, 17, Some(14135)),
        "{}",
        found[0]
    );
    assert!(
        ["2026-08-09T14:27:48.000000Z", "2026-08-09T14:27:49.000000Z"]
            .contains(&found[0]["ts"].as_str().unwrap()),
        "{}",
        found[0]["ts"]
    );
}

#[test]
fn alert_in_both_snapshots_is_one_finding() {
    // The same alert document (same kibana.alert.uuid, same @timestamp) in the two snapshots.
    let (el1, _) = input(EL1);
    let (el2, _) = input(EL2);
    for (line, ts) in [
        (1u64, "2026-08-09T14:19:03.764000Z"),
        (2, "2026-08-09T15:02:44.118000Z"),
    ] {
        let findings: Vec<&Value> = incidents()
            .iter()
            .flat_map(|inc| inc["timeline"].as_array().unwrap())
            .filter(|e| {
                e["ts"] == ts
                    && (cites_record(e, el1, line, None) || cites_record(e, el2, line, None))
            })
            .collect();
        assert_eq!(findings.len(), 1, "line {line}: {findings:?}");
        assert!(
            cites_record(findings[0], el1, line, None)
                && cites_record(findings[0], el2, line, None),
            "line {line}: {}",
            findings[0]["evidence"]
        );
    }
}

// ------------------------------------------------------------------------------------------------
// Attack path

#[test]
#[ignore = "afterlog gives INC-1's path as the first session (LEEF 61), then the two THREAT logs; the auditd exec, the db-02 login and the Elastic alert are not in INC-1, truth is LEEF 61 -> AUD 67 -> DB 45 -> EL1:1: the attack is split: afterlog makes the Elastic alert on db-02 its own incident (high, with its status changes, the db-02 lock and unlock) beside INC-1 (the PAN-OS threat logs and the attacker's firewall sessions)"]
fn attack_path_runs_from_the_first_session_through_the_shell_and_the_stolen_key_to_the_alert() {
    let path: Vec<&str> = main_inc()["attack_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["event"].as_str().unwrap())
        .collect();
    let id = |file: &str, line: u64, ts: Option<&str>| -> String {
        let found = citing(main_inc(), file, line, None);
        found
            .iter()
            .find(|e| ts.is_none_or(|t| e["ts"] == t))
            .unwrap_or_else(|| panic!("INC-1 has no event citing {file}:{line}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let want = [
        id(LEEF, 61, Some("2026-08-09T14:02:11.000000Z")),
        id(AUD, 67, None),
        id(DB, 45, Some("2026-08-09T14:14:03.000000Z")),
        id(EL1, 1, Some("2026-08-09T14:19:03.764000Z")),
    ];
    assert_eq!(path.first().copied(), Some(want[0].as_str()), "first hop");
    let mut at = 0;
    for w in &want {
        match path[at..].iter().position(|p| p == w) {
            Some(i) => at += i + 1,
            None => panic!("hop {w} missing or out of order in {path:?}"),
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Scope of INC-1

#[test]
#[ignore = "afterlog gives INC-1 hosts [] (no INC-1 compromise or detection event names a host: LEEF events have none; INC-2 has db-02), truth is shop-web-01, db-02"]
fn scope_hosts_are_the_web_server_and_the_database_server() {
    assert_eq!(sorted(scope("hosts")), ["db-02", "shop-web-01"]);
}

#[test]
#[ignore = "afterlog gives INC-1 users [] (INC-2: postgres), truth is www-data, opsadmin, sysupdate: none of the attacker's account activity is attributed to INC-1"]
fn scope_users_hold_the_shell_the_stolen_account_and_the_backdoor() {
    let users = scope("users");
    for want in ["www-data", "opsadmin", "sysupdate"] {
        assert!(
            users.contains(&want.to_string()),
            "{want} missing: {users:?}"
        );
    }
}

#[test]
fn scope_users_leave_out_responders_developer_and_decoy() {
    let users = scope("users");
    let bad: Vec<&str> = ["jrivera", "kpatel", "mchen", "svc-nagios"]
        .into_iter()
        .filter(|u| users.iter().any(|s| s.ends_with(u)))
        .collect();
    assert!(
        bad.is_empty(),
        "must not be in scope: {bad:?} (all: {users:?})"
    );
}

#[test]
#[ignore = "afterlog gives INC-1 ips 10.20.30.15, 198.51.100.10, 203.0.113.47, truth also has 198.51.100.77 and 10.20.40.22 (the exfiltration and db-02 are in no incident)"]
fn scope_ips_hold_the_attacker_the_exfiltration_and_both_servers() {
    let ips = scope("ips");
    for want in [ATTACKER, EXFIL, WEB_IP, DB_IP] {
        assert!(ips.contains(&want.to_string()), "{want} missing: {ips:?}");
    }
}

#[test]
fn scope_ips_leave_out_scanners_responders_services_and_placeholders() {
    let ips = scope("ips");
    let bad: Vec<&str> = [
        SCANNERS[0],
        SCANNERS[1],
        SCANNERS[2],
        "10.20.60.44",
        "10.20.10.5",
        "10.20.10.21",
        "10.20.10.9",
        "203.0.113.150",
        "198.51.100.140",
        "192.0.2.200",
        "0.0.0.0",
    ]
    .into_iter()
    .filter(|n| ips.contains(&n.to_string()))
    .collect();
    assert!(
        bad.is_empty(),
        "must not be in scope: {bad:?} (all: {ips:?})"
    );
}

#[test]
#[ignore = "afterlog puts the hash of the program the Elastic alert names (pg_dump) in scope, as it does for every finding's program (scenario A's rundll32 is wanted there); truth keeps a legitimate program the attacker used out"]
fn scope_hashes_are_empty() {
    let hashes = scope("hashes");
    for not in [PG_DUMP_SHA256, PG_DUMP_SHA1, TCPDUMP_SHA256] {
        assert!(
            !hashes.contains(&not.to_string()),
            "{not} in scope: {hashes:?}"
        );
    }
    assert!(hashes.is_empty(), "{hashes:?}");
}

#[test]
#[ignore = "afterlog puts pg_dump's SHA-256 in INC-2's scope (the scope takes the findings' hashes), truth is no incident's scope: a system binary the attacker ran, not a file of theirs"]
fn pg_dump_hash_is_in_no_incidents_scope() {
    // pg_dump is a system binary the attacker ran, not their file (TRUTH.md, scope).
    let holders: Vec<String> = incidents()
        .iter()
        .filter(|i| {
            scope_of(i, "hashes")
                .iter()
                .any(|h| h == PG_DUMP_SHA256 || h == PG_DUMP_SHA1)
        })
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        holders.is_empty(),
        "pg_dump's hash in the scope of {holders:?}"
    );
}

// ------------------------------------------------------------------------------------------------
// What stays out of every incident

#[test]
fn visitors_and_scanners_stay_out() {
    // Every inbound web session that is not the attacker's.
    let lines = lines_where(LEEF, |l| {
        l.contains("|RuleName=dmz-shop-inbound|") && !l.contains(&format!("|src={ATTACKER}|"))
    });
    assert!(lines.len() > 100, "{}", lines.len());
    let inside = held(LEEF, &lines);
    assert!(inside.is_empty(), "{inside:#?}");
    let mut by_ip = vec![];
    for inc in incidents() {
        for e in inc["timeline"].as_array().unwrap() {
            let src = e["src_ip"].as_str().unwrap_or("");
            if SCANNERS.contains(&src) {
                by_ip.push(format!("{} {} {}", inc["id"], e["ts"], e["summary"]));
            }
        }
    }
    assert!(by_ip.is_empty(), "{by_ip:#?}");
}

#[test]
fn cron_sessions_stay_out() {
    let mut inside = vec![];
    for file in [WEB, DB] {
        let cron = lines_where(file, |l| l.contains(" CRON["));
        assert!(!cron.is_empty());
        inside.extend(held(file, &cron));
    }
    // auditd: the cron jobs' PAM records and execs (auid=0, or acct root by cron)
    let aud_cron = lines_where(AUD, |l| {
        l.contains("exe=\"/usr/sbin/cron\"")
            || (l.contains("type=SYSCALL") && l.contains(" auid=0 "))
    });
    assert!(!aud_cron.is_empty());
    inside.extend(held(AUD, &aud_cron));
    assert!(inside.is_empty(), "{inside:#?}");
}

#[test]
fn shops_own_www_data_execs_stay_out() {
    let inside = held(AUD, &[31, 37, 55, 61, 228, 234, 379, 385]);
    assert!(
        inside.is_empty(),
        "thumbnail execs in incidents: {inside:#?}"
    );
}

#[test]
#[ignore = "afterlog puts mchen's sudo psql session (DB 38/39, 'session opened/closed for user postgres') in INC-2 as context, truth is out: the Elastic alert's user is postgres (sudo's target) and context is whatever involves the finding's account within an hour of the phases"]
fn developer_sessions_stay_out() {
    // logins, and the sudo psql session (command, opened, closed)
    let mut inside = held(DB, &[34, 37, 38, 39, 52, 91, 138]);
    let rows = lines_where(CSV, |l| l.contains("\"10.20.60.44\""));
    assert_eq!(rows.len(), 2);
    inside.extend(held(CSV, &rows));
    assert!(inside.is_empty(), "{inside:#?}");
}

#[test]
fn stolen_accounts_own_logins_before_and_after_stay_out() {
    let inside = held(DB, &[21, 160]);
    assert!(inside.is_empty(), "{inside:#?}");
}

#[test]
fn background_traffic_stays_out() {
    let mut inside = vec![];
    // the application's pool, the agents' uploads, mon-01's polling, the payment API
    let leef = lines_where(LEEF, |l| {
        l.contains("|dstPort=5432|")
            || l.contains("|dst=198.51.100.140|")
            || l.contains("|dst=203.0.113.150|")
    });
    assert!(leef.len() > 10, "{}", leef.len());
    inside.extend(held(LEEF, &leef));
    let csv = lines_where(CSV, |l| {
        l.contains(",5432,") || l.contains("\"198.51.100.140\"") || l.contains("\"10.20.10.9\"")
    });
    assert!(csv.len() > 20, "{}", csv.len());
    inside.extend(held(CSV, &csv));
    let wildfire = lines_where(LEEF, |l| l.contains("WildFire update job"));
    inside.extend(held(LEEF, &wildfire));
    assert!(inside.is_empty(), "{inside:#?}");
}

#[test]
fn rebuilt_hosts_boot_messages_stay_out() {
    let mut inside = vec![];
    for file in [WEB, DB] {
        let boot = lines_where(file, |l| {
            l.contains("New seat")
                || l.contains("Watching system buttons")
                || l.contains("Server listening")
        });
        assert_eq!(boot.len(), 5, "{file}");
        inside.extend(held(file, &boot));
    }
    assert!(inside.is_empty(), "{inside:#?}");
}

#[test]
fn responders_look_around_is_never_compromise() {
    let mut wrong = vec![];
    for (file, lines) in [(WEB, vec![78u64, 81, 84, 87]), (DB, vec![69, 72, 75])] {
        for l in lines {
            for m in marks_anywhere(file, l, None, None) {
                if m.ends_with(" compromise") || m.ends_with(" detection") {
                    wrong.push(format!("{file}:{l} {m}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
