//! `src/lib.rs`: crate docs (the Markdown reference) and the public re-exports.

use quote::quote;

use super::rust::format_file;
use super::text::escape_markdown;
use crate::model::Model;

/// Renders the crate root.
pub fn render_lib_rs(model: &Model) -> String {
    let intro = format!(
        " Typed errors of the {}: every error code with its HTTP status, message, resolution and retry behaviour.",
        escape_markdown(&model.api_name)
    );
    format_file(quote! {
        #![doc = #intro]
        #![doc = ""]
        #![doc = " Branch on [`ErrorCode`]; with the `serde` feature, parse reply bodies into `ErrorBody`."]
        #![doc = " The reference below is generated from the same catalogue as the code."]
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

        pub use category::Category;
        pub use code::{ErrorCode, UnknownErrorCode};
        pub use retry::{Retry, DEFAULT_RETRY_AFTER_SECS, REQUEST_ID_HEADER, RETRY_AFTER_HEADER};
        pub use status::{status_info, StatusClass, StatusInfo, STATUSES};
        #[cfg(feature = "serde")]
        pub use wire::{Details, ErrorBody};
    })
}
