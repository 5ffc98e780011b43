//! Feature `reqwest`: turning reqwest replies into [`ApiError`]s, and sending
//! with a [`RetryPolicy`], bounded in time, bytes and attempts.
//!
//! A reply with a 4xx or 5xx status is an error reply. A reply with another
//! status is one too when its body has a code (JSON-RPC answers errors with
//! 200), so for a catalogue with a code sent with such a status, those
//! bodies are read as far as an error body would be, and handed back
//! unchanged when they carry no code. For any other catalogue, the body of
//! a success is never touched.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use http_body::{Body as HttpBody, Frame, SizeHint};
use reqwest::{Body, Client, Method, Request, RequestBuilder, Response, ResponseBuilderExt};

use super::api_error::{ApiError, DEFAULT_MAX_BODY_BYTES};
use super::budget::RetryBudget;
use super::catalogue::Catalogue;
use super::policy::RetryPolicy;

/// The response itself when it is not an error reply, else the [`ApiError`]
/// read from its status, headers and at most [`DEFAULT_MAX_BODY_BYTES`] of
/// its body; see [`error_for_response_limited`].
pub async fn error_for_response<C: Catalogue>(response: Response) -> Result<Response, ApiError<C>> {
    error_for_response_limited(response, DEFAULT_MAX_BODY_BYTES).await
}

/// The response itself when it is not an error reply, else the [`ApiError`]
/// read from its status, headers and body.
///
/// A reply with a 4xx or 5xx status is an error reply. So is a reply with
/// another status whose body has a code where the catalogue's
/// [`Wire`](super::catalogue::Wire) says, when the catalogue has a code sent
/// with a status below 400 (JSON-RPC's 200): only then is such a body read,
/// within the same limit, and when it has no code the response comes back
/// with the same status, headers, URL and body (the bytes read, then the
/// rest as it arrives, or the error that broke it off). Otherwise the body
/// of a success is not read.
///
/// At most `max_body_bytes + 1` bytes of the body are read, chunk by chunk;
/// the rest is never received. A longer body is cut to `max_body_bytes` and
/// [`ApiError::body_truncated`] says so. A body that breaks off (the
/// connection fails, or the client's timeout ends it) keeps the bytes that
/// came; [`RetrySend`] reports that case as [`SendFailure::IncompleteBody`].
pub async fn error_for_response_limited<C: Catalogue>(
    response: Response,
    max_body_bytes: usize,
) -> Result<Response, ApiError<C>> {
    match read_reply(response, max_body_bytes).await {
        Reply::Success(response) => Ok(response),
        Reply::Error(error) | Reply::Incomplete(error, _) => Err(error),
    }
}

/// Sends `request` with [`RetrySend`]'s defaults: retries as `policy` says,
/// each attempt within 30 s and all of them within 2 minutes.
pub async fn send_with_retry<C: Catalogue>(
    request: RequestBuilder,
    policy: &RetryPolicy,
) -> Result<Response, RetryError<C>> {
    RetrySend::new(policy).send(request).await
}

