//! The front door: one catalogue, loaded and validated once, turned into files
//! in memory, written to a folder or checked against one. Every caller (the
//! CLI, the benches, the tests) goes through it rather than through the
//! individual renderers, so they all produce exactly the same files.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::header::Provenance;
use crate::load::Loaded;
use crate::model::{Model, RuntimeMode};
use crate::write::{Drift, OutputFile, WriteReport};

/// A validated catalogue and the options for turning it into a crate.
///
/// Build one with [`Generator::from_spec_file`] (or from text already in
/// memory with [`Generator::from_spec_text`]); set options with the builder
/// methods, all optional; then [`render`](Generator::render) the files in
/// memory, [`write`](Generator::write) them into a folder, or
/// [`check`](Generator::check) a folder against them. Every failure is an
/// [`Error`] whose `Display` is the located diagnostic `cargo xtask codegen`
/// prints.
///
/// ```
/// use errcat_codegen::Generator;
///
/// let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/single_code.yaml");
/// let out = tempfile::tempdir()?;
///
/// let generator = Generator::from_spec_file(spec)?.deny_warnings(true);
/// let report = generator.write(out.path())?;
/// assert!(report.written.contains(&"src/lib.rs".to_owned()));
/// assert!(generator.check(out.path())?.is_up_to_date());
///
/// // A broken catalogue is refused with its file, line and what to write instead.
/// let err = Generator::from_spec_text("schema: 1\nname: [", "broken.yaml").unwrap_err();
/// assert!(err.to_string().contains("--> broken.yaml:2:"), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Generator {
    loaded: Loaded,
    deny_warnings: bool,
    force: bool,
    standalone: bool,
    typescript: bool,
    python: bool,
    provenance: Provenance,
    features: Vec<String>,
}

/// What [`Generator::check`] found in the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CheckReport {
    /// How many files the catalogue produces.
    pub files: usize,
    /// Every file that differs from what the catalogue produces, with a diff.
    pub drifts: Vec<Drift>,
}

impl CheckReport {
    /// Whether the folder holds exactly what the catalogue produces.
    pub fn is_up_to_date(&self) -> bool {
        self.drifts.is_empty()
    }
}

impl Generator {
    /// Loads and validates the catalogue at `path`; messages name it as given.
    pub fn from_spec_file(path: impl AsRef<Path>) -> Result<Generator, Error> {
        let path = path.as_ref();
        Generator::from_spec_file_labelled(path, &path.display().to_string())
    }

    /// Loads and validates the catalogue at `path`; messages and headers name
    /// it `label` (e.g. a path relative to the workspace, however the file was
    /// found).
    pub fn from_spec_file_labelled(path: &Path, label: &str) -> Result<Generator, Error> {
        Ok(Generator::new(crate::load_spec(path, label)?, label))
    }

    /// Validates the catalogue `text`; messages and headers name it `label`.
    pub fn from_spec_text(text: &str, label: &str) -> Result<Generator, Error> {
        Ok(Generator::new(crate::parse_spec(text, label)?, label))
    }

    /// Validates the catalogue `bytes` (not UTF-8 is a located error, like
    /// every other problem); messages and headers name it `label`.
    pub fn from_spec_bytes(bytes: &[u8], label: &str) -> Result<Generator, Error> {
        Ok(Generator::new(crate::parse_spec_bytes(bytes, label)?, label))
    }

    fn new(loaded: Loaded, label: &str) -> Generator {
        Generator {
            loaded,
            deny_warnings: false,
            force: false,
            standalone: false,
            typescript: true,
            python: true,
            provenance: Provenance::new(label, crate::DEFAULT_OUT),
            features: Vec::new(),
        }
    }

    /// With `true`, the catalogue's warnings are an error: [`render`](Self::render),
    /// [`write`](Self::write) and [`check`](Self::check) return them as
    /// [`Error::Invalid`] and produce nothing. Default `false`.
    pub fn deny_warnings(mut self, deny: bool) -> Generator {
        self.deny_warnings = deny;
        self
    }

