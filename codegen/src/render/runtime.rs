//! The runtime every generated crate builds on: the `errcat-runtime` crate
//! (`runtime/`), whose one module table (`errcat_runtime::sources`) says which
//! files there are, which Cargo feature each needs and which features there
//! are. Inline, a crate carries verbatim copies of the files in `src/runtime/`;
//! as a crate, it depends on `errcat-runtime` instead. Either way the rest of
//! the crate names the runtime `crate::runtime`, so nothing else differs.

use errcat_runtime::sources::{FEATURES, MODULES, Module};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::RuntimeMode;

/// Where the inline copies land in the generated crate. Outputs under it do
/// not depend on the catalogue.
pub const DIR: &str = "src/runtime/";

/// The runtime files a crate in `mode` carries, each as (path, text):
/// every module of the table, the test-only ones too, inline; none as a crate.
pub fn copies(mode: RuntimeMode) -> Vec<(String, &'static str)> {
    match mode {
        RuntimeMode::Inline => MODULES
            .iter()
            .map(|module| (format!("{DIR}{}.rs", module.name), module.source))
            .collect(),
        RuntimeMode::Crate => Vec::new(),
    }
}

/// How the crate root reaches the runtime as `runtime`, public in both modes
/// so that the crate's API is the same: the module tree of the inline copies,
/// each with its visibility and gate from the table, or the dependency under
/// that name.
pub fn root_items(mode: RuntimeMode) -> TokenStream {
    match mode {
        RuntimeMode::Inline => {
            let modules = MODULES.iter().map(module_declaration);
            quote! {
                /// The runtime this crate builds on (the `errcat-runtime` crate's
                /// modules, copied): the generic forms of the root's aliases,
                /// for code written for any catalogue.
                pub mod runtime {
                    #(#modules)*
                }
            }
        }
        RuntimeMode::Crate => quote! {
            /// The runtime this crate builds on (the `errcat-runtime` crate):
            /// the generic forms of the root's aliases, for code written for
            /// any catalogue.
            pub use ::errcat_runtime as runtime;
        },
    }
}

fn module_declaration(module: &Module) -> TokenStream {
    let name = format_ident!("{}", module.name);
    if module.test_only {
        return quote! { #[cfg(test)] mod #name; };
    }
    let visibility = if module.public {
        quote! { pub }
    } else {
        quote! {}
    };
    match module.feature {
        Some(feature) => quote! { #[cfg(feature = #feature)] #visibility mod #name; },
        None => quote! { #visibility mod #name; },
    }
}

/// The `[features]` entries and optional `[dependencies]` lines of the crate's
/// `Cargo.toml`, from the runtime's feature table. Both modes declare the same
/// features with the same optional dependencies (the generated code uses
/// `serde`, `http` and `reqwest` itself); as a crate, each also turns on the
/// runtime's feature of the same name.
pub fn cargo_features(mode: RuntimeMode) -> (String, Vec<&'static str>) {
    let mut features = String::new();
    let mut dependencies = Vec::new();
    for feature in FEATURES {
        let mut enables: Vec<String> = Vec::new();
        for line in feature.dependencies {
            let name = line.split_whitespace().next().unwrap_or(line);
            enables.push(format!("\"dep:{name}\""));
        }
        enables.extend(feature.implies.iter().map(|implied| format!("\"{implied}\"")));
        if mode == RuntimeMode::Crate {
            enables.push(format!("\"errcat-runtime/{}\"", feature.name));
        }
        features.push_str(&format!(
            "## {}\n{} = [{}]\n",
            feature.doc,
            feature.name,
            enables.join(", ")
        ));
        dependencies.extend(feature.dependencies);
    }
    dependencies.sort_unstable();
    (features, dependencies)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_copies_every_module_of_the_table_verbatim_and_a_crate_none() {
        let copies = copies(RuntimeMode::Inline);
        assert_eq!(copies.len(), MODULES.len());
        for ((path, text), module) in copies.iter().zip(MODULES) {
            assert_eq!(path, &format!("src/runtime/{}.rs", module.name));
            assert_eq!(*text, module.source);
            syn::parse_file(text).unwrap_or_else(|err| panic!("{path}: {err}"));
        }
        assert!(copies.iter().any(|(path, _)| path == "src/runtime/word.rs"));
        assert!(super::copies(RuntimeMode::Crate).is_empty());
    }

    #[test]
    fn every_module_is_declared_behind_its_gate() {
        let root = root_items(RuntimeMode::Inline).to_string();
        for module in MODULES {
            let declaration = module_declaration(module).to_string();
            assert!(root.contains(&declaration), "{declaration}");
        }
        assert!(root.contains("# [cfg (test)] mod testing ;"), "{root}");
        assert!(root.contains("# [cfg (feature = \"serde\")] pub mod body ;"), "{root}");
        assert!(
            root.contains(" mod http_date ;") && !root.contains("pub mod http_date"),
            "{root}"
        );
        let as_crate = root_items(RuntimeMode::Crate).to_string();
        assert!(
            as_crate.ends_with("pub use :: errcat_runtime as runtime ;"),
            "{as_crate}"
        );
    }

    #[test]
    fn features_forward_to_the_runtime_only_as_a_crate() {
        let (inline, dependencies) = cargo_features(RuntimeMode::Inline);
        assert!(
            inline.contains("\naxum = [\"dep:axum\", \"serde\", \"http\"]\n"),
            "{inline}"
        );
        assert!(!inline.contains("errcat-runtime"), "{inline}");
        assert!(dependencies.iter().any(|line| line.starts_with("tokio = ")));
        let (as_crate, same) = cargo_features(RuntimeMode::Crate);
        assert_eq!(same, dependencies);
        assert!(
            as_crate.contains("\nreqwest = [\"dep:reqwest\", \"dep:tokio\", \"dep:http-body\", \"http\", \"errcat-runtime/reqwest\"]\n"),
            "{as_crate}"
        );
        assert_eq!(as_crate.lines().count(), 2 * FEATURES.len());
    }
}
