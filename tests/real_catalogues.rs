//! The catalogues of real APIs under `tests/fixtures/real/` generate under
//! `--deny-warnings` (their unusual but specified choices acknowledged with
//! `allow:`), and every code reaches each output exactly as it is on the wire.

use crate::support::{self, real_specs};

#[test]
fn every_real_catalogue_generates_under_deny_warnings_with_its_codes_unchanged() {
    let specs = real_specs();
    assert!(specs.len() >= 2, "{specs:?}");
    for spec in specs {
        let (_dir, out) = support::generate_crate(&spec, &[&"--deny-warnings"]);
        let model = errcat_codegen::load_spec(&spec, "real.yaml").unwrap().model;
        let read = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();
        let (code_rs, markdown, export) = (read("src/code.rs"), read("docs/errors.md"), read("docs/errors.json"));
        let export: serde_json::Value = serde_json::from_str(&export).unwrap();
        let exported: Vec<&str> = export["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|code| code["code"].as_str().unwrap())
            .collect();
        let wire: Vec<&str> = model.codes.iter().map(|code| code.code.as_str()).collect();
        assert_eq!(exported, wire, "{}", spec.display());
        // OpenAPI lists each code as the JSON value the wire carries (a number for integer codes).
        let openapi: serde_yaml::Value = serde_yaml::from_str(&read("docs/openapi.yaml")).unwrap();
        let listed: Vec<String> = openapi["components"]["schemas"]["ErrorCode"]["anyOf"]
            .as_sequence()
            .unwrap()
            .iter()
            .filter_map(|entry| match &entry["const"] {
                serde_yaml::Value::String(text) => Some(text.clone()),
                serde_yaml::Value::Number(number) => Some(number.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(listed, wire, "{}", spec.display());
        for code in &model.codes {
            assert!(code_rs.contains(&format!("code: \"{}\"", code.code)), "{}", code.code);
            assert!(markdown.contains(&format!("`{}`", code.code)), "{}", code.code);
        }
    }
}

#[test]
fn lower_case_wire_codes_get_upper_camel_case_variants() {
    let spec = support::workspace().join("tests/fixtures/real/oauth2.yaml");
    let model = errcat_codegen::load_spec(&spec, "oauth2.yaml").unwrap().model;
    let codes: Vec<(&str, &str)> = model
        .codes
        .iter()
        .map(|code| (code.code.as_str(), code.variant.as_str()))
        .collect();
    assert!(codes.contains(&("slow_down", "SlowDown")), "{codes:?}");
    assert!(codes.contains(&("invalid_grant", "InvalidGrant")), "{codes:?}");
}

#[test]
fn every_real_catalogue_states_an_example_and_each_example_is_its_wire_body() {
    for spec in real_specs() {
        let model = errcat_codegen::load_spec(&spec, "real.yaml").unwrap().model;
        let stated: Vec<&str> = model
            .codes
            .iter()
            .filter(|code| code.example_stated)
            .map(|code| code.code.as_str())
            .collect();
        assert_eq!(stated.len(), 1, "{}: {stated:?}", spec.display());
        for code in &model.codes {
            let at_code = code.example.pointer(&model.wire.code);
            let expected = errcat_codegen::envelope::code_value(model.wire.code_type, &code.code);
            assert_eq!(at_code, Some(&expected), "{}: {}", spec.display(), code.code);
            for (pointer, value) in model.constants() {
                assert_eq!(code.example.pointer(&pointer), Some(&value.to_json()), "{}", code.code);
            }
        }
    }
}
