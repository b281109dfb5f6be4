//! Visibility gaps: periods during an incident in which an input that normally speaks was
//! silent, judged against that input's own rate (a firewall silent for a quarter of an hour is
//! a gap; an auth.log of a quiet host silent for as long is not).

use std::collections::BTreeMap;

/// One silent period of one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub input: usize,
    pub from_us: i64,
    pub to_us: i64,
}

const MINUTE_US: i64 = 60_000_000;
/// The shortest silence reported, in minutes.
const MIN_GAP_MIN: i64 = 15;
/// A silence is reported when it lasts this many times the input's mean time between events.
const RATE_FACTOR: f64 = 20.0;
/// An input needs this many events near the incident to be judged.
const MIN_EVENTS: u64 = 20;
/// How far around the incident an input's rate is measured.
const RATE_MARGIN_MIN: i64 = 24 * 60;

/// The silent periods of each input (`activity[i]`: events per minute since the epoch) inside
/// `[start_us, end_us]`. Inputs with no events near the incident are not judged.
pub fn gaps(activity: &[&BTreeMap<i64, u32>], start_us: i64, end_us: i64) -> Vec<Gap> {
    let (ws, we) = (start_us.div_euclid(MINUTE_US), end_us.div_euclid(MINUTE_US));
    let mut out = Vec::new();
    for (input, minutes) in activity.iter().enumerate() {
        let near = minutes.range(ws - RATE_MARGIN_MIN..=we + RATE_MARGIN_MIN);
        let (mut count, mut lo, mut hi) = (0u64, i64::MAX, i64::MIN);
        for (&m, &n) in near {
            count += u64::from(n);
            lo = lo.min(m);
            hi = hi.max(m);
        }
        // Too little to know the input's rhythm (a handful of records, or all within an
        // hour): not judged.
        if count < MIN_EVENTS || hi - lo + 1 < 60 {
            continue;
        }
        let span = (hi - lo + 1) as f64;
        let per_minute = count as f64 / span;
        let threshold = MIN_GAP_MIN.max((RATE_FACTOR / per_minute).ceil() as i64);
        // Active minutes inside the window, with the last one before it and the first after.
        let before = minutes.range(..ws).next_back().map(|(&m, _)| m);
        let after = minutes.range(we + 1..).next().map(|(&m, _)| m);
        let inside = minutes.range(ws..=we).map(|(&m, _)| m);
        let marks: Vec<i64> = before.into_iter().chain(inside).chain(after).collect();
        // Silence from the window's start to the first event, between events, and from the
        // last event to the window's end (an export that stops early).
        let mut prev = ws - 1;
        for &m in marks.iter().chain(std::iter::once(&(we + 1))) {
            let m = m.clamp(ws - 1, we + 1);
            let silent = m - prev - 1;
            if silent >= threshold {
                out.push(Gap {
                    input,
                    from_us: (prev + 1) * MINUTE_US,
                    to_us: m * MINUTE_US,
                });
            }
            prev = prev.max(m);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn busy(from: i64, to: i64, per_minute: u32) -> BTreeMap<i64, u32> {
        (from..to).map(|m| (m, per_minute)).collect()
    }

    #[test]
    fn a_busy_input_silent_for_an_hour_has_a_gap() {
        let mut fw = busy(0, 600, 50);
        for m in 300..360 {
            fw.remove(&m);
        }
        let g = gaps(&[&fw], 200 * MINUTE_US, 500 * MINUTE_US);
        assert_eq!(
            g,
            vec![Gap {
                input: 0,
                from_us: 300 * MINUTE_US,
                to_us: 360 * MINUTE_US
            }]
        );
    }

    #[test]
    fn a_sparse_input_is_judged_by_its_own_rate() {
        // One event every 30 minutes: silences of 29 minutes are its normal rhythm.
        let auth: BTreeMap<i64, u32> = (0..40).map(|k| (k * 30, 1)).collect();
        assert!(gaps(&[&auth], 100 * MINUTE_US, 900 * MINUTE_US).is_empty());
    }

    #[test]
    fn an_export_that_stops_before_the_incident_ends_has_a_gap_to_the_end() {
        let fw = busy(0, 400, 10);
        let g = gaps(&[&fw], 300 * MINUTE_US, 500 * MINUTE_US);
        assert_eq!(g.len(), 1);
        assert_eq!(
            (g[0].from_us, g[0].to_us),
            (400 * MINUTE_US, 501 * MINUTE_US)
        );
        // An input with nothing near the incident, or too little to know its rhythm, is not
        // judged at all.
        let old = busy(0, 10, 10);
        assert!(gaps(&[&old], 50_000 * MINUTE_US, 50_100 * MINUTE_US).is_empty());
        let one: BTreeMap<i64, u32> = [(320, 1)].into_iter().collect();
        assert!(gaps(&[&one], 300 * MINUTE_US, 500 * MINUTE_US).is_empty());
    }
}