/// Sends a request, retrying as a [`RetryPolicy`] says, within bounds:
///
/// - each attempt (sending, the reply's head and an error reply's body) ends
///   within [`attempt_timeout`](RetrySend::attempt_timeout), default 30 s;
/// - all attempts and the waits between them end within
///   [`deadline`](RetrySend::deadline), default 2 minutes: a wait that would
///   pass it is not started, and [`RetryError::deadline_reached`] says so;
/// - at most [`max_body_bytes`](RetrySend::max_body_bytes) of an error body
///   are read, default [`DEFAULT_MAX_BODY_BYTES`] (64 KiB);
/// - with a [`budget`](RetrySend::budget), each retry must be paid for, and
///   each success refills it; there is none by default;
/// - [`on_failed_attempt`](RetrySend::on_failed_attempt) sees every failed
///   attempt, the last one included (to count each reply in an
///   [`ErrorStats`](super::stats::ErrorStats));
/// - a failure without a whole reply (transport error, timeout, a body that
///   broke off) is retried only when repeating the request is safe: its
///   method is idempotent (GET, HEAD, OPTIONS, PUT, DELETE, TRACE; RFC 9110
///   §9.2.2), unless [`retry_transport_errors`](RetrySend::retry_transport_errors)
///   says otherwise. Such a failure waits and pays like a 503 without a body.
///
/// An error reply is retried when the policy allows, whatever the method: the
/// server said what happened. This includes a JSON-RPC error with a transient
/// code on status 200 (see [`error_for_response_limited`] for when such a
/// body is read). A request whose body cannot be cloned (a stream) is sent
/// once. The success's body is left for the caller to read.
/// The waits use tokio's timer, so this runs on a tokio runtime, as reqwest does.
pub struct RetrySend<'a, C: Catalogue> {
    policy: &'a RetryPolicy,
    attempt_timeout: Duration,
    deadline: Duration,
    max_body_bytes: usize,
    budget: Option<&'a RetryBudget>,
    on_failed_attempt: Option<FailedAttemptHook<'a, C>>,
    retry_transport_errors: Option<bool>,
}

/// What [`RetrySend::on_failed_attempt`] keeps.
type FailedAttemptHook<'a, C> = Box<dyn FnMut(u32, &SendFailure<C>) + Send + 'a>;

impl<'a, C: Catalogue> RetrySend<'a, C> {
    /// How long one attempt may take by default: 30 s.
    pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
    /// How long all attempts and waits may take by default: 2 minutes (120 s).
    pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);

    /// Retries as `policy` says, with the defaults above.
    pub fn new(policy: &'a RetryPolicy) -> RetrySend<'a, C> {
        RetrySend {
            policy,
            attempt_timeout: Self::DEFAULT_ATTEMPT_TIMEOUT,
            deadline: Self::DEFAULT_DEADLINE,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            budget: None,
            on_failed_attempt: None,
            retry_transport_errors: None,
        }
    }

    /// The longest one attempt may take, from sending to the end of an
    /// error reply's body ([`Duration::MAX`] for no limit).
    pub fn attempt_timeout(mut self, timeout: Duration) -> RetrySend<'a, C> {
        self.attempt_timeout = timeout;
        self
    }

    /// The longest all attempts and waits may take together
    /// ([`Duration::MAX`] for no limit).
    pub fn deadline(mut self, deadline: Duration) -> RetrySend<'a, C> {
        self.deadline = deadline;
        self
    }

    /// The most bytes of an error body kept; see [`error_for_response_limited`].
    pub fn max_body_bytes(mut self, max_body_bytes: usize) -> RetrySend<'a, C> {
        self.max_body_bytes = max_body_bytes;
        self
    }

    /// A budget shared with the client's other requests: each retry spends
    /// from it ([`RetryBudget::try_acquire`]), and is not made when it is
    /// drained; each success refills it ([`RetryBudget::record_success`]).
    pub fn budget(mut self, budget: &'a RetryBudget) -> RetrySend<'a, C> {
        self.budget = Some(budget);
        self
    }

    /// Called with the attempt's number (1 for the first) and its failure,
    /// for every attempt that fails, before deciding whether to retry.
    pub fn on_failed_attempt(mut self, hook: impl FnMut(u32, &SendFailure<C>) + Send + 'a) -> RetrySend<'a, C> {
        self.on_failed_attempt = Some(Box::new(hook));
        self
    }

    /// Whether a failure without a whole reply is retried, whatever the
    /// method: `true` when the caller knows repeating the request is safe
    /// (an idempotency key, say), `false` never to. Without this call, only
    /// idempotent methods are retried.
    pub fn retry_transport_errors(mut self, retry: bool) -> RetrySend<'a, C> {
        self.retry_transport_errors = Some(retry);
        self
    }

    /// Sends `request` until it succeeds or a bound is reached.
    pub async fn send(mut self, request: RequestBuilder) -> Result<Response, RetryError<C>> {
        // A deadline too far to represent is no deadline.
        let give_up_at = Instant::now().checked_add(self.deadline);
        let (client, request) = request.build_split();
        let mut request = match request {
            Ok(request) => request,
            Err(invalid) => return Err(RetryError::new(0, SendFailure::Transport(invalid), None)),
        };
        let may_repeat_unanswered = self
            .retry_transport_errors
            .unwrap_or_else(|| is_idempotent(request.method()));
        let mut attempts = 0;
        loop {
            let spare = request.try_clone();
            attempts += 1;
            let time_left = give_up_at.map(|at| at.saturating_duration_since(Instant::now()));
            let limit = time_left.map_or(self.attempt_timeout, |left| left.min(self.attempt_timeout));
            let failure = match tokio::time::timeout(limit, attempt(&client, request, self.max_body_bytes)).await {
                Ok(Ok(response)) => {
                    if let Some(budget) = self.budget {
                        budget.record_success();
                    }
                    return Ok(response);
                }
                Ok(Err(failure)) => failure,
                Err(_elapsed) => SendFailure::TimedOut(limit),
            };
            if let Some(hook) = self.on_failed_attempt.as_mut() {
                hook(attempts, &failure);
            }
            let unanswered = no_reply_as_error();
            let retry_as = match &failure {
                SendFailure::Api(error) => Some(error),
                SendFailure::Transport(error) if error.is_builder() => None,
                SendFailure::Transport(_) | SendFailure::TimedOut(_) => may_repeat_unanswered.then_some(&unanswered),
                SendFailure::IncompleteBody { reply, .. } => may_repeat_unanswered.then_some(reply),
            };
            let (Some(retry_as), Some(spare)) = (retry_as, spare) else {
                return Err(RetryError::new(attempts, failure, None));
            };
            let Some(wait) = self.policy.next_delay(attempts, retry_as) else {
                return Err(RetryError::new(attempts, failure, None));
            };
            let past_deadline =
                give_up_at.is_some_and(|at| Instant::now().checked_add(wait).is_none_or(|woken| woken >= at));
            if past_deadline {
                let stopped = DeadlineStop {
                    wait,
                    deadline: self.deadline,
                };
                return Err(RetryError::new(attempts, failure, Some(stopped)));
            }
            if self.budget.is_some_and(|budget| !budget.try_acquire(retry_as)) {
                return Err(RetryError::new(attempts, failure, None));
            }
            tokio::time::sleep(wait).await;
            request = spare;
        }
    }
}

