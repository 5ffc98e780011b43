//! The recovery route of an error reply, for any catalogue: from the code's
//! catalogue entry when the code is known, else from the HTTP status alone.

use super::catalogue::{Catalogue, Retry};

/// Where a client should route an error reply: the recovery logic it needs.
///
/// Derived from the code's catalogue entry (re-auth flag, retry class) first,
/// then from the HTTP status, so it works for codes the catalogue does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The user must sign in again (a code the catalogue marks for re-authentication).
    ReAuthenticate,
    /// Any other 401 or 403: the credentials or permissions are wrong.
    Auth,
    /// A 400 or 422: the request must be fixed before it is sent again.
    Validation,
    /// A throttled code, or a 429: wait for the server's hint, then retry.
    RateLimited,
    /// Another retryable code, or a 502, 503 or 504 without a known code: back off and retry.
    Transient,
    /// Any other 5xx.
    Server,
    /// Any other status: the request as sent cannot succeed.
    Client,
}

impl ErrorKind {
    /// The route for a reply with `status` and, when the body carried a known
    /// code, that `code`.
    pub fn of<C: Catalogue>(status: u16, code: Option<C>) -> ErrorKind {
        if let Some(code) = code {
            if code.requires_reauth() {
                return ErrorKind::ReAuthenticate;
            }
            match code.retry() {
                Retry::Throttled => return ErrorKind::RateLimited,
                Retry::Transient => return ErrorKind::Transient,
                Retry::Never => {}
            }
        }
        match status {
            401 | 403 => ErrorKind::Auth,
            400 | 422 => ErrorKind::Validation,
            429 => ErrorKind::RateLimited,
            502..=504 if code.is_none() => ErrorKind::Transient,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Client,
        }
    }

    /// A stable lower-case name, e.g. `rate_limited`, for logs and metric labels:
    /// the snake_case of the variant, the same string the TypeScript and Python
    /// clients use for their `kind`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::ReAuthenticate => "re_authenticate",
            ErrorKind::Auth => "auth",
            ErrorKind::Validation => "validation",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Transient => "transient",
            ErrorKind::Server => "server",
            ErrorKind::Client => "client",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::TestCode;
    use super::*;

    #[test]
    fn without_a_known_code_the_status_decides() {
        let cases = [
            (401, ErrorKind::Auth),
            (403, ErrorKind::Auth),
            (400, ErrorKind::Validation),
            (422, ErrorKind::Validation),
            (429, ErrorKind::RateLimited),
            (502, ErrorKind::Transient),
            (503, ErrorKind::Transient),
            (504, ErrorKind::Transient),
            (500, ErrorKind::Server),
            (501, ErrorKind::Server),
            (599, ErrorKind::Server),
            (404, ErrorKind::Client),
            (409, ErrorKind::Client),
            (0, ErrorKind::Client),
            (302, ErrorKind::Client),
        ];
        for (status, kind) in cases {
            assert_eq!(ErrorKind::of::<TestCode>(status, None), kind, "{status}");
        }
    }

    #[test]
    fn a_known_code_decides_by_its_catalogue_entry() {
        for &code in TestCode::ALL {
            let kind = ErrorKind::of(code.http_status(), Some(code));
            if code.requires_reauth() {
                assert_eq!(kind, ErrorKind::ReAuthenticate, "{code:?}");
            } else if code.retry() == Retry::Throttled {
                assert_eq!(kind, ErrorKind::RateLimited, "{code:?}");
            } else if code.retry() == Retry::Transient {
                assert_eq!(kind, ErrorKind::Transient, "{code:?}");
            } else {
                // A code that is never retried is not routed to a retry, whatever its status.
                assert!(
                    !matches!(kind, ErrorKind::Transient | ErrorKind::ReAuthenticate),
                    "{code:?}"
                );
            }
        }
    }
}
