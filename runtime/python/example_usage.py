"""The README's Python example, type-checked (``mypy --strict``) and run by
the tests against the committed OFAuth client (``generated/clients/python``
on ``PYTHONPATH``), with a scripted ``send`` instead of the network."""

from __future__ import annotations

import urllib.request
from typing import Callable, List

from ofauth_errors import ApiError, AuthError, ErrorCode, Reply, RetryPolicy, ValidationError, send_with_retry


def urllib_send(request: urllib.request.Request) -> Callable[[], Reply]:
    """A send function for ``send_with_retry``: an error status raises
    ``HTTPError``, which the helper reads."""

    def send() -> Reply:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()

    return send


# --- README example: branch on code, retry, re-auth ---
def load_profile(send: Callable[[], Reply], sign_in: Callable[[], None]) -> bytes | None:
    try:
        _status, _headers, body = send_with_retry(send, policy=RetryPolicy(max_attempts=4))
        return body
    except AuthError as err:
        if err.requires_reauth:  # e.g. AUTH_SESSION_EXPIRED
            sign_in()
        return None
    except ValidationError as err:
        print([(e.field, e.message) for e in err.field_errors])
        return None
    except ApiError as err:
        if err.error_code is ErrorCode.UPSTREAM_UNAVAILABLE:
            print("the upstream is down:", err.retry_after)
        raise
# --- end of README example ---


def scripted(replies: List[Reply]) -> Callable[[], Reply]:
    """A send function answering ``replies`` in turn."""
    queue = list(replies)
    return lambda: queue.pop(0)


def main() -> None:
    transient: Reply = (503, {"Retry-After": "0"}, b'{"code": "UPSTREAM_TIMEOUT", "error": "slow"}')
    assert load_profile(scripted([transient, (200, {}, b"{}")]), lambda: None) == b"{}"
    signed_in: List[bool] = []
    expired: Reply = (401, {}, b'{"code": "AUTH_SESSION_EXPIRED", "error": "expired"}')
    assert load_profile(scripted([expired]), lambda: signed_in.append(True)) is None
    assert signed_in == [True]
    print("example ok")


if __name__ == "__main__":
    main()
