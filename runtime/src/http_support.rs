//! Feature `http`: the `http` crate's types on both sides of [`ApiError`] and
//! of a catalogue's codes.

use std::time::SystemTime;

use http::{HeaderMap, Response, StatusCode};

use super::api_error::{ApiError, DEFAULT_MAX_BODY_BYTES};
use super::catalogue::Catalogue;

impl<C: Catalogue> ApiError<C> {
    /// Reads a reply from its `http` parts, keeping at most
    /// [`DEFAULT_MAX_BODY_BYTES`] of the body. Header values that are not
    /// visible ASCII are skipped.
    pub fn from_http(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ApiError<C> {
        ApiError::from_http_limited(status, headers, body, DEFAULT_MAX_BODY_BYTES)
    }

    /// [`from_http`](ApiError::from_http) keeping at most `max_body_bytes` of
    /// the body, as [`from_parts_limited`](ApiError::from_parts_limited) does.
    pub fn from_http_limited(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        max_body_bytes: usize,
    ) -> ApiError<C> {
        let headers = headers
            .iter()
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)));
        ApiError::read(status.as_u16(), headers, body, max_body_bytes, SystemTime::now())
    }

    /// Reads a whole `http::Response` whose body is already in memory.
    pub fn from_response<B: AsRef<[u8]>>(response: &Response<B>) -> ApiError<C> {
        ApiError::from_http(response.status(), response.headers(), response.body().as_ref())
    }

    /// The status as an `http::StatusCode`, or `None` when it is not a valid
    /// one (outside 100–999).
    pub fn status_code(&self) -> Option<StatusCode> {
        StatusCode::from_u16(self.status()).ok()
    }
}

/// The status `code` is sent with (what a generated `From<ErrorCode> for
/// StatusCode` returns).
pub fn status_code_of<C: Catalogue>(code: C) -> StatusCode {
    // The catalogue only admits 4xx and 5xx statuses, which are all valid.
    StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::super::kind::ErrorKind;
    use super::super::testing::TestCode;
    use super::*;
    use http::{HeaderName, HeaderValue};

    type ApiError = super::ApiError<TestCode>;
    const REQUEST_ID_HEADER: &str = TestCode::REQUEST_ID_HEADER;
    const RETRY_AFTER_HEADER: &str = TestCode::RETRY_AFTER_HEADER;

    #[test]
    fn every_code_converts_to_its_status() {
        for &code in TestCode::ALL {
            assert_eq!(status_code_of(code).as_u16(), code.http_status());
        }
    }

    #[test]
    fn reads_headers_from_a_header_map_whatever_their_case() {
        let mut headers = HeaderMap::new();
        let name = |name: &str| HeaderName::from_bytes(name.to_ascii_uppercase().as_bytes()).expect("a header name");
        headers.insert(name(REQUEST_ID_HEADER), HeaderValue::from_static("req-7"));
        headers.insert(name(RETRY_AFTER_HEADER), HeaderValue::from_static("2"));
        headers.insert(
            name("X-Binary"),
            HeaderValue::from_bytes(b"\xff").expect("opaque bytes"),
        );
        let err = ApiError::from_http(StatusCode::SERVICE_UNAVAILABLE, &headers, b"<html>");
        assert_eq!(err.request_id(), Some("req-7"));
        assert_eq!(err.retry_hint(), Some(std::time::Duration::from_secs(2)));
        assert_eq!(err.status_code(), Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(err.kind(), ErrorKind::Transient);

        let response = Response::builder()
            .status(422)
            .body(r#"{"error": "e", "code": "C"}"#)
            .expect("a response");
        let err = ApiError::from_response(&response);
        assert_eq!((err.status(), err.wire_code()), (422, Some("C")));
        assert_eq!(ApiError::from_parts(42, &[], b"").status_code(), None);
    }
}
