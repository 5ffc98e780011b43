//! What changed between two versions of a catalogue, classified for the API's
//! clients, and whether the crate version moved far enough: the catalogue's
//! cargo-semver-checks.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::{Code, ITEMS, Model, ResponseField, Retry, Wire};

/// How a change affects clients, from the mildest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Wording only: messages, resolutions, titles, notes, descriptions, links.
    Cosmetic,
    /// Something new that existing clients can ignore (`ErrorCode` is
    /// `#[non_exhaustive]`).
    Additive,
    /// Existing clients can break.
    Breaking,
}

impl Impact {
    /// The word `compat` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Cosmetic => "cosmetic",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }
}

/// One difference between the old and the new catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// How it affects clients.
    pub impact: Impact,
    /// What changed: a code, a category id, `status 429`, or a top-level key.
    pub subject: String,
    /// The change in words.
    pub description: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<9} {}: {}", self.impact.as_str(), self.subject, self.description)
    }
}

/// Every change from `old` to `new`, in catalogue order: top-level keys,
/// the reply's layout (`wire:`), body fields, statuses, categories, then
/// codes; within each, removals, then changes, then additions.
pub fn compare(old: &Model, new: &Model) -> Vec<Change> {
    let mut changes = Changes::default();
    changes.top_level(old, new);
    changes.wire(old, new);
    changes.response_fields("", &old.response_fields, &new.response_fields);
    changes.statuses(old, new);
    changes.categories(old, new);
    changes.codes(old, new);
    changes.0
}

#[derive(Default)]
struct Changes(Vec<Change>);

impl Changes {
    fn push(&mut self, impact: Impact, subject: &str, description: String) {
        self.0.push(Change {
            impact,
            subject: subject.to_owned(),
            description,
        });
    }

    /// Records a change of `what` when the two values differ.
    fn differ<T: PartialEq + Shown>(&mut self, impact: Impact, subject: &str, what: &str, old: T, new: T) {
        if old != new {
            self.push(
                impact,
                subject,
                format!("{what} changed from {} to {}", old.shown(), new.shown()),
            );
        }
    }

    fn top_level(&mut self, old: &Model, new: &Model) {
        if new.schema != old.schema {
            self.push(
                Impact::Breaking,
                "schema",
                format!("format version bumped from {} to {}", old.schema, new.schema),
            );
        }
        self.differ(
            Impact::Breaking,
            "crate",
            "package name",
            &old.crate_name,
            &new.crate_name,
        );
        self.differ(
            Impact::Breaking,
            "retry_after.header",
            "retry hint header",
            &old.retry_after_header,
            &new.retry_after_header,
        );
        self.differ(
            Impact::Breaking,
            "request_id_header",
            "request id header",
            &old.request_id_header,
            &new.request_id_header,
        );
        self.differ(
            Impact::Additive,
            "retry_after.default_secs",
            "default retry delay (s)",
            old.default_retry_after_secs,
            new.default_retry_after_secs,
        );
        self.differ(Impact::Cosmetic, "name", "API name", &old.api_name, &new.api_name);
        self.differ(
            Impact::Cosmetic,
            "docs_url",
            "docs address",
            &old.docs_url,
            &new.docs_url,
        );
        self.differ(Impact::Cosmetic, "license", "licence", &old.license, &new.license);
        self.differ(
            Impact::Cosmetic,
            "repository",
            "repository",
            &old.repository,
            &new.repository,
        );
        // Cargo's SemVer guide counts a raised minimum Rust version as a minor change.
        self.differ(
            Impact::Additive,
            "rust_version",
            "minimum Rust version",
            &old.rust_version,
            &new.rust_version,
        );
        self.differ(
            Impact::Cosmetic,
            "keywords",
            "keywords",
            &old.keywords.join(", "),
            &new.keywords.join(", "),
        );
    }

