//! Catalogue text as Python source: string literals that can hold anything
//! and break nothing, and the identifiers derived from catalogue names.

use std::collections::HashMap;
use std::fmt::Write as _;

use heck::ToShoutySnakeCase;

use crate::render::text::push_double_quoted;

/// Python's keywords (3.9–3.13), which no module or member may be named.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// `text` as a double-quoted Python string literal of printable ASCII only:
/// quotes and backslashes escaped, `\n`, `\r` and `\t` by name, every other
/// character outside `' '..='~'` (controls, NUL, U+2028, bidi controls, any
/// non-ASCII) as `\xNN`, `\uNNNN` or `\UNNNNNNNN`, as `ascii()` writes them.
/// The literal is data: no f-string, no line break, nothing a reader or the
/// parser could take for code.
pub fn python_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_python_string(&mut out, text);
    out
}

/// [`python_string`], appended to `out`.
pub fn push_python_string(out: &mut String, text: &str) {
    push_double_quoted(out, text, |c, out| match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        ' '..='~' => out.push(c),
        c => {
            // Writing into a `String` cannot fail.
            let _ = match u32::from(c) {
                n if n < 0x100 => write!(out, "\\x{n:02x}"),
                n if n < 0x10000 => write!(out, "\\u{n:04x}"),
                n => write!(out, "\\U{n:08x}"),
            };
        }
    })
}

/// The package's name: the crate's lib name, with `_` after it when it is a
/// Python keyword (`class` → `class_`, as PEP 8 suggests), since a package
/// named by a keyword cannot be imported.
pub fn package_name(lib_name: &str) -> String {
    if KEYWORDS.contains(&lib_name) {
        format!("{lib_name}_")
    } else {
        lib_name.to_owned()
    }
}

/// The `ErrorCode` member of each variant, in order: its UPPER_SNAKE form
/// (`AuthInvalidKey` → `AUTH_INVALID_KEY`) when that is an ASCII identifier
/// that names no other variant's member and reads back as the variant (so
/// members map one to one), else `CODE_<position>` (a variant in non-ASCII
/// letters, which Python folds by NFKC; or one of the form `CODE_<digits>`): never a name Python
/// refuses or two codes share.
pub fn member_names(variants: &[&str]) -> Vec<String> {
    let shouty: Vec<String> = variants.iter().map(|variant| variant.to_shouty_snake_case()).collect();
    // Counted once: asking every name how many others share it is quadratic.
    let mut uses: HashMap<&str, usize> = HashMap::with_capacity(shouty.len());
    for name in &shouty {
        *uses.entry(name).or_default() += 1;
    }
    shouty
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let plain = name.starts_with(|c: char| c.is_ascii_uppercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            let reads_back = plain && upper_camel_of_plain(name) == variants[index];
            let unique = uses[name.as_str()] == 1;
            if plain && reads_back && unique && !is_fallback(name) {
                name.clone()
            } else {
                format!("CODE_{index}")
            }
        })
        .collect()
}

/// heck's UpperCamelCase of `name`, an UPPER_SNAKE name of ASCII capitals,
/// digits and `_`: with no lower-case letter there is no case boundary, so
/// its words are the runs between `_`, each capitalized. Written out because
/// heck's general rules cost more than the rest of the file together.
fn upper_camel_of_plain(name: &str) -> String {
    let mut camel = String::with_capacity(name.len());
    for word in name.split('_').filter(|word| !word.is_empty()) {
        let (first, rest) = word.split_at(1);
        camel.push_str(first);
        camel.extend(rest.chars().map(|c| c.to_ascii_lowercase()));
    }
    camel
}

/// Whether `name` has the form of a fallback member, `CODE_<digits>`.
fn is_fallback(name: &str) -> bool {
    name.strip_prefix("CODE_")
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_printable_ascii_literals_of_the_same_text() {
        assert_eq!(python_string("plain"), r#""plain""#);
        assert_eq!(python_string("q\"b\\s"), r#""q\"b\\s""#);
        assert_eq!(python_string("a\nb\r\tc\0"), r#""a\nb\r\tc\x00""#);
        assert_eq!(python_string("é\u{2028}\u{202e}🦀"), r#""\xe9\u2028\u202e\U0001f980""#);
        assert_eq!(python_string("{x} */ ${y} `z`"), r#""{x} */ ${y} `z`""#);
    }

    /// Text a catalogue could hold, and text its rules refuse but a literal
    /// must still carry: quotes, backslashes, NUL and other controls, line
    /// and paragraph separators, bidi controls, astral characters.
    const HOSTILE: &[&str] = &[
        r#"""" ''' \"#,
        "ends with a backslash \\",
        "nul \0 bell \u{7} del \u{7f} c1 \u{85}",
        "lines \n \r\n \u{2028} \u{2029}",
        "bidi \u{202e}evil\u{202c} \u{2066}x\u{2069} \u{61c}",
        "f-string {x!r} ${y} `z` */ # not a comment",
        "astral 🦀 \u{10ffff} \u{feff}",
    ];

    #[test]
    fn python_reads_every_literal_back_as_the_same_text() {
        let literals: Vec<String> = HOSTILE.iter().map(|text| python_string(text)).collect();
        let program = format!("import json\nprint(json.dumps([{}]))", literals.join(", "));
        let output = std::process::Command::new("python3")
            .args(["-c", &program])
            .output()
            .unwrap_or_else(|err| panic!("this test needs `python3` on PATH, to read the literals back: {err}"));
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let read: Vec<String> = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(read, HOSTILE);
        for literal in &literals {
            assert!(literal.bytes().all(|b| (b' '..=b'~').contains(&b)), "{literal}");
        }
    }

    #[test]
    fn keywords_are_not_package_names() {
        assert_eq!(package_name("ofauth_errors"), "ofauth_errors");
        assert_eq!(package_name("class"), "class_");
        assert_eq!(package_name("None"), "None_");
        assert_eq!(package_name("match"), "match");
    }

    #[test]
    fn plain_names_read_back_as_heck_reads_them() {
        for name in [
            "AUTH_INVALID_KEY",
            "HTTP2_ERROR",
            "A",
            "X_2FA_CODE",
            "ERROR_404",
            "A__B",
            "_LEADING",
            "TRAILING_",
        ] {
            assert_eq!(
                upper_camel_of_plain(name),
                heck::ToUpperCamelCase::to_upper_camel_case(name),
                "{name}"
            );
        }
    }

    #[test]
    fn members_are_upper_snake_unique_identifiers() {
        assert_eq!(
            member_names(&["AuthInvalidKey", "Http2Error", "MethodNotFound"]),
            ["AUTH_INVALID_KEY", "HTTP2_ERROR", "METHOD_NOT_FOUND"]
        );
        assert_eq!(
            member_names(&["Ünknown", "CodeRed", "Plain"]),
            ["CODE_0", "CODE_RED", "PLAIN"]
        );
    }
}
