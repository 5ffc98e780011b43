//! `docs/openapi.yaml`: an OpenAPI 3.1 fragment with the error body schema,
//! the retry, request-id and code headers, and one response per error status
//! with an example per code, for an API description to `$ref`.

use serde_yaml::{Mapping, Value};

use super::text::{code_span, escape_markdown as esc};
use crate::envelope::code_value;
use crate::model::{FieldErrorsAt, ITEMS, Lifecycle, Model, ResponseField, Retry, pointer_key, pointer_keys};

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

const CODE_SCHEMA: &str = "#/components/schemas/ErrorCode";
const DETAILS_SCHEMA: &str = "#/components/schemas/ErrorDetails";
const FIELD_ERROR_SCHEMA: &str = "#/components/schemas/FieldError";
const BODY_SCHEMA: &str = "#/components/schemas/ErrorResponse";

/// `ErrorCode`, `ErrorDetails` (when the body has details), `FieldError`
/// (when `wire.field_errors` says where they are) and `ErrorResponse`: the
/// body as documented in `response:`, nested, with the code and the details
/// moved out into their own schemas where the body has them.
fn schemas(model: &Model) -> Value {
    let mut body = body_schema(model);
    if let Some(at) = &model.wire.field_errors
        && let Some(entry) = node_at(&mut body, &at.entries, true)
    {
        refer_to(entry, FIELD_ERROR_SCHEMA);
    }
    let category = model
        .wire
        .category
        .as_ref()
        .and_then(|pointer| node_at(&mut body, pointer, false));
    if let Some(Value::Mapping(members)) = category {
        let ids = model
            .categories
            .iter()
            .map(|category| category.id.as_str().into())
            .collect();
        // Examples, not an enum: the API may add a category.
        members.insert("examples".into(), Value::Sequence(ids));
    }
    let code_field = hoist(&mut body, &model.wire.code, CODE_SCHEMA);
    let details = model
        .wire
        .details
        .as_ref()
        .and_then(|pointer| hoist(&mut body, pointer, DETAILS_SCHEMA))
        .map(|details| default_details_shapes(model, details));

    let mut schemas = Mapping::new();
    schemas.insert("ErrorCode".into(), code_schema(model, code_field.as_ref()));
    if let Some(details) = details {
        schemas.insert("ErrorDetails".into(), details);
    }
    if let Some(at) = &model.wire.field_errors {
        schemas.insert("FieldError".into(), field_error_schema(at));
    }
    schemas.insert("ErrorResponse".into(), body);
    Value::Mapping(schemas)
}

/// The schema of one documented field at `pointer`: its type, description,
/// `const` for a field with a `value:`, and its members for an `object`.
fn field_schema(model: &Model, field: &ResponseField, pointer: &str) -> Value {
    let mut schema = Mapping::new();
    schema.insert("type".into(), field.ty.as_str().into());
    schema.insert("description".into(), esc(&field.description).into());
    if let Some(value) = &field.value {
        schema.insert("const".into(), yaml(&value.to_json()));
    }
    if !field.fields.is_empty() {
        schema.extend(members(model, &field.fields, pointer));
    }
    if let Some(items) = &field.items {
        let elements = format!("{pointer}/{ITEMS}");
        schema.insert("items".into(), field_schema(model, items, &elements));
    }
    Value::Mapping(schema)
}

/// The schema of the whole body: an object of the `response:` fields.
fn body_schema(model: &Model) -> Value {
    let mut schema = Mapping::new();
    schema.insert("type".into(), "object".into());
    schema.extend(members(model, &model.response_fields, ""));
    Value::Mapping(schema)
}

/// `required` and `properties` of an object whose members are `fields` (of
/// the field at `pointer`, `""` for the body): `required` lists each member
/// that holds or encloses a part every reply carries, or a constant.
fn members(model: &Model, fields: &[ResponseField], pointer: &str) -> Mapping {
    let mut properties = Mapping::new();
    let mut required = Vec::new();
    for field in fields {
        let path = format!("{pointer}/{}", pointer_key(&field.name));
        if is_required(model, &path) {
            required.push(Value::from(field.name.as_str()));
        }
        properties.insert(field.name.as_str().into(), field_schema(model, field, &path));
    }
    let mut schema = Mapping::new();
    if !required.is_empty() {
        schema.insert("required".into(), Value::Sequence(required));
    }
    schema.insert("properties".into(), Value::Mapping(properties));
    schema
}

