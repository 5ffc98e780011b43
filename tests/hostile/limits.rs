//! Loading is bounded by bytes, not only by nodes: a spec file past
//! `MAX_SPEC_BYTES`, aliases that expand past `MAX_EXPANDED_BYTES`, one value
//! past `MAX_SCALAR_BYTES`, long keys whose paths add up past `MAX_MAPPED_BYTES`,
//! an endless stream, a folder or a device as the spec,
//! and `synth` with an absurd count are each refused with a message naming what
//! and where, before anything expensive runs. The YAML front end accepts a
//! leading byte-order mark and refuses what it would otherwise misread: tags and
//! raw line-separator characters.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{workspace, xtask};

/// The smallest valid catalogue, to build each case from.
fn single_code() -> String {
    std::fs::read_to_string(workspace().join("tests/fixtures/single_code.yaml")).unwrap()
}

/// `text` saved as `spec.yaml` in a fresh folder.
fn spec_file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.yaml");
    std::fs::write(&spec, text).unwrap();
    (dir, spec)
}

/// Runs `cargo xtask codegen --spec SPEC` into an empty folder beside it and
/// asserts it is refused with nothing written; returns stderr with the folder
/// written as `<tmp>`.
fn refused(spec: &Path) -> String {
    let dir = spec.parent().unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = xtask(&[&"codegen", &"--spec", &spec, &"--out", &out.path()]);
    assert_eq!(run.status, 1, "not refused:\n{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "something was written"
    );
    run.stderr.replace(&dir.display().to_string(), "<tmp>")
}

/// A catalogue of `uses` codes sharing one anchored message of `bytes` bytes.
fn shared_message(bytes: usize, uses: usize) -> String {
    let mut text = single_code().replace(
        "message: Something broke",
        &format!("message: &big \"{}\"", "a".repeat(bytes)),
    );
    for index in 1..uses {
        text += &format!(
            "      - code: INTERNAL_E{index}\n        status: 500\n        message: *big\n        resolution: Retry later\n        retry: transient\n"
        );
    }
    text
}

#[test]
fn a_megabyte_string_shared_by_a_hundred_codes_is_refused_before_it_is_expanded() {
    let (_dir, spec) = spec_file(&shared_message(1_000_000, 100));
    insta::assert_snapshot!(refused(&spec));
}

#[test]
fn aliases_that_expand_past_the_byte_limit_are_refused_at_the_alias() {
    // 60,000 bytes is under the limit for one value; 150 uses of it are 9 MB.
    let (_dir, spec) = spec_file(&shared_message(60_000, 150));
    insta::assert_snapshot!(refused(&spec));
}

#[test]
fn a_catalogue_with_an_unknown_key_is_refused_at_the_alias_before_any_parse_expands_it() {
    let text = shared_message(60_000, 150).replace("retry: transient\n", "retry: transient\n        mesage: typo\n");
    let (_dir, spec) = spec_file(&text);
    let stderr = refused(&spec);
    assert!(stderr.contains("expand the catalogue past 8388608 bytes"), "{stderr}");
    assert!(
        stderr.ends_with("the catalogue has 1 problem; nothing was written\n"),
        "{stderr}"
    );
}

#[test]
fn a_value_over_the_length_limit_is_refused_with_its_key_path() {
    let text = single_code().replace(
        "resolution: Retry later",
        &format!("resolution: {}", "b".repeat(70_000)),
    );
    let (_dir, spec) = spec_file(&text);
    insta::assert_snapshot!(refused(&spec));
}

#[test]
fn long_keys_over_many_values_are_refused_before_their_paths_fill_memory() {
    // A 120 kB file whose 1 KiB keys repeat in the path of each of 40,000
    // values below them: 80 MB of paths for the source map.
    let mut text = single_code() + "? " + &"k".repeat(1024) + "\n:\n";
    for index in 0..40_000 {
        text += &format!("  v{index}: 1\n");
    }
    let (_dir, spec) = spec_file(&text);
    insta::assert_snapshot!(refused(&spec));
}

#[test]
fn thousands_of_problems_on_one_long_line_are_placed_without_copying_it() {
    // A minified catalogue: one 1 MB line with 2,000 unknown keys used to copy
    // the line for each of them (2 GB).
    let keys: String = (0..2_000).map(|index| format!(", x{index}: 1")).collect();
    let line = format!("{{schema: 1{keys}}}{}", " ".repeat(1_000_000));
    let err = errcat_codegen::Generator::from_spec_text(&line, "min.yaml").unwrap_err();
    let errcat_codegen::Error::Invalid(found) = &err else {
        panic!("{err}")
    };
    let unknown: Vec<_> = found
        .iter()
        .filter(|problem| problem.message.starts_with("unknown key"))
        .collect();
    assert_eq!(unknown.len(), 2_000);
    assert!(unknown.iter().all(|problem| problem.source_line.is_none()));
    let column = line.find("x1999:").unwrap() + 1;
    assert_eq!(
        unknown[1_999].to_string().lines().nth(1),
        Some(format!("--> min.yaml:1:{column}").as_str())
    );
}

#[test]
fn a_spec_file_over_the_size_limit_is_refused_by_its_size_unread() {
    let (_dir, spec) = spec_file("");
    // Sparse: 200 MB that take no disk and would take minutes to parse.
    std::fs::File::options()
        .write(true)
        .open(&spec)
        .unwrap()
        .set_len(200_000_000)
        .unwrap();
    insta::assert_snapshot!(refused(&spec));
}

