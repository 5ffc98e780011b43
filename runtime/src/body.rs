//! Feature `serde`: [`ErrorBody`], the JSON body of an error reply laid out
//! as the catalogue's [`Wire`](super::catalogue::Wire) says, and its
//! [`Details`].

use core::marker::PhantomData;

use serde::de::Error as _;
use serde::ser::Error as _;
use serde_json::{Map, Value};

use super::catalogue::Catalogue;
use super::envelope;

/// The JSON body of an error reply of catalogue `C`'s API, wherever its
/// `wire:` puts each part: the flat `{"error": …, "code": …, "details": …}`,
/// Google's `{"error": {"status": …, "message": …, "details": […]}}`, …
///
/// `code` stays text so that a reply with a code the catalogue does not know
/// still parses; [`ErrorBody::error_code`] gives the typed code when there is
/// one. Every member the envelope's code, message and details do not cover
/// is kept in [`members`](ErrorBody::members), so a body read and written
/// again is unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBody<C: Catalogue> {
    /// The code as sent (an integer code's decimal text).
    pub code: String,
    /// The human-readable message, when the body has one (the flat body's
    /// `error`, OAuth's `error_description`).
    pub message: Option<String>,
    /// The details, when the body has them.
    pub details: Option<Details>,
    /// Every other member, as a body without the code, message and details
    /// (e.g. `{"error": {"code": 429}}` for Google, `{"id": 1, "jsonrpc":
    /// "2.0"}` for JSON-RPC). Where it overlaps them, they win.
    pub members: Map<String, Value>,
    catalogue: PhantomData<fn() -> C>,
}

impl<C: Catalogue> ErrorBody<C> {
    /// The body a server sends for `code`: its catalogue message (where the
    /// body has one), no details, and the parts the catalogue fixes (the
    /// constants, the status, the doc link, the category id) in `members`.
    pub fn new(code: C) -> ErrorBody<C> {
        ErrorBody::with_code(code.as_str().to_owned(), Some(code.message().to_owned()))
    }

    /// A body for the code written `code`, known or not, with `message`
    /// where the catalogue's body has one: a known code's fixed parts go in
    /// `members`, an unknown code's only the constants.
    pub(crate) fn with_code(code: String, message: Option<String>) -> ErrorBody<C> {
        let mut members = Value::Object(Map::new());
        match C::from_code(&code) {
            Some(known) => envelope::place_catalogue_parts(known, &mut members),
            None => envelope::place_constants(&C::WIRE, &mut members),
        }
        ErrorBody {
            code,
            message: message.filter(|_| C::WIRE.message.is_some()),
            details: None,
            members: match envelope::sorted(members) {
                Value::Object(map) => map,
                _ => Map::new(),
            },
            catalogue: PhantomData,
        }
    }

    /// The same body with `details` attached (written only when the
    /// catalogue's body has details).
    pub fn with_details(mut self, details: Details) -> ErrorBody<C> {
        self.details = Some(details);
        self
    }

    /// The typed code, or `None` when the server sent one catalogue `C` does not know.
    pub fn error_code(&self) -> Option<C> {
        C::from_code(&self.code)
    }

    /// The body as JSON: `members`, then the code, message and details over
    /// them where `C::WIRE` puts them; `None` when the code is not an integer
    /// in an integer catalogue.
    pub fn to_value(&self) -> Option<Value> {
        let code = envelope::code_value(&C::WIRE, &self.code)?;
        let mut body = Value::Object(self.members.clone());
        let details = self.details.as_ref().map(Details::as_value);
        envelope::place_reply_parts(&C::WIRE, &mut body, code, self.message.as_deref(), details);
        Some(envelope::sorted(body))
    }

