//! The shared corpus of real public samples: read without a crash, counts reconciled, and exact
//! results where the samples' shape is known. Skips with a message when the corpus is absent.

use serde_json::Value;

use crate::util::*;

#[test]
fn lnav_syslog_samples_read_exactly() {
    let Some(dir) = corpus("lnav-test-logs") else {
        return;
    };
    let doc = timeline([dir.to_str().unwrap(), "--tz", "UTC"]);
    assert_reconciled(&doc);
    let input = |name: &str| {
        doc["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name}"))
            .clone()
    };
    // Multi-line syslog records (TAB continuation lines) are one record each.
    let s3 = input("logfile_syslog.3");
    assert_eq!(s3["format"], "rfc3164");
    assert_eq!(s3["records"], 7);
    assert_eq!(s3["events"], 7);
    // CRLF file: two records, nothing rejected.
    let crlf = input("logfile_crlf.0");
    assert_eq!(
        (crlf["records"].as_u64(), crlf["events"].as_u64()),
        (Some(2), Some(2))
    );
    // A syslog file with two junk header lines: those are located rejections.
    let hdr = input("logfile_syslog_with_header.0");
    assert_eq!(hdr["events"], 4);
    assert_eq!(hdr["rejected"], 2);
    assert_eq!(hdr["rejects"][0]["line"], 1);
    assert_eq!(hdr["rejects"][1]["line"], 2);
    assert_eq!(hdr["rejects"][1]["offset"], 13);
    // ECS NDJSON and the RFC 5424 body without PRI written by a collector.
    assert_eq!(input("logfile_ecs_log.json")["events"], 5);
    let zones = input("logfile_with_zones.0");
    assert_eq!(zones["format"], "rfc5424");
    assert_eq!(zones["rejected"], 0);
    // Invalid JSON lines are rejections with their line; the rest are events.
    let inv = input("logfile_json_invalid.json");
    assert_eq!(inv["events"], 12);
    assert_eq!(inv["rejected"], 1);
}

#[test]
fn crowdstrike_cef_raw_lines_become_events() {
    let Some(dir) = corpus("azure-sentinel-sample-data") else {
        return;
    };
    let f = dir.join("CrowdStrike_FalconHost_ASimAuditEvent_RawLogs.excerpt.txt");
    let doc = timeline([f.to_str().unwrap()]);
    assert_reconciled(&doc);
    let i = &doc["inputs"][0];
    assert_eq!(i["format"], "cef");
    assert_eq!(i["records"], i["events"]);
    assert_eq!(i["rejected"], 0);
}

#[test]
fn syslog_loose_inputs_are_accepted() {
    let Some(dir) = corpus("syslog-loose-bench-inputs") else {
        return;
    };
    for name in [
        "syslog_loose-bench-with_structured_data.txt",
        "syslog_loose-bench-without_structured_data.txt",
    ] {
        let evs = events([dir.join(name).to_str().unwrap()]);
        assert_eq!(evs.len(), 1, "{name}");
        assert_eq!(evs[0]["ts"], "2003-10-11T22:14:15.003000Z");
        assert_eq!(evs[0]["host"], "mymachine.example.com");
        assert_eq!(evs[0]["fields"]["app_name"], "evntslog");
        assert_eq!(evs[0]["fields"]["msgid"], "ID47");
    }
}

/// Every corpus folder is read without a crash and with reconciled counts; prints the
/// per-folder records/events/rejected and the rejection reasons.
#[test]
fn whole_corpus_reads_without_crash() {
    let Some(root) = corpus("") else { return };
    let mut folders: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for f in folders {
        let out = afterlog(["timeline", f.to_str().unwrap(), "--no-progress"]);
        let code = out.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "{}: {:?}\n{}",
            f.display(),
            code,
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_valid(&doc, afterlog::output::TIMELINE_SCHEMA);
        assert_reconciled(&doc);
        let (mut r, mut e, mut j) = (0, 0, 0);
        let mut reasons = std::collections::BTreeMap::<String, u64>::new();
        for i in doc["inputs"].as_array().unwrap() {
            r += i["records"].as_u64().unwrap();
            e += i["events"].as_u64().unwrap();
            j += i["rejected"].as_u64().unwrap();
            for (k, v) in i["reject_reasons"].as_object().unwrap() {
                *reasons.entry(k.clone()).or_default() += v.as_u64().unwrap();
            }
        }
        println!(
            "{:<32} records {r:>7} events {e:>7} rejected {j:>7} {reasons:?}",
            f.file_name().unwrap().to_string_lossy()
        );
    }
}