#[test]
fn a_catalogue_in_memory_over_the_size_limit_is_refused() {
    let text = format!(
        "{}# {}\n",
        single_code(),
        "x".repeat(errcat_codegen::load::MAX_SPEC_BYTES)
    );
    let err = errcat_codegen::Generator::from_spec_text(&text, "big.yaml")
        .unwrap_err()
        .to_string();
    let expected = format!(
        "error: the catalogue is too large: it is {} bytes, past the limit of 8388608 bytes",
        text.len()
    );
    assert!(err.starts_with(&expected), "{err}");
}

#[test]
fn a_device_as_the_spec_is_refused_without_reading_it() {
    let run = xtask(&[&"codegen", &"--check", &"--spec", &"/dev/zero"]);
    assert_eq!(run.status, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn compat_against_a_device_is_refused_without_reading_it() {
    let run = xtask(&[&"compat", &"--against", &"/dev/zero"]);
    assert_eq!(run.status, 1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_folder_as_the_spec_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let (_out, out) = spec_file("");
    let run = xtask(&[&"codegen", &"--spec", &dir.path(), &"--out", &out.parent().unwrap()]);
    assert_eq!(run.status, 1);
    insta::assert_snapshot!(run.stderr.replace(&dir.path().display().to_string(), "<tmp>"));
}

/// A named pipe in a fresh folder, fed `contents` and then, when `endless`,
/// blanks until the reader goes away.
fn fifo_fed_with(contents: String, endless: bool) -> (tempfile::TempDir, PathBuf, std::thread::JoinHandle<()>) {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("spec.yaml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut pipe = std::fs::File::options().write(true).open(path).unwrap();
        let _ = pipe.write_all(contents.as_bytes());
        let blanks = [b' '; 64 * 1024];
        // Stops with a broken pipe once the reader has closed its end.
        while endless && pipe.write_all(&blanks).is_ok() {}
    });
    (dir, fifo, writer)
}

#[test]
fn an_endless_stream_as_the_spec_stops_at_the_size_limit() {
    let (_dir, fifo, writer) = fifo_fed_with(single_code(), true);
    let stderr = refused(&fifo);
    writer.join().unwrap();
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_catalogue_piped_through_a_fifo_is_read() {
    let (_dir, fifo, writer) = fifo_fed_with(single_code(), false);
    let out = tempfile::tempdir().unwrap();
    let run = xtask(&[&"codegen", &"--spec", &fifo, &"--out", &out.path()]);
    writer.join().unwrap();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(out.path().join("src/code.rs").is_file());
}

#[test]
fn synth_refuses_a_count_past_its_limit_without_overflow_or_allocation() {
    let messages: Vec<String> = [
        "18446744073709551615",
        "100000000000",
        "99999999999999999999999",
        "50001",
        "0",
    ]
    .iter()
    .map(|count| {
        let run = xtask(&[&"synth", count]);
        assert_eq!((run.status, run.stdout.as_str()), (2, ""), "synth {count}");
        run.stderr
    })
    .collect();
    insta::assert_snapshot!(messages.join("---\n"));
}

#[test]
fn synth_writes_its_largest_catalogue_and_it_loads_within_the_limit() {
    let run = xtask(&[&"synth", &errcat_codegen::synth::MAX_CODES.to_string()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.len() <= errcat_codegen::load::MAX_SPEC_BYTES,
        "{} bytes",
        run.stdout.len()
    );
}

#[test]
fn synth_help_states_its_limit() {
    let run = xtask(&[&"help", &"synth"]);
    let limit = format!("1 to {}", errcat_codegen::synth::MAX_CODES);
    assert!(run.stdout.contains(&limit), "{}", run.stdout);
}

#[test]
fn a_bom_at_the_start_is_accepted() {
    let (_dir, spec) = spec_file(&format!("\u{feff}{}", single_code()));
    let out = tempfile::tempdir().unwrap();
    let run = xtask(&[&"codegen", &"--deny-warnings", &"--spec", &spec, &"--out", &out.path()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn positions_after_a_bom_are_counted_as_an_editor_shows_them() {
    let text = format!(
        "\u{feff}{}",
        single_code().replacen("# The smallest", "nmae: x\n# The smallest", 1)
    );
    let (_dir, spec) = spec_file(&text);
    insta::assert_snapshot!(refused(&spec));
}

#[test]
fn a_str_tag_on_a_status_is_refused_naming_the_tag() {
    let (_dir, spec) =
        spec_file(&single_code().replace("status: 500\n        message", "status: !!str 500\n        message"));
    insta::assert_snapshot!(refused(&spec));
}

#[test]
fn a_binary_tag_on_a_message_is_refused_naming_the_tag() {
    let text = single_code().replace(
        "message: Something broke",
        "message: !!binary |\n          U29tZXRoaW5nIGJyb2tl",
    );
    let (_dir, spec) = spec_file(&text);
    insta::assert_snapshot!(refused(&spec));
}

#[test]
fn a_custom_tag_on_a_key_is_refused_naming_the_tag() {
    let (_dir, spec) = spec_file(&single_code().replace("resolution: Retry later", "!custom resolution: Retry later"));
    insta::assert_snapshot!(refused(&spec));
}

#[test]
fn a_raw_line_separator_is_refused_naming_the_character_and_where() {
    let (_dir, spec) = spec_file(&single_code().replace("Something broke", "Something\u{2028}broke"));
    insta::assert_snapshot!(refused(&spec));
}