/// Whether every reply has the member at `pointer`: it holds or encloses the
/// code or a constant. The other parts may be missing from a reply (RFC 6749
/// §5.2's `error_description` and `error_uri` are optional), as a stated
/// `example:` may leave them out.
fn is_required(model: &Model, pointer: &str) -> bool {
    let encloses = |target: &str| target == pointer || target.starts_with(&format!("{pointer}/"));
    encloses(&model.wire.code) || model.constants().iter().any(|(target, _)| encloses(target))
}

/// The schema node at `pointer` below `schema`, following `properties` for
/// a key and `items` for a `*` key. With `create`, a step the body does not
/// document is added as an empty schema (a field error entry may sit inside
/// array elements the catalogue leaves undescribed).
fn node_at<'s>(schema: &'s mut Value, pointer: &str, create: bool) -> Option<&'s mut Value> {
    let mut node = schema;
    for key in pointer_keys(pointer) {
        let Value::Mapping(members) = node else {
            return None;
        };
        node = if key == ITEMS {
            if create && !members.contains_key("items") {
                members.insert("items".into(), Value::Mapping(Mapping::new()));
            }
            members.get_mut("items")?
        } else {
            if create && !members.contains_key("properties") {
                members.insert("properties".into(), Value::Mapping(Mapping::new()));
            }
            let Some(Value::Mapping(properties)) = members.get_mut("properties") else {
                return None;
            };
            if create && !properties.contains_key(key.as_str()) {
                properties.insert(key.as_str().into(), Value::Mapping(Mapping::new()));
            }
            properties.get_mut(key.as_str())?
        };
    }
    Some(node)
}

/// Makes `node` say it also is the schema at `to`: a `$ref` when it says
/// nothing else, else an `allOf` beside what it says.
fn refer_to(node: &mut Value, to: &str) {
    match node {
        Value::Mapping(members) if !members.is_empty() => {
            members.insert("allOf".into(), Value::Sequence(vec![reference(to)]));
        }
        _ => *node = reference(to),
    }
}

/// Moves the schema at `pointer` out of `body` into a component, leaving a
/// `$ref` to `to` in its place; the schema moved, if the body has one there.
fn hoist(body: &mut Value, pointer: &str, to: &str) -> Option<Value> {
    let node = node_at(body, pointer, false)?;
    Some(std::mem::replace(node, reference(to)))
}

/// The details without `wire.field_errors` are read in the default shapes
/// (an entry with `field`, `message` and `value`, or a list of them): an
/// `object` whose members the catalogue does not document gets those.
fn default_details_shapes(model: &Model, mut details: Value) -> Value {
    if model.wire.field_errors.is_none()
        && let Value::Mapping(members) = &mut details
        && !members.contains_key("properties")
        && members.get("type") == Some(&Value::from("object"))
    {
        let string = || map([("type", "string".into())]);
        let properties = map([
            ("field", string()),
            ("message", string()),
            ("value", Value::Mapping(Mapping::new())),
        ]);
        members.insert("properties".into(), properties);
    }
    details
}

/// `ErrorCode`: the code's type with every known code documented as an
/// OpenAPI 3.1 annotated enumeration (an `anyOf` of `const`s, each with its
/// variant name as `title` and its message), and a last alternative that
/// takes any other value of the type. The schema stays open on purpose: a
/// closed `enum` makes generated clients reject the reply when the API adds
/// a code.
fn code_schema(model: &Model, field: Option<&Value>) -> Value {
    let ty = model.wire.code_type.as_str();
    let documented = field
        .and_then(|field| field.get("description"))
        .and_then(Value::as_str)
        .map(|text| text.trim_end_matches('.'))
        .filter(|text| !text.is_empty())
        .unwrap_or("Machine-readable error code");
    let mut known: Vec<Value> = model
        .codes
        .iter()
        .map(|code| {
            let mut member = Mapping::new();
            member.insert("const".into(), yaml(&code_value(model.wire.code_type, &code.code)));
            member.insert("title".into(), code.variant.as_str().into());
            member.insert("description".into(), esc(&code.message).into());
            if code.lifecycle != Lifecycle::Active {
                member.insert("deprecated".into(), true.into());
            }
            Value::Mapping(member)
        })
        .collect();
    known.push(map([
        ("type", ty.into()),
        (
            "description",
            "A code added after this document was generated: handle it by its HTTP status.".into(),
        ),
    ]));
    map([
        ("type", ty.into()),
        (
            "description",
            format!(
                "{documented}. The known codes are listed; any other {ty} is valid too, so that clients keep working when the API adds one."
            )
            .into(),
        ),
        ("anyOf", Value::Sequence(known)),
    ])
}

