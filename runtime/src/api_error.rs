//! [`ApiError`]: everything a client can read from one error reply, built from
//! the raw status, headers and body without ever failing.

use std::fmt;
use std::time::{Duration, SystemTime};

use super::catalogue::{Catalogue, Retry};
use super::json::{read_error_body, EntriesPattern, JsonValue};
use super::kind::ErrorKind;
use super::retry_hint::header_hint;
use super::views::{AuthError, ValidationError};

/// The most bytes of a body [`ApiError::from_parts`] reads: 64 KiB.
///
/// An error body is a message, a code and a few details, well under a
/// kilobyte; 64 KiB leaves room for long lists of field errors while bounding
/// what one hostile reply can cost: the bytes kept, plus at most ~512 KiB for
/// the parsed `details` and as much for the value holding the field errors
/// (when the catalogue puts them outside the details). Past it the body is cut and
/// [`ApiError::body_truncated`] says so; [`ApiError::from_parts_limited`]
/// takes another limit.
pub const DEFAULT_MAX_BODY_BYTES: usize = 64 * 1024;

/// An error reply from the API of catalogue `C`, with what could be read from it.
///
/// Building one never fails: an empty body, an HTML page from a proxy,
/// truncated JSON, a body without `code` or with a code the catalogue does
/// not know all give an `ApiError` that keeps the status, whatever of the body
/// could be read, and otherwise the raw body.
///
/// Reading is bounded: at most [`DEFAULT_MAX_BODY_BYTES`] of the body (or the
/// limit given to [`from_parts_limited`](ApiError::from_parts_limited)) are
/// kept, and `details` holding more than 4096 JSON values are left out, as are
/// the field errors when the value holding them (see
/// [`ValidationError::field_errors`]) does.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError<C: Catalogue> {
    status: u16,
    code: Option<C>,
    wire_code: Option<String>,
    message: Option<String>,
    details: Option<JsonValue>,
    /// The value holding the field errors, when the catalogue says where
    /// they are and that is outside the details.
    field_error_scope: Option<JsonValue>,
    request_id: Option<String>,
    retry_hint: Option<Duration>,
    raw_body: Option<Vec<u8>>,
    /// The limit the body was cut at, when it was longer.
    cut_at: Option<usize>,
}

impl<C: Catalogue> ApiError<C> {
    /// Reads a reply received now, keeping at most [`DEFAULT_MAX_BODY_BYTES`]
    /// of its body. Header names match case-insensitively.
    pub fn from_parts(status: u16, headers: &[(&str, &str)], body: &[u8]) -> ApiError<C> {
        ApiError::from_parts_at(status, headers, body, SystemTime::now())
    }

    /// Reads a reply received now, keeping at most `max_body_bytes` of its
    /// body: a longer body is cut (at a character boundary when it is text),
    /// only what is kept is parsed, and [`body_truncated`](ApiError::body_truncated)
    /// is `true`. Members of a JSON body read whole before the cut are kept.
    ///
    /// A reader that streams the body needs to read only `max_body_bytes + 1`
    /// bytes and pass them here: the extra byte tells that the body was longer.
    pub fn from_parts_limited(
        status: u16,
        headers: &[(&str, &str)],
        body: &[u8],
        max_body_bytes: usize,
    ) -> ApiError<C> {
        ApiError::read(status, headers.iter().copied(), body, max_body_bytes, SystemTime::now())
    }

    /// Reads a reply received at `received_at`, from which a `Retry-After`
    /// HTTP-date is measured (for replaying recorded replies, and for tests),
    /// keeping at most [`DEFAULT_MAX_BODY_BYTES`] of its body.
    pub fn from_parts_at(status: u16, headers: &[(&str, &str)], body: &[u8], received_at: SystemTime) -> ApiError<C> {
        ApiError::read(
            status,
            headers.iter().copied(),
            body,
            DEFAULT_MAX_BODY_BYTES,
            received_at,
        )
    }

