//! Renders the benchmark subjects into `OUT_DIR`, so that both sides of every
//! comparison see the same codes and no large generated file is committed:
//!
//! - `synthetic/*.rs`: the enum modules of the crate generated from the
//!   2,000-code synthetic catalogue (`cargo xtask synth 2000`), exactly as
//!   the generator writes them;
//! - `synthetic_10000.rs`, `mixed.rs`, `integer.rs`: the whole crates of
//!   the 10,000-code synthetic catalogue, of 2,000 codes in the mixed style
//!   (lower_snake and PascalCase `…Exception`) and of 2,000 integer codes, each
//!   as the one module `errcat::catalogue!` would expand to, over the runtime
//!   crate;
//! - `hand_written_*.rs`: the enum a user would write instead for each of
//!   those catalogues and for OFAuth's, with strum's and serde's derives (and
//!   for the integer codes, a `match` from the integer).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use errcat_codegen::synth::CodeStyle;
use errcat_codegen::{Generator, Model, RuntimeMode, synth};

/// Codes in the synthetic catalogue: far more than any real API has.
const SYNTHETIC_CODES: usize = 2_000;

/// The other catalogues, each rendered whole as one module named after it:
/// (module, codes, style).
const MODULES: [(&str, usize, CodeStyle); 3] = [
    ("synthetic_10000", 10_000, CodeStyle::UpperSnake),
    ("mixed", 2_000, CodeStyle::Mixed),
    ("integer", 2_000, CodeStyle::Integer),
];

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

    for (name, codes, style) in MODULES {
        let generator = Generator::from_spec_text(&synth::synthetic_catalogue_styled(codes, style), "synthetic.yaml")
            .unwrap_or_else(|err| panic!("{err}"))
            .runtime(RuntimeMode::Crate);
        let module = generator.render_module().unwrap_or_else(|err| panic!("{err}"));
        write(&out.join(format!("{name}.rs")), &module);
        write(
            &out.join(format!("hand_written_{name}.rs")),
            &hand_written(&generator.into_model()),
        );
    }
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
    if model.codes.iter().all(|code| code.code.parse::<i64>().is_ok()) {
        text.push_str(
            "\nimpl HandWrittenCode {\n    /// The code sent as `code`, by a `match` on the integers.\n    \
             pub fn from_i64(code: i64) -> Option<HandWrittenCode> {\n        Some(match code {\n",
        );
        for code in &model.codes {
            let _ = writeln!(text, "            {} => HandWrittenCode::{},", code.code, code.variant);
        }
        text.push_str("            _ => return None,\n        })\n    }\n}\n");
    }
    text
}

fn write(path: &Path, contents: &str) {
    std::fs::write(path, contents).unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
}
