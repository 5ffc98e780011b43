//! The catalogue's `docs_url`: an absolute http(s) URL, read by the RFC 3986
//! grammar, and written only with characters that stay inert in every output
//! it reaches (a Markdown autolink and code span, rustdoc, TOML, JSON, YAML).
//!
//! The parser is ours, not the `url` crate's: the text is already held to
//! RFC 3986's ASCII characters, so what remains is splitting it into scheme,
//! host, port, path, query and fragment, checking each and writing the
//! normalized form (lower-case scheme and host, no default port, `/` for an
//! empty path, no `.`/`..` segments). The `url` crate pulled in 27 crates
//! (its IDNA support, which ASCII-only input never needs).

use std::net::{Ipv4Addr, Ipv6Addr};

/// Parses `text` as the base of the published error reference, or says why it
/// cannot be one. The result is the normalized form (lower-case scheme and
/// host, no default port, at least `/` as path), to which each code's link
/// adds `#code`.
pub fn parse(text: &str) -> Result<String, String> {
    let url = parse_url(text)?;
    if url.contains('#') {
        return Err("it has a fragment (`#…`)".to_owned());
    }
    Ok(url)
}

/// [`parse`] of an address that may end in a `#fragment` (a code's own page).
pub fn parse_with_fragment(text: &str) -> Result<String, String> {
    parse_url(text)
}

/// The normalized URL, checked as [`parse`] says save for its fragment.
fn parse_url(text: &str) -> Result<String, String> {
    // A lenient parser would quietly drop tabs and line breaks, and accept `\`,
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
    let scheme = text[..scheme_end].to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => "80",
        "https" => "443",
        _ => return Err("the scheme must be `https` or `http`".to_owned()),
    };
    let rest = &text[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Err("it holds a user name or password".to_owned());
    }
    let (host, port) = split_port(authority)?;
    let host = normalized_host(host)?;
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    let (path, query_and_fragment) = tail.split_at(path_end);
    let mut url = format!("{scheme}://{host}");
    if !port.is_empty() && port != default_port {
        url.push(':');
        url.push_str(port);
    }
    url.push_str(&without_dot_segments(path));
    url.push_str(query_and_fragment);
    Ok(url)
}

/// `host:port` → (`host`, `port`), the port's digits without leading zeros
/// (empty when there is none), refused past 65535.
fn split_port(authority: &str) -> Result<(&str, &str), String> {
    // The colons of a bracketed IPv6 address are not a port's.
    let host_end = if authority.starts_with('[') {
        authority.find(']').map_or(authority.len(), |close| close + 1)
    } else {
        authority.find(':').unwrap_or(authority.len())
    };
    let (host, port) = authority.split_at(host_end);
    let Some(port) = port.strip_prefix(':') else {
        return match port {
            "" => Ok((host, "")),
            _ => Err(format!("`{port}` after the host is not a port (`:8080`)")),
        };
    };
    if !port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u32>().map_or(!port.is_empty(), |n| n > 65_535) {
        return Err(format!("`{port}` is not a port (a number from 0 to 65535)"));
    }
    let digits = port.trim_start_matches('0');
    Ok((
        host,
        if digits.is_empty() && !port.is_empty() {
            "0"
        } else {
            digits
        },
    ))
}

/// The host in lower case: a DNS name (letters, digits, `-` and `_` in
/// dot-separated labels, a final dot allowed), an IPv4 address, or an IPv6
/// address in brackets (written in its shortest form).
fn normalized_host(host: &str) -> Result<String, String> {
    if host.is_empty() {
        return Err("it has no host (`https://host/path`)".to_owned());
    }
    if let Some(inner) = host.strip_prefix('[') {
        let address = inner
            .strip_suffix(']')
            .and_then(|inner| inner.parse::<Ipv6Addr>().ok())
            .ok_or_else(|| format!("`{host}` is not an IPv6 address"))?;
        return Ok(format!("[{address}]"));
    }
    if let Ok(address) = host.parse::<Ipv4Addr>() {
        return Ok(address.to_string());
    }
    let labels = host.strip_suffix('.').unwrap_or(host);
    let is_label = |label: &str| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if !labels.split('.').all(is_label) || labels.split('.').all(|label| label.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!(
            "the host `{host}` is not a domain name (letters, digits, `-` between dots), an IPv4 address or an IPv6 address in brackets"
        ));
    }
    Ok(host.to_ascii_lowercase())
}

/// `path` with its `.` and `..` segments resolved (RFC 3986 §5.2.4), and `/`
/// when it is empty.
fn without_dot_segments(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (index, segment) in segments.iter().enumerate() {
        let last = index + 1 == segments.len();
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    kept.pop();
                }
                // `/a/..` names the folder: keep its trailing slash.
                if last {
                    kept.push("");
                }
            }
            segment => kept.push(segment),
        }
    }
    if kept.is_empty() {
        return "/".to_owned();
    }
    kept.iter().fold(String::with_capacity(path.len()), |mut out, segment| {
        out.push('/');
        out.push_str(segment);
        out
    })
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
    fn hosts_ports_and_paths_are_normalized() {
        for (given, normalized) in [
            ("https://Docs.Example:443/errors", "https://docs.example/errors"),
            ("http://docs.example:80", "http://docs.example/"),
            ("https://docs.example:8443/e", "https://docs.example:8443/e"),
            ("https://docs.example:008443/e", "https://docs.example:8443/e"),
            ("https://docs.example:/e", "https://docs.example/e"),
            ("https://docs.example./e", "https://docs.example./e"),
            ("https://api_docs.example/e", "https://api_docs.example/e"),
            ("https://127.0.0.1:8080", "https://127.0.0.1:8080/"),
            ("https://[0:0:0:0:0:0:0:1]/e", "https://[::1]/e"),
            ("https://x.example/a/./b/../c", "https://x.example/a/c"),
            ("https://x.example/a/..", "https://x.example/"),
            ("https://x.example/a/b/..", "https://x.example/a/"),
            ("https://x.example/../..", "https://x.example/"),
            ("https://x.example?q=1", "https://x.example/?q=1"),
            ("https://x.example/a?q=../b", "https://x.example/a?q=../b"),
        ] {
            assert_eq!(parse(given).as_deref(), Ok(normalized), "{given}");
        }
        assert_eq!(
            parse_with_fragment("https://X.example/e#Top").as_deref(),
            Ok("https://x.example/e#Top")
        );
    }

    #[test]
    fn each_refused_part_is_named() {
        for (bad, why) in [
            ("https://x.example:99999/", "`99999` is not a port"),
            ("https://x.example:8a/", "`8a` is not a port"),
            ("https://[::1/", "`[::1` is not an IPv6 address"),
            ("https://[::1]x/", "`x` after the host is not a port"),
            ("https://x..example/", "the host `x..example` is not a domain name"),
            ("https://x.exa%41mple/", "the host `x.exa%41mple` is not a domain name"),
            ("https://1.2.3.999/", "the host `1.2.3.999` is not a domain name"),
            ("https:///errors", "it has no host"),
            ("https://me@x.example/", "a user name or password"),
        ] {
            let error = parse(bad).unwrap_err();
            assert!(error.contains(why), "{bad}: {error}");
        }
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