/// `FieldError`: one request field the server rejected, with the members
/// `wire.field_errors` names.
fn field_error_schema(at: &FieldErrorsAt) -> Value {
    let mut properties = Mapping::new();
    properties.insert(
        at.field.as_str().into(),
        map([("type", "string".into()), ("description", "The request field".into())]),
    );
    if let Some(message) = &at.message {
        properties.insert(
            message.as_str().into(),
            map([
                ("type", "string".into()),
                ("description", "What is wrong with it".into()),
            ]),
        );
    }
    if let Some(value) = &at.value {
        properties.insert(
            value.as_str().into(),
            map([("description", "The value the request sent".into())]),
        );
    }
    map([
        ("type", "object".into()),
        (
            "description",
            format!(
                "One request field the server rejected, named by {}.",
                code_span(&at.field)
            )
            .into(),
        ),
        ("properties", Value::Mapping(properties)),
    ])
}

fn yaml(value: &serde_json::Value) -> Value {
    // JSON values always convert to YAML ones.
    serde_yaml::to_value(value).unwrap_or(Value::Null)
}

fn headers(model: &Model) -> Value {
    let mut headers = Mapping::new();
    headers.insert(
        "RetryAfterHint".into(),
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
    );
    headers.insert(
        "RequestId".into(),
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
    );
    if let Some(header) = &model.wire.code_header {
        headers.insert(
            "ErrorCodeHeader".into(),
            map([
                (
                    "description",
                    format!(
                        "{}: the error code, read when the body carries none. It may be followed by `:` and a link, or preceded by a namespace and `#`.",
                        code_span(header)
                    )
                    .into(),
                ),
                ("schema", map([("type", "string".into())])),
            ]),
        );
    }
    Value::Mapping(headers)
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
        if let Some(header) = &model.wire.code_header {
            headers.insert(
                header.as_str().into(),
                reference("#/components/headers/ErrorCodeHeader"),
            );
        }
        let examples: Mapping = codes
            .iter()
            .map(|code| {
                let example = map([
                    ("summary", code.message.as_str().into()),
                    ("value", yaml(&code.example)),
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
                        ("schema", reference(BODY_SCHEMA)),
                        ("examples", Value::Mapping(examples)),
                    ]),
                )]),
            ),
        ]);
        responses.insert(format!("Error{}", status.code).into(), response);
    }
    Value::Mapping(responses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Value {
        serde_yaml::from_str(
            "type: object\nproperties:\n  error:\n    type: object\n    properties:\n      details:\n        type: array\n",
        )
        .unwrap()
    }

    #[test]
    fn a_pointer_walks_properties_and_items_and_creates_undocumented_steps_only_when_asked() {
        let mut body = tree();
        assert!(node_at(&mut body, "/error/details/*/fieldViolations/*", false).is_none());
        let entry = node_at(&mut body, "/error/details/*/fieldViolations/*", true).unwrap();
        refer_to(entry, FIELD_ERROR_SCHEMA);
        let details = &body["properties"]["error"]["properties"]["details"];
        assert_eq!(details["type"], Value::from("array"));
        assert_eq!(
            details["items"]["properties"]["fieldViolations"]["items"]["$ref"],
            Value::from(FIELD_ERROR_SCHEMA)
        );
    }

    #[test]
    fn hoisting_leaves_a_reference_and_returns_the_schema_moved() {
        let mut body = tree();
        let moved = hoist(&mut body, "/error/details", DETAILS_SCHEMA).unwrap();
        assert_eq!(moved["type"], Value::from("array"));
        assert_eq!(
            body["properties"]["error"]["properties"]["details"]["$ref"],
            Value::from(DETAILS_SCHEMA)
        );
        assert!(hoist(&mut body, "/nowhere", DETAILS_SCHEMA).is_none());
    }

    #[test]
    fn a_documented_entry_keeps_its_members_beside_the_field_error_reference() {
        let mut body = tree();
        let entry = node_at(&mut body, "/error", true).unwrap();
        refer_to(entry, FIELD_ERROR_SCHEMA);
        let error = &body["properties"]["error"];
        assert_eq!(error["type"], Value::from("object"));
        assert_eq!(error["allOf"][0]["$ref"], Value::from(FIELD_ERROR_SCHEMA));
    }
}
