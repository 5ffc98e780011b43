//! Every broken catalogue under `tests/fixtures/invalid/` stops the generator
//! with exactly the message pinned in `tests/snapshots/invalid/`, exit code 1,
//! and nothing written.

mod support;

use std::path::PathBuf;

fn invalid_specs() -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(support::workspace().join("tests/fixtures/invalid"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    specs.sort();
    specs
}

fn snapshot_name(spec: &std::path::Path) -> String {
    spec.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn each_broken_catalogue_is_refused_with_its_exact_message() {
    let workspace = support::workspace();
    let prefix = format!("{}{}", workspace.display(), std::path::MAIN_SEPARATOR);
    for spec in invalid_specs() {
        let out = tempfile::tempdir().unwrap();
        let run = support::xtask(&[&"codegen", &"--deny-warnings", &"--spec", &spec, &"--out", &out.path()]);
        let label = spec.display().to_string();
        assert_eq!(run.status, 1, "{label} was not refused:\n{}", run.stderr);
        assert_eq!(run.stdout, "", "{label}");
        assert_eq!(
            std::fs::read_dir(out.path()).unwrap().count(),
            0,
            "{label}: something was written"
        );
        insta::with_settings!({
            prepend_module_to_snapshot => false,
            snapshot_path => "snapshots/invalid",
            description => format!("cargo xtask codegen --deny-warnings --spec {}", label.replace(&prefix, "")),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(snapshot_name(&spec), run.stderr.replace(&prefix, ""));
        });
    }
}

#[test]
fn every_invalid_snapshot_belongs_to_a_fixture() {
    let expected = invalid_specs()
        .into_iter()
        .map(|spec| format!("{}.snap", snapshot_name(&spec)));
    support::assert_snapshot_folder_holds_exactly("snapshots/invalid", expected);
}
