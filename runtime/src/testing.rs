//! Test catalogues for the runtime's own unit tests: [`TestCode`], a handful
//! of codes covering every retry class, re-authentication, 4xx and 5xx, and
//! [`OtherCode`], a second API's catalogue, for checking that one budget and
//! one set of stats serve several catalogues.

use super::catalogue::{Catalogue, FieldErrorsAt, Retry, Wire};

/// Declares a test catalogue enum and implements [`Catalogue`] for it from a
/// table, as the generated code does from the catalogue file.
macro_rules! test_catalogue {
    (
        $(#[$doc:meta])*
        enum $code:ident {
            api: $api:literal, retry_header: $retry_header:literal, default_secs: $default_secs:literal,
            request_id: $request_id:literal, docs: $docs:literal, wire: $layout:expr,
            $( $variant:ident = $wire:literal, $status:literal, $category:literal, $retry:ident, $reauth:literal, $message:literal; )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) enum $code {
            $( $variant, )*
        }

        impl Catalogue for $code {
            const API_NAME: &'static str = $api;
            const ALL: &'static [$code] = &[$( $code::$variant, )*];
            const RETRY_AFTER_HEADER: &'static str = $retry_header;
            const DEFAULT_RETRY_AFTER_SECS: u64 = $default_secs;
            const REQUEST_ID_HEADER: &'static str = $request_id;
            const WIRE: Wire = $layout;

            fn from_code(code: &str) -> Option<$code> {
                match code {
                    $( $wire => Some($code::$variant), )*
                    _ => None,
                }
            }
            fn as_str(self) -> &'static str {
                match self { $( $code::$variant => $wire, )* }
            }
            fn index(self) -> usize {
                self as usize
            }
            fn http_status(self) -> u16 {
                match self { $( $code::$variant => $status, )* }
            }
            fn message(self) -> &'static str {
                match self { $( $code::$variant => $message, )* }
            }
            fn doc_url(self) -> &'static str {
                match self { $( $code::$variant => concat!($docs, "#", $wire), )* }
            }
            fn category_id(self) -> &'static str {
                match self { $( $code::$variant => $category, )* }
            }
            fn retry(self) -> Retry {
                match self { $( $code::$variant => Retry::$retry, )* }
            }
            fn requires_reauth(self) -> bool {
                match self { $( $code::$variant => $reauth, )* }
            }
        }
    };
}

test_catalogue! {
    /// The test API: every retry class, re-authentication, 4xx and 5xx, and a
    /// message with a line break.
    enum TestCode {
        api: "Test API", retry_header: "X-Test-Retry-After", default_secs: 30,
        request_id: "X-Test-Request-Id", docs: "https://docs.test.example/errors", wire: Wire::FLAT,
        InvalidParameter = "INVALID_PARAMETER", 400, "validation", Never, false, "A parameter is invalid";
        InvalidKey = "AUTH_INVALID_KEY", 401, "auth", Never, false, "API key is invalid";
        SessionExpired = "AUTH_SESSION_EXPIRED", 401, "auth", Never, true, "Session has expired";
        Forbidden = "FORBIDDEN", 403, "auth", Never, false, "Not allowed";
        RateLimited = "RATE_LIMITED", 429, "rate_limit", Throttled, false, "Too many requests";
        Internal = "INTERNAL_ERROR", 500, "server", Never, false, "Internal error\n(second line)";
        Upstream = "UPSTREAM_ERROR", 502, "server", Transient, false, "Upstream failed";
        Maintenance = "MAINTENANCE", 503, "server", Throttled, false, "Down for maintenance";
    }
}

test_catalogue! {
    /// A second API, whose retry header is the standard `Retry-After`.
    enum OtherCode {
        api: "Other API", retry_header: "Retry-After", default_secs: 5,
        request_id: "X-Other-Request-Id", docs: "https://docs.other.example/errors", wire: Wire::FLAT,
        NotFound = "NOT_FOUND", 404, "lookup", Never, false, "No such thing";
        SlowDown = "SLOW_DOWN", 429, "rate_limit", Throttled, false, "Slow down";
        Timeout = "GATEWAY_TIMEOUT", 504, "server", Transient, false, "Gateway timed out";
    }
}

test_catalogue! {
    /// OAuth 2.0 (RFC 6749 §5.2, RFC 8628 §3.5): a flat body whose code is
    /// `error` and message `error_description`.
    enum OAuthCode {
        api: "OAuth", retry_header: "Retry-After", default_secs: 5,
        request_id: "X-Request-Id", docs: "https://www.rfc-editor.org/rfc/rfc6749",
        wire: Wire { code: "/error", integer_code: false, message: Some("/error_description"), details: None, code_header: None, doc_url: Some("/error_uri"), ..Wire::FLAT },
        InvalidGrant = "invalid_grant", 400, "token", Never, true, "The grant is invalid";
        SlowDown = "slow_down", 400, "device", Throttled, false, "Poll more slowly";
    }
}

