//! `docs/errors.json` and its JSON Schema: the validated catalogue for tools in
//! other languages, and `docs/examples.json`: one golden reply per code.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Code, Model, Retry, StatusClass};

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
    response: Vec<Field<'a>>,
    statuses: Vec<StatusRow<'a>>,
    categories: Vec<CategoryRow<'a>>,
    codes: Vec<CodeRow<'a>>,
}

#[derive(Serialize)]
struct RetryAfter<'a> {
    header: &'a str,
    default_secs: u64,
}

#[derive(Serialize)]
struct Field<'a> {
    field: &'a str,
    #[serde(rename = "type")]
    ty: &'a str,
    description: &'a str,
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
    codes: Vec<&'a str>,
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
        response: model
            .response_fields
            .iter()
            .map(|f| Field {
                field: &f.name,
                ty: &f.ty,
                description: &f.description,
            })
            .collect(),
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
                codes: model.codes_of(c).iter().map(|code| code.code.as_str()).collect(),
            })
            .collect(),
        codes: model.codes.iter().map(|code| code_row(model, code)).collect(),
    };
    pretty(&catalogue)
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
    let examples: Vec<(&str, Golden)> = model
        .codes
        .iter()
        .map(|code| {
            let mut headers = BTreeMap::from([("Content-Type", "application/json".to_owned())]);
            if code.retry == Retry::Throttled {
                headers.insert(&model.retry_after_header, model.default_retry_after_secs.to_string());
            }
            let golden = Golden {
                status: code.status,
                headers,
                body: &code.example,
            };
            (code.code.as_str(), golden)
        })
        .collect();
    // Keyed by code but in catalogue order, whatever serde_json's map type:
    // members are written one by one.
    let mut text = String::from("{\n");
    for (i, (code, golden)) in examples.iter().enumerate() {
        let value = serde_json::to_string_pretty(golden).unwrap_or_default();
        let value = value.replace('\n', "\n  ");
        let comma = if i + 1 < examples.len() { "," } else { "" };
        text.push_str(&format!("  {}: {value}{comma}\n", serde_json::Value::from(*code)));
    }
    text.push_str("}\n");
    text
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
  "required": ["schema", "name", "crate", "version", "docs_url", "retry_after", "request_id_header", "response", "statuses", "categories", "codes"],
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
    "response": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["field", "type", "description"],
        "additionalProperties": false,
        "properties": {
          "field": { "type": "string", "minLength": 1 },
          "type": { "enum": ["string", "integer", "number", "boolean", "object", "array"] },
          "description": { "type": "string" }
        }
      }
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
    "error_body": {
      "type": "object",
      "required": ["error", "code"],
      "additionalProperties": false,
      "properties": {
        "error": { "type": "string" },
        "code": { "type": "string" },
        "details": { "type": "object" }
      }
    }
  }
}
"##;

fn pretty<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
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
