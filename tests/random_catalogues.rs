//! Random catalogues on stable Rust: every valid one validates and renders Rust
//! that parses, and no mutation of one makes the pipeline panic. The same
//! properties are fuzzed with cargo-fuzz in `fuzz/`.

#[path = "support/pipeline_properties.rs"]
mod pipeline_properties;

use errcat_codegen::text_rules::{Layout, first_forbidden};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Text a catalogue author might write in a field laid out as `layout`: any
/// Unicode the catalogue rules allow there, including quotes, backslashes,
/// `*/`, `|`, markup and (in prose) newlines, never blank.
fn text(layout: Layout) -> impl Strategy<Value = String> {
    let hostile = prop::sample::select(vec![
        "\"", "\\", "*/", "/*", "|", "<script>", "`", "\n", "{}", "#", "'", "\r\n", "\r", "🦀", "#[doc]",
    ]);
    (any::<String>(), prop::collection::vec(hostile, 0..4))
        .prop_map(move |(text, pieces)| {
            format!("{}{text}", pieces.concat())
                .chars()
                .filter(|c| first_forbidden(c.encode_utf8(&mut [0; 4]), layout).is_none())
                .collect::<String>()
        })
        .prop_filter("texts are never blank", |text| !text.trim().is_empty())
}

fn prose() -> impl Strategy<Value = String> {
    text(Layout::Prose)
}

fn one_line() -> impl Strategy<Value = String> {
    text(Layout::OneLine)
}

fn error_status() -> impl Strategy<Value = u16> {
    prop_oneof![400..500u16, 500..600u16]
}

fn retry() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["never", "transient", "throttled"])
}

/// One code of category `c`: unique by its index, named from random words.
fn code(prefix: String, k: usize) -> impl Strategy<Value = Value> {
    ("[A-Z]{1,8}", error_status(), prose(), prose(), retry(), any::<bool>()).prop_map(
        move |(word, status, message, resolution, retry, reauth)| {
            json!({
                "code": format!("{prefix}{word}_{k}"),
                "status": status,
                "message": message,
                "resolution": resolution,
                "retry": retry,
                "reauth": reauth,
            })
        },
    )
}

fn category(c: usize) -> impl Strategy<Value = Value> {
    let prefix = format!("C{c}_");
    ("[a-z]{1,6}", one_line(), 1..5usize)
        .prop_flat_map(move |(word, title, count)| {
            let codes: Vec<_> = (0..count).map(|k| code(prefix.clone(), k)).collect();
            (Just(word), Just(title), Just(prefix.clone()), codes)
        })
        .prop_map(move |(word, title, prefix, codes)| {
            json!({ "id": format!("c{c}_{word}"), "title": title, "prefix": prefix, "codes": codes })
        })
}

/// A whole valid catalogue as YAML text, with a status row for every status
/// its codes use.
fn catalogue() -> impl Strategy<Value = String> {
    let categories = (1..4usize).prop_flat_map(|count| (0..count).map(category).collect::<Vec<_>>());
    (
        one_line(),
        "[a-z]{1,10}",
        1..=86_400u64,
        one_line(),
        prose(),
        categories,
    )
        .prop_map(|(name, crate_word, default_secs, description, note, categories)| {
            let mut statuses: Vec<u64> = categories
                .iter()
                .flat_map(|c| c["codes"].as_array().unwrap().iter())
                .map(|code| code["status"].as_u64().unwrap())
                .collect();
            statuses.sort_unstable();
            statuses.dedup();
            let statuses: Vec<Value> = statuses
                .iter()
                .map(|status| json!({ "status": status, "description": description, "note": note }))
                .collect();
            let spec = json!({
                "schema": 1,
                "name": name,
                "crate": format!("{crate_word}-errors"),
                "docs_url": "https://docs.example.com/errors",
                "retry_after": { "header": "Retry-After", "default_secs": default_secs },
                "response": [
                    { "field": "error", "type": "string", "description": note },
                    { "field": "code", "type": "string", "description": note },
                    { "field": "details", "type": "object", "description": note },
                ],
                "statuses": statuses,
                "categories": categories,
            });
            serde_yaml::to_string(&spec).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_valid_random_catalogue_renders_rust_that_parses(yaml in catalogue()) {
        prop_assert!(pipeline_properties::check_pipeline(yaml.as_bytes()), "refused:\n{yaml}");
    }

    #[test]
    fn no_mutation_of_a_catalogue_makes_the_pipeline_panic(
        yaml in catalogue(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut bytes = yaml.into_bytes();
        for (at, byte) in edits {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        pipeline_properties::check_pipeline(&bytes);
    }
}
