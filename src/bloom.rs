//! A small Bloom filter of the entities (hosts, accounts, addresses, hashes) each chunk holds,
//! built in pass 1, so that later passes skip the chunks that cannot mention an incident's
//! entities without reading them.
//!
//! Keys are hashed in the normalized form correlation compares them in (`correlate::entity`):
//! short lower-case host names, user names without domain, addresses as written, lower-case
//! hashes; hashing normalizes on the fly and allocates nothing.

use crate::event::Event;

/// Bits per chunk filter (8 KiB): a few thousand distinct entities per chunk keep the false
/// positive rate near a few percent.
const BITS: usize = 1 << 16;
const HASHES: u32 = 3;

/// The kinds of entity keys, as in `correlate::entity` (`host:`, `user:`, `ip:`, `hash:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Host,
    User,
    Ip,
    Hash,
}

/// FNV-1a over the kind and the normalized value's bytes.
fn hash_normalized(kind: EntityKind, value: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (kind as u64);
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    let v = value.trim();
    let bytes: &[u8] = match kind {
        EntityKind::Host if v.parse::<std::net::IpAddr>().is_err() => {
            v.split('.').next().unwrap_or(v).as_bytes()
        }
        EntityKind::User => {
            let u = v.rsplit('\\').next().unwrap_or(v);
            u.split('@').next().unwrap_or(u).as_bytes()
        }
        _ => v.as_bytes(),
    };
    match kind {
        EntityKind::Ip => bytes.iter().copied().for_each(&mut eat),
        _ => bytes.iter().map(u8::to_ascii_lowercase).for_each(&mut eat),
    }
    h
}

/// The hash of a correlation entity key (`host:db-01`, `user:deploy`, ...), or `None` for keys
/// the filter does not hold (`process:`).
pub fn key_hash(key: &str) -> Option<u64> {
    let (kind, value) = key.split_once(':')?;
    let kind = match kind {
        "host" => EntityKind::Host,
        "user" => EntityKind::User,
        "ip" => EntityKind::Ip,
        "hash" => EntityKind::Hash,
        _ => return None,
    };
    Some(hash_normalized(kind, value))
}

/// The filter of one chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bloom {
    bits: Vec<u64>,
}

impl Default for Bloom {
    fn default() -> Bloom {
        Bloom {
            bits: vec![0; BITS / 64],
        }
    }
}

impl Bloom {
    fn positions(hash: u64) -> impl Iterator<Item = usize> {
        let (a, b) = (hash as u32, (hash >> 32) as u32 | 1);
        (0..HASHES).map(move |i| (a.wrapping_add(i.wrapping_mul(b)) as usize) % BITS)
    }

    pub fn insert_hash(&mut self, hash: u64) {
        for p in Self::positions(hash) {
            self.bits[p / 64] |= 1 << (p % 64);
        }
    }

    pub fn may_contain(&self, hash: u64) -> bool {
        Self::positions(hash).all(|p| self.bits[p / 64] & (1 << (p % 64)) != 0)
    }

    /// Adds the entities of `e`.
    pub fn insert_event(&mut self, e: &Event<'_>) {
        if let Some(h) = e.host.as_deref() {
            self.insert_hash(hash_normalized(EntityKind::Host, h));
        }
        if let Some(u) = e.user.as_deref() {
            self.insert_hash(hash_normalized(EntityKind::User, u));
        }
        for ip in [e.src_ip.as_deref(), e.dst_ip.as_deref()]
            .into_iter()
            .flatten()
        {
            self.insert_hash(hash_normalized(EntityKind::Ip, ip));
        }
        if let Some(h) = e.hash.as_deref() {
            self.insert_hash(hash_normalized(EntityKind::Hash, h));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_correlation_keys() {
        let k = |kind, v| hash_normalized(kind, v);
        assert_eq!(
            Some(k(EntityKind::Host, "SRV-FILE-01.corp.local")),
            key_hash("host:srv-file-01")
        );
        assert_eq!(
            Some(k(EntityKind::User, "CORP\\MLee")),
            key_hash("user:mlee")
        );
        assert_eq!(
            Some(k(EntityKind::User, "mlee@corp.local")),
            key_hash("user:mlee")
        );
        assert_eq!(
            Some(k(EntityKind::Ip, "10.0.2.20")),
            key_hash("ip:10.0.2.20")
        );
        assert_eq!(
            Some(k(EntityKind::Host, "10.0.2.20")),
            key_hash("host:10.0.2.20")
        );
        assert_ne!(key_hash("ip:10.0.2.20"), key_hash("host:10.0.2.20"));
        assert_eq!(key_hash("process:curl"), None);
    }

    #[test]
    fn no_false_negatives() {
        let mut b = Bloom::default();
        for i in 0..5_000 {
            b.insert_hash(hash_normalized(
                EntityKind::Ip,
                &format!("10.0.{}.{}", i / 256, i % 256),
            ));
        }
        for i in 0..5_000 {
            assert!(b.may_contain(hash_normalized(
                EntityKind::Ip,
                &format!("10.0.{}.{}", i / 256, i % 256)
            )));
        }
        let fp = (0..10_000)
            .filter(|i| {
                b.may_contain(hash_normalized(
                    EntityKind::Ip,
                    &format!("172.16.{}.{}", i / 256, i % 256),
                ))
            })
            .count();
        assert!(fp < 500, "false positives {fp} of 10000");
    }
}
