//! Which characters a catalogue string may hold: one rule for every string of
//! the catalogue, so that no output (Rust, Markdown, JSON, YAML, TOML) ever
//! receives text that reads differently from what it is.
//!
//! Refused everywhere: bidirectional controls (Trojan Source: rustc refuses
//! them in doc comments, and in Markdown they reorder what a reader sees), the
//! other invisible format controls (Unicode category Cf), and control
//! characters. Prose may hold line breaks and tabs; one-line fields hold none.

use crate::front::spec::Spec;

/// How a field's text is laid out, which decides the whitespace controls it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Names, titles, codes, URLs, versions, headers: no control character at all.
    OneLine,
    /// Messages, resolutions, notes, descriptions: line feeds, carriage
    /// returns and tabs are allowed, no other control character.
    Prose,
}

/// A character a string may not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forbidden {
    /// The character.
    pub character: char,
    /// 1-based position of the character in the string, counted in characters.
    pub index: usize,
    /// Its Unicode name, or its kind when it has no well-known name.
    pub name: &'static str,
    /// Why it is refused.
    pub why: &'static str,
}

impl Forbidden {
    /// What to do about it.
    pub fn help(&self) -> &'static str {
        if self.why == LINE_BREAK {
            "write the text on one line"
        } else {
            "delete the character (retype the text if you cannot see where it is)"
        }
    }

    /// `U+202E RIGHT-TO-LEFT OVERRIDE at character 12`.
    pub fn describe(&self) -> String {
        format!(
            "U+{:04X} {} at character {}",
            u32::from(self.character),
            self.name,
            self.index
        )
    }
}

/// The first character of `text` that a field laid out as `layout` may not hold.
pub fn first_forbidden(text: &str, layout: Layout) -> Option<Forbidden> {
    text.chars().enumerate().find_map(|(i, character)| {
        let (name, why) = classify(character, layout)?;
        Some(Forbidden {
            character,
            index: i + 1,
            name,
            why,
        })
    })
}

const BIDI: &str =
    "a bidirectional control makes text display in another order than it is read by programs (Trojan Source)";
const INVISIBLE: &str = "an invisible format control makes different texts look the same";
const CONTROL: &str = "a control character is not text";
const LINE_BREAK: &str = "this field is one line of text";
const SEPARATOR: &str = "a Unicode line or paragraph separator breaks lines in some outputs (JavaScript, YAML) and not in others; write a plain line break in prose";

/// Bidirectional controls (Unicode `Bidi_Control`), refused in every field.
const BIDI_CONTROLS: &[(char, &str)] = &[
    ('\u{061C}', "ARABIC LETTER MARK"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
];

/// The other characters of Unicode category Cf (format controls, Unicode 16),
/// as inclusive ranges, refused in every field.
const FORMAT_CONTROLS: &[(char, char, &str)] = &[
    ('\u{00AD}', '\u{00AD}', "SOFT HYPHEN"),
    ('\u{0600}', '\u{0605}', "ARABIC PREPENDED CONCATENATION MARK"),
    ('\u{06DD}', '\u{06DD}', "ARABIC END OF AYAH"),
    ('\u{070F}', '\u{070F}', "SYRIAC ABBREVIATION MARK"),
    ('\u{0890}', '\u{0891}', "ARABIC PREPENDED CONCATENATION MARK"),
    ('\u{08E2}', '\u{08E2}', "ARABIC DISPUTED END OF AYAH"),
    ('\u{180E}', '\u{180E}', "MONGOLIAN VOWEL SEPARATOR"),
    ('\u{200B}', '\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', '\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', '\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{2060}', '\u{2060}', "WORD JOINER"),
    ('\u{2061}', '\u{2064}', "INVISIBLE MATHEMATICAL OPERATOR"),
    ('\u{206A}', '\u{206F}', "DEPRECATED FORMAT CHARACTER"),
    ('\u{FEFF}', '\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
    ('\u{FFF9}', '\u{FFFB}', "INTERLINEAR ANNOTATION CONTROL"),
    ('\u{110BD}', '\u{110BD}', "KAITHI NUMBER SIGN"),
    ('\u{110CD}', '\u{110CD}', "KAITHI NUMBER SIGN ABOVE"),
    ('\u{13430}', '\u{1343F}', "EGYPTIAN HIEROGLYPH FORMAT CONTROL"),
    ('\u{1BCA0}', '\u{1BCA3}', "SHORTHAND FORMAT CONTROL"),
    ('\u{1D173}', '\u{1D17A}', "MUSICAL SYMBOL FORMAT CONTROL"),
    ('\u{E0001}', '\u{E0001}', "LANGUAGE TAG"),
    ('\u{E0020}', '\u{E007F}', "TAG CHARACTER"),
];

/// Names of the C0 controls, U+0000 to U+001F.
const C0_NAMES: [&str; 32] = [
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
];

/// The name of `c` and why a field laid out as `layout` may not hold it, or
/// `None` when it may.
fn classify(c: char, layout: Layout) -> Option<(&'static str, &'static str)> {
    if let Some((_, name)) = BIDI_CONTROLS.iter().find(|(bidi, _)| *bidi == c) {
        return Some((name, BIDI));
    }
    if let Some((.., name)) = FORMAT_CONTROLS
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&c))
    {
        return Some((name, INVISIBLE));
    }
    match c {
        '\u{2028}' => return Some(("LINE SEPARATOR", SEPARATOR)),
        '\u{2029}' => return Some(("PARAGRAPH SEPARATOR", SEPARATOR)),
        _ => {}
    }
    if !c.is_control() {
        return None;
    }
    let line_break_or_tab = matches!(c, '\n' | '\r' | '\t');
    if line_break_or_tab && layout == Layout::Prose {
        return None;
    }
    let name = match c {
        '\u{7F}' => "DELETE",
        '\u{85}' => "NEXT LINE",
        '\u{80}'..='\u{9F}' => "C1 CONTROL CHARACTER",
        c => C0_NAMES[c as usize],
    };
    Some((name, if line_break_or_tab { LINE_BREAK } else { CONTROL }))
}

