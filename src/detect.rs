//! Format detection: each input's format from its first records, with the reason recorded.

use crate::event::Provenance;
use crate::format::Format;
use crate::frame;
use crate::normalize::normalize_record;

/// How many non-blank records detection looks at.
const SAMPLE_RECORDS: usize = 32;
/// How many bytes detection looks at, at most.
const SAMPLE_BYTES: usize = 256 * 1024;

/// What detection concluded about one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// `None` when no known format fits.
    pub format: Option<Format>,
    /// Why, in a short sentence (`inputs[].detected_by`).
    pub reason: String,
}

/// Detects the format of `data` from its first records. Each candidate format is scored by how
/// many sampled records it reads fully (grammar and time); the best score wins, ties going to
/// the more specific format (CEF before the syslog it may be wrapped in, RFC 5424 before
/// RFC 3164).
pub fn detect(data: &[u8]) -> Detection {
    if data.is_empty() {
        return Detection {
            format: None,
            reason: "empty input".into(),
        };
    }
    let head = &data[..data.len().min(SAMPLE_BYTES)];
    if memchr::memchr(0, &head[..head.len().min(4096)]).is_some() {
        return Detection {
            format: None,
            reason: "binary data (NUL bytes in the first 4 KiB): not a supported text format"
                .into(),
        };
    }
    let chunk = frame::Chunk {
        start: 0,
        end: head.len(),
        first_line: 1,
    };
    let sample: Vec<String> = frame::lines(head, chunk, frame::Continuation::Tab)
        .filter(|l| !l.unterminated || head.len() == data.len())
        .map(|l| String::from_utf8_lossy(l.bytes).into_owned())
        .filter(|s| !s.trim().is_empty())
        .take(SAMPLE_RECORDS)
        .collect();
    if sample.is_empty() {
        return Detection {
            format: None,
            reason: "no records (only blank lines)".into(),
        };
    }
    const PRIORITY: [Format; 4] = [
        Format::Ndjson,
        Format::Cef,
        Format::Rfc5424,
        Format::Rfc3164,
    ];
    let mut best: Option<(usize, Format)> = None;
    for format in PRIORITY {
        let ok = sample.iter().filter(|s| reads_as(format, s)).count();
        if ok > 0 && best.is_none_or(|(n, _)| ok > n) {
            best = Some((ok, format));
        }
    }
    match best {
        // Fewer than half the sampled records: a coincidence, not the file's format.
        Some((ok, format)) if ok * 2 < sample.len() => Detection {
            format: None,
            reason: format!(
                "no known format: at best {ok} of the first {} records read as {}",
                sample.len(),
                format.name()
            ),
        },
        Some((ok, format)) => Detection {
            format: Some(format),
            reason: format!(
                "{ok} of the first {} records read as {}{}",
                sample.len(),
                format.name(),
                hint(format, &sample)
            ),
        },
        None => Detection {
            format: None,
            reason: format!(
                "none of the first {} records read as any known format",
                sample.len()
            ),
        },
    }
}

fn reads_as(format: Format, record: &str) -> bool {
    let p = Provenance {
        input: 0,
        line: 1,
        offset: 0,
        length: 0,
        format,
    };
    match format {
        // CEF must be signed as CEF: a syslog line that merely parses is not CEF.
        Format::Cef if !record.contains("CEF:") => false,
        // A JSON object is NDJSON whether or not it has a time (records without one are
        // counted rejections, not a reason to call the file something else).
        Format::Ndjson => {
            record.trim_start().starts_with('{')
                && crate::normalize::json::walk_object(record, |_, _| {}).is_ok()
        }
        _ => normalize_record(format, record, p, crate::normalize::Detail::Scan).is_ok(),
    }
}

/// A few words on what was seen, to make the reason useful to a person.
fn hint(format: Format, sample: &[String]) -> String {
    match format {
        Format::Cef => {
            let wrapped = sample.iter().any(|s| !s.trim_start().starts_with("CEF:"));
            if wrapped {
                " (CEF behind a syslog header)".into()
            } else {
                " (bare CEF)".into()
            }
        }
        Format::Rfc3164 => {
            let pri = sample.iter().any(|s| s.starts_with('<'));
            if pri {
                " (<PRI> and BSD timestamps)".into()
            } else {
                " (BSD timestamps, no <PRI>: a file written by syslogd)".into()
            }
        }
        Format::Rfc5424 => " (<PRI>VERSION header)".into(),
        Format::Ndjson => " (one JSON object per line)".into(),
    }
}
