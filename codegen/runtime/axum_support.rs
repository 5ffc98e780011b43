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

    /// The delay to ask for in the retry header, sent as whole seconds rounded
    /// up. Sent for any code; throttled codes get the catalogue's default without it.
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

    /// Whole seconds to ask the client to wait, if any: rounded up, so that a
    /// client never retries earlier than intended.
    fn retry_after_secs(&self) -> Option<u64> {
        let throttled_default = (self.code.retry() == Retry::Throttled).then_some(DEFAULT_RETRY_AFTER_SECS);
        self.retry_after
            .map(|delay| delay.as_secs() + u64::from(delay.subsec_nanos() > 0))
            .or(throttled_default)
    }
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
        let retry = self.retry_after_secs().map(|secs| (RETRY_AFTER_HEADER, secs.to_string()));
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
        assert_eq!(header(&response, RETRY_AFTER_HEADER), Some("2"));
        assert_eq!(header(&response, REQUEST_ID_HEADER), Some("req-9"));
        let bad_id = ErrorResponse::new(code).request_id("line\nbreak").into_response();
        assert_eq!(header(&bad_id, REQUEST_ID_HEADER), None);
        // What the server writes, the client reads back.
        let read = ApiError::from_parts(code.http_status(), &[(RETRY_AFTER_HEADER, "2")], reply.body().to_string().as_bytes());
        assert_eq!((read.code(), read.message()), (Some(code), Some("no such user")));
    }
}
