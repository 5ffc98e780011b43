//! Feature `serde`: the one writer of error replies. [`write()`] lays a reply
//! out as the catalogue's [`Wire`] says; [`set_member`] sets any other member
//! of a body at a JSON Pointer (RFC 6901).
//!
//! Every part of the envelope wins over an extra member set at the same
//! place: a reply always carries its own code, message, details, status,
//! doc link, category and constants where the catalogue puts them.

use core::fmt;

use serde_json::{Map, Value};

use super::catalogue::{Catalogue, Wire};
use super::json::pointer_keys;

/// Why [`set_member`] refused a pointer. The body is left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PointerError {
    /// Not an RFC 6901 JSON Pointer: it does not start with `/`, or a `~`
    /// is not followed by `0` or `1`.
    Syntax(String),
    /// The empty pointer names the whole body, which is not a member.
    WholeBody,
    /// A key on the way names a member that is not an object (a string, a
    /// number, an array, …): setting the member would replace it.
    CrossesNonObject(String),
}

impl fmt::Display for PointerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PointerError::Syntax(pointer) => write!(
                f,
                "`{pointer}` is not a JSON Pointer: write `/key/key`, with `~0` for `~` and `~1` for `/`"
            ),
            PointerError::WholeBody => f.write_str("the empty pointer names the whole body, not a member"),
            PointerError::CrossesNonObject(pointer) => {
                write!(f, "`{pointer}` crosses a member that is not an object")
            }
        }
    }
}

impl std::error::Error for PointerError {}

/// The reply to `code` as `C::WIRE` lays it out: `members` first, then every
/// part of the envelope over them (the constants, the HTTP status as an
/// integer, the doc link, the category id, the details, the message and the
/// code, a JSON number in an integer catalogue). Objects on the way are
/// created; a part replaces whatever a member put on its way. Every object's
/// members are in key order, whatever serde_json's features.
pub fn write<C: Catalogue>(code: C, message: &str, details: Option<&Value>, members: Map<String, Value>) -> Value {
    let mut body = Value::Object(members);
    place_catalogue_parts(code, &mut body);
    let code_json = code_value(&C::WIRE, code.as_str()).unwrap_or_else(|| Value::from(code.as_str()));
    place_reply_parts(&C::WIRE, &mut body, code_json, Some(message), details);
    sorted(body)
}

/// Sets the member at `pointer` in `body` to `value`, creating the objects on
/// the way. Refuses (leaving `body` unchanged) a pointer that is not RFC
/// 6901, the empty pointer, and one that crosses a member that is not an
/// object; `body` itself must be an object.
pub fn set_member(body: &mut Value, pointer: &str, value: Value) -> Result<(), PointerError> {
    let keys = pointer_keys(pointer).ok_or_else(|| PointerError::Syntax(pointer.to_owned()))?;
    let Some((last, path)) = keys.split_last() else {
        return Err(PointerError::WholeBody);
    };
    let mut at = &*body;
    for key in path {
        match at {
            Value::Object(map) => match map.get(key) {
                Some(next) => at = next,
                None => break,
            },
            _ => return Err(PointerError::CrossesNonObject(pointer.to_owned())),
        }
    }
    if !at.is_object() {
        return Err(PointerError::CrossesNonObject(pointer.to_owned()));
    }
    place(body, path, last, value);
    Ok(())
}

