//! A generated crate is complete on its own: the real `cargo` builds it, runs
//! its generated tests with and without features, and documents and lints it
//! warning-free, each feature alone and all together — on the fixture full of
//! hostile strings and on the real catalogue.

mod support;

use std::path::Path;
use std::process::Command;

fn cargo(dir: &Path, subcommand: &str, args: &[&str]) {
    // A target folder shared across runs keeps this test fast after the first.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-crates");
    let output = Command::new(env!("CARGO"))
        .args([subcommand, "--offline"])
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "`cargo {subcommand} {}` failed in the generated crate:\n{}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Generates `spec` with `--out` into a temporary folder, then builds, tests,
/// lints and documents the result with and without its features.
fn generate_and_build(spec: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("generated-crate");
    let run = support::xtask(&[&"codegen", &"--spec", &spec, &"--out", &out]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    // The workspace lock pins the same serde versions, so this works offline.
    std::fs::copy(support::workspace().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();

    cargo(&out, "test", &["--quiet"]);
    cargo(&out, "test", &["--quiet", "--all-features"]);
    cargo(
        &out,
        "clippy",
        &["--quiet", "--all-features", "--all-targets", "--", "-D", "warnings"],
    );
    cargo(&out, "doc", &["--quiet", "--no-deps"]);
    cargo(&out, "doc", &["--quiet", "--no-deps", "--all-features"]);
    for feature in features(&out) {
        let alone = [
            "--quiet",
            "--all-targets",
            "--no-default-features",
            "--features",
            &feature,
        ];
        cargo(&out, "clippy", &[&alone[..], &["--", "-D", "warnings"]].concat());
    }
}

/// The features the generated `Cargo.toml` declares, `default` aside: each
/// must build alone, not only together with the others.
fn features(crate_dir: &Path) -> Vec<String> {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap();
    let section = manifest.split("\n[features]\n").nth(1).expect("a [features] table");
    let features: Vec<String> = section
        .lines()
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = ").map(|(name, _)| name.to_owned()))
        .filter(|name| name != "default")
        .collect();
    assert!(features.len() >= 5, "{features:?}");
    features
}

#[test]
fn the_hostile_strings_fixture_becomes_a_crate_that_builds_tests_and_documents_cleanly() {
    generate_and_build(&support::workspace().join("tests/fixtures/odd_strings.yaml"));
}

#[test]
fn the_real_catalogue_becomes_a_crate_that_builds_on_its_own() {
    generate_and_build(&support::workspace().join(errcat_codegen::DEFAULT_SPEC));
}
