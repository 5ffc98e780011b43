//! `docs/conformance.json`: the replies every client of the API (Rust,
//! TypeScript, Python) must read alike, each with what reading it must give.
//!
//! The vectors are written from the catalogue and the runtime's documented
//! rules, never from running a client: each vector states what its reply
//! carries (the code it sends, its message, its hint), and the rules below
//! say what that means — the route (`ErrorKind`'s table), whether it is
//! retried, the wait the server asked for, and the policy's delays. The
//! format is described in the README ("One conformance suite").
//!
//! The replies: every code's golden reply (`docs/examples.json`), then the
//! hostile ones — empty, HTML and truncated bodies, an unknown code, a code
//! of the wrong JSON type, a code only in the code header, AWS forms of a
//! known code, every shape of `Retry-After` (garbage, negative, fractional,
//! huge, HTTP-dates in all three forms, past and future), both hint headers
//! at once, hints on transient errors and over the cap, the default shapes
//! of field errors in `details`, request ids plain and with a control
//! character, and a success reply.

use std::collections::BTreeMap;
use std::io::Write as _;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::envelope::{code_value, set};
use crate::model::{Code, CodeType, FieldErrorsAt, Model, Retry, pointer_keys};

use super::json_export::golden_headers;

/// When every reply is read, so that an HTTP-date hint has one meaning:
/// Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example date), in Unix seconds.
const RECEIVED_AT_SECS: u64 = 784_111_777;

/// The policy the delays are computed under: the runtime's defaults (0.5 s
/// base, 20 s cap, hints honoured up to 5 minutes) with jitter off, and 8
/// attempts, enough for the backoff to reach its cap.
const POLICY: Policy = Policy {
    max_attempts: 8,
    base_delay_ms: 500,
    max_delay_ms: 20_000,
    max_hint_ms: 300_000,
};

/// A `Retry-After` far beyond any cap: 1,000 years, in seconds.
const HUGE_HINT_SECS: u64 = 31_536_000_000;

struct Policy {
    max_attempts: u32,
    base_delay_ms: u64,
    max_delay_ms: u64,
    max_hint_ms: u64,
}

/// `ErrorKind`, as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ReAuthenticate,
    Auth,
    Validation,
    RateLimited,
    Transient,
    Server,
    Client,
}

impl Kind {
    /// The documented route: a known code's re-auth flag, then its retry
    /// class, then the status (502–504 are transient only without a known code).
    fn of(status: u16, code: Option<&Code>) -> Kind {
        if let Some(code) = code {
            if code.reauth {
                return Kind::ReAuthenticate;
            }
            match code.retry {
                Retry::Throttled => return Kind::RateLimited,
                Retry::Transient => return Kind::Transient,
                Retry::Never => {}
            }
        }
        match status {
            401 | 403 => Kind::Auth,
            400 | 422 => Kind::Validation,
            429 => Kind::RateLimited,
            502..=504 if code.is_none() => Kind::Transient,
            500..=599 => Kind::Server,
            _ => Kind::Client,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Kind::ReAuthenticate => "re_authenticate",
            Kind::Auth => "auth",
            Kind::Validation => "validation",
            Kind::RateLimited => "rate_limited",
            Kind::Transient => "transient",
            Kind::Server => "server",
            Kind::Client => "client",
        }
    }
}

/// One reply, and what it carries as its author wrote it.
struct Vector<'m> {
    name: String,
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    /// The catalogue's code the reply carries, when it carries a known one.
    code: Option<&'m Code>,
    /// The code as the reader reports it (known or not), when there is one.
    wire_code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    /// The server's hint as sent (the larger of the hint headers), in ms.
    hint_ms: Option<u64>,
    /// The field errors a validation view lists.
    field_errors: Vec<Value>,
}