/// Puts `value` at `path` then `last` in `body`, making every value on the
/// way an object (so a part wins over whatever was there).
fn place(body: &mut Value, path: &[String], last: &str, value: Value) {
    let mut at = body;
    for key in path {
        at = object(at)
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    object(at).insert(last.to_owned(), value);
}

/// `value` as an object: itself, or an empty one in its place.
fn object(value: &mut Value) -> &mut Map<String, Value> {
    if !value.is_object() {
        *value = Value::Object(Map::new());
    }
    match value {
        Value::Object(map) => map,
        _ => unreachable!("made an object above"),
    }
}

/// Puts `value` at `pointer`, winning over what is there; a pointer that is
/// not RFC 6901 or names the whole body is skipped (a generated catalogue's
/// pointers are checked before it is generated).
fn place_at(body: &mut Value, pointer: &str, value: Value) {
    if let Some((last, path)) = pointer_keys(pointer).as_deref().and_then(<[String]>::split_last) {
        place(body, path, last, value);
    }
}

/// Places the parts of `code`'s reply that the catalogue fixes: the
/// constants, the HTTP status, the doc link and the category id.
pub(crate) fn place_catalogue_parts<C: Catalogue>(code: C, body: &mut Value) {
    place_constants(&C::WIRE, body);
    let fixed = [
        (C::WIRE.status, Value::from(code.http_status())),
        (C::WIRE.doc_url, Value::from(code.doc_url())),
        (C::WIRE.category, Value::from(code.category_id())),
    ];
    for (pointer, value) in fixed {
        if let Some(pointer) = pointer {
            place_at(body, pointer, value);
        }
    }
}

/// Places the members every reply carries with one value (a constant whose
/// JSON text does not parse is skipped).
pub(crate) fn place_constants(wire: &Wire, body: &mut Value) {
    for (pointer, json) in wire.constants {
        if let Ok(value) = serde_json::from_str(json) {
            place_at(body, pointer, value);
        }
    }
}

/// Places the parts of one reply: its details and message, where the
/// catalogue's body has them, and its code (already as JSON) last, so that
/// the code is always there.
pub(crate) fn place_reply_parts(
    wire: &Wire,
    body: &mut Value,
    code: Value,
    message: Option<&str>,
    details: Option<&Value>,
) {
    if let (Some(pointer), Some(details)) = (wire.details, details) {
        place_at(body, pointer, details.clone());
    }
    if let (Some(pointer), Some(message)) = (wire.message, message) {
        place_at(body, pointer, Value::from(message));
    }
    place_at(body, wire.code, code);
}

/// The code `text` as the body carries it: a JSON number in an integer
/// catalogue (`None` when `text` is no integer), else the string.
pub(crate) fn code_value(wire: &Wire, text: &str) -> Option<Value> {
    if !wire.integer_code {
        return Some(Value::from(text));
    }
    match text.parse::<i64>() {
        Ok(number) => Some(Value::from(number)),
        Err(_) => text.parse::<u64>().ok().map(Value::from),
    }
}

/// The code's text from the value the body carries: a string, or in an
/// integer catalogue an integer's decimal text.
pub(crate) fn code_text(wire: &Wire, value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !wire.integer_code => Some(text.clone()),
        Value::Number(number) if wire.integer_code && (number.is_i64() || number.is_u64()) => Some(number.to_string()),
        _ => None,
    }
}

/// Takes the member at `pointer` out of `body`, dropping objects on its way
/// that it leaves empty (writing the member back makes them again).
pub(crate) fn take_member(body: &mut Value, pointer: &str) -> Option<Value> {
    let keys = pointer_keys(pointer)?;
    take(body, &keys)
}

fn take(at: &mut Value, keys: &[String]) -> Option<Value> {
    let (first, rest) = keys.split_first()?;
    let map = at.as_object_mut()?;
    if rest.is_empty() {
        return map.remove(first);
    }
    let inner = map.get_mut(first)?;
    let taken = take(inner, rest)?;
    if inner.as_object().is_some_and(Map::is_empty) {
        map.remove(first);
    }
    Some(taken)
}

