use super::samples::check;
use super::*;

#[test]
fn every_builtin_profile_loads_and_its_samples_hold() {
    let set = ProfileSet::builtin();
    assert!(!set.profiles.is_empty());
    let problems: Vec<String> = set.profiles.iter().flat_map(|p| check(set, p)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Windows-shaped rows take their time in any form the time parser reads: a Sentinel portal
/// CSV's US-locale `TimeGenerated [UTC]` is UTC because of its header.
#[test]
fn windows_rows_read_locale_times_from_utc_columns() {
    let mut set = ProfileSet::default();
    set.add_text(
        "t.json",
        r#"{"name": "t-securityevent-csv", "vendor": "T", "product": "T", "formats": ["csv"],
            "recognize": [{"field": "EventID"}, {"field": "Computer"}],
            "time": [{"field": "TimeGenerated"}],
            "windows": {"event_id": "EventID", "computer": "Computer", "channel": "Channel", "data": [""]}}"#,
        "test",
    )
    .unwrap();
    let header =
        r#""TimeGenerated [UTC]",Computer,Channel,EventID,TargetUserName,IpAddress,LogonType"#;
    let row =
        r#""9/7/2023, 6:03:23.829 AM",WS-ACC-042.corp.local,Security,4624,mlee,10.20.30.40,10"#;
    let schema = crate::normalize::Schema::Csv(crate::normalize::csv::Columns::from_header(header));
    let p = Profiles {
        set: &set,
        mask: set.mask_for(Format::Csv),
        lookups: Profiles::none().lookups,
    };
    let prov = crate::event::Provenance {
        input: 0,
        line: 2,
        offset: 0,
        length: row.len() as u32,
        format: Format::Csv,
    };
    let n = crate::normalize::by_profile(
        &p,
        Format::Csv,
        row,
        &schema,
        prov,
        crate::normalize::Detail::Full,
    )
    .expect("recognized")
    .expect("read");
    let ts = match crate::normalize::time::resolve(n.time, chrono_tz::Tz::UTC) {
        crate::normalize::time::Resolved::At { ts_us, quality } => {
            assert_eq!(
                quality,
                crate::event::TsQuality::default(),
                "UTC, not assumed"
            );
            crate::normalize::time::format_ts(ts_us)
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(ts, "2023-09-07T06:03:23.829000Z");
    assert_eq!(n.event.action, "logon");
    assert_eq!(n.event.user.as_deref(), Some("mlee"));
    assert_eq!(n.event.src_ip.as_deref(), Some("10.20.30.40"));
    assert_eq!(n.event.host.as_deref(), Some("WS-ACC-042.corp.local"));
}

#[test]
fn event_data_xml_reads_data_and_user_data() {
    let x = r#"<EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><Data Name="SubjectUserName">wardog</Data><Data Name="Empty"/><Data Name="CommandLine">a &amp; b &lt;c&gt;</Data></EventData>"#;
    assert_eq!(
        apply::event_data_xml(x),
        vec![
            ("SubjectUserName".to_string(), "wardog".to_string()),
            ("CommandLine".to_string(), "a & b <c>".to_string())
        ]
    );
    let u = r#"<UserData><LogFileCleared xmlns="http://manifests.microsoft.com/win/2004/08/windows/eventlog"><SubjectUserSid>S-1-5-21-1</SubjectUserSid><SubjectUserName>pgustavo</SubjectUserName><SubjectDomainName>SIMULANDLABS</SubjectDomainName><ClientProcessId/></LogFileCleared></UserData>"#;
    assert_eq!(
        apply::event_data_xml(u),
        vec![
            ("SubjectUserSid".to_string(), "S-1-5-21-1".to_string()),
            ("SubjectUserName".to_string(), "pgustavo".to_string()),
            ("SubjectDomainName".to_string(), "SIMULANDLABS".to_string())
        ]
    );
}

/// `any` gives alternatives, `contains` matches inside a value.
#[test]
fn any_and_contains_conditions() {
    let mut set = ProfileSet::default();
    set.add_text(
        "t.json",
        r#"{"name": "t-alt", "vendor": "T", "product": "T", "formats": ["ndjson"],
            "recognize": [{"any": [{"field": "Hostname"}, {"field": "ComputerName"}]}, {"field": "t"}],
            "time": [{"field": "t"}],
            "fields": {"host": ["Hostname", "ComputerName"]},
            "rules": [{"when": [{"field": "desc", "contains": "DISCONNECTED from network"}],
                       "kind": "remediation", "action": "host_isolated"}]}"#,
        "test",
    )
    .unwrap();
    let p = Profiles {
        set: &set,
        mask: set.mask_for(Format::Ndjson),
        lookups: Profiles::none().lookups,
    };
    let read = |text: &'static str| {
        let prov = crate::event::Provenance {
            input: 0,
            line: 1,
            offset: 0,
            length: text.len() as u32,
            format: Format::Ndjson,
        };
        crate::normalize::by_profile(
            &p,
            Format::Ndjson,
            text,
            &crate::normalize::Schema::None,
            prov,
            crate::normalize::Detail::Scan,
        )
        .map(|r| r.expect("read").event)
    };
    let a = read(r#"{"t":"2026-01-01T00:00:00Z","Hostname":"a","desc":"Agent was disconnected from network"}"#)
        .expect("recognized by Hostname");
    assert_eq!(a.action, "host_isolated");
    assert_eq!(a.host.as_deref(), Some("a"));
    let b = read(r#"{"t":"2026-01-01T00:00:00Z","ComputerName":"b","desc":"reconnected"}"#)
        .expect("recognized by ComputerName");
    assert_eq!(b.action, "event");
    assert!(read(r#"{"t":"2026-01-01T00:00:00Z","desc":"x"}"#).is_none());
    assert_eq!(
        set.profiles[0].recognized_by(&set),
        "one of hostname | computername, t"
    );

    let err = set
        .add_text(
            "u.json",
            r#"{"name": "u", "vendor": "U", "product": "U", "formats": ["ndjson"],
                "recognize": [{"equals": ["x"]}]}"#,
            "test",
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("a condition without `field` or `any`"),
        "{err}"
    );
}
