"""The client runtime: reading error replies (``ApiError`` and its
subclasses), retrying them (``RetryPolicy``, ``RetryBudget``,
``send_with_retry``) and counting them (``ErrorStats``), for the catalogue in
``_catalogue.py`` beside it. Standard library only, Python 3.9+.

Every rule here is a port of the Rust runtime's (``errcat-runtime``), so the
Rust, TypeScript and Python clients read every reply alike: the shared
conformance vectors (``docs/conformance.json``) check it."""

from __future__ import annotations

import json
import os
import re
import threading
import time
import urllib.error
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Iterable, List, Literal, Mapping, Tuple, Union

from ._catalogue import (
    API_NAME,
    DEFAULT_RETRY_AFTER_SECS,
    REQUEST_ID_HEADER,
    RETRY_AFTER_HEADER,
    WIRE,
    ErrorCode,
)
from ._codes import FieldErrorsAt, Retry

#: The most bytes of a body ``ApiError.from_parts`` reads: 64 KiB (65536). An
#: error body is a message, a code and a few details, well under a kilobyte;
#: the limit bounds what one hostile reply can cost. A longer body is cut
#: (at a character boundary), and only the kept part is read: strictly, so a
#: JSON body cut short reads as no error body at all (``body_truncated`` says
#: so).
DEFAULT_MAX_BODY_BYTES = 64 * 1024

#: Nesting deeper than 64 levels is refused: the whole body then reads as no
#: error body, as in the Rust runtime.
MAX_DEPTH = 64

#: At most 4096 JSON values are kept for one part of a body (its details, or
#: the value holding its field errors); a bigger part is left out.
MAX_VALUES = 4096

#: The recovery route of an error reply: the snake_case names the Rust,
#: TypeScript and Python clients share.
Kind = Literal["re_authenticate", "auth", "validation", "rate_limited", "transient", "server", "client"]

#: A JSON value as read from a body.
JsonValue = Union[None, bool, int, float, str, List["JsonValue"], "dict[str, JsonValue]"]

_NANOS_PER_SEC = 1_000_000_000
#: The longest wait a server hint can ask for: Rust's ``Duration::MAX``.
_MAX_DURATION_NANOS = (2**64 - 1) * _NANOS_PER_SEC + 999_999_999
_U64 = 2**64 - 1

#: The standard hint header, read besides the catalogue's own.
_STANDARD_RETRY_HEADER = "retry-after"

#: Unicode White_Space (what Rust's ``str::trim`` strips), which differs from
#: ``str.strip()``'s idea of whitespace.
_WHITE_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_DIGITS = frozenset("0123456789")
#: ASCII upper case to lower case only, as HTTP header names compare.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

# ---------------------------------------------------------------- the route


def _kind_of(status: int, code: ErrorCode | None) -> Kind:
    """The route for a reply with ``status`` and, when the body carried a
    known code, that ``code``: from the code's entry (re-auth flag, retry
    class) first, then from the status alone."""
    if code is not None:
        if code.requires_reauth:
            return "re_authenticate"
        if code.retry is Retry.THROTTLED:
            return "rate_limited"
        if code.retry is Retry.TRANSIENT:
            return "transient"
    if status in (401, 403):
        return "auth"
    if status in (400, 422):
        return "validation"
    if status == 429:
        return "rate_limited"
    if 502 <= status <= 504 and code is None:
        return "transient"
    if 500 <= status <= 599:
        return "server"
    return "client"


# ---------------------------------------------------------------- JSON


class _IntegerText(int):
    """A JSON integer that remembers its text as written (``-0`` stays so)."""

    text: str

    def __new__(cls, text: str) -> _IntegerText:
        number = super().__new__(cls, text)
        number.text = text
        return number


