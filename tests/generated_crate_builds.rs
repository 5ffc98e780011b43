//! A generated crate is complete on its own: the real `cargo` builds it, runs
//! its generated tests with and without features, and documents and lints it
//! warning-free, each feature alone and all together — on the fixture full of
//! hostile strings, on the real catalogue, on integer codes and on the real
//! APIs' catalogues (one workspace over the runtime crate).

mod support;

use support::Tests;

#[test]
fn the_hostile_strings_fixture_becomes_a_crate_that_builds_tests_and_documents_cleanly() {
    let (_dir, out) = support::generate_crate(&support::workspace().join("tests/fixtures/odd_strings.yaml"), &[]);
    support::build_test_lint_and_document(&out, Tests::CatalogueOnly);
}

#[test]
fn the_real_catalogue_becomes_a_crate_that_builds_on_its_own() {
    let (_dir, out) = support::generate_crate(&support::workspace().join(errcat_codegen::DEFAULT_SPEC), &[]);
    // Each feature alone is linted on the hostile-strings crate, whose
    // features are these: which items a feature gates comes from the
    // runtime's table, not from the catalogue.
    support::build_test_lint_and_document_with_all_features(&out, Tests::All);
}

#[test]
fn every_real_catalogue_generates_without_warnings_and_builds_tests_lints_and_documents() {
    let specs = support::real_specs();
    assert!(specs.len() >= 4, "{specs:?}");
    // One workspace over this repository's runtime crate (`runtime: crate`):
    // the runtime is compiled once for all of them, not once per crate, and
    // cargo builds the crates side by side. Their inline copies are the same
    // text, byte for byte (`runtime_modes`). Each feature alone is linted on
    // the other crates here, strings and integers alike: the real catalogues
    // add envelopes, not feature gates.
    let dir = tempfile::tempdir().unwrap();
    let runtime = support::workspace().join("runtime");
    let mut members = Vec::new();
    for spec in &specs {
        let name = spec.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(spec).unwrap();
        let crate_mode = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&crate_mode, format!("{text}\nruntime: crate\n")).unwrap();
        let out = dir.path().join(name);
        let command: [&dyn AsRef<std::ffi::OsStr>; 8] = [
            &"codegen",
            &"--spec",
            &crate_mode,
            &"--out",
            &out,
            &"--deny-warnings",
            &"--runtime-path",
            &runtime,
        ];
        let run = support::xtask(&command);
        assert_eq!(run.status, 0, "{}: {}", spec.display(), run.stderr);
        members.push(format!("{name:?}"));
    }
    let manifest = format!("[workspace]\nmembers = [{}]\nresolver = \"3\"\n", members.join(", "));
    std::fs::write(dir.path().join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(support::workspace().join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();
    support::build_test_lint_and_document_with_all_features(dir.path(), Tests::All);
}

#[test]
fn the_integer_codes_fixture_becomes_a_crate_whose_codes_round_trip_through_their_numbers() {
    let spec = support::workspace().join("tests/fixtures/integer_codes.yaml");
    let (_dir, out) = support::generate_crate(&spec, &[&"--deny-warnings"]);
    support::build_test_lint_and_document(&out, Tests::CatalogueOnly);
}
