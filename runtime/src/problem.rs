//! RFC 9457 problem details (`application/problem+json`) as an opt-in wire
//! format beside the catalogue's own body (laid out by its `wire:`): same
//! codes, same catalogue, so a team can move to the standard without
//! touching it.

use core::marker::PhantomData;

use serde::de::Error as _;
use serde::ser::Error as _;
use serde_json::{Map, Value};

use super::body::{Details, ErrorBody};
use super::catalogue::{Catalogue, FieldErrorsAt};
use super::envelope;

/// The media type of a problem details body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The `type` of a problem that names no specific type (RFC 9457, 4.2.1).
const ABOUT_BLANK: &str = "about:blank";

/// An error reply of catalogue `C`'s API in RFC 9457 form. `type` is the
/// code's documentation link, `title` its catalogue message; the
/// machine-readable `code` (a JSON number in an integer catalogue) and the
/// validation `errors` (each a `{field, message, value}` object) travel as
/// extension members. Unknown members are kept in `extensions`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProblemDetails<C: Catalogue> {
    /// A URI reference naming the problem type: the code's doc link.
    pub type_uri: String,
    /// A short summary of the problem type: the code's catalogue message.
    pub title: Option<String>,
    /// The HTTP status of this occurrence.
    pub status: Option<u16>,
    /// What went wrong in this occurrence.
    pub detail: Option<String>,
    /// A URI reference naming this occurrence.
    pub instance: Option<String>,
    /// Extension member: the catalogue's machine-readable code, as text (an
    /// integer code's decimal text).
    pub code: Option<String>,
    /// Extension member: one entry per invalid field.
    pub errors: Vec<Details>,
    /// Any other extension members, kept as sent.
    pub extensions: Map<String, Value>,
    catalogue: PhantomData<fn() -> C>,
}

/// The problem's members as JSON carries them: the code as the catalogue
/// sends it (a string, or a number in an integer catalogue).
#[derive(serde::Serialize, serde::Deserialize)]
struct ProblemJson {
    #[serde(rename = "type", default = "about_blank")]
    type_uri: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    instance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    errors: Vec<Details>,
    #[serde(flatten)]
    extensions: Map<String, Value>,
}

fn about_blank() -> String {
    ABOUT_BLANK.to_owned()
}

impl<C: Catalogue> ProblemDetails<C> {
    /// The problem a server sends for `code`: its doc link, message and status.
    pub fn new(code: C) -> ProblemDetails<C> {
        ProblemDetails {
            type_uri: code.doc_url().to_owned(),
            title: Some(code.message().to_owned()),
            status: Some(code.http_status()),
            detail: None,
            instance: None,
            code: Some(code.as_str().to_owned()),
            errors: Vec::new(),
            extensions: Map::new(),
            catalogue: PhantomData,
        }
    }

    /// The same problem with what went wrong in this occurrence.
    pub fn with_detail(mut self, detail: impl Into<String>) -> ProblemDetails<C> {
        self.detail = Some(detail.into());
        self
    }

    /// The same problem naming this occurrence (e.g. the request path or id).
    pub fn with_instance(mut self, instance: impl Into<String>) -> ProblemDetails<C> {
        self.instance = Some(instance.into());
        self
    }

    /// The same problem with field errors attached.
    pub fn with_errors(mut self, errors: Vec<Details>) -> ProblemDetails<C> {
        self.errors = errors;
        self
    }

    /// The typed code, when the problem carries one catalogue `C` knows.
    pub fn error_code(&self) -> Option<C> {
        self.code.as_deref().and_then(C::from_code)
    }

    /// The same reply in the catalogue's own body, laid out by its envelope:
    /// the message is the detail (else the title). The field errors go where
    /// the catalogue's `wire.field_errors` says (see [`FieldErrorsAt`]: the
    /// last `*` of its pointer holds one element per error, an earlier `*`
    /// one element, and without a `*` only the first error has a place);
    /// without it, in the flat shapes the validation view reads by default:
    /// one error is the details, several go under `errors` in the details.
    pub fn to_error_body(&self) -> ErrorBody<C> {
        let message = self.detail.clone().or_else(|| self.title.clone());
        let body = ErrorBody::with_code(self.code.clone().unwrap_or_default(), message);
        let Some(at) = C::WIRE.field_errors.filter(|_| !self.errors.is_empty()) else {
            return match self.flat_details() {
                Some(details) => body.with_details(details),
                None => body,
            };
        };
        let entries = self.errors.iter().map(|error| entry_of(&at, error)).collect();
        let Some(mut value) = body.to_value() else {
            return body;
        };
        if let Some(keys) = super::json::pointer_keys(at.entries) {
            place_entries(&mut value, &keys, entries);
        }
        // The envelope's parts win over the entries' members at their place.
        let code = envelope::code_value(&C::WIRE, &body.code).unwrap_or(Value::Null);
        envelope::place_reply_parts(&C::WIRE, &mut value, code, body.message.as_deref(), None);
        ErrorBody::from_value(value).unwrap_or(body)
    }

