//! [`ApiError`]: everything a client can read from one error reply, built from
//! the raw status, headers and body without ever failing.

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::runtime::retry_hint::header_hint;
use crate::{AuthError, Category, ErrorCode, ErrorKind, JsonValue, Retry, ValidationError};
use crate::{DEFAULT_RETRY_AFTER_SECS, REQUEST_ID_HEADER};

/// TEMP stand-in: the largest error body kept, 64 KiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 64 * 1024;

/// An error reply from the API, with what could be read from it.
///
/// Building one never fails: an empty body, an HTML page from a proxy,
/// truncated JSON, a body without `code` or with a code this crate does not
/// know all give an `ApiError` that keeps the status, whatever of the body
/// could be read, and otherwise the raw body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    status: u16,
    code: Option<ErrorCode>,
    wire_code: Option<String>,
    message: Option<String>,
    details: Option<JsonValue>,
    request_id: Option<String>,
    retry_hint: Option<Duration>,
    raw_body: Option<Vec<u8>>,
    body_truncated: bool,
}

impl ApiError {
    /// Reads a reply received now. Header names match case-insensitively.
    pub fn from_parts(status: u16, headers: &[(&str, &str)], body: &[u8]) -> ApiError {
        ApiError::from_parts_at(status, headers, body, SystemTime::now())
    }

    /// TEMP stand-in: reads a reply whose body is cut at `max_body_bytes`.
    pub fn from_parts_limited(status: u16, headers: &[(&str, &str)], body: &[u8], max_body_bytes: usize) -> ApiError {
        let kept = &body[..body.len().min(max_body_bytes)];
        let mut err = ApiError::from_parts(status, headers, kept);
        err.body_truncated = body.len() > max_body_bytes;
        err
    }

    /// TEMP stand-in: whether the body was cut.
    pub fn body_truncated(&self) -> bool {
        self.body_truncated
    }

    /// Reads a reply received at `received_at`, from which a `Retry-After`
    /// HTTP-date is measured (for replaying recorded replies, and for tests).
    pub fn from_parts_at(status: u16, headers: &[(&str, &str)], body: &[u8], received_at: SystemTime) -> ApiError {
        ApiError::read(status, headers.iter().copied(), body, received_at)
    }

    /// Reads a reply from headers given as `(name, value)` pairs.
    pub(crate) fn read<'h>(
        status: u16,
        headers: impl IntoIterator<Item = (&'h str, &'h str)>,
        body: &[u8],
        received_at: SystemTime,
    ) -> ApiError {
        let mut request_id = None;
        let mut retry_hint: Option<Duration> = None;
        for (name, value) in headers {
            if request_id.is_none() && name.eq_ignore_ascii_case(REQUEST_ID_HEADER) && !value.trim().is_empty() {
                request_id = Some(value.trim().to_owned());
            }
            // Several hints (both headers, or one repeated): never wait less than any of them.
            retry_hint = retry_hint.max(header_hint(name, value, received_at));
        }
        let json = JsonValue::parse(body).filter(JsonValue::is_object);
        let text_member = |key: &str| json.as_ref().and_then(|json| json.get(key)).and_then(JsonValue::as_str);
        let wire_code = text_member("code").map(str::to_owned);
        let message = text_member("error").map(str::to_owned);
        let details = json.as_ref().and_then(|json| json.get("details")).filter(|d| **d != JsonValue::Null).cloned();
        let is_error_body = wire_code.is_some() || message.is_some();
        ApiError {
            status,
            code: wire_code.as_deref().and_then(ErrorCode::from_code),
            wire_code,
            message,
            details,
            request_id,
            retry_hint,
            raw_body: (!is_error_body).then(|| body.to_vec()),
            body_truncated: false,
        }
    }

    /// The HTTP status of the reply.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The code, when the body carried one this crate knows.
    pub fn code(&self) -> Option<ErrorCode> {
        self.code
    }

    /// The body's `code` string as sent, known or not.
    pub fn wire_code(&self) -> Option<&str> {
        self.wire_code.as_deref()
    }

    /// The body's `error` message as sent.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The body's `details`, when present and not `null`.
    pub fn details(&self) -> Option<&JsonValue> {
        self.details.as_ref()
    }

    /// The request identifier from the catalogue's request-id header, if sent.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The body as received, when it was not an error body (empty, HTML, not
    /// JSON, or JSON without `error` and `code`): log it whole.
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.raw_body.as_deref()
    }

    /// The body as the catalogue defines it, when it is one: `error` and
    /// `code` strings, and `details` absent, `null` or an object.
    #[cfg(feature = "serde")]
    pub fn body(&self) -> Option<crate::ErrorBody> {
        let details = match self.details.as_ref().map(JsonValue::to_serde) {
            None => None,
            Some(serde_json::Value::Object(map)) => Some(crate::Details::from(map)),
            Some(_) => return None,
        };
        Some(crate::ErrorBody {
            error: self.message.clone()?,
            code: self.wire_code.clone()?,
            details,
        })
    }

    /// The code's category, when the code is known.
    pub fn category(&self) -> Option<Category> {
        self.code.map(ErrorCode::category)
    }

    /// The recovery route: see [`ErrorKind`].
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::of(self.status, self.code)
    }

    /// The server's retry hint exactly as sent, when one was sent and valid:
    /// the larger of the catalogue's header and `Retry-After`.
    pub fn retry_hint(&self) -> Option<Duration> {
        self.retry_hint
    }

    /// How long to wait before retrying: the server's hint when valid; for a
    /// throttled code without one, the catalogue's default; otherwise `None`.
    /// This is what the server asked for: [`RetryPolicy`](crate::RetryPolicy)
    /// caps it before sleeping.
    pub fn retry_after(&self) -> Option<Duration> {
        let throttled = self.code.is_some_and(|code| code.retry() == Retry::Throttled);
        self.retry_hint
            .or_else(|| throttled.then(|| Duration::from_secs(DEFAULT_RETRY_AFTER_SECS)))
    }

    /// Whether the user must authenticate again (the code says so).
    pub fn requires_reauth(&self) -> bool {
        self.code.is_some_and(ErrorCode::requires_reauth)
    }

    /// Whether retrying can succeed: the route is [`ErrorKind::RateLimited`]
    /// or [`ErrorKind::Transient`], and a known code does not forbid it.
    pub fn is_retryable(&self) -> bool {
        let route_retries = matches!(self.kind(), ErrorKind::RateLimited | ErrorKind::Transient);
        route_retries && self.code.is_none_or(ErrorCode::is_retryable)
    }

    /// The authentication view, when the route is
    /// [`ErrorKind::ReAuthenticate`] or [`ErrorKind::Auth`].
    pub fn as_auth(&self) -> Option<AuthError<'_>> {
        AuthError::of(self)
    }

    /// The validation view, when the route is [`ErrorKind::Validation`].
    pub fn as_validation(&self) -> Option<ValidationError<'_>> {
        ValidationError::of(self)
    }
}

