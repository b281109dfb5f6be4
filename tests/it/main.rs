//! The integration test binary: drives the built `afterlog` CLI.

mod cli;
mod corpus;
mod formats_documents;
mod formats_evtx;
mod formats_kv_auditd;
mod formats_leef_asa;
mod input_edges;
mod sample_incident;
mod util;
