//! The command line, parsed into a [`Command`]; every help text lives here,
//! beside the options it describes.

use std::ffi::OsString;
use std::num::IntErrorKind;
use std::path::PathBuf;

use errcat_codegen::synth::{CodeStyle, MAX_CODES};

use crate::Frontend;

pub const HELP: &str = "\
Usage: {program} <COMMAND>

Commands:
  codegen  Generate the error crate and its docs from the catalogue
  compat   Classify the changes since an older catalogue and check the version bump
  explain  Print one error code's whole entry
  init     Write a commented starter catalogue to begin from
  synth    Write a synthetic catalogue of up to 50000 codes, for benchmarks and scale tests
  help     Print this help, or a command's help with `help <COMMAND>`

Options:
  -h, --help  Print help
";

pub const CODEGEN_HELP: &str = "\
Generate the error crate and its docs from the catalogue

Usage: {program} codegen [OPTIONS]

Reads the catalogue, validates it, and writes a complete crate (Cargo.toml, src/,
tests/, docs/) to the output folder. Only changed files are written;
generated files that are no longer produced are removed. Nothing is written if
the catalogue has any error.

Options:
      --check          Write nothing; fail and show a diff if the output folder
                       differs from what the catalogue produces
      --spec <FILE>    The catalogue to read [default: spec/errors.yaml]
      --out <DIR>      The folder to write [default: {out}]
      --force          Write beside files the generator did not write; it never
                       overwrites or deletes them, with or without this flag
      --deny-warnings  Fail on catalogue warnings as well as errors
      --standalone     Make the crate a workspace of its own (an empty
                       `[workspace]`), for a folder inside another Cargo
                       workspace that does not list it as a member
      --runtime-path <DIR>
                       With `runtime: crate` in the catalogue: take the
                       `errcat-runtime` crate from this folder (a path
                       dependency) rather than from crates.io
      --no-typescript  Leave out the TypeScript client (clients/typescript/)
      --no-python      Leave out the Python client (clients/python/)
  -h, --help           Print help
";

pub const COMPAT_HELP: &str = "\
Classify the changes since an older catalogue and check the version bump

Usage: {program} compat [OPTIONS]