    /// Reads a body laid out as `C::WIRE` says: the code must be there (a
    /// string, or an integer in an integer catalogue), the message a string
    /// when present, the details an object, an array or `null`.
    pub fn from_value(body: Value) -> Result<ErrorBody<C>, String> {
        let wire = C::WIRE;
        let mut body = match body {
            Value::Object(map) => Value::Object(map),
            _ => return Err("an error body is a JSON object".to_owned()),
        };
        let code = match envelope::take_member(&mut body, wire.code) {
            Some(value) => envelope::code_text(&wire, &value).ok_or_else(|| {
                let kind = if wire.integer_code { "an integer" } else { "a string" };
                format!("the code at {} must be {kind}, not {value}", wire.code)
            })?,
            None => return Err(format!("no code at {}", wire.code)),
        };
        let message = match wire
            .message
            .and_then(|pointer| envelope::take_member(&mut body, pointer))
        {
            None => None,
            Some(Value::String(text)) => Some(text),
            Some(other) => return Err(format!("the message must be a string, not {other}")),
        };
        let details = match wire
            .details
            .and_then(|pointer| envelope::take_member(&mut body, pointer))
        {
            None | Some(Value::Null) => None,
            Some(value) => Some(
                Details::try_from(value)
                    .map_err(|value| format!("the details must be an object or an array, not {value}"))?,
            ),
        };
        Ok(ErrorBody {
            code,
            message,
            details,
            members: match body {
                Value::Object(map) => map,
                _ => Map::new(),
            },
            catalogue: PhantomData,
        })
    }
}

/// Writes the body laid out as `C::WIRE` says. The envelope's parts come
/// first, in the order message, code, details (the flat body's
/// `{"error":…,"code":…,"details":…}`, as this type always wrote it), then
/// every other member in key order, at every level.
impl<C: Catalogue> serde::Serialize for ErrorBody<C> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let body = self
            .to_value()
            .ok_or_else(|| S::Error::custom(format!("the code {:?} is not an integer", self.code)))?;
        let parts: Vec<Vec<String>> = [C::WIRE.message, Some(C::WIRE.code), C::WIRE.details]
            .into_iter()
            .flatten()
            .filter_map(super::json::pointer_keys)
            .collect();
        serde::Serialize::serialize(
            &PartsFirst {
                value: &body,
                path: Vec::new(),
                parts: &parts,
            },
            serializer,
        )
    }
}

impl<'de, C: Catalogue> serde::Deserialize<'de> for ErrorBody<C> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ErrorBody<C>, D::Error> {
        ErrorBody::from_value(Value::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}

/// A JSON value written with the members on the way to the envelope's
/// `parts` (pointer keys, in order) first, then the others in key order.
struct PartsFirst<'a> {
    value: &'a Value,
    path: Vec<&'a str>,
    parts: &'a [Vec<String>],
}

impl PartsFirst<'_> {
    /// Where `key` goes among its siblings: the first part it leads to, else after them.
    fn rank(&self, key: &str) -> usize {
        let leads_to = |part: &Vec<String>| {
            part.len() > self.path.len()
                && part.iter().zip(&self.path).all(|(a, b)| a == b)
                && part[self.path.len()] == key
        };
        self.parts.iter().position(leads_to).unwrap_or(self.parts.len())
    }
}

impl serde::Serialize for PartsFirst<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let Value::Object(map) = self.value else {
            return self.value.serialize(serializer);
        };
        let mut members: Vec<(&String, &Value)> = map.iter().collect();
        members.sort_by(|(a, _), (b, _)| (self.rank(a), *a).cmp(&(self.rank(b), *b)));
        let mut out = serializer.serialize_map(Some(members.len()))?;
        for (key, value) in members {
            let mut path = self.path.clone();
            path.push(key);
            out.serialize_entry(
                key,
                &PartsFirst {
                    value,
                    path,
                    parts: self.parts,
                },
            )?;
        }
        out.end()
    }
}

/// The details of an error body: a JSON object (the flat body's
/// `{"field", "message", "value"}`) or an array (Google's typed details),
/// with typed access to the validation trio of an object.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(transparent)]
pub struct Details(Value);

impl Details {
    /// An empty object.
    pub fn new() -> Details {
        Details(Value::Object(Map::new()))
    }

    /// The request field the error is about (`details.field`), if named.
    pub fn field(&self) -> Option<&str> {
        self.get("field").and_then(Value::as_str)
    }

    /// What is wrong with that field (`details.message`), if given.
    pub fn message(&self) -> Option<&str> {
        self.get("message").and_then(Value::as_str)
    }

    /// The rejected value (`details.value`), if the server echoed it.
    pub fn value(&self) -> Option<&Value> {
        self.get("value")
    }