/// `value` with every object's members inserted in key order, so that it
/// prints the same whether or not a crate in the build turns on
/// serde_json's `preserve_order`.
pub(crate) fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut members: Vec<(String, Value)> = map.into_iter().collect();
            members.sort_by(|(a, _), (b, _)| a.cmp(b));
            Value::Object(members.into_iter().map(|(key, value)| (key, sorted(value))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::super::api_error::ApiError;
    use super::super::testing::{AwsCode, GoogleCode, JsonRpcCode, OAuthCode, StripeCode, TestCode};
    use super::*;
    use serde_json::json;

    /// `pointer`'s value in `body`, through objects only.
    fn at<'b>(body: &'b Value, pointer: &str) -> Option<&'b Value> {
        pointer_keys(pointer)?
            .iter()
            .try_fold(body, |at, key| at.as_object()?.get(key))
    }

    /// Writes every code of `C` and reads it back; checks each part of
    /// `C::WIRE` is where it says.
    fn every_code_is_written_where_the_wire_says_and_read_back_in<C: Catalogue>() {
        for &code in C::ALL {
            let body = write(code, code.message(), None, Map::new());
            let read = ApiError::<C>::from_parts(code.http_status(), &[], body.to_string().as_bytes());
            assert_eq!(read.code(), Some(code), "{body}");
            if C::WIRE.message.is_some() {
                assert_eq!(read.message(), Some(code.message()), "{body}");
            }
            let code_json = at(&body, C::WIRE.code).expect("the code");
            assert_eq!(code_text(&C::WIRE, code_json).as_deref(), Some(code.as_str()));
            assert_eq!(code_json.is_number(), C::WIRE.integer_code);
            if let Some(pointer) = C::WIRE.status {
                assert_eq!(at(&body, pointer), Some(&json!(code.http_status())), "{body}");
            }
            if let Some(pointer) = C::WIRE.doc_url {
                assert_eq!(at(&body, pointer), Some(&json!(code.doc_url())), "{body}");
            }
            if let Some(pointer) = C::WIRE.category {
                assert_eq!(at(&body, pointer), Some(&json!(code.category_id())), "{body}");
            }
            for (pointer, text) in C::WIRE.constants {
                let constant: Value = serde_json::from_str(text).unwrap();
                assert_eq!(at(&body, pointer), Some(&constant), "{body}");
            }
        }
    }

    #[test]
    fn every_code_of_every_test_catalogue_is_written_where_its_wire_says_and_read_back() {
        every_code_is_written_where_the_wire_says_and_read_back_in::<TestCode>();
        every_code_is_written_where_the_wire_says_and_read_back_in::<OAuthCode>();
        every_code_is_written_where_the_wire_says_and_read_back_in::<GoogleCode>();
        every_code_is_written_where_the_wire_says_and_read_back_in::<StripeCode>();
        every_code_is_written_where_the_wire_says_and_read_back_in::<JsonRpcCode>();
        every_code_is_written_where_the_wire_says_and_read_back_in::<AwsCode>();
    }

    #[test]
    fn each_api_s_parts_land_where_its_api_sends_them() {
        let google = write(
            GoogleCode::ResourceExhausted,
            "Quota",
            Some(&json!([{"reason": "X"}])),
            Map::new(),
        );
        assert_eq!(
            google,
            json!({"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "message": "Quota", "details": [{"reason": "X"}]}})
        );
        let stripe = write(StripeCode::CardDeclined, "Declined", None, Map::new());
        assert_eq!(
            stripe,
            json!({"error": {"type": "card", "code": "card_declined", "message": "Declined",
                "doc_url": "https://stripe.com/docs/error-codes#card_declined"}})
        );
        let rpc = write(JsonRpcCode::MethodNotFound, "Method not found", None, Map::new());
        assert_eq!(
            rpc,
            json!({"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}})
        );
        let oauth = write(OAuthCode::SlowDown, "Poll more slowly", None, Map::new());
        assert_eq!(
            oauth,
            json!({"error": "slow_down", "error_description": "Poll more slowly",
                "error_uri": "https://www.rfc-editor.org/rfc/rfc6749#slow_down"})
        );
    }

    #[test]
    fn the_flat_body_is_written_byte_for_byte_as_before() {
        let code = TestCode::InvalidParameter;
        let plain = write(code, code.message(), None, Map::new());
        assert_eq!(
            plain.to_string(),
            r#"{"code":"INVALID_PARAMETER","error":"A parameter is invalid"}"#
        );
        let detailed = write(code, "bad", Some(&json!({"field": "email"})), Map::new());
        assert_eq!(
            detailed.to_string(),
            r#"{"code":"INVALID_PARAMETER","details":{"field":"email"},"error":"bad"}"#
        );
    }

    #[test]
    fn members_are_set_at_pointers_and_the_envelope_wins_over_them() {
        let mut members = Value::Object(Map::new());
        set_member(&mut members, "/id", json!(1)).unwrap();
        set_member(&mut members, "/error/data/attempt", json!(2)).unwrap();
        set_member(&mut members, "/error/code", json!("forged")).unwrap();
        set_member(&mut members, "/jsonrpc", json!("1.0")).unwrap();
        set_member(&mut members, "/a~1b/~0c", json!(true)).unwrap();
        let Value::Object(members) = members else {
            unreachable!()
        };
        let body = write(JsonRpcCode::ServerBusy, "busy", None, members);
        assert_eq!(
            body,
            json!({"jsonrpc": "2.0", "id": 1, "a/b": {"~c": true},
                "error": {"code": -32000, "message": "busy", "data": {"attempt": 2}}})
        );
        // A member in the way of a part is replaced by the part's object.
        let members = Map::from_iter([("error".to_owned(), json!("a string where the envelope nests"))]);
        let body = write(StripeCode::LockTimeout, "locked", None, members);
        assert_eq!(at(&body, "/error/code"), Some(&json!("lock_timeout")));
    }

    #[test]
    fn bad_pointers_are_refused_and_leave_the_body_unchanged() {
        let mut body = json!({"error": {"code": 3, "list": [1]}, "name": "x"});
        let before = body.clone();
        let refusals = [
            ("id", PointerError::Syntax("id".to_owned())),
            ("/a~2b", PointerError::Syntax("/a~2b".to_owned())),
            ("/a~", PointerError::Syntax("/a~".to_owned())),
            ("", PointerError::WholeBody),
            ("/name/first", PointerError::CrossesNonObject("/name/first".to_owned())),
            (
                "/error/code/x/y",
                PointerError::CrossesNonObject("/error/code/x/y".to_owned()),
            ),
            (
                "/error/list/0",
                PointerError::CrossesNonObject("/error/list/0".to_owned()),
            ),
        ];
        for (pointer, refusal) in refusals {
            assert_eq!(
                set_member(&mut body, pointer, json!(1)),
                Err(refusal.clone()),
                "{pointer}"
            );
            assert!(!refusal.to_string().is_empty());
            assert_eq!(body, before, "{pointer}");
        }
        let mut not_an_object = json!([1]);
        assert!(set_member(&mut not_an_object, "/a", json!(1)).is_err());
    }

    #[test]
    fn taking_a_member_drops_the_objects_it_empties() {
        let mut body = json!({"error": {"code": "x", "message": "m"}, "id": 1});
        assert_eq!(take_member(&mut body, "/error/code"), Some(json!("x")));
        assert_eq!(take_member(&mut body, "/error/message"), Some(json!("m")));
        assert_eq!(body, json!({"id": 1}));
        assert_eq!(take_member(&mut body, "/error/code"), None);
        assert_eq!(take_member(&mut body, "/id/x"), None);
    }

    #[test]
    fn integer_codes_are_numbers_both_ways() {
        let wire = JsonRpcCode::WIRE;
        assert_eq!(code_value(&wire, "-32601"), Some(json!(-32601)));
        assert_eq!(code_value(&wire, "18446744073709551615"), Some(json!(u64::MAX)));
        assert_eq!(code_value(&wire, "abc"), None);
        assert_eq!(code_text(&wire, &json!(-32601)).as_deref(), Some("-32601"));
        assert_eq!(code_text(&wire, &json!("-32601")), None);
        assert_eq!(code_text(&wire, &json!(1.5)), None);
        assert_eq!(code_text(&Wire::FLAT, &json!(3)), None);
        assert_eq!(code_value(&Wire::FLAT, "-1"), Some(json!("-1")));
    }
}
