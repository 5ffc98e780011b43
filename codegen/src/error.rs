//! Everything that can stop a generator run.

use std::fmt;
use std::io;

use crate::diagnostic::Diagnostic;

/// Why a run failed.
#[derive(Debug)]
pub enum Error {
    /// The spec file could not be read.
    Read {
        /// The file as the user named it.
        path: String,
        /// The underlying error.
        source: io::Error,
    },
    /// The catalogue is not valid; nothing was written. The diagnostics are
    /// sorted by position in the file.
    Invalid(Vec<Diagnostic>),
    /// The output folder holds files the generator did not write.
    ForeignFiles {
        /// The output folder.
        out: String,
        /// Those files, relative to `out`.
        files: Vec<String>,
    },
    /// Writing the output failed.
    Write {
        /// The file being written or removed.
        path: String,
        /// The underlying error.
        source: io::Error,
    },
}

/// Most diagnostics printed for one run: past this, the first ones are the
/// useful ones (a broken indentation can make every later line wrong).
pub const MAX_SHOWN: usize = 50;

impl Error {
    /// An invalid catalogue, its diagnostics in file order (whole-file ones first).
    pub fn invalid(mut diagnostics: Vec<Diagnostic>) -> Error {
        diagnostics.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
        Error::Invalid(diagnostics)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { path, source } => write!(f, "error: cannot read the catalogue {path}: {source}"),
            Error::Invalid(diagnostics) => {
                for diagnostic in diagnostics.iter().take(MAX_SHOWN) {
                    writeln!(f, "{diagnostic}")?;
                }
                if let Some(hidden) = diagnostics.len().checked_sub(MAX_SHOWN).filter(|&n| n > 0) {
                    writeln!(f, "note: {hidden} more problems not shown; fix the ones above first\n")?;
                }
                let errors = diagnostics.len();
                write!(
                    f,
                    "error: the catalogue has {errors} problem{}; nothing was written",
                    if errors == 1 { "" } else { "s" }
                )
            }
            Error::ForeignFiles { out, files } => {
                writeln!(f, "error: {out} holds files the generator did not write:")?;
                for file in files {
                    writeln!(f, "  {file}")?;
                }
                write!(
                    f,
                    "  = help: choose an empty or generated folder for --out, or pass --force to write beside them (they are never touched)"
                )
            }
            Error::Write { path, source } => write!(f, "error: cannot write {path}: {source}"),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locate::Position;

    #[test]
    fn problems_are_sorted_by_line_and_cut_after_the_limit() {
        let diagnostics = (1..=MAX_SHOWN + 10)
            .rev()
            .map(|line| {
                let position = Some(Position { line, column: 1 });
                Diagnostic::at("spec.yaml", "", position, format!("problem on line {line}"))
            })
            .collect();
        let text = Error::invalid(diagnostics).to_string();
        let shown: Vec<&str> = text.lines().filter(|l| l.starts_with("error: problem")).collect();
        assert_eq!(shown.len(), MAX_SHOWN);
        assert_eq!(shown[0], "error: problem on line 1");
        assert_eq!(shown[MAX_SHOWN - 1], format!("error: problem on line {MAX_SHOWN}"));
        assert!(text.contains("note: 10 more problems not shown"), "{text}");
        assert!(
            text.ends_with("the catalogue has 60 problems; nothing was written"),
            "{text}"
        );
    }
}
