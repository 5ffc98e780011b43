//! Every broken catalogue under `tests/fixtures/invalid/` stops the generator
//! with exactly the message pinned in `tests/snapshots/invalid/`, exit code 1,
//! and nothing written: one test per fixture.

use crate::support;

/// One test per case, named after its fixture, and the list of them all.
macro_rules! refused {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                assert_refused_with_its_pinned_message(stringify!($case));
            }
        )*

        const CASES: &[&str] = &[$(stringify!($case)),*];
    };
}

refused! {
    allow_unknown_warning,
    allow_unused,
    billion_laughs,
    category_duplicate_id,
    category_duplicate_prefix,
    category_ident_collision,
    category_prefix_empty,
    code_doc_url_relative,
    code_duplicate,
    code_ident_collision,
    code_name_not_upper_camel,
    code_name_required,
    code_names_collide,
    code_not_an_integer,
    code_surrounding_whitespace,
    code_wrong_prefix,
    crate_name_too_long,
    crate_reserved,
    deep_nesting,
    default_secs_over_a_day,
    default_secs_zero,
    docs_url_breaks_markdown,
    docs_url_fragment_without_placeholder,
    docs_url_relative,
    docs_url_unknown_placeholder,
    empty,
    empty_message_and_resolution,
    example_undocumented_member,
    example_wrong_code,
    example_wrong_type,
    field_errors_entry_not_an_object,
    field_errors_member_a_pointer,
    field_errors_member_undocumented,
    field_errors_star_after_an_object,
    field_errors_star_without_items,
    ident_invalid,
    ident_keyword,
    many_problems,
    missing_key,
    not_utf8,
    not_yaml,
    response_fields_under_non_object,
    response_type_unknown,
    response_value_of_the_wrong_type,
    response_value_on_an_object,
    response_value_where_a_part_points,
    retry_invalid,
    retry_throttled_on_500,
    retry_transient_on_404,
    runtime_unknown_mode,
    schema_unknown,
    status_duplicate_row,
    status_in_words,
    status_missing_row,
    status_not_an_error,
    status_out_of_range,
    status_quoted,
    status_success_warned,
    text_invisible_controls,
    top_level_list,
    unknown_key,
    version_not_semver,
    wire_category_lands_nowhere,
    wire_code_field_wrong_type,
    wire_code_type_unknown,
    wire_details_field_wrong_type,
    wire_doc_url_field_wrong_type,
    wire_part_inside_another,
    wire_parts_share_a_place,
    wire_pointer_lands_nowhere,
    wire_pointer_not_rfc6901,
    wire_status_field_wrong_type,
}

/// Runs `cargo xtask codegen --deny-warnings` on the fixture `case` into an
/// empty folder: exit 1, nothing on stdout, nothing written, and stderr equal
/// to the snapshot (paths relative to the workspace).
fn assert_refused_with_its_pinned_message(case: &str) {
    let workspace = support::workspace();
    let prefix = format!("{}{}", workspace.display(), std::path::MAIN_SEPARATOR);
    let spec = workspace.join(format!("tests/fixtures/invalid/{case}.yaml"));
    let out = tempfile::tempdir().unwrap();
    let run = support::xtask(&[&"codegen", &"--deny-warnings", &"--spec", &spec, &"--out", &out.path()]);
    assert_eq!(run.status, 1, "{case} was not refused:\n{}", run.stderr);
    assert_eq!(run.stdout, "", "{case}");
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "{case}: something was written"
    );
    let label = spec.display().to_string().replace(&prefix, "");
    insta::with_settings!({
        prepend_module_to_snapshot => false,
        snapshot_path => "snapshots/invalid",
        description => format!("cargo xtask codegen --deny-warnings --spec {label}"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(case, run.stderr.replace(&prefix, ""));
    });
}

#[test]
fn every_fixture_has_its_test_and_every_snapshot_its_fixture() {
    let mut fixtures: Vec<String> = std::fs::read_dir(support::workspace().join("tests/fixtures/invalid"))
        .unwrap()
        .map(|entry| {
            entry
                .unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    fixtures.sort();
    assert_eq!(fixtures, CASES, "add a line to `refused!` for each fixture");
    support::assert_snapshot_folder_holds_exactly("snapshots/invalid", CASES.iter().map(|case| format!("{case}.snap")));
}
