//! Every native integration test, one binary with a module per feature.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod archive;
mod cli;
mod conformance;
mod corpus;
mod diff;
mod hostile;
mod hostile_fuzz;
mod hostile_zip;
mod scan;
mod secrets;
