//! The properties every input must keep, whatever its bytes: shared by the
//! proptest suite (`tests/random_catalogues.rs`) and the cargo-fuzz target
//! (`fuzz/fuzz_targets/load_render.rs`), so both check exactly the same thing.

/// Runs load → validate → render on `bytes` and checks that nothing panics,
/// that a refusal prints and names at least one error, and that every Rust file rendered from a
/// catalogue that validates parses with `syn::parse_file`. Returns whether the
/// catalogue validated.
pub fn check_pipeline(bytes: &[u8]) -> bool {
    match errcat_codegen::Generator::from_spec_bytes(bytes, "input.yaml") {
        Err(err) => {
            let message = err.to_string();
            let errcat_codegen::Error::Invalid(diagnostics) = &err else {
                panic!("bytes in memory can only be invalid, not: {message}")
            };
            assert!(
                diagnostics
                    .iter()
                    .any(|d| d.severity == errcat_codegen::validate::Severity::Error),
                "a refusal must carry at least one error: {message}"
            );
            false
        }
        Ok(generator) => {
            let files = generator
                .render()
                .unwrap_or_else(|err| panic!("a valid catalogue must render: {err}"));
            for file in files {
                if file.path.ends_with(".rs")
                    && let Err(err) = syn::parse_file(&file.contents)
                {
                    panic!("{} does not parse: {err}\n{}", file.path, file.contents);
                }
            }
            true
        }
    }
}
