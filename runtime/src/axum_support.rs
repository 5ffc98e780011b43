//! Feature `axum`: [`ErrorResponse`], the server side of the catalogue.

use std::time::Duration;

use axum::body::Body;
use axum::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use crate::{ErrorCode, Retry, DEFAULT_RETRY_AFTER_SECS, REQUEST_ID_HEADER, RETRY_AFTER_HEADER};

/// An error reply from an axum handler: the code's status and an
/// `application/json` body `{"error", "code", "details"}`, plus the retry
/// header on throttled codes (the catalogue's default delay unless
/// [`retry_after`](ErrorResponse::retry_after) sets one).
///
/// Return it as the error of a handler's `Result`.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponse {
    code: ErrorCode,
    message: Option<String>,
    details: Option<Value>,
    retry_after: Option<Duration>,
    request_id: Option<String>,
}

impl ErrorResponse {
    /// The reply for `code`, with the catalogue's message.
    pub fn new(code: ErrorCode) -> ErrorResponse {
        ErrorResponse {
            code,
            message: None,
            details: None,
            retry_after: None,
            request_id: None,
        }
    }

    /// A message for developers instead of the catalogue's.
    pub fn message(mut self, message: impl Into<String>) -> ErrorResponse {
        self.message = Some(message.into());
        self
    }

    /// The `details` member, e.g. `{"field": "email", "message": "required"}`.
    pub fn details(mut self, details: Value) -> ErrorResponse {
        self.details = Some(details);
        self
    }

    /// The delay to ask for in the retry header. Sent for any code; throttled
    /// codes get the catalogue's default without it.
    ///
    /// The header carries the delay exactly, in decimal seconds to the
    /// nanosecond (`0.3` for 300 ms, `18446744073709551615.999999999` for
    /// `Duration::MAX`), as this crate's clients read it. When the catalogue's
    /// header is the standard `Retry-After`, whose delay-seconds are whole
    /// (RFC 9110, section 10.2.3), it is rounded up to whole seconds, at most
    /// `u64::MAX`: a client never retries earlier than asked.
    pub fn retry_after(mut self, delay: Duration) -> ErrorResponse {
        self.retry_after = Some(delay);
        self
    }

    /// The request identifier, sent in the catalogue's request-id header.
    pub fn request_id(mut self, request_id: impl Into<String>) -> ErrorResponse {
        self.request_id = Some(request_id.into());
        self
    }

    /// The code the reply carries.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The JSON body.
    fn body(&self) -> Value {
        let mut body = Map::new();
        let message = self.message.as_deref().unwrap_or(self.code.message());
        body.insert("error".to_owned(), Value::from(message));
        body.insert("code".to_owned(), Value::from(self.code.as_str()));
        if let Some(details) = &self.details {
            body.insert("details".to_owned(), details.clone());
        }
        Value::Object(body)
    }

    /// The retry header's value, if any: the delay set, else the catalogue's
    /// default for a throttled code.
    fn retry_header_value(&self) -> Option<String> {
        let throttled_default = (self.code.retry() == Retry::Throttled).then(|| DEFAULT_RETRY_AFTER_SECS.to_string());
        self.retry_after.map(seconds_value).or(throttled_default)
    }
}

/// `delay` as the retry header writes it: see [`ErrorResponse::retry_after`].
/// No arithmetic can overflow: the whole seconds are written as they are, and
/// rounding up saturates.
fn seconds_value(delay: Duration) -> String {
    let (secs, nanos) = (delay.as_secs(), delay.subsec_nanos());
    if RETRY_AFTER_HEADER.eq_ignore_ascii_case("Retry-After") {
        return secs.saturating_add(u64::from(nanos > 0)).to_string();
    }
    if nanos == 0 {
        return secs.to_string();
    }
    let fraction = format!("{nanos:09}");
    format!("{secs}.{}", fraction.trim_end_matches('0'))
}

impl From<ErrorCode> for ErrorResponse {
    fn from(code: ErrorCode) -> ErrorResponse {
        ErrorResponse::new(code)
    }
}

impl IntoResponse for ErrorResponse {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body().to_string()));
        *response.status_mut() = StatusCode::from(self.code);
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let retry = self.retry_header_value().map(|value| (RETRY_AFTER_HEADER, value));
        let request_id = self.request_id.map(|id| (REQUEST_ID_HEADER, id));
        for (name, value) in retry.into_iter().chain(request_id) {
            // A request id that is not a valid header value is left out rather than failing the reply.
            if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
                headers.insert(name, value);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApiError;

    fn header<'r>(response: &'r Response, name: &str) -> Option<&'r str> {
        response.headers().get(name).and_then(|value| value.to_str().ok())
    }

    #[test]
    fn every_code_gets_its_status_json_body_and_retry_header_when_throttled() {
        for &code in ErrorCode::ALL {
            let reply = ErrorResponse::new(code);
            assert_eq!(reply.body(), serde_json::json!({"error": code.message(), "code": code.as_str()}));
            let response = reply.into_response();
            assert_eq!(response.status().as_u16(), code.http_status());
            assert_eq!(header(&response, "content-type"), Some("application/json"));
            let expected = (code.retry() == Retry::Throttled).then(|| DEFAULT_RETRY_AFTER_SECS.to_string());
            assert_eq!(header(&response, RETRY_AFTER_HEADER), expected.as_deref(), "{code:?}");
        }
    }

    #[test]
    fn builder_methods_fill_the_body_and_headers() {
        let Some(&code) = ErrorCode::ALL.first() else { return };
        let reply = ErrorResponse::from(code)
            .message("no such user")
            .details(serde_json::json!({"field": "email"}))
            .retry_after(Duration::from_millis(1500))
            .request_id("req-9");
        assert_eq!(reply.code(), code);
        assert_eq!(
            reply.body(),
            serde_json::json!({"error": "no such user", "code": code.as_str(), "details": {"field": "email"}})
        );
        let response = reply.clone().into_response();
        let sent = if RETRY_AFTER_HEADER.eq_ignore_ascii_case("Retry-After") { "2" } else { "1.5" };
        assert_eq!(header(&response, RETRY_AFTER_HEADER), Some(sent));
        assert_eq!(header(&response, REQUEST_ID_HEADER), Some("req-9"));
        let bad_id = ErrorResponse::new(code).request_id("line\nbreak").into_response();
        assert_eq!(header(&bad_id, REQUEST_ID_HEADER), None);
        // What the server writes, the client reads back.
        let read = ApiError::from_parts(code.http_status(), &[(RETRY_AFTER_HEADER, sent)], reply.body().to_string().as_bytes());
        assert_eq!((read.code(), read.message()), (Some(code), Some("no such user")));
    }

    #[test]
    fn any_delay_is_written_without_overflow_and_read_back_no_shorter() {
        for delay in [Duration::ZERO, Duration::from_nanos(1), Duration::from_millis(300), Duration::from_secs(7), Duration::MAX] {
            let value = seconds_value(delay);
            let read = ApiError::from_parts(500, &[(RETRY_AFTER_HEADER, &value)], b"").retry_hint();
            // Whole seconds stop at u64::MAX: the standard header cannot say more.
            let floor = delay.min(Duration::from_secs(u64::MAX));
            assert!(read >= Some(floor), "{delay:?} sent as {value:?}, read as {read:?}");
            assert!(read <= Some(delay.saturating_add(Duration::from_secs(1))), "{delay:?} sent as {value:?}");
        }
    }
}
