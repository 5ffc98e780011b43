//! Shared by the test files: where things are, and which snapshots exist.

#![allow(dead_code)] // each test binary uses its own subset

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// The valid fixture catalogues under `tests/fixtures/`, sorted.
pub fn fixture_specs() -> Vec<PathBuf> {
    let dir = workspace().join("tests/fixtures");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    specs.sort();
    specs
}

/// The real APIs' catalogues under `tests/fixtures/real/`, sorted.
pub fn real_specs() -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(workspace().join("tests/fixtures/real"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    specs.sort();
    specs
}

/// The catalogues whose TypeScript and Python clients the tests generate
/// and run, besides the committed OFAuth ones: the real APIs' and the
/// fixtures with hostile strings and integer codes.
pub fn client_specs() -> Vec<PathBuf> {
    let fixtures = workspace().join("tests/fixtures");
    let mut specs = real_specs();
    specs.extend(["odd_strings.yaml", "integer_codes.yaml"].map(|name| fixtures.join(name)));
    specs
}

/// Every catalogue: the real spec first, then the fixtures.
pub fn all_specs() -> Vec<PathBuf> {
    let mut specs = vec![workspace().join(errcat_codegen::DEFAULT_SPEC)];
    specs.extend(fixture_specs());
    specs
}

/// The snapshot name of one output file of one catalogue.
pub fn snapshot_name(spec: &Path, output: &str) -> String {
    let stem = spec.file_stem().unwrap().to_string_lossy();
    format!("{stem}__{}", output.replace('/', "_"))
}

/// Whether `output` is snapshotted for the fixtures. An output that is the same
/// for every catalogue (a runtime template, the export's schema) is not: the
/// committed `generated/` pins it, like every output of the real spec, through
/// the drift test.
pub fn is_snapshotted(output: &str) -> bool {
    errcat_codegen::render::depends_on_catalogue(output)
}

/// The `.snap` files the snapshot tests assert, by file name: every rendered
/// file of each fixture that depends on the catalogue.
pub fn expected_snapshot_files() -> Vec<String> {
    let mut names: Vec<String> = fixture_specs()
        .iter()
        .flat_map(|spec| {
            let files = errcat_codegen::Generator::from_spec_file(spec)
                .and_then(|generator| generator.render())
                .unwrap_or_else(|err| panic!("{err}"));
            files
                .into_iter()
                .filter(|file| is_snapshotted(&file.path))
                .map(move |file| format!("{}.snap", snapshot_name(spec, &file.path)))
        })
        .collect();
    names.sort();
    names
}

/// Output of one in-process `cargo xtask` run.
pub struct Run {
    pub status: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cargo xtask ARGS` in-process, exactly as the binary would.
pub fn xtask(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Run {
    let args: Vec<OsString> = args.iter().map(|arg| arg.as_ref().to_owned()).collect();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let status = cargo_errcat::run(
        args,
        &cargo_errcat::Frontend::xtask(&workspace()),
        &mut stdout,
        &mut stderr,
    );
    Run {
        status,
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// Generates `spec` with `cargo xtask codegen --spec SPEC --out DIR ARGS` into
/// a new temporary folder: the folder (deleted when dropped) and the crate's
/// path in it. The workspace's `Cargo.lock` goes beside the crate, so that it
/// builds offline with the versions the workspace already has.
pub fn generate_crate(spec: &Path, args: &[&dyn AsRef<OsStr>]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("generated-crate");
    let command: [&dyn AsRef<OsStr>; 5] = [&"codegen", &"--spec", &spec, &"--out", &out];
    let run = xtask(&[&command[..], args].concat());
    assert_eq!(run.status, 0, "{}", run.stderr);
    std::fs::copy(workspace().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    (dir, out)
}

/// Which of a generated crate's tests `cargo test` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tests {
    /// Every test, an inline runtime's own unit tests included.
    All,
    /// Only the catalogue's tests (`tests/catalogue.rs`). An inline
    /// runtime's unit tests are the same text in every crate (and use the
    /// runtime's test catalogues, not this one): they run, with and without
    /// features, in the OFAuth crate.
    CatalogueOnly,
}

/// Builds, tests, lints and documents the crate in `out` with the real
/// `cargo`, warning-free: with and without its features, and each feature
/// alone.
pub fn build_test_lint_and_document(out: &Path, tests: Tests) {
    build_test_lint_and_document_with_all_features(out, tests);
    lint_each_feature_alone(out);
}

/// [`build_test_lint_and_document`] without the lint of each feature alone:
/// which items a feature gates comes from the runtime's table and the
/// renderers, not from the catalogue, so one crate per code type checks it.
pub fn build_test_lint_and_document_with_all_features(out: &Path, tests: Tests) {
    let only: &[&str] = match tests {
        Tests::All => &[],
        Tests::CatalogueOnly => &["--test", "catalogue"],
    };
    cargo(out, "test", &[&["--quiet"][..], only].concat());
    cargo(out, "test", &[&["--quiet", "--all-features"][..], only].concat());
    cargo(
        out,
        "clippy",
        &["--quiet", "--all-features", "--all-targets", "--", "-D", "warnings"],
    );
    cargo(out, "doc", &["--quiet", "--no-deps"]);
    cargo(out, "doc", &["--quiet", "--no-deps", "--all-features"]);
}

/// Lints the crate in `out` with each of its features alone: every feature
/// must build without the others.
fn lint_each_feature_alone(out: &Path) {
    for feature in features(out) {
        let alone = [
            "--quiet",
            "--all-targets",
            "--no-default-features",
            "--features",
            &feature,
        ];
        cargo(out, "clippy", &[&alone[..], &["--", "-D", "warnings"]].concat());
    }
}

/// Runs `cargo SUBCOMMAND --offline ARGS` in `dir`, rustdoc warnings denied,
/// and fails with its output unless it succeeds.
fn cargo(dir: &Path, subcommand: &str, args: &[&str]) {
    // A target folder shared across runs and test binaries keeps this fast after the first.
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

/// Every file below `dir` with its contents, sorted by relative path.
pub fn read_tree(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                files.push((relative, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// Fails unless the `.snap` files in `tests/{folder}` are exactly `expected`:
/// none left over from a test that is gone, none that was never reviewed.
pub fn assert_snapshot_folder_holds_exactly(folder: &str, expected: impl IntoIterator<Item = String>) {
    let dir = workspace().join("tests").join(folder);
    let on_disk: std::collections::BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap"))
        .collect();
    let expected: std::collections::BTreeSet<String> = expected.into_iter().collect();
    let orphaned: Vec<&String> = on_disk.difference(&expected).collect();
    assert!(
        orphaned.is_empty(),
        "these snapshots in tests/{folder} are no longer asserted by any test; delete them: {orphaned:?}"
    );
    let missing: Vec<&String> = expected.difference(&on_disk).collect();
    assert!(
        missing.is_empty(),
        "these snapshots in tests/{folder} were never reviewed; run `cargo insta review`: {missing:?}"
    );
}

/// Reads up to the blank line that ends an HTTP request head, for the tests'
/// hand-written servers (their requests have no body).
pub fn read_request_head(stream: &std::net::TcpStream) {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::new(stream);
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap_or(0) > 2 {
        line.clear();
    }
}

/// `program`, checked to run (`program --version`), for a test that runs a
/// generated client with it. A machine without it fails the test with a
/// message naming the tool and what it is for: such a test never skips.
pub fn require_tool(program: &str, what_for: &str) -> PathBuf {
    match Command::new(program).arg("--version").output() {
        Ok(output) if output.status.success() => PathBuf::from(program),
        Ok(output) => panic!(
            "`{program} --version` failed ({}): this test needs {what_for}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(err) => panic!("this test needs `{program}` on PATH ({what_for}), but it could not be run: {err}"),
    }
}

/// When the conformance vectors' replies are read: Sun, 06 Nov 1994
/// 08:49:37 GMT, in Unix milliseconds (their `received_at_ms`).
pub const RECEIVED_AT_MS: u64 = 784_111_777_000;

/// A reply read by the Rust client (the committed OFAuth crate) at the
/// vectors' receive time.
pub fn read_reply(status: u16, headers: &[(String, String)], body: &str) -> ofauth_errors::ApiError {
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let received_at = std::time::UNIX_EPOCH + std::time::Duration::from_millis(RECEIVED_AT_MS);
    ofauth_errors::ApiError::from_parts_at(status, &pairs, body.as_bytes(), received_at)
}

/// What the Rust client reads from `error`, in the terms of a conformance
/// vector's `expect`, the delays under the vectors' policy (the defaults with
/// 8 attempts and jitter off): what the other clients must read too.
pub fn conformance_reading(error: &ofauth_errors::ApiError) -> serde_json::Value {
    use serde_json::{Value, json};
    let policy = ofauth_errors::RetryPolicy::builder()
        .max_attempts(8)
        .jitter(false)
        .build();
    // A hint past u64 milliseconds (it saturates at `Duration::MAX`) stays a number.
    let millis = |duration: std::time::Duration| {
        u64::try_from(duration.as_millis()).map_or_else(|_| Value::from(duration.as_millis() as f64), Value::from)
    };
    let field_errors: Vec<Value> = error
        .as_validation()
        .map(|view| view.field_errors())
        .unwrap_or_default()
        .iter()
        .map(|entry| {
            let mut read = json!({"field": entry.field(), "message": entry.message()});
            if let Some(value) = entry.value() {
                read["value"] = serde_json::from_str(&value.to_string()).expect("the runtime writes JSON");
            }
            read
        })
        .collect();
    let delays: Vec<Option<Value>> = (1..=policy.max_attempts())
        .map(|attempt| policy.next_delay(attempt, error).map(millis))
        .collect();
    json!({
        "is_error": error.is_error(),
        "code": error.code().map(|code| code.as_str()),
        "wire_code": error.wire_code(),
        "message": error.message(),
        "request_id": error.request_id(),
        "kind": error.kind().as_str(),
        "retryable": error.is_retryable(),
        "requires_reauth": error.requires_reauth(),
        "retry_after_ms": error.retry_after().map(millis),
        "field_errors": field_errors,
        "delays_ms": delays,
    })
}
