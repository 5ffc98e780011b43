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
            Generator::from_spec_text(&starter(name), "starter").is_ok_and(|generator| generator.warnings().is_empty())
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
    use crate::run;

    /// Runs `cargo errcat ARGS` in `root`: status, stdout, stderr.
    fn errcat(root: &Path, args: &[&str]) -> (u8, String, String) {
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let args = args.iter().map(Into::into);
        let status = run(args, &Frontend::cargo_errcat(root), &mut stdout, &mut stderr);
        (
            status,
            String::from_utf8(stdout).unwrap(),
            String::from_utf8(stderr).unwrap(),
        )
    }

    #[test]
    fn the_starter_catalogue_is_valid_without_warnings() {
        let generator = Generator::from_spec_text(&starter(FALLBACK_CRATE), "starter").unwrap();
        assert!(generator.warnings().is_empty(), "{:?}", generator.warnings());
        assert_eq!(generator.model().crate_name, FALLBACK_CRATE);
    }

    #[test]
    fn init_writes_the_starter_at_the_default_path_and_prints_the_next_steps() {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().join("shop");
        std::fs::create_dir(&root).unwrap();
        let (status, stdout, stderr) = errcat(&root, &["init"]);
        assert_eq!(status, SUCCESS, "{stderr}");
        let written = std::fs::read_to_string(root.join("spec/errors.yaml")).unwrap();
        assert_eq!(written, starter("shop-errors"));
        for step in [
            "cargo errcat codegen\n",
            "shop-errors = { path = \"errors\" }",
            "cargo errcat codegen --check",
        ] {
            assert!(stdout.contains(step), "{step} not in:\n{stdout}");
        }
    }

    #[test]
    fn init_writes_where_spec_says_and_names_it_in_the_next_steps() {
        let temp = tempfile::tempdir().unwrap();
        let spec = temp.path().join("deep/er/catalogue.yaml");
        let spec_text = spec.to_str().unwrap();
        let (status, stdout, stderr) = errcat(temp.path(), &["init", "--spec", spec_text]);
        assert_eq!(status, SUCCESS, "{stderr}");
        assert!(Generator::from_spec_file(&spec).is_ok());
        assert!(
            stdout.contains("cargo errcat codegen --spec deep/er/catalogue.yaml --out errors\n"),
            "{stdout}"
        );
    }

    #[test]
    fn init_never_overwrites_an_existing_file() {
        let temp = tempfile::tempdir().unwrap();
        let spec = temp.path().join("spec/errors.yaml");
        std::fs::create_dir_all(spec.parent().unwrap()).unwrap();
        std::fs::write(&spec, "mine").unwrap();
        let (status, stdout, stderr) = errcat(temp.path(), &["init"]);
        assert_eq!(status, FAILURE);
        assert_eq!(stdout, "");
        assert!(
            stderr.starts_with("error: cannot write spec/errors.yaml: the file exists"),
            "{stderr}"
        );
        assert!(stderr.contains("--spec FILE"), "{stderr}");
        assert_eq!(std::fs::read_to_string(&spec).unwrap(), "mine");
    }

    #[test]
    fn the_crate_is_named_after_the_folder_only_when_that_makes_a_valid_name() {
        let temp = tempfile::tempdir().unwrap();
        for (folder, expected) in [
            ("Billing_API", "billing_api-errors"),
            ("1password", FALLBACK_CRATE),
            ("two words", FALLBACK_CRATE),
            ("café", FALLBACK_CRATE),
            ("x: y", FALLBACK_CRATE),
        ] {
            let root = temp.path().join(folder);
            std::fs::create_dir(&root).unwrap();
            assert_eq!(crate_name_for(&root), expected, "{folder}");
        }
    }
}
