//! The catalogue as written in YAML: plain serde structs, before any validation.
//!
//! Field names here are the user-facing format (`spec/errors.yaml`). serde skips
//! keys it does not know so that its type errors and `keys.rs`'s unknown-key
//! errors (all of them, located, with a "did you mean") come out of one run.

use serde::Deserialize;

/// A whole catalogue file.
#[derive(Debug, Clone, Deserialize)]
pub struct Spec {
    /// Format version of the file; see [`crate::validate::SUPPORTED_SCHEMAS`].
    pub schema: u32,
    /// Human name of the API, used in docs.
    pub name: String,
    /// Package name of the generated crate.
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// Semver version of the generated crate; `0.1.0` when absent.
    #[serde(default)]
    pub version: Option<String>,
    /// SPDX licence expression of the generated crate; omitted when absent.
    #[serde(default)]
    pub license: Option<String>,
    /// Address of the repository the catalogue lives in, for the crate's
    /// `repository`; omitted when absent.
    #[serde(default)]
    pub repository: Option<String>,
    /// Oldest Rust the generated crate supports (`rust-version`, e.g. `1.80`);
    /// omitted when absent.
    #[serde(default)]
    pub rust_version: Option<String>,
    /// crates.io search keywords of the generated crate (at most 5).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Base URL of the published error reference; each code's link adds
    /// `#anchor`, or fills the template's `{code}` / `{code_kebab}`.
    pub docs_url: String,
    /// How servers hint a retry delay.
    pub retry_after: RetryAfterSpec,
    /// Header carrying the request identifier; `X-Request-Id` when absent.
    #[serde(default)]
    pub request_id_header: Option<String>,
    /// How the generated crate gets the runtime: `inline` (copied into
    /// `src/runtime/`, the default) or `crate` (a dependency on
    /// `errcat-runtime`); checked by validation.
    #[serde(default)]
    pub runtime: Option<String>,
    /// Where each part of an error reply lives; the seed's `{error, code,
    /// details}` body when absent.
    #[serde(default)]
    pub wire: Option<WireSpec>,
    /// The fields of the JSON error body.
    pub response: Vec<ResponseFieldSpec>,
    /// The HTTP status table.
    pub statuses: Vec<StatusSpec>,
    /// The error codes, grouped by category.
    pub categories: Vec<CategorySpec>,
}

/// The `retry_after:` mapping.
#[derive(Debug, Clone, Deserialize)]
pub struct RetryAfterSpec {
    /// Header name, e.g. `X-RateLimit-Retry-After`.
    pub header: String,
    /// Delay a client waits when a throttled reply carries no hint.
    pub default_secs: u64,
}

/// The `wire:` mapping: JSON Pointers (RFC 6901) into the reply body, each
/// key taking its default when absent; checked by validation.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WireSpec {
    /// Pointer to the code; `/code` when absent.
    #[serde(default)]
    pub code: Option<String>,
    /// `string` or `integer`; `string` when absent.
    #[serde(default)]
    pub code_type: Option<String>,
    /// Pointer to the human-readable message; `/error` when absent.
    #[serde(default)]
    pub message: Option<String>,
    /// Pointer to the details; `/details` when absent.
    #[serde(default)]
    pub details: Option<String>,
    /// A response header that carries the code; none when absent.
    #[serde(default)]
    pub code_header: Option<String>,
    /// Pointer to where the body repeats the HTTP status; none when absent.
    #[serde(default)]
    pub status: Option<String>,
    /// Pointer to where the body carries the code's doc link; none when absent.
    #[serde(default)]
    pub doc_url: Option<String>,
    /// Pointer to where the body carries the category id; none when absent.
    #[serde(default)]
    pub category: Option<String>,
    /// Where the field errors are; the details' default shapes when absent.
    #[serde(default)]
    pub field_errors: Option<FieldErrorsSpec>,
}

/// `wire.field_errors:`.
#[derive(Debug, Clone, Deserialize)]
pub struct FieldErrorsSpec {
    /// Pointer to each entry, `*` standing for every element of an array.
    pub entries: String,
    /// The entry's member naming the request field.
    pub field: String,
    /// The entry's member saying what is wrong.
    #[serde(default)]
    pub message: Option<String>,
    /// The entry's member echoing the rejected value.
    #[serde(default)]
    pub value: Option<String>,
}

