//! Linux audit records (parsed by `parsers::auditd`) to events.
//!
//! - Time: `audit(SECS.MILLIS:…)`, UTC, exact to the millisecond (read as integers).
//! - Host: `node=` (before `type=`, or in an AUOMS body), else none.
//! - User: for user-space authentication and account records the `acct=` they act on; else
//!   the audit (login) user `auid` (ENRICHED/AUOMS names preferred), and when that is unset
//!   (`4294967295`) the `uid` — except for authentication records, whose `uid` is the daemon's.
//!   Numeric ids are kept as they are.
//! - Process: `exe`, `comm`, EXECVE's `a0`, PROCTITLE's first argument; `cmd` for USER_CMD.
//! - Addresses: `addr=`/`hostname=` when an IP (source); SOCKADDR's decoded address
//!   (destination).
//! - Outcome: `success=yes|no` or `res=success|failed|1|0`.
//! - Kind and action by record type: USER_LOGIN/USER_AUTH/USER_START/CRED_* … authentication,
//!   EXECVE and SYSCALL execve process, ADD_USER/DEL_USER/USER_MGMT/USER_CHAUTHTOK account
//!   changes (`user_created`, `user_deleted`, `user_modified`, `password_changed`, as the Linux
//!   auth mapping names them), ANOM_* low-severity findings, AVC other.
//!
//! Every record carries a join key (node + `audit(time:serial)`) and a rank: the records of one
//! audit event become one event in `crate::join`, led by SYSCALL / EXECVE / user-space records.

use std::borrow::Cow;

use parsers::auditd::{parse_audit, sockaddr, syscall_name, AuditRecord, Field, SockAddr};
use parsers::timestamp::TimeValue;
use parsers::ParseErrorKind;

use super::{clip, ip_text, present, Detail, Normalized};
use crate::accounting::RejectReason;
use crate::event::{Event, Join, Kind, Outcome, Provenance, Severity};

/// Longest piece of record text kept in a summary.
const SUMMARY_MAX: usize = 240;

/// The fields of one record the mapping uses (first value wins, `auid` last: LOGIN writes
/// `old auid=… new auid=…`).
#[derive(Default)]
struct Audit<'a> {
    auid: Option<Cow<'a, str>>,
    uid: Option<Cow<'a, str>>,
    acct: Option<Cow<'a, str>>,
    id: Option<Cow<'a, str>>,
    exe: Option<Cow<'a, str>>,
    comm: Option<Cow<'a, str>>,
    proctitle: Option<Cow<'a, str>>,
    a0: Option<Cow<'a, str>>,
    cmd: Option<Cow<'a, str>>,
    cmdline: Option<Cow<'a, str>>,
    addr: Option<Cow<'a, str>>,
    hostname: Option<Cow<'a, str>>,
    res: Option<Cow<'a, str>>,
    success: Option<Cow<'a, str>>,
    syscall: Option<Cow<'a, str>>,
    arch: Option<Cow<'a, str>>,
    op: Option<Cow<'a, str>>,
    cwd: Option<Cow<'a, str>>,
    name: Option<Cow<'a, str>>,
    saddr: Option<Cow<'a, str>>,
    key: Option<Cow<'a, str>>,
    data: Option<Cow<'a, str>>,
    unit: Option<Cow<'a, str>>,
    apparmor: Option<Cow<'a, str>>,
    operation: Option<Cow<'a, str>>,
    profile: Option<Cow<'a, str>>,
    node: Option<Cow<'a, str>>,
    /// AUOMS: the names of `auid` and `uid`.
    audit_user: Option<Cow<'a, str>>,
    user: Option<Cow<'a, str>>,
    /// ENRICHED: the names of `auid` and `uid`.
    enriched_auid: Option<Cow<'a, str>>,
    enriched_uid: Option<Cow<'a, str>>,
}

fn set<'a>(slot: &mut Option<Cow<'a, str>>, v: Cow<'a, str>) {
    if slot.is_none() {
        *slot = Some(v);
    }
}

