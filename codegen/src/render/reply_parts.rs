//! The parts of a reply body that `wire:` points at, as the documentation
//! renderers (Markdown, OpenAPI) name and locate them: one list, so the
//! reference page and the schema cannot disagree on where a part is.

use crate::model::{CodeType, Model, Wire};

/// One part of a reply that `wire:` locates in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The code a client branches on (`wire.code`).
    Code,
    /// The human-readable message (`wire.message`).
    Message,
    /// The details, an object or an array (`wire.details`).
    Details,
    /// The HTTP status, repeated as an integer (`wire.status`).
    Status,
    /// The code's documentation link (`wire.doc_url`).
    DocUrl,
    /// The id of the code's category (`wire.category`).
    Category,
}

impl Part {
    /// Whether every reply carries this part. Details and the documentation
    /// link are optional in the APIs this describes (RFC 6749 §5.2's
    /// `error_uri`, a seed reply without `details`); the code, message,
    /// status echo and category are written into every reply.
    pub fn is_required(self) -> bool {
        !matches!(self, Part::Details | Part::DocUrl)
    }

    /// What the part is, for a sentence: "the code", "the message".
    pub fn label(self) -> &'static str {
        match self {
            Part::Code => "the code",
            Part::Message => "the message",
            Part::Details => "the details",
            Part::Status => "the HTTP status, repeated",
            Part::DocUrl => "the code's documentation link",
            Part::Category => "the code's category id",
        }
    }
}

/// Each part the wire locates, with its JSON Pointer, in the order the
/// reference page lists them.
pub fn located(wire: &Wire) -> Vec<(Part, &str)> {
    [
        (Part::Code, Some(&wire.code)),
        (Part::Message, wire.message.as_ref()),
        (Part::Details, wire.details.as_ref()),
        (Part::Status, wire.status.as_ref()),
        (Part::DocUrl, wire.doc_url.as_ref()),
        (Part::Category, wire.category.as_ref()),
    ]
    .into_iter()
    .filter_map(|(part, pointer)| Some((part, pointer?.as_str())))
    .collect()
}

/// The unescaped keys of an RFC 6901 pointer: `/a~1b/c` → `["a/b", "c"]`
/// (`~1` first, so that `~01` stays `~1`).
pub fn keys(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|key| key.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The pointer to member `key` of the value at `parent`, `key` escaped
/// (`~` as `~0`, `/` as `~1`): the inverse of [`keys`].
pub fn member(parent: &str, key: &str) -> String {
    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// A pointer as a reader writes a path: keys joined with `.`, and a `*`
/// key (every element of an array, in `wire.field_errors.entries`) as `[]`
/// after its array: `/error/details/*/fieldViolations/*` →
/// `error.details[].fieldViolations[]`. The whole body (`""`) is `(the body)`.
pub fn dotted(pointer: &str) -> String {
    let mut path = String::new();
    for key in keys(pointer) {
        if key == "*" {
            path.push_str("[]");
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&key);
        }
    }
    if path.is_empty() { "(the body)".to_owned() } else { path }
}

/// The JSON type name of the codes (`string`, `integer`).
pub fn code_json_type(model: &Model) -> &'static str {
    match model.wire.code_type {
        CodeType::String => "string",
        CodeType::Integer => "integer",
    }
}

/// A code as the JSON value the body carries: a string, or for an integer
/// catalogue the number its decimal text spells.
pub fn code_value(model: &Model, code: &str) -> serde_json::Value {
    match model.wire.code_type {
        CodeType::Integer => code
            .parse::<i64>()
            .map_or_else(|_| code.into(), serde_json::Value::from),
        CodeType::String => code.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_unescape_into_keys_and_read_as_dotted_paths() {
        assert_eq!(keys("/a~1b/c~0d/~01"), ["a/b", "c~d", "~1"]);
        assert_eq!(keys(""), Vec::<String>::new());
        assert_eq!(member("/error", "a/b~c"), "/error/a~1b~0c");
        assert_eq!(keys(&member("", "a/b~c")), ["a/b~c"]);
        assert_eq!(dotted("/error/code"), "error.code");
        assert_eq!(
            dotted("/error/details/*/fieldViolations/*"),
            "error.details[].fieldViolations[]"
        );
        assert_eq!(dotted(""), "(the body)");
    }

    #[test]
    fn the_default_wire_locates_code_message_and_details_only() {
        let wire = Wire::default();
        let parts = located(&wire);
        assert_eq!(
            parts,
            [
                (Part::Code, "/code"),
                (Part::Message, "/error"),
                (Part::Details, "/details")
            ]
        );
        assert!(Part::Code.is_required() && Part::Message.is_required());
        assert!(!Part::Details.is_required() && !Part::DocUrl.is_required());
    }
}
