//! The committed `generated/` tree is exactly what the spec produces, generation
//! is deterministic, and the CLI checks and writes the output folder safely.

use crate::support;

use std::fs;

use errcat_codegen::write::{self, DriftKind};
use errcat_codegen::{DEFAULT_OUT, DEFAULT_SPEC, Generator};

/// The committed `generated/` is the snapshot of the real spec: every file the
/// generator writes for it (each renderer's output, the runtime templates and
/// the manifest) must match byte for byte, and nothing missing or stale may be
/// there. The insta snapshots cover only the fixtures.
#[test]
fn committed_generated_tree_matches_the_spec() {
    let root = support::workspace();
    let drifts = Generator::from_spec_file_labelled(&root.join(DEFAULT_SPEC), DEFAULT_SPEC)
        .and_then(|generator| generator.check(&root.join(DEFAULT_OUT)))
        .unwrap_or_else(|err| panic!("{err}"))
        .drifts;
    let report: Vec<String> = drifts
        .iter()
        .map(|d| format!("{DEFAULT_OUT}/{} ({:?})\n{}", d.path, d.kind, d.diff))
        .collect();
    assert!(
        drifts.is_empty(),
        "generated/ does not match spec/errors.yaml; run `cargo xtask codegen` and commit the result:\n{}",
        report.join("\n")
    );
}

#[test]
fn a_message_changed_without_regenerating_is_caught_in_code_and_docs() {
    let root = support::workspace();
    let spec = fs::read_to_string(root.join(DEFAULT_SPEC)).unwrap();
    let edited = spec.replacen("message: API key has expired", "message: API key is past its expiry", 1);
    assert_ne!(spec, edited, "the spec no longer has the message this test edits");
    let generator = Generator::from_spec_text(&edited, DEFAULT_SPEC).unwrap();
    let drifts = generator.check(&root.join(DEFAULT_OUT)).unwrap().drifts;
    let changed: Vec<&str> = drifts.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        changed,
        [
            "clients/python/ofauth_errors/_catalogue.py",
            "clients/typescript/catalogue.js",
            "docs/conformance.json",
            "docs/errors.json",
            "docs/errors.md",
            "docs/examples.json",
            "docs/openapi.yaml",
            "src/code.rs"
        ]
    );
    assert!(drifts.iter().all(|d| d.kind == DriftKind::Changed));
    let code_rs = &drifts.iter().find(|d| d.path == "src/code.rs").unwrap().diff;
    assert!(
        code_rs.contains("+        message: \"API key is past its expiry\","),
        "{code_rs}"
    );
}

#[test]
fn generating_twice_gives_byte_identical_trees() {
    let spec = support::workspace().join("tests/fixtures/odd_strings.yaml");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let mut trees = Vec::new();
    for _ in 0..2 {
        let run = support::xtask(&[&"codegen", &"--spec", &spec, &"--out", &out]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        trees.push(support::read_tree(&out));
        fs::remove_dir_all(&out).unwrap();
    }
    // Every output and the manifest listing them.
    let outputs = Generator::from_spec_file(&spec).unwrap().render().unwrap().len();
    assert_eq!(trees[0].len(), outputs + 1);
    assert!(trees[0] == trees[1], "two runs on the same spec differ");
}

#[test]
fn check_mode_reports_drift_with_a_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let spec = support::workspace().join("tests/fixtures/single_code.yaml");
    assert_eq!(
        support::xtask(&[&"codegen", &"--spec", &spec, &"--out", &out]).status,
        0
    );
    let clean = support::xtask(&[&"codegen", &"--check", &"--spec", &spec, &"--out", &out]);
    assert_eq!((clean.status, clean.stderr.as_str()), (0, ""));

    let code_rs = out.join("src/code.rs");
    let edited = fs::read_to_string(&code_rs)
        .unwrap()
        .replace("Something broke", "Something else");
    fs::write(&code_rs, &edited).unwrap();
    fs::remove_file(out.join("docs/errors.md")).unwrap();
    let before = support::read_tree(&out);

    let run = support::xtask(&[&"codegen", &"--check", &"--spec", &spec, &"--out", &out]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("/docs/errors.md missing"), "{}", run.stderr);
    assert!(
        run.stderr.contains("/src/code.rs differs from what the spec produces"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("-        message: \"Something else\","),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("+        message: \"Something broke\","),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("run `cargo xtask codegen --spec "),
        "{}",
        run.stderr
    );
    assert_eq!(support::read_tree(&out), before, "--check must not write");
}

#[test]
fn only_changed_files_are_rewritten_and_stale_generated_files_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let spec = support::workspace().join("tests/fixtures/single_code.yaml");
    let outputs = Generator::from_spec_file(&spec).unwrap().render().unwrap().len();
    let first = support::xtask(&[&"codegen", &"--spec", &spec, &"--out", &out]);
    assert!(
        first
            .stdout
            .ends_with(&format!(": {outputs} written, 0 unchanged, 0 removed\n")),
        "{}",
        first.stdout
    );

    // A file an older generator wrote and listed, that this one no longer
    // produces; and a generated file edited below its header.
    let lib_rs = fs::read_to_string(out.join("src/lib.rs")).unwrap();
    fs::create_dir_all(out.join("src/old")).unwrap();
    fs::write(out.join("src/old/gone.rs"), &lib_rs).unwrap();
    let manifest = out.join(write::MANIFEST);
    let listed = fs::read_to_string(&manifest).unwrap();
    fs::write(&manifest, format!("{listed}src/old/gone.rs\n")).unwrap();
    fs::write(out.join("src/lib.rs"), lib_rs.replace("mod code;", "mod edited;")).unwrap();
    let second = support::xtask(&[&"codegen", &"--spec", &spec, &"--out", &out]);
    assert!(
        second
            .stdout
            .ends_with(&format!(": 1 written, {} unchanged, 1 removed\n", outputs - 1)),
        "{}",
        second.stdout
    );
    assert!(!out.join("src/old").exists(), "an emptied folder is removed too");
    assert!(
        fs::read_to_string(out.join("src/lib.rs"))
            .unwrap()
            .contains("mod code;")
    );
    assert!(support::read_tree(&out).iter().all(|(path, _)| !path.contains("tmp")));
}

