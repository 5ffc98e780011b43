//! Rust identifiers derived from catalogue names: the one place that decides
//! what a code or category is called in generated code.

use heck::ToUpperCamelCase;

/// The UpperCamelCase variant for a code (`AUTH_INVALID_KEY` → `AuthInvalidKey`)
/// or category id (`rate_limit` → `RateLimit`), or why it cannot be one.
pub fn variant_name(raw: &str) -> Result<String, String> {
    let name = raw.to_upper_camel_case();
    check_identifier(&name).map(|()| name)
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
    }
}
