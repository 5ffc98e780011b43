//! [`Catalogue`]: what the runtime needs to know about one API's error
//! catalogue, implemented by the generated `ErrorCode` enum, and [`Retry`],
//! the retry class of a code.

use core::fmt;

/// How a client may retry a request that failed with a given code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Retry {
    /// Retrying the same request cannot succeed.
    Never,
    /// Retry with exponential backoff, honouring a server hint when given.
    Transient,
    /// Retry after the server's delay hint, or the catalogue's default.
    Throttled,
}

impl Retry {
    /// Every class, from the strictest.
    pub const ALL: [Retry; 3] = [Retry::Never, Retry::Transient, Retry::Throttled];

    /// Whether a retry can succeed.
    pub const fn is_retryable(self) -> bool {
        !matches!(self, Retry::Never)
    }

    /// The class as the catalogue spells it: `never`, `transient` or `throttled`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::Transient => "transient",
            Retry::Throttled => "throttled",
        }
    }
}

/// Writes the class as the catalogue spells it.
impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Where each part of an error reply lives: the catalogue's `wire:`, as JSON
/// Pointers (RFC 6901) into the reply body. [`Wire::FLAT`], the default,
/// describes `{"error": "…", "code": "…", "details": {…}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Wire {
    /// Where the code is, e.g. `/error/code`.
    pub code: &'static str,
    /// Whether the code is a JSON number (JSON-RPC's `-32601`), kept as its
    /// decimal text, rather than a string.
    pub integer_code: bool,
    /// Where the human-readable message is, if the body has one.
    pub message: Option<&'static str>,
    /// Where the details (an object or an array) are, if the body has them.
    pub details: Option<&'static str>,
    /// A response header that carries the code when the body does not
    /// (AWS: `x-amzn-ErrorType`).
    pub code_header: Option<&'static str>,
    /// Where the body repeats the reply's HTTP status as an integer
    /// (Google's `/error/code`).
    pub status: Option<&'static str>,
    /// Where the body carries the code's documentation link (Stripe's
    /// `/error/doc_url`, OAuth 2.0's `/error_uri`).
    pub doc_url: Option<&'static str>,
    /// Where the body carries the id of the code's category (Stripe's
    /// `/error/type`).
    pub category: Option<&'static str>,
    /// Members every reply carries with one value, as (pointer, the value as
    /// JSON text): JSON-RPC's `("/jsonrpc", "\"2.0\"")`.
    pub constants: &'static [(&'static str, &'static str)],
    /// Where a validation error lists the request fields it rejects; `None`
    /// reads them from the details in the default shapes (see
    /// [`ValidationError::field_errors`](super::views::ValidationError::field_errors)).
    pub field_errors: Option<FieldErrorsAt>,
}

/// Where the field errors of a reply are (`wire.field_errors`): Stripe's
/// `/error` with its `param`, Google's
/// `/error/details/*/fieldViolations/*` with `field` and `description`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldErrorsAt {
    /// Where each entry is: a JSON Pointer in which a `*` key stands for
    /// every element of an array, so one pattern can name many entries.
    pub entries: &'static str,
    /// The entry's member that names the request field (`field`, `param`);
    /// an entry without it as a string is no field error.
    pub field: &'static str,
    /// The entry's member that says what is wrong (`description`, `message`).
    pub message: Option<&'static str>,
    /// The entry's member that echoes the rejected value.
    pub value: Option<&'static str>,
}

impl Wire {
    /// The flat body `{error, code, details}`, without a code header.
    pub const FLAT: Wire = Wire {
        code: "/code",
        integer_code: false,
        message: Some("/error"),
        details: Some("/details"),
        code_header: None,
        status: None,
        doc_url: None,
        category: None,
        constants: &[],
        field_errors: None,
    };
}

/// One API's error catalogue, as the generated code describes it: implemented
/// by the generated `ErrorCode` enum. Everything in the runtime is generic over
/// it, so one runtime serves every catalogue, and one
/// [`RetryBudget`](super::budget::RetryBudget) or
/// [`ErrorStats`](super::stats::ErrorStats) serves several at once.
pub trait Catalogue: Copy + Eq + core::hash::Hash + fmt::Debug + Send + Sync + 'static {
    /// The API's name, e.g. "OFAuth API" (labels stats and alerts).
    const API_NAME: &'static str;
    /// Every code, in catalogue order: `ALL[code.index()] == code`.
    const ALL: &'static [Self];
    /// The header carrying the API's retry hint in seconds (e.g. "X-RateLimit-Retry-After").
    const RETRY_AFTER_HEADER: &'static str;
    /// Seconds to wait on a throttled reply without a hint.
    const DEFAULT_RETRY_AFTER_SECS: u64;
    /// The header carrying the API's request id (e.g. "X-Request-Id").
    const REQUEST_ID_HEADER: &'static str;
    /// Where each part of an error reply lives; the flat body by default.
    const WIRE: Wire = Wire::FLAT;

    /// The code whose wire string is `code`, if the catalogue has one.
    fn from_code(code: &str) -> Option<Self>;
    /// The code's wire string, e.g. "RATE_LIMIT_EXCEEDED".
    fn as_str(self) -> &'static str;
    /// The code's position in [`ALL`](Catalogue::ALL).
    fn index(self) -> usize;
    /// The HTTP status the code is sent with.
    fn http_status(self) -> u16;
    /// The code's catalogue message.
    fn message(self) -> &'static str;
    /// The link to the code's documentation.
    fn doc_url(self) -> &'static str;
    /// The id of the code's category (`Category::id`), e.g. "auth".
    fn category_id(self) -> &'static str;
    /// How a client may retry after the code.
    fn retry(self) -> Retry;
    /// Whether the user must authenticate again after the code.
    fn requires_reauth(self) -> bool;

    /// Whether a retry can succeed: the code's [`Retry`] class is not `Never`.
    fn is_retryable(self) -> bool {
        self.retry().is_retryable()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::TestCode;
    use super::*;

    #[test]
    fn retry_classes_spell_as_the_catalogue_does() {
        let classes = [Retry::Never, Retry::Transient, Retry::Throttled];
        let names: Vec<String> = classes.iter().map(|class| format!("{class:>10}")).collect();
        assert_eq!(names, ["     never", " transient", " throttled"]);
        assert_eq!(classes.map(Retry::is_retryable), [false, true, true]);
    }

    #[test]
    fn the_test_catalogue_keeps_the_trait_s_promises() {
        for (i, &code) in TestCode::ALL.iter().enumerate() {
            assert_eq!(code.index(), i);
            assert_eq!(TestCode::from_code(code.as_str()), Some(code));
            assert_eq!(code.is_retryable(), code.retry() != Retry::Never);
        }
        assert_eq!(TestCode::from_code("NOT_IN_ANY_CATALOGUE_XYZ"), None);
    }
}
