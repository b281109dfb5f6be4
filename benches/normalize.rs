//! Single-thread parse + normalize throughput per format, through the engine's per-record path
//! (the one pass 1 runs on every record): grammar, field mapping without summaries
//! (`Detail::Scan`), and time resolution. Inputs are the sample incident's exports (realistic,
//! varied records written from the vendors' formats) and RFC 5424 lines built from them.
//!
//! Run: `cargo bench --bench normalize -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use afterlog::event::Provenance;
use afterlog::format::Format;
use afterlog::normalize::time::resolve;
use afterlog::normalize::{normalize_record, Detail, Schema};
use afterlog::profile::{ProfileSet, Profiles};
use chrono_tz::Tz;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const AUTH: &str = include_str!("../fixtures/sample-incident/bastion-01-auth.log");
const CEF: &str = include_str!("../fixtures/sample-incident/fw-edge-01-cef.log");
const ECS: &str = include_str!("../fixtures/sample-incident/elastic-db-01.ndjson");

/// RFC 5424 lines carrying the auth.log messages, with structured data on every other line.
fn rfc5424_lines() -> Vec<String> {
    AUTH.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            // "Mar  2 10:12:03 bastion-01 sshd[2211]: msg"
            let rest = l.get(16..)?;
            let (host, rest) = rest.split_once(' ')?;
            let (tag, msg) = rest.split_once(": ")?;
            let (app, pid) = tag.split_once('[').map_or((tag, "-"), |(a, p)| (a, p.trim_end_matches(']')));
            let sd = if i % 2 == 0 {
                format!("[origin@32473 ip=\"10.0.1.{}\" software=\"rsyslogd\"][meta@32473 sequenceId=\"{i}\"]", i % 250)
            } else {
                "-".to_string()
            };
            Some(format!(
                "<38>1 2026-03-02T09:{:02}:{:02}.{:03}+01:00 {host}.corp.local {app} {pid} - {sd} {msg}",
                i % 60,
                (i * 7) % 60,
                i % 1000
            ))
        })
        .collect()
}

/// CrowdStrike FDR sensor events (process, network, DNS, logon), read with the built-in
/// vendor profiles as an input detected as FDR is.
fn fdr_lines() -> Vec<String> {
    const SIMPLE: [&str; 4] = [
        "ProcessRollup2",
        "NetworkConnectIP4",
        "DnsRequest",
        "UserLogon",
    ];
    (0..2000u64)
        .map(|i| {
            let t = 1_700_050_000 + i * 3;
            let body = match i % 4 {
                0 => format!(
                    "\"CommandLine\":\"C:\\\\Windows\\\\System32\\\\svchost.exe -k netsvcs -p -s Schedule{i}\",\"ImageFileName\":\"\\\\Device\\\\HarddiskVolume3\\\\Windows\\\\System32\\\\svchost.exe\",\"ParentProcessId\":\"{}\",\"RawProcessId\":\"{}\",\"SHA256HashData\":\"{:064x}\",\"TargetProcessId\":\"{}\",\"UserSid\":\"S-1-5-18\"",
                    38_911_774_195_823u64 + i,
                    4000 + i % 900,
                    i * 0x9e37_79b9,
                    38_911_778_380_590u64 + i
                ),
                1 => format!(
                    "\"LocalAddressIP4\":\"10.20.{}.{}\",\"LocalPort\":\"{}\",\"Protocol\":\"6\",\"RemoteAddressIP4\":\"203.0.113.{}\",\"RemotePort\":\"443\",\"ConnectionDirection\":\"0\"",
                    i % 200,
                    i % 250,
                    49152 + i % 16000,
                    i % 250
                ),
                2 => format!("\"DomainName\":\"host{i}.updates.example.com\",\"RequestType\":\"1\""),
                _ => format!(
                    "\"LogonType\":\"{}\",\"UserName\":\"user{}\",\"UserSid\":\"S-1-5-21-1004336348-1177238915-682003330-{}\"",
                    [2, 10, 3][(i % 3) as usize],
                    i % 300,
                    1000 + i % 300
                ),
            };
            format!(
                "{{\"ContextTimeStamp\":\"{t}.{:03}\",{body},\"aid\":\"{:032x}\",\"aip\":\"192.0.2.2\",\"cid\":\"ffffffff30a3407dae27d0503611022d\",\"event_platform\":\"Win\",\"event_simpleName\":\"{}\",\"timestamp\":\"{}\"}}",
                i % 1000,
                0x0f2e_5c6b_u64 + i % 40,
                SIMPLE[(i % 4) as usize],
                t * 1000 + 950
            )
        })
        .collect()
}

fn bench_format(c: &mut Criterion, name: &str, format: Format, lines: &[&str]) {
    bench_with(c, name, format, lines, &Profiles::none());
}

fn bench_with(
    c: &mut Criterion,
    name: &str,
    format: Format,
    lines: &[&str],
    profiles: &Profiles<'_>,
) {
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(bytes as u64));
    let tz: Tz = "Europe/Berlin".parse().expect("zone");
    let schema = Schema::None;
    g.bench_function("scan", |b| {
        b.iter(|| {
            let mut events = 0usize;
            for (i, line) in lines.iter().enumerate() {
                let p = Provenance {
                    input: 0,
                    line: i as u64 + 1,
                    offset: 0,
                    length: line.len() as u32,
                    format,
                };
                if let Ok(n) = normalize_record(format, line, p, Detail::Scan, &schema, profiles) {
                    black_box(resolve(n.time, tz));
                    black_box(&n.event);
                    events += 1;
                }
            }
            assert!(events * 10 >= lines.len() * 9, "{name}: most records read");
            events
        })
    });
    g.finish();
}

fn normalize(c: &mut Criterion) {
    let auth: Vec<&str> = AUTH.lines().collect();
    bench_format(c, "rfc3164", Format::Rfc3164, &auth);
    let r5424 = rfc5424_lines();
    let r5424: Vec<&str> = r5424.iter().map(String::as_str).collect();
    bench_format(c, "rfc5424", Format::Rfc5424, &r5424);
    let cef: Vec<&str> = CEF.lines().collect();
    bench_format(c, "cef", Format::Cef, &cef);
    let ecs: Vec<&str> = ECS.lines().collect();
    bench_format(c, "ndjson_ecs", Format::Ndjson, &ecs);
    let fdr = fdr_lines();
    let fdr: Vec<&str> = fdr.iter().map(String::as_str).collect();
    // The candidates detection picks for this input, as a run reads it.
    let set = ProfileSet::builtin();
    let joined = fdr.join("\n");
    let detected = afterlog::detect::detect(joined.as_bytes(), None, set);
    assert_eq!(detected.format, Some(Format::Ndjson));
    let profiles = Profiles {
        set,
        mask: detected.profiles,
        lookups: Profiles::none().lookups,
    };
    bench_with(c, "ndjson_fdr_profile", Format::Ndjson, &fdr, &profiles);
    // Worst case: every NDJSON profile a candidate (a mixed export).
    let all = Profiles {
        mask: set.mask_for(Format::Ndjson),
        ..profiles
    };
    bench_with(c, "ndjson_fdr_all_profiles", Format::Ndjson, &fdr, &all);
}

criterion_group!(benches, normalize);
criterion_main!(benches);
