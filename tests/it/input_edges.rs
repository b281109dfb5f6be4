//! Inputs as analysts bring them: CRLF, invalid UTF-8, gzip (multi-member, truncated), chunk
//! boundaries inside records, thread counts, exit codes.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;

use crate::util::*;

/// An auth.log excerpt as written by rsyslog (no PRI, no year, local time).
const AUTH: &str = "\
Mar  2 10:12:03 bastion-01 sshd[2211]: Failed password for deploy from 203.0.113.77 port 50514 ssh2
Mar  2 10:12:09 bastion-01 sshd[2211]: Failed password for invalid user admin from 203.0.113.77 port 50514 ssh2
Mar  2 10:18:41 bastion-01 sshd[2240]: Accepted password for deploy from 203.0.113.77 port 50602 ssh2
Mar  2 10:18:41 bastion-01 sshd[2240]: pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)
Mar  2 10:19:30 bastion-01 sudo:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/bin/bash
Mar  2 10:21:02 bastion-01 useradd[2301]: new user: name=svc-backup, UID=1002, GID=1002, home=/home/svc-backup, shell=/bin/bash, from=/dev/pts/1
";

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn crlf_line_ends_are_not_part_of_records() {
    let dir = TestDir::new("crlf");
    let crlf = AUTH.replace('\n', "\r\n");
    let path = dir.write("auth.log", &crlf);
    let evs = events([
        path.to_str().unwrap(),
        "--year",
        "2026",
        "--tz",
        "Europe/Berlin",
    ]);
    assert_eq!(evs.len(), 6);
    for (e, want) in evs.iter().zip(AUTH.lines()) {
        let ev = &e["evidence"][0];
        let got = cited(
            &path,
            ev["offset"].as_u64().unwrap(),
            ev["length"].as_u64().unwrap(),
        );
        assert_eq!(String::from_utf8(got).unwrap(), want);
    }
    // Second line starts after "...ssh2\r\n" of the first (99 bytes + CRLF).
    assert_eq!(evs[1]["evidence"][0]["offset"], 101);
    assert_eq!(evs[1]["evidence"][0]["line"], 2);
}

#[test]
fn invalid_utf8_is_read_and_flagged_not_dropped() {
    let dir = TestDir::new("utf8");
    let mut bytes = b"Mar  2 10:12:03 bastion-01 app[1]: caf\xe9 \xff\xfe broken\n".to_vec();
    bytes.extend_from_slice(b"Mar  2 10:12:04 bastion-01 app[1]: fine\n");
    let path = dir.write("bad.log", &bytes);
    let doc = timeline([path.to_str().unwrap(), "--year", "2026"]);
    assert_reconciled(&doc);
    let input = &doc["inputs"][0];
    assert_eq!(input["events"], 2);
    assert_eq!(input["rejected"], 0);
    let w: Vec<&Value> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "invalid_utf8")
        .collect();
    assert_eq!(w.len(), 1, "{:?}", doc["warnings"]);
    assert!(w[0]["message"]
        .as_str()
        .unwrap()
        .contains("1 records are not valid UTF-8"));
    let evs = events([path.to_str().unwrap(), "--year", "2026"]);
    assert_eq!(
        evs[0]["fields"]["msg"],
        "caf\u{fffd} \u{fffd}\u{fffd} broken"
    );
    // The evidence still cites the original bytes.
    let ev = &evs[0]["evidence"][0];
    assert_eq!(
        cited(
            &path,
            ev["offset"].as_u64().unwrap(),
            ev["length"].as_u64().unwrap()
        ),
        bytes[..bytes.iter().position(|&b| b == b'\n').unwrap()].to_vec()
    );
}

#[test]
fn gzip_multi_member_is_read_whole() {
    let dir = TestDir::new("gz");
    let (a, b) = AUTH.split_at(AUTH.find("Mar  2 10:18:41").unwrap());
    let mut bytes = gzip(a.as_bytes());
    bytes.extend(gzip(b.as_bytes()));
    let path = dir.write("auth.log.gz", &bytes);
    let doc = timeline([path.to_str().unwrap(), "--year", "2026"]);
    let input = &doc["inputs"][0];
    assert_eq!(input["compression"], "gzip");
    assert_eq!(input["bytes"], bytes.len() as u64);
    assert_eq!(input["decoded_bytes"], AUTH.len() as u64);
    assert_eq!(input["records"], 6);
    assert_eq!(input["events"], 6);
    assert_eq!(input["format"], "rfc3164");
}