Compares the catalogue with an older one and prints every change as breaking
(a code removed or renamed, its status, category or re-auth changed, its retry
class made stricter, the body changed incompatibly, `schema` bumped), additive
(new codes, categories, statuses; deprecations) or cosmetic (wording). Fails
when `version:` did not move as far as the changes need (breaking: major,
additive: minor, cosmetic: patch; below 1.0.0, cargo's rules).

Options:
      --base <REV>      The older catalogue is the same file at this git revision
                        [default: HEAD]
      --against <FILE>  The older catalogue is this file
      --spec <FILE>     The current catalogue [default: spec/errors.yaml]
      --changelog       Also print a Markdown changelog section
  -h, --help            Print help
";

pub const EXPLAIN_HELP: &str = "\
Print one error code's whole entry

Usage: {program} explain [OPTIONS] <CODE>

Prints the code's status, category, message, resolution, retry behaviour,
re-authentication, lifecycle and doc link. Any case is accepted. An unknown code
fails and names the nearest ones.

Options:
      --spec <FILE>  The catalogue to read [default: spec/errors.yaml]
  -h, --help         Print help
";

pub const SYNTH_HELP: &str = "\
Write a synthetic catalogue of up to 50000 codes, for benchmarks and scale tests

Usage: {program} synth [OPTIONS] <CODES>

Writes a valid, warning-free catalogue with <CODES> codes (1 to 50000, at most
7.2 MB of YAML; a catalogue may be 8 MiB) in categories of 50. The same size
and style always give the same bytes.

Options:
      --out <FILE>     Where to write it; `-` for standard output [default: -]
      --style <STYLE>  How codes are spelt [default: upper-snake]: `upper-snake`
                       (AREA3_INVALID_TOKEN_170), `mixed` (invalid_token_170 and
                       InvalidToken171Exception), `integer` (-3213, 3226)
      --force          Overwrite a file that is not a synthetic catalogue
  -h, --help           Print help
";

pub const INIT_HELP: &str = "\
Write a commented starter catalogue to begin from

Usage: {program} init [OPTIONS]

Writes a small catalogue (two categories, three codes) that generates and builds
as it is, every key explained in a comment, creating its folder; then prints the
next steps. The crate is named `<folder>-errors` after the current folder when
that makes a valid package name, else `example-errors`. An existing file is
never overwritten: init refuses and fails.

Options:
      --spec <FILE>  Where to write it [default: spec/errors.yaml]
  -h, --help         Print help
";

/// A help text for `frontend`: the templates above name the program as
/// `{program}` and the default output folder as `{out}`.
fn help(template: &str, frontend: &Frontend<'_>) -> String {
    template
        .replace("{program}", frontend.program)
        .replace("{out}", frontend.default_out)
}

pub enum Command {
    Help(String),
    Codegen(CodegenOptions),
    Compat(CompatOptions),
    Explain(ExplainOptions),
    Init(InitOptions),
    Synth(SynthOptions),
}

#[derive(Default)]
pub struct CodegenOptions {
    pub check: bool,
    pub spec: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub force: bool,
    pub deny_warnings: bool,
    pub standalone: bool,
    pub runtime_path: Option<PathBuf>,
    pub no_typescript: bool,
    pub no_python: bool,
}

/// Where the older catalogue comes from.
pub enum Baseline {
    /// The spec file at a git revision.
    Revision(String),
    /// Another file.
    File(PathBuf),
}

pub struct CompatOptions {
    pub baseline: Baseline,
    pub spec: Option<PathBuf>,
    pub changelog: bool,
}

pub struct ExplainOptions {
    pub code: String,
    pub spec: Option<PathBuf>,
}

pub struct InitOptions {
    pub spec: Option<PathBuf>,
}

pub struct SynthOptions {
    pub codes: usize,
    pub style: CodeStyle,
    pub out: Option<PathBuf>,
    pub force: bool,
}

type Parsed<T> = Result<T, String>;

pub fn parse(args: impl IntoIterator<Item = OsString>, frontend: &Frontend<'_>) -> Parsed<Command> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next().map_err(|e| e.to_string())? {
        None | Some(Short('h') | Long("help")) => return Ok(Command::Help(help(HELP, frontend))),
        Some(Value(command)) => command.string().map_err(|e| e.to_string())?,
        Some(other) => return Err(other.unexpected().to_string()),
    };
    match command.as_str() {
        "help" => match parser.next().map_err(|e| e.to_string())? {
            Some(Value(topic)) => help_for(&topic.to_string_lossy())
                .map(|template| Command::Help(help(template, frontend)))
                .ok_or_else(|| format!("no help for `{}`", topic.to_string_lossy())),
            None => Ok(Command::Help(help(HELP, frontend))),
            Some(other) => Err(format!("no help for {}", other.unexpected())),
        },
        "codegen" => parse_codegen(&mut parser, frontend),
        "compat" => parse_compat(&mut parser, frontend),
        "explain" => parse_explain(&mut parser, frontend),
        "init" => parse_init(&mut parser, frontend),
        "synth" => parse_synth(&mut parser, frontend),
        other => Err(format!(
            "unknown command `{other}`; the commands are `codegen`, `compat`, `explain`, `init`, `synth` and `help`"
        )),
    }
}

fn help_for(topic: &str) -> Option<&'static str> {
    match topic {
        "codegen" => Some(CODEGEN_HELP),
        "compat" => Some(COMPAT_HELP),
        "explain" => Some(EXPLAIN_HELP),
        "init" => Some(INIT_HELP),
        "synth" => Some(SYNTH_HELP),
        _ => None,
    }
}

/// An option's value; an empty one is refused rather than read as "here"
/// (`--out ""` would otherwise write into the current folder).
fn value(parser: &mut lexopt::Parser) -> Parsed<OsString> {
    let value = parser.value().map_err(|e| e.to_string())?;
    if value.is_empty() {
        return Err("an option's value cannot be empty: name a file or folder".to_owned());
    }
    Ok(value)
}

fn unexpected(arg: lexopt::Arg<'_>, command: &str, frontend: &Frontend<'_>) -> String {
    format!("{} (see `{} {command} --help`)", arg.unexpected(), frontend.program)
}

fn parse_codegen(parser: &mut lexopt::Parser, frontend: &Frontend<'_>) -> Parsed<Command> {
    use lexopt::prelude::*;
    let mut options = CodegenOptions::default();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(help(CODEGEN_HELP, frontend))),
            Long("check") => options.check = true,
            Long("force") => options.force = true,
            Long("deny-warnings") => options.deny_warnings = true,
            Long("standalone") => options.standalone = true,
            Long("spec") => options.spec = Some(value(parser)?.into()),
            Long("out") => options.out = Some(value(parser)?.into()),
            Long("runtime-path") => options.runtime_path = Some(value(parser)?.into()),
            Long("no-typescript") => options.no_typescript = true,
            Long("no-python") => options.no_python = true,
            other => return Err(unexpected(other, "codegen", frontend)),
        }
    }
    Ok(Command::Codegen(options))
}

