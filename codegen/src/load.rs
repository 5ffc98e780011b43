//! Spec file → validated model: read, parse, validate, and place every problem
//! in the file.

use std::path::Path;

use crate::error::Error;
use crate::front::diagnostic::Diagnostic;
use crate::front::keys;
use crate::front::locate::{
    Lines, MAX_EXPANDED_BYTES, MAX_EXPANDED_NODES, MAX_KEY_BYTES, MAX_MAPPED_BYTES, MAX_NESTING, MAX_SCALAR_BYTES,
    Position, Refused, SourceMap,
};
use crate::front::read::over_the_limit;
pub use crate::front::read::{MAX_SPEC_BYTES, read_spec};
use crate::front::spec::Spec;
use crate::front::yaml_error;
use crate::front::yaml_subset;
use crate::model::Model;
use crate::problem::Problem;
use crate::validate::{self, Validated};

pub use crate::front::diagnostic::MAX_QUOTED_LINE_BYTES;

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
    let bytes = read_spec(path).map_err(|source| Error::Read {
        path: label.to_owned(),
        source,
    })?;
    parse_spec_bytes(&bytes, label)
}

/// Parses and validates a catalogue's raw bytes, which must be UTF-8; `label`
/// names it in messages.
pub fn parse_spec_bytes(bytes: &[u8], label: &str) -> Result<Loaded, Error> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        // The bad bytes show as U+FFFD in the excerpt, right above the caret.
        let shown = String::from_utf8_lossy(bytes);
        let diagnostic = Diagnostic::at(
            label,
            &shown,
            Some(Position { line, column }),
            "the file is not valid UTF-8".to_owned(),
        )
        .with_help("save the catalogue as UTF-8");
        Error::invalid(vec![diagnostic])
    })?;
    parse_spec(text, label)
}

