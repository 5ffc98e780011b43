//! The error-catalogue generator: spec file → validated model → rendered files
//! → output folder.
//!
//! - [`load`] reads a YAML catalogue ([`spec`]), [`validate`]s it into a [`model`]
//!   and places every problem in the file ([`locate`], [`diagnostic`]);
//! - [`render`] turns the model into files, each by a pure function;
//! - [`header`] stamps them `@generated`; [`write`] checks or updates the folder.

pub mod compat;
pub mod diagnostic;
pub mod error;
pub mod explain;
pub mod header;
mod ident;
mod keys;
pub mod load;
pub mod locate;
pub mod model;
pub mod render;
pub mod spec;
pub mod synth;
pub mod validate;
pub mod write;
mod yaml_error;

use std::path::Path;

pub use error::Error;
pub use header::Provenance;
pub use load::{Loaded, load_spec, parse_spec, parse_spec_bytes};
pub use model::Model;
pub use write::OutputFile;

/// The catalogue `cargo xtask codegen` reads by default, relative to the workspace.
pub const DEFAULT_SPEC: &str = "spec/errors.yaml";

/// The folder `cargo xtask codegen` writes by default, relative to the workspace.
pub const DEFAULT_OUT: &str = "generated";

/// Every output file for `model`, stamped with its header.
pub fn render_files(model: &Model, provenance: &Provenance) -> Vec<OutputFile> {
    render::OUTPUTS
        .iter()
        .map(|(path, render)| OutputFile {
            path: (*path).to_owned(),
            contents: header::stamp(path, &render(model), provenance),
        })
        .collect()
}

/// Loads the spec at `spec` and renders every output file; nothing is written.
pub fn generate(spec: &Path, provenance: &Provenance) -> Result<(Vec<OutputFile>, Loaded), Error> {
    let loaded = load_spec(spec, &provenance.spec)?;
    let files = render_files(&loaded.model, provenance);
    Ok((files, loaded))
}
