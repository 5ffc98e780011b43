//! Feature `reqwest`: turning reqwest replies into [`ApiError`]s, and sending
//! with a [`RetryPolicy`].

use std::fmt;

use reqwest::{RequestBuilder, Response};

use crate::{ApiError, RetryPolicy};

/// The response itself when its status is not an error (below 400), else the
/// [`ApiError`] read from its status, headers and body. A body that fails to
/// arrive is read as empty.
pub async fn error_for_response(response: Response) -> Result<Response, ApiError> {
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return Ok(response);
    }
    let headers = response.headers().clone();
    let body = response.bytes().await.unwrap_or_default();
    Err(ApiError::from_http(status, &headers, &body))
}

/// Sends `request`, retrying as `policy` says: waits [`RetryPolicy::next_delay`]
/// between attempts, stops on a reply that is not retryable or after the
/// policy's maximum attempts, and reports how many attempts were made.
///
/// Transport failures (no reply at all) are returned at once, never retried:
/// whether the server acted on the request is unknown, and only the caller
/// knows if repeating it is safe. A request whose body cannot be cloned (a
/// stream) is sent once. The waits use tokio's timer, so this runs on a tokio
/// runtime, as reqwest does.
pub async fn send_with_retry(mut request: RequestBuilder, policy: &RetryPolicy) -> Result<Response, RetryError> {
    let mut attempts = 0;
    loop {
        let spare = request.try_clone();
        attempts += 1;
        let error = match request.send().await {
            Err(transport) => return Err(RetryError::new(attempts, SendFailure::Transport(transport))),
            Ok(response) => match error_for_response(response).await {
                Ok(response) => return Ok(response),
                Err(error) => error,
            },
        };
        match (policy.next_delay(attempts, &error), spare) {
            (Some(delay), Some(spare)) => {
                tokio::time::sleep(delay).await;
                request = spare;
            }
            _ => return Err(RetryError::new(attempts, SendFailure::Api(error))),
        }
    }
}

/// Why [`send_with_retry`] gave up, and after how many attempts.
#[derive(Debug)]
pub struct RetryError {
    attempts: u32,
    failure: SendFailure,
}

impl RetryError {
    fn new(attempts: u32, failure: SendFailure) -> RetryError {
        RetryError { attempts, failure }
    }

    /// Requests sent, the first one included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// What the last attempt got.
    pub fn failure(&self) -> &SendFailure {
        &self.failure
    }

    /// The last error reply, when there was one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match &self.failure {
            SendFailure::Api(error) => Some(error),
            SendFailure::Transport(_) => None,
        }
    }

    /// What the last attempt got, by value.
    pub fn into_failure(self) -> SendFailure {
        self.failure
    }
}

impl fmt::Display for RetryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.attempts == 1 { "" } else { "s" };
        write!(f, "gave up after {} attempt{plural}: {}", self.attempts, self.failure)
    }
}

impl std::error::Error for RetryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.failure)
    }
}

/// What a request got instead of a success.
#[derive(Debug)]
pub enum SendFailure {
    /// An error reply.
    Api(ApiError),
    /// No reply: the connection failed, timed out, or reqwest refused the request.
    Transport(reqwest::Error),
}

impl fmt::Display for SendFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendFailure::Api(error) => write!(f, "{error}"),
            SendFailure::Transport(error) => write!(f, "transport error: {error}"),
        }
    }
}

impl std::error::Error for SendFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SendFailure::Api(error) => Some(error),
            SendFailure::Transport(error) => Some(error),
        }
    }
}