    /// Where each part of a reply lives: a client reads the old place, so
    /// moving or dropping a part breaks it; a new part is additive. A part
    /// that comes or goes with its body field (a default place, e.g.
    /// `/details`) is reported once, as the field.
    fn wire(&mut self, old: &Model, new: &Model) {
        let parts = |wire: &Wire| {
            let field_errors = wire.field_errors.as_ref().map(|at| {
                let member = |name: &Option<String>| name.as_deref().unwrap_or("-").to_owned();
                format!(
                    "{} (field {}, message {}, value {})",
                    at.entries,
                    at.field,
                    member(&at.message),
                    member(&at.value)
                )
            });
            let placed = wire
                .placed_parts()
                .map(|(key, pointer)| (key, pointer.map(str::to_owned)));
            let others = [
                ("code_type", Some(wire.code_type.as_str().to_owned())),
                ("code_header", wire.code_header.clone()),
                ("field_errors", field_errors),
            ];
            placed
                .into_iter()
                .chain(others)
                .map(|(key, place)| (format!("wire.{key}"), place))
        };
        for ((subject, before), (_, after)) in parts(&old.wire).zip(parts(&new.wire)) {
            let impact = match (&before, &after) {
                (Some(place), None) if crate::validate::body::find(&new.response_fields, place).is_none() => continue,
                (None, Some(place)) if crate::validate::body::find(&old.response_fields, place).is_none() => continue,
                (None, Some(_)) => Impact::Additive,
                _ => Impact::Breaking,
            };
            self.differ(impact, &subject, "place", &before, &after);
        }
    }

