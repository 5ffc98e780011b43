//! Catalogue text is data in every output (issue 11, part 2): invisible and
//! bidirectional controls are refused in every string, each naming the
//! character and its position; `since` and `version` are strict semver,
//! `docs_url` a real absolute http(s) URL, crate names what cargo and the
//! crate's own tests accept; and the nastiest text that stays allowed (the
//! `odd_strings` fixture) comes out of every renderer as data, never markup or code.

use std::path::Path;

use errcat_codegen::diagnostic::Diagnostic;

/// The smallest valid catalogue; each case edits one line of it.
fn base() -> String {
    std::fs::read_to_string(crate::support::workspace().join("tests/fixtures/single_code.yaml")).unwrap()
}

/// `base()` with `from` replaced by `to` (which must change something).
fn edited(from: &str, to: &str) -> String {
    let text = base();
    assert!(text.contains(from), "the base catalogue has no {from:?}");
    text.replacen(from, to, 1)
}

/// The diagnostics of a catalogue that must be refused.
fn refused(text: &str) -> Vec<Diagnostic> {
    match errcat_codegen::Generator::from_spec_text(text, "spec.yaml") {
        Err(errcat_codegen::Error::Invalid(found)) => found,
        Err(other) => panic!("refused, but not as invalid: {other}"),
        Ok(_) => panic!("accepted:\n{text}"),
    }
}

/// The messages of the diagnostics at `path`, joined by new lines, failing
/// when there is none.
fn message_at(found: &[Diagnostic], path: &str) -> String {
    let messages: Vec<&str> = found
        .iter()
        .filter(|d| d.key_path.as_deref() == Some(path))
        .map(|d| d.message.as_str())
        .collect();
    assert!(!messages.is_empty(), "no problem at {path}: {found:#?}");
    messages.join("\n")
}

/// A line to add to the base catalogue: at the top level or to its one code.
fn with_top_level(line: &str) -> String {
    edited("schema: 1\n", &format!("schema: 1\n{line}\n"))
}

fn with_code_key(line: &str) -> String {
    with_code_key_in(&base(), line)
}

fn with_code_key_in(text: &str, line: &str) -> String {
    let (from, to) = (
        "        retry: transient\n",
        format!("        retry: transient\n        {line}\n"),
    );
    assert!(text.contains(from));
    text.replacen(from, &to, 1)
}

