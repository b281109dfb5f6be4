//! EVTX files (the `evtx` crate's own samples in the shared corpus): detection by signature,
//! counts equal to what `evtx_dump` (the oracle, `evtx_dump-jsonl/`) implies, exact events,
//! evidence that reads back the binary record. Skips with a message when the corpus is absent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

const FILES: [&str; 6] = [
    "Application_no_crc32",
    "Security_short_selected",
    "issue_201",
    "new-user-security",
    "sample_with_a_bad_chunk_magic",
    "sysmon",
];

fn dir() -> Option<PathBuf> {
    corpus("evtx-crate-samples")
}

fn evtx(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.evtx"))
}

/// The oracle's records: evtx_dump's JSON lines.
fn oracle(dir: &Path, name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join(format!("evtx_dump-jsonl/{name}.jsonl"))).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// What evtx_dump reported on stderr (only for the damaged files).
fn oracle_stderr(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(format!("evtx_dump-jsonl/{name}.stderr.txt")))
        .unwrap_or_default()
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

/// The record ids the file's chunk headers announce, summed over chunks whose header reads.
fn announced(path: &Path) -> u64 {
    let d = std::fs::read(path).unwrap();
    let mut n = 0;
    let mut at = 4096;
    while at + 512 <= d.len() {
        if &d[at..at + 8] == b"ElfChnk\0" {
            let (first, last) = (u64_at(&d, at + 24), u64_at(&d, at + 32));
            n += last - first + 1;
        }
        at += 65536;
    }
    n
}

/// A rendered record's time as the timeline prints it (UTC, microseconds).
fn micros(t: &str) -> String {
    // `2013-10-23T16:22:39.9735000Z` or Sysmon's `2017-12-26 13:10:29.134`.
    let t = t.trim_end_matches('Z').replace(' ', "T");
    let (secs, frac) = t.split_once('.').unwrap_or((&t, ""));
    let frac: String = frac.chars().chain(std::iter::repeat('0')).take(6).collect();
    format!("{secs}.{frac}Z")
}

fn system_time(rec: &Value) -> Option<&str> {
    rec["Event"]["System"]["TimeCreated"]["#attributes"]["SystemTime"].as_str()
}

