//! The validated catalogue: everything the renderers need, already checked and
//! derived (Rust identifiers, anchors, doc links), so rendering cannot fail.

// The runtime's own enums: the retry class and the status class the generator
// reads are the ones the generated code uses, so the two cannot disagree.
pub use errcat_runtime::catalogue::Retry;
pub use errcat_runtime::status_class::StatusClass;

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
    /// The spec's `version:`, when it states one; the crate is then at
    /// [`Model::version`], else at [`DEFAULT_VERSION`] (and `compat` cannot
    /// check the bump).
    pub stated_version: Option<semver::Version>,
    /// SPDX licence expression of the generated crate, if any.
    pub license: Option<String>,
    /// The repository's address as its parser serializes it, if any.
    pub repository: Option<String>,
    /// Oldest supported Rust, `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`, if any.
    pub rust_version: Option<String>,
    /// crates.io keywords, each valid there.
    pub keywords: Vec<String>,
    /// Base URL of the published reference, as its parser serializes it
    /// (percent-encoded, lower-case scheme and host).
    pub docs_url: String,
    /// The per-code link template (`…/{code_kebab}`) when `docs_url` is one;
    /// [`Model::docs_url`] is then the part before the varying one.
    pub docs_url_template: Option<String>,
    /// Header carrying the server's retry hint, in seconds.
    pub retry_after_header: String,
    /// Delay for a throttled reply without a hint.
    pub default_retry_after_secs: u64,
    /// Header carrying the request identifier.
    pub request_id_header: String,
    /// How the generated crate gets the runtime (catalogue key `runtime:`,
    /// overridden by [`Generator::runtime`](crate::Generator::runtime)).
    pub runtime: RuntimeMode,
    /// Where the generated `Cargo.toml` finds `errcat-runtime` in
    /// [`RuntimeMode::Crate`]: a folder relative to the output folder, or
    /// absolute; `None` takes it from crates.io. Not a catalogue key (a path
    /// depends on where the crate is written): set by
    /// [`Generator::runtime_path`](crate::Generator::runtime_path).
    pub runtime_path: Option<String>,
    /// Where each part of an error reply lives.
    pub wire: Wire,
    /// Fields of the JSON error body, in spec order.
    pub response_fields: Vec<ResponseField>,
    /// The HTTP status table, in spec order.
    pub statuses: Vec<Status>,
    /// Categories, in spec order.
    pub categories: Vec<Category>,
    /// Every code, in spec order (so grouped by category).
    pub codes: Vec<Code>,
}

/// How the generated crate gets the hand-written runtime (`ApiError`, retry
/// policy, stats, the HTTP integrations).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RuntimeMode {
    /// Copied into the crate's `src/runtime/`: the crate depends on nothing
    /// but its optional integrations.
    #[default]
    Inline,
    /// A dependency on the `errcat-runtime` crate, shared by every catalogue
    /// of a program (one `RetryBudget` or `ErrorStats` serves them all).
    Crate,
}

impl RuntimeMode {
    /// Every mode, the default first.
    pub const ALL: [RuntimeMode; 2] = [RuntimeMode::Inline, RuntimeMode::Crate];

    /// The spelling of the catalogue's `runtime:` key.
    pub fn as_str(self) -> &'static str {
        match self {
            RuntimeMode::Inline => "inline",
            RuntimeMode::Crate => "crate",
        }
    }
}

/// Where each part of an error reply lives (issue 13 §2); the defaults
/// describe `{error, code, details}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wire {
    /// JSON Pointer (RFC 6901) to the code in the body; default `/code`.
    pub code: String,
    /// Whether codes are strings or integers on the wire; default string.
    pub code_type: CodeType,
    /// JSON Pointer to the human-readable message; default `/error`.
    pub message: Option<String>,
    /// JSON Pointer to the details; default `/details`.
    pub details: Option<String>,
    /// A response header that carries the code; default none.
    pub code_header: Option<String>,
    /// JSON Pointer to where the body repeats the HTTP status as an integer
    /// (`wire.status`, Google's `/error/code`); default none.
    pub status: Option<String>,
    /// JSON Pointer to where the body carries the code's documentation link
    /// (`wire.doc_url`, Stripe's `/error/doc_url`); default none.
    pub doc_url: Option<String>,
    /// JSON Pointer to where the body carries the code's category id
    /// (`wire.category`, Stripe's `/error/type`); default none.
    pub category: Option<String>,
    /// Where a validation error's field errors are (`wire.field_errors`);
    /// default none: the details' default shapes.
    pub field_errors: Option<FieldErrorsAt>,
}

