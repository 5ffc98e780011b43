//! Renders the benchmark subjects into `OUT_DIR`, so that both sides of every
//! comparison see the same codes and no large generated file is committed:
//!
//! - `synthetic/*.rs`: the enum modules of the crate generated from the
//!   2,000-code synthetic catalogue (`cargo xtask synth 2000`), by the
//!   generator's own renderers;
//! - `hand_written_{ofauth,synthetic}.rs`: the enum a user would write instead
//!   for the OFAuth catalogue and for the synthetic one, with strum's and
//!   serde's derives.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use errcat_codegen::render::{render_category_rs, render_code_rs, render_retry_rs, render_wire_rs};
use errcat_codegen::{Model, synth};

/// Codes in the synthetic catalogue: far more than any real API has.
const SYNTHETIC_CODES: usize = 2_000;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/errors.yaml");
    println!("cargo::rerun-if-changed={}", spec.display());

    let ofauth = errcat_codegen::load_spec(&spec, "spec/errors.yaml")
        .expect("spec/errors.yaml is valid")
        .model;
    let synthetic = errcat_codegen::parse_spec(&synth::synthetic_catalogue(SYNTHETIC_CODES), "synthetic.yaml")
        .expect("synthetic catalogues are valid")
        .model;

    let generated = out.join("synthetic");
    std::fs::create_dir_all(&generated).expect("OUT_DIR is writable");
    for (file, render) in [
        ("category.rs", render_category_rs as fn(&Model) -> String),
        ("code.rs", render_code_rs),
        ("retry.rs", render_retry_rs),
        ("wire.rs", render_wire_rs),
    ] {
        write(&generated.join(file), &render(&synthetic));
    }
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
