//! The catalogue's `docs_url`: an absolute http(s) URL, read by a real URL
//! parser, and written only with characters that stay inert in every output
//! it reaches (a Markdown autolink and code span, rustdoc, TOML, JSON, YAML).

/// Parses `text` as the base of the published error reference, or says why it
/// cannot be one. The result is the parser's serialization (lower-case scheme
/// and host, percent-encoded), to which each code's link adds `#code`.
pub fn parse(text: &str) -> Result<String, String> {
    let url = parse_url(text)?;
    if url.fragment().is_some() {
        return Err("it has a fragment (`#…`)".to_owned());
    }
    Ok(url.into())
}

/// [`parse`] of an address that may end in a `#fragment` (a code's own page).
pub fn parse_with_fragment(text: &str) -> Result<String, String> {
    parse_url(text).map(Into::into)
}

/// The parsed URL, checked as [`parse`] says save for its fragment.
fn parse_url(text: &str) -> Result<url::Url, String> {
    // The URL parser would quietly drop tabs and line breaks, and accept `\`,
    // `<`, `"` or spaces that Markdown and rustdoc read as markup: RFC 3986
    // characters only, so the text written is the link followed.
    if let Some(c) = text.chars().find(|&c| !is_uri_char(c)) {
        return Err(format!(
            "{} cannot stand in a URL; percent-encode it as `{}`",
            shown(c),
            percent_encoded(c)
        ));
    }
    if let Some((at, _)) = text.match_indices('%').find(|(at, _)| !is_percent_escape(&text[*at..])) {
        return Err(format!(
            "the `%` at character {} does not start a `%XX` escape; write `%25` for a literal `%`",
            at + 1
        ));
    }
    let scheme_end = text
        .find("://")
        .ok_or("it is not an absolute URL (`https://host/path`)")?;
    if !["http", "https"].contains(&text[..scheme_end].to_ascii_lowercase().as_str()) {
        return Err("the scheme must be `https` or `http`".to_owned());
    }
    let url = url::Url::parse(text).map_err(|why| format!("it does not parse: {why}"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("it holds a user name or password".to_owned());
    }
    Ok(url)
}

/// Characters RFC 3986 allows in a URI: unreserved, reserved and `%`.
fn is_uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

fn is_percent_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 3 && bytes[1].is_ascii_hexdigit() && bytes[2].is_ascii_hexdigit()
}

/// `` `<` `` for a visible character, its code point for a space or control.
fn shown(c: char) -> String {
    if c.is_whitespace() || c.is_control() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// `%3C` for `<`: the UTF-8 bytes of `c` as `%XX` escapes.
pub(crate) fn percent_encoded(c: char) -> String {
    c.encode_utf8(&mut [0; 4])
        .bytes()
        .map(|byte| format!("%{byte:02X}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_kept_in_their_serialized_form() {
        assert_eq!(
            parse("https://docs.example/errors").unwrap(),
            "https://docs.example/errors"
        );
        assert_eq!(parse("HTTP://Docs.Example").unwrap(), "http://docs.example/");
        assert_eq!(
            parse("https://x.example/a(1)?q=%20").unwrap(),
            "https://x.example/a(1)?q=%20"
        );
    }

    #[test]
    fn markup_characters_are_refused_with_their_escape() {
        assert_eq!(
            parse("https://x.example/<b>").unwrap_err(),
            "`<` cannot stand in a URL; percent-encode it as `%3C`"
        );
        assert_eq!(
            parse("https://x.example/a b").unwrap_err(),
            "U+0020 cannot stand in a URL; percent-encode it as `%20`"
        );
        assert_eq!(
            parse("https://x.example/é").unwrap_err(),
            "`é` cannot stand in a URL; percent-encode it as `%C3%A9`"
        );
        assert!(parse("https://x.example/%2").unwrap_err().contains("character 19"));
    }

    #[test]
    fn only_absolute_http_urls_without_fragment_or_credentials_pass() {
        for bad in [
            "docs.example",
            "https:docs.example",
            "ftp://docs.example",
            "https://",
            "https://x.example/e#top",
            "https://me@x.example/",
            "https://x.example:99999/",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
