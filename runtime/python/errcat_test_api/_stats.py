"""``ErrorStats``: per-code error counters with an alert when one code
spikes, the Rust runtime's ``stats.rs`` idea (a limit within a sliding
window, at most one alert per window per code), thread-safe."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

from ._catalogue import API_NAME, ErrorCode
from ._errors import ApiError
from ._hints import nanos

#: Slots of an alert's sliding window: it moves in steps of 1/8 of its length.
ALERT_SLOTS = 8


@dataclass(frozen=True)
class ThresholdAlert:
    """What an alert reports: ``code`` of ``api`` passed ``limit`` errors
    within ``window`` seconds."""

    #: The API whose code spiked.
    api: str
    #: The code that spiked, as the catalogue spells it.
    code: str
    #: Its count within the window when the alert fired.
    count: int
    #: The configured limit.
    limit: int
    #: The configured window, in seconds.
    window: float


class _SlidingWindow:
    """One code's counts in the last ``ALERT_SLOTS`` slots."""

    def __init__(self) -> None:
        self.counts = [0] * ALERT_SLOTS
        self.slots = [0] * ALERT_SLOTS
        #: One more than the slot of the last alert; 0 before the first.
        self.alerted_after = 0

    def add(self, slot: int) -> int:
        """Counts one error in ``slot``; returns the count over the window."""
        i = slot % ALERT_SLOTS
        if self.slots[i] != slot:
            self.slots[i] = slot
            self.counts[i] = 0
        self.counts[i] += 1
        oldest = max(slot - (ALERT_SLOTS - 1), 0)
        return sum(count for count, seen in zip(self.counts, self.slots) if oldest <= seen <= slot)

    def claim_alert(self, slot: int) -> bool:
        """Whether an alert may fire in ``slot`` (none fired within the
        window ending there), claiming it if so."""
        following = slot + 1
        if self.alerted_after == 0 or following >= self.alerted_after + ALERT_SLOTS:
            self.alerted_after = following
            return True
        return False


class ErrorStats:
    """Per-code error counters (unknown codes count as ``unknown``, never
    under their own text, so labels stay bounded), per status class, with an
    optional alert when one code spikes. Thread-safe: share one per client."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        """Counters at zero, without an alert; ``clock`` (seconds) times the
        alert's window."""
        self._lock = threading.Lock()
        self._clock = clock
        self._started = clock()
        self._counts: dict[ErrorCode | None, int] = {}
        self._classes: dict[int, int] = {}
        self._alert: tuple[int, float, Callable[[ThresholdAlert], None]] | None = None
        self._windows: dict[ErrorCode, _SlidingWindow] = {}

    def with_alert(self, limit: int, window: float, on_alert: Callable[[ThresholdAlert], None]) -> ErrorStats:
        """Calls ``on_alert`` for a code when more than ``limit`` of its
        errors are recorded within ``window`` seconds: at most once per
        window per code, and again once a whole window has passed since its
        last alert. The window slides in steps of an eighth of its length.
        Returns these stats."""
        self._alert = (limit, window, on_alert)
        return self

    def record(self, err: ApiError) -> None:
        """Counts one error."""
        fired: ThresholdAlert | None = None
        code = err.error_code
        with self._lock:
            self._counts[code] = self._counts.get(code, 0) + 1
            status_class = err.status // 100 if 100 <= err.status <= 599 else 0
            self._classes[status_class] = self._classes.get(status_class, 0) + 1
            if self._alert is not None and code is not None:
                limit, window, _ = self._alert
                slot_nanos = max(nanos(window) // ALERT_SLOTS, 1)
                slot = max(nanos(self._clock() - self._started), 0) // slot_nanos
                sliding = self._windows.setdefault(code, _SlidingWindow())
                count = sliding.add(slot)
                if count > limit and sliding.claim_alert(slot):
                    fired = ThresholdAlert(API_NAME, code.wire, count, limit, window)
        if fired is not None and self._alert is not None:
            self._alert[2](fired)

    def count(self, code: ErrorCode) -> int:
        """Errors recorded with ``code``."""
        with self._lock:
            return self._counts.get(code, 0)

    @property
    def unknown(self) -> int:
        """Errors recorded without a code the catalogue knows."""
        with self._lock:
            return self._counts.get(None, 0)

    @property
    def total(self) -> int:
        """Every error recorded."""
        with self._lock:
            return sum(self._counts.values())

    def status_class(self, first_digit: int) -> int:
        """Errors recorded with a status of that class (4 for 4xx); 0 counts
        statuses outside 100-599."""
        with self._lock:
            return self._classes.get(first_digit, 0)
