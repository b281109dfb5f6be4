//! The integration test binary: drives the built `afterlog` CLI.

mod cli;
mod corpus;
mod correlation;
mod formats_documents;
mod formats_evtx;
mod formats_kv_auditd;
mod formats_leef_asa;
mod input_edges;
mod profiles;
mod sample_incident;
mod scenario_a;
mod scenario_b;
mod scenario_c;
mod scenario_d;
mod scenario_e;
mod scenario_f;
mod util;
mod vendor_crowdstrike_s1_cloud;
mod vendor_elastic_suricata;
mod vendor_microsoft;
mod vendor_splunk;
