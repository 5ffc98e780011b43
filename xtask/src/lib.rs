//! The command line: parses arguments and calls the `codegen` library. Kept as
//! a library so tests drive the exact CLI in-process.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use codegen::write::{self, DriftKind};
use codegen::{DEFAULT_OUT, DEFAULT_SPEC, Error, Provenance};

/// Exit status: success.
pub const SUCCESS: u8 = 0;
/// Exit status: the catalogue is invalid, the output drifted, or writing failed.
pub const FAILURE: u8 = 1;
/// Exit status: the command line itself is wrong.
pub const USAGE: u8 = 2;

const HELP: &str = "\
Usage: cargo xtask <COMMAND>

Commands:
  codegen  Generate the error crate and its docs from the catalogue
  help     Print this help, or a command's help with `help <COMMAND>`

Options:
  -h, --help  Print help
";

const CODEGEN_HELP: &str = "\
Generate the error crate and its docs from the catalogue

Usage: cargo xtask codegen [OPTIONS]

Reads the catalogue, validates it, and writes a complete crate (Cargo.toml, src/,
tests/, docs/errors.md) to the output folder. Only changed files are written;
generated files that are no longer produced are removed. Nothing is written if
the catalogue has any error.

Options:
      --check          Write nothing; fail and show a diff if the output folder
                       differs from what the catalogue produces
      --spec <FILE>    The catalogue to read [default: spec/errors.yaml]
      --out <DIR>      The folder to write [default: generated]
      --force          Write even if the folder holds files the generator did not
                       write (those files are left untouched)
      --deny-warnings  Fail on catalogue warnings as well as errors
  -h, --help           Print help
";

/// Runs `cargo xtask` with `args` (without the program name). Default paths are
/// relative to `workspace`; paths given on the command line, to the current
/// folder. Returns the process exit status.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    workspace: &Path,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    match parse(args) {
        Ok(Command::Help(text)) => {
            let _ = stdout.write_all(text.as_bytes());
            SUCCESS
        }
        Ok(Command::Codegen(options)) => codegen(&options, workspace, stdout, stderr),
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}\n\nRun `cargo xtask --help` for usage.");
            USAGE
        }
    }
}

enum Command {
    Help(&'static str),
    Codegen(CodegenOptions),
}

#[derive(Default)]
struct CodegenOptions {
    check: bool,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    force: bool,
    deny_warnings: bool,
}

fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next().map_err(|e| e.to_string())? {
        None | Some(Short('h') | Long("help")) => return Ok(Command::Help(HELP)),
        Some(Value(command)) => command.string().map_err(|e| e.to_string())?,
        Some(other) => return Err(other.unexpected().to_string()),
    };
    match command.as_str() {
        "help" => match parser.next().map_err(|e| e.to_string())? {
            Some(Value(topic)) if topic == "codegen" => Ok(Command::Help(CODEGEN_HELP)),
            None => Ok(Command::Help(HELP)),
            Some(other) => Err(format!("no help for {}", describe(other))),
        },
        "codegen" => parse_codegen(&mut parser),
        other => Err(format!(
            "unknown command `{other}`; the commands are `codegen` and `help`"
        )),
    }
}

fn parse_codegen(parser: &mut lexopt::Parser) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut options = CodegenOptions::default();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(CODEGEN_HELP)),
            Long("check") => options.check = true,
            Long("force") => options.force = true,
            Long("deny-warnings") => options.deny_warnings = true,
            Long("spec") => options.spec = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("out") => options.out = Some(parser.value().map_err(|e| e.to_string())?.into()),
            other => return Err(format!("{} (see `cargo xtask codegen --help`)", other.unexpected())),
        }
    }
    Ok(Command::Codegen(options))
}

fn describe(arg: lexopt::Arg<'_>) -> String {
    match arg {
        lexopt::Arg::Value(value) => format!("`{}`", value.to_string_lossy()),
        other => other.unexpected().to_string(),
    }
}

/// A path from the command line, or the default below the workspace, with the
/// label the headers and messages use for it.
fn resolve(given: &Option<PathBuf>, default: &str, workspace: &Path) -> (PathBuf, String) {
    match given {
        Some(path) => (path.clone(), path.display().to_string()),
        None => (workspace.join(default), default.to_owned()),
    }
}

fn codegen(options: &CodegenOptions, workspace: &Path, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let (spec, spec_label) = resolve(&options.spec, DEFAULT_SPEC, workspace);
    let (out, out_label) = resolve(&options.out, DEFAULT_OUT, workspace);
    let provenance = Provenance::new(&spec_label, &out_label);
    let result = codegen::generate(&spec, &provenance).and_then(|(files, loaded)| {
        if options.deny_warnings && !loaded.warnings.is_empty() {
            return Err(Error::invalid(loaded.warnings));
        }
        for warning in &loaded.warnings {
            let _ = writeln!(stderr, "{warning}");
        }
        if options.check {
            check(&out, &out_label, &provenance, &files, stdout, stderr)
        } else {
            let report = write::write(&out, &files, options.force)?;
            let _ = writeln!(
                stdout,
                "{out_label}: {} written, {} unchanged, {} removed",
                report.written.len(),
                report.unchanged,
                report.removed.len()
            );
            Ok(SUCCESS)
        }
    });
    result.unwrap_or_else(|err| {
        let _ = writeln!(stderr, "{err}");
        FAILURE
    })
}

fn check(
    out: &Path,
    out_label: &str,
    provenance: &Provenance,
    files: &[codegen::OutputFile],
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let drifts = write::check(out, files)?;
    if drifts.is_empty() {
        let _ = writeln!(stdout, "{out_label}: {} files up to date", files.len());
        return Ok(SUCCESS);
    }
    for drift in &drifts {
        let what = match drift.kind {
            DriftKind::Missing => "missing",
            DriftKind::Changed => "differs from what the spec produces",
            DriftKind::Stale => "is generated but no longer produced",
            DriftKind::NotGenerated => "is not generator output",
        };
        let _ = writeln!(stderr, "{out_label}/{} {what}", drift.path);
        let _ = stderr.write_all(drift.diff.as_bytes());
    }
    let _ = writeln!(
        stderr,
        "error: {} file(s) in {out_label} are out of date; run `{}` to regenerate",
        drifts.len(),
        provenance.command
    );
    Ok(FAILURE)
}
