"""ApiError reads every reply as the Rust runtime's ``ApiError`` does."""

from __future__ import annotations

import email.message
import io
import unittest
import urllib.error
from decimal import Decimal

from errcat_test_api import (
    DEFAULT_MAX_BODY_BYTES,
    ApiError,
    AuthError,
    ErrorCode,
    RateLimitError,
    Retry,
    ValidationError,
)
from errcat_test_api._catalogue import DEFAULT_RETRY_AFTER_SECS, REQUEST_ID_HEADER, RETRY_AFTER_HEADER

#: 1994-11-06T08:49:37Z, RFC 9110's example date, as Unix seconds.
EXAMPLE_TIME = 784_111_777.0


def body_of(code: ErrorCode) -> bytes:
    return ('{"error": "%s", "code": "%s"}' % (code.message.replace("\n", "\\n"), code.wire)).encode()


def read(status: int, body: str) -> ApiError:
    return ApiError.from_parts(status, {}, body.encode())


class KnownAndUnknownCodes(unittest.TestCase):
    def test_every_known_code_is_read_with_its_status_and_route(self) -> None:
        for code in ErrorCode:
            err = ApiError.from_parts(code.status, {}, body_of(code))
            self.assertIs(err.error_code, code)
            self.assertEqual((err.code, err.wire_code, err.message), (code.wire, code.wire, code.message))
            self.assertEqual((err.status, err.category), (code.status, code.category))
            self.assertEqual(err.requires_reauth, code.requires_reauth)
            self.assertIsNone(err.raw_body)
            self.assertTrue(err.is_error)
            if not code.is_retryable:
                self.assertFalse(err.retryable, code)

    def test_bodies_that_are_not_error_bodies_keep_status_and_raw_bytes(self) -> None:
        html = "<html><body>502 Bad Gateway</body></html>"
        for status, body in [(502, ""), (502, html), (500, '{"error": "cut'), (500, "[1, 2]"), (503, "null")]:
            err = read(status, body)
            self.assertEqual(err.status, status)
            self.assertEqual((err.code, err.wire_code, err.message), (None, None, None))
            self.assertEqual(err.raw_body, body.encode(), body)
        binary = ApiError.from_parts(500, {}, b"\xff\x00\xfe")
        self.assertEqual(binary.raw_body, b"\xff\x00\xfe")
        self.assertEqual(str(binary), "HTTP 500: not an error body (3 bytes)")

    def test_a_body_without_code_or_with_an_unknown_code_keeps_what_it_has(self) -> None:
        no_code = read(400, '{"error": "bad request", "details": {"field": "email"}}')
        self.assertEqual((no_code.code, no_code.wire_code, no_code.message), (None, None, "bad request"))
        self.assertEqual(no_code.details, {"field": "email"})
        self.assertEqual(no_code.kind, "validation")
        unknown = read(503, '{"error": "later", "code": "NOT_IN_ANY_CATALOGUE_XYZ", "details": null}')
        self.assertEqual((unknown.code, unknown.wire_code), (None, "NOT_IN_ANY_CATALOGUE_XYZ"))
        self.assertIsNone(unknown.details)
        self.assertEqual((unknown.kind, unknown.retryable), ("transient", True))
        self.assertEqual(str(unknown), "HTTP 503 NOT_IN_ANY_CATALOGUE_XYZ: later")

    def test_a_code_in_a_2xx_reply_makes_it_an_error(self) -> None:
        self.assertFalse(read(200, '{"result": 1}').is_error)
        self.assertTrue(read(200, '{"code": "NEW_CODE"}').is_error)
        self.assertTrue(read(302, "").is_error)

    def test_the_subclass_follows_the_route(self) -> None:
        cases = [
            (401, AuthError, "auth"),
            (403, AuthError, "auth"),
            (400, ValidationError, "validation"),
            (422, ValidationError, "validation"),
            (429, RateLimitError, "rate_limited"),
            (503, ApiError, "transient"),
            (500, ApiError, "server"),
            (404, ApiError, "client"),
        ]
        for status, error_class, kind in cases:
            err = read(status, "")
            self.assertIs(type(err), error_class, status)
            self.assertEqual(err.kind, kind)
        expired = ApiError.from_parts(401, {}, body_of(ErrorCode.SESSION_EXPIRED))
        self.assertIsInstance(expired, AuthError)
        self.assertEqual((expired.kind, expired.requires_reauth), ("re_authenticate", True))
        with self.assertRaises(ApiError):
            raise read(429, "")


