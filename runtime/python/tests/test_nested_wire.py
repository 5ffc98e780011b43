"""A catalogue whose replies nest the code, message and field violations
(Google's AIP-193) is read where its ``WIRE`` says."""

from __future__ import annotations

import json
import unittest
from pathlib import Path
from typing import Any

from .packages import load_catalogue_package

google: Any = load_catalogue_package("errcat_google_test", Path(__file__).resolve().parent / "google_api")

ERROR_INFO = {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "FIELD_INVALID"}


def read(status: int, body: object, headers: dict[str, str] | None = None) -> Any:
    return google.ApiError.from_parts(status, headers or {}, json.dumps(body, separators=(",", ":")).encode())


def violations(err: Any) -> list[tuple[str | None, str | None]]:
    return [(error.field, error.message) for error in err.field_errors]


class NestedWire(unittest.TestCase):
    def test_the_package_has_its_own_catalogue_and_runtime(self) -> None:
        import errcat_test_api

        self.assertEqual(google.API_NAME, "Google")
        self.assertIsNot(google.ApiError, errcat_test_api.ApiError)
        self.assertIsNone(google.ErrorCode.from_code("FORBIDDEN"))

    def test_replies_are_read_in_the_nested_error_with_its_details_array(self) -> None:
        body = {
            "error": {
                "code": 429,
                "message": "Quota exceeded for quota metric 'Queries'",
                "status": "RESOURCE_EXHAUSTED",
                "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED"}],
            }
        }
        err = read(429, body, {"Retry-After": "7"})
        self.assertIsInstance(err, google.RateLimitError)
        self.assertEqual((err.code, err.message), ("RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Queries'"))
        self.assertEqual(err.details[0]["reason"], "RATE_LIMIT_EXCEEDED")
        self.assertEqual((err.kind, err.retry_hint, err.retryable), ("rate_limited", 7.0, True))
        expired = read(401, {"error": {"code": 401, "message": "no", "status": "UNAUTHENTICATED"}})
        self.assertEqual((expired.kind, expired.requires_reauth), ("re_authenticate", True))
        flat = read(401, {"code": "UNAUTHENTICATED"})
        self.assertEqual((flat.code, flat.kind), (None, "auth"))

    def test_field_violations_are_read_from_every_bad_request_detail(self) -> None:
        body = {
            "error": {
                "code": 400,
                "status": "INVALID_ARGUMENT",
                "details": [
                    ERROR_INFO,
                    {"fieldViolations": [{"field": "book.name", "description": "required"}, {"field": "isbn"}]},
                    {"fieldViolations": [{"field": "shelf", "description": "13 digits", "reason": "X"}]},
                ],
            }
        }
        self.assertEqual(
            violations(read(400, body)), [("book.name", "required"), ("isbn", None), ("shelf", "13 digits")]
        )
        self.assertEqual(violations(read(429, body)), [], "only the validation route has field errors")

    def test_only_objects_with_a_string_field_are_field_errors(self) -> None:
        entries = [1, "x", None, [], {"field": 3, "description": "n"}, {"description": "no field"}, {"field": "ok", "description": 5}]
        body = {"error": {"status": "INVALID_ARGUMENT", "details": [{"fieldViolations": entries}]}}
        self.assertEqual(violations(read(400, body)), [("ok", None)])

    def test_a_star_over_anything_but_an_array_gives_no_field_errors(self) -> None:
        for details in [{"fieldViolations": [{"field": "a"}]}, [{"fieldViolations": {"field": "a"}}], "text"]:
            body = {"error": {"status": "INVALID_ARGUMENT", "details": details}}
            self.assertEqual(violations(read(400, body)), [], details)

    def test_field_violations_over_the_value_budget_are_left_out_with_the_details(self) -> None:
        def body(count: int) -> object:
            listed = [{"field": "f"}] * count
            return {"error": {"status": "INVALID_ARGUMENT", "message": "m", "details": [{"fieldViolations": listed}]}}

        self.assertEqual(len(violations(read(400, body(4096 // 2 - 4)))), 4096 // 2 - 4)
        over = read(400, body(4096))
        self.assertEqual((over.code, over.message, over.details, violations(over)), ("INVALID_ARGUMENT", "m", None, []))

    def test_a_body_cut_inside_the_violations_keeps_its_code_but_no_field_errors(self) -> None:
        details = [ERROR_INFO, {"fieldViolations": [{"field": "a", "description": "d"}]}]
        body = json.dumps({"error": {"code": 400, "status": "INVALID_ARGUMENT", "details": details}})
        cut = body.index('"description"')
        err = google.ApiError.from_parts(400, {}, body.encode(), max_body_bytes=cut)
        self.assertTrue(err.body_truncated)
        self.assertEqual((err.code, violations(err)), ("INVALID_ARGUMENT", []))

    def test_a_part_is_read_where_a_repeated_key_first_led_to_it(self) -> None:
        err = google.ApiError.from_parts(400, {}, b'{"error": {"status": "INVALID_ARGUMENT"}, "error": "text"}')
        self.assertEqual(err.code, "INVALID_ARGUMENT")
        later = google.ApiError.from_parts(400, {}, b'{"error": {"status": "INVALID_ARGUMENT"}, "error": {"status": 3}}')
        self.assertIsNone(later.wire_code)


if __name__ == "__main__":
    unittest.main()
