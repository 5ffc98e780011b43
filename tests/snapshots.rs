//! Every renderer's output, on the real catalogue and on each fixture, pinned
//! with insta; the runtime templates, the same for every catalogue, on the real
//! catalogue only. Review changes with `cargo insta review`.

mod support;

use std::collections::BTreeSet;

#[test]
fn every_rendered_file_matches_its_snapshot() {
    for spec in support::snapshot_specs() {
        let text = std::fs::read_to_string(&spec).unwrap();
        let label = spec.file_name().unwrap().to_string_lossy();
        let loaded = codegen::parse_spec(&text, &label).unwrap_or_else(|err| panic!("{err}"));
        let outputs = codegen::render::OUTPUTS
            .iter()
            .filter(|(output, _)| support::is_snapshotted(&spec, output));
        for (output, render) in outputs {
            insta::with_settings!({
                prepend_module_to_snapshot => false,
                snapshot_path => "snapshots",
                description => format!("{output} rendered from {label}"),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(support::snapshot_name(&spec, output), render(&loaded.model));
            });
        }
    }
}

#[test]
fn no_snapshot_file_is_orphaned() {
    let dir = support::workspace().join("tests/snapshots");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap"))
        .collect();
    let expected: BTreeSet<String> = support::expected_snapshot_files().into_iter().collect();
    let orphaned: Vec<&String> = on_disk.difference(&expected).collect();
    assert!(
        orphaned.is_empty(),
        "these snapshots are no longer asserted by any test; delete them: {orphaned:?}"
    );
    let missing: Vec<&String> = expected.difference(&on_disk).collect();
    assert!(
        missing.is_empty(),
        "these snapshots were never reviewed; run `cargo insta review`: {missing:?}"
    );
}
