//! `Cargo.toml` of the generated crate.

use super::text::quoted_string;
use crate::model::Model;

/// Renders the package manifest. Default features have no dependencies.
pub fn render_cargo_toml(model: &Model) -> String {
    let name = quoted_string(&model.crate_name);
    let version = quoted_string(&model.version);
    let description = quoted_string(&format!(
        "Typed errors of the {}, generated from its error catalogue",
        model.api_name
    ));
    let homepage = quoted_string(&model.docs_url);
    let license = model
        .license
        .as_deref()
        .map(|license| format!("license = {}\n", quoted_string(license)))
        .unwrap_or_default();
    format!(
        r#"[package]
name = {name}
version = {version}
edition = "2021"
description = {description}
homepage = {homepage}
{license}readme = "docs/errors.md"
categories = ["api-bindings"]

[features]
default = []
## ErrorCode (de)serializes as its code string; adds ErrorBody and Details.
serde = ["dep:serde", "dep:serde_json"]

[dependencies]
serde = {{ version = "1", optional = true, features = ["derive"] }}
serde_json = {{ version = "1", optional = true }}

[dev-dependencies]
serde_json = "1"

[package.metadata.docs.rs]
all-features = true
"#
    )
}
