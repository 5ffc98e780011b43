//! Test catalogues for the runtime's own unit tests: [`TestCode`], a handful
//! of codes covering every retry class, re-authentication, 4xx and 5xx, and
//! [`OtherCode`], a second API's catalogue, for checking that one budget and
//! one set of stats serve several catalogues.

use super::catalogue::{Catalogue, Retry};

/// Declares a test catalogue enum and implements [`Catalogue`] for it from a
/// table, as the generated code does from the catalogue file.
macro_rules! test_catalogue {
    (
        $(#[$doc:meta])*
        enum $code:ident {
            api: $api:literal, retry_header: $retry_header:literal, default_secs: $default_secs:literal,
            request_id: $request_id:literal, docs: $docs:literal,
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
        request_id: "X-Test-Request-Id", docs: "https://docs.test.example/errors",
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
        request_id: "X-Other-Request-Id", docs: "https://docs.other.example/errors",
        NotFound = "NOT_FOUND", 404, "lookup", Never, false, "No such thing";
        SlowDown = "SLOW_DOWN", 429, "rate_limit", Throttled, false, "Slow down";
        Timeout = "GATEWAY_TIMEOUT", 504, "server", Transient, false, "Gateway timed out";
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