    /// Reads a reply from headers given as `(name, value)` pairs, keeping at
    /// most `max_body_bytes` of the body.
    pub(crate) fn read<'h>(
        status: u16,
        headers: impl IntoIterator<Item = (&'h str, &'h str)>,
        body: &[u8],
        max_body_bytes: usize,
        received_at: SystemTime,
    ) -> ApiError<C> {
        let mut request_id = None;
        let mut retry_hint: Option<Duration> = None;
        let mut header_code = None;
        for (name, value) in headers {
            if request_id.is_none() && name.eq_ignore_ascii_case(C::REQUEST_ID_HEADER) {
                request_id = plain_request_id(value);
            }
            if header_code.is_none()
                && C::WIRE
                    .code_header
                    .is_some_and(|header| name.eq_ignore_ascii_case(header))
            {
                header_code = Some(value.trim_matches([' ', '\t'])).filter(|code| !code.is_empty());
            }
            // Several hints (both headers, or one repeated): never wait less than any of them.
            retry_hint = retry_hint.max(header_hint(C::RETRY_AFTER_HEADER, name, value, received_at));
        }
        let cut = body.len() > max_body_bytes;
        let kept = if cut {
            whole_characters(&body[..max_body_bytes])
        } else {
            body
        };
        let members = std::str::from_utf8(kept)
            .ok()
            .and_then(|text| read_error_body(text, cut, &C::WIRE))
            .unwrap_or_default();
        let is_error_body = members.code.is_some() || members.message.is_some();
        let (code, wire_code) = match members.code.or_else(|| header_code.map(str::to_owned)) {
            Some(sent) => {
                let (code, aws_name) = known_code::<C>(&sent);
                let aws_name = aws_name.map(str::to_owned);
                (code, Some(aws_name.unwrap_or(sent)))
            }
            None => (None, None),
        };
        ApiError {
            status,
            code,
            wire_code,
            message: members.message,
            details: members.details,
            field_error_scope: members.field_error_scope,
            request_id,
            retry_hint,
            raw_body: (!is_error_body).then(|| kept.to_vec()),
            cut_at: cut.then_some(max_body_bytes),
        }
    }

    /// Whether the reply is an error: its body has a code where the
    /// catalogue's [`Wire`](super::catalogue::Wire) says (or its code header
    /// one), whatever the status, or the status is not 2xx. A JSON-RPC reply
    /// with status 200 and an `error.code` is one.
    pub fn is_error(&self) -> bool {
        self.wire_code.is_some() || !(200..300).contains(&self.status)
    }

    /// The HTTP status of the reply.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The code, when the body carried one the catalogue knows.
    pub fn code(&self) -> Option<C> {
        self.code
    }

    /// The code as sent (in the body, else in the code header), known or
    /// not; a known code sent in an AWS form is its name alone
    /// (`ThrottlingException`). An integer code is its decimal text.
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

    /// The entries of the reply's field errors, in document order, where the
    /// catalogue's `wire.field_errors` says they are (none when it does not).
    pub(crate) fn field_error_entries(&self) -> Vec<&JsonValue> {
        EntriesPattern::of(&C::WIRE)
            .map(|pattern| pattern.entries(self.details.as_ref(), self.field_error_scope.as_ref()))
            .unwrap_or_default()
    }

    /// The request identifier from the catalogue's request-id header, if sent.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The body as received, when it was not an error body (empty, HTML, not
    /// JSON, or JSON without `error` and `code`): log it whole. When the body
    /// was longer than the limit, only what was kept.
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.raw_body.as_deref()
    }

    /// Whether the body was longer than the limit and cut: what the error
    /// holds was read from its first bytes only.
    pub fn body_truncated(&self) -> bool {
        self.cut_at.is_some()
    }

    /// The body as the catalogue's [`Wire`](super::catalogue::Wire) lays it
    /// out, when it is one: a code (in the body or its code header), the
    /// message when sent, and details absent, `null`, an object or an array.
    /// Only the envelope's parts are read, so its
    /// [`members`](super::body::ErrorBody::members) are the ones every reply
    /// of the code carries (constants, status, doc link, category).
    #[cfg(feature = "serde")]
    pub fn body(&self) -> Option<super::body::ErrorBody<C>> {
        let details = match self.details.as_ref().map(JsonValue::to_serde) {
            None => None,
            Some(value) => Some(super::body::Details::try_from(value).ok()?),
        };
        let body = super::body::ErrorBody::with_code(self.wire_code.clone()?, self.message.clone());
        Some(match details {
            Some(details) => body.with_details(details),
            None => body,
        })
    }

    /// The id of the code's category (e.g. `auth`), when the code is known.
    pub fn category_id(&self) -> Option<&'static str> {
        self.code.map(C::category_id)
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
    /// This is what the server asked for: [`RetryPolicy`](super::policy::RetryPolicy)
    /// caps it before sleeping.
    pub fn retry_after(&self) -> Option<Duration> {
        let throttled = self.code.is_some_and(|code| code.retry() == Retry::Throttled);
        self.retry_hint
            .or_else(|| throttled.then(|| Duration::from_secs(C::DEFAULT_RETRY_AFTER_SECS)))
    }

    /// Whether the user must authenticate again (the code says so).
    pub fn requires_reauth(&self) -> bool {
        self.code.is_some_and(C::requires_reauth)
    }

    /// Whether retrying can succeed: the route is [`ErrorKind::RateLimited`]
    /// or [`ErrorKind::Transient`], and a known code does not forbid it.
    pub fn is_retryable(&self) -> bool {
        let route_retries = matches!(self.kind(), ErrorKind::RateLimited | ErrorKind::Transient);
        route_retries && self.code.is_none_or(C::is_retryable)
    }

    /// The authentication view, when the route is
    /// [`ErrorKind::ReAuthenticate`] or [`ErrorKind::Auth`].
    pub fn as_auth(&self) -> Option<AuthError<'_, C>> {
        AuthError::of(self)
    }

    /// The validation view, when the route is [`ErrorKind::Validation`].
    pub fn as_validation(&self) -> Option<ValidationError<'_, C>> {
        ValidationError::of(self)
    }
}

