//! Single-thread throughput of the wire grammars in `parsers`, one criterion group per grammar.
//!
//! Every input is a realistic multi-line export built here from varied records (different
//! hosts, users, addresses, programs and message shapes, drawn from a fixed-seed generator so
//! runs are comparable); no line is one line repeated. One iteration parses every line of the
//! input, and the throughput is the bytes of those lines (line ends excluded).
//!
//! Run: `cargo bench --bench parse -- --warm-up-time 1 --measurement-time 3`

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use parsers::cef::parse_cef;
use parsers::linux_auth::parse_auth_message;
use parsers::syslog::{parse_rfc3164, parse_rfc5424, Strictness};
use parsers::timestamp::{
    parse_bsd_prefix, parse_cef_time, parse_epoch, parse_iso8601, parse_rfc5424_timestamp,
};

/// Records per input.
const LINES: usize = 2_000;

/// A fixed-seed xorshift64 generator: reproducible inputs without a `rand` dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    fn ipv4(&mut self) -> String {
        match self.below(4) {
            0 => format!(
                "10.{}.{}.{}",
                self.below(256),
                self.below(256),
                1 + self.below(254)
            ),
            1 => format!("192.168.{}.{}", self.below(256), 1 + self.below(254)),
            2 => format!("203.0.113.{}", 1 + self.below(254)),
            _ => format!(
                "{}.{}.{}.{}",
                1 + self.below(223),
                self.below(256),
                self.below(256),
                1 + self.below(254)
            ),
        }
    }
    fn port(&mut self) -> u64 {
        1024 + self.below(64_000)
    }
    fn pid(&mut self) -> u64 {
        300 + self.below(90_000)
    }
    fn hex(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n);
        while s.len() < n {
            let _ = write!(s, "{:016x}", self.next());
        }
        s.truncate(n);
        s
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const HOSTS: &[&str] = &[
    "web-01",
    "web-02",
    "db-primary",
    "bastion",
    "ip-10-0-3-17",
    "mail.example.org",
    "build-runner-7",
    "k8s-node-a3",
    "vpn-gw",
    "ldap1.corp.example.com",
    "backup",
    "jump-eu-west-1",
];
const USERS: &[&str] = &[
    "alice",
    "bob",
    "carol",
    "root",
    "admin",
    "deploy",
    "postgres",
    "ubuntu",
    "git",
    "oracle",
    "test",
    "jenkins",
    "svc_backup",
    "mallory",
    "ec2-user",
    "www-data",
];
const COMMANDS: &[&str] = &[
    "/usr/bin/systemctl restart nginx",
    "/usr/bin/apt-get update",
    "/bin/bash",
    "/usr/bin/id",
    "/usr/bin/tail -n 200 /var/log/auth.log",
    "/usr/sbin/useradd -m -s /bin/bash backup2",
    "/usr/bin/docker ps -a",
    "/usr/bin/journalctl -u sshd --since today",
];

/// A running clock so consecutive records have increasing, varied times.
struct Clock {
    month: usize,
    day: u64,
    secs: u64,
}

impl Clock {
    fn tick(&mut self, rng: &mut Rng) {
        self.secs += rng.below(40);
        if self.secs >= 86_400 {
            self.secs -= 86_400;
            self.day += 1;
            if self.day > 28 {
                self.day = 1;
                self.month = (self.month + 1) % 12;
            }
        }
    }
    fn hms(&self) -> (u64, u64, u64) {
        (self.secs / 3600, self.secs / 60 % 60, self.secs % 60)
    }
    /// `Mmm dd hh:mm:ss` with a space-padded day.
    fn bsd(&self) -> String {
        let (h, m, s) = self.hms();
        format!(
            "{} {:>2} {h:02}:{m:02}:{s:02}",
            MONTHS[self.month], self.day
        )
    }
    /// RFC 3339 with a fraction of `digits` digits and an offset.
    fn rfc3339(&self, rng: &mut Rng, digits: usize, offset: &str) -> String {
        let (h, m, s) = self.hms();
        let mut t = format!(
            "2026-{:02}-{:02}T{h:02}:{m:02}:{s:02}",
            self.month + 1,
            self.day
        );
        if digits > 0 {
            let frac = format!("{:09}", rng.below(1_000_000_000));
            t.push('.');
            t.push_str(&frac[..digits]);
        }
        t.push_str(offset);
        t
    }
}

