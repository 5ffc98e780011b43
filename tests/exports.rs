//! The machine-readable exports are what they claim: `errors.json` validates
//! against `errors.schema.json`, `openapi.yaml` is OpenAPI 3.1 that a real
//! OpenAPI library reads, and every example body in it and in `examples.json`
//! validates against its `ErrorResponse` schema with a real JSON Schema
//! validator — for the real catalogue and every fixture.

use crate::support;

use boon::{Compiler, Draft, SchemaIndex, Schemas};
use errcat_codegen::Generator;
use serde_json::Value;

fn rendered(generator: &Generator, path: &str) -> String {
    let files = generator.render().unwrap_or_else(|err| panic!("{err}"));
    let file = files
        .into_iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| panic!("{path} is not an output"));
    file.contents
}

fn generators() -> Vec<(String, Generator)> {
    support::all_specs()
        .into_iter()
        .map(|spec| {
            let label = spec.display().to_string();
            let generator = Generator::from_spec_file(&spec).unwrap_or_else(|err| panic!("{err}"));
            (label, generator)
        })
        .collect()
}

/// Compiles `location` of the JSON document `document` with JSON Schema 2020-12.
fn compile(document: Value, location: &str) -> (Schemas, SchemaIndex) {
    let mut compiler = Compiler::new();
    compiler.set_default_draft(Draft::V2020_12);
    let base = location.split('#').next().unwrap();
    compiler.add_resource(base, document).unwrap();
    let mut schemas = Schemas::new();
    let index = compiler.compile(location, &mut schemas).unwrap();
    (schemas, index)
}

#[test]
fn errors_json_validates_against_its_schema() {
    let (_, any) = &generators()[0];
    let schema: Value = serde_json::from_str(&rendered(any, "docs/errors.schema.json")).unwrap();
    let (schemas, index) = compile(schema, "file:///errors.schema.json");
    for (label, generator) in generators() {
        let export: Value = serde_json::from_str(&rendered(&generator, "docs/errors.json")).unwrap();
        if let Err(err) = schemas.validate(&export, index) {
            panic!("{label}: errors.json does not match its schema: {err:#}");
        }
        assert_eq!(export["codes"].as_array().unwrap().len(), generator.model().codes.len());
        assert_eq!(export["codes"][0]["code"], generator.model().codes[0].code.as_str());
    }
    // The validator is not a rubber stamp.
    let mut broken: Value = serde_json::from_str(&rendered(any, "docs/errors.json")).unwrap();
    broken["codes"][0]["retry"] = "sometimes".into();
    assert!(schemas.validate(&broken, index).is_err());
}

#[test]
fn openapi_fragment_parses_and_every_example_matches_the_error_response_schema() {
    for (label, generator) in generators() {
        let yaml: serde_yaml::Value = serde_yaml::from_str(&rendered(&generator, "docs/openapi.yaml")).unwrap();
        let document = serde_json::to_value(&yaml).unwrap();
        let spec = oas3::from_json(document.to_string()).unwrap_or_else(|err| panic!("{label}: {err}"));
        assert_eq!(spec.openapi, "3.1.0");
        let components = spec.components.as_ref().unwrap();
        assert!(components.schemas.contains_key("ErrorResponse"), "{label}");
        assert!(components.headers.contains_key("RetryAfterHint"), "{label}");

        let (schemas, index) = compile(document, "file:///openapi.json#/components/schemas/ErrorResponse");
        let mut seen = Vec::new();
        for (name, response) in &components.responses {
            let response = response.resolve(&spec).unwrap();
            let media = &response.content["application/json"];
            assert!(media.schema.is_some(), "{label}: {name} has no schema");
            for (code, example) in media.examples.as_ref().unwrap().resolve_all(&spec) {
                let body = example.value.unwrap();
                if let Err(err) = schemas.validate(&body, index) {
                    panic!("{label}: example {code} in {name} does not match ErrorResponse: {err:#}");
                }
                let entry = generator.model().codes.iter().find(|c| c.code == code).unwrap();
                assert_eq!(*name, format!("Error{}", entry.status), "{label}: {code}");
                assert_eq!(body["code"], code.as_str());
                seen.push(code);
            }
        }
        assert_eq!(
            seen.len(),
            generator.model().codes.len(),
            "{label}: one example per code"
        );

        let wrong = serde_json::json!({ "error": "x", "code": "NOT_A_CODE_OF_THIS_API" });
        assert!(
            schemas.validate(&wrong, index).is_err(),
            "{label}: unknown codes must not validate"
        );
    }
}

#[test]
fn golden_examples_cover_every_code_with_its_status_and_a_valid_body() {
    for (label, generator) in generators() {
        let examples: Value = serde_json::from_str(&rendered(&generator, "docs/examples.json")).unwrap();
        let yaml: serde_yaml::Value = serde_yaml::from_str(&rendered(&generator, "docs/openapi.yaml")).unwrap();
        let openapi = serde_json::to_value(&yaml).unwrap();
        let (schemas, index) = compile(openapi, "file:///openapi.json#/components/schemas/ErrorResponse");
        for code in &generator.model().codes {
            let golden = &examples[&code.code];
            assert_eq!(golden["status"], code.status, "{label}: {}", code.code);
            assert_eq!(golden["body"], code.example, "{label}: {}", code.code);
            assert!(
                schemas.validate(&golden["body"], index).is_ok(),
                "{label}: {}",
                code.code
            );
        }
    }
}
