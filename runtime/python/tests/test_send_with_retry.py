"""send_with_retry retries as the policy and budget say, and no further."""

from __future__ import annotations

import email.message
import io
import unittest
import urllib.error
from typing import Callable

from errcat_test_api import ApiError, ErrorStats, RateLimitError, Reply, RetryBudget, RetryPolicy, send_with_retry
from errcat_test_api._catalogue import RETRY_AFTER_HEADER

OK: Reply = (200, {}, b'{"result": 1}')


def scripted(replies: list[Reply | urllib.error.HTTPError]) -> tuple[Callable[[], Reply], list[int]]:
    """A send function answering ``replies`` in turn, and its call count."""
    calls = [0]

    def send() -> Reply:
        answer = replies[calls[0]]
        calls[0] += 1
        if isinstance(answer, urllib.error.HTTPError):
            raise answer
        return answer

    return send, calls


def http_error(status: int, body: bytes, headers: dict[str, str]) -> urllib.error.HTTPError:
    message = email.message.Message()
    for name, value in headers.items():
        message[name] = value
    return urllib.error.HTTPError("https://api.test.example/", status, "error", message, io.BytesIO(body))


class SendWithRetry(unittest.TestCase):
    def test_transient_failures_are_retried_until_the_success_with_the_policy_s_delays(self) -> None:
        send, calls = scripted([(503, {}, b""), http_error(502, b"<html>", {}), OK])
        slept: list[float] = []
        budget = RetryBudget(100)
        result = send_with_retry(send, policy=RetryPolicy(jitter=False), budget=budget, sleep=slept.append)
        self.assertEqual((result, calls[0], slept), (OK, 3, [0.5, 1.0]))
        self.assertEqual(budget.available, 100 - 10 - 10 + 1)

    def test_the_last_error_is_raised_when_the_attempts_run_out(self) -> None:
        send, calls = scripted([(429, {RETRY_AFTER_HEADER: "2"}, b"")] * 5)
        slept: list[float] = []
        stats = ErrorStats()
        with self.assertRaises(RateLimitError) as raised:
            send_with_retry(send, policy=RetryPolicy(max_attempts=3), stats=stats, sleep=slept.append)
        self.assertEqual((calls[0], slept, stats.total), (3, [2.0, 2.0], 3))
        self.assertEqual(raised.exception.status, 429)

    def test_an_error_that_is_not_retryable_is_raised_at_once(self) -> None:
        send, calls = scripted([http_error(401, b'{"code": "AUTH_INVALID_KEY"}', {}), OK])
        with self.assertRaises(ApiError) as raised:
            send_with_retry(send, sleep=lambda _: None)
        self.assertEqual((calls[0], raised.exception.code), (1, "AUTH_INVALID_KEY"))

    def test_a_drained_budget_stops_the_retries(self) -> None:
        send, calls = scripted([(503, {}, b""), OK])
        with self.assertRaises(ApiError):
            send_with_retry(send, budget=RetryBudget(5), sleep=lambda _: None)
        self.assertEqual(calls[0], 1)

    def test_no_wait_goes_past_the_deadline(self) -> None:
        now = [0.0]

        def sleep(seconds: float) -> None:
            now[0] += seconds

        send, calls = scripted([(429, {RETRY_AFTER_HEADER: "40"}, b"")] * 5)
        budget = RetryBudget(100)
        with self.assertRaises(RateLimitError):
            send_with_retry(
                send, policy=RetryPolicy(max_attempts=5), budget=budget, deadline=100.0, sleep=sleep, clock=lambda: now[0]
            )
        self.assertEqual((calls[0], now[0]), (3, 80.0))
        self.assertEqual(budget.available, 90, "the wait the deadline refused was not paid for")
        send, calls = scripted([(429, {RETRY_AFTER_HEADER: "40"}, b"")] * 5)
        with self.assertRaises(RateLimitError):
            send_with_retry(send, policy=RetryPolicy(max_attempts=5), deadline=None, sleep=lambda _: None)
        self.assertEqual(calls[0], 5)

    def test_a_code_in_a_200_reply_is_an_error(self) -> None:
        send, calls = scripted([(200, {}, b'{"code": "UPSTREAM_ERROR"}'), OK])
        self.assertEqual(send_with_retry(send, sleep=lambda _: None), OK)
        self.assertEqual(calls[0], 2)

    def test_other_exceptions_pass_through_untouched(self) -> None:
        def send() -> Reply:
            raise urllib.error.URLError("refused")

        with self.assertRaises(urllib.error.URLError):
            send_with_retry(send, sleep=lambda _: None)


if __name__ == "__main__":
    unittest.main()