/// `(tag-with-pid, message)` of one auth.log record.
fn auth_record(rng: &mut Rng) -> (String, String) {
    let user = rng.pick(USERS);
    let ip = rng.ipv4();
    let port = rng.port();
    let pid = rng.pid();
    let uid = 1000 + rng.below(60);
    match rng.below(20) {
        0..=2 => (
            format!("sshd[{pid}]"),
            format!("Failed password for invalid user {user} from {ip} port {port} ssh2"),
        ),
        3 | 4 => (
            format!("sshd[{pid}]"),
            format!("Failed password for {user} from {ip} port {port} ssh2"),
        ),
        5 => (
            format!("sshd[{pid}]"),
            format!("Accepted password for {user} from {ip} port {port} ssh2"),
        ),
        6 => (
            format!("sshd[{pid}]"),
            format!(
                "Accepted publickey for {user} from {ip} port {port} ssh2: ED25519 SHA256:{}",
                rng.hex(43)
            ),
        ),
        7 | 8 => (
            format!("sshd[{pid}]"),
            format!("Invalid user {user} from {ip} port {port}"),
        ),
        9 => (
            format!("sshd[{pid}]"),
            format!("pam_unix(sshd:session): session opened for user {user}(uid={uid}) by (uid=0)"),
        ),
        10 => (
            format!("sshd[{pid}]"),
            format!("pam_unix(sshd:session): session closed for user {user}"),
        ),
        11 => (
            format!("sshd[{pid}]"),
            format!(
                "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={ip}  user={user}"
            ),
        ),
        12 => (
            format!("sshd[{pid}]"),
            format!("Received disconnect from {ip} port {port}:11: Bye Bye [preauth]"),
        ),
        13 => (
            format!("sshd[{pid}]"),
            format!(
                "Connection closed by authenticating user {user} {ip} port {port} [preauth]"
            ),
        ),
        14 => (
            "sudo".to_owned(),
            format!(
                "{user} : TTY=pts/{} ; PWD=/home/{user} ; USER=root ; COMMAND={}",
                rng.below(8),
                rng.pick(COMMANDS)
            ),
        ),
        15 => (
            "sudo".to_owned(),
            format!(
                "pam_unix(sudo:session): session opened for user root(uid=0) by {user}(uid={uid})"
            ),
        ),
        16 => (
            format!("CRON[{pid}]"),
            "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)".to_owned(),
        ),
        17 => (
            format!("systemd-logind[{}]", rng.pid()),
            format!("New session {} of user {user}.", rng.below(9000)),
        ),
        18 => match rng.below(3) {
            0 => (
                format!("useradd[{pid}]"),
                format!(
                    "new user: name={user}{n}, UID={uid}, GID={uid}, home=/home/{user}{n}, shell=/bin/bash, from=/dev/pts/{t}",
                    n = rng.below(9),
                    t = rng.below(4)
                ),
            ),
            1 => (
                format!("usermod[{pid}]"),
                format!("add '{user}' to group 'sudo'"),
            ),
            _ => (
                format!("passwd[{pid}]"),
                format!("pam_unix(passwd:chauthtok): password changed for {user}"),
            ),
        },
        _ => (
            "kernel".to_owned(),
            format!(
                "[{}.{:06}] [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:{}:{}:{}:08:00 SRC={ip} DST={} LEN=40 TOS=0x00 PREC=0x00 TTL=241 ID={} PROTO=TCP SPT={port} DPT={} WINDOW=1024 RES=0x00 SYN URGP=0",
                rng.below(9_000_000),
                rng.below(1_000_000),
                rng.hex(2),
                rng.hex(2),
                rng.hex(2),
                rng.ipv4(),
                rng.below(65_536),
                rng.pick(&["22", "23", "3389", "445", "8080", "5900"]),
            ),
        ),
    }
}

