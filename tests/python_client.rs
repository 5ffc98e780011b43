//! The Python client (`clients/python/`), run with the machine's `python3`:
//! the runtime's own unit tests, the conformance vectors of the committed
//! OFAuth client and of clients generated for the real-API catalogues and
//! the odd fixtures, the README's example, and catalogue text that stays
//! data in Python source. One interpreter start per package.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use errcat_codegen::Generator;

use crate::support;

mod differential;

/// The client's folder in an output folder.
const CLIENT: &str = "clients/python";

/// `python3`, checked once per test binary (checking starts an interpreter).
fn python3() -> &'static Path {
    static PYTHON3: OnceLock<PathBuf> = OnceLock::new();
    PYTHON3.get_or_init(|| support::require_tool("python3", "running the generated Python clients and their tests"))
}

/// `python3 ARGS` in `dir`, with `PYTHONPATH` when given, and no bytecode
/// written into the source trees.
fn run_python(dir: &Path, args: &[&str], python_path: Option<&Path>) -> Output {
    let mut command = Command::new(python3());
    command.args(args).current_dir(dir).env("PYTHONDONTWRITEBYTECODE", "1");
    if let Some(path) = python_path {
        command.env("PYTHONPATH", path);
    }
    command
        .output()
        .unwrap_or_else(|err| panic!("python3 {args:?} in {}: {err}", dir.display()))
}

/// Runs `python3 -m unittest` in `dir` and checks it ran tests and all passed.
fn unittest_passes(dir: &Path) {
    let output = run_python(dir, &["-m", "unittest"], None);
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "python3 -m unittest failed in {}:\n{report}",
        dir.display()
    );
    let ran = report
        .lines()
        .find_map(|line| line.strip_prefix("Ran ")?.split(' ').next()?.parse::<usize>().ok());
    assert!(
        ran.is_some_and(|count| count > 0),
        "no test ran in {}:\n{report}",
        dir.display()
    );
}

#[test]
fn the_client_runtime_passes_its_unit_tests() {
    unittest_passes(&support::workspace().join("runtime/python"));
}

#[test]
fn the_committed_ofauth_client_passes_its_conformance_vectors() {
    unittest_passes(&support::workspace().join("generated").join(CLIENT));
}

#[test]
fn every_real_api_and_odd_catalogue_s_client_passes_its_conformance_vectors() {
    for spec in support::client_specs() {
        let (_dir, out) = support::generate_crate(&spec, &[]);
        unittest_passes(&out.join(CLIENT));
    }
}

#[test]
fn the_readme_example_runs_against_the_committed_ofauth_client() {
    let workspace = support::workspace();
    let client = workspace.join("generated").join(CLIENT);
    let output = run_python(&workspace.join("runtime/python"), &["example_usage.py"], Some(&client));
    assert!(
        output.status.success(),
        "the README example failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "example ok\n");
}

/// Compiles every Python file of the client, then prints the catalogue's
/// strings as the package holds them, as ASCII JSON.
const READ_BACK: &str = r#"
import glob, importlib, json, os, py_compile, sys, tempfile
with tempfile.TemporaryDirectory() as scratch:
    for path in sorted(glob.glob("**/*.py", recursive=True)):
        py_compile.compile(path, cfile=os.path.join(scratch, "compiled.pyc"), doraise=True)
sys.path.insert(0, ".")
name = glob.glob("*/_catalogue.py")[0].split("/")[0]
catalogue = importlib.import_module(name + "._catalogue")
codes = [
    [c.name, c.wire, c.message, c.resolution, c.doc_url, c.category, c.info.since, c.info.deprecated, c.info.replaced_by]
    for c in catalogue.ErrorCode
]
print(json.dumps({
    "package": name,
    "api": catalogue.API_NAME,
    "headers": [catalogue.RETRY_AFTER_HEADER, catalogue.REQUEST_ID_HEADER],
    "codes": codes,
}))
"#;

#[test]
fn hostile_catalogue_strings_stay_data_in_python_source() {
    let spec = support::workspace().join("tests/fixtures/odd_strings.yaml");
    let model = Generator::from_spec_file(&spec).unwrap().into_model();
    let (_dir, out) = support::generate_crate(&spec, &[]);
    let output = run_python(&out.join(CLIENT), &["-c", READ_BACK], None);
    assert!(
        output.status.success(),
        "a generated Python file does not compile, or the package does not load:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(read["package"], model.lib_name.as_str());
    assert_eq!(read["api"], model.api_name.as_str());
    assert_eq!(
        read["headers"],
        serde_json::json!([model.retry_after_header, model.request_id_header])
    );
    let codes = read["codes"].as_array().expect("the codes");
    assert_eq!(codes.len(), model.codes.len());
    for (row, code) in codes.iter().zip(&model.codes) {
        let deprecation = code.lifecycle.deprecation();
        let expected = serde_json::json!([
            row[0],
            code.code,
            code.message,
            code.resolution,
            code.doc_url,
            model.categories[code.category].id,
            code.since.as_ref().map(ToString::to_string),
            deprecation.map(|deprecation| deprecation.reason.clone()),
            model.successor(code).map(|successor| successor.code.clone()),
        ]);
        assert_eq!(row, &expected, "{}", code.code);
    }
}

#[test]
fn the_python_client_is_generated_by_default_and_left_out_with_no_python() {
    let spec = support::workspace().join("tests/fixtures/single_code.yaml");
    let (_with, out) = support::generate_crate(&spec, &[]);
    assert!(out.join(CLIENT).join("pyproject.toml").is_file());
    let (_without, out) = support::generate_crate(&spec, &[&"--no-python"]);
    assert!(!out.join(CLIENT).exists());
    assert!(out.join("Cargo.toml").is_file());
}
