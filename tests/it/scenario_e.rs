//! Scenario E (`fixtures/scenarios/scenario-e/`): a held-out cloud identity incident against its truth
//! table (`fixtures/scenarios/scenario-e/TRUTH.md`), decided from the story and the contract before
//! afterlog was run. MFA fatigue on an Okta user from an outside address, SSO to AWS
//! (`AssumeRoleWithSAML`), S3 objects downloaded, an IAM user `backup-svc2` with an access key left as
//! persistence and used from a second address (CloudTrail); the user's own report in Okta is the
//! finding; the admins clear her sessions, suspend her, deactivate and delete the key, revoke the
//! role's sessions, delete the user, and unsuspend and reset her the next day. A Suricata policy alert
//! about another host is the decoy (an incident of its own).
//!
//! Each assertion that afterlog does not meet is its own test, marked `#[ignore]` with what afterlog
//! gives and what the truth is; the truth and the data are never changed to fit the tool.

use std::sync::OnceLock;

use serde_json::Value;

use crate::util::*;

const OKTA: &str = "okta/systemlog_2026-09-15_2026-09-16.ndjson";
const CT0920: &str =
    "cloudtrail/418273645091_CloudTrail_us-east-1_20260915T0920Z_Lw3Hk8pQz1Ra6Ye0.json";
const CT0935: &str =
    "cloudtrail/418273645091_CloudTrail_us-east-1_20260915T0935Z_Tz6Nb0Xc4Mv9Sd2f.json";
const CT1000: &str =
    "cloudtrail/418273645091_CloudTrail_us-east-1_20260915T1000Z_Gh2Jk5Lm8Np1Qr4s.json";
const CT1010: &str =
    "cloudtrail/418273645091_CloudTrail_us-east-1_20260915T1010Z_Vb7Cx0Zq3Wy6Er9t.json";
const EVE: &str = "suricata/eve-dub-edge-01_2026-09-15.json";

fn scenario() -> std::path::PathBuf {
    repo().join("fixtures/scenarios/scenario-e")
}

/// `afterlog timeline fixtures/scenarios/scenario-e/`, run once for all tests.
fn doc() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let d = timeline([format!("{}/", scenario().display())]);
        assert_reconciled(&d);
        d
    })
}

fn incidents() -> &'static [Value] {
    doc()["incidents"].as_array().unwrap()
}

/// Index and report of the input whose path ends with `suffix`.
fn input(suffix: &str) -> (usize, &'static Value) {
    input_ending(doc(), suffix)
}

/// The events of `inc`'s timeline citing that record.
fn citing(inc: &'static Value, file: &str, line: u64, offset: u64) -> Vec<&'static Value> {
    timeline_citing(inc, input(file).0, line, Some(offset))
}

/// The attack: the incident holding the user's report.
fn main_inc() -> &'static Value {
    incidents()
        .iter()
        .find(|i| !citing(i, OKTA, 49, 88935).is_empty())
        .expect("an incident holds the user's report")
}

/// The decoy: the incident holding the DoH policy alert.
fn decoy_inc() -> &'static Value {
    incidents()
        .iter()
        .find(|i| !citing(i, EVE, 33, 15751).is_empty())
        .expect("an incident holds the DoH alert")
}

