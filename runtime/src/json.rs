//! A small JSON reader for error bodies, so that [`ApiError`](super::api_error::ApiError)
//! needs no dependency. It never panics, bounds nesting depth and the number of
//! values it builds, and reads only complete, well-formed JSON: anything else
//! is `None`, never a guess.

use std::fmt;

use super::catalogue::Wire;

/// Nesting deeper than this is refused: an error body is a few levels deep, and
/// the bound keeps a hostile body from exhausting the stack.
const MAX_DEPTH: usize = 64;

/// At most 4096 values are built for one value read whole: a parsed body, or
/// one part of an error body (its details, or the value holding its field
/// errors). A value costs up to ~128 bytes however few bytes it was written in
/// (`1,` is two), so this bound, not the body's length, keeps each tree small:
/// at most ~512 KiB, 8 times the default body limit. Values past it are still
/// read, to check the syntax, but not kept, and the part is left out.
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

/// The parts of an error body that [`ApiError`](super::api_error::ApiError)
/// keeps, read where the catalogue's [`Wire`] says they are; every other
/// value is read (to check the syntax) but not kept.
#[derive(Debug, Default)]
pub(crate) struct ErrorBodyMembers {
    /// The code: a string, or for integer codes a JSON integer's text.
    pub(crate) code: Option<String>,
    /// The message, when it is a string.
    pub(crate) message: Option<String>,
    /// The details, unless `null` or holding more than [`MAX_VALUES`] values.
    pub(crate) details: Option<JsonValue>,
    /// The value at the fixed prefix of `wire.field_errors.entries`, when that
    /// is not inside the details (see [`EntriesPattern`]), unless it holds
    /// more than [`MAX_VALUES`] values.
    pub(crate) field_error_scope: Option<JsonValue>,
}

/// A part of the body [`read_error_body`] looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Code,
    Message,
    Details,
    FieldErrorScope,
}

impl Part {
    /// How many values the part may build: a code or message is one string.
    fn budget(self) -> usize {
        match self {
            Part::Code | Part::Message => 1,
            Part::Details | Part::FieldErrorScope => MAX_VALUES,
        }
    }
}

/// A part still sought, with the keys (unescaped) left on its way to it.
type Sought<'k> = (&'k [String], Part);

/// Reads an error body, building only the values `wire` points at: the
/// containers on the way are walked, not built. `None` when the body is not
/// one complete JSON value, except that a body `cut` short keeps the parts
/// read whole before the cut. For a key written twice, the last one counts.
pub(crate) fn read_error_body(text: &str, cut: bool, wire: &Wire) -> Option<ErrorBodyMembers> {
    let paths = [
        (Some(wire.code), Part::Code),
        (wire.message, Part::Message),
        (wire.details, Part::Details),
    ]
    .map(|(pointer, part)| (pointer.and_then(pointer_keys), part));
    let field_errors = EntriesPattern::of(wire);
    let scope = field_errors
        .as_ref()
        .and_then(EntriesPattern::own_part)
        .map(|keys| (keys, Part::FieldErrorScope));
    let sought: Vec<Sought<'_>> = paths
        .iter()
        .filter_map(|(keys, part)| keys.as_deref().map(|keys| (keys, *part)))
        .chain(scope)
        .collect();
    let mut reader = Reader::new(text, 0);
    let mut body = ErrorBodyMembers::default();
    let complete = reader.seek(0, &sought, &mut body, wire).is_some() && reader.at_end();
    (complete || cut).then_some(body)
}

/// The keys of an RFC 6901 pointer, `~1` and `~0` unescaped; `None` for
/// text that is not a pointer.
pub(crate) fn pointer_keys(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    pointer.strip_prefix('/')?.split('/').map(unescape).collect()
}