/// Every setting; the hook only as whether there is one.
impl<C: Catalogue> fmt::Debug for RetrySend<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetrySend")
            .field("policy", self.policy)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("deadline", &self.deadline)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("budget", &self.budget)
            .field("on_failed_attempt", &self.on_failed_attempt.is_some())
            .field("retry_transport_errors", &self.retry_transport_errors)
            .finish()
    }
}

/// One attempt: the reply, and an error reply's body up to the limit.
async fn attempt<C: Catalogue>(
    client: &Client,
    request: Request,
    max_body_bytes: usize,
) -> Result<Response, SendFailure<C>> {
    let response = client.execute(request).await.map_err(SendFailure::Transport)?;
    match read_reply(response, max_body_bytes).await {
        Reply::Success(response) => Ok(response),
        Reply::Error(error) => Err(SendFailure::Api(error)),
        Reply::Incomplete(reply, error) => Err(SendFailure::IncompleteBody { reply, error }),
    }
}

/// Whether repeating a request with `method` has the effect of sending it
/// once (RFC 9110 §9.2.2).
fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::PUT,
        Method::DELETE,
        Method::TRACE,
    ]
    .contains(method)
}

/// What the policy and the budget see for a failure without a whole reply:
/// a 503 without a body, which backs off like any transient failure.
fn no_reply_as_error<C: Catalogue>() -> ApiError<C> {
    ApiError::from_parts(503, &[], b"")
}