class Display(unittest.TestCase):
    def test_display_is_one_line_with_server_controls_escaped(self) -> None:
        err = read(500, '{"error": "line one\\nline two\\u202e", "code": "A\\rB"}')
        self.assertEqual(str(err), "HTTP 500 A\\u{d}B: line one\\u{a}line two\\u{202e}")
        self.assertEqual(str(read(404, "")), "HTTP 404: not an error body (0 bytes)")
        internal = read(500, '{"code": "INTERNAL_ERROR"}')
        self.assertEqual(str(internal), "HTTP 500 INTERNAL_ERROR: Internal error\\u{a}(second line)")


class Headers(unittest.TestCase):
    def test_the_request_id_header_is_found_whatever_its_case(self) -> None:
        for name in [REQUEST_ID_HEADER, REQUEST_ID_HEADER.lower(), REQUEST_ID_HEADER.upper()]:
            err = ApiError.from_parts(500, {"Content-Type": "text/html", name: " req-42 "}, b"")
            self.assertEqual(err.request_id, "req-42")
        self.assertIsNone(read(500, "").request_id)
        self.assertIsNone(ApiError.from_parts(500, {REQUEST_ID_HEADER: " "}, b"").request_id)

    def test_a_request_id_holding_a_control_or_bidi_character_is_left_out(self) -> None:
        for forged in ["req\r\nX-Admin: 1", "req\x00", "req\u202e", "req\u2028", "req\x85"]:
            self.assertIsNone(ApiError.from_parts(500, {REQUEST_ID_HEADER: forged}, b"").request_id, forged)

    def test_the_larger_valid_hint_wins_and_garbage_is_ignored(self) -> None:
        def hint(headers: dict[str, str]) -> float | None:
            return ApiError.from_parts(429, headers, b"", received_at=EXAMPLE_TIME).retry_hint

        self.assertEqual(hint({RETRY_AFTER_HEADER: "3"}), 3.0)
        self.assertEqual(hint({RETRY_AFTER_HEADER: "0.5"}), 0.5)
        self.assertEqual(hint({"retry-after": "Sun, 06 Nov 1994 08:49:47 GMT"}), 10.0)
        self.assertEqual(hint({"Retry-After": "Sun, 06 Nov 1994 08:00:00 GMT"}), 0.0)
        self.assertEqual(hint({RETRY_AFTER_HEADER: "3", "Retry-After": "9"}), 9.0)
        self.assertEqual(hint({RETRY_AFTER_HEADER: "later", "Retry-After": "4"}), 4.0)
        self.assertIsNone(hint({"Retry-After": "0.5"}), "Retry-After takes whole seconds only")
        for garbage in ["", "soon", "-5", "1e9", "NaN"]:
            self.assertIsNone(hint({RETRY_AFTER_HEADER: garbage, "Retry-After": garbage}), garbage)
        self.assertEqual(hint({RETRY_AFTER_HEADER: "1000000000000"}), 1e12)

    def test_retry_after_falls_back_to_the_catalogue_default_only_for_throttled_codes(self) -> None:
        for code in ErrorCode:
            err = ApiError.from_parts(code.status, {}, body_of(code))
            expected = float(DEFAULT_RETRY_AFTER_SECS) if code.retry is Retry.THROTTLED else None
            self.assertEqual(err.retry_after, expected, code)
            hinted = ApiError.from_parts(code.status, {RETRY_AFTER_HEADER: "2"}, body_of(code))
            self.assertEqual(hinted.retry_after, 2.0, code)
        self.assertIsNone(read(429, "").retry_after)