/// One line: `HTTP 429 RATE_LIMIT_EXCEEDED: Request rate limit exceeded`,
/// with controls, line separators and bidi controls in server text written as
/// escapes (`\u{202e}`), and
/// `(body cut at 65536 bytes)` after a body longer than the limit.
impl<C: Catalogue> fmt::Display for ApiError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.wire_code {
            write!(f, " {}", ServerText(code))?;
        }
        match (&self.message, self.code, &self.raw_body) {
            (Some(message), ..) => write!(f, ": {}", ServerText(message))?,
            (None, Some(code), _) => write!(f, ": {}", ServerText(code.message()))?,
            (None, None, Some(raw)) => write!(f, ": not an error body ({} bytes)", raw.len())?,
            (None, None, None) => {}
        }
        match self.cut_at {
            Some(limit) => write!(f, " (body cut at {limit} bytes)"),
            None => Ok(()),
        }
    }
}

impl<C: Catalogue> std::error::Error for ApiError<C> {}

/// The catalogue's code for `sent`: the code written exactly so, else the
/// AWS forms read as smithy-rs reads them: the part before the first `:`
/// (`ThrottlingException:http://internal.amazon.com/…`), then after the last
/// `#` (`com.amazonaws.dynamodb.v20120810#ThrottlingException`). With the
/// code, the AWS name it was found under, when that is not `sent`.
fn known_code<C: Catalogue>(sent: &str) -> (Option<C>, Option<&str>) {
    if let Some(code) = C::from_code(sent) {
        return (Some(code), None);
    }
    let before_colon = sent.split(':').next().unwrap_or(sent);
    let name = before_colon.rsplit('#').next().unwrap_or(before_colon);
    match C::from_code(name) {
        Some(code) if name != sent => (Some(code), Some(name)),
        _ => (None, None),
    }
}

