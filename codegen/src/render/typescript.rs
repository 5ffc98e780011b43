//! The TypeScript client (`clients/typescript/`): an ESM package of
//! JavaScript plus `.d.ts` declarations, no build step and no dependencies.
//! The runtime's hand-written files (`errcat_runtime::sources::TYPESCRIPT`)
//! are copied verbatim; only the catalogue module and `package.json` are
//! written from the catalogue.

mod catalogue;
mod literal;
mod package_json;

use errcat_runtime::sources::TYPESCRIPT;

use crate::model::Model;

/// The client's folder in the output folder.
pub const DIR: &str = "clients/typescript/";

/// The generated catalogue module, which the runtime files import.
const CATALOGUE_JS: &str = "catalogue.js";
/// Its declarations.
const CATALOGUE_DTS: &str = "catalogue.d.ts";

/// Every file of the TypeScript client, as (path relative to the output
/// folder, body without the `@generated` header).
pub fn render_typescript_client(model: &Model) -> Vec<(String, String)> {
    let generated = [
        (CATALOGUE_JS, catalogue::render_catalogue_js(model)),
        (CATALOGUE_DTS, catalogue::render_catalogue_dts(model)),
        (
            "package.json",
            package_json::render_package_json(model, &published_files()),
        ),
    ];
    let copied = TYPESCRIPT.iter().map(|(name, text)| (*name, (*text).to_owned()));
    let mut files: Vec<(String, String)> = generated
        .into_iter()
        .chain(copied)
        .map(|(name, body)| (format!("{DIR}{name}"), body))
        .collect();
    files.sort();
    files
}

/// Whether the output at `path` is a verbatim copy of one of the TypeScript
/// runtime's files, the same in every client.
pub(super) fn is_runtime_copy(path: &str) -> bool {
    path.strip_prefix(DIR)
        .is_some_and(|name| TYPESCRIPT.iter().any(|(copied, _)| *copied == name))
}

/// The files a published package carries (`"files"` of `package.json`):
/// the catalogue and the runtime, not the tests.
fn published_files() -> Vec<&'static str> {
    let mut files: Vec<&'static str> = [CATALOGUE_JS, CATALOGUE_DTS]
        .into_iter()
        .chain(TYPESCRIPT.iter().map(|(name, _)| *name))
        .filter(|name| !name.starts_with("test/"))
        .collect();
    files.sort_unstable();
    files
}
