"""Typed errors of the API's catalogue: ``ErrorCode`` (every code and its
entry), ``ApiError`` and its subclasses read from any reply, and the retry
and counting helpers. Standard library only."""

from ._catalogue import API_NAME, ErrorCode
from ._codes import CodeInfo, Retry
from ._errors import DEFAULT_MAX_BODY_BYTES, ApiError, AuthError, FieldError, Kind, RateLimitError, ValidationError
from ._json import JsonValue
from ._retry import DEFAULT_DEADLINE, Reply, RetryBudget, RetryPolicy, send_with_retry
from ._stats import ErrorStats, ThresholdAlert

__all__ = [
    "API_NAME",
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_BODY_BYTES",
    "ApiError",
    "AuthError",
    "CodeInfo",
    "ErrorCode",
    "ErrorStats",
    "FieldError",
    "JsonValue",
    "Kind",
    "RateLimitError",
    "Reply",
    "Retry",
    "RetryBudget",
    "RetryPolicy",
    "ThresholdAlert",
    "ValidationError",
    "send_with_retry",
]
