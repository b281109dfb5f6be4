use super::*;
use crate::syslog::parse_rfc3164;

/// Reads `line` as RFC 3164 does, then its tag and body; asserts the tag (product, class,
/// severity, id) and the message.
#[track_caller]
fn check(line: &str, tag: (&str, Option<&str>, u8, u32), want: Option<AsaMessage<'_>>) {
    let rec = parse_rfc3164(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    let (t, body) = match rec.app.and_then(parse_tag) {
        Some(t) => (t, rec.msg),
        None => find_tagged(rec.msg).unwrap_or_else(|| panic!("no ASA tag in {line}")),
    };
    assert_eq!((t.product, t.class, t.severity, t.id), tag, "tag of {line}");
    assert_eq!(t.id_text, t.id.to_string());
    assert_eq!(parse_message(t.id, body), want, "message of {line}");
}

fn ep<'a>(interface: &'a str, address: &'a str, port: Option<u16>) -> Endpoint<'a> {
    Endpoint {
        interface: Some(interface),
        address,
        port,
        ..Endpoint::default()
    }
}

fn mapped<'a>(mut e: Endpoint<'a>, address: &'a str, port: Option<u16>) -> Endpoint<'a> {
    e.mapped_address = Some(address);
    e.mapped_port = port;
    e
}

fn ident<'a>(mut e: Endpoint<'a>, identity: &'a str) -> Endpoint<'a> {
    e.identity = Some(identity);
    e
}

fn vpn<'a>(group: &'a str, user: &'a str, ip: &'a str, text: &'a str) -> VpnSession<'a> {
    VpnSession {
        group: Some(group),
        user: Some(user),
        ip: Some(ip),
        text,
        transport: None,
        assigned_ipv4: None,
        assigned_ipv6: None,
        reason: None,
    }
}

// --- tags ---------------------------------------------------------------------------------------

#[test]
fn tags() {
    let t = |s| parse_tag(s).map(|t| (t.product, t.class, t.severity, t.id));
    assert_eq!(t("%ASA-6-302013"), Some(("ASA", None, 6, 302013)));
    assert_eq!(t("%ASA-6-302013:"), Some(("ASA", None, 6, 302013)));
    assert_eq!(
        t("%ASA-session-5-106100"),
        Some(("ASA", Some("session"), 5, 106100))
    );
    assert_eq!(
        t("%ASA-auth-4-113004"),
        Some(("ASA", Some("auth"), 4, 113004))
    );
    assert_eq!(t("%PIX-7-710005"), Some(("PIX", None, 7, 710005)));
    assert_eq!(t("%FTD-2-106001"), Some(("FTD", None, 2, 106001)));
    assert_eq!(t("%ASA-0-199999"), Some(("ASA", None, 0, 199999)));
    for bad in [
        "%ASA-8-302013",
        "%ASA-6-30201",
        "%ASA-6-3020133",
        "%ASA6-302013",
        "%CSA-6-302013",
        "%asa-6-302013",
        "ASA-6-302013",
        "%ASA-6-302013 x",
        "%ASA--6-302013",
        "%ASA-6-302013::",
        "%",
        "",
        "sshd",
    ] {
        assert_eq!(parse_tag(bad), None, "{bad}");
    }
}

#[test]
fn tagged_messages() {
    let f = |s| find_tagged(s).map(|(t, body)| (t.id, body));
    assert_eq!(
        f("%ASA-6-302016 Teardown UDP connection 40"),
        Some((302016, "Teardown UDP connection 40"))
    );
    assert_eq!(f("%ASA-6-302016: Teardown"), Some((302016, "Teardown")));
    assert_eq!(f("%ASA-6-302016:Teardown"), Some((302016, "Teardown")));
    assert_eq!(f("%ASA-6-302016"), Some((302016, "")));
    // A relay's header of its own before the tag.
    assert_eq!(
        f("Sep 25 15:47:07 EDT: %ASA-auth-4-113004: AAA user authentication Successful"),
        Some((113004, "AAA user authentication Successful"))
    );
    assert_eq!(f("no tag here"), None);
    assert_eq!(f("100%ASA-6-302016: x"), None);
    assert_eq!(f("%ASA-6-302016x"), None);
}

// --- the lines quoted in formats-reference.md §2.1 (elastic cisco_asa test-sample.log) ---------

#[test]
fn reference_sample_106023() {
    check(
        r#"Apr 15 2013 09:36:50: %ASA-4-106023: Deny tcp src dmz:10.1.2.30/63016 dst outside:192.168.0.8/53 by access-group "acl_dmz" [0xe3aab522, 0x0]"#,
        ("ASA", None, 4, 106023),
        Some(AsaMessage::AccessGroupDeny {
            protocol: "tcp",
            src: ep("dmz", "10.1.2.30", Some(63016)),
            dst: ep("outside", "192.168.0.8", Some(53)),
            access_group: "acl_dmz",
        }),
    );
}

#[test]
fn reference_sample_106100_with_class_and_zone() {
    check(
        "Apr 15 2014 09:34:34 EDT: %ASA-session-5-106100: access-list acl_in permitted tcp inside/10.1.2.16(2241) -> outside/192.168.0.89(2000) hit-cnt 1 first hit [0x71a87d94, 0x0]",
        ("ASA", Some("session"), 5, 106100),
        Some(AsaMessage::AccessList {
            acl: "acl_in",
            verdict: AclVerdict::Permitted,
            protocol: "tcp",
            src: ep("inside", "10.1.2.16", Some(2241)),
            dst: ep("outside", "192.168.0.89", Some(2000)),
            hits: Some(1),
        }),
    );
}

#[test]
fn reference_sample_106100_behind_device_id() {
    check(
        "Apr 24 2013 16:00:28 INT-FW01 : %ASA-6-106100: access-list inside denied udp inside/172.29.2.101(1039) -> outside/192.168.2.10(53) hit-cnt 1 first hit [0xd820e56a, 0x0]",
        ("ASA", None, 6, 106100),
        Some(AsaMessage::AccessList {
            acl: "inside",
            verdict: AclVerdict::Denied,
            protocol: "udp",
            src: ep("inside", "172.29.2.101", Some(1039)),
            dst: ep("outside", "192.168.2.10", Some(53)),
            hits: Some(1),
        }),
    );
}

#[test]
fn reference_sample_302015_outbound() {
    let line = "Dec 11 2018 08:01:24 <IP>: %ASA-6-302015: Built outbound UDP connection 447235 for outside:192.168.77.12/11180 (192.168.77.12/11180) to identity:10.0.13.13/80 (10.0.13.13/80)";
    let c = Connection {
        built: true,
        direction: Some(Direction::Outbound),
        protocol: "UDP",
        connection_id: "447235",
        for_side: mapped(
            ep("outside", "192.168.77.12", Some(11180)),
            "192.168.77.12",
            Some(11180),
        ),
        to_side: mapped(
            ep("identity", "10.0.13.13", Some(80)),
            "10.0.13.13",
            Some(80),
        ),
        user: None,
        duration: None,
        bytes: None,
        reason: None,
    };
    check(
        line,
        ("ASA", None, 6, 302015),
        Some(AsaMessage::Connection(c)),
    );
    // Outbound: the local (`to`) side opened it.
    assert_eq!(c.source().address, "10.0.13.13");
    assert_eq!(c.destination().address, "192.168.77.12");
}

#[test]
fn reference_sample_302016_without_colon_after_the_id() {
    check(
        "Aug 15 2012 23:30:09 : %ASA-6-302016 Teardown UDP connection 40 for outside:10.44.4.4/500 to inside:10.44.2.2/500 duration 0:02:02 bytes 1416",
        ("ASA", None, 6, 302016),
        Some(AsaMessage::Connection(Connection {
            built: false,
            direction: None,
            protocol: "UDP",
            connection_id: "40",
            for_side: ep("outside", "10.44.4.4", Some(500)),
            to_side: ep("inside", "10.44.2.2", Some(500)),
            user: None,
            duration: Some("0:02:02"),
            bytes: Some(1416),
            reason: None,
        })),
    );
}

// --- lines written from Cisco's "ASA Series Syslog Messages" texts ------------------------------

#[test]
fn connection_built_inbound_with_identity_and_aaa_user() {
    let line = r"<166>Mar 02 2026 09:14:12 fw-edge-01 : %ASA-6-302013: Built inbound TCP connection 4711 for outside:198.51.100.23/50514 (198.51.100.23/50514)(LOCAL\Jürgen Öhlmann) to inside:10.0.1.10/22 (203.0.113.10/22) (CORP\Jürgen Öhlmann)";
    let c = Connection {
        built: true,
        direction: Some(Direction::Inbound),
        protocol: "TCP",
        connection_id: "4711",
        for_side: ident(
            mapped(
                ep("outside", "198.51.100.23", Some(50514)),
                "198.51.100.23",
                Some(50514),
            ),
            r"LOCAL\Jürgen Öhlmann",
        ),
        to_side: mapped(
            ep("inside", "10.0.1.10", Some(22)),
            "203.0.113.10",
            Some(22),
        ),
        user: Some(r"CORP\Jürgen Öhlmann"),
        duration: None,
        bytes: None,
        reason: None,
    };
    check(
        line,
        ("ASA", None, 6, 302013),
        Some(AsaMessage::Connection(c)),
    );
    assert_eq!(c.source().address, "198.51.100.23");
    assert_eq!(c.source().user(), Some(r"LOCAL\Jürgen Öhlmann"));
    assert_eq!(c.destination().port, Some(22));
    assert_eq!(c.destination().user(), None);
}

#[test]
fn connection_teardown_with_reason_and_users_with_spaces() {
    for (user_in, user_out) in [
        (r"LOCAL\Speciäl Ö01", "Speciäl Ö01"),
        (r"LOCAL\corp\First Middle Last", r"corp\First Middle Last"),
        (r"LOCAL\x (contractor)", r"x (contractor)"),
    ] {
        let line = format!(
            "Nov 17 2023 11:05:08: %ASA-6-302014: Teardown TCP connection 261246338 for outside:198.51.100.15/63790({user_in}) to inside:192.0.2.1/53 duration 0:35:58 bytes 27451 TCP FINs from outside ({user_out})"
        );
        check(
            &line,
            ("ASA", None, 6, 302014),
            Some(AsaMessage::Connection(Connection {
                built: false,
                direction: None,
                protocol: "TCP",
                connection_id: "261246338",
                for_side: ident(ep("outside", "198.51.100.15", Some(63790)), user_in),
                to_side: ep("inside", "192.0.2.1", Some(53)),
                user: Some(user_out),
                duration: Some("0:35:58"),
                bytes: Some(27451),
                reason: Some("TCP FINs from outside"),
            })),
        );
    }
}

#[test]
fn connection_ipv6_and_names() {
    check(
        "Jan 15 2021 19:12:37: %ASA-6-302013: Built inbound TCP connection 251933191 for outside:2001:db8:0:1::23/62477 (2001:db8:0:1::23/62477) to inside:2001:db8:0:2::10/443 (2001:db8:0:2::10/443) (soc@example.com)",
        ("ASA", None, 6, 302013),
        Some(AsaMessage::Connection(Connection {
            built: true,
            direction: Some(Direction::Inbound),
            protocol: "TCP",
            connection_id: "251933191",
            for_side: mapped(
                ep("outside", "2001:db8:0:1::23", Some(62477)),
                "2001:db8:0:1::23",
                Some(62477),
            ),
            to_side: mapped(
                ep("inside", "2001:db8:0:2::10", Some(443)),
                "2001:db8:0:2::10",
                Some(443),
            ),
            user: Some("soc@example.com"),
            duration: None,
            bytes: None,
            reason: None,
        })),
    );
    // A host name instead of an address (`OCSP_Server`), and an old release's user after
    // the address.
    let line = "Dec 11 2018 08:01:31 fw: %ASA-6-302013: Built outbound TCP connection 447236 for outside:192.0.2.222/1234 (192.0.2.222/1234) to dmz:OCSP_Server/5678 (OCSP_Server/5678)";
    let rec = parse_rfc3164(line).unwrap();
    let Some(AsaMessage::Connection(c)) = parse_message(302013, rec.msg) else {
        panic!("{line}");
    };
    assert_eq!(
        (c.source().address, c.source().port),
        ("OCSP_Server", Some(5678))
    );
    let Some(AsaMessage::Connection(c)) = parse_message(
        302016,
        "Teardown UDP connection 666 for outside:192.0.2.222/53 user1 to inside:10.1.1.35/52925 user2 duration 10:00:00 bytes 9999999",
    ) else {
        panic!("old user form");
    };
    assert_eq!(c.to_side.address, "10.1.1.35");
    assert_eq!(c.for_side.port, Some(53));
}

#[test]
fn connection_teardown_udp_with_user_and_no_reason() {
    check(
        r"<166>Mar 02 2026 09:20:01 fw-edge-01 : %ASA-6-302016: Teardown UDP connection 261311655 for outside:203.0.113.5/63790(LOCAL\corp\svc-backup) to inside:10.0.0.53/53 duration 0:00:00 bytes 139 (corp\svc-backup)",
        ("ASA", None, 6, 302016),
        Some(AsaMessage::Connection(Connection {
            built: false,
            direction: None,
            protocol: "UDP",
            connection_id: "261311655",
            for_side: ident(
                ep("outside", "203.0.113.5", Some(63790)),
                r"LOCAL\corp\svc-backup",
            ),
            to_side: ep("inside", "10.0.0.53", Some(53)),
            user: Some(r"corp\svc-backup"),
            duration: Some("0:00:00"),
            bytes: Some(139),
            reason: None,
        })),
    );
}

#[test]
fn access_group_deny_variants() {
    check(
        r#"<164>Mar 02 2026 09:13:55 fw-edge-01 : %ASA-4-106023: Deny icmp src outside:2001:db8::5 dst inside:2001:db8::6 (type 128, code 0) by access-group "outside_in" [0x0, 0x0]"#,
        ("ASA", None, 4, 106023),
        Some(AsaMessage::AccessGroupDeny {
            protocol: "icmp",
            src: ep("outside", "2001:db8::5", None),
            dst: ep("inside", "2001:db8::6", None),
            access_group: "outside_in",
        }),
    );
    check(
        r#"<164>Mar 02 2026 09:13:56 fw-edge-01 : %ASA-4-106023: Deny protocol 47 src outside:198.51.100.9 dst inside:192.0.2.44 by access-group "inbound" [0x0, 0x0]"#,
        ("ASA", None, 4, 106023),
        Some(AsaMessage::AccessGroupDeny {
            protocol: "47",
            src: ep("outside", "198.51.100.9", None),
            dst: ep("inside", "192.0.2.44", None),
            access_group: "inbound",
        }),
    );
    let src = ident(ep("inside", "10.0.3.7", Some(51000)), r"LOCAL\bob, 7:Staff");
    check(
        r#"<164>Mar 02 2026 09:13:57 fw-edge-01 : %ASA-4-106023: Deny tcp src inside:10.0.3.7/51000(LOCAL\bob, 7:Staff) dst outside:203.0.113.9/445(files.example.com) type 3, code 0, by access-group "inside_out" [0x1, 0x2]"#,
        ("ASA", None, 4, 106023),
        Some(AsaMessage::AccessGroupDeny {
            protocol: "tcp",
            src,
            dst: ident(ep("outside", "203.0.113.9", Some(445)), "files.example.com"),
            access_group: "inside_out",
        }),
    );
    assert_eq!(src.user(), Some(r"LOCAL\bob"));
    assert_eq!(ident(ep("x", "1", None), "files.example.com").user(), None);
}

#[test]
fn access_list_with_users_and_intervals() {
    check(
        r"<165>Mar 02 2026 09:13:58 fw-edge-01 : %ASA-5-106100: access-list inside_in est-allowed tcp inside/10.0.3.7(51000) (LOCAL\bob, 7:Staff) -> outside/203.0.113.9(445) hit-cnt 144 300-second interval [0xe982c7a4, 0x0]",
        ("ASA", None, 5, 106100),
        Some(AsaMessage::AccessList {
            acl: "inside_in",
            verdict: AclVerdict::EstAllowed,
            protocol: "tcp",
            src: ident(ep("inside", "10.0.3.7", Some(51000)), r"LOCAL\bob, 7:Staff"),
            dst: ep("outside", "203.0.113.9", Some(445)),
            hits: Some(144),
        }),
    );
    check(
        r"<165>Mar 02 2026 09:13:59 fw-edge-01 : %ASA-5-106100: access-list outside_in denied icmp outside/2001:db8::5(128)(LOCAL\eve) -> inside/2001:db8::6(0) hit-cnt 1 first hit [0x0, 0x0]",
        ("ASA", None, 5, 106100),
        Some(AsaMessage::AccessList {
            acl: "outside_in",
            verdict: AclVerdict::Denied,
            protocol: "icmp",
            src: ident(ep("outside", "2001:db8::5", Some(128)), r"LOCAL\eve"),
            dst: ep("inside", "2001:db8::6", Some(0)),
            hits: Some(1),
        }),
    );
}

#[test]
fn aaa_messages() {
    check(
        "<166>Mar 02 2026 09:15:00 fw-edge-01 : %ASA-6-113004: AAA user authentication Successful : server = 192.0.2.50 : user = alice",
        ("ASA", None, 6, 113004),
        Some(AsaMessage::Aaa {
            operation: AaaOperation::Authentication,
            success: true,
            reason: None,
            server: Some("192.0.2.50"),
            local_database: false,
            user: Some("alice"),
            user_ip: None,
        }),
    );
    check(
        "<166>Mar 02 2026 09:15:01 fw-edge-01 : %ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = 192.0.2.50 : user = Jürgen Öhlmann : user IP = 198.51.100.23",
        ("ASA", None, 6, 113005),
        Some(AsaMessage::Aaa {
            operation: AaaOperation::Authentication,
            success: false,
            reason: Some("AAA failure"),
            server: Some("192.0.2.50"),
            local_database: false,
            user: Some("Jürgen Öhlmann"),
            user_ip: Some("198.51.100.23"),
        }),
    );
    // The older punctuation, and no space before the colon.
    check(
        "Mar 02 2026 09:15:02 fw-edge-01: %ASA-6-113004: AAA user authorization Successful: server = 2001:db8::50, User = alice",
        ("ASA", None, 6, 113004),
        Some(AsaMessage::Aaa {
            operation: AaaOperation::Authorization,
            success: true,
            reason: None,
            server: Some("2001:db8::50"),
            local_database: false,
            user: Some("alice"),
            user_ip: None,
        }),
    );
    check(
        "<166>Mar 02 2026 09:15:03 fw-edge-01 : %ASA-6-113005: AAA user authentication Rejected : reason = Unspecified : server = 192.0.2.50 : user = alice: user IP = 198.51.100.23",
        ("ASA", None, 6, 113005),
        Some(AsaMessage::Aaa {
            operation: AaaOperation::Authentication,
            success: false,
            reason: Some("Unspecified"),
            server: Some("192.0.2.50"),
            local_database: false,
            user: Some("alice"),
            user_ip: Some("198.51.100.23"),
        }),
    );
    check(
        "<166>Mar 02 2026 09:15:04 fw-edge-01 : %ASA-6-113015: AAA user authentication Rejected : reason = Invalid password : local database : user = admin : user IP = 198.51.100.23",
        ("ASA", None, 6, 113015),
        Some(AsaMessage::Aaa {
            operation: AaaOperation::Authentication,
            success: false,
            reason: Some("Invalid password"),
            server: None,
            local_database: true,
            user: Some("admin"),
            user_ip: Some("198.51.100.23"),
        }),
    );
    check(
        "<166>Mar 02 2026 09:15:05 fw-edge-01 : %ASA-6-113012: AAA user authentication Successful : local database : user = admin",
        ("ASA", None, 6, 113012),
        Some(AsaMessage::Aaa {
            operation: AaaOperation::Authentication,
            success: true,
            reason: None,
            server: None,
            local_database: true,
            user: Some("admin"),
            user_ip: None,
        }),
    );
    // An empty user, and a relay's header in front of the tag (class `auth`).
    check(
        "Sep 25 12:42:21 relay.example.com : Sep 25 12:42:21 EDT: %ASA-auth-4-113005: AAA user authentication Rejected : reason = AAA failure : server = srv01 : user = : user IP = 198.51.100.55",
        ("ASA", Some("auth"), 4, 113005),
        Some(AsaMessage::Aaa {
            operation: AaaOperation::Authentication,
            success: false,
            reason: Some("AAA failure"),
            server: Some("srv01"),
            local_database: false,
            user: None,
            user_ip: Some("198.51.100.55"),
        }),
    );
}

#[test]
fn management_logins() {
    check(
        r#"<166>Mar 02 2026 09:16:00 fw-edge-01 : %ASA-6-605004: Login denied from 198.51.100.23/51923 to outside:203.0.113.1/https for user "admin""#,
        ("ASA", None, 6, 605004),
        Some(AsaMessage::Login {
            permitted: false,
            from: "198.51.100.23",
            from_port: Some(51923),
            interface: Some("outside"),
            to: "203.0.113.1",
            service: Some("https"),
            user: "admin",
        }),
    );
    check(
        r#"<166>Mar 02 2026 09:16:01 fw-edge-01 : %ASA-6-605005: Login permitted from 2001:db8::9/6651 to inside:2001:db8::1/ssh for user "net admin""#,
        ("ASA", None, 6, 605005),
        Some(AsaMessage::Login {
            permitted: true,
            from: "2001:db8::9",
            from_port: Some(6651),
            interface: Some("inside"),
            to: "2001:db8::1",
            service: Some("ssh"),
            user: "net admin",
        }),
    );
    check(
        r#"<166>Mar 02 2026 09:16:02 fw-edge-01 : %ASA-6-605005: Login permitted from serial to console for user "enable_1""#,
        ("ASA", None, 6, 605005),
        Some(AsaMessage::Login {
            permitted: true,
            from: "serial",
            from_port: None,
            interface: None,
            to: "console",
            service: None,
            user: "enable_1",
        }),
    );
    check(
        "<166>Mar 02 2026 09:16:03 fw-edge-01 : %ASA-6-611101: User authentication succeeded: IP address: 10.0.9.5, Uname: netadmin",
        ("ASA", None, 6, 611101),
        Some(AsaMessage::UserAuthentication {
            success: true,
            ip: Some("10.0.9.5"),
            user: Some("netadmin"),
        }),
    );
    check(
        "<166>Mar 02 2026 09:16:04 fw-edge-01 : %ASA-6-611102: User authentication failed: Uname: admin",
        ("ASA", None, 6, 611102),
        Some(AsaMessage::UserAuthentication {
            success: false,
            ip: None,
            user: Some("admin"),
        }),
    );
}

#[test]
fn vpn_sessions() {
    let h = "<166>Mar 02 2026 09:17:00 vpn-01 : ";
    let mut s = vpn(
        "GP-Remote",
        "alice@example.com",
        "198.51.100.23",
        "AnyConnect parent session started.",
    );
    check(
        &format!("{h}%ASA-6-113039: Group <GP-Remote> User <alice@example.com> IP <198.51.100.23> AnyConnect parent session started."),
        ("ASA", None, 6, 113039),
        Some(AsaMessage::Vpn(s)),
    );
    s = vpn(
        "GP-Remote",
        "alice",
        "198.51.100.23",
        "WebVPN session started.",
    );
    check(
        &format!(
            "{h}%ASA-6-716001: Group GP-Remote User alice IP 198.51.100.23 WebVPN session started."
        ),
        ("ASA", None, 6, 716001),
        Some(AsaMessage::Vpn(s)),
    );
    s = vpn(
        "GP-Remote",
        "alice",
        "198.51.100.23",
        "WebVPN session terminated: User Requested.",
    );
    s.reason = Some("User Requested");
    check(
        &format!("{h}%ASA-6-716002: Group GP-Remote User alice IP 198.51.100.23 WebVPN session terminated: User Requested."),
        ("ASA", None, 6, 716002),
        Some(AsaMessage::Vpn(s)),
    );
    s = vpn(
        "GP Remote",
        "Jürgen Öhlmann",
        "198.51.100.23",
        "TCP SVC connection established without compression",
    );
    s.transport = Some("TCP");
    check(
        &format!("{h}%ASA-6-722022: Group <GP Remote> User <Jürgen Öhlmann> IP <198.51.100.23> TCP SVC connection established without compression"),
        ("ASA", None, 6, 722022),
        Some(AsaMessage::Vpn(s)),
    );
    s = vpn(
        "GP-Remote",
        "alice",
        "198.51.100.23",
        "UDP SVC connection terminated without compression",
    );
    s.transport = Some("UDP");
    check(
        &format!("{h}%ASA-6-722023: Group <GP-Remote> User <alice> IP <198.51.100.23> UDP SVC connection terminated without compression"),
        ("ASA", None, 6, 722023),
        Some(AsaMessage::Vpn(s)),
    );
    s = vpn(
        "GP-Remote",
        "alice",
        "198.51.100.23",
        "SVC closing connection: DPD failure.",
    );
    s.reason = Some("DPD failure");
    check(
        &format!("{h}%ASA-4-722037: Group <GP-Remote> User <alice> IP <198.51.100.23> SVC closing connection: DPD failure."),
        ("ASA", None, 4, 722037),
        Some(AsaMessage::Vpn(s)),
    );
    s = vpn(
        "GP-Remote",
        "alice",
        "198.51.100.23",
        "IPv4 Address <10.8.0.12> IPv6 address <::> assigned to session",
    );
    s.assigned_ipv4 = Some("10.8.0.12");
    s.assigned_ipv6 = Some("::");
    check(
        &format!("{h}%ASA-4-722051: Group <GP-Remote> User <alice> IP <198.51.100.23> IPv4 Address <10.8.0.12> IPv6 address <::> assigned to session"),
        ("ASA", None, 4, 722051),
        Some(AsaMessage::Vpn(s)),
    );
    s = vpn(
        "GP-Remote",
        "alice",
        "198.51.100.23",
        "Session disconnected. Session Type: SSL, Duration: 0h:12m:05s, Bytes xmt: 12345, Bytes rcv: 6789, Reason: Idle Timeout",
    );
    s.reason = Some("Idle Timeout");
    check(
        &format!("{h}%ASA-4-113019: Group = GP-Remote, Username = alice, IP = 198.51.100.23, Session disconnected. Session Type: SSL, Duration: 0h:12m:05s, Bytes xmt: 12345, Bytes rcv: 6789, Reason: Idle Timeout"),
        ("ASA", None, 4, 113019),
        Some(AsaMessage::Vpn(s)),
    );
    // An empty user (`User IP <A>`).
    let Some(AsaMessage::Vpn(v)) = parse_message(
        716059,
        "Group <Vendor_User> User IP <10.20.0.1> AnyConnect session resumed connection from IP <192.0.2.1>.",
    ) else {
        panic!("empty user");
    };
    assert_eq!(
        (v.group, v.user, v.ip),
        (Some("Vendor_User"), None, Some("10.20.0.1"))
    );
}

#[test]
fn threat_detection() {
    check(
        "<164>Mar 02 2026 09:13:50 fw-edge-01 : %ASA-4-733101: Host 198.51.100.23 is attacking. Current burst rate is 12 per second, max configured rate is 10; Current average rate is 8 per second, max configured rate is 5; Cumulative total count is 4812",
        ("ASA", None, 4, 733101),
        Some(AsaMessage::Threat {
            object: "198.51.100.23",
            attacking: true,
        }),
    );
    assert_eq!(
        parse_message(
            733101,
            "Subnet 192.0.2.0 is targeted. Current burst rate is 200 per second"
        ),
        Some(AsaMessage::Threat {
            object: "192.0.2.0",
            attacking: false,
        })
    );
}

#[test]
fn pix_and_ftd() {
    check(
        "<167>Mar  6 16:57:54 172.20.245.8 %PIX-7-710005: UDP request discarded from 192.0.2.7/137 to outside:198.51.100.1/137",
        ("PIX", None, 7, 710005),
        None,
    );
    check(
        "May  5 17:51:17 dev01: %FTD-6-302013: Built inbound TCP connection 111111111 for net:192.0.2.10/53500 (203.0.113.144/53500) to fw111:10.2.2.2/443 (203.0.113.144/443)",
        ("FTD", None, 6, 302013),
        Some(AsaMessage::Connection(Connection {
            built: true,
            direction: Some(Direction::Inbound),
            protocol: "TCP",
            connection_id: "111111111",
            for_side: mapped(ep("net", "192.0.2.10", Some(53500)), "203.0.113.144", Some(53500)),
            to_side: mapped(ep("fw111", "10.2.2.2", Some(443)), "203.0.113.144", Some(443)),
            user: None,
            duration: None,
            bytes: None,
            reason: None,
        })),
    );
}

#[test]
fn bodies_that_do_not_fit_their_id() {
    assert_eq!(
        parse_message(106023, "Deny tcp src dmz:10.1.2.30/63016"),
        None
    );
    assert_eq!(
        parse_message(106100, "access-list acl_in allowed tcp a/1(2) -> b/3(4)"),
        None
    );
    assert_eq!(
        parse_message(302013, "Built inbound TCP connection 1 for outside"),
        None
    );
    assert_eq!(
        parse_message(113004, "AAA user authentication Pending"),
        None
    );
    assert_eq!(parse_message(605004, "Login denied from 1.2.3.4/5"), None);
    assert_eq!(parse_message(611101, "User authentication maybe"), None);
    assert_eq!(parse_message(733101, "Object x"), None);
    assert_eq!(
        parse_message(305011, "Built dynamic TCP translation from a:1/2 to b:3/4"),
        None
    );
    assert_eq!(parse_message(722022, "Group G"), None);
}

// --- robustness ---------------------------------------------------------------------------------

/// A tiny deterministic xorshift64 generator.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Prefixes and suffixes of tricky bodies under every id this module reads, token soup and
/// random bytes: nothing panics.
#[test]
fn never_panics() {
    let ids = [
        106023, 106100, 302013, 302014, 302015, 302016, 113004, 113005, 113012, 113015, 605004,
        605005, 611101, 611102, 733101, 113039, 716001, 716002, 722022, 722023, 722037, 722051,
        113019, 305011,
    ];
    let tricky = [
        r#"Deny tcp src dmz:10.1.2.30/63016(LOCAL\ü (x)) dst outside:2001:db8::1/53 (type 3, code 0) by access-group "acl_dmz" [0xe3aab522, 0x0]"#,
        r"access-list acl_in permitted tcp inside/10.1.2.16(2241) (LOCAL\bob, 7:S) -> outside/192.0.2.89(2000)(x) hit-cnt 1 first hit",
        r"Built outbound TCP connection 1 for outside:192.0.2.1/443 (192.0.2.1/443)(LOCAL\Speciäl Ö01) to inside:10.0.0.1/5 (10.0.0.1/5) (Speciäl Ö01)",
        r"Teardown UDP connection 40 for outside:10.44.4.4/500 user1 to inside:10.44.2.2/500 duration 0:02:02 bytes 1416 ((x)",
        "AAA user authentication Rejected : reason = : server = : user = :: user IP = ,",
        r#"Login permitted from serial/ to :/ for user ""#,
        "User authentication succeeded: IP address: , Uname: ",
        "Group <G User <U> IP <",
        "Group = , Username = , IP = ,",
        "Host  is attacking",
    ];
    let mut inputs: Vec<String> = Vec::new();
    for line in tricky {
        for (i, _) in line.char_indices().chain([(line.len(), ' ')]) {
            inputs.push(line[..i].to_string());
            inputs.push(line[i..].to_string());
        }
    }
    let tokens = [
        "Built ",
        "Teardown ",
        "inbound ",
        "TCP ",
        "connection ",
        "1 ",
        "for ",
        "to ",
        " ",
        "(",
        ")",
        "/",
        ":",
        "outside",
        "192.0.2.1",
        "::1",
        "\\",
        "ü",
        "<",
        ">",
        "=",
        ",",
        "\"",
        "Group ",
        "User ",
        "IP ",
        "duration ",
        "bytes ",
        "access-list ",
        "-> ",
        "Deny ",
        "src ",
        "dst ",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let n = rng.below(30);
        inputs.push((0..n).map(|_| tokens[rng.below(tokens.len())]).collect());
    }
    for _ in 0..1000 {
        let n = rng.below(100);
        let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        inputs.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    for input in &inputs {
        for id in ids {
            let _ = parse_message(id, input);
        }
        let _ = parse_tag(input);
        let _ = find_tagged(input);
        let _ = find_tagged(&format!("%ASA-6-302013: {input}"));
    }
}