/// One line: `HTTP 429 RATE_LIMIT_EXCEEDED: Request rate limit exceeded`.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.wire_code {
            write!(f, " {}", OneLine(code))?;
        }
        match (&self.message, self.code, &self.raw_body) {
            (Some(message), ..) => write!(f, ": {}", OneLine(message)),
            (None, Some(code), _) => write!(f, ": {}", OneLine(code.message())),
            (None, None, Some(raw)) => write!(f, ": not an error body ({} bytes)", raw.len()),
            (None, None, None) => Ok(()),
        }
    }
}

impl std::error::Error for ApiError {}

/// Server text with line breaks and other controls shown as spaces, so that
/// one error stays one log line.
struct OneLine<'a>(&'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            let shown = if c.is_control() { ' ' } else { c };
            write!(f, "{shown}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RETRY_AFTER_HEADER;

    fn read(status: u16, body: &str) -> ApiError {
        ApiError::from_parts(status, &[], body.as_bytes())
    }

    fn body_of(code: ErrorCode) -> String {
        let message = JsonValue::String(code.message().to_owned());
        format!(r#"{{"error": {message}, "code": "{}"}}"#, code.as_str())
    }

    #[test]
    fn every_known_code_is_read_with_its_status_and_route() {
        for &code in ErrorCode::ALL {
            let err = read(code.http_status(), &body_of(code));
            assert_eq!(err.code(), Some(code));
            assert_eq!(err.wire_code(), Some(code.as_str()));
            assert_eq!(err.message(), Some(code.message()));
            assert_eq!(err.status(), code.http_status());
            assert_eq!(err.category(), Some(code.category()));
            assert_eq!(err.kind(), ErrorKind::of(code.http_status(), Some(code)));
            assert_eq!(err.requires_reauth(), code.requires_reauth());
            assert_eq!(err.raw_body(), None);
            if !code.is_retryable() {
                assert!(!err.is_retryable(), "{code:?}");
            }
        }
    }

    #[test]
    fn bodies_that_are_not_error_bodies_keep_status_and_raw_bytes() {
        let html = "<html><body>502 Bad Gateway</body></html>";
        for (status, body) in [(502, ""), (502, html), (500, r#"{"error": "cut"#), (500, "[1, 2]"), (503, "null")] {
            let err = read(status, body);
            assert_eq!(err.status(), status);
            assert_eq!((err.code(), err.wire_code(), err.message()), (None, None, None));
            assert_eq!(err.raw_body(), Some(body.as_bytes()), "{body:?}");
            assert_eq!(err.kind(), ErrorKind::of(status, None));
        }
        let binary = ApiError::from_parts(500, &[], &[0xff, 0x00, 0xfe]);
        assert_eq!(binary.raw_body(), Some(&[0xff, 0x00, 0xfe][..]));
        assert_eq!(binary.to_string(), "HTTP 500: not an error body (3 bytes)");
    }

    #[test]
    fn a_body_without_code_or_with_an_unknown_code_keeps_what_it_has() {
        let no_code = read(400, r#"{"error": "bad request", "details": {"field": "email"}}"#);
        assert_eq!((no_code.code(), no_code.wire_code()), (None, None));
        assert_eq!(no_code.message(), Some("bad request"));
        assert!(no_code.details().is_some());
        assert_eq!(no_code.kind(), ErrorKind::Validation);
        assert_eq!(no_code.raw_body(), None);

        let unknown = read(503, r#"{"error": "later", "code": "NOT_IN_ANY_CATALOGUE_XYZ", "details": null}"#);
        assert_eq!(unknown.code(), None);
        assert_eq!(unknown.wire_code(), Some("NOT_IN_ANY_CATALOGUE_XYZ"));
        assert_eq!(unknown.details(), None);
        assert_eq!(unknown.category(), None);
        assert_eq!(unknown.kind(), ErrorKind::Transient);
        assert!(unknown.is_retryable());
        assert_eq!(unknown.to_string(), "HTTP 503 NOT_IN_ANY_CATALOGUE_XYZ: later");
    }

    #[test]
    fn display_is_one_line() {
        let err = read(500, r#"{"error": "line one\nline two", "code": "A\rB"}"#);
        assert_eq!(err.to_string(), "HTTP 500 A B: line one line two");
        assert_eq!(read(404, "").to_string(), "HTTP 404: not an error body (0 bytes)");
        for &code in ErrorCode::ALL {
            let err = read(code.http_status(), &format!(r#"{{"code": "{}"}}"#, code.as_str()));
            let message = code.message().replace(char::is_control, " ");
            assert_eq!(err.to_string(), format!("HTTP {} {}: {message}", code.http_status(), code.as_str()));
        }
    }

    #[test]
    fn the_request_id_header_is_found_whatever_its_case() {
        for name in [REQUEST_ID_HEADER.to_owned(), REQUEST_ID_HEADER.to_ascii_lowercase(), REQUEST_ID_HEADER.to_ascii_uppercase()] {
            let err = ApiError::from_parts(500, &[("Content-Type", "text/html"), (&name, " req-42 ")], b"");
            assert_eq!(err.request_id(), Some("req-42"));
        }
        assert_eq!(read(500, "").request_id(), None);
        assert_eq!(ApiError::from_parts(500, &[(REQUEST_ID_HEADER, " ")], b"").request_id(), None);
    }

    #[test]
    fn the_larger_valid_hint_wins_and_garbage_is_ignored() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        let hint = |headers: &[(&str, &str)]| ApiError::from_parts_at(429, headers, b"", now).retry_hint();
        assert_eq!(hint(&[(RETRY_AFTER_HEADER, "3")]), Some(Duration::from_secs(3)));
        assert_eq!(hint(&[(RETRY_AFTER_HEADER, "0.5")]), Some(Duration::from_millis(500)));
        assert_eq!(hint(&[("retry-after", "Sun, 06 Nov 1994 08:49:47 GMT")]), Some(Duration::from_secs(10)));
        assert_eq!(hint(&[("Retry-After", "Sun, 06 Nov 1994 08:00:00 GMT")]), Some(Duration::ZERO));
        assert_eq!(hint(&[(RETRY_AFTER_HEADER, "3"), ("Retry-After", "9")]), Some(Duration::from_secs(9)));
        assert_eq!(hint(&[(RETRY_AFTER_HEADER, "later"), ("Retry-After", "4")]), Some(Duration::from_secs(4)));
        for garbage in ["", "soon", "-5", "1e9", "NaN"] {
            assert_eq!(hint(&[(RETRY_AFTER_HEADER, garbage), ("Retry-After", garbage)]), None, "{garbage:?}");
        }
        assert_eq!(hint(&[(RETRY_AFTER_HEADER, "1000000000000")]), Some(Duration::from_secs(1_000_000_000_000)));
    }

    #[test]
    fn retry_after_falls_back_to_the_catalogue_default_only_for_throttled_codes() {
        let default = Duration::from_secs(DEFAULT_RETRY_AFTER_SECS);
        for &code in ErrorCode::ALL {
            let err = read(code.http_status(), &body_of(code));
            let expected = (code.retry() == Retry::Throttled).then_some(default);
            assert_eq!(err.retry_after(), expected, "{code:?}");
            let hinted = ApiError::from_parts(code.http_status(), &[(RETRY_AFTER_HEADER, "2")], body_of(code).as_bytes());
            assert_eq!(hinted.retry_after(), Some(Duration::from_secs(2)), "{code:?}");
        }
        assert_eq!(read(429, "").retry_after(), None);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn an_error_body_is_offered_as_error_body() {
        let err = read(422, r#"{"error": "missing", "code": "SOME_CODE", "details": {"field": "email", "value": 3}}"#);
        let body = err.body().expect("an error body");
        assert_eq!((body.error.as_str(), body.code.as_str()), ("missing", "SOME_CODE"));
        let details = body.details.expect("details");
        assert_eq!(details.field(), Some("email"));
        assert_eq!(details.value(), Some(&serde_json::json!(3)));
        assert_eq!(read(422, r#"{"error": "x", "code": "Y", "details": [1]}"#).body(), None);
        assert_eq!(read(422, r#"{"error": "x"}"#).body(), None);
        assert_eq!(read(502, "<html>").body(), None);
    }
}
