//! The runtime on a request path: counting an error, and reading one from a
//! reply's parts.

use divan::{Bencher, black_box};
use ofauth_errors::{ApiError, ErrorStats};

fn main() {
    divan::main();
}

/// A typical error reply: 150 bytes of JSON with a small `details` object.
const BODY: &str = r#"{"error":"Request rate limit exceeded","code":"RATE_LIMIT_EXCEEDED","details":{"limit":100,"window":"60s","tier":1,"reset_at":"2025-01-01T00:00:00Z"}}"#;

/// The headers such a reply comes with.
const HEADERS: &[(&str, &str)] = &[
    ("Content-Type", "application/json"),
    ("X-Request-Id", "req_8f14e45fceea167a5a36"),
    ("X-RateLimit-Retry-After", "30"),
];

/// `ErrorStats::record` from one thread, known code and unknown code.
#[divan::bench(args = ["RATE_LIMIT_EXCEEDED", "SOMETHING_NEW"])]
fn stats_record(bencher: Bencher, code: &str) {
    let stats = ErrorStats::new();
    let body = format!(r#"{{"error":"e","code":"{code}"}}"#);
    let err = ApiError::from_parts(429, &[], body.as_bytes());
    bencher.bench_local(|| stats.record(black_box(&err)));
}

/// `ApiError::from_parts` on [`BODY`] and [`HEADERS`].
#[divan::bench]
fn api_error_from_parts() -> ApiError {
    ApiError::from_parts(black_box(429), black_box(HEADERS), black_box(BODY.as_bytes()))
}