impl<'m> Vector<'m> {
    fn new(name: impl Into<String>, status: u16) -> Vector<'m> {
        Vector {
            name: name.into(),
            status,
            headers: Vec::new(),
            body: String::new(),
            code: None,
            wire_code: None,
            message: None,
            request_id: None,
            hint_ms: None,
            field_errors: Vec::new(),
        }
    }

    fn header(mut self, name: &str, value: &str) -> Vector<'m> {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    fn body(mut self, body: impl Into<String>) -> Vector<'m> {
        self.body = body.into();
        self
    }

    fn hint_ms(mut self, hint_ms: u64) -> Vector<'m> {
        self.hint_ms = Some(hint_ms);
        self
    }

    /// Writes the reply and its expected reading, by the documented rules,
    /// as one line of JSON.
    fn write(&self, model: &Model, out: &mut Vec<u8>) {
        let kind = Kind::of(self.status, self.code);
        let retryable = matches!(kind, Kind::RateLimited | Kind::Transient)
            && self.code.is_none_or(|code| code.retry != Retry::Never);
        let throttled = self.code.is_some_and(|code| code.retry == Retry::Throttled);
        let default_ms = model.default_retry_after_secs.saturating_mul(1000);
        let retry_after_ms = self.hint_ms.or(throttled.then_some(default_ms));
        let delays_ms = (1..=POLICY.max_attempts)
            .map(|attempt| {
                if attempt >= POLICY.max_attempts || !retryable {
                    return None;
                }
                let hint = self.hint_ms.map(|hint| hint.min(POLICY.max_hint_ms));
                Some(match kind {
                    Kind::RateLimited => hint.unwrap_or(default_ms.min(POLICY.max_hint_ms)),
                    _ => {
                        let backoff = (POLICY.base_delay_ms << (attempt - 1)).min(POLICY.max_delay_ms);
                        hint.map_or(backoff, |hint| hint.max(backoff))
                    }
                })
            })
            .collect();
        let row = VectorRow {
            name: &self.name,
            reply: Reply {
                status: self.status,
                headers: self
                    .headers
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.as_str()))
                    .collect(),
                body: &self.body,
            },
            expect: Expect {
                is_error: self.wire_code.is_some() || !(200..300).contains(&self.status),
                code: self.code.map(|code| code.code.as_str()),
                wire_code: self.wire_code.as_deref(),
                message: self.message.as_deref(),
                request_id: self.request_id.as_deref(),
                kind: kind.as_str(),
                retryable,
                requires_reauth: self.code.is_some_and(|code| code.reauth),
                retry_after_ms,
                field_errors: if kind == Kind::Validation {
                    &self.field_errors
                } else {
                    &[]
                },
                delays_ms,
            },
        };
        // Strings, numbers and string-keyed maps always serialize.
        let _ = serde_json::to_writer(out, &row);
    }
}

/// One vector as the file writes it: its name, the reply, what reading it gives.
#[derive(Serialize)]
struct VectorRow<'v> {
    name: &'v str,
    reply: Reply<'v>,
    expect: Expect<'v>,
}

#[derive(Serialize)]
struct Reply<'v> {
    status: u16,
    /// By name: a later header of the same name stands for an earlier one.
    headers: BTreeMap<&'v str, &'v str>,
    body: &'v str,
}

#[derive(Serialize)]
struct Expect<'v> {
    is_error: bool,
    code: Option<&'v str>,
    wire_code: Option<&'v str>,
    message: Option<&'v str>,
    request_id: Option<&'v str>,
    kind: &'static str,
    retryable: bool,
    requires_reauth: bool,
    retry_after_ms: Option<u64>,
    field_errors: &'v [Value],
    delays_ms: Vec<Option<u64>>,
}

/// About the bytes a golden vector takes: the file is sized once, up front.
const VECTOR_BYTES: usize = 544;

/// `docs/conformance.json`: format 1, described in the README. Written as
/// it is read, one vector at a time and one vector a line, so neither time
/// nor memory goes to a tree of the whole file.
pub fn render_conformance(model: &Model) -> String {
    let mut out = Vec::with_capacity((model.codes.len() + 64) * VECTOR_BYTES);
    out.extend_from_slice(b"{\n  \"format\": 1,\n  \"api\": ");
    let _ = serde_json::to_writer(&mut out, &model.api_name);
    let _ = write!(
        out,
        ",\n  \"received_at_ms\": {},\n  \"policy\": {{\"max_attempts\":{},\"base_delay_ms\":{},\"max_delay_ms\":{},\"max_hint_ms\":{},\"jitter\":false}},\n  \"vectors\": [",
        RECEIVED_AT_SECS * 1000,
        POLICY.max_attempts,
        POLICY.base_delay_ms,
        POLICY.max_delay_ms,
        POLICY.max_hint_ms,
    );
    let golden = model.codes.iter().map(|code| golden_vector(model, code));
    for (i, vector) in golden.chain(hostile_vectors(model)).enumerate() {
        out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        vector.write(model, &mut out);
    }
    out.extend_from_slice(b"\n  ]\n}\n");
    // Only UTF-8 text was written into it.
    String::from_utf8(out).unwrap_or_default()
}

