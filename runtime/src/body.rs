//! Feature `serde`: [`ErrorBody`], the JSON body of an error reply as the
//! catalogue defines it, and its [`Details`].

use serde_json::{Map, Value};

use super::catalogue::Catalogue;

/// The JSON body of every error reply of a catalogue's API: `{"error": …, "code": …, "details": …}`.
///
/// `code` stays a string so that a reply with a code the catalogue does not
/// know still parses; [`ErrorBody::error_code`] gives the typed code when there is one.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ErrorBody {
    /// Human-readable error message for developers
    pub error: String,
    /// Machine-readable error code for programmatic handling
    pub code: String,
    /// Additional context like field validation errors
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Details>,
}

impl ErrorBody {
    /// The body a server sends for `code`: its catalogue message, no details.
    pub fn new<C: Catalogue>(code: C) -> ErrorBody {
        ErrorBody {
            error: String::from(code.message()),
            code: String::from(code.as_str()),
            details: None,
        }
    }

    /// The same body with `details` attached.
    pub fn with_details(mut self, details: Details) -> ErrorBody {
        self.details = Some(details);
        self
    }

    /// The typed code, or `None` when the server sent one catalogue `C` does not know.
    pub fn error_code<C: Catalogue>(&self) -> Option<C> {
        C::from_code(&self.code)
    }
}

/// The `details` object of an error body: any JSON object, with typed access
/// to the validation trio `field`, `message` and `value`.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Details(Map<String, Value>);

impl Details {
    /// An empty object.
    pub fn new() -> Details {
        Details(Map::new())
    }

    /// The request field the error is about (`details.field`), if named.
    pub fn field(&self) -> Option<&str> {
        self.0.get("field").and_then(Value::as_str)
    }

    /// What is wrong with that field (`details.message`), if given.
    pub fn message(&self) -> Option<&str> {
        self.0.get("message").and_then(Value::as_str)
    }

    /// The rejected value (`details.value`), if the server echoed it.
    pub fn value(&self) -> Option<&Value> {
        self.0.get("value")
    }

    /// Any member of the object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// The whole object.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.0
    }

    /// The whole object, by value.
    pub fn into_map(self) -> Map<String, Value> {
        self.0
    }
}

impl From<Map<String, Value>> for Details {
    fn from(map: Map<String, Value>) -> Details {
        Details(map)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::TestCode;
    use super::*;

    #[test]
    fn every_code_s_body_round_trips_with_its_typed_code() {
        for &code in TestCode::ALL {
            let body = ErrorBody::new(code);
            let json = serde_json::to_string(&body).unwrap();
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(
                value,
                serde_json::json!({"error": code.message(), "code": code.as_str()})
            );
            let parsed: ErrorBody = serde_json::from_str(&json).unwrap();
            assert_eq!(parsed, body);
            assert_eq!(parsed.error_code(), Some(code));
        }
    }

    #[test]
    fn an_unknown_code_still_parses_and_details_are_read() {
        let json = r#"{"error": "e", "code": "NOT_IN_ANY_CATALOGUE_XYZ", "details": {"field": "email", "message": "required", "value": 3}}"#;
        let body: ErrorBody = serde_json::from_str(json).unwrap();
        assert_eq!(body.error_code::<TestCode>(), None);
        let details = body.details.expect("details");
        assert_eq!((details.field(), details.message()), (Some("email"), Some("required")));
        assert_eq!(details.value(), Some(&serde_json::json!(3)));
        assert_eq!(details.get("missing"), None);
        assert_eq!(details.into_map().len(), 3);
    }
}
