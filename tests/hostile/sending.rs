//! Sending with retries is bounded in time, bytes and attempts: error bodies are
//! read up to a limit and no further; every attempt has a timeout and all of
//! them an overall deadline; a shared `RetryBudget` gates retries; a hook sees
//! every failed attempt; transport failures are retried only when repeating
//! the request is safe. And `cargo xtask compat --base` never hands git an
//! option.
//!
//! The servers are real: hand-written HTTP/1.1 on 127.0.0.1, on plain threads
//! so that a reply can stall, drip or never end. Every client call runs under
//! [`within_two_seconds`], so a missing bound fails the test instead of hanging it.

use std::future::Future;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use ofauth_errors::{
    DEFAULT_MAX_BODY_BYTES, ErrorCode, ErrorStats, RetryBudget, RetryPolicy, RetrySend, SendFailure,
    error_for_response, error_for_response_limited, send_with_retry,
};

use crate::support::{read_request_head, xtask};

/// The short per-attempt timeout the tests give the client.
const ATTEMPT_TIMEOUT: Duration = Duration::from_millis(200);

/// Bytes written at a time by the servers that send big bodies.
const PIECE: usize = 64 * 1024;

/// Starts a server on a free port; `reply` gets each connection's number
/// (from 0) and the stream after the request head was read. Returns the base
/// URL. The server lives as long as the test process.
fn serve(reply: impl Fn(u32, TcpStream) + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let reply = Arc::new(reply);
    std::thread::spawn(move || {
        for (number, stream) in (0..).zip(listener.incoming()) {
            let (reply, stream) = (Arc::clone(&reply), stream.unwrap());
            std::thread::spawn(move || {
                read_request_head(&stream);
                reply(number, stream);
            });
        }
    });
    base
}

/// Keeps the connection open and silent for good.
fn stall(stream: TcpStream) {
    loop {
        std::thread::park();
        let _ = &stream;
    }
}

/// A whole reply with a body of `body`, then the connection closed. It says
/// `Connection: close` (RFC 9112 §9.6): without it the client may pool the
/// connection and send its next request into the closed socket, a reset
/// that came and went with the machine's load.
fn answer(mut stream: TcpStream, status: &str, headers: &str, body: &str) {
    let head = format!(
        "HTTP/1.1 {status}\r\n{headers}Connection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

/// A 503 with the catalogue's body, so it is retryable.
fn unavailable(stream: TcpStream) {
    answer(
        stream,
        "503 Service Unavailable",
        "",
        r#"{"error": "upstream down", "code": "UPSTREAM_UNAVAILABLE"}"#,
    );
}

/// Runs `future`, failing the test if it takes longer than two seconds.
async fn within_two_seconds<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(2), future)
        .await
        .expect("the client call is bounded and ends within 2 s")
}

/// A policy retrying up to `attempts` times after a 1 ms backoff.
fn quick_policy(attempts: u32) -> RetryPolicy {
    RetryPolicy::builder()
        .max_attempts(attempts)
        .base_delay(Duration::from_millis(1))
        .jitter(false)
        .build()
}

#[tokio::test]
async fn a_one_gib_error_body_is_cut_at_the_default_limit() {
    let base = serve(|_, mut stream| {
        let _ = write!(
            stream,
            "HTTP/1.1 500 Internal Server Error\r\nContent-Length: {}\r\n\r\n",
            1u64 << 30
        );
        let piece = vec![b'x'; PIECE];
        while stream.write_all(&piece).is_ok() {}
    });
    let err = within_two_seconds(async {
        let response = reqwest::get(&base).await.unwrap();
        error_for_response(response).await.unwrap_err()
    })
    .await;
    assert_eq!(err.status(), 500);
    assert!(err.body_truncated());
    assert_eq!(err.raw_body().map(<[u8]>::len), Some(DEFAULT_MAX_BODY_BYTES));
}

