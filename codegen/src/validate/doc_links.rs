//! Each code's documentation link: `docs_url` plus the code's anchor, or
//! `docs_url` as a template with `{code}` / `{code_kebab}` (one page per code,
//! as Stripe's are named), or the code's own `doc_url:`.

use crate::suggest::closest;
use crate::validate::docs_url;

/// A word `docs_url` may hold in braces, replaced by each code's own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placeholder {
    /// The code as written, percent-encoded where a URL needs it.
    Code,
    /// The code in lower case, `_` and `.` written `-` (`card_declined` →
    /// `card-declined`).
    CodeKebab,
}

impl Placeholder {
    const ALL: [Placeholder; 2] = [Placeholder::Code, Placeholder::CodeKebab];

    fn name(self) -> &'static str {
        match self {
            Placeholder::Code => "code",
            Placeholder::CodeKebab => "code_kebab",
        }
    }

    /// Stands in for the placeholder while the URL parser reads the template:
    /// lower-case letters, which it leaves as they are anywhere in a URL.
    fn token(self) -> &'static str {
        match self {
            Placeholder::Code => "xerrcatplaceholdercodex",
            Placeholder::CodeKebab => "xerrcatplaceholderkebabx",
        }
    }

    fn text_of(self, code: &str) -> String {
        let text = match self {
            Placeholder::Code => code.to_owned(),
            Placeholder::CodeKebab => code.to_lowercase().replace(['_', '.'], "-"),
        };
        text.chars()
            .map(|c| match c {
                c if c.is_ascii_alphanumeric() || "-._~".contains(c) => c.to_string(),
                c => docs_url::percent_encoded(c),
            })
            .collect()
    }
}

/// How the catalogue links each code to its documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocLinks {
    /// One page: each code links to `base#anchor`.
    Anchored {
        /// The page, as its parser serializes it.
        base: String,
    },
    /// One page per code: the template, serialized, with its placeholders.
    PerCode {
        /// The template as written back (`{code}` and `{code_kebab}`).
        template: String,
        /// The template up to the part that varies: the reference's home.
        home: String,
    },
    /// A fragment and no placeholder: usable only when every code has its
    /// own `doc_url:`, which validation checks.
    Fragment {
        /// The address as its parser serializes it.
        url: String,
    },
}

impl DocLinks {
    /// Reads `docs_url`, or says why it cannot be one.
    pub fn parse(text: &str) -> Result<DocLinks, String> {
        let mut with_tokens = String::with_capacity(text.len());
        let mut rest = text;
        let mut templated = false;
        // A `{` without its `}` is left for the URL parser to refuse.
        while let Some((open, close)) = rest.find('{').and_then(|open| Some((open, rest[open..].find('}')?))) {
            with_tokens.push_str(&rest[..open]);
            let word = &rest[open + 1..open + close];
            let Some(placeholder) = Placeholder::ALL.into_iter().find(|p| p.name() == word) else {
                let names = Placeholder::ALL.map(Placeholder::name);
                let near = closest(word, &names).unwrap_or("code");
                return Err(format!(
                    "`{{{word}}}` is not a placeholder; did you mean `{{{near}}}`? (`{{code}}` is the code as written, `{{code_kebab}}` in lower case with `-` for `_` and `.`)"
                ));
            };
            with_tokens.push_str(placeholder.token());
            templated = true;
            rest = &rest[open + close + 1..];
        }
        with_tokens.push_str(rest);
        let url = docs_url::parse_with_fragment(&with_tokens)?;
        if templated {
            let mut template = url.clone();
            for placeholder in Placeholder::ALL {
                template = template.replace(placeholder.token(), &format!("{{{}}}", placeholder.name()));
            }
            let first = Placeholder::ALL
                .into_iter()
                .filter_map(|p| url.find(p.token()))
                .min()
                .unwrap_or(url.len());
            let home = url[..first]
                .rfind(['/', '#', '?'])
                .map_or(&url[..first], |cut| match url.as_bytes()[cut] {
                    b'/' => &url[..=cut],
                    _ => &url[..cut],
                });
            return Ok(DocLinks::PerCode {
                template,
                home: home.to_owned(),
            });
        }
        if url.contains('#') {
            return Ok(DocLinks::Fragment { url });
        }
        Ok(DocLinks::Anchored { base: url })
    }

    /// The reference's home page, for the crate's `homepage` and the docs.
    pub fn home(&self) -> &str {
        match self {
            DocLinks::Anchored { base } => base,
            DocLinks::PerCode { home, .. } => home,
            DocLinks::Fragment { url } => url,
        }
    }

    /// The template of a per-code link, if `docs_url` is one.
    pub fn template(&self) -> Option<&str> {
        match self {
            DocLinks::PerCode { template, .. } => Some(template),
            _ => None,
        }
    }

    /// The link of `code` whose anchor on the one page is `anchor`.
    pub fn link(&self, code: &str, anchor: &str) -> String {
        match self {
            DocLinks::Anchored { base } | DocLinks::Fragment { url: base } => format!("{base}#{anchor}"),
            DocLinks::PerCode { template, .. } => Placeholder::ALL.into_iter().fold(template.clone(), |link, p| {
                link.replace(&format!("{{{}}}", p.name()), &p.text_of(code))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_docs_url_links_each_code_to_its_anchor() {
        let links = DocLinks::parse("https://docs.example/errors").unwrap();
        assert_eq!(links.link("AUTH_X", "auth_x"), "https://docs.example/errors#auth_x");
        assert_eq!(links.home(), "https://docs.example/errors");
    }

    #[test]
    fn placeholders_give_each_code_its_own_page() {
        let links = DocLinks::parse("https://stripe.com/docs/error-codes/{code_kebab}").unwrap();
        assert_eq!(
            links.link("card_declined", ""),
            "https://stripe.com/docs/error-codes/card-declined"
        );
        assert_eq!(links.home(), "https://stripe.com/docs/error-codes/");
        assert_eq!(
            links.template(),
            Some("https://stripe.com/docs/error-codes/{code_kebab}")
        );
        let links = DocLinks::parse("https://x.example/e?c={code}#{code_kebab}").unwrap();
        assert_eq!(
            links.link("auth.Bad key", ""),
            "https://x.example/e?c=auth.Bad%20key#auth-bad%20key"
        );
        assert_eq!(links.home(), "https://x.example/e");
    }

    #[test]
    fn an_unknown_placeholder_is_refused_with_the_nearest_one() {
        let why = DocLinks::parse("https://x.example/{code-kebab}").unwrap_err();
        assert!(
            why.starts_with("`{code-kebab}` is not a placeholder; did you mean `{code_kebab}`?"),
            "{why}"
        );
    }

    #[test]
    fn a_fragment_without_placeholder_is_kept_apart() {
        assert_eq!(
            DocLinks::parse("https://x.example/e#top").unwrap(),
            DocLinks::Fragment {
                url: "https://x.example/e#top".to_owned()
            }
        );
    }
}