/// One pointer key, unescaped: `~0` is `~`, `~1` is `/`, any other `~` is
/// no pointer.
fn unescape(key: &str) -> Option<String> {
    let mut out = String::with_capacity(key.len());
    let mut chars = key.chars();
    while let Some(c) = chars.next() {
        match c {
            '~' => match chars.next()? {
                '0' => out.push('~'),
                '1' => out.push('/'),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

/// Stores `value`, read for `part`, in `body` when it has the part's type.
fn keep(body: &mut ErrorBodyMembers, part: Part, value: Option<JsonValue>, wire: &Wire) {
    match part {
        Part::Code => {
            body.code = value.and_then(|value| match value {
                JsonValue::String(text) if !wire.integer_code => Some(text),
                JsonValue::Number(text) if wire.integer_code && is_integer(&text) => Some(text),
                _ => None,
            });
        }
        Part::Message => body.message = value.and_then(JsonValue::into_string),
        Part::Details => body.details = value.filter(|value| *value != JsonValue::Null),
        Part::FieldErrorScope => body.field_error_scope = value,
    }
}

/// `wire.field_errors.entries` as keys, split at its first `*` key: the
/// value at the fixed prefix holds every entry, and the rest of the pattern
/// leads from it to each one. That value is read as a part of the body of
/// its own, within the same budget as the details ([`MAX_VALUES`] values;
/// over it, the reply has no field errors), or, when the prefix is the
/// details' pointer or below it, taken from the details rather than built
/// twice (Google's `/error/details/*/fieldViolations/*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntriesPattern {
    /// The keys before the first `*`.
    prefix: Vec<String>,
    /// The keys from the first `*` on; empty when the pattern names one entry
    /// (Stripe's `/error`).
    rest: Vec<String>,
    /// How many keys of `prefix` are the details' pointer, when the prefix
    /// is at or below the details.
    in_details: Option<usize>,
}

impl EntriesPattern {
    /// The pattern of `wire.field_errors`, if the catalogue gives one that is
    /// a pointer.
    pub(crate) fn of(wire: &Wire) -> Option<EntriesPattern> {
        let mut prefix = pointer_keys(wire.field_errors?.entries)?;
        let star = prefix.iter().position(|key| key == "*").unwrap_or(prefix.len());
        let rest = prefix.split_off(star);
        let in_details = wire
            .details
            .and_then(pointer_keys)
            .filter(|details| prefix.starts_with(details))
            .map(|details| details.len());
        Some(EntriesPattern {
            prefix,
            rest,
            in_details,
        })
    }

    /// The prefix's keys when its value is a part of its own, not inside the
    /// details.
    fn own_part(&self) -> Option<&[String]> {
        self.in_details.is_none().then_some(self.prefix.as_slice())
    }

    /// Every entry the pattern names, in document order, given the body's
    /// `details` and the value read at the prefix as a part of its own
    /// (`own_scope`). A `*` over anything but an array names nothing; a key
    /// that is not there, nothing either.
    pub(crate) fn entries<'v>(
        &self,
        details: Option<&'v JsonValue>,
        own_scope: Option<&'v JsonValue>,
    ) -> Vec<&'v JsonValue> {
        let scope = match self.in_details {
            Some(depth) => details.and_then(|details| descend(details, &self.prefix[depth..])),
            None => own_scope,
        };
        let mut found = Vec::new();
        if let Some(scope) = scope {
            collect_entries(scope, &self.rest, &mut found);
        }
        found
    }
}

/// Pushes onto `found` every value `keys` lead to from `value`, a `*` key
/// standing for every element of an array.
fn collect_entries<'v>(value: &'v JsonValue, keys: &[String], found: &mut Vec<&'v JsonValue>) {
    match keys.split_first() {
        None => found.push(value),
        Some((key, rest)) if key == "*" => {
            for item in value.as_array().unwrap_or_default() {
                collect_entries(item, rest, found);
            }
        }
        Some((key, rest)) => {
            if let Some(next) = descend(value, std::slice::from_ref(key)) {
                collect_entries(next, rest, found);
            }
        }
    }
}

/// Whether a JSON number is written as an integer (`-32601`, not `1.0`).
fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The value at `keys` inside an already built value.
fn descend<'v>(value: &'v JsonValue, keys: &[String]) -> Option<&'v JsonValue> {
    keys.iter().try_fold(value, |value, key| match value {
        JsonValue::Array(items) => items.get(array_index(key)?),
        _ => value.get(key),
    })
}

