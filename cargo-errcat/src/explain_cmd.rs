//! `explain CODE`: one code's entry, like `rustc --explain`.

use std::io::Write;
use std::path::Path;

use errcat_codegen::DEFAULT_SPEC;

use crate::args::ExplainOptions;
use crate::{FAILURE, SUCCESS, load_model, resolve};

pub fn explain(options: &ExplainOptions, workspace: &Path, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let (spec, spec_label) = resolve(&options.spec, DEFAULT_SPEC, workspace);
    let Some(model) = load_model(&spec, &spec_label, stderr) else {
        return FAILURE;
    };
    match errcat_codegen::explain::explain(&model, &options.code) {
        Ok(text) => {
            let _ = stdout.write_all(text.as_bytes());
            SUCCESS
        }
        Err(nearest) => {
            let _ = writeln!(
                stderr,
                "error: `{}` is not a code of the {}",
                options.code, model.api_name
            );
            let help = match nearest.as_slice() {
                [] => format!("the codes are listed in {spec_label}"),
                [one] => format!("did you mean `{one}`?"),
                many => format!(
                    "did you mean one of {}?",
                    many.iter()
                        .map(|code| format!("`{code}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let _ = writeln!(stderr, "  = help: {help}");
            FAILURE
        }
    }
}
