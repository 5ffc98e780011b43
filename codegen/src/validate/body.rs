//! The reply body (`response:`): its documented fields, nested under `object`
//! fields and an `array`'s `items:` at any depth, and where the `wire:`
//! pointers land in it. Every pointer must land on a documented field of the
//! type its part needs, each part in a place of its own; a part left out of
//! `wire:` keeps its default only where the body documents it.

use crate::front::spec::{FieldErrorsSpec, ItemsSpec, ResponseFieldSpec, WireSpec};
use crate::model::{CodeType, Constant, FieldErrorsAt, ITEMS, ResponseField, Wire, constants, pointer_keys};
use crate::suggest::closest;
use crate::validate::wire::{self, WireProblem};

/// The JSON types a body field may have.
pub const JSON_TYPES: [&str; 6] = ["string", "integer", "number", "boolean", "object", "array"];

/// The documented fields of `rows` (at key path `path`, e.g. `response`), and
/// every problem with them: a name listed twice, a type that is not a JSON
/// type, `fields:` under a field that is not an `object`, `items:` under one
/// that is not an `array`, a `value:` the field cannot have.
pub fn fields(path: &str, rows: &[ResponseFieldSpec], problems: &mut Vec<WireProblem>) -> Vec<ResponseField> {
    let mut seen = Vec::new();
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let at = format!("{path}[{i}]");
            if seen.contains(&row.field.as_str()) {
                problems.push(problem(
                    format!("{at}.field"),
                    format!("the body field `{}` is listed twice", row.field),
                    "keep one row per field",
                ));
            }
            seen.push(row.field.as_str());
            let shape = Shape {
                at: &at,
                name: &row.field,
                ty: &row.ty,
                fields: row.fields.as_deref(),
                items: row.items.as_deref(),
            };
            let mut field = shape.field(row.description.clone(), problems);
            field.value = row.value.as_ref().and_then(|value| constant(&at, row, value, problems));
            field
        })
        .collect()
}

/// What a body field and an array's `items:` share: a type, and the
/// `fields:` or `items:` that type may have.
struct Shape<'s> {
    at: &'s str,
    /// The field's name, [`ITEMS`] for an array's elements.
    name: &'s str,
    ty: &'s str,
    fields: Option<&'s [ResponseFieldSpec]>,
    items: Option<&'s ItemsSpec>,
}

impl Shape<'_> {
    fn field(&self, description: String, problems: &mut Vec<WireProblem>) -> ResponseField {
        let Shape { at, name, ty, .. } = *self;
        let what = if name == ITEMS {
            "the array's elements".to_owned()
        } else {
            format!("the body field `{name}`")
        };
        if !JSON_TYPES.contains(&ty) {
            problems.push(problem(
                format!("{at}.type"),
                format!("`{ty}` is not a JSON type"),
                match closest(ty, &JSON_TYPES) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("write one of {}", JSON_TYPES.map(|ty| format!("`{ty}`")).join(", ")),
                },
            ));
        }
        if self.fields.is_some() && ty != "object" {
            problems.push(problem(
                format!("{at}.fields"),
                format!("{what} has type `{ty}`: only an `object` has fields"),
                "write `type: object`, or remove `fields:`",
            ));
        }
        if self.items.is_some() && ty != "array" {
            problems.push(problem(
                format!("{at}.items"),
                format!("{what} has type `{ty}`: only an `array` has items"),
                "write `type: array`, or remove `items:`",
            ));
        }
        let items = self.items.map(|items| {
            let at = format!("{at}.items");
            let shape = Shape {
                at: &at,
                name: ITEMS,
                ty: &items.ty,
                fields: items.fields.as_deref(),
                items: items.items.as_deref(),
            };
            Box::new(shape.field(items.description.clone().unwrap_or_default(), problems))
        });
        ResponseField {
            name: name.to_owned(),
            ty: ty.to_owned(),
            description,
            fields: fields(&format!("{at}.fields"), self.fields.unwrap_or_default(), problems),
            value: None,
            items,
        }
    }
}

