//! `src/lib.rs`: crate docs (the Markdown reference), the runtime, and the
//! public names: the catalogue's own items, and the runtime's, made specific
//! to this catalogue's `ErrorCode`.

use quote::quote;

use super::runtime::root_items;
use super::rust::format_file;
use super::text::escape_markdown;
use crate::model::{Model, RuntimeMode};

/// Renders the crate root: the rendered modules, the runtime (copied inline,
/// or the `errcat-runtime` dependency) under the name `runtime`, and every
/// public name at the root: the runtime's generic types as aliases over
/// `ErrorCode`, its other items re-exported, and wrappers for its generic
/// functions.
pub fn render_lib_rs(model: &Model) -> String {
    let intro = format!(
        " Typed errors of the {}: every error code with its HTTP status, message, resolution and retry behaviour.",
        escape_markdown(&model.api_name)
    );
    let runtime = root_items(model.runtime);
    let features_intro = match model.runtime {
        RuntimeMode::Inline => {
            " Cargo features (none is on by default, and without them the crate has no dependencies):"
        }
        RuntimeMode::Crate => {
            " Cargo features (none is on by default, and without them the crate depends only on `errcat-runtime`):"
        }
    };
    // The same words as the features' `##` lines in Cargo.toml: one table.
    let feature_lines = errcat_runtime::sources::FEATURES.iter().map(|feature| {
        let implies: Vec<String> = feature.implies.iter().map(|name| format!("`{name}`")).collect();
        let implies = match implies.as_slice() {
            [] => String::new(),
            [one] => format!(" (implies {one})"),
            [first @ .., last] => format!(" (implies {} and {last})", first.join(", ")),
        };
        format!(" - `{}`{implies}: {}", feature.name, feature.doc)
    });
    format_file(quote! {
        #![doc = #intro]
        #![doc = ""]
        #![doc = " Branch on [`ErrorCode`]. Read any error reply, whatever its body, into an [`ApiError`] and route it by"]
        #![doc = " [`ApiError::kind`]; retry with a [`RetryPolicy`] and a shared [`RetryBudget`]; count errors with [`ErrorStats`]."]
        #![doc = " The reference below is generated from the same catalogue as the code."]
        #![doc = ""]
        #![doc = #features_intro]
        #![doc = ""]
        #(#![doc = #feature_lines])*
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

        #runtime

        pub use category::Category;
        pub use code::{ErrorCode, UnknownErrorCode};
        pub use retry::{DEFAULT_RETRY_AFTER_SECS, REQUEST_ID_HEADER, RETRY_AFTER_HEADER};
        pub use status::{status_info, StatusInfo, STATUSES};

        pub use runtime::api_error::DEFAULT_MAX_BODY_BYTES;
        pub use runtime::budget::RetryBudget;
        pub use runtime::catalogue::{Catalogue, Retry};
        pub use runtime::json::JsonValue;
        pub use runtime::kind::ErrorKind;
        pub use runtime::policy::{RetryPolicy, RetryPolicyBuilder};
        pub use runtime::stats::{ErrorStats, StatsSnapshot, ThresholdAlert, MAX_CATALOGUES};
        pub use runtime::status_class::StatusClass;
        pub use runtime::views::FieldError;
        #[cfg(feature = "serde")]
        pub use runtime::body::Details;
        #[cfg(feature = "serde")]
        pub use runtime::envelope::PointerError;
        #[cfg(feature = "serde")]
        pub use runtime::problem::PROBLEM_JSON;

        /// Any error reply of this API, read whatever its body: its [`ErrorCode`]
        /// when the code is one of the catalogue's.
        pub type ApiError = runtime::api_error::ApiError<ErrorCode>;

        /// An authentication error ([`ApiError::as_auth`]).
        pub type AuthError<'a> = runtime::views::AuthError<'a, ErrorCode>;

        /// A validation error and its field errors ([`ApiError::as_validation`]).
        pub type ValidationError<'a> = runtime::views::ValidationError<'a, ErrorCode>;

        /// The JSON body of this API's error replies, laid out as the API
        /// sends it; unknown codes still parse.
        #[cfg(feature = "serde")]
        pub type ErrorBody = runtime::body::ErrorBody<ErrorCode>;

        /// This API's error replies in RFC 9457 form (`application/problem+json`).
        #[cfg(feature = "serde")]
        pub type ProblemDetails = runtime::problem::ProblemDetails<ErrorCode>;

        /// A server's error reply for one of this API's codes, implementing
        /// axum's `IntoResponse`.
        #[cfg(feature = "axum")]
        pub type ErrorResponse = runtime::axum_support::ErrorResponse<ErrorCode>;

        /// Sends a request with retries, within bounds (see [`send_with_retry`]).
        #[cfg(feature = "reqwest")]
        pub type RetrySend<'a> = runtime::reqwest_support::RetrySend<'a, ErrorCode>;

        /// Why sending with retries failed: the last attempt's failure.
        #[cfg(feature = "reqwest")]
        pub type RetryError = runtime::reqwest_support::RetryError<ErrorCode>;

        /// How one attempt failed: an error reply, or no whole reply.
        #[cfg(feature = "reqwest")]
        pub type SendFailure = runtime::reqwest_support::SendFailure<ErrorCode>;

        /// The response itself when it is not an error reply (a 4xx or 5xx
        /// status, or, when the catalogue has codes sent below 400, a body
        /// with a code), else the [`ApiError`] read from its status, headers
        /// and at most [`DEFAULT_MAX_BODY_BYTES`] of its body.
        #[cfg(feature = "reqwest")]
        pub async fn error_for_response(
            response: ::reqwest::Response,
        ) -> ::core::result::Result<::reqwest::Response, ApiError> {
            runtime::reqwest_support::error_for_response(response).await
        }

        /// The response itself when it is not an error reply (a 4xx or 5xx
        /// status, or, when the catalogue has codes sent below 400, a body
        /// with a code), else the [`ApiError`] read from its status, headers
        /// and at most `max_body_bytes` of its body (the rest of an error's
        /// body is never received).
        #[cfg(feature = "reqwest")]
        pub async fn error_for_response_limited(
            response: ::reqwest::Response,
            max_body_bytes: usize,
        ) -> ::core::result::Result<::reqwest::Response, ApiError> {
            runtime::reqwest_support::error_for_response_limited(response, max_body_bytes).await
        }

        /// Sends `request` with [`RetrySend`]'s defaults: retries as `policy`
        /// says, each attempt within 30 s and all of them within 2 minutes.
        #[cfg(feature = "reqwest")]
        pub async fn send_with_retry(
            request: ::reqwest::RequestBuilder,
            policy: &RetryPolicy,
        ) -> ::core::result::Result<::reqwest::Response, RetryError> {
            runtime::reqwest_support::send_with_retry(request, policy).await
        }
    })
}
