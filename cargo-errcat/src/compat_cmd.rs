//! `compat`: what changed since an older catalogue, and whether
//! the version moved far enough.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use errcat_codegen::compat::{self, Impact, VersionCheck};
use errcat_codegen::{DEFAULT_SPEC, Model};

use crate::args::{Baseline, CompatOptions};
use crate::{FAILURE, SUCCESS, USAGE, load_model, resolve};

pub fn compat(options: &CompatOptions, workspace: &Path, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    if let Baseline::Revision(revision) = &options.baseline
        && revision.starts_with('-')
    {
        let _ = writeln!(
            stderr,
            "error: `--base {revision}` is not a git revision: a revision cannot start with `-`\n  = help: give a commit, branch or tag, e.g. `--base HEAD~1`, or a file with `--against OLD.yaml`"
        );
        return USAGE;
    }
    let (spec, spec_label) = resolve(&options.spec, DEFAULT_SPEC, workspace);
    let (old, old_label) = match older_catalogue(&options.baseline, &spec, &spec_label) {
        Ok(found) => found,
        Err(message) => {
            let _ = writeln!(stderr, "{message}");
            return FAILURE;
        }
    };
    let Some(new) = load_model(&spec, &spec_label, stderr) else {
        return FAILURE;
    };
    let changes = compat::compare(&old, &new);
    let _ = writeln!(stdout, "Comparing {spec_label} with {old_label}");
    for change in &changes {
        let _ = writeln!(stdout, "{change}");
    }
    let count = |impact| changes.iter().filter(|c| c.impact == impact).count();
    let _ = writeln!(
        stdout,
        "{} change(s): {} breaking, {} additive, {} cosmetic",
        changes.len(),
        count(Impact::Breaking),
        count(Impact::Additive),
        count(Impact::Cosmetic)
    );
    let status = report_version(&old, &new, &compat::check_version(&old, &new, &changes), stdout, stderr);
    if options.changelog {
        let _ = writeln!(stdout, "\n{}", compat::changelog(&new, &changes));
    }
    status
}

fn report_version(
    old: &Model,
    new: &Model,
    check: &VersionCheck,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let (from, to) = (old.version(), new.version());
    match check {
        VersionCheck::Unstated => {
            let _ = writeln!(
                stdout,
                "version bump not checked: a catalogue without `version:` is always 0.1.0; state it in both to check"
            );
            SUCCESS
        }
        VersionCheck::Enough { required, actual } => {
            let _ = writeln!(
                stdout,
                "version {from} -> {to}: {} bump, and the changes need {} bump",
                actual.as_str(),
                required.as_str()
            );
            SUCCESS
        }
        VersionCheck::TooSmall { required, actual } => {
            let moved = match actual {
                Some(actual) => format!("is {} bump", actual.as_str()),
                None => "goes backwards".to_owned(),
            };
            let _ = writeln!(
                stderr,
                "error: version {from} -> {to} {moved}, but the changes need {} bump\n  = help: raise `version:` in the catalogue",
                required.as_str()
            );
            FAILURE
        }
    }
}

/// The older catalogue and how messages name it.
fn older_catalogue(baseline: &Baseline, spec: &Path, spec_label: &str) -> Result<(Model, String), String> {
    let (bytes, label) = match baseline {
        Baseline::File(path) => {
            let label = path.display().to_string();
            let bytes =
                errcat_codegen::load::read_spec(path).map_err(|err| format!("error: cannot read {label}: {err}"))?;
            (bytes, label)
        }
        Baseline::Revision(revision) => {
            let label = format!("{revision}:{spec_label}");
            (
                file_at_revision(spec, revision).map_err(|why| format!("error: cannot read {label}: {why}"))?,
                label,
            )
        }
    };
    let generator = errcat_codegen::Generator::from_spec_bytes(&bytes, &label).map_err(|err| err.to_string())?;
    Ok((generator.into_model(), label))
}

/// The contents of `file` at git `revision`, asked of git in the file's folder
/// so any path inside any repository works. `--end-of-options` makes git read
/// the revision as one even if it looks like an option.
fn file_at_revision(file: &Path, revision: &str) -> Result<Vec<u8>, String> {
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = file.file_name().ok_or("the spec path names no file")?.to_string_lossy();
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .arg("show")
        .arg("--end-of-options")
        .arg(format!("{revision}:./{name}"))
        .output()
        .map_err(|err| format!("cannot run git: {err}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    }
}
