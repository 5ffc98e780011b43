//! The TypeScript client, run with the machine's real `node`: the runtime's
//! own unit tests (`runtime/typescript/`), the committed OFAuth client
//! (`generated/clients/typescript/`) and clients generated into temp dirs
//! for the real APIs' catalogues and the hostile fixtures, each passing its
//! catalogue's conformance vectors (`docs/conformance.json`). One
//! `node --test` per package.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use errcat_codegen::Generator;
use serde_json::Value;

use crate::support;

/// Where the client lands in an output folder.
const CLIENT: &str = "clients/typescript";

fn node() -> PathBuf {
    support::require_tool("node", "Node.js 20+ to run the TypeScript client's tests")
}

/// Runs `node ARGS` in `dir`, failing with its output unless it succeeds;
/// returns its stdout.
fn run_node(dir: &Path, args: &[&str]) -> String {
    let started = Instant::now();
    let output = Command::new(node())
        .args(args)
        .current_dir(dir)
        // A `node --test` started from another one would report to it.
        .env_remove("NODE_TEST_CONTEXT")
        .output()
        .unwrap_or_else(|err| panic!("running node in {}: {err}", dir.display()));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "`node {}` failed in {}:\n{stdout}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("node {} in {}: {:?}", args.join(" "), dir.display(), started.elapsed());
    stdout
}

/// Runs the package's tests, checking that some ran and none failed.
fn node_test(package: &Path) {
    let report = run_node(package, &["--test"]);
    let passed = report
        .lines()
        .find_map(|line| line.strip_prefix("# pass "))
        .and_then(|count| count.trim().parse::<usize>().ok());
    assert!(
        passed.is_some_and(|count| count > 0),
        "no test ran in {}:\n{report}",
        package.display()
    );
    assert!(report.contains("\n# fail 0\n"), "{report}");
}

/// Generates `spec` with every output into a temp dir: the dir and the output folder.
fn generate(spec: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    Generator::from_spec_file(spec)
        .unwrap_or_else(|err| panic!("{err}"))
        .write(&out)
        .unwrap_or_else(|err| panic!("{}: {err}", spec.display()));
    (dir, out)
}

#[test]
fn the_runtime_s_own_tests_pass() {
    node_test(&support::workspace().join("runtime/typescript"));
}

#[test]
fn the_committed_ofauth_client_passes_its_tests() {
    node_test(&support::workspace().join("generated").join(CLIENT));
}

#[test]
fn clients_of_the_real_apis_and_the_fixtures_pass_their_conformance_vectors() {
    let fixtures = support::workspace().join("tests/fixtures");
    let mut specs = support::real_specs();
    specs.extend(["odd_strings.yaml", "integer_codes.yaml"].map(|name| fixtures.join(name)));
    for spec in specs {
        let (_dir, out) = generate(&spec);
        node_test(&out.join(CLIENT));
    }
}

