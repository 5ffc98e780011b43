//! `codegen`: generate, or check that the output is up to date.

use std::io::Write;
use std::path::Path;

use errcat_codegen::header::{path_label, relative_path};
use errcat_codegen::write::DriftKind;
use errcat_codegen::{DEFAULT_SPEC, Error, Generator, Provenance, RuntimeMode};

use crate::args::CodegenOptions;
use crate::{FAILURE, Frontend, SUCCESS, resolve};

pub fn codegen(
    options: &CodegenOptions,
    frontend: &Frontend<'_>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let (spec, spec_label) = resolve(&options.spec, DEFAULT_SPEC, frontend.root);
    let (out, out_label) = resolve(&options.out, frontend.default_out, frontend.root);
    // Headers name the paths the same way however they were typed.
    let mut provenance = Provenance::regenerated_by(
        &format!("{} codegen", frontend.program),
        frontend.default_out,
        &path_label(&spec, frontend.root),
        &path_label(&out, frontend.root),
    );
    if options.standalone {
        // Regenerating without the flag would drop the `[workspace]` table.
        provenance.command.push_str(" --standalone");
    }
    // Likewise the clients left out.
    for (off, flag) in [
        (options.no_typescript, " --no-typescript"),
        (options.no_python, " --no-python"),
    ] {
        if off {
            provenance.command.push_str(flag);
        }
    }
    if let Some(runtime) = &options.runtime_path {
        // Likewise the runtime's path in `Cargo.toml`.
        let label = path_label(runtime, frontend.root);
        provenance.command.push_str(&format!(" --runtime-path {label}"));
    }
    // Messages name the spec as the user typed it; headers, however it was typed.
    let result = Generator::from_spec_file_labelled(&spec, &spec_label).and_then(|generator| {
        let generator = generator
            .deny_warnings(options.deny_warnings)
            .force(options.force)
            .standalone(options.standalone)
            .typescript(!options.no_typescript)
            .python(!options.no_python)
            .provenance(provenance.clone());
        // Cargo.toml names the runtime's folder from the crate's own.
        let generator = match &options.runtime_path {
            Some(_) if generator.model().runtime == RuntimeMode::Inline => {
                let _ = writeln!(
                    stderr,
                    "error: --runtime-path names the errcat-runtime crate a `runtime: crate` catalogue depends on, \
                     but {spec_label} copies the runtime inline (`runtime: inline`, the default)\n  \
                     = help: add `runtime: crate` to the catalogue, or leave out --runtime-path"
                );
                return Ok(FAILURE);
            }
            Some(runtime) => generator.runtime_path(relative_path(runtime, &out)),
            None => generator,
        };
        // Denied warnings are the run's error instead.
        if !options.deny_warnings {
            for warning in generator.warnings() {
                let _ = writeln!(stderr, "{warning}");
            }
        }
        if options.check {
            check(&generator, &out, &out_label, &provenance.command, stdout, stderr)
        } else {
            let report = generator.write(&out)?;
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
    generator: &Generator,
    out: &Path,
    out_label: &str,
    command: &str,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, Error> {
    let report = generator.check(out)?;
    if report.is_up_to_date() {
        let _ = writeln!(stdout, "{out_label}: {} files up to date", report.files);
        return Ok(SUCCESS);
    }
    for drift in &report.drifts {
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
        "error: {} file(s) in {out_label} are out of date; run `{command}` to regenerate",
        report.drifts.len(),
    );
    Ok(FAILURE)
}
