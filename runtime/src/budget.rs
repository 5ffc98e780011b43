//! [`RetryBudget`]: a token bucket shared by every request of a client, so a
//! persistent outage stops all retrying instead of multiplying the load.

use std::sync::atomic::{AtomicU32, Ordering};

use super::api_error::ApiError;
use super::catalogue::Catalogue;
use super::kind::ErrorKind;

/// Tokens in a new budget, as in the AWS SDKs' standard retry mode.
const DEFAULT_CAPACITY: u32 = 500;
/// Tokens a retry after a throttled reply spends.
const RETRY_COST: u32 = 5;
/// Tokens a retry after a transient failure spends: those signal an outage
/// more strongly than throttling does, so they drain the budget faster.
const TRANSIENT_RETRY_COST: u32 = 10;
/// Tokens a success gives back.
const SUCCESS_REFILL: u32 = 1;

/// A retry budget shared by all the requests of one client (`Send + Sync`),
/// whichever catalogues their errors come from:
/// each retry spends tokens, each success refills one, and once the bucket is
/// drained nothing is retried and [`is_outage`](RetryBudget::is_outage)
/// reports a persistent outage to surface to the user.
///
/// This is the AWS SDKs' "standard" retry mode: 500 tokens, 5 per retry after
/// throttling, 10 per retry after a transient failure, 1 back per success.
#[derive(Debug)]
pub struct RetryBudget {
    capacity: u32,
    tokens: AtomicU32,
}

impl RetryBudget {
    /// A full budget of `capacity` tokens.
    pub fn new(capacity: u32) -> RetryBudget {
        RetryBudget {
            capacity,
            tokens: AtomicU32::new(capacity),
        }
    }

    /// Spends the tokens for retrying after `err`, if the budget has them.
    /// `false` means do not retry: the error is not retryable, or the budget
    /// is drained.
    pub fn try_acquire<C: Catalogue>(&self, err: &ApiError<C>) -> bool {
        if !err.is_retryable() {
            return false;
        }
        let cost = match err.kind() {
            ErrorKind::Transient => TRANSIENT_RETRY_COST,
            _ => RETRY_COST,
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| tokens.checked_sub(cost))
            .is_ok()
    }

    /// Gives a token back for a request that succeeded, up to the capacity.
    pub fn record_success(&self) {
        // `Err` only means the bucket is already full: nothing to give back.
        let _ = self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
            (tokens < self.capacity).then(|| tokens.saturating_add(SUCCESS_REFILL).min(self.capacity))
        });
    }

    /// Whether the budget is drained: not even a retry after throttling can
    /// be paid for, so failures are persistent rather than passing.
    pub fn is_outage(&self) -> bool {
        self.available() < RETRY_COST
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }

    /// Tokens when full.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }
}

/// A full budget of 500 tokens.
impl Default for RetryBudget {
    fn default() -> RetryBudget {
        RetryBudget::new(DEFAULT_CAPACITY)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::TestCode;
    use super::*;

    fn reply(status: u16) -> ApiError<TestCode> {
        ApiError::from_parts(status, &[], b"")
    }

    #[test]
    fn retries_drain_the_budget_until_it_reports_an_outage() {
        let budget = RetryBudget::new(25);
        assert!(!budget.is_outage());
        assert!(budget.try_acquire(&reply(503)));
        assert!(budget.try_acquire(&reply(503)));
        assert_eq!(budget.available(), 5);
        assert!(!budget.try_acquire(&reply(503)), "a transient retry costs 10");
        assert!(budget.try_acquire(&reply(429)));
        assert_eq!(budget.available(), 0);
        assert!(budget.is_outage());
        assert!(!budget.try_acquire(&reply(429)));
    }

    #[test]
    fn successes_refill_up_to_the_capacity() {
        let budget = RetryBudget::new(10);
        assert!(budget.try_acquire(&reply(503)));
        assert!(budget.is_outage());
        for _ in 0..4 {
            budget.record_success();
        }
        assert!(budget.is_outage());
        budget.record_success();
        assert!(!budget.is_outage());
        assert!(budget.try_acquire(&reply(429)));
        for _ in 0..100 {
            budget.record_success();
        }
        assert_eq!(budget.available(), budget.capacity());
    }

    #[test]
    fn errors_that_are_not_retryable_spend_nothing() {
        let budget = RetryBudget::default();
        for status in [400, 401, 404, 500] {
            assert!(!budget.try_acquire(&reply(status)), "{status}");
        }
        assert_eq!(budget.available(), 500);
        assert!(RetryBudget::new(0).is_outage());
    }

    #[test]
    fn one_budget_is_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<RetryBudget>();
        let budget = std::sync::Arc::new(RetryBudget::new(1000));
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let budget = std::sync::Arc::clone(&budget);
                std::thread::spawn(move || (0..100).filter(|_| budget.try_acquire(&reply(429))).count())
            })
            .collect();
        let granted: usize = workers.into_iter().map(|worker| worker.join().unwrap_or(0)).sum();
        assert_eq!(granted, 200);
        assert!(budget.is_outage());
    }
}
