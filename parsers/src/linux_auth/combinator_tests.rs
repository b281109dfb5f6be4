//! The nom combinators of this module, one grammar noun each.

use super::*;

#[test]
fn repeated_header_and_inner() {
    assert!(repeated_header("message repeated 3 times: [ x]").is_ok());
    assert_eq!(
        repeated_inner("message repeated 1 time: [ Failed x]"),
        Some("Failed x")
    );
    assert_eq!(repeated_inner("message repeated times: [ x]"), None);
}

#[test]
fn host_is_an_address_or_name_then_space_or_end() {
    assert_eq!(
        host("fe80::1%eth0 port 22"),
        Ok((" port 22", "fe80::1%eth0"))
    );
    assert_eq!(host("203.0.113.7"), Ok(("", "203.0.113.7")));
    assert!(host("a/b port 1").is_err());
}

#[test]
fn port_commits_after_the_keyword() {
    assert_eq!(port(" port 22: x"), Ok((": x", 22)));
    assert!(matches!(port(" port 99999"), Err(nom::Err::Failure(_))));
    assert!(matches!(port(" ssh2"), Err(nom::Err::Error(_))));
}

#[test]
fn from_tail_and_pam_prefix() {
    assert_eq!(
        from_tail("198.51.100.23 port 40022 ssh2"),
        Some(("198.51.100.23", Some(40022)))
    );
    assert_eq!(from_tail("198.51.100.23 port x"), None);
    assert_eq!(pam_prefix("pam_unix(sshd:auth): x"), Some(("sshd", "x")));
}
