//! Spec → model: every rule a catalogue must follow, checked before anything is
//! rendered, with every problem reported at once.

use std::collections::{BTreeMap, BTreeSet};

use crate::envelope;
use crate::front::spec::{CodeSpec, Spec};
use crate::model::{
    Category, Code, CodeType, Deprecation, Lifecycle, Model, ResponseField, Retry, RuntimeMode, Status, StatusClass,
    Wire, canonical,
};
use crate::problem::{Problem, Severity};
use crate::suggest::closest;
use crate::validate::body;
use crate::validate::doc_links::DocLinks;
use crate::validate::docs_url;
use crate::validate::example;
use crate::validate::ident;
use crate::validate::lints::Lint;
use crate::validate::text_rules;
use crate::validate::wire;

/// `schema:` versions this generator understands.
pub const SUPPORTED_SCHEMAS: &[u32] = &[1];

/// Longest default retry delay a catalogue may declare: one day.
pub const MAX_DEFAULT_RETRY_AFTER_SECS: u64 = 86_400;

/// Most keywords crates.io takes for one crate.
pub const MAX_KEYWORDS: usize = 5;

/// Longest keyword crates.io takes, in characters.
pub const MAX_KEYWORD_CHARS: usize = 20;

/// A valid catalogue and the warnings it raised.
#[derive(Debug)]
pub struct Validated {
    /// The model to render.
    pub model: Model,
    /// Problems that do not stop generation.
    pub warnings: Vec<Problem>,
}

