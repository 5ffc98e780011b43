//! Feature `axum`: [`ErrorResponse`], the server side of the catalogue.

use std::time::Duration;

use axum::body::Body;
use axum::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::catalogue::{Catalogue, Retry};
use super::envelope::{self, PointerError};
use super::http_support::status_code_of;

/// An error reply from an axum handler: the code's status and an
/// `application/json` body laid out as the catalogue's
/// [`Wire`](super::catalogue::Wire) says (the flat `{"error", "code",
/// "details"}` by default), plus the retry header on throttled codes (the
/// catalogue's default delay unless [`retry_after`](ErrorResponse::retry_after)
/// sets one) and the code in the catalogue's code header, if it names one
/// (AWS's `x-amzn-ErrorType`).
///
/// Members the envelope does not cover (JSON-RPC's `id`, Stripe's `param`)
/// are set with [`member`](ErrorResponse::member). **The envelope wins:** the
/// code, message, details, status, doc link, category and constants are
/// always written where the catalogue puts them, over any member set at the
/// same place or on its way, so a reply always carries its own code.
///
/// Return it as the error of a handler's `Result`.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponse<C: Catalogue> {
    code: C,
    message: Option<String>,
    details: Option<Value>,
    members: Value,
    retry_after: Option<Duration>,
    request_id: Option<String>,
}

impl<C: Catalogue> ErrorResponse<C> {
    /// The reply for `code`, with the catalogue's message.
    pub fn new(code: C) -> ErrorResponse<C> {
        ErrorResponse {
            code,
            message: None,
            details: None,
            members: Value::Object(Map::new()),
            retry_after: None,
            request_id: None,
        }
    }

    /// A message for developers instead of the catalogue's.
    pub fn message(mut self, message: impl Into<String>) -> ErrorResponse<C> {
        self.message = Some(message.into());
        self
    }

    /// The details, any JSON value (`{"field": "email", "message":
    /// "required"}`, Google's array of typed details), written where the
    /// catalogue's body has them; left out when it has none (Stripe's).
    pub fn details(mut self, details: Value) -> ErrorResponse<C> {
        self.details = Some(details);
        self
    }

    /// Sets the member at `pointer` (RFC 6901) to `value`: a member the
    /// envelope does not cover, e.g. `.member("/id", json!(1))` for JSON-RPC
    /// or `.member("/error/param", json!("amount"))` for Stripe. Objects on
    /// the way are created. Refuses a pointer that is not RFC 6901, the empty
    /// pointer, and one crossing a member that is not an object; a member set
    /// where a part of the envelope goes is overwritten by that part.
    pub fn member(mut self, pointer: &str, value: Value) -> Result<ErrorResponse<C>, PointerError> {
        envelope::set_member(&mut self.members, pointer, value)?;
        Ok(self)
    }

    /// The delay to ask for in the retry header. Sent for any code; throttled
    /// codes get the catalogue's default without it.
    ///
    /// The header carries the delay exactly, in decimal seconds to the
    /// nanosecond (`0.3` for 300 ms, `18446744073709551615.999999999` for
    /// `Duration::MAX`), as the runtime's clients read it. When the catalogue's
    /// header is the standard `Retry-After`, whose delay-seconds are whole
    /// (RFC 9110, section 10.2.3), it is rounded up to whole seconds, at most
    /// `u64::MAX`: a client never retries earlier than asked.
    pub fn retry_after(mut self, delay: Duration) -> ErrorResponse<C> {
        self.retry_after = Some(delay);
        self
    }

    /// The request identifier, sent in the catalogue's request-id header.
    pub fn request_id(mut self, request_id: impl Into<String>) -> ErrorResponse<C> {
        self.request_id = Some(request_id.into());
        self
    }

    /// The code the reply carries.
    pub fn code(&self) -> C {
        self.code
    }

    /// The JSON body, as the catalogue's envelope lays it out over the
    /// members set (see [`envelope::write`]).
    pub fn body(&self) -> Value {
        let message = self.message.as_deref().unwrap_or(self.code.message());
        let members = match &self.members {
            Value::Object(map) => map.clone(),
            _ => Map::new(),
        };
        envelope::write(self.code, message, self.details.as_ref(), members)
    }

    /// The retry header's value, if any: the delay set, else the catalogue's
    /// default for a throttled code.
    fn retry_header_value(&self) -> Option<String> {
        let throttled_default =
            (self.code.retry() == Retry::Throttled).then(|| C::DEFAULT_RETRY_AFTER_SECS.to_string());
        self.retry_after
            .map(|delay| seconds_value(C::RETRY_AFTER_HEADER, delay))
            .or(throttled_default)
    }
}

/// `delay` as the retry header `header` writes it: see
/// [`ErrorResponse::retry_after`]. No arithmetic can overflow: the whole
/// seconds are written as they are, and rounding up saturates.
fn seconds_value(header: &str, delay: Duration) -> String {
    let (secs, nanos) = (delay.as_secs(), delay.subsec_nanos());
    if header.eq_ignore_ascii_case("Retry-After") {
        return secs.saturating_add(u64::from(nanos > 0)).to_string();
    }
    if nanos == 0 {
        return secs.to_string();
    }
    let fraction = format!("{nanos:09}");
    format!("{secs}.{}", fraction.trim_end_matches('0'))
}

