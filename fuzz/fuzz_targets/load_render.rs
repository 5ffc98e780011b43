//! Arbitrary bytes through load → validate → render: no panic, and every
//! catalogue that validates renders Rust that `syn::parse_file` accepts.

#![no_main]

#[path = "../../tests/support/pipeline_properties.rs"]
mod pipeline_properties;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    pipeline_properties::check_pipeline(bytes);
});