    /// The body's fields at any depth, named by their path (`error.code`,
    /// an array's elements as `details[]`).
    fn response_fields<'f>(&mut self, path: &str, old: &'f [ResponseField], new: &'f [ResponseField]) {
        let named = |field: &ResponseField| {
            let name = if field.name == ITEMS { "[]" } else { field.name.as_str() };
            format!("{path}{name}")
        };
        let pairs = paired(old, new, |field| field.name.clone());
        for before in pairs.removed {
            let subject = format!("body field `{}`", named(before));
            self.push(Impact::Breaking, &subject, "removed from the error body".to_owned());
        }
        for (before, after) in pairs.kept {
            let subject = format!("body field `{}`", named(before));
            self.differ(Impact::Breaking, &subject, "type", &before.ty, &after.ty);
            self.differ(
                Impact::Breaking,
                &subject,
                "value",
                &before.value.as_ref().map(|value| value.to_json().to_string()),
                &after.value.as_ref().map(|value| value.to_json().to_string()),
            );
            self.differ(
                Impact::Cosmetic,
                &subject,
                "description",
                &before.description,
                &after.description,
            );
            self.response_fields(&format!("{}.", named(before)), &before.fields, &after.fields);
            let items = |field: &'f ResponseField| field.items.as_deref().map_or(&[][..], std::slice::from_ref);
            self.response_fields(&named(before), items(before), items(after));
        }
        for after in pairs.added {
            let subject = format!("body field `{}`", named(after));
            self.push(Impact::Additive, &subject, "added to the error body".to_owned());
        }
    }

    fn statuses(&mut self, old: &Model, new: &Model) {
        let pairs = paired(&old.statuses, &new.statuses, |status| status.code);
        for before in pairs.removed {
            let subject = format!("status {}", before.code);
            self.push(
                Impact::Breaking,
                &subject,
                "row removed from the status table".to_owned(),
            );
        }
        for (before, after) in pairs.kept {
            let subject = format!("status {}", before.code);
            self.differ(
                Impact::Cosmetic,
                &subject,
                "description",
                &before.description,
                &after.description,
            );
            self.differ(Impact::Cosmetic, &subject, "note", &before.note, &after.note);
        }
        for after in pairs.added {
            let subject = format!("status {}", after.code);
            self.push(Impact::Additive, &subject, "row added to the status table".to_owned());
        }
    }

    fn categories(&mut self, old: &Model, new: &Model) {
        let pairs = paired(&old.categories, &new.categories, |category| category.id.clone());
        for before in pairs.removed {
            self.push(
                Impact::Breaking,
                &format!("category `{}`", before.id),
                "removed".to_owned(),
            );
        }
        for (before, after) in pairs.kept {
            let subject = format!("category `{}`", before.id);
            self.differ(Impact::Breaking, &subject, "prefix", &before.prefix, &after.prefix);
            self.differ(Impact::Cosmetic, &subject, "title", &before.title, &after.title);
        }
        for after in pairs.added {
            self.push(
                Impact::Additive,
                &format!("category `{}`", after.id),
                "added".to_owned(),
            );
        }
    }

    fn codes(&mut self, old: &Model, new: &Model) {
        let pairs = paired(&old.codes, &new.codes, |code| code.code.clone());
        for before in pairs.removed {
            let description = if before.lifecycle.is_retired() {
                "retired code deleted: keep its tombstone so that old replies parse and the name is never reused"
                    .to_owned()
            } else {
                match renamed_to(before, old, new) {
                    Some(successor) => format!(
                        "removed (renamed to `{successor}`?); deprecate it with `replaced_by: {successor}` instead"
                    ),
                    None => "removed; deprecate it, then retire it, instead".to_owned(),
                }
            };
            self.push(Impact::Breaking, &format!("`{}`", before.code), description);
        }
        for (before, after) in pairs.kept {
            self.code(&format!("`{}`", before.code), before, after, old, new);
        }
        for after in pairs.added {
            self.push(Impact::Additive, &format!("`{}`", after.code), "new code".to_owned());
        }
    }

    fn code(&mut self, subject: &str, before: &Code, after: &Code, old: &Model, new: &Model) {
        // A `name:` renames the Rust variant that callers match on.
        self.differ(
            Impact::Breaking,
            subject,
            "Rust variant",
            &before.variant,
            &after.variant,
        );
        self.differ(Impact::Breaking, subject, "status", before.status, after.status);
        self.differ(
            Impact::Breaking,
            subject,
            "category",
            &old.categories[before.category].id,
            &new.categories[after.category].id,
        );
        if before.retry != after.retry {
            let impact = if strictness(after.retry) > strictness(before.retry) {
                Impact::Breaking
            } else {
                Impact::Additive
            };
            self.push(
                impact,
                subject,
                format!(
                    "retry changed from `{}` to `{}`",
                    before.retry.as_str(),
                    after.retry.as_str()
                ),
            );
        }
        self.differ(Impact::Breaking, subject, "reauth", before.reauth, after.reauth);
        let (was, is) = (&before.lifecycle, &after.lifecycle);
        match (was.is_retired(), is.is_retired()) {
            (true, false) => self.push(
                Impact::Breaking,
                subject,
                "a retired code is sent again: retired names are never reused".to_owned(),
            ),
            (false, true) => self.push(Impact::Additive, subject, "retired".to_owned()),
            _ => {}
        }
        // Successors are compared by name: each model numbers its own codes.
        let successor = |model: &Model, code: &Code| model.successor(code).map(|successor| successor.code.clone());
        match (was.deprecation(), is.deprecation()) {
            (None, Some(deprecation)) => {
                let successor = successor(new, after)
                    .map(|successor| format!(" in favour of `{successor}`"))
                    .unwrap_or_default();
                let reason = &deprecation.reason;
                self.push(Impact::Additive, subject, format!("deprecated{successor}: {reason}"));
            }
            (Some(_), None) => self.push(Impact::Additive, subject, "no longer deprecated".to_owned()),
            (Some(a), Some(b)) => {
                self.differ(Impact::Cosmetic, subject, "deprecation note", &a.reason, &b.reason);
                self.differ(
                    Impact::Additive,
                    subject,
                    "successor",
                    &successor(old, before),
                    &successor(new, after),
                );
            }
            (None, None) => {}
        }
        self.differ(Impact::Cosmetic, subject, "since", &before.since, &after.since);
        self.differ(Impact::Cosmetic, subject, "message", &before.message, &after.message);
        self.differ(
            Impact::Cosmetic,
            subject,
            "resolution",
            &before.resolution,
            &after.resolution,
        );
        // A generated example follows the message, already reported above.
        if before.example != after.example && (before.example_stated || after.example_stated) {
            self.push(Impact::Cosmetic, subject, "example body changed".to_owned());
        }
    }
}

