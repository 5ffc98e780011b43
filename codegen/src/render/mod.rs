//! Model → output files. Every renderer is a pure function `&Model -> String`;
//! [`OUTPUTS`] is the one list of what the generator renders, and
//! [`runtime::copies`] the runtime files an inline crate also carries.

mod cargo_toml;
mod category_rs;
mod code_rs;
mod conformance;
mod crate_tests;
mod ends;
mod json_export;
mod lib_rs;
mod lookup;
mod markdown;
mod openapi;
mod perfect_hash;
mod python;
mod retry_rs;
pub mod runtime;
mod rust;
mod rust_text;
mod small_table;
mod status_rs;
mod text;
mod typescript;
mod wire_const;
mod wire_rs;

pub use cargo_toml::render_cargo_toml;
pub use category_rs::render_category_rs;
pub use code_rs::render_code_rs;
pub use conformance::render_conformance;
pub use crate_tests::render_crate_tests;
pub use json_export::{render_errors_json, render_errors_schema, render_examples_json};
pub use lib_rs::render_lib_rs;
pub use markdown::render_markdown;
pub use openapi::render_openapi;
pub use python::render_python_client;
pub use retry_rs::render_retry_rs;
pub use status_rs::render_status_rs;
pub use text::{escape_markdown, quoted_string};
pub use typescript::render_typescript_client;
pub use wire_rs::render_wire_rs;

use crate::model::Model;

/// A renderer: the whole body of one file (without its `@generated` header).
pub type Renderer = fn(&Model) -> String;

/// Every rendered file of the generated crate, by path relative to the output
/// folder (the runtime's copies come from [`runtime::copies`]).
pub const OUTPUTS: &[(&str, Renderer)] = &[
    // Building the crate in place makes `target/`, which the generator never
    // touches; this keeps it out of the user's commits too.
    (".gitignore", |_| "/target/\n".to_owned()),
    ("Cargo.toml", render_cargo_toml),
    ("docs/conformance.json", render_conformance),
    ("docs/errors.json", render_errors_json),
    ("docs/errors.md", render_markdown),
    ("docs/errors.schema.json", render_errors_schema),
    ("docs/examples.json", render_examples_json),
    ("docs/openapi.yaml", render_openapi),
    ("src/category.rs", render_category_rs),
    ("src/code.rs", render_code_rs),
    ("src/lib.rs", render_lib_rs),
    ("src/retry.rs", render_retry_rs),
    ("src/status.rs", render_status_rs),
    ("src/wire.rs", render_wire_rs),
    ("tests/catalogue.rs", render_crate_tests),
];

/// Whether the output at `path` depends on the catalogue. The runtime
/// copies (of the Rust runtime and the clients' runtimes), the JSON Schema of the export, `ErrorCode`'s serde impls and
/// `.gitignore` do not: they are the same in every generated crate.
pub fn depends_on_catalogue(path: &str) -> bool {
    !path.starts_with(runtime::DIR)
        && !typescript::is_runtime_copy(path)
        && !python::is_catalogue_independent(path)
        && !matches!(path, "docs/errors.schema.json" | "src/wire.rs" | ".gitignore")
}
