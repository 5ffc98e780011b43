//! `docs/errors.md`: the published error reference, built as plain text.

use super::text::{code_span, escape_markdown as esc, inert_json, push_inert_json};
use crate::model::{Code, ITEMS, Model, ResponseField, Retry, StatusClass, Wire, pointer_keys};

/// Renders the reference page: body format, status tables, one section per
/// category with a stable anchor per code, and how clients must retry.
pub fn render_markdown(model: &Model) -> String {
    let mut page = String::with_capacity(4096 + model.codes.len() * CODE_BYTES);
    let api = esc(&model.api_name);
    let code = code_span(&dotted(&model.wire.code));
    let out = &mut page;
    line(out, &format!("# {api} errors"));
    line(out, "");
    line(
        out,
        &format!(
            "Every error reply of the {api} carries a JSON body with a machine-readable {code}: branch on {code}, never on the message. \
             This page is generated from the API's error catalogue, as is the code that handles these errors. Online: <{}>.",
            model.docs_url
        ),
    );
    line(out, "");
    response_format(out, model);
    status_tables(out, model);
    code_tables(out, model);
    retry_guide(out, model);
    page
}

/// About the bytes a code takes on the page (its row and its example): the
/// page is sized once, up front.
const CODE_BYTES: usize = 256;

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn table(out: &mut String, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    line(out, &format!("| {} |", header.join(" | ")));
    line(out, &format!("|{}", "---|".repeat(header.len())));
    for row in rows {
        for cell in row {
            out.push_str("| ");
            out.push_str(&cell);
            out.push(' ');
        }
        out.push_str("|\n");
    }
    line(out, "");
}

/// [`code_span`] for a table cell: GFM splits cells at `|` even inside a
/// code span, unless it is escaped.
fn cell_code_span(text: &str) -> String {
    code_span(text).replace('|', "\\|")
}

/// The body's documented fields (nested ones by dotted path), where each
/// part of a reply is in it, and the first code's example reply.
fn response_format(out: &mut String, model: &Model) {
    line(out, "## Error response format");
    line(out, "");
    let mut rows = Vec::new();
    field_rows(&model.response_fields, "", &mut rows);
    table(out, &["Field", "Type", "Description"], rows);
    line(out, "Where each part of a reply is:");
    line(out, "");
    for (part, pointer) in located(&model.wire) {
        let at = code_span(&dotted(pointer));
        let sentence = match part {
            Part::Code => match &model.wire.code_header {
                Some(header) => format!(
                    "{at} (a JSON {}; branch on it; when the body has none, the {} header)",
                    model.wire.code_type.as_str(),
                    code_span(header)
                ),
                None => format!("{at} (a JSON {}; branch on it)", model.wire.code_type.as_str()),
            },
            Part::Category => format!("{at} (each category below gives its id)"),
            _ => at,
        };
        line(out, &format!("- {}: {sentence}.", capitalized(part.label())));
    }
    field_errors(out, model);
    for (pointer, value) in model.constants() {
        line(
            out,
            &format!(
                "- {} is always {}.",
                code_span(&dotted(&pointer)),
                code_span(&value.to_json().to_string())
            ),
        );
    }
    line(out, "");
    let example = &model.codes[0];
    line(out, "For example:");
    line(out, "");
    line(out, "```json");
    line(out, &inert_json(&example.example));
    line(out, "```");
    line(out, "");
}

/// One table row per documented field, depth first, nested ones named by
/// their dotted path (`error.code`).
fn field_rows(fields: &[ResponseField], parent: &str, rows: &mut Vec<Vec<String>>) {
    for field in fields {
        let path = if field.name == ITEMS {
            format!("{parent}[]")
        } else if parent.is_empty() {
            field.name.clone()
        } else {
            format!("{parent}.{}", field.name)
        };
        rows.push(vec![cell_code_span(&path), esc(&field.ty), esc(&field.description)]);
        field_rows(&field.fields, &path, rows);
        if let Some(items) = &field.items {
            field_rows(std::slice::from_ref(items.as_ref()), &path, rows);
        }
    }
}