fn record_id(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn evtx_files_are_detected_by_their_signature() {
    let Some(dir) = dir() else { return };
    let mut args = vec!["formats".to_string()];
    args.extend(FILES.iter().map(|f| evtx(&dir, f).display().to_string()));
    let out = stdout_of(&args, 0);
    for f in FILES {
        let line = out
            .lines()
            .find(|l| l.contains(&format!("{f}.evtx")))
            .unwrap_or_else(|| panic!("{f} in {out}"));
        assert!(
            line.contains(": evtx") && line.contains("ElfFile"),
            "{line}"
        );
    }
    let list = stdout_of(["formats"], 0);
    assert!(list.lines().any(|l| l.starts_with("evtx")), "{list}");
    // Another binary file is still not a format.
    let t = TestDir::new("evtx-not");
    let p = t.write("blob.bin", b"ElfFilX\0\0\0\x01\x02");
    let out = stdout_of(["formats", p.to_str().unwrap()], 0);
    assert!(out.contains("binary data"), "{out}");
}

#[test]
fn evtx_counts_are_what_the_evtx_dump_oracle_implies() {
    let Some(dir) = dir() else { return };
    // (records, events, rejected) by file, and the reasons of the rejections.
    type Expected = (u64, u64, u64, Vec<(&'static str, u64)>);
    let want: BTreeMap<&str, Expected> = [
        ("Application_no_crc32", (17, 17, 0, vec![])),
        ("Security_short_selected", (7, 7, 0, vec![])),
        ("issue_201", (1, 1, 0, vec![])),
        ("new-user-security", (4, 4, 0, vec![])),
        (
            "sample_with_a_bad_chunk_magic",
            (
                469,
                300,
                169,
                vec![
                    ("bad evtx chunk", 2),
                    ("lost evtx record", 166),
                    ("no timestamp", 1),
                ],
            ),
        ),
        ("sysmon", (366, 358, 8, vec![("bad evtx chunk", 8)])),
    ]
    .into_iter()
    .collect();
    for f in FILES {
        let path = evtx(&dir, f);
        let doc = timeline([path.to_str().unwrap()]);
        assert_reconciled(&doc);
        let i = &doc["inputs"][0];
        assert_eq!(i["format"], "evtx", "{f}");
        let n = |k: &str| i[k].as_u64().unwrap();
        let (records, events, rejected, reasons) = &want[f];
        assert_eq!(
            (n("records"), n("events"), n("rejected"), n("skipped")),
            (*records, *events, *rejected, 0),
            "{f}: {}",
            i["reject_reasons"]
        );
        for (k, v) in reasons {
            assert_eq!(i["reject_reasons"][*k], *v, "{f} {k}");
        }
        // The same numbers derived from the oracle: every record evtx_dump rendered is read
        // (an event, or rejected when it has no time); each chunk it could not parse is one
        // rejection; the ids the chunk headers announce that it did not render are lost.
        let o = oracle(&dir, f);
        let timed = o.iter().filter(|r| system_time(r).is_some()).count() as u64;
        assert_eq!(n("events"), timed, "{f}");
        let reason = |k: &str| i["reject_reasons"][k].as_u64().unwrap_or(0);
        assert_eq!(reason("no timestamp"), o.len() as u64 - timed, "{f}");
        let err = oracle_stderr(&dir, f);
        assert_eq!(
            reason("bad evtx chunk"),
            err.matches("Invalid EVTX chunk header magic").count() as u64,
            "{f}"
        );
        assert_eq!(
            reason("lost evtx record"),
            announced(&path) - o.len() as u64,
            "{f}"
        );
    }
}

#[test]
fn evtx_events_are_the_oracle_records_with_their_ids_and_utc_times() {
    let Some(dir) = dir() else { return };
    for f in FILES {
        let path = evtx(&dir, f);
        let events = events([path.to_str().unwrap()]);
        let sysmon = f == "sysmon";
        // Oracle: EventRecordID → the time the event must have.
        let mut want: BTreeMap<String, String> = BTreeMap::new();
        for r in oracle(&dir, f) {
            let Some(t) = system_time(&r) else { continue };
            let utc = r["Event"]["EventData"]["UtcTime"].as_str();
            let t = match (sysmon, utc) {
                (true, Some(u)) => micros(u),
                _ => micros(t),
            };
            want.insert(record_id(&r["Event"]["System"]["EventRecordID"]), t);
        }
        let got: BTreeMap<String, String> = events
            .iter()
            .map(|e| {
                (
                    e["fields"]["Event.System.EventRecordID"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    e["ts"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(got.len(), events.len(), "{f}: record ids are unique");
        assert_eq!(got, want, "{f}");
        // Time order, and every event is an EVTX event of this input.
        let ts: Vec<&str> = events.iter().map(|e| e["ts"].as_str().unwrap()).collect();
        assert!(ts.windows(2).all(|w| w[0] <= w[1]), "{f}");
        assert!(events.iter().all(|e| e["evidence"][0]["format"] == "evtx"));
    }
}

#[test]
fn evtx_evidence_reads_back_the_binary_record() {
    let Some(dir) = dir() else { return };
    for f in FILES {
        let path = evtx(&dir, f);
        let data = std::fs::read(&path).unwrap();
        for e in events([path.to_str().unwrap()]) {
            let ev = &e["evidence"][0];
            let (offset, length) = (
                ev["offset"].as_u64().unwrap(),
                ev["length"].as_u64().unwrap(),
            );
            let rec = cited(&path, offset, length);
            assert_eq!(&rec[..4], b"**\0\0", "{f} at {offset}");
            assert_eq!(u64::from(u32_at(&rec, 4)), length, "{f} at {offset}");
            if f != "sample_with_a_bad_chunk_magic" {
                // (Damaged records there can have lost the trailing copy of their size.)
                assert_eq!(u64::from(u32_at(&rec, rec.len() - 4)), length);
            }
            // `line` is the record number of the record header.
            assert_eq!(
                ev["line"].as_u64().unwrap(),
                u64_at(&data, offset as usize + 8)
            );
        }
    }
}

#[test]
fn evtx_new_user_4720_exactly() {
    let Some(dir) = dir() else { return };
    let path = evtx(&dir, "new-user-security");
    let events = events([path.to_str().unwrap()]);
    let e = events
        .iter()
        .find(|e| e["fields"]["Event.System.EventID"] == "4720")
        .expect("the 4720");
    assert_eq!(e["ts"], "2013-10-23T16:22:39.973500Z");
    assert_eq!(e["ts_quality"], serde_json::json!([]));
    assert_eq!(e["kind"], "account_change");
    assert_eq!(e["action"], "user_created");
    assert_eq!(e["outcome"], "success");
    assert_eq!(e["host"], "IE8Win7");
    assert_eq!(e["user"], "IEUser");
    assert_eq!(
        e["summary"],
        "User account created (4720) on IE8Win7: account IEUser, by WIN-QALA5Q3KJ43$"
    );
    assert_eq!(
        e["ts_field"],
        "Event.System.TimeCreated.#attributes.SystemTime"
    );
    assert_eq!(e["ts_original"], "2013-10-23T16:22:39.9735000Z");
    assert_eq!(e["fields"]["Event.EventData.SamAccountName"], "IEUser");
    assert_eq!(e["fields"]["Event.System.EventRecordID"], "112");
    assert_eq!(
        e["evidence"],
        serde_json::json!([{"input": 0, "line": 2, "offset": 6912, "length": 2248, "format": "evtx"}])
    );
    // The three group changes name the new account only by its SID
    // (S-1-5-21-3463664321-2923530833-3546627382-1000); the 4720 in the same log gives that
    // SID's name, so they are about IEUser.
    let groups: Vec<&Value> = events
        .iter()
        .filter(|e| e["action"] == "group_member_added")
        .collect();
    assert_eq!(groups.len(), 3);
    assert!(groups.iter().all(|g| g["user"] == "IEUser"), "{groups:?}");
    assert!(groups
        .iter()
        .all(|g| g["fields"]["Event.EventData.MemberSid"]
            == "S-1-5-21-3463664321-2923530833-3546627382-1000"));
    assert!(groups.iter().any(|g| g["summary"]
        .as_str()
        .unwrap()
        .contains("group Administrators")));
}

#[test]
fn evtx_sysmon_process_creation_exactly() {
    let Some(dir) = dir() else { return };
    let path = evtx(&dir, "sysmon");
    let events = events([path.to_str().unwrap()]);
    let e = events
        .iter()
        .find(|e| e["evidence"][0]["line"] == 1742)
        .expect("record 1742");
    assert_eq!(e["ts"], "2017-12-26T13:10:29.134000Z");
    assert_eq!(e["ts_field"], "Event.EventData.UtcTime");
    assert_eq!(e["ts_original"], "2017-12-26 13:10:29.134");
    assert_eq!(e["kind"], "process");
    assert_eq!(e["action"], "process_created");
    assert_eq!(e["outcome"], "success");
    assert_eq!(e["host"], "DESKTOP-2KGM189");
    assert_eq!(e["user"], "SYSTEM");
    assert_eq!(e["process"], r"C:\Windows\SysWOW64\PING.EXE");
    assert_eq!(
        e["hash"],
        "8F16A431C919A0AA7C9466EC1CDC1E721F30EB5C8182835585A1B74ABECB1920"
    );
    assert_eq!(
        e["summary"],
        "Process created (1) on DESKTOP-2KGM189: account SYSTEM, command line ping  -n 6 127.0.0.1"
    );
    assert_eq!(
        e["evidence"],
        serde_json::json!([{"input": 0, "line": 1742, "offset": 4608, "length": 3672, "format": "evtx"}])
    );
    // A network connection: addresses and Sysmon's own (earlier) time.
    let n = events
        .iter()
        .find(|e| e["evidence"][0]["line"] == 2061)
        .expect("record 2061");
    assert_eq!(n["kind"], "network");
    assert_eq!(n["ts"], "2017-12-18T14:51:29.706000Z");
    assert_eq!(n["src_ip"], "192.168.2.128");
    assert_eq!(n["dst_ip"], "185.26.182.117");
    let kinds = |k: &str| events.iter().filter(|e| e["kind"] == k).count();
    assert_eq!(
        (
            kinds("process"),
            kinds("network"),
            kinds("file"),
            kinds("config_change")
        ),
        (287, 2, 36, 33)
    );
}

#[test]
fn evtx_damage_is_located() {
    let Some(dir) = dir() else { return };
    let doc = timeline([evtx(&dir, "sysmon").to_str().unwrap()]);
    let rejects = doc["inputs"][0]["rejects"].as_array().unwrap();
    // Chunks 9..=16 of sysmon.evtx are not chunks (evtx_dump: bad chunk header magic).
    let offsets: Vec<u64> = rejects
        .iter()
        .map(|r| r["offset"].as_u64().unwrap())
        .collect();
    let want: Vec<u64> = (9..=16).map(|k| 4096 + k * 65536).collect();
    assert_eq!(offsets, want);
    for r in rejects {
        assert_eq!(
            r["line"], 2100,
            "numbered after the last readable record 2099"
        );
        assert!(r["reason"]
            .as_str()
            .unwrap()
            .contains("has no chunk header"));
    }
    let doc = timeline([evtx(&dir, "sample_with_a_bad_chunk_magic")
        .to_str()
        .unwrap()]);
    let first = &doc["inputs"][0]["rejects"][0];
    assert_eq!(first["line"], 46741);
    assert_eq!(first["offset"], 4096 + 0x1fc0);
    let second = &doc["inputs"][0]["rejects"][1];
    assert_eq!(second["line"], 46742);
    assert!(second["reason"]
        .as_str()
        .unwrap()
        .contains("record 46742 of EVTX chunk 0 (records 46728..46857) could not be read"));
}

#[test]
fn evtx_output_is_the_same_at_any_thread_count_and_chunk_size() {
    let Some(dir) = dir() else { return };
    let p = evtx(&dir, "sample_with_a_bad_chunk_magic");
    let p = p.to_str().unwrap();
    let base = stdout_of(["events", p, "--threads", "1"], 0);
    for (threads, chunk) in [("2", "1"), ("3", "131072"), ("2", "100000000")] {
        let got = stdout_of(
            ["events", p, "--threads", threads, "--chunk-bytes", chunk],
            0,
        );
        assert_eq!(got, base, "--threads {threads} --chunk-bytes {chunk}");
    }
    let one = stdout_of(["timeline", p, "--threads", "1", "--chunk-bytes", "1"], 0);
    let many = stdout_of(["timeline", p, "--threads", "2"], 0);
    assert_eq!(one, many);
}

#[test]
fn evtx_events_are_found_again_by_their_entities() {
    let Some(dir) = dir() else { return };
    // An alert about the Sysmon host and the hash of a process it started: the later passes
    // find the Sysmon events that share them (process events are not kept by the first pass)
    // by searching the records' JSON renderings, since their binary form holds UTF-16 text.
    let t = TestDir::new("evtx-collect");
    let alert = t.write(
        "alert.ndjson",
        r#"{"@timestamp":"2017-12-26T13:10:40Z","event":{"kind":"alert"},"kibana.alert.rule.name":"Suspicious ping","kibana.alert.severity":"high","host":{"name":"DESKTOP-2KGM189"},"process":{"hash":{"sha256":"8F16A431C919A0AA7C9466EC1CDC1E721F30EB5C8182835585A1B74ABECB1920"}}}
"#,
    );
    let sysmon = evtx(&dir, "sysmon");
    let doc = timeline([alert.to_str().unwrap(), sysmon.to_str().unwrap()]);
    let incidents = doc["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1, "{doc}");
    let from_evtx: Vec<&Value> = incidents[0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["evidence"][0]["format"] == "evtx")
        .collect();
    assert!(
        from_evtx
            .iter()
            .any(|e| e["action"] == "process_created" && e["evidence"][0]["line"] == 1742),
        "{doc}"
    );
    assert!(from_evtx.iter().all(|e| e["host"] == "DESKTOP-2KGM189"));
}

/// The evtx crate's JSON rendering of a log (`evtx_dump -o jsonl`), as an analyst may export
/// it, is recognized as Windows events (profile windows-evtx-json) and gives the same events
/// as the .evtx file itself.
#[test]
fn evtx_dump_jsonl_reads_as_the_evtx_file_does() {
    let Some(dir) = corpus("evtx-crate-samples") else {
        return;
    };
    for name in ["new-user-security", "Security_short_selected", "sysmon"] {
        let evtx = dir.join(format!("{name}.evtx"));
        let jsonl = dir.join(format!("evtx_dump-jsonl/{name}.jsonl"));
        let out = stdout_of(["formats", jsonl.to_str().unwrap()], 0);
        assert!(
            out.contains(
                "; profile windows-evtx-json (Microsoft Windows event log records as JSON"
            ),
            "{out}"
        );
        let key = |e: &serde_json::Value| {
            [
                "ts", "kind", "action", "outcome", "host", "user", "src_ip", "dst_ip", "process",
                "hash",
            ]
            .map(|k| e[k].to_string())
            .join("|")
        };
        let a: Vec<String> = events([evtx.to_str().unwrap()]).iter().map(key).collect();
        let b: Vec<String> = events([jsonl.to_str().unwrap()]).iter().map(key).collect();
        assert!(!a.is_empty(), "{name}");
        assert_eq!(
            a, b,
            "{name}: the same events from the binary log and its JSON rendering"
        );
    }
}
