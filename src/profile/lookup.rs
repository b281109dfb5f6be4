//! Id-to-name tables: a host known only by an agent or machine id (CrowdStrike `aid`, a
//! detection id) is named through the records that give both (an `aidmaster` export, a
//! `DetectionSummaryEvent`); a user known by a SID through a `UserLogon`. Filled from the
//! records of profiles with `provides` before events are read, so every event carries the
//! name and later stages never see the id.

use std::collections::BTreeMap;

/// Which table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Host,
    User,
}

impl Table {
    pub fn named(name: &str) -> Option<Table> {
        match name {
            "host" => Some(Table::Host),
            "user" => Some(Table::User),
            _ => None,
        }
    }
}

/// The tables of one run. Keys are compared without case; the first name given for an id in
/// input order wins (deterministic whatever the thread count).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookups {
    host: BTreeMap<String, String>,
    user: BTreeMap<String, String>,
}

impl Lookups {
    pub fn is_empty(&self) -> bool {
        self.host.is_empty() && self.user.is_empty()
    }

    fn table(&self, t: Table) -> &BTreeMap<String, String> {
        match t {
            Table::Host => &self.host,
            Table::User => &self.user,
        }
    }

    /// Records that `key` names `value` (the first pair for a key stays).
    pub fn insert(&mut self, t: Table, key: &str, value: &str) {
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() || value.is_empty() {
            return;
        }
        let map = match t {
            Table::Host => &mut self.host,
            Table::User => &mut self.user,
        };
        map.entry(key.to_ascii_lowercase())
            .or_insert_with(|| value.to_string());
    }

    /// Adds `other`'s pairs after this one's (this one's win).
    pub fn extend(&mut self, other: Lookups) {
        for (k, v) in other.host {
            self.host.entry(k).or_insert(v);
        }
        for (k, v) in other.user {
            self.user.entry(k).or_insert(v);
        }
    }

    pub fn get(&self, t: Table, key: &str) -> Option<&str> {
        let map = self.table(t);
        if map.is_empty() {
            return None;
        }
        let key = key.trim();
        match map.get(key) {
            Some(v) => Some(v),
            None => map.get(&key.to_ascii_lowercase()).map(String::as_str),
        }
    }

    /// All (id, name) pairs of a table.
    pub fn pairs(&self, t: Table) -> impl Iterator<Item = (&str, &str)> {
        self.table(t).iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}
