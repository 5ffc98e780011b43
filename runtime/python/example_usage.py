"""The README's Python example (between the ``README`` markers), type-checked
(``mypy --strict``) and run by the tests against the committed OFAuth client
(``generated/clients/python`` on ``PYTHONPATH``), with scripted replies
instead of the network."""

from __future__ import annotations

import http.server
import threading
from typing import Callable, List

# --- README example: branch on code, retry, re-auth ---
import urllib.request

from ofauth_errors import ApiError, AuthError, ErrorCode, Reply, RetryPolicy, ValidationError, send_with_retry


def urllib_send(request: urllib.request.Request) -> Callable[[], Reply]:
    """One attempt as ``send_with_retry`` calls it: an error status raises
    ``HTTPError``, which it reads."""

    def send() -> Reply:
        """The reply, or ``HTTPError`` for an error status."""
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()

    return send


def load_profile(send: Callable[[], Reply], sign_in: Callable[[], None]) -> bytes | None:
    """The profile's body, retried as the policy allows; ``None`` when the
    user must sign in again or fix the request."""
    try:
        return send_with_retry(send, policy=RetryPolicy(max_attempts=4))[2]
    except AuthError as err:
        if err.requires_reauth:  # e.g. AUTH_SESSION_EXPIRED
            sign_in()
    except ValidationError as err:
        print([(field_error.field, field_error.message) for field_error in err.field_errors])
    except ApiError as err:
        if err.error_code is ErrorCode.UPSTREAM_UNAVAILABLE:
            print("the upstream is down; the server asks to wait", err.retry_after)
        raise
    return None


# --- end of README example ---


class FlakyProfileServer(http.server.BaseHTTPRequestHandler):
    """Answers 503 ``UPSTREAM_TIMEOUT`` to the first request, then the profile."""

    requests = 0

    def do_GET(self) -> None:
        """One reply, as the attempt's number says."""
        type(self).requests += 1
        first = type(self).requests == 1
        body = b'{"code": "UPSTREAM_TIMEOUT", "error": "slow"}' if first else b'{"name": "Ada"}'
        self.send_response(503 if first else 200)
        self.send_header("Retry-After", "0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the example prints only its verdict."""


def main() -> None:
    """Runs the example against a local server failing once, and on an
    expired session."""
    server = http.server.HTTPServer(("127.0.0.1", 0), FlakyProfileServer)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/profile"
    assert load_profile(urllib_send(urllib.request.Request(url)), lambda: None) == b'{"name": "Ada"}'
    assert FlakyProfileServer.requests == 2
    server.shutdown()
    signed_in: List[bool] = []
    expired: Reply = (401, {}, b'{"code": "AUTH_SESSION_EXPIRED", "error": "expired"}')
    assert load_profile(lambda: expired, lambda: signed_in.append(True)) is None
    assert signed_in == [True]
    print("example ok")


if __name__ == "__main__":
    main()
