//! Format detection: each input's format from its first records, with the reason recorded.

use crate::event::Provenance;
use crate::format::Format;
use crate::frame;
use crate::normalize::normalize_record;
use crate::profile::apply::recognize_all;
use crate::profile::{ProfileSet, Profiles};

/// How many non-blank records detection looks at.
const SAMPLE_RECORDS: usize = 32;
/// How many records of the head vendor profiles are tried on: a vendor's rarer records (the
/// alerts among an export's events) must be seen to make their profile a candidate.
const PROFILE_SAMPLE_RECORDS: usize = 2000;
/// How many bytes detection looks at, at most.
const SAMPLE_BYTES: usize = 256 * 1024;

/// What detection concluded about one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// `None` when no known format fits.
    pub format: Option<Format>,
    /// Why, in a short sentence (`inputs[].detected_by`).
    pub reason: String,
    /// The vendor profiles that recognized sampled records (bits of the run's profile set).
    pub profiles: u64,
}

/// Detects the format of `data` and the vendor profiles that read its records; `forced` is
/// the `--format` given, if any.
pub fn detect(data: &[u8], forced: Option<Format>, set: &ProfileSet) -> Detection {
    let mut d = match forced {
        Some(f) => Detection {
            format: Some(f),
            reason: format!("forced by --format {}", f.name()),
            profiles: 0,
        },
        None => detect_format(data),
    };
    if let Some(format) = d.format {
        let (mask, why) = detect_profiles(data, format, set);
        d.profiles = mask;
        if let Some(why) = why {
            d.reason = format!("{}; {why}", d.reason);
        }
    }
    d
}

/// The profiles that recognize sampled records of `data` read as `format`, and the
/// sentence saying so.
fn detect_profiles(data: &[u8], format: Format, set: &ProfileSet) -> (u64, Option<String>) {
    let candidates = Profiles {
        set,
        mask: set.mask_for(format),
        lookups: Profiles::none().lookups,
    };
    if candidates.is_empty() {
        return (0, None);
    }
    // EVTX records are Windows events by the file's signature: every EVTX profile applies.
    if format == Format::Evtx {
        let named: Vec<&str> = candidates.candidates().map(|(_, p)| p.name).collect();
        return (
            candidates.mask,
            Some(format!(
                "profile {} (Windows event records)",
                named.join(", ")
            )),
        );
    }
    let head = &data[..data.len().min(SAMPLE_BYTES)];
    let complete = head.len() == data.len();
    let (header, records) = sample_records(head, format, complete);
    let columns = header.map(|h| crate::normalize::csv::Columns::from_header(&h));
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for r in &records {
        let found = match &columns {
            Some(cols) => {
                let row = crate::normalize::csv::cells(r);
                recognize_all(&candidates, |sink| {
                    cols.walk(&row, sink);
                    Ok(())
                })
            }
            None => recognize_all(&candidates, |sink| {
                crate::normalize::json::walk_object(r, |p, l| sink(p, l))
                    .map_err(|e| crate::accounting::RejectReason::new("invalid JSON", e.0))
            }),
        };
        for i in found {
            match hits.iter_mut().find(|(j, _)| *j == i) {
                Some((_, n)) => *n += 1,
                None => hits.push((i, 1)),
            }
        }
    }
    if hits.is_empty() {
        return (0, None);
    }
    // In the order records are tried (the set's order: specific profiles before generic ones).
    hits.sort_by_key(|(i, _)| *i);
    let mask = hits.iter().fold(0u64, |m, (i, _)| m | 1 << i);
    let named: Vec<String> = hits
        .iter()
        .map(|(i, n)| {
            let p = &set.profiles[*i];
            format!(
                "profile {} ({} {}): {n} of {} records have {}",
                p.name,
                p.vendor,
                p.product,
                records.len(),
                p.recognized_by(set)
            )
        })
        .collect();
    (mask, Some(named.join("; ")))
}

/// The first records of `head` as `format` frames them (and the CSV header row).
fn sample_records(head: &[u8], format: Format, complete: bool) -> (Option<String>, Vec<String>) {
    let framed = frame::frame(head, usize::MAX, format.framing());
    let mut header = None;
    let mut out = Vec::new();
    for chunk in &framed.chunks {
        for r in frame::records(head, &framed, *chunk, format.framing()) {
            if r.unterminated && !complete {
                continue;
            }
            let text = String::from_utf8_lossy(r.bytes).into_owned();
            if r.header {
                header = Some(text);
                continue;
            }
            if text.trim().is_empty() {
                continue;
            }
            out.push(text);
            if out.len() >= PROFILE_SAMPLE_RECORDS {
                return (header, out);
            }
        }
    }
    (header, out)
}

