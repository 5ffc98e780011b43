"""A strict reader of JSON error bodies (RFC 8259, nothing more: no NaN or
Infinity), bounded in depth and in the values kept, and the JSON Pointer
(RFC 6901) rules that find each part of a reply, as the Rust runtime's
``json.rs`` has them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import List, Tuple, Union

from ._codes import FieldErrorsAt, Wire

#: Nesting deeper than 64 levels is refused: the whole body then reads as no
#: error body, as in the Rust runtime.
MAX_DEPTH = 64

#: At most 4096 JSON values are kept for one part of a body (its details, or
#: the value holding its field errors); a bigger part is left out.
MAX_VALUES = 4096

#: A JSON value as read from a body.
JsonValue = Union[None, bool, int, float, str, List["JsonValue"], "dict[str, JsonValue]"]

_ARRAY_INDEX = re.compile("0|[1-9][0-9]*")


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
    return int(key) if _ARRAY_INDEX.fullmatch(key) else None


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
class BodyParts:
    """What an error body holds where the catalogue's ``Wire`` says."""

    code: str | None = None
    message: str | None = None
    details: JsonValue = None
    field_entries: Tuple[JsonValue, ...] = ()


def read_error_body(text: str, wire: Wire) -> BodyParts | None:
    """The parts of an error body where ``wire`` says they are, or ``None``
    when ``text`` is not one complete JSON value."""
    complete, body = _parse_json(text)
    if not complete:
        return None

    def at(pointer: str | None) -> tuple[bool, JsonValue]:
        """The value at ``pointer`` in the body, when there is one."""
        keys = _pointer_keys(pointer) if pointer is not None else None
        return (False, None) if keys is None else _descend(body, keys)

    code: str | None = None
    found, value = at(wire.code)
    if found:
        if wire.integer_code:
            if isinstance(value, _IntegerText):
                code = value.text
        elif isinstance(value, str):
            code = value
    found, value = at(wire.message)
    message = value if found and isinstance(value, str) else None
    found, details = at(wire.details)
    if not found or details is None or not _within_budget(details):
        details = None
    entries: Tuple[JsonValue, ...] = ()
    if wire.field_errors is not None:
        pattern = _EntriesPattern(wire.field_errors, wire.details)
        found, scope = pattern.scope(body, details)
        if found:
            entries = tuple(pattern.entries(scope))
    return BodyParts(code, message, details, entries)
