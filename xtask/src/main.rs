//! `cargo xtask …`: see `cargo xtask --help`.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The workspace root, so default paths work from any folder inside it.
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new("."));
    let status = xtask::run(
        std::env::args_os().skip(1),
        workspace,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(status)
}