/// Checks `spec` and derives the model, or returns every problem found
/// (errors and warnings, in spec order).
pub fn validate(spec: &Spec) -> Result<Validated, Vec<Problem>> {
    let mut checker = Checker::default();
    let model = checker.model(spec);
    let problems = checker.problems;
    if problems.iter().any(|p| p.severity == Severity::Error) {
        Err(problems)
    } else {
        Ok(Validated {
            model,
            warnings: problems,
        })
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    /// Key paths whose text holds a forbidden character: reported once, not
    /// parsed again as a version, URL or name.
    forbidden_text: BTreeSet<String>,
}

impl Checker {
    fn report(&mut self, severity: Severity, path: String, message: String, help: String, lint: Option<Lint>) {
        self.problems.push(Problem {
            severity,
            path,
            // Messages quote catalogue text: what it may not hold must not reach a terminal either.
            message: text_rules::escape_forbidden(&message),
            help: Some(help),
            at_key: false,
            lint,
        });
    }

    fn error(&mut self, path: impl Into<String>, message: impl Into<String>, help: impl Into<String>) {
        self.report(Severity::Error, path.into(), message.into(), help.into(), None);
    }

    /// The warning `lint`, unless the code it is about acknowledges it
    /// (which then counts as used).
    fn warning(&mut self, lint: Lint, allowed: &mut Allowed, path: String, message: String, help: &str) {
        if allowed.acknowledges(lint) {
            return;
        }
        self.report(Severity::Warning, path, message, help.to_owned(), Some(lint));
    }

    /// The warnings a code's `allow:` names; an unknown name is an error,
    /// and so is `unused_allow`, which no code can acknowledge.
    fn allowed(&mut self, path: &str, code: &CodeSpec) -> Allowed {
        let mut allowed = Allowed::default();
        for (i, name) in code.allow.iter().enumerate() {
            let here = format!("{path}.allow[{i}]");
            if self.forbidden_text.contains(&here) {
                continue;
            }
            match Lint::from_name(name) {
                Ok(Lint::UnusedAllow) => self.error(
                    here,
                    "`unused_allow` cannot be acknowledged",
                    "remove from `allow:` the name of the warning the code does not raise",
                ),
                Ok(lint) => allowed.names.push((here, lint, false)),
                Err(help) => self.error(here, format!("`{name}` is not the name of a warning"), help),
            }
        }
        allowed
    }

    /// An `unused_allow` warning for each name in a code's `allow:` that
    /// acknowledged nothing.
    fn unused_allows(&mut self, code: &CodeSpec, allowed: Allowed) {
        for (here, lint, used) in allowed.names {
            if !used {
                let name = lint.name();
                self.report(
                    Severity::Warning,
                    here,
                    format!("code `{}` allows `{name}`, a warning it does not raise", code.code),
                    format!("remove `{name}` from `allow:`: left there, it would hide the warning if the code came to raise it by mistake"),
                    Some(Lint::UnusedAllow),
                );
            }
        }
    }

    fn model(&mut self, spec: &Spec) -> Model {
        if !SUPPORTED_SCHEMAS.contains(&spec.schema) {
            self.error(
                "schema",
                format!("schema version {} is not supported by this generator", spec.schema),
                format!("write `schema: {}`", SUPPORTED_SCHEMAS.last().unwrap_or(&1)),
            );
        }
        self.characters(spec);
        self.non_empty("name", &spec.name, "the API's name, e.g. `name: Example API`");
        let lib_name = self.crate_name(&spec.crate_name);
        let stated_version = spec
            .version
            .as_ref()
            .and_then(|version| self.semver("version", version, "write MAJOR.MINOR.PATCH, e.g. `version: 1.2.0`"));
        let docs_url = self.docs_url(&spec.docs_url);
        self.header_name("retry_after.header", &spec.retry_after.header);
        let default_secs = spec.retry_after.default_secs;
        if default_secs == 0 || default_secs > MAX_DEFAULT_RETRY_AFTER_SECS {
            self.error(
                "retry_after.default_secs",
                format!("a default retry delay of {default_secs} s is not usable"),
                format!("write a number of seconds from 1 to {MAX_DEFAULT_RETRY_AFTER_SECS} (one day)"),
            );
        }
        let request_id_header = spec
            .request_id_header
            .clone()
            .unwrap_or_else(|| "X-Request-Id".to_owned());
        self.header_name("request_id_header", &request_id_header);
        let wire = self.wire(spec);
        let (response_fields, wire) = self.body(spec, wire);
        let statuses = self.statuses(spec);
        let (categories, codes) = self.categories(spec, &statuses, &docs_url, &wire, &response_fields);
        Model {
            schema: spec.schema,
            api_name: spec.name.clone(),
            crate_name: spec.crate_name.clone(),
            lib_name,
            stated_version,
            license: spec.license.clone(),
            repository: spec.repository.as_deref().and_then(|text| self.repository(text)),
            rust_version: spec.rust_version.as_deref().and_then(|text| self.rust_version(text)),
            keywords: self.keywords(&spec.keywords),
            docs_url: docs_url.home().to_owned(),
            docs_url_template: docs_url.template().map(str::to_owned),
            retry_after_header: spec.retry_after.header.clone(),
            default_retry_after_secs: default_secs,
            request_id_header,
            runtime: spec
                .runtime
                .as_deref()
                .map_or(RuntimeMode::default(), |word| self.runtime(word)),
            runtime_path: None,
            wire,
            response_fields,
            statuses,
            categories,
            codes,
        }
    }

    /// Every string of the catalogue holds only characters its field may hold.
    fn characters(&mut self, spec: &Spec) {
        for field in text_rules::every_string(spec) {
            if let Some(forbidden) = text_rules::first_forbidden(field.text, field.layout) {
                self.forbidden_text.insert(field.path.clone());
                self.error(
                    field.path,
                    format!("this text holds {}: {}", forbidden.describe(), forbidden.why),
                    forbidden.help(),
                );
            }
        }
    }

    fn non_empty(&mut self, path: impl Into<String>, value: &str, help: &str) {
        if value.trim().is_empty() {
            self.error(path, "this text is empty", format!("write {help}"));
        }
    }

    fn crate_name(&mut self, name: &str) -> String {
        if self.forbidden_text.contains("crate") {
            return String::new();
        }
        ident::package_name(name).unwrap_or_else(|refusal| {
            self.error("crate", refusal.message, refusal.help);
            String::new()
        })
    }

    /// The version `text`, parsed by cargo's own semver grammar.
    fn semver(&mut self, path: impl Into<String>, text: &str, help: &str) -> Option<semver::Version> {
        let path = path.into();
        if self.forbidden_text.contains(&path) {
            return None;
        }
        match semver::Version::parse(text) {
            Ok(version) => Some(version),
            Err(why) => {
                self.error(path, format!("`{text}` is not a semver version: {why}"), help);
                None
            }
        }
    }

    /// The repository's address as its parser serializes it (the docs URL's
    /// rules: an absolute http(s) address), or an error.
    fn repository(&mut self, text: &str) -> Option<String> {
        if self.forbidden_text.contains("repository") {
            return None;
        }
        docs_url::parse(text)
            .map_err(|why| {
                self.error(
                    "repository",
                    format!("`{text}` is not a usable repository address: {why}"),
                    "write the repository's absolute http(s) address, e.g. `repository: https://github.com/example/api`",
                );
            })
            .ok()
    }

    /// A `rust-version` cargo accepts: `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`,
    /// numbers only.
    fn rust_version(&mut self, text: &str) -> Option<String> {
        if self.forbidden_text.contains("rust_version") {
            return None;
        }
        let parts: Vec<&str> = text.split('.').collect();
        let numeric = |part: &&str| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) && (part.len() == 1 || !part.starts_with('0'))
        };
        if (2..=3).contains(&parts.len()) && parts.iter().all(numeric) {
            return Some(text.to_owned());
        }
        self.error(
            "rust_version",
            format!("`{text}` is not a Rust version cargo accepts as `rust-version`"),
            "write MAJOR.MINOR or MAJOR.MINOR.PATCH, e.g. `rust_version: \"1.80\"` (quoted, or YAML reads 1.80 as a number)",
        );
        None
    }

    /// The keywords, each as crates.io takes them: at most
    /// [`MAX_KEYWORDS`], each at most [`MAX_KEYWORD_CHARS`] ASCII characters,
    /// a letter first, then letters, digits, `_`, `-` or `+`.
    fn keywords(&mut self, keywords: &[String]) -> Vec<String> {
        if keywords.len() > MAX_KEYWORDS {
            self.error(
                "keywords",
                format!(
                    "{} keywords are more than crates.io takes ({MAX_KEYWORDS})",
                    keywords.len()
                ),
                format!("keep the {MAX_KEYWORDS} a user would search for"),
            );
        }
        for (i, keyword) in keywords.iter().enumerate() {
            let path = format!("keywords[{i}]");
            if self.forbidden_text.contains(&path) {
                continue;
            }
            let valid = keyword.len() <= MAX_KEYWORD_CHARS
                && keyword.starts_with(|c: char| c.is_ascii_alphabetic())
                && keyword
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+'));
            if !valid {
                self.error(
                    path,
                    format!("`{keyword}` is not a keyword crates.io takes"),
                    format!("write at most {MAX_KEYWORD_CHARS} ASCII letters, digits, `_`, `-` or `+`, a letter first, e.g. `errors`"),
                );
            }
        }
        keywords.to_vec()
    }

    /// How codes link to their docs, or an error and the text as written.
    fn docs_url(&mut self, text: &str) -> DocLinks {
        let as_written = DocLinks::Anchored { base: text.to_owned() };
        if self.forbidden_text.contains("docs_url") {
            return as_written;
        }
        match DocLinks::parse(text) {
            Ok(links) => links,
            Err(why) => {
                self.error(
                    "docs_url",
                    format!("`{text}` is not a usable docs URL: {why}"),
                    "write the page's absolute http(s) address, e.g. `docs_url: https://docs.example.com/errors`, percent-encoding any other character; the generator adds `#code` itself, or fills `{code}` / `{code_kebab}`",
                );
                as_written
            }
        }
    }

    fn header_name(&mut self, path: &str, name: &str) {
        if !wire::is_header_name(name) {
            self.error(
                path,
                format!("`{name}` is not a valid HTTP header name"),
                "use letters, digits and `-`, e.g. `Retry-After`",
            );
        }
    }

    /// The documented body and the reply's layout checked against it.
    fn body(&mut self, spec: &Spec, wire: Wire) -> (Vec<ResponseField>, Wire) {
        let mut problems = Vec::new();
        let fields = body::fields("response", &spec.response, &mut problems);
        let wire = body::landed(wire, spec.wire.as_ref(), &fields, &mut problems);
        for problem in problems {
            self.error(problem.path, problem.message, problem.help);
        }
        for (i, field) in spec.response.iter().enumerate() {
            self.descriptions(&format!("response[{i}]"), field);
        }
        (fields, wire)
    }

    /// Every description of `field` and of the fields nested in it is written.
    fn descriptions(&mut self, path: &str, field: &crate::front::spec::ResponseFieldSpec) {
        self.non_empty(
            format!("{path}.description"),
            &field.description,
            "what the field carries",
        );
        for (i, nested) in field.fields.iter().flatten().enumerate() {
            self.descriptions(&format!("{path}.fields[{i}]"), nested);
        }
        let mut items = field.items.as_deref();
        let mut path = format!("{path}.items");
        while let Some(elements) = items {
            if let Some(description) = &elements.description {
                self.non_empty(format!("{path}.description"), description, "what each element is");
            }
            for (i, nested) in elements.fields.iter().flatten().enumerate() {
                self.descriptions(&format!("{path}.fields[{i}]"), nested);
            }
            items = elements.items.as_deref();
            path.push_str(".items");
        }
    }

    fn statuses(&mut self, spec: &Spec) -> Vec<Status> {
        let mut seen = BTreeMap::new();
        let mut statuses = Vec::new();
        for (i, row) in spec.statuses.iter().enumerate() {
            let path = format!("statuses[{i}]");
            let Some(class) = StatusClass::of(row.status) else {
                self.error(
                    format!("{path}.status"),
                    format!("{} is not an HTTP status", row.status),
                    "use a number from 100 to 599",
                );
                continue;
            };
            if let Some(first) = seen.insert(row.status, i) {
                self.error(
                    format!("{path}.status"),
                    format!("status {} is listed twice (first as statuses[{first}])", row.status),
                    "keep one row per status",
                );
                continue;
            }
            self.non_empty(
                format!("{path}.description"),
                &row.description,
                "a short description, e.g. `Not Found`",
            );
            self.non_empty(
                format!("{path}.note"),
                &row.note,
                "when the status is used or what to do",
            );
            statuses.push(Status {
                code: row.status,
                class,
                description: row.description.clone(),
                note: row.note.clone(),
            });
        }
        statuses
    }

    fn categories(
        &mut self,
        spec: &Spec,
        statuses: &[Status],
        docs_url: &DocLinks,
        wire: &Wire,
        body: &[ResponseField],
    ) -> (Vec<Category>, Vec<Code>) {
        if spec.categories.is_empty() {
            self.error(
                "categories",
                "the catalogue has no categories",
                "add at least one category with one code",
            );
        }
        let mut ids = Names::default();
        let mut prefixes = Names::default();
        let mut category_variants = Names::default();
        let mut code_names = Names::default();
        let mut code_variants = Names::default();
        let mut anchors = Anchors::default();
        let mut categories = Vec::new();
        let mut codes = Vec::new();
        for (c, category) in spec.categories.iter().enumerate() {
            let path = format!("categories[{c}]");
            let id_is_snake = is_snake_case(&category.id);
            if !id_is_snake {
                let suggestion = heck::ToSnakeCase::to_snake_case(category.id.as_str());
                self.error(
                    format!("{path}.id"),
                    format!("category id `{}` is not snake_case", category.id),
                    format!(
                        "write lower-case words joined by `_`, starting with a letter{}",
                        example("id", &suggestion, is_snake_case)
                    ),
                );
            }
            self.unique(&mut ids, &path, "id", &category.id, "category id");
            // An id of the wrong shape is reported once, above, not again as an identifier.
            let variant = if id_is_snake {
                self.variant(&mut category_variants, &path, "id", &category.id, "category")
            } else {
                String::new()
            };
            self.non_empty(
                format!("{path}.title"),
                &category.title,
                "the docs section title, e.g. `Authentication Errors`",
            );
            let prefix = category.prefix.as_deref().unwrap_or_default();
            if category.prefix.is_some() {
                self.wire_text(
                    &format!("{path}.prefix"),
                    prefix,
                    "prefix",
                    "write the text every code of the category starts with, or leave `prefix:` out to group codes freely",
                );
                self.unique(&mut prefixes, &path, "prefix", prefix, "category prefix");
            }
            if category.codes.is_empty() {
                self.error(
                    format!("{path}.codes"),
                    format!("category `{}` has no codes", category.id),
                    "add a code or remove the category",
                );
            }
            let first = codes.len();
            for (k, code) in category.codes.iter().enumerate() {
                let path = format!("{path}.codes[{k}]");
                let code_is_valid = self.wire_code(&path, &code.code, wire.code_type);
                if code_is_valid && !code.code.starts_with(prefix) {
                    self.error(
                        format!("{path}.code"),
                        format!(
                            "code `{}` does not start with its category's prefix `{prefix}`",
                            code.code
                        ),
                        "move it to the category it belongs to, or remove the category's `prefix:` to group codes freely",
                    );
                }
                self.unique(&mut code_names, &path, "code", &code.code, "code");
                let code_variant = self.code_variant(&mut code_variants, &path, code, code_is_valid);
                let mut allowed = self.allowed(&path, code);
                self.code_status(&path, code, statuses, &mut allowed);
                self.non_empty(
                    format!("{path}.message"),
                    &code.message,
                    "what went wrong, for developers",
                );
                self.non_empty(
                    format!("{path}.resolution"),
                    &code.resolution,
                    "what the caller should do",
                );
                let retry = self.retry(&path, &code.retry);
                self.retry_fits_status(&path, retry, code.status, &mut allowed);
                self.unused_allows(code, allowed);
                let since = self.since(&path, code);
                let lifecycle = self.lifecycle(&path, code);
                let anchor = anchors.claim(&code.code);
                let mut model_code = Code {
                    doc_url: self.doc_url(&path, code, docs_url, &anchor),
                    anchor,
                    code: code.code.clone(),
                    variant: code_variant,
                    status: code.status,
                    category: c,
                    message: code.message.clone(),
                    resolution: code.resolution.clone(),
                    retry,
                    reauth: code.reauth,
                    since,
                    lifecycle,
                    example_stated: code.example.is_some(),
                    example: serde_json::Value::Null,
                };
                model_code.example = match &code.example {
                    None => envelope::body(wire, body, &model_code, &category.id),
                    // A code already refused: its example would only repeat it.
                    Some(stated) if !code_is_valid => canonical(serde_json::to_value(stated).unwrap_or_default()),
                    Some(stated) => self.example(&path, stated, &model_code, wire, body, &category.id),
                };
                codes.push(model_code);
            }
            categories.push(Category {
                id: category.id.clone(),
                variant,
                title: category.title.clone(),
                prefix: prefix.to_owned(),
                codes: first..codes.len(),
            });
        }
        self.successors(spec, &mut codes);
        self.fragment_needs_own_links(spec, docs_url);
        (categories, codes)
    }

    /// The code's own `doc_url:`, else its link from `docs_url`.
    fn doc_url(&mut self, path: &str, code: &CodeSpec, links: &DocLinks, anchor: &str) -> String {
        let Some(own) = &code.doc_url else {
            return links.link(&code.code, anchor);
        };
        let here = format!("{path}.doc_url");
        if self.forbidden_text.contains(&here) {
            return own.clone();
        }
        docs_url::parse_with_fragment(own).unwrap_or_else(|why| {
            self.error(
                here,
                format!("`{own}` is not a usable doc URL: {why}"),
                "write the code's page as an absolute http(s) address, e.g. `doc_url: https://docs.example.com/errors/card-declined`",
            );
            own.clone()
        })
    }

    /// A `docs_url` with a fragment and no placeholder serves only a
    /// catalogue whose every code has its own `doc_url:`.
    fn fragment_needs_own_links(&mut self, spec: &Spec, links: &DocLinks) {
        let DocLinks::Fragment { url } = links else {
            return;
        };
        let codes = spec.categories.iter().flat_map(|category| &category.codes);
        let without = codes.filter(|code| code.doc_url.is_none()).count();
        if without > 0 {
            self.error(
                "docs_url",
                format!(
                    "`{url}` has a fragment (`#…`) and no placeholder, and {without} code{} no `doc_url:` of {} own",
                    if without == 1 { " has" } else { "s have" },
                    if without == 1 { "its" } else { "their" }
                ),
                "the generator adds each code's own `#anchor`, and a URL has one fragment: remove the fragment, put `{code}` or `{code_kebab}` in it (e.g. `https://docs.example.com/errors#{code_kebab}`), or give every code its own `doc_url:`",
            );
        }
    }

    /// The crate version that introduced the code, if stated and well-formed.
    fn since(&mut self, path: &str, code: &CodeSpec) -> Option<semver::Version> {
        code.since.as_ref().and_then(|since| {
            self.semver(
                format!("{path}.since"),
                since,
                "write the crate version that introduced the code, e.g. `since: 1.2.0`",
            )
        })
    }

    /// The code's `deprecated` and `retired`, well-formed; `replaced_by` is
    /// resolved by [`Checker::successors`] once every code is known.
    fn lifecycle(&mut self, path: &str, code: &CodeSpec) -> Lifecycle {
        let Some(reason) = &code.deprecated else {
            if code.retired {
                self.error(
                    format!("{path}.retired"),
                    format!("code `{}` is retired without a reason", code.code),
                    "add `deprecated: \"…\"` saying why and what replaces it; the tombstone keeps it",
                );
            } else if code.replaced_by.is_some() {
                self.error(
                    format!("{path}.replaced_by"),
                    format!("code `{}` names a successor but is not deprecated", code.code),
                    "add `deprecated: \"use … instead\"`, or remove `replaced_by`",
                );
            }
            return Lifecycle::Active;
        };
        self.non_empty(
            format!("{path}.deprecated"),
            reason,
            "why the code is deprecated and what to send instead",
        );
        let deprecation = Deprecation {
            reason: reason.clone(),
            replaced_by: None,
        };
        if code.retired {
            Lifecycle::Retired(deprecation)
        } else {
            Lifecycle::Deprecated(deprecation)
        }
    }

    /// Resolves every `replaced_by` to the index of another code of the
    /// catalogue that is still sent.
    fn successors(&mut self, spec: &Spec, codes: &mut [Code]) {
        let mut index: BTreeMap<&str, (usize, &CodeSpec)> = BTreeMap::new();
        for (i, code) in spec.categories.iter().flat_map(|category| &category.codes).enumerate() {
            // A repeated code is refused elsewhere; its first use is the one meant.
            index.entry(code.code.as_str()).or_insert((i, code));
        }
        let specs = spec.categories.iter().enumerate().flat_map(|(c, category)| {
            category
                .codes
                .iter()
                .enumerate()
                .map(move |(k, code)| (format!("categories[{c}].codes[{k}]"), code))
        });
        for (i, (path, code)) in specs.enumerate() {
            let Some(successor) = &code.replaced_by else {
                continue;
            };
            let here = format!("{path}.replaced_by");
            let resolved = match index.get(successor.as_str()) {
                None => {
                    let names: Vec<&str> = index.keys().copied().collect();
                    let help = match closest(successor, &names) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "name a code of this catalogue".to_owned(),
                    };
                    self.error(here, format!("`{successor}` is not a code of this catalogue"), help);
                    continue;
                }
                Some(_) if *successor == code.code => {
                    self.error(
                        here,
                        format!("`{successor}` replaces itself"),
                        "name the code that takes its place",
                    );
                    continue;
                }
                Some((_, other)) if other.retired => {
                    self.error(
                        here,
                        format!("`{successor}` is retired, so it cannot take over"),
                        "name a code that servers still send",
                    );
                    continue;
                }
                Some(&(other, _)) => other,
            };
            if let Lifecycle::Deprecated(deprecation) | Lifecycle::Retired(deprecation) = &mut codes[i].lifecycle {
                deprecation.replaced_by = Some(resolved);
            }
        }
    }

    /// The spec's `example:` of `code`, checked against the envelope (see
    /// [`example::check`]).
    fn example(
        &mut self,
        path: &str,
        stated: &serde_yaml::Value,
        code: &Code,
        wire: &Wire,
        body: &[ResponseField],
        category_id: &str,
    ) -> serde_json::Value {
        let stated = serde_json::to_value(stated).unwrap_or_default();
        for problem in example::check(&format!("{path}.example"), &stated, wire, body, code, category_id) {
            self.error(problem.path, problem.message, problem.help);
        }
        canonical(stated)
    }

    /// Records `value` under `key` of `path`, reporting a repeat.
    fn unique(&mut self, names: &mut Names, path: &str, key: &str, value: &str, what: &str) {
        let here = format!("{path}.{key}");
        if let Some((first, _)) = names.insert(value, value, &here) {
            self.error(
                here,
                format!("{what} `{value}` appears twice (first at {first})"),
                format!("give each {what} a name of its own"),
            );
        }
    }

    /// The Rust variant for `raw`, reporting invalid and colliding identifiers
    /// (a plain repeat of `raw` is [`Checker::unique`]'s to report).
    fn variant(&mut self, variants: &mut Names, path: &str, key: &str, raw: &str, what: &str) -> String {
        let here = format!("{path}.{key}");
        match ident::variant_name(raw) {
            Ok(variant) => {
                let help = "rename one of them so that their UpperCamelCase forms differ";
                self.claim_variant(variants, here, &variant, raw, what, help);
                variant
            }
            Err(why) => {
                self.error(
                    here,
                    format!("{what} `{raw}` cannot become a Rust variant: {why}"),
                    "rename it",
                );
                String::new()
            }
        }
    }

    /// Records `variant` as `raw`'s, reporting another name that took it first.
    fn claim_variant(&mut self, variants: &mut Names, here: String, variant: &str, raw: &str, what: &str, help: &str) {
        if let Some((first, first_raw)) = variants.insert(variant, raw, &here)
            && first_raw != raw
        {
            self.error(
                here,
                format!("{what} `{raw}` and `{first_raw}` (at {first}) both become the Rust variant `{variant}`"),
                help,
            );
        }
    }

    /// A code's Rust variant: its `name:`, checked, else derived from the
    /// code (not for a code already refused, which would only repeat it).
    fn code_variant(&mut self, variants: &mut Names, path: &str, code: &CodeSpec, code_is_valid: bool) -> String {
        let help = "give one of them a `name:` of its own (the Rust variant, in UpperCamelCase)";
        let Some(name) = &code.name else {
            if !code_is_valid {
                return String::new();
            }
            return match ident::variant_name(&code.code) {
                Ok(variant) => {
                    self.claim_variant(variants, format!("{path}.code"), &variant, &code.code, "code", help);
                    variant
                }
                Err(why) => {
                    self.error(
                        format!("{path}.code"),
                        format!("code `{}` gives no Rust variant name: {why}", code.code),
                        "add `name:` with the variant in UpperCamelCase, e.g. `name: MethodNotFound`",
                    );
                    String::new()
                }
            };
        };
        let here = format!("{path}.name");
        if self.forbidden_text.contains(&here) {
            return String::new();
        }
        let camel = heck::ToUpperCamelCase::to_upper_camel_case(name.as_str());
        let valid = ident::variant_name(name)
            .map_err(|why| (why, camel.clone()))
            .and_then(|variant| {
                if variant == *name {
                    Ok(variant)
                } else {
                    Err(("it is not UpperCamelCase".to_owned(), camel))
                }
            });
        match valid {
            Ok(variant) => {
                self.claim_variant(variants, here, &variant, &code.code, "code", help);
                variant
            }
            Err((why, suggestion)) => {
                self.error(
                    here,
                    format!("`{name}` cannot be a code's Rust variant: {why}"),
                    format!(
                        "write the variant in UpperCamelCase{}",
                        example("name", &suggestion, |s| ident::variant_name(s).is_ok_and(|v| v == s))
                    ),
                );
                String::new()
            }
        }
    }

    /// A code as the API sends it: not empty, no surrounding spaces, and the
    /// decimal text of an `i64` when codes are integers. Whether it holds a
    /// forbidden character is [`Checker::characters`]' to say.
    fn wire_code(&mut self, path: &str, code: &str, code_type: CodeType) -> bool {
        let here = format!("{path}.code");
        if !self.wire_text(&here, code, "code", "write the code exactly as the API sends it") {
            return false;
        }
        if code_type == CodeType::Integer && code.parse::<i64>().map(|n| n.to_string()).as_deref() != Ok(code) {
            self.error(
                here,
                format!("code `{code}` is not an integer, and `wire.code_type` is `integer`"),
                "write the code as the API sends it, a whole number such as `-32601` (from -2^63 to 2^63-1, no leading zeros or `+`), or set `wire.code_type: string`",
            );
            return false;
        }
        true
    }

    /// Text matched exactly on the wire (a code, a prefix): not empty and
    /// without surrounding whitespace, which no API sends and no reader sees.
    fn wire_text(&mut self, here: &str, text: &str, what: &str, empty_help: &str) -> bool {
        if self.forbidden_text.contains(here) {
            return false;
        }
        if text.is_empty() {
            self.error(here, format!("this {what} is empty"), empty_help);
            return false;
        }
        if text.trim() != text {
            self.error(
                here,
                format!("the {what} `{text}` starts or ends with whitespace"),
                format!(
                    "write `{}`: codes are matched exactly, and no API pads them",
                    text.trim()
                ),
            );
            return false;
        }
        true
    }

    /// The code's status: from 200 to 599 and listed; a 2xx one is a warning,
    /// since most APIs never send an error with it.
    fn code_status(&mut self, path: &str, code: &CodeSpec, statuses: &[Status], allowed: &mut Allowed) {
        let here = format!("{path}.status");
        let status = code.status;
        if !(200..=599).contains(&status) {
            self.error(
                here,
                format!("status {status} is not an error status"),
                "error codes use a status from 200 to 599, usually 4xx or 5xx",
            );
            return;
        }
        if (200..=299).contains(&status) {
            self.warning(
                Lint::SuccessStatus,
                allowed,
                here.clone(),
                format!("code `{}` is sent with the success status {status}", code.code),
                "use the 4xx or 5xx status the API sends; an API that answers errors with 2xx (JSON-RPC over HTTP) is read right: a reply whose body has a code is an error, whatever its status",
            );
        }
        if !statuses.iter().any(|s| s.code == status) {
            self.error(
                here,
                format!("status {status} is not in the `statuses:` table"),
                format!("add a `- status: {status}` row to `statuses:`, or use a listed status"),
            );
        }
    }

    /// The retry class spelled `word`; an unknown word is an error (and reads
    /// as `never` so that checking can go on).
    fn retry(&mut self, path: &str, word: &str) -> Retry {
        if let Some(retry) = Retry::ALL.into_iter().find(|retry| retry.as_str() == word) {
            return retry;
        }
        let classes: Vec<&str> = Retry::ALL.map(Retry::as_str).to_vec();
        let help = match closest(word, &classes) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "write `never`, `transient` or `throttled`".to_owned(),
        };
        self.error(format!("{path}.retry"), format!("`{word}` is not a retry class"), help);
        Retry::Never
    }

    /// The reply's layout; a key whose text holds a forbidden character is
    /// reported once, by [`Checker::characters`].
    fn wire(&mut self, spec: &Spec) -> Wire {
        let (wire, problems) = wire::wire(spec.wire.as_ref());
        for problem in problems {
            if !self.forbidden_text.contains(&problem.path) {
                self.error(problem.path, problem.message, problem.help);
            }
        }
        wire
    }

    fn runtime(&mut self, word: &str) -> RuntimeMode {
        if let Some(mode) = RuntimeMode::ALL.into_iter().find(|mode| mode.as_str() == word) {
            return mode;
        }
        if self.forbidden_text.contains("runtime") {
            return RuntimeMode::default();
        }
        let modes: Vec<&str> = RuntimeMode::ALL.map(RuntimeMode::as_str).to_vec();
        let help = match closest(word, &modes) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "write `inline` (the runtime copied into the crate, the default) or `crate` (a dependency on `errcat-runtime`)".to_owned(),
        };
        self.error("runtime", format!("`{word}` is not a runtime mode"), help);
        RuntimeMode::default()
    }

    fn retry_fits_status(&mut self, path: &str, retry: Retry, status: u16, allowed: &mut Allowed) {
        let here = format!("{path}.retry");
        match retry {
            Retry::Throttled if status != 429 && status != 503 => self.warning(
                Lint::ThrottledStatus,
                allowed,
                here,
                format!("`retry: throttled` on status {status}: servers send delay hints with 429 or 503"),
                "use `transient` or `never`, or change the status to 429/503",
            ),
            Retry::Transient if (400..=499).contains(&status) && ![408, 425, 429].contains(&status) => self.warning(
                Lint::TransientClientError,
                allowed,
                here,
                format!("`retry: transient` on status {status}: repeating this client error cannot succeed"),
                "use `never`, or a status that can pass (408, 425, 429, 5xx)",
            ),
            _ => {}
        }
    }
}