    /// The field errors in the flat shapes: one is the details, several go
    /// under `errors` in the details.
    fn flat_details(&self) -> Option<Details> {
        match self.errors.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            many => {
                let list = many.iter().map(|details| details.as_value().clone()).collect();
                Some(Details::from(Map::from_iter([(
                    "errors".to_owned(),
                    Value::Array(list),
                )])))
            }
        }
    }

    /// The problem form of a catalogue body received with `status`; a code
    /// catalogue `C` knows supplies the doc link and title. The field errors
    /// are read where `wire.field_errors` says (each entry whose field member
    /// is a string), else from details that are one `{field, …}` object.
    pub fn from_error_body(body: &ErrorBody<C>, status: u16) -> ProblemDetails<C> {
        let known = body.error_code();
        let errors = match (C::WIRE.field_errors, body.to_value()) {
            (Some(at), Some(value)) => read_entries(&at, &value),
            _ => match &body.details {
                Some(details) if details.field().is_some() => vec![details.clone()],
                _ => Vec::new(),
            },
        };
        let message = body.message.clone();
        ProblemDetails {
            type_uri: known.map_or_else(about_blank, |code| code.doc_url().to_owned()),
            title: known.map(|code| code.message().to_owned()).or_else(|| message.clone()),
            status: Some(status),
            detail: message,
            instance: None,
            code: Some(body.code.clone()),
            errors,
            extensions: Map::new(),
            catalogue: PhantomData,
        }
    }
}

/// A problem's field error (`{field, message, value}`) as an entry of the
/// catalogue's field errors, under the member names it gives.
fn entry_of(at: &FieldErrorsAt, error: &Details) -> Value {
    let mut entry = Map::new();
    let members = [
        (Some(at.field), error.field().map(Value::from)),
        (at.message, error.message().map(Value::from)),
        (at.value, error.value().cloned()),
    ];
    for (name, value) in members {
        if let (Some(name), Some(value)) = (name, value) {
            entry.insert(name.to_owned(), value);
        }
    }
    Value::Object(entry)
}

/// Puts `entries` where `keys` (of a [`FieldErrorsAt`] pointer) lead: at
/// the last `*`, one array element per entry; at an earlier `*`, one
/// element holding them all; at the end, the first entry's members.
fn place_entries(at: &mut Value, keys: &[String], mut entries: Vec<Value>) {
    let Some((key, rest)) = keys.split_first() else {
        if let (Some(Value::Object(first)), Some(place)) = (entries.first_mut(), object_of(at)) {
            place.append(first);
        }
        return;
    };
    if key != "*" {
        if let Some(place) = object_of(at) {
            let next = place.entry(key.clone()).or_insert_with(|| Value::Object(Map::new()));
            place_entries(next, rest, entries);
        }
        return;
    }
    let elements = if rest.iter().any(|key| key == "*") {
        let mut element = Value::Object(Map::new());
        place_entries(&mut element, rest, entries);
        vec![element]
    } else {
        let each = entries.drain(..).map(|entry| {
            let mut element = Value::Object(Map::new());
            place_entries(&mut element, rest, vec![entry]);
            element
        });
        each.collect()
    };
    *at = Value::Array(elements);
}

/// `value` as an object to put members in: itself, or a new one in place of `null`.
fn object_of(value: &mut Value) -> Option<&mut Map<String, Value>> {
    if value.is_null() {
        *value = Value::Object(Map::new());
    }
    value.as_object_mut()
}

/// The field errors of `body` where `at` says: every entry (a `*` key
/// standing for every element of an array) whose field member is a string,
/// as a `{field, message, value}` object.
fn read_entries(at: &FieldErrorsAt, body: &Value) -> Vec<Details> {
    let mut found = Vec::new();
    if let Some(keys) = super::json::pointer_keys(at.entries) {
        collect_entries(body, &keys, &mut found);
    }
    found
        .into_iter()
        .filter_map(|entry| {
            let field = entry.get(at.field)?.as_str()?;
            let mut error = Map::from_iter([("field".to_owned(), Value::from(field))]);
            let message = at
                .message
                .and_then(|name| entry.get(name))
                .filter(|message| message.is_string());
            if let Some(message) = message {
                error.insert("message".to_owned(), message.clone());
            }
            if let Some(value) = at.value.and_then(|name| entry.get(name)) {
                error.insert("value".to_owned(), value.clone());
            }
            Some(Details::from(error))
        })
        .collect()
}

