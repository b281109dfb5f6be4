//! Scenario A, a held-out multi-vendor incident (`fixtures/scenarios/scenario-a/`, truth in its
//! `TRUTH.md`): an Okta password spray, the takeover of one account, VPN and RDP to the
//! victim's workstation, an LSASS dump seen by CrowdStrike, and the response across Falcon,
//! Okta and Splunk ES; a PUP detection on another host is the decoy. The truth was fixed from the
//! story and the contract before afterlog was run; each assertion is its own test so that every
//! disagreement shows (and is ignored with its reason) on its own.

use std::sync::OnceLock;

use serde_json::Value;

use crate::util::*;

const OKTA: &str = "okta-system-log.ndjson";
const FW: &str = "lks-gw-01-cef.log";
const FDR: &str = "crowdstrike-fdr-events.ndjson";
const AIDMASTER: &str = "crowdstrike-aidmaster.ndjson";
const STREAM: &str = "crowdstrike-streaming-api.json";
const SPLUNK: &str = "splunk-es-notable-history.json";
const WLB: &str = "winlogbeat-lks-ws-0231.ndjson";
const TRUTH: &str = "TRUTH.md";

const RUNDLL32_SHA256: &str = "a777c8dc084294e72ab5ca25666261e569f306a8ee84f86c1b4bd8bcc71a7685";
const PUP_SHA256: &str = "14a2b26f6f5fe9096125749477fc1b9b81c297b3b3485b2a3b578f3b0b25b23c";

/// `afterlog timeline fixtures/scenarios/scenario-a/`, run once for all tests of this module.
fn doc() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let dir = repo().join("fixtures/scenarios/scenario-a");
        let doc = timeline([dir.to_str().unwrap()]);
        assert_reconciled(&doc);
        doc
    })
}

fn incidents() -> &'static Vec<Value> {
    doc()["incidents"].as_array().expect("incidents")
}

/// The incident holding the record `name`:`line` in its timeline.
fn incident_citing(name: &str, line: u64) -> Option<&'static Value> {
    incidents()
        .iter()
        .find(|inc| event_citing(inc, name, line).is_some())
}

/// The main incident: the one with the Falcon credential-dumping detection (its strongest
/// finding). By the truth it also holds the spray notable; where afterlog splits them, the
/// other part is in [`main_parts`].
fn main_inc() -> &'static Value {
    incident_citing(STREAM, 139).expect("an incident with the Falcon detection")
}

/// Every incident holding one of the main incident's two findings (the Falcon detection, the
/// spray notable): one by the truth. What must stay out of the main incident's scope must stay
/// out of each of them.
fn main_parts() -> Vec<&'static Value> {
    incidents()
        .iter()
        .filter(|inc| {
            event_citing(inc, STREAM, 139).is_some() || event_citing(inc, SPLUNK, 2).is_some()
        })
        .collect()
}

/// The decoy: the incident with the PUP detection.
fn decoy_inc() -> &'static Value {
    incident_citing(STREAM, 315).expect("an incident with the PUP detection")
}

fn input_index(name: &str) -> usize {
    input_ending(doc(), name).0
}

fn input(name: &str) -> &'static Value {
    &doc()["inputs"][input_index(name)]
}

/// Whether `ev` cites `line` of input `name` (any of its evidence entries).
fn cites(ev: &Value, name: &str, line: u64) -> bool {
    cites_record(ev, input_index(name), line, None)
}

/// The event of `inc`'s timeline citing `line` of `name`.
fn event_citing<'a>(inc: &'a Value, name: &str, line: u64) -> Option<&'a Value> {
    inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| cites(e, name, line))
}

fn phase<'a>(inc: &'a Value, p: &str) -> &'a Value {
    &inc["phases"][p]
}

/// Asserts that the record `name`:`line` is an event of phase `p` of `inc` (listed in the
/// phase's events and marked with the phase in the timeline).
fn assert_phase_event(inc: &Value, p: &str, name: &str, line: u64) {
    let ev = event_citing(inc, name, line)
        .unwrap_or_else(|| panic!("no timeline event of {} cites {name}:{line}", inc["id"]));
    assert_eq!(ev["phase"], p, "{name}:{line} marks {p}: {ev}");
    let ids = phase(inc, p)["events"].as_array().expect("phase events");
    assert!(
        ids.contains(&ev["id"]),
        "{name}:{line} ({}) among the {p} events {ids:?}",
        ev["id"]
    );
}

