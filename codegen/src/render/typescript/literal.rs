//! Catalogue text as JavaScript / TypeScript string literals: data that can
//! never break out of its quotes, whatever it holds.

use std::fmt::Write;

use crate::render::text::push_double_quoted;

/// `text` as a double-quoted string literal valid in JavaScript, TypeScript
/// and JSON, written in printable ASCII only: every other character (controls,
/// line and paragraph separators, bidi controls, NUL, anything non-ASCII) is a
/// `\uXXXX` escape of its UTF-16 units, `"` and `\` are escaped, and so is
/// `<`, so that not even `</script>` or `<!--` appears in the source. `${`,
/// backticks and `*/` are inert inside double quotes.
pub fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_js_string(&mut out, text);
    out
}

/// [`js_string`], appended to `out`.
pub fn push_js_string(out: &mut String, text: &str) {
    push_double_quoted(out, text, |c, out| match c {
        '<' => out.push_str("\\u003c"),
        ' '..='~' => out.push(c),
        _ => {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    })
}

/// `text` as [`js_string`], or `null`.
pub fn js_string_or_null(text: Option<&str>) -> String {
    text.map_or_else(|| "null".to_owned(), js_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_inside_its_quotes_in_printable_ascii() {
        let hostile = "a\"b\\c*/${x}`\n\r\u{2028}\u{2029}\u{202e}\0</script>é😀";
        let literal = js_string(hostile);
        assert_eq!(
            literal,
            r#""a\"b\\c*/${x}`\u000a\u000d\u2028\u2029\u202e\u0000\u003c/script>\u00e9\ud83d\ude00""#
        );
        assert!(literal.bytes().all(|b| (b' '..=b'~').contains(&b)));
        // The same literal is JSON: reading it back gives the text exactly.
        assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), hostile);
    }

    #[test]
    fn absent_text_is_null() {
        assert_eq!(js_string_or_null(None), "null");
        assert_eq!(js_string_or_null(Some("x")), "\"x\"");
    }
}
