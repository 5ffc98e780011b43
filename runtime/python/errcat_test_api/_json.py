"""The reader of JSON error bodies, a port of the Rust runtime's ``json.rs``:
strict RFC 8259 (no NaN, no Infinity, no byte order mark), nesting at most
64 levels, and only the parts a catalogue's ``Wire`` points at are built
(JSON Pointers, RFC 6901), each within a budget of values; everything else
is read to check the syntax and dropped. A body cut at the size limit keeps
the parts read whole before the cut, as in Rust."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, List, Tuple, Union

from ._codes import Wire

#: Nesting deeper than 64 levels is refused: the whole body then reads as no
#: error body.
MAX_DEPTH = 64

#: At most 4096 JSON values are built for one part of a body (its details,
#: or the value holding its field errors); a bigger part is left out.
MAX_VALUES = 4096

#: A JSON value as read from a body.
JsonValue = Union[None, bool, int, float, str, List["JsonValue"], "dict[str, JsonValue]"]

_ARRAY_INDEX = re.compile("0|[1-9][0-9]*")
_WHITESPACE = re.compile("[ \t\n\r]*")
#: A run of string characters that need no attention.
_PLAIN_TEXT = re.compile('[^"\\\\\x00-\x1f]*')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_HEX4 = re.compile("[0-9a-fA-F]{4}")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

#: The parts of a body that are read: the code, the message, the details and
#: the value holding the field errors (when it is not inside the details).
_CODE, _MESSAGE, _DETAILS, _SCOPE = "code", "message", "details", "scope"


class _IntegerText(int):
    """A JSON integer that remembers its text as written (``-0`` stays so):
    an integer code is its decimal text."""

    text: str

    def __new__(cls, text: str) -> _IntegerText:
        try:
            number = super().__new__(cls, text)
        except ValueError:  # past Python's limit on digits for int(str)
            number = super().__new__(cls, int(Decimal(text)))
        number.text = text
        return number


class _Invalid(Exception):
    """The text does not fit the JSON grammar (or nests too deep) here."""


def pointer_keys(pointer: str) -> list[str] | None:
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


def _descend(value: JsonValue, keys: list[str]) -> tuple[bool, JsonValue]:
    """``(True, the value at keys)`` in a built value, or ``(False, None)``
    when it is not there: an array by its RFC 6901 index (``0``, or digits
    without a leading zero), an object by its key (the last one written)."""
    for key in keys:
        if isinstance(value, list) and _ARRAY_INDEX.fullmatch(key) and int(key) < len(value):
            value = value[int(key)]
        elif isinstance(value, dict) and key in value:
            value = value[key]
        else:
            return False, None
    return True, value


@dataclass
class BodyParts:
    """What an error body holds where the catalogue's ``Wire`` says."""

    #: The code: a string, or in an integer catalogue an integer's text.
    code: str | None = None
    #: The message, when it is a string.
    message: str | None = None
    #: The details, unless null or over the value budget.
    details: JsonValue = None
    #: The value at the fixed part of ``wire.field_errors.entries``, when that
    #: is not inside the details.
    scope: JsonValue = None
    #: The entries of the field errors, in document order.
    field_entries: List[JsonValue] = field(default_factory=list)


class EntriesPattern:
    """``wire.field_errors.entries`` split at its first ``*`` key: the value
    at the fixed prefix holds every entry, the rest leads to each one (a
    ``*`` standing for every element of an array). When the prefix is at or
    below the details, the entries are read in them rather than built twice."""

    def __init__(self, prefix: list[str], rest: list[str], in_details: int | None) -> None:
        self.prefix = prefix
        self.rest = rest
        self.in_details = in_details

    @classmethod
    def of(cls, wire: Wire) -> EntriesPattern | None:
        """The pattern of ``wire.field_errors``, when it gives one that is a
        pointer."""
        keys = pointer_keys(wire.field_errors.entries) if wire.field_errors is not None else None
        if keys is None:
            return None
        star = keys.index("*") if "*" in keys else len(keys)
        details = pointer_keys(wire.details) if wire.details is not None else None
        in_details = len(details) if details is not None and keys[: len(details)] == details else None
        return cls(keys[:star], keys[star:], in_details)

    def entries(self, parts: BodyParts) -> list[JsonValue]:
        """Every entry the pattern names, in document order."""
        if self.in_details is None:
            found, scope = True, parts.scope
        elif parts.details is None:
            found, scope = False, None
        else:
            found, scope = _descend(parts.details, self.prefix[self.in_details :])
        entries: list[JsonValue] = []
        if found:
            self._collect(scope, self.rest, entries)
        return entries

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


