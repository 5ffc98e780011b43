//! `src/lib.rs`: crate docs (the Markdown reference) and the public re-exports.

use quote::quote;

use super::rust::format_file;
use super::text::escape_markdown;
use crate::model::Model;

/// Renders the crate root: the rendered modules, the runtime modules copied
/// from `codegen/runtime/` (each behind its feature), and every public name
/// re-exported at the root.
pub fn render_lib_rs(model: &Model) -> String {
    let intro = format!(
        " Typed errors of the {}: every error code with its HTTP status, message, resolution and retry behaviour.",
        escape_markdown(&model.api_name)
    );
    format_file(quote! {
        #![doc = #intro]
        #![doc = ""]
        #![doc = " Branch on [`ErrorCode`]. Read any error reply, whatever its body, into an [`ApiError`] and route it by"]
        #![doc = " [`ApiError::kind`]; retry with a [`RetryPolicy`] and a shared [`RetryBudget`]; count errors with [`ErrorStats`]."]
        #![doc = " The reference below is generated from the same catalogue as the code."]
        #![doc = ""]
        #![doc = " Cargo features (none is on by default, and without them the crate has no dependencies):"]
        #![doc = ""]
        #![doc = " - `serde`: `ErrorCode` (de)serializes as its code string; `ErrorBody`, `Details`, `ApiError::body`;"]
        #![doc = "   `ProblemDetails`, the same replies as RFC 9457 `application/problem+json`."]
        #![doc = " - `http`: `ApiError::from_http`, `ApiError::from_response`, `StatusCode: From<ErrorCode>`."]
        #![doc = " - `axum` (implies `serde` and `http`): `ErrorResponse`, a server's error reply."]
        #![doc = " - `reqwest` (implies `http`): `error_for_response` and `send_with_retry`, bounded in bytes and time;"]
        #![doc = "   `RetrySend` for a timeout per attempt, a deadline, a `RetryBudget` and a hook per failed attempt."]
        #![doc = " - `tracing`: `ErrorStats::record` also emits one `tracing` event per error."]
        #![doc = ""]
        #![doc = include_str!("../docs/errors.md")]
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]

        mod category;
        mod code;
        mod retry;
        mod status;
        #[cfg(feature = "serde")]
        mod wire;

        /// Hand-written code shared by every generated crate.
        mod runtime {
            pub(crate) mod api_error;
            #[cfg(feature = "axum")]
            pub(crate) mod axum_support;
            pub(crate) mod budget;
            pub(crate) mod http_date;
            #[cfg(feature = "http")]
            pub(crate) mod http_support;
            pub(crate) mod json;
            pub(crate) mod kind;
            pub(crate) mod policy;
            #[cfg(feature = "serde")]
            pub(crate) mod problem;
            #[cfg(feature = "reqwest")]
            pub(crate) mod reqwest_support;
            pub(crate) mod retry_hint;
            pub(crate) mod rng;
            pub(crate) mod stats;
            pub(crate) mod views;
        }

        pub use category::Category;
        pub use code::{ErrorCode, UnknownErrorCode};
        pub use retry::{Retry, DEFAULT_RETRY_AFTER_SECS, REQUEST_ID_HEADER, RETRY_AFTER_HEADER};
        pub use runtime::api_error::{ApiError, DEFAULT_MAX_BODY_BYTES};
        #[cfg(feature = "axum")]
        pub use runtime::axum_support::ErrorResponse;
        pub use runtime::budget::RetryBudget;
        pub use runtime::json::JsonValue;
        pub use runtime::kind::ErrorKind;
        pub use runtime::policy::{RetryPolicy, RetryPolicyBuilder};
        #[cfg(feature = "serde")]
        pub use runtime::problem::{ProblemDetails, PROBLEM_JSON};
        #[cfg(feature = "reqwest")]
        pub use runtime::reqwest_support::{
            error_for_response, error_for_response_limited, send_with_retry, RetryError, RetrySend, SendFailure,
        };
        pub use runtime::stats::{ErrorStats, StatsSnapshot, ThresholdAlert};
        pub use runtime::views::{AuthError, FieldError, ValidationError};
        pub use status::{status_info, StatusClass, StatusInfo, STATUSES};
        #[cfg(feature = "serde")]
        pub use wire::{Details, ErrorBody};
    })
}
