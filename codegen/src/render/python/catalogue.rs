//! The client's `_catalogue.py`: the API's constants, where each part of a
//! reply lives (`WIRE`), and `ErrorCode` with every code's entry, each
//! catalogue string written as a [`python_string`] literal.

use std::fmt::Write as _;

use super::literal::{member_names, push_python_string, python_string};
use crate::model::{CodeType, FieldErrorsAt, Model, Retry};

/// The text of `_catalogue.py`, in the shape the runtime's tests read
/// (`runtime/python/errcat_test_api/_catalogue.py`).
pub fn render(model: &Model) -> String {
    let mut imports = vec!["CatalogueCode", "CodeInfo"];
    if model.wire.field_errors.is_some() {
        imports.push("FieldErrorsAt");
    }
    imports.extend(["Retry", "Wire", "describe"]);
    let mut out = format!(
        r#""""The API's error catalogue, as its catalogue file states it: its name,
its headers, where each part of a reply lives (``WIRE``) and ``ErrorCode``,
every code with its entry."""

from __future__ import annotations

from ._codes import {imports}

#: The API's name.
API_NAME = {api}
#: The header carrying the API's retry hint, in seconds.
RETRY_AFTER_HEADER = {retry_after}
#: Seconds to wait on a throttled reply without a hint.
DEFAULT_RETRY_AFTER_SECS = {default_secs}
#: The header carrying the API's request id.
REQUEST_ID_HEADER = {request_id}
#: Where each part of an error reply lives.
WIRE = {wire}


class ErrorCode(CatalogueCode):
    """Every code of the API, valued by the code as sent on the wire (an
    integer code as its decimal text)."""
"#,
        imports = imports.join(", "),
        api = python_string(&model.api_name),
        retry_after = python_string(&model.retry_after_header),
        default_secs = model.default_retry_after_secs,
        request_id = python_string(&model.request_id_header),
        wire = wire(model),
    );
    let variants: Vec<&str> = model.codes.iter().map(|code| code.variant.as_str()).collect();
    let members = member_names(&variants);
    out.reserve(model.codes.len() * CODE_BYTES);
    out.push('\n');
    for (member, code) in members.iter().zip(&model.codes) {
        out.push_str("    ");
        out.push_str(member);
        out.push_str(" = ");
        push_python_string(&mut out, &code.code);
        out.push('\n');
    }
    out.push_str("\n\ndescribe(\n    {\n");
    for (member, code) in members.iter().zip(&model.codes) {
        let since = code.since.as_ref().map(ToString::to_string);
        let fields = [
            ("status", Py::Number(code.status)),
            ("category", Py::Text(&model.categories[code.category].id)),
            ("message", Py::Text(&code.message)),
            ("resolution", Py::Text(&code.resolution)),
            ("retry", Py::Raw(retry(code.retry))),
            ("requires_reauth", Py::Raw(boolean(code.reauth))),
            ("doc_url", Py::Text(&code.doc_url)),
            ("since", Py::Optional(since.as_deref())),
            (
                "deprecated",
                Py::Optional(code.lifecycle.deprecation().map(|d| d.reason.as_str())),
            ),
            (
                "replaced_by",
                Py::Optional(model.successor(code).map(|successor| successor.code.as_str())),
            ),
            ("retired", Py::Raw(boolean(code.lifecycle.is_retired()))),
        ];
        out.push_str("        ErrorCode.");
        out.push_str(member);
        out.push_str(": CodeInfo(\n");
        for (name, value) in fields {
            out.push_str("            ");
            out.push_str(name);
            out.push('=');
            value.push_to(&mut out);
            out.push_str(",\n");
        }
        out.push_str("        ),\n");
    }
    out.push_str("    }\n)\n");
    out
}

/// About the bytes a code takes in the file: it is sized once, up front.
const CODE_BYTES: usize = 560;

/// One value of a `CodeInfo(...)`, as Python source.
enum Py<'a> {
    Number(u16),
    /// Catalogue text, written as a [`push_python_string`] literal.
    Text(&'a str),
    /// Catalogue text or `None`.
    Optional(Option<&'a str>),
    /// Source written as it is: a constant of the runtime.
    Raw(&'static str),
}

impl Py<'_> {
    fn push_to(&self, out: &mut String) {
        match *self {
            Py::Number(number) => {
                // Writing into a `String` cannot fail.
                let _ = write!(out, "{number}");
            }
            Py::Text(text) | Py::Optional(Some(text)) => push_python_string(out, text),
            Py::Optional(None) => out.push_str("None"),
            Py::Raw(source) => out.push_str(source),
        }
    }
}

/// The `Wire(...)` of the catalogue's `wire:`, every part named.
fn wire(model: &Model) -> String {
    let wire = &model.wire;
    let parts = [
        ("code", python_string(&wire.code)),
        ("integer_code", boolean(wire.code_type == CodeType::Integer).to_owned()),
        ("message", optional(wire.message.as_deref())),
        ("details", optional(wire.details.as_deref())),
        ("code_header", optional(wire.code_header.as_deref())),
        ("status", optional(wire.status.as_deref())),
        ("doc_url", optional(wire.doc_url.as_deref())),
        ("category", optional(wire.category.as_deref())),
        ("field_errors", field_errors(wire.field_errors.as_ref())),
    ];
    let lines: String = parts
        .iter()
        .map(|(name, value)| format!("    {name}={value},\n"))
        .collect();
    format!("Wire(\n{lines})")
}

fn field_errors(at: Option<&FieldErrorsAt>) -> String {
    let Some(at) = at else {
        return "None".to_owned();
    };
    format!(
        "FieldErrorsAt(\n        entries={},\n        field={},\n        message={},\n        value={},\n    )",
        python_string(&at.entries),
        python_string(&at.field),
        optional(at.message.as_deref()),
        optional(at.value.as_deref()),
    )
}

fn optional(text: Option<&str>) -> String {
    let mut out = String::new();
    Py::Optional(text).push_to(&mut out);
    out
}

fn boolean(flag: bool) -> &'static str {
    if flag { "True" } else { "False" }
}

fn retry(retry: Retry) -> &'static str {
    match retry {
        Retry::Never => "Retry.NEVER",
        Retry::Transient => "Retry.TRANSIENT",
        Retry::Throttled => "Retry.THROTTLED",
    }
}
