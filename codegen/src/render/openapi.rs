//! `docs/openapi.yaml`: an OpenAPI 3.1 fragment with the error body schema,
//! the retry, request-id and code headers, and one response per error status
//! with an example per code, for an API description to `$ref`.
//!
//! Written as YAML text straight into one `String`: the schemas, whose size
//! the body's documented fields set, as a small [`Node`] tree; every code's
//! parts (its `ErrorCode` alternative, its example) one at a time. Every
//! string is a double-quoted scalar ([`push_yaml_string`]), so no catalogue
//! text can become YAML structure.

use super::text::{code_span, escape_markdown as esc, push_yaml_string};
use crate::envelope::code_value;
use crate::model::{Code, FieldErrorsAt, ITEMS, Lifecycle, Model, ResponseField, Retry, pointer_key, pointer_keys};

/// A YAML value of the fragment, mapping members in the order written.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    /// A string, written double-quoted.
    Text(String),
    /// A number, a boolean or null, as JSON writes it (and YAML reads it).
    Scalar(String),
    Map(Vec<(Key, Node)>),
    List(Vec<Node>),
}

/// A mapping key: one of the fragment's own names (OpenAPI's keywords and
/// component names), written plain, or text from the catalogue, quoted.
#[derive(Debug, Clone, PartialEq)]
enum Key {
    Ours(&'static str),
    Data(String),
}

impl Key {
    fn as_str(&self) -> &str {
        match self {
            Key::Ours(name) => name,
            Key::Data(text) => text,
        }
    }
}

impl Node {
    fn text(text: impl Into<String>) -> Node {
        Node::Text(text.into())
    }