/// auth.log / secure as written by rsyslog (most lines), plus some as received on the wire
/// (`<PRI>` in front) and some in `RSYSLOG_FileFormat` (ISO 8601 time).
fn rfc3164_input() -> Vec<String> {
    let mut rng = Rng(0x3164_0000_9E37_79B9);
    let mut clock = Clock {
        month: 6,
        day: 23,
        secs: 3_600,
    };
    (0..LINES)
        .map(|_| {
            clock.tick(&mut rng);
            let host = rng.pick(HOSTS);
            let (tag, msg) = auth_record(&mut rng);
            match rng.below(10) {
                0 | 1 => format!(
                    "<{}>{} {host} {tag}: {msg}",
                    [38, 86, 4, 85][rng.below(4) as usize],
                    clock.bsd()
                ),
                2 => format!(
                    "{} {host} {tag}: {msg}",
                    clock.rfc3339(&mut rng, 6, "+02:00")
                ),
                _ => format!("{} {host} {tag}: {msg}", clock.bsd()),
            }
        })
        .collect()
}

/// `(app, msg)` pairs as the engine hands them to `parse_auth_message`.
fn linux_auth_input() -> Vec<(String, String)> {
    let mut rng = Rng(0xA07B_0000_2545_F491);
    (0..LINES)
        .map(|_| {
            let (tag, msg) = auth_record(&mut rng);
            let app = tag.split('[').next().unwrap_or_default().to_owned();
            if rng.below(25) == 0 {
                (
                    app,
                    format!("message repeated {} times: [ {msg}]", 2 + rng.below(5)),
                )
            } else {
                (app, msg)
            }
        })
        .collect()
}

