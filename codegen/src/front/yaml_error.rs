//! serde_yaml's messages, reworded for people who write catalogues rather than
//! Rust: `missing key`, "must be a whole number, not the text …", and a help
//! line saying what to write.

/// A typed-parse error split into what the diagnostic shows.
#[derive(Debug, PartialEq, Eq)]
pub struct Reworded {
    /// Key path the error is about (`categories[0].codes[1].status`), if any.
    pub key_path: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to write instead, when it can be said.
    pub help: Option<String>,
}

/// Rewords one serde_yaml message (without its trailing "at line … column …").
pub fn reword(message: &str) -> Reworded {
    let (key_path, rest) = split_path(message);
    let key = key_path.map(|path| path.rsplit('.').next().unwrap_or(path));
    if let Some(field) = rest.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
        return Reworded {
            key_path: key_path.map(str::to_owned),
            message: format!("missing key `{field}`"),
            help: Some(format!(
                "add `{field}:` to this {}",
                mapping_kind(key_path.unwrap_or(""))
            )),
        };
    }
    let mismatch = rest
        .strip_prefix("invalid type: ")
        .or_else(|| rest.strip_prefix("invalid value: "))
        .and_then(|r| r.split_once(", expected "));
    let Some((found, expected)) = mismatch else {
        // Without a key path, serde_yaml is reporting YAML syntax.
        let help = key_path
            .is_none()
            .then(|| "quote text that contains `: ` or ` #`, and indent nested keys with spaces, not tabs".to_owned());
        return Reworded {
            key_path: key_path.map(str::to_owned),
            message: rest.to_owned(),
            help,
        };
    };
    let wanted = expected_in_words(expected);
    let found_words = found_in_words(found);
    let quoted_number = found
        .strip_prefix("string \"")
        .and_then(|r| r.strip_suffix('"'))
        .filter(|text| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()));
    let help = match (key, quoted_number) {
        (Some(key), Some(number)) if is_integer(expected) => {
            format!("write the number without quotes: `{key}: {number}`")
        }
        (Some(key), _) => format!("write {wanted} after `{key}:`"),
        (None, _) => "start the file with `schema: 1` and the other keys of the format in the README".to_owned(),
    };
    Reworded {
        key_path: key_path.map(str::to_owned),
        message: match key {
            Some(key) => format!("`{key}` must be {wanted}, not {found_words}"),
            None => format!("the catalogue must be {wanted}, not {found_words}"),
        },
        help: Some(help),
    }
}

/// `categories[0].status: invalid type…` → the path and the rest. serde_yaml
/// prefixes the path of the value it was reading, when not at the root.
fn split_path(message: &str) -> (Option<&str>, &str) {
    match message.split_once(": ") {
        Some((path, rest))
            if !path.is_empty() && path.chars().all(|c| c.is_ascii_alphanumeric() || "_.-[]".contains(c)) =>
        {
            (Some(path), rest)
        }
        _ => (None, message),
    }
}

fn is_integer(expected: &str) -> bool {
    matches!(expected, "u8" | "u16" | "u32" | "u64" | "i32" | "i64")
}

fn expected_in_words(expected: &str) -> String {
    match expected {
        _ if is_integer(expected) => "a whole number".to_owned(),
        "a string" => "text".to_owned(),
        "a boolean" => "`true` or `false`".to_owned(),
        "a sequence" => "a list of `- ` items".to_owned(),
        _ if expected.starts_with("struct ") => "a mapping of `key: value` lines".to_owned(),
        other => other.to_owned(),
    }
}

fn found_in_words(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        return format!("the text {text}");
    }
    match found {
        "sequence" => "a list".to_owned(),
        "map" => "a mapping".to_owned(),
        "unit value" => "nothing".to_owned(),
        other => other.split_once(' ').map_or(other, |(_, value)| value).to_owned(),
    }
}

/// What the mapping at `path` is, in the format's words.
fn mapping_kind(path: &str) -> &'static str {
    let last = path.rsplit('.').next().unwrap_or(path);
    if path.is_empty() {
        "catalogue"
    } else if last.starts_with("codes[") {
        "code"
    } else if last.starts_with("categories[") {
        "category"
    } else if last.starts_with("statuses[") {
        "status row"
    } else if last.starts_with("response[") {
        "response field"
    } else {
        "mapping"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_field_names_the_key_and_where_to_add_it() {
        let reworded = reword("categories[0].codes[1]: missing field `resolution`");
        assert_eq!(reworded.key_path.as_deref(), Some("categories[0].codes[1]"));
        assert_eq!(reworded.message, "missing key `resolution`");
        assert_eq!(reworded.help.as_deref(), Some("add `resolution:` to this code"));
        assert_eq!(
            reword("missing field `schema`").help.as_deref(),
            Some("add `schema:` to this catalogue")
        );
    }

    #[test]
    fn a_wrong_type_says_what_was_expected_in_words() {
        let reworded = reword("categories[0].codes[0].status: invalid type: string \"five hundred\", expected u16");
        assert_eq!(
            reworded.message,
            "`status` must be a whole number, not the text \"five hundred\""
        );
        assert_eq!(reworded.help.as_deref(), Some("write a whole number after `status:`"));
        let quoted = reword("statuses[0].status: invalid type: string \"404\", expected u16");
        assert_eq!(
            quoted.help.as_deref(),
            Some("write the number without quotes: `status: 404`")
        );
        assert_eq!(
            reword("retry_after.default_secs: invalid value: integer `-5`, expected u64").message,
            "`default_secs` must be a whole number, not `-5`"
        );
        assert_eq!(
            reword("invalid type: sequence, expected struct Spec").message,
            "the catalogue must be a mapping of `key: value` lines, not a list"
        );
    }

    #[test]
    fn syntax_errors_keep_their_message_and_gain_a_hint() {
        let reworded = reword("mapping values are not allowed in this context");
        assert_eq!(reworded.message, "mapping values are not allowed in this context");
        assert_eq!(reworded.key_path, None);
        assert!(reworded.help.unwrap().starts_with("quote text that contains `: `"));
    }
}
