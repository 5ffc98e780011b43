//! Rust written straight as text, in exactly the layout prettyplease prints,
//! for the items whose size grows with the catalogue (one variant, table row
//! or list element per code). Sending those through `quote!`, syn and
//! prettyplease cost most of the generator's time and memory at 10,000 codes;
//! the fixed items still go that way ([`format_file`](super::rust::format_file)).
//!
//! The few layout rules needed here are prettyplease's (0.3): a line holds at
//! most [`MARGIN`] bytes after its indentation of four spaces a level; a
//! bracketed list (array, tuple, call arguments, attribute arguments) either
//! fits on its line, up to the first place after it where a line could break,
//! or puts every element on a line of its own; a struct literal wider than 34
//! columns is always broken, one field a line.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::text::double_quoted;

/// prettyplease's line width (`MARGIN`), in bytes as it counts them.
const MARGIN: usize = 89;

/// prettyplease's narrowest line: deeper lines get at least this much room.
const MIN_SPACE: usize = 60;

/// One level of indentation.
const INDENT: usize = 4;

/// `Type::Variant`, for names that validation already made identifiers.
pub fn path(ty: &str, variant: &str) -> String {
    format!("{ty}::{variant}")
}

/// `Type::Variant` for a value of one of the runtime's enums the model holds
/// (`Retry`, `StatusClass`): their derived `Debug` writes the variant's name.
pub fn runtime_path(ty: &str, value: impl std::fmt::Debug) -> String {
    format!("{ty}::{value:?}")
}

/// `value` as a Rust string literal, escaped as proc-macro2 writes one:
/// `char::escape_debug` but for `'`, which needs no escape, and NUL, written
/// `\x00` so that a digit after it cannot read as an octal escape.
pub fn str_literal(value: &str) -> String {
    double_quoted(value, |c, out| match c {
        '\'' => out.push(c),
        '\0' => out.push_str("\\x00"),
        c => out.extend(c.escape_debug()),
    })
}

/// `::core::option::Option::Some(inner)` or `::core::option::Option::None`,
/// `inner` already written as Rust.
pub fn option(inner: Option<String>) -> Expr {
    match inner {
        Some(inner) => Expr::List {
            head: Cow::Borrowed("::core::option::Option::Some"),
            delimiters: ("(", ")"),
            items: vec![Expr::Flat(inner)],
            trailing_comma: true,
        },
        None => Expr::Flat("::core::option::Option::None".to_owned()),
    }
}

/// An expression whose layout depends on the room it has.
pub enum Expr {
    /// Text with nowhere to break: a literal, a path, a number.
    Flat(String),
    /// `head(a, b)` or `head[a, b]`: flat when it fits, else one item a line.
    List {
        head: Cow<'static, str>,
        delimiters: (&'static str, &'static str),
        items: Vec<Expr>,
        /// Whether a broken list ends its last item with a comma
        /// (expressions do; attribute arguments do not).
        trailing_comma: bool,
    },
}

impl Expr {
    /// `head[a, b]` for a slice or array of `items`, behind `&` when `head` says so.
    pub fn array(head: &'static str, items: Vec<Expr>) -> Expr {
        Expr::List {
            head: Cow::Borrowed(head),
            delimiters: ("[", "]"),
            items,
            trailing_comma: true,
        }
    }

    /// `#[name(a, b)]` without its closing `]`, which the caller writes as
    /// the end of the line, counted.
    pub fn attribute(name: &str, items: Vec<Expr>) -> Expr {
        Expr::List {
            head: Cow::Owned(format!("#[{name}")),
            delimiters: ("(", ")"),
            items,
            trailing_comma: false,
        }
    }

    /// `(a, b)`.
    pub fn tuple(items: Vec<Expr>) -> Expr {
        Expr::List {
            head: Cow::Borrowed(""),
            delimiters: ("(", ")"),
            items,
            trailing_comma: true,
        }
    }

    /// The expression's length on one line.
    fn flat_len(&self) -> usize {
        match self {
            Expr::Flat(text) => text.len(),
            Expr::List {
                head,
                delimiters: (open, close),
                items,
                ..
            } => {
                let separators = 2 * items.len().saturating_sub(1);
                head.len() + open.len() + items.iter().map(Expr::flat_len).sum::<usize>() + separators + close.len()
            }
        }
    }

