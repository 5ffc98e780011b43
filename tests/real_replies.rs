//! Replies of APIs nobody here designed, copied from their RFCs, specifications and public
//! docs, read by clients generated from `tests/fixtures/real/`: each reply's
//! code, kind, retry hint and re-authentication flag. The catalogues share
//! the `errcat-runtime` crate, so one generic helper serves them all.

mod field_errors;
mod round_trip;

use std::time::Duration;

mod google {
    errcat::catalogue!("fixtures/real/google.yaml", runtime = "crate", features = ["axum"]);
}

mod stripe {
    errcat::catalogue!("fixtures/real/stripe.yaml", runtime = "crate", features = ["axum"]);
}

mod oauth2 {
    errcat::catalogue!("fixtures/real/oauth2.yaml", runtime = "crate", features = ["axum"]);
}

mod jsonrpc {
    errcat::catalogue!("fixtures/real/jsonrpc.yaml", runtime = "crate", features = ["axum"]);
}

#[test]
fn google_replies_in_the_aip_193_body_are_read_with_their_details() {
    use google::{ApiError, ErrorCode, ErrorKind};
    // AIP-193's example.
    let body = br#"{
      "error": {
        "code": 400,
        "message": "API key not valid. Please pass a valid API key.",
        "status": "INVALID_ARGUMENT",
        "details": [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "API_KEY_INVALID",
            "domain": "googleapis.com",
            "metadata": { "service": "translate.googleapis.com" }
          }
        ]
      }
    }"#;
    let reply = ApiError::from_parts(400, &[], body);
    assert_eq!(reply.code(), Some(ErrorCode::InvalidArgument));
    assert_eq!(reply.message(), Some("API key not valid. Please pass a valid API key."));
    assert_eq!((reply.kind(), reply.is_retryable()), (ErrorKind::Validation, false));
    let details = reply.details().and_then(|details| details.as_array()).expect("details");
    assert_eq!(
        details[0].get("reason").and_then(|reason| reason.as_str()),
        Some("API_KEY_INVALID")
    );

    // Google Cloud's quota error, with the Retry-After its frontends send.
    let body = br#"{"error": {"code": 429, "message": "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute' of service 'pubsub.googleapis.com' for consumer 'project_number:123'.", "status": "RESOURCE_EXHAUSTED", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com"}]}}"#;
    let reply = ApiError::from_parts(429, &[("Retry-After", "30")], body);
    assert_eq!(
        (reply.code(), reply.kind()),
        (Some(ErrorCode::ResourceExhausted), ErrorKind::RateLimited)
    );
    assert_eq!(reply.retry_after(), Some(Duration::from_secs(30)));
    assert!(reply.is_retryable());

    let body = br#"{"error": {"code": 401, "message": "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.", "status": "UNAUTHENTICATED"}}"#;
    let reply = ApiError::from_parts(401, &[], body);
    assert_eq!(
        (reply.code(), reply.requires_reauth()),
        (Some(ErrorCode::Unauthenticated), true)
    );
    assert_eq!((reply.kind(), reply.details()), (ErrorKind::ReAuthenticate, None));

    let body =
        br#"{"error": {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE"}}"#;
    let reply = ApiError::from_parts(503, &[], body);
    assert_eq!(
        (reply.code(), reply.kind()),
        (Some(ErrorCode::Unavailable), ErrorKind::Transient)
    );
    assert!(reply.is_retryable() && !reply.requires_reauth());
}

