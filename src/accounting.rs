//! Accounting: every framed record is an event, a counted skip or a counted, located rejection.

use std::collections::BTreeMap;

/// How many rejection examples an input keeps (the contract's `rejects`, first in file order).
pub const MAX_REJECT_EXAMPLES: usize = 20;

/// One rejected record, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    pub line: u64,
    pub offset: u64,
    /// Human description, e.g. `bad timestamp at byte 0`.
    pub reason: String,
}

/// Why a record became no event: a short stable kind (the key of `reject_reasons`) and a
/// detailed description (the `reason` of a `rejects` example).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectReason {
    pub kind: &'static str,
    pub detail: String,
    /// Not a rejection but a counted skip of kind `kind`: a record that is no event by the
    /// format's own rules (a Splunk preview row, an export envelope).
    pub skip: bool,
}

impl RejectReason {
    pub fn new(kind: &'static str, detail: impl Into<String>) -> RejectReason {
        RejectReason {
            kind,
            detail: detail.into(),
            skip: false,
        }
    }

    /// A record that is skipped (and counted under `kind`), not rejected.
    pub fn skip(kind: &'static str) -> RejectReason {
        RejectReason {
            kind,
            detail: String::new(),
            skip: true,
        }
    }
}

impl From<parsers::ParseError> for RejectReason {
    fn from(e: parsers::ParseError) -> RejectReason {
        RejectReason::new(e.kind.as_str(), e.to_string())
    }
}

/// Counts of one chunk or one whole input; chunks merge in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub records: u64,
    pub events: u64,
    pub skipped: BTreeMap<&'static str, u64>,
    pub rejected: BTreeMap<&'static str, u64>,
    /// The first rejections in file order, at most [`MAX_REJECT_EXAMPLES`].
    pub rejects: Vec<Reject>,
    /// Records whose bytes were not valid UTF-8 (read with U+FFFD in their place).
    pub non_utf8: u64,
}

impl Tally {
    pub fn skip(&mut self, why: &'static str) {
        self.records += 1;
        *self.skipped.entry(why).or_default() += 1;
    }

    pub fn reject(&mut self, line: u64, offset: u64, why: RejectReason) {
        if why.skip {
            return self.skip(why.kind);
        }
        self.records += 1;
        *self.rejected.entry(why.kind).or_default() += 1;
        if self.rejects.len() < MAX_REJECT_EXAMPLES {
            self.rejects.push(Reject {
                line,
                offset,
                reason: why.detail,
            });
        }
    }

    pub fn event(&mut self) {
        self.records += 1;
        self.events += 1;
    }

    /// Adds `later` (a chunk that follows this one in the file).
    pub fn absorb(&mut self, later: Tally) {
        self.records += later.records;
        self.events += later.events;
        for (k, v) in later.skipped {
            *self.skipped.entry(k).or_default() += v;
        }
        for (k, v) in later.rejected {
            *self.rejected.entry(k).or_default() += v;
        }
        let room = MAX_REJECT_EXAMPLES.saturating_sub(self.rejects.len());
        self.rejects.extend(later.rejects.into_iter().take(room));
        self.non_utf8 += later.non_utf8;
    }

    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    pub fn rejected_total(&self) -> u64 {
        self.rejected.values().sum()
    }

    /// Turns `n` counted events into rejections of `kind` (events dropped after framing, e.g.
    /// when their year-less time could not be placed). Examples are not available here.
    pub fn demote_events(&mut self, n: u64, kind: &'static str) {
        self.events -= n;
        *self.rejected.entry(kind).or_default() += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absorb_keeps_first_examples_in_file_order_and_reconciles() {
        let mut a = Tally::default();
        for i in 0..15 {
            a.reject(i + 1, i * 10, RejectReason::new("bad", format!("a{i}")));
        }
        a.skip("blank");
        let mut b = Tally::default();
        for i in 0..15 {
            b.reject(
                100 + i,
                1000 + i,
                RejectReason::new("worse", format!("b{i}")),
            );
        }
        b.event();
        a.absorb(b);
        assert_eq!(a.records, 32);
        assert_eq!(a.records, a.events + a.rejected_total() + a.skipped_total());
        assert_eq!(a.rejects.len(), MAX_REJECT_EXAMPLES);
        assert_eq!(a.rejects[14].reason, "a14");
        assert_eq!(a.rejects[15].reason, "b0");
        assert_eq!(a.rejected.get("worse"), Some(&15));
    }
}
