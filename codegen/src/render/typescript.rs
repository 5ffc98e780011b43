//! The TypeScript client (`clients/typescript/`): an ESM package of
//! JavaScript plus `.d.ts` declarations, no build step and no dependencies.

use crate::model::Model;

/// Every file of the TypeScript client, as (path relative to the output
/// folder, body without the `@generated` header).
pub fn render_typescript_client(model: &Model) -> Vec<(String, String)> {
    let _ = model;
    Vec::new()
}
