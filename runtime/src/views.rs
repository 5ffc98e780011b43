//! Typed views of an [`ApiError`] for the two recoveries that need more than
//! a retry: signing in again, and showing the user what to fix.

use super::api_error::ApiError;
use super::catalogue::Catalogue;
use super::json::JsonValue;
use super::kind::ErrorKind;

/// An authentication or authorization failure ([`ErrorKind::ReAuthenticate`]
/// or [`ErrorKind::Auth`]), from [`ApiError::as_auth`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AuthError<'a, C: Catalogue> {
    error: &'a ApiError<C>,
}

impl<'a, C: Catalogue> AuthError<'a, C> {
    pub(crate) fn of(error: &'a ApiError<C>) -> Option<AuthError<'a, C>> {
        matches!(error.kind(), ErrorKind::ReAuthenticate | ErrorKind::Auth).then_some(AuthError { error })
    }

    /// Whether the user must go through sign-in again; otherwise the
    /// credentials or permissions themselves are wrong.
    pub fn requires_reauth(&self) -> bool {
        self.error.requires_reauth()
    }

    /// The code, when known.
    pub fn code(&self) -> Option<C> {
        self.error.code()
    }

    /// The whole error.
    pub fn error(&self) -> &'a ApiError<C> {
        self.error
    }
}

/// A request the server refused as invalid ([`ErrorKind::Validation`]), from
/// [`ApiError::as_validation`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidationError<'a, C: Catalogue> {
    error: &'a ApiError<C>,
}

impl<'a, C: Catalogue> ValidationError<'a, C> {
    pub(crate) fn of(error: &'a ApiError<C>) -> Option<ValidationError<'a, C>> {
        (error.kind() == ErrorKind::Validation).then_some(ValidationError { error })
    }

    /// The code, when known.
    pub fn code(&self) -> Option<C> {
        self.error.code()
    }

    /// The whole error.
    pub fn error(&self) -> &'a ApiError<C> {
        self.error
    }

    /// Each field the server complained about, in the order it listed them.
    ///
    /// Accepted shapes of `details`, where an entry is an object with a
    /// `field` or a `message` string and an optional `value`:
    /// - `details` is one entry: `{"field": "email", "message": "required"}`;
    /// - `details.errors` or `details.fields` is an array of entries;
    /// - `details` itself is an array of entries.
    ///
    /// Array elements that are not entries are skipped; any other `details`
    /// gives no field errors.
    pub fn field_errors(&self) -> Vec<FieldError<'a>> {
        let Some(details) = self.error.details() else {
            return Vec::new();
        };
        let list = details
            .as_array()
            .or_else(|| details.get("errors").and_then(JsonValue::as_array))
            .or_else(|| details.get("fields").and_then(JsonValue::as_array));
        match list {
            Some(entries) => entries.iter().filter_map(FieldError::read).collect(),
            None => FieldError::read(details).into_iter().collect(),
        }
    }
}

/// One field the server rejected: `field`, `message` and `value` of an entry
/// in `details`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldError<'a> {
    field: Option<&'a str>,
    message: Option<&'a str>,
    value: Option<&'a JsonValue>,
}

impl<'a> FieldError<'a> {
    fn read(entry: &'a JsonValue) -> Option<FieldError<'a>> {
        let field = entry.get("field").and_then(JsonValue::as_str);
        let message = entry.get("message").and_then(JsonValue::as_str);
        let value = entry.get("value");
        (field.is_some() || message.is_some()).then_some(FieldError { field, message, value })
    }

    /// The request field, e.g. `email`, to highlight in the UI.
    pub fn field(&self) -> Option<&'a str> {
        self.field
    }

    /// What is wrong with it, to show next to it.
    pub fn message(&self) -> Option<&'a str> {
        self.message
    }

    /// The rejected value, when the server echoed it.
    pub fn value(&self) -> Option<&'a JsonValue> {
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::TestCode;
    use super::*;

    type ApiError = super::ApiError<TestCode>;

    fn read(status: u16, body: &str) -> ApiError {
        ApiError::from_parts(status, &[], body.as_bytes())
    }

    fn fields(body: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
        let err = read(422, body);
        let validation = err.as_validation().expect("a 422 is a validation error");
        validation
            .field_errors()
            .iter()
            .map(|e| {
                (
                    e.field().map(str::to_owned),
                    e.message().map(str::to_owned),
                    e.value().map(|v| v.to_string()),
                )
            })
            .collect()
    }

    fn entry(field: &str, message: &str, value: Option<&str>) -> (Option<String>, Option<String>, Option<String>) {
        (
            Some(field.to_owned()),
            Some(message.to_owned()),
            value.map(str::to_owned),
        )
    }

    #[test]
    fn one_entry_in_details() {
        assert_eq!(
            fields(r#"{"error": "e", "code": "C", "details": {"field": "email", "message": "required", "value": ""}}"#),
            [entry("email", "required", Some("\"\""))]
        );
        let only_field = fields(r#"{"error": "e", "code": "C", "details": {"field": "name"}}"#);
        assert_eq!(only_field, [(Some("name".to_owned()), None, None)]);
    }

    #[test]
    fn many_entries_under_errors_fields_or_as_details() {
        let list =
            r#"[{"field": "a", "message": "m1", "value": 1}, "junk", {"other": 2}, {"field": "b", "message": "m2"}]"#;
        let expected = [entry("a", "m1", Some("1")), entry("b", "m2", None)];
        for details in [
            format!(r#"{{"errors": {list}}}"#),
            format!(r#"{{"fields": {list}}}"#),
            list.to_owned(),
        ] {
            assert_eq!(
                fields(&format!(r#"{{"error": "e", "code": "C", "details": {details}}}"#)),
                expected,
                "{details}"
            );
        }
    }

    #[test]
    fn no_usable_details_gives_no_field_errors() {
        for body in [
            "",
            "<html>",
            r#"{"error": "e"}"#,
            r#"{"error": "e", "details": 5}"#,
            r#"{"error": "e", "details": {"x": 1}}"#,
        ] {
            assert_eq!(fields(body), [], "{body}");
        }
    }

    #[test]
    fn views_follow_the_route() {
        for status in [400, 422] {
            assert!(read(status, "").as_validation().is_some());
            assert!(read(status, "").as_auth().is_none());
        }
        for status in [401, 403] {
            let err = read(status, "");
            let auth = err.as_auth().expect("an auth error");
            assert!(!auth.requires_reauth());
            assert_eq!(auth.code(), None);
            assert!(err.as_validation().is_none());
        }
        for status in [404, 429, 500, 503] {
            assert!(read(status, "").as_auth().is_none() && read(status, "").as_validation().is_none());
        }
        for &code in TestCode::ALL.iter().filter(|code| code.requires_reauth()) {
            let err = read(
                code.http_status(),
                &format!(r#"{{"error": "e", "code": "{}"}}"#, code.as_str()),
            );
            let auth = err.as_auth().expect("a re-auth code is an auth error");
            assert!(auth.requires_reauth());
            assert_eq!(auth.code(), Some(code));
            assert_eq!(auth.error(), &err);
        }
    }
}