/// A code's golden reply, as `docs/examples.json` publishes it.
fn golden_vector<'m>(model: &'m Model, code: &'m Code) -> Vector<'m> {
    let mut vector = example_reply(model, code, &code.code);
    for (name, value) in golden_headers(model, code) {
        vector = vector.header(name, &value);
    }
    if code.retry == Retry::Throttled {
        vector = vector.hint_ms(model.default_retry_after_secs.saturating_mul(1000));
    }
    vector
}

/// `code`'s example body on its status, without headers: the code, its
/// message and its field errors, as the example carries them.
fn example_reply<'m>(model: &'m Model, code: &'m Code, name: &str) -> Vector<'m> {
    let mut vector = Vector::new(name, code.status).body(code.example.to_string());
    vector.code = Some(code);
    vector.wire_code = Some(code.code.clone());
    vector.message = message_of(model, &code.example);
    vector.field_errors = field_errors(model, &code.example);
    vector
}

/// The message `body` carries where the catalogue says, when a string.
fn message_of(model: &Model, body: &Value) -> Option<String> {
    let pointer = model.wire.message.as_deref()?;
    at(body, pointer).and_then(Value::as_str).map(str::to_owned)
}

/// The value at `pointer` in `body`.
fn at<'v>(body: &'v Value, pointer: &str) -> Option<&'v Value> {
    pointer_keys(pointer)
        .iter()
        .try_fold(body, |here, key| here.as_object()?.get(key))
}

/// The field errors a validation view lists for `body`, as
/// `ValidationError::field_errors` documents: the entries
/// `wire.field_errors` names, else the default shapes of `details`.
fn field_errors(model: &Model, body: &Value) -> Vec<Value> {
    if let Some(members) = &model.wire.field_errors {
        let mut entries = Vec::new();
        collect_entries(body, &pointer_keys(&members.entries), &mut entries);
        return entries
            .into_iter()
            .map(|entry| field_error(entry, members))
            .filter(|error| error["field"].is_string())
            .collect();
    }
    let Some(details) = model.wire.details.as_deref().and_then(|pointer| at(body, pointer)) else {
        return Vec::new();
    };
    let list = details
        .as_array()
        .or_else(|| details.get("errors").and_then(Value::as_array))
        .or_else(|| details.get("fields").and_then(Value::as_array));
    let entries = match list {
        Some(entries) => entries.iter().collect(),
        None if details.is_null() => Vec::new(),
        None => vec![details],
    };
    let members = FieldErrorsAt {
        entries: "/details".to_owned(),
        field: "field".to_owned(),
        message: Some("message".to_owned()),
        value: Some("value".to_owned()),
    };
    entries
        .into_iter()
        .map(|entry| field_error(entry, &members))
        .filter(|error| error["field"].is_string() || error["message"].is_string())
        .collect()
}

/// Every value the entries pattern `keys` names in `here`, a `*` key
/// standing for every element of an array (and for nothing elsewhere).
fn collect_entries<'v>(here: &'v Value, keys: &[String], out: &mut Vec<&'v Value>) {
    let Some((key, rest)) = keys.split_first() else {
        out.push(here);
        return;
    };
    match (key.as_str(), here) {
        ("*", Value::Array(items)) => items.iter().for_each(|item| collect_entries(item, rest, out)),
        (_, Value::Object(members)) => {
            if let Some(next) = members.get(key) {
                collect_entries(next, rest, out);
            }
        }
        _ => {}
    }
}

/// One entry as the conformance file writes it: `field` and `message` as
/// strings or null, `value` only when the entry has that member.
fn field_error(entry: &Value, members: &FieldErrorsAt) -> Value {
    let text = |name: Option<&str>| {
        name.and_then(|name| entry.get(name))
            .filter(|value| value.is_string())
            .cloned()
            .unwrap_or(Value::Null)
    };
    let mut error = json!({
        "field": text(Some(&members.field)),
        "message": text(members.message.as_deref()),
    });
    if let Some(value) = members.value.as_deref().and_then(|name| entry.get(name)) {
        error["value"] = value.clone();
    }
    error
}

/// A body laid out by the catalogue's `wire:` carrying `code` (a known or an
/// unknown code's text) and `message`, with the members every reply has.
fn envelope(model: &Model, code: &str, message: &str) -> Value {
    let mut body = Value::Object(Map::new());
    for (pointer, value) in model.constants() {
        set(&mut body, &pointer, value.to_json());
    }
    set(&mut body, &model.wire.code, code_value(model.wire.code_type, code));
    if let Some(pointer) = &model.wire.message {
        set(&mut body, pointer, Value::from(message));
    }
    body
}