/// An RFC 6901 array index: `0` or digits without a leading zero.
fn array_index(key: &str) -> Option<usize> {
    let canonical = key == "0" || (!key.starts_with('0') && !key.is_empty());
    canonical.then(|| key.parse().ok()).flatten()
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
        let mut items = Vec::new();
        self.elements(|reader, _| {
            let item = reader.value(depth + 1)?;
            if !reader.over_budget {
                items.push(item);
            }
            Some(())
        })?;
        Some(JsonValue::Array(items))
    }

    /// Reads an array from its `[`, handing each element's index to
    /// `element`, which reads the element.
    fn elements(&mut self, mut element: impl FnMut(&mut Self, usize) -> Option<()>) -> Option<()> {
        self.pos += 1;
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Some(());
        }
        for index in 0.. {
            element(self, index)?;
            self.skip_whitespace();
            match self.bump()? {
                b',' => continue,
                b']' => return Some(()),
                _ => return None,
            }
        }
        None
    }

    /// Reads one value at `depth`, keeping in `body` the parts `sought` in
    /// it: a part whose keys are used up is this value, built within the
    /// part's budget; the others are sought in the members or elements their
    /// next key names, and every other value is read without being kept.
    fn seek(&mut self, depth: usize, sought: &[Sought<'_>], body: &mut ErrorBodyMembers, wire: &Wire) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        let here: Vec<Part> = sought
            .iter()
            .filter(|(keys, _)| keys.is_empty())
            .map(|(_, part)| *part)
            .collect();
        if !here.is_empty() || sought.is_empty() {
            let start = self.pos;
            self.budget = here.iter().map(|part| part.budget()).max().unwrap_or(0);
            self.over_budget = false;
            let value = self.value(depth)?;
            if matches!(value, JsonValue::Number(_)) && self.pos == self.text.len() {
                // A number the text ends on may have been cut short.
                return None;
            }
            if self.over_budget {
                // Too big to keep: the parts here are left out, and those
                // inside it are sought by walking it again, so that a code
                // inside an oversized part (Stripe's `/error`) is still found.
                for part in &here {
                    keep(body, *part, None, wire);
                }
                let inside: Vec<Sought<'_>> = sought.iter().filter(|(keys, _)| !keys.is_empty()).copied().collect();
                if inside.is_empty() {
                    return Some(());
                }
                self.pos = start;
                return self.seek(depth, &inside, body, wire);
            }
            for (keys, part) in sought {
                let found = descend(&value, keys).cloned();
                keep(body, *part, found, wire);
            }
            return Some(());
        }
        // Every part is deeper: walk the container, building none of it.
        let inside = |key: &str| -> Vec<Sought<'_>> {
            sought
                .iter()
                .filter(|(keys, _)| keys[0] == key)
                .map(|(keys, part)| (&keys[1..], *part))
                .collect()
        };
        self.skip_whitespace();
        match self.peek()? {
            b'{' => self.members(|reader, name| reader.seek(depth + 1, &inside(&name), body, wire)),
            b'[' => self.elements(|reader, index| {
                let key = index.to_string();
                reader.seek(depth + 1, &inside(&key), body, wire)
            }),
            _ => self.seek(depth, &[], body, wire),
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
        let members = read_error_body(&body, false, &Wire::FLAT).expect("an object");
        assert_eq!(members.code.as_deref(), Some("X"));
        assert_eq!(
            members.details.as_ref().and_then(JsonValue::as_array).map(<[_]>::len),
            Some(3)
        );
        let too_many = format!(r#"{{"code": "X", "details": {}}}"#, array(MAX_VALUES));
        assert_eq!(
            read_error_body(&too_many, false, &Wire::FLAT).map(|members| members.details),
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

    fn wire(code: &'static str, message: Option<&'static str>, details: Option<&'static str>) -> Wire {
        Wire {
            code,
            message,
            details,
            ..Wire::FLAT
        }
    }

    #[test]
    fn follows_pointers_without_building_what_lies_beside_them() {
        let many = vec!["0"; MAX_VALUES * 2].join(",");
        let body =
            format!(r#"{{"error": {{"other": [{many}], "a/b~c": "X", "errors": [{{"m": "no"}}, {{"m": "yes"}}]}}}}"#);
        let layout = wire("/error/a~1b~0c", Some("/error/errors/1/m"), Some("/error/errors"));
        let members = read_error_body(&body, false, &layout).expect("complete JSON");
        assert_eq!(members.code.as_deref(), Some("X"));
        assert_eq!(members.message.as_deref(), Some("yes"));
        assert_eq!(
            members.details.as_ref().and_then(JsonValue::as_array).map(<[_]>::len),
            Some(2)
        );
        // The same pointer into a body of another shape finds nothing, and an
        // index is digits without a leading zero.
        let members = read_error_body(r#"{"error": "X"}"#, false, &layout).expect("complete JSON");
        assert_eq!((members.code, members.message), (None, None));
        let members = read_error_body(r#"{"e": ["a", "b"]}"#, false, &wire("/e/01", Some("/e/1"), None)).unwrap();
        assert_eq!((members.code, members.message.as_deref()), (None, Some("b")));
    }

    #[test]
    fn a_nested_body_cut_short_keeps_the_parts_read_before_the_cut() {
        let layout = wire("/error/code", Some("/error/message"), None);
        let text = r#"{"error": {"code": "X", "message": "cut he"#;
        let members = read_error_body(text, true, &layout).expect("cut");
        assert_eq!((members.code.as_deref(), members.message), (Some("X"), None));
        assert!(read_error_body(text, false, &layout).is_none());
        let deep = format!("{}{}", r#"{"error":"#.repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
        assert!(read_error_body(&deep, false, &wire("/error", None, None)).is_none());
    }

    fn with_field_errors(wire: Wire, entries: &'static str) -> Wire {
        let at = super::super::catalogue::FieldErrorsAt {
            entries,
            field: "f",
            message: None,
            value: None,
        };
        Wire {
            field_errors: Some(at),
            ..wire
        }
    }

    /// The entries `wire`'s pattern names in `body`, as compact JSON.
    fn entries(body: &str, wire: &Wire) -> Vec<String> {
        let members = read_error_body(body, false, wire).expect("complete JSON");
        let pattern = EntriesPattern::of(wire).expect("a pattern");
        let found = pattern.entries(members.details.as_ref(), members.field_error_scope.as_ref());
        found.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_star_stands_for_every_element_of_an_array_and_nothing_else() {
        let layout = with_field_errors(wire("/code", None, None), "/e/*/v/*");
        let body =
            r#"{"code": "X", "e": [{"v": [1, {"f": "a"}]}, {"w": 0}, {"v": {"0": "not an array"}}, {"v": ["b"]}]}"#;
        assert_eq!(entries(body, &layout), ["1", r#"{"f":"a"}"#, r#""b""#]);
        // A `*` over an object, a string or null names nothing.
        for e in [r#"{"0": {"v": [1]}}"#, r#""text""#, "null"] {
            assert_eq!(entries(&format!(r#"{{"e": {e}}}"#), &layout), [] as [String; 0], "{e}");
        }
        // Without a `*`, the pattern names one entry, if it is there.
        let one = with_field_errors(wire("/error/code", None, None), "/error");
        assert_eq!(
            entries(r#"{"error": {"code": "X", "f": "p"}}"#, &one),
            [r#"{"code":"X","f":"p"}"#]
        );
        assert_eq!(entries(r#"{"code": "X"}"#, &one), [] as [String; 0]);
    }

    #[test]
    fn entries_inside_the_details_are_read_from_them_without_building_them_twice() {
        let layout = with_field_errors(
            wire("/error/status", None, Some("/error/details")),
            "/error/details/*/fieldViolations/*",
        );
        let pattern = EntriesPattern::of(&layout).expect("a pattern");
        assert_eq!(pattern.own_part(), None);
        let body = r#"{"error": {"status": "X", "details": [{"@type": "info"}, {"fieldViolations": [{"f": "a"}, {"f": "b"}]}]}}"#;
        let members = read_error_body(body, false, &layout).expect("complete JSON");
        assert_eq!(members.field_error_scope, None);
        assert_eq!(entries(body, &layout), [r#"{"f":"a"}"#, r#"{"f":"b"}"#]);
        // Beside the details, the prefix's value is a part of its own.
        let beside = with_field_errors(
            wire("/error/status", None, Some("/error/details")),
            "/error/violations/*",
        );
        let body = r#"{"error": {"status": "X", "details": [], "violations": [{"f": "c"}]}}"#;
        let members = read_error_body(body, false, &beside).expect("complete JSON");
        assert_eq!(
            members.field_error_scope.as_ref().map(ToString::to_string).as_deref(),
            Some(r#"[{"f":"c"}]"#)
        );
        assert_eq!(entries(body, &beside), [r#"{"f":"c"}"#]);
    }

    #[test]
    fn a_part_over_the_budget_is_left_out_but_the_parts_inside_it_are_still_read() {
        let many = vec!["0"; MAX_VALUES].join(",");
        let layout = with_field_errors(wire("/error/code", Some("/error/message"), None), "/error");
        let body = format!(r#"{{"error": {{"f": "p", "big": [{many}], "code": "X", "message": "m"}}}}"#);
        let members = read_error_body(&body, false, &layout).expect("complete JSON");
        assert_eq!(
            (members.code.as_deref(), members.message.as_deref()),
            (Some("X"), Some("m"))
        );
        assert_eq!(members.field_error_scope, None);
        // Within the budget the same body keeps its scope.
        let few = format!(
            r#"{{"error": {{"f": "p", "big": [{}], "code": "X"}}}}"#,
            vec!["0"; MAX_VALUES - 8].join(",")
        );
        assert!(read_error_body(&few, false, &layout)
            .expect("complete JSON")
            .field_error_scope
            .is_some());
    }

    #[test]
    fn a_cut_body_has_no_field_errors_past_the_cut() {
        let layout = with_field_errors(wire("/error/code", None, None), "/error/v/*");
        let text = r#"{"error": {"code": "X", "v": [{"f": "a"}, {"f": "#;
        let members = read_error_body(text, true, &layout).expect("cut");
        assert_eq!((members.code.as_deref(), members.field_error_scope), (Some("X"), None));
    }
}