def _refuse_constant(name: str) -> JsonValue:
    raise ValueError(f"{name} is not JSON")


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse_json(text: str) -> tuple[bool, JsonValue]:
    """``(True, value)`` when ``text`` is exactly one JSON value (RFC 8259:
    no NaN or Infinity) nested at most ``MAX_DEPTH`` levels, else
    ``(False, None)``. A lone surrogate escape reads as U+FFFD."""
    try:
        value: JsonValue = json.loads(text, parse_int=_IntegerText, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return False, None
    if _too_deep(value):
        return False, None
    if _SURROGATE_ESCAPE.search(text):
        value = _without_surrogates(value)
    return True, value


def _too_deep(value: JsonValue) -> bool:
    stack: list[tuple[JsonValue, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(item, list):
            stack.extend((element, depth + 1) for element in item)
        elif isinstance(item, dict):
            stack.extend((element, depth + 1) for element in item.values())
    return False


def _without_surrogates(value: JsonValue) -> JsonValue:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_SURROGATE.sub("\ufffd", key): _without_surrogates(item) for key, item in value.items()}
    return value


def _within_budget(value: JsonValue) -> bool:
    """Whether ``value`` holds at most ``MAX_VALUES`` values, itself included."""
    count = 0
    stack = [value]
    while stack:
        item = stack.pop()
        count += 1
        if count > MAX_VALUES:
            return False
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return True


def _pointer_keys(pointer: str) -> list[str] | None:
    """The keys of an RFC 6901 JSON Pointer, ``~1`` and ``~0`` unescaped;
    ``None`` for text that is not a pointer (no leading ``/``, or a ``~`` not
    followed by ``0`` or ``1``)."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        return None
    keys = []
    for key in pointer[1:].split("/"):
        if re.search("~(?![01])", key):
            return None
        keys.append(key.replace("~1", "/").replace("~0", "~"))
    return keys


def _array_index(key: str) -> int | None:
    """An RFC 6901 array index: ``0``, or ASCII digits without a leading zero."""
    if key == "0" or (key and key[0] != "0" and all(c in _DIGITS for c in key)):
        return int(key)
    return None


def _descend(value: JsonValue, keys: list[str]) -> tuple[bool, JsonValue]:
    """``(True, the value at keys)``, or ``(False, None)`` when it is not there."""
    for key in keys:
        if isinstance(value, list):
            index = _array_index(key)
            if index is None or index >= len(value):
                return False, None
            value = value[index]
        elif isinstance(value, dict) and key in value:
            value = value[key]
        else:
            return False, None
    return True, value


class _EntriesPattern:
    """``wire.field_errors.entries`` split at its first ``*`` key: the value
    at the fixed prefix holds every entry, the rest leads to each one. When
    the prefix is at or below the details, the entries are read in them."""

    def __init__(self, at: FieldErrorsAt, details: str | None) -> None:
        keys = _pointer_keys(at.entries) or []
        star = keys.index("*") if "*" in keys else len(keys)
        self.prefix = keys[:star]
        self.rest = keys[star:]
        details_keys = _pointer_keys(details) if details is not None else None
        self.in_details: int | None = None
        if details_keys is not None and self.prefix[: len(details_keys)] == details_keys:
            self.in_details = len(details_keys)

    def scope(self, body: JsonValue, details: JsonValue) -> tuple[bool, JsonValue]:
        """The value holding every entry, within the value budget."""
        if self.in_details is not None:
            if details is None:
                return False, None
            return _descend(details, self.prefix[self.in_details :])
        found, value = _descend(body, self.prefix)
        if found and not _within_budget(value):
            return False, None
        return found, value

    def entries(self, scope: JsonValue) -> list[JsonValue]:
        """Every entry the pattern names from ``scope``, in document order; a
        ``*`` over anything but an array names nothing."""
        found: list[JsonValue] = []
        self._collect(scope, self.rest, found)
        return found

    def _collect(self, value: JsonValue, keys: list[str], found: list[JsonValue]) -> None:
        if not keys:
            found.append(value)
        elif keys[0] == "*":
            if isinstance(value, list):
                for item in value:
                    self._collect(item, keys[1:], found)
        else:
            there, child = _descend(value, keys[:1])
            if there:
                self._collect(child, keys[1:], found)


@dataclass(frozen=True)
class _BodyParts:
    """What an error body holds where the catalogue's ``WIRE`` says."""

    code: str | None = None
    message: str | None = None
    details: JsonValue = None
    field_entries: Tuple[JsonValue, ...] = ()


def _read_error_body(text: str) -> _BodyParts | None:
    """The parts of an error body, or ``None`` when ``text`` is not one
    complete JSON value."""
    complete, body = _parse_json(text)
    if not complete:
        return None

    def at(pointer: str | None) -> tuple[bool, JsonValue]:
        keys = _pointer_keys(pointer) if pointer is not None else None
        return (False, None) if keys is None else _descend(body, keys)

    code: str | None = None
    found, value = at(WIRE.code)
    if found:
        if WIRE.integer_code:
            if isinstance(value, _IntegerText):
                code = value.text
        elif isinstance(value, str):
            code = value
    found, value = at(WIRE.message)
    message = value if found and isinstance(value, str) else None
    found, details = at(WIRE.details)
    if not found or details is None or not _within_budget(details):
        details = None
    entries: Tuple[JsonValue, ...] = ()
    if WIRE.field_errors is not None:
        pattern = _EntriesPattern(WIRE.field_errors, WIRE.details)
        found, scope = pattern.scope(body, details)
        if found:
            entries = tuple(pattern.entries(scope))
    return _BodyParts(code, message, details, entries)


# ---------------------------------------------------------------- retry hints


def _nanos(seconds: float) -> int:
    """``seconds`` as whole nanoseconds, rounded to the nearest."""
    return round(Fraction(seconds) * _NANOS_PER_SEC)


def _seconds_hint(value: str) -> int | None:
    """A non-negative decimal number of seconds (``30``, ``0.25``) in
    nanoseconds, a fraction rounded up to the next nanosecond; too large a
    number saturates. ``None`` for anything else."""
    value = value.strip(_WHITE_SPACE)
    whole, point, fraction = value.partition(".")
    if not whole or not set(whole) <= _DIGITS or not set(fraction) <= _DIGITS or (point and not fraction):
        return None
    secs = int(whole)
    if secs > _U64:
        return _MAX_DURATION_NANOS
    nanos = int(fraction[:9].ljust(9, "0")) if fraction else 0
    if fraction[9:].strip("0"):
        nanos += 1
    return min(secs * _NANOS_PER_SEC + nanos, _MAX_DURATION_NANOS)


def _retry_after_hint(value: str, now_nanos: int) -> int | None:
    """``Retry-After``: delay-seconds (digits only) or an HTTP-date measured
    from ``now_nanos``; a date in the past asks for no delay."""
    value = value.strip(_WHITE_SPACE)
    if value and set(value) <= _DIGITS:
        return _seconds_hint(value)
    at = _parse_http_date(value)
    if at is None:
        return None
    return max(at * _NANOS_PER_SEC - now_nanos, 0)


def _header_hint(name: str, value: str, now_nanos: int) -> int | None:
    """The delay a hint header asks for, in nanoseconds: the catalogue's own
    (seconds) or ``Retry-After``; ``None`` for another header or a value that
    is not valid."""
    lowered = name.translate(_ASCII_LOWER)
    hints = []
    if lowered == RETRY_AFTER_HEADER.translate(_ASCII_LOWER):
        hints.append(_seconds_hint(value))
    if lowered == _STANDARD_RETRY_HEADER:
        hints.append(_retry_after_hint(value, now_nanos))
    valid = [hint for hint in hints if hint is not None]
    return max(valid) if valid else None


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_LONG_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _parse_http_date(text: str) -> int | None:
    """The Unix time (seconds) an HTTP-date names (RFC 9110 §5.6.7), or
    ``None``: IMF-fixdate ``Sun, 06 Nov 1994 08:49:37 GMT``, RFC 850
    ``Sunday, 06-Nov-94 08:49:37 GMT`` (a two-digit year below 70 is in the
    2000s) and asctime ``Sun Nov  6 08:49:37 1994``."""
    text = text.strip(_WHITE_SPACE)
    if not text.isascii():
        return None
    date = _imf_fixdate(text) or _rfc850(text) or _asctime(text)
    if date is None:
        return None
    year, month, day, hour, minute, second = date
    return _days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second


_Date = Tuple[int, int, int, int, int, int]


def _imf_fixdate(text: str) -> _Date | None:
    weekday, comma, rest = text.partition(", ")
    if not comma or weekday not in _DAYS:
        return None
    parts = rest.split(" ")
    if len(parts) != 5 or parts[4] != "GMT":
        return None
    day, month, year, clock = _two_digits(parts[0]), _month(parts[1]), _four_digits(parts[2]), _time_of_day(parts[3])
    if day is None or month is None or year is None or clock is None:
        return None
    return _validated(year, month, day, clock)


def _rfc850(text: str) -> _Date | None:
    weekday, comma, rest = text.partition(", ")
    if not comma or weekday not in _LONG_DAYS:
        return None
    parts = rest.split(" ")
    if len(parts) != 3 or parts[2] != "GMT":
        return None
    date = parts[0].split("-")
    if len(date) != 3:
        return None
    day, month, short_year, clock = _two_digits(date[0]), _month(date[1]), _two_digits(date[2]), _time_of_day(parts[1])
    if day is None or month is None or short_year is None or clock is None:
        return None
    year = 2000 + short_year if short_year < 70 else 1900 + short_year
    return _validated(year, month, day, clock)


def _asctime(text: str) -> _Date | None:
    if len(text) < 10 or text[3] != " " or text[:3] not in _DAYS or text[7] != " ":
        return None
    month = _month(text[4:7])
    day_text = text[8:10]
    day = _two_digits(day_text[1:] if day_text.startswith(" ") else day_text)
    rest = text[10:]
    if not rest.startswith(" "):
        return None
    parts = rest[1:].split(" ")
    if len(parts) != 2:
        return None
    clock, year = _time_of_day(parts[0]), _four_digits(parts[1])
    if month is None or day is None or clock is None or year is None:
        return None
    return _validated(year, month, day, clock)


def _month(name: str) -> int | None:
    return _MONTHS.index(name) + 1 if name in _MONTHS else None


def _digits(text: str) -> int | None:
    return int(text) if text and set(text) <= _DIGITS else None


def _two_digits(text: str) -> int | None:
    return _digits(text) if 1 <= len(text) <= 2 else None


def _four_digits(text: str) -> int | None:
    return _digits(text) if len(text) == 4 else None


def _time_of_day(text: str) -> tuple[int, int, int] | None:
    fields = text.split(":")
    if len(fields) != 3 or any(len(field) != 2 for field in fields):
        return None
    hour, minute, second = (_digits(field) for field in fields)
    if hour is None or minute is None or second is None:
        return None
    return hour, minute, second


def _validated(year: int, month: int, day: int, clock: tuple[int, int, int]) -> _Date | None:
    leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
    month_days = 29 if month == 2 and leap else 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    hour, minute, second = clock
    # Second 60 is a leap second, which Unix time folds into the next.
    if not (1 <= day <= month_days and hour < 24 and minute < 60 and second <= 60):
        return None
    return year, month, day, hour, minute, second


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
    ``days_from_civil``)."""
    year = year - 1 if month <= 2 else year
    era, year_of_era = divmod(year, 400)
    shifted_month = month - 3 if month > 2 else month + 9
    day_of_year = (153 * shifted_month + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


# ---------------------------------------------------------------- ApiError


def _is_escaped(c: str) -> bool:
    """A control character (Cc), U+2028, U+2029 or a bidi control: what
    ``str(error)`` writes as an escape, and what a request id may not hold."""
    point = ord(c)
    return (
        point < 0x20
        or 0x7F <= point <= 0x9F
        or c in "\u2028\u2029\u061c\u200e\u200f"
        or 0x202A <= point <= 0x202E
        or 0x2066 <= point <= 0x2069
    )


def _server_text(text: str) -> str:
    """``text`` for one log line: what ``_is_escaped`` names written as
    ``\\u{202e}``, so server text can neither forge a line nor reorder one."""
    return "".join("\\u{%x}" % ord(c) if _is_escaped(c) else c for c in text)


def _plain_request_id(value: str) -> str | None:
    """The request id without surrounding spaces and tabs; ``None`` when
    empty or holding a character ``_is_escaped`` names (left out whole rather
    than passed on altered)."""
    value = value.strip(" \t")
    if not value or any(_is_escaped(c) for c in value):
        return None
    return value


def _known_code(sent: str) -> tuple[ErrorCode | None, str]:
    """The catalogue's code for ``sent`` and the wire code to report: the code
    written exactly so, else AWS's long forms as smithy-rs reads them (the
    part before the first ``:``, then after the last ``#``), reported by the
    name they were found under."""
    code = ErrorCode.from_code(sent)
    if code is not None:
        return code, sent
    name = sent.split(":", 1)[0].rsplit("#", 1)[-1]
    code = ErrorCode.from_code(name)
    if code is not None and name != sent:
        return code, name
    return None, sent


def _whole_characters(data: bytes) -> bytes:
    """``data`` without a UTF-8 character cut in two at its end, so that a
    body cut at the limit stays text when it was."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":
            return data[: err.start]
    return data


@dataclass(frozen=True)
class FieldError:
    """One request field the server rejected."""

    #: The request field, e.g. ``email``, to highlight in the UI.
    field: str | None
    #: What is wrong with it.
    message: str | None
    #: The rejected value, when the server echoed it (see ``has_value``).
    value: JsonValue = None
    #: Whether the entry had the value member at all (its value may be null).
    has_value: bool = False

    @classmethod
    def _read(cls, entry: JsonValue, at: FieldErrorsAt) -> FieldError:
        if not isinstance(entry, dict):
            return cls(None, None)

        def text(name: str | None) -> str | None:
            found = entry.get(name) if name is not None else None
            return found if isinstance(found, str) else None

        has_value = at.value is not None and at.value in entry
        return cls(text(at.field), text(at.message), entry.get(at.value) if at.value else None, has_value)


#: The members of an entry in the default shapes of ``details``.
_DEFAULT_MEMBERS = FieldErrorsAt(entries="/details", field="field", message="message", value="value")


class ApiError(Exception):
    """An error reply from the API, with what could be read from it.

    Built by ``from_parts`` or ``from_http_error``, which never fail: an empty
    body, an HTML page, truncated JSON, a body without a code or with a code
    the catalogue does not know all give an ``ApiError`` keeping the status.
    The subclass follows the route: ``AuthError`` (``re_authenticate`` and
    ``auth``), ``ValidationError`` (``validation``), ``RateLimitError``
    (``rate_limited``)."""

    def __init__(
        self,
        status: int,
        error_code: ErrorCode | None,
        wire_code: str | None,
        parts: _BodyParts,
        request_id: str | None,
        retry_hint_nanos: int | None,
        raw_body: bytes | None,
        cut_at: int | None,
    ) -> None:
        """Use ``from_parts`` or ``from_http_error`` rather than this."""
        self._status = status
        self._error_code = error_code
        self._wire_code = wire_code
        self._parts = parts
        self._request_id = request_id
        self._retry_hint_nanos = retry_hint_nanos
        self._raw_body = raw_body
        self._cut_at = cut_at
        super().__init__(self._describe())

    @classmethod
    def from_parts(
        cls,
        status: int,
        headers: Mapping[str, str],
        body: bytes,
        *,
        received_at: float | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ) -> ApiError:
        """Reads a reply: ``headers`` match case-insensitively; at most
        ``max_body_bytes`` of ``body`` are kept. ``received_at`` (Unix
        seconds, default now) is when it arrived, from which a
        ``Retry-After`` HTTP-date is measured."""
        return _read(status, headers.items(), body, max_body_bytes, received_at)

    @classmethod
    def from_http_error(
        cls,
        err: urllib.error.HTTPError,
        *,
        received_at: float | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ) -> ApiError:
        """Reads ``urllib``'s ``HTTPError``: its status, every header and at
        most ``max_body_bytes`` (+1, to tell a longer body) of its body."""
        body = b""
        if err.fp is not None:
            try:
                body = err.read(max_body_bytes + 1)
            except OSError:
                body = b""
        headers = err.headers.items() if err.headers is not None else []
        return _read(err.code, headers, body, max_body_bytes, received_at)

    @property
    def status(self) -> int:
        """The HTTP status of the reply."""
        return self._status

    @property
    def code(self) -> str | None:
        """The code, when the catalogue knows it (as ``ErrorCode`` spells it)."""
        return self._error_code.wire if self._error_code is not None else None

    @property
    def error_code(self) -> ErrorCode | None:
        """The code as the ``ErrorCode`` member, when the catalogue knows it."""
        return self._error_code

    @property
    def wire_code(self) -> str | None:
        """The code as sent (body, else code header), known or not; a known
        code sent in an AWS long form is its name alone. An integer code is
        its decimal text."""
        return self._wire_code

    @property
    def message(self) -> str | None:
        """The body's message as sent."""
        return self._parts.message

    @property
    def details(self) -> JsonValue:
        """The body's details, when present and not null (else ``None``)."""
        return self._parts.details

    @property
    def request_id(self) -> str | None:
        """The request id from the catalogue's request-id header, trimmed."""
        return self._request_id

    @property
    def raw_body(self) -> bytes | None:
        """The body as received when it was not an error body (the kept part
        when cut)."""
        return self._raw_body

    @property
    def body_truncated(self) -> bool:
        """Whether the body was longer than the limit and cut."""
        return self._cut_at is not None

    @property
    def category(self) -> str | None:
        """The id of the code's category, when the code is known."""
        return self._error_code.category if self._error_code is not None else None

    @property
    def is_error(self) -> bool:
        """Whether the reply is an error: it carried a code (body or code
        header), whatever its status, or its status is not 2xx."""
        return self._wire_code is not None or not 200 <= self._status < 300

    @property
    def kind(self) -> Kind:
        """The recovery route: from the code's entry (re-auth flag, retry
        class) when the code is known, else from the status alone."""
        return _kind_of(self._status, self._error_code)

    @property
    def retry_hint(self) -> float | None:
        """The server's hint exactly as sent, in seconds: the larger of the
        catalogue's header and ``Retry-After``, uncapped."""
        return None if self._retry_hint_nanos is None else self._retry_hint_nanos / _NANOS_PER_SEC

    @property
    def retry_after(self) -> float | None:
        """How long the server asked to wait, in seconds: its hint when
        valid; for a throttled code without one, the catalogue's default;
        else ``None``. ``RetryPolicy`` caps it before sleeping."""
        nanos = self._retry_after_nanos()
        return None if nanos is None else nanos / _NANOS_PER_SEC

    def _retry_after_nanos(self) -> int | None:
        if self._retry_hint_nanos is not None:
            return self._retry_hint_nanos
        if self._error_code is not None and self._error_code.retry is Retry.THROTTLED:
            return DEFAULT_RETRY_AFTER_SECS * _NANOS_PER_SEC
        return None

    @property
    def requires_reauth(self) -> bool:
        """Whether the user must authenticate again (the code says so)."""
        return self._error_code is not None and self._error_code.requires_reauth

    @property
    def retryable(self) -> bool:
        """Whether retrying can succeed: the route is ``rate_limited`` or
        ``transient``, and a known code does not forbid it."""
        route_retries = self.kind in ("rate_limited", "transient")
        return route_retries and (self._error_code is None or self._error_code.is_retryable)

    @property
    def field_errors(self) -> list[FieldError]:
        """Each field the server complained about, in its order; only on the
        ``validation`` route (empty otherwise). Read where the catalogue's
        ``wire.field_errors`` says (an entry counts when its field is a
        string), else from ``details`` as one ``{field, message, value}``
        entry or an array of them in ``details``, ``details.errors`` or
        ``details.fields`` (an entry counts with a field or a message)."""
        if self.kind != "validation":
            return []
        if WIRE.field_errors is not None:
            at = WIRE.field_errors
            read = (FieldError._read(entry, at) for entry in self._parts.field_entries)
            return [error for error in read if error.field is not None]
        details = self._parts.details
        if details is None:
            return []
        entries: list[JsonValue] = [details]
        if isinstance(details, list):
            entries = details
        elif isinstance(details, dict):
            for member in ("errors", "fields"):
                listed = details.get(member)
                if isinstance(listed, list):
                    entries = listed
                    break
        read = (FieldError._read(entry, _DEFAULT_MEMBERS) for entry in entries)
        return [error for error in read if error.field is not None or error.message is not None]

    def _describe(self) -> str:
        """One line: ``HTTP 429 RATE_LIMITED: Too many requests``."""
        line = f"HTTP {self._status}"
        if self._wire_code is not None:
            line += " " + _server_text(self._wire_code)
        if self._parts.message is not None:
            line += ": " + _server_text(self._parts.message)
        elif self._error_code is not None:
            line += ": " + _server_text(self._error_code.message)
        elif self._raw_body is not None:
            line += f": not an error body ({len(self._raw_body)} bytes)"
        if self._cut_at is not None:
            line += f" (body cut at {self._cut_at} bytes)"
        return line

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._describe()!r})"


