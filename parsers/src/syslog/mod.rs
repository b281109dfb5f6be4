//! Syslog: RFC 3164 (as found on disk and on the wire) and RFC 5424.

pub mod envelope;
pub mod rfc3164;
pub mod rfc5424;

pub use envelope::{parse_envelope, SyslogEnvelope};
pub use rfc3164::{parse_rfc3164, Rfc3164};
pub use rfc5424::{parse_rfc5424, Rfc5424, SdElement, SdParam, Strictness};

#[cfg(test)]
mod robustness_tests;
#[cfg(test)]
pub(crate) mod test_support;