/// A value as a change description shows it: text quoted, absence in words.
trait Shown {
    fn shown(&self) -> String;
}

impl Shown for &String {
    fn shown(&self) -> String {
        format!("{self:?}")
    }
}

impl Shown for &Option<String> {
    fn shown(&self) -> String {
        self.as_ref()
            .map_or_else(|| "none".to_owned(), |text| format!("{text:?}"))
    }
}

impl Shown for &Option<semver::Version> {
    fn shown(&self) -> String {
        self.as_ref()
            .map_or_else(|| "none".to_owned(), |version| format!("\"{version}\""))
    }
}

impl Shown for u16 {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Shown for u64 {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Shown for bool {
    fn shown(&self) -> String {
        self.to_string()
    }
}

/// How far a retry class is from "retry freely": moving up breaks clients
/// that retry.
fn strictness(retry: Retry) -> u8 {
    match retry {
        Retry::Throttled => 0,
        Retry::Transient => 1,
        Retry::Never => 2,
    }
}

/// A new code that looks like `removed` under another name: same status,
/// category and message.
fn renamed_to<'a>(removed: &Code, old: &Model, new: &'a Model) -> Option<&'a str> {
    new.codes
        .iter()
        .filter(|code| !old.codes.iter().any(|before| before.code == code.code))
        .find(|code| {
            code.status == removed.status
                && code.message == removed.message
                && new.categories[code.category].id == old.categories[removed.category].id
        })
        .map(|code| code.code.as_str())
}

/// Two versions of one list, paired by key: what only the old one has, what
/// both have (old, new), and what only the new one has, each in its list's order.
struct Paired<'a, T> {
    removed: Vec<&'a T>,
    kept: Vec<(&'a T, &'a T)>,
    added: Vec<&'a T>,
}

fn paired<'a, T, K: Ord>(old: &'a [T], new: &'a [T], key: impl Fn(&T) -> K) -> Paired<'a, T> {
    let new_by_key: BTreeMap<K, &T> = new.iter().map(|item| (key(item), item)).collect();
    let old_keys: BTreeSet<K> = old.iter().map(&key).collect();
    let (mut removed, mut kept) = (Vec::new(), Vec::new());
    for before in old {
        match new_by_key.get(&key(before)) {
            Some(after) => kept.push((before, *after)),
            None => removed.push(before),
        }
    }
    let added = new.iter().filter(|after| !old_keys.contains(&key(after))).collect();
    Paired { removed, kept, added }
}

/// How much a version moved, or must move, in cargo's semver terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// No change.
    None,
    /// A compatible fix (`1.2.3` → `1.2.4`, `0.2.3` → `0.2.4`).
    Patch,
    /// A compatible feature (`1.2.3` → `1.3.0`); under 1.0 cargo has no such step.
    Minor,
    /// An incompatible release (`1.2.3` → `2.0.0`, `0.2.3` → `0.3.0`).
    Major,
}

impl Bump {
    /// The word printed for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "no",
            Bump::Patch => "a patch",
            Bump::Minor => "a minor",
            Bump::Major => "an incompatible (major)",
        }
    }
}

/// The outcome of checking the version against the changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionCheck {
    /// One side does not state `version:`, so nothing can be checked.
    Unstated,
    /// The version moved at least as far as the changes need.
    Enough {
        /// What the changes need.
        required: Bump,
        /// How far it moved.
        actual: Bump,
    },
    /// The version did not move far enough, or went backwards.
    TooSmall {
        /// What the changes need.
        required: Bump,
        /// How far it moved (`None` when it went backwards).
        actual: Option<Bump>,
    },
}

