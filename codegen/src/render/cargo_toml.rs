//! `Cargo.toml` of the generated crate.

use super::runtime::cargo_features;
use super::text::quoted_string;
use crate::model::{Model, RuntimeMode};

/// The `errcat-runtime` version a crate of [`RuntimeMode::Crate`] pins
/// exactly: the generated code is written against this one (a unit test keeps
/// it equal to `runtime/Cargo.toml`'s).
pub const RUNTIME_VERSION: &str = "0.1.0";

/// Renders the package manifest. Default features have no dependencies (but
/// the runtime crate, as a crate); each integration is a feature, and every
/// feature builds alone.
pub fn render_cargo_toml(model: &Model) -> String {
    let name = quoted_string(&model.crate_name);
    let version = quoted_string(&model.version().to_string());
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
    let (features, dependencies) = cargo_features(model.runtime);
    let mut dependencies: Vec<String> = dependencies.iter().map(|line| (*line).to_owned()).collect();
    if model.runtime == RuntimeMode::Crate {
        let path = model
            .runtime_path
            .as_deref()
            .map(|path| format!(", path = {}", quoted_string(path)))
            .unwrap_or_default();
        dependencies.push(format!("errcat-runtime = {{ version = \"={RUNTIME_VERSION}\"{path} }}"));
        dependencies.sort_unstable();
    }
    let dependencies: String = dependencies.iter().map(|line| format!("{line}\n")).collect();
    format!(
        r#"[package]
name = {name}
version = {version}
edition = "2021"
{rust_version}description = {description}
homepage = {homepage}
{repository}{license}readme = "docs/errors.md"
{keywords}categories = ["api-bindings"]
# The TypeScript and Python clients are packages of their own (npm, PyPI).
exclude = ["/clients/"]

[features]
default = []
{features}
[dependencies]
{dependencies}
[dev-dependencies]
serde_json = "1"

[package.metadata.docs.rs]
all-features = true
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pinned_runtime_version_is_the_runtime_crate_s() {
        let manifest = include_str!("../../../runtime/Cargo.toml");
        let version = manifest.lines().find_map(|line| line.strip_prefix("version = "));
        assert_eq!(version, Some(format!("\"{RUNTIME_VERSION}\"").as_str()));
    }
}
