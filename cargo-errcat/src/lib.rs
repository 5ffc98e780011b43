//! The command line of the error-catalogue generator: parses arguments and
//! calls the `errcat-codegen` library. Two front ends share it, told apart by a
//! [`Frontend`]: `cargo errcat` in any repository (this package's binary) and
//! `cargo xtask` in the generator's own. Kept as a library so tests drive the
//! exact CLI in-process.

mod args;
mod codegen_cmd;
mod compat_cmd;
mod explain_cmd;
mod init_cmd;
mod synth_cmd;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use args::Command;

/// Exit status: success.
pub const SUCCESS: u8 = 0;
/// Exit status: the catalogue is invalid, the output drifted, writing failed,
/// the version bump is too small, the code to explain does not exist, or
/// `init` would overwrite a file.
pub const FAILURE: u8 = 1;
/// Exit status: the command line itself is wrong.
pub const USAGE: u8 = 2;

/// The folder `cargo errcat codegen` writes when `--out` is not given: a
/// folder named for what it holds, beside the user's own crates.
pub const ERRCAT_DEFAULT_OUT: &str = "errors";

/// What tells the two front ends apart; everything else is shared.
#[derive(Debug, Clone, Copy)]
pub struct Frontend<'a> {
    /// The command as users type it (`cargo xtask`, `cargo errcat`): help
    /// texts, messages and `@generated` headers name it.
    pub program: &'a str,
    /// The folder default paths are relative to, and that headers name paths
    /// relative to. Paths given on the command line are relative to the
    /// current folder, like any program's.
    pub root: &'a Path,
    /// The output folder `codegen` writes when `--out` is not given.
    pub default_out: &'a str,
}

impl<'a> Frontend<'a> {
    /// `cargo xtask` in the generator's own repository: defaults below its
    /// workspace `root`, output in `generated/`.
    pub fn xtask(root: &'a Path) -> Frontend<'a> {
        Frontend {
            program: "cargo xtask",
            root,
            default_out: errcat_codegen::DEFAULT_OUT,
        }
    }

    /// `cargo errcat` in any repository: defaults below `root`, the folder it
    /// runs in, output in [`ERRCAT_DEFAULT_OUT`].
    pub fn cargo_errcat(root: &'a Path) -> Frontend<'a> {
        Frontend {
            program: "cargo errcat",
            root,
            default_out: ERRCAT_DEFAULT_OUT,
        }
    }
}

/// Runs the command line `args` (without the program name) as `frontend`.
/// Returns the process exit status.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    frontend: &Frontend<'_>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    match args::parse(args, frontend) {
        Ok(Command::Help(text)) => {
            let _ = stdout.write_all(text.as_bytes());
            SUCCESS
        }
        Ok(Command::Codegen(options)) => codegen_cmd::codegen(&options, frontend, stdout, stderr),
        Ok(Command::Compat(options)) => compat_cmd::compat(&options, frontend.root, stdout, stderr),
        Ok(Command::Explain(options)) => explain_cmd::explain(&options, frontend.root, stdout, stderr),
        Ok(Command::Init(options)) => init_cmd::init(&options, frontend, stdout, stderr),
        Ok(Command::Synth(options)) => synth_cmd::synth(&options, stdout, stderr),
        Err(message) => {
            let _ = writeln!(
                stderr,
                "error: {message}\n\nRun `{} --help` for usage.",
                frontend.program
            );
            USAGE
        }
    }
}

/// A path from the command line, or the default below `root`, with the
/// label the headers and messages use for it.
pub(crate) fn resolve(given: &Option<PathBuf>, default: &str, root: &Path) -> (PathBuf, String) {
    match given {
        Some(path) => (path.clone(), path.display().to_string()),
        None => (root.join(default), default.to_owned()),
    }
}

