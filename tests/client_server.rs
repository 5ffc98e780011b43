//! Both sides of the wire: a real axum server answering with the generated
//! crate's `ErrorResponse`, and a real reqwest client reading the replies with
//! its `ApiError`, `RetryPolicy` and `send_with_retry`, over 127.0.0.1.
//!
//! Retry waits are real: the throttled endpoint asks for 1 s (the header
//! carries whole seconds), so that test takes about 2 s; the other retries use
//! a 10 ms backoff.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use ofauth_errors::*;
use serde_json::json;

/// Requests seen by each retry endpoint.
#[derive(Default)]
struct Hits {
    flaky: AtomicU32,
    always_failing: AtomicU32,
    never_retried: AtomicU32,
}

/// Starts the server on a free port; it lives as long as the test's runtime.
async fn serve() -> (String, Arc<Hits>) {
    let hits = Arc::new(Hits::default());
    let app = Router::new()
        .route("/codes/{code}", get(answer_code))
        .route("/many-fields", get(many_fields))
        .route(
            "/html-500",
            get(|| async {
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    [(header::CONTENT_TYPE, "text/html")],
                    HTML,
                )
            }),
        )
        .route("/empty-502", get(|| async { StatusCode::BAD_GATEWAY }))
        .route("/date-429", get(dated_rate_limit))
        .route("/flaky", get(flaky))
        .route("/always-failing", get(always_failing))
        .route("/never-retried", get(never_retried))
        .with_state(Arc::clone(&hits));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, hits)
}

const HTML: &str = "<html><body><h1>500 Internal Server Error</h1></body></html>";

/// Every code as its own reply, the way a server built on the crate sends it.
async fn answer_code(Path(code): Path<String>) -> Result<Json<()>, ErrorResponse> {
    let code = ErrorCode::from_code(&code).ok_or_else(|| ErrorResponse::new(ErrorCode::ValidationInvalidValue))?;
    let reply = ErrorResponse::new(code).request_id(format!("req-{}", code.as_str()));
    Err(match code.category() {
        Category::Validation => {
            reply.details(json!({"field": "email", "message": "must be an address", "value": "me@"}))
        }
        _ => reply,
    })
}

async fn many_fields() -> ErrorResponse {
    ErrorResponse::new(ErrorCode::ValidationInvalidFormat).details(json!({"errors": [
        {"field": "email", "message": "must be an address", "value": "me@"},
        {"field": "age", "message": "must be a number", "value": "ten"},
    ]}))
}

/// A 429 from something that is not the API (no catalogue body), with a
/// standard `Retry-After` HTTP-date 30 s ahead.
async fn dated_rate_limit() -> Response {
    let at = SystemTime::now() + Duration::from_secs(30);
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, imf_fixdate(at))],
        "slow down",
    )
        .into_response()
}

/// Throttled twice, asking for 1 s each time, then succeeds.
async fn flaky(State(hits): State<Arc<Hits>>) -> Result<&'static str, ErrorResponse> {
    match hits.flaky.fetch_add(1, Ordering::SeqCst) {
        0 | 1 => Err(ErrorResponse::new(ErrorCode::RateLimitExceeded).retry_after(Duration::from_secs(1))),
        _ => Ok("done"),
    }
}

async fn always_failing(State(hits): State<Arc<Hits>>) -> ErrorResponse {
    hits.always_failing.fetch_add(1, Ordering::SeqCst);
    ErrorResponse::new(ErrorCode::UpstreamUnavailable)
}