/// Every object `keys` lead to from `at`, a `*` key walking each element of an array.
fn collect_entries<'v>(at: &'v Value, keys: &[String], found: &mut Vec<&'v Map<String, Value>>) {
    match (keys.split_first(), at) {
        (None, Value::Object(entry)) => found.push(entry),
        (Some((key, rest)), Value::Array(items)) if key == "*" => {
            for item in items {
                collect_entries(item, rest, found);
            }
        }
        (Some((key, rest)), Value::Object(members)) => {
            if let Some(next) = members.get(key) {
                collect_entries(next, rest, found);
            }
        }
        _ => {}
    }
}

impl<C: Catalogue> serde::Serialize for ProblemDetails<C> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let code = match &self.code {
            None => None,
            Some(text) => Some(
                envelope::code_value(&C::WIRE, text)
                    .ok_or_else(|| S::Error::custom(format!("the code {text:?} is not an integer")))?,
            ),
        };
        let json = ProblemJson {
            type_uri: self.type_uri.clone(),
            title: self.title.clone(),
            status: self.status,
            detail: self.detail.clone(),
            instance: self.instance.clone(),
            code,
            errors: self.errors.clone(),
            extensions: self.extensions.clone(),
        };
        json.serialize(serializer)
    }
}

impl<'de, C: Catalogue> serde::Deserialize<'de> for ProblemDetails<C> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ProblemDetails<C>, D::Error> {
        let json = ProblemJson::deserialize(deserializer)?;
        let code = match json.code {
            None | Some(Value::Null) => None,
            Some(value) => Some(envelope::code_text(&C::WIRE, &value).ok_or_else(|| {
                let kind = if C::WIRE.integer_code { "an integer" } else { "a string" };
                D::Error::custom(format!("the problem's code must be {kind}, not {value}"))
            })?),
        };
        Ok(ProblemDetails {
            type_uri: json.type_uri,
            title: json.title,
            status: json.status,
            detail: json.detail,
            instance: json.instance,
            code,
            errors: json.errors,
            extensions: json.extensions,
            catalogue: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{AwsCode, GoogleCode, JsonRpcCode, OAuthCode, StripeCode, TestCode};
    use super::*;
    use serde_json::json;

    /// Every code's problem round-trips through its JSON and converts to the
    /// catalogue's body, which the envelope lays out and reads back.
    fn every_code_round_trips_through_problem_json_in<C: Catalogue>() {
        for &code in C::ALL {
            let problem = ProblemDetails::new(code).with_instance("/v1/things/7");
            let json = serde_json::to_string(&problem).unwrap();
            let parsed: ProblemDetails<C> = serde_json::from_str(&json).unwrap();
            assert_eq!(parsed, problem);
            assert_eq!(parsed.error_code(), Some(code));
            assert_eq!(parsed.status, Some(code.http_status()));
            assert_eq!(parsed.type_uri, code.doc_url());
            let body = parsed.to_error_body();
            assert_eq!(body, ErrorBody::new(code));
            let written = serde_json::to_string(&body).unwrap();
            let read = super::super::api_error::ApiError::<C>::from_parts(code.http_status(), &[], written.as_bytes());
            assert_eq!(read.code(), Some(code), "{written}");
            let message = C::WIRE.message.map(|_| code.message());
            assert_eq!(read.message(), message, "{written}");
            assert_eq!(
                ProblemDetails::from_error_body(&body, code.http_status()).error_code(),
                Some(code)
            );
        }
    }

    #[test]
    fn every_code_of_every_test_catalogue_round_trips_through_problem_json() {
        every_code_round_trips_through_problem_json_in::<TestCode>();
        every_code_round_trips_through_problem_json_in::<OAuthCode>();
        every_code_round_trips_through_problem_json_in::<GoogleCode>();
        every_code_round_trips_through_problem_json_in::<StripeCode>();
        every_code_round_trips_through_problem_json_in::<JsonRpcCode>();
        every_code_round_trips_through_problem_json_in::<AwsCode>();
    }

    #[test]
    fn an_integer_catalogue_s_code_member_is_a_json_number() {
        let problem = ProblemDetails::new(JsonRpcCode::MethodNotFound);
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["code"], json!(-32601));
        let string_code = json!({"title": "t", "code": "-32601"});
        assert!(serde_json::from_value::<ProblemDetails<JsonRpcCode>>(string_code).is_err());
        let mut unwritable = problem;
        unwritable.code = Some("abc".to_owned());
        assert!(serde_json::to_string(&unwritable).is_err());
        assert_eq!(
            serde_json::to_value(ProblemDetails::new(TestCode::Forbidden)).unwrap()["code"],
            "FORBIDDEN"
        );
    }

    #[test]
    fn a_foreign_problem_keeps_its_members_and_maps_to_a_body() {
        let json = r#"{"title":"Out of credit","status":403,"detail":"Your balance is 30","code":"FUTURE_CODE",
            "errors":[{"field":"amount","message":"too high","value":50},{"field":"currency","message":"unknown"}],
            "balance":30}"#;
        let problem: ProblemDetails<TestCode> = serde_json::from_str(json).unwrap();
        assert_eq!(problem.type_uri, "about:blank");
        assert_eq!(problem.error_code(), None);
        assert_eq!(problem.extensions["balance"], 30);
        let body = problem.to_error_body();
        assert_eq!(body.message.as_deref(), Some("Your balance is 30"));
        assert_eq!(body.code, "FUTURE_CODE");
        let errors = body.details.unwrap();
        assert_eq!(errors.get("errors").and_then(Value::as_array).map(Vec::len), Some(2));
    }

