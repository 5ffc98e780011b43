//! Spec file → validated model: read, parse, validate, and place every problem
//! in the file.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::locate::{Position, SourceMap};
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
        let mut diagnostic = Diagnostic::at(
            label,
            "",
            Some(Position { line, column }),
            "the file is not valid UTF-8".to_owned(),
        );
        diagnostic.help = Some("save the catalogue as UTF-8".to_owned());
        Error::Invalid(vec![diagnostic])
    })?;
    parse_spec(&text, label)
}

/// Parses and validates catalogue text; `label` names it in messages.
pub fn parse_spec(text: &str, label: &str) -> Result<Loaded, Error> {
    let spec = parse_yaml(text, label)?;
    let map = SourceMap::new(text);
    let locate = |problems: Vec<validate::Problem>| -> Vec<Diagnostic> {
        problems
            .into_iter()
            .map(|problem| Diagnostic::from_problem(label, text, &map, problem))
            .collect()
    };
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
        let mut diagnostic = Diagnostic::at(label, text, None, "the catalogue is empty".to_owned());
        diagnostic.help = Some("start from the format in the README: `schema: 1`, `name:`, `crate:`, …".to_owned());
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
