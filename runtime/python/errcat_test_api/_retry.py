"""Retrying: ``RetryPolicy`` (the Rust runtime's ``policy.rs``, with its
splitmix64 jitter from ``rng.rs``), ``RetryBudget`` (``budget.rs``) and
``send_with_retry``, the loop around a caller's send function."""

from __future__ import annotations

import os
import threading
import time
import urllib.error
from typing import Callable, Mapping, Tuple

from ._catalogue import DEFAULT_RETRY_AFTER_SECS
from ._errors import ApiError
from ._hints import MAX_DURATION_NANOS, NANOS_PER_SEC, U64, nanos
from ._stats import ErrorStats

#: splitmix64's increment (the golden ratio in 64 bits).
_GAMMA = 0x9E3779B97F4A7C15


class SplitMix64:
    """A seedable, thread-safe pseudo-random sequence (splitmix64, the Rust
    runtime's jitter source, so a seed gives the same delays in both); not
    for cryptography."""

    def __init__(self, seed: int) -> None:
        self._state = seed & U64
        self._lock = threading.Lock()

    def next_u64(self) -> int:
        """The next number of the sequence, in ``0..2**64``."""
        with self._lock:
            self._state = (self._state + _GAMMA) & U64
            z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & U64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & U64
        return z ^ (z >> 31)

    def up_to(self, bound: int) -> int:
        """Uniform in ``0..=bound`` (multiply-shift, as in Rust)."""
        return (self.next_u64() * (bound + 1)) >> 64


class RetryPolicy:
    """When and how long to retry, as the Rust ``RetryPolicy`` decides.

    Throttled errors (``rate_limited``) wait for the server's hint, or the
    catalogue's default without one; transient errors back off exponentially
    (``base_delay * 2**(attempt - 1)``, at most ``max_delay``) with full
    jitter, and never wait less than a server hint. Every hint is capped at
    ``max_hint``. Errors that are not retryable are never retried. Defaults:
    3 attempts, 0.5 s base delay, 20 s maximum backoff, jitter on, hints
    honoured up to 300 s (5 minutes). A ``seed`` makes the jitter
    reproducible. Thread-safe: share one between threads."""

    def __init__(
        self,
        *,
        max_attempts: int = 3,
        base_delay: float = 0.5,
        max_delay: float = 20.0,
        jitter: bool = True,
        max_hint: float = 300.0,
        seed: int | None = None,
    ) -> None:
        """All delays are in seconds; ``max_attempts`` counts the first
        attempt and is at least 1."""
        self._max_attempts = max(max_attempts, 1)
        self._base_delay = nanos(base_delay)
        self._max_delay = nanos(max_delay)
        self._jitter = jitter
        self._max_hint = nanos(max_hint)
        self._rng = SplitMix64(int.from_bytes(os.urandom(8), "little") if seed is None else seed)

    @property
    def max_attempts(self) -> int:
        """The most attempts made in all, the first one included."""
        return self._max_attempts

    @property
    def max_hint(self) -> float:
        """The longest a server hint is honoured, in seconds."""
        return self._max_hint / NANOS_PER_SEC

    def next_delay(self, attempt: int, err: ApiError) -> float | None:
        """How long to wait (seconds) before the next attempt, or ``None`` to
        stop: the error is not retryable, or ``attempt`` (the attempts made so
        far, 1 after the first failure) has reached the maximum."""
        if attempt >= self._max_attempts or not err.retryable:
            return None
        hint = err.retry_hint_nanos
        if hint is not None:
            hint = min(hint, self._max_hint)
        if err.kind == "rate_limited":
            delay = hint if hint is not None else min(DEFAULT_RETRY_AFTER_SECS * NANOS_PER_SEC, self._max_hint)
        else:
            backoff = self._backoff(attempt)
            delay = backoff if hint is None else max(hint, backoff)
        return delay / NANOS_PER_SEC

    def _backoff(self, attempt: int) -> int:
        doublings = min(max(attempt - 1, 0), 63)
        factor = 1 << doublings if doublings < 32 else 2**32 - 1
        product = self._base_delay * factor
        ceiling = self._max_delay if product > MAX_DURATION_NANOS else min(product, self._max_delay)
        if not self._jitter:
            return ceiling
        return self._rng.up_to(min(ceiling, U64))


