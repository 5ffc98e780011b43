//! `cargo xtask codegen`: generate, or check that the output is up to date.

use std::io::Write;
use std::path::Path;

use errcat_codegen::write::{self, DriftKind};
use errcat_codegen::{DEFAULT_OUT, DEFAULT_SPEC, Error, Provenance};

use crate::args::CodegenOptions;
use crate::{FAILURE, SUCCESS, resolve};

pub fn codegen(options: &CodegenOptions, workspace: &Path, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let (spec, spec_label) = resolve(&options.spec, DEFAULT_SPEC, workspace);
    let (out, out_label) = resolve(&options.out, DEFAULT_OUT, workspace);
    let provenance = Provenance::for_paths(&spec, &out, workspace);
    // Messages name the spec as the user typed it; headers, however it was typed.
    let result = errcat_codegen::load_spec(&spec, &spec_label).and_then(|loaded| {
        let files = errcat_codegen::render_files(&loaded.model, &provenance);
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
    files: &[errcat_codegen::OutputFile],
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
