//! A code's stated `example:` checked against the envelope: it is a reply
//! the API could send for that code. The parts whose value the catalogue
//! knows carry it (the code at `wire.code` — a JSON number in an integer
//! catalogue —, every constant, and the status and category id where the
//! example has them), and every member is documented in `response:` with its
//! type, at any depth (an `object` without documented `fields:` and an
//! `array` without documented `items:` hold anything).

use serde_json::Value;

use crate::envelope;
use crate::model::{Code, ResponseField, Wire, constants, pointer_key, pointer_keys};
use crate::validate::wire::WireProblem;

/// Every problem with `example`, the `example:` of `code` (at key path
/// `here`, in category `category_id`), for the reply laid out by `wire`
/// whose documented fields are `fields`.
pub fn check(
    here: &str,
    example: &Value,
    wire: &Wire,
    fields: &[ResponseField],
    code: &Code,
    category_id: &str,
) -> Vec<WireProblem> {
    let mut problems = Vec::new();
    let envelope = envelope::body(wire, fields, code, category_id);
    if !example.is_object() {
        problems.push(WireProblem {
            path: here.to_owned(),
            message: "the example is not a mapping of JSON values".to_owned(),
            help: format!("write the reply body, e.g. `example: {envelope}`"),
        });
        return problems;
    }
    let constants = constants(fields);
    // (pointer, what puts the value there, whether every reply has it)
    let mut known: Vec<(&str, &str, bool)> = vec![(wire.code.as_str(), "`wire.code`", true)];
    known.extend(
        constants
            .iter()
            .map(|(pointer, _)| (pointer.as_str(), "its `value:` in `response:`", true)),
    );
    if let Some(pointer) = &wire.status {
        known.push((pointer, "`wire.status`: the code's HTTP status", false));
    }
    if let Some(pointer) = &wire.category {
        known.push((pointer, "`wire.category`: the code's category id", false));
    }
    for (pointer, what, required) in &known {
        let Some(expected) = envelope.pointer(pointer) else {
            continue;
        };
        match example.pointer(pointer) {
            Some(found) if found == expected => {}
            None if !required => {}
            None => problems.push(WireProblem {
                path: here.to_owned(),
                message: format!(
                    "the example has nothing at `{pointer}` ({what}), where every reply for `{}` has {expected}",
                    code.code
                ),
                help: format!("add {expected} at `{pointer}`"),
            }),
            Some(found) => problems.push(WireProblem {
                path: format!("{here}{}", yaml_path(example, pointer)),
                message: format!(
                    "the example has {found} at `{pointer}` ({what}), where a reply for `{}` has {expected}",
                    code.code
                ),
                help: format!("write {expected}, as the API sends it"),
            }),
        }
    }
    let mut walk = Walk {
        here,
        example,
        skip: known.iter().map(|(pointer, ..)| *pointer).collect(),
        problems,
    };
    walk.documented("", example, fields);
    walk.problems
}

/// The documented-member check of one example.
struct Walk<'e> {
    /// The example's key path.
    here: &'e str,
    example: &'e Value,
    /// Pointers whose values were compared whole already.
    skip: Vec<&'e str>,
    problems: Vec<WireProblem>,
}

impl Walk<'_> {
    /// Every member of the object `value` (at pointer `at`) is one of
    /// `fields`, with its documented type, its own members documented in turn.
    fn documented(&mut self, at: &str, value: &Value, fields: &[ResponseField]) {
        let Value::Object(members) = value else {
            return;
        };
        for (key, member) in members {
            let pointer = format!("{at}/{}", pointer_key(key));
            let Some(field) = fields.iter().find(|field| field.name == *key) else {
                self.problems.push(WireProblem {
                    path: self.path(&pointer),
                    message: format!("the example has a member `{key}` at `{pointer}`, which `response:` does not document"),
                    help: format!(
                        "document `{key}` in `response:` with its type (nested under `fields:` of its object, `items:` of its array), or remove it from the example"
                    ),
                });
                continue;
            };
            if !self.skip.contains(&pointer.as_str()) {
                self.conforms(&pointer, member, field);
            }
        }
    }

    /// `value` (at pointer `at`) has the type `field` documents, and its
    /// members or elements conform in turn.
    fn conforms(&mut self, at: &str, value: &Value, field: &ResponseField) {
        let fits = match field.ty.as_str() {
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            // No JSON type: reported as such.
            _ => true,
        };
        if !fits {
            self.problems.push(WireProblem {
                path: self.path(at),
                message: format!(
                    "the example has {value} at `{at}`, which `response:` documents as `{}`",
                    field.ty
                ),
                help: format!("write a JSON `{}` there, as the API sends it", field.ty),
            });
            return;
        }
        if !field.fields.is_empty() {
            self.documented(at, value, &field.fields);
        }
        if let (Value::Array(elements), Some(items)) = (value, &field.items) {
            for (i, element) in elements.iter().enumerate() {
                self.conforms(&format!("{at}/{i}"), element, items);
            }
        }
    }

    fn path(&self, pointer: &str) -> String {
        format!("{}{}", self.here, yaml_path(self.example, pointer))
    }
}

/// The key path under the example `root` of the value at `pointer`, as the
/// source map writes it (`/error/details/0/field` → `.error.details[0].field`):
/// an array's element by index, an object's member by name.
fn yaml_path(root: &Value, pointer: &str) -> String {
    let mut here = Some(root);
    let mut path = String::new();
    for key in pointer_keys(pointer) {
        here = match here {
            Some(Value::Array(elements)) => {
                path.push_str(&format!("[{key}]"));
                key.parse::<usize>().ok().and_then(|i| elements.get(i))
            }
            other => {
                path.push_str(&format!(".{key}"));
                other.and_then(|value| value.get(&key))
            }
        };
    }
    path
}
