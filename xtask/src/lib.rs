//! The command line: parses arguments and calls the `codegen` library. Kept as
//! a library so tests drive the exact CLI in-process.

mod args;
mod codegen_cmd;
mod compat_cmd;
mod explain_cmd;
mod synth_cmd;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use args::Command;

/// Exit status: success.
pub const SUCCESS: u8 = 0;
/// Exit status: the catalogue is invalid, the output drifted, writing failed,
/// the version bump is too small, or the code to explain does not exist.
pub const FAILURE: u8 = 1;
/// Exit status: the command line itself is wrong.
pub const USAGE: u8 = 2;

/// Runs `cargo xtask` with `args` (without the program name). Default paths are
/// relative to `workspace`; paths given on the command line, to the current
/// folder. Returns the process exit status.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    workspace: &Path,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    match args::parse(args) {
        Ok(Command::Help(text)) => {
            let _ = stdout.write_all(text.as_bytes());
            SUCCESS
        }
        Ok(Command::Codegen(options)) => codegen_cmd::codegen(&options, workspace, stdout, stderr),
        Ok(Command::Compat(options)) => compat_cmd::compat(&options, workspace, stdout, stderr),
        Ok(Command::Explain(options)) => explain_cmd::explain(&options, workspace, stdout, stderr),
        Ok(Command::Synth(options)) => synth_cmd::synth(&options, stdout, stderr),
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}\n\nRun `cargo xtask --help` for usage.");
            USAGE
        }
    }
}

/// A path from the command line, or the default below the workspace, with the
/// label the headers and messages use for it.
pub(crate) fn resolve(given: &Option<PathBuf>, default: &str, workspace: &Path) -> (PathBuf, String) {
    match given {
        Some(path) => (path.clone(), path.display().to_string()),
        None => (workspace.join(default), default.to_owned()),
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