/// The grammar of `data`, from its first records. Each candidate format is scored by how
/// many sampled records it reads fully (grammar and time); the best score wins, ties going to
/// the more specific format (CEF before the syslog it may be wrapped in, RFC 5424 before
/// RFC 3164).
fn detect_format(data: &[u8]) -> Detection {
    if data.is_empty() {
        return Detection {
            profiles: 0,
            format: None,
            reason: "empty input".into(),
        };
    }
    // Binary formats first, by their signature: the text checks below reject NUL bytes.
    if data.starts_with(crate::frame::evtx::FILE_MAGIC) {
        return Detection {
            profiles: 0,
            format: Some(Format::Evtx),
            reason: "EVTX file header signature (ElfFile\\0)".into(),
        };
    }
    let head = &data[..data.len().min(SAMPLE_BYTES)];
    if memchr::memchr(0, &head[..head.len().min(4096)]).is_some() {
        return Detection {
            profiles: 0,
            format: None,
            reason: "binary data (NUL bytes in the first 4 KiB): not a supported text format"
                .into(),
        };
    }
    let complete = head.len() == data.len();
    if let Some(d) = detect_zeek(head) {
        return d;
    }
    if let Some(d) = detect_json_document(head, complete) {
        return d;
    }
    if let Some(d) = detect_csv(head, complete) {
        return d;
    }
    let sample: Vec<String> = frame::sample_lines(head)
        .filter(|l| !l.unterminated || complete)
        .map(|l| String::from_utf8_lossy(l.bytes).into_owned())
        .filter(|s| !s.trim().is_empty())
        .take(SAMPLE_RECORDS)
        .collect();
    if sample.is_empty() {
        return Detection {
            profiles: 0,
            format: None,
            reason: "no records (only blank lines)".into(),
        };
    }
    const PRIORITY: [Format; 7] = [
        Format::Ndjson,
        Format::Cef,
        Format::Leef,
        Format::Rfc5424,
        Format::Rfc3164,
        Format::Auditd,
        Format::Kv,
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
            profiles: 0,
            format: None,
            reason: format!(
                "no known format: at best {ok} of the first {} records read as {}",
                sample.len(),
                format.name()
            ),
        },
        Some((ok, format)) => Detection {
            profiles: 0,
            format: Some(format),
            reason: format!(
                "{ok} of the first {} records read as {}{}",
                sample.len(),
                format.name(),
                hint(format, &sample)
            ),
        },
        None => Detection {
            profiles: 0,
            format: None,
            reason: format!(
                "none of the first {} records read as any known format",
                sample.len()
            ),
        },
    }
}

/// A JSON document rather than JSON lines: a top-level array, a wrapper object whose array
/// holds the records, or objects that span several lines. Decided from the record spans of
/// the head: most complete elements must be JSON objects.
fn detect_json_document(head: &[u8], complete: bool) -> Option<Detection> {
    let start = head
        .iter()
        .position(|b| !b" \t\r\n".contains(b) && *b != 0xEF && *b != 0xBB && *b != 0xBF)?;
    let first = head[start];
    if first != b'[' && first != b'{' {
        return None;
    }
    let framed = frame::frame(head, usize::MAX, frame::Framing::Json);
    let spans: Vec<_> = framed
        .spans
        .iter()
        .filter(|s| !s.incomplete || complete)
        .take(SAMPLE_RECORDS)
        .collect();
    let first_span = spans.first()?;
    let text = |s: &frame::Span| {
        String::from_utf8_lossy(&head[s.offset as usize..(s.offset + u64::from(s.len)) as usize])
            .into_owned()
    };
    let shape = if first == b'[' {
        "a top-level array"
    } else if first_span.offset as usize != start {
        "a wrapper object's array"
    } else if text(first_span).contains('\n') {
        "concatenated multi-line objects"
    } else {
        // One object per line: NDJSON, decided with the line formats.
        return None;
    };
    let ok = spans
        .iter()
        .filter(|s| {
            let t = text(s);
            t.trim_start().starts_with('{')
                && crate::normalize::json::walk_object(&t, |_, _| {}).is_ok()
        })
        .count();
    (ok * 2 >= spans.len() && ok > 0).then(|| Detection {
        profiles: 0,
        format: Some(Format::Json),
        reason: format!(
            "{ok} of the first {} elements of {shape} are JSON objects",
            spans.len()
        ),
    })
}

/// Zeek TSV: the file starts with Zeek's `#separator` directive (a btest banner line before
/// it is allowed).
fn detect_zeek(head: &[u8]) -> Option<Detection> {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let line = text.lines().find(|l| !l.starts_with("###"))?;
    let fields = text.lines().find(|l| l.starts_with("#fields"));
    (line.starts_with("#separator ") && fields.is_some()).then(|| Detection {
        profiles: 0,
        format: Some(Format::Zeek),
        reason: "Zeek #separator and #fields header directives".into(),
    })
}

