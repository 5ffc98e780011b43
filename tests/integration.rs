//! Every integration test of the generator but the crate build, one module per
//! subject, in a single test binary: one link of axum, reqwest and the
//! generator instead of one per file. Run one subject with a filter, e.g.
//! `cargo test -p catalogue-tests --test integration drift::`.

mod support;

mod client_server;
mod compat_and_explain;
mod drift;
mod exports;
mod hostile;
mod invalid_catalogues;
mod random_catalogues;
mod snapshots;
