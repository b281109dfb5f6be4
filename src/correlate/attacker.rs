//! The attacker's footprint in an incident: their entities (outside addresses of the findings,
//! the analyst's indicators, accounts they created) and their sessions (a successful login from
//! one of their addresses, and the logins of the same account onward from there), within which
//! the account's activity on that host is theirs.

use std::collections::BTreeSet;

use super::entity::{is_generic_user as entity_is_generic, is_public, norm_user, short_host};
use super::index::Index;
use super::phase::{response_phase, PhaseName};
use crate::event::{Kind, Outcome, OwnedEvent};

/// A session the attacker held: `user` on `host` from `start` until `end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The host's short name; empty for a sign-in to a cloud service or identity provider
    /// (Okta, CloudTrail console, Entra ID), which names no host: the account's host-less
    /// activity is then the attacker's.
    pub host: String,
    pub user: String,
    pub start: i64,
    pub end: i64,
    /// The login event that opened it.
    pub login: usize,
    /// The session it was opened from (lateral movement), if any.
    pub from: Option<usize>,
}

/// What is the attacker's in one incident.
#[derive(Debug, Clone, Default)]
pub struct Attacker {
    /// Entity keys (`ip:…`, `user:…`, indicators).
    pub keys: BTreeSet<String>,
    pub sessions: Vec<Session>,
    /// Events that are theirs by what a finding says (the process it detected).
    pub events: BTreeSet<usize>,
}

/// Whether `e` ends the attacker's sessions on its account or host: a containment, or the
/// account's password reset (what they stole no longer works; later logins are the owner's).
fn ends_sessions(e: &crate::event::Event<'_>) -> bool {
    response_phase(e) == Some(PhaseName::Containment)
        || (response_phase(e) == Some(PhaseName::Eradication)
            && matches!(
                e.action.as_ref(),
                "password_changed" | "password_reset" | "credentials_reset"
            ))
}

/// An account's scheduled jobs (cron, at, systemd timers) starting their sessions: routine,
/// not context for an incident about the account.
pub fn scheduled(e: &crate::event::Event<'_>) -> bool {
    e.process.as_deref().is_some_and(|p| {
        let name = p.rsplit(['/', '\\']).next().unwrap_or(p);
        ["cron", "crond", "anacron", "atd", "systemd"]
            .iter()
            .any(|s| name.eq_ignore_ascii_case(s))
    })
}

/// How long before a finding the process it detected may have started.
const DETECTED_PROCESS_US: i64 = 3_600_000_000;
/// Shells, script hosts and system binaries that run what they are given: a detected
/// program's parent among them, started shortly before it, ran it for the attacker (the
/// macro's PowerShell); any other parent (Word, the browser, the desktop) is where the attack
/// entered or the user's own program, and the walk up the process tree stops below it.
const LAUNCHERS: [&str; 24] = [
    "cmd.exe",
    "powershell.exe",
    "pwsh.exe",
    "wscript.exe",
    "cscript.exe",
    "mshta.exe",
    "rundll32.exe",
    "regsvr32.exe",
    "wmic.exe",
    "certutil.exe",
    "bitsadmin.exe",
    "msbuild.exe",
    "installutil.exe",
    "sh",
    "bash",
    "dash",
    "zsh",
    "ksh",
    "python",
    "python3",
    "perl",
    "ruby",
    "php",
    "node",
];
/// How long before a process its parent may have started to count as part of the attack.
const PARENT_BEFORE_US: i64 = 30 * 60_000_000;
/// How long after the finding the attacker's processes' connections are followed.
const OUTBOUND_AFTER_US: i64 = 4 * 3_600_000_000;
/// How long before the detected process the remote logon it ran in may have been.
const SESSION_BEFORE_US: i64 = 8 * 3_600_000_000;

