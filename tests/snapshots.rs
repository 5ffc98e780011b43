//! Every renderer's output that depends on the catalogue, on each fixture,
//! pinned with insta, and the documentation outputs of the real APIs'
//! catalogues under `tests/fixtures/real/` (their code is built and tested
//! by `real_catalogues` and `real_replies`). Review changes with
//! `cargo insta review`. The real catalogue's snapshot is the committed
//! `generated/` itself, pinned by
//! `drift::committed_generated_tree_matches_the_spec`; so are the outputs that
//! are the same for every catalogue (the runtime templates).

use std::path::Path;

use errcat_codegen::Generator;

use crate::support;

/// Whether `output` of a real API's catalogue is snapshotted: its
/// documentation, what a reader of that API sees.
fn is_snapshotted_for_real(output: &str) -> bool {
    output.starts_with("docs/") && support::is_snapshotted(output)
}

/// The snapshot name of one output of a real API's catalogue, kept apart
/// from the fixtures' by its `real_` prefix.
fn real_snapshot_name(spec: &Path, output: &str) -> String {
    format!("real_{}", support::snapshot_name(spec, output))
}

fn assert_outputs_match(spec: &Path, keep: fn(&str) -> bool, name: fn(&Path, &str) -> String) {
    let text = std::fs::read_to_string(spec).unwrap();
    let label = spec.file_name().unwrap().to_string_lossy();
    let generator = Generator::from_spec_text(&text, &label).unwrap_or_else(|err| panic!("{err}"));
    let files = generator.render().unwrap_or_else(|err| panic!("{err}"));
    for file in files.iter().filter(|file| keep(&file.path)) {
        insta::with_settings!({
            prepend_module_to_snapshot => false,
            snapshot_path => "snapshots",
            description => format!("{} rendered from {label}", file.path),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name(spec, &file.path), file.contents);
        });
    }
}

#[test]
fn every_rendered_file_matches_its_snapshot() {
    for spec in support::fixture_specs() {
        assert_outputs_match(&spec, support::is_snapshotted, support::snapshot_name);
    }
}

#[test]
fn every_real_apis_documentation_matches_its_snapshot() {
    for spec in support::real_specs() {
        assert_outputs_match(&spec, is_snapshotted_for_real, real_snapshot_name);
    }
}

#[test]
fn no_snapshot_file_is_orphaned() {
    let mut expected = support::expected_snapshot_files();
    for spec in support::real_specs() {
        expected.extend(
            errcat_codegen::render::OUTPUTS
                .iter()
                .filter(|(output, _)| is_snapshotted_for_real(output))
                .map(|(output, _)| format!("{}.snap", real_snapshot_name(&spec, output))),
        );
    }
    support::assert_snapshot_folder_holds_exactly("snapshots", expected);
}
