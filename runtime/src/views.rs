//! Typed views of an [`ApiError`] for the two recoveries that need more than
//! a retry: signing in again, and showing the user what to fix.

use super::api_error::ApiError;
use super::catalogue::{Catalogue, FieldErrorsAt};
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
///
/// Field errors are read only through this view, on the validation route: a
/// reply on another route may name a request field too (a Stripe
/// `card_declined` with a `param`), but there is nothing for the user to fix
/// in it.
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
    /// When the catalogue says where they are (`wire.field_errors`,
    /// [`FieldErrorsAt`]), each value its `entries` pattern names (a `*` key
    /// standing for every element of an array) is an entry when its `field`
    /// member is a string; its `message` member, when a string, and its
    /// `value` member are read too. Google's
    /// `/error/details/*/fieldViolations/*` with `field` and `description`
    /// reads every violation of every `BadRequest` detail; Stripe's `/error`
    /// with `param` reads the one parameter its error names. Values that are
    /// not entries, and a `*` over anything but an array, give nothing.
    ///
    /// Otherwise the entries are read from `details`, in these shapes, where
    /// an entry is an object with a `field` or a `message` string and an
    /// optional `value`:
    /// - `details` is one entry: `{"field": "email", "message": "required"}`;
    /// - `details.errors` or `details.fields` is an array of entries;
    /// - `details` itself is an array of entries.
    ///
    /// Array elements that are not entries are skipped; any other `details`
    /// gives no field errors.
    pub fn field_errors(&self) -> Vec<FieldError<'a>> {
        if let Some(members) = C::WIRE.field_errors {
            let entries = self.error.field_error_entries().into_iter();
            return entries
                .map(|entry| FieldError::read(entry, &members))
                .filter(|error| error.field.is_some())
                .collect();
        }
        let Some(details) = self.error.details() else {
            return Vec::new();
        };
        let list = details
            .as_array()
            .or_else(|| details.get("errors").and_then(JsonValue::as_array))
            .or_else(|| details.get("fields").and_then(JsonValue::as_array));
        let entries = match list {
            Some(entries) => entries,
            None => std::slice::from_ref(details),
        };
        entries
            .iter()
            .map(|entry| FieldError::read(entry, &DEFAULT_MEMBERS))
            .filter(|error| error.field.is_some() || error.message.is_some())
            .collect()
    }
}

/// The members of an entry in the default shapes of `details`.
const DEFAULT_MEMBERS: FieldErrorsAt = FieldErrorsAt {
    entries: "/details",
    field: "field",
    message: Some("message"),
    value: Some("value"),
};

/// One field the server rejected: the field, message and value members of an
/// entry (`field`, `message` and `value` in `details` by default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldError<'a> {
    field: Option<&'a str>,
    message: Option<&'a str>,
    value: Option<&'a JsonValue>,
}