    /// Writes the expression on one line.
    fn write_flat(&self, out: &mut String) {
        match self {
            Expr::Flat(text) => out.push_str(text),
            Expr::List {
                head,
                delimiters: (open, close),
                items,
                ..
            } => {
                out.push_str(head);
                out.push_str(open);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_flat(out);
                }
                out.push_str(close);
            }
        }
    }

    /// Writes `{lead}{self}{end}` on a line indented `indent` levels, broken
    /// as prettyplease breaks it. `counted` is how much of `end` stays on the
    /// line (prettyplease measures up to where the line could next break: a
    /// `;` or a `,` between elements counts, the comma after a last element
    /// does not).
    pub fn write(&self, out: &mut String, indent: usize, lead: &str, end: &str, counted: usize) {
        let pad = pad(indent);
        out.push_str(pad);
        out.push_str(lead);
        match self {
            Expr::List {
                head,
                delimiters: (open, close),
                items,
                trailing_comma,
            } if !items.is_empty() && !fits(indent, lead.len() + self.flat_len() + counted) => {
                out.push_str(head);
                out.push_str(open);
                out.push('\n');
                for (i, item) in items.iter().enumerate() {
                    let last = i + 1 == items.len();
                    let comma = if *trailing_comma || !last { "," } else { "" };
                    item.write(out, indent + 1, "", comma, usize::from(!last));
                }
                out.push_str(pad);
                out.push_str(close);
            }
            _ => self.write_flat(out),
        }
        out.push_str(end);
        out.push('\n');
    }
}

/// The indentation of `indent` levels.
fn pad(indent: usize) -> &'static str {
    const SPACES: &str = "                                                                ";
    &SPACES[..indent * INDENT]
}

/// Whether `width` bytes fit on a line indented `indent` levels.
fn fits(indent: usize, width: usize) -> bool {
    width <= MARGIN.saturating_sub(indent * INDENT).max(MIN_SPACE)
}

/// A struct literal `name { field: value, … }` as an element of a list,
/// indented `indent` levels: always broken, one field a line, as prettyplease
/// breaks every struct literal wider than 34 columns (each of the
/// generator's has more fields than would fit in that).
pub fn struct_literal(out: &mut String, indent: usize, name: &str, fields: &[(&str, Expr)]) {
    let pad = pad(indent);
    let _ = writeln!(out, "{pad}{name} {{");
    let mut lead = String::new();
    for (i, (field, value)) in fields.iter().enumerate() {
        lead.clear();
        lead.push_str(field);
        lead.push_str(": ");
        // The comma after the last field is a line break's, not counted.
        let counted = usize::from(i + 1 < fields.len());
        value.write(out, indent + 1, &lead, ",", counted);
    }
    // A list breaks after every element, its last one too.
    let _ = writeln!(out, "{pad}}},");
}

/// `{lead}[items]{end}` on a line indented `indent` levels, as prettyplease
/// prints an array of integer literals: on that line when it fits (with
/// `counted` bytes of `end`, as for [`Expr::write`]), else filled: as many
/// items to a line as fit, one level deeper, each followed by a comma.
pub fn filled_int_array(out: &mut String, indent: usize, lead: &str, items: &[String], end: &str, counted: usize) {
    let (inner, pad) = (pad(indent + 1), pad(indent));
    let flat = items.iter().map(String::len).sum::<usize>() + 2 * items.len().saturating_sub(1) + 2;
    if fits(indent, lead.len() + flat + counted) {
        let _ = writeln!(out, "{pad}{lead}[{}]{end}", items.join(", "));
        return;
    }
    let _ = write!(out, "{pad}{lead}[");
    // The width of the line being filled, after its indentation.
    let mut width = None;
    for (i, item) in items.iter().enumerate() {
        // The comma after an item counts, except after the last, whose comma
        // prettyplease adds once it has decided where the line breaks.
        let comma = usize::from(i + 1 < items.len());
        width = match width {
            Some(width) if fits(indent + 1, width + 1 + item.len() + comma) => {
                let _ = write!(out, " {item},");
                Some(width + 1 + item.len() + 1)
            }
            _ => {
                let _ = write!(out, "\n{inner}{item},");
                Some(item.len() + 1)
            }
        };
    }
    let _ = writeln!(out, "\n{pad}]{end}");
}

/// Doc comment lines indented `indent` levels, one paragraph each with a
/// blank line between, as [`doc_text`](super::rust::doc_text) attributes
/// print. Spec text in them must already be escaped with
/// [`escape_markdown`](super::escape_markdown), which also leaves each
/// paragraph on one line: prettyplease keeps `#[doc = "…"]` only for text
/// with a line break or starting with `/`, and every line here starts with
/// a space, so each is a `///` line (without trailing spaces, which
/// prettyplease trims).
pub fn doc_lines(out: &mut String, indent: usize, paragraphs: &[String]) {
    let pad = pad(indent);
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "{pad}///");
        }
        let doc = format!(" {paragraph}");
        let _ = writeln!(out, "{pad}///{}", doc.trim_end_matches(' '));
    }
}

