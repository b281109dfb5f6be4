//! JSON documents and CSV with multi-line cells, read as exported: every record keeps its exact
//! line, offset and length (computed here from the files' text by their formats' rules, not
//! taken from the implementation).

use serde_json::Value;

use crate::util::*;

fn fixture(name: &str) -> std::path::PathBuf {
    repo().join("fixtures/formats").join(name)
}

/// (line, offset, length) of `record` inside `text`.
fn place(text: &str, record: &str) -> (u64, u64, u64) {
    let offset = text
        .find(record)
        .unwrap_or_else(|| panic!("{record:?} in fixture"));
    let line = text[..offset].matches('\n').count() as u64 + 1;
    (line, offset as u64, record.len() as u64)
}

fn evidence(e: &Value) -> (u64, u64, u64) {
    let ev = &e["evidence"][0];
    (
        ev["line"].as_u64().unwrap(),
        ev["offset"].as_u64().unwrap(),
        ev["length"].as_u64().unwrap(),
    )
}

#[test]
fn cloudtrail_wrapped_records_are_each_a_record() {
    let path = fixture("cloudtrail-records.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = stdout_of(["formats", path.to_str().unwrap()], 0);
    assert!(
        out.contains(": json — 2 of the first 2 elements of a wrapper object's array"),
        "{out}"
    );
    let evs = events([path.to_str().unwrap()]);
    assert_eq!(evs.len(), 2);
    // Each element runs from its `{` to its matching `}`.
    let first_start = text.find("{\"eventVersion\"").unwrap();
    let second_start = text.rfind("{\"eventVersion\"").unwrap();
    let first_end = text[..second_start].rfind('}').unwrap() + 1;
    let second_end = text.rfind("]}").unwrap();
    assert_eq!(
        evidence(&evs[0]),
        (1, first_start as u64, (first_end - first_start) as u64)
    );
    assert_eq!(
        evidence(&evs[1]),
        (2, second_start as u64, (second_end - second_start) as u64)
    );
    // Read with the aws-cloudtrail profile: a console sign-in is a logon, other calls keep
    // their eventName.
    assert!(out.contains("profile aws-cloudtrail"), "{out}");
    assert_eq!(evs[0]["ts"], "2026-03-02T09:40:11.000000Z");
    assert_eq!(evs[0]["ts_field"], "eventTime");
    assert_eq!(evs[0]["src_ip"], "203.0.113.77");
    assert_eq!(evs[0]["kind"], "authentication");
    assert_eq!(evs[0]["action"], "logon");
    assert_eq!(evs[0]["outcome"], "success");
    assert_eq!(evs[0]["user"], "alice");
    assert_eq!(evs[1]["action"], "ListBuckets");
    assert_eq!(evs[1]["kind"], "other");
    assert_eq!(evs[1]["outcome"], "success");
    assert_eq!(evs[1]["user"], "alice");
    assert_eq!(
        cited(&path, first_start as u64, (first_end - first_start) as u64),
        &text.as_bytes()[first_start..first_end]
    );
}

#[test]
fn concatenated_pretty_objects_are_each_a_record() {
    let path = fixture("crowdstrike-stream-pretty.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = stdout_of(["formats", path.to_str().unwrap()], 0);
    assert!(
        out.contains(": json — 2 of the first 2 elements of concatenated multi-line objects"),
        "{out}"
    );
    let doc = timeline([path.to_str().unwrap()]);
    assert_reconciled(&doc);
    assert_eq!(doc["inputs"][0]["records"], 2);
    let evs = events([path.to_str().unwrap()]);
    let split = text.find("}\n{").unwrap() + 1;
    let first = &text[..split];
    let second = text[split + 1..].trim_end();
    let mut got: Vec<(u64, u64, u64)> = evs.iter().map(evidence).collect();
    got.sort();
    assert_eq!(got, vec![place(&text, first), place(&text, second)]);
    assert_eq!(place(&text, second).0, 31);
    // Read with the crowdstrike-streaming profile: the detection is a finding at
    // metadata.eventCreationTime (ms); the status update is triage at its UTCTimestamp
    // (seconds), on the detection's host found through its DetectId.
    assert!(out.contains("profile crowdstrike-streaming"), "{out}");
    let det = evs.iter().find(|e| evidence(e).1 == 0).unwrap();
    assert_eq!(det["ts"], "2026-03-02T09:16:41.000000Z");
    assert_eq!(det["ts_field"], "metadata.eventCreationTime");
    assert_eq!(det["kind"], "finding");
    assert_eq!(det["action"], "detection");
    assert_eq!(det["host"], "DB-01");
    assert_eq!(det["user"], "deploy");
    assert_eq!(det["severity"], "high");
    let upd = evs.iter().find(|e| evidence(e).1 != 0).unwrap();
    assert_eq!(upd["ts"], "2026-03-02T09:41:18.000000Z");
    assert_eq!(upd["ts_field"], "event.UTCTimestamp");
    assert_eq!(upd["kind"], "incident_status");
    assert_eq!(upd["action"], "in_progress");
    assert_eq!(upd["host"], "DB-01");
    assert_eq!(upd["user"], "jsmith@example.com");
}

#[test]
fn csv_multi_line_cells_keep_exact_provenance() {
    let path = fixture("splunk-export.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = stdout_of(["formats", path.to_str().unwrap()], 0);
    assert!(out.contains(": csv — a header row of 5 columns"), "{out}");
    assert!(
        out.contains(
            "; profile splunk-csv-export (Splunk Search export of events as CSV (Splunk Web \
             Export, REST output_mode=csv)): 3 of 3 records have _time, _raw, no rule_name"
        ),
        "{out}"
    );
    let doc = timeline([path.to_str().unwrap()]);
    assert_reconciled(&doc);
    let input = &doc["inputs"][0];
    assert_eq!(input["records"], 4, "header + 3 rows");
    assert_eq!(input["skip_reasons"]["header"], 1);
    assert_eq!(input["events"], 3);
    let evs = events([path.to_str().unwrap()]);
    let rows: Vec<&str> = text
        .split("\r\n")
        .filter(|r| r.starts_with("\"2026"))
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows[1].contains('\n'),
        "the second row has a cell spanning two lines"
    );
    let got: Vec<(u64, u64, u64)> = evs.iter().map(evidence).collect();
    let want: Vec<(u64, u64, u64)> = rows.iter().map(|r| place(&text, r)).collect();
    assert_eq!(got, want);
    assert_eq!(want[2].0, 5, "the third row starts on line 5");
    // `_time` carries its offset (+0100).
    assert_eq!(evs[0]["ts"], "2026-03-02T09:12:03.000000Z");
    assert_eq!(evs[1]["fields"]["_raw"], "Mar  2 10:41:02 bastion-01 usermod[186485]: lock user \"deploy\" password\n(continued) by jsmith via sudo");
    assert_eq!(evs[2]["host"], "bastion-01");
    // Read by the Splunk CSV profile: no CIM fields in these rows, so `other` events whose
    // summary is the original record (`_raw`).
    assert_eq!(evs[0]["kind"], "other");
    assert_eq!(evs[0]["action"], "event");
    assert_eq!(evs[0]["ts_field"], "_time");
    assert_eq!(
        evs[0]["summary"],
        "Mar  2 10:12:03 bastion-01 sshd[186363]: Failed password for deploy from 203.0.113.77 port 50122 ssh2"
    );
}
