//! `docs/errors.json` and its JSON Schema: the validated catalogue for tools in
//! other languages, and `docs/examples.json`: one golden reply per code.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Code, Constant, FieldErrorsAt, Model, ResponseField, Retry, StatusClass, Wire};

#[derive(Serialize)]
struct Catalogue<'a> {
    #[serde(rename = "$schema")]
    schema_ref: &'static str,
    schema: u32,
    name: &'a str,
    #[serde(rename = "crate")]
    crate_name: &'a str,
    version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a str>,
    docs_url: &'a str,
    retry_after: RetryAfter<'a>,
    request_id_header: &'a str,
    wire: WireRow<'a>,
    response: Vec<Field<'a>>,
    statuses: Vec<StatusRow<'a>>,
    categories: Vec<CategoryRow<'a>>,
    codes: CodeRows<'a>,
}

/// Every code's row, made as it is written: no list of them is kept.
struct CodeRows<'a>(&'a Model);

impl Serialize for CodeRows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.0;
        serializer.collect_seq(model.codes.iter().map(|code| code_row(model, code)))
    }
}

#[derive(Serialize)]
struct RetryAfter<'a> {
    header: &'a str,
    default_secs: u64,
}

/// `wire:` with every key written out, defaults included, so a reader needs
/// no knowledge of the defaults.
#[derive(Serialize)]
struct WireRow<'a> {
    code: &'a str,
    code_type: &'static str,
    message: Option<&'a str>,
    details: Option<&'a str>,
    code_header: Option<&'a str>,
    status: Option<&'a str>,
    doc_url: Option<&'a str>,
    category: Option<&'a str>,
    field_errors: Option<FieldErrorsRow<'a>>,
}

#[derive(Serialize)]
struct FieldErrorsRow<'a> {
    entries: &'a str,
    field: &'a str,
    message: Option<&'a str>,
    value: Option<&'a str>,
}

impl<'a> WireRow<'a> {
    fn of(wire: &'a Wire) -> WireRow<'a> {
        WireRow {
            code: &wire.code,
            code_type: wire.code_type.as_str(),
            message: wire.message.as_deref(),
            details: wire.details.as_deref(),
            code_header: wire.code_header.as_deref(),
            status: wire.status.as_deref(),
            doc_url: wire.doc_url.as_deref(),
            category: wire.category.as_deref(),
            field_errors: wire.field_errors.as_ref().map(|at: &'a FieldErrorsAt| FieldErrorsRow {
                entries: &at.entries,
                field: &at.field,
                message: at.message.as_deref(),
                value: at.value.as_deref(),
            }),
        }
    }
}

#[derive(Serialize)]
struct Field<'a> {
    field: &'a str,
    #[serde(rename = "type")]
    ty: &'a str,
    description: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<Field<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<Box<Field<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<serde_json::Value>,
}

impl<'a> Field<'a> {
    fn of(field: &'a ResponseField) -> Field<'a> {
        Field {
            field: &field.name,
            ty: &field.ty,
            description: &field.description,
            fields: field.fields.iter().map(Field::of).collect(),
            items: field.items.as_deref().map(|items| Box::new(Field::of(items))),
            value: field.value.as_ref().map(Constant::to_json),
        }
    }
}

#[derive(Serialize)]
struct StatusRow<'a> {
    status: u16,
    class: &'static str,
    description: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct CategoryRow<'a> {
    id: &'a str,
    title: &'a str,
    prefix: &'a str,
    codes: CodeNames<'a>,
}

/// The codes of a category, written as they are read from the model.
struct CodeNames<'a>(&'a [Code]);

impl Serialize for CodeNames<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|code| code.code.as_str()))
    }
}

#[derive(Serialize)]
struct CodeRow<'a> {
    code: &'a str,
    status: u16,
    category: &'a str,
    message: &'a str,
    resolution: &'a str,
    retry: &'static str,
    reauth: bool,
    doc_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deprecated: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replaced_by: Option<&'a str>,
    retired: bool,
    example: &'a serde_json::Value,
}

/// `docs/errors.json`: every table of the catalogue, in catalogue order.
pub fn render_errors_json(model: &Model) -> String {
    let catalogue = Catalogue {
        schema_ref: "./errors.schema.json",
        schema: model.schema,
        name: &model.api_name,
        crate_name: &model.crate_name,
        version: model.version().to_string(),
        license: model.license.as_deref(),
        docs_url: &model.docs_url,
        retry_after: RetryAfter {
            header: &model.retry_after_header,
            default_secs: model.default_retry_after_secs,
        },
        request_id_header: &model.request_id_header,
        wire: WireRow::of(&model.wire),
        response: model.response_fields.iter().map(Field::of).collect(),
        statuses: model
            .statuses
            .iter()
            .map(|s| StatusRow {
                status: s.code,
                class: class_name(s.class),
                description: &s.description,
                note: &s.note,
            })
            .collect(),
        categories: model
            .categories
            .iter()
            .map(|c| CategoryRow {
                id: &c.id,
                title: &c.title,
                prefix: &c.prefix,
                codes: CodeNames(model.codes_of(c)),
            })
            .collect(),
        codes: CodeRows(model),
    };
    pretty(&catalogue, model.codes.len() * CODE_ROW_BYTES)
}