    /// With `true`, [`write`](Self::write) writes into a folder that also holds
    /// files the generator did not write (it never overwrites or deletes
    /// them). Default `false`: such a folder is refused.
    pub fn force(mut self, force: bool) -> Generator {
        self.force = force;
        self
    }

    /// With `true`, the crate's `Cargo.toml` gets an empty `[workspace]` table:
    /// the crate is a workspace of its own, for an output folder inside another
    /// Cargo workspace that does not list it. Default `false`: inside another
    /// workspace, the crate must be one of its members (listed in `members`, or
    /// a path dependency of one), or cargo refuses to build it.
    pub fn standalone(mut self, standalone: bool) -> Generator {
        self.standalone = standalone;
        self
    }

    /// With `false`, the TypeScript client (`clients/typescript/`) is left
    /// out; a previous run's copy is removed like any output no longer
    /// produced. Default `true`.
    pub fn typescript(mut self, typescript: bool) -> Generator {
        self.typescript = typescript;
        self
    }

    /// With `false`, the Python client (`clients/python/`) is left out; a
    /// previous run's copy is removed like any output no longer produced.
    /// Default `true`.
    pub fn python(mut self, python: bool) -> Generator {
        self.python = python;
        self
    }

    /// How the crate gets the runtime, whatever the catalogue's `runtime:`
    /// says: [`RuntimeMode::Inline`] copies it into `src/runtime/`,
    /// [`RuntimeMode::Crate`] depends on the `errcat-runtime` crate. Default:
    /// the catalogue's choice, else inline.
    pub fn runtime(mut self, mode: RuntimeMode) -> Generator {
        self.loaded.model.runtime = mode;
        self
    }

    /// Where the crate finds `errcat-runtime` in [`RuntimeMode::Crate`]: the
    /// runtime crate's folder as the generated `Cargo.toml` writes it,
    /// relative to the output folder (or absolute). Default: none, the
    /// runtime comes from crates.io. Inline, the path is not used.
    pub fn runtime_path(mut self, path: impl AsRef<Path>) -> Generator {
        // Cargo reads `/` on every platform.
        let path = path.as_ref().to_string_lossy().replace('\\', "/");
        self.loaded.model.runtime_path = Some(path);
        self
    }

    /// How every file's `@generated` header names the spec and the command
    /// that regenerates it. Default: the spec's label and
    /// `cargo xtask codegen` with the output folder `generated`
    /// ([`Provenance::new`]).
    pub fn provenance(mut self, provenance: Provenance) -> Generator {
        self.provenance = provenance;
        self
    }

    /// The generated crate's Cargo features that [`render_module`](Self::render_module)
    /// turns on (e.g. `["serde"]`), with the features they imply as in the
    /// crate's `Cargo.toml` (`axum` turns on `serde` and `http`): their code
    /// is kept, ungated, and the including crate must depend on what they use
    /// (e.g. `serde`). An unknown name makes `render_module` fail, listing the
    /// features. Default: none. [`render`](Self::render) ignores it: a crate
    /// has its own features.
    pub fn features(mut self, features: &[&str]) -> Generator {
        self.features = features.iter().map(|feature| (*feature).to_owned()).collect();
        self
    }

    /// The validated catalogue.
    pub fn model(&self) -> &Model {
        &self.loaded.model
    }

    /// The validated catalogue, for callers done with generating (e.g. to
    /// compare two catalogues).
    pub fn into_model(self) -> Model {
        self.loaded.model
    }

