"""Retry hints as servers send them: the catalogue's own header (seconds,
fractions allowed) and ``Retry-After`` (RFC 9110 §10.2.3: delay-seconds or
an HTTP-date in any of its three forms), read to the nanosecond as the Rust
runtime's ``retry_hint.rs`` and ``http_date.rs`` read them. A huge value
stays huge here; ``RetryPolicy`` caps it."""

from __future__ import annotations

from fractions import Fraction
from typing import Tuple

#: Nanoseconds in a second.
NANOS_PER_SEC = 1_000_000_000
#: The largest 64-bit unsigned integer, where Rust's integers saturate.
U64 = 2**64 - 1
#: The longest wait a hint can ask for: Rust's ``Duration::MAX``.
MAX_DURATION_NANOS = U64 * NANOS_PER_SEC + 999_999_999

#: The standard hint header, read besides the catalogue's own.
_STANDARD_RETRY_HEADER = "retry-after"

#: Unicode White_Space (what Rust's ``str::trim`` strips), which differs from
#: ``str.strip()``'s idea of whitespace.
_WHITE_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_DIGITS = frozenset("0123456789")
#: ASCII upper case to lower case only.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def header_key(name: str) -> str:
    """A header name as HTTP compares it: ASCII letters in lower case, every
    other character as it is (``str.lower`` would fold U+212A KELVIN SIGN to
    ``k``)."""
    return name.translate(_ASCII_LOWER)


def nanos(seconds: float) -> int:
    """``seconds`` as whole nanoseconds, rounded to the nearest."""
    return round(Fraction(seconds) * NANOS_PER_SEC)


def seconds_hint(value: str) -> int | None:
    """A non-negative decimal number of seconds (``30``, ``0.25``) in
    nanoseconds, a fraction rounded up to the next nanosecond; too large a
    number saturates. ``None`` for anything else."""
    value = value.strip(_WHITE_SPACE)
    whole, point, fraction = value.partition(".")
    if not whole or not set(whole) <= _DIGITS or not set(fraction) <= _DIGITS or (point and not fraction):
        return None
    significant = whole.lstrip("0")
    # More digits than a u64 holds saturate (and stay clear of Python's
    # limit on digits for int(str)).
    if len(significant) > len(str(U64)) or int(significant or "0") > U64:
        return MAX_DURATION_NANOS
    secs = int(significant or "0")
    fraction_nanos = int(fraction[:9].ljust(9, "0")) if fraction else 0
    if fraction[9:].strip("0"):
        fraction_nanos += 1
    return min(secs * NANOS_PER_SEC + fraction_nanos, MAX_DURATION_NANOS)


def retry_after_hint(value: str, now_nanos: int) -> int | None:
    """``Retry-After``: delay-seconds (digits only) or an HTTP-date measured
    from ``now_nanos``; a date in the past asks for no delay."""
    value = value.strip(_WHITE_SPACE)
    if value and set(value) <= _DIGITS:
        return seconds_hint(value)
    at = parse_http_date(value)
    if at is None:
        return None
    return max(at * NANOS_PER_SEC - now_nanos, 0)


def header_hint(catalogue_header: str, name: str, value: str, now_nanos: int) -> int | None:
    """The delay a hint header asks for, in nanoseconds: the catalogue's own
    (``catalogue_header``, seconds) or ``Retry-After``; ``None`` for another
    header or a value that is not valid."""
    lowered = header_key(name)
    hints = []
    if lowered == header_key(catalogue_header):
        hints.append(seconds_hint(value))
    if lowered == _STANDARD_RETRY_HEADER:
        hints.append(retry_after_hint(value, now_nanos))
    valid = [hint for hint in hints if hint is not None]
    return max(valid) if valid else None


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_LONG_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def parse_http_date(text: str) -> int | None:
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
