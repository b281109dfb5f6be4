//! Clock offsets between inputs, estimated from happenings they share: the same kind of event
//! about the same entities (the same logon in the winlogbeat export and in a SIEM export whose
//! forwarder's clock is off) seen in two inputs at times that differ by a consistent amount.

use std::collections::BTreeMap;

use crate::event::OwnedEvent;

/// A pair of inputs needs this many shared happenings for an estimate.
const MIN_SHARED: usize = 5;
/// At most this many events per input per happening key are compared.
const PER_KEY: usize = 50;
/// Nearest-neighbour differences larger than this are not the same happening.
const MAX_DIFF_S: i64 = 86_400;
/// The differences must agree: this share within `SPREAD_S` of their median.
const AGREE_SHARE: f64 = 0.6;
const SPREAD_S: i64 = 60;

/// A happening's key: kind, action, outcome and entities (ASCII case ignored), as a 64-bit
/// FNV-1a hash, computed without allocating. Two different happenings sharing a hash (odds of
/// 2^-64 per pair) would only add one difference to a median.
fn key(e: &OwnedEvent) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3);
        }
        // A separator no text holds, so ("ab", "c") and ("a", "bc") differ.
        h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    };
    eat(&[e.kind as u8, e.outcome as u8]);
    eat(e.action.as_bytes());
    for v in [&e.host, &e.user, &e.src_ip, &e.dst_ip, &e.process, &e.hash] {
        eat(v.as_deref().unwrap_or("").as_bytes());
    }
    h
}

/// The offset of input `b` against input `a` (seconds, `b − a`) from the differences of the
/// happenings they share, when there are enough and they agree; with the number of differences.
fn pair(mut diffs: Vec<i64>) -> Option<(i64, usize)> {
    if diffs.len() < MIN_SHARED {
        return None;
    }
    diffs.sort_unstable();
    let median = diffs[diffs.len() / 2];
    let agree = diffs
        .iter()
        .filter(|d| (**d - median).abs() <= SPREAD_S)
        .count();
    (agree as f64 >= AGREE_SHARE * diffs.len() as f64).then_some((median, diffs.len()))
}

/// Each input's estimated clock offset in seconds, where the events give one: inputs linked by
/// shared happenings form groups; in each group the input sharing the most is the reference
/// (0) and the others are measured against it, directly or through each other. Inputs that
/// share nothing with another are `None`.
pub fn offsets(events: &[OwnedEvent], inputs: usize) -> Vec<Option<i64>> {
    let mut by_key: std::collections::HashMap<u64, BTreeMap<u32, Vec<i64>>> =
        std::collections::HashMap::new();
    for e in events {
        let list = by_key
            .entry(key(e))
            .or_default()
            .entry(e.provenance.input)
            .or_default();
        if list.len() < PER_KEY {
            list.push(e.ts_us);
        }
    }
    // Per pair of inputs sharing happenings (a < b): each of b's times against the nearest of
    // a's. The map's order does not matter: each pair's differences are sorted.
    let mut diffs: BTreeMap<(u32, u32), Vec<i64>> = BTreeMap::new();
    for per_input in by_key.values().filter(|p| p.len() > 1) {
        let lists: Vec<(u32, &Vec<i64>)> = per_input.iter().map(|(i, l)| (*i, l)).collect();
        for (x, &(a, ta)) in lists.iter().enumerate() {
            for &(b, tb) in &lists[x + 1..] {
                let out = diffs.entry((a, b)).or_default();
                for &t in tb {
                    if let Some(d) = ta.iter().map(|&u| t - u).min_by_key(|d| d.abs()) {
                        let d = d.div_euclid(1_000_000);
                        if d.abs() <= MAX_DIFF_S {
                            out.push(d);
                        }
                    }
                }
            }
        }
    }
    let edges: Vec<(u32, u32, i64, usize)> = diffs
        .into_iter()
        .filter_map(|((a, b), d)| pair(d).map(|(d, n)| (a, b, d, n)))
        .collect();
    let mut out: Vec<Option<i64>> = vec![None; inputs];
    let mut weight = vec![0usize; inputs];
    for &(a, b, _, n) in &edges {
        weight[a as usize] += n;
        weight[b as usize] += n;
    }
    // Group by group: the heaviest unassigned input is a reference; spread along the edges.
    while let Some(reference) = (0..inputs)
        .filter(|&i| out[i].is_none() && weight[i] > 0)
        .max_by_key(|&i| (weight[i], std::cmp::Reverse(i)))
    {
        out[reference] = Some(0);
        let mut changed = true;
        while changed {
            changed = false;
            for &(a, b, d, _) in &edges {
                match (out[a as usize], out[b as usize]) {
                    (Some(x), None) => {
                        out[b as usize] = Some(x + d);
                        changed = true;
                    }
                    (None, Some(y)) => {
                        out[a as usize] = Some(y - d);
                        changed = true;
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::event::{Event, Kind, Provenance};
    use crate::format::Format;

    fn ev(input: u32, t_s: i64, user: &str) -> OwnedEvent {
        let mut e = Event::new(
            Kind::Authentication,
            "logon",
            Provenance {
                input,
                line: 1,
                offset: t_s as u64,
                length: 1,
                format: Format::Ndjson,
            },
        );
        e.ts_us = t_s * 1_000_000;
        e.user = Some(Cow::Owned(user.to_string()));
        e.host = Some(Cow::Borrowed("dc-01"));
        e.into_owned()
    }

    #[test]
    fn a_forwarder_two_minutes_late_is_measured() {
        let mut events = Vec::new();
        for k in 0..20 {
            let user = format!("u{}", k % 7);
            events.push(ev(0, 1_000 + k * 600, &user));
            events.push(ev(1, 1_000 + k * 600 + 120, &user));
        }
        events.push(ev(0, 99_999, "only-in-0"));
        assert_eq!(offsets(&events, 3), vec![Some(0), Some(120), None]);
    }

    #[test]
    fn unrelated_inputs_give_no_estimate() {
        let events: Vec<OwnedEvent> = (0..20)
            .flat_map(|k| [ev(0, k * 60, "alice"), ev(1, k * 60 + 7, "bob")])
            .collect();
        assert_eq!(offsets(&events, 2), vec![None, None]);
    }
}