/// The warnings one code's `allow:` names: each with its key path and
/// whether the code raised it (so the name is used).
#[derive(Default)]
struct Allowed {
    names: Vec<(String, Lint, bool)>,
}

impl Allowed {
    /// Whether `lint` is acknowledged, marking each name of it used.
    fn acknowledges(&mut self, lint: Lint) -> bool {
        let mut found = false;
        for (_, named, used) in &mut self.names {
            if *named == lint {
                (*used, found) = (true, true);
            }
        }
        found
    }
}

/// Names seen so far: each with where it was first seen and how it was spelled there.
#[derive(Default)]
struct Names(BTreeMap<String, (String, String)>);

impl Names {
    /// Records `name` (spelled `raw`) at `path`; returns the first sighting if
    /// it is a repeat.
    fn insert(&mut self, name: &str, raw: &str, path: &str) -> Option<(String, String)> {
        if let Some(first) = self.0.get(name) {
            return Some(first.clone());
        }
        self.0.insert(name.to_owned(), (path.to_owned(), raw.to_owned()));
        None
    }
}

/// The docs page's anchors, one per code, each unique.
#[derive(Default)]
struct Anchors(BTreeSet<String>);

impl Anchors {
    /// The anchor of `code`: lower case, each character an HTML id or a URL
    /// fragment would need escaped becoming `-`, and `-2`, `-3`… added when
    /// codes differing only in case or punctuation would share it.
    fn claim(&mut self, code: &str) -> String {
        let slug: String = code
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let mut anchor = slug.clone();
        for n in 2.. {
            if self.0.insert(anchor.clone()) {
                break;
            }
            anchor = format!("{slug}-{n}");
        }
        anchor
    }
}