impl<'a> Audit<'a> {
    fn of(rec: &AuditRecord<'a>) -> Audit<'a> {
        let mut a = Audit::default();
        for Field { key, value, .. } in rec.fields() {
            let slot = match key {
                "auid" => {
                    a.auid = Some(value);
                    continue;
                }
                "uid" => &mut a.uid,
                "acct" => &mut a.acct,
                "id" => &mut a.id,
                "exe" => &mut a.exe,
                "comm" => &mut a.comm,
                "proctitle" => &mut a.proctitle,
                "a0" => &mut a.a0,
                "cmd" => &mut a.cmd,
                "cmdline" => &mut a.cmdline,
                "addr" => &mut a.addr,
                "hostname" => &mut a.hostname,
                "res" | "result" => &mut a.res,
                "success" => &mut a.success,
                "syscall" => &mut a.syscall,
                "arch" => &mut a.arch,
                "op" => &mut a.op,
                "cwd" => &mut a.cwd,
                "name" => &mut a.name,
                "saddr" => &mut a.saddr,
                "key" => &mut a.key,
                "data" => &mut a.data,
                "unit" => &mut a.unit,
                "apparmor" => &mut a.apparmor,
                "operation" => &mut a.operation,
                "profile" => &mut a.profile,
                "node" => &mut a.node,
                "audit_user" => &mut a.audit_user,
                "user" => &mut a.user,
                _ => continue,
            };
            set(slot, value);
        }
        for p in rec.enriched_fields() {
            match p.key {
                "AUID" => set(&mut a.enriched_auid, p.value),
                "UID" => set(&mut a.enriched_uid, p.value),
                _ => {}
            }
        }
        a
    }
}

/// `None` for auditd's "no value" spellings and the unset id (`4294967295`, `-1`, `unset`).
fn value<'a>(v: &Option<Cow<'a, str>>) -> Option<Cow<'a, str>> {
    let v = v.as_ref()?;
    let t = present(v)?;
    if matches!(t, "4294967295" | "-1" | "unset" | "(unknown)" | "unknown") {
        return None;
    }
    Some(match v {
        Cow::Borrowed(b) => Cow::Borrowed(present(b).unwrap_or(b)),
        Cow::Owned(o) => Cow::Owned(present(o).unwrap_or(o).to_string()),
    })
}

/// The first argument of a command line (`sshd: burn [priv]` → `sshd:`).
fn argv0<'a>(v: &Cow<'a, str>) -> Cow<'a, str> {
    match v {
        Cow::Borrowed(b) => Cow::Borrowed(b.split(' ').next().unwrap_or(b)),
        Cow::Owned(o) => Cow::Owned(o.split(' ').next().unwrap_or(o).to_string()),
    }
}

fn ip<'a>(v: &Option<Cow<'a, str>>) -> Option<Cow<'a, str>> {
    match value(v)? {
        Cow::Borrowed(b) => ip_text(b),
        Cow::Owned(o) => ip_text(&o).map(|c| Cow::Owned(c.into_owned())),
    }
}

/// What a record type means.
struct Class {
    kind: Kind,
    action: &'static str,
    rank: u8,
    /// Its `uid` is a daemon's, and its user is `acct=`.
    auth: bool,
    /// An account record: its user is the account acted on (`acct=`, else `id=`).
    account: bool,
}

const fn class(kind: Kind, action: &'static str, rank: u8) -> Class {
    Class {
        kind,
        action,
        rank,
        auth: false,
        account: false,
    }
}

