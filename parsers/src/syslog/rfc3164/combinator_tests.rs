//! The nom combinators of this module, one grammar noun each.

use super::*;

fn tag_of<'a>(name: &'a str, pid: Option<&'a str>) -> Tag<'a> {
    Tag { name, pid }
}

#[test]
fn zone_suffix_before_a_colon_or_with_a_year() {
    assert_eq!(zone_suffix(false)(" EDT: %ASA"), Ok((": %ASA", -4 * 3600)));
    assert_eq!(zone_suffix(true)(" CEST host"), Ok((" host", 2 * 3600)));
    assert!(zone_suffix(false)(" CEST host").is_err() && zone_suffix(true)(" host x").is_err());
}

#[test]
fn lead_tells_the_first_token_apart() {
    assert_eq!(
        lead("sshd[7]: x"),
        Ok(("x", Lead::Tag(tag_of("sshd", Some("7")))))
    );
    assert_eq!(
        lead("web-01  sshd: x"),
        Ok(("sshd: x", Lead::Host("web-01")))
    );
    assert_eq!(lead("-- MARK --"), Ok(("-- MARK --", Lead::Message)));
}

#[test]
fn lead_special_tokens() {
    assert_eq!(
        lead(": %ASA-6-1 x"),
        Ok(("%ASA-6-1 x", Lead::EmptyDeviceId))
    );
    assert_eq!(lead("%ASA-6-1 x"), Ok(("x", Lead::PercentTag("%ASA-6-1"))));
    assert_eq!(lead("CEF:0|x"), Ok(("CEF:0|x", Lead::Message)));
}

#[test]
fn tag_or_device_id_spots_a_cisco_device_id() {
    assert_eq!(
        tag_or_device_id("10.1.1.1: %ASA-6-1: x"),
        Ok(("%ASA-6-1: x", (tag_of("10.1.1.1", None), true)))
    );
    assert_eq!(
        tag_or_device_id("app: %d"),
        Ok(("%d", (tag_of("app", None), false)))
    );
    assert!(tag_or_device_id("host x").is_err());
}

#[test]
fn hostname_takes_the_token_spaces_and_a_lone_colon() {
    assert_eq!(hostname("INT-FW01 : %ASA"), Ok(("%ASA", "INT-FW01")));
    assert_eq!(hostname("host  app"), Ok(("app", "host")));
    assert!(hostname(" x").is_err());
}

#[test]
fn cef_or_leef_signatures() {
    assert_eq!(cef_or_leef("CEF:0|"), Ok(("0|", "CEF:")));
    assert_eq!(cef_or_leef("LEEF:1"), Ok(("1", "LEEF:")));
    assert!(cef_or_leef("CEF").is_err());
}

#[test]
fn tag_3164_forms() {
    assert_eq!(
        tag_3164("sshd(pam_unix)[19939]: m"),
        Ok(("m", tag_of("sshd(pam_unix)", Some("19939"))))
    );
    assert_eq!(tag_3164("app:"), Ok(("", tag_of("app", None))));
    let long = format!("{}: m", "a".repeat(MAX_TAG_LEN + 1));
    assert!(
        tag_3164("app:x").is_err() && tag_3164("app[]: m").is_err() && tag_3164(&long).is_err()
    );
}

#[test]
fn percent_tag_is_a_cisco_message_id() {
    assert_eq!(
        percent_tag("%ASA-6-302016 Teardown"),
        Ok(("Teardown", "%ASA-6-302016"))
    );
    assert_eq!(percent_tag("%ASA-6-302016"), Ok(("", "%ASA-6-302016")));
    assert!(percent_tag("%ASA6 x").is_err() && percent_tag("%6-1 x").is_err());
}

#[test]
fn record_reads_a_whole_line() {
    let (_, r) = record("<13>Jul 23 01:00:02 web-01 sshd[7]: hi").unwrap();
    assert_eq!(
        (r.pri, r.hostname, r.app, r.pid, r.msg),
        (Some(13), Some("web-01"), Some("sshd"), Some("7"), "hi")
    );
}
