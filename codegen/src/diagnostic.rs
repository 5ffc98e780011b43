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

    /// The same diagnostic with a `help:` line saying what to do instead.
    pub fn with_help(self, help: &str) -> Diagnostic {
        Diagnostic {
            help: Some(help.to_owned()),
            ..self
        }
    }

    /// Places a validation problem in the file: at its value, or at the key for
    /// an unknown key; a missing key points at the mapping that lacks it.
    pub fn from_problem(file: &str, source: &str, map: &SourceMap, problem: Problem) -> Diagnostic {
        let position = if problem.at_key {
            map.key(&problem.path)
        } else {
            map.value(&problem.path)
        };
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
        if let (Some(position), Some(line)) = (self.position, &self.source_line) {
            let (text, column) = window(line, position.column);
            let gutter = " ".repeat(position.line.to_string().len());
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{} | {text}", position.line)?;
            let indent: String = text
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let width = text
                .chars()
                .skip(column.saturating_sub(1))
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

/// Longest source excerpt shown, in characters.
const MAX_EXCERPT: usize = 100;

/// At most [`MAX_EXCERPT`] characters of `line` around `column`, and the column
/// within that excerpt: a minified or runaway line must not flood the terminal.
fn window(line: &str, column: usize) -> (String, usize) {
    let length = line.chars().count();
    if length <= MAX_EXCERPT {
        return (line.to_owned(), column);
    }
    let start = column.saturating_sub(MAX_EXCERPT / 2).min(length - MAX_EXCERPT);
    let mut excerpt: String = line.chars().skip(start).take(MAX_EXCERPT).collect();
    let mut column = column - start;
    if start > 0 {
        excerpt.insert(0, '…');
        column += 1;
    }
    if start + MAX_EXCERPT < length {
        excerpt.push('…');
    }
    (excerpt, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_shows_file_line_source_caret_and_help() {
        let position = Some(Position { line: 2, column: 8 });
        let mut diagnostic = Diagnostic::at("spec.yaml", "a: 1\nretry: sometimes\n", position, "bad retry".into())
            .with_help("write `never`");
        diagnostic.key_path = Some("retry".into());
        assert_eq!(
            diagnostic.to_string(),
            "error: bad retry\n  --> spec.yaml:2:8\n  |\n2 | retry: sometimes\n  |        ^^^^^^^^^ retry\n  = help: write `never`\n"
        );
    }

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_column() {
        let line = format!("{}X{}", "a".repeat(5_000), "b".repeat(5_000));
        let (excerpt, column) = window(&line, 5_001);
        assert_eq!(excerpt.chars().count(), MAX_EXCERPT + 2);
        assert_eq!(excerpt.chars().nth(column - 1), Some('X'));
        assert_eq!(window("short", 3), ("short".to_owned(), 3));
    }
}