impl<'a> FieldError<'a> {
    /// The members `members` names in `entry`, each when it is there (and,
    /// for the field and message, a string).
    fn read(entry: &'a JsonValue, members: &FieldErrorsAt) -> FieldError<'a> {
        let text = |name: Option<&str>| name.and_then(|name| entry.get(name)).and_then(JsonValue::as_str);
        FieldError {
            field: text(Some(members.field)),
            message: text(members.message),
            value: members.value.and_then(|name| entry.get(name)),
        }
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

    /// Replies of APIs whose catalogue says where their field errors are.
    mod wire_field_errors {
        use super::super::super::api_error::ApiError;
        use super::super::super::catalogue::Catalogue;
        use super::super::super::json::MAX_VALUES;
        use super::super::super::testing::{GoogleCode, StripeCode};

        /// A field error as (field, message, value as JSON).
        type Row = (String, Option<String>, Option<String>);

        /// Each field error, or `None` when the reply is not a validation error.
        fn fields<C: Catalogue>(error: &ApiError<C>) -> Option<Vec<Row>> {
            let view = error.as_validation()?;
            let read = view.field_errors();
            let owned = read.iter().map(|e| {
                let field = e.field().expect("a wire field error has its field").to_owned();
                (
                    field,
                    e.message().map(str::to_owned),
                    e.value().map(ToString::to_string),
                )
            });
            Some(owned.collect())
        }

        fn google(body: &str) -> ApiError<GoogleCode> {
            ApiError::from_parts(400, &[], body.as_bytes())
        }

        fn violation(field: &str, description: &str) -> Row {
            (field.to_owned(), Some(description.to_owned()), None)
        }

        const ERROR_INFO: &str = r#"{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "FIELD_INVALID", "domain": "example.googleapis.com"}"#;

        #[test]
        fn google_field_violations_are_read_from_every_bad_request_detail() {
            let body = format!(
                r#"{{"error": {{"code": 400, "message": "bad", "status": "INVALID_ARGUMENT", "details": [{ERROR_INFO}, {{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{{"field": "book.name", "description": "required"}}, {{"field": "book.isbn", "description": "13 digits", "reason": "X"}}]}}, {{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{{"field": "shelf"}}]}}]}}}}"#
            );
            let error = google(&body);
            assert_eq!(error.code(), Some(GoogleCode::InvalidArgument));
            assert_eq!(
                fields(&error),
                Some(vec![
                    violation("book.name", "required"),
                    violation("book.isbn", "13 digits"),
                    ("shelf".to_owned(), None, None),
                ])
            );
        }

        #[test]
        fn only_objects_with_a_string_field_are_field_errors() {
            let body = r#"{"error": {"status": "INVALID_ARGUMENT", "details": [{"fieldViolations": [1, "x", null, [], {"field": 3, "description": "number"}, {"description": "no field"}, {"field": "ok", "description": 5}]}]}}"#;
            assert_eq!(fields(&google(body)), Some(vec![("ok".to_owned(), None, None)]));
        }

        #[test]
        fn a_star_over_anything_but_an_array_gives_no_field_errors() {
            for details in [
                r#"{"fieldViolations": [{"field": "a"}]}"#,
                r#"[{"fieldViolations": {"field": "a"}}]"#,
                r#"[{"fieldViolations": "a"}]"#,
                r#""text""#,
            ] {
                let body = format!(r#"{{"error": {{"status": "INVALID_ARGUMENT", "details": {details}}}}}"#);
                assert_eq!(fields(&google(&body)), Some(vec![]), "{details}");
            }
        }

        #[test]
        fn field_violations_over_the_value_budget_are_left_out_with_the_details() {
            let violation = r#"{"field": "f"}"#;
            let list = |count: usize| vec![violation; count].join(",");
            let body = |count: usize| {
                format!(
                    r#"{{"error": {{"status": "INVALID_ARGUMENT", "message": "m", "details": [{{"fieldViolations": [{}]}}]}}}}"#,
                    list(count)
                )
            };
            // Each violation is two values (the object and its string).
            let within = google(&body(MAX_VALUES / 2 - 4));
            assert_eq!(fields(&within).map(|read| read.len()), Some(MAX_VALUES / 2 - 4));
            let over = google(&body(MAX_VALUES));
            assert_eq!(
                (over.code(), over.message()),
                (Some(GoogleCode::InvalidArgument), Some("m"))
            );
            assert_eq!((over.details(), fields(&over)), (None, Some(vec![])));
        }

        #[test]
        fn a_body_cut_inside_the_violations_keeps_its_code_but_no_field_errors() {
            let body = format!(
                r#"{{"error": {{"code": 400, "status": "INVALID_ARGUMENT", "details": [{ERROR_INFO}, {{"fieldViolations": [{{"field": "a", "description": "d"}}]}}]}}}}"#
            );
            let cut = body.find(r#""description""#).expect("in the body");
            let error = ApiError::<GoogleCode>::from_parts_limited(400, &[], body.as_bytes(), cut);
            assert!(error.body_truncated());
            assert_eq!(
                (error.code(), fields(&error)),
                (Some(GoogleCode::InvalidArgument), Some(vec![]))
            );
        }

        fn stripe(status: u16, body: &str) -> ApiError<StripeCode> {
            ApiError::from_parts(status, &[], body.as_bytes())
        }

        #[test]
        fn stripe_s_param_is_the_one_field_error_of_an_invalid_request() {
            let missing = stripe(
                400,
                r#"{"error": {"code": "parameter_missing", "message": "Missing required param: amount.", "param": "amount", "type": "invalid_request_error"}}"#,
            );
            assert_eq!(
                fields(&missing),
                Some(vec![(
                    "amount".to_owned(),
                    Some("Missing required param: amount.".to_owned()),
                    None
                )])
            );
            // Without a param, or with one that is not a string, nothing.
            for error in [r#"{"code": "x", "message": "m"}"#, r#"{"param": 3}"#, r#""text""#, "[]"] {
                let reply = stripe(400, &format!(r#"{{"error": {error}}}"#));
                assert_eq!(fields(&reply), Some(vec![]), "{error}");
            }
        }

        #[test]
        fn a_declined_card_naming_a_param_is_no_validation_error() {
            let body = r#"{"error": {"code": "card_declined", "decline_code": "generic_decline", "message": "Your card was declined.", "param": "payment_method", "type": "card_error"}}"#;
            let declined = stripe(402, body);
            assert_eq!(declined.code(), Some(StripeCode::CardDeclined));
            assert_eq!(fields(&declined), None);
        }

        #[test]
        fn an_oversized_stripe_error_keeps_its_code_and_gives_no_field_errors() {
            let big = vec!["0"; MAX_VALUES].join(",");
            let body = format!(
                r#"{{"error": {{"code": "card_declined", "param": "amount", "payment_intent": {{"lines": [{big}]}}, "message": "m"}}}}"#
            );
            let error = stripe(400, &body);
            assert_eq!(
                (error.code(), error.message()),
                (Some(StripeCode::CardDeclined), Some("m"))
            );
            let unknown = stripe(400, &body.replace("card_declined", "parameter_invalid_integer"));
            assert_eq!(fields(&unknown), Some(vec![]));
        }
    }
}