    /// The catalogue's warnings, in file order; each displays as a located
    /// diagnostic.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.loaded.warnings
    }

    /// Every output file, stamped with its header; nothing is written.
    pub fn render(&self) -> Result<Vec<OutputFile>, Error> {
        self.render_with_clients(self.typescript, self.python)
    }

    /// Every output file, with the TypeScript and Python clients only when
    /// asked for.
    fn render_with_clients(&self, typescript: bool, python: bool) -> Result<Vec<OutputFile>, Error> {
        if self.deny_warnings && !self.loaded.warnings.is_empty() {
            return Err(Error::invalid(self.loaded.warnings.clone()));
        }
        let clients: Vec<crate::ClientRenderer> = [
            (
                typescript,
                crate::render::render_typescript_client as crate::ClientRenderer,
            ),
            (python, crate::render::render_python_client),
        ]
        .into_iter()
        .filter_map(|(wanted, render)| wanted.then_some(render))
        .collect();
        let mut files = crate::render_with(&self.loaded.model, &self.provenance, &clients);
        if self.standalone {
            let manifest = files.iter_mut().find(|file| file.path == "Cargo.toml");
            if let Some(manifest) = manifest {
                manifest
                    .contents
                    .push_str("\n# A workspace of its own, wherever its folder is (`--standalone`).\n[workspace]\n");
            }
        }
        Ok(files)
    }

    /// The whole crate as ONE Rust source file, to `include!` inside a module
    /// of another crate (what [`crate::build`] and the `errcat::catalogue!`
    /// macro do): every `mod x;` inlined, every `crate::` path made relative
    /// so it works in whatever module it lands, the root's inner attributes
    /// and the `#[cfg(test)]` items dropped, and the `#[cfg(feature = …)]`
    /// gates decided by [`features`](Self::features). It opens with the
    /// `@generated` header.
    ///
    /// ```
    /// use errcat_codegen::Generator;
    ///
    /// let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/single_code.yaml");
    /// let module = Generator::from_spec_file(spec)?.render_module()?;
    /// assert!(module.contains("pub enum ErrorCode"));
    /// assert!(!module.contains("crate::"));
    /// # Ok::<(), errcat_codegen::Error>(())
    /// ```
    pub fn render_module(&self) -> Result<String, Error> {
        let chosen: Vec<&str> = self.features.iter().map(String::as_str).collect();
        let features = crate::module_file::with_implied(&chosen).map_err(|unknown| {
            let known: Vec<&str> = errcat_runtime::sources::FEATURES.iter().map(|f| f.name).collect();
            Error::Option {
                message: format!("`{unknown}` is not a feature of the generated crate"),
                help: format!("the features are {}", known.join(", ")),
            }
        })?;
        // The module is the crate's Rust alone: a build script or a macro
        // expansion need not render the clients.
        let files = self.render_with_clients(false, false)?;
        let module = crate::module_file::module_file(&files, &features);
        Ok(crate::header::stamp("errors.rs", &module, &self.provenance))
    }

    /// Makes the folder `out` hold exactly the rendered files, all or nothing
    /// (see [`crate::write`] for what it never touches).
    pub fn write(&self, out: &Path) -> Result<WriteReport, Error> {
        crate::write::write(out, &self.render()?, self.force)
    }

    /// Compares the folder `out` with the rendered files; writes nothing.
    pub fn check(&self, out: &Path) -> Result<CheckReport, Error> {
        let files = self.render()?;
        let drifts = crate::write::check(out, &files)?;
        Ok(CheckReport {
            files: files.len(),
            drifts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::DriftKind;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../tests/fixtures/{name}.yaml"))
    }

    /// The single-code fixture with its status made a 404, so that its
    /// `transient` retry class draws a warning.
    fn catalogue_with_a_warning() -> String {
        let text = std::fs::read_to_string(fixture("single_code")).unwrap();
        let warned = text.replace("status: 500", "status: 404");
        assert_ne!(text, warned, "the fixture no longer has the lines this test edits");
        warned
    }

    #[test]
    fn deny_warnings_turns_warnings_into_the_located_error_and_renders_nothing() {
        let generator = Generator::from_spec_text(&catalogue_with_a_warning(), "warned.yaml").unwrap();
        assert_eq!(generator.warnings().len(), 1);
        assert!(generator.render().is_ok(), "warnings alone do not stop a run");

        let denied = generator.deny_warnings(true);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("crate");
        for err in [
            denied.render().unwrap_err(),
            denied.write(&out).unwrap_err(),
            denied.check(&out).unwrap_err(),
        ] {
            let message = err.to_string();
            assert!(matches!(err, Error::Invalid(_)), "{message}");
            assert!(message.contains("--> warned.yaml:"), "{message}");
            assert!(message.contains("transient"), "{message}");
            assert!(
                message.ends_with("the catalogue has 1 problem; nothing was written"),
                "{message}"
            );
        }
        assert!(!out.exists(), "a denied warning must write nothing");
    }

    #[test]
    fn files_come_in_output_order_then_runtime_copies_then_clients_whatever_renders_first() {
        let generator = Generator::from_spec_file(fixture("single_code"))
            .unwrap()
            .typescript(true)
            .python(true);
        let model = generator.model();
        let paths: Vec<String> = generator.render().unwrap().into_iter().map(|file| file.path).collect();
        let expected: Vec<String> = crate::render::OUTPUTS
            .iter()
            .map(|(path, _)| (*path).to_owned())
            .chain(
                crate::render::runtime::copies(model.runtime)
                    .into_iter()
                    .map(|(path, _)| path),
            )
            .chain(
                crate::render::render_typescript_client(model)
                    .into_iter()
                    .map(|(path, _)| path),
            )
            .chain(
                crate::render::render_python_client(model)
                    .into_iter()
                    .map(|(path, _)| path),
            )
            .collect();
        assert_eq!(paths, expected);
    }

    #[test]
    fn render_write_check_round_trip_is_clean() {
        let generator = Generator::from_spec_file(fixture("single_code")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let rendered = generator.render().unwrap();

        let report = generator.write(dir.path()).unwrap();
        let mut written = report.written.clone();
        written.sort();
        let mut expected: Vec<String> = rendered.iter().map(|file| file.path.clone()).collect();
        expected.sort();
        assert_eq!(written, expected);
        for file in &rendered {
            assert_eq!(
                std::fs::read_to_string(dir.path().join(&file.path)).unwrap(),
                file.contents
            );
        }

        let check = generator.check(dir.path()).unwrap();
        assert_eq!(check.files, rendered.len());
        assert!(check.is_up_to_date(), "{:?}", check.drifts);
        assert_eq!(generator.write(dir.path()).unwrap().unchanged, rendered.len());
    }

    #[test]
    fn check_reports_a_file_edited_by_hand_and_a_missing_one() {
        let generator = Generator::from_spec_file(fixture("single_code")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        generator.write(dir.path()).unwrap();
        let code_rs = dir.path().join("src/code.rs");
        let edited = std::fs::read_to_string(&code_rs)
            .unwrap()
            .replace("Something broke", "Something else");
        std::fs::write(&code_rs, edited).unwrap();
        std::fs::remove_file(dir.path().join("docs/errors.md")).unwrap();

        let check = generator.check(dir.path()).unwrap();
        let found: Vec<(&str, &DriftKind)> = check.drifts.iter().map(|d| (d.path.as_str(), &d.kind)).collect();
        assert_eq!(
            found,
            [
                ("docs/errors.md", &DriftKind::Missing),
                ("src/code.rs", &DriftKind::Changed)
            ]
        );
        assert!(check.drifts[1].diff.contains("+        message: \"Something broke\","));
    }

    #[test]
    fn headers_name_the_spec_by_its_label_and_the_given_provenance() {
        let text = std::fs::read_to_string(fixture("single_code")).unwrap();
        let generator = Generator::from_spec_text(&text, "api/errors.yaml").unwrap();
        let lib_rs = |files: Vec<OutputFile>| files.into_iter().find(|f| f.path == "src/lib.rs").unwrap().contents;
        let default = lib_rs(generator.render().unwrap());
        assert!(
            default.starts_with(
                "// @generated by `cargo xtask codegen --spec api/errors.yaml --out generated` from api/errors.yaml."
            ),
            "{default}"
        );
        let own = Provenance {
            spec: "errors.yaml".to_owned(),
            command: "cargo build".to_owned(),
        };
        let custom = lib_rs(generator.provenance(own).render().unwrap());
        assert!(
            custom.starts_with("// @generated by `cargo build` from errors.yaml."),
            "{custom}"
        );
    }

    #[test]
    fn an_unreadable_spec_file_is_named_as_given() {
        let err = Generator::from_spec_file("no/such/errors.yaml").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("error: cannot read the catalogue no/such/errors.yaml:"),
            "{err}"
        );
    }
}