/// Checks the version bump from `old` to `new` against `changes`, with cargo's
/// rules: below 1.0.0 a breaking change needs the minor number raised and any
/// other change at least the patch number.
pub fn check_version(old: &Model, new: &Model, changes: &[Change]) -> VersionCheck {
    let (Some(before), Some(after)) = (&old.stated_version, &new.stated_version) else {
        return VersionCheck::Unstated;
    };
    let (before, after) = (numbers(before), numbers(after));
    let required = match (changes.iter().map(|c| c.impact).max(), before.0) {
        (None, _) => Bump::None,
        (Some(Impact::Breaking), _) => Bump::Major,
        (Some(Impact::Additive), 1..) => Bump::Minor,
        (Some(_), _) => Bump::Patch,
    };
    let actual = bump_between(before, after);
    match actual {
        Some(actual) if actual >= required => VersionCheck::Enough { required, actual },
        actual => VersionCheck::TooSmall { required, actual },
    }
}

/// `1.2.3-beta+x` → (1, 2, 3); pre-release and build parts do not count.
fn numbers(version: &semver::Version) -> (u64, u64, u64) {
    (version.major, version.minor, version.patch)
}

/// How far `before` → `after` moved in cargo's terms, or `None` backwards.
fn bump_between(before: (u64, u64, u64), after: (u64, u64, u64)) -> Option<Bump> {
    if after < before {
        return None;
    }
    // Cargo treats the leftmost non-zero number as the major one.
    let incompatible = match before {
        (0, 0, _) => after != before,
        (0, minor, _) => after.0 > 0 || after.1 > minor,
        (major, ..) => after.0 > major,
    };
    Some(if incompatible {
        Bump::Major
    } else if after.0 == before.0 && after.1 > before.1 {
        Bump::Minor
    } else if after > before {
        Bump::Patch
    } else {
        Bump::None
    })
}

