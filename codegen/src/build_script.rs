//! The build.rs front door: a crate's build script turns its catalogue into
//! `$OUT_DIR/errors.rs`, which the crate includes in a module of its own.
//! No generated crate to commit or publish; the catalogue is the source.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::generator::Generator;
use crate::header::Provenance;
use crate::model::RuntimeMode;

/// The file [`build`] writes in `OUT_DIR`.
pub const DEFAULT_OUT_FILE: &str = "errors.rs";

/// Generates `$OUT_DIR/errors.rs` from the catalogue at `spec` (relative to
/// the crate's folder), for a build script; see [`Builder`] for the options.
///
/// ```no_run
/// // build.rs
/// fn main() {
///     if let Err(err) = errcat_codegen::build("errors.yaml") {
///         // The located diagnostic: file, line, what to write instead.
///         eprintln!("{err}");
///         std::process::exit(1);
///     }
/// }
/// ```
///
/// and in the crate (not compiled here: only a crate with that build script
/// has the file):
///
/// ```text
/// mod errors {
///     include!(concat!(env!("OUT_DIR"), "/errors.rs"));
/// }
/// ```
// The examples are build scripts: their `main` is the point.
#[allow(clippy::needless_doctest_main)]
pub fn build(spec: impl AsRef<Path>) -> Result<(), Error> {
    Builder::new(spec).generate().map(drop)
}

/// A build script's catalogue and options: [`build`] with choices.
///
/// ```no_run
/// use errcat_codegen::{Builder, RuntimeMode};
///
/// // build.rs
/// fn main() {
///     let generated = Builder::new("api/errors.yaml")
///         .runtime(RuntimeMode::Crate) // the crate depends on errcat-runtime
///         .features(&["serde"]) // the crate depends on serde
///         .deny_warnings(true)
///         .out_file("api_errors.rs")
///         .generate();
///     if let Err(err) = generated {
///         eprintln!("{err}");
///         std::process::exit(1);
///     }
/// }
/// ```
#[allow(clippy::needless_doctest_main)]
#[derive(Debug, Clone)]
pub struct Builder {
    spec: PathBuf,
    runtime: Option<RuntimeMode>,
    features: Vec<String>,
    deny_warnings: bool,
    out_file: String,
}

impl Builder {
    /// The catalogue at `spec`, relative to the crate's folder
    /// (`CARGO_MANIFEST_DIR`) unless absolute; messages name it as given.
    pub fn new(spec: impl AsRef<Path>) -> Builder {
        Builder {
            spec: spec.as_ref().to_owned(),
            runtime: None,
            features: Vec::new(),
            deny_warnings: false,
            out_file: DEFAULT_OUT_FILE.to_owned(),
        }
    }

    /// How the module gets the runtime: [`RuntimeMode::Inline`] includes it,
    /// [`RuntimeMode::Crate`] uses the `errcat-runtime` crate, which the
    /// including crate must then depend on. Default: the catalogue's
    /// `runtime:`, else inline.
    pub fn runtime(mut self, mode: RuntimeMode) -> Builder {
        self.runtime = Some(mode);
        self
    }

    /// The generated crate's Cargo features to compile in (e.g. `["serde"]`),
    /// with those they imply; the including crate must depend on what they
    /// use. Default: none. See [`Generator::features`].
    pub fn features(mut self, features: &[&str]) -> Builder {
        self.features = features.iter().map(|feature| (*feature).to_owned()).collect();
        self
    }

    /// With `true`, the catalogue's warnings fail the build. Default `false`:
    /// they are printed as cargo warnings.
    pub fn deny_warnings(mut self, deny: bool) -> Builder {
        self.deny_warnings = deny;
        self
    }

    /// The file's name in `OUT_DIR`: a plain name, without a folder or `..`.
    /// Default [`DEFAULT_OUT_FILE`] (`errors.rs`).
    pub fn out_file(mut self, name: &str) -> Builder {
        self.out_file = name.to_owned();
        self
    }

