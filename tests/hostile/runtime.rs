//! The runtime reads replies within limits and hands on clean text: a body
//! longer than the limit is cut and flagged, a huge `details` costs a bounded
//! tree, a retry delay becomes a header without overflow and is read back no
//! shorter, a request id that could forge log lines is left out, server text
//! is escaped in `Display`, the threshold alert re-arms once per window, and a
//! generated crate's own tests hold for the smallest `default_secs`.

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::response::IntoResponse;
use ofauth_errors::{ApiError, DEFAULT_MAX_BODY_BYTES, ErrorCode, ErrorResponse, ErrorStats, RETRY_AFTER_HEADER};

/// `{"error": …, "code": …, "details": {"errors": [1,1,…]}}` of `len` bytes at least.
fn error_body_with_long_details(len: usize) -> Vec<u8> {
    let mut body = br#"{"error": "too many", "code": "RATE_LIMIT_EXCEEDED", "details": {"errors": [1"#.to_vec();
    while body.len() < len {
        body.extend_from_slice(b",1");
    }
    body.extend_from_slice(b"]}}");
    body
}

#[test]
fn a_100_mb_body_is_cut_to_the_default_limit_and_the_error_says_so() {
    let body = error_body_with_long_details(100 << 20);
    let err = ApiError::from_parts(429, &[], &body);
    assert!(err.body_truncated());
    // The members read whole before the cut are kept; the cut `details` is not.
    assert_eq!(err.code(), Some(ErrorCode::RateLimitExceeded));
    assert_eq!(err.message(), Some("too many"));
    assert_eq!(err.details(), None);
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn a_body_longer_than_the_limit_by_one_byte_is_flagged_and_one_at_the_limit_is_not() {
    let body = br#"{"error": "e", "code": "X"}"#;
    let at_limit = ApiError::from_parts_limited(500, &[], body, body.len());
    assert!(!at_limit.body_truncated());
    assert_eq!(at_limit.wire_code(), Some("X"));
    let over = ApiError::from_parts_limited(500, &[], body, body.len() - 1);
    assert!(over.body_truncated());
    assert_eq!((over.wire_code(), over.message()), (Some("X"), Some("e")));
}

#[test]
fn a_body_that_is_not_json_keeps_only_the_bytes_up_to_the_limit() {
    let page = "<html>".repeat(DEFAULT_MAX_BODY_BYTES);
    let err = ApiError::from_parts(502, &[], page.as_bytes());
    assert!(err.body_truncated());
    assert_eq!(err.raw_body(), Some(&page.as_bytes()[..DEFAULT_MAX_BODY_BYTES]));
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn a_cut_body_keeps_whole_characters() {
    let text = "é".repeat(100);
    for limit in [1, 2, 3, 101] {
        let err = ApiError::from_parts_limited(500, &[], text.as_bytes(), limit);
        let kept = err.raw_body().expect("not an error body");
        assert_eq!(kept, &text.as_bytes()[..limit / 2 * 2], "limit {limit}");
        assert!(std::str::from_utf8(kept).is_ok());
    }
}

#[test]
fn a_number_cut_at_the_limit_is_not_taken_for_the_whole_number() {
    let body = br#"{"error": "e", "code": "X", "details": 123456}"#;
    let cut = ApiError::from_parts_limited(500, &[], body, body.len() - 4);
    assert!(cut.body_truncated());
    assert_eq!(cut.wire_code(), Some("X"));
    assert_eq!(cut.details(), None);
}

#[test]
fn details_of_more_than_4096_values_are_left_out_and_the_rest_is_kept() {
    let huge = error_body_with_long_details(10 << 20);
    let err = ApiError::from_parts_limited(429, &[], &huge, huge.len());
    assert!(!err.body_truncated());
    assert_eq!(
        (err.code(), err.message()),
        (Some(ErrorCode::RateLimitExceeded), Some("too many"))
    );
    assert_eq!(err.details(), None);

    let nested = format!(r#"{{"code": "X", "details": [{}]}}"#, vec!["[]"; 5_000_000].join(","));
    let err = ApiError::from_parts_limited(500, &[], nested.as_bytes(), nested.len());
    assert_eq!((err.wire_code(), err.details()), (Some("X"), None));

    let small = error_body_with_long_details(4000);
    let kept = ApiError::from_parts(429, &[], &small);
    let errors = kept
        .details()
        .and_then(|details| details.get("errors"))
        .and_then(|errors| errors.as_array());
    let ones = small.iter().filter(|&&byte| byte == b'1').count();
    assert_eq!(errors.map(<[_]>::len), Some(ones));
}

/// The retry header a server sends for `delay`, read back by the client.
fn sent_and_read(delay: Duration) -> (String, Option<Duration>) {
    let response = ErrorResponse::new(ErrorCode::RateLimitExceeded)
        .retry_after(delay)
        .into_response();
    let value = response.headers()[RETRY_AFTER_HEADER]
        .to_str()
        .expect("visible ASCII")
        .to_owned();
    let read = ApiError::from_http(response.status(), response.headers(), b"");
    (value, read.retry_hint())
}

#[test]
fn the_longest_delay_is_sent_as_the_longest_delay_not_as_zero() {
    let (value, read) = sent_and_read(Duration::MAX);
    assert_eq!(value, "18446744073709551615.999999999");
    assert_eq!(read, Some(Duration::MAX));
    let (_, read) = sent_and_read(Duration::new(u64::MAX, 1));
    assert_eq!(read, Some(Duration::new(u64::MAX, 1)));
}

#[test]
fn a_300_ms_delay_is_sent_and_read_as_300_ms() {
    assert_eq!(
        sent_and_read(Duration::from_millis(300)),
        ("0.3".to_owned(), Some(Duration::from_millis(300)))
    );
    assert_eq!(
        sent_and_read(Duration::from_nanos(1)),
        ("0.000000001".to_owned(), Some(Duration::from_nanos(1)))
    );
    assert_eq!(
        sent_and_read(Duration::from_secs(2)),
        ("2".to_owned(), Some(Duration::from_secs(2)))
    );
}

#[test]
fn a_request_id_that_could_forge_log_lines_is_left_out() {
    let request_id = |value: &str| {
        ApiError::from_parts(500, &[("X-Request-Id", value)], b"")
            .request_id()
            .map(str::to_owned)
    };
    for forged in [
        "req-1\r\nX-Injected: 1",
        "req-1\n",
        "req\0-1",
        "req-1\u{2028}",
        "req-\u{202e}1",
        "req-\u{1b}[2J",
    ] {
        assert_eq!(request_id(forged), None, "{forged:?}");
    }
    assert_eq!(request_id(" req-1 "), Some("req-1".to_owned()));
}

#[test]
fn display_escapes_line_breaks_and_bidi_controls_in_server_text() {
    let body = r#"{"error": "ok\r\nHTTP 200 fake line\u2028\u202egnp.exe\u0000", "code": "X\u2029\u2066Y"}"#;
    let err = ApiError::from_parts(500, &[], body.as_bytes());
    insta::assert_snapshot!(err.to_string());
}

#[test]
fn the_threshold_alert_fires_again_in_a_later_window() {
    let fired = Arc::new(Mutex::new(0));
    let sink = Arc::clone(&fired);
    // One second is far longer than recording a few errors takes, and the
    // sleep below leaves half a window of margin past the end of the first.
    let stats = ErrorStats::new().with_alert(2, Duration::from_secs(1), move |_| *sink.lock().unwrap() += 1);
    let err = ApiError::from_parts(429, &[], br#"{"error": "e", "code": "RATE_LIMIT_EXCEEDED"}"#);
    (0..6).for_each(|_| stats.record(&err));
    assert_eq!(*fired.lock().unwrap(), 1, "once within the window");
    std::thread::sleep(Duration::from_millis(1500));
    (0..3).for_each(|_| stats.record(&err));
    assert_eq!(*fired.lock().unwrap(), 2, "again in a later window");
}

#[test]
fn a_crate_generated_with_default_secs_1_passes_its_own_tests() {
    let workspace = crate::support::workspace();
    let spec_text = std::fs::read_to_string(workspace.join("tests/fixtures/single_code.yaml")).unwrap();
    assert!(spec_text.contains("default_secs: 5"));
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("one_second.yaml");
    std::fs::write(&spec, spec_text.replace("default_secs: 5", "default_secs: 1")).unwrap();
    let out = dir.path().join("crate");
    let run = crate::support::xtask(&[&"codegen", &"--spec", &spec, &"--out", &out]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    std::fs::copy(workspace.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--quiet", "--lib"])
        .current_dir(&out)
        .env(
            "CARGO_TARGET_DIR",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("default-secs-crate"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the generated crate's tests failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