/// `wire.field_errors`: where each field error of a reply is, and its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldErrorsAt {
    /// A JSON Pointer to each entry, in which a `*` key stands for every
    /// element of an array (`/error/details/*/fieldViolations/*`).
    pub entries: String,
    /// The entry's member naming the request field (`field`, `param`).
    pub field: String,
    /// The entry's member saying what is wrong (`description`, `message`).
    pub message: Option<String>,
    /// The entry's member echoing the rejected value.
    pub value: Option<String>,
}

impl Wire {
    /// The parts a reply carries at a JSON Pointer, each with its `wire:`
    /// key: the code, message, details, status, doc link and category.
    pub fn placed_parts(&self) -> [(&'static str, Option<&str>); 6] {
        [
            ("code", Some(self.code.as_str())),
            ("message", self.message.as_deref()),
            ("details", self.details.as_deref()),
            ("status", self.status.as_deref()),
            ("doc_url", self.doc_url.as_deref()),
            ("category", self.category.as_deref()),
        ]
    }
}

impl Default for Wire {
    fn default() -> Wire {
        Wire {
            code: "/code".to_owned(),
            code_type: CodeType::String,
            message: Some("/error".to_owned()),
            details: Some("/details".to_owned()),
            code_header: None,
            status: None,
            doc_url: None,
            category: None,
            field_errors: None,
        }
    }
}

/// The JSON type of the codes on the wire (`wire.code_type`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CodeType {
    /// `"invalid_grant"`: any non-empty string.
    #[default]
    String,
    /// `-32601`: an integer, kept as its decimal text.
    Integer,
}

impl CodeType {
    /// Every type, the default first.
    pub const ALL: [CodeType; 2] = [CodeType::String, CodeType::Integer];

    /// The spelling of `wire.code_type`.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeType::String => "string",
            CodeType::Integer => "integer",
        }
    }
}

/// One field of the error body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseField {
    /// JSON key.
    pub name: String,
    /// JSON type name: `string`, `integer`, `number`, `boolean`, `object` or `array`.
    pub ty: String,
    /// What the field carries.
    pub description: String,
    /// The documented members of an `object` field, in spec order.
    pub fields: Vec<ResponseField>,
    /// The value every reply carries here (`value:`, JSON-RPC's `"2.0"`), if
    /// the field has one.
    pub value: Option<Constant>,
    /// The documented elements of an `array` field (`items:`), if any: a
    /// field named [`ITEMS`], as a `field_errors.entries` pointer reaches it.
    pub items: Option<Box<ResponseField>>,
}

/// The name of an array's documented elements ([`ResponseField::items`]), and
/// the key standing for every element in a `field_errors.entries` pointer.
pub const ITEMS: &str = "*";

/// The keys of JSON Pointer `pointer` (RFC 6901), unescaped; none for the
/// whole body (`""`).
pub fn pointer_keys(pointer: &str) -> Vec<String> {
    match pointer.strip_prefix('/') {
        None => Vec::new(),
        Some(rest) => rest
            .split('/')
            .map(|key| key.replace("~1", "/").replace("~0", "~"))
            .collect(),
    }
}

/// `key` escaped as one key of a JSON Pointer.
pub fn pointer_key(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The body members `fields` give one value (`value:`, at any depth below
/// objects): each one's JSON Pointer and value, in spec order.
pub fn constants(fields: &[ResponseField]) -> Vec<(String, &Constant)> {
    fn walk<'m>(fields: &'m [ResponseField], prefix: &str, out: &mut Vec<(String, &'m Constant)>) {
        for field in fields {
            let pointer = format!("{prefix}/{}", pointer_key(&field.name));
            if let Some(value) = &field.value {
                out.push((pointer.clone(), value));
            }
            walk(&field.fields, &pointer, out);
        }
    }
    let mut out = Vec::new();
    walk(fields, "", &mut out);
    out
}

/// A body member's one value (`value:` of a `response:` field): a string,
/// integer or boolean, of the field's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constant {
    /// For a `string` field.
    String(String),
    /// For an `integer` field.
    Integer(i64),
    /// For a `boolean` field.
    Boolean(bool),
}

impl Constant {
    /// The value as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Constant::String(text) => serde_json::Value::from(text.as_str()),
            Constant::Integer(number) => serde_json::Value::from(*number),
            Constant::Boolean(flag) => serde_json::Value::from(*flag),
        }
    }
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
    /// The code's own `doc_url:`, else `docs_url` filled with the code, else
    /// `docs_url#anchor`.
    pub doc_url: String,
    /// Crate version that introduced the code.
    pub since: Option<semver::Version>,
    /// Whether it is still sent, deprecated or retired.
    pub lifecycle: Lifecycle,
    /// An example reply body: the spec's `example:` (checked against the
    /// envelope), else the body the API sends for the code, laid out by
    /// `wire:` ([`crate::envelope::body`]).
    pub example: serde_json::Value,
    /// Whether [`example`](Code::example) is the spec's own `example:`
    /// rather than one made from the catalogue.
    pub example_stated: bool,
}

