"""The error catalogue of the Test API, the Rust runtime's ``TestCode``
(every retry class, re-authentication, 4xx and 5xx, a message with a line
break) written in the shape the generator writes ``_catalogue.py``: the unit
tests of the runtime read it."""

from __future__ import annotations

from ._codes import CatalogueCode, CodeInfo, Retry, Wire, describe

#: The API's name.
API_NAME = "Test API"
#: The header carrying the API's retry hint, in seconds.
RETRY_AFTER_HEADER = "X-Test-Retry-After"
#: Seconds to wait on a throttled reply without a hint.
DEFAULT_RETRY_AFTER_SECS = 30
#: The header carrying the API's request id.
REQUEST_ID_HEADER = "X-Test-Request-Id"
#: Where each part of an error reply lives.
WIRE = Wire(
    code="/code",
    integer_code=False,
    message="/error",
    details="/details",
    code_header=None,
    status=None,
    doc_url=None,
    category=None,
    field_errors=None,
)


class ErrorCode(CatalogueCode):
    """Every code of the Test API, valued by the code as sent on the wire."""

    INVALID_PARAMETER = "INVALID_PARAMETER"
    INVALID_KEY = "AUTH_INVALID_KEY"
    SESSION_EXPIRED = "AUTH_SESSION_EXPIRED"
    FORBIDDEN = "FORBIDDEN"
    RATE_LIMITED = "RATE_LIMITED"
    INTERNAL = "INTERNAL_ERROR"
    UPSTREAM = "UPSTREAM_ERROR"
    MAINTENANCE = "MAINTENANCE"


describe(
    {
        ErrorCode.INVALID_PARAMETER: CodeInfo(
            status=400,
            category="validation",
            message="A parameter is invalid",
            resolution="",
            retry=Retry.NEVER,
            requires_reauth=False,
            doc_url="https://docs.test.example/errors#INVALID_PARAMETER",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
        ErrorCode.INVALID_KEY: CodeInfo(
            status=401,
            category="auth",
            message="API key is invalid",
            resolution="",
            retry=Retry.NEVER,
            requires_reauth=False,
            doc_url="https://docs.test.example/errors#AUTH_INVALID_KEY",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
        ErrorCode.SESSION_EXPIRED: CodeInfo(
            status=401,
            category="auth",
            message="Session has expired",
            resolution="",
            retry=Retry.NEVER,
            requires_reauth=True,
            doc_url="https://docs.test.example/errors#AUTH_SESSION_EXPIRED",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
        ErrorCode.FORBIDDEN: CodeInfo(
            status=403,
            category="auth",
            message="Not allowed",
            resolution="",
            retry=Retry.NEVER,
            requires_reauth=False,
            doc_url="https://docs.test.example/errors#FORBIDDEN",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
        ErrorCode.RATE_LIMITED: CodeInfo(
            status=429,
            category="rate_limit",
            message="Too many requests",
            resolution="",
            retry=Retry.THROTTLED,
            requires_reauth=False,
            doc_url="https://docs.test.example/errors#RATE_LIMITED",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
        ErrorCode.INTERNAL: CodeInfo(
            status=500,
            category="server",
            message="Internal error\n(second line)",
            resolution="",
            retry=Retry.NEVER,
            requires_reauth=False,
            doc_url="https://docs.test.example/errors#INTERNAL_ERROR",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
        ErrorCode.UPSTREAM: CodeInfo(
            status=502,
            category="server",
            message="Upstream failed",
            resolution="",
            retry=Retry.TRANSIENT,
            requires_reauth=False,
            doc_url="https://docs.test.example/errors#UPSTREAM_ERROR",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
        ErrorCode.MAINTENANCE: CodeInfo(
            status=503,
            category="server",
            message="Down for maintenance",
            resolution="",
            retry=Retry.THROTTLED,
            requires_reauth=False,
            doc_url="https://docs.test.example/errors#MAINTENANCE",
            since=None,
            deprecated=None,
            replaced_by=None,
            retired=False,
        ),
    }
)