    fn map<const N: usize>(members: [(&'static str, Node); N]) -> Node {
        Node::Map(
            members
                .into_iter()
                .map(|(key, value)| (Key::Ours(key), value))
                .collect(),
        )
    }

    /// A JSON value of the catalogue (an example body, a constant), its
    /// object members as quoted keys.
    fn json(value: &serde_json::Value) -> Node {
        match value {
            serde_json::Value::String(text) => Node::text(text.as_str()),
            serde_json::Value::Array(items) => Node::List(items.iter().map(Node::json).collect()),
            serde_json::Value::Object(members) => Node::Map(
                members
                    .iter()
                    .map(|(key, value)| (Key::Data(key.clone()), Node::json(value)))
                    .collect(),
            ),
            scalar => Node::Scalar(scalar.to_string()),
        }
    }

    fn get(&self, key: &str) -> Option<&Node> {
        let Node::Map(members) = self else {
            return None;
        };
        members
            .iter()
            .find(|(name, _)| name.as_str() == key)
            .map(|(_, value)| value)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        let Node::Map(members) = self else {
            return None;
        };
        members
            .iter_mut()
            .find(|(name, _)| name.as_str() == key)
            .map(|(_, value)| value)
    }

    /// Sets the member `key` of a mapping (in place when it has one, else
    /// last); nothing for any other node.
    fn insert(&mut self, key: Key, value: Node) {
        if let Some(member) = self.get_mut(key.as_str()) {
            *member = value;
        } else if let Node::Map(members) = self {
            members.push((key, value));
        }
    }
}

/// Writes `members` as a block mapping at column `indent`, its first key
/// already placed when `first_placed` (after a `- `).
fn write_members(out: &mut String, members: &[(Key, Node)], indent: usize, first_placed: bool) {
    for (i, (key, value)) in members.iter().enumerate() {
        if i > 0 || !first_placed {
            push_indent(out, indent);
        }
        match key {
            Key::Ours(name) => out.push_str(name),
            Key::Data(text) => push_yaml_string(out, text),
        }
        out.push(':');
        match value {
            Node::Map(inner) if !inner.is_empty() => {
                out.push('\n');
                write_members(out, inner, indent + 2, false);
            }
            Node::List(items) if !items.is_empty() => {
                out.push('\n');
                write_items(out, items, indent, false);
            }
            scalar => {
                out.push(' ');
                write_inline(out, scalar, indent);
            }
        }
    }
}

/// Writes `items` as a block sequence at column `indent`, its first `- `
/// already placed when `first_placed`.
fn write_items(out: &mut String, items: &[Node], indent: usize, first_placed: bool) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !first_placed {
            push_indent(out, indent);
        }
        out.push_str("- ");
        write_inline(out, item, indent + 2);
    }
}

/// Writes `node` where the line already holds its key or its `- `, its
/// block (if any) at column `indent`.
fn write_inline(out: &mut String, node: &Node, indent: usize) {
    match node {
        Node::Text(text) => push_yaml_string(out, text),
        Node::Scalar(scalar) => out.push_str(scalar),
        Node::Map(members) if members.is_empty() => out.push_str("{}"),
        Node::List(items) if items.is_empty() => out.push_str("[]"),
        Node::Map(members) => return write_members(out, members, indent, true),
        Node::List(items) => return write_items(out, items, indent, true),
    }
    out.push('\n');
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// About the bytes a code takes in the file: its `ErrorCode` alternative
/// and its example. The file is sized once, up front.
const CODE_BYTES: usize = 352;

/// Renders the fragment, in catalogue order. `description`s are CommonMark
/// in OpenAPI: catalogue text in them is escaped; `title` and `summary` are
/// plain text.
pub fn render_openapi(model: &Model) -> String {
    let mut out = String::with_capacity(8192 + model.codes.len() * CODE_BYTES);
    let info = Node::map([
        ("title", Node::text(format!("{} errors", model.api_name))),
        ("version", Node::text(model.version().to_string())),
        (
            "description",
            Node::text(format!(
                "Error responses of the {}, generated from its error catalogue. Reference: <{}>",
                esc(&model.api_name),
                model.docs_url
            )),
        ),
    ]);
    let head = [
        (Key::Ours("openapi"), Node::text("3.1.0")),
        (Key::Ours("info"), info),
        (Key::Ours("paths"), Node::Map(Vec::new())),
    ];
    write_members(&mut out, &head, 0, false);
    out.push_str("components:\n  schemas:\n");
    let (code_field, schemas) = schemas(model);
    write_code_schema(&mut out, model, code_field.as_ref());
    write_members(&mut out, &schemas, 4, false);
    write_members(&mut out, &[(Key::Ours("headers"), headers(model))], 2, false);
    write_responses(&mut out, model);
    out
}

fn reference(to: &str) -> Node {
    Node::map([("$ref", Node::text(to))])
}

const CODE_SCHEMA: &str = "#/components/schemas/ErrorCode";
const DETAILS_SCHEMA: &str = "#/components/schemas/ErrorDetails";
const FIELD_ERROR_SCHEMA: &str = "#/components/schemas/FieldError";
const BODY_SCHEMA: &str = "#/components/schemas/ErrorResponse";

/// The code's field as the body documents it (for `ErrorCode`, written
/// apart), then `ErrorDetails` (when the body has details), `FieldError`
/// (when `wire.field_errors` says where they are) and `ErrorResponse`: the
/// body as documented in `response:`, nested, with the code and the details
/// moved out into their own schemas where the body has them.
fn schemas(model: &Model) -> (Option<Node>, Vec<(Key, Node)>) {
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
    if let Some(node @ Node::Map(_)) = category {
        let ids = model
            .categories
            .iter()
            .map(|category| Node::text(category.id.as_str()))
            .collect();
        // Examples, not an enum: the API may add a category.
        node.insert(Key::Ours("examples"), Node::List(ids));
    }
    let code_field = hoist(&mut body, &model.wire.code, CODE_SCHEMA);
    let details = model
        .wire
        .details
        .as_ref()
        .and_then(|pointer| hoist(&mut body, pointer, DETAILS_SCHEMA))
        .map(|details| default_details_shapes(model, details));

    let mut schemas = Vec::new();
    if let Some(details) = details {
        schemas.push((Key::Ours("ErrorDetails"), details));
    }
    if let Some(at) = &model.wire.field_errors {
        schemas.push((Key::Ours("FieldError"), field_error_schema(at)));
    }
    schemas.push((Key::Ours("ErrorResponse"), body));
    (code_field, schemas)
}

/// The schema of one documented field at `pointer`: its type, description,
/// `const` for a field with a `value:`, and its members for an `object`.
fn field_schema(model: &Model, field: &ResponseField, pointer: &str) -> Node {
    let mut schema = vec![
        (Key::Ours("type"), Node::text(field.ty.as_str())),
        (Key::Ours("description"), Node::text(esc(&field.description))),
    ];
    if let Some(value) = &field.value {
        schema.push((Key::Ours("const"), Node::json(&value.to_json())));
    }
    if !field.fields.is_empty() {
        schema.extend(members(model, &field.fields, pointer));
    }
    if let Some(items) = &field.items {
        let elements = format!("{pointer}/{ITEMS}");
        schema.push((Key::Ours("items"), field_schema(model, items, &elements)));
    }
    Node::Map(schema)
}

/// The schema of the whole body: an object of the `response:` fields.
fn body_schema(model: &Model) -> Node {
    let mut schema = vec![(Key::Ours("type"), Node::text("object"))];
    schema.extend(members(model, &model.response_fields, ""));
    Node::Map(schema)
}

/// `required` and `properties` of an object whose members are `fields` (of
/// the field at `pointer`, `""` for the body): `required` lists each member
/// that holds or encloses a part every reply carries, or a constant.
fn members(model: &Model, fields: &[ResponseField], pointer: &str) -> Vec<(Key, Node)> {
    let mut properties = Vec::new();
    let mut required = Vec::new();
    for field in fields {
        let path = format!("{pointer}/{}", pointer_key(&field.name));
        if is_required(model, &path) {
            required.push(Node::text(field.name.as_str()));
        }
        properties.push((Key::Data(field.name.clone()), field_schema(model, field, &path)));
    }
    let mut schema = Vec::new();
    if !required.is_empty() {
        schema.push((Key::Ours("required"), Node::List(required)));
    }
    schema.push((Key::Ours("properties"), Node::Map(properties)));
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
fn node_at<'s>(schema: &'s mut Node, pointer: &str, create: bool) -> Option<&'s mut Node> {
    let mut node = schema;
    for key in pointer_keys(pointer) {
        if !matches!(node, Node::Map(_)) {
            return None;
        }
        let (step, inner) = if key == ITEMS {
            (Key::Ours("items"), None)
        } else {
            (Key::Ours("properties"), Some(key))
        };
        if create && node.get(step.as_str()).is_none() {
            node.insert(step.clone(), Node::Map(Vec::new()));
        }
        node = node.get_mut(step.as_str())?;
        if let Some(key) = inner {
            if !matches!(node, Node::Map(_)) {
                return None;
            }
            if create && node.get(&key).is_none() {
                node.insert(Key::Data(key.clone()), Node::Map(Vec::new()));
            }
            node = node.get_mut(&key)?;
        }
    }
    Some(node)
}

/// Makes `node` say it also is the schema at `to`: a `$ref` when it says
/// nothing else, else an `allOf` beside what it says.
fn refer_to(node: &mut Node, to: &str) {
    match node {
        Node::Map(members) if !members.is_empty() => {
            node.insert(Key::Ours("allOf"), Node::List(vec![reference(to)]));
        }
        _ => *node = reference(to),
    }
}

/// Moves the schema at `pointer` out of `body` into a component, leaving a
/// `$ref` to `to` in its place; the schema moved, if the body has one there.
fn hoist(body: &mut Node, pointer: &str, to: &str) -> Option<Node> {
    let node = node_at(body, pointer, false)?;
    Some(std::mem::replace(node, reference(to)))
}

/// The details without `wire.field_errors` are read in the default shapes
/// (an entry with `field`, `message` and `value`, or a list of them): an
/// `object` whose members the catalogue does not document gets those.
fn default_details_shapes(model: &Model, mut details: Node) -> Node {
    if model.wire.field_errors.is_none()
        && details.get("properties").is_none()
        && details.get("type") == Some(&Node::text("object"))
    {
        let string = || Node::map([("type", Node::text("string"))]);
        let properties = Node::map([
            ("field", string()),
            ("message", string()),
            ("value", Node::Map(Vec::new())),
        ]);
        details.insert(Key::Ours("properties"), properties);
    }
    details
}

/// `ErrorCode`: the code's type with every known code documented as an
/// OpenAPI 3.1 annotated enumeration (an `anyOf` of `const`s, each with its
/// variant name as `title` and its message), and a last alternative that
/// takes any other value of the type. The schema stays open on purpose: a
/// closed `enum` makes generated clients reject the reply when the API adds
/// a code. Written one code at a time.
fn write_code_schema(out: &mut String, model: &Model, field: Option<&Node>) {
    let ty = model.wire.code_type.as_str();
    let documented = match field.and_then(|field| field.get("description")) {
        Some(Node::Text(text)) => text.trim_end_matches('.'),
        _ => "",
    };
    let documented = if documented.is_empty() {
        "Machine-readable error code"
    } else {
        documented
    };
    let head = [
        (Key::Ours("type"), Node::text(ty)),
        (
            Key::Ours("description"),
            Node::text(format!(
                "{documented}. The known codes are listed; any other {ty} is valid too, so that clients keep working when the API adds one."
            )),
        ),
    ];
    out.push_str("    ErrorCode:\n");
    write_members(out, &head, 6, false);
    out.push_str("      anyOf:\n");
    for code in &model.codes {
        let mut member = vec![
            (
                Key::Ours("const"),
                Node::json(&code_value(model.wire.code_type, &code.code)),
            ),
            (Key::Ours("title"), Node::text(code.variant.as_str())),
            (Key::Ours("description"), Node::text(esc(&code.message))),
        ];
        if code.lifecycle != Lifecycle::Active {
            member.push((Key::Ours("deprecated"), Node::Scalar("true".to_owned())));
        }
        write_items(out, &[Node::Map(member)], 6, false);
    }
    let later = Node::map([
        ("type", Node::text(ty)),
        (
            "description",
            Node::text("A code added after this document was generated: handle it by its HTTP status."),
        ),
    ]);
    write_items(out, &[later], 6, false);
}

/// `FieldError`: one request field the server rejected, with the members
/// `wire.field_errors` names.
fn field_error_schema(at: &FieldErrorsAt) -> Node {
    let mut properties = vec![(
        Key::Data(at.field.clone()),
        Node::map([
            ("type", Node::text("string")),
            ("description", Node::text("The request field")),
        ]),
    )];
    if let Some(message) = &at.message {
        properties.push((
            Key::Data(message.clone()),
            Node::map([
                ("type", Node::text("string")),
                ("description", Node::text("What is wrong with it")),
            ]),
        ));
    }
    if let Some(value) = &at.value {
        properties.push((
            Key::Data(value.clone()),
            Node::map([("description", Node::text("The value the request sent"))]),
        ));
    }
    Node::map([
        ("type", Node::text("object")),
        (
            "description",
            Node::text(format!(
                "One request field the server rejected, named by {}.",
                code_span(&at.field)
            )),
        ),
        ("properties", Node::Map(properties)),
    ])
}

fn headers(model: &Model) -> Node {
    let mut headers = vec![
        (
            Key::Ours("RetryAfterHint"),
            Node::map([
                (
                    "description",
                    Node::text(format!(
                        "{}: seconds to wait before retrying; a throttled reply without it means {} s.",
                        code_span(&model.retry_after_header),
                        model.default_retry_after_secs
                    )),
                ),
                (
                    "schema",
                    Node::map([
                        ("type", Node::text("number")),
                        ("minimum", Node::Scalar("0".to_owned())),
                    ]),
                ),
            ]),
        ),
        (
            Key::Ours("RequestId"),
            Node::map([
                (
                    "description",
                    Node::text(format!(
                        "{}: the request's identifier, to quote in support requests.",
                        code_span(&model.request_id_header)
                    )),
                ),
                ("schema", Node::map([("type", Node::text("string"))])),
            ]),
        ),
    ];
    if let Some(header) = &model.wire.code_header {
        headers.push((
            Key::Ours("ErrorCodeHeader"),
            Node::map([
                (
                    "description",
                    Node::text(format!(
                        "{}: the error code, read when the body carries none. It may be followed by `:` and a link, or preceded by a namespace and `#`.",
                        code_span(header)
                    )),
                ),
                ("schema", Node::map([("type", Node::text("string"))])),
            ]),
        ));
    }
    Node::Map(headers)
}

/// `responses`: one per status that has codes, each code's example under
/// it, written one code at a time.
fn write_responses(out: &mut String, model: &Model) {
    let with_codes = |status: u16| model.codes.iter().filter(move |code| code.status == status);
    let statuses: Vec<_> = model
        .statuses
        .iter()
        .filter(|status| with_codes(status.code).next().is_some())
        .collect();
    if statuses.is_empty() {
        out.push_str("  responses: {}\n");
        return;
    }
    out.push_str("  responses:\n");
    for status in statuses {
        let mut headers = Vec::new();
        if with_codes(status.code).any(|code| code.retry != Retry::Never) {
            headers.push((
                Key::Data(model.retry_after_header.clone()),
                reference("#/components/headers/RetryAfterHint"),
            ));
        }
        headers.push((
            Key::Data(model.request_id_header.clone()),
            reference("#/components/headers/RequestId"),
        ));
        if let Some(header) = &model.wire.code_header {
            headers.push((
                Key::Data(header.clone()),
                reference("#/components/headers/ErrorCodeHeader"),
            ));
        }
        let head = [
            (
                Key::Ours("description"),
                Node::text(format!(
                    "{} {}: {}",
                    status.code,
                    esc(&status.description),
                    esc(&status.note)
                )),
            ),
            (Key::Ours("headers"), Node::Map(headers)),
        ];
        out.push_str(&format!("    Error{}:\n", status.code));
        write_members(out, &head, 6, false);
        out.push_str("      content:\n        application/json:\n          schema:\n            $ref: ");
        push_yaml_string(out, BODY_SCHEMA);
        out.push_str("\n          examples:\n");
        for code in with_codes(status.code) {
            write_members(out, &[example(code)], 12, false);
        }
    }
}

/// `code`'s example, keyed by the code.
fn example(code: &Code) -> (Key, Node) {
    let example = Node::map([
        ("summary", Node::text(code.message.as_str())),
        ("value", Node::json(&code.example)),
    ]);
    (Key::Data(code.code.clone()), example)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{type: object, properties: {error: {type: object, properties:
    /// {details: {type: array}}}}}`.
    fn tree() -> Node {
        let details = Node::map([("type", Node::text("array"))]);
        let error = Node::map([
            ("type", Node::text("object")),
            (
                "properties",
                Node::Map(vec![(Key::Data("details".to_owned()), details)]),
            ),
        ]);
        Node::map([
            ("type", Node::text("object")),
            ("properties", Node::Map(vec![(Key::Data("error".to_owned()), error)])),
        ])
    }

    fn at<'n>(node: &'n Node, path: &[&str]) -> &'n Node {
        path.iter()
            .try_fold(node, |node, key| node.get(key))
            .unwrap_or_else(|| panic!("nothing at {path:?} in {node:?}"))
    }

    #[test]
    fn a_pointer_walks_properties_and_items_and_creates_undocumented_steps_only_when_asked() {
        let mut body = tree();
        assert!(node_at(&mut body, "/error/details/*/fieldViolations/*", false).is_none());
        let entry = node_at(&mut body, "/error/details/*/fieldViolations/*", true).unwrap();
        refer_to(entry, FIELD_ERROR_SCHEMA);
        let details = at(&body, &["properties", "error", "properties", "details"]);
        assert_eq!(details.get("type"), Some(&Node::text("array")));
        assert_eq!(
            at(details, &["items", "properties", "fieldViolations", "items", "$ref"]),
            &Node::text(FIELD_ERROR_SCHEMA)
        );
    }

    #[test]
    fn hoisting_leaves_a_reference_and_returns_the_schema_moved() {
        let mut body = tree();
        let moved = hoist(&mut body, "/error/details", DETAILS_SCHEMA).unwrap();
        assert_eq!(moved.get("type"), Some(&Node::text("array")));
        assert_eq!(
            at(&body, &["properties", "error", "properties", "details", "$ref"]),
            &Node::text(DETAILS_SCHEMA)
        );
        assert!(hoist(&mut body, "/nowhere", DETAILS_SCHEMA).is_none());
    }

    #[test]
    fn a_documented_entry_keeps_its_members_beside_the_field_error_reference() {
        let mut body = tree();
        let entry = node_at(&mut body, "/error", true).unwrap();
        refer_to(entry, FIELD_ERROR_SCHEMA);
        let error = at(&body, &["properties", "error"]);
        assert_eq!(error.get("type"), Some(&Node::text("object")));
        assert_eq!(at(error, &["allOf"]), &Node::List(vec![reference(FIELD_ERROR_SCHEMA)]));
    }

    #[test]
    fn the_yaml_written_reads_back_as_the_tree_with_every_string_quoted() {
        let example = serde_json::json!({
            "error": {"code": "key: value\n- item", "list": [[1, "#x"], {}, [], {"a": null}], "ok": true},
            "empty": "",
        });
        let document = [
            (Key::Ours("value"), Node::json(&example)),
            (
                Key::Data("&anchor *alias".to_owned()),
                Node::List(vec![Node::text("y"), Node::Scalar("1.5".to_owned())]),
            ),
        ];
        let mut text = String::new();
        write_members(&mut text, &document, 0, false);
        let read: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(
            read,
            serde_json::json!({"value": example, "&anchor *alias": ["y", 1.5]}),
            "{text}"
        );
    }

    #[test]
    fn hostile_catalogue_text_reads_back_from_the_yaml_as_the_same_text() {
        let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/odd_strings.yaml");
        let model = crate::load_spec(std::path::Path::new(spec), "odd_strings.yaml")
            .unwrap()
            .model;
        let text = render_openapi(&model);
        let read: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        let known = read["components"]["schemas"]["ErrorCode"]["anyOf"].as_array().unwrap();
        assert_eq!(known.len(), model.codes.len() + 1);
        for (code, member) in model.codes.iter().zip(known) {
            assert_eq!(member["const"], code_value(model.wire.code_type, &code.code));
            assert_eq!(member["title"], code.variant.as_str());
            assert_eq!(member["description"], esc(&code.message).as_str());
            let status = &read["components"]["responses"][format!("Error{}", code.status)];
            let example = &status["content"]["application/json"]["examples"][code.code.as_str()];
            assert_eq!(example["summary"], code.message.as_str());
            assert_eq!(example["value"], code.example);
        }
        assert_eq!(read["info"]["title"], format!("{} errors", model.api_name).as_str());
    }
}
