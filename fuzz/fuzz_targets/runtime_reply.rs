//! Arbitrary replies through the runtime of `ofauth-errors`, against oracles:
//!
//! - the JSON reader accepts and rejects as `serde_json` does, with the same
//!   values, on inputs within its limits (nesting, value count), and is
//!   allowed to differ only where it is documented to (a lone surrogate
//!   escape becomes U+FFFD, a number too large for `serde_json` is kept);
//! - `ApiError::from_parts_limited` never panics, keeps at most the limit,
//!   flags exactly the bodies longer than it, reads `error` and `code` as
//!   `serde_json` does, and its `Display` holds no control, line separator or
//!   bidi control;
//! - the catalogue's retry header reads a decimal number of seconds rounded
//!   up to the nanosecond (a `u128` computation is the oracle), and an
//!   HTTP-date in `Retry-After` reads as `httpdate` does.

#![no_main]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use libfuzzer_sys::fuzz_target;
use ofauth_errors::{ApiError, JsonValue, RETRY_AFTER_HEADER};
use serde_json::Value;

/// The reader's limits, with a margin: past them it may refuse what
/// `serde_json` reads.
const DEPTH_WITHIN_LIMITS: usize = 60;
const VALUES_WITHIN_LIMITS: usize = 4000;

fuzz_target!(|data: &[u8]| {
    json_reader_agrees_with_serde_json(data);
    let Some((&limit, rest)) = data.split_first() else {
        return;
    };
    let (header, body) = rest.split_at(rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len()));
    let header = String::from_utf8_lossy(header);
    from_parts_stays_within_its_limit(usize::from(limit) * 4, &header, body);
    catalogue_header_reads_decimal_seconds(&header);
    retry_after_dates_read_as_httpdate_does(&header, body);
});

/// Nesting of a `serde_json` value: 0 for a scalar, 1 for `[]`.
fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(members) => 1 + members.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Values in a `serde_json` value, itself included.
fn count(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Object(members) => 1 + members.values().map(count).sum::<usize>(),
        _ => 1,
    }
}

/// Where the reader is documented to read what `serde_json` refuses: a
/// surrogate escape (`\ud800`) it turns into U+FFFD when it is alone, and a
/// number beyond `f64` it keeps as written.
fn documented_difference(data: &[u8], error: &serde_json::Error) -> bool {
    let surrogate_escape = |w: &[u8]| {
        w[0] == b'\\'
            && w[1] == b'u'
            && w[2].eq_ignore_ascii_case(&b'd')
            && matches!(w[3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f')
    };
    data.windows(4).any(surrogate_escape) || error.to_string().contains("number out of range")
}

fn json_reader_agrees_with_serde_json(data: &[u8]) {
    let ours = JsonValue::parse(data);
    match serde_json::from_slice::<Value>(data) {
        Ok(theirs) => {
            // serde_json keeps the last of a repeated key, as `get` does; its
            // count may be lower than ours then, so only equality is checked.
            if depth(&theirs) <= DEPTH_WITHIN_LIMITS && count(&theirs) <= VALUES_WITHIN_LIMITS {
                let ours = ours.unwrap_or_else(|| panic!("refused what serde_json reads: {theirs}"));
                assert_eq!(ours.to_serde(), theirs);
                // Writing back and reading again gives the same value.
                assert_eq!(JsonValue::parse(ours.to_string().as_bytes()).as_ref(), Some(&ours));
            }
        }
        Err(error) => assert!(
            ours.is_none() || documented_difference(data, &error),
            "read what serde_json refuses: {error}"
        ),
    }
}

/// Characters `Display` must never pass on from server text.
fn forbidden_in_display(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn from_parts_stays_within_its_limit(limit: usize, header: &str, body: &[u8]) {
    let headers = [
        ("X-Request-Id", header),
        (RETRY_AFTER_HEADER, header),
        ("Retry-After", header),
    ];
    let err = ApiError::from_parts_limited(500, &headers, body, limit);
    assert_eq!(err.body_truncated(), body.len() > limit);
    assert!(
        err.raw_body()
            .is_none_or(|raw| raw.len() <= limit && body.starts_with(raw))
    );
    let shown = err.to_string();
    assert!(!shown.chars().any(forbidden_in_display), "{shown:?}");
    assert!(err.request_id().is_none_or(|id| !id.chars().any(forbidden_in_display)));
    if body.len() <= limit {
        if let Ok(Value::Object(members)) = serde_json::from_slice::<Value>(body) {
            if depth(&Value::Object(members.clone())) <= DEPTH_WITHIN_LIMITS {
                assert_eq!(err.wire_code(), members.get("code").and_then(Value::as_str));
                assert_eq!(err.message(), members.get("error").and_then(Value::as_str));
            }
        }
    }
}

/// `whole[.fraction]` seconds as nanoseconds rounded up, saturating at `Duration::MAX`.
fn decimal_seconds(text: &str) -> Option<Duration> {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return None,
        None => (text, ""),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) {
        return None;
    }
    let max = Duration::MAX.as_nanos();
    let mut nanos: u128 = 0;
    for b in whole.bytes() {
        nanos = (nanos * 10 + u128::from(b - b'0')).min(max + 1);
    }
    nanos = nanos.saturating_mul(1_000_000_000);
    let mut scale = 100_000_000u128;
    let mut rest_nonzero = false;
    for b in fraction.bytes() {
        if scale == 0 {
            rest_nonzero |= b != b'0';
        } else {
            nanos = nanos.saturating_add(u128::from(b - b'0') * scale);
            scale /= 10;
        }
    }
    nanos = nanos.saturating_add(u128::from(rest_nonzero));
    if nanos >= max {
        return Some(Duration::MAX);
    }
    Some(Duration::new(
        (nanos / 1_000_000_000) as u64,
        (nanos % 1_000_000_000) as u32,
    ))
}

fn catalogue_header_reads_decimal_seconds(header: &str) {
    let err = ApiError::from_parts(429, &[(RETRY_AFTER_HEADER, header)], b"");
    assert_eq!(err.retry_hint(), decimal_seconds(header.trim()), "{header:?}");
}

fn retry_after_dates_read_as_httpdate_does(header: &str, body: &[u8]) {
    // The reply's arrival, from the body's first bytes: any second of 1970–2106.
    let secs = body.iter().take(4).fold(0u64, |acc, &b| acc << 8 | u64::from(b));
    let now = UNIX_EPOCH + Duration::from_secs(secs);
    let hint = |value: &str| ApiError::from_parts_at(503, &[("Retry-After", value)], b"", now).retry_hint();
    let text = header.trim();
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        if let (Some(ours), Ok(at)) = (hint(text), httpdate::parse_http_date(text)) {
            assert_eq!(ours, at.duration_since(now).unwrap_or(Duration::ZERO), "{text:?}");
        }
    }
    // Every IMF-fixdate httpdate writes is read back to the second.
    let at: SystemTime = now + Duration::from_secs(u64::from(header.len() as u32 * 7919));
    assert_eq!(
        hint(&httpdate::fmt_http_date(at)),
        Some(at.duration_since(now).unwrap_or(Duration::ZERO))
    );
}
