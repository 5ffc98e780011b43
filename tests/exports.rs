//! The machine-readable exports are what they claim, for the real catalogue,
//! every fixture and the real APIs' catalogues under `tests/fixtures/real/`:
//! `errors.json` validates against `errors.schema.json` and carries the wire
//! and the nested body; `openapi.yaml` is OpenAPI 3.1 that a real OpenAPI
//! library reads, whose references all resolve, whose body schema (checked
//! with a real JSON Schema validator) accepts each code's reply as the API
//! sends it and codes added later; `examples.json` holds each code's reply.

use crate::support;

use boon::{Compiler, Draft, SchemaIndex, Schemas};
use errcat_codegen::Generator;
use errcat_codegen::model::{CodeType, Model};
use serde_json::{Value, json};

fn rendered(generator: &Generator, path: &str) -> String {
    let files = generator.render().unwrap_or_else(|err| panic!("{err}"));
    let file = files
        .into_iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| panic!("{path} is not an output"));
    file.contents
}

/// Every catalogue: the real spec, the fixtures, then the real APIs'.
fn generators() -> Vec<(String, Generator)> {
    let real = support::real_specs();
    assert!(real.len() >= 4, "{real:?}");
    support::all_specs()
        .into_iter()
        .chain(real)
        .map(|spec| {
            let label = spec.display().to_string();
            let generator = Generator::from_spec_file(&spec).unwrap_or_else(|err| panic!("{err}"));
            (label, generator)
        })
        .collect()
}

