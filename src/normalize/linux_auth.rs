//! Linux auth messages (parsed by `parsers::linux_auth`) to authentication, process and
//! account events.

use parsers::linux_auth::{AuthMessage, SshMethod};

use super::present;
use crate::event::{Event, Kind, Outcome, Provenance};

fn method_name(m: SshMethod) -> &'static str {
    match m {
        SshMethod::Password => "password",
        SshMethod::Publickey => "publickey",
        SshMethod::KeyboardInteractive => "keyboard-interactive",
        SshMethod::HostBased => "hostbased",
        SshMethod::Other => "other",
    }
}

/// An IP address as written, or `None` when the text is not one (PAM's `rhost` may be a name).
fn ip(s: &str) -> Option<String> {
    s.trim()
        .parse::<std::net::IpAddr>()
        .ok()
        .map(|a| a.to_string())
}

/// The event of one auth message seen on `host`.
pub fn event(msg: &AuthMessage<'_>, host: Option<&str>, provenance: Provenance) -> Event {
    let on = host.map(|h| format!(" on {h}")).unwrap_or_default();
    match *msg {
        AuthMessage::SshAuth {
            accepted,
            method,
            user,
            invalid_user,
            ip: addr,
            port,
        } => {
            let mut e = Event::new(Kind::Authentication, "ssh_login", provenance);
            e.outcome = if accepted {
                Outcome::Success
            } else {
                Outcome::Failure
            };
            e.user = present(user);
            e.src_ip = ip(addr).or_else(|| present(addr));
            e.process = Some("sshd".into());
            let port = port.map(|p| format!(" port {p}")).unwrap_or_default();
            let who = if invalid_user {
                format!("invalid user {user}")
            } else {
                user.to_string()
            };
            e.summary = format!(
                "SSH {} login {} for {who} from {addr}{port}{on}",
                method_name(method),
                if accepted { "accepted" } else { "failed" },
            );
            e
        }
        AuthMessage::SshInvalidUser {
            user,
            ip: addr,
            port,
        } => {
            let mut e = Event::new(Kind::Authentication, "ssh_invalid_user", provenance);
            e.outcome = Outcome::Failure;
            e.user = present(user);
            e.src_ip = ip(addr).or_else(|| present(addr));
            e.process = Some("sshd".into());
            let port = port.map(|p| format!(" port {p}")).unwrap_or_default();
            e.summary =
                format!("SSH login attempt for unknown user {user:?} from {addr}{port}{on}");
            e
        }
        AuthMessage::PamSession {
            opened,
            service,
            user,
            by,
        } => {
            let action = if opened {
                "session_open"
            } else {
                "session_close"
            };
            let mut e = Event::new(Kind::Authentication, action, provenance);
            e.outcome = Outcome::Success;
            e.user = present(user);
            e.process = present(service);
            let by = by.map(|b| format!(" by {b}")).unwrap_or_default();
            e.summary = format!(
                "{service} session {} for {user}{by}{on}",
                if opened { "opened" } else { "closed" }
            );
            e
        }
        AuthMessage::PamAuthFailure {
            service,
            user,
            rhost,
        } => {
            let mut e = Event::new(Kind::Authentication, "auth_failure", provenance);
            e.outcome = Outcome::Failure;
            e.user = user.and_then(present);
            e.src_ip = rhost.and_then(ip);
            e.process = present(service);
            let from = rhost.map(|r| format!(" from {r}")).unwrap_or_default();
            e.summary = format!(
                "{service} authentication failure for {}{from}{on}",
                user.unwrap_or("unknown user")
            );
            e
        }
        AuthMessage::Sudo {
            user,
            run_as,
            command,
            failure,
            ..
        } => {
            let mut e = Event::new(Kind::Process, "sudo", provenance);
            e.outcome = if failure.is_some() {
                Outcome::Failure
            } else {
                Outcome::Success
            };
            e.user = present(user);
            e.process = command.and_then(present);
            let target = run_as.unwrap_or("root");
            let cmd = command.unwrap_or("(no command)");
            e.summary = match failure {
                Some(f) => format!("sudo refused for {user} as {target}: {f} ({cmd}){on}"),
                None => format!("{user} ran {cmd} as {target} via sudo{on}"),
            };
            e
        }
        AuthMessage::AccountCreated { group, name, uid } => {
            let action = if group {
                "group_created"
            } else {
                "user_created"
            };
            let mut e = Event::new(Kind::AccountChange, action, provenance);
            e.outcome = Outcome::Success;
            e.user = present(name);
            let uid = uid.map(|u| format!(" (uid {u})")).unwrap_or_default();
            e.summary = if group {
                format!("group {name} created{on}")
            } else {
                format!("user account {name} created{uid}{on}")
            };
            e
        }
        AuthMessage::AccountModified {
            name,
            change,
            group,
        } => {
            let lower = change.to_ascii_lowercase();
            let (kind, action) = if lower.starts_with("lock user") {
                (Kind::Remediation, "account_disabled")
            } else if lower.starts_with("unlock user") {
                (Kind::Remediation, "account_enabled")
            } else if group.is_some() {
                (Kind::AccountChange, "group_membership_added")
            } else {
                (Kind::AccountChange, "user_modified")
            };
            let mut e = Event::new(kind, action, provenance);
            e.outcome = Outcome::Success;
            e.user = present(name);
            e.summary = match action {
                "account_disabled" => format!("account {name} locked (disabled){on}"),
                "account_enabled" => format!("account {name} unlocked (re-enabled){on}"),
                _ => format!("account {name} changed: {change}{on}"),
            };
            e
        }
        AuthMessage::AccountDeleted { group, name } => {
            let action = if group {
                "group_deleted"
            } else {
                "user_deleted"
            };
            let mut e = Event::new(Kind::AccountChange, action, provenance);
            e.outcome = Outcome::Success;
            e.user = present(name);
            e.summary = format!(
                "{} {name} deleted{on}",
                if group { "group" } else { "user account" }
            );
            e
        }
        AuthMessage::PasswordChanged { user, by } => {
            let mut e = Event::new(Kind::AccountChange, "password_changed", provenance);
            e.outcome = Outcome::Success;
            e.user = present(user);
            let by = by.map(|b| format!(" by {b}")).unwrap_or_default();
            e.summary = format!("password of {user} changed{by}{on}");
            e
        }
    }
}
