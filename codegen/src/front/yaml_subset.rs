//! The part of YAML a catalogue may use. Refused, each with where it stands:
//! YAML tags (`!!str 500`, `!!binary …`, `!custom x`), which the typed parse
//! would honour for some values and silently drop for others; and raw
//! characters that YAML does not allow, or reads as line breaks where an
//! editor shows none, which would make every later position wrong.

use crate::front::diagnostic::Diagnostic;
use crate::front::locate::{Position, SourceMap};
use crate::problem::{Problem, Severity};

/// A problem for every node written with a YAML tag, in file order.
pub fn tags(map: &SourceMap) -> Vec<Problem> {
    map.tagged()
        .iter()
        .map(|tagged| {
            let what = if tagged.on_key { "the key" } else { "the value" };
            Problem {
                severity: Severity::Error,
                path: tagged.path.clone(),
                message: format!("{what} has the YAML tag `{}`, which catalogues do not use", tagged.tag),
                help: Some(format!(
                    "remove `{}` and write the plain value; quote text that would read as a number or `true`",
                    tagged.tag
                )),
                at_key: tagged.on_key,
                lint: None,
            }
        })
        .collect()
}

/// The first character of `text` that YAML does not allow raw or reads as a
/// line break, as a diagnostic naming it and where it is.
pub fn misread_character(text: &str, label: &str) -> Option<Diagnostic> {
    let (index, character, why) = text
        .char_indices()
        .find_map(|(index, character)| misread(character).map(|why| (index, character, why)))?;
    let before = &text[..index];
    let position = Position {
        line: before.matches('\n').count() + 1,
        column: before.rsplit('\n').next().unwrap_or_default().chars().count() + 1,
    };
    let message = format!("the text holds a raw U+{:04X} {why}", u32::from(character));
    let help = if character == '\u{feff}' {
        "delete it: a byte-order mark may only start the file".to_owned()
    } else {
        format!(
            "delete it, or write it as an escape inside double quotes: \"\\u{:04X}\"",
            u32::from(character)
        )
    };
    Some(Diagnostic::at(label, text, Some(position), message).with_help(&help))
}

/// Why YAML reads `character` differently from how an editor shows it, if it does.
fn misread(character: char) -> Option<&'static str> {
    match character {
        '\t' | '\n' | '\r' => None,
        '\u{85}' => Some("NEXT LINE, which YAML reads as a line break"),
        '\u{2028}' => Some("LINE SEPARATOR, which YAML reads as a line break"),
        '\u{2029}' => Some("PARAGRAPH SEPARATOR, which YAML reads as a line break"),
        '\u{feff}' => Some("BYTE ORDER MARK past the start of the file, which YAML keeps as invisible text"),
        '\u{fffe}' | '\u{ffff}' => Some("noncharacter, which YAML does not allow"),
        _ if character.is_control() => Some("control character, which YAML does not allow"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misread_character_is_placed_by_line_and_character_column() {
        let found = misread_character("a: 1\nb: é\u{2028}x\n", "spec.yaml").unwrap();
        assert_eq!(found.position, Some(Position { line: 2, column: 5 }));
        assert_eq!(
            found.message,
            "the text holds a raw U+2028 LINE SEPARATOR, which YAML reads as a line break"
        );
        assert_eq!(misread_character("a: \"tab\there\"\r\n", "spec.yaml"), None);
        let bell = misread_character("a: \u{7}", "spec.yaml").unwrap();
        assert_eq!(
            bell.message,
            "the text holds a raw U+0007 control character, which YAML does not allow"
        );
    }

    #[test]
    fn tags_are_named_as_written() {
        let map =
            SourceMap::new("a: !!str 500\n!!str b: 1\nc: !custom x\nd: ! 2\ne: !<tag:x> 3\nf: !!map {}\n").unwrap();
        let problems = tags(&map);
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|problem| (problem.path.as_str(), problem.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("a", "the value has the YAML tag `!!str`, which catalogues do not use"),
                ("b", "the key has the YAML tag `!!str`, which catalogues do not use"),
                ("c", "the value has the YAML tag `!custom`, which catalogues do not use"),
                ("d", "the value has the YAML tag `!`, which catalogues do not use"),
                (
                    "e",
                    "the value has the YAML tag `!<tag:x>`, which catalogues do not use"
                ),
                ("f", "the value has the YAML tag `!!map`, which catalogues do not use"),
            ]
        );
    }
}
