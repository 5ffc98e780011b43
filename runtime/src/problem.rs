//! RFC 9457 problem details (`application/problem+json`) as an opt-in wire
//! format beside the catalogue's own body (laid out by its `wire:`): same
//! codes, same catalogue, so a team can move to the standard without
//! touching it.

use core::marker::PhantomData;

use serde::de::Error as _;
use serde::ser::Error as _;
use serde_json::{Map, Value};

use super::body::{Details, ErrorBody};
use super::catalogue::Catalogue;
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
    /// the message is the detail (else the title); one field error becomes
    /// the details, several go under `errors` in the details (the flat
    /// shapes that [`ValidationError`](super::views::ValidationError) reads
    /// by default).
    pub fn to_error_body(&self) -> ErrorBody<C> {
        let details = match self.errors.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            many => {
                let list = many.iter().map(|details| details.as_value().clone()).collect();
                Some(Details::from(Map::from_iter([(
                    "errors".to_owned(),
                    Value::Array(list),
                )])))
            }
        };
        let message = self.detail.clone().or_else(|| self.title.clone());
        let body = ErrorBody::with_code(self.code.clone().unwrap_or_default(), message);
        match details {
            Some(details) => body.with_details(details),
            None => body,
        }
    }

    /// The problem form of a catalogue body received with `status`; a code
    /// catalogue `C` knows supplies the doc link and title. Details that are
    /// one `{field, …}` object become the one field error.
    pub fn from_error_body(body: &ErrorBody<C>, status: u16) -> ProblemDetails<C> {
        let known = body.error_code();
        let errors = match &body.details {
            Some(details) if details.field().is_some() => vec![details.clone()],
            _ => Vec::new(),
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
}
