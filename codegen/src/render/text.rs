//! Spec strings made safe for the formats they land in: they are data, never markup.

use std::borrow::Cow;

/// `text` as inline Markdown that shows exactly those characters: safe inside a
/// table cell, a heading or a doc comment. HTML is escaped, Markdown punctuation
/// is backslash-escaped, and line breaks become `<br>` so a table row stays one line.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // A lone carriage return is a line break too, and a bare CR inside a doc
    // comment is a Rust syntax error (found by fuzzing).
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    };
    for (i, line) in text.split(['\n', '\r']).enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        // Leading blanks would start a code block, and a line opening with `#`,
        // `-`, `+`, `=` or digits then `.`/`)` a heading or a list.
        let line = line.trim();
        let mut digits_only = true;
        for (j, c) in line.chars().enumerate() {
            let starts_block = match c {
                '#' | '-' | '+' | '=' => j == 0,
                '.' | ')' => j > 0 && digits_only,
                _ => false,
            };
            digits_only &= c.is_ascii_digit();
            if starts_block {
                out.push('\\');
                out.push(c);
                continue;
            }
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

/// `text` as an inline Markdown code span showing exactly those characters:
/// fenced by one more backtick than its longest run of backticks (CommonMark),
/// padded with a space where it starts or ends with one. For one-line text.
pub fn code_span(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// `text` as a double-quoted string literal that is valid in both JSON and TOML
/// (their escapes agree: `\"`, `\\`, `\n`, `\t` and `\uXXXX`).
pub fn quoted_string(text: &str) -> String {
    double_quoted(text, push_json_char)
}

/// `c` as JSON (and TOML) write it inside a string: `\n`, `\t`, `\uXXXX`
/// for the other controls, itself otherwise.
fn push_json_char(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() => push_u_escape(out, c),
        c => out.push(c),
    }
}

/// `text` in double quotes with `"` and `\` escaped by a backslash, as every
/// language the generator writes escapes them; `write_other` writes each
/// other character, escaped as its language needs.
pub fn double_quoted(text: &str, write_other: impl Fn(char, &mut String)) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_double_quoted(&mut out, text, write_other);
    out
}

/// [`double_quoted`], appended to `out`: a renderer writing a whole file
/// into one `String` makes no string per literal.
pub fn push_double_quoted(out: &mut String, text: &str, write_other: impl Fn(char, &mut String)) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => write_other(c, out),
        }
    }
    out.push('"');
}

/// `text` as a YAML double-quoted scalar, appended to `out`, in JSON's string
/// syntax (which is YAML 1.2's): quotes, backslashes, controls, line and
/// paragraph separators (line breaks to a YAML 1.1 reader), bidi controls
/// and byte-order marks escaped, so a YAML reader gets the same text back and
/// no catalogue text can become YAML structure.
pub fn push_yaml_string(out: &mut String, text: &str) {
    push_double_quoted(out, text, |c, out| match c {
        '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => push_u_escape(out, c),
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            push_u_escape(out, c)
        }
        c => push_json_char(c, out),
    })
}

/// `c`, a character of the Basic Multilingual Plane, as `\uXXXX`.
fn push_u_escape(out: &mut String, c: char) {
    use std::fmt::Write as _;
    // Writing into a `String` cannot fail.
    let _ = write!(out, "\\u{:04X}", u32::from(c));
}

/// `value` as one line of JSON without `<`, `>` or `&`: each is written as
/// its `\uXXXX` escape (they only occur inside strings), which every JSON
/// reader turns back into the same character, so the text stays inert in
/// HTML and Markdown whatever the catalogue's strings hold.
pub fn inert_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    push_inert_json(&mut out, value);
    out
}

/// [`inert_json`], appended to `out`.
pub fn push_inert_json(out: &mut String, value: &serde_json::Value) {
    for c in value.to_string().chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_tables_and_html_inert() {
        assert_eq!(escape_markdown("a|b\nc"), "a\\|b<br>c");
        assert_eq!(escape_markdown("a\rb\r\nc"), "a<br>b<br>c");
        assert_eq!(escape_markdown("<script>&amp;"), "&lt;script&gt;&amp;amp;");
        assert_eq!(
            escape_markdown("`x` *y* _z_ [l](u)"),
            "\\`x\\` \\*y\\* \\_z\\_ \\[l\\](u)"
        );
    }

    #[test]
    fn markdown_escaping_stops_lines_from_becoming_blocks() {
        assert_eq!(escape_markdown("# title"), "\\# title");
        assert_eq!(escape_markdown("    - item"), "\\- item");
        assert_eq!(escape_markdown("1. one"), "1\\. one");
        assert_eq!(escape_markdown("10) ten"), "10\\) ten");
        assert_eq!(escape_markdown("v1.2 a-b"), "v1.2 a-b");
        assert_eq!(escape_markdown("Re-authenticate user"), "Re-authenticate user");
    }

    #[test]
    fn code_spans_outlast_the_backticks_they_hold() {
        assert_eq!(code_span("Retry-After"), "`Retry-After`");
        assert_eq!(code_span("X-`Hint`"), "`` X-`Hint` ``");
        assert_eq!(code_span("a``b"), "```a``b```");
    }

    #[test]
    fn inert_json_reads_back_as_the_same_value_without_markup_characters() {
        let value = serde_json::json!({ "error": "<b>a & b</b> \\u003c", "code": "X" });
        let text = inert_json(&value);
        assert!(!text.contains(['<', '>', '&']), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }

    #[test]
    fn yaml_strings_read_back_as_the_same_text_and_never_as_structure() {
        let hostile = [
            "key: value\n- item\n",
            "\"quoted\" \\ 'single' # comment &anchor *alias !tag {a: b} [c]",
            "nul \0 bell \u{7} del \u{7f} nel \u{85} tab \t cr \r",
            "lines \u{2028} \u{2029} bom \u{feff} bidi \u{202e}x\u{2069} astral 🦀 é",
            "---\n...\n%YAML 1.2",
            "",
        ];
        for text in hostile {
            let mut yaml = String::from("key: ");
            push_yaml_string(&mut yaml, text);
            assert!(!yaml.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{202e}']), "{yaml}");
            let read: std::collections::BTreeMap<String, String> = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(read["key"], text, "{yaml}");
        }
    }

    #[test]
    fn quoted_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(quoted_string("a \"b\" \\ c\n\u{7}"), r#""a \"b\" \\ c\n\u0007""#);
    }
}
