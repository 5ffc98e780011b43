//! A small JSON reader for error bodies, so that [`ApiError`](super::api_error::ApiError)
//! needs no dependency. It never panics, bounds nesting depth and the number of
//! values it builds, and reads only complete, well-formed JSON: anything else
//! is `None`, never a guess.

use std::fmt;

/// Nesting deeper than this is refused: an error body is a few levels deep, and
/// the bound keeps a hostile body from exhausting the stack.
const MAX_DEPTH: usize = 64;

/// At most 4096 values are built from one body. A value costs up to ~128 bytes
/// however few bytes it was written in (`1,` is two), so this bound, not the
/// body's length, keeps the tree small: at most ~512 KiB, 8 times the default
/// body limit. Values past it are still read, to check the syntax, but not kept.
pub(crate) const MAX_VALUES: usize = 4096;

/// A JSON value read from an error body.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept exactly as written so that no precision is lost.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<JsonValue>),
    /// An object's members in the order they were written.
    Object(Vec<(String, JsonValue)>),
}

impl JsonValue {
    /// Reads `bytes` as exactly one JSON value (surrounding whitespace allowed).
    /// `None` for anything else: invalid UTF-8, truncated or trailing text,
    /// nesting deeper than 64 levels, or more than 4096 values in all.
    pub fn parse(bytes: &[u8]) -> Option<JsonValue> {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut reader = Reader::new(text, MAX_VALUES);
        let value = reader.value(0)?;
        (reader.at_end() && !reader.over_budget).then_some(value)
    }

    /// The member `key` of an object; for a key written twice, the last one
    /// (as most JSON parsers do). `None` for other values.
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        match self {
            JsonValue::Object(members) => members
                .iter()
                .rev()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonValue::String(text) => Some(text),
            _ => None,
        }
    }

    /// The string, if this is one, taken out of the value.
    fn into_string(self) -> Option<String> {
        match self {
            JsonValue::String(text) => Some(text),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[JsonValue]> {
        match self {
            JsonValue::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, JsonValue::Object(_))
    }

    /// The same value as a `serde_json::Value`. A number too large for
    /// `serde_json` to hold becomes the string it was written as.
    #[cfg(feature = "serde")]
    pub fn to_serde(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            JsonValue::Null => Value::Null,
            JsonValue::Bool(flag) => Value::Bool(*flag),
            JsonValue::Number(text) => text
                .parse::<serde_json::Number>()
                .map_or_else(|_| Value::String(text.clone()), Value::Number),
            JsonValue::String(text) => Value::String(text.clone()),
            JsonValue::Array(items) => Value::Array(items.iter().map(JsonValue::to_serde).collect()),
            JsonValue::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(name, value)| (name.clone(), value.to_serde()))
                    .collect(),
            ),
        }
    }
}

/// Writes the value back as compact JSON.
impl fmt::Display for JsonValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonValue::Null => f.write_str("null"),
            JsonValue::Bool(flag) => write!(f, "{flag}"),
            JsonValue::Number(text) => f.write_str(text),
            JsonValue::String(text) => write_string(f, text),
            JsonValue::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            JsonValue::Object(members) => {
                f.write_str("{")?;
                for (i, (name, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, name)?;
                    write!(f, ":{value}")?;
                }
                f.write_str("}")
            }
        }
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in text.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if c.is_control() => write!(f, "\\u{:04x}", u32::from(c))?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

/// The members of an error body's top-level object that
/// [`ApiError`](super::api_error::ApiError) keeps; every other member is read (to check
/// the syntax) but not kept.
#[derive(Debug, Default)]
pub(crate) struct ErrorBodyMembers {
    /// `error`, when it is a string.
    pub(crate) error: Option<String>,
    /// `code`, when it is a string.
    pub(crate) code: Option<String>,
    /// `details`, unless it is `null` or holds more than [`MAX_VALUES`] values.
    pub(crate) details: Option<JsonValue>,
}