/// What the unknown-code replies say.
const UNKNOWN_MESSAGE: &str = "An error this catalogue does not list yet";

fn hostile_vectors(model: &Model) -> Vec<Vector<'_>> {
    let unknown = model.unknown_code();
    let unknown_message = model.wire.message.as_ref().map(|_| UNKNOWN_MESSAGE.to_owned());
    let unknown_body = |status: u16, name: &str| {
        let mut vector = Vector::new(name, status).body(envelope(model, &unknown, UNKNOWN_MESSAGE).to_string());
        vector.wire_code = Some(unknown.clone());
        vector.message = unknown_message.clone();
        vector
    };
    let mut vectors = vec![
        Vector::new("empty body on a 500", 500),
        Vector::new("HTML from a proxy on a 502", 502)
            .header("Content-Type", "text/html")
            .body("<html><body><h1>502 Bad Gateway</h1></body></html>"),
        Vector::new("plain text on a 401", 401).body("Unauthorized"),
        Vector::new("a JSON body that is no object on a 403", 403).body("[1, 2, 3]"),
        unknown_body(503, "an unknown code on a 503"),
        unknown_body(404, "an unknown code on a 404"),
        Vector::new("a success reply", 200).body(success_body(model)),
    ];
    if let Some(first) = model.codes.first() {
        let text = first.example.to_string();
        // Half an object's text never closes it: never one JSON value.
        let cut = text
            .char_indices()
            .nth(text.chars().count() / 2)
            .map_or(0, |(at, _)| at);
        vectors.push(Vector::new("truncated JSON on a 400", 400).body(&text[..cut]));
        let wrong_type = match model.wire.code_type {
            CodeType::String => Value::from(42),
            CodeType::Integer => Value::from(first.code.as_str()),
        };
        let mut body = envelope(model, &first.code, UNKNOWN_MESSAGE);
        set(&mut body, &model.wire.code, wrong_type);
        let mut vector = Vector::new("a code of the wrong JSON type on a 400", 400).body(body.to_string());
        vector.message = unknown_message.clone();
        vectors.push(vector);
    }
    vectors.extend(code_header_vectors(model));
    vectors.extend(aws_form_vectors(model));
    vectors.extend(hint_vectors(model));
    vectors.extend(default_field_error_vectors(model, &unknown));
    vectors.extend(placed_field_error_vectors(model, &unknown));
    vectors.extend(request_id_vectors(model));
    vectors
}

/// A body without any code: `{}` with the members every reply has.
fn success_body(model: &Model) -> String {
    let mut body = Value::Object(Map::new());
    for (pointer, value) in model.constants() {
        set(&mut body, &pointer, value.to_json());
    }
    body.to_string()
}

/// With a code header: the code there alone (the body empty), trimmed of
/// spaces and tabs; an unknown code there; a blank one (no code).
fn code_header_vectors(model: &Model) -> Vec<Vector<'_>> {
    let (Some(header), Some(first)) = (model.wire.code_header.as_deref(), model.codes.first()) else {
        return Vec::new();
    };
    let mut known =
        Vector::new("a code only in the code header", first.status).header(header, &format!(" {}\t", first.code));
    known.code = Some(first);
    known.wire_code = Some(first.code.clone());
    let unknown_code = model.unknown_code();
    let mut unknown = Vector::new("an unknown code only in the code header", 500).header(header, &unknown_code);
    unknown.wire_code = Some(unknown_code);
    let blank = Vector::new("a blank code header", 503).header(header, " \t ");
    vec![known, unknown, blank]
}

/// The AWS forms of a known string code: `Name:http://…` and `ns#Name`.
fn aws_form_vectors(model: &Model) -> Vec<Vector<'_>> {
    if model.wire.code_type != CodeType::String {
        return Vec::new();
    }
    // A code holding `:` or `#` is its own form.
    let Some(code) = model.codes.iter().find(|code| !code.code.contains([':', '#'])) else {
        return Vec::new();
    };
    let forms = [
        (
            "a known code in the AWS form Name:URL",
            format!(
                "{}:http://internal.amazon.com/coral/com.amazon.coral.service/",
                code.code
            ),
        ),
        (
            "a known code in the AWS form namespace#Name",
            format!("com.amazonaws.service#{}", code.code),
        ),
    ];
    forms
        .into_iter()
        .filter(|(_, sent)| model.codes.iter().all(|other| other.code != *sent))
        .map(|(name, sent)| {
            let mut vector = Vector::new(name, code.status).body(envelope(model, &sent, &code.message).to_string());
            vector.code = Some(code);
            vector.wire_code = Some(code.code.clone());
            vector.message = model.wire.message.as_ref().map(|_| code.message.clone());
            vector
        })
        .collect()
}