/// `, e.g. `key: suggestion`` when the suggestion is itself well-formed.
fn example(key: &str, suggestion: &str, well_formed: fn(&str) -> bool) -> String {
    if well_formed(suggestion) {
        format!(", e.g. `{key}: {suggestion}`")
    } else {
        String::new()
    }
}

fn is_snake_case(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.contains("__")
        && !s.ends_with('_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "
schema: 1
name: Test API
crate: test-errors
docs_url: https://example.com/errors
retry_after: { header: Retry-After, default_secs: 60 }
response:
  - { field: error, type: string, description: Message }
  - { field: code, type: string, description: Code }
statuses:
  - { status: 429, description: Too Many Requests, note: Slow down }
  - { status: 500, description: Internal Server Error, note: Retry }
categories:
  - id: rate
    title: Rate Errors
    prefix: RATE_
    codes:
      - { code: RATE_LIMITED, status: 429, message: Slow down, resolution: Wait, retry: throttled }
      - { code: RATE_BROKEN, status: 500, message: Broken, resolution: Retry, retry: transient }
";

    fn base() -> Spec {
        serde_yaml::from_str(BASE).unwrap()
    }

    /// The (path, message) of every problem after `edit`.
    fn problems(edit: impl FnOnce(&mut Spec)) -> Vec<(Severity, String, String)> {
        let mut spec = base();
        edit(&mut spec);
        let problems = match validate(&spec) {
            Ok(validated) => validated.warnings,
            Err(problems) => problems,
        };
        problems.into_iter().map(|p| (p.severity, p.path, p.message)).collect()
    }

    /// The one error (warnings aside) after `edit`.
    fn single_error(edit: impl FnOnce(&mut Spec)) -> (String, String) {
        let errors: Vec<_> = problems(edit)
            .into_iter()
            .filter(|(severity, ..)| *severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
        let (_, path, message) = errors.into_iter().next().unwrap();
        (path, message)
    }

    fn code(spec: &mut Spec, index: usize) -> &mut crate::front::spec::CodeSpec {
        &mut spec.categories[0].codes[index]
    }

    #[test]
    fn the_base_catalogue_is_valid_and_derives_names_and_links() {
        let validated = validate(&base()).unwrap();
        assert!(validated.warnings.is_empty());
        let model = validated.model;
        assert_eq!(model.lib_name, "test_errors");
        assert_eq!(
            (model.stated_version.clone(), model.version()),
            (None, crate::model::DEFAULT_VERSION)
        );
        assert_eq!(model.categories[0].variant, "Rate");
        assert_eq!(model.codes[0].variant, "RateLimited");
        assert_eq!(model.codes[0].doc_url, "https://example.com/errors#rate_limited");
        assert_eq!(model.request_id_header, "X-Request-Id");
        assert_eq!(model.runtime, RuntimeMode::Inline);
    }

    #[test]
    fn the_runtime_key_chooses_the_mode_and_a_wrong_word_gets_the_nearest() {
        for mode in RuntimeMode::ALL {
            let mut spec = base();
            spec.runtime = Some(mode.as_str().to_owned());
            assert_eq!(validate(&spec).unwrap().model.runtime, mode);
        }
        let (path, message) = single_error(|spec| spec.runtime = Some("crates".to_owned()));
        assert_eq!(
            (path.as_str(), message.as_str()),
            ("runtime", "`crates` is not a runtime mode")
        );
    }

    #[test]
    fn each_broken_rule_is_one_error_at_its_key_path() {
        let extra_status = |status| crate::front::spec::StatusSpec {
            status,
            description: "Extra".into(),
            note: "Extra".into(),
        };
        type Edit = Box<dyn FnOnce(&mut Spec)>;
        let cases: Vec<(Edit, &str, &str)> = vec![
            (
                Box::new(|s| s.schema = 2),
                "schema",
                "schema version 2 is not supported",
            ),
            (
                Box::new(|s| s.crate_name = "1bad".into()),
                "crate",
                "`1bad` is not a valid package name",
            ),
            (
                Box::new(|s| s.crate_name = "self".into()),
                "crate",
                "not a valid Rust identifier",
            ),
            (
                Box::new(|s| s.version = Some("1.0".into())),
                "version",
                "`1.0` is not a semver version",
            ),
            (
                Box::new(|s| s.docs_url = "ftp://x".into()),
                "docs_url",
                "the scheme must be `https` or `http`",
            ),
            (
                Box::new(|s| s.docs_url = "https://x/e#a".into()),
                "docs_url",
                "has a fragment (`#…`) and no placeholder",
            ),
            (
                Box::new(|s| s.retry_after.default_secs = 0),
                "retry_after.default_secs",
                "0 s is not usable",
            ),
            (
                Box::new(|s| s.retry_after.default_secs = 86_401),
                "retry_after.default_secs",
                "86401 s",
            ),
            (
                Box::new(|s| s.retry_after.header = "Retry After".into()),
                "retry_after.header",
                "not a valid HTTP header",
            ),
            (
                Box::new(|s| {
                    s.response.push(crate::front::spec::ResponseFieldSpec {
                        field: "kode".into(),
                        ty: "strin".into(),
                        description: "typo".into(),
                        fields: None,
                        value: None,
                        items: None,
                    })
                }),
                "response[2].type",
                "`strin` is not a JSON type",
            ),
            (
                Box::new(|s| s.response[0].ty = "object".into()),
                "response[0].type",
                "must have type `string`",
            ),
            (
                Box::new(move |s| s.statuses.push(extra_status(700))),
                "statuses[2].status",
                "700 is not an HTTP status",
            ),
            (
                Box::new(move |s| s.statuses.push(extra_status(429))),
                "statuses[2].status",
                "status 429 is listed twice",
            ),
            (
                Box::new(|s| s.categories[0].id = "Rate".into()),
                "categories[0].id",
                "is not snake_case",
            ),
            (
                Box::new(|s| s.categories[0].title = " ".into()),
                "categories[0].title",
                "this text is empty",
            ),
            (
                Box::new(|s| code(s, 0).code = "RATE_LIMITED ".into()),
                "categories[0].codes[0].code",
                "starts or ends with whitespace",
            ),
            (
                Box::new(|s| code(s, 0).code = "LIMITED".into()),
                "categories[0].codes[0].code",
                "does not start with",
            ),
            (
                Box::new(|s| code(s, 1).code = "RATE_LIMITED".into()),
                "categories[0].codes[1].code",
                "appears twice",
            ),
            (
                Box::new(|s| code(s, 0).status = 199),
                "categories[0].codes[0].status",
                "199 is not an error status",
            ),
            (
                Box::new(|s| code(s, 0).status = 418),
                "categories[0].codes[0].status",
                "418 is not in the `statuses:` table",
            ),
            (
                Box::new(|s| code(s, 1).message = String::new()),
                "categories[0].codes[1].message",
                "this text is empty",
            ),
            (
                Box::new(|s| code(s, 1).resolution = "\n".into()),
                "categories[0].codes[1].resolution",
                "empty",
            ),
        ];
        for (edit, path, message) in cases {
            let (found_path, found_message) = single_error(edit);
            assert_eq!(found_path, path, "{found_message}");
            assert!(found_message.contains(message), "{found_message:?} lacks {message:?}");
        }
    }

    #[test]
    fn codes_whose_rust_names_collide_are_refused() {
        let (path, message) = single_error(|s| {
            code(s, 0).code = "RATE_AB_1".into();
            code(s, 1).code = "RATE_AB1".into();
        });
        assert_eq!(path, "categories[0].codes[1].code");
        assert!(message.contains("both become the Rust variant `RateAb1`"), "{message}");
    }

    #[test]
    fn a_second_category_repeating_an_id_or_prefix_is_refused() {
        let found = problems(|s| {
            let mut twin = s.categories[0].clone();
            twin.codes.truncate(1);
            twin.codes[0].code = "RATE_OTHER".into();
            s.categories.push(twin);
        });
        let paths: Vec<&str> = found.iter().map(|(_, path, _)| path.as_str()).collect();
        assert_eq!(paths, ["categories[1].id", "categories[1].prefix"]);
    }

    #[test]
    fn every_problem_is_reported_in_one_run() {
        let found = problems(|s| {
            s.schema = 9;
            code(s, 0).status = 200;
            code(s, 1).message = String::new();
        });
        let errors = found
            .iter()
            .filter(|(severity, ..)| *severity == Severity::Error)
            .count();
        assert_eq!(errors, 3, "{found:#?}");
    }

    #[test]
    fn retry_classes_that_do_not_fit_their_status_are_warnings() {
        let found = problems(|s| code(s, 1).retry = "throttled".into());
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].0, Severity::Warning);
        assert!(
            found[0].2.contains("`retry: throttled` on status 500"),
            "{}",
            found[0].2
        );

        let found = problems(|s| {
            s.statuses.push(crate::front::spec::StatusSpec {
                status: 400,
                description: "Bad Request".into(),
                note: "Fix it".into(),
            });
            code(s, 1).status = 400;
        });
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].2.contains("`retry: transient` on status 400"),
            "{}",
            found[0].2
        );

        // 429 is a client error that a retry can pass.
        assert!(problems(|s| code(s, 0).retry = "transient".into()).is_empty());
    }

    #[test]
    fn a_code_sent_with_a_success_status_is_a_warning_its_allow_silences() {
        let on_200 = |s: &mut Spec| {
            s.statuses.push(crate::front::spec::StatusSpec {
                status: 200,
                description: "OK".into(),
                note: "JSON-RPC answers errors with 200".into(),
            });
            code(s, 1).status = 200;
        };
        let found = problems(on_200);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].0, found[0].1.as_str()),
            (Severity::Warning, "categories[0].codes[1].status")
        );
        assert!(found[0].2.contains("success status 200"), "{}", found[0].2);
        let allowed = problems(|s| {
            on_200(s);
            code(s, 1).allow = vec!["success_status".into()];
        });
        assert!(allowed.is_empty(), "{allowed:#?}");
    }

    #[test]
    fn a_code_that_allows_a_warning_by_name_no_longer_raises_it() {
        let throttled_on_500 = |s: &mut Spec| code(s, 1).retry = "throttled".into();
        let raised = validate(&{
            let mut spec = base();
            throttled_on_500(&mut spec);
            spec
        })
        .unwrap()
        .warnings;
        assert_eq!(raised[0].lint, Some(Lint::ThrottledStatus));
        assert!(
            problems(|s| {
                throttled_on_500(s);
                code(s, 1).allow = vec!["throttled_status".into()];
            })
            .is_empty()
        );
        // Allowing another warning leaves this one standing, and that
        // allow, acknowledging nothing, is itself a warning.
        let found = problems(|s| {
            throttled_on_500(s);
            code(s, 1).allow = vec!["transient_client_error".into()];
        });
        let paths: Vec<&str> = found.iter().map(|(_, path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            ["categories[0].codes[1].retry", "categories[0].codes[1].allow[0]"],
            "{found:#?}"
        );
    }

    #[test]
    fn an_allow_naming_a_warning_the_code_does_not_raise_is_a_warning() {
        let found = validate(&{
            let mut spec = base();
            code(&mut spec, 0).allow = vec!["success_status".into()];
            spec
        })
        .unwrap()
        .warnings;
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            (found[0].lint, found[0].path.as_str(), found[0].message.as_str()),
            (
                Some(Lint::UnusedAllow),
                "categories[0].codes[0].allow[0]",
                "code `RATE_LIMITED` allows `success_status`, a warning it does not raise"
            )
        );
        let (path, message) = single_error(|s| code(s, 0).allow = vec!["unused_allow".into()]);
        assert_eq!(
            (path.as_str(), message.as_str()),
            (
                "categories[0].codes[0].allow[0]",
                "`unused_allow` cannot be acknowledged"
            )
        );
    }

    #[test]
    fn an_empty_catalogue_and_an_empty_category_are_refused() {
        let (path, _) = single_error(|s| s.categories[0].codes.clear());
        assert_eq!(path, "categories[0].codes");
        let (path, _) = single_error(|s| s.categories.clear());
        assert_eq!(path, "categories");
    }

    #[test]
    fn deprecation_needs_a_reason_and_a_successor_that_exists_and_is_still_sent() {
        let found = single_error(|s| code(s, 0).retired = true);
        assert_eq!(found.0, "categories[0].codes[0].retired");
        let found = single_error(|s| code(s, 0).replaced_by = Some("RATE_BROKEN".into()));
        assert_eq!(found.1, "code `RATE_LIMITED` names a successor but is not deprecated");
        let found = single_error(|s| {
            code(s, 0).deprecated = Some("use RATE_BROKE".into());
            code(s, 0).replaced_by = Some("RATE_BROKE".into());
        });
        assert_eq!(
            found,
            (
                "categories[0].codes[0].replaced_by".into(),
                "`RATE_BROKE` is not a code of this catalogue".into()
            )
        );
        let found = single_error(|s| {
            code(s, 0).deprecated = Some("use the other".into());
            code(s, 0).replaced_by = Some("RATE_BROKEN".into());
            code(s, 1).deprecated = Some("gone".into());
            code(s, 1).retired = true;
        });
        assert_eq!(found.1, "`RATE_BROKEN` is retired, so it cannot take over");
        let found = single_error(|s| code(s, 0).since = Some("1.2".into()));
        assert!(found.1.starts_with("`1.2` is not a semver version: "), "{}", found.1);

        let mut spec = base();
        code(&mut spec, 0).deprecated = Some("use RATE_BROKEN".into());
        code(&mut spec, 0).replaced_by = Some("RATE_BROKEN".into());
        code(&mut spec, 0).since = Some("1.0.0".into());
        let model = validate(&spec).unwrap().model;
        let deprecated = &model.codes[0];
        assert!(matches!(deprecated.lifecycle, Lifecycle::Deprecated(_)));
        assert_eq!(deprecated.since, Some(semver::Version::new(1, 0, 0)));
        assert_eq!(
            model.successor(deprecated).map(|code| code.code.as_str()),
            Some("RATE_BROKEN")
        );
    }

    #[test]
    fn a_successor_is_resolved_to_its_code_wherever_it_stands() {
        let mut spec = base();
        code(&mut spec, 1).deprecated = Some("gone; use RATE_LIMITED".into());
        code(&mut spec, 1).replaced_by = Some("RATE_LIMITED".into());
        code(&mut spec, 1).retired = true;
        let model = validate(&spec).unwrap().model;
        let Lifecycle::Retired(deprecation) = &model.codes[1].lifecycle else {
            panic!(
                "a retired code with a reason is Retired: {:?}",
                model.codes[1].lifecycle
            );
        };
        assert_eq!(deprecation.reason, "gone; use RATE_LIMITED");
        assert_eq!(deprecation.replaced_by, Some(0));
        assert_eq!(model.codes[0].lifecycle, Lifecycle::Active);
        assert_eq!(model.successor(&model.codes[0]), None);
    }

    #[test]
    fn an_example_body_must_be_one_for_its_own_code() {
        let example = |yaml: &str| -> Option<serde_yaml::Value> { Some(serde_yaml::from_str(yaml).unwrap()) };
        let found = single_error(|s| code(s, 0).example = example("{ error: Slow down, code: RATE_BROKEN }"));
        assert_eq!(
            found,
            (
                "categories[0].codes[0].example.code".into(),
                "the example has \"RATE_BROKEN\" at `/code` (`wire.code`), where a reply for `RATE_LIMITED` has \"RATE_LIMITED\"".into()
            )
        );
        let found = single_error(|s| code(s, 0).example = example("{ error: Slow down }"));
        assert!(found.1.starts_with("the example has nothing at `/code`"), "{}", found.1);
        let found = single_error(|s| code(s, 0).example = example("[1, 2]"));
        assert_eq!(found.1, "the example is not a mapping of JSON values");
        let found = single_error(|s| code(s, 0).example = example("{ error: 5, code: RATE_LIMITED }"));
        assert_eq!(
            found,
            (
                "categories[0].codes[0].example.error".into(),
                "the example has 5 at `/error`, which `response:` documents as `string`".into()
            )
        );
        let found = single_error(|s| code(s, 0).example = example("{ code: RATE_LIMITED, details: { limit: 10 } }"));
        assert_eq!(
            found,
            (
                "categories[0].codes[0].example.details".into(),
                "the example has a member `details` at `/details`, which `response:` does not document".into()
            )
        );

        let mut spec = base();
        spec.response
            .push(serde_yaml::from_str("{ field: details, type: object, description: More }").unwrap());
        code(&mut spec, 0).example = example("{ error: Slow down, code: RATE_LIMITED, details: { limit: 10 } }");
        let model = validate(&spec).unwrap().model;
        assert_eq!(model.codes[0].example["details"]["limit"], 10);
        assert!(model.codes[0].example_stated);
        assert_eq!(
            model.codes[1].example,
            serde_json::json!({ "error": "Broken", "code": "RATE_BROKEN" })
        );
    }

    /// The base catalogue's body nested in `error`, with a constant, the
    /// status and the category id, and each code's `example:` from `examples`.
    fn nested(examples: [&str; 2]) -> Spec {
        let mut spec = base();
        spec.wire = Some(
            serde_yaml::from_str(
                "{ code: /error/code, message: /error/message, status: /error/http, category: /error/type }",
            )
            .unwrap(),
        );
        spec.response = serde_yaml::from_str(
            "
- { field: v, type: string, description: Version, value: '1' }
- field: error
  type: object
  description: The error
  fields:
    - { field: code, type: string, description: Code }
    - { field: message, type: string, description: Message }
    - { field: http, type: integer, description: Status }
    - { field: type, type: string, description: Category }
    - field: violations
      type: array
      description: Field errors
      items:
        type: object
        fields:
          - { field: name, type: string, description: The field }
",
        )
        .unwrap();
        for (i, yaml) in examples.into_iter().enumerate() {
            code(&mut spec, i).example = (!yaml.is_empty()).then(|| serde_yaml::from_str(yaml).unwrap());
        }
        spec
    }

    #[test]
    fn a_code_without_an_example_gets_the_body_laid_out_by_wire() {
        let model = validate(&nested(["", ""])).unwrap().model;
        assert_eq!(
            model.codes[0].example.to_string(),
            r#"{"error":{"code":"RATE_LIMITED","http":429,"message":"Slow down","type":"rate"},"v":"1"}"#
        );
        assert!(!model.codes[0].example_stated);
    }

    #[test]
    fn a_stated_example_carries_the_constants_status_and_category_and_documented_members_only() {
        let good = "{ v: '1', error: { code: RATE_LIMITED, http: 429, type: rate, violations: [{ name: a }] } }";
        assert!(validate(&nested([good, ""])).is_ok());
        let errors = |example: &str| -> Vec<(String, String)> {
            let spec = nested([example, ""]);
            let problems = validate(&spec).map(|v| v.warnings).unwrap_or_else(|problems| problems);
            problems.into_iter().map(|p| (p.path, p.message)).collect()
        };
        let found = errors("{ error: { code: RATE_LIMITED, http: 500, type: other } }");
        let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "categories[0].codes[0].example",
                "categories[0].codes[0].example.error.http",
                "categories[0].codes[0].example.error.type"
            ],
            "{found:#?}"
        );
        assert!(
            found[0].1.contains("nothing at `/v` (its `value:` in `response:`)"),
            "{found:#?}"
        );
        let found = errors("{ v: '1', error: { code: RATE_LIMITED, violations: [{ name: 1 }, { nam: a }] } }");
        assert_eq!(
            found,
            [
                (
                    "categories[0].codes[0].example.error.violations[0].name".to_owned(),
                    "the example has 1 at `/error/violations/0/name`, which `response:` documents as `string`"
                        .to_owned()
                ),
                (
                    "categories[0].codes[0].example.error.violations[1].nam".to_owned(),
                    "the example has a member `nam` at `/error/violations/1/nam`, which `response:` does not document"
                        .to_owned()
                )
            ]
        );
    }
}
