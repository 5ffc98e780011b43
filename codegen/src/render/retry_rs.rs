//! `src/retry.rs`: retry classes and the catalogue's header constants.

use quote::quote;

use super::rust::{doc_text, format_file, unsuffixed, variant_path};
use super::text::{code_span, escape_markdown};
use crate::model::{Model, Retry};

/// Renders `Retry` and the `RETRY_AFTER_HEADER`, `DEFAULT_RETRY_AFTER_SECS` and
/// `REQUEST_ID_HEADER` constants.
pub fn render_retry_rs(model: &Model) -> String {
    let api = escape_markdown(&model.api_name);
    let header = &model.retry_after_header;
    let header_span = code_span(header);
    let default_secs = unsuffixed(model.default_retry_after_secs);
    let request_id = &model.request_id_header;
    let header_doc = doc_text(&[format!(
        "The header in which the {api} hints how many seconds to wait before retrying."
    )]);
    let default_doc = doc_text(&[format!(
        "Seconds to wait on a throttled reply that carries no {header_span} hint."
    )]);
    let request_id_doc = doc_text(&[format!("The header carrying the {api}'s request identifier.")]);
    let spelling_arms = Retry::ALL.iter().map(|retry| {
        let path = variant_path("Retry", retry.variant());
        let spelling = retry.as_str();
        quote! { #path => #spelling, }
    });
    format_file(quote! {
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
            /// Whether a retry can succeed.
            pub const fn is_retryable(self) -> bool {
                !::core::matches!(self, Retry::Never)
            }

            /// The class as the catalogue spells it: `never`, `transient` or `throttled`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#spelling_arms)*
                }
            }
        }

        /// Writes the class as the catalogue spells it.
        impl ::core::fmt::Display for Retry {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        #header_doc
        pub const RETRY_AFTER_HEADER: &str = #header;

        #default_doc
        pub const DEFAULT_RETRY_AFTER_SECS: u64 = #default_secs;

        #request_id_doc
        pub const REQUEST_ID_HEADER: &str = #request_id;
    })
}
