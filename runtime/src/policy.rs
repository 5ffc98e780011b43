//! [`RetryPolicy`]: how long to wait before the next attempt, or whether to
//! stop, given the error the last attempt got.

use std::time::Duration;

use super::api_error::ApiError;
use super::catalogue::Catalogue;
use super::kind::ErrorKind;
use super::rng::SplitMix64;

/// When and how long to retry.
///
/// Throttled errors ([`ErrorKind::RateLimited`]) wait for the server's hint,
/// or the catalogue's default without one; transient errors back off
/// exponentially with full jitter, and never wait less than a server hint.
/// Every hint is capped at `max_hint`, so that a garbage or absurd header can
/// never make a client sleep for days. Non-retryable errors are never retried.
///
/// `Send + Sync`: share one policy between the tasks of a client, whichever
/// catalogues their errors come from.
#[derive(Debug)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    jitter: bool,
    max_hint: Duration,
    rng: SplitMix64,
}

impl RetryPolicy {
    /// A builder starting from the defaults.
    pub fn builder() -> RetryPolicyBuilder {
        RetryPolicyBuilder {
            max_attempts: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
            jitter: true,
            max_hint: Duration::from_secs(300),
            seed: None,
        }
    }

    /// How long to wait before the next attempt, or `None` to stop: the error
    /// is not retryable, or `attempt` (the attempts made so far, 1 after the
    /// first failure) has reached the maximum.
    pub fn next_delay<C: Catalogue>(&self, attempt: u32, err: &ApiError<C>) -> Option<Duration> {
        if attempt >= self.max_attempts || !err.is_retryable() {
            return None;
        }
        let hint = err.retry_hint().map(|hint| hint.min(self.max_hint));
        let delay = match err.kind() {
            ErrorKind::RateLimited => {
                hint.unwrap_or_else(|| Duration::from_secs(C::DEFAULT_RETRY_AFTER_SECS).min(self.max_hint))
            }
            _ => {
                let backoff = self.backoff(attempt);
                hint.map_or(backoff, |hint| hint.max(backoff))
            }
        };
        Some(delay)
    }

    /// `base_delay * 2^(attempt - 1)`, at most `max_delay`; with jitter, a
    /// uniform draw from zero to that ("full jitter", which spreads the
    /// retries of many clients best).
    fn backoff(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(63);
        let ceiling = self
            .base_delay
            .checked_mul(1u32.checked_shl(doublings).unwrap_or(u32::MAX))
            .map_or(self.max_delay, |delay| delay.min(self.max_delay));
        if !self.jitter {
            return ceiling;
        }
        let ceiling_nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(self.rng.up_to(ceiling_nanos))
    }

    /// The most attempts made in all, the first one included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The longest a server hint is honoured.
    pub fn max_hint(&self) -> Duration {
        self.max_hint
    }
}

/// 3 attempts, 0.5 s base delay, 20 s maximum backoff, jitter on, hints
/// honoured up to 5 minutes.
impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy::builder().build()
    }
}

/// Builds a [`RetryPolicy`]; see [`RetryPolicy::builder`].
#[derive(Debug, Clone)]
pub struct RetryPolicyBuilder {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    jitter: bool,
    max_hint: Duration,
    seed: Option<u64>,
}

