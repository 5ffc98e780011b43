//! `catalogue.js` and `catalogue.d.ts`: the catalogue as data the client
//! runtime reads (names, headers, the wire layout and a frozen table of
//! every code), in the shape of the runtime's test catalogue
//! (`runtime/typescript/catalogue.js`).

use std::fmt::Write;

use super::literal::{js_string, js_string_or_null, push_js_string};
use crate::model::{Code, Model, Wire};

/// `catalogue.js`.
pub fn render_catalogue_js(model: &Model) -> String {
    let mut out = String::from(
        "// The catalogue, as data: the client runtime beside it reads every name,\n\
         // header and code from here.\n\n",
    );
    for (doc, name, value) in constants(model) {
        // Writing to a String cannot fail.
        let _ = writeln!(out, "/** {doc} */\nexport const {name} = {value};");
    }
    let _ = writeln!(
        out,
        "/** Where each part of an error reply lives. */\nexport const WIRE = {};",
        wire(&model.wire)
    );
    out.push_str("/** Every code's entry, in catalogue order. */\nexport const ERROR_TABLE = Object.freeze([\n");
    out.reserve(model.codes.len() * ENTRY_BYTES);
    for code in &model.codes {
        out.push_str("  ");
        push_entry(&mut out, model, code);
        out.push_str(",\n");
    }
    out.push_str("]);\n");
    out
}

/// `catalogue.d.ts`.
pub fn render_catalogue_dts(model: &Model) -> String {
    let mut out = String::from(
        "// Declarations of the catalogue module.\n\n\
         import type { ErrorInfo, WireLayout } from \"./catalogue-types.js\";\n\n\
         /** Every code of the catalogue, exactly as the API sends it. */\nexport type Code =",
    );
    if model.codes.is_empty() {
        out.push_str(" never");
    }
    for code in &model.codes {
        out.push_str("\n  | ");
        push_js_string(&mut out, &code.code);
    }
    out.push_str(";\n");
    for (doc, name, value) in constants(model) {
        let ty = if value.starts_with('"') { "string" } else { "number" };
        let _ = writeln!(out, "/** {doc} */\nexport declare const {name}: {ty};");
    }
    out.push_str(
        "/** Where each part of an error reply lives. */\nexport declare const WIRE: WireLayout;\n\
         /** Every code's entry, in catalogue order. */\nexport declare const ERROR_TABLE: readonly ErrorInfo<Code>[];\n",
    );
    out
}

/// The module's scalar constants, as (doc, name, JavaScript value).
fn constants(model: &Model) -> [(&'static str, &'static str, String); 5] {
    [
        ("The API's name.", "API_NAME", js_string(&model.api_name)),
        (
            "The package's version.",
            "VERSION",
            js_string(&model.version().to_string()),
        ),
        (
            "The header carrying the API's retry hint, in seconds.",
            "RETRY_AFTER_HEADER",
            js_string(&model.retry_after_header),
        ),
        (
            "Seconds to wait on a throttled reply without a hint.",
            "DEFAULT_RETRY_AFTER_SECS",
            model.default_retry_after_secs.to_string(),
        ),
        (
            "The header carrying the API's request id.",
            "REQUEST_ID_HEADER",
            js_string(&model.request_id_header),
        ),
    ]
}

/// The wire layout as a frozen object literal.
fn wire(wire: &Wire) -> String {
    let field_errors = wire.field_errors.as_ref().map_or_else(
        || "null".to_owned(),
        |at| {
            format!(
                "Object.freeze({{ entries: {}, field: {}, message: {}, value: {} }})",
                js_string(&at.entries),
                js_string(&at.field),
                js_string_or_null(at.message.as_deref()),
                js_string_or_null(at.value.as_deref()),
            )
        },
    );
    let members = [
        ("code", js_string(&wire.code)),
        ("codeType", js_string(wire.code_type.as_str())),
        ("message", js_string_or_null(wire.message.as_deref())),
        ("details", js_string_or_null(wire.details.as_deref())),
        ("codeHeader", js_string_or_null(wire.code_header.as_deref())),
        ("status", js_string_or_null(wire.status.as_deref())),
        ("docUrl", js_string_or_null(wire.doc_url.as_deref())),
        ("category", js_string_or_null(wire.category.as_deref())),
        ("fieldErrors", field_errors),
    ];
    let lines: Vec<String> = members
        .iter()
        .map(|(name, value)| format!("  {name}: {value},\n"))
        .collect();
    format!("Object.freeze({{\n{}}})", lines.concat())
}

/// About the bytes a code's entry takes: the file is sized once, up front.
const ENTRY_BYTES: usize = 360;

/// Writes one code's frozen table entry, on one line.
fn push_entry(out: &mut String, model: &Model, code: &Code) {
    let since = code.since.as_ref().map(ToString::to_string);
    let members = [
        ("code", Js::Text(&code.code)),
        ("status", Js::Number(code.status)),
        ("category", Js::Text(&model.categories[code.category].id)),
        ("message", Js::Text(&code.message)),
        ("resolution", Js::Text(&code.resolution)),
        ("retry", Js::Text(code.retry.as_str())),
        ("reauth", Js::Boolean(code.reauth)),
        ("docUrl", Js::Text(&code.doc_url)),
        ("since", Js::Optional(since.as_deref())),
        (
            "deprecated",
            Js::Optional(code.lifecycle.deprecation().map(|d| d.reason.as_str())),
        ),
        (
            "replacedBy",
            Js::Optional(model.successor(code).map(|successor| successor.code.as_str())),
        ),
        ("retired", Js::Boolean(code.lifecycle.is_retired())),
    ];
    out.push_str("Object.freeze({ ");
    for (i, (name, value)) in members.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(name);
        out.push_str(": ");
        match value {
            Js::Text(text) | Js::Optional(Some(text)) => push_js_string(out, text),
            Js::Optional(None) => out.push_str("null"),
            Js::Number(number) => {
                // Writing into a `String` cannot fail.
                let _ = write!(out, "{number}");
            }
            Js::Boolean(flag) => out.push_str(if flag { "true" } else { "false" }),
        }
    }
    out.push_str(" })");
}

/// One member of an entry, as JavaScript source.
enum Js<'a> {
    /// Catalogue text, written as a [`push_js_string`] literal.
    Text(&'a str),
    /// Catalogue text or `null`.
    Optional(Option<&'a str>),
    Number(u16),
    Boolean(bool),
}