class StrictJson(unittest.TestCase):
    def test_anything_but_one_complete_rfc_8259_value_is_no_error_body(self) -> None:
        for text in [
            '{"code": "FORBIDDEN"',
            '{"code": "FORBIDDEN"} trailing',
            '{"code": "FORBIDDEN", "n": NaN}',
            '{"code": "FORBIDDEN", "n": -Infinity}',
            '\ufeff{"code": "FORBIDDEN"}',
            '{"code": "FORBIDDEN", "n": 01}',
            '{"code": "FORBIDDEN\t"}',
        ]:
            self.assertIsNone(read(403, text).wire_code, text)

    def test_nesting_is_bounded_at_64_levels(self) -> None:
        def nested(depth: int) -> str:
            return '{"code": "FORBIDDEN", "d": %s%s}' % ("[" * depth, "]" * depth)

        self.assertEqual(read(403, nested(64)).code, "FORBIDDEN")
        self.assertIsNone(read(403, nested(65)).code)
        self.assertIsNone(read(403, "[" * 100_000).code)

    def test_lone_surrogates_read_as_replacement_characters(self) -> None:
        err = read(400, '{"code": "X", "error": "a\\ud83e\\udd80b\\ud800c\\udc00"}')
        self.assertEqual(err.message, "a\U0001f980b\ufffdc\ufffd")

    def test_the_last_of_a_repeated_key_wins(self) -> None:
        self.assertEqual(read(403, '{"code": "A", "code": "FORBIDDEN"}').code, "FORBIDDEN")
        self.assertIsNone(read(403, '{"code": "FORBIDDEN", "code": 5}').wire_code)
        details = read(400, '{"code": "X", "details": {"field": "a"}, "details": {"field": "b"}}').details
        self.assertEqual(details, {"field": "b"})

    def test_a_code_must_be_a_string(self) -> None:
        for code in ["1", "true", "null", '["FORBIDDEN"]']:
            self.assertIsNone(read(403, '{"code": %s}' % code).wire_code, code)

    def test_an_integer_past_python_s_digit_limit_is_read_whole(self) -> None:
        digits = "7" * 5000
        err = read(400, '{"code": "X", "details": {"field": "n", "value": %s}}' % digits)
        self.assertEqual(err.wire_code, "X")
        self.assertEqual([entry.value for entry in err.field_errors], [int(Decimal(digits))])

    def test_details_over_4096_values_are_left_out(self) -> None:
        within = read(400, '{"code": "X", "details": [%s]}' % ",".join(["0"] * 4095))
        self.assertIsInstance(within.details, list)
        over = read(400, '{"code": "X", "details": [%s]}' % ",".join(["0"] * 4096))
        self.assertEqual((over.wire_code, over.details), ("X", None))


class BodyLimit(unittest.TestCase):
    def test_a_body_over_64_kib_is_cut_at_a_character_boundary(self) -> None:
        body = ("é" * DEFAULT_MAX_BODY_BYTES).encode()
        err = ApiError.from_parts(502, {}, body)
        self.assertTrue(err.body_truncated)
        self.assertEqual(err.raw_body, body[:DEFAULT_MAX_BODY_BYTES])
        self.assertTrue(str(err).endswith("(body cut at 65536 bytes)"))
        odd = ApiError.from_parts(502, {}, b"a" + body, max_body_bytes=4)
        self.assertEqual(odd.raw_body, b"a\xc3\xa9")
        self.assertFalse(read(502, "x" * DEFAULT_MAX_BODY_BYTES).body_truncated)

    def test_a_body_cut_short_keeps_the_parts_read_whole_before_the_cut(self) -> None:
        long_message = '{"code": "FORBIDDEN", "error": "%s"}' % ("x" * DEFAULT_MAX_BODY_BYTES)
        err = read(403, long_message)
        self.assertTrue(err.body_truncated)
        self.assertEqual((err.code, err.message, err.raw_body), ("FORBIDDEN", None, None))
        self.assertIsInstance(err, AuthError)
        after = read(403, '{"error": "%s", "code": "FORBIDDEN"}' % ("x" * DEFAULT_MAX_BODY_BYTES))
        self.assertEqual((after.wire_code, after.message), (None, None))
        self.assertIsNotNone(after.raw_body)
        self.assertIsNone(read(403, '{"code": "FORBIDDEN", "error": "whole but unfinished').code)


class FromHttpError(unittest.TestCase):
    def test_an_http_error_is_read_with_its_headers_and_body(self) -> None:
        headers = email.message.Message()
        headers["Content-Type"] = "application/json"
        headers[RETRY_AFTER_HEADER] = "4"
        headers[REQUEST_ID_HEADER] = "req-9"
        body = io.BytesIO(body_of(ErrorCode.RATE_LIMITED))
        http_error = urllib.error.HTTPError("https://api.test.example/x", 429, "Too Many", headers, body)
        err = ApiError.from_http_error(http_error)
        self.assertIsInstance(err, RateLimitError)
        self.assertEqual((err.code, err.retry_after, err.request_id), ("RATE_LIMITED", 4.0, "req-9"))

    def test_an_http_error_body_is_read_within_the_limit(self) -> None:
        headers = email.message.Message()
        body = io.BytesIO(b"x" * (DEFAULT_MAX_BODY_BYTES * 4))
        http_error = urllib.error.HTTPError("https://api.test.example/x", 502, "Bad Gateway", headers, body)
        err = ApiError.from_http_error(http_error)
        self.assertTrue(err.body_truncated)
        self.assertEqual(len(err.raw_body or b""), DEFAULT_MAX_BODY_BYTES)
        self.assertEqual(body.tell(), DEFAULT_MAX_BODY_BYTES + 1)


if __name__ == "__main__":
    unittest.main()
