//! What `cargo xtask` does besides generating, each on a validated
//! [`crate::model::Model`] or none: [`compat`] compares two catalogues,
//! [`explain`] prints one code's entry, [`synth`] writes a synthetic catalogue.

pub mod compat;
pub mod explain;
pub mod synth;