/// The `value:` of body field `row` (at key path `at`) as a [`Constant`] of
/// the field's type; a problem when it is not one.
fn constant(
    at: &str,
    row: &ResponseFieldSpec,
    value: &serde_yaml::Value,
    problems: &mut Vec<WireProblem>,
) -> Option<Constant> {
    let constant = match (row.ty.as_str(), value) {
        ("string", serde_yaml::Value::String(text)) => Some(Constant::String(text.clone())),
        ("integer", serde_yaml::Value::Number(number)) => number.as_i64().map(Constant::Integer),
        ("boolean", serde_yaml::Value::Bool(flag)) => Some(Constant::Boolean(*flag)),
        // A type that is no JSON type is reported as such.
        (ty, _) if !JSON_TYPES.contains(&ty) => return None,
        _ => None,
    };
    if constant.is_some() {
        return constant;
    }
    let field = &row.field;
    let (message, help) = match row.ty.as_str() {
        ty @ ("object" | "array" | "number") => (
            format!("the body field `{field}` has type `{ty}`, which cannot have a `value:`"),
            "only a `string`, `integer` or `boolean` field carries one value in every reply; remove `value:`, or put it on the member that has it"
                .to_owned(),
        ),
        ty => (
            format!(
                "the body field `{field}` has type `{ty}`, but its `value:` is {}",
                yaml_kind(value)
            ),
            match ty {
                "string" => "quote it, e.g. `value: \"2.0\"` (unquoted, YAML reads 2.0 as a number)".to_owned(),
                "integer" => "write a whole number from -2^63 to 2^63-1, e.g. `value: 1`".to_owned(),
                _ => "write `value: true` or `value: false`".to_owned(),
            },
        ),
    };
    problems.push(problem(format!("{at}.value"), message, help));
    None
}

/// How a message names the kind of YAML value `value` is.
fn yaml_kind(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::Null => "null".to_owned(),
        serde_yaml::Value::Bool(flag) => format!("the boolean `{flag}`"),
        serde_yaml::Value::Number(number) if number.is_i64() || number.is_u64() => {
            format!("the whole number `{number}`")
        }
        serde_yaml::Value::Number(number) => format!("the number `{number}`"),
        serde_yaml::Value::String(text) => format!("the text `{text}`"),
        serde_yaml::Value::Sequence(_) => "a list".to_owned(),
        serde_yaml::Value::Mapping(_) => "a mapping".to_owned(),
        serde_yaml::Value::Tagged(_) => "a tagged value".to_owned(),
    }
}

/// The types the field a part of the reply lands on may have, by the part's
/// key under `wire:` (the code's depend on `code_type`; `details` is an
/// `object` or `array`).
fn part_types(key: &str, code_type: CodeType) -> &'static [&'static str] {
    match (key, code_type) {
        ("code", CodeType::String) | ("message" | "doc_url" | "category", _) => &["string"],
        ("code", CodeType::Integer) | ("status", _) => &["integer"],
        _ => &["object", "array"],
    }
}