#[tokio::test]
async fn an_endless_chunked_error_body_is_cut_at_the_default_limit() {
    let base = serve(|_, mut stream| {
        let _ = stream.write_all(b"HTTP/1.1 502 Bad Gateway\r\nTransfer-Encoding: chunked\r\n\r\n");
        let mut chunk = format!("{PIECE:x}\r\n").into_bytes();
        chunk.extend_from_slice(&[b'x'; PIECE]);
        chunk.extend_from_slice(b"\r\n");
        while stream.write_all(&chunk).is_ok() {}
    });
    let err = within_two_seconds(async {
        let response = reqwest::get(&base).await.unwrap();
        error_for_response(response).await.unwrap_err()
    })
    .await;
    assert_eq!(err.status(), 502);
    assert!(err.body_truncated());
    assert_eq!(err.raw_body().map(<[u8]>::len), Some(DEFAULT_MAX_BODY_BYTES));
}

#[tokio::test]
async fn the_body_limit_is_configurable_and_a_body_within_it_is_whole() {
    let body = r#"{"error": "upstream down", "code": "UPSTREAM_UNAVAILABLE"}"#;
    let base = serve(move |_, stream| answer(stream, "503 Service Unavailable", "", body));
    let client = reqwest::Client::new();
    let (cut, whole) = within_two_seconds(async {
        let cut = error_for_response_limited(client.get(&base).send().await.unwrap(), 10).await;
        let whole = error_for_response_limited(client.get(&base).send().await.unwrap(), body.len()).await;
        (cut.unwrap_err(), whole.unwrap_err())
    })
    .await;
    assert!(cut.body_truncated());
    assert_eq!(cut.raw_body(), Some(&body.as_bytes()[..10]));
    assert!(!whole.body_truncated());
    assert_eq!(whole.code(), Some(ErrorCode::UpstreamUnavailable));
}

#[tokio::test]
async fn a_retried_sender_reads_at_most_its_body_limit() {
    let base = serve(|_, mut stream| {
        let _ = stream.write_all(b"HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n");
        while stream.write_all(b"1\r\nx\r\n").is_ok() {}
    });
    let err = within_two_seconds(
        RetrySend::new(&quick_policy(1))
            .max_body_bytes(100)
            .send(reqwest::Client::new().get(&base)),
    )
    .await
    .unwrap_err();
    let api = err.api_error().expect("the error reply");
    assert!(api.body_truncated());
    assert_eq!(api.raw_body().map(<[u8]>::len), Some(100));
}

#[tokio::test]
async fn a_server_that_never_answers_is_cut_off_by_the_attempt_timeout() {
    let base = serve(|_, stream| stall(stream));
    let started = Instant::now();
    let err = within_two_seconds(
        RetrySend::new(&RetryPolicy::default())
            .attempt_timeout(ATTEMPT_TIMEOUT)
            .send(reqwest::Client::new().post(&base)),
    )
    .await
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(err.attempts(), 1, "a POST is not repeated after a timeout");
    assert!(matches!(err.failure(), SendFailure::TimedOut(after) if *after == ATTEMPT_TIMEOUT));
    insta::assert_snapshot!(err.to_string());
}

#[tokio::test]
async fn a_body_that_stalls_is_cut_off_by_the_attempt_timeout() {
    let base = serve(|_, mut stream| {
        let _ = stream.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 100\r\n\r\n{\"error\": ");
        stall(stream);
    });
    let err = within_two_seconds(
        RetrySend::new(&RetryPolicy::default())
            .attempt_timeout(ATTEMPT_TIMEOUT)
            .send(reqwest::Client::new().post(&base)),
    )
    .await
    .unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert!(matches!(err.failure(), SendFailure::TimedOut(_)), "{err}");
}