/// A Markdown changelog section for `new`'s version listing `changes`, the
/// breaking ones first.
pub fn changelog(new: &Model, changes: &[Change]) -> String {
    let mut text = format!("## {} {}\n", new.crate_name, new.version());
    if changes.is_empty() {
        text.push_str("\nNo changes to the error catalogue.\n");
    }
    for (impact, heading) in [
        (Impact::Breaking, "Breaking changes"),
        (Impact::Additive, "Additions"),
        (Impact::Cosmetic, "Wording and docs"),
    ] {
        let listed: Vec<&Change> = changes.iter().filter(|c| c.impact == impact).collect();
        if listed.is_empty() {
            continue;
        }
        text.push_str(&format!("\n### {heading}\n\n"));
        for change in listed {
            text.push_str(&format!("- {}: {}\n", change.subject, change.description));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "
schema: 1
name: Test API
crate: test-errors
version: 1.2.3
docs_url: https://example.com/errors
retry_after: { header: Retry-After, default_secs: 60 }
response:
  - { field: error, type: string, description: Message }
  - { field: code, type: string, description: Code }
statuses:
  - { status: 401, description: Unauthorized, note: Sign in }
  - { status: 429, description: Too Many Requests, note: Slow down }
  - { status: 500, description: Internal Server Error, note: Retry }
categories:
  - id: auth
    title: Auth Errors
    prefix: AUTH_
    codes:
      - { code: AUTH_EXPIRED, status: 401, message: Expired, resolution: Sign in, retry: never, reauth: true }
  - id: rate
    title: Rate Errors
    prefix: RATE_
    codes:
      - { code: RATE_LIMITED, status: 429, message: Slow down, resolution: Wait, retry: throttled }
      - { code: RATE_BROKEN, status: 500, message: Broken, resolution: Retry, retry: transient }
";

    /// Text replacements that turn one catalogue into another.
    type Edits<'a> = &'a [(&'a str, &'a str)];

    fn model(text: &str) -> Model {
        crate::parse_spec(text, "spec.yaml")
            .unwrap_or_else(|err| panic!("{err}\n{text}"))
            .model
    }

    /// The catalogue after replacing `from` with `to` in its text.
    fn edited(edits: Edits) -> String {
        edits.iter().fold(BASE.to_owned(), |text, (from, to)| {
            assert!(text.contains(from), "{from}");
            text.replacen(from, to, 1)
        })
    }

    #[test]
    fn each_kind_of_change_is_classified_and_needs_its_bump() {
        use Impact::*;
        let with_new_code = "retry: throttled }\n      - { code: RATE_SLOW, status: 429, message: Slower, resolution: Wait, retry: throttled }\n";
        let table: &[(&str, Edits, Impact, &str)] = &[
            (
                "remove a code",
                &[(
                    "      - { code: RATE_BROKEN, status: 500, message: Broken, resolution: Retry, retry: transient }\n",
                    "",
                )],
                Breaking,
                "removed",
            ),
            (
                "rename a code",
                &[("code: RATE_BROKEN", "code: RATE_FAILED")],
                Breaking,
                "renamed to `RATE_FAILED`?",
            ),
            (
                "rename a code's Rust variant",
                &[("code: RATE_BROKEN,", "code: RATE_BROKEN, name: Broken,")],
                Breaking,
                "Rust variant changed from \"RateBroken\" to \"Broken\"",
            ),
            (
                "change a status",
                &[("code: RATE_BROKEN, status: 500", "code: RATE_BROKEN, status: 429")],
                Breaking,
                "status changed from 500 to 429",
            ),
            (
                "make retry stricter",
                &[("Retry, retry: transient", "Retry, retry: never")],
                Breaking,
                "retry changed from `transient` to `never`",
            ),
            (
                "loosen retry",
                &[("Retry, retry: transient", "Retry, retry: throttled")],
                Additive,
                "retry changed from `transient` to `throttled`",
            ),
            (
                "drop reauth",
                &[("reauth: true", "reauth: false")],
                Breaking,
                "reauth changed from true to false",
            ),
            (
                "raise the minimum Rust version",
                &[("version: 1.2.3", "version: 1.2.3\nrust_version: \"1.85\"")],
                Additive,
                "minimum Rust version changed from none to \"1.85\"",
            ),
            (
                "name the repository",
                &[("version: 1.2.3", "version: 1.2.3\nrepository: https://example.com/api")],
                Cosmetic,
                "repository changed from none to \"https://example.com/api\"",
            ),
            (
                "add the details field",
                &[(
                    "description: Code }\n",
                    "description: Code }\n  - { field: details, type: object, description: More }\n",
                )],
                Additive,
                "added to the error body",
            ),
            (
                "add a code",
                &[("retry: throttled }\n", with_new_code)],
                Additive,
                "new code",
            ),
            (
                "add a status row",
                &[(
                    "statuses:\n",
                    "statuses:\n  - { status: 503, description: Unavailable, note: Later }\n",
                )],
                Additive,
                "row added to the status table",
            ),
            (
                "deprecate a code",
                &[(
                    "retry: transient }",
                    "retry: transient, deprecated: use RATE_LIMITED, replaced_by: RATE_LIMITED }",
                )],
                Additive,
                "deprecated in favour of `RATE_LIMITED`: use RATE_LIMITED",
            ),
            (
                "reword a message",
                &[("message: Broken", "message: Broken down")],
                Cosmetic,
                "message changed from \"Broken\" to \"Broken down\"",
            ),
            (
                "retitle a category",
                &[("title: Rate Errors", "title: Rate Limits")],
                Cosmetic,
                "title changed",
            ),
            (
                "change the retry header",
                &[("header: Retry-After", "header: X-Retry-In")],
                Breaking,
                "retry hint header changed",
            ),
        ];
        for (what, edits, impact, needle) in table {
            let changes = compare(&model(BASE), &model(&edited(edits)));
            assert!(!changes.is_empty(), "{what}: no change found");
            let top = changes.iter().map(|c| c.impact).max().unwrap();
            assert_eq!(top, *impact, "{what}: {changes:#?}");
            assert!(
                changes
                    .iter()
                    .any(|c| c.impact == *impact && c.description.contains(needle)),
                "{what}: no `{needle}` in {changes:#?}"
            );
        }
    }

    #[test]
    fn moving_a_part_of_the_reply_or_changing_a_nested_field_breaks_clients() {
        let nested = |code_at: &str, reason_type: &str, extra: &str| {
            edited(&[
                (
                    "response:\n",
                    &format!("wire: {{ code: {code_at}, message: /error/message }}\nresponse:\n"),
                ),
                (
                    "  - { field: error, type: string, description: Message }\n  - { field: code, type: string, description: Code }\n",
                    &format!(
                        "  - field: error\n    type: object\n    description: The error\n    fields:\n      - {{ field: message, type: string, description: Message }}\n      - {{ field: code, type: string, description: Code }}\n      - {{ field: reason, type: {reason_type}, description: Reason }}\n{extra}"
                    ),
                ),
            ])
        };
        let base = model(&nested("/error/code", "string", ""));
        let lines =
            |new: &str| -> Vec<String> { compare(&base, &model(new)).iter().map(ToString::to_string).collect() };
        assert_eq!(
            lines(&nested("/error/reason", "string", "")),
            [r#"breaking  wire.code: place changed from "/error/code" to "/error/reason""#]
        );
        assert_eq!(
            lines(&nested("/error/code", "integer", "")),
            ["breaking  body field `error.reason`: type changed from \"string\" to \"integer\""]
        );
        let versioned = |value: &str| {
            nested(
                "/error/code",
                "string",
                &format!("  - {{ field: jsonrpc, type: string, description: Version, value: \"{value}\" }}\n"),
            )
        };
        assert_eq!(
            lines(&versioned("2.0")),
            ["additive  body field `jsonrpc`: added to the error body"]
        );
        assert_eq!(
            compare(&model(&versioned("2.0")), &model(&versioned("3.0")))
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [r#"breaking  body field `jsonrpc`: value changed from "\"2.0\"" to "\"3.0\"""#]
        );
        let with_status = nested(
            "/error/code",
            "string",
            "  - { field: status, type: integer, description: Status }\n",
        )
        .replace(
            "message: /error/message }",
            "message: /error/message, status: /status }",
        );
        let without_status = nested(
            "/error/code",
            "string",
            "  - { field: status, type: integer, description: Status }\n",
        );
        assert_eq!(
            compare(&model(&without_status), &model(&with_status))
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [r#"additive  wire.status: place changed from none to "/status""#]
        );
        assert_eq!(
            compare(&model(&with_status), &model(&without_status))
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [r#"breaking  wire.status: place changed from "/status" to none"#]
        );
    }

    #[test]
    fn an_array_s_documented_elements_are_compared_as_name_brackets() {
        let google = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/real/google.yaml"
        ))
        .expect("the Google fixture");
        let retyped = google.replacen(
            "            - field: retryDelay\n              type: string",
            "            - field: retryDelay\n              type: object",
            1,
        );
        assert_ne!(retyped, google);
        let lines: Vec<String> = compare(&model(&google), &model(&retyped))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            lines,
            [r#"breaking  body field `error.details[].retryDelay`: type changed from "string" to "object""#]
        );
    }

    #[test]
    fn removing_the_details_field_is_breaking() {
        let with_details = edited(&[(
            "description: Code }\n",
            "description: Code }\n  - { field: details, type: object, description: More }\n",
        )]);
        let changes = compare(&model(&with_details), &model(BASE));
        assert_eq!(changes.len(), 1, "{changes:#?}");
        assert_eq!(changes[0].impact, Impact::Breaking);
        assert_eq!(
            changes[0].to_string(),
            "breaking  body field `details`: removed from the error body"
        );
    }

    #[test]
    fn a_retired_code_may_be_neither_deleted_nor_reused() {
        let retired = edited(&[(
            "retry: transient }",
            "retry: transient, deprecated: gone, retired: true }",
        )]);
        let deleted = edited(&[(
            "      - { code: RATE_BROKEN, status: 500, message: Broken, resolution: Retry, retry: transient }\n",
            "",
        )]);
        let changes = compare(&model(&retired), &model(&deleted));
        assert_eq!(changes[0].impact, Impact::Breaking);
        assert!(
            changes[0].description.starts_with("retired code deleted"),
            "{changes:#?}"
        );
        let changes = compare(&model(&retired), &model(BASE));
        assert!(
            changes
                .iter()
                .any(|c| c.impact == Impact::Breaking && c.description.contains("never reused")),
            "{changes:#?}"
        );
        // Retiring is additive: old replies still parse.
        let changes = compare(&model(BASE), &model(&retired));
        assert_eq!(changes.iter().map(|c| c.impact).max(), Some(Impact::Additive));
    }

    #[test]
    fn the_version_must_move_as_far_as_the_changes_need() {
        let with_version = |version: &str, edits: Edits| {
            let mut all = vec![("version: 1.2.3", version)];
            all.extend_from_slice(edits);
            model(&edited(&all))
        };
        let breaking = [("code: RATE_BROKEN", "code: RATE_FAILED")];
        let additive = [(
            "statuses:\n",
            "statuses:\n  - { status: 503, description: Unavailable, note: Later }\n",
        )];
        let cosmetic = [("message: Broken", "message: Broken down")];
        let cases: &[(&str, Edits, bool)] = &[
            ("version: 2.0.0", &breaking, true),
            ("version: 1.3.0", &breaking, false),
            ("version: 1.3.0", &additive, true),
            ("version: 1.2.4", &additive, false),
            ("version: 1.2.4", &cosmetic, true),
            ("version: 1.2.3", &cosmetic, false),
            ("version: 1.2.3", &[], true),
            ("version: 1.2.2", &[], false),
        ];
        let old = model(BASE);
        for (version, edits, enough) in cases {
            let new = with_version(version, edits);
            let verdict = check_version(&old, &new, &compare(&old, &new));
            assert_eq!(
                matches!(verdict, VersionCheck::Enough { .. }),
                *enough,
                "{version} after {edits:?}: {verdict:?}"
            );
        }
        // Under 1.0, cargo's major number is the minor one.
        assert_eq!(bump_between((0, 2, 3), (0, 3, 0)), Some(Bump::Major));
        assert_eq!(bump_between((0, 2, 3), (0, 2, 4)), Some(Bump::Patch));
        assert_eq!(bump_between((0, 0, 3), (0, 0, 4)), Some(Bump::Major));
        // Without `version:` on both sides nothing can be checked.
        let unversioned = model(&edited(&[("version: 1.2.3\n", "")]));
        assert_eq!(check_version(&unversioned, &old, &[]), VersionCheck::Unstated);
    }

    #[test]
    fn the_changelog_lists_breaking_changes_first() {
        let new = model(&edited(&[
            ("version: 1.2.3", "version: 2.0.0"),
            ("message: Broken", "message: Broken down"),
            ("code: RATE_LIMITED, status: 429", "code: RATE_LIMITED, status: 500"),
        ]));
        let text = changelog(&new, &compare(&model(BASE), &new));
        assert_eq!(
            text,
            "## test-errors 2.0.0\n\n### Breaking changes\n\n- `RATE_LIMITED`: status changed from 429 to 500\n\n### Wording and docs\n\n- `RATE_BROKEN`: message changed from \"Broken\" to \"Broken down\"\n"
        );
    }
}