impl RetryPolicyBuilder {
    /// The most attempts in all, the first one included (at least 1). Default 3.
    pub fn max_attempts(mut self, max_attempts: u32) -> RetryPolicyBuilder {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The backoff before the second attempt; it doubles after each failure. Default 0.5 s.
    pub fn base_delay(mut self, base_delay: Duration) -> RetryPolicyBuilder {
        self.base_delay = base_delay;
        self
    }

    /// The longest backoff, before jitter. Default 20 s.
    pub fn max_delay(mut self, max_delay: Duration) -> RetryPolicyBuilder {
        self.max_delay = max_delay;
        self
    }

    /// Whether backoffs are drawn at random up to their ceiling. Default on.
    pub fn jitter(mut self, jitter: bool) -> RetryPolicyBuilder {
        self.jitter = jitter;
        self
    }

    /// The longest server hint honoured; longer ones (and the catalogue's
    /// default) are cut to it. Default 5 minutes.
    pub fn max_hint(mut self, max_hint: Duration) -> RetryPolicyBuilder {
        self.max_hint = max_hint;
        self
    }

    /// Seeds the jitter, making the delays reproducible. Without a seed each
    /// policy draws its own.
    pub fn seed(mut self, seed: u64) -> RetryPolicyBuilder {
        self.seed = Some(seed);
        self
    }

    /// The policy.
    pub fn build(self) -> RetryPolicy {
        RetryPolicy {
            max_attempts: self.max_attempts,
            base_delay: self.base_delay,
            max_delay: self.max_delay,
            jitter: self.jitter,
            max_hint: self.max_hint,
            rng: self.seed.map_or_else(SplitMix64::from_entropy, SplitMix64::new),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::catalogue::Retry;
    use super::super::testing::TestCode;
    use super::*;

    const RETRY_AFTER_HEADER: &str = TestCode::RETRY_AFTER_HEADER;
    const DEFAULT_RETRY_AFTER_SECS: u64 = TestCode::DEFAULT_RETRY_AFTER_SECS;
    type ApiError = super::ApiError<TestCode>;

    fn reply(status: u16, hint: Option<&str>) -> ApiError {
        let headers: Vec<(&str, &str)> = hint.map(|hint| (RETRY_AFTER_HEADER, hint)).into_iter().collect();
        ApiError::from_parts(status, &headers, b"")
    }

    fn no_jitter() -> RetryPolicy {
        RetryPolicy::builder().jitter(false).build()
    }

    fn secs(secs: u64) -> Option<Duration> {
        Some(Duration::from_secs(secs))
    }

    #[test]
    fn one_policy_can_serve_every_task_of_a_client() {
        fn shareable<T: Send + Sync>() {}
        shareable::<RetryPolicy>();
    }

    #[test]
    fn transient_errors_back_off_exponentially_up_to_the_maximum() {
        let policy = RetryPolicy::builder().jitter(false).max_attempts(10).build();
        let delays: Vec<Option<Duration>> = (1..=10)
            .map(|attempt| policy.next_delay(attempt, &reply(503, None)))
            .collect();
        let millis = [500, 1000, 2000, 4000, 8000, 16000, 20000, 20000, 20000];
        let expected: Vec<Option<Duration>> = millis
            .iter()
            .map(|&ms| Some(Duration::from_millis(ms)))
            .chain([None])
            .collect();
        assert_eq!(delays, expected);
        assert_eq!(
            policy.next_delay(0, &reply(503, None)),
            Some(Duration::from_millis(500))
        );
        let long = RetryPolicy::builder().jitter(false).max_attempts(u32::MAX).build();
        assert_eq!(long.next_delay(u32::MAX - 1, &reply(503, None)), secs(20));
    }

    #[test]
    fn stops_after_the_maximum_attempts_and_on_non_retryable_errors() {
        let policy = no_jitter();
        assert!(policy.next_delay(1, &reply(503, None)).is_some());
        assert!(policy.next_delay(2, &reply(503, None)).is_some());
        assert_eq!(policy.next_delay(3, &reply(503, None)), None);
        for status in [400, 401, 403, 404, 422, 500, 501] {
            assert_eq!(policy.next_delay(1, &reply(status, Some("1"))), None, "{status}");
        }
        for &code in TestCode::ALL.iter().filter(|code| !code.is_retryable()) {
            let err = ApiError::from_parts(
                code.http_status(),
                &[],
                format!(r#"{{"code": "{}"}}"#, code.as_str()).as_bytes(),
            );
            assert_eq!(policy.next_delay(1, &err), None, "{code:?}");
        }
        let once = RetryPolicy::builder().max_attempts(0).build();
        assert_eq!(once.max_attempts(), 1);
        assert_eq!(once.next_delay(1, &reply(503, None)), None);
    }

    #[test]
    fn rate_limits_wait_for_the_hint_or_the_default() {
        let policy = no_jitter();
        assert_eq!(policy.next_delay(1, &reply(429, Some("7"))), secs(7));
        assert_eq!(
            policy.next_delay(2, &reply(429, Some("0.25"))),
            Some(Duration::from_millis(250))
        );
        let default = Duration::from_secs(DEFAULT_RETRY_AFTER_SECS).min(policy.max_hint());
        assert_eq!(policy.next_delay(1, &reply(429, None)), Some(default));
        assert_eq!(policy.next_delay(1, &reply(429, Some("soon"))), Some(default));
        if let Some(&throttled) = TestCode::ALL.iter().find(|code| code.retry() == Retry::Throttled) {
            let body = format!(r#"{{"code": "{}"}}"#, throttled.as_str());
            let err = ApiError::from_parts(throttled.http_status(), &[], body.as_bytes());
            assert_eq!(policy.next_delay(1, &err), Some(default));
        }
    }

    #[test]
    fn a_hint_is_never_cut_below_what_the_server_asked_but_is_capped() {
        let policy = no_jitter();
        // A transient error waits for the longer of the backoff and the hint.
        assert_eq!(policy.next_delay(1, &reply(503, Some("3"))), secs(3));
        assert_eq!(
            policy.next_delay(1, &reply(503, Some("0.1"))),
            Some(Duration::from_millis(500))
        );
        for absurd in ["1000000000000", "99999999999999999999999"] {
            assert_eq!(policy.next_delay(1, &reply(429, Some(absurd))), secs(300), "{absurd}");
            assert_eq!(policy.next_delay(1, &reply(503, Some(absurd))), secs(300), "{absurd}");
        }
        // The catalogue's default is capped too; it may be anything from 1 s up.
        let strict = RetryPolicy::builder().max_hint(Duration::from_secs(2)).build();
        let capped_default = Duration::from_secs(DEFAULT_RETRY_AFTER_SECS).min(Duration::from_secs(2));
        assert_eq!(strict.next_delay(1, &reply(429, None)), Some(capped_default));
        assert_eq!(strict.next_delay(1, &reply(429, Some("-5"))), Some(capped_default));
    }

    #[test]
    fn a_seeded_policy_gives_exact_delays() {
        let policy = RetryPolicy::builder().seed(7).max_attempts(4).build();
        let delays: Vec<Option<Duration>> = (1..=4)
            .map(|attempt| policy.next_delay(attempt, &reply(503, None)))
            .collect();
        let nanos = [194_914_874, 16_788_294, 1_801_521_362];
        let expected: Vec<Option<Duration>> = nanos
            .iter()
            .map(|&ns| Some(Duration::from_nanos(ns)))
            .chain([None])
            .collect();
        assert_eq!(delays, expected);
    }

    #[test]
    fn jitter_is_full_and_reproducible_with_a_seed() {
        let seeded = || RetryPolicy::builder().seed(7).max_attempts(50).build();
        let (a, b) = (seeded(), seeded());
        for attempt in 1..50 {
            let delay = a.next_delay(attempt, &reply(503, None)).expect("retryable");
            assert_eq!(Some(delay), b.next_delay(attempt, &reply(503, None)));
            let ceiling = no_jitter().backoff(attempt);
            assert!(delay <= ceiling, "{delay:?} > {ceiling:?}");
        }
        let draws: Vec<Option<Duration>> = (0..20).map(|_| a.next_delay(5, &reply(503, None))).collect();
        assert!(
            draws.windows(2).any(|pair| pair[0] != pair[1]),
            "jitter should vary the delays"
        );
        // With jitter a hint is still a floor.
        assert!((0..20).all(|_| a.next_delay(1, &reply(503, Some("1"))) >= secs(1)));
    }
}
