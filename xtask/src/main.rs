//! `cargo xtask …`: the `cargo-errcat` command line, with default paths below
//! this workspace's root so they work from any folder inside it. See
//! `cargo xtask --help`.

use std::path::Path;
use std::process::ExitCode;

use cargo_errcat::Frontend;

fn main() -> ExitCode {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new("."));
    let status = cargo_errcat::run(
        std::env::args_os().skip(1),
        &Frontend::xtask(workspace),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(status)
}