fn list(inc: &Value, k: &str) -> Vec<String> {
    inc["scope"][k]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_lowercase())
        .collect()
}

fn short_host(h: &str) -> String {
    h.split('.').next().unwrap().to_lowercase()
}

/// The spellings of one account: `sam`, `LARKSPUR\sam`, `sam@larkspur.example` (any case).
fn is_account(entry: &str, account: &str) -> bool {
    let e = entry.to_lowercase();
    let a = account.to_lowercase();
    let local = a.split('@').next().unwrap().to_string();
    e == a
        || e == local
        || e == format!("larkspur\\{local}")
        || e == format!("{local}@larkspur.example")
}

// ---------------------------------------------------------------------------------------------
// Inputs

#[test]
fn inputs_are_the_seven_exports_and_the_truth_file() {
    let inputs = doc()["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 8, "seven exports and TRUTH.md");
    let t = input(TRUTH);
    assert_eq!(t["format"], "unknown");
    assert_eq!(t["events"], 0);
}

#[test]
fn inputs_are_read_with_the_vendor_profiles_and_accounted_exactly() {
    let expect: [(&str, &str, u64, u64, u64); 7] = [
        // name, profile named in detected_by, records, events, skipped
        (OKTA, "okta-system-log", 254, 254, 0),
        (FW, "", 220, 220, 0),
        (FDR, "crowdstrike-fdr", 264, 264, 0),
        (AIDMASTER, "crowdstrike-aidmaster", 14, 0, 14),
        (STREAM, "crowdstrike-streaming", 20, 20, 0),
        (SPLUNK, "splunk-es-notable", 5, 3, 2),
        (WLB, "elastic-winlogbeat", 79, 79, 0),
    ];
    for (name, profile, records, events, skipped) in expect {
        let i = input(name);
        assert_eq!(i["records"], records, "{name} records");
        assert_eq!(i["events"], events, "{name} events");
        assert_eq!(i["skipped"], skipped, "{name} skipped");
        assert_eq!(i["rejected"], 0, "{name} rejected");
        assert!(
            i["detected_by"].as_str().unwrap().contains(profile),
            "{name} detected by {profile}: {}",
            i["detected_by"]
        );
    }
    assert_eq!(input(FW)["format"], "cef");
    assert_eq!(input(STREAM)["format"], "json");
}

/// The records of the truth table, cited at their line, offset and length (in whichever
/// incident holds them), and the cited bytes are the record.
#[test]
fn evidence_cites_the_truth_tables_records() {
    let table: [(&str, u64, u64, u64); 20] = [
        (OKTA, 124, 225797, 1565),
        (OKTA, 168, 294492, 1559),
        (OKTA, 181, 316855, 1863),
        (OKTA, 182, 318719, 1903),
        (OKTA, 218, 385318, 1859),
        (FW, 169, 139615, 624),
        (FW, 170, 140240, 793),
        (FW, 176, 144621, 597),
        (FDR, 178, 185245, 1225),
        (FDR, 180, 187697, 387),
        (FDR, 255, 259531, 391),
        (STREAM, 139, 4015, 3265),
        (STREAM, 259, 8630, 1011),
        (STREAM, 293, 9642, 635),
        (STREAM, 541, 17892, 628),
        (STREAM, 563, 18521, 753),
        (SPLUNK, 2, 3185, 3185),
        (SPLUNK, 3, 6371, 3500),
        (SPLUNK, 4, 9872, 3486),
        (WLB, 63, 191697, 3759),
    ];
    let dir = repo().join("fixtures/scenarios/scenario-a");
    for (name, line, offset, length) in table {
        let idx = input_index(name) as u64;
        let ev = incidents()
            .iter()
            .find_map(|inc| event_citing(inc, name, line))
            .unwrap_or_else(|| panic!("{name}:{line} in no incident"));
        let cite = ev["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["input"] == idx && e["line"] == line)
            .unwrap();
        assert_eq!(cite["offset"], offset, "{name}:{line} offset");
        assert_eq!(cite["length"], length, "{name}:{line} length");
        let bytes = cited(&dir.join(name), offset, length);
        assert!(
            bytes.starts_with(b"{") || bytes.starts_with(b"<134>"),
            "{name}:{line}"
        );
        assert!(bytes.ends_with(b"}") || name == FW, "{name}:{line}");
    }
}

// ---------------------------------------------------------------------------------------------
// Incidents

#[test]
fn there_are_two_incidents_the_main_one_first() {
    let ids: Vec<&Value> = incidents().iter().map(|i| &i["title"]).collect();
    assert_eq!(
        incidents().len(),
        2,
        "the main incident and the PUP decoy: {ids:?}"
    );
    assert_eq!(main_inc()["id"], "INC-1");
    assert_eq!(decoy_inc()["id"], "INC-2");
}

#[test]
fn the_main_incident_is_high_and_named_after_the_falcon_detection() {
    let inc = main_inc();
    assert_eq!(inc["severity"], "high");
    assert!(
        inc["title"]
            .as_str()
            .unwrap()
            .contains("OS Credential Dumping"),
        "{}",
        inc["title"]
    );
}

// ---------------------------------------------------------------------------------------------
// Main incident: phases

#[test]
fn compromise_starts_with_the_first_spray_attempt() {
    let inc = main_inc();
    assert_eq!(
        phase(inc, "compromise")["start"],
        "2026-05-12T01:58:03.412000Z"
    );
    assert_phase_event(inc, "compromise", OKTA, 124);
}

#[test]
fn compromise_ends_with_the_attackers_vpn_logout() {
    let inc = main_inc();
    assert_eq!(
        phase(inc, "compromise")["end"],
        "2026-05-12T02:54:40.000000Z"
    );
    assert_phase_event(inc, "compromise", FW, 176);
}

#[test]
fn the_account_takeover_and_the_vpn_login_are_compromise_events() {
    let inc = main_inc();
    // the sprayed password works; the VPN login; the RDP allowed through the firewall
    assert_phase_event(inc, "compromise", OKTA, 168);
    assert_phase_event(inc, "compromise", FW, 169);
    assert_phase_event(inc, "compromise", FW, 170);
}

#[test]
fn the_rdp_logon_and_the_dump_on_the_host_are_compromise_events() {
    let inc = main_inc();
    // the RDP logon from 10.250.0.23, the LSASS dump, the copy to the attacker's drive
    assert_phase_event(inc, "compromise", WLB, 49);
    assert_phase_event(inc, "compromise", FDR, 178);
    assert_phase_event(inc, "compromise", FDR, 179);
}

#[test]
fn dana_back_at_her_desk_is_not_attacker_activity() {
    let inc = main_inc();
    for (name, line) in [(WLB, 69), (WLB, 70), (FDR, 256)] {
        if let Some(ev) = event_citing(inc, name, line) {
            assert_eq!(ev["phase"], "context", "{name}:{line}: {ev}");
        }
    }
}

#[test]
fn detection_starts_with_the_spray_notable_and_ends_with_the_falcon_detection() {
    let inc = main_inc();
    let d = phase(inc, "detection");
    assert_eq!(d["start"], "2026-05-12T02:10:04.000000Z");
    assert_eq!(d["end"], "2026-05-12T02:31:09.418000Z");
    assert_phase_event(inc, "detection", SPLUNK, 2);
    assert_phase_event(inc, "detection", STREAM, 139);
}

#[test]
fn triage_starts_when_the_on_call_takes_the_falcon_detection() {
    let inc = main_inc();
    let t = phase(inc, "triage");
    assert_eq!(t["start"], "2026-05-12T02:49:30.781000Z");
    assert_eq!(t["end"], "2026-05-12T06:47:22.512690Z");
    assert_phase_event(inc, "triage", STREAM, 259);
    assert_phase_event(inc, "triage", SPLUNK, 3);
}

#[test]
fn containment_is_the_host_containment_then_the_account_suspension() {
    let inc = main_inc();
    let c = phase(inc, "containment");
    assert_eq!(c["start"], "2026-05-12T02:53:18.604000Z");
    assert_eq!(c["end"], "2026-05-12T03:04:51.207000Z");
    assert_phase_event(inc, "containment", STREAM, 293);
    assert_phase_event(inc, "containment", FDR, 180);
    assert_phase_event(inc, "containment", OKTA, 181);
}

#[test]
fn eradication_is_the_okta_password_reset() {
    let inc = main_inc();
    let e = phase(inc, "eradication");
    assert_eq!(e["start"], "2026-05-12T03:05:36.912000Z");
    assert_eq!(e["end"], "2026-05-12T03:05:36.912000Z");
    assert_phase_event(inc, "eradication", OKTA, 182);
}

#[test]
fn recovery_runs_from_the_unsuspend_to_the_hosts_release() {
    let inc = main_inc();
    let r = phase(inc, "recovery");
    assert_eq!(r["start"], "2026-05-12T07:58:02.480000Z");
    assert_eq!(r["end"], "2026-05-12T09:41:12.870000Z");
    assert_phase_event(inc, "recovery", OKTA, 218);
    assert_phase_event(inc, "recovery", STREAM, 541);
    assert_phase_event(inc, "recovery", FDR, 255);
}

#[test]
fn resolution_is_the_notable_resolved_then_the_detection_closed() {
    let inc = main_inc();
    let r = phase(inc, "resolution");
    assert_eq!(r["start"], "2026-05-12T10:02:45.804211Z");
    assert_eq!(r["end"], "2026-05-12T10:15:33.209000Z");
    assert_phase_event(inc, "resolution", SPLUNK, 4);
    assert_phase_event(inc, "resolution", STREAM, 563);
}

// ---------------------------------------------------------------------------------------------
// Main incident: metrics (contract formulas, whole seconds)

fn metric(k: &str) -> &'static Value {
    &main_inc()["metrics"][k]
}

#[test]
fn time_to_detect() {
    assert_eq!(*metric("time_to_detect_s"), 720);
}

#[test]
fn time_to_triage() {
    assert_eq!(*metric("time_to_triage_s"), 2366);
}

#[test]
fn time_to_contain() {
    assert_eq!(*metric("time_to_contain_s"), 2594);
}

#[test]
fn time_to_eradicate() {
    assert_eq!(*metric("time_to_eradicate_s"), 3332);
}

#[test]
fn time_to_recover() {
    assert_eq!(*metric("time_to_recover_s"), 27068);
}

#[test]
fn time_to_resolve() {
    assert_eq!(*metric("time_to_resolve_s"), 28361);
}

#[test]
fn dwell_time() {
    assert_eq!(*metric("dwell_time_s"), 3315);
}

// ---------------------------------------------------------------------------------------------
// Main incident: scope

#[test]
fn scope_hosts_hold_the_victims_workstation() {
    let hosts: Vec<String> = list(main_inc(), "hosts")
        .iter()
        .map(|h| short_host(h))
        .collect();
    assert!(hosts.contains(&"lks-ws-0231".to_string()), "{hosts:?}");
}

#[test]
fn scope_hosts_leave_out_the_decoy_and_the_bystanders() {
    for inc in main_parts() {
        let hosts: Vec<String> = list(inc, "hosts").iter().map(|h| short_host(h)).collect();
        for not in [
            "lks-ws-0187",
            "lks-ws-0144",
            "lks-ws-0112",
            "lks-ws-0205",
            "lks-ws-0258",
            "lks-ws-0263",
            "lks-ws-0119",
            "lks-dc-02",
            "lks-fs-01",
            "lks-sccm-01",
            "lks-app-03",
            "lks-sql-01",
            "lks-lt-0144",
            "lks-es-sh01",
        ] {
            assert!(!hosts.contains(&not.to_string()), "{not} in {hosts:?}");
        }
    }
}

#[test]
fn scope_users_hold_both_names_of_the_stolen_account() {
    let users = list(main_inc(), "users");
    for account in ["dana.whitfield@larkspur.example", "dwhitfield"] {
        assert!(
            users.iter().any(|u| is_account(u, account)),
            "{account} in {users:?}"
        );
    }
}

#[test]
fn scope_users_leave_out_the_responders() {
    for inc in main_parts() {
        let users = list(inc, "users");
        for not in [
            "aiko.nakamura@larkspur.example",
            "anakamura",
            "tobias.brandt@larkspur.example",
            "tbrandt",
            "marco.osei@larkspur.example",
            "mosei",
            "selin.yilmaz@larkspur.example",
        ] {
            assert!(
                !users.iter().any(|u| is_account(u, not)),
                "{not} in {users:?}"
            );
        }
    }
}

#[test]
fn scope_users_leave_out_the_targeted_but_not_compromised_accounts() {
    for inc in main_parts() {
        let users = list(inc, "users");
        let sprayed = [
            "pablo.morales",
            "jonas.park",
            "priya.raman",
            "lena.hoffmann",
            "samir.haddad",
            "grace.obi",
            "ivan.petrov",
            "chloe.martin",
            "noah.fischer",
            "emma.larsen",
            "yusuf.demir",
            "hana.sato",
            "oliver.grant",
            "mia.rossi",
            "lucas.meyer",
            "sofia.costa",
            "ben.carter",
            "nina.weber",
            "omar.khalil",
            "ruth.adeyemi",
            "felix.braun",
            "admin",
            "it",
            "test",
        ];
        for name in sprayed {
            let account = format!("{name}@larkspur.example");
            assert!(
                !users.iter().any(|u| is_account(u, &account)),
                "{account} in {users:?}"
            );
        }
        for not in ["pmorales", "jpark", "system", "lks-sccm-01$"] {
            assert!(
                !users.iter().any(|u| is_account(u, not)),
                "{not} in {users:?}"
            );
        }
    }
}

#[test]
fn scope_ips_hold_the_attacker_its_vpn_address_and_the_host() {
    let ips = list(main_inc(), "ips");
    for ip in ["203.0.113.66", "10.250.0.23", "10.30.12.31"] {
        assert!(ips.contains(&ip.to_string()), "{ip} in {ips:?}");
    }
}

#[test]
fn scope_ips_leave_out_responders_scanners_and_bystanders() {
    for inc in main_parts() {
        let ips = list(inc, "ips");
        for not in [
            "192.0.2.20",
            "198.51.100.214",
            "198.51.100.23",
            "198.51.100.97",
            "192.0.2.150",
            "192.0.2.201",
            "203.0.113.140",
            "10.30.12.87",
            "10.30.12.44",
            "10.250.0.11",
            "198.51.100.71",
            "198.51.100.177",
            "10.30.0.25",
            "127.0.0.1",
        ] {
            assert!(!ips.contains(&not.to_string()), "{not} in {ips:?}");
        }
    }
}

#[test]
fn scope_hashes_hold_the_dumping_binary() {
    let hashes = list(main_inc(), "hashes");
    assert!(
        hashes.contains(&RUNDLL32_SHA256.to_string()),
        "rundll32.exe in {hashes:?}"
    );
}

#[test]
fn scope_hashes_leave_out_the_pup_and_the_bystanders() {
    for inc in main_parts() {
        let hashes = list(inc, "hashes");
        for not in [
            PUP_SHA256,
            // chrome.exe, OUTLOOK.EXE, ms-teams.exe, svchost.exe, taskhostw.exe
            "213b00471db89fceff83dd26084ae697642ef9b032ecf0ead1358540762fb20e",
            "9551df3e21feb1e74fc6b2fb0a1a974aa6759ff59a392e109cc57347b3b3ec5c",
            "5ff5ee3a745eb0be31e379d781dbca0b9d9383110a89201c7fbb427f85373327",
            "bfaa299032b2fb82f162a73068630d657209d9acd6c30f8cc71071776d4e41e3",
            "fbd5e745598ef58c61aaee1f2508beb0c16bc5d21151e6a24f38d7d765a79042",
        ] {
            assert!(!hashes.contains(&not.to_string()), "{not} in {hashes:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Main incident: attack path, one event per happening

#[test]
#[ignore = "afterlog's path runs okta:124, the notable, okta:168, the VPN log in, then the RDP session through its network-level (type 3) logon wlb:48 and the dump FDR:178; truth cites the interactive logon wlb:49/FDR:166 for the session hop (the session opens at its first logon)"]
fn attack_path_runs_from_the_spray_through_the_rdp_logon_to_the_dump() {
    let inc = main_inc();
    let hops: Vec<&Value> = inc["attack_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let id = &h["event"];
            inc["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| &e["id"] == id)
                .expect("hop event in the timeline")
        })
        .collect();
    let wanted: [&[(&str, u64)]; 4] = [
        &[(OKTA, 124)],
        &[(OKTA, 168)],
        &[(WLB, 49), (FDR, 166)],
        &[(FDR, 178), (WLB, 63)],
    ];
    let mut at = 0;
    for alternatives in wanted {
        let found = hops[at..]
            .iter()
            .position(|e| alternatives.iter().any(|(n, l)| cites(e, n, *l)));
        let Some(k) = found else {
            let got: Vec<_> = hops.iter().map(|e| e["summary"].clone()).collect();
            panic!("no hop citing {alternatives:?} after hop {at}: {got:?}");
        };
        at += k + 1;
    }
}

#[test]
fn the_dump_is_one_event_citing_both_exports() {
    let inc = main_inc();
    let ev = event_citing(inc, FDR, 178).expect("the dump in the timeline");
    assert!(cites(ev, WLB, 63), "the 4688 record cited too: {ev}");
    assert_eq!(ev["ts"], "2026-05-12T02:31:07.204000Z");
}

// ---------------------------------------------------------------------------------------------
// The decoy

#[test]
fn decoy_is_its_own_low_incident_with_its_own_triage() {
    let inc = decoy_inc();
    assert_eq!(inc["severity"], "low");
    assert_eq!(
        phase(inc, "detection")["start"],
        "2026-05-12T05:37:44.120000Z"
    );
    assert_phase_event(inc, "detection", STREAM, 315);
    assert_eq!(phase(inc, "triage")["start"], "2026-05-12T06:12:09.337000Z");
    assert_phase_event(inc, "triage", STREAM, 435);
    assert_eq!(
        phase(inc, "resolution")["start"],
        "2026-05-12T06:20:51.056000Z"
    );
    assert_phase_event(inc, "resolution", STREAM, 469);
}

#[test]
fn decoy_compromise_is_the_pup_installer_running() {
    let inc = decoy_inc();
    assert_eq!(
        phase(inc, "compromise")["start"],
        "2026-05-12T05:37:40.902000Z"
    );
    assert_phase_event(inc, "compromise", FDR, 187);
}

#[test]
fn decoy_scope_is_its_host_and_user_only() {
    let inc = decoy_inc();
    let hosts: Vec<String> = list(inc, "hosts").iter().map(|h| short_host(h)).collect();
    assert_eq!(hosts, ["lks-ws-0187"]);
    assert_eq!(list(inc, "users"), ["pmorales"]);
}

#[test]
fn decoy_and_main_incident_share_no_phase_event() {
    let ids = |inc: &Value| -> Vec<Value> {
        inc["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["phase"] != "context")
            .map(|e| e["id"].clone())
            .collect()
    };
    let main_all: Vec<&Value> = main_inc()["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["id"])
        .collect();
    for id in ids(decoy_inc()) {
        assert!(!main_all.contains(&&id), "decoy phase event {id} in INC-1");
    }
    let decoy_all: Vec<&Value> = decoy_inc()["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["id"])
        .collect();
    for id in ids(main_inc()) {
        assert!(!decoy_all.contains(&&id), "main phase event {id} in INC-2");
    }
    for e in main_inc()["timeline"].as_array().unwrap() {
        let host = e["host"].as_str().map(short_host);
        assert_ne!(host.as_deref(), Some("lks-ws-0187"), "{}", e["summary"]);
    }
}