/// A response read as far as deciding success or error needs.
enum Reply<C: Catalogue> {
    /// Not an error reply: its body as it came, whether or not it was read.
    Success(Response),
    /// An error reply, its body read whole or cut at the limit.
    Error(ApiError<C>),
    /// An error reply whose body broke off, with the bytes that came.
    Incomplete(ApiError<C>, reqwest::Error),
}

/// Reads `response` into a [`Reply`], reading at most `max_body_bytes + 1`
/// bytes of a body that may be an error body: one more than kept, to know it
/// was longer.
async fn read_reply<C: Catalogue>(mut response: Response, max_body_bytes: usize) -> Reply<C> {
    let status = response.status();
    let error_status = status.is_client_error() || status.is_server_error();
    if !error_status && !has_codes_below_400::<C>() {
        return Reply::Success(response);
    }
    // Whole chunks are kept, so that a success gets its body back whole: at
    // most one chunk more than the bytes wanted.
    let wanted = max_body_bytes.saturating_add(1);
    let mut body = Vec::new();
    let broken_off = loop {
        if body.len() >= wanted {
            break None;
        }
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break None,
            Err(error) => break Some(error),
        }
    };
    let kept = &body[..body.len().min(wanted)];
    let error = ApiError::from_http_limited(status, response.headers(), kept, max_body_bytes);
    if !error_status && error.wire_code().is_none() {
        return Reply::Success(read_again(response, body, broken_off));
    }
    match broken_off {
        None => Reply::Error(error),
        Some(cause) => Reply::Incomplete(error, cause),
    }
}

/// Whether a code of the catalogue is sent with a status below 400, so that
/// a reply with such a status may be an error reply: a scan of
/// [`Catalogue::ALL`], without allocating, made only for such replies.
fn has_codes_below_400<C: Catalogue>() -> bool {
    C::ALL.iter().any(|code| code.http_status() < 400)
}

/// `response` with the bytes of its body already `read` put back before the
/// rest, and, when the body `broke_off`, that error after them. Its status,
/// headers, extensions and URL are kept.
fn read_again(response: Response, read: Vec<u8>, broke_off: Option<reqwest::Error>) -> Response {
    let url = response.url().clone();
    let (mut parts, rest) = http::Response::<Body>::from(response).into_parts();
    // reqwest keeps the URL out of the parts; its builder puts it back.
    if let Ok(with_url) = http::Response::builder().url(url).body(()) {
        parts.extensions.extend(with_url.into_parts().0.extensions);
    }
    let after = match broke_off {
        None => After::Rest(rest),
        Some(error) => After::BrokenOff(Some(error)),
    };
    let body = ReadAgain {
        read: Some(read).filter(|read| !read.is_empty()),
        after,
    };
    Response::from(http::Response::from_parts(parts, Body::wrap(body)))
}

/// A body whose first bytes were read already: those bytes, then what
/// follows them.
struct ReadAgain {
    read: Option<Vec<u8>>,
    after: After,
}

/// What follows the bytes read already.
enum After {
    /// The rest of the body, as it arrives.
    Rest(Body),
    /// The error that broke the body off, given once.
    BrokenOff(Option<reqwest::Error>),
}

impl HttpBody for ReadAgain {
    type Data = <Body as HttpBody>::Data;
    type Error = reqwest::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        if let Some(read) = self.read.take() {
            return Poll::Ready(Some(Ok(Frame::data(read.into()))));
        }
        match &mut self.after {
            After::Rest(rest) => Pin::new(rest).poll_frame(cx),
            After::BrokenOff(error) => Poll::Ready(error.take().map(Err)),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.read.is_none()
            && match &self.after {
                After::Rest(rest) => rest.is_end_stream(),
                After::BrokenOff(error) => error.is_none(),
            }
    }

