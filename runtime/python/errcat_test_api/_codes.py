"""What a catalogue says about its API and each of its codes: the types the
generated ``_catalogue.py`` is written in, and ``CatalogueCode``, the base of
its ``ErrorCode`` enum. Standard library only."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Mapping, TypeVar


class Retry(enum.Enum):
    """How a client may retry a request that failed with a given code."""

    #: Retrying the same request cannot succeed.
    NEVER = "never"
    #: Retry with exponential backoff, honouring a server hint when given.
    TRANSIENT = "transient"
    #: Retry after the server's delay hint, or the catalogue's default.
    THROTTLED = "throttled"

    @property
    def is_retryable(self) -> bool:
        """Whether a retry can succeed: the class is not ``never``."""
        return self is not Retry.NEVER


@dataclass(frozen=True)
class FieldErrorsAt:
    """Where a validation error lists the request fields it rejects
    (``wire.field_errors``): a JSON Pointer to each entry, in which a ``*``
    key stands for every element of an array, and the entry's members."""

    #: Where each entry is, e.g. ``/error/details/*/fieldViolations/*``.
    entries: str
    #: The entry's member naming the request field; an entry without it as a
    #: string is no field error.
    field: str
    #: The entry's member saying what is wrong.
    message: str | None
    #: The entry's member echoing the rejected value.
    value: str | None


@dataclass(frozen=True)
class Wire:
    """Where each part of an error reply lives, as JSON Pointers (RFC 6901)
    into the body; the defaults describe ``{"error", "code", "details"}``."""

    #: Where the code is.
    code: str = "/code"
    #: Whether the code is a JSON integer, kept as its decimal text.
    integer_code: bool = False
    #: Where the human-readable message is, if the body has one.
    message: str | None = "/error"
    #: Where the details (an object or an array) are, if the body has them.
    details: str | None = "/details"
    #: A response header that carries the code when the body does not.
    code_header: str | None = None
    #: Where the body repeats the HTTP status.
    status: str | None = None
    #: Where the body carries the code's documentation link.
    doc_url: str | None = None
    #: Where the body carries the id of the code's category.
    category: str | None = None
    #: Where a validation error lists its field errors; ``None`` reads them
    #: from the details in the default shapes.
    field_errors: FieldErrorsAt | None = None


@dataclass(frozen=True)
class CodeInfo:
    """One code's catalogue entry."""

    #: The HTTP status the code is sent with.
    status: int
    #: The id of the code's category, e.g. ``auth``.
    category: str
    #: The catalogue's message.
    message: str
    #: What to do about it.
    resolution: str
    #: How a client may retry after it.
    retry: Retry
    #: Whether the user must authenticate again after it.
    requires_reauth: bool
    #: The link to the code's documentation.
    doc_url: str
    #: The catalogue version that introduced it, if stated.
    since: str | None = None
    #: Why servers should stop sending it, when deprecated or retired.
    deprecated: str | None = None
    #: The code that replaces it, as sent on the wire, if any.
    replaced_by: str | None = None
    #: Whether servers no longer send it (it is still recognised).
    retired: bool = False


class CatalogueCode(enum.Enum):
    """Base of a catalogue's ``ErrorCode``: each member's value is the code
    as sent on the wire (an integer code's decimal text), and its catalogue
    entry is in ``info`` (with shortcuts to each part)."""

    @classmethod
    def from_code(cls: type[_Code], wire: str) -> _Code | None:
        """The code sent as ``wire``, or ``None`` when the catalogue does not
        know it (an exact, case-sensitive match)."""
        found = cls._value2member_map_.get(wire)
        return found if isinstance(found, cls) else None

    @property
    def wire(self) -> str:
        """The code as sent on the wire (an integer code's decimal text)."""
        text: str = self.value
        return text

    @property
    def info(self) -> CodeInfo:
        """The code's whole catalogue entry."""
        return _ENTRIES[self]

    @property
    def status(self) -> int:
        """The HTTP status the code is sent with."""
        return self.info.status

    @property
    def category(self) -> str:
        """The id of the code's category."""
        return self.info.category

    @property
    def message(self) -> str:
        """The catalogue's message."""
        return self.info.message

    @property
    def resolution(self) -> str:
        """What to do about it."""
        return self.info.resolution

    @property
    def retry(self) -> Retry:
        """How a client may retry after it."""
        return self.info.retry

    @property
    def is_retryable(self) -> bool:
        """Whether a retry can succeed: the retry class is not ``never``."""
        return self.info.retry.is_retryable

    @property
    def requires_reauth(self) -> bool:
        """Whether the user must authenticate again."""
        return self.info.requires_reauth

    @property
    def doc_url(self) -> str:
        """The link to the code's documentation."""
        return self.info.doc_url


_Code = TypeVar("_Code", bound=CatalogueCode)

#: Every code's entry, filled once by the generated ``_catalogue.py``.
_ENTRIES: dict[CatalogueCode, CodeInfo] = {}


def describe(entries: Mapping[_Code, CodeInfo]) -> None:
    """Records the catalogue entry of every code (called once, by the
    generated ``_catalogue.py``, with one entry per member)."""
    for code, info in entries.items():
        _ENTRIES[code] = info