/// Record types and their lower-case names (the action of types without a mapping of their own).
const NAMES: [(&str, &str); 36] = [
    ("SYSCALL", "syscall"),
    ("EXECVE", "execve"),
    ("CWD", "cwd"),
    ("PATH", "path"),
    ("PROCTITLE", "proctitle"),
    ("SOCKADDR", "sockaddr"),
    ("BPRM_FCAPS", "bprm_fcaps"),
    ("CAPSET", "capset"),
    ("MMAP", "mmap"),
    ("FD_PAIR", "fd_pair"),
    ("OBJ_PID", "obj_pid"),
    ("KERN_MODULE", "kern_module"),
    ("EOE", "eoe"),
    ("SECCOMP", "seccomp"),
    ("LOGIN", "login"),
    ("USER_ROLE_CHANGE", "user_role_change"),
    ("CRYPTO_KEY_USER", "crypto_key_user"),
    ("CRYPTO_SESSION", "crypto_session"),
    ("SERVICE_START", "service_start"),
    ("SERVICE_STOP", "service_stop"),
    ("SYSTEM_BOOT", "system_boot"),
    ("SYSTEM_SHUTDOWN", "system_shutdown"),
    ("SYSTEM_RUNLEVEL", "system_runlevel"),
    ("DAEMON_START", "daemon_start"),
    ("DAEMON_END", "daemon_end"),
    ("DAEMON_ABORT", "daemon_abort"),
    ("DAEMON_CONFIG", "daemon_config"),
    ("DAEMON_ROTATE", "daemon_rotate"),
    ("DAEMON_RESUME", "daemon_resume"),
    ("TTY", "tty"),
    ("USER_TTY", "user_tty"),
    ("USER", "user"),
    ("USER_AVC", "user_avc"),
    ("SELINUX_ERR", "selinux_err"),
    ("USER_SELINUX_ERR", "user_selinux_err"),
    ("INTEGRITY_RULE", "integrity_rule"),
];

/// Syscalls whose kind is not `other`.
fn syscall_kind(name: &str) -> Kind {
    match name {
        "execve" | "execveat" => Kind::Process,
        "connect" | "accept" | "accept4" | "bind" | "listen" => Kind::Network,
        "open" | "openat" | "creat" | "unlink" | "unlinkat" | "rename" | "renameat"
        | "renameat2" | "chmod" | "fchmod" | "fchmodat" | "chown" | "fchown" | "lchown"
        | "fchownat" | "mkdir" | "rmdir" | "link" | "symlink" => Kind::File,
        _ => Kind::Other,
    }
}

