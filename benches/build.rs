//! Renders the benchmark subjects into `OUT_DIR`, so that both sides of every
//! comparison see the same codes and no large generated file is committed:
//!
//! - `synthetic/*.rs`: the enum modules of the crate generated from the
//!   2,000-code synthetic catalogue (`cargo xtask synth 2000`), exactly as
//!   the generator writes them;
//! - `hand_written_{ofauth,synthetic}.rs`: the enum a user would write instead
//!   for the OFAuth catalogue and for the synthetic one, with strum's and
//!   serde's derives.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use errcat_codegen::{Generator, Model, synth};

/// Codes in the synthetic catalogue: far more than any real API has.
const SYNTHETIC_CODES: usize = 2_000;

/// The generated crate's modules the benchmarks include: the enums and their
/// lookups and wire forms, without the runtime.
const ENUM_MODULES: [&str; 4] = ["src/category.rs", "src/code.rs", "src/retry.rs", "src/wire.rs"];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/errors.yaml");
    println!("cargo::rerun-if-changed={}", spec.display());

    let ofauth = Generator::from_spec_file_labelled(&spec, "spec/errors.yaml")
        .unwrap_or_else(|err| panic!("{err}"))
        .into_model();
    let synthetic = Generator::from_spec_text(&synth::synthetic_catalogue(SYNTHETIC_CODES), "synthetic.yaml")
        .unwrap_or_else(|err| panic!("{err}"));

    let generated = out.join("synthetic");
    std::fs::create_dir_all(&generated).expect("OUT_DIR is writable");
    let files = synthetic.render().unwrap_or_else(|err| panic!("{err}"));
    for file in files.iter().filter(|file| ENUM_MODULES.contains(&file.path.as_str())) {
        let name = file.path.strip_prefix("src/").expect("every enum module is in src/");
        write(&generated.join(name), &file.contents);
    }
    let synthetic = synthetic.into_model();
    write(&out.join("hand_written_ofauth.rs"), &hand_written(&ofauth));
    write(&out.join("hand_written_synthetic.rs"), &hand_written(&synthetic));
}

/// The hand-written alternative: a unit enum whose string conversions come
/// from `#[derive(strum::EnumString, strum::IntoStaticStr)]` and whose JSON
/// form comes from `#[derive(serde::Serialize, serde::Deserialize)]`.
fn hand_written(model: &Model) -> String {
    let mut text = String::from(
        "/// The catalogue's codes with derived conversions, as users write them by hand.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, serde::Serialize, serde::Deserialize)]\n\
         pub enum HandWrittenCode {\n",
    );
    for code in &model.codes {
        let _ = writeln!(
            text,
            "    #[strum(serialize = {wire:?})]\n    #[serde(rename = {wire:?})]\n    {variant},",
            wire = code.code,
            variant = code.variant
        );
    }
    text.push_str("}\n");
    text
}

fn write(path: &Path, contents: &str) {
    std::fs::write(path, contents).unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
}