/// Every shape of hint header, on a 429 or a 503 without a body.
fn hint_vectors(model: &Model) -> Vec<Vector<'_>> {
    let own = model.retry_after_header.as_str();
    let own_is_standard = own.eq_ignore_ascii_case("Retry-After");
    let mut vectors = vec![
        Vector::new("Retry-After garbage on a 429", 429).header("Retry-After", "soon"),
        Vector::new("Retry-After negative on a 429", 429).header("Retry-After", "-5"),
        Vector::new("Retry-After huge on a 429", 429)
            .header("Retry-After", &HUGE_HINT_SECS.to_string())
            .hint_ms(HUGE_HINT_SECS * 1000),
        Vector::new("Retry-After in seconds, lower-case name, on a 429", 429)
            .header("retry-after", " 12 ")
            .hint_ms(12_000),
        Vector::new("Retry-After as an HTTP-date 120 s ahead on a 429", 429)
            .header("Retry-After", "Sun, 06 Nov 1994 08:51:37 GMT")
            .hint_ms(120_000),
        Vector::new("Retry-After as an RFC 850 date 60 s ahead on a 429", 429)
            .header("Retry-After", "Sunday, 06-Nov-94 08:50:37 GMT")
            .hint_ms(60_000),
        Vector::new("Retry-After as an asctime date 30 s ahead on a 429", 429)
            .header("Retry-After", "Sun Nov  6 08:50:07 1994")
            .hint_ms(30_000),
        Vector::new("Retry-After as an HTTP-date in the past on a 429", 429)
            .header("Retry-After", "Sat, 01 Jan 1994 00:00:00 GMT")
            .hint_ms(0),
        Vector::new("Retry-After as a date in another zone on a 429", 429)
            .header("Retry-After", "Sun, 06 Nov 1994 08:51:37 CET"),
        Vector::new("Retry-After on a transient 503, below the backoff later", 503)
            .header("Retry-After", "2")
            .hint_ms(2_000),
        Vector::new("Retry-After over the policy's cap on a 503", 503)
            .header("Retry-After", "600")
            .hint_ms(600_000),
        Vector::new("Retry-After on a 500, which is not retried", 500)
            .header("Retry-After", "5")
            .hint_ms(5_000),
    ];
    // Delay-seconds are digits only; the catalogue's own header also takes a
    // fraction, so where the two are one header a fraction counts.
    let fraction = Vector::new("Retry-After with a fraction on a 429", 429).header("Retry-After", "1.5");
    vectors.push(if own_is_standard {
        fraction.hint_ms(1_500)
    } else {
        fraction
    });
    if !own_is_standard {
        vectors.extend([
            Vector::new(
                "the catalogue's hint header and Retry-After at once, the larger wins",
                429,
            )
            .header(own, "7")
            .header("Retry-After", "3")
            .hint_ms(7_000),
            Vector::new("Retry-After larger than the catalogue's hint header", 429)
                .header(own, "3")
                .header("Retry-After", "9")
                .hint_ms(9_000),
            Vector::new("the catalogue's hint header with a fraction", 429)
                .header(own, "1.25")
                .hint_ms(1_250),
            Vector::new("the catalogue's hint header as an HTTP-date (not seconds)", 429)
                .header(own, "Sun, 06 Nov 1994 08:51:37 GMT"),
        ]);
    }
    if let Some(throttled) = model.codes.iter().find(|code| code.retry == Retry::Throttled) {
        vectors.push(example_reply(
            model,
            throttled,
            "a throttled code without a hint waits the catalogue's default",
        ));
    }
    vectors
}

