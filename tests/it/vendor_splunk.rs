//! Vendor profile tests (vendor_splunk): fixtures written from the vendors' documentation and the corpus
//! samples, read through `afterlog` as an analyst would.

#[allow(unused_imports)]
use crate::util::*;
