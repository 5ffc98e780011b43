//! `Cargo.toml` of the generated crate.

use super::text::quoted_string;
use crate::model::Model;

/// Renders the package manifest. Default features have no dependencies; each
/// integration is a feature, and every feature builds alone.
pub fn render_cargo_toml(model: &Model) -> String {
    let name = quoted_string(&model.crate_name);
    let version = quoted_string(&model.version.to_string());
    let description = quoted_string(&format!(
        "Typed errors of the {}, generated from its error catalogue",
        model.api_name
    ));
    let homepage = quoted_string(&model.docs_url);
    // What a published crate needs, from the catalogue when it states it.
    let optional = |key: &str, value: Option<&str>| {
        value
            .map(|value| format!("{key} = {}\n", quoted_string(value)))
            .unwrap_or_default()
    };
    let rust_version = optional("rust-version", model.rust_version.as_deref());
    let license = optional("license", model.license.as_deref());
    let repository = optional("repository", model.repository.as_deref());
    let keywords = if model.keywords.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = model.keywords.iter().map(|keyword| quoted_string(keyword)).collect();
        format!("keywords = [{}]\n", quoted.join(", "))
    };
    format!(
        r#"[package]
name = {name}
version = {version}
edition = "2021"
{rust_version}description = {description}
homepage = {homepage}
{repository}{license}readme = "docs/errors.md"
{keywords}categories = ["api-bindings"]

[features]
default = []
## ErrorCode (de)serializes as its code string; adds ErrorBody, Details and ApiError::body.
serde = ["dep:serde", "dep:serde_json"]
## ApiError from http's StatusCode, HeaderMap and Response; StatusCode from ErrorCode.
http = ["dep:http"]
## ErrorResponse: a server's error reply, implementing axum's IntoResponse.
axum = ["dep:axum", "serde", "http"]
## error_for_response and send_with_retry for reqwest clients (tokio's timer waits between attempts).
reqwest = ["dep:reqwest", "dep:tokio", "http"]
## ErrorStats::record also emits one tracing event per error.
tracing = ["dep:tracing"]

[dependencies]
axum = {{ version = "0.8", optional = true, default-features = false }}
http = {{ version = "1", optional = true }}
reqwest = {{ version = "0.13", optional = true, default-features = false }}
serde = {{ version = "1", optional = true, features = ["derive"] }}
serde_json = {{ version = "1", optional = true }}
tokio = {{ version = "1", optional = true, features = ["time"] }}
tracing = {{ version = "0.1", optional = true, default-features = false, features = ["std"] }}

[dev-dependencies]
serde_json = "1"

[package.metadata.docs.rs]
all-features = true
"#
    )
}
