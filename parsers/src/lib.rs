//! afterlog's wire grammars.
//!
//! Every parser here takes a borrowed record (`&str`, one framed record without its line end) and
//! returns borrowed fields. The crate does no I/O, reads no clock, spawns no threads and never
//! panics on any input: malformed input is an `Err(ParseError)` with the byte offset of the fault.
//! Timestamps come back as [`timestamp::CivilTime`] / [`timestamp::TimeValue`], which may lack a
//! year or an offset; filling those in is the engine's job (`normalize::time`).
#![forbid(unsafe_code)]

pub mod auditd;
pub mod cef;
pub mod cisco_asa;
pub mod error;
mod grammar;
pub mod kv;
pub mod leef;
pub mod linux_auth;
pub mod primitives;
pub mod syslog;
pub mod timestamp;
pub mod zeek;

pub use error::{ParseError, ParseErrorKind};
