//! The formats afterlog reads, their names on the command line and in the timeline.

use std::fmt;

use crate::frame::{Continuation, Framing};

/// A wire format. Each input file has one, detected (`detect`) or forced (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// BSD syslog as written to files (auth.log, messages) or sent on the wire.
    Rfc3164,
    /// IETF syslog with structured data.
    Rfc5424,
    /// ArcSight CEF, bare or behind a syslog header.
    Cef,
    /// IBM QRadar LEEF 1.0/2.0, bare or behind a syslog header.
    Leef,
    /// One JSON object per line (ECS and generic).
    Ndjson,
    /// JSON documents: an array, a wrapped array (`{"Records":[…]}`), or concatenated
    /// (pretty-printed) objects; each element is a record.
    Json,
    /// CSV with a header row (RFC 4180).
    Csv,
    /// Zeek's TSV logs with their `#` header blocks.
    Zeek,
    /// `key=value` lines: FortiGate, logfmt and the like.
    Kv,
    /// Linux auditd raw records (and Microsoft AUOMS's variant).
    Auditd,
    /// Windows EVTX event log files (binary), read with the `evtx` crate.
    Evtx,
}

impl Format {
    /// Every format, in the order `afterlog formats` lists them.
    pub const ALL: [Format; 11] = [
        Format::Rfc3164,
        Format::Rfc5424,
        Format::Cef,
        Format::Leef,
        Format::Ndjson,
        Format::Json,
        Format::Csv,
        Format::Kv,
        Format::Auditd,
        Format::Zeek,
        Format::Evtx,
    ];

    /// The name used by `--format`, `inputs[].format` and `evidence[].format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Rfc3164 => "rfc3164",
            Format::Rfc5424 => "rfc5424",
            Format::Cef => "cef",
            Format::Leef => "leef",
            Format::Ndjson => "ndjson",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Zeek => "zeek",
            Format::Kv => "kv",
            Format::Auditd => "auditd",
            Format::Evtx => "evtx",
        }
    }

    /// One line for `afterlog formats`.
    pub fn description(self) -> &'static str {
        match self {
            Format::Rfc3164 => {
                "BSD syslog (RFC 3164) as on disk or on the wire: auth.log, secure, messages; \
                 no year, local time; Linux auth messages (sshd, PAM, sudo, useradd) become events"
            }
            Format::Rfc5424 => "IETF syslog (RFC 5424) with structured data",
            Format::Cef => "ArcSight Common Event Format, bare or behind a syslog header",
            Format::Leef => {
                "IBM QRadar Log Event Extended Format 1.0/2.0, bare or behind a syslog header \
                 (PAN-OS's |-separated 1.0 too); devTime with devTimeFormat"
            }
            Format::Ndjson => {
                "newline-delimited JSON objects; Elastic Common Schema fields (dotted or nested) \
                 are mapped field for field"
            }
            Format::Json => {
                "JSON documents: an array, a wrapped array ({\"Records\":[…]}, {\"value\":[…]}, \
                 {\"results\":[…]}) or concatenated pretty-printed objects; each element a record"
            }
            Format::Csv => {
                "CSV with a header row (RFC 4180 quoting, multi-line cells); columns mapped by name \
                 (Splunk, Sentinel `[UTC]` headers, ECS-style names)"
            }
            Format::Kv => {
                "key=value lines (FortiGate date/time/tz/eventtime, logfmt ts=, quoted values with \\\" \
                 escapes), optionally behind a bare <PRI>"
            }
            Format::Auditd => {
                "Linux auditd raw records (type=… msg=audit(secs.ms:serial): …, hex values decoded, \
                 ENRICHED, Microsoft AUOMS); the records of one audit event form one event"
            }
            Format::Zeek => {
                "Zeek TSV logs (conn, dns, http, kerberos, notice …) with their #separator/#fields \
                 header blocks; Zeek JSON logs are read as ndjson"
            }
            Format::Evtx => {
                "Windows event log files (.evtx, binary), every record read as evtx_dump renders it; \
                 Security, Sysmon and Defender events mapped by EventID"
            }
        }
    }

    /// How inputs of this format are cut into records.
    pub fn framing(self) -> Framing {
        match self {
            Format::Rfc3164 => Framing::Lines(Continuation::Tab),
            Format::Csv => Framing::Csv,
            Format::Json => Framing::Json,
            Format::Zeek => Framing::HashHeaders,
            Format::Evtx => Framing::Evtx,
            _ => Framing::Lines(Continuation::None),
        }
    }

    /// Parses a `--format` value.
    pub fn from_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower)
            .or(match lower.as_str() {
                "syslog" | "bsd" | "auth.log" => Some(Format::Rfc3164),
                "jsonl" | "ecs" => Some(Format::Ndjson),
                "logfmt" | "fortigate" | "key=value" => Some(Format::Kv),
                "audit" | "audit.log" => Some(Format::Auditd),
                _ => None,
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant, by a match that stops compiling when one is added: keep `ALL` complete.
    fn position(f: Format) -> usize {
        match f {
            Format::Rfc3164 => 0,
            Format::Rfc5424 => 1,
            Format::Cef => 2,
            Format::Leef => 3,
            Format::Ndjson => 4,
            Format::Json => 5,
            Format::Csv => 6,
            Format::Kv => 7,
            Format::Auditd => 8,
            Format::Zeek => 9,
            Format::Evtx => 10,
        }
    }

    #[test]
    fn all_lists_every_format_once_and_names_round_trip() {
        for (i, f) in Format::ALL.into_iter().enumerate() {
            assert_eq!(position(f), i, "{f} out of place in ALL");
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
    }
}
