//! Linux authentication messages (the MSG part of auth.log / secure lines): sshd, PAM, sudo,
//! shadow-utils (useradd, usermod, userdel, groupadd, passwd, chpasswd).
//!
//! Called with the syslog TAG (`sshd`, `sudo`, `useradd`, `passwd`, `sshd(pam_unix)`,
//! `CRON` ...) and MSG. Returns `None` for messages that carry no authentication meaning.

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
    let _ = (app, msg);
    todo!()
}
