//! Everything that can stop a generator run.

use std::fmt;
use std::io;

use crate::front::diagnostic::Diagnostic;

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
    /// Files the generator did not write stand where it would write its own,
    /// or a folder on the way is a link: never overwritten, even with `--force`.
    Occupied {
        /// The output folder.
        out: String,
        /// Those paths, relative to `out`, each with why.
        files: Vec<String>,
    },
    /// Another run holds the output folder.
    Busy {
        /// The output folder.
        out: String,
        /// How long this run waited for it.
        waited: std::time::Duration,
    },
    /// The output folder holds more than [`crate::write::MAX_SCAN_ENTRIES`]
    /// files and folders: it is not an output folder.
    NotAnOutputFolder {
        /// The folder.
        out: String,
        /// The limit it passed.
        limit: usize,
    },
    /// Reading the output folder failed.
    OutputRead {
        /// The file or folder being read.
        path: String,
        /// The underlying error.
        source: io::Error,
    },
    /// An option the caller gave cannot be used (a feature the crate does
    /// not have, an output name with a folder in it, a build script's
    /// variable missing); nothing was read or written.
    Option {
        /// What is wrong.
        message: String,
        /// What to do instead.
        help: String,
    },
    /// Writing the output failed; the folder was left as it was.
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
                write_paths(f, files)?;
                write!(
                    f,
                    "  = help: choose an empty or generated folder for --out, or pass --force to write beside them (they are never touched)"
                )
            }
            Error::Occupied { out, files } => {
                writeln!(
                    f,
                    "error: {out} holds what the generator did not write where it would write its own files:"
                )?;
                write_paths(f, files)?;
                write!(
                    f,
                    "  = help: the generator never overwrites or writes through them, even with --force: move them away or choose another --out"
                )
            }
            Error::Busy { out, waited } => write!(
                f,
                "error: another run is writing {out}; gave up after waiting {} s for it to finish",
                waited.as_secs()
            ),
            Error::NotAnOutputFolder { out, limit } => write!(
                f,
                "error: {out} holds more than {limit} files and folders, so it is not an output folder (a generated crate has about 30)\n  = help: choose an empty or generated folder for --out"
            ),
            Error::OutputRead { path, source } => write!(f, "error: cannot read {path}: {source}"),
            Error::Option { message, help } => write!(f, "error: {message}\n  = help: {help}"),
            Error::Write { path, source } => write!(
                f,
                "error: cannot write {path}: {source}; the output folder was left as it was"
            ),
        }
    }
}

/// Most paths one message lists: the first ones say enough.
const MAX_PATHS_SHOWN: usize = 20;

fn write_paths(f: &mut fmt::Formatter<'_>, paths: &[String]) -> fmt::Result {
    for path in paths.iter().take(MAX_PATHS_SHOWN) {
        writeln!(f, "  {path}")?;
    }
    if paths.len() > MAX_PATHS_SHOWN {
        writeln!(f, "  … and {} more", paths.len() - MAX_PATHS_SHOWN)?;
    }
    Ok(())
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front::locate::Position;

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
