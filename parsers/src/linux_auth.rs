//! Linux authentication messages (the MSG part of auth.log / secure lines): sshd, PAM, sudo,
//! shadow-utils (useradd, usermod, userdel, groupadd, passwd, chpasswd).
//!
//! Called with the syslog TAG (`sshd`, `sudo`, `useradd`, `passwd`, `sshd(pam_unix)`,
//! `CRON` ...) and MSG. Returns `None` for messages that carry no authentication meaning.
//!
//! The message text decides, not the tag: PAM lines come from any program (`sshd`, `cron`, `su`,
//! `login`, `systemd` ...), and sshd's messages arrive under `sshd` or `sshd-session`. The tag is
//! only used for the PAM service of old-style `sshd(pam_unix)` tags, whose messages lack the
//! `pam_unix(service:type): ` prefix.
//!
//! The fixed grammars inside the messages are nom combinators: the `message repeated` wrapper,
//! sshd's `Accepted|Failed METHOD for`, `HOST[ port N]`, the `pam_xxx(service:type): ` prefix.
//! Choosing *which* message it is stays hand-written: a dispatch on the first byte and literal
//! prefix tests (`strip_prefix`, compiled to a length check and a `memcmp`) over some thirty
//! message shapes, where an `alt` would try every shape in turn; and the user name is found by
//! the rightmost ` from ` with a valid tail (`memmem::rfind_iter`), because attacker-chosen user
//! names may contain ` from ` themselves, which a left-to-right grammar cannot see without
//! trying every occurrence.

use memchr::memmem;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_until};
use nom::combinator::{cut, eof, map_res, opt, peek, recognize};
use nom::sequence::{pair, preceded, terminated, tuple};

use crate::grammar::{ascii1, byte, one_of_ascii, PResult};

#[cfg(test)]
mod combinator_tests;
#[cfg(test)]
mod tests;

/// How an SSH login was attempted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SshMethod {
    Password,
    Publickey,
    KeyboardInteractive,
    HostBased,
    /// `gssapi-with-mic` and anything else sshd names.
    Other,
}

/// One authentication-relevant message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthMessage<'a> {
    /// `Accepted password for alice from 203.0.113.7 port 52114 ssh2`
    /// `Failed password for invalid user admin from 198.51.100.23 port 40022 ssh2`
    /// `Failed publickey for root from 198.51.100.23 port 40022 ssh2: RSA SHA256:...`
    SshAuth {
        accepted: bool,
        method: SshMethod,
        user: &'a str,
        /// The message said `invalid user` (the account does not exist).
        invalid_user: bool,
        ip: &'a str,
        port: Option<u16>,
    },
    /// `Invalid user admin from 198.51.100.23 port 40022` (also `Invalid user  from ...` with an
    /// empty name, and the older form without `port`).
    SshInvalidUser {
        user: &'a str,
        ip: &'a str,
        port: Option<u16>,
    },
    /// `pam_unix(sshd:session): session opened for user alice(uid=1001) by (uid=0)` /
    /// `... session opened for user root by alice(uid=1001)` / `session closed for user alice`.
    PamSession {
        opened: bool,
        /// `sshd`, `sudo`, `cron`, `su`, `login`, `systemd-user` ...
        service: &'a str,
        user: &'a str,
        /// The `by NAME(uid=N)` user, when named.
        by: Option<&'a str>,
    },
    /// `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.23  user=root`
    PamAuthFailure {
        service: &'a str,
        user: Option<&'a str>,
        rhost: Option<&'a str>,
    },
    /// `alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id`
    /// `alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/sh`
    /// `mallory : user NOT in sudoers ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/bash`
    Sudo {
        user: &'a str,
        tty: Option<&'a str>,
        pwd: Option<&'a str>,
        run_as: Option<&'a str>,
        command: Option<&'a str>,
        /// The text before `; TTY=` when it is not the normal form (the failure reason).
        failure: Option<&'a str>,
    },
    /// `new user: name=backup2, UID=1002, GID=1002, home=/home/backup2, shell=/bin/bash, from=/dev/pts/1`
    /// (useradd); also `new group: name=backup2, GID=1002` (groupadd / useradd).
    AccountCreated {
        group: bool,
        name: &'a str,
        /// `UID=` of a new user; for a new group (`group: true`) its `GID=`.
        uid: Option<&'a str>,
    },
    /// usermod: `add 'backup2' to group 'sudo'`, `add 'backup2' to shadow group 'sudo'`,
    /// `change user 'x' password`, `lock user 'x' password`, `unlock user 'x' password`.
    AccountModified {
        name: &'a str,
        /// The whole message, as the human description of the change.
        change: &'a str,
        /// For group membership changes: the group.
        group: Option<&'a str>,
    },
    /// userdel: `delete user 'backup2'`, groupdel: `group 'x' removed`.
    AccountDeleted { group: bool, name: &'a str },
    /// passwd / chpasswd: `pam_unix(passwd:chauthtok): password changed for alice`,
    /// `password for 'alice' changed by 'root'`.
    PasswordChanged { user: &'a str, by: Option<&'a str> },
}

