//! The runtime every generated crate carries: hand-written Rust in
//! `codegen/runtime/` (error parsing, retry policy, monitoring, HTTP
//! integrations) that refers only to items every catalogue generates
//! (`ErrorCode`, `Category`, `Retry`, the header constants), so it is the same
//! for every catalogue. Catalogue-specific values never go in a template: they
//! are rendered into the other modules.

/// Where the templates land in the generated crate. Outputs under it do not
/// depend on the catalogue.
pub const DIR: &str = "src/runtime/";

/// A template formatted like the rendered files. Templates are compiled into
/// the generator, so one that does not parse is a bug in the generator itself,
/// which the unit test below catches.
pub fn template(source: &str) -> String {
    match syn::parse_file(source) {
        Ok(file) => prettyplease::unparse(&file),
        Err(err) => panic!("generator bug: a runtime template does not parse: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OUTPUTS;

    fn model() -> crate::Model {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/single_code.yaml");
        let text = std::fs::read_to_string(path).unwrap();
        crate::parse_spec(&text, "single_code.yaml").unwrap().model
    }

    #[test]
    fn every_template_parses_and_is_copied_whatever_the_catalogue() {
        let model = model();
        let mut other = model.clone();
        other.api_name = "Other API".to_owned();
        other.codes.clear();
        let templates: Vec<_> = OUTPUTS.iter().filter(|(path, _)| path.starts_with(DIR)).collect();
        assert!(templates.len() >= 10, "{templates:?}");
        for (path, render) in templates {
            let rendered = render(&model);
            assert!(rendered.starts_with("//!"), "{path} opens with its module docs");
            assert_eq!(rendered, render(&other), "{path}");
        }
    }
}