test_catalogue! {
    /// Google APIs (AIP-193): `{"error": {"code": 429, "status": "…",
    /// "message": "…", "details": [...]}}`, the code being `status`.
    enum GoogleCode {
        api: "Google", retry_header: "Retry-After", default_secs: 30,
        request_id: "X-Request-Id", docs: "https://cloud.google.com/apis/design/errors",
        wire: Wire { code: "/error/status", integer_code: false, message: Some("/error/message"), details: Some("/error/details"), code_header: None, status: Some("/error/code"),
            field_errors: Some(FieldErrorsAt { entries: "/error/details/*/fieldViolations/*", field: "field", message: Some("description"), value: None }), ..Wire::FLAT },
        ResourceExhausted = "RESOURCE_EXHAUSTED", 429, "quota", Throttled, false, "Quota exhausted";
        Unauthenticated = "UNAUTHENTICATED", 401, "auth", Never, true, "Not authenticated";
        InvalidArgument = "INVALID_ARGUMENT", 400, "request", Never, false, "Invalid argument";
    }
}

test_catalogue! {
    /// Stripe: `{"error": {"type": "…", "code": "…", "message": "…"}}`, no details.
    enum StripeCode {
        api: "Stripe", retry_header: "Retry-After", default_secs: 1,
        request_id: "Request-Id", docs: "https://stripe.com/docs/error-codes",
        wire: Wire { code: "/error/code", integer_code: false, message: Some("/error/message"), details: None, code_header: None, doc_url: Some("/error/doc_url"), category: Some("/error/type"),
            field_errors: Some(FieldErrorsAt { entries: "/error", field: "param", message: Some("message"), value: None }), ..Wire::FLAT },
        CardDeclined = "card_declined", 402, "card", Never, false, "The card was declined";
        LockTimeout = "lock_timeout", 429, "api", Transient, false, "Could not lock the object";
    }
}

test_catalogue! {
    /// JSON-RPC 2.0: integer codes at `/error/code`, sent with status 200.
    enum JsonRpcCode {
        api: "JSON-RPC", retry_header: "Retry-After", default_secs: 1,
        request_id: "X-Request-Id", docs: "https://www.jsonrpc.org/specification",
        wire: Wire { code: "/error/code", integer_code: true, message: Some("/error/message"), details: Some("/error/data"), code_header: None, constants: &[("/jsonrpc", "\"2.0\"")], ..Wire::FLAT },
        MethodNotFound = "-32601", 200, "request", Never, false, "Method not found";
        ServerBusy = "-32000", 200, "server", Transient, false, "Server busy";
    }
}

test_catalogue! {
    /// AWS JSON protocols: the code in `__type` or the `x-amzn-ErrorType` header.
    enum AwsCode {
        api: "AWS", retry_header: "Retry-After", default_secs: 1,
        request_id: "x-amzn-RequestId", docs: "https://docs.aws.amazon.com/",
        wire: Wire { code: "/__type", integer_code: false, message: Some("/message"), details: None, code_header: Some("x-amzn-ErrorType"), ..Wire::FLAT },
        Throttling = "ThrottlingException", 400, "throttling", Throttled, false, "Rate exceeded";
        AccessDenied = "AccessDeniedException", 400, "auth", Never, false, "Access denied";
    }
}

/// [`TestCode`] under a type of its own for each `N`: as many distinct
/// catalogues as a test needs, for the limit on catalogues per
/// [`ErrorStats`](super::stats::ErrorStats).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Nth<const N: usize>(pub(crate) TestCode);

impl<const N: usize> Catalogue for Nth<N> {
    const API_NAME: &'static str = TestCode::API_NAME;
    const ALL: &'static [Nth<N>] = &{
        let mut all = [Nth(TestCode::ALL[0]); TestCode::ALL.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = Nth(TestCode::ALL[i]);
            i += 1;
        }
        all
    };
    const RETRY_AFTER_HEADER: &'static str = TestCode::RETRY_AFTER_HEADER;
    const DEFAULT_RETRY_AFTER_SECS: u64 = TestCode::DEFAULT_RETRY_AFTER_SECS;
    const REQUEST_ID_HEADER: &'static str = TestCode::REQUEST_ID_HEADER;

    fn from_code(code: &str) -> Option<Nth<N>> {
        TestCode::from_code(code).map(Nth)
    }
    fn as_str(self) -> &'static str {
        self.0.as_str()
    }
    fn index(self) -> usize {
        self.0.index()
    }
    fn http_status(self) -> u16 {
        self.0.http_status()
    }
    fn message(self) -> &'static str {
        self.0.message()
    }
    fn doc_url(self) -> &'static str {
        self.0.doc_url()
    }
    fn category_id(self) -> &'static str {
        self.0.category_id()
    }
    fn retry(self) -> Retry {
        self.0.retry()
    }
    fn requires_reauth(self) -> bool {
        self.0.requires_reauth()
    }
}