    /// Writes the module file into `OUT_DIR` and returns its path. Asks
    /// cargo to rerun when the catalogue changes; leaves the file untouched
    /// when its contents are the same (so nothing rebuilds needlessly).
    pub fn generate(&self) -> Result<PathBuf, Error> {
        let out_dir = build_env("OUT_DIR")?;
        let target = out_file_path(Path::new(&out_dir), &self.out_file)?;
        let manifest_dir = build_env("CARGO_MANIFEST_DIR")?;
        let spec = Path::new(&manifest_dir).join(&self.spec);
        let label = self.spec.display().to_string();
        println!("cargo:rerun-if-changed={}", spec.display());

        let mut generator = Generator::from_spec_file_labelled(&spec, &label)?;
        for warning in generator.warnings() {
            // One line per directive: cargo shows each as `warning: crate@version: …`.
            for line in warning.to_string().lines() {
                println!("cargo:warning={line}");
            }
        }
        let features: Vec<&str> = self.features.iter().map(String::as_str).collect();
        generator = generator
            .deny_warnings(self.deny_warnings)
            .features(&features)
            .provenance(Provenance {
                spec: label,
                command: "errcat_codegen::build in build.rs".to_owned(),
            });
        if let Some(mode) = self.runtime {
            generator = generator.runtime(mode);
        }
        write_if_changed(&target, &generator.render_module()?)?;
        Ok(target)
    }
}

/// A variable cargo sets for build scripts.
fn build_env(name: &str) -> Result<String, Error> {
    std::env::var(name).map_err(|_| Error::Option {
        message: format!(
            "{name} is not set: errcat_codegen::build runs from a build script (build.rs), where cargo sets it"
        ),
        help: "call it from your crate's build.rs; outside a build script, use errcat_codegen::Generator".to_owned(),
    })
}

/// `out_dir/name`, refused unless `name` is a plain file name: the builder
/// writes nowhere but `OUT_DIR`.
fn out_file_path(out_dir: &Path, name: &str) -> Result<PathBuf, Error> {
    let plain = !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != "..";
    if !plain {
        return Err(Error::Option {
            message: format!(
                "out_file must be a plain file name, not {name:?}: the builder writes only inside OUT_DIR"
            ),
            help: "give a name like `errors.rs`, without `/`, `\\` or `..`".to_owned(),
        });
    }
    Ok(out_dir.join(name))
}

/// Writes `contents` to `target` through a temporary file and a rename (a
/// reader never sees half a file), unless `target` already holds them.
fn write_if_changed(target: &Path, contents: &str) -> Result<(), Error> {
    if std::fs::read(target).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(());
    }
    let failed = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Write { path, source }
    };
    let mut temp = target.as_os_str().to_owned();
    temp.push(format!(".{}.tmp", std::process::id()));
    let temp = PathBuf::from(temp);
    let written = std::fs::File::create(&temp).and_then(|mut file| {
        file.write_all(contents.as_bytes())?;
        file.sync_all()
    });
    if let Err(source) = written.and_then(|()| std::fs::rename(&temp, target)) {
        let _ = std::fs::remove_file(&temp);
        return Err(failed(target)(source));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_out_file_with_a_folder_or_dots_is_refused_with_what_to_write() {
        let out = Path::new("/out");
        for bad in ["../errors.rs", "sub/errors.rs", "sub\\errors.rs", "..", ".", ""] {
            let err = out_file_path(out, bad).unwrap_err().to_string();
            assert!(err.contains("out_file must be a plain file name"), "{bad}: {err}");
            assert!(err.contains("only inside OUT_DIR"), "{bad}: {err}");
        }
        assert_eq!(out_file_path(out, "api_errors.rs").unwrap(), out.join("api_errors.rs"));
    }

    #[test]
    fn an_unchanged_file_is_not_rewritten_and_a_changed_one_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("errors.rs");
        write_if_changed(&target, "mod a {}\n").unwrap();
        let written = std::fs::metadata(&target).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));

        write_if_changed(&target, "mod a {}\n").unwrap();
        assert_eq!(std::fs::metadata(&target).unwrap().modified().unwrap(), written);

        write_if_changed(&target, "mod b {}\n").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mod b {}\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["errors.rs"], "no temporary file is left behind");
    }

    #[test]
    fn outside_a_build_script_the_missing_variable_is_named() {
        // Test binaries do not get OUT_DIR from cargo (only build scripts and
        // crates with a build script do), and this crate has none.
        assert!(std::env::var_os("OUT_DIR").is_none());
        let err = build("errors.yaml").unwrap_err().to_string();
        assert!(err.contains("OUT_DIR is not set"), "{err}");
        assert!(err.contains("build script"), "{err}");
    }
}
