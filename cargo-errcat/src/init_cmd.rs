//! `init`: a commented starter catalogue, and what to do next.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::Path;

use errcat_codegen::header::path_label;
use errcat_codegen::{DEFAULT_SPEC, Generator, Provenance};

use crate::args::InitOptions;
use crate::{FAILURE, Frontend, SUCCESS, resolve};

/// The starter catalogue, with [`CRATE_SLOT`] where the crate's name goes.
const STARTER: &str = include_str!("starter.yaml");

/// Where the crate's name goes in [`STARTER`].
const CRATE_SLOT: &str = "__CRATE__";

/// The crate's name when the folder's name does not make a valid one.
const FALLBACK_CRATE: &str = "example-errors";

pub fn init(options: &InitOptions, frontend: &Frontend<'_>, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let (spec, spec_label) = resolve(&options.spec, DEFAULT_SPEC, frontend.root);
    let crate_name = crate_name_for(frontend.root);
    if let Err(message) = write_new(&spec, &starter(&crate_name)) {
        let _ = writeln!(stderr, "error: cannot write {spec_label}: {message}");
        return FAILURE;
    }
    let out = frontend.default_out;
    let codegen = Provenance::regenerated_by(
        &format!("{} codegen", frontend.program),
        out,
        &path_label(&spec, frontend.root),
        out,
    )
    .command;
    let _ = writeln!(
        stdout,
        "Wrote {spec_label}: a starter catalogue for the crate `{crate_name}`.

Next steps:
  1. Edit it: name your API, list your statuses and error codes.
  2. Generate the crate into {out}/:
       {codegen}
  3. Use it from your crates: add to their Cargo.toml
       [dependencies]
       {crate_name} = {{ path = \"{out}\" }}
     (a path below your workspace's root joins the workspace by itself).
  4. In CI, fail when the generated crate is out of date:
       {codegen} --check"
    );
    SUCCESS
}

/// The starter catalogue for the crate `crate_name`.
fn starter(crate_name: &str) -> String {
    STARTER.replace(CRATE_SLOT, crate_name)
}

/// `<folder>-errors` after `root`'s name when the generator accepts that as
/// the starter's crate name without a warning, else [`FALLBACK_CRATE`].
fn crate_name_for(root: &Path) -> String {
    let folder = root
        .canonicalize()
        .ok()
        .and_then(|root| root.file_name().map(|name| name.to_string_lossy().to_ascii_lowercase()));
    // Only a plain word goes into the YAML: anything else could change its meaning.
    let candidate = folder
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map(|name| format!("{name}-errors"));
    candidate
        .filter(|name| {
            Generator::from_spec_text(&starter(name), "starter")
                .is_ok_and(|generator| generator.warnings().is_empty())
        })
        .unwrap_or_else(|| FALLBACK_CRATE.to_owned())
}

/// Writes `text` to the new file `path`, creating its folder; an existing file
/// is left as it is.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|err| format!("cannot create {}: {err}", folder.display()))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|err| match err.kind() {
            ErrorKind::AlreadyExists => {
                "the file exists, and init never overwrites one\n  = help: edit it, or choose another file with `--spec FILE`"
                    .to_owned()
            }
            _ => err.to_string(),
        })?;
    file.write_all(text.as_bytes()).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_catalogue_is_valid_without_warnings() {
        let generator = Generator::from_spec_text(&starter(FALLBACK_CRATE), "starter").unwrap();
        assert!(generator.warnings().is_empty(), "{:?}", generator.warnings());
        assert_eq!(generator.model().crate_name, FALLBACK_CRATE);
    }
}
