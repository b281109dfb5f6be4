//! Zeek TSV rows (with the header block in force) to events: columns map as ECS fields do
//! (`ts` is the time, `id.orig_h`/`id.resp_h` the addresses), the log's path is the action,
//! and its kind comes from the path (`conn`, `dns`, `http` … network; `kerberos`, `ssh`,
//! `ntlm` authentication; `notice` a finding).

use parsers::zeek::{parse_row, ZeekHeader, ZeekValue};

use super::ecs::normalize_named;
use super::json::Leaf;
use super::{Detail, Normalized};
use crate::accounting::RejectReason;
use crate::event::Provenance;

/// The ECS category (or kind) a Zeek log path implies.
fn category(path: &str) -> (&'static str, &'static str) {
    match path {
        "kerberos" | "ntlm" | "ssh" | "radius" => ("event.category", "authentication"),
        "notice" | "weird" | "intel" | "signatures" => ("event.kind", "alert"),
        "files" | "pe" | "x509" => ("event.category", "file"),
        _ => ("event.category", "network"),
    }
}

pub fn normalize<'a>(
    text: &'a str,
    provenance: Provenance,
    detail: Detail,
    header: &ZeekHeader,
) -> Result<Normalized<'a>, RejectReason> {
    if header.fields.is_empty() {
        return Err(RejectReason::new(
            "no header",
            "Zeek row without a #fields header before it",
        ));
    }
    let values = parse_row(text, header);
    if values.len() != header.fields.len() {
        return Err(RejectReason::new(
            "column count",
            format!(
                "{} values but #fields names {} columns",
                values.len(),
                header.fields.len()
            ),
        ));
    }
    let path = header.path.as_deref().unwrap_or("zeek");
    let action = format!("zeek_{path}");
    let (cat_key, cat_value) = category(path);
    let declared: Vec<&str> = header
        .fields
        .iter()
        .zip(&header.types)
        .filter(|(_, t)| t.as_str() == "time")
        .map(|(f, _)| f.as_str())
        .collect();
    normalize_named(
        |sink| {
            sink("event.action", Leaf::Text(&action));
            sink(cat_key, Leaf::Borrowed(cat_value));
            for (name, value) in header.fields.iter().zip(&values) {
                match value {
                    ZeekValue::Value(std::borrow::Cow::Borrowed(b)) => {
                        sink(name, Leaf::Borrowed(b))
                    }
                    ZeekValue::Value(std::borrow::Cow::Owned(o)) => sink(name, Leaf::Text(o)),
                    ZeekValue::Unset | ZeekValue::Empty => {}
                }
            }
        },
        &[],
        &declared,
        provenance,
        detail,
    )
}