#: Tokens in a new budget, as in the AWS SDKs' standard retry mode: 500.
DEFAULT_BUDGET_CAPACITY = 500
#: Tokens a retry after a throttled reply spends: 5.
RETRY_COST = 5
#: Tokens a retry after a transient failure spends: 10 (those signal an
#: outage more strongly than throttling does).
TRANSIENT_RETRY_COST = 10
#: Tokens a success gives back: 1.
SUCCESS_REFILL = 1


class RetryBudget:
    """A token bucket shared by every request of a client (thread-safe): each
    retry spends tokens, each success gives one back, and once drained
    nothing is retried and ``is_outage`` reports a persistent outage. The
    AWS SDKs' standard mode: 500 tokens, 5 per retry after throttling, 10 per
    retry after a transient failure, 1 back per success."""

    def __init__(self, capacity: int = DEFAULT_BUDGET_CAPACITY) -> None:
        """A full budget of ``capacity`` tokens."""
        self._capacity = capacity
        self._tokens = capacity
        self._lock = threading.Lock()

    def try_acquire(self, err: ApiError) -> bool:
        """Spends the tokens for retrying after ``err`` if the budget has
        them; ``False`` means do not retry (not retryable, or drained)."""
        if not err.retryable:
            return False
        cost = TRANSIENT_RETRY_COST if err.kind == "transient" else RETRY_COST
        with self._lock:
            if self._tokens < cost:
                return False
            self._tokens -= cost
            return True

    def record_success(self) -> None:
        """Gives a token back for a request that succeeded, up to capacity."""
        with self._lock:
            self._tokens = min(self._tokens + SUCCESS_REFILL, self._capacity)

    @property
    def is_outage(self) -> bool:
        """Whether not even a retry after throttling can be paid for."""
        return self.available < RETRY_COST

    @property
    def available(self) -> int:
        """Tokens left."""
        with self._lock:
            return self._tokens

    @property
    def capacity(self) -> int:
        """Tokens when full."""
        return self._capacity


#: How long all attempts and the waits between them may take by default:
#: 120 s (2 minutes), as the Rust ``RetrySend``.
DEFAULT_DEADLINE = 120.0

#: A reply as a send function returns it: (status, headers, body).
Reply = Tuple[int, Mapping[str, str], bytes]


def send_with_retry(
    send: Callable[[], Reply],
    *,
    policy: RetryPolicy | None = None,
    budget: RetryBudget | None = None,
    stats: ErrorStats | None = None,
    deadline: float | None = DEFAULT_DEADLINE,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Reply:
    """Calls ``send`` until it succeeds or ``policy`` (default
    ``RetryPolicy()``) says stop, sleeping its delays; returns the success.

    ``send`` returns a reply or raises ``urllib.error.HTTPError``. A reply
    that ``ApiError`` reads as an error (a code in the body, or a status
    outside 2xx) is one; any other exception ``send`` raises is passed on
    untouched. With a ``budget``, each retry must be paid for and each
    success refills it; ``stats`` counts every failed attempt. No wait
    goes past ``deadline`` seconds after the first attempt (``None``: no
    deadline); each attempt's own timeout is ``send``'s (``urlopen``'s
    ``timeout``). Raises the last ``ApiError`` when it stops."""
    policy = policy if policy is not None else RetryPolicy()
    give_up_at = None if deadline is None else clock() + deadline
    attempts = 0
    while True:
        attempts += 1
        try:
            reply = send()
        except urllib.error.HTTPError as http_error:
            err = ApiError.from_http_error(http_error)
        else:
            status, headers, body = reply
            err = ApiError.from_parts(status, headers, body)
            if not err.is_error:
                if budget is not None:
                    budget.record_success()
                return reply
        if stats is not None:
            stats.record(err)
        delay = policy.next_delay(attempts, err)
        if delay is None or (give_up_at is not None and clock() + delay >= give_up_at):
            raise err
        if budget is not None and not budget.try_acquire(err):
            raise err
        sleep(delay)