/// Where a validation error's field errors are: `wire.field_errors`, else
/// the default shapes of the details, when the body has details.
fn field_errors(out: &mut String, model: &Model) {
    if let Some(at) = &model.wire.field_errors {
        let mut members = vec![format!("the request field in {}", code_span(&at.field))];
        if let Some(message) = &at.message {
            members.push(format!("what is wrong in {}", code_span(message)));
        }
        if let Some(value) = &at.value {
            members.push(format!("the rejected value in {}", code_span(value)));
        }
        line(
            out,
            &format!(
                "- Field errors (of a validation error): each entry at {}, with {}.",
                code_span(&dotted(&at.entries)),
                members.join(", ")
            ),
        );
    } else if let Some(details) = &model.wire.details {
        let details = dotted(details);
        line(
            out,
            &format!(
                "- Field errors (of a validation error): {} is one entry with `field`, `message` and `value`, or a list of them, in itself or in {} or {}.",
                code_span(&details),
                code_span(&format!("{details}.errors")),
                code_span(&format!("{details}.fields"))
            ),
        );
    }
}

/// One part of a reply that `wire:` locates in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The code a client branches on (`wire.code`).
    Code,
    /// The human-readable message (`wire.message`).
    Message,
    /// The details, an object or an array (`wire.details`).
    Details,
    /// The HTTP status, repeated as an integer (`wire.status`).
    Status,
    /// The code's documentation link (`wire.doc_url`).
    DocUrl,
    /// The id of the code's category (`wire.category`).
    Category,
}

impl Part {
    /// What the part is, for a sentence: "the code", "the message".
    fn label(self) -> &'static str {
        match self {
            Part::Code => "the code",
            Part::Message => "the message",
            Part::Details => "the details",
            Part::Status => "the HTTP status, repeated",
            Part::DocUrl => "the code's documentation link",
            Part::Category => "the code's category id",
        }
    }
}

/// Each part the wire locates, with its JSON Pointer, in the order the
/// reference page lists them.
fn located(wire: &Wire) -> Vec<(Part, &str)> {
    [
        (Part::Code, Some(&wire.code)),
        (Part::Message, wire.message.as_ref()),
        (Part::Details, wire.details.as_ref()),
        (Part::Status, wire.status.as_ref()),
        (Part::DocUrl, wire.doc_url.as_ref()),
        (Part::Category, wire.category.as_ref()),
    ]
    .into_iter()
    .filter_map(|(part, pointer)| Some((part, pointer?.as_str())))
    .collect()
}

/// A pointer as a reader writes a path: keys joined with `.`, and a `*`
/// key ([`ITEMS`]: every element of an array) as `[]` after its array: `/error/details/*/fieldViolations/*` →
/// `error.details[].fieldViolations[]`. The whole body (`""`) is `(the body)`.
fn dotted(pointer: &str) -> String {
    let mut path = String::new();
    for key in pointer_keys(pointer) {
        if key == ITEMS {
            path.push_str("[]");
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&key);
        }
    }
    if path.is_empty() { "(the body)".to_owned() } else { path }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn status_tables(out: &mut String, model: &Model) {
    line(out, "## HTTP status codes");
    line(out, "");
    for class in StatusClass::ALL {
        let rows: Vec<_> = model.statuses.iter().filter(|status| status.class == class).collect();
        if rows.is_empty() {
            continue;
        }
        line(out, &format!("### {} Codes", class.title()));
        line(out, "");
        let is_error = matches!(class, StatusClass::ClientError | StatusClass::ServerError);
        if is_error {
            table(
                out,
                &["Code", "Category", "Description", "Action Required"],
                rows.iter().map(|s| {
                    vec![
                        s.code.to_string(),
                        class.title().to_owned(),
                        esc(&s.description),
                        esc(&s.note),
                    ]
                }),
            );
        } else {
            table(
                out,
                &["Code", "Description", "When Used"],
                rows.iter()
                    .map(|s| vec![s.code.to_string(), esc(&s.description), esc(&s.note)]),
            );
        }
    }
}

