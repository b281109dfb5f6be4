//! Linux auth messages (parsed by `parsers::linux_auth`) to authentication, process and
//! account events.

use std::borrow::Cow;

use parsers::linux_auth::{AuthMessage, SshMethod};

use super::{ip_text, present, Detail};
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

fn text(s: &str) -> Option<Cow<'_, str>> {
    present(s).map(Cow::Borrowed)
}

/// The address of `from ADDR`: canonical when it is an IP address, as written otherwise.
fn addr(s: &str) -> Option<Cow<'_, str>> {
    ip_text(s).or_else(|| text(s))
}

/// The event of one auth message seen on `host`; the summary only with `Detail::Full`.
pub fn event<'a>(
    msg: &AuthMessage<'a>,
    host: Option<&str>,
    provenance: Provenance,
    detail: Detail,
) -> Event<'a> {
    let full = detail == Detail::Full;
    let on = || host.map(|h| format!(" on {h}")).unwrap_or_default();
    let port_text = |port: Option<u16>| port.map(|p| format!(" port {p}")).unwrap_or_default();
    match *msg {
        AuthMessage::SshAuth {
            accepted,
            method,
            user,
            invalid_user,
            ip,
            port,
        } => {
            let mut e = Event::new(Kind::Authentication, "ssh_login", provenance);
            e.outcome = if accepted {
                Outcome::Success
            } else {
                Outcome::Failure
            };
            e.user = text(user);
            e.src_ip = addr(ip);
            e.process = Some(Cow::Borrowed("sshd"));
            if full {
                let who = if invalid_user {
                    format!("invalid user {user}")
                } else {
                    user.to_string()
                };
                e.summary = Cow::Owned(format!(
                    "SSH {} login {} for {who} from {ip}{}{}",
                    method_name(method),
                    if accepted { "accepted" } else { "failed" },
                    port_text(port),
                    on()
                ));
            }
            e
        }
        AuthMessage::SshInvalidUser { user, ip, port } => {
            let mut e = Event::new(Kind::Authentication, "ssh_invalid_user", provenance);
            e.outcome = Outcome::Failure;
            e.user = text(user);
            e.src_ip = addr(ip);
            e.process = Some(Cow::Borrowed("sshd"));
            if full {
                e.summary = Cow::Owned(format!(
                    "SSH login attempt for unknown user {user:?} from {ip}{}{}",
                    port_text(port),
                    on()
                ));
            }
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
            e.user = text(user);
            e.process = text(service);
            if full {
                let by = by.map(|b| format!(" by {b}")).unwrap_or_default();
                e.summary = Cow::Owned(format!(
                    "{service} session {} for {user}{by}{}",
                    if opened { "opened" } else { "closed" },
                    on()
                ));
            }
            e
        }
        AuthMessage::PamAuthFailure {
            service,
            user,
            rhost,
        } => {
            let mut e = Event::new(Kind::Authentication, "auth_failure", provenance);
            e.outcome = Outcome::Failure;
            e.user = user.and_then(text);
            e.src_ip = rhost.and_then(ip_text);
            e.process = text(service);
            if full {
                let from = rhost.map(|r| format!(" from {r}")).unwrap_or_default();
                e.summary = Cow::Owned(format!(
                    "{service} authentication failure for {}{from}{}",
                    user.unwrap_or("unknown user"),
                    on()
                ));
            }
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
            e.user = text(user);
            e.process = command.and_then(text);
            // An administrator ending or locking out an account's sessions through sudo is a
            // response on that account (its user), not the administrator's own activity.
            if failure.is_none() {
                if let Some((action, account)) = command.and_then(response_command) {
                    e.kind = Kind::Remediation;
                    e.action = Cow::Borrowed(action);
                    e.user = text(account);
                }
            }
            if full {
                let target = run_as.unwrap_or("root");
                let cmd = command.unwrap_or("(no command)");
                e.summary = Cow::Owned(match failure {
                    Some(f) => format!("sudo refused for {user} as {target}: {f} ({cmd}){}", on()),
                    None => format!("{user} ran {cmd} as {target} via sudo{}", on()),
                });
            }
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
            e.user = text(name);
            if full {
                let uid = uid.map(|u| format!(" (uid {u})")).unwrap_or_default();
                e.summary = Cow::Owned(if group {
                    format!("group {name} created{}", on())
                } else {
                    format!("user account {name} created{uid}{}", on())
                });
            }
            e
        }
        AuthMessage::AccountModified {
            name,
            change,
            group,
        } => {
            let lower = change.trim_start();
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
            e.user = text(name);
            if full {
                e.summary = Cow::Owned(match action {
                    "account_disabled" => format!("account {name} locked (disabled){}", on()),
                    "account_enabled" => format!("account {name} unlocked (re-enabled){}", on()),
                    _ => format!("account {name} changed: {change}{}", on()),
                });
            }
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
            e.user = text(name);
            if full {
                e.summary = Cow::Owned(format!(
                    "{} {name} deleted{}",
                    if group { "group" } else { "user account" },
                    on()
                ));
            }
            e
        }
        AuthMessage::PasswordChanged { user, by } => {
            let mut e = Event::new(Kind::AccountChange, "password_changed", provenance);
            e.outcome = Outcome::Success;
            e.user = text(user);
            if full {
                let by = by.map(|b| format!(" by {b}")).unwrap_or_default();
                e.summary = Cow::Owned(format!("password of {user} changed{by}{}", on()));
            }
            e
        }
    }
}