#[test]
fn hostile_catalogue_text_comes_back_byte_identical_and_never_breaks_the_source() {
    let spec = support::workspace().join("tests/fixtures/odd_strings.yaml");
    let (_dir, out) = generate(&spec);
    let client = out.join(CLIENT);
    for file in ["catalogue.js", "index.js"] {
        run_node(&client, &["--check", file]);
    }
    // The declarations are TypeScript, which node cannot check: their string
    // literals are the same escapes as the module's, in printable ASCII.
    let declarations = std::fs::read_to_string(client.join("catalogue.d.ts")).unwrap();
    assert!(declarations.bytes().all(|b| b == b'\n' || (b' '..=b'~').contains(&b)));
    let script = "import('./index.js').then((m) => process.stdout.write(JSON.stringify({ \
        api: m.API_NAME, requestId: m.REQUEST_ID_HEADER, table: m.ErrorCode.all })))";
    let read: Value = serde_json::from_str(&run_node(&client, &["--input-type=module", "-e", script])).unwrap();
    let model = Generator::from_spec_file(&spec).unwrap().into_model();
    assert_eq!(read["api"], model.api_name.as_str());
    assert_eq!(read["requestId"], model.request_id_header.as_str());
    let table = read["table"].as_array().unwrap();
    assert_eq!(table.len(), model.codes.len());
    for (entry, code) in table.iter().zip(&model.codes) {
        assert_eq!(entry["code"], code.code.as_str());
        assert_eq!(entry["message"], code.message.as_str(), "{}", code.code);
        assert_eq!(entry["resolution"], code.resolution.as_str(), "{}", code.code);
        assert_eq!(entry["docUrl"], code.doc_url.as_str(), "{}", code.code);
        let deprecated = code.lifecycle.deprecation().map(|d| d.reason.as_str());
        assert_eq!(entry["deprecated"].as_str(), deprecated, "{}", code.code);
        // The one code the fixture marks for re-authentication reads as such.
        assert_eq!(entry["reauth"], code.reauth);
    }
    assert!(
        model
            .codes
            .iter()
            .any(|code| code.message.contains('"') && code.resolution.contains("*/")),
        "the fixture should hold hostile text"
    );
}

#[test]
fn every_hand_written_runtime_file_ships_in_each_client() {
    let runtime = support::workspace().join("runtime/typescript");
    let shipped: Vec<&str> = errcat_runtime::sources::TYPESCRIPT
        .iter()
        .map(|(name, _)| *name)
        .collect();
    // The test catalogue, the runtime's own tests and its checker settings stay home.
    let home_only = [
        "catalogue.js",
        "catalogue.d.ts",
        "example.ts",
        "package.json",
        "tsconfig.json",
    ];
    for entry in std::fs::read_dir(&runtime).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let is_file = runtime.join(&name).is_file();
        if is_file && !home_only.contains(&name.as_str()) {
            assert!(
                shipped.contains(&name.as_str()),
                "{name} is not in errcat_runtime::sources::TYPESCRIPT"
            );
        }
    }
    let (_dir, out) = generate(&support::workspace().join("tests/fixtures/single_code.yaml"));
    for (name, text) in errcat_runtime::sources::TYPESCRIPT {
        let copy = std::fs::read_to_string(out.join(CLIENT).join(name)).unwrap();
        assert!(copy.ends_with(text), "{name} is not copied verbatim");
    }
}

#[test]
fn the_package_is_named_after_the_crate_and_has_no_dependencies() {
    let (_dir, out) = generate(&support::workspace().join("tests/fixtures/odd_strings.yaml"));
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join(CLIENT).join("package.json")).unwrap()).unwrap();
    assert_eq!(manifest["name"], "odd_strings-errors");
    assert_eq!(manifest["version"], "2.0.0-rc.1+odd.7");
    assert_eq!(manifest["type"], "module");
    assert_eq!(manifest["exports"]["."]["types"], "./index.d.ts");
    assert_eq!(manifest["engines"]["node"], ">=20");
    assert_eq!(manifest["license"], "MIT OR Apache-2.0");
    for key in ["dependencies", "peerDependencies", "optionalDependencies"] {
        assert!(manifest.get(key).is_none(), "{key}");
    }
    for file in manifest["files"].as_array().unwrap() {
        assert!(out.join(CLIENT).join(file.as_str().unwrap()).is_file(), "{file}");
    }
}

#[test]
fn no_typescript_leaves_the_client_out() {
    let spec = support::workspace().join("tests/fixtures/single_code.yaml");
    let files = Generator::from_spec_file(&spec)
        .unwrap()
        .typescript(false)
        .render()
        .unwrap();
    assert!(files.iter().all(|file| !file.path.starts_with(CLIENT)));
    let files = Generator::from_spec_file(&spec).unwrap().render().unwrap();
    assert!(files.iter().any(|file| file.path == format!("{CLIENT}/catalogue.js")));
}
