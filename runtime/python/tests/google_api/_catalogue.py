"""The error catalogue of Google APIs (AIP-193), the Rust runtime's
``GoogleCode``: ``{"error": {"code": 429, "status": "…", "message": "…",
"details": [...]}}``, the code being ``status``, field violations in the
details. Written in the shape the generator writes ``_catalogue.py``; the
tests load it as a package of its own beside the runtime's files
(``tests/packages.py``)."""

from __future__ import annotations

from ._codes import CatalogueCode, CodeInfo, FieldErrorsAt, Retry, Wire, describe

#: The API's name.
API_NAME = "Google"
#: The header carrying the API's retry hint, in seconds.
RETRY_AFTER_HEADER = "Retry-After"
#: Seconds to wait on a throttled reply without a hint.
DEFAULT_RETRY_AFTER_SECS = 30
#: The header carrying the API's request id.
REQUEST_ID_HEADER = "X-Request-Id"
#: Where each part of an error reply lives.
WIRE = Wire(
    code="/error/status",
    integer_code=False,
    message="/error/message",
    details="/error/details",
    code_header=None,
    status="/error/code",
    doc_url=None,
    category=None,
    field_errors=FieldErrorsAt(
        entries="/error/details/*/fieldViolations/*",
        field="field",
        message="description",
        value=None,
    ),
)


class ErrorCode(CatalogueCode):
    """Every code of the Google API, valued by the code as sent on the wire."""

    RESOURCE_EXHAUSTED = "RESOURCE_EXHAUSTED"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    INVALID_ARGUMENT = "INVALID_ARGUMENT"


describe(
    {
        ErrorCode.RESOURCE_EXHAUSTED: CodeInfo(
            status=429,
            category="quota",
            message="Quota exhausted",
            resolution="",
            retry=Retry.THROTTLED,
            requires_reauth=False,
            doc_url="https://cloud.google.com/apis/design/errors#RESOURCE_EXHAUSTED",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
        ErrorCode.UNAUTHENTICATED: CodeInfo(
            status=401,
            category="auth",
            message="Not authenticated",
            resolution="",
            retry=Retry.NEVER,
            requires_reauth=True,
            doc_url="https://cloud.google.com/apis/design/errors#UNAUTHENTICATED",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
        ErrorCode.INVALID_ARGUMENT: CodeInfo(
            status=400,
            category="request",
            message="Invalid argument",
            resolution="",
            retry=Retry.NEVER,
            requires_reauth=False,
            doc_url="https://cloud.google.com/apis/design/errors#INVALID_ARGUMENT",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
    }
)
