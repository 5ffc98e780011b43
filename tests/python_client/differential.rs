//! The Python client against the Rust one, reply for reply: hundreds of
//! replies built from hostile parts (hint values in every shape and
//! whitespace, AWS code forms, details shapes, JSON the strict reader must
//! refuse, request ids with controls) are read by the Rust `ApiError` of the
//! OFAuth crate, written as conformance vectors in `docs/conformance.json`'s
//! format, and run by the Python client's own conformance runner. The
//! lead's vectors are written from the rules; these come from the Rust
//! client, to find where a port reads differently.
//!
//! Bodies over the 64 KiB limit are among them: both keep the parts read
//! whole before the cut.

use std::path::Path;

use ofauth_errors::ErrorCode;
use serde_json::{Value, json};

use super::{CLIENT, unittest_passes};
use crate::support;

/// Replies built: every combination index below this.
const REPLIES: usize = 600;

const STATUSES: &[u16] = &[
    200, 204, 302, 400, 401, 403, 404, 409, 422, 429, 500, 501, 502, 503, 504, 599,
];

/// Hint values: valid, padded with whitespace Rust's `trim` strips (or, for
/// U+001C, does not), fractional, and garbage; HTTP-dates in the three
/// forms, past, future, a leap second and an impossible day.
const HINTS: &[&str] = &[
    "5",
    " 7 ",
    "\u{a0}9\u{3000}",
    "\u{1c}5",
    "2.5",
    "0.0000000001",
    "5.",
    ".5",
    "+5",
    "-5",
    "1e3",
    "\u{663}",
    "31536000000",
    "Sun, 06 Nov 1994 08:49:47 GMT",
    "Sunday, 06-Nov-94 08:50:37 GMT",
    "Sun Nov  6 08:49:57 1994",
    "Sun, 06 Nov 1994 08:49:60 GMT",
    "Sun, 31 Feb 1994 08:49:47 GMT",
    " Sun, 06 Nov 1994 08:49:47 GMT\u{2003}",
    "Sun, 06 Nov 1994 08:00:00 GMT",
    "",
];

/// Request ids: plain, padded, and holding what must leave them out.
const REQUEST_IDS: &[&str] = &[
    "req-1",
    " req-2\t",
    "r\u{1}3",
    "r\u{200e}4",
    "\u{a0}r5\u{a0}",
    "",
    "r\u{85}6",
];

/// Bodies that are not built from a code.
const ODD_BODIES: &[&str] = &[
    "",
    "<html><body>502 Bad Gateway</body></html>",
    r#"{"code": "AUTH_INVALID_KEY", "error": "cut"#,
    r#"{"code": "AUTH_INVALID_KEY", "n": NaN}"#,
    r#"{"code": "AUTH_INVALID_KEY", "n": -Infinity}"#,
    "\u{feff}{\"code\": \"AUTH_INVALID_KEY\"}",
    r#"  {"code": "AUTH_INVALID_KEY"}  "#,
    r#"{"code": "AUTH_INVALID_KEY"} x"#,
    r#"{"code": 5, "error": "number"}"#,
    r#"{"code": null, "error": {"nested": true}}"#,
    r#"{"code": "AUTH_INVALID_KEY:http://internal.example/", "error": "aws"}"#,
    r#"{"code": "com.example.v1#RATE_LIMIT_EXCEEDED"}"#,
    r#"{"code": "a#b:RATE_LIMIT_EXCEEDED"}"#,
    r#"{"code": "NOT_A_CODE_YET", "error": "new"}"#,
    r#"{"code": "X", "error": "lone \ud800 and pair \ud83e\udd80 and \u0000"}"#,
    r#"{"error": "no code", "details": {"field": "email", "message": "required", "value": [1, {"a": true}]}}"#,
    r#"{"code": "VALIDATION_REQUIRED_FIELD", "details": {"errors": [{"field": "a", "message": "m", "value": null}, {"message": "only"}, {"x": 1}, "junk", {"field": 3}]}}"#,
    r#"{"code": "VALIDATION_INVALID_FORMAT", "details": {"fields": [{"field": "b"}], "errors": "not a list"}}"#,
    r#"{"code": "VALIDATION_INVALID_VALUE", "details": [{"field": "c", "value": 1.5}, {"message": "m"}]}"#,
    r#"{"code": "VALIDATION_FIELD_TOO_LONG", "details": null}"#,
    r#"{"code": "VALIDATION_FIELD_TOO_LONG", "details": 5}"#,
    r#"{"code": "VALIDATION_FIELD_TOO_LONG", "details": {"n": 1e400, "field": "big"}}"#,
    r#"{"code": "VALIDATION_REQUIRED_FIELD", "code": "RATE_LIMIT_EXCEEDED"}"#,
    r#"{"details": {"field": "a"}, "details": 5, "code": "VALIDATION_REQUIRED_FIELD"}"#,
    r#"{"code": "VALIDATION_REQUIRED_FIELD", "code": 7}"#,
    r#"[{"code": "AUTH_INVALID_KEY"}]"#,
    r#""AUTH_INVALID_KEY""#,
];