#[test]
fn a_folder_with_files_the_generator_did_not_write_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let spec = support::workspace().join("tests/fixtures/single_code.yaml");
    fs::write(dir.path().join("notes.txt"), "mine").unwrap();

    let refused = support::xtask(&[&"codegen", &"--spec", &spec, &"--out", &dir.path()]);
    assert_eq!(refused.status, 1);
    assert!(
        refused
            .stderr
            .contains("holds files the generator did not write:\n  notes.txt\n"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert_eq!(
        support::read_tree(dir.path()).len(),
        1,
        "nothing may be written when refusing"
    );

    let forced = support::xtask(&[&"codegen", &"--force", &"--spec", &spec, &"--out", &dir.path()]);
    assert_eq!(forced.status, 0, "{}", forced.stderr);
    assert_eq!(fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "mine");
    let again = support::xtask(&[&"codegen", &"--force", &"--spec", &spec, &"--out", &dir.path()]);
    assert!(
        again.stdout.contains(" 0 removed"),
        "a user's file is never removed: {}",
        again.stdout
    );
    assert!(dir.path().join("notes.txt").exists());
}

#[test]
fn an_invalid_catalogue_changes_nothing_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let good = support::workspace().join("tests/fixtures/single_code.yaml");
    assert_eq!(
        support::xtask(&[&"codegen", &"--spec", &good, &"--out", &out]).status,
        0
    );
    let before = support::read_tree(&out);

    let bad = dir.path().join("bad.yaml");
    let text = fs::read_to_string(&good)
        .unwrap()
        .replace("status: 500\n        message", "status: 100\n        message");
    fs::write(&bad, text).unwrap();
    let run = support::xtask(&[&"codegen", &"--spec", &bad, &"--out", &out]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("error: status 100 is not an error status"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("bad.yaml:26:17"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(support::read_tree(&out), before);
}

#[test]
fn every_subcommand_has_help_and_bad_usage_exits_2() {
    for args in [
        &["--help"][..],
        &["help"],
        &["codegen", "--help"],
        &["help", "codegen"],
        &["codegen", "-h"],
    ] {
        let args: Vec<&dyn AsRef<std::ffi::OsStr>> = args.iter().map(|a| a as &dyn AsRef<std::ffi::OsStr>).collect();
        let run = support::xtask(&args);
        assert_eq!(run.status, 0);
        assert!(run.stdout.starts_with("Usage: cargo xtask") || run.stdout.contains("Usage: cargo xtask codegen"));
    }
    let codegen_help = support::xtask(&[&"codegen", &"--help"]);
    for flag in ["--check", "--spec <FILE>", "--out <DIR>", "--force", "--deny-warnings"] {
        assert!(codegen_help.stdout.contains(flag), "{flag} is not documented");
    }
    let unknown = support::xtask(&[&"codegen", &"--chek"]);
    assert_eq!(unknown.status, 2);
    assert!(unknown.stderr.contains("invalid option '--chek'"), "{}", unknown.stderr);
    assert_eq!(support::xtask(&[&"generate"]).status, 2);
}

#[test]
fn warnings_are_printed_and_deny_warnings_makes_them_fatal_before_any_write() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("warned.yaml");
    let text = fs::read_to_string(support::workspace().join("tests/fixtures/single_code.yaml")).unwrap();
    fs::write(&spec, text.replace("retry: transient", "retry: throttled")).unwrap();

    let out = dir.path().join("warned-crate");
    let denied = support::xtask(&[&"codegen", &"--deny-warnings", &"--spec", &spec, &"--out", &out]);
    assert_eq!(denied.status, 1);
    let warning = "warning: `retry: throttled` on status 500";
    assert_eq!(denied.stderr.matches(warning).count(), 1, "{}", denied.stderr);
    assert!(
        denied
            .stderr
            .contains("the catalogue has 1 problem; nothing was written"),
        "{}",
        denied.stderr
    );
    assert!(!out.exists(), "nothing may be written when warnings are denied");

    let allowed = support::xtask(&[&"codegen", &"--spec", &spec, &"--out", &out]);
    assert_eq!(allowed.status, 0, "{}", allowed.stderr);
    assert!(
        allowed.stderr.contains("warning: `retry: throttled` on status 500"),
        "{}",
        allowed.stderr
    );
    assert!(out.join("src/code.rs").exists());
}