#: A part still sought: the keys left on its way, and which part it is.
_Sought = Tuple[List[str], str]


def read_error_body(text: str, cut: bool, wire: Wire) -> BodyParts | None:
    """The parts of an error body where ``wire`` says they are, building only
    those. ``None`` when ``text`` is not one complete JSON value, except that
    a body ``cut`` at the size limit keeps the parts read whole before the
    cut. For a key written twice, the last one counts."""
    pattern = EntriesPattern.of(wire)
    pointers = [(wire.code, _CODE), (wire.message, _MESSAGE), (wire.details, _DETAILS)]
    sought: list[_Sought] = []
    for pointer, part in pointers:
        keys = pointer_keys(pointer) if pointer is not None else None
        if keys is not None:
            sought.append((keys, part))
    if pattern is not None and pattern.in_details is None:
        sought.append((pattern.prefix, _SCOPE))
    parts = BodyParts()
    reader = _Reader(text, wire, parts)
    try:
        reader.seek(0, sought)
        complete = reader.at_end()
    except _Invalid:
        complete = False
    if not complete and not cut:
        return None
    if pattern is not None:
        parts.field_entries = pattern.entries(parts)
    return parts


class _Reader:
    """A recursive-descent reader over the whole text (the Rust ``Reader``):
    each method raises ``_Invalid`` at the first character that does not fit
    the grammar."""

    def __init__(self, text: str, wire: Wire, parts: BodyParts) -> None:
        self.text = text
        self.pos = 0
        self.wire = wire
        self.parts = parts
        #: How many more values may be built; past it values are still read
        #: but containers stop growing, and ``over_budget`` says so.
        self.budget = 0
        self.over_budget = False

    def at_end(self) -> bool:
        self.skip_whitespace()
        return self.pos == len(self.text)

    def skip_whitespace(self) -> None:
        blank = _WHITESPACE.match(self.text, self.pos)
        assert blank is not None  # the pattern matches the empty string
        self.pos = blank.end()

    def peek(self) -> str:
        if self.pos >= len(self.text):
            raise _Invalid
        return self.text[self.pos]

    def keeps_another(self) -> bool:
        if self.budget == 0:
            self.over_budget = True
            return False
        self.budget -= 1
        return True

    def seek(self, depth: int, sought: list[_Sought]) -> None:
        """Reads one value at ``depth``, keeping the parts ``sought`` in it: a
        part whose keys are used up is this value, built within the part's
        budget; the others are sought in the members or elements their next
        key names, and every other value is read without being kept."""
        if depth > MAX_DEPTH:
            raise _Invalid
        here = [part for keys, part in sought if not keys]
        if here or not sought:
            start = self.pos
            self.budget = max((MAX_VALUES if part in (_DETAILS, _SCOPE) else 1 for part in here), default=0)
            self.over_budget = False
            value = self.value(depth)
            if type(value) in (_IntegerText, float) and self.pos == len(self.text):
                raise _Invalid  # a number the text ends on may have been cut short
            if self.over_budget:
                # Too big to keep: the parts here are left out, and those
                # inside it are sought by walking it again.
                for part in here:
                    self.keep(part, None)
                inside = [(keys, part) for keys, part in sought if keys]
                if inside:
                    self.pos = start
                    self.seek(depth, inside)
                return
            for keys, part in sought:
                self.keep(part, _descend(value, keys)[1])
            return
        self.skip_whitespace()
        opening = self.peek()
        if opening == "{":
            self.members(lambda name: self.seek(depth + 1, _inside(sought, name)))
        elif opening == "[":
            self.elements(lambda index: self.seek(depth + 1, _inside(sought, str(index))))
        else:
            self.seek(depth, [])

    def keep(self, part: str, value: JsonValue) -> None:
        """Stores ``value``, read for ``part``, when it has the part's type."""
        if part == _CODE:
            if self.wire.integer_code:
                self.parts.code = value.text if isinstance(value, _IntegerText) else None
            else:
                self.parts.code = value if isinstance(value, str) else None
        elif part == _MESSAGE:
            self.parts.message = value if isinstance(value, str) else None
        elif part == _DETAILS:
            self.parts.details = value
        else:
            self.parts.scope = value

    def value(self, depth: int) -> JsonValue:
        if depth > MAX_DEPTH:
            raise _Invalid
        self.keeps_another()
        self.skip_whitespace()
        first = self.peek()
        if first == "n":
            return self.literal("null", None)
        if first == "t":
            return self.literal("true", True)
        if first == "f":
            return self.literal("false", False)
        if first == '"':
            return self.string()
        if first == "[":
            items: list[JsonValue] = []
            self.elements(lambda _: self.add(items.append, self.value(depth + 1)))
            return items
        if first == "{":
            members: dict[str, JsonValue] = {}
            self.members(lambda name: self.add(lambda value: members.__setitem__(name, value), self.value(depth + 1)))
            return members
        return self.number()

    def add(self, store: Callable[[JsonValue], None], value: JsonValue) -> None:
        """Stores a container's element while the budget lasts."""
        if not self.over_budget:
            store(value)

    def literal(self, word: str, value: JsonValue) -> JsonValue:
        if not self.text.startswith(word, self.pos):
            raise _Invalid
        self.pos += len(word)
        return value

    def elements(self, element: Callable[[int], None]) -> None:
        """Reads an array from its ``[``, handing each element's index to
        ``element``, which reads the element."""
        self.pos += 1
        self.skip_whitespace()
        if self.peek() == "]":
            self.pos += 1
            return
        index = 0
        while True:
            element(index)
            index += 1
            self.skip_whitespace()
            closing = self.peek()
            self.pos += 1
            if closing == "]":
                return
            if closing != ",":
                raise _Invalid

    def members(self, member: Callable[[str], None]) -> None:
        """Reads an object from its ``{``, handing each member's name to
        ``member``, which reads the value."""
        self.pos += 1
        self.skip_whitespace()
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            self.skip_whitespace()
            if self.peek() != '"':
                raise _Invalid
            name = self.string()
            self.skip_whitespace()
            if self.peek() != ":":
                raise _Invalid
            self.pos += 1
            member(name)
            self.skip_whitespace()
            closing = self.peek()
            self.pos += 1
            if closing == "}":
                return
            if closing != ",":
                raise _Invalid

    def number(self) -> JsonValue:
        found = _NUMBER.match(self.text, self.pos)
        if found is None:
            raise _Invalid
        self.pos = found.end()
        text = found.group()
        if found.group(1) is None and found.group(2) is None:
            return _IntegerText(text)
        return float(text)

    def string(self) -> str:
        self.pos += 1
        out = []
        while True:
            plain = _PLAIN_TEXT.match(self.text, self.pos)
            assert plain is not None  # the pattern matches the empty string
            out.append(plain.group())
            self.pos = plain.end()
            special = self.peek()
            self.pos += 1
            if special == '"':
                return "".join(out)
            if special != "\\":
                raise _Invalid  # a control character
            escaped = self.peek()
            self.pos += 1
            if escaped == "u":
                out.append(self.unicode_escape())
            elif escaped in _ESCAPES:
                out.append(_ESCAPES[escaped])
            else:
                raise _Invalid

    def unicode_escape(self) -> str:
        """``\\uXXXX``, joining a surrogate pair; a lone surrogate becomes
        U+FFFD rather than failing the whole body over one character."""
        first = self.hex4()
        if not 0xD800 <= first < 0xDC00:
            return "\ufffd" if 0xDC00 <= first < 0xE000 else chr(first)
        if not self.text.startswith("\\u", self.pos):
            return "\ufffd"
        saved = self.pos
        self.pos += 2
        second = self.hex4()
        if not 0xDC00 <= second < 0xE000:
            self.pos = saved
            return "\ufffd"
        return chr(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))

    def hex4(self) -> int:
        digits = _HEX4.match(self.text, self.pos)
        if digits is None:
            raise _Invalid
        self.pos = digits.end()
        return int(digits.group(), 16)


def _inside(sought: list[_Sought], key: str) -> list[_Sought]:
    """The parts sought below the member or element ``key``."""
    return [(keys[1:], part) for keys, part in sought if keys[0] == key]