/// `wire` with each part checked against the documented `body`: a part the
/// catalogue's `wire:` names must land on a field of the right type; a part
/// left at its default is kept only where `body` documents it (as any type it
/// needs), else it is absent. The code has no such way out: it must land. No
/// two parts share a place or sit one inside another, no constant (`value:`)
/// sits where a part points, and the field errors' entries land on objects
/// documenting their members.
pub fn landed(wire: Wire, spec: Option<&WireSpec>, body: &[ResponseField], problems: &mut Vec<WireProblem>) -> Wire {
    let written = |key: &str| {
        spec.is_some_and(|spec| {
            match key {
                "code" => &spec.code,
                "message" => &spec.message,
                "details" => &spec.details,
                "status" => &spec.status,
                "doc_url" => &spec.doc_url,
                _ => &spec.category,
            }
            .is_some()
        })
    };
    let mut land = |key: &str, pointer: Option<String>| {
        let pointer = pointer?;
        if wire::check_pointer(&pointer).is_err() {
            // Reported as a pointer already; it lands nowhere to check.
            return Some(pointer);
        }
        let types = part_types(key, wire.code_type);
        match find(body, &pointer) {
            // A type that is no JSON type is reported as such.
            Some((_, field)) if types.contains(&field.ty.as_str()) || !JSON_TYPES.contains(&field.ty.as_str()) => {
                Some(pointer)
            }
            Some((path, field)) => {
                problems.push(wrong_type(&path, field, types, &format!("`wire.{key}` points at it")));
                Some(pointer)
            }
            None if key == "code" || written(key) => {
                problems.push(problem(
                    if written(key) { format!("wire.{key}") } else { "response".to_owned() },
                    format!("`wire.{key}` points at `{pointer}`, which the body does not document"),
                    format!(
                        "document it in `response:` (nested under `fields:` of an `object` field) with `type: {}`, or point `wire.{key}` at a documented field",
                        types[0]
                    ),
                ));
                Some(pointer)
            }
            None => None,
        }
    };
    // A default part yields to the parts `wire:` writes: moving the code to
    // `/error` says the message is not there.
    let written_places: Vec<&str> = wire
        .placed_parts()
        .into_iter()
        .filter(|(key, _)| written(key))
        .filter_map(|(_, pointer)| pointer)
        .collect();
    let default_yields = |key: &str, pointer: &Option<String>| {
        pointer.clone().filter(|at| {
            written(key)
                || !written_places
                    .iter()
                    .any(|place| within(at, place) || within(place, at))
        })
    };
    let (message, details) = (
        default_yields("message", &wire.message),
        default_yields("details", &wire.details),
    );
    let wire = Wire {
        code: land("code", Some(wire.code.clone())).unwrap_or_default(),
        message: land("message", message),
        details: land("details", details),
        status: land("status", wire.status.clone()),
        doc_url: land("doc_url", wire.doc_url.clone()),
        category: land("category", wire.category.clone()),
        ..wire
    };
    let parts: Vec<(&str, &str)> = wire
        .placed_parts()
        .into_iter()
        .filter_map(|(key, pointer)| Some((key, pointer?)))
        .filter(|(_, pointer)| wire::check_pointer(pointer).is_ok())
        .collect();
    apart(&parts, &written, problems);
    constants_apart(body, &parts, problems);
    if let (Some(at), Some(spec)) = (&wire.field_errors, spec.and_then(|spec| spec.field_errors.as_ref())) {
        field_errors(body, at, spec, problems);
    }
    wire
}

/// Whether the place `inner` points at is the place `outer` points at or
/// inside it.
fn within(inner: &str, outer: &str) -> bool {
    let (inner, outer) = (pointer_keys(inner), pointer_keys(outer));
    inner.starts_with(&outer)
}

/// No two `parts` share a place or sit one inside the other: a reply has one
/// value there, and a writer would overwrite one part with the other. Each
/// clash is reported at the later part, or the earlier one when only it is
/// written in `wire:`.
fn apart(parts: &[(&str, &str)], written: &dyn Fn(&str) -> bool, problems: &mut Vec<WireProblem>) {
    for (j, &(later, later_at)) in parts.iter().enumerate() {
        for &(earlier, earlier_at) in &parts[..j] {
            let message = if later_at == earlier_at {
                format!("`wire.{later}` and `wire.{earlier}` both point at `{later_at}`")
            } else if within(later_at, earlier_at) {
                format!("`wire.{later}` points at `{later_at}`, inside `{earlier_at}` where `wire.{earlier}` points")
            } else if within(earlier_at, later_at) {
                format!("`wire.{later}` points at `{later_at}`, around `{earlier_at}` where `wire.{earlier}` points")
            } else {
                continue;
            };
            let key = if written(later) || !written(earlier) {
                later
            } else {
                earlier
            };
            problems.push(problem(
                format!("wire.{key}"),
                message,
                "give each part a member of its own, neither one inside the other: a reply has one value in each place",
            ));
        }
    }
}

