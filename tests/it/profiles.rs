//! Vendor profiles as an analyst uses them: a new vendor added with a profile file and no
//! rebuild (`--profiles DIR`), `afterlog profiles` checking a profile's samples, a broken
//! profile named in the error, and hosts known only by an agent id found through the id.

use serde_json::Value;

use crate::util::*;

/// A vendor afterlog does not know, as its (made-up) EDR exports it: its own field names, its
/// own time field, an isolation action.
const ACME_EXPORT: &str = concat!(
    r#"{"acme_ts":"2026-03-02T10:00:05Z","machine":"WS-LAB-07","who":"CORP\\bob","verb":"process_start","image":"C:\\Tools\\x.exe","recv":"2026-03-02T10:00:09Z"}"#,
    "\n",
    r#"{"acme_ts":"2026-03-02T10:04:00Z","machine":"WS-LAB-07","who":"soc-analyst","verb":"isolate","recv":"2026-03-02T10:04:02Z"}"#,
    "\n",
);

const ACME_PROFILE: &str = r#"{
  "name": "acme-edr",
  "vendor": "Acme",
  "product": "Acme EDR export",
  "formats": ["ndjson"],
  "recognize": [{"field": "acme_ts"}, {"field": "verb"}],
  "time": [{"field": "acme_ts"}, {"field": "recv", "ingest": true}],
  "fields": {"host": ["machine"], "user": ["who"], "process": ["image"], "action": ["verb"]},
  "rules": [
    {"when": [{"field": "verb", "equals": ["isolate"]}], "kind": "remediation", "action": "host_isolated"},
    {"when": [{"field": "verb", "equals": ["process_start"]}], "kind": "process", "action": "process_created"}
  ],
  "samples": [
    {"record": {"acme_ts": "2026-03-02T10:04:00Z", "machine": "WS-LAB-07", "verb": "isolate"},
     "expect": {"ts": "2026-03-02T10:04:00.000000Z", "kind": "remediation", "action": "host_isolated", "host": "WS-LAB-07"}}
  ]
}"#;

