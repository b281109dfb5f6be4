use super::*;
use crate::format::Format;

fn p() -> Provenance {
    Provenance {
        input: 0,
        line: 7,
        offset: 4608,
        length: 100,
        format: Format::Evtx,
    }
}

/// An event as the `evtx` crate renders it.
fn evtx(provider: &str, channel: &str, id: &str, keywords: &str, data: &str) -> String {
    format!(
        r##"{{"Event":{{"#attributes":{{"xmlns":"http://schemas.microsoft.com/win/2004/08/events/event"}},"System":{{"Provider":{{"#attributes":{{"Name":"{provider}","Guid":"{{54849625-5478-4994-a5ba-3e3b0328c30d}}"}}}},"EventID":{id},"Version":0,"Level":0,"Task":12544,"Opcode":0,"Keywords":"{keywords}","TimeCreated":{{"#attributes":{{"SystemTime":"2013-10-23T16:22:39.9735000Z"}}}},"EventRecordID":112,"Execution":{{"#attributes":{{"ProcessID":508,"ThreadID":1032}}}},"Channel":"{channel}","Computer":"IE8Win7","Security":null}},{data}}}}}"##
    )
}

fn security(id: u32, keywords: &str, event_data: &str) -> String {
    evtx(
        "Microsoft-Windows-Security-Auditing",
        "Security",
        &id.to_string(),
        keywords,
        &format!(r##""EventData":{{{event_data}}}"##),
    )
}

const SUCCESS: &str = "0x8020000000000000";
const FAILURE: &str = "0x8010000000000000";

fn ev(text: &str) -> Event<'_> {
    normalize_evtx(text, p(), Detail::Full)
        .unwrap_or_else(|r| panic!("{r:?}: {text}"))
        .event
}

fn time(text: &str) -> parsers::timestamp::CivilTime {
    match normalize_evtx(text, p(), Detail::Scan).unwrap().time {
        TimeValue::Civil(c) => c,
        other => panic!("{other:?}"),
    }
}

#[test]
fn logon_from_a_mapped_address_and_failed_logon() {
    let ok = security(
        4624,
        SUCCESS,
        r##""SubjectUserName":"WIN$","TargetUserName":"alice","TargetDomainName":"CORP","LogonType":10,"ProcessName":"-","IpAddress":"::ffff:10.0.0.5","IpPort":"50123""##,
    );
    let e = ev(&ok);
    assert_eq!(e.kind, Kind::Authentication);
    assert_eq!(e.action, "logon");
    assert_eq!(e.outcome, Outcome::Success);
    assert_eq!(e.user.as_deref(), Some("alice"));
    assert_eq!(e.src_ip.as_deref(), Some("10.0.0.5"));
    assert_eq!(e.host.as_deref(), Some("IE8Win7"));
    assert_eq!(e.process, None, "`-` is no value");
    assert_eq!(e.ts_field, EVTX_JSON.time_created);
    assert_eq!(
        e.summary,
        "Logon (4624) on IE8Win7: account alice, logon type 10, from 10.0.0.5"
    );
    let t = time(&ok);
    assert_eq!(
        (t.year, t.hour, t.nanos, t.offset_s),
        (Some(2013), 16, 973_500_000, Some(0))
    );

    let bad = security(
        4625,
        FAILURE,
        r##""TargetUserName":"Administrator","Status":"0xc000006d","SubStatus":"0xc000006a","IpAddress":"-","ProcessName":"C:\\Windows\\System32\\winlogon.exe""##,
    );
    let e = ev(&bad);
    assert_eq!(
        (e.action.as_ref(), e.outcome),
        ("logon_failed", Outcome::Failure)
    );
    assert_eq!(e.src_ip, None);
    assert_eq!(
        e.process.as_deref(),
        Some(r"C:\Windows\System32\winlogon.exe")
    );
    assert!(e.summary.ends_with("status 0xc000006a"), "{}", e.summary);
}

#[test]
fn account_changes_and_the_response_actions_among_them() {
    let cases = [
        (4720, "user_created"),
        (4722, "account_enabled"),
        (4723, "password_changed"),
        (4724, "password_reset"),
        (4725, "account_disabled"),
        (4726, "user_deleted"),
        (4738, "user_changed"),
    ];
    for (id, action) in cases {
        let t = security(
            id,
            SUCCESS,
            r##""TargetUserName":"backdoor","TargetDomainName":"IE8Win7","SubjectUserName":"admin""##,
        );
        let e = ev(&t);
        assert_eq!(e.kind, Kind::AccountChange, "{id}");
        assert_eq!(e.action, action, "{id}");
        assert_eq!(e.user.as_deref(), Some("backdoor"), "{id}");
        assert!(
            e.summary.contains("account backdoor, by admin"),
            "{}",
            e.summary
        );
    }
    // Group membership: the member (its CN, else its SID), and the group in the summary.
    let g = security(
        4732,
        SUCCESS,
        r##""MemberName":"-","MemberSid":"S-1-5-21-1-2-3-1000","TargetUserName":"Administrators","SubjectUserName":"WIN$""##,
    );
    let e = ev(&g);
    assert_eq!(e.action, "group_member_added");
    assert_eq!(e.user.as_deref(), Some("S-1-5-21-1-2-3-1000"));
    assert!(e.summary.contains("group Administrators"), "{}", e.summary);
    let g = security(
        4728,
        SUCCESS,
        r##""MemberName":"CN=Jane Doe,OU=Staff,DC=corp","MemberSid":"S-1-5-21-1","TargetUserName":"Domain Admins""##,
    );
    assert_eq!(ev(&g).user.as_deref(), Some("Jane Doe"));
}