fn classify(rec: &AuditRecord<'_>, a: &Audit<'_>, failed: bool) -> Class {
    let t = rec.record_type;
    let auth = |action| Class {
        auth: true,
        ..class(Kind::Authentication, action, 3)
    };
    let account = |kind, ok, ko| Class {
        auth: true,
        account: true,
        ..class(kind, if failed { ko } else { ok }, 3)
    };
    match t {
        "USER_LOGIN" => auth("user_login"),
        "USER_LOGOUT" => auth("user_logout"),
        "USER_AUTH" => auth("user_auth"),
        "USER_ACCT" => auth("user_acct"),
        "USER_START" => auth("session_open"),
        "USER_END" => auth("session_close"),
        "USER_ERR" => auth("user_err"),
        "CRED_ACQ" => auth("cred_acq"),
        "CRED_DISP" => auth("cred_disp"),
        "CRED_REFR" => auth("cred_refr"),
        "ADD_USER" => account(Kind::AccountChange, "user_created", "user_create_failed"),
        "DEL_USER" => account(Kind::AccountChange, "user_deleted", "user_delete_failed"),
        "USER_MGMT" => account(Kind::AccountChange, "user_modified", "user_modify_failed"),
        "USER_CHAUTHTOK" => account(
            Kind::AccountChange,
            "password_changed",
            "password_change_failed",
        ),
        "ADD_GROUP" => account(Kind::AccountChange, "group_created", "group_create_failed"),
        "DEL_GROUP" => account(Kind::AccountChange, "group_deleted", "group_delete_failed"),
        "GRP_MGMT" => account(Kind::AccountChange, "group_modified", "group_modify_failed"),
        "GRP_CHAUTHTOK" => account(
            Kind::AccountChange,
            "group_password_changed",
            "group_password_change_failed",
        ),
        "ACCT_LOCK" => account(
            Kind::Remediation,
            "account_disabled",
            "account_disable_failed",
        ),
        "ACCT_UNLOCK" => account(
            Kind::Remediation,
            "account_enabled",
            "account_enable_failed",
        ),
        "EXECVE" => class(Kind::Process, "execve", 2),
        "USER_CMD" => class(Kind::Process, "user_cmd", 3),
        "AUOMS_EXECVE" => class(Kind::Process, "execve", 3),
        "SYSCALL" | "AUOMS_SYSCALL" => {
            let name = match (&a.syscall, &a.arch) {
                (Some(s), _) if !s.bytes().all(|b| b.is_ascii_digit()) => {
                    NAMES_SYSCALLS.iter().find(|n| **n == s.as_ref()).copied()
                }
                (Some(s), Some(arch)) => syscall_name(arch, s),
                _ => None,
            };
            match name {
                Some(n) => class(syscall_kind(n), n, 3),
                None => class(Kind::Other, "syscall", 3),
            }
        }
        "AVC" => {
            let granted = rec
                .items()
                .any(|i| matches!(i, parsers::kv::Item::Word("granted")))
                || a.apparmor
                    .as_deref()
                    .is_some_and(|v| v.eq_ignore_ascii_case("ALLOWED"));
            class(
                Kind::Other,
                if granted { "avc_granted" } else { "avc_denied" },
                2,
            )
        }
        "CONFIG_CHANGE" => class(Kind::ConfigChange, "audit_config_change", 3),
        "USYS_CONFIG" => class(Kind::ConfigChange, "usys_config", 3),
        "NETFILTER_CFG" => class(Kind::ConfigChange, "netfilter_cfg", 0),
        "MAC_CONFIG_CHANGE" | "MAC_POLICY_LOAD" | "MAC_STATUS" | "FEATURE_CHANGE" => {
            class(Kind::ConfigChange, "mac_config_change", 3)
        }
        "PROCTITLE" => class(Kind::Other, "proctitle", 1),
        // An anomaly leads the records of its event (the SYSCALL that triggered it adds to it).
        _ if t.starts_with("ANOM_") => class(Kind::Finding, anom_name(t), 4),
        _ => {
            let action = NAMES.iter().find(|(k, _)| *k == t).map(|(_, v)| *v);
            let rank = match t {
                "CWD" | "PATH" | "SOCKADDR" | "BPRM_FCAPS" | "CAPSET" | "MMAP" | "FD_PAIR"
                | "OBJ_PID" | "KERN_MODULE" | "EOE" | "NETFILTER_PKT" => 0,
                "USER_AVC" | "SELINUX_ERR" | "USER_SELINUX_ERR" => 2,
                _ => 3,
            };
            class(Kind::Other, action.unwrap_or("audit"), rank)
        }
    }
}

/// AUOMS names syscalls itself (`syscall=execve`).
const NAMES_SYSCALLS: [&str; 12] = [
    "execve", "execveat", "connect", "accept", "accept4", "bind", "listen", "open", "openat",
    "unlink", "unlinkat", "rename",
];

fn anom_name(t: &str) -> &'static str {
    match t {
        "ANOM_ABEND" => "anom_abend",
        "ANOM_PROMISCUOUS" => "anom_promiscuous",
        "ANOM_LOGIN_FAILURES" => "anom_login_failures",
        "ANOM_LOGIN_TIME" => "anom_login_time",
        "ANOM_LOGIN_SESSIONS" => "anom_login_sessions",
        "ANOM_LOGIN_ACCT" => "anom_login_acct",
        "ANOM_LOGIN_LOCATION" => "anom_login_location",
        "ANOM_EXEC" => "anom_exec",
        "ANOM_MK_EXEC" => "anom_mk_exec",
        "ANOM_ACCESS_FS" => "anom_access_fs",
        "ANOM_ADD_ACCT" => "anom_add_acct",
        "ANOM_DEL_ACCT" => "anom_del_acct",
        "ANOM_MOD_ACCT" => "anom_mod_acct",
        "ANOM_ROOT_TRANS" => "anom_root_trans",
        "ANOM_LINK" => "anom_link",
        "ANOM_CREAT" => "anom_creat",
        _ => "anomaly",
    }
}

