//! `afterlog-gen`: a deterministic fixture-set generator for performance work.
//!
//! Writes a multi-source incident (the records of `fixtures/sample-incident/`, merged in at
//! their time positions) embedded in background traffic of about `--size` bytes, plus
//! `truth.json`. Same seed and size give byte-identical files: every file has its own PRNG
//! stream derived from the seed and the file name, and no clock or thread order reaches the
//! content.
//!
//! ```sh
//! cargo run --release --bin afterlog-gen -- --out DIR --size 1G --seed 7
//! ```

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Parser;
use rayon::prelude::*;

#[derive(Parser, Debug)]
#[command(
    name = "afterlog-gen",
    about = "Writes a deterministic incident fixture set embedded in background traffic"
)]
struct Args {
    /// Folder to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Total size: a number of bytes with an optional K, M or G suffix (powers of 1024).
    #[arg(long, default_value = "100M")]
    size: String,
    /// Seed of every file's pseudo-random stream.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

// ---------------------------------------------------------------------------------------------
// Time. Times are milliseconds since 2026-03-01T00:00:00Z (`T0`); the background spans two days.

/// 2026-03-01T00:00:00Z as a Unix time.
const T0_UNIX: i64 = 1_772_323_200;
const SPAN_MS: i64 = 2 * 86_400_000;
/// Europe/Berlin is UTC+1 (CET) on these dates.
const LOCAL_OFFSET_MS: i64 = 3_600_000;

// ---------------------------------------------------------------------------------------------
// Pseudo-random numbers: splitmix64.

struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: &str) -> Rng {
        // FNV-1a of the stream name, mixed with the seed.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in stream.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        let mut r = Rng(seed ^ h.rotate_left(17));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// Whole seconds in `lo..=hi`, as milliseconds.
    fn ms(&mut self, lo: u64, hi: u64) -> i64 {
        self.range(lo, hi) as i64 * 1000
    }

    /// True with probability `per_mille`/1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// A log-uniform-ish value in `lo..=hi` (many small, some large), for byte counts.
    fn heavy(&mut self, lo: u64, hi: u64) -> u64 {
        let bits = 64 - (hi / lo.max(1)).leading_zeros() as u64;
        let b = self.below(bits + 1);
        let top = (lo.max(1) << b).min(hi);
        self.range(lo, top.max(lo))
    }
}

// ---------------------------------------------------------------------------------------------
// Writing numbers and times into a byte buffer without `format!`.

fn num(buf: &mut Vec<u8>, mut n: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&tmp[i..]);
}

fn pad2(buf: &mut Vec<u8>, n: u64) {
    buf.push(b'0' + (n / 10 % 10) as u8);
    buf.push(b'0' + (n % 10) as u8);
}

fn pad3(buf: &mut Vec<u8>, n: u64) {
    buf.push(b'0' + (n / 100 % 10) as u8);
    pad2(buf, n % 100);
}

fn hex(buf: &mut Vec<u8>, mut n: u64, digits: usize) {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut tmp = [0u8; 16];
    for i in (0..digits).rev() {
        tmp[i] = H[(n & 15) as usize];
        n >>= 4;
    }
    buf.extend_from_slice(&tmp[..digits]);
}

fn ip4(buf: &mut Vec<u8>, ip: [u8; 4]) {
    for (i, o) in ip.iter().enumerate() {
        if i > 0 {
            buf.push(b'.');
        }
        num(buf, u64::from(*o));
    }
}

/// Day of March (1-based), hour, minute, second, millisecond of `ms` since T0 (non-negative).
fn parts(ms: i64) -> (u64, u64, u64, u64, u64) {
    let ms = ms.max(0) as u64;
    let secs = ms / 1000;
    (
        1 + secs / 86_400,
        secs / 3600 % 24,
        secs / 60 % 60,
        secs % 60,
        ms % 1000,
    )
}

fn hms(buf: &mut Vec<u8>, h: u64, m: u64, s: u64) {
    pad2(buf, h);
    buf.push(b':');
    pad2(buf, m);
    buf.push(b':');
    pad2(buf, s);
}

/// `Mar  2 10:12:03` in local time (BSD syslog, space-padded day).
fn syslog_local(buf: &mut Vec<u8>, ms: i64) {
    let (d, h, m, s, _) = parts(ms + LOCAL_OFFSET_MS);
    buf.extend_from_slice(b"Mar ");
    if d < 10 {
        buf.push(b' ');
    }
    num(buf, d);
    buf.push(b' ');
    hms(buf, h, m, s);
}

/// `Mar 02 2026 09:12:11` (PAN-OS CEF/LEEF time, GMT).
fn pan_time(buf: &mut Vec<u8>, ms: i64) {
    let (d, h, m, s, _) = parts(ms);
    buf.extend_from_slice(b"Mar ");
    pad2(buf, d);
    buf.extend_from_slice(b" 2026 ");
    hms(buf, h, m, s);
}

/// `2026-03-02T09:12:03` (UTC, no fraction, no zone).
fn iso_secs(buf: &mut Vec<u8>, ms: i64) {
    let (d, h, m, s, _) = parts(ms);
    buf.extend_from_slice(b"2026-03-");
    pad2(buf, d);
    buf.push(b'T');
    hms(buf, h, m, s);
}

/// `2026-03-02T09:12:03.123Z`.
fn iso_ms(buf: &mut Vec<u8>, ms: i64) {
    iso_secs(buf, ms);
    buf.push(b'.');
    pad3(buf, parts(ms).4);
    buf.push(b'Z');
}

// ---------------------------------------------------------------------------------------------
// The sample incident's records, merged into the generated files by time.

const SAMPLE_AUTH: &str = include_str!("../../fixtures/sample-incident/bastion-01-auth.log");
const SAMPLE_CEF: &str = include_str!("../../fixtures/sample-incident/fw-edge-01-cef.log");
const SAMPLE_ECS: &str = include_str!("../../fixtures/sample-incident/elastic-db-01.ndjson");

fn digits(s: &[u8]) -> i64 {
    s.iter()
        .filter(|c| c.is_ascii_digit())
        .fold(0, |a, c| a * 10 + i64::from(c - b'0'))
}

/// Milliseconds since T0 of a `Mar  2 10:12:03` (local) stamp at the start of `line`.
fn parse_syslog_local(line: &str) -> i64 {
    let b = line.as_bytes();
    let day = digits(&b[4..6]);
    let (h, m, s) = (digits(&b[7..9]), digits(&b[10..12]), digits(&b[13..15]));
    ((day - 1) * 86_400 + h * 3600 + m * 60 + s) * 1000 - LOCAL_OFFSET_MS
}

/// Milliseconds since T0 of the `rt=Mar 02 2026 09:12:11 GMT` of a CEF line.
fn parse_cef_rt(line: &str) -> i64 {
    let i = line.find("rt=Mar ").expect("sample CEF line without rt=") + 7;
    let b = &line.as_bytes()[i..];
    let day = digits(&b[0..2]);
    let (h, m, s) = (digits(&b[8..10]), digits(&b[11..13]), digits(&b[14..16]));
    ((day - 1) * 86_400 + h * 3600 + m * 60 + s) * 1000
}

/// Milliseconds since T0 of the `"@timestamp":"2026-03-02T09:12:03.000Z"` of a JSON line.
fn parse_ecs_ts(line: &str) -> i64 {
    let i = line
        .find("\"@timestamp\":\"")
        .expect("sample JSON without @timestamp")
        + 14;
    let b = &line.as_bytes()[i..];
    let day = digits(&b[8..10]);
    let (h, m, s, f) = (
        digits(&b[11..13]),
        digits(&b[14..16]),
        digits(&b[17..19]),
        digits(&b[20..23]),
    );
    ((day - 1) * 86_400 + h * 3600 + m * 60 + s) * 1000 + f
}