class AuthError(ApiError):
    """An authentication or authorization failure (``re_authenticate`` or
    ``auth``): sign in again when ``requires_reauth``, else the credentials or
    permissions are wrong."""


class ValidationError(ApiError):
    """A request the server refused as invalid (``validation``): show the
    user ``field_errors``."""


class RateLimitError(ApiError):
    """Too many requests (``rate_limited``): wait ``retry_after``, then retry."""


_CLASS_BY_KIND: Mapping[str, type[ApiError]] = {
    "re_authenticate": AuthError,
    "auth": AuthError,
    "validation": ValidationError,
    "rate_limited": RateLimitError,
}


def _read(
    status: int,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    max_body_bytes: int,
    received_at: float | None,
) -> ApiError:
    now_nanos = time.time_ns() if received_at is None else _nanos(received_at)
    request_id: str | None = None
    header_code: str | None = None
    hint: int | None = None
    request_id_header = REQUEST_ID_HEADER.translate(_ASCII_LOWER)
    code_header = WIRE.code_header.translate(_ASCII_LOWER) if WIRE.code_header is not None else None
    for name, value in headers:
        lowered = name.translate(_ASCII_LOWER)
        if request_id is None and lowered == request_id_header:
            request_id = _plain_request_id(value)
        if header_code is None and lowered == code_header:
            header_code = value.strip(" \t") or None
        this_hint = _header_hint(name, value, now_nanos)
        if this_hint is not None and (hint is None or this_hint > hint):
            hint = this_hint
    cut = len(body) > max_body_bytes
    kept = _whole_characters(body[:max_body_bytes]) if cut else bytes(body)
    parts: _BodyParts | None = None
    try:
        parts = _read_error_body(kept.decode("utf-8"))
    except UnicodeDecodeError:
        parts = None
    if parts is None:
        parts = _BodyParts()
    is_error_body = parts.code is not None or parts.message is not None
    sent = parts.code if parts.code is not None else header_code
    error_code, wire_code = _known_code(sent) if sent is not None else (None, None)
    error_class = _CLASS_BY_KIND.get(_kind_of(status, error_code), ApiError)
    return error_class(
        status,
        error_code,
        wire_code,
        parts,
        request_id,
        hint,
        None if is_error_body else kept,
        max_body_bytes if cut else None,
    )