/// `text` with every character a one-line field may not hold written as its
/// escape (`\u{202e}`), so that a message quoting catalogue text is inert.
pub fn escape_forbidden(text: &str) -> String {
    text.chars()
        .map(|c| match classify(c, Layout::OneLine) {
            Some(_) => c.escape_unicode().to_string(),
            None => c.to_string(),
        })
        .collect()
}

/// One string of a catalogue, with its key path and layout.
#[derive(Debug)]
pub struct FieldText<'a> {
    /// Key path, e.g. `categories[0].codes[2].message`.
    pub path: String,
    /// The text.
    pub text: &'a str,
    /// How it is laid out.
    pub layout: Layout,
}

/// Every string of `spec`, in file order: each field of each type, and every
/// key and string value of the example bodies.
pub fn every_string(spec: &Spec) -> Vec<FieldText<'_>> {
    use Layout::{OneLine, Prose};
    let mut out = Texts::default();
    out.add("name", &spec.name, OneLine);
    out.add("crate", &spec.crate_name, OneLine);
    out.add_opt("version", spec.version.as_deref(), OneLine);
    out.add_opt("license", spec.license.as_deref(), OneLine);
    out.add_opt("repository", spec.repository.as_deref(), OneLine);
    out.add_opt("rust_version", spec.rust_version.as_deref(), OneLine);
    for (i, keyword) in spec.keywords.iter().enumerate() {
        out.add(format!("keywords[{i}]"), keyword, OneLine);
    }
    out.add("docs_url", &spec.docs_url, OneLine);
    out.add("retry_after.header", &spec.retry_after.header, OneLine);
    out.add_opt("request_id_header", spec.request_id_header.as_deref(), OneLine);
    out.add_opt("runtime", spec.runtime.as_deref(), OneLine);
    if let Some(wire) = &spec.wire {
        out.add_opt("wire.code", wire.code.as_deref(), OneLine);
        out.add_opt("wire.code_type", wire.code_type.as_deref(), OneLine);
        out.add_opt("wire.message", wire.message.as_deref(), OneLine);
        out.add_opt("wire.details", wire.details.as_deref(), OneLine);
        out.add_opt("wire.code_header", wire.code_header.as_deref(), OneLine);
        out.add_opt("wire.status", wire.status.as_deref(), OneLine);
        out.add_opt("wire.doc_url", wire.doc_url.as_deref(), OneLine);
        out.add_opt("wire.category", wire.category.as_deref(), OneLine);
        if let Some(at) = &wire.field_errors {
            out.add("wire.field_errors.entries", &at.entries, OneLine);
            out.add("wire.field_errors.field", &at.field, OneLine);
            out.add_opt("wire.field_errors.message", at.message.as_deref(), OneLine);
            out.add_opt("wire.field_errors.value", at.value.as_deref(), OneLine);
        }
    }
    out.body_fields("response", &spec.response);
    for (i, status) in spec.statuses.iter().enumerate() {
        let path = format!("statuses[{i}]");
        out.add(format!("{path}.description"), &status.description, OneLine);
        out.add(format!("{path}.note"), &status.note, Prose);
    }
    for (c, category) in spec.categories.iter().enumerate() {
        let path = format!("categories[{c}]");
        out.add(format!("{path}.id"), &category.id, OneLine);
        out.add(format!("{path}.title"), &category.title, OneLine);
        out.add_opt(format!("{path}.prefix"), category.prefix.as_deref(), OneLine);
        for (k, code) in category.codes.iter().enumerate() {
            let path = format!("{path}.codes[{k}]");
            out.add(format!("{path}.code"), &code.code, OneLine);
            out.add_opt(format!("{path}.name"), code.name.as_deref(), OneLine);
            out.add(format!("{path}.message"), &code.message, Prose);
            out.add(format!("{path}.resolution"), &code.resolution, Prose);
            out.add(format!("{path}.retry"), &code.retry, OneLine);
            out.add_opt(format!("{path}.since"), code.since.as_deref(), OneLine);
            out.add_opt(format!("{path}.deprecated"), code.deprecated.as_deref(), Prose);
            out.add_opt(format!("{path}.replaced_by"), code.replaced_by.as_deref(), OneLine);
            out.add_opt(format!("{path}.doc_url"), code.doc_url.as_deref(), OneLine);
            for (i, name) in code.allow.iter().enumerate() {
                out.add(format!("{path}.allow[{i}]"), name, OneLine);
            }
            if let Some(example) = &code.example {
                out.yaml(format!("{path}.example"), example);
            }
        }
    }
    out.0
}

