//! The three clients of one catalogue move together: a code added to the
//! catalogue reaches the Rust crate, the TypeScript client and the Python
//! client in one `cargo xtask codegen`, and each reads the new code's reply
//! as its conformance vector says (every client runs every vector).

use std::path::Path;
use std::process::Command;

use crate::support;

/// The code the test adds to the OFAuth catalogue, in its `auth` category.
const NEW_CODE: &str = "AUTH_PASSKEY_REVOKED";

const NEW_ENTRY: &str = "      - code: AUTH_PASSKEY_REVOKED
        status: 401
        message: \"Passkey was revoked: \\\"sign in\\\" again `now` ${x} */\"
        resolution: Register a new passkey
        retry: never
        reauth: true
";

#[test]
fn a_code_added_to_the_catalogue_reaches_all_three_clients_in_one_run() {
    let node = support::require_tool("node", "Node.js 20 or later, to run the generated TypeScript client");
    let python = support::require_tool("python3", "Python 3.9 or later, to run the generated Python client");
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("errors.yaml");
    let text = std::fs::read_to_string(support::workspace().join("spec/errors.yaml")).unwrap();
    let (head, tail) = text.split_once("    codes:\n").expect("a category with codes");
    std::fs::write(&spec, format!("{head}    codes:\n{NEW_ENTRY}{tail}")).unwrap();
    let out = dir.path().join("out");
    let run = support::xtask(&[&"codegen", &"--spec", &spec, &"--out", &out]);
    assert_eq!(run.status, 0, "{}", run.stderr);

    let code_rs = std::fs::read_to_string(out.join("src/code.rs")).unwrap();
    assert!(
        code_rs.contains(&format!("\"{NEW_CODE}\"")),
        "the Rust crate has the code"
    );
    let vectors: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("docs/conformance.json")).unwrap()).unwrap();
    let vector = vectors["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|vector| vector["name"] == NEW_CODE)
        .expect("a conformance vector for the new code");
    assert_eq!(vector["expect"]["kind"], "re_authenticate");

    let body = vector["reply"]["body"].as_str().unwrap();
    let typescript = out.join("clients/typescript");
    let read_in_typescript = format!(
        "import {{ ApiError, AuthError }} from {index};\n\
         const err = ApiError.fromParts(401, {{}}, {body});\n\
         if (!(err instanceof AuthError) || err.code !== {code} || !err.requiresReauth) process.exit(3);\n",
        index = serde_json::Value::from(file_url(&typescript.join("index.js"))),
        body = serde_json::Value::from(body),
        code = serde_json::Value::from(NEW_CODE),
    );
    succeeds(Command::new(&node).args(["--input-type=module", "-e", &read_in_typescript]));
    succeeds(Command::new(&node).arg("--test").current_dir(&typescript));

    let python_dir = out.join("clients/python");
    let read_in_python = format!(
        "from ofauth_errors import ApiError, AuthError, ErrorCode\n\
         err = ApiError.from_parts(401, {{}}, {body}.encode())\n\
         assert isinstance(err, AuthError) and err.code == {code} and err.requires_reauth, err\n\
         assert ErrorCode({code}).value == {code}\n",
        body = serde_json::Value::from(body),
        code = serde_json::Value::from(NEW_CODE),
    );
    succeeds(
        Command::new(&python)
            .args(["-c", &read_in_python])
            .current_dir(&python_dir),
    );
    succeeds(
        Command::new(&python)
            .args(["-m", "unittest", "discover", "-s", "tests", "-t", "."])
            .current_dir(&python_dir),
    );
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn succeeds(command: &mut Command) {
    let output = command
        .output()
        .unwrap_or_else(|err| panic!("{command:?} could not run: {err}"));
    assert!(
        output.status.success(),
        "{command:?}: {}\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The README's client examples are the files the checks compile and run:
/// `runtime/typescript/example.ts` (`tsc --strict` in `.ci/run`, importing the
/// package by name in the README) and the marked part of
/// `runtime/python/example_usage.py` (`mypy --strict`, and run by
/// `python_client::the_readme_example_runs_against_the_committed_ofauth_client`).
#[test]
fn the_readme_s_client_examples_are_the_ones_the_checks_compile_and_run() {
    let workspace = support::workspace();
    let read = |path: &str| std::fs::read_to_string(workspace.join(path)).unwrap();
    let readme = read("README.md");
    let typescript = read("runtime/typescript/example.ts");
    let typescript = &typescript[typescript.find("import {").expect("the example's import")..];
    let typescript = typescript.replace("from \"./index.js\"", "from \"ofauth-errors\"");
    assert!(
        readme.contains(&format!("```ts\n{typescript}```\n")),
        "README's TypeScript example differs from example.ts"
    );
    let python = read("runtime/python/example_usage.py");
    let (_, python) = python
        .split_once("# --- README example: branch on code, retry, re-auth ---\n")
        .expect("the README markers");
    let (python, _) = python
        .split_once("# --- end of README example ---")
        .expect("the end marker");
    let python = python.trim_matches('\n');
    assert!(
        readme.contains(&format!("```python\n{python}\n```\n")),
        "README's Python example differs from example_usage.py"
    );
}