/// `success=yes|no`, `res=success|failed|1|0`.
fn outcome(a: &Audit<'_>) -> Outcome {
    let v = a.success.as_deref().or(a.res.as_deref()).unwrap_or("");
    let is = |words: &[&str]| words.iter().any(|w| v.eq_ignore_ascii_case(w));
    if is(&["yes", "success", "1"]) {
        Outcome::Success
    } else if is(&["no", "failed", "fail", "failure", "0"]) {
        Outcome::Failure
    } else {
        Outcome::Unknown
    }
}

/// FNV-1a over node and `time:serial`: the records of one audit event share it.
fn join_key(node: Option<&str>, rec: &AuditRecord<'_>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in node
        .unwrap_or("")
        .bytes()
        .chain([0])
        .chain(rec.time_text.bytes())
        .chain([b':'])
        .chain(rec.serial_text.bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

pub fn normalize(
    text: &str,
    provenance: Provenance,
    detail: Detail,
) -> Result<Normalized<'_>, RejectReason> {
    let rec = parse_audit(text).map_err(|e| match e.kind {
        ParseErrorKind::Timestamp => RejectReason::new(
            "no timestamp",
            format!(
                "no msg=audit(seconds.millis:serial) header at byte {}: the record carries no time",
                e.offset
            ),
        ),
        ParseErrorKind::Signature => RejectReason::new(
            "not auditd",
            "the record does not start with type= (or node= type=)",
        ),
        _ => e.into(),
    })?;
    let a = Audit::of(&rec);
    let outcome = outcome(&a);
    let c = classify(&rec, &a, outcome == Outcome::Failure);
    let mut e = Event::new(c.kind, c.action, provenance);
    e.ts_field = Cow::Borrowed("time");
    e.outcome = outcome;
    if c.kind == Kind::Finding {
        e.severity = Some(Severity::Low);
    }
    let node = rec.node.map(Cow::Borrowed).or_else(|| value(&a.node));
    e.join = Some(Join {
        key: join_key(node.as_deref(), &rec),
        rank: c.rank,
    });
    e.host = node;
    let acct = value(&a.acct).filter(|v| v != "(invalid user)");
    e.user = (if c.auth { acct } else { None })
        .or_else(|| if c.account { value(&a.id) } else { None })
        .or_else(|| value(&a.enriched_auid))
        .or_else(|| value(&a.audit_user))
        .or_else(|| value(&a.auid))
        .or_else(|| {
            if c.auth {
                None
            } else {
                value(&a.enriched_uid)
                    .or_else(|| value(&a.user))
                    .or_else(|| value(&a.uid))
            }
        });
    e.process = if rec.record_type == "USER_CMD" {
        value(&a.cmd)
    } else {
        None
    }
    .or_else(|| value(&a.exe))
    .or_else(|| value(&a.comm))
    .or_else(|| value(&a.a0))
    .or_else(|| value(&a.proctitle).map(|p| argv0(&p)));
    e.src_ip = ip(&a.addr).or_else(|| ip(&a.hostname));
    if let Some(SockAddr::Inet { addr, .. }) = a.saddr.as_deref().and_then(sockaddr) {
        if !addr.is_unspecified() {
            e.dst_ip = Some(Cow::Owned(addr.to_string()));
        }
    }
    if detail == Detail::Full {
        e.summary = Cow::Owned(summary(&rec, &a, &e));
    }
    Ok(Normalized {
        event: e,
        time: TimeValue::Unix {
            secs: rec.secs,
            nanos: rec.nanos,
        },
    })
}

fn summary(rec: &AuditRecord<'_>, a: &Audit<'_>, e: &Event<'_>) -> String {
    let t = rec.record_type;
    let on = e
        .host
        .as_deref()
        .map(|h| format!(" on {h}"))
        .unwrap_or_default();
    let who = e.user.as_deref().unwrap_or("an unknown user");
    let failed = if e.outcome == Outcome::Failure {
        " (failed)"
    } else {
        ""
    };
    let opt = |v: &Option<Cow<'_, str>>| value(v).map(|v| v.into_owned());
    let via = opt(&a.exe)
        .or_else(|| opt(&a.comm))
        .map(|x| format!(" via {x}"))
        .unwrap_or_default();
    let text = match (t, e.kind) {
        ("EXECVE", _) => format!("command line: {}", clip(&rec.execve_args(), SUMMARY_MAX)),
        ("AUOMS_EXECVE", _) => {
            let cmd = opt(&a.cmdline)
                .or_else(|| opt(&a.proctitle))
                .unwrap_or_default();
            format!(
                "{who} ran {} ({}){failed}{on}",
                clip(&cmd, SUMMARY_MAX),
                e.process.as_deref().unwrap_or("?")
            )
        }
        ("USER_CMD", _) => {
            let cwd = opt(&a.cwd).map(|c| format!(" in {c}")).unwrap_or_default();
            format!(
                "{who} ran {}{cwd}{failed}{on}",
                clip(e.process.as_deref().unwrap_or("?"), SUMMARY_MAX)
            )
        }
        ("SYSCALL" | "AUOMS_SYSCALL", Kind::Process) => format!(
            "{who} ran {} ({}){failed}{on}",
            e.process.as_deref().unwrap_or("?"),
            e.action
        ),
        ("SYSCALL" | "AUOMS_SYSCALL", _) => {
            let key = opt(&a.key)
                .map(|k| format!(" [key {k}]"))
                .unwrap_or_default();
            format!("{} by {who}{via}{failed}{key}{on}", e.action)
        }
        ("PROCTITLE", _) => format!(
            "process title: {}",
            clip(&opt(&a.proctitle).unwrap_or_default(), SUMMARY_MAX)
        ),
        ("CWD", _) => format!("working directory {}", opt(&a.cwd).unwrap_or_default()),
        ("PATH", _) => format!("path {}", opt(&a.name).unwrap_or_default()),
        ("SOCKADDR", _) => match a.saddr.as_deref().and_then(sockaddr) {
            Some(SockAddr::Inet { addr, port }) => format!("socket address {addr} port {port}"),
            Some(SockAddr::Unix { path }) => format!("unix socket {path}"),
            Some(SockAddr::Other { family }) => format!("socket address of family {family}"),
            None => "socket address".to_string(),
        },
        ("AVC", _) if a.apparmor.is_some() => format!(
            "AppArmor {} {} by {} (profile {}){on}",
            opt(&a.apparmor).unwrap_or_default(),
            opt(&a.operation).unwrap_or_default(),
            opt(&a.comm).unwrap_or_else(|| "?".into()),
            opt(&a.profile).unwrap_or_else(|| "?".into()),
        ),
        ("TTY" | "USER_TTY", _) => format!(
            "keystrokes of {who}: {}{on}",
            clip(
                &opt(&a.data).unwrap_or_default().escape_debug().to_string(),
                SUMMARY_MAX
            )
        ),
        ("SERVICE_START" | "SERVICE_STOP", _) => format!(
            "service {} {}{failed}{on}",
            opt(&a.unit).unwrap_or_else(|| "?".into()),
            if t == "SERVICE_START" {
                "started"
            } else {
                "stopped"
            }
        ),
        (_, Kind::Authentication) => {
            let op = opt(&a.op).map(|o| format!(" {o}")).unwrap_or_default();
            let acct = value(&a.acct)
                .map(|v| format!(" for {v}"))
                .unwrap_or_default();
            let from = e
                .src_ip
                .as_deref()
                .map(|s| format!(" from {s}"))
                .unwrap_or_default();
            let result = match e.outcome {
                Outcome::Success => " succeeded",
                Outcome::Failure => " failed",
                Outcome::Unknown => "",
            };
            format!("{t}{op}{result}{acct}{from}{via}{on}")
        }
        (_, Kind::AccountChange | Kind::Remediation) => {
            let op = opt(&a.op).map(|o| format!(" ({o})")).unwrap_or_default();
            let target = e.user.as_deref().unwrap_or("?");
            let by = actor(a).map(|u| format!(" by {u}")).unwrap_or_default();
            format!(
                "{}: {target}{op}{by}{via}{failed}{on}",
                e.action.replace('_', " ")
            )
        }
        ("ANOM_PROMISCUOUS", _) => {
            let dev = rec.field("dev").map(|d| d.into_owned()).unwrap_or_default();
            let on_off = if rec.field("prom").as_deref() == Some("0") {
                "left"
            } else {
                "entered"
            };
            let by = actor(a).map(|u| format!(" by {u}")).unwrap_or_default();
            format!("device {dev} {on_off} promiscuous mode{by}{on}")
        }
        ("ANOM_ABEND", _) => {
            let sig = rec
                .field("sig")
                .map(|s| format!(" (signal {s})"))
                .unwrap_or_default();
            format!(
                "{} ended abnormally{sig}{via}{on}",
                opt(&a.comm).unwrap_or_else(|| "a process".into())
            )
        }
        _ => format!("{t}: {}{on}", clip(rec.body, SUMMARY_MAX)),
    };
    clip(&text, 300)
}

/// Who acted: the audit (login) user, else the uid.
fn actor<'a>(a: &Audit<'a>) -> Option<Cow<'a, str>> {
    value(&a.enriched_auid)
        .or_else(|| value(&a.audit_user))
        .or_else(|| value(&a.auid))
        .or_else(|| value(&a.uid))
}

