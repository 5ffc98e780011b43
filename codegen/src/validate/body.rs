//! The reply body (`response:`): its documented fields, nested under `object`
//! fields at any depth, and where the `wire:` pointers land in it. Every
//! pointer must land on a documented field of the type its part needs; a part
//! left out of `wire:` keeps its default only where the body documents it.

use crate::front::spec::{ResponseFieldSpec, WireSpec};
use crate::model::{CodeType, Constant, ResponseField, Wire};
use crate::suggest::closest;
use crate::validate::wire::{self, WireProblem};

/// The JSON types a body field may have.
pub const JSON_TYPES: [&str; 6] = ["string", "integer", "number", "boolean", "object", "array"];

/// The documented fields of `rows` (at key path `path`, e.g. `response`), and
/// every problem with them: a name listed twice, a type that is not a JSON
/// type, `fields:` under a field that is not an `object`.
pub fn fields(path: &str, rows: &[ResponseFieldSpec], problems: &mut Vec<WireProblem>) -> Vec<ResponseField> {
    let mut seen = Vec::new();
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let at = format!("{path}[{i}]");
            if seen.contains(&row.field.as_str()) {
                problems.push(problem(
                    format!("{at}.field"),
                    format!("the body field `{}` is listed twice", row.field),
                    "keep one row per field",
                ));
            }
            seen.push(row.field.as_str());
            if !JSON_TYPES.contains(&row.ty.as_str()) {
                problems.push(problem(
                    format!("{at}.type"),
                    format!("`{}` is not a JSON type", row.ty),
                    match closest(&row.ty, &JSON_TYPES) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("write one of {}", JSON_TYPES.map(|ty| format!("`{ty}`")).join(", ")),
                    },
                ));
            }
            let nested = row.fields.as_deref().unwrap_or_default();
            if row.fields.is_some() && row.ty != "object" {
                problems.push(problem(
                    format!("{at}.fields"),
                    format!(
                        "the body field `{}` has type `{}`: only an `object` has fields",
                        row.field, row.ty
                    ),
                    "write `type: object`, or remove `fields:`",
                ));
            }
            ResponseField {
                name: row.field.clone(),
                ty: row.ty.clone(),
                description: row.description.clone(),
                fields: fields(&format!("{at}.fields"), nested, problems),
                value: row.value.as_ref().and_then(|value| constant(&at, row, value, problems)),
            }
        })
        .collect()
}

/// The `value:` of body field `row` (at key path `at`) as a [`Constant`] of
/// the field's type; a problem when it is not one.
fn constant(
    at: &str,
    row: &ResponseFieldSpec,
    value: &serde_yaml::Value,
    problems: &mut Vec<WireProblem>,
) -> Option<Constant> {
    let constant = match (row.ty.as_str(), value) {
        ("string", serde_yaml::Value::String(text)) => Some(Constant::String(text.clone())),
        ("integer", serde_yaml::Value::Number(number)) => number.as_i64().map(Constant::Integer),
        ("boolean", serde_yaml::Value::Bool(flag)) => Some(Constant::Boolean(*flag)),
        _ => None,
    };
    if constant.is_none() {
        problems.push(problem(
            format!("{at}.value"),
            format!(
                "the body field `{}` has type `{}`: its `value:` must be one of that type",
                row.field, row.ty
            ),
            match row.ty.as_str() {
                "string" => "quote it, e.g. `value: \"2.0\"`".to_owned(),
                "integer" => "write a whole number from -2^63 to 2^63-1, e.g. `value: 1`".to_owned(),
                "boolean" => "write `value: true` or `value: false`".to_owned(),
                _ => "only `string`, `integer` and `boolean` fields can have a `value:`; remove it".to_owned(),
            },
        ));
    }
    constant
}