#[test]
fn a_vendor_is_added_with_a_profile_file_and_no_rebuild() {
    let dir = TestDir::new("acme");
    let export = dir.write("exports/acme.ndjson", ACME_EXPORT);
    let profiles = dir.write("profiles/acme-edr.json", ACME_PROFILE);
    let pdir = profiles.parent().unwrap().to_str().unwrap().to_string();
    let export = export.to_str().unwrap();

    // Without the profile: the generic JSON mapping (no vendor meaning).
    let plain = events([export]);
    assert_eq!(plain.len(), 2);
    assert_ne!(plain[1]["action"], "host_isolated");
    let out = stdout_of(["formats", export], 0);
    assert!(!out.contains("profile acme-edr"), "{out}");

    // With it: recognized, named with its reason, and read with its meaning.
    let out = stdout_of(["formats", "--profiles", &pdir, export], 0);
    assert!(
        out.contains("profile acme-edr (Acme Acme EDR export): 2 of 2 records have acme_ts, verb"),
        "{out}"
    );
    let evs = events(["--profiles", &pdir, export]);
    assert_eq!(evs.len(), 2);
    assert_eq!(evs[0]["kind"], "process");
    assert_eq!(evs[0]["action"], "process_created");
    assert_eq!(evs[0]["ts"], "2026-03-02T10:00:05.000000Z");
    assert_eq!(evs[0]["ts_field"], "acme_ts");
    assert_eq!(evs[0]["ts_original"], "2026-03-02T10:00:05Z");
    assert_eq!(evs[0]["host"], "WS-LAB-07");
    assert_eq!(evs[0]["user"], "CORP\\bob");
    assert_eq!(evs[0]["process"], "C:\\Tools\\x.exe");
    assert_eq!(evs[1]["kind"], "remediation");
    assert_eq!(evs[1]["action"], "host_isolated");
    assert_eq!(evs[1]["ts"], "2026-03-02T10:04:00.000000Z");

    // `afterlog profiles` lists it among the built-in ones and checks its sample.
    let out = stdout_of(["profiles", "--profiles", &pdir], 0);
    let line = out
        .lines()
        .find(|l| l.starts_with("acme-edr "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.ends_with("1 sample ok"), "{line}");
    assert!(
        out.contains("crowdstrike-fdr "),
        "built-in profiles listed too: {out}"
    );
}

#[test]
fn a_failing_sample_or_a_broken_profile_is_reported() {
    let dir = TestDir::new("badprof");
    let wrong = ACME_PROFILE.replace(r#""host": "WS-LAB-07"}}"#, r#""host": "WS-LAB-99"}}"#);
    let p = dir.write("wrong/acme-edr.json", wrong);
    let wrong_dir = p.parent().unwrap().to_str().unwrap().to_string();
    let out = afterlog(["profiles", "--profiles", &wrong_dir]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "acme-edr sample 1: host: expected Some(\"WS-LAB-99\"), got Some(\"WS-LAB-07\")"
        ),
        "{text}"
    );

    let p = dir.write(
        "broken/acme-edr.json",
        r#"{"name": "acme-edr", "vendor": "Acme"}"#,
    );
    let broken_dir = p.parent().unwrap().to_str().unwrap().to_string();
    let export = dir.write("acme.ndjson", ACME_EXPORT);
    let out = afterlog([
        "timeline",
        "--profiles",
        &broken_dir,
        export.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("acme-edr.json: not a valid profile"), "{err}");
    assert!(err.contains("missing field `product`"), "{err}");
}

/// An FDR export names hosts only by `aid`; the aidmaster export given in the same run names
/// them. An alert about the host from another product makes the host wanted: its sensor
/// events, which never spell its name, are found through the aid.
#[test]
fn hosts_known_only_by_agent_id_are_named_and_found() {
    let dir = TestDir::new("aid");
    let aid = "0f2e5c6b7a8948e1b2c3d4e5f6a7b8c9";
    let other = "7d1c9a0b3e2f4a5b8c6d7e8f9a0b1c2d";
    dir.write(
        "aidmaster.ndjson",
        format!(
            "{{\"aid\":\"{aid}\",\"ComputerName\":\"WS-ACC-042\",\"Time\":\"1700000000.000\"}}\n\
             {{\"aid\":\"{other}\",\"ComputerName\":\"WS-HR-07\",\"Time\":\"1700000000.000\"}}\n"
        ),
    );
    let mut fdr = String::new();
    // Background on the other host, the dump on WS-ACC-042 (no host name in the record),
    // then the sensor's containment of WS-ACC-042.
    for i in 0..50 {
        fdr.push_str(&format!(
            "{{\"event_simpleName\":\"DnsRequest\",\"ContextTimeStamp\":\"{}.000\",\"aid\":\"{other}\",\"DomainName\":\"cdn{i}.example.com\",\"timestamp\":\"{}000\"}}\n",
            1_700_049_000 + i * 30,
            1_700_049_001 + i * 30
        ));
    }
    fdr.push_str(&format!(
        "{{\"event_simpleName\":\"ProcessRollup2\",\"ContextTimeStamp\":\"1700050100.250\",\"aid\":\"{aid}\",\"ImageFileName\":\"\\\\Device\\\\HarddiskVolume3\\\\Windows\\\\System32\\\\rundll32.exe\",\"CommandLine\":\"rundll32.exe C:\\\\Windows\\\\System32\\\\comsvcs.dll, MiniDump 624 C:\\\\Temp\\\\l.dmp full\",\"timestamp\":\"1700050101000\"}}\n"
    ));
    fdr.push_str(&format!(
        "{{\"event_simpleName\":\"NetworkContainmentCompleted\",\"ContextTimeStamp\":\"1700057062.411\",\"aid\":\"{aid}\",\"timestamp\":\"1700057063120\"}}\n"
    ));
    let fdr_path = dir.write("fdr.ndjson", fdr);
    // An Elastic alert (generic ECS) about the host, by its FQDN.
    dir.write(
        "alerts.ndjson",
        "{\"@timestamp\":\"2023-11-15T12:10:00.000Z\",\"event\":{\"kind\":\"signal\"},\"kibana.alert.rule.name\":\"LSASS Memory Dump via comsvcs.dll\",\"kibana.alert.severity\":\"high\",\"host\":{\"name\":\"ws-acc-042.corp.local\"}}\n",
    );
    let doc = timeline([dir.path.to_str().unwrap()]);
    assert_reconciled(&doc);
    let fdr_input = doc["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"].as_str().unwrap().ends_with("fdr.ndjson"))
        .unwrap();
    assert_eq!(fdr_input["events"], 52);
    let aidm = doc["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"].as_str().unwrap().ends_with("aidmaster.ndjson"))
        .unwrap();
    assert_eq!(aidm["skipped"], 2);
    assert_eq!(aidm["events"], 0);
    let incidents = doc["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1);
    let inc = &incidents[0];
    let tl = inc["timeline"].as_array().unwrap();
    let dump: Vec<&Value> = tl
        .iter()
        .filter(|e| e["action"] == "process_created")
        .collect();
    assert_eq!(dump.len(), 1, "the FDR process event is found by its aid");
    assert_eq!(dump[0]["host"], "WS-ACC-042");
    assert_eq!(dump[0]["ts"], "2023-11-15T12:08:20.250000Z");
    assert_eq!(dump[0]["evidence"][0]["line"], 51);
    assert_eq!(
        inc["phases"]["containment"]["start"],
        "2023-11-15T14:04:22.411000Z"
    );
    assert!(
        tl.iter().all(|e| e["host"] != "WS-HR-07"),
        "the other host's sensor events stay out"
    );
    let _ = fdr_path;
}

/// The README's table of built-in profiles names every profile file, and nothing else.
#[test]
fn readme_lists_every_builtin_profile() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(repo().join("parsers/profiles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
        .collect();
    names.sort();
    for n in &names {
        assert!(
            readme.contains(&format!("`{n}`")),
            "README does not name {n}"
        );
    }
    let out = stdout_of(["profiles"], 0);
    let listed = out.lines().filter(|l| !l.starts_with(' ')).count();
    assert_eq!(listed, names.len(), "{out}");
}
