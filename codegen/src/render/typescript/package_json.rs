//! `package.json`: an npm package named after the crate, ESM, typed, for
//! Node 20+ and browsers, without dependencies.

use crate::model::Model;
use crate::render::quoted_string;

/// `package.json`, publishing `files` (besides itself).
pub fn render_package_json(model: &Model, files: &[&str]) -> String {
    let description = format!(
        "Error catalogue client of the {}: codes, typed errors, retries.",
        model.api_name
    );
    let mut members = vec![
        ("name", quoted_string(&model.crate_name.to_ascii_lowercase())),
        ("version", quoted_string(&model.version().to_string())),
        ("description", quoted_string(&description)),
        ("type", quoted_string("module")),
        ("main", quoted_string("./index.js")),
        ("types", quoted_string("./index.d.ts")),
        (
            "exports",
            "{\n    \".\": {\n      \"types\": \"./index.d.ts\",\n      \"default\": \"./index.js\"\n    }\n  }"
                .to_owned(),
        ),
        ("files", list(files)),
        ("sideEffects", "false".to_owned()),
        ("engines", "{\n    \"node\": \">=20\"\n  }".to_owned()),
        ("scripts", "{\n    \"test\": \"node --test\"\n  }".to_owned()),
    ];
    if let Some(license) = &model.license {
        members.push(("license", quoted_string(license)));
    }
    if let Some(repository) = &model.repository {
        members.push(("repository", quoted_string(repository)));
    }
    let members: Vec<String> = members
        .iter()
        .map(|(name, value)| format!("  \"{name}\": {value}"))
        .collect();
    format!("{{\n{}\n}}\n", members.join(",\n"))
}

/// A JSON array of strings, one per line.
fn list(items: &[&str]) -> String {
    let lines: Vec<String> = items
        .iter()
        .map(|item| format!("    {}", quoted_string(item)))
        .collect();
    format!("[\n{}\n  ]", lines.join(",\n"))
}
