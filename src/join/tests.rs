use std::borrow::Cow;

use super::*;
use crate::event::{Event, Severity};
use crate::format::Format;
use crate::pipeline::Engine;

fn prov(input: u32, line: u64, offset: u64) -> Provenance {
    Provenance {
        input,
        line,
        offset,
        length: 10,
        format: Format::Auditd,
    }
}

fn ev(ts: i64, p: Provenance, key: Option<(u64, u8)>, kind: Kind, action: &str) -> OwnedEvent {
    let mut e = Event::new(kind, Cow::Owned(action.to_string()), p);
    e.ts_us = ts;
    e.join = key.map(|(key, rank)| Join { key, rank });
    e.id = 1000 + p.offset;
    e.summary = Cow::Owned(format!("{action} summary"));
    e
}

#[test]
fn the_leader_keeps_its_fields_and_the_others_fill_gaps() {
    let mut syscall = ev(5, prov(0, 3, 30), Some((7, 3)), Kind::Process, "execve");
    syscall.user = Some("1000".into());
    syscall.process = Some("/usr/sbin/arp".into());
    syscall.outcome = Outcome::Success;
    let mut execve = ev(5, prov(0, 1, 10), Some((7, 2)), Kind::Process, "execve");
    execve.process = Some("arp".into());
    execve.host = Some("h1".into());
    execve.summary = "command line: arp -a".into();
    let mut path = ev(5, prov(0, 2, 20), Some((7, 0)), Kind::Other, "path");
    path.dst_ip = Some("192.0.2.1".into());
    path.severity = Some(Severity::Low);
    let m = merge_group(vec![path, syscall, execve]);
    assert_eq!(m.kind, Kind::Process);
    assert_eq!(m.user.as_deref(), Some("1000"));
    assert_eq!(m.process.as_deref(), Some("/usr/sbin/arp"));
    assert_eq!(m.host.as_deref(), Some("h1"));
    assert_eq!(m.dst_ip.as_deref(), Some("192.0.2.1"));
    assert_eq!(m.severity, Some(Severity::Low));
    assert_eq!(m.outcome, Outcome::Success);
    // The leader's summary, then those of the others ranked 2 and up; rank 0 adds none.
    assert_eq!(m.summary, "execve summary; command line: arp -a");
    // Evidence in file order; the id is the first record's.
    assert_eq!(m.provenance.offset, 10);
    assert_eq!(
        m.also.iter().map(|p| p.offset).collect::<Vec<_>>(),
        [20, 30]
    );
    assert_eq!(m.id, 1010);
    assert_eq!(m.join, Some(Join { key: 7, rank: 3 }));
}

#[test]
fn kind_other_is_filled_with_its_action_and_merging_again_changes_nothing() {
    let syscall = ev(5, prov(0, 1, 10), Some((9, 3)), Kind::Other, "setsockopt");
    let mut anom = ev(
        5,
        prov(0, 2, 20),
        Some((9, 0)),
        Kind::Finding,
        "netfilter_cfg",
    );
    anom.severity = Some(Severity::Low);
    let m = merge_group(vec![syscall.clone(), anom.clone()]);
    assert_eq!(
        (m.kind, m.action.as_ref()),
        (Kind::Finding, "netfilter_cfg")
    );
    assert_eq!(m.summary, "setsockopt summary; netfilter_cfg summary");
    // A later pass finds the same records again: the same event comes out.
    let again = merge_group(vec![m.clone(), syscall, anom]);
    assert_eq!(again, m);
    assert_eq!(again.also.len(), 1);
}