#[test]
fn a_bidi_control_in_any_string_field_is_refused_naming_the_character_and_its_position() {
    // `\u202E` is written as a YAML escape, so this file itself stays clean.
    let cases = [
        (edited("name: Tiny API", r#"name: "T\u202Einy API""#), "name"),
        (edited("crate: tiny-errors", r#"crate: "t\u202Einy""#), "crate"),
        (with_top_level(r#"version: "1\u202E.0.0""#), "version"),
        (with_top_level(r#"license: "M\u202EIT""#), "license"),
        (
            with_top_level(r#"request_id_header: "X\u202E-Id""#),
            "request_id_header",
        ),
        (
            edited(
                "docs_url: https://tiny.example/errors",
                r#"docs_url: "h\u202Ettps://tiny.example""#,
            ),
            "docs_url",
        ),
        (
            edited("header: Retry-After", r#"header: "R\u202Eetry""#),
            "retry_after.header",
        ),
        (
            edited("description: What went wrong", r#"description: "W\u202Ehat""#),
            "response[0].description",
        ),
        (
            edited("description: Internal Server Error", r#"description: "I\u202Enternal""#),
            "statuses[0].description",
        ),
        (
            edited("note: Retry later", r#"note: "R\u202Eetry""#),
            "statuses[0].note",
        ),
        (edited("id: internal", r#"id: "i\u202Enternal""#), "categories[0].id"),
        (
            edited("title: Internal Errors", r#"title: "I\u202Enternal""#),
            "categories[0].title",
        ),
        (
            edited("message: Something broke", r#"message: "S\u202Eomething""#),
            "categories[0].codes[0].message",
        ),
        (
            edited("resolution: Retry later", r#"resolution: "R\u202Eetry""#),
            "categories[0].codes[0].resolution",
        ),
        (with_code_key(r#"since: "1\u202E.0.0""#), "categories[0].codes[0].since"),
        (
            with_code_key(r#"deprecated: "U\u202Ese another""#),
            "categories[0].codes[0].deprecated",
        ),
        (
            with_code_key(r#"example: { error: "S\u202Eomething", code: INTERNAL_ERROR }"#),
            "categories[0].codes[0].example.error",
        ),
        (
            with_code_key(r#"example: { error: x, code: INTERNAL_ERROR, details: { "f\u202Eield": 1 } }"#),
            "categories[0].codes[0].example.details.f\u{202E}ield",
        ),
    ];
    for (text, path) in cases {
        let message = message_at(&refused(&text), path);
        assert!(
            message.contains("U+202E RIGHT-TO-LEFT OVERRIDE at character 2"),
            "{path}: {message}"
        );
    }
}

#[test]
fn other_invisible_characters_and_control_characters_are_refused() {
    let cases = [
        (r#"message: "a\u200Bb""#, "U+200B ZERO WIDTH SPACE at character 2"),
        (r#"message: "a\u2066b""#, "U+2066 LEFT-TO-RIGHT ISOLATE at character 2"),
        (r#"message: "ab\u00ADc""#, "U+00AD SOFT HYPHEN at character 3"),
        (
            r#"message: "a\uFEFFb""#,
            "U+FEFF ZERO WIDTH NO-BREAK SPACE at character 2",
        ),
        (r#"message: "a\e[31mred""#, "U+001B ESCAPE at character 2"),
        (r#"message: "a\0b""#, "U+0000 NULL at character 2"),
        // Escaped, so the loader's raw-character check lets them through to here.
        (r#"message: "a\u2028b""#, "U+2028 LINE SEPARATOR at character 2"),
        (r#"message: "a\u2029b""#, "U+2029 PARAGRAPH SEPARATOR at character 2"),
    ];
    for (line, expected) in cases {
        let text = edited("message: Something broke", line);
        let message = message_at(&refused(&text), "categories[0].codes[0].message");
        assert!(message.contains(expected), "{line}: {message}");
    }
}

#[test]
fn a_line_break_is_prose_only() {
    let text = edited("message: Something broke", r#"message: "Something\nbroke\ttoday""#);
    assert!(errcat_codegen::Generator::from_spec_text(&text, "spec.yaml").is_ok());
    let found = refused(&edited("title: Internal Errors", r#"title: "Internal\nErrors""#));
    assert_eq!(
        message_at(&found, "categories[0].title"),
        "this text holds U+000A LINE FEED at character 9: this field is one line of text"
    );
}

#[test]
fn a_since_that_smuggles_a_doctest_is_refused() {
    let since = r#"since: "1.0.0-x\n\n```\nfn main() { std::process::abort() }\n```""#;
    let message = message_at(&refused(&with_code_key(since)), "categories[0].codes[0].since");
    assert!(message.contains("U+000A LINE FEED at character 8"), "{message}");
    // Without the line breaks it is still no version.
    let since = r#"since: "1.0.0-x ```fn main() { std::process::abort() }```""#;
    let message = message_at(&refused(&with_code_key(since)), "categories[0].codes[0].since");
    assert!(message.contains("is not a semver version"), "{message}");
}

#[test]
fn a_since_holding_html_is_refused() {
    let since = r#"since: "1.0.0-<img src=x onerror=alert(1)>""#;
    let message = message_at(&refused(&with_code_key(since)), "categories[0].codes[0].since");
    assert!(message.contains("is not a semver version"), "{message}");
}

#[test]
fn versions_cargo_would_refuse_are_refused() {
    for version in [
        r#""1.0.0-<b>\"x""#,
        "01.2.3",
        "1.02.3",
        "1.2.3-01",
        "1.2.3-",
        "1.2.3+",
        "1.2.3-a..b",
        "1.2",
    ] {
        let found = refused(&with_top_level(&format!("version: {version}")));
        let message = message_at(&found, "version");
        assert!(message.contains("is not a semver version"), "{version}: {message}");
    }
}

#[test]
fn strict_semver_versions_with_pre_release_and_build_metadata_are_kept() {
    let text = with_top_level("version: 1.2.3-rc.1+build.007");
    let model =
        errcat_codegen::Generator::from_spec_text(&with_code_key_in(&text, "since: 1.0.0-alpha.0"), "spec.yaml")
            .unwrap()
            .into_model();
    assert_eq!(model.version().to_string(), "1.2.3-rc.1+build.007");
    assert_eq!(model.codes[0].since.as_ref().unwrap().to_string(), "1.0.0-alpha.0");
}

#[test]
fn a_docs_url_that_would_break_a_markdown_link_is_refused() {
    for url in [
        r#""https://docs.example/<script>""#,
        r#""https://docs.example/a>b""#,
        r#""https://docs.example/a b""#,
        r#""https://docs.example/a\tb""#,
        r#""https://docs.example/a`b""#,
        r#""https://docs.example/a\"b""#,
        r#""https://docs.ex\nample/errors""#,
        r#""https://docs.example/a\\b""#,
        r#""https://docs.example/%zz""#,
        "https://",
        "https:docs.example",
        "ftp://docs.example/errors",
        "https://docs.example/errors#top",
        "https://user:secret@docs.example/errors",
        "https://docs.example:99999/errors",
    ] {
        let found = refused(&edited(
            "docs_url: https://tiny.example/errors",
            &format!("docs_url: {url}"),
        ));
        message_at(&found, "docs_url");
    }
}

#[test]
fn a_docs_url_is_kept_as_its_parsed_form_and_every_code_links_into_it() {
    let text = edited(
        "docs_url: https://tiny.example/errors",
        "docs_url: HTTPS://Tiny.Example/errors/(v1)?lang=en",
    );
    let model = errcat_codegen::Generator::from_spec_text(&text, "spec.yaml")
        .unwrap()
        .into_model();
    assert_eq!(model.docs_url, "https://tiny.example/errors/(v1)?lang=en");
    assert_eq!(
        model.codes[0].doc_url,
        "https://tiny.example/errors/(v1)?lang=en#internal_error"
    );
}

#[test]
fn crate_names_that_break_cargo_or_the_crate_tests_are_refused_with_a_suggestion() {
    for name in [
        "std",
        "core",
        "alloc",
        "test",
        "proc_macro",
        "proc-macro",
        "build",
        "deps",
        "examples",
        "incremental",
        "con",
        "NUL",
        "lpt1",
        "self",
        "async",
    ] {
        let found = refused(&edited("crate: tiny-errors", &format!("crate: {name}")));
        let message = message_at(&found, "crate");
        assert!(message.contains(&format!("`{name}`")), "{name}: {message}");
        let help = found.iter().find_map(|d| d.help.clone()).unwrap_or_default();
        let suggestion = format!("{}-errors", name.to_lowercase());
        assert!(help.contains(&suggestion), "{name}: {help}");
    }
}

#[test]
fn a_crate_name_longer_than_64_characters_is_refused() {
    let at_limit = format!("a{}", "b".repeat(63));
    assert!(
        errcat_codegen::Generator::from_spec_text(
            &edited("crate: tiny-errors", &format!("crate: {at_limit}")),
            "spec.yaml"
        )
        .is_ok()
    );
    let found = refused(&edited("crate: tiny-errors", &format!("crate: {at_limit}b")));
    let message = message_at(&found, "crate");
    assert!(message.contains("65 characters"), "{message}");
}

/// Generates the `odd_strings` fixture (every nasty string that stays allowed)
/// into a temporary folder and returns its files.
fn odd_strings_outputs() -> Vec<(String, String)> {
    let spec = crate::support::workspace().join("tests/fixtures/odd_strings.yaml");
    let dir = tempfile::tempdir().unwrap();
    let run = crate::support::xtask(&[&"codegen", &"--spec", &spec, &"--out", &dir.path()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    crate::support::read_tree(dir.path())
}

fn output<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    let wanted = Path::new(path);
    files
        .iter()
        .find(|(name, _)| Path::new(name) == wanted)
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("no {path}"))
}

#[test]
fn hostile_text_leaves_every_rust_file_parsing_and_no_doc_comment_with_code() {
    let files = odd_strings_outputs();
    let rust: Vec<_> = files
        .iter()
        .filter(|(name, _)| name.ends_with(".rs"))
        .map(|(name, text)| (name.replace('\\', "/"), text))
        .collect();
    assert!(rust.len() > 5);
    for (name, text) in rust {
        syn::parse_file(text).unwrap_or_else(|err| panic!("{name}: {err}"));
        // The runtime templates hold hand-written examples; catalogue text lands in the rest.
        if !errcat_codegen::render::depends_on_catalogue(&name) {
            continue;
        }
        for line in doc_lines(text) {
            assert!(!line.contains("```"), "{name}: a doc line holds a code fence: {line}");
            assert!(
                !line.starts_with("    "),
                "{name}: an indented doc line is a code block: {line:?}"
            );
        }
    }
}

/// The text of every `///` and `//!` line of a file (prettyplease prints
/// `#[doc]` attributes as such lines).
fn doc_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            line.strip_prefix("///").or_else(|| line.strip_prefix("//!"))
        })
        .map(|doc| doc.strip_prefix(' ').unwrap_or(doc))
        .collect()
}

#[test]
fn hostile_text_leaves_no_raw_html_in_the_markdown() {
    let files = odd_strings_outputs();
    let page = output(&files, "docs/errors.md");
    // The generator's own markup: its header, line breaks, anchors and the autolink to the docs.
    let own = [
        "<!-- @generated",
        "<br>",
        "<a id=\"",
        "</a>",
        "<https://",
        "<code in lower case>`",
    ];
    for (at, _) in page.match_indices('<') {
        let rest = &page[at..];
        assert!(
            own.iter().any(|tag| rest.starts_with(tag)),
            "raw `<` from catalogue text in errors.md: {:?}",
            &rest[..rest.len().min(40)]
        );
    }
    assert!(
        page.contains("&lt;script&gt;"),
        "the catalogue's <script> is shown as text"
    );

    // OpenAPI descriptions are CommonMark too.
    let openapi: serde_yaml::Value = serde_yaml::from_str(output(&files, "docs/openapi.yaml")).unwrap();
    let mut descriptions = Vec::new();
    collect_descriptions(&openapi, &mut descriptions);
    assert!(descriptions.len() > 5);
    for description in descriptions {
        for (at, _) in description.match_indices('<') {
            let rest = &description[at..];
            assert!(
                rest.starts_with("<br>") || rest.starts_with("<https://"),
                "raw `<` in an OpenAPI description: {description:?}"
            );
        }
    }
}

/// Every `description` string in a YAML tree.
fn collect_descriptions<'a>(value: &'a serde_yaml::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_yaml::Value::Mapping(members) => {
            for (key, member) in members {
                match (key.as_str(), member.as_str()) {
                    (Some("description"), Some(text)) => out.push(text),
                    _ => collect_descriptions(member, out),
                }
            }
        }
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|item| collect_descriptions(item, out)),
        _ => {}
    }
}

#[test]
fn hostile_text_round_trips_exactly_through_the_json_and_yaml_outputs() {
    let spec_text =
        std::fs::read_to_string(crate::support::workspace().join("tests/fixtures/odd_strings.yaml")).unwrap();
    let spec: serde_yaml::Value = serde_yaml::from_str(&spec_text).unwrap();
    let files = odd_strings_outputs();
    let json: serde_json::Value = serde_json::from_str(output(&files, "docs/errors.json")).unwrap();
    let openapi: serde_yaml::Value = serde_yaml::from_str(output(&files, "docs/openapi.yaml")).unwrap();

    assert_eq!(json["name"].as_str(), spec["name"].as_str());
    assert_eq!(
        openapi["info"]["title"].as_str().map(str::to_owned),
        spec["name"].as_str().map(|name| format!("{name} errors"))
    );
    let spec_codes = spec["categories"]
        .as_sequence()
        .unwrap()
        .iter()
        .flat_map(|category| category["codes"].as_sequence().unwrap());
    let json_codes = json["codes"].as_array().unwrap();
    for (spec_code, json_code) in spec_codes.zip(json_codes) {
        let code = spec_code["code"].as_str().unwrap();
        for key in ["message", "resolution", "deprecated"] {
            assert_eq!(json_code[key].as_str(), spec_code[key].as_str(), "{code}.{key}");
        }
        let status = spec_code["status"].as_u64().unwrap();
        let example = &openapi["components"]["responses"][format!("Error{status}")]["content"]["application/json"]["examples"]
            [code];
        assert_eq!(example["summary"].as_str(), spec_code["message"].as_str(), "{code}");
        if let Some(spec_example) = spec_code.get("example") {
            assert_eq!(&example["value"], spec_example, "{code}");
            let spec_example: serde_json::Value = serde_yaml::from_value(spec_example.clone()).unwrap();
            assert_eq!(json_code["example"], spec_example, "{code}");
        }
    }
}