fn code_row<'a>(model: &'a Model, code: &'a Code) -> CodeRow<'a> {
    CodeRow {
        code: &code.code,
        status: code.status,
        category: &model.categories[code.category].id,
        message: &code.message,
        resolution: &code.resolution,
        retry: code.retry.as_str(),
        reauth: code.reauth,
        doc_url: &code.doc_url,
        since: code.since.as_ref().map(ToString::to_string),
        deprecated: code
            .lifecycle
            .deprecation()
            .map(|deprecation| deprecation.reason.as_str()),
        replaced_by: model.successor(code).map(|successor| successor.code.as_str()),
        retired: code.lifecycle.is_retired(),
        example: &code.example,
    }
}

#[derive(Serialize)]
struct Golden<'a> {
    status: u16,
    headers: BTreeMap<&'a str, String>,
    body: &'a serde_json::Value,
}

/// `docs/examples.json`: for every code, the reply a server sends (status,
/// headers, body), as golden fixtures for clients in any language.
pub fn render_examples_json(model: &Model) -> String {
    pretty(&Examples(model), model.codes.len() * GOLDEN_BYTES)
}

/// Every code's golden reply, keyed by code but in catalogue order
/// (whatever serde_json's map type), each made as it is written.
struct Examples<'a>(&'a Model);

impl Serialize for Examples<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.0;
        serializer.collect_map(model.codes.iter().map(|code| {
            let golden = Golden {
                status: code.status,
                headers: golden_headers(model, code),
                body: &code.example,
            };
            (code.code.as_str(), golden)
        }))
    }
}

/// About the bytes a code takes in `errors.json` and in `examples.json`:
/// each file is sized once, up front.
const CODE_ROW_BYTES: usize = 512;
const GOLDEN_BYTES: usize = 256;

/// The headers of `code`'s golden reply: its content type, the catalogue's
/// default retry hint on a throttled code, and the code header when the
/// catalogue has one.
pub(super) fn golden_headers<'m>(model: &'m Model, code: &Code) -> BTreeMap<&'m str, String> {
    let mut headers = BTreeMap::from([("Content-Type", "application/json".to_owned())]);
    if code.retry == Retry::Throttled {
        headers.insert(&model.retry_after_header, model.default_retry_after_secs.to_string());
    }
    if let Some(header) = &model.wire.code_header {
        headers.insert(header, code.code.clone());
    }
    headers
}

/// `docs/errors.schema.json`: the JSON Schema (2020-12) of `docs/errors.json`.
pub fn render_errors_schema(_: &Model) -> String {
    ERRORS_SCHEMA.to_owned()
}