/// Parses and validates catalogue text; `label` names it in messages. A
/// byte-order mark at the start is skipped, and positions count from after it,
/// as editors show them.
pub fn parse_spec(text: &str, label: &str) -> Result<Loaded, Error> {
    if text.len() > MAX_SPEC_BYTES {
        let message = format!(
            "the catalogue is too large: {}",
            over_the_limit(Some(text.len() as u64))
        );
        return Err(Error::invalid(vec![Diagnostic::at(label, "", None, message)]));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(diagnostic) = yaml_subset::misread_character(text, label) {
        return Err(Error::invalid(vec![diagnostic]));
    }
    // The source map enforces the limits (nesting, aliases, sizes) that keep
    // serde_yaml's reading bounded, so it normally comes first. Text that
    // plainly stays within them is read on a second core at the same time,
    // and the reading dropped if the map refuses the text after all.
    let (map, reading) = if !reads_in_linear_time(text) {
        (SourceMap::new(text), None)
    } else {
        std::thread::scope(|scope| {
            let reading = scope.spawn(|| read_and_validate(text, label));
            let map = SourceMap::new(text);
            let reading = reading.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (map, Some(reading))
        })
    };
    let map = map.map_err(|refused| Error::invalid(vec![refusal(refused, text, label)]))?;
    let lines = Lines::new(text);
    let locate = |problems: Vec<Problem>| -> Vec<Diagnostic> {
        problems
            .into_iter()
            .map(|problem| Diagnostic::from_problem(label, &lines, &map, problem))
            .collect()
    };
    // Unknown keys do not stop the typed parse: serde skips them, so one run
    // reports them together with type errors or the validation problems.
    let mut problems = locate(keys::unknown_keys(&map));
    let tags = locate(yaml_subset::tags(&map));
    // serde_yaml honours some tags and drops others: its reading of a tagged
    // catalogue is not the one to report on.
    let loaded = if !tags.is_empty() {
        problems.extend(tags);
        None
    } else {
        match reading.unwrap_or_else(|| read_and_validate(text, label)) {
            Err(diagnostic) => {
                problems.push(*diagnostic);
                None
            }
            Ok(Ok(validated)) => Some(Loaded {
                model: validated.model,
                warnings: locate(validated.warnings),
            }),
            Ok(Err(found)) => {
                problems.extend(locate(found));
                None
            }
        }
    };
    match loaded {
        Some(loaded) if problems.is_empty() => Ok(loaded),
        Some(loaded) => {
            problems.extend(loaded.warnings);
            Err(Error::invalid(problems))
        }
        None => Err(Error::invalid(problems)),
    }
}

/// The diagnostic for text the source map refused.
fn refusal(refused: Refused, text: &str, label: &str) -> Diagnostic {
    let at = |position, message: String| Diagnostic::at(label, text, Some(position), message);
    match refused {
        Refused::TooDeep(position) => at(
            position,
            format!("the catalogue nests deeper than {MAX_NESTING} levels"),
        )
        .with_help("a catalogue needs five levels at most; look for unclosed `[` or `{`"),
        Refused::TooManyAliases(position) => at(
            position,
            format!("YAML aliases here expand the catalogue past {MAX_EXPANDED_NODES} values"),
        )
        .with_help("aliases (`*name`) may share a value, not multiply it: write the values out"),
        Refused::AliasesTooLarge(position) => at(
            position,
            format!("YAML aliases here expand the catalogue past {MAX_EXPANDED_BYTES} bytes of text"),
        )
        .with_help("aliases (`*name`) may share a value, not multiply it: write the values out"),
        Refused::PathsTooLong(position) => at(
            position,
            format!("the key paths of the catalogue add up past {MAX_MAPPED_BYTES} bytes (64 MiB) here"),
        )
        .with_help("a long key repeats in the path of every value below it: shorten the keys above this line"),
        Refused::TooLong {
            position,
            path,
            on_key,
            bytes,
        } => {
            let (what, limit, help) = if on_key {
                (
                    "a key".to_owned(),
                    format!("{MAX_KEY_BYTES} bytes for one key"),
                    "the format's keys are short words like `message`: look for an unclosed quote",
                )
            } else {
                let what = match path.rsplit(['.', '[']).next() {
                    Some(key) if !key.is_empty() && !key.ends_with(']') => format!("`{key}`"),
                    _ => "a value".to_owned(),
                };
                (
                    what,
                    format!("{MAX_SCALAR_BYTES} bytes (64 KiB) for one value"),
                    "messages and resolutions need a few hundred characters at most: shorten it",
                )
            };
            Diagnostic {
                key_path: Some(path).filter(|path| !path.is_empty()),
                ..at(
                    position,
                    format!("{what} is {bytes} bytes long, over the limit of {limit}"),
                )
                .with_help(help)
            }
        }
    }
}

/// Whether serde_yaml reads `text` in time linear in its size (at most
/// [`MAX_SPEC_BYTES`]), whatever else is wrong with it: no anchor or alias
/// (`&`, `*`, which can multiply it), no brackets nested past
/// [`MAX_NESTING`] (a hundred thousand of them took serde_yaml a minute) and
/// no line indented past twice that. Quotes are not told apart, so a `*` in
/// a message only makes the answer no.
fn reads_in_linear_time(text: &str) -> bool {
    let mut depth = 0_usize;
    for byte in text.bytes() {
        match byte {
            b'&' | b'*' => return false,
            b'[' | b'{' if depth == MAX_NESTING => return false,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    text.lines()
        .all(|line| line.len() - line.trim_start_matches([' ', '\t', '-', '?']).len() <= 2 * MAX_NESTING)
}

/// The typed reading of `text` and its validation: the YAML error, or what
/// validation made of it (its problems not yet placed in the file).
fn read_and_validate(text: &str, label: &str) -> Result<Result<Validated, Vec<Problem>>, Box<Diagnostic>> {
    parse_yaml(text, label).map(|spec| validate::validate(&spec))
}

fn parse_yaml(text: &str, label: &str) -> Result<Spec, Box<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::at(label, text, None, "the catalogue is empty".to_owned())
                .with_help("start from the format in the README: `schema: 1`, `name:`, `crate:`, …"),
        ));
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
        let reworded = yaml_error::reword(&message);
        Box::new(Diagnostic {
            key_path: reworded.key_path,
            help: reworded.help,
            ..Diagnostic::at(label, text, position, reworded.message)
        })
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
        let unknown = found.iter().find(|d| d.message == "unknown key `nmae`").unwrap();
        assert_eq!(unknown.help.as_deref(), Some("did you mean `name`?"));
        assert_eq!(unknown.position, Some(Position { line: 2, column: 1 }));
    }

    #[test]
    fn unknown_keys_and_type_errors_come_out_of_one_run_in_file_order() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/single_code.yaml"
        ))
        .unwrap()
        .replace("status: 500\n        message", "status: five hundred\n        mesage")
        .replacen("name:", "nmae:", 1);
        let found: Vec<String> = errors(&text).iter().map(|d| d.message.clone()).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], "unknown key `nmae`");
        assert!(found[1].contains("not the text \"five hundred\""), "{found:?}");
        assert_eq!(found[2], "unknown key `mesage`");
    }

    #[test]
    fn only_text_within_the_limits_is_read_beside_the_source_map() {
        let synthetic = crate::synth::synthetic_catalogue(100);
        assert!(reads_in_linear_time(&synthetic));
        for hostile in [
            format!("schema: {}{}", "[".repeat(100), "]".repeat(100)),
            format!("a: &x 1\nb: *x\n{synthetic}"),
            format!("{synthetic}\n{}- x\n", " ".repeat(65)),
            format!("{synthetic}\n{}x\n", "- ".repeat(40)),
        ] {
            assert!(!reads_in_linear_time(&hostile), "{}", &hostile[..40.min(hostile.len())]);
        }
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
        assert!(errors("- a\n- b\n")[0].message.contains("must be a mapping"));
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
        .replace("status: 500\n        message", "status: 100\n        message");
        let found = errors(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key_path.as_deref(), Some("categories[0].codes[0].status"));
        assert_eq!(found[0].position, Some(Position { line: 26, column: 17 }));
        assert_eq!(found[0].source_line.as_deref(), Some("        status: 100"));
    }
}
