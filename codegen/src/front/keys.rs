//! Unknown keys, all at once and with a "did you mean": serde stops at the first
//! one and only lists what it expected.

use crate::front::locate::{SourceMap, join};
use crate::problem::{Problem, Severity};
use crate::suggest::closest;

/// The keys each kind of mapping accepts, by the shape of its key path (indexes
/// written `[]`). Kept equal to the serde structs in `spec.rs` by a test.
pub const KNOWN_KEYS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "schema",
            "name",
            "crate",
            "version",
            "license",
            "repository",
            "rust_version",
            "keywords",
            "docs_url",
            "retry_after",
            "request_id_header",
            "runtime",
            "wire",
            "response",
            "statuses",
            "categories",
        ],
    ),
    ("retry_after", &["header", "default_secs"]),
    (
        "wire",
        &[
            "code",
            "code_type",
            "message",
            "details",
            "code_header",
            "status",
            "doc_url",
            "category",
            "field_errors",
        ],
    ),
    ("wire.field_errors", &["entries", "field", "message", "value"]),
    (
        "response[]",
        &["field", "type", "description", "fields", "value", "items"],
    ),
    ("response[].items", &["type", "description", "fields", "items"]),
    ("statuses[]", &["status", "description", "note"]),
    ("categories[]", &["id", "title", "prefix", "codes"]),
    (
        "categories[].codes[]",
        &[
            "code",
            "name",
            "status",
            "message",
            "resolution",
            "retry",
            "reauth",
            "since",
            "deprecated",
            "replaced_by",
            "retired",
            "doc_url",
            "allow",
            "example",
        ],
    ),
];

/// A problem for every key the format does not know, in file order.
pub fn unknown_keys(map: &SourceMap) -> Vec<Problem> {
    let mut found = Vec::new();
    for (mapping, keys) in map.keys_by_mapping() {
        let shape = shape_of(&mapping);
        let Some((_, known)) = KNOWN_KEYS.iter().find(|(known_shape, _)| *known_shape == shape) else {
            continue;
        };
        for (key, position) in keys.into_iter().filter(|(key, _)| !known.contains(key)) {
            let help = match closest(key, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "the keys here are {}",
                    known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            let problem = Problem {
                severity: Severity::Error,
                path: join(&mapping, key),
                message: format!("unknown key {}", quoted(key)),
                help: Some(help),
                at_key: true,
                lint: None,
            };
            found.push((position, problem));
        }
    }
    found.sort_by_key(|(position, _)| *position);
    found.into_iter().map(|(_, problem)| problem).collect()
}

/// `categories[3].codes[0]` → `categories[].codes[]`; a body field nested at
/// any depth (`response[0].items.fields[1].fields[0]`) has the shape of a
/// top-level one, `response[]`, and an array's elements at any depth that of
/// `response[].items`.
fn shape_of(path: &str) -> String {
    let shape = indexes_removed(path);
    let Some(mut rest) = shape.strip_prefix("response[]") else {
        return shape;
    };
    let mut last = "response[]";
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(".fields[]") {
            (rest, last) = (after, "response[]");
        } else if let Some(after) = rest.strip_prefix(".items") {
            (rest, last) = (after, "response[].items");
        } else {
            return shape;
        }
    }
    last.to_owned()
}

/// `categories[3].codes[0]` → `categories[].codes[]`.
fn indexes_removed(path: &str) -> String {
    let mut shape = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                shape.push('[');
            }
            ']' => {
                in_index = false;
                shape.push(']');
            }
            _ if in_index => {}
            c => shape.push(c),
        }
    }
    shape
}

/// Longest key quoted whole in a message; a longer one is cut with `…`.
const MAX_QUOTED_KEY: usize = 40;