/// The fields of a record for output: `node`, `type`, `time` (the `ts_field`), `serial`, then
/// its fields with values decoded (nested `msg='…'` pairs included) and ENRICHED fields.
pub fn source_fields<'a>(text: &'a str, out: &mut Vec<super::fields::Field<'a>>) {
    let Ok(rec) = parse_audit(text) else { return };
    if let Some(n) = rec.node {
        out.push(("node".into(), n.into()));
    }
    out.push(("type".into(), rec.record_type.into()));
    out.push(("time".into(), rec.time_text.into()));
    out.push(("serial".into(), rec.serial_text.into()));
    for f in rec.fields() {
        out.push((f.key.into(), f.value));
    }
    for p in rec.enriched_fields() {
        out.push((p.key.into(), p.value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Format;

    fn p() -> Provenance {
        Provenance {
            input: 0,
            line: 1,
            offset: 0,
            length: 0,
            format: Format::Auditd,
        }
    }

    fn ev(line: &str) -> Event<'_> {
        normalize(line, p(), Detail::Full).unwrap().event
    }

    #[test]
    fn users_by_record_kind() {
        // Authentication: the account acted on, never the daemon's uid.
        let e = ev("type=USER_LOGIN msg=audit(1.000:1): pid=1 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct=28696E76616C6964207573657229 exe=\"/usr/sbin/sshd\" hostname=? addr=203.0.113.9 terminal=sshd res=failed'");
        assert_eq!(e.user, None);
        assert_eq!(e.src_ip.as_deref(), Some("203.0.113.9"));
        assert_eq!(e.outcome, Outcome::Failure);
        // Kernel records: auid, else uid.
        let e = ev("type=SYSCALL msg=audit(1.000:2): arch=c000003e syscall=2 success=yes auid=4294967295 uid=33 comm=\"x\" exe=\"/x\"");
        assert_eq!(e.user.as_deref(), Some("33"));
        assert_eq!(e.kind, Kind::File);
        // AUOMS names.
        let e = ev("type=AUOMS_EXECVE audit(1652292622.006:84144): node=UBUNTU5 syscall=execve success=yes audit_user=unset auid=4294967295 user=tomcat uid=1001 exe=\"/bin/bash\" cmdline=\"bash -i\" redactors=");
        assert_eq!(e.user.as_deref(), Some("tomcat"));
        assert_eq!(e.host.as_deref(), Some("UBUNTU5"));
        assert_eq!(e.kind, Kind::Process);
        assert_eq!(e.summary, "tomcat ran bash -i (/bin/bash) on UBUNTU5");
        // Account changes: failure does not mark a response phase.
        let e = ev("type=USER_CHAUTHTOK msg=audit(1.000:3): pid=1 uid=0 auid=1000 msg='op=PAM:chauthtok acct=\"bob\" exe=\"/usr/bin/passwd\" res=failed'");
        assert_eq!(
            (e.action.as_ref(), e.user.as_deref()),
            ("password_change_failed", Some("bob"))
        );
        let e = ev("type=DEL_USER msg=audit(1.000:4): pid=1 uid=0 auid=1000 msg='op=delete-user acct=\"bob\" exe=\"/usr/sbin/userdel\" res=success'");
        assert_eq!(
            (e.kind, e.action.as_ref()),
            (Kind::AccountChange, "user_deleted")
        );
        let e = ev("type=ANOM_ABEND msg=audit(1.000:5): auid=1000 uid=1000 pid=7 comm=\"a.out\" exe=\"/tmp/a.out\" sig=11 res=1");
        assert_eq!((e.kind, e.severity), (Kind::Finding, Some(Severity::Low)));
        assert_eq!(
            e.summary,
            "a.out ended abnormally (signal 11) via /tmp/a.out"
        );
    }

    #[test]
    fn time_is_exact_and_join_keys_differ_by_node_time_and_serial() {
        let n = normalize(
            "type=CWD msg=audit(1604994496.155:92733): cwd=\"/\"",
            p(),
            Detail::Scan,
        )
        .unwrap();
        assert_eq!(
            n.time,
            TimeValue::Unix {
                secs: 1_604_994_496,
                nanos: 155_000_000
            }
        );
        let key = |l: &str| ev(l).join.unwrap().key;
        let a = key("type=CWD msg=audit(1.155:7): cwd=\"/\"");
        assert_eq!(a, key("type=PATH msg=audit(1.155:7): item=0 name=\"/\""));
        assert_ne!(a, key("type=CWD msg=audit(1.155:8): cwd=\"/\""));
        assert_ne!(a, key("type=CWD msg=audit(1.156:7): cwd=\"/\""));
        assert_ne!(a, key("node=b type=CWD msg=audit(1.155:7): cwd=\"/\""));
    }

    #[test]
    fn never_panics() {
        let seeds = [
            "node=h type=SYSCALL msg=audit(1604994496.155:92733): arch=c000003e syscall=59 success=yes auid=1000 comm=\"arp\" exe=2F62696E key=(null)\u{1d}AUID=\"a\"",
            "type=USER_START msg=audit(1170021601.344:297): user pid=1 msg='PAM: session open acct=root : exe=\"/x\" (hostname=?, addr=?, terminal=cron res=success)'",
            "type=SOCKADDR msg=audit(1.2:3): saddr=0A000016000000000000000000000000000000000000000000000000",
            "type=AVC msg=audit(1.2:3): apparmor=\"DENIED\" operation=\"ptrace\" comm=\"m\"",
            "type=TTY msg=audit(1.2:3): tty pid=1 data=6568",
            "type=AUOMS_EXECVE audit(1.2:3): cmdline=\"a \"b\"\" proctitle=/x -Da=b redactors=",
        ];
        let mut x: u64 = 0x0bad_cafe_f00d_d00d;
        for seed in seeds {
            for (i, _) in seed.char_indices() {
                let _ = normalize(&seed[..i], p(), Detail::Full);
                let _ = normalize(&seed[i..], p(), Detail::Full);
                let mut out = Vec::new();
                source_fields(&seed[..i], &mut out);
            }
            for _ in 0..500 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let mut b = seed.as_bytes().to_vec();
                let at = (x % b.len() as u64) as usize;
                b[at] = b"=\"' ()[]:.0A\x1d"[(x >> 32) as usize % 13];
                let _ = normalize(&String::from_utf8_lossy(&b), p(), Detail::Full);
            }
        }
    }
}
