//! Errors about a catalogue, located in its file and printed like a compiler's.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

use crate::front::locate::{Lines, Position, SourceMap};
use crate::problem::{Problem, Severity};
use crate::validate::lints::Lint;

/// Longest source line quoted under each problem: 4 KiB (4,096). A longer
/// line (a minified catalogue) is named by line and column only, so thousands
/// of problems on one 8 MiB line do not copy it thousands of times.
pub const MAX_QUOTED_LINE_BYTES: usize = 4 * 1024;

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
    /// The warning's name and how to acknowledge it, for a named warning.
    pub note: Option<String>,
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
            note: None,
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
    /// Its line comes from the index `lines`, so placing many problems never
    /// rescans the text; a line over [`MAX_QUOTED_LINE_BYTES`] is not quoted.
    pub(crate) fn from_problem(file: &str, lines: &Lines<'_>, map: &SourceMap, problem: Problem) -> Diagnostic {
        let position = if problem.at_key {
            map.key(&problem.path)
        } else {
            map.value(&problem.path)
        };
        let source_line = position
            .and_then(|p| lines.get(p.line))
            .filter(|line| line.len() <= MAX_QUOTED_LINE_BYTES)
            .map(str::to_owned);
        Diagnostic {
            severity: problem.severity,
            key_path: Some(problem.path),
            help: problem.help,
            note: problem.lint.map(Lint::note),
            source_line,
            ..Diagnostic::at(file, "", position, problem.message)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Renderer::plain()))
    }
}

impl Diagnostic {
    /// The diagnostic drawn like a compiler's: `file:line:col`, the source line
    /// with the offending token underlined (labelled with its key path), and a
    /// `help:` line. `renderer` chooses plain or coloured output.
    pub fn render(&self, renderer: Renderer) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(&self.message);
        let group = match (self.position, &self.source_line) {
            (Some(position), Some(line)) => {
                let annotation = AnnotationKind::Primary
                    .span(token_at(line, position.column))
                    .label(self.key_path.as_deref());
                title.element(
                    Snippet::source(line.as_str())
                        .line_start(position.line)
                        .path(self.file.as_str())
                        .annotation(annotation),
                )
            }
            (Some(position), None) => title.element(
                Origin::path(self.file.as_str())
                    .line(position.line)
                    .char_column(position.column),
            ),
            (None, _) => title.element(Origin::path(self.file.as_str())),
        };
        let group = match &self.help {
            Some(help) => group.element(Level::HELP.message(help.as_str())),
            None => group,
        };
        let group = match &self.note {
            Some(note) => group.element(Level::NOTE.message(note.as_str())),
            None => group,
        };
        let mut text = renderer.term_width(MAX_EXCERPT).render(&[group]);
        text.push('\n');
        text
    }
}

/// Widest excerpt drawn, in columns: a minified or runaway line is cut around
/// the offending token instead of flooding the terminal.
const MAX_EXCERPT: usize = 100;

/// Byte range of the YAML token starting at the 1-based character `column` of
/// `line`: a quoted string to its closing quote, a key up to its colon, a plain
/// value up to a comment or the end of the line; at least one character when
/// the line has one there.
fn token_at(line: &str, column: usize) -> Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(index, _)| index);
    let rest = &line[start..];
    let end = match rest.chars().next() {
        None => 0,
        Some(quote @ ('"' | '\'')) => rest[1..].find(quote).map_or(rest.len(), |close| close + 2),
        Some(first) => {
            let cut = [rest.find(": "), rest.find(" #")].into_iter().flatten().min();
            let token = cut.map_or(rest, |cut| &rest[..cut]);
            let token = token.strip_suffix(':').unwrap_or(token).trim_end();
            token.len().max(first.len_utf8())
        }
    };
    start..start + end
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
            "error: bad retry\n --> spec.yaml:2:8\n  |\n2 | retry: sometimes\n  |        ^^^^^^^^^ retry\n  |\n  = help: write `never`\n"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_offending_token() {
        let line = format!("key: {}BAD{}", "a".repeat(5_000), "b".repeat(5_000));
        let diagnostic = Diagnostic::at(
            "spec.yaml",
            &line,
            Some(Position { line: 1, column: 5_006 }),
            "bad".into(),
        );
        let text = diagnostic.to_string();
        assert!(text.lines().all(|l| l.chars().count() <= MAX_EXCERPT + 10), "{text}");
        assert!(text.contains("BAD"), "{text}");
        assert!(text.contains("spec.yaml:1:5006"), "{text}");
    }

    #[test]
    fn the_underline_covers_one_yaml_token_counted_in_characters() {
        assert_eq!(token_at("name: café au lait  # sweet", 7), 6..19);
        assert_eq!(token_at("  - code: X", 5), 4..8);
        assert_eq!(token_at("a: \"é b\" # c", 4), 3..9);
        assert_eq!(token_at("a:  ", 3), 2..3);
        assert_eq!(token_at("a:", 9), 2..2);
    }
}