/// A command that ends an account's sessions or locks the account, and the account:
/// `pkill [-SIG] -u USER`, `killall -u USER`, `loginctl terminate-user|kill-user USER`
/// (session_killed); `usermod -L USER`, `passwd -l USER`, `chage -E0 USER` (account_disabled).
fn response_command(command: &str) -> Option<(&'static str, &str)> {
    let words: Vec<&str> = command.split_whitespace().collect();
    let program = words.first()?.rsplit('/').next()?;
    let after = |flag: &str| {
        words
            .iter()
            .position(|w| *w == flag)
            .and_then(|i| words.get(i + 1).copied())
    };
    let last = || words.last().copied().filter(|w| !w.starts_with('-'));
    match program {
        "pkill" | "killall" | "skill" => after("-u").map(|u| ("session_killed", u)),
        "loginctl" if matches!(words.get(1), Some(&"terminate-user") | Some(&"kill-user")) => {
            words.get(2).map(|u| ("session_killed", *u))
        }
        "usermod" if words.contains(&"-L") || words.contains(&"--lock") => {
            last().map(|u| ("account_disabled", u))
        }
        "usermod" if words.contains(&"-U") || words.contains(&"--unlock") => {
            last().map(|u| ("account_enabled", u))
        }
        "passwd" if words.contains(&"-u") || words.contains(&"--unlock") => {
            last().map(|u| ("account_enabled", u))
        }
        "passwd" if words.contains(&"-l") || words.contains(&"--lock") => {
            last().map(|u| ("account_disabled", u))
        }
        "chage" if words.contains(&"-E0") || after("-E") == Some("0") => {
            last().map(|u| ("account_disabled", u))
        }
        _ => None,
    }
}

#[cfg(test)]
mod response_tests {
    use super::response_command;

    #[test]
    fn response_commands_name_their_account() {
        assert_eq!(
            response_command("/usr/bin/pkill -KILL -u svc-web"),
            Some(("session_killed", "svc-web"))
        );
        assert_eq!(
            response_command("/bin/loginctl terminate-user deploy"),
            Some(("session_killed", "deploy"))
        );
        assert_eq!(
            response_command("/usr/sbin/usermod -L deploy"),
            Some(("account_disabled", "deploy"))
        );
        assert_eq!(
            response_command("/usr/sbin/usermod -U opsadmin"),
            Some(("account_enabled", "opsadmin"))
        );
        assert_eq!(response_command("/usr/bin/pkill nginx"), None);
        assert_eq!(response_command("/usr/bin/systemctl restart nginx"), None);
    }
}