/// The last part of a process path or name, lower-cased (`\Device\…\rundll32.exe` and
/// `rundll32.exe` are one image).
fn image_name(p: &str) -> String {
    let p = p.trim().trim_start_matches('"');
    let first = p.split_whitespace().next().unwrap_or(p);
    // A Windows path may hold spaces (`C:\Program Files\…\chrome.exe`); a command line
    // (`/usr/bin/pg_dump -Fc -f /tmp/x`, as sudo logs it) names its program first.
    let name = if first.contains('\\') {
        let base = p.rsplit('\\').next().unwrap_or(p);
        base.split_whitespace().next().unwrap_or(base)
    } else {
        first.rsplit('/').next().unwrap_or(first)
    };
    name.trim_end_matches('"').to_ascii_lowercase()
}

/// An address a remote logon can come from (not the local machine).
fn remote_address(ip: &str) -> bool {
    !matches!(ip, "127.0.0.1" | "::1" | "0.0.0.0" | "::" | "-")
}

impl Attacker {
    /// The outside addresses of the findings — a public source, or a public destination
    /// reached from inside (exfiltration, command and control; a public destination of an
    /// inbound finding is our own NAT address) — and the indicators.
    pub fn from_findings(
        events: &[OwnedEvent],
        findings: &[usize],
        iocs: &BTreeSet<String>,
    ) -> Attacker {
        let mut keys = iocs.clone();
        for &i in findings {
            let e = &events[i];
            match (e.src_ip.as_deref(), e.dst_ip.as_deref()) {
                (Some(src), _) if is_public(src) => {
                    keys.insert(format!("ip:{src}"));
                }
                (_, Some(dst)) if is_public(dst) => {
                    keys.insert(format!("ip:{dst}"));
                }
                _ => {}
            }
        }
        Attacker {
            keys,
            sessions: Vec::new(),
            events: BTreeSet::new(),
        }
    }

