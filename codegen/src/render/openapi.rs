//! `docs/openapi.yaml`: an OpenAPI 3.1 fragment with the error body schema,
//! the retry and request-id headers, and one response per error status with an
//! example per code, for an API description to `$ref`.

use serde_yaml::{Mapping, Value};

use super::text::{code_span, escape_markdown as esc};
use crate::model::{Model, Retry};

/// Renders the fragment. serde_yaml's `Mapping` keeps insertion order, so the
/// file reads in catalogue order. `description`s are CommonMark in OpenAPI:
/// catalogue text in them is escaped; `title` and `summary` are plain text.
pub fn render_openapi(model: &Model) -> String {
    let document = map([
        ("openapi", "3.1.0".into()),
        (
            "info",
            map([
                ("title", format!("{} errors", model.api_name).into()),
                ("version", model.version().to_string().into()),
                (
                    "description",
                    format!(
                        "Error responses of the {}, generated from its error catalogue. Reference: <{}>",
                        esc(&model.api_name),
                        model.docs_url
                    )
                    .into(),
                ),
            ]),
        ),
        ("paths", Value::Mapping(Mapping::new())),
        (
            "components",
            map([
                ("schemas", schemas(model)),
                ("headers", headers(model)),
                ("responses", responses(model)),
            ]),
        ),
    ]);
    // A tree of strings, numbers and mappings always serializes.
    serde_yaml::to_string(&document).unwrap_or_default()
}

fn map<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Mapping(
        members
            .into_iter()
            .map(|(key, value)| (Value::from(key), value))
            .collect(),
    )
}

fn reference(to: &str) -> Value {
    map([("$ref", to.into())])
}

fn description_of(model: &Model, field: &str, fallback: &str) -> String {
    model
        .response_fields
        .iter()
        .find(|f| f.name == field)
        .map_or_else(|| fallback.to_owned(), |f| esc(&f.description))
}

fn schemas(model: &Model) -> Value {
    let codes: Vec<Value> = model.codes.iter().map(|code| code.code.as_str().into()).collect();
    let string = || map([("type", "string".into())]);
    map([
        (
            "ErrorCode",
            map([
                ("type", "string".into()),
                (
                    "description",
                    description_of(model, "code", "Machine-readable error code").into(),
                ),
                ("enum", Value::Sequence(codes)),
            ]),
        ),
        (
            "ErrorDetails",
            map([
                ("type", "object".into()),
                (
                    "description",
                    description_of(model, "details", "Additional context").into(),
                ),
                (
                    "properties",
                    map([
                        ("field", string()),
                        ("message", string()),
                        ("value", Value::Mapping(Mapping::new())),
                    ]),
                ),
                ("additionalProperties", true.into()),
            ]),
        ),
        (
            "ErrorResponse",
            map([
                ("type", "object".into()),
                ("required", Value::Sequence(vec!["error".into(), "code".into()])),
                (
                    "properties",
                    map([
                        (
                            "error",
                            map([
                                ("type", "string".into()),
                                ("description", description_of(model, "error", "Error message").into()),
                            ]),
                        ),
                        ("code", reference("#/components/schemas/ErrorCode")),
                        ("details", reference("#/components/schemas/ErrorDetails")),
                    ]),
                ),
                ("additionalProperties", false.into()),
            ]),
        ),
    ])
}

fn headers(model: &Model) -> Value {
    map([
        (
            "RetryAfterHint",
            map([
                (
                    "description",
                    format!(
                        "{}: seconds to wait before retrying; a throttled reply without it means {} s.",
                        code_span(&model.retry_after_header),
                        model.default_retry_after_secs
                    )
                    .into(),
                ),
                ("schema", map([("type", "number".into()), ("minimum", 0.into())])),
            ]),
        ),
        (
            "RequestId",
            map([
                (
                    "description",
                    format!(
                        "{}: the request's identifier, to quote in support requests.",
                        code_span(&model.request_id_header)
                    )
                    .into(),
                ),
                ("schema", map([("type", "string".into())])),
            ]),
        ),
    ])
}

fn responses(model: &Model) -> Value {
    let mut responses = Mapping::new();
    for status in &model.statuses {
        let codes: Vec<_> = model.codes.iter().filter(|code| code.status == status.code).collect();
        if codes.is_empty() {
            continue;
        }
        let mut headers = Mapping::new();
        if codes.iter().any(|code| code.retry != Retry::Never) {
            headers.insert(
                model.retry_after_header.as_str().into(),
                reference("#/components/headers/RetryAfterHint"),
            );
        }
        headers.insert(
            model.request_id_header.as_str().into(),
            reference("#/components/headers/RequestId"),
        );
        let examples: Mapping = codes
            .iter()
            .map(|code| {
                let example = map([
                    ("summary", code.message.as_str().into()),
                    ("value", serde_yaml::to_value(&code.example).unwrap_or(Value::Null)),
                ]);
                (Value::from(code.code.as_str()), example)
            })
            .collect();
        let response = map([
            (
                "description",
                format!("{} {}: {}", status.code, esc(&status.description), esc(&status.note)).into(),
            ),
            ("headers", Value::Mapping(headers)),
            (
                "content",
                map([(
                    "application/json",
                    map([
                        ("schema", reference("#/components/schemas/ErrorResponse")),
                        ("examples", Value::Mapping(examples)),
                    ]),
                )]),
            ),
        ]);
        responses.insert(format!("Error{}", status.code).into(), response);
    }
    Value::Mapping(responses)
}
