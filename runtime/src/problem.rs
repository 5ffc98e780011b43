//! RFC 9457 problem details (`application/problem+json`) as an opt-in wire
//! format beside the catalogue's `{error, code, details}` body: same codes,
//! same catalogue, so a team can move to the standard without touching it.

use serde_json::{Map, Value};

use super::body::{Details, ErrorBody};
use super::catalogue::Catalogue;

/// The media type of a problem details body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The `type` of a problem that names no specific type (RFC 9457, 4.2.1).
const ABOUT_BLANK: &str = "about:blank";

/// An error reply in RFC 9457 form. `type` is the code's documentation link,
/// `title` its catalogue message; the machine-readable `code` and the
/// validation `errors` (each a `{field, message, value}` object) travel as
/// extension members. Unknown members are kept in `extensions`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProblemDetails {
    /// A URI reference naming the problem type: the code's doc link.
    #[serde(rename = "type", default = "about_blank")]
    pub type_uri: String,
    /// A short summary of the problem type: the code's catalogue message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The HTTP status of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// What went wrong in this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A URI reference naming this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Extension member: the catalogue's machine-readable code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Extension member: one entry per invalid field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Details>,
    /// Any other extension members, kept as sent.
    #[serde(flatten)]
    pub extensions: Map<String, Value>,
}

fn about_blank() -> String {
    ABOUT_BLANK.to_owned()
}

impl ProblemDetails {
    /// The problem a server sends for `code`: its doc link, message and status.
    pub fn new<C: Catalogue>(code: C) -> ProblemDetails {
        ProblemDetails {
            type_uri: code.doc_url().to_owned(),
            title: Some(code.message().to_owned()),
            status: Some(code.http_status()),
            detail: None,
            instance: None,
            code: Some(code.as_str().to_owned()),
            errors: Vec::new(),
            extensions: Map::new(),
        }
    }

    /// The same problem with what went wrong in this occurrence.
    pub fn with_detail(mut self, detail: impl Into<String>) -> ProblemDetails {
        self.detail = Some(detail.into());
        self
    }

    /// The same problem naming this occurrence (e.g. the request path or id).
    pub fn with_instance(mut self, instance: impl Into<String>) -> ProblemDetails {
        self.instance = Some(instance.into());
        self
    }

    /// The same problem with field errors attached.
    pub fn with_errors(mut self, errors: Vec<Details>) -> ProblemDetails {
        self.errors = errors;
        self
    }

    /// The typed code, when the problem carries one catalogue `C` knows.
    pub fn error_code<C: Catalogue>(&self) -> Option<C> {
        self.code.as_deref().and_then(C::from_code)
    }

    /// The same reply in the catalogue's own body: `error` is the detail (else
    /// the title); one field error becomes `details`, several go under
    /// `details.errors`.
    pub fn to_error_body(&self) -> ErrorBody {
        let details = match self.errors.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            many => {
                let list = many
                    .iter()
                    .map(|details| Value::Object(details.as_map().clone()))
                    .collect();
                Some(Details::from(Map::from_iter([(
                    "errors".to_owned(),
                    Value::Array(list),
                )])))
            }
        };
        ErrorBody {
            error: self.detail.clone().or_else(|| self.title.clone()).unwrap_or_default(),
            code: self.code.clone().unwrap_or_default(),
            details,
        }
    }

    /// The problem form of a catalogue body received with `status`; a code
    /// catalogue `C` knows supplies the doc link and title.
    pub fn from_error_body<C: Catalogue>(body: &ErrorBody, status: u16) -> ProblemDetails {
        let known = body.error_code::<C>();
        let errors = match &body.details {
            Some(details) if details.field().is_some() => vec![details.clone()],
            _ => Vec::new(),
        };
        ProblemDetails {
            type_uri: known.map_or_else(about_blank, |code| code.doc_url().to_owned()),
            title: Some(known.map_or_else(|| body.error.clone(), |code| code.message().to_owned())),
            status: Some(status),
            detail: Some(body.error.clone()),
            instance: None,
            code: Some(body.code.clone()),
            errors,
            extensions: Map::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::TestCode;
    use super::*;

    #[test]
    fn every_code_round_trips_through_problem_json() {
        for &code in TestCode::ALL {
            let problem = ProblemDetails::new(code).with_instance("/v1/things/7");
            let json = serde_json::to_string(&problem).unwrap();
            let parsed: ProblemDetails = serde_json::from_str(&json).unwrap();
            assert_eq!(parsed, problem);
            assert_eq!(parsed.error_code(), Some(code));
            assert_eq!(parsed.status, Some(code.http_status()));
            assert_eq!(parsed.type_uri, code.doc_url());
            assert_eq!(parsed.to_error_body().error_code(), Some(code));
        }
    }

    #[test]
    fn a_foreign_problem_keeps_its_members_and_maps_to_a_body() {
        let json = r#"{"title":"Out of credit","status":403,"detail":"Your balance is 30","code":"FUTURE_CODE",
            "errors":[{"field":"amount","message":"too high","value":50},{"field":"currency","message":"unknown"}],
            "balance":30}"#;
        let problem: ProblemDetails = serde_json::from_str(json).unwrap();
        assert_eq!(problem.type_uri, "about:blank");
        assert_eq!(problem.error_code::<TestCode>(), None);
        assert_eq!(problem.extensions["balance"], 30);
        let body = problem.to_error_body();
        assert_eq!(body.error, "Your balance is 30");
        assert_eq!(body.code, "FUTURE_CODE");
        let errors = body.details.unwrap();
        assert_eq!(errors.get("errors").and_then(Value::as_array).map(Vec::len), Some(2));
    }

    #[test]
    fn a_catalogue_body_becomes_a_problem_with_its_field_error() {
        let code = TestCode::ALL[0];
        let details = Details::from(Map::from_iter([("field".to_owned(), Value::from("email"))]));
        let body = ErrorBody::new(code).with_details(details.clone());
        let problem = ProblemDetails::from_error_body::<TestCode>(&body, code.http_status());
        assert_eq!(problem.type_uri, code.doc_url());
        assert_eq!(problem.errors, vec![details]);
        assert_eq!(problem.to_error_body(), body);
    }
}