impl<C: Catalogue> From<C> for ErrorResponse<C> {
    fn from(code: C) -> ErrorResponse<C> {
        ErrorResponse::new(code)
    }
}

impl<C: Catalogue> IntoResponse for ErrorResponse<C> {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body().to_string()));
        *response.status_mut() = status_code_of(self.code);
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let retry = self.retry_header_value().map(|value| (C::RETRY_AFTER_HEADER, value));
        let request_id = self.request_id.map(|id| (C::REQUEST_ID_HEADER, id));
        let code_header = C::WIRE.code_header.map(|name| (name, self.code.as_str().to_owned()));
        for (name, value) in retry.into_iter().chain(request_id).chain(code_header) {
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
    use super::super::api_error::ApiError;
    use super::super::testing::{AwsCode, GoogleCode, JsonRpcCode, OAuthCode, OtherCode, StripeCode, TestCode};
    use super::*;
    use serde_json::json;
    use std::future::Future;

    /// The body bytes of `response`, as a client receives them: the body is
    /// in memory, so one poll reads it whole.
    fn bytes_of(response: Response) -> Vec<u8> {
        let reading = std::pin::pin!(axum::body::to_bytes(response.into_body(), usize::MAX));
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        match reading.poll(&mut context) {
            std::task::Poll::Ready(bytes) => bytes.expect("an in-memory body").to_vec(),
            std::task::Poll::Pending => panic!("an in-memory body is ready at once"),
        }
    }

    fn header<'r>(response: &'r Response, name: &str) -> Option<&'r str> {
        response.headers().get(name).and_then(|value| value.to_str().ok())
    }

    // Each check runs for a catalogue with a retry header of its own
    // (`TestCode`) and for one whose retry header is the standard
    // `Retry-After` (`OtherCode`), which takes whole seconds only.

    #[test]
    fn the_test_catalogues_have_both_kinds_of_retry_header() {
        assert!(!TestCode::RETRY_AFTER_HEADER.eq_ignore_ascii_case("Retry-After"));
        assert!(OtherCode::RETRY_AFTER_HEADER.eq_ignore_ascii_case("Retry-After"));
    }

    #[test]
    fn every_code_gets_its_status_json_body_and_retry_header_when_throttled() {
        every_code_gets_its_status_json_body_and_retry_header_when_throttled_in::<TestCode>();
        every_code_gets_its_status_json_body_and_retry_header_when_throttled_in::<OtherCode>();
    }

    #[test]
    fn builder_methods_fill_the_body_and_headers() {
        builder_methods_fill_the_body_and_headers_in::<TestCode>();
        builder_methods_fill_the_body_and_headers_in::<OtherCode>();
    }

    #[test]
    fn any_delay_is_written_without_overflow_and_read_back_no_shorter() {
        any_delay_is_written_without_overflow_and_read_back_no_shorter_in::<TestCode>();
        any_delay_is_written_without_overflow_and_read_back_no_shorter_in::<OtherCode>();
    }

    #[test]
    fn every_code_of_every_test_catalogue_is_sent_in_its_envelope_and_read_back() {
        every_code_is_sent_in_its_envelope_and_read_back_in::<TestCode>();
        every_code_is_sent_in_its_envelope_and_read_back_in::<OAuthCode>();
        every_code_is_sent_in_its_envelope_and_read_back_in::<GoogleCode>();
        every_code_is_sent_in_its_envelope_and_read_back_in::<StripeCode>();
        every_code_is_sent_in_its_envelope_and_read_back_in::<JsonRpcCode>();
        every_code_is_sent_in_its_envelope_and_read_back_in::<AwsCode>();
    }

    fn every_code_is_sent_in_its_envelope_and_read_back_in<C: Catalogue>() {
        for &code in C::ALL {
            let reply = ErrorResponse::new(code);
            let expected = reply.body();
            assert_eq!(expected, envelope::write(code, code.message(), None, Map::new()));
            let response = reply.message("said here").into_response();
            let status = response.status().as_u16();
            assert_eq!(status, code.http_status());
            let body = bytes_of(response);
            let read = ApiError::<C>::from_parts(status, &[], &body);
            assert_eq!(read.code(), Some(code), "{}", String::from_utf8_lossy(&body));
            if C::WIRE.message.is_some() {
                assert_eq!(read.message(), Some("said here"));
            }
        }
    }

    #[test]
    fn the_code_header_carries_the_code_when_the_catalogue_names_one() {
        let response = ErrorResponse::new(AwsCode::Throttling).into_response();
        assert_eq!(header(&response, "x-amzn-errortype"), Some("ThrottlingException"));
        let response = ErrorResponse::new(TestCode::Forbidden).into_response();
        assert_eq!(
            response.headers().len(),
            1,
            "content-type only: {:?}",
            response.headers()
        );
    }

    #[test]
    fn the_flat_body_is_sent_byte_for_byte_as_before() {
        let response = ErrorResponse::new(TestCode::InvalidParameter)
            .details(json!({"field": "email"}))
            .into_response();
        assert_eq!(
            bytes_of(response),
            br#"{"code":"INVALID_PARAMETER","details":{"field":"email"},"error":"A parameter is invalid"}"#
        );
    }

    #[test]
    fn members_are_set_by_pointer_and_the_envelope_wins_over_them() {
        let rpc = ErrorResponse::new(JsonRpcCode::MethodNotFound)
            .member("/id", json!(1))
            .and_then(|reply| reply.member("/jsonrpc", json!("1.0")))
            .and_then(|reply| reply.member("/error/code", json!(0)))
            .unwrap();
        assert_eq!(
            rpc.body(),
            json!({"jsonrpc": "2.0", "id": 1, "error": {"code": -32601, "message": "Method not found"}})
        );
        let stripe = ErrorResponse::new(StripeCode::CardDeclined)
            .member("/error/param", json!("amount"))
            .unwrap()
            .details(json!({"dropped": "Stripe's body has no details"}));
        assert_eq!(stripe.body()["error"]["param"], "amount");
        assert_eq!(stripe.body()["error"]["code"], "card_declined");
        assert_eq!(stripe.body()["error"].get("dropped"), None);
        let google = ErrorResponse::new(GoogleCode::InvalidArgument).details(json!([{"@type": "t"}]));
        assert_eq!(google.body()["error"]["details"], json!([{"@type": "t"}]));
        assert_eq!(google.body()["error"]["code"], 400);
        let refused = ErrorResponse::new(TestCode::Forbidden).member("/code/x", json!(1));
        assert!(refused.is_ok(), "the members hold no code: only the envelope does");
        let refused = ErrorResponse::new(TestCode::Forbidden)
            .member("/a", json!("text"))
            .and_then(|reply| reply.member("/a/b", json!(1)));
        assert_eq!(refused, Err(PointerError::CrossesNonObject("/a/b".to_owned())));
        assert_eq!(
            ErrorResponse::new(TestCode::Forbidden).member("id", json!(1)),
            Err(PointerError::Syntax("id".to_owned()))
        );
    }

    fn every_code_gets_its_status_json_body_and_retry_header_when_throttled_in<C: Catalogue>() {
        for &code in C::ALL {
            let reply = ErrorResponse::new(code);
            assert_eq!(
                reply.body(),
                serde_json::json!({"error": code.message(), "code": code.as_str()})
            );
            let response = reply.into_response();
            assert_eq!(response.status().as_u16(), code.http_status());
            assert_eq!(header(&response, "content-type"), Some("application/json"));
            let expected = (code.retry() == Retry::Throttled).then(|| C::DEFAULT_RETRY_AFTER_SECS.to_string());
            assert_eq!(
                header(&response, C::RETRY_AFTER_HEADER),
                expected.as_deref(),
                "{code:?}"
            );
        }
    }

    fn builder_methods_fill_the_body_and_headers_in<C: Catalogue>() {
        let Some(&code) = C::ALL.first() else { return };
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
        let sent = if C::RETRY_AFTER_HEADER.eq_ignore_ascii_case("Retry-After") {
            "2"
        } else {
            "1.5"
        };
        assert_eq!(header(&response, C::RETRY_AFTER_HEADER), Some(sent));
        assert_eq!(header(&response, C::REQUEST_ID_HEADER), Some("req-9"));
        let bad_id = ErrorResponse::new(code).request_id("line\nbreak").into_response();
        assert_eq!(header(&bad_id, C::REQUEST_ID_HEADER), None);
        // What the server writes, the client reads back.
        let read = ApiError::<C>::from_parts(
            code.http_status(),
            &[(C::RETRY_AFTER_HEADER, sent)],
            reply.body().to_string().as_bytes(),
        );
        assert_eq!((read.code(), read.message()), (Some(code), Some("no such user")));
    }

    fn any_delay_is_written_without_overflow_and_read_back_no_shorter_in<C: Catalogue>() {
        for delay in [
            Duration::ZERO,
            Duration::from_nanos(1),
            Duration::from_millis(300),
            Duration::from_secs(7),
            Duration::MAX,
        ] {
            let value = seconds_value(C::RETRY_AFTER_HEADER, delay);
            let read = ApiError::<C>::from_parts(500, &[(C::RETRY_AFTER_HEADER, &value)], b"").retry_hint();
            // Whole seconds stop at u64::MAX: the standard header cannot say more.
            let floor = delay.min(Duration::from_secs(u64::MAX));
            assert!(read >= Some(floor), "{delay:?} sent as {value:?}, read as {read:?}");
            assert!(
                read <= Some(delay.saturating_add(Duration::from_secs(1))),
                "{delay:?} sent as {value:?}"
            );
        }
    }
}
