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
//! `suggest`); `write` uses [`error`] and `render`'s quoting; `model` uses
//! nothing of the crate. [`error`] wraps the front end's diagnostics.

mod build_script;
pub mod commands;
pub mod envelope;
pub mod error;
pub mod front;
mod generator;
pub mod load;
pub mod model;
mod module_file;
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

use std::sync::atomic::{AtomicUsize, Ordering};

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
/// in [`render::OUTPUTS`] order, then the runtime's copies. Renderers are pure, so they run on every core: with 10,000 codes
/// `src/code.rs` alone takes as long as all the other files together.
pub fn render_files(model: &Model, provenance: &Provenance) -> Vec<OutputFile> {
    let next = AtomicUsize::new(0);
    let render_some = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some((path, render)) = render::OUTPUTS.get(index) else {
                return done;
            };
            let contents = header::stamp(path, &render(model), provenance);
            done.push((
                index,
                OutputFile {
                    path: (*path).to_owned(),
                    contents,
                },
            ));
        }
    };
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let mut files: Vec<(usize, OutputFile)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(render_some)).collect();
        let mut files = render_some();
        for helper in helpers {
            // A renderer panics only on a generator bug: pass it on unchanged.
            files.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        files
    });
    files.sort_by_key(|(index, _)| *index);
    let copies = render::runtime::copies(model.runtime)
        .into_iter()
        .map(|(path, source)| OutputFile {
            contents: header::stamp(&path, source, provenance),
            path,
        });
    files.into_iter().map(|(_, file)| file).chain(copies).collect()
}
