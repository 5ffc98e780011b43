//! What a published crate needs: the catalogue's `license`, `repository`,
//! `rust_version` and `keywords` reach the generated `Cargo.toml`, and
//! `cargo package` takes the crate (offline, without the verifying build,
//! which would need the registry).

use std::process::Command;

use errcat_codegen::Generator;

use crate::support;

#[test]
fn a_crate_from_a_catalogue_with_publishing_keys_packages_without_warnings() {
    let spec = support::workspace().join("tests/fixtures/one_category.yaml");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("payments-errors");
    Generator::from_spec_file(&spec)
        .and_then(|generator| generator.write(&out))
        .unwrap_or_else(|err| panic!("{err}"));
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    for line in [
        "rust-version = \"1.80\"\n",
        "repository = \"https://git.payments.example/api\"\n",
        "license = \"MIT\"\n",
        "keywords = [\"payments\", \"errors\", \"api-client\"]\n",
    ] {
        assert!(manifest.contains(line), "{line}in\n{manifest}");
    }
    let package = Command::new(env!("CARGO"))
        .args(["package", "--no-verify", "--offline", "--quiet"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", dir.path().join("target"))
        .output()
        .expect("this test runs `cargo package`");
    let stderr = String::from_utf8_lossy(&package.stderr);
    assert!(package.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(dir.path().join("target/package/payments-errors-2.3.1.crate").exists());
}

#[test]
fn publishing_keys_cargo_would_refuse_are_refused_with_their_key_paths() {
    let text = std::fs::read_to_string(support::workspace().join("tests/fixtures/one_category.yaml")).unwrap();
    let broken = text
        .replace(
            "repository: https://git.payments.example/api",
            "repository: git@payments.example:api",
        )
        .replace("rust_version: \"1.80\"", "rust_version: \"1.80-beta\"")
        .replace(
            "keywords: [payments, errors, api-client]",
            "keywords: [a, b, c, d, e, 9lives]",
        );
    let err = Generator::from_spec_text(&broken, "one_category.yaml")
        .unwrap_err()
        .to_string();
    for (path, message) in [
        ("repository", "is not a usable repository address"),
        ("rust_version", "is not a Rust version cargo accepts"),
        ("keywords", "6 keywords are more than crates.io takes (5)"),
        ("keywords[5]", "`9lives` is not a keyword crates.io takes"),
    ] {
        assert!(err.contains(message), "{path}: {err}");
        assert!(err.contains(&format!(" {path}\n")), "{path}: {err}");
    }
}
