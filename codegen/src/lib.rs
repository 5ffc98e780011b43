//! The error-catalogue generator: spec file → validated model → rendered files
//! → output folder.
//!
//! - [`load`] reads a YAML catalogue ([`spec`]), [`validate`]s it into a [`model`]
//!   and places every problem in the file ([`locate`], [`diagnostic`]);
//! - [`render`] turns the model into files, each by a pure function;
//! - [`header`] stamps them `@generated`; [`write`] checks or updates the folder.

pub mod compat;
pub mod diagnostic;
pub mod docs_url;
pub mod error;
pub mod explain;
pub mod header;
mod ident;
mod keys;
pub mod load;
pub mod locate;
pub mod model;
pub mod problem;
pub mod render;
pub mod spec;
mod suggest;
pub mod synth;
pub mod text_rules;
pub mod validate;
pub mod write;
mod yaml_error;
mod yaml_subset;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use error::Error;
pub use header::Provenance;
pub use load::{Loaded, load_spec, parse_spec, parse_spec_bytes};
pub use model::Model;
pub use write::OutputFile;

/// The catalogue `cargo xtask codegen` reads by default, relative to the workspace.
pub const DEFAULT_SPEC: &str = "spec/errors.yaml";

/// The folder `cargo xtask codegen` writes by default, relative to the workspace.
pub const DEFAULT_OUT: &str = "generated";

/// Every output file for `model`, stamped with its header, in [`render::OUTPUTS`]
/// order. Renderers are pure, so they run on every core: with 10,000 codes
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
    files.into_iter().map(|(_, file)| file).collect()
}

/// Loads the spec at `spec` and renders every output file; nothing is written.
pub fn generate(spec: &Path, provenance: &Provenance) -> Result<(Vec<OutputFile>, Loaded), Error> {
    let loaded = load_spec(spec, &provenance.spec)?;
    let files = render_files(&loaded.model, provenance);
    Ok((files, loaded))
}