fn code_tables(out: &mut String, model: &Model) {
    line(out, "## Error codes");
    line(out, "");
    line(
        out,
        &format!(
            "{} codes in {} categories. {}",
            model.codes.len(),
            model.categories.len(),
            match &model.docs_url_template {
                Some(template) => format!("Each code links to its own page, {}.", code_span(template)),
                // Validation takes a fragment only when every code has its own `doc_url:`.
                None if model.docs_url.contains('#') => "Each code links to its own page.".to_owned(),
                None => format!(
                    "Each code links here as {}.",
                    code_span(&format!("{}#<code in lower case>", model.docs_url))
                ),
            }
        ),
    );
    line(out, "");
    for category in &model.categories {
        match category.prefix.as_str() {
            "" => line(out, &format!("### {}", esc(&category.title))),
            prefix => line(
                out,
                &format!("### {} ({})", esc(&category.title), code_span(&format!("{prefix}*"))),
            ),
        }
        line(out, "");
        if let Some(pointer) = &model.wire.category {
            line(
                out,
                &format!(
                    "Its replies carry {} in {}.",
                    code_span(&category.id),
                    code_span(&dotted(pointer))
                ),
            );
            line(out, "");
        }
        table(
            out,
            &["Code", "HTTP Status", "Description", "Resolution", "Retry"],
            model.codes_of(category).iter().map(|code| {
                vec![
                    format!("<a id=\"{}\"></a>{}", code.anchor, cell_code_span(&code.code)),
                    code.status.to_string(),
                    format!("{}{}", esc(&code.message), lifecycle_note(model, code)),
                    esc(&code.resolution),
                    code.retry.as_str().to_owned(),
                ]
            }),
        );
        line(out, "Example replies, one per code in table order:");
        line(out, "");
        line(out, "```json");
        for code in model.codes_of(category) {
            push_inert_json(out, &code.example);
            out.push('\n');
        }
        line(out, "```");
        line(out, "");
    }
}

/// Since when a code exists and whether it is deprecated or retired, for the
/// Description cell; empty for a code with no lifecycle keys.
fn lifecycle_note(model: &Model, code: &Code) -> String {
    let mut note = String::new();
    if let Some(deprecation) = code.lifecycle.deprecation() {
        let state = if code.lifecycle.is_retired() {
            "Retired: servers no longer send it"
        } else {
            "Deprecated"
        };
        note.push_str(&format!("<br>**{state}:** {}", esc(&deprecation.reason)));
    }
    if let Some(successor) = model.successor(code) {
        note.push_str(&format!(
            " Use [{}](#{}) instead.",
            cell_code_span(&successor.code),
            successor.anchor
        ));
    }
    if let Some(since) = &code.since {
        note.push_str(&format!("<br>*Since {since}.*"));
    }
    note
}

fn retry_guide(out: &mut String, model: &Model) {
    let header = code_span(&model.retry_after_header);
    let default_secs = model.default_retry_after_secs;
    line(out, "## Retrying and re-authentication");
    line(out, "");
    line(out, "The Retry column says how a client may react:");
    line(out, "");
    line(
        out,
        "- `never`: the same request cannot succeed; fix it or report the error.",
    );
    line(
        out,
        &format!(
            "- `transient`: retry with exponential backoff and jitter, waiting at least what {header} says when the reply carries it."
        ),
    );
    line(
        out,
        &format!(
            "- `throttled`: wait for {header} (in seconds; {default_secs} s when the header is missing), then retry."
        ),
    );
    line(out, "");
    line(
        out,
        "Stop after a maximum number of attempts, and count failures per code to notice a persistent outage.",
    );
    line(out, "");
    for (retry, title) in [
        (Retry::Throttled, "Throttled codes"),
        (Retry::Transient, "Transient codes"),
    ] {
        code_list(out, model, title, |code| code.retry == retry);
    }
    line(
        out,
        "These codes mean the user's session or connection is gone: send the user through re-authentication and clear cached credentials before trying again.",
    );
    line(out, "");
    code_list(out, model, "Re-authenticate on", |code| code.reauth);
}

fn code_list(out: &mut String, model: &Model, title: &str, keep: impl Fn(&crate::model::Code) -> bool) {
    let links: Vec<String> = model
        .codes
        .iter()
        .filter(|code| keep(code))
        .map(|code| format!("[{}](#{})", code_span(&code.code), code.anchor))
        .collect();
    let list = if links.is_empty() {
        "none".to_owned()
    } else {
        links.join(", ")
    };
    line(out, &format!("{title}: {list}."));
    line(out, "");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_read_as_dotted_paths() {
        assert_eq!(dotted("/a~1b/c~0d"), "a/b.c~d");
        assert_eq!(dotted("/error/code"), "error.code");
        assert_eq!(
            dotted("/error/details/*/fieldViolations/*"),
            "error.details[].fieldViolations[]"
        );
        assert_eq!(dotted(""), "(the body)");
    }

    #[test]
    fn the_default_wire_locates_code_message_and_details_only() {
        let wire = Wire::default();
        let parts = located(&wire);
        assert_eq!(
            parts,
            [
                (Part::Code, "/code"),
                (Part::Message, "/error"),
                (Part::Details, "/details")
            ]
        );
    }
}
