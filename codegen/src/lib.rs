//! The error-catalogue generator: spec file → validated model → rendered files
//! → output folder. The folders follow the pipe:
//!
//! - [`front`] reads a YAML catalogue into a [`front::spec::Spec`], placing
//!   every key in the file ([`front::locate`], [`front::diagnostic`]);
//! - [`validate`] checks the spec and derives the [`model`], which is what
//!   every later stage reads, already checked so that rendering cannot fail;
//! - [`load`] runs those two on a file or text;
//! - [`render`] turns the model into files, each by a pure function;
//! - [`write`](mod@write) stamps them `@generated` ([`write::header`]) and checks or
//!   updates the output folder;
//! - [`commands`] are the other CLI commands (compat, explain, synth);
//! - [`Generator`] is the front door over all of it: load once, then render,
//!   write or check;
//! - [`build`] and [`Builder`] are the build-script door: the crate as one
//!   module file in `OUT_DIR`, for a crate to `include!`.
//!
//! Dependencies run one way, with no cycles (tests aside, which load real
//! catalogues): `front` uses only [`problem`] and `suggest` (did-you-mean);
//! `validate` uses `front::spec`, `model`, `problem` and `suggest`; `load`
//! uses `front` and `validate`; `render` and `commands` use `model` (and
//! `suggest`); `write` uses [`error`], `render`'s quoting and `parallel`
//! (jobs on several threads, which the renderers' schedule uses too); `model`
//! and `parallel` use nothing of the crate. [`error`] wraps the front end's diagnostics.

mod build_script;
pub mod commands;
pub mod envelope;
pub mod error;
pub mod front;
mod generator;
pub mod load;
pub mod model;
mod module_file;
mod parallel;
pub mod problem;
pub mod render;
mod suggest;
pub mod validate;
pub mod write;

// The paths these modules had before they were grouped, kept for callers.
pub use commands::{compat, explain, synth};
pub use front::{diagnostic, locate, spec};
pub use validate::{docs_url, text_rules};
pub use write::header;

pub use build_script::{Builder, DEFAULT_OUT_FILE, build};
pub use error::Error;
pub use generator::{CheckReport, Generator};
pub use header::Provenance;
pub use load::{Loaded, load_spec, parse_spec, parse_spec_bytes};
pub use model::{Model, RuntimeMode};
pub use write::OutputFile;

/// The catalogue `cargo xtask codegen` reads by default, relative to the workspace.
pub const DEFAULT_SPEC: &str = "spec/errors.yaml";

/// The folder `cargo xtask codegen` writes by default, relative to the workspace.
pub const DEFAULT_OUT: &str = "generated";

/// Every output file for `model`, stamped with its header: the rendered ones
/// in [`render::OUTPUTS`] order, then the runtime's copies.
pub fn render_files(model: &Model, provenance: &Provenance) -> Vec<OutputFile> {
    render_with(model, provenance, &[])
}

/// A client renderer: the client's files, by path, without their headers.
pub(crate) type ClientRenderer = fn(&Model) -> Vec<(String, String)>;

/// The outputs that take longest at 10,000 codes, longest first (measured
/// with each renderer alone). They start first, the clients next, so that no
/// core is left finishing a long one alone; the order changes the wall time,
/// never the files.
const SLOWEST_FIRST: &[&str] = &["src/code.rs", "tests/catalogue.rs", "docs/conformance.json"];

/// [`render_files`], then the files of `clients` in their order. Renderers
/// are pure, so they run on every core; each output is stamped in the
/// renderer's own `String`, and nothing else is kept of it.
pub(crate) fn render_with(model: &Model, provenance: &Provenance, clients: &[ClientRenderer]) -> Vec<OutputFile> {
    let outputs = render::OUTPUTS.len();
    let slow = |index: usize| {
        let path = render::OUTPUTS.get(index).map(|(path, _)| *path);
        SLOWEST_FIRST.iter().position(|slowest| Some(*slowest) == path)
    };
    // Jobs by index: the outputs, then the clients.
    let mut schedule: Vec<usize> = (0..outputs + clients.len()).collect();
    schedule.sort_by_key(|&index| (slow(index).unwrap_or(SLOWEST_FIRST.len()), index < outputs, index));
    let run = |index: usize| -> Vec<OutputFile> {
        let stamped = |path: String, mut contents: String| {
            header::stamp_in_place(&path, &mut contents, provenance);
            OutputFile { path, contents }
        };
        match render::OUTPUTS.get(index) {
            Some((path, render)) => vec![stamped((*path).to_owned(), render(model))],
            None => clients[index - outputs](model)
                .into_iter()
                .map(|(path, body)| stamped(path, body))
                .collect(),
        }
    };
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let mut rendered: Vec<(usize, Vec<OutputFile>)> =
        parallel::map_jobs(&schedule, workers, |&index| (index, run(index)));
    rendered.sort_by_key(|(index, _)| *index);
    let mut rendered = rendered.into_iter().flat_map(|(_, files)| files);
    let copies = render::runtime::copies(model.runtime)
        .into_iter()
        .map(|(path, source)| OutputFile {
            contents: header::stamp(&path, source, provenance),
            path,
        });
    let mut files: Vec<OutputFile> = rendered.by_ref().take(outputs).chain(copies).collect();
    files.extend(rendered);
    files
}