#[test]
fn truncated_gzip_keeps_what_was_read_and_loses_nothing_else() {
    let dir = TestDir::new("gztrunc");
    let mut big = String::new();
    for i in 0..400 {
        big.push_str(&format!(
            "Mar  2 10:{:02}:{:02} bastion-01 sshd[{}]: Failed password for invalid user u{i} from 198.51.100.{} port {} ssh2\n",
            i / 60 % 60,
            i % 60,
            3000 + i,
            i % 250,
            40000 + i
        ));
    }
    let gz = gzip(big.as_bytes());
    let cut = &gz[..gz.len() * 2 / 3];
    let bad = dir.write("a-truncated.log.gz", cut);
    let good = dir.write("b-good.log", AUTH);
    let out = afterlog([
        "timeline",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
        "--year",
        "2026",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid(&doc, afterlog::output::TIMELINE_SCHEMA);
    assert_reconciled(&doc);
    let t = &doc["inputs"][0];
    let g = &doc["inputs"][1];
    assert_eq!(g["events"], 6, "the other input is untouched");
    assert_eq!(g["rejected"], 0);
    let events = t["events"].as_u64().unwrap();
    assert!(events > 0 && events < 400, "some records decoded: {events}");
    assert_eq!(t["rejected"], 1, "the cut-off last record");
    assert_eq!(t["reject_reasons"]["truncated input"], 1);
    assert_eq!(t["rejects"][0]["line"], events + 1);
    let warn = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "input_truncated")
        .expect("input_truncated warning");
    assert_eq!(warn["input"], 0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("decompression stopped early"), "{stderr}");
}

#[test]
fn chunk_boundaries_inside_records_change_nothing() {
    let dir = TestDir::new("chunks");
    let mut text = String::new();
    for _ in 0..20 {
        text.push_str(AUTH);
        text.push('\n'); // a blank line too
    }
    let path = dir.write("auth.log", &text);
    let p = path.to_str().unwrap();
    let base = stdout_of(["events", p, "--year", "2026", "--tz", "Europe/Berlin"], 0);
    assert_eq!(base.lines().count(), 120);
    for chunk in ["1", "7", "64", "333", "4096"] {
        let got = stdout_of(
            [
                "events",
                p,
                "--year",
                "2026",
                "--tz",
                "Europe/Berlin",
                "--chunk-bytes",
                chunk,
            ],
            0,
        );
        assert_eq!(got, base, "--chunk-bytes {chunk}");
    }
    let doc = timeline([p, "--year", "2026", "--chunk-bytes", "5"]);
    assert_eq!(doc["inputs"][0]["records"], 140);
    assert_eq!(doc["inputs"][0]["skipped"], 20);
    assert_eq!(doc["inputs"][0]["skip_reasons"]["blank"], 20);
}

#[test]
fn output_is_byte_identical_at_any_thread_count() {
    let dir = TestDir::new("threads");
    for i in 0..5 {
        dir.write(&format!("auth-{i}.log"), AUTH.repeat(30));
    }
    let d = dir.path.to_str().unwrap();
    let one = stdout_of(["timeline", d, "--threads", "1", "--chunk-bytes", "512"], 0);
    for n in ["2", "3", "8"] {
        let many = stdout_of(["timeline", d, "--threads", n, "--chunk-bytes", "512"], 0);
        assert!(one == many, "timeline differs at --threads {n}");
    }
    let one = stdout_of(["events", d, "--threads", "1"], 0);
    let two = stdout_of(["events", d, "--threads", "2", "--chunk-bytes", "300"], 0);
    assert!(one == two, "events differ across thread counts");
}

#[test]
fn exit_codes_follow_the_contract() {
    let dir = TestDir::new("exit");
    let junk = dir.write("junk.txt", "this is not a log\nneither is this\n");
    let out = afterlog(["timeline", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "nothing usable read");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["inputs"][0]["format"], "unknown");
    assert_eq!(doc["inputs"][0]["rejected"], 2);
    assert_eq!(doc["inputs"][0]["rejects"][1]["line"], 2);
    assert_eq!(doc["inputs"][0]["rejects"][1]["offset"], 18);

    let missing = dir.path.join("nope.log");
    let out = afterlog(["timeline", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.log"));

    let good = dir.write("auth.log", AUTH);
    let out = afterlog(["timeline", good.to_str().unwrap(), "--tz", "Mars/Olympus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown time zone"));
    let out = afterlog(["timeline", good.to_str().unwrap(), "--ioc", "color:blue"]);
    assert_eq!(out.status.code(), Some(2));
    let out = afterlog(["timeline", good.to_str().unwrap(), "--format", "nope"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn events_are_in_time_order_across_inputs() {
    let dir = TestDir::new("order");
    dir.write(
        "b.log",
        "Mar  2 10:00:05 h a[1]: two\nMar  2 10:00:01 h a[1]: zero\n",
    );
    dir.write("a.log", "Mar  2 10:00:03 h a[1]: one\n");
    let evs = events([dir.path.to_str().unwrap(), "--year", "2026"]);
    let got: Vec<(&str, u64)> = evs
        .iter()
        .map(|e| (e["ts"].as_str().unwrap(), e["input"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("2026-03-02T10:00:01.000000Z", 1),
            ("2026-03-02T10:00:03.000000Z", 0),
            ("2026-03-02T10:00:05.000000Z", 1),
        ]
    );
}
