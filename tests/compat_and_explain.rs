//! `cargo xtask compat` and `cargo xtask explain` through the real command line,
//! against real files and a real git repository.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The one-category fixture with `version:` set and `edits` applied, written to `dir/name`.
fn catalogue(dir: &Path, name: &str, version: &str, edits: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(support::workspace().join("tests/fixtures/one_category.yaml")).unwrap();
    for (from, to) in [("version: 2.3.1", version)].iter().chain(edits) {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const STATUS_CHANGE: (&str, &str) = (
    "status: 401\n        message: The payment session ended",
    "status: 408\n        message: The payment session ended",
);
const NEW_MESSAGE: (&str, &str) = ("message: Too many payment attempts", "message: Too many payments");

#[test]
fn compat_classifies_changes_and_fails_when_the_bump_is_too_small() {
    let dir = tempfile::tempdir().unwrap();
    let old = catalogue(dir.path(), "old.yaml", "version: 2.3.1", &[]);
    let minor = catalogue(
        dir.path(),
        "minor.yaml",
        "version: 2.4.0",
        &[STATUS_CHANGE, NEW_MESSAGE],
    );
    let run = support::xtask(&[&"compat", &"--spec", &minor, &"--against", &old]);
    assert_eq!(run.status, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("breaking  `PAY_SESSION_GONE`: status changed from 401 to 408"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("cosmetic  `PAY_SLOW_DOWN`: message changed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("2 change(s): 1 breaking, 0 additive, 1 cosmetic"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("version 2.3.1 -> 2.4.0 is a minor bump, but the changes need an incompatible (major) bump"),
        "{}",
        run.stderr
    );

    let major = catalogue(
        dir.path(),
        "major.yaml",
        "version: 3.0.0",
        &[STATUS_CHANGE, NEW_MESSAGE],
    );
    let run = support::xtask(&[&"compat", &"--spec", &major, &"--against", &old, &"--changelog"]);
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "## payments-errors 3.0.0\n\n### Breaking changes\n\n- `PAY_SESSION_GONE`: status changed from 401 to 408\n"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn compat_reads_the_older_catalogue_from_a_git_revision() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .args(["-c", "user.name=test", "-c", "user.email=test@example.invalid"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    git(&["init", "-q"]);
    let spec = catalogue(dir.path(), "errors.yaml", "version: 2.3.1", &[]);
    git(&["add", "errors.yaml"]);
    git(&["commit", "-q", "-m", "first catalogue"]);
    catalogue(
        dir.path(),
        "errors.yaml",
        "version: 2.4.0",
        &[(
            "        retry: throttled\n",
            "        retry: throttled\n      - code: PAY_CARD_DECLINED\n        status: 401\n        message: The card was declined\n        resolution: Use another card\n        retry: never\n",
        )],
    );

    let run = support::xtask(&[&"compat", &"--spec", &spec]);
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(&format!("with HEAD:{}", spec.display())),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("additive  `PAY_CARD_DECLINED`: new code"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("version 2.3.1 -> 2.4.0: a minor bump"),
        "{}",
        run.stdout
    );

    let run = support::xtask(&[&"compat", &"--spec", &spec, &"--base", &"no-such-revision"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with("error: cannot read no-such-revision:"),
        "{}",
        run.stderr
    );
}

#[test]
fn compat_without_versions_reports_changes_but_cannot_check_the_bump() {
    let dir = tempfile::tempdir().unwrap();
    let old = catalogue(dir.path(), "old.yaml", "", &[]);
    let new = catalogue(dir.path(), "new.yaml", "", &[NEW_MESSAGE]);
    let run = support::xtask(&[&"compat", &"--spec", &new, &"--against", &old]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("version bump not checked"), "{}", run.stdout);
    let run = support::xtask(&[&"compat", &"--base", &"HEAD", &"--against", &old]);
    assert_eq!(run.status, 2, "{}", run.stderr);
}

#[test]
fn explain_prints_a_whole_entry_in_any_case_and_suggests_near_codes() {
    let spec = support::workspace().join("tests/fixtures/one_category.yaml");
    let run = support::xtask(&[&"explain", &"pay_slow_down", &"--spec", &spec]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "PAY_SLOW_DOWN (Payment Flow Errors, Payments API)

Too many payment attempts

HTTP status:     429 Too Many Requests
Category:        Payment Flow Errors (`payment_flow`, codes start with `PAY_`)
Resolution:      Wait for the hinted delay
Retry:           throttled: wait the seconds in the `X-Backoff-Seconds` header (30 s when it is missing), then retry
Re-authenticate: no
Docs:            http://payments.example/docs/errors#pay_slow_down
"
    );
    let run = support::xtask(&[&"explain", &"PAY_SLOW_DWN", &"--spec", &spec]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "error: `PAY_SLOW_DWN` is not a code of the Payments API\n  = help: did you mean `PAY_SLOW_DOWN`?\n"
    );
    assert_eq!(support::xtask(&[&"explain"]).status, 2);
    for topic in ["compat", "explain"] {
        let help = support::xtask(&[&"help", &topic]);
        assert_eq!(help.status, 0);
        assert!(help.stdout.contains(&format!("cargo xtask {topic}")), "{}", help.stdout);
    }
}