#[derive(Default)]
struct Texts<'a>(Vec<FieldText<'a>>);

impl<'a> Texts<'a> {
    /// The texts of body fields at `path` and of the fields nested in them.
    fn body_fields(&mut self, path: &str, fields: &'a [crate::front::spec::ResponseFieldSpec]) {
        for (i, field) in fields.iter().enumerate() {
            let path = format!("{path}[{i}]");
            self.add(format!("{path}.field"), &field.field, Layout::OneLine);
            self.add(format!("{path}.type"), &field.ty, Layout::OneLine);
            self.add(format!("{path}.description"), &field.description, Layout::Prose);
            if let Some(value) = &field.value {
                self.yaml(format!("{path}.value"), value);
            }
            self.body_fields(&format!("{path}.fields"), field.fields.as_deref().unwrap_or_default());
            self.items(&format!("{path}.items"), field.items.as_deref());
        }
    }

    /// The texts of an array's `items:` and of what is nested in them.
    fn items(&mut self, path: &str, items: Option<&'a crate::front::spec::ItemsSpec>) {
        let Some(items) = items else {
            return;
        };
        self.add(format!("{path}.type"), &items.ty, Layout::OneLine);
        self.add_opt(
            format!("{path}.description"),
            items.description.as_deref(),
            Layout::Prose,
        );
        self.body_fields(&format!("{path}.fields"), items.fields.as_deref().unwrap_or_default());
        self.items(&format!("{path}.items"), items.items.as_deref());
    }

    fn add(&mut self, path: impl Into<String>, text: &'a str, layout: Layout) {
        self.0.push(FieldText {
            path: path.into(),
            text,
            layout,
        });
    }

    fn add_opt(&mut self, path: impl Into<String>, text: Option<&'a str>, layout: Layout) {
        if let Some(text) = text {
            self.add(path, text, layout);
        }
    }