fn sd_value(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => format!(r#"C:\\Program Files\\App{}\\bin"#, rng.below(9)),
        1 => format!(r#"say \"hi\" [x\]{}"#, rng.below(99)),
        2..=5 => rng.pick(USERS).to_owned(),
        6 | 7 => rng.ipv4(),
        _ => rng.below(100_000).to_string(),
    }
}

/// RFC 5424 from a mix of senders: about half with STRUCTURED-DATA (one to three elements,
/// some values with escapes), the rest `-`; some NILVALUE header fields; some BOM messages.
fn rfc5424_input() -> Vec<String> {
    let mut rng = Rng(0x5424_0000_D1B5_4A32);
    let mut clock = Clock {
        month: 6,
        day: 23,
        secs: 7_200,
    };
    const APPS: &[&str] = &[
        "sshd",
        "nginx",
        "kubelet",
        "dockerd",
        "postfix/smtpd",
        "CRON",
        "auditd",
        "evntslog",
        "app-server",
        "MSWinEventLog",
    ];
    const MSGIDS: &[&str] = &["-", "ID47", "AUTH", "TRAFFIC", "audit", "-", "req", "SEC"];
    const SD_IDS: &[&str] = &[
        "exampleSDID@32473",
        "origin",
        "meta",
        "timeQuality",
        "k8s@47450",
        "win@18060",
    ];
    const PARAMS: &[&str] = &[
        "iut",
        "eventSource",
        "eventID",
        "ip",
        "software",
        "user",
        "pod",
        "namespace",
        "tzKnown",
        "sequenceId",
        "path",
    ];
    const MSGS: &[&str] = &[
        "An application event log entry",
        "Accepted publickey for deploy from 198.51.100.7 port 50122 ssh2",
        "GET /api/v1/items?page=3 HTTP/1.1 200 5123 \"-\" \"curl/8.5.0\"",
        "Started container kube-proxy",
        "connect from unknown[203.0.113.77]",
        "(root) CMD (   /usr/bin/nice -n 10 /opt/acme/bin/mem_usage_monitor.py >/dev/null 2>&1)",
        "type=USER_LOGIN msg=audit(1690000000.123:456): pid=1234 uid=0 auid=1001 ses=3 res=success",
        "%% It's time to make the do-nuts.",
    ];
    (0..LINES)
        .map(|_| {
            clock.tick(&mut rng);
            let pri = 8 * rng.below(24) + rng.below(8);
            let ts = match rng.below(8) {
                0 => "-".to_owned(),
                1 | 2 => clock.rfc3339(&mut rng, 0, "Z"),
                3 | 4 => clock.rfc3339(&mut rng, 3, "Z"),
                _ => {
                    let off = ["+02:00", "-07:00", "+05:30"][rng.below(3) as usize];
                    clock.rfc3339(&mut rng, 6, off)
                }
            };
            let host = rng.pick(HOSTS);
            let app = rng.pick(APPS);
            let procid = if rng.below(4) == 0 {
                "-".to_owned()
            } else {
                rng.pid().to_string()
            };
            let msgid = rng.pick(MSGIDS);
            let mut sd = String::new();
            if rng.below(2) == 0 {
                sd.push('-');
            } else {
                let n = 1 + rng.below(3) as usize;
                let first = rng.below(SD_IDS.len() as u64) as usize;
                for k in 0..n {
                    let _ = write!(sd, "[{}", SD_IDS[(first + k) % SD_IDS.len()]);
                    for _ in 0..1 + rng.below(5) {
                        let _ = write!(sd, " {}=\"{}\"", rng.pick(PARAMS), sd_value(&mut rng));
                    }
                    sd.push(']');
                }
            }
            let bom = if rng.below(6) == 0 { "\u{feff}" } else { "" };
            format!(
                "<{pri}>1 {ts} {host} {app} {procid} {msgid} {sd} {bom}{}",
                rng.pick(MSGS)
            )
        })
        .collect()
}

/// PAN-OS style CEF (TRAFFIC and THREAT, about 30 extension pairs each) behind an RFC 3164
/// header, plus some bare records and some behind an RFC 5424 header; a few URLs with `=`,
/// escaped `\=` and `\|`.
fn cef_input() -> Vec<String> {
    let mut rng = Rng(0xCEF0_0000_9E37_79B9);
    let mut clock = Clock {
        month: 6,
        day: 23,
        secs: 10_000,
    };
    const APPS: &[&str] = &[
        "ssl",
        "web-browsing",
        "dns",
        "ms-rdp",
        "ssh",
        "office365-consumer-access",
        "incomplete",
        "google-base",
    ];
    const ZONES: &[&str] = &["trust", "untrust", "dmz", "vpn", "guest"];
    const THREATS: &[&str] = &[
        "SSH2 Login Attempt(31914)",
        "Microsoft RDP Brute Force Attempt(40021)",
        "HTTP SQL Injection Attempt(30514)",
        "Suspicious TLS Evasion Found(14978)",
    ];
    (0..LINES)
        .map(|_| {
            clock.tick(&mut rng);
            let (h, m, s) = clock.hms();
            let rt = format!(
                "{} {:02} 2026 {h:02}:{m:02}:{s:02} GMT",
                MONTHS[clock.month], clock.day
            );
            let src = rng.ipv4();
            let dst = rng.ipv4();
            let user = rng.pick(USERS);
            let app = rng.pick(APPS);
            let threat = rng.below(3) == 0;
            let (subtype, name, sev) = if threat {
                ("vulnerability", rng.pick(THREATS), rng.below(11))
            } else {
                ("end", "TRAFFIC", 1 + rng.below(3))
            };
            let name = if rng.below(20) == 0 {
                format!(r"{name} \| dropped")
            } else {
                name.to_owned()
            };
            let mut ext = String::with_capacity(900);
            let _ = write!(
                ext,
                "rt={rt} deviceExternalId=0128010{:05} src={src} dst={dst} sourceTranslatedAddress={} destinationTranslatedAddress={} cs1Label=Rule cs1=allow-{app} suser=corp\\\\{user} duser= app={app} cs3Label=Virtual System cs3=vsys1 cs4Label=Source Zone cs4={} cs5Label=Destination Zone cs5={} deviceInboundInterface=ethernet1/{} deviceOutboundInterface=ethernet1/{} cs6Label=LogProfile cs6=default-fwd cn1Label=SessionID cn1={} cnt=1 spt={} dpt={} sourceTranslatedPort={} destinationTranslatedPort={} flexString1Label=Flags flexString1=0x{} proto={} act={}",
                rng.below(100_000),
                rng.ipv4(),
                rng.ipv4(),
                rng.pick(ZONES),
                rng.pick(ZONES),
                1 + rng.below(8),
                1 + rng.below(8),
                rng.below(2_000_000),
                rng.port(),
                rng.pick(&["443", "80", "53", "3389", "22"]),
                rng.port(),
                rng.pick(&["443", "80", "53", "3389", "22"]),
                rng.hex(6),
                rng.pick(&["tcp", "udp"]),
                rng.pick(&["allow", "deny", "drop", "reset-both"]),
            );
            if threat {
                let _ = write!(
                    ext,
                    " request=\"http://{}/index.php?id\\={}&cat=5\" cat={} fileId=0 cs2Label=URL Category cs2=any flexNumber1Label=Total bytes flexNumber1={} msg=Detected by rule {} PanOSThreatCategory=brute-force PanOSContentVersion=8{:03}-{}",
                    dst,
                    rng.below(1000),
                    rng.pick(&["brute-force", "code-execution", "sql-injection"]),
                    rng.below(100_000),
                    rng.below(100),
                    rng.below(1000),
                    rng.below(10_000),
                );
            } else {
                let _ = write!(
                    ext,
                    " flexNumber1Label=Total bytes flexNumber1={} in={} out={} cn2Label=Packets cn2={} PanOSPacketsReceived={} PanOSPacketsSent={} start={rt} cn3Label=Elapsed time in seconds cn3={} cs2Label=URL Category cs2=any externalId={} reason={}",
                    rng.below(2_000_000),
                    rng.below(1_000_000),
                    rng.below(1_000_000),
                    rng.below(2_000),
                    rng.below(1_000),
                    rng.below(1_000),
                    rng.below(3_600),
                    rng.below(10_000_000),
                    rng.pick(&["tcp-fin", "aged-out", "tcp-rst-from-client", "policy-deny"]),
                );
            }
            let body = format!(
                "CEF:0|Palo Alto Networks|PAN-OS|10.2.{}|{subtype}|{name}|{sev}|{ext}",
                rng.below(9)
            );
            let host = rng.pick(&["PA-VM-01", "pa-3220-dc1", "fw-edge-1", "PA-850-branch"]);
            match rng.below(10) {
                0 => body,
                1 => format!(
                    "<14>1 {} {host} - - - - {body}",
                    clock.rfc3339(&mut rng, 3, "Z")
                ),
                _ => format!("<14>{} {host} {body}", clock.bsd()),
            }
        })
        .collect()
}

/// Which timestamp grammar a line is for.
#[derive(Clone, Copy)]
enum TsKind {
    Bsd,
    Iso,
    Rfc5424,
    Cef,
    Epoch,
}

/// The time forms the formats carry, in the proportions an export mixing them would have.
fn timestamp_input() -> Vec<(TsKind, String)> {
    let mut rng = Rng(0x7153_0000_2545_F491);
    let mut clock = Clock {
        month: 2,
        day: 1,
        secs: 0,
    };
    (0..LINES)
        .map(|_| {
            clock.tick(&mut rng);
            let (h, m, s) = clock.hms();
            match rng.below(10) {
                0..=2 => (TsKind::Bsd, clock.bsd()),
                3 => (
                    TsKind::Bsd,
                    format!(
                        "{} {:02} 2026 {h:02}:{m:02}:{s:02}",
                        MONTHS[clock.month], clock.day
                    ),
                ),
                4 | 5 => {
                    let off = ["Z", "+02:00", "-07:00"][rng.below(3) as usize];
                    let digits = [0, 3, 6][rng.below(3) as usize];
                    (TsKind::Rfc5424, clock.rfc3339(&mut rng, digits, off))
                }
                6 => {
                    let t = clock.rfc3339(&mut rng, 0, "");
                    let form = match rng.below(4) {
                        0 => format!("{} UTC", t.replace('T', " ")),
                        1 => format!("{t}.{:07}Z", rng.below(10_000_000)),
                        2 => format!("{t}+0100"),
                        _ => t.replace('T', " "),
                    };
                    (TsKind::Iso, form)
                }
                7 => (
                    TsKind::Cef,
                    format!(
                        "{} {:02} 2026 {h:02}:{m:02}:{s:02}.{:03} {}",
                        MONTHS[clock.month],
                        clock.day,
                        rng.below(1000),
                        rng.pick(&["UTC", "GMT", "CEST", "EDT", "+0200"])
                    ),
                ),
                8 => (
                    TsKind::Cef,
                    (1_780_000_000_000 + rng.below(10_000_000_000)).to_string(),
                ),
                _ => (
                    TsKind::Epoch,
                    format!(
                        "{}.{:06}",
                        1_780_000_000 + rng.below(10_000_000),
                        rng.below(1_000_000)
                    ),
                ),
            }
        })
        .collect()
}

fn total_bytes<'a>(lines: impl Iterator<Item = &'a str>) -> u64 {
    lines.map(|l| l.len() as u64).sum()
}