/// The complete lines of a sample file with their times, stably sorted by time. A last line
/// without its newline (the firewall export's interrupted record) is left out.
fn sample_lines(text: &'static str, time: fn(&str) -> i64) -> Vec<(i64, &'static [u8])> {
    let complete = match text.rfind('\n') {
        Some(i) => &text[..i],
        None => "",
    };
    let mut v: Vec<(i64, &'static [u8])> = complete
        .split('\n')
        .filter(|l| !l.is_empty())
        .map(|l| (time(l), l.as_bytes()))
        .collect();
    v.sort_by_key(|x| x.0);
    v
}

// ---------------------------------------------------------------------------------------------
// The sink: one output file, background records in time order, the sample lines and deferred
// background lines (ends of sessions) merged in by time.

struct Sink {
    w: BufWriter<File>,
    bytes: u64,
    records: u64,
    /// Bytes of background records produced so far (drives the clock).
    bg_bytes: u64,
    target_bg: u64,
    samples: Vec<(i64, &'static [u8])>,
    next_sample: usize,
    deferred: BinaryHeap<Reverse<(i64, u64, usize)>>,
    pool: Vec<Vec<u8>>,
    free: Vec<usize>,
    seq: u64,
    last_t: i64,
}

impl Sink {
    fn create(
        path: &Path,
        target: u64,
        samples: Vec<(i64, &'static [u8])>,
    ) -> std::io::Result<Sink> {
        let sample_bytes: u64 = samples.iter().map(|s| s.1.len() as u64 + 1).sum();
        Ok(Sink {
            w: BufWriter::with_capacity(4 << 20, File::create(path)?),
            bytes: 0,
            records: 0,
            bg_bytes: 0,
            target_bg: target.saturating_sub(sample_bytes).max(1),
            samples,
            next_sample: 0,
            deferred: BinaryHeap::new(),
            pool: Vec::new(),
            free: Vec::new(),
            seq: 0,
            last_t: 0,
        })
    }

    fn done(&self) -> bool {
        self.bg_bytes >= self.target_bg
    }

    /// The background clock: proportional to the bytes produced, so that the records spread
    /// evenly over the span whatever their sizes.
    fn clock(&self) -> i64 {
        let t = (u128::from(self.bg_bytes) * SPAN_MS as u128 / u128::from(self.target_bg)) as i64;
        t.min(SPAN_MS - 1)
    }

    /// Where the next record may go: the clock, never before the last record written.
    fn now(&self) -> i64 {
        self.clock().max(self.last_t)
    }

    /// The clock plus `jitter_ms`, never before the last record.
    fn at(&self, jitter_ms: u64) -> i64 {
        (self.now() + jitter_ms as i64).max(self.last_t)
    }

    fn raw(&mut self, line: &[u8]) -> std::io::Result<()> {
        self.w.write_all(line)?;
        self.w.write_all(b"\n")?;
        self.bytes += line.len() as u64 + 1;
        self.records += 1;
        Ok(())
    }

    /// Writes every sample and deferred line due at or before `t`, in time order.
    fn drain(&mut self, t: i64) -> std::io::Result<()> {
        loop {
            let s = self.samples.get(self.next_sample).map_or(i64::MAX, |x| x.0);
            let d = self.deferred.peek().map_or(i64::MAX, |r| r.0 .0);
            if s.min(d) > t || s.min(d) == i64::MAX {
                return Ok(());
            }
            self.last_t = self.last_t.max(s.min(d));
            if s <= d {
                let line = self.samples[self.next_sample].1;
                self.next_sample += 1;
                self.raw(line)?;
            } else {
                let Reverse((_, _, slot)) = self.deferred.pop().expect("peeked");
                let line = std::mem::take(&mut self.pool[slot]);
                self.raw(&line)?;
                self.pool[slot] = line;
                self.free.push(slot);
            }
        }
    }

    /// Writes a background record of time `t` (not before the last one). Records that would
    /// fall after the span (the tail of a group started just before its end) are dropped, so
    /// that every file ends with the span.
    /// Records ahead of the clock (the later lines of a group) wait in the deferred queue, so
    /// that a group spanning seconds does not push the clock ahead.
    fn emit(&mut self, t: i64, line: &[u8]) -> std::io::Result<()> {
        let t = t.max(self.last_t);
        if t >= SPAN_MS {
            self.bg_bytes += line.len() as u64 + 1;
            return Ok(());
        }
        if t > self.clock() {
            self.defer(t, line);
            return Ok(());
        }
        self.bg_bytes += line.len() as u64 + 1;
        self.drain(t)?;
        self.last_t = t;
        self.raw(line)
    }

    /// Keeps a background record of a later time `t` to be written when its time comes.
    fn defer(&mut self, t: i64, line: &[u8]) {
        let slot = self.free.pop().unwrap_or_else(|| {
            self.pool.push(Vec::with_capacity(256));
            self.pool.len() - 1
        });
        self.pool[slot].clear();
        self.pool[slot].extend_from_slice(line);
        self.deferred
            .push(Reverse((t.max(self.last_t), self.seq, slot)));
        self.seq += 1;
        self.bg_bytes += line.len() as u64 + 1;
    }

    /// Writes what is left: all sample lines, deferred lines due within the span.
    fn finish(mut self) -> std::io::Result<(u64, u64)> {
        while let Some(Reverse((t, _, _))) = self.deferred.peek() {
            if *t >= SPAN_MS {
                break;
            }
            let t = *t;
            self.drain(t)?;
        }
        self.deferred.clear();
        self.drain(i64::MAX - 1)?;
        self.w.flush()?;
        Ok((self.bytes, self.records))
    }
}

// ---------------------------------------------------------------------------------------------
// Shared vocabulary.

/// Admins and operators using the bastion and the servers (never the incident's accounts).
fn ops_user(buf: &mut Vec<u8>, n: u64) {
    buf.extend_from_slice(b"ops");
    num(buf, n);
}

const SCANNER_USERS: [&str; 24] = [
    "admin",
    "test",
    "oracle",
    "ubuntu",
    "user",
    "pi",
    "guest",
    "postgres",
    "git",
    "ftpuser",
    "support",
    "devops",
    "hadoop",
    "jenkins",
    "minecraft",
    "steam",
    "ansible",
    "nagios",
    "www",
    "mysql",
    "tomcat",
    "vagrant",
    "elastic",
    "administrator",
];

/// An internet scanner address (RFC 5737 ranges; never the attacker nor our own addresses).
fn scanner_ip(rng: &mut Rng) -> [u8; 4] {
    if rng.chance(500) {
        [198, 51, 100, rng.range(1, 99) as u8]
    } else {
        [192, 0, 2, rng.range(100, 254) as u8]
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A stable SHA256 key fingerprint (43 base64 characters) for key number `n`.
fn fingerprint(buf: &mut Vec<u8>, seed: u64, n: u64) {
    let mut r = Rng::new(seed ^ n.wrapping_mul(0x9e37_79b9), "fingerprint");
    for _ in 0..43 {
        buf.push(B64[r.below(64) as usize]);
    }
}

// ---------------------------------------------------------------------------------------------
// Linux auth.log (rsyslog traditional format, local time, no year).

const SUDO_COMMANDS: [&str; 28] = [
    "/usr/bin/systemctl status nginx",
    "/usr/bin/systemctl restart nginx",
    "/usr/bin/systemctl reload haproxy",
    "/usr/bin/journalctl -u nginx --since today",
    "/usr/bin/apt update",
    "/usr/bin/apt list --upgradable",
    "/usr/bin/tail -n 200 /var/log/syslog",
    "/usr/bin/less /var/log/nginx/error.log",
    "/usr/bin/docker ps",
    "/usr/bin/docker logs --tail 100 api",
    "/usr/bin/du -sh /var/lib/docker",
    "/usr/bin/df -h",
    "/usr/sbin/ss -tlnp",
    "/usr/bin/cat /etc/nginx/sites-enabled/default",
    "/usr/bin/vim /etc/hosts",
    "/usr/bin/certbot renew --dry-run",
    "/usr/sbin/logrotate -f /etc/logrotate.d/nginx",
    "/usr/bin/systemctl restart node_exporter",
    "/usr/bin/crontab -l",
    "/usr/bin/find /var/log -name *.gz -mtime +30 -delete",
    "/usr/bin/netstat -plant",
    "/usr/bin/ls -la /etc/ssl/private",
    "/usr/bin/systemctl status postgresql",
    "/usr/bin/htop",
    "/usr/sbin/iptables -L -n",
    "/usr/bin/chown -R www-data:www-data /srv/www",
    "/usr/bin/rsync -a /srv/www/ /backup/www/",
    "/usr/bin/apt install -y jq",
];

const SERVICES: [&str; 10] = [
    "nginx",
    "haproxy",
    "docker",
    "node_exporter",
    "postgresql",
    "redis-server",
    "rsyslog",
    "chrony",
    "containerd",
    "filebeat",
];

struct AuthGen {
    host: &'static str,
    /// A server behind the bastion (admins arrive from it), not the bastion itself.
    server: bool,
    pid: u64,
    session: u64,
    line: Vec<u8>,
}

impl AuthGen {
    fn head(&mut self, t: i64, prog: &str, pid: Option<u64>) {
        self.line.clear();
        syslog_local(&mut self.line, t);
        self.line.push(b' ');
        self.line.extend_from_slice(self.host.as_bytes());
        self.line.push(b' ');
        self.line.extend_from_slice(prog.as_bytes());
        if let Some(p) = pid {
            self.line.push(b'[');
            num(&mut self.line, p);
            self.line.push(b']');
        }
        self.line.extend_from_slice(b": ");
    }

    fn next_pid(&mut self, rng: &mut Rng) -> u64 {
        self.pid += rng.range(1, 30);
        self.pid
    }

    fn push(&mut self, s: &str) {
        self.line.extend_from_slice(s.as_bytes());
    }

    fn run(mut self, sink: &mut Sink, rng: &mut Rng, seed: u64) -> std::io::Result<()> {
        while !sink.done() {
            let t = sink.now();
            let pick = rng.below(100);
            if pick < 14 {
                self.cron(sink, rng, t)?;
            } else if pick < 34 {
                self.login(sink, rng, t, seed)?;
            } else if pick < 62 {
                self.sudo(sink, rng, t)?;
            } else if pick < 84 {
                self.scanner(sink, rng, t)?;
            } else if pick < 92 {
                self.ci(sink, rng, t, seed)?;
            } else {
                self.preauth_noise(sink, rng, t)?;
            }
        }
        Ok(())
    }

    fn cron(&mut self, sink: &mut Sink, rng: &mut Rng, t: i64) -> std::io::Result<()> {
        // Cron runs at second 01 of a minute.
        let t = (t / 60_000 * 60_000 + 1000).max(sink.last_t);
        let pid = self.next_pid(rng);
        let (user, uid) = if self.server && rng.chance(300) {
            rng.pick(&[("www-data", 33u64), ("postgres", 114), ("backup", 34)])
        } else {
            ("root", 0)
        };
        self.head(t, "CRON", Some(pid));
        self.push("pam_unix(cron:session): session opened for user ");
        self.push(user);
        self.line.push(b'(');
        self.push("uid=");
        num(&mut self.line, uid);
        self.push(") by (uid=0)");
        sink.emit(t, &self.line)?;
        let end = t + rng.ms(0, 3);
        self.head(end, "CRON", Some(pid));
        self.push("pam_unix(cron:session): session closed for user ");
        self.push(user);
        sink.emit(end, &self.line)
    }

    fn login(&mut self, sink: &mut Sink, rng: &mut Rng, t: i64, seed: u64) -> std::io::Result<()> {
        let u = rng.range(1, 40);
        let uid = 1100 + u;
        let pid = self.next_pid(rng);
        let port = rng.range(32768, 60999);
        let from: [u8; 4] = if self.server {
            // Admins hop to the servers through the bastion, or come from the admin VLAN.
            if rng.chance(700) {
                [10, 0, 1, 10]
            } else {
                [10, 20, 40, rng.range(10, 99) as u8]
            }
        } else {
            [10, 20, 40, rng.range(10, 99) as u8]
        };
        let password = rng.chance(80);
        self.head(t, "sshd", Some(pid));
        self.push(if password {
            "Accepted password for "
        } else {
            "Accepted publickey for "
        });
        ops_user(&mut self.line, u);
        self.push(" from ");
        ip4(&mut self.line, from);
        self.push(" port ");
        num(&mut self.line, port);
        self.push(" ssh2");
        if !password {
            self.push(": ED25519 SHA256:");
            fingerprint(&mut self.line, seed, u);
        }
        sink.emit(t, &self.line)?;
        self.head(t, "sshd", Some(pid));
        self.push("pam_unix(sshd:session): session opened for user ");
        ops_user(&mut self.line, u);
        self.push("(uid=");
        num(&mut self.line, uid);
        self.push(") by (uid=0)");
        sink.emit(t, &self.line)?;
        self.session += rng.range(1, 3);
        let session = self.session;
        self.head(t, "systemd-logind", Some(712));
        self.push("New session ");
        num(&mut self.line, session);
        self.push(" of user ");
        ops_user(&mut self.line, u);
        self.line.push(b'.');
        sink.emit(t, &self.line)?;
        let upid = pid + rng.range(3, 8);
        self.head(t, "systemd", Some(upid));
        self.push("pam_unix(systemd-user:session): session opened for user ");
        ops_user(&mut self.line, u);
        self.push("(uid=");
        num(&mut self.line, uid);
        self.push(") by (uid=0)");
        sink.emit(t, &self.line)?;

        let end = t + rng.ms(20, 3600);
        self.head(end, "sshd", Some(pid));
        self.push("Received disconnect from ");
        ip4(&mut self.line, from);
        self.push(" port ");
        num(&mut self.line, port);
        self.push(":11: disconnected by user");
        sink.defer(end, &self.line);
        self.head(end, "sshd", Some(pid));
        self.push("Disconnected from user ");
        ops_user(&mut self.line, u);
        self.line.push(b' ');
        ip4(&mut self.line, from);
        self.push(" port ");
        num(&mut self.line, port);
        sink.defer(end, &self.line);
        self.head(end, "sshd", Some(pid));
        self.push("pam_unix(sshd:session): session closed for user ");
        ops_user(&mut self.line, u);
        sink.defer(end, &self.line);
        self.head(end, "systemd-logind", Some(712));
        self.push("Session ");
        num(&mut self.line, session);
        self.push(" logged out. Waiting for processes to exit.");
        sink.defer(end, &self.line);
        self.head(end, "systemd-logind", Some(712));
        self.push("Removed session ");
        num(&mut self.line, session);
        self.line.push(b'.');
        sink.defer(end, &self.line);
        Ok(())
    }

    fn sudo(&mut self, sink: &mut Sink, rng: &mut Rng, t: i64) -> std::io::Result<()> {
        let u = rng.range(1, 40);
        let uid = 1100 + u;
        let pts = rng.range(0, 9);
        self.head(t, "sudo", None);
        self.push("  ");
        ops_user(&mut self.line, u);
        self.push(" : TTY=pts/");
        num(&mut self.line, pts);
        self.push(" ; PWD=/home/");
        ops_user(&mut self.line, u);
        self.push(" ; USER=root ; COMMAND=");
        match rng.below(4) {
            0 => {
                self.push("/usr/bin/systemctl ");
                self.push(rng.pick(&["status", "restart", "reload", "is-active"]));
                self.line.push(b' ');
                self.push(rng.pick(&SERVICES));
            }
            1 => {
                self.push("/usr/bin/kill -HUP ");
                num(&mut self.line, rng.range(900, 1_900_000));
            }
            _ => self.push(rng.pick(&SUDO_COMMANDS)),
        }
        sink.emit(t, &self.line)?;
        self.head(t, "sudo", None);
        self.push("pam_unix(sudo:session): session opened for user root(uid=0) by ");
        ops_user(&mut self.line, u);
        self.push("(uid=");
        num(&mut self.line, uid);
        self.line.push(b')');
        sink.emit(t, &self.line)?;
        let end = t + rng.heavy(0, 900) as i64 * 1000;
        self.head(end, "sudo", None);
        self.push("pam_unix(sudo:session): session closed for user root");
        if end == t {
            sink.emit(t, &self.line)
        } else {
            sink.defer(end, &self.line);
            Ok(())
        }
    }

    fn scanner(&mut self, sink: &mut Sink, rng: &mut Rng, t: i64) -> std::io::Result<()> {
        let ip = scanner_ip(rng);
        let mut t = t;
        for _ in 0..rng.range(1, 4) {
            let pid = self.next_pid(rng);
            let port = rng.range(32768, 65000);
            if rng.chance(250) {
                // Root: a known user, wrong password.
                self.head(t, "sshd", Some(pid));
                self.push("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=");
                ip4(&mut self.line, ip);
                self.push("  user=root");
                sink.emit(t, &self.line)?;
                t += 2000;
                self.head(t, "sshd", Some(pid));
                self.push("Failed password for root from ");
                ip4(&mut self.line, ip);
                self.push(" port ");
                num(&mut self.line, port);
                self.push(" ssh2");
                sink.emit(t, &self.line)?;
                t += 1000;
                self.disconnect(sink, t, pid, (ip, port), ("authenticating user ", "root"))?;
            } else {
                let user = rng.pick(&SCANNER_USERS);
                self.head(t, "sshd", Some(pid));
                self.push("Invalid user ");
                self.push(user);
                self.push(" from ");
                ip4(&mut self.line, ip);
                self.push(" port ");
                num(&mut self.line, port);
                sink.emit(t, &self.line)?;
                t += 2000;
                self.head(t, "sshd", Some(pid));
                self.push("pam_unix(sshd:auth): check pass; user unknown");
                sink.emit(t, &self.line)?;
                self.head(t, "sshd", Some(pid));
                self.push("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=");
                ip4(&mut self.line, ip);
                sink.emit(t, &self.line)?;
                t += 2000;
                self.head(t, "sshd", Some(pid));
                self.push("Failed password for invalid user ");
                self.push(user);
                self.push(" from ");
                ip4(&mut self.line, ip);
                self.push(" port ");
                num(&mut self.line, port);
                self.push(" ssh2");
                sink.emit(t, &self.line)?;
                t += 1000;
                self.disconnect(sink, t, pid, (ip, port), ("invalid user ", user))?;
            }
            t += rng.ms(1, 4);
        }
        Ok(())
    }

    fn disconnect(
        &mut self,
        sink: &mut Sink,
        t: i64,
        pid: u64,
        (ip, port): ([u8; 4], u64),
        (who, user): (&str, &str),
    ) -> std::io::Result<()> {
        self.head(t, "sshd", Some(pid));
        self.push("Received disconnect from ");
        ip4(&mut self.line, ip);
        self.push(" port ");
        num(&mut self.line, port);
        self.push(":11: Bye Bye [preauth]");
        sink.emit(t, &self.line)?;
        self.head(t, "sshd", Some(pid));
        self.push("Disconnected from ");
        self.push(who);
        self.push(user);
        self.line.push(b' ');
        ip4(&mut self.line, ip);
        self.push(" port ");
        num(&mut self.line, port);
        self.push(" [preauth]");
        sink.emit(t, &self.line)
    }

    fn ci(&mut self, sink: &mut Sink, rng: &mut Rng, t: i64, seed: u64) -> std::io::Result<()> {
        let pid = self.next_pid(rng);
        let port = rng.range(32768, 60999);
        let from = [10, 0, 3, 50];
        self.head(t, "sshd", Some(pid));
        self.push("Accepted publickey for ci from ");
        ip4(&mut self.line, from);
        self.push(" port ");
        num(&mut self.line, port);
        self.push(" ssh2: ED25519 SHA256:");
        fingerprint(&mut self.line, seed, 999);
        sink.emit(t, &self.line)?;
        self.head(t, "sshd", Some(pid));
        self.push("pam_unix(sshd:session): session opened for user ci(uid=1050) by (uid=0)");
        sink.emit(t, &self.line)?;
        self.session += 1;
        let session = self.session;
        self.head(t, "systemd-logind", Some(712));
        self.push("New session ");
        num(&mut self.line, session);
        self.push(" of user ci.");
        sink.emit(t, &self.line)?;
        let t2 = t + rng.ms(3, 40);
        self.head(t2, "sshd", Some(pid));
        self.push("Received disconnect from ");
        ip4(&mut self.line, from);
        self.push(" port ");
        num(&mut self.line, port);
        self.push(":11: disconnected by user");
        sink.defer(t2, &self.line);
        self.head(t2, "sshd", Some(pid));
        self.push("Disconnected from user ci ");
        ip4(&mut self.line, from);
        self.push(" port ");
        num(&mut self.line, port);
        sink.defer(t2, &self.line);
        self.head(t2, "sshd", Some(pid));
        self.push("pam_unix(sshd:session): session closed for user ci");
        sink.defer(t2, &self.line);
        self.head(t2, "systemd-logind", Some(712));
        self.push("Removed session ");
        num(&mut self.line, session);
        self.line.push(b'.');
        sink.defer(t2, &self.line);
        Ok(())
    }

    fn preauth_noise(&mut self, sink: &mut Sink, rng: &mut Rng, t: i64) -> std::io::Result<()> {
        let pid = self.next_pid(rng);
        let ip = scanner_ip(rng);
        let port = rng.range(1024, 65000);
        self.head(t, "sshd", Some(pid));
        match rng.below(4) {
            0 => {
                self.push("banner exchange: Connection from ");
                ip4(&mut self.line, ip);
                self.push(" port ");
                num(&mut self.line, port);
                self.push(": invalid format");
            }
            1 => {
                self.push("Connection closed by ");
                ip4(&mut self.line, ip);
                self.push(" port ");
                num(&mut self.line, port);
                self.push(" [preauth]");
            }
            2 => {
                self.push("error: kex_exchange_identification: Connection closed by remote host");
                sink.emit(t, &self.line)?;
                self.head(t, "sshd", Some(pid));
                self.push("Connection closed by ");
                ip4(&mut self.line, ip);
                self.push(" port ");
                num(&mut self.line, port);
            }
            _ => {
                self.push("Unable to negotiate with ");
                ip4(&mut self.line, ip);
                self.push(" port ");
                num(&mut self.line, port);
                self.push(": no matching key exchange method found. Their offer: diffie-hellman-group14-sha1,diffie-hellman-group1-sha1 [preauth]");
            }
        }
        sink.emit(t, &self.line)
    }
}

// ---------------------------------------------------------------------------------------------
// People and addresses of the background (never the incident's).

const INITIALS: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";
const SURNAMES: [&str; 40] = [
    "weber", "kaur", "nguyen", "schmidt", "garcia", "novak", "rossi", "dubois", "jansen",
    "kowalski", "silva", "moreau", "fischer", "larsen", "petrov", "tanaka", "okafor", "haddad",
    "kim", "brown", "meyer", "costa", "horvat", "nielsen", "popescu", "yilmaz", "santos", "berg",
    "wagner", "becker", "lopez", "martin", "khan", "ali", "chen", "wong", "singh", "murphy",
    "walsh", "keller",
];
/// Office users of the background (fewer than 520 keeps the names unique).
const N_USERS: u64 = 360;

fn user_name(buf: &mut Vec<u8>, u: u64) {
    buf.push(INITIALS[(u % 26) as usize]);
    buf.extend_from_slice(SURNAMES[(u * 7 % 40) as usize].as_bytes());
}

/// A user's workstation address: 10.20.31.0/24 .. 10.20.32.0/24 (the incident's people sit
/// in 10.20.30.0/24), or 10.30.x for the second site.
fn user_ip(u: u64, site2: bool) -> [u8; 4] {
    [
        10,
        if site2 { 30 } else { 20 },
        31 + (u / 200) as u8,
        10 + (u % 200) as u8,
    ]
}

/// A public address of an internet service (never the attacker's).
fn internet_ip(rng: &mut Rng) -> [u8; 4] {
    if rng.chance(500) {
        [198, 51, 100, rng.range(100, 169) as u8]
    } else {
        let mut o = rng.range(1, 253) as u8;
        if o == 77 {
            o = 78;
        }
        [203, 0, 113, o]
    }
}

// ---------------------------------------------------------------------------------------------
// Firewall traffic (PAN-OS), written as CEF or LEEF.

/// One firewall log: a TRAFFIC session end, a deny, or a THREAT.
#[derive(Default)]
struct Conn {
    rule: &'static str,
    uuid: &'static str,
    app: &'static str,
    proto: &'static str,
    src: [u8; 4],
    dst: [u8; 4],
    nat_src: [u8; 4],
    nat_dst: [u8; 4],
    spt: u64,
    dpt: u64,
    nspt: u64,
    ndpt: u64,
    user: Option<u64>,
    zs: &'static str,
    zd: &'static str,
    ifs: &'static str,
    ifd: &'static str,
    act: &'static str,
    reason: &'static str,
    flags: &'static str,
    category: &'static str,
    bytes_in: u64,
    bytes_out: u64,
    pk_in: u64,
    pk_out: u64,
    elapsed: u64,
    session: u64,
    /// For THREAT logs: name(id), CEF severity, threat category, direction.
    threat: Option<(&'static str, u64, &'static str)>,
}

const URL_CATS: [&str; 10] = [
    "computer-and-internet-info",
    "business-and-economy",
    "search-engines",
    "news",
    "social-networking",
    "streaming-media",
    "online-storage-and-backup",
    "web-based-email",
    "content-delivery-networks",
    "low-risk",
];
const WEB_APPS: [&str; 9] = [
    "ssl",
    "web-browsing",
    "google-base",
    "ms-office365-base",
    "slack-base",
    "zoom-base",
    "github-base",
    "dropbox-base",
    "windows-update",
];
const PROBE_PORTS: [u64; 14] = [
    23, 3389, 445, 8080, 5900, 1433, 3306, 6379, 9200, 25, 21, 8443, 2375, 5060,
];
/// (name(id), CEF severity, category): web attacks on the published web servers; severity
/// 1 (informational) are not findings.
const THREATS: [(&str, u64, &str); 7] = [
    ("HTTP SQL Injection Attempt(30514)", 5, "sql-injection"),
    (
        "HTTP Directory Traversal Vulnerability(30844)",
        5,
        "info-leak",
    ),
    (
        "Generic HTTP Cross Site Scripting Attempt(32658)",
        3,
        "code-execution",
    ),
    ("HTTP /etc/passwd Access Attempt(35107)", 3, "info-leak"),
    ("Suspicious User-Agent Strings(35554)", 3, "info-leak"),
    ("HTTP OPTIONS Method(30520)", 1, "info-leak"),
    (
        "Non-RFC Compliant HTTP Traffic on Port 443(56112)",
        1,
        "protocol-anomaly",
    ),
];

struct FwGen {
    host: &'static str,
    site2: bool,
    leef: bool,
    session: u64,
    external: u64,
    threat_sources: Vec<[u8; 4]>,
    line: Vec<u8>,
}

impl FwGen {
    fn new(host: &'static str, site2: bool, leef: bool, rng: &mut Rng) -> FwGen {
        FwGen {
            host,
            site2,
            leef,
            session: 600_000 + rng.range(0, 10_000),
            external: 7_339_217_440_100_000_000 + rng.range(0, 1_000_000),
            threat_sources: (0..12).map(|_| scanner_ip(rng)).collect(),
            line: Vec::with_capacity(4096),
        }
    }

    /// Site-local address: the second site uses 10.10/16 for 10.0/16 and 10.30/16 for users.
    fn local(&self, ip: [u8; 4]) -> [u8; 4] {
        if self.site2 && ip[0] == 10 && ip[1] == 0 {
            [10, 10, ip[2], ip[3]]
        } else {
            ip
        }
    }

    fn conn(&mut self, rng: &mut Rng) -> Conn {
        self.session += rng.range(1, 9);
        let mut c = Conn {
            session: self.session,
            proto: "tcp",
            act: "allow",
            reason: "tcp-fin",
            flags: "0x19",
            category: "any",
            ..Conn::default()
        };
        let pick = rng.below(1000);
        let user = rng.below(N_USERS);
        let servers: [[u8; 4]; 8] = [
            [10, 0, 3, 11],
            [10, 0, 3, 12],
            [10, 0, 3, 13],
            [10, 0, 3, 14],
            [10, 0, 3, 21],
            [10, 0, 3, 22],
            [10, 0, 3, 30],
            [10, 0, 3, 50],
        ];
        let own_public = if self.site2 {
            [192, 0, 2, 3]
        } else {
            [192, 0, 2, 2]
        };
        match pick {
            0..=279 => {
                // Users browsing.
                c.rule = "users-to-internet";
                c.uuid = "c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e75";
                c.app = rng.pick(&WEB_APPS);
                c.category = rng.pick(&URL_CATS);
                c.src = user_ip(user, self.site2);
                c.user = Some(user);
                c.dst = internet_ip(rng);
                c.nat_src = own_public;
                c.spt = rng.range(49152, 65535);
                c.dpt = if rng.chance(900) { 443 } else { 80 };
                c.nspt = rng.range(1024, 65535);
                (c.zs, c.zd, c.ifs, c.ifd) = ("users", "untrust", "ethernet1/4", "ethernet1/1");
                c.flags = "0x400053";
                c.bytes_in = rng.heavy(400, 4_000_000);
                c.bytes_out = rng.heavy(300, 200_000);
                c.elapsed = rng.heavy(1, 1800);
            }
            280..=459 => {
                c.rule = "users-to-dns";
                c.uuid = "d4e5f6a7-b8c9-4d0e-9f2a-3b4c5d6e7f86";
                c.app = "dns-base";
                c.proto = "udp";
                c.src = user_ip(user, self.site2);
                c.user = Some(user);
                c.dst = self.local([10, 0, 3, 53]);
                c.spt = rng.range(49152, 65535);
                c.dpt = 53;
                (c.zs, c.zd, c.ifs, c.ifd) = ("users", "servers", "ethernet1/4", "ethernet1/3.30");
                c.reason = "aged-out";
                c.bytes_in = rng.range(60, 120);
                c.bytes_out = rng.range(80, 520);
                c.elapsed = 30;
            }
            460..=559 => {
                c.rule = "users-to-fileserver";
                c.uuid = "e5f6a7b8-c9d0-4e1f-8a3b-4c5d6e7f8a97";
                c.app = "ms-ds-smb";
                c.src = user_ip(user, self.site2);
                c.user = Some(user);
                c.dst = self.local([10, 0, 3, 15]);
                c.spt = rng.range(49152, 65535);
                c.dpt = 445;
                (c.zs, c.zd, c.ifs, c.ifd) = ("users", "servers", "ethernet1/4", "ethernet1/3.30");
                c.bytes_in = rng.heavy(2_000, 50_000_000);
                c.bytes_out = rng.heavy(1_000, 5_000_000);
                c.elapsed = rng.heavy(2, 7200);
            }
            560..=679 => {
                // Application servers to the databases (db-01 included: that is its job).
                c.rule = "app-to-db-postgres";
                c.uuid = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d64";
                c.app = "postgres";
                c.src = self.local(servers[rng.below(6) as usize]);
                c.dst = self.local([10, 0, 2, if rng.chance(600) { 20 } else { 21 }]);
                c.spt = rng.range(32768, 60999);
                c.dpt = 5432;
                (c.zs, c.zd, c.ifs, c.ifd) = ("servers", "db", "ethernet1/3.30", "ethernet1/3.20");
                c.bytes_in = rng.heavy(2_000, 5_000_000);
                c.bytes_out = rng.heavy(2_000, 5_000_000);
                c.elapsed = rng.heavy(1, 1800);
            }
            680..=749 => {
                c.rule = "srv-outbound-ntp";
                c.uuid = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2cb9";
                c.app = "ntp-base";
                c.proto = "udp";
                c.src = self.local(if rng.chance(500) {
                    [10, 0, 3, 53]
                } else {
                    servers[rng.below(8) as usize]
                });
                c.dst = [198, 51, 100, rng.range(170, 173) as u8];
                c.nat_src = own_public;
                c.spt = 123;
                c.dpt = 123;
                c.nspt = rng.range(1024, 65535);
                (c.zs, c.zd, c.ifs, c.ifd) =
                    ("servers", "untrust", "ethernet1/3.30", "ethernet1/1");
                c.flags = "0x400053";
                c.reason = "aged-out";
                c.bytes_in = 90;
                c.bytes_out = 90;
                c.elapsed = 30;
            }
            750..=819 => {
                c.rule = "srv-outbound-https";
                c.uuid = "f6a7b8c9-d0e1-4f2a-9b4c-5d6e7f8a9ba8";
                c.app = rng.pick(&["ssl", "apt-get", "web-browsing", "github-base"]);
                c.src = self.local(servers[rng.below(8) as usize]);
                c.dst = internet_ip(rng);
                c.nat_src = own_public;
                c.spt = rng.range(32768, 60999);
                c.dpt = 443;
                c.nspt = rng.range(1024, 65535);
                (c.zs, c.zd, c.ifs, c.ifd) =
                    ("servers", "untrust", "ethernet1/3.30", "ethernet1/1");
                c.flags = "0x400053";
                c.category = "computer-and-internet-info";
                c.bytes_in = rng.heavy(3_000, 80_000_000);
                c.bytes_out = rng.heavy(800, 100_000);
                c.elapsed = rng.heavy(1, 600);
            }
            820..=899 => {
                // Published web servers.
                let web = rng.range(20, 21) as u8;
                c.rule = "inet-to-web-https";
                c.uuid = "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7";
                c.app = rng.pick(&["ssl", "web-browsing"]);
                c.src = if rng.chance(100) {
                    scanner_ip(rng)
                } else {
                    internet_ip(rng)
                };
                c.dst = if self.site2 {
                    [192, 0, 2, web + 20]
                } else {
                    [192, 0, 2, web]
                };
                c.nat_dst = self.local([10, 0, 1, web]);
                c.spt = rng.range(1024, 65535);
                c.dpt = 443;
                c.ndpt = 443;
                (c.zs, c.zd, c.ifs, c.ifd) = ("untrust", "dmz", "ethernet1/1", "ethernet1/2");
                c.flags = "0x400019";
                c.bytes_in = rng.heavy(500, 300_000);
                c.bytes_out = rng.heavy(2_000, 8_000_000);
                c.elapsed = rng.heavy(1, 300);
            }
            900..=929 if !self.site2 => {
                // Admins and CI to the bastion, the bastion onward (not the incident's people).
                let who = rng.below(3);
                c.app = "ssh";
                c.dpt = 22;
                c.spt = rng.range(32768, 60999);
                c.ifd = "ethernet1/2";
                c.bytes_in = rng.heavy(3_000, 20_000_000);
                c.bytes_out = rng.heavy(3_000, 2_000_000);
                c.elapsed = rng.heavy(3, 3600);
                match who {
                    0 => {
                        c.rule = "admins-to-bastion-ssh";
                        c.uuid = "a41c9e07-2d3b-4f58-8e6a-7b9c0d1e2f31";
                        c.src = [10, 20, 40, rng.range(10, 99) as u8];
                        c.dst = [10, 0, 1, 10];
                        (c.zs, c.zd, c.ifs) = ("admins", "dmz", "ethernet1/5");
                    }
                    1 => {
                        c.rule = "ci-to-bastion-ssh";
                        c.uuid = "0e7d2b4c-6a1f-4c39-b8d5-9e0f1a2b3c42";
                        c.src = [10, 0, 3, 50];
                        c.dst = [10, 0, 1, 10];
                        (c.zs, c.zd, c.ifs) = ("servers", "dmz", "ethernet1/3.30");
                        c.elapsed = rng.range(3, 40);
                    }
                    _ => {
                        c.rule = "bastion-to-srv-ssh";
                        c.uuid = "7f3e1d2c-4b5a-4968-a7b6-c5d4e3f2a153";
                        c.src = [10, 0, 1, 10];
                        c.dst = servers[rng.below(6) as usize];
                        (c.zs, c.zd, c.ifs, c.ifd) =
                            ("dmz", "servers", "ethernet1/2", "ethernet1/3.30");
                    }
                }
            }
            930..=949 if !self.site2 => {
                // Internet SSH to the bastion (scanners; allowed by the rule, failing at sshd).
                c.rule = "inet-to-bastion-ssh";
                c.uuid = "5c0f3a2e-8b7d-4e61-9a3c-1f2e4d5b6a70";
                c.app = "ssh";
                c.src = scanner_ip(rng);
                c.dst = [192, 0, 2, 10];
                c.nat_dst = [10, 0, 1, 10];
                c.spt = rng.range(32768, 65000);
                c.dpt = 22;
                c.ndpt = 22;
                (c.zs, c.zd, c.ifs, c.ifd) = ("untrust", "dmz", "ethernet1/1", "ethernet1/2");
                c.flags = "0x400019";
                c.bytes_in = rng.range(2_500, 6_000);
                c.bytes_out = rng.range(2_000, 5_000);
                c.elapsed = rng.range(2, 12);
            }
            _ => {
                // Probes denied by the default rule.
                c.rule = "interzone-default";
                c.uuid = "";
                c.app = "not-applicable";
                c.src = scanner_ip(rng);
                c.dst = if self.site2 {
                    [192, 0, 2, rng.range(40, 41) as u8]
                } else {
                    [192, 0, 2, rng.pick(&[2u8, 10, 20, 21])]
                };
                c.spt = rng.range(1024, 65535);
                c.dpt = rng.pick(&PROBE_PORTS);
                if c.dst == [192, 0, 2, 10] && c.dpt == 22 {
                    c.dpt = 2222;
                }
                (c.zs, c.zd, c.ifs, c.ifd) = ("untrust", "untrust", "ethernet1/1", "");
                c.act = if rng.chance(500) { "deny" } else { "drop" };
                c.reason = "policy-deny";
                c.flags = "0x0";
                c.session = 0;
                c.bytes_in = rng.range(60, 74);
                c.bytes_out = 0;
                c.elapsed = 0;
            }
        }
        if c.rule == "interzone-default" {
            c.pk_in = 1;
            c.pk_out = 0;
        } else {
            c.pk_in = (c.bytes_in / rng.range(300, 1400)).max(1);
            c.pk_out = (c.bytes_out / rng.range(200, 1400)).max(1);
        }
        // Some web traffic is a THREAT log (a web attack on a published server).
        if c.rule == "inet-to-web-https" && rng.chance(40) {
            let src = self.threat_sources[rng.below(self.threat_sources.len() as u64) as usize];
            c.src = src;
            c.threat = Some(THREATS[rng.below(THREATS.len() as u64) as usize]);
            c.act = rng.pick(&["alert", "reset-both", "drop"]);
        }
        c
    }

    fn run(mut self, sink: &mut Sink, rng: &mut Rng) -> std::io::Result<()> {
        while !sink.done() {
            let t = sink.now();
            // A config change now and then (other administrators).
            if !self.leef && rng.chance(2) {
                self.config(t, rng);
                sink.emit(t, &self.line)?;
                continue;
            }
            let c = self.conn(rng);
            self.external += rng.range(1, 40);
            if self.leef {
                self.leef_line(t, &c, rng);
            } else if c.threat.is_some() {
                self.cef_threat(t, &c, rng);
            } else {
                self.cef_traffic(t, &c, rng);
            }
            sink.emit(t, &self.line)?;
        }
        Ok(())
    }

    fn syslog_head(&mut self, pri: u64, t: i64) {
        self.line.clear();
        self.line.push(b'<');
        num(&mut self.line, pri);
        self.line.push(b'>');
        syslog_local(&mut self.line, t);
        self.line.push(b' ');
        self.line.extend_from_slice(self.host.as_bytes());
        self.line.push(b' ');
    }

    fn push(&mut self, s: &str) {
        self.line.extend_from_slice(s.as_bytes());
    }

    fn kv_ip(&mut self, key: &str, ip: [u8; 4]) {
        self.push(key);
        ip4(&mut self.line, ip);
    }

    fn kv_num(&mut self, key: &str, n: u64) {
        self.push(key);
        num(&mut self.line, n);
    }

    fn user(&mut self, c: &Conn, prefix: &str) {
        if let Some(u) = c.user {
            self.push(prefix);
            user_name(&mut self.line, u);
        }
    }

    fn cef_traffic(&mut self, t: i64, c: &Conn, rng: &mut Rng) {
        self.syslog_head(14, header_time(t, rng));
        self.push("CEF:0|Palo Alto Networks|PAN-OS|10.2.4|");
        self.push(if c.act == "allow" { "end" } else { c.act });
        self.push("|TRAFFIC|1|rt=");
        pan_time(&mut self.line, t);
        self.push(" GMT deviceExternalId=024101003318");
        self.kv_ip(" src=", c.src);
        self.kv_ip(" dst=", c.dst);
        self.kv_ip(" sourceTranslatedAddress=", c.nat_src);
        self.kv_ip(" destinationTranslatedAddress=", c.nat_dst);
        self.push(" cs1Label=Rule cs1=");
        self.push(c.rule);
        self.push(" suser=");
        self.user(c, "corp\\");
        self.push(" duser= app=");
        self.push(c.app);
        self.push(" cs3Label=Virtual System cs3=vsys1 cs4Label=Source Zone cs4=");
        self.push(c.zs);
        self.push(" cs5Label=Destination Zone cs5=");
        self.push(c.zd);
        self.push(" deviceInboundInterface=");
        self.push(c.ifs);
        self.push(" deviceOutboundInterface=");
        self.push(c.ifd);
        self.push(" cs6Label=LogProfile cs6=fwd-siem");
        self.kv_num(" cn1Label=SessionID cn1=", c.session);
        self.kv_num(" cnt=1 spt=", c.spt);
        self.kv_num(" dpt=", c.dpt);
        self.kv_num(" sourceTranslatedPort=", c.nspt);
        self.kv_num(" destinationTranslatedPort=", c.ndpt);
        self.push(" flexString1Label=Flags flexString1=");
        self.push(c.flags);
        self.push(" proto=");
        self.push(c.proto);
        self.push(" act=");
        self.push(c.act);
        self.kv_num(
            " flexNumber1Label=Total bytes flexNumber1=",
            c.bytes_in + c.bytes_out,
        );
        self.kv_num(" in=", c.bytes_in);
        self.kv_num(" out=", c.bytes_out);
        self.kv_num(" cn2Label=Packets cn2=", c.pk_in + c.pk_out);
        self.kv_num(" PanOSPacketsReceived=", c.pk_in);
        self.kv_num(" PanOSPacketsSent=", c.pk_out);
        self.push(" start=");
        pan_time(&mut self.line, t - rng.ms(0, 1));
        self.push(" GMT");
        self.kv_num(" cn3Label=Elapsed time in seconds cn3=", c.elapsed);
        self.push(" cs2Label=URL Category cs2=");
        self.push(c.category);
        self.kv_num(" externalId=", self.external);
        self.push(" reason=");
        self.push(c.reason);
        self.push(" PanOSDGl1=0 PanOSDGl2=0 PanOSDGl3=0 PanOSDGl4=0 PanOSVsysName= dvchost=");
        self.line.extend_from_slice(self.host.as_bytes());
        self.push(" cat=from-policy PanOSActionFlags=0x8000000000000000 PanOSSrcUUID= PanOSDstUUID= PanOSTunnelID=0 PanOSMonitorTag= PanOSParentSessionID=0 PanOSParentStartTime= PanOSTunnelType=N/A PanOSSCTPAssocID=0 PanOSSCTPChunks=0 PanOSSCTPChunkSent=0 PanOSSCTPChunksRcv=0 PanOSRuleUUID=");
        self.push(c.uuid);
        self.push(" PanOSHTTP2Con=0 PanLinkChange=0 PanPolicyID= PanLinkDetail= PanSDWANCluster= PanSDWANDevice= PanSDWANClustype= PanSDWANSite= PanDynamicUsrgrp=");
    }

    fn cef_threat(&mut self, t: i64, c: &Conn, rng: &mut Rng) {
        let (name, sev, category) = c.threat.expect("a threat");
        let pri = match sev {
            5.. => 12,
            2..=4 => 13,
            _ => 14,
        };
        self.syslog_head(pri, header_time(t, rng));
        self.push("CEF:0|Palo Alto Networks|PAN-OS|10.2.4|");
        self.push(name);
        self.push("|THREAT|");
        num(&mut self.line, sev);
        self.push("|rt=");
        pan_time(&mut self.line, t);
        self.push(" GMT deviceExternalId=024101003318");
        self.kv_ip(" src=", c.src);
        self.kv_ip(" dst=", c.dst);
        self.kv_ip(" sourceTranslatedAddress=", c.nat_src);
        self.kv_ip(" destinationTranslatedAddress=", c.nat_dst);
        self.push(" cs1Label=Rule cs1=");
        self.push(c.rule);
        self.push(" suser= duser= app=");
        self.push(c.app);
        self.push(" cs3Label=Virtual System cs3=vsys1 cs4Label=Source Zone cs4=");
        self.push(c.zs);
        self.push(" cs5Label=Destination Zone cs5=");
        self.push(c.zd);
        self.push(" deviceInboundInterface=");
        self.push(c.ifs);
        self.push(" deviceOutboundInterface=");
        self.push(c.ifd);
        self.push(" cs6Label=LogProfile cs6=fwd-siem");
        self.kv_num(" cn1Label=SessionID cn1=", c.session);
        self.kv_num(" cnt=1 spt=", c.spt);
        self.kv_num(" dpt=", c.dpt);
        self.kv_num(" sourceTranslatedPort=", c.nspt);
        self.kv_num(" destinationTranslatedPort=", c.ndpt);
        self.push(" flexString1Label=Flags flexString1=0x400000 proto=tcp act=");
        self.push(c.act);
        self.push(" request=\"");
        self.push(rng.pick(&[
            "",
            "index.php",
            "wp-login.php",
            "cgi-bin/luci",
            "api/v1/users",
            "search",
        ]));
        self.push("\" cs2Label=URL Category cs2=any flexString2Label=Direction flexString2=client-to-server PanOSActionFlags=0x8000000000000000");
        self.kv_num(" externalId=", self.external);
        self.push(" cat=vulnerability fileId=0 PanOSDGl1=0 PanOSDGl2=0 PanOSDGl3=0 PanOSDGl4=0 PanOSVsysName= dvchost=");
        self.line.extend_from_slice(self.host.as_bytes());
        self.push(" PanOSSrcUUID= PanOSDstUUID= PanOSTunnelID=0 PanOSMonitorTag= PanOSParentSessionID=0 PanOSParentStartTime= PanOSTunnelType=N/A PanOSThreatCategory=");
        self.push(category);
        self.push(" PanOSContentVer=AppThreat-8795-8482 PanOSAssocID=0 PanOSPPID=4294967295 PanOSHTTPHeader= PanOSURLCatList= PanOSRuleUUID=");
        self.push(c.uuid);
        self.push(" PanOSHTTP2Con=0 PanDynamicUsrgrp= PanXFFIP= PanSrcDeviceCat= PanSrcDeviceProf= PanSrcDeviceModel= PanSrcDeviceVendor= PanSrcDeviceOS= PanSrcDeviceOSv= PanSrcHostname= PanSrcMac= PanDstDeviceCat= PanDstDeviceProf= PanDstDeviceModel= PanDstDeviceVendor= PanDstDeviceOS= PanDstDeviceOSv= PanDstHostname= PanDstMac= PanContainerName= PanPODNamespace= PanPODName= PanSrcEDL= PanDstEDL= PanGPHostID= PanEPSerial= PanDomainEDL= PanSrcDAG= PanDstDAG= PanPartialHash=0 PanTimeHighRes=");
        // Local time with offset and milliseconds, slightly before rt.
        let hr = t + LOCAL_OFFSET_MS - rng.range(50, 1500) as i64;
        iso_secs(&mut self.line, hr);
        self.line.push(b'.');
        pad3(&mut self.line, parts(hr).4);
        self.push("+01:00 PanReasonFilteringAction= PanJustification= PanASServiceType=");
    }

    fn config(&mut self, t: i64, rng: &mut Rng) {
        let admin = rng.range(1, 4);
        self.syslog_head(14, t);
        self.push("CEF:0|Palo Alto Networks|PAN-OS|10.2.4|");
        let commit = rng.chance(300);
        self.push(if commit { "Submitted" } else { "Succeeded" });
        self.push("|CONFIG|1|rt=");
        pan_time(&mut self.line, t);
        self.push(" GMT deviceExternalId=024101003318");
        self.kv_ip(" shost=", [10, 20, 40, 10 + admin as u8]);
        self.push(" cs3Label=Virtual System cs3=vsys1 act=");
        self.push(if commit {
            "commit"
        } else {
            rng.pick(&["edit", "set", "add", "move"])
        });
        self.push(" duser=netadmin");
        num(&mut self.line, admin);
        self.push(" destinationServiceName=Web msg=");
        if !commit {
            self.push(rng.pick(&[
                "vsys  vsys1  address  ",
                "vsys  vsys1  rulebase  security  rules  ",
                "vsys  vsys1  address-group  ",
                "shared  log-settings  syslog  ",
            ]));
            self.push(rng.pick(&["web-", "app-", "partner-", "vpn-", "monitoring-"]));
            num(&mut self.line, rng.range(1, 400));
        }
        self.kv_num(" externalId=", 5000 + self.external % 100_000);
        self.push(" PanOSDGl1=0 PanOSDGl2=0 PanOSDGl3=0 PanOSDGl4=0 PanOSVsysName= dvchost=");
        self.line.extend_from_slice(self.host.as_bytes());
        self.push(" PanOSActionFlags=0x0");
    }

    fn leef_line(&mut self, t: i64, c: &Conn, rng: &mut Rng) {
        self.syslog_head(14, header_time(t, rng));
        self.push("LEEF:1.0|Palo Alto Networks|PAN-OS Syslog Integration|10.2.4|");
        self.push(c.act);
        self.push("|cat=");
        self.push(if c.threat.is_some() {
            "THREAT"
        } else {
            "TRAFFIC"
        });
        self.push("\tdevTime=");
        pan_time(&mut self.line, t);
        self.push(" GMT");
        self.kv_ip("\tsrc=", c.src);
        self.kv_ip("\tdst=", c.dst);
        self.kv_num("\tsrcPort=", c.spt);
        self.kv_num("\tdstPort=", c.dpt);
        self.push("\tusrName=");
        self.user(c, "corp\\");
        self.push("\tproto=");
        self.push(c.proto);
        self.kv_ip("\tsrcPostNAT=", c.nat_src);
        self.kv_ip("\tdstPostNAT=", c.nat_dst);
        self.kv_num("\tsrcPostNATPort=", c.nspt);
        self.kv_num("\tdstPostNATPort=", c.ndpt);
        self.push("\tRuleName=");
        self.push(c.rule);
        self.push("\tApplication=");
        self.push(c.app);
        self.push("\tVirtualSystem=vsys1\tSourceZone=");
        self.push(c.zs);
        self.push("\tDestinationZone=");
        self.push(c.zd);
        self.push("\tIngressInterface=");
        self.push(c.ifs);
        self.push("\tEgressInterface=");
        self.push(c.ifd);
        self.push("\tLogForwardingProfile=fwd-siem");
        self.kv_num("\tSessionID=", c.session);
        self.push("\tRepeatCount=1\tFlags=");
        self.push(c.flags);
        self.push("\taction=");
        self.push(c.act);
        if let Some((name, sev, category)) = c.threat {
            self.push("\tThreatName=");
            self.push(name);
            self.push("\tThreatCategory=");
            self.push(category);
            self.kv_num("\tsev=", sev);
        } else {
            self.kv_num("\ttotalBytes=", c.bytes_in + c.bytes_out);
            self.kv_num("\tdstBytes=", c.bytes_in);
            self.kv_num("\tsrcBytes=", c.bytes_out);
            self.kv_num("\ttotalPackets=", c.pk_in + c.pk_out);
            self.kv_num("\tdstPackets=", c.pk_in);
            self.kv_num("\tsrcPackets=", c.pk_out);
            self.push("\tStartTime=");
            pan_time(&mut self.line, t - c.elapsed as i64 * 1000);
            self.push(" GMT");
            self.kv_num("\tElapsedTime=", c.elapsed);
            self.push("\tSessionEndReason=");
            self.push(c.reason);
        }
        self.push("\tURLCategory=");
        self.push(c.category);
        self.push("\tSerialNumber=024101007741\tType=");
        self.push(if c.threat.is_some() {
            "THREAT"
        } else {
            "TRAFFIC"
        });
        self.push("\tSubtype=");
        self.push(if c.threat.is_some() {
            "vulnerability"
        } else {
            c.act_subtype()
        });
        self.kv_num("\tsequence=", self.external);
        self.push("\tActionFlags=0x8000000000000000\tDeviceName=");
        self.line.extend_from_slice(self.host.as_bytes());
    }
}

/// The syslog header's time: the message leaves 0-1 s after `rt`, within the span.
fn header_time(t: i64, rng: &mut Rng) -> i64 {
    (t + rng.ms(0, 1)).min(SPAN_MS - 1)
}

impl Conn {
    fn act_subtype(&self) -> &'static str {
        if self.act == "allow" {
            "end"
        } else {
            self.act
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Elastic (ECS) NDJSON: Elastic Agent system.auth and Elastic Defend process/network events.

struct EcsHost {
    name: &'static str,
    ip: [u8; 4],
    id: Vec<u8>,
    filebeat: Vec<u8>,
    endpoint: Vec<u8>,
    mac: [u8; 3],
}

fn uuid(buf: &mut Vec<u8>, rng: &mut Rng) {
    let a = rng.next();
    let b = rng.next();
    hex(buf, a >> 32, 8);
    buf.push(b'-');
    hex(buf, (a >> 16) & 0xffff, 4);
    buf.push(b'-');
    hex(buf, 0x4000 | (a & 0x0fff), 4);
    buf.push(b'-');
    hex(buf, 0x8000 | (b >> 50), 4);
    buf.push(b'-');
    hex(buf, b & 0xffff_ffff_ffff, 12);
}

fn b64(buf: &mut Vec<u8>, rng: &mut Rng, n: usize) {
    let mut x = rng.next();
    for i in 0..n {
        if i % 10 == 9 {
            x = rng.next();
        }
        buf.push(B64[(x & 63) as usize]);
        x >>= 6;
    }
}

/// (executable, arguments, user, uid): what runs on the servers in the background.
const SERVER_EXECS: [(&str, &str, &str, u64); 22] = [
    (
        "/usr/bin/curl",
        "-s -o /dev/null -w %{http_code} http://127.0.0.1:8080/healthz",
        "app",
        1001,
    ),
    (
        "/usr/bin/python3",
        "/srv/app/manage.py clearsessions",
        "app",
        1001,
    ),
    (
        "/usr/bin/python3",
        "/srv/app/manage.py send_queued_mail --limit 200",
        "app",
        1001,
    ),
    (
        "/usr/bin/node",
        "/srv/api/dist/worker.js --queue thumbnails",
        "app",
        1001,
    ),
    (
        "/usr/bin/java",
        "-Xmx2g -jar /opt/billing/billing.jar --batch invoices",
        "app",
        1001,
    ),
    ("/usr/sbin/logrotate", "/etc/logrotate.conf", "root", 0),
    ("/usr/bin/gzip", "-9 /var/log/nginx/access.log.1", "root", 0),
    ("/usr/sbin/nginx", "-s reload", "root", 0),
    ("/usr/bin/find", "/tmp -type f -mtime +7 -delete", "root", 0),
    ("/usr/bin/du", "-sh /var/lib/docker/overlay2", "root", 0),
    ("/usr/bin/docker", "ps --format {{.Names}}", "root", 0),
    (
        "/usr/bin/rsync",
        "-a --delete /srv/app/static/ /var/www/static/",
        "app",
        1001,
    ),
    ("/usr/sbin/chronyc", "tracking", "_chrony", 114),
    ("/usr/bin/apt-get", "-qq update", "root", 0),
    (
        "/usr/lib/update-notifier/apt-check",
        "--human-readable",
        "root",
        0,
    ),
    (
        "/usr/bin/git",
        "-C /srv/app fetch --quiet origin",
        "app",
        1001,
    ),
    ("/usr/bin/sleep", "30", "app", 1001),
    ("/usr/bin/ls", "-la /srv/app/releases", "app", 1001),
    ("/usr/bin/redis-cli", "-h 10.0.3.21 ping", "app", 1001),
    (
        "/usr/bin/tar",
        "czf /var/backups/app-config.tgz /etc/app",
        "root",
        0,
    ),
    (
        "/usr/bin/systemctl",
        "is-active --quiet app-worker",
        "root",
        0,
    ),
    (
        "/usr/lib/postgresql/14/bin/vacuumdb",
        "--analyze-in-stages --all",
        "postgres",
        114,
    ),
];

struct EcsGen {
    hosts: Vec<EcsHost>,
    db: bool,
    seed: u64,
    seq: u64,
    pid: u64,
    offset: u64,
    line: Vec<u8>,
}

impl EcsGen {
    fn new(names: &[(&'static str, [u8; 4])], db: bool, seed: u64, rng: &mut Rng) -> EcsGen {
        let hosts = names
            .iter()
            .map(|&(name, ip)| {
                let mut h = EcsHost {
                    name,
                    ip,
                    id: Vec::new(),
                    filebeat: Vec::new(),
                    endpoint: Vec::new(),
                    mac: [
                        rng.below(256) as u8,
                        rng.below(256) as u8,
                        rng.below(256) as u8,
                    ],
                };
                if name == "db-01" {
                    // The incident's db-01, with the identifiers of its sample export.
                    h.id.extend_from_slice(b"5b3f8e2a91c04d7e8f6a1b2c3d4e5f60");
                    h.filebeat
                        .extend_from_slice(b"8c2f4e1a-3b5d-4f6e-9a7b-0c1d2e3f4a5b");
                    h.endpoint
                        .extend_from_slice(b"e3b1c9d2-7a64-4f0e-b5c8-2d9e1f3a4b6c");
                    h.mac = [0x9a, 0x2b, 0x14];
                } else {
                    hex(&mut h.id, rng.next(), 16);
                    hex(&mut h.id, rng.next(), 16);
                    uuid(&mut h.filebeat, rng);
                    uuid(&mut h.endpoint, rng);
                }
                h
            })
            .collect();
        EcsGen {
            hosts,
            db,
            seed,
            seq: 50_000 + rng.range(0, 10_000),
            pid: 400_000 + rng.range(0, 10_000),
            offset: 3_000_000 + rng.range(0, 100_000),
            line: Vec::with_capacity(4096),
        }
    }

    fn push(&mut self, s: &str) {
        self.line.extend_from_slice(s.as_bytes());
    }

    fn run(mut self, sink: &mut Sink, rng: &mut Rng) -> std::io::Result<()> {
        while !sink.done() {
            let t = sink.at(rng.range(0, 999));
            let h = rng.below(self.hosts.len() as u64) as usize;
            let kind = rng.below(10);
            // system.auth documents have whole seconds: round up, keeping the order.
            let t = if kind >= 7 {
                (t + 999) / 1000 * 1000
            } else {
                t
            };
            match kind {
                0..=3 => self.process(t, h, rng),
                4..=6 => self.network(t, h, rng),
                7 | 8 => self.auth_cron(t, h, rng),
                _ => self.auth_ssh(t, h, rng),
            }
            sink.emit(t, &self.line)?;
        }
        Ok(())
    }

    fn host_ecs_endpoint(&mut self, h: usize) {
        let host = &self.hosts[h];
        self.line
            .extend_from_slice(b"\"host\":{\"architecture\":\"x86_64\",\"hostname\":\"");
        self.line.extend_from_slice(host.name.as_bytes());
        self.line.extend_from_slice(b"\",\"id\":\"");
        self.line.extend_from_slice(&host.id);
        self.line
            .extend_from_slice(b"\",\"ip\":[\"127.0.0.1\",\"::1\",\"");
        ip4(&mut self.line, host.ip);
        self.line.extend_from_slice(b"\"],\"mac\":[\"00-50-56-");
        let mac = host.mac;
        for (i, m) in mac.iter().enumerate() {
            if i > 0 {
                self.line.push(b'-');
            }
            hex(&mut self.line, u64::from(*m), 2);
        }
        self.line.extend_from_slice(b"\"],\"name\":\"");
        self.line.extend_from_slice(self.hosts[h].name.as_bytes());
        self.push("\",\"os\":{\"Ext\":{\"variant\":\"Ubuntu\"},\"family\":\"ubuntu\",\"full\":\"Ubuntu 22.04.4\",\"kernel\":\"5.15.0-97-generic #107-Ubuntu SMP\",\"name\":\"Linux\",\"platform\":\"ubuntu\",\"type\":\"linux\",\"version\":\"22.04.4\"}}");
    }

    fn endpoint_head(&mut self, t: i64, h: usize, dataset: &str) {
        self.line.clear();
        self.push("{\"@timestamp\":\"");
        iso_ms(&mut self.line, t);
        self.push("\",\"agent\":{\"id\":\"");
        let ep = std::mem::take(&mut self.hosts[h].endpoint);
        self.line.extend_from_slice(&ep);
        self.hosts[h].endpoint = ep;
        self.push(
            "\",\"type\":\"endpoint\",\"version\":\"8.12.2\"},\"data_stream\":{\"dataset\":\"",
        );
        self.push(dataset);
        self.push("\",\"namespace\":\"default\",\"type\":\"logs\"},");
    }

    #[allow(clippy::too_many_arguments)]
    fn event_obj(
        &mut self,
        t: i64,
        h: usize,
        action: &str,
        category: &str,
        dataset: &str,
        extra: &str,
        rng: &mut Rng,
    ) {
        self.push("\"ecs\":{\"version\":\"8.10.0\"},\"elastic\":{\"agent\":{\"id\":\"");
        let fb = std::mem::take(&mut self.hosts[h].filebeat);
        self.line.extend_from_slice(&fb);
        self.hosts[h].filebeat = fb;
        self.push("\"}},\"event\":{\"action\":\"");
        self.push(action);
        self.push("\",\"agent_id_status\":\"verified\",\"category\":[\"");
        self.push(category);
        self.push("\"],\"created\":\"");
        iso_ms(&mut self.line, t);
        self.push("\",\"dataset\":\"");
        self.push(dataset);
        self.push("\",\"id\":\"");
        b64(&mut self.line, rng, 18);
        self.push("++++");
        b64(&mut self.line, rng, 2);
        self.push("\",\"ingested\":\"");
        iso_secs(&mut self.line, t + rng.ms(1, 4));
        self.push("Z\",\"kind\":\"event\",\"module\":\"endpoint\",");
        self.push(extra);
        self.seq += 1;
        self.push("\"sequence\":");
        num(&mut self.line, self.seq);
        self.push(",\"type\":[\"start\"]},");
    }

    fn process(&mut self, t: i64, h: usize, rng: &mut Rng) {
        let mut i = rng.below(SERVER_EXECS.len() as u64) as usize;
        if !self.db && SERVER_EXECS[i].2 == "postgres" {
            i = 0;
        }
        let (exe, args, user, uid) = SERVER_EXECS[i];
        let name = exe.rsplit('/').next().unwrap_or(exe);
        self.endpoint_head(t, h, "endpoint.events.process");
        self.event_obj(t, h, "exec", "process", "endpoint.events.process", "", rng);
        self.push("\"group\":{\"id\":\"");
        num(&mut self.line, uid);
        self.push("\",\"name\":\"");
        self.push(user);
        self.push("\"},");
        self.host_ecs_endpoint(h);
        self.push(",\"message\":\"Endpoint process event\",\"process\":{\"args_count\":");
        num(&mut self.line, 1 + args.split(' ').count() as u64);
        self.push(",\"command_line\":\"");
        self.push(exe);
        self.line.push(b' ');
        self.push(args);
        self.push("\",\"entity_id\":\"");
        b64(&mut self.line, rng, 76);
        self.push("\",\"executable\":\"");
        self.push(exe);
        // Distinct builds per host: the hash says nothing across hosts.
        self.push("\",\"hash\":{\"sha256\":\"");
        let mut hr = Rng::new(h as u64, exe);
        for _ in 0..4 {
            hex(&mut self.line, hr.next(), 16);
        }
        self.push("\"},\"interactive\":false,\"name\":\"");
        self.push(name);
        self.pid += rng.range(1, 60);
        let ppid = self.pid;
        self.pid += rng.range(1, 5);
        self.push("\",\"parent\":{\"entity_id\":\"");
        b64(&mut self.line, rng, 76);
        self.push("\",\"executable\":\"/usr/bin/bash\",\"name\":\"bash\",\"pid\":");
        num(&mut self.line, ppid);
        self.push("},\"pid\":");
        num(&mut self.line, self.pid);
        self.push(",\"working_directory\":\"");
        self.push(if user == "app" { "/srv/app" } else { "/" });
        self.push("\"},\"user\":{\"id\":\"");
        num(&mut self.line, uid);
        self.push("\",\"name\":\"");
        self.push(user);
        self.push("\"}}");
    }

    fn network(&mut self, t: i64, h: usize, rng: &mut Rng) {
        let inbound = rng.chance(500);
        let me = self.hosts[h].ip;
        let (action, dir) = if inbound {
            ("connection_accepted", "ingress")
        } else {
            ("connection_attempted", "egress")
        };
        let (peer, port, pname, pexe) = if inbound {
            if self.db {
                (
                    [10, 0, 3, rng.range(11, 14) as u8],
                    5432,
                    "postgres",
                    "/usr/lib/postgresql/14/bin/postgres",
                )
            } else {
                (
                    [10, 0, 1, rng.range(20, 21) as u8],
                    8080,
                    "gunicorn",
                    "/srv/app/venv/bin/gunicorn",
                )
            }
        } else if rng.chance(300) {
            (internet_ip(rng), 443, "python3", "/usr/bin/python3.10")
        } else {
            (
                [10, 0, 3, 53],
                53,
                "systemd-resolved",
                "/usr/lib/systemd/systemd-resolved",
            )
        };
        self.endpoint_head(t, h, "endpoint.events.network");
        let (src, sport, dst, dport) = if inbound {
            (peer, rng.range(32768, 60999), me, port)
        } else {
            (me, rng.range(32768, 60999), peer, port)
        };
        self.push("\"destination\":{\"address\":\"");
        ip4(&mut self.line, dst);
        self.push("\",\"ip\":\"");
        ip4(&mut self.line, dst);
        self.push("\",\"port\":");
        num(&mut self.line, dport);
        self.push("},");
        self.event_obj(
            t,
            h,
            action,
            "network",
            "endpoint.events.network",
            "\"outcome\":\"unknown\",",
            rng,
        );
        self.host_ecs_endpoint(h);
        self.push(",\"message\":\"Endpoint network event\",\"network.direction\":\"");
        self.push(dir);
        self.push("\",\"network.transport\":\"");
        self.push(if dport == 53 { "udp" } else { "tcp" });
        self.push("\",\"network.type\":\"ipv4\",\"process\":{\"entity_id\":\"");
        b64(&mut self.line, rng, 76);
        self.push("\",\"executable\":\"");
        self.push(pexe);
        self.push("\",\"name\":\"");
        self.push(pname);
        self.push("\",\"pid\":");
        num(&mut self.line, 1000 + rng.below(90_000));
        self.push("},\"source\":{\"address\":\"");
        ip4(&mut self.line, src);
        self.push("\",\"ip\":\"");
        ip4(&mut self.line, src);
        self.push("\",\"port\":");
        num(&mut self.line, sport);
        self.push("},\"user\":{\"id\":\"");
        let (user, uid) = match pname {
            "postgres" => ("postgres", 114),
            "systemd-resolved" => ("systemd-resolve", 101),
            _ => ("app", 1001),
        };
        num(&mut self.line, uid);
        self.push("\",\"name\":\"");
        self.push(user);
        self.push("\"}}");
    }

    fn auth_head(&mut self, t: i64, h: usize, extra_event: &str, rng: &mut Rng) {
        self.line.clear();
        self.push("{\"@timestamp\":\"");
        iso_ms(&mut self.line, t);
        self.push(
            "\",\"agent\":{\"ephemeral_id\":\"2f9c1e7b-0a4d-4b8e-a1c3-6d5e7f8a9b0c\",\"id\":\"",
        );
        let fb = std::mem::take(&mut self.hosts[h].filebeat);
        self.line.extend_from_slice(&fb);
        self.push("\",\"name\":\"");
        self.push(self.hosts[h].name);
        self.push("\",\"type\":\"filebeat\",\"version\":\"8.12.2\"},\"data_stream\":{\"dataset\":\"system.auth\",\"namespace\":\"default\",\"type\":\"logs\"},\"ecs\":{\"version\":\"8.0.0\"},\"elastic_agent\":{\"id\":\"");
        self.line.extend_from_slice(&fb);
        self.hosts[h].filebeat = fb;
        self.push("\",\"snapshot\":false,\"version\":\"8.12.2\"},\"event\":{");
        self.push(extra_event);
        self.push("\"agent_id_status\":\"verified\",\"dataset\":\"system.auth\",\"ingested\":\"");
        iso_secs(&mut self.line, t + rng.ms(2, 8));
        self.push("Z\",\"kind\":\"event\",\"timezone\":\"+00:00\"},\"host\":{\"architecture\":\"x86_64\",\"containerized\":false,\"hostname\":\"");
        self.push(self.hosts[h].name);
        self.push("\",\"id\":\"");
        let id = std::mem::take(&mut self.hosts[h].id);
        self.line.extend_from_slice(&id);
        self.hosts[h].id = id;
        self.push("\",\"ip\":[\"");
        ip4(&mut self.line, self.hosts[h].ip);
        self.push("\"],\"name\":\"");
        self.push(self.hosts[h].name);
        self.push("\",\"os\":{\"codename\":\"jammy\",\"family\":\"debian\",\"kernel\":\"5.15.0-97-generic\",\"name\":\"Ubuntu\",\"platform\":\"ubuntu\",\"type\":\"linux\",\"version\":\"22.04.4 LTS (Jammy Jellyfish)\"}},\"input\":{\"type\":\"log\"},\"log.file.path\":\"/var/log/auth.log\",\"log.offset\":");
        self.offset += rng.range(90, 300);
        num(&mut self.line, self.offset);
    }

    fn auth_cron(&mut self, t: i64, h: usize, rng: &mut Rng) {
        let (user, uid) = if self.db && rng.chance(500) {
            ("postgres", 114)
        } else if rng.chance(200) {
            ("app", 1001)
        } else {
            ("root", 0)
        };
        self.auth_head(t, h, "", rng);
        let closed = rng.chance(500);
        self.push(",\"message\":\"pam_unix(cron:session): session ");
        if closed {
            self.push("closed for user ");
            self.push(user);
        } else {
            self.push("opened for user ");
            self.push(user);
            self.push("(uid=");
            num(&mut self.line, uid);
            self.push(") by (uid=0)");
        }
        self.push("\",\"process\":{\"name\":\"CRON\",\"pid\":");
        self.pid += rng.range(1, 40);
        num(&mut self.line, self.pid);
        self.push("}}");
    }

    fn auth_ssh(&mut self, t: i64, h: usize, rng: &mut Rng) {
        let u = rng.range(1, 40);
        let port = rng.range(32768, 60999);
        self.auth_head(
            t,
            h,
            "\"action\":\"ssh_login\",\"category\":[\"authentication\",\"session\"],\"outcome\":\"success\",\"type\":[\"info\"],",
            rng,
        );
        self.push(",\"message\":\"Accepted publickey for ");
        ops_user(&mut self.line, u);
        self.push(" from 10.0.1.10 port ");
        num(&mut self.line, port);
        self.push(" ssh2: ED25519 SHA256:");
        fingerprint(&mut self.line, self.seed, u);
        self.push("\",\"process\":{\"name\":\"sshd\",\"pid\":");
        self.pid += rng.range(1, 40);
        num(&mut self.line, self.pid);
        self.push("},\"related\":{\"hosts\":[\"");
        self.push(self.hosts[h].name);
        self.push("\"],\"ip\":[\"10.0.1.10\"],\"user\":[\"");
        ops_user(&mut self.line, u);
        self.push("\"]},\"source\":{\"address\":\"10.0.1.10\",\"ip\":\"10.0.1.10\",\"port\":");
        num(&mut self.line, port);
        self.push("},\"system\":{\"auth\":{\"ssh\":{\"event\":\"Accepted\",\"method\":\"publickey\",\"signature\":\"ED25519 SHA256:");
        fingerprint(&mut self.line, self.seed, u);
        self.push("\"}}},\"user\":{\"name\":\"");
        ops_user(&mut self.line, u);
        self.push("\"}}");
    }
}

// ---------------------------------------------------------------------------------------------
// CrowdStrike Falcon Data Replicator events (Windows workstations), all values strings.

/// (ImageFileName, CommandLine, ParentBaseFileName), JSON-escaped.
const WIN_PROCS: [(&str, &str, &str); 14] = [
    (
        r#"\\Device\\HarddiskVolume3\\Windows\\System32\\svchost.exe"#,
        r#"C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule"#,
        "services.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Windows\\System32\\svchost.exe"#,
        r#"C:\\Windows\\system32\\svchost.exe -k LocalService -p -s fdPHost"#,
        "services.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Program Files\\Google\\Chrome\\Application\\chrome.exe"#,
        r#"\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer --lang=de --num-raster-threads=4"#,
        "chrome.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"#,
        r#"\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\" /recycle"#,
        "explorer.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE"#,
        r#"\"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE\" /dde"#,
        "explorer.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Windows\\System32\\conhost.exe"#,
        r#"\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1"#,
        "cmd.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Windows\\System32\\SearchProtocolHost.exe"#,
        r#"\"C:\\Windows\\system32\\SearchProtocolHost.exe\" Global\\UsGthrFltPipeMssGthrPipe5"#,
        "SearchIndexer.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Windows\\System32\\taskhostw.exe"#,
        r#"taskhostw.exe Install $(Arg0)"#,
        "svchost.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Program Files\\Microsoft OneDrive\\OneDrive.exe"#,
        r#"\"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe\" /background"#,
        "explorer.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Windows\\System32\\backgroundTaskHost.exe"#,
        r#"\"C:\\Windows\\system32\\backgroundTaskHost.exe\" -ServerName:BackgroundTaskHost.WebAccountProvider"#,
        "svchost.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Program Files\\Git\\cmd\\git.exe"#,
        r#"\"C:\\Program Files\\Git\\cmd\\git.exe\" fetch --prune origin"#,
        "Code.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Windows\\System32\\wbem\\WmiPrvSE.exe"#,
        r#"C:\\Windows\\system32\\wbem\\wmiprvse.exe -Embedding"#,
        "svchost.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Windows\\System32\\RuntimeBroker.exe"#,
        r#"C:\\Windows\\System32\\RuntimeBroker.exe -Embedding"#,
        "svchost.exe",
    ),
    (
        r#"\\Device\\HarddiskVolume3\\Windows\\System32\\gpupdate.exe"#,
        r#"gpupdate.exe /target:computer"#,
        "svchost.exe",
    ),
];

const DOMAINS: [&str; 16] = [
    "login.example.com",
    "mail.example.net",
    "intranet.corp.example",
    "fs-01.corp.example",
    "time.windows.com",
    "settings-win.data.example.org",
    "cdn.example-cdn.net",
    "api.example-saas.com",
    "teams.example-collab.com",
    "update.example-vendor.com",
    "portal.example.org",
    "docs.example-saas.com",
    "wpad.corp.example",
    "ocsp.example-ca.net",
    "github.example.com",
    "tracker.example-ads.net",
];

const FDR_CID: &str = "b5c9e3f1a2d84e6f9c0b1a2d3e4f5a6b";
const N_WS: u64 = 120;

struct FdrGen {
    aids: Vec<[u64; 2]>,
    ctx: u64,
    line: Vec<u8>,
}

impl FdrGen {
    fn new(rng: &mut Rng) -> FdrGen {
        FdrGen {
            aids: (0..N_WS).map(|_| [rng.next(), rng.next()]).collect(),
            ctx: 40_000_000_000 + rng.range(0, 1_000_000_000),
            line: Vec::with_capacity(2048),
        }
    }

    fn push(&mut self, s: &str) {
        self.line.extend_from_slice(s.as_bytes());
    }

    /// Closes the open string value and opens `"k":"` (the caller writes the value).
    fn key(&mut self, k: &str) {
        self.line.extend_from_slice(b"\",\"");
        self.line.extend_from_slice(k.as_bytes());
        self.line.extend_from_slice(b"\":\"");
    }

    fn epoch(&mut self, t: i64) {
        let t = t.max(0) as u64 + T0_UNIX as u64 * 1000;
        num(&mut self.line, t / 1000);
        self.line.push(b'.');
        pad3(&mut self.line, t % 1000);
    }

    fn sid(&mut self, u: u64) {
        self.push("S-1-5-21-3623811015-3361044348-30300820-");
        num(&mut self.line, 1200 + u);
    }

    fn run(mut self, sink: &mut Sink, rng: &mut Rng) -> std::io::Result<()> {
        while !sink.done() {
            // `timestamp` (cloud receipt) orders the file; the sensor's time is a little earlier.
            let t = sink.at(rng.range(0, 999));
            let sensor = t - rng.range(80, 3000) as i64;
            let w = rng.below(N_WS);
            let kind = rng.below(100);
            let (simple, version) = match kind {
                0..=39 => ("ProcessRollup2", "ProcessRollup2V19"),
                40..=69 => ("NetworkConnectIP4", "NetworkConnectIP4V5"),
                70..=96 => ("DnsRequest", "DnsRequestV4"),
                _ => ("UserLogon", "UserLogonV9"),
            };
            self.line.clear();
            self.push("{\"ConfigBuild\":\"1007.3.0017312.1\",\"ConfigStateHash\":\"");
            num(
                &mut self.line,
                1_000_000_000 + (self.aids[w as usize][1] >> 34),
            );
            self.ctx += rng.range(1, 5000);
            self.key("ContextProcessId");
            num(&mut self.line, self.ctx);
            self.key("ContextThreadId");
            num(&mut self.line, self.ctx * 3 + rng.below(1000));
            self.key("ContextTimeStamp");
            self.epoch(sensor);
            self.push("\",\"Entitlements\":\"15\",\"EventOrigin\":\"1");
            let ip = user_ip(w, false);
            match simple {
                "ProcessRollup2" => {
                    let (image, cmd, parent) =
                        WIN_PROCS[rng.below(WIN_PROCS.len() as u64) as usize];
                    self.key("AuthenticationId");
                    num(&mut self.line, 100_000 + w * 997 % 90_000);
                    self.key("CommandLine");
                    self.push(cmd);
                    self.key("ImageFileName");
                    self.push(image);
                    let mut hr = Rng::new(w / 40, image);
                    self.key("MD5HashData");
                    hex(&mut self.line, hr.next(), 16);
                    hex(&mut self.line, hr.next(), 16);
                    self.key("ParentBaseFileName");
                    self.push(parent);
                    self.key("ParentProcessId");
                    num(&mut self.line, self.ctx - rng.range(1000, 900_000));
                    self.key("ProcessStartTime");
                    self.epoch(sensor);
                    self.key("RawProcessId");
                    num(&mut self.line, 4 * rng.range(100, 8000));
                    self.key("SHA256HashData");
                    for _ in 0..4 {
                        hex(&mut self.line, hr.next(), 16);
                    }
                    self.key("SessionId");
                    self.push("1");
                    self.key("TargetProcessId");
                    num(&mut self.line, self.ctx + rng.range(1, 999));
                    self.key("UserSid");
                    self.sid(w);
                }
                "NetworkConnectIP4" => {
                    let remote = if rng.chance(600) {
                        internet_ip(rng)
                    } else {
                        [10, 0, 3, rng.pick(&[15u8, 53, 11, 12])]
                    };
                    let port = match remote {
                        [10, 0, 3, 15] => 445,
                        [10, 0, 3, 53] => 53,
                        [10, 0, 3, _] => 8080,
                        _ => rng.pick(&[443u64, 443, 443, 80]),
                    };
                    self.push("\",\"ConnectionDirection\":\"0\",\"ConnectionFlags\":\"0");
                    self.key("LocalAddressIP4");
                    ip4(&mut self.line, ip);
                    self.key("LocalPort");
                    num(&mut self.line, rng.range(49152, 65535));
                    self.key("Protocol");
                    self.push(if port == 53 { "17" } else { "6" });
                    self.key("RemoteAddressIP4");
                    ip4(&mut self.line, remote);
                    self.key("RemotePort");
                    num(&mut self.line, port);
                }
                "DnsRequest" => {
                    self.push("\",\"DnsRequestCount\":\"1");
                    self.key("DomainName");
                    if rng.chance(300) {
                        self.push("host-");
                        num(&mut self.line, rng.range(1, 9999));
                        self.line.push(b'.');
                    }
                    self.push(rng.pick(&DOMAINS));
                    self.push(
                        ".\",\"DualRequest\":\"0\",\"InterfaceIndex\":\"0\",\"QueryStatus\":\"0",
                    );
                    self.key("RequestType");
                    self.push(rng.pick(&["1", "1", "28", "5"]));
                }
                _ => {
                    self.key("AuthenticationId");
                    num(&mut self.line, 100_000 + rng.below(900_000));
                    self.push("\",\"LogonDomain\":\"CORP\",\"LogonServer\":\"DC-0");
                    num(&mut self.line, rng.range(1, 2));
                    self.key("LogonTime");
                    self.epoch(sensor);
                    self.key("LogonType");
                    self.push(rng.pick(&["2", "7", "11", "10"]));
                    self.push("\",\"UserIsAdmin\":\"0");
                    self.key("UserName");
                    user_name(&mut self.line, w);
                    self.key("UserPrincipal");
                    user_name(&mut self.line, w);
                    self.push("@corp.example");
                    self.key("UserSid");
                    self.sid(w);
                }
            }
            self.key("aid");
            let [a, b] = self.aids[w as usize];
            hex(&mut self.line, a, 16);
            hex(&mut self.line, b, 16);
            self.push("\",\"aip\":\"192.0.2.2\",\"cid\":\"");
            self.push(FDR_CID);
            self.push("\",\"event_platform\":\"Win");
            self.key("event_simpleName");
            self.push(simple);
            self.key("id");
            uuid(&mut self.line, rng);
            self.key("name");
            self.push(version);
            self.key("timestamp");
            num(&mut self.line, (t.max(0) as u64) + T0_UNIX as u64 * 1000);
            self.push("\"}");
            sink.emit(t, &self.line)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Splunk CSV export.

const SPLUNK_HOSTS: [&str; 6] = ["web-01", "web-02", "web-03", "web-04", "mail-01", "vpn-01"];
const HTTP_PATHS: [&str; 10] = [
    "/",
    "/api/v1/items",
    "/api/v1/orders",
    "/static/app.js",
    "/static/app.css",
    "/login",
    "/healthz",
    "/api/v1/search",
    "/favicon.ico",
    "/images/logo.png",
];
const AGENTS: [&str; 5] = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
    "curl/7.81.0",
    "kube-probe/1.28",
];

struct CsvGen {
    pid: u64,
    raw: Vec<u8>,
    line: Vec<u8>,
}

impl CsvGen {
    fn run(mut self, sink: &mut Sink, rng: &mut Rng) -> std::io::Result<()> {
        sink.w
            .write_all(b"\"_time\",\"_raw\",host,source,sourcetype\n")?;
        sink.bytes += 38;
        while !sink.done() {
            let t = sink.at(rng.range(0, 999));
            let kind = rng.below(10);
            let host = if kind <= 4 || kind >= 8 {
                rng.pick(&SPLUNK_HOSTS[..4])
            } else {
                rng.pick(&SPLUNK_HOSTS)
            };
            self.raw.clear();
            let (source, sourcetype) = match kind {
                0..=4 => {
                    self.access(t, rng);
                    ("/var/log/nginx/access.log", "access_combined")
                }
                5..=7 => {
                    self.secure(t, host, rng);
                    ("/var/log/auth.log", "linux_secure")
                }
                _ => {
                    self.app(t, rng);
                    ("/var/log/app/app.log", "log4j")
                }
            };
            self.line.clear();
            self.line.push(b'"');
            iso_secs(&mut self.line, t);
            self.line.push(b'.');
            pad3(&mut self.line, parts(t).4);
            self.line.extend_from_slice(b"+0000\",\"");
            for &b in &self.raw {
                if b == b'"' {
                    self.line.push(b'"');
                }
                self.line.push(b);
            }
            self.line.extend_from_slice(b"\",");
            self.line.extend_from_slice(host.as_bytes());
            self.line.push(b',');
            self.line.extend_from_slice(source.as_bytes());
            self.line.push(b',');
            self.line.extend_from_slice(sourcetype.as_bytes());
            sink.emit(t, &self.line)?;
        }
        Ok(())
    }

    fn access(&mut self, t: i64, rng: &mut Rng) {
        let client = if rng.chance(700) {
            internet_ip(rng)
        } else {
            user_ip(rng.below(N_USERS), false)
        };
        ip4(&mut self.raw, client);
        self.raw.extend_from_slice(b" - - [");
        let (d, h, m, s, _) = parts(t + LOCAL_OFFSET_MS);
        pad2(&mut self.raw, d);
        self.raw.extend_from_slice(b"/Mar/2026:");
        hms(&mut self.raw, h, m, s);
        self.raw.extend_from_slice(b" +0100] \"");
        let post = rng.chance(150);
        self.raw
            .extend_from_slice(if post { b"POST " } else { b"GET " });
        self.raw.extend_from_slice(rng.pick(&HTTP_PATHS).as_bytes());
        if rng.chance(300) {
            self.raw.extend_from_slice(b"?page=");
            num(&mut self.raw, rng.range(1, 400));
        }
        self.raw.extend_from_slice(b" HTTP/1.1\" ");
        let status = rng.pick(&[200u64, 200, 200, 200, 304, 301, 404, 500, 401]);
        num(&mut self.raw, status);
        self.raw.push(b' ');
        num(&mut self.raw, rng.heavy(100, 2_000_000));
        self.raw.extend_from_slice(b" \"-\" \"");
        self.raw.extend_from_slice(rng.pick(&AGENTS).as_bytes());
        self.raw.push(b'"');
    }

    fn secure(&mut self, t: i64, host: &str, rng: &mut Rng) {
        syslog_local(&mut self.raw, t);
        self.raw.push(b' ');
        self.raw.extend_from_slice(host.as_bytes());
        self.pid += rng.range(1, 30);
        match rng.below(3) {
            0 => {
                self.raw.extend_from_slice(b" CRON[");
                num(&mut self.raw, self.pid);
                self.raw.extend_from_slice(
                    b"]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)",
                );
            }
            1 => {
                let ip = scanner_ip(rng);
                self.raw.extend_from_slice(b" sshd[");
                num(&mut self.raw, self.pid);
                self.raw.extend_from_slice(b"]: Invalid user ");
                self.raw
                    .extend_from_slice(rng.pick(&SCANNER_USERS).as_bytes());
                self.raw.extend_from_slice(b" from ");
                ip4(&mut self.raw, ip);
                self.raw.extend_from_slice(b" port ");
                num(&mut self.raw, rng.range(1024, 65000));
            }
            _ => {
                let u = rng.range(1, 40);
                self.raw.extend_from_slice(b" sshd[");
                num(&mut self.raw, self.pid);
                self.raw.extend_from_slice(b"]: Accepted publickey for ");
                ops_user(&mut self.raw, u);
                self.raw.extend_from_slice(b" from 10.20.40.");
                num(&mut self.raw, rng.range(10, 99));
                self.raw.extend_from_slice(b" port ");
                num(&mut self.raw, rng.range(32768, 60999));
                self.raw.extend_from_slice(b" ssh2");
            }
        }
    }

    fn app(&mut self, t: i64, rng: &mut Rng) {
        let (d, h, m, s, ms) = parts(t + LOCAL_OFFSET_MS);
        self.raw.extend_from_slice(b"2026-03-");
        pad2(&mut self.raw, d);
        self.raw.push(b' ');
        hms(&mut self.raw, h, m, s);
        self.raw.push(b',');
        pad3(&mut self.raw, ms);
        let thread = rng.range(1, 40);
        if rng.chance(20) {
            // A multi-line record: an exception with its stack trace.
            self.raw.extend_from_slice(b" ERROR [http-nio-8080-exec-");
            num(&mut self.raw, thread);
            self.raw
                .extend_from_slice(b"] c.e.billing.InvoiceService - invoice ");
            num(&mut self.raw, rng.range(10_000, 999_999));
            self.raw.extend_from_slice(b" failed\njava.lang.IllegalStateException: invoice already \"closed\"\n\tat com.example.billing.InvoiceService.close(InvoiceService.java:");
            num(&mut self.raw, rng.range(100, 400));
            self.raw.extend_from_slice(
                b")\n\tat com.example.billing.api.InvoiceController.close(InvoiceController.java:",
            );
            num(&mut self.raw, rng.range(40, 160));
            self.raw.extend_from_slice(b")\n\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)");
        } else {
            self.raw.extend_from_slice(b" INFO  [http-nio-8080-exec-");
            num(&mut self.raw, thread);
            self.raw.extend_from_slice(b"] c.e.billing.");
            self.raw.extend_from_slice(
                rng.pick(&[
                    "InvoiceService - created invoice ",
                    "OrderService - order shipped ",
                    "AuthFilter - session refreshed for customer ",
                ])
                .as_bytes(),
            );
            num(&mut self.raw, rng.range(10_000, 999_999));
            self.raw.extend_from_slice(b" in ");
            num(&mut self.raw, rng.heavy(1, 3000));
            self.raw.extend_from_slice(b" ms");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The files.

#[derive(Clone, Copy)]
enum Kind {
    Auth {
        host: &'static str,
        server: bool,
    },
    Cef,
    Leef,
    Ecs {
        hosts: &'static [(&'static str, [u8; 4])],
        db: bool,
    },
    Fdr,
    Csv,
}

struct Spec {
    name: &'static str,
    /// Share of the total size, in per-mille.
    share: u64,
    kind: Kind,
}

fn specs() -> Vec<Spec> {
    let mut v = vec![Spec {
        name: "bastion-01-auth.log",
        share: 42,
        kind: Kind::Auth {
            host: "bastion-01",
            server: false,
        },
    }];
    const SRV: [(&str, &str); 6] = [
        ("srv-01-auth.log", "srv-01"),
        ("srv-02-auth.log", "srv-02"),
        ("srv-03-auth.log", "srv-03"),
        ("srv-04-auth.log", "srv-04"),
        ("srv-05-auth.log", "srv-05"),
        ("srv-06-auth.log", "srv-06"),
    ];
    for (name, host) in SRV {
        v.push(Spec {
            name,
            share: 43,
            kind: Kind::Auth { host, server: true },
        });
    }
    v.push(Spec {
        name: "fw-edge-01-cef.log",
        share: 300,
        kind: Kind::Cef,
    });
    v.push(Spec {
        name: "fw-edge-02-leef.log",
        share: 100,
        kind: Kind::Leef,
    });
    v.push(Spec {
        name: "elastic-db-01.ndjson",
        share: 40,
        kind: Kind::Ecs {
            hosts: &[("db-01", [10, 0, 2, 20])],
            db: true,
        },
    });
    v.push(Spec {
        name: "elastic-app-servers.ndjson",
        share: 80,
        kind: Kind::Ecs {
            hosts: &[
                ("app-01", [10, 0, 3, 11]),
                ("app-02", [10, 0, 3, 12]),
                ("app-03", [10, 0, 3, 13]),
                ("app-04", [10, 0, 3, 14]),
                ("worker-01", [10, 0, 3, 22]),
            ],
            db: false,
        },
    });
    v.push(Spec {
        name: "elastic-web-servers.ndjson",
        share: 80,
        kind: Kind::Ecs {
            hosts: &[
                ("web-01", [10, 0, 1, 20]),
                ("web-02", [10, 0, 1, 21]),
                ("web-03", [10, 0, 1, 22]),
                ("web-04", [10, 0, 1, 23]),
            ],
            db: false,
        },
    });
    v.push(Spec {
        name: "crowdstrike-fdr.ndjson",
        share: 50,
        kind: Kind::Fdr,
    });
    v.push(Spec {
        name: "splunk-export.csv",
        share: 50,
        kind: Kind::Csv,
    });
    v
}

struct Written {
    name: &'static str,
    bytes: u64,
    records: u64,
}

fn generate(dir: &Path, spec: &Spec, total: u64, seed: u64) -> std::io::Result<Written> {
    let target = total * spec.share / 1000;
    let mut rng = Rng::new(seed, spec.name);
    let path = dir.join(spec.name);
    let (bytes, records) = match spec.kind {
        Kind::Auth { host, server } => {
            let samples = if server {
                Vec::new()
            } else {
                sample_lines(SAMPLE_AUTH, parse_syslog_local)
            };
            let mut sink = Sink::create(&path, target, samples)?;
            let gen = AuthGen {
                host,
                server,
                pid: 2_000_000 + rng.range(0, 50_000),
                session: 5000 + rng.range(0, 500),
                line: Vec::with_capacity(512),
            };
            gen.run(&mut sink, &mut rng, seed)?;
            sink.finish()?
        }
        Kind::Cef => {
            let samples = sample_lines(SAMPLE_CEF, parse_cef_rt);
            let mut sink = Sink::create(&path, target, samples)?;
            FwGen::new("fw-edge-01", false, false, &mut rng).run(&mut sink, &mut rng)?;
            sink.finish()?
        }
        Kind::Leef => {
            let mut sink = Sink::create(&path, target, Vec::new())?;
            FwGen::new("fw-edge-02", true, true, &mut rng).run(&mut sink, &mut rng)?;
            sink.finish()?
        }
        Kind::Ecs { hosts, db } => {
            let samples = if db {
                sample_lines(SAMPLE_ECS, parse_ecs_ts)
            } else {
                Vec::new()
            };
            let mut sink = Sink::create(&path, target, samples)?;
            EcsGen::new(hosts, db, seed, &mut rng).run(&mut sink, &mut rng)?;
            sink.finish()?
        }
        Kind::Fdr => {
            let mut sink = Sink::create(&path, target, Vec::new())?;
            FdrGen::new(&mut rng).run(&mut sink, &mut rng)?;
            sink.finish()?
        }
        Kind::Csv => {
            let mut sink = Sink::create(&path, target, Vec::new())?;
            let gen = CsvGen {
                pid: 300_000 + rng.range(0, 10_000),
                raw: Vec::with_capacity(1024),
                line: Vec::with_capacity(1024),
            };
            gen.run(&mut sink, &mut rng)?;
            sink.finish()?
        }
    };
    Ok(Written {
        name: spec.name,
        bytes,
        records,
    })
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&s[..s.len() - 1], 1u64 << 10),
        Some('M') => (&s[..s.len() - 1], 1 << 20),
        Some('G') => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    let n: f64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("bad --size {s:?}: expected e.g. 10M, 1G, 500K or 123456"))?;
    if n.is_nan() || n <= 0.0 {
        return Err(format!("bad --size {s:?}: must be positive"));
    }
    Ok((n * mult as f64) as u64)
}

/// `truth.json`, written by hand so that its key order does not depend on serde_json's
/// features (the crate's other users may turn on `preserve_order`).
fn truth_json(seed: u64, total: u64, written: &[Written]) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("a string serializes");
    let files: Vec<String> = written
        .iter()
        .map(|w| {
            format!(
                "    {{\"path\": {}, \"bytes\": {}, \"records\": {}}}",
                q(w.name),
                w.bytes,
                w.records
            )
        })
        .collect();
    format!(
        r#"{{
  "seed": {seed},
  "size_bytes": {total},
  "files": [
{files}
  ],
  "incident": {{
    "compromise_start": "2026-03-02T09:12:03.000000Z",
    "detection_start": "2026-03-02T09:13:35.000000Z",
    "containment_start": "2026-03-02T09:41:02.000000Z",
    "eradication_start": "2026-03-02T10:04:12.000000Z",
    "recovery_start": "2026-03-02T11:30:15.000000Z",
    "metrics": {{
      "time_to_detect_s": 92,
      "time_to_contain_s": 1647,
      "time_to_eradicate_s": 3037,
      "time_to_recover_s": 8200,
      "dwell_time_s": 1739
    }},
    "hosts": ["bastion-01", "db-01"],
    "users": ["deploy", "svc-backup"],
    "attacker_ip": "203.0.113.77",
    "decoy_host": "ws-hr-07"
  }}
}}
"#,
        files = files.join(",\n")
    )
}

fn main() {
    let args = Args::parse();
    let total = match parse_size(&args.size) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("afterlog-gen: {e}");
            std::process::exit(2);
        }
    };
    debug_assert_eq!(
        chrono::NaiveDate::from_ymd_opt(2026, 3, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc().timestamp()),
        Some(T0_UNIX)
    );
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("afterlog-gen: {}: {e}", args.out.display());
        std::process::exit(2);
    }
    let start = Instant::now();
    let mut specs = specs();
    // Largest first, so that the parallel run ends together.
    specs.sort_by(|a, b| b.share.cmp(&a.share).then(a.name.cmp(b.name)));
    let results: Result<Vec<Written>, std::io::Error> = specs
        .par_iter()
        .map(|s| generate(&args.out, s, total, args.seed))
        .collect();
    let mut written = match results {
        Ok(w) => w,
        Err(e) => {
            eprintln!("afterlog-gen: {}: {e}", args.out.display());
            std::process::exit(2);
        }
    };
    written.sort_by(|a, b| a.name.cmp(b.name));
    let bytes: u64 = written.iter().map(|w| w.bytes).sum();
    let text = truth_json(args.seed, total, &written);
    if let Err(e) = std::fs::write(args.out.join("truth.json"), text) {
        eprintln!("afterlog-gen: truth.json: {e}");
        std::process::exit(2);
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "afterlog-gen: {} files, {} bytes in {:.2} s ({:.0} MB/s), seed {}",
        written.len(),
        bytes,
        secs,
        bytes as f64 / 1e6 / secs.max(1e-9),
        args.seed
    );
}
