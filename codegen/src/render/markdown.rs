//! `docs/errors.md`: the published error reference, built as plain text.

use super::text::{code_span, escape_markdown as esc};
use crate::model::{Code, Model, Retry, StatusClass, message_example};

/// Renders the reference page: body format, status tables, one section per
/// category with a stable anchor per code, and how clients must retry.
pub fn render_markdown(model: &Model) -> String {
    let mut page = String::new();
    let api = esc(&model.api_name);
    let out = &mut page;
    line(out, &format!("# {api} errors"));
    line(out, "");
    line(
        out,
        &format!(
            "Every error reply of the {api} carries a JSON body with a machine-readable `code`: branch on `code`, never on the message. \
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

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn table(out: &mut String, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    line(out, &format!("| {} |", header.join(" | ")));
    line(out, &format!("|{}", "---|".repeat(header.len())));
    for row in rows {
        line(out, &format!("| {} |", row.join(" | ")));
    }
    line(out, "");
}

/// [`code_span`] for a table cell: GFM splits cells at `|` even inside a
/// code span, unless it is escaped.
fn cell_code_span(text: &str) -> String {
    code_span(text).replace('|', "\\|")
}

fn response_format(out: &mut String, model: &Model) {
    line(out, "## Error response format");
    line(out, "");
    table(
        out,
        &["Field", "Type", "Description"],
        model
            .response_fields
            .iter()
            .map(|field| vec![format!("`{}`", field.name), esc(&field.ty), esc(&field.description)]),
    );
    let example = &model.codes[0];
    line(out, "For example:");
    line(out, "");
    line(out, "```json");
    // The body every export shows for a code without an `example:`.
    line(out, &message_example(&example.code, &example.message).to_string());
    line(out, "```");
    line(out, "");
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