/// `#[allow(deprecated)]` on its own line, when `needed`: see
/// [`allow_deprecated`](super::rust::allow_deprecated).
pub fn allow_deprecated(out: &mut String, indent: usize, needed: bool) {
    if needed {
        let _ = writeln!(out, "{}#[allow(deprecated)]", pad(indent));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::rust::format_file;

    /// prettyplease's layout of `text`, which must parse as a file.
    fn reprinted(text: &str) -> String {
        format_file(text.parse().expect("tokens"))
    }

    #[test]
    fn string_literals_are_escaped_as_proc_macro2_writes_them() {
        for value in [
            "plain",
            "quote \" backslash \\ tick ' */",
            "line\nfeed\r\ttab",
            "\u{2028}\u{202e}\u{301}é🦀",
        ] {
            assert_eq!(
                str_literal(value),
                proc_macro2::Literal::string(value).to_string(),
                "{value:?}"
            );
        }
        // NUL is always `\x00`, which reads back whole before a digit too.
        for value in ["\0", "nul \0 end", "\u{0}7"] {
            assert_eq!(
                syn::parse_str::<syn::LitStr>(&str_literal(value)).unwrap().value(),
                value
            );
        }
    }

    /// Lists and calls on either side of the line width, as prettyplease
    /// breaks them: a whole item, a struct literal's fields (the last one's
    /// comma uncounted), an attribute.
    #[test]
    fn lists_break_exactly_where_prettyplease_breaks_them() {
        for length in 1..70 {
            let name = "N".repeat(length);
            let mut text = String::new();
            let items = || {
                [format!("E::{name}"), "E::Second".to_owned(), "E::Third".to_owned()]
                    .map(Expr::Flat)
                    .into()
            };
            Expr::array("", items()).write(&mut text, 0, "const ALL_ITEMS: &[E; 3] = &", ";", 1);
            let row = || Expr::tuple(vec![Expr::Flat(str_literal(&name)), Expr::Flat("401".to_owned())]);
            Expr::array("", vec![row(), row()]).write(&mut text, 0, "const ROWS: &[(&str, u16)] = &", ";", 1);
            text.push_str("const ENTRIES: &[Entry] = &[\n");
            let fields = [
                ("since", option(Some(str_literal(&name)))),
                ("replaced_by", option(Some(format!("ErrorCode::{name}")))),
                ("none", option(None)),
                ("codes", Expr::array("&", items())),
            ];
            struct_literal(&mut text, 1, "Entry", &fields);
            text.push_str("];\nenum E {\n");
            let note = format!("note = {}", str_literal(&name));
            Expr::attribute("deprecated", vec![Expr::Flat(note)]).write(&mut text, 1, "", "]", 1);
            text.push_str("    Variant,\n}\n");
            assert_eq!(text, reprinted(&text), "names of {length} bytes");
        }
    }

    #[test]
    fn doc_lines_are_the_doc_comments_prettyplease_prints() {
        let paragraphs = [
            "First, with trailing spaces  ".to_owned(),
            String::new(),
            "/ slash".to_owned(),
        ];
        let mut text = String::new();
        doc_lines(&mut text, 0, &paragraphs);
        text.push_str("struct S;\n");
        assert_eq!(text, reprinted(&text));
    }

    #[test]
    fn integer_arrays_fill_lines_as_prettyplease_does() {
        for digits in 1..=20 {
            for count in 1..=40 {
                let items: Vec<String> = (0..count).map(|_| "1".repeat(digits)).collect();
                let mut top = String::new();
                filled_int_array(&mut top, 0, &format!("static A: [u64; {count}] = "), &items, ";", 1);
                assert_eq!(reprinted(&top), top);
                // Laid out as a slot: a struct literal over 34 columns breaks.
                let mut field = String::from("static A: [Slot; 1] = [\n    Slot {\n");
                filled_int_array(&mut field, 2, "words: ", &items, ",", 1);
                field.push_str("        code: ErrorCode::AuthInvalidKey,\n    },\n];\n");
                assert_eq!(reprinted(&field), field);
            }
        }
    }

    #[test]
    fn negative_integers_go_one_to_a_line_unless_they_all_fit_on_one() {
        for count in [1, 3, 12, 40] {
            let mut text = String::new();
            let items = (0..count).map(|i| Expr::Flat(format!("-{}", 32_700 + i))).collect();
            Expr::array("", items).write(&mut text, 0, "const A: &[i64; 2] = &", ";", 1);
            assert_eq!(reprinted(&text), text);
        }
    }
}