/// The validated catalogue at `spec`, or `None` after printing why it is not one.
pub(crate) fn load_model(spec: &Path, label: &str, stderr: &mut dyn Write) -> Option<errcat_codegen::Model> {
    match errcat_codegen::Generator::from_spec_file_labelled(spec, label) {
        Ok(generator) => Some(generator.into_model()),
        Err(err) => {
            let _ = writeln!(stderr, "{err}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `args` as `frontend`: status, stdout, stderr.
    fn run_as(frontend: &Frontend<'_>, args: &[&str]) -> (u8, String, String) {
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let status = run(args.iter().map(Into::into), frontend, &mut stdout, &mut stderr);
        (
            status,
            String::from_utf8(stdout).unwrap(),
            String::from_utf8(stderr).unwrap(),
        )
    }

    #[test]
    fn help_and_messages_name_the_front_end_they_run_as() {
        let root = Path::new(".");
        for (frontend, other) in [
            (Frontend::cargo_errcat(root), "cargo xtask"),
            (Frontend::xtask(root), "cargo errcat"),
        ] {
            let program = frontend.program;
            let (_, help, _) = run_as(&frontend, &["--help"]);
            assert!(help.starts_with(&format!("Usage: {program} <COMMAND>")), "{help}");
            for topic in ["codegen", "compat", "explain", "init", "synth"] {
                let (status, help, _) = run_as(&frontend, &["help", topic]);
                assert_eq!(status, SUCCESS);
                assert!(help.contains(&format!("Usage: {program} {topic}")), "{help}");
                assert!(!help.contains(other) && !help.contains('{'), "{help}");
            }
            let (_, codegen_help, _) = run_as(&frontend, &["codegen", "--help"]);
            let default_out = format!(
                "--out <DIR>      The folder to write [default: {}]",
                frontend.default_out
            );
            assert!(codegen_help.contains(&default_out), "{codegen_help}");
            let (status, _, stderr) = run_as(&frontend, &["codegen", "--chek"]);
            assert_eq!(status, USAGE);
            assert!(stderr.contains(&format!("see `{program} codegen --help`")), "{stderr}");
            assert!(
                stderr.contains(&format!("Run `{program} --help` for usage.")),
                "{stderr}"
            );
        }
    }

    #[test]
    fn runtime_path_is_refused_for_an_inline_catalogue_and_named_in_the_headers_of_a_crate_one() {
        let temp = tempfile::tempdir().unwrap();
        let frontend = Frontend::cargo_errcat(temp.path());
        assert_eq!(run_as(&frontend, &["init"]).0, SUCCESS);
        let runtime = temp.path().join("vendor/errcat-runtime");
        let runtime = runtime.to_str().unwrap();
        let (status, _, stderr) = run_as(&frontend, &["codegen", "--runtime-path", runtime]);
        assert_eq!(status, FAILURE);
        assert!(stderr.contains("add `runtime: crate` to the catalogue"), "{stderr}");
        assert!(!temp.path().join("errors").exists(), "nothing is written");

        let spec = temp.path().join("spec/errors.yaml");
        let text = std::fs::read_to_string(&spec).unwrap();
        std::fs::write(&spec, format!("{text}runtime: crate\n")).unwrap();
        let (status, _, stderr) = run_as(&frontend, &["codegen", "--runtime-path", runtime]);
        assert_eq!(status, SUCCESS, "{stderr}");
        let manifest = std::fs::read_to_string(temp.path().join("errors/Cargo.toml")).unwrap();
        assert!(
            manifest.contains("errcat-runtime = { version = \"=0.1.0\", path = \"../vendor/errcat-runtime\" }"),
            "{manifest}"
        );
        let lib = std::fs::read_to_string(temp.path().join("errors/src/lib.rs")).unwrap();
        assert!(
            lib.starts_with("// @generated by `cargo errcat codegen --runtime-path vendor/errcat-runtime` from"),
            "{lib}"
        );
        let (status, _, stderr) = run_as(&frontend, &["codegen", "--check", "--runtime-path", runtime]);
        assert_eq!(status, SUCCESS, "{stderr}");
        let (status, _, _) = run_as(&frontend, &["codegen", "--check"]);
        assert_eq!(status, FAILURE, "without the flag, Cargo.toml differs");
    }

    #[test]
    fn cargo_errcat_writes_its_default_folder_with_headers_naming_cargo_errcat_codegen() {
        let temp = tempfile::tempdir().unwrap();
        let frontend = Frontend::cargo_errcat(temp.path());
        assert_eq!(run_as(&frontend, &["init"]).0, SUCCESS);
        let (status, stdout, stderr) = run_as(&frontend, &["codegen"]);
        assert_eq!(status, SUCCESS, "{stderr}");
        assert!(stdout.starts_with("errors: "), "{stdout}");
        let lib = std::fs::read_to_string(temp.path().join("errors/src/lib.rs")).unwrap();
        assert!(
            lib.starts_with(
                "// @generated by `cargo errcat codegen` from spec/errors.yaml. Do not edit: change the spec and regenerate.\n"
            ),
            "{lib}"
        );
        let (status, stdout, _) = run_as(&frontend, &["codegen", "--check"]);
        assert_eq!(status, SUCCESS);
        assert!(stdout.ends_with("files up to date\n"), "{stdout}");
        // Elsewhere than the default folder, the header names the flags to get there.
        let out = temp.path().join("crates/api-errors");
        let out = out.to_str().unwrap();
        assert_eq!(run_as(&frontend, &["codegen", "--out", out]).0, SUCCESS);
        let moved = std::fs::read_to_string(temp.path().join("crates/api-errors/src/lib.rs")).unwrap();
        assert!(
            moved.starts_with(
                "// @generated by `cargo errcat codegen --spec spec/errors.yaml --out crates/api-errors` from"
            ),
            "{moved}"
        );
    }
}