const ERRORS_SCHEMA: &str = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "errors.schema.json",
  "title": "Error catalogue",
  "description": "An HTTP API's error catalogue, as exported by the error-catalogue generator.",
  "type": "object",
  "required": ["schema", "name", "crate", "version", "docs_url", "retry_after", "request_id_header", "wire", "response", "statuses", "categories", "codes"],
  "additionalProperties": false,
  "properties": {
    "$comment": { "type": "string" },
    "$schema": { "type": "string" },
    "schema": { "const": 1 },
    "name": { "type": "string", "minLength": 1 },
    "crate": { "type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_-]*$", "maxLength": 64 },
    "version": { "$ref": "#/$defs/semver" },
    "license": { "type": "string" },
    "docs_url": { "type": "string", "pattern": "^https?://" },
    "retry_after": {
      "type": "object",
      "required": ["header", "default_secs"],
      "additionalProperties": false,
      "properties": {
        "header": { "type": "string", "minLength": 1 },
        "default_secs": { "type": "integer", "minimum": 1, "maximum": 86400 }
      }
    },
    "request_id_header": { "type": "string", "minLength": 1 },
    "wire": {
      "description": "Where each part of an error reply lives, every key written out (null: the reply has no such part).",
      "type": "object",
      "required": ["code", "code_type", "message", "details", "code_header", "status", "doc_url", "category", "field_errors"],
      "additionalProperties": false,
      "properties": {
        "code": { "$ref": "#/$defs/pointer" },
        "code_type": { "enum": ["string", "integer"] },
        "message": { "$ref": "#/$defs/optional_pointer" },
        "details": { "$ref": "#/$defs/optional_pointer" },
        "code_header": { "anyOf": [{ "type": "string", "minLength": 1 }, { "type": "null" }] },
        "status": { "$ref": "#/$defs/optional_pointer" },
        "doc_url": { "$ref": "#/$defs/optional_pointer" },
        "category": { "$ref": "#/$defs/optional_pointer" },
        "field_errors": {
          "anyOf": [
            {
              "type": "object",
              "required": ["entries", "field", "message", "value"],
              "additionalProperties": false,
              "properties": {
                "entries": { "$ref": "#/$defs/pointer", "description": "Where each entry is; a `*` key stands for every element of an array." },
                "field": { "type": "string", "minLength": 1 },
                "message": { "anyOf": [{ "type": "string", "minLength": 1 }, { "type": "null" }] },
                "value": { "anyOf": [{ "type": "string", "minLength": 1 }, { "type": "null" }] }
              }
            },
            { "type": "null" }
          ]
        }
      }
    },
    "response": {
      "type": "array",
      "items": { "$ref": "#/$defs/field" }
    },
    "statuses": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["status", "class", "description", "note"],
        "additionalProperties": false,
        "properties": {
          "status": { "type": "integer", "minimum": 100, "maximum": 599 },
          "class": { "enum": ["informational", "success", "redirection", "client_error", "server_error"] },
          "description": { "type": "string" },
          "note": { "type": "string" }
        }
      }
    },
    "categories": {
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "required": ["id", "title", "prefix", "codes"],
        "additionalProperties": false,
        "properties": {
          "id": { "type": "string", "pattern": "^[a-z][a-z0-9_]*$" },
          "title": { "type": "string" },
          "prefix": { "type": "string", "description": "Every code of the category starts with it; empty when the category groups codes freely." },
          "codes": { "type": "array", "minItems": 1, "items": { "type": "string" } }
        }
      }
    },
    "codes": {
      "type": "array",
      "minItems": 1,
      "items": { "$ref": "#/$defs/code" }
    }
  },
  "$defs": {
    "code": {
      "type": "object",
      "required": ["code", "status", "category", "message", "resolution", "retry", "reauth", "doc_url", "retired", "example"],
      "additionalProperties": false,
      "properties": {
        "code": { "type": "string", "minLength": 1, "description": "The code exactly as the API sends it; an integer code as its decimal text." },
        "status": { "type": "integer", "minimum": 200, "maximum": 599 },
        "category": { "type": "string" },
        "message": { "type": "string", "minLength": 1 },
        "resolution": { "type": "string", "minLength": 1 },
        "retry": { "enum": ["never", "transient", "throttled"] },
        "reauth": { "type": "boolean" },
        "doc_url": { "type": "string" },
        "since": { "$ref": "#/$defs/semver" },
        "deprecated": { "type": "string" },
        "replaced_by": { "type": "string" },
        "retired": { "type": "boolean" },
        "example": { "$ref": "#/$defs/error_body" }
      }
    },
    "semver": {
      "description": "A version in cargo's semver grammar: no leading zeros, dot-separated pre-release and build identifiers.",
      "type": "string",
      "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$"
    },
    "pointer": {
      "description": "A JSON Pointer (RFC 6901) into the reply body.",
      "type": "string",
      "pattern": "^(/([^~/]|~[01])*)*$"
    },
    "optional_pointer": {
      "anyOf": [{ "$ref": "#/$defs/pointer" }, { "type": "null" }]
    },
    "field": {
      "description": "One documented member of the reply body; an object's members nest under `fields`, an array's elements under `items`.",
      "type": "object",
      "required": ["field", "type", "description"],
      "additionalProperties": false,
      "properties": {
        "field": { "type": "string", "minLength": 1 },
        "type": { "enum": ["string", "integer", "number", "boolean", "object", "array"] },
        "description": { "type": "string" },
        "fields": { "type": "array", "items": { "$ref": "#/$defs/field" } },
        "items": { "$ref": "#/$defs/field", "description": "An array's elements, named `*`." },
        "value": { "type": ["string", "integer", "boolean"], "description": "The value every reply carries here." }
      }
    },
    "error_body": {
      "description": "A reply body exactly as the API sends it: its shape is what `wire` and `response` say.",
      "type": "object"
    }
  }
}
"##;

/// `value` as pretty-printed JSON and a line break, written into one buffer
/// of about `bytes` bytes.
fn pretty<T: Serialize>(value: &T, bytes: usize) -> String {
    let mut text = Vec::with_capacity(bytes + 4096);
    // Serializing plain structs of strings and numbers cannot fail.
    let _ = serde_json::to_writer_pretty(&mut text, value);
    text.push(b'\n');
    // serde_json writes UTF-8 only.
    String::from_utf8(text).unwrap_or_default()
}

/// A status class as the export spells it (`client_error`).
fn class_name(class: StatusClass) -> &'static str {
    match class {
        StatusClass::Informational => "informational",
        StatusClass::Success => "success",
        StatusClass::Redirection => "redirection",
        StatusClass::ClientError => "client_error",
        StatusClass::ServerError => "server_error",
    }
}