async fn never_retried(State(hits): State<Arc<Hits>>) -> ErrorResponse {
    hits.never_retried.fetch_add(1, Ordering::SeqCst);
    ErrorResponse::new(ErrorCode::RateLimitQuotaExceeded)
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` for `at` (Howard Hinnant's `civil_from_days`).
fn imf_fixdate(at: SystemTime) -> String {
    let secs = at.duration_since(UNIX_EPOCH).unwrap().as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let z = days as i64 + 719_468;
    let (era, day_of_era) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = era * 400 + year_of_era + i64::from(month <= 2);
    let month_name = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][month as usize - 1];
    let (hour, minute, second) = (rest / 3600, rest / 60 % 60, rest % 60);
    format!("{weekday}, {day:02} {month_name} {year} {hour:02}:{minute:02}:{second:02} GMT")
}

/// The route the client must take for each of the catalogue's codes.
const EXPECTED_KINDS: &[(ErrorCode, ErrorKind)] = &[
    (ErrorCode::AuthInvalidKey, ErrorKind::Auth),
    (ErrorCode::AuthKeyExpired, ErrorKind::Auth),
    (ErrorCode::AuthInsufficientScope, ErrorKind::Auth),
    (ErrorCode::AuthConnectionNotFound, ErrorKind::ReAuthenticate),
    (ErrorCode::AuthSessionExpired, ErrorKind::ReAuthenticate),
    (ErrorCode::ValidationRequiredField, ErrorKind::Validation),
    (ErrorCode::ValidationInvalidFormat, ErrorKind::Validation),
    (ErrorCode::ValidationInvalidValue, ErrorKind::Validation),
    (ErrorCode::ValidationFieldTooLong, ErrorKind::Validation),
    (ErrorCode::RateLimitExceeded, ErrorKind::RateLimited),
    (ErrorCode::RateLimitQuotaExceeded, ErrorKind::RateLimited),
    (ErrorCode::ConnectionNotFound, ErrorKind::ReAuthenticate),
    (ErrorCode::ConnectionExpired, ErrorKind::ReAuthenticate),
    (ErrorCode::ConnectionInvalidState, ErrorKind::Validation),
    (ErrorCode::ConnectionLimitExceeded, ErrorKind::Auth),
    (ErrorCode::UpstreamUnavailable, ErrorKind::Transient),
    (ErrorCode::UpstreamTimeout, ErrorKind::Transient),
    (ErrorCode::UpstreamRateLimited, ErrorKind::RateLimited),
    (ErrorCode::UpstreamInvalidResponse, ErrorKind::Server),
    (ErrorCode::RulesOutdated, ErrorKind::Transient),
    (ErrorCode::RulesUnavailable, ErrorKind::Transient),
    (ErrorCode::RulesInvalidSignature, ErrorKind::Auth),
];

const REAUTH_CODES: [ErrorCode; 4] = [
    ErrorCode::AuthConnectionNotFound,
    ErrorCode::AuthSessionExpired,
    ErrorCode::ConnectionNotFound,
    ErrorCode::ConnectionExpired,
];

async fn get_error(client: &reqwest::Client, url: &str) -> ApiError {
    let response = client.get(url).send().await.unwrap();
    error_for_response(response).await.expect_err("an error reply")
}

#[tokio::test]
async fn every_code_arrives_with_its_status_kind_and_request_id() {
    let (base, _) = serve().await;
    let client = reqwest::Client::new();
    let listed: Vec<ErrorCode> = EXPECTED_KINDS.iter().map(|(code, _)| *code).collect();
    assert_eq!(
        listed,
        ErrorCode::ALL,
        "the table covers every code, in catalogue order"
    );

    let mut errors = Vec::new();
    for &(code, kind) in EXPECTED_KINDS {
        let err = get_error(&client, &format!("{base}/codes/{}", code.as_str())).await;
        assert_eq!(err.code(), Some(code));
        assert_eq!(err.status(), code.http_status(), "{code:?}");
        assert_eq!(err.kind(), kind, "{code:?}");
        assert_eq!(err.category_id(), Some(code.category().id()));
        assert_eq!(err.message(), Some(code.message()));
        assert_eq!(err.request_id(), Some(format!("req-{}", code.as_str()).as_str()));
        assert_eq!(err.requires_reauth(), REAUTH_CODES.contains(&code), "{code:?}");
        assert_eq!(
            err.as_auth().is_some(),
            matches!(kind, ErrorKind::Auth | ErrorKind::ReAuthenticate)
        );
        assert_eq!(err.is_retryable(), code.is_retryable(), "{code:?}");
        let expected_wait = (code.retry() == Retry::Throttled).then(|| Duration::from_secs(DEFAULT_RETRY_AFTER_SECS));
        assert_eq!(err.retry_after(), expected_wait, "{code:?}");
        assert!(err.body().is_some());
        errors.push(err);
    }
    let reauth: Vec<ErrorCode> = errors
        .iter()
        .filter(|err| err.requires_reauth())
        .filter_map(ApiError::code)
        .collect();
    assert_eq!(reauth, REAUTH_CODES);

    let validation = errors
        .iter()
        .find(|err| err.code() == Some(ErrorCode::ValidationRequiredField))
        .unwrap();
    let fields = validation.as_validation().expect("a validation error").field_errors();
    assert_eq!(fields.len(), 1);
    assert_eq!(
        (fields[0].field(), fields[0].message()),
        (Some("email"), Some("must be an address"))
    );
    assert_eq!(fields[0].value(), Some(&JsonValue::String("me@".to_owned())));

    // The same replies, counted and forwarded to a `tracing` subscriber.
    let collector = Arc::new(Collector::default());
    let stats = ErrorStats::new();
    tracing::subscriber::with_default(Arc::clone(&collector), || {
        errors.iter().for_each(|err| stats.record(err))
    });
    let snapshot = stats.snapshot();
    assert!(ErrorCode::ALL.iter().all(|&code| snapshot.count(code) == 1));
    assert_eq!((snapshot.unknown(), snapshot.total()), (0, 22));
    let events = collector.events.lock().unwrap();
    assert_eq!(events.len(), 22);
    assert_eq!(events[0]["code"], "AUTH_INVALID_KEY");
    assert_eq!(events[0]["status"], "401");
    assert_eq!(events[0]["category"], "auth");
    assert_eq!(events[0]["retryable"], "false");
    assert_eq!(events[0]["request_id"], "req-AUTH_INVALID_KEY");
}

#[tokio::test]
async fn several_field_errors_are_read_from_details() {
    let (base, _) = serve().await;
    let err = get_error(&reqwest::Client::new(), &format!("{base}/many-fields")).await;
    let fields = err.as_validation().expect("a validation error").field_errors();
    let read: Vec<(Option<&str>, Option<&str>)> = fields.iter().map(|f| (f.field(), f.message())).collect();
    assert_eq!(
        read,
        [
            (Some("email"), Some("must be an address")),
            (Some("age"), Some("must be a number"))
        ]
    );
    assert_eq!(fields[1].value().map(ToString::to_string).as_deref(), Some("\"ten\""));
}

#[tokio::test]
async fn replies_that_are_not_from_the_catalogue_still_give_an_api_error() {
    let (base, _) = serve().await;
    let client = reqwest::Client::new();

    let html = get_error(&client, &format!("{base}/html-500")).await;
    assert_eq!(
        (html.status(), html.code(), html.kind()),
        (500, None, ErrorKind::Server)
    );
    assert_eq!(html.raw_body(), Some(HTML.as_bytes()));
    assert!(!html.is_retryable());

    let empty = get_error(&client, &format!("{base}/empty-502")).await;
    assert_eq!(
        (empty.status(), empty.code(), empty.kind()),
        (502, None, ErrorKind::Transient)
    );
    assert_eq!(empty.raw_body(), Some(&b""[..]));
    assert!(empty.is_retryable());

    let dated = get_error(&client, &format!("{base}/date-429")).await;
    assert_eq!(
        (dated.status(), dated.code(), dated.kind()),
        (429, None, ErrorKind::RateLimited)
    );
    let hint = dated.retry_hint().expect("the HTTP-date is read");
    assert!(
        hint > Duration::from_secs(27) && hint <= Duration::from_secs(30),
        "{hint:?}"
    );
    let policy = RetryPolicy::builder().jitter(false).build();
    assert_eq!(policy.next_delay(1, &dated), Some(hint));

    let stats = ErrorStats::new();
    [&html, &empty, &dated].into_iter().for_each(|err| stats.record(err));
    assert_eq!((stats.snapshot().unknown(), stats.snapshot().total()), (3, 3));
    assert_eq!(stats.snapshot().status_class(StatusClass::ServerError), 2);
}

#[tokio::test]
async fn a_throttled_endpoint_is_retried_after_the_hinted_wait() {
    let (base, hits) = serve().await;
    let policy = RetryPolicy::builder().jitter(false).build();
    let started = Instant::now();
    let response = send_with_retry(reqwest::Client::new().get(format!("{base}/flaky")), &policy)
        .await
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(response.text().await.unwrap(), "done");
    assert_eq!(hits.flaky.load(Ordering::SeqCst), 3);
    assert!(
        elapsed >= Duration::from_secs(2),
        "waited only {elapsed:?} for two 1 s hints"
    );
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}

#[tokio::test]
async fn a_failing_endpoint_is_given_up_after_the_maximum_attempts() {
    let (base, hits) = serve().await;
    let policy = RetryPolicy::builder()
        .jitter(false)
        .base_delay(Duration::from_millis(10))
        .max_attempts(4)
        .build();
    let err = send_with_retry(reqwest::Client::new().get(format!("{base}/always-failing")), &policy)
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 4);
    assert_eq!(hits.always_failing.load(Ordering::SeqCst), 4);
    assert_eq!(
        err.api_error().and_then(ApiError::code),
        Some(ErrorCode::UpstreamUnavailable)
    );
    assert!(
        err.to_string()
            .starts_with("gave up after 4 attempts: HTTP 502 UPSTREAM_UNAVAILABLE"),
        "{err}"
    );

    // A shared budget notices the outage long before every request has given up.
    let budget = RetryBudget::new(30);
    let last = err.api_error().unwrap();
    let granted = (0..10).take_while(|_| budget.try_acquire(last)).count();
    assert_eq!(granted, 3);
    assert!(budget.is_outage());
}

#[tokio::test]
async fn a_code_that_is_never_retried_is_sent_once() {
    let (base, hits) = serve().await;
    let err = send_with_retry(
        reqwest::Client::new().get(format!("{base}/never-retried")),
        &RetryPolicy::default(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(hits.never_retried.load(Ordering::SeqCst), 1);
    let api = err.api_error().expect("an error reply");
    assert_eq!(
        (api.code(), api.kind()),
        (Some(ErrorCode::RateLimitQuotaExceeded), ErrorKind::RateLimited)
    );
    assert!(!api.is_retryable());
}

#[tokio::test]
async fn no_reply_to_a_post_is_a_transport_failure_after_one_attempt() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    drop(listener);
    // A POST is not idempotent: whether the server acted on it is unknown.
    let err = send_with_retry(reqwest::Client::new().post(url), &RetryPolicy::default())
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert!(matches!(err.failure(), SendFailure::Transport(_)), "{err}");
}

/// JSON-RPC answers errors with status 200: a client of a catalogue whose
/// codes are sent with 200 reads a 200's body, and hands it back whole when
/// it holds no error; the OFAuth client never reads a success's body.
mod errors_on_status_200 {
    use std::io::Write;
    use std::net::TcpListener;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::Duration;

    use axum::Router;
    use axum::extract::State;
    use axum::http::header;
    use axum::routing::post;

    use crate::support::read_request_head;

    mod jsonrpc {
        errcat::catalogue!("fixtures/real/jsonrpc.yaml", features = ["reqwest"]);
    }

    use jsonrpc::{ApiError, ErrorCode, ErrorKind, RetryPolicy};

    const METHOD_NOT_FOUND: &str =
        r#"{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "1"}"#;
    const INTERNAL_ERROR: &str =
        r#"{"jsonrpc": "2.0", "error": {"code": -32603, "message": "Internal error"}, "id": 2}"#;
    const RESULT: &str = r#"{"jsonrpc": "2.0", "result": 19, "id": 1}"#;

    /// A result longer than the body limit: `{"jsonrpc": "2.0", "result": "xx…", "id": 3}`.
    fn long_result() -> String {
        let text = "x".repeat(3 * jsonrpc::DEFAULT_MAX_BODY_BYTES);
        format!(r#"{{"jsonrpc": "2.0", "result": "{text}", "id": 3}}"#)
    }

    /// An error whose `data` makes it longer than the body limit.
    fn long_error() -> String {
        let text = "x".repeat(3 * jsonrpc::DEFAULT_MAX_BODY_BYTES);
        format!(
            r#"{{"jsonrpc": "2.0", "error": {{"code": -32601, "message": "Method not found", "data": "{text}"}}, "id": 4}}"#
        )
    }

    /// A JSON-RPC server on a free port: every reply is a 200; `/flaky`
    /// answers an internal error, then a result.
    async fn serve() -> (String, Arc<AtomicU32>) {
        let flaky_hits = Arc::new(AtomicU32::new(0));
        let reply = |body: String| {
            (
                [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::HeaderName::from_static("x-answer"), "yes"),
                ],
                body,
            )
        };
        let app = Router::new()
            .route(
                "/method-not-found",
                post(move || async move { reply(METHOD_NOT_FOUND.to_owned()) }),
            )
            .route("/result", post(move || async move { reply(RESULT.to_owned()) }))
            .route("/long-result", post(move || async move { reply(long_result()) }))
            .route("/long-error", post(move || async move { reply(long_error()) }))
            .route(
                "/flaky",
                post(|State(hits): State<Arc<AtomicU32>>| async move {
                    match hits.fetch_add(1, Ordering::SeqCst) {
                        0 => INTERNAL_ERROR,
                        _ => RESULT,
                    }
                }),
            )
            .with_state(Arc::clone(&flaky_hits));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (base, flaky_hits)
    }

    /// A server that answers one request with a 200 head announcing 100
    /// bytes of body, sends `sent` of them, then keeps the connection open
    /// and silent for good (`close: false`) or closes it (`close: true`).
    fn serve_partial_body(sent: &'static str, close: bool) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            read_request_head(&stream);
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: 100\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(sent.as_bytes());
            if !close {
                loop {
                    std::thread::park();
                    let _ = &stream;
                }
            }
        });
        base
    }

    #[tokio::test]
    async fn a_200_with_an_error_body_is_an_error_with_its_code() {
        let (base, _) = serve().await;
        let client = reqwest::Client::new();
        for path in ["/method-not-found", "/long-error"] {
            let response = client.post(format!("{base}{path}")).send().await.unwrap();
            assert_eq!(response.status(), 200);
            let error: ApiError = jsonrpc::error_for_response(response).await.expect_err("an error reply");
            assert_eq!((error.status(), error.code()), (200, Some(ErrorCode::MethodNotFound)));
            assert_eq!(
                (error.wire_code(), error.message()),
                (Some("-32601"), Some("Method not found"))
            );
            assert_eq!((error.kind(), error.is_retryable()), (ErrorKind::Client, false));
            // The body is read as far as an error body is, and no further.
            assert_eq!(error.body_truncated(), path == "/long-error", "{path}");
        }
    }

    #[tokio::test]
    async fn a_200_with_a_result_comes_back_whole_with_its_status_headers_and_url() {
        let (base, _) = serve().await;
        let client = reqwest::Client::new();
        for (path, body) in [("/result", RESULT.to_owned()), ("/long-result", long_result())] {
            let url = format!("{base}{path}");
            let response = client.post(&url).send().await.unwrap();
            let response = jsonrpc::error_for_response(response).await.expect("no error");
            assert_eq!(response.status(), 200);
            assert_eq!(response.url().as_str(), url);
            assert_eq!(response.headers()["x-answer"], "yes");
            assert_eq!(response.content_length(), Some(body.len() as u64), "{path}");
            assert_eq!(response.text().await.unwrap(), body, "{path}");
        }
    }

    #[tokio::test]
    async fn a_200_whose_body_breaks_off_comes_back_with_the_bytes_read_then_the_error() {
        let base = serve_partial_body(r#"{"jsonrpc": "2.0", "result": [1, 2"#, true);
        let response = reqwest::Client::new().get(&base).send().await.unwrap();
        let response = jsonrpc::error_for_response(response)
            .await
            .expect("no code in what came");
        assert_eq!(response.status(), 200);
        assert!(response.bytes().await.is_err(), "the body broke off");
    }

    #[tokio::test]
    async fn a_transient_error_on_200_is_retried_like_any_transient_error() {
        let (base, hits) = serve().await;
        let policy = RetryPolicy::builder()
            .base_delay(Duration::from_millis(1))
            .jitter(false)
            .build();
        let request = reqwest::Client::new().post(format!("{base}/flaky"));
        let response = jsonrpc::send_with_retry(request, &policy)
            .await
            .expect("the second attempt succeeds");
        assert_eq!(hits.load(Ordering::SeqCst), 2);
        assert_eq!(response.text().await.unwrap(), RESULT);

        let never = RetryPolicy::builder().max_attempts(1).build();
        let request = reqwest::Client::new().post(format!("{base}/method-not-found"));
        let failed = jsonrpc::send_with_retry(request, &never)
            .await
            .expect_err("an error reply");
        assert_eq!(
            failed.api_error().and_then(ApiError::code),
            Some(ErrorCode::MethodNotFound)
        );
    }

    #[tokio::test]
    async fn only_a_catalogue_with_codes_on_200_reads_the_body_of_a_200() {
        // The body never ends: reading it would wait for good.
        let stalled = || serve_partial_body(r#"{"error": "not read", "code": "AUTH_INVALID_KEY"}"#, false);
        let response = reqwest::get(stalled()).await.unwrap();
        let within = tokio::time::timeout(Duration::from_secs(2), ofauth_errors::error_for_response(response));
        let response = within
            .await
            .expect("OFAuth's client returns at once")
            .expect("a 200 is no error");
        assert_eq!(response.status(), 200);

        let response = reqwest::get(stalled()).await.unwrap();
        let reading = tokio::time::timeout(Duration::from_millis(300), jsonrpc::error_for_response(response));
        assert!(reading.await.is_err(), "the JSON-RPC client waits for the body");
    }
}

/// A `tracing` subscriber that keeps every event's fields as text.
#[derive(Default)]
struct Collector {
    events: Mutex<Vec<BTreeMap<String, String>>>,
}

struct FieldText<'a>(&'a mut BTreeMap<String, String>);

impl tracing::field::Visit for FieldText<'_> {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl tracing::Subscriber for Collector {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut FieldText(&mut fields));
        self.events.lock().unwrap().push(fields);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}
