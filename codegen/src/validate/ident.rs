//! Rust identifiers derived from catalogue names: the one place that decides
//! what a code or category is called in generated code, and which package
//! names a generated crate may have.

use heck::ToUpperCamelCase;

/// The UpperCamelCase variant for a code (`AUTH_INVALID_KEY` → `AuthInvalidKey`)
/// or category id (`rate_limit` → `RateLimit`), or why it cannot be one.
pub fn variant_name(raw: &str) -> Result<String, String> {
    let name = raw.to_upper_camel_case();
    check_identifier(&name).map(|()| name)
}

/// Longest package name crates.io accepts: 64 characters.
pub const MAX_PACKAGE_NAME_CHARS: usize = 64;

/// Package names that break a generated crate, with why: the standard
/// library's crates (the crate's own tests could no longer name it or them),
/// cargo's build-directory names, and Windows device names (cargo's
/// `restricted_names`). Compared in lower case.
const RESERVED_PACKAGE_NAMES: &[(&str, &str)] = &[
    ("std", "a crate of the standard library"),
    ("core", "a crate of the standard library"),
    ("alloc", "a crate of the standard library"),
    ("proc_macro", "a crate of the standard library"),
    ("proc-macro", "a crate of the standard library"),
    ("test", "a crate of the standard library"),
    ("deps", "a folder cargo builds into"),
    ("examples", "a folder cargo builds into"),
    ("build", "a folder cargo builds into"),
    ("incremental", "a folder cargo builds into"),
    ("con", "a Windows device name"),
    ("prn", "a Windows device name"),
    ("aux", "a Windows device name"),
    ("nul", "a Windows device name"),
    ("com1", "a Windows device name"),
    ("com2", "a Windows device name"),
    ("com3", "a Windows device name"),
    ("com4", "a Windows device name"),
    ("com5", "a Windows device name"),
    ("com6", "a Windows device name"),
    ("com7", "a Windows device name"),
    ("com8", "a Windows device name"),
    ("com9", "a Windows device name"),
    ("lpt1", "a Windows device name"),
    ("lpt2", "a Windows device name"),
    ("lpt3", "a Windows device name"),
    ("lpt4", "a Windows device name"),
    ("lpt5", "a Windows device name"),
    ("lpt6", "a Windows device name"),
    ("lpt7", "a Windows device name"),
    ("lpt8", "a Windows device name"),
    ("lpt9", "a Windows device name"),
];

/// Why a package name was refused, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong with the name.
    pub message: String,
    /// A name that would do.
    pub help: String,
}

/// The crate's name in Rust paths for the package name `name`, checked by
/// cargo's rules (ASCII letters, digits, `-` and `_`, starting with a letter,
/// at most [`MAX_PACKAGE_NAME_CHARS`] characters, not a keyword) and against
/// the names that break a crate (the standard library's, cargo's build
/// folders', Windows device names).
pub fn package_name(name: &str) -> Result<String, Refusal> {
    const SHAPE: &str = "use ASCII letters, digits, `-` and `_`, starting with a letter";
    let chars = name.chars().count();
    if chars > MAX_PACKAGE_NAME_CHARS {
        return Err(Refusal {
            message: format!(
                "the package name has {chars} characters; crates.io allows at most {MAX_PACKAGE_NAME_CHARS}"
            ),
            help: "write a shorter name, e.g. `crate: example-errors`".to_owned(),
        });
    }
    let well_formed = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !well_formed {
        return Err(Refusal {
            message: format!("`{name}` is not a valid package name"),
            help: format!("{SHAPE}, e.g. `crate: example-errors`"),
        });
    }
    let lower = name.to_ascii_lowercase();
    let instead = format!("choose another name, e.g. `crate: {lower}-errors`");
    if let Some((_, why)) = RESERVED_PACKAGE_NAMES.iter().find(|(reserved, _)| *reserved == lower) {
        return Err(Refusal {
            message: format!("`{name}` cannot be a package name: it is {why}"),
            help: instead,
        });
    }
    lib_name(name).map_err(|why| Refusal {
        message: format!("`{name}` is not a valid package name: {why}"),
        help: instead,
    })
}

/// The crate's name in Rust paths (`ofauth-errors` → `ofauth_errors`).
pub fn lib_name(crate_name: &str) -> Result<String, String> {
    let name = crate_name.replace('-', "_");
    check_identifier(&name).map(|()| name)
}

/// Whether `name` can stand as a plain identifier in generated code.
fn check_identifier(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("it leaves an empty Rust identifier".to_owned());
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("the Rust identifier `{name}` would start with a digit"));
    }
    // syn rejects keywords (`Self`, `crate`, …) and anything else that is not an
    // identifier, exactly as rustc would.
    if syn::parse_str::<syn::Ident>(name).is_err() {
        return Err(format!("`{name}` is not a valid Rust identifier (it may be a keyword)"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_ids_become_upper_camel_case() {
        assert_eq!(variant_name("AUTH_INVALID_KEY").unwrap(), "AuthInvalidKey");
        assert_eq!(variant_name("rate_limit").unwrap(), "RateLimit");
        assert_eq!(variant_name("HTTP_2_ERROR").unwrap(), "Http2Error");
    }

    #[test]
    fn keywords_digits_and_empty_names_are_refused() {
        assert!(variant_name("self").unwrap_err().contains("`Self`"));
        assert!(variant_name("1ST").unwrap_err().contains("digit"));
        assert!(variant_name("__").unwrap_err().contains("empty"));
        assert!(lib_name("crate").is_err());
    }

    #[test]
    fn crate_names_become_lib_names() {
        assert_eq!(lib_name("ofauth-errors").unwrap(), "ofauth_errors");
        assert_eq!(package_name("ofauth-errors").unwrap(), "ofauth_errors");
    }

    #[test]
    fn package_names_follow_cargo_and_avoid_reserved_ones() {
        assert!(
            package_name("1bad")
                .unwrap_err()
                .message
                .contains("not a valid package name")
        );
        assert!(package_name("bad.name").is_err());
        let std = package_name("std").unwrap_err();
        assert_eq!(
            std.message,
            "`std` cannot be a package name: it is a crate of the standard library"
        );
        assert_eq!(std.help, "choose another name, e.g. `crate: std-errors`");
        assert!(package_name("Con").unwrap_err().message.contains("Windows"));
        assert!(package_name("self").unwrap_err().message.contains("keyword"));
        assert!(package_name(&"a".repeat(64)).is_ok());
        assert!(
            package_name(&"a".repeat(65))
                .unwrap_err()
                .message
                .contains("65 characters")
        );
    }
}
