//! What is wrong with a catalogue, by key path: found by the front end
//! (unknown keys, YAML the subset refuses) and by validation alike, then
//! placed in the file by [`crate::front::diagnostic`].

/// How bad a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Suspicious but renderable; `--deny-warnings` makes it fatal.
    Warning,
    /// The catalogue cannot become code.
    Error,
}

/// One thing wrong with a catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Key path of the offending value, e.g. `categories[0].codes[2].retry`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
    /// Whether the problem is the key itself (an unknown key), not its value.
    pub at_key: bool,
    /// The warning's name, which a code's `allow:` acknowledges.
    pub lint: Option<crate::validate::lints::Lint>,
}