#[test]
fn join_merges_only_same_input_key_and_time_and_keeps_the_order() {
    let events = vec![
        ev(1, prov(0, 1, 0), Some((1, 3)), Kind::Process, "a"),
        ev(5, prov(0, 2, 10), Some((2, 3)), Kind::Process, "b"),
        ev(5, prov(0, 3, 20), None, Kind::Other, "plain"),
        ev(5, prov(0, 4, 30), Some((3, 3)), Kind::Other, "c"),
        ev(5, prov(0, 5, 40), Some((2, 0)), Kind::Other, "b2"),
        ev(5, prov(1, 1, 0), Some((2, 0)), Kind::Other, "other input"),
        ev(6, prov(0, 6, 50), Some((2, 0)), Kind::Other, "later time"),
    ];
    let out = join(events.clone());
    let shape: Vec<(&str, Vec<u64>)> = out
        .iter()
        .map(|e| {
            (
                e.action.as_ref(),
                std::iter::once(&e.provenance)
                    .chain(&e.also)
                    .map(|p| p.line)
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            ("a", vec![1]),
            ("b", vec![2, 5]),
            ("plain", vec![3]),
            ("c", vec![4]),
            ("other input", vec![1]),
            ("later time", vec![6]),
        ]
    );
    // The streaming form gives the same.
    let streamed: Vec<OwnedEvent> = Joined::new(events.into_iter()).collect();
    assert_eq!(streamed, out);
    // Nothing joinable: untouched.
    let plain = vec![ev(1, prov(0, 1, 0), None, Kind::Other, "x")];
    assert_eq!(join(plain.clone()), plain);
    assert_eq!(
        Joined::new(plain.clone().into_iter()).collect::<Vec<_>>(),
        plain
    );
}

/// A later pass collects the records that mention an entity (here only the SYSCALL has the
/// user); `complete` finds the other records of its event near it, with exact provenance, even
/// across chunk boundaries.
#[test]
fn partners_complete_a_partly_collected_event() {
    let dir = std::env::temp_dir().join(format!("afterlog-join-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("audit.log");
    let lines = [
        "type=SYSCALL msg=audit(1604994496.155:92733): arch=c000003e syscall=59 success=yes exit=0 items=2 ppid=29002 pid=1631 auid=1000 uid=1000 comm=\"arp\" exe=\"/usr/sbin/arp\" key=(null)",
        "type=SYSCALL msg=audit(1604994496.155:92734): arch=c000003e syscall=59 success=yes exit=0 items=2 ppid=29002 pid=1632 auid=1001 uid=1001 comm=\"grep\" exe=\"/bin/grep\" key=(null)",
        "type=EXECVE msg=audit(1604994496.155:92733): argc=2 a0=\"arp\" a1=\"-a\"",
        "type=EXECVE msg=audit(1604994496.155:92734): argc=3 a0=\"grep\" a1=\"-v\" a2=\"^?\"",
        "type=CWD msg=audit(1604994496.155:92733): cwd=\"/home/wardog\"",
        "type=PROCTITLE msg=audit(1604994496.155:92733): proctitle=617270002D61",
        "type=PROCTITLE msg=audit(1604994496.156:92733): proctitle=617270002D61",
    ];
    let text = lines.join("\n") + "\n";
    std::fs::write(&path, &text).unwrap();
    let mut config = Config::new(vec![path.clone()]);
    config.chunk_bytes = 150;
    config.threads = Some(2);
    let engine = Engine::new(&config).unwrap();
    let run = engine
        .scan(&|e: &crate::event::Event<'_>| e.user.as_deref() == Some("1000"))
        .unwrap();
    assert!(run.inputs[0].framed.chunks.len() > 2);
    assert_eq!(run.notable.len(), 1);
    let events = complete(&run, &config, run.notable.clone());
    assert_eq!(events.len(), 1);
    let e = &events[0];
    let cited: Vec<(u64, String)> = std::iter::once(&e.provenance)
        .chain(&e.also)
        .map(|p| {
            let bytes =
                &text.as_bytes()[p.offset as usize..(p.offset + u64::from(p.length)) as usize];
            (p.line, String::from_utf8(bytes.to_vec()).unwrap())
        })
        .collect();
    // Same serial and time only: 92734's records and the PROCTITLE at .156 stay out.
    let want: Vec<(u64, String)> = [1u64, 3, 5, 6]
        .iter()
        .map(|&l| (l, lines[l as usize - 1].to_string()))
        .collect();
    assert_eq!(cited, want);
    assert_eq!(
        e.summary,
        "1000 ran /usr/sbin/arp (execve); command line: arp -a"
    );
    assert_eq!(e.id, run.notable[0].id);
    let _ = std::fs::remove_dir_all(&dir);
}
