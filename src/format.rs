//! The formats afterlog reads, their names on the command line and in the timeline.

use std::fmt;

/// A wire format. Each input file has one, detected (`detect`) or forced (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// BSD syslog as written to files (auth.log, messages) or sent on the wire.
    Rfc3164,
    /// IETF syslog with structured data.
    Rfc5424,
    /// ArcSight CEF, bare or behind a syslog header.
    Cef,
    /// One JSON object per line (ECS and generic).
    Ndjson,
}

impl Format {
    /// Every format, in the order `afterlog formats` lists them.
    pub const ALL: [Format; 4] = [
        Format::Rfc3164,
        Format::Rfc5424,
        Format::Cef,
        Format::Ndjson,
    ];

    /// The name used by `--format`, `inputs[].format` and `evidence[].format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Rfc3164 => "rfc3164",
            Format::Rfc5424 => "rfc5424",
            Format::Cef => "cef",
            Format::Ndjson => "ndjson",
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
            Format::Ndjson => {
                "newline-delimited JSON objects; Elastic Common Schema fields (dotted or nested) \
                 are mapped field for field"
            }
        }
    }

    /// How records of this format may span lines.
    pub fn continuation(self) -> crate::frame::Continuation {
        match self {
            Format::Rfc3164 => crate::frame::Continuation::Tab,
            _ => crate::frame::Continuation::None,
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
                "json" | "jsonl" | "ecs" => Some(Format::Ndjson),
                _ => None,
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