/// One row of `response:`.
#[derive(Debug, Clone, Deserialize)]
pub struct ResponseFieldSpec {
    /// JSON key.
    pub field: String,
    /// JSON type, e.g. `string` or `object`.
    #[serde(rename = "type")]
    pub ty: String,
    /// What the field carries.
    pub description: String,
    /// The members of an `object` field, documented the same way.
    #[serde(default)]
    pub fields: Option<Vec<ResponseFieldSpec>>,
    /// The one value every reply carries in the field.
    #[serde(default)]
    pub value: Option<serde_yaml::Value>,
    /// The elements of an `array` field.
    #[serde(default)]
    pub items: Option<Box<ItemsSpec>>,
}

/// `items:` of an `array` body field: what each element is, documented as a
/// field is but without a name (a `field_errors.entries` pointer reaches it
/// with a `*` key).
#[derive(Debug, Clone, Deserialize)]
pub struct ItemsSpec {
    /// JSON type of each element.
    #[serde(rename = "type")]
    pub ty: String,
    /// What an element is; the array's own description when absent.
    #[serde(default)]
    pub description: Option<String>,
    /// The members of `object` elements.
    #[serde(default)]
    pub fields: Option<Vec<ResponseFieldSpec>>,
    /// The elements of `array` elements.
    #[serde(default)]
    pub items: Option<Box<ItemsSpec>>,
}

/// One row of `statuses:`.
#[derive(Debug, Clone, Deserialize)]
pub struct StatusSpec {
    /// HTTP status code.
    pub status: u16,
    /// Short description ("OK", "Rate limit exceeded").
    pub description: String,
    /// When the status is used, or what the client must do.
    pub note: String,
}

/// One entry of `categories:`.
#[derive(Debug, Clone, Deserialize)]
pub struct CategorySpec {
    /// snake_case identifier; becomes the Rust variant and docs section.
    pub id: String,
    /// Section title in the docs.
    pub title: String,
    /// Prefix every code of the category starts with, e.g. `AUTH_`; codes
    /// group freely when absent.
    #[serde(default)]
    pub prefix: Option<String>,
    /// The category's codes, in documentation order.
    pub codes: Vec<CodeSpec>,
}

/// One error code.
#[derive(Debug, Clone, Deserialize)]
pub struct CodeSpec {
    /// The code exactly as the API sends it: text, or an integer (kept as
    /// its decimal text) when `wire.code_type` is `integer`.
    #[serde(deserialize_with = "code_text")]
    pub code: String,
    /// The Rust variant, UpperCamelCase; derived from `code` when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// HTTP status the code is sent with.
    pub status: u16,
    /// Human-readable description.
    pub message: String,
    /// What the caller should do about it.
    pub resolution: String,
    /// How a client may retry: `never`, `transient` or `throttled`; checked by
    /// validation, so a wrong word is reported with every other problem.
    pub retry: String,
    /// Whether the user must authenticate again.
    #[serde(default)]
    pub reauth: bool,
    /// Crate version that introduced the code, shown in the docs.
    #[serde(default)]
    pub since: Option<String>,
    /// Why servers should stop sending the code, and what to send instead.
    #[serde(default)]
    pub deprecated: Option<String>,
    /// The code that takes this one's place; must exist in the catalogue.
    #[serde(default, deserialize_with = "optional_code_text")]
    pub replaced_by: Option<String>,
    /// Servers no longer send the code; it stays as a tombstone so old replies
    /// still parse and its name is never reused.
    #[serde(default)]
    pub retired: bool,
    /// The code's own documentation page, overriding `docs_url`.
    #[serde(default)]
    pub doc_url: Option<String>,
    /// Names of warnings the code acknowledges, e.g. `[throttled_status]`;
    /// see [`crate::validate::lints::Lint`].
    #[serde(default)]
    pub allow: Vec<String>,
    /// An example reply body (`{error, code, details}`); generated from the
    /// message when absent.
    #[serde(default)]
    pub example: Option<serde_yaml::Value>,
}

/// A code as text: a YAML string as written, an integer as its decimal text.
fn code_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct CodeText;

    impl serde::de::Visitor<'_> for CodeText {
        type Value = String;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a code: text or an integer")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<String, E> {
            Ok(text.to_owned())
        }

        fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<String, E> {
            Ok(number.to_string())
        }

        fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<String, E> {
            Ok(number.to_string())
        }
    }

    deserializer.deserialize_any(CodeText)
}

/// [`code_text`] of a key that may be absent.
fn optional_code_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    code_text(deserializer).map(Some)
}