/// `wire` with each part checked against the documented `body`: a part the
/// catalogue's `wire:` names must land on a field of the right type; a part
/// left at its default is kept only where `body` documents it (as any type it
/// needs), else it is absent. The code has no such way out: it must land.
pub fn landed(wire: Wire, spec: Option<&WireSpec>, body: &[ResponseField], problems: &mut Vec<WireProblem>) -> Wire {
    let written = |key: &str| {
        spec.is_some_and(|spec| match key {
            "code" => spec.code.is_some(),
            "message" => spec.message.is_some(),
            _ => spec.details.is_some(),
        })
    };
    let code_types: &[&str] = match wire.code_type {
        CodeType::String => &["string"],
        CodeType::Integer => &["integer"],
    };
    let mut land = |key: &str, pointer: Option<String>, types: &[&str], required: bool| {
        let pointer = pointer?;
        if wire::check_pointer(&pointer).is_err() {
            // Reported as a pointer already; it lands nowhere to check.
            return Some(pointer);
        }
        let at = if written(key) {
            format!("wire.{key}")
        } else {
            "response".to_owned()
        };
        match find(body, "response", &pointer) {
            // A type that is no JSON type is reported as such.
            Some((_, field)) if types.contains(&field.ty.as_str()) || !JSON_TYPES.contains(&field.ty.as_str()) => {
                Some(pointer)
            }
            Some((path, field)) => {
                problems.push(problem(
                    format!("{path}.type"),
                    format!(
                        "the body field `{}` must have type {}, not `{}`: `wire.{key}` points at it",
                        field.name,
                        types
                            .iter()
                            .map(|ty| format!("`{ty}`"))
                            .collect::<Vec<_>>()
                            .join(" or "),
                        field.ty
                    ),
                    format!("write `type: {}`", types[0]),
                ));
                Some(pointer)
            }
            None if required || written(key) => {
                problems.push(problem(
                    at,
                    format!("`wire.{key}` points at `{pointer}`, which the body does not document"),
                    format!(
                        "document it in `response:` (nested under `fields:` of an `object` field) with `type: {}`, or point `wire.{key}` at a documented field",
                        types[0]
                    ),
                ));
                Some(pointer)
            }
            None => None,
        }
    };
    let code = land("code", Some(wire.code.clone()), code_types, true).unwrap_or_default();
    let message = land("message", wire.message.clone(), &["string"], false);
    let details = land("details", wire.details.clone(), &["object", "array"], false);
    Wire {
        code,
        message,
        details,
        ..wire
    }
}

/// The documented field `pointer` lands on, with its key path; `None` when it
/// lands on none (or on the whole body, which is no field).
fn find<'a>(body: &'a [ResponseField], path: &str, pointer: &str) -> Option<(String, &'a ResponseField)> {
    let mut fields = body;
    let mut path = path.to_owned();
    let mut found = None;
    for key in pointer.strip_prefix('/')?.split('/') {
        let key = key.replace("~1", "/").replace("~0", "~");
        let (i, field) = fields.iter().enumerate().find(|(_, field)| field.name == key)?;
        path = match found {
            None => format!("{path}[{i}]"),
            Some(_) => format!("{path}.fields[{i}]"),
        };
        fields = &field.fields;
        found = Some(field);
    }
    found.map(|field| (path, field))
}

fn problem(path: String, message: String, help: impl Into<String>) -> WireProblem {
    WireProblem {
        path,
        message,
        help: help.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, ty: &str, fields: Vec<ResponseField>) -> ResponseField {
        ResponseField {
            name: name.to_owned(),
            ty: ty.to_owned(),
            description: "d".to_owned(),
            fields,
            value: None,
        }
    }

    #[test]
    fn a_pointer_follows_nested_fields_and_unescapes_keys() {
        let body = vec![
            field("id", "integer", vec![]),
            field(
                "error",
                "object",
                vec![field("message", "string", vec![]), field("a/b~c", "string", vec![])],
            ),
        ];
        let (path, found) = find(&body, "response", "/error/message").unwrap();
        assert_eq!(
            (path.as_str(), found.name.as_str()),
            ("response[1].fields[0]", "message")
        );
        assert_eq!(
            find(&body, "response", "/error/a~1b~0c").unwrap().0,
            "response[1].fields[1]"
        );
        assert!(find(&body, "response", "/error/missing").is_none());
        assert!(find(&body, "response", "/id/deeper").is_none());
        assert!(find(&body, "response", "").is_none());
    }

    #[test]
    fn a_default_part_the_body_does_not_document_is_absent() {
        let body = vec![field("code", "string", vec![]), field("error", "string", vec![])];
        let mut problems = Vec::new();
        let wire = landed(Wire::default(), None, &body, &mut problems);
        assert_eq!(problems, []);
        assert_eq!((wire.message.as_deref(), wire.details), (Some("/error"), None));
    }
}