/// Parses the MSG of an auth.log line given its TAG.
pub fn parse_auth_message<'a>(app: &str, msg: &'a str) -> Option<AuthMessage<'a>> {
    let msg = msg.trim_end_matches(|c: char| c.is_ascii_whitespace());
    if let Some(inner) = repeated_inner(msg) {
        return parse_one(app, inner);
    }
    parse_one(app, msg)
}

fn parse_one<'a>(app: &str, msg: &'a str) -> Option<AuthMessage<'a>> {
    let first = *msg.as_bytes().first()?;
    let sshd_or_pam = match first {
        b'A' => ssh_auth(msg, "Accepted ", true),
        b'F' => ssh_auth(msg, "Failed ", false),
        b'I' => ssh_invalid_user(msg),
        b'p' => pam_prefix(msg).and_then(|(service, body)| pam_body(service, body)),
        _ => None,
    };
    sshd_or_pam
        .or_else(|| {
            // Old Linux-PAM tagged its lines `sshd(pam_unix)` and left the prefix out.
            app.contains("(pam_")
                .then(|| pam_body(legacy_pam_service(app), msg))
                .flatten()
        })
        .or_else(|| shadow_message(msg))
        .or_else(|| sudo(msg))
}

/// `message repeated 3 times: [ Failed password for root ...]` → the bracketed message.
fn repeated_inner(msg: &str) -> Option<&str> {
    let (rest, _) = repeated_header(msg).ok()?;
    let rest = rest.strip_suffix(']').unwrap_or(rest);
    Some(rest.trim_matches(' '))
}

/// `"message repeated " 1*DIGIT (" times: [" / " time: [")`.
fn repeated_header(i: &str) -> PResult<'_, &str> {
    recognize(tuple((
        tag("message repeated "),
        ascii1(|b| b.is_ascii_digit()),
        alt((tag(" times: ["), tag(" time: ["))),
    )))(i)
}

// ---------------------------------------------------------------------------------------------
// sshd

fn ssh_method(method: &str) -> SshMethod {
    match method {
        "password" => SshMethod::Password,
        "publickey" => SshMethod::Publickey,
        "hostbased" => SshMethod::HostBased,
        m if m == "keyboard-interactive" || m.starts_with("keyboard-interactive/") => {
            SshMethod::KeyboardInteractive
        }
        _ => SshMethod::Other,
    }
}

/// `Accepted|Failed METHOD for [invalid user ]USER from HOST port N ssh2[: extra]`.
fn ssh_auth<'a>(msg: &'a str, verb: &str, accepted: bool) -> Option<AuthMessage<'a>> {
    let method =
        ascii1(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'/' | b'@' | b'.' | b'_'));
    let (rest, (_, method, _)) = tuple((tag(verb), method, tag(" for ")))(msg).ok()?;
    let (who, ip, port) = split_from(rest)?;
    let (invalid_user, user) = match who.strip_prefix("invalid user ") {
        Some(user) => (true, user),
        None => (false, who),
    };
    Some(AuthMessage::SshAuth {
        accepted,
        method: ssh_method(method),
        user,
        invalid_user,
        ip,
        port,
    })
}

/// `Invalid user NAME from HOST[ port N]` (NAME may be empty or contain spaces).
fn ssh_invalid_user(msg: &str) -> Option<AuthMessage<'_>> {
    let rest = msg.strip_prefix("Invalid user ")?;
    let (user, ip, port) = split_from_allow_empty(rest)?;
    Some(AuthMessage::SshInvalidUser { user, ip, port })
}

