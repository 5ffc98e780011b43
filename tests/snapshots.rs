//! Every renderer's output that depends on the catalogue, on each fixture,
//! pinned with insta. Review changes with `cargo insta review`. The real
//! catalogue's snapshot is the committed `generated/` itself, pinned by
//! `drift::committed_generated_tree_matches_the_spec`; so are the outputs that
//! are the same for every catalogue (the runtime templates).

use errcat_codegen::Generator;

use crate::support;

#[test]
fn every_rendered_file_matches_its_snapshot() {
    for spec in support::fixture_specs() {
        let text = std::fs::read_to_string(&spec).unwrap();
        let label = spec.file_name().unwrap().to_string_lossy();
        let generator = Generator::from_spec_text(&text, &label).unwrap_or_else(|err| panic!("{err}"));
        let files = generator.render().unwrap_or_else(|err| panic!("{err}"));
        for file in files.iter().filter(|file| support::is_snapshotted(&file.path)) {
            insta::with_settings!({
                prepend_module_to_snapshot => false,
                snapshot_path => "snapshots",
                description => format!("{} rendered from {label}", file.path),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(support::snapshot_name(&spec, &file.path), file.contents);
            });
        }
    }
}

#[test]
fn no_snapshot_file_is_orphaned() {
    support::assert_snapshot_folder_holds_exactly("snapshots", support::expected_snapshot_files());
}