    fn size_hint(&self) -> SizeHint {
        let read = self.read.as_ref().map_or(0, |read| read.len() as u64);
        let rest = match &self.after {
            After::Rest(rest) => rest.size_hint(),
            After::BrokenOff(_) => SizeHint::with_exact(0),
        };
        let mut hint = SizeHint::new();
        hint.set_lower(read.saturating_add(rest.lower()));
        if let Some(upper) = rest.upper() {
            hint.set_upper(read.saturating_add(upper));
        }
        hint
    }
}

/// Why [`RetrySend`] gave up, and after how many attempts.
#[derive(Debug)]
pub struct RetryError<C: Catalogue> {
    attempts: u32,
    failure: SendFailure<C>,
    deadline_stop: Option<DeadlineStop>,
}

/// The wait that the deadline did not leave time for.
#[derive(Debug, Clone, Copy)]
struct DeadlineStop {
    wait: Duration,
    deadline: Duration,
}

impl<C: Catalogue> RetryError<C> {
    fn new(attempts: u32, failure: SendFailure<C>, deadline_stop: Option<DeadlineStop>) -> RetryError<C> {
        RetryError {
            attempts,
            failure,
            deadline_stop,
        }
    }

    /// Requests sent, the first one included (0 when reqwest refused to
    /// build the request).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// What the last attempt got.
    pub fn failure(&self) -> &SendFailure<C> {
        &self.failure
    }

    /// The last error reply, when there was one.
    pub fn api_error(&self) -> Option<&ApiError<C>> {
        self.failure.api_error()
    }

    /// Whether the policy allowed another attempt but the overall deadline
    /// left no time for its wait.
    pub fn deadline_reached(&self) -> bool {
        self.deadline_stop.is_some()
    }

    /// What the last attempt got, by value.
    pub fn into_failure(self) -> SendFailure<C> {
        self.failure
    }
}

impl<C: Catalogue> fmt::Display for RetryError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.attempts == 1 { "" } else { "s" };
        write!(f, "gave up after {} attempt{plural}", self.attempts)?;
        if let Some(DeadlineStop { wait, deadline }) = self.deadline_stop {
            write!(f, " (the next wait of {wait:?} would pass the {deadline:?} deadline)")?;
        }
        write!(f, ": {}", self.failure)
    }
}

impl<C: Catalogue> std::error::Error for RetryError<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.failure)
    }
}

/// What a request got instead of a success.
#[derive(Debug)]
#[non_exhaustive]
pub enum SendFailure<C: Catalogue> {
    /// An error reply.
    Api(ApiError<C>),
    /// No reply: the connection failed, or reqwest refused the request.
    Transport(reqwest::Error),
    /// An error reply whose body broke off before its end.
    IncompleteBody {
        /// The reply, read from its status, headers and the bytes that came.
        reply: ApiError<C>,
        /// Why the body ended early.
        error: reqwest::Error,
    },
    /// No whole reply within this time: the attempt timeout, or what was
    /// left of the deadline.
    TimedOut(Duration),
}

impl<C: Catalogue> SendFailure<C> {
    /// The error reply, whole or broken off, when there was one.
    pub fn api_error(&self) -> Option<&ApiError<C>> {
        match self {
            SendFailure::Api(error) | SendFailure::IncompleteBody { reply: error, .. } => Some(error),
            SendFailure::Transport(_) | SendFailure::TimedOut(_) => None,
        }
    }
}

impl<C: Catalogue> fmt::Display for SendFailure<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendFailure::Api(error) => write!(f, "{error}"),
            SendFailure::Transport(error) => write!(f, "transport error: {error}"),
            SendFailure::IncompleteBody { reply, error } => write!(f, "{reply}; the body broke off: {error}"),
            SendFailure::TimedOut(limit) => write!(f, "no whole reply within {limit:?}"),
        }
    }
}

impl<C: Catalogue> std::error::Error for SendFailure<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SendFailure::Api(error) => Some(error),
            SendFailure::Transport(error) | SendFailure::IncompleteBody { error, .. } => Some(error),
            SendFailure::TimedOut(_) => None,
        }
    }
}
