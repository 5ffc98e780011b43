//! The validated catalogue: everything the renderers need, already checked and
//! derived (Rust identifiers, anchors, doc links), so rendering cannot fail.

/// A catalogue that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    /// Format version of the spec file.
    pub schema: u32,
    /// Human name of the API.
    pub api_name: String,
    /// Package name of the generated crate (`ofauth-errors`).
    pub crate_name: String,
    /// The crate's name in Rust paths (`ofauth_errors`).
    pub lib_name: String,
    /// Semver version of the generated crate.
    pub version: semver::Version,
    /// Whether the spec states `version:` (else it is the 0.1.0 default, and
    /// `compat` cannot check the bump).
    pub version_stated: bool,
    /// SPDX licence expression of the generated crate, if any.
    pub license: Option<String>,
    /// Base URL of the published reference, as its parser serializes it
    /// (percent-encoded, lower-case scheme and host).
    pub docs_url: String,
    /// Header carrying the server's retry hint, in seconds.
    pub retry_after_header: String,
    /// Delay for a throttled reply without a hint.
    pub default_retry_after_secs: u64,
    /// Header carrying the request identifier.
    pub request_id_header: String,
    /// Fields of the JSON error body, in spec order.
    pub response_fields: Vec<ResponseField>,
    /// The HTTP status table, in spec order.
    pub statuses: Vec<Status>,
    /// Categories, in spec order.
    pub categories: Vec<Category>,
    /// Every code, in spec order (so grouped by category).
    pub codes: Vec<Code>,
}

/// One field of the error body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseField {
    /// JSON key.
    pub name: String,
    /// JSON type name.
    pub ty: String,
    /// What the field carries.
    pub description: String,
}

/// One row of the status table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// HTTP status code.
    pub code: u16,
    /// Class derived from the number.
    pub class: StatusClass,
    /// Short description.
    pub description: String,
    /// When used / action required.
    pub note: String,
}

/// The class of an HTTP status, from its first digit (RFC 9110, section 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusClass {
    /// 1xx
    Informational,
    /// 2xx
    Success,
    /// 3xx
    Redirection,
    /// 4xx
    ClientError,
    /// 5xx
    ServerError,
}

impl StatusClass {
    /// Every class, in numeric order.
    pub const ALL: [StatusClass; 5] = [
        StatusClass::Informational,
        StatusClass::Success,
        StatusClass::Redirection,
        StatusClass::ClientError,
        StatusClass::ServerError,
    ];

    /// The class of `status`, or `None` outside 100–599.
    pub fn of(status: u16) -> Option<StatusClass> {
        Some(match status {
            100..=199 => StatusClass::Informational,
            200..=299 => StatusClass::Success,
            300..=399 => StatusClass::Redirection,
            400..=499 => StatusClass::ClientError,
            500..=599 => StatusClass::ServerError,
            _ => return None,
        })
    }

    /// Name as the docs print it ("Client Error").
    pub fn title(self) -> &'static str {
        match self {
            StatusClass::Informational => "Informational",
            StatusClass::Success => "Success",
            StatusClass::Redirection => "Redirection",
            StatusClass::ClientError => "Client Error",
            StatusClass::ServerError => "Server Error",
        }
    }

    /// Name as the JSON export spells it (`client_error`).
    pub fn snake_name(self) -> &'static str {
        match self {
            StatusClass::Informational => "informational",
            StatusClass::Success => "success",
            StatusClass::Redirection => "redirection",
            StatusClass::ClientError => "client_error",
            StatusClass::ServerError => "server_error",
        }
    }

    /// The Rust variant name in the generated `StatusClass`.
    pub fn variant(self) -> &'static str {
        match self {
            StatusClass::Informational => "Informational",
            StatusClass::Success => "Success",
            StatusClass::Redirection => "Redirection",
            StatusClass::ClientError => "ClientError",
            StatusClass::ServerError => "ServerError",
        }
    }
}

/// A category of codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// snake_case id from the spec.
    pub id: String,
    /// Rust variant name (UpperCamelCase of `id`).
    pub variant: String,
    /// Section title.
    pub title: String,
    /// Prefix shared by its codes.
    pub prefix: String,
    /// Indexes into [`Model::codes`].
    pub codes: std::ops::Range<usize>,
}

/// One error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The wire string, e.g. `AUTH_INVALID_KEY`.
    pub code: String,
    /// Rust variant name, e.g. `AuthInvalidKey`.
    pub variant: String,
    /// HTTP status.
    pub status: u16,
    /// Index into [`Model::categories`].
    pub category: usize,
    /// Human-readable description.
    pub message: String,
    /// What to do about it.
    pub resolution: String,
    /// How a client may retry.
    pub retry: Retry,
    /// Whether the user must authenticate again.
    pub reauth: bool,
    /// Anchor in the docs page (lower-case code).
    pub anchor: String,
    /// `docs_url#anchor`.
    pub doc_url: String,
    /// Where the code stands in its life: since when, deprecated, retired.
    pub lifecycle: Lifecycle,
    /// An example reply body: the spec's `example:`, else `{error, code}` from
    /// the message.
    pub example: serde_json::Value,
}

/// Since when a code exists and whether it is on its way out. Codes are never
/// deleted or reused: a deprecated code is still sent, a retired one no longer
/// is but stays recognised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lifecycle {
    /// Crate version that introduced the code.
    pub since: Option<semver::Version>,
    /// Why servers should stop sending it (required once retired).
    pub deprecated: Option<String>,
    /// Its successor, a code of the same catalogue.
    pub replaced_by: Option<String>,
    /// Servers no longer send it.
    pub retired: bool,
}

impl Model {
    /// The codes of one category.
    pub fn codes_of(&self, category: &Category) -> &[Code] {
        &self.codes[category.codes.clone()]
    }
}

/// How a client may retry a request that failed with a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Retrying the same request cannot succeed.
    Never,
    /// Retry with exponential backoff, honouring a server hint when given.
    Transient,
    /// Retry after the server's delay hint, else the catalogue's default.
    Throttled,
}

impl Retry {
    /// Every class, from the strictest.
    pub const ALL: [Retry; 3] = [Retry::Never, Retry::Transient, Retry::Throttled];

    /// The spelling used in the spec and the docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::Transient => "transient",
            Retry::Throttled => "throttled",
        }
    }

    /// The generated `Retry` variant name.
    pub fn variant(self) -> &'static str {
        match self {
            Retry::Never => "Never",
            Retry::Transient => "Transient",
            Retry::Throttled => "Throttled",
        }
    }
}
