//! A JSON object walked without building a `serde_json::Value`: every leaf is handed to a sink
//! with its dotted path (`{"host":{"name":"x"}}` and `{"host.name":"x"}` both give
//! `host.name`). Array elements repeat their array's path. One reusable path buffer; strings
//! without escapes are borrowed from the record.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// One leaf value. Strings without escapes are borrowed from the record (`'de`); escaped
/// strings and numbers are only lent for the call (`'t`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Leaf<'de, 't> {
    Borrowed(&'de str),
    Text(&'t str),
    /// A number, as text (integers exactly; floats in their shortest round-trip form).
    Num(&'t str),
    Bool(bool),
    Null,
}

impl<'de> Leaf<'de, '_> {
    /// The leaf as text (`null` for null).
    pub fn as_text(&self) -> &str {
        match self {
            Leaf::Borrowed(s) => s,
            Leaf::Text(s) | Leaf::Num(s) => s,
            Leaf::Bool(true) => "true",
            Leaf::Bool(false) => "false",
            Leaf::Null => "null",
        }
    }

    /// The leaf as text that outlives the call: borrowed when it can be, copied otherwise.
    pub fn to_cow(&self) -> Cow<'de, str> {
        match self {
            Leaf::Borrowed(s) => Cow::Borrowed(s),
            other => Cow::Owned(other.as_text().to_string()),
        }
    }
}

/// Formats a number on the stack (no allocation per numeric leaf).
struct NumBuf {
    buf: [u8; 48],
    len: usize,
}

impl NumBuf {
    fn new() -> NumBuf {
        NumBuf {
            buf: [0; 48],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

impl fmt::Write for NumBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > self.buf.len() {
            return Err(fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn num_text(v: impl fmt::Display) -> NumBuf {
    use fmt::Write as _;
    let mut b = NumBuf::new();
    let _ = write!(b, "{v}");
    b
}

/// Why a line is not a JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError(pub String);

/// Walks the JSON object in `text`, calling `sink(path, leaf)` for every leaf in document order.
pub fn walk_object<'de, F>(text: &'de str, mut sink: F) -> Result<(), JsonError>
where
    F: FnMut(&str, Leaf<'de, '_>),
{
    let mut de = serde_json::Deserializer::from_str(text);
    let mut path = String::with_capacity(64);
    Top {
        path: &mut path,
        sink: &mut sink,
    }
    .deserialize(&mut de)
    .map_err(|e| JsonError(e.to_string()))?;
    de.end().map_err(|e| JsonError(e.to_string()))
}

/// The top level: must be an object.
struct Top<'p, F> {
    path: &'p mut String,
    sink: &'p mut F,
}

impl<'de, F: FnMut(&str, Leaf<'de, '_>)> DeserializeSeed<'de> for Top<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, F: FnMut(&str, Leaf<'de, '_>)> Visitor<'de> for Top<'_, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        Node {
            path: self.path,
            sink: self.sink,
        }
        .visit_map(map)
    }
}

/// Any value at `path`.
struct Node<'p, F> {
    path: &'p mut String,
    sink: &'p mut F,
}

impl<'de, F: FnMut(&str, Leaf<'de, '_>)> DeserializeSeed<'de> for Node<'_, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F: FnMut(&str, Leaf<'de, '_>)> Visitor<'de> for Node<'_, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        (self.sink)(self.path, Leaf::Bool(v));
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        (self.sink)(self.path, Leaf::Num(num_text(v).as_str()));
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        (self.sink)(self.path, Leaf::Num(num_text(v).as_str()));
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        (self.sink)(self.path, Leaf::Num(num_text(v).as_str()));
        Ok(())
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        (self.sink)(self.path, Leaf::Borrowed(v));
        Ok(())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        (self.sink)(self.path, Leaf::Text(v));
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        (self.sink)(self.path, Leaf::Null);
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Node {
                path: &mut *self.path,
                sink: &mut *self.sink,
            })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let base = self.path.len();
        while map
            .next_key_seed(Key {
                path: &mut *self.path,
            })?
            .is_some()
        {
            map.next_value_seed(Node {
                path: &mut *self.path,
                sink: &mut *self.sink,
            })?;
            self.path.truncate(base);
        }
        Ok(())
    }
}

/// A key: appended to the path (with a `.` unless at the top).
struct Key<'p> {
    path: &'p mut String,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(v);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(text: &str) -> Result<Vec<(String, String)>, JsonError> {
        let mut out = Vec::new();
        walk_object(text, |p, l| {
            out.push((p.to_string(), l.as_text().to_string()))
        })?;
        Ok(out)
    }

    #[test]
    fn nested_and_dotted_keys_give_the_same_paths() {
        let a =
            leaves(r#"{"host":{"name":"db-01","ip":["10.0.2.20","fe80::1"]},"event.code":4624}"#)
                .unwrap();
        assert_eq!(
            a,
            vec![
                ("host.name".into(), "db-01".into()),
                ("host.ip".into(), "10.0.2.20".into()),
                ("host.ip".into(), "fe80::1".into()),
                ("event.code".into(), "4624".into()),
            ]
        );
        let b = leaves(r#"{"host.name":"db-01","ok":true,"n":null,"f":1.5,"esc":"a\"b"}"#).unwrap();
        assert_eq!(b[0], ("host.name".into(), "db-01".into()));
        assert_eq!(b[1], ("ok".into(), "true".into()));
        assert_eq!(b[2], ("n".into(), "null".into()));
        assert_eq!(b[3], ("f".into(), "1.5".into()));
        assert_eq!(b[4], ("esc".into(), "a\"b".into()));
    }

    #[test]
    fn non_objects_and_bad_json_are_errors() {
        assert!(leaves("[1,2]").is_err());
        assert!(leaves("\"x\"").is_err());
        assert!(leaves(r#"{"a":1"#).is_err());
        assert!(leaves(r#"{"a":1} trailing"#).is_err());
        assert!(leaves(r#"{"a":1}  "#).is_ok());
    }
}