/// `key` as a message quotes it: whole up to [`MAX_QUOTED_KEY`] characters,
/// else its start and its length, so a runaway key cannot flood the terminal.
fn quoted(key: &str) -> String {
    match key.char_indices().nth(MAX_QUOTED_KEY) {
        None => format!("`{key}`"),
        Some((cut, _)) => format!("`{}…` ({} bytes)", &key[..cut], key.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front::spec::{
        CategorySpec, CodeSpec, FieldErrorsSpec, ItemsSpec, ResponseFieldSpec, RetryAfterSpec, Spec, StatusSpec,
        WireSpec,
    };

    /// A deserializer that only records the field list serde asks for.
    struct FieldsOf;

    #[derive(Debug)]
    struct Fields(&'static [&'static str]);

    impl std::fmt::Display for Fields {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }

    impl std::error::Error for Fields {}

    impl serde::de::Error for Fields {
        fn custom<T: std::fmt::Display>(_: T) -> Fields {
            Fields(&[])
        }
    }

    impl<'de> serde::Deserializer<'de> for FieldsOf {
        type Error = Fields;

        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
            Err(Fields(&[]))
        }

        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Fields> {
            Err(Fields(fields))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }

    /// The keys serde's derive accepts for `T`.
    fn serde_fields<T: serde::de::DeserializeOwned + std::fmt::Debug>() -> Vec<&'static str> {
        T::deserialize(FieldsOf).unwrap_err().0.to_vec()
    }

    #[test]
    fn known_keys_match_the_serde_structs() {
        let expected = [
            ("", serde_fields::<Spec>()),
            ("retry_after", serde_fields::<RetryAfterSpec>()),
            ("wire", serde_fields::<WireSpec>()),
            ("wire.field_errors", serde_fields::<FieldErrorsSpec>()),
            ("response[]", serde_fields::<ResponseFieldSpec>()),
            ("response[].items", serde_fields::<ItemsSpec>()),
            ("statuses[]", serde_fields::<StatusSpec>()),
            ("categories[]", serde_fields::<CategorySpec>()),
            ("categories[].codes[]", serde_fields::<CodeSpec>()),
        ];
        for ((shape, known), (expected_shape, fields)) in KNOWN_KEYS.iter().zip(&expected) {
            assert_eq!(shape, expected_shape);
            assert_eq!(known, fields, "{shape}");
        }
        assert_eq!(KNOWN_KEYS.len(), expected.len());
    }

    #[test]
    fn every_unknown_key_is_reported_with_the_nearest_known_one() {
        let text = "schema: 1\nnmae: x\ncategories:\n  - id: a\n    codes:\n      - code: A\n        mesage: m\n        zzzzzz: 1\n";
        let problems = unknown_keys(&SourceMap::new(text).unwrap());
        let found: Vec<(&str, &str, &str)> = problems
            .iter()
            .map(|p| (p.path.as_str(), p.message.as_str(), p.help.as_deref().unwrap()))
            .collect();
        assert_eq!(found[0], ("nmae", "unknown key `nmae`", "did you mean `name`?"));
        assert_eq!(
            found[1],
            (
                "categories[0].codes[0].mesage",
                "unknown key `mesage`",
                "did you mean `message`?"
            )
        );
        assert_eq!(found[2].0, "categories[0].codes[0].zzzzzz");
        assert!(
            found[2].2.starts_with("the keys here are `code`, `name`, `status`"),
            "{}",
            found[2].2
        );
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn an_unknown_key_with_a_dot_is_named_whole_under_its_mapping() {
        let problems = unknown_keys(&SourceMap::new("schema: 1\nretry_after:\n  default.secs: 5\n").unwrap());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].message, "unknown key `default.secs`");
        assert_eq!(problems[0].path, "retry_after.default.secs");
    }

    #[test]
    fn a_runaway_key_is_quoted_cut_short() {
        let key = "k".repeat(1_000);
        let problems = unknown_keys(&SourceMap::new(&format!("? {key}\n: 1\n")).unwrap());
        assert_eq!(
            problems[0].message,
            format!("unknown key `{}…` (1000 bytes)", "k".repeat(40))
        );
        assert_eq!(quoted("nmae"), "`nmae`");
    }

    #[test]
    fn a_key_path_is_shaped_without_its_indexes() {
        assert_eq!(shape_of("categories[12].codes[3]"), "categories[].codes[]");
        assert_eq!(shape_of("response[0].fields[1].fields[2]"), "response[]");
        assert_eq!(shape_of("response[0].fieldz[1]"), "response[].fieldz[]");
        assert_eq!(shape_of("response[0].items.fields[1].items"), "response[].items");
        assert_eq!(shape_of("response[0].items.items.fields[0]"), "response[]");
        assert_eq!(shape_of("response[0].itemsz"), "response[].itemsz");
    }
}
