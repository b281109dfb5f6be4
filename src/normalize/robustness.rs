//! No input makes normalization panic: every format's normalizer is fed prefixes, byte
//! mutations and pseudo-random text built from real records, at both detail levels, with and
//! without a header schema.

use super::{normalize_record, Detail, Schema};
use crate::event::Provenance;
use crate::format::Format;

const SEEDS: &[&str] = &[
    "Mar  2 10:12:03 bastion-01 sshd[2211]: Failed password for invalid user admin from 203.0.113.77 port 50514 ssh2",
    "<14>Mar  2 10:14:10 fw CEF:0|Palo Alto Networks|PAN-OS|10.2|x|THREAT|8|rt=Mar 02 2026 09:14:10 GMT src=1.2.3.4 dst=10.0.0.1 act=alert request=\\=x",
    "<34>1 2003-10-11T22:14:15.003Z host app 12 ID47 [ex@1 a=\"b\\\"c\"] msg",
    "LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^devTime=Mar 02 2026 09:14:10 GMT",
    "{\"@timestamp\":\"2026-03-02T09:25:14.512Z\",\"event\":{\"kind\":\"signal\",\"category\":[\"authentication\"]},\"host\":{\"name\":\"db-01\"},\"kibana.alert.workflow_status\":\"closed\",\"kibana.alert.workflow_status_updated_at\":\"2026-03-02T10:00:00Z\"}",
    "date=2026-03-02 time=09:12:11 devname=\"fw01\" srcip=10.0.0.1 dstip=203.0.113.7 action=\"deny\" tz=\"+0100\"",
    "type=SYSCALL msg=audit(1604994496.155:92733): arch=c000003e syscall=59 success=yes exe=2F7573722F62696E2F617270 auid=1000 uid=0",
    "1692161622.036086\tCnsu5m395zFmE9ikp4\t192.168.1.41\t52605\t192.168.1.4\t53\tudp",
    "\"2026-03-02T10:12:03.000+0100\",\"Mar  2 10:12:03 bastion-01 sshd: x\",\"bastion-01\"",
    "%ASA-6-302013: Built inbound TCP connection 1 for outside:203.0.113.7/5000 (203.0.113.7/5000) to inside:10.0.0.1/22 (10.0.0.1/22)",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn schemas(format: Format) -> Vec<Schema> {
    let mut with_header = Schema::None;
    match format {
        Format::Csv => with_header.update(format, "_time,_raw,host"),
        Format::Zeek => with_header.update(
            format,
            "#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\n#types\ttime\tstring\taddr\tport\taddr\tport\tenum",
        ),
        _ => {}
    }
    vec![Schema::None, with_header]
}

fn feed(text: &str) {
    for format in Format::ALL {
        if format == Format::Evtx {
            continue; // binary: its frames are tested in frame/evtx
        }
        for schema in schemas(format) {
            let p = Provenance {
                input: 0,
                line: 1,
                offset: 0,
                length: text.len() as u32,
                format,
            };
            // With every built-in vendor profile of the format as a candidate, and without.
            let set = crate::profile::ProfileSet::builtin();
            let with = crate::profile::Profiles {
                set,
                mask: set.mask_for(format),
                lookups: crate::profile::Profiles::none().lookups,
            };
            let none = crate::profile::Profiles::none();
            for (detail, profiles) in [
                (Detail::Scan, &with),
                (Detail::Full, &with),
                (Detail::Scan, &none),
                (Detail::Full, &none),
            ] {
                if let Ok(n) = normalize_record(format, text, p, detail, &schema, profiles) {
                    let _ = super::time::resolve(n.time, chrono_tz::Tz::UTC);
                    let _ = n.event.status_event();
                }
            }
        }
    }
}

#[test]
fn no_record_makes_a_normalizer_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for seed in SEEDS {
        // Every prefix (at char boundaries).
        for (k, _) in seed.char_indices() {
            feed(&seed[..k]);
        }
        // Byte mutations, read lossily as the engine does with invalid UTF-8.
        for _ in 0..300 {
            let mut b = seed.as_bytes().to_vec();
            for _ in 0..1 + rng.next() % 4 {
                let at = (rng.next() as usize) % b.len();
                match rng.next() % 3 {
                    0 => b[at] = (rng.next() & 0xff) as u8,
                    1 => {
                        b.remove(at);
                    }
                    _ => {
                        let pick = b"|=\\\"{}[],:\t ";
                        b.insert(at, pick[(rng.next() as usize) % pick.len()])
                    }
                }
                if b.is_empty() {
                    break;
                }
            }
            feed(&String::from_utf8_lossy(&b));
        }
    }
    // Pseudo-random text.
    for _ in 0..2_000 {
        let len = (rng.next() % 120) as usize;
        let b: Vec<u8> = (0..len).map(|_| (rng.next() & 0xff) as u8).collect();
        feed(&String::from_utf8_lossy(&b));
    }
}