/// The request id as sent, without surrounding spaces and tabs (the
/// optional whitespace of HTTP); `None` when empty or when it holds a
/// character [`ServerText`] would escape (CR, LF, NUL, other controls, line
/// separators, bidi controls): an id that could forge or reorder log lines is
/// left out whole rather than passed on altered.
fn plain_request_id(value: &str) -> Option<String> {
    let value = value.trim_matches([' ', '\t']);
    (!value.is_empty() && !value.chars().any(is_escaped)).then(|| value.to_owned())
}

/// `bytes` without a character cut in two at its end: a body cut at the limit
/// keeps whole characters only, so that text stays text.
fn whole_characters(bytes: &[u8]) -> &[u8] {
    match std::str::from_utf8(bytes) {
        Err(err) if err.error_len().is_none() => &bytes[..err.valid_up_to()],
        _ => bytes,
    }
}

/// Text from the server as it may be shown on one log line: controls (CR,
/// LF, NUL, ...), the Unicode line and paragraph separators and the bidi
/// controls are written as Rust escapes (`\u{202e}`), so that server text can
/// neither start a forged line nor reorder what a reader sees.
pub(crate) struct ServerText<'a>(pub(crate) &'a str);

impl fmt::Display for ServerText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if is_escaped(c) {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// Whether [`ServerText`] escapes `c`: a control character, U+2028 LINE
/// SEPARATOR, U+2029 PARAGRAPH SEPARATOR, or a bidi control (U+061C, U+200E,
/// U+200F, U+202A–U+202E, U+2066–U+2069).
fn is_escaped(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::super::testing::TestCode;
    use super::*;

    type ApiError = super::ApiError<TestCode>;
    const RETRY_AFTER_HEADER: &str = TestCode::RETRY_AFTER_HEADER;
    const REQUEST_ID_HEADER: &str = TestCode::REQUEST_ID_HEADER;
    const DEFAULT_RETRY_AFTER_SECS: u64 = TestCode::DEFAULT_RETRY_AFTER_SECS;

    fn read(status: u16, body: &str) -> ApiError {
        ApiError::from_parts(status, &[], body.as_bytes())
    }

    fn body_of(code: TestCode) -> String {
        let message = JsonValue::String(code.message().to_owned());
        format!(r#"{{"error": {message}, "code": "{}"}}"#, code.as_str())
    }

    #[test]
    fn every_known_code_is_read_with_its_status_and_route() {
        for &code in TestCode::ALL {
            let err = read(code.http_status(), &body_of(code));
            assert_eq!(err.code(), Some(code));
            assert_eq!(err.wire_code(), Some(code.as_str()));
            assert_eq!(err.message(), Some(code.message()));
            assert_eq!(err.status(), code.http_status());
            assert_eq!(err.category_id(), Some(code.category_id()));
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
        for (status, body) in [
            (502, ""),
            (502, html),
            (500, r#"{"error": "cut"#),
            (500, "[1, 2]"),
            (503, "null"),
        ] {
            let err = read(status, body);
            assert_eq!(err.status(), status);
            assert_eq!((err.code(), err.wire_code(), err.message()), (None, None, None));
            assert_eq!(err.raw_body(), Some(body.as_bytes()), "{body:?}");
            assert_eq!(err.kind(), ErrorKind::of::<TestCode>(status, None));
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

        let unknown = read(
            503,
            r#"{"error": "later", "code": "NOT_IN_ANY_CATALOGUE_XYZ", "details": null}"#,
        );
        assert_eq!(unknown.code(), None);
        assert_eq!(unknown.wire_code(), Some("NOT_IN_ANY_CATALOGUE_XYZ"));
        assert_eq!(unknown.details(), None);
        assert_eq!(unknown.category_id(), None);
        assert_eq!(unknown.kind(), ErrorKind::Transient);
        assert!(unknown.is_retryable());
        assert_eq!(unknown.to_string(), "HTTP 503 NOT_IN_ANY_CATALOGUE_XYZ: later");
    }

    #[test]
    fn display_is_one_line() {
        let err = read(500, r#"{"error": "line one\nline two", "code": "A\rB"}"#);
        assert_eq!(err.to_string(), "HTTP 500 A\\u{d}B: line one\\u{a}line two");
        assert_eq!(read(404, "").to_string(), "HTTP 404: not an error body (0 bytes)");
        for &code in TestCode::ALL {
            let err = read(code.http_status(), &format!(r#"{{"code": "{}"}}"#, code.as_str()));
            let message = ServerText(code.message()).to_string();
            assert_eq!(
                err.to_string(),
                format!("HTTP {} {}: {message}", code.http_status(), code.as_str())
            );
        }
    }

    #[test]
    fn the_request_id_header_is_found_whatever_its_case() {
        for name in [
            REQUEST_ID_HEADER.to_owned(),
            REQUEST_ID_HEADER.to_ascii_lowercase(),
            REQUEST_ID_HEADER.to_ascii_uppercase(),
        ] {
            let err = ApiError::from_parts(500, &[("Content-Type", "text/html"), (&name, " req-42 ")], b"");
            assert_eq!(err.request_id(), Some("req-42"));
        }
        assert_eq!(read(500, "").request_id(), None);
        assert_eq!(
            ApiError::from_parts(500, &[(REQUEST_ID_HEADER, " ")], b"").request_id(),
            None
        );
    }

    #[test]
    fn the_larger_valid_hint_wins_and_garbage_is_ignored() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        let hint = |headers: &[(&str, &str)]| ApiError::from_parts_at(429, headers, b"", now).retry_hint();
        assert_eq!(hint(&[(RETRY_AFTER_HEADER, "3")]), Some(Duration::from_secs(3)));
        assert_eq!(hint(&[(RETRY_AFTER_HEADER, "0.5")]), Some(Duration::from_millis(500)));
        assert_eq!(
            hint(&[("retry-after", "Sun, 06 Nov 1994 08:49:47 GMT")]),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            hint(&[("Retry-After", "Sun, 06 Nov 1994 08:00:00 GMT")]),
            Some(Duration::ZERO)
        );
        assert_eq!(
            hint(&[(RETRY_AFTER_HEADER, "3"), ("Retry-After", "9")]),
            Some(Duration::from_secs(9))
        );
        assert_eq!(
            hint(&[(RETRY_AFTER_HEADER, "later"), ("Retry-After", "4")]),
            Some(Duration::from_secs(4))
        );
        for garbage in ["", "soon", "-5", "1e9", "NaN"] {
            assert_eq!(
                hint(&[(RETRY_AFTER_HEADER, garbage), ("Retry-After", garbage)]),
                None,
                "{garbage:?}"
            );
        }
        assert_eq!(
            hint(&[(RETRY_AFTER_HEADER, "1000000000000")]),
            Some(Duration::from_secs(1_000_000_000_000))
        );
    }

    #[test]
    fn retry_after_falls_back_to_the_catalogue_default_only_for_throttled_codes() {
        let default = Duration::from_secs(DEFAULT_RETRY_AFTER_SECS);
        for &code in TestCode::ALL {
            let err = read(code.http_status(), &body_of(code));
            let expected = (code.retry() == Retry::Throttled).then_some(default);
            assert_eq!(err.retry_after(), expected, "{code:?}");
            let hinted = ApiError::from_parts(
                code.http_status(),
                &[(RETRY_AFTER_HEADER, "2")],
                body_of(code).as_bytes(),
            );
            assert_eq!(hinted.retry_after(), Some(Duration::from_secs(2)), "{code:?}");
        }
        assert_eq!(read(429, "").retry_after(), None);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn an_error_body_is_offered_as_error_body() {
        let err = read(
            422,
            r#"{"error": "missing", "code": "SOME_CODE", "details": {"field": "email", "value": 3}}"#,
        );
        let body = err.body().expect("an error body");
        assert_eq!(
            (body.message.as_deref(), body.code.as_str()),
            (Some("missing"), "SOME_CODE")
        );
        let details = body.details.expect("details");
        assert_eq!(details.field(), Some("email"));
        assert_eq!(details.value(), Some(&serde_json::json!(3)));
        let listed = read(422, r#"{"error": "x", "code": "Y", "details": [1]}"#)
            .body()
            .expect("a body");
        assert_eq!(
            listed.details.and_then(|details| details.as_array().cloned()),
            Some(vec![1.into()])
        );
        assert_eq!(read(422, r#"{"error": "x", "code": "Y", "details": 1}"#).body(), None);
        assert_eq!(read(422, r#"{"error": "x"}"#).body(), None);
        assert_eq!(read(502, "<html>").body(), None);
        // A known code's body is the one its server writes.
        for &code in TestCode::ALL {
            let body = super::super::body::ErrorBody::new(code);
            let json = serde_json::to_string(&body).unwrap();
            assert_eq!(read(code.http_status(), &json).body(), Some(body));
        }
    }

    /// Replies of real APIs, each read through its catalogue's envelope.
    mod envelopes {
        use super::super::super::kind::ErrorKind;
        use super::super::super::testing::{AwsCode, GoogleCode, JsonRpcCode, OAuthCode, StripeCode};
        use super::super::ApiError;
        use std::time::Duration;

        #[test]
        fn oauth_replies_are_read_at_error_and_error_description() {
            // RFC 6749 §5.2.
            let body = br#"{"error": "invalid_grant", "error_description": "The refresh token has expired", "error_uri": "https://example.com/e"}"#;
            let read = ApiError::<OAuthCode>::from_parts(400, &[], body);
            assert_eq!(read.code(), Some(OAuthCode::InvalidGrant));
            assert_eq!(read.message(), Some("The refresh token has expired"));
            assert_eq!((read.kind(), read.requires_reauth()), (ErrorKind::ReAuthenticate, true));
            // RFC 8628 §3.5: slow_down is a 400 that asks to wait.
            let read = ApiError::<OAuthCode>::from_parts(400, &[], br#"{"error": "slow_down"}"#);
            assert_eq!(
                (read.code(), read.kind()),
                (Some(OAuthCode::SlowDown), ErrorKind::RateLimited)
            );
            assert_eq!(read.retry_after(), Some(Duration::from_secs(5)));
            assert_eq!(read.details(), None);
        }

        #[test]
        fn google_replies_are_read_in_the_nested_error_with_its_details_array() {
            // AIP-193.
            let body = br#"{"error": {"code": 429, "message": "Quota exceeded for quota metric 'Queries'", "status": "RESOURCE_EXHAUSTED", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com"}]}}"#;
            let read = ApiError::<GoogleCode>::from_parts(429, &[("Retry-After", "7")], body);
            assert_eq!(read.code(), Some(GoogleCode::ResourceExhausted));
            assert_eq!(read.wire_code(), Some("RESOURCE_EXHAUSTED"));
            assert_eq!(read.message(), Some("Quota exceeded for quota metric 'Queries'"));
            let details = read.details().and_then(|details| details.as_array()).expect("an array");
            assert_eq!(
                details[0].get("reason").and_then(|r| r.as_str()),
                Some("RATE_LIMIT_EXCEEDED")
            );
            assert_eq!(
                (read.kind(), read.retry_hint()),
                (ErrorKind::RateLimited, Some(Duration::from_secs(7)))
            );
            assert!(read.is_retryable());
            let read = ApiError::<GoogleCode>::from_parts(
                401,
                &[],
                br#"{"error": {"code": 401, "message": "Request had invalid authentication credentials.", "status": "UNAUTHENTICATED"}}"#,
            );
            assert_eq!(
                (read.code(), read.requires_reauth()),
                (Some(GoogleCode::Unauthenticated), true)
            );
        }

        #[test]
        fn stripe_replies_are_read_at_error_code_without_details() {
            let body = br#"{"error": {"type": "card_error", "code": "card_declined", "decline_code": "generic_decline", "message": "Your card was declined.", "param": "", "doc_url": "https://stripe.com/docs/error-codes/card-declined"}}"#;
            let read = ApiError::<StripeCode>::from_parts(402, &[("Request-Id", "req_123")], body);
            assert_eq!(read.code(), Some(StripeCode::CardDeclined));
            assert_eq!(read.message(), Some("Your card was declined."));
            assert_eq!((read.details(), read.request_id()), (None, Some("req_123")));
            assert_eq!((read.kind(), read.is_retryable()), (ErrorKind::Client, false));
            let unknown = ApiError::<StripeCode>::from_parts(400, &[], br#"{"error": {"code": "new_code"}}"#);
            assert_eq!((unknown.code(), unknown.wire_code()), (None, Some("new_code")));
            // A code where the flat body has it is not Stripe's.
            let flat = ApiError::<StripeCode>::from_parts(402, &[], br#"{"code": "card_declined"}"#);
            assert_eq!(flat.code(), None);
        }

        #[test]
        fn json_rpc_errors_on_status_200_are_errors_with_integer_codes() {
            let body = br#"{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "1"}"#;
            let read = ApiError::<JsonRpcCode>::from_parts(200, &[], body);
            assert!(read.is_error());
            assert_eq!(
                (read.code(), read.wire_code()),
                (Some(JsonRpcCode::MethodNotFound), Some("-32601"))
            );
            assert_eq!((read.kind(), read.is_retryable()), (ErrorKind::Client, false));
            let busy = br#"{"jsonrpc": "2.0", "error": {"code": -32000, "message": "busy", "data": {"retry": true}}, "id": 2}"#;
            let read = ApiError::<JsonRpcCode>::from_parts(200, &[], busy);
            assert_eq!(
                (read.code(), read.kind()),
                (Some(JsonRpcCode::ServerBusy), ErrorKind::Transient)
            );
            assert!(read.is_retryable() && read.details().is_some_and(|data| data.is_object()));
            let success =
                ApiError::<JsonRpcCode>::from_parts(200, &[], br#"{"jsonrpc": "2.0", "result": 19, "id": 1}"#);
            assert!(!success.is_error());
            // Integer codes are JSON numbers: neither a string nor a fraction is one.
            for body in [
                &br#"{"error": {"code": "-32601"}}"#[..],
                br#"{"error": {"code": -32601.0}}"#,
            ] {
                assert_eq!(ApiError::<JsonRpcCode>::from_parts(200, &[], body).wire_code(), None);
            }
        }

        #[test]
        fn aws_codes_are_read_from_type_or_the_header_in_their_long_forms() {
            let body = br#"{"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException", "message": "Rate of requests exceeds the allowed throughput."}"#;
            let read = ApiError::<AwsCode>::from_parts(400, &[], body);
            assert_eq!(
                (read.code(), read.wire_code()),
                (Some(AwsCode::Throttling), Some("ThrottlingException"))
            );
            assert_eq!(read.kind(), ErrorKind::RateLimited);
            let header = [(
                "X-Amzn-ErrorType",
                "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            )];
            let read = ApiError::<AwsCode>::from_parts(400, &header, br#"{"message": "Rate exceeded"}"#);
            assert_eq!(
                (read.code(), read.message()),
                (Some(AwsCode::Throttling), Some("Rate exceeded"))
            );
            // The body's code comes first.
            let read = ApiError::<AwsCode>::from_parts(400, &header, br#"{"__type": "AccessDeniedException"}"#);
            assert_eq!(read.code(), Some(AwsCode::AccessDenied));
            let unknown = ApiError::<AwsCode>::from_parts(400, &[("x-amzn-errortype", "NewException:http://x/")], b"");
            assert_eq!(
                (unknown.code(), unknown.wire_code()),
                (None, Some("NewException:http://x/"))
            );
        }
    }
}