#[tokio::test]
async fn a_drip_fed_body_is_cut_off_by_the_attempt_timeout() {
    let base = serve(|_, mut stream| {
        let _ = stream.write_all(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 1000\r\n\r\n");
        while stream.write_all(b"x").is_ok() {
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    let started = Instant::now();
    let err = within_two_seconds(
        RetrySend::new(&RetryPolicy::default())
            .attempt_timeout(ATTEMPT_TIMEOUT)
            .send(reqwest::Client::new().post(&base)),
    )
    .await
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert!(matches!(err.failure(), SendFailure::TimedOut(_)), "{err}");
}

#[tokio::test]
async fn a_body_broken_off_under_a_client_timeout_is_reported_not_read_as_empty() {
    let base = serve(|_, mut stream| {
        let _ = stream.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 100\r\n\r\n<html>");
        stall(stream);
    });
    let client = reqwest::Client::builder().timeout(ATTEMPT_TIMEOUT).build().unwrap();
    let err = within_two_seconds(send_with_retry(client.post(&base), &quick_policy(3)))
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 1, "a POST whose reply broke off is not repeated");
    let SendFailure::IncompleteBody { reply, .. } = err.failure() else {
        panic!("not reported as a broken body: {err}");
    };
    assert_eq!(reply.status(), 503);
    assert_eq!(reply.raw_body(), Some(&b"<html>"[..]), "the bytes that came are kept");
    insta::assert_snapshot!(err.to_string());
}

#[tokio::test]
async fn the_deadline_stops_a_long_hinted_wait_before_sleeping() {
    let base = serve(|_, stream| {
        let body = r#"{"error": "slow down", "code": "RATE_LIMIT_EXCEEDED"}"#;
        answer(stream, "429 Too Many Requests", "Retry-After: 300\r\n", body);
    });
    let started = Instant::now();
    let err = within_two_seconds(
        RetrySend::new(&RetryPolicy::default())
            .deadline(Duration::from_millis(500))
            .send(reqwest::Client::new().get(&base)),
    )
    .await
    .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.attempts(), 1);
    assert!(err.deadline_reached());
    assert_eq!(
        err.api_error().and_then(|api| api.code()),
        Some(ErrorCode::RateLimitExceeded)
    );
    insta::assert_snapshot!(err.to_string());
}

#[tokio::test]
async fn the_default_deadline_refuses_the_five_minute_hint_of_the_default_policy() {
    let base = serve(|_, stream| {
        let body = r#"{"error": "slow down", "code": "RATE_LIMIT_EXCEEDED"}"#;
        answer(stream, "429 Too Many Requests", "Retry-After: 300\r\n", body);
    });
    let err = within_two_seconds(send_with_retry(
        reqwest::Client::new().get(&base),
        &RetryPolicy::default(),
    ))
    .await
    .unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert!(err.deadline_reached(), "{err}");
    assert_eq!(RetrySend::DEFAULT_DEADLINE, Duration::from_secs(120));
}

#[tokio::test]
async fn the_deadline_bounds_attempts_and_waits_together() {
    let base = serve(|_, stream| stall(stream));
    let started = Instant::now();
    let err = within_two_seconds(
        RetrySend::new(&quick_policy(100))
            .attempt_timeout(ATTEMPT_TIMEOUT)
            .deadline(Duration::from_millis(500))
            .send(reqwest::Client::new().get(&base)),
    )
    .await
    .unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(500) && elapsed < Duration::from_millis(1500),
        "{elapsed:?}"
    );
    assert_eq!(
        err.attempts(),
        3,
        "two whole attempts, then one cut short by the deadline"
    );
    assert!(err.deadline_reached());
    assert!(matches!(err.failure(), SendFailure::TimedOut(_)), "{err}");
}

#[tokio::test]
async fn limits_too_long_to_represent_mean_no_limit_rather_than_a_panic() {
    let base = serve(|number, stream| match number {
        0 => unavailable(stream),
        _ => answer(stream, "200 OK", "", "done"),
    });
    let response = within_two_seconds(
        RetrySend::new(&quick_policy(2))
            .attempt_timeout(Duration::MAX)
            .deadline(Duration::MAX)
            .send(reqwest::Client::new().get(&base)),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_drained_budget_stops_retrying() {
    let hits = Arc::new(AtomicU32::new(0));
    let seen = Arc::clone(&hits);
    let base = serve(move |_, stream| {
        seen.fetch_add(1, Ordering::SeqCst);
        unavailable(stream)
    });
    // One retry after a transient failure costs 10 tokens: this pays for one.
    let budget = RetryBudget::new(10);
    let err = within_two_seconds(
        RetrySend::new(&quick_policy(5))
            .budget(&budget)
            .send(reqwest::Client::new().get(&base)),
    )
    .await
    .unwrap_err();
    assert_eq!(err.attempts(), 2);
    assert_eq!(hits.load(Ordering::SeqCst), 2);
    assert!(budget.is_outage());
}

#[tokio::test]
async fn a_success_refills_the_budget() {
    let base = serve(|number, stream| match number {
        0 => unavailable(stream),
        _ => answer(stream, "200 OK", "", "done"),
    });
    let budget = RetryBudget::new(20);
    let response = within_two_seconds(
        RetrySend::new(&quick_policy(3))
            .budget(&budget)
            .send(reqwest::Client::new().get(&base)),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(budget.available(), 11, "10 spent on the retry, 1 back for the success");
}

#[tokio::test]
async fn every_failed_attempt_is_seen_by_the_hook() {
    let base = serve(|number, stream| match number {
        0 | 1 => {
            let body = r#"{"error": "slow down", "code": "RATE_LIMIT_EXCEEDED"}"#;
            answer(
                stream,
                "429 Too Many Requests",
                "X-RateLimit-Retry-After: 0.01\r\n",
                body,
            );
        }
        _ => answer(stream, "200 OK", "", "done"),
    });
    let stats = ErrorStats::new();
    let mut numbers = Vec::new();
    let response = within_two_seconds(
        RetrySend::new(&quick_policy(3))
            .on_failed_attempt(|attempt, failure| {
                numbers.push(attempt);
                if let Some(err) = failure.api_error() {
                    stats.record(err);
                }
            })
            .send(reqwest::Client::new().get(&base)),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(numbers, [1, 2]);
    assert_eq!(stats.snapshot().count(ErrorCode::RateLimitExceeded), 2);
}

/// A server that closes the first connection without a word, then answers.
fn hangs_up_once() -> (String, Arc<AtomicU32>) {
    let hits = Arc::new(AtomicU32::new(0));
    let seen = Arc::clone(&hits);
    let base = serve(move |number, stream| {
        seen.fetch_add(1, Ordering::SeqCst);
        match number {
            0 => drop(stream),
            _ => answer(stream, "200 OK", "", "done"),
        }
    });
    (base, hits)
}

#[tokio::test]
async fn a_transport_error_is_retried_for_an_idempotent_request() {
    let (base, hits) = hangs_up_once();
    let response = within_two_seconds(send_with_retry(reqwest::Client::new().put(&base), &quick_policy(3)))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(hits.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_transport_error_is_not_retried_for_a_post() {
    let (base, hits) = hangs_up_once();
    let err = within_two_seconds(send_with_retry(reqwest::Client::new().post(&base), &quick_policy(3)))
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert!(matches!(err.failure(), SendFailure::Transport(_)), "{err}");
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_post_is_retried_after_a_transport_error_when_the_caller_says_so() {
    let (base, hits) = hangs_up_once();
    let response = within_two_seconds(
        RetrySend::new(&quick_policy(3))
            .retry_transport_errors(true)
            .send(reqwest::Client::new().post(&base)),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(hits.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_idempotent_request_is_not_retried_when_the_caller_forbids_it() {
    let (base, hits) = hangs_up_once();
    let err = within_two_seconds(
        RetrySend::new(&quick_policy(3))
            .retry_transport_errors(false)
            .send(reqwest::Client::new().get(&base)),
    )
    .await
    .unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[test]
fn a_base_revision_that_looks_like_an_option_is_refused_and_writes_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    // git would write `<out>:./errors.yaml`, that is `errors.yaml` in the folder `<out>:.`.
    let target = scratch.path().join("out:.");
    std::fs::create_dir(&target).unwrap();
    let revision = format!("--output={}", scratch.path().join("out").display());
    let run = xtask(&[&"compat", &"--base", &revision]);
    let written: Vec<_> = std::fs::read_dir(&target).unwrap().collect();
    assert!(written.is_empty(), "git wrote {written:?}");
    assert_eq!(run.status, cargo_errcat::USAGE);
    let shown = run.stderr.replace(&scratch.path().display().to_string(), "TMP");
    insta::assert_snapshot!(shown);
}