/// An AWS JSON-protocol catalogue: the code in `__type`, or in the
/// `x-amzn-ErrorType` header when the body has none.
fn aws() -> Generator {
    let text = r#"
schema: 1
name: AWS
crate: aws-errors
docs_url: https://docs.aws.amazon.com/errors
wire: { code: /__type, message: /message, code_header: x-amzn-ErrorType }
retry_after: { header: Retry-After, default_secs: 1 }
response:
  - { field: __type, type: string, description: The error's shape name }
  - { field: message, type: string, description: What went wrong }
statuses:
  - { status: 400, description: Bad Request, note: The request failed }
categories:
  - id: common
    title: Common errors
    codes:
      - { code: ThrottlingException, status: 400, message: Rate exceeded, resolution: Slow down, retry: throttled, allow: [throttled_status] }
      - { code: AccessDeniedException, status: 400, message: Access denied, resolution: Check the policy, retry: never }
"#;
    Generator::from_spec_text(text, "aws.yaml").unwrap_or_else(|err| panic!("{err}"))
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

/// `openapi.yaml` of `generator` as JSON, and its `ErrorResponse` compiled.
fn body_schema(generator: &Generator) -> (Value, Schemas, SchemaIndex) {
    let yaml: serde_yaml::Value = serde_yaml::from_str(&rendered(generator, "docs/openapi.yaml")).unwrap();
    let document = serde_json::to_value(&yaml).unwrap();
    let (schemas, index) = compile(
        document.clone(),
        "file:///openapi.json#/components/schemas/ErrorResponse",
    );
    (document, schemas, index)
}

/// Writes `value` at `pointer` in `body`, making the objects on the way.
fn put(body: &mut Value, pointer: &str, value: Value) {
    let keys: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|key| key.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut node = body;
    for key in &keys[..keys.len() - 1] {
        node = node
            .as_object_mut()
            .unwrap()
            .entry(key.as_str())
            .or_insert_with(|| json!({}));
    }
    node[keys.last().unwrap().as_str()] = value;
}

/// The code as the body carries it: a string, or a number in an integer catalogue.
fn code_value(model: &Model, code: &str) -> Value {
    match model.wire.code_type {
        CodeType::Integer => json!(code.parse::<i64>().unwrap()),
        CodeType::String => json!(code),
    }
}

/// The reply the API sends for code number `index`, built from the wire
/// alone: every part at its pointer, with the constants.
fn wire_reply(model: &Model, index: usize) -> Value {
    let code = &model.codes[index];
    let wire = &model.wire;
    let mut body = json!({});
    put(&mut body, &wire.code, code_value(model, &code.code));
    let parts = [
        (&wire.message, json!(code.message)),
        (&wire.status, json!(code.status)),
        (&wire.doc_url, json!(code.doc_url)),
        (&wire.category, json!(model.categories[code.category].id)),
    ];
    for (pointer, value) in parts {
        if let Some(pointer) = pointer {
            put(&mut body, pointer, value);
        }
    }
    for (pointer, value) in model.constants() {
        put(&mut body, &pointer, value.to_json());
    }
    body
}

#[test]
fn errors_json_of_every_catalogue_validates_against_its_schema_with_its_wire_and_nested_body() {
    let (_, any) = &generators()[0];
    let schema: Value = serde_json::from_str(&rendered(any, "docs/errors.schema.json")).unwrap();
    let (schemas, index) = compile(schema, "file:///errors.schema.json");
    for (label, generator) in generators().into_iter().chain([("aws".to_owned(), aws())]) {
        let export: Value = serde_json::from_str(&rendered(&generator, "docs/errors.json")).unwrap();
        if let Err(err) = schemas.validate(&export, index) {
            panic!("{label}: errors.json does not match its schema: {err:#}");
        }
        let model = generator.model();
        assert_eq!(export["codes"].as_array().unwrap().len(), model.codes.len());
        assert_eq!(export["codes"][0]["code"], model.codes[0].code.as_str());
        let wire = &export["wire"];
        assert_eq!(wire["code"], model.wire.code.as_str(), "{label}");
        assert_eq!(wire["code_type"], model.wire.code_type.as_str(), "{label}");
        assert_eq!(wire["message"].as_str(), model.wire.message.as_deref(), "{label}");
        assert_eq!(wire["details"].as_str(), model.wire.details.as_deref(), "{label}");
        assert_eq!(
            wire["code_header"].as_str(),
            model.wire.code_header.as_deref(),
            "{label}"
        );
        assert_eq!(wire["status"].as_str(), model.wire.status.as_deref(), "{label}");
        assert_eq!(wire["doc_url"].as_str(), model.wire.doc_url.as_deref(), "{label}");
        assert_eq!(wire["category"].as_str(), model.wire.category.as_deref(), "{label}");
        assert_eq!(
            wire["field_errors"]["entries"].as_str(),
            model.wire.field_errors.as_ref().map(|at| at.entries.as_str()),
            "{label}"
        );
        // Each field, at any depth, with its members and value.
        let mut exported = Vec::new();
        walk_exported(&export["response"], "", &mut exported);
        let mut documented = Vec::new();
        walk_model(&model.response_fields, "", &mut documented);
        assert_eq!(exported, documented, "{label}");
    }
    // The validator is not a rubber stamp.
    let broken_exports = [
        ("/codes/0/retry", json!("sometimes")),
        ("/wire/code_type", json!("float")),
        ("/wire/message", json!("error")),
        ("/response/0/type", json!("text")),
    ];
    for (pointer, value) in broken_exports {
        let mut broken: Value = serde_json::from_str(&rendered(any, "docs/errors.json")).unwrap();
        *broken.pointer_mut(pointer).unwrap() = value;
        assert!(schemas.validate(&broken, index).is_err(), "{pointer}");
    }
    let mut without_wire: Value = serde_json::from_str(&rendered(any, "docs/errors.json")).unwrap();
    without_wire.as_object_mut().unwrap().remove("wire");
    assert!(schemas.validate(&without_wire, index).is_err());
}

/// `(dotted path, type, value)` of every exported field, depth first.
fn walk_exported(fields: &Value, parent: &str, out: &mut Vec<(String, String, Option<Value>)>) {
    for field in fields.as_array().unwrap() {
        let path = format!("{parent}.{}", field["field"].as_str().unwrap());
        out.push((
            path.clone(),
            field["type"].as_str().unwrap().to_owned(),
            field.get("value").cloned(),
        ));
        if let Some(members) = field.get("fields") {
            walk_exported(members, &path, out);
        }
        if let Some(items) = field.get("items") {
            walk_exported(&json!([items]), &path, out);
        }
    }
}

/// `(dotted path, type, value)` of every documented field, depth first.
fn walk_model(
    fields: &[errcat_codegen::model::ResponseField],
    parent: &str,
    out: &mut Vec<(String, String, Option<Value>)>,
) {
    for field in fields {
        let path = format!("{parent}.{}", field.name);
        out.push((
            path.clone(),
            field.ty.clone(),
            field.value.as_ref().map(|value| value.to_json()),
        ));
        walk_model(&field.fields, &path, out);
        if let Some(items) = &field.items {
            walk_model(std::slice::from_ref(items.as_ref()), &path, out);
        }
    }
}

#[test]
fn openapi_fragment_is_openapi_3_1_whose_references_all_resolve() {
    for (label, generator) in generators().into_iter().chain([("aws".to_owned(), aws())]) {
        let text = rendered(&generator, "docs/openapi.yaml");
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_else(|err| panic!("{label}: {err}"));
        let document = serde_json::to_value(&yaml).unwrap();
        let spec = oas3::from_json(document.to_string()).unwrap_or_else(|err| panic!("{label}: {err}"));
        assert_eq!(spec.openapi, "3.1.0");
        assert!(document["info"]["title"].is_string() && document["info"]["version"].is_string());
        let components = spec.components.as_ref().unwrap();
        for schema in ["ErrorCode", "ErrorResponse"] {
            assert!(components.schemas.contains_key(schema), "{label}: {schema}");
        }
        assert!(components.headers.contains_key("RetryAfterHint"), "{label}");
        for (name, response) in &components.responses {
            let response = response.resolve(&spec).unwrap();
            assert!(
                !response.description.as_deref().unwrap_or_default().is_empty(),
                "{label}: {name}"
            );
            assert!(response.content["application/json"].schema.is_some(), "{label}: {name}");
        }
        let mut references = Vec::new();
        collect_references(&document, &mut references);
        assert!(references.len() > 3, "{label}: {references:?}");
        for reference in references {
            let pointer = reference
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{label}: {reference}"));
            assert!(
                document.pointer(pointer).is_some(),
                "{label}: {reference} resolves to nothing"
            );
        }
    }
}

fn collect_references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                match (key.as_str(), member) {
                    ("$ref", Value::String(target)) => out.push(target.clone()),
                    _ => collect_references(member, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_references(item, out)),
        _ => {}
    }
}

#[test]
fn openapi_body_schema_accepts_each_codes_reply_as_sent_and_codes_added_later() {
    for (label, generator) in generators().into_iter().chain([("aws".to_owned(), aws())]) {
        let model = generator.model();
        let (_, schemas, index) = body_schema(&generator);
        let valid = |body: &Value| schemas.validate(body, index).map_err(|err| format!("{err:#}"));
        for i in 0..model.codes.len() {
            let reply = wire_reply(model, i);
            if let Err(err) = valid(&reply) {
                panic!(
                    "{label}: the reply of {} does not match ErrorResponse: {err}\n{reply}",
                    model.codes[i].code
                );
            }
        }
        let reply = wire_reply(model, 0);
        let wire = &model.wire;

        // Open: a code this document does not know, of the right type, is valid.
        let mut later = reply.clone();
        let unknown = match wire.code_type {
            CodeType::String => json!("A_CODE_ADDED_LATER"),
            CodeType::Integer => json!(-1_234_567),
        };
        *later.pointer_mut(&wire.code).unwrap() = unknown;
        assert!(valid(&later).is_ok(), "{label}: a code added later must validate");

        // But a code of the wrong JSON type, or none, is not.
        let mut mistyped = reply.clone();
        let wrong = match wire.code_type {
            CodeType::String => json!(7),
            CodeType::Integer => json!("-32601"),
        };
        *mistyped.pointer_mut(&wire.code).unwrap() = wrong;
        assert!(valid(&mistyped).is_err(), "{label}: a code of the wrong type validates");
        let mut codeless = reply.clone();
        let (parent, key) = wire.code.rsplit_once('/').unwrap();
        let parent = if parent.is_empty() {
            &mut codeless
        } else {
            codeless.pointer_mut(parent).unwrap()
        };
        parent.as_object_mut().unwrap().remove(key);
        assert!(valid(&codeless).is_err(), "{label}: a body without its code validates");

        // A constant holds its one value.
        for (pointer, _) in model.constants() {
            let mut changed = reply.clone();
            *changed.pointer_mut(&pointer).unwrap() = json!("1.0");
            assert!(valid(&changed).is_err(), "{label}: {pointer} accepts another value");
        }
    }
}

#[test]
fn openapi_code_schema_lists_every_known_code_as_an_annotated_enumeration_left_open() {
    for (label, generator) in generators() {
        let model = generator.model();
        let (document, _, _) = body_schema(&generator);
        let schema = &document["components"]["schemas"]["ErrorCode"];
        let ty = model.wire.code_type.as_str();
        assert_eq!(schema["type"], ty, "{label}");
        assert!(
            schema.get("enum").is_none(),
            "{label}: a closed enum breaks clients on a new code"
        );
        let alternatives = schema["anyOf"].as_array().unwrap();
        let (last, known) = alternatives.split_last().unwrap();
        assert_eq!(last["type"], ty, "{label}: the last alternative takes any {ty}");
        assert!(last.get("const").is_none(), "{label}");
        assert_eq!(known.len(), model.codes.len(), "{label}");
        for (member, code) in known.iter().zip(&model.codes) {
            assert_eq!(member["const"], code_value(model, &code.code), "{label}");
            assert_eq!(member["title"], code.variant.as_str(), "{label}");
            assert!(member["description"].is_string(), "{label}");
        }
        // It sits where the wire says the code is.
        let mut at = String::from("/components/schemas/ErrorResponse");
        for key in model.wire.code.split('/').skip(1) {
            at.push_str(&format!("/properties/{key}"));
        }
        assert_eq!(
            document.pointer(&format!("{at}/$ref")),
            Some(&json!("#/components/schemas/ErrorCode")),
            "{label}: {at}"
        );
    }
}

#[test]
fn openapi_shows_each_codes_example_under_its_status() {
    for (label, generator) in generators() {
        let model = generator.model();
        let (document, schemas, index) = body_schema(&generator);
        let mut seen = Vec::new();
        for (name, response) in document["components"]["responses"].as_object().unwrap() {
            let examples = response["content"]["application/json"]["examples"].as_object().unwrap();
            for (code, example) in examples {
                let entry = model.codes.iter().find(|c| &c.code == code).unwrap();
                assert_eq!(*name, format!("Error{}", entry.status), "{label}: {code}");
                assert_eq!(example["value"], entry.example, "{label}: {code}");
                assert_eq!(example["summary"], entry.message.as_str(), "{label}: {code}");
                if let Err(err) = schemas.validate(&example["value"], index) {
                    panic!("{label}: example {code} does not match ErrorResponse: {err:#}");
                }
                seen.push(code.clone());
            }
        }
        assert_eq!(seen.len(), model.codes.len(), "{label}: one example per code");
    }
}

#[test]
fn golden_examples_cover_every_code_with_its_status_headers_and_body() {
    for (label, generator) in generators() {
        let examples: Value = serde_json::from_str(&rendered(&generator, "docs/examples.json")).unwrap();
        let model = generator.model();
        // Every member but the `$comment` header is a code's.
        let codes = examples.as_object().unwrap().keys().filter(|key| !key.starts_with('$'));
        assert_eq!(codes.count(), model.codes.len(), "{label}");
        for code in &model.codes {
            let golden = &examples[&code.code];
            assert_eq!(golden["status"], code.status, "{label}: {}", code.code);
            assert_eq!(golden["body"], code.example, "{label}: {}", code.code);
            assert_eq!(golden["headers"]["Content-Type"], "application/json");
            let throttled = code.retry == errcat_codegen::model::Retry::Throttled;
            assert_eq!(
                golden["headers"].get(&model.retry_after_header).is_some(),
                throttled,
                "{label}: {}",
                code.code
            );
        }
    }
}

#[test]
fn a_code_header_is_documented_in_every_output() {
    let generator = aws();
    let examples: Value = serde_json::from_str(&rendered(&generator, "docs/examples.json")).unwrap();
    assert_eq!(
        examples["ThrottlingException"]["headers"]["x-amzn-ErrorType"],
        "ThrottlingException"
    );
    assert_eq!(
        examples["AccessDeniedException"]["headers"]["x-amzn-ErrorType"],
        "AccessDeniedException"
    );
    let (document, _, _) = body_schema(&generator);
    let header = &document["components"]["headers"]["ErrorCodeHeader"];
    assert!(header["description"].as_str().unwrap().contains("`x-amzn-ErrorType`"));
    assert_eq!(
        document["components"]["responses"]["Error400"]["headers"]["x-amzn-ErrorType"]["$ref"],
        "#/components/headers/ErrorCodeHeader"
    );
    let page = rendered(&generator, "docs/errors.md");
    assert!(
        page.contains(
            "- The code: `__type` (a JSON string; branch on it; when the body has none, the `x-amzn-ErrorType` header)."
        ),
        "{page}"
    );
    // Without a code header, no output mentions one.
    let (_, flat) = &generators()[0];
    let (document, _, _) = body_schema(flat);
    assert!(document["components"]["headers"].get("ErrorCodeHeader").is_none());
}

#[test]
fn reference_page_says_where_each_part_of_a_real_reply_is() {
    let page = |name: &str| {
        let spec = support::workspace().join(format!("tests/fixtures/real/{name}.yaml"));
        rendered(&Generator::from_spec_file(&spec).unwrap(), "docs/errors.md")
    };
    let expected = [
        (
            "google",
            vec![
                "| `error.status` | string | The google.rpc.Code name |",
                "| `error.details[].fieldViolations[].description` | string | Why the field is invalid |",
                "- The code: `error.status` (a JSON string; branch on it).",
                "- The HTTP status, repeated: `error.code`.",
                "- Field errors (of a validation error): each entry at `error.details[].fieldViolations[]`, with the request field in `field`, what is wrong in `description`.",
            ],
        ),
        (
            "stripe",
            vec![
                "- The code's documentation link: `error.doc_url`.",
                "- The code's category id: `error.type` (each category below gives its id).",
                "Its replies carry `card_error` in `error.type`.",
            ],
        ),
        (
            "jsonrpc",
            vec![
                "- The code: `error.code` (a JSON integer; branch on it).",
                "- The details: `error.data`.",
                "- `jsonrpc` is always `\"2.0\"`.",
            ],
        ),
        (
            "oauth2",
            vec![
                "- The code: `error` (a JSON string; branch on it).",
                "- The message: `error_description`.",
            ],
        ),
    ];
    for (name, lines) in expected {
        let page = page(name);
        for text in lines {
            assert!(
                page.lines().any(|line| line == text),
                "{name}: no line {text:?} in\n{page}"
            );
        }
    }
}
