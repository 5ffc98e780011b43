//! `src/retry.rs`: the catalogue's retry and request-id header constants (the
//! `Retry` classes are the runtime's).

use quote::quote;

use super::rust::{doc_text, format_file, unsuffixed};
use super::text::{code_span, escape_markdown};
use crate::model::Model;

/// Renders the `RETRY_AFTER_HEADER`, `DEFAULT_RETRY_AFTER_SECS` and
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
    format_file(quote! {
        #header_doc
        pub const RETRY_AFTER_HEADER: &str = #header;

        #default_doc
        pub const DEFAULT_RETRY_AFTER_SECS: u64 = #default_secs;

        #request_id_doc
        pub const REQUEST_ID_HEADER: &str = #request_id;
    })
}