/// The default shapes of field errors in `details`, for a catalogue that
/// says nothing of where they are (and has `details`).
fn default_field_error_vectors<'m>(model: &'m Model, unknown: &str) -> Vec<Vector<'m>> {
    let (None, Some(details)) = (&model.wire.field_errors, model.wire.details.as_deref()) else {
        return Vec::new();
    };
    let shapes = [
        ("one entry", json!({"field": "email", "message": "is required"})),
        (
            "a list under errors",
            json!({"errors": [
                {"field": "email", "message": "is not an address", "value": "a@"},
                7,
                {"value": 3},
                {"message": "the request is empty"},
                {"field": "age", "value": null}
            ]}),
        ),
        (
            "a list under fields",
            json!({"fields": [{"field": "name", "message": 12}]}),
        ),
        (
            "a list",
            json!([{"field": "tags", "message": "too many", "value": ["a", "b"]}, "x"]),
        ),
        ("a string", json!("email is required")),
    ];
    shapes
        .into_iter()
        .map(|(shape, value)| {
            let mut body = envelope(model, unknown, UNKNOWN_MESSAGE);
            set(&mut body, details, value);
            let mut vector = Vector::new(format!("field errors in details: {shape}"), 422).body(body.to_string());
            vector.wire_code = Some(unknown.to_owned());
            vector.message = model.wire.message.as_ref().map(|_| UNKNOWN_MESSAGE.to_owned());
            vector.field_errors = field_errors(model, &body);
            vector
        })
        .collect()
}

/// Field errors where the catalogue's `wire.field_errors` says: several
/// entries (one without its message, one without a field, which is no
/// entry) among values that are not entries, each `*` of the pattern an
/// array holding a value that leads nowhere too.
fn placed_field_error_vectors<'m>(model: &'m Model, unknown: &str) -> Vec<Vector<'m>> {
    let Some(members) = &model.wire.field_errors else {
        return Vec::new();
    };
    let entry = |field: Option<&str>, message: &str, value: Value| {
        let mut entry = Map::new();
        if let Some(field) = field {
            entry.insert(members.field.clone(), Value::from(field));
        }
        if let Some(name) = &members.message {
            entry.insert(name.clone(), Value::from(message));
        }
        if let Some(name) = &members.value {
            entry.insert(name.clone(), value);
        }
        Value::Object(entry)
    };
    let entries = [
        entry(Some("book.title"), "must not be empty", Value::from("")),
        Value::from(7),
        entry(None, "names no field", Value::Null),
        entry(Some("book.pages"), "must be positive", Value::from(-3)),
    ];
    let keys = pointer_keys(&members.entries);
    let mut body = envelope(model, unknown, UNKNOWN_MESSAGE);
    match keys.iter().position(|key| key == "*") {
        // One entry, inside the envelope: its members join the parts there.
        None => {
            let Value::Object(first) = &entries[0] else {
                return Vec::new();
            };
            for (name, value) in first {
                set(
                    &mut body,
                    &format!("{}/{}", members.entries, crate::model::pointer_key(name)),
                    value.clone(),
                );
            }
        }
        Some(star) => {
            let prefix: String = keys[..star]
                .iter()
                .map(|key| format!("/{}", crate::model::pointer_key(key)))
                .collect();
            set(&mut body, &prefix, spread(&keys[star..], &entries));
        }
    }
    let mut vector = Vector::new("field errors where wire.field_errors says", 400).body(body.to_string());
    vector.wire_code = Some(unknown.to_owned());
    // An entry may share its message with the reply's (Stripe's `/error/message`).
    vector.message = message_of(model, &body);
    vector.field_errors = field_errors(model, &body);
    vec![vector]
}

/// The value the pattern `keys` (starting at a `*`) reads `entries` from:
/// the last `*` is an array of the entries, every other one an array of
/// the rest of the way and a number that leads nowhere.
fn spread(keys: &[String], entries: &[Value]) -> Value {
    match keys.split_first() {
        None => entries.first().cloned().unwrap_or(Value::Null),
        Some((star, [])) if star == "*" => Value::Array(entries.to_vec()),
        Some((star, rest)) if star == "*" => Value::Array(vec![spread(rest, entries), Value::from(0)]),
        Some((key, rest)) => json!({ key.as_str(): spread(rest, entries) }),
    }
}

/// The request-id header trimmed of spaces and tabs, and left out whole when
/// it holds a control or bidi character.
fn request_id_vectors(model: &Model) -> Vec<Vector<'_>> {
    let header = model.request_id_header.as_str();
    let mut plain = Vector::new("a request id, trimmed", 500).header(header, " req-42\t");
    plain.request_id = Some("req-42".to_owned());
    vec![
        plain,
        Vector::new("a request id with a control character", 500).header(header, "req\u{7}42"),
        Vector::new("a request id with a bidi control", 500).header(header, "req\u{202e}42"),
    ]
}
