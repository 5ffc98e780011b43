//! Validation: [`crate::front::spec::Spec`] → [`crate::model::Model`]. The
//! catalogue-wide rules (`rules`) lean on one module per kind of value: the
//! characters any text may hold ([`text_rules`]), the docs URL ([`docs_url`])
//! and the Rust names derived from catalogue names (`ident`).

pub mod body;
pub mod doc_links;
pub mod docs_url;
pub mod example;
pub(crate) mod ident;
pub mod lints;
mod rules;
pub mod text_rules;
pub mod wire;

pub use crate::model::DEFAULT_VERSION;
pub use crate::problem::{Problem, Severity};
pub use rules::{MAX_DEFAULT_RETRY_AFTER_SECS, SUPPORTED_SCHEMAS, Validated, validate};