#[test]
fn process_creation_uses_the_new_process_and_its_creator() {
    let t = security(
        4688,
        SUCCESS,
        r##""SubjectUserName":"alice","NewProcessName":"C:\\Windows\\System32\\cmd.exe","CommandLine":"cmd /c whoami","TargetUserName":"-""##,
    );
    let e = ev(&t);
    assert_eq!(
        (e.kind, e.action.as_ref()),
        (Kind::Process, "process_created")
    );
    assert_eq!(e.user.as_deref(), Some("alice"));
    assert_eq!(e.process.as_deref(), Some(r"C:\Windows\System32\cmd.exe"));
    assert!(
        e.summary.ends_with("command line cmd /c whoami"),
        "{}",
        e.summary
    );
}

#[test]
fn log_cleared_is_a_high_finding_from_user_data() {
    let t = evtx(
        "Microsoft-Windows-Eventlog",
        "Security",
        "1102",
        SUCCESS,
        r##""UserData":{"LogFileCleared":{"#attributes":{"xmlns":"http://manifests.microsoft.com/win/2004/08/windows/eventlog"},"SubjectUserSid":"S-1-5-21-1","SubjectUserName":"mallory","SubjectDomainName":"CORP"}}"##,
    );
    let e = ev(&t);
    assert_eq!(
        (e.kind, e.action.as_ref(), e.severity),
        (Kind::Finding, "audit_log_cleared", Some(Severity::High))
    );
    assert_eq!(e.user.as_deref(), Some("mallory"));
    let t = evtx(
        "Microsoft-Windows-Eventlog",
        "System",
        "104",
        "0x8000000000000000",
        r##""UserData":{"LogFileCleared":{"SubjectUserName":"mallory","Channel":"Application"}}"##,
    );
    let e = ev(&t);
    assert_eq!((e.kind, e.action.as_ref()), (Kind::Finding, "log_cleared"));
}

#[test]
fn sysmon_uses_its_own_utc_time_user_without_domain_and_the_sha256() {
    let t = evtx(
        "Microsoft-Windows-Sysmon",
        "Microsoft-Windows-Sysmon/Operational",
        "1",
        "0x8000000000000000",
        r##""EventData":{"UtcTime":"2017-12-26 13:10:29.134","ProcessId":9112,"Image":"C:\\Windows\\SysWOW64\\PING.EXE","CommandLine":"ping  -n 6 127.0.0.1 ","User":"NT AUTHORITY\\SYSTEM","Hashes":"SHA1=CE8E,MD5=A27A,SHA256=8F16A431,IMPHASH=0EB6"}"##,
    );
    let e = ev(&t);
    assert_eq!(
        (e.kind, e.action.as_ref()),
        (Kind::Process, "process_created")
    );
    assert_eq!(e.user.as_deref(), Some("SYSTEM"));
    assert_eq!(e.process.as_deref(), Some(r"C:\Windows\SysWOW64\PING.EXE"));
    assert_eq!(e.hash.as_deref(), Some("8F16A431"));
    assert_eq!(e.ts_field, EVTX_JSON.utc_time);
    let c = time(&t);
    assert_eq!(
        (c.year, c.month, c.day, c.hour, c.nanos, c.offset_s),
        (Some(2017), 12, 26, 13, 134_000_000, Some(0))
    );
    // Without SHA256, the next strongest.
    let t2 = t.replace(",SHA256=8F16A431", "");
    assert_eq!(ev(&t2).hash.as_deref(), Some("CE8E"));
    // A broken UtcTime falls back to TimeCreated.
    let t3 = t.replace("2017-12-26 13:10:29.134", "soon");
    assert_eq!(ev(&t3).ts_field, EVTX_JSON.time_created);

    let net = evtx(
        "Microsoft-Windows-Sysmon",
        "Microsoft-Windows-Sysmon/Operational",
        "3",
        "0x8000000000000000",
        r##""EventData":{"UtcTime":"2017-12-18 14:51:29.706","Image":"C:\\x.exe","User":"DESK\\tony","Protocol":"tcp","SourceIp":"192.168.2.128","SourcePort":59344,"DestinationIp":"185.26.182.117","DestinationPort":443}"##,
    );
    let e = ev(&net);
    assert_eq!(
        (e.kind, e.action.as_ref()),
        (Kind::Network, "network_connection")
    );
    assert_eq!(e.src_ip.as_deref(), Some("192.168.2.128"));
    assert_eq!(e.dst_ip.as_deref(), Some("185.26.182.117"));
    assert_eq!(e.user.as_deref(), Some("tony"));
    assert!(e.summary.contains("192.168.2.128 -> 185.26.182.117:443"));
}