    /// Keys (one line: they become JSON keys and Markdown) and string values
    /// (prose) of a free-form YAML value, with the key paths the source map uses.
    fn yaml(&mut self, path: String, value: &'a serde_yaml::Value) {
        match value {
            serde_yaml::Value::String(text) => self.add(path, text, Layout::Prose),
            serde_yaml::Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.yaml(format!("{path}[{i}]"), item);
                }
            }
            serde_yaml::Value::Mapping(members) => {
                for (key, member) in members {
                    let Some(key) = key.as_str() else { continue };
                    let member_path = format!("{path}.{key}");
                    self.add(member_path.clone(), key, Layout::OneLine);
                    self.yaml(member_path, member);
                }
            }
            serde_yaml::Value::Tagged(tagged) => self.yaml(path, &tagged.value),
            serde_yaml::Value::Null | serde_yaml::Value::Bool(_) | serde_yaml::Value::Number(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_are_named_with_their_position() {
        for separator in ['\u{2028}', '\u{2029}'] {
            let text = format!("a{separator}b");
            assert!(first_forbidden(&text, Layout::Prose).is_some(), "{text:?}");
        }
        let found = first_forbidden("abc\u{202E}def", Layout::Prose).unwrap();
        assert_eq!(found.describe(), "U+202E RIGHT-TO-LEFT OVERRIDE at character 4");
        assert_eq!(found.why, BIDI);
        let found = first_forbidden("é\u{2066}", Layout::OneLine).unwrap();
        assert_eq!(found.describe(), "U+2066 LEFT-TO-RIGHT ISOLATE at character 2");
    }

    #[test]
    fn invisible_format_controls_are_refused_everywhere() {
        for c in ['\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{E0041}'] {
            let found = first_forbidden(&format!("a{c}"), Layout::Prose).unwrap();
            assert_eq!(found.why, INVISIBLE, "{c:?}");
        }
    }

    #[test]
    fn prose_may_break_lines_and_one_line_fields_may_not() {
        assert_eq!(first_forbidden("a\nb\r\n\tc", Layout::Prose), None);
        let found = first_forbidden("a\tb", Layout::OneLine).unwrap();
        assert_eq!(found.describe(), "U+0009 CHARACTER TABULATION at character 2");
        assert_eq!(found.why, LINE_BREAK);
        let found = first_forbidden("a\u{1B}[31m", Layout::Prose).unwrap();
        assert_eq!(found.describe(), "U+001B ESCAPE at character 2");
        assert_eq!(found.why, CONTROL);
        assert_eq!(first_forbidden("x\u{85}", Layout::Prose).unwrap().name, "NEXT LINE");
        assert_eq!(first_forbidden("\u{7F}", Layout::Prose).unwrap().name, "DELETE");
    }

    /// Key paths of every string scalar in a YAML tree, as the source map spells them.
    fn string_paths(path: &str, value: &serde_yaml::Value, out: &mut Vec<String>) {
        match value {
            serde_yaml::Value::String(_) => out.push(path.to_owned()),
            serde_yaml::Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    string_paths(&format!("{path}[{i}]"), item, out);
                }
            }
            serde_yaml::Value::Mapping(members) => {
                for (key, member) in members {
                    let key = key.as_str().unwrap();
                    let member_path = if path.is_empty() {
                        key.to_owned()
                    } else {
                        format!("{path}.{key}")
                    };
                    string_paths(&member_path, member, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_string_of_a_catalogue_using_every_key_is_checked() {
        let text = include_str!("../../../tests/fixtures/odd_strings.yaml");
        let mut expected = Vec::new();
        string_paths("", &serde_yaml::from_str(text).unwrap(), &mut expected);
        let spec: Spec = serde_yaml::from_str(text).unwrap();
        let checked: Vec<String> = every_string(&spec).into_iter().map(|field| field.path).collect();
        let missed: Vec<&String> = expected.iter().filter(|path| !checked.contains(path)).collect();
        assert!(missed.is_empty(), "strings no rule looks at: {missed:?}");
        for key in ["version", "license", "request_id_header", "docs_url"] {
            assert!(checked.iter().any(|path| path == key), "odd_strings.yaml lacks `{key}`");
        }
    }

    #[test]
    fn messages_quoting_text_show_forbidden_characters_as_escapes() {
        assert_eq!(escape_forbidden("`a\u{202E}b\nc` é"), "`a\\u{202e}b\\u{a}c` é");
    }

    #[test]
    fn visible_text_in_any_script_is_allowed() {
        let text = "Café — עברית العربية 日本語 🦀 <b>|*_`[{}]</b> */ #![x] %s ${x}";
        assert_eq!(first_forbidden(text, Layout::OneLine), None);
    }
}