fn phase_start<'a>(inc: &'a Value, p: &str) -> Option<&'a str> {
    inc["phases"][p]["start"].as_str()
}

/// OTRF Golden SAML (SimuLand lab 01; metadata.yaml: T1552.004 AD FS token-signing key
/// theft, T1606.002 forged SAML, T1078.004, T1098 app credentials, T1114 mail collection)
/// across four Sentinel/Defender exports, with the impersonated account as the indicator: the
/// exports hold no finding, so the indicator seeds the incident. Its first activity is the
/// directory replication from ADFS01 that reads the key, then the application's permission
/// grant and new credentials, then the mail read through Graph.
#[test]
fn otrf_golden_saml_chain_from_the_indicator() {
    let Some(dir) = corpus("otrf-security-datasets/GoldenSAMLADFSMailAccess") else {
        return;
    };
    let doc = timeline(["--ioc", "user:pgustavo", dir.to_str().unwrap()]);
    let incidents = doc["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1);
    let inc = &incidents[0];
    assert_eq!(
        inc["title"],
        "Activity of the indicators user:pgustavo (no finding in these exports)"
    );
    assert_eq!(inc["phases"]["detection"], Value::Null);
    assert_eq!(
        phase_start(inc, "compromise"),
        Some("2021-08-02T13:08:18.374000Z")
    );
    let tl = inc["timeline"].as_array().unwrap();
    assert_eq!(tl[0]["action"], "Directory Services replication");
    assert_eq!(tl[0]["host"], "adfs01.simulandlabs.com");
    let at = |action: &str| {
        tl.iter()
            .find(|e| e["action"] == action)
            .unwrap_or_else(|| panic!("{action} in the timeline"))["ts"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(at("app_permission_granted"), "2021-08-02T13:27:20.017000Z");
    assert_eq!(at("app_credentials_added"), "2021-08-02T13:29:25.983000Z");
    assert_eq!(at("mail_items_accessed"), "2021-08-02T13:32:07.000000Z");
    assert_eq!(inc["scope"]["users"], serde_json::json!(["pgustavo"]));
    assert!(inc["scope"]["hosts"]
        .as_array()
        .unwrap()
        .contains(&Value::from("adfs01")));
}

/// OTRF AWS SSRF (SDAWS-200914011940.yaml): instance-profile keys stolen through the EC2
/// reverse proxy and used from outside: `aws s3 ls`, `aws s3 ls <bucket>` twice, `aws s3 sync`
/// (ListBuckets, ListObjects, ListObjects, then ListObjects + GetObject). With the stolen
/// role session as the indicator, that is the incident, in that order; the administrator's
/// console activity from the same (sanitized) address is not.
#[test]
fn otrf_aws_ssrf_exfiltration_from_the_indicator() {
    let Some(dir) = corpus("otrf-security-datasets/aws") else {
        return;
    };
    let role = "arn:aws:sts::123456789123:assumed-role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0/i-0317f6c6b66ae9c40";
    let file = dir.join("ec2_proxy_s3_exfiltration_2020-09-14011940.json");
    let doc = timeline([
        "--ioc".to_string(),
        format!("user:{role}"),
        file.to_str().unwrap().to_string(),
    ]);
    let incidents = doc["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), 1);
    let inc = &incidents[0];
    assert_eq!(
        phase_start(inc, "compromise"),
        Some("2020-09-14T01:00:04.000000Z")
    );
    let tl = inc["timeline"].as_array().unwrap();
    let actions: Vec<&str> = tl.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(&actions[..3], ["ListBuckets", "ListObjects", "ListObjects"]);
    let first_get = tl.iter().find(|e| e["action"] == "GetObject").unwrap();
    assert_eq!(first_get["ts"], "2020-09-14T01:02:34.000000Z");
    assert!(tl.iter().all(|e| e["user"]
        .as_str()
        .is_some_and(|u| u.contains("BankingWAFRole"))));
    assert_eq!(inc["scope"]["ips"], serde_json::json!(["1.2.3.4"]));
}
