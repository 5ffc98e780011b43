//! `cargo errcat …`: see `cargo errcat --help`.

use std::path::PathBuf;
use std::process::ExitCode;

use cargo_errcat::Frontend;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1).peekable();
    // Cargo runs `cargo errcat ARGS` as `cargo-errcat errcat ARGS`.
    if args.peek().is_some_and(|first| first == "errcat") {
        args.next();
    }
    // Default paths are relative to the folder it runs in, like cargo's own.
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let status = cargo_errcat::run(
        args,
        &Frontend::cargo_errcat(&root),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(status)
}
