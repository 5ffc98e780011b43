//! The request fields a validation error names, read where each API puts
//! them: Stripe's `param`, Google's `BadRequest.fieldViolations`, the seed's
//! `details`. The replies are copied from the APIs' public docs.

/// (field, message, value as JSON) of each field error of a validation error.
type Read = Vec<(String, Option<String>, Option<String>)>;

fn row(field: &str, message: Option<&str>, value: Option<&str>) -> (String, Option<String>, Option<String>) {
    (field.to_owned(), message.map(str::to_owned), value.map(str::to_owned))
}

#[test]
fn stripe_s_param_names_the_field_of_an_invalid_request() {
    use super::stripe::{ApiError, ErrorCode, ErrorKind};
    let read = |error: &ApiError| -> Read {
        let view = error.as_validation().expect("a validation error");
        let fields = view.field_errors();
        let fields = fields.iter();
        fields
            .map(|f| (f.field().unwrap().to_owned(), f.message().map(str::to_owned), None))
            .collect()
    };
    // Stripe's replies to a PaymentIntent created without an amount, and with one that is no integer.
    let missing = br#"{
      "error": {
        "code": "parameter_missing",
        "doc_url": "https://stripe.com/docs/error-codes/parameter-missing",
        "message": "Missing required param: amount.",
        "param": "amount",
        "request_log_url": "https://dashboard.stripe.com/test/logs/req_9uZ3aBc1dEf2Gh?t=1700000000",
        "type": "invalid_request_error"
      }
    }"#;
    let error = ApiError::from_parts(400, &[("Request-Id", "req_9uZ3aBc1dEf2Gh")], missing);
    assert_eq!(
        (error.code(), error.kind()),
        (Some(ErrorCode::ParameterMissing), ErrorKind::Validation)
    );
    assert_eq!(
        read(&error),
        [row("amount", Some("Missing required param: amount."), None)]
    );

    let not_an_integer = br#"{"error": {"code": "parameter_invalid_integer", "doc_url": "https://stripe.com/docs/error-codes/parameter-invalid-integer", "message": "Invalid integer: ten", "param": "amount", "type": "invalid_request_error"}}"#;
    let error = ApiError::from_parts(400, &[], not_an_integer);
    assert_eq!(error.code(), Some(ErrorCode::ParameterInvalidInteger));
    assert_eq!(read(&error), [row("amount", Some("Invalid integer: ten"), None)]);

    // A declined card may name a parameter too, but it is no validation error.
    let declined = br#"{"error": {"code": "card_declined", "decline_code": "generic_decline", "doc_url": "https://stripe.com/docs/error-codes/card-declined", "message": "Your card was declined.", "param": "payment_method", "type": "card_error"}}"#;
    let error = ApiError::from_parts(402, &[], declined);
    assert_eq!(
        (error.code(), error.kind()),
        (Some(ErrorCode::CardDeclined), ErrorKind::Client)
    );
    assert!(error.as_validation().is_none());
}

#[test]
fn google_s_field_violations_are_read_from_the_bad_request_detail_after_error_info() {
    use super::google::{ApiError, ErrorCode, ErrorKind};
    // AIP-193's body with a google.rpc.ErrorInfo and a google.rpc.BadRequest
    // detail, whose field paths are written as google.rpc's docs write them in JSON.
    let body = br#"{
      "error": {
        "code": 400,
        "message": "Request contains an invalid argument.",
        "status": "INVALID_ARGUMENT",
        "details": [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "INVALID_FIELDS",
            "domain": "contacts.googleapis.com",
            "metadata": { "service": "contacts.googleapis.com" }
          },
          {
            "@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [
              {
                "field": "fullName",
                "description": "The full name must not be empty.",
                "reason": "FIELD_EMPTY"
              },
              {
                "field": "emailAddresses[1].email",
                "description": "Invalid email address.",
                "reason": "INVALID_EMAIL"
              }
            ]
          }
        ]
      }
    }"#;
    let error = ApiError::from_parts(400, &[], body);
    assert_eq!(
        (error.code(), error.kind()),
        (Some(ErrorCode::InvalidArgument), ErrorKind::Validation)
    );
    let view = error.as_validation().expect("a validation error");
    let read: Read = view
        .field_errors()
        .iter()
        .map(|f| {
            (
                f.field().unwrap().to_owned(),
                f.message().map(str::to_owned),
                f.value().map(ToString::to_string),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            row("fullName", Some("The full name must not be empty."), None),
            row("emailAddresses[1].email", Some("Invalid email address."), None),
        ]
    );
    // The details are still there whole, the ErrorInfo first.
    let details = error.details().and_then(|details| details.as_array()).expect("details");
    assert_eq!(details.len(), 2);
}

#[test]
fn the_seed_s_field_errors_are_read_in_each_of_its_three_shapes_of_details() {
    use ofauth_errors::{ApiError, ErrorCode};
    let read = |body: &str| -> Read {
        let error = ApiError::from_parts(422, &[], body.as_bytes());
        let view = error.as_validation().expect("a validation error");
        let fields = view.field_errors();
        let read = fields.iter().map(|f| {
            let field = f.field().expect("a field").to_owned();
            (
                field,
                f.message().map(str::to_owned),
                f.value().map(ToString::to_string),
            )
        });
        read.collect()
    };
    let code = ErrorCode::ValidationInvalidFormat.as_str();
    // The catalogue's own example: one entry as the details.
    let one = format!(
        r#"{{"error": "Field format is incorrect", "code": "{code}", "details": {{"field": "email", "message": "must be an email address", "value": "jane.doe"}}}}"#
    );
    assert_eq!(
        read(&one),
        [row("email", Some("must be an email address"), Some("\"jane.doe\""))]
    );
    let entries = r#"[{"field": "email", "message": "must be an email address", "value": "jane.doe"}, {"field": "plan", "message": "must be one of: free, pro", "value": "platinum"}]"#;
    let both = [
        row("email", Some("must be an email address"), Some("\"jane.doe\"")),
        row("plan", Some("must be one of: free, pro"), Some("\"platinum\"")),
    ];
    // A list under `errors`, and the details as the list itself.
    let under_errors =
        format!(r#"{{"error": "Field format is incorrect", "code": "{code}", "details": {{"errors": {entries}}}}}"#);
    assert_eq!(read(&under_errors), both);
    let as_array = format!(r#"{{"error": "Field format is incorrect", "code": "{code}", "details": {entries}}}"#);
    assert_eq!(read(&as_array), both);
}
