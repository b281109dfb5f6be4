//! CSV rows (with the header row of their input) to events: each column is a named field,
//! mapped as JSON paths are (`ecs::normalize_named`). Splunk exports (`_time`, `host`, `src`,
//! `user`), Sentinel portal exports (`TimeGenerated [UTC]`: the unit suffix is dropped from
//! the name and says the column's zone-less times are UTC) and ECS-style names all map.

use std::borrow::Cow;

use super::ecs::normalize_named;
use super::json::Leaf;
use super::{Detail, Normalized};
use crate::accounting::RejectReason;
use crate::event::Provenance;

/// The columns of a CSV input, from its header row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    names: Vec<String>,
    /// Columns whose header says their times are UTC (`… [UTC]`).
    utc: Vec<bool>,
}

impl Columns {
    /// Reads the header row.
    pub fn from_header(header: &str) -> Columns {
        let mut cols = Columns::default();
        for name in cells(header) {
            let name = name.trim();
            let (name, utc) = match name.strip_suffix("[UTC]") {
                Some(n) => (n.trim_end(), true),
                None => (name, false),
            };
            cols.names.push(name.to_string());
            cols.utc.push(utc);
        }
        cols
    }

    /// The column names (unit suffixes dropped).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The columns whose header says their zone-less times are UTC.
    pub fn utc_names(&self) -> Vec<&str> {
        self.names
            .iter()
            .zip(&self.utc)
            .filter(|(_, u)| **u)
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// Hands each (column name, cell) of `row` to `sink`.
    pub fn walk<'a>(&self, row: &[Cow<'a, str>], sink: &mut dyn FnMut(&str, Leaf<'a, '_>)) {
        for (name, cell) in self.names.iter().zip(row) {
            match cell {
                Cow::Borrowed(b) => sink(name, Leaf::Borrowed(b)),
                Cow::Owned(o) => sink(name, Leaf::Text(o)),
            }
        }
    }
}

/// The cells of one CSV record (RFC 4180 quoting, `""` for a quote).
pub fn cells(record: &str) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    let bytes = record.as_bytes();
    let mut pos = 0;
    loop {
        if bytes.get(pos) == Some(&b'"') {
            // Quoted cell: up to the closing quote not followed by another quote.
            let mut value = String::new();
            let mut i = pos + 1;
            let mut seg = i;
            let mut closed = false;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        value.push_str(&record[seg..=i]);
                        i += 2;
                        seg = i;
                        continue;
                    }
                    closed = true;
                    break;
                }
                i += 1;
            }
            let end = i.min(bytes.len());
            if value.is_empty() {
                out.push(Cow::Borrowed(&record[seg..end]));
            } else {
                value.push_str(&record[seg..end]);
                out.push(Cow::Owned(value));
            }
            // Skip to the comma after the closing quote (text between is kept out, as the
            // csv crate's lenient mode does).
            let after = if closed { end + 1 } else { end };
            match record[after.min(record.len())..].find(',') {
                Some(k) => pos = after + k + 1,
                None => break,
            }
        } else {
            match record[pos..].find(',') {
                Some(k) => {
                    out.push(Cow::Borrowed(&record[pos..pos + k]));
                    pos += k + 1;
                }
                None => {
                    out.push(Cow::Borrowed(&record[pos..]));
                    break;
                }
            }
        }
    }
    out
}

/// One CSV row to an event.
pub fn normalize<'a>(
    text: &'a str,
    provenance: Provenance,
    detail: Detail,
    columns: &Columns,
) -> Result<Normalized<'a>, RejectReason> {
    if columns.is_empty() {
        return Err(RejectReason::new(
            "no header",
            "CSV row without a header row before it",
        ));
    }
    let row = cells(text);
    if row.len() > columns.names.len() {
        return Err(RejectReason::new(
            "column count",
            format!(
                "{} cells but the header names {} columns",
                row.len(),
                columns.names.len()
            ),
        ));
    }
    let utc = columns.utc_names();
    normalize_named(
        |sink| columns.walk(&row, sink),
        &utc,
        &[],
        provenance,
        detail,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_follow_rfc4180() {
        let c = cells(
            r#"a,"b,c","say ""hi""",,"multi
line""#,
        );
        assert_eq!(c, vec!["a", "b,c", "say \"hi\"", "", "multi\nline"]);
        assert_eq!(cells(""), vec![""]);
        assert_eq!(cells("x,"), vec!["x", ""]);
    }

    #[test]
    fn utc_suffix_is_dropped_and_remembered() {
        let cols = Columns::from_header("\"TimeGenerated [UTC]\",DeviceVendor,\"Computer\"");
        assert_eq!(cols.names, ["TimeGenerated", "DeviceVendor", "Computer"]);
        assert_eq!(cols.utc, [true, false, false]);
    }
}
