//! `synth N`: a synthetic catalogue for benchmarks and scale tests.

use std::io::Write;

use errcat_codegen::synth::{SYNTHETIC_MARKER, synthetic_catalogue_styled};

use crate::args::SynthOptions;
use crate::{FAILURE, SUCCESS};

pub fn synth(options: &SynthOptions, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let text = synthetic_catalogue_styled(options.codes, options.style);
    let Some(out) = &options.out else {
        let _ = stdout.write_all(text.as_bytes());
        return SUCCESS;
    };
    // Never overwrite a catalogue somebody wrote by hand.
    if let Ok(existing) = std::fs::read(out)
        && !existing.starts_with(SYNTHETIC_MARKER.as_bytes())
        && !options.force
    {
        let _ = writeln!(
            stderr,
            "error: {} exists and is not a synthetic catalogue\n  = help: choose another --out, or pass --force to overwrite it",
            out.display()
        );
        return FAILURE;
    }
    match std::fs::write(out, &text) {
        Ok(()) => {
            let _ = writeln!(
                stdout,
                "{}: {} codes, {} bytes",
                out.display(),
                options.codes,
                text.len()
            );
            SUCCESS
        }
        Err(err) => {
            let _ = writeln!(stderr, "error: cannot write {}: {err}", out.display());
            FAILURE
        }
    }
}