/// `"INC-n phase"` of every event citing that record, in any incident.
fn marks(file: &str, line: u64, offset: u64) -> Vec<String> {
    let (idx, _) = input(file);
    incidents()
        .iter()
        .flat_map(|inc| {
            inc["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .filter(move |e| cites_record(e, idx, line, Some(offset)))
                .map(move |e| {
                    format!(
                        "{} {}",
                        inc["id"].as_str().unwrap(),
                        e["phase"].as_str().unwrap()
                    )
                })
        })
        .collect()
}

/// The records (file, line, offset, phase) not marked exactly so in the main incident alone.
fn wrong(cases: &[(&str, u64, u64, &str)]) -> Vec<String> {
    let id = main_inc()["id"].as_str().unwrap();
    cases
        .iter()
        .filter_map(|(f, l, o, want)| {
            let got = marks(f, *l, *o);
            let ok = !got.is_empty() && got.iter().all(|g| g == &format!("{id} {want}"));
            (!ok).then(|| format!("{f}:{l}@{o}: want {want}, got {got:?}"))
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
    let mut v: Vec<String> = inc["scope"][k]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_lowercase())
        .collect();
    v.sort();
    v
}

#[test]
fn scenario_e_inputs_reconcile() {
    for (f, n, skipped) in [
        (OKTA, 75, 0),
        (CT0920, 9, 0),
        (CT0935, 9, 0),
        (CT1000, 9, 0),
        (CT1010, 6, 0),
        (EVE, 48, 5),
    ] {
        let (_, i) = input(f);
        assert_eq!(i["records"], n, "{f}");
        assert_eq!(i["rejected"], 0, "{f}");
        assert_eq!(i["events"], n - skipped, "{f}");
    }
}

#[test]
fn scenario_e_two_incidents_main_first() {
    assert_eq!(incidents().len(), 2);
    assert_eq!(incidents()[0]["id"], main_inc()["id"]);
    assert_eq!(main_inc()["severity"], "medium");
    assert_eq!(decoy_inc()["severity"], "low");
    assert_ne!(main_inc()["id"], decoy_inc()["id"]);
}

#[test]
fn scenario_e_compromise() {
    let c = phase("compromise");
    assert_eq!(c["start"], "2026-09-15T09:02:14.527000Z");
    assert_eq!(c["end"], "2026-09-15T10:00:47.000000Z");
}

#[test]
fn scenario_e_detection_triage_resolution() {
    assert_eq!(phase("detection")["start"], "2026-09-15T09:41:07.312000Z");
    assert_eq!(phase("detection")["end"], "2026-09-15T09:41:07.312000Z");
    assert!(phase("triage").is_null());
    assert!(phase("resolution").is_null());
}

#[test]
fn scenario_e_containment_start() {
    assert_eq!(phase("containment")["start"], "2026-09-15T09:52:18.604000Z");
}

#[test]
#[ignore = "afterlog gives containment.end 09:58:40 (UpdateAccessKey), truth is 09:59:30: PutRolePolicy AWSRevokeOlderSessions (console 'Revoke active sessions') kills the attacker's role session; aws-cloudtrail.json has no rule for it and it names no user, so it is in no incident"]
fn scenario_e_containment_end_role_sessions_revoked() {
    assert_eq!(phase("containment")["end"], "2026-09-15T09:59:30.000000Z");
}

#[test]
fn scenario_e_eradication_start() {
    assert_eq!(phase("eradication")["start"], "2026-09-15T10:04:12.000000Z");
}

#[test]
#[ignore = "afterlog gives eradication.end 2026-09-16T08:44:50.027 (the user's own update_password), truth is 08:31:05.440 (the admin's reset): password_changed is in src/correlate/phase.rs ERADICATION, so a user completing a reset counts as a responder's eviction"]
fn scenario_e_eradication_end() {
    assert_eq!(phase("eradication")["end"], "2026-09-16T08:31:05.440000Z");
}

#[test]
fn scenario_e_recovery() {
    assert_eq!(phase("recovery")["start"], "2026-09-16T08:30:12.118000Z");
    assert_eq!(phase("recovery")["end"], "2026-09-16T08:30:12.118000Z");
}

#[test]
fn scenario_e_metrics() {
    assert_eq!(metric("time_to_detect_s"), 2332);
    assert!(metric("time_to_triage_s").is_null());
    assert_eq!(metric("time_to_contain_s"), 671);
    assert_eq!(metric("time_to_eradicate_s"), 1384);
    assert_eq!(metric("time_to_recover_s"), 82144);
    assert!(metric("time_to_resolve_s").is_null());
    assert_eq!(metric("dwell_time_s"), 3004);
}

#[test]
fn scenario_e_phase_records() {
    let cases = [
        (OKTA, 21, 36125, "compromise"),
        (OKTA, 46, 83509, "compromise"),
        (CT0920, 1, 12, "compromise"),
        (CT0935, 1, 11257, "compromise"),
        (CT0935, 1, 13845, "compromise"),
        (CT1010, 1, 3763, "compromise"),
        (OKTA, 49, 88935, "detection"),
        (OKTA, 55, 100144, "containment"),
        (OKTA, 56, 101981, "containment"),
        (CT1010, 1, 12, "containment"),
        (CT1010, 1, 2592, "eradication"),
        (CT1010, 1, 6746, "eradication"),
        (OKTA, 69, 125506, "eradication"),
        (OKTA, 68, 123623, "recovery"),
    ];
    assert_eq!(wrong(&cases), Vec::<String>::new());
}

#[test]
fn scenario_e_persistence_key_use_is_compromise() {
    let cases = [
        (CT1000, 1, 12, "compromise"),
        (CT1000, 1, 1270, "compromise"),
        (CT1000, 1, 4433, "compromise"),
        (CT1000, 1, 2834, "compromise"),
        (CT1000, 1, 5986, "compromise"),
    ];
    assert_eq!(wrong(&cases), Vec::<String>::new());
}

#[test]
#[ignore = "afterlog gives no event for PutRolePolicy AWSRevokeOlderSessions, truth is containment of INC-1 (see containment_end)"]
fn scenario_e_role_session_revocation_is_containment() {
    assert_eq!(
        wrong(&[(CT1010, 1, 1203, "containment")]),
        Vec::<String>::new()
    );
}

#[test]
fn scenario_e_normal_activity_is_not_compromise() {
    // Dana's own sign-ins (home 07:48-08:12, office next day), her own password update; marco's and
    // keiko's sign-ins and AWS sessions; the admins' sign-ins.
    let (_, _) = input(OKTA);
    let mut bad = Vec::new();
    let own: Vec<(&str, u64, u64)> = vec![
        (OKTA, 1, 0),
        (OKTA, 4, 5443),
        (OKTA, 6, 8941),
        (OKTA, 14, 23310),
        (OKTA, 15, 25203),
        (OKTA, 19, 32588),
        (OKTA, 53, 96665),
        (OKTA, 60, 109336),
        (OKTA, 73, 132887),
    ];
    for (f, l, o) in own {
        for g in marks(f, l, o) {
            if !g.ends_with(" context") {
                bad.push(format!("{f}:{l}@{o}: {g}"));
            }
        }
    }
    assert_eq!(bad, Vec::<String>::new());
    // Nobody but Dana's account and backup-svc2 appears in INC-1's events.
    for e in main_inc()["timeline"].as_array().unwrap() {
        let u = e["user"].as_str().unwrap_or("").to_lowercase();
        assert!(
            u.is_empty() || u.contains("dana.whitfield") || u.contains("backup-svc2"),
            "{e}"
        );
    }
}

#[test]
#[ignore = "afterlog gives eradication for the user's own update_password (2026-09-16 08:44:50, okta line 74), truth is context (see eradication_end)"]
fn scenario_e_users_own_password_update_is_context() {
    let got = marks(OKTA, 74, 134570);
    assert!(got.iter().all(|g| g.ends_with(" context")), "{got:?}");
}

#[test]
fn scenario_e_scope_hosts_hashes_users() {
    assert_eq!(scope_of(main_inc(), "hosts"), Vec::<String>::new());
    assert_eq!(scope_of(main_inc(), "hashes"), Vec::<String>::new());
    let users = scope_of(main_inc(), "users");
    assert!(
        users.iter().any(|u| u.contains("dana.whitfield")),
        "{users:?}"
    );
    assert!(
        users.iter().any(|u| u.ends_with("backup-svc2")),
        "{users:?}"
    );
    assert!(
        users
            .iter()
            .all(|u| u.contains("dana.whitfield") || u.ends_with("backup-svc2")),
        "{users:?}"
    );
}

#[test]
fn scenario_e_scope_ips_exclude_decoys() {
    let ips = scope_of(main_inc(), "ips");
    assert!(ips.contains(&"203.0.113.47".to_string()), "{ips:?}");
    for out in [
        "198.51.100.23",
        "192.0.2.20",
        "203.0.113.150",
        "10.60.12.41",
        "10.40.3.118",
        "198.51.100.210",
    ] {
        assert!(!ips.contains(&out.to_string()), "{out} in {ips:?}");
    }
}

#[test]
fn scenario_e_scope_ips_exact() {
    assert_eq!(
        scope_of(main_inc(), "ips"),
        vec!["198.51.100.77".to_string(), "203.0.113.47".to_string()]
    );
}

/// Position in INC-1's attack path of the event citing that record, if any.
fn hop(file: &str, line: u64, offset: u64) -> Option<usize> {
    let ids: Vec<&Value> = citing(main_inc(), file, line, offset)
        .iter()
        .map(|e| &e["id"])
        .collect();
    main_inc()["attack_path"]
        .as_array()
        .unwrap()
        .iter()
        .position(|h| ids.contains(&&h["event"]))
}

#[test]
#[ignore = "afterlog gives the path policy.evaluate_sign_on -> ConsoleLogin -> CreateUser -> finding, truth passes through the Okta session start, AssumeRoleWithSAML and CreateAccessKey (src/correlate/path.rs chooses other hops of the same entities; not traced further)"]
fn scenario_e_attack_path() {
    let hops = [
        hop(OKTA, 46, 83509),
        hop(CT0920, 1, 12),
        hop(CT0935, 1, 13845),
        hop(OKTA, 49, 88935),
    ];
    assert!(hops.iter().all(Option::is_some), "{hops:?}");
    assert!(hops.windows(2).all(|w| w[0] < w[1]), "{hops:?}");
}

#[test]
fn scenario_e_decoy_alert_incident() {
    let d = decoy_inc();
    assert_eq!(
        d["phases"]["detection"]["start"],
        "2026-09-15T10:21:33.557000Z"
    );
    for p in [
        "triage",
        "containment",
        "eradication",
        "recovery",
        "resolution",
    ] {
        assert!(d["phases"][p].is_null(), "{p}");
    }
    assert_eq!(scope_of(d, "ips"), vec!["10.40.3.118", "198.51.100.210"]);
    assert_eq!(scope_of(d, "users"), Vec::<String>::new());
    assert_eq!(scope_of(d, "hosts"), Vec::<String>::new());
    assert!(citing(main_inc(), EVE, 33, 15751).is_empty());
}

#[test]
#[ignore = "afterlog gives INC-2 a compromise (the flagged flow and TLS records, time_to_detect 0), truth is null: a browser's DNS-over-HTTPS is a policy matter with no attacker; the engine treats any finding's addresses as the attacker's"]
fn scenario_e_decoy_has_no_compromise() {
    assert!(decoy_inc()["phases"]["compromise"].is_null());
    assert!(decoy_inc()["metrics"]["time_to_detect_s"].is_null());
}
