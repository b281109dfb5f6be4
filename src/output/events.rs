//! `afterlog events`: every normalized event, one JSON object per line, in time order.

use std::io::{self, Write};

use super::event_out;
use crate::event::OwnedEvent;
use crate::pipeline::Run;

/// Events rendered per batch (in parallel by the caller), written in order.
pub const BATCH: usize = 8192;

/// One event's line of `afterlog events`.
pub fn render_line(run: &Run, e: &OwnedEvent) -> Vec<u8> {
    let mut line = serde_json::to_vec(&event_out(e, &run.inputs, None, true)).unwrap_or_default();
    line.push(b'\n');
    line
}

/// Writes `events` (already in time order) as NDJSON, rendering each batch of [`BATCH`] events
/// with `render` (which may work in parallel, but must return the lines in order) so the output
/// does not depend on the thread count. A writer thread writes each rendered batch while the
/// next is read and rendered (the output is several times the input: writing it is system
/// time the rendering need not wait for); at most two batches wait for it.
pub fn write_events(
    events: impl Iterator<Item = OwnedEvent>,
    render: impl Fn(&[OwnedEvent]) -> Vec<Vec<u8>>,
    out: &mut (impl Write + Send),
) -> io::Result<()> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Vec<u8>>>(2);
        let writer = scope.spawn(move || -> io::Result<()> {
            for lines in rx {
                for line in lines {
                    out.write_all(&line)?;
                }
            }
            out.flush()
        });
        let mut batch: Vec<OwnedEvent> = Vec::with_capacity(BATCH);
        let mut events = events.peekable();
        while events.peek().is_some() {
            batch.clear();
            batch.extend(events.by_ref().take(BATCH));
            // The writer stops only on an error, which its result reports.
            if tx.send(render(&batch)).is_err() {
                break;
            }
        }
        drop(tx);
        writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Event, Kind, Provenance};
    use crate::format::Format;

    fn ev(offset: u64) -> OwnedEvent {
        let p = Provenance {
            input: 0,
            line: offset + 1,
            offset,
            length: 1,
            format: Format::Ndjson,
        };
        Event::new(Kind::Other, "x", p).into_owned()
    }

    fn render(batch: &[OwnedEvent]) -> Vec<Vec<u8>> {
        batch
            .iter()
            .map(|e| format!("{}\n", e.provenance.offset).into_bytes())
            .collect()
    }

    #[test]
    fn every_batch_is_written_in_order_by_the_writer_thread() {
        let n = 3 * BATCH as u64 + 17;
        let mut out: Vec<u8> = Vec::new();
        write_events((0..n).map(ev), render, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let got: Vec<u64> = text.lines().map(|l| l.parse().unwrap()).collect();
        assert_eq!(got, (0..n).collect::<Vec<_>>());
    }

    /// Fails after `room` bytes, as a full disk does.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room < buf.len() {
                return Err(io::Error::other("no space left"));
            }
            self.room -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_error_ends_the_run_and_is_reported() {
        let mut out = Full { room: 100 };
        let err = write_events((0..5 * BATCH as u64).map(ev), render, &mut out).unwrap_err();
        assert_eq!(err.to_string(), "no space left");
    }
}
