//! Every integration test of the generator but the crate build, one module per
//! subject, in a single test binary: one link of axum, reqwest and the
//! generator instead of one per file. Run one subject with a filter, e.g.
//! `cargo test -p catalogue-tests --test integration drift::`.

mod support;

mod client_server;
mod clients;
mod compat_and_explain;
mod drift;
mod exports;
mod hostile;
mod invalid_catalogues;
mod publishing;
mod python_client;
mod random_catalogues;
mod real_catalogues;
mod real_replies;
mod runtime_modes;
mod rust_layout;
mod snapshots;
mod typescript_client;

/// With `autotests = false`, a new file in `tests/` runs only if something
/// names it: it must be a module here or a target in `tests/Cargo.toml`.
#[test]
fn every_test_file_is_a_module_here_or_a_target_of_its_own() {
    let tests = support::workspace().join("tests");
    let root = syn::parse_file(&std::fs::read_to_string(tests.join("integration.rs")).unwrap()).unwrap();
    let modules: Vec<String> = root
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) => Some(format!("{}.rs", module.ident)),
            _ => None,
        })
        .collect();
    let manifest = std::fs::read_to_string(tests.join("Cargo.toml")).unwrap();
    let unrun: Vec<String> = std::fs::read_dir(&tests)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".rs"))
        .filter(|name| !modules.contains(name) && !manifest.contains(&format!("path = \"{name}\"")))
        .collect();
    assert!(
        unrun.is_empty(),
        "these files in tests/ are never compiled; add `mod <name>;` to tests/integration.rs: {unrun:?}"
    );
}