fn parse_compat(parser: &mut lexopt::Parser, frontend: &Frontend<'_>) -> Parsed<Command> {
    use lexopt::prelude::*;
    let (mut base, mut against, mut spec, mut changelog) = (None, None, None, false);
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(help(COMPAT_HELP, frontend))),
            Long("base") => base = Some(value(parser)?.string().map_err(|e| e.to_string())?),
            Long("against") => against = Some(PathBuf::from(value(parser)?)),
            Long("spec") => spec = Some(value(parser)?.into()),
            Long("changelog") => changelog = true,
            other => return Err(unexpected(other, "compat", frontend)),
        }
    }
    let baseline = match (base, against) {
        (Some(_), Some(_)) => return Err("give either --base or --against, not both".to_owned()),
        (None, Some(file)) => Baseline::File(file),
        (base, None) => Baseline::Revision(base.unwrap_or_else(|| "HEAD".to_owned())),
    };
    Ok(Command::Compat(CompatOptions {
        baseline,
        spec,
        changelog,
    }))
}

fn parse_explain(parser: &mut lexopt::Parser, frontend: &Frontend<'_>) -> Parsed<Command> {
    use lexopt::prelude::*;
    let (mut code, mut spec) = (None, None);
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(help(EXPLAIN_HELP, frontend))),
            Long("spec") => spec = Some(value(parser)?.into()),
            Value(given) if code.is_none() => code = Some(given.to_string_lossy().into_owned()),
            other => return Err(unexpected(other, "explain", frontend)),
        }
    }
    let code = code.ok_or_else(|| {
        format!(
            "name the code to explain, e.g. `{} explain AUTH_INVALID_KEY`",
            frontend.program
        )
    })?;
    Ok(Command::Explain(ExplainOptions { code, spec }))
}

fn parse_init(parser: &mut lexopt::Parser, frontend: &Frontend<'_>) -> Parsed<Command> {
    use lexopt::prelude::*;
    let mut options = InitOptions { spec: None };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(help(INIT_HELP, frontend))),
            Long("spec") => options.spec = Some(value(parser)?.into()),
            other => return Err(unexpected(other, "init", frontend)),
        }
    }
    Ok(Command::Init(options))
}

fn parse_synth(parser: &mut lexopt::Parser, frontend: &Frontend<'_>) -> Parsed<Command> {
    use lexopt::prelude::*;
    let (mut codes, mut out, mut force, mut style) = (None, None, false, CodeStyle::UpperSnake);
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help(help(SYNTH_HELP, frontend))),
            Long("out") => out = Some(PathBuf::from(value(parser)?)).filter(|path| path.as_os_str() != "-"),
            Long("force") => force = true,
            Long("style") => style = code_style(&value(parser)?.to_string_lossy())?,
            Value(given) if codes.is_none() => codes = Some(code_count(&given.to_string_lossy())?),
            other => return Err(unexpected(other, "synth", frontend)),
        }
    }
    let codes = codes.ok_or_else(|| {
        format!(
            "say how many codes, e.g. `{} synth 10000 --out big.yaml`",
            frontend.program
        )
    })?;
    Ok(Command::Synth(SynthOptions {
        codes,
        style,
        out,
        force,
    }))
}

/// The `--style` of `synth`: one of [`CodeStyle::ALL`] by name.
fn code_style(given: &str) -> Parsed<CodeStyle> {
    CodeStyle::from_name(given).ok_or_else(|| {
        let names: Vec<&str> = CodeStyle::ALL.iter().map(|style| style.name()).collect();
        format!("`{given}` is not a code style; the styles are {}", names.join(", "))
    })
}

/// The `<CODES>` of `synth`: a whole number from 1 to [`MAX_CODES`].
fn code_count(given: &str) -> Parsed<usize> {
    match given.parse::<usize>() {
        Ok(count @ 1..=MAX_CODES) => Ok(count),
        Ok(0) => Err(format!(
            "`{given}` codes make no catalogue; give a whole number from 1 to {MAX_CODES}"
        )),
        Err(err) if *err.kind() != IntErrorKind::PosOverflow => Err(format!(
            "`{given}` is not a number of codes; give a whole number from 1 to {MAX_CODES}"
        )),
        _ => Err(format!(
            "`{given}` codes are more than a synthetic catalogue may have; give at most {MAX_CODES}"
        )),
    }
}