/// CSV with a header row: a first record of at least two comma-separated names, and most of
/// the following rows reading as events under that header.
fn detect_csv(head: &[u8], complete: bool) -> Option<Detection> {
    let framed = frame::frame(head, usize::MAX, frame::Framing::Csv);
    let mut spans = framed
        .spans
        .iter()
        .filter(|s| s.len > 0 && (!s.incomplete || complete));
    let header = spans.next()?;
    let at = |s: &frame::Span| {
        String::from_utf8_lossy(&head[s.offset as usize..(s.offset + u64::from(s.len)) as usize])
            .into_owned()
    };
    let header_text = at(header);
    let columns = crate::normalize::csv::Columns::from_header(&header_text);
    let names = crate::normalize::csv::cells(&header_text);
    // Column names: short, not empty, not starting with a digit (a time stamp followed by a
    // comma is a log line, not a header).
    let plausible = names.len() >= 2
        && names.iter().all(|n| {
            let n = n.trim();
            !n.is_empty()
                && n.len() <= 80
                && !n.contains('{')
                && !n.starts_with(|c: char| c.is_ascii_digit())
        });
    if !plausible {
        return None;
    }
    let rows: Vec<String> = spans.take(SAMPLE_RECORDS).map(at).collect();
    if rows.is_empty() {
        return None;
    }
    let p = Provenance {
        input: 0,
        line: 1,
        offset: 0,
        length: 0,
        format: Format::Csv,
    };
    let ok = rows
        .iter()
        .filter(|r| {
            crate::normalize::csv::normalize(r, p, crate::normalize::Detail::Scan, &columns).is_ok()
        })
        .count();
    (ok * 2 >= rows.len() && ok > 0).then(|| Detection {
        profiles: 0,
        format: Some(Format::Csv),
        reason: format!(
            "a header row of {} columns and {ok} of the next {} rows read as events",
            names.len(),
            rows.len()
        ),
    })
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
        // LEEF likewise; a LEEF record is LEEF whether or not it has a time (IBM's own
        // examples have none: they are counted rejections, not another format).
        Format::Leef => record.contains("LEEF:") && parsers::leef::parse_leef(record).is_ok(),
        // key=value pairs are everywhere (CEF extensions, syslog messages): only lines that
        // start with a pair and hold at least three, and are not CEF/LEEF/JSON.
        Format::Kv if !crate::normalize::kv::plausible(record) => false,
        // A JSON object is NDJSON whether or not it has a time (records without one are
        // counted rejections, not a reason to call the file something else).
        Format::Ndjson => {
            record.trim_start().starts_with('{')
                && crate::normalize::json::walk_object(record, |_, _| {}).is_ok()
        }
        _ => normalize_record(
            format,
            record,
            p,
            crate::normalize::Detail::Scan,
            &crate::normalize::Schema::None,
            &Profiles::none(),
        )
        .is_ok(),
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
        Format::Leef => {
            let leef: Vec<&String> = sample
                .iter()
                .filter(|s| reads_as(Format::Leef, s))
                .collect();
            let bare = leef
                .iter()
                .filter(|s| s.trim_start().starts_with("LEEF:"))
                .count();
            // A LEEF 1.0 delimiter other than TAB, found in the attributes (PAN-OS writes `|`).
            let detected = sample.iter().find_map(|s| {
                parsers::leef::parse_leef(s).ok().and_then(|l| {
                    (l.delimiter_source == parsers::leef::DelimiterSource::Detected)
                        .then_some(l.delimiter)
                })
            });
            format!(
                " ({}{})",
                match bare {
                    0 => "LEEF behind a syslog header",
                    n if n == leef.len() => "bare LEEF",
                    _ => "bare and syslog-wrapped LEEF",
                },
                detected
                    .map(|d| format!(
                        "; attributes separated by '{d}' instead of TAB, as PAN-OS writes them"
                    ))
                    .unwrap_or_default()
            )
        }
        Format::Rfc5424 => " (<PRI>VERSION header)".into(),
        Format::Ndjson => " (one JSON object per line)".into(),
        Format::Kv => {
            if sample
                .iter()
                .any(|s| s.contains("devname=") || s.contains("eventtime="))
            {
                " (key=value pairs: FortiGate)".into()
            } else {
                " (key=value pairs)".into()
            }
        }
        Format::Auditd => " (type=… msg=audit(time:serial) records)".into(),
        Format::Json | Format::Csv | Format::Zeek | Format::Evtx => String::new(),
    }
}