#[test]
fn defender_detections_are_findings_and_its_actions_remediations() {
    let d = |id: &str, data: &str| {
        evtx(
            "Microsoft-Windows-Windows Defender",
            "Microsoft-Windows-Windows Defender/Operational",
            id,
            "0x8000000000000000",
            data,
        )
    };
    let det = d(
        "1116",
        r##""EventData":{"Threat Name":"HackTool:Win64/Mimikatz","Severity Name":"High","Process Name":"C:\\Windows\\explorer.exe","Detection User":"CORP\\bob","Path":"file:_C:\\t\\m.exe"}"##,
    );
    let e = ev(&det);
    assert_eq!(
        (e.kind, e.action.as_ref(), e.severity),
        (Kind::Finding, "malware_detected", Some(Severity::High))
    );
    assert_eq!(e.user.as_deref(), Some("bob"));
    assert_eq!(e.process.as_deref(), Some(r"C:\Windows\explorer.exe"));
    assert!(e.summary.contains("threat HackTool:Win64/Mimikatz"));
    let severe = det.replace("\"High\"", "\"Severe\"");
    assert_eq!(ev(&severe).severity, Some(Severity::Critical));
    let act = d(
        "1117",
        r##""EventData":{"Threat Name":"HackTool:Win64/Mimikatz","Action Name":"Quarantine","Detection User":"CORP\\bob"}"##,
    );
    let e = ev(&act);
    assert_eq!(
        (e.kind, e.action.as_ref()),
        (Kind::Remediation, "file_quarantined")
    );
    let removed = act.replace("Quarantine", "Remove");
    assert_eq!(ev(&removed).action, "file_removed");
    let other = act.replace("Quarantine", "Allow");
    assert_eq!(ev(&other).action, "malware_action_taken");
}

#[test]
fn other_events_are_named_by_channel_and_id_in_either_event_id_form() {
    // Classic providers: EventID with Qualifiers, `#text` holding the id.
    let t = evtx(
        "SecurityCenter",
        "Application",
        r##"{"#attributes":{"Qualifiers":0},"#text":15}"##,
        "0x80000000000000",
        r##""EventData":{"Data":{"#text":["Windows Defender","SECURITY_PRODUCT_STATE_ON"]}}"##,
    );
    let e = ev(&t);
    assert_eq!((e.kind, e.action.as_ref()), (Kind::Other, "Application:15"));
    assert_eq!(e.outcome, Outcome::Unknown);
    assert_eq!(e.summary, "SecurityCenter event 15 on IE8Win7");
    // EventID as a string (forwarded events).
    let t = evtx(
        "MSExchange CmdletLogs",
        "MSExchange Management",
        r##"{"#attributes":{"Qualifiers":"16384"},"#text":"1"}"##,
        "0x80000000000000",
        r##""EventData":null"##,
    );
    assert_eq!(ev(&t).action, "MSExchange Management:1");
    // Audit keywords decide the outcome of ids the table does not know.
    let t = security(4673, FAILURE, r##""SubjectUserName":"TEMPORAL$""##);
    let e = ev(&t);
    assert_eq!(
        (e.action.as_ref(), e.outcome),
        ("Security:4673", Outcome::Failure)
    );
}

#[test]
fn records_without_a_time_are_rejected() {
    let t = r##"{"Event":{"System":{"Provider":null,"EventID":0,"TimeCreated":null,"Computer":"DESKTOP-1N4R894","Security":null}}}"##;
    let r = normalize_evtx(t, p(), Detail::Scan).unwrap_err();
    assert_eq!(r.kind, "no timestamp");
    let t = security(4624, SUCCESS, "").replace("2013-10-23T16:22:39.9735000Z", "yesterday");
    let r = normalize_evtx(&t, p(), Detail::Scan).unwrap_err();
    assert_eq!(r.kind, "bad timestamp");
    assert_eq!(
        normalize_evtx("not json", p(), Detail::Scan)
            .unwrap_err()
            .kind,
        "invalid JSON"
    );
}

#[test]
fn scan_detail_leaves_the_summary_empty() {
    let t = security(4624, SUCCESS, r##""TargetUserName":"alice""##);
    let e = normalize_evtx(&t, p(), Detail::Scan).unwrap().event;
    assert!(e.summary.is_empty());
    assert_eq!(e.user.as_deref(), Some("alice"));
    assert!(
        matches!(e.user, Some(Cow::Borrowed(_))),
        "borrowed from the record"
    );
}