/// Splits `USER from HOST[ port N][ suffix]` at the rightmost ` from ` whose tail is a valid
/// host/port (user names are attacker-chosen and may themselves contain ` from `).
fn split_from(s: &str) -> Option<(&str, &str, Option<u16>)> {
    memmem::rfind_iter(s.as_bytes(), b" from ").find_map(|at| {
        let user = s.get(..at)?;
        let (ip, port) = from_tail(s.get(at + 6..)?)?;
        Some((user, ip, port))
    })
}

/// Like [`split_from`], but `s` may start with ` from ` (an empty user name).
fn split_from_allow_empty(s: &str) -> Option<(&str, &str, Option<u16>)> {
    if let Some(found) = split_from(s) {
        return Some(found);
    }
    let tail = s.strip_prefix("from ")?;
    let (ip, port) = from_tail(tail)?;
    Some(("", ip, port))
}

/// `HOST[ port N][ anything]` (also `HOST port N:` / `HOST port N ssh2: ...`).
fn from_tail(tail: &str) -> Option<(&str, Option<u16>)> {
    let (_, host_port) = pair(host, opt(port))(tail).ok()?;
    Some(host_port)
}

/// An address or host name (`203.0.113.7`, `2001:db8::1`, `fe80::1%eth0`, `host-1.example`),
/// then SP or the end.
fn host(i: &str) -> PResult<'_, &str> {
    terminated(
        ascii1(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'-' | b'_' | b'%')),
        peek(alt((eof, recognize(byte(b' '))))),
    )(i)
}

/// `" port " 1*DIGIT` (a `u16`), then SP, `:` or the end. After ` port ` the message has committed
/// to a port (`cut`): a bad one fails the message rather than being left out.
fn port(i: &str) -> PResult<'_, u16> {
    let number = map_res(ascii1(|b| b.is_ascii_digit()), str::parse::<u16>);
    preceded(
        tag(" port "),
        cut(terminated(
            number,
            peek(alt((eof, recognize(one_of_ascii(b" :"))))),
        )),
    )(i)
}

// ---------------------------------------------------------------------------------------------
// PAM

/// `pam_xxx(service:type): body` → (service, body).
fn pam_prefix(msg: &str) -> Option<(&str, &str)> {
    let (body, (_, _, _, inside, _)) = tuple((
        tag("pam_"),
        take_until("("),
        byte(b'('),
        take_until("): "),
        tag("): "),
    ))(msg)
    .ok()?;
    let service = inside.split(':').next().unwrap_or(inside);
    Some((service, body))
}

/// The PAM service of an old-style `sshd(pam_unix)` tag. The tag does not outlive the call, so
/// only well-known service names can be returned; others give `""`.
fn legacy_pam_service(app: &str) -> &'static str {
    const SERVICES: [&str; 24] = [
        "sshd",
        "sudo",
        "sudo-i",
        "su",
        "su-l",
        "login",
        "cron",
        "crond",
        "systemd-user",
        "passwd",
        "chpasswd",
        "runuser",
        "runuser-l",
        "gdm",
        "gdm-password",
        "lightdm",
        "sddm",
        "vsftpd",
        "proftpd",
        "dovecot",
        "xrdp-sesman",
        "polkit-1",
        "atd",
        "remote",
    ];
    let name = app.split('(').next().unwrap_or(app);
    SERVICES.iter().copied().find(|s| *s == name).unwrap_or("")
}

fn pam_body<'a>(service: &'a str, body: &'a str) -> Option<AuthMessage<'a>> {
    if let Some(rest) = body.strip_prefix("session opened for user ") {
        let (user, rest) = pam_user(rest);
        let by = rest
            .strip_prefix(" by ")
            .map(|b| b.split(['(', ' ']).next().unwrap_or_default())
            .filter(|b| !b.is_empty());
        return (!user.is_empty()).then_some(AuthMessage::PamSession {
            opened: true,
            service,
            user,
            by,
        });
    }
    if let Some(rest) = body.strip_prefix("session closed for user ") {
        let (user, _) = pam_user(rest);
        return (!user.is_empty()).then_some(AuthMessage::PamSession {
            opened: false,
            service,
            user,
            by: None,
        });
    }
    if let Some(rest) = body.strip_prefix("authentication failure;") {
        return Some(pam_auth_failure(service, rest));
    }
    if let Some(rest) = body.strip_prefix("password changed for ") {
        let user = rest.trim();
        return (!user.is_empty()).then_some(AuthMessage::PasswordChanged { user, by: None });
    }
    None
}