/// No constant (`value:`) sits where a part points, or inside it: a part's
/// value is the code's, not one shared by every reply.
fn constants_apart(body: &[ResponseField], parts: &[(&str, &str)], problems: &mut Vec<WireProblem>) {
    for (pointer, _) in constants(body) {
        let Some(&(key, at)) = parts.iter().find(|(_, at)| within(&pointer, at)) else {
            continue;
        };
        let Some((path, field)) = find(body, &pointer) else {
            continue;
        };
        problems.push(problem(
            format!("{path}.value"),
            if pointer == at {
                format!("the body field `{}` has a `value:`, but `wire.{key}` points at it", field.name)
            } else {
                format!(
                    "the body field `{}` has a `value:`, but it is inside `{at}`, where `wire.{key}` points",
                    field.name
                )
            },
            format!("each reply carries its code's own value for `wire.{key}`: remove `value:`, or point `wire.{key}` elsewhere"),
        ));
    }
}

/// `wire.field_errors`: its entries pointer walks documented fields, each
/// `*` an `array` whose `items:` are documented, and lands on an `object`
/// documenting the entry's members (`field` and `message` as `string`,
/// `value` of any type).
fn field_errors(body: &[ResponseField], at: &FieldErrorsAt, spec: &FieldErrorsSpec, problems: &mut Vec<WireProblem>) {
    if wire::check_pointer(&at.entries).is_err() {
        // Reported as a pointer already.
        return;
    }
    let here = "wire.field_errors.entries";
    let (entry_path, entry) = match walk(body, &at.entries, true) {
        Ok((path, entry)) if entry.ty == "object" => (path, entry),
        Ok((path, entry)) => {
            if JSON_TYPES.contains(&entry.ty.as_str()) {
                problems.push(wrong_type(
                    &path,
                    entry,
                    &["object"],
                    &format!("`{here}` points at each entry in it"),
                ));
            }
            return;
        }
        Err(missed) => {
            problems.push(missed.problem(here, &at.entries));
            return;
        }
    };
    let members = [
        ("field", Some(&spec.field), &["string"][..]),
        ("message", spec.message.as_ref(), &["string"][..]),
        ("value", spec.value.as_ref(), &JSON_TYPES[..]),
    ];
    for (key, name, types) in members {
        let Some(name) = name else {
            continue;
        };
        let here = format!("wire.field_errors.{key}");
        if name.is_empty() || name.starts_with('/') {
            problems.push(problem(
                here,
                if name.is_empty() {
                    "this member name is empty".to_owned()
                } else {
                    format!("`{name}` is a pointer, not the name of a member of an entry")
                },
                format!(
                    "write the name of the entry's member, e.g. `{key}: {}`, not a pointer: the entries are found by `entries`",
                    name.trim_start_matches('/').rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or(key)
                ),
            ));
            continue;
        }
        match entry.fields.iter().position(|field| field.name == *name) {
            Some(i)
                if types.contains(&entry.fields[i].ty.as_str())
                    || !JSON_TYPES.contains(&entry.fields[i].ty.as_str()) => {}
            Some(i) => {
                problems.push(wrong_type(
                    &format!("{entry_path}.fields[{i}]"),
                    &entry.fields[i],
                    types,
                    &format!("`{here}` names it"),
                ));
            }
            None => problems.push(problem(
                here,
                format!("`{name}` is not a documented member of the entries at `{}`", at.entries),
                format!(
                    "document it under the entry's `fields:` with `type: {}`, or name a documented member{}",
                    types[0],
                    closest(name, &entry.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>())
                        .map(|near| format!(" (did you mean `{near}`?)"))
                        .unwrap_or_default()
                ),
            )),
        }
    }
}

