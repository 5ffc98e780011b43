"""RetryBudget and ErrorStats count as the Rust ones do, across threads."""

from __future__ import annotations

import threading
import unittest

from errcat_test_api import ApiError, ErrorCode, ErrorStats, RetryBudget, ThresholdAlert


def reply(status: int, code: ErrorCode | None = None) -> ApiError:
    body = ('{"error": "e", "code": "%s"}' % code.wire).encode() if code is not None else b""
    return ApiError.from_parts(status, {}, body)


class Budget(unittest.TestCase):
    def test_retries_drain_the_budget_until_it_reports_an_outage(self) -> None:
        budget = RetryBudget(25)
        self.assertFalse(budget.is_outage)
        self.assertTrue(budget.try_acquire(reply(503)))
        self.assertTrue(budget.try_acquire(reply(503)))
        self.assertEqual(budget.available, 5)
        self.assertFalse(budget.try_acquire(reply(503)), "a transient retry costs 10")
        self.assertTrue(budget.try_acquire(reply(429)))
        self.assertEqual(budget.available, 0)
        self.assertTrue(budget.is_outage)
        self.assertFalse(budget.try_acquire(reply(429)))

    def test_successes_refill_up_to_the_capacity(self) -> None:
        budget = RetryBudget(10)
        self.assertTrue(budget.try_acquire(reply(503)))
        self.assertTrue(budget.is_outage)
        for _ in range(4):
            budget.record_success()
        self.assertTrue(budget.is_outage)
        budget.record_success()
        self.assertFalse(budget.is_outage)
        for _ in range(100):
            budget.record_success()
        self.assertEqual(budget.available, budget.capacity)

    def test_errors_that_are_not_retryable_spend_nothing(self) -> None:
        budget = RetryBudget()
        for status in [400, 401, 404, 500]:
            self.assertFalse(budget.try_acquire(reply(status)), status)
        self.assertEqual(budget.available, 500)
        self.assertTrue(RetryBudget(0).is_outage)

    def test_one_budget_is_shared_between_threads(self) -> None:
        budget = RetryBudget(1000)
        granted: list[int] = []

        def work() -> None:
            granted.append(sum(1 for _ in range(100) if budget.try_acquire(reply(429))))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sum(granted), 200)
        self.assertTrue(budget.is_outage)


class ManualClock:
    """A clock the test moves by hand, in seconds."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def alerting(limit: int, window: float) -> tuple[ErrorStats, list[ThresholdAlert], ManualClock]:
    clock = ManualClock()
    alerts: list[ThresholdAlert] = []
    stats = ErrorStats(clock=clock).with_alert(limit, window, alerts.append)
    return stats, alerts, clock


class Stats(unittest.TestCase):
    def test_counts_per_code_unknown_and_status_class(self) -> None:
        stats = ErrorStats()
        for i, code in enumerate(ErrorCode):
            for _ in range(i % 5 + 1):
                stats.record(reply(code.status, code))
        stats.record(reply(502))
        stats.record(ApiError.from_parts(429, {}, b'{"code": "NOT_IN_ANY_CATALOGUE_XYZ"}'))
        stats.record(reply(0))
        for i, code in enumerate(ErrorCode):
            self.assertEqual(stats.count(code), i % 5 + 1, code)
        self.assertEqual(stats.unknown, 3)
        known = sum(i % 5 + 1 for i, _ in enumerate(ErrorCode))
        self.assertEqual(stats.total, known + 3)
        self.assertEqual(stats.status_class(0), 1)
        server = sum(i % 5 + 1 for i, code in enumerate(ErrorCode) if code.status >= 500) + 1
        self.assertEqual(stats.status_class(5), server)

    def test_the_alert_fires_once_when_a_code_passes_the_limit_within_the_window(self) -> None:
        stats, alerts, clock = alerting(3, 60.0)
        err = reply(429, ErrorCode.RATE_LIMITED)
        for _ in range(3):
            stats.record(err)
            clock.now += 1
        self.assertEqual(alerts, [])
        for _ in range(10):
            stats.record(err)
        self.assertEqual(alerts, [ThresholdAlert("Test API", "RATE_LIMITED", 4, 3, 60.0)])
        stats.record(reply(404))
        self.assertEqual(len(alerts), 1)

    def test_the_alert_fires_again_once_per_window_while_the_spike_lasts(self) -> None:
        stats, alerts, clock = alerting(2, 8.0)
        err = reply(500, ErrorCode.INTERNAL)
        for _ in range(40):
            stats.record(err)
            clock.now += 0.5
        self.assertEqual(len(alerts), 3, alerts)
        clock.now += 16
        for _ in range(3):
            stats.record(err)
        self.assertEqual(len(alerts), 4)

    def test_errors_spread_wider_than_the_window_do_not_alert(self) -> None:
        stats, alerts, clock = alerting(3, 8.0)
        err = reply(403, ErrorCode.FORBIDDEN)
        for _ in range(50):
            stats.record(err)
            clock.now += 3
        self.assertEqual(alerts, [])


if __name__ == "__main__":
    unittest.main()