    #[test]
    fn a_catalogue_body_becomes_a_problem_with_its_field_error() {
        let code = TestCode::ALL[0];
        let details = Details::from(Map::from_iter([("field".to_owned(), Value::from("email"))]));
        let body = ErrorBody::new(code).with_details(details.clone());
        let problem = ProblemDetails::from_error_body(&body, code.http_status());
        assert_eq!(problem.type_uri, code.doc_url());
        assert_eq!(problem.errors, vec![details]);
        assert_eq!(problem.to_error_body(), body);
    }

    #[test]
    fn a_nested_body_becomes_a_problem_and_back_in_its_own_envelope() {
        let google: ErrorBody<GoogleCode> = serde_json::from_value(json!({"error": {"code": 429,
            "message": "Quota exceeded", "status": "RESOURCE_EXHAUSTED"}}))
        .unwrap();
        let problem = ProblemDetails::from_error_body(&google, 429);
        assert_eq!(problem.detail.as_deref(), Some("Quota exceeded"));
        assert_eq!(problem.title.as_deref(), Some(GoogleCode::ResourceExhausted.message()));
        let back = serde_json::to_value(problem.to_error_body()).unwrap();
        assert_eq!(
            back,
            json!({"error": {"code": 429, "message": "Quota exceeded", "status": "RESOURCE_EXHAUSTED"}})
        );
    }

    #[test]
    fn field_errors_go_where_the_catalogue_says_and_are_read_back_from_there() {
        let errors = vec![
            Details::try_from(json!({"field": "name", "message": "required"})).unwrap(),
            Details::try_from(json!({"field": "age", "message": "too low", "value": -1})).unwrap(),
        ];
        let problem = ProblemDetails::new(GoogleCode::InvalidArgument).with_errors(errors.clone());
        let body = problem.to_error_body();
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"error": {"code": 400, "status": "INVALID_ARGUMENT", "message": "Invalid argument",
                "details": [{"fieldViolations": [{"field": "name", "description": "required"},
                    {"field": "age", "description": "too low"}]}]}})
        );
        let back = ProblemDetails::from_error_body(&body, 400);
        let without_values = vec![
            errors[0].clone(),
            Details::try_from(json!({"field": "age", "message": "too low"})).unwrap(),
        ];
        assert_eq!(back.errors, without_values, "Google's entries carry no value");

        // Stripe has one place for one field error: the error object's `param`.
        let problem = ProblemDetails::new(StripeCode::CardDeclined)
            .with_detail("Your card was declined.")
            .with_errors(errors.clone());
        let body = serde_json::to_value(problem.to_error_body()).unwrap();
        assert_eq!(body["error"]["param"], "name");
        assert_eq!(
            body["error"]["message"], "Your card was declined.",
            "the envelope's message wins"
        );
        let body: ErrorBody<StripeCode> = serde_json::from_value(body).unwrap();
        let back = ProblemDetails::from_error_body(&body, 402);
        assert_eq!(
            back.errors.iter().map(Details::field).collect::<Vec<_>>(),
            [Some("name")]
        );
        // An entry without its field member as a string is no field error.
        let body: ErrorBody<StripeCode> =
            serde_json::from_value(json!({"error": {"code": "card_declined", "message": "m"}})).unwrap();
        assert_eq!(ProblemDetails::from_error_body(&body, 402).errors, vec![]);
    }
}