#[test]
fn stripe_replies_are_read_at_error_code_and_link_to_the_page_they_name() {
    use stripe::{ApiError, ErrorCode, ErrorKind};
    let cases: [(u16, &[u8], ErrorCode, ErrorKind, bool); 4] = [
        (
            402,
            br#"{"error": {"code": "card_declined", "decline_code": "generic_decline", "doc_url": "https://stripe.com/docs/error-codes/card-declined", "message": "Your card was declined.", "request_log_url": "https://dashboard.stripe.com/test/logs/req_1?t=1", "type": "card_error"}}"#,
            ErrorCode::CardDeclined,
            ErrorKind::Client,
            false,
        ),
        (
            404,
            br#"{"error": {"code": "resource_missing", "doc_url": "https://stripe.com/docs/error-codes/resource-missing", "message": "No such customer: 'cus_123'", "param": "id", "type": "invalid_request_error"}}"#,
            ErrorCode::ResourceMissing,
            ErrorKind::Client,
            false,
        ),
        (
            409,
            br#"{"error": {"code": "idempotency_key_in_use", "doc_url": "https://stripe.com/docs/error-codes/idempotency-key-in-use", "message": "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): KG5LxwFBepaKHyUD. Please try again later.", "type": "idempotency_error"}}"#,
            ErrorCode::IdempotencyKeyInUse,
            ErrorKind::Transient,
            true,
        ),
        (
            429,
            br#"{"error": {"code": "rate_limit", "doc_url": "https://stripe.com/docs/error-codes/rate-limit", "message": "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.", "type": "invalid_request_error"}}"#,
            ErrorCode::RateLimit,
            ErrorKind::RateLimited,
            true,
        ),
    ];
    for (status, body, code, kind, retryable) in cases {
        let reply = ApiError::from_parts(status, &[("Request-Id", "req_1")], body);
        assert_eq!(reply.code(), Some(code), "{reply}");
        assert_eq!((reply.kind(), reply.is_retryable()), (kind, retryable), "{reply}");
        assert_eq!((reply.requires_reauth(), reply.details()), (false, None), "{reply}");
        assert_eq!(reply.request_id(), Some("req_1"));
        // Stripe's own doc_url is the page the catalogue links the code to.
        let sent = std::str::from_utf8(body).unwrap();
        assert!(
            sent.contains(&format!(r#""doc_url": "{}""#, code.doc_url())),
            "{}",
            code.doc_url()
        );
    }
    let throttled = ApiError::from_parts(429, &[], cases[3].1);
    assert_eq!(throttled.retry_after(), Some(Duration::from_secs(1)));
}

#[test]
fn oauth_token_endpoint_replies_are_read_at_error_and_error_description() {
    use oauth2::{ApiError, ErrorCode, ErrorKind};
    // RFC 6749 §5.2's example, and a refresh token that expired.
    let reply = ApiError::from_parts(400, &[], br#"{"error":"invalid_request"}"#);
    assert_eq!(
        (reply.code(), reply.kind()),
        (Some(ErrorCode::InvalidRequest), ErrorKind::Validation)
    );
    let body = br#"{"error": "invalid_grant", "error_description": "The refresh token has expired", "error_uri": "https://server.example.com/errors/invalid_grant"}"#;
    let reply = ApiError::from_parts(400, &[], body);
    assert_eq!(reply.code(), Some(ErrorCode::InvalidGrant));
    assert_eq!(reply.message(), Some("The refresh token has expired"));
    assert_eq!(
        (reply.kind(), reply.requires_reauth()),
        (ErrorKind::ReAuthenticate, true)
    );
    // RFC 8628 §3.5: a device polling too fast waits (5 s more, says the RFC).
    let reply = ApiError::from_parts(400, &[], br#"{"error": "slow_down"}"#);
    assert_eq!(
        (reply.code(), reply.kind()),
        (Some(ErrorCode::SlowDown), ErrorKind::RateLimited)
    );
    assert_eq!(reply.retry_after(), Some(Duration::from_secs(5)));
    assert!(!reply.requires_reauth());
}

#[test]
fn json_rpc_errors_on_status_200_are_read_as_errors_with_integer_codes() {
    use jsonrpc::{ApiError, ErrorCode, ErrorKind};
    // The JSON-RPC 2.0 specification's examples (section 7).
    let body = br#"{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "1"}"#;
    let reply = ApiError::from_parts(200, &[], body);
    assert!(reply.is_error());
    assert_eq!(
        (reply.code(), reply.wire_code()),
        (Some(ErrorCode::MethodNotFound), Some("-32601"))
    );
    assert_eq!(
        (reply.kind(), reply.is_retryable(), reply.requires_reauth()),
        (ErrorKind::Client, false, false)
    );
    let body = br#"{"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}, "id": null}"#;
    assert_eq!(ApiError::from_parts(200, &[], body).code(), Some(ErrorCode::ParseError));
    let body = br#"{"jsonrpc": "2.0", "error": {"code": -32603, "message": "Internal error"}, "id": 7}"#;
    let reply = ApiError::from_parts(200, &[], body);
    assert_eq!(
        (reply.code(), reply.kind()),
        (Some(ErrorCode::InternalError), ErrorKind::Transient)
    );
    assert!(reply.is_retryable());
    // A result is no error, whatever it holds.
    let success = ApiError::from_parts(200, &[], br#"{"jsonrpc": "2.0", "result": {"code": 19}, "id": 1}"#);
    assert!(!success.is_error());
}
