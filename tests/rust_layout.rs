//! Every Rust file the generator renders is laid out exactly as prettyplease
//! prints it, although most of it is written as text: a file that prettyplease
//! would print differently, or that does not parse, fails here. Checked on
//! the OFAuth catalogue, every fixture (hostile strings, integer codes…),
//! the real APIs' catalogues and synthetic ones of several sizes and every
//! code style.

use std::path::Path;

use errcat_codegen::parse_spec;
use errcat_codegen::render::OUTPUTS;
use errcat_codegen::synth::{self, CodeStyle};

use crate::support;

/// The paths of the rendered files that differ from prettyplease's layout
/// of themselves, each with its first differing line, or that do not parse.
fn misprinted_files(catalogue: &str, label: &str) -> Vec<String> {
    let model = parse_spec(catalogue, label).unwrap_or_else(|err| panic!("{err}")).model;
    let mut misprinted = Vec::new();
    for (path, render) in OUTPUTS.iter().filter(|(path, _)| path.ends_with(".rs")) {
        let body = render(&model);
        let reprinted = match syn::parse_file(&body) {
            Ok(file) => prettyplease::unparse(&file),
            Err(err) => {
                misprinted.push(format!("{label} {path}: does not parse: {err}"));
                continue;
            }
        };
        if reprinted != body {
            let (line, (written, printed)) = body
                .lines()
                .zip(reprinted.lines())
                .enumerate()
                .find(|(_, (written, printed))| written != printed)
                .unwrap_or((body.lines().count().min(reprinted.lines().count()), ("<end>", "<end>")));
            misprinted.push(format!(
                "{label} {path} line {}:\n  written: {written}\n  printed: {printed}",
                line + 1
            ));
        }
    }
    misprinted
}

fn assert_laid_out_as_prettyplease_prints(catalogues: impl IntoIterator<Item = (String, String)>) {
    // One thread per catalogue: reprinting the large ones is most of the time.
    let misprinted: Vec<String> = std::thread::scope(|scope| {
        let checks: Vec<_> = catalogues
            .into_iter()
            .map(|(label, text)| scope.spawn(move || misprinted_files(&text, &label)))
            .collect();
        checks.into_iter().flat_map(|check| check.join().unwrap()).collect()
    });
    assert!(misprinted.is_empty(), "{}", misprinted.join("\n"));
}

fn spec(path: &Path) -> (String, String) {
    let label = path.file_name().unwrap().to_string_lossy().into_owned();
    (label, std::fs::read_to_string(path).unwrap())
}

#[test]
fn rust_files_of_the_real_and_hostile_catalogues_are_laid_out_as_prettyplease_prints() {
    let mut specs = support::all_specs();
    specs.extend(support::real_specs());
    assert_laid_out_as_prettyplease_prints(specs.iter().map(|path| spec(path)));
}

#[test]
fn rust_files_of_synthetic_catalogues_of_every_code_style_are_laid_out_as_prettyplease_prints() {
    let catalogues = [CodeStyle::UpperSnake, CodeStyle::Mixed, CodeStyle::Integer]
        .into_iter()
        .flat_map(|style| {
            [1, 129, 2_000].map(|codes| {
                let label = format!("synthetic {} {codes}", style.name());
                (label, synth::synthetic_catalogue_styled(codes, style))
            })
        });
    assert_laid_out_as_prettyplease_prints(catalogues);
}