/// Reads an error body: one JSON object, of which only `error`, `code` and
/// `details` are built. `None` when the body is not one complete object,
/// except that a body `cut` short keeps the members read whole before the cut.
pub(crate) fn read_error_body(text: &str, cut: bool) -> Option<ErrorBodyMembers> {
    let mut reader = Reader::new(text, 0);
    reader.skip_whitespace();
    if reader.peek()? != b'{' {
        return None;
    }
    let mut body = ErrorBodyMembers::default();
    let complete = reader
        .members(|reader, name| {
            // A string is one value: a bigger `error` or `code` is not text.
            reader.budget = match name.as_str() {
                "error" | "code" => 1,
                "details" => MAX_VALUES,
                _ => 0,
            };
            reader.over_budget = false;
            let value = reader.value(1)?;
            if matches!(value, JsonValue::Number(_)) && reader.pos == reader.text.len() {
                // A number the text ends on may have been cut short.
                return None;
            }
            let kept = (!reader.over_budget).then_some(value);
            match name.as_str() {
                "error" => body.error = kept.and_then(JsonValue::into_string),
                "code" => body.code = kept.and_then(JsonValue::into_string),
                "details" => body.details = kept.filter(|value| *value != JsonValue::Null),
                _ => {}
            }
            Some(())
        })
        .is_some()
        && reader.at_end();
    (complete || cut).then_some(body)
}