    /// Any member of the object (`None` for an array).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.as_object()?.get(key)
    }

    /// The whole object, when the details are one.
    pub fn as_map(&self) -> Option<&Map<String, Value>> {
        self.0.as_object()
    }

    /// The whole array, when the details are one.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        self.0.as_array()
    }

    /// The details as JSON: an object or an array.
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// The details as JSON, by value.
    pub fn into_value(self) -> Value {
        self.0
    }
}

impl Default for Details {
    fn default() -> Details {
        Details::new()
    }
}

impl From<Map<String, Value>> for Details {
    fn from(map: Map<String, Value>) -> Details {
        Details(Value::Object(map))
    }
}

impl From<Vec<Value>> for Details {
    fn from(items: Vec<Value>) -> Details {
        Details(Value::Array(items))
    }
}

/// Details are an object or an array; any other value is given back.
impl TryFrom<Value> for Details {
    type Error = Value;

    fn try_from(value: Value) -> Result<Details, Value> {
        match value {
            Value::Object(_) | Value::Array(_) => Ok(Details(value)),
            other => Err(other),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Details {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Details, D::Error> {
        Details::try_from(Value::deserialize(deserializer)?)
            .map_err(|value| D::Error::custom(format!("details must be an object or an array, not {value}")))
    }
}

#[cfg(test)]
mod tests {
    use super::super::api_error::ApiError;
    use super::super::testing::{AwsCode, GoogleCode, JsonRpcCode, OAuthCode, StripeCode, TestCode};
    use super::*;
    use serde_json::json;

    /// Every code's body is the envelope writer's, round-trips through its
    /// JSON unchanged and is read back by `ApiError` to the same code and message.
    fn every_code_s_body_is_the_envelope_s_and_round_trips_in<C: Catalogue>() {
        for &code in C::ALL {
            let body = ErrorBody::new(code);
            let json = serde_json::to_string(&body).unwrap();
            let value: Value = serde_json::from_str(&json).unwrap();
            assert_eq!(value, envelope::write(code, code.message(), None, Map::new()), "{json}");
            let parsed: ErrorBody<C> = serde_json::from_str(&json).unwrap();
            assert_eq!(parsed, body);
            assert_eq!(parsed.error_code(), Some(code));
            let read = ApiError::<C>::from_parts(code.http_status(), &[], json.as_bytes());
            assert_eq!(read.code(), Some(code), "{json}");
            assert_eq!(read.message(), body.message.as_deref(), "{json}");
        }
    }

    #[test]
    fn every_code_s_body_of_every_test_catalogue_is_the_envelope_s_and_round_trips() {
        every_code_s_body_is_the_envelope_s_and_round_trips_in::<TestCode>();
        every_code_s_body_is_the_envelope_s_and_round_trips_in::<OAuthCode>();
        every_code_s_body_is_the_envelope_s_and_round_trips_in::<GoogleCode>();
        every_code_s_body_is_the_envelope_s_and_round_trips_in::<StripeCode>();
        every_code_s_body_is_the_envelope_s_and_round_trips_in::<JsonRpcCode>();
        every_code_s_body_is_the_envelope_s_and_round_trips_in::<AwsCode>();
    }

    #[test]
    fn the_flat_body_is_written_byte_for_byte_as_before() {
        let body = ErrorBody::new(TestCode::InvalidParameter);
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"error":"A parameter is invalid","code":"INVALID_PARAMETER"}"#
        );
        let details = Details::from(Map::from_iter([("field".to_owned(), json!("email"))]));
        assert_eq!(
            serde_json::to_string(&body.with_details(details)).unwrap(),
            r#"{"error":"A parameter is invalid","code":"INVALID_PARAMETER","details":{"field":"email"}}"#
        );
    }

    #[test]
    fn real_replies_round_trip_unchanged_with_the_members_the_envelope_does_not_cover() {
        let stripe = json!({"error": {"type": "card_error", "code": "card_declined", "decline_code": "generic_decline",
            "message": "Your card was declined.", "param": "", "doc_url": "https://stripe.com/docs/error-codes/card-declined"}});
        let body: ErrorBody<StripeCode> = serde_json::from_value(stripe.clone()).unwrap();
        assert_eq!(body.error_code(), Some(StripeCode::CardDeclined));
        assert_eq!(body.message.as_deref(), Some("Your card was declined."));
        assert_eq!(body.members["error"]["decline_code"], "generic_decline");
        assert_eq!(serde_json::to_value(&body).unwrap(), stripe);

        let google = json!({"error": {"code": 400, "message": "bad", "status": "INVALID_ARGUMENT",
            "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{"field": "name"}]}]}});
        let body: ErrorBody<GoogleCode> = serde_json::from_value(google.clone()).unwrap();
        let details = body.details.as_ref().and_then(Details::as_array).expect("an array");
        assert_eq!(details[0]["fieldViolations"][0]["field"], "name");
        assert_eq!(
            body.members,
            Map::from_iter([("error".to_owned(), json!({"code": 400}))])
        );
        assert_eq!(serde_json::to_value(&body).unwrap(), google);

        let rpc = json!({"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "1"});
        let body: ErrorBody<JsonRpcCode> = serde_json::from_value(rpc.clone()).unwrap();
        assert_eq!(
            (body.code.as_str(), body.error_code()),
            ("-32601", Some(JsonRpcCode::MethodNotFound))
        );
        assert_eq!(serde_json::to_value(&body).unwrap(), rpc);
        let unknown: ErrorBody<JsonRpcCode> =
            serde_json::from_value(json!({"error": {"code": 7, "message": "m"}})).unwrap();
        assert_eq!((unknown.code.as_str(), unknown.error_code()), ("7", None));

        let oauth = json!({"error": "invalid_request"});
        let body: ErrorBody<OAuthCode> = serde_json::from_value(oauth.clone()).unwrap();
        assert_eq!((body.message, body.details), (None, None));
    }

    #[test]
    fn bodies_without_the_envelope_s_code_or_with_parts_of_the_wrong_type_are_refused() {
        let refused = |json: Value| {
            serde_json::from_value::<ErrorBody<TestCode>>(json)
                .unwrap_err()
                .to_string()
        };
        assert!(refused(json!({"error": "no code"})).contains("no code at /code"));
        assert!(refused(json!({"code": 3})).contains("must be a string"));
        assert!(refused(json!({"code": "X", "error": 3})).contains("message must be a string"));
        assert!(refused(json!({"code": "X", "details": "text"})).contains("object or an array"));
        assert!(refused(json!([1])).contains("JSON object"));
        let rpc = serde_json::from_value::<ErrorBody<JsonRpcCode>>(json!({"error": {"code": "-32601"}}));
        assert!(rpc.unwrap_err().to_string().contains("must be an integer"));
        // A Stripe code where the flat body has it is not Stripe's.
        assert!(serde_json::from_value::<ErrorBody<StripeCode>>(json!({"code": "card_declined"})).is_err());
        // An integer catalogue's code must be an integer to be written.
        let mut body = ErrorBody::new(JsonRpcCode::MethodNotFound);
        body.code = "not a number".to_owned();
        assert!(serde_json::to_string(&body).is_err());
    }

    #[test]
    fn an_unknown_code_still_parses_and_details_are_read() {
        let json = r#"{"error": "e", "code": "NOT_IN_ANY_CATALOGUE_XYZ", "details": {"field": "email", "message": "required", "value": 3}}"#;
        let body: ErrorBody<TestCode> = serde_json::from_str(json).unwrap();
        assert_eq!(body.error_code(), None);
        let details = body.details.expect("details");
        assert_eq!((details.field(), details.message()), (Some("email"), Some("required")));
        assert_eq!(details.value(), Some(&json!(3)));
        assert_eq!(details.get("missing"), None);
        assert_eq!(details.as_map().map(Map::len), Some(3));
        assert_eq!(details.as_array(), None);
        let list = Details::try_from(json!([{"field": "a"}])).unwrap();
        assert_eq!((list.field(), list.as_array().map(Vec::len)), (None, Some(1)));
        assert_eq!(Details::try_from(json!(3)), Err(json!(3)));
        assert_eq!(Details::default().into_value(), json!({}));
    }
}
