//! Entities: how hosts, users, addresses, hashes and processes are compared, and which of them
//! are too common to link anything on their own.

use std::collections::BTreeSet;
use std::net::IpAddr;

use crate::config::Ioc;
use crate::event::Event;

/// A host name in its short, lower-case form: `SRV-FILE-01.corp.local` → `srv-file-01`.
/// Addresses are kept whole.
pub fn short_host(h: &str) -> String {
    let h = h.trim();
    if h.parse::<IpAddr>().is_ok() {
        return h.to_string();
    }
    h.split('.').next().unwrap_or(h).to_ascii_lowercase()
}

/// A user name compared without its domain and case: `CORP\mlee`, `mlee@corp.local` and
/// `MLee` are one user.
pub fn norm_user(u: &str) -> String {
    let u = u.trim();
    let u = u.rsplit('\\').next().unwrap_or(u);
    let u = u.split('@').next().unwrap_or(u);
    u.to_ascii_lowercase()
}

/// The file name of a program's path, lower-cased: an EDR's
/// `\Device\HarddiskVolume3\…\x.exe` and Windows' `C:\…\X.exe` are one image.
pub fn image_file(p: &str) -> String {
    let p = p.trim();
    p.rsplit(['\\', '/'])
        .next()
        .unwrap_or(p)
        .to_ascii_lowercase()
}

/// Accounts that every host has: they say nothing about who did something, and link nothing.
pub fn is_generic_user(user: &str) -> bool {
    let u = norm_user(user);
    u.ends_with('$')
        || matches!(
            u.as_str(),
            "" | "-"
                | "0"
                | "65534"
                | "4294967295"
                | "root"
                | "system"
                | "local service"
                | "network service"
                | "anonymous logon"
                | "nobody"
                | "daemon"
                | "n/a"
                | "unknown"
        )
}

/// An address outside the private, loopback, link-local and shared ranges.
pub fn is_public(ip: &str) -> bool {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V4(a)) => {
            !(a.is_private()
                || a.is_loopback()
                || a.is_link_local()
                || a.is_unspecified()
                || a.is_broadcast()
                || a.octets()[0] == 100 && (a.octets()[1] & 0xc0) == 64)
        }
        Ok(IpAddr::V6(a)) => {
            !(a.is_loopback()
                || a.is_unspecified()
                || (a.segments()[0] & 0xfe00) == 0xfc00
                || (a.segments()[0] & 0xffc0) == 0xfe80)
        }
        Err(_) => false,
    }
}

/// The entities of an event, as `kind:value` keys (generic accounts left out).
pub fn entities(e: &Event<'_>) -> Vec<String> {
    let mut out = Vec::with_capacity(5);
    if let Some(h) = &e.host {
        out.push(format!("host:{}", short_host(h)));
    }
    if let Some(u) = &e.user {
        if !is_generic_user(u) {
            out.push(format!("user:{}", norm_user(u)));
        }
    }
    for ip in [&e.src_ip, &e.dst_ip].into_iter().flatten() {
        out.push(format!("ip:{ip}"));
    }
    if let Some(h) = &e.hash {
        out.push(format!("hash:{}", h.to_ascii_lowercase()));
    }
    out
}

/// The entity key of an indicator.
pub fn ioc_key(i: &Ioc) -> String {
    match i {
        Ioc::Ip(v) => format!("ip:{v}"),
        Ioc::Host(v) => format!("host:{}", short_host(v)),
        Ioc::User(v) => format!("user:{}", norm_user(v)),
        Ioc::Hash(v) => format!("hash:{v}"),
        Ioc::Process(v) => format!("process:{}", v.to_ascii_lowercase()),
    }
}

/// Whether `e` involves any of the entity `keys` (`host:…`, `user:…`, `ip:…`, `hash:…`,
/// `process:…`; a process matches by its name or the last part of its path).
pub fn involves(e: &Event<'_>, keys: &BTreeSet<String>) -> bool {
    if keys.is_empty() {
        return false;
    }
    if entities(e).iter().any(|k| keys.contains(k)) {
        return true;
    }
    match &e.process {
        Some(p) => {
            let p = p.to_ascii_lowercase();
            let name = p.rsplit(['/', '\\']).next().unwrap_or(&p);
            let first = name.split_whitespace().next().unwrap_or(name);
            keys.iter().any(|k| {
                k.strip_prefix("process:")
                    .is_some_and(|v| p == v || name == v || first == v)
            })
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_users_unify() {
        assert_eq!(short_host("SRV-FILE-01.corp.local"), "srv-file-01");
        assert_eq!(short_host("10.0.1.10"), "10.0.1.10");
        assert_eq!(norm_user("CORP\\mlee"), "mlee");
        assert_eq!(norm_user("MLee@corp.local"), "mlee");
        assert!(is_generic_user("WS-HR-07$"));
        assert!(is_generic_user("NT AUTHORITY\\SYSTEM"));
        assert!(!is_generic_user("deploy"));
        assert!(is_generic_user("0"), "uid 0 is root");
        assert!(!is_generic_user("1001"));
    }

    #[test]
    fn public_ranges() {
        assert!(is_public("203.0.113.77"));
        assert!(!is_public("10.0.1.10"));
        assert!(!is_public("100.64.1.1"));
        assert!(!is_public("fe80::1"));
        assert!(is_public("2001:db8::1"));
    }
}