/// `alice(uid=1001) by ...` / `alice by ...` / `alice` → (`alice`, rest after the name and its
/// `(uid=N)`).
fn pam_user(s: &str) -> (&str, &str) {
    let end = s.find(['(', ' ']).unwrap_or(s.len());
    let user = s.get(..end).unwrap_or_default();
    let mut rest = s.get(end..).unwrap_or_default();
    if rest.starts_with('(') {
        rest = match rest.find(')') {
            Some(close) => rest.get(close + 1..).unwrap_or_default(),
            None => "",
        };
    }
    (user, rest)
}

/// ` logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.23  user=root`.
fn pam_auth_failure<'a>(service: &'a str, fields: &'a str) -> AuthMessage<'a> {
    let mut rhost = None;
    let mut user = None;
    let mut rest = fields;
    while let Some(start) = rest.find(|c: char| c != ' ') {
        rest = rest.get(start..).unwrap_or_default();
        if let Some(value) = rest.strip_prefix("user=") {
            // pam_unix writes `user=` last; the name is whatever remains.
            let value = value.trim();
            user = (!value.is_empty()).then_some(value);
            break;
        }
        let end = rest.find(' ').unwrap_or(rest.len());
        let token = rest.get(..end).unwrap_or_default();
        if let Some(value) = token.strip_prefix("rhost=") {
            rhost = (!value.is_empty()).then_some(value);
        }
        rest = rest.get(end..).unwrap_or_default();
    }
    AuthMessage::PamAuthFailure {
        service,
        user,
        rhost,
    }
}

// ---------------------------------------------------------------------------------------------
// sudo

/// `alice : [reason ; ]TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id`.
fn sudo(msg: &str) -> Option<AuthMessage<'_>> {
    let sep = msg.find(" : ")?;
    let user = msg.get(..sep)?.trim_start_matches(' ');
    if user.is_empty() || user.contains(' ') {
        return None;
    }
    let mut rest = msg.get(sep + 3..)?;
    let (mut tty, mut pwd, mut run_as, mut command, mut failure) = (None, None, None, None, None);
    let mut first = true;
    loop {
        if let Some(cmd) = rest.strip_prefix("COMMAND=") {
            // The command is last and may itself contain ` ; `.
            command = Some(cmd);
            break;
        }
        let end = rest.find(" ; ").unwrap_or(rest.len());
        let segment = rest.get(..end)?;
        match sudo_field(segment) {
            Some(("TTY", v)) => tty = Some(v),
            Some(("PWD", v)) => pwd = Some(v),
            Some(("USER", v)) => run_as = Some(v),
            Some(_) => {}
            None if first => failure = Some(segment),
            None => {}
        }
        first = false;
        match rest.get(end + 3..) {
            Some(next) => rest = next,
            None => break,
        }
    }
    if tty.is_none() && pwd.is_none() && run_as.is_none() && command.is_none() {
        return None;
    }
    Some(AuthMessage::Sudo {
        user,
        tty,
        pwd,
        run_as,
        command,
        failure,
    })
}

/// `KEY=value` with an upper-case KEY.
fn sudo_field(segment: &str) -> Option<(&str, &str)> {
    let eq = segment.find('=')?;
    let key = segment.get(..eq)?;
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Some((key, segment.get(eq + 1..)?))
}

// ---------------------------------------------------------------------------------------------
// shadow-utils

/// The text between the first pair of single quotes after `prefix`, and what follows it.
fn quoted_after<'a>(msg: &'a str, prefix: &str) -> Option<(&'a str, &'a str)> {
    quoted(msg.strip_prefix(prefix)?)
}

/// `'name'rest` → (`name`, `rest`).
fn quoted(s: &str) -> Option<(&str, &str)> {
    let s = s.strip_prefix('\'')?;
    let close = s.find('\'')?;
    Some((s.get(..close)?, s.get(close + 1..)?))
}

