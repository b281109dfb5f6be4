//! The integration test binary: drives the built `afterlog` CLI.

mod cli;
mod corpus;
mod input_edges;
mod sample_incident;
mod util;
