"""RetryPolicy decides as the Rust ``RetryPolicy`` does, to the nanosecond."""

from __future__ import annotations

import unittest

from errcat_test_api import ApiError, ErrorCode, Retry, RetryPolicy
from errcat_test_api._catalogue import DEFAULT_RETRY_AFTER_SECS, RETRY_AFTER_HEADER
from errcat_test_api._retry import SplitMix64


def reply(status: int, hint: str | None = None) -> ApiError:
    headers = {RETRY_AFTER_HEADER: hint} if hint is not None else {}
    return ApiError.from_parts(status, headers, b"")


def no_jitter(**settings: int) -> RetryPolicy:
    return RetryPolicy(jitter=False, **settings)


class SplitMix64Sequence(unittest.TestCase):
    def test_matches_the_reference_sequence(self) -> None:
        rng = SplitMix64(0)
        self.assertEqual(rng.next_u64(), 0xE220A8397B1DCDAF)
        self.assertEqual(rng.next_u64(), 0x6E789E6AA1B965F4)

    def test_stays_within_bounds(self) -> None:
        rng = SplitMix64(42)
        self.assertTrue(all(rng.up_to(7) <= 7 for _ in range(1000)))
        self.assertTrue(all(rng.up_to(0) == 0 for _ in range(100)))
        self.assertLess(rng.up_to(2**64 - 1), 2**64)


class Backoff(unittest.TestCase):
    def test_transient_errors_back_off_exponentially_up_to_the_maximum(self) -> None:
        policy = no_jitter(max_attempts=10)
        delays = [policy.next_delay(attempt, reply(503)) for attempt in range(1, 11)]
        self.assertEqual(delays, [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 20.0, 20.0, 20.0, None])
        self.assertEqual(policy.next_delay(0, reply(503)), 0.5)
        endless = no_jitter(max_attempts=2**32 - 1)
        self.assertEqual(endless.next_delay(2**32 - 2, reply(503)), 20.0)

    def test_stops_after_the_maximum_attempts_and_on_non_retryable_errors(self) -> None:
        policy = no_jitter()
        self.assertIsNotNone(policy.next_delay(2, reply(503)))
        self.assertIsNone(policy.next_delay(3, reply(503)))
        for status in [400, 401, 403, 404, 422, 500, 501]:
            self.assertIsNone(policy.next_delay(1, reply(status, "1")), status)
        for code in ErrorCode:
            if not code.is_retryable:
                err = ApiError.from_parts(code.status, {}, ('{"code": "%s"}' % code.wire).encode())
                self.assertIsNone(policy.next_delay(1, err), code)
        once = RetryPolicy(max_attempts=0)
        self.assertEqual(once.max_attempts, 1)
        self.assertIsNone(once.next_delay(1, reply(503)))

    def test_rate_limits_wait_for_the_hint_or_the_default(self) -> None:
        policy = no_jitter()
        self.assertEqual(policy.next_delay(1, reply(429, "7")), 7.0)
        self.assertEqual(policy.next_delay(2, reply(429, "0.25")), 0.25)
        default = min(float(DEFAULT_RETRY_AFTER_SECS), policy.max_hint)
        self.assertEqual(policy.next_delay(1, reply(429)), default)
        self.assertEqual(policy.next_delay(1, reply(429, "soon")), default)
        throttled = next(code for code in ErrorCode if code.retry is Retry.THROTTLED)
        err = ApiError.from_parts(throttled.status, {}, ('{"code": "%s"}' % throttled.wire).encode())
        self.assertEqual(policy.next_delay(1, err), default)

    def test_a_hint_is_never_cut_below_what_the_server_asked_but_is_capped(self) -> None:
        policy = no_jitter()
        self.assertEqual(policy.next_delay(1, reply(503, "3")), 3.0)
        self.assertEqual(policy.next_delay(1, reply(503, "0.1")), 0.5)
        for absurd in ["1000000000000", "99999999999999999999999"]:
            self.assertEqual(policy.next_delay(1, reply(429, absurd)), 300.0, absurd)
            self.assertEqual(policy.next_delay(1, reply(503, absurd)), 300.0, absurd)
        strict = RetryPolicy(max_hint=2.0)
        self.assertEqual(strict.next_delay(1, reply(429)), min(float(DEFAULT_RETRY_AFTER_SECS), 2.0))
        self.assertEqual(strict.next_delay(1, reply(429, "-5")), min(float(DEFAULT_RETRY_AFTER_SECS), 2.0))


class Jitter(unittest.TestCase):
    def test_a_seeded_policy_gives_the_rust_policy_s_exact_delays(self) -> None:
        policy = RetryPolicy(seed=7, max_attempts=4)
        delays = [policy.next_delay(attempt, reply(503)) for attempt in range(1, 5)]
        self.assertEqual(delays, [0.194914874, 0.016788294, 1.801521362, None])

    def test_jitter_is_full_and_reproducible_with_a_seed(self) -> None:
        first, second = RetryPolicy(seed=7, max_attempts=50), RetryPolicy(seed=7, max_attempts=50)
        ceiling = no_jitter(max_attempts=50)
        for attempt in range(1, 50):
            delay = first.next_delay(attempt, reply(503))
            self.assertEqual(delay, second.next_delay(attempt, reply(503)))
            limit = ceiling.next_delay(attempt, reply(503))
            assert delay is not None and limit is not None
            self.assertLessEqual(delay, limit)
        draws = {first.next_delay(5, reply(503)) for _ in range(20)}
        self.assertGreater(len(draws), 1, "jitter should vary the delays")
        hinted = [first.next_delay(1, reply(503, "1")) for _ in range(20)]
        self.assertTrue(all(delay is not None and delay >= 1.0 for delay in hinted))


if __name__ == "__main__":
    unittest.main()
