//! The Python client (`clients/python/`): a standard-library-only package
//! with `py.typed`, for Python 3.9+.

use crate::model::Model;

/// Every file of the Python client, as (path relative to the output folder,
/// body without the `@generated` header).
pub fn render_python_client(model: &Model) -> Vec<(String, String)> {
    let _ = model;
    Vec::new()
}