/// Whether a code is on its way out. Codes are never deleted or reused: a
/// deprecated code is still sent, a retired one no longer is but stays
/// recognised. A retired code always has a reason, which the spec's keys
/// (`retired: true` beside an optional `deprecated:`) cannot say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lifecycle {
    /// Sent, and nothing replaces it.
    Active,
    /// Still sent, but servers should stop.
    Deprecated(Deprecation),
    /// No longer sent; kept so that old replies still parse.
    Retired(Deprecation),
}

/// Why a code is on its way out, and what takes its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecation {
    /// Why servers should stop sending it.
    pub reason: String,
    /// Its successor, as an index into [`Model::codes`]: a code of the same
    /// catalogue that is still sent, resolved once by validation.
    pub replaced_by: Option<usize>,
}

impl Lifecycle {
    /// The deprecation of a deprecated or retired code.
    pub fn deprecation(&self) -> Option<&Deprecation> {
        match self {
            Lifecycle::Active => None,
            Lifecycle::Deprecated(deprecation) | Lifecycle::Retired(deprecation) => Some(deprecation),
        }
    }

    /// Whether servers no longer send the code.
    pub fn is_retired(&self) -> bool {
        matches!(self, Lifecycle::Retired(_))
    }
}

/// The flat body (`{error, code}`, the default `wire:`) of a code with
/// `message`, members in key order (see [`canonical`]): what
/// [`crate::envelope::body`] lays out for a catalogue without `wire:`.
pub fn message_example(code: &str, message: &str) -> serde_json::Value {
    canonical(serde_json::json!({ "error": message, "code": code }))
}

/// `value` with every object's members inserted in key order, so it prints
/// the same whether or not some crate in the build turns on serde_json's
/// `preserve_order` (outputs must not depend on feature unification).
pub fn canonical(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut members: Vec<_> = map.into_iter().collect();
            members.sort_by(|(a, _), (b, _)| a.cmp(b));
            serde_json::Value::Object(members.into_iter().map(|(k, v)| (k, canonical(v))).collect())
        }
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

/// The version of a crate whose spec states none.
pub const DEFAULT_VERSION: semver::Version = semver::Version::new(0, 1, 0);

impl Model {
    /// The body members every reply carries with one value (`value:` in
    /// `response:`, at any depth): each one's JSON Pointer and value, in
    /// spec order.
    pub fn constants(&self) -> Vec<(String, &Constant)> {
        constants(&self.response_fields)
    }

    /// Semver version of the generated crate: the stated one, else [`DEFAULT_VERSION`].
    pub fn version(&self) -> semver::Version {
        self.stated_version.clone().unwrap_or(DEFAULT_VERSION)
    }

    /// The codes of one category.
    pub fn codes_of(&self, category: &Category) -> &[Code] {
        &self.codes[category.codes.clone()]
    }

    /// A code this catalogue does not have, as its API would send it: the
    /// decimal text of an integer in an integer catalogue, else text.
    pub fn unknown_code(&self) -> String {
        let candidate = |n: u16| match self.wire.code_type {
            CodeType::Integer => (1_000_000_007 + i64::from(n)).to_string(),
            CodeType::String => format!("SOME_FUTURE_CODE{}", "_".repeat(n.into())),
        };
        // Fewer codes than candidates: one of them is free.
        (0..=u16::MAX)
            .map(candidate)
            .find(|text| self.codes.iter().all(|code| code.code != *text))
            .unwrap_or_default()
    }

    /// The code that replaces `code`, if it names one.
    pub fn successor(&self, code: &Code) -> Option<&Code> {
        let successor = code.lifecycle.deprecation()?.replaced_by?;
        Some(&self.codes[successor])
    }
}