fn shadow_message(msg: &str) -> Option<AuthMessage<'_>> {
    // useradd / groupadd
    if let Some(fields) = msg.strip_prefix("new user: ") {
        let name = comma_field(fields, "name")?;
        return Some(AuthMessage::AccountCreated {
            group: false,
            name,
            uid: comma_field(fields, "UID"),
        });
    }
    if let Some(fields) = msg.strip_prefix("new group: ") {
        let name = comma_field(fields, "name")?;
        return Some(AuthMessage::AccountCreated {
            group: true,
            name,
            uid: comma_field(fields, "GID"),
        });
    }
    // usermod / useradd -G / userdel group clean-up
    for prefix in ["add ", "delete "] {
        if let Some((name, rest)) = quoted_after(msg, prefix) {
            let group = [
                " to group ",
                " to shadow group ",
                " from group ",
                " from shadow group ",
            ]
            .iter()
            .find_map(|p| quoted(rest.strip_prefix(p)?))
            .map(|(g, _)| g);
            if group.is_some() {
                return Some(AuthMessage::AccountModified {
                    name,
                    change: msg,
                    group,
                });
            }
        }
    }
    for prefix in [
        "change user name ",
        "change user ",
        "lock user ",
        "unlock user ",
        "password locked for ",
    ] {
        if let Some((name, _)) = quoted_after(msg, prefix) {
            return Some(AuthMessage::AccountModified {
                name,
                change: msg,
                group: None,
            });
        }
    }
    // gpasswd: `user alice added by root to group sudo`, `user alice removed by root from group x`
    if let Some(rest) = msg.strip_prefix("user ") {
        let mut words = rest.split(' ');
        let name = words.next().filter(|n| !n.is_empty())?;
        let verb = words.next()?;
        let by = words.next()?;
        let _actor = words.next()?;
        let dir = words.next()?;
        let group_word = words.next()?;
        let group = words.next().filter(|g| !g.is_empty());
        // gpasswd logs `... to group sudo in /etc/group` (and `/etc/gshadow`) before the final
        // line without a suffix; only that last one is reported.
        let ok = words.next().is_none()
            && matches!(
                (verb, by, dir, group_word),
                ("added", "by", "to", "group") | ("removed", "by", "from", "group")
            );
        return ok.then_some(AuthMessage::AccountModified {
            name,
            change: msg,
            group,
        });
    }
    // userdel / groupdel
    if let Some((name, _)) = quoted_after(msg, "delete user ") {
        return Some(AuthMessage::AccountDeleted { group: false, name });
    }
    if let Some((name, rest)) = quoted_after(msg, "group ") {
        // `group 'x' removed from /etc/group` and `... /etc/gshadow` precede the final
        // `group 'x' removed`; only the last one is reported.
        let rest = rest.trim_end_matches(|c: char| c.is_ascii_whitespace());
        let rest = rest.strip_suffix("#012").unwrap_or(rest);
        return (rest == " removed").then_some(AuthMessage::AccountDeleted { group: true, name });
    }
    if let Some((name, _)) = quoted_after(msg, "removed group ") {
        return Some(AuthMessage::AccountDeleted { group: true, name });
    }
    // passwd: `password for 'alice' changed by 'root'`
    if let Some((user, rest)) = quoted_after(msg, "password for ") {
        let by = rest
            .strip_prefix(" changed by ")
            .and_then(quoted)
            .map(|(by, _)| by);
        return rest
            .starts_with(" changed")
            .then_some(AuthMessage::PasswordChanged { user, by });
    }
    if let Some(rest) = msg.strip_prefix("changed password expiry for ") {
        let name = rest.trim();
        return (!name.is_empty()).then_some(AuthMessage::AccountModified {
            name,
            change: msg,
            group: None,
        });
    }
    None
}

/// `KEY=value` in a `, `-separated list (`name=backup2, UID=1002, ...`).
fn comma_field<'a>(fields: &'a str, key: &str) -> Option<&'a str> {
    fields.split(", ").find_map(|item| {
        let value = item.strip_prefix(key)?.strip_prefix('=')?;
        Some(value.trim_end())
    })
}