fn bench_rfc3164(c: &mut Criterion) {
    let lines = rfc3164_input();
    for l in &lines {
        parse_rfc3164(l).unwrap_or_else(|e| panic!("bench input does not parse: {e}: {l}"));
    }
    let mut g = c.benchmark_group("rfc3164");
    g.throughput(Throughput::Bytes(total_bytes(
        lines.iter().map(String::as_str),
    )));
    g.bench_function("auth_log_2000", |b| {
        b.iter(|| {
            for l in &lines {
                let _ = black_box(parse_rfc3164(black_box(l)));
            }
        })
    });
    g.finish();
}

fn bench_rfc5424(c: &mut Criterion) {
    let lines = rfc5424_input();
    for l in &lines {
        parse_rfc5424(l, Strictness::Strict)
            .unwrap_or_else(|e| panic!("bench input does not parse: {e}: {l}"));
    }
    let mut g = c.benchmark_group("rfc5424");
    g.throughput(Throughput::Bytes(total_bytes(
        lines.iter().map(String::as_str),
    )));
    for (name, strictness) in [
        ("mixed_sd_2000_strict", Strictness::Strict),
        ("mixed_sd_2000_lenient", Strictness::Lenient),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                for l in &lines {
                    let _ = black_box(parse_rfc5424(black_box(l), strictness));
                }
            })
        });
    }
    g.finish();
}