/// A recursive-descent reader over the whole text; every method returns `None`
/// at the first byte that does not fit the grammar (RFC 8259).
struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// How many more values may be built. Past it, values are still read but
    /// containers stop growing, and `over_budget` says the result is partial.
    budget: usize,
    over_budget: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, budget: usize) -> Reader<'a> {
        Reader {
            text,
            pos: 0,
            budget,
            over_budget: false,
        }
    }

    /// Whether only whitespace is left.
    fn at_end(&mut self) -> bool {
        self.skip_whitespace();
        self.pos == self.text.len()
    }

    /// Counts one value against the budget; `false` once it is spent.
    fn keeps_another(&mut self) -> bool {
        if self.budget == 0 {
            self.over_budget = true;
            return false;
        }
        self.budget -= 1;
        true
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str, value: JsonValue) -> Option<JsonValue> {
        let rest = self.text.get(self.pos..)?;
        rest.starts_with(word).then(|| {
            self.pos += word.len();
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<JsonValue> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.keeps_another();
        self.skip_whitespace();
        match self.peek()? {
            b'n' => self.literal("null", JsonValue::Null),
            b't' => self.literal("true", JsonValue::Bool(true)),
            b'f' => self.literal("false", JsonValue::Bool(false)),
            b'"' => self.string().map(JsonValue::String),
            b'[' => self.array(depth),
            b'{' => self.object(depth),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn array(&mut self, depth: usize) -> Option<JsonValue> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Some(JsonValue::Array(items));
        }
        loop {
            let item = self.value(depth + 1)?;
            if !self.over_budget {
                items.push(item);
            }
            self.skip_whitespace();
            match self.bump()? {
                b',' => continue,
                b']' => return Some(JsonValue::Array(items)),
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<JsonValue> {
        let mut members = Vec::new();
        self.members(|reader, name| {
            let value = reader.value(depth + 1)?;
            if !reader.over_budget {
                members.push((name, value));
            }
            Some(())
        })?;
        Some(JsonValue::Object(members))
    }

    /// Reads an object from its `{`, handing each member's name to `member`,
    /// which reads the value.
    fn members(&mut self, mut member: impl FnMut(&mut Self, String) -> Option<()>) -> Option<()> {
        self.pos += 1;
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Some(());
        }
        loop {
            self.skip_whitespace();
            if self.peek()? != b'"' {
                return None;
            }
            let name = self.string()?;
            self.skip_whitespace();
            if self.bump()? != b':' {
                return None;
            }
            member(self, name)?;
            self.skip_whitespace();
            match self.bump()? {
                b',' => continue,
                b'}' => return Some(()),
                _ => return None,
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Option<JsonValue> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek()? {
            b'0' => self.pos += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        self.text
            .get(start..self.pos)
            .map(|text| JsonValue::Number(text.to_owned()))
    }

    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = self.text.get(self.pos..)?;
            let c = rest.chars().next()?;
            self.pos += c.len_utf8();
            match c {
                '"' => return Some(out),
                '\\' => out.push(self.escape()?),
                c if u32::from(c) < 0x20 => return None,
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self) -> Option<char> {
        Some(match self.bump()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return None,
        })
    }

    /// `\uXXXX`, joining a surrogate pair; a lone surrogate becomes U+FFFD
    /// rather than failing the whole body over one character.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if !(0xD800..0xDC00).contains(&first) {
            return Some(char::from_u32(first).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        let rest = self.text.get(self.pos..)?;
        if !rest.starts_with("\\u") {
            return Some(char::REPLACEMENT_CHARACTER);
        }
        let saved = self.pos;
        self.pos += 2;
        let second = self.hex4()?;
        if !(0xDC00..0xE000).contains(&second) {
            self.pos = saved;
            return Some(char::REPLACEMENT_CHARACTER);
        }
        let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
        Some(char::from_u32(combined).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<JsonValue> {
        JsonValue::parse(text.as_bytes())
    }

    #[test]
    fn reads_an_error_body() {
        let body = parse(
            r#" {"error": "bad", "code": "X", "details": {"n": -1.5e3, "ok": true, "none": null, "list": [1, "a"]}} "#,
        )
        .expect("valid JSON");
        assert_eq!(body.get("code").and_then(JsonValue::as_str), Some("X"));
        let details = body.get("details").expect("details");
        assert_eq!(details.get("n"), Some(&JsonValue::Number("-1.5e3".to_owned())));
        assert_eq!(details.get("ok"), Some(&JsonValue::Bool(true)));
        assert_eq!(details.get("none"), Some(&JsonValue::Null));
        assert_eq!(
            details.get("list").and_then(JsonValue::as_array).map(<[_]>::len),
            Some(2)
        );
    }

    #[test]
    fn unescapes_strings_and_joins_surrogate_pairs() {
        let value = parse(r#""a\"b\\c\/\n\u00e9\ud83e\udd80\ud800x""#).expect("valid JSON");
        assert_eq!(value.as_str(), Some("a\"b\\c/\né🦀\u{fffd}x"));
    }

    #[test]
    fn refuses_anything_but_one_complete_value() {
        for text in [
            "",
            " ",
            "{",
            r#"{"code": "X""#,
            r#"{"code": "X"} trailing"#,
            "<html>502</html>",
            "nul",
            "01",
            "1.",
            "-",
            "1e",
            r#""tab	inside""#,
            r#""\x""#,
            r#""\u12""#,
            "[1,]",
            r#"{"a" 1}"#,
            r#"{a: 1}"#,
            "\u{feff}{}",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
        assert_eq!(JsonValue::parse(b"\"\xff\""), None);
    }

    #[test]
    fn bounds_nesting_depth() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse(&nested(MAX_DEPTH)).is_some());
        assert_eq!(parse(&nested(MAX_DEPTH + 2)), None);
        assert_eq!(parse(&"[".repeat(100_000)), None);
    }

    #[test]
    fn bounds_the_number_of_values() {
        let array = |len: usize| format!("[{}]", vec!["0"; len].join(","));
        // The array itself is one value.
        assert!(parse(&array(MAX_VALUES - 1)).is_some());
        assert_eq!(parse(&array(MAX_VALUES)), None);
        let body = format!(
            r#"{{"code": "X", "other": {}, "details": {}}}"#,
            array(MAX_VALUES * 2),
            array(3)
        );
        let members = read_error_body(&body, false).expect("an object");
        assert_eq!(members.code.as_deref(), Some("X"));
        assert_eq!(
            members.details.as_ref().and_then(JsonValue::as_array).map(<[_]>::len),
            Some(3)
        );
        let too_many = format!(r#"{{"code": "X", "details": {}}}"#, array(MAX_VALUES));
        assert_eq!(
            read_error_body(&too_many, false).map(|members| members.details),
            Some(None)
        );
    }

    #[test]
    fn the_last_of_a_repeated_key_wins() {
        let value = parse(r#"{"k": 1, "k": 2}"#).expect("valid JSON");
        assert_eq!(value.get("k"), Some(&JsonValue::Number("2".to_owned())));
        assert_eq!(JsonValue::Null.get("k"), None);
    }

    #[test]
    fn displays_as_compact_json_that_reads_back() {
        let text = r#"{"s":"q\"\n\u0001","n":[1,-2.5,null,false],"o":{}}"#;
        let value = parse(text).expect("valid JSON");
        assert_eq!(value.to_string(), text);
        assert_eq!(parse(&value.to_string()), Some(value));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn converts_to_serde_json() {
        let text = r#"{"a":[1,2.5,"x",null,true],"big":1e999}"#;
        let value = parse(text).expect("valid JSON").to_serde();
        assert_eq!(value["a"], serde_json::json!([1, 2.5, "x", null, true]));
        assert_eq!(value["big"], serde_json::json!("1e999"));
    }
}
