//! One code's whole entry in words, as `rustc --explain` prints an error's.

use crate::model::{Code, Model, Retry};
use crate::suggest::edit_distance;

/// The entry of the code spelled `query`: exactly, else in any case with
/// `-`, `.` and `_` alike (codes differing only so are told apart by the
/// exact spelling); or the nearest codes when there is none.
pub fn explain(model: &Model, query: &str) -> Result<String, Vec<String>> {
    let query = query.trim();
    let wanted = loose(query);
    let exact = model.codes.iter().find(|code| code.code == query);
    match exact.or_else(|| model.codes.iter().find(|code| loose(&code.code) == wanted)) {
        Some(code) => Ok(entry(model, code)),
        None => Err(nearest_codes(model, &wanted)),
    }
}

/// `text` as a user may type a code: upper case, `-` and `.` written `_`.
fn loose(text: &str) -> String {
    text.to_uppercase().replace(['-', '.'], "_")
}

fn entry(model: &Model, code: &Code) -> String {
    let category = &model.categories[code.category];
    let status = model
        .statuses
        .iter()
        .find(|status| status.code == code.status)
        .map_or(String::new(), |status| format!(" {}", status.description));
    let mut lines = vec![
        format!("{} ({}, {})", code.code, category.title, model.api_name),
        String::new(),
        code.message.clone(),
        String::new(),
        format!("HTTP status:     {}{status}", code.status),
        match category.prefix.as_str() {
            "" => format!("Category:        {} (`{}`)", category.title, category.id),
            prefix => format!(
                "Category:        {} (`{}`, codes start with `{prefix}`)",
                category.title, category.id
            ),
        },
        format!("Resolution:      {}", code.resolution),
        format!("Retry:           {}", retry_in_words(model, code.retry)),
        format!(
            "Re-authenticate: {}",
            if code.reauth {
                "yes: send the user through sign-in again"
            } else {
                "no"
            }
        ),
    ];
    if let Some(since) = &code.since {
        lines.push(format!("Since:           {since}"));
    }
    if let Some(deprecation) = code.lifecycle.deprecation() {
        let state = if code.lifecycle.is_retired() {
            "Retired"
        } else {
            "Deprecated"
        };
        lines.push(format!("{:<17}{}", format!("{state}:"), deprecation.reason));
    }
    if let Some(successor) = model.successor(code) {
        lines.push(format!("Replaced by:     {}", successor.code));
    }
    lines.push(format!("Docs:            {}", code.doc_url));
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

fn retry_in_words(model: &Model, retry: Retry) -> String {
    let header = &model.retry_after_header;
    let default = model.default_retry_after_secs;
    match retry {
        Retry::Never => "never: repeating the same request cannot succeed".to_owned(),
        Retry::Transient => format!(
            "transient: retry with exponential backoff and jitter, waiting at least the `{header}` hint (seconds) when the reply has one"
        ),
        Retry::Throttled => {
            format!("throttled: wait the seconds in the `{header}` header ({default} s when it is missing), then retry")
        }
    }
}

/// Up to three codes nearest to `wanted`, near enough to be a typo, else the
/// codes sharing its first word.
fn nearest_codes(model: &Model, wanted: &str) -> Vec<String> {
    let mut scored: Vec<(usize, &str)> = model
        .codes
        .iter()
        .map(|code| (edit_distance(wanted, &loose(&code.code)), code.code.as_str()))
        .filter(|(distance, code)| *distance <= (code.len() / 3).max(2))
        .collect();
    if scored.is_empty() {
        let first_word = wanted.split('_').next().unwrap_or(wanted);
        scored = model
            .codes
            .iter()
            .filter(|code| !first_word.is_empty() && loose(&code.code).starts_with(first_word))
            .map(|code| (0, code.code.as_str()))
            .collect();
    }
    scored.sort();
    scored.into_iter().take(3).map(|(_, code)| code.to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payments() -> Model {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/one_category.yaml");
        crate::load_spec(std::path::Path::new(path), "one_category.yaml")
            .unwrap()
            .model
    }

    #[test]
    fn a_code_is_found_in_any_case_and_explained_whole() {
        let model = payments();
        let code = &model.codes[0];
        let text = explain(&model, &code.code.to_lowercase().replace('_', "-")).unwrap();
        assert!(text.starts_with(&format!("{} (", code.code)), "{text}");
        for needle in [&code.message, &code.resolution, &code.doc_url, &code.status.to_string()] {
            assert!(text.contains(needle.as_str()), "{needle} missing from\n{text}");
        }
    }

    #[test]
    fn a_code_in_wire_style_is_found_as_written_and_typed_loosely() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/real/oauth2.yaml");
        let model = crate::load_spec(std::path::Path::new(path), "oauth2.yaml")
            .unwrap()
            .model;
        for query in ["slow_down", "SLOW-DOWN", " slow.down "] {
            let text = explain(&model, query).unwrap();
            assert!(text.starts_with("slow_down (Device flow"), "{text}");
            assert!(!text.contains("codes start with"), "{text}");
        }
        assert_eq!(explain(&model, "slow_dwn").unwrap_err(), ["slow_down"]);
    }

    #[test]
    fn an_unknown_code_suggests_the_nearest() {
        let model = payments();
        let code = &model.codes[0].code;
        let typo = format!("{}X", &code[..code.len() - 1]);
        assert_eq!(explain(&model, &typo).unwrap_err()[0], *code);
        assert!(explain(&model, "NOTHING_LIKE_IT_AT_ALL").unwrap_err().is_empty());
    }
}