    /// One round of following the attacker through `candidates` (event indices in time
    /// order): `follow`, then `walk_back` from `findings`, then `entry_from_outside`; the
    /// events that end sessions are found once for the three.
    pub fn advance(&mut self, events: &[OwnedEvent], candidates: &[usize], findings: &[usize]) {
        let enders: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| ends_sessions(&events[i]))
            .collect();
        self.follow(events, candidates, &enders);
        self.walk_back(events, candidates, findings, &enders);
        self.entry_from_outside(events, candidates, &enders);
    }

    /// Walks back from the attacker's sessions to where the account was first taken from
    /// outside: a successful logon of the same account on a host, from an outside address
    /// that had failed to log in at least three times before it within a day (a brute force
    /// or spray that succeeded), up to a day before the session. The address is theirs and
    /// the logon opens their session there (an SSH brute force on the web server, then the
    /// stolen account used from it to reach the file server).
    fn entry_from_outside(
        &mut self,
        events: &[OwnedEvent],
        candidates: &[usize],
        containments: &[usize],
    ) {
        const DAY_US: i64 = 86_400_000_000;
        let sessions: Vec<(String, i64)> = self
            .sessions
            .iter()
            .map(|s| (s.user.clone(), s.start))
            .collect();
        for (user, start) in sessions {
            let entry = candidates
                .iter()
                .copied()
                .filter(|&i| {
                    let e = &events[i];
                    e.kind == Kind::Authentication
                        && e.outcome == Outcome::Success
                        && e.host.is_some()
                        && e.ts_us <= start
                        && e.ts_us >= start - DAY_US
                        && e.user.as_deref().is_some_and(|u| norm_user(u) == user)
                        && e.src_ip.as_deref().is_some_and(is_public)
                })
                .filter(|&i| {
                    let e = &events[i];
                    let failures = candidates
                        .iter()
                        .filter(|&&j| {
                            let f = &events[j];
                            f.kind == Kind::Authentication
                                && f.outcome == Outcome::Failure
                                && f.src_ip == e.src_ip
                                && f.ts_us <= e.ts_us
                                && f.ts_us >= e.ts_us - DAY_US
                        })
                        .count();
                    failures >= 3
                })
                .max_by_key(|&i| (events[i].ts_us, i));
            let Some(login) = entry else { continue };
            let e = &events[login];
            let (Some(h), Some(ip)) = (e.host.as_deref(), e.src_ip.as_deref()) else {
                continue;
            };
            let host = short_host(h);
            self.keys.insert(format!("ip:{ip}"));
            if self.sessions.iter().any(|s| s.login == login)
                || self.holds(&host, Some(&user), e.ts_us)
            {
                continue;
            }
            self.sessions.push(Session {
                end: containment_after(events, containments, &host, &user, e.ts_us),
                host,
                user,
                start: e.ts_us,
                login,
                from: None,
            });
        }
    }

    /// Walks back from findings about a host: the process a finding detected (on its host,
    /// the same hash or image, started up to an hour before it) is the attacker's; the remote
    /// logon of that process's account on the host before it (up to eight hours) is their
    /// session, and an outside address it came from is theirs. A local logon (the user's own morning
    /// session at the console) is not followed: a remote one is where an intruder comes from.
    fn walk_back(
        &mut self,
        events: &[OwnedEvent],
        candidates: &[usize],
        findings: &[usize],
        containments: &[usize],
    ) {
        for &f in findings {
            let fe = &events[f];
            let Some(host) = fe.host.as_deref().map(short_host) else {
                continue;
            };
            let hash = fe.hash.as_deref().map(str::to_ascii_lowercase);
            let image = fe.process.as_deref().map(image_name);
            if hash.is_none() && image.is_none() {
                continue;
            }
            // The detected process: by its hash when the finding names one, else by its image
            // run by the finding's account (another account running `curl` on the same host is
            // not what was detected); without an account, only the latest such process.
            let finding_user = fe
                .user
                .as_deref()
                .map(norm_user)
                .filter(|u| !entity_is_generic(u));
            // Processes on the finding's host started in the hour before it.
            let window: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&i| {
                    let e = &events[i];
                    e.kind == Kind::Process
                        && e.ts_us <= fe.ts_us + 60_000_000
                        && e.ts_us >= fe.ts_us - DETECTED_PROCESS_US
                        && e.host.as_deref().is_some_and(|h| short_host(h) == host)
                })
                .collect();
            let same_image = |e: &OwnedEvent| {
                image
                    .as_ref()
                    .is_some_and(|x| e.process.as_deref().is_some_and(|p| image_name(p) == *x))
            };
            let mut detected: Vec<usize> = window
                .iter()
                .copied()
                .filter(|&i| {
                    let e = &events[i];
                    match (&hash, e.hash.as_deref()) {
                        // The same algorithm (SHA-256 against SHA-1 says nothing).
                        (Some(x), Some(h)) if x.len() == h.len() => h.eq_ignore_ascii_case(x),
                        _ => {
                            same_image(e)
                                && finding_user.as_ref().is_none_or(|u| {
                                    e.user.as_deref().is_some_and(|eu| norm_user(eu) == *u)
                                })
                        }
                    }
                })
                .collect();
            if finding_user.is_none() && detected.len() > 1 {
                detected.drain(..detected.len() - 1);
            }
            // The finding names the account the program ran as (sudo's target, `postgres`)
            // while the record names who ran it: a program run once on the host in that hour
            // is the one detected whoever ran it.
            if detected.is_empty() && finding_user.is_some() {
                let by_image: Vec<usize> = window
                    .iter()
                    .copied()
                    .filter(|&i| same_image(&events[i]))
                    .collect();
                if by_image.len() == 1 {
                    detected = by_image;
                }
            }
            let Some(&first) = detected.first() else {
                continue;
            };
            self.events.extend(detected.iter().copied());
            // Up the process tree: the process that started the detected one, if it started
            // shortly before it (a macro's PowerShell); a parent running long before (the Word
            // the user opened in the morning) is where the attack entered, not theirs.
            let mut chain = vec![first];
            let mut child = first;
            for _ in 0..4 {
                let c = &events[child];
                let Some(parent) = c
                    .parent
                    .as_deref()
                    .map(image_name)
                    .filter(|p| LAUNCHERS.contains(&p.as_str()))
                else {
                    break;
                };
                let up = candidates
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let e = &events[i];
                        e.kind == Kind::Process
                            && e.ts_us <= c.ts_us
                            && e.ts_us >= c.ts_us - PARENT_BEFORE_US
                            && e.host.as_deref().is_some_and(|h| short_host(h) == host)
                            && e.process
                                .as_deref()
                                .is_some_and(|p| image_name(p) == parent)
                    })
                    .max_by_key(|&i| (events[i].ts_us, i));
                let Some(up) = up else { break };
                self.events.insert(up);
                chain.push(up);
                child = up;
            }
            let first = *chain.last().unwrap_or(&first);
            // Where the attacker's processes connected out to: their servers (the payload's
            // download, its command and control).
            let images: BTreeSet<String> = chain
                .iter()
                .chain(&detected)
                .filter_map(|&i| events[i].process.as_deref().map(image_name))
                .collect();
            let since = events[first].ts_us;
            let chain_user = events[first].user.as_deref().map(norm_user);
            for &i in candidates {
                let e = &events[i];
                let theirs = e.ts_us >= since
                    && e.ts_us <= fe.ts_us + OUTBOUND_AFTER_US
                    && !matches!(
                        e.kind,
                        Kind::Finding | Kind::IncidentStatus | Kind::Remediation
                    )
                    && response_phase(e).is_none()
                    && e.host.as_deref().is_some_and(|h| short_host(h) == host)
                    // What their processes did, and the processes they started.
                    && [&e.process, &e.parent]
                        .into_iter()
                        .flatten()
                        .any(|p| images.contains(&image_name(p)))
                    && match (&chain_user, e.user.as_deref()) {
                        (Some(u), Some(eu)) => norm_user(eu) == *u,
                        _ => true,
                    };
                if !theirs {
                    continue;
                }
                // What those processes did is theirs; where they connected out to are their
                // servers (the payload's download, its command and control).
                self.events.insert(i);
                if e.kind == Kind::Network {
                    if let Some(dst) = e.dst_ip.as_deref().filter(|ip| is_public(ip)) {
                        self.keys.insert(format!("ip:{dst}"));
                    }
                }
            }
            let start = events[first].ts_us;
            let Some(user) = events[first]
                .user
                .as_deref()
                .or(fe.user.as_deref())
                .map(norm_user)
                .filter(|u| !entity_is_generic(u))
            else {
                continue;
            };
            let login = candidates
                .iter()
                .copied()
                .filter(|&i| {
                    let e = &events[i];
                    e.kind == Kind::Authentication
                        && e.outcome == Outcome::Success
                        && e.ts_us <= start
                        && e.ts_us >= start - SESSION_BEFORE_US
                        && e.host.as_deref().is_some_and(|h| short_host(h) == host)
                        && e.user.as_deref().is_some_and(|u| norm_user(u) == user)
                        && e.src_ip.as_deref().is_some_and(remote_address)
                })
                .max_by_key(|&i| (events[i].ts_us, i));
            let Some(login) = login else { continue };
            if self.sessions.iter().any(|s| s.login == login)
                || self.holds(&host, Some(&user), events[login].ts_us)
            {
                continue;
            }
            // An outside address it came from is theirs; an inside one may be a jump host all
            // administrators use, which links nothing by itself (the session does).
            if let Some(ip) = events[login].src_ip.as_deref().filter(|ip| is_public(ip)) {
                self.keys.insert(format!("ip:{ip}"));
            }
            let opened = events[login].ts_us;
            self.sessions.push(Session {
                end: containment_after(events, containments, &host, &user, opened),
                host,
                user,
                start: opened,
                login,
                from: None,
            });
        }
    }

    /// Follows the attacker through `candidates` (event indices in time order): logins from
    /// their addresses open sessions; logins of a session's account on other hosts from inside
    /// while it is open open further sessions; accounts created on a host they hold become
    /// theirs. A session ends at the first containment action on its account or host after it
    /// opened (or never).
    fn follow(&mut self, events: &[OwnedEvent], candidates: &[usize], containments: &[usize]) {
        let mut opened: BTreeSet<usize> = self.sessions.iter().map(|s| s.login).collect();
        let keys_now = self.keys.clone();
        let success_login = |i: usize| {
            let e = &events[i];
            let signed_in =
                e.kind == Kind::Authentication && e.outcome == Outcome::Success && e.user.is_some();
            // A cloud API call made as an account from the attacker's address (a stolen access
            // key used with CloudTrail's GetCallerIdentity, ListBuckets…) is a sign-in too.
            let used_from_outside = e.host.is_none()
                && e.user.is_some()
                && e.outcome != Outcome::Failure
                && !matches!(
                    e.kind,
                    Kind::Finding | Kind::IncidentStatus | Kind::Remediation
                )
                && response_phase(e).is_none()
                && e.src_ip
                    .as_deref()
                    .is_some_and(|ip| is_public(ip) && keys_now.contains(&format!("ip:{ip}")));
            signed_in || used_from_outside
        };
        // Iterate to a fixed point: each round may open sessions that open others.
        for _ in 0..8 {
            let before = (self.sessions.len(), self.keys.len());
            for &i in candidates {
                if !success_login(i) || opened.contains(&i) {
                    continue;
                }
                let e = &events[i];
                let Some(user) = e.user.as_deref() else {
                    continue;
                };
                let (host, user) = (
                    e.host.as_deref().map_or(String::new(), short_host),
                    norm_user(user),
                );
                // A host-less sign-in of a generic account ("unknown") names nobody.
                if host.is_empty() && entity_is_generic(&user) {
                    continue;
                }
                // A sign-in inside a session the attacker already holds there opens nothing new
                // (an SSO to an app after the identity-provider login).
                if self.holds(&host, Some(&user), e.ts_us) {
                    continue;
                }
                let from_attacker = e
                    .src_ip
                    .as_deref()
                    .is_some_and(|ip| self.keys.contains(&format!("ip:{ip}")))
                    || self.keys.contains(&format!("user:{user}"));
                let lateral = if from_attacker {
                    None
                } else {
                    // The same account, logging in from inside, while it holds a session
                    // elsewhere.
                    let inside = e.src_ip.as_deref().is_some_and(|ip| !is_public(ip));
                    self.sessions.iter().position(|s| {
                        inside
                            && !host.is_empty()
                            && s.user == user
                            && s.host != host
                            && s.start <= e.ts_us
                            && e.ts_us < s.end
                    })
                };
                if from_attacker || lateral.is_some() {
                    let end = containment_after(events, containments, &host, &user, e.ts_us);
                    opened.insert(i);
                    self.sessions.push(Session {
                        host,
                        user,
                        start: e.ts_us,
                        end,
                        login: i,
                        from: lateral,
                    });
                }
            }
            // A remote-access login gives its session an inside address (`vpn_logon`: from the
            // outside address to the assigned one): either side being the attacker's makes
            // the other theirs, so their path runs through the VPN both ways.
            for &i in candidates {
                let e = &events[i];
                if e.action != "vpn_logon" || e.outcome != Outcome::Success {
                    continue;
                }
                let (Some(src), Some(dst)) = (e.src_ip.as_deref(), e.dst_ip.as_deref()) else {
                    continue;
                };
                let (ks, kd) = (format!("ip:{src}"), format!("ip:{dst}"));
                if self.keys.contains(&ks) != self.keys.contains(&kd) {
                    self.keys.insert(ks);
                    self.keys.insert(kd);
                }
            }
            // Accounts created on a host the attacker holds, while they hold it.
            for &i in candidates {
                let e = &events[i];
                if e.action != "user_created" {
                    continue;
                }
                let Some(u) = e.user.as_deref() else {
                    continue;
                };
                // On a host they hold, or in a cloud account from one of their addresses
                // (CloudTrail CreateUser: the backdoor IAM user).
                let theirs = match e.host.as_deref() {
                    Some(h) => self.holds(&short_host(h), None, e.ts_us),
                    None => e
                        .src_ip
                        .as_deref()
                        .is_some_and(|ip| self.keys.contains(&format!("ip:{ip}"))),
                };
                if theirs {
                    self.keys.insert(format!("user:{}", norm_user(u)));
                }
            }
            if (self.sessions.len(), self.keys.len()) == before {
                break;
            }
        }
        self.sessions.sort_by_key(|s| (s.start, s.login));
    }

    /// Whether the attacker holds a session on `host` (as `user`, if given) at `t`.
    pub fn holds(&self, host: &str, user: Option<&str>, t: i64) -> bool {
        self.sessions.iter().any(|s| {
            s.host == host && user.is_none_or(|u| s.user == u) && s.start <= t && t < s.end
        })
    }

    /// Whether `e` is the attacker's doing: it involves their entities, or it is the activity
    /// of an account on a host inside a session they held. Findings and alert status changes
    /// never are.
    pub fn did(&self, events: &[OwnedEvent], index: &Index, i: usize) -> bool {
        let e = &events[i];
        // Findings and their status changes are about the attacker, not by them.
        if matches!(e.kind, Kind::Finding | Kind::IncidentStatus) {
            return false;
        }
        if self.events.contains(&i) {
            return true;
        }
        // The account's scheduled jobs run inside the attacker's session but are not theirs.
        if scheduled(e) {
            return false;
        }
        // A containment (an account disabled, a host isolated) acts on the attacker's
        // entities: a responder's act even when it names the account the attacker created.
        if response_phase(e) == Some(PhaseName::Containment) {
            return false;
        }
        // A change to the attacker's cloud account made from somewhere else (a responder
        // detaching the backdoor user's policies) is not theirs.
        let elsewhere = e.host.is_none()
            && matches!(e.kind, Kind::AccountChange | Kind::ConfigChange)
            && e.src_ip
                .as_deref()
                .is_some_and(|ip| !self.keys.contains(&format!("ip:{ip}")));
        if elsewhere {
            return false;
        }
        if index.involves(events, i, &self.keys) {
            return true;
        }
        match (e.host.as_deref(), e.user.as_deref()) {
            (Some(h), Some(u)) => self.holds(&short_host(h), Some(&norm_user(u)), e.ts_us),
            // A host-less event of an account the attacker signed in to a cloud service with,
            // from one of their addresses (the owner keeps using it from the office).
            (None, Some(u)) => {
                self.holds("", Some(&norm_user(u)), e.ts_us)
                    && e.src_ip
                        .as_deref()
                        .is_some_and(|ip| self.keys.contains(&format!("ip:{ip}")))
            }
            _ => false,
        }
    }
}

/// The first containment action on `user` or `host` after `t` among `containments`.
fn containment_after(
    events: &[OwnedEvent],
    containments: &[usize],
    host: &str,
    user: &str,
    t: i64,
) -> i64 {
    containments
        .iter()
        .map(|&i| &events[i])
        .filter(|e| e.ts_us > t)
        .filter(|e| {
            e.user.as_deref().is_some_and(|u| norm_user(u) == user)
                || (e.user.is_none() && e.host.as_deref().is_some_and(|h| short_host(h) == host))
        })
        .map(|e| e.ts_us)
        .min()
        .unwrap_or(i64::MAX)
}