/// Every body the replies are built from: each code's own, then the odd ones.
fn bodies() -> Vec<String> {
    let own = ErrorCode::ALL
        .iter()
        .map(|code| json!({"code": code.as_str(), "error": code.message()}).to_string());
    let nested = |depth: usize| {
        format!(
            r#"{{"code": "VALIDATION_REQUIRED_FIELD", "details": {}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        )
    };
    let pad = "x".repeat(ofauth_errors::DEFAULT_MAX_BODY_BYTES);
    let cut = [
        format!(r#"{{"code": "RATE_LIMIT_EXCEEDED", "error": "{pad}"}}"#),
        format!(r#"{{"details": {{"field": "e", "pad": "{pad}"}}, "code": "VALIDATION_REQUIRED_FIELD"}}"#),
        format!(
            r#"{{"code": "VALIDATION_INVALID_FORMAT", "details": {{"field": "f", "message": "m"}}, "pad": "{pad}"}}"#
        ),
        format!(
            r#"{{"code": "UPSTREAM_TIMEOUT", "error": "{}"}}"#,
            "\u{e9}".repeat(40_000)
        ),
    ];
    own.chain(ODD_BODIES.iter().map(|body| (*body).to_owned()))
        .chain([nested(64), nested(65)])
        .chain(cut)
        .collect()
}

/// Reply `index`: its parts picked from the tables at different strides, so
/// that the combinations vary.
fn reply(index: usize, bodies: &[String]) -> (u16, Vec<(String, String)>, String) {
    let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    let names = [
        (ofauth_errors::RETRY_AFTER_HEADER.to_ascii_lowercase(), 3),
        ("RETRY-AFTER".to_owned(), 5),
    ];
    for (name, stride) in names {
        if index % 4 != stride % 4 {
            headers.push((name, HINTS[(index * stride) % HINTS.len()].to_owned()));
        }
    }
    if !index.is_multiple_of(3) {
        let id = REQUEST_IDS[index % REQUEST_IDS.len()].to_owned();
        headers.push((ofauth_errors::REQUEST_ID_HEADER.to_owned(), id));
    }
    let status = STATUSES[(index * 7) % STATUSES.len()];
    (status, headers, bodies[index % bodies.len()].clone())
}

/// Copies the files of `from` into `to`, folders included.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn python_reads_hundreds_of_hostile_replies_exactly_as_the_rust_client_does() {
    let bodies = bodies();
    let vectors: Vec<Value> = (0..REPLIES)
        .map(|index| {
            let (status, headers, body) = reply(index, &bodies);
            let expect = support::conformance_reading(&support::read_reply(status, &headers, &body));
            let headers: serde_json::Map<String, Value> = headers
                .into_iter()
                .map(|(name, value)| (name, Value::from(value)))
                .collect();
            json!({
                "name": format!("reply {index}"),
                "reply": {"status": status, "headers": headers, "body": body},
                "expect": expect,
            })
        })
        .collect();
    let document = json!({
        "format": 1,
        "api": "OFAuth (read by the Rust client)",
        "received_at_ms": support::RECEIVED_AT_MS,
        "policy": {"max_attempts": 8, "base_delay_ms": 500, "max_delay_ms": 20000, "max_hint_ms": 300000, "jitter": false},
        "vectors": vectors,
    });
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &support::workspace().join("generated").join(CLIENT),
        &dir.path().join(CLIENT),
    );
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/conformance.json"), document.to_string()).unwrap();
    unittest_passes(&dir.path().join(CLIENT));
}
