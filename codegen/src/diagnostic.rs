//! Errors about a catalogue, located in its file and printed like a compiler's.

use std::fmt;

use crate::locate::{Position, SourceMap};
use crate::validate::{Problem, Severity};

/// One message about the spec file, with where it applies and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The spec file as the user named it.
    pub file: String,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// The source line at `position`, for display.
    pub source_line: Option<String>,
    /// Key path in the catalogue, when the problem is about one value.
    pub key_path: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about `file` at `position`, showing that line of `source`.
    pub fn at(file: &str, source: &str, position: Option<Position>, message: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            position,
            source_line: position
                .and_then(|p| source.lines().nth(p.line.saturating_sub(1)))
                .map(str::to_owned),
            key_path: None,
            message,
            help: None,
        }
    }

    /// Places a validation problem in the file: values at their value, missing
    /// or unknown things at their key.
    pub fn from_problem(file: &str, source: &str, map: &SourceMap, problem: Problem) -> Diagnostic {
        let position = map.value(&problem.path);
        Diagnostic {
            severity: problem.severity,
            key_path: Some(problem.path),
            help: problem.help,
            ..Diagnostic::at(file, source, position, problem.message)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{level}: {}", self.message)?;
        match self.position {
            Some(Position { line, column }) => writeln!(f, "  --> {}:{line}:{column}", self.file)?,
            None => writeln!(f, "  --> {}", self.file)?,
        }
        if let (Some(position), Some(text)) = (self.position, &self.source_line) {
            let gutter = " ".repeat(position.line.to_string().len());
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {text}", position.line)?;
            let indent: String = text
                .chars()
                .take(position.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let width = text
                .chars()
                .skip(position.column.saturating_sub(1))
                .take_while(|c| !c.is_whitespace())
                .count()
                .max(1);
            match &self.key_path {
                Some(path) => writeln!(f, "{gutter} | {indent}{} {path}", "^".repeat(width))?,
                None => writeln!(f, "{gutter} | {indent}{}", "^".repeat(width))?,
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}
