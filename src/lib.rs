//! afterlog: security incident log exports in, an evidence-backed timeline out.
//!
//! ```text
//! paths ─ input ─▶ Source (mapped/read/gunzipped bytes, SHA-256)
//!        detect ─▶ Format per input (with the reason)
//!         frame ─▶ chunks at record boundaries ─┐ rayon, indexed (order kept)
//!     normalize ─▶ Event per record, or a counted skip / located rejection
//!   scan (pass 1) ─▶ tallies, spans, year plans; notable events kept
//!      pipeline ─▶ years resolved, later passes (collect) read what incidents reach
//!     correlate ─▶ incidents, phases, metrics (pure function)
//!        output ─▶ timeline JSON / events NDJSON (the only writer)
//! ```
//!
//! See ARCHITECTURE.md for what each stage owns and the invariants.
#![deny(unsafe_code)]

pub mod accounting;
pub mod bloom;
pub mod cli;
pub mod clock;
pub mod collect;
pub mod config;
pub mod correlate;
pub mod detect;
pub mod error;
pub mod event;
pub mod format;
pub mod frame;
pub mod input;
pub mod job;
pub mod join;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod profile;
pub mod progress;
pub mod scan;
pub mod trace;

pub use config::Config;
pub use error::{Error, Result};
