//! The `wire:` mapping: where each part of an error reply lives. Only its own
//! syntax is checked here (JSON Pointers, the code type, the header name);
//! whether each pointer lands on a documented body field is a rule of the
//! body (`response:`).

use crate::front::spec::WireSpec;
use crate::model::{CodeType, FieldErrorsAt, Wire};
use crate::suggest::closest;

/// A problem with one key of `wire:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireProblem {
    /// Key path, e.g. `wire.code`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: String,
}

/// The reply's layout from `spec` (the defaults where a key is absent), and
/// every problem with what it says.
pub fn wire(spec: Option<&WireSpec>) -> (Wire, Vec<WireProblem>) {
    let defaults = Wire::default();
    let Some(spec) = spec else {
        return (defaults, Vec::new());
    };
    let mut problems = Vec::new();
    let mut pointer = |key: &str, value: &Option<String>, default: Option<String>| match value {
        None => default,
        Some(text) => {
            if let Err(why) = check_pointer(text) {
                problems.push(WireProblem {
                    path: format!("wire.{key}"),
                    message: format!("`{text}` is not a JSON Pointer: {why}"),
                    help: "write an RFC 6901 pointer: `/` before each key, `~0` for `~` and `~1` for `/` inside a key, e.g. `/error/code`".to_owned(),
                });
            }
            Some(text.clone())
        }
    };
    let code = pointer("code", &spec.code, Some(defaults.code)).unwrap_or_default();
    let message = pointer("message", &spec.message, defaults.message);
    let details = pointer("details", &spec.details, defaults.details);
    let status = pointer("status", &spec.status, None);
    let doc_url = pointer("doc_url", &spec.doc_url, None);
    let category = pointer("category", &spec.category, None);
    let field_errors = spec.field_errors.as_ref().map(|at| FieldErrorsAt {
        entries: pointer("field_errors.entries", &Some(at.entries.clone()), None).unwrap_or_default(),
        field: at.field.clone(),
        message: at.message.clone(),
        value: at.value.clone(),
    });
    let code_type = match spec.code_type.as_deref() {
        None => CodeType::default(),
        Some(word) => CodeType::ALL.into_iter().find(|ty| ty.as_str() == word).unwrap_or_else(|| {
            let types = CodeType::ALL.map(CodeType::as_str);
            problems.push(WireProblem {
                path: "wire.code_type".to_owned(),
                message: format!("`{word}` is not a code type"),
                help: match closest(word, &types) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "write `string` (codes like `\"invalid_grant\"`, the default) or `integer` (codes like `-32601`)".to_owned(),
                },
            });
            CodeType::default()
        }),
    };
    if let Some(header) = &spec.code_header
        && !is_header_name(header)
    {
        problems.push(WireProblem {
            path: "wire.code_header".to_owned(),
            message: format!("`{header}` is not a valid HTTP header name"),
            help: "use letters, digits and `-`, e.g. `code_header: x-amzn-ErrorType`".to_owned(),
        });
    }
    let wire = Wire {
        code,
        code_type,
        message,
        details,
        code_header: spec.code_header.clone(),
        status,
        doc_url,
        category,
        field_errors,
    };
    (wire, problems)
}

/// Whether `name` is an RFC 9110 field name (a token).
pub fn is_header_name(name: &str) -> bool {
    let is_tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    !name.is_empty() && name.chars().all(is_tchar)
}

/// Checks RFC 6901 syntax: empty (the whole body) or `/`-separated keys in
/// which `~` only starts `~0` or `~1`.
pub fn check_pointer(text: &str) -> Result<(), String> {
    if !text.is_empty() && !text.starts_with('/') {
        return Err("a pointer is empty or starts with `/`".to_owned());
    }
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return Err("`~` is only written as `~0` (a `~`) or `~1` (a `/`)".to_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_follow_rfc_6901_syntax() {
        for good in ["", "/", "/code", "/error/code", "/a~0b/c~1d", "/0"] {
            assert_eq!(check_pointer(good), Ok(()), "{good}");
        }
        for bad in ["code", "/a~", "/a~2", "~0"] {
            assert!(check_pointer(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_absent_wire_describes_the_seed_body() {
        assert_eq!(wire(None), (Wire::default(), Vec::new()));
        let (wire, problems) = wire(Some(&WireSpec::default()));
        assert_eq!((wire, problems), (Wire::default(), Vec::new()));
    }

    #[test]
    fn a_wrong_code_type_is_refused_with_the_nearest_one() {
        let spec = WireSpec {
            code_type: Some("integr".to_owned()),
            code: Some("error".to_owned()),
            ..WireSpec::default()
        };
        let (_, problems) = wire(Some(&spec));
        let found: Vec<_> = problems.iter().map(|p| (p.path.as_str(), p.help.as_str())).collect();
        assert_eq!(found[0].0, "wire.code");
        assert_eq!(found[1], ("wire.code_type", "did you mean `integer`?"));
    }
}