# ---------------------------------------------------------------- retrying

#: splitmix64's increment (the golden ratio in 64 bits).
_GAMMA = 0x9E3779B97F4A7C15


class _SplitMix64:
    """A seedable, thread-safe pseudo-random sequence (splitmix64, the Rust
    runtime's jitter source, so a seed gives the same delays in both); not
    for cryptography."""

    def __init__(self, seed: int) -> None:
        self._state = seed & _U64
        self._lock = threading.Lock()

    def next_u64(self) -> int:
        with self._lock:
            self._state = (self._state + _GAMMA) & _U64
            z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _U64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _U64
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
        self._base_delay = _nanos(base_delay)
        self._max_delay = _nanos(max_delay)
        self._jitter = jitter
        self._max_hint = _nanos(max_hint)
        self._rng = _SplitMix64(int.from_bytes(os.urandom(8), "little") if seed is None else seed)

    @property
    def max_attempts(self) -> int:
        """The most attempts made in all, the first one included."""
        return self._max_attempts

    @property
    def max_hint(self) -> float:
        """The longest a server hint is honoured, in seconds."""
        return self._max_hint / _NANOS_PER_SEC

    def next_delay(self, attempt: int, err: ApiError) -> float | None:
        """How long to wait (seconds) before the next attempt, or ``None`` to
        stop: the error is not retryable, or ``attempt`` (the attempts made so
        far, 1 after the first failure) has reached the maximum."""
        if attempt >= self._max_attempts or not err.retryable:
            return None
        hint = err._retry_hint_nanos
        if hint is not None:
            hint = min(hint, self._max_hint)
        if err.kind == "rate_limited":
            delay = hint if hint is not None else min(DEFAULT_RETRY_AFTER_SECS * _NANOS_PER_SEC, self._max_hint)
        else:
            backoff = self._backoff(attempt)
            delay = backoff if hint is None else max(hint, backoff)
        return delay / _NANOS_PER_SEC

    def _backoff(self, attempt: int) -> int:
        doublings = min(max(attempt - 1, 0), 63)
        factor = 1 << doublings if doublings < 32 else 2**32 - 1
        product = self._base_delay * factor
        ceiling = self._max_delay if product > _MAX_DURATION_NANOS else min(product, self._max_delay)
        if not self._jitter:
            return ceiling
        return self._rng.up_to(min(ceiling, _U64))


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


#: A reply as a send function returns it: (status, headers, body).
Reply = Tuple[int, Mapping[str, str], bytes]


def send_with_retry(
    send: Callable[[], Reply],
    *,
    policy: RetryPolicy | None = None,
    budget: RetryBudget | None = None,
    stats: ErrorStats | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Reply:
    """Calls ``send`` until it succeeds or ``policy`` (default
    ``RetryPolicy()``) says stop, sleeping its delays; returns the success.

    ``send`` returns a reply or raises ``urllib.error.HTTPError``. A reply
    that ``ApiError`` reads as an error (a code in the body, or a status
    outside 2xx) is one; any other exception ``send`` raises is passed on
    untouched. With a ``budget``, each retry must be paid for and each
    success refills it; ``stats`` counts every failed attempt. Raises the
    last ``ApiError`` when it stops."""
    policy = policy if policy is not None else RetryPolicy()
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
        if delay is None or (budget is not None and not budget.try_acquire(err)):
            raise err
        sleep(delay)


# ---------------------------------------------------------------- counting

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
                slot_nanos = max(_nanos(window) // ALERT_SLOTS, 1)
                slot = max(_nanos(self._clock() - self._started), 0) // slot_nanos
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
