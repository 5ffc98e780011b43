//! A generated crate is complete on its own: the real `cargo` builds it, runs
//! its generated tests with and without features, and documents and lints it
//! warning-free, each feature alone and all together — on the fixture full of
//! hostile strings and on the real catalogue.

mod support;

#[test]
fn the_hostile_strings_fixture_becomes_a_crate_that_builds_tests_and_documents_cleanly() {
    let (_dir, out) = support::generate_crate(&support::workspace().join("tests/fixtures/odd_strings.yaml"), &[]);
    support::build_test_lint_and_document(&out);
}

#[test]
fn the_real_catalogue_becomes_a_crate_that_builds_on_its_own() {
    let (_dir, out) = support::generate_crate(&support::workspace().join(errcat_codegen::DEFAULT_SPEC), &[]);
    support::build_test_lint_and_document(&out);
}

#[test]
fn every_real_catalogue_generates_without_warnings_and_builds_tests_lints_and_documents() {
    let mut specs: Vec<_> = std::fs::read_dir(support::workspace().join("tests/fixtures/real"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    specs.sort();
    assert!(specs.len() >= 4, "{specs:?}");
    // Each feature alone is linted on the other crates here, strings and
    // integers alike: the real catalogues add envelopes, not feature gates.
    for spec in specs {
        let (_dir, out) = support::generate_crate(&spec, &[&"--deny-warnings"]);
        support::build_test_lint_and_document_with_all_features(&out);
    }
}

#[test]
fn the_integer_codes_fixture_becomes_a_crate_whose_codes_round_trip_through_their_numbers() {
    let spec = support::workspace().join("tests/fixtures/integer_codes.yaml");
    let (_dir, out) = support::generate_crate(&spec, &[&"--deny-warnings"]);
    support::build_test_lint_and_document(&out);
}
