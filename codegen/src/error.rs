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
    /// The catalogue is not valid; nothing was written.
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { path, source } => write!(f, "error: cannot read the catalogue {path}: {source}"),
            Error::Invalid(diagnostics) => {
                for diagnostic in diagnostics {
                    writeln!(f, "{diagnostic}")?;
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
