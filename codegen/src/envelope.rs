//! The reply body the API sends for a code, laid out by `wire:`: what a
//! code's example is when the catalogue states none. The runtime's writer
//! lays out the same body from the generated `WIRE` (the generated crate's
//! tests compare the two), so both follow one rule: every part `wire:` places
//! gets the code's value, and nothing else is written — the constants
//! (`value:`), the status as an integer, the doc link, the category id, the
//! code (a JSON number in an integer catalogue) and the message. Details and
//! field errors vary by reply and are left out.

use serde_json::Value;

use crate::model::{Code, CodeType, ResponseField, Wire, canonical, constants, pointer_keys};

/// The body of `code` (of the category `category_id`) in the reply laid out
/// by `wire` whose documented fields are `fields`, members in key order
/// ([`canonical`]).
pub fn body(wire: &Wire, fields: &[ResponseField], code: &Code, category_id: &str) -> Value {
    let mut body = Value::Object(serde_json::Map::new());
    for (pointer, value) in constants(fields) {
        set(&mut body, &pointer, value.to_json());
    }
    let parts = [
        (wire.status.as_deref(), Value::from(code.status)),
        (wire.doc_url.as_deref(), Value::from(code.doc_url.as_str())),
        (wire.category.as_deref(), Value::from(category_id)),
        (Some(wire.code.as_str()), code_value(wire.code_type, &code.code)),
        (wire.message.as_deref(), Value::from(code.message.as_str())),
    ];
    for (pointer, value) in parts {
        if let Some(pointer) = pointer {
            set(&mut body, pointer, value);
        }
    }
    canonical(body)
}

/// The code as its reply carries it: a JSON number in an integer catalogue
/// (validation has made sure it is the decimal text of an `i64`), else text.
pub fn code_value(code_type: CodeType, code: &str) -> Value {
    match (code_type, code.parse::<i64>()) {
        (CodeType::Integer, Ok(number)) => Value::from(number),
        _ => Value::from(code),
    }
}

/// Puts `value` at `pointer` in `body`, making each object on the way (and
/// replacing whatever else stood there: the parts of a valid catalogue
/// neither share a place nor sit inside one another).
pub fn set(body: &mut Value, pointer: &str, value: Value) {
    let mut here = body;
    for key in pointer_keys(pointer) {
        if !here.is_object() {
            *here = Value::Object(serde_json::Map::new());
        }
        let Value::Object(members) = here else {
            unreachable!("made an object just above");
        };
        here = members.entry(key).or_insert(Value::Null);
    }
    *here = value;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Constant, Lifecycle, Retry};

    fn code(code: &str) -> Code {
        Code {
            code: code.to_owned(),
            variant: "V".to_owned(),
            status: 400,
            category: 0,
            message: "Bad".to_owned(),
            resolution: "Fix".to_owned(),
            retry: Retry::Never,
            reauth: false,
            anchor: "a".to_owned(),
            doc_url: "https://docs.example/a".to_owned(),
            since: None,
            lifecycle: Lifecycle::Active,
            example: Value::Null,
            example_stated: false,
        }
    }

    fn field(name: &str, value: Option<Constant>, fields: Vec<ResponseField>) -> ResponseField {
        ResponseField {
            name: name.to_owned(),
            ty: "string".to_owned(),
            description: "d".to_owned(),
            fields,
            value,
            items: None,
        }
    }

    #[test]
    fn the_flat_body_has_the_code_and_the_message() {
        let body = body(&Wire::default(), &[], &code("BAD"), "input");
        assert_eq!(body.to_string(), r#"{"code":"BAD","error":"Bad"}"#);
    }

    #[test]
    fn every_part_wire_places_gets_its_value_and_nothing_else_is_written() {
        let wire = Wire {
            code: "/error/code".to_owned(),
            code_type: CodeType::Integer,
            message: Some("/error/message".to_owned()),
            details: Some("/error/data".to_owned()),
            status: Some("/error/http".to_owned()),
            doc_url: Some("/error/doc~1url".to_owned()),
            category: Some("/error/type".to_owned()),
            ..Wire::default()
        };
        let fields = [
            field("jsonrpc", Some(Constant::String("2.0".to_owned())), vec![]),
            field(
                "meta",
                None,
                vec![field("final", Some(Constant::Boolean(true)), vec![])],
            ),
        ];
        let body = body(&wire, &fields, &code("-32601"), "input");
        assert_eq!(
            body.to_string(),
            r#"{"error":{"code":-32601,"doc/url":"https://docs.example/a","http":400,"message":"Bad","type":"input"},"jsonrpc":"2.0","meta":{"final":true}}"#
        );
    }
}