/// The problem with the documented field at key path `path` having a type
/// other than `types`, saying why (`because`) it needs one of them.
fn wrong_type(path: &str, field: &ResponseField, types: &[&str], because: &str) -> WireProblem {
    let named = if field.name == ITEMS {
        "the array's elements".to_owned()
    } else {
        format!("the body field `{}`", field.name)
    };
    problem(
        format!("{path}.type"),
        format!(
            "{named} must have type {}, not `{}`: {because}",
            types
                .iter()
                .map(|ty| format!("`{ty}`"))
                .collect::<Vec<_>>()
                .join(" or "),
            field.ty
        ),
        format!("write `type: {}`", types[0]),
    )
}

/// Why a pointer lands on no documented field.
enum Missed {
    /// The body documents nothing at `.0`, the pointer up to its first
    /// undocumented key.
    Undocumented(String),
    /// A `*` follows `.0`, which is documented with type `.1`, not `array`.
    NotAnArray(String, String),
    /// A `*` follows the array `.0`, whose elements are not documented.
    NoItems(String),
}

impl Missed {
    /// The problem, reported at `here` (the key holding `pointer`).
    fn problem(&self, here: &str, pointer: &str) -> WireProblem {
        match self {
            Missed::Undocumented(prefix) => problem(
                here.to_owned(),
                format!("`{here}` points at `{pointer}`, but the body documents nothing at `{prefix}`"),
                "document each key in `response:` (members under `fields:` of an `object`, elements under `items:` of an `array`), or point at a documented field",
            ),
            Missed::NotAnArray(prefix, ty) => problem(
                here.to_owned(),
                format!("`{here}` has `*` after `{prefix}`, which the body documents as `{ty}`, not `array`"),
                "a `*` key stands for every element of an array: put it right after an `array` field, or write the member's name",
            ),
            Missed::NoItems(prefix) => problem(
                here.to_owned(),
                format!("`{here}` has `*` after `{prefix}`, an `array` whose elements the body does not document"),
                "document the elements under the array field's `items:`, e.g. `items: { type: object, fields: [...] }`",
            ),
        }
    }
}

/// The documented field `pointer` lands on, with its key path; `None` when it
/// lands on none (or on the whole body, which is no field). A `*` key is a
/// member's name here: only [`walk`] for field errors reads it as every element.
pub(crate) fn find<'a>(body: &'a [ResponseField], pointer: &str) -> Option<(String, &'a ResponseField)> {
    walk(body, pointer, false).ok()
}

/// The documented field `pointer` lands on, with its key path, following
/// `fields:` and, when `elements` allows, `items:` for each `*` key.
fn walk<'a>(body: &'a [ResponseField], pointer: &str, elements: bool) -> Result<(String, &'a ResponseField), Missed> {
    let mut path = "response".to_owned();
    let mut prefix = String::new();
    let mut found: Option<&ResponseField> = None;
    let keys = pointer_keys(pointer);
    if keys.is_empty() {
        return Err(Missed::Undocumented(pointer.to_owned()));
    }
    for key in keys {
        let before = prefix.clone();
        prefix = format!("{prefix}/{}", crate::model::pointer_key(&key));
        if elements && key == ITEMS {
            let Some(array) = found.filter(|field| field.ty == "array") else {
                let ty = found.map_or("object", |field| field.ty.as_str());
                return Err(Missed::NotAnArray(before, ty.to_owned()));
            };
            let Some(items) = &array.items else {
                return Err(Missed::NoItems(before));
            };
            path = format!("{path}.items");
            found = Some(items);
            continue;
        }
        let fields = found.map_or(body, |field| field.fields.as_slice());
        let Some((i, field)) = fields.iter().enumerate().find(|(_, field)| field.name == key) else {
            return Err(Missed::Undocumented(prefix));
        };
        path = match found {
            None => format!("{path}[{i}]"),
            Some(_) => format!("{path}.fields[{i}]"),
        };
        found = Some(field);
    }
    found
        .map(|field| (path, field))
        .ok_or(Missed::Undocumented(pointer.to_owned()))
}

