//! Spec file → validated model: read, parse, validate, and place every problem
//! in the file.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::keys;
use crate::locate::{MAX_NESTING, Position, SourceMap, TooDeep};
use crate::model::Model;
use crate::spec::Spec;
use crate::validate;

/// A catalogue that passed validation, with the warnings it raised.
#[derive(Debug)]
pub struct Loaded {
    /// The model to render.
    pub model: Model,
    /// Located warnings; `--deny-warnings` makes them fatal.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and validates the catalogue at `path`; `label` is how messages name
/// the file (usually the path as the user typed it).
pub fn load_spec(path: &Path, label: &str) -> Result<Loaded, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: label.to_owned(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        let diagnostic = Diagnostic::at(
            label,
            "",
            Some(Position { line, column }),
            "the file is not valid UTF-8".to_owned(),
        )
        .with_help("save the catalogue as UTF-8");
        Error::Invalid(vec![diagnostic])
    })?;
    parse_spec(&text, label)
}

/// Parses and validates catalogue text; `label` names it in messages.
pub fn parse_spec(text: &str, label: &str) -> Result<Loaded, Error> {
    let map = SourceMap::new(text).map_err(|TooDeep(position)| {
        let diagnostic = Diagnostic::at(
            label,
            text,
            Some(position),
            format!("the catalogue nests deeper than {MAX_NESTING} levels"),
        )
        .with_help("a catalogue needs four levels at most; look for unclosed `[` or `{`");
        Error::Invalid(vec![diagnostic])
    })?;
    let locate = |problems: Vec<validate::Problem>| -> Vec<Diagnostic> {
        problems
            .into_iter()
            .map(|problem| Diagnostic::from_problem(label, text, &map, problem))
            .collect()
    };
    let unknown = keys::unknown_keys(&map);
    if !unknown.is_empty() {
        return Err(Error::Invalid(locate(unknown)));
    }
    let spec = parse_yaml(text, label)?;
    match validate::validate(&spec) {
        Ok(validated) => Ok(Loaded {
            model: validated.model,
            warnings: locate(validated.warnings),
        }),
        Err(problems) => Err(Error::Invalid(locate(problems))),
    }
}

fn parse_yaml(text: &str, label: &str) -> Result<Spec, Error> {
    if text.trim().is_empty() {
        let diagnostic = Diagnostic::at(label, text, None, "the catalogue is empty".to_owned())
            .with_help("start from the format in the README: `schema: 1`, `name:`, `crate:`, …");
        return Err(Error::Invalid(vec![diagnostic]));
    }
    serde_yaml::from_str(text).map_err(|err| {
        let position = err.location().map(|l| Position {
            line: l.line(),
            column: l.column(),
        });
        let message = err.to_string();
        // serde_yaml appends the position in words; the diagnostic shows it already.
        let message = match message.find(" at line ") {
            Some(cut) => message[..cut].to_owned(),
            None => message,
        };
        Error::Invalid(vec![Diagnostic::at(label, text, position, message)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<Diagnostic> {
        match parse_spec(text, "spec.yaml") {
            Err(Error::Invalid(diagnostics)) => diagnostics,
            other => panic!("expected an invalid catalogue, got {other:?}"),
        }
    }

    #[test]
    fn syntax_errors_and_unknown_keys_are_located() {
        let found = errors("schema: 1\nname: [unclosed\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].position.is_some_and(|p| p.line >= 2), "{}", found[0]);

        let found = errors("schema: 1\nnmae: x\n");
        assert_eq!(found[0].message, "unknown key `nmae`");
        assert_eq!(found[0].help.as_deref(), Some("did you mean `name`?"));
        assert_eq!(found[0].position, Some(Position { line: 2, column: 1 }));
    }

    #[test]
    fn deep_nesting_is_refused_before_the_typed_parse() {
        let found = errors(&format!("schema: {}{}", "[".repeat(100_000), "]".repeat(100_000)));
        assert_eq!(found[0].message, "the catalogue nests deeper than 32 levels");
        assert_eq!(found[0].position.map(|p| p.line), Some(1));
    }

    #[test]
    fn empty_and_non_mapping_files_are_refused_with_a_message() {
        assert_eq!(errors("  \n")[0].message, "the catalogue is empty");
        assert!(errors("- a\n- b\n")[0].message.contains("invalid type: sequence"));
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused_at_the_bad_byte() {
        let dir = std::env::temp_dir().join(format!("codegen-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.yaml");
        std::fs::write(&path, b"schema: 1\nname: caf\xe9\n").unwrap();
        let err = load_spec(&path, "bad.yaml").unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        let Error::Invalid(found) = err else { panic!("{err}") };
        assert_eq!(found[0].message, "the file is not valid UTF-8");
        assert_eq!(found[0].position, Some(Position { line: 2, column: 10 }));
    }

    #[test]
    fn validation_problems_point_at_their_value() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/single_code.yaml"
        ))
        .unwrap()
        .replace("status: 500\n        message", "status: 200\n        message");
        let found = errors(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key_path.as_deref(), Some("categories[0].codes[0].status"));
        assert_eq!(found[0].position, Some(Position { line: 26, column: 17 }));
        assert_eq!(found[0].source_line.as_deref(), Some("        status: 200"));
    }
}
