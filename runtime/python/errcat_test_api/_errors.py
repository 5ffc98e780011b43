"""``ApiError`` and its subclasses: everything a client can read from one
error reply, built from its status, headers and body without ever failing,
by the rules of the Rust runtime's ``api_error.rs``, ``kind.rs`` and
``views.rs``."""

from __future__ import annotations

import time
import urllib.error
from dataclasses import dataclass
from typing import Iterable, Literal, Mapping

from ._catalogue import DEFAULT_RETRY_AFTER_SECS, REQUEST_ID_HEADER, RETRY_AFTER_HEADER, WIRE, ErrorCode
from ._codes import FieldErrorsAt, Retry
from ._hints import NANOS_PER_SEC, header_hint, header_key, nanos
from ._json import BodyParts, JsonValue, read_error_body

#: The most bytes of a body ``ApiError.from_parts`` reads: 64 KiB (65536). An
#: error body is a message, a code and a few details, well under a kilobyte;
#: the limit bounds what one hostile reply can cost. A longer body is cut
#: (at a character boundary), only the kept part is read (the parts read
#: whole before the cut are kept) and ``body_truncated`` says so.
DEFAULT_MAX_BODY_BYTES = 64 * 1024

#: The recovery route of an error reply: the snake_case names the Rust,
#: TypeScript and Python clients share.
Kind = Literal["re_authenticate", "auth", "validation", "rate_limited", "transient", "server", "client"]


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
            """The entry's member ``name`` when it is a string."""
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
        parts: BodyParts,
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
        return read_reply(status, headers.items(), body, max_body_bytes, received_at)

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
        return read_reply(err.code, headers, body, max_body_bytes, received_at)

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
        return None if self._retry_hint_nanos is None else self._retry_hint_nanos / NANOS_PER_SEC

    @property
    def retry_hint_nanos(self) -> int | None:
        """The server's hint in whole nanoseconds (``retry_hint`` exactly, as
        ``RetryPolicy`` reads it)."""
        return self._retry_hint_nanos

    @property
    def retry_after(self) -> float | None:
        """How long the server asked to wait, in seconds: its hint when
        valid; for a throttled code without one, the catalogue's default;
        else ``None``. ``RetryPolicy`` caps it before sleeping."""
        nanos = self._retry_after_nanos()
        return None if nanos is None else nanos / NANOS_PER_SEC

    def _retry_after_nanos(self) -> int | None:
        if self._retry_hint_nanos is not None:
            return self._retry_hint_nanos
        if self._error_code is not None and self._error_code.retry is Retry.THROTTLED:
            return DEFAULT_RETRY_AFTER_SECS * NANOS_PER_SEC
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


def read_reply(
    status: int,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    max_body_bytes: int,
    received_at: float | None,
) -> ApiError:
    """Reads one reply, ``headers`` as (name, value) pairs (repeats
    included): the ``ApiError`` subclass of its route."""
    now_nanos = time.time_ns() if received_at is None else nanos(received_at)
    request_id: str | None = None
    header_code: str | None = None
    hint: int | None = None
    request_id_header = header_key(REQUEST_ID_HEADER)
    code_header = header_key(WIRE.code_header) if WIRE.code_header is not None else None
    for name, value in headers:
        lowered = header_key(name)
        if request_id is None and lowered == request_id_header:
            request_id = _plain_request_id(value)
        if header_code is None and lowered == code_header:
            header_code = value.strip(" \t") or None
        this_hint = header_hint(RETRY_AFTER_HEADER, name, value, now_nanos)
        if this_hint is not None and (hint is None or this_hint > hint):
            hint = this_hint
    cut = len(body) > max_body_bytes
    kept = _whole_characters(body[:max_body_bytes]) if cut else bytes(body)
    parts: BodyParts | None = None
    try:
        parts = read_error_body(kept.decode("utf-8"), cut, WIRE)
    except UnicodeDecodeError:
        parts = None
    if parts is None:
        parts = BodyParts()
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