fn problem(path: String, message: String, help: impl Into<String>) -> WireProblem {
    WireProblem {
        path,
        message,
        help: help.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, ty: &str, fields: Vec<ResponseField>) -> ResponseField {
        ResponseField {
            name: name.to_owned(),
            ty: ty.to_owned(),
            description: "d".to_owned(),
            fields,
            value: None,
            items: None,
        }
    }

    #[test]
    fn a_pointer_follows_nested_fields_and_unescapes_keys() {
        let body = vec![
            field("id", "integer", vec![]),
            field(
                "error",
                "object",
                vec![field("message", "string", vec![]), field("a/b~c", "string", vec![])],
            ),
        ];
        let (path, found) = find(&body, "/error/message").unwrap();
        assert_eq!(
            (path.as_str(), found.name.as_str()),
            ("response[1].fields[0]", "message")
        );
        assert_eq!(find(&body, "/error/a~1b~0c").unwrap().0, "response[1].fields[1]");
        assert!(find(&body, "/error/missing").is_none());
        assert!(find(&body, "/id/deeper").is_none());
        assert!(find(&body, "").is_none());
    }

    #[test]
    fn a_default_part_yields_to_a_written_part_in_its_place() {
        let body = vec![field("error", "string", vec![]), field("details", "object", vec![])];
        let spec = WireSpec {
            code: Some("/error".to_owned()),
            ..WireSpec::default()
        };
        let wire = Wire {
            code: "/error".to_owned(),
            ..Wire::default()
        };
        let mut problems = Vec::new();
        let wire = landed(wire, Some(&spec), &body, &mut problems);
        assert_eq!(problems, []);
        assert_eq!((wire.message, wire.details.as_deref()), (None, Some("/details")));
    }

    #[test]
    fn field_error_entries_walk_documented_array_items_to_an_object() {
        let violation = field("field", "string", vec![]);
        let mut violations = field("violations", "array", vec![]);
        violations.items = Some(Box::new(field(ITEMS, "object", vec![violation])));
        let mut details = field("details", "array", vec![]);
        details.items = Some(Box::new(field(ITEMS, "object", vec![violations])));
        let body = vec![field("code", "string", vec![]), details];
        let at = |entries: &str| FieldErrorsAt {
            entries: entries.to_owned(),
            field: "field".to_owned(),
            message: None,
            value: None,
        };
        let spec = |entries: &str| FieldErrorsSpec {
            entries: entries.to_owned(),
            field: "field".to_owned(),
            message: None,
            value: None,
        };
        let mut problems = Vec::new();
        field_errors(
            &body,
            &at("/details/*/violations/*"),
            &spec("/details/*/violations/*"),
            &mut problems,
        );
        assert_eq!(problems, []);
        field_errors(
            &body,
            &at("/details/*/violations"),
            &spec("/details/*/violations"),
            &mut problems,
        );
        assert_eq!(
            problems[0].message,
            "the body field `violations` must have type `object`, not `array`: `wire.field_errors.entries` points at each entry in it"
        );
        assert_eq!(problems[0].path, "response[1].items.fields[0].type");
        // Outside field errors, `*` is a member's name like any other.
        assert!(find(&body, "/details/*").is_none());
    }

    #[test]
    fn a_default_part_the_body_does_not_document_is_absent() {
        let body = vec![field("code", "string", vec![]), field("error", "string", vec![])];
        let mut problems = Vec::new();
        let wire = landed(Wire::default(), None, &body, &mut problems);
        assert_eq!(problems, []);
        assert_eq!((wire.message.as_deref(), wire.details), (Some("/error"), None));
    }
}
