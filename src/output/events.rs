//! `afterlog events`: every normalized event, one JSON object per line, in time order.

use std::io::{self, Write};

use super::event_out;
use crate::event::OwnedEvent;
use crate::pipeline::Run;

/// Writes `events` (already in time order) as NDJSON.
pub fn write_events(
    run: &Run,
    events: impl Iterator<Item = OwnedEvent>,
    out: &mut impl Write,
) -> io::Result<()> {
    for e in events {
        serde_json::to_writer(&mut *out, &event_out(&e, &run.inputs, None, true))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