fn bench_cef(c: &mut Criterion) {
    let lines = cef_input();
    for l in &lines {
        let cef = parse_cef(l).unwrap_or_else(|e| panic!("bench input does not parse: {e}: {l}"));
        assert!(
            cef.extensions.len() >= 28,
            "{} pairs: {l}",
            cef.extensions.len()
        );
    }
    let mut g = c.benchmark_group("cef");
    g.throughput(Throughput::Bytes(total_bytes(
        lines.iter().map(String::as_str),
    )));
    g.bench_function("panos_2000", |b| {
        b.iter(|| {
            for l in &lines {
                let _ = black_box(parse_cef(black_box(l)));
            }
        })
    });
    g.finish();
}

fn bench_linux_auth(c: &mut Criterion) {
    let pairs = linux_auth_input();
    let mut g = c.benchmark_group("linux_auth");
    g.throughput(Throughput::Bytes(total_bytes(
        pairs.iter().map(|(_, m)| m.as_str()),
    )));
    g.bench_function("auth_messages_2000", |b| {
        b.iter(|| {
            for (app, msg) in &pairs {
                let _ = black_box(parse_auth_message(black_box(app), black_box(msg)));
            }
        })
    });
    g.finish();
}

fn bench_timestamps(c: &mut Criterion) {
    let lines = timestamp_input();
    let parse = |kind: TsKind, s: &str| -> bool {
        match kind {
            TsKind::Bsd => parse_bsd_prefix(s).is_some(),
            TsKind::Iso => parse_iso8601(s).is_some(),
            TsKind::Rfc5424 => parse_rfc5424_timestamp(s).is_some(),
            TsKind::Cef => parse_cef_time(s).is_some(),
            TsKind::Epoch => parse_epoch(s).is_some(),
        }
    };
    for (kind, s) in &lines {
        assert!(parse(*kind, s), "bench input does not parse: {s}");
    }
    let mut g = c.benchmark_group("timestamps");
    g.throughput(Throughput::Bytes(total_bytes(
        lines.iter().map(|(_, s)| s.as_str()),
    )));
    g.bench_function("mixed_forms_2000", |b| {
        b.iter(|| {
            for (kind, s) in &lines {
                let s = black_box(s.as_str());
                match kind {
                    TsKind::Bsd => drop(black_box(parse_bsd_prefix(s))),
                    TsKind::Iso => drop(black_box(parse_iso8601(s))),
                    TsKind::Rfc5424 => drop(black_box(parse_rfc5424_timestamp(s))),
                    TsKind::Cef => drop(black_box(parse_cef_time(s))),
                    TsKind::Epoch => drop(black_box(parse_epoch(s))),
                }
            }
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_rfc3164,
    bench_rfc5424,
    bench_cef,
    bench_linux_auth,
    bench_timestamps
);
criterion_main!(benches);
